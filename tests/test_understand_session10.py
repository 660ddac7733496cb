"""Mechanisms of session 10 (E7a), on the real engine over the shipped seed (and the seed
plus the three synthetic pages of tests/fixtures/blind/many10 for several rounds).

Each test uses phrasings of its own, not the diagnosis sets': services "due for" the
evaluation counted as evaluated; a count verb in a follow-up ("탈락했어?") read against the
conversation's year; the chat spelling "어케"; "how was X evaluated" about X; an agent of
the evaluation checked against the round's evaluator; a season or month checked against
the round's period; membership ("one of", "중 하나"); a claim that one service alone was
told something; a scene-setting sentence before the question; the least score that
still keeps a contract; a rule asked after a figure; a bare pointer into a list; "그
전년도" as a step; a round's share of its year; the year with the most services; data
held for a scope; a fact beside a count; a service's rounds; the newest round asked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.understand.scopes import year_rounds
from tests.helpers import ask, engine_with_pages

PAGES = Path(__file__).resolve().parent / "fixtures" / "blind" / "many10"


@pytest.fixture(scope="module")
def rounds4(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed's 2023 round 3 plus 2024 round 3, 2025 round 1 and 2026 round 1."""
    return engine_with_pages(kb_path, PAGES, tmp_path_factory.mktemp("session10"))


# ---- counts: what the verb counts -----------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "How many consigned services were due for evaluation in 2023?",
        "2023년에 평가를 받아야 했던 위탁사무는 몇 개였어?",
    ],
)
def test_services_due_for_evaluation_are_the_evaluated_count(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "count_evaluated", answer.text
    assert "47" in answer.text and "377" not in answer.text, answer.text


@pytest.mark.parametrize(
    "follow", ["몇 개 탈락했어?", "그럼 몇 개 떨어진 거야?", "how many of them failed?"]
)
def test_a_failure_count_follow_up_keeps_the_year(engine: Any, follow: str) -> None:
    answer = ask(engine, "2024년 결과 요약해줘", follow)
    assert answer.intent == "below_cutoff", answer.text
    assert "8" in answer.text and "2024" in answer.text, answer.text


def test_those_that_fell_after_a_count_is_their_count(engine: Any) -> None:
    answer = ask(engine, "2023년 1차 평가 사무 수는?", "거기서 탈락한 건?")
    assert answer.answered and answer.intent == "below_cutoff", answer.text
    assert "7" in answer.text, answer.text


def test_a_difference_that_fell_is_not_a_failure_count(engine: Any) -> None:
    answer = ask(engine, "2023년 평균은 2022년보다 몇 점 떨어졌어?")
    assert answer.intent == "average" and "3.60" in answer.text, answer.text


# ---- how a service was evaluated ----------------------------------------------------
@pytest.mark.parametrize(
    "question", ["마포자원회수시설 어케 평가됐음?", "How did the fintech lab get evaluated?"]
)
def test_how_a_named_service_was_evaluated_is_its_findings(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "findings" and answer.operation is None, answer.text


def test_the_scoring_scheme_named_with_a_service_stays_the_scheme(engine: Any) -> None:
    answer = ask(engine, "핀테크랩은 어떤 평가 항목으로 평가받았어?")
    assert answer.intent == "scoring_scheme", answer.text


# ---- yes/no: evaluator, period, membership, uniqueness --------------------------------
@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Was the 2023 round 3 evaluation conducted by Deloitte?", "No."),
        ("2023년 3차는 삼정회계법인이 평가한 거야?", "아니요."),
        ("Did Samjong KPMG evaluate round 3?", "No."),
        ("3차 평가는 한국산업관계연구원이 수행했어?", "네."),
        ("Was round 3 assessed by an independent body?", "Yes."),
    ],
)
def test_an_agent_of_the_evaluation_is_checked(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "evaluator", answer.text
    assert answer.text.startswith(opening), answer.text
    assert "한국산업관계연구원" in answer.text or "Industrial" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Did round 3 of 2023 happen during the winter?", "No."),
        ("2023년 3차 평가 봄에 했어?", "아니요."),
        ("Was the 2023 round 3 carried out in July?", "Yes."),
        ("3차 평가 7월에 진행된 거 맞아?", "네."),
    ],
)
def test_a_season_or_month_is_checked_against_the_period(
    engine: Any, question: str, opening: str
) -> None:
    answer = ask(engine, question)
    assert answer.intent == "period", answer.text
    assert answer.text.startswith(opening), answer.text


def test_a_month_word_that_is_also_a_verb_is_no_month(engine: Any) -> None:
    parts = engine.understander.parts
    assert parts.months("did any service fall below 75?") == set()
    assert parts.months("was it done in the fall of 2023?") == {9, 10, 11}
    assert parts.months("6~8월에 했어?") == {6, 7, 8}


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Is the gender equality center one of the services from round 3?", "Yes."),
        ("성평등활동지원센터도 2023년 3차 평가 대상 중 하나였어?", "네."),
    ],
)
def test_membership_one_of(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(opening), answer.text


def test_the_only_one_told_something_is_checked_against_every_service(engine: Any) -> None:
    answer = ask(
        engine,
        "경계선지능인 센터 개선과제는?",
        "Was that centre the only one asked to self-check with the checklist?",
    )
    assert answer.text.startswith("No."), answer.text
    assert "Mapo" in answer.text, answer.text


def test_the_only_one_of_its_kind_in_its_own_finding_stays_yes(engine: Any) -> None:
    answer = ask(engine, "경계선지능인 센터가 국내 유일한 지원기관이야?")
    assert answer.text.startswith("네."), answer.text


def test_a_service_alone_by_the_particle_man(engine: Any) -> None:
    answer = ask(engine, "마포자원회수시설만 점검 체크리스트 쓰라는 지적 받았어?")
    assert answer.text.startswith("아니요."), answer.text
    assert "경계선" in answer.text, answer.text


# ---- several sentences -------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("이제 2023년 3차 얘기만 하자. 평가는 어디서 했어?", "한국산업관계연구원"),
        ("Let's stick to round 3 of 2023 from here on. When did it run?", "June"),
    ],
)
def test_a_scene_setting_sentence_gives_the_scope(
    engine: Any, question: str, expected: str
) -> None:
    answer = ask(engine, question)
    assert answer.answered and expected in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "How low could a contractor score and still keep its contract?",
        "재계약 유지하려면 몇 점까지 받아도 돼?",
    ],
)
def test_the_least_score_that_keeps_a_contract_is_the_rule(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "cutoff_rule" and "75" in answer.text, answer.text


def test_a_scope_as_of_is_not_the_cutoff(engine: Any) -> None:
    e = engine.understander.understand("2024년 기준으로 평균 점수 알려줘").entities
    assert e.reference is None and e.year == 2024


# ---- conversation -------------------------------------------------------------------
def test_a_rule_asked_after_a_figure_is_not_that_year_s(engine: Any) -> None:
    answer = ask(engine, "2024년 평균 점수는?", "이 평가의 법적 근거는 무슨 조례야?")
    assert answer.answered and "18" in answer.text, answer.text


def test_a_bare_pointer_asks_the_same_of_the_item(engine: Any) -> None:
    answer = ask(
        engine, "2023년 3차 평가 사무 목록", "세 번째 사무 개선과제는?", "and the first one?"
    )
    assert answer.intent == "findings" and "Fintech" in answer.text, answer.text
    assert "Improvement" in answer.text or "improve" in answer.text.lower(), answer.text


def test_a_pointer_after_a_list_asks_about_the_item(engine: Any) -> None:
    answer = ask(
        engine, "Which services were evaluated in 2023 round 3?", "Tell me about the fifth one"
    )
    assert answer.intent == "findings" and "Gender" in answer.text, answer.text


def test_the_year_before_that_steps_twice(engine: Any) -> None:
    second = ask(engine, "2023년 평균은?", "그 전년도는?")
    assert "77.62" in second.text, second.text
    third = ask(engine, "2023년 평균은?", "그 전년도는?", "그럼 또 그 전년도는?")
    assert not third.answered and "2021" in third.text, third.text


# ---- a round's share of its year, the year with the most -------------------------------
@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("2023년 3차에 평가한 사무는 그해 평가 대상 중 몇 퍼센트야?", ""),
        ("Did round 3 cover over half of 2023's evaluated services?", "No"),
    ],
)
def test_a_round_as_a_share_of_its_year(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.operation == "evaluated_share", answer.text
    assert "12.8" in answer.text and answer.text.startswith(opening), answer.text


@pytest.mark.parametrize(
    "question",
    ["평가받은 사무 수가 가장 많은 연도는?", "In which year were the most services evaluated?"],
)
def test_the_year_with_the_most_services(rounds4: Any, question: str) -> None:
    answer = ask(rounds4, question)
    assert answer.intent == "count_evaluated", answer.text


@pytest.mark.parametrize("question", ["2021년 데이터 있어?", "Do you have data for 2024?"])
def test_data_held_for_a_scope(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "round_summary", answer.text


@pytest.mark.parametrize("question", ["너 뭐 하는 챗봇이야?", "What data do you have?"])
def test_the_bot_asked_about_itself(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "help" and answer.answered, answer.text
    assert "2023" in answer.text, answer.text


def test_a_fact_beside_a_count(engine: Any) -> None:
    answer = ask(engine, "2023년 3차는 몇 개 사무를 평가했고 평가기관은 어디야?")
    assert "6" in answer.text and "한국산업관계연구원" in answer.text, answer.text


# ---- several rounds ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("In which rounds did the Mapo resource recovery facility appear?", "2"),
        ("마포자원회수시설은 어떤 차수에 평가받았어?", "2"),
    ],
)
def test_a_service_s_rounds(rounds4: Any, question: str, expected: str) -> None:
    answer = ask(rounds4, question)
    assert answer.intent == "service_score", answer.text
    assert "2023" in answer.text and "2026" in answer.text and expected in answer.text, answer.text


def test_a_service_evaluated_before_as_a_follow_up(rounds4: Any) -> None:
    answer = ask(rounds4, "핀테크랩 최근 점수는?", "예전에도 평가된 적 있어?")
    assert answer.text.startswith("네"), answer.text


def test_the_evaluator_against_the_earlier_rounds(rounds4: Any) -> None:
    answer = ask(rounds4, "Did the 2026 round 1 evaluator differ from the previous rounds?")
    assert answer.text.startswith("Yes."), answer.text
    assert "2023" in answer.text and "2026" in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["제일 최근 평가는 몇 년도 몇 차야?", "Which round is the newest one you hold?"]
)
def test_the_newest_round_asked(rounds4: Any, question: str) -> None:
    answer = ask(rounds4, question)
    assert answer.answered and "2026" in answer.text, answer.text


def test_ranked_rounds_qualified_as_published(rounds4: Any) -> None:
    answer = ask(rounds4, "공개된 회차들 중 평균이 가장 낮았던 건 언제야?")
    assert answer.intent == "lowest", answer.text


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("22년 1차랑 24년 3차 더하면", ((2022, 1), (2024, 3))),
        ("(2024 R1, 2025 R2)", ((2024, 1), (2025, 2))),
        ("round 1 of 2022 plus round 2 of 2025", ((2022, 1), (2025, 2))),
        ("24년 1·2차와 25년 3차", ((2024, 1), (2024, 2), (2025, 3))),
        ("2024년 3차 평균", ()),
    ],
)
def test_rounds_of_their_own_years(text: str, pairs: tuple) -> None:
    assert year_rounds(text.lower()) == pairs


# ---- later in the session: fresh16/17, many12 --------------------------------------------
@pytest.mark.parametrize(
    "question", ["2024년 미달률은 얼마야?", "How did the failure rate of 2023 compare with 2024?"]
)
def test_a_failure_rate_is_the_share_below_the_cutoff(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.intent == "below_cutoff" and "13.1" in answer.text, answer.text


def test_an_adverb_before_one_predicate_is_no_either_or(engine: Any) -> None:
    parts = engine.understander.parts
    assert parts.yes_no("2023년 1차는 반 넘게 탈락했어?")
    assert not parts.yes_no("평균 올랐어 내렸어?")


@pytest.mark.parametrize(
    ("question", "opening"),
    [("2020년 1차도 KMAC가 평가했어?", "네."), ("Was 2024 also evaluated by KMAC?", "No.")],
)
def test_the_evaluator_of_a_reported_year(engine: Any, question: str, opening: str) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(opening), answer.text
    assert "보도" in answer.text or "report" in answer.text, answer.text


def test_a_score_not_even_reached(engine: Any) -> None:
    e = engine.understander.understand("2024년에 65점도 못 받은 곳은 몇 개야?").entities
    assert e.threshold is not None and (e.threshold.value, e.threshold.direction) == (65, "below")


def test_rounds_from_one_to_another_are_a_span(engine: Any) -> None:
    u = engine.understander
    assert u.understand("2023년 1차부터 3차까지 모두 몇 개 떨어졌어?").entities.round_span == (1, 3)
    moved = u.understand("2023년 1차부터 3차까지 평균 어떻게 변했어?").entities
    assert moved.round_span is None and moved.compare == "round"


def test_an_ordinal_before_evaluation_round(engine: Any) -> None:
    answer = ask(engine, "average of the third evaluation round of 2023?")
    assert "79.05" in answer.text, answer.text


def test_can_you_with_a_verb_is_a_request(engine: Any) -> None:
    parts = engine.understander.parts
    assert not parts.yes_no("Could you list the services of round 3?")
    assert parts.yes_no("Could you tell me whether round 3 was above 75?")
    assert parts.yes_no("Can a contractor under 75 be renewed?")


def test_an_english_check_quoting_a_korean_name(engine: Any) -> None:
    answer = ask(engine, "Was 성평등활동지원센터 among the round 3 services?")
    assert answer.text.startswith("Yes."), answer.text


@pytest.mark.parametrize(
    "question", ["Did all the round 3 services pass?", "3차 사무 전부 75점 넘겼어?"]
)
def test_every_service_passed(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(("Yes.", "네.")), answer.text


@pytest.mark.parametrize(
    ("question", "heading"),
    [
        ("What are the fintech lab's strong points?", "Main achievements"),
        ("Mapo facility: weak points only, not the good stuff", "Improvement tasks"),
    ],
)
def test_strong_and_weak_points(engine: Any, question: str, heading: str) -> None:
    answer = ask(engine, question)
    assert heading in answer.text, answer.text
    other = {"Main achievements": "Improvement tasks", "Improvement tasks": "Main achievements"}
    assert other[heading] not in answer.text, answer.text


def test_the_other_language_asked_politely(engine: Any) -> None:
    answer = ask(engine, "What should the Mapo facility improve?", "한국어로 다시 알려줄래요?")
    assert answer.lang == "ko" and "노후" in answer.text, answer.text


PAGES12 = Path(__file__).resolve().parent / "fixtures" / "blind" / "many12"


@pytest.fixture(scope="module")
def named_below(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed plus the three pages of many12 (2026 round 3 names its one service below 75)."""
    return engine_with_pages(kb_path, PAGES12, tmp_path_factory.mktemp("session10b"))


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("Was the fintech lab excluded in the 2026 round?", "No."),
        ("성평등활동지원센터 2026년 3차에 75점 못 넘었어?", "네."),
    ],
)
def test_a_service_against_the_names_below(named_below: Any, question: str, opening: str) -> None:
    answer = ask(named_below, question)
    assert answer.text.startswith(opening), answer.text


def test_two_years_side_by_side_are_no_long_run(named_below: Any) -> None:
    answer = ask(named_below, "누적 미달 비율은 2024년하고 2026년 중에 어느 쪽이 높아?")
    assert "13.1" in answer.text and "15.8" in answer.text, answer.text


def test_a_consigned_count_follow_up_compares_the_years(engine: Any) -> None:
    answer = ask(engine, "서울시 위탁사무 몇 개야?", "2021년은?", "그럼 2023년엔 몇 개 줄었어?")
    assert answer.intent == "consignment" and "43" in answer.text, answer.text


def test_the_whole_year_after_a_round_s_count(engine: Any) -> None:
    answer = ask(engine, "3차에서 75점 못 넘은 곳 몇 개야?", "연간 전체로는?")
    assert "13" in answer.text and "47" in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("Which company actually operates the Mapo resource recovery facility?", "not_published"),
        ("Who actually ran the evaluation of round 3?", "evaluator"),
    ],
)
def test_who_runs_a_service_or_the_evaluation(engine: Any, question: str, intent: str) -> None:
    assert ask(engine, question).intent == intent


def test_a_glued_compound_is_split_before_a_particle(engine: Any) -> None:
    lexicon = engine.understander.lexicon
    assert lexicon.split("평가결과") == ["평가", "결과"]
    assert lexicon.split("사무와") == ["사무"]


@pytest.mark.parametrize(
    "question", ["어느 해 몇차 자료들이 들어 있어?", "평가결과 어떤 연도 몇 차 거 있어?"]
)
def test_the_loaded_rounds_asked_with_myeot_cha(rounds4: Any, question: str) -> None:
    answer = ask(rounds4, question)
    assert answer.intent == "round_summary" and "2026" in answer.text, answer.text


def test_the_round_right_before_the_newest(rounds4: Any) -> None:
    answer = ask(rounds4, "latest round versus the round just before it, was the average higher?")
    assert "2026" in answer.text and "2025" in answer.text, answer.text


def test_two_counts_in_one_question(engine: Any) -> None:
    answer = ask(engine, "2023년 3차는 몇 개 평가했고 그중 75점 안 된 건 몇 개야?")
    assert "6" in answer.text and "75" in answer.text, answer.text
    assert answer.text.count("\n") >= 2, answer.text


def test_an_ordinal_round_written_with_ro(engine: Any) -> None:
    e = engine.understander.understand("2023년에 세 번째로 진행된 평가 평균은?").entities
    assert e.round_no == 3


def test_a_bound_noun_ending_is_taken_off(engine: Any) -> None:
    parts = engine.understander.parts
    assert parts.without_ending("마포는 새로 위탁된 사무인 건가요?") == "마포는 새로 위탁된 사무"


def test_any_so_after_the_rule(engine: Any) -> None:
    answer = ask(engine, "75점 못 받으면 어떻게 되는 거야?", "2023년 3차에도 그렇게 된 곳 있었어?")
    assert answer.intent == "below_cutoff" and answer.text.startswith("아니요"), answer.text


@pytest.mark.parametrize(
    "question",
    ["How many points is each evaluation area worth?", "분야별로 배점이 각각 몇 점이야?"],
)
def test_points_of_each_area_are_not_published(engine: Any, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.answered and answer.intent in ("not_published", "scoring_scheme"), answer.text


def test_names_below_the_cutoff_with_midal(engine: Any) -> None:
    answer = ask(engine, "2024년 미달 사무 이름 알려줘")
    assert answer.intent == "not_published" and not answer.answered, answer.text


def test_a_share_asked_what_it_divides(engine: Any) -> None:
    answer = ask(engine, "공개 자료에 나온 27.7%는 정확히 뭘 뭐로 나눈 거예요?")
    assert answer.intent == "figure_lookup", answer.text
    assert "13 / 47" in answer.text, answer.text


def test_the_side_of_a_service_asked(engine: Any) -> None:
    answer = ask(engine, "핀테크랩은 스타트업 육성 말고 글로벌 진출 쪽은 어땠어?")
    assert "글로벌" in answer.text and "매출" not in answer.text, answer.text


def test_a_premise_clause_before_the_ask(engine: Any) -> None:
    answer = ask(engine, "2022년엔 평균이 꽤 높았다고 하던데 2023년에는 좀 나빠졌나요?")
    assert answer.text.startswith("네"), answer.text
    assert "77.62" in answer.text and "74.02" in answer.text, answer.text


def test_a_comma_inside_an_english_list_is_no_clause(engine: Any) -> None:
    answer = ask(engine, "How were the points divided among the common, individual and user parts?")
    assert not answer.answered, answer.text


def test_the_other_language_asked_very_politely(engine: Any) -> None:
    answer = ask(engine, "마포 개선과제는?", "방금 내용 영어로 다시 알려 주시겠어요?")
    assert answer.lang == "en" and "Mapo" in answer.text, answer.text


PAGES14 = Path(__file__).resolve().parent / "fixtures" / "blind" / "many14"


@pytest.fixture(scope="module")
def contractors(kb_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed plus many14's pages (a 2027 results table with a 수탁기관 column)."""
    return engine_with_pages(kb_path, PAGES14, tmp_path_factory.mktemp("session10c"))


def test_a_contractor_a_results_table_names(contractors: Any) -> None:
    answer = ask(contractors, "전통시장 활성화지원센터는 어느 법인이 운영해?")
    assert answer.answered and "장터살림" in answer.text, answer.text
    follow = ask(contractors, "경계선지능인 센터 2027년 점수는?", "거기 운영 기관은?")
    assert follow.answered and "느린걸음" in follow.text, follow.text


def test_a_contractor_no_table_names_stays_unpublished(contractors: Any) -> None:
    answer = ask(contractors, "핀테크랩은 어느 업체가 운영해?")
    assert not answer.answered and answer.intent == "not_published", answer.text


def test_a_year_before_jeomsu_is_no_score(engine: Any) -> None:
    from bot.understand.scopes import out_of_range

    assert out_of_range("마포자원회수시설 2023 점수", (2015, 2024)) is None
    assert out_of_range("105점 받은 곳", (2015, 2024)) == "score:105"


@pytest.mark.parametrize(
    "question",
    [
        "2023년 3차에서 점수 2등은 어디야?",
        "Which service had the third highest score in round 3 of 2023?",
    ],
)
def test_a_place_below_the_top_is_the_ranking(engine: Any, question: str) -> None:
    assert ask(engine, question).intent == "rank"


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("마포자원회수시설 85점은 넘었지?", "알 수 없"),
        ("Did the Mapo facility score over 85?", "It cannot"),
    ],
)
def test_an_unknowable_score_check_opens_so_and_gives_the_average(
    engine: Any, question: str, opening: str
) -> None:
    answer = ask(engine, question)
    assert answer.text.startswith(opening) and "79.05" in answer.text, answer.text
