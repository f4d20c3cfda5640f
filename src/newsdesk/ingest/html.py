"""Main text and metadata of a news page: a documented extraction cascade.

1. **Primary** -- trafilatura in precision mode, with its own internal fallbacks and
   its metadata (title, author, site name, canonical URL, and the publication date,
   which it finds with htmldate).
2. **Second opinion** -- resiliparse's main-content text (about 3 ms a page). It keeps
   nearly all of an article (recall 0.98 on aeb) plus some boilerplate, so it shows
   when the primary under-delivered (a body cut in half) or over-delivered (comment
   threads or link lists taken for the article).
3. **Arbitration**, only when the two disagree -- readability-lxml and trafilatura in
   recall mode are run as well, and each paragraph of the second opinion is kept when at
   least two of the three full extractors also contain it. Paragraph voting was chosen
   over picking one extractor's whole output because the extractors fail on different
   paragraphs of the same page.

The thresholds that trigger step 3 were tuned on ``../shared/corpora/aeb`` (181 pages):
it runs on 16 pages in 181, and lifts word-4-gram F1 from 0.951 (step 1 alone) to 0.974
at about 1.4x the CPU time of plain trafilatura (see BENCHMARKS.md, "Extract"); moving
either threshold by 0.1 changed F1 by under 0.001.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from lxml import etree
from readability import Document as ReadabilityDocument
from resiliparse.extract.html2text import extract_plain_text
from trafilatura.settings import Document
from trafilatura.utils import load_html

from newsdesk.ingest.pagemeta import PageMeta, page_metadata
from newsdesk.ingest.shingles import shingles, words

# Step 3 runs when the second opinion has less than this share of its 4-grams in the
# primary's text (the primary lost part of the body)...
MIN_SECOND_COVERED = 0.5
# ...or when less than this share of the primary's 4-grams is in the second opinion
# (the primary took in text that a main-content extractor left out).
MIN_PRIMARY_CONFIRMED = 0.85
# A paragraph survives the vote when this many of the three full extractors contain it.
VOTES_NEEDED = 2
# A paragraph "is in" another extractor's output when half its 4-grams are there: the
# extractors break paragraphs and normalise whitespace differently.
PARAGRAPH_SUPPORT = 0.5
# Fewer words than this is not an article (a cookie wall, a "page not found").
MIN_ARTICLE_WORDS = 5

# The dek sits in the article header: among the elements right after the headline (or,
# on pages without an <h1>, near the top of the body). Looking only there keeps the
# search under a tenth of a millisecond; a whole-tree search cost 3-4 ms a page on aeb.
_HEADER_XPATH = etree.XPath(
    "(//h1)[1]/following::*[position() <= 60][self::p or self::h2 or self::div or self::span]"
    "[@class or @id or @itemprop]"
)
_TOP_XPATH = etree.XPath(
    "(//body//*)[position() <= 300][self::p or self::h2 or self::div][@class or @id or @itemprop]"
)
# Class, id or itemprop names that outlets give the standfirst ("dek"); "dek" only as a
# whole word (not inside "desktop").
_DEK_WORD = re.compile(
    r"standfirst|(?:^|[-_ ])dek(?:$|[-_ ])|sub-?head|subtitle|summary|strapline|description",
    re.IGNORECASE,
)
_NOT_DEK = re.compile(r"comment|caption|author|promo|related|newsletter", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PageText:
    """What the cascade found in one page."""

    text: str
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None  # as the page declares it (<html lang>), if it does
    # which step of the cascade produced the text (how often each runs is what the
    # thresholds above were tuned by)
    step: str = "primary"
    # Blocks of the page's main-content view that the article text left out (related
    # links, captions, sign-up boxes), so that a reader can audit the cut.
    removed: tuple[str, ...] = ()


def extract_page(html: str, url: str | None = None) -> PageText:
    """Run the cascade on one decoded HTML page. Returns empty ``text`` when no article."""
    # Parsed once: trafilatura works on a copy of the tree it is given, and the same tree
    # then serves the standfirst search and the declared language.
    tree = load_html(html)
    document = trafilatura.bare_extraction(
        tree if tree is not None else html,
        url=url,
        favor_precision=True,
        # trafilatura's own fallbacks (readability + jusText on every page) cost a third
        # of its time; steps 2-3 below do that job only where it is needed, and did it
        # better on aeb (F1 0.972 vs 0.970 with both).
        fast=True,
        include_comments=False,
        with_metadata=False,
    )
    meta = page_metadata(tree, url) if tree is not None else PageMeta()
    primary = _paragraphs(document.text or "" if isinstance(document, Document) else "")
    second = _paragraphs(_main_content(html))
    text, step = primary, "primary"
    primary_grams, second_grams = shingles(primary), shingles(second)
    common = len(primary_grams & second_grams)
    if second and (
        not primary
        or common < MIN_SECOND_COVERED * len(second_grams)
        or common < MIN_PRIMARY_CONFIRMED * len(primary_grams)
    ):
        text, step = _arbitrate(html, tree, url, primary, second), "vote"
        if len(words(text)) < MIN_ARTICLE_WORDS:
            text, step = (primary or second), "fallback"
    title = _strip_site_name(_clean(meta.title), _clean(meta.sitename), meta.url or url)
    standfirst, text = _find_standfirst(tree, meta.description, text, title)
    return PageText(
        text=text,
        title=title,
        standfirst=standfirst,
        byline=_clean(meta.author),
        source=_clean(meta.sitename) or _host(meta.url or url),
        url=meta.url or url,
        published=meta.published,
        language=_declared_language(tree),
        step=step,
        removed=_left_out(second, text, standfirst, title),
    )


def _main_content(html: str) -> str:
    return extract_plain_text(
        html,
        main_content=True,
        alt_texts=False,
        links=False,
        list_bullets=False,
        noscript=False,
        form_fields=False,
    )


# At most this many left-out blocks are kept for audit, each cut to this many characters.
MAX_REMOVED = 40
MAX_REMOVED_CHARS = 300


def _left_out(second: str, text: str, standfirst: str | None, title: str | None) -> tuple[str, ...]:
    kept = shingles(" ".join(filter(None, (title, standfirst, text))))
    kept_plain = " ".join(words(" ".join(filter(None, (title, standfirst, text)))))
    out = []
    for block in second.split("\n\n"):
        grams = shingles(block)
        inside = (
            len(grams & kept) >= PARAGRAPH_SUPPORT * len(grams)
            if grams
            else " ".join(words(block)) in kept_plain
        )
        if block and not inside:
            out.append(block[:MAX_REMOVED_CHARS])
            if len(out) == MAX_REMOVED:
                break
    return tuple(out)


def _arbitrate(html: str, tree: Any, url: str | None, primary: str, second: str) -> str:
    recall = trafilatura.extract(
        tree if tree is not None else html,
        url=url,
        favor_recall=True,
        fast=True,
        include_comments=False,
    )
    voters = [primary, _readability(html), _paragraphs(recall or "")]
    voter_grams = [shingles(v) for v in voters]
    voter_plain = [" ".join(words(v)) for v in voters]
    kept = []
    for paragraph in second.split("\n\n"):
        grams = shingles(paragraph)
        if grams:
            votes = sum(len(grams & g) >= PARAGRAPH_SUPPORT * len(grams) for g in voter_grams)
        else:  # under four words: look for the words themselves
            needle = " ".join(words(paragraph))
            votes = sum(bool(needle) and needle in plain for plain in voter_plain)
        if votes >= VOTES_NEEDED:
            kept.append(paragraph)
    return "\n\n".join(kept)


def _readability(html: str) -> str:
    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
    except Exception:  # noqa: BLE001 - readability raises bare Exceptions on odd markup; it only votes
        return ""
    tree = _parse(summary)
    if tree is None:
        return ""
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//blockquote|//pre|//td")
    return "\n\n".join(_squash(b.text_content()) for b in blocks if _squash(b.text_content()))


_LANG_CODE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)


def _declared_language(tree: Any) -> str | None:
    """The ISO code in ``<html lang="en-GB">``: the publisher's own statement, read for
    free, where a statistical guess costs several milliseconds a page."""
    if tree is None:
        return None
    root = tree.getroottree().getroot()
    match = _LANG_CODE.match((root.get("lang") or root.get("xml:lang") or "").strip())
    return match.group(1).lower() if match else None


def _parse(html: str) -> Any:
    try:
        return lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _find_standfirst(
    tree: Any, description: str | None, text: str, title: str | None
) -> tuple[str | None, str]:
    """The dek under the headline, and the body without it.

    A marked-up dek element comes first (and is taken out of the body when the primary
    put it among the first paragraphs); else a meta description that is not simply the
    opening of the body (many sites copy their first paragraph there).
    """
    paragraphs = text.split("\n\n")
    title_plain = " ".join(words(title or ""))
    # A first paragraph that repeats the headline is the headline, not body.
    if paragraphs and title_plain and " ".join(words(paragraphs[0])) == title_plain:
        paragraphs = paragraphs[1:]
    body_plain = " ".join(words(" ".join(paragraphs)[:3000]))

    def fits(candidate: str) -> bool:
        plain = " ".join(words(candidate))
        return 6 <= len(plain.split()) <= 80 and plain != title_plain

    if tree is not None:
        for element in _HEADER_XPATH(tree) or _TOP_XPATH(tree):
            names = " ".join(element.get(a, "") for a in ("class", "id", "itemprop"))
            if not _DEK_WORD.search(names) or _NOT_DEK.search(names):
                continue
            if element.xpath("ancestor::nav|ancestor::footer"):
                continue
            candidate = _squash(element.text_content())
            if not fits(candidate):
                continue
            head = [" ".join(words(p)) for p in paragraphs[:3]]
            plain = " ".join(words(candidate))
            if plain in head:
                paragraphs.pop(head.index(plain))
                return candidate, "\n\n".join(paragraphs)
            if plain not in body_plain:
                return candidate, "\n\n".join(paragraphs)
    meta_dek = _clean(description)
    body = "\n\n".join(paragraphs)
    if (
        meta_dek
        and fits(meta_dek)
        and " ".join(words(meta_dek)) not in body_plain
        and not meta_dek.endswith(("...", "\u2026"))
        and _about_the_story(meta_dek, title or "", body[:1000])
    ):
        return meta_dek, body
    return None, body


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 3}


def _about_the_story(dek: str, title: str, opening: str) -> bool:
    """A site-wide description ("News, sport and opinion from ...") shares no words with
    the story; a real dek repeats some of the headline's or the opening's."""
    mine = _content_words(dek)
    return bool(mine & _content_words(title)) or len(mine & _content_words(opening)) >= 3


_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|:\u00b7\u2022]\s+")


def _strip_site_name(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """ "Storm hits coast - The Herald" -> "Storm hits coast", when the tail names the site
    (its site name, or its host name without the "www." and the top-level domain)."""
    if not title:
        return title
    parts = _SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    host = (_host(url) or "").rsplit(".", 1)[0]
    names = {" ".join(words(n)) for n in (sitename, host, host.replace(".", " ")) if n}
    tail = " ".join(words(parts[-1]))
    if tail and (tail in names or any(tail and tail == n.split(" ")[0] for n in names)):
        return title[: title.rindex(parts[-1])].rstrip(" -\u2013\u2014|:\u00b7\u2022")
    return title


def _paragraphs(text: str) -> str:
    """One paragraph per block, separated by a blank line, whitespace squashed."""
    return "\n\n".join(p for p in (_squash(line) for line in text.splitlines()) if p)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _clean(value: Any) -> str | None:
    if not value:
        return None
    squashed = _squash(str(value))
    return squashed or None


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
