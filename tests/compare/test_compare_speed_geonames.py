"""The GeoNames index file: read back as built, and never trusted when stale or foreign."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from newsdesk.compare import geonames
from newsdesk.compare.places import DEFAULT_MIN_CITY_POPULATION, Gazetteer, GeoReading

POP = DEFAULT_MIN_CITY_POPULATION


@pytest.fixture(scope="module")
def built() -> geonames.GeoIndex:
    return geonames.build_index(POP)


def test_the_file_holds_the_index_that_was_built(tmp_path: Path, built: geonames.GeoIndex) -> None:
    path = geonames.write_index(tmp_path / "index.pickle", POP, built)
    assert geonames.read_index(path, POP) == built


def test_a_file_from_another_format_is_rebuilt_not_trusted(
    tmp_path: Path, built: geonames.GeoIndex
) -> None:
    path = tmp_path / "index.pickle"
    stale = (("old format", "0.0", POP), {"qqzx vorlund": (("XX", None),)})
    path.write_bytes(pickle.dumps(stale))
    assert geonames.read_index(path, POP) is None
    index = geonames.load_index(POP, path)
    assert "qqzx vorlund" not in index and index == built
    assert geonames.read_index(path, POP) == built  # rewritten for the next process


def test_a_file_that_names_code_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "index.pickle"
    # a pickle that would call a function on loading: data files never need one
    path.write_bytes(pickle.dumps((geonames._stamp(POP), {"x": Path("/")})))
    assert geonames.read_index(path, POP) is None


def test_a_truncated_file_is_rebuilt(tmp_path: Path, built: geonames.GeoIndex) -> None:
    path = geonames.write_index(tmp_path / "index.pickle", POP, built)
    path.write_bytes(path.read_bytes()[:1000])
    assert geonames.read_index(path, POP) is None


def test_the_gazetteer_reads_countries_states_and_cities_from_the_index() -> None:
    # invented-free probes: a country, a US state and a capital every GeoNames cut lists
    found = Gazetteer().lookup({"France", "Texas", "Paris", "Nowhere-on-earth"})
    assert found["france"] == {GeoReading("FR")}
    assert GeoReading("US", "TX") in found["texas"]
    assert GeoReading("FR", "11") in found["paris"]
    assert "nowhereonearth" not in found


def test_set_up_writes_the_file_where_processes_look(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_GEONAMES_DIR", str(tmp_path))
    assert geonames.main([]) == 0
    assert geonames.read_index(geonames.index_file(POP), POP)
