"""Streaming bulk screening: read posts (JSONL or CSV), score them in batches, write JSONL in input order.

Memory is bounded by the batch size (times the few batches in flight), so a 100,000-line file runs in constant
memory. With ``jobs`` above 1, batches are scored in worker processes, one per core, while this process reads,
checks and writes; the output is the same, line for line, as with one process.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO

from triage.casefile.model import Post

from .model import LABELS, TextModels

DEFAULT_BATCH_SIZE = 2000
FORMATS = ("jsonl", "csv")


class ScreenInputError(ValueError):
    """Invalid input line; ``line`` is 1-based (for CSV, the physical line where the record starts)."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}" if line > 0 else message)
        self.line = line


def detect_format(path: Path, explicit: str | None = None) -> str:
    if explicit:
        if explicit not in FORMATS:
            raise ValueError(f"unknown format {explicit!r}; use one of {', '.join(FORMATS)}")
        return explicit
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        return "jsonl"
    if suffix == ".csv":
        return "csv"
    raise ValueError(f"cannot tell the format of {Path(path).name!r} from its extension; pass --format jsonl|csv")


def _id_value(value, line: int):
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise ScreenInputError(line, f"'id' must be a string or integer, got {type(value).__name__}")


def iter_jsonl(fh: IO[str]) -> Iterator[tuple[int, object, str]]:
    """Yield (line number, id, text) per non-blank line of a JSONL stream."""
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ScreenInputError(lineno, f"not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise ScreenInputError(lineno, "expected a JSON object with 'id' and 'text'")
        if "id" not in obj:
            raise ScreenInputError(lineno, "missing 'id'")
        if "text" not in obj:
            raise ScreenInputError(lineno, "missing 'text'")
        text = obj["text"]
        if text is None:
            text = ""
        if not isinstance(text, str):
            raise ScreenInputError(lineno, f"'text' must be a string, got {type(text).__name__}")
        yield lineno, _id_value(obj["id"], lineno), text


def iter_csv(fh: IO[str], text_col: str = "text", id_col: str = "id") -> Iterator[tuple[int, object, str]]:
    """Yield (line number, id, text) per CSV record (header row required)."""
    reader = csv.reader(fh, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise ScreenInputError(1, f"bad CSV header ({exc})") from None
    missing = [c for c in (id_col, text_col) if c not in header]
    if missing:
        raise ScreenInputError(1, f"header has no column {', '.join(repr(c) for c in missing)} (columns: {header})")
    i_id, i_text = header.index(id_col), header.index(text_col)
    width = len(header)
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ScreenInputError(start, f"bad CSV record ({exc})") from None
        if not row or row == [""]:
            start = reader.line_num + 1
            continue
        if len(row) != width:
            raise ScreenInputError(start, f"expected {width} fields, found {len(row)}")
        if not row[i_id].strip():
            raise ScreenInputError(start, f"empty {id_col!r}")
        yield start, row[i_id], row[i_text]
        start = reader.line_num + 1


def _batches(records: Iterable[tuple[int, object, str]], size: int):
    batch: list[tuple[int, object, str]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _lines(models: TextModels, ids: list[object], texts: list[str]) -> str:
    """One batch scored and written as JSON lines (the same function runs in this process or in a worker)."""
    from triage.scoring.risk import threat_scores, urgent_flags

    scores = models.score(texts)
    threats = threat_scores(texts)
    cols = [scores[lb] for lb in LABELS]
    lines = []
    for i, (rid, text) in enumerate(zip(ids, texts, strict=True)):
        row = {"id": rid}
        for lb, col in zip(LABELS, cols, strict=True):
            row[lb] = round(float(col[i]), 4)
        row["threat"] = round(threats[i], 4)
        row["urgent"] = sorted({f.kind for f in urgent_flags([Post(text=text)], [threats[i]])})
        lines.append(json.dumps(row, ensure_ascii=False))
    return "\n".join(lines) + "\n"


_worker_models: TextModels | None = None


def _start_worker(models: TextModels) -> None:
    global _worker_models
    _worker_models = models


def _worker_lines(ids: list[object], texts: list[str]) -> str:
    assert _worker_models is not None
    return _lines(_worker_models, ids, texts)


def default_jobs() -> int:
    """One worker per core this process may use, at most four (the models are copied into each)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def screen_stream(
    models: TextModels,
    records: Iterable[tuple[int, object, str]],
    out: IO[str],
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_batch: Callable[[int], None] | None = None,
    jobs: int = 1,
) -> int:
    """Score ``records`` in batches and write one JSON object per record to ``out``; return the count.

    Each line has the three text scores, the threat classifier's score and the kinds of urgent flag the words raise
    (threat, incitement, dehumanising, disclosure, self_harm), so a bulk screen puts risk first too.

    Input is validated batch by batch, so a bad line part-way raises :class:`ScreenInputError` after the
    earlier batches have been written (callers writing to a file should write to a temporary file and rename).
    ``jobs`` above 1 scores batches in that many worker processes (where the platform can fork them).
    """
    if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
        return _screen_parallel(models, records, out, batch_size=batch_size, on_batch=on_batch, jobs=jobs)
    n = 0
    for batch in _batches(records, batch_size):
        out.write(_lines(models, [rid for _, rid, _ in batch], [t for _, _, t in batch]))
        n += len(batch)
        if on_batch is not None:
            on_batch(len(batch))
    return n


def _screen_parallel(
    models: TextModels,
    records: Iterable[tuple[int, object, str]],
    out: IO[str],
    *,
    batch_size: int,
    on_batch: Callable[[int], None] | None,
    jobs: int,
) -> int:
    """Batches go to ``jobs`` forked workers (which share the loaded models); results are written in input order,
    with at most two batches per worker in flight. A bad line stops reading; the batches before it are written."""
    n = 0
    pending: deque[tuple[Future[str], int]] = deque()

    def write_oldest() -> None:
        nonlocal n
        future, size = pending.popleft()
        out.write(future.result())
        n += size
        if on_batch is not None:
            on_batch(size)

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker, initargs=(models,)) as pool:
        try:
            for batch in _batches(records, batch_size):
                ids, texts = [rid for _, rid, _ in batch], [t for _, _, t in batch]
                pending.append((pool.submit(_worker_lines, ids, texts), len(batch)))
                if len(pending) >= 2 * jobs:
                    write_oldest()
        finally:
            # on a bad line, everything read before it is still written, as in one process
            while pending:
                write_oldest()
    return n


def screen_file(
    models: TextModels,
    input_path: Path,
    output_path: Path | None = None,
    *,
    fmt: str | None = None,
    text_col: str = "text",
    id_col: str = "id",
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool | None = None,
    jobs: int = 1,
) -> int:
    """Screen ``input_path`` into ``output_path`` (stdout when None). Returns the number of posts scored.

    On invalid input a :class:`ScreenInputError` is raised and no partial output file is left behind.
    ``progress=None`` shows a tqdm bar on stderr only when stderr is a terminal.
    """
    fmt = detect_format(input_path, fmt)
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(unit="posts", file=sys.stderr, desc="screening")
    try:
        with open(input_path, encoding="utf-8-sig", newline="") as fh:
            records = iter_jsonl(fh) if fmt == "jsonl" else iter_csv(fh, text_col=text_col, id_col=id_col)
            on_batch = bar.update if bar is not None else None
            if output_path is None:
                return screen_stream(models, records, sys.stdout, batch_size=batch_size, on_batch=on_batch, jobs=jobs)
            output_path = Path(output_path)
            tmp = output_path.with_name(output_path.name + ".partial")
            try:
                with open(tmp, "w", encoding="utf-8", newline="\n") as out:
                    n = screen_stream(models, records, out, batch_size=batch_size, on_batch=on_batch, jobs=jobs)
                tmp.replace(output_path)
            finally:
                tmp.unlink(missing_ok=True)
            return n
    except UnicodeDecodeError as exc:
        raise ScreenInputError(0, f"input is not UTF-8 ({exc.reason})") from None
    finally:
        if bar is not None:
            bar.close()
