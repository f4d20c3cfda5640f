"""The FastAPI application: pages rendered on the server, a JSON twin for each, the API.

:func:`create_app` wires the seams (store, analysis pipeline, summary checker) into one
:class:`WebContext` kept on ``app.state``; routes read it from there, so there is no
module-level state and two apps in one process never share anything.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsdesk import __version__
from newsdesk.model import Article
from newsdesk.settings import Settings
from newsdesk.web import views
from newsdesk.web.errors import WebError, document_errors, install_error_handlers
from newsdesk.web.jobs import JobBoard, LibraryPipeline, Pipeline
from newsdesk.web.security import SecurityMiddleware, UploadLimits
from newsdesk.web.storage import StoryStore, open_store

HERE = Path(__file__).resolve().parent

Checker = Callable[[str, list[Article]], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class WebContext:
    """Everything a route needs, built once per app."""

    settings: Settings
    store: StoryStore
    jobs: JobBoard
    checker: Checker
    limits: UploadLimits


def library_checker(models: Any) -> Checker:
    """``newsdesk.check.check_summary`` with the app's models."""

    def check(summary: str, sources: list[Article]) -> dict[str, Any]:
        try:
            from newsdesk.check import check_summary
        except ImportError as exc:  # the check stage is optional in a partial install
            raise WebError(503, "the summary checker is not available in this install") from exc
        return check_summary(summary, sources, models=models)

    return check


def build_templates() -> Jinja2Templates:
    # Autoescape every template, whatever its extension: all article text is untrusted.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        citation_href=views.citation_href,
        evidence_by_article=views.evidence_by_article,
        article_href=views.article_href,
        story_href=views.story_href,
        version=__version__,
    )
    return Jinja2Templates(env=env)


def create_app(
    settings: Settings | None = None,
    *,
    store: StoryStore | None = None,
    pipeline: Pipeline | None = None,
    checker: Checker | None = None,
    limits: UploadLimits | None = None,
    allowed_hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The newsdesk web app over ``settings.store``.

    ``store``, ``pipeline`` and ``checker`` replace the real store, analysis stages and
    summary checker (tests pass small hand-made ones); by default the app opens the
    DuckDB store and loads the models lazily on the first analysis or check.
    ``allowed_hosts``: the only Host names answered (``newsdesk serve`` on loopback
    passes the loopback names); None answers any.
    """
    settings = settings or Settings()
    if store is None:
        store = open_store(settings)
    models: Any = None
    if pipeline is None or checker is None:
        from newsdesk.models import Models

        models = Models()
    jobs = JobBoard(store, pipeline or LibraryPipeline(settings, models))
    context = WebContext(
        settings=settings,
        store=store,
        jobs=jobs,
        checker=checker or library_checker(models),
        limits=limits or UploadLimits(),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close()

    app = FastAPI(
        title="newsdesk",
        version=__version__,
        description=(
            "Every report of a story, compared: what the sources agree on, where they "
            "disagree and who is probably wrong, and a brief citing the exact words. "
            "Every JSON error has the shape "
            '`{"error": {"status", "code", "message", "details"?}}`.'
        ),
        # The stock /docs page loads Swagger UI from a CDN with an inline script; ours
        # serves the same UI from installed files under the strict CSP.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.ctx = context
    app.state.templates = build_templates()
    app.add_middleware(SecurityMiddleware, limits=context.limits, allowed_hosts=allowed_hosts)
    install_error_handlers(app)
    document_errors(app)

    import fastapi_offline

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount(
        "/static-docs",
        StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"),
        name="static-docs",
    )

    from newsdesk.web import actions, pages

    app.include_router(pages.router)
    app.include_router(actions.router)
    return app
