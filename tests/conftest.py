"""Shared test fixtures: where the shared data lives, and contract validation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
SEEDS = SHARED / "seeds"
CONTRACT = SHARED / "contract"


def _registry() -> Any:
    """Every contract schema, findable by its $id and by the relative name another schema's
    $ref uses (check.schema.json refers to "report.schema.json" relative to its own $id)."""
    from urllib.parse import urljoin

    from referencing import Registry, Resource

    schemas = {p.name: json.loads(p.read_text()) for p in CONTRACT.glob("*.schema.json")}
    resources = []
    for name, schema in schemas.items():
        resource = Resource.from_contents(schema)
        resources.append((schema["$id"], resource))
        for other in schemas.values():
            resources.append((urljoin(other["$id"], name), resource))
    return Registry().with_resources(resources)


def validate_contract(obj: Any, schema_name: str) -> None:
    """Raise if ``obj`` does not validate against ``../shared/contract/<schema_name>``."""
    from jsonschema import Draft202012Validator

    schema = json.loads((CONTRACT / schema_name).read_text())
    validator = Draft202012Validator(schema, registry=_registry())
    errors = sorted(validator.iter_errors(obj), key=lambda e: list(e.path))
    if errors:
        lines = [f"{list(e.path)}: {e.message}" for e in errors[:10]]
        raise AssertionError(f"{schema_name} violations:\n" + "\n".join(lines))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared data not found at {SHARED}; clone newsdesk beside shared/")
    return SHARED


@pytest.fixture(scope="session")
def models() -> Any:
    """One set of lazily loaded models for the whole test session."""
    from newsdesk.models import Models

    return Models()
