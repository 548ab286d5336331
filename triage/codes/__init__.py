"""Codes of Conduct as data.

Each shipped Code is a JSON file in ``data/`` whose paragraph ids follow the Code's own numbering (decision D4). The
shipped paragraph text is a paraphrase written for this project; a council loads its adopted Code's exact wording
with :func:`load_code_file`. Every file is checked against ``code.schema.json`` and a few cross-field rules on
load, and errors name the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from triage.casefile import answer_ids, field_path

TOPICS: tuple[str, ...] = (
    "respect",
    "bullying",
    "harassment",
    "equality",
    "impartiality",
    "confidentiality",
    "knowledge",
    "disrepute",
    "position",
    "resources",
    "intimidation",
)

#: Where a Code has no paragraph for a topic, the closest paragraph it does have (e.g. one paragraph covering
#: bullying and harassment together, or respect where there is no disrepute paragraph).
TOPIC_FALLBACK: dict[str, str] = {
    "harassment": "bullying",
    "knowledge": "position",
    "intimidation": "bullying",
    "disrepute": "respect",  # the Scottish Code has no general disrepute paragraph
}

#: The Code assumed when a case names none.
JURISDICTION_DEFAULT: dict[str, str] = {
    "england": "lga-model-2020",
    "wales": "wales-model-2016",
    "scotland": "scotland-councillors-2021",
}


class CodeError(ValueError):
    """A Code of Conduct file is missing or invalid; the message names the file and the field."""


@dataclass(frozen=True)
class Paragraph:
    id: str
    heading: str
    text: str
    topic: str
    question_ids: tuple[str, ...]
    applies_at_any_time: bool
    #: targets this paragraph protects (e.g. LGA 1.2 is about officers); empty means anyone
    targets: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"question_ids": list(self.question_ids), "targets": list(self.targets)}


@dataclass(frozen=True)
class CodeOfConduct:
    id: str
    title: str
    jurisdiction: str
    adopted_by_note: str
    source_note: str
    paragraphs: tuple[Paragraph, ...]
    paraphrase: bool = True
    in_force_from: str | None = None

    def paragraph(self, paragraph_id: str) -> Paragraph:
        for p in self.paragraphs:
            if p.id == paragraph_id:
                return p
        raise KeyError(f"{self.id} has no paragraph {paragraph_id!r}")

    def paragraphs_for(self, topic: str, target: str | None = None) -> tuple[Paragraph, ...]:
        """Paragraphs on ``topic`` (or its fallback topic), narrowed to those protecting ``target`` when known."""
        found = tuple(p for p in self.paragraphs if p.topic == topic)
        if not found and topic in TOPIC_FALLBACK:
            found = tuple(p for p in self.paragraphs if p.topic == TOPIC_FALLBACK[topic])
        if target and target != "unknown":
            narrowed = tuple(p for p in found if not p.targets or target in p.targets)
            found = narrowed or found
        return found

    def cite(self, topic: str, target: str | None = None) -> str:
        """``"LGA Model Councillor Code of Conduct 2020, para 1.2 (Respect)"`` for a topic, or a note that this Code
        has no such paragraph. Cited by the Code's title, which people read, not its id."""
        found = self.paragraphs_for(topic, target)
        if not found:
            return f"{self.title}: no paragraph on {topic.replace('_', ' ')}"
        ids = ", ".join(p.id for p in found)
        note = f", the nearest to {topic.replace('_', ' ')}" if found[0].topic != topic else ""
        return f"{self.title}, para {ids} ({found[0].heading}{note})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "adopted_by_note": self.adopted_by_note,
            "source_note": self.source_note,
            "paraphrase": self.paraphrase,
            "in_force_from": self.in_force_from,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
        }


@cache
def _schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resources.files(__name__).joinpath("code.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def code_problems(data: Any) -> list[str]:
    """Problems with a Code dict as ``field: message`` strings (schema, then cross-field checks)."""
    problems = [
        f"{field_path(e.absolute_path)}: {e.message}"
        for e in sorted(_schema_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        return problems
    known_questions = set(answer_ids())
    seen: set[str] = set()
    for i, para in enumerate(data["paragraphs"]):
        if para["id"] in seen:
            problems.append(f"paragraphs[{i}].id: duplicate paragraph id {para['id']!r}")
        seen.add(para["id"])
        for j, qid in enumerate(para["question_ids"]):
            if qid not in known_questions:
                problems.append(f"paragraphs[{i}].question_ids[{j}]: unknown question {qid!r}")
    return problems


def code_from_dict(data: dict[str, Any], *, origin: str = "<dict>") -> CodeOfConduct:
    """Build a :class:`CodeOfConduct` from a validated dict; raises :class:`CodeError` naming ``origin``."""
    problems = code_problems(data)
    if problems:
        raise CodeError(f"{origin}: invalid Code of Conduct:\n" + "\n".join(f"  {p}" for p in problems))
    paragraphs = tuple(
        Paragraph(
            id=p["id"],
            heading=p["heading"],
            text=p["text"],
            topic=p["topic"],
            question_ids=tuple(p["question_ids"]),
            applies_at_any_time=p["applies_at_any_time"],
            targets=tuple(p.get("targets", ())),
        )
        for p in data["paragraphs"]
    )
    return CodeOfConduct(
        id=data["id"],
        title=data["title"],
        jurisdiction=data["jurisdiction"],
        adopted_by_note=data["adopted_by_note"],
        source_note=data["source_note"],
        paragraphs=paragraphs,
        paraphrase=data.get("paraphrase", False),
        in_force_from=data.get("in_force_from"),
    )


def load_code_file(path: str | Path) -> CodeOfConduct:
    """Load a council's own Code of Conduct JSON (same shape as the shipped files)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CodeError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise CodeError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return code_from_dict(data, origin=str(path))


def shipped_code_ids() -> tuple[str, ...]:
    """Ids of the Codes shipped in ``triage/codes/data``."""
    folder = resources.files(__name__).joinpath("data")
    return tuple(sorted(entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")))


@cache
def load_code(code_id: str) -> CodeOfConduct:
    """A shipped Code by id (cached)."""
    if code_id not in shipped_code_ids():
        raise CodeError(f"unknown Code of Conduct {code_id!r}; shipped: {', '.join(shipped_code_ids())}")
    entry = resources.files(__name__).joinpath("data", f"{code_id}.json")
    code = code_from_dict(json.loads(entry.read_text(encoding="utf-8")), origin=f"triage/codes/data/{code_id}.json")
    if code.id != code_id:
        raise CodeError(f"triage/codes/data/{code_id}.json: id: {code.id!r} does not match the file name")
    return code


def code_for(case: dict[str, Any]) -> CodeOfConduct:
    """The Code named by the case file's ``code``, else the default for its jurisdiction (England: LGA model 2020)."""
    return code_named(case.get("code"), case.get("jurisdiction"))


def code_named(code_id: str | None, jurisdiction: str | None) -> CodeOfConduct:
    """The Code ``code_id``, else the default for ``jurisdiction`` (England when that is not given either)."""
    return load_code(code_id or JURISDICTION_DEFAULT[jurisdiction or "england"])
