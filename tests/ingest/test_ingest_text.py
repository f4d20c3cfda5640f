"""Saved page text with its chrome: kinds of chrome, headline and standfirst, nothing lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SEEDS

from newsdesk.ingest import extract
from newsdesk.ingest.text import chrome_kind, clean_text

BODY_1 = (
    "The harbour authority said on Monday that the new ferry terminal would open next "
    "spring, two years later than first planned."
)
BODY_2 = (
    "Officials blamed rising steel prices and a dispute with the main contractor, which "
    "has since been settled."
)
BODY_3 = '"We are confident the wait will be worth it," the authority\'s chair told reporters.'


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # navigation and skip links at the top of a copied page
        ("Skip to content", "skip link"),
        ("Skip to main content", "skip link"),
        ("Menu", "navigation"),
        ("Sign in", "navigation"),
        ("Advertisement", "navigation"),
        ("Home | Local | Nation | Opinion", "navigation"),
        ("World · Business · Markets · Tech", "navigation"),
        # subscribe / newsletter / app prompts
        ("Subscribe to our Morning Briefing", "prompt"),
        ("Sign up for our newsletters", "prompt"),
        ("Get the Daily Planet app", "prompt"),
        ("Get push alerts", "prompt"),
        ("Get our pick of top stories in your inbox", "prompt"),
        ("Click here to return to the classic site", "prompt"),
        (
            "By clicking subscribe, I agree to receive news updates and promotional material.",
            "prompt",
        ),
        ("We use cookies to improve your experience.", "prompt"),
        ("5 min read", "prompt"),
        # share links
        ("Send this to a friend", "share link"),
        ("Share this article", "share link"),
        ("Facebook", "share link"),
        # author and date labels whose values were images or scripts
        ("ARTICLE BY", "empty label"),
        ("PUBLISHED", "empty label"),
        ("Updated:", "empty label"),
        # bracketed promos for other stories
        ("[See more: Flooding closes coastal road for a week]", "bracketed promo"),
        ("[Read more: What the new budget means for renters]", "bracketed promo"),
        # single-word widget labels
        ("Loading", "navigation"),
        ("Newsletter", "prompt"),
        # boxes listing other stories
        ("Related articles", "story list"),
        ("Most read", "story list"),
        ("You may also like", "story list"),
        # credits of pictures that did not survive the copy
        ("Photo: Reuters", "media credit"),
        ("Image credit: Getty Images", "media credit"),
        # bare time stamps
        ("3 hours ago", "time stamp"),
        ("Updated 10:41 GMT", "time stamp"),
        # legal footers and comment counters
        ("Copyright 2025 The Courier. All rights reserved.", "legal notice"),
        ("12 comments", "prompt"),
        ("View all comments", "prompt"),
        # the note a machine-translating site sets over or under each article
        ("This text was translated automatically.", "translation note"),
        ("Harbour Post - machine translation", "translation note"),
    ],
)
def test_chrome_lines_are_recognised(line: str, kind: str) -> None:
    assert chrome_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        BODY_1,
        BODY_3,
        # a quote that addresses "you" is reported speech, not a prompt
        '"If you live on the coast, you should prepare now," the forecaster said.',
        # "US" is a country, not the outlet speaking
        "The two US allies agreed to share more intelligence on missile launches.",
        # a short section heading inside the article
        "Strained ties and historical context",
        # a one-sentence paragraph
        "Nobody was hurt.",
        # a sentence about a translation is no note
        ("The minister's speech, given in French, was translated by machine for the "
         "delegates from the islands."),
    ],
)
def test_body_lines_are_not_chrome(line: str) -> None:
    assert chrome_kind(line) is None


def _page(*lines: str) -> str:
    return "\n".join(lines)


def test_headline_standfirst_and_body_are_found_among_chrome() -> None:
    raw = _page(
        "Skip to content",
        "Menu",
        "",
        "Ferry terminal opening delayed by two years",
        "Rising costs and a contract dispute pushed back the harbour project",
        "ARTICLE BY",
        "PUBLISHED",
        BODY_1,
        "[See more: Harbour traffic at a ten-year high]",
        BODY_2,
        "Newsletter",
        "Morning Brief",
        "Subscribe to our Morning Brief",
        "An automated curation of our top stories to start your day.",
        BODY_3,
        "Send this to a friend",
        "Menu",
    )
    clean = clean_text(raw)
    assert clean.title == "Ferry terminal opening delayed by two years"
    assert clean.standfirst == "Rising costs and a contract dispute pushed back the harbour project"
    assert clean.text.split("\n\n") == [BODY_1, BODY_2, BODY_3]
    assert "An automated curation of our top stories to start your day." in clean.removed
    assert "Skip to content" in clean.removed


def test_lists_of_other_stories_go_with_their_header() -> None:
    raw = _page(
        "Ferry terminal opening delayed by two years",
        BODY_1,
        BODY_2,
        "Related stories",
        "Harbour traffic reaches a ten-year high",
        "New ferry route to the islands approved",
        BODY_3,
        "Most read",
        "Ten places to swim this summer",
    )
    clean = clean_text(raw)
    assert clean.text.split("\n\n") == [BODY_1, BODY_2, BODY_3]
    assert "New ferry route to the islands approved" in clean.removed


def test_the_masthead_over_a_menu_is_the_outlet_not_the_headline() -> None:
    raw = _page(
        "Harbour Courier Online",
        "Menu",
        "News | Sport | Weather",
        "Ferry terminal opening delayed by two years",
        "Rising costs and a contract dispute pushed back the harbour project",
        BODY_1,
        BODY_2,
    )
    clean = clean_text(raw)
    assert clean.source == "Harbour Courier Online"
    assert clean.title == "Ferry terminal opening delayed by two years"
    assert clean.standfirst == "Rising costs and a contract dispute pushed back the harbour project"
    assert clean.text.split("\n\n") == [BODY_1, BODY_2]
    assert "Harbour Courier Online" in clean.removed


def test_a_paragraph_first_page_has_no_headline() -> None:
    clean = clean_text(_page(BODY_1, BODY_2))
    assert clean.title is None and clean.standfirst is None
    assert clean.text.split("\n\n") == [BODY_1, BODY_2]


def test_a_section_label_is_not_taken_for_the_headline() -> None:
    clean = clean_text(_page("What happened?", BODY_1, "What comes next?", BODY_2))
    assert clean.title is None
    assert "What happened?" in clean.text


def test_a_repeated_sentence_keeps_its_first_occurrence() -> None:
    clean = clean_text(_page(BODY_1, BODY_2, BODY_1))
    assert clean.text.split("\n\n") == [BODY_1, BODY_2]
    assert clean.removed == (BODY_1,)


def test_byline_and_date_lines_become_metadata() -> None:
    clean = clean_text(_page("By Ana Ruiz", "Published: 3 March 2025", BODY_1, BODY_2))
    assert clean.byline == "Ana Ruiz"
    assert clean.published == "2025-03-03"
    assert clean.text.split("\n\n") == [BODY_1, BODY_2]


# --- The five seed reports: what is true of every one of them, by kind -------------

SEED_FILES = sorted(SEEDS.glob("*.txt"))
# Gold read off the pages by a person: the line number (0-based, counting non-blank
# lines) of the headline and of the standfirst each page prints, None where it prints
# none. The test reads the words from the file, so it names none of them.
HEAD_LINES = {
    "000": (None, None),  # opens straight into the first paragraph
    "001": (0, None),
    "002": (3, 4),  # after "skip to content" and two menu buttons
    "003": (None, None),  # opens with a section label
    "004": (0, None),
}


def _sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])", line) if s]


def _is_body_sentence(line: str) -> bool:
    """What the test counts as a body sentence: a full sentence of prose that none of
    the kinds of chrome claims (an independent, deliberately simple reading)."""
    if len(line.split()) < 8 or not re.search(r"[.!?][\"”’)]*$", line):
        return False
    unquoted = re.sub(r"[\"“][^\"”]*[\"”]", " ", line)
    reader_facing = re.search(
        r"\b(?:you|your|our|I agree|subscribe|newsletter|this article|this story)\b",
        unquoted,
        re.IGNORECASE,
    )
    return not reader_facing


@pytest.fixture(scope="module")
def seeds() -> list[tuple[str, list[str], object]]:
    assert len(SEED_FILES) == 5, f"expected five seed reports in {SEEDS}"
    out = []
    for path in SEED_FILES:
        raw = path.read_text(encoding="utf-8")
        lines = [" ".join(line.split()) for line in raw.splitlines() if line.strip()]
        out.append((path.name[:3], lines, clean_text(raw)))
    return out


def test_seeds_keep_every_body_sentence(seeds: list) -> None:
    for name, lines, clean in seeds:
        kept = " ".join([clean.text, clean.standfirst or "", clean.title or ""])
        for line in lines:
            if _is_body_sentence(line):
                for sentence in _sentences(line):
                    assert sentence in kept, f"seed {name} lost: {sentence!r}"


def test_seeds_lose_every_kind_of_chrome(seeds: list) -> None:
    for name, lines, clean in seeds:
        body = clean.text.split("\n\n")
        for paragraph in body:
            assert chrome_kind(paragraph) is None, f"seed {name} kept chrome {paragraph!r}"
            # no reader-facing prompt blurb survives
            unquoted = re.sub(r"[\"“][^\"”]*[\"”]", " ", paragraph)
            assert not re.search(r"\b(?:your|our)\b", unquoted, re.IGNORECASE), (name, paragraph)
        # lines repeated within the page appear at most once
        assert len(body) == len(set(body)), name
        # everything dropped is accounted for, and nothing dropped is a body sentence
        assert all(
            chrome_kind(r) or not _is_body_sentence(r) or r in clean.text for r in clean.removed
        )


def test_seeds_headline_and_standfirst(seeds: list) -> None:
    for name, lines, clean in seeds:
        title_at, standfirst_at = HEAD_LINES[name]
        assert clean.title == (lines[title_at] if title_at is not None else None), name
        if standfirst_at is None:
            assert clean.standfirst is None, name
        else:
            assert clean.standfirst is not None and clean.standfirst.startswith(
                lines[standfirst_at]
            ), name
        # the headline is not repeated as the first body paragraph
        if clean.title:
            assert not clean.text.startswith(clean.title)


# --- Properties -------------------------------------------------------------------

_line = st.one_of(
    st.sampled_from(
        [
            "Menu",
            "Skip to content",
            "Subscribe to our newsletter",
            "ARTICLE BY",
            BODY_1,
            BODY_2,
            BODY_3,
            "[See more: another story]",
            "Share",
            "",
            "Short heading here",
        ]
    ),
    st.text(min_size=0, max_size=80),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=25))
def test_every_line_is_either_kept_or_removed(lines: list[str]) -> None:
    clean = clean_text("\n".join(lines))
    non_blank = [" ".join(line.split()) for line in "\n".join(lines).splitlines()]
    non_blank = [line for line in non_blank if line]
    kept = [p for p in clean.text.split("\n\n") if p]
    head = [clean.title] if clean.title else []
    head += clean.standfirst.split("\n") if clean.standfirst else []
    extra = [x for x in (clean.byline, clean.published) if x]
    # every output line is an input line, and no input line vanishes unaccounted
    for paragraph in kept + head + list(clean.removed):
        assert paragraph in non_blank
    assert len(kept) + len(head) + len(clean.removed) + len(extra) == len(non_blank)


def test_a_translation_note_is_not_taken_for_the_headline() -> None:
    # the note's words come back in the footer's, so without knowing it for chrome the
    # note passed for a headline whose words the body repeats
    raw = _page(
        "Lakeside Wire - automatic translation",
        "",
        "Ferry service to the islands cut after storm",
        "",
        "The ferry service between the mainland and the islands was cut on Monday after "
        "a storm damaged the pier.",
        "",
        "This text was translated automatically.",
    )
    page = clean_text(raw)
    assert page.title == "Ferry service to the islands cut after storm"
    assert "translated" not in page.text


# --- A whole article saved on one line (issue 22) -----------------------------------

# Invented prose, one paragraph of many sentences, as a copy of a whole article comes
# out when the page's paragraphs were joined on one line. It uses, in their news sense,
# words that chrome also uses: "alert" and "notifications" (push prompts), "sign up"
# (newsletter prompts). Before the fix any one of them made the whole line a prompt.
ONE_LINE_SENTENCES = [
    (
        "The regional water board issued a flood alert for the lower valley on Thursday "
        "after three days of heavy rain swelled the river to its highest level in a decade."
    ),
    (
        "Engineers spent the night reinforcing the earth bank near the old mill, where a "
        "breach in 1998 flooded more than two hundred homes and closed the main road for weeks."
    ),
    (
        "The board said it had sent text notifications to every household in the valley and "
        "asked people living closest to the water to move their cars to higher ground."
    ),
    (
        "Volunteers who sign up at the town hall will help fill sandbags through the weekend, "
        "the mayor said, adding that the school gym would stay open as a shelter."
    ),
    (
        "Farmers upstream reported fields under water and feared losing most of the winter "
        "crop, while the rail operator cut services between the two market towns."
    ),
    (
        "Forecasters expect the rain to ease by Sunday, but the board warned that the river "
        "would keep rising for at least a day after it stops."
    ),
]
ONE_LINE_ARTICLE = " ".join(ONE_LINE_SENTENCES)
# A long line of prose that opens with a share button's words ("Share the ...").
ONE_LINE_SHARE_START = (
    "Share the cost of the repairs fairly, the residents' association told the council, "
    "which has proposed charging every household in the valley the same flat fee. "
    + " ".join(ONE_LINE_SENTENCES[1:])
)
# Real chrome around the article: it must still go.
CHROME_ABOVE = [
    "Skip to content",
    "Home | World | Business | Sport",
    "Sign up for our morning newsletter",
    "Share this article",
]
CHROME_BELOW = [
    "Read more",
    "Flood defences in the valley to get new funding",
    "Get push alerts",
    "Copyright 2025 The Valley Courier. All rights reserved.",
]


@pytest.mark.parametrize(
    ("above", "body", "below", "title"),
    [
        pytest.param([], ONE_LINE_ARTICLE, [], None, id="alone"),
        pytest.param([], ONE_LINE_SHARE_START, [], None, id="opens-like-a-share-link"),
        pytest.param(CHROME_ABOVE, ONE_LINE_ARTICLE, CHROME_BELOW, None, id="among-chrome"),
        pytest.param(
            ["River rises in the lower valley as the water board warns of floods"],
            ONE_LINE_ARTICLE,
            [],
            "River rises in the lower valley as the water board warns of floods",
            id="under-a-headline",
        ),
    ],
)
def test_an_article_on_one_line_is_kept(
    tmp_path: Path, above: list[str], body: str, below: list[str], title: str | None
) -> None:
    assert len(body.split()) >= 150  # a whole article, not a blurb
    path = tmp_path / "article.txt"
    path.write_text("\n".join([*above, body, *below]) + "\n", encoding="utf-8")
    (article,) = extract(path)
    assert article.ok, article.error
    assert article.title == title
    assert article.text == body
    # every line around it was chrome (or its headline) and nothing of it was kept
    assert set(article.removed) == set(above + below) - {title}
