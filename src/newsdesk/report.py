"""One story's full analysis as the contract's ``report.json``, and writing it to disk.

``analyze_story`` chains the stages -- facts, compare, brief -- over articles already
ingested; ``write_outputs`` writes ``report.json`` (and the brief as Markdown and a
self-contained HTML page when the brief renderer is installed).
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.errors import InputError, UsageError
from newsdesk.facts.model import StoryFacts
from newsdesk.model import Article

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.compare.places import Gazetteer
    from newsdesk.models import Models
    from newsdesk.settings import Settings

REPORT_VERSION = 1


def analyze_story(
    articles: list[Article],
    models: Models | None = None,
    settings: Settings | None = None,
    *,
    gazetteer: Gazetteer | None = None,
) -> dict[str, Any]:
    """The ``report.json`` dict of one story told by ``articles``.

    The GeoNames index comes from ``models.gazetteer()`` (built once per ``Models``);
    ``gazetteer`` overrides it.

    Articles that could not be read stay in the report with their error as a warning,
    so nothing is silently lost; they take no part in the comparison. Raises
    :class:`InputError` when not one article is readable.
    """
    from newsdesk.facts import extract_story_facts
    from newsdesk.models import Models

    del settings  # no analysis option yet; accepted so every stage takes the same settings
    models = models or Models()
    readable = [a for a in articles if a.ok and a.text.strip()]
    if not readable:
        names = ", ".join(a.path or a.id for a in articles) or "no input"
        raise InputError(names, "no readable article to analyse")
    facts = extract_story_facts(readable, models)
    # models.embed remembers vectors: the brief reuses the aligner's, a re-run all of them
    comparison = compare_story(facts, models, gazetteer=gazetteer)
    by_id = {a.id: a for a in readable}
    return {
        "version": REPORT_VERSION,
        "articles": [_article_dict(a, comparison) for a in articles],
        "entities": _entities(facts, by_id),
        "claims": _claims(comparison, by_id),
        "conflicts": [conflict_dict(c, by_id) for c in comparison.conflicts],
        "brief": _brief(facts, comparison, models, by_id, readable),
    }


def _article_dict(article: Article, comparison: Comparison) -> dict[str, Any]:
    record = article.to_extract_record()
    warnings = list(article.warnings)
    if article.error:
        warnings.append(f"not analysed: {article.error}")
    elif not article.text.strip():
        warnings.append("not analysed: the article has no body text")
    return {
        "id": record["id"],
        "title": record["title"],
        "standfirst": record["standfirst"],
        "byline": record["byline"],
        "source": record["source"],
        "url": record["url"],
        "published": record["published"],
        "language": record["language"],
        "text": record["text"] or "",
        "derived_from": comparison.derived_from.get(article.id),
        "warnings": warnings,
    }


def _entities(facts: StoryFacts, by_id: dict[str, Article]) -> list[dict[str, Any]]:
    out = []
    for entity in facts.entities:
        out.append(
            {
                "id": entity.id,
                "name": entity.name,
                "type": entity.type,
                "variants": [
                    {"text": text, "articles": list(ids)} for text, ids in entity.variants.items()
                ],
                "mentions": [by_id[s.article].evidence(s) for s in entity.mentions if s.article in by_id],
            }
        )
    return out


def _claims(comparison: Comparison, by_id: dict[str, Article]) -> list[dict[str, Any]]:
    out = []
    for claim in comparison.claims:
        evidence = [by_id[s.article].evidence(s) for s in claim.evidence]
        out.append(
            {
                "id": claim.id,
                "text": evidence[0]["text"],
                "articles": claim.articles,
                "independent_sources": claim.independent_sources,
                "evidence": evidence,
            }
        )
    return out


def conflict_dict(conflict: Conflict, by_id: dict[str, Article]) -> dict[str, Any]:
    likely = conflict.likely_error
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "summary": conflict.summary,
        "severity": conflict.severity,
        "variants": [
            {
                "value": v.value,
                "articles": v.articles,
                "evidence": [by_id[s.article].evidence(s) for s in v.evidence],
            }
            for v in conflict.variants
        ],
        "likely_error": (
            None
            if likely is None
            else {"articles": list(likely.articles), "value": likely.value, "reason": likely.reason}
        ),
    }


def _optional(module: str, name: str) -> Any:
    """A teammate's stage function when it is installed, else None (the stage is optional
    for a report: without it the brief is just the headline)."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _brief(
    facts: StoryFacts,
    comparison: Comparison,
    models: Models,
    by_id: dict[str, Article],
    readable: list[Article],
) -> dict[str, Any]:
    build_brief = _optional("newsdesk.brief", "build_brief")
    brief_to_dict = _optional("newsdesk.brief", "brief_to_dict")
    if build_brief is not None and brief_to_dict is not None:
        return dict(brief_to_dict(build_brief(facts, comparison, models), by_id))
    originals = [a for a in readable if a.id not in comparison.derived_from and a.title]
    headline = originals[0].title if originals else next((a.title for a in readable if a.title), None)
    return {"headline": headline, "cards": [], "sections": []}


def atomic_write(path: Path, text: str) -> None:
    # Write beside the target, then rename: a reader never sees half a report.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def write_outputs(report: dict[str, Any], out_dir: str | Path) -> list[Path]:
    """Write ``report.json`` (and ``brief.md`` / ``report.html`` when the renderer is
    installed) into ``out_dir``; returns the paths written."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create output folder {out}: {exc.strerror or exc}") from exc
    if not out.is_dir():
        raise UsageError(f"output path {out} is not a folder")
    written = [out / "report.json"]
    atomic_write(written[0], report_json(report))
    render_markdown = _optional("newsdesk.brief.render", "render_markdown")
    render_html = _optional("newsdesk.brief.render", "render_html")
    if render_markdown is not None:
        written.append(out / "brief.md")
        atomic_write(written[-1], render_markdown(report))
    if render_html is not None:
        written.append(out / "report.html")
        atomic_write(written[-1], render_html(report))
    return written
