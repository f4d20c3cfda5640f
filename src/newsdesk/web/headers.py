"""The security headers every response carries."""

from __future__ import annotations

# 'self' only; no 'unsafe-inline' anywhere, so markup smuggled into an article cannot
# run a script, load one, or restyle the page even if escaping ever failed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
# Swagger UI (the /docs page, which shows no article content) sets inline styles and
# data: images; its scripts are still only our own files.
DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}


def header_items(path: str) -> dict[str, str]:
    """The headers for a response to ``path`` (also used for 500 pages, which Starlette
    builds outside the middleware stack)."""
    return {**BASE_HEADERS, "content-security-policy": DOCS_CSP if path == "/docs" else CSP}
