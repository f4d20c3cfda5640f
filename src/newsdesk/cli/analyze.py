"""`newsdesk analyze INPUTS... [-o DIR] [--json]`: one story's report.json (and brief)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from newsdesk.errors import InputError

DEFAULT_OUT = Path("newsdesk-report")


def register(app: typer.Typer) -> None:
    """Add the ``analyze`` command to the app."""

    @app.command()
    def analyze(
        inputs: list[str] = typer.Argument(
            ..., help="Reports of one story: files, folders, or - for standard input."
        ),
        out: Path = typer.Option(DEFAULT_OUT, "-o", "--out", help="Folder for report.json."),
        as_json: bool = typer.Option(
            False, "--json", help="Print report.json to standard output instead of writing it."
        ),
        llm: str | None = typer.Option(
            None, "--llm", metavar="URL",
            help="OpenAI-compatible server that rewrites the brief; every rewritten "
            "sentence must pass `check` or its source sentence stays.",
        ),
    ) -> None:
        """Compare every report of one story: claims, copies, conflicts, and a cited brief."""
        from rich.console import Console

        from newsdesk.cli.render import print_report_summary
        from newsdesk.ingest import extract
        from newsdesk.report import analyze_story, report_json, write_outputs

        articles = extract(*inputs)
        for article in articles:
            if article.error:
                # one line per bad input, naming it once; the batch goes on with the others
                name = article.path or article.id
                message = article.error if name in article.error else f"{name}: {article.error}"
                print(f"newsdesk: {message}", file=sys.stderr)
        if not any(a.ok for a in articles):
            raise InputError(", ".join(inputs), "nothing could be read")
        from newsdesk.models import Models

        models = Models()
        report = analyze_story(articles, models=models)
        if llm:
            from newsdesk.brief.llm import rewrite_brief

            readable = [a for a in articles if a.ok and a.text.strip()]
            report["brief"] = rewrite_brief(report["brief"], readable, models, llm)
            if report["brief"]["llm"].get("error"):
                print(f"newsdesk: {report['brief']['llm']['error']}; the brief stays extractive",
                      file=sys.stderr)
        if as_json:
            sys.stdout.write(report_json(report))
            return
        written = write_outputs(report, out)
        console = Console()
        print_report_summary(report, console)
        for path in written:
            console.print(f"written: {path}")
