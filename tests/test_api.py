"""The top-level Python API: each call reaches its stage and returns the contract's shape."""

from __future__ import annotations

import pytest
from conftest import validate_contract

import newsdesk
from newsdesk.cli.demo import sample_story_dir

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def articles() -> list[newsdesk.Article]:
    return newsdesk.extract(sample_story_dir())


def test_extract_reads_a_folder_into_articles(articles: list[newsdesk.Article]) -> None:
    assert len(articles) == 5
    assert all(a.ok and a.text for a in articles)
    for article in articles:
        validate_contract(article.to_extract_record(), "extract.schema.json")


def test_facts_cluster_analyze_check_chain(articles: list[newsdesk.Article]) -> None:
    # Importing the subpackages first is the case that once shadowed the API functions.
    import newsdesk.check
    from newsdesk.facts import facts_to_dict

    story_facts = newsdesk.extract_facts(articles)
    validate_contract(facts_to_dict(story_facts), "facts.schema.json")

    stories = newsdesk.cluster(articles)
    assert [sorted(a.id for a in s.articles) for s in stories] == [sorted(a.id for a in articles)]

    report = newsdesk.analyze(articles)
    validate_contract(report, "report.schema.json")

    # A one-line summary with a wrong figure: the checker must not call it supported.
    verdicts = newsdesk.check_summary("The strike ended after 45 days.", articles)
    validate_contract(verdicts, "check.schema.json")
    assert verdicts["sentences"][0]["verdict"] != "supported"
