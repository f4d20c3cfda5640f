"""The web app and HTTP API (``newsdesk serve``): :func:`create_app` builds it."""

from __future__ import annotations

from newsdesk.web.app import create_app

__all__ = ["create_app"]
