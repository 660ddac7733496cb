"""A damaged or unwritable database (issue 9): one line naming the file, the problem and what to do.

Before, truncated or overwritten files gave raw tracebacks from every command, a 0-byte file
was silently rebuilt (dropping its subscribers without a word), and `evalbot build` reported
success over a damaged index and left the file corrupt.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import subscribers
from knowledge.db import DatabaseProblem, health
from knowledge.store import build, ensure_db, open_db

PAGE = 4096
COMMANDS = [
    ["rounds"],
    ["subscribers"],
    ["ask", "2023년 3차 평균은?"],
    ["withdraw", "1"],
]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_line_error(err: str, path: Path, *words: str) -> None:
    lines = [line for line in err.splitlines() if "level=" not in line]  # log events aside
    assert len(lines) == 1, err
    assert str(path) in lines[0] and "Traceback" not in err
    for word in words:
        assert word in lines[0]


def _corrupt_page(path: Path, page: int, data: bytes, offset: int = 0) -> None:
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE + offset)
        handle.write(data)


def _rootpage(path: Path, name: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select rootpage from sqlite_master where name = ?", [name]).fetchone()[
            0
        ]
    finally:
        conn.close()


@pytest.fixture
def with_subscribers(kb_copy: Path) -> Path:
    db = open_db(kb_copy)
    for chat in range(300):  # enough rows for the index to span real pages
        subscribers.subscribe(db, chat, "ko")
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    return kb_copy


# ---- empty, overwritten, truncated ---------------------------------------------------------------
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_an_empty_file_is_named_and_not_silently_rebuilt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = tmp_path / "knowledge.db"
    path.write_bytes(b"")
    status, _, err = run([command[0], "--db", str(path), *command[1:]], capsys)
    assert status == 1
    one_line_error(err, path, "is empty (0 bytes)", "evalbot build")
    assert path.stat().st_size == 0  # nothing was rebuilt behind the operator's back


def test_build_on_an_empty_file_says_so_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "knowledge.db"
    path.write_bytes(b"")
    status, out, _ = run(["build", "--db", str(path)], capsys)
    assert status == 0
    assert out.startswith(f"note: {path} was empty (0 bytes)")
    assert "1 round(s)" in out


@pytest.mark.parametrize("command", [*COMMANDS, ["build"], ["ingest", "x.txt"]], ids=str)
def test_an_overwritten_file_is_named_in_one_line(
    kb_copy: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    kb_copy.write_bytes(b"<html>not a database</html>\n" * 200)
    status, _, err = run([command[0], "--db", str(kb_copy), *command[1:]], capsys)
    assert status == 1
    one_line_error(err, kb_copy, "is not an SQLite database", "restore it from a backup")


@pytest.mark.parametrize("command", [*COMMANDS, ["build"]], ids=str)
def test_a_truncated_file_is_named_in_one_line(
    with_subscribers: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    data = with_subscribers.read_bytes()
    with_subscribers.write_bytes(data[: len(data) // 3])
    status, _, err = run([command[0], "--db", str(with_subscribers), *command[1:]], capsys)
    assert status == 1
    one_line_error(err, with_subscribers)
    assert "damaged" in err or "malformed" in err or "not an SQLite" in err


def test_commands_never_print_a_traceback(kb_copy: Path) -> None:
    """The installed command, as an operator runs it."""
    kb_copy.write_bytes(b"garbage" * 1000)
    env = {**os.environ, "EVALBOT_DB": str(kb_copy)}
    for command in (["rounds"], ["subscribers"], ["ingest", __file__]):
        done = subprocess.run(
            [sys.executable, "-m", "bot", *command],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert done.returncode == 1, done.stderr
        assert "Traceback" not in done.stderr
        assert f"{kb_copy}: is not an SQLite database" in done.stderr


# ---- integrity checks around build ---------------------------------------------------------------
def test_build_repairs_a_damaged_index_and_checks_again(
    with_subscribers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _rootpage(with_subscribers, "idx_subscribers_unique")
    _corrupt_page(with_subscribers, page, b"\xff" * 200, offset=8)
    assert not health(with_subscribers)  # the heartbeat would stop
    status, out, _ = run(["build", "--db", str(with_subscribers)], capsys)
    assert status == 0 and "1 round(s)" in out
    conn = sqlite3.connect(with_subscribers)
    try:
        assert conn.execute("pragma integrity_check").fetchall() == [("ok",)]
        assert conn.execute("select count(*) from subscribers").fetchone() == (300,)
    finally:
        conn.close()
    assert health(with_subscribers)


def test_build_refuses_a_damaged_table_and_leaves_it_alone(
    with_subscribers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = _rootpage(with_subscribers, "subscribers")
    _corrupt_page(with_subscribers, page, b"\x00" * PAGE)
    before = with_subscribers.read_bytes()
    status, _, err = run(["build", "--db", str(with_subscribers)], capsys)
    assert status == 1
    one_line_error(err, with_subscribers, "is damaged", "restore it from a backup")
    assert with_subscribers.read_bytes() == before


# ---- read-only files -----------------------------------------------------------------------------
@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files/folders unwritable for this process (root ignores modes: use chattr +i)."""
    if os.geteuid() != 0:
        modes = {p: p.stat().st_mode for p in paths}
        for p in paths:
            p.chmod(0o555 if p.is_dir() else 0o444)
        try:
            yield
        finally:
            for p, mode in modes.items():
                p.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not permitted here: {done.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *map(str, paths)], check=True)


def _checkpointed(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return path


def test_a_read_only_database_still_answers_questions(
    kb_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _checkpointed(kb_copy)
    with read_only(kb_copy):
        status, out, _ = run(["ask", "--db", str(kb_copy), "2023년 3차 평균 점수는?"], capsys)
    assert status == 0 and "79.05" in out


def test_a_read_only_folder_still_answers_questions(
    tmp_path: Path, kb_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = _checkpointed(Path(shutil.copy(kb_path, folder / "knowledge.db")))
    with read_only(path, folder):
        status, out, _ = run(["ask", "--db", str(path), "2023년 3차 평균 점수는?"], capsys)
    assert status == 0 and "79.05" in out


def test_writing_to_a_read_only_database_is_one_line(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from knowledge import synthetic

    document = tmp_path / "2031-1.txt"
    document.write_text(synthetic.disclosure(2031, 1, 2), encoding="utf-8")
    _checkpointed(kb_copy)
    with read_only(kb_copy):
        assert not health(kb_copy)
        assert "read-only" in (health(kb_copy).problem or "")
        status, _, err = run(["ingest", "--db", str(kb_copy), str(document)], capsys)
    assert status == 1
    one_line_error(err, kb_copy, "is read-only", "writable")


def test_ensure_db_uses_a_stale_read_only_database_as_it_is(kb_copy: Path) -> None:
    conn = sqlite3.connect(kb_copy)
    conn.execute("update build_info set value = 'old' where key = 'sources_digest'")
    conn.commit()
    conn.close()
    _checkpointed(kb_copy)
    with read_only(kb_copy):
        assert ensure_db(kb_copy) == kb_copy  # no rebuild attempted, no error


# ---- health --------------------------------------------------------------------------------------
def test_health_of_a_sound_database_is_ok_and_cheap(kb_copy: Path) -> None:
    import time

    health(kb_copy)
    started = time.perf_counter()
    result = health(kb_copy)
    assert result and result.problem is None
    assert time.perf_counter() - started < 0.2


@pytest.mark.parametrize("damage", ["missing", "empty", "garbage"])
def test_health_names_the_problem(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "knowledge.db"
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "garbage":
        path.write_bytes(b"x" * 5000)
    result = health(path)
    assert not result and str(path) in (result.problem or "")


def test_open_db_raises_database_problem_not_sqlite_errors(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(DatabaseProblem) as caught:
        build(path)
    assert str(caught.value).startswith(f"{path}: ")
