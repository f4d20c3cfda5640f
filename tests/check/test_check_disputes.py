"""A summary that repeats one report's outvoted value is contradicted by the sources as a
whole, though that one report's sentence backs it word for word."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.check import check_summary
from newsdesk.check.disputes import disputes_from
from newsdesk.compare.model import Comparison, Conflict, LikelyError, Variant
from newsdesk.model import Article, Span

# Four reports of one walkout, each in its own words; the last gives its own count.
_AGREED = [
    ("More than 4,000 dockworkers at the Harlow container port walked out on Monday over "
    "shift pay, union officials said. Ferries ran as usual."),
    ("At Harlow's container port, more than 4,000 dockworkers stopped work on Monday in a "
    "row over shift pay. Talks resume on Friday."),
    ("Union officials said more than 4,000 dockworkers joined Monday's walkout at the Harlow "
    "container port, which is about pay for night shifts. Lorries queued for miles."),
]
_LONE = ("The union said 1,800 dockworkers at the Harlow container port walked out on "
         "Monday over shift pay.")


@pytest.fixture(scope="module")
def sources() -> list[Article]:
    texts = [*_AGREED, f"{_LONE} Shops near the gates shut early."]
    return [Article(id=f"r{n}", text=t) for n, t in enumerate(texts)]


@pytest.mark.parametrize(("compare", "verdict"), [(True, "contradicted"), (False, "supported")])
def test_a_repeated_outvoted_figure_is_contradicted(models: Any, sources: list[Article],
                                                    compare: bool, verdict: str) -> None:
    result = check_summary(_LONE, sources, models, compare=compare)
    (sentence,) = result["sentences"]
    assert sentence["verdict"] == verdict, sentence
    if compare:
        (problem,) = [p for p in sentence["problems"] if p["kind"] == "number"]
        assert problem["text"] == "1,800"
        assert "4,000" in problem["sources_say"]


def test_the_agreed_figure_stays_supported(models: Any, sources: list[Article]) -> None:
    summary = ("More than 4,000 dockworkers at the Harlow container port walked out on "
               "Monday over shift pay.")
    (sentence,) = check_summary(summary, sources, models)["sentences"]
    assert sentence["verdict"] == "supported", sentence


def test_disputes_are_the_likely_errors_of_serious_conflicts() -> None:
    def conflict(severity: str, blamed: str | None) -> Conflict:
        variants = [Variant("1,800", [Span("d", "text", 0, 5)]),
                    Variant("4,200", [Span("a", "text", 0, 5), Span("b", "text", 0, 5)])]
        wrong = LikelyError([blamed], "1,800", "Outvoted.") if blamed else None
        return Conflict("c", "number", "Reports disagree.", severity, variants, wrong)  # type: ignore[arg-type]

    (dispute,) = disputes_from(Comparison(conflicts=[conflict("medium", "d")]))
    assert (dispute.article, dispute.value, dispute.sources_say) == ("d", "1,800", "4,200")
    # a low conflict or one with no likely error disputes nothing
    assert not disputes_from(Comparison(conflicts=[conflict("low", "d"), conflict("high", None)]))


@pytest.mark.parametrize(("flag", "verdict"), [([], "contradicted"),
                                               (["--no-compare"], "supported")])
def test_the_cli_compares_the_sources_unless_told_not_to(tmp_path, capsys, sources, flag,
                                                         verdict) -> None:
    import json

    from newsdesk.cli import main

    files = []
    for article in sources:
        path = tmp_path / f"{article.id}.txt"
        path.write_text(article.text, encoding="utf-8")
        files.append(str(path))
    summary = tmp_path / "summary.txt"
    summary.write_text(_LONE, encoding="utf-8")
    assert main(["check", str(summary), "--json", *flag, "--against", *files]) == 0
    (sentence,) = json.loads(capsys.readouterr().out)["sentences"]
    assert sentence["verdict"] == verdict, sentence


def test_compared_sources_are_parsed_once(models: Any, sources: list[Article],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # the checker's index and compare's facts read one parse of every source line
    nlp = models.nlp()
    parsed: list[str] = []
    pipe = type(nlp).pipe

    def counting(self: Any, texts: Any, *args: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        parsed.extend(t[0] if isinstance(t, tuple) else t for t in texts)
        return pipe(self, texts, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", counting)
    result = check_summary(_LONE, sources, models)
    assert result["sentences"][0]["verdict"] == "contradicted"
    for text in _AGREED:
        assert parsed.count(text) == 1, parsed
