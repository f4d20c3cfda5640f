"""Human-readable terminal rendering of a report.json dict (rich), shared by commands."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "dim"}


def print_report_summary(report: dict[str, Any], console: Console) -> None:
    """Articles, conflicts (worst first) and the brief's cards, as a reader scans them."""
    articles = report.get("articles", [])
    table = Table(title=f"{len(articles)} reports", show_lines=False)
    for column in ("id", "source", "headline", "derived from"):
        table.add_column(column, overflow="fold")
    for art in articles:
        table.add_row(
            escape(art["id"]),
            escape(art.get("source") or "-"),
            escape(art.get("title") or "-"),
            escape(art.get("derived_from") or ""),
        )
    console.print(table)

    claims = report.get("claims", [])
    single = sum(1 for c in claims if len(c.get("articles", [])) == 1)
    console.print(
        f"\n[bold]{len(claims)} claims[/bold], {len(claims) - single} stated by two or more "
        f"reports, {single} by one only; {len(report.get('entities', []))} entities"
    )

    order = {"high": 0, "medium": 1, "low": 2}
    conflicts = sorted(report.get("conflicts", []), key=lambda c: order.get(c["severity"], 3))
    console.print(f"\n[bold]{len(conflicts)} places where the sources disagree[/bold]")
    for conflict in conflicts:
        style = SEVERITY_STYLE.get(conflict["severity"], "")
        console.print(
            f"  [{style}]{conflict['severity']:>6}[/{style}] {conflict['kind']:<8} "
            f"{escape(conflict['summary'])}"
        )
        likely = conflict.get("likely_error")
        if likely:
            console.print(
                f"           likely error: {escape(', '.join(likely['articles']))} "
                f"({escape(likely['value'])}): {escape(likely['reason'])}"
            )

    brief = report.get("brief") or {}
    if brief.get("headline"):
        console.print(f"\n[bold]Brief:[/bold] {escape(brief['headline'])}")
    for card in brief.get("cards", []):
        console.print(f"  [bold]{escape(card['title'])}[/bold]")
        for sentence in card.get("sentences", []):
            cites = ", ".join(sorted({c["article"] for c in sentence.get("citations", [])}))
            console.print(f"    {escape(sentence['text'])} [dim]\\[{escape(cites)}][/dim]")
