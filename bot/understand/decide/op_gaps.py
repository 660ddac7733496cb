"""*How* steps, second part: gaps and comparisons — of a service, of figures, of years.

"how far below the cutoff was X?", "X 점수가 3차 평균보다 높았어요?", "what's the gap?"
after two figures, "2015~2022 전체 평균이랑은 얼마나 차이나?" after a year's average: what
the difference is taken between (a service's score, the figures just stated, a year and a
span) decides the handler, whatever the *what* intent was.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understand.decide.decision import Decision
from bot.understand.decide.figures import consigned_size, two_year_shares, year_series
from bot.understand.decide.groups import AVERAGE_WHATS
from bot.understand.decide.service import service_gap, service_history, versus_average_checked
from bot.understand.decide.shaped import OperationStep, Shaped, only_when_how
from bot.understand.decide.words import A_ROUND
from bot.understand.entities import Threshold

_GAP_OR_VERSUS = frozenset({"gap", "versus"})


def _both_ends_gap(s: Shaped) -> Decision | None:
    """ "gap between the best and worst score?": both ends and their difference."""
    e = s.e
    if {"highest", "lowest"} <= e.metrics and s.how == "gap" and not e.services:
        return Decision("highest", e)
    return None


def _one_versus_average(s: Shaped) -> Decision | None:
    """ "X 점수가 3차 평균보다 높았어요?": a check of X against the average (unknowable when
    X's score was not published), not the gap between the two figures."""
    e = s.e
    if len(e.services) == 1 and versus_average_checked(s.ur, s.u):
        return Decision("yes_no", replace(e, how="yes_no", what="service_score"))
    return None


def _history(s: Shaped) -> Decision | None:
    """ "마포 점수 올랐어?", "Has X been evaluated more than once?": its history."""
    return service_history(s.ur, s.u, s.d, s.e)


def _service_gap(s: Shaped) -> Decision | None:
    """ "how far below the cutoff was X?", "X 점수가 Y보다 몇 점 높아?", "how far above that
    round's average is that?": the service's score against the reference."""
    e = s.e
    if not service_gap(s.d, e):
        return None
    if e.score is not None and e.threshold is None and len(e.services) == 1:
        # "75점에서 얼마나 모자랐어?": the named score is the line it is measured from
        if e.score == s.ur.cutoff_or_default:
            measured = replace(e, how="gap", reference="cutoff", score=None)
            return Decision("service_score", measured)
        at = Threshold(e.score, "below")
        return Decision("service_score", replace(e, how="gap", threshold=at, score=None))
    return Decision("service_score", replace(e, how="gap"))


def _newest_round(s: Shaped) -> Decision | None:
    """ "which is the newest round you have?": the round itself, summarised."""
    e = s.e
    bare_latest = e.latest and not e.metrics and not e.services and e.threshold is None
    bare_latest = bare_latest and not e.kind and not e.has_scope
    newest_asked = s.d.intent in ("fallback", "average", "round_summary", "count_evaluated")
    if bare_latest and newest_asked and A_ROUND.search(s.u.text.lower()):
        return Decision("round_summary", replace(e, what="round_summary"))
    return None


def _lowest_passing(s: Shaped) -> Decision | None:
    """ "75점 넘은 사무 중 최저점은?", "passed with the smallest margin above 75": the lowest
    score on the passing side of the threshold, not the count that passed."""
    e = s.e
    passed = e.threshold
    if passed is None and e.score is not None and s.how == "complement":
        passed = Threshold(e.score, "at_least")  # "cleared 75 by the narrowest margin"
    above = passed is not None and passed.direction in ("above", "at_least")
    if above and "lowest" in e.metrics and "highest" not in e.metrics and not e.services:
        lowest = replace(e, what="lowest", how=None, threshold=passed, score=None)
        return Decision("lowest", lowest)
    return None


def _median(s: Shaped) -> Decision | None:
    """ "2022년 1차 점수 중앙값은?": the middle published score, from the averages' handler."""
    e = s.e
    if "median" in e.metrics and not e.services:
        return Decision("average", replace(e, what="average", how=None))
    return None


def _year_series(s: Shaped) -> Decision | None:
    """ "was 2023 the weakest year?", "Compare the 2022, 2023 and 2024 averages."."""
    if year_series(s.ur, s.u, s.d, s.e):
        return Decision("year_series", replace(s.e, what="average"))
    return None


def _consigned_size(s: Shaped) -> Decision | None:
    """ "has the number of consigned services been shrinking?": Seoul's consignment."""
    if consigned_size(s.ur.parts.without_set_aside(s.u.text.lower()), s.d, s.e):
        return Decision("consignment", s.e)
    return None


def _two_year_shares(s: Shaped) -> Decision | None:
    """ "2022년이랑 2023년 75점 미만 비율 차이는?", "was the share lower in 2024 than 2023?"."""
    if two_year_shares(s.d, s.e):
        return Decision("share_gap", replace(s.e, what=s.d.intent))
    return None


def _figures_stated(s: Shaped) -> Decision | None:
    """A gap or "which is higher" of nothing named, after two figures: between those."""
    if s.how in ("gap", "versus") and s.bare and s.figures >= 2:
        return Decision(s.how, replace(s.e, what="previous"))
    return None


def _the_one_checked(s: Shaped) -> Decision | None:
    """ "그럼 75점은 넘은 거지?" after a service's score: that service against it."""
    ur, e, own, previous = s.ur, s.e, s.own, s.previous
    lower = s.u.text.lower()
    passing = ur.parts.checks["pass"].search(lower) or ur.parts.checks["fail"].search(lower)
    checked = s.how == "yes_no" and (e.threshold is not None or e.score is not None or passing)
    if checked and s.one and not (own.services or own.has_scope or own.topic):
        assert previous is not None
        kept = e.merged_with(previous, frozenset({"services", "scope"}))
        return Decision("yes_no", replace(kept, what="service_score"))
    return None


def _the_one_gap(s: Shaped) -> Decision | None:
    """ "how far above that round's average is that?" after a service's score."""
    e, previous = s.e, s.previous
    if s.how == "gap" and s.bare and s.one and (e.reference == "cutoff" or "average" in e.metrics):
        assert previous is not None
        kept = e.merged_with(previous, frozenset({"services", "scope"}))
        return Decision("service_score", replace(kept, how="gap"))
    return None


def _higher_of_unscored(s: Shaped) -> Decision | None:
    """ "which of the two scored higher?" with no scores remembered: the round's ranking
    says whether any score was published."""
    e, previous = s.e, s.previous
    scored = s.ur.parts.checks["score_words"].search(s.u.text.lower())
    unnamed = not (e.services or (previous is not None and previous.services))
    if s.how == "versus" and s.bare and s.figures < 2 and unnamed and scored:
        return Decision("highest", replace(e, how=None))
    return None


def _two_services(s: Shaped) -> Decision | None:
    """ "둘 중 어디가 점수 높아?" after two services: their scores decide it."""
    e, previous = s.e, s.previous
    if s.how in ("gap", "versus") and s.bare and previous is not None and previous.services:
        asked = replace(
            e, services=previous.services, what="service_score", metrics=e.metrics | {"highest"}
        )
        return Decision("yes_no", asked)
    return None


def _figure_to_cutoff(s: Shaped) -> Decision | None:
    """ "그게 75점에서 얼마나 모자란 거야?" after 2023's average: that figure's scope
    (reshapes only)."""
    own, previous = s.own, s.previous
    at_cutoff = own.reference == "cutoff" or own.score == s.ur.cutoff_or_default
    pointed = s.how == "gap" and at_cutoff and not own.has_scope and not own.services
    if pointed and previous is not None and previous.has_scope and not previous.services:
        s.e = s.e.merged_with(previous, frozenset({"scope"}))
        s.e = replace(s.e, reference="cutoff", score=None)
    return None


def _year_against_span(s: Shaped) -> Decision | None:
    """ "2015~2022 전체 평균이랑은 얼마나 차이나?" after 2023's average: that year against the
    span, not the span against the cutoff."""
    e, own, previous, how = s.e, s.own, s.previous, s.how
    spanned = how in ("gap", "versus") and own.year_span is not None and own.year is None
    if spanned and previous is not None and previous.year is not None and not e.services:
        assert own.year_span is not None
        against = replace(e, year=previous.year, year_span=own.year_span, round_no=None)
        against = replace(against, compare=None, reference=None, what="average")
        return Decision(how or "gap", against)
    return None


def _averages(s: Shaped) -> Decision | None:
    """A gap or "which is higher" of averages (or against a reference): the averages'."""
    e, how = s.e, s.how
    if (
        how in ("gap", "versus")
        and (s.d.intent in AVERAGE_WHATS or "average" in e.metrics or e.reference)
        and not e.services
    ):
        return Decision(how, replace(e, what="average"))
    return None


def _year_and_span(s: Shaped) -> Decision | None:
    """ "How does 2022 compare with the 2015-2022 average?": the year against the span."""
    own, e = s.own, s.e
    two = own.year is not None and own.year_span is not None and own.round_no is None
    if two and s.how is None and s.d.intent == "average" and not e.services:
        return Decision("gap", replace(e, what="average"))
    return None


#: The gap steps, in the order they are tried.
GAP_STEPS: tuple[OperationStep, ...] = (
    _both_ends_gap,
    _one_versus_average,
    _history,
    _service_gap,
    _newest_round,
    _lowest_passing,
    _median,
    _year_series,
    _consigned_size,
    _two_year_shares,
    _figures_stated,
    _the_one_checked,
    only_when_how(
        _GAP_OR_VERSUS,
        _the_one_gap,
        _higher_of_unscored,
        _two_services,
        _figure_to_cutoff,
        _year_against_span,
        _averages,
    ),
    _year_and_span,
)
