"""Assessment-note timings: generation against bare WeasyPrint, and serving a stored note.

    .venv/bin/python benchmarks/bench_notes.py [--runs N] [--serves N] [--json FILE]

Builds a throwaway app (temporary instance folder and SQLite database, migrated), one case with a screenshot, an
assessment, the Independent Person's views and a decision, then measures:

1. **Generation**: ``triage.data.notes.generate_note`` end to end (record from the database, context, Jinja,
   WeasyPrint through the deny-by-default fetcher, PDF/A-3b tagged, SHA-256, file write, Note row, audit entry,
   commit) against bare WeasyPrint rendering the *same HTML*: ``HTML(string=html).write_pdf()`` with a permissive
   fetcher that hands over the stylesheet and screenshot, once with WeasyPrint's default options and once with the
   same PDF options (PDF/A-3b, tagged). Runs are interleaved so drift hits both sides. Target: at most 1.3 times.
2. **Serving a stored note** through the Flask test client (sign-in session, access checks, hash check of the
   stored file, audit entry, commit): ``GET /cases/<ref>/notes/assessment-note.pdf`` for an unchanged case and
   ``GET .../assessment-note/v1.pdf``. Target: at most 20 ms.

Prints medians and 95th percentiles with the machine. Timing is never asserted in tests.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

PASSWORD = "benchmark-password-2026-long-enough"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict:
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(_p95(values), 2),
        "min_ms": round(min(values), 2),
    }


def machine() -> dict:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import weasyprint

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "weasyprint": weasyprint.__version__,
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def build_app(tmp: Path):
    from flask_migrate import upgrade

    from triage import create_app

    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "benchmark-secret-key-that-is-long-enough-0123456789",
            "INSTANCE_PATH": str(tmp / "instance"),
            "UPLOAD_FOLDER": str(tmp / "instance" / "files"),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp / 'bench.sqlite3'}",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
            "MFA_REQUIRED": False,
            "SERVER_NAME": "localhost",
        }
    )
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    return app


def seed(app):
    """One realistic case: screenshot, assessment, IP views, a decision that overrides the tool."""
    from PIL import Image
    from werkzeug.datastructures import FileStorage

    from triage.data.cases import create_case_from_file
    from triage.data.councils import create_council
    from triage.data.users import create_user
    from triage.extensions import db
    from triage.files import store_screenshot
    from triage.models import Screenshot
    from triage.models.enums import Jurisdiction, Role
    from triage.services import assessing, decisions

    data = json.loads(sorted((REPO / "sample_cases").glob("0002-*.json"))[0].read_text())
    data.pop("expected", None)
    council = create_council("Benchmark District Council", Jurisdiction.ENGLAND, "lga-model-2020", actor="bench")
    officer = create_user("mo@bench.example.gov.uk", "Morgan Officer", Role.MONITORING_OFFICER, PASSWORD)
    case = create_case_from_file(council, data, officer=officer)
    image = io.BytesIO()
    Image.new("RGB", (1200, 800), (230, 230, 240)).save(image, "PNG")
    with app.test_request_context():
        stored = store_screenshot(FileStorage(stream=io.BytesIO(image.getvalue()), filename="shot.png"))
    case.posts[0].screenshots.append(
        Screenshot(
            sha256=stored.sha256,
            content_type=stored.content_type,
            width=stored.width,
            height=stored.height,
            size_bytes=stored.size_bytes,
        )
    )
    db.session.flush()
    assessing.run_assessment(case, user=officer)
    decisions.record_consultation(
        case, recorded_by=officer, independent_person_name="Jo Independent", views="I agree.", consulted_on=date.today()
    )
    tool = case.latest_assessment.recommendation.value
    outcome = "informal_resolution" if tool != "informal_resolution" else "no_further_action"
    decisions.record_decision(
        case,
        outcome=outcome,
        paragraphs=[decisions.code_paragraphs(case)[0][0]],
        reasons="Benchmark reasons.",
        override_reason="Benchmark override." if outcome != tool else "",
        user=officer,
    )
    db.session.commit()
    return case, officer


def bare_fetcher(case):
    """WeasyPrint's fetcher class with no checks: serves the stylesheet and the screenshot as asked."""
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    from triage.data.notes import screenshot_files
    from triage.notes.fetcher import ASSETS_DIR

    files = screenshot_files(case)

    class Bare(URLFetcher):
        def fetch(self, url, headers=None):
            scheme, _, rest = url.partition(":")
            if scheme == "asset":
                kind = "text/css" if rest.endswith(".css") else "image/png"
                return URLFetcherResponse(url, (ASSETS_DIR / rest).read_bytes(), {"Content-Type": kind})
            return URLFetcherResponse(url, files[rest].read_bytes(), {"Content-Type": "image/png"})

    return Bare()


def bench_generation(app, case, runs: int) -> dict:
    from weasyprint import HTML

    from triage.data import notes as note_data
    from triage.extensions import db
    from triage.notes import build_note_context, render_note_html
    from triage.notes.pdf import FIXED_OPTIONS, VARIANTS

    record = note_data.case_record(case)
    from datetime import UTC, datetime

    html = render_note_html(build_note_context(record, kind="assessment_note", generated_at=datetime.now(UTC)))
    same_options = {**VARIANTS["pdf/a-3b"], **{k: v for k, v in FIXED_OPTIONS.items() if v is not None}}
    fetcher = bare_fetcher(case)
    # warm-up: fonts, Jinja, first queries
    HTML(string=html, url_fetcher=fetcher).write_pdf()
    note_data.generate_note(case, "assessment_note", actor="bench")
    db.session.commit()

    timings: dict[str, list[float]] = {"ours": [], "bare_default": [], "bare_same": []}
    last: dict = {}

    def ours():
        last["note"] = note_data.generate_note(case, "assessment_note", actor="bench")
        db.session.commit()

    def bare_default():
        HTML(string=html, url_fetcher=fetcher).write_pdf()

    def bare_same():
        last["pdf"] = HTML(string=html, url_fetcher=fetcher).write_pdf(**same_options)

    steps = {"ours": ours, "bare_default": bare_default, "bare_same": bare_same}
    rng = random.Random(20261124)
    for _ in range(runs):
        order = list(steps)
        rng.shuffle(order)  # machine load drifts: spread it over all three
        for name in order:
            t0 = time.perf_counter()
            steps[name]()
            timings[name].append((time.perf_counter() - t0) * 1000)
    note, pdf = last["note"], last["pdf"]
    ours_t, bare_default_t, bare_same_t = timings["ours"], timings["bare_default"], timings["bare_same"]
    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return {
        "pages": pages,
        "note_size_bytes": note.size_bytes,
        "generate_note": _summary(ours_t),
        "bare_weasyprint_default_options": _summary(bare_default_t),
        "bare_weasyprint_same_options": _summary(bare_same_t),
        "ratio_vs_bare_default": round(statistics.median(ours_t) / statistics.median(bare_default_t), 3),
        "ratio_vs_bare_same_options": round(statistics.median(ours_t) / statistics.median(bare_same_t), 3),
        "ratio_of_minimums_vs_same_options": round(min(ours_t) / min(bare_same_t), 3),
    }


def bench_serving(app, case, officer, serves: int) -> dict:
    client = app.test_client()
    response = client.post("/sign-in", data={"email": officer.email, "password": PASSWORD})
    assert response.status_code == 302, response.status_code
    current = f"/cases/{case.reference}/notes/assessment-note.pdf"
    first = client.get(current)  # produces the current version if the stored one is stale
    assert first.status_code == 200 and first.mimetype == "application/pdf", first.status_code
    from triage.data.notes import latest_note

    version = latest_note(case, "assessment_note").version
    versioned = f"/cases/{case.reference}/notes/assessment-note/v{version}.pdf"
    for _ in range(5):  # warm-up
        client.get(current)
    timings: dict[str, list[float]] = {"current": [], "versioned": []}
    for _ in range(serves):
        for name, url in (("current", current), ("versioned", versioned)):
            t0 = time.perf_counter()
            response = client.get(url)
            timings[name].append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200 and response.data == first.data
    assert latest_note(case, "assessment_note").version == version, "an unchanged case must not re-render"
    return {name: _summary(values) for name, values in timings.items()}


def main() -> None:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # sample posts contain emoji the system fonts lack
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="generation runs (default 10)")
    parser.add_argument("--serves", type=int, default=200, help="requests per served URL (default 200)")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-notes-") as tmp:
        app = build_app(Path(tmp))
        with app.app_context():
            case, officer = seed(app)
            generation = bench_generation(app, case, args.runs)
            serving = bench_serving(app, case, officer, args.serves)
            from triage.extensions import db

            db.engine.dispose()
    report = {"machine": machine(), "generation": generation, "serving_stored_note": serving}
    print(json.dumps(report, indent=2))
    g, s = generation, serving["current"]
    print(
        f"\nGeneration ({g['pages']} pages): median {g['generate_note']['median_ms']} ms, "
        f"p95 {g['generate_note']['p95_ms']} ms; bare WeasyPrint same HTML median "
        f"{g['bare_weasyprint_default_options']['median_ms']} ms (default options) / "
        f"{g['bare_weasyprint_same_options']['median_ms']} ms (same PDF/A options): "
        f"{g['ratio_vs_bare_default']}x / {g['ratio_vs_bare_same_options']}x (target <= 1.3x)."
    )
    print(
        f"Stored note served: median {s['median_ms']} ms, p95 {s['p95_ms']} ms "
        f"(versioned URL median {serving['versioned']['median_ms']} ms) (target <= 20 ms)."
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
