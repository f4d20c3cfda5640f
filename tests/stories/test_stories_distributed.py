"""`--engine dask`: the same chunks featurized on a dask.distributed cluster give the
same stories as the single-process run (loopback-only LocalCluster)."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import CORPORA

from newsdesk.model import Article
from newsdesk.stories import StoryClusterer
from newsdesk.stories.distributed import fit_distributed
from newsdesk.stories.features import featurize


def _corpus_slice(n: int) -> list[Article]:
    path = CORPORA / "ecbplus-dev" / "docs.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines()[:n]]
    return [Article(id=r["doc_id"], text=r["text"]) for r in rows]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    from dask.distributed import Client, LocalCluster

    # processes=False: workers are threads talking over dask's in-process transport,
    # so nothing listens on any network address.
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with Client(cluster) as c:
        yield c
    cluster.close()


def test_dask_result_equals_single_process(client) -> None:  # type: ignore[no-untyped-def]
    articles = _corpus_slice(240)
    # Small chunks so that many futures are in flight and arrive out of order.
    single = StoryClusterer(chunk_size=32).fit(articles)
    spread = fit_distributed(StoryClusterer(chunk_size=32), articles, client=client)
    assert spread.labels() == single.labels()
    assert spread.assignments_ == single.assignments_
    assert len(set(single.labels())) > 1


def test_features_survive_shipping_between_processes() -> None:
    # With processes=True, workers pickle features back to the driver.
    articles = _corpus_slice(5)
    from newsdesk.stories.distill import StaticEmbedder

    embedder = StaticEmbedder()
    features = featurize(articles, embedder)
    shipped = pickle.loads(pickle.dumps((features, embedder)))
    assert all(a.same_as(b) for a, b in zip(features, shipped[0], strict=True))
    assert shipped[1]._model is None  # the embedder travels as a path, not 15 MB
    again = featurize(articles, shipped[1])
    assert all(a.same_as(b) for a, b in zip(features, again, strict=True))
