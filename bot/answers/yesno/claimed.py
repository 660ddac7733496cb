"""What a question claims about a finding: its kind (praised or criticised) and one of two
opposite states ("새" / "노후") — lookup.yaml's words, compiled once — and the question with
those words taken out, so the rest can be looked for in the findings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from bot.answers.base import Request
from bot.understand.search import load_lookup
from knowledge.model import StoredFinding


@dataclass(frozen=True)
class Claims:
    """lookup.yaml ``claims`` and ``opposites``, compiled once."""

    praised: re.Pattern[str]
    criticised: re.Pattern[str]
    #: each pair of opposite states: (one side's pattern, the other's)
    opposites: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]


def _words_pattern(words: list[str]) -> re.Pattern[str]:
    """Korean cues at a word's start (any ending after), English ones as whole words."""
    korean = [re.escape(w) for w in sorted(words, key=len, reverse=True) if not w.isascii()]
    latin = [re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isascii()]
    parts_ = []
    if korean:
        parts_.append(rf"(?<![가-힣])(?:{'|'.join(korean)})")
    if latin:
        parts_.append(rf"(?<![a-z\-])(?:{'|'.join(latin)})(?![a-z])")
    return re.compile("|".join(parts_) or r"(?!x)x")


def _inside_pattern(words: list[str]) -> re.Pattern[str]:
    """Korean cues anywhere in a word ("칭찬받은"), English ones as whole words."""
    korean = [re.escape(w) for w in sorted(words, key=len, reverse=True) if not w.isascii()]
    latin = [re.escape(w) for w in sorted(words, key=len, reverse=True) if w.isascii()]
    parts_ = [f"(?:{'|'.join(korean)})"] if korean else []
    if latin:
        parts_.append(rf"(?<![a-z])(?:{'|'.join(latin)})(?![a-z])")
    return re.compile("|".join(parts_) or r"(?!x)x")


@cache
def claims() -> Claims:
    """The claim words, loaded once (they are data: lookup.yaml)."""
    data = load_lookup()
    return Claims(
        praised=_inside_pattern([str(w) for w in data["claims"]["praised"]]),
        criticised=_inside_pattern([str(w) for w in data["claims"]["criticised"]]),
        opposites=tuple(
            (_words_pattern([str(w) for w in one]), _words_pattern([str(w) for w in other]))
            for one, other in data["opposites"]
        ),
    )


def claimed_kind(question: str) -> str | None:
    """ "칭찬받은 거 맞죠?" claims an achievement, "지적받았지?" an improvement task; both or
    neither: no claim."""
    lower = question.lower()
    praised = bool(claims().praised.search(lower))
    criticised = bool(claims().criticised.search(lower))
    if praised == criticised:
        return None
    return "achievement" if praised else "improvement"


def claimed_sides(question: str) -> list[tuple[int, bool, bool]]:
    """The opposite states the question names: (pair, names the first side, the second)."""
    lower = question.lower()
    out = []
    for i, (one, other) in enumerate(claims().opposites):
        first, second = bool(one.search(lower)), bool(other.search(lower))
        if first or second:
            out.append((i, first, second))
    return out


def without_claims(text: str) -> str:
    """The question without how it puts its claim ("칭찬받은", "praised"): no finding says
    those words; the finding's kind is checked apart."""
    c = claims()
    return _without(text, (c.praised, c.criticised))


def without_sides(text: str) -> str:
    """The question without the state it names ("새", "new"): checked apart, against the
    state the findings give."""
    return _without(text, tuple(p for pair in claims().opposites for p in pair))


@cache
def _whole_word(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` widened to the whole Korean word holding it, compiled once."""
    return re.compile(rf"[가-힣]*(?:{pattern.pattern})[가-힣]*")


def _without(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """``text`` without the words holding one of ``patterns`` (a Korean word whole)."""
    lower = text.lower()
    for pattern in patterns:
        lower = _whole_word(pattern).sub(" ", lower)
    return " ".join(lower.split()) or text


def wrong_kind(req: Request, finding: StoredFinding) -> str | None:
    """The line saying the finding is of the other kind than the question claims."""
    claimed = claimed_kind(req.question)
    if claimed is None or claimed == finding.kind:
        return None
    if claimed == "achievement":
        return req.t._("That was an improvement task, not an achievement:")
    return req.t._("That was an achievement, not an improvement task:")
