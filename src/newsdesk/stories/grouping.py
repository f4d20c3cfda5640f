"""The library face of story clustering: articles in, :class:`Story` objects (and why) out.

``cluster_articles`` is the agreed interface; ``cluster_with_reasons`` also returns each
article's :class:`Assignment`; ``assign_stories`` clusters what an ingest store holds and
writes the stories back; ``stories_to_dict`` renders ``stories.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from newsdesk.model import Article, Story
from newsdesk.settings import Settings
from newsdesk.stories.clusterer import Assignment, StoryClusterer


@runtime_checkable
class StoryStore(Protocol):
    """The part of ``newsdesk.store.Store`` that story assignment needs."""

    def articles(self) -> list[Article]: ...

    def replace_stories(self, stories: list[Story]) -> Any: ...


@dataclass(frozen=True, slots=True)
class Clustering:
    """Stories in order of their first article, plus one assignment per clustered article."""

    stories: list[Story]
    assignments: dict[str, Assignment]
    skipped: tuple[str, ...]  # ids of articles with a read error: nothing to cluster
    story_names: dict[int, str]  # clusterer's story index -> story id (for `absorbed`)


def story_id(first_article: Article) -> str:
    # Named after the article that started it: stable across runs on the same input,
    # and it survives merges (the older story always absorbs the younger).
    return f"story:{first_article.id}"


def cluster_with_reasons(
    articles: list[Article],
    settings: Settings | None = None,
    clusterer: StoryClusterer | None = None,
) -> Clustering:
    """Cluster ``articles`` (in order) on the engine ``settings`` names."""
    settings = settings or Settings()
    usable = [a for a in articles if a.ok]
    skipped = tuple(a.id for a in articles if not a.ok)
    clusterer = clusterer or StoryClusterer()
    if settings.engine == "dask":
        from newsdesk.stories.distributed import fit_distributed

        fit_distributed(clusterer, usable, address=settings.engine_address)
    else:
        clusterer.fit(usable)
    stories = []
    for members in clusterer.story_members():
        group = [usable[i] for i in members]
        title = next((a.title for a in group if a.title), None)
        stories.append(Story(id=story_id(group[0]), articles=group, title=title))
    reasons = {a.article: a for a in getattr(clusterer, "assignments_", [])}
    names = {
        index: story_id(usable[first])
        for index, first in enumerate(getattr(clusterer, "story_first_", []))
    }
    return Clustering(stories, reasons, skipped, names)


def cluster_articles(
    articles: list[Article], settings: Settings | None = None, models: Any = None
) -> list[Story]:
    """Group articles into stories (events). ``models`` is accepted for the shared
    interface; the clusterer uses its own static embedder (see ``distill``)."""
    del models
    return cluster_with_reasons(articles, settings).stories


def assign_stories(
    store_or_articles: StoryStore | list[Article],
    settings: Settings | None = None,
    models: Any = None,
) -> list[Story]:
    """Cluster a store's articles and keep the stories in it, or cluster a list.

    The whole store is re-clustered in its stored order, so re-running after an ingest
    of the same inputs yields the same stories (and the store write changes nothing).
    The stored set is replaced as a whole: a story absorbed by re-clustering is gone.
    """
    if isinstance(store_or_articles, list):
        return cluster_articles(store_or_articles, settings, models)
    stories = cluster_articles(store_or_articles.articles(), settings, models)
    store_or_articles.replace_stories(stories)
    return stories


def _reason_dict(reason: Assignment, story_index_to_id: dict[int, str]) -> dict[str, Any]:
    kinds = {"n": "names", "y": "years", "d": "dates", "w": "weekdays", "#": "numbers"}
    shared: dict[str, list[str]] = {}
    for key in reason.shared:
        kind, _, value = key.partition(":")
        shared.setdefault(kinds.get(kind, kind), []).append(value)
    return {
        "id": reason.article,
        "nearest": reason.nearest,
        "score": reason.score,
        "text_similarity": reason.text_similarity,
        "signal_similarity": reason.signal_similarity,
        "shared": shared,
        "absorbed": [story_index_to_id[s] for s in reason.absorbed if s in story_index_to_id],
    }


def stories_to_dict(clustering: Clustering, *, explain: bool = True) -> dict[str, Any]:
    """``stories.schema.json``: each story's article ids, and (optional fields) why
    each article joined: its nearest earlier article and the keys they share."""
    out: list[dict[str, Any]] = []
    for story in clustering.stories:
        entry: dict[str, Any] = {
            "id": story.id,
            "title": story.title,
            "articles": [a.id for a in story.articles],
        }
        if explain:
            entry["members"] = [
                _reason_dict(clustering.assignments[a.id], clustering.story_names)
                for a in story.articles
                if a.id in clustering.assignments
            ]
        out.append(entry)
    result: dict[str, Any] = {"version": 1, "stories": out}
    if clustering.skipped:
        result["skipped"] = list(clustering.skipped)
    return result
