"""A council's own Code of Conduct, loaded from a file, is what the scorer reads (one source of truth)."""

from __future__ import annotations

import dataclasses

from triage import codes


def own_code() -> codes.CodeOfConduct:
    """The LGA model renumbered and reworded as a council might adopt it."""
    lga = codes.load_code("lga-model-2020")
    paragraphs = tuple(
        dataclasses.replace(p, id=f"H{i + 1}", text=f"Harrowden wording: {p.text}")
        for i, p in enumerate(lga.paragraphs)
    )
    return dataclasses.replace(
        lga, id="harrowden-2024", title="Harrowden Code of Conduct 2024", paraphrase=False, paragraphs=paragraphs
    )


def test_a_councils_own_code_scores_and_cites_its_own_numbering(db_session):
    from tests.web.test_cases import case_file
    from triage.data.cases import create_case_from_file
    from triage.data.councils import code_definition, create_council, store_code
    from triage.models.enums import Jurisdiction
    from triage.services.assessing import run_assessment

    code = own_code()
    store_code(code, actor="test")
    council = create_council("Harrowden District Council", Jurisdiction.ENGLAND, "harrowden-2024", actor="test")
    assert code_definition("harrowden-2024") == code  # every field survives the database, targets included
    case = create_case_from_file(council, case_file(code="harrowden-2024"))
    row = run_assessment(case)
    db_session.commit()
    assert row.result["code"] == "harrowden-2024"
    ids = {p["id"] for p in row.result["paragraphs"]}
    assert ids == {p.id for p in code.paragraphs}
    likely = [p for p in row.result["paragraphs"] if p["likely"]]
    assert likely and all(p["id"].startswith("H") for p in likely)


def test_init_db_refreshes_a_stored_shipped_code_that_has_changed(db_session):
    from triage.data.councils import code_definition, ensure_shipped_codes, store_code

    ensure_shipped_codes()
    shipped = codes.load_code("lga-model-2020")
    store_code(dataclasses.replace(shipped, paragraphs=shipped.paragraphs[:-1]), actor="test")
    assert code_definition("lga-model-2020") != shipped
    ensure_shipped_codes()
    assert code_definition("lga-model-2020") == shipped
