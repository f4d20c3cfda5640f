"""`assign_stories`: cluster what an ingest store holds and keep the stories in it."""

from __future__ import annotations

from pathlib import Path

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
