"""Facts: what each report asserts, as offsets into its text (issue 3).

``extract_facts`` reads sentences, mentions (with roles), dates, numbers, quotes and
events from each article; ``resolve_entities`` ties mentions across the articles of a
story to entities; ``extract_story_facts`` does both; ``facts_to_dict`` renders the
contract's JSON.
"""

from newsdesk.facts.entities import resolve_entities
from newsdesk.facts.export import facts_to_dict
from newsdesk.facts.pipeline import extract_facts, extract_story_facts

__all__ = ["extract_facts", "extract_story_facts", "facts_to_dict", "resolve_entities"]
