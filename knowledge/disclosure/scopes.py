"""Stage 3a: the scope a statement gives itself by its own words.

A round's results often add what the year, or another year, came to — in the same line as
the round's own figures or a line below them, with no heading of their own:

* "2024년 제1~3차 합산 : 61개 사무 평균 78.52점, 75점 미만 8개(13.1%)" — the year's rounds
  together: the year's services, average, count below the cutoff and share;
* "참고 : 전년도(2025년) 1~3차 전체 58개 사무 평균 79.64점 …" — another year's figures;
* "… 평균 점수는 80.37점으로, 전년도(2024년) 전체 평균 78.52점 대비 1.85점 상승" — the
  round's average, then last year's, which the change is measured against.

Such a statement is no second statement of the round's average (which would refuse the
page): ``pieces`` cuts a statement where words naming another scope begin — a span of rounds
(1~3차), adding up (합산 누적 누계 연간 올해), another year (2025년, 전년도, 작년) — and says
which scope each piece is about.  The words live in ``layout.yaml`` (``scope_words``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from knowledge.disclosure.draft import MAX_YEAR, MIN_YEAR, year_of
from knowledge.disclosure.layout import layout
from knowledge.disclosure.sections import YEAR
from knowledge.model import Scope


@dataclass(frozen=True)
class PieceScope:
    """The scope words of one piece: its year, the span of rounds it names, whether it adds
    up the year's rounds ("합산", "전체") or only counts them so far ("누적 1~2차")."""

    year: int
    span: tuple[int, int] | None = None
    whole: bool = True

    @property
    def average(self) -> Scope:
        """The scope of an average or a count of services: the year, unless the words name
        only some of its rounds so far ("1~2차 누적")."""
        if self.span is not None and not self.whole:
            return Scope.rounds(self.year, *self.span)
        return Scope.year(self.year)

    @property
    def below(self) -> Scope:
        """The scope of a count below the cutoff: the rounds named ("1~3차 합산 … 8개" is
        stored as the seed's "1~3차 합산 47개 중 13개" is), else the year."""
        return Scope.rounds(self.year, *self.span) if self.span else Scope.year(self.year)


@cache
def _one() -> str:
    """One mark: another year ("전년도(2025년)", "2025년"), a span of rounds ("제1~3차"),
    words adding rounds up (``layout.yaml`` scope_words)."""
    words = layout()["scope_words"]

    def alternation(key: str) -> str:
        return "|".join(
            r"\s*".join(map(re.escape, w)) for w in sorted(words[key], key=len, reverse=True)
        )

    return (
        rf"(?P<last>{alternation('last_year')})(?:\s*\(\s*(?P<py>{YEAR})\s*년?\s*도?\s*\))?"
        rf"|(?P<y>{YEAR})\s*년\s*도?(?!\s*[0-9]{{1,2}}\s*월)"
        r"|(?:제\s*)?(?P<a>[0-9]{1,2})\s*차?\s*[~∼〜\-–]\s*(?:제\s*)?(?P<b>[0-9]{1,2})\s*차"
        rf"|(?P<whole>{alternation('whole')})|(?P<sofar>{alternation('so_far')})"
        r"|(?P<all>전\s*체)"
    )


@cache
def _mark() -> re.Pattern[str]:
    return re.compile(_one())


@cache
def _marks() -> re.Pattern[str]:
    """A run of marks, read as one scope: "2024년 제1~3차 합산 :", "전년도(2025년) 1~3차 전체"."""
    bare = re.sub(r"\?P<\w+>", "", _one())
    return re.compile(rf"(?:{bare})(?:[\s:(),]*(?:{bare}))*")


#: a mark followed by the comparison it names: "전년(…) 대비", "전체('15~'22년 …) 대비" are
#: read by the comparison (``statements._COMPARE``), not as a piece of their own
_BEFORE_COMPARE = re.compile(r"^\s*(?:\([^()]*\))?\s*대비")
_YEAR_FIGURE = re.compile(r"^\s*(?:평균|[0-9]+(?:\.[0-9]+)?\s*점\s*(?:미만|미달))")


def pieces(
    text: str, year: int, skip: tuple[tuple[int, int], ...] = ()
) -> list[tuple[PieceScope | None, str]]:
    """``text`` cut where words naming a scope other than the round ``year``'s begin: each
    piece with its scope (``None`` for the round's own words, always the first piece).
    Marks inside the ``skip`` spans (comparisons: "전년('22년 77.62) 대비 3.6점 하락") name
    what the comparison is against and cut nothing."""
    out: list[tuple[PieceScope | None, str]] = [(None, "")]
    at = 0
    for m in _marks().finditer(text):
        if any(a <= m.start() < b for a, b in skip):
            continue
        scope = _scope_of(m, year, text[m.end() :])
        if scope is None:
            continue
        out[-1] = (out[-1][0], text[at : m.start()])
        out.append((scope, ""))
        at = m.start()
    out[-1] = (out[-1][0], text[at:])
    return [(scope, piece) for scope, piece in out if piece.strip() or scope is None]


def _scope_of(m: re.Match[str], year: int, after: str) -> PieceScope | None:
    """The scope a run of marks names, or ``None`` when it names the round's own (a bare
    "2024년" of this year, "전년 대비" which the comparison reads, a date)."""
    if _BEFORE_COMPARE.match(after):
        return None
    named: int | None = None
    last = span = None
    whole = sofar = every = False
    for part in _mark().finditer(m.group()):
        groups = part.groupdict()
        if groups["last"]:
            last = groups["last"]
            named = year_of(groups["py"]) if groups["py"] else year - 1
        elif groups["y"] and named is None:
            named = year_of(groups["y"])
        elif groups["a"]:
            a, b = int(groups["a"]), int(groups["b"])
            span = (a, b) if 1 <= a < b else span
        whole |= bool(groups["whole"])
        sofar |= bool(groups["sofar"])
        every |= bool(groups["all"])
    target = named if named is not None else year
    if not MIN_YEAR <= target <= MAX_YEAR:
        return None
    if target != year or last:
        return PieceScope(target, span, whole or every or not sofar)
    # "전체" alone is the round's "전체 10개 사무", and "2024년" alone the round's year
    # ("2024년 평가대상 …"), unless the year's average or count below the cutoff follows
    alone = span is None and not whole and not sofar
    if alone and not ((every or named is not None) and _YEAR_FIGURE.match(after)):
        return None
    return PieceScope(target, span, whole or every or not (sofar and span))
