"""The brief of a report as Markdown and as one self-contained HTML page.

Both read the report dict (the JSON twin); article text is untrusted, so the HTML goes
through Jinja2 with autoescaping (and a page policy that allows no script or remote
load), and the Markdown escapes HTML and link syntax.
"""

from __future__ import annotations

import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str | None) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def display_date(value: str) -> str:
    """ISO dates as a reader writes them; "--01-13" (no year stated) as "13 Jan"."""
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    m = re.fullmatch(r"(\d{4}|-)-?(\d{2})?(?:-(\d{2}))?", value)
    if not m:
        return value
    year, month, day = m.groups()
    parts = [str(int(day))] if day else []
    if month and 1 <= int(month) <= 12:
        parts.append(months[int(month) - 1])
    if year != "-":
        parts.append(year)
    return " ".join(parts) or value


def _key(c: dict[str, Any]) -> tuple[str, str, int, int]:
    return (c["article"], c["field"], c["start"], c["end"])


def _numbered(brief: dict[str, Any]) -> dict[tuple[str, str, int, int], int]:
    """One number per distinct cited span, in order of first citation."""
    numbers: dict[tuple[str, str, int, int], int] = {}
    groups = [card["sentences"] for card in brief.get("cards", [])]
    groups += [section["sentences"] for section in brief.get("sections", [])]
    groups.append(brief.get("timeline", []))
    for group in groups:
        for sentence in group:
            for c in sentence.get("citations", []):
                numbers.setdefault(_key(c), len(numbers) + 1)
    return numbers


def render_markdown(report: dict[str, Any]) -> str:
    brief = report.get("brief") or {}
    numbers = _numbered(brief)

    def line(s: dict[str, Any]) -> str:
        refs = "".join(f"[^{numbers[_key(c)]}]" for c in s.get("citations", []))
        return f"{_md(s['text'])}{refs}"

    out = [f"# {_md(brief.get('headline') or 'Untitled story')}", ""]
    for card in brief.get("cards", []):
        out += [f"> **{_md(card['title'])}**", ">"]
        out += [f"> {line(s)}" for s in card["sentences"]]
        out.append("")
    for section in brief.get("sections", []):
        out += [f"## {_md(section['name'])}", ""]
        empty = "_No disagreement found._" if section["name"] == "Where sources disagree" \
            else "_Nothing the sources state._"
        out += [f"- {line(s)}" for s in section["sentences"]] or [empty]
        out.append("")
    if brief.get("key_players"):
        out += ["## Key players", "", "| name | role | sources |", "|---|---|---|"]
        for p in brief["key_players"]:
            out.append(f"| {_md(p['name'])} | {_md(', '.join(p.get('roles') or []))} | "
                       f"{p.get('articles', '')} |")
        out.append("")
    if brief.get("timeline"):
        out += ["## Timeline", ""]
        out += [f"- **{_md(display_date(t['date']))}** {line(t)}" for t in brief["timeline"]]
        out.append("")
    texts = {_key(c): c for group in _all_citations(brief) for c in group}
    for key, n in numbers.items():
        c = texts[key]
        out.append(f"[^{n}]: {_md(c['article'])} ({c['field']} {c['start']}-{c['end']}): "
                   f"\u201c{_md(c['text'])}\u201d")
    return "\n".join(out) + "\n"


def _all_citations(brief: dict[str, Any]) -> list[list[dict[str, Any]]]:
    groups = [s.get("citations", []) for card in brief.get("cards", []) for s in card["sentences"]]
    groups += [s.get("citations", []) for sec in brief.get("sections", []) for s in sec["sentences"]]
    groups += [t.get("citations", []) for t in brief.get("timeline", [])]
    return groups


def render_html(report: dict[str, Any]) -> str:
    """One page that opens from disk: inline style, no script, nothing fetched."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsdesk.brief", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    brief = report.get("brief") or {}
    numbers = _numbered(brief)
    sources = {a["id"]: a.get("source") for a in report.get("articles", [])}
    texts = {_key(c): c for group in _all_citations(brief) for c in group}
    citations = [{"id": f"cite-{n}", "number": n, "source": sources.get(k[0]), **texts[k]}
                 for k, n in numbers.items()]
    return env.get_template("report.html.j2").render(
        brief=brief, citations=citations, display_date=display_date,
        cite_numbers=numbers, cite_ids={k: f"cite-{n}" for k, n in numbers.items()})
