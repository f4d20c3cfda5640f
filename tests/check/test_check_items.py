"""Value readers of the checker: numbers, dates, quotes, name folding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.check.items import DateValue, fold, parse_date, parse_number, quotes_in


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10_000),  # "approximately 10,000 forced labourers' remains"
        ("some 180", 180),  # rounded counts keep their value
        ("2.5 million", 2_500_000),  # "2.5 million barrels"
        ("$3bn", 3e9),  # money with a scale suffix
        ("three", 3),  # spelled out
        ("twenty five", 25),
        ("two dozen", 24),  # scale words multiply
        ("three hundred thousand", 300_000),
        ("many", None),  # no value: never compared
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("13 January 2024", {"year": 2024, "month": 1, "day": 13}),  # dateline style
        ("Tuesday (Jan 13)", {"month": 1, "day": 13, "weekday": "tuesday"}),  # wire style
        ("January 13th", {"month": 1, "day": 13}),
        ("1942", {"year": 1942}),  # a bare year
        ("the 1990s", {"year": 1990}),
        ("last week", None),  # relative: nothing to compare
    ],
)
def test_parse_date(text: str, parts: dict[str, object] | None) -> None:
    value = parse_date(text)
    assert (value.parts() if value else None) == parts


def test_dates_agree_only_on_shared_parts() -> None:
    full = DateValue(2024, 1, 13)
    assert full.agrees(DateValue(None, 1, 13)) is True
    assert full.agrees(DateValue(2025, 1, 13)) is False
    assert full.agrees(DateValue(weekday="tuesday")) is None


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we will not back down" today.', ["we will not back down"]),
        ("She called it “small but meaningful,” adding more.", ["small but meaningful,"]),
        ("` the cleaner your diet the better' she told us.", ["the cleaner your diet the better"]),
        ("Japan’s leaders met Korea’s president.", []),  # apostrophes open no quote
        ('A "short" word is not a quote.', []),  # under three words
    ],
)
def test_quotes_in(text: str, quoted: list[str]) -> None:
    assert [text[a:b].strip() for a, b in quotes_in(text)] == [q.strip() for q in quoted]


def test_fold_makes_romanisations_comparable() -> None:
    assert fold("Jae-myung").split() == fold("Jae Myung").split()
    assert fold("Zürich") == "zurich"


@given(st.text(alphabet=st.sampled_from(list("ab \"“”‘’'`,.")), max_size=60))
def test_quote_offsets_slice_back(text: str) -> None:
    for start, end in quotes_in(text):
        assert 0 <= start < end <= len(text)
        assert len(text[start:end].split()) >= 1


@given(st.text(max_size=40))
def test_parsers_never_crash(text: str) -> None:
    parse_number(text)
    parse_date(text)
