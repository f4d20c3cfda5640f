"""Entity resolution across the articles of a story, on hand-built mentions (no model):
romanisation, hyphens, spacing, diacritics and initials are one name; a garbled surname
in the same role is the same person, recorded as a variant; anyone else is someone else."""

from __future__ import annotations

import re

import pytest

from newsdesk.facts.entities import resolve_entities, same_name, skeleton
from newsdesk.facts.mentions import fold, name_tokens
from newsdesk.facts.model import ArticleFacts, Mention, Quote
from newsdesk.model import Article, Span


def article_facts(aid: str, text: str, people: list[tuple[str, str | None, str, str | None]],
                  places: tuple[str, ...] = ()) -> ArticleFacts:
    """people: (surface text, role, form, name the mention stands for)."""
    art = Article(id=aid, text=text)
    mentions = []
    cursor = 0
    for surface, role, form, name in people:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(Span(aid, "text", start, cursor), "person", role, None, None,
                                form, name=name or surface))  # type: ignore[arg-type]
    for place in places:
        start = text.index(place)
        mentions.append(Mention(Span(aid, "text", start, start + len(place)), "place"))
    return ArticleFacts(art, mentions=mentions)


@pytest.mark.parametrize("a,b", [
    ("Park Min-jun", "Park Min Jun"),  # hyphen vs space
    ("Park Min-jun", "Park Minjun"),  # spacing
    ("Park Min-jun", "Park Min-joon"),  # romanisation (vowels)
    ("Choi Seong-ho", "Choi Sung-ho"),  # romanisation
    ("José Álvarez", "Jose Alvarez"),  # diacritics
    ("J. Whitmore", "Jane Whitmore"),  # an initial
    ("Mary-Ann Okafor", "Mary Ann Okafor"),
    ("Ilse Brunwald-Mensah", "Ilse Brunvald-Mensah"),  # v/w: German-style transliteration
])
def test_spelling_variants_are_one_name(a: str, b: str) -> None:
    assert same_name(name_tokens(a), name_tokens(b))


@pytest.mark.parametrize("a,b", [
    ("Kim Jong-un", "Kim Jong-il"),  # different people, one letter apart
    ("Dan Whitmore", "Don Whitmore"),  # short given names differing by a vowel
    ("Jane Whitmore", "John Whitmore"),
    ("J. Whitmore", "K. Whitmore"),
    ("Amelie Roux", "Amelie Brandt"),
])
def test_different_names(a: str, b: str) -> None:
    assert not same_name(name_tokens(a), name_tokens(b))


def test_fold_and_skeleton() -> None:
    assert fold("Álvarez-Núñez") == "alvareznunez"
    assert skeleton("myeong") == skeleton("myung")


def _story() -> list[ArticleFacts]:
    a = article_facts("a", "Prime Minister Helga Brandtsen met President Park Min-jun. Brandtsen said.",
                      [("Helga Brandtsen", "Prime Minister", "name", None),
                       ("Park Min-jun", "President", "name", None),
                       ("Brandtsen", None, "short", "Helga Brandtsen")], ("Oslo",) if False else ())
    b = article_facts("b", "Prime Minister Helga Brandtsen and President Park Min Jun met in Oslo.",
                      [("Helga Brandtsen", "Prime Minister", "name", None),
                       ("Park Min Jun", "President", "name", None)], ("Oslo",))
    c = article_facts("c", "Prime Minister Helga Brandt greeted President Park Min-joon. "
                           "Park said: fine. The prime minister agreed.",
                      [("Helga Brandt", "Prime Minister", "name", None),
                       ("Park Min-joon", "President", "name", None),
                       ("Park", None, "short", "Park Min-joon"),
                       ("The prime minister", "Prime Minister", "title", "Helga Brandt")])
    # a different person in the same role, named in one report's headline
    d = article_facts("d", "Okafor and Park agree. Prime Minister Helga Brandtsen spoke in Oslo.",
                      [("Okafor", None, "name", None), ("Park", None, "name", None),
                       ("Helga Brandtsen", "Prime Minister", "name", None)], ("Oslo",))
    return [a, b, c, d]


def test_resolution_across_articles() -> None:
    story = resolve_entities(_story())
    people = {e.name: e for e in story.entities if e.type == "person"}
    assert set(people) == {"Helga Brandtsen", "Park Min-jun", "Okafor"}
    pm = people["Helga Brandtsen"]
    # the truncated surname, same role: same entity, variant kept with its article
    assert pm.variants["Helga Brandt"] == ["c"]
    assert pm.variants["Helga Brandtsen"] == ["a", "b", "d"]
    assert pm.roles[0] == "Prime Minister"
    # romanisations are one entity, named by the spelling most articles use
    president = people["Park Min-jun"]
    assert {"Park Min-jun", "Park Min Jun", "Park Min-joon", "Park"} <= set(president.variants)
    # a lone surname joins the one person carrying it; another name stays apart
    by_text = {(af.article.id, af.article.slice(m.span)): m.entity
               for af in story.articles for m in af.mentions}
    assert by_text[("d", "Park")] == president.id
    assert by_text[("d", "Okafor")] == people["Okafor"].id != pm.id
    assert by_text[("c", "The prime minister")] == pm.id
    places = [e for e in story.entities if e.type == "place"]
    assert len(places) == 1 and places[0].variants == {"Oslo": ["b", "d"]}


def test_garbled_surname_in_another_role_is_someone_else() -> None:
    a = article_facts("a", "Prime Minister Helga Brandtsen spoke.",
                      [("Helga Brandtsen", "Prime Minister", "name", None)])
    b = article_facts("b", "Judge Helga Brandt spoke.", [("Helga Brandt", "Judge", "name", None)])
    story = resolve_entities([a, b])
    assert len([e for e in story.entities if e.type == "person"]) == 2


def test_a_lone_surname_shared_by_two_people_stays_apart() -> None:
    a = article_facts("a", "Anna Park met Min-jun Park. Park left.",
                      [("Anna Park", None, "name", None), ("Min-jun Park", None, "name", None)])
    b = article_facts("b", "Park said nothing.", [("Park", None, "name", None)])
    story = resolve_entities([a, b])
    lone = next(m for m in story.articles[1].mentions)
    holders = {m.entity for m in story.articles[0].mentions}
    assert lone.entity not in holders


def test_quote_speaker_entity_follows_the_speaker_mention() -> None:
    af = article_facts("a", "Helga Brandtsen said: yes.",
                       [("Helga Brandtsen", "Prime Minister", "name", None)])
    speaker = af.mentions[0].span
    af.quotes = [Quote(Span("a", "text", 22, 25), True, speaker, None, None, speaker)]
    story = resolve_entities([af])
    assert story.articles[0].quotes[0].speaker_entity == story.articles[0].mentions[0].entity
    assert story.articles[0].quotes[0].speaker_entity is not None


def test_a_double_surname_alone_joins_the_one_person_who_carries_it() -> None:
    # "Brunwald Mensah" in a headline: a two-word surname, not a given name and surname
    a = article_facts("a", "Judge Ilse Brunwald-Mensah ruled. Brunwald-Mensah left.",
                      [("Ilse Brunwald-Mensah", "Judge", "name", None),
                       ("Brunwald-Mensah", None, "short", "Ilse Brunwald-Mensah")])
    b = article_facts("b", "Brunwald Mensah rules on the port.",
                      [("Brunwald Mensah", None, "name", None)])
    story = resolve_entities([a, b])
    people = [e for e in story.entities if e.type == "person"]
    assert len(people) == 1, [e.name for e in people]
    assert people[0].name == "Ilse Brunwald-Mensah"


def _org_story(*names: str) -> list[ArticleFacts]:
    out = []
    for i, name in enumerate(names):
        art = Article(id=f"r{i}", text=f"{name} said it would appeal.")
        out.append(ArticleFacts(art, mentions=[Mention(Span(art.id, "text", 0, len(name)), "org")]))
    return out


def test_an_organisation_by_its_first_word_is_the_one_organisation_so_named() -> None:
    story = resolve_entities(_org_story("Harrowgate Dredging", "Harrowgate", "Harrowgate Dredging"))
    orgs = [e for e in story.entities if e.type == "org"]
    assert [e.name for e in orgs] == ["Harrowgate Dredging"]


def test_a_first_word_two_organisations_share_joins_neither() -> None:
    story = resolve_entities(_org_story("Harrowgate Dredging", "Harrowgate Bank", "Harrowgate"))
    assert len([e for e in story.entities if e.type == "org"]) == 3


def test_a_place_the_tagger_took_for_a_person_is_the_place_the_story_names() -> None:
    a = article_facts("a", "The court in Dunmore met.", [], ("Dunmore",))
    b = article_facts("b", "The court in Dunmore jailed Ada Kell.",
                      [("Dunmore", None, "name", None), ("Ada Kell", None, "name", None)])
    # a headline run together: the town and the name read as one person
    c = article_facts("c", "Mayor of Dunmore Ada Kell jailed.",
                      [("Dunmore Ada Kell", None, "name", None)])
    story = resolve_entities([a, b, c])
    by_name = {e.name: e for e in story.entities}
    assert by_name["Dunmore"].type == "place"
    assert set(by_name["Dunmore"].variants["Dunmore"]) == {"a", "b"}
    assert by_name["Ada Kell"].type == "person"
    assert "Dunmore Ada Kell" in by_name["Ada Kell"].variants


def test_a_place_word_a_person_s_name_carries_stays_that_person() -> None:
    a = article_facts("a", "Talks in Marlow went on.", [], ("Marlow",))
    b = article_facts("b", "Ellis Marlow spoke. Marlow left.",
                      [("Ellis Marlow", None, "name", None), ("Marlow", None, "name", None)])
    story = resolve_entities([a, b])
    person = next(e for e in story.entities if e.type == "person")
    assert person.name == "Ellis Marlow" and "Marlow" in person.variants


def test_a_known_place_after_near_is_a_place_though_the_tagger_took_it_for_a_person() -> None:
    a = article_facts("a", "Storm strikes near Castellane before dawn.",
                      [("Castellane", None, "name", None)])
    b = article_facts("b", "Jo Brandt met Castellane officials.", [("Jo Brandt", None, "name", None),
                                                                    ("Castellane", None, "name", None)])
    story = resolve_entities([a, b], known_place=lambda name: name == "Castellane")
    types = {(af.article.id, af.article.slice(m.span)): m.type
             for af in story.articles for m in af.mentions}
    assert types[("a", "Castellane")] == "place"  # after "near"
    assert types[("b", "Castellane")] == "person"  # no place word before it: left alone


def _orgs(aid: str, text: str, *names: str) -> ArticleFacts:
    mentions = [Mention(Span(aid, "text", m.start(), m.end()), "org")
                for name in names for m in re.finditer(re.escape(name), text)]
    return ArticleFacts(Article(id=aid, text=text), mentions=mentions)


def test_a_town_the_tagger_took_for_an_organisation_is_a_place_after_a_place_cue() -> None:
    a = _orgs("a", "The fire broke out east of Orlesby and reached Dunwick.", "Orlesby", "Dunwick")
    b = _orgs("b", "Residents of Dunwick fled. Halbrook Timber said its mill was safe.",
              "Dunwick", "Halbrook Timber")
    c = _orgs("c", "Talks near Corvan stalled. Corvan said it would sue.", "Corvan")
    types = {(af.article.id, af.article.slice(m.span)): m.type
             for af in resolve_entities([a, b, c]).articles for m in af.mentions}
    assert types[("a", "Orlesby")] == "place"  # "east of"
    assert types[("a", "Dunwick")] == "place"  # "residents of" in another report
    assert types[("b", "Halbrook Timber")] == "org"  # no place cue
    assert types[("c", "Corvan")] == "org"  # "Corvan said": an organisation speaks


def test_entity_ids_spell_out_letters_without_a_decomposition() -> None:
    a = article_facts("a", "Deniz Arıkan spoke.", [("Deniz Arıkan", None, "name", None)])
    (entity,) = resolve_entities([a]).entities
    assert entity.id == "person:deniz-arikan"


def test_a_speaker_the_tagger_did_not_mark_is_the_person_written_so_elsewhere() -> None:
    text = "Ilse Brunwald met voters. \"We won,\" Brunwald told supporters."
    af = article_facts("a", text, [("Ilse Brunwald", None, "name", None)])
    start = text.index("Brunwald told")
    speaker = Span("a", "text", start, start + len("Brunwald"))
    other = article_facts("b", "Brunwald spoke.", [("Brunwald", None, "short", "Ilse Brunwald")])
    af.quotes = [Quote(Span("a", "text", text.index("We"), text.index("We") + 6), True, speaker)]
    story = resolve_entities([af, other])
    person = next(e for e in story.entities if e.type == "person")
    assert story.articles[0].quotes[0].speaker_entity == person.id


def _org(aid: str, text: str, *names: str) -> ArticleFacts:
    """Organisation mentions of ``names``, each at the first place after the one before."""
    art = Article(id=aid, text=text)
    mentions, cursor = [], 0
    for name in names:
        start = text.index(name, cursor)
        cursor = start + len(name)
        mentions.append(Mention(Span(aid, "text", start, cursor), "org"))
    return ArticleFacts(art, mentions=mentions)


def test_a_name_given_an_age_is_a_person_though_the_tagger_typed_it_an_organisation() -> None:
    a = _org("a", "Ada Okafor-Lind won the race. Okafor-Lind, 46, takes office soon.",
             "Ada Okafor-Lind", "Okafor-Lind")
    b = _org("b", "Harbour Freight Lines said it would appeal.", "Harbour Freight Lines")
    story = resolve_entities([a, b])
    kinds = {e.name: e.type for e in story.entities}
    assert kinds["Ada Okafor-Lind"] == "person"
    assert kinds["Harbour Freight Lines"] == "org"  # no age: left as it is


def test_a_name_its_place_class_follows_is_a_place_whatever_the_tagger_typed() -> None:
    # "the Kessel region": the small model, not knowing the name, tags it a person or an
    # organisation; the word after it says what it is
    a = article_facts("a", "The trust runs four hospitals in the Kessel region.",
                      [("Kessel", None, "short", None)])
    b = _orgs("b", "Floods hit the Varnholm district and the Orle province.", "Varnholm", "Orle")
    c = article_facts("c", "Anna Kessel said the Orle hospital would reopen.",
                      [("Anna Kessel", None, "name", None)])
    types = {(af.article.id, af.article.slice(m.span)): m.type
             for af in resolve_entities([a, b, c]).articles for m in af.mentions}
    assert types[("a", "Kessel")] == "place"
    assert types[("b", "Varnholm")] == "place"
    assert types[("b", "Orle")] == "place"
    assert types[("c", "Anna Kessel")] == "person"  # no place class after it: as tagged
