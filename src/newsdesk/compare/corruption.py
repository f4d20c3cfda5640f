"""Measuring the conflict detectors by injecting errors into real reports of one event.

Take the articles of one real event, change one fact in one article with a generic
transformation, analyse the story, and see whether a conflict of the right kind blames
the right article. Clean stories give the false alarms. Every transformation is generic:
it reads the story's own facts to choose what to change and a *different* story to choose
the replacement, so nothing here knows any corpus.

Used by the corruption gate in ``tests/compare`` (a sample) and ``benchmarks/analyze.py``
(all events).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.compare import compare_story
from newsdesk.compare.conflicts.numbers import holds, same_unit, same_value
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer, placed_in
from newsdesk.compare.view import independent_of
from newsdesk.facts.model import ArticleFacts, StoryFacts
from newsdesk.model import Article

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.models import Models

KINDS = ("date", "name", "place", "number", "headline")


# -- light detokenisation of tokenised corpora ("Nov . 30 , 2009" -> "Nov. 30, 2009") --

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenise(text: str) -> str:
    text = text.replace("`` ", "\u201c").replace(" ''", "\u201d").replace("``", "\u201c")
    text = text.replace("''", "\u201d")
    # a figure split into tokens first ("2 . 6", "4 : 30", "100 , 000"), before the
    # general rule glues the mark to the left ("2. 6"); a comma only before a group of
    # three digits, so a date keeps its own ("May 3 , 2013")
    text = re.sub(r"(\d) ([.:]) (\d)", r"\1\2\3", text)
    text = re.sub(r"(\d) , (\d{3})(?!\d)", r"\1,\2", text)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    text = re.sub(r"\b([A-Z]) \. (?=[A-Z])", r"\1. ", text)
    return text


def article_from_sentences(doc_id: str, sentences: list[str]) -> Article:
    """A headline when the first line reads like one (short, no full stop), then the body."""
    lines = [detokenise(s) for s in sentences if s.strip()]
    title = None
    if lines and len(lines[0].split()) <= 16 and not lines[0].rstrip().endswith((".", "?", "!")):
        title = lines.pop(0)
    return Article(id=doc_id, title=title, text="\n".join(lines))


def corpus_events(path: Path, seed: int) -> tuple[dict[str, list[Article]], dict[str, str]]:
    """The events of an ecbplus-style ``docs.jsonl`` (three reports or more), shuffled by
    ``seed``, as articles; and each event's topic."""
    docs: dict[str, list[dict[str, Any]]] = {}
    with path.open() as handle:
        for line in handle:
            doc = json.loads(line)
            docs.setdefault(doc["event_cluster"], []).append(doc)
    names = sorted(e for e in docs if len(docs[e]) >= 3)
    random.Random(seed).shuffle(names)
    events = {
        e: [article_from_sentences(d["doc_id"], d["sentences"]) for d in docs[e]] for e in names
    }
    return events, {e: str(docs[e][0]["topic"]) for e in names}


# -- the transformations --

# A number injection multiplies the figure as written by this.
TRIPLED = 3


@dataclass(frozen=True, slots=True)
class Injection:
    kind: str
    article: str  # the corrupted article's id
    old: str
    new: str


@dataclass(slots=True)
class Donors:
    """People and places of *other* events, to put into this one."""

    people: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


def donors_from(story: StoryFacts, gazetteer: Gazetteer) -> Donors:
    """The people (full names) and places (ones GeoNames lists, so that a product or a
    team the tagger took for a place is not put into another story) of ``story``."""
    donors = Donors()
    for af in story.articles:
        for mention in af.mentions:
            text = af.article.slice(mention.span)
            words = text.split()
            if mention.type == "person" and len(words) >= 2 and all(
                w[:1].isupper() and w.replace(".", "").replace("-", "").isalpha() for w in words
            ):
                donors.people.append(text)
            elif mention.type == "place" and gazetteer.lookup({text}):
                donors.places.append(text)
    donors.people = sorted(set(donors.people))
    donors.places = sorted(set(donors.places))
    return donors


def _named_in(articles: list[Article], name: str) -> bool:
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return any(pattern.search(f"{a.title or ''}\n{a.standfirst or ''}\n{a.text}") for a in articles)


def _is_place(name: str, articles: list[Article], gazetteer: Gazetteer | None) -> bool:
    """A name the tagger typed as a place is one if GeoNames lists it or a report puts
    something in or at it ("in X", "at X"); products and people the small model takes
    for places ("Windows XP") are neither. Without a gazetteer, every typed place."""
    if gazetteer is None or gazetteer.lookup({name}):
        return True
    return _proper_name(name) and any(placed_in(a.text, name) for a in articles)


# the small words a place's name may hold between capitalised ones ("Isle of Wight",
# "Bayou de View"); a name that ends in one ("Fish and") was cut short by the tagger
_NAME_JOINERS = frozenset({"of", "de", "la", "le", "del", "du", "upon", "on", "the"})


def _proper_name(name: str) -> bool:
    """Capitalised words, joined at most by small inner words: "red zone" is a part of a
    field and "U. S. Fish and" a cut-off agency, neither a place to move an event from."""
    words = name.split()
    return bool(words) and words[0][:1].isupper() and words[-1][:1].isupper() and all(
        w[:1].isupper() or w in _NAME_JOINERS for w in words
    )


def _replace_words(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, text)


def _syllables(word: str) -> list[str]:
    return re.findall(r"[^aeiouyAEIOUY]*[aeiouyAEIOUY]+(?:[^aeiouyAEIOUY]+$)?", word)


def _drop_syllable(word: str, rng: random.Random) -> str | None:
    parts = _syllables(word)
    if len(parts) < 3 or "".join(parts) != word:
        return None
    k = rng.randrange(1, len(parts))
    garbled = "".join(parts[:k] + parts[k + 1 :])
    return garbled if len(garbled) >= 3 else None


def _mentions_by_text(facts: StoryFacts, kind: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for af in facts.articles:
        for m in af.mentions:
            if m.type == kind and m.span.field == "text":
                out.setdefault(af.article.slice(m.span), set()).add(af.article.id)
    return out


# a figure that is one part of another: a score or record ("20 - 13"), a fraction ("4 1/2"),
# a time ("11: 11"), or a rank ("No. 2 official"), not a quantity with an interval
_PART_BEFORE = re.compile(r"(?:\d\s*[-\u2013/:]\s*|\b[Nn]o\.\s*|\b[Nn]umber\s+)$")
_PART_AFTER = re.compile(r"\s*[-\u2013/:]\s*\d")

# a time of day or a time zone the facts stage read as what a number counts ("6 p.m.")
_CLOCK = re.compile(r"^(?:(?i:[ap]\.?m\.?|m\.)|[A-Z]{1,3}T)$")


def inject(
    kind: str, facts: StoryFacts, donors: Donors, rng: random.Random,
    gazetteer: Gazetteer | None = None,
) -> tuple[list[Article], Injection] | None:
    """The story's articles with one error of ``kind`` injected, or None when the story
    offers nothing to corrupt that another report could contradict."""
    articles = [af.article for af in facts.articles]
    by_id = {a.id: a for a in articles}
    candidates: list[tuple[str, str, str, str]] = []  # article, field, old, new
    if kind == "date":
        years: dict[str, set[str]] = {}
        for a in articles:
            # a year, not a clock time ("at about 2045 GMT")
            for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)(?!\s*(?:GMT|UTC|[A-Z]{1,2}T)\b)",
                                a.text):
                years.setdefault(y, set()).add(a.id)
        for y, where in years.items():
            if len(where) >= 2:
                for aid in sorted(where):  # a set: draw in a fixed order
                    shift = rng.choice((-2, -1, 1, 2))
                    candidates.append((aid, "text", y, str(int(y) + shift)))
    elif kind == "name":
        for text, where in _mentions_by_text(facts, "person").items():
            surname = text.split()[-1]
            if len(where) >= 2 and surname.isalpha() and surname[:1].isupper():
                garbled = _drop_syllable(surname, rng)
                if garbled:
                    for aid in sorted(where):  # a set: draw in a fixed order
                        candidates.append((aid, "text", surname, garbled))
    elif kind == "place":
        # a place the corrupted report puts something in or at ("in X", "near X"): a
        # location it states, not a name that holds a place ("the X Reporter")
        places = [p for p in donors.places if not _named_in(articles, p)]
        for text, where in _mentions_by_text(facts, "place").items():
            if len(where) >= 2 and places and _is_place(text, articles, gazetteer):
                new = rng.choice(places)
                for aid in sorted(where):  # a set: draw in a fixed order
                    if placed_in(by_id[aid].text, text):
                        candidates.append((aid, "text", text, new))
    elif kind == "number":
        # a quantity: a number with what it counts or measures ("2.5 million voters",
        # "$108 million"), stated by two or more reports; an identifier has no interval
        # to move out of (a phone number, "Route 94", "Week 15", a time of day)
        values: dict[tuple[float, str], set[str]] = {}
        for af in facts.articles:
            for n in af.numbers:
                if n.unit and not _CLOCK.match(n.unit):
                    values.setdefault((n.value, n.unit), set()).add(af.article.id)
        for af in facts.articles:
            for n in af.numbers:
                raw = af.article.slice(n.span)
                digits = re.search(r"\d+(?:,\d{3})*", raw)
                # tripled, the qualified interval must leave the old one: "about 300"
                # ([270, 330]) can move to "about 900"; "up to 15" or "more than 15"
                # cannot, whatever the figure
                movable = n.low is not None and n.high is not None and TRIPLED * n.low > n.high
                text = af.article.get(n.span.field)
                part_of = _PART_BEFORE.search(text[max(0, n.span.start - 12) : n.span.start])
                part_of = part_of or _PART_AFTER.match(text[n.span.end : n.span.end + 6])
                stated = values.get((n.value, n.unit or ""), set())
                if (digits and movable and not part_of and n.value >= 2 and len(stated) >= 2
                        and n.span.field == "text" and not 1800 <= n.value <= 2100):
                    # triple the digits as written ("$108 million" -> "$324 million")
                    written = int(digits[0].replace(",", ""))
                    new = raw.replace(digits[0], f"{written * TRIPLED:,}", 1)
                    candidates.append((af.article.id, "text", raw, new))
    elif kind == "headline":
        people = [p for p in donors.people if not _named_in(articles, p)]
        for af in facts.articles:
            for m in af.mentions:
                if m.span.field == "title" and m.type == "person" and people:
                    new = rng.choice(people)
                    candidates.append((af.article.id, "title", af.article.slice(m.span), new))
    if not candidates:
        return None
    aid, fld, old, new = rng.choice(sorted(candidates))
    target = by_id[aid]
    changed = target.replace(**{fld: _replace_words(target.get(fld), old, new)})  # type: ignore[arg-type]
    if changed.get(fld) == target.get(fld):  # type: ignore[arg-type]
        return None
    return [changed if a.id == aid else a for a in articles], Injection(kind, aid, old, new)


# -- scoring --


def caught(comparison: Comparison, injection: Injection) -> bool:
    """Right kind, and the corrupted article is the likely error."""
    for c in comparison.conflicts:
        if c.kind != injection.kind or c.severity == "low" or c.likely_error is None:
            continue
        if injection.article in c.likely_error.articles:
            return True
    return False


def misblamed(comparison: Comparison, injection: Injection) -> Conflict | None:
    """A medium or high conflict of the injected kind over the injected value that blames
    another report: the honest side named as the error, worse for a reader than none."""
    for c in comparison.conflicts:
        if c.kind != injection.kind or c.severity == "low" or c.likely_error is None:
            continue
        if injection.article in c.likely_error.articles:
            continue
        if any(injection.article in v.articles and injection.new in v.value
               for v in c.variants):
            return c
    return None


# Independent reports, besides the corrupted one, that must state the original for the
# injection to be decidable: with one, it is one report's word against another's, and a
# fair judge leaves the likely error null (the issue's own rule for one against one).
DECIDING_WITNESSES = 2


def witnesses(injection: Injection, facts: StoryFacts, comparison: Comparison) -> list[str]:
    """The independent reports other than the corrupted one that state what the injection
    changed: the year, the surname or the place as written, or the figure of the same
    unit (a figure with no counted unit has none) whose interval leaves the changed one
    out; a place only where it is tagged as one. A headline's own body is its evidence,
    so a headline injection has none to count (see :func:`decidable`)."""
    others = [af for af in facts.articles if af.article.id != injection.article]
    if injection.kind == "number":
        target = next(af for af in facts.articles if af.article.id == injection.article)
        # a bare figure ("wanted it on a 3") counts nothing named: a "3" elsewhere in the
        # story ("a 3-0 record") does not state it, so only figures with a unit have witnesses
        changed = [n for n in target.numbers
                   if target.article.slice(n.span) == injection.old and n.unit]
        # ... and a figure whose qualifier reaches the tripled one ("more than 20,000"
        # holds 60,000) states the original without contradicting the change
        who = [
            af.article.id for af in others
            if any(same_unit(n.unit, m.unit) and same_value(n, m)
                   and not holds(n, TRIPLED * m.value)
                   for n in af.numbers for m in changed)
        ]
    elif injection.kind == "place":
        # a report whose tagger read the name as a place states it; one that names a
        # newspaper after it ("The X Reporter", tagged as an organisation) does not
        who = [af.article.id for af in others if any(
            m.type == "place" and af.article.slice(m.span) == injection.old
            for m in af.mentions)]
    elif injection.kind in ("date", "name"):
        who = [af.article.id for af in others if _named_in([af.article], injection.old)]
    else:
        who = []
    return independent_of(who, comparison.derived_from)


def decidable(injection: Injection, facts: StoryFacts, comparison: Comparison) -> bool:
    """Whether the story holds the evidence to blame the corrupted report: two or more
    independent other reports state the original, or (a headline) its own body."""
    if injection.kind == "headline":
        return True
    return len(witnesses(injection, facts, comparison)) >= DECIDING_WITNESSES


def false_alarms(comparison: Comparison) -> list[Conflict]:
    return [c for c in comparison.conflicts if c.severity in ("high", "medium")]


@dataclass(slots=True)
class Miss:
    """An injection no conflict caught, with what was reported of its kind instead."""

    event: str
    injection: Injection
    reported: list[Conflict]
    decidable: bool = True


@dataclass(slots=True)
class Scores:
    injected: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    caught: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    # the injections two or more independent reports can expose, and those caught
    decidable: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    caught_decidable: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    # the injections where a serious conflict over the changed value blames another report
    misblamed: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    wrong_blames: list[tuple[str, Injection, Conflict]] = field(default_factory=list)
    clean_stories: int = 0
    alarms: list[tuple[str, Conflict]] = field(default_factory=list)  # event, conflict
    misses: list[Miss] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.caught[kind] / self.injected[kind] if self.injected[kind] else float("nan")

    def decidable_recall(self, kind: str) -> float:
        """Recall over the injections the story's evidence can decide."""
        n = self.decidable[kind]
        return self.caught_decidable[kind] / n if n else float("nan")

    @property
    def clean_alarms(self) -> int:
        return len(self.alarms)

    @property
    def alarms_per_story(self) -> float:
        return self.clean_alarms / self.clean_stories if self.clean_stories else float("nan")


FactsFn = Callable[[list[Article]], StoryFacts]


def evaluate_event(
    articles: list[Article],
    donors: Donors,
    story_facts: FactsFn,
    models: Models,
    scores: Scores,
    *,
    seed: int = 0,
    gazetteer: Gazetteer | None = None,
    kinds: tuple[str, ...] = KINDS,
    name: str = "",
) -> None:
    """Score one event: its clean story, then one injection per kind."""
    gazetteer = gazetteer or Gazetteer()
    clean = story_facts(articles)
    clean_comparison = compare_story(clean, models, gazetteer=gazetteer)
    scores.clean_stories += 1
    scores.alarms.extend((name, c) for c in false_alarms(clean_comparison))
    for offset, kind in enumerate(KINDS):
        if kind not in kinds:
            continue  # the same random draw per kind whichever kinds are asked for
        rng = random.Random(seed * 31 + offset)
        result = inject(kind, clean, donors, rng, gazetteer)
        if result is None:
            continue
        corrupted, injection = result
        facts = story_facts(corrupted)
        comparison = compare_story(facts, models, gazetteer=gazetteer)
        scores.injected[kind] += 1
        fair = decidable(injection, clean, clean_comparison)
        scores.decidable[kind] += fair
        wrong = misblamed(comparison, injection)
        if wrong is not None:
            scores.misblamed[kind] += 1
            scores.wrong_blames.append((name, injection, wrong))
        if caught(comparison, injection):
            scores.caught[kind] += 1
            scores.caught_decidable[kind] += fair
        else:
            reported = [c for c in comparison.conflicts if c.kind == kind]
            scores.misses.append(Miss(name, injection, reported, fair))


def evaluate_corpus(
    events: dict[str, list[Article]],
    topics: dict[str, str],
    story_facts: FactsFn,
    models: Models,
    *,
    gazetteer: Gazetteer | None = None,
    kinds: tuple[str, ...] = KINDS,
    limit: int | None = None,
    progress: Callable[[int, str, Scores], None] | None = None,
) -> Scores:
    """The first ``limit`` events (all by default) in the order given; donors are the
    first reports of up to six events of other topics, among all events (``topics``
    maps an event to its topic)."""
    gazetteer = gazetteer or Gazetteer()
    scores = Scores()
    order = list(events)
    for number, name in enumerate(order[:limit]):
        others = [events[e][0] for e in order if topics[e] != topics[name]][:6]
        donors = donors_from(story_facts(others), gazetteer)
        evaluate_event(events[name], donors, story_facts, models, scores, seed=number,
                       gazetteer=gazetteer, kinds=kinds, name=name)
        if progress:
            progress(number, name, scores)
    return scores


def per_article_facts(extract: Callable[[list[Article]], list[ArticleFacts]],
                      resolve: Callable[[list[ArticleFacts]], StoryFacts]) -> FactsFn:
    """Story facts that re-extract only articles not seen before (keyed by content)."""
    memo: dict[tuple[str, str | None, str], ArticleFacts] = {}

    def run(articles: list[Article]) -> StoryFacts:
        todo = [a for a in articles if (a.id, a.title, a.text) not in memo]
        for a, af in zip(todo, extract(todo)):
            memo[(a.id, a.title, a.text)] = af
        return resolve([_fresh(memo[(a.id, a.title, a.text)]) for a in articles])

    return run


def _fresh(af: ArticleFacts) -> ArticleFacts:
    # resolve_entities sets entity ids on mentions; start each story from unresolved copies
    import dataclasses

    return ArticleFacts(
        article=af.article,
        sentences=list(af.sentences),
        mentions=[dataclasses.replace(m, entity=None) for m in af.mentions],
        dates=list(af.dates),
        numbers=list(af.numbers),
        quotes=[dataclasses.replace(q, speaker_entity=None) for q in af.quotes],
        events=list(af.events),
    )
