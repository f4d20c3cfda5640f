"""The HTTP API and pages, in-process, against the in-memory store seam."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import validate_contract

if TYPE_CHECKING:
    from web_testdata import MemoryStore, TextPipeline

# The fixtures (store, pipeline, limits, client) live beside the test data; a
# conftest.py here would shadow the root one's `conftest` module name.
pytest_plugins = ["web_testdata"]


def error_of(response: Any, status: int) -> dict[str, Any]:
    """The one JSON error shape; fails the test if the body is anything else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) - {"details"} == {"status", "code", "message"}
    assert error["status"] == status and error["message"] and error["code"]
    return error


def wait_for(client: TestClient, href: str, timeout: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(href + ".json").json()
        if job["finished"]:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {href} did not finish")


# ------------------------------------------------------------------------- JSON twins


def test_stories_json_lists_counts(client: TestClient) -> None:
    body = client.get("/stories.json").json()
    assert body["stories"] == [
        {
            "id": "dock-strike",
            "title": "Dock workers strike",
            "articles": 3,
            "sources": 3,
            "conflicts": 1,
            "serious_conflicts": 1,
            "newest": "2025-03-06",
            "analysed": True,
            "href": "/stories/dock-strike",
        }
    ]


@pytest.mark.parametrize(("query", "found"), [("dock", 1), ("harbour times", 1), ("ferry", 0)])
def test_search_on_both_the_page_and_its_twin(client: TestClient, query: str, found: int) -> None:
    assert len(client.get("/stories.json", params={"q": query}).json()["stories"]) == found
    page = client.get("/stories", params={"q": query}).text
    assert ('href="/stories/dock-strike"' in page) == bool(found)


def test_story_json_is_the_report_and_validates(client: TestClient, report: dict[str, Any]) -> None:
    served = client.get("/stories/dock-strike.json").json()
    assert served == report
    validate_contract(served, "report.schema.json")


def test_article_json_has_metadata_and_removed_chrome(client: TestClient) -> None:
    record = client.get("/articles/harbour.json").json()
    assert record["source"] == "Harbour Times"
    assert record["removed"] == ["Subscribe to our newsletter", "<a href=x>Share</a>"]
    # The rest is one extract record (extract.schema.json), plus the two audit lists.
    validate_contract(record, "extract.schema.json")
    assert record["text"].startswith("Dock workers walked out")


# ------------------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "code"),
    [
        ("get", "/stories/nope.json", {}, 404, "not_found"),
        ("get", "/articles/nope.json", {}, 404, "not_found"),
        ("get", "/jobs/nope.json", {}, 404, "not_found"),
        ("get", "/api/nothing-here", {}, 404, "not_found"),
        ("get", "/stories.json", {"params": {"q": "x" * 201}}, 422, "invalid_request"),
        ("post", "/api/check", {"json": {"summary": "x"}}, 422, "invalid_request"),
        (
            "post",
            "/api/check",
            {"content": b"not json", "headers": {"content-type": "application/json"}},
            422,
            "invalid_request",
        ),
        ("post", "/api/check", {"json": {"summary": "Hi.", "story": "nope"}}, 404, "not_found"),
        (
            "post",
            "/api/check",
            {"json": {"summary": "  ", "story": "dock-strike"}},
            422,
            "no_input",
        ),
        (
            "post",
            "/api/check",
            {"json": {"summary": "x" * 5001, "story": "dock-strike"}},
            413,
            "payload_too_large",
        ),
        ("delete", "/stories.json", {}, 405, "method_not_allowed"),
        ("post", "/api/analyze", {"data": {"text": " "}}, 422, "no_input"),
    ],
)
def test_every_json_error_has_one_shape(
    client: TestClient, method: str, url: str, kwargs: dict[str, Any], status: int, code: str
) -> None:
    error = error_of(getattr(client, method)(url, **kwargs), status)
    assert error["code"] == code


def test_validation_errors_say_which_field(client: TestClient) -> None:
    error = error_of(client.post("/api/check", json={"summary": "x"}), 422)
    assert error["details"] == [{"location": "body.story", "message": "Field required"}]
    assert "body.story" in error["message"]


def test_a_bug_is_a_500_in_the_same_shape_without_internals(
    store: MemoryStore, client: TestClient
) -> None:
    def broken(story_id: str) -> None:
        raise RuntimeError("secret internals")

    store.get_report = broken  # type: ignore[method-assign]
    response = client.get("/stories/dock-strike.json")
    error = error_of(response, 500)
    assert "secret" not in response.text and error["code"] == "internal_error"
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_a_busy_store_is_a_503_to_retry(store: MemoryStore, client: TestClient) -> None:
    from newsdesk.errors import StoreError

    def busy(story_id: str) -> None:
        raise StoreError("the store /x is in use by another process; wait for it to finish")

    store.get_report = busy  # type: ignore[method-assign]
    response = client.get("/stories/dock-strike.json")
    assert error_of(response, 503)["code"] == "store_unavailable"
    assert response.headers["retry-after"] == "2"


def test_html_pages_answer_errors_as_pages(client: TestClient) -> None:
    response = client.get("/stories/no-such-story", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no story &#39;no-such-story&#39;" in response.text


def test_highlight_outside_the_article_is_refused(client: TestClient) -> None:
    response = client.get("/articles/harbour", params={"start": 5, "end": 9999})
    assert response.status_code == 422 and "outside the article" in response.text


# ---------------------------------------------------------------------------- security


@pytest.mark.parametrize(
    "url", ["/", "/stories/dock-strike", "/articles/wire", "/stories.json", "/nope"]
)
def test_every_response_carries_a_strict_csp(client: TestClient, url: str) -> None:
    headers = client.get(url).headers
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", ["/stories/dock-strike", "/articles/wire?story=dock-strike"])
def test_article_markup_is_shown_as_text(client: TestClient, url: str) -> None:
    page = client.get(url).text
    assert "<script>window" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;window.pwned = 1; document.title = &#34;pwned&#34;&lt;/script&gt;" in page
    assert "onerror=&#34;window.pwned = 2&#34;&gt;" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    # The only scripts on any page are none at all (docs aside): nothing inline.
    assert "<script" not in page


def test_removed_chrome_is_escaped_too(client: TestClient) -> None:
    page = client.get("/articles/harbour").text
    assert "&lt;a href=x&gt;Share&lt;/a&gt;" in page and "<a href=x>" not in page


def test_docs_are_served_offline(client: TestClient) -> None:
    page = client.get("/docs").text
    assert 'src="/static-docs/swagger-ui-bundle.js"' in page and "http" not in page
    assert client.get("/static-docs/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {
        "/api/analyze",
        "/api/check",
        "/stories.json",
        "/stories/{story_id}.json",
        "/articles/{article_id}.json",
        "/jobs/{job_id}.json",
    } <= set(spec["paths"])
    # The documented error body is the one the app answers with, not FastAPI's default.
    check_422 = spec["paths"]["/api/check"]["post"]["responses"]["422"]
    assert check_422["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    assert client.get("/favicon.ico").status_code == 204


# ------------------------------------------------------------------------------- pages


def test_story_page_shows_brief_conflicts_matrix_and_derivation(client: TestClient) -> None:
    page = client.get("/stories/dock-strike").text
    assert "The union said 1,200 members joined the strike." in page
    assert (
        'href="/articles/harbour?story=dock-strike&amp;field=text&amp;start=50&amp;end=97#cite"'
        in page
    )
    assert 'id="conflict-k1"' in page and "Outvoted by two independent sources." in page
    assert page.count('class="cell contradicts"') == 1 and "does not mention" in page
    assert "appears to rewrite" in page
    # The wrong number is marked inline in the wire copy's text, linked to its conflict.
    assert 'class="conflict likely-error severity-high"' in page
    assert "Key players" in page and "Timeline" in page


def test_citation_opens_the_article_with_the_words_highlighted(client: TestClient) -> None:
    page = client.get("/articles/harbour?story=dock-strike&field=text&start=50&end=97").text
    assert '<mark class="cite" id="cite">The union said </mark>' in page
    assert "1,200</a></mark>" in page  # the conflict inside the cited sentence stays marked


def test_citations_highlight_the_text_the_report_was_computed_on(
    client: TestClient, store: MemoryStore
) -> None:
    # The article was extracted again after the analysis and gained a leading line: the
    # story's offsets still point into the analysed text, which the page shows.
    harbour = store.articles["harbour"]
    store.articles["harbour"] = harbour.replace(text="Updated at 09:00.\n" + harbour.text)
    page = client.get("/articles/harbour?story=dock-strike&field=text&start=50&end=97").text
    assert '<mark class="cite" id="cite">The union said </mark>' in page
    assert "Updated at 09:00." not in page
    # Without a story there are no offsets to honour: the stored text is shown.
    assert "Updated at 09:00." in client.get("/articles/harbour").text


def test_an_article_only_in_a_report_still_opens(client: TestClient, store: MemoryStore) -> None:
    del store.articles["coast"]
    page = client.get("/articles/coast?story=dock-strike&field=text&start=0&end=34")
    assert page.status_code == 200 and '<mark class="cite" id="cite">' in page.text
    assert client.get("/articles/coast").status_code == 404


def test_unanalysed_story_shows_its_articles(client: TestClient, store: MemoryStore) -> None:
    from newsdesk.model import Story

    store.put_stories([Story(id="fresh", articles=[store.articles["coast"]])])
    assert "has not been analysed yet" in client.get("/stories/fresh").text
    error = error_of(client.get("/stories/fresh.json"), 404)
    assert error["code"] == "not_analysed"


# ------------------------------------------------------------------------ add and jobs


def test_upload_runs_in_the_background_and_persists(
    client: TestClient, store: MemoryStore, pipeline: TextPipeline
) -> None:
    pipeline.release.clear()  # hold the worker so the first answer is the queued job
    files = [
        ("files", ("one.txt", b"First line here.\nMore.", "text/plain")),
        ("files", ("../../etc/two.txt", b"Second article.", "text/plain")),
        ("files", ("empty.txt", b"   ", "text/plain")),
    ]
    response = client.post("/api/analyze", files=files)
    assert response.status_code == 202
    job = response.json()
    assert job["state"] in ("queued", "reading") and not job["finished"]
    assert job["inputs"] == ["one.txt", "two.txt", "empty.txt"]  # no path escapes the folder
    assert response.headers["location"] == f"/jobs/{job['id']}.json"
    page = client.get(job["href"]).text
    assert 'http-equiv="refresh"' in page and "<progress" in page
    pipeline.release.set()
    done = wait_for(client, job["href"])
    assert done["state"] == "done" and done["stories"] == ["s-one"] and done["percent"] == 100
    assert done["errors"] == ["empty.txt: empty file"]
    assert set(store.articles) >= {"one", "two"} and "s-one" in store.reports
    assert store.articles["one"].path == "one.txt"  # as uploaded, not the temp folder
    finished = client.get(job["href"]).text
    assert 'http-equiv="refresh"' not in finished
    # The finished page names the story by its title (here: its first article's line).
    assert '<a href="/stories/s-one">First line here.</a>' in finished
    story = client.get("/stories/s-one").text
    assert 'href="/articles/one?story=s-one&amp;field=text&amp;start=0&amp;end=16#cite"' in story


def test_add_form_redirects_to_the_job_page(client: TestClient, store: MemoryStore) -> None:
    # A browser sends textarea line breaks as CRLF; the stored article has plain LF.
    pasted = "Pasted report.\r\nSecond line."
    response = client.post("/add", data={"text": pasted}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
    job = wait_for(client, response.headers["location"])
    assert job["inputs"][0].startswith("pasted-") and job["state"] == "done"
    article = store.articles[job["inputs"][0].removesuffix(".txt")]
    assert article.text == "Pasted report.\nSecond line."


def test_wait_returns_the_finished_job(client: TestClient) -> None:
    response = client.post("/api/analyze", params={"wait": "true"}, data={"text": "Pasted."})
    assert response.status_code == 200 and response.json()["state"] == "done"


def test_a_job_with_nothing_readable_fails_visibly(client: TestClient) -> None:
    job = client.post(
        "/api/analyze",
        params={"wait": "true"},
        files=[("files", ("blank.txt", b"\n", "text/plain"))],
    ).json()
    assert job["state"] == "failed" and job["message"] == "nothing could be read"
    assert "failed" in client.get(job["href"]).text


def test_a_story_that_cannot_be_analysed_is_reported_and_the_rest_kept(
    store: MemoryStore, pipeline: TextPipeline, limits: Any, tmp_path: Any
) -> None:
    from newsdesk.settings import Settings
    from newsdesk.web import create_app

    app = create_app(
        Settings(store=tmp_path),
        store=store,
        pipeline=type(pipeline)(fail_story=True),
        checker=lambda s, a: {},
        limits=limits,
    )
    with TestClient(app) as client:
        job = client.post("/api/analyze", params={"wait": "true"}, data={"text": "A."}).json()
    assert job["state"] == "done" and "no model in this test" in job["errors"][0]
    assert any(a.startswith("pasted-") for a in store.articles)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        # more files than the limit (3 in these tests)
        ({"files": [("files", (f"{n}.txt", b"x", "text/plain")) for n in range(4)]}, "4 files"),
        # one file over the per-file limit (16 KiB in these tests)
        ({"files": [("files", ("big.txt", b"x" * 20_000, "text/plain"))]}, "'big.txt'"),
        # pasted text over the character limit
        ({"data": {"text": "y" * 5_001}}, "pasted text"),
        # a body over the request limit, refused before it is read
        ({"files": [("files", ("huge.txt", b"z" * 70_000, "text/plain"))]}, "request body"),
    ],
)
def test_oversized_uploads_get_a_clear_413(
    client: TestClient, kwargs: dict[str, Any], words: str
) -> None:
    error = error_of(client.post("/api/analyze", **kwargs), 413)
    assert words in error["message"] and "limit" in error["message"]


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "https://elsewhere.example"},
        {"origin": "http://testserver.elsewhere.example"},
        {"sec-fetch-site": "cross-site"},
        # another port on the same host is another site's page too
        {"sec-fetch-site": "same-site", "origin": "http://testserver:3000"},
        {"sec-fetch-site": "cross-site", "origin": "null"},
    ],
)
def test_forms_posted_from_another_site_are_refused(
    client: TestClient, store: MemoryStore, headers: dict[str, str]
) -> None:
    before = set(store.articles)
    response = client.post("/api/analyze", data={"text": "Planted."}, headers=headers)
    assert error_of(response, 403)["code"] == "cross_site_request"
    assert set(store.articles) == before


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://testserver", "sec-fetch-site": "same-origin"},
        # what Chromium sends for our own form under Referrer-Policy: no-referrer
        {"origin": "null", "sec-fetch-site": "same-origin"},
        {},  # not a browser (curl, a script)
    ],
)
def test_forms_from_the_app_itself_are_accepted(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post("/add", data={"text": "Ours."}, headers=headers, follow_redirects=False)
    assert response.status_code == 303


def test_only_the_allowed_host_names_are_answered(store: MemoryStore, tmp_path: Any) -> None:
    from newsdesk.settings import Settings
    from newsdesk.web import create_app

    app = create_app(Settings(store=tmp_path), store=store, checker=lambda s, a: {},
                     allowed_hosts=("127.0.0.1", "localhost", "::1"))  # fmt: skip
    for base in ("http://127.0.0.1:8000", "http://localhost", "http://[::1]:8000"):
        with TestClient(app, base_url=base) as local:
            assert local.get("/stories.json").status_code == 200
    with TestClient(app, base_url="http://rebound.example:8000") as rebound:
        response = rebound.get("/stories/dock-strike.json")
    assert error_of(response, 400)["code"] == "bad_host"


def test_a_chunked_body_without_length_is_cut_off(client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(100):
            yield b"a" * 1024

    response = client.post(
        "/api/analyze",
        content=chunks(),
        headers={"content-type": "multipart/form-data; boundary=xyz"},
    )
    assert "request body" in error_of(response, 413)["message"]


def test_oversized_form_post_gets_an_html_413(client: TestClient) -> None:
    response = client.post(
        "/add",
        files=[("files", ("huge.txt", b"z" * 70_000, "text/plain"))],
        headers={"accept": "text/html"},
    )
    assert response.status_code == 413 and "too large" in response.text
    assert response.headers["content-type"].startswith("text/html")


# ------------------------------------------------------------------------------ check


def test_check_api_returns_verdicts_per_sentence(client: TestClient) -> None:
    summary = "The union said 2,100 members joined the strike. Ferries were not affected."
    result = client.post("/api/check", json={"summary": summary, "story": "dock-strike"}).json()
    assert [s["verdict"] for s in result["sentences"]] == ["supported", "supported"]


def test_check_page_shows_verdicts_with_evidence_links(client: TestClient) -> None:
    page = client.post(
        "/check", data={"story": "dock-strike", "summary": "Ferries were not affected. Cats flew."}
    ).text
    assert "supported" in page and "unsupported" in page
    assert (
        'href="/articles/coast?story=dock-strike&amp;field=text&amp;start=84&amp;end=109#cite"'
        in page
    )
    assert '<option value="dock-strike" selected>' in page


def test_check_page_escapes_the_summary(client: TestClient, hostile: str) -> None:
    page = client.post("/check", data={"story": "dock-strike", "summary": hostile}).text
    assert "<script>window" not in page and "&lt;script&gt;window" in page
