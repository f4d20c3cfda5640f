"""Upload names, and the app under concurrent reads while a job writes to DuckDB."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.web.jobs import safe_name

pytest_plugins = ["web_testdata"]


@given(st.lists(st.text(max_size=300), max_size=8))
def test_upload_names_stay_in_the_folder_and_never_collide(names: list[str]) -> None:
    taken: set[str] = set()
    made = [safe_name(name, taken) for name in names]
    assert len(set(made)) == len(made)
    for name in made:
        assert name and "/" not in name and "\\" not in name and "\0" not in name
        assert name not in (".", "..") and not name.startswith(".")
        assert len(name) <= 130


@pytest.mark.parametrize(
    ("given_name", "expected"),
    [
        # a browser on Windows may send the whole path
        ("C:\\Users\\me\\report.html.gz", "report.html.gz"),
        ("../../etc/passwd", "passwd"),
        ("mon rapport (1).txt", "mon_rapport_1_.txt"),
        ("", "upload"),
        ("...", "upload"),
    ],
)
def test_upload_names_keep_their_extensions(given_name: str, expected: str) -> None:
    assert safe_name(given_name, set()) == expected


def test_same_name_twice_gets_a_suffix_before_the_extensions() -> None:
    taken: set[str] = set()
    assert [safe_name("a.html.gz", taken) for _ in range(3)] == [
        "a.html.gz",
        "a-2.html.gz",
        "a-3.html.gz",
    ]


def test_concurrent_readers_during_a_write_all_get_answers(
    tmp_path: Path, pipeline: Any, report: dict[str, Any]
) -> None:
    # Real DuckDB behind the app's lock and cache: 8 clients read while an upload writes.
    import httpx
    import uvicorn
    from web_testdata import make_articles, word_checker

    from newsdesk.model import Story
    from newsdesk.settings import Settings
    from newsdesk.store import Store
    from newsdesk.web import create_app

    Store(tmp_path / "store").put_stories([Story(id="dock-strike", articles=make_articles())])
    Store(tmp_path / "store").put_report("dock-strike", report)
    app = create_app(Settings(store=tmp_path / "store"), pipeline=pipeline, checker=word_checker)
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(100):
                try:
                    client.get("/stories.json")
                    break
                except httpx.TransportError:
                    threading.Event().wait(0.1)
            paths = ["/stories/dock-strike", "/stories/dock-strike.json", "/stories.json",
                     "/articles/harbour.json"] * 15  # fmt: skip

            def read(path: str) -> int:
                return client.get(path).status_code

            with ThreadPoolExecutor(8) as pool:
                reads = pool.map(read, paths)
                job = client.post("/api/analyze", params={"wait": "true"}, data={"text": "New."})
                statuses = list(reads)
        assert job.json()["state"] == "done"
        assert statuses == [200] * len(paths)
    finally:
        server.should_exit = True
        thread.join(10)
