"""Writing the knowledge database: build it from sources, ingest and withdraw documents.

A document goes in whole or not at all: it is parsed before the database is touched, and
every row it yields (round, evaluations, findings, figures — and the notifications it
causes) is written inside one transaction (``knowledge.db.transaction``: ``BEGIN
IMMEDIATE``, so concurrent writers wait for each other instead of failing).  Ingest is
idempotent by the document's sha256, so publishing the same file twice changes nothing.

Document ids are stable: a rebuild gives every document it keeps the id it had, and never
hands an old id to another document, so a "source" button made before the rebuild still
sends the document it named.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

import sqlite_utils
from sqlite_utils import Migrations
from sqlite_utils.db import Table

from knowledge import curated, schema, subscribers
from knowledge.checks import check_round
from knowledge.db import (
    DatabaseProblem,
    Health,
    check_file,
    connect,
    connect_readonly,
    health,
    integrity_errors,
    now,
    problem_from,
    transaction,
    writable,
)
from knowledge.disclosure import MAX_BYTES, ParseError, decode, parse
from knowledge.model import ConsistencyWarning, Document, Figure, Round, Scope, ServiceResult
from knowledge.names import service_key, text_key

__all__ = [
    "DISCLOSURE_SUFFIXES",
    "MAX_BYTES",
    "BuildReport",
    "DatabaseProblem",
    "Health",
    "IngestResult",
    "NoSuchDocument",
    "TooLarge",
    "Withdrawal",
    "build",
    "ensure_db",
    "health",
    "ingest_bytes",
    "ingest_path",
    "ingest_text",
    "open_db",
    "read_document",
    "withdraw",
]

logger = logging.getLogger(__name__)

DISCLOSURE_SUFFIXES = (".txt", ".html", ".htm")
#: The largest document `evalbot ingest` and /publish accept (2 MB; an explicit flag overrides).
MAX_DOCUMENT_BYTES = MAX_BYTES
_KNOWLEDGE_CODE = Path(__file__).parent

user_migrations = Migrations("evalbot-user")


@user_migrations()
def m001_user_tables(db: sqlite_utils.Database) -> None:
    schema.create_user_tables(db)


@user_migrations()
def m002_outbox_service(db: sqlite_utils.Database) -> None:
    schema.add_outbox_service(db)


# ---- results ---------------------------------------------------------------------------------
@dataclass
class IngestResult:
    status: Literal["new", "known", "updated", "withdrawn"]
    year: int
    round_no: int
    services: int
    document: str
    figures_changed: bool = False
    notices: int = 0
    warnings: list[ConsistencyWarning] = field(default_factory=list)
    document_id: int | None = None

    def describe(self) -> str:
        """One line for people (CLI, admin chat)."""
        what = {
            "new": "new round",
            "known": "already known (same content): nothing changed",
            "updated": "updated round: previous document kept as superseded",
            "withdrawn": "this document was withdrawn: not published again, nothing changed",
        }[self.status]
        extra = f", {self.notices} notification(s) queued" if self.notices else ""
        scope = f"{self.year} round {self.round_no}, {self.services} services"
        return f"{self.document}: {what} — {scope}{extra}"


@dataclass
class BuildReport:
    rounds: int
    services: int
    findings: int
    figures: int
    documents: int
    warnings: list[ConsistencyWarning]
    rebuilt: bool = True

    def describe(self) -> str:
        return (
            f"{self.rounds} round(s), {self.services} services, {self.findings} findings, "
            f"{self.figures} figures from {self.documents} documents; "
            f"{len(self.warnings)} warning(s)"
        )


class TooLarge(ValueError):
    """A document over the size limit (`evalbot ingest --max-bytes` raises the limit)."""

    def __init__(self, name: str, size: int, limit: int) -> None:
        self.name, self.size, self.limit = name, size, limit
        super().__init__(
            f"{name}: {size / 2**20:.1f} MB is over the {limit / 2**20:.1f} MB limit for a "
            "disclosure"
        )


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ---- opening --------------------------------------------------------------------------------
def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a knowledge database for writing, with the schema in place.

    Raises ``DatabaseProblem`` for a file that is empty, not a database or damaged.
    """
    db = connect(path)
    try:
        if _needs_schema(db):
            with transaction(db):
                if "documents" not in db.table_names():
                    schema.create_knowledge_tables(db)
                user_migrations.apply(db)
    except sqlite3.Error as error:
        db.close()
        raise problem_from(path, error) from None
    return db


def _needs_schema(db: sqlite_utils.Database) -> bool:
    return "documents" not in db.table_names() or bool(user_migrations.pending(db))


@cache
def sources_digest(sources: Path = curated.SOURCES_DIR) -> str:
    """What the knowledge tables are built from: the shipped sources and the code reading them.

    A database whose recorded digest differs was built by another release (or from other
    sources), so ``ensure_db`` rebuilds its knowledge tables.
    """
    digest = hashlib.sha256(f"schema {schema.KNOWLEDGE_SCHEMA}\n".encode())
    files = [p for p in sorted(Path(sources).iterdir()) if p.is_file()]
    # the parser's layout words (knowledge/disclosure/layout.yaml) are code too: they decide
    # what a document is read as
    code = sorted(
        [*_KNOWLEDGE_CODE.rglob("*.py"), *(_KNOWLEDGE_CODE / "disclosure").glob("*.yaml")]
    )
    for path in files + code:
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _recorded_digest(conn: sqlite3.Connection | sqlite_utils.Database) -> str | None:
    try:
        row = conn.execute("select value from build_info where key = 'sources_digest'").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return row[0] if row else None


def ensure_db(path: str | Path, sources: Path = curated.SOURCES_DIR) -> Path:
    """The database at ``path``, built if missing and rebuilt if built from other sources.

    A rebuild keeps the user tables and replays ingested documents (see ``build``).  A
    read-only database is used as it is, so questions can still be answered from it.
    Raises ``DatabaseProblem`` (one line: the file, the problem, what to do) for an empty,
    overwritten or damaged file, instead of silently replacing it.
    """
    path = Path(path)
    if not check_file(path):
        build(path, sources)
        return path
    try:
        conn = connect_readonly(path)
        try:
            recorded = _recorded_digest(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise problem_from(path, error) from None
    if recorded != sources_digest(sources):
        if not writable(path):
            logger.warning(
                "event=stale_knowledge path=%s reason=read-only: answering from it as it is", path
            )
            return path
        logger.info("event=rebuild path=%s reason=sources or code changed since its build", path)
        build(path, sources, if_stale=True)
    return path


# ---- build ----------------------------------------------------------------------------
def _source_documents(sources: Path) -> list[Path]:
    return sorted(p for p in sources.iterdir() if p.suffix.lower() in DISCLOSURE_SUFFIXES)


def build(
    path: str | Path, sources: Path = curated.SOURCES_DIR, *, if_stale: bool = False
) -> BuildReport:
    """Rebuild every knowledge table from ``sources``; user tables (chats, subscribers) stay.

    Documents ingested later (not in ``sources``) are replayed from their stored text, so a
    rebuild never forgets a published round; every document keeps its id, and withdrawn
    ones stay withdrawn.  ``PRAGMA integrity_check`` runs before (a damaged index is
    rebuilt with ``REINDEX``; other damage stops the build) and after.  With ``if_stale``,
    nothing is done when the database was already built from these sources.
    """
    path = Path(path)
    parsed = [(p, text, parse(text)) for p in _source_documents(sources) for text in [_read(p)]]
    digest = sources_digest(sources)
    db = open_db(path)
    try:
        _check_before_build(db, path)
        warnings: list[ConsistencyWarning] = []
        with transaction(db):
            if if_stale and _recorded_digest(db) == digest:
                return _report(db, [], rebuilt=False)
            old = _old_documents(db)
            schema.drop_knowledge_tables(db)
            schema.create_knowledge_tables(db)
            ids = _Ids(old)
            _insert_curated(db, sources, ids, old)
            for p, text, round_ in parsed:
                doc = Document(round_.title, str(p.name), sha256(text), text=text)
                kept = old.get(doc.sha256)
                if kept and kept["withdrawn_at"]:
                    _insert_document(db, doc, ids.take(doc.sha256), origin="sources", row=kept)
                    continue
                _insert_round(db, round_, doc, ids.take(doc.sha256), origin="sources", row=kept)
                warnings += check_round(round_, p.name)
            warnings += _replay(db, old, ids, {p.name for p, _, _ in parsed})
            db.table("build_info").insert_all(
                [
                    {"key": "sources_digest", "value": digest},
                    {"key": "schema", "value": str(schema.KNOWLEDGE_SCHEMA)},
                    {"key": "built_at", "value": now()},
                ],
                replace=True,
            )
        after = integrity_errors(db)
        if after:
            raise DatabaseProblem(
                path,
                f"failed its integrity check after the build ({after[0]})",
                "restore it from a backup; the knowledge tables were rebuilt but the file "
                "is still damaged",
            )
        report = _report(db, warnings)
        # every knowledge table was rewritten: move it from the write-ahead log into the file,
        # so a copy of the file alone (a backup, a test's scratch copy) holds the new build
        db.execute("pragma wal_checkpoint(TRUNCATE)")
        return report
    except sqlite3.Error as error:
        raise problem_from(path, error) from None
    finally:
        db.close()


def _check_before_build(db: sqlite_utils.Database, path: Path) -> None:
    """Refuse to build over a damaged file; a damaged index alone is repaired with REINDEX."""
    problems = integrity_errors(db)
    if not problems:
        return
    with contextlib.suppress(sqlite3.Error):
        db.execute("reindex")
    if integrity_errors(db):
        raise DatabaseProblem(
            path,
            f"is damaged ({problems[0]})",
            "restore it from a backup, or move it away and run `evalbot build` for a new "
            "one (its subscribers would be lost)",
        )
    logger.warning("event=repaired path=%s problem=%s action=reindex", path, problems[0])


class _Ids:
    """Document ids for a rebuild: a kept document's old id, else one never used before."""

    def __init__(self, old: dict[str, dict]) -> None:
        self.old = {sha: row["id"] for sha, row in old.items()}
        self.next = max(self.old.values(), default=0) + 1

    def take(self, sha: str) -> int:
        if sha in self.old:
            return self.old.pop(sha)
        self.next += 1
        return self.next - 1


def _old_documents(db: sqlite_utils.Database) -> dict[str, dict]:
    """Every stored document by sha256 (the ids, flags and texts a rebuild keeps)."""
    if "documents" not in db.table_names():
        return {}
    columns = set(db["documents"].columns_dict)
    wanted = ["id", "title", "source", "sha256", "kind", "publisher", "published_on", "url"]
    wanted += ["ingested_at", "superseded", "text"]
    select = ", ".join(wanted)
    select += ", withdrawn_at" if "withdrawn_at" in columns else ", null as withdrawn_at"
    for optional in ("origin", "source_type"):
        select += f", {optional}" if optional in columns else f", null as {optional}"
    rows = db.query(f"select {select} from documents order by id")
    return {row["sha256"]: dict(row) for row in rows}


def _replay(
    db: sqlite_utils.Database, old: dict[str, dict], ids: _Ids, source_names: set[str]
) -> list[ConsistencyWarning]:
    """Documents of the old database that the sources did not bring back, in id order.

    Current ingested disclosures are parsed and ingested again; superseded, withdrawn and
    retired ones (sources of an earlier release) keep their row — and so their id — unserved.
    """
    warnings: list[ConsistencyWarning] = []
    for sha in sorted(ids.old, key=ids.old.__getitem__):
        row = old[sha]
        doc = _document_of(row)
        doc_id = ids.take(sha)
        # (a database built before documents had an origin: a shipped file's name tells)
        origin = row["origin"] or ("sources" if row["source"] in source_names else "ingest")
        served = not row["superseded"] and not row["withdrawn_at"]
        if doc.kind != "disclosure" or origin == "sources" or not served or not doc.text:
            _insert_document(db, doc, doc_id, origin=origin, row=row, retired=True)
            continue
        try:
            round_ = parse(doc.text)
        except ParseError as error:
            warnings.append(
                ConsistencyWarning(
                    doc.source,
                    error.line_no,
                    f"no longer parses ({error.reason}); kept, not served — fix it and "
                    "ingest it again, or `evalbot withdraw` it",
                )
            )
            _insert_document(db, doc, doc_id, origin=origin, row=row, retired=True)
            continue
        _ingest_round(db, round_, doc, notify=False, doc_id=doc_id, row=row)
        warnings += check_round(round_, doc.source)
    return warnings


def _document_of(row: dict) -> Document:
    return Document(
        title=row["title"],
        source=row["source"],
        sha256=row["sha256"],
        kind=row["kind"],
        publisher=row["publisher"],
        published_on=row["published_on"],
        url=row["url"],
        text=row["text"] or "",
        source_type=row["source_type"],
    )


def _read(path: Path) -> str:
    return decode(path.read_bytes())


def _insert_curated(
    db: sqlite_utils.Database, sources: Path, ids: _Ids, old: dict[str, dict]
) -> None:
    services = curated.load_services(sources / "services.yaml")
    glossary = curated.load_glossary(sources / "glossary.yaml")
    for service in services:
        glossary.update(service.translations)
    db.table("glossary").insert_all(({"ko": k, "en": v} for k, v in glossary.items()), replace=True)
    db.table("services").insert_all(
        {
            "name_ko": s.name_ko,
            "key": service_key(s.name_ko),
            "short_ko": s.short_ko,
            "name_en": s.name_en,
            "name_en_full": s.name_en_full,
            "aliases": json.dumps(list(s.aliases), ensure_ascii=False),
        }
        for s in services
    )
    for document, figures in curated.load_reports(sources / "reported-figures.yaml"):
        doc_id = _insert_document(
            db, document, ids.take(document.sha256), origin="sources", row=old.get(document.sha256)
        )
        _insert_figures(db, figures, doc_id)


def _report(
    db: sqlite_utils.Database, warnings: list[ConsistencyWarning], rebuilt: bool = True
) -> BuildReport:
    def count(sql: str) -> int:
        return next(db.query(sql))["n"]

    return BuildReport(
        rounds=count("select count(*) n from rounds where superseded = 0"),
        services=count("select count(*) n from services"),
        findings=count(
            "select count(*) n from findings f join evaluations e on e.id = f.evaluation_id "
            "join rounds r on r.id = e.round_id where r.superseded = 0"
        ),
        figures=count(
            "select count(*) n from figures f join documents d on d.id = f.document_id "
            "where d.superseded = 0"
        ),
        documents=count("select count(*) n from documents where superseded = 0"),
        warnings=warnings,
        rebuilt=rebuilt,
    )


# ---- ingest ---------------------------------------------------------------------------
def read_document(path: str | Path, max_bytes: int | None = MAX_BYTES) -> str:
    """A disclosure file's text in whatever encoding it is written in (see ``decode``).

    Raises ``TooLarge`` over ``max_bytes`` (``None``: no limit) before reading it, and
    ``ParseError`` when it cannot be decoded.
    """
    path = Path(path)
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise TooLarge(path.name, size, max_bytes)
    return decode(path.read_bytes())


def ingest_path(
    db: sqlite_utils.Database,
    path: str | Path,
    *,
    notify: bool = True,
    max_bytes: int | None = MAX_BYTES,
) -> IngestResult:
    """Ingest a disclosure file (any encoding ``decode`` reads, at most ``max_bytes``)."""
    path = Path(path)
    return ingest_text(db, read_document(path, max_bytes), path.name, notify=notify)


def ingest_bytes(
    db: sqlite_utils.Database,
    data: bytes,
    source: str,
    *,
    notify: bool = True,
    max_bytes: int | None = MAX_BYTES,
) -> IngestResult:
    """Ingest a disclosure received as bytes (an upload): size limit, encoding, then text."""
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLarge(source, len(data), max_bytes)
    return ingest_text(db, decode(data), source, notify=notify)


def ingest_text(
    db: sqlite_utils.Database, text: str, source: str, *, notify: bool = True
) -> IngestResult:
    """Add one disclosure; raises ``ParseError`` before writing anything if it is broken."""
    round_ = parse(text)
    digest = sha256(text)
    warnings = check_round(round_, source)
    with transaction(db):
        known = db.execute(
            "select id, withdrawn_at from documents where sha256 = ?", [digest]
        ).fetchone()
        if known:
            status: Literal["known", "withdrawn"] = "withdrawn" if known[1] else "known"
            return IngestResult(
                status,
                year=round_.year,
                round_no=round_.round_no,
                services=round_.services_evaluated or len(round_.services),
                document=source,
                warnings=warnings,
                document_id=known[0],
            )
        doc = Document(round_.title, source, digest, text=text)
        status2, changed, doc_id, notices = _ingest_round(db, round_, doc, notify=notify)
    return IngestResult(
        status2,
        year=round_.year,
        round_no=round_.round_no,
        services=round_.services_evaluated or len(round_.services),
        document=source,
        figures_changed=changed,
        notices=notices,
        warnings=warnings,
        document_id=doc_id,
    )


def _ingest_round(
    db: sqlite_utils.Database,
    round_: Round,
    doc: Document,
    *,
    notify: bool,
    doc_id: int | None = None,
    row: dict | None = None,
) -> tuple[Literal["new", "updated"], bool, int, int]:
    """Insert a parsed round, superseding the current one of the same year and number.

    Returns ``(status, figures changed, document id, notices queued)``.
    """
    previous = _current_round(db, round_.year, round_.round_no)
    changed = previous is None or _figures_signature(db, previous) != _signature(round_)
    if previous is not None:
        db.execute("update rounds set superseded = 1 where id = ?", [previous["id"]])
        db.execute("update documents set superseded = 1 where id = ?", [previous["document_id"]])
    round_id, doc_id = _insert_round(db, round_, doc, doc_id, origin="ingest", row=row)
    notices = 0
    if notify and changed:
        notices = subscribers.enqueue_notices(
            db,
            round_.year,
            round_.round_no,
            doc.sha256,
            "new" if previous is None else "updated",
            _service_keys(db, round_id),
        )
    return ("new" if previous is None else "updated"), changed, doc_id, notices


def _service_keys(db: sqlite_utils.Database, round_id: int) -> list[str]:
    """Keys of the round's services as resolved (a name published under an alias included)."""
    rows = db.execute(
        "select s.name_ko, e.name_published from evaluations e "
        "join services s on s.id = e.service_id where e.round_id = ?",
        [round_id],
    ).fetchall()
    return sorted({service_key(name) for row in rows for name in row if name})


def _current_round(db: sqlite_utils.Database, year: int, round_no: int) -> dict | None:
    row = db.execute(
        "select id, document_id from rounds where year = ? and round_no = ? and superseded = 0",
        [year, round_no],
    ).fetchone()
    return {"id": row[0], "document_id": row[1]} if row else None


def _signature(round_: Round) -> set[tuple]:
    """What subscribers care about in a round: its figures and per-service scores."""
    figures = {(f.metric, f.scope.key, f.value) for f in round_.figures}
    scores = {("score", service_key(s.name_ko), s.score) for s in round_.services}
    return figures | scores


def _figures_signature(db: sqlite_utils.Database, previous: dict) -> set[tuple]:
    figures = {
        (r["metric"], _scope_of(r).key, r["value"])
        for r in db.query("select * from figures where document_id = ?", [previous["document_id"]])
    }
    scores = {
        ("score", service_key(r["name_published"]), r["score"])
        for r in db.query(
            "select name_published, score from evaluations where round_id = ?",
            [previous["id"]],
        )
    }
    return figures | scores


def _scope_of(row: dict) -> Scope:
    return Scope(
        row["year_start"], row["year_end"], row["round_start"], row["round_end"], row["label"]
    )


# ---- withdraw -------------------------------------------------------------------------------
class NoSuchDocument(LookupError):
    """A reference to a document that matches none (or more than one) stored document."""


@dataclass
class Withdrawal:
    """What `evalbot withdraw` did, for one line of output."""

    document_id: int
    title: str
    source: str
    sha256: str
    round: tuple[int, int] | None
    cancelled: int
    already: bool = False

    def describe(self) -> str:
        what = f"document {self.document_id} ({self.source}, {self.sha256[:12]})"
        if self.already:
            return f"{what} was already withdrawn: nothing changed"
        scope = (
            f"; round {self.round[0]}-{self.round[1]} is no longer answered from it"
            if self.round
            else ""
        )
        return f"withdrew {what}{scope}; {self.cancelled} pending notification(s) cancelled"


def find_document(db: sqlite_utils.Database, ref: str) -> dict:
    """The one document ``ref`` names: an id, a sha256 prefix (6+ hex), a source name or a
    file whose text was ingested.  Raises ``NoSuchDocument``."""
    ref = ref.strip()
    columns = "id, title, source, sha256, kind, superseded, withdrawn_at"
    rows: list[dict] = []
    if ref.isascii() and ref.isdigit() and len(ref) < 19:
        rows = list(db.query(f"select {columns} from documents where id = ?", [int(ref)]))
    if not rows and len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
        rows = list(
            db.query(f"select {columns} from documents where sha256 like ? || '%'", [ref.lower()])
        )
    if not rows:
        path = Path(ref)
        database = Path(db.execute("pragma database_list").fetchone()[2] or "")
        # (never read the database file itself outside SQLite: that would drop its locks)
        if path.is_file() and not (database.name and path.resolve() == database.resolve()):
            try:
                digest = sha256(read_document(path, max_bytes=None))
            except (OSError, ParseError):
                digest = ""
            rows = list(db.query(f"select {columns} from documents where sha256 = ?", [digest]))
        if not rows:
            rows = list(
                db.query(
                    f"select {columns} from documents where source in (?, ?) order by id",
                    [ref, path.name],
                )
            )
    if not rows:
        raise NoSuchDocument(
            f"no stored document matches '{ref}' (an id, a sha256 prefix or a "
            "source name; `evalbot rounds` lists the current ones)"
        )
    if len(rows) > 1:
        listed = ", ".join(f"{r['id']} ({r['sha256'][:12]})" for r in rows[:5])
        raise NoSuchDocument(f"'{ref}' matches {len(rows)} documents: {listed}; give an id")
    return rows[0]


def withdraw(db: sqlite_utils.Database, ref: str) -> Withdrawal:
    """Withdraw a document: never served again, its round no longer answered from it, its
    pending notifications cancelled.  Survives rebuilds; ingesting it again changes nothing.
    """
    with transaction(db):
        doc = find_document(db, ref)
        round_row = db.execute(
            "select year, round_no from rounds where document_id = ? and superseded = 0",
            [doc["id"]],
        ).fetchone()
        result = Withdrawal(
            doc["id"],
            doc["title"],
            doc["source"],
            doc["sha256"],
            (round_row[0], round_row[1]) if round_row else None,
            cancelled=0,
            already=bool(doc["withdrawn_at"]),
        )
        if result.already:
            return result
        db.execute(
            "update documents set superseded = 1, withdrawn_at = ? where id = ?",
            [now(), doc["id"]],
        )
        db.execute("update rounds set superseded = 1 where document_id = ?", [doc["id"]])
        result.cancelled = subscribers.cancel_notices(db, doc["sha256"], "document withdrawn")
    logger.info(
        "event=withdraw document_id=%s sha256=%s cancelled=%s",
        result.document_id,
        result.sha256[:12],
        result.cancelled,
    )
    return result


# ---- rows -----------------------------------------------------------------------------
def _insert_document(
    db: sqlite_utils.Database,
    doc: Document,
    doc_id: int | None = None,
    *,
    origin: str = "ingest",
    row: dict | None = None,
    retired: bool = False,
) -> int:
    """Insert a document row; ``row`` is its previous row (a rebuild keeps its history)."""
    withdrawn_at = row["withdrawn_at"] if row else None
    values = {
        "title": doc.title,
        "source": doc.source,
        "sha256": doc.sha256,
        "kind": doc.kind,
        "publisher": doc.publisher,
        "published_on": doc.published_on,
        "url": doc.url,
        "ingested_at": (row["ingested_at"] if row else None) or now(),
        "superseded": 1 if (retired or withdrawn_at) else 0,
        "withdrawn_at": withdrawn_at,
        "origin": origin,
        "source_type": doc.source_type,
        "text": doc.text,
    }
    if doc_id is not None:
        values["id"] = doc_id
    return _inserted_id(db.table("documents").insert(values))


def _insert_round(
    db: sqlite_utils.Database,
    round_: Round,
    doc: Document,
    doc_id: int | None = None,
    *,
    origin: str,
    row: dict | None = None,
) -> tuple[int, int]:
    """Insert a document and its round; returns ``(round id, document id)``."""
    doc_id = _insert_document(db, doc, doc_id, origin=origin, row=row)
    round_id = _inserted_id(
        db.table("rounds").insert(
            {
                "year": round_.year,
                "round_no": round_.round_no,
                "title": round_.title,
                "document_id": doc_id,
                "legal_basis": round_.legal_basis,
                "period_start": round_.period_start,
                "period_end": round_.period_end,
                "evaluator": round_.evaluator,
                "services_in_year": round_.services_in_year,
                "services_evaluated": round_.services_evaluated,
                "average_score": round_.average_score,
                "average_precision": round_.average_precision,
                "cutoff": round_.cutoff,
                "scoring_areas": json.dumps(list(round_.scoring_areas), ensure_ascii=False),
                "max_points": round_.max_points,
                "area_points": json.dumps(
                    [list(a) for a in round_.area_points], ensure_ascii=False
                ),
                "usage": json.dumps(list(round_.usage), ensure_ascii=False),
                "below_cutoff_count": round_.below_cutoff_count,
                "below_cutoff_names": json.dumps(
                    list(round_.below_cutoff_names), ensure_ascii=False
                ),
                "superseded": 0,
            }
        )
    )
    glossary = _glossary(db)
    services = _ServiceIds(db)
    findings = []
    for position, service in enumerate(round_.services, start=1):
        evaluation_id = db.execute(
            "insert into evaluations (round_id, service_id, position, name_published, score, "
            "score_precision, contractor, area_scores) values (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                round_id,
                services.id_of(service.name_ko, service.korean_name),
                position,
                service.name_ko,
                service.score,
                service.score_precision,
                service.contractor,
                _area_json(service),
            ],
        ).lastrowid
        findings += [
            {
                "evaluation_id": evaluation_id,
                "kind": f.kind,
                "position": f.position,
                "text_ko": f.text_ko,
                # a finding published in English (a translated notice) is its own English
                "text_en": f.text_en
                or glossary.get(text_key(f.text_ko))
                or (f.text_ko if _HANGUL.search(f.text_ko) is None else None),
                "line_no": f.line_no,
            }
            for f in service.findings
        ]
    db.table("findings").insert_all(findings)
    _insert_figures(db, round_.figures, doc_id)
    return round_id, doc_id


def _inserted_id(table: Table) -> int:
    """The id of the row ``table.insert`` just wrote (sqlite-utils types it ``Any | None``)."""
    pk = table.last_pk
    if not isinstance(pk, int):  # never: every table inserted into here has an integer id
        raise RuntimeError(f"sqlite-utils reported no id after an insert into {table.name}")
    return pk


def _glossary(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute("select ko, en from glossary").fetchall())


class _ServiceIds:
    """The stable service a published name refers to: by identity key or curated alias;
    a new service when the name is unknown."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._aliases: dict[str, int] | None = None

    def id_of(self, name_ko: str, korean_name: str | None = None) -> int:
        """The service of ``name_ko``; on a translated page, ``korean_name`` (the Korean name
        printed beside the English one) identifies it when the English name is unknown."""
        for name in (name_ko, korean_name):
            if name and (known := self._known(service_key(name))) is not None:
                return known
        key = service_key(name_ko)
        english = _HANGUL.search(name_ko) is None
        if english and (known := self._english().get(english_key(name_ko))) is not None:
            return known
        if english and korean_name:  # a new service named in both: its Korean name is its own
            name, key = korean_name, service_key(korean_name)
        else:
            name = name_ko
        return _inserted_id(
            self.db.table("services").insert(
                {
                    "name_ko": name,
                    "key": key,
                    "aliases": "[]",
                    "name_en": name_ko if english else None,
                }
            )
        )

    def _known(self, key: str) -> int | None:
        """The service whose identity key or curated alias is ``key``."""
        row = self.db.execute("select id from services where key = ?", [key]).fetchone()
        if row:
            return int(row[0])
        if self._aliases is None:
            self._aliases = {
                service_key(alias): service_id
                for service_id, aliases in self.db.execute("select id, aliases from services")
                for alias in json.loads(aliases or "[]")
            }
        return self._aliases.get(key)

    def _english(self) -> dict[str, int]:
        """The services by the keys of their English names and Latin aliases: a translated
        notice names "Seoul Fintech Lab Management and Operation", the curated name is
        "Seoul Fintech Lab"."""
        found: dict[str, int] = {}
        for service_id, en, en_full, aliases in self.db.execute(
            "select id, name_en, name_en_full, aliases from services"
        ):
            names = [en, en_full, *json.loads(aliases or "[]")]
            for name in names:
                if name and _HANGUL.search(name) is None and (k := english_key(name)):
                    found.setdefault(k, service_id)
        return found


_HANGUL = re.compile(r"[가-힣]")
#: what an English name says of the service's work, written or left out freely (as "관리 및
#: 운영" in Korean): "Management and operation of the …", "… Operation", "… Management"
_EN_WORK = r"(?:management|operation|operations|running)"
_EN_AFFIXES = re.compile(
    rf"^(?:{_EN_WORK}(?:and{_EN_WORK})?of(?:the)?)|(?:{_EN_WORK}(?:and{_EN_WORK})?)$"
)


def english_key(name: str) -> str:
    """A key equal for the spellings of one English service name: case, spacing and
    punctuation, "Seoul"/"the" in front, the work ("Management and operation of …",
    "… Operation") around it."""
    text = re.sub(r"[^a-z0-9]+", "", name.lower())
    for _ in range(2):
        text = _EN_AFFIXES.sub("", text)
    text = re.sub(r"^(?:the)?(?:seoul(?:metropolitan(?:city|government)?)?)?", "", text)
    return text if len(text) >= 4 else ""


def _insert_figures(db: sqlite_utils.Database, figures: Iterable[Figure], doc_id: int) -> None:
    def scope_columns(scope: Scope | None, prefix: str) -> dict:
        scope = scope or Scope()
        return {
            f"{prefix}year_start": scope.year_start,
            f"{prefix}year_end": scope.year_end,
            f"{prefix}round_start": scope.round_start,
            f"{prefix}round_end": scope.round_end,
            f"{prefix}label": scope.label,
        }

    db.table("figures").insert_all(
        {
            "document_id": doc_id,
            "metric": f.metric,
            "value": f.value,
            "precision": f.precision,
            "denominator": f.denominator,
            **scope_columns(f.scope, ""),
            **scope_columns(f.compared_to, "cmp_"),
            "quote": f.quote,
            "line_no": f.line_no,
            "text": f.text,
        }
        for f in figures
    )


def _area_json(service: ServiceResult) -> str | None:
    """A service's scores by area, as stored: [area, score, decimal places, points]."""
    if not service.area_scores:
        return None
    rows = [[a.area, a.score, a.precision, a.points] for a in service.area_scores]
    return json.dumps(rows, ensure_ascii=False)
