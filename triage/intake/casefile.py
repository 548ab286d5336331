"""Build a case-file dict (the interchange format, decision D2) from the cleaned steps of an intake draft.

The same dict drives the question prefills while the draft is being filled in and creates the case at the end, so
what the officer saw prefilled is exactly what the scorer will read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

POST_FIELDS = ("url", "platform", "author", "account_kind", "visibility", "interaction", "removed")


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def build_case_file(
    *,
    jurisdiction: str | None = None,
    code: str | None = None,
    council_name: str | None = None,
    received: dict[str, Any] | None = None,
    complainant: dict[str, Any] | None = None,
    member: dict[str, Any] | None = None,
    posts: list[dict[str, Any]] | None = None,
    answers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Assemble whatever is known so far; missing steps are left out (the schema treats omitted as unknown)."""
    data: dict[str, Any] = {}
    if jurisdiction:
        data["jurisdiction"] = jurisdiction
    if code:
        data["code"] = code
    if received and received.get("received_on"):
        data["received_on"] = _iso(received["received_on"])
    if received and received.get("learned_on"):
        data["complainant_learned_on"] = _iso(received["learned_on"])
    if complainant and complainant.get("kind"):
        anonymous = complainant["kind"] == "anonymous"
        data["complainant"] = {
            "kind": complainant["kind"],
            "name": "" if anonymous else (complainant.get("name") or ""),
            "email": complainant.get("email") or "",
            "confidentiality_requested": bool(complainant.get("confidentiality_requested")),
        }
    subject: dict[str, Any] = {"name": (member or {}).get("name") or ""}
    if council_name:
        subject["council"] = council_name
    for key in ("party", "role", "in_office_at_time"):
        if (member or {}).get(key):
            subject[key] = member[key]
    data["subject_member"] = subject
    out_posts = []
    for post in posts or []:
        item: dict[str, Any] = {"text": post.get("text") or ""}
        for key in POST_FIELDS:
            if post.get(key):
                item[key] = post[key]
        if post.get("posted_on"):
            item["posted_on"] = _iso(post["posted_on"])
        out_posts.append(item)
    data["posts"] = out_posts
    if answers:
        data["answers"] = {k: v for k, v in answers.items() if v}
    return data
