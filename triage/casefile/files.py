"""Reading case files from disk with errors that name the file and the field."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from triage.casefile import validate_case_file


@dataclass
class CaseFileRead:
    path: Path
    data: dict | None
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.problems


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and every *.json file (sorted) inside given folders."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        out.extend(sorted(p for p in path.rglob("*.json") if p.is_file()) if path.is_dir() else [path])
    return out


def read_case_file(path: Path) -> CaseFileRead:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CaseFileRead(path, None, ["file not found"])
    except (OSError, UnicodeDecodeError) as exc:
        return CaseFileRead(path, None, [f"cannot be read as UTF-8 text ({exc.__class__.__name__})"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return CaseFileRead(path, None, [f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"])
    problems = validate_case_file(data)
    return CaseFileRead(path, data if not problems else None, problems)


def read_case_files(paths: Iterable[str | Path]) -> Iterator[CaseFileRead]:
    for path in expand_paths(paths):
        yield read_case_file(path)
