"""Quality gate on ../shared/seeds: five real reports of one event, read by a careful reader.

Written about kinds of error, not about the seeds' words: each assertion checks that a
conflict of a kind exists whose likely error is the article that the evidence itself
proves wrong (the calendar, the article's own body, the independent majority), and that
nothing else rises above ``low``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import SEEDS, validate_contract

from newsdesk.compare.names import compare_words, fold

pytestmark = pytest.mark.gate


@pytest.fixture(scope="module")
def report(models: Any) -> dict[str, Any]:
    from newsdesk.ingest import extract
    from newsdesk.report import analyze_story

    return analyze_story(extract(*sorted(SEEDS.iterdir())), models)


def _serious(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [c for c in report["conflicts"] if c["kind"] == kind and c["severity"] != "low"]


def _article(report: dict[str, Any], article_id: str) -> dict[str, Any]:
    return next(a for a in report["articles"] if a["id"] == article_id)


def test_the_report_validates(report):
    validate_contract(report, "report.schema.json")


def test_a_date_the_calendar_denies_is_blamed_on_the_report_that_gives_it(report):
    import dateparser

    (conflict,) = _serious(report, "date")
    (blamed,) = conflict["likely_error"]["articles"]
    assert conflict["likely_error"]["reason"].startswith("Calendar")
    mine = [e["text"] for v in conflict["variants"] for e in v["evidence"] if e["article"] == blamed]
    theirs = [e["text"] for v in conflict["variants"] for e in v["evidence"] if e["article"] != blamed]
    weekdays = {dt.date(2024, 1, d).strftime("%A") for d in range(1, 8)}
    stated = {w for text in theirs for w in weekdays if w in text}
    assert len(stated) == 1 and len(mine) == 1
    parsed = dateparser.parse(mine[0], settings={"STRICT_PARSING": True})
    assert parsed is not None and parsed.strftime("%A") not in stated


def test_a_headline_naming_someone_its_body_never_mentions_is_blamed_on_that_article(report):
    (conflict,) = _serious(report, "headline")
    (blamed,) = conflict["likely_error"]["articles"]
    article = _article(report, blamed)
    name = conflict["likely_error"]["value"]
    assert name in (article["title"] or "")
    assert name not in article["text"]


def test_a_surname_missing_letters_is_blamed_on_the_report_that_garbles_it(report):
    (conflict,) = _serious(report, "name")
    value = conflict["likely_error"]["value"]
    others = [v["value"] for v in conflict["variants"] if v["value"] != value]
    assert others
    # the blamed spelling keeps some letters of the other, in order, and drops the rest
    assert all(compare_words(value, o) == "garbled" and len(fold(value)) < len(fold(o))
               for o in others)
    assert len(conflict["likely_error"]["articles"]) == 1


def test_places_one_standfirst_against_its_body_and_one_conflation_outvoted(report):
    conflicts = _serious(report, "place")
    assert len(conflicts) == 2
    reasons = sorted(c["likely_error"]["reason"].split(":")[0] for c in conflicts)
    assert reasons == ["Contradicts itself", "Outvoted"]
    for c in conflicts:
        (blamed,) = c["likely_error"]["articles"]
        if c["likely_error"]["reason"].startswith("Contradicts itself"):
            fields = {e["field"] for v in c["variants"] for e in v["evidence"]
                      if e["article"] == blamed}
            assert fields & {"standfirst", "title"}
            assert "own body says" in c["likely_error"]["reason"]


def test_incompatible_ordinals_are_an_other_conflict_with_a_judged_side(report):
    (conflict,) = _serious(report, "other")
    assert conflict["likely_error"] is not None
    assert len(conflict["variants"]) == 2


def test_nothing_else_rises_above_low(report):
    serious = [(c["kind"], c["summary"]) for c in report["conflicts"] if c["severity"] != "low"]
    assert len(serious) == 6, serious
    assert not _serious(report, "number") and not _serious(report, "quote")


def test_every_likely_error_names_an_article_and_a_reason(report):
    for conflict in report["conflicts"]:
        if conflict["severity"] == "low":
            continue
        likely = conflict["likely_error"]
        assert likely and likely["articles"] and likely["reason"].endswith(".")


def test_the_rewrite_is_derived_from_its_source_and_shares_a_quote(report):
    derived = [a for a in report["articles"] if a["derived_from"]]
    assert len(derived) == 1
    copy, source = derived[0], _article(report, derived[0]["derived_from"])
    claims_shared = [c for c in report["claims"]
                     if {copy["id"], source["id"]} <= set(c["articles"])]
    assert len(claims_shared) >= 5
    assert all(c["independent_sources"] <= len(c["articles"]) - 1 for c in claims_shared)


def test_evidence_slices_back_to_the_article_text(report):
    by_id = {a["id"]: a for a in report["articles"]}
    pieces = [e for c in report["claims"] for e in c["evidence"]]
    pieces += [e for c in report["conflicts"] for v in c["variants"] for e in v["evidence"]]
    for e in pieces:
        assert (by_id[e["article"]][e["field"]] or "")[e["start"] : e["end"]] == e["text"]
