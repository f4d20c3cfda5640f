"""`newsdesk cluster INPUTS... [--json] [--engine dask] [--scheduler ADDRESS]`, and
`newsdesk stories [--store DIR] [--json]` (the stories `newsdesk ingest` kept).

Reads the inputs with the ingest stage (:func:`newsdesk.ingest.extract`), groups the articles into stories with
:func:`newsdesk.stories.cluster_with_reasons` and prints them (``--json``: the
``stories.schema.json`` document, with each article's reasons as optional fields).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.errors import NewsdeskError, UsageError
from newsdesk.settings import Settings


def cluster_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print stories.schema.json.")] = False,
    engine: Annotated[
        str | None, typer.Option("--engine", help="Run on a distributed engine: dask.")
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="dask scheduler address (default: a local cluster)."),
    ] = None,
) -> None:
    """Group articles into stories: one story per event, with the reason for each."""
    from newsdesk.stories import cluster_with_reasons, stories_to_dict

    if scheduler and engine is None:
        raise UsageError("--scheduler needs --engine dask")
    settings = Settings.from_mapping({"engine": engine, "engine_address": scheduler})
    from newsdesk.ingest import extract

    articles = extract(*inputs, settings=settings)
    for bad in (a for a in articles if not a.ok):
        where = bad.path or bad.id
        message = bad.error if where in (bad.error or "") else f"{where}: {bad.error}"
        print(f"newsdesk: {message}", file=sys.stderr)
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


def stories_command(
    store: Annotated[Path, typer.Option("--store", help="Store folder.")] = Path("newsdesk-data"),
    as_json: Annotated[bool, typer.Option("--json", help="Print stories.schema.json.")] = False,
) -> None:
    """List the stories kept in the store (``newsdesk ingest`` groups them)."""
    from newsdesk.store import Store

    kept = Store(store).stories()
    if as_json:
        doc = {
            "version": 1,
            "stories": [
                {"id": s.id, "title": s.title, "articles": [a.id for a in s.articles]} for s in kept
            ],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    if not kept:
        typer.echo(f"no stories in {store}; run `newsdesk ingest INPUTS --store {store}`")
        return
    from rich.console import Console
    from rich.markup import escape

    console = Console()
    noun = "story" if len(kept) == 1 else "stories"
    console.print(f"[bold]{len(kept)} {noun}[/bold] in {escape(str(store))}")
    for story in kept:
        console.print(
            f"\n[bold]{escape(story.id)}[/bold] {escape(story.title or '')} "
            f"({len(story.articles)} articles)"
        )
        for article in story.articles:
            console.print(f"  {escape(article.id)}  {escape(article.source or '')}")


def register(app: typer.Typer) -> None:
    """Add ``cluster`` and ``stories`` to the app."""
    app.command("cluster")(cluster_command)
    app.command("stories")(stories_command)
