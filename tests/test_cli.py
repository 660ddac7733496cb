"""The `evalbot` commands, run in-process on real database files."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import synthetic
from knowledge.store import open_db


def test_build_then_rounds_on_a_fresh_path(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "new" / "kb.db"
    assert main(["build", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "1 round(s), 6 services, 24 findings" in out and "0 warning(s)" in out
    assert main(["rounds", "--db", str(db)]) == 0
    assert "2023 round 3: 6 services, average 79.05" in capsys.readouterr().out


def test_ask_json_reads_one_question_per_line(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("75점 미만 받은 사무 있어?\nWhat is the weather?\n")
    )
    assert main(["ask", "--db", str(kb_copy), "--json"]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["lang"] == "ko" and first["answered"] and "27.7" in first["text"]
    assert first["sources"][0]["title"] == "2023년 제3차 민간위탁 종합성과평가 결과 공개"
    assert second["lang"] == "en" and second["answered"] is False and second["suggestions"]


def test_ingest_reports_new_and_queues_notices_shown_by_subscribers(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    db = open_db(kb_copy)
    db["subscribers"].insert_all(
        [{"chat_id": 1, "lang": "ko", "active": 1}, {"chat_id": 2, "lang": "en", "active": 0}]
    )
    db.close()
    document = tmp_path / "2026-1.txt"
    document.write_text(synthetic.disclosure(2026, 1, 3, seed=4), encoding="utf-8")
    assert main(["ingest", "--db", str(kb_copy), str(document)]) == 0
    assert "new round — 2026 round 1, 3 services, 1 notification(s) queued" in (
        capsys.readouterr().out
    )
    assert main(["subscribers", "--db", str(kb_copy)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "subscribers: 1 active, 1 inactive",
        "deliveries: 1 pending, 0 sending, 0 sent, 0 failed",
    ]
    assert main(["ingest", "--db", str(kb_copy), str(document)]) == 0
    assert "already known" in capsys.readouterr().out


def test_eval_prints_the_closing_line(kb_copy: Path, tmp_path: Path, capsys) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        '- q: "2023년 3차 평균 점수는?"\n  lang: ko\n  answered: true\n  must: [["79.05"]]\n'
        '- q: "2023년 3차 평균 점수는?"\n  lang: ko\n  answered: true\n  must: [["99.99"]]\n',
        encoding="utf-8",
    )
    assert main(["eval", "--db", str(kb_copy), str(cases)]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "1 passed, 1 failed"


def test_commands_log_like_evalbot_run(kb_copy: Path) -> None:
    """One event per line on stderr, in the format of `evalbot run` (issue 10)."""
    import os
    import sqlite3
    import subprocess
    import sys

    conn = sqlite3.connect(kb_copy)
    conn.execute("update build_info set value = 'another release' where key = 'sources_digest'")
    conn.commit()
    conn.close()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "rounds", "--db", str(kb_copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "EVALBOT_LOG_LEVEL": "INFO"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "2023 round 3" in done.stdout
    assert "level=INFO logger=knowledge.store event=rebuild" in done.stderr


def test_the_cli_does_not_know_the_development_workspace() -> None:
    """The dev question set is passed to `evalbot eval` as a FILE; the CLI never looks for it."""
    source = (Path(__file__).resolve().parent.parent / "bot" / "cli.py").read_text("utf-8")
    assert "shared" not in source and "dev_questions" not in source
