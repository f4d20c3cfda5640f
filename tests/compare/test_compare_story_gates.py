"""Gates on more invented stories (tests/compare/stories/court-verdict, quake, election,
wildfire, dairy-deal and rail-strike; tests/compare/stories/README.md says what each plants): each
planted error is blamed on the report that made it, nothing else is blamed above
``low``, and one person under several spellings is one entity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.gate]

STORIES = Path(__file__).parent / "stories"
PLANTED = {
    "court-verdict": [
        ("number", "justice-wire", "16"),
        ("place", "metro-brief", "Eskerby"),
        ("date", "metro-brief", "2025"),
        ("headline", "northern-post", "Lindgren"),
        ("quote", "northern-post", "convicts"),
    ],
    "quake": [
        ("number", "anatolia-news", "5.2"),
        ("date", "mt-news", "2026"),
        ("headline", "world-brief", "Tunc"),
    ],
    "election": [
        ("number", "radio-ansel", "42.5"),
        ("date", "evening-digest", "Saturday"),
    ],
    # written after session 11's rules, before looking at how compare read them
    "wildfire": [
        ("headline", "pacific-digest", "64"),
        ("number", "metro-now", "460"),
        ("date", "euro-translate", "16 September"),
        ("quote", "coast-herald", "held"),
        ("place", "coast-herald", "Kestlebury"),
    ],
    "dairy-deal": [
        ("headline", "biz-daily", "Erik Madsen"),
        ("date", "biz-daily", "2026"),
        ("quote", "finanz-translate", "Delacroix-Hunt"),
        ("number", "investor-brief", "72"),
        ("name", "investor-brief", "Sollembreg"),
        ("place", "investor-brief", "Minnesota"),
    ],
    # written after the wildfire's and dairy-deal's fixes
    "rail-strike": [
        ("headline", "evening-star", "Karl Oberg"),
        ("date", "evening-star", "6 November"),
        ("name", "evening-star", "Bettacourt"),
        ("number", "rail-today", "120"),
        ("quote", "rail-today", "week"),
        # caught since the rule for figures given to the wrong party (session 13)
        ("number", "evening-star", "30,000"),
    ],
    # written after that rule, committed before its first run: all four caught then
    "plant-blast": [
        ("number", "metro-flash", "11"),
        ("name", "metro-flash", "Rienholt"),
        ("date", "metro-flash", "1989"),
        ("quote", "meridian-wire", "police"),
    ],
    # written after plant-blast's run, committed before its own: 5 of 7 caught then; the
    # region the tagger took for a person and the syllable dropped at a glide since
    "data-breach": [
        ("number", "it-weekly", "2.1 million"),
        ("number", "tech-copy", "2.1 million"),
        ("quote", "it-weekly", "Van Daalen"),
        ("date", "local-gazette", "Tuesday"),
        ("name", "local-gazette", "Okon-Baptiste"),
        ("headline", "morning-bulletin", "Irena Solvik"),
        ("place", "morning-bulletin", "Orland"),
    ],
}


@pytest.fixture(scope="module")
def reports(models: Any) -> dict[str, dict[str, Any]]:
    from newsdesk.ingest import extract
    from newsdesk.report import analyze_story

    return {name: analyze_story(extract(*sorted((STORIES / name).iterdir())), models)
            for name in PLANTED}


def _blamed(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(kind, article, value) of every medium or high conflict's likely error."""
    out = set()
    for conflict in report["conflicts"]:
        error = conflict.get("likely_error")
        if conflict["severity"] != "low" and error:
            out.update((conflict["kind"], a, error["value"]) for a in error["articles"])
    return out


@pytest.mark.parametrize("story", sorted(PLANTED))
def test_each_planted_error_and_nothing_else_is_blamed(reports, story):
    blamed = _blamed(reports[story])
    for kind, article, value in PLANTED[story]:
        assert any(k == kind and a == article and value in v for k, a, v in blamed), \
            (kind, article, sorted(blamed))
    planted = {(kind, article) for kind, article, _v in PLANTED[story]}
    assert {(k, a) for k, a, _v in blamed} <= planted, sorted(blamed)


def test_the_calendar_judges_a_date_whose_weekday_denies_its_year(reports):
    (date,) = [c for c in reports["quake"]["conflicts"] if c["kind"] == "date"]
    assert date["severity"] == "high" and date["likely_error"]["reason"].startswith("Calendar")


@pytest.mark.parametrize(("story", "name", "spellings"), [
    ("court-verdict", "Dario Fenwick-Osei", {"Fenwick Osei", "Dario Fenvick-Osei"}),
    ("quake", "Deniz Arıkan", {"Deniz Arikan"}),
    # typed an organisation by the tagger; "Okonkwo-Reyes, 46," makes her a person
    ("election", "Marta Okonkwo-Reyes", {"Okonkwo-Reyes"}),
])
def test_one_person_under_several_spellings_is_one_entity(reports, story, name, spellings):
    (entity,) = [e for e in reports[story]["entities"] if e["name"] == name]
    assert entity["type"] == "person"
    assert spellings <= {v["text"] for v in entity["variants"]}


@pytest.mark.parametrize(("story", "place"), [
    ("court-verdict", "Varnholm"), ("quake", "Izmir"),
    # typed an organisation by the tagger; "east of Mardell" makes it a place
    ("wildfire", "Mardell"),
])
def test_a_place_the_tagger_took_for_a_person_is_listed_as_a_place(reports, story, place):
    types = {e["type"] for e in reports[story]["entities"] if e["name"] == place}
    assert types == {"place"}


def test_figures_a_translation_writes_the_continental_way_are_no_conflict(reports):
    # "18.400 acres" and "2.300 inhabitants" in the machine translation
    serious = [c for c in reports["wildfire"]["conflicts"]
               if c["kind"] == "number" and c["severity"] != "low"]
    assert not [c for c in serious if any("." in v["value"] for v in c["variants"])]
