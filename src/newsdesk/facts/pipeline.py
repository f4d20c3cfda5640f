"""The facts stage: parse every article once, then read each kind of fact off the parse.

Needs: cleaned Articles and a Models object. Adds: an ArticleFacts per article (then,
across the story, resolved entities). Every field is cut into blocks (lines), all blocks
of all articles go through one ``nlp.pipe`` -- with worker processes when asked -- and
the readers (sentences, mentions, dates, numbers, quotes, events) work on the parses.
spaCy's lemmatizer is not needed (cue verbs are matched by form) and is disabled.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsdesk.facts.dates import find_dates
from newsdesk.facts.entities import resolve_entities
from newsdesk.facts.events import extract_events
from newsdesk.facts.mentions import extract_mentions
from newsdesk.facts.model import ArticleFacts, DateFact, NumberFact, Sentence, StoryFacts
from newsdesk.facts.numbers import find_numbers
from newsdesk.facts.quotes import extract_quotes
from newsdesk.facts.sentences import Block, block_sentences, split_blocks
from newsdesk.model import FIELDS, Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from newsdesk.models import Models

# Components this stage reads: tokens, POS (numbers' nouns), parse (sentences, quotes,
# events) and NER (mentions). Everything else the package may load is switched off.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")


def _blocks(article: Article) -> list[Block]:
    if not article.ok:
        return []
    out: list[Block] = []
    for name in FIELDS:
        out.extend(split_blocks(name, article.get(name)))
    return out


def article_facts(article: Article, parsed: list[tuple[Block, Doc]]) -> ArticleFacts:
    """Every fact of one article from its parsed blocks."""
    facts = ArticleFacts(article)
    aid = article.id
    for block, doc in parsed:
        for s, e in block_sentences(doc):
            facts.sentences.append(Sentence(Span(aid, block.field, block.start + s, block.start + e)))
        found = find_dates(block.text, article.published)
        for d in found:
            facts.dates.append(DateFact(Span(aid, block.field, block.start + d.start,
                                             block.start + d.end),
                                        d.value, d.weekday, d.relative, d.weekday_mismatch))
        for n in find_numbers(doc, [(d.start, d.end) for d in found]):
            facts.numbers.append(NumberFact(Span(aid, block.field, block.start + n.start,
                                                 block.start + n.end),
                                            n.value, n.low, n.high, n.unit, n.qualifier))
    facts.mentions = extract_mentions(article, parsed)
    facts.quotes = extract_quotes(article, parsed, facts.mentions)
    facts.events = extract_events(article, parsed, facts.mentions, facts.dates)
    return facts


def extract_facts(articles: Iterable[Article], models: Models, n_process: int = 1,
                  batch_size: int = 64) -> list[ArticleFacts]:
    """Facts of each article, in input order (an unreadable article gets empty facts)."""
    articles = list(articles)
    blocks = [_blocks(a) for a in articles]
    items = [(b.text, (ai, bi)) for ai, bs in enumerate(blocks) for bi, b in enumerate(bs)]
    nlp = models.nlp()
    disable = [name for name in nlp.pipe_names if name not in NEEDED]
    parsed: dict[int, list[tuple[Block, Doc]]] = defaultdict(list)
    if items:
        # Workers are forked with the loaded pipeline; where fork is not the default, each
        # worker would unpickle the whole pipeline, which a single story does not repay.
        n_process = n_process if sys.platform.startswith("linux") else 1
        for doc, (ai, bi) in nlp.pipe(items, as_tuples=True, n_process=n_process,
                                      batch_size=batch_size, disable=disable):
            parsed[ai].append((blocks[ai][bi], doc))
    return [article_facts(a, parsed.get(i, [])) for i, a in enumerate(articles)]


def extract_story_facts(articles: Iterable[Article], models: Models | None = None,
                        n_process: int = 1) -> StoryFacts:
    """Facts of every article of a story, with entities resolved across them."""
    if models is None:
        from newsdesk.models import Models

        models = Models()
    return resolve_entities(extract_facts(articles, models, n_process=n_process))
