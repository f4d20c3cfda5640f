"""The optional LLM rewrite, against a stub OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest

from newsdesk.brief.llm import chat_url, rewrite_brief
from newsdesk.errors import UsageError
from newsdesk.model import Article, Span

SOURCE = Article(id="wire", text=(
    "Dock workers at the port of Harbourton voted on Monday to end a strike that had halted "
    "shipping for nine days. The union said members accepted a pay rise of four percent over "
    "two years."))
FIRST = Span("wire", "text", 0, SOURCE.text.index(" The union"))
SECOND = Span("wire", "text", SOURCE.text.index("The union"), len(SOURCE.text))
# The stub's fixed answer: a faithful rewrite of sentence 1, and a rewrite of sentence 2
# with a planted wrong number (six percent instead of four).
REPLY = ("1. Dock workers at the port of Harbourton voted on Monday to end a strike that had "
         "halted shipping for nine days.\n"
         "2. The union said members accepted a pay rise of six percent over two years.")


class _Stub(BaseHTTPRequestHandler):
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _Stub.requests.append({"path": self.path, "body": body})
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": REPLY}}]})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload.encode())

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass


@pytest.fixture(scope="module")
def stub_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def _brief() -> dict[str, Any]:
    def cited(span: Span) -> dict[str, Any]:
        return {"text": SOURCE.slice(span), "citations": [SOURCE.evidence(span)]}

    return {"headline": "Strike ends", "cards": [{"title": "Vote", "sentences": [cited(FIRST)]}],
            "sections": [{"name": "What's happening", "sentences": [cited(SECOND)]},
                         {"name": "Where sources disagree", "sentences": []}]}


def test_planted_error_is_caught_and_the_source_sentence_kept(stub_url: str, models: Any
                                                              ) -> None:
    before = _brief()
    after = rewrite_brief(before, [SOURCE], models, stub_url)
    sent = _Stub.requests[-1]
    assert sent["path"] == "/v1/chat/completions"
    assert "1. Dock workers" in sent["body"]["messages"][-1]["content"]
    [card_sentence] = after["cards"][0]["sentences"]
    [section_sentence] = after["sections"][0]["sentences"]
    # the faithful rewrite passes the checker and is used
    assert card_sentence["rewritten"] is True
    assert card_sentence["check"]["verdict"] == "supported"
    # the planted "six percent" is caught: the extractive source sentence stays
    assert section_sentence["rewritten"] is False
    assert section_sentence["text"] == SOURCE.slice(SECOND)
    assert section_sentence["check"]["verdict"] == "contradicted"
    assert any(p["text"] == "six percent" and "four percent" in (p["sources_say"] or "")
               for p in section_sentence["check"]["problems"])
    assert after["llm"] == {"url": stub_url, "rewritten": 1, "rejected": 1}
    assert before == _brief()  # the input brief is not modified


def test_unreachable_server_leaves_the_extractive_brief(models: Any) -> None:
    # port 9 on loopback (discard) has nothing listening here: the rewrite fails cleanly
    after = rewrite_brief(_brief(), [SOURCE], models, "http://127.0.0.1:9/v1")
    assert after["cards"] == _brief()["cards"]
    assert "no usable answer" in after["llm"]["error"]


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1/chat/completions"),  # llama.cpp
    ("http://localhost:11434/v1/", "http://localhost:11434/v1/chat/completions"),  # Ollama
    ("https://api.example.org/v1/chat/completions", "https://api.example.org/v1/chat/completions"),
])
def test_chat_url(url: str, expected: str) -> None:
    assert chat_url(url) == expected


def test_non_http_url_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not an http"):
        chat_url("file:///etc/passwd")
