"""Is a second spelling of a name a normal variant or a garbled one?

A normal variant changes how a name is written, not which letters carry it:
case, spacing, hyphenation, diacritics, initials, and romanisation (which moves vowels
and swaps consonants that different transliteration schemes write differently). A garbled
spelling loses or swaps letters of the name itself: a syllable missing, two letters
transposed, one consonant replaced.

No library classifies this; rapidfuzz gives the distances and unidecode the folding,
and the rules between them are written here.
"""

from __future__ import annotations

import re
from typing import Literal

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein
from unidecode import unidecode

NameRelation = Literal["same", "variant", "garbled", "different"]

_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_VOWELS = set("aeiouy")
# Consonants that transliteration schemes write differently for one sound
# (Qaddafi / Gaddafi / Kadhafi, Tchaikovsky / Chaikovsky). 'h' is dropped altogether
# because it mostly marks aspiration or a digraph (kh, dh, sh) in romanised names; 'j' is
# the glide German and Slavic schemes write where English writes 'y' or 'i' (Nadja /
# Nadya / Nadia, Jurij / Yuriy), so it counts with the vowels.
_CONSONANT_CLASS = str.maketrans(
    {"q": "k", "g": "k", "c": "k", "z": "s", "v": "f", "w": "f", "j": "y"}
)


def fold(name: str) -> str:
    """Lower-case ASCII letters only: case, diacritics, hyphens and spaces removed."""
    return re.sub(r"[^a-z]", "", unidecode(name).lower())


def name_tokens(name: str) -> list[str]:
    """Folded tokens of a name, suffixes (Jr., III) removed, hyphenated parts kept whole."""
    tokens = [fold(t) for t in re.split(r"[\s,]+", unidecode(name)) if fold(t)]
    return [t for t in tokens if t not in _SUFFIXES] or tokens


def skeleton(folded: str) -> str:
    """Consonant skeleton under transliteration equivalence, doubled letters collapsed."""
    letters = folded.translate(_CONSONANT_CLASS).replace("h", "")
    single = [c for i, c in enumerate(letters) if i == 0 or letters[i - 1] != c]
    return "".join(c for c in single if c not in _VOWELS)


def syllables(folded: str) -> int:
    """Number of vowel groups: romanisation rewrites vowels but keeps their count."""
    return len(re.findall(r"[aeiouy]+", folded))


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def compare_words(a: str, b: str) -> NameRelation:
    """Relation of two single name words (already folded or not)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return "different"
    if fa == fb:
        return "same"
    if _plural_forms(fa, fb):
        return "variant"
    if sorted(fa) == sorted(fb) and DamerauLevenshtein.distance(fa, fb) == 1:
        return "garbled"  # two neighbouring letters swapped
    if _syllable_dropped(fa, fb):
        return "garbled"
    if skeleton(fa) == skeleton(fb) and skeleton(fa):
        # only vowels (or equivalent consonants) differ: romanisation, which also drops
        # or adds a vowel ("Rashedin" / "Rashdin"; ecbplus-dev clean events). A dropped
        # syllable takes its consonants with it, so it never leaves the skeleton whole.
        return "variant"
    short, long = sorted((fa, fb), key=len)
    if short[0] != long[0]:
        return "different"  # garbling keeps the first letter ("Hall" is not "Rahall")
    # A dropped syllable keeps every other letter in order; the short form must still
    # carry most of the name, or "Kim" would be a garbled "Kimura".
    if len(short) >= 3 and _subsequence(short, long) and len(short) / len(long) >= 0.55:
        return "garbled"
    # a name cut off after its first syllables keeps at least half of it
    if len(short) >= 4 and long.startswith(short) and len(short) / len(long) >= 0.5:
        return "garbled"
    if len(short) >= 4 and Levenshtein.normalized_similarity(fa, fb) >= 0.75:
        return "garbled"
    return "different"


def _syllable_dropped(fa: str, fb: str) -> bool:
    """The shorter word is the longer one with two or more letters in a row cut out of its
    middle, a consonant among them ("okonjobaptiste" / "okonbaptiste"): a dropped syllable.
    Romanisation drops a vowel, or writes a glide as a vowel ('j' for 'i' or 'y'), one
    letter at a time -- which is why the skeleton, where 'j' goes with the vowels, cannot
    tell "Okon" from "Okonjo"."""
    short, long = sorted((fa, fb), key=len)
    cut = len(long) - len(short)
    if cut < 2 or len(short) < 4:
        return False
    start = next((i for i, (x, y) in enumerate(zip(short, long)) if x != y), len(short))
    if start == 0 or start == len(short) or long[:start] + long[start + cut:] != short:
        return False  # the first letter kept, and a cut end is a short form ("Fred")
    return any(c not in "aeiou" for c in long[start : start + cut])


def _plural_forms(fa: str, fb: str) -> bool:
    """A capitalised noun and its plural ("Comet" / "Comets"), or two plurals one of which
    clips the other ("Gryphs" / "Gryphons"): team and group names, not a misspelt person.
    ecbplus-dev clean events: such pairs were a third of the name alarms."""
    if fa + "s" == fb or fb + "s" == fa:
        return True
    if fa.endswith("s") and fb.endswith("s"):
        short, long = sorted((fa[:-1], fb[:-1]), key=len)
        return len(short) >= 3 and long.startswith(short)
    return False


# The least share of a surname's letters a shortened spelling must keep to be read as that
# surname misspelt, when the story says it is the same person (same given name, same
# line). Tuned on ecbplus-dev (24 events, seed 7): names shortened to 0.44 of their
# letters were the same person; below 0.4 short words matched long names by chance.
_MIN_KEPT = 0.4


def respelled(word: str, name: str) -> bool:
    """Could ``word`` be ``name`` written wrongly -- letters dropped or swapped, not a
    normal variant? Looser than :func:`compare_words`: for use only where the context
    already says the two stand for one person."""
    relation = compare_words(word, name)
    if relation != "different":
        return relation == "garbled"
    short, long = sorted((fold(word), fold(name)), key=len)
    return (
        len(short) >= 4  # "Kim" is not a garbled "Kimura"
        and short[0] == long[0]
        and _subsequence(short, long)
        and len(short) / len(long) >= _MIN_KEPT
    )


def _initial_match(a: str, b: str) -> bool:
    return (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]


def compare_given(a: str, b: str) -> NameRelation:
    """Relation of two given names: a short form that begins the long one ("Jim" /
    "Jimmy", "Chris" / "Christopher") or an initial is the same person's name, not a
    garbled one."""
    fa, fb = fold(a), fold(b)
    if fa and fb and fa != fb and (_initial_match(fa, fb) or (
        min(len(fa), len(fb)) >= 3 and (fa.startswith(fb) or fb.startswith(fa))
    )):
        return "variant"
    return compare_words(a, b)


def compare_names(a: str, b: str) -> NameRelation:
    """Relation of two person names, full or short ("Jane Smith" vs "J. Smith" vs "Smyth").

    A short name (one word) is compared with the word of the long name it is closest to;
    two full names are compared word by word after folding, so spacing and hyphens
    ("Min-jun" / "Min Jun") do not count.
    """
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return "different"
    if "".join(ta) == "".join(tb):
        return "same"
    if len(ta) == 1 or len(tb) == 1:
        word, others = (ta[0], tb) if len(ta) == 1 else (tb[0], ta)
        ranks = {"same": 0, "variant": 1, "garbled": 2, "different": 3}
        candidates = list(others) + ["".join(others[i : i + 2]) for i in range(len(others) - 1)]
        relations = [compare_words(word, o) for o in candidates]
        relations += [compare_given(word, o) for o in others[:-1]]  # a given name's short form
        return min(relations, key=ranks.__getitem__)
    joined = compare_words("".join(ta), "".join(tb))
    if joined in ("same", "variant"):
        return joined
    if len(ta) == len(tb):
        relations = []
        for k, (x, y) in enumerate(zip(ta, tb)):
            given = k < len(ta) - 1
            relations.append("same" if _initial_match(x, y) else
                             compare_given(x, y) if given else compare_words(x, y))
        if "different" in relations:
            return "different"
        if all(r == "same" for r in relations):
            return "same"
        return "garbled" if "garbled" in relations else "variant"
    # Different word counts (a middle name present in one): compare first and last words.
    first = "same" if _initial_match(ta[0], tb[0]) else compare_given(ta[0], tb[0])
    last = compare_words(ta[-1], tb[-1])
    if "different" in (first, last):
        return "different"
    if "garbled" in (first, last):
        return "garbled"
    return "variant" if "variant" in (first, last) else "same"
