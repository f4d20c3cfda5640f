"""The cited brief of a story: headline, cards, explainer sections, key players and a
timeline, every sentence quoted from the sources with its citations."""

from newsdesk.brief.builder import BriefBuilder, build_brief
from newsdesk.brief.export import brief_to_dict

__all__ = ["BriefBuilder", "brief_to_dict", "build_brief"]
