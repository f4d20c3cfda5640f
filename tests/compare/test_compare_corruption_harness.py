"""The corruption harness changes what a report states, not what merely holds a value:
a number must be a quantity (what it counts is known) and a place must be where the
corrupted report puts something."""

from __future__ import annotations

import random

from compare_builders import Draft, story

from newsdesk.compare.corruption import Donors, inject


def test_numbers_are_injected_into_quantities_only():
    # the phone number and the clock time are given by both reports, like the count
    line = "Some 400 dockworkers walked out at 6 p.m.; call 0845 125 2222 for updates."
    drafts = []
    for name in ("a", "b"):
        d = Draft(name, line).number("400 dockworkers", 400, 400, 400, "dockworkers")
        d.number("6 p.m.", 6, 6, 6, "p.m.").number("2222", 2222, 2222, 2222, None)
        drafts.append(d)
    olds = set()
    for seed in range(20):
        result = inject("number", story(*drafts), Donors(), random.Random(seed))
        assert result is not None
        olds.add(result[1].old)
    assert olds == {"400 dockworkers"}


def test_a_place_is_injected_only_where_the_report_places_something():
    # b names the city only inside a newspaper's name: nothing of b's is put there
    a = Draft("a", "The ministers met in Lisbon on Monday.").place("Lisbon")
    b = Draft("b", "The Lisbon Courier said the ministers met on Monday.").place("Lisbon")
    donors = Donors(places=["Oslo"])
    hit = set()
    for seed in range(20):
        result = inject("place", story(a, b), donors, random.Random(seed))
        assert result is not None
        hit.add(result[1].article)
    assert hit == {"a"}


def test_a_clock_time_is_not_a_year_to_shift():
    line = "The fire broke out at about 2045 GMT on Friday, in the 1998 extension."
    drafts = [Draft(name, line) for name in ("a", "b")]
    olds = {inject("date", story(*drafts), Donors(), random.Random(seed))[1].old  # type: ignore[index]
            for seed in range(20)}
    assert olds == {"1998"}


def test_a_figure_is_moved_only_when_its_interval_can_be_left():
    # "up to 15 years": any larger ceiling still holds 15; "about 400 workers" can move
    line = "The union's about 400 workers face up to 15 years of lower pay."
    drafts = []
    for name in ("a", "b"):
        d = Draft(name, line).number("about 400 workers", 400, 360, 440, "workers")
        drafts.append(d.number("up to 15 years", 15, 0, 15, "years"))
    olds = {inject("number", story(*drafts), Donors(), random.Random(seed))[1].old  # type: ignore[index]
            for seed in range(20)}
    assert olds == {"about 400 workers"}
