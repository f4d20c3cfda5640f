"""`newsdesk cluster`: contract output, bad inputs, usage errors, and the dask engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import validate_contract

from newsdesk.cli import EXIT_NOTHING_READ, EXIT_OK, EXIT_USAGE, main

REPORTS = {
    "ferrity-1.txt": "Police in Brindle City arrested actor Colm Ferrity on Friday on "
    "suspicion of drunken driving , a Brindle City police spokesman said .",
    "ferrity-2.txt": "Colm Ferrity , the actor , was held overnight by Brindle City police "
    "after his drunken driving arrest on Friday , his agent said .",
    "quellen-1.txt": "Singer Mara Quellen was arrested in Torvik on Monday after a scuffle "
    "with a photographer , Torvik police said .",
}


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01binary\x00")
    return folder


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_output_validates_and_groups_by_event(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["cluster", str(inputs), "--json"], capsys)
    assert code == EXIT_OK
    doc = json.loads(out)
    validate_contract(doc, "stories.schema.json")
    groups = sorted(sorted(s["articles"]) for s in doc["stories"])
    assert len(groups) == 2
    assert ["quellen-1"] in groups
    # the unreadable input is named on stderr in one line, and listed as skipped
    assert "broken.txt" in err and "Traceback" not in err
    assert len(doc["skipped"]) == 1
    joined = next(m for s in doc["stories"] for m in s["members"] if m["nearest"])
    assert joined["shared"]["names"], joined


def test_human_output_lists_stories_with_reasons(
    inputs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["cluster", str(inputs)], capsys)
    assert code == EXIT_OK
    assert "2 stories" in out
    assert "~" in out  # a joined article shows its nearest article and shared keys


def test_nothing_readable_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    code, _, err = _run(["cluster", str(bad)], capsys)
    assert code == EXIT_NOTHING_READ
    assert "bad.txt" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["cluster"],  # no inputs
        ["cluster", "x.txt", "--engine", "spark"],  # an engine we do not run on
        ["cluster", "x.txt", "--scheduler", "tcp://127.0.0.1:1"],  # address without engine
        ["cluster", "no/such/file.txt"],  # a mistyped path
    ],
)
def test_usage_errors_exit_one(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(argv, capsys)
    assert code == EXIT_USAGE
    assert "Traceback" not in out + err


@pytest.mark.slow
def test_dask_engine_gives_the_same_json(inputs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A real LocalCluster: two worker processes on loopback (127.0.0.1), no dashboard.
    _, single, _ = _run(["cluster", str(inputs), "--json"], capsys)
    code, spread, _ = _run(["cluster", str(inputs), "--json", "--engine", "dask"], capsys)
    assert code == EXIT_OK
    assert json.loads(spread) == json.loads(single)


def test_ingest_keeps_stories_and_stories_lists_them(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "store")
    code, out, _ = _run(["ingest", str(inputs), "--store", store], capsys)
    assert code == EXIT_OK and "2 stories" in out
    code, out, _ = _run(["stories", "--store", store, "--json"], capsys)
    first = json.loads(out)
    validate_contract(first, "stories.schema.json")
    assert sorted(sorted(s["articles"]) for s in first["stories"]) == [
        ["ferrity-1", "ferrity-2"],
        ["quellen-1"],
    ]
    # a new report re-clusters the store; the stories already there keep their ids
    (inputs / "quellen-2.txt").write_text(
        "Torvik police said singer Mara Quellen was arrested on Monday after the scuffle .",
        encoding="utf-8",
    )
    code, out, _ = _run(["ingest", str(inputs), "--store", store], capsys)
    assert code == EXIT_OK and "1 new or changed" in out
    _, out, _ = _run(["stories", "--store", store, "--json"], capsys)
    second = json.loads(out)
    assert [s["id"] for s in second["stories"]] == [s["id"] for s in first["stories"]]
    assert ["quellen-1", "quellen-2"] in [sorted(s["articles"]) for s in second["stories"]]
    code, out, _ = _run(["stories", "--store", store], capsys)
    assert code == EXIT_OK and "2 stories" in out and "quellen-2" in out


def test_stories_of_an_empty_store_says_how_to_fill_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(["stories", "--store", str(tmp_path / "none")], capsys)
    assert code == EXIT_OK and "newsdesk ingest" in out
    assert not (tmp_path / "none").exists()  # listing never creates a store
