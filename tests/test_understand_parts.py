"""How a question asks (parts.yaml): operations, yes/no form, references into the previous
answer, repeat requests — and the strict loading of every data file of the understanding
layer (a misspelt key fails at start-up)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.understand.intents import IntentsError, check_intents, load_intents
from bot.understand.parts import Parts, load_parts


@pytest.fixture(scope="module")
def parts() -> Parts:
    return Parts.load()


@pytest.mark.parametrize(
    ("question", "how"),
    [
        ("3차 평균은 기준선에서 얼마나 여유 있어?", "gap"),
        ("how much below the cutoff was the yearly average?", "gap"),
        ("둘이 몇 점 차이야?", "gap"),
        ("which one was higher?", "versus"),
        ("어느 쪽이 더 높아?", "versus"),
        ("기준 통과한 사무는 몇 곳?", "complement"),
        ("how many made it?", "complement"),
        ("요즘 평가 점수 오르는 중이야?", "trend"),
        ("is performance improving over the years?", "trend"),
        ("평균 점수는?", None),
        ("기준점수 못넘은 사무", None),  # "못 넘은" denies the complement
    ],
)
def test_the_operation_is_read_from_the_words(parts: Parts, question: str, how: str | None) -> None:
    assert parts.operation(question.lower()) == how


@pytest.mark.parametrize(
    "question",
    [
        "이번 평가 외부에 맡긴 거 맞아?",
        "핀테크랩은 재계약 돼?",
        "사용자 만족도도 평가에 들어가?",
        "3차 평균 기준 넘었어?",
        "평가결과가 재계약에 반영되나요",
        "Did the city grade them itself?",
        "was it done in the spring",
        "so is the cutoff 75",
        "the cutoff is 75, right?",
    ],
)
def test_yes_no_questions_are_recognised(parts: Parts, question: str) -> None:
    assert parts.yes_no(question)


@pytest.mark.parametrize(
    "question",
    [
        "평균 점수는?",
        "평가는 누가 했어?",
        "3차 평가 대상 사무 알려줘",
        "핀테크랩 성과",
        "이번 평가 결과 어땠어?",
        "what was the average?",
        "which services fell below 75",
        "Tell me about the evaluation",
    ],
)
def test_other_questions_are_not_yes_no(parts: Parts, question: str) -> None:
    assert not parts.yes_no(question)


@pytest.mark.parametrize(
    ("question", "position"),
    [
        ("마지막 거 개선과제는?", -1),
        ("세 번째 거 성과는?", 3),
        ("네번째꺼 잘한 점", 4),
        ("what should the second one improve?", 2),
        ("tell me about the last one", -1),
        ("2번 사무 점수", 2),
        ("세 번째 차수 평균", None),  # a round, not an item of the list
        ("the first round", None),
    ],
)
def test_ordinal_references_point_into_the_previous_list(
    parts: Parts, question: str, position: int | None
) -> None:
    assert parts.ordinal(question.lower()) == position


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("영어로", "en"),
        ("영어로 다시", "en"),
        ("in Korean please", "ko"),
        ("한국어로 알려줘", "ko"),
        ("영어로 된 자료 있어?", None),
        ("in english, what was the average?", None),
    ],
)
def test_only_a_bare_request_repeats_the_last_answer(
    parts: Parts, question: str, lang: str | None
) -> None:
    assert parts.repeat_lang(question) == lang


def test_a_misspelt_key_in_parts_yaml_fails_at_start_up(tmp_path: Path) -> None:
    data = dict(load_parts())
    data["how"] = {**data["how"], "compliment": data["how"]["complement"]}
    path = tmp_path / "parts.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValueError, match="how"):
        load_parts.__wrapped__(path)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d["intents"]["average"].update(cue=["평균"]),  # "cue" for "cues"
        lambda d: d["intents"]["average"].update(slots=["scope", "year"]),
        lambda d: d["intents"]["average"]["features"].update({"metric:avrage": 3}),
        lambda d: d.update(internal_intent=["fallback"]),
        lambda d: d["matching"].update(cutof=60),
        lambda d: d["place_intents"].append("averages"),
        lambda d: d["intents"]["average"]["examples"].pop("en"),
    ],
)
def test_a_misspelt_key_in_intents_yaml_fails_at_start_up(mutate) -> None:
    data = yaml.safe_load(yaml.safe_dump(load_intents(), allow_unicode=True))
    mutate(data)
    with pytest.raises((IntentsError, TypeError)):
        check_intents(data)


def test_intent_metadata_lives_in_intents_yaml_only() -> None:
    import bot.understand.decide as decide

    data = load_intents()
    assert tuple(data["internal_intents"]) == decide.INTERNAL_INTENTS
    assert frozenset(data["place_intents"]) == decide.PLACE_INTENTS


def test_no_suggestion_or_word_list_names_a_year() -> None:
    """Years come from the data; a word list or suggestion that names one goes stale."""
    import re

    from bot.understand.vocab import load_vocab

    data = load_intents()
    asks = [a for spec in data["intents"].values() for a in (spec.get("ask") or {}).values()]
    helps = [h for spec in data["intents"].values() for h in (spec.get("help") or {}).values()]
    lists = yaml.safe_dump(load_vocab(), allow_unicode=True) + yaml.safe_dump(
        load_parts(), allow_unicode=True
    )
    year = re.compile(r"(?<!\d)20[12]\d(?!\d)")
    assert not [t for t in asks + helps if year.search(t)]
    assert not year.search(lists)
