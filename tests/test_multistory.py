"""`analyze` on a folder holding several stories: one report per story plus an index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS, validate_contract

from newsdesk.cli import main
from newsdesk.cli.demo import sample_inputs
from newsdesk.model import Article, Story
from newsdesk.multistory import StoryReport, story_folder, write_story_reports


def _tiny_report(article: Article, headline: str) -> dict:
    return {
        "version": 1,
        "articles": [{"id": article.id, "title": article.title, "text": article.text}],
        "entities": [],
        "claims": [],
        "conflicts": [],
        "brief": {"headline": headline, "cards": [], "sections": []},
    }


@pytest.mark.parametrize(
    "story_id,expected",
    [
        ("story:abc", "story-abc"),  # record ids carry colons
        ("story:../../etc/passwd", "story-etc-passwd"),  # never a path outside the folder
        ("story:" + "x" * 300, "story-" + "x" * 94),  # bounded length
    ],
)
def test_story_folder_names_are_safe(story_id: str, expected: str) -> None:
    assert story_folder(story_id) == expected


def test_index_escapes_headlines_and_links_every_story(tmp_path: Path) -> None:
    hostile = Article(id="a1", title="<script>alert(1)</script>", text="Body one.")
    calm = Article(id="b2", title="Quiet news", text="Body two.")
    results = [
        StoryReport(Story(id="story:a1", articles=[hostile]), _tiny_report(hostile, hostile.title)),
        StoryReport(Story(id="story:b2", articles=[calm]), _tiny_report(calm, "Quiet news")),
    ]
    write_story_reports(results, tmp_path)
    html = (tmp_path / "index.html").read_text()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    for folder in ("story-a1", "story-b2"):
        assert f'href="{folder}/report.html"' in html
        assert (tmp_path / folder / "report.json").is_file()
    index = json.loads((tmp_path / "index.json").read_text())
    assert [s["articles"] for s in index["stories"]] == [["a1"], ["b2"]]


@pytest.mark.slow
def test_analyze_splits_a_mixed_folder_into_its_stories(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for path in [*SEEDS.glob("*.txt"), *sample_inputs()]:
        shutil.copy(path, mixed / path.name)
    out = tmp_path / "out"
    assert main(["analyze", str(mixed), "-o", str(out)]) == 0
    index = json.loads((out / "index.json").read_text())
    groups = sorted(sorted(s["articles"]) for s in index["stories"])
    seeds = sorted(p.name.removesuffix(".txt") for p in SEEDS.glob("*.txt"))
    sample = sorted(p.stem for p in sample_inputs())
    assert groups == sorted([seeds, sample])
    for story in index["stories"]:
        report = json.loads((out / story["folder"] / "report.json").read_text())
        validate_contract(report, "report.schema.json")
