"""Response headers and request-size limits for untrusted content.

Article text is written by strangers: the templates escape it, and these headers make
the browser refuse anything that slips through anyway (no inline script, no script or
style from elsewhere, no framing, no form posting off-site).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.web.errors import WebError, error_body
from newsdesk.web.headers import BASE_HEADERS, CSP, DOCS_CSP

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """How much one request may send. Past any of these the answer is a 413."""

    # files in one upload (a story is rarely more than a few dozen reports)
    max_files: int = 50
    # bytes in one request body, all files and pasted text together
    max_request_bytes: int = 20 * MiB
    # characters of a pasted article or of a summary to check
    max_text_chars: int = 200_000

    def __post_init__(self) -> None:
        if min(self.max_files, self.max_request_bytes, self.max_text_chars) <= 0:
            raise ValueError("upload limits must be positive")


def too_large(what: str, limit: str) -> WebError:
    return WebError(413, f"{what} is too large: the limit is {limit}", "payload_too_large")


def human_bytes(count: int) -> str:
    return f"{count / MiB:g} MiB" if count >= MiB else f"{count} bytes"


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SecurityMiddleware:
    """Adds the security headers to every response and screens requests before routing.

    * a request body over the limit is refused (413), by its Content-Length or, for a
      chunked upload, as soon as the bytes received pass the limit;
    * a form posted from another site is refused (403): the app has no login, so a
      page elsewhere could otherwise make the reader's browser add articles;
    * with ``allowed_hosts`` (``newsdesk serve`` on loopback), a request naming any other
      Host is refused (400), so a DNS-rebound name cannot read the store.

    Written as a plain ASGI middleware (not Starlette's BaseHTTPMiddleware) so that it
    can count body bytes as they arrive without buffering them first.
    """

    def __init__(
        self, app: ASGIApp, limits: UploadLimits, allowed_hosts: tuple[str, ...] | None = None
    ) -> None:
        self.app = app
        self.limits = limits
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        csp = DOCS_CSP if path == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for name, value in {**BASE_HEADERS, "content-security-policy": csp}.items():
                    if name.encode() not in present:
                        headers.append((name.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        refusal = self._screen(scope)
        if refusal is not None:
            await _answer(scope, send_with_headers, *refusal)
            return

        limit = self.limits.max_request_bytes
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise too_large("the request body", human_bytes(limit))
            return message

        await self.app(scope, counting_receive, send_with_headers)

    def _screen(self, scope: Scope) -> tuple[int, str, str] | None:
        """Why this request is refused before it reaches a route, if it is."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if self.allowed_hosts is not None and _hostname(host) not in self.allowed_hosts:
            return (
                400,
                "bad_host",
                f"this server answers to {', '.join(self.allowed_hosts)}, not {host!r}",
            )
        if scope.get("method") in UNSAFE_METHODS:
            # Browsers say where a request comes from in Sec-Fetch-Site ("none" when the
            # user typed it); Origin is the fallback for older ones. Under our
            # no-referrer policy a same-origin form sends "Origin: null", which proves
            # nothing either way. Clients that are not browsers send neither.
            site = headers.get("sec-fetch-site")
            origin = headers.get("origin")
            if site is not None:
                foreign = site not in ("same-origin", "none")
            else:
                foreign = origin not in (None, "null") and urlsplit(origin).netloc != host
            if foreign:
                return (
                    403,
                    "cross_site_request",
                    "a form sent from another site was refused; use this server's own pages",
                )
        declared = _content_length(scope)
        limit = self.limits.max_request_bytes
        if declared is not None and declared > limit:
            size, most = human_bytes(declared), human_bytes(limit)
            message = f"the request body ({size}) is too large: the limit is {most}"
            return 413, "payload_too_large", message
        return None


def _hostname(host: str) -> str:
    """The name in a Host header, without its port ("[::1]:8000" -> "::1")."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _answer(scope: Scope, send: Send, status: int, code: str, message: str) -> None:
    """A refusal in the app's error shape: JSON for API clients, a page for browsers."""
    path: str = scope.get("path", "")
    accept = dict(scope.get("headers", [])).get(b"accept", b"").decode("latin-1")
    if path.startswith("/api/") or path.endswith(".json") or "text/html" not in accept:
        payload, kind = json.dumps(error_body(status, message, code)).encode(), b"application/json"
    else:
        # No template engine this early: the message is ours, and escaped all the same.
        payload = (
            f"<!doctype html><title>{status}</title><h1>{status}: {escape(code)}</h1>"
            f'<p>{escape(message)}</p><p><a href="/">Back to the stories</a></p>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", kind),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
