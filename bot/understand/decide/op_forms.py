"""*How* steps, first part: the form of asking — a complement, a yes/no check, an ask-back.

Before any gap or trend is measured, the form decides what the operation can be: "2차
빼고" is no complement, "so it cleared 75, right?" is a check, a check names its subject
(no asking back), and a check of a round's month, evaluator or list is a fact, not a
figure.  Each step returns a decision or ``None``; a few only reshape the state.
"""

from __future__ import annotations

from dataclasses import replace

from bot.understand.decide.decision import Decision
from bot.understand.decide.figures import round_share_of_year
from bot.understand.decide.groups import COUNT_WHATS, NO_VERDICT, RULES
from bot.understand.decide.rounds import agent_named, rounds_ranked_by, self_done, when_checked
from bot.understand.decide.shaped import OperationStep, Shaped, only_when_how
from bot.understand.decide.unknowns import membership_only

_COMPLEMENT = frozenset({"complement"})
_YES_NO = frozenset({"yes_no"})


def _rule_how_often(s: Shaped) -> Decision | None:
    """ "어떤 사무가 대상이 돼? 민간위탁 전부 매년 해?": "매년" asks how often the rule applies,
    not which way a figure moved (reshapes only)."""
    if s.how == "trend" and s.d.intent in RULES and not s.e.metrics:
        s.how, s.e = None, replace(s.e, how=None)
        s.keep()
    return None


def _no_complement(s: Shaped) -> Decision | None:
    """ "2차 빼고 나머지 차수": the other rounds, not the services that passed; "the lowest
    score that avoids exclusion": the rule, not a count (reshapes only)."""
    uncounted = s.d.intent == "cutoff_rule" and not s.e.metrics & {"count", "share"}
    if s.how == "complement" and (s.e.rounds_excluded or uncounted):
        s.how = None
        s.e = replace(s.e, how=None)
        s.keep()
    return None


def _round_share(s: Shaped) -> Decision | None:
    """ "3차 평가 사무가 그 해 전체에서 차지하는 비율은?", "3차 대상이 23년 전체의 절반이
    넘어?": the round's evaluated services as a share of its year's."""
    if not round_share_of_year(s.ur, s.u):
        return None
    shared = replace(s.e, what="count_evaluated", compare=None, reference=None)
    return Decision("evaluated_share", replace(shared, how="yes_no" if s.how == "yes_no" else None))


def _topic_search(s: Shaped) -> Decision | None:
    """A service asked for by its findings: their words ("going down", "past years") are no
    operation on a figure; only a yes/no form stays a check."""
    d = s.d
    if d.intent == "topic_search":
        return Decision("yes_no", replace(s.e, what=d.intent)) if s.how == "yes_no" else d
    return None


def _complement_checked(s: Shaped) -> Decision | None:
    """ "So it cleared 75, right?": a check, not the count that passed (reshapes only)."""
    if s.how == "complement" and s.ur.parts.yes_no(s.u.text):
        s.how = "yes_no"
        s.e = replace(s.e, how=s.how)
    return None


def _complement_in_scope(s: Shaped) -> Decision | None:
    """ "and how many got through?" after 2024's count: the services of that scope
    (reshapes only)."""
    own, previous = s.own, s.previous
    unscoped = not (own.has_scope or own.services or s.e.has_scope)
    if s.how == "complement" and unscoped and previous is not None and previous.has_scope:
        s.e = s.e.merged_with(previous, frozenset({"scope"}))
        s.keep()
    return None


def _gap_of_two_figures(s: Shaped) -> Decision | None:
    """ "what's the gap?" after two figures: their difference, whatever else it resembles."""
    if s.how in ("gap", "versus") and s.bare and s.figures >= 2 and not s.own.metrics - {"average"}:
        return Decision(s.how, replace(s.e, what="previous"))
    return None


def _versus_stated(s: Shaped) -> Decision | None:
    """ "그거 15년부터 22년까지 평균이랑 비교하면?" after a figure: one average named to
    compare with, and the other side the figure just stated."""
    e = s.e
    if s.d.intent == "average" and s.how is None and e.compare == "other" and s.figures >= 1:
        return Decision("versus", replace(e, what="average", how="versus"))
    return None


def _rounds_by_average(s: Shaped) -> Decision | None:
    """ "평균 젤 높은 차수 어디야?": the rounds ranked by their averages, not the newest."""
    ends = s.e.metrics & {"highest", "lowest"}
    if s.d.intent == "average" and len(ends) == 1 and s.how is None and rounds_ranked_by(s.u):
        return Decision(next(iter(ends)), s.e)
    return None


def _check_names_subject(s: Shaped) -> Decision | None:
    """A check names its subject: no need to ask back (reshapes only)."""
    if s.how == "yes_no" and s.d.ask_back:
        s.d = Decision(s.d.ask_back[0], s.e)
    return None


def _passed_of_none(s: Shaped) -> Decision | None:
    """ "So how many passed?": no service to score, so the services that passed."""
    if s.how == "complement" and s.d.intent == "service_score" and not s.e.services:
        return Decision("complement", replace(s.e, what="below_cutoff"))
    return None


def _counts_turned(s: Shaped) -> Decision | None:
    """ "23년 1차에서 기준 넘긴 사무는 몇 개?": every reading is a count, turned around."""
    d = s.d
    if s.how == "complement" and d.ask_back and set(d.ask_back) <= COUNT_WHATS:
        return Decision("complement", replace(s.e, what=d.ask_back[0]))
    return None


def _when(s: Shaped) -> Decision | None:
    """ "Was round 3 done in the fall?", "3차 평가 6월에 했어?": the round's period."""
    if s.how == "yes_no" and when_checked(s.ur, s.u):
        return Decision("yes_no", replace(s.e, what="period", compare=None, metrics=frozenset()))
    return None


def _who_evaluated(s: Shaped) -> Decision | None:
    """ "Was round 3 evaluated by KMAC?", "삼일회계법인이 평가했어?": who evaluated the round,
    not whether a service of that name was among those evaluated."""
    ur, u, e = s.ur, s.u, s.e
    if s.how == "yes_no" and not e.services and (agent_named(ur, u) or self_done(ur, u)):
        return Decision("yes_no", replace(e, what="evaluator"))
    return None


def _never_seen_listed(s: Shaped) -> Decision | None:
    """ "Was Ttareungyi … one of the services evaluated?": a name never seen."""
    ur, u, e = s.ur, s.u, s.e
    if s.how == "yes_no" and not (e.unknown_name or e.services or e.service_candidates):
        unseen = ur.lexicon.unknown_run(u.text) if u.unknown[0] else None
        if unseen and membership_only(ur, u):
            return Decision("yes_no", replace(e, what="services_list", unknown_name=unseen))
    return None


def _unknown_listed(s: Shaped) -> Decision | None:
    """ "서북권직장맘지원센터도 3차 때 평가받았어?": no, it is not on the round's list — and
    anything else asked of an unknown name is unknown."""
    e = s.e
    if s.how == "yes_no" and e.unknown_name and not e.services:
        if membership_only(s.ur, s.u):
            return Decision("yes_no", replace(e, what="services_list"))
        return Decision("unknown_service", e)
    return None


def _average_in_band(s: Shaped) -> Decision | None:
    """ "3차 평균이 79점대야?": the average checked against the band."""
    e = s.e
    if s.how == "yes_no" and e.band is not None and "average" in e.metrics and not e.services:
        return Decision("yes_no", replace(e, what="average"))
    return None


def _band_counted(s: Shaped) -> Decision | None:
    """ "2024년 1차에서 70점대 받은 곳은?": a band is counted and listed where thresholds
    are, whatever else the words resembled (no need to ask back)."""
    e = s.e
    if e.band is not None and not e.services and s.d.intent not in NO_VERDICT:
        return Decision("below_cutoff", e)
    return None


def _asked_back_or_no_fact(s: Shaped) -> Decision | None:
    """Still asking back, or an intent of no fact (a greeting, unknown): no operation."""
    return s.d if s.d.ask_back or s.d.intent in NO_VERDICT else None


#: The form steps, in the order they are tried.
FORM_STEPS: tuple[OperationStep, ...] = (
    _rule_how_often,
    _no_complement,
    _round_share,
    _topic_search,
    only_when_how(_COMPLEMENT, _complement_checked, _complement_in_scope),
    _gap_of_two_figures,
    _versus_stated,
    _rounds_by_average,
    _check_names_subject,
    only_when_how(_COMPLEMENT, _passed_of_none, _counts_turned),
    only_when_how(
        _YES_NO, _when, _who_evaluated, _never_seen_listed, _unknown_listed, _average_in_band
    ),
    _band_counted,
    _asked_back_or_no_fact,
)
