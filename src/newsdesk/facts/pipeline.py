"""The facts stage: parse every article once, then read each kind of fact off the parse.

Needs: cleaned Articles and a Models object. Adds: an ArticleFacts per article (then,
across the story, resolved entities). Every field is cut into blocks (lines), the blocks
go through ``nlp.pipe`` -- in forked worker processes when asked -- and the readers
(sentences, mentions, dates, numbers, quotes, events) work on the parses.
spaCy's lemmatizer is not needed (cue verbs are matched by form) and is disabled.
"""

from __future__ import annotations

import multiprocessing
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.facts.dates import find_dates
from newsdesk.facts.entities import resolve_entities
from newsdesk.facts.events import extract_events
from newsdesk.facts.mentions import extract_mentions
from newsdesk.facts.model import ArticleFacts, DateFact, NumberFact, Sentence, StoryFacts
from newsdesk.facts.numbers import continental, find_numbers
from newsdesk.facts.quotes import extract_quotes
from newsdesk.facts.sentences import Block, block_sentences, split_blocks
from newsdesk.model import FIELDS, Article, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from newsdesk.models import Models

# Components this stage reads: tokens, POS (numbers' nouns), parse (sentences, quotes,
# events) and NER (mentions). Everything else the package may load is switched off.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner")
# Articles per task handed to a worker process: small enough to balance the load of two
# workers, large enough that spaCy's batches stay full.
CHUNK_ARTICLES = 16


def _blocks(article: Article, max_field_chars: int | None = None) -> list[Block]:
    if not article.ok:
        return []
    out: list[Block] = []
    for name in FIELDS:
        out.extend(split_blocks(name, article.get(name)[:max_field_chars]))
    return out


def article_facts(article: Article, parsed: list[tuple[Block, Doc]]) -> ArticleFacts:
    """Every fact of one article from its parsed blocks."""
    facts = ArticleFacts(article)
    aid = article.id
    block_sents: list[list[tuple[int, int]]] = []
    figures = continental("\n".join(block.text for block, _ in parsed))
    for block, doc in parsed:
        sents = block_sentences(doc, block.text)
        block_sents.append(sents)
        for s, e in sents:
            facts.sentences.append(Sentence(Span(aid, block.field, block.start + s, block.start + e)))
        found = find_dates(block.text, article.published)
        for d in found:
            facts.dates.append(DateFact(Span(aid, block.field, block.start + d.start,
                                             block.start + d.end),
                                        d.value, d.weekday, d.relative, d.weekday_mismatch))
        for n in find_numbers(doc, [(d.start, d.end) for d in found], block.text,
                              continental_figures=figures):
            subject = (Span(aid, block.field, block.start + n.subject[0],
                            block.start + n.subject[1]) if n.subject else None)
            facts.numbers.append(NumberFact(Span(aid, block.field, block.start + n.start,
                                                 block.start + n.end),
                                            n.value, n.low, n.high, n.unit, n.qualifier,
                                            subject))
    facts.mentions = extract_mentions(article, parsed)
    facts.quotes = extract_quotes(article, parsed, facts.mentions, block_sents)
    facts.events = extract_events(article, parsed, facts.mentions, facts.dates)
    return facts


def parse_articles(articles: list[Article], models: Models, batch_size: int = 64,
                   max_field_chars: int | None = None) -> list[list[tuple[Block, Doc]]]:
    """Every block of each article with its parse, in input order: what the facts
    readers work on, and what ``check`` indexes its sources from, so that checking a
    summary against compared sources parses them once. ``max_field_chars`` cuts each
    field first (``check`` bounds records handed in through the API)."""
    blocks = [_blocks(a, max_field_chars) for a in articles]
    items = [(b.text, (ai, bi)) for ai, bs in enumerate(blocks) for bi, b in enumerate(bs)]
    nlp = models.nlp()
    disable = [name for name in nlp.pipe_names if name not in NEEDED]
    parsed: dict[int, list[tuple[Block, Doc]]] = defaultdict(list)
    for doc, (ai, bi) in nlp.pipe(items, as_tuples=True, batch_size=batch_size, disable=disable):
        parsed[ai].append((blocks[ai][bi], doc))
    return [parsed.get(i, []) for i in range(len(articles))]


def _facts_here(articles: list[Article], models: Models, batch_size: int) -> list[ArticleFacts]:
    """Facts of some articles, parsed in this process."""
    parsed = parse_articles(articles, models, batch_size)
    return [article_facts(a, p) for a, p in zip(articles, parsed, strict=True)]


@dataclass(frozen=True, slots=True)
class _Job:
    """What a forked worker needs; inherited through fork, never pickled."""

    models: Models
    batch_size: int


# Set in each forked worker by the pool initializer, read only there: the parent never
# touches it, so there is no shared cache, just the worker's own copy of the models.
_worker_job: list[_Job] = []


def _start_worker(job: _Job) -> None:
    _worker_job.append(job)


def _work(chunk: list[Article]) -> list[ArticleFacts]:
    job = _worker_job[0]
    return _facts_here(chunk, job.models, job.batch_size)


def extract_facts(articles: Iterable[Article], models: Models, n_process: int = 1,
                  batch_size: int = 64) -> list[ArticleFacts]:
    """Facts of each article, in input order (an unreadable article gets empty facts).

    With ``n_process`` > 1 the articles are shared out in chunks to forked worker
    processes that each parse *and* read facts, so only the small fact objects travel
    back (sending spaCy Docs between processes cost more than it saved).
    """
    articles = list(articles)
    size = max(1, min(CHUNK_ARTICLES, -(-len(articles) // max(1, n_process))))
    chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
    processes = min(n_process, len(chunks))
    # A daemon process (a dask worker, say) may not start children: parse in place there.
    if (processes <= 1 or "fork" not in multiprocessing.get_all_start_methods()
            or multiprocessing.current_process().daemon):
        return _facts_here(articles, models, batch_size)
    models.nlp()  # load once here; the workers share it copy-on-write
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start_worker,
                      initargs=(_Job(models, batch_size),)) as pool:
        done = pool.map(_work, chunks, chunksize=1)
    return [facts for chunk in done for facts in chunk]


def extract_story_facts(articles: Iterable[Article], models: Models | None = None,
                        n_process: int = 1) -> StoryFacts:
    """Facts of every article of a story, with entities resolved across them."""
    if models is None:
        from newsdesk.models import Models

        models = Models()
    return resolve_entities(extract_facts(articles, models, n_process=n_process),
                            known_place(models))


def known_place(models: Models) -> Callable[[str], bool]:
    """Whether the models' gazetteer lists a name as a place (for entity resolution)."""
    def known(name: str) -> bool:
        return bool(models.gazetteer().lookup({name}))
    return known
