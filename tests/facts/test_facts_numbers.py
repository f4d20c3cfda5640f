"""Numbers: every qualifier, range and number word, with the sentence that motivated it.

The counted noun comes from spaCy's parse, so these cases run the real small model.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.facts.dates import find_dates
from newsdesk.facts.numbers import find_numbers, interval, word_value

INF = None  # unbounded

# (sentence, expected span text, value, low, high, unit)
CASES = [
    # exact counts and their counted noun
    ("A trade pact of 12 members was signed.", "12", 12, 12, 12, "members"),
    ("Officials said 212 miners and 38 rescuers were trapped.", "212", 212, 212, 212, "miners"),
    ("The flood displaced 4,500 families.", "4,500", 4500, 4500, 4500, "families"),
    ("The storm cut power to 1.2 million homes.", "1.2 million", 1.2e6, 1.2e6, 1.2e6, "homes"),
    # qualifiers
    ("More than 180 workers died in the flooding.", "More than 180", 180, 180, INF, "workers"),
    ("Over 300 people were evacuated.", "Over 300", 300, 300, INF, "people"),
    ("At least 40 homes were destroyed.", "At least 40", 40, 40, INF, "homes"),
    ("Some 136 miners died when the shaft flooded.", "Some 136", 136, 122.4, 149.6, "miners"),
    ("About 3,000 remains have been identified.", "About 3,000", 3000, 2700, 3300, "remains"),
    ("Approximately 500 soldiers crossed the river.", "Approximately 500", 500, 450, 550, "soldiers"),
    ("Nearly 90 schools closed.", "Nearly 90", 90, 81, 99, "schools"),
    ("Almost 20 villages were cut off.", "Almost 20", 20, 18, 22, "villages"),
    ("Around 60 delegates attended.", "Around 60", 60, 54, 66, "delegates"),
    ("As many as 10,000 labourers may still be missing.", "As many as 10,000", 10000, 0, 10000, "labourers"),
    ("Up to 30 km of coastline was affected.", "Up to 30", 30, 0, 30, "km"),
    ("Fewer than 50 members voted.", "Fewer than 50", 50, 0, 50, "members"),
    ("Less than 5 percent of ballots were spoiled.", "Less than 5 percent", 5, 0, 5, "%"),
    # ranges
    ("Between 10 and 20 people were hurt.", "Between 10 and 20", 15, 10, 20, "people"),
    ("The quake was felt 5-10 km away.", "5-10", 7.5, 5, 10, "km"),
    ("Prices rose from 40 to 60 dollars.", "from 40 to 60", 50, 40, 60, "dollars"),
    # number words
    ("Two ministers resigned on the same day.", "Two", 2, 2, 2, "ministers"),
    ("The leaders met for three hours.", "three", 3, 3, 3, "hours"),
    ("A dozen boats were seized.", "A dozen", 12, 12, 12, "boats"),
    ("Forty-three lawmakers voted against.", "Forty-three", 43, 43, 43, "lawmakers"),
    ("Hundreds of protesters gathered outside.", "Hundreds", 200, 200, 999, "protesters"),
    ("Thousands of residents fled the fires.", "Thousands", 2000, 2000, 999999, "residents"),
    ("Dozens of flights were cancelled.", "Dozens", 24, 24, 144, "flights"),
    ("Tens of thousands of people marched.", "Tens of thousands", 20000, 20000, 99999, "people"),
    # money and percentages
    ("The company lost $1.5 billion last year.", "$1.5 billion", 1.5e9, 1.5e9, 1.5e9, "USD"),
    # the wire services' abbreviations of million and billion
    ("Thieves took jewels worth 2 mn euros.", "2 mn", 2e6, 2e6, 2e6, "euros"),
    ("The state sold 40 mln shares to funds.", "40 mln", 4e7, 4e7, 4e7, "shares"),
    ("The budget tops 3 bln dollars.", "3 bln", 3e9, 3e9, 3e9, "dollars"),
    ("Turnout reached 58 percent.", "58 percent", 58, 58, 58, "%"),
    ("Inflation hit 7.5% in May.", "7.5%", 7.5, 7.5, 7.5, "%"),
    # halves
    ("She served four and a half months in prison.", "four and a half", 4.5, 4.5, 4.5, "months"),
    ("The talks lasted 2½ hours.", "2½", 2.5, 2.5, 2.5, "hours"),
    ("Some two and a half million people voted.", "Some two and a half million", 2.5e6,
     2.25e6, 2.75e6, "people"),
    # differences and increases: another quantity than the thing counted
    ("She won the race five laps sooner than last year.", "five", 5, 5, 5, "laps sooner"),
    ("The new pier opened three days earlier.", "three", 3, 3, 3, "days earlier"),
    ("He is two years older than the mayor.", "two", 2, 2, 2, "years older"),
    ("Two more workers were hurt on Friday.", "Two", 2, 2, 2, "more workers"),
    # a margin: how far apart two sides are, not what either has
    ("The hosts went into the last quarter six points down.", "six", 6, 6, 6,
     "points down"),
]


@pytest.fixture(scope="module")
def nlp(models: Any) -> Any:
    return models.nlp()


def _numbers(nlp: Any, sentence: str) -> list[Any]:
    doc = nlp(sentence)
    taken = [(d.start, d.end) for d in find_dates(sentence)]
    return find_numbers(doc, taken)


@pytest.mark.parametrize("sentence,text,value,low,high,unit", CASES)
def test_number_forms(nlp: Any, sentence: str, text: str, value: float, low: float,
                      high: float | None, unit: str) -> None:
    found = _numbers(nlp, sentence)
    assert found, f"no number found in {sentence!r}"
    first = found[0]
    assert sentence[first.start:first.end] == text
    assert first.value == pytest.approx(value)
    assert first.low == pytest.approx(low)
    assert (first.high is None) if high is None else first.high == pytest.approx(high)
    assert first.unit == unit


@pytest.mark.parametrize("sentence", [
    "The mine collapsed in 1942, killing many.",  # a year is a date, not a count
    "One of the things that matters is trust.",  # "one of" is a pronoun
    "The capital upholds the One Nation policy.",  # a number word inside a name
    "The bridge opened at 10:30, police said.",  # a clock time
    "Police seized KX 90 rifles at the port.",  # a model designation
    "Police seized KX - 90 rifles at the port.",  # the same, as tokenised text writes it
    "Leaders of the G 20 met in the capital.",  # a group's name
])
def test_not_counts(nlp: Any, sentence: str) -> None:
    assert _numbers(nlp, sentence) == []


def test_two_numbers_joined_by_and_are_not_a_range(nlp: Any) -> None:
    sentence = "Some 136 miners and 47 guards died."
    found = _numbers(nlp, sentence)
    assert [sentence[f.start:f.end] for f in found] == ["Some 136", "47"]
    assert [f.unit for f in found] == ["miners", "guards"]


@pytest.mark.parametrize("text,value", [
    ("seventy-two", 72), ("a dozen", 12), ("half a dozen", 6), ("2.5 million", 2.5e6),
    ("3bn", 3e9), ("nineteen", 19), ("10,000", 10000), ("zebra", None),
])
def test_word_values(text: str, value: float | None) -> None:
    assert word_value(text) == value


def test_interval_of_each_qualifier_family() -> None:
    assert interval(100, "about") == (90, 110)
    assert interval(100, "more than") == (100, None)
    assert interval(100, "at least") == (100, None)
    assert interval(100, "up to") == (0, 100)
    assert interval(100, "fewer than") == (0, 100)
    assert interval(100, None) == (100, 100)


@pytest.mark.parametrize("sentence,figure,subject", [
    ("Wendell Marsh ran for 64 yards in the first half.", "64", "Wendell Marsh"),
    # a conjoined verb takes the first verb's subject
    ("Okafor caught the ball and ran for nine yards.", "nine", "Okafor"),
    # a relative clause takes the noun it describes
    ("Okafor, who ran for 12 yards, left the game injured.", "12", "Okafor"),
    # a nationality is a name; "the" is not
    ("The Danish coastguard rescued 14 fishermen.", "14", "Danish"),
    # "she" or "he": the person named last before it in the sentence
    ("The board hired Mara Quist, and she ran the plant for 22 years.", "22", "Mara Quist"),
    # nobody named: a pronoun, a common noun, the figure inside the subject itself
    ("He ran for 64 yards.", "64", None),
    ("Police arrested 23 people overnight.", "23", None),
    ("Some 71 percent of voters backed the plan, Varta reported.", "71", None),
    # the figure of another noun than the verb's object: the paper's stories, not hers
    ("Lena Vork was the paper's editor for many of its 250 issues.", "250", None),
    # no verb at all: a caption or a heading
    ("Harbour strike: 23 boats idle", "23", None),
])
def test_the_named_subject_of_a_figure(nlp: Any, sentence: str, figure: str,
                                       subject: str | None) -> None:
    found = [f for f in _numbers(nlp, sentence) if figure in sentence[f.start:f.end]]
    assert len(found) == 1
    got = found[0].subject
    assert (sentence[got[0]:got[1]] if got else None) == subject


@pytest.mark.parametrize("text,values", [
    # a machine translation that keeps continental figures: the point groups thousands
    ("The fire has burned 18.400 acres and 2.300 people had to leave.", [18400, 2300]),
    ("The group pays 4,2 billion dollars, or 38,50 dollars per share.", [4.2e9, 38.5]),
    # English figures beside an ambiguous one: the point is a decimal point
    ("The fund grew 1.250 times; 2,300 people invested.", [1.25, 2300]),
    ("Rates rose to 1.125 per cent.", [1.125]),
    ("The quake measured 6.2 and the fault slipped 1.500 metres.", [6.2, 1.5]),
])
def test_continental_figures_are_read_as_the_writer_meant(nlp: Any, text: str,
                                                          values: list[float]) -> None:
    assert [pytest.approx(v) for v in values] == [f.value for f in _numbers(nlp, text)]
