"""What the compare stage found wrong in the sources, for the checker.

A summary that repeats one report's outvoted figure ("1,800 dockworkers" where three other
reports give "more than 4,000") finds that report's sentence and would be "supported" by
it. A fact-checker wants the opposite verdict: the sources, taken together, contradict the
sentence. So the checker is given the values compare judged likely errors (medium or high
conflicts with a likely error), and a summary item that only such a value backs is
contradicted, with what the other reports say.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.check.index import Parsed
from newsdesk.compare.model import Comparison
from newsdesk.model import Article
from newsdesk.models import Models

# The checker's problem kind for each kind of conflict. A headline's wrong person or
# figure has no kind of its own: the summary item that repeats it names the kind (a name,
# a number), and "other" stands for it where the item is only an entity.
_PROBLEM_KIND = {"date": "date", "number": "number", "name": "name", "place": "place",
                 "quote": "quote", "headline": "other", "other": "other"}


@dataclass(frozen=True, slots=True)
class Dispute:
    """A value one report gives that the other reports outvote."""

    kind: str  # the check problem kind
    article: str  # the report judged wrong
    value: str  # its value, as written
    sources_say: str  # what the other reports give
    reason: str  # compare's reason for the verdict


def disputes_from(comparison: Comparison) -> list[Dispute]:
    """The likely errors of a comparison's medium and high conflicts."""
    out: list[Dispute] = []
    for c in comparison.conflicts:
        wrong = c.likely_error
        if wrong is None or c.severity == "low":
            continue
        others = [v for v in c.variants if not set(v.articles) <= set(wrong.articles)]
        if not others or not wrong.value.strip():
            continue
        said = max(others, key=lambda v: len(v.articles)).value
        for article in wrong.articles:
            out.append(Dispute(_PROBLEM_KIND.get(c.kind, "other"), article, wrong.value,
                               said, wrong.reason))
    return out


def find_disputes(sources: list[Article], models: Models,
                  parsed: Parsed | None = None) -> list[Dispute]:
    """Compare the sources as one story and return its likely errors. ``parsed``: the
    sources' blocks already parsed (:func:`newsdesk.check.index.parse_sources`)."""
    from newsdesk.compare import compare_story
    from newsdesk.facts import extract_story_facts, resolve_entities
    from newsdesk.facts.pipeline import article_facts, known_place

    if parsed is None:
        facts = extract_story_facts(sources, models)
    else:
        facts = resolve_entities([article_facts(a, parsed.get(a.id, [])) for a in sources],
                                 known_place(models))
    return disputes_from(compare_story(facts, models))
