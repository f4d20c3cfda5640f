"""One error shape for every JSON error, and the same message on an HTML page.

Every JSON error, whoever raised it (a route, FastAPI's validation, Starlette's routing,
the upload limit, an unexpected bug), is answered as::

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": [...]}}

``details`` is present only for validation errors (which field, what was wrong).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsdesk.errors import InputError, NewsdeskError, StoreError, UsageError
from newsdesk.web.headers import header_items

log = logging.getLogger("newsdesk.web")


class WebError(Exception):
    """An error a route raises on purpose, with the status and message to answer."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _code(status)


def _code(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def error_body(
    status: int, message: str, code: str | None = None, details: list[Any] | None = None
) -> dict[str, Any]:
    error: dict[str, Any] = {"status": status, "code": code or _code(status), "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def wants_json(request: Request) -> bool:
    """JSON for the API and the ``.json`` twins; an HTML page for a browser's page views."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request,
    status: int,
    message: str,
    code: str | None = None,
    details: list[Any] | None = None,
) -> Response:
    body = error_body(status, message, code, details)
    headers = header_items(request.url.path)
    if wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"error": body["error"]}, status_code=status, headers=headers
    )


ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status, repeated."},
                "code": {"type": "string", "description": "e.g. not_found, payload_too_large"},
                "message": {"type": "string", "description": "What was wrong and what to do."},
                "details": {
                    "type": "array",
                    "description": "Validation errors only: which field, what was wrong.",
                    "items": {
                        "type": "object",
                        "properties": {
                            "location": {"type": "string"},
                            "message": {"type": "string"},
                        },
                    },
                },
            },
        }
    },
}


def document_errors(app: FastAPI) -> None:
    """Make /openapi.json describe the error shape the app really answers with.

    FastAPI documents its own 422 body (``HTTPValidationError``) on every route with
    parameters; ours replaces it, so the schema points at the one error shape.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = build()
        schemas = spec.setdefault("components", {}).setdefault("schemas", {})
        schemas.pop("HTTPValidationError", None)
        schemas.pop("ValidationError", None)
        schemas["Error"] = ERROR_SCHEMA
        ref = {"$ref": "#/components/schemas/Error"}
        for operation in (op for item in spec["paths"].values() for op in item.values()):
            for status, response in operation.get("responses", {}).items():
                if status.startswith(("4", "5")):
                    response["content"] = {"application/json": {"schema": ref}}
        app.openapi_schema = spec
        return spec

    app.openapi = openapi  # type: ignore[method-assign]


def install_error_handlers(app: FastAPI) -> None:
    """Route every kind of failure to :func:`error_response`."""

    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.message, exc.code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _code(exc.status_code)
        if exc.status_code == 404 and message == "Not Found":
            message = f"nothing at {request.url.path}; see /docs for what exists"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {
                "location": ".".join(str(p) for p in err.get("loc", ())),
                "message": err.get("msg", ""),
            }
            for err in exc.errors()
        ]
        first = details[0] if details else {"location": "request", "message": "invalid"}
        message = f"invalid request: {first['location']}: {first['message']}"
        return error_response(request, 422, message, "invalid_request", details)

    @app.exception_handler(UsageError)
    async def _usage(request: Request, exc: UsageError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        return error_response(request, 422, str(exc), "unreadable_input")

    @app.exception_handler(StoreError)
    async def _store(request: Request, exc: StoreError) -> Response:
        # Usually another process writing the DuckDB store (one writer at a time): the
        # same request will work again shortly, which is what 503 tells a client.
        response = error_response(request, 503, str(exc), "store_unavailable")
        response.headers["retry-after"] = "2"
        return response

    @app.exception_handler(NewsdeskError)
    async def _newsdesk(request: Request, exc: NewsdeskError) -> Response:
        return error_response(request, 500, str(exc), "newsdesk_error")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> Response:
        # The message names no internals (article text may be in the exception); the
        # traceback goes to the server log for whoever runs it.
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(
            request, 500, "internal error; the server log has the details", "internal_error"
        )
