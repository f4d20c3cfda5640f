"""One settings object, validated, passed through every layer (CLI, API, web, engine).

Options are defined here once; the CLI and the HTTP API build a :class:`Settings` from
their own arguments with :meth:`Settings.from_mapping`, which rejects unknown keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import UsageError

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # where `ingest`, `serve` and the web app keep articles and stories
    store: Path = Path("newsdesk-data")
    # worker processes for CPU-bound stages (spaCy, embeddings); 1 = in-process
    workers: int = 1
    # an input larger than this is refused with a one-line error (it is not news text)
    max_input_bytes: int = 50 * MiB
    # a decompressed gzip member is cut off past this many bytes (zip-bomb guard)
    max_decompressed_bytes: int = 200 * MiB
    # optional OpenAI-compatible endpoint that rewrites the brief (always behind `check`)
    llm_url: str | None = None
    llm_model: str = "default"
    # distributed engine for clustering/facts: None (single process) or "dask"
    engine: str | None = None
    engine_address: str | None = None

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, got {self.workers}")
        if self.max_input_bytes <= 0 or self.max_decompressed_bytes <= 0:
            raise UsageError("size limits must be positive")
        if self.engine not in (None, "dask"):
            raise UsageError(f"unknown engine {self.engine!r}; use 'dask' or leave it unset")

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Settings:
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise UsageError(
                f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        clean = {k: v for k, v in values.items() if v is not None or k in ("llm_url", "engine")}
        if "store" in clean:
            clean["store"] = Path(clean["store"])
        return cls(**clean)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)
