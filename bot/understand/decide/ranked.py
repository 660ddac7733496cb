"""*What* steps led by how well the wording matched: fragments, weak matches, cue words.

After the recognisers of what.py, the strength of the ranking's best match decides: a
fragment ("그럼 2024년은?") continues the conversation's intent, a telling cue word ("and
when?") keeps its subject, a name never seen is said to be unknown, and a match too weak
for any intent is looked up by content or not understood.  Same contract as what.py: the
first step that returns a decision wins.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understand.decide.asked import Asked, Step
from bot.understand.decide.asking import not_matched
from bot.understand.decide.content import (
    described,
    described_service,
    descriptive_name,
    found_by_content,
    name_described,
)
from bot.understand.decide.conversation import (
    bare_metric,
    in_scope_before,
    metric_intent,
    points_at_one,
    scope_score,
)
from bot.understand.decide.decision import Decision
from bot.understand.decide.figures import measured_by_verb
from bot.understand.decide.groups import (
    ALL_SLOTS,
    COUNT_WHATS,
    PLACE_INTENTS,
    RULES,
    TWO_EVALUATIONS_READS,
)
from bot.understand.decide.rounds import rounds_counted
from bot.understand.decide.service import two_evaluations
from bot.understand.decide.unknowns import scored_place, unknown_subject
from bot.understand.search import GUESS_COVERAGE, SURE_COVERAGE


def _fragment(s: Asked) -> Decision | None:
    """An elliptical question, or a weak match with a scope after a turn: the conversation's
    intent with this turn's entities ("그해 전체로는?" after a round's count: the same count,
    for the whole year; "2024년은?" after "그럼 통과한 건 몇 개야?": the same way of asking)."""
    ur, u, e, previous, prev_intent, written = s.ur, s.u, s.e, s.previous, s.prev_intent, s.written
    best, m = s.best, ur.matching
    if not (u.elliptical or (best.score < m.cutoff and previous and e.has_scope)):
        return None
    measured = measured_by_verb(ur, u, "fallback") if not u.elliptical else None
    if measured is not None:  # "그 중에 떨어진 건?"
        return in_scope_before(ur, measured, previous, prev_intent)
    if prev_intent and previous is not None:
        merged = e.merged_with(previous, ALL_SLOTS)
        whole = written.compare == "whole_year" and written.round_no is None
        whole = whole and not written.round_span
        if whole and merged.round_no is not None and prev_intent in COUNT_WHATS:
            # "그해 전체로는?" after a round's count: the same count, for the whole year
            year = merged.year or ur.extractor.newest_year
            merged = replace(merged, year=year, round_no=None, compare=None, reference=None)
            if prev_intent == "cutoff_rule":
                prev_intent = "below_cutoff"  # "3차에 그런 데 있었어?" was counted
        if merged.how is None and previous.how is not None:
            # "2024년은?" after "그럼 통과한 건 몇 개야?": the same way of asking
            merged = replace(merged, how=previous.how)
        return Decision(prev_intent, merged)
    if e.services or e.service_candidates:
        return Decision("findings", e)
    if e.has_scope:
        return Decision("round_summary", e)
    return None


def _bare_metric(s: Asked) -> Decision | None:
    """ "how many?", "비율은?" after a turn: the metric, of the conversation's subject."""
    ur, u, e, previous, prev_intent = s.ur, s.u, s.e, s.previous, s.prev_intent
    if not (previous is not None and prev_intent and bare_metric(ur, u)):
        return None
    intent = metric_intent(ur, u, prev_intent)
    if "count" in e.metrics and ur.parts.total.search(u.text.lower()):
        intent = "count_evaluated"  # "전체 몇 개 중에서?": the whole the count was of
        e = replace(e, compare=None, reference=None)
    measured = measured_by_verb(ur, u, intent)
    if measured is not None:
        # "몇 개 떨어졌어?" after a year's results: those that fell, of that year
        intent, e = measured.intent, measured.entities
    return Decision(intent, e.merged_with(previous, ur.specs[intent].slots))


def _unknown_subject(s: Asked) -> Decision | None:
    """ "따릉이 민간위탁 평가결과 있어?", "results for Ttareungyi?": a name never seen is the
    subject of the results asked — not the round's summary of other services."""
    unseen = unknown_subject(s.ur, s.u)
    if unseen is not None:
        return Decision("unknown_service", replace(s.e, unknown_name=unseen))
    return None


def _unknown_name(s: Asked) -> Decision | None:
    """An unknown name with a weak match, a place intent or a score asked of it: unknown —
    unless its findings' words describe a service the base holds."""
    ur, u, e, best, m = s.ur, s.u, s.e, s.best, s.ur.matching
    if e.unknown_name and (
        best.score < m.cutoff or best.intent in PLACE_INTENTS or scored_place(ur, u)
    ):
        # a name made of the search's words ("창업 보육센터") needs a lesser match
        coverage = GUESS_COVERAGE if descriptive_name(ur, e.unknown_name) else SURE_COVERAGE
        if not e.services and described(ur, u, coverage) and not name_described(ur, u):
            return Decision("topic_search", replace(e, unknown_name=None))
        return Decision("unknown_service", e)
    return None


def _telling_word(s: Asked) -> Decision | None:
    """A short follow-up with a telling word ("and when?"): same subject, new intent."""
    ur, u, e, previous, prev_intent = s.ur, s.u, s.e, s.previous, s.prev_intent
    best, m = s.best, ur.matching
    if not (previous is not None and best.cues and best.score >= m.cutoff - m.cue_bonus):
        return None
    told = scope_score(best.intent, e, previous)
    measured = measured_by_verb(ur, u, told)
    if measured is not None:  # "그 중에 떨어진 건?"
        return in_scope_before(ur, measured, previous, prev_intent)
    if told == "below_cutoff" and not (e.threshold or e.band or e.services):
        # "거기서 탈락한 건?" after a count: how many of those (and which, if known)
        return in_scope_before(ur, Decision(told, e), previous, prev_intent)
    slots = ur.specs[told].slots
    if told in RULES:
        # "종합성과평가 추진근거 조례 몇 조야?" after a 2024 figure: the rule itself, not
        # that year's (a year asked for says so: "그해 기준은?" keeps it above)
        slots = slots - {"scope"}
    return Decision(told, e.merged_with(previous, slots))


def _two_evaluations(s: Asked) -> Decision | None:
    """One service's results in two years, read as a score question: its two scores side by
    side (unless what was said is asked)."""
    ur, u, e, best = s.ur, s.u, s.e, s.best
    said_asked = ur.parts.checks["said_asked"].search(u.text.lower()) is not None
    if two_evaluations(e) and not said_asked and best.intent in TWO_EVALUATIONS_READS:
        return Decision("service_score", e)
    return None


def _weak_match(s: Asked) -> Decision | None:
    """No intent close enough: a verb, a score line, a scope with a metric or two scopes
    with a telling word may still say it; else a lookup by content, else not understood."""
    ur, u, e, previous, prev_intent, best = s.ur, s.u, s.e, s.previous, s.prev_intent, s.best
    if not best.score < ur.matching.cutoff:
        return None
    measured = measured_by_verb(ur, u, "fallback")
    if measured is not None:
        return measured  # "3차평가대상몇개": a count of what was evaluated
    lined = (e.threshold or e.band) and not (e.services or e.topic or e.unknown_name)
    # "그거 75점 넘었어?" checks the figure pointed at, not the services past a line
    lined = lined and not ur.parts.pronoun.search(u.text.lower())
    if lined and best.intent == "below_cutoff":
        # "그 중 75점 안 된 곳은?": a score line is what below_cutoff counts by, and the
        # wording agrees however little of it an example shares
        return in_scope_before(ur, Decision("below_cutoff", e), previous, prev_intent)
    if e.has_scope and bare_metric(ur, u):
        # "23년 3차 몇갠데", "3차 평균만": a scope and a metric is a whole question
        return Decision(metric_intent(ur, u, u.ranked[0].intent), e)
    two = e.compare in ("round", "year") and (e.compare_round or e.compare_year)
    if two and best.cues and not e.services:
        # "1차에서 3차로 가면서 탈락 상황은 나아졌어?": two scopes and one telling
        # word ("탈락") say enough, however little else the wording matches
        return Decision(best.intent, e)
    found = found_by_content(ur, u)
    return found or not_matched(ur, u, previous)


def _sided_by_average(s: Asked) -> Decision | None:
    """ "2024년 1차 평균보다 점수 높은 사무는?": services on one side of the average."""
    e = s.e
    if e.reference == "average" and e.threshold is not None and not e.services:
        return Decision("below_cutoff", e)
    return None


def _rounds_counted(s: Asked) -> Decision | None:
    """ "How many rounds are loaded?", "차수 몇 개 있어?": the loaded rounds themselves."""
    if rounds_counted(s.u):
        return Decision("round_summary", replace(s.e, every_round=True))
    return None


def _described_service(s: Asked) -> Decision | None:
    """ "Which one is the only centre of its kind in the country?": a service asked for by
    what its findings say, whatever general intent the words resemble."""
    if described_service(s.ur, s.u) and not points_at_one(s.ur, s.u, s.previous):
        return Decision("topic_search", s.e)
    return None


#: Tried after what.py's ``STEPS``, in this order.
RANKED_STEPS: tuple[Step, ...] = (
    _fragment,
    _bare_metric,
    _unknown_subject,
    _unknown_name,
    _telling_word,
    _two_evaluations,
    _weak_match,
    _sided_by_average,
    _rounds_counted,
    _described_service,
)
