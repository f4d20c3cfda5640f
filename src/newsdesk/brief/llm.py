"""Optional rewrite of the brief by a language model, always behind the checker.

Any OpenAI-compatible chat endpoint works (a local llama.cpp or Ollama server, or a hosted
one with its key in ``NEWSDESK_LLM_API_KEY`` / ``OPENAI_API_KEY``). Each rewritten
sentence is checked against the source articles; one that is not clearly supported, or
that states anything the checker flags, is dropped and its extractive source sentence
stays. The transport is a seam: tests pass an ``httpx`` transport or a loopback server.
"""

from __future__ import annotations

import copy
import os
import re
from typing import TYPE_CHECKING, Any

import httpx

from newsdesk.check import Checker
from newsdesk.errors import UsageError
from newsdesk.model import Article

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.models import Models

# A model's reply longer than this is not a rewrite of a brief: it is cut off.
MAX_REPLY_CHARS = 200_000
TIMEOUT_S = 120.0
# Sections made of the compare stage's own statements, not source sentences: never rewritten.
KEEP_SECTIONS = frozenset({"Where sources disagree"})
_NUMBERED = re.compile(r"^\s*\[?(\d{1,3})[\].):]\s*(.+?)\s*$")

PROMPT = (
    "Rewrite each numbered sentence of a news brief in plain, neutral English for a general "
    "reader. Keep every name, place, date, number and quotation exactly as given; add "
    "nothing that the sentence does not say; drop attributions only if the meaning stays. "
    "Answer with the same numbers, one sentence per line, in the form 'N. sentence', and "
    "nothing else."
)


def chat_url(url: str) -> str:
    """The chat-completions address for a base URL ("http://host:8080/v1") or a full one."""
    if not re.match(r"^https?://", url):
        raise UsageError(f"--llm {url!r} is not an http(s) URL of an OpenAI-compatible server")
    url = url.rstrip("/")
    if url.endswith("/chat/completions"):
        return url
    return url + ("/chat/completions" if url.endswith("/v1") else "/v1/chat/completions")


def ask(url: str, sentences: list[str], *, model: str = "default",
        transport: httpx.BaseTransport | None = None) -> dict[int, str]:
    """Send the numbered sentences; return the rewritten ones by number (0-based)."""
    numbered = "\n".join(f"{n + 1}. {s}" for n, s in enumerate(sentences))
    headers = {"Content-Type": "application/json"}
    key = os.environ.get("NEWSDESK_LLM_API_KEY") or os.environ.get("OPENAI_API_KEY")
    if key:
        headers["Authorization"] = f"Bearer {key}"
    body = {"model": model, "temperature": 0,
            "messages": [{"role": "system", "content": PROMPT},
                         {"role": "user", "content": numbered}]}
    try:
        with httpx.Client(transport=transport, timeout=TIMEOUT_S) as client:
            response = client.post(chat_url(url), json=body, headers=headers)
            response.raise_for_status()
            reply = response.json()["choices"][0]["message"]["content"]
    except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise UsageError(f"--llm {url}: no usable answer ({type(exc).__name__}: {exc})") from exc
    out: dict[int, str] = {}
    for line in str(reply)[:MAX_REPLY_CHARS].splitlines():
        m = _NUMBERED.match(line)
        if m and 1 <= int(m.group(1)) <= len(sentences):
            out.setdefault(int(m.group(1)) - 1, m.group(2))
    return out


def rewrite_brief(brief: dict[str, Any], sources: list[Article], models: Models, url: str,
                  *, model: str = "default", transport: httpx.BaseTransport | None = None
                  ) -> dict[str, Any]:
    """A copy of the brief (contract form) with each sentence the model rewrote and the
    checker accepted replaced; every other sentence stays as quoted from the sources.

    Each sentence gains optional ``rewritten`` (bool) and, when a rewrite was tried,
    ``check`` (the rewrite's verdict and score); the brief gains ``llm`` (what happened).
    """
    out = copy.deepcopy(brief)
    slots = [s for card in out.get("cards", []) for s in card["sentences"]]
    slots += [s for sec in out.get("sections", []) if sec["name"] not in KEEP_SECTIONS
              for s in sec["sentences"]]
    if not slots:
        out["llm"] = {"url": url, "rewritten": 0, "rejected": 0}
        return out
    try:
        answers = ask(url, [s["text"] for s in slots], model=model, transport=transport)
    except UsageError as exc:
        # the rewrite is optional: the extractive brief stands, and says why it is unchanged
        out["llm"] = {"url": url, "rewritten": 0, "rejected": 0, "error": str(exc)}
        return out
    checker = Checker(sources, models)
    # a rewrite is judged as one sentence: one that splits in two (or into nothing) is
    # not a rewrite of one source sentence and is rejected without a check
    single = {n: parts[0] for n in sorted(answers)
              if len(parts := checker.split(answers[n])) == 1}
    results = dict(zip(single, checker.check_sentences(list(single.values())), strict=True))
    rewritten = rejected = 0
    for n, answer in answers.items():
        slot = slots[n]
        result = results.get(n)
        ok = result is not None and result.verdict == "supported" and not result.judgement.problems
        if result is not None:
            slot["check"] = {"text": answer, "verdict": result.verdict,
                             "score": round(result.score, 4),
                             "problems": [{"kind": p.kind, "text": p.text,
                                           "sources_say": p.sources_say}
                                          for p in result.judgement.problems]}
        if ok:
            slot["text"] = answer.strip()
            rewritten += 1
        else:
            rejected += 1
        slot["rewritten"] = ok
    for slot in slots:
        slot.setdefault("rewritten", False)
    out["llm"] = {"url": url, "rewritten": rewritten, "rejected": rejected}
    return out
