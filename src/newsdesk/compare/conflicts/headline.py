"""Headline conflicts: a person or number in a headline that the article's own body never
mentions, while the body names someone else in that role (or gives another figure).

The article contradicts itself, so it is the likely error whatever other reports say.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS
from stemming.porter2 import stem

from newsdesk.compare.conflicts.base import Context, Finding, Side
from newsdesk.compare.conflicts.numbers import quantity_name, same_unit
from newsdesk.compare.model import LikelyError, Severity
from newsdesk.compare.names import compare_names, name_tokens
from newsdesk.compare.view import SentenceFacts
from newsdesk.facts.model import Mention
from newsdesk.model import Span


def detect_headlines(ctx: Context) -> list[Finding]:
    findings: list[Finding] = []
    ordinary = _story_vocabulary(ctx)  # once per story: stemming every word is not cheap
    for article_id in ctx.view.article_order():
        sentences = ctx.view.of_article(article_id)
        titles = [s for s in sentences if s.span.field == "title"]
        body = [s for s in sentences if s.span.field != "title"]
        if not titles or not body:
            continue
        findings.extend(_people(ctx, article_id, titles, body, ordinary))
        findings.extend(_numbers(ctx, article_id, titles, body))
    return findings


# A capitalised run of two or more words in a headline: a name the tagger may have missed
# ("Title-Case Headlines" hide people from spaCy's small model).
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+")
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:['’-]?[A-Z]?[a-z]+)*\.?|[A-Z]\.")


# Day and month names (and their abbreviations) head datelines, never people.
_CALENDAR = {w.lower() for w in [*calendar.day_name, *calendar.day_abbr, *calendar.month_name,
                                 *calendar.month_abbr] if w}


def _story_vocabulary(ctx: Context) -> set[str]:
    """Every word the story's reports write in lower case somewhere, and its stem: ordinary
    words, so not parts of a name ("Mayor Weighs Filing Appeal ..." in a Title-Case
    headline, when a body says "weighing" and "filed")."""
    words: set[str] = set()
    for art in ctx.view.articles.values():
        for fld in ("title", "standfirst", "text"):
            words.update(re.findall(r"(?<![\w'’-])[a-z][a-z'-]+\b", art.get(fld)))  # type: ignore[arg-type]
    return words | {stem(w) for w in words} | _CALENDAR


def _name_words(text: str, ordinary: set[str]) -> list[str]:
    """The words of a headline phrase that can be parts of a person's name: capitalised,
    alphabetic, not an ordinary word of the story (nor a form of one: "Kills", "killed")."""
    out = []
    for raw in text.split():
        word = raw.strip(",:;!?'’\"()")
        low = word.lower().rstrip(".")
        if not _NAME_WORD.fullmatch(word) or len(low) < 2:
            continue
        # a stem of three letters or fewer joins too many words ("Fanta", "fans")
        root = stem(low)
        if (low in ordinary or low.removesuffix("s") in ordinary
                or (len(root) >= 4 and root in ordinary)):
            continue
        out.append(word)
    return out


def _headline_names(ctx: Context, titles: list[SentenceFacts],
                    ordinary: set[str]) -> list[tuple[str, Span, Mention | None]]:
    """People a headline names: the tagger's person (or organisation) mentions and
    capitalised runs it left untyped, each cut down to its name-like words. A surname
    alone counts where the tagger typed it a person; an untyped run or an organisation
    must hold a full name (two name words or more), since a capitalised word in a
    Title-Case headline is too often an ordinary one."""
    found: list[tuple[str, Span, Mention | None]] = []
    taken: list[Span] = []
    for s in titles:
        for m in s.mentions:
            if m.type in ("person", "place"):
                taken.append(m.span)  # an organisation may still sit inside a longer run
            if m.type not in ("person", "org"):
                continue
            words = _name_words(ctx.view.text_of(m.span), ordinary)
            if _headline_name(ctx, m, words):
                found.append((" ".join(words), m.span, m))
        for run in _CAPITALISED_RUN.finditer(s.text):
            span = s.span.shifted(run.start(), run.end())
            if any(t.start < span.end and span.start < t.end for t in taken):
                continue
            words = _name_words(run.group(), ordinary)
            if len(words) >= 2 and not _place_words(ctx, words):
                found.append((" ".join(words), span, None))
    return found


def _headline_name(ctx: Context, mention: Mention, words: list[str]) -> bool:
    """Whether a tagged headline mention is a person's name to check against the body.

    A full name typed person always is. A lone word only when the tagger typed the
    word alone a person (not "Weighs" cut from "Weighs Filing") and no report's body
    uses it at all: a team or a nickname ("the Ferrymen") recurs in the bodies, a wrong
    surname does not. An organisation only when it reads as a full name that no body
    uses (the tagger types unknown people as organisations in Title-Case headlines)."""
    if mention.type == "person" and len(words) >= 2:
        return True
    if mention.type == "person" and len(words) == 1:
        whole = ctx.view.text_of(mention.span).split()
        return len(whole) == 1 and not _known_anywhere(ctx, words)
    return len(words) >= 2 and not _known_anywhere(ctx, words)


def _place_words(ctx: Context, words: list[str]) -> bool:
    """Whether a word of an untyped capitalised run is a place the story's reports name
    as a place ("Hero Brixley Mom" where a body says "in Brixley"): such a run is no
    evidence of a person. The story's own typing, not the gazetteer: many surnames are
    also some small town's name."""
    wanted = {w.lower() for w in words}
    for s in ctx.view.sentences:
        for m in s.mentions:
            if m.type == "place" and ctx.view.text_of(m.span).lower() in wanted:
                return True
    return False


def _known_anywhere(ctx: Context, words: list[str]) -> bool:
    """Whether any word of a headline name occurs in any body of the story."""
    tokens = {t for w in words for t in name_tokens(w) if len(t) > 2}
    return any(tokens & ctx.view.body_words(aid) for aid in ctx.view.article_order())


def _in_own_body(name: str, body_words: set[str], typed_person: bool = False) -> bool:
    """Whether the article's own body uses a word of a headline name. For a first name
    and surname the tagger typed a person, only the surname: a given name is no footing
    ("Tony Marsh" is not the body's "Tony Keller"). A longer or untyped capitalised run
    is often a Title-Case phrase ("Obama White House"), so any of its words counts."""
    words = name.split()
    if typed_person and len(words) == 2:
        words = words[-1:]
    # each part of a hyphenated surname as the body's words split it ("Vale-Marsh")
    tokens = [t for w in words for part in re.split(r"[-\u2010\u2011]", w)
              for t in name_tokens(part) if len(t) > 2]
    return any(t in body_words for t in tokens)


def _named_elsewhere(ctx: Context, name: str) -> bool:
    """Whether some report's body names the headline's person: only a name of two words
    or more that is the same or a spelling variant ("Dan" alone is no footing for
    "Nora Pell")."""
    for s in ctx.view.sentences:
        if s.span.field == "title":
            continue
        for m in s.mentions:
            other = ctx.view.text_of(m.span)
            if (m.type == "person" and len(name_tokens(other)) >= 2
                    and compare_names(name, other) != "different"):
                return True
    return False


def _people(
    ctx: Context, article_id: str, titles: list[SentenceFacts], body: list[SentenceFacts],
    ordinary: set[str],
) -> list[Finding]:
    body_words = ctx.view.body_words(article_id)
    body_people = [m for s in body for m in s.mentions if m.type == "person" and m.form != "title"]
    named = _headline_names(ctx, titles, ordinary)
    title_names = [ctx.view.text_of(m.span) for s in titles for m in s.mentions
                   if m.type == "person"] + [n for n, _, _ in named]
    findings = []
    for name, span, mention in named:
        typed = mention is not None and mention.type == "person"
        if _in_own_body(name, body_words, typed):
            continue
        if _named_elsewhere(ctx, name):
            # a real figure of the story, whom this body leaves out: wrong only where the
            # body tells the headline's deed of someone else
            role = mention.role if mention is not None else None
            doer = _same_deed(ctx, titles, body, name, role, title_names)
            if doer is not None:
                findings.append(_person_finding(article_id, name, span, doer, "high",
                                                "the body gives"))
            continue
        role = mention.role if mention is not None else None
        rival = _rival(ctx, role, body_people, title_names)
        severity: Severity = "high"
        where = "the body gives"
        if rival is None:
            # the body names nobody: the people the other reports name are the rivals
            others = [m for s in ctx.view.sentences if s.article != article_id
                      and s.span.field != "title" for m in s.mentions
                      if m.type == "person" and m.form != "title"]
            rival = _rival(ctx, role, others, title_names)
            severity, where = "medium", "the other reports give"
        if rival is None:
            continue
        findings.append(_person_finding(article_id, name, span, rival, severity, where))
    return findings


# Content words a headline and a body line must share before the line is read as telling
# the headline's deed: a verb and its object ("orders inquiry" / "ordered an inquiry").
_SHARED_DEED_WORDS = 2


def _deed_words(text: str) -> set[str]:
    """Stems of a line's lower-case content words (what it says happened), stop words out."""
    return {stem(w) for w in re.findall(r"(?<![\w'’-])[a-z][a-z'-]{2,}\b", text)
            if w not in STOP_WORDS}


def _same_deed(
    ctx: Context, titles: list[SentenceFacts], body: list[SentenceFacts], name: str,
    role: str | None, title_names: list[str],
) -> tuple[str, list[Span]] | None:
    """The person a body line names while telling what the headline says its person did
    ("Governor X orders inquiry" against "Minister Y ordered an independent inquiry"):
    the line shares the headline's content words and names someone the headline does not."""
    deed = set().union(*(_deed_words(t.text) for t in titles))
    for s in body:
        if len(deed & _deed_words(s.text)) < _SHARED_DEED_WORDS:
            continue
        doers = [m for m in s.mentions if m.type == "person" and m.form != "title"
                 and compare_names(ctx.view.text_of(m.span), name) == "different"
                 and all(compare_names(ctx.view.text_of(m.span), t) == "different"
                         for t in title_names)]
        if doers:
            return _rival(ctx, role, doers, title_names)
    return None


def _person_finding(article_id: str, name: str, span: Span, rival: tuple[str, list[Span]],
                    severity: Severity, where: str) -> Finding:
    rival_name, rival_spans = rival
    summary = (
        f"The headline of {article_id} names {name}, whom its own body never mentions; "
        f"{where} {rival_name} in that role."
    )
    return Finding(
        kind="headline",
        key=f"headline:{article_id}:{name}",
        what="who the story is about",
        sides=[Side(name, [span]), Side(rival_name, rival_spans)],
        severity=severity,
        blame=LikelyError(
            [article_id],
            name,
            f"Contradicts itself: its body never mentions {name}, and {where} "
            f"{rival_name} instead.",
        ),
        summary=summary,
    )


def _rival(
    ctx: Context, role: str | None, body_people: list[Mention], title_names: list[str]
) -> tuple[str, list[Span]] | None:
    """The body's person in the headline person's role: same role if stated, else the
    most mentioned person the headline leaves out."""
    def in_title(name: str) -> bool:
        return any(compare_names(name, t) in ("same", "variant") for t in title_names)

    candidates = [m for m in body_people if not in_title(ctx.view.text_of(m.span))]
    if role:
        same_role = [m for m in candidates if m.role and m.role.lower() == role.lower()]
        candidates = same_role or candidates
    if not candidates:
        return None
    counts = Counter(_person_key(ctx, m) for m in candidates)
    # the fullest name of each person: a full name over a lone word the tagger took for
    # one ("Former Dunmore mayor X")
    words: Counter[str] = Counter()
    for m in candidates:
        key = _person_key(ctx, m)
        words[key] = max(words[key], len(name_tokens(ctx.view.text_of(m.span))))
    best = max(counts, key=lambda k: (counts[k], words[k]))
    chosen = [m for m in candidates if _person_key(ctx, m) == best]
    longest = max((ctx.view.text_of(m.span) for m in chosen), key=len)
    return longest, [m.span for m in chosen]


def _person_key(ctx: Context, mention: Mention) -> str:
    if mention.entity:
        return mention.entity
    tokens = name_tokens(ctx.view.text_of(mention.span))
    return tokens[-1] if tokens else ""


def _numbers(
    ctx: Context, article_id: str, titles: list[SentenceFacts], body: list[SentenceFacts]
) -> list[Finding]:
    findings = []
    body_numbers = [n for s in body for n in s.numbers]
    story_numbers = [n for s in ctx.view.sentences if s.span.field != "title"
                     and s.article != article_id for n in s.numbers]
    for s in titles:
        for n in s.numbers:
            if not n.unit or _clock_time(ctx, n.span):
                continue
            peers = [b for b in body_numbers if same_unit(n.unit, b.unit)]
            if not peers or any(b.value == n.value for b in peers):
                continue
            if any(same_unit(n.unit, b.unit) and b.value == n.value for b in story_numbers):
                continue  # another report's body gives the headline's figure: the body's
                # own figure is another fact ("five rounds" of a fight won "in six rounds")
            lo, hi = n.low if n.low is not None else n.value, n.high
            if any((hi is None or b.value <= hi) and b.value >= lo for b in peers):
                continue
            text = ctx.view.text_of(n.span)
            what = quantity_name(n.unit)
            findings.append(
                Finding(
                    kind="headline",
                    key=f"headline:{article_id}:{text}",
                    what=what,
                    summary=(f"The headline of {article_id} gives {text} for {what}; its own "
                             f"body says {ctx.view.text_of(peers[0].span)}."),
                    sides=[Side(text, [n.span]), Side(ctx.view.text_of(peers[0].span),
                                                     [b.span for b in peers[:1]])],
                    severity="medium",
                    blame=LikelyError(
                        [article_id], text,
                        f"Contradicts itself: its body never gives {text} and says "
                        f"{ctx.view.text_of(peers[0].span)} instead.",
                    ),
                )
            )
    return findings


def _clock_time(ctx: Context, span: Span) -> bool:
    """A figure after "02:" is the minutes of a time of day (a dateline's "02: 24 GMT"),
    not a count."""
    text = ctx.view.articles[span.article].get(span.field)  # type: ignore[arg-type]
    return bool(re.search(r"\d\s*:\s*$", text[max(0, span.start - 6) : span.start]))
