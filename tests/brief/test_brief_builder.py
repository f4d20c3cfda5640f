"""The extractive brief on a small hand-built story (no facts/compare stage needed)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from tests.conftest import validate_contract

from newsdesk.brief import brief_to_dict, build_brief
from newsdesk.brief.builder import flagged_spans
from newsdesk.compare.model import Claim, Comparison, Conflict, LikelyError, Variant
from newsdesk.facts.model import ArticleFacts, DateFact, Entity, Mention, Sentence, StoryFacts
from newsdesk.model import Article, Span

# Three invented reports of one event; "b" puts the vote in the wrong month.
TEXTS = {
    "a": "HARBOURTON: Dock workers at the port of Harbourton voted on Monday to end a strike "
         "that had halted shipping for nine days. The union said members accepted a pay rise "
         "of four percent over two years. Shipping companies expect the first container "
         "vessels to berth again by Thursday morning. The strike began after talks on night "
         "shift pay collapsed in early March.",
    "b": "Port workers in Harbourton voted on Monday to end their nine-day strike, the union "
         "said. The agreement gives members a pay rise of four percent over two years. The "
         "vote took place in April, the union said in a short statement to reporters. "
         "Regional exporters had warned that the stoppage was costing them millions every day.",
    "c": "Dockers in Harbourton have ended a strike that halted shipping for nine days after a "
         "vote on Monday. Members accepted a four percent pay rise spread over two years. The "
         "city's mayor said she hoped the deal would restore confidence in the port.",
}


def _span(article: Article, phrase: str) -> Span:
    start = article.text.index(phrase)
    return Span(article.id, "text", start, start + len(phrase))


def _sentence_spans(article: Article) -> list[Span]:
    spans = []
    for m in re.finditer(r"\S[^.]*\.", article.text):
        spans.append(Span(article.id, "text", m.start(), m.end()))
    return spans


@pytest.fixture(scope="module")
def story() -> tuple[StoryFacts, Comparison, dict[str, Article]]:
    articles = {k: Article(id=k, text=v, title=f"Harbourton strike ends ({k})")
                for k, v in TEXTS.items()}
    facts = []
    for a in articles.values():
        af = ArticleFacts(a, sentences=[Sentence(s) for s in _sentence_spans(a)])
        if "April" in a.text:
            af.dates.append(DateFact(_span(a, "April"), "--04"))
        if "early March" in a.text:
            af.dates.append(DateFact(_span(a, "early March"), "--03"))
        af.mentions.append(Mention(_span(a, "Harbourton"), "place", entity="e1"))
        facts.append(af)
    union = Entity("e2", "Dock Workers Union", "org",
                   mentions=[_span(articles["a"], "The union"), _span(articles["b"], "the union")])
    story_facts = StoryFacts(facts, entities=[union])
    month = Conflict(
        "c1", "date", "Reports disagree on the month of the vote: b says April; a says March.",
        "high",
        [Variant("April", [_span(articles["b"], "April")]),
         Variant("March", [_span(articles["a"], "early March")])],
        LikelyError(["b"], "April", "Outvoted: the other reports date the events to March."))
    claims = [Claim("k1", [_sentence_spans(a)[1] for a in articles.values()], 3)]
    return story_facts, Comparison(claims=claims, conflicts=[month]), articles


@pytest.fixture(scope="module")
def brief_dict(story: tuple[StoryFacts, Comparison, dict[str, Article]], models: Any
               ) -> dict[str, Any]:
    facts, comparison, articles = story
    return brief_to_dict(build_brief(facts, comparison, models), articles)


def _all_sentences(brief: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for c in brief["cards"] for s in c["sentences"]] + \
        [s for sec in brief["sections"] for s in sec["sentences"]]


def test_brief_follows_the_contract(brief_dict: dict[str, Any],
                                    story: tuple[StoryFacts, Comparison, dict[str, Article]]
                                    ) -> None:
    _, _, articles = story
    report = {"version": 1, "articles": [{"id": a.id, "title": a.title, "text": a.text}
                                         for a in articles.values()],
              "entities": [], "claims": [], "conflicts": [], "brief": brief_dict}
    validate_contract(report, "report.schema.json")
    assert 3 <= len(brief_dict["cards"]) <= 6
    assert [s["name"] for s in brief_dict["sections"]] == [
        "What's happening", "Why it matters", "What's next", "Context",
        "Where sources disagree", "Single-source claims"]


def test_every_sentence_is_quoted_from_its_first_citation(
        brief_dict: dict[str, Any], story: tuple[StoryFacts, Comparison, dict[str, Article]]
) -> None:
    _, _, articles = story
    for s in _all_sentences(brief_dict):
        assert s["citations"], s
        for c in s["citations"]:
            assert articles[c["article"]].get(c["field"])[c["start"]:c["end"]] == c["text"]
    narrative = [s for c in brief_dict["cards"] for s in c["sentences"]] + [
        s for sec in brief_dict["sections"] if sec["name"] != "Where sources disagree"
        for s in sec["sentences"]]
    assert narrative
    for s in narrative:
        assert s["text"] == s["citations"][0]["text"]


def test_dateline_is_trimmed_from_the_quote() -> None:
    from newsdesk.brief.builder import _trim

    article = Article(id="a", text=TEXTS["a"])
    span = _trim(article, _sentence_spans(article)[0])
    assert span is not None
    assert article.slice(span).startswith("Dock workers at the port")


def test_flagged_error_is_never_chosen(brief_dict: dict[str, Any]) -> None:
    texts = [s["text"] for s in _all_sentences(brief_dict)
             if not s["text"].startswith("Reports disagree")]
    texts += [t["text"] for t in brief_dict["timeline"]]
    assert not any("April" in t for t in texts)


def test_disagreement_names_the_likely_error(brief_dict: dict[str, Any]) -> None:
    [section] = [s for s in brief_dict["sections"] if s["name"] == "Where sources disagree"]
    [entry] = section["sentences"]
    assert "April" in entry["text"] and "Likely error" in entry["text"]
    assert {c["text"] for c in entry["citations"]} == {"April", "early March"}


def test_no_sentence_repeats_another(brief_dict: dict[str, Any]) -> None:
    texts = [s["text"] for s in _all_sentences(brief_dict)]
    assert len(texts) == len(set(texts))
    # the three reports all state the pay rise: it is said once
    assert sum("four percent" in t for t in texts) == 1


def test_corroborated_sentence_cites_every_source(brief_dict: dict[str, Any]) -> None:
    [pay] = [s for s in _all_sentences(brief_dict) if "four percent" in s["text"]]
    assert {c["article"] for c in pay["citations"]} >= {"a", "c"}


def test_key_players_and_timeline(brief_dict: dict[str, Any]) -> None:
    assert [p["name"] for p in brief_dict["key_players"]] == ["Dock Workers Union"]
    assert [t["date"] for t in brief_dict["timeline"]] == ["--03"]


def test_flagged_spans_cover_only_the_likely_error(
        story: tuple[StoryFacts, Comparison, dict[str, Article]]) -> None:
    _, comparison, articles = story
    assert [articles[s.article].slice(s) for s in flagged_spans(comparison)] == ["April"]


def test_empty_story_gives_a_headline_only(models: Any) -> None:
    article = Article(id="x", text="Too short.", title="A title")
    brief = build_brief(StoryFacts([ArticleFacts(article)]), Comparison(), models)
    assert brief.headline == "A title" and brief.cards == []


@pytest.mark.parametrize(("sentence", "title"), [
    # attribution is skipped: the title says what was said
    ("The union said members accepted a pay rise of four percent over two years.",
     "Members accepted a pay rise of four percent"),
    # a long subject is cut to its noun and compounds
    ("Dock workers at the port of Harbourton voted on Monday to end a strike.",
     "Dock workers voted on Monday to end"),
    # a coordinated subject is left out rather than cut to one of its members
    ("The mayor and the port authority agreed to review night shift pay, officials said.",
     "Agreed to review night shift pay"),
    # a possessive keeps its spacing ("the port's", never "the port 's")
    ("The deal gives the port's workers more pay.",
     "Deal gives the port's workers more pay"),
])
def test_card_title_uses_the_sentence_words(sentence: str, title: str, models: Any) -> None:
    from newsdesk.brief.builder import _card_title

    assert _card_title(models.nlp()(sentence)) == title
