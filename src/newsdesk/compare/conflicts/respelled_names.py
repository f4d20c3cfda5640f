"""Respelled surnames: a name only one report writes, where the others write another
spelling of it for the same person.

The facts stage may not take the respelled name for a person at all ("Marta Velsk"
tagged as an organisation, a shortened surname read as a first name), so this detector
reads the words of the text, not only the mentions. For each surname that two or more
independent reports write (the last word of a person's name), a report whose body never
writes it, but writes a capitalised word that no other report uses and whose letters are
the surname's with some missing or two swapped, has likely misspelt it -- when something
says it is the same person:

* the same given name before both ("Samuel Brantel" / "Samuel Brantelworth");
* the report's own headline or standfirst writing the surname as the others do;
* a sentence of the report stating what another report's sentence with the surname
  states (MiniLM cosine).

A different given name before the word ("Tom Raine" / "Will Rainey") says it is another
person, and a word the story also writes in lower case is a common word, not a name;
neither is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.compare.conflicts.base import Context, Finding, Side, article_list
from newsdesk.compare.model import LikelyError
from newsdesk.compare.names import fold, respelled
from newsdesk.model import Span

_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][A-Za-z'’-]*[a-z](?![\w-])")
_FIELDS = ("title", "standfirst", "text")
# A sentence of the report and one of another report with the surname that say the same
# thing. Tuned on ecbplus-dev (24 events, seed 7): the lines of one statement that carry
# a garbled surname sat at 0.7-0.9; 0.6 kept clean stories free of alarms.
_SAME_STATEMENT = 0.6
# Independent reports that must write the surname before one report's other spelling of
# it is called an error (one against one is a tie no vote decides).
_MIN_SUPPORT = 2


@dataclass(slots=True)
class _Word:
    """Where one capitalised word is written, and the capitalised word before each use."""

    spans: list[Span] = field(default_factory=list)
    before: set[str] = field(default_factory=set)


def _words(ctx: Context, article: str) -> dict[str, _Word]:
    """Capitalised words of one article, by word as written (possessive cut off)."""
    art = ctx.view.articles[article]
    out: dict[str, _Word] = {}
    for name in _FIELDS:
        text = art.get(name)  # type: ignore[arg-type]
        previous: tuple[str, int] | None = None  # the last word and where it ended
        for match in _CAPITALISED.finditer(text):
            word = re.sub(r"['’]s$", "", match.group())
            end = match.start() + len(word)
            item = out.setdefault(word, _Word())
            item.spans.append(Span(article, name, match.start(), end))  # type: ignore[arg-type]
            if previous and not text[previous[1] : match.start()].strip():
                item.before.add(previous[0])
            previous = (word, match.end())
    return out


def _lower_words(ctx: Context) -> set[str]:
    """Every word the story writes in lower case: a capitalised one among them is a
    common word at the start of a sentence ("Will", "Bill"), not a name."""
    words: set[str] = set()
    for art in ctx.view.articles.values():
        for name in _FIELDS:
            words.update(re.findall(r"(?<![\w'’-])[a-z]+(?![\w-])", art.get(name)))  # type: ignore[arg-type]
    return words


def _surnames(ctx: Context) -> dict[str, set[str]]:
    """Surnames of the story's people (last word of a person mention) -> the words
    written before them inside a full name (given names, middle names)."""
    out: dict[str, set[str]] = {}
    for sentence in ctx.view.sentences:
        for m in sentence.mentions:
            if m.type != "person" or m.form == "title":
                continue
            tokens = re.sub(r"['’]s$", "", ctx.view.text_of(m.span)).split()
            if not tokens or not tokens[-1].isalpha() or not tokens[-1][:1].isupper():
                continue
            if len(tokens[-1]) < 4:
                continue
            given = out.setdefault(tokens[-1], set())
            if len(tokens) > 1:
                given.add(tokens[-2])
    return out


def _given_names(ctx: Context, article: str, word: str) -> set[str]:
    """Words before ``word`` in the article's own person mentions that end with it."""
    out = set()
    for sentence in ctx.view.of_article(article):
        for m in sentence.mentions:
            tokens = ctx.view.text_of(m.span).split()
            if m.type == "person" and len(tokens) > 1 and re.sub(r"['’]s$", "", tokens[-1]) == word:
                out.add(tokens[-2])
    return out


def detect_respelled_names(ctx: Context) -> list[Finding]:
    view = ctx.view
    words = {aid: _words(ctx, aid) for aid in view.articles}
    writers: dict[str, set[str]] = {}  # capitalised word -> articles writing it anywhere
    for aid, table in words.items():
        for word in table:
            writers.setdefault(word, set()).add(aid)
    lower = _lower_words(ctx)
    findings: list[Finding] = []
    for surname, given in _surnames(ctx).items():
        for aid, table in words.items():
            body: set[str] = {sp.field for sp in table[surname].spans} if surname in table else set()
            if "text" in body:
                continue
            support = view.independent(sorted(writers.get(surname, set()) - {aid}))
            for word, item in table.items():
                if writers[word] != {aid} or word.lower() in lower or not respelled(word, surname):
                    continue
                if not any(sp.field != "title" for sp in item.spans):
                    continue
                why = _same_person(ctx, aid, word, item, surname, given, body)
                if why is None:
                    continue
                own_heading = bool(body)
                if len(support) < _MIN_SUPPORT and not own_heading:
                    continue
                findings.append(_finding(ctx, aid, word, item, surname, support, why))
    return findings


def _same_person(
    ctx: Context,
    article: str,
    word: str,
    item: _Word,
    surname: str,
    given: set[str],
    heading_fields: set[str],
) -> str | None:
    """Why ``word`` in ``article`` stands for the person others call ``surname`` (None
    when nothing says so, or its own given name says it is someone else)."""
    own = _given_names(ctx, article, word) | {b for b in item.before if b in given}
    if own and given and not own & given:
        return None  # "Tom Raine" is not "Will Rainey"
    if own & given:
        return f"with the same given name ({min(own & given)})"
    if heading_fields:
        where = "headline" if "title" in heading_fields else "standfirst"
        return f"its own {where} writes {surname}"
    rows = [ctx.sentence_of(sp) for sp in item.spans if sp.field != "title"]
    for i, sentence in enumerate(ctx.view.sentences):
        if sentence.article == article or not re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", sentence.text):
            continue
        if any(r >= 0 and float(ctx.aligner.similarity_[r, i]) >= _SAME_STATEMENT for r in rows):
            return f"in a line that states what {sentence.article} states with {surname}"
    return None


def _finding(
    ctx: Context,
    article: str,
    word: str,
    item: _Word,
    surname: str,
    support: list[str],
    why: str,
) -> Finding:
    others = Side(surname)
    for aid in support:
        for name in _FIELDS:
            text = ctx.view.articles[aid].get(name)  # type: ignore[arg-type]
            for m in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
                others.spans.append(Span(aid, name, m.start(), m.end()))  # type: ignore[arg-type]
    mine = Side(word, [sp for sp in item.spans])
    voters = f"{article_list(support)} write{'s' if len(support) == 1 else ''} {surname}"
    reason = (
        f"A spelling no other report uses: only {article} writes {word}, {why}; "
        f"{voters}, and {article}'s body never does."
    )
    return Finding(
        kind="name",
        key=f"name:{'/'.join(sorted((fold(word), fold(surname))))}",
        what="the spelling of a name",
        sides=[mine, others],
        severity="medium",
        blame=LikelyError([article], word, reason),
        summary=(
            f"{article} writes {word} where {voters}: one person's name misspelt in "
            "one report."
        ),
    )
