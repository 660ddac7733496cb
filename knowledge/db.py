"""The knowledge database file: opening it, one transaction idiom, and saying what is wrong with it.

* ``connect`` opens the file for writing with the settings every writer shares (WAL, a
  busy timeout, foreign keys), creating it atomically; ``knowledge.store.open_db`` adds
  the schema and is what callers use.
* ``transaction`` is the one way to write: ``BEGIN IMMEDIATE`` takes the write lock
  *before* the first read, so a transaction that reads and then writes never fails with
  "database is locked" because another process committed in between (under WAL a deferred
  ``BEGIN`` cannot upgrade a stale snapshot, and no busy timeout helps).  Waiting for the
  lock is bounded by the busy timeout.
* ``check_file`` / ``problem_from`` / ``health`` turn a missing, empty, overwritten,
  damaged or read-only file into a ``DatabaseProblem`` (or a ``Health``): one line naming
  the file, the problem, and what to do.

Nothing here opens the database file except through SQLite: closing any other descriptor
of the file would silently drop the POSIX locks this process's connections hold on it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

#: How long a writer waits for another process's write lock before giving up.
BUSY_TIMEOUT_MS = 30_000
_SMALLEST = 512  # bytes: one page of the smallest page size


def now() -> str:
    """The current time as stored in every table: UTC, ISO 8601, seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---- problems -----------------------------------------------------------------------------
class DatabaseProblem(Exception):
    """The database file cannot be used as asked: which file, what is wrong, what to do."""

    def __init__(self, path: str | Path, problem: str, advice: str) -> None:
        self.path = Path(path)
        self.problem = problem
        self.advice = advice
        super().__init__(f"{self.path}: {problem} — {advice}")


def _rebuild_advice(path: Path) -> str:
    return (
        "restore it from a backup, or move it away and run "
        f"`evalbot build --db {path}` to start a new one (its subscribers would be lost)"
    )


def check_file(path: str | Path) -> bool:
    """True if ``path`` may be an SQLite database, False if it does not exist.

    Raises ``DatabaseProblem`` for a file that exists but cannot be one: a folder, empty
    (0 bytes, e.g. truncated by a full disk) or shorter than the smallest database.  Only
    ``stat`` is used: opening and closing the file outside SQLite would drop the POSIX
    locks this process's SQLite connections hold on it.  Overwritten contents are reported
    by SQLite itself ("file is not a database", see ``problem_from``).
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DatabaseProblem(
            path, f"cannot be read ({error.strerror})", "check its permissions"
        ) from None
    if path.is_dir():
        raise DatabaseProblem(path, "is a directory, not a database file", "pass a file path")
    if info.st_size == 0:
        raise DatabaseProblem(
            path,
            "is empty (0 bytes); it may have been truncated",
            f"restore it from a backup, or run `evalbot build --db {path}` to create the "
            "knowledge base in it (any subscribers it held are gone)",
        )
    if info.st_size < _SMALLEST:
        raise DatabaseProblem(
            path, "is not an SQLite database (overwritten or damaged)", _rebuild_advice(path)
        )
    return True


def writable(path: str | Path) -> bool:
    """Whether this process may write the database (the file and, for WAL, its folder)."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def problem_from(path: str | Path, error: sqlite3.Error) -> DatabaseProblem:
    """A ``DatabaseProblem`` for an ``sqlite3`` error met while using ``path``."""
    path = Path(path)
    text = str(error)
    if "readonly" in text or "read-only" in text:
        return DatabaseProblem(
            path,
            "is read-only",
            "make the file and its folder writable for this user (questions can still be "
            "answered from a read-only database)",
        )
    if "locked" in text or "busy" in text:
        return DatabaseProblem(
            path,
            f"stayed locked by another process for {BUSY_TIMEOUT_MS // 1000} s",
            "retry when the other `evalbot` command (or a stuck process) has finished",
        )
    if "not a database" in text:
        return DatabaseProblem(
            path, "is not an SQLite database (overwritten or damaged)", _rebuild_advice(path)
        )
    if "malformed" in text or "corrupt" in text:
        return DatabaseProblem(path, f"is damaged ({text})", _rebuild_advice(path))
    if "disk" in text and "full" in text:
        return DatabaseProblem(path, "cannot grow: the disk is full", "free some space and retry")
    if "unable to open" in text:
        return DatabaseProblem(
            path, "cannot be opened", "check that its folder exists and is accessible"
        )
    return DatabaseProblem(path, f"cannot be used ({type(error).__name__}: {text})", "see above")


def integrity_errors(db: sqlite_utils.Database | sqlite3.Connection, limit: int = 5) -> list[str]:
    """``PRAGMA integrity_check``: an empty list when the file is sound."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    try:
        rows = [r[0] for r in conn.execute(f"pragma integrity_check({int(limit)})").fetchall()]
    except sqlite3.DatabaseError as error:  # too damaged to even check
        return [str(error)]
    return [] if rows == ["ok"] else _problems(rows)


def _problems(rows: list[str]) -> list[str]:
    """Integrity-check output as one problem per item, without SQLite's banner lines."""
    found = [" ".join(p.split()) for r in rows for p in r.split("\n")]
    return [p for p in found if p and not p.startswith("*** in database")] or found


# ---- opening and writing ---------------------------------------------------------------------
def connect_readonly(path: str | Path, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A read-only connection, also to a file in a read-only folder.

    ``mode=ro`` still needs to create the WAL index (``-shm``) beside the file; when the
    folder (or a read-only mount) forbids that, the file is opened ``immutable``: nobody
    can be writing to it then, and answering questions from it keeps working.
    """
    path = Path(path)
    try:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=check_same_thread
        )
        conn.execute("select 1 from sqlite_master limit 1").fetchall()
        return conn
    except sqlite3.OperationalError as error:
        if "unable to open" not in str(error) and "readonly" not in str(error):
            raise
    return sqlite3.connect(
        f"file:{path}?immutable=1", uri=True, check_same_thread=check_same_thread
    )


def connect(path: str | Path) -> sqlite_utils.Database:
    """A connection for writing, with the settings every writer shares (no schema work)."""
    path = Path(path)
    if not check_file(path):
        _create(path)
    try:
        db = sqlite_utils.Database(path)
        db.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("pragma foreign_keys = on")
        if db.journal_mode != "wal":
            _enable_wal(db)
        db.execute("pragma synchronous = normal")
    except sqlite3.Error as error:
        raise problem_from(path, error) from None
    return db


def _create(path: Path) -> None:
    """Create an empty WAL database at ``path`` atomically.

    It is made under a temporary name and linked into place, so another process never
    sees a half-made (0-byte) file, and two first uses at once both end with one database.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
        conn = sqlite3.connect(temporary)
        try:
            conn.execute("pragma journal_mode = wal")
        finally:
            conn.close()
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process created it first: use theirs
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as error:
        raise DatabaseProblem(
            path, f"cannot be created ({error.strerror})", "check the path and its folder"
        ) from None


def _enable_wal(db: sqlite_utils.Database) -> None:
    """Switch an older (rollback-journal) database to WAL, waiting for other connections.

    Changing the journal mode needs the database to itself and does not wait on the busy
    timeout, so it is retried for as long as a write would wait.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run the block as one write transaction, started with ``BEGIN IMMEDIATE``.

    Nested inside another transaction it becomes a savepoint (``db.atomic()``), so a
    function that writes can be called alone or as part of a larger whole.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    try:
        db.execute("COMMIT")
    except BaseException:
        db.rollback()
        raise


# ---- health ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Health:
    """Whether the running bot can rely on the file: read answers, write notifications."""

    ok: bool
    problem: str | None = None

    def __bool__(self) -> bool:
        return self.ok


def health(path: str | Path) -> Health:
    """A cheap check (a few ms) that the database can be read and written.

    For a heartbeat: when this is not ok, notifications cannot be delivered (the outbox
    cannot be updated) and an operator should look.  It checks the header, that the file
    opens and passes ``PRAGMA quick_check``, that the outbox and subscriber tables and
    their indexes pass ``PRAGMA integrity_check``, that the outbox is readable, and that the
    file and its folder are writable.
    """
    path = Path(path)
    try:
        if not check_file(path):
            return Health(False, f"{path}: does not exist")
        if not writable(path):
            return Health(False, f"{path}: is read-only; notifications cannot be recorded")
        conn = connect_readonly(path)
        try:
            rows = [r[0] for r in conn.execute("pragma quick_check(3)").fetchall()]
            for table in ("outbox", "subscribers"):  # what delivering notifications writes
                if rows == ["ok"]:
                    rows = [
                        r[0] for r in conn.execute(f"pragma integrity_check({table})").fetchall()
                    ]
            if rows != ["ok"]:
                return Health(
                    False,
                    f"{path}: is damaged ({_problems(rows)[0]}) — run `evalbot build --db "
                    f"{path}` (it repairs a damaged index, and says so if more is wrong)",
                )
            conn.execute("select count(*) from outbox where state = 'pending'").fetchone()
        finally:
            conn.close()
    except DatabaseProblem as problem:
        return Health(False, str(problem))
    except sqlite3.Error as error:
        return Health(False, str(problem_from(path, error)))
    return Health(True)
