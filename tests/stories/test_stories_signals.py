"""Who/where/when signals: the cues that tell two same-kind events apart."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.stories.signals import LEAD_CHARS, extract_signals


@pytest.mark.parametrize(
    ("sentence", "present", "absent"),
    [
        # a person's full name and its parts: later reports often use the surname only
        ("Police arrested Ann Quill , 33 , on Friday .", {"n:ann quill", "n:quill"}, set()),
        # a capitalised function word opening a sentence is not a name
        ("The mayor said he would resign .", set(), {"n:the", "n:he"}),
        # a common noun opening a sentence is not a name, a name opening one is
        (
            "Floods forced thousands out . Rescuers reached Velmora .",
            {"n:velmora"},
            {"n:floods", "n:rescuers"},
        ),
        ("Velmora flooded . Rescuers reached Velmora .", {"n:velmora"}, {"n:rescuers"}),
        ("Ana Ortel checked in . She left .", {"n:ana ortel", "n:ana"}, set()),
        # a weekday is a 'when' key, not a name
        ("Rescuers arrived on Tuesday .", {"w:tuesday"}, {"n:tuesday"}),
        # a calendar date is a 'when' key, in either order, and so is the year
        ("The quake struck on March 4 , 2009 .", {"d:3-4", "y:2009"}, {"n:march"}),
        ("It happened on 4 March .", {"d:3-4"}, set()),
        # figures: magnitudes and tolls differ between two quakes
        ("A magnitude 6.1 quake killed 1,200 people .", {"#:6.1", "#:1200"}, set()),
        # punctuation between capitalised words ends a name run
        (
            "Officials in Alphaville , Betatown said so .",
            {"n:alphaville", "n:betatown"},
            {"n:alphaville betatown"},
        ),
        # all-caps headline words count as names; all-caps function words do not
        ("REPORT : RED SOX MAKE AN OFFER", {"n:red sox", "n:offer"}, {"n:an", "n:make"}),
    ],
)
def test_signal_cases(sentence: str, present: set[str], absent: set[str]) -> None:
    keys = extract_signals(sentence).keys()
    assert present <= keys, sorted(keys)
    assert not (absent & keys), sorted(keys)


def test_lead_mentions_weigh_more_than_body_mentions() -> None:
    filler = "and then more words were said " * (LEAD_CHARS // 20)
    signals = dict(extract_signals(f"Jon Brask spoke . {filler} Ola Nordmann listened .").salience)
    assert signals["n:brask"] > signals["n:nordmann"]


def test_repeated_mentions_add_up() -> None:
    signals = dict(extract_signals("Then Brask came ; so Brask went and Brask stayed .").salience)
    once = dict(extract_signals("Then Brask came .").salience)
    assert signals["n:brask"] == 3 * once["n:brask"]


def test_kinds_are_split_by_prefix() -> None:
    signals = extract_signals("Ann Quill left Alphaville on May 3 , 2011 with 40 people .")
    assert signals.of("y") == {"y:2011"}
    assert signals.of("d") == {"d:5-3"}
    assert "#:40" in signals.of("#")
    assert "n:alphaville" in signals.of("n")


@given(st.text(max_size=400))
def test_signals_never_crash_and_keys_are_well_formed(text: str) -> None:
    signals = extract_signals(text)
    for key, weight in signals.salience:
        assert key[:2] in ("n:", "y:", "d:", "w:", "#:")
        assert len(key) > 2
        assert weight >= 1.0
    assert [k for k, _ in signals.salience] == sorted(k for k, _ in signals.salience)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2013-05-03T10:00:00Z", {"y:2013", "d:5-3"}),  # ISO with a UTC designator
        ("2013-05-03", {"y:2013", "d:5-3"}),  # a bare date
        ("last Tuesday", set()),  # not ISO: ignored rather than guessed
        (None, set()),
    ],
)
def test_publication_date_is_a_when_key(published: str | None, expected: set[str]) -> None:
    keys = extract_signals("No dates in this text .", published).keys()
    assert keys == expected


def test_two_reports_of_one_kind_a_year_apart_do_not_join() -> None:
    # Same wording, different datelines: the publication year keeps them apart.
    from newsdesk.model import Article
    from newsdesk.stories import cluster_articles

    text = "Floods forced thousands from their homes in the river valley , officials said ."
    same_day = [
        Article(id="a", text=text, published="2011-03-02"),
        Article(id="b", text=text + " Rain continued .", published="2011-03-02"),
        Article(id="c", text=text + " Roads closed .", published="2014-10-19"),
    ]
    groups = sorted(sorted(a.id for a in s.articles) for s in cluster_articles(same_day))
    assert groups == [["a", "b"], ["c"]]
