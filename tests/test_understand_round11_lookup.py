"""Round 11 (H17): a content lookup stating how many services it expects; a service that
runs something is no question about who runs it; a mistyped word inside a glued run of
Korean words; a two-part question whose second part asks what is published instead.

Phrasings are new (in no question set)."""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.understand.entities import Entities
from bot.understand.lexicon import Lexicon
from bot.understand.normalise import jamo
from bot.understand.search import services_counted
from bot.understand.unpublished import asking_parts, unpublished

MAPO, BORDERLINE, FINTECH, MOMS = "마포자원회수시설", "경계선지능인", "핀테크랩", "직장맘"


def _services_listed(text: str) -> set[str]:
    """The known services whose names head a block of a topic search reply."""
    names = {MAPO, BORDERLINE, FINTECH, MOMS, "소셜벤처", "성평등", "Mapo", "Borderline"}
    names |= {"Fintech", "Working Moms", "Social Venture", "Gender Equality"}
    return {n for n in names if any(n in line and " — " in line for line in text.splitlines())}


# ---- how many services a description asks for ------------------------------------------------
@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("Which two services were told to tidy up their paperwork?", 2),
        ("Name the three centres praised for outreach", 3),
        ("Which 3 facilities were criticised?", 3),
        ("점검 얘기 들은 두 군데", 2),
        ("교육 강화하라는 세 곳", 3),
        ("둘 다 체크리스트 얘기 들었어?", 2),
        ("Were both of them told to train staff?", 2),
        # a round, a number of times, a year: no count of services
        ("Which of the round-3 services train staff?", None),
        ("among the round 2 centres, which one trains staff?", None),
        ("Was it told so in both rounds?", None),
        ("두 번 지적받았어?", None),
        ("two years ago", None),
    ],
)
def test_the_services_a_question_counts(question: str, count: int | None) -> None:
    assert services_counted(question) == count


def test_a_stated_count_reaches_a_service_the_plain_search_leaves_out(engine: Engine) -> None:
    """공공성 준수 is said by two findings word for word; the fintech lab was told to keep to
    the rules (준수 … 강화) — the third of "세 곳" fits on its own, though less well."""
    plain = engine.answer("공공성 준수를 강화하라고 한 곳")
    assert FINTECH not in plain.text
    counted = engine.answer("공공성 준수를 강화하라고 한 세 곳")
    assert counted.intent == "topic_search"
    assert _services_listed(counted.text) == {MAPO, BORDERLINE, FINTECH}


def test_a_stated_count_keeps_the_best_services_only(engine: Engine) -> None:
    """Three services were told 고도화 필요; two say 사업 too, and two are asked for."""
    assert len(_services_listed(engine.answer("사업 고도화가 필요하다는 곳").text)) == 3
    answer = engine.answer("사업 고도화가 필요하다는 두 곳")
    assert _services_listed(answer.text) == {"소셜벤처", MOMS}, answer.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        (
            "Which three services were told to use the inspection checklist for self-checks?",
            "You asked for 3 services; only 2 have findings that fit.",
        ),
        ("체크리스트 써서 자체진단하라는 얘기 들은 세 곳", "3곳을 물으셨지만"),
    ],
)
def test_fewer_fitting_than_asked_is_said(engine: Engine, question: str, said: str) -> None:
    answer = engine.answer(question)
    assert answer.answered
    assert said in answer.text
    assert len(_services_listed(answer.text)) == 2, answer.text


def test_a_count_brings_in_findings_saying_the_topic_word_for_word(engine: Engine) -> None:
    """The best hits for "…자체진단…" say 체크리스트 of Mapo only; two services asked: the
    other finding mentioning the checklist is the second."""
    assert _services_listed(engine.answer("체크리스트 써서 자체진단하라는 얘기 들은 곳").text) == {
        MAPO
    }
    answer = engine.answer("체크리스트 써서 자체진단하라는 얘기 들은 두 곳")
    assert _services_listed(answer.text) == {MAPO, BORDERLINE}


@pytest.mark.parametrize(
    "question",
    [
        "Who was told to strengthen self-inspection using the checklist?",
        "Which services need better self-inspection?",
    ],
)
def test_a_hyphenated_word_is_read_as_its_parts(engine: Engine, question: str) -> None:
    """ "self-inspection": Mapo's finding says "self-assessment … inspection checklist"."""
    assert _services_listed(engine.answer(question).text) == {"Mapo", "Borderline"}


# ---- a service running something -----------------------------------------------------------
@pytest.mark.parametrize(
    "question",
    [
        "What is the sandwich class held by the working moms centre?",
        "Tell me about the lunchtime class operated by the working moms centre",
        "직장맘센터에서 운영하는 점심시간 법률상담 프로그램 이름 알려줘",
    ],
)
def test_what_a_service_runs_is_looked_up(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent != "not_published"
    assert answer.answered
    assert "샌드위치" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which organisation is the working moms centre run by?",
        "Is the fintech lab run by a company in the center of Seoul?",
        "직장맘센터를 운영하는 곳은?",
    ],
)
def test_who_runs_a_service_is_still_not_published(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "not_published"
    assert not answer.answered


def test_the_runner_phrase_needs_a_named_service() -> None:
    """No service named: "run by the centre" may well ask who runs it."""
    named = Entities(services=(3,))
    assert unpublished("the workshop run by the working moms centre", named) is None
    found = unpublished("the workshop run by the working moms centre", Entities())
    assert found is not None and found.name == "contractor"


# ---- a mistyped word inside a glued run ----------------------------------------------------
@pytest.mark.parametrize(
    ("question", "intent", "expected"),
    [
        ("평가긱관어디야", "evaluator", "한국산업관계연구원"),
        ("평귱몇점이야", "average", "79.05"),
    ],
)
def test_a_glued_run_with_a_typo_is_understood(
    engine: Engine, question: str, intent: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == intent
    assert expected in answer.text


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("평가기곤은어디", "평가기관은어디"),
        ("재계약배즤기준", "재계약배제기준"),
        ("허브센타가어디", "허브센터가어디"),
        # real words stay: a start made of known words, verb forms, words of the findings
        ("평가기간은언제", "평가기간은언제"),
        ("평가받아", "평가받아"),
        ("사무수가몇개", "사무수가몇개"),
        ("평가할때", "평가할때"),
        ("체크리스트를활용한", "체크리스트를활용한"),
    ],
)
def test_the_corrector_fixes_glued_runs_only(engine: Engine, text: str, fixed: str) -> None:
    assert engine.understander.lexicon.correct(text) == fixed


def test_a_missed_key_beats_a_wrong_key() -> None:
    """ "곤" is "관" with ㅏ not typed, "간" with ㅗ typed for ㅏ: the missed key wins."""
    targets = {jamo(w): w for w in ("평가기관", "평가기간")}
    assert Lexicon._nearest("평가기곤", targets) == "평가기관"
    # one wrong key from both: no correction
    assert Lexicon._nearest("평가기근", {jamo(w): w for w in ("평가기간", "평가기건")}) is None


# ---- two parts: the unpublished fact and what is published instead --------------------------
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("각 분야 배점은 어떻게 나뉘어 있나요? 뭘 보고 평가하는지도 알려주세요.", "공통분야"),
        ("How are the 100 points divided among the areas? And what are the criteria?", "Common"),
        ("평가 용역비는 얼마였어? 누가 평가했어?", "한국산업관계연구원"),
    ],
)
def test_a_second_part_asking_what_is_published_is_answered(
    engine: Engine, question: str, expected: str
) -> None:
    answer = engine.answer(question)
    assert answer.intent == "not_published"
    assert answer.answered
    assert expected in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "각 분야 배점은 어떻게 나뉘어 있나요?",
        "How are the 100 points divided among the areas?",
        "평가 용역비는 얼마였어?",
        # both parts of one unpublished fact ("published … when?"): still not answered
        "결과 공개? 언제였어?",
    ],
)
def test_asking_only_the_unpublished_fact_is_not_answered(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.intent == "not_published"
    assert not answer.answered


def test_the_parts_of_a_question() -> None:
    assert asking_parts("Hi. How are the points split? And also what are the areas?") == [
        "How are the points split?",
        "what are the areas?",
    ]
    assert asking_parts("배점은? 그리고 항목은?") == ["배점은?", "항목은?"]
