"""Questions about what the evaluation is, what it scores, what Seoul does with it and what
the loaded disclosure holds — answered from the stored round, in both languages, however
wordily asked.  Phrasings differ from the diagnosis sets on purpose."""

from __future__ import annotations

import pytest

from bot.engine import Engine


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        (
            "쉽게 말해서 이 평가가 뭔지 설명 좀 해 주세요",
            ["재계약", "한국산업관계연구원", "공통분야"],
        ),
        ("평가 결과가 나오면 시에서는 그걸로 무엇을 하는지 궁금합니다", ["재계약", "공개모집"]),
        (
            "Could you tell me, in simple terms, what the city does with the evaluation results?",
            ["renew", "open call"],
        ),
        (
            "What exactly is this evaluation? I'm new to all this.",
            ["renew", "Industrial Relations"],
        ),
    ],
)
def test_what_the_evaluation_is_and_does(engine: Engine, question: str, needles: list[str]) -> None:
    answer = engine.answer(question)
    assert answer.intent == "purpose", answer.text
    for needle in needles:
        assert needle in answer.text


def test_the_purpose_names_who_scores_and_what_is_scored(engine: Engine) -> None:
    text = engine.answer("이 평가는 왜 하는 거야?").text
    assert "한국산업관계연구원" in text
    assert "100점" in text


@pytest.mark.parametrize(
    ("question", "needle"),
    [("채점은 무엇을 보고 하나요?", "공통분야"), ("What do they look at when scoring?", "100")],
)
def test_what_is_scored(engine: Engine, question: str, needle: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "scoring_scheme", answer.text
    assert needle in answer.text


@pytest.mark.parametrize(
    ("question", "needles"),
    [
        (
            "이 봇이 쓰는 공개 자료에는 무슨 내용이 들어 있나요?",
            ["공식 공개 자료", "개선 과제", "6개 사무"],
        ),
        ("Which document are your answers based on?", ["official disclosure", "2023 round 3"]),
    ],
)
def test_what_the_loaded_disclosure_holds(
    engine: Engine, question: str, needles: list[str]
) -> None:
    answer = engine.answer(question)
    assert answer.intent == "help", answer.text
    first = answer.text.splitlines()[0]
    for needle in needles:
        assert needle in first


@pytest.mark.parametrize(
    ("question", "intent", "needle"),
    [
        ("아버지가 궁금해하셔서요, 이 평가는 누가 하는 거예요?", "evaluator", "한국산업관계연구원"),
        ("What does 종합성과평가 mean?", "purpose", "comprehensive performance evaluation"),
        ("민간위탁이라는 게 정확히 무슨 뜻인지 쉽게 알려 주세요", "purpose", "재계약"),
        (
            "Sorry if this is a silly question, but what happens if a contractor scores below 75?",
            "cutoff_rule",
            "open call",
        ),
    ],
)
def test_a_wordy_about_question_reaches_its_answer(
    engine: Engine, question: str, intent: str, needle: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent, answer.text
    assert needle in answer.text


def test_what_does_the_average_mean_stays_an_average(engine: Engine) -> None:
    # "mean" as the average's noun is not a term asked about
    assert engine.answer("What is the mean score of round 3?").intent == "average"
