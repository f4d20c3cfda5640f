"""`newsdesk extract` (not wired yet: owned by the stage that implements it)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add this module's command(s) to the app."""
