"""Loaders for the labelled text used to train the text classifiers.

Standard library only (no pandas at runtime). Three public sets live in ``shared/data`` (see each folder's README
for source, licence and column meanings) and the team's invented sample cases live in ``sample_cases/``.

Every loader returns a :class:`TextSet`: parallel lists of texts and integer 0/1 targets per label (``-1`` means
"no label for this row"), plus a fingerprint of the file it came from for the model manifest.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

OLID_FILE = Path("olid") / "olid_train.tsv"
TWITCIVILITY_FILE = Path("twitcivility") / "twitcivility_train.csv"
DAVIDSON_FILE = Path("davidson-hate-offensive") / "davidson_shared.csv"

#: Outcomes that mean "the monitoring officer thinks this post is more than robust political expression".
ABUSIVE_OUTCOMES = frozenset({"informal_resolution", "investigation", "police_referral"})
_CASE_NUMBER = re.compile(r"^(\d{4})")


@dataclass
class TextSet:
    """Texts with per-label 0/1 targets (-1 = unlabelled for that label)."""

    name: str
    texts: list[str] = field(default_factory=list)
    targets: dict[str, list[int]] = field(default_factory=dict)
    groups: list[str] = field(default_factory=list)  # e.g. case reference, so CV can keep a case's posts together
    files: list[dict] = field(default_factory=list)  # fingerprints: path, rows, sha256

    def __len__(self) -> int:
        return len(self.texts)

    def target(self, label: str) -> list[int]:
        return self.targets.get(label, [-1] * len(self.texts))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fingerprint(path: Path, rows: int, root: Path | None = None) -> dict:
    shown = path.relative_to(root).as_posix() if root is not None else path.name
    return {"path": shown, "rows": rows, "sha256": file_sha256(path)}


def load_olid(data_dir: Path) -> TextSet:
    """OLID training split. ``offensive`` = subtask_a OFF; ``personal_attack`` = subtask_c IND.

    The file has stray double quotes inside tweets, so it must be read with ``csv.QUOTE_NONE``.
    """
    path = Path(data_dir) / OLID_FILE
    out = TextSet("olid", targets={"offensive": [], "personal_attack": [], "targeted": []})
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            out.texts.append(row["tweet"])
            out.targets["offensive"].append(int(row["subtask_a"] == "OFF"))
            out.targets["personal_attack"].append(int(row["subtask_c"] == "IND"))
            out.targets["targeted"].append(int(row["subtask_b"] == "TIN"))
            out.groups.append("olid")
    out.files.append(_fingerprint(path, len(out.texts), Path(data_dir)))
    return out


def load_twitcivility(data_dir: Path) -> TextSet:
    """TwitCivility training split. ``offensive`` = impoliteness or intolerance; ``impolite`` = impoliteness."""
    path = Path(data_dir) / TWITCIVILITY_FILE
    out = TextSet("twitcivility", targets={"offensive": [], "impolite": [], "intolerant": []})
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            imp, intol = int(row["impoliteness"]), int(row["intolerance"])
            out.texts.append(row["text"])
            out.targets["offensive"].append(int(imp or intol))
            out.targets["impolite"].append(imp)
            out.targets["intolerant"].append(intol)
            out.groups.append("twitcivility")
    out.files.append(_fingerprint(path, len(out.texts), Path(data_dir)))
    return out


def load_davidson(data_dir: Path) -> TextSet:
    """Davidson et al. 2017 (80% shared split). ``offensive`` = class in {0 hate, 1 offensive}."""
    path = Path(data_dir) / DAVIDSON_FILE
    out = TextSet("davidson", targets={"offensive": [], "hate": []})
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cls = int(row["class"])
            out.texts.append(row["tweet"])
            out.targets["offensive"].append(int(cls in (0, 1)))
            out.targets["hate"].append(int(cls == 0))
            out.groups.append("davidson")
    out.files.append(_fingerprint(path, len(out.texts), Path(data_dir)))
    return out


def load_shared(data_dir: Path) -> dict[str, TextSet]:
    """All three public sets, keyed ``olid``, ``twitcivility``, ``davidson``."""
    return {
        "olid": load_olid(data_dir),
        "twitcivility": load_twitcivility(data_dir),
        "davidson": load_davidson(data_dir),
    }


# --------------------------------------------------------------------------------------------------------------
# Sample cases
# --------------------------------------------------------------------------------------------------------------


def case_number(path: Path) -> int | None:
    match = _CASE_NUMBER.match(Path(path).name)
    return int(match.group(1)) if match else None


def is_test_case(path: Path) -> bool:
    """The fixed split (docs/decisions.md D3): NNNN % 5 == 0 is the test split."""
    number = case_number(path)
    return number is not None and number % 5 == 0


def iter_case_files(sample_cases_dir: Path, split: str = "train") -> Iterable[Path]:
    """Case files in name order. ``split`` is ``train`` (default), ``test`` or ``all``."""
    if split not in ("train", "test", "all"):
        raise ValueError(f"unknown split {split!r}")
    for path in sorted(Path(sample_cases_dir).glob("*.json")):
        if case_number(path) is None:
            continue
        test = is_test_case(path)
        if split == "all" or (split == "test") == test:
            yield path


def _tri(value) -> int:
    """yes -> 1, no -> 0, anything else (unknown / omitted) -> -1."""
    return {"yes": 1, "no": 0}.get(value, -1)


def case_post_labels(case: dict) -> dict[str, int]:
    """Labels for the subject member's own words in a case, from its ``answers`` and ``expected`` blocks.

    The sample cases label the *case*, not each post, so the text labels are derived conservatively:

    - ``council_business``: answers.council_business (yes/no; unknown -> unlabelled).
    - ``offensive`` = 1 when the words themselves are the problem: the post is discriminatory or threatening, or
      the outcome is beyond no-further-action, the post is aimed at an identifiable individual, and the case does
      not turn on a non-content matter (confidential information, council resources, someone else's comments).
    - ``offensive`` = 0 for protected political expression that the officer would take no further action on *on
      the merits* (in time, not withdrawn with an apology: those are procedural outcomes that say nothing about
      the words), and for benign posts in cases that turn only on non-content matters.
    - ``personal_attack`` = 1 when offensive and aimed at an individual (answers.about_individual yes); 0 when
      offensive but not about an individual, or not offensive.
    - anything else is unlabelled (-1).
    """
    answers = case.get("answers") or {}
    outcome = (case.get("expected") or {}).get("outcome")
    about_individual = _tri(answers.get("about_individual"))
    labels = {"council_business": _tri(answers.get("council_business")), "offensive": -1, "personal_attack": -1}
    if outcome is None:
        return labels
    disc_or_threat = _tri(answers.get("discriminatory")) == 1 or _tri(answers.get("threatening")) == 1
    non_content = _non_content_case(answers)
    if disc_or_threat or (outcome in ABUSIVE_OUTCOMES and about_individual == 1 and not non_content):
        labels["offensive"] = 1
        labels["personal_attack"] = {1: 1, 0: 0}.get(about_individual, -1)
    elif outcome == "no_further_action":
        procedural = (
            _tri(answers.get("within_time_limit")) == 0
            or _tri(answers.get("apology_or_removal")) == 1
            or (case.get("subject_member") or {}).get("in_office_at_time") == "no"
        )
        if _tri(answers.get("political_expression")) == 1 and not procedural:
            labels["offensive"] = labels["personal_attack"] = 0
    elif non_content and about_individual != 1:
        labels["offensive"] = labels["personal_attack"] = 0
    return labels


def _non_content_case(answers: dict) -> bool:
    """The case turns on something other than the member's words (confidential info, resources, left-up comments)."""
    return (
        _tri(answers.get("non_public_information")) == 1
        or _tri(answers.get("council_resources_used")) == 1
        or _tri(answers.get("third_party_content_left_up")) == 1
    )


def post_labels(case: dict, post: dict, case_labels: dict[str, int]) -> dict[str, int]:
    """Per-post labels: the case labels, except that other people's comments left up on the member's page are
    themselves the offending words (offensive 1), while the member's own post in such a case is judged alone."""
    answers = case.get("answers") or {}
    third_party = post.get("author", "subject_member") == "third_party"
    if _tri(answers.get("third_party_content_left_up")) == 1 and case_labels["offensive"] != 1:
        if third_party:
            about = _tri(answers.get("about_individual"))
            return {**case_labels, "offensive": 1, "personal_attack": {1: 1, 0: 0}.get(about, -1)}
        own = 0 if _tri(answers.get("political_expression")) == 1 else -1
        return {**case_labels, "offensive": own, "personal_attack": own}
    if third_party:
        return {**case_labels, "offensive": -1, "personal_attack": -1}
    return case_labels


def load_sample_cases(sample_cases_dir: Path, split: str = "train") -> TextSet:
    """Posts in the chosen split of sample cases (default: train only), with labels from :func:`post_labels`.

    Shares and likes keep the case's labels: the words shared are what the classifier scores.
    """
    out = TextSet("sample_cases", targets={"offensive": [], "personal_attack": [], "council_business": []})
    root = Path(sample_cases_dir)
    n_files = 0
    digest = hashlib.sha256()
    for path in iter_case_files(root, split):
        raw = path.read_bytes()
        try:
            case = json.loads(raw)
        except json.JSONDecodeError:
            continue  # half-written file; skipped (and not fingerprinted)
        if not isinstance(case, dict):
            continue
        n_files += 1
        digest.update(path.name.encode() + b"\0" + raw)
        labels = case_post_labels(case)
        for post in case.get("posts") or []:
            text = (post.get("text") or "").strip() if isinstance(post, dict) else ""
            if not text:
                continue
            pl = post_labels(case, post, labels)
            out.texts.append(text)
            out.groups.append(case.get("reference") or path.stem)
            for label in out.targets:
                out.targets[label].append(pl[label])
    out.files.append(
        {
            "path": f"sample_cases/*.json ({split} split)",
            "rows": len(out.texts),
            "files": n_files,
            "sha256": digest.hexdigest(),
        }
    )
    return out
