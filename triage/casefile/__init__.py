"""The case-file interchange format (decision D2): the schema shipped with the package and a validator.

`validate_case_file` returns plain-English problems, each naming the field as a JSON path (``posts[0].platform``),
so the CLI, imports and the web app can show the same messages.
"""

from __future__ import annotations

import json
import re
from datetime import date
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


#: Text that cannot be stored: NUL (PostgreSQL text refuses it) and unpaired surrogates (valid in JSON, not in
#: UTF-8, so writing them anywhere fails).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
#: Deeper than any real case file; past this a hostile file is refused before anything walks it.
MAX_DEPTH = 20
#: Dates outside these years are refused: the working-day clock starts in 2000, and far-future dates would make it
#: count millions of days.
EARLIEST_YEAR = 2000


def _unstorable_problems(value: Any, path: list, depth: int = 0) -> list[str]:
    if depth > MAX_DEPTH:
        return [f"{field_path(path[:MAX_DEPTH])}: nested more than {MAX_DEPTH} levels deep"]
    if isinstance(value, str):
        if not _UNSTORABLE.search(value):
            return []
        return [f"{field_path(path)}: contains a NUL character or an unpaired surrogate, which cannot be stored"]
    if isinstance(value, dict):
        problems = []
        for key, item in value.items():
            if isinstance(key, str) and _UNSTORABLE.search(key):
                problems.append(f"{field_path(path)}: has a field name with a character that cannot be stored")
                continue
            problems += _unstorable_problems(item, [*path, key], depth + 1)
        return problems
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _unstorable_problems(item, [*path, index], depth + 1)]
    return []


def date_problems(data: dict) -> list[str]:
    """Dates must be real and plausible: from 2000 to the end of next year."""
    low, high = date(EARLIEST_YEAR, 1, 1), date(date.today().year + 1, 12, 31)
    fields = [("received_on", data.get("received_on")), ("complainant_learned_on", data.get("complainant_learned_on"))]
    posts = data.get("posts") if isinstance(data.get("posts"), list) else []
    fields += [(f"posts[{i}].posted_on", p.get("posted_on")) for i, p in enumerate(posts) if isinstance(p, dict)]
    problems = []
    for name, value in fields:
        if value is None:
            continue
        try:
            day = date.fromisoformat(value)
        except (TypeError, ValueError):
            problems.append(f"{name}: is not a date like 2026-03-31")
            continue
        if not low <= day <= high:
            problems.append(f"{name}: must be between {low.isoformat()} and {high.isoformat()}")
    return problems


def _words(error) -> str:
    """The schema error in words that never repeat the value (it may be a name, an email or 60 MB of text)."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    kind = error.validator
    if kind == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else str(expected)
        return f"must be {'an' if expected[:1] in 'aeiou' else 'a'} {expected}"
    if kind == "enum":
        return "must be one of: " + ", ".join(map(str, schema.get("enum", [])))[:200]
    if kind == "maxLength":
        return f"must be {error.validator_value:,} characters or fewer"
    if kind == "minLength":
        return (
            "must not be empty" if error.validator_value == 1 else f"must be {error.validator_value} characters or more"
        )
    if kind == "maxItems":
        return f"must have {error.validator_value} items or fewer"
    if kind == "minItems":
        return f"must have at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}"
    if kind == "format" and error.validator_value == "date":
        return "is not a date like 2026-03-31"
    if kind == "format":
        return f"is not a valid {error.validator_value}"
    if kind == "pattern":
        return "is not in the expected form"
    if kind == "additionalProperties":
        return "has a field that is not allowed here"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"must be {'at least' if 'inimum' in kind else 'at most'} {error.validator_value}"
    return "is not valid here"


def validate_case_file(data: Any) -> list[str]:
    """Problems with a case-file dict, as ``field: message`` strings; an empty list means it is valid."""
    problems = _unstorable_problems(data, [])
    if any("levels deep" in p for p in problems):
        return problems  # nothing else walks a hostile structure
    for error in sorted(_validator().iter_errors(data), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        where = field_path(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1] if "'" in error.message else error.message
            where = f"{where}.{missing}" if where != "(top level)" else missing
            problems.append(f"{where}: required field is missing")
        else:
            problems.append(f"{where[:120]}: {_words(error)}")
    if not problems and isinstance(data, dict):
        problems = date_problems(data)
    return problems


def answer_ids() -> tuple[str, ...]:
    """The ids of the structured answers, in schema order (deprecated ones, still read from older files, left out)."""
    props = case_file_schema()["properties"]["answers"]["properties"]
    return tuple(k for k, v in props.items() if not v.get("deprecated"))
