"""`assign_stories`: cluster what an ingest store holds and keep the stories in it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from newsdesk.model import Article
from newsdesk.stories import assign_stories, cluster_articles

REPORTS = [
    Article(id="f1", text="Police in Brindle City arrested actor Colm Ferrity on Friday ."),
    Article(id="q1", text="Singer Mara Quellen was arrested in Torvik on Monday , police said ."),
    Article(id="f2", text="Colm Ferrity , the actor , was held by Brindle City police on Friday ."),
]


def _groups(stories: list) -> list[list[str]]:
    return sorted(sorted(a.id for a in s.articles) for s in stories)


def test_stories_are_kept_in_the_store_and_rerunning_changes_nothing(tmp_path: Path) -> None:
    from newsdesk.store import Store

    store = Store(tmp_path / "store")
    store.add_articles(REPORTS)
    stories = assign_stories(store)
    assert _groups(stories) == [["f1", "f2"], ["q1"]]
    kept = store.stories()
    assert _groups(kept) == _groups(stories)
    assert {s.id for s in kept} == {s.id for s in stories}
    assign_stories(store)  # same articles, same order: same story ids, no duplicates
    assert sorted(s.id for s in store.stories()) == sorted(s.id for s in stories)


def test_a_list_is_clustered_without_a_store() -> None:
    assert _groups(assign_stories(list(REPORTS))) == _groups(cluster_articles(list(REPORTS)))


def test_a_story_absorbed_by_reclustering_disappears_from_the_store(tmp_path: Path) -> None:
    from newsdesk.model import Story
    from newsdesk.store import Store

    store = Store(tmp_path / "store")
    store.add_articles(REPORTS)
    # As an earlier clustering left it: f2 in a story of its own, since absorbed.
    store.put_stories(
        [
            Story("story:f1", [REPORTS[0]]),
            Story("story:q1", [REPORTS[1]]),
            Story("story:f2", [REPORTS[2]]),
        ]
    )
    assign_stories(store)
    kept = {s.id: sorted(a.id for a in s.articles) for s in store.stories()}
    assert kept == {"story:f1": ["f1", "f2"], "story:q1": ["q1"]}


def test_replacing_stories_is_all_or_nothing(tmp_path: Path) -> None:
    from newsdesk.model import Story
    from newsdesk.store import Store

    store = Store(tmp_path / "store")
    before = [Story("story:f1", [REPORTS[0], REPORTS[2]]), Story("story:q1", [REPORTS[1]])]
    store.replace_stories(before)
    # The second insert of one id breaks the primary key half-way through the write:
    # the delete of the old set must be rolled back with it.
    broken = [Story("story:new", [REPORTS[0]]), Story("story:new", [REPORTS[1]])]
    with pytest.raises(duckdb.ConstraintException):
        store.replace_stories(broken)
    assert _groups(store.stories()) == _groups(before)
    store.replace_stories([])
    assert store.stories() == [] and store.story_count() == 0


def test_a_report_is_dropped_with_its_story_or_when_its_articles_change(tmp_path: Path) -> None:
    from newsdesk.model import Story
    from newsdesk.store import Store

    store = Store(tmp_path / "store")
    store.replace_stories([Story("story:f1", [REPORTS[0]]), Story("story:q1", [REPORTS[1]])])
    store.put_report("story:f1", {"story": "f1"})
    store.put_report("story:q1", {"story": "q1"})
    # q1 unchanged keeps its report; f1 gained an article, so its report is stale
    store.replace_stories(
        [Story("story:f1", [REPORTS[0], REPORTS[2]]), Story("story:q1", [REPORTS[1]])]
    )
    assert store.get_report("story:f1") is None
    assert store.get_report("story:q1") == {"story": "q1"}
    store.replace_stories([Story("story:f1", [REPORTS[0], REPORTS[2], REPORTS[1]])])
    assert store.get_report("story:q1") is None  # q1 was absorbed
