"""Mechanisms found by the blind many16 set (seed + tests/fixtures/blind/many16), checked
with phrasings of their own and hand-read values from those pages.

2024 round 1 publishes every score (서울글로벌센터 86.20, 동북권직장맘 82.35, 새활용플라자
72.45); 2025 round 3 every score (마포 76.80, 서남권직장맘 83.25, 에너지드림 80.70); 2027
round 2 none.  마포's findings state the age of its equipment in 2023 (18년) and 2025 (20년).
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import ask


# ---- a service's whole record ------------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    ["How did the Mapo facility do in its evaluations?", "마포자원회수시설 평가들 정리해줘"],
)
def test_its_evaluations_in_the_plural_give_every_one(many16: Engine, question: str) -> None:
    answer = ask(many16, question)
    assert answer.answered, answer.text
    for said in ("2023", "2025", "2027", "76.80"):
        assert said in answer.text, answer.text
    # the findings of each evaluation follow, the oldest first
    assert answer.text.index("18") < answer.text.index("20년"), answer.text


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("Does Seoul assess the Mapo resource recovery facility?", "Yes"),
        ("마포자원회수시설도 서울시가 평가해?", "네"),
    ],
)
def test_whether_a_service_is_evaluated_lists_its_evaluations(
    many16: Engine, question: str, verdict: str
) -> None:
    answer = ask(many16, question)
    assert answer.text.startswith(verdict), answer.text
    assert "76.80" in answer.text and "2023" in answer.text and "2027" in answer.text


def test_a_question_with_content_is_no_membership_check(many16: Engine) -> None:
    answer = ask(many16, "Did the Seoul Global Center win an award?")
    assert not answer.text.startswith("Yes"), answer.text
    assert "서울글로벌센터" in answer.text, answer.text  # the service is still the one asked of


@pytest.mark.parametrize("then", ["예전 개선과제는?", "Back then, what was it told to improve?"])
def test_back_then_is_the_evaluation_before_the_newest(many16: Engine, then: str) -> None:
    answer = ask(many16, "서울글로벌센터는 서울시가 평가해?", then)
    assert "대기시간 단축을 위한 온라인 사전예약" in answer.text, answer.text
    assert "유학생" not in answer.text, answer.text


def test_back_then_in_the_question_itself(many16: Engine) -> None:
    answer = ask(many16, "동북권직장맘지원센터는 예전엔 뭘 지적받았어?")
    assert "2024" in answer.text and "데이터베이스(DB)화" in answer.text, answer.text


# ---- an amount each evaluation states ----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "마포 소각 설비는 몇 년 됐다고 했어?",
        "How old did the evaluators say Mapo's incinerators were?",
    ],
)
def test_an_age_is_given_as_each_evaluation_stated_it(many16: Engine, question: str) -> None:
    answer = ask(many16, question)
    assert answer.answered, answer.text
    assert "18" in answer.text and "20년" in answer.text, answer.text
    assert answer.text.index("2023") < answer.text.index("2025"), answer.text


# ---- a name said in the plural -----------------------------------------------------------------
def test_a_plural_name_asks_about_every_service_it_fits(many16: Engine) -> None:
    answer = ask(many16, "직장맘지원센터들은 뭘 잘했대?")
    assert answer.answered, answer.text
    assert "서남권" in answer.text and "동북권" in answer.text, answer.text


@pytest.mark.parametrize(
    "turns",
    [
        ("직장맘지원센터들 결과 알려줘", "두 곳 점수 차이는?"),
        ("직장맘지원센터들 점수 비교해줘",),
    ],
)
def test_two_services_are_compared_by_their_newest_published_scores(
    many16: Engine, turns: tuple[str, ...]
) -> None:
    answer = ask(many16, *turns)
    assert answer.answered, answer.text
    assert "83.25" in answer.text and "82.35" in answer.text and "0.90" in answer.text
    # the newer evaluation that kept its score back is said
    assert "2027" in answer.text, answer.text


def test_a_place_only_one_service_carries_names_it(many16: Engine) -> None:
    answer = ask(many16, "동북권 개선과제 뭐였어?")
    assert "동북권직장맘" in answer.text, answer.text
    assert "서남권" not in answer.text, answer.text


# ---- findings said in other words --------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "service"),
    [
        ("Which facility disclosed its smokestack emissions to locals live?", "Mapo"),
        ("상담하는 분들이 자꾸 관두는 곳이 어디야?", "청소년상담"),
        (
            "Which centre needs to track whether visitors change their energy behaviour?",
            "에너지드림",
        ),
        ("버림받은 동물 입양 늘린 센터 어디야?", "동물복지"),
        ("upcycling library 있는 곳은?", "새활용"),
        ("혼자 사는 시민 병원 같이 가 주는 곳은 어디예요?", "1인가구"),
    ],
)
def test_a_finding_is_found_in_other_words(many16: Engine, question: str, service: str) -> None:
    answer = ask(many16, question)
    assert answer.answered, answer.text
    assert service in answer.text, answer.text


def test_a_topic_of_ignored_words_does_not_rank_the_findings(many16: Engine) -> None:
    answer = ask(
        many16,
        "Which centre was asked to check whether class participants change their energy use?",
    )
    assert "에너지드림" in answer.text, answer.text
    assert "mentioning “whether”" not in answer.text, answer.text
