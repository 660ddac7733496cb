"""Routing and conversation mechanisms: a round step after a service's score, "that
time" after a neighbour evaluation or an earlier one, relative years two back, chat spelling
of superlatives, answers that pick one service out of a list, services of one round evaluated
in another too, one service's two years compared, a dismissed or set-aside scope, English and
Korean typos of key words, the lower/higher of the listed services, whether two names are one
service, and what a service's evaluations said in common.
Every phrasing here is new: none is in a question set."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.engine import Engine
from tests.helpers import turns


@pytest.fixture(scope="module")
def many_engines(blind_engine: Callable[[str], Engine]) -> dict[str, Engine]:
    """Engines over the shipped sources plus one folder of synthetic rounds each."""
    names = (
        "many",
        "many4",
        "many5",
        "many6",
        "many8",
        "many9",
        "many11",
        "many12",
        "many13",
        "many14",
    )
    return {name: blind_engine(name) for name in names}


# ---- relative years, typos, chat spelling --------------------------------------------------
def test_the_year_before_last_is_two_years_back(engine: Engine) -> None:
    newest = engine.queries.latest_round()
    assert newest is not None
    assert engine.decide("재작년 평가 사무 수는?").entities.year == newest.year - 2
    assert engine.decide("작년 평가 사무 수는?").entities.year == newest.year - 1


def test_short_english_typos_and_bare_contractions_are_read(engine: Engine) -> None:
    answer = engine.answer("whats teh cut off scor to keep a contract")
    assert answer.intent == "cutoff_rule", answer.text
    assert "75" in answer.text


def test_a_korean_one_letter_slip_in_a_key_word_is_corrected(engine: Engine) -> None:
    answer = engine.answer("2023년 3차 평귱은 얼마였어?")
    assert "79.05" in answer.text, answer.text


def test_the_korean_correction_leaves_counters_and_glued_years_alone(engine: Engine) -> None:
    lexicon = engine.understander.lexicon
    for text in ("합쳐서 몇 개라는 거야?", "3차평균 vs 22년평균", "1개당 예산"):
        assert lexicon.correct(text) == text


def test_a_superlative_with_the_noun_between_is_a_ranking(engine: Engine) -> None:
    assert "lowest" in engine.decide("2023년 3차에서 가장 점수 낮은 곳은?").entities.metrics
    assert "highest" in engine.decide("3차 중 제일 점수 높은 사무?").entities.metrics


# ---- a set-aside scope -------------------------------------------------------------------
def test_a_trailing_not_just_clause_is_not_the_scope(engine: Engine) -> None:
    e = engine.decide("What was the 2023 average overall, not just round 3?").entities
    assert (e.year, e.round_no) == (2023, None)


def test_a_dismissed_whole_year_keeps_its_year_for_the_round_asked(engine: Engine) -> None:
    e = engine.decide("23년 연간 평균 말고 3차 평균만 알려줘").entities
    assert (e.year, e.round_no) == (2023, 3)


# ---- follow-ups over several rounds --------------------------------------------------------
def test_a_bare_round_step_after_a_score_asks_the_earlier_score(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(many_engines["many6"], "청소년노동인권센터 24년 몇 점 받았어?", "그 이전에는?")
    assert "81.2" in answers[1].text and "2021" in answers[1].text, answers[1].text


def test_that_time_after_the_next_evaluation_is_that_evaluation(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(
        many_engines["many5"],
        "마포자원회수시설 2023년 3차 성과 알려줘",
        "그 다음 평가에서는 점수 얼마였어?",
        "그때 개선과제는?",
    )
    assert "2024년 제1차" in answers[2].text, answers[2].text


def test_that_time_after_an_earlier_evaluation_was_confirmed(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(
        many_engines["many9"],
        "마포자원회수시설 점수 알려줘",
        "예전에도 평가받은 적 있어?",
        "그때는 몇 점이었어?",
    )
    assert not answers[2].answered and "2023" in answers[2].text, answers[2].text


def test_a_slang_superlative_after_a_round_keeps_that_round(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(many_engines["many13"], "2024년 2차 결과 보여줘", "거기서 젤 잘한 데는?")
    assert "85.9" in answers[1].text, answers[1].text


def test_a_ranking_that_picked_one_of_a_list_is_what_there_means(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(
        many_engines["many5"],
        "2024년 1차 평가 사무 보여줘",
        "그 중 가장 점수 높은 데는?",
        "거기 성과 뭐였어?",
    )
    assert "글로벌센터" in answers[1].text, answers[1].text
    assert answers[2].text.startswith("서울글로벌센터"), answers[2].text


def test_the_lower_of_the_listed_services_is_picked_by_score(
    many_engines: dict[str, Engine],
) -> None:
    answers = turns(
        many_engines["many13"],
        "2024년 2차에서 75점 안 된 곳 알려줘",
        "둘 중 더 높은 곳 개선과제는?",
    )
    assert answers[1].text.startswith("서울시 청년활동지원센터"), answers[1].text


def test_them_after_two_answers_never_points_at_the_last_service(
    many_engines: dict[str, Engine],
) -> None:
    engine = many_engines["many"]
    answers = turns(engine, "Who scored highest in 2024 round 1?", "and who scored lowest?")
    decision = engine.decide("how far apart are they?", answers[1].context)
    assert not decision.entities.services
    assert decision.entities.how == "gap", decision.entities  # still read as the gap asked


# ---- two rounds, two years, two names ------------------------------------------------------
def test_services_of_a_round_also_evaluated_in_another_year(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many13"].answer(
        "2026년 3차 평가 사무 중 2023년에도 대상이었던 곳 알려줘"
    )
    assert answer.intent == "services_list", answer.text
    assert "핀테크" in answer.text and "마포" in answer.text, answer.text
    assert "로봇" not in answer.text, answer.text


def test_one_services_two_years_compared_are_its_two_scores(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many8"].answer(
        "동북권직장맘지원센터 2023년하고 2026년 결과 어땠는지 비교해봐"
    )
    assert answer.intent == "service_score", answer.text
    assert "7.25" in answer.text, answer.text


def test_what_was_said_over_two_years_stays_with_the_findings(
    many_engines: dict[str, Engine],
) -> None:
    decision = many_engines["many8"].decide(
        "What did the evaluators write about the northeast working moms center in 2026 "
        "compared with 2023?"
    )
    assert "findings" in (decision.intent, decision.entities.what)


def test_two_names_asked_whether_they_are_one_service(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many6"].answer(
        "동북권직장맘지원센터하고 서남권직장맘지원센터 같은 곳이야?"
    )
    assert answer.text.startswith("아니요"), answer.text
    assert "2021년 제2차" in answer.text and "2023년 제3차" in answer.text, answer.text


def test_what_two_evaluations_said_in_common(many_engines: dict[str, Engine]) -> None:
    answers = turns(
        many_engines["many"],
        "마포자원회수시설 2024년 점수 알려줘",
        "2023년에는?",
        "두 번 모두 공통적으로 지적된 게 뭐야?",
    )
    assert answers[2].intent == "findings", answers[2].text
    assert "종합계획" in answers[2].text, answers[2].text


# ---- words of the finding search, cues inside its phrases ----------------------------------
def test_the_finding_searchs_own_words_are_never_typos(engine: Engine) -> None:
    text = "which centre was picked by a ministry?"
    assert engine.understander.lexicon.correct(text) == text


def test_a_ranking_cue_inside_a_paraphrase_is_no_ranking(engine: Engine) -> None:
    answer = engine.answer(
        "Which round 3 service was chosen as a best practice by a central ministry?"
    )
    assert answer.intent == "topic_search", answer.text
    assert "Social Venture" in answer.text, answer.text


def test_only_a_terse_phrase_with_dda_asks_for_a_short_answer(engine: Engine) -> None:
    assert not engine.decide("딱 하나뿐인 지원기관으로 소개된 곳?").entities.terse
    assert engine.decide("3차 평균 딱 숫자만").entities.terse


@pytest.mark.parametrize(
    ("name", "question", "expected"),
    [
        ("many8", "Which 2023 round 2 center had to write an aftercare manual?", "동북권"),
        (
            "many6",
            "Which service in 2025 offered impact measurement consulting to tenants?",
            "Social Venture",
        ),
    ],
)
def test_an_english_description_reaches_korean_only_findings(
    many_engines: dict[str, Engine], name: str, question: str, expected: str
) -> None:
    answer = many_engines[name].answer(question)
    assert answer.intent == "topic_search", answer.text
    assert expected in answer.text, answer.text


def test_a_service_found_by_its_findings_then_its_score(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many14"].answer("온라인 판매 교육을 한 곳은 점수 얼마였어?")
    assert "전통시장" in answer.text and "68.9" in answer.text, answer.text


# ---- ways of asking ------------------------------------------------------------------------
def test_a_gap_asked_with_a_particle_after_the_points(engine: Engine) -> None:
    decision = engine.decide("2023년 3차 평균이 75점보다 몇 점이나 높아?")
    assert decision.intent == "gap", decision


def test_below_the_cutoff_named_without_a_number_is_counted_below_it(engine: Engine) -> None:
    answer = engine.answer("2023년 3차에서 기준 밑으로 나온 곳 몇 개?")
    assert answer.intent == "below_cutoff", answer.text


def test_a_year_step_from_the_year_just_given(engine: Engine) -> None:
    answers = turns(engine, "2024년 미만 비율은?")
    decision = engine.decide("그보다 한 해 전은?", answers[0].context)
    assert decision.entities.year == 2023, decision


# ---- answers over several rounds (about, unpublished) --------------------------------------
def test_the_use_of_results_asked_of_no_round_gathers_every_kind_of_use(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many11"].answer("What are the evaluation results used for?")
    assert "재계약" in answer.text and "개선" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "first"),
    [("만족도 배점은 차수마다 똑같았어?", "아니요"), ("분야별 배점이 바뀐 적 있어?", "네")],
)
def test_area_points_published_by_some_rounds_answer_whether_they_changed(
    many_engines: dict[str, Engine], question: str, first: str
) -> None:
    answer = many_engines["many13"].answer(question)
    assert answer.answered and answer.text.startswith(first), answer.text
    assert "10점" in answer.text and "15점" in answer.text, answer.text


def test_names_below_the_cutoff_published_in_part_are_said_to_be_partial(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many13"].answer("2025년 1차 기준 미달 사무 4곳 이름 다 알려줄래?")
    assert not answer.answered, answer.text
    assert "1개의 이름만" in answer.text and "1인가구" in answer.text, answer.text


def test_an_unpublished_fact_of_a_service_offers_its_published_score(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many12"].answer("청년활동지원센터 운영하는 단체가 어디야?")
    assert not answer.answered and "82.40" in answer.text, answer.text


# ---- names and findings ---------------------------------------------------------------------
def test_a_shortened_name_word_stays_with_the_service_it_shortens(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many8"].answer("동북권 직장맘센터 2023년 점수는?")
    assert "동북권" in answer.text and "73.10" in answer.text, answer.text


def test_a_part_of_the_name_is_no_content_to_look_for(many_engines: dict[str, Engine]) -> None:
    answer = many_engines["many8"].answer("애니메이션센터 지적사항 뭐 있었어?")
    assert "공실" in answer.text, answer.text


def test_a_finding_described_scopes_the_other_kind_to_its_evaluation(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many13"].answer(
        "The plant that cleared clinker off its boiler tubes: what improvements were asked of it?"
    )
    assert "2023 round 3" in answer.text, answer.text


def test_a_schedule_is_asked_as_the_evaluation_period(many_engines: dict[str, Engine]) -> None:
    answer = many_engines["many13"].answer("2027년 평가 스케줄 잡혔나요?")
    assert answer.intent == "period" and not answer.answered, answer.text


def test_an_english_question_reaches_a_korean_finding_about_languages(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many4"].answer(
        "How many languages is counselling offered in at the Foreign Residents Support Center?"
    )
    assert "12" in answer.text, answer.text


# ---- more follow-ups and spellings ---------------------------------------------------------
def test_the_year_before_that_steps_the_year_not_the_round(
    many_engines: dict[str, Engine],
) -> None:
    engine = many_engines["many13"]
    answers = turns(
        engine, "What was Mapo's recovery facility told to improve in 2026?", "and in 2023?"
    )
    decision = engine.decide("and the year before that one?", answers[1].context)
    assert decision.entities.year == 2022 and decision.entities.round_no is None, decision


def test_among_them_keeps_the_round_just_listed(many_engines: dict[str, Engine]) -> None:
    engine = many_engines["many13"]
    answers = turns(engine, "2024년 2차 평가 사무 목록 줘")
    decision = engine.decide("그 중에서 가장 잘 받은 곳은?", answers[0].context)
    assert (decision.entities.year, decision.entities.round_no) == (2024, 2), decision


def test_a_dropped_letter_and_chat_shorthands_are_read(engine: Engine) -> None:
    decision = engine.decide("hw many servces were evaluatd in 2023 rund 3")
    assert decision.intent == "count_evaluated", decision
    assert decision.entities.round_no == 3, decision


def test_services_of_one_round_that_came_up_in_another_korean_ending(
    many_engines: dict[str, Engine],
) -> None:
    answer = many_engines["many13"].answer("2026년 3차 대상 가운데 2023년 평가에서도 나온 곳 있어?")
    assert answer.text.startswith("네"), answer.text
    assert "마포" in answer.text, answer.text


def test_scores_in_order_are_a_ranking(many_engines: dict[str, Engine]) -> None:
    decision = many_engines["many13"].decide("2024년 2차 점수 높은 순서대로 쭉 보여줘")
    assert decision.intent == "rank", decision
