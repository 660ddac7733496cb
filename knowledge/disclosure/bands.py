"""Stage 5a: a distribution of scores → how many services scored in each band.

A round may publish, instead of (or beside) every score, how many services fell in each
band of scores — as a table whose header names the bands and whose row counts them::

    구간    | 90점 이상 | 80점 이상 ~ 90점 미만 | 75점 이상 ~ 80점 미만 | 75점 미만 | 계
    사무 수 |     1     |           7           |           5           |     2     | 15

or one band a row ("80~90점 | 7개"), or a line "90점 이상 1개, 80점대 7개, …".  Read as a
score table, "사무 수" was a service scoring 1 point; read as statements, "75점 미만 2" a
second count below the cutoff.  A band is neither: each is a figure of the round, named as
the reported bands are (``below_65``, ``from_65_to_70``; ``from_90_up`` for "90점 이상"),
out of the total the table gives ("계 15", a statement of how many were evaluated).  The
band under the cutoff is the count below it, and must agree with any other statement of it.
"""

from __future__ import annotations

import re

from knowledge.disclosure.draft import Draft
from knowledge.disclosure.lines import Line
from knowledge.model import DEFAULT_CUTOFF, Scope

NUM = r"[0-9]+(?:\.[0-9]+)?"
_CELLS = re.compile(r"\s*(?:\t|\||,|、| {2,})\s*")
_TWO = re.compile(
    rf"^(?P<lo>{NUM})(?:점)?(?:(?:이상|초과)(?:[~∼〜\-–]|부터)?|[~∼〜\-–]|부터)"
    rf"(?P<hi>{NUM})점(?:미만|이하|까지)?$"
)
_FROM = re.compile(rf"^(?P<lo>{NUM})점(?:이상|초과)$")
_BELOW = re.compile(rf"^(?P<hi>{NUM})점(?:미만|미달)$")
_DECADE = re.compile(r"^(?P<lo>[0-9]{2})점대$")
_TOTAL = frozenset({"계", "합계", "총계", "전체", "소계", "총"})
_COUNT = re.compile(r"^(?P<n>[0-9]{1,4})\s*(?:개(?:\s*사무)?)?$")
#: "90점 이상 1개", "80점대 7개 사무" inside a line of prose
_BAND_COUNT = re.compile(
    rf"(?P<band>(?:{NUM}\s*점?\s*(?:(?:이상|초과)\s*(?:[~∼〜\-–]|부터)?|[~∼〜\-–]|부터)\s*)?"
    rf"{NUM}\s*점\s*(?:이상|초과|미만|미달|대)?)"
    r"\s*:?\s*(?P<n>[0-9]{1,4})\s*개"
)

#: words of a line that distributes the services over bands ("점수 분포 : 90점 이상 1개, …");
#: elsewhere "75점 미만 8개 … 65점 미만 2개" may be about the year, not bands of the round
_DISTRIBUTION = re.compile(r"구간|분포|점대")

Band = tuple[float | None, float | None]


def band_of(cell: str) -> Band | None:
    """The band a cell names ("80점 이상 ~ 90점 미만" → (80, 90), "90점 이상" → (90, None),
    "75점 미만" → (None, 75), "70점대" → (70, 80)), or ``None``."""
    c = re.sub(r"\s+", "", cell).strip("()[]")
    if "점" not in c:
        return None
    if m := _TWO.match(c):
        lo, hi = float(m.group("lo")), float(m.group("hi"))
        return (lo, hi + (1 if c.endswith("이하") and hi == int(hi) else 0)) if lo < hi else None
    if m := _FROM.match(c):
        return float(m.group("lo")), None
    if m := _BELOW.match(c):
        return None, float(m.group("hi"))
    if m := _DECADE.match(c):
        return float(m.group("lo")), float(m.group("lo")) + 10
    return None


def band_metric(band: Band) -> str:
    """The figure's metric of a band, named as the reported bands are."""
    lo, hi = band

    def edge(x: float) -> str:
        return f"{x:g}".replace(".", "_")

    if lo is None:
        return f"below_{edge(hi or 0)}"
    if hi is None:
        return f"from_{edge(lo)}_up"
    return f"from_{edge(lo)}_to_{edge(hi)}"


class Bands:
    """Reads the band lines of one section: a header of bands waits for its counts row."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.columns: dict[int, Band] = {}
        self.total_at: int | None = None

    def line(self, line: Line, text: str) -> bool:
        """Read ``text`` if it is a band header, a counts row under one, or a band row;
        returns whether it was (and so is no score, service or statement)."""
        cells = [c for c in _CELLS.split(text.strip()) if c]
        bands = {i: b for i, c in enumerate(cells) if (b := band_of(c)) is not None}
        if len(bands) >= 2 and not any(_COUNT.match(c) for c in cells):
            self.columns = bands
            self.total_at = next(
                (i for i, c in enumerate(cells) if re.sub(r"\s+", "", c) in _TOTAL), None
            )
            return True
        if self.columns and (counts := self.counts_row(cells)):
            total = self.count(cells, self.total_at)
            self.record(counts, total, line, text)
            self.columns = {}
            return True
        if (
            bands
            and len(cells) >= 2
            and min(bands) == 0
            and (n := self.count(cells, 1)) is not None
        ):
            self.record([(bands[0], n)], None, line, text)  # "80~90점 | 7개"
            return True
        return False

    def prose(self, line: Line, text: str, scope: Scope | None) -> None:
        """Band counts in a sentence about a distribution ("점수 분포 : 65점 미만 2개, 65점 이상
        70점 미만 1개, …"), of the round (``scope`` None) or of the scope its words name."""
        if _DISTRIBUTION.search(text) is None:
            return
        found = [
            (b, int(m.group("n")))
            for m in _BAND_COUNT.finditer(text)
            if (b := band_of(m.group("band"))) is not None
        ]
        if len(found) < 2:
            return
        if scope is None:
            self.record(found, None, line, text)
            return
        for band, n in found:
            self.draft.figure(scope, band_metric(band), str(n), line, text)

    def counts_row(self, cells: list[str]) -> list[tuple[Band, int]]:
        """The counts under the header's bands, if every band's cell is a count."""
        out = []
        for i, band in self.columns.items():
            n = self.count(cells, i)
            if n is None:
                return []
            out.append((band, n))
        return out

    @staticmethod
    def count(cells: list[str], at: int | None) -> int | None:
        if at is None or at >= len(cells) or (m := _COUNT.match(cells[at].strip())) is None:
            return None
        return int(m.group("n"))

    def record(
        self, counts: list[tuple[Band, int]], total: int | None, line: Line, text: str
    ) -> None:
        """Each band's count as a figure of the round; the total as a count of the services
        evaluated; the band under the cutoff as the count below it."""
        draft = self.draft
        scope = draft.round_scope
        for band, n in counts:
            draft.figure(scope, band_metric(band), str(n), line, text, denominator=total)
        draft.where.setdefault("bands", line.no)
        if total is not None:
            draft.stated_counts.append((total, line))
            draft.fields.setdefault("services_evaluated", total)
            draft.where.setdefault("services_evaluated", line.no)
        cutoff = draft.fields.get("cutoff", DEFAULT_CUTOFF)
        below = [n for (lo, hi), n in counts if lo is None and hi == cutoff]
        if below:
            self.below_cutoff(below[0], cutoff, line)

    def below_cutoff(self, n: int, cutoff: float, line: Line) -> None:
        draft = self.draft
        stated = draft.fields.get("below_cutoff_count")
        if stated is not None and stated != n:
            draft.fail(
                line,
                f"expected {stated} service(s) below the cutoff as stated on line "
                f"{draft.where.get('below_cutoff')}, not {n}",
            )
        if stated is None:
            draft.fields.update({"below_cutoff_count": n, "cutoff": cutoff})
            draft.where.setdefault("below_cutoff", line.no)
            draft.where.setdefault("cutoff", line.no)
            draft.figure(draft.round_scope, "below_cutoff", str(n), line, line.text.strip())
