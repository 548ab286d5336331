"""Reading case files from disk with errors that name the file and the field."""

from __future__ import annotations

import hashlib
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


#: Far larger than any real case file (post text is capped at 20,000 characters each); larger files are refused
#: before they are read, so one hostile file cannot exhaust memory.
MAX_FILE_BYTES = 5 * 1024 * 1024


def read_case_file(path: Path) -> CaseFileRead:
    """Read and check one file. Every failure becomes a problem naming the file and, where there is one, the field;
    no problem repeats the file's content (it may be a complainant's name, or megabytes of text)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return CaseFileRead(path, None, [f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not a case file"])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CaseFileRead(path, None, ["file not found"])
    except (OSError, UnicodeDecodeError) as exc:
        return CaseFileRead(path, None, [f"cannot be read as UTF-8 text ({exc.__class__.__name__})"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return CaseFileRead(path, None, [f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"])
    except RecursionError:
        return CaseFileRead(path, None, ["not a case file: nested far too deeply"])
    try:
        problems = validate_case_file(data)
    except RecursionError:
        problems = ["not a case file: nested far too deeply"]
    return CaseFileRead(path, data if not problems else None, problems)


def content_hash(data: dict) -> str:
    """SHA-256 of the case file as canonical JSON (sorted keys, no spaces): the same file, however formatted, gives
    the same hash, so a re-run import can recognise what it already imported."""
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_case_files(paths: Iterable[str | Path]) -> Iterator[CaseFileRead]:
    for path in expand_paths(paths):
        yield read_case_file(path)
