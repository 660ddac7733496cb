"""Mechanisms of session 11 (F1), on the real engine over the shipped seed (and the seed plus
the three synthetic pages of tests/fixtures/blind/many10, where scores are published).

Phrasings are our own, not the diagnosis sets': chat fragments and slang ("몇 개였지",
"ㅇㅇ", "걍"), an ordinal after a count, "점수만" after findings, a dismissed part
("… 말고", "not … but"), a request to list the services in order, past-tense yes/no
endings ("떨어졌나"), a service against its round's average, how long one organisation may
keep a service, cue words of a scene-setting sentence, "평가 내용" with no service, a
ranking intent without a ranking word, a narrowing ("among them") left when the scope
moves, a score line as a whole follow-up, the previous answer's sources, a direction
checked against a finding, Seoul's consigned count over time, the rule that picks the
evaluated services, the services not excluded, and one average compared with the last.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ask, engine_with_pages

PAGES = Path(__file__).resolve().parent / "fixtures" / "blind" / "many10"


@pytest.fixture(scope="module")
def rounds4(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed's 2023 round 3 plus 2024 round 3, 2025 round 1 and 2026 round 1."""
    return engine_with_pages(kb_path, PAGES, tmp_path_factory.mktemp("session11"))


# ---- fragments and chat spelling ------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "intent", "figure"),
    [
        ("3차 몇 개였지", "count_evaluated", "6"),
        ("23년 3차 평균만", "average", "79.05"),
        ("2023 3차 몇갠지", "count_evaluated", "6"),
    ],
)
def test_a_scope_and_a_metric_is_a_whole_question(
    engine: Any, question: str, intent: str, figure: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered and answer.intent == intent, answer.text
    assert figure in answer.text, answer.text


def test_an_ordinal_after_a_count_points_into_the_rounds_list(engine: Any) -> None:
    answer = ask(engine, "3차 몇 개야?", "ㅇㅇ 네번째꺼 뭐임")
    assert answer.intent == "findings" and "마포" in answer.text, answer.text
    tasks = ask(engine, "3차 몇 개야?", "ㅇㅇ 네번째꺼 뭐임", "거기 과제")
    assert "마포" in tasks.text and "노후" in tasks.text, tasks.text


def test_just_the_score_after_findings_is_that_services_score(engine: Any) -> None:
    answer = ask(engine, "경계선지능인 센터 성과", "걍 점수만")
    assert answer.intent == "service_score", answer.text
    assert "경계선" in answer.text and "공개되지" in answer.text, answer.text


# ---- a dismissed part -----------------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "3차 평균 말구요, 2023년 전체 평균은요?",
        "not the round 3 figure but the 2023 whole-year average?",
    ],
)
def test_what_follows_a_dismissal_is_the_ask(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "average" and "74.02" in answer.text, answer.text
    assert "79.05" not in answer.text.splitlines()[0], answer.text


def test_a_dismissal_leaning_on_the_rest_is_read_whole(engine: Any) -> None:
    answer = ask(engine, "마포 결과", "2023년 3차 말고 다른 차수에도 평가받았어?")
    assert answer.intent == "service_score", answer.text


# ---- listing in order, and the rule behind the list -----------------------------------
def test_services_in_published_order_are_the_list(engine: Any) -> None:
    answer = ask(engine, "3차 사무들 순서대로 쭉 보여줘")
    assert answer.intent == "services_list", answer.text
    assert "1. 서울 핀테크랩" in answer.text, answer.text
    assert "6. 서울특별시 경계선지능인" in answer.text, answer.text


def test_which_services_are_evaluated_states_the_rule_then_the_list(engine: Any) -> None:
    answer = ask(engine, "평가 대상은 무슨 사무들이야?")
    assert answer.intent == "services_list", answer.text
    assert "만료" in answer.text and "마포" in answer.text, answer.text
    named = ask(engine, "3차 평가 대상 사무 목록")
    assert "만료" not in named.text, named.text


# ---- yes/no ---------------------------------------------------------------------------
def test_a_past_tense_na_ending_is_a_yes_no(engine: Any) -> None:
    answer = ask(engine, "2023년 평균 전년보다 떨어졌나")
    assert answer.text.startswith("네"), answer.text
    assert "77.62" in answer.text and "74.02" in answer.text, answer.text


def test_an_unpublished_score_against_the_average_is_unknowable(engine: Any) -> None:
    answer = ask(engine, "핀테크랩 점수가 3차 평균보다 낮았어?")
    assert answer.text.startswith("알 수 없"), answer.text
    english = ask(engine, "Was the Social Venture Hub Center above the round 3 average?")
    assert english.text.startswith("It cannot be known"), english.text


def test_a_published_score_against_its_rounds_average(rounds4: Any) -> None:
    answer = ask(rounds4, "공익활동지원센터 점수가 2026년 1차 평균보다 높았어?")
    assert answer.text.startswith("아니요"), answer.text
    assert "69.80" in answer.text and "78.83" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("한 단체가 같은 센터를 12년 연속 운영할 수 있나요?", "아니요"),
        ("Can the same organisation keep one service for 20 years?", "No"),
        ("Can the same organisation run a service for 6 years?", "Yes"),
    ],
)
def test_how_long_one_organisation_may_keep_a_service(
    engine: Any, question: str, start: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "consignment" and answer.text.startswith(start), answer.text
    assert "10" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("마포 지도점검 지적 늘었어?", "아니요"),
        ("are the inspection findings at Mapo decreasing?", "Yes"),
    ],
)
def test_a_direction_is_checked_against_the_finding(engine: Any, question: str, start: str) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(start), answer.text


# ---- wording around the ask -----------------------------------------------------------
def test_a_scene_setting_sentences_cue_words_tell_nothing(engine: Any) -> None:
    answer = ask(
        engine, "Hello. I saw a news report. What are the scoring areas and the top score?"
    )
    assert answer.intent == "scoring_scheme", answer.text
    assert "100" in answer.text, answer.text


def test_evaluation_content_with_no_service_is_the_scheme(engine: Any) -> None:
    answer = ask(engine, "평가 내용 뭐 보는 거야")
    assert answer.intent == "scoring_scheme" and "만족도" in answer.text, answer.text
    own = ask(engine, "마포 결과 보여줘", "평가 내용 뭐였어?")
    assert own.intent == "findings" and "마포" in own.text, own.text


def test_a_ranking_needs_a_ranking_word(engine: Any) -> None:
    answer = ask(engine, "Which service helps working moms?")
    assert answer.intent == "findings" and "Working Moms" in answer.text, answer.text
    ranked = ask(engine, "Which service scored lowest?")
    assert ranked.intent == "lowest", ranked.text


# ---- conversations --------------------------------------------------------------------
def test_a_narrowing_is_left_when_the_scope_moves(engine: Any) -> None:
    answer = ask(
        engine, "2024년에 기준 미달 몇 개야?", "how many under 65 of those?", "what about 2023?"
    )
    assert answer.answered and "13" in answer.text, answer.text
    kept = ask(engine, "2024년 65점 미만 몇 개", "2023년은?")
    assert "65" in kept.text, kept.text


def test_a_score_line_alone_follows_the_conversations_round(engine: Any) -> None:
    answer = ask(engine, "3차 평균", "그 중 70점 안 된 곳은?")
    assert answer.intent == "below_cutoff" and "없습니다" in answer.text, answer.text


@pytest.mark.parametrize(
    ("first", "then", "expected"),
    [
        ("3차 평균 알려줘", "출처는?", "공식 공개 자료"),
        ("2024 average?", "where is that from?", "not an official disclosure"),
    ],
)
def test_the_previous_answers_sources(engine: Any, first: str, then: str, expected: str) -> None:
    answer = ask(engine, first, then)
    assert expected in answer.text, answer.text
    assert answer.text.splitlines()[0] in ("앞 답변의 출처:", "The previous answer rests on:")


def test_one_average_compared_with_the_last_figure(engine: Any) -> None:
    answer = ask(engine, "2023년 전체 평균은?", "그걸 2015~2022년 평균이랑 비교하면?")
    assert "4.56" in answer.text, answer.text


def test_seouls_consigned_count_over_time(engine: Any) -> None:
    answer = ask(engine, "민간위탁 사무 숫자는 늘고 있나요?")
    assert answer.intent == "consignment" and "377" in answer.text, answer.text


def test_the_services_not_excluded_are_the_complement(engine: Any) -> None:
    answer = ask(engine, "2024년 배제 대상이 아닌 사무는 몇 개?")
    assert "61 − 8 = 53" in answer.text, answer.text


def test_a_dismissed_part_keeps_the_service_it_names(engine: Any) -> None:
    answer = ask(engine, "핀테크랩 평균 말고 주요성과만")
    assert answer.intent == "findings" and "핀테크랩" in answer.text, answer.text
    assert "주요 성과" in answer.text, answer.text


@pytest.mark.parametrize(("question", "figure"), [("2024 failures?", "8"), ("3차 미달?", "없")])
def test_a_scope_and_a_failure_noun_count_the_failures(
    engine: Any, question: str, figure: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "below_cutoff" and figure in answer.text, answer.text
