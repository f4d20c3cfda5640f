"""Build the cited brief of a story by choosing source sentences (extractive).

Every sentence of the brief is a source sentence, quoted exactly (at most trimmed of a
leading dateline, with the citation trimmed to match), chosen for corroboration by
independent sources, centrality to the story and novelty against what is already chosen.
A sentence holding a value that the compare stage judged a likely error is never chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz

from newsdesk.brief.model import Brief, Card, CitedSentence, Section
from newsdesk.check.items import stems
from newsdesk.compare.conflicts.quotes import NUMERALS
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.facts.model import StoryFacts
from newsdesk.model import Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

    from newsdesk.models import Models

# A leading dateline: "LYON: ", "OSLO (Reuters) - ", "LIMA — ". Trimmed because the
# place is kept in the facts; the rest of the sentence is quoted unchanged.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{1,40}(?:\([^)]{1,40}\))?\s*[:\u2014\u2013-]\s+(?=[A-Z])")
_END = re.compile(r"[.!?][\"'\u201d\u2019)]?$")
_WORD = re.compile(r"\w+")
# A brief sentence reads as a sentence: long enough to say something, short enough for a
# card; headings and captions of the site chrome fall outside.
MIN_WORDS, MAX_WORDS, CARD_MAX_WORDS = 8, 60, 35
# Two sentences say the same thing when MiniLM puts them this close, when rapidfuzz's
# token-set ratio is this high, or when they are fairly close and share most content
# words. In a one-topic story MiniLM puts every pair near 0.7; on the seed story the
# restatements sat at 0.75-0.8 with over half their words shared, distinct points below.
SAME_COS, SAME_FUZZ = 0.85, 85
NEAR_COS, NEAR_OVERLAP = 0.75, 0.5
# Support from another source's sentence counts when it says the same (MiniLM cosine).
CITE_COS = 0.72
CITE_OVERLAP = 0.5

# Generic English cues for the explainer sections (no story-specific words).
_NEXT = re.compile(r"\b(will|would|expected to|plans? to|set to|next|upcoming|future|"
                   r"intends? to|is to|are to|aims? to|going to)\b", re.IGNORECASE)
_WHY = re.compile(r"\b(because|significan\w*|important\w*|crucial|critical|key|amid|"
                  r"concern\w*|impact\w*|strategic|risk\w*|matter\w*|could|may|might|"
                  r"help\w*|threat\w*)\b", re.IGNORECASE)
_CONTEXT = re.compile(r"\b(since|history|historical\w*|previous\w*|earlier|last (year|month|"
                      r"week)|former\w*|ago|decades?|years?|past|long-standing|first time|"
                      r"began|was|were|had been)\b", re.IGNORECASE)

SECTION_NAMES = ("What's happening", "Why it matters", "What's next", "Context",
                 "Where sources disagree", "Single-source claims")


@dataclass(slots=True)
class Candidate:
    span: Span
    text: str
    position: int  # order of the sentence in its article
    articles: set[str] = field(default_factory=set)  # articles stating it (via claims)
    independent: int = 1
    support: list[Span] = field(default_factory=list)  # other sources' spans saying it
    original: bool = True  # not from an article derived from another
    trusted: bool = True  # its article is not the likely error of a medium/high conflict
    # (conflict id, variant index) of each disputed value the sentence states
    sides: set[tuple[str, int]] = field(default_factory=set)


def _trim(article: Article, span: Span) -> Span | None:
    text = article.slice(span)
    lead = len(text) - len(text.lstrip())
    m = _DATELINE.match(text[lead:])
    start = span.start + lead + (m.end() if m else 0)
    end = span.start + len(text.rstrip())
    return Span(span.article, span.field, start, end) if end > start else None


def _readable(text: str) -> bool:
    n = len(_WORD.findall(text))
    return MIN_WORDS <= n <= MAX_WORDS and bool(_END.search(text)) and text[:1].isupper()


_FIGURE = re.compile(r"\d[\d,.]*|[a-z]+")


def _figures(text: str) -> set[str]:
    """The figures a sentence gives, digits and number words alike ("seven" is 7,
    "third" is 3rd)."""
    out = set()
    for token in _FIGURE.findall(text.lower()):
        if token[0].isdigit():
            out.add(token.rstrip(".,").replace(",", ""))
        elif token in NUMERALS:
            out.add(NUMERALS[token])
    return out


def _other_figures(a: set[str], b: set[str]) -> bool:
    """Both sentences give figures, and none the same: "the second accident this year" is
    no support for "the third accident this year", however alike the words. (One shared
    figure is enough: a fuller line adds a date or a count to the same statement.)"""
    return bool(a) and bool(b) and not a & b


def _overlaps(a: Span, b: Span) -> bool:
    return a.article == b.article and a.field == b.field and a.start < b.end and b.start < a.end


def flagged_spans(comparison: Comparison) -> list[Span]:
    """Evidence of every variant the compare stage judged a likely error."""
    spans = []
    for conflict in comparison.conflicts:
        err = conflict.likely_error
        if err is None:
            continue
        for variant in conflict.variants:
            if variant.value == err.value or set(variant.articles) <= set(err.articles):
                spans.extend(variant.evidence)
    return spans


class BriefBuilder:
    """Chooses and orders the brief's sentences; ``build`` returns the :class:`Brief`."""

    def __init__(self, *, cards: int = 5, per_section: int = 3, single_source: int = 4) -> None:
        self.cards = cards
        self.per_section = per_section
        self.single_source = single_source

    def build(self, facts: StoryFacts, comparison: Comparison, models: Models) -> Brief:
        articles = {f.article.id: f.article for f in facts.articles}
        pool = self._candidates(facts, comparison, articles)
        if not pool:
            return Brief(headline=_headline(articles, comparison, []))
        vectors = models.embed([c.text for c in pool])
        centre = vectors.mean(axis=0)
        centrality = vectors @ (centre / (np.linalg.norm(centre) or 1.0))
        keys = [{w for w in stems(c.text) if len(w) > 3} for c in pool]
        self._add_support(pool, vectors, keys)
        chosen: list[int] = []

        def pick(indices: list[int], n: int, weight_position: float = 0.0) -> list[int]:
            # Of reports saying one thing, the words of one not found in error elsewhere
            # (a garbled machine translation loses to the outlet it agrees with).
            ranked = sorted(indices, key=lambda i: -(
                pool[i].independent + 2.0 * centrality[i] + 0.3 * pool[i].original
                + 0.5 * pool[i].trusted - weight_position * min(pool[i].position, 10) / 10))
            out: list[int] = []
            for i in ranked:
                if len(out) == n:
                    break
                if i in chosen or self._repeats(i, chosen, pool, vectors, keys):
                    continue
                out.append(i)
                chosen.append(i)
            return out

        everyone = list(range(len(pool)))
        short = [i for i in everyone if len(_WORD.findall(pool[i].text)) <= CARD_MAX_WORDS]
        card_picks = pick(short, self.cards, weight_position=1.0)
        sections: dict[str, list[int]] = {name: [] for name in SECTION_NAMES}
        sections["What's happening"] = pick(everyone, self.per_section, weight_position=1.5)
        for name, cue in (("Why it matters", _WHY), ("What's next", _NEXT),
                          ("Context", _CONTEXT)):
            sections[name] = pick([i for i in everyone if cue.search(pool[i].text)],
                                  self.per_section)
        single = [i for i in everyone if len(pool[i].articles) <= 1]
        sections["Single-source claims"] = pick(single, self.single_source)

        def cited(i: int) -> CitedSentence:
            return CitedSentence(pool[i].text, [pool[i].span, *pool[i].support])

        brief = Brief(headline=_headline(articles, comparison, [pool[i] for i in card_picks]))
        nlp = models.nlp()
        brief.cards = [Card(_card_title(nlp(pool[i].text)), [cited(i)]) for i in card_picks]
        for name in SECTION_NAMES:
            if name == "Where sources disagree":
                brief.sections.append(Section(name, _disagreements(comparison, articles)))
            else:
                brief.sections.append(Section(name, [cited(i) for i in sections[name]]))
        brief.key_players = _key_players(facts, comparison)
        brief.timeline = _timeline(facts, comparison, {pool[i].text for i in chosen})
        return brief

    def _candidates(self, facts: StoryFacts, comparison: Comparison,
                    articles: dict[str, Article]) -> list[Candidate]:
        flagged = flagged_spans(comparison)
        derived = comparison.derived_from
        erring = {a for c in comparison.conflicts if c.severity != "low" and c.likely_error
                  for a in c.likely_error.articles}
        pool = []
        for af in facts.articles:
            for position, sentence in enumerate(s for s in af.sentences if s.span.field == "text"):
                span = _trim(af.article, sentence.span)
                if span is None or any(_overlaps(span, f) for f in flagged):
                    continue
                text = af.article.slice(span)
                if not _readable(text):
                    continue
                sides = {(c.id, v) for c in comparison.conflicts
                         for v, variant in enumerate(c.variants)
                         if any(_overlaps(span, e) for e in variant.evidence)}
                pool.append(Candidate(span, text, position, {span.article},
                                      original=span.article not in derived,
                                      trusted=span.article not in erring, sides=sides))
        for claim in comparison.claims:
            for c in pool:
                if any(_overlaps(c.span, e) for e in claim.evidence):
                    c.articles.update(claim.articles)
                    c.independent = max(c.independent, claim.independent_sources)
        return pool

    @staticmethod
    def _add_support(pool: list[Candidate], vectors: np.ndarray, keys: list[set[str]]) -> None:
        """Cite other articles' sentences that say the same thing, one per article."""
        sims = vectors @ vectors.T
        figures = [_figures(c.text) for c in pool]
        for i, c in enumerate(pool):
            best: dict[str, tuple[float, Span]] = {}
            for j in np.nonzero(sims[i] >= CITE_COS)[0]:
                other = pool[int(j)]
                if other.span.article == c.span.article:
                    continue
                if any(k == k2 and v != v2 for k, v in c.sides for k2, v2 in other.sides):
                    continue  # it gives another side of a disagreement: no support
                if _other_figures(figures[i], figures[int(j)]):
                    continue
                # MiniLM puts two sentences on one topic close together; support must also
                # repeat most of the sentence's own words
                if len(keys[i] & keys[int(j)]) < CITE_OVERLAP * len(keys[i]):
                    continue
                score = float(sims[i, j])
                if score > best.get(other.span.article, (0.0, other.span))[0]:
                    best[other.span.article] = (score, other.span)
            c.support = [span for _, span in sorted(best.values(), key=lambda t: -t[0])][:3]
            c.articles.update(best)

    @staticmethod
    def _repeats(i: int, chosen: list[int], pool: list[Candidate], vectors: np.ndarray,
                 keys: list[set[str]]) -> bool:
        for j in chosen:
            cos = float(vectors[i] @ vectors[j])
            if cos >= SAME_COS or fuzz.token_set_ratio(pool[i].text, pool[j].text) >= SAME_FUZZ:
                return True
            shared = len(keys[i] & keys[j]) / max(1, min(len(keys[i]), len(keys[j])))
            if cos >= NEAR_COS and shared >= NEAR_OVERLAP:
                return True
        return False


# Verbs of attribution: a card is titled by what was said, not by "X said".
_REPORTING = frozenset({"say", "said", "says", "tell", "told", "state", "stated", "announce",
                        "announced", "add", "added", "report", "reported"})
_LOOSE_END = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "PART", "PRON", "AUX"})


def _join_tokens(tokens: list[Token]) -> str:
    """Tokens as the source wrote them: the source's own spacing between neighbours (so
    "port's", not "port 's"), one space where the picked tokens are not adjacent."""
    parts: list[str] = []
    for tok, nxt in zip(tokens, [*tokens[1:], None]):
        parts.append(tok.text)
        if nxt is not None:
            parts.append(tok.whitespace_ if nxt.i == tok.i + 1 else " ")
    return "".join(parts)


def _card_title(doc: Doc) -> str:
    """A short plain title made of the sentence's own words: a short subject and the main
    verb with what follows it, up to the first break ("Union members accepted a pay
    rise"); else the opening clause. At most eight words, never reworded."""
    verb = next(iter(doc.sents)).root
    if verb.lower_ in _REPORTING:
        verb = next((c for c in verb.children if c.dep_ == "ccomp"), verb)
    if verb.pos_ in ("VERB", "AUX") and verb.lower_ not in _REPORTING:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        head: list[Token] = []
        if subject is not None and len(list(subject.subtree)) <= 4:
            head = [t for t in subject.subtree if t.pos_ not in ("DET", "PRON")]
        elif subject is not None and not any(c.dep_ == "conj" for c in subject.children):
            # a long subject is shortened to its noun and the words compounded onto it
            # ("Dock workers at the port of ..." -> "Dock workers"); a coordinated one is
            # left out rather than cut to one of its members
            head = [c for c in subject.lefts if c.dep_ in ("compound", "amod")] + [subject]
        phrase: list[Token] = []
        for tok in doc[verb.i :]:
            if tok.is_punct or len(head) + len(phrase) == 8:
                break
            phrase.append(tok)
        while phrase and phrase[-1].pos_ in _LOOSE_END:
            phrase.pop()
        if len(phrase) >= 2:
            title = _join_tokens(head + phrase)
            return title[:1].upper() + title[1:]
    clause = re.split(r"[,;:\u2013\u2014(]", doc.text, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:8]).rstrip(".,;:") + ("\u2026" if len(words) > 8 else "")


def _headline(articles: dict[str, Article], comparison: Comparison,
              lead: list[Candidate]) -> str | None:
    """The title of an original article most like the other titles; else the lead sentence."""
    flagged = flagged_spans(comparison)
    titles = [(a.id, a.title) for a in articles.values()
              if a.title and a.id not in comparison.derived_from
              and not any(f.article == a.id and f.field == "title" for f in flagged)]
    if titles:
        def agreement(t: str) -> float:
            return sum(fuzz.token_set_ratio(t, o) for _, o in titles)
        return max((t for _, t in titles), key=agreement)
    return lead[0].text if lead else None


# Evidence cited per variant of a conflict: enough to check who says what, without
# listing every one of a name's thirty mentions.
CITES_PER_VARIANT = 2


def _disagreements(comparison: Comparison, articles: dict[str, Article]) -> list[CitedSentence]:
    order = {"high": 0, "medium": 1, "low": 2}
    out = []
    for conflict in sorted(comparison.conflicts, key=lambda c: order[c.severity]):
        spans = [s for v in conflict.variants for s in _one_per_article(v.evidence)]
        if spans:
            out.append(CitedSentence(_disagreement_text(conflict, articles), spans))
    return out


def _one_per_article(spans: list[Span]) -> list[Span]:
    seen: dict[str, Span] = {}
    for span in spans:
        seen.setdefault(span.article, span)
    return list(seen.values())[:CITES_PER_VARIANT]


def _outlet(article_id: str, articles: dict[str, Article]) -> str:
    article = articles.get(article_id)
    return (article.source or article.id) if article else article_id


def _disagreement_text(conflict: Conflict, articles: dict[str, Article]) -> str:
    """The conflict's own summary (it names who says what), then the likely error and why."""
    text = conflict.summary.rstrip()
    if not text.endswith((".", "!", "?")):
        text += "."
    if conflict.likely_error is not None:
        err = conflict.likely_error
        who = ", ".join(_outlet(a, articles) for a in err.articles)
        text += f" Likely error: \u201c{err.value}\u201d ({who}). {err.reason.rstrip('.')}."
    return text


def _key_players(facts: StoryFacts, comparison: Comparison, limit: int = 8
                 ) -> list[dict[str, object]]:
    """People (and organisations several sources name), most widely reported first; a name
    that only appears where the compare stage flagged a likely error is left out."""
    flagged = flagged_spans(comparison)
    players = []
    for e in facts.entities:
        clean = [s for s in e.mentions if not any(_overlaps(s, f) for f in flagged)]
        sources = {s.article for s in clean}
        if clean and (e.type == "person" or (e.type == "org" and len(sources) >= 2)):
            players.append((-len(sources), -len(clean), e.name, e, clean, len(sources)))
    players.sort(key=lambda t: t[:3])
    return [{"entity": e.id, "name": e.name, "type": e.type, "roles": list(e.roles),
             "articles": n, "citations": clean[:1]}
            for *_, e, clean, n in players[:limit]]


def _timeline(facts: StoryFacts, comparison: Comparison, used: set[str]
              ) -> list[dict[str, object]]:
    """One entry per stated date value (ISO), in date order, with a sentence stating it:
    one the brief has not quoted yet where there is one (the timeline is an index by date,
    so a date stated only in a quoted sentence still gets its entry), each sentence at
    most once in the timeline."""
    flagged = flagged_spans(comparison)
    options: dict[str, list[tuple[Span, str]]] = {}
    for af in facts.articles:
        sentences = [s.span for s in af.sentences]
        for d in af.dates:
            if not d.value or d.weekday_mismatch or any(_overlaps(d.span, f) for f in flagged):
                continue
            host = next((s for s in sentences if s.field == d.span.field
                         and s.start <= d.span.start < s.end), None)
            if host is None or any(_overlaps(host, f) for f in flagged):
                continue
            trimmed = _trim(af.article, host) or host
            text = af.article.slice(trimmed)
            if _readable(text):
                options.setdefault(d.value, []).append((trimmed, text))
    entries: list[dict[str, object]] = []
    listed: set[str] = set()
    for value in sorted(options, key=_date_key):
        unseen = [o for o in options[value] if o[1] not in listed]
        if not unseen:
            continue
        span, text = next((o for o in unseen if o[1] not in used), unseen[0])
        listed.add(text)
        entries.append({"date": value, "text": text, "citations": [span]})
    return entries


def _date_key(value: str) -> str:
    # "--03-04" (no year) sorts after dated entries of the same story's year-less calendar
    return value.replace("--", "9999-")


def build_brief(story_facts: StoryFacts, comparison: Comparison, models: Models) -> Brief:
    """The cited brief of one story: headline, cards, explainer sections, players, timeline."""
    return BriefBuilder().build(story_facts, comparison, models)
