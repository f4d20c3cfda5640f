"""Analysing a pile of articles that may hold many stories.

``analyze`` on a folder of mixed coverage first groups the articles into stories (events)
with :func:`newsdesk.stories.cluster_articles`, then writes one report per story into its
own folder and an index page linking them. One story keeps the single-report layout
(``DIR/report.json``), so pointing ``analyze`` at one story's reports changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from newsdesk.model import Article, Story
from newsdesk.models import Models
from newsdesk.settings import Settings

INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>newsdesk: {{ stories|length }} stories</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
li { margin: .6rem 0; } .meta { color: #555; font-size: .9rem; }
.conflicts { color: #a40000; }
</style>
</head>
<body>
<h1>{{ stories|length }} stories from {{ total }} articles</h1>
<ol>
{% for s in stories %}
<li><a href="{{ s.folder }}/report.html">{{ s.title or s.id }}</a>
<div class="meta">{{ s.articles|length }} report{{ "s" if s.articles|length != 1 }}
{%- if s.conflicts %} &middot; <span class="conflicts">{{ s.conflicts }} conflict{{ "s" if s.conflicts != 1 }} above low</span>{% endif %}
&middot; <a href="{{ s.folder }}/report.json">report.json</a>
&middot; <a href="{{ s.folder }}/brief.md">brief.md</a></div></li>
{% endfor %}
</ol>
</body>
</html>
"""


@dataclass(frozen=True, slots=True)
class StoryReport:
    story: Story
    report: dict[str, Any]

    @property
    def folder(self) -> str:
        return story_folder(self.story.id)


def story_folder(story_id: str) -> str:
    """A safe folder name for a story id (ids may carry ':' or '/' from record ids)."""
    name = re.sub(r"[^A-Za-z0-9_]+", "-", story_id).strip("-")
    return name[:100] or "story"


def group_articles(
    articles: list[Article], settings: Settings | None = None, models: Models | None = None
) -> list[Story]:
    """Readable articles grouped into stories; a single article needs no clustering."""
    readable = [a for a in articles if a.ok and a.text.strip()]
    if len(readable) <= 1:
        return [Story(id=f"story:{a.id}", articles=[a], title=a.title) for a in readable]
    from newsdesk.stories import cluster_articles

    return cluster_articles(readable, settings=settings, models=models)


def analyze_stories(
    articles: list[Article],
    models: Models | None = None,
    settings: Settings | None = None,
    *,
    single_story: bool = False,
) -> list[StoryReport]:
    """One report per story found among the articles (or one for all, if ``single_story``)."""
    from newsdesk.report import analyze_story

    models = models or Models()
    if single_story:
        stories = [Story(id="story", articles=[a for a in articles if a.ok])]
    else:
        stories = group_articles(articles, settings, models)
    return [StoryReport(s, analyze_story(s.articles, models=models, settings=settings)) for s in stories]


def _conflicts_above_low(report: dict[str, Any]) -> int:
    return sum(1 for c in report.get("conflicts", []) if c.get("severity") != "low")


def index_entries(results: list[StoryReport]) -> list[dict[str, Any]]:
    return [
        {
            "id": r.story.id,
            "title": (r.report.get("brief") or {}).get("headline") or r.story.title,
            "folder": r.folder,
            "articles": [a.id for a in r.story.articles],
            "conflicts": _conflicts_above_low(r.report),
        }
        for r in results
    ]


def write_story_reports(results: list[StoryReport], out_dir: str | Path) -> list[Path]:
    """Each story's outputs in ``out_dir/<story>/``, then ``index.html`` and ``index.json``."""
    from newsdesk.report import atomic_write, write_outputs

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for result in results:
        written.extend(write_outputs(result.report, out / result.folder))
    entries = index_entries(results)
    total = sum(len(e["articles"]) for e in entries)
    page = Environment(autoescape=True).from_string(INDEX_TEMPLATE)
    html = page.render(stories=entries, total=total)
    for name, text in (
        ("index.html", html),
        ("index.json", json.dumps({"version": 1, "stories": entries}, indent=2) + "\n"),
    ):
        atomic_write(out / name, text)
        written.append(out / name)
    return written
