"""Tests for the text classifiers (triage.scoring.text): training, the shipped model, integrity, evidence, screen."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from triage.scoring.text import (
    DEFAULT_MODEL_PATH,
    LABELS,
    ModelIntegrityError,
    load_text_models,
    save_text_models,
)
from triage.scoring.text import datasets as ds
from triage.scoring.text.screen import ScreenInputError, iter_csv, iter_jsonl, screen_file
from triage.scoring.training.text_train import train_text_models

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"
SMALL_HP = {"featuriser": {"word_bits": 14, "char_bits": 14}, "council_business": {"n_weak_negatives": 0}}

ABUSIVE = [
    "you are a useless idiot and a liar {n}",
    "shut up you pathetic moron {n}",
    "what a disgusting lying scumbag, {n}",
    "{n} is a clown, a fool and a total waste of space",
]
NEUTRAL = [
    "lovely walk in the park with the dog {n}",
    "great match today, well played everyone {n}",
    "happy birthday to my mum, {n}",
]
COUNCIL = [
    "the planning committee approved the application for {n}",
    "full council meeting tonight on the budget and council tax {n}",
    "bin collections and potholes in the ward, {n}",
]


def _write_cases(folder: Path, n: int = 48) -> Path:
    rng = random.Random(0)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, n + 1):
        kind, name = i % 4, f"item{i}"
        if kind == 0:
            text, answers, outcome = (
                rng.choice(ABUSIVE).format(n=name),
                {"council_business": "no", "about_individual": "yes"},
                "investigation",
            )
        elif kind == 1:
            text, answers, outcome = (
                rng.choice(COUNCIL).format(n=name),
                {"council_business": "yes", "about_individual": "no", "political_expression": "yes"},
                "no_further_action",
            )
        elif kind == 2:
            text, answers, outcome = (
                rng.choice(NEUTRAL).format(n=name),
                {"council_business": "no", "about_individual": "no"},
                "no_further_action",
            )
        else:
            text = rng.choice(ABUSIVE).format(n=name) + " at the planning committee"
            answers, outcome = {"council_business": "yes", "about_individual": "yes"}, "informal_resolution"
        case = {
            "reference": f"SC-2025-{i:04d}",
            "subject_member": {"name": "A Member"},
            "posts": [{"text": text}],
            "answers": answers,
            "expected": {"outcome": outcome},
        }
        (folder / f"{i:04d}-case.json").write_text(json.dumps(case), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    cases = _write_cases(tmp_path_factory.mktemp("cases"))
    models, metrics = train_text_models(None, cases, progress=False, seed=0, hyperparameters=SMALL_HP)
    return cases, models, metrics


@pytest.fixture(scope="module")
def shipped():
    if not DEFAULT_MODEL_PATH.exists():
        pytest.fail(f"shipped model missing: {DEFAULT_MODEL_PATH}")
    return load_text_models()


# ---------------------------------------------------------------- training on tiny synthetic data


def test_tiny_training_works_and_says_no_shared_data(tiny):
    _, models, metrics = tiny
    assert metrics["trained_with_shared_data"] is False
    assert "without" in metrics["note"]
    scores = models.score(["shut up you pathetic moron", "lovely walk in the park"])
    assert set(scores) == set(LABELS)
    assert scores["offensive"][0] > scores["offensive"][1]


def test_tiny_training_never_reads_test_split(tiny):
    cases, _, metrics = tiny
    n_train = sum(1 for p in cases.glob("*.json") if int(p.name[:4]) % 5 != 0)
    assert metrics["row_counts"]["sample_cases"] == n_train


def test_training_is_deterministic(tiny):
    cases, models, _ = tiny
    again, _ = train_text_models(None, cases, progress=False, seed=0, hyperparameters=SMALL_HP)
    texts = ["you idiot", "the planning committee met", "nice day", ""]
    a, b = models.score(texts), again.score(texts)
    for label in LABELS:
        np.testing.assert_array_equal(a[label], b[label])


def test_save_and_load_roundtrip(tiny, tmp_path):
    _, models, metrics = tiny
    path = save_text_models(models, metrics, tmp_path)
    manifest = json.loads((tmp_path / "text_models.json").read_text())
    assert manifest["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert manifest["version"] == models.version
    assert {"scikit-learn", "skops", "numpy"} <= set(manifest["libraries"])
    loaded = load_text_models(path)
    text = "what a disgusting lying scumbag"
    assert loaded.score_one(text) == pytest.approx(models.score_one(text), abs=1e-6)


def test_sha256_mismatch_is_refused(tiny, tmp_path):
    _, models, metrics = tiny
    path = save_text_models(models, metrics, tmp_path)
    manifest_path = tmp_path / "text_models.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["sha256"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(ModelIntegrityError, match="SHA-256"):
        load_text_models(path)


def test_tampered_file_is_refused(tmp_path):
    shutil.copy(DEFAULT_MODEL_PATH, tmp_path / "text_models.skops")
    shutil.copy(DEFAULT_MODEL_PATH.with_suffix(".json"), tmp_path / "text_models.json")
    with open(tmp_path / "text_models.skops", "ab") as fh:
        fh.write(b"\0")
    with pytest.raises(ModelIntegrityError):
        load_text_models(tmp_path / "text_models.skops")


def test_sample_case_labels():
    abusive = {
        "answers": {"about_individual": "yes", "council_business": "no"},
        "expected": {"outcome": "investigation"},
    }
    protected = {
        "answers": {"political_expression": "yes", "council_business": "yes"},
        "expected": {"outcome": "no_further_action"},
    }
    leak = {"answers": {"non_public_information": "yes"}, "expected": {"outcome": "investigation"}}
    assert ds.case_post_labels(abusive) == {"council_business": 0, "offensive": 1, "personal_attack": 1}
    assert ds.case_post_labels(protected) == {"council_business": 1, "offensive": 0, "personal_attack": 0}
    assert ds.case_post_labels(leak)["offensive"] == 0  # benign words; the case turns on the leak
    assert ds.is_test_case(Path("0015-x.json")) and not ds.is_test_case(Path("0016-x.json"))


# ---------------------------------------------------------------- the shipped model


def test_shipped_model_scores_in_unit_interval(shipped):
    texts = ["", "ok", "Cllr Jones is a lying idiot", "x" * 5000, "Mae'r cyngor wedi cytuno ar y gyllideb"]
    scores = shipped.score(texts)
    assert set(scores) == set(LABELS)
    for label in LABELS:
        assert scores[label].shape == (len(texts),)
        assert np.all((scores[label] >= 0) & (scores[label] <= 1))
    one = shipped.score_one("Cllr Jones is a lying idiot")
    assert one["offensive"] == pytest.approx(float(scores["offensive"][2]))
    assert shipped.version.startswith("text-")


def test_shipped_model_ranks_abuse_above_neutral(shipped):
    abusive = [
        "You are a pathetic lying idiot and everyone knows it",
        "Shut up you useless moron",
        "What a disgusting piece of shit you are",
    ]
    neutral = [
        "Lovely afternoon at the village fete, thanks to all the volunteers",
        "Congratulations to the under-12s on winning the cup",
        "The library is open until 7pm on Thursdays",
    ]
    s_ab, s_ne = shipped.score(abusive), shipped.score(neutral)
    assert s_ab["offensive"].min() > s_ne["offensive"].max()
    assert s_ab["offensive"].mean() > 0.5 > s_ne["offensive"].mean()
    assert s_ab["personal_attack"].mean() > s_ne["personal_attack"].mean()


def test_shipped_model_ranks_council_business_above_unrelated(shipped):
    council = [
        "Full council voted tonight to approve the budget and a 4.99% council tax rise",
        "The planning committee refused the application for 200 homes on the green belt",
        "I have asked officers why the bin collections in my ward were missed again",
    ]
    unrelated = [
        "Great match today, what a goal in the last minute",
        "Happy birthday to my wonderful mum",
        "Just finished a 10k run along the beach",
    ]
    s_c, s_u = shipped.score(council), shipped.score(unrelated)
    assert s_c["council_business"].min() > s_u["council_business"].max()


def test_evidence_returns_ngrams_present_in_text(shipped):
    text = "Councillor Smith is a useless lying idiot and should resign"
    ev = shipped.evidence(text, "offensive", k=3)
    assert 1 <= len(ev) <= 3
    lowered = text.lower()
    for gram, weight in ev:
        assert gram in lowered
        assert weight > 0
    assert [w for _, w in ev] == sorted((w for _, w in ev), reverse=True)
    assert any("idiot" in g or "useless" in g or "lying" in g for g, _ in ev)
    with pytest.raises(KeyError):
        shipped.evidence(text, "nonsense")


# ---------------------------------------------------------------- screen


def _posts():
    return [
        ("a1", "You are a useless idiot"),
        ("b2", "The planning committee meets on Tuesday"),
        ("c3", 'Text with "quotes", commas\nand a newline'),
        ("d4", ""),
    ]


def test_screen_jsonl_roundtrip(shipped, tmp_path):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in _posts()), encoding="utf-8")
    n = screen_file(shipped, src, dst, batch_size=3, progress=False)
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert n == 4 and [r["id"] for r in rows] == [i for i, _ in _posts()]
    expected = shipped.score([t for _, t in _posts()])
    for k, row in enumerate(rows):
        assert set(row) == {"id", *LABELS, "threat", "urgent"}
        for label in LABELS:
            assert row[label] == round(float(expected[label][k]), 4)
        assert 0 <= row["threat"] <= 1 and isinstance(row["urgent"], list)


def test_screening_in_worker_processes_writes_the_same_lines_in_the_same_order(shipped, tmp_path):
    posts = [(f"p{i}", text) for i in range(9) for _, text in _posts()]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in posts), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert screen_file(shipped, src, one, batch_size=5, progress=False, jobs=1) == len(posts)
    assert screen_file(shipped, src, two, batch_size=5, progress=False, jobs=2) == len(posts)
    assert two.read_text(encoding="utf-8") == one.read_text(encoding="utf-8")


def test_a_bad_line_part_way_still_writes_the_batches_before_it_with_workers(shipped):
    from triage.scoring.text.screen import screen_stream

    def records():
        for k in range(7):
            yield k + 1, f"id{k}", "The planning committee meets on Tuesday"
        raise ScreenInputError(8, "not JSON")

    out = io.StringIO()
    with pytest.raises(ScreenInputError, match="line 8"):
        screen_stream(shipped, records(), out, batch_size=3, jobs=2)
    # two full batches were read before the bad line; the third, partial, never was
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [f"id{k}" for k in range(6)]


def test_screen_csv_roundtrip_custom_columns(shipped, tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.jsonl"
    with open(src, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["post_id", "body", "other"])
        for i, t in _posts():
            w.writerow([i, t, "x"])
    screen_file(shipped, src, dst, text_col="body", id_col="post_id", batch_size=2, progress=False)
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [r["id"] for r in rows] == [i for i, _ in _posts()]


def test_screen_invalid_jsonl_names_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"id": 1, "text": "fine"}\n\n{"id": 2, "text": "ok"}\n{"id": 3, "text": \n', encoding="utf-8")
    with pytest.raises(ScreenInputError, match="line 4"):
        list(iter_jsonl(open(src, encoding="utf-8")))
    src.write_text('{"id": 1, "text": "fine"}\n{"text": "no id"}\n', encoding="utf-8")
    with pytest.raises(ScreenInputError, match="line 2.*id"):
        list(iter_jsonl(open(src, encoding="utf-8")))


def test_screen_invalid_csv_names_line(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text('id,text\n1,"multi\nline"\n2,ok,extra\n', encoding="utf-8")
    with pytest.raises(ScreenInputError, match="line 4"):
        list(iter_csv(open(src, encoding="utf-8", newline="")))
    src.write_text('id,text\n1,hello\n2,"unterminated\n', encoding="utf-8")
    with pytest.raises(ScreenInputError, match="line 3"):
        list(iter_csv(open(src, encoding="utf-8", newline="")))
    src.write_text("ident,text\n1,x\n", encoding="utf-8")
    with pytest.raises(ScreenInputError, match="line 1.*'id'"):
        list(iter_csv(open(src, encoding="utf-8", newline="")))


def test_screen_command_exit_codes(tmp_path):
    from click.testing import CliRunner

    from triage.commands.screen import screen

    good, bad, out = tmp_path / "good.jsonl", tmp_path / "bad.jsonl", tmp_path / "out.jsonl"
    good.write_text('{"id": "x", "text": "hello"}\n', encoding="utf-8")
    bad.write_text('{"id": "x", "text": "hello"}\nnot json\n', encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(screen, [str(good), "-o", str(out)])
    assert ok.exit_code == 0, ok.output
    assert json.loads(out.read_text())["id"] == "x"
    failed = runner.invoke(screen, [str(bad), "-o", str(tmp_path / "out2.jsonl")])
    assert failed.exit_code == 2
    assert "line 2" in failed.output
    assert not (tmp_path / "out2.jsonl").exists()
    odd = tmp_path / "posts.txt"
    odd.write_text("x", encoding="utf-8")
    assert runner.invoke(screen, [str(odd)]).exit_code == 2  # usage error: unknown format


# ---------------------------------------------------------------- shared data (skipped when absent)


@pytest.mark.shared_data
@pytest.mark.slow
def test_olid_heldout_beats_baseline(tmp_path):
    """Train on 80% of OLID plus TwitCivility; macro-F1 at 0.5 on the other 20% of OLID must beat 0.74.

    Davidson is left out and CV uses 2 folds to keep this under a minute; the shipped recipe is otherwise unchanged.
    """
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data not present")
    from sklearn.metrics import f1_score

    olid = ds.load_olid(SHARED_DATA)
    rng = np.random.default_rng(0)
    held = rng.random(len(olid)) < 0.2
    src = SHARED_DATA / ds.OLID_FILE
    lines = src.read_text(encoding="utf-8").split("\n")
    header, body = lines[0], [ln for ln in lines[1:] if ln]
    assert len(body) == len(olid)
    (tmp_path / "olid").mkdir()
    (tmp_path / ds.OLID_FILE).write_text(
        "\n".join([header, *(ln for ln, h in zip(body, held, strict=True) if not h)]) + "\n", encoding="utf-8"
    )
    (tmp_path / ds.TWITCIVILITY_FILE).parent.mkdir()
    shutil.copy(SHARED_DATA / ds.TWITCIVILITY_FILE, tmp_path / ds.TWITCIVILITY_FILE)
    (tmp_path / ds.DAVIDSON_FILE).parent.mkdir()
    (tmp_path / ds.DAVIDSON_FILE).write_text("id,count,hate_speech,offensive_language,neither,class,tweet\n")
    hp = {
        "n_folds": 2,
        "personal_attack": {"weights": {"olid": 0.0, "twitcivility": 0.0}},
        "council_business": {"n_weak_negatives": 0},
    }
    models, _ = train_text_models(tmp_path, tmp_path / "no-cases", progress=False, hyperparameters=hp)
    texts = [t for t, h in zip(olid.texts, held, strict=True) if h]
    y = np.asarray(olid.targets["offensive"])[held]
    p = models.score(texts)["offensive"]
    macro_f1 = f1_score(y, (p >= 0.5).astype(int), average="macro")
    assert macro_f1 > 0.74, f"OLID held-out 20%: macro-F1 {macro_f1:.4f} (baseline 0.74)"


def test_cached_char_counts_match_hashing_vectorizer():
    from triage.scoring.text.features import Featuriser, normalise

    fz = Featuriser(word_bits=12, char_bits=12)
    texts = [normalise(t) for t in ["Hello   WORLD", "RT @a: you idiot!!! &amp; more", "", "x", "hello world hello"]]
    expected = fz.char.transform(texts)
    for _ in range(2):  # cold, then warm cache
        got = fz.char_counts(texts)
        assert abs(got - expected).sum() == 0


def test_normalise_maps_placeholders():
    from triage.scoring.text.features import normalise

    assert normalise("@someone look https://x.org/a &amp; @LINK") == "@USER look URL & URL"
    assert normalise("RT @a: @b sooooo gooood") == "@USER soo good"
