"""Pages and API calls that do work: add articles (background analysis), check a summary.

Uploads are bounded three ways before anything is parsed or stored: the request body
(the security middleware), the number of files, and the length of pasted text; each
answers 413 with the limit in its message. Nothing here ever fetches a URL: a pasted
link is just text.
"""

from __future__ import annotations

import asyncio
import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile

from newsdesk.model import Article
from newsdesk.web import views
from newsdesk.web.app import WebContext
from newsdesk.web.errors import WebError
from newsdesk.web.jobs import JobStatus, Upload
from newsdesk.web.pages import _ctx, _page, _story, story_list
from newsdesk.web.security import human_bytes, too_large

router = APIRouter()

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Articles in any format ingest reads.",
                        },
                        "text": {"type": "string", "description": "One pasted article."},
                    },
                }
            }
        },
    }
}


async def read_uploads(request: Request, ctx: WebContext) -> list[Upload]:
    """The files and pasted text of a multipart form, within the upload limits."""
    limits = ctx.limits
    # The body is already capped by the middleware, so Starlette's own file count limit
    # can be generous; ours below answers with a 413 and a clear message instead.
    async with request.form(max_files=10_000, max_fields=10_000) as form:
        uploads: list[Upload] = []
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        if len(files) > limits.max_files:
            raise too_large(f"the upload ({len(files)} files)", f"{limits.max_files} files")
        per_file = ctx.settings.max_input_bytes
        for file in files:
            data = await file.read()
            if len(data) > per_file:
                raise too_large(f"file {file.filename!r}", human_bytes(per_file))
            uploads.append(Upload(str(file.filename), data))
        text = form.get("text")
    if isinstance(text, str) and text.strip():
        # Browsers send a textarea's line breaks as CRLF; the article keeps plain LF so
        # that its offsets match what the reader pasted.
        text = text.replace("\r\n", "\n")
        if len(text) > limits.max_text_chars:
            raise too_large("the pasted text", f"{limits.max_text_chars} characters")
        # A pasted article is named by its content, so pasting it again changes nothing.
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        uploads.append(Upload(f"pasted-{digest}.txt", text.encode()))
    if not uploads:
        raise WebError(422, "nothing to analyse: attach files or paste an article", "no_input")
    return uploads


# -------------------------------------------------------------------------------- add


@router.get("/add", response_class=HTMLResponse, tags=["pages"], summary="Add articles page")
def add_page(request: Request) -> Response:
    ctx = _ctx(request)
    return _page(
        request,
        "add.html",
        {"limits": ctx.limits, "max_file": human_bytes(ctx.settings.max_input_bytes)},
    )


@router.post("/add", include_in_schema=False)
async def add_form(request: Request) -> Response:
    ctx = _ctx(request)
    status, _ = ctx.jobs.submit(await read_uploads(request, ctx))
    return RedirectResponse(f"/jobs/{status.id}", status_code=303)


@router.post(
    "/api/analyze",
    tags=["api"],
    status_code=202,
    openapi_extra=UPLOAD_BODY,
    summary="Analyse uploaded articles in the background",
    responses={
        200: {"description": "With wait=true: the finished job."},
        413: {"description": "Too many files or too many bytes."},
    },
)
async def analyze_api(
    request: Request,
    wait: Annotated[bool, Query(description="Answer only when the analysis is done.")] = False,
) -> JSONResponse:
    """Queue files (multipart field `files`) and/or pasted text (`text`) for analysis.

    Answers 202 with the job; poll its `href` + `.json` until `finished`. The articles,
    stories and reports are saved in the store."""
    ctx = _ctx(request)
    status, future = ctx.jobs.submit(await read_uploads(request, ctx))
    if wait:
        done = await asyncio.wrap_future(future)
        return JSONResponse(done.to_dict(), status_code=200)
    headers = {"location": f"/jobs/{status.id}.json"}
    return JSONResponse(status.to_dict(), status_code=202, headers=headers)


def _job(ctx: WebContext, job_id: str) -> JobStatus:
    status = ctx.jobs.get(job_id)
    if status is None:
        raise WebError(404, f"no job {job_id!r}; jobs are kept until the server restarts")
    return status


@router.get("/jobs/{job_id}.json", tags=["api"], summary="Progress of an analysis job")
def job_json(request: Request, job_id: str) -> JSONResponse:
    return JSONResponse(_job(_ctx(request), job_id).to_dict())


@router.get("/jobs/{job_id}", response_class=HTMLResponse, tags=["pages"])
def job_page(request: Request, job_id: str) -> Response:
    ctx = _ctx(request)
    status = _job(ctx, job_id)
    titles = {}
    if status.finished and status.stories:
        titles = {s["id"]: s["title"] for s in story_list(ctx, "")["stories"]}
    return _page(request, "job.html", {"job": status.to_dict(), "titles": titles})


# ------------------------------------------------------------------------------ check


class CheckRequest(BaseModel):
    summary: str = Field(description="The summary to check, as plain text.")
    story: str = Field(description="Id of a stored story whose articles are the sources.")


def run_check(ctx: WebContext, summary: str, story_id: str) -> dict[str, Any]:
    if len(summary) > ctx.limits.max_text_chars:
        raise too_large("the summary", f"{ctx.limits.max_text_chars} characters")
    if not summary.strip():
        raise WebError(422, "the summary is empty: paste the text to check", "no_input")
    story = _story(ctx, story_id)
    sources: list[Article] = [a for a in story.articles if a.ok]
    return ctx.checker(summary, sources)


@router.post("/api/check", tags=["api"], summary="A verdict for every sentence of a summary")
def check_api(request: Request, body: CheckRequest) -> JSONResponse:
    """Checks `summary` against the articles of `story` (check.schema.json)."""
    return JSONResponse(run_check(_ctx(request), body.summary, body.story))


@router.get("/check", response_class=HTMLResponse, tags=["pages"], summary="Check page")
def check_page(request: Request, story: Annotated[str, Query(max_length=300)] = "") -> Response:
    ctx = _ctx(request)
    return _page(
        request,
        "check.html",
        {
            "stories": story_list(ctx, "")["stories"],
            "selected": story,
            "summary": "",
            "result": None,
            "labels": {},
            "limits": ctx.limits,
        },
    )


@router.post("/check", response_class=HTMLResponse, include_in_schema=False)
async def check_form(request: Request) -> Response:
    ctx = _ctx(request)
    async with request.form(max_files=0, max_fields=10) as form:
        summary, story_id = form.get("summary"), form.get("story")
    if not isinstance(summary, str) or not isinstance(story_id, str) or not story_id:
        raise WebError(422, "pick a story and paste a summary", "no_input")
    # The checker is CPU-bound; run it off the event loop like the plain-def routes.
    result = await asyncio.to_thread(run_check, ctx, summary, story_id)
    story = _story(ctx, story_id)
    return _page(
        request,
        "check.html",
        {
            "stories": story_list(ctx, "")["stories"],
            "selected": story_id,
            "summary": summary,
            "result": result,
            "labels": {a.id: views.article_label(a) for a in story.articles},
            "limits": ctx.limits,
        },
    )
