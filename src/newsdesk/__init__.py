"""newsdesk: read every report of a story and give one trustworthy, cited account.

The Python API mirrors the command line; each function is a thin, documented entry into
one pipeline stage (see DESIGN.md):

* :func:`extract` -- inputs (files, folders, HTML, text, JSON/JSONL, feeds, WARC) to articles
* :func:`extract_facts` -- what each article asserts, as offsets into its text
* :func:`cluster` -- group articles into stories (events)
* :func:`analyze` -- compare sources and write the cited brief (report.json)
* :func:`check_summary` -- verdict per sentence of a summary against the sources

``facts`` and ``check`` are names of subpackages (``newsdesk.facts``, ``newsdesk.check``):
importing one rebinds that attribute of this package, so the API functions carry longer
names that nothing can shadow.
"""

from __future__ import annotations

from typing import Any

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Span, Story
from newsdesk.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "NewsdeskError",
    "Settings",
    "Span",
    "Story",
    "analyze",
    "check_summary",
    "cluster",
    "extract",
    "extract_facts",
]


def extract(*inputs: Any, **kwargs: Any) -> Any:
    """Read inputs into :class:`Article` objects, one per document (see ``newsdesk.ingest``)."""
    from newsdesk.ingest import extract as _extract

    return _extract(*inputs, **kwargs)


def extract_facts(*args: Any, **kwargs: Any) -> Any:
    """Facts of each article (see ``newsdesk.facts``)."""
    from newsdesk.facts import extract_story_facts

    return extract_story_facts(*args, **kwargs)


def cluster(*args: Any, **kwargs: Any) -> Any:
    """Group articles into stories (see ``newsdesk.stories``)."""
    from newsdesk.stories import cluster_articles

    return cluster_articles(*args, **kwargs)


def analyze(*args: Any, **kwargs: Any) -> Any:
    """Compare the sources of a story and brief it (see ``newsdesk.report``)."""
    from newsdesk.report import analyze_story

    return analyze_story(*args, **kwargs)


def check_summary(*args: Any, **kwargs: Any) -> Any:
    """Check a summary sentence by sentence against sources (see ``newsdesk.check``)."""
    from newsdesk.check import check_summary as _check_summary

    return _check_summary(*args, **kwargs)
