"""`newsdesk facts INPUTS... [--json] [--workers N]`.

Reads the inputs with the ingest stage, treats them as the reports of one story, and
calls :func:`newsdesk.facts.extract_story_facts`; ``--json`` prints the
``facts.schema.json`` document, otherwise a short table per article and the entities.
"""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from newsdesk.errors import UsageError
from newsdesk.settings import Settings

EXIT_NOTHING_READ = 2


def facts_command(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print facts.schema.json.")] = False,
    workers: Annotated[
        int, typer.Option("--workers", help="spaCy worker processes (1 = in-process).")
    ] = 1,
) -> None:
    """Sentences, people/places/organisations, dates, numbers, quotes and events of each
    report, as offsets into its text, with entities resolved across the reports."""
    from newsdesk.facts import extract_story_facts, facts_to_dict
    from newsdesk.ingest import extract

    if workers < 1:
        raise UsageError(f"--workers must be at least 1, got {workers}")
    settings = Settings(workers=workers)
    articles = extract(*inputs, settings=settings)
    for article in articles:
        if article.error:
            typer.echo(f"newsdesk: {article.error}", err=True)
    readable = [a for a in articles if a.ok]
    if not readable:
        raise typer.Exit(EXIT_NOTHING_READ)
    story = extract_story_facts(readable, n_process=settings.workers)
    if as_json:
        sys.stdout.write(json.dumps(facts_to_dict(story), ensure_ascii=False, indent=1) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"facts of {len(readable)} reports")
    for column in ("article", "sentences", "mentions", "dates", "numbers", "quotes", "events"):
        table.add_column(column, overflow="fold")
    for af in story.articles:
        table.add_row(af.article.id, *(str(len(x)) for x in (
            af.sentences, af.mentions, af.dates, af.numbers, af.quotes, af.events)))
    console.print(table)
    people = Table(title="entities")
    for column in ("entity", "type", "roles", "variants (articles)"):
        people.add_column(column, overflow="fold")
    for ent in story.entities:
        if ent.type == "person" or len(ent.variants) > 1:
            variants = "; ".join(f"{t} ({len(ids)})" for t, ids in ent.variants.items())
            people.add_row(ent.name, ent.type, ", ".join(ent.roles), variants)
    console.print(people)


def register(app: typer.Typer) -> None:
    """Add `facts` to the app."""
    app.command("facts")(facts_command)
