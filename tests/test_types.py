"""The type checker over the product: mypy, configured in pyproject.toml ([tool.mypy]).

``knowledge`` and ``bot`` (the engine, the adapter, the fakes and the benchmarks) are
checked as a whole, so a changed signature fails here before it fails a user.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_type_errors() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors[:40]) + result.stderr[-2000:]
