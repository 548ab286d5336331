"""The case-file interchange format (decision D2): the schema shipped with the package and a validator.

`validate_case_file` returns plain-English problems, each naming the field as a JSON path (``posts[0].platform``),
so the CLI, imports and the web app can show the same messages.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

SCHEMA_NAME = "case-file.schema.json"


@cache
def case_file_schema() -> dict[str, Any]:
    """The case-file JSON Schema shipped in this package."""
    return json.loads(resources.files(__name__).joinpath(SCHEMA_NAME).read_text(encoding="utf-8"))


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = case_file_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def field_path(path: Any) -> str:
    """Render a jsonschema path deque as ``posts[0].platform`` (``(top level)`` when empty)."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _nul_problems(value: Any, path: list) -> list[str]:
    """NUL characters: JSON allows them, but PostgreSQL cannot store them in text, so refuse them up front."""
    if isinstance(value, str):
        if "\x00" not in value:
            return []
        return [f"{field_path(path)}: contains a NUL character (\\u0000), which cannot be stored"]
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _nul_problems(item, [*path, key])]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _nul_problems(item, [*path, index])]
    return []


def validate_case_file(data: Any) -> list[str]:
    """Problems with a case-file dict, as ``field: message`` strings; an empty list means it is valid."""
    problems = _nul_problems(data, [])
    for error in sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = field_path(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            where = f"{where}.{missing}" if where != "(top level)" else missing
            problems.append(f"{where}: required field is missing")
        else:
            problems.append(f"{where}: {error.message}")
    return problems


def answer_ids() -> tuple[str, ...]:
    """The ids of the structured answers, in schema order (deprecated ones, still read from older files, left out)."""
    props = case_file_schema()["properties"]["answers"]["properties"]
    return tuple(k for k, v in props.items() if not v.get("deprecated"))
