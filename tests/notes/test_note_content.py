"""What people read in a note: no internal token, six pages at most, law that fits the nation, the decision or the
draft status on page 1, and a note that never contradicts itself, checked over the sample cases and random masks
of their answers."""

from __future__ import annotations

import io
import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.conftest import REPO_ROOT
from tests.notes.helpers import case_file, pdf_text, squash
from triage import codes
from triage.notes import build_note_context, render_note_html, render_pdf
from triage.notes.casefile import record_from_case_file
from triage.scoring.assess import assess
from triage.scoring.rules import RULES

GENERATED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
SAMPLES = sorted((REPO_ROOT / "sample_cases").glob("[0-9]*.json"))
#: Every fifth sample case keeps the PDF checks quick while covering each nation and kind of case.
SPREAD = SAMPLES[::5]

RULE_IDS = {r.id for r in RULES}
INTERNAL = [
    (re.compile(r"\b[A-Z0-9]{2,}(?:-[A-Z0-9]+)+\b"), "a rule id"),
    (re.compile(r"\b[a-z]+_[a-z_]+\b"), "a stored value or feature name"),
    (re.compile(r"log-?odds|\bweight\b|logit", re.I), "a model term"),
    (re.compile(r"\b(?=[0-9a-f]*[a-f])(?=[0-9a-f]*\d)[0-9a-f]{12,}\b"), "a hash"),
    (re.compile(r"\b(?:docs|sample_cases|triage)/|\.md\b|\.py\b|\.skops\b"), "a repository path"),
    (re.compile(r"\b(?:staged|flag|law|code):[a-z]"), "an effect or source key"),
    (re.compile(r"[+-]\d\.\d\d\b"), "a weight"),
    (re.compile(r"domain research|decision D\d|labelling policy|model card", re.I), "an internal document"),
    (re.compile(r"\b(?:" + "|".join(map(re.escape, codes.shipped_code_ids())) + r")\b"), "a Code id"),
]
ALLOWED = {"SC-", "OFFICIAL-SENSITIVE", "WCAG"}


def internal_tokens(text: str) -> list[str]:
    found = []
    for pattern, what in INTERNAL:
        for match in pattern.finditer(text):
            token = match.group(0)
            if any(token.startswith(a) for a in ALLOWED):
                continue
            if what == "a rule id" and token not in RULE_IDS and not token.startswith(("CAP-", "BR-", "JUR-")):
                continue  # capitals with hyphens that are words, e.g. a reference in a post
            found.append(f"{what}: {token}")
    return found


def record_for(path: Path, *, answers_kept: float = 1.0, seed: int = 0, decided: bool = False) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("expected", None)
    if answers_kept < 1.0:
        rng = random.Random(seed)
        data["answers"] = {k: v for k, v in (data.get("answers") or {}).items() if rng.random() < answers_kept}
    result = assess(data).to_dict()
    record = record_from_case_file(data, result=result, council_name="Harrowden District Council")
    if decided:
        record["decisions"] = [
            {
                "outcome": result["recommendation"],
                "paragraphs": [p["id"] for p in result["paragraphs"] if p["likely"]][:2],
                "reasons": "The post was made as a councillor and is aimed at one person. " * 6,
                "tool_recommendation": result["recommendation"],
                "decided_by": "Sam Officer",
                "decided_by_role": "Monitoring officer",
                "decided_at": "2026-11-30T10:00:00+00:00",
            }
        ]
    return record


def render(record: dict) -> bytes:
    return render_pdf(render_note_html(build_note_context(record, generated_at=GENERATED)))


def own_words(record: dict) -> str:
    """Text people typed or posted, which may contain anything: left out of the internal-token scan."""
    return " ".join(
        [p.get("text") or "" for p in record.get("posts") or []]
        + [p.get("url") or "" for p in record.get("posts") or []]
    )


@pytest.mark.slow
@pytest.mark.parametrize("path", SPREAD, ids=lambda p: p.name[:4])
@pytest.mark.parametrize("decided", [False, True], ids=["draft", "decided"])
def test_notes_of_the_sample_cases_speak_to_people_and_fit_six_pages(path, decided):
    record = record_for(path, decided=decided)
    pdf = render(record)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 6, f"{path.name}: {len(reader.pages)} pages"
    text = pdf_text(pdf)
    scrubbed = text
    for words in own_words(record).split():
        scrubbed = scrubbed.replace(words, " ")
    # Web addresses (the sources' and the posts') wrap across lines; any piece with a slash is part of one.
    scrubbed = " ".join(t for t in scrubbed.split() if not any(c in t for c in "/?=&") and not t.startswith("http"))
    assert internal_tokens(scrubbed) == [], path.name
    first = squash(reader.pages[0].extract_text())
    if decided:
        assert squash("Initial assessment decision notice") in first and squash("Decision:") in first
    else:
        assert squash("Draft assessment — not a decision") in first


def nation_note(jurisdiction: str, code: str, role: str = "cabinet_member", decided: bool = True) -> str:
    data = {**case_file(reference="SC-2026-0950"), "jurisdiction": jurisdiction, "code": code}
    data["subject_member"] = {**data["subject_member"], "role": role}
    result = assess(data).to_dict()
    record = record_from_case_file(data, result=result, council_name="Testshire Council")
    if decided:
        record["decisions"] = [
            {"outcome": "investigation", "paragraphs": [], "reasons": "Serious.", "decided_at": "2026-11-30"}
        ]
    return pdf_text(render(record))


def test_a_welsh_note_has_the_ombudsman_decide_and_no_english_law():
    text = squash(nation_note("wales", "wales-model-2016"))
    assert squash("the Public Services Ombudsman for Wales decides whether to investigate") in text
    assert squash("Decision: Refer to the Public Services Ombudsman for Wales") in text
    assert squash("Adjudication Panel for Wales") in text
    for english in ("Localism Act", "Local Government and Social Care Ombudsman", "may also"):
        assert squash(english) not in text, english
    assert squash("Independent Person's views") not in text


def test_a_scottish_note_has_the_commissioner_and_scottish_criminal_law():
    text = squash(nation_note("scotland", "scotland-councillors-2021"))
    assert squash("Ethical Standards Commissioner") in text and squash("Standards Commission for Scotland") in text
    for english in ("Localism Act", "Online Safety Act 2023, s.181", "Independent Person's views"):
        assert squash(english) not in text, english


def test_a_parish_note_has_the_district_officer_recommend_to_the_parish():
    text = squash(nation_note("england", "lga-model-2020", role="parish_councillor"))
    assert squash("the parish or town council decides whether to take it") in text
    assert squash("Localism Act 2011, s.28") in text


def test_an_english_note_has_the_independent_person_and_the_local_government_ombudsman():
    text = squash(nation_note("england", "lga-model-2020"))
    assert squash("The Independent Person's views") in text
    assert squash("Local Government and Social Care Ombudsman") in text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    index=st.integers(min_value=0, max_value=len(SAMPLES) - 1),
    kept=st.sampled_from([0.0, 0.3, 0.6, 1.0]),
    seed=st.integers(min_value=0, max_value=10_000),
)
def test_the_note_never_contradicts_itself(index, kept, seed):
    record = record_for(SAMPLES[index], answers_kept=kept, seed=seed)
    context = build_note_context(record, generated_at=GENERATED)
    sections = context["sections"]
    result = record["assessment"]["result"]

    # A paragraph called unlikely never has a reason pointing to a breach; one called likely or possible has one
    # or a figure to back it.
    for p in sections["stage2"]["paragraphs"]:
        assert p["words"] in {"likely", "possible"} or p["decided"]
    for p in sections["stage2"]["others"]:
        scored = next(s for s in result["paragraphs"] if str(s["id"]) == p["id"])
        assert not any(str(r.get("effect", "")).startswith("+") for r in scored.get("reasons") or [])

    # No section says nothing was recorded when answers exist.
    stage4 = sections["stage4"]
    html = render_note_html(context)
    if stage4["answers"] or stage4["reasons"] or stage4["flags"]:
        assert "No public-interest factor has been answered yet" not in html

    # An open threat or incitement flag and a suggestion of no further action appear together only where the Code
    # cannot apply, and then the note signposts the complainant to the police.
    open_risk = [u for u in result.get("urgent") or [] if u.get("kind") in {"threat", "incitement"}]
    if open_risk and result["recommendation"] == "no_further_action":
        assert "signpost_police" in {f.get("kind") for f in result.get("flags") or []}
        assert "signpost the complainant to the police" in html

    # Each reason is printed once.
    printed = [
        r["text"]
        for block in (sections["stage1"]["reasons"], sections["stage2"]["reasons"], sections["stage3"]["reasons"])
        for r in block
    ] + [r["text"] for p in sections["stage2"]["paragraphs"] for r in p["reasons"]]
    assert len(printed) == len(set(printed))

    # Figures appear only in the appendix.
    body = html.split('id="appendix-tool"')[0]
    assert not re.search(r"\d+%", re.sub(r"<blockquote.*?</blockquote>", "", body, flags=re.S))
