"""`newsdesk analyze INPUTS... [-o DIR] [--json]`: report.json and the brief, per story.

Inputs holding one story write ``DIR/report.json``, ``brief.md`` and ``report.html``;
inputs holding several stories write one such folder per story plus ``DIR/index.html``
(``--json`` then prints one report per line).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.errors import InputError

DEFAULT_OUT = Path("newsdesk-report")


def register(app: typer.Typer) -> None:
    """Add the ``analyze`` command to the app."""

    @app.command()
    def analyze(
        inputs: Annotated[
            list[str],
            typer.Argument(
                help="Reports of one or more stories: files, folders, or - for standard input."
            ),
        ],
        out: Annotated[
            Path, typer.Option("-o", "--out", help="Folder for report.json.")
        ] = DEFAULT_OUT,
        as_json: Annotated[
            bool,
            typer.Option("--json", help="Print report.json to standard output instead."),
        ] = False,
        single_story: Annotated[
            bool,
            typer.Option("--single-story", help="Treat every input as one story (skip grouping)."),
        ] = False,
        llm: Annotated[
            str | None,
            typer.Option(
                "--llm",
                metavar="URL",
                help="OpenAI-compatible server that rewrites the brief; every rewritten "
                "sentence must pass `check` or its source sentence stays.",
            ),
        ] = None,
    ) -> None:
        """Compare the reports of each story: claims, copies, conflicts, and a cited brief."""
        from rich.console import Console

        from newsdesk.cli.heap import long_lived
        from newsdesk.cli.render import print_report_summary

        # Imported here, not at the top, so that `newsdesk --help` and the other commands
        # do not pay for them; under long_lived because they stay until exit.
        with long_lived():
            from newsdesk.ingest import extract
            from newsdesk.models import Models
            from newsdesk.multistory import analyze_stories, write_story_reports
            from newsdesk.report import report_json, write_outputs

        articles = extract(*inputs)
        for article in articles:
            if article.error:
                # one line per bad input, naming it once; the batch goes on with the others
                name = article.path or article.id
                message = article.error if name in article.error else f"{name}: {article.error}"
                print(f"newsdesk: {message}", file=sys.stderr)
        if not any(a.ok for a in articles):
            raise InputError(", ".join(inputs), "nothing could be read")
        models = Models()
        if any(a.ok and a.text.strip() for a in articles):
            # Every story analysed has a readable article, and its analysis loads all
            # three (facts: spaCy; aligner: MiniLM; compare: GeoNames), so loading them
            # first changes no result, only when the collector sees their objects.
            with long_lived():
                models.nlp()
                models.encoder()
                models.gazetteer()
        results = analyze_stories(articles, models=models, single_story=single_story)
        if llm:
            from newsdesk.brief.llm import rewrite_brief

            for result in results:
                readable = [a for a in result.story.articles if a.ok and a.text.strip()]
                brief = rewrite_brief(result.report["brief"], readable, models, llm)
                result.report["brief"] = brief
                if brief["llm"].get("error"):
                    print(f"newsdesk: {brief['llm']['error']}; the brief stays extractive",
                          file=sys.stderr)
        if as_json:
            if len(results) == 1:
                sys.stdout.write(report_json(results[0].report))
            else:
                for result in results:
                    sys.stdout.write(json.dumps(result.report, ensure_ascii=False) + "\n")
            return
        console = Console()
        if len(results) == 1:
            written = write_outputs(results[0].report, out)
            print_report_summary(results[0].report, console)
        else:
            written = write_story_reports(results, out)
            for result in results:
                console.rule(result.story.title or result.story.id)
                print_report_summary(result.report, console)
            console.print(f"\n{len(results)} stories; index: {out / 'index.html'}")
        for path in written:
            console.print(f"written: {path}")
