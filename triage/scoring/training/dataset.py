"""Sample cases and decided cases as training and evaluation data.

The split is fixed (decision D3): a sample case is in the **test** split when its number ``NNNN % 5 == 0``.
Training reads ``expected`` labels of train-split cases (and of a council's own decided cases) only; test labels are
read by evaluation alone, through :func:`evaluation_cases`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.casefile import validate_case_file
from triage.codes import CodeError, code_for
from triage.scoring.types import RECOMMENDATIONS

_NUMBER = re.compile(r"^(\d{4})")
REPO_SAMPLE_CASES = Path(__file__).resolve().parents[3] / "sample_cases"


@dataclass(frozen=True)
class LabelledCase:
    """A case file and its labels, kept apart so the scorer is only ever given ``case`` (without labels)."""

    name: str
    case: dict[str, Any]
    labels: dict[str, Any]
    number: int | None = None


def case_number(path: Path) -> int | None:
    match = _NUMBER.match(path.name)
    return int(match.group(1)) if match else None


def is_test_number(number: int | None) -> bool:
    return number is not None and number % 5 == 0


def split_labels(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(case without labels, labels)``; decided cases may carry their labels as ``expected`` or ``decision``."""
    case = {k: v for k, v in data.items() if k not in {"expected", "decision"}}
    labels = data.get("expected") or data.get("decision") or {}
    return case, labels


def _read_folder(folder: Path) -> list[tuple[Path, int | None, dict[str, Any]]]:
    out = []
    for path in sorted(folder.glob("*.json")):
        number = case_number(path)
        if number is None:
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        problems = validate_case_file(data)
        if problems:
            raise ValueError(f"{path}: invalid case file: {problems[0]}")
        out.append((path, number, data))
    return out


def training_cases(folder: Path) -> list[LabelledCase]:
    """Train-split sample cases (``NNNN % 5 != 0``) with their labels."""
    out = []
    for path, number, data in _read_folder(folder):
        if is_test_number(number):
            continue
        case, labels = split_labels(data)
        out.append(LabelledCase(path.name, case, labels, number))
    return out


def evaluation_cases(folder: Path) -> list[LabelledCase]:
    """Test-split sample cases with labels: for evaluation only, never for training."""
    out = []
    for path, number, data in _read_folder(folder):
        if not is_test_number(number):
            continue
        case, labels = split_labels(data)
        out.append(LabelledCase(path.name, case, labels, number))
    return out


def decided_cases(items: Iterable[dict[str, Any]]) -> list[LabelledCase]:
    """A council's own decided cases (case files with ``expected``-like labels) as training data."""
    out = []
    for i, data in enumerate(items):
        problems = validate_case_file(data)
        if problems:
            raise ValueError(f"decided case {i + 1}: invalid case file: {problems[0]}")
        case, labels = split_labels(data)
        if labels.get("outcome") not in RECOMMENDATIONS:
            raise ValueError(f"decided case {i + 1}: expected.outcome: missing or not one of {RECOMMENDATIONS}")
        out.append(LabelledCase(case.get("reference") or f"decided-{i + 1}", case, labels))
    return out


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    items = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {n}: not valid JSON ({exc.msg})") from None
    return items


def fingerprint(cases: Iterable[LabelledCase]) -> str:
    """SHA-256 over the canonical JSON of the cases and labels used (order-independent)."""
    digests = sorted(hashlib.sha256(json.dumps([c.case, c.labels], sort_keys=True).encode()).hexdigest() for c in cases)
    return hashlib.sha256("\n".join(digests).encode()).hexdigest()


def engaged_label(labels: dict[str, Any]) -> bool:
    return bool(labels.get("code_engaged"))


def topics_label(case: dict[str, Any], labels: dict[str, Any]) -> set[str]:
    """Code topics of the labelled paragraphs (ids in the numbering of the case's Code)."""
    try:
        code = code_for(case)
    except CodeError:
        return set()
    topics = set()
    for pid in labels.get("paragraphs") or []:
        try:
            topics.add(code.paragraph(str(pid)).topic)
        except KeyError:
            continue
    return topics


def breach_label(labels: dict[str, Any]) -> bool:
    """A breach if proven that the labeller did not find protected: Code engaged and at least one paragraph."""
    return bool(labels.get("code_engaged")) and bool(labels.get("paragraphs"))
