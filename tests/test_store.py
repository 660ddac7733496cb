"""The knowledge store: the seed builds to the published values, ingest is whole-or-nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from knowledge import synthetic
from knowledge.disclosure import ParseError
from knowledge.model import Scope
from knowledge.queries import Queries
from knowledge.store import build, ingest_text, open_db

SEED = (
    Path(__file__).resolve().parent.parent / "knowledge" / "sources" / "2023-round3-disclosure.txt"
)


def _rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def _file_digest(path: Path) -> str:
    conn = sqlite3.connect(path)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_seed_builds_to_one_round_six_services_24_findings(kb_path: Path) -> None:
    assert _rows(
        kb_path, "select year, round_no, services_evaluated, services_in_year from rounds"
    ) == [(2023, 3, 6, 47)]
    assert _rows(kb_path, "select count(*) from evaluations") == [(6,)]
    assert _rows(kb_path, "select kind, count(*) from findings group by kind order by kind") == [
        ("achievement", 12),
        ("improvement", 12),
    ]
    assert _rows(kb_path, "select count(*) from findings where text_en is null") == [(0,)]
    row = _rows(kb_path, "select average_score, average_precision, cutoff, evaluator from rounds")[
        0
    ]
    assert row == (79.05, 2, 75.0, "한국산업관계연구원")


def test_seed_figures_are_stored_with_their_scope(queries: Queries) -> None:
    def value(metric: str, scope: Scope) -> float | None:
        found = queries.figure(metric, scope)
        return found.figure.value if found else None

    assert value("average_score", Scope.round(2023, 3)) == 79.05
    assert value("average_score", Scope.year(2023)) == 74.02
    assert value("average_score", Scope.year(2022)) == 77.62
    assert value("average_score", Scope.years(2015, 2022)) == 78.58
    assert value("below_cutoff", Scope.rounds(2023, 1, 3)) == 13
    assert value("below_cutoff_share_pct", Scope.rounds(2023, 1, 3)) == 27.7
    assert value("below_cutoff", Scope.round(2023, 3)) == 0
    diffs = {f.figure.compared_to.key: f.figure.value for f in queries.figures("average_diff")}
    assert diffs == {"2022": -3.6, "2015-2022": -4.56}


def test_reported_figures_keep_their_publisher_and_are_not_official(queries: Queries) -> None:
    found = queries.figure("average_score", Scope.year(2024))
    assert found is not None and found.figure.value == 78.52 and not found.official
    doc = queries.document(found.document_id)
    assert doc.kind == "report" and doc.publisher == "대한경제" and doc.published_on == "2024-10-21"
    round1 = queries.figure("below_cutoff", Scope.round(2023, 1))
    assert round1 is not None and round1.figure.value == 7


def test_english_names_and_translations_come_from_curated_yaml(queries: Queries) -> None:
    names = {s.name_ko: s for s in queries.services()}
    assert names["서울 핀테크랩 관리 및 운영"].name_en
    assert any("fintech" in a.lower() for a in names["서울 핀테크랩 관리 및 운영"].aliases)
    legal = queries.latest_round().legal_basis
    assert queries.english(legal) and "18" in queries.english(legal)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("투자유치", {"서울 핀테크랩 관리 및 운영", "소셜벤처허브센터 관리 및 운영"}),
        ("소각", {"마포자원회수시설 관리 및 운영"}),  # two characters: below the trigram minimum
        ("investment", {"서울 핀테크랩 관리 및 운영", "소셜벤처허브센터 관리 및 운영"}),
    ],
)
def test_search_findings_uses_fts_and_short_term_fallback(
    queries: Queries, term: str, expected: set[str]
) -> None:
    assert {f.service.name_ko for f in queries.search_findings(term)} == expected


def test_ingesting_the_seed_again_changes_nothing(kb_copy: Path) -> None:
    before = _file_digest(kb_copy)
    db = open_db(kb_copy)
    result = ingest_text(db, SEED.read_text(encoding="utf-8"), "again.txt")
    db.close()
    assert result.status == "known"
    assert _file_digest(kb_copy) == before


def test_broken_document_is_rejected_with_its_line_and_the_db_is_byte_identical(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.txt"
    # the results under any heading still load (layout-tolerant); a count that contradicts the
    # services read does not
    text = SEED.read_text(encoding="utf-8").replace("6개 민간위탁사무", "7개 민간위탁사무")
    broken.write_text(text, encoding="utf-8")
    before = _file_digest(kb_copy)
    assert main(["ingest", "--db", str(kb_copy), str(broken)]) == 1
    err = capsys.readouterr().err
    assert "broken.txt" in err and "line" in err and "nothing changed" in err
    assert _file_digest(kb_copy) == before


def test_new_round_then_update_keeps_the_old_document_as_superseded(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    first = synthetic.disclosure(2024, 1, 4, seed=1, scores=True)
    assert ingest_text(db, first, "2024-1.txt").status == "new"
    second = synthetic.disclosure(2024, 1, 4, seed=2, scores=True)
    result = ingest_text(db, second, "2024-1-fixed.txt")
    db.close()
    assert result.status == "updated" and result.figures_changed
    assert _rows(kb_copy, "select count(*) from rounds where year = 2024 and superseded = 0") == [
        (1,)
    ]
    assert _rows(kb_copy, "select superseded from documents where source = '2024-1.txt'") == [(1,)]
    q = Queries(kb_copy)
    assert [r.round_no for r in q.rounds_of_year(2024)] == [1]
    assert all(e.score is not None for e in q.evaluations(2024, 1))
    assert len(q.evaluations(2024, 1)) == 4


def test_new_round_queues_one_notice_per_matching_subscriber_in_the_same_transaction(
    kb_copy: Path,
) -> None:
    db = open_db(kb_copy)
    names = [synthetic.service_name(i) for i in range(3)]
    db["subscribers"].insert_all(
        [
            {"chat_id": 1, "lang": "ko", "active": 1},
            {"chat_id": 2, "lang": "en", "active": 1, "service_name_ko": names[0]},
            {"chat_id": 2, "lang": "en", "active": 1},  # both kinds: still one notice
            {"chat_id": 3, "lang": "en", "active": 1, "service_name_ko": "다른 사무"},
            {"chat_id": 4, "lang": "ko", "active": 0},
        ]
    )
    text = synthetic.disclosure(2025, 2, 3, seed=5, names=names)
    result = ingest_text(db, text, "2025-2.txt")
    assert result.notices == 2
    assert ingest_text(db, text, "2025-2-again.txt").notices == 0
    db.close()
    assert _rows(kb_copy, "select chat_id, lang, notice from outbox order by chat_id") == [
        (1, "ko", "new"),
        (2, "en", "new"),
    ]


def test_rebuild_keeps_subscribers_and_replays_ingested_rounds(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    db["subscribers"].insert({"chat_id": 9, "lang": "ko", "active": 1})
    ingest_text(db, synthetic.disclosure(2026, 1, 2, seed=3), "2026-1.txt")
    db.close()
    report = build(kb_copy)
    assert report.rounds == 2
    assert _rows(kb_copy, "select chat_id from subscribers") == [(9,)]


def test_parse_error_names_line(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    with pytest.raises(ParseError) as caught:
        ingest_text(db, "오늘의 날씨\n맑음", "weather.txt")
    db.close()
    assert caught.value.line_no >= 1
