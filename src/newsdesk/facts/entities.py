"""Entity resolution across the articles of a story.

One entity per real person, organisation or place. Spellings that differ only by
romanisation (Min-jun / Min-joon), hyphenation, spacing, diacritics or initials are
variants of one name; a garbled or truncated surname used for the same person *in the
same role* is the same entity, with the odd spelling kept as a variant so the compare
stage can flag it; anyone else is a different entity. The entity is named by the
spelling most articles use.

Hand-written because no installed library does cross-document person resolution without
training data; rapidfuzz supplies the string similarity.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from unidecode import unidecode

from newsdesk.facts.mentions import fold, name_tokens, role_key
from newsdesk.facts.model import ArticleFacts, Entity, Mention, MentionType, Quote, StoryFacts
from newsdesk.model import Span

# Two surnames count as one garbled name when one is a prefix of the other of at least
# this many letters ("Halvor" / "Halvorsen") or their similarity reaches GARBLE_RATIO.
GARBLE_PREFIX = 4
# rapidfuzz ratio (0-100). Only ever applied together with a shared given name and a
# shared role, so it can be lenient. Set on the seeds: the truncated surname there scores
# 77 against the full one, while any two unrelated name parts of that story score 60 at
# most.
GARBLE_RATIO = 70.0
# Shortest name part compared by consonant skeleton (see _parts_match).
SKELETON_MIN = 5


@dataclass(slots=True)
class _Local:
    """All mentions of one name inside one article."""

    article: str
    type: MentionType
    name: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return name_tokens(self.name)

    @property
    def roles(self) -> set[str]:
        return {role_key(m.role) for m in self.mentions
                if m.role and not m.role.startswith("Former")}


def skeleton(part: str) -> str:
    """Consonant skeleton of a folded name part: romanisations differ mostly in vowels
    ("joon" / "jun", "seong" / "sung"), rarely in consonants; 'w' and 'v' go with the
    vowels, as schemes write one sound either way ("Walentin" / "Valentin")."""
    s = re.sub(r"[aeiouywv]", "", part)
    return re.sub(r"(.)\1+", r"\1", s)


def _parts_match(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:  # an initial
        return a[0] == b[0]
    # Only for parts of five letters or more: short given names that differ by a vowel
    # (Dan / Don) are different names, not romanisations.
    return min(len(a), len(b)) >= SKELETON_MIN and skeleton(a) == skeleton(b) and a[0] == b[0]


def _joined(tokens: list[str]) -> list[str]:
    """Given names written as one word or two ("Min Jun" / "Min-jun" / "Minjun")."""
    if len(tokens) >= 3:
        return [tokens[0], "".join(tokens[1:])]
    return tokens


def same_name(a: list[str], b: list[str]) -> bool:
    """Spelling variants of one name: romanisation, hyphens, spacing, initials."""
    if "".join(a) == "".join(b):
        return True
    a2, b2 = _joined(a), _joined(b)
    for x, y in ((a, b), (a2, b2), (a2, b), (a, b2)):
        # all parts compatible, and at least one spelled alike, so that initials alone
        # never join two people
        if (len(x) == len(y) and len(x) >= 2
                and all(_parts_match(p, q) for p, q in zip(x, y))
                and any(p == q and len(p) > 1 for p, q in zip(x, y))):
            return True
    return False


def garbled_same_role(a: _Local, b: _Local) -> bool:
    """One name with a garbled or truncated part, for the same person in the same role."""
    if not (a.roles & b.roles):
        return False
    ta, tb = a.tokens, b.tokens
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    differing = [(p, q) for p, q in zip(ta, tb) if p != q]
    if len(differing) != 1:
        return False
    p, q = differing[0]
    short, long_ = sorted((p, q), key=len)
    if len(short) >= GARBLE_PREFIX and long_.startswith(short):
        return True
    return fuzz.ratio(p, q) >= GARBLE_RATIO


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)


def _locals(facts: list[ArticleFacts]) -> list[_Local]:
    by_key: dict[tuple[str, str, str], _Local] = {}
    for af in facts:
        for m in af.mentions:
            if m.type == "person":
                if not m.name:
                    continue
                key = (af.article.id, "person", fold(m.name))
            else:
                key = (af.article.id, "thing", fold(m.name or af.article.slice(m.span)))
            if not key[2]:
                continue
            local = by_key.get(key)
            if local is None:
                name = m.name or af.article.slice(m.span)
                local = by_key[key] = _Local(af.article.id, m.type, name)
            local.mentions.append(m)
    return list(by_key.values())


def _cluster(locals_: list[_Local]) -> list[list[_Local]]:
    n = len(locals_)
    uf = _Union(n)
    persons = [i for i in range(n) if locals_[i].type == "person"]
    multi = [i for i in persons if len(locals_[i].tokens) >= 2]
    single = [i for i in persons if len(locals_[i].tokens) < 2]
    for x, i in enumerate(multi):
        for j in multi[x + 1 :]:
            a, b = locals_[i], locals_[j]
            if same_name(a.tokens, b.tokens) or garbled_same_role(a, b):
                uf.join(i, j)
    for i in multi:
        # a two-word surname alone ("Brunwald Mensah" for "Ilse Brunwald-Mensah"): joins
        # the one person whose name ends in it
        joined = "".join(locals_[i].tokens)
        size = len(locals_[i].tokens)
        roots = {uf.find(j) for j in multi if j != i and (
            locals_[j].tokens[-1] == joined  # hyphenated there
            or (len(locals_[j].tokens) > size and locals_[j].tokens[-size:] == locals_[i].tokens))}
        if len(roots) == 1:
            uf.join(i, roots.pop())
    for i in single:
        # a lone surname ("Okafor" in a headline): joins a full name only when exactly
        # one person of the story carries that part; otherwise it is someone else
        tok = locals_[i].tokens[0] if locals_[i].tokens else ""
        roots = {uf.find(j) for j in multi
                 if any(_parts_match(tok, p) and len(p) > 1 for p in locals_[j].tokens)}
        if len(roots) == 1:
            uf.join(i, roots.pop())
    for i in single:
        for j in single:
            if i < j and locals_[i].tokens == locals_[j].tokens and uf.find(i) == i and uf.find(j) == j:
                uf.join(i, j)
    things = [i for i in range(n) if locals_[i].type != "person"]
    first: dict[str, int] = {}
    for i in things:
        key = fold(locals_[i].name)
        if key in first:
            uf.join(i, first[key])
        else:
            first[key] = i
    for i in things:
        # an organisation by its first word alone ("Harrowgate" for "Harrowgate
        # Dredging"): joins the one organisation of the story so named
        words = fold_keep_spaces(locals_[i].name).split()
        if locals_[i].type != "org" or len(words) != 1:
            continue
        roots = {uf.find(j) for j in things if locals_[j].type == "org"
                 and len(fold_keep_spaces(locals_[j].name).split()) >= 2
                 and fold_keep_spaces(locals_[j].name).split()[0] == words[0]}
        if len(roots) == 1:
            uf.join(i, roots.pop())
    groups: dict[int, list[_Local]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(locals_[i])
    return list(groups.values())


def _slug(text: str) -> str:
    # unidecode after the fold: letters NFKD leaves whole ("ı", "ø", "ł") are spelled out
    return re.sub(r"[^0-9a-z]+", "-", unidecode(fold_keep_spaces(text)).lower()).strip("-") or "x"


def fold_keep_spaces(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _canonical(group: list[_Local], facts_by_id: dict[str, ArticleFacts]) -> str:
    """The spelling of a full name that the most articles use (ties: the first seen).

    Short and titled forms do not compete with full names ("Park" is not a name to
    show when "Park Min-jun" is known).
    """
    users: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    for local in group:
        for m in local.mentions:
            if m.form != "name":
                continue
            text = re.sub(r"\s+", " ", facts_by_id[local.article].article.slice(m.span))
            if text not in users:
                order.append(text)
            users[text].add(local.article)
    if group[0].type == "person":
        full = [t for t in order if len(t.split()) >= 2]
        order = full or order
    if not order:
        return group[0].name
    return max(order, key=lambda t: (len(users[t]), -order.index(t)))


# A place's preposition right before a word: "near X", "in X" (the facts stage's own
# short list; compare reads locatives more widely).
_AT_PLACE = re.compile(r"\b(?:in|at|near|outside|off)\s+$")


def _as_place(m: Mention) -> Mention:
    """A mention the tagger typed otherwise, read as a place."""
    return dataclasses.replace(m, type="place", role=None, role_span=None, form="name",
                               name=None)


def _remapped(facts: list[ArticleFacts],
              remap: Callable[[ArticleFacts, Mention], Mention]) -> list[ArticleFacts]:
    """The facts with every mention passed through ``remap`` (new ArticleFacts)."""
    return [dataclasses.replace(af, mentions=[remap(af, m) for m in af.mentions])
            for af in facts]


def _places_taken_for_people(
    facts: list[ArticleFacts], known_place: Callable[[str], bool] | None = None,
) -> list[ArticleFacts]:
    """Undo the tagger taking a place for a person, where the story itself says it is a
    place: a word some report tags as a place is that place when another report tags it
    alone as a person and no person's full name carries it ("in Dunmore", typed a person
    once the small model has not met the town), and it is cut from the front of a long
    name it was run into ("Former mayor of Dunmore Ada Kell Brown" read as one name).
    With ``known_place`` (a gazetteer's word), a lone word right after "in", "near" or
    "at" that the gazetteer knows is a place too ("strikes near Belgrade" in a headline)."""
    places = {fold(af.article.slice(m.span)) for af in facts for m in af.mentions
              if m.type == "place"}
    if not places and known_place is None:
        return facts

    def at_known_place(af: ArticleFacts, m: Mention) -> bool:
        before = af.article.get(m.span.field)[max(0, m.span.start - 12): m.span.start]
        return (known_place is not None and bool(_AT_PLACE.search(before))
                and known_place(af.article.slice(m.span)))

    def cut(name: str) -> str:
        words = name.split()
        return " ".join(words[1:]) if len(words) >= 3 and fold(words[0]) in places else name

    full_names = [name_tokens(cut(m.name or af.article.slice(m.span)))
                  for af in facts for m in af.mentions if m.type == "person"]
    carried = {t for tokens in full_names if len(tokens) >= 2 for t in tokens}

    def remap(af: ArticleFacts, m: Mention) -> Mention:
        if m.type != "person" or not m.name:
            return m
        words = name_tokens(af.article.slice(m.span))
        if len(words) == 1 and words[0] not in carried and (
                words[0] in places or at_known_place(af, m)):
            return _as_place(m)
        return dataclasses.replace(m, name=cut(m.name))

    return _remapped(facts, remap)


# Words right before a name that only a place takes: "east of X", "near X", "residents
# of X", "the town of X". The small model tags a town it has not met as an organisation
# about as often as a place; one such cue in the story settles it.
_PLACE_CUE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside|"
    r"residents\s+of|(?:town|city|village|port|county|district|province|region|suburb)\s+of)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A name an organisation's words follow is not a place's, whatever came before it.
_ORG_AFTER = re.compile(r"^\s+(?:said|says|announced|reported|confirmed|denied)\b")


def _places_taken_for_organisations(facts: list[ArticleFacts]) -> list[ArticleFacts]:
    """Undo the tagger taking a town for an organisation ("east of Kestrelby", typed ORG
    because the small model has not met the town): a name of one or two words that some
    mention of the story puts right after a place cue (:data:`_PLACE_CUE`) and none
    follows with a newsroom verb of organisations ("X said") is a place."""
    cued: set[str] = set()
    spoke: set[str] = set()
    for af in facts:
        for m in af.mentions:
            if m.type != "org":
                continue
            text = af.article.get(m.span.field)
            key = fold(af.article.slice(m.span))
            if not 1 <= len(key.split()) <= 2:
                continue
            if _PLACE_CUE.search(text[max(0, m.span.start - 30): m.span.start]):
                cued.add(key)
            if _ORG_AFTER.match(text[m.span.end: m.span.end + 16]):
                spoke.add(key)
    places = cued - spoke
    if not places:
        return facts
    return _remapped(facts, lambda af, m: _as_place(m) if m.type == "org" and fold(
        af.article.slice(m.span)) in places else m)


# The word after a name that says it names an area: "the Kessel region", "Orle province".
# Only administrative areas: "Kessel Street" or "Orle Hospital" may be named after a person.
_PLACE_CLASS_AFTER = re.compile(
    r"^\s+(?:region|province|district|county|prefecture|municipality|canton|oblast|"
    r"governorate|department)\b"
)


def _places_named_by_their_class(facts: list[ArticleFacts]) -> list[ArticleFacts]:
    """Undo the tagger taking an area for a person or an organisation where the next word
    names its kind ("four hospitals in the Kessel region": the small model, not knowing
    the name, tags it a person): that mention is a place. Only the mention so followed;
    the same word elsewhere keeps its type ("Kessel said" may be a person)."""

    def remap(af: ArticleFacts, m: Mention) -> Mention:
        if m.type not in ("person", "org") or not 1 <= len(name_tokens(af.article.slice(m.span))) <= 2:
            return m
        after = af.article.get(m.span.field)[m.span.end: m.span.end + 16]
        return _as_place(m) if _PLACE_CLASS_AFTER.match(after) else m

    return _remapped(facts, remap)


# ", 46," right after a name: the age news writing gives people, never organisations.
_AGE_AFTER = re.compile(r"^,\s*\d{1,3}\s*,")


def _people_taken_for_organisations(facts: list[ArticleFacts]) -> list[ArticleFacts]:
    """Undo the tagger taking a person for an organisation ("Okafor-Lind" typed ORG, a
    hyphenated surname it has not met): a name some report gives an age ("X, 46,") is a
    person's, and so is every organisation mention of the story ending in that surname."""
    aged = set()
    for af in facts:
        for m in af.mentions:
            after = af.article.get(m.span.field)[m.span.end: m.span.end + 8]
            if m.type == "org" and _AGE_AFTER.match(after):
                tokens = name_tokens(af.article.slice(m.span))
                if 1 <= len(tokens) <= 3:
                    aged.add(tokens[-1])
    if not aged:
        return facts

    def remap(af: ArticleFacts, m: Mention) -> Mention:
        text = af.article.slice(m.span)
        tokens = name_tokens(text)
        if m.type == "org" and tokens and tokens[-1] in aged and len(tokens) <= 3:
            return dataclasses.replace(m, type="person", name=text,
                                       form="name" if len(tokens) >= 2 else "short")
        return m

    return _remapped(facts, remap)


def resolve_entities(facts: list[ArticleFacts],
                     known_place: Callable[[str], bool] | None = None) -> StoryFacts:
    """Resolve mentions to entities across articles; sets Mention.entity and
    Quote.speaker_entity (returns new ArticleFacts, the input is not changed).
    ``known_place``: whether a gazetteer lists a name as a place (see
    :func:`_places_taken_for_people`)."""
    facts = _people_taken_for_organisations(_places_taken_for_organisations(
        _places_taken_for_people(_places_named_by_their_class(facts), known_place)))
    facts_by_id = {af.article.id: af for af in facts}
    groups = _cluster(_locals(facts))
    groups.sort(key=lambda g: min((list(facts_by_id).index(l.article), l.mentions[0].span.start)
                                  for l in g))
    entities: list[Entity] = []
    entity_of: dict[Span, str] = {}
    used: Counter[str] = Counter()
    for group in groups:
        name = _canonical(group, facts_by_id)
        types = Counter(m.type for local in group for m in local.mentions)
        etype = types.most_common(1)[0][0]
        base = f"{etype}:{_slug(name)}"
        used[base] += 1
        eid = base if used[base] == 1 else f"{base}-{used[base]}"
        variants: dict[str, list[str]] = {}
        spans: list[Span] = []
        roles: Counter[str] = Counter()
        for local in group:
            for m in local.mentions:
                spans.append(m.span)
                entity_of[m.span] = eid
                if m.role:
                    roles[m.role] += 1
                if m.form == "title":
                    continue
                text = re.sub(r"\s+", " ", facts_by_id[local.article].article.slice(m.span))
                ids = variants.setdefault(text, [])
                if local.article not in ids:
                    ids.append(local.article)
        # "PARK" in an all-capitals heading is the same spelling as "Park", not a variant
        folded = {fold(t) for t in variants if not t.isupper()}
        variants = {t: ids for t, ids in variants.items()
                    if not (t.isupper() and len(t) > 1 and fold(t) in folded)}
        entities.append(Entity(eid, name, etype, variants, spans,
                               [r for r, _ in roles.most_common()]))
    # a speaker the tagger did not mark ("..., Okafor-Lind told supporters") is the one
    # person of the story written that way elsewhere
    people_by_spelling: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        if entity.type == "person":
            for text in entity.variants:
                people_by_spelling[fold(text)].add(entity.id)

    def speaker_of(af: ArticleFacts, q: Quote) -> str | None:
        if q.speaker_ref:
            return entity_of.get(q.speaker_ref)
        if q.speaker is None:
            return None
        found = people_by_spelling.get(fold(af.article.slice(q.speaker)), set())
        return next(iter(found)) if len(found) == 1 else None

    out: list[ArticleFacts] = []
    for af in facts:
        mentions = [dataclasses.replace(m, entity=entity_of.get(m.span)) for m in af.mentions]
        quotes = [dataclasses.replace(q, speaker_entity=speaker_of(af, q)) for q in af.quotes]
        out.append(ArticleFacts(af.article, list(af.sentences), mentions, list(af.dates),
                                list(af.numbers), quotes, list(af.events)))
    return StoryFacts(out, entities)
