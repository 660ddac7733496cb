"""A service is never read across places: the seed holds the 서남권 (southwest) working-moms
centre and the 마포 resource recovery facility; a question about the 동북권 or 서북권 centre,
or the 강동/노원 facility, is about a service the knowledge base does not hold — answering
with the southwest centre's findings or a "yes, it was evaluated" would be false."""

from __future__ import annotations

import pytest

from bot.engine import Engine

OTHER_PLACE = [
    ("동북권 직장맘지원센터 개선과제", "ko"),
    ("What did the northeast working moms center achieve?", "en"),
    ("강동 자원회수시설 개선과제", "ko"),
    ("노원자원회수시설 평가 결과 알려줘", "ko"),
]
SAME_PLACE = [
    ("서남권 직장맘지원센터 개선과제", 3),
    ("southwest working moms center improvements", 3),
    ("직장맘센터 개선과제", 3),
    ("마포 소각장 개선과제", 4),
    ("Mapo facility improvements", 4),
]


@pytest.mark.parametrize(("question", "lang"), OTHER_PLACE)
def test_a_service_of_another_place_is_not_the_one_held(
    engine: Engine, question: str, lang: str
) -> None:
    assert engine.decide(question).entities.services == ()
    answer = engine.answer(question, lang)
    assert not answer.answered
    assert not answer.text.lower().startswith(("yes", "네"))
    assert "서남권" not in answer.text.splitlines()[0]
    assert "마포자원회수시설 관리" not in answer.text.splitlines()[0]


#: Whether another place was evaluated at all: "no, it is not among the round's services"
#: (answered; its results, asked for, stay unknown above).
MEMBERSHIP = [
    ("서북권직장맘지원센터도 2023년 3차때 평가받았나요?", "ko"),
    ("Was the northwest working moms center evaluated?", "en"),
]


@pytest.mark.parametrize(("question", "lang"), MEMBERSHIP)
def test_another_place_was_not_among_the_evaluated(
    engine: Engine, question: str, lang: str
) -> None:
    assert engine.decide(question).entities.services == ()
    answer = engine.answer(question, lang)
    assert answer.answered
    assert answer.text.lower().startswith(("no", "아니"))


@pytest.mark.parametrize(("question", "service"), SAME_PLACE)
def test_the_same_place_or_none_still_names_the_service(
    engine: Engine, question: str, service: int
) -> None:
    assert engine.decide(question).entities.services == (service,)
