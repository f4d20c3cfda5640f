"""An AI-style rewrite of the seed reports with planted errors, checked against them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import CONTRACT, SEEDS

from newsdesk.check import Checker, check_summary
from newsdesk.errors import InputError
from newsdesk.model import Article


def validate_check(obj: Any) -> None:
    """Validate against check.schema.json with its evidence $ref inlined from
    report.schema.json (conftest's registry resolves the relative ref against the check
    schema's $id and misses it)."""
    from jsonschema import Draft202012Validator

    check = json.loads((CONTRACT / "check.schema.json").read_text())
    report = json.loads((CONTRACT / "report.schema.json").read_text())
    items = check["properties"]["sentences"]["items"]["properties"]["evidence"]
    items["items"] = report["$defs"]["evidence"]
    errors = list(Draft202012Validator(check).iter_errors(obj))
    assert not errors, [e.message for e in errors[:5]]

# Each planted sentence, the kind of problem, the wrong words and what the sources say.
PLANTED = [
    # wrong place: every source puts the summit in Nara
    (("Japanese Prime Minister Sanae Takaichi and South Korean President Lee Jae-myung "
     "held a summit in Osaka."), "place", "Osaka", "Nara"),
    # wrong year: the one source with a year says 13 January 2024
    ("The summit took place on 13 January 2019.", "date", "2019", "2024"),
    # altered quote: the sources quote Takaichi saying the relations "continue to grow"
    (("\"The importance of Japan-South Korea relations, as well as cooperation among Japan, "
     "South Korea and the United States, continues to decline,\" Takaichi said."),
     "quote", "decline", "grow"),
]
FAITHFUL = ("Both reaffirmed their commitment to the complete denuclearisation of the "
            "Korean Peninsula.")


@pytest.fixture(scope="module")
def seed_articles() -> list[Article]:
    return [Article(id=p.stem, text=p.read_text(encoding="utf-8"))
            for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def checker(seed_articles: list[Article], models: Any) -> Checker:
    return Checker(seed_articles, models)


@pytest.fixture(scope="module")
def rewrite(checker: Checker) -> tuple[str, dict[str, Any]]:
    summary = " ".join([PLANTED[0][0], FAITHFUL] + [p[0] for p in PLANTED[1:]])
    return summary, checker.to_dict(checker.check_text(summary), summary)


def test_output_follows_the_contract(rewrite: tuple[str, dict[str, Any]],
                                     seed_articles: list[Article]) -> None:
    summary, result = rewrite
    validate_check(result)
    by_id = {a.id: a for a in seed_articles}
    assert len(result["sentences"]) == 4
    for s in result["sentences"]:
        assert summary[s["start"]:s["end"]] == s["text"]
        for ev in s["evidence"]:
            assert by_id[ev["article"]].get(ev["field"])[ev["start"]:ev["end"]] == ev["text"]
        for p in s["problems"]:
            if "start" in p:
                assert summary[p["start"]:p["end"]] == p["text"]


@pytest.mark.parametrize(("sentence", "kind", "wrong", "right"), PLANTED)
def test_planted_error_is_contradicted_with_the_right_words(
        rewrite: tuple[str, dict[str, Any]], sentence: str, kind: str, wrong: str,
        right: str) -> None:
    _, result = rewrite
    verdict = next(s for s in result["sentences"] if s["text"] == sentence)
    assert verdict["verdict"] == "contradicted"
    assert verdict["score"] < 0.5
    found = [p for p in verdict["problems"] if p["kind"] == kind]
    assert found, verdict["problems"]
    assert wrong in found[0]["text"]
    assert right in (found[0]["sources_say"] or "")


def test_faithful_sentence_is_supported(rewrite: tuple[str, dict[str, Any]]) -> None:
    _, result = rewrite
    verdict = next(s for s in result["sentences"] if s["text"] == FAITHFUL)
    assert verdict["verdict"] == "supported"
    assert verdict["problems"] == []


def test_flipped_negation_is_contradicted(checker: Checker) -> None:
    # a source line negated: "... agreed on Tuesday to step up" -> "did not agree"
    [check] = checker.check_text(
        "South Korean President Lee Jae Myung and Japanese Prime Minister Sanae Takaichi did "
        "not agree on Tuesday to step up bilateral cooperation across security, economic and "
        "historical issues.")
    assert check.verdict == "contradicted"
    assert any(p.kind == "negation" and "not" in p.text for p in check.judgement.problems)


def test_no_readable_source_is_a_clear_error(models: Any) -> None:
    broken = Article(id="broken", text="", error="not a news article")
    with pytest.raises(InputError, match="no readable source"):
        check_summary("Anything at all.", [broken], models)


def test_oversized_summary_is_refused(checker: Checker) -> None:
    with pytest.raises(InputError, match="longer than"):
        checker.check_text("word " * 30_000)


def test_check_summary_is_the_one_call_api(seed_articles: list[Article], models: Any) -> None:
    result = check_summary(FAITHFUL, seed_articles[:2], models)
    assert [s["text"] for s in result["sentences"]] == [FAITHFUL]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([
    "The vote passed.", "  ", "\n", "Officials said “it is over,” and left.", "Dr. Ruiz met",
    "12,000 people", "¿Qué?", "It did not.", "", "\t"]), max_size=8))
def test_split_offsets_slice_back(checker: Checker, parts: list[str]) -> None:
    summary = " ".join(parts)
    for start, end, content in checker.split(summary):
        assert summary[start:end] == content.text
        assert content.text.strip() == content.text and content.text
