"""Dates: every absolute, year-less and relative form, each with the kind of news
sentence that motivated it. The publication date is a Wednesday, 2031-03-12."""

from __future__ import annotations

import pytest

from newsdesk.facts.dates import find_dates, parse_published

PUBLISHED = "2031-03-12"  # a Wednesday

# (motivating sentence, expected text, value, weekday, relative, weekday_mismatch)
CASES = [
    # absolute dates, as precise as stated
    ("The summit was held in Oslo on 4 March 2031.", "4 March 2031", "2031-03-04", None, False, False),
    ("Voting ended on March 4, 2031, officials said.", "March 4, 2031", "2031-03-04", None, False, False),
    ("The law took effect on 2031-02-28.", "2031-02-28", "2031-02-28", None, False, False),
    ("The plant closed in June 2029.", "June 2029", "2029-06", None, False, False),
    ("The mine collapsed in 1987, killing dozens.", "1987", "1987", None, False, False),
    # numeric datelines, read only when one order of day and month is possible
    ("Posted 12/19/2029 3:36 PM", "12/19/2029", "2029-12-19", None, False, False),
    ("Updated 04 / 04 / 2030 at 11:00", "04 / 04 / 2030", "2030-04-04", None, False, False),
    ("Posted: 04/09/2030 8:33 am", "04/09/2030", "2030", None, False, False),
    # datelines in capitals
    ("SEPTEMBER 16, 2029 11:12AM", "SEPTEMBER 16, 2029", "2029-09-16", None, False, False),
    ("FRIDAY, MARCH 7, 2031, 9:53 PM", "FRIDAY, MARCH 7, 2031", "2031-03-07", "Friday", False, False),
    ("It marks the anniversary of the Sept. 11 attacks.", "Sept. 11", "--09-11", None, False, False),
    # a year-less date stays year-less
    ("Talks resume on the 20th of April.", "the 20th of April", "--04-20", None, False, False),
    ("Elections could come as early as February 8th.", "February 8th", "--02-08", None, False, False),
    ("Parliament will be dissolved at the end of January.", "January", "--01", None, False, False),
    # a stated weekday is kept and checked against the date
    ("Leaders met on Tuesday (Mar 11), a day before the vote.", "Tuesday (Mar 11)", "--03-11", "Tuesday", False, False),
    ("On Tuesday, March 11th, the two leaders held a summit.", "Tuesday, March 11th", "--03-11", "Tuesday", False, False),
    ("On Monday, March 11th, the two leaders held a summit.", "Monday, March 11th", "--03-11", "Monday", False, True),
    ("The accord was signed on Friday, 7 March 2031.", "Friday, 7 March 2031", "2031-03-07", "Friday", False, False),
    ("The accord was signed on Sunday, 7 March 2031.", "Sunday, 7 March 2031", "2031-03-07", "Sunday", False, True),
    # relative forms, resolved against the publication date
    ("The minister resigned yesterday.", "yesterday", "2031-03-11", None, True, False),
    ("The results are due today.", "today", "2031-03-12", None, True, False),
    ("The strike starts tomorrow.", "tomorrow", "2031-03-13", None, True, False),
    ("Ministers met on Tuesday to discuss the plan.", "Tuesday", "2031-03-11", "Tuesday", True, False),
    ("The two leaders are expected to visit the temple on Thursday.", "Thursday", "2031-03-13", "Thursday", True, False),
    # the future told in reported speech or in a forecast
    ("The sheriff said the road would stay shut until Saturday.", "Saturday", "2031-03-15", "Saturday", True, False),
    ("Forecasters expect no rain before Sunday.", "Sunday", "2031-03-16", "Sunday", True, False),
    ("Rebels attacked the town last Friday.", "last Friday", "2031-03-07", "Friday", True, False),
    ("The court will rule next Monday.", "next Monday", "2031-03-17", "Monday", True, False),
    ("She took office last October.", "last October", "2030-10", None, True, False),
    ("Elections are scheduled for next June.", "next June", "2031-06", None, True, False),
    ("He visited the capital in August of last year.", "August of last year", "2030-08", None, True, False),
    ("Prices rose sharply last year.", "last year", "2030", None, True, False),
    ("The report will be published next week.", "next week", "2031-W12", None, True, False),
    ("Exports fell last month.", "last month", "2031-02", None, True, False),
    ("The ship sank three weeks ago.", "three weeks ago", "2031-02-19", None, True, False),
    ("The protests began two years ago.", "two years ago", "2029", None, True, False),
]


@pytest.mark.parametrize("sentence,text,value,weekday,relative,mismatch", CASES)
def test_date_forms(sentence: str, text: str, value: str, weekday: str | None,
                    relative: bool, mismatch: bool) -> None:
    found = find_dates(sentence, PUBLISHED)
    assert [sentence[f.start:f.end] for f in found] == [text]
    fact = found[0]
    assert (fact.value, fact.weekday, fact.relative, fact.weekday_mismatch) == (
        value, weekday, relative, mismatch)


@pytest.mark.parametrize("sentence,text", [
    ("Ministers met on Tuesday to discuss the plan.", "Tuesday"),
    ("The minister resigned yesterday.", "yesterday"),
    ("She took office last October.", "last October"),
])
def test_relative_dates_without_publication_date_are_unresolved(sentence: str, text: str) -> None:
    found = find_dates(sentence, None)
    assert [sentence[f.start:f.end] for f in found] == [text]
    assert found[0].value is None and found[0].relative


@pytest.mark.parametrize("sentence", [
    "More than 2000 people were evacuated.",  # a count, not a year
    "The budget is $2030 per head.",  # an amount
    "Turnout was 1999 percent of the target.",  # a percentage
    "We may see rain, the forecaster said.",  # "may" is not May
    "Mayor Ortiz opened the bridge.",  # "Mayor" is not May
])
def test_things_that_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, PUBLISHED) == []


def test_two_years_in_one_sentence() -> None:
    sentence = "Colonial rule lasted from 1910 until 1945."
    assert [f.value for f in find_dates(sentence)] == ["1910", "1945"]


def test_publication_date_parsing() -> None:
    assert str(parse_published("2031-03-12T08:00:00Z")) == "2031-03-12"
    assert parse_published("not a date") is None
    assert parse_published(None) is None
