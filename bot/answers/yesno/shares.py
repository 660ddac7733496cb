"""A share a yes/no question states, in percent or in words ("탈락 비율 30% 넘었어?", "half of
the services failed. True?", "대부분 떨어졌대", "less than a third"), and whether a share found
in the knowledge base meets it.

The words are data (cues.yaml ``fractions``, ``majority``, ``not_fractions``, ``at_least``,
``more``, ``less``); this module says what they mean: the side of the stated share a claim
asserts is read next to it — after it first ("30% 넘게", "절반 이상"), then before it ("more
than a quarter", "under 20%") — and never across another number ("절반이 75점 미만": 미만 is
the score's, not the share's)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from bot.answers.yesno.cues import (
    AT_LEAST,
    FRACTION_WORDS,
    FRACTIONS,
    LESS,
    MAJORITY,
    MORE,
    NOT_FRACTIONS,
)

#: A share stated in percent ("30%", "20 percent", "27.7프로").
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|퍼센트|프로|percent)")
#: How far from the stated share its side is looked for (characters), before and after it.
_BEFORE, _AFTER = 14, 8
_DIGIT = re.compile(r"\d")
_HANGUL = re.compile("[가-힣]")


@dataclass(frozen=True)
class Stated:
    """A share a question states: its value in percent and the side of it asserted."""

    value: float
    #: above (more than) | at_least | below (less than) | equal (a bare percent, at its
    #: stated precision)
    side: str
    #: decimals the value was written with ("27.7%": 1); words state no precision
    places: int = 0
    #: said in words ("half", "3분의 1", "most"), not as a number
    words: bool = False

    def met_by(self, share: float) -> bool:
        """Whether a share (percent) makes the claim hold."""
        if self.side == "below":
            return share < self.value
        if self.side == "above":
            return share > self.value
        if self.side == "at_least":
            return share >= self.value
        return round(share, self.places) == round(self.value, self.places)


def stated_share(question: str) -> Stated | None:
    """The share ``question`` measures against, in percent or in words, else None."""
    lower = question.lower()
    found = PERCENT.search(lower)
    if found is not None:
        number = found.group(1)
        places = len(number.split(".")[1]) if "." in number else 0
        side = _side(lower, found.start(), found.end(), found.group(0)) or "equal"
        return Stated(float(number), side, places)
    return _in_words(lower)


def _in_words(lower: str) -> Stated | None:
    """A share said in words: a fraction ("a third", "절반") or a majority ("most", "과반")."""
    text = NOT_FRACTIONS.sub(lambda m: " " * len(m.group(0)), lower)  # keep the positions
    fraction = FRACTION_WORDS.search(text)
    majority = MAJORITY.search(text)
    if fraction is not None and (majority is None or fraction.start() <= majority.start()):
        value = float(_fraction_of(fraction.group(0)) * 100)
        side = _side(text, fraction.start(), fraction.end(), fraction.group(0)) or "at_least"
        return Stated(value, side, words=True)
    if majority is not None:
        said = _side(text, majority.start(), majority.end(), majority.group(0))
        return Stated(50.0, "below" if said == "below" else "above", words=True)
    return None


def _fraction_of(word: str) -> Fraction:
    """The fraction a matched fraction word states (spaces taken out to look it up)."""
    return FRACTIONS[re.sub(r"\s+", "", word)]


def _side(lower: str, start: int, end: int, said: str) -> str | None:
    """The side asserted by the words next to the stated share, each stopping at another
    number: within it ("반 넘게"); after it in Korean ("30% 넘게", "절반 이상") or after an
    English "or" ("a third or more"); before it in English ("more than half", "under 20%") —
    never the words of another part ("half fell under 75", "미만인 곳이 절반")."""
    after = lower[end : end + _AFTER]
    digit = _DIGIT.search(after)
    after = after[: digit.start()] if digit else after
    before = lower[max(0, start - _BEFORE) : start]
    digits = list(_DIGIT.finditer(before))
    before = before[digits[-1].end() :] if digits else before
    nearby = [said]
    if _HANGUL.search(after) or after.lstrip().startswith("or "):
        nearby.append(after)
    if not _HANGUL.search(before):
        nearby.append(before)
    for near in nearby:
        if LESS.search(near):
            return "below"
        if AT_LEAST.search(near):
            return "at_least"
        if MORE.search(near):
            return "above"
    return None
