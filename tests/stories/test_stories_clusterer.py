"""The online clusterer on small hand-built stories: events, not topics."""

from __future__ import annotations

import pytest

from newsdesk.model import Article
from newsdesk.stories import StoryClusterer, cluster_articles, cluster_with_reasons

# Two same-kind events each (quakes, arrests), every event told by two or three outlets in
# different words: the cases the issue names ("two earthquakes, two arrests of different
# people are different stories").
QUAKE_A = [
    (
        "A magnitude 6.4 earthquake struck near Velmora on Tuesday , killing at least 31 people "
        "and toppling houses across Ostrava province , officials said . Governor Lina Dravec "
        "declared an emergency in Velmora ."
    ),
    (
        "Rescuers in Velmora searched rubble on Wednesday after Tuesday 's 6.4 quake left 31 "
        "dead . Governor Lina Dravec said Ostrava province needed tents and water ."
    ),
    (
        "The death toll from the Velmora earthquake rose to 31 , Governor Dravec told reporters "
        "in Ostrava , as aftershocks rattled the region ."
    ),
]
QUAKE_B = [
    (
        "A strong 7.1 earthquake hit the coastal town of Kesh Harbor on Sunday , killing 12 , "
        "said Mayor Tomas Ulveig of the Marren district ."
    ),
    (
        "Mayor Tomas Ulveig said 12 people died when the 7.1 tremor shook Kesh Harbor in Marren "
        "district on Sunday morning ."
    ),
]
ARREST_A = [
    (
        "Police in Brindle City arrested actor Colm Ferrity on Friday on suspicion of drunken "
        "driving , a spokesman for the Brindle City police said ."
    ),
    (
        "Colm Ferrity , the actor , was held overnight by Brindle City police after a drunken "
        "driving arrest on Friday , his agent said ."
    ),
]
ARREST_B = [
    (
        "Singer Mara Quellen was arrested in Torvik on Monday after a scuffle with a "
        "photographer , Torvik police said ."
    ),
    (
        "Torvik police said Mara Quellen , the singer , was released on bail on Tuesday after "
        "her arrest over a scuffle with a photographer ."
    ),
]
EVENTS = {"quake-a": QUAKE_A, "quake-b": QUAKE_B, "arrest-a": ARREST_A, "arrest-b": ARREST_B}


def _articles(order: list[tuple[str, int]]) -> list[Article]:
    return [Article(id=f"{event}-{i}", text=EVENTS[event][i]) for event, i in order]


def _interleaved() -> list[Article]:
    order = []
    for i in range(3):
        for event, texts in EVENTS.items():
            if i < len(texts):
                order.append((event, i))
    return _articles(order)


def _groups(stories: list) -> set[frozenset[str]]:
    return {frozenset(a.id for a in s.articles) for s in stories}


def _gold() -> set[frozenset[str]]:
    return {frozenset(f"{e}-{i}" for i in range(len(t))) for e, t in EVENTS.items()}


def test_same_kind_events_are_separate_stories_and_each_event_is_one() -> None:
    assert _groups(cluster_articles(_interleaved())) == _gold()


def test_result_is_deterministic_for_the_same_order() -> None:
    first = cluster_with_reasons(_interleaved())
    second = cluster_with_reasons(_interleaved())
    assert [s.id for s in first.stories] == [s.id for s in second.stories]
    assert first.assignments == second.assignments


def test_partial_fit_in_chunks_equals_fit_in_the_same_chunks() -> None:
    articles = _interleaved()
    whole = StoryClusterer(chunk_size=4).fit(articles)
    online = StoryClusterer(chunk_size=4)
    online.partial_fit(articles[:4])
    online.partial_fit(articles[4:8])
    online.partial_fit(articles[8:])
    assert online.labels() == whole.labels()
    assert online.assignments_ == whole.assignments_


def test_every_joining_article_names_its_nearest_article_and_shared_keys() -> None:
    result = cluster_with_reasons(_interleaved())
    ids_by_story = {a.id: s for s in result.stories for a in s.articles}
    for story in result.stories:
        # the richest report of each story started it (not necessarily the first read)
        starters = [a for a in story.articles if result.assignments[a.id].nearest is None]
        assert len(starters) == 1, [a.id for a in starters]
        for article in (a for a in story.articles if a is not starters[0]):
            reason = result.assignments[article.id]
            assert reason.nearest is not None
            assert ids_by_story[reason.nearest] is story
            assert reason.shared, f"{article.id} joined without a shared who/where/when"
            assert reason.score >= StoryClusterer().threshold


def test_a_bridging_report_merges_two_halves_of_one_story() -> None:
    # Two reports of one event that share almost nothing (one names the place, one the
    # person) start two stories; a third that names both bridges them.
    articles = [
        Article(
            id="place",
            text="Floods swept through Velmora valley on Tuesday ; the "
            "Ostrava river burst its banks near Velmora .",
        ),
        Article(
            id="person",
            text="Governor Lina Dravec toured flooded districts , Governor Dravec 's office said .",
        ),
        Article(
            id="bridge",
            text="Governor Lina Dravec said the Ostrava river flooded "
            "Velmora valley on Tuesday ; Dravec visited Velmora and the Ostrava banks .",
        ),
    ]
    clusterer = StoryClusterer().fit(articles[:2])
    assert len(set(clusterer.labels())) == 2, "the halves should start apart"
    clusterer.partial_fit(articles[2:])
    assert len(set(clusterer.labels())) == 1
    assert clusterer.assignments_[-1].absorbed


def test_bad_articles_are_skipped_and_reported() -> None:
    articles = _interleaved() + [Article(id="broken", text="", error="not readable")]
    result = cluster_with_reasons(articles)
    assert result.skipped == ("broken",)
    assert "broken" not in {a.id for s in result.stories for a in s.articles}


def test_no_articles_no_stories() -> None:
    assert cluster_articles([]) == []


@pytest.mark.parametrize("text", ["", "   ", "!!! ???", "a"])
def test_degenerate_texts_each_get_a_story(text: str) -> None:
    articles = [Article(id=f"x{i}", text=text) for i in range(3)]
    stories = cluster_articles(articles)
    assert sorted(a.id for s in stories for a in s.articles) == ["x0", "x1", "x2"]


def test_json_names_the_story_a_bridging_report_absorbed() -> None:
    from newsdesk.stories import stories_to_dict

    articles = [
        Article(
            id="place",
            text="Floods swept through Velmora valley ; the Ostrava river "
            "burst its banks near Velmora .",
        ),
        Article(
            id="person",
            text="Governor Lina Dravec toured flooded districts , Governor Dravec 's office said .",
        ),
        Article(
            id="bridge",
            text="Governor Lina Dravec said the Ostrava river flooded "
            "Velmora valley ; Dravec visited Velmora and the Ostrava banks .",
        ),
    ]
    # The bridge comes in a later chunk: within one chunk the richest report (the
    # bridge) goes first and the halves simply join it.
    doc = stories_to_dict(cluster_with_reasons(articles, clusterer=StoryClusterer(chunk_size=2)))
    assert [s["articles"] for s in doc["stories"]] == [["place", "person", "bridge"]]
    bridge = doc["stories"][0]["members"][-1]
    assert bridge["absorbed"] == ["story:person"]
    assert {"dravec", "velmora"} <= set(bridge["shared"]["names"])


def test_a_chunk_gives_the_same_stories_in_any_order() -> None:
    articles = _interleaved()
    forward = cluster_with_reasons(articles)
    backward = cluster_with_reasons(list(reversed(articles)))
    assert _groups(forward.stories) == _groups(backward.stories) == _gold()
    # the same article started each story, and every article joined for the same reason
    assert forward.assignments == backward.assignments
