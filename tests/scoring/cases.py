"""Hand-made case dicts for the scorer's tests (all invented)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

MILD = "I disagree with them about this and will say so at the next opportunity."
COUNCIL = "The council budget committee got the planning consultation wrong."
ABUSIVE = "You are a useless idiot and a liar."
VILE = "They are vile scum and filth."


def case(
    *,
    jurisdiction: str = "england",
    text: str = MILD,
    answers: dict[str, str] | None = None,
    role: str = "councillor",
    in_office: str | None = "yes",
    posts: list[dict[str, Any]] | None = None,
    complainant: str | None = "member_of_public",
    code: str | None = None,
    received_on: str = "2025-03-01",
    posted_on: str = "2025-02-01",
    reference: str = "T-0001",
    **post_fields: Any,
) -> dict[str, Any]:
    """A minimal valid case file: one public post on a personal account unless told otherwise."""
    member: dict[str, Any] = {"name": "Cllr Test Member", "role": role}
    if in_office is not None:
        member["in_office_at_time"] = in_office
    post = {
        "text": text,
        "platform": "facebook",
        "posted_on": posted_on,
        "account_kind": "personal_account",
        "visibility": "public",
    }
    post.update(post_fields)
    out: dict[str, Any] = {
        "reference": reference,
        "jurisdiction": jurisdiction,
        "received_on": received_on,
        "subject_member": member,
        "posts": posts if posts is not None else [post],
        "answers": dict(answers or {}),
    }
    if complainant:
        out["complainant"] = {"kind": complainant}
    if code:
        out["code"] = code
    return out


def _labelled(n: int, outcome: str, engaged: bool, paragraphs: list[str], **kwargs: Any) -> dict[str, Any]:
    data = case(reference=f"SC-2025-{n:04d}", **kwargs)
    data["expected"] = {"code_engaged": engaged, "outcome": outcome, "paragraphs": paragraphs, "rationale": "test"}
    return data


def labelled_cases() -> list[dict[str, Any]]:
    """A small labelled set following the labelling policy, for training tests (48 cases, 9 in the test split)."""
    acting = {"acting_as_councillor": "yes", "identified_as_councillor": "yes"}
    templates = [
        # no further action: not engaged, protected political comment, apology given
        {"outcome": "no_further_action", "engaged": False, "paragraphs": [], "in_office": "no", "text": ABUSIVE},
        {"outcome": "no_further_action", "engaged": False, "paragraphs": [], "answers": {"council_business": "no"}},
        {
            "outcome": "no_further_action",
            "engaged": True,
            "paragraphs": [],
            "text": COUNCIL,
            "answers": {**acting, "political_expression": "yes", "about_individual": "no", "target": "organisation"},
        },
        {
            "outcome": "no_further_action",
            "engaged": True,
            "paragraphs": [],
            "text": MILD,
            "answers": {**acting, "political_expression": "yes", "target": "councillor", "about_individual": "yes"},
        },
        {
            "outcome": "no_further_action",
            "engaged": True,
            "paragraphs": ["4.1"],
            "text": COUNCIL,
            "answers": {
                **acting,
                "non_public_information": "yes",
                "apology_or_removal": "yes",
                "within_time_limit": "no",
            },
        },
        # informal resolution: one-off jibe at a councillor, resources, third-party comments
        {
            "outcome": "informal_resolution",
            "engaged": True,
            "paragraphs": ["1.1"],
            "text": ABUSIVE,
            "answers": {**acting, "about_individual": "yes", "target": "councillor", "political_expression": "no"},
        },
        {
            "outcome": "informal_resolution",
            "engaged": True,
            "paragraphs": ["7.2"],
            "text": COUNCIL,
            "answers": {**acting, "council_resources_used": "yes", "political_expression": "yes"},
        },
        {
            "outcome": "informal_resolution",
            "engaged": True,
            "paragraphs": ["1.1"],
            "text": ABUSIVE,
            "answers": {**acting, "about_individual": "yes", "target": "councillor", "apology_or_removal": "yes"},
        },
        # investigation: officer abuse, discrimination, repeated conduct
        {
            "outcome": "investigation",
            "engaged": True,
            "paragraphs": ["1.2", "2.1"],
            "text": ABUSIVE,
            "answers": {**acting, "about_individual": "yes", "target": "officer", "repeated_conduct": "yes"},
        },
        {
            "outcome": "investigation",
            "engaged": True,
            "paragraphs": ["2.3", "5.1"],
            "text": VILE,
            "answers": {**acting, "discriminatory": "yes", "target": "protected_group"},
        },
        {
            "outcome": "investigation",
            "engaged": True,
            "paragraphs": ["1.2"],
            "text": ABUSIVE,
            "answers": {**acting, "about_individual": "yes", "target": "officer"},
        },
        # police referral: threats
        {
            "outcome": "police_referral",
            "engaged": True,
            "paragraphs": ["2.2", "5.1"],
            "text": "Watch your back, I will hurt you.",
            "answers": {**acting, "threatening": "yes", "about_individual": "yes", "target": "councillor"},
        },
        {
            "outcome": "police_referral",
            "engaged": False,
            "paragraphs": [],
            "text": "I know where you live and will hurt you.",
            "answers": {
                "threatening": "yes",
                "council_business": "no",
                "about_individual": "yes",
                "target": "member_of_public",
            },
        },
        # Wales: disrepute at any time; Scotland: not purely private life
        {
            "outcome": "investigation",
            "engaged": True,
            "paragraphs": ["4(a)", "6(1)(a)"],
            "jurisdiction": "wales",
            "text": VILE,
            "visibility": "private_message",
            "answers": {"discriminatory": "yes", "council_business": "no", "target": "protected_group"},
        },
        {
            "outcome": "no_further_action",
            "engaged": False,
            "paragraphs": [],
            "jurisdiction": "scotland",
            "text": ABUSIVE,
            "visibility": "private_message",
            "answers": {
                "council_business": "no",
                "identified_as_councillor": "no",
                "about_individual": "yes",
                "target": "member_of_public",
            },
        },
        {
            "outcome": "investigation",
            "engaged": True,
            "paragraphs": ["3.1"],
            "jurisdiction": "scotland",
            "text": ABUSIVE,
            "answers": {"identified_as_councillor": "yes", "about_individual": "yes", "target": "officer"},
        },
    ]
    out = []
    for n in range(1, 49):
        spec = copy.deepcopy(templates[(n - 1) % len(templates)])
        out.append(_labelled(n, spec.pop("outcome"), spec.pop("engaged"), spec.pop("paragraphs"), **spec))
    return out


def write_cases(folder: Path, cases: list[dict[str, Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for data in cases:
        number = data["reference"].rsplit("-", 1)[1]
        (folder / f"{number}-test.json").write_text(json.dumps(data), encoding="utf-8")
    return folder
