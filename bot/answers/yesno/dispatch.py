"""The yes/no handler: the questions it hands on to another handler, then the first check
that decides — the what-intent's own checks first, in an order the question's words adjust."""

from __future__ import annotations

from dataclasses import replace

from bot.answers import HANDLERS, handles, tally
from bot.answers.base import Reply, Request
from bot.answers.yesno.averages import (
    any_year,
    average_against,
    average_and_below,
    every_round_average,
)
from bot.answers.yesno.below_cutoff import count_below, rounds_below
from bot.answers.yesno.claimed import claimed_sides
from bot.answers.yesno.common import (
    LISTS,
    Check,
    Verdict,
    parts,
    scope_not_loaded,
    verdict_reply,
)
from bot.answers.yesno.counts import evaluated_count
from bot.answers.yesno.cues import AMOUNT
from bot.answers.yesno.evaluators import evaluator, evaluator_changed
from bot.answers.yesno.finding import findings_say, only_one, topic
from bot.answers.yesno.membership import about_service, not_a_member
from bot.answers.yesno.published import (
    figures_official,
    held_in_year,
    published,
    score_published,
)
from bot.answers.yesno.redirects import band_unknowable, count_asked, rounds_judged, year_before
from bot.answers.yesno.rules import (
    consequence,
    contract_limit,
    cutoff_before,
    cutoff_value,
    ordinance,
    period,
    renewal_below,
    scoring,
    scoring_asked,
    stated_cutoff,
)
from bot.answers.yesno.scope import figure_scope


@handles("yes_no")
def yes_no(req: Request) -> Reply:
    """The verdict of the first check that applies, then its evidence — unless the question
    is one another handler answers better than a 네/아니요 (``_handed_on``)."""
    what = req.entities.what or "fallback"
    official = figures_official(req)
    if official is not None:  # "24년 숫자 공식 공개자료 맞음?": the source kind of the figures
        return verdict_reply(req, official, "fallback")
    held = held_in_year(req)
    if held is not None:  # "Was there an evaluation back in 2020?": held at all, and where known
        return verdict_reply(req, held, "round_summary")
    for step in (_counts_handed_on, _rules_handed_on, _findings_handed_on):
        handed = step(req, what)
        if handed is not None:
            return handed
    return _checked(req, what)


def _counts_handed_on(req: Request, what: str) -> Reply | None:
    """Counts asked as a check that their own handlers answer: two counts weighed, renewals
    no page publishes, the complement, a count asked outright."""
    e = req.entities
    two = e.compare in ("year", "round") and (e.compare_year or e.compare_round) is not None
    spanned = e.year_span is not None and e.year_span[1] - e.year_span[0] == 1
    whole = e.count is not None and tally.said(req.question, "whole_count")
    paired = two or spanned or year_before(req)
    if what in ("count_evaluated", "below_cutoff") and paired and not whole:
        # two counts: the handler says which way it went ("13개는 전부 1차랑 2차에서?" is
        # one count of both, checked below)
        return HANDLERS[what](req)
    renewals = tally.renewals_not_published(req)
    if renewals is not None:  # "were they all re-contracted?": no page says; what is known
        return renewals
    counted = what in ("count_evaluated", "below_cutoff", "services_list", "fallback")
    if counted and not e.services and tally.passed_count_asked(req):
        # "how many actually passed, i.e. weren't kicked out?": a count, of the complement
        return tally.as_complement(req)
    # "1차에선 몇개였는데요", "그럼 2차는 계산하면?": no 네
    return count_asked(req, what)


def _rules_handed_on(req: Request, what: str) -> Reply | None:
    """Questions of the rules and of whole rounds that their own handlers answer: the
    cutoff's history, two rounds judged, renewal without end, the consignment figures, a
    score line no published count reaches."""
    e = req.entities
    lower = req.question.lower()
    history = what == "cutoff_history" or (
        what == "cutoff_rule" and (_asked(lower, "past") or _asked(lower, "rule_changed"))
    )
    if history and (stated_cutoff(req) is None or _asked(lower, "always")):
        # "예전이랑 지금이랑 달라?", "always 75?": the history says which; a value stated
        # for the past ("예전에도 75점이었어?", "was it 70?") is checked below against it
        return HANDLERS["cutoff_history"](req)
    overall = rounds_judged(req) if what in ("fallback", "round_summary") else None
    if overall is not None:  # "did things look better in round 3 than in round 1?"
        return overall
    endless = what in ("cutoff_rule", "purpose", "fallback", "consignment", "recontract")
    if endless and not e.services and tally.said(req.question, "renewal_endless"):
        # "keep getting its contract extended as long as it keeps passing?": not the cutoff
        # (passing is needed, not enough) — the limits with one contractor
        aspects = e.aspects | {"contracts"}
        return HANDLERS["consignment"](replace(req, entities=replace(e, aspects=aspects)))
    if what == "consignment" and contract_limit(req) is None:
        return HANDLERS[what](req)  # "계속 늘고 있어?": the handler reads the figures
    return band_unknowable(req, what)


def _findings_handed_on(req: Request, what: str) -> Reply | None:
    """A service's findings asked as a check that the findings handler answers: none
    published of the kind asked, or an earlier task followed into a later round."""
    e = req.entities
    if what == "findings" and e.kind is not None and e.services:
        # "X 개선과제 나온 거 있어?" when its page commented on other services only: that
        # none was published (a claim about findings that exist is checked below)
        found = HANDLERS[what](req)
        if not found.answered:
            return found
    if what == "findings" and len(e.services) == 1 and tally.across_mode(req.question):
        # "2023년 과제 2026년엔 해결됐어?": the later round's word on the earlier task,
        # 네/아니요 first (the findings handler) — not whether one finding says its words
        held = {(f.year, f.round_no) for f in req.q.findings(e.services[0])}
        if len(held) > 1:
            return HANDLERS[what](req)
    return None


def _checked(req: Request, what: str) -> Reply:
    """The first check that decides, its verdict first; none: the what-intent's answer."""
    if req.entities.unknown_name and not req.entities.services and what != "evaluator":
        verdict = not_a_member(req)
        if verdict is not None:
            return verdict_reply(req, verdict, what)
    scoped = figure_scope(req)
    if scoped is not None:  # "Is the 27.7% figure about round 3?": the figure's own scope
        return verdict_reply(req, scoped, "fallback")
    shown = score_published(req)
    if shown is not None and shown.answer == "unknown" and not shown.lines:
        # a scope with no page loaded: not known, then what is held about it (reports)
        summary = HANDLERS["round_summary"](req)
        head = verdict_reply(req, Verdict("unknown", ()), "fallback")
        text = "\n".join([head.text, *summary.text.splitlines()])
        return Reply(text, False, summary.sources, summary.suggestions, summary.chart)
    if shown is not None:  # "점수가 공개된 건가요?": the score, not the round's page
        return verdict_reply(req, shown, what if what == "service_score" else "fallback")
    alone = only_one(req)
    if alone is not None:
        return verdict_reply(req, alone, what)
    for check in _checks(what, req.question.lower()):
        verdict = check(req)
        if verdict is not None:
            return verdict_reply(req, verdict, what)
    if what == "fallback" and scope_not_loaded(req):
        # "2027년에도 75점 기준 적용돼?": no check could speak of a round that is not loaded
        # (none answers from another round); the cutoff's history, or what is held, is
        # the answer — not "not understood"
        past = req.newest is not None and (req.entities.year or 0) <= req.newest.year
        if past and parts().cutoff.search(req.question.lower()):
            return HANDLERS["cutoff_history"](req)  # a past round: what the history says
        return HANDLERS["round_summary"](req)
    return HANDLERS[what](req)


#: Each what-intent's own checks, tried first.
_OWN: dict[str, tuple[Check, ...]] = {
    "evaluator": (evaluator_changed, evaluator),
    "scoring_scheme": (scoring,),
    "period": (period,),
    "legal_basis": (ordinance,),
    "cutoff_rule": (cutoff_before, renewal_below, cutoff_value, consequence),
    # "만족도도 반영되나요?": an area of the scoring named is the scheme's, not the use of
    # the results (which "반영" alone asks)
    "purpose": (scoring, consequence),
    "average": (average_and_below, every_round_average, any_year, average_against),
    "below_cutoff": (average_and_below, every_round_average, rounds_below, count_below),
    "count_evaluated": (evaluated_count,),
    "services_list": (evaluated_count,),
    "consignment": (contract_limit,),
}
#: The checks of any intent, in the order they are tried after a what-intent's own.
_GENERAL: tuple[Check, ...] = (
    evaluator_changed,
    evaluator,
    cutoff_before,
    cutoff_value,
    average_and_below,
    every_round_average,
    rounds_below,
    count_below,
    any_year,
    average_against,
    evaluated_count,
    scoring,
    consequence,
    period,
    ordinance,
    published,
)


def _checks(what: str, lower: str) -> list[Check]:
    """The checks to try for the (lower-cased) question, the what-intent's own first."""
    own = _OWN.get(what, ())
    if what == "topic_search":
        return [about_service, evaluator, scoring_asked, topic]
    amount = bool(AMOUNT.search(lower))  # "20년", "12개 언어", "10 years": not points
    if what in LISTS:
        # what its findings say comes before membership ("…라고 평가받은 거 맞지?"): a finding
        # check gives no verdict unless a finding covers what is asked; a question of the
        # cutoff or the contract ("keep its contractor?") is the service check's
        by_service = any(_asked(lower, c) for c in ("recontract", "pass", "fail"))
        if by_service and not amount and not claimed_sides(lower):
            # "Did every service in round 3 pass?": no service named, the round's count
            return [about_service, findings_say, evaluator, *own, count_below, published]
        return [findings_say, about_service, evaluator, *own, published]
    # "if it scores under 75, what happens?": the consequence; "…, can it renew?": the rule
    conditional = _asked(lower, "conditional") and not _asked(lower, "renewal_asked")
    first = [consequence] if conditional else []
    rest = [c for c in _GENERAL if c not in own and c not in first]
    checks = [about_service, *first, *own, *rest]
    if amount or claimed_sides(lower):
        # "소각로 20년 넘었어?": an amount of years, not the score; "new or existing
        # contract?": a state its findings say, not its contract's renewal
        return [findings_say, *checks]
    kind_of_body = _asked(lower, "external") or _asked(lower, "in_house")
    if _asked(lower, "evaluator_words") and kind_of_body:
        # "Was an outside organisation used for the evaluation?": who evaluated, first
        return [evaluator, *(c for c in checks if c is not evaluator)]
    if _asked(lower, "past") and parts().cutoff.search(lower) and "average" not in lower:
        # "Has the re-contract bar been raised compared with before?": the cutoff's history
        return [cutoff_before, *(c for c in checks if c is not cutoff_before)]
    if _asked(lower, "ordinance") and not _asked(lower, "renewal_asked"):
        # "75점 미만 재계약 배제는 조례에 있는 규정이야?": where a rule comes from, not a count
        return [ordinance, *(c for c in checks if c is not ordinance)]
    return [*checks[:1], findings_say, *checks[1:]]


def _asked(lower: str, check: str) -> bool:
    """The (lower-cased) question uses the words of parts.yaml's check ``check``."""
    return bool(parts().checks[check].search(lower))
