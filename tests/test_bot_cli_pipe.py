"""`evalbot ask … | head -1` ends quietly: a closed pipe is the reader being done, not an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_ask_into_a_pipe_closed_early_prints_no_traceback(kb_path: Path) -> None:
    questions = "\n".join(["75점 미만 사무는?"] * 2000) + "\n"
    ask = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--db", str(kb_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert ask.stdin is not None and ask.stdout is not None and ask.stderr is not None
    ask.stdin.write(questions.encode())
    ask.stdin.close()
    first = ask.stdout.readline()
    ask.stdout.close()  # what `head -1` does
    err = ask.stderr.read().decode()
    assert ask.wait(timeout=60) == 0
    assert "2023년 제3차" in first.decode()
    assert "Traceback" not in err and "BrokenPipeError" not in err
