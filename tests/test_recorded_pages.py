"""No public page changes by accident: every public, pinned and preview page and every
feed answer of the three councils is recorded (scripts/record_pages.py) and its
fingerprint compared with tests/recordings/pages.json. A change meant to alter pages
re-records them (`make record`) and names the difference in its commit."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIGESTS = ROOT / "tests" / "recordings" / "pages.json"


@pytest.mark.slow
@pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the recording runs on SQLite of its own: once, in the SQLite run, is enough",
)
def test_every_recorded_page_reads_as_it_did():
    done = subprocess.run(
        [sys.executable, "scripts/record_pages.py", "--digests", str(DIGESTS), "--compare"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, (
        "Public pages differ from their recording. If the change is meant, run `make record` "
        "and say in the commit what changed:\n" + "\n".join(lines[-40:]) + done.stderr[-2000:]
    )
    assert lines[-1].startswith("compared ") and lines[-1].endswith(": 0 differ")
