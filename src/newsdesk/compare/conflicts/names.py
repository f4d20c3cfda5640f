"""Name conflicts: one person spelled in a way no normal variant explains.

Spellings are gathered per person: the entity the facts stage resolved them to, or, for
names it kept apart, two names whose spellings are close *and* that share a context (the
same role, the same given name, or sentences that state the same claim). Romanisation,
hyphenation, diacritics and initials are reported as ``low`` variants; a dropped syllable
or swapped letters as ``medium``.
"""

from __future__ import annotations

from newsdesk.compare.conflicts.base import Context, Finding, Side, article_list
from newsdesk.compare.model import LikelyError
from newsdesk.compare.names import compare_given, compare_names, compare_words, fold, name_tokens
from newsdesk.facts.model import Mention
from newsdesk.model import Span


def _person_mentions(ctx: Context) -> list[tuple[int, Mention, str]]:
    out = []
    for index, sentence in enumerate(ctx.view.sentences):
        for m in sentence.mentions:
            if m.type == "person" and m.form != "title":
                out.append((index, m, ctx.view.text_of(m.span)))
    return out


def _surname(text: str) -> str:
    tokens = name_tokens(text)
    return tokens[-1] if tokens else ""


def detect_names(ctx: Context) -> list[Finding]:
    mentions = _person_mentions(ctx)
    # spelling (as written, surname word) -> mentions
    spellings: dict[str, list[tuple[int, Mention, str]]] = {}
    for item in mentions:
        spellings.setdefault(item[2], []).append(item)
    names = sorted(spellings, key=lambda n: -len(spellings[n]))
    findings: list[Finding] = []
    seen_pairs: set[tuple[str, str]] = set()
    for x, a in enumerate(names):
        for b in names[x + 1 :]:
            relation = compare_names(a, b)
            if relation != "garbled":
                continue  # normal variants are reported once per person, below
            if _given_name_forms(spellings[a], spellings[b]):
                continue  # "Jimmy" for the "Jim" of "Jim O'Brien": a short form
            if not _same_person(ctx, spellings[a], spellings[b], relation):
                continue
            fa, fb = _key_word(a, b), _key_word(b, a)
            pair = tuple(sorted((fa, fb)))
            if pair in seen_pairs or fa == fb:
                continue
            seen_pairs.add(pair)  # type: ignore[arg-type]
            findings.append(_finding(ctx, a, b, spellings, relation))
    findings.extend(_variants(ctx, mentions))
    return findings


def _variants(ctx: Context, mentions: list[tuple[int, Mention, str]]) -> list[Finding]:
    """One ``low`` note per person whose full name is written in several normal ways."""
    by_entity: dict[str, dict[str, list[tuple[str, Mention]]]] = {}
    for _i, m, text in mentions:
        if m.entity and m.form == "name" and len(name_tokens(text)) > 1:
            by_entity.setdefault(m.entity, {}).setdefault(fold(text), []).append((text, m))
    findings = []
    for entity, groups in by_entity.items():
        if len(groups) < 2:
            continue
        spellings = [max(g, key=lambda item: sum(1 for x in g if x[0] == item[0]))[0]
                     for g in groups.values()]
        relations = {compare_names(x, y) for k, x in enumerate(spellings)
                     for y in spellings[k + 1 :]}
        if not relations <= {"same", "variant"}:
            continue
        sides = [Side(sp, [m.span for _t, m in g]) for sp, g in zip(spellings, groups.values())]
        listing = "; ".join(f"{s.value} ({article_list(s.articles)})" for s in sides)
        findings.append(
            Finding(
                kind="name",
                key=f"variant:{entity}",
                what="the spelling of a name",
                sides=sides,
                severity="low",
                summary=(
                    f"One person's name is written in {len(sides)} ways -- {listing} -- "
                    "romanisation or spelling variants that change nothing."
                ),
            )
        )
    return findings


def _key_word(name: str, other: str) -> str:
    """The word of ``name`` that is a misspelling of a word of ``other`` (else the last
    word that differs): "Jerymayne" in "Jerymayne Timmons" against "Jermayne"."""
    other_tokens = name_tokens(other)
    diff = [t for t in name_tokens(name) if t not in other_tokens]
    for t in diff:
        if any(compare_words(t, o) == "garbled" for o in other_tokens):
            return t
    return diff[-1] if diff else fold(name)


def _same_person(
    ctx: Context,
    xs: list[tuple[int, Mention, str]],
    ys: list[tuple[int, Mention, str]],
    relation: str,
) -> bool:
    ex = {m.entity for _i, m, _t in xs if m.entity}
    ey = {m.entity for _i, m, _t in ys if m.entity}
    if ex & ey:
        return True  # the facts stage resolved them to one person
    if _other_given_names(xs, ys):
        return False  # "Tom Raine" is not "Will Rainey"
    if relation == "variant":
        return True  # a romanised spelling of a close name: same person, at most low
    if _lone_truncation(xs, ys):
        return True
    roles_x = {m.role.lower() for _i, m, _t in xs if m.role}
    roles_y = {m.role.lower() for _i, m, _t in ys if m.role}
    if roles_x & roles_y:
        return True
    given_x = {name_tokens(t)[0] for _i, _m, t in xs if len(name_tokens(t)) > 1}
    given_y = {name_tokens(t)[0] for _i, _m, t in ys if len(name_tokens(t)) > 1}
    if given_x & given_y:
        return True
    return any(ctx.aligner.aligned(i, j) for i, _m, _t in xs for j, _n, _u in ys)


def _given_names(items: list[tuple[int, Mention, str]]) -> set[str]:
    """Given names a side's mentions carry: as written in a full name, or in the full
    name the facts stage resolved a short mention to ("person:derek-lowe")."""
    out = {name_tokens(t)[0] for _i, _m, t in items if len(name_tokens(t)) > 1}
    for _i, m, _t in items:
        slug = (m.entity or "").partition(":")[2].split("-")
        if len(slug) > 1 and slug[0]:
            out.add(slug[0])
    return out


def _given_name_forms(
    xs: list[tuple[int, Mention, str]], ys: list[tuple[int, Mention, str]]
) -> bool:
    """Two one-word spellings, one the given name of the person it was resolved to, and
    the other a short or long form of it ("Jim" of "Jim O'Brien", and "Jimmy")."""
    for side, other in ((xs, ys), (ys, xs)):
        for _i, m, text in side:
            slug = (m.entity or "").partition(":")[2].split("-")
            given = len(name_tokens(text)) == 1 and len(slug) > 1 and fold(text) == slug[0]
            if given and any(compare_given(text, t) == "variant" for _j, _n, t in other
                             if len(name_tokens(t)) == 1):
                return True
    return False


def _other_given_names(
    xs: list[tuple[int, Mention, str]], ys: list[tuple[int, Mention, str]]
) -> bool:
    """Both sides name their person with given names, and none of them match."""
    gx, gy = _given_names(xs), _given_names(ys)
    if not gx or not gy:
        return False
    return all(compare_given(a, b) == "different" for a in gx for b in gy)


def _lone_truncation(
    xs: list[tuple[int, Mention, str]], ys: list[tuple[int, Mention, str]]
) -> bool:
    """One report alone writes a surname that is another's with letters dropped: the same
    person garbled (a different person rarely has a name that is a truncation of one the
    story already uses, and never in just the one report)."""
    for short_side, long_side in ((xs, ys), (ys, xs)):
        short = {_surname(t) for _i, _m, t in short_side}
        long = {_surname(t) for _i, _m, t in long_side}
        short_articles = {m.span.article for _i, m, _t in short_side}
        long_articles = {m.span.article for _i, m, _t in long_side}
        if len(short_articles) != 1 or not (long_articles - short_articles):
            continue
        for s in short:
            for lw in long:
                if len(s) < len(lw) and compare_words(s, lw) == "garbled":
                    return True
    return False


def _finding(
    ctx: Context,
    a: str,
    b: str,
    spellings: dict[str, list[tuple[int, Mention, str]]],
    relation: str,
) -> Finding:
    # Put every spelling of the same word on its side: "Ellen Orlova" and "Orlova" together.
    word_a, word_b = _key_word(a, b), _key_word(b, a)
    side_a, side_b = Side(word_a), Side(word_b)
    for text, items in spellings.items():
        words = set(name_tokens(text))
        target = side_a if word_a in words else side_b if word_b in words else None
        if target is None:
            continue
        for _i, m, _t in items:
            target.spans.append(m.span)
    # show the words as written, not folded
    side_a.value = _as_written(ctx, side_a.spans, word_a) or a
    side_b.value = _as_written(ctx, side_b.spans, word_b) or b
    key = f"name:{'/'.join(sorted((word_a, word_b)))}"
    slip = _slip(side_a, side_b)
    if slip is not None:
        slipped, right, others = slip
        where = article_list(slipped.articles)
        verb = "writes" if len(slipped.articles) == 1 else "write"
        reason = f"A slip: {where} {verb} {right.value} elsewhere, as the other reports do."
        return Finding(
            kind="name", key=key, what="the spelling of a name", sides=[side_a, side_b],
            severity="low", blame=LikelyError(slipped.articles, slipped.value, reason),
            summary=(f"{where} {verb} {slipped.value} in one place but {right.value} "
                     f"elsewhere, as {article_list(others)} {'does' if len(others) == 1 else 'do'}"
                     ": a typo, not another name."),
        )
    blame = _dropped_letters_blame(ctx, side_a, side_b)
    return Finding(
        kind="name",
        key=key,
        what="the spelling of a name",
        sides=[side_a, side_b],
        severity="medium",
        blame=blame,
        tie_break=blame is not None,
    )


def _slip(a: Side, b: Side) -> tuple[Side, Side, list[str]] | None:
    """The side written only by reports that also write the other spelling (a typo in a
    report that knows the name), the other side, and the reports that write only that
    one; None when a report writes only the odd spelling -- that report disagrees with
    the rest about the name."""
    for slipped, right in ((a, b), (b, a)):
        others = [x for x in right.articles if x not in slipped.articles]
        if others and set(slipped.articles) <= set(right.articles):
            return slipped, right, others
    return None


def _as_written(ctx: Context, spans: list[Span], word: str) -> str | None:
    for span in spans:
        for token in ctx.view.text_of(span).replace(",", " ").split():
            if fold(token) == word:
                return token.strip(".'’s") if token.endswith(("’s", "'s")) else token
    return None


def _dropped_letters_blame(ctx: Context, a: Side, b: Side) -> LikelyError | None:
    """When the vote cannot decide, a spelling missing letters the other keeps is the error."""
    ia = len(ctx.view.independent(a.articles))
    ib = len(ctx.view.independent(b.articles))
    if ia != ib:
        return None  # the judge's majority rule decides
    short, long = sorted((a, b), key=lambda s: len(fold(s.value)))
    if compare_words(short.value, long.value) == "garbled" and len(fold(short.value)) < len(
        fold(long.value)
    ):
        return LikelyError(
            short.articles,
            short.value,
            f"No independent majority; {short.value} drops letters of {long.value}, "
            "which is how a garbled transcription looks, not a spelling variant.",
        )
    return None
