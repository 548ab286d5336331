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
    """Post-level labels derived from a case file's ``answers`` and ``expected`` blocks (same for each post).

    - ``council_business``: answers.council_business (yes/no; unknown -> unlabelled).
    - ``offensive``: the case's outcome is beyond no-further-action *and* the reason is the words (abusive,
      discriminatory or threatening content, or a personal jibe), not e.g. a confidentiality slip or misuse of
      resources. Protected political expression and harmless posts are 0.
    - ``personal_attack``: offensive and aimed at an identifiable individual (answers.about_individual yes).
    """
    answers = case.get("answers") or {}
    expected = case.get("expected") or {}
    outcome = expected.get("outcome")
    labels = {"council_business": _tri(answers.get("council_business"))}

    content_bad = (
        _tri(answers.get("discriminatory")) == 1
        or _tri(answers.get("threatening")) == 1
        or (outcome in ABUSIVE_OUTCOMES and _content_is_the_problem(answers))
    )
    if outcome is None:
        labels["offensive"] = -1
        labels["personal_attack"] = -1
        return labels
    if content_bad:
        labels["offensive"] = 1
    elif outcome == "no_further_action" or _tri(answers.get("political_expression")) == 1:
        labels["offensive"] = 0
    else:
        labels["offensive"] = -1  # beyond NFA for reasons other than the words: no text label
    about_individual = _tri(answers.get("about_individual"))
    if labels["offensive"] == 1:
        labels["personal_attack"] = 1 if about_individual == 1 else (0 if about_individual == 0 else -1)
    elif labels["offensive"] == 0:
        labels["personal_attack"] = 0
    else:
        labels["personal_attack"] = -1
    return labels


def _content_is_the_problem(answers: dict) -> bool:
    """True unless the case turns only on non-content matters (confidential info, resources, left-up comments)."""
    non_content = (
        _tri(answers.get("non_public_information")) == 1
        or _tri(answers.get("council_resources_used")) == 1
        or _tri(answers.get("third_party_content_left_up")) == 1
    )
    return not non_content


def load_sample_cases(sample_cases_dir: Path, split: str = "train") -> TextSet:
    """Posts written by the subject member in the chosen split of sample cases, with derived labels.

    Only the member's own original posts and replies are used as text examples for ``offensive`` and
    ``personal_attack`` (a share or like of someone else's words, or a third-party comment, is labelled through
    the case but its words are not the member's); ``council_business`` uses every post in the case.
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
        n_files += 1
        digest.update(path.name.encode() + b"\0" + raw)
        labels = case_post_labels(case)
        for post in case.get("posts") or []:
            text = (post.get("text") or "").strip()
            if not text:
                continue
            own_words = post.get("author", "subject_member") == "subject_member" and post.get(
                "interaction", "original_post"
            ) in ("original_post", "reply")
            out.texts.append(text)
            out.groups.append(case.get("reference") or path.stem)
            for label in ("offensive", "personal_attack"):
                out.targets[label].append(labels[label] if own_words else -1)
            out.targets["council_business"].append(labels["council_business"])
    out.files.append(
        {
            "path": f"sample_cases/*.json ({split} split)",
            "rows": len(out.texts),
            "files": n_files,
            "sha256": digest.hexdigest(),
        }
    )
    return out
