"""Routing and conversation mechanisms: ordinals after any list, metric carry-over in
follow-ups, a fact looked up in the context service's findings, "about" sub-topics (who is
evaluated, which services, the weights), total consigned vs evaluated, a year's unnamed
services, trend words over a content search, the list filtered by a word of the names.
Every phrasing here is new: none is in a question set."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from tests.helpers import turns


# ---- ordinals into the previous list ---------------------------------------------------
@pytest.mark.parametrize(
    ("question", "position"),
    [
        ("목록에서 두 번째로 적힌 곳은 어디야?", 2),
        ("네 번째로 나온 시설 알려줘", 4),
        ("여섯 번째는 성과가 뭐야", 6),
    ],
)
def test_an_ordinal_with_a_clause_or_a_topic_particle_points_into_the_list(
    engine: Engine, question: str, position: int
) -> None:
    assert engine.understander.parts.ordinal(question.lower()) == position


@pytest.mark.parametrize("question", ["두 번째로 높은 곳은?", "세 번째로 점수가 낮은 센터"])
def test_a_ranked_place_is_not_a_position_in_the_list(engine: Engine, question: str) -> None:
    assert engine.understander.parts.ordinal(question.lower()) is None


def test_an_ordinal_after_a_count_then_a_pronoun_follows_that_service(engine: Engine) -> None:
    answers = turns(
        engine,
        "2023년 3차 때 몇 개 사무가 평가받았는지 궁금해요",
        "그중 네 번째로 나온 곳은 어디인가요?",
        "거기는 뭘 고치라고 했어요?",
    )
    assert "마포" in answers[1].text, answers[1].text
    assert "노후" in answers[2].text or "체크리스트" in answers[2].text, answers[2].text


# ---- a fact of the context service, in its findings ----------------------------------
def test_a_quantity_asked_of_the_context_service_is_looked_up_in_its_findings(
    engine: Engine,
) -> None:
    answers = turns(engine, "마포자원회수시설 평가 결과 알려줄래?", "그 설비는 몇 년이나 쓴 거래?")
    assert answers[1].answered and "18년" in answers[1].text, answers[1].text


# ---- metric carry-over -----------------------------------------------------------------
def test_a_complement_follow_up_keeps_the_count_for_the_next_year(engine: Engine) -> None:
    answers = turns(engine, "23년에 기준 미달 몇 곳?", "안 걸린 데는?", "24년도는?")
    assert "34" in answers[1].text, answers[1].text
    assert "53" in answers[2].text and "61" in answers[2].text, answers[2].text


def test_a_year_step_after_a_comparison_continues_past_both_years(engine: Engine) -> None:
    answers = turns(
        engine,
        "2024년에 기준 미만으로 떨어진 비율 몇 퍼센트였어?",
        "그 전 해는?",
        "그럼 또 그 전 해는?",
    )
    assert answers[1].operation == "share_gap", answers[1]  # 2024 against 2023
    assert "23%" in answers[2].text or "23 %" in answers[2].text, answers[2].text


def test_a_share_of_that_keeps_the_line_it_was_counted_by(engine: Engine) -> None:
    _first, second = turns(engine, "2024년에 75점 못 넘은 곳 몇 개?", "그중 65점도 안 된 곳은?")
    decided = engine.decide("그게 전체 중 몇 %야?", second.context)
    assert decided.entities.threshold is not None and decided.entities.threshold.value == 65
    answer = engine.answer("그게 전체 중 몇 %야?", context=second.context)
    assert "65" in answer.text and "2" in answer.text, answer.text


def test_a_new_round_compared_keeps_the_count_not_an_average(engine: Engine) -> None:
    answers = turns(
        engine,
        "How many services did the 2023 first round review?",
        "And how many of them fell short of 75?",
        "What about round 3 then, how does it compare?",
    )
    assert answers[2].intent == "below_cutoff", answers[2]
    assert "6" in answers[2].text, answers[2].text


def test_compared_with_a_new_year_the_other_side_is_the_round_discussed(engine: Engine) -> None:
    answers = turns(
        engine, "2023년 3차 평균이 장기 평균보다 높아?", "그럼 2024년 평균이랑 비교하면 어때?"
    )
    assert "0.53" in answers[1].text, answers[1].text


# ---- "about" sub-topics -------------------------------------------------------------
def test_who_is_evaluated_names_the_contractor(engine: Engine) -> None:
    a = engine.answer("Is it the city department or the operator that is being evaluated here?")
    assert a.intent == "purpose" and "contractor" in a.text, a.text
    ko = engine.answer("여기서 평가받는 쪽은 시청이에요, 수탁기관이에요?")
    assert "수탁기관" in ko.text, ko.text


@pytest.mark.parametrize(
    "question",
    [
        "Are all consigned services evaluated every year, or just a few?",
        "민간위탁 사무는 해마다 전부 평가해?",
    ],
)
def test_whether_every_service_is_evaluated_is_answered_by_the_rule(
    engine: Engine, question: str
) -> None:
    a = engine.answer(question)
    assert a.intent == "purpose", (a.intent, a.text)
    assert "ending" in a.text or "만료" in a.text, a.text


def test_the_weight_of_an_area_out_of_the_total_is_not_published(engine: Engine) -> None:
    a = engine.answer("Out of the 100 points, how much comes from the common area?")
    assert a.intent == "not_published" and not a.answered, (a.intent, a.text)


# ---- consigned vs evaluated ---------------------------------------------------------
def test_a_count_setting_aside_the_evaluated_ones_is_seouls_consignment(engine: Engine) -> None:
    a = engine.answer("평가받은 사무 말고, 서울시가 민간에 맡긴 사무는 통틀어 몇 개예요?")
    assert a.intent == "consignment" and "377" in a.text, (a.intent, a.text)


def test_a_figure_taken_for_another_is_corrected(engine: Engine) -> None:
    a = engine.answer("6이라는 숫자가 서울시 민간위탁 사무 총 개수야?")
    assert a.intent == "figure_lookup" and a.text.startswith("아니요"), a.text
    assert "377" in a.text, a.text
    yes = engine.answer("Was 377 the total of consigned services?")
    assert yes.text.startswith("Yes"), yes.text


# ---- a year no loaded disclosure lists -----------------------------------------------
def test_a_years_unnamed_services_are_described_by_the_report(engine: Engine) -> None:
    a = engine.answer("2024년엔 어떤 사무들이 평가 대상이었나요?")
    assert a.intent == "unlisted_services" and a.answered, a.text
    assert "61" in a.text and "2025" in a.text, a.text


# ---- trend words in a long question win over a content search --------------------------
def test_a_hearsay_trend_is_not_a_search_for_its_verb(engine: Engine) -> None:
    a = engine.answer("주변에서 평가 점수가 해마다 낮아진다고 하던데, 진짜 계속 하락 추세예요?")
    assert a.intent != "topic_search", a.text
    assert "74.02" in a.text, a.text


# ---- the list filtered by a word of the names ---------------------------------------
def test_the_list_filtered_by_a_word_of_the_names(engine: Engine) -> None:
    a = engine.answer("Which round 3 services have 'Support' in their names?")
    assert a.intent == "named_services", a.text
    assert "Working Moms" in a.text and "Fintech" not in a.text and "Mapo" not in a.text, a.text
    ko = engine.answer("3차 사무 가운데 이름에 '운영'이 들어간 것만")
    assert ko.intent == "named_services" and "핀테크" in ko.text, ko.text


# ---- a finding described with a finding kind, and "how much" is not "which" -----------
def test_a_finding_kind_lets_a_described_finding_outrank_a_purpose_cue(engine: Engine) -> None:
    q = (
        "Which service was told its aims were too easy and that it should set higher goals "
        "from past results?"
    )
    a = engine.answer(q)
    assert a.intent == "topic_search" and "Social Venture" in a.text, (a.intent, a.text)


def test_how_large_a_share_is_not_a_request_for_names(engine: Engine) -> None:
    a = engine.answer("23년 미달 13개 가운데 1차 비중은 어느 정도였어?")
    assert a.intent != "not_published", a.text
    assert a.intent == "below_cutoff" and "7 / 13 = 53.8%" in a.text, a.text
