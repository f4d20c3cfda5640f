"""Count conflicts at the level of the event: one report's figure for a counted noun
against the figure the other reports give for the same noun in a sentence about the
same thing -- even when the two lines are worded quite differently.

"the deal ends a strike by 1,800 dockworkers" and "roughly 4,200 dockworkers walked out"
share the counted noun and the event, not the wording; the line-by-line detector in
:mod:`numbers` needs near-identical lines and misses them. Here every count with a unit is
compared with every count of the same unit in the other articles, provided the two
sentences are about the same thing (MiniLM cosine of the sentences) and neither article
also gives the other figure (an article that states both "3 dead" and "9 injured" shows
they count different things). Only a figure no other report gives, against one that two
or more independent reports give, is a conflict worth a reader's time (medium); one
report against one other is noted as low.

A figure can also be held to the story's consensus: when every bounded figure of the
unit in the other reports' lines about the same thing agrees, four or more independent
reports give it and two of them in the lone figure's slot, a lone figure that none of
them allows is outvoted even where no single line is close enough to pair with it. The
other figures may even spread ("nearly 235,000", "250,000", "nearly 300,000"): a lone
figure far outside that spread (Dixon's Q test) is still outvoted.
"""

from __future__ import annotations

from newsdesk.compare.conflicts.base import (
    Context,
    Finding,
    Side,
    add_to_side,
    article_list,
    context_words,
    figure_text,
)
from newsdesk.compare.conflicts.numbers import (
    _explained_by_sum,
    _is_year_like,
    bounds,
    different_accounts,
    different_holders,
    is_count,
    overlap,
    quantity_name,
    said_alike,
    same_unit,
    same_value,
    slot_words,
    tells,
    with_unit,
)
from newsdesk.compare.model import LikelyError
from newsdesk.compare.view import StoryView
from newsdesk.facts.model import NumberFact

# Sentences whose counts of one noun are compared must be about the same thing. Tuned on
# ecbplus-dev (24 events, seed 7): at 0.55 the stat lines of different games clashed on
# clean events (0.5 false count conflicts per story); 0.6 keeps the paraphrased
# statements of one count that the corruption test injects into.
_SAME_EVENT = 0.6
# Content words near the two figures that must agree besides the counted noun (the verb
# and its object: "walked out", "were killed"): at least one for every rival, this many
# for the closest. Tuned on the same clean events: asking one word of the closest let
# different players' touchdowns and different routes' cables clash.
_MIN_SHARED = 2
# Lines less alike (cosine 0.5-0.6) may still pit a lone figure against one most reports
# give: three or more independent reports, three shared context words and two shared
# slot words ("plus 15 percent of the back end" / "plus 5 percent of the back end").
# Tuned on the same set: number recall 22 -> 23 of 51, clean alarms unchanged; with two
# shared context words or one slot word, offsets ("nine days before") and ages of two
# people ("twenty-year-old", "11-year-old girl") clashed.
_WIDELY_SAID_EVENT = 0.5
_WIDELY_SAID_SHARED = 3
_WIDELY_SAID = 3
_WIDELY_SAID_SLOT = 2
# A figure every other report keeps to: when all the bounded figures of the unit in lines
# about the same thing (cosine >= 0.4, a shared context word) agree with one another and
# none with the lone one, four or more independent reports give them and two or more of
# those say it in the lone figure's slot ("an estimated $1 million in damage" in a dozen
# reports, "$3 million fire damages" in one). Tuned on ecbplus-dev (seed 7, 66 events):
# number recall 23 -> 24 of 51, clean alarms unchanged; without the slot words a
# player's average clashed with season totals ("156.9 yards" against "1,098 yards").
_CONSENSUS_EVENT = 0.4
_CONSENSUS = 4
_CONSENSUS_SLOTTED = 2
# The other reports' figures may disagree among themselves (an estimate revised as the
# count went on: "nearly 235,000", "250,000", "nearly 300,000" comments) and still all
# stand far from the lone one: Dixon's Q test at 95 % (critical values for 3 to 10
# figures from Rorabacher, Anal. Chem. 1991; beyond ten the value for ten, which is
# stricter). With a spread the lone figure must still be said in its slot by one report.
# Tuned on ecbplus-dev (seed 7, 66 events): number recall 24 -> 25 of 51, clean alarms
# unchanged; asking two slot witnesses here, as for an agreeing consensus, caught none.
_DIXON_Q95 = {3: 0.970, 4: 0.829, 5: 0.710, 6: 0.625, 7: 0.568, 8: 0.526, 9: 0.493,
              10: 0.466}
_SPREAD_SLOTTED = 1


def _counts(ctx: Context) -> list[tuple[int, NumberFact]]:
    out = []
    for i, sentence in enumerate(ctx.view.sentences):
        for n in sentence.numbers:
            if n.unit and not _is_year_like(n) and is_count(ctx, n):
                out.append((i, n))
    return out


class _Stated:
    """Which reports give which figures of the story's counts."""

    def __init__(self, view: StoryView, counts: list[tuple[int, NumberFact]]) -> None:
        self.view = view
        self.by_article: dict[str, list[NumberFact]] = {}
        for _i, n in counts:
            self.by_article.setdefault(n.span.article, []).append(n)

    def states(self, article: str, n: NumberFact, *, told: bool = False) -> bool:
        """Whether ``article`` gives ``n``'s figure of ``n``'s unit (the figure itself:
        "more than 1,000 yards" does not state 2,148 yards) -- give or take rounding,
        or, ``told``, as :func:`tells` has it (a precise 2,117 is no telling of 2,129)."""
        match = tells if told else same_value
        return any(same_unit(m.unit, n.unit) and match(m, n)
                   for m in self.by_article.get(article, ()))

    def givers(self, n: NumberFact, besides: str | None = None) -> list[str]:
        """The independent reports, other than ``besides``, that give ``n``'s figure or
        one close to it: a figure is not lone while another report gives it roughly."""
        return self.view.independent([a for a in self.view.article_order()
                                      if a != besides and self.states(a, n)])


def _comparable(ctx: Context, i: int, x: NumberFact, j: int, y: NumberFact,
                stated: _Stated) -> int:
    """How many context words two figures of one unit share, or 0 when they cannot be
    of one thing."""
    view = ctx.view
    if stated.states(x.span.article, y, told=True) or stated.states(y.span.article, x, told=True):
        return 0  # one of them gives both figures: they count different things
    if any(tells(m, y) for m in view.sentences[i].numbers if m is not x) or any(
            tells(m, x) for m in view.sentences[j].numbers if m is not y):
        # one line gives both figures, however it names the second ("six touchdowns on
        # offense and three more on punt returns" against "three touchdowns on punt
        # returns"): two things counted (ecbplus-dev clean events)
        return 0
    if _explained_by_sum(x, view.sentences[j].numbers) or _explained_by_sum(
        y, view.sentences[i].numbers
    ):
        return 0
    if different_accounts(view.sentences[i], x, view.sentences[j], y):
        return 0
    if different_holders(view.sentences[i], x, view.sentences[j], y, ctx):
        return 0  # "20-year-old Kay Doe" / "23-year-old John Doe", "Doe ran" / "Roe ran"
    # none: same noun, different happening ("two killed" / "nine injured")
    return len(context_words(ctx, i, x.span) & context_words(ctx, j, y.span))


def detect_counts(ctx: Context) -> list[Finding]:
    view = ctx.view
    sim = ctx.aligner.similarity_
    counts = _counts(ctx)
    stated = _Stated(view, counts)
    findings: list[Finding] = []
    for i, x in counts:
        mine = x.span.article
        rivals: list[tuple[int, NumberFact, int]] = []
        for j, y in counts:
            if y.span.article == mine or not same_unit(x.unit, y.unit):
                continue
            if float(sim[i, j]) < _WIDELY_SAID_EVENT or overlap(bounds(x), bounds(y)):
                continue
            shared = _comparable(ctx, i, x, j, y, stated)
            if shared == 0:
                continue
            if float(sim[i, j]) < _SAME_EVENT and not (
                shared >= _WIDELY_SAID_SHARED
                and len(slot_words(ctx, x) & slot_words(ctx, y)) >= _WIDELY_SAID_SLOT
                and len(stated.givers(y, besides=mine)) >= _WIDELY_SAID
            ):
                continue  # lines less alike: only a figure most reports give, said alike
            rivals.append((j, y, shared))
        if not rivals:
            consensus = _consensus(ctx, i, x, counts, stated)
            if consensus is not None:
                findings.append(consensus)
            continue
        if len(stated.givers(x)) != 1:
            continue  # x is not a lone figure; its rivals' own pass reports them
        # the rivals that agree with the best-matching rival form the other side: the
        # closest line among those that say their figure the way x is said, if any
        # ("played for 33 seasons" is answered by "played ... for 11 seasons", not by
        # "guided the team to the playoffs his first two seasons")
        best = max(rivals, key=lambda r: (said_alike(ctx, x, r[1]), float(sim[i, r[0]])))[1]
        agreeing = [y for _j, y, _n in rivals if overlap(bounds(y), bounds(best))]
        closest = max(n for _j, y, n in rivals if overlap(bounds(y), bounds(best)))
        # the rival figure's support: every other report that states it, in any sentence
        other_support = stated.givers(best, besides=mine)
        # the figure must also be said of the same thing right where it stands: a shared
        # content word within four words of both ("missing 10 of the 16 games" against
        # "missed nine games this season" share the noun, not the slot)
        # -- in any report that states the rival figure
        in_slot = any(
            said_alike(ctx, x, y)
            for _j, y in counts
            if y.span.article != mine and same_unit(y.unit, x.unit) and same_value(y, best)
        )
        clear = len(other_support) >= 2 and closest >= _MIN_SHARED and in_slot
        consensus = None if clear else _consensus(ctx, i, x, counts, stated)
        if consensus is not None:
            findings.append(consensus)
            continue
        reason = (f"{article_list(other_support)} give {figure_text(view, best)}."
                  if clear else None)
        findings.append(_against(view, x, agreeing, reason))
    return findings


def _against(view: StoryView, x: NumberFact, others: list[NumberFact],
             reason: str | None, label: str | None = None) -> Finding:
    """The lone figure ``x`` against the other reports' figures: ``medium`` and blamed on
    ``x``'s report when ``reason`` says why the others outvote it, else ``low``. ``label``
    names the others' side when their figures spread ("two to three")."""
    said = figure_text(view, x)
    sides = [Side(said, [x.span])]
    for y in others:
        add_to_side(sides, figure_text(view, y), y.span)
    pooled = _pool(sides[1:])
    if label is not None:
        pooled.value = label
    return Finding(
        kind="number",
        key=f"count:{(x.unit or '').lower().rstrip('s')}:{x.span.article}:{x.value:g}",
        what=quantity_name(x.unit),
        sides=[sides[0], pooled],
        severity="medium" if reason else "low",
        blame=LikelyError(
            [x.span.article], said,
            f"Outvoted: no other report gives {with_unit(said, x.unit)}; {reason}",
        ) if reason else None,
    )


def _pool(sides: list[Side]) -> Side:
    """The agreeing rival figures as one side ("roughly 4,200" / "around 4,200"), named by
    the wording most reports use."""
    spans = [s for side in sides for s in side.spans]
    value = max(sides, key=lambda s: len(s.spans)).value
    return Side(value, spans)


def _far_off(x: NumberFact, like: list[NumberFact]) -> bool:
    """Whether ``x`` stands apart from figures that disagree among themselves: Dixon's Q
    test at 95 % over the stated figures (one per report and value), the gap between ``x``
    and the nearest of them against the spread of all."""
    others = sorted({(y.span.article, y.value) for y in like})
    values = [v for _a, v in others]
    n = len(values) + 1
    spread = max(values + [x.value]) - min(values + [x.value])
    if n < min(_DIXON_Q95) or spread <= 0 or min(values) <= x.value <= max(values):
        return False
    gap = x.value - max(values) if x.value > max(values) else min(values) - x.value
    return gap / spread > _DIXON_Q95.get(n, _DIXON_Q95[max(_DIXON_Q95)])


def _range(view: StoryView, like: list[NumberFact]) -> str:
    """The lowest and highest of the figures, as the reports write them."""
    low, high = min(like, key=lambda y: y.value), max(like, key=lambda y: y.value)
    return f"{figure_text(view, low)} to {figure_text(view, high)}"


def _consensus(ctx: Context, i: int, x: NumberFact, counts: list[tuple[int, NumberFact]],
               stated: _Stated) -> Finding | None:
    """A lone figure against the one figure all the other reports' like lines give
    (:data:`_CONSENSUS`), even when no one of those lines is close enough for the pairwise
    rule. An open figure ("more than $1 million") neither backs nor contradicts."""
    view = ctx.view
    mine = x.span.article
    if len(stated.givers(x)) != 1:
        return None
    like: list[NumberFact] = []
    for j, y in counts:
        if y.span.article == mine or not same_unit(x.unit, y.unit):
            continue
        if float(ctx.aligner.similarity_[i, j]) < _CONSENSUS_EVENT:
            continue
        if float("inf") in map(abs, bounds(y)):
            continue
        if overlap(bounds(x), bounds(y)):
            return None  # a like line agrees with the lone figure
        if _comparable(ctx, i, x, j, y, stated):
            like.append(y)
    if not like:
        return None
    best = max(like, key=lambda y: len(view.independent(
        sorted({z.span.article for z in like if overlap(bounds(z), bounds(y))}))))
    spread = any(not overlap(bounds(y), bounds(best)) for y in like)
    if spread and not _far_off(x, like):
        return None  # the like lines disagree among themselves, and x is one more reading
    support = view.independent(sorted({y.span.article for y in like}))
    slot = slot_words(ctx, x)
    slotted = view.independent(sorted({y.span.article for y in like if slot & slot_words(ctx, y)}))
    if len(support) < _CONSENSUS or len(slotted) < (_SPREAD_SLOTTED if spread else _CONSENSUS_SLOTTED):
        return None
    return _against(view, x, like, (
        f"the {len(support)} independent reports that give the figure in lines about the "
        f"same thing ({article_list(support)}) "
        + (f"give {_range(view, like)}, and {figure_text(view, x)} lies far outside that "
           "spread (Dixon's Q test, 95 %)." if spread else
           f"all give {figure_text(view, best)} or close to it.")
    ), label=_range(view, like) if spread else None)
