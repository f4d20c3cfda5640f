"""`newsdesk facts INPUTS... --json`: contract output, bad input reported per file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, validate_contract

from newsdesk.cli import main


def test_facts_json_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", str(SEEDS), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    validate_contract(doc, "facts.schema.json")
    assert len(doc["articles"]) == 5
    assert any(e["type"] == "person" for e in doc["entities"])


def test_bad_input_is_one_line_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text("Prime Minister Amelie Roux visited Lyon on Monday.\n")
    (tmp_path / "bad.bin").write_bytes(b"\x00\x01\x02binary")
    assert main(["facts", str(tmp_path), "--json"]) == 0
    captured = capsys.readouterr()
    doc = json.loads(captured.out)
    assert len(doc["articles"]) == 1
    assert any(m["text"] == "Amelie Roux" for m in doc["articles"][0]["mentions"])
    errors = [line for line in captured.err.splitlines() if line.strip()]
    assert len(errors) == 1 and "bad.bin" in errors[0]
    assert "Traceback" not in captured.err


def test_nothing_readable_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.bin").write_bytes(b"\x00\x00\x00")
    assert main(["facts", str(tmp_path / "bad.bin")]) == 2
    assert "bad.bin" in capsys.readouterr().err


def test_usage_errors_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Some text.")
    assert main(["facts", str(tmp_path / "a.txt"), "--workers", "0"]) == 1
    assert main(["facts", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_table_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("President Daniel Okafor opened the port in Lagos on Monday.\n")
    assert main(["facts", str(tmp_path / "a.txt")]) == 0
    out = capsys.readouterr().out
    assert "entities" in out and "Daniel Okafor" in out
