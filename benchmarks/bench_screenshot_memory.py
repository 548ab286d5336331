"""Peak memory of storing the largest screenshot allowed (``triage.files.MAX_PIXELS``), in a fresh process.

    .venv/bin/python benchmarks/bench_screenshot_memory.py

Each size runs in its own Python process (so one run's memory cannot hide another's) with an app context and a
temporary upload folder; the figure is the process's peak resident set size (``ru_maxrss``) after decoding,
cleaning, re-encoding and writing the display copy, minus its size just before.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

CHILD = r"""
import io, json, resource, sys, tempfile
from PIL import Image
from werkzeug.datastructures import FileStorage
from triage import create_app, files

width, height = int(sys.argv[1]), int(sys.argv[2])
buffer = io.BytesIO()
Image.new("RGB", (width, height), (20, 120, 200)).save(buffer, "PNG", compress_level=1)
data = buffer.getvalue()
del buffer
folder = tempfile.mkdtemp()
app = create_app({"UPLOAD_FOLDER": folder, "SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x" * 40})
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
with app.app_context():
    files.store_screenshot(FileStorage(stream=io.BytesIO(data), filename="big.png", content_type="image/png"))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"pixels": width * height, "baseline_mb": round(before / 1024), "peak_mb": round(peak / 1024)}))
"""


def main() -> int:
    rows = []
    for width, height in ((1920, 1080), (4000, 3000), (7700, 5190)):
        with tempfile.TemporaryDirectory():
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(width), str(height)], capture_output=True, text=True, check=True
            )
        rows.append({"size": f"{width} x {height}", **json.loads(out.stdout.strip().splitlines()[-1])})
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
