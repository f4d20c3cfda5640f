"""Check a summary against its sources: one verdict per sentence (``check.schema.json``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from newsdesk.check.disputes import Dispute, find_disputes
from newsdesk.check.index import Parsed, SourceIndex, parse_sources
from newsdesk.check.items import Item, SentenceContent, sentence_content, words
from newsdesk.check.judge import Judgement, Problem, Scope, Verdict, judge
from newsdesk.check.score import SUPPORTED_MIN, support_score
from newsdesk.errors import InputError
from newsdesk.model import Article
from newsdesk.models import Models

# A summary is a paragraph or a page, not a book: past this the input is refused.
MAX_SUMMARY_CHARS = 100_000
# Evidence shown per sentence: the best aligned source sentences.
EVIDENCE_PER_SENTENCE = 2
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class SentenceCheck:
    text: str
    start: int
    end: int
    verdict: Verdict
    score: float
    judgement: Judgement


class Checker:
    """The sources of one check, read once; any number of sentences checked against them.

    The brief's LLM rewrite uses the same object to vet each rewritten sentence.
    ``disputes`` are values compare judged likely errors (:mod:`newsdesk.check.disputes`):
    a summary item only such a value backs is contradicted, not supported.
    """

    def __init__(self, sources: list[Article], models: Models,
                 disputes: Sequence[Dispute] = (), parsed: Parsed | None = None) -> None:
        self.models = models
        self.index = SourceIndex(sources, models, parsed)
        if not self.index.articles:
            raise InputError("sources", "no readable source article to check against")
        self.scope = Scope(self.index.sentences)
        # the source sentences that give a disputed value (each as a scope of its own, to
        # ask whether it gives a summary item), and the others
        self.disputed: list[tuple[Scope, list[Dispute]]] = []
        undisputed = []
        for sentence in self.index.sentences:
            text = sentence.content.text.lower()
            found = [d for d in disputes
                     if d.article == sentence.span.article and d.value.lower() in text]
            if found:
                self.disputed.append((Scope([sentence]), found))
            else:
                undisputed.append(sentence)
        self.undisputed = Scope(undisputed) if self.disputed else self.scope

    def split(self, summary: str) -> list[tuple[int, int, SentenceContent]]:
        """Sentences of a summary (split on lines, then by spaCy's parser) with offsets."""
        pieces = [(m.group(), m.start()) for m in _PARAGRAPH.finditer(summary)
                  if m.group().strip()]
        found = []
        for doc, offset in self.models.nlp().pipe(pieces, as_tuples=True, batch_size=32):
            for sent in doc.sents:
                toks = [t for t in sent if not t.is_space]
                if not toks or not words(sent.text):
                    continue
                span = doc[toks[0].i : toks[-1].i + 1]
                found.append((offset + span.start_char, offset + span.end_char,
                              sentence_content(span)))
        return found

    def check_sentences(self, sentences: list[tuple[int, int, SentenceContent]]
                        ) -> list[SentenceCheck]:
        candidates = [self.index.candidates(c) for _, _, c in sentences]
        needed = self.index.missing_vectors(set().union(*candidates))
        # one encoder call for the summary and every source sentence it needs
        vectors = self.models.embed([c.text for _, _, c in sentences]
                                    + [self.index.sentences[i].content.text for i in needed])
        self.index.store_vectors(needed, vectors[len(sentences):])
        results = []
        for (start, end, content), vector, cands in zip(sentences, vectors, candidates):
            j = self._outvoted(content, judge(content, vector, cands, self.index, self.scope))
            score = support_score(j.features)
            if any(p.contradicts for p in j.problems):
                verdict: Verdict = "contradicted"
                # the score is the confidence that the sentence is supported: a stated
                # contradiction caps it below the supported line whatever the signals say
                score = min(score, SUPPORTED_MIN * 0.98)
            elif score >= SUPPORTED_MIN:
                verdict = "supported"
            else:
                verdict = "unsupported"
            results.append(SentenceCheck(content.text, start, end, verdict, score, j))
        return results

    def _outvoted(self, content: SentenceContent, j: Judgement) -> Judgement:
        """``j`` with a contradiction for each item that only disputed values back."""
        if not self.disputed:
            return j
        flagged = {p.text for p in j.problems}
        extra = []
        for item in content.items:
            if item.kind == "quote" or item.text in flagged or self.undisputed.has_item(item):
                continue
            dispute = self._backing_dispute(item)
            if dispute is not None:
                # a bare "entity" item takes the kind compare found ("place", "name")
                kind = dispute.kind if item.kind == "entity" else item.kind
                extra.append(Problem(kind, item.text, dispute.sources_say, contradicts=True))
        return replace(j, problems=j.problems + tuple(extra)) if extra else j

    def _backing_dispute(self, item: Item) -> Dispute | None:
        """The dispute of a source sentence that gives ``item``, its value being the item's."""
        needle = item.text.lower()
        for scope, found in self.disputed:
            if not scope.has_item(item):
                continue
            for d in found:
                value = d.value.lower()
                if value in needle or needle in value:
                    return d
        return None

    def check_text(self, text: str) -> list[SentenceCheck]:
        if len(text) > MAX_SUMMARY_CHARS:
            raise InputError("summary", f"longer than {MAX_SUMMARY_CHARS} characters; "
                             "check a summary, not an article collection")
        return self.check_sentences(self.split(text))

    def to_dict(self, checks: list[SentenceCheck], summary: str) -> dict[str, Any]:
        sentences = []
        for c in checks:
            problems = []
            for p in c.judgement.problems:
                problem: dict[str, Any] = {"kind": p.kind, "text": p.text,
                                           "sources_say": p.sources_say}
                at = summary.find(p.text, c.start, c.end)
                if at >= 0:
                    problem["start"], problem["end"] = at, at + len(p.text)
                problems.append(problem)
            evidence = []
            for i in c.judgement.evidence[:EVIDENCE_PER_SENTENCE]:
                span = self.index.sentences[i].span
                evidence.append(self.index.articles[span.article].evidence(span))
            sentences.append({
                "text": c.text, "start": c.start, "end": c.end, "verdict": c.verdict,
                "score": round(c.score, 4), "problems": problems, "evidence": evidence,
            })
        return {"version": 1, "sentences": sentences}


def check_summary(summary: str, sources: list[Article], models: Models | None = None,
                  *, compare: bool = True) -> dict[str, Any]:
    """A verdict, score, problems and evidence for every sentence of ``summary``.

    With ``compare`` (the default) the sources are first compared as one story, and a
    summary item that only a likely error of theirs backs is contradicted."""
    models = models or Models()
    readable = [a for a in sources if a.ok]
    parsed = parse_sources(readable, models)  # once, for the index and for compare
    disputes = (find_disputes(readable, models, parsed)
                if compare and len(readable) > 1 else [])
    checker = Checker(sources, models, disputes, parsed)
    return checker.to_dict(checker.check_text(summary), summary)
