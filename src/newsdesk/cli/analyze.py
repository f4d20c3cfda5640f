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
    ) -> None:
        """Compare every report of one story: claims, copies, conflicts, and a cited brief."""
        from rich.console import Console

        from newsdesk.cli.render import print_report_summary
        from newsdesk.ingest import extract
        from newsdesk.report import analyze_story, report_json, write_outputs

        articles = extract(*inputs)
        for article in articles:
            if article.error:
                # one line per bad input; the batch goes on with the others
                print(f"newsdesk: {article.path or article.id}: {article.error}", file=sys.stderr)
        if not any(a.ok for a in articles):
            raise InputError(", ".join(inputs), "nothing could be read")
        report = analyze_story(articles)
        if as_json:
            sys.stdout.write(report_json(report))
            return
        written = write_outputs(report, out)
        console = Console()
        print_report_summary(report, console)
        for path in written:
            console.print(f"written: {path}")
