"""Validates responses against the Open Referral UK 3.0 schemas copied into the repo.

The schemas refer to each other by absolute URL and have no ``$id``; a
``referencing.Registry`` maps each URL to the local copy so that nothing is fetched.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import openreferral

SPEC = Path(openreferral.__file__).parent / "schemas" / "spec-3.0"
BASE_URL = "https://openreferraluk.org/specifications/3.0/schema/"


@cache
def registry() -> Registry:
    return Registry().with_resources(
        (BASE_URL + path.name, Resource(json.loads(path.read_text()), specification=DRAFT202012))
        for path in sorted((SPEC / "schema").glob("*.json"))
    )


@cache
def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SPEC / "schema" / f"{schema_name}.json").read_text())
    return Draft202012Validator(
        schema, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems(instance: Any, schema_name: str) -> list[str]:
    """Every way ``instance`` breaks the schema, as "at /path: message" lines."""
    errors = sorted(validator(schema_name).iter_errors(instance), key=lambda e: list(e.path))
    return [f"at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors]


@cache
def endpoints() -> dict[str, str]:
    """Each path of the ORUK OpenAPI document and the schema of its 200 response."""
    spec = json.loads((SPEC / "openapi.json").read_text())
    found = {}
    for route, item in spec["paths"].items():
        ref = item["get"]["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
        found[route] = ref.rsplit("/", 1)[-1].removesuffix(".json")
    return found
