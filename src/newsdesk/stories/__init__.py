"""Stories: which articles report the same event (see ``clusterer`` for the method)."""

from __future__ import annotations

from newsdesk.stories.clusterer import Assignment, StoryClusterer
from newsdesk.stories.grouping import (
    Clustering,
    assign_stories,
    cluster_articles,
    cluster_with_reasons,
    stories_to_dict,
)

__all__ = [
    "Assignment",
    "Clustering",
    "StoryClusterer",
    "assign_stories",
    "cluster_articles",
    "cluster_with_reasons",
    "stories_to_dict",
]
