"""The DuckDB store: round trips, idempotent writes, locking, and surviving kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from newsdesk.errors import StoreError
from newsdesk.model import Article, Story
from newsdesk.store import Store

ROOT = Path(__file__).resolve().parents[2]


def art(i: int, **changes: object) -> Article:
    base = Article(
        id=f"a{i}",
        text=f"Paragraph {i} of the report.\n\nAnother paragraph.",
        title=f"Title {i}",
        source="Courier",
        removed=("Menu", "Subscribe to our newsletter"),
        warnings=("note",),
    )
    return base.replace(**changes)


def test_articles_round_trip_in_order(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    assert store.articles() == [] and store.get_article("a1") is None  # nothing created yet
    assert not (tmp_path / "s").exists()
    originals = [art(3), art(1), art(2, error="x: empty file", text="")]
    assert store.add_articles(originals) == 3
    assert store.articles() == originals
    assert store.get_article("a1") == originals[1]


def test_re_adding_changes_nothing_and_a_changed_article_is_replaced(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_articles([art(1), art(2)])
    before = (tmp_path / "newsdesk.duckdb").stat().st_size
    assert store.add_articles([art(1), art(2)]) == 0
    assert store.count() == 2
    assert store.add_articles([art(2, title="Corrected title")]) == 1
    assert store.get_article("a2").title == "Corrected title"
    assert [a.id for a in store.articles()] == ["a1", "a2"]
    assert (tmp_path / "newsdesk.duckdb").stat().st_size >= before


def test_stories_and_reports(tmp_path: Path) -> None:
    store = Store(tmp_path)
    story = Story(id="s1", articles=[art(1), art(2)], title="Bridge closes")
    store.put_stories([story])
    (back,) = store.stories()
    assert back.id == "s1" and back.title == "Bridge closes"
    assert [a.id for a in back.articles] == ["a1", "a2"]
    store.put_stories([Story(id="s1", articles=[art(2)], title="Bridge closes")])
    assert [a.id for a in store.stories()[0].articles] == ["a2"]
    report = {"story": {"id": "s1"}, "cards": [{"text": "Ünïcode ✓"}]}
    store.put_report("s1", report)
    assert store.get_report("s1") == report
    assert store.get_report("nope") is None


def test_a_locked_store_gives_a_clear_error(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.add_articles([art(1)])
    # another process holds the database open for writing
    hold = (
        "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
        "print('ready', flush=True); time.sleep(60)"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, str(tmp_path / "newsdesk.duckdb")],
        stdout=subprocess.PIPE,
        text=True,
    )
    with holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
            with pytest.raises(StoreError, match="in use by another process"):
                store.add_articles([art(2)])
        finally:
            holder.kill()
    assert store.add_articles([art(2)]) == 1


def test_an_ingest_killed_mid_way_leaves_a_readable_store_and_a_rerun_completes_it(
    tmp_path: Path,
) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    total = 200
    for i in range(total):
        (inputs / f"{i:04d}.txt").write_text(
            f"Report number {i} says the council met on day {i} and voted to act.\n"
            f"Officials said item {i} would be reviewed again within {i + 2} weeks."
        )
    store_dir = tmp_path / "store"
    main = "import sys; from newsdesk.cli import main; sys.exit(main(sys.argv[1:]))"
    command = [sys.executable, "-c", main, "ingest", str(inputs),
               "--store", str(store_dir), "--verbose", "--batch", "1"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
    ) as proc:
        assert proc.stderr is not None
        # wait until some batches are committed, then kill without any chance to clean up
        committed = 0
        deadline = time.monotonic() + 120
        while committed < 20 and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if line.startswith("committed"):
                committed += 1
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"

    store = Store(store_dir)
    partial = store.count()  # the store opens and reads after the kill
    assert 20 <= partial < total
    assert all(a.ok for a in store.articles())

    rerun = subprocess.run(
        command[:-3], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - partial} new or changed" in rerun.stdout
    assert store.count() == total
    again = subprocess.run(
        command[:-3], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert "0 new or changed" in again.stdout
    with duckdb.connect(str(store_dir / "newsdesk.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(DISTINCT id) FROM articles").fetchone() == (total,)
