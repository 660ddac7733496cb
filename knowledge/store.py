"""Writing the knowledge database: build it from sources, ingest one document at a time.

A document goes in whole or not at all: it is parsed before the database is touched, and
every row it yields (round, evaluations, findings, figures — and the notifications it
causes) is written inside one ``db.atomic()``.  Ingest is idempotent by the document's
sha256, so publishing the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import sqlite_utils
from sqlite_utils import Migrations

from knowledge import curated, schema, subscribers
from knowledge.checks import check_round
from knowledge.disclosure import parse
from knowledge.model import ConsistencyWarning, Document, Figure, Round, Scope

DISCLOSURE_SUFFIXES = (".txt", ".html", ".htm")

user_migrations = Migrations("evalbot-user")


@user_migrations()
def m001_user_tables(db: sqlite_utils.Database) -> None:
    schema.create_user_tables(db)


@dataclass
class IngestResult:
    status: Literal["new", "known", "updated"]
    year: int
    round_no: int
    services: int
    document: str
    figures_changed: bool = False
    notices: int = 0
    warnings: list[ConsistencyWarning] = field(default_factory=list)

    def describe(self) -> str:
        """One line for people (CLI, admin chat)."""
        what = {
            "new": "new round",
            "known": "already known (same content): nothing changed",
            "updated": "updated round: previous document kept as superseded",
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

    def describe(self) -> str:
        return (
            f"{self.rounds} round(s), {self.services} services, {self.findings} findings, "
            f"{self.figures} figures from {self.documents} documents; "
            f"{len(self.warnings)} warning(s)"
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a knowledge database with foreign keys, WAL and the schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("pragma busy_timeout = 10000")
    db.execute("pragma foreign_keys = on")
    if db.journal_mode != "wal":
        db.enable_wal()
    db.execute("pragma synchronous = normal")
    if "documents" not in db.table_names():
        with db.atomic():
            schema.create_knowledge_tables(db)
    user_migrations.apply(db)
    return db


def ensure_db(path: str | Path) -> Path:
    """Build the database if it does not exist yet, so `evalbot chat` works right after install."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        build(path)
    return path


# ---- build ----------------------------------------------------------------------------
def _source_documents(sources: Path) -> list[Path]:
    return sorted(p for p in sources.iterdir() if p.suffix.lower() in DISCLOSURE_SUFFIXES)


def build(path: str | Path, sources: Path = curated.SOURCES_DIR) -> BuildReport:
    """Rebuild every knowledge table from ``sources``; user tables (chats, subscribers) stay.

    Disclosures that were ingested later (not in ``sources``) are replayed from their
    stored text, so a rebuild never forgets a published round.
    """
    parsed = [(p, text, parse(text)) for p in _source_documents(sources) for text in [_read(p)]]
    db = open_db(path)
    try:
        replay = _ingested_texts(db, {sha256(t) for _, t, _ in parsed})
        warnings: list[ConsistencyWarning] = []
        with db.atomic():
            schema.drop_knowledge_tables(db)
            schema.create_knowledge_tables(db)
            _insert_curated(db, sources)
            for p, text, round_ in parsed:
                doc = Document(round_.title, str(p.name), sha256(text), text=text)
                _insert_round(db, round_, doc)
                warnings += check_round(round_, p.name)
            for source, text in replay:
                warnings += ingest_text(db, text, source, notify=False).warnings
        return _report(db, warnings)
    finally:
        db.close()


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def _ingested_texts(db: sqlite_utils.Database, in_sources: set[str]) -> list[tuple[str, str]]:
    rows = db.query(
        "select source, sha256, text from documents where kind = 'disclosure' and superseded = 0 "
        "order by id"
    )
    return [(r["source"], r["text"]) for r in rows if r["sha256"] not in in_sources and r["text"]]


def _insert_curated(db: sqlite_utils.Database, sources: Path) -> None:
    services = curated.load_services(sources / "services.yaml")
    glossary = curated.load_glossary(sources / "glossary.yaml")
    for service in services:
        glossary.update(service.translations)
    db["glossary"].insert_all(({"ko": k, "en": v} for k, v in glossary.items()), replace=True)
    db["services"].insert_all(
        {
            "name_ko": s.name_ko,
            "key": curated.service_key(s.name_ko),
            "short_ko": s.short_ko,
            "name_en": s.name_en,
            "name_en_full": s.name_en_full,
            "aliases": json.dumps(list(s.aliases), ensure_ascii=False),
        }
        for s in services
    )
    for document, figures in curated.load_reports(sources / "reported-figures.yaml"):
        doc_id = _insert_document(db, document)
        _insert_figures(db, figures, doc_id)


def _report(db: sqlite_utils.Database, warnings: list[ConsistencyWarning]) -> BuildReport:
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
    )


# ---- ingest ---------------------------------------------------------------------------
def ingest_path(
    db: sqlite_utils.Database, path: str | Path, *, notify: bool = True
) -> IngestResult:
    path = Path(path)
    return ingest_text(db, _read(path), path.name, notify=notify)


def ingest_text(
    db: sqlite_utils.Database, text: str, source: str, *, notify: bool = True
) -> IngestResult:
    """Add one disclosure; raises ``ParseError`` before writing anything if it is broken."""
    round_ = parse(text)
    digest = sha256(text)
    warnings = check_round(round_, source)
    base = {"year": round_.year, "round_no": round_.round_no, "document": source}
    with db.atomic():
        if db.execute("select 1 from documents where sha256 = ?", [digest]).fetchone():
            return IngestResult("known", services=len(round_.services), warnings=warnings, **base)
        previous = _current_round(db, round_.year, round_.round_no)
        changed = previous is None or _figures_signature(db, previous) != _signature(round_)
        if previous is not None:
            db.execute("update rounds set superseded = 1 where id = ?", [previous["id"]])
            db.execute(
                "update documents set superseded = 1 where id = ?", [previous["document_id"]]
            )
        round_id = _insert_round(db, round_, Document(round_.title, source, digest, text=text))
        status: Literal["new", "updated"] = "new" if previous is None else "updated"
        notices = 0
        if notify and changed:
            keys = _service_keys(db, round_id)
            notices = subscribers.enqueue_notices(
                db, round_.year, round_.round_no, digest, status, keys
            )
    return IngestResult(
        status,
        services=len(round_.services),
        figures_changed=changed,
        notices=notices,
        warnings=warnings,
        **base,
    )


def _service_keys(db: sqlite_utils.Database, round_id: int) -> list[str]:
    """Keys of the round's services as resolved (a name published under an alias included)."""
    rows = db.execute(
        "select s.key, s.name_ko, e.name_published from evaluations e "
        "join services s on s.id = e.service_id where e.round_id = ?",
        [round_id],
    ).fetchall()
    return sorted({curated.service_key(name) for row in rows for name in row})


def _current_round(db: sqlite_utils.Database, year: int, round_no: int) -> dict | None:
    row = db.execute(
        "select id, document_id from rounds where year = ? and round_no = ? and superseded = 0",
        [year, round_no],
    ).fetchone()
    return {"id": row[0], "document_id": row[1]} if row else None


def _signature(round_: Round) -> set[tuple]:
    """What subscribers care about in a round: its figures and per-service scores."""
    figures = {(f.metric, f.scope.key, f.value) for f in round_.figures}
    scores = {("score", curated.service_key(s.name_ko), s.score) for s in round_.services}
    return figures | scores


def _figures_signature(db: sqlite_utils.Database, previous: dict) -> set[tuple]:
    figures = {
        (r["metric"], _scope_of(r).key, r["value"])
        for r in db.query("select * from figures where document_id = ?", [previous["document_id"]])
    }
    scores = {
        ("score", r["key"], r["score"])
        for r in db.query(
            "select s.key, e.score from evaluations e join services s on s.id = e.service_id "
            "where e.round_id = ?",
            [previous["id"]],
        )
    }
    return figures | scores


def _scope_of(row: dict) -> Scope:
    return Scope(
        row["year_start"], row["year_end"], row["round_start"], row["round_end"], row["label"]
    )


# ---- rows -----------------------------------------------------------------------------
def _insert_document(db: sqlite_utils.Database, doc: Document) -> int:
    row = {
        "title": doc.title,
        "source": doc.source,
        "sha256": doc.sha256,
        "kind": doc.kind,
        "publisher": doc.publisher,
        "published_on": doc.published_on,
        "url": doc.url,
        "ingested_at": _now(),
        "superseded": 0,
        "text": doc.text,
    }
    return db["documents"].insert(row).last_pk


def _insert_round(db: sqlite_utils.Database, round_: Round, doc: Document) -> int:
    doc_id = _insert_document(db, doc)
    round_id = (
        db["rounds"]
        .insert(
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
                "usage": json.dumps(list(round_.usage), ensure_ascii=False),
                "below_cutoff_count": round_.below_cutoff_count,
                "below_cutoff_names": json.dumps(
                    list(round_.below_cutoff_names), ensure_ascii=False
                ),
                "superseded": 0,
            }
        )
        .last_pk
    )
    glossary = _glossary(db)
    findings = []
    for position, service in enumerate(round_.services, start=1):
        evaluation_id = db.execute(
            "insert into evaluations (round_id, service_id, position, name_published, score, "
            "score_precision) values (?, ?, ?, ?, ?, ?)",
            [
                round_id,
                _service_id(db, service.name_ko),
                position,
                service.name_ko,
                service.score,
                service.score_precision,
            ],
        ).lastrowid
        findings += [
            {
                "evaluation_id": evaluation_id,
                "kind": f.kind,
                "position": f.position,
                "text_ko": f.text_ko,
                "text_en": f.text_en or glossary.get(curated.text_key(f.text_ko)),
                "line_no": f.line_no,
            }
            for f in service.findings
        ]
    db["findings"].insert_all(findings)
    _insert_figures(db, round_.figures, doc_id)
    return round_id


def _glossary(db: sqlite_utils.Database) -> dict[str, str]:
    return dict(db.execute("select ko, en from glossary").fetchall())


def _service_id(db: sqlite_utils.Database, name_ko: str) -> int:
    """The stable service a published name refers to, by name or curated alias; new if unknown."""
    key = curated.service_key(name_ko)
    row = db.execute("select id from services where key = ?", [key]).fetchone()
    if row:
        return row[0]
    for service_id, aliases in db.execute("select id, aliases from services").fetchall():
        if key in {curated.service_key(a) for a in json.loads(aliases or "[]")}:
            return service_id
    return db["services"].insert({"name_ko": name_ko, "key": key, "aliases": "[]"}).last_pk


def _insert_figures(
    db: sqlite_utils.Database, figures: tuple[Figure, ...] | list[Figure], doc_id: int
) -> None:
    def scope_columns(scope: Scope | None, prefix: str) -> dict:
        scope = scope or Scope()
        return {
            f"{prefix}year_start": scope.year_start,
            f"{prefix}year_end": scope.year_end,
            f"{prefix}round_start": scope.round_start,
            f"{prefix}round_end": scope.round_end,
            f"{prefix}label": scope.label,
        }

    db["figures"].insert_all(
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
