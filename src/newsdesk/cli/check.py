"""`newsdesk check SUMMARY --against INPUTS... [--json]`: a verdict for every sentence."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdesk.errors import InputError, UsageError

_COLOURS = {"supported": "green", "contradicted": "bold red", "unsupported": "yellow"}


def read_summary(source: str) -> str:
    """The summary text from a file, or from standard input for "-"."""
    if source == "-":
        return sys.stdin.read()
    path = Path(source)
    if not path.is_file():
        raise UsageError(f"summary {source!r} is not a readable file; pass a text file or '-'")
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(f"summary {source!r} could not be read ({exc.strerror})") from exc


def render(result: dict[str, Any], console: Any) -> None:
    """Human-readable verdicts: one coloured line per sentence, then its problems."""
    from rich.markup import escape

    counts: dict[str, int] = {}
    for s in result["sentences"]:
        counts[s["verdict"]] = counts.get(s["verdict"], 0) + 1
        colour = _COLOURS[s["verdict"]]
        console.print(f"[{colour}]{s['verdict'].upper():<12}[/] {s['score']:.2f}  "
                      f"{escape(s['text'])}")
        for p in s.get("problems", []):
            said = f" -- sources say: {escape(p['sources_say'])}" if p.get("sources_say") \
                else " -- no source says this"
            console.print(f"    [{colour}]{p['kind']}[/]: {escape(p['text'])!r}{said}")
        if s["evidence"] and s["verdict"] != "supported":
            ev = s["evidence"][0]
            console.print(f"    [dim]closest source ({escape(ev['article'])}): "
                          f"{escape(ev['text'])}[/]")
    summary = ", ".join(f"{n} {v}" for v, n in sorted(counts.items()))
    console.print(f"[bold]{len(result['sentences'])} sentences[/]: {summary or 'none'}")


def register(app: typer.Typer) -> None:
    """Add `check` to the app."""

    @app.command("check")
    def check_command(
        summary: Annotated[str, typer.Argument(
            help="The summary to check: a text file, or - for stdin.")],
        inputs: Annotated[list[str] | None, typer.Argument(
            help="The source articles (files, folders), after --against.",
            show_default=False)] = None,
        against: Annotated[bool, typer.Option(
            "--against", "-a", help="Marks the start of the source articles.")] = False,
        as_json: Annotated[bool, typer.Option(
            "--json", help="Print check.schema.json output.")] = False,
        compare: Annotated[bool, typer.Option(
            "--compare/--no-compare",
            help="Compare the sources first, so that a sentence repeating one report's "
                 "outvoted value is contradicted (the default).")] = True,
    ) -> None:
        """Give a verdict (supported / contradicted / unsupported) for every sentence of
        SUMMARY: `newsdesk check SUMMARY --against INPUTS... [--json]`."""
        # `--against` takes every following path (click options take one value each, so
        # the sources are the command's trailing arguments and --against marks them)
        if not against or not inputs:
            raise UsageError("name the source articles: newsdesk check SUMMARY --against "
                             "INPUTS...")
        against_inputs = list(inputs)
        from rich.console import Console

        from newsdesk.check import check_summary
        from newsdesk.ingest import extract

        text = read_summary(summary)
        articles = extract(*against_inputs)
        err = Console(stderr=True)
        for article in articles:
            if article.error:
                err.print(f"newsdesk: {article.path or article.id}: {article.error}",
                          markup=False, highlight=False)
        readable = [a for a in articles if a.ok and a.text.strip()]
        if not readable:
            raise InputError(", ".join(against_inputs), "no source could be read; nothing to check against")
        result = check_summary(text, readable, compare=compare)
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            render(result, Console(highlight=False))
