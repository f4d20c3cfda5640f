"""Sentences and mentions on hand-written news text, with the real small spaCy model."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.facts import extract_facts
from newsdesk.facts.mentions import _expanded_acronym, _mostly_ordinary
from newsdesk.facts.model import ArticleFacts
from newsdesk.facts.sentences import split_blocks
from newsdesk.model import Article


def facts_of(models: Any, text: str, title: str | None = None,
             published: str | None = None) -> ArticleFacts:
    article = Article(id="a1", text=text, title=title, published=published)
    return extract_facts([article], models)[0]


def sentences(af: ArticleFacts) -> list[str]:
    return [af.article.slice(s.span) for s in af.sentences]


# --- sentences -----------------------------------------------------------------------

def test_dateline_is_kept_out_of_the_sentence_and_read_as_a_place(models: Any) -> None:
    af = facts_of(models, "LYON: The council approved the budget on Monday. It passed easily.")
    assert sentences(af) == ["The council approved the budget on Monday.", "It passed easily."]
    places = [af.article.slice(m.span) for m in af.mentions if m.type == "place"]
    assert "LYON" in places


def test_bullets_and_headings_are_sentences_of_their_own(models: Any) -> None:
    text = "Key Findings\n- Lower taxes for families\n- A new rail line to the coast\nThe plan was approved."
    af = facts_of(models, text)
    assert sentences(af) == ["Key Findings", "Lower taxes for families",
                             "A new rail line to the coast", "The plan was approved."]


@pytest.mark.parametrize("text,expected", [
    # abbreviations and initials do not end sentences
    ("Gen. Okafor arrived at noon. He spoke briefly.",
     ["Gen. Okafor arrived at noon.", "He spoke briefly."]),
    ("The victims were honoured at the Sept. 11 memorial. Crowds gathered.",
     ["The victims were honoured at the Sept. 11 memorial.", "Crowds gathered."]),
    ("Talks with J. R. Whitmore broke down. Nobody knows why.",
     ["Talks with J. R. Whitmore broke down.", "Nobody knows why."]),
])
def test_abbreviations_and_initials(models: Any, text: str, expected: list[str]) -> None:
    assert sentences(facts_of(models, text)) == expected


def test_a_quote_spanning_sentences_keeps_its_attribution(models: Any) -> None:
    text = "“We will win. We always do!” she said. The crowd cheered."
    got = sentences(facts_of(models, text))
    assert got[-1] == "The crowd cheered."
    # no sentence starts with the closing mark or with the lower-case attribution
    assert not any(s[0] in "”\"" or s[0].islower() for s in got)
    assert any(s.endswith("she said.") for s in got)


def test_blocks_bound_very_long_lines() -> None:
    text = "word " * 10_000
    blocks = split_blocks("text", text)
    assert len(blocks) > 1
    assert all(b.end - b.start <= 20_000 for b in blocks)
    assert all(text[b.start:b.end] == b.text for b in blocks)


# --- mentions and roles ----------------------------------------------------------------

def _people(af: ArticleFacts) -> list[tuple[str, str | None, str, str | None]]:
    return [(af.article.slice(m.span), m.role, m.form, m.name)
            for m in af.mentions if m.type == "person"]


def test_roles_before_the_name(models: Any) -> None:
    af = facts_of(models, "French Prime Minister Amelie Roux met Nigerian President Daniel "
                          "Okafor in Lyon on Friday.")
    people = _people(af)
    assert ("Amelie Roux", "Prime Minister", "name", "Amelie Roux") in people
    assert ("Daniel Okafor", "President", "name", "Daniel Okafor") in people
    role_spans = [af.article.slice(m.role_span) for m in af.mentions if m.role_span]
    assert "Prime Minister" in role_spans


def test_former_role_and_appositive_role(models: Any) -> None:
    af = facts_of(models, "He met then-Prime Minister Paul Brandt in Bonn. Lena Holm, an "
                          "assistant professor of economics, said the deal was fair.")
    roles = {text: role for text, role, _, _ in _people(af)}
    assert roles.get("Paul Brandt") == "Former Prime Minister"
    assert roles.get("Lena Holm") == "Assistant Professor"


def test_short_and_titled_forms_point_to_the_full_name(models: Any) -> None:
    text = ("Prime Minister Amelie Roux arrived in Lyon on Monday. Roux said the talks "
            "would be hard. The prime minister later left for Paris.")
    people = _people(facts_of(models, text))
    assert ("Roux", None, "short", "Amelie Roux") in people
    assert ("The prime minister", "Prime Minister", "title", "Amelie Roux") in people


def test_a_surname_in_the_headline_resolves_to_the_body(models: Any) -> None:
    af = facts_of(models, "President Daniel Okafor opened the port on Monday.",
                  title="OKAFOR SAYS PORT WILL CREATE JOBS")
    heads = [m for m in af.mentions if m.span.field == "title"]
    assert [(af.article.slice(m.span), m.name) for m in heads] == [("OKAFOR", "Daniel Okafor")]


def test_an_adjective_the_tagger_types_a_person_is_no_mention(models: Any) -> None:
    # the small model types "Olympic" in "X , Olympic swimmer turned ..." a person
    af = facts_of(models, "Harrow won two medals before she took to the screen.",
                  title="Ines Harrow , Olympic swimmer turned actress , dies at 88")
    names = [af.article.slice(m.span) for m in af.mentions if m.type == "person"]
    assert "Olympic" not in names
    assert "Ines Harrow" in names


def test_heading_words_are_not_names() -> None:
    common = {"key", "findings", "editor", "managing"}
    assert _mostly_ordinary("Key Findings", common, set())
    assert _mostly_ordinary("Managing Editor", common, set())
    assert not _mostly_ordinary("Daniel Okafor", common, set())


def test_an_expanded_acronym_is_not_a_place() -> None:
    article = Article(id="a", text="They discussed artificial intelligence (AI) and trade. AI matters.")
    assert _expanded_acronym(article, "AI")
    assert not _expanded_acronym(article, "EU")


def test_worker_processes_give_the_same_facts(models: Any) -> None:
    articles = [Article(id=f"w{i}", text=f"President Daniel Okafor{i} said on Monday that "
                        f"more than {i + 2}0 workers had left Lagos. “We will rebuild,” he said.")
                for i in range(6)]
    one = extract_facts(articles, models, n_process=1)
    two = extract_facts(articles, models, n_process=2)
    assert [(f.sentences, f.mentions, f.dates, f.numbers, f.quotes, f.events) for f in one] == \
        [(f.sentences, f.mentions, f.dates, f.numbers, f.quotes, f.events) for f in two]
    assert all(f.quotes for f in one)


def test_an_unreadable_article_gets_empty_facts(models: Any) -> None:
    bad = Article(id="bad", text="", error="bad.bin: binary data")
    good = Article(id="good", text="The port reopened on Monday.")
    facts = extract_facts([bad, good], models)
    assert [f.article.id for f in facts] == ["bad", "good"]
    assert facts[0].sentences == [] and facts[1].sentences


@pytest.mark.parametrize("line,text,place", [
    ("LYON: The council voted.", "The council voted.", "LYON"),
    ("WASHINGTON (Reuters) - Talks failed.", "Talks failed.", "WASHINGTON"),
    ("LAGOS, Nigeria — The port reopened.", "The port reopened.", "LAGOS"),
    ("BREAKING: The port closed.", "The port closed.", None),  # a label, not a place
    ("NATO and EU leaders met.", "NATO and EU leaders met.", None),  # no dateline at all
])
def test_datelines(line: str, text: str, place: str | None) -> None:
    (block,) = split_blocks("text", line)
    assert block.text == text
    assert (line[block.dateline[0]:block.dateline[1]] if block.dateline else None) == place
