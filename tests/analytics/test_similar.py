"""Similar past cases: the pure index, and the lookup over the database with roles applied."""

from __future__ import annotations

import numpy as np
import pytest

from tests.analytics.helpers import assess, decide, make_case
from triage.analytics.similarity import Document, SimilarityIndex, tokens

BIN_TEXT = "The green bin collections on Millbrook Road are a shambles and the cabinet member is useless."


def test_tokens_fold_case_drop_stopwords_and_plurals():
    assert tokens("The BINS were emptied, the Bin's lid") == ["bin", "emptied", "bin", "lid"]


def test_the_obviously_similar_document_comes_first_and_the_index_round_trips(tmp_path):
    docs = [
        Document(1, BIN_TEXT, {"target": "councillor", "political_expression": "yes"}),
        Document(2, "Leaked exempt report on the leisure centre contract.", {"non_public_information": "yes"}),
        Document(3, "Residents of Millbrook deserve better bin collections.", {"target": "councillor"}),
        Document(4, "My neighbour's dog barks all night.", {"acting_as_councillor": "no"}),
    ]
    index = SimilarityIndex.build(docs)
    query = "Bin collections on Millbrook Road: a shambles, the cabinet member is useless"
    results = index.query(query, {"target": "councillor", "political_expression": "yes"}, k=3)
    assert results[0][0] == 1 and results[0][1] > results[1][1] > 0
    assert [case_id for case_id, _ in index.query(query, k=3, exclude=[1])][0] == 3
    path = index.save(tmp_path / "similar.npz")
    loaded = SimilarityIndex.load(path)
    assert loaded.query(query, k=2) == index.query(query, k=2)
    assert np.load(path, allow_pickle=False)  # plain arrays only: no pickle needed to read it


def test_an_empty_index_or_query_finds_nothing():
    assert SimilarityIndex.build([]).query("anything") == []
    assert SimilarityIndex.build([Document(1, "bins")]).query("the of and") == []


@pytest.fixture
def fresh_index(app):
    from triage.data import similar

    with app.app_context():
        similar.drop_index()
    yield similar
    with app.app_context():
        similar.drop_index()


def _decided(council, officer, text, outcome="no_further_action", **kwargs):
    case = make_case(council, text, **kwargs)
    assess(case, recommendation=outcome)
    return decide(case, officer, outcome=outcome)


def test_similar_cases_ranks_decided_cases_and_respects_roles(council, make_user, fresh_index):
    from triage.extensions import db
    from triage.models import CaseConflict, CaseReferral

    officer = make_user("monitoring_officer", email="mo@example.gov.uk")
    twin = _decided(council, officer, BIN_TEXT, "informal_resolution")
    other = _decided(council, officer, "Leaked exempt report on the leisure centre contract.", "investigation")
    _decided(council, officer, "Residents of Millbrook deserve better bin collections from this council.")
    make_case(council, "Green bin collections on Millbrook Road are a shambles.")  # undecided: never suggested
    query = make_case(council, "Millbrook Road green bin collections: a shambles. The cabinet member is useless!")

    found = fresh_index.similar_cases(query, limit=2, user=officer)
    assert [s.reference for s in found][0] == twin.reference
    assert found[0].outcome_label == "Informal resolution" and 0 < found[0].percent <= 100
    assert other.reference not in [s.reference for s in found]
    assert query.reference not in [s.reference for s in fresh_index.similar_cases(query, limit=10, user=officer)]

    panel = make_user("panel_member", email="panel@example.gov.uk")
    assert fresh_index.similar_cases(query, user=panel) == []
    db.session.add(CaseReferral(case_id=twin.id, user_id=panel.id))
    db.session.add(CaseConflict(case_id=twin.id, user_id=officer.id))
    db.session.commit()
    assert [s.reference for s in fresh_index.similar_cases(query, user=panel)] == [twin.reference]
    assert twin.reference not in [s.reference for s in fresh_index.similar_cases(query, limit=10, user=officer)]


def test_command_rebuilds_the_index(app, council, make_user, fresh_index):
    from triage.commands.history import similar

    officer = make_user("monitoring_officer", email="mo@example.gov.uk")
    _decided(council, officer, BIN_TEXT)
    result = app.test_cli_runner().invoke(similar, ["reindex", "--quiet"])
    assert result.exit_code == 0, result.output
    assert "Indexed 1 decided cases" in result.output
    assert fresh_index.index_path().exists()
