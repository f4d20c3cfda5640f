"""`newsdesk serve`: the web app and JSON API, served by uvicorn."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from newsdesk.errors import UsageError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    """Add this module's command(s) to the app."""

    @app.command()
    def serve(
        store: Annotated[
            Path | None, typer.Option("--store", help="Store folder [default: newsdesk-data].")
        ] = None,
        host: Annotated[
            str,
            typer.Option(
                "--host", help="Interface to bind; anything but loopback exposes the app."
            ),
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port.")] = 8000,
    ) -> None:
        """Serve the stories, the API (/docs) and the add and check pages."""
        import uvicorn

        from newsdesk.settings import Settings
        from newsdesk.web import create_app

        settings = Settings.from_mapping({"store": store})
        if store is not None and store.exists() and not store.is_dir():
            raise UsageError(f"--store {store}: not a folder; give the store's folder")
        # On loopback, answer only to loopback names: a web page cannot then point a
        # name of its own at 127.0.0.1 (DNS rebinding) and read the store.
        loopback = ("127.0.0.1", "localhost", "::1", host) if is_loopback(host) else None
        web = create_app(settings, allowed_hosts=loopback)
        if loopback is None:
            typer.echo(
                f"newsdesk: serving on {host}, reachable from other machines; the app has "
                "no login, so anyone who can reach it can read and add articles",
                err=True,
            )
        typer.echo(f"newsdesk: serving {settings.store} on http://{host}:{port}/ (Ctrl-C stops)")
        uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
