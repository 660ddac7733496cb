"""Recompute what a disclosure states and warn where its own numbers disagree.

Disclosures are typed by hand: a difference can be subtracted the wrong way, a share
rounded from the wrong count.  The knowledge base keeps the document's words (that is
what was published) but never silently: every mismatch becomes a ``ConsistencyWarning``
naming the document and the line, printed at build and ingest.  (Published *scores* that
contradict the stated average, count or names are not warned about: the parser refuses
the document, see ``knowledge.disclosure.scores``.)

Published numbers are themselves rounded, so a recomputation is compared with a
tolerance of half a unit in the last published place of every number involved: a stated
"3.6" is consistent with 77.62 - 74.02 = 3.60.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from knowledge.model import ConsistencyWarning, Figure, Round, Scope
from knowledge.names import match_key, service_key

Problem = tuple[int | None, str]

_EPSILON = 1e-9


def check_round(round_: Round, document: str) -> list[ConsistencyWarning]:
    """Every inconsistency of one parsed round, in the order of the checks below."""
    return [
        ConsistencyWarning(document, line_no, message)
        for check in _CHECKS
        for line_no, message in check(round_)
    ]


def _half(precision: int) -> float:
    """Half a unit in the last published place: the most rounding can have moved a number."""
    return 0.5 * 10.0**-precision


def _fmt(value: float, precision: int) -> str:
    return f"{value:.{precision}f}"


def _index(round_: Round, metric: str) -> dict[Scope, Figure]:
    found: dict[Scope, Figure] = {}
    for f in round_.figures:
        if f.metric == metric:
            found.setdefault(f.scope, f)
    return found


def stated_differences(round_: Round) -> Iterator[Problem]:
    """A stated difference of averages (e.g. "3.6점 하락") against the two stated averages."""
    averages = _index(round_, "average_score")
    for diff in round_.figures:
        if diff.metric != "average_diff" or diff.compared_to is None or diff.value is None:
            continue
        this, other = averages.get(diff.scope), averages.get(diff.compared_to)
        if this is None or other is None or this.value is None or other.value is None:
            continue
        computed = this.value - other.value
        tolerance = _half(diff.precision) + _half(this.precision) + _half(other.precision)
        if abs(computed - diff.value) > tolerance + _EPSILON:
            shown = max(this.precision, other.precision)
            yield (
                diff.line_no,
                f"stated difference {diff.value:+.{diff.precision}f} ({diff.scope.key} vs "
                f"{diff.compared_to.key}) but {_fmt(this.value, this.precision)} - "
                f"{_fmt(other.value, other.precision)} = {computed:+.{shown}f}",
            )


def stated_shares(round_: Round) -> Iterator[Problem]:
    """A stated share (e.g. "13개(27.7%)") against count / denominator."""
    counts = _index(round_, "below_cutoff")
    for share in round_.figures:
        if share.metric != "below_cutoff_share_pct" or not share.denominator or share.value is None:
            continue
        count = counts.get(share.scope)
        if count is None or count.value is None:
            continue
        computed = 100.0 * count.value / share.denominator
        if abs(computed - share.value) > _half(share.precision) + _EPSILON:
            yield (
                share.line_no,
                f"stated share {_fmt(share.value, share.precision)}% ({share.scope.key}) but "
                f"{count.value:.0f} / {share.denominator} = {computed:.{share.precision + 1}f}%",
            )


def stated_counts(round_: Round) -> Iterator[Problem]:
    """Counts that must agree with each other: evaluated vs sections, round vs year to date."""
    n = len(round_.services)
    if round_.services_evaluated is not None and round_.services_evaluated != n:
        yield (
            round_.lines.get("services_evaluated"),
            f"stated {round_.services_evaluated} services evaluated but the document has "
            f"{n} service sections",
        )
    if (
        round_.services_in_year is not None
        and (round_.services_evaluated or 0) > round_.services_in_year
    ):
        yield (
            round_.lines.get("services_in_year"),
            f"{round_.services_evaluated} services evaluated in the round but only "
            f"{round_.services_in_year} in the year",
        )
    for f in _index(round_, "below_cutoff").values():
        if f.value is None:
            continue
        if f.denominator is not None and f.value > f.denominator:
            yield (
                f.line_no,
                f"{f.value:.0f} below the cutoff out of only {f.denominator} ({f.scope.key})",
            )
        if (
            round_.below_cutoff_count is not None
            and f.scope != round_.scope
            and _covers(f.scope, round_.scope)
            and f.value < round_.below_cutoff_count
        ):
            yield (
                f.line_no,
                f"{f.value:.0f} below the cutoff in {f.scope.key}, fewer than the "
                f"{round_.below_cutoff_count} of round {round_.round_no} alone",
            )


def _covers(outer: Scope, inner: Scope) -> bool:
    """True when ``outer`` is a span of rounds of one year that includes ``inner``'s round."""
    return (
        outer.year_start == outer.year_end == inner.year_start
        and outer.round_start is not None
        and inner.round_start is not None
        and outer.round_start <= inner.round_start <= (outer.round_end or 0)
    )


def below_cutoff_names(round_: Round) -> Iterator[Problem]:
    """Services named as below the cutoff: as many as the count says, each one of the round.

    (A named service whose published score is not below the cutoff is a contradiction the
    parser refuses outright.)
    """
    names = round_.below_cutoff_names
    if not names:
        return
    line = round_.lines.get("below_cutoff")
    if round_.below_cutoff_count is not None and len(names) != round_.below_cutoff_count:
        yield (
            line,
            f"{len(names)} services named below the cutoff but the count says "
            f"{round_.below_cutoff_count}",
        )
    by_key = {service_key(s.name_ko): s for s in round_.services}
    for name in names:
        if match_key(service_key(name), by_key) is None:
            yield line, f"'{name}' is named below the cutoff but is not one service of this round"


_CHECKS: tuple[Callable[[Round], Iterator[Problem]], ...] = (
    stated_differences,
    stated_shares,
    stated_counts,
    below_cutoff_names,
)
