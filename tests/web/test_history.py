"""Case history pages: list and search, filters in the URL, roles, exports, the dashboard, similar cases and the
transparency report. HTML is parsed and asserted on elements."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from tests.analytics.helpers import assess, decide, make_case
from tests.conftest import normalise_space
from triage.extensions import db
from triage.models import AuditEntry, CaseConflict, CaseReferral

pytestmark = pytest.mark.usefixtures("fresh_history_caches")


def refs(page: BeautifulSoup) -> list[str]:
    table = page.find("table", id="cases")
    return [] if table is None else [tr["data-reference"] for tr in table.select("tbody tr[data-reference]")]


def test_the_case_list_is_in_the_navigation_and_lists_cases_newest_first(client, sign_in, history_cases):
    sign_in("analyst")
    page = client.page("/cases/")
    nav = [normalise_space(a.get_text()) for a in page.select(".govuk-service-navigation__link")]
    assert nav.count("Cases") == 1 and "Case history" not in nav, "one case list"
    assert "Dashboard" in nav
    assert refs(page) == [history_cases[k].reference for k in ("c", "b", "a")]
    assert normalise_space(page.find(id="case-count").get_text()) == "3 cases."
    assert "Pat Complainant" not in page.get_text()


FILTER_CASES = [
    ({"outcome": "investigation"}, ["b"]),
    ({"outcome": "none"}, ["c"]),
    ({"tool": "no_further_action"}, ["a"]),
    ({"tool": "none"}, ["c"]),
    ({"agreement": "disagree"}, ["b"]),
    ({"agreement": "agree"}, ["a"]),
    ({"platform": "facebook"}, ["c", "b"]),
    ({"party": "Labour"}, ["a"]),
    ({"role": "parish_councillor"}, ["c"]),
    ({"jurisdiction": "wales"}, ["b"]),
    ({"paragraph": "wales-model-2016:4(b)"}, ["b"]),
    ({"band": "high"}, ["b"]),
    ({"band": "low"}, ["a"]),
    ({"member": "bea"}, ["b"]),
    ({"status": "received"}, ["c"]),
    ({"overdue": "1"}, ["c"]),
    ({"q": "sacked"}, ["b"]),
    ({"q": "leisure OR bins"}, ["c", "a"]),
    ({"platform": "facebook", "q": "report"}, ["c"]),
    ({"sort": "oldest"}, ["a", "b", "c"]),
    ({"sort": "score"}, ["b", "a", "c"]),
    ({"sort": "slowest"}, ["b", "a", "c"]),
]


def test_filters_narrow_the_list(client, sign_in, history_cases):
    sign_in("analyst")
    for args, expected in FILTER_CASES:
        page = client.page("/cases/", query_string=args)
        assert refs(page) == [history_cases[k].reference for k in expected], args


def test_date_range_filters_and_bad_dates_are_reported(client, sign_in, history_cases):
    sign_in("analyst")
    since = (date.today() - timedelta(days=150)).isoformat()
    page = client.page(f"/cases/?received_from={since}")
    assert refs(page) == [history_cases["c"].reference, history_cases["b"].reference]
    page = client.page("/cases/?received_from=2025-02-31")
    summary = page.find(class_="govuk-error-summary")
    assert summary is not None and "real date" in summary.get_text()
    assert page.title.get_text().startswith("Error:")


def test_the_date_filters_use_the_gov_uk_date_pattern_and_keep_what_was_typed(client, sign_in, history_cases):
    sign_in("analyst")
    since = date.today() - timedelta(days=150)
    page = client.page(
        "/cases/",
        query_string={
            "received_from-day": since.day,
            "received_from-month": since.month,
            "received_from-year": since.year,
        },
    )
    assert refs(page) == [history_cases["c"].reference, history_cases["b"].reference]
    form = page.find("form", id="history-filters")
    legend = form.find("input", id="f-received_from").find_parent("fieldset").find("legend")
    assert legend.get_text(strip=True) == "Received from"

    page = client.page("/cases/", query_string={"received_from-day": "31", "received_from-month": "2"})
    summary = page.find(class_="govuk-error-summary")
    link = summary.find("a", string="'Received from' must include a year")
    assert link["href"] == "#f-received_from"
    assert page.find(id="f-received_from")["value"] == "31"  # the day box: what was typed comes back
    assert page.find(id="f-received_from-month")["value"] == "2"
    assert "govuk-input--error" in page.find(id="f-received_from-year")["class"]

    page = client.page("/history/dashboard", query_string={"from-day": "5", "from-month": "13", "from-year": "2025"})
    assert "'Received from' must be a real date" in page.find(class_="govuk-error-summary").get_text()


def test_the_url_carries_the_filters_and_round_trips(client, sign_in, history_cases):
    sign_in("analyst")
    url = "/cases/?q=sacked&platform=facebook&outcome=investigation&sort=oldest&received_from=2000-01-01"
    page = client.page(url)
    form = page.find("form", id="history-filters")
    assert form["method"] == "get"
    assert form.find("input", {"name": "q"})["value"] == "sacked"
    assert form.find("select", {"name": "platform"}).find("option", selected=True)["value"] == "facebook"
    assert form.find("select", {"name": "outcome"}).find("option", selected=True)["value"] == "investigation"
    # A date from a link fills the GOV.UK date boxes.
    assert [form.find("input", {"name": f"received_from-{p}"})["value"] for p in ("day", "month", "year")] == [
        "1",
        "1",
        "2000",
    ]
    assert form.find("details", id="more-filters").has_attr("open")
    removal = page.select_one('#active-filters a[data-remove-filter="platform"]')
    query = parse_qs(urlsplit(removal["href"]).query)
    assert query == {"q": ["sacked"], "outcome": ["investigation"], "sort": ["oldest"], "received_from": ["2000-01-01"]}
    assert refs(client.page(removal["href"])) == [history_cases["b"].reference]


def test_pagination_keeps_the_filters(client, sign_in, council):
    sign_in("analyst")
    for i in range(27):
        make_case(council, f"Post number {i} about parking.", received_on=date.today() - timedelta(days=i + 1))
    page = client.page("/cases/?q=parking&platform=facebook")
    assert len(refs(page)) == 25
    next_link = page.select_one(".govuk-pagination__next a")["href"]
    assert parse_qs(urlsplit(next_link).query) == {"q": ["parking"], "platform": ["facebook"], "page": ["2"]}
    assert len(refs(client.page(next_link))) == 2


def test_search_highlights_are_escaped_then_marked(client, sign_in, history_cases):
    sign_in("analyst")
    response = client.get("/cases/?q=shambles")
    assert b"<b>shambles</b>" not in response.data
    page = BeautifulSoup(response.data, "html5lib")
    match = page.select_one(f'tr[data-matches-for="{history_cases["a"].reference}"] dd[data-field="posts"]')
    assert [m.get_text() for m in match.find_all("mark")] == ["shambles"]
    assert match.find("b") is None
    assert "<b>" in match.get_text() or "‹b›" in match.get_text()  # PostgreSQL shows angle brackets as look-alikes
    decision = client.page("/cases/?q=protection").select_one('dd[data-field="decision"] mark')
    assert decision.get_text() == "protection"


def test_panel_members_see_only_referred_cases(client, sign_in, history_cases):
    panel = sign_in("panel_member")
    assert refs(client.page("/cases/")) == []
    db.session.add(CaseReferral(case_id=history_cases["b"].id, user_id=panel.id))
    db.session.commit()
    page = client.page("/cases/")
    assert refs(page) == [history_cases["b"].reference]
    assert refs(client.page("/cases/?q=shambles")) == []
    assert page.find("form", id="export-form") is None
    client.page("/history/dashboard", status=403)
    assert client.post("/history/export", data={"format": "csv"}).status_code == 403


def test_officers_do_not_see_cases_they_are_conflicted_on(client, sign_in, history_cases):
    officer = sign_in("monitoring_officer")
    db.session.add(CaseConflict(case_id=history_cases["a"].id, user_id=officer.id, reason="Friend"))
    db.session.commit()
    assert history_cases["a"].reference not in refs(client.page("/cases/"))
    assert refs(client.page("/cases/?q=shambles")) == []
    client.page(f"/history/similar/{history_cases['a'].reference}", status=404)
    dashboard = client.page("/history/dashboard?from=2000-01-01")
    table = dashboard.find("table", attrs={"data-table": "outcomes"})
    counts = {normalise_space(tr.th.get_text()): tr.td.get_text() for tr in table.tbody.find_all("tr")}
    assert counts["No further action"] == "0"  # the conflicted case is not counted either


def test_administrators_have_no_case_history(client, sign_in):
    sign_in("admin")
    client.page("/cases/", status=403)
    client.page("/history/dashboard", status=403)


def _export(client, **data):
    response = client.post("/history/export", data=data)
    assert response.status_code == 200, response.status_code
    return response


def test_csv_export_is_anonymised_injection_safe_and_audited(client, sign_in, council, history_cases):
    make_case(council, "Formula post", member='=HYPERLINK("http://evil.example")', party="+Evil", platform="x")
    analyst = sign_in("analyst")
    response = _export(client, format="csv", complainant="1")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    assert "Pat Complainant" not in text and "pat.complainant" not in text
    assert {r["member_name"] for r in rows} == {""}  # names only when asked
    assert all(r["member_pseudonym"].startswith("M-") for r in rows)
    assert any(r["member_party"] == "'+Evil" for r in rows)
    named = list(
        csv.DictReader(
            io.StringIO(_export(client, format="csv", member_names="1").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert '\'=HYPERLINK("http://evil.example")' in {r["member_name"] for r in named}
    assert "Alex Able" in {r["member_name"] for r in named}
    for row in named:
        assert not any(v.startswith(("=", "+", "-", "@")) for v in row.values())
    entries = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "data.exported").order_by(AuditEntry.id)
    ).all()
    assert [e.after["kind"] for e in entries] == ["history_csv", "history_csv"]
    assert (
        entries[0].user_id == analyst.id and entries[0].after["count"] == 4 and entries[0].after["anonymised"] is True
    )


def test_json_export_is_case_files_for_the_filtered_list(client, sign_in, history_cases):
    sign_in("monitoring_officer")
    data = json.loads(_export(client, format="json", outcome="investigation").get_data(as_text=True))
    assert [d["reference"] for d in data] == [history_cases["b"].reference]
    assert data[0]["complainant"] == {"kind": "member_of_public"}
    assert data[0]["subject_member"]["name"].startswith("Member ")
    assert data[0]["decision"]["outcome"] == "investigation"
    from triage.casefile import validate_case_file

    assert validate_case_file(data[0]) == []
    full = json.loads(_export(client, format="json", outcome="investigation", complainant="1", member_names="1").data)
    assert full[0]["complainant"]["name"] == "Pat Complainant"
    assert full[0]["subject_member"]["name"] == "Bea Bold"
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "data.exported").order_by(AuditEntry.id.desc())
    ).first()
    assert entry.after["anonymised"] is False and entry.after["filters"]["outcome"] == "investigation"


def test_an_anonymised_export_removes_names_addresses_and_web_addresses_from_the_posts(
    client, sign_in, council, decider
):
    case = make_case(
        council,
        "Bea Bold here. The officer lives at 4 Elm Close, HD2 7PQ; ring 07700 900456. #BoldForBeeston",
        member="Bea Bold",
    )
    decide(case, decider, outcome="investigation", decided_on=case.received_on)
    case.posts[0].url = "https://www.facebook.com/CllrBeaBold/posts/1"
    db.session.commit()
    sign_in("monitoring_officer")
    data = json.loads(_export(client, format="json").get_data(as_text=True))
    exported = next(d for d in data if d["reference"] == case.reference)
    text = exported["posts"][0]["text"]
    for gone in ("Bea Bold", "4 Elm Close", "HD2 7PQ", "07700 900456"):
        assert gone not in text, gone
    assert "url" not in exported["posts"][0]
    assert "Bold" not in json.dumps(exported)
    named = json.loads(_export(client, format="json", member_names="1").data)
    assert next(d for d in named if d["reference"] == case.reference)["posts"][0]["url"].endswith("/posts/1")


def test_analysts_never_export_complainants(client, sign_in, history_cases):
    sign_in("analyst")
    page = client.page("/cases/")
    assert page.find("input", {"name": "complainant"}) is None
    data = json.loads(_export(client, format="json", complainant="1").data)
    assert all(d["complainant"] == {"kind": "member_of_public"} for d in data)


def test_dashboard_charts_have_data_tables_and_csv_downloads(client, sign_in, history_cases):
    sign_in("analyst")
    page = client.page("/history/dashboard?from=2000-01-01")
    sections = page.select("section[data-chart]")
    ids = [s["data-chart"] for s in sections]
    assert ids == [
        "over-time",
        "outcomes",
        "platforms",
        "paragraphs",
        "member-roles",
        "time-to-decision",
        "agreement",
        "calibration",
        "repeat-subjects",
    ]
    for section in sections:
        svg = section.find("svg")
        assert svg is not None and svg["role"] == "img" and svg.find("title").get_text()
        assert section.find("table", attrs={"data-table": section["data-chart"]}) is not None
        assert section.find("table").find("caption").get_text()
        link = section.find("a", attrs={"data-csv": section["data-chart"]})
        response = client.get(link["href"])
        assert response.status_code == 200 and response.mimetype == "text/csv"
    outcomes = {
        normalise_space(tr.th.get_text()): tr.td.get_text()
        for tr in page.find("table", attrs={"data-table": "outcomes"}).tbody.find_all("tr")
    }
    assert outcomes["Refer for investigation"] == "1" and outcomes["Not decided yet"] == "1"
    agreement = page.find("section", attrs={"data-chart": "agreement"}).find(attrs={"data-fact": True})
    assert "1 of 2 decisions (50%)" in agreement.get_text()
    link = page.find("table", attrs={"data-table": "outcomes"}).find("a", string="Refer for investigation")
    assert refs(client.page(link["href"])) == [history_cases["b"].reference]


def test_dashboard_figures_follow_a_new_decision_at_once(client, sign_in, history_cases, decider):
    """The dashboard reuses its figures from the history cache; a decision recorded after a view shows on the next."""
    sign_in("analyst")

    def outcomes() -> dict[str, str]:
        page = client.page("/history/dashboard?from=2000-01-01")
        table = page.find("table", attrs={"data-table": "outcomes"})
        return {normalise_space(tr.th.get_text()): tr.td.get_text() for tr in table.tbody.find_all("tr")}

    before = outcomes()
    assert before.get("Informal resolution", "0") == "0" and before["Not decided yet"] == "1"
    assert outcomes() == before  # served again from the cache
    decide(history_cases["c"], decider, outcome="informal_resolution")
    after = outcomes()
    assert after["Informal resolution"] == "1" and after.get("Not decided yet", "0") == "0"


def test_dashboard_filters_apply_to_every_chart(client, sign_in, history_cases):
    sign_in("monitoring_officer")
    page = client.page("/history/dashboard?from=2000-01-01&jurisdiction=wales")
    assert page.find("select", {"name": "jurisdiction"}).find("option", selected=True)["value"] == "wales"
    fact = page.find("section", attrs={"data-chart": "over-time"}).find(attrs={"data-fact": True})
    assert normalise_space(fact.get_text()).startswith("1 complaints in the period, 1 decided")
    csv_link = page.find("a", attrs={"data-csv": "platforms"})["href"]
    assert parse_qs(urlsplit(csv_link).query) == {"from": ["2000-01-01"], "jurisdiction": ["wales"]}
    rows = list(csv.reader(io.StringIO(client.get(csv_link).get_data(as_text=True).lstrip("\ufeff"))))
    assert rows == [["Platform", "Complaints"], ["Facebook", "1"]]
    later = client.page(f"/history/dashboard?from={date.today().isoformat()}")
    assert "0 complaints in the period" in later.find("section", attrs={"data-chart": "over-time"}).get_text()
    assert client.page("/history/dashboard?from=nonsense").find(class_="govuk-error-summary") is not None


def test_dashboard_escapes_labels_from_data(client, sign_in, council, decider):
    for _ in range(2):
        case = make_case(council, "Post", member="<script>alert(1)</script>", party="<i>Party</i>")
    sign_in("analyst")
    response = client.get("/history/dashboard?from=2000-01-01")
    assert b"<script>alert(1)</script>" not in response.data and b"<i>Party</i>" not in response.data
    page = BeautifulSoup(response.data, "html5lib")
    table = page.find("table", attrs={"data-table": "repeat-subjects"})
    assert "<script>alert(1)</script>" in table.get_text()
    assert case.reference


def test_similar_cases_partial_and_page(app, client, sign_in, council, decider):
    from flask import render_template_string

    from triage.data.cases import load_case_for_view

    twin = make_case(council, "Green bin collections on Millbrook Road are a shambles and the cabinet is useless.")
    assess(twin)
    decide(twin, decider, outcome="informal_resolution")
    other = make_case(council, "Leaked exempt report about the leisure centre contract.")
    assess(other)
    decide(other, decider, outcome="investigation")
    query = make_case(council, "Millbrook Road bin collections: an utter shambles from a useless cabinet.")
    sign_in("monitoring_officer")
    page = client.page(f"/history/similar/{query.reference}")
    rows = page.select("#similar-table tbody tr")
    assert rows[0]["data-reference"] == twin.reference
    assert rows[0].find("a")["href"] == f"/cases/{twin.reference}"
    with app.test_request_context():
        from flask_login import login_user

        login_user(decider)
        html = render_template_string(
            '{% include "analytics/_similar_cases.html" %}', case=load_case_for_view(query.reference)
        )
    partial = BeautifulSoup(html, "html5lib")
    items = partial.select("[data-similar-cases] li")
    assert items[0]["data-reference"] == twin.reference and "Informal resolution" in items[0].get_text()


def test_transparency_report_page_and_downloads(client, sign_in, history_cases):
    sign_in("analyst")
    year = history_cases["a"].received_on.year
    page = client.page(f"/history/transparency?year={year}")
    assert page.find("h1").get_text().strip() == "Annual transparency report"
    assert page.find(attrs={"data-section": "outcomes"}) is not None
    pdf = client.get(f"/history/transparency.pdf?year={year}")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    csv_text = client.get(f"/history/transparency.csv?year={year}").get_data(as_text=True)
    assert "Complaints received" in csv_text and "Alex Able" not in csv_text
    kinds = [
        e.after["kind"]
        for e in db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "data.exported").order_by(AuditEntry.id)
        )
    ]
    assert kinds == ["transparency_pdf", "transparency_csv"]


def test_cached_results_follow_a_new_decision_and_the_viewers_role(client, app, sign_in, history_cases, decider):
    """The results part of the page is reused from the history cache; it must still change the moment a decision
    is recorded, and must never carry one role's wording or export controls to another role."""
    sign_in("analyst", email="analyst@example.gov.uk")
    before = client.page("/cases/?outcome=informal_resolution")
    assert refs(before) == []
    assert "Complainants' details are never shown to analysts" in before.get_text()
    decide(history_cases["c"], decider, outcome="informal_resolution")
    after = client.page("/cases/?outcome=informal_resolution")
    assert refs(after) == [history_cases["c"].reference]

    client.post("/sign-out")
    sign_in("monitoring_officer", email="officer.two@example.gov.uk")
    officer_page = client.page("/cases/?outcome=informal_resolution")
    assert refs(officer_page) == [history_cases["c"].reference]
    assert "Complainants' details are never shown to analysts" not in officer_page.get_text()
    assert officer_page.find(id="export-complainant") is not None  # officers may include complainants
    token = officer_page.find("form", id="export-form").find("input", attrs={"name": "csrf_token"})
    assert token is not None  # the export form (with this session's token) is never part of the cached results


def test_rates_on_few_cases_carry_a_warning(client, sign_in, history_cases):
    """A handful of cases: the shares on the dashboard are flagged as too few to read as rates."""
    sign_in("analyst")
    page = client.page("/history/dashboard", query_string={"from": "2000-01-01"})
    warned = {w.find_parent("section")["data-chart"] for w in page.select("[data-warning]")}
    assert {"outcomes", "agreement", "repeat-subjects"} <= warned
    text = page.select_one('[data-chart="outcomes"] [data-warning]').get_text(" ", strip=True)
    assert text.startswith("! Warning Only 3 complaints") and "too few to read the percentages as rates" in text
