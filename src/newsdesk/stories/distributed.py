"""``--engine dask``: the per-article step on a dask.distributed cluster.

Featurizing (embedding, MinHash, who/where/when signals) is the expensive, embarrassingly
parallel part, so workers run :func:`newsdesk.stories.features.featurize` on the same
fixed-size chunks the single-process path uses. The driver then feeds the chunks, in
input order, to the same sequential :meth:`StoryClusterer.partial_fit_features` -- which
is why the result equals the single-process one exactly.

Point it at a real cluster with ``newsdesk cluster --engine dask --scheduler
tcp://HOST:8786 ...`` (each worker needs newsdesk installed and ``make venv`` run, which
builds the embedder); without ``--scheduler`` a small LocalCluster on loopback is used.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from newsdesk.errors import UsageError
from newsdesk.stories.features import featurize

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.model import Article
    from newsdesk.stories.clusterer import StoryClusterer

# Chunks in flight ahead of the one being assigned: enough to keep the workers busy,
# few enough that features for a million articles are never all held at once.
WINDOW = 8


def local_client(n_workers: int = 2, threads_per_worker: int = 1) -> Any:
    """A LocalCluster on loopback only, with no dashboard (nothing listens outside)."""
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=threads_per_worker,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster)


def fit_distributed(
    clusterer: StoryClusterer,
    articles: list[Article],
    *,
    address: str | None = None,
    client: Any = None,
) -> StoryClusterer:
    """``clusterer.fit(articles)`` with featurizing mapped over a dask cluster."""
    owned = None
    if client is None:
        try:
            from dask.distributed import Client

            owned = Client(address) if address else local_client()
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(f"cannot reach the dask scheduler {address!r}: {exc}") from exc
        client = owned
    try:
        embedder = clusterer.get_embedder()
        clusterer.reset()
        size = clusterer.chunk_size
        starts = deque(range(0, len(articles), size))
        pending: deque[Any] = deque()
        while starts or pending:
            while starts and len(pending) < WINDOW:
                start = starts.popleft()
                chunk = articles[start : start + size]
                # pure=False: identical chunks in one run are still computed separately.
                pending.append(client.submit(featurize, chunk, embedder, pure=False))
            future = pending.popleft()
            clusterer.partial_fit_features(future.result())
            future.release()
    finally:
        if owned is not None:
            cluster = getattr(owned, "cluster", None)
            owned.close()
            if cluster is not None:
                cluster.close()
    return clusterer
