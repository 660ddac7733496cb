"""One identity for a service (issue 8 renamings, issue 10 "one name per concept")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from knowledge import subscribers, synthetic
from knowledge.names import match_key, service_key
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db

SAME = [
    # the city's slight renamings of one service
    ("서울 핀테크랩 관리 및 운영", "서울핀테크랩 운영"),
    ("서울 핀테크랩 관리 및 운영", "핀테크랩"),
    ("서울시 서남권직장맘지원센터 운영", "서울특별시 서남권 직장맘지원센터 관리 및 운영"),
    ("서울시 서남권직장맘지원센터 운영", "서남권직장맘지원센터"),
    ("가상 문화회관 관리 & 운영", "가상 문화회관 관리·운영"),
    ("가상 가람도서관 운영", "서울시 가상가람도서관 관리 및 운영"),
    ("서울시립미술관 운영", "서울 시립미술관"),
    ("ＡＢＣ센터 운영", "ABC 센터"),
]
DIFFERENT = [
    ("가상 시설1 운영", "가상 시설10 운영"),
    ("마포자원회수시설 관리 및 운영", "강남자원회수시설 관리 및 운영"),
    ("관리 운영", "운영"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_service_under_its_renamings(a: str, b: str) -> None:
    assert service_key(a) == service_key(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_services_stay_apart(a: str, b: str) -> None:
    assert service_key(a) != service_key(b)


def test_a_key_is_never_empty() -> None:
    for name in ("서울", "운영", "서울시 운영", "관리 및 운영", "·"):
        assert service_key(name)


def test_match_prefers_the_exact_key_then_a_unique_containment() -> None:
    keyed = {service_key(f"가상 시설{i} 운영"): i for i in range(1, 21)}
    assert match_key(service_key("가상 시설1"), keyed) == 1
    assert match_key(service_key("가상시설20 관리"), keyed) == 20
    assert match_key("시설", keyed) is None


def test_a_renamed_service_is_one_service_across_rounds_and_subscriptions(kb_copy: Path) -> None:
    db = open_db(kb_copy)
    subscribers.subscribe(db, 5, "ko", "가상 가람도서관 운영")
    ingest_text(
        db, synthetic.disclosure(2030, 1, 2, names=["가상 가람도서관 운영", "가상 B 운영"]), "a"
    )
    renamed = ["서울시 가상가람도서관 관리 및 운영", "가상 B 운영"]
    result = ingest_text(db, synthetic.disclosure(2031, 1, 2, names=renamed, seed=3), "b")
    db.close()
    assert result.notices == 1
    q = Queries(kb_copy)
    history = [e for e in q.evaluations() if "가람" in e.service.name_ko]
    assert [(e.year, e.service.id) for e in history] == [
        (2030, history[0].service.id),
        (2031, history[0].service.id),
    ]
    conn = sqlite3.connect(kb_copy)
    try:
        assert conn.execute(
            "select chat_id, service_name_ko from outbox where year = 2031"
        ).fetchall() == [(5, "가상 가람도서관 운영")]
    finally:
        conn.close()
