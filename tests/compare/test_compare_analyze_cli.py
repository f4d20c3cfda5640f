"""`newsdesk analyze` and the report it writes: contract, outputs, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import validate_contract

from newsdesk.cli import main
from newsdesk.cli.demo import sample_inputs
from newsdesk.errors import InputError
from newsdesk.model import Article
from newsdesk.report import analyze_story, write_outputs


@pytest.fixture(scope="module")
def demo_report(models: Any) -> dict[str, Any]:
    from newsdesk.ingest import extract

    return analyze_story(extract(*sample_inputs()), models)


def test_the_demo_story_report_validates_and_finds_its_planted_errors(demo_report):
    validate_contract(demo_report, "report.schema.json")
    kinds = {c["kind"] for c in demo_report["conflicts"] if c["severity"] != "low"}
    # the sample's README lists a wrong year, a garbled surname and an altered quote
    assert {"date", "name", "quote"} <= kinds
    assert any(a["derived_from"] for a in demo_report["articles"])


def test_write_outputs_writes_report_json_atomically(demo_report, tmp_path):
    written = write_outputs(demo_report, tmp_path / "out")
    assert written[0].name == "report.json"
    assert json.loads(written[0].read_text()) == demo_report
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_write_outputs_refuses_a_file_as_folder(demo_report, tmp_path):
    from newsdesk.errors import UsageError

    target = tmp_path / "taken"
    target.write_text("x")
    with pytest.raises(UsageError, match="taken"):
        write_outputs(demo_report, target)


def test_unreadable_articles_stay_in_the_report_with_a_warning(models):
    good = Article(id="good", text="The ferry service resumes on Thursday after repairs.")
    bad = Article(id="bad", text="", path="bad.html", error="not valid UTF-8 or HTML")
    report = analyze_story([good, bad], models)
    validate_contract(report, "report.schema.json")
    by_id = {a["id"]: a for a in report["articles"]}
    assert by_id["bad"]["warnings"] == ["not analysed: not valid UTF-8 or HTML"]
    assert all(c["articles"] == ["good"] for c in report["claims"])


def test_no_readable_article_is_an_input_error_naming_the_inputs(models):
    with pytest.raises(InputError, match="a.html"):
        analyze_story([Article(id="a", text="", path="a.html", error="empty file")], models)


def test_cli_writes_report_json(tmp_path, capsys):
    out = tmp_path / "report"
    inputs = [str(p) for p in sample_inputs()[:3]]
    assert main(["analyze", *inputs, "-o", str(out)]) == 0
    report = json.loads((out / "report.json").read_text())
    validate_contract(report, "report.schema.json")
    assert [a["id"] for a in report["articles"]] == [Path(p).stem for p in inputs]


def test_cli_json_prints_the_report(capsys):
    inputs = [str(p) for p in sample_inputs()[:2]]
    assert main(["analyze", *inputs, "--json"]) == 0
    validate_contract(json.loads(capsys.readouterr().out), "report.schema.json")


def test_cli_unreadable_inputs_get_one_line_each_and_exit_2(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "noise.txt"
    binary.write_bytes(b"\x00\x01\x02" * 10)
    code = main(["analyze", str(empty), str(binary), "-o", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2
    assert "empty.txt" in err and "Traceback" not in err
    assert all(line.startswith("newsdesk: ") for line in err.strip().splitlines())
    assert not (tmp_path / "o" / "report.json").exists()


def test_cli_missing_input_is_a_usage_error_naming_it(tmp_path, capsys):
    code = main(["analyze", str(tmp_path / "nope.html")])
    assert code == 1
    assert "nope.html" in capsys.readouterr().err


def test_cli_without_inputs_is_a_usage_error(capsys):
    assert main(["analyze"]) == 1
