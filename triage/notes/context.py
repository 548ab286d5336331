"""From a case *record* (plain data) to the context the note and letter templates render.

A record is a dict of plain values, so the same builder serves the web app (``triage.data.notes`` reads the
database into a record) and the CLI (``record_from_case_file`` turns a case-file JSON into one, without a
database). Keys, all optional unless marked:

- ``reference`` (required), ``jurisdiction`` (required), ``status``, ``case_version``, ``received_on`` (date),
  ``received_via``, ``summary``, ``decided_on`` (date), ``closed_on`` (date)
- ``council``: ``name`` (required), ``assessment_target_days``
- ``complainant``: ``kind``, ``name``, ``email``, ``phone``, ``address``, ``confidentiality_requested``
- ``member`` (required): ``name``, ``role``, ``party``, ``ward``, ``body``, ``email``, ``in_office``
- ``posts``: list of ``text``, ``url``, ``platform``, ``posted_on``, ``author``, ``account_kind``, ``visibility``,
  ``interaction``, ``removed``, ``screenshots`` (list of ``sha256``, ``content_type``, ``width``, ``height``)
- ``answers``: the officer's answers by question id
- ``assessment``: ``result`` (the scorer's ``to_dict()``), ``created_at``, ``model_version``
- ``decisions``: oldest first; ``outcome``, ``paragraphs``, ``reasons``, ``tool_recommendation``,
  ``override_reason``, ``decided_by``, ``decided_by_role``, ``decided_at``
- ``consultations``: oldest first; ``independent_person``, ``stage``, ``consulted_on``, ``views``, ``recorded_by``
- ``code`` (required): ``id``, ``title``, ``source_note``, ``paragraphs`` (``id``, ``heading``, ``text``, ``topic``)

Nothing here escapes or formats HTML: the templates autoescape every value.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from triage import vocabulary
from triage.notes import reading, wording
from triage.notes.process import Process, process_for
from triage.scoring.questions import GROUPS, OPTION_LABELS, QUESTIONS
from triage.scoring.view import AssessmentView, depends_on
from triage.vocabulary import (
    AccountKind,
    CaseStatus,
    ComplainantKind,
    ConsultationStage,
    Interaction,
    Jurisdiction,
    MemberRole,
    Platform,
    PostAuthor,
    ReceivedVia,
    Tristate,
    Visibility,
)

NOTE_KINDS: tuple[str, ...] = ("assessment_note", "letter_to_complainant", "letter_to_member")
LETTER_KINDS = frozenset({"letter_to_complainant", "letter_to_member"})

#: A paragraph is quoted in Stage 2 when the tool rates it at least this likely (or it has a supporting reason,
#: or the officer's decision names it).
QUOTE_THRESHOLD = 0.25
#: When nothing reaches the threshold, quote this many of the highest-rated paragraphs so the reader sees what
#: was weighed.
QUOTE_AT_LEAST = 2
CAPACITY_STAGES = {"jurisdiction", "capacity"}


def percent(value: Any) -> str:
    if value is None:
        return "–"
    try:
        return f"{round(float(value) * 100)}%"
    except (TypeError, ValueError):
        return "–"


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _model_version(result: dict, fallback: str = "") -> str:
    version = result.get("model_version")
    if isinstance(version, dict):
        return "; ".join(f"{k}: {v}" for k, v in version.items() if v not in (None, "")) or fallback or "unknown"
    return str(version or fallback or "unknown")


def _reason(r: dict) -> dict:
    return {
        "id": str(r.get("id", "")),
        "text": str(r.get("text", "")),
        "effect": wording.effect_label(r.get("effect")),
        "source": str(r.get("source", "")),
        "stage": str(r.get("stage", "")),
    }


def _clock(record: dict, generated_on: date) -> dict | None:
    received = _date(record.get("received_on"))
    if received is None:
        return None
    target = (record.get("council") or {}).get("assessment_target_days") or 20
    stopped = _date(record.get("decided_on"))
    try:
        from triage.cases.working_days import clock

        c = clock(received, record["jurisdiction"], today=generated_on, target_days=target, stopped_on=stopped)
    except (ImportError, ValueError):
        return None
    return {
        "elapsed": c.elapsed,
        "target": c.target_days,
        "due_on": c.due_on,
        "running": c.running,
        "late": c.overdue or c.finished_late,
        "describe": c.describe(),
    }


def _answers(record: dict, result: dict) -> list[dict]:
    given = record.get("answers") or {}
    resolved = result.get("answers") or {}
    groups = []
    for group_id, heading in GROUPS:
        rows = []
        for q in QUESTIONS:
            if q.group != group_id:
                continue
            value = given.get(q.id)
            tool = resolved.get(q.id) or {}
            if value not in (None, "", "unknown"):
                answer, how = OPTION_LABELS.get(value, wording.label(value)), "Officer's answer"
            elif tool.get("origin") == "implied" and tool.get("value") not in (None, "unknown"):
                answer = OPTION_LABELS.get(tool["value"], tool["value"])
                how = f"assumed by the tool, not answered: {tool.get('why', '')}"
            else:
                answer, how = "Not known", ""
            rows.append(
                {"id": q.id, "question": q.text, "phrase": q.phrase, "answer": answer, "how": how, "source": q.source}
            )
        groups.append({"id": group_id, "heading": heading, "rows": rows})
    return groups


def _paragraphs(record: dict, result: dict, decision: dict | None) -> dict:
    code = record["code"]
    by_id = {str(p.get("id")): p for p in result.get("paragraphs") or []}
    decided = {str(p) for p in (decision or {}).get("paragraphs") or []}
    rows = []
    for order, para in enumerate(code.get("paragraphs") or []):
        pid = str(para["id"])
        scored = by_id.get(pid) or {}
        probability = scored.get("probability")
        reasons = [_reason(r) for r in scored.get("reasons") or []]
        supporting = any(str(r.get("effect", "")).startswith("+") for r in scored.get("reasons") or [])
        rows.append(
            {
                "id": pid,
                "heading": para.get("heading", ""),
                "text": para.get("text", ""),
                "probability": probability,
                "percent": percent(probability),
                "likely": bool(scored.get("likely")) or (probability is not None and probability >= 0.5),
                "reasons": reasons,
                "decided": pid in decided,
                "flagged": pid in decided
                or supporting
                or (probability is not None and probability >= QUOTE_THRESHOLD)
                or bool(scored.get("likely")),
                "order": order,
            }
        )
    quoted = [r for r in rows if r["flagged"]]
    none_likely = not quoted
    if none_likely and rows:
        ranked = sorted(rows, key=lambda r: (-(r["probability"] or 0.0), r["order"]))
        quoted = sorted(ranked[:QUOTE_AT_LEAST], key=lambda r: r["order"])
    quoted_ids = {r["id"] for r in quoted}
    return {
        "quoted": quoted,
        "others": [r for r in rows if r["id"] not in quoted_ids],
        "none_likely": none_likely,
        "all": rows,
    }


def _not_shown(reasons: list[dict], quoted: list[dict]) -> list[dict]:
    """Reasons not already printed under a quoted paragraph (the full list is in the tool's section)."""
    shown = {(r["id"], r["text"]) for p in quoted for r in p["reasons"]}
    return [r for r in reasons if (r["id"], r["text"]) not in shown]


def _decisions(record: dict, code_paragraphs: dict[str, dict]) -> list[dict]:
    out = []
    for d in record.get("decisions") or []:
        outcome = str(d.get("outcome") or "")
        tool = d.get("tool_recommendation")
        out.append(
            {
                "outcome": outcome,
                "outcome_label": wording.label(outcome),
                "paragraphs": [
                    {
                        "id": str(p),
                        "heading": (code_paragraphs.get(str(p)) or {}).get("heading", ""),
                        "text": (code_paragraphs.get(str(p)) or {}).get("text", ""),
                    }
                    for p in d.get("paragraphs") or []
                ],
                "reasons": d.get("reasons") or "",
                "tool_recommendation": str(tool) if tool else None,
                "tool_label": wording.label(tool) if tool else None,
                "agrees": None if not tool else str(tool) == outcome,
                "override_reason": d.get("override_reason") or "",
                "review_reason": d.get("review_reason") or "",
                "decided_by": d.get("decided_by") or "",
                "decided_by_role": d.get("decided_by_role") or "Monitoring officer",
                "decided_on": _date(d.get("decided_at")),
            }
        )
    return out


def _moment(value: Any) -> str:
    """An ISO timestamp for ordering steps on the same day (empty sorts first)."""
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value or "")


def _steps(record: dict, decisions: list[dict]) -> list[dict]:
    """What was done on the complaint and when, oldest first: received, each referral (and its withdrawal), each
    Independent Person's views, each decision (a later one reviews the one before) and each hearing. Steps on the
    same day keep the order they were recorded in."""
    steps: list[tuple[date | None, str, str]] = [(_date(record.get("received_on")), "", "The complaint was received.")]
    for r in record.get("referrals") or []:
        person = r.get("person") or "a named person"
        words = vocabulary.REFERRAL_PURPOSES.get(str(r.get("purpose")), "")
        steps.append((_date(r.get("referred_at")), _moment(r.get("referred_at")), f"Referred to {person} {words}."))
        if r.get("withdrawn_at"):
            withdrawn = r.get("withdrawn_at")
            steps.append((_date(withdrawn), _moment(withdrawn), f"The referral to {person} was withdrawn."))
    for c in record.get("consultations") or []:
        person = c.get("independent_person") or "The Independent Person"
        steps.append((_date(c.get("consulted_on")), _moment(c.get("recorded_at")), f"{person} gave their views."))
    for number, (raw, d) in enumerate(zip(record.get("decisions") or [], decisions, strict=True)):
        outcome = (d["outcome_label"] or "").lower()
        text = f"Decision: {outcome}." if number == 0 else f"The decision was reviewed; the new decision: {outcome}."
        steps.append((d["decided_on"], _moment(raw.get("decided_at")), text))
    for h in record.get("hearings") or []:
        breached = [pid for pid, f in (h.get("findings") or {}).items() if f == "breach"]
        found = f"breach found (paragraph {', '.join(breached)})" if breached else "no breach found"
        sanction = f"; sanction: {str(h['sanction']).lower()}" if h.get("sanction") else ""
        steps.append(
            (_date(h.get("held_on")), _moment(h.get("recorded_at")), f"Standards panel hearing: {found}{sanction}.")
        )
    ordered = sorted(steps, key=lambda s: (s[0] or date.max, s[1]))
    return [{"on": on, "text": text} for on, _, text in ordered]


def _posts(record: dict, kind: str) -> list[dict]:
    posts = []
    for number, p in enumerate(record.get("posts") or [], 1):
        author = p.get("author") or "subject_member"
        if kind == "letter_to_complainant" and author != "subject_member":
            continue  # third parties' comments are their personal data: not for the complainant
        shots = [] if kind in LETTER_KINDS else list(p.get("screenshots") or [])
        posts.append(
            {
                "number": number,
                "text": p.get("text") or "",
                "url": p.get("url") or "",
                "platform": vocabulary.label(p.get("platform"), Platform) if p.get("platform") else "Not recorded",
                "posted_on": _date(p.get("posted_on")),
                "author": author,
                "author_label": vocabulary.label(author, PostAuthor),
                "account_kind": vocabulary.label(p.get("account_kind") or "unknown", AccountKind),
                "visibility": vocabulary.label(p.get("visibility") or "unknown", Visibility),
                "interaction": vocabulary.label(p.get("interaction") or "original_post", Interaction),
                "removed": vocabulary.label(p.get("removed") or "unknown", Tristate),
                "screenshots": [
                    {
                        "src": f"screenshot:{s['sha256']}",
                        "sha256": s["sha256"],
                        "alt": f"Screenshot {i} of post {number}, as supplied with the complaint",
                    }
                    for i, s in enumerate(shots, 1)
                    if s.get("sha256")
                ],
            }
        )
    return posts


def _parties(record: dict, kind: str) -> dict:
    c = record.get("complainant") or {}
    confidential = bool(c.get("confidentiality_requested"))
    complainant_kind = c.get("kind") or ("anonymous" if not c else "member_of_public")
    if kind == "letter_to_complainant":
        show_name = True  # the letter is addressed to them
    else:
        show_name = not confidential
    name = (c.get("name") or "").strip()
    complainant = {
        "kind": vocabulary.label(complainant_kind, ComplainantKind),
        "confidential": confidential,
        "name": name if show_name and name else ("" if show_name else wording.WITHHELD),
        "withheld": not show_name,
        # Contact details appear only on the complainant's own letter.
        "email": c.get("email", "") if kind == "letter_to_complainant" else "",
        "address": c.get("address", "") if kind == "letter_to_complainant" else "",
        "anonymous": complainant_kind == "anonymous",
    }
    m = record.get("member") or {}
    member = {
        "name": m.get("name") or "Not recorded",
        "role": vocabulary.label(m.get("role"), MemberRole) if m.get("role") else "Not recorded",
        "party": m.get("party") or "",
        "ward": m.get("ward") or "",
        "body": m.get("body") or "",
        "in_office": vocabulary.label(m.get("in_office") or "unknown", Tristate),
        # The member's contact details appear only on the member's own letter.
        "email": m.get("email", "") if kind == "letter_to_member" else "",
    }
    return {"complainant": complainant, "member": member}


#: How far to trust the estimates, for the appendix (figures from the leave-one-out check on published decisions).
CALIBRATION_CAVEAT = (
    "The tool's estimates come from rules written from published practice, with base rates fitted to {cases} "
    "published decisions. Checked against those decisions one at a time, the tool matched the real decision to "
    "refer a complaint or not about two times in three. Read the estimates as a guide to what to look at, not as "
    "probabilities to rely on."
)


def outcome_words(outcome: str | None, process: Process) -> str:
    """An outcome as this nation's process names it ('Refer to the Public Services Ombudsman for Wales')."""
    if not outcome:
        return ""
    return process.outcome_words.get(outcome) or wording.label(outcome)


def _sentences(text: str, limit: int) -> tuple[str, bool]:
    """The first ``limit`` sentences of the officer's own words, and whether anything was left out."""
    import re

    parts = [p for p in re.split(r"(?<=[.!?])\s+", (text or "").strip()) if p]
    return " ".join(parts[:limit]), len(parts) > limit


def _brief(view: AssessmentView | None, decision: dict | None, process: Process, paragraphs: list[dict]) -> list[str]:
    """Three to six sentences for page 1: the officer's own words once there is a decision, else the tool's view."""
    if decision:
        lines = [f"The {decision['decided_by_role'].lower()} decided: {decision['process_outcome']}."]
        words, cut = _sentences(decision["reasons"], 3)
        if words:
            lines.append(
                f"In their words: \u201c{words}\u201d" + (" The full reasons are in section 4." if cut else "")
            )
        if decision["agrees"] is True:
            lines.append("The tool's suggestion was the same.")
        elif decision["agrees"] is False:
            lines.append(
                f"The tool suggested {outcome_words(decision['tool_recommendation'], process).lower()}; "
                "the reason for deciding otherwise is in section 4."
            )
        return lines
    if view is None:
        return ["No decision has been recorded, and the tool has not assessed the case yet.", process.decides]
    lines = ["No decision has been recorded. This draft gives the tool's view to help the decision; it is not one."]
    lines.append(view.engaged_sentence)
    parts = []
    for words in ("likely", "possible"):
        named = [f"{p['id']} ({p['heading']})" for p in paragraphs if p["words"] == words][:3]
        if named:
            listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
            parts.append(f"{words} under paragraph{'s' if len(named) > 1 else ''} {listed}")
    if parts:
        lines.append(f"If the facts were proven, a breach would be {'; '.join(parts)}.")
    else:
        lines.append("Nothing found so far points to a breach of the Code if the facts were proven.")
    lines.append(view.status_sentence)
    return lines


def _stage_reasons(result: dict, stage: str) -> list[dict]:
    return [r for r in result.get("reasons") or [] if r.get("stage") == stage]


def _assessment_sections(
    record: dict,
    result: dict,
    view: AssessmentView | None,
    decision: dict | None,
    answer_groups: list[dict],
    process: Process,
) -> dict[str, Any]:
    source_list = reading.SourceList(code_title=str(record["code"].get("title", "")))
    seen: set[str] = set()
    open_questions = result.get("open_questions") or []

    capacity_tests = [{"text": text, "refs": source_list.refs(source)} for text, source in process.capacity_tests]
    stage1_answers, stage1_open = reading.answered_lines(answer_groups, "capacity")
    stage1 = {
        "view": view.engaged_sentence if view else "",
        "authorship": view.authorship_sentence if view else "",
        "reasons": reading.reason_lines(
            _stage_reasons(result, "jurisdiction") + _stage_reasons(result, "capacity"), source_list, seen
        ),
        "answers": stage1_answers,
        "open": stage1_open,
    }

    code_paragraphs = {str(p["id"]): p for p in record["code"].get("paragraphs") or []}
    decided = {p["id"] for p in (decision or {}).get("paragraphs") or []}
    paragraphs, others = [], []
    for scored in result.get("paragraphs") or []:
        pid = str(scored.get("id"))
        supported = any(str(r.get("effect", "")).startswith("+") for r in scored.get("reasons") or [])
        words = reading.likelihood(scored.get("probability"), supported=supported)
        row = {
            "id": pid,
            "heading": scored.get("heading") or code_paragraphs.get(pid, {}).get("heading", ""),
            "text": code_paragraphs.get(pid, {}).get("text", ""),
            "words": words,
            "probability": scored.get("probability"),
            "decided": pid in decided,
        }
        if words == "unlikely" and pid not in decided:
            others.append(row)
            continue
        row["reasons"] = reading.reason_lines(scored.get("reasons") or [], source_list, seen)
        row["depends_on"] = depends_on(open_questions, "content") if words == "possible" else ""
        paragraphs.append(row)
    stage2_answers, stage2_open = reading.answered_lines(answer_groups, "content")
    stage2 = {
        "paragraphs": paragraphs,
        "others": others,
        "reasons": reading.reason_lines(_stage_reasons(result, "breach"), source_list, seen),
        "answers": stage2_answers,
        "open": stage2_open,
    }

    article10 = result.get("article10") or {}
    a10_reasons = [r for r in article10.get("reasons") or [] if r.get("id") != "STAGED-ARTICLE10"]
    staged_view = next((r for r in article10.get("reasons") or [] if r.get("id") == "STAGED-ARTICLE10"), None)
    stage3_answers, stage3_open = reading.answered_lines(answer_groups, "article10")
    stage3 = {
        "intro_refs": source_list.refs(wording.ARTICLE10_SOURCES),
        "view": view.article10_sentence if view else "",
        "staged": str(staged_view.get("text", "")) if staged_view else "",
        "reasons": reading.reason_lines(a10_reasons, source_list, seen),
        "prompts": [str(p) for p in article10.get("prompts") or []],
        "answers": stage3_answers,
        "open": stage3_open,
    }

    stage4_answers, stage4_open = reading.answered_lines(answer_groups, "public_interest")
    # Routing flags say who decides, which page 1 already says for every nation.
    flags = [f for f in result.get("flags") or [] if f.get("kind") != "route"]
    stage4 = {
        "reasons": reading.reason_lines(result.get("public_interest") or [], source_list, seen)
        + reading.reason_lines(_stage_reasons(result, "public_interest"), source_list, seen),
        "flags": reading.reason_lines(flags, source_list, seen),
        "answers": stage4_answers,
        "open": stage4_open,
    }

    process_refs = source_list.refs(process.sources)
    estimates = []
    if view is not None:
        estimates = [
            {"label": "The Code applies", "percent": view.code_engaged_percent},
            {"label": "A breach, if the facts were proven", "percent": view.breach_percent},
            *(
                {"label": f"Paragraph {p['id']} ({p['heading']})", "percent": percent(p["probability"])}
                for p in paragraphs
            ),
            *(
                {"label": f"Outcome: {outcome_words(c.outcome, process)}", "percent": c.percent}
                for c in view.outcome_chances
            ),
        ]
    from triage.scoring.evidence import calibration

    cases = (calibration().get("training_set") or {}).get("cases")
    return {
        "stage1": {**stage1, "tests": capacity_tests},
        "stage2": stage2,
        "stage3": stage3,
        "stage4": stage4,
        "process_refs": process_refs,
        "estimates": estimates,
        "caveat": CALIBRATION_CAVEAT.format(cases=cases) if cases else "",
        "sources": source_list.listing(),
        "paragraph_words": paragraphs,
    }


def build_note_context(
    record: dict[str, Any], *, kind: str = "assessment_note", generated_at: datetime, version: int | None = None
) -> dict[str, Any]:
    """Everything a note or letter template shows, computed once from the record."""
    if kind not in NOTE_KINDS:
        raise ValueError(f"unknown note kind {kind!r}")
    assessment = record.get("assessment") or None
    result = (assessment or {}).get("result") or {}
    code = record["code"]
    code_paragraphs = {str(p["id"]): p for p in code.get("paragraphs") or []}
    decisions = _decisions(record, code_paragraphs)
    decision = decisions[-1] if decisions else None
    latest_raw = (record.get("decisions") or [None])[-1]
    jurisdiction = str(record.get("jurisdiction") or "england")
    generated_on = generated_at.date()
    reasons = [_reason(r) for r in result.get("reasons") or []]
    article10 = result.get("article10") or {}
    posts = _posts(record, kind)
    council = record["council"]
    paragraphs = _paragraphs(record, result, latest_raw)
    process = process_for(jurisdiction, (record.get("member") or {}).get("role"))
    for d in decisions:
        d["process_outcome"] = outcome_words(d["outcome"], process)
    answer_groups = _answers(record, result)
    view = AssessmentView.of(result)
    sections = _assessment_sections(record, result, view, decision, answer_groups, process)
    draft = decision is None
    title = wording.note_title(kind, decided=not draft)
    return {
        "kind": kind,
        "title": title,
        "draft": draft,
        "process": process,
        "brief": _brief(view, decision, process, sections["paragraph_words"]),
        "sections": sections,
        "changes": list(record.get("changes") or []),
        "marking": wording.MARKING,
        "council": council["name"],
        "reference": record["reference"],
        "version": version,
        "generated_at": generated_at,
        "generated_on": generated_on,
        "status": vocabulary.label(record.get("status"), CaseStatus) if record.get("status") else "",
        "jurisdiction": jurisdiction,
        "jurisdiction_label": vocabulary.label(jurisdiction, Jurisdiction),
        "received_on": _date(record.get("received_on")),
        "received_via": vocabulary.label(record.get("received_via"), ReceivedVia) if record.get("received_via") else "",
        "assessed_on": _date((assessment or {}).get("created_at")),
        "decided_on": _date(record.get("decided_on")),
        "clock": _clock(record, generated_on),
        "summary": record.get("summary") or "",
        "removed_for_publication": bool(record.get("removed_for_publication")),
        **_parties(record, kind),
        "posts": posts,
        "screenshot_hashes": sorted({s["sha256"] for p in posts for s in p["screenshots"]}),
        "answer_groups": answer_groups,
        "code": {"id": code.get("id", ""), "title": code.get("title", ""), "source_note": code.get("source_note", "")},
        "initial_tests": wording.INITIAL_TESTS,
        "capacity_reasons": [r for r in reasons if r["stage"] in CAPACITY_STAGES],
        "paragraphs": paragraphs,
        "breach_reasons": _not_shown([r for r in reasons if r["stage"] == "breach"], paragraphs["quoted"]),
        "article10": {
            "protected": article10.get("protected"),
            "level": wording.label(article10.get("level")) if article10.get("level") else "Not assessed",
            "reasons": [_reason(r) for r in article10.get("reasons") or []],
            "prompts": [str(p) for p in article10.get("prompts") or []],
        },
        "public_interest": [_reason(r) for r in result.get("public_interest") or []],
        "flags": [
            {"id": str(f.get("id", "")), "text": str(f.get("text", "")), "source": str(f.get("source", ""))}
            for f in result.get("flags") or []
        ],
        "tool": None
        if view is None
        else {
            "code_engaged": view.code_engaged_percent,
            "breach": view.breach_percent,
            "recommendation": view.recommendation,
            "recommendation_label": view.recommendation_label,
            "probabilities": [{"outcome": c.label, "percent": c.percent} for c in view.outcome_chances],
            "reasons": reasons,
            "model_version": _model_version(result, (assessment or {}).get("model_version", "")),
            "overrides": list(result.get("overrides") or []),
            "status_sentence": view.status_sentence,
            "needs_information": view.needs_information,
            "authorship": view.authorship_sentence,
            "open_questions": list(view.open_questions),
        },
        "urgent": [
            {
                "title": str(u.get("title", "")),
                "text": str(u.get("text", "")),
                "action": str(u.get("action", "")),
                "reviewed": str(u.get("reviewed") or ""),
            }
            for u in result.get("urgent") or []
        ],
        "consultations": [
            {
                "independent_person": c.get("independent_person") or "Not recorded",
                "stage": vocabulary.label(c.get("stage") or "assessment", ConsultationStage),
                "consulted_on": _date(c.get("consulted_on")),
                "views": c.get("views") or "",
                "recorded_by": c.get("recorded_by") or "",
            }
            for c in record.get("consultations") or []
        ],
        "decisions": decisions,
        "steps": _steps(record, decisions),
        "hearings": [
            {
                "held_on": _date(h.get("held_on")),
                "panel": h.get("panel") or "",
                "breached": [pid for pid, f in (h.get("findings") or {}).items() if f == "breach"],
                "cleared": [pid for pid, f in (h.get("findings") or {}).items() if f != "breach"],
                "sanction": h.get("sanction") or "",
                "reasons": h.get("reasons") or "",
            }
            for h in record.get("hearings") or []
        ],
        "decision": decision,
        "next_steps": process.next_steps.get(decision["outcome"], "") if decision else wording.PENDING,
        "review_rights": process.review,
        "wording": wording,
    }
