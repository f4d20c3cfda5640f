"""How two place names relate when one is a country (GeoNames readings)."""

from __future__ import annotations

from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.places import Gazetteer, PlaceKnowledge


def test_a_city_named_like_a_town_elsewhere_still_lies_in_the_country_named():
    gazetteer = Gazetteer()
    knowledge = PlaceKnowledge(readings=gazetteer.lookup({"Valencia", "Venezuela"}),
                               story_countries={"ES"})  # other places of the story are Spanish
    assert knowledge.relation("Valencia", "Venezuela") == "compatible"
    assert knowledge.relation("Venezuela", "Valencia") == "compatible"


def test_a_city_of_another_country_is_still_incompatible():
    gazetteer = Gazetteer()
    knowledge = PlaceKnowledge(readings=gazetteer.lookup({"Nairobi", "Venezuela"}))
    assert knowledge.relation("Nairobi", "Venezuela") == "incompatible"


def test_two_places_no_evidence_can_judge_are_low():
    """One report against one other, places the gazetteer proves apart: worth a note, not
    a contradiction to act on, when nothing says which is wrong."""
    drafts = [
        Draft("r1", "The ferry docked in Nairobi late on Friday evening.").place("Nairobi"),
        Draft("r2", "The ferry docked in Cairo late on Friday evening.").place("Cairo"),
    ]
    comparison = compare_story(story(*drafts), WordBagModels(), gazetteer=Gazetteer())  # type: ignore[arg-type]
    places = [c for c in comparison.conflicts if c.kind == "place"]
    assert places, "the disagreement is still reported"
    assert all(c.severity == "low" and c.likely_error is None for c in places)


def test_a_street_word_abbreviated_is_the_same_place():
    knowledge = PlaceKnowledge()
    assert knowledge.relation("42nd St.", "42nd Street") == "same"
    assert knowledge.relation("Elm Ave", "Elm Avenue") == "same"
    assert knowledge.relation("St. Louis", "Louis Street") != "same"
