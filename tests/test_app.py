import jinja2
import pytest
from flask import render_template_string


def test_templates_fail_loudly_on_an_undefined_variable(app):
    with app.test_request_context(), pytest.raises(jinja2.UndefinedError):
        render_template_string("{{ no_such_variable }}")


def test_templates_may_test_an_undefined_variable(app):
    with app.test_request_context():
        assert render_template_string("{% if no_such_variable %}yes{% else %}no{% endif %}") == "no"


def test_every_page_sends_security_headers(client):
    response = client.get("/sign-in")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"


def test_the_inline_script_carries_the_csp_nonce(client):
    response = client.get("/sign-in")
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.text


def test_health_check_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_csrf_is_enforced_when_enabled(app, db_session):
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = app.test_client().post("/sign-in", data={"email": "a@example.org", "password": "whatever-long"})
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 303  # expired/missing token: back to the form with a message, nothing saved
