"""`newsdesk extract`, `ingest` and `articles`: output format, exit codes, no tracebacks."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tests.conftest import validate_contract

from newsdesk.cli import main
from newsdesk.cli.extract import _LazyProgress

TEXT = (
    "Ferry fares will rise by a tenth in June, the operator said on Friday, citing fuel costs.\n"
    "Season tickets for commuters are not affected until the end of the year, it added."
)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT)
    (folder / "b.json").write_text("{broken")
    return folder


def test_extract_jsonl_in_input_order_with_errors_on_stderr(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(inputs)]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    for record in records:
        validate_contract(record, "extract.schema.json")
    assert records[1]["error"].startswith(str(inputs / "b.json"))
    assert err.strip().splitlines() == [f"newsdesk: {records[1]['error']}"]
    assert "Traceback" not in err


def test_extract_json_format(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(inputs / "a.txt"), "--format", "json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["text"].startswith("Ferry fares")


def test_exit_2_when_nothing_could_be_read(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", str(inputs / "b.json")]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["extract"],
        ["extract", "does-not-exist.html"],
        ["extract", "x", "--format", "xml"],
        ["ingest", "x", "--batch", "0"],
    ],
)
def test_usage_errors_exit_1(
    argv: list[str], capsys: pytest.CaptureFixture[str], inputs: Path
) -> None:
    if argv[1:2] == ["x"]:
        argv = [argv[0], str(inputs), *argv[2:]]
    assert main(argv) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_ingest_twice_then_list(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    assert main(["ingest", str(inputs), "--store", store]) == 0
    assert "2 new or changed" in capsys.readouterr().out
    assert main(["ingest", str(inputs), "--store", store]) == 0
    assert "0 new or changed" in capsys.readouterr().out
    assert main(["articles", "--store", store, "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in listed] == ["a", "b"] and listed[1]["error"]
    assert main(["articles", "--store", store]) == 0
    assert "2 articles" in capsys.readouterr().out


def test_progress_bar_appears_only_after_a_second(capsys: pytest.CaptureFixture[str]) -> None:
    from rich.console import Console

    terminal = Console(file=io.StringIO(), force_terminal=True, force_interactive=True)
    quick = _LazyProgress("extract", console=terminal)
    quick(1, 3, "a.html")
    quick.close()
    assert quick._bar is None
    slow = _LazyProgress("extract", console=terminal)
    slow.started -= 5  # as if the run began five seconds ago
    slow(1, 3, "a.html")
    assert slow._bar is not None
    slow.close()
    assert capsys.readouterr().err == ""


def test_progress_bar_stays_off_a_pipe(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Off a terminal rich would draw nothing and then print a blank line at stop.
    for name in ("FORCE_COLOR", "TTY_INTERACTIVE", "TTY_COMPATIBLE"):
        monkeypatch.delenv(name, raising=False)
    slow = _LazyProgress("extract")  # the default console: captured stderr, not a terminal
    slow.started -= 5
    slow(1, 3, "a.html")
    slow(2, 3, "b.html")
    slow.close()
    assert slow._bar is None
    assert capsys.readouterr().err == ""
