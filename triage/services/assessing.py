"""Adapter between the case record and the scorer: build the case file from the database, run
``triage.scoring.assess.assess`` on it and store the whole result as an :class:`~triage.models.Assessment` row.

The scorer stays pure Python and never sees the database; this is the one place the web app (and later the CLI
and PDF note) turns a case into scores. The scorer's output is stored as it came, never adjusted here, plus a
fingerprint of the input so the case page can say when the answers have changed since scoring.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from triage.casefile.model import CaseFile
from triage.data import audit
from triage.data.cases import case_file_for
from triage.extensions import db
from triage.models import Assessment, Case
from triage.models.enums import Outcome

INPUT_FINGERPRINT_KEY = "input_sha256"
MODEL_VERSION_MAX = 120


class ScoringUnavailable(RuntimeError):
    """The scorer could not be imported or failed on this case; nothing was stored."""


def scoring_input(case: Case) -> CaseFile:
    """The case file the scorer reads. The complainant's identity and any recorded decision are left out: the
    scorer needs neither, and must never be steered by the officer's own decision."""
    typed = case_file_for(case, include_complainant=False)
    return replace(typed, extra={k: v for k, v in typed.extra.items() if k not in ("decision", "expected")})


def input_fingerprint(case: Case) -> str:
    payload = json.dumps(scoring_input(case).to_json(), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode()).hexdigest()


def model_version_label(model_version: Any) -> str:
    """The scorer's model version as one short string for the ``Assessment.model_version`` column (the full
    structure stays in ``result``). Accepts a string or a mapping such as {"reasoning": ..., "rules": ...}."""
    if isinstance(model_version, dict):
        text = " ".join(f"{key}={value}" for key, value in model_version.items() if value not in (None, ""))
    else:
        text = str(model_version or "unknown")
    return text[:MODEL_VERSION_MAX]


def _assess(data: CaseFile, code=None) -> dict[str, Any]:
    try:
        from triage.scoring.assess import assess
    except ImportError as exc:  # pragma: no cover - the scorer ships with the app
        raise ScoringUnavailable(f"the scorer is not installed ({exc})") from exc
    try:
        return assess(data, code=code).to_dict()
    except Exception as exc:
        raise ScoringUnavailable(f"the scorer failed on this case ({exc.__class__.__name__}: {exc})") from exc


def run_assessment(case: Case, *, user=None, actor: str | None = None) -> Assessment:
    """Score ``case`` now, store the result with the case version and model version, and audit it."""
    from triage.codes import CodeError
    from triage.data.councils import case_code

    try:
        code = case_code(case)
    except CodeError as exc:
        raise ScoringUnavailable(f"the case's Code of Conduct is not loaded ({exc})") from exc
    result = _assess(scoring_input(case), code)
    result[INPUT_FINGERPRINT_KEY] = input_fingerprint(case)
    row = Assessment(
        case_id=case.id,
        created_by_id=getattr(user, "id", None),
        case_version=case.version,
        model_version=model_version_label(result.get("model_version")),
        code_engaged_probability=float(result["code_engaged_probability"]),
        breach_probability=float(result["breach_probability"]),
        recommendation=Outcome(result["recommendation"]),
        result=result,
    )
    case.assessments.append(row)
    db.session.flush()
    audit.record(
        "assessment.run",
        "assessment",
        row.id,
        user=user,
        actor=actor,
        case_id=case.id,
        after={
            "recommendation": row.recommendation.value,
            "code_engaged_probability": round(row.code_engaged_probability, 4),
            "breach_probability": round(row.breach_probability, 4),
            "model_version": row.model_version,
            "case_version": row.case_version,
        },
    )
    return row


def is_current(assessment: Assessment | None, case: Case) -> bool:
    """Whether ``assessment`` was run on the case as it is now (same scoring input)."""
    if assessment is None:
        return False
    stored = (assessment.result or {}).get(INPUT_FINGERPRINT_KEY)
    if stored:
        return stored == input_fingerprint(case)
    return assessment.case_version == case.version
