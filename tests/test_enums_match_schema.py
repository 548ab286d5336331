"""The database's enumerations and the case-file schema's enums are the same lists (one home for each value set)."""

from __future__ import annotations

import pytest

from triage.casefile import case_file_schema
from triage.models import enums
from triage.scoring.questions import TARGETS, TRISTATE
from triage.scoring.types import RECOMMENDATIONS

SCHEMA = case_file_schema()
PROPS = SCHEMA["properties"]
POST = PROPS["posts"]["items"]["properties"]


@pytest.mark.parametrize(
    ("enum", "schema_values"),
    [
        (enums.Jurisdiction, PROPS["jurisdiction"]["enum"]),
        (enums.MemberRole, PROPS["subject_member"]["properties"]["role"]["enum"]),
        (enums.ComplainantKind, PROPS["complainant"]["properties"]["kind"]["enum"]),
        (enums.Platform, POST["platform"]["enum"]),
        (enums.PostAuthor, POST["author"]["enum"]),
        (enums.AccountKind, POST["account_kind"]["enum"]),
        (enums.Visibility, POST["visibility"]["enum"]),
        (enums.Interaction, POST["interaction"]["enum"]),
        (enums.Tristate, SCHEMA["$defs"]["tristate"]["enum"]),
        (enums.Outcome, PROPS["expected"]["properties"]["outcome"]["enum"]),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_model_enum_matches_the_schema(enum, schema_values):
    assert [e.value for e in enum] == list(schema_values)


def test_scorer_value_sets_match_the_schema():
    assert list(TRISTATE) == SCHEMA["$defs"]["tristate"]["enum"]
    assert list(TARGETS) == PROPS["answers"]["properties"]["target"]["enum"]
    assert list(RECOMMENDATIONS) == PROPS["expected"]["properties"]["outcome"]["enum"]
