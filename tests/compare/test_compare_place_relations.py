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


def test_a_town_of_many_states_is_read_in_the_state_the_story_names():
    # Shelbyville and Winchester share a state, but the story's other town (Kokomo, in
    # one state only) puts its Shelbyville in that state, where no Winchester lies
    from compare_builders import Draft, WordBagModels, story

    from newsdesk.compare import compare_story
    from newsdesk.compare.places import Gazetteer

    line = "Police said the fire in {} destroyed a grain silo on Monday."
    drafts = [Draft(f"r{n}", line.format("Shelbyville") + "\nCrews came from Kokomo.")
              .place("Shelbyville").place("Kokomo") for n in range(1, 4)]
    drafts.append(Draft("r4", line.format("Winchester")).place("Winchester"))
    found = [c for c in compare_story(story(*drafts), WordBagModels(),  # type: ignore[arg-type]
                                      gazetteer=Gazetteer()).conflicts
             if c.kind == "place" and c.severity != "low"]
    assert [c.likely_error.articles for c in found if c.likely_error] == [["r4"]]
