"""End to end in Debian's headless Chromium, driven by Selenium with the system chromedriver.

Two servers, both on a free loopback port: one in a thread over the in-memory store and
the hand-built report (escaping, CSP, the citation click, paste-and-analyse), and the
real ``newsdesk serve`` in its own process over a DuckDB store, to which the seed
reports are uploaded through the add page and analysed by the real stages.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.conftest import SEEDS

if TYPE_CHECKING:
    from selenium.webdriver.remote.webdriver import WebDriver
    from web_testdata import MemoryStore, TextPipeline

pytest_plugins = ["web_testdata"]
# A broken upload or analysis should fail the test, not hang CI.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(480)]

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(
    base: str, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            said = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise AssertionError(f"the server exited with {process.returncode}: {said[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/stories.json", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no server on {base} after {timeout} s")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail("Debian's chromium and chromium-driver are not installed; run `make browser`")
    # Selenium must use the system driver and never look for one online.
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_argument("--window-size=1280,1600")
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture()
def served(store: MemoryStore, pipeline: TextPipeline, tmp_path: Path) -> Iterator[str]:
    """The app over the in-memory store, served by uvicorn in a thread."""
    import uvicorn
    from web_testdata import word_checker

    from newsdesk.settings import Settings
    from newsdesk.web import create_app

    app = create_app(Settings(store=tmp_path), store=store, pipeline=pipeline, checker=word_checker)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    wait_until_serving(base, 20)
    yield base
    server.should_exit = True
    thread.join(10)


def until(driver: WebDriver, seconds: float, condition: Any) -> None:
    """Wait for a condition across page loads (the job page refreshes itself)."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (NoSuchElementException, StaleElementReferenceException)
    WebDriverWait(driver, seconds, poll_frequency=0.5, ignored_exceptions=ignored).until(condition)


def cited_text(driver: WebDriver) -> str:
    """The highlighted words on an article page (a citation may span several runs)."""
    from selenium.webdriver.common.by import By

    return "".join(m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.cite"))


def assert_nothing_ran(driver: WebDriver) -> None:
    assert driver.execute_script("return window.pwned === undefined")
    assert "pwned" not in driver.title


def test_hostile_markup_is_shown_as_text_and_runs_nothing(browser: WebDriver, served: str) -> None:
    from selenium.webdriver.common.by import By

    pages = {
        "/stories/dock-strike": "#article-wire .text",
        "/articles/wire?story=dock-strike": ".text",
    }
    for url, where in pages.items():
        browser.get(served + url)
        text = browser.find_element(By.CSS_SELECTOR, where).text
        assert '<script>window.pwned = 1; document.title = "pwned"</script>' in text
        assert '<img src=x onerror="window.pwned = 2">' in text
        assert browser.find_elements(By.CSS_SELECTOR, ".text img, .text script, h1 b") == []
        assert_nothing_ran(browser)


def test_clicking_a_citation_highlights_the_source_sentence(
    browser: WebDriver, served: str
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served + "/stories/dock-strike")
    citation = browser.find_element(By.CSS_SELECTOR, ".card a.cite")
    citation.click()
    assert "/articles/harbour" in browser.current_url
    assert cited_text(browser) == "The union said 1,200 members joined the strike."
    mark = browser.find_element(By.ID, "cite")
    assert mark.is_displayed()
    # The highlight is visible: the stylesheet (served under the CSP) paints it.
    assert mark.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "transparent")


def test_api_docs_render_offline_under_the_csp(browser: WebDriver, served: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(served + "/docs")
    # Swagger UI is built by script: operations appear only if its files loaded and ran.
    until(browser, 20, lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock-summary-path"))
    paths = {
        e.text.replace("\u200b", "")
        for e in browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path")
    }
    assert {"/api/analyze", "/api/check", "/stories.json"} <= paths


def test_pasted_article_is_analysed_with_visible_progress(
    browser: WebDriver, served: str, store: MemoryStore, pipeline: TextPipeline, hostile: str
) -> None:
    from selenium.webdriver.common.by import By

    pipeline.release.clear()  # hold the worker so the page shows a job under way
    browser.get(served + "/add")
    browser.find_element(By.ID, "text").send_keys("Pasted headline line.\n" + hostile)
    browser.find_element(By.CSS_SELECTOR, "form.add button").click()
    until(browser, 10, lambda d: "/jobs/" in d.current_url)
    assert browser.find_element(By.ID, "job-state").text in ("queued", "reading")
    assert browser.find_element(By.TAG_NAME, "progress").is_displayed()
    pipeline.release.set()
    # The page refreshes itself (a meta refresh: no script) until the job is finished.
    until(browser, 20, lambda d: d.find_element(By.ID, "job-state").text in ("done", "failed"))
    assert browser.find_element(By.ID, "job-state").text == "done"
    browser.find_element(By.CSS_SELECTOR, ".job-stories a").click()
    until(browser, 10, lambda d: "/stories/" in d.current_url)
    assert "window.pwned = 1" in browser.find_element(By.CSS_SELECTOR, ".text").text
    assert_nothing_ran(browser)
    assert any(a.startswith("pasted-") for a in store.articles)


# ----------------------------------------------------------------- the real thing


@pytest.fixture(scope="module")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``newsdesk serve`` in its own process over a fresh DuckDB store."""
    store = tmp_path_factory.mktemp("store")
    port = free_port()
    code = "import sys; from newsdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--store", str(store), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, 60, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
        assert process.stderr is not None
        process.stderr.close()


@pytest.mark.slow
def test_seeds_uploaded_analysed_and_cited(
    browser: WebDriver, tmp_path: Path, real_server: str
) -> None:
    from selenium.webdriver.common.by import By

    seeds = sorted(SEEDS.glob("*"))
    assert len(seeds) >= 2, f"no seed reports in {SEEDS}"
    # The file input needs local paths; copies keep the shared folder read-only.
    copies = []
    for seed in seeds:
        shutil.copy(seed, tmp_path / seed.name)
        copies.append(str(tmp_path / seed.name))
    browser.get(real_server + "/add")
    browser.find_element(By.ID, "files").send_keys("\n".join(copies))
    browser.find_element(By.CSS_SELECTOR, "form.add button").click()
    # Fail fast if the upload was refused, rather than waiting out the analysis time.
    until(browser, 20, lambda d: "/jobs/" in d.current_url)
    until(browser, 400, lambda d: d.find_element(By.ID, "job-state").text in ("done", "failed"))
    assert browser.find_element(By.ID, "job-state").text == "done", browser.page_source[:2000]
    browser.find_element(By.CSS_SELECTOR, ".job-stories a").click()
    assert browser.find_elements(By.CSS_SELECTOR, "table.matrix td.cell.states")
    # The seeds disagree (they were picked for it): conflicts are marked in the texts.
    assert browser.find_elements(By.CSS_SELECTOR, "#articles mark.conflict")
    citation = browser.find_element(By.CSS_SELECTOR, "#brief a.cite")
    expected = citation.get_attribute("title") or ""
    citation.click()
    highlighted = cited_text(browser)
    assert highlighted and expected.endswith(": " + highlighted)
    assert browser.find_element(By.ID, "cite").is_displayed()
    assert "Removed as site chrome" in browser.find_element(By.TAG_NAME, "main").text


@pytest.mark.slow
def test_hostile_paste_through_the_real_stages_runs_nothing(
    browser: WebDriver, real_server: str, hostile: str
) -> None:
    from selenium.webdriver.common.by import By

    pasted = (
        "Harbour pilots began a two-day strike on Monday over night-shift staffing.\n"
        f"The union posted this on its site: {hostile}\n"
        "Talks with the port authority are due to resume on Thursday."
    )
    browser.get(real_server + "/add")
    browser.find_element(By.ID, "text").send_keys(pasted)
    browser.find_element(By.CSS_SELECTOR, "form.add button").click()
    until(browser, 20, lambda d: "/jobs/" in d.current_url)
    until(browser, 300, lambda d: d.find_element(By.ID, "job-state").text in ("done", "failed"))
    assert browser.find_element(By.ID, "job-state").text == "done", browser.page_source[:2000]
    browser.find_element(By.CSS_SELECTOR, ".job-stories a").click()
    until(browser, 10, lambda d: "/stories/" in d.current_url)
    text = browser.find_element(By.CSS_SELECTOR, "#articles .text").text
    assert "<script>window.pwned = 1;" in text and 'onerror="window.pwned = 2"' in text
    assert browser.find_elements(By.CSS_SELECTOR, "#articles img, #articles script") == []
    assert_nothing_ran(browser)


@pytest.mark.slow
def test_check_page_gives_each_sentence_a_verdict_with_evidence(
    browser: WebDriver, real_server: str
) -> None:
    import httpx
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with httpx.Client(base_url=real_server, timeout=400) as client:
        if not client.get("/stories.json").json()["stories"]:  # run on its own: seed it
            files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in SEEDS.glob("*")]
            client.post("/api/analyze", params={"wait": "true"}, files=files)
        story = max(client.get("/stories.json").json()["stories"], key=lambda s: s["articles"])
    browser.get(real_server + "/check")
    Select(browser.find_element(By.ID, "story")).select_by_value(story["id"])
    # One sentence the reports support in substance, one no report makes.
    browser.find_element(By.ID, "summary").send_keys(
        "The two leaders held a summit. The talks were broadcast live from a submarine."
    )
    browser.find_element(By.CSS_SELECTOR, "form.check button").click()
    until(browser, 120, lambda d: d.find_elements(By.CSS_SELECTOR, "ol.verdicts > li"))
    verdicts = browser.find_elements(By.CSS_SELECTOR, "ol.verdicts > li")
    assert len(verdicts) == 2
    classes = [v.get_attribute("class") for v in verdicts]
    assert all(c.startswith("verdict-") for c in classes) and classes[1] != "verdict-supported"
    evidence = browser.find_elements(By.CSS_SELECTOR, "ol.verdicts a.cite")
    assert evidence, "no verdict showed its evidence"
    evidence[0].click()
    assert cited_text(browser)
