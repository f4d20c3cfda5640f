"""The corruption harness changes what a report states, not what merely holds a value:
a number must be a quantity (what it counts is known) and a place must be where the
corrupted report puts something."""

from __future__ import annotations

import random

from compare_builders import Draft, story

from newsdesk.compare.corruption import Donors, inject
from newsdesk.compare.places import Gazetteer


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


def test_an_injection_is_decidable_only_when_two_independent_reports_state_the_original():
    from newsdesk.compare.corruption import Injection, decidable, witnesses
    from newsdesk.compare.model import Comparison

    line = "The Varnholt dam burst in 1987 and flooded the valley."
    facts = story(*(Draft(name, line) for name in ("a", "b", "c")))
    shifted = Injection("date", "a", "1987", "1988")
    assert witnesses(shifted, facts, Comparison()) == ["b", "c"]
    assert decidable(shifted, facts, Comparison())
    # c copies b: one independent voice against a's word, and no side can be blamed
    copied = Comparison(derived_from={"c": "b"})
    assert witnesses(shifted, facts, copied) == ["b"]
    assert not decidable(shifted, facts, copied)


def test_a_number_is_witnessed_by_the_same_figure_of_the_same_unit():
    from newsdesk.compare.corruption import Injection, witnesses
    from newsdesk.compare.model import Comparison

    a = Draft("a", "Some 400 dockworkers walked out.").number("400 dockworkers", 400, 400, 400, "dockworkers")
    b = Draft("b", "About 400 dockworkers struck.").number("400 dockworkers", 400, 360, 440, "dockworkers")
    c = Draft("c", "Some 400 tonnes were left.").number("400 tonnes", 400, 400, 400, "tonnes")
    moved = Injection("number", "a", "400 dockworkers", "1,200 dockworkers")
    assert witnesses(moved, story(a, b, c), Comparison()) == ["b"]


def test_a_figure_whose_qualifier_holds_the_tripled_one_is_no_witness():
    # "more than 400" states the original but does not contradict "1,200"
    from newsdesk.compare.corruption import Injection, witnesses
    from newsdesk.compare.model import Comparison

    a = Draft("a", "Some 400 dockworkers walked out.").number("400 dockworkers", 400, 400, 400, "dockworkers")
    b = Draft("b", "About 400 dockworkers struck.").number("400 dockworkers", 400, 360, 440, "dockworkers")
    c = Draft("c", "More than 400 dockworkers struck.").number("400 dockworkers", 400, 400, None,
                                                           "dockworkers")
    moved = Injection("number", "a", "400 dockworkers", "1,200 dockworkers")
    assert witnesses(moved, story(a, b, c), Comparison()) == ["b"]


def test_a_bare_figure_is_witnessed_by_no_one():
    # "wanted it on a 3" counts nothing named: a "3" in another report's "3-0 record"
    # does not state it, and the injection cannot be decided
    from newsdesk.compare.corruption import Injection, witnesses
    from newsdesk.compare.model import Comparison

    a = Draft("a", "He said he wanted it on a 3 that night.").number("3", 3, 3, 3, None)
    b = Draft("b", "The Owls are 3-0 at home.").number("3", 3, 3, 3, None)
    c = Draft("c", "They stand 3-0 in the league.").number("3", 3, 3, 3, None)
    moved = Injection("number", "a", "3", "9")
    assert witnesses(moved, story(a, b, c), Comparison()) == []


def test_a_place_is_witnessed_only_where_another_report_names_it_as_a_place():
    # c names the city only inside a newspaper's name: it does not say where they met
    from newsdesk.compare.corruption import Injection, witnesses
    from newsdesk.compare.model import Comparison

    a = Draft("a", "The ministers met in Lisbon on Monday.").place("Lisbon")
    b = Draft("b", "Ministers gathered at Lisbon for talks.").place("Lisbon")
    c = Draft("c", "The Lisbon Courier said the talks went well.")  # tagged no place
    moved = Injection("place", "a", "Lisbon", "Oslo")
    assert witnesses(moved, story(a, b, c), Comparison()) == ["b"]


def test_a_figure_that_is_part_of_a_score_a_fraction_or_a_rank_is_not_moved():
    line = "The No. 2 aide served 4 1/2 months; the Owls won 20-13 before 900 fans."
    drafts = []
    for name in ("a", "b"):
        d = Draft(name, line).number("2 aide", 2, 2, 2, "aide")
        d.number("2 months", 2, 2, 2, "months").number("13", 13, 13, 13, "points")
        drafts.append(d.number("900 fans", 900, 900, 900, "fans"))
    olds = {inject("number", story(*drafts), Donors(), random.Random(seed))[1].old  # type: ignore[index]
            for seed in range(20)}
    assert olds == {"900 fans"}


def test_only_a_proper_name_the_tagger_typed_is_a_place_to_replace():
    # neither "red zone" nor a name cut off at "and" is a place, wherever things sit in it
    drafts = []
    for name in ("a", "b"):
        d = Draft(name, "The drive stalled in the red zone; staff at the Varnholt Fish and "
                        "Game office in Dresvik Harbour watched.")
        drafts.append(d.place("red zone").place("Varnholt Fish and").place("Dresvik Harbour"))
    olds = {inject("place", story(*drafts), Donors(places=["Oslo"]), random.Random(seed),
                   Gazetteer())[1].old  # type: ignore[index]
            for seed in range(20)}
    assert olds == {"Dresvik Harbour"}


def test_tokenised_figures_are_joined_back_whole():
    # the corpus splits "$2.6 million", "4:30" and "100,000" into tokens; read back
    # "$2. 6 million" the facts stage sees a figure of $2 (and a date keeps its comma)
    from newsdesk.compare.corruption import detokenise

    line = "Thieves took $2 . 6 million at 4 : 30 on May 3 , 2013 , watched by 100 , 000 fans ."
    assert detokenise(line) == (
        "Thieves took $2.6 million at 4:30 on May 3, 2013, watched by 100,000 fans."
    )


def test_a_conflict_over_the_changed_value_that_blames_an_honest_report_is_counted():
    from newsdesk.compare.corruption import Injection, caught, misblamed
    from newsdesk.compare.model import Comparison, Conflict, LikelyError, Variant
    from newsdesk.model import Span

    shifted = Injection("number", "a", "40 pumps", "120 pumps")

    def blaming(who: str, severity: str = "medium") -> Comparison:
        variants = [Variant("120 pumps", [Span("a", "text", 0, 9)]),
                    Variant("40 pumps", [Span("b", "text", 0, 8)])]
        return Comparison(conflicts=[Conflict(
            "c1", "number", "Reports disagree on the number of pumps.", severity,  # type: ignore[arg-type]
            variants, LikelyError([who], "x", "Outvoted."))])

    assert caught(blaming("a"), shifted) and misblamed(blaming("a"), shifted) is None
    assert misblamed(blaming("b"), shifted) is not None and not caught(blaming("b"), shifted)
    # a low conflict is no verdict a reader acts on
    assert misblamed(blaming("b", "low"), shifted) is None
