"""The administrator's audit log in words: what each recorded action was, and what it was done to.

The administrator sees who did what and when, never case content: an entry is named by its action and its item,
and the entry's stored details are not shown here (the case page's timeline describes them to those who may read
the case)."""

from __future__ import annotations

ACTIONS = {
    "answers.updated": "Changed answers to the structured questions",
    "api_token.created": "Created an API token",
    "api_token.revoked": "Revoked an API token",
    "assessment.run": "Ran the tool's assessment",
    "case.answers_recorded": "Recorded answers to the structured questions",
    "case.assigned": "Assigned the case",
    "case.conflict_declared": "Declared a conflict of interest",
    "case.created": "Created a case",
    "case.disposed": "Deleted a case at the end of its retention period",
    "case.exported": "Exported a case",
    "case.imported": "Imported a case",
    "case.legal_hold_set": "Changed a case's legal hold",
    "case.listed": "Listed cases",
    "case.referral_withdrawn": "Withdrew a referral",
    "case.referred": "Referred a case",
    "case.status_changed": "Changed a case's status",
    "case.urgent_reviewed": "Reviewed an urgent flag",
    "case.viewed": "Opened a case",
    "code.stored": "Stored a Code of Conduct",
    "consultation.recorded": "Recorded an Independent Person's views",
    "council.created": "Set up a council",
    "data.exported": "Exported data",
    "decision.recorded": "Recorded a decision",
    "document.added": "Added a document or correspondence",
    "document.downloaded": "Downloaded a document",
    "hearing.recorded": "Recorded a standards panel hearing",
    "intake.deleted": "Deleted an unfinished complaint",
    "intake.started": "Started logging a complaint",
    "intake.submitted": "Finished logging a complaint",
    "mail.failed": "An email could not be sent",
    "member.added": "Added a member to the register",
    "member.edited": "Edited a member on the register",
    "member.term_ended": "Ended a member's term",
    "members.imported": "Imported the register of members",
    "note.downloaded": "Downloaded a note or letter",
    "note.generated": "Produced a note or letter",
    "publication.approved": "Approved a decision notice for publication",
    "public.submitted": "A complaint arrived from the public form",
    "public.abandoned_deleted": "Deleted public complaint forms that were never sent",
    "public.accepted": "Accepted a complaint from the public form",
    "public.merged": "Added a complaint from the public form to a case",
    "public.case_logged": "Logged a case from a complaint from the public form",
    "public.rejected": "Rejected a complaint from the public form",
    "report.transparency": "Produced the transparency report",
    "retention.run": "Ran the retention schedule",
    "saved_search.deleted": "Deleted a saved search",
    "saved_search.replaced": "Changed a saved search",
    "saved_search.saved": "Saved a search",
    "screenshot.attached": "Attached a screenshot",
    "synthetic.seeded": "Loaded made-up test cases",
    "user.created": "Created a user account",
    "user.disabled": "Disabled a user account",
    "user.enabled": "Enabled a user account",
    "user.locked": "Sign-in paused after failed attempts",
    "user.mfa_enrolled": "Set up two-factor authentication",
    "user.mfa_reset": "Reset two-factor authentication",
    "user.password_reset_issued": "Issued a password reset link",
    "user.password_set": "Set a password",
    "user.reauthenticated": "Confirmed their password again",
    "user.recovery_code_used": "Used a recovery code",
    "user.recovery_codes_issued": "Issued recovery codes",
    "user.role_changed": "Changed a user's role",
    "user.session_timed_out": "Session timed out",
    "user.sessions_ended": "Ended a user's sessions",
    "user.sign_in_failed": "Failed sign-in",
    "user.signed_in": "Signed in",
    "user.signed_out": "Signed out",
    "user.unlocked": "Unlocked a user account",
}

ITEMS = {
    "case": "Case",
    "user": "User account",
    "member": "Member",
    "council": "Council",
    "code": "Code of Conduct",
    "saved_search": "Saved search",
    "api_token": "API token",
    "intake": "Unfinished complaint",
    "intake_draft": "Unfinished complaint",
    "case_document": "Document",
    "export": "Export",
    "report": "Report",
    "note": "Note",
    "document": "Document",
    "decision": "Decision",
    "consultation": "Independent Person's views",
    "hearing": "Hearing",
    "publication": "Decision notice",
    "register": "Register of members",
    "public_submission": "Complaint from the public form",
}


def action_words(action: str) -> str:
    """The action in words; an action this list does not know yet reads as its words, never as a dotted key."""
    return ACTIONS.get(action) or action.replace(".", " ").replace("_", " ").capitalize()


def item_words(entity: str, entity_id: str) -> str:
    what = ITEMS.get(entity) or entity.replace("_", " ").capitalize()
    return f"{what} {entity_id}".strip()
