"""`newsdesk demo`: analyse the bundled sample story and show what was found."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

SAMPLE_SUFFIXES = (".html", ".htm", ".txt")


def sample_story_dir() -> Path:
    """The invented sample story shipped with the package (see its README.md)."""
    return Path(__file__).resolve().parent.parent / "samples" / "port-strike"


def sample_inputs() -> list[Path]:
    return sorted(p for p in sample_story_dir().iterdir() if p.suffix in SAMPLE_SUFFIXES)


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path(
            "demo-output"
        ),
    ) -> None:
        """Analyse the bundled sample story (five invented reports of one port strike)."""
        from rich.console import Console

        from newsdesk.cli.render import print_report_summary
        from newsdesk.ingest import extract
        from newsdesk.report import analyze_story, write_outputs

        console = Console(stderr=False)
        inputs = sample_inputs()
        console.print(f"[bold]newsdesk demo[/bold]: {len(inputs)} reports from {sample_story_dir()}")
        articles = extract(*inputs)
        report = analyze_story(articles)
        written = write_outputs(report, out)
        print_report_summary(report, console)
        console.print("\n[bold]Written:[/bold]")
        for path in written:
            console.print(f"  {path}")
