"""A year only one report gives, in the words where other reports give another year: what
an editor flags (and whom he blames), and the like lines that date different things."""

from __future__ import annotations

import pytest
from compare_builders import Draft, WordBagModels, story

from newsdesk.compare import compare_story
from newsdesk.compare.model import Comparison, Conflict
from newsdesk.compare.places import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def run(gazetteer: Gazetteer, *drafts: Draft) -> Comparison:
    return compare_story(story(*drafts), WordBagModels(), gazetteer=gazetteer)  # type: ignore[arg-type]


def blamed(comparison: Comparison, because: str) -> list[Conflict]:
    """Serious date conflicts whose likely error is explained with ``because``: the phrase
    that tells which rule judged it."""
    return [
        c for c in comparison.conflicts
        if c.kind == "date" and c.severity != "low" and c.likely_error
        and because in c.likely_error.reason
    ]


def swaps(comparison: Comparison) -> list[Conflict]:
    """Serious date conflicts the swapped-years rule reports."""
    return blamed(comparison, "in the same words")


def test_a_year_set_in_the_words_others_use_for_another_year_is_blamed(gazetteer):
    # the lines are worded differently: only the words right around the years agree
    a = Draft("a", "Dockers on the quay recalled the 1983 strike that shut the canning works.")
    b = Draft("b", "Older hands still speak of the 1981 strike that shut the works for a month.")
    c = Draft("c", "Wages have not risen like this since the 1981 strike that shut the plant.")
    comparison = run(gazetteer, a, b, c)
    found = swaps(comparison)
    assert [c.likely_error.articles for c in found if c.likely_error] == [["a"]], \
        [k.summary for k in comparison.conflicts]
    assert found[0].severity == "medium"


def test_a_body_year_its_own_headline_contradicts_is_high(gazetteer):
    a = Draft("a", "Dockers on the quay recalled the 1983 strike that shut the canning works.",
              title="Quay remembers the 1981 strike")
    b = Draft("b", "Older hands still speak of the 1981 strike that shut the works for a month.")
    c = Draft("c", "Wages have not risen like this since the 1981 strike that shut the plant.")
    found = swaps(run(gazetteer, a, b, c))
    assert [c.severity for c in found] == ["high"]
    assert found[0].likely_error is not None and found[0].likely_error.articles == ["a"]


def test_one_other_report_is_no_majority(gazetteer):
    # 1981 only in one other report: one against one, nothing to blame
    a = Draft("a", "Dockers on the quay recalled the 1983 strike that shut the canning works.")
    b = Draft("b", "Older hands still speak of the 1981 strike that shut the works for a month.")
    c = Draft("c", "The canning works reopened under new owners after a long dispute.")
    assert not swaps(run(gazetteer, a, b, c))


def test_a_report_that_also_gives_the_rival_year_is_not_blamed(gazetteer):
    # "the 1983 strike" beside "since 1981" in its own body: two different years it knows
    a = Draft("a", "Dockers recalled the 1983 strike that shut the canning works.\n"
                   "Pay has been frozen since 1981 at the quay.")
    b = Draft("b", "Older hands still speak of the 1981 strike that shut the works for a month.")
    c = Draft("c", "Wages have not risen like this since the 1981 strike that shut the plant.")
    assert not swaps(run(gazetteer, a, b, c))


def test_years_in_lines_that_do_not_line_up_are_not_swapped(gazetteer):
    # regression shape (ecbplus-dev, clean): a background year next to the story's year,
    # the words around them different ("joined the club in 2004" / "won the title in 2006")
    a = Draft("a", "The veteran keeper joined the harbour club in 2004 from a rival side.")
    b = Draft("b", "The harbour club won the league title in 2006 with the same keeper.")
    c = Draft("c", "Supporters still sing about 2006 and the title won at the harbour.")
    assert not swaps(run(gazetteer, a, b, c))


def test_two_months_in_one_frame_date_two_happenings(gazetteer):
    # "in April 2007" / "in June 2005": the month tells the two lines date different things
    a = Draft("a", "The ferry company was sold in April 2007 to a shipping group.")
    b = Draft("b", "The ferry company was founded in June 2005 by two captains.")
    c = Draft("c", "Two captains set up the ferry company in June 2005.")
    assert not swaps(run(gazetteer, a, b, c))


def test_a_one_word_frame_dates_two_ceremonies(gazetteer):
    # regression (ecbplus-dev, clean): headlines "to host 2025 Galas" against a look back
    # at "the 2023 Galas": one word after the years agrees, nothing before
    a = Draft("a", "After the flop of a singer as presenter for the 2023 Galas, the choice pleased critics.")
    b = Draft("b", "A comedian will present the awards.", title="Comedian to host 2025 Galas")
    c = Draft("c", "The comedian has hosted before.", title="Comedian picked to host 2025 Galas")
    assert not swaps(run(gazetteer, a, b, c))


def test_a_year_the_story_uses_elsewhere_is_blamed_when_two_reports_set_the_rival_there(gazetteer):
    # "In December 2009, three men emptied the vault" against two reports' "December
    # 2008" in the same words; 2009 is a year the story gives for something else
    line = "In December {}, three men emptied the vault of the harbour jeweller."
    a = Draft("a", line.format("2009"))
    b = Draft("b", line.format("2008") + "\nIn 2009 police recovered most of the gems.")
    c = Draft("c", line.format("2008"))
    found = swaps(run(gazetteer, a, b, c))
    assert [c.likely_error.articles for c in found if c.likely_error] == [["a"]]


def test_one_line_against_a_year_the_story_uses_elsewhere_is_no_swap(gazetteer):
    line = "In December {}, three men emptied the vault of the harbour jeweller."
    a = Draft("a", line.format("2009"))
    b = Draft("b", line.format("2008") + "\nIn 2009 police recovered most of the gems.")
    c = Draft("c", "The jeweller reopened in 2008 after the theft.")
    assert not swaps(run(gazetteer, a, b, c))


# -- datelines --


def dateline_story(dateline: str, iso: str, weekday: str | None = None) -> tuple[Draft, ...]:
    """Report a dated ``dateline``; three others filed on 15-22 December 2008."""
    a = Draft("a", f"Posted: {dateline}\nThe harbour jeweller reopened its doors after the theft.")
    a.date(dateline.split("Wed, ")[-1], iso, weekday)
    drafts = [a]
    for name, day, value in (("b", "December 15, 2008", "2008-12-15"),
                             ("c", "December 16, 2008", "2008-12-16"),
                             ("d", "December 22, 2008", "2008-12-22")):
        d = Draft(name, f"Posted: {day}\nThieves emptied the vault of the jeweller.")
        d.date(day, value)
        drafts.append(d)
    return tuple(drafts)


def dateline_blames(comparison: Comparison) -> list[tuple[str, list[str]]]:
    return [(c.severity, c.likely_error.articles) for c in comparison.conflicts
            if c.kind == "date" and c.severity != "low" and c.likely_error]


def test_a_dateline_a_year_off_the_news_cycle_is_blamed(gazetteer):
    comparison = run(gazetteer, *dateline_story("December 19, 2007", "2007-12-19"))
    assert dateline_blames(comparison) == [("medium", ["a"])], \
        [k.summary for k in comparison.conflicts]


def test_a_dateline_weekday_of_the_other_year_makes_it_high(gazetteer):
    # 19 December 2008 was a Friday; 19 December 2007 was a Wednesday
    comparison = run(gazetteer, *dateline_story("Friday, December 19, 2007", "2007-12-19", "friday"))
    assert dateline_blames(comparison) == [("high", ["a"])]


def test_a_dateline_its_own_calendar_backs_is_a_later_report(gazetteer):
    # regression (ecbplus-dev, clean): "Saturday, August 24, 2013" on a report filed a
    # year after the others; the weekday fits its own year
    story_ = dateline_story("Wednesday, December 19, 2007", "2007-12-19", "wednesday")
    assert not dateline_blames(run(gazetteer, *story_))


def test_a_dateline_among_two_news_cycles_is_not_judged(gazetteer):
    # regression shape (ecbplus-dev, clean): two reports dated 10 September 2012 and five
    # dated 10 September 2010: reports filed with others are in line
    drafts = dateline_story("December 19, 2007", "2007-12-19")
    e = Draft("e", "Posted: December 20, 2007\nThe jeweller counted its losses.")
    e.date("December 20, 2007", "2007-12-20")
    assert not dateline_blames(run(gazetteer, *drafts, e))


def test_an_abbreviated_weekday_the_tagger_missed_still_backs_the_dateline(gazetteer):
    # regression (ecbplus-dev, clean): "Wed, Sep 19 2012 at 11:47 AM", a year before the
    # others, with no weekday in the facts
    drafts = dateline_story("Wed, December 19, 2007", "2007-12-19")
    assert not dateline_blames(run(gazetteer, *drafts))


def test_a_year_other_reports_give_for_the_same_thing_is_corroborated(gazetteer):
    # regression (ecbplus-dev, clean): "founded the clinic in the county in 1994" beside
    # two reports' "president of the guild of the county in 2001", while two other
    # reports date the founding of the clinic 1994 as well
    a = Draft("a", "The nurse founded the river clinic in Harlow county in 1994.")
    b = Draft("b", "She became president of the nursing guild of Harlow county in 2001.")
    c = Draft("c", "The nurse was elected president of the guild of Harlow county in 2001.")
    d = Draft("d", "In 1994 the nurse founded the river clinic, which still runs.")
    e = Draft("e", "The river clinic the nurse founded in 1994 burned down last year.")
    assert not swaps(run(gazetteer, a, b, c, d, e))


def test_a_stamp_line_with_stamp_words_is_a_dateline(gazetteer):
    # "Published time: December 19, 2007 02:03" (ecbplus-dev): "time" is a stamp word
    drafts = dateline_story("December 19, 2007", "2007-12-19")
    a = Draft("a", "Published time: December 19, 2007 02:03\nThe harbour jeweller reopened.")
    a.date("December 19, 2007", "2007-12-19")
    comparison = run(gazetteer, a, *drafts[1:])
    assert dateline_blames(comparison) == [("medium", ["a"])]
    # a line about the event is no stamp: "the vault was opened on December 19, 2007"
    a = Draft("a", "The vault was opened on December 19, 2007\nThe harbour jeweller reopened.")
    a.date("December 19, 2007", "2007-12-19")
    assert not dateline_blames(run(gazetteer, a, *drafts[1:]))


# -- a year set in other words, recognised by the names around it (anchored_years) --


def anchored(comparison: Comparison) -> list[Conflict]:
    """Serious date conflicts the anchored-years rule reports."""
    return blamed(comparison, "in lines about the same thing")


def assert_a_alone_blamed(comparison: Comparison, year: str) -> None:
    """The anchored-years rule blames report a, and only it, for ``year``."""
    found = anchored(comparison)
    assert [k.likely_error.articles for k in found if k.likely_error] == [["a"]], \
        [k.summary for k in comparison.conflicts]
    assert found[0].likely_error.value == year


def test_a_year_two_reports_give_otherwise_for_the_same_named_happening_is_blamed(gazetteer):
    # no shared frame around the years; the names near them say it is one happening
    a = Draft("a", "Alda Brenner won the Korvath mayoral race on a housing pledge back in 2016.")
    b = Draft("b", "Alda Brenner was first elected mayor of Korvath in 2014 on a housing pledge.")
    c = Draft("c", "In 2014 Alda Brenner was elected mayor of Korvath on a pledge to build housing.")
    assert_a_alone_blamed(run(gazetteer, a, b, c), "2016")


def test_a_year_another_report_gives_for_the_same_happening_is_not_outvoted(gazetteer):
    # two reports against two: the story dates it both ways, no single year to hold to
    a = Draft("a", "Alda Brenner won the Korvath mayoral race on a housing pledge back in 2016.")
    b = Draft("b", "Alda Brenner was first elected mayor of Korvath in 2014 on a housing pledge.")
    c = Draft("c", "In 2014 Alda Brenner was elected mayor of Korvath on a pledge to build housing.")
    d = Draft("d", "Alda Brenner won the Korvath mayoral race on a housing pledge in 2016.")
    assert not anchored(run(gazetteer, a, b, c, d))


def test_a_line_with_two_years_is_not_read_as_one_date(gazetteer):
    a = Draft("a", "Alda Brenner won the Korvath mayoral race on a housing pledge in 2010 and in 2016.")
    b = Draft("b", "Alda Brenner was first elected mayor of Korvath in 2014 on a housing pledge.")
    c = Draft("c", "In 2014 Alda Brenner was elected mayor of Korvath on a pledge to build housing.")
    assert not anchored(run(gazetteer, a, b, c))


def _markow_died_2009() -> tuple[Draft, Draft]:
    """Two reports that date Ilse Markow's death 2009, her name right beside the year."""
    return (
        Draft("b", "Ilse Markow died in 2009 after she ruled the movement she built for two "
                   "decades.").person("Ilse Markow"),
        Draft("c", "The movement's founder, Ilse Markow, died in 2009 after she ruled it for "
                   "over two decades.").person("Ilse Markow"),
    )


def test_a_pronoun_before_the_year_brings_in_the_person_the_line_named(gazetteer):
    # "her death in 2011": the name is more than the window's ten words back, and the
    # pronoun stands for her; without the person the year dates no one
    a = Draft("a", "Crowds mourned Ilse Markow, who ruled the movement she built for over "
                   "two decades until her death in 2011.").person("Ilse Markow")
    b, c = _markow_died_2009()
    assert_a_alone_blamed(run(gazetteer, a, b, c), "2011")


def test_a_pronoun_does_not_bring_in_a_person_when_the_window_names_one(gazetteer):
    # the year dates Tomas Varga's succession, named right before it: "her" may be
    # Markow's, but the line does not date her death
    a = Draft("a", "Crowds mourned Ilse Markow, who ruled the movement she built for over "
                   "two decades until Tomas Varga took her place in 2011.").person(
        "Ilse Markow").person("Tomas Varga")
    b, c = _markow_died_2009()
    comparison = run(gazetteer, a, b, c)
    assert not anchored(comparison), [k.summary for k in comparison.conflicts]


def test_a_short_word_agrees_with_a_longer_one_it_starts():
    # "host" and "hosted": the stem of a four-letter word is the start of the other's
    from newsdesk.compare.conflicts.anchored_years import _agree

    assert _agree(frozenset({"host"}), frozenset({"hoste"}))
    assert _agree(frozenset({"hoste"}), frozenset({"host", "show"}))
    assert not _agree(frozenset({"host"}), frozenset({"hotel"}))


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("her breakthrough in 1999's hit film", ["1999"]),  # a year's possessive
        ("the music of the 1960's", []),  # a decade
        ("the 1960s", []),
        ("the 2008-09 season", []),  # a span
        ("some 1,999 votes", []),  # an amount
    ],
)
def test_what_the_year_rules_read_as_a_year(text, years):
    from newsdesk.compare.conflicts.swapped_years import YEAR

    assert [m.group(1) for m in YEAR.finditer(text)] == years
