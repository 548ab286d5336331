"""Real concurrency: gunicorn with two worker processes (the production settings file) and many client threads.

On SQLite in the ordinary run; on PostgreSQL in the PostgreSQL run (a fresh database beside the test one, because
these requests commit). Each must show: no 5xx, every acknowledged write in the database, a case reference never
issued twice, exactly one winner when officers decide or edit the same case at once (the others get 409 and keep
what they typed), and an audit chain that verifies afterwards.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.loadgen import (
    Client,
    Results,
    Server,
    case_file,
    drop_postgres_database,
    form_fields,
    fresh_postgres_database,
    lost_writes,
    run_load,
)

pytestmark = pytest.mark.slow

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("concurrency")
    if ON_POSTGRES:
        url = fresh_postgres_database(os.environ["TEST_DATABASE_URL"])
    else:
        url = f"sqlite:///{root / 'triage.sqlite3'}"
    target = Server(root, url, workers=2, threads=1)
    emails, token = target.prepare(officers=6)
    target.start()
    yield target, emails, token
    target.stop()
    if ON_POSTGRES:
        drop_postgres_database(url)


def _clients(target, emails, token, count: int) -> tuple[list[Client], Results]:
    results = Results(clients=count)
    known: list[str] = []
    people = [Client(target.url, emails[i % len(emails)], token, results, known, seed=i) for i in range(count)]
    for person in people:
        person.sign_in()
    return people, results


def _no_server_errors(target, results: Results) -> None:
    assert results.server_errors == [], target.log()[-4000:]
    assert results.transport_errors == []


def test_parallel_creates_never_share_a_reference(server):
    target, emails, token = server
    people, results = _clients(target, emails, token, 1)
    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(
            pool.map(
                lambda n: people[0].api.post(f"{target.url}/api/v1/cases", json=case_file(n), timeout=60), range(30)
            )
        )
    assert [r.status_code for r in responses] == [201] * 30, target.log()[-4000:]
    references = [r.json()["reference"] for r in responses]
    assert len(set(references)) == 30
    results.created = set(references)
    assert lost_writes(target.database_url, results)["creates"] == []


def _at_once(people: list[Client], call) -> list:
    """Every client calls at the same moment (a barrier), as two officers pressing the button together would."""
    barrier = threading.Barrier(len(people))

    def go(person):
        barrier.wait()
        return call(person)

    with ThreadPoolExecutor(max_workers=len(people)) as pool:
        return list(pool.map(go, people))


def test_officers_deciding_the_same_case_at_once_get_one_winner_and_409s(server):
    target, emails, token = server
    people, _ = _clients(target, emails, token, 6)
    reference = people[0].api.post(f"{target.url}/api/v1/cases", json=case_file(7), timeout=60).json()["reference"]
    path = f"/cases/{reference}/decision"
    forms = [form_fields(p.web.get(f"{target.url}{path}", timeout=60).text, path) for p in people]
    for number, fields in enumerate(forms):
        fields.update({"outcome": ["no_further_action"], "reasons": [f"Decision typed by officer {number}."]})

    def submit(person):
        fields = forms[people.index(person)]
        return person.web.post(f"{target.url}{path}", data=fields, timeout=60, allow_redirects=False)

    responses = _at_once(people, submit)
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(302) == 1 and statuses.count(409) == len(people) - 1, (statuses, target.log()[-4000:])
    for response, fields in zip(responses, forms, strict=True):
        if response.status_code == 409:
            assert fields["reasons"][0] in response.text  # the loser's typed reasons are on the page
            assert "Decision typed by officer" in response.text


def test_officers_editing_the_same_answers_at_once_get_one_winner_and_409s(server):
    target, emails, token = server
    people, _ = _clients(target, emails, token, 6)
    reference = people[0].api.post(f"{target.url}/api/v1/cases", json=case_file(8), timeout=60).json()["reference"]
    path = f"/cases/{reference}/answers"
    forms = [form_fields(p.web.get(f"{target.url}{path}", timeout=60).text, path) for p in people]
    questions = [name for name in forms[0] if name not in ("csrf_token", "version", "seen")]
    for number, fields in enumerate(forms):
        fields[questions[number % len(questions)]] = ["yes"]

    def submit(person):
        fields = forms[people.index(person)]
        return person.web.post(f"{target.url}{path}", data=fields, timeout=60, allow_redirects=False)

    statuses = sorted(r.status_code for r in _at_once(people, submit))
    assert statuses.count(302) == 1 and statuses.count(409) == len(people) - 1, (statuses, target.log()[-4000:])


def test_a_mixed_load_has_no_5xx_loses_no_acknowledged_write_and_the_audit_chain_verifies(server):
    target, emails, token = server
    results = run_load(target, emails, token, clients=8, seconds=8)
    _no_server_errors(target, results)
    assert results.requests > 100
    assert len(results.created) > 5 and len(results.decisions) > 2 and results.edits > 5, results.summary()
    assert lost_writes(target.database_url, results) == {"creates": [], "decisions": [], "edits": []}
    verified = target.triage("audit", "verify")
    assert "Forks: 0" in verified.stdout and "Gaps: 0" in verified.stdout, verified.stdout
