"""A place only one report names, in the words where the others name another place."""

from __future__ import annotations

import pytest
from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.conflicts.swapped_places import swapped_in_line
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def places(comparison: Comparison) -> list[Conflict]:
    return [c for c in comparison.conflicts if c.kind == "place" and c.severity != "low"]


def run(gazetteer: Gazetteer, *drafts: Draft) -> Comparison:
    return compare_story(story(*drafts), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]


def _team_story(lone_city: str) -> list[Draft]:
    """Four reports of a coach's sacking; the team is named after its city, which the
    tagger types as a place in the other reports only."""
    lines = [
        ("r1", "The Denver Comets dismissed coach Arlo Vantress on Sunday after a losing run."),
        ("r2", "Coach Arlo Vantress was dismissed by the Denver Comets on Sunday morning."),
        ("r3", "The Denver Comets let coach Arlo Vantress go on Sunday, the club said."),
    ]
    drafts = [Draft(aid, text).place("Denver") for aid, text in lines]
    drafts.append(Draft("r4", f"Coach Arlo Vantress was dismissed by the {lone_city} Comets "
                              "on Sunday after weeks of speculation."))
    return drafts


def test_a_city_swapped_inside_a_team_name_blames_the_lone_report(gazetteer):
    found = places(run(gazetteer, *_team_story("Memphis")))
    assert len(found) == 1, [c.summary for c in found]
    conflict = found[0]
    assert conflict.likely_error is not None
    assert conflict.likely_error.articles == ["r4"]
    assert conflict.likely_error.value == "Memphis"
    assert {v.value for v in conflict.variants} == {"Memphis", "Denver"}
    assert "Memphis" in conflict.summary and "Denver" in conflict.summary


def test_the_same_team_name_raises_nothing(gazetteer):
    assert places(run(gazetteer, *_team_story("Denver"))) == []


def test_a_spelling_variant_of_the_same_place_is_not_a_swap(gazetteer):
    drafts = [
        Draft(aid, f"Fans gathered outside the Kessel Arena in Denver before the {n} game.")
        .place("Kessel Arena").place("Denver")
        for aid, n in (("r1", "final"), ("r2", "deciding"), ("r3", "last"))
    ]
    drafts.append(Draft("r4", "Fans gathered outside the Kessel-Arena in Denver before the game.")
                  .place("Kessel-Arena").place("Denver"))
    assert places(run(gazetteer, *drafts)) == []


def test_one_place_of_a_list_is_not_a_swapped_slot(gazetteer):
    drafts = [
        Draft("r1", "The outage hit users in Kenya, Egypt and India on Monday.")
        .place("Kenya").place("Egypt").place("India"),
        Draft("r2", "The outage hit users in Kenya, Egypt and India overnight.")
        .place("Kenya").place("Egypt").place("India"),
        Draft("r3", "The outage hit users in Kenya, Egypt and Pakistan on Monday.")
        .place("Kenya").place("Egypt").place("Pakistan"),
    ]
    # (a near-identical line may still be compared as a whole by the line-level rule)
    swaps = [c for c in places(run(gazetteer, *drafts)) if "in the same words" in c.summary]
    assert swaps == []


def test_a_capitalised_common_word_is_no_place(gazetteer):
    """"Union" is a town in GeoNames; a story that also writes "union" is using the word."""
    drafts = [
        Draft(aid, f"Leaders of Europe met on Friday to agree the {w} budget; the union said.")
        .place("Europe")
        for aid, w in (("r1", "new"), ("r2", "common"), ("r3", "joint"))
    ]
    drafts.append(Draft("r4", "Leaders of Union met on Friday to agree the budget."))
    assert places(run(gazetteer, *drafts)) == []


@pytest.mark.parametrize(
    ("ours", "theirs", "name", "swapped"),
    [
        ("the game in Portland on Saturday", "the game in Seattle on Saturday", "Seattle", True),
        ("fans in Portland cheered", "fans in Seattle cheered", "Seattle", True),
        ("he grew up in Portland", "the storm reached Seattle late", "Seattle", False),
        # a name that ends the line: the words further left say it is one slot
        ("moved from a ward in Graz to one in Portland", "moved from a ward in Graz to one in Seattle",
         "Seattle", True),
        ("she said it was in Portland", "he thought it was in Seattle", "Seattle", False),
        ("the game in Portland on Saturday", "the game in Seattle on Saturday", "Denver", False),
    ],
)
def test_lines_that_line_up_around_the_names(ours, theirs, name, swapped):
    start = ours.index("Portland")
    assert swapped_in_line(ours, start, start + len("Portland"), theirs, name) is swapped


def _court_story(lone: str, lone_line: str) -> list[Draft]:
    """Three reports name the trial's city in their own words; a fourth names another."""
    lines = [
        ("r1", "Jurors in Utrecht County Court heard the teen's lawyer on Tuesday."),
        ("r2", "The Utrecht teen told jurors on Tuesday that he had fired the gun."),
        ("r3", "On Tuesday the trial of the Utrecht teen heard from his lawyer."),
    ]
    drafts = [Draft(aid, text).place("Utrecht") for aid, text in lines]
    drafts.append(Draft("r4", lone_line).place(lone))
    return drafts


def test_a_place_no_other_report_names_in_like_lines_is_blamed_without_shared_words(gazetteer):
    # r4's lines share no frame with the others', but it alone names Gdansk, never Utrecht
    found = places(run(gazetteer, *_court_story(
        "Gdansk", "The jurors in Gdansk heard on Tuesday that the teen had fired the gun.")))
    assert [c.likely_error.articles for c in found if c.likely_error] == [["r4"]]


def test_a_name_the_report_places_nothing_in_is_not_outvoted_that_way(gazetteer):
    # "reporters from Gdansk": a place named, nothing put there -- no location to contradict
    found = places(run(gazetteer, *_court_story(
        "Gdansk", "Reporters from Gdansk watched the jurors and the teen on Tuesday.")))
    assert not found


@pytest.mark.parametrize("where", ["Czechia", "Terr."])
def test_a_place_followed_by_its_country_or_region_is_no_list_item(gazetteer, where):
    # "Ostrava, Czechia, ..." says where Ostrava is; it is not one item of a list
    drafts = [
        Draft(aid, f"Staff said the clinic in Ostrava, {where}, reopened on {day} after storms.")
        .place("Ostrava")
        for aid, day in (("r1", "Monday"), ("r2", "Tuesday"), ("r3", "Monday"))
    ]
    # worded otherwise around the same slot: only the swap rule can see it
    drafts.append(Draft("r4", f"Staff said the clinic in Tampere, {where}, lost its roof to "
                              "storms last year.").place("Tampere"))
    found = places(run(gazetteer, *drafts))
    assert [c.likely_error.articles for c in found if c.likely_error] == [["r4"]]


_FALL = "The climber slipped and fell to his death in Tampere late on Sunday, police said."
# each shares four of nine words with the lone line: cosine 0.44 under word bags
_LESS_ALIKE = (
    "Police said the climber fell to his doom from a ridge above Ostrava.",
    "Police said the climber fell into a crevasse beneath the Ostrava summit.",
    "Police said the climber fell hundreds of metres down the Ostrava face.",
)


@pytest.mark.parametrize("witnesses, blamed", [(3, [["r4"]]), (2, [])])
def test_lines_less_alike_outvote_a_lone_place_only_with_three_witnesses(
        gazetteer, witnesses, blamed):
    drafts = [Draft(f"r{n + 1}", line).place("Ostrava")
              for n, line in enumerate(_LESS_ALIKE[:witnesses])]
    drafts.append(Draft("r4", _FALL).place("Tampere"))
    found = places(run(gazetteer, *drafts))
    assert [c.likely_error.articles for c in found if c.likely_error] == blamed


@pytest.mark.parametrize("lone_date, blamed", [
    (("March 3", "--03-03"), [["r4"]]),  # the same meeting, put somewhere else
    (("June 17", "--06-17"), []),  # a stop in June is another happening
])
def test_lines_dated_to_different_months_tell_of_two_happenings(gazetteer, lone_date, blamed):
    drafts = [
        Draft(aid, f"The envoy met the rebels in Ostrava on March 3, {tail}")
        .place("Ostrava").date("March 3", "--03-03")
        for aid, tail in (("r1", "aides said."), ("r2", "officials said."),
                          ("r3", "diplomats said."))
    ]
    drafts.append(Draft("r4", f"On {lone_date[0]} the envoy and the rebels held talks at a "
                              "hotel in Tampere, aides said.")
                  .place("Tampere").date(*lone_date))
    found = places(run(gazetteer, *drafts))
    assert [c.likely_error.articles for c in found if c.likely_error] == blamed


_LOCAL = tuple(line.replace("Ostrava", "Dresvik") for line in _LESS_ALIKE)


@pytest.mark.parametrize("elsewhere, blamed", [
    ("Ostrava and Brno", [["r4"]]),  # the story's places lie in one country, Tampere not
    ("Ostrava and Oslo", []),  # two countries: where Dresvik lies is unknown
])
def test_a_foreign_place_against_a_local_one_no_gazetteer_lists(gazetteer, elsewhere, blamed):
    drafts = []
    for n, line in enumerate(_LOCAL):
        d = Draft(f"r{n + 1}", f"{line}\nRescuers flew in from {elsewhere}.").place("Dresvik")
        for town in elsewhere.split(" and "):
            d.place(town)
        drafts.append(d)
    drafts.append(Draft("r4", _FALL).place("Tampere"))
    found = places(run(gazetteer, *drafts))
    assert [c.likely_error.articles for c in found if c.likely_error] == blamed


_PLANT = "the Brightwell Foods plant in {}"


def _plant_story(lone_city: str) -> list[Draft]:
    """Two reports set a shooting at a plant in one city, worded quite differently from
    the third, which names another city in the same four words."""
    lines = [
        ("r1", f"The worker who shot two colleagues at {_PLANT.format('Dayton')} faces trial next month."),
        ("r2", f"Prosecutors said the shooting of colleagues at {_PLANT.format('Dayton')} lasted ten minutes."),
    ]
    drafts = [Draft(aid, text).place("Dayton") for aid, text in lines]
    drafts.append(Draft("r3", "Minutes after she was sent home from her shift at "
                              f"{_PLANT.format(lone_city)}, the woman returned armed and "
                              "opened fire on colleagues.").place(lone_city))
    return drafts


def test_a_long_run_of_the_same_words_sets_two_places_in_one_slot(gazetteer):
    # the lines are less alike (word-bag cosine 0.42 and 0.47) than the two-word frame
    # asks (0.5); "brightwell foods plant in" before both names makes it one slot
    found = places(run(gazetteer, *_plant_story("Tacoma")))
    assert len(found) == 1, [c.summary for c in found]
    assert found[0].likely_error is not None and found[0].likely_error.articles == ["r3"]
    assert {v.value for v in found[0].variants} == {"Tacoma", "Dayton"}


def test_the_same_long_frame_and_the_same_place_raise_nothing(gazetteer):
    assert places(run(gazetteer, *_plant_story("Dayton"))) == []


def test_the_rival_is_named_whole_not_by_a_word_of_it(gazetteer):
    line = "Fans gathered outside the Kessel Arena in {} before the final on Sunday."
    drafts = [Draft(aid, line.format("North Dayton")).place("North Dayton").place("North")
              for aid in ("r1", "r2", "r3")]
    # a fourth report names "North" alone, so the part is the more widely named of the two
    drafts.append(Draft("r4", "Storms swept across the North overnight, forecasters said.")
                  .place("North"))
    drafts.append(Draft("r5", line.format("Tacoma")).place("Tacoma"))
    found = [c for c in places(run(gazetteer, *drafts)) if "in the same words" in c.summary]
    assert len(found) == 1, [c.summary for c in found]
    assert {v.value for v in found[0].variants} == {"Tacoma", "North Dayton"}


def _fire_story(witnesses: int) -> list[Draft]:
    """Reports of a scrub fire; the last puts its start near another town in the same
    words, though it names the others' town too, where the evacuees came from."""
    line = "The scrub fire started east of {} on Tuesday, county officials said."
    drafts = [Draft(f"r{n}", line.format("Harwick")).place("Harwick")
              for n in range(1, witnesses + 1)]
    drafts.append(Draft("lone", line.format("Lomberg") + " About 900 people were moved "
                        "out of Harwick overnight.").place("Lomberg").place("Harwick"))
    return drafts


def test_a_report_naming_both_places_is_blamed_when_two_set_the_other_in_its_words(gazetteer):
    found = places(run(gazetteer, *_fire_story(2)))
    assert len(found) == 1, [c.summary for c in found]
    assert found[0].likely_error is not None
    assert (found[0].likely_error.articles, found[0].likely_error.value) == (["lone"], "Lomberg")


def test_a_report_naming_both_places_against_one_other_is_not_judged(gazetteer):
    assert places(run(gazetteer, *_fire_story(1))) == []
