"""`newsdesk extract`, `newsdesk ingest` and `newsdesk articles`.

Each command parses its arguments and calls the library (``newsdesk.ingest.extract``,
``newsdesk.store.Store``); the only logic here is output and the progress bar.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdesk.errors import UsageError
from newsdesk.model import Article
from newsdesk.settings import Settings

EXIT_NOTHING_READ = 2
# Articles written per store transaction: what a killed ingest can lose at most.
STORE_BATCH = 50
# The progress bar appears only for runs longer than this (a quick run stays quiet).
PROGRESS_AFTER_S = 1.0


class _LazyProgress:
    """A rich progress bar on stderr that shows itself once a run passes one second, and
    only on a terminal: on a pipe or a log file rich draws nothing until the end and then
    writes one blank line, which is all a non-interactive run would get from it."""

    def __init__(self, label: str, console: Any = None) -> None:
        self.label = label
        self.started = time.monotonic()
        self._console = console
        self._bar: Any = None
        self._task: Any = None
        self._may_show = True  # until the console turns out not to be a terminal

    def __call__(self, done: int, total: int, name: str) -> None:
        if self._bar is None:
            if (not self._may_show or time.monotonic() - self.started < PROGRESS_AFTER_S
                    or done >= total):
                return
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            console = self._console or Console(stderr=True)
            if not console.is_interactive:
                self._may_show = False
                return
            self._bar = Progress(
                TextColumn(f"[bold]{self.label}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                TextColumn("{task.description}", style="dim"),
                console=console,
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("", total=total)
        self._bar.update(self._task, completed=done, description=Path(name).name[-40:])

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _extract(inputs: list[str], settings: Settings) -> list[Article]:
    from newsdesk.ingest import extract

    progress = _LazyProgress("extract")
    try:
        return extract(*inputs, settings=settings, progress=progress)
    finally:
        progress.close()


def _report_errors(articles: list[Article]) -> None:
    for article in articles:
        if article.error:
            typer.echo(f"newsdesk: {article.error}", err=True)


def _exit_status(articles: list[Article]) -> int:
    return 0 if any(a.ok for a in articles) else EXIT_NOTHING_READ


Inputs = Annotated[list[str], typer.Argument(help="Files, folders, or - for standard input.")]
StoreDir = Annotated[Path, typer.Option("--store", help="Store folder.")]
Workers = Annotated[
    int, typer.Option("--workers", "-w", help="Processes reading files (default 1).")
]
MaxInputMb = Annotated[
    float | None,
    typer.Option("--max-input-mb", help="Refuse inputs larger than this many MiB (default 50)."),
]


def extract_cmd(
    inputs: Inputs,
    format: Annotated[
        str, typer.Option("--format", "-f", help="jsonl (one line each) or json.")
    ] = "jsonl",
    workers: Workers = 1,
    max_input_mb: MaxInputMb = None,
) -> None:
    """Clean articles from HTML, saved text, JSON/JSONL, RSS/Atom feeds and WARC files."""
    if format not in ("jsonl", "json"):
        raise UsageError(f"unknown --format {format!r}; use jsonl or json")
    settings = _settings(max_input_mb, workers)
    articles = _extract(inputs, settings)
    # `removed` (the chrome that was cut) is an optional field beyond the contract's
    # required ones, so that what was dropped can be audited from the output alone.
    records = [{**a.to_extract_record(), "removed": list(a.removed)} for a in articles]
    out = sys.stdout
    if format == "json":
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    else:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    _report_errors(articles)
    raise typer.Exit(_exit_status(articles))


def ingest_cmd(
    inputs: Inputs,
    store: StoreDir = Path("newsdesk-data"),
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log each committed batch.")
    ] = False,
    batch: Annotated[
        int, typer.Option("--batch", help="Articles per store transaction (what a crash can lose).")
    ] = STORE_BATCH,
    workers: Workers = 1,
    max_input_mb: MaxInputMb = None,
    stories: Annotated[
        bool,
        typer.Option("--stories/--no-stories", help="Group the stored articles into stories."),
    ] = True,
) -> None:
    """Extract articles and keep them in the store, grouped into stories; re-running
    changes nothing."""
    from newsdesk.store import Store

    if batch < 1:
        raise UsageError("--batch must be at least 1")
    settings = _settings(max_input_mb, workers).replace(store=store)
    target = Store(settings.store)
    target.add_articles([])  # fail fast (store locked or unwritable) before extracting
    articles = _extract(inputs, settings)
    changed = 0
    for start in range(0, len(articles), batch):
        chunk = articles[start : start + batch]
        changed += target.add_articles(chunk)
        if verbose:
            typer.echo(f"committed {start + len(chunk)}/{len(articles)}", err=True)
    _report_errors(articles)
    failed = sum(1 for a in articles if not a.ok)
    typer.echo(
        f"{len(articles)} documents read ({failed} with errors); "
        f"{changed} new or changed in {settings.store}"
    )
    # Re-cluster the whole store only when its articles changed (or it has no stories
    # yet): the same articles give the same stories, so a no-op re-ingest stays cheap.
    if stories and (changed or not target.story_count()) and target.count():
        from newsdesk.stories import assign_stories

        kept = assign_stories(target, settings)
        typer.echo(f"{len(kept)} {'story' if len(kept) == 1 else 'stories'} in {settings.store}")
    raise typer.Exit(_exit_status(articles))


def articles_cmd(
    store: StoreDir = Path("newsdesk-data"),
    as_json: Annotated[bool, typer.Option("--json", help="One extract record per line.")] = False,
) -> None:
    """List the articles in the store."""
    from newsdesk.store import Store

    stored = Store(store).articles()
    if as_json:
        for article in stored:
            typer.echo(json.dumps(article.to_extract_record(), ensure_ascii=False))
        return
    if not stored:
        typer.echo(f"no articles in {store}")
        return
    _print_table(stored, store)


def _print_table(stored: list[Article], store: Path) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(stored)} articles in {store}")
    for column in ("id", "title", "source", "published", "words", "note"):
        table.add_column(column, overflow="fold")
    for a in stored:
        note = (
            f"error: {a.error}"
            if a.error
            else (f"copy of {a.duplicate_of}" if a.duplicate_of else "")
        )
        table.add_row(
            a.id, a.title or "", a.source or "", a.published or "", str(len(a.text.split())), note
        )
    Console().print(table)


def _settings(max_input_mb: float | None, workers: int = 1) -> Settings:
    values: dict[str, Any] = {"workers": workers}
    if max_input_mb is not None:
        if max_input_mb <= 0:
            raise UsageError("--max-input-mb must be positive")
        values["max_input_bytes"] = int(max_input_mb * 2**20)
    return Settings.from_mapping(values)


def register(app: typer.Typer) -> None:
    """Add `extract`, `ingest` and `articles` to the app."""
    commands: list[tuple[str, Callable[..., None]]] = [
        ("extract", extract_cmd),
        ("ingest", ingest_cmd),
        ("articles", articles_cmd),
    ]
    for name, function in commands:
        app.command(name)(function)
