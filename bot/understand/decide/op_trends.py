"""*How* steps, last part: counts by a line, shares of a year, and directions over time.

"70점이 안 된 사무는 몇 곳?", "75점 이상 받은 곳 몇 개야?", "what fraction of the year's
evaluated services were in round 3?", "2023년에서 2024년으로 넘어가면서 어느 쪽으로
움직였어?", "is it getting better?": which count, share or direction the operation is, then
a plain yes/no check of the *what* intent — or the decision as it stands.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understand.decide.decision import Decision
from bot.understand.decide.groups import COUNT_WHATS
from bot.understand.decide.rules import at_or_above_cutoff
from bot.understand.decide.shaped import OperationStep, Shaped, only_when_how
from bot.understand.decide.words import A_ROUND, CONSIGNED, EVALUATED, EVALUATION

_TREND = frozenset({"trend"})


def _off_cutoff_count(s: Shaped) -> Decision | None:
    """ "70점이 안 된 사무는 몇 곳?": counted by score."""
    e = s.e
    off_cutoff = e.threshold is not None and e.threshold.value != s.ur.cutoff_or_default
    if off_cutoff and s.d.intent == "count_evaluated" and not e.services:
        return Decision("below_cutoff", e)
    return None


def _band_count(s: Shaped) -> Decision | None:
    """Bands are counted where thresholds are."""
    e = s.e
    if e.band is not None and not e.services and s.d.intent in COUNT_WHATS | {"service_score"}:
        return Decision("below_cutoff", e)
    return None


def _passed(s: Shaped) -> Decision | None:
    """A count at the cutoff turned around: the services that passed ("75점 이상 받은 세 곳
    평균은?": listed with their average)."""
    e, d, how, ur = s.e, s.d, s.how, s.ur
    complement = how == "complement" or (at_or_above_cutoff(ur, e) and how != "yes_no")
    counted = d.intent in COUNT_WHATS and not e.band and not e.services
    at_cutoff = e.threshold is None or e.threshold.value == ur.cutoff or at_or_above_cutoff(ur, e)
    if complement and counted and at_cutoff and "average" in e.metrics:
        return Decision("below_cutoff", e)
    if complement and counted and at_cutoff:
        return Decision("complement", replace(e, what=d.intent))
    return None


def _evaluated_share(s: Shaped) -> Decision | None:
    """ "what fraction of the year's evaluated services were in round 3?": no threshold, no
    cutoff — the round's share of its year, whatever the words suggested."""
    e, d = s.e, s.d
    evaluated = d.intent in ("count_evaluated", "services_list")
    evaluated = evaluated or (
        d.intent in ("below_cutoff", "scoring_scheme", "round_summary", "fallback")
        and e.threshold is None
        and e.band is None
        and not e.services
        and e.reference in (None, "whole_year")
        and e.year is not None
        and bool(EVALUATED.search(s.u.text.lower()))
    )
    if evaluated and "share" in e.metrics and s.how is None and e.round_no is not None:
        listed = d.intent if d.intent in ("count_evaluated", "services_list") else None
        return Decision("evaluated_share", replace(e, what=listed or "count_evaluated"))
    return None


def _two_years_moved(s: Shaped) -> Decision | None:
    """ "2023년에서 2024년으로 넘어가면서 어느 쪽으로 움직였어?": the direction between two
    years is the trend over their span, figures in time order."""
    e = s.e
    two_years = e.compare == "year" and e.compare_year is not None and e.year is not None
    if s.how == "trend" and two_years and s.own.round_no is None and not e.services:
        assert e.year is not None and e.compare_year is not None
        years = (min(e.year, e.compare_year), max(e.year, e.compare_year))
        span = replace(e, year=None, year_span=years, compare=None, compare_year=None)
        return Decision("direction", replace(span, what=s.d.intent, compare_first=False))
    return None


def _consigned_over_time(s: Shaped) -> Decision | None:
    """ "민간위탁 사무 줄어드는 중?", "how has the number of consigned services evolved since
    2021?": Seoul's consigned services over time are their number — Seoul's count."""
    e, lower = s.e, s.u.text.lower()
    consigned = "size" in e.aspects or bool(CONSIGNED.search(lower))
    sized = s.how == "trend" and consigned and not e.services and not e.round_no
    if sized and not EVALUATION.search(lower):
        return Decision("consignment", replace(e, aspects=e.aspects | {"size"}))
    return None


def _round_by_round(s: Shaped) -> Decision | None:
    """ "23년에 차수가 지나면서 탈락 비율이 어떻게 바뀌었어?": that year round by round, not the
    year against the one before."""
    e, own = s.e, s.own
    over_rounds = s.how == "trend" and own.year is not None and own.round_no is None
    over_rounds = over_rounds and bool(A_ROUND.search(s.u.text.lower()))
    if over_rounds and s.d.intent in COUNT_WHATS | {"average"} and not e.services:
        kept = replace(e, how=None, compare=None, reference=None)
        return Decision(s.d.intent, replace(kept, metrics=e.metrics | {"history"}))
    return None


def _year_moved(s: Shaped) -> Decision | None:
    """A trend of one year: "has the average gone down since 2022?" is the newest year
    against it; "2024년에는 회복됐어?" is that year against the one before."""
    e, own = s.e, s.own
    if s.how == "trend" and own.year is not None and own.round_no is None and not e.services:
        if s.ur.parts.since.search(s.u.text.lower()):
            since = replace(e, year=None, compare="year", compare_year=own.year)
            return Decision("gap", replace(since, what="average"))
        moved = replace(e, what="average", compare="prev_year", reference="prev_year")
        return Decision("gap", moved)
    return None


def _direction(s: Shaped) -> Decision | None:
    """Which way figures moved over time; "So overall, are scores getting better or
    worse?": "overall" of no year is the scores in general — the years' averages, not one
    year's whole (that reshaping stays for the steps after)."""
    own, d = s.own, s.d
    over_time = not own.has_scope or own.year_span is not None
    trend = (s.how == "trend" or d.intent == "trend") and not s.e.services and over_time
    if trend and s.e.compare == "whole_year" and own.year is None and own.year_span is None:
        s.e = replace(s.e, compare=None, reference=None)
    if trend and s.e.compare in (None, "other", "long_run"):
        return Decision("direction", replace(s.e, what=d.intent))
    return None


def _direction_checked(s: Shaped) -> Decision | None:
    """ "마포 지도점검 지적사항 늘고 있음?": which way something moves, checked against what
    the findings say of it."""
    e = s.e
    direction_checked = s.how == "trend" and s.d.intent == "findings" and bool(e.services)
    if direction_checked and s.ur.parts.yes_no(s.u.text):
        return Decision("yes_no", replace(e, how="yes_no", what="findings"))
    return None


def _checked(s: Shaped) -> Decision | None:
    """A yes/no form of the *what* intent: checked against its answer."""
    if s.how == "yes_no":
        return Decision("yes_no", replace(s.e, what=s.d.intent))
    return None


#: The count and trend steps, in the order they are tried.
TREND_STEPS: tuple[OperationStep, ...] = (
    _off_cutoff_count,
    _band_count,
    _passed,
    _evaluated_share,
    only_when_how(_TREND, _two_years_moved, _consigned_over_time, _round_by_round, _year_moved),
    _direction,
    _direction_checked,
    _checked,
)
