"""The one owner of a request's transaction: success and redirects commit, errors and conflicts roll back."""

from __future__ import annotations

import pytest
from flask import redirect

from triage.extensions import db
from triage.web.transactions import auto_commit_after_request


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (lambda: "saved", "commit"),
        (lambda: redirect("/cases/"), "commit"),
        (lambda: ("There is a problem", 400), "rollback"),
        (lambda: ("Someone else changed this case", 409), "rollback"),
    ],
)
def test_a_view_commits_only_when_its_response_succeeds(app, monkeypatch, response, expected):
    calls: list[str] = []
    monkeypatch.setattr(db.session, "commit", lambda: calls.append("commit"))
    monkeypatch.setattr(db.session, "rollback", lambda: calls.append("rollback"))
    with app.test_request_context():
        auto_commit_after_request(response)()
    assert calls == [expected]


def test_an_exception_in_the_view_commits_nothing(app, monkeypatch):
    calls: list[str] = []
    monkeypatch.setattr(db.session, "commit", lambda: calls.append("commit"))

    def broken():
        raise RuntimeError("boom")

    with app.test_request_context(), pytest.raises(RuntimeError):
        auto_commit_after_request(broken)()
    assert calls == []
