"""Similar past cases: TF-IDF over the posts' words plus a one-hot of the officer's answers, compared by cosine.

Each case becomes one sparse row: its text part (sublinear term frequency x inverse document frequency, scaled to
unit length) and its answers part (one feature per ``question=answer``, "unknown" left out, unit length), weighted
so the dot product of two rows is ``TEXT_WEIGHT x text cosine + (1 - TEXT_WEIGHT) x answers cosine``. The index is
a CSR matrix saved with NumPy (no pickle); a query is one sparse matrix-vector product.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

TEXT_WEIGHT = 0.7
MAX_FEATURES = 60_000
MIN_DF = 2
FORMAT = 1

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of
    off on once only or other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up very was we were what
    when where which while who whom why will with would you your yours yourself yourselves im ive dont didnt doesnt
    isnt wasnt cant wont us also get got one just like really still even much many every amp http https www
    com""".split()
)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall((text or "").casefold()) if w not in STOPWORDS]


def answer_features(answers: Mapping[str, str] | None) -> list[str]:
    return sorted(f"{q}={v}" for q, v in (answers or {}).items() if v not in (None, "", "unknown"))


@dataclass(frozen=True)
class Document:
    case_id: int
    text: str
    answers: Mapping[str, str] = field(default_factory=dict)


@dataclass
class SimilarityIndex:
    case_ids: np.ndarray
    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]
    idf: np.ndarray
    answers: dict[str, int]
    meta: dict

    @property
    def size(self) -> int:
        return int(self.case_ids.shape[0])

    # -- building ------------------------------------------------------------------------------------------------

    @classmethod
    def build(cls, documents: Iterable[Document], *, meta: dict | None = None) -> SimilarityIndex:
        docs = list(documents)
        token_lists = [tokens(d.text) for d in docs]
        df: Counter[str] = Counter()
        for toks in token_lists:
            df.update(set(toks))
        n = len(docs)
        max_df = max(MIN_DF, int(0.6 * n)) if n >= 20 else n
        kept = [t for t, c in df.items() if (c >= MIN_DF or n < 20) and c <= max_df]
        kept.sort(key=lambda t: (-df[t], t))
        kept = sorted(kept[:MAX_FEATURES])
        vocabulary = {t: i for i, t in enumerate(kept)}
        idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
        answer_names = sorted({f for d in docs for f in answer_features(d.answers)})
        answers = {a: i for i, a in enumerate(answer_names)}
        index = cls(
            case_ids=np.array([d.case_id for d in docs], dtype=np.int64),
            matrix=sparse.csr_matrix((0, 0), dtype=np.float32),
            vocabulary=vocabulary,
            idf=idf,
            answers=answers,
            meta={"format": FORMAT, "documents": n, **(meta or {})},
        )
        rows = [index._row(toks, d.answers) for toks, d in zip(token_lists, docs, strict=True)]
        index.matrix = _stack(rows, index.width)
        return index

    @property
    def width(self) -> int:
        return len(self.vocabulary) + len(self.answers)

    def _row(self, toks: list[str], answers: Mapping[str, str] | None) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(self.vocabulary[t] for t in toks if t in self.vocabulary)
        text_cols = np.fromiter(counts.keys(), dtype=np.int32, count=len(counts))
        text_vals = np.array([(1.0 + math.log(c)) * float(self.idf[i]) for i, c in counts.items()], dtype=np.float32)
        norm = float(np.linalg.norm(text_vals)) if text_vals.size else 0.0
        if norm:
            text_vals *= math.sqrt(TEXT_WEIGHT) / norm
        offset = len(self.vocabulary)
        ans_cols = np.array(
            sorted(offset + self.answers[f] for f in answer_features(answers) if f in self.answers), dtype=np.int32
        )
        ans_vals = np.full(ans_cols.shape, 0.0, dtype=np.float32)
        if ans_cols.size:
            ans_vals[:] = math.sqrt(1.0 - TEXT_WEIGHT) / math.sqrt(ans_cols.size)
        return np.concatenate([text_cols, ans_cols]), np.concatenate([text_vals, ans_vals])

    def vector(self, text: str, answers: Mapping[str, str] | None = None) -> sparse.csr_matrix:
        return _stack([self._row(tokens(text), answers)], self.width)

    # -- querying ------------------------------------------------------------------------------------------------

    def query(
        self, text: str, answers: Mapping[str, str] | None = None, *, k: int = 5, exclude: Iterable[int] = ()
    ) -> list[tuple[int, float]]:
        """The ``k`` most similar indexed cases as (case id, similarity 0-1), best first."""
        if not self.size:
            return []
        vec = self.vector(text, answers)
        if not vec.nnz:
            return []
        scores = np.asarray((self.matrix @ vec.T).todense()).ravel()
        excluded = set(exclude)
        want = min(self.size, k + len(excluded))
        top = np.argpartition(-scores, want - 1)[:want] if want < self.size else np.arange(self.size)
        ordered = top[np.lexsort((self.case_ids[top], -scores[top]))]
        out = []
        for i in ordered:
            case_id = int(self.case_ids[i])
            if case_id in excluded or scores[i] <= 0:
                continue
            out.append((case_id, float(min(1.0, scores[i]))))
            if len(out) == k:
                break
        return out

    # -- storage -------------------------------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        answer_names = sorted(self.answers, key=self.answers.__getitem__)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".similar-", suffix=".npz")
        os.close(fd)
        try:
            np.savez_compressed(
                tmp,
                case_ids=self.case_ids,
                data=self.matrix.data.astype(np.float32),
                indices=self.matrix.indices.astype(np.int32),
                indptr=self.matrix.indptr.astype(np.int64),
                shape=np.array(self.matrix.shape, dtype=np.int64),
                idf=self.idf,
                terms=np.array(terms, dtype=str) if terms else np.array([], dtype="<U1"),
                answers=np.array(answer_names, dtype=str) if answer_names else np.array([], dtype="<U1"),
                meta=np.array(json.dumps(self.meta, sort_keys=True)),
            )
            os.chmod(tmp, 0o640)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return path

    @classmethod
    def load(cls, path: Path) -> SimilarityIndex:
        with np.load(Path(path), allow_pickle=False) as data:
            shape = tuple(int(x) for x in data["shape"])
            matrix = sparse.csr_matrix((data["data"], data["indices"], data["indptr"]), shape=shape)
            meta = json.loads(str(data["meta"]))
            if meta.get("format") != FORMAT:
                raise ValueError("the similar-cases index was written by another version: rebuild it")
            return cls(
                case_ids=data["case_ids"],
                matrix=matrix,
                vocabulary={str(t): i for i, t in enumerate(data["terms"])},
                idf=data["idf"],
                answers={str(a): i for i, a in enumerate(data["answers"])},
                meta=meta,
            )


def _stack(rows: list[tuple[np.ndarray, np.ndarray]], width: int) -> sparse.csr_matrix:
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    for i, (cols, _) in enumerate(rows):
        indptr[i + 1] = indptr[i] + cols.size
    indices = np.concatenate([c for c, _ in rows]) if rows else np.array([], dtype=np.int32)
    data = np.concatenate([v for _, v in rows]) if rows else np.array([], dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(width, 1)), dtype=np.float32)
