"""Background analysis of uploaded articles, with progress a page can show.

An upload becomes a :class:`JobStatus` at once; one worker thread then reads the files,
groups the articles into stories and analyses each story, saving everything in the
store as it goes. One worker, not a pool: the analysis is CPU-bound (spaCy, MiniLM), so
two at once would only make both slower and double the memory.

The pipeline is a seam (:class:`Pipeline`): the app uses the library's own stage
functions, tests may pass a small hand-made one.
"""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from newsdesk.errors import NewsdeskError
from newsdesk.model import Article, Story
from newsdesk.settings import Settings
from newsdesk.web.storage import StoryStore

log = logging.getLogger("newsdesk.web")

State = Literal["queued", "reading", "grouping", "analysing", "done", "failed"]


class Pipeline(Protocol):
    """The three library steps an upload goes through."""

    def read(self, paths: list[Path]) -> list[Article]: ...

    def group(self, articles: list[Article]) -> list[Story]: ...

    def analyze(self, story: Story) -> dict[str, Any]: ...


class LibraryPipeline:
    """The real stages: ``ingest.extract``, ``stories.cluster_articles``, ``report.analyze_story``."""

    def __init__(self, settings: Settings, models: Any) -> None:
        self.settings = settings
        self.models = models

    def read(self, paths: list[Path]) -> list[Article]:
        from newsdesk.ingest import extract

        return extract(*paths, settings=self.settings)

    def group(self, articles: list[Article]) -> list[Story]:
        from newsdesk.stories import cluster_articles

        return cluster_articles(articles, settings=self.settings, models=self.models)

    def analyze(self, story: Story) -> dict[str, Any]:
        from newsdesk.report import analyze_story

        return analyze_story(story.articles, models=self.models, settings=self.settings)


@dataclass(frozen=True, slots=True)
class Upload:
    """One uploaded file or pasted text, already read into memory (size-checked)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class JobStatus:
    """A snapshot of one analysis job; replaced, never mutated, as the job advances."""

    id: str
    state: State
    inputs: tuple[str, ...]
    step: int = 0
    steps: int = 0  # 0 while the number of stories is not known yet
    message: str = "waiting for the worker"
    errors: tuple[str, ...] = ()
    stories: tuple[str, ...] = ()
    articles: int = 0
    created: float = field(default_factory=time.time)

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        return int(100 * self.step / self.steps) if self.steps else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "state": self.state,
            "finished": self.finished,
            "percent": self.percent,
            "step": self.step,
            "steps": self.steps,
            "message": self.message,
            "inputs": list(self.inputs),
            "errors": list(self.errors),
            "articles": self.articles,
            "stories": list(self.stories),
            "href": f"/jobs/{self.id}",
        }


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, taken: set[str]) -> str:
    """A file name that cannot leave the upload folder and keeps its extensions.

    The extensions matter (ingest picks the reader by them, and the article id is the
    name without them), so only the characters around them are replaced.
    """
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "upload"
    base = base[-120:]
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        stem, dot, ext = base.partition(".")
        candidate = f"{stem}-{n}{dot}{ext}"
    taken.add(candidate)
    return candidate


class JobBoard:
    """Runs analysis jobs one at a time and remembers the latest ones."""

    def __init__(self, store: StoryStore, pipeline: Pipeline, keep: int = 100) -> None:
        self.store = store
        self.pipeline = pipeline
        self.keep = keep
        self._jobs: dict[str, JobStatus] = {}
        self._lock = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsdesk-analyze")

    def submit(self, uploads: list[Upload]) -> tuple[JobStatus, Future[JobStatus]]:
        """Queue the uploads for analysis; returns the first status and the job's future."""
        folder = Path(tempfile.mkdtemp(prefix="newsdesk-upload-"))
        taken: set[str] = set()
        paths = []
        for upload in uploads:
            path = folder / safe_name(upload.name, taken)
            path.write_bytes(upload.data)
            paths.append(path)
        status = JobStatus(uuid.uuid4().hex[:16], "queued", tuple(p.name for p in paths))
        self._set(status)
        future = self._executor.submit(self._run, status, folder, paths)
        return status, future

    def get(self, job_id: str) -> JobStatus | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _set(self, status: JobStatus) -> JobStatus:
        with self._lock:
            self._jobs[status.id] = status
            # Forget the oldest finished jobs; their results live on in the store.
            while len(self._jobs) > self.keep:
                oldest = min(
                    (j for j in self._jobs.values() if j.finished),
                    key=lambda j: j.created,
                    default=None,
                )
                if oldest is None:
                    break
                del self._jobs[oldest.id]
        return status

    def _advance(self, status: JobStatus, **changes: Any) -> JobStatus:
        return self._set(dataclasses.replace(status, **changes))

    def _run(self, status: JobStatus, folder: Path, paths: list[Path]) -> JobStatus:
        try:
            return self._analyse(status, paths)
        except Exception as exc:  # the job must end in a state a reader can see
            log.exception("analysis job %s failed", status.id)
            reason = str(exc) if isinstance(exc, NewsdeskError) else type(exc).__name__
            current = self.get(status.id) or status
            return self._advance(current, state="failed", message=f"analysis failed: {reason}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _analyse(self, status: JobStatus, paths: list[Path]) -> JobStatus:
        status = self._advance(status, state="reading", message=f"reading {len(paths)} input(s)")
        # Name inputs as uploaded, never by the server's temporary folder: the folder is
        # gone after the job, and its name tells a reader nothing.
        folder = f"{paths[0].parent}/" if paths else "\0"
        articles = [
            a.replace(path=a.path.replace(folder, "")) if a.path else a
            for a in self.pipeline.read(paths)
        ]
        good = [a for a in articles if a.ok]
        errors = tuple(
            f"{a.path or a.id}: {(a.error or '').replace(folder, '')}" for a in articles if not a.ok
        )
        if not good:
            return self._advance(
                status, state="failed", errors=errors, message="nothing could be read"
            )
        self.store.add_articles(good)
        status = self._advance(
            status,
            state="grouping",
            articles=len(good),
            errors=errors,
            message=f"grouping {len(good)} article(s) into stories",
        )
        stories = self.pipeline.group(good)
        self.store.put_stories(stories)
        status = self._advance(
            status,
            state="analysing",
            step=0,
            steps=len(stories),
            stories=tuple(s.id for s in stories),
            message=f"analysing {len(stories)} story(ies)",
        )
        problems = list(errors)
        for number, story in enumerate(stories, 1):
            status = self._advance(
                status, message=f"analysing story {number} of {len(stories)}", step=number - 1
            )
            try:
                report = self.pipeline.analyze(story)
            except NewsdeskError as exc:
                problems.append(f"story {story.id}: {exc}")
                continue
            self.store.put_report(story.id, report)
        return self._advance(
            status,
            state="done",
            step=len(stories),
            errors=tuple(problems),
            message=f"{len(good)} article(s) in {len(stories)} story(ies)",
        )
