"""Response headers and request-size limits for untrusted content.

Article text is written by strangers: the templates escape it, and these headers make
the browser refuse anything that slips through anyway (no inline script, no script or
style from elsewhere, no framing, no form posting off-site).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

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


class SecurityMiddleware:
    """Adds the security headers to every response and caps request bodies.

    Written as a plain ASGI middleware (not Starlette's BaseHTTPMiddleware) so that it
    can count body bytes as they arrive and refuse a chunked upload with no
    Content-Length, without buffering it first.
    """

    def __init__(self, app: ASGIApp, limits: UploadLimits) -> None:
        self.app = app
        self.limits = limits

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

        limit = self.limits.max_request_bytes
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self._refuse(scope, send_with_headers, declared)
            return

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

    async def _refuse(self, scope: Scope, send: Send, declared: int) -> None:
        limit = human_bytes(self.limits.max_request_bytes)
        message = f"the request body ({human_bytes(declared)}) is too large: the limit is {limit}"
        body = error_body(413, message, "payload_too_large")
        path: str = scope.get("path", "")
        accept = dict(scope.get("headers", [])).get(b"accept", b"").decode("latin-1")
        as_json = path.startswith("/api/") or "text/html" not in accept
        if as_json:
            payload, kind = json.dumps(body).encode(), b"application/json"
        else:
            # No template engine here: the message holds only numbers we produced.
            payload = (
                "<!doctype html><title>Too large</title><h1>413: too large</h1>"
                f'<p>{message}</p><p><a href="/add">Back</a></p>'
            ).encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
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
