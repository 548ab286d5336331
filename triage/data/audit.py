"""Writing and verifying the audit log: a keyed, gap-free chain with signed checkpoints outside the database.

Each entry's ``hash`` is HMAC-SHA256, under the audit key (kept outside the database, see ``triage.config``), of
its contents and the previous entry's ``hash``. Someone who can write to the database but does not hold the key can
neither edit an entry nor rewrite the chain from it onwards without ``verify_chain`` noticing. Appends take the
chain-head row's lock, so concurrent requests queue rather than fork the chain, and number entries 1, 2, 3 ... with
no gaps. Deleting the newest entries (and rewinding the head) is caught by checkpoints: signed records of the head
appended to a file outside the database and to the log, after every ``AUDIT_CHECKPOINT_EVERY`` entries and at each
backup and verification.

Entries written before the key existed keep their unkeyed SHA-256 chain; they are accepted only before the first
keyed entry and reported as such.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from flask import current_app
from sqlalchemy import event, func, select

from triage.extensions import db
from triage.models import AuditEntry, AuditHead
from triage.models.base import utcnow

log = logging.getLogger("triage.audit")


def _payload(prev_hash: str, at: datetime, actor, action, entity, entity_id, case_id, before, after) -> bytes:
    return json.dumps(
        [prev_hash, at.isoformat(), actor, action, entity, entity_id, case_id, before, after],
        sort_keys=True,
        default=str,
        separators=(",", ":"),
    ).encode()


def _digest(prev_hash: str, at: datetime, actor: str, action: str, entity: str, entity_id: str, case_id, before, after):
    """The unkeyed SHA-256 of entries written before the audit key existed."""
    return hashlib.sha256(_payload(prev_hash, at, actor, action, entity, entity_id, case_id, before, after)).hexdigest()


def _key() -> bytes:
    return current_app.config["AUDIT_KEY"].encode()


def sign(purpose: str, message: bytes) -> str:
    """An HMAC-SHA256 with the audit key over ``message``, bound to ``purpose`` (so a signature made for one kind
    of thing, a backup manifest say, can never pass as another's)."""
    return hmac.new(_key(), purpose.encode() + b"\0" + message, hashlib.sha256).hexdigest()


def signature_matches(purpose: str, message: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(purpose, message), str(signature or ""))


def _mac(prev_hash: str, at: datetime, actor, action, entity, entity_id, case_id, before, after) -> str:
    payload = _payload(prev_hash, at, actor, action, entity, entity_id, case_id, before, after)
    return hmac.new(_key(), payload, hashlib.sha256).hexdigest()


def _head() -> AuditHead:
    """The chain head, locked for this transaction (a row lock on PostgreSQL; SQLite's write lock is already held,
    because every transaction there begins IMMEDIATE)."""
    head = db.session.scalars(select(AuditHead).where(AuditHead.id == 1).with_for_update()).first()
    if head is None:
        last = db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).first()
        head = AuditHead(id=1, seq=(last.seq or 0) if last else 0, hash=last.hash if last else "")
        db.session.add(head)
        db.session.flush()
    return head


def record(
    action: str,
    entity: str,
    entity_id: str | int = "",
    *,
    user=None,
    actor: str | None = None,
    case_id: int | None = None,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEntry:
    """Append one entry in the current transaction; it commits or rolls back with the change it describes."""
    head = _head()
    at = utcnow().replace(microsecond=0)
    who = actor or (user.email if user is not None else "system")
    entity_id = str(entity_id)
    entry = AuditEntry(
        at=at,
        user_id=getattr(user, "id", None),
        actor=who,
        action=action,
        entity=entity,
        entity_id=entity_id,
        case_id=case_id,
        before=before,
        after=after,
        prev_hash=head.hash,
        hash=_mac(head.hash, at, who, action, entity, entity_id, case_id, before, after),
        seq=head.seq + 1,
        scheme="hmac",
    )
    head.seq, head.hash = entry.seq, entry.hash
    db.session.add(entry)
    db.session.flush()
    first, _ = db.session.info.get("audit_appended", (entry.seq, entry.seq))
    db.session.info["audit_appended"] = (first, entry.seq)
    return entry


# --- checkpoints ------------------------------------------------------------------------------------------------


def _checkpoint_mac(seq: int, entry_hash: str, at: str) -> str:
    return hmac.new(_key(), f"checkpoint|{seq}|{entry_hash}|{at}".encode(), hashlib.sha256).hexdigest()


def write_checkpoint(reason: str = "manual") -> dict | None:
    """Append a signed record of the committed chain head to the checkpoint file and the log; None if empty."""
    head = db.session.get(AuditHead, 1)
    if head is None or not head.seq:
        return None
    return _append_checkpoint(head.seq, head.hash, reason)


def _append_checkpoint(seq: int, entry_hash: str, reason: str) -> dict:
    at = utcnow().replace(microsecond=0).isoformat()
    point = {"seq": seq, "hash": entry_hash, "at": at, "reason": reason}
    point["mac"] = _checkpoint_mac(seq, entry_hash, at)
    path = Path(current_app.config["AUDIT_CHECKPOINT_FILE"])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(point, sort_keys=True) + "\n")
    log.info("audit checkpoint", extra={"audit_checkpoint": point})
    return point


def read_checkpoints() -> tuple[list[dict], list[str]]:
    """The checkpoints in the file whose signature verifies, and a problem for each line that does not."""
    path = Path(current_app.config["AUDIT_CHECKPOINT_FILE"])
    points, problems = [], []
    if not path.exists():
        return points, problems
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            point = json.loads(line)
            ok = hmac.compare_digest(point["mac"], _checkpoint_mac(int(point["seq"]), point["hash"], point["at"]))
        except (ValueError, KeyError, TypeError):
            ok = False
        if ok:
            points.append(point)
        else:
            problems.append(f"checkpoint line {number}: signature does not verify (forged or damaged)")
    return points, problems


def register_checkpoints(app) -> None:
    """Write a checkpoint after any commit whose entries carried the chain past a multiple of
    ``AUDIT_CHECKPOINT_EVERY`` (so about one in that many entries, whichever process wrote them)."""
    from flask import has_app_context
    from sqlalchemy.orm import Session

    @event.listens_for(Session, "after_commit")
    def _after_commit(session) -> None:
        appended = session.info.pop("audit_appended", None)
        if not appended or not has_app_context():
            return
        every = current_app.config.get("AUDIT_CHECKPOINT_EVERY", 0)
        first, last = appended
        if every and (first - 1) // every != last // every:
            try:
                _write_checkpoint_outside(last)
            except OSError:
                log.exception("could not write the audit checkpoint file")

    @event.listens_for(Session, "after_rollback")
    def _after_rollback(session) -> None:
        session.info.pop("audit_appended", None)


def _write_checkpoint_outside(seq: int) -> None:
    """After commit the session may not run SQL in this hook; read the head on a fresh connection."""
    with db.engine.connect() as conn:
        row = conn.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
        conn.rollback()
    if row is not None:
        _append_checkpoint(row.seq, row.hash, "periodic")


# --- verification -----------------------------------------------------------------------------------------------


@dataclass
class Verification:
    entries: int = 0
    legacy: int = 0
    checkpoints: int = 0
    forks: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    edits: list[str] = field(default_factory=list)
    truncation: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return self.forks + self.gaps + self.edits + self.truncation

    @property
    def ok(self) -> bool:
        return not self.problems


def verify() -> Verification:
    """Walk the chain in sequence order and report forks, gaps, edits and truncation separately."""
    result = Verification()
    entries = list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq, AuditEntry.id)))
    result.entries = len(entries)
    seen_prev: dict[str, int] = {}
    prev_hash, expected_seq, keyed = "", 1, False
    by_seq: dict[int, AuditEntry] = {}
    for entry in entries:
        label = f"entry {entry.seq if entry.seq is not None else '?'} (id {entry.id})"
        if entry.seq is None:
            result.gaps.append(f"{label}: has no place in the chain")
            continue
        by_seq[entry.seq] = entry
        if entry.seq != expected_seq:
            result.gaps.append(f"entries {expected_seq} to {entry.seq - 1} are missing")
        expected_seq = entry.seq + 1
        if entry.prev_hash in seen_prev:
            result.forks.append(f"{label}: follows the same entry as entry {seen_prev[entry.prev_hash]} (a fork)")
        seen_prev[entry.prev_hash] = entry.seq
        at = entry.at.replace(tzinfo=None) if entry.at.tzinfo else entry.at
        at = at.replace(tzinfo=utcnow().tzinfo)
        fields = (entry.actor, entry.action, entry.entity, entry.entity_id, entry.case_id, entry.before, entry.after)
        if entry.scheme == "hmac":
            keyed = True
            expected = _mac(entry.prev_hash, at, *fields)
        else:
            result.legacy += 1
            expected = _digest(entry.prev_hash, at, *fields)
            if keyed:
                result.edits.append(f"{label}: unkeyed entry after keyed ones (rewritten without the key)")
        if not hmac.compare_digest(entry.hash, expected):
            result.edits.append(f"{label}: contents do not match its MAC (edited)")
        elif entry.prev_hash != prev_hash:
            result.edits.append(f"{label}: does not follow the entry before it (removed, inserted or reordered)")
        prev_hash = entry.hash
    points, bad = read_checkpoints()
    result.checkpoints = len(points)
    result.truncation.extend(bad)
    for point in points:
        kept = by_seq.get(int(point["seq"]))
        if kept is None:
            result.truncation.append(
                f"checkpoint at {point['at']} saw entry {point['seq']}, which is no longer in the log (truncated)"
            )
        elif kept.hash != point["hash"]:
            result.truncation.append(f"entry {point['seq']} differs from the checkpoint at {point['at']} (rewritten)")
    return result


def verify_chain() -> list[str]:
    """Every problem, in words (empty: intact). Kept for callers that only need pass or fail."""
    return verify().problems


def entry_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id))) or 0


def entries_for_case(case_id: int) -> list[AuditEntry]:
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.case_id == case_id).order_by(AuditEntry.id)))


def recent_entries(limit: int = 200) -> list[AuditEntry]:
    """The newest entries first, for the administrator's read-only audit page."""
    return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))
