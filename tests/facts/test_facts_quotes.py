"""Quotes: direct (straight, curly, several sentences, interrupted) and indirect, with
speaker and cue, on hand-written sentences run through the real small model."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.facts import extract_story_facts
from newsdesk.facts.model import ArticleFacts
from newsdesk.facts.quotes import quoted_pieces
from newsdesk.model import Article


def quotes_of(models: Any, text: str) -> tuple[ArticleFacts, list[tuple[Any, ...]]]:
    story = extract_story_facts([Article(id="q", text=text)], models)
    af = story.articles[0]
    sl = af.article.slice
    rows = [(sl(q.span), q.direct, sl(q.speaker) if q.speaker else None,
             sl(q.cue) if q.cue else None) for q in af.quotes]
    return af, rows


@pytest.mark.parametrize("text,quote,speaker,cue", [
    # curly marks, cue before, colon
    ("Daniel Okafor told reporters: “We will not back down.”",
     "We will not back down.", "Daniel Okafor", "told"),
    # straight marks, attribution after
    ('"Prices will fall next year," Okafor said.', "Prices will fall next year", "Okafor", "said"),
    # inverted attribution with an appositive
    ('"The port is safe," said Amelie Roux, the transport minister.',
     "The port is safe", "Amelie Roux", "said"),
    # several sentences inside one quotation
    ("“We waited. We asked. Nobody came,” the mayor said.",
     "We waited. We asked. Nobody came", "the mayor", "said"),
])
def test_direct_quotes(models: Any, text: str, quote: str, speaker: str, cue: str) -> None:
    _, rows = quotes_of(models, text)
    direct = [r for r in rows if r[1]]
    assert direct == [(quote, True, speaker, cue)]


def test_interrupted_quote_gives_two_pieces_with_one_speaker(models: Any) -> None:
    text = ("Daniel Okafor opened the port on Monday. “We are ready,” he said. "
            "“We have always been ready.”")
    af, rows = quotes_of(models, text)
    direct = [r for r in rows if r[1]]
    assert [r[0] for r in direct] == ["We are ready", "We have always been ready."]
    entities = {q.speaker_entity for q in af.quotes if q.direct}
    assert len(entities) == 1 and None not in entities
    (entity,) = entities
    assert "okafor" in entity


def test_pronoun_speaker_resolves_to_the_last_person_named(models: Any) -> None:
    text = "Amelie Roux visited the plant. “It is a fine plant,” she said."
    af, _ = quotes_of(models, text)
    (quote,) = [q for q in af.quotes if q.direct]
    assert af.article.slice(quote.speaker) == "she"
    assert af.article.slice(quote.speaker_ref) == "Amelie Roux"


@pytest.mark.parametrize("text,content,speaker,cue", [
    ("Okafor said that the talks had failed.", "the talks had failed", "Okafor", "said"),
    ("The minister said the bridge would reopen in May.",
     "the bridge would reopen in May", "The minister", "said"),
    ("According to officials, the bridge will reopen in May.",
     "the bridge will reopen in May", "officials", "According to"),
])
def test_indirect_attribution(models: Any, text: str, content: str, speaker: str,
                              cue: str) -> None:
    _, rows = quotes_of(models, text)
    assert (content, False, speaker, cue) in rows
    assert not any(r[1] for r in rows)


def test_scare_quotes_are_not_quotations(models: Any) -> None:
    _, rows = quotes_of(models, "The so-called “reset button” failed to work in the end.")
    assert rows == []


def test_quoted_pieces_offsets() -> None:
    text = "He said “one two” and then \"three four\" and “five"
    pieces = quoted_pieces(text)
    assert [text[p.start:p.end] for p in pieces] == ["one two", "three four", "five"]
    # an unclosed quotation runs to the end of the paragraph
    assert pieces[-1].outer_end == len(text)
