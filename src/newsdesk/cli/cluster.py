"""`newsdesk cluster INPUTS... [--json] [--engine dask] [--scheduler ADDRESS]`.

Reads the inputs with the ingest stage, groups the articles into stories with
:func:`newsdesk.stories.cluster_with_reasons` and prints them (``--json``: the
``stories.schema.json`` document, with each article's reasons as optional fields).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from newsdesk.errors import NewsdeskError, UsageError
from newsdesk.model import Article
from newsdesk.settings import Settings


def read_articles(inputs: list[str], settings: Settings) -> list[Article]:
    """The ingest stage's reader; a plain-text/JSONL fallback until it is installed."""
    import newsdesk.ingest as ingest

    extract = getattr(ingest, "extract", None)
    if extract is not None:
        return list(extract(*inputs, settings=settings))
    return _fallback_read(inputs, settings)


def _fallback_read(inputs: list[str], settings: Settings) -> list[Article]:
    # Only what clustering needs to be usable before ingest lands: .jsonl files of
    # extract records (or {"id", "text"}), and any other file as plain UTF-8 text.
    articles: list[Article] = []
    paths: list[Path] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*") if p.is_file()))
        else:
            paths.append(path)
    for path in paths:
        try:
            if path.stat().st_size > settings.max_input_bytes:
                raise OSError(f"larger than {settings.max_input_bytes} bytes")
            data = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            articles.append(Article(id=str(path), text="", path=str(path), error=str(exc)))
            continue
        if path.suffix == ".jsonl":
            for number, line in enumerate(data.splitlines(), start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record = json.loads(line)
                    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                        raise ValueError("not an object with a 'text' string")
                    record.setdefault("id", where)
                    articles.append(Article.from_record({**record, "path": where}))
                except (ValueError, TypeError) as exc:
                    articles.append(Article(id=where, text="", path=where, error=str(exc)))
        else:
            articles.append(Article(id=str(path), text=data, path=str(path)))
    return articles


def cluster_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print stories.schema.json.")] = False,
    engine: Annotated[
        Optional[str], typer.Option("--engine", help="Run on a distributed engine: dask.")
    ] = None,
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", help="dask scheduler address (default: a local cluster)."),
    ] = None,
) -> None:
    """Group articles into stories: one story per event, with the reason for each."""
    from newsdesk.stories import cluster_with_reasons, stories_to_dict

    if scheduler and engine is None:
        raise UsageError("--scheduler needs --engine dask")
    settings = Settings.from_mapping({"engine": engine, "engine_address": scheduler})
    articles = read_articles(inputs, settings)
    for bad in (a for a in articles if not a.ok):
        print(f"newsdesk: {bad.path or bad.id}: {bad.error}", file=sys.stderr)
    if not any(a.ok for a in articles):
        raise NewsdeskError("no input could be read; nothing to cluster")
    result = cluster_with_reasons(articles, settings)
    if as_json:
        typer.echo(json.dumps(stories_to_dict(result), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    console.print(f"[bold]{len(result.stories)} stories[/bold] from {len(articles)} inputs")
    for story in result.stories:
        console.print(f"\n[bold]{escape(story.id)}[/bold] {escape(story.title or '')}")
        for article in story.articles:
            reason = result.assignments.get(article.id)
            why = ""
            if reason is not None and reason.nearest is not None and reason.score > 0:
                shared = ", ".join(k.partition(":")[2] for k in reason.shared[:4])
                why = f"  ~ {reason.nearest} ({reason.score:.2f}; {shared})"
            console.print(f"  {escape(article.id)}{escape(why)}")


def register(app: typer.Typer) -> None:
    """Add ``cluster`` to the app."""
    app.command("cluster")(cluster_command)
