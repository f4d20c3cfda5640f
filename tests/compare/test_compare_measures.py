"""Compound measures ("a 12-year sentence") compared only for the same unit and noun."""

from __future__ import annotations

from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Conflict


def measures(*drafts: Draft) -> list[Conflict]:
    found = compare_story(story(*drafts), WordBagModels()).conflicts  # type: ignore[arg-type]
    return [c for c in found if c.kind == "number" and c.severity != "low"]


def _sentenced(aid: str, figure: str, who: str = "Orlan Varsky", tail: str = "") -> Draft:
    text = f"The court said {who} was serving a {figure}-year sentence for fraud{tail}."
    return Draft(aid, text).person(who)


def test_a_lone_compound_figure_against_two_reports_is_outvoted():
    found = measures(_sentenced("r1", "12"), _sentenced("r2", "12", tail=" and bribery"),
                     _sentenced("r3", "36", tail=" in the north"))
    assert len(found) == 1, [c.summary for c in found]
    assert found[0].likely_error is not None
    assert found[0].likely_error.articles == ["r3"]
    assert "36" in found[0].summary and "12" in found[0].summary


def test_one_report_against_one_is_no_vote():
    assert measures(_sentenced("r1", "12"), _sentenced("r3", "36", tail=" in the north")) == []


def test_two_people_serving_different_sentences_are_no_conflict():
    found = measures(_sentenced("r1", "12"), _sentenced("r2", "12", tail=" and bribery"),
                     _sentenced("r3", "36", who="Dina Pelloux", tail=" in the north"))
    assert found == []


def test_a_compound_of_another_noun_or_an_age_is_not_compared():
    drafts = [_sentenced("r1", "12"), _sentenced("r2", "12", tail=" and bribery"),
              Draft("r3", "The court said Orlan Varsky, a 36-year-old, won a 36-year lease "
                          "for fraud victims.").person("Orlan Varsky")]
    assert measures(*drafts) == []


def test_a_noun_one_report_measures_several_ways_is_many_things():
    # r1 names two yard lines: a yard line is a place on the field, not one figure
    drafts = [
        Draft("r1", "The Owls stalled at the 20-yard line and again at the 35-yard line."),
        Draft("r2", "The Owls stalled at the 20-yard line before the break."),
        Draft("r3", "The Owls fumbled at the 45-yard line before the break."),
        Draft("r4", "The Owls stalled at the 20-yard line late on."),
    ]
    assert measures(*drafts) == []
