"""Plain text saved from a web page with its site chrome left in.

Copying a page out of a browser keeps everything around the article: "Skip to content",
menus, newsletter and app prompts, share links, "[See more: ...]" promos, author and date
labels whose values were images, whole blocks repeated at the top and bottom. No library
cleans this form (trafilatura and its peers need the HTML tree), so the rules here are
written by hand, one per *kind* of chrome, each recognising the kind by its shape and
its reader-facing vocabulary, never by an outlet's name.

The rules are asymmetric on purpose: a line is dropped only when a rule positively
recognises it as chrome, so a body sentence is never lost to a rule that merely failed
to recognise it. Every dropped line is kept in ``removed`` for audit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import dateparser

_TERMINAL = re.compile(r"""[.!?…:;]["'”’»)\]]*$""")
_BULLET = re.compile(r"^(?:[•·▪●◦‣*-]|\d+[.)])\s+")

# Each kind of chrome, recognised on one line. (Kind names show up in tests.)
_SKIP_LINK = re.compile(
    r"^skip to (?:the )?(?:main )?(?:content|navigation|article|search)\b", re.IGNORECASE
)
_NAV_WORDS = re.compile(
    r"^(?:menu|home|search|sections?|sign in|log ?in|log ?out|register|account|close|open|"
    r"more|back|next|previous|top|back to top|toggle navigation|main menu|navigation|"
    r"advertisement|advert|sponsored|loading|ad|latest|continue reading|show more|see more)$",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^(?:share(?: (?:this|on|via|the|article|story)\b.*)?|send (?:this )?to a friend|"
    r"(?:e-?mail|print|tweet|copy link|copy|whatsapp|facebook|twitter|x|linkedin|"
    r"telegram|reddit|pinterest|flipboard)(?: this| article| story| link)?)$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:(?:article|story|written|words|text|reporting|photos?)\s+)?"
    r"(?:by|author|authors|published|updated|posted|date|last updated|first published|"
    r"reporter|editor|source|written by)\s*:?$",
    re.IGNORECASE,
)
_BRACKETED = re.compile(r"^[\[(【].{0,300}[\])】]$")
_PROMPT = re.compile(
    r"\b(?:subscribe|subscription|newsletters?|sign[- ]?up|log in to|"
    r"download (?:the|our)|get the .{1,40}\bapp\b|on (?:our|the) app|in your inbox|"
    r"alerts?\b|notifications|follow us|join (?:us|our)|click here|tap here|"
    r"give it a try|try it now|(?:read|listen to|watch) (?:a summary of )?this (?:article|story)|"
    r"this (?:article|story) (?:is|was) (?:available|brought)|"
    r"we use cookies|accept (?:all )?cookies|cookie (?:policy|settings)|"
    r"\d+\s*min(?:ute)?s? read|comments?\s*\(\d+\)|^\d+\s+comments?$|"
    r"^(?:view|show|read|post|add) (?:all )?(?:\d+ )?comments?\b)",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"all rights reserved|^copyright\b|©|terms of (?:use|service)|privacy policy|"
    r"may not be (?:published|reproduced|redistributed)",
    re.IGNORECASE,
)
# "This text was translated automatically.", "Euro News - machine translation": the note
# a translating site puts above or under every article, whose words ("translated",
# "automatic") would otherwise pass for the body's and make the note a headline.
_TRANSLATION_NOTE = re.compile(
    r"\b(?:translated|translation)\s+(?:automatically|by (?:a )?machine)\b|"
    r"\b(?:automatic|automated|automatically|machine)[- ]?(?:translation|translated)\b",
    re.IGNORECASE,
)
_MAX_NOTE_WORDS = 8
# "Photo: Reuters", "Image credit: AFP/Getty", "Video by ..." -- credits of a picture
# that did not survive the copy.
_CREDIT = re.compile(
    r"^(?:photo(?:graph)?|image|picture|video|illustration|graphic)s?"
    r"(?:\s+(?:credit|by|courtesy)\b\s*:?|\s*:)\s*\S.{0,80}$",
    re.IGNORECASE,
)
# Headers of boxes that list other stories; the headline-like lines under them go too.
_LIST_HEADER = re.compile(
    r"^(?:related(?: (?:articles|stories|content|coverage|topics))?|most (?:read|popular|viewed)|"
    r"trending(?: now)?|more (?:stories|from \w+(?: \w+)?|on this story|news)|recommended"
    r"(?: for you)?|you (?:may|might) also like|read (?:more|next)|top stories|latest news|"
    r"editor'?s picks)\s*:?$",
    re.IGNORECASE,
)
# A line that is only a time stamp ("3 hours ago", "10:41 GMT", "Updated 5 mins ago").
_RELATIVE_TIME = re.compile(
    r"^(?:updated |published |posted )?(?:\d+\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?)\s+ago|just now|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4})$",
    re.IGNORECASE,
)
# A line that talks to the reader or about the outlet, outside any quotation. News prose
# reports what others said; it addresses "you" or speaks as "our" only inside quotes.
# Case matters: "US" is a country, "us" the outlet.
_READER = re.compile(
    r"\b(?:[Yy]ou|[Yy]ours?|[Oo]urs?|us|I agree|[Tt]his (?:article|story|newsletter))\b"
)
# Chrome that comes in boxes, whose neighbours may belong to the same box. (Labels and
# bracketed promos sit right beside body paragraphs, so they do not spread.)
_SPREADS = frozenset(
    {"prompt", "fragment", "share link", "repeated line", "navigation", "skip link",
     "story list", "legal notice"}
)  # fmt: skip
# A reader-facing neighbour longer than this is left alone: prompt blurbs are short.
_MAX_BLURB_WORDS = 40
# A line longer than any blurb and holding this many sentences is a run of prose, which
# no kind of chrome is: a whole article saved on one line, or a long paragraph (issue 22).
# The single-line rules recognise chrome by a word or an opening ("alert", "sign up",
# "Share the ...") that a long paragraph can hold in its own sense; the longest chrome
# line in the five seed pages has 28 words and two sentences.
_MIN_RUN_SENTENCES = 3
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*(?=\s|$)""")
# Entries of a story list are headlines: short, with no final full stop.
_MAX_LISTED_WORDS = 20
# The masthead: at most this many lines above the headline, the outlet's name in at most
# this many words, recognised by the menu under it.
_MAX_MASTHEAD_LINES = 4
_MAX_MASTHEAD_WORDS = 5
_MENU_KINDS = frozenset({"navigation", "skip link", "fragment"})
_QUOTED = re.compile(r"[\"“”«»„][^\"“”«»„]*[\"“”«»„]")
_BYLINE = re.compile(r"^by\s+(\S.{1,80})$", re.IGNORECASE)
_DATELINE_LABEL = re.compile(
    r"^(?:published|updated|posted|first published|last updated)(?: on)?\s*:?\s+(.{4,60})$",
    re.IGNORECASE,
)
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "what",
        "how",
        "why",
        "who",
        "when",
        "where",
        "which",
        "after",
        "before",
        "over",
        "under",
        "into",
        "than",
        "then",
    ]
)


@dataclass(frozen=True, slots=True)
class CleanText:
    """A text page without its chrome: headline, standfirst, body, and what was cut."""

    text: str
    title: str | None
    standfirst: str | None
    byline: str | None
    published: str | None
    removed: tuple[str, ...]
    source: str | None = None  # the outlet's name, when the masthead line gives it


def chrome_kind(line: str) -> str | None:
    """The kind of chrome a single line is, judged on its own; None when it is not."""
    words = line.split()
    if not words or _is_prose_run(line, len(words)):
        return None
    if _SKIP_LINK.search(line):
        return "skip link"
    bare = line.strip(" .:|·•-–—>›»")
    if _NAV_WORDS.match(bare) or _is_menu_bar(line):
        return "navigation"
    if _SHARE.match(bare):
        return "share link"
    if _LABEL.match(bare):
        return "empty label"
    if _BRACKETED.match(line) and len(words) <= 40:
        return "bracketed promo"
    if _LIST_HEADER.match(bare):
        return "story list"
    if _CREDIT.match(line) and len(words) <= 12:
        return "media credit"
    if _RELATIVE_TIME.match(bare):
        return "time stamp"
    if _LEGAL.search(line) and len(words) <= 30:
        return "legal notice"
    if _TRANSLATION_NOTE.search(line) and len(words) <= _MAX_NOTE_WORDS:
        return "translation note"
    if _PROMPT.search(_unquoted(line)):
        return "prompt"
    if len(words) == 1 and not _TERMINAL.search(line):
        return "fragment"
    return None


def clean_text(raw: str) -> CleanText:
    """Split saved page text into headline, standfirst, byline and body; drop the chrome."""
    lines = [" ".join(line.split()) for line in raw.splitlines()]
    lines = [line for line in lines if line]
    kinds: list[str | None] = [chrome_kind(line) for line in lines]
    _mark_repeats(lines, kinds)

    byline = published = None
    for i, line in enumerate(lines):
        if kinds[i] is not None:
            continue
        if byline is None and (m := _BYLINE.match(line)) and len(line.split()) <= 10:
            byline, kinds[i] = m.group(1).strip(), "byline"
        elif published is None and (m := _DATELINE_LABEL.match(line)):
            parsed = dateparser.parse(m.group(1), settings={"STRICT_PARSING": False})
            if parsed is not None:
                published, kinds[i] = parsed.date().isoformat(), "dateline"

    title_at, standfirst_at = _find_head(lines, kinds)
    _spread_prompts(lines, kinds, protected={title_at, *standfirst_at})

    title = lines[title_at] if title_at is not None else None
    masthead = [lines[i] for i, kind in enumerate(kinds) if kind == "masthead"]
    # The first masthead line is the outlet's name when it is that short.
    source = masthead[0] if masthead and len(masthead[0].split()) <= _MAX_MASTHEAD_WORDS else None
    standfirst = "\n".join(lines[i] for i in standfirst_at) or None
    head = {title_at, *standfirst_at}
    body = [line for i, line in enumerate(lines) if kinds[i] is None and i not in head]
    removed = tuple(
        line for i, line in enumerate(lines) if kinds[i] not in (None, "byline", "dateline")
    )
    return CleanText(
        text="\n\n".join(body),
        title=title,
        standfirst=standfirst,
        byline=byline,
        published=published,
        source=source,
        removed=removed,
    )


_MENU_SEPARATOR = re.compile(r"\s+[|·•/›»]\s+|\s{3,}")


def _is_menu_bar(line: str) -> bool:
    """ "Home | Local | Nation | Opinion": three or more short items between separators."""
    items = _MENU_SEPARATOR.split(line)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 3 and not _TERMINAL.search(item) for item in items
    )


def _unquoted(line: str) -> str:
    return _QUOTED.sub(" ", line)


def _is_prose(line: str) -> bool:
    """A sentence-like paragraph: several words and final punctuation."""
    return len(line.split()) >= 8 and bool(_TERMINAL.search(line))


def _is_prose_run(line: str, n_words: int) -> bool:
    """Many sentences and more words than a prompt's blurb: an article's text, not chrome.

    The rules that bound a line's length (legal notices, bracketed promos, credits) stop
    well below this; the prompt, skip-link and share rules did not, so one chrome word in
    a 300-word line dropped the whole article.
    """
    return n_words > _MAX_BLURB_WORDS and len(_SENTENCE_END.findall(line)) >= _MIN_RUN_SENTENCES


def _mark_repeats(lines: list[str], kinds: list[str | None]) -> None:
    """A line that occurs twice is a widget drawn twice (top and bottom of the page).

    Short non-prose repeats go everywhere they occur; a repeated full sentence (a pull
    quote) keeps its first occurrence, so no body sentence is lost.
    """
    seen: dict[str, int] = {}
    counts: dict[str, int] = {}
    for line in lines:
        key = line.casefold()
        counts[key] = counts.get(key, 0) + 1
    for i, line in enumerate(lines):
        key = line.casefold()
        if counts[key] < 2:
            continue
        if key in seen or not _is_prose(line):
            kinds[i] = kinds[i] or "repeated line"
        seen.setdefault(key, i)


def _find_head(lines: list[str], kinds: list[str | None]) -> tuple[int | None, list[int]]:
    """The headline and standfirst among the first lines of the page that are not chrome.

    A headline is a line of 3 to 25 words without a final full stop whose content words
    come back in the body (a section label such as "What's next?" does not). Lines above
    it are the masthead: a short line followed by navigation (the outlet's name over its
    menu) is skipped, and the search stops at the first paragraph of prose. A standfirst
    is the line after the headline when it reads like a sentence but has no final full
    stop, as decks are set; bullet lines right after it (a "key points" box) go with it.
    """
    rest = [i for i, kind in enumerate(lines) if kinds[i] is None]
    body = " ".join(lines[i] for i in rest).casefold()
    for position, i in enumerate(rest[: _MAX_MASTHEAD_LINES + 1]):
        line = lines[i]
        n_words = len(line.split())
        if _is_prose(line) or line.endswith(".") or _BULLET.match(line):
            return None, []
        over_menu = i + 1 < len(lines) and kinds[i + 1] in _MENU_KINDS
        if n_words < 3 or (n_words <= _MAX_MASTHEAD_WORDS and over_menu) or n_words > 25:
            continue
        later = body.replace(line.casefold(), " ", 1)
        content = [w for w in re.findall(r"\w+", line.casefold()) if len(w) > 2 and w not in _STOP]
        if not content or sum(w in later for w in content) < len(content) / 3:
            continue
        for j in rest[:position]:
            kinds[j] = "masthead"
        return i, _standfirst_after(lines, rest[position + 1 :])
    return None, []


def _standfirst_after(lines: list[str], rest: list[int]) -> list[int]:
    if len(rest) < 2:  # a standfirst needs a body under it
        return []
    second = lines[rest[0]]
    if not (6 <= len(second.split()) <= 60) or _TERMINAL.search(second):
        return []
    standfirst = [rest[0]]
    for i in rest[1:]:
        if not _BULLET.match(lines[i]):
            break
        standfirst.append(i)
    return standfirst


def _spread_prompts(lines: list[str], kinds: list[str | None], protected: set[int | None]) -> None:
    """Grow each prompt to its whole block.

    A newsletter box is a prompt line plus its blurb ("Our editor picks the week's best
    stories every Saturday.") and its box label ("Week in Review"). A neighbour of a
    chrome line joins it when it speaks to the reader or as the outlet (outside quotes)
    or is a short scrap of at most six words with no final punctuation.
    """
    changed = True
    while changed:
        changed = False
        for i, kind in enumerate(kinds):
            if kind is not None or i in protected:
                continue
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if not any(kinds[j] in _SPREADS for j in near):
                continue
            line = lines[i]
            n_words = len(line.split())
            scrap = n_words <= 6 and not _TERMINAL.search(line)
            # a headline in a list of other stories: the line above is the list's header
            # or another of its entries
            listed = (
                i > 0
                and kinds[i - 1] == "story list"
                and n_words <= _MAX_LISTED_WORDS
                and not _TERMINAL.search(line)
            )
            if listed:
                kinds[i] = "story list"
                changed = True
            elif scrap or (n_words <= _MAX_BLURB_WORDS and _READER.search(_unquoted(line))):
                kinds[i] = "prompt"
                changed = True
