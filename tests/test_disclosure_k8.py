"""More published layouts: text copied out of a PDF (headings and values broken by the wrap,
findings tables laid out with spaces) and notices written as prose (a paragraph per service,
the services named in a sentence, the figures stated in words).

Fixtures tests/fixtures/k8-* are synthetic (their first line says so); pages are ingested with
the real seed into a real SQLite knowledge base, and questions go through the real engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from knowledge.disclosure import parse
from knowledge.disclosure.aligned import aligned_header
from knowledge.disclosure.lines import Line
from knowledge.disclosure.pages import joined_wraps
from knowledge.disclosure.prose import prose_lead, sentence_kind
from knowledge.queries import Queries
from knowledge.store import ingest_text, open_db
from tests.test_disclosure import FIXTURES, SEED
from tests.test_disclosure_k5 import loaded, page, refused_untouched

LABEL_ROWS = "k8-2051-round1-pdf-label-rows.txt"
SIDE_BY_SIDE = "k8-2051-round2-pdf-side-by-side.txt"
NAME_COLUMN = "k8-2051-round3-pdf-name-column.txt"
ENGLISH_COLUMNS = "k8-2052-round1-english-columns.txt"
PROSE = "k8-2052-round2-prose-notice.md"
PROSE_WRAPPED = "k8-2052-round3-prose-wrapped.txt"
PROSE_ENGLISH = "k8-2052-round4-prose-english.md"
K8 = sorted(p.name for p in FIXTURES.glob("k8-*"))


def findings(name: str) -> dict[str, tuple[list[str], list[str]]]:
    """Each service's achievements and improvement tasks, as parsed."""
    out = {}
    for s in parse(page(name)).services:
        ach = [f.text_ko for f in s.findings if f.kind == "achievement"]
        imp = [f.text_ko for f in s.findings if f.kind == "improvement"]
        out[s.name_ko] = (ach, imp)
    return out


@pytest.mark.parametrize("name", K8)
def test_k8_fixtures_are_marked_synthetic(name: str) -> None:
    first = page(name).splitlines()[0].lower()
    assert "synthetic" in first


# ---- PDF wraps -------------------------------------------------------------------------------
def test_a_heading_and_values_broken_by_the_wrap_are_one_line() -> None:
    r = parse(page(LABEL_ROWS))
    assert r.services[0].name_ko == "가상 별빛 청소년수련관 관리 및 운영"
    assert r.legal_basis == "「가상시 행정사무의 민간위탁에 관한 조례」 제21조"
    assert (r.services_in_year, r.services_evaluated, r.evaluator) == (30, 3, "가상평가연구원")


def test_a_short_line_that_is_a_word_of_its_own_is_no_fragment() -> None:
    lines = [
        Line(1, "□ 사무별 주요 성과 — 가상 은행나무 공원 관리 및 운"),
        Line(2, "영"),
        Line(3, " - 야간 순찰 강화로 안전사고가 줄어든 점 적절함"),
        Line(4, "끝."),
        Line(5, "  ① 가상 시설의 보수 공사를 마치고 재개"),
        Line(6, "- 점검"),
    ]
    texts = [line.text for line in joined_wraps(lines)]
    assert texts[0].endswith("관리 및 운영")
    assert "끝." in texts and "- 점검" in texts  # a word alone, an item: lines of their own


# ---- tables laid out with spaces ------------------------------------------------------------
def test_label_rows_split_over_lines_in_a_spaced_table(tmp_path: Path) -> None:
    found = findings(LABEL_ROWS)
    assert found["가상 별빛 청소년수련관 관리 및 운영"] == (
        [
            "지역 학교와 연계한 진로 체험 과정을 운영하여 참여 청소년 수 증가",
            "야간 개방 시간을 늘려 이용자 만족도 향상",
        ],
        ["시설 안전점검 결과의 후속 조치 기록이 누락되어 관리 체계 보완 필요"],
    )
    assert found["가상 달빛 도서관 운영"][1] == [
        "장서 폐기 기준이 불명확하여 기준 정비 필요",
        "자원봉사자 교육 이수 관리 미흡",
    ]
    conn = loaded(tmp_path / "kb.db", LABEL_ROWS)
    row = conn.execute(
        "select below_cutoff_count, below_cutoff_names from rounds where year = 2051"
    ).fetchone()
    assert row[0] == 1 and "가상 달빛 도서관 운영" in row[1]  # the note under the service


def test_two_finding_columns_side_by_side_aligned_for_the_eye() -> None:
    found = findings(SIDE_BY_SIDE)
    assert found["가상 햇살 노인복지관 운영"] == (
        [
            "독거 어르신 안부 확인 서비스를 주 2회로 늘려 위기 가구 조기 발굴",
            "경로식당 위생 점검 우수",
        ],
        ["프로그램 강사 이직이 잦아 강사 관리 방안 마련 필요", "후원금 집행 내역 공개 보완"],
    )
    assert found["가상 바람 자원순환센터 관리"][1] == [
        "작업자 안전 교육 이수율이 낮아 교육 관리 강화 필요"
    ]


def test_a_name_column_whose_names_wrap() -> None:
    found = findings(NAME_COLUMN)
    assert list(found) == [
        "가상 새싹 어린이 도서관 운영",
        "가상 물결 수영장 관리",
        "가상 노을 공방 운영",
    ]
    assert found["가상 물결 수영장 관리"][1] == [
        "안전요원 배치 기준 미준수, 보완 필요",
        "강습 환불 규정 정비",
    ]
    assert found["가상 새싹 어린이 도서관 운영"][1] == ["교재 구입 절차 개선 필요"]


def test_an_english_table_laid_out_with_spaces() -> None:
    found = findings(ENGLISH_COLUMNS)
    assert found["Virtual Riverside Youth Center Operation"] == (
        ["Opened weekend family programmes; satisfaction up by a tenth"],
        ["Volunteer records are incomplete; tighten record keeping"],
    )
    assert found["Virtual Hillside Library Operation"][1] == ["Fire drills were irregular"]


def test_a_header_of_other_words_is_no_table() -> None:
    assert aligned_header("  구 분    주 요 내 용") is not None
    assert aligned_header("  평가 기간     2051년 3월") is None
    assert aligned_header("주요 성과 : 만족도 향상") is None


# ---- prose -----------------------------------------------------------------------------------
def test_a_prose_notice_is_read_whole(tmp_path: Path) -> None:
    r = parse(page(PROSE))
    assert (r.year, r.round_no, r.period_start, r.period_end) == (2052, 2, "2052-05", "2052-07")
    assert (r.evaluator, r.services_in_year, r.services_evaluated) == ("가상품질연구소", 40, 4)
    assert r.legal_basis == "「가상시 행정사무의 민간위탁에 관한 조례」 제30조"
    assert (r.below_cutoff_count, r.below_cutoff_names) == (1, ("가상 초록 공원 관리",))
    scores = {s.name_ko: s.score for s in r.services}
    assert scores == {
        "가상 은하 과학관 운영": 84.3,
        "가상 초록 공원 관리": 72.8,
        "가상 파도 해양센터 운영": None,
        "가상 나래 청년센터 운영": None,
    }
    found = findings(PROSE)
    assert found["가상 은하 과학관 운영"] == (
        [
            "어린이 천체 관측 교실을 주말로 확대한 점이 주요 성과로 꼽혔습니다.",
            "관람객 수도 꾸준히 늘었습니다.",
        ],
        ["전시물 교체 주기가 길어 최신 전시가 부족하다는 과제를 받았습니다."],
    )
    assert len(r.usage) == 2  # the usage paragraph, a line per sentence


def test_the_best_service_a_sentence_names_is_a_published_figure(tmp_path: Path) -> None:
    """ "가장 높은 점수를 받은 사무는 가상 은하 과학관(84.30점)": the round's top score as
    published (scores of the others unknown), under the service's full name."""
    conn = loaded(tmp_path / "kb.db", PROSE)
    rows = conn.execute("select * from figures where metric = 'top_score'").fetchall()
    assert len(rows) == 1
    assert 84.3 in rows[0] and "가상 은하 과학관 운영" in rows[0]


@pytest.mark.parametrize(
    ("name", "achievement", "task"),
    [
        ("가상 솔빛 장애인복지관 운영", "참여율을 높인 점이 성과로", "차량 운행 일지 관리가 미흡"),
        ("가상 이음 마을센터 운영", "우수한 사례로 꼽혔습니다", "회계 증빙 서류 정리가 부족"),
        ("가상 하늘 천문대 운영", "긍정적으로 평가", "점검 체계 보완이 필요합니다"),
    ],
)
def test_prose_paragraphs_wrapped_and_led_in_other_ways(
    name: str, achievement: str, task: str
) -> None:
    ach, imp = findings(PROSE_WRAPPED)[name]
    assert len(ach) == 1 and achievement in ach[0]
    assert len(imp) == 1 and task in imp[0]


def test_an_english_prose_notice() -> None:
    r = parse(page(PROSE_ENGLISH))
    assert (r.period_start, r.period_end, r.evaluator) == (
        "2052-09",
        "2052-11",
        "Virtual Quality Institute",
    )
    assert findings(PROSE_ENGLISH)["Virtual Maple Youth Center Operation"] == (
        ["Its new mentoring programme was praised as a key achievement."],
        ["Counsellor turnover was high and the center needs to stabilise staffing."],
    )
    assert len(r.services) == 3  # named in a sentence: the third has no paragraph


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("지적된 문제를 개선하기 위해 협의체를 만든 점이 주요 성과로 꼽혔습니다.", "achievement"),
        ("사후 성과를 관리하는 방안을 마련할 필요가 있다는 과제를 받았습니다.", "improvement"),
        ("그러나 고용유지율이 낮았습니다.", "improvement"),
        ("Volunteers were commended for their work.", "achievement"),
    ],
)
def test_a_sentence_is_judged_by_its_last_verdict(sentence: str, kind: str) -> None:
    assert sentence_kind(sentence, None) == kind


def test_a_sentence_saying_neither_goes_with_the_one_before() -> None:
    assert sentence_kind("이용자 수도 늘었습니다.", "improvement") == "improvement"
    assert sentence_kind("이용자 수도 늘었습니다.", None) == "achievement"


def test_a_paragraph_lead_is_a_service_name_only() -> None:
    assert prose_lead("**가상 센터 운영** — 좋았다.", "가상 센터 운영 — 좋았다.") is not None
    assert prose_lead("평가 결과는 다음과 같습니다.", "평가 결과는 다음과 같습니다.") is None
    assert prose_lead("가상 숲 센터 운영은 잘 했다.", "가상 숲 센터 운영은 잘 했다.") == (
        "가상 숲 센터 운영",
        "잘 했다.",
    )


# ---- refused, the knowledge base untouched ---------------------------------------------------
def test_a_paragraph_about_a_service_not_named_as_evaluated_is_refused(tmp_path: Path) -> None:
    text = page(PROSE).replace("**가상 초록 공원 관리**", "**가상 보라 미술관 운영**")
    error = refused_untouched(tmp_path, text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "가상 보라 미술관" in t)
    assert f"line {line}" in str(error)


def test_a_spaced_table_with_no_finding_rows_is_refused(tmp_path: Path) -> None:
    text = (
        page(LABEL_ROWS)
        .replace(" 주요성과   - 생활", " 비고       - 생활")
        .replace(" 개선과제   - 강사", " 비고2      - 강사")
    )
    error = refused_untouched(tmp_path, text)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "3. 가상 구름" in t)
    assert f"line {line}" in str(error)


def test_a_prose_score_at_the_cutoff_named_below_it_is_refused(tmp_path: Path) -> None:
    text = page(PROSE).replace("한 곳(72.80점)", "한 곳(75.80점)")
    error = refused_untouched(tmp_path, text)
    assert "75.8" in str(error)


# ---- the engine over the pages ---------------------------------------------------------------
@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("k8")
    db = open_db(folder / "kb.db")
    ingest_text(db, SEED.read_text(encoding="utf-8"), SEED.name)
    for name in (LABEL_ROWS, PROSE):
        ingest_text(db, page(name), name)
    db.conn.close()
    return Engine(Queries(folder / "kb.db"))


def test_engine_names_the_evaluator_of_a_prose_notice(engine: Engine) -> None:
    answer = engine.answer("2052년 2차 평가는 어느 기관에서 했나요")
    assert answer.answered and "가상품질연구소" in answer.text


def test_engine_finds_a_task_read_from_a_spaced_table(engine: Engine) -> None:
    answer = engine.answer("장서 폐기 기준 정비하라는 지적 받은 곳이 어디지?")
    assert answer.answered and "달빛 도서관" in answer.text


def test_engine_gives_a_score_stated_in_a_sentence(engine: Engine) -> None:
    answer = engine.answer("2052년 2차 가상 은하 과학관 점수 알려줘")
    assert answer.answered and "84.3" in answer.text
