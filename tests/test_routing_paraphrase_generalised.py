"""Failure classes of fresh26 fixed generally (round 9): who is evaluated vs who evaluates in
any verb, a yes/no on whether the city evaluated by itself, an unknown name asked for its
results, a renewal asked as done, and follow-ups that split or compare the figure just given.
Every phrasing here is new (in no question set)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understand.everyday import official
from tests.helpers import turns

_CONTRACTOR = ("수탁기관", "contractor", "operator")
_EVALUATOR = ("한국산업관계연구원", "Industrial Relations")


# ---- who is evaluated (the contractor), in any verb -------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "Who really gets assessed, the city department or the contractor running it?",
        "Who is being graded in this evaluation, the city or the operator?",
        "Who gets reviewed here — the city or the organisation running the service?",
        "Who exactly is rated in these evaluations?",
        "Who's actually being scored, the ward office or the operator?",
        "누가 실제로 심사받는 거예요, 서울시예요 운영하는 단체예요?",
        "여기서 심사를 받는 건 누구예요?",
        "채점받는 쪽은 서울시야 수탁기관이야?",
        "점수 매겨지는 건 시 부서야, 운영기관이야?",
        "도대체 누가 평가를 받는 건가요, 시청인가요 운영 단체인가요?",
    ],
)
def test_who_is_evaluated_in_any_verb(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert any(word in answer.text for word in _CONTRACTOR), answer.text
    assert answer.intent == "purpose", answer.intent


@pytest.mark.parametrize(
    "question",
    [
        "Who did the judging?",
        "Who graded the services in round 3?",
        "누가 심사했어요?",
        "채점은 누가 했나요?",
        "Which body assessed the services?",
    ],
)
def test_who_evaluates_stays_the_evaluator(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert any(word in answer.text for word in _EVALUATOR), answer.text


# ---- did the city evaluate by itself? -----------------------------------------------------
@pytest.mark.parametrize(
    ("question", "starts"),
    [
        ("Did Seoul grade the services on its own?", "No"),
        ("Was the evaluation done in-house by the city?", "No"),
        ("Did the city rate these services itself?", "No"),
        ("Did City Hall assess the services by themselves?", "No"),
        ("서울시가 직접 평가했어?", "아니"),
        ("시청이 자체적으로 점수 매긴 거예요?", "아니"),
        ("서울시 공무원들이 직접 심사한 건가요?", "아니"),
    ],
)
def test_city_by_itself_is_no_an_external_body(engine: Engine, question: str, starts: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text
    assert answer.text.startswith(starts), answer.text
    assert any(word in answer.text for word in _EVALUATOR), answer.text


# ---- an unknown name asked for its results ----------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "남산타워 관리 평가는?",
        "청계천 민간위탁 평가 결과 알려줘",
        "한강공원 수영장 평가점수 나와?",
        "Are there evaluation results for Ttareungyi?",
        "What did the Namsan Tower operator score?",
        "세빛섬 운영 평가결과 있나요?",
    ],
)
def test_unknown_name_is_not_in_the_knowledge_base(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.answered, answer.text
    assert "79.05" not in answer.text, answer.text
    assert answer.intent == "unknown_service", answer.text


@pytest.mark.parametrize(
    "question",
    ["민간위탁 평가결과 있어?", "2023년 3차 평가 결과 알려줘", "Are there evaluation results?"],
)
def test_results_without_a_name_are_the_summary(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.answered, answer.text


# ---- a renewal asked as done: not excluded is not renewed --------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "소셜벤처허브센터는 재계약이 됐나요?",
        "마포자원회수시설은 결국 재계약 성사됐어?",
        "성평등활동지원센터 계약 연장됐어요?",
        "서남권직장맘지원센터 재계약 되었습니까?",
        "Did the fintech lab get renewed in the end?",
        "Was the social venture hub re-contracted?",
        "So the Mapo incinerator got its contract renewed?",
        "경계선지능인 평생교육지원센터는 재계약 이루어진 거예요?",
        "Then the gender equality centre was re-contracted?",
    ],
)
def test_renewal_done_is_not_yes(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert not answer.text.startswith(("네", "예", "Yes")), answer.text
    assert "75" in answer.text, answer.text


# ---- follow-ups over the figure just given ----------------------------------------------
@pytest.mark.parametrize(
    "follow",
    [
        "그 8개 점수 구간별로 나눠 줄래요?",
        "미만인 곳들 점수대별 분포는요?",
        "Can you break those 8 down by score band?",
        "How are the ones below 75 spread across score ranges?",
        "점수 구간별로 보여줘",
    ],
)
def test_bands_of_the_year_reported(engine: Engine, follow: str) -> None:
    last = turns(engine, "2024년 결과 나왔어요?", follow)[-1]
    assert last.answered, last.text
    for figure in ("65", "70", "5"):
        assert figure in last.text, last.text


@pytest.mark.parametrize(
    "follow",
    [
        "3차와 비교해 주세요",
        "3차에 비하면요?",
        "How does round 3 compare?",
        "Compare that with round 3",
        "3차하고 견주면요?",
    ],
)
def test_round_compared_after_another_round(engine: Engine, follow: str) -> None:
    last = turns(engine, "2023년 1차 결과 알려줘", follow)[-1]
    assert last.answered, last.text
    assert "6" in last.text and "12" in last.text, last.text


# ---- the rewriting keeps results and official wording -----------------------------------
@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("How many services were rated below 75?", "rated below 75"),
        ("Which service scored 80 or more?", "scored 80"),
        ("재계약 되는 거 맞죠?", "재계약 되는 거"),
        ("누가 평가했어?", "누가 평가했어"),
    ],
)
def test_results_and_official_words_are_not_rewritten(text: str, kept: str) -> None:
    assert kept in official(text)


def test_a_conclusion_asked_back_is_a_check_but_a_bare_scope_is_not(engine: Engine) -> None:
    assert engine.answer("So the fintech lab passed?").text.startswith("Yes")
    assert engine.answer("So the 2023 average?").intent != "yes_no"
