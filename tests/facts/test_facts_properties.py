"""Property tests: whatever the input, every fact is a span whose offsets lie inside its
field, and the contract's ``text`` is exactly that slice; parsers never crash."""

from __future__ import annotations

from typing import Any

from conftest import validate_contract
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.facts import extract_story_facts, facts_to_dict
from newsdesk.facts.dates import find_dates
from newsdesk.facts.quotes import quoted_pieces
from newsdesk.model import Article

# Pieces that exercise every reader: names with roles, quotes of each kind, dates,
# numbers with qualifiers, datelines, bullets, headings, odd whitespace and unicode.
PIECES = [
    "Prime Minister Amelie Roux", " said ", "“We will win,” ", '"No," ', "he said. ",
    "on Tuesday (Mar 4)", " last October", " yesterday ", "more than 180 workers",
    " some 136 ", "as many as 10,000", " in 1942", "LYON: ", "\n- ", "\nKey Findings\n",
    "Okafor", " according to officials, ", "Vela Marsh scored 14 points", "Jae-myeong ", "é", "\u00a0", "''", "”", "“",
    ". ", ", ", "\n\n", "   ", "J. R. ", "U.S.", "the president", " (AI) ", "—", "$5m",
]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
                         max_size=25).map("".join)


def _check_spans(article: Article, record: dict[str, Any]) -> None:
    def check(span: dict[str, Any] | None) -> None:
        if span is None:
            return
        field = article.get(span["field"])
        assert 0 <= span["start"] <= span["end"] <= len(field)
        assert field[span["start"]:span["end"]] == span["text"]

    for key in ("sentences", "mentions", "dates", "numbers", "quotes"):
        for item in record[key]:
            check(item)
            for sub in ("speaker", "cue", "subject"):
                check(item.get(sub))
    for event in record["events"]:
        for sub in ("phrase", "place", "date"):
            check(event[sub])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(text=text_strategy, title=st.one_of(st.none(), text_strategy),
       published=st.sampled_from([None, "2031-03-12", "garbage"]))
def test_every_span_slices_back_to_its_text(models: Any, text: str, title: str | None,
                                            published: str | None) -> None:
    article = Article(id="p", text=text, title=title, published=published)
    story = extract_story_facts([article], models)
    doc = facts_to_dict(story)
    validate_contract(doc, "facts.schema.json")
    _check_spans(article, doc["articles"][0])


@settings(max_examples=300, deadline=None)
@given(text=text_strategy, published=st.sampled_from([None, "2031-03-12", "2031-02-29"]))
def test_date_finder_never_crashes_and_stays_in_bounds(text: str, published: str | None) -> None:
    previous_end = 0
    for found in find_dates(text, published):
        assert previous_end <= found.start < found.end <= len(text)
        previous_end = found.end


@settings(max_examples=300, deadline=None)
@given(text=text_strategy)
def test_quoted_pieces_lie_inside_their_marks(text: str) -> None:
    for piece in quoted_pieces(text):
        assert piece.outer_start <= piece.start < piece.end <= piece.outer_end <= len(text)
