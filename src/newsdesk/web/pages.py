"""Reading pages -- stories, a story, an article -- and their JSON twins.

Each page and its twin call the same function for their data; the twin returns it as
JSON, the page hands it to a template. Routes are plain ``def`` so FastAPI runs them on
its thread pool and a slow store read never blocks the event loop.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from newsdesk.model import Article, Story
from newsdesk.web import views
from newsdesk.web.app import WebContext
from newsdesk.web.errors import WebError
from newsdesk.web.storage import remember

router = APIRouter()

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such story or article (error shape in the API description)."}
}


def _ctx(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.ctx
    return ctx


def _page(request: Request, name: str, data: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, data, status_code=status)


# ---------------------------------------------------------------------------- stories


def story_list(ctx: WebContext, query: str) -> dict[str, Any]:
    # Counting conflicts needs every story's report: one store read per story, so the
    # list is worked out once and kept until the store changes.
    def build() -> dict[str, Any]:
        rows = []
        for story in ctx.store.stories():
            summary = views.story_summary(story, ctx.store.get_report(story.id))
            if views.matches(story, summary, query):
                rows.append(summary)
        return {"query": query, "stories": views.newest_first(rows)}

    return remember(ctx.store, "story-list", query, build)


Search = Annotated[str, Query(max_length=200, description="Words that must all occur.")]


@router.get("/stories.json", tags=["stories"], summary="Stories, newest first")
def stories_json(request: Request, q: Search = "") -> JSONResponse:
    return JSONResponse(story_list(_ctx(request), q))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
@router.get("/stories", response_class=HTMLResponse, tags=["pages"], summary="Stories page")
def stories_page(request: Request, q: Search = "") -> Response:
    return _page(request, "stories.html", story_list(_ctx(request), q))


# ------------------------------------------------------------------------------ story


def _story(ctx: WebContext, story_id: str) -> Story:
    for story in ctx.store.stories():
        if story.id == story_id:
            return story
    raise WebError(404, f"no story {story_id!r}; /stories.json lists the stories there are")


def _report(ctx: WebContext, story_id: str) -> dict[str, Any]:
    report = ctx.store.get_report(story_id)
    if report is None:
        _story(ctx, story_id)  # a 404 for a story that does not exist at all
        raise WebError(404, f"story {story_id!r} has not been analysed yet", "not_analysed")
    return report


@router.get(
    "/stories/{story_id:path}.json",
    tags=["stories"],
    responses=NOT_FOUND,
    summary="A story's report (report.schema.json)",
)
def story_json(request: Request, story_id: str) -> Response:
    ctx = _ctx(request)
    body = remember(ctx.store, "story.json", story_id, lambda: _encode(_report(ctx, story_id)))
    return Response(body, media_type="application/json")


def _encode(data: Any) -> bytes:
    # The same encoding JSONResponse uses, done once per story until the store changes.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def story_view(ctx: WebContext, story_id: str) -> dict[str, Any]:
    report = ctx.store.get_report(story_id)
    if report is not None:
        # The report holds the story's articles: one store read serves the whole page.
        records = report.get("articles") or []
        story = Story(story_id, [Article.from_record(a) for a in records])
    else:
        story = _story(ctx, story_id)
    summary = views.story_summary(story, report)
    if report is None:
        articles = [a.to_extract_record() for a in story.articles]
        return {
            "story": summary,
            "report": None,
            "labels": {},
            "articles": [
                {
                    "record": r,
                    "label": views.article_label(r),
                    "fields": views.article_fields(r, None),
                }
                for r in articles
            ],
        }
    brief = report.get("brief") or {}
    return {
        "story": summary,
        "report": report,
        "brief": brief,
        "key_players": views.key_players(brief),
        "timeline": views.timeline(brief),
        "matrix": views.comparison_matrix(report),
        "derivations": views.derivations(report),
        "labels": {a["id"]: views.article_label(a) for a in report.get("articles") or []},
        "articles": [
            {
                "record": a,
                "label": views.article_label(a),
                "fields": views.article_fields(a, report),
            }
            for a in report.get("articles") or []
        ],
    }


@router.get(
    "/stories/{story_id:path}", response_class=HTMLResponse, tags=["pages"], responses=NOT_FOUND
)
def story_page(request: Request, story_id: str) -> Response:
    ctx = _ctx(request)
    template = request.app.state.templates.get_template("story.html")
    # A story page depends on nothing but the stored report, so it is rendered once and
    # kept until the store changes (rendering a large story takes ~20 ms).
    html = remember(
        ctx.store, "story.html", story_id, lambda: template.render(story_view(ctx, story_id))
    )
    return HTMLResponse(html)


# ---------------------------------------------------------------------------- article


def _article(ctx: WebContext, article_id: str) -> Article:
    article = ctx.store.get_article(article_id)
    if article is None:
        raise WebError(404, f"no article {article_id!r} in the store")
    return article


def _article_as_analysed(
    ctx: WebContext, article_id: str, report: dict[str, Any] | None
) -> Article:
    """The stored article, with the text fields its story's report was computed on.

    A story's offsets index the report's copy of the text; if the article was ingested
    again since (a re-extraction that changed a character), highlighting the stored text
    would mark the wrong words, so the report's text wins when there is one.
    """
    analysed = next(
        (a for a in (report or {}).get("articles") or [] if a.get("id") == article_id), None
    )
    stored = ctx.store.get_article(article_id)
    if analysed is None:
        return stored if stored is not None else _article(ctx, article_id)
    fields = {name: analysed.get(name) for name in ("title", "standfirst")}
    if stored is None:
        return Article.from_record(analysed)
    return stored.replace(text=analysed["text"], **fields)


def article_record(article: Article) -> dict[str, Any]:
    return {
        **article.to_extract_record(),
        "removed": list(article.removed),
        "warnings": list(article.warnings),
    }


@router.get(
    "/articles/{article_id:path}.json",
    tags=["articles"],
    responses=NOT_FOUND,
    summary="A clean article, its metadata and what was removed as site chrome",
)
def article_json(request: Request, article_id: str) -> JSONResponse:
    return JSONResponse(article_record(_article(_ctx(request), article_id)))


@router.get(
    "/articles/{article_id:path}", response_class=HTMLResponse, tags=["pages"], responses=NOT_FOUND
)
def article_page(
    request: Request,
    article_id: str,
    story: Annotated[str | None, Query(description="Show this story's conflicts inline.")] = None,
    field: Annotated[Literal["title", "standfirst", "text"], Query()] = "text",
    start: Annotated[int | None, Query(ge=0, description="Highlight from this offset.")] = None,
    end: Annotated[int | None, Query(ge=0, description="Highlight up to this offset.")] = None,
) -> Response:
    ctx = _ctx(request)
    report = ctx.store.get_report(story) if story else None
    if story and report is None:
        _story(ctx, story)
    article = _article_as_analysed(ctx, article_id, report)
    cite = None
    if start is not None and end is not None:
        text = article.get(field)
        if not start < end <= len(text):
            raise WebError(
                422,
                f"highlight {start}..{end} is outside the article's {field} "
                f"({len(text)} characters)",
                "invalid_request",
            )
        cite = {"field": field, "start": start, "end": end}
    data = {
        "article": article_record(article),
        "label": views.article_label(article),
        "fields": views.article_fields(article, report, cite),
        "story_id": story,
        "cited": cite is not None,
    }
    return _page(request, "article.html", data)


# ------------------------------------------------------------------------------- docs


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    # Browsers ask for it on every page; an empty answer keeps 404s out of their logs.
    return Response(status_code=204)


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def docs_page(request: Request) -> Response:
    return _page(request, "docs.html", {})
