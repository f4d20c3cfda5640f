"""Online story clustering: each article joins the story it best matches, or starts one.

The estimator follows scikit-learn's shape: ``__init__`` stores parameters, ``fit`` /
``partial_fit`` return ``self``, learned state ends in ``_``. Articles are taken in input
order, in fixed-size chunks; for each chunk the per-article features are computed (the
step ``--engine dask`` distributes), document frequencies are updated, and then each
article in turn -- richest in who/where/when first, so a chunk gives the same stories
whatever the order of its articles --

1. gathers candidate stories by blocking -- its approximate nearest neighbours by
   embedding (faiss HNSW), near-duplicates by MinHash LSH (datasketch), and stories that
   share one of its rarest who/where/when keys (a capped inverted index) -- so the work
   per article is bounded and the whole run grows near-linearly;
2. scores each candidate story: cosine of the article's embedding with the story's mean
   embedding, blended with the cosine of the article's rarity-weighted who/where/when
   vector with the sum of its members' (topic words alone cannot join two earthquakes),
   less a small penalty when the article's years are absent from a story that names
   years;
3. joins the best story above ``threshold`` (else starts one), and when the article
   also matches a second story above ``merge_threshold`` it bridges them: the younger
   story is absorbed into the older one.

Every step is deterministic for the same chunks, and each assignment records why.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.stories.features import NUM_PERM, ArticleFeatures, featurize
from newsdesk.stories.split import KeyMemory

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.model import Article
    from newsdesk.stories.distill import StaticEmbedder

# A story keeps at most this many distinct keys (the most frequent): bounds memory and
# scoring time for stories of thousands of articles.
MAX_STORY_KEYS = 400
# Posting lists of the who/where/when index hold this many recent stories per key, and
# an article is indexed under at most this many of its rarest keys.
MAX_POSTINGS = 16
MAX_INDEXED_KEYS = 12
# Each article keeps its heaviest keys (vocabulary ids, float16 weights: ~0.5 KB an
# article) for the split check, and a story is checked for a split only up to this
# size: both bound memory and time. On ecbplus-dev 48 keys gave B-cubed F1 0.937, 64
# and more (up to all keys) 0.940.
MAX_ARTICLE_KEYS = 64
MAX_SPLIT_MEMBERS = 400
WHEN_KINDS = ("y:", "d:", "w:")


@dataclass(frozen=True, slots=True)
class Assignment:
    """Why one article went where it did."""

    article: str
    story: int  # index of the story it joined (or started) at that moment
    nearest: str | None  # the most similar earlier article of that story
    score: float
    text_similarity: float
    signal_similarity: float
    shared: tuple[str, ...]  # who/where/when keys shared with the story, rarest first
    absorbed: tuple[int, ...] = ()  # stories this article bridged into its own


@dataclass(slots=True, eq=False)
class _Story:
    members: list[int]
    vector_sum: np.ndarray
    # sum of the members' unit who/where/when vectors, its squared length (kept up to
    # date incrementally), and whether any member names a year
    keys: dict[str, float] = field(default_factory=dict)
    keys_sq: float = 0.0
    has_years: bool = False


@dataclass(frozen=True, slots=True)
class _Probe:
    """One article's weighted who/where/when keys, as scored against candidate stories."""

    weights: dict[str, float]
    norm: float
    years: tuple[str, ...]


class StoryClusterer:
    """Groups articles into events online. See the module docstring for the method.

    Defaults were tuned on ``../shared/corpora/ecbplus-dev`` (35 topics, two same-kind
    events each; benchmarks/cluster.py prints the figures): see the comments on each.
    """

    def __init__(
        self,
        *,
        # Tuned together by grid search on ecbplus-dev (772 articles, 66 events; run
        # `python benchmarks/cluster.py quality --tune`), B-cubed F1 / ARI: 0.865 / 0.806
        # with first guesses (0.5, 0.7, 0.5, no year penalty, overlap-share scoring);
        # 0.904 after scoring stories by a cosine of who/where/when vectors; 0.924 / 0.894
        # with these values; 0.931 / 0.902 once sentence-initial common nouns stopped
        # counting as names (0.90 in shuffled orders). Round 2, with the fixed processing
        # order and the split check below, the grid again: 0.940 / 0.922 at (0.4, 0.55,
        # 0.8, 0.1); 0.950 / 0.935 at these values. The split check keeps two same-kind
        # events apart, so text can weigh a little more. Lower thresholds scored higher
        # here (0.957 at 0.33) but over-joined at scale: on 50k synthetic articles
        # (benchmarks/cluster.py) B-cubed F1 / ARI 0.979 / 0.908 at these values, 0.962 /
        # 0.840 at threshold 0.35, 0.981 / 0.919 with round 1's. Text similarity still
        # weighs little because the static embedding cannot tell two same-kind events
        # apart (cosine ~0.9 within a topic); it keeps stray name matches across topics
        # out.
        threshold: float = 0.4,
        merge_threshold: float = 0.55,
        signal_weight: float = 0.75,
        year_penalty: float = 0.1,
        # The split check (see ``split``), tuned on ecbplus-dev in the fixed processing
        # order: split a story of at least 2 x split_min members when its best
        # normalised cut is under split_ncut and the halves' when-profiles have cosine
        # under split_when. With the round-1 join values, B-cubed F1 / ARI 0.923 / 0.885
        # without it -> 0.940 / 0.922. At threshold 0.35 and signal weight 0.75: 0.885 /
        # 0.822 without it, 0.955 / 0.939 with it; split_ncut 0.92-1.0 x split_when
        # 0.4-0.6 gave 0.938-0.955, split_min 3 or 4 the same. When-keys alone could not tell a
        # two-event story from a one-event story with two threads.
        split_ncut: float = 0.96,
        split_when: float = 0.5,
        split_min: int = 3,
        n_neighbors: int = 10,
        lsh_threshold: float = 0.5,
        rare_df: float = 0.02,
        chunk_size: int = 4096,
        embedder: StaticEmbedder | None = None,
    ) -> None:
        self.threshold = threshold
        self.merge_threshold = merge_threshold
        self.signal_weight = signal_weight
        self.n_neighbors = n_neighbors
        self.lsh_threshold = lsh_threshold
        self.rare_df = rare_df
        self.chunk_size = chunk_size
        self.year_penalty = year_penalty
        self.split_ncut = split_ncut
        self.split_when = split_when
        self.split_min = split_min
        self.embedder = embedder

    # -- public estimator API ---------------------------------------------------------
    def fit(self, articles: list[Article]) -> StoryClusterer:
        """Forget any state and cluster ``articles`` in order."""
        self.reset()
        return self.partial_fit(articles)

    def partial_fit(self, articles: list[Article]) -> StoryClusterer:
        """Add ``articles`` (in order) to the stories found so far."""
        embedder = self.get_embedder()
        for start in range(0, len(articles), self.chunk_size):
            chunk = articles[start : start + self.chunk_size]
            self.partial_fit_features(featurize(chunk, embedder))
        return self

    def partial_fit_features(self, features: list[ArticleFeatures]) -> StoryClusterer:
        """The sequential step, on features computed elsewhere (a dask worker, say)."""
        if not hasattr(self, "stories_"):
            self.reset()
        for feats in features:
            self.document_frequency_.update(feats.signals.keys())
        self.n_documents_ += len(features)
        first = self.n_seen_
        start = len(self.article_ids_)
        for i in self._processing_order(features):
            self._assign(features[i], first + i)
        self.n_seen_ += len(features)
        touched = {self._find(self.article_story_[p]) for p in range(start, len(self.article_ids_))}
        for story in sorted(touched):
            self._split(story)
        return self

    def _processing_order(self, features: list[ArticleFeatures]) -> list[int]:
        """Within a chunk, the articles richest in shared who/where/when go first.

        A story is seeded by a report that names its who, where and when; thin reports
        (a headline, a brief with one name) then join the story they fit instead of
        seeding a story that draws in both of two same-kind events. The order is a pure
        function of the chunk's content (ties broken by id), so a chunk gives the same
        stories in any input order. Tuned on ecbplus-dev (one chunk), B-cubed F1 / ARI:
        input order 0.931 / 0.902 -> 0.923 / 0.885, mean of 5 shuffled orders 0.905 /
        0.859 -> 0.923 / 0.885 (every order now gives the same stories). Most salient
        first beat the number of keys (0.919), the rarest ten keys (0.919) and dates
        first (0.910); least salient first gave 0.885.
        """
        norms = [math.sqrt(sum(w * w for w in self._weights(f).values())) for f in features]
        return sorted(range(len(features)), key=lambda i: (-norms[i], features[i].id, i))

    def labels(self) -> list[int]:
        """Final story index of every article seen, in input order (after merges)."""
        out = [0] * len(self.article_story_)
        for position, story in enumerate(self.article_story_):
            out[self.input_index_[position]] = self._find(story)
        return out

    def story_members(self) -> list[list[int]]:
        """Article indices of each live story, stories ordered by their first article."""
        groups: dict[int, list[int]] = {}
        for index, story in enumerate(self.labels()):
            groups.setdefault(story, []).append(index)
        return [groups[k] for k in sorted(groups, key=lambda s: groups[s][0])]

    # -- state ------------------------------------------------------------------------
    def get_embedder(self) -> StaticEmbedder:
        if self.embedder is None:
            from newsdesk.stories.distill import StaticEmbedder

            self.embedder = StaticEmbedder()
        return self.embedder

    def reset(self) -> None:
        from datasketch import MinHashLSH

        # Per article in the order they were assigned (which is also their id in the
        # ANN and LSH indexes), and its position in the input.
        self.article_ids_: list[str] = []
        self.article_story_: list[int] = []
        self.input_index_: list[int] = []
        self.n_seen_ = 0
        self.assignments_: list[Assignment] = []
        self.stories_: list[_Story] = []
        self.parent_: list[int] = []  # union-find over stories, for merges
        self.story_first_: list[int] = []  # input position of the article that started each story
        self.document_frequency_: Counter[str] = Counter()
        self.memory_ = KeyMemory(MAX_ARTICLE_KEYS)  # each article's heaviest keys
        self.n_documents_ = 0
        self.postings_: dict[str, list[int]] = {}
        self.lsh_ = MinHashLSH(threshold=self.lsh_threshold, num_perm=NUM_PERM)
        self.index_: object | None = None  # faiss index, built on the first vector

    def _find(self, story: int) -> int:
        parent = self.parent_
        root = story
        while parent[root] != root:
            root = parent[root]
        while parent[story] != root:  # path compression
            parent[story], story = root, parent[story]
        return root

    def _ann(self, dim: int) -> object:
        if self.index_ is None:
            import faiss

            # One thread: the clusterer is one sequential pass; parallelism belongs to
            # the featurize step, and teammates share the cores.
            faiss.omp_set_num_threads(1)
            # HNSW, 32 links, efSearch 64: recall@10 0.983 against an exact scan on 20k
            # synthetic benchmark articles, at a cost that grows ~log n per query. Its
            # level generator has a fixed seed, so one-by-one insertion is deterministic.
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efSearch = 64
            self.index_ = index
        return self.index_

    # -- the assignment of one article ------------------------------------------------
    def _idf(self, key: str) -> float:
        # scikit-learn's smooth IDF (+1): a key every article shares still counts a
        # little, so two reports alone, sharing every name, can still form a story.
        return math.log((self.n_documents_ + 1) / (self.document_frequency_[key] + 1)) + 1.0

    def _weights(self, feats: ArticleFeatures) -> dict[str, float]:
        # Keys no other article has cannot be shared; leaving them out keeps an article
        # full of typos or one-off numbers from looking unlike its own story.
        return {
            k: (1.0 + math.log(salience)) * self._idf(k)
            for k, salience in feats.signals.salience
            if self.document_frequency_[k] > 1
        }

    def _candidates(
        self, feats: ArticleFeatures, weights: dict[str, float]
    ) -> tuple[set[int], dict[int, float]]:
        neighbours: dict[int, float] = {}
        if self.article_ids_:
            index = self._ann(feats.vector.shape[0])
            k = min(self.n_neighbors, len(self.article_ids_))
            sims, ids = index.search(feats.vector.reshape(1, -1), k)  # type: ignore[attr-defined]
            for sim, i in zip(sims[0], ids[0]):
                if i >= 0:
                    neighbours[int(i)] = float(sim)
        for i in sorted(self.lsh_.query(feats.minhash)):
            neighbours.setdefault(int(i), float(self._dot(feats, int(i))))
        stories = {self._find(self.article_story_[i]) for i in neighbours}
        rare_limit = max(2.0, self.rare_df * self.n_documents_)
        for key in self._rarest(weights, rare_limit):
            stories.update(self._find(s) for s in self.postings_.get(key, ()))
        return stories, neighbours

    def _dot(self, feats: ArticleFeatures, article: int) -> float:
        index = self._ann(feats.vector.shape[0])
        stored = index.reconstruct(article)  # type: ignore[attr-defined]
        return float(np.dot(feats.vector, stored))

    def _rarest(self, weights: dict[str, float], rare_limit: float) -> list[str]:
        rare = [k for k in weights if self.document_frequency_[k] <= rare_limit]
        rare.sort(key=lambda k: (-weights[k], k))
        return rare[:MAX_INDEXED_KEYS]

    def _score(
        self, feats: ArticleFeatures, probe: _Probe, story: _Story
    ) -> tuple[float, float, float]:
        norm = float(np.linalg.norm(story.vector_sum)) or 1.0
        text = float(np.dot(feats.vector, story.vector_sum)) / norm
        keys = story.keys
        if probe.norm > 0 and story.keys_sq > 0:
            signal = sum(w * keys[k] for k, w in probe.weights.items() if k in keys)
            signal /= probe.norm * math.sqrt(story.keys_sq)
        else:
            signal = 0.0
        w = self.signal_weight
        score = (1 - w) * text + w * signal
        # When: an article whose years the story never mentions, while the story does
        # mention years, is likely a later event of the same kind.
        if probe.years and story.has_years and not any(k in keys for k in probe.years):
            score -= self.year_penalty
        return score, text, signal

    def _assign(self, feats: ArticleFeatures, input_index: int) -> None:
        weights = self._weights(feats)
        probe = _Probe(
            weights,
            math.sqrt(sum(w * w for w in weights.values())),
            # all its years, even ones no other article names yet: a year the story
            # lacks is the conflict
            tuple(sorted(feats.signals.of("y"))),
        )
        candidates, neighbours = self._candidates(feats, weights)
        scored = sorted(
            ((self._score(feats, probe, self.stories_[s]), s) for s in candidates),
            key=lambda item: (-item[0][0], item[1]),
        )
        article = len(self.article_ids_)
        absorbed: list[int] = []
        if scored and scored[0][0][0] >= self.threshold:
            (score, text, signal), story = scored[0]
            if score >= self.merge_threshold:
                for (other_score, _, _), other in scored[1:]:
                    if other_score >= self.merge_threshold:
                        absorbed.append(other)
            for other in absorbed:
                story = self._merge(story, other)
        else:
            score, text, signal = scored[0][0] if scored else (0.0, 0.0, 0.0)
            story = len(self.stories_)
            self.stories_.append(_Story([], np.zeros_like(feats.vector)))
            self.parent_.append(story)
            self.story_first_.append(input_index)
            score, text, signal = (0.0, 0.0, 0.0)
        target = self.stories_[story]
        nearest = self._nearest(story, neighbours)
        shared = tuple(
            k for k in sorted(weights, key=lambda k: (-weights[k], k)) if k in target.keys
        )[:8]
        self.assignments_.append(
            Assignment(
                article=feats.id,
                story=story,
                nearest=nearest,
                score=round(score, 4),
                text_similarity=round(text, 4),
                signal_similarity=round(signal, 4),
                shared=shared,
                absorbed=tuple(absorbed),
            )
        )
        self._add(article, story, feats, weights)
        self.input_index_.append(input_index)

    def _nearest(self, story: int, neighbours: dict[int, float]) -> str | None:
        best = [
            (-sim, i)
            for i, sim in neighbours.items()
            if self._find(self.article_story_[i]) == story
        ]
        if best:
            return self.article_ids_[min(best)[1]]
        members = self.stories_[story].members
        return self.article_ids_[members[0]] if members else None

    def _add(
        self, article: int, story: int, feats: ArticleFeatures, weights: dict[str, float]
    ) -> None:
        target = self.stories_[story]
        target.members.append(article)
        target.vector_sum += feats.vector
        all_weights = {
            k: (1.0 + math.log(salience)) * self._idf(k) for k, salience in feats.signals.salience
        }
        norm = math.sqrt(sum(w * w for w in all_weights.values())) or 1.0
        keys = target.keys
        for k, w in all_weights.items():
            u = w / norm
            old = keys.get(k, 0.0)
            keys[k] = old + u
            target.keys_sq += 2 * old * u + u * u
            if k.startswith("y:"):
                target.has_years = True
        if len(keys) > MAX_STORY_KEYS:
            self._prune(target)
        self.memory_.remember(all_weights, norm)
        self.article_ids_.append(feats.id)
        self.article_story_.append(story)
        index = self._ann(feats.vector.shape[0])
        index.add(feats.vector.reshape(1, -1))  # type: ignore[attr-defined]
        self.lsh_.insert(article, feats.minhash, check_duplication=False)
        # Index under the rarest keys, including ones no other article has yet: a later
        # report of the same event may be the first to share them.
        rare_limit = max(2.0, self.rare_df * self.n_documents_)
        for key in self._rarest(all_weights, rare_limit):
            posting = self.postings_.setdefault(key, [])
            if not posting or posting[-1] != story:
                posting.append(story)
                if len(posting) > MAX_POSTINGS:
                    del posting[0]

    @staticmethod
    def _prune(story: _Story) -> None:
        """Keep the heaviest keys of a large story, and recompute its length exactly."""
        if len(story.keys) > MAX_STORY_KEYS:
            kept = sorted(story.keys.items(), key=lambda kv: (-kv[1], kv[0]))
            story.keys = dict(kept[: MAX_STORY_KEYS // 2])
        story.keys_sq = sum(v * v for v in story.keys.values())
        story.has_years = any(k.startswith("y:") for k in story.keys)

    def _merge(self, keep: int, other: int) -> int:
        keep, other = self._find(keep), self._find(other)
        if keep == other:
            return keep
        if other < keep:  # the older story absorbs the younger one
            keep, other = other, keep
        a, b = self.stories_[keep], self.stories_[other]
        a.members = sorted(a.members + b.members)
        a.vector_sum = a.vector_sum + b.vector_sum
        for k, v in b.keys.items():
            a.keys[k] = a.keys.get(k, 0.0) + v
        self._prune(a)
        self.stories_[other] = _Story([], np.zeros_like(a.vector_sum))
        self.parent_[other] = keep
        return keep

    # -- the split check ----------------------------------------------------------------
    def _shared(self, key: str) -> bool:
        return self.document_frequency_[key] > 1

    def _split(self, story: int) -> None:
        """Split ``story`` in two when its members form two events (see ``split``)."""
        from newsdesk.stories.split import bisect, profile_cosine

        members = self.stories_[story].members
        if not 2 * self.split_min <= len(members) <= MAX_SPLIT_MEMBERS:
            return
        # Keys no other article has cannot tie two members (as in scoring).
        shared = self._shared
        keys = self.memory_.matrix(members, shared)
        index = self._ann(self.stories_[story].vector_sum.shape[0])
        vectors = np.stack([index.reconstruct(m) for m in members])  # type: ignore[attr-defined]
        w = self.signal_weight
        similarity = w * (keys @ keys.T) + (1 - w) * (vectors @ vectors.T)
        cut = bisect(similarity)
        if cut is None or cut.ncut >= self.split_ncut:
            return
        first = [m for m, inside in zip(members, cut.first.tolist()) if inside]
        second = [m for m, inside in zip(members, cut.first.tolist()) if not inside]
        if min(len(first), len(second)) < self.split_min:
            return
        when = profile_cosine(
            self.memory_.profile(first, shared, WHEN_KINDS),
            self.memory_.profile(second, shared, WHEN_KINDS),
        )
        if when is None or when >= self.split_when:
            return
        # The half holding the story's earliest member keeps the story (and its name).
        if members[0] not in first:
            first, second = second, first
        new = len(self.stories_)
        self.stories_.append(self._rebuilt(second, vectors, members))
        self.parent_.append(new)
        starter = min(second)
        self.story_first_.append(self.input_index_[starter])
        for member in second:
            self.article_story_[member] = new
        self.stories_[story] = self._rebuilt(first, vectors, members)

    def _rebuilt(self, part: list[int], vectors: np.ndarray, members: list[int]) -> _Story:
        row_of = {m: row for row, m in enumerate(members)}
        rows = [row_of[m] for m in part]
        story = _Story(sorted(part), vectors[rows].sum(axis=0).astype(np.float32))
        story.keys = self.memory_.profile(part)
        self._prune(story)
        return story
