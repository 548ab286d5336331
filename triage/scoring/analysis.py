"""One pass over a case: facts, the rules that fire on what is known, and the staged reading of them.

Never reads ``expected``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from triage.casefile.model import CaseFile
from triage.codes import CodeOfConduct, code_named
from triage.scoring.features import Facts, build_facts
from triage.scoring.rules import Rule, fire
from triage.scoring.staged import StagedReading, read_stages
from triage.scoring.types import TextModelsLike


@dataclass
class Analysis:
    code: CodeOfConduct
    facts: Facts
    fired: list[Rule]
    staged: StagedReading


def analyse(
    case: CaseFile | Mapping[str, Any], *, code: CodeOfConduct | None = None, text_models: TextModelsLike | None = None
) -> Analysis:
    """Facts, rules, staged reading and features for one case (``expected`` is ignored)."""
    case = CaseFile.coerce(case)
    code = code or code_named(case.code, case.jurisdiction)
    facts = build_facts(case, code, text_models)
    fired = fire(facts)
    staged = read_stages(facts, fired)
    return Analysis(code, facts, fired, staged)
