"""Static embeddings: BERT-uncased tokenizer fidelity, pooling/normalisation, and the SHA-256 guard."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from triage.scoring.text.static_embed import (
    DEFAULT_NPZ,
    StaticEmbedder,
    WordPieceTokenizer,
    basic_tokenize,
    file_sha256,
    wordpiece,
)

needs_table = pytest.mark.skipif(not DEFAULT_NPZ.exists(), reason="static_embeddings.npz not shipped")


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    return StaticEmbedder()


def test_basic_tokenizer_splits_punctuation_lowercases_and_strips_accents():
    assert basic_tokenize("Hello, World!") == ["hello", ",", "world", "!"]
    assert basic_tokenize("Café naïve résumé") == ["cafe", "naive", "resume"]
    assert basic_tokenize("don't\tstop\nnow") == ["don", "'", "t", "stop", "now"]
    assert basic_tokenize("a\x00b\u200bc") == ["abc"]  # control / format characters are deleted, not split
    assert basic_tokenize("中文 text") == ["中", "文", "text"]
    assert basic_tokenize("") == []


def test_wordpiece_greedy_longest_match():
    vocab = {"un", "##aff", "##able", "una", "##ff", "##a", "##ble"}
    # longest match first: "una" beats "un", then "##ff" ... as BERT does
    assert wordpiece("unaffable", vocab) == ["una", "##ff", "##able"]
    assert wordpiece("xyz", vocab) == ["[UNK]"]
    assert wordpiece("un" + "a" * 200, vocab) == ["[UNK]"]  # longer than max_input_chars_per_word


# Expected pieces produced by the reference transformers BertTokenizer for all-MiniLM-L6-v2 (bert-base-uncased vocab).
REFERENCE = {
    "unaffable": ["una", "##ffa", "##ble"],
    "@USER you're a complete IDIOT!!! URL": [
        "@", "user", "you", "'", "re", "a", "complete", "idiot", "!", "!", "!", "ur", "##l",
    ],
    "supercalifragilisticexpialidocious": [
        "super", "##cal", "##if", "##rag", "##ilis", "##tic", "##ex", "##pia", "##lid", "##oc", "##ious",
    ],
    "tab\there\nnewline": ["tab", "here", "new", "##line"],
    "#MAGA lolllll 😂😂": ["#", "mag", "##a", "lo", "##ll", "##ll", "##l", "[UNK]"],
}  # fmt: skip


@needs_table
@pytest.mark.parametrize("text", sorted(REFERENCE))
def test_tokenizer_matches_reference_bert_on_real_vocab(embedder, text):
    assert embedder.tokenizer.tokenize(text) == REFERENCE[text]


@needs_table
def test_transform_shape_normalisation_and_empty(embedder):
    texts = ["You are an utter disgrace", "Thanks for the update on the bins", "", "😂😂", "!!!"]
    x = embedder.transform(texts)
    assert x.shape == (5, embedder.dims) and x.dtype == np.float32
    norms = np.linalg.norm(x, axis=1)
    assert np.allclose(norms[[0, 1, 4]], 1.0, atol=1e-5)
    assert np.all(x[2] == 0) and np.all(x[3] == 0)  # nothing known -> zeros
    # chunking does not change the result
    small = StaticEmbedder.from_arrays(embedder.table, list(embedder.vocab), chunk=2)
    assert np.allclose(small.transform(texts), x, atol=1e-6)
    # similar posts are closer than unrelated ones
    a, b, c = embedder.transform(["you are an idiot", "you are a moron", "the meeting is on tuesday"])
    assert a @ b > a @ c


@needs_table
def test_manifest_matches_table():
    manifest = json.loads(DEFAULT_NPZ.with_suffix(".json").read_text())
    assert manifest["sha256"] == file_sha256(DEFAULT_NPZ)
    assert manifest["dims"] == StaticEmbedder().dims
    assert DEFAULT_NPZ.stat().st_size < 8.5 * 2**20


@needs_table
def test_sha_mismatch_is_refused(tmp_path):
    copy = tmp_path / "static_embeddings.npz"
    shutil.copy(DEFAULT_NPZ, copy)
    with pytest.raises(ValueError, match="SHA-256 mismatch"):
        StaticEmbedder(copy, sha256="0" * 64)
    with pytest.raises(ValueError, match="no SHA-256"):
        StaticEmbedder(copy)  # no manifest beside the copy
    (tmp_path / "static_embeddings.json").write_text(json.dumps({"sha256": "f" * 64}))
    with pytest.raises(ValueError, match="SHA-256 mismatch"):
        StaticEmbedder(copy)
    with open(copy, "ab") as fh:  # tampered file, right digest of the original
        fh.write(b"x")
    with pytest.raises(ValueError, match="SHA-256 mismatch"):
        StaticEmbedder(copy, sha256=file_sha256(DEFAULT_NPZ))


def test_tokenizer_cache_is_per_word():
    tok = WordPieceTokenizer(["[PAD]", "[UNK]", "hello", "world", "!"])
    assert tok.ids("Hello world!") == [2, 3, 4]
    assert tok.ids("zzz world!") == [3, 4]  # [UNK] has no vector; "world!" comes from the cache
    assert tok._word_ids.cache_info().hits >= 1
