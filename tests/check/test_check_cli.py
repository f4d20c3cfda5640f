"""`newsdesk check SUMMARY --against INPUTS... [--json]`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tests.conftest import SEEDS

from newsdesk.cli import main
from newsdesk.cli.check import render

SUMMARY = ("Japanese Prime Minister Sanae Takaichi and South Korean President Lee Jae-myung "
           "held a summit in Osaka.\nBoth reaffirmed their commitment to the complete "
           "denuclearisation of the Korean Peninsula.\n")


@pytest.fixture(scope="module")
def cli_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str]:
    folder = tmp_path_factory.mktemp("check")
    summary = folder / "summary.txt"
    summary.write_text(SUMMARY, encoding="utf-8")
    (folder / "empty.html").write_text("", encoding="utf-8")  # unreadable: nothing in it
    capture_out, capture_err = io.StringIO(), io.StringIO()
    import contextlib

    sources = sorted(str(p) for p in SEEDS.glob("*.txt"))
    with contextlib.redirect_stdout(capture_out), contextlib.redirect_stderr(capture_err):
        code = main(["check", str(summary), "--against", *sources,
                     "--against", str(folder / "empty.html"), "--json"])
    return code, capture_out.getvalue(), capture_err.getvalue()


def test_json_verdicts(cli_result: tuple[int, str, str]) -> None:
    code, out, err = cli_result
    assert code == 0, err
    result = json.loads(out)
    assert [s["verdict"] for s in result["sentences"]] == ["contradicted", "supported"]
    for s in result["sentences"]:
        assert SUMMARY[s["start"]:s["end"]] == s["text"]
    # the unreadable source is reported on one line and the check goes on
    assert "empty.html" in err and "Traceback" not in err


def test_human_output_names_the_wrong_words(cli_result: tuple[int, str, str]) -> None:
    from rich.console import Console

    buffer = io.StringIO()
    render(json.loads(cli_result[1]), Console(file=buffer, width=200, color_system=None))
    text = buffer.getvalue()
    assert "CONTRADICTED" in text and "SUPPORTED" in text
    assert "place: 'Osaka' -- sources say: Nara" in text
    assert "2 sentences: 1 contradicted, 1 supported" in text


def test_missing_summary_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "/nonexistent/summary.txt", "--against", str(SEEDS)])
    assert code == 1
    assert "/nonexistent/summary.txt" in capsys.readouterr().err


def test_no_readable_source_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                    ) -> None:
    summary = tmp_path / "s.txt"
    summary.write_text("Anything.", encoding="utf-8")
    (tmp_path / "blank.txt").write_text("", encoding="utf-8")
    code = main(["check", str(summary), "--against", str(tmp_path / "blank.txt")])
    err = capsys.readouterr().err
    assert code == 2
    assert "blank.txt" in err and "no source could be read" in err
    assert "Traceback" not in err


def test_sources_must_follow_against(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEEDS / "000_07f38b4ec80a7099.txt")]) == 1
    assert "--against INPUTS" in capsys.readouterr().err
