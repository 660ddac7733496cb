"""Service names in questions: a name written out in full is that service, even when a
shorter, similar name (one syllable apart) also reads fuzzily over the same words."""

from __future__ import annotations

import pytest

from bot.understand.services import ServiceIndex
from bot.understand.vocab import Vocab
from knowledge.model import Service

SERVICES = [
    Service(1, "한봄어린이집 운영", None),
    Service(2, "보미어린이집 운영", None),
    Service(3, "별들어린이집 운영", None),
]


@pytest.fixture(scope="module")
def index() -> ServiceIndex:
    return ServiceIndex(SERVICES, Vocab())


@pytest.mark.parametrize(
    "question",
    [
        # regression (oracle history 286709): the fuzzy reading of 보미 reached one letter
        # past the exact name into the English word after it, so both were asked back
        "What should 한봄어린이집 운영 improve?",
        "한봄어린이집 운영 개선과제",
        "how did 한봄어린이집 운영 do",
    ],
)
def test_a_name_in_full_is_that_service(index: ServiceIndex, question: str) -> None:
    assert index.match(question).named == (1,)


def test_two_names_in_full_are_both_named(index: ServiceIndex) -> None:
    assert set(index.match("한봄어린이집 운영 and 별들어린이집 운영").named) == {1, 3}
