"""`newsdesk serve`: arguments, the loopback default, and bad input through the real reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsdesk.cli import main
from newsdesk.cli.serve import is_loopback
from newsdesk.settings import Settings

pytest_plugins = ["web_testdata"]


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.3.2.1", True),
     ("0.0.0.0", False), ("192.168.1.20", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_help_names_the_default_bind(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--help"]) == 0
    out = capsys.readouterr().out
    assert "--host" in out and "127.0.0.1" in out and "--store" in out


def test_a_store_that_is_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bogus = tmp_path / "store.txt"
    bogus.write_text("not a folder")
    assert main(["serve", "--store", str(bogus)]) == 1
    assert f"--store {bogus}: not a folder" in capsys.readouterr().err


def test_a_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 1
    assert "--port" in capsys.readouterr().err


def test_unreadable_uploads_are_named_and_the_job_fails_clearly(tmp_path: Path, store: Any) -> None:
    # The real reader (ingest.extract), no models needed: nothing here can be read.
    from web_testdata import word_checker

    from newsdesk.web import create_app

    app = create_app(Settings(store=tmp_path), store=store, checker=word_checker)
    files = [
        ("files", ("blank.html", b"", "text/html")),
        ("files", ("noise.bin.gz", b"\x1f\x8b\x08\x00garbage", "application/gzip")),
    ]
    with TestClient(app) as client:
        job = client.post("/api/analyze", params={"wait": "true"}, files=files).json()
        page = client.get(job["href"]).text
    assert job["state"] == "failed" and job["message"] == "nothing could be read"
    assert [e.split(":")[0] for e in job["errors"]] == ["blank.html", "noise.bin.gz"]
    assert "newsdesk-upload" not in " ".join(job["errors"])  # no server paths leak
    assert "noise.bin.gz" in page
