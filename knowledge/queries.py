"""Every read the answer handlers need, as typed functions returning model objects.

Read-only and parameterised: handlers never see SQL.  One ``Queries`` per thread (SQLite
connections belong to the thread that opened them).  Rounds, services, evaluations,
figures and the glossary are read once and cached — indexed by round and by service —
because a question is answered many times more often than a round is published, and a
knowledge base of thirty rounds (some six hundred evaluations) must still answer in a
millisecond or two; ``refresh()`` drops the caches after an ingest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path

from knowledge.db import connect_readonly
from knowledge.english_names import english_aliases
from knowledge.model import (
    AreaScore,
    Document,
    Evaluation,
    Figure,
    FindingKind,
    Scope,
    Service,
    StoredFigure,
    StoredFinding,
    StoredRound,
)

#: Trigram FTS matches nothing for shorter terms; those go through LIKE.
TRIGRAM_MIN = 3


class Queries:
    """Typed, read-only access to one knowledge database."""

    def __init__(self, db_path: str | Path) -> None:
        self.path = Path(db_path)
        # read-only, also in a read-only folder (where WAL cannot create its -shm file)
        self.conn = connect_readonly(self.path, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._data_version: int | None = None
        self._signature: tuple[object, ...] = ()

    def knowledge_signature(self) -> tuple[object, ...]:
        """A value that changes whenever documents are ingested, replaced, withdrawn or
        rebuilt — by this process or another.

        ``PRAGMA data_version`` (a few microseconds) says whether any other connection
        committed since the last call; only then is the documents table read, because chat
        memory and the outbox commit to the same file on every message."""
        version = self.conn.execute("pragma data_version").fetchone()[0]
        if version != self._data_version:
            self._data_version = version
            try:  # one row the store's triggers bump with every document or build change
                bumped = self.conn.execute(
                    "select version from knowledge_version where id = 1"
                ).fetchone()
            except sqlite3.OperationalError:  # a database built before the table existed
                bumped = None
            if bumped is not None:
                self._signature = ("v", bumped[0])
                return self._signature
            row = self.conn.execute(
                "select count(*), coalesce(max(id), 0), coalesce(max(ingested_at), ''),"
                " coalesce(sum(superseded), 0) from documents"
            ).fetchone()
            self._signature = (*row, self._built_at())
        return self._signature

    def _built_at(self) -> str:
        """When the database was last built: a rebuild that changed only curated data
        (aliases, glossary) keeps every document as it was, and this tells it apart."""
        try:
            row = self.conn.execute(
                "select value from build_info where key = 'built_at'"
            ).fetchone()
        except sqlite3.OperationalError:  # a database built before build_info existed
            return ""
        return str(row[0]) if row else ""

    def close(self) -> None:
        self.conn.close()

    def refresh(self) -> None:
        """Forget cached tables (call after an ingest in this or another process)."""
        for name in _CACHES:
            self.__dict__.pop(name, None)

    # ---- rounds -------------------------------------------------------------------
    @cached_property
    def _rounds(self) -> list[StoredRound]:
        rows = self.conn.execute(
            "select * from rounds where superseded = 0 order by year, round_no"
        ).fetchall()
        return [_round(r) for r in rows]

    def rounds(self) -> list[StoredRound]:
        """All current rounds, oldest first."""
        return list(self._rounds)

    def latest_round(self) -> StoredRound | None:
        return self._rounds[-1] if self._rounds else None

    @cached_property
    def _rounds_by_key(self) -> dict[tuple[int, int], StoredRound]:
        return {(r.year, r.round_no): r for r in self._rounds}

    def get_round(self, year: int, round_no: int) -> StoredRound | None:
        return self._rounds_by_key.get((year, round_no))

    def rounds_of_year(self, year: int) -> list[StoredRound]:
        return [r for r in self._rounds if r.year == year]

    @cached_property
    def _scored_rounds(self) -> list[StoredRound]:
        scored = {(e.year, e.round_no) for e in self._evaluations if e.score is not None}
        return [r for r in self._rounds if (r.year, r.round_no) in scored]

    def scored_rounds(self) -> list[StoredRound]:
        """Current rounds whose page published at least one individual score, oldest first
        (a question about "the published scores" covers exactly these)."""
        return list(self._scored_rounds)

    # ---- services and evaluations -------------------------------------------------
    @cached_property
    def _services(self) -> dict[int, Service]:
        rows = self.conn.execute("select * from services order by id").fetchall()
        return {r["id"]: _service(r) for r in rows}

    def services(self) -> list[Service]:
        """Every known service with its curated English name and aliases."""
        return list(self._services.values())

    def service(self, service_id: int) -> Service | None:
        return self._services.get(service_id)

    @cached_property
    def _evaluations(self) -> list[Evaluation]:
        rows = self.conn.execute(
            "select e.*, r.year, r.round_no, r.document_id from evaluations e "
            "join rounds r on r.id = e.round_id where r.superseded = 0 "
            "order by r.year, r.round_no, e.position"
        ).fetchall()
        return [self._evaluation(r) for r in rows]

    @cached_property
    def _evaluations_by_round(self) -> dict[tuple[int, int], list[Evaluation]]:
        out: dict[tuple[int, int], list[Evaluation]] = {}
        for e in self._evaluations:
            out.setdefault((e.year, e.round_no), []).append(e)
        return out

    @cached_property
    def _evaluations_by_service(self) -> dict[int, list[Evaluation]]:
        out: dict[int, list[Evaluation]] = {}
        for e in self._evaluations:
            out.setdefault(e.service.id, []).append(e)
        return out

    def evaluations(self, year: int | None = None, round_no: int | None = None) -> list[Evaluation]:
        """Evaluations of current rounds, filtered by year and/or round, in published order."""
        if year is not None and round_no is not None:
            return list(self._evaluations_by_round.get((year, round_no), ()))
        return [
            e
            for e in self._evaluations
            if (year is None or e.year == year) and (round_no is None or e.round_no == round_no)
        ]

    def evaluations_of_service(self, service_id: int) -> list[Evaluation]:
        """A service's evaluations across rounds (renamings included), oldest first."""
        return list(self._evaluations_by_service.get(service_id, ()))

    @cached_property
    def _contractors(self) -> dict[int, list[tuple[int, int, str, int]]]:
        out: dict[int, list[tuple[int, int, str, int]]] = {}
        rows = self.conn.execute(
            "select e.service_id, r.year, r.round_no, e.contractor, r.document_id "
            "from evaluations e join rounds r on r.id = e.round_id "
            "where r.superseded = 0 and e.contractor is not null order by r.year, r.round_no"
        ).fetchall()
        for service_id, year, round_no, contractor, document_id in rows:
            out.setdefault(service_id, []).append((year, round_no, contractor, document_id))
        return out

    def contractors(self, service_id: int) -> list[tuple[int, int, str, int]]:
        """The contractor (수탁기관) a round's page named for the service, oldest first:
        (year, round_no, contractor, document_id); empty when no page named one."""
        return list(self._contractors.get(service_id, ()))

    def published_name(self, evaluation: Evaluation) -> str:
        """The name the round's page used for the service (it may have been renamed since)."""
        return evaluation.name_published or evaluation.service.name_ko

    def below(
        self, threshold: float, year: int | None = None, round_no: int | None = None
    ) -> list[Evaluation]:
        """Evaluations with a published score strictly below ``threshold`` (raw values)."""
        return [
            e
            for e in self.evaluations(year, round_no)
            if e.score is not None and e.score < threshold
        ]

    # ---- findings ---------------------------------------------------------------
    @cached_property
    def _findings(self) -> list[StoredFinding]:
        """Every current finding, in published order (round, service, kind, position)."""
        sql = _FINDINGS_SQL + (
            " where r.superseded = 0 order by r.year, r.round_no, e.position, f.kind, f.position"
        )
        # plain tuples and positional arguments: the largest accepted document brings 50,000
        # findings, and named-column rows at start-up cost a quarter of a second more
        cursor = self.conn.cursor()
        cursor.row_factory = None
        services = self._services
        return [
            StoredFinding(i, e, services[s], y, n, k, p, ko, en, d)
            for i, e, s, y, n, k, p, ko, en, d in cursor.execute(sql)
        ]

    @cached_property
    def _findings_by_evaluation(self) -> dict[int, list[StoredFinding]]:
        out: dict[int, list[StoredFinding]] = {}
        for f in self._findings:
            out.setdefault(f.evaluation_id, []).append(f)
        return out

    @cached_property
    def findings_by_id(self) -> Mapping[int, StoredFinding]:
        """Every finding of a current round by its id (ranked hits name ids)."""
        return {f.id: f for f in self._findings}

    def findings(
        self,
        service_id: int | None = None,
        year: int | None = None,
        round_no: int | None = None,
        kind: FindingKind | None = None,
    ) -> list[StoredFinding]:
        """Findings of current rounds, in published order (kind, then position).

        Read from memory: a question that ranks every finding (a lookup by content) must
        not rebuild thousands of rows each time."""
        if service_id is not None or (year is not None and round_no is not None):
            evaluations: Sequence[Evaluation] = ()
            if service_id is not None:
                evaluations = self._evaluations_by_service.get(service_id, ())
            elif year is not None and round_no is not None:
                evaluations = self._evaluations_by_round.get((year, round_no), ())
            pool = [
                f
                for e in evaluations
                if (year is None or e.year == year) and (round_no is None or e.round_no == round_no)
                for f in self._findings_by_evaluation.get(e.id, ())
            ]
        else:
            pool = self._findings
        return [
            f
            for f in pool
            if (year is None or f.year == year)
            and (round_no is None or f.round_no == round_no)
            and (kind is None or f.kind == kind)
        ]

    @cached_property
    def _findings_lowered(self) -> list[tuple[StoredFinding, str]]:
        """Each finding with its Korean and English text, ASCII-lowered, for short terms."""
        return [
            (f, _ascii_lower(f.text_ko) + "\n" + _ascii_lower(f.text_en or ""))
            for f in self._findings
        ]

    def search_findings(self, term: str, kind: FindingKind | None = None) -> list[StoredFinding]:
        """Findings whose Korean or English text mentions ``term`` (case-insensitive), in
        published order.

        Terms of three characters or more use the FTS5 trigram index; shorter ones
        ("소각", "교육"), which a trigram cannot hold, are looked for in the findings held
        in memory (as LIKE would, folding ASCII case only) instead of scanning the table.
        """
        term = term.strip()
        if not term:
            return []
        if len(term) >= TRIGRAM_MIN:
            quoted = '"' + term.replace('"', '""') + '"'
            rows = self.conn.execute(
                "select rowid from findings_fts where findings_fts match ?", (quoted,)
            )
            ids = {row[0] for row in rows}
            found = [f for f in self._findings if f.id in ids]
        else:
            needle = _ascii_lower(term)
            found = [f for f, text in self._findings_lowered if needle in text]
        return [f for f in found if kind is None or f.kind == kind]

    # ---- figures --------------------------------------------------------------------
    @cached_property
    def _figures(self) -> list[StoredFigure]:
        rows = self.conn.execute(
            "select f.*, d.kind as doc_kind from figures f "
            "join documents d on d.id = f.document_id "
            "where d.superseded = 0 order by f.id"
        ).fetchall()
        return [_figure(r) for r in rows]

    @cached_property
    def _figures_ranked(self) -> list[StoredFigure]:
        """Official disclosures first, then reports (each in insertion order)."""
        return sorted(self._figures, key=lambda f: (not f.official, f.id))

    @cached_property
    def _figures_by_metric(self) -> dict[str, list[StoredFigure]]:
        out: dict[str, list[StoredFigure]] = {}
        for f in self._figures_ranked:
            out.setdefault(f.figure.metric, []).append(f)
        return out

    @cached_property
    def _figures_by_year(self) -> dict[int, list[StoredFigure]]:
        out: dict[int, list[StoredFigure]] = {}
        for f in self._figures_ranked:
            scope = f.figure.scope
            if scope.year_start is not None and scope.year_start == scope.year_end:
                out.setdefault(scope.year_start, []).append(f)
        return out

    @cached_property
    def _figures_by_scope(self) -> dict[Scope, list[StoredFigure]]:
        out: dict[Scope, list[StoredFigure]] = {}
        for f in self._figures_ranked:
            out.setdefault(f.figure.scope, []).append(f)
        return out

    def figures(self, metric: str | None = None, scope: Scope | None = None) -> list[StoredFigure]:
        """Figures by metric and/or exact scope; official disclosures first, then reports."""
        if scope is not None:
            pool = self._figures_by_scope.get(scope, [])
            return [f for f in pool if metric is None or f.figure.metric == metric]
        pool = self._figures_ranked if metric is None else self._figures_by_metric.get(metric, [])
        return list(pool)

    def figure(self, metric: str, scope: Scope) -> StoredFigure | None:
        """The preferred figure for a metric and scope: an official disclosure beats a report."""
        return next(
            (f for f in self._figures_by_metric.get(metric, ()) if f.figure.scope == scope), None
        )

    def figures_of_year(self, year: int) -> list[StoredFigure]:
        """Every figure whose scope starts and ends in ``year`` (whole year or its rounds)."""
        return list(self._figures_by_year.get(year, ()))

    # ---- documents and glossary -----------------------------------------------------
    @cached_property
    def _documents(self) -> dict[int, Document]:
        rows = self.conn.execute(
            "select id, title, source, sha256, kind, publisher, published_on, url, source_type "
            "from documents"
        ).fetchall()
        return {r["id"]: _document(r) for r in rows}

    def document(self, document_id: int) -> Document:
        return self._documents[document_id]

    def documents(self) -> list[Document]:
        return list(self._documents.values())

    def document_text(self, document_id: int) -> str | None:
        """The document as received (not cached: read only when someone asks to see it)."""
        row = self.conn.execute("select text from documents where id = ?", [document_id]).fetchone()
        return row["text"] if row else None

    def current_document(self, document_id: int) -> Document | None:
        """A current official disclosure or report, with its text — for a "show the source"
        button; None for a superseded or withdrawn one, curated data, or an unknown id."""
        row = self.conn.execute(
            "select * from documents where id = ? and superseded = 0 "
            "and kind in ('disclosure', 'report')",
            [document_id],
        ).fetchone()
        if row is None:
            return None
        return replace(_document(row), text=row["text"] or "")

    def readable_document(self, document_id: int) -> Document | None:
        """The same as ``current_document`` (the name the Telegram adapter asked for)."""
        return self.current_document(document_id)

    def previous_version(
        self, year: int, round_no: int
    ) -> tuple[StoredRound, list[Evaluation]] | None:
        """The newest superseded version of a round and its evaluations (for an "updated"
        alert: what changed from the old page to the new one)."""
        row = self.conn.execute(
            "select * from rounds where year = ? and round_no = ? and superseded = 1 "
            "order by id desc limit 1",
            [year, round_no],
        ).fetchone()
        if row is None:
            return None
        rows = self.conn.execute(
            "select e.*, r.year, r.round_no, r.document_id from evaluations e "
            "join rounds r on r.id = e.round_id where r.id = ? order by e.position",
            [row["id"]],
        ).fetchall()
        return _round(row), [self._evaluation(r) for r in rows if r["service_id"] in self._services]

    @cached_property
    def _glossary(self) -> dict[str, str]:
        return {r["ko"]: r["en"] for r in self.conn.execute("select ko, en from glossary")}

    def english(self, text_ko: str | None) -> str | None:
        """The curated English for a published Korean phrase, or None when not translated."""
        if text_ko is None:
            return None
        return self._glossary.get(text_ko)

    # ---- row mapping helpers needing the caches ----------------------------------
    def _evaluation(self, r: sqlite3.Row) -> Evaluation:
        return Evaluation(
            id=r["id"],
            service=self._services[r["service_id"]],
            year=r["year"],
            round_no=r["round_no"],
            score=r["score"],
            score_precision=r["score_precision"],
            document_id=r["document_id"],
            name_published=r["name_published"],
            area_scores=_area_scores(r["area_scores"]),
        )


#: Everything cached from the database, dropped together by ``refresh()``.
_CACHES = (
    "_rounds",
    "_rounds_by_key",
    "_scored_rounds",
    "_figures_ranked",
    "_figures_by_metric",
    "_figures_by_year",
    "_figures_by_scope",
    "_services",
    "_figures",
    "_glossary",
    "_documents",
    "_evaluations",
    "_evaluations_by_round",
    "_evaluations_by_service",
    "_findings",
    "_findings_by_evaluation",
    "findings_by_id",
    "_findings_lowered",
    "_contractors",
)

#: Every finding's row, in ``StoredFinding``'s field order.
_FINDINGS_SQL = (
    "select f.id, f.evaluation_id, e.service_id, r.year, r.round_no, f.kind, f.position, "
    "f.text_ko, f.text_en, r.document_id from findings f "
    "join evaluations e on e.id = f.evaluation_id join rounds r on r.id = e.round_id"
)


def _tuple(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw)) if raw else ()


def _round(r: sqlite3.Row) -> StoredRound:
    return StoredRound(
        id=r["id"],
        year=r["year"],
        round_no=r["round_no"],
        title=r["title"],
        document_id=r["document_id"],
        legal_basis=r["legal_basis"],
        period_start=r["period_start"],
        period_end=r["period_end"],
        evaluator=r["evaluator"],
        services_in_year=r["services_in_year"],
        services_evaluated=r["services_evaluated"],
        average_score=r["average_score"],
        average_precision=r["average_precision"],
        cutoff=r["cutoff"],
        scoring_areas=_tuple(r["scoring_areas"]),
        max_points=r["max_points"],
        usage=_tuple(r["usage"]),
        below_cutoff_count=r["below_cutoff_count"],
        below_cutoff_names=_tuple(r["below_cutoff_names"]),
        area_points=tuple((a, int(p)) for a, p in json.loads(r["area_points"] or "[]")),
    )


def _area_scores(raw: str | None) -> tuple[AreaScore, ...]:
    """A service's scores by area as stored (a JSON list of [area, score, places, points])."""
    return tuple(AreaScore(a, float(v), int(d), p) for a, v, d, p in json.loads(raw or "[]"))


def _service(r: sqlite3.Row) -> Service:
    return Service(
        id=r["id"],
        name_ko=r["name_ko"],
        name_en=r["name_en"],
        # a service nobody has translated yet gets working English aliases for matching
        aliases=_tuple(r["aliases"]) + (() if r["name_en"] else english_aliases(r["name_ko"])),
        short_ko=r["short_ko"],
        name_en_full=r["name_en_full"],
    )


def _scope(prefix: str, r: sqlite3.Row) -> Scope | None:
    def column(name: str) -> int | None:
        return r[f"{prefix}{name}"]

    ys, ye, rs, re_ = (column(c) for c in ("year_start", "year_end", "round_start", "round_end"))
    label = r[f"{prefix}label"]
    if ys is None and ye is None and rs is None and re_ is None and label is None:
        return None
    return Scope(ys, ye, rs, re_, label=label)


def _figure(r: sqlite3.Row) -> StoredFigure:
    figure = Figure(
        scope=_scope("", r) or Scope(),
        metric=r["metric"],
        value=r["value"],
        precision=r["precision"],
        denominator=r["denominator"],
        compared_to=_scope("cmp_", r),
        quote=r["quote"] or "",
        line_no=r["line_no"],
        text=r["text"],
    )
    return StoredFigure(
        id=r["id"],
        figure=figure,
        document_id=r["document_id"],
        official=r["doc_kind"] == "disclosure",
    )


def _document(r: sqlite3.Row) -> Document:
    return Document(
        id=r["id"],
        title=r["title"],
        source=r["source"],
        sha256=r["sha256"],
        kind=r["kind"],
        publisher=r["publisher"],
        published_on=r["published_on"],
        url=r["url"],
        source_type=r["source_type"],
    )


_ASCII_UPPER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _ascii_lower(text: str) -> str:
    """SQLite's LIKE folds ASCII letters only; so does this."""
    return text.translate(_ASCII_UPPER)
