"""Number conflicts: figures attached to a named person, figures a single report gives
against the story's tally, and the sports-page lines that must not raise an alarm.

Names and figures are invented; each false-alarm case mirrors a shape seen on
ecbplus-dev clean events (stat lines of different seasons, different players, a season
average against one game, two people of one family)."""

from __future__ import annotations

import pytest
from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def run(gazetteer: Gazetteer, *drafts: Draft) -> Comparison:
    return compare_story(story(*drafts), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]


def serious_numbers(comparison: Comparison) -> list[Conflict]:
    return [c for c in comparison.conflicts if c.kind == "number" and c.severity != "low"]


def _aged(article: str, line: str, age: str) -> Draft:
    return (Draft(article, line.format(age)).person("Orla Quennell", "person:orla-quennell")
            .number(age, float(age), float(age), float(age), None))


def test_an_age_only_one_report_gives_is_blamed_on_that_report(gazetteer):
    a = _aged("a", "Orla Quennell, {}, was found safe near the ferry terminal on Sunday.", "204")
    b = _aged("b", "Orla Quennell, {}, walked out of the hills after three days.", "68")
    c = _aged("c", "Rescuers said Orla Quennell, {}, had sheltered in a barn.", "68")
    found = serious_numbers(run(gazetteer, a, b, c))
    assert len(found) == 1, [k.summary for k in found]
    assert found[0].likely_error is not None and found[0].likely_error.articles == ["a"]


def test_ages_a_year_apart_are_one_age_around_a_birthday(gazetteer):
    a = _aged("a", "Orla Quennell, {}, was found safe near the ferry terminal on Sunday.", "67")
    b = _aged("b", "Orla Quennell, {}, walked out of the hills after three days.", "68")
    c = _aged("c", "Rescuers said Orla Quennell, {}, had sheltered in a barn.", "68")
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_one_report_against_one_other_is_not_judged(gazetteer):
    a = _aged("a", "Orla Quennell, {}, was found safe near the ferry terminal on Sunday.", "204")
    b = _aged("b", "Orla Quennell, {}, walked out of the hills after three days.", "68")
    assert not serious_numbers(run(gazetteer, a, b))


def test_ages_of_two_people_of_one_family_are_not_compared(gazetteer):
    # "the 19-year-old Tamsin Brack" against "the 24-year-old Ewan Brack": two people
    lines = (
        ("a", "19", "Tamsin", "Police charged the {}-year-old {} Brack after the mill fire on Friday."),
        ("b", "24", "Ewan", "Police charged the {}-year-old {} Brack over the mill fire late on Friday."),
        ("c", "24", "Ewan", "On Friday police charged the {}-year-old {} Brack after the mill fire."),
    )
    drafts = []
    for article, age, first, line in lines:
        d = Draft(article, line.format(age, first)).person(f"{first} Brack")
        drafts.append(d.number(age, float(age), float(age), float(age), "year"))
    assert not serious_numbers(run(gazetteer, *drafts))


def _line(article: str, text: str, *figures: tuple[str, float, str]) -> Draft:
    d = Draft(article, text)
    for raw, value, unit in figures:
        d.number(raw, value, value, value, unit)
    return d


def test_a_percentage_in_a_copied_line_is_blamed_by_the_story_tally(gazetteer):
    # the line as two reports give it, one with a figure nobody else gives
    line = "At the peak 40 percent of calls in Velmora and {} percent in Ostrakand failed."
    a = _line("a", line.format(219), ("40 percent", 40, "%"), ("219 percent", 219, "%"))
    b = _line("b", line.format(73), ("40 percent", 40, "%"), ("73 percent", 73, "%"))
    c = _line("c", "Operators said 73 percent of calls to Ostrakand were lost on Friday.",
              ("73 percent", 73, "%"))
    found = serious_numbers(run(gazetteer, a, b, c))
    assert found and all(k.likely_error and k.likely_error.articles == ["a"] for k in found)


def test_stat_lines_that_differ_in_every_figure_are_different_seasons(gazetteer):
    a = _line("a", "Dunmore hit 11 homers and 38 RBIs in 49 games with the Herons.",
              ("11 homers", 11, "homers"), ("38 RBIs", 38, "RBIs"), ("49 games", 49, "games"))
    b = _line("b", "Dunmore hit 31 homers and 115 RBIs in 160 games with the Herons.",
              ("31 homers", 31, "homers"), ("115 RBIs", 115, "RBIs"), ("160 games", 160, "games"))
    c = _line("c", "Dunmore hit 11 homers and 38 RBIs in 49 games after the trade.",
              ("11 homers", 11, "homers"), ("38 RBIs", 38, "RBIs"), ("49 games", 49, "games"))
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_a_season_average_is_not_a_single_game_tally(gazetteer):
    a = _line("a", "Keogh finished with 21 points and 9 rebounds a game for the Larks.",
              ("21 points", 21, "points"), ("9", 9, "rebounds"))
    b = _line("b", "Keogh finished with 21 points and 4 rebounds for the Larks.",
              ("21 points", 21, "points"), ("4", 4, "rebounds"))
    c = _line("c", "Keogh finished with 21 points and 4 rebounds for the Larks on Friday.",
              ("21 points", 21, "points"), ("4", 4, "rebounds"))
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_a_tally_said_of_something_else_in_a_similar_line_is_no_conflict(gazetteer):
    # "scored 30 points to break the record" against "added six points during a late run"
    tail = " in the semifinal of the Valley Conference tournament at Northgate Arena."
    a = _line("a", "As the Larks beat the Herons on Friday, the reserve guard Ardley added six "
              "points during a late run" + tail, ("six points", 6, "points"))
    b = _line("b", "As the Larks beat the Herons on Friday, the senior captain Brannock scored "
              "30 points to break the record" + tail, ("30 points", 30, "points"))
    c = _line("c", "The Larks beat the Herons on Friday; the senior captain Brannock scored "
              "30 points, a school record," + tail, ("30 points", 30, "points"))
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_the_same_line_with_one_figure_changed_is_blamed_by_the_story_tally(gazetteer):
    # the encoder reads "She was 273." and "She was 91." as different sentences
    a = _line("a", "The singer died at home on Sunday.\nShe was 273.", ("273", 273, None))
    b = _line("b", "The singer died at home in Marlow on Sunday.\nShe was 91.", ("91", 91, None))
    c = _line("c", "Her family said the singer died on Sunday.\nShe was 91.", ("91", 91, None))
    found = serious_numbers(run(gazetteer, a, b, c))
    assert found and all(k.likely_error and k.likely_error.articles == ["a"] for k in found)


def test_an_age_given_as_aged_is_attached_to_the_person(gazetteer):
    a = _aged("a", "Orla Quennell, {}, was found safe near the ferry terminal on Sunday.", "204")
    b = _aged("b", "Orla Quennell, aged {}, walked out of the hills after three days.", "68")
    c = _aged("c", "Rescuers said Orla Quennell, aged {}, had sheltered in a barn.", "68")
    found = serious_numbers(run(gazetteer, a, b, c))
    assert len(found) == 1 and found[0].likely_error is not None
    assert found[0].likely_error.articles == ["a"]


def test_a_decimal_split_by_tokenised_text_is_not_a_figure(gazetteer):
    # "$37. 5 million" (a tokenised "$37.5 million"): "$37" is no figure of its own
    line = "The club paid {} for the striker last summer, its record fee."
    a = _line("a", line.format("$37. 5 million"), ("$37", 37, "USD"))
    b = _line("b", line.format("$37.5 million"), ("$37.5 million", 37.5e6, "USD"))
    c = _line("c", line.format("$37.5 million"), ("$37.5 million", 37.5e6, "USD"))
    assert not serious_numbers(run(gazetteer, a, b, c))


@pytest.mark.parametrize("dash", ["-", " - "])  # as written, and as tokenised text has it
def test_compound_adjectives_describe_rather_than_count(gazetteer, dash):
    # an 11-yard pass and a 73-yard drive are two plays, not two tallies of one thing
    tail = " to Hale before the winning score at Harlow Field."
    a = _line("a", f"Late on Sunday the rookie completed an 11{dash}yard pass" + tail,
              ("11", 11, "yard"))
    b = _line("b", f"Late on Sunday the rookie capped a 73{dash}yard drive with a pass" + tail,
              ("73", 73, "yard"))
    c = _line("c", f"Late on Sunday the rookie capped the 73{dash}yard drive with a pass" + tail,
              ("73", 73, "yard"))
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_a_converted_figure_in_brackets_is_not_a_second_figure(gazetteer):
    # the facts stage reads no currency in "$US1 million": only the bracketed figure is USD
    a = _line("a", "Damage to the hall was estimated at $US1 million ($1.52 million), police said.",
              ("1 million", 1e6, None), ("$1.52 million", 1.52e6, "USD"))
    b = _line("b", "Damage to the hall was estimated at $1 million, the fire service said.",
              ("$1 million", 1e6, "USD"))
    c = _line("c", "The fire service estimated damage to the hall at $1 million.",
              ("$1 million", 1e6, "USD"))
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_a_boxing_record_after_a_name_is_not_an_age(gazetteer):
    a = _aged("a", "Klemens stopped Orla Quennell, {}-7-2, in the seventh round.", "45")
    b = _aged("b", "By the sixth round Orla Quennell, {}, looked tired and beaten.", "36")
    c = _aged("c", "Orla Quennell, {}, has not won a notable bout since 2005.", "36")
    assert not serious_numbers(run(gazetteer, a, b, c))


def test_an_age_at_death_is_attached_to_the_person_who_died(gazetteer):
    a = _aged("a", "Orla Quennell, the swimming star, dies at {}", "273")
    b = _aged("b", "Orla Quennell, who starred in water musicals, died on Thursday at the age of {}.",
              "91")
    c = _aged("c", "Orla Quennell died in her sleep at home, at the age of {}, her agent said.", "91")
    found = serious_numbers(run(gazetteer, a, b, c))
    assert len(found) == 1 and found[0].likely_error is not None
    assert found[0].likely_error.articles == ["a"]
