"""Yes/no questions: 네/아니요 (Yes/No) first — or plainly "cannot be known" — then the
evidence, deductions included ("none of the six scored under 75, so yes").

A yes/no question is an ordinary question (its *what* intent) asked as a check.  Each check
below decides it from the knowledge base; the words that say which check applies are data
(parts.yaml ``checks``).  When no check applies, the *what* intent's answer is given as it
is: evidence without a verdict is better than a guessed one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from bot.answers import HANDLERS, handles, tally
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    average_versus,
    points,
    report_note,
    round_name,
    scope_name,
    service_name,
    target,
    versus_cutoff,
)
from bot.answers.compute import compare_reply, sides
from bot.understand.entities import Threshold
from bot.understand.parts import Parts, shared_parts
from knowledge.model import Evaluation, Scope, Service, StoredFigure, StoredFinding, StoredRound


def parts() -> Parts:
    return shared_parts()


@dataclass(frozen=True)
class Verdict:
    answer: str  # yes | no | unknown
    lines: tuple[str, ...]
    documents: tuple[int | None, ...] = ()
    #: give the what-intent's own answer after the verdict, as evidence
    evidence: bool = False


def _has(req: Request, check: str) -> bool:
    return bool(parts().checks[check].search(req.question.lower()))


@handles("yes_no")
def yes_no(req: Request) -> Reply:
    """The verdict of the first check that applies, then its evidence."""
    what = req.entities.what or "fallback"
    _ASKED[:] = [req.question.lower()]
    e = req.entities
    two = e.compare in ("year", "round") and (e.compare_year or e.compare_round) is not None
    spanned = e.year_span is not None and e.year_span[1] - e.year_span[0] == 1
    whole = e.count is not None and tally.said(req.question, "whole_count")
    paired = two or spanned or _year_before(req)
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
    count_reply = _count_asked(req, what)
    if count_reply is not None:  # "1차에선 몇개였는데요", "그럼 2차는 계산하면?": no 네
        return count_reply
    history = what == "cutoff_history" or (
        what == "cutoff_rule" and (_asked("past") or _asked("rule_changed"))
    )
    if history and (_stated_cutoff(req) is None or _asked("always")):
        # "예전이랑 지금이랑 달라?", "always 75?": the history says which; a value stated
        # for the past ("예전에도 75점이었어?", "was it 70?") is checked below against it
        return HANDLERS["cutoff_history"](req)
    overall = _rounds_judged(req) if what in ("fallback", "round_summary") else None
    if overall is not None:  # "did things look better in round 3 than in round 1?"
        return overall
    endless = what in ("cutoff_rule", "purpose", "fallback", "consignment", "recontract")
    if endless and not e.services and tally.said(req.question, "renewal_endless"):
        # "keep getting its contract extended as long as it keeps passing?": not the cutoff
        # (passing is needed, not enough) — the limits with one contractor
        aspects = e.aspects | {"contracts"}
        return HANDLERS["consignment"](replace(req, entities=replace(e, aspects=aspects)))
    if what == "consignment" and _contract_limit(req) is None:
        return HANDLERS[what](req)  # "계속 늘고 있어?": the handler reads the figures
    unknowable = _band_unknowable(req, what)
    if unknowable is not None:
        return unknowable
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
    if req.entities.unknown_name and not req.entities.services and what != "evaluator":
        verdict = _not_a_member(req)
        if verdict is not None:
            return _reply(req, verdict, what)
    scoped = _figure_scope(req)
    if scoped is not None:  # "Is the 27.7% figure about round 3?": the figure's own scope
        return _reply(req, scoped, "fallback")
    shown = _score_published(req)
    if shown is not None and shown.answer == "unknown" and not shown.lines:
        # a scope with no page loaded: not known, then what is held about it (reports)
        summary = HANDLERS["round_summary"](req)
        head = _reply(req, Verdict("unknown", ()), "fallback")
        text = "\n".join([head.text, *summary.text.splitlines()])
        return Reply(text, False, summary.sources, summary.suggestions, summary.chart)
    if shown is not None:  # "점수가 공개된 건가요?": the score, not the round's page
        return _reply(req, shown, what if what == "service_score" else "fallback")
    alone = _only_one(req)
    if alone is not None:
        return _reply(req, alone, what)
    for check in _checks(what):
        verdict = check(req)
        if verdict is not None:
            return _reply(req, verdict, what)
    if what == "fallback" and _scope_not_loaded(req):
        # "2027년에도 75점 기준 적용돼?": no check could speak of a round that is not loaded
        # (none answers from another round); the cutoff's history, or what is held, is
        # the answer — not "not understood"
        past = req.newest is not None and (req.entities.year or 0) <= req.newest.year
        if past and parts().cutoff.search(req.question.lower()):
            return HANDLERS["cutoff_history"](req)  # a past round: what the history says
        return HANDLERS["round_summary"](req)
    return HANDLERS[what](req)


def _count_asked(req: Request, what: str) -> Reply | None:
    """A count asked ("how many", "몇 개", "계산하면?") that reached the yes/no handler (a
    follow-up of a check keeps its how): the count, deduced when no page prints it — a
    verdict only checks a count the question states."""
    e = req.entities
    if what not in ("count_evaluated", "below_cutoff") or e.count is not None or e.services:
        return None
    if not (tally.how_many(req) or tally.said(req.question, "estimate")):
        return None
    from bot.answers.compute import deducible

    plain = replace(req, entities=replace(e, how=None, what=what))
    if deducible(plain, what):
        return HANDLERS["deduced"](plain)
    return HANDLERS[what](plain)


def _rounds_judged(req: Request) -> Reply | None:
    """ "Within 2023, did things look better in round 3 than in round 1?": two rounds
    judged better or worse with no measure named — weighed on the measure both rounds
    publish, the share below the cutoff (7 / 12 against 0 / 6, 네/아니요 from it), then
    each round's average where it was published and "not published" where it was not."""
    e = req.entities
    if e.compare != "round" or e.compare_round is None or e.round_no is None or e.services:
        return None
    if not tally.judged(req):
        return None
    scopes = tally.compared_scopes(req)
    if scopes is None:
        return None
    shares = HANDLERS["below_cutoff"](
        replace(req, entities=replace(e, metrics=e.metrics | {"share"}, what="below_cutoff"))
    )
    if not shares.answered:
        return None
    t, lines = req.t, []
    for scope in scopes:
        stored = req.q.figure("average_score", scope)
        name = scope_name(t, scope)
        if stored is not None and stored.figure.value is not None:
            lines.append(
                t._(
                    "The average of {round} was {value}.",
                    round=name,
                    value=points(t, float(stored.figure.value), stored.figure.precision),
                )
            )
        else:
            lines.append(t._("The average of {round} was not published.", round=name))
    text = "\n".join([shares.text, *lines])
    return Reply(text, True, shares.sources, shares.suggestions, shares.chart)


def _scope_not_loaded(req: Request) -> bool:
    """The question names a year or a round that no loaded page is about."""
    where = target(req, whole_year=False)
    return where.named and where.round is None and where.year is not None


def _year_before(req: Request) -> bool:
    """ "Did the below-75 share get better in 2024?": a change of one named year, which
    the count's handler measures against the year before (and says which way it went)."""
    from bot.answers.tally import compared_scopes

    e = req.entities
    return e.compare in ("prev_year", "other") and compared_scopes(req) is not None


def _band_unknowable(req: Request, what: str) -> Reply | None:
    """ "2024년에 60점 미만 받은 곳도 있었어?": a line other than the cutoff that no published
    count or score reaches (only "below 65: 2" was reported) — neither yes nor no; what the
    sources do say follows.  The count's own handler knows which lines it can count."""
    e = req.entities
    cutoff = req.newest.cutoff if req.newest else 75
    if what != "below_cutoff" or e.services or e.threshold is None or e.threshold.value == cutoff:
        return None
    known = HANDLERS[what](req)
    if known.answered:
        return None
    verdict = _reply(req, Verdict("unknown", ()), "fallback")
    text = "\n".join([verdict.text, *known.text.splitlines()])
    return Reply(text, False, known.sources, known.suggestions, known.chart)


def _reply(req: Request, verdict: Verdict, what: str) -> Reply:
    t, draft = req.t, Draft(req)
    opening = {
        "yes": t._("Yes."),
        "no": t._("No."),
        "unknown": t._("That cannot be known from the published results."),
        "stated": "",  # "new or existing?": the side the finding states is the answer
    }
    first = verdict.lines[0] if verdict.lines else ""
    draft.add(f"{opening[verdict.answer]} {first}".strip(), *verdict.documents)
    for line in verdict.lines[1:]:
        draft.add(line)
    reply = draft.reply(answered=verdict.answer != "unknown")
    if not verdict.evidence or what not in HANDLERS or what == "fallback":
        return reply  # no what-intent: the verdict's own lines are the evidence
    known = HANDLERS[what](req)
    text = "\n".join(
        [reply.text, *(line for line in known.text.splitlines() if line not in reply.text)]
    )
    sources = tuple(dict.fromkeys((*reply.sources, *known.sources)))
    return Reply(text, reply.answered, sources, known.suggestions, known.chart)


#: Intents whose answer is a list or a text: only a check about a named service applies.
LISTS = frozenset(
    {"topic_search", "findings", "services_list", "rank", "highest", "lowest", "round_summary"}
)


Check = Callable[[Request], "Verdict | None"]


def _checks(what: str) -> list[Check]:
    """The checks to try, the what-intent's own first."""
    own = {
        "evaluator": [_evaluator_changed, _evaluator],
        "scoring_scheme": [_scoring],
        "period": [_period],
        "legal_basis": [_ordinance],
        "cutoff_rule": [_cutoff_before, _renewal_below, _cutoff_value, _consequence],
        # "만족도도 반영되나요?": an area of the scoring named is the scheme's, not the use of
        # the results (which "반영" alone asks)
        "purpose": [_scoring, _consequence],
        "average": [_average_and_below, _every_round_average, _any_year, _average],
        "below_cutoff": [_average_and_below, _every_round_average, _rounds_below, _below],
        "count_evaluated": [_count],
        "services_list": [_count],
        "consignment": [_contract_limit],
    }.get(what, [])
    if what == "topic_search":
        return [_service, _evaluator, _scoring_asked, _topic]
    if what in LISTS:
        # what its findings say comes before membership ("…라고 평가받은 거 맞지?"): a finding
        # check gives no verdict unless a finding covers what is asked; a question of the
        # cutoff or the contract ("keep its contractor?") is the service check's
        by_service = _asked("recontract") or _asked("pass") or _asked("fail")
        stated = bool(_ASKED) and bool(claimed_sides(_ASKED[-1]))
        if by_service and not _asks_amount() and not stated:
            # "Did every service in round 3 pass?": no service named, the round's count
            return [_service, _finding, _evaluator, *own, _below, _published]
        return [_finding, _service, _evaluator, *own, _published]
    general: list[Check] = [
        _evaluator_changed,
        _evaluator,
        _cutoff_before,
        _cutoff_value,
        _average_and_below,
        _every_round_average,
        _rounds_below,
        _below,
        _any_year,
        _average,
        _count,
        _scoring,
        _consequence,
        _period,
        _ordinance,
        _published,
    ]
    # "if it scores under 75, what happens?": the consequence; "…, can it renew?": the rule
    first = [_consequence] if _conditional_question() and not _asked("renewal_asked") else []
    checks = [_service, *first, *own] + [c for c in general if c not in own and c not in first]
    if _asks_amount() or (_ASKED and claimed_sides(_ASKED[-1])):
        # "소각로 20년 넘었어?": an amount of years, not the score; "new or existing
        # contract?": a state its findings say, not its contract's renewal
        return [_finding, *checks]
    if _asked("evaluator_words") and (_asked("external") or _asked("in_house")):
        # "Was an outside organisation used for the evaluation?": who evaluated, first
        return [_evaluator, *(c for c in checks if c is not _evaluator)]
    if (
        _asked("past")
        and _ASKED
        and parts().cutoff.search(_ASKED[-1])
        and "average" not in _ASKED[-1]
    ):
        # "Has the re-contract bar been raised compared with before?": the cutoff's history
        return [_cutoff_before, *(c for c in checks if c is not _cutoff_before)]
    if _asked("ordinance") and not _asked("renewal_asked"):
        # "75점 미만 재계약 배제는 조례에 있는 규정이야?": where a rule comes from, not a count
        return [_ordinance, *(c for c in checks if c is not _ordinance)]
    return [*checks[:1], _finding, *checks[1:]]


_ASKED: list[str] = []


def _asked(check: str) -> bool:
    """The question (set by ``yes_no``) uses the words of ``check``."""
    return bool(_ASKED) and bool(parts().checks[check].search(_ASKED[-1]))


def _asks_amount() -> bool:
    """An amount in another unit than points ("20년", "12개 언어", "10 years")."""
    return bool(_ASKED) and bool(_AMOUNT.search(_ASKED[-1]))


def _conditional_question() -> bool:
    return bool(_ASKED) and bool(parts().checks["conditional"].search(_ASKED[-1]))


# ---- about one service ------------------------------------------------------------------
def _named_service(req: Request) -> Service | None:
    """The first service the question names, if the knowledge base holds it."""
    services = req.entities.services
    return req.q.service(services[0]) if services else None


def _year_loaded(req: Request, year: int) -> bool:
    """Whether every service the year evaluated is in its loaded rounds (the year's stated
    total reached), so that a service missing from them was not evaluated that year."""
    total = req.q.figure("services_in_year", Scope.year(year))
    rounds = req.q.rounds_of_year(year)
    if total is None or total.figure.value is None or not rounds:
        return False
    loaded = sum(r.services_evaluated or len(req.q.evaluations(r.year, r.round_no)) for r in rounds)
    return loaded >= int(total.figure.value)


def _service(req: Request) -> Verdict | None:
    e = req.entities
    service = _named_service(req)
    if service is None:
        return None
    evaluations = req.q.evaluations_of_service(service.id)
    if e.year is not None and e.round_no is None and _before_year(req.question, e.year):
        return _evaluated_before(req, service, e.year, evaluations)
    if e.year is not None or e.round_no is not None:
        where = target(req, whole_year=e.round_no is None)
        evaluations = [
            v
            for v in evaluations
            if v.year == where.year and (where.round_no is None or v.round_no == where.round_no)
        ]
    name = service_name(req.t, service)
    scorey = (
        e.threshold is not None
        or e.score is not None
        or any(_has(req, c) for c in ("recontract", "score_words", "pass", "fail"))
    )
    if not evaluations:
        line = req.t._(
            "{service} has no evaluation in the knowledge base for that round or year.",
            service=name,
        )
        # "X 2026년 점수 나왔어?" with only part of 2026 loaded: not known, rather than no
        partly = e.round_no is None and e.year is not None and not _year_loaded(req, e.year)
        if partly and not scorey and e.year is not None:
            listed = _not_in_rounds(req, service, e.year)
            if listed is not None:
                return listed  # "evaluated again in 2026?": not in the rounds of 2026 loaded
        # "evaluated in the 2025 second round?" → no: the round's own list is the evidence
        rnd_asked = target(req, whole_year=False).round if e.round_no is not None else None
        shown = (rnd_asked.document_id,) if rnd_asked is not None else ()
        return Verdict("unknown" if partly else "no", (line,), shown)
    latest = evaluations[-1]
    rnd = req.q.get_round(latest.year, latest.round_no)
    if scorey and len(evaluations) > 1 and _has(req, "ever"):
        return _ever(req, name, evaluations)
    if scorey and len(evaluations) > 1 and tally.said(req.question, "each_evaluation"):
        return _each_evaluation(req, name, evaluations)
    if scorey and rnd is not None:
        return _service_score(req, name, latest.score, latest.score_precision, rnd)
    # "평가를 받았나요?" asks membership; "어떤 부분을 개선하라고 평가를 받았는지" its findings
    loose = tally.said(req.question, "membership") and e.kind is None
    if _has(req, "membership") or loose:
        return Verdict(
            "yes",
            (
                req.t._(
                    "{service} was one of the {n} services evaluated in {round}.",
                    service=name,
                    n=len(req.q.evaluations(latest.year, latest.round_no)),
                    round=round_name(req.t, latest.year, latest.round_no),
                ),
            ),
            (latest.document_id,),
        )
    return None


def _not_in_rounds(req: Request, service: Service, year: int) -> Verdict | None:
    """ "Was X evaluated again in 2026?" with some of 2026's rounds loaded, each with its
    whole list, and X in none: no, as far as those rounds go — they are named and cited,
    with the rounds that did evaluate X."""
    rounds = req.q.rounds_of_year(year)
    complete = [
        r
        for r in rounds
        if r.services_evaluated in (None, len(req.q.evaluations(r.year, r.round_no)))
    ]
    if not rounds or len(complete) != len(rounds):
        return None
    t = req.t
    own = req.q.evaluations_of_service(service.id)
    lines = [
        t._(
            "{service} is not among the services of {rounds}, the rounds of {year} loaded.",
            service=service_name(t, service),
            rounds=t.join([round_name(t, r.year, r.round_no) for r in rounds]),
            year=year,
        )
    ]
    if own:
        lines.append(
            t._(
                "Its evaluations: {rounds}.",
                rounds=t.join([round_name(t, v.year, v.round_no) for v in own]),
            )
        )
    return Verdict("no", tuple(lines), tuple(r.document_id for r in rounds))


def _before_year(question: str, year: int) -> bool:
    """ "evaluated before 2027?", "2027년 전에도": the years before the named one are asked,
    not that year (tally.yaml ``before_year``, right beside the year)."""
    return _before_pattern(year).search(question.lower()) is not None


@cache
def _before_pattern(year: int) -> re.Pattern[str]:
    """``_before_year``'s pattern for one year, built once rather than per question."""
    short = f"{year % 100:02d}"
    said = rf"(?:{year}|['’]{short}(?!\d)|(?<!\d){short}(?=\s*년))"
    words = tally.words()["before_year"]
    ko = "|".join(re.escape(w) for w in words if not w.isascii())
    en = "|".join(re.escape(w) for w in words if w.isascii())
    return re.compile(rf"(?:{en})\s+{said}|{said}\s*년?\s*(?:{ko})")


def _evaluated_before(
    req: Request, service: Service, year: int, evaluations: list[Evaluation]
) -> Verdict:
    """The service's evaluations in loaded rounds before ``year``: yes with those rounds,
    else no (only the loaded rounds are known)."""
    t, name = req.t, service_name(req.t, service)
    earlier = [v for v in evaluations if v.year < year]
    if not earlier:
        line = t._(
            "{service} has no evaluation before {year} in the loaded rounds.",
            service=name,
            year=year,
        )
        return Verdict("no", (line,), tuple(r.document_id for r in req.q.rounds() if r.year < year))
    rounds = t.join([round_name(t, v.year, v.round_no) for v in earlier])
    line = t._("{service} was evaluated in {rounds}.", service=name, rounds=rounds)
    return Verdict("yes", (line,), tuple(dict.fromkeys(v.document_id for v in earlier)))


def _ever(req: Request, name: str, evaluations: list) -> Verdict | None:
    """ "Has X ever fallen below the cutoff?": every evaluation of it, yes if any one does."""
    verdicts = []
    for v in evaluations:
        rnd = req.q.get_round(v.year, v.round_no)
        if rnd is not None:
            verdicts.append(_service_score(req, name, v.score, v.score_precision, rnd))
    if not verdicts:
        return None
    held = [x for x in verdicts if x.answer == "yes"]
    if not held and any(x.answer == "unknown" for x in verdicts):
        held = [x for x in verdicts if x.answer == "unknown"]
        answer = "unknown"
    else:
        answer = "yes" if held else "no"
    shown = held or verdicts
    lines = tuple(line for x in shown for line in x.lines)
    return Verdict(answer, lines, tuple(d for x in shown for d in x.documents))


def _each_evaluation(req: Request, name: str, evaluations: list) -> Verdict | None:
    """ "Did X clear 75 in both of its evaluations?": each evaluation checked on its own
    (a round with no published scores still answers when none of it fell below) — yes only
    when every one holds, no when one does not, else not known; every evaluation is shown."""
    verdicts = []
    for v in evaluations:
        rnd = req.q.get_round(v.year, v.round_no)
        if rnd is None:
            return None
        verdicts.append(_service_score(req, name, v.score, v.score_precision, rnd))
    answers = {x.answer for x in verdicts}
    answer = "no" if "no" in answers else "unknown" if "unknown" in answers else "yes"
    lines = tuple(line for x in verdicts for line in x.lines)
    return Verdict(answer, lines, tuple(d for x in verdicts for d in x.documents))


def _not_a_member(req: Request) -> Verdict | None:
    """ "서북권직장맘지원센터도 3차 때 평가받았어?": a name the knowledge base does not hold
    was not among the round's evaluated services — a fact the list answers (its results,
    asked for, stay unknown: that is ``unknown_service``)."""
    where = target(req, whole_year=False)
    rnd = where.round
    if rnd is None:
        return None
    evaluated = req.q.evaluations(rnd.year, rnd.round_no)
    names = req.t.join([service_name(req.t, v.service) for v in evaluated])
    line = req.t._(
        "“{name}” was not among the {n} services evaluated in {round}: {names}.",
        name=req.entities.unknown_name or "",
        n=len(evaluated),
        round=round_name(req.t, rnd.year, rnd.round_no),
        names=names,
    )
    return Verdict("no", (line,), (rnd.document_id,))


#: How much of what a check asks a finding must say for it to answer yes.
FINDING_COVERAGE = 0.6
#: ... and for its state ("새 설비야?": the finding about the equipment) to answer the check.
SIDE_COVERAGE = 0.5
#: ... and of another service's finding, for a "no, that was someone else" (surer).
OTHER_COVERAGE = 0.75
_AMOUNT = re.compile(
    r"(\d+(?:\.\d+)?)\s*(년|개월|개|명|곳|%|years?|months?|people|persons?|centers?|percent)"
)
_MORE = re.compile(r"more than|over|above|at least|longer than|older than|넘|이상|초과|넘었|넘어")
_LESS = re.compile(r"less than|under|below|fewer than|younger than|미만|이하|안 ?[되된돼]|못 ?미")


def _unit(word: str) -> str:
    return {"years": "년", "year": "년", "months": "개월", "month": "개월"}.get(word, word)


def _called_by(service: Service, findings: list[StoredFinding]) -> tuple[str, ...]:
    """What people call the service's kind ("느린 학습자 지원하는 센터", services.yaml
    ``kinds``): words that named the service, no claim about it to find in its findings —
    except a word its findings use themselves ("소각" of 소각로: a topic, not a name)."""
    from bot.understand.services import kind_names

    names = [service.name_ko, service.name_en or "", *service.aliases]
    said = " ".join(f"{f.text_ko} {f.text_en or ''}" for f in findings).lower()
    return tuple(
        word
        for word in kind_names(names)
        if not any(_stem(part) in said for part in word.lower().split())
    )


def _stem(word: str) -> str:
    """A Korean word's first two syllables (particles and endings follow them); an English
    word whole, with a space before it."""
    return f" {word}" if word.isascii() else word[:2]


def _finding(req: Request) -> Verdict | None:
    """ "신규 위탁사무인가요?", "recognised by a ministry?", "more than 15 years old?": a check
    about a named service that one of its findings answers — yes, the finding as evidence
    (an amount it states is compared with the one asked).  Nothing close: no verdict."""
    from bot.understand.search import current_index

    e = req.entities
    service = _named_service(req)
    if service is None:
        return None
    findings = req.q.findings(service.id)
    if e.year is not None:
        findings = [f for f in findings if f.year == e.year] or findings
    if not findings:
        return None
    by_id = {f.id: f for f in findings}
    names = " ".join(
        n for n in (service.name_ko, service.name_en, service.short_ko, *service.aliases) if n
    )
    named_sides = claimed_sides(req.question)
    asked_text = _without_amount(_without_claims(parts().without_ending(req.question)))
    if named_sides and not _AMOUNT.search(req.question.lower()):
        # "새 설비야?" (an amount asked, "under 10 years old", is compared below instead)
        what = _without_sides(asked_text)
        side = _side_stated(req, service, findings, named_sides, what, names)
        if side is not None:
            return side
    hits = current_index(req.q).within(asked_text, by_id, ignore=names)
    if not hits or hits[0].coverage < FINDING_COVERAGE:
        # "느린 학습자 지원하는 센터는 새로 위탁된 곳인가요?": the words that named the
        # service by its kind are no claim either — tried only when the names alone leave
        # too much unexplained
        called = _called_by(service, findings)
        if called:
            hits = current_index(req.q).within(asked_text, by_id, ignore=" ".join((names, *called)))
    if not hits or hits[0].coverage < FINDING_COVERAGE:
        return _said_of_another(req, service, asked_text, names)
    asked = _AMOUNT.search(req.question.lower())
    close = [by_id[h.finding_id] for h in hits if h.coverage >= FINDING_COVERAGE]
    if asked is not None:
        # "10년도 안 된 설비지?": of the findings about it, the one that states a number of years
        close = [f for f in close if _amounts(f, asked.group(2))] or close
    finding = close[0]
    answer = "yes"
    if asked is not None:
        said = _amounts(finding, asked.group(2))
        if not said:
            return None
        value, stated = float(asked.group(1)), float(said[0].group(1))
        rest = req.question.lower()[asked.end() :] + req.question.lower()[: asked.start()]
        if _LESS.search(rest):
            answer = "yes" if stated < value else "no"
        elif _MORE.search(rest):
            answer = "yes" if stated > value else "no"
        else:
            answer = "yes" if stated == value else "no"
    else:
        answer = _direction_said(req.question, finding.text_ko) or answer
    rnd = req.q.get_round(finding.year, finding.round_no)
    line = _quoted(req, service, finding)
    documents = (rnd.document_id if rnd else finding.document_id,)
    wrong = _wrong_kind(req, finding)
    if wrong is not None:
        # "칭찬받은 거 맞죠?" of an improvement task: no, whatever the words share
        return Verdict("no", (wrong, line), documents)
    return Verdict(answer, (line,), documents)


# ---- what a check claims about a finding ---------------------------------------------------


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


_CLAIMS: list[Claims] = []


def claims() -> Claims:
    """The claim words, loaded once (they are data: lookup.yaml)."""
    if not _CLAIMS:
        from bot.understand.search import load_lookup

        data = load_lookup()
        _CLAIMS.append(
            Claims(
                praised=_inside_pattern([str(w) for w in data["claims"]["praised"]]),
                criticised=_inside_pattern([str(w) for w in data["claims"]["criticised"]]),
                opposites=tuple(
                    (
                        _words_pattern([str(w) for w in one]),
                        _words_pattern([str(w) for w in other]),
                    )
                    for one, other in data["opposites"]
                ),
            )
        )
    return _CLAIMS[0]


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


def _without_claims(text: str) -> str:
    """The question without how it puts its claim ("칭찬받은", "praised"): no finding says
    those words; the finding's kind is checked apart."""
    c = claims()
    return _without(text, (c.praised, c.criticised))


def _without_sides(text: str) -> str:
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


def _wrong_kind(req: Request, finding: StoredFinding) -> str | None:
    """The line saying the finding is of the other kind than the question claims."""
    claimed = claimed_kind(req.question)
    if claimed is None or claimed == finding.kind:
        return None
    if claimed == "achievement":
        return req.t._("That was an improvement task, not an achievement:")
    return req.t._("That was an achievement, not an improvement task:")


def _side_stated(
    req: Request,
    service: Service,
    findings: list[StoredFinding],
    said: list[tuple[int, bool, bool]],
    asked_text: str,
    names: str,
) -> Verdict | None:
    """ "소각로는 새 설비야?" against "소각로 설비의 노후화(18년)": the state one of the
    service's findings gives of what is asked — the side the question names (yes), the
    other (no), or, asked both ("new or existing?"), the side stated.  The findings about
    what is asked come first; asked nothing else, any finding of the service."""
    from bot.understand.search import current_index

    by_id = {f.id: f for f in findings}
    index = current_index(req.q)
    hits = index.within(asked_text, by_id, ignore=names)
    about = [by_id[h.finding_id] for h in hits if h.coverage >= SIDE_COVERAGE]
    if not about and not index.tokens(index.without_names(asked_text, names), query=True):
        about = findings  # "신규 사무라던데 맞아요?": nothing but the state is asked
    pairs = claims().opposites
    for finding in about:
        text = f"{finding.text_ko} {(finding.text_en or '').lower()}"
        for pair, first, second in said:
            one, other = pairs[pair]
            says_first, says_second = bool(one.search(text)), bool(other.search(text))
            if says_first == says_second:
                continue
            # both named ("new or existing?"): the side stated is the answer
            answer = "stated" if first and second else "yes" if says_first == first else "no"
            rnd = req.q.get_round(finding.year, finding.round_no)
            line = _quoted(req, service, finding)
            return Verdict(answer, (line,), (rnd.document_id if rnd else finding.document_id,))
    return None


def _direction_said(question: str, finding: str) -> str | None:
    """ "지적사항 늘고 있음?" against "…지적사항이 감소하고 있는 추세": when the question and the
    finding each name exactly one direction, whether they agree ("yes"/"no"); else None."""
    from bot.answers.tally import directions

    up, down = directions(question.lower())
    said_up, said_down = directions(finding.lower())
    if up == down or said_up == said_down:
        return None
    return "yes" if up == said_up else "no"


def _without_amount(text: str) -> str:
    """ "소각로 20년 넘은거": what is asked about, without the amount claimed and the words
    comparing it ("넘은거", "over") — those are checked against the number a finding states,
    and no finding says "20" or "넘은" to be found by; the unit stays ("years old")."""
    if not _AMOUNT.search(text.lower()):
        return text
    words = _AMOUNT.sub(lambda m: f" {m.group(2)} ", text.lower()).split()
    kept = [w for w in words if not (_MORE.search(w) or _LESS.search(w))]
    return " ".join(kept) or text


def _amounts(finding: StoredFinding, unit: str) -> list[re.Match[str]]:
    """The amounts a finding states in ``unit`` ("노후화(18년)", "18 years old")."""
    text = f"{finding.text_ko} {(finding.text_en or '').lower()}"
    return [m for m in _AMOUNT.finditer(text) if _unit(m.group(2)) == _unit(unit)]


def _only_one(req: Request) -> Verdict | None:
    """ "Was it the only service told to use the checklist?", "거기만 그 과제 받았어?": what is
    said of one service, looked for in every service's findings — another service told the
    same makes the answer no, naming it; none found: the service's own checks decide (its
    finding may itself say it is the only one: "국내 유일한 …")."""
    from bot.understand.search import current_index

    service = _named_service(req)
    if service is None:
        return None
    names = " ".join(
        n for n in (service.name_ko, service.name_en, service.short_ko, *service.aliases) if n
    )
    if not (_has(req, "only") or _named_alone(req.question, names)):
        return None
    asked = parts().checks["only"].sub(" ", parts().without_ending(req.question))
    everything = req.q.findings_by_id
    hits = current_index(req.q).within(asked, everything, ignore=names)
    close = [everything[h.finding_id] for h in hits if h.coverage >= FINDING_COVERAGE]
    own = [f for f in close if f.service.id == service.id]
    others = {f.service.id: f for f in close if f.service.id != service.id}
    if not others or not (own or hits[0].coverage >= OTHER_COVERAGE):
        return None
    t = req.t
    lines = [
        t._(
            "Other services were told the same: {names}.",
            names=t.join([service_name(t, f.service) for f in others.values()]),
        )
    ]
    shown = [*own[:1], *others.values()]
    for finding in shown:
        lines.append(_quoted(req, finding.service, finding))
    return Verdict("no", tuple(lines), tuple(f.document_id for f in shown))


def _named_alone(question: str, names: str) -> bool:
    """ "경계선지능인 센터만 …": a word of the service's name with the particle 만 ("only")."""
    words = set(names.replace("(", " ").replace(")", " ").split())
    return any(
        w.endswith(("만", "만이")) and w.rstrip("이")[:-1] in words for w in question.split()
    )


def _quoted(req: Request, service: Service, finding: StoredFinding) -> str:
    """ "2023 round 3 evaluation of X: “…”": a finding quoted as published (its English
    text in English when there is one), the one wording every yes/no here cites by."""
    t = req.t
    text = (finding.text_en or finding.text_ko) if req.lang == "en" else finding.text_ko
    return t._(
        "{round} evaluation of {service}: “{finding}”",
        round=round_name(t, finding.year, finding.round_no),
        service=service_name(t, service),
        finding=text,
    )


def _said_of_another(req: Request, service: Service, asked_text: str, names: str) -> Verdict | None:
    """ "핀테크랩이 기획재정부 우수사례로 뽑힌 거 맞아?": what is asked was said of another
    service — no, and whose finding it was."""
    from bot.understand.search import current_index

    if not _has(req, "the_one"):
        return None  # "is X new?": another service being new says nothing about X
    everything = req.q.findings_by_id
    hits = current_index(req.q).within(asked_text, everything, ignore=names)
    if not hits or hits[0].coverage < OTHER_COVERAGE:
        return None
    finding = everything[hits[0].finding_id]
    if finding.service.id == service.id:
        return None
    lines = (
        req.t._(
            "That was said of another service, {other}:", other=service_name(req.t, finding.service)
        ),
        _quoted(req, finding.service, finding),
    )
    return Verdict("no", lines, (finding.document_id,))


def _service_score(
    req: Request, name: str, score: float | None, precision: int, rnd: StoredRound
) -> Verdict:
    """A service against the cutoff or another score: from its score, or deduced from the
    round's count below the cutoff when scores were not published."""
    e, t = req.entities, req.t
    threshold = e.threshold or Threshold(e.score if e.score is not None else rnd.cutoff, "below")
    failing = _negative(req, threshold)
    round_label = round_name(t, rnd.year, rnd.round_no)
    against_cutoff = _has(req, "recontract") or _has(req, "pass") or _has(req, "fail")
    ranked = e.metrics & {"highest", "lowest", "rank", "average"}
    if score is None and (ranked or not (e.threshold or e.score is not None or against_cutoff)):
        return Verdict(
            "unknown",
            (
                t._(
                    "Individual scores of {round} were not published, "
                    "so how {service} compares is not known.",
                    round=round_label,
                    service=name,
                ),
            ),
            (rnd.document_id,),
        )
    if score is not None and _against_average(req, rnd):
        return _versus_average(req, name, (score, precision), rnd)
    if score is not None:
        below = score < threshold.value
        reason = t._(
            "{service} scored {score} in {round}.",
            service=name,
            score=points(t, score, precision),
            round=round_label,
        )
    else:
        none_below = rnd.below_cutoff_count == 0 and threshold.value <= rnd.cutoff
        named = _named_below(req, rnd) if threshold.value == rnd.cutoff else None
        if named is not None and not none_below:
            # "Did X fail the 2026 evaluation?": the page names every service below the
            # cutoff, so X's place is known without its score
            below, names = named
            reason = t._(
                "Its own score was not published, but {round} names the services below the "
                "{cutoff}-point cutoff: {names}.",
                round=round_label,
                cutoff=t.num(rnd.cutoff),
                names=t.join([_english(req, n) for n in names]),
            )
            told = _exclusion_rule(req, rnd) if below and against_cutoff else ()
            if not below and tally.renewal_done(req.question):
                return _renewal_not_published(req, reason, rnd)
            return Verdict("yes" if below == failing else "no", (reason, *told), (rnd.document_id,))
        if not none_below:
            return Verdict(
                "unknown",
                (
                    t._(
                        "The individual score of {service} in {round} was not published.",
                        service=name,
                        round=round_label,
                    ),
                ),
                (rnd.document_id,),
                # what was published beside it (the round's average, its count below the cutoff)
                evidence=req.entities.what == "service_score",
            )
        below = False
        reason = t._(
            "Its own score was not published, but none of the {n} services in {round} scored "
            "below the {cutoff}-point cutoff, so it was not excluded from re-contracting.",
            n=len(req.q.evaluations(rnd.year, rnd.round_no)),
            round=round_label,
            cutoff=t.num(rnd.cutoff),
        )
    if not below and threshold.value >= rnd.cutoff and tally.renewal_done(req.question):
        return _renewal_not_published(req, reason, rnd)
    answer = "yes" if below == failing else "no"
    rule: tuple[str, ...] = ()
    if below and against_cutoff and threshold.value == rnd.cutoff:
        # "중부기술교육원 재계약 할 수 있어?" → no: and what the rule says happens then
        rule = _exclusion_rule(req, rnd)
    elif not below and threshold.value == rnd.cutoff and _renewal_ahead(req):
        rule = _review_decides(req, rnd)
    return Verdict(answer, (reason, *rule), (rnd.document_id,))


def _renewal_ahead(req: Request) -> bool:
    """ "재계약 되는 거 맞죠?", "will it be re-contracted?": a renewal asked of a service
    (tally.yaml ``renewal_ahead``) — clearing the cutoff answers only half of it."""
    return tally.said(req.question, "renewal_ahead")


def _review_decides(req: Request, rnd: StoredRound) -> tuple[str, ...]:
    """Clearing the cutoff means only "not excluded": the re-contract review (재계약
    적정성 심의) decides the renewal — said with the page's own line on it."""
    t = req.t
    review = next((_english(req, u) for u in rnd.usage if "심의" in u), None)
    lines = [
        t._(
            "Clearing the {cutoff}-point cutoff only means it was not excluded; the "
            "re-contract review decides the renewal itself.",
            cutoff=t.num(rnd.cutoff),
        )
    ]
    if review is not None:
        lines.append(t._("- {line}", line=review))
    return tuple(lines)


def _renewal_not_published(req: Request, passed: str, rnd: StoredRound) -> Verdict:
    """ "재계약 했나요?" of a service that cleared the cutoff: clearing it means only that
    it was not excluded; whether the contract was in fact renewed is the re-contract
    review's decision, which no page publishes — never 네 for "not excluded"."""
    lines = [
        req.t._("Whether its contract was actually renewed is not published."),
        passed,
        *_review_decides(req, rnd),
    ]
    return Verdict("unknown", tuple(lines), (rnd.document_id,))


def _exclusion_rule(req: Request, rnd: StoredRound) -> tuple[str, ...]:
    """What the round's page says happens below the cutoff (재계약 배제, 공개모집)."""
    return tuple(
        req.t._("- {line}", line=_english(req, u)) for u in rnd.usage if _EXCLUSION.search(u)
    )


def standing(req: Request, name: str, ev: Evaluation, rnd: StoredRound) -> str:
    """A service's place against its round's cutoff, nothing claimed: its score and its
    side of the cutoff, else what the round's count or named list says of it."""
    t = req.t
    round_label = round_name(t, rnd.year, rnd.round_no)
    if ev.score is not None:
        return t._(
            "{service} scored {score} in {round}, {versus}.",
            service=name,
            score=points(t, ev.score, ev.score_precision),
            round=round_label,
            versus=versus_cutoff(req, ev.score, rnd.cutoff),
        )
    named = _named_below(req, rnd)
    if rnd.below_cutoff_count == 0:
        return t._(
            "Its own score was not published, but none of the {n} services in {round} scored "
            "below the {cutoff}-point cutoff, so it was not excluded from re-contracting.",
            n=len(req.q.evaluations(rnd.year, rnd.round_no)),
            round=round_label,
            cutoff=t.num(rnd.cutoff),
        )
    if named is not None and named[0]:
        return t._(
            "Its own score was not published, but {round} names it among the services below "
            "the {cutoff}-point cutoff, excluded from re-contracting.",
            round=round_label,
            cutoff=t.num(rnd.cutoff),
        )
    if named is not None:
        return t._(
            "Its own score was not published, but it is not among the services {round} names "
            "below the {cutoff}-point cutoff ({names}).",
            round=round_label,
            cutoff=t.num(rnd.cutoff),
            names=t.join([_english(req, n) for n in named[1]]),
        )
    return t._(
        "The individual score of {service} in {round} was not published.",
        service=name,
        round=round_label,
    )


def _against_average(req: Request, rnd: StoredRound) -> bool:
    """ "X 점수가 3차 평균보다 높았어요?": the service against its round's average (no score
    line named), when that average was published."""
    e = req.entities
    return "average" in e.metrics and e.threshold is None and rnd.average_score is not None


def _versus_average(
    req: Request, name: str, scored: tuple[float, int], rnd: StoredRound
) -> Verdict:
    """The service's published score against its round's published average: both shown."""
    t, (score, precision) = req.t, scored
    average = float(rnd.average_score or 0.0)
    round_label = round_name(t, rnd.year, rnd.round_no)
    below = score < average
    reasons = (
        t._(
            "{service} scored {score} in {round}.",
            service=name,
            score=points(t, score, precision),
            round=round_label,
        ),
        t._(
            "The average of {round} was {value}.",
            round=round_label,
            value=points(t, average, precision),
        ),
    )
    failing = _negative(req, Threshold(average, "below"))
    return Verdict("yes" if below == failing else "no", reasons, (rnd.document_id,))


def _named_below(req: Request, rnd: StoredRound) -> tuple[bool, list[str]] | None:
    """Whether the named service is among the services ``rnd`` names below its cutoff —
    when the page names all of them (as many names as its count) — and those names."""
    names = list(rnd.below_cutoff_names)
    service = _named_service(req)
    if not names or service is None:
        return None
    own = {n.replace(" ", "") for n in (service.name_ko, service.short_ko, *service.aliases) if n}
    below = any(n.replace(" ", "") in own for n in names)
    if not below and rnd.below_cutoff_count not in (None, len(names)):
        return None  # only some of the services below were named: another may be this one
    return below, names


#: A published use of the results that states the exclusion ("75점 미만은 … 재계약 배제").
_EXCLUSION = re.compile(r"배제|미만")


def _negative(req: Request, threshold: Threshold) -> bool:
    """Whether the question asks about failing ("below 75?", "못 넘었어?", "lose")."""
    lower = req.question.lower()
    # "재계약에서 빠지게 됐다는", "kicked off its contract": everyday words of losing it
    fail = parts().checks["fail"].search(lower) or tally.cue("fail_claim").search(lower)
    passing = parts().checks["pass"].search(lower)
    if re.search(r"못\s*넘|못\s*미|not\s+(?:pass|clear|make)|didn'?t\s+(?:pass|clear|make)", lower):
        return True
    if req.entities.threshold is not None:
        return threshold.direction in ("below", "at_most")
    if fail is None:
        return False
    return not (passing is not None and passing.start() > fail.start())


# ---- about the round -----------------------------------------------------------------------
def _round(req: Request) -> tuple[Target, StoredRound | None]:
    """The round a verdict about a round rests on: the one the question names, else the
    newest.  A named year or round that is not loaded has none — a yes/no about 2027 is
    never answered from 2026's page (the what-intent's handler then says it is not held)."""
    where = target(req, whole_year=False)
    if where.named and where.round is None:
        return where, None
    return where, where.round or req.newest


#: a stated value the question asks the scope of: a share ("27.7%") or a decimal ("79.05")
_STATED = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)\s*(%|퍼센트|프로|percent|점)?")


def _figure_scope(req: Request) -> Verdict | None:
    """ "Is the 27.7% figure about round 3?", "74.02는 3차 평균이야?": a stated value's
    scope checked against the published figures that hold that value — 네 when one is of
    the scope asked, else 아니요 and the scope it belongs to (with its counts), then the
    asked scope's own value of the same measure when known."""
    lower = req.question.lower()
    topic = _TOPIC_VALUE.search(lower)  # "74.02점은 …?": the value is what is talked about
    if not (tally.said(req.question, "figure_about") or topic) or req.entities.threshold:
        return None
    e = req.entities
    if e.year is None and e.round_no is None:
        return None
    stated = _stated_values(lower)
    if len({v for v, _ in stated}) != 1:
        return None  # none, or "27.7%에서 13.1%로 줄었어?": a movement, not one figure's scope
    matches = [
        f
        for f in req.q.figures()
        if f.figure.value is not None
        and (f.figure.metric.endswith("_pct") or f.figure.metric == "average_score")
        and any(
            abs(f.figure.value - v) < 1e-9 and (pct or not f.figure.metric.endswith("_pct"))
            for v, pct in stated
        )
    ]
    if not matches:
        return None
    where = target(req, whole_year=e.round_no is None)
    if where.year is None:
        return None
    asked = Scope.round(where.year, where.round_no) if where.round_no else Scope.year(where.year)
    own = [f for f in matches if _scope_covers(req, asked, f.figure.scope)]
    t = req.t
    official = {(f.figure.metric, f.figure.value) for f in matches if f.official}
    told = [f for f in matches if f.official or (f.figure.metric, f.figure.value) not in official]
    shown = t.join(
        list(dict.fromkeys(_figure_line(req, f) for f in sorted(told, key=_official_first)))
    )
    if own:
        line = t._("It is {figures}.", figures=shown)
        return Verdict("yes", (line,), tuple(f.document_id for f in own))
    lines = [
        t._("It is not about {scope}: it is {figures}.", scope=scope_name(t, asked), figures=shown),
        *(_own_value(req, asked, f.figure.metric) for f in matches[:1]),
    ]
    return Verdict(
        "no", tuple(line for line in lines if line), tuple(f.document_id for f in matches)
    )


_TOPIC_VALUE = re.compile(r"\d\.\d{1,2}\s*(?:%|퍼센트|프로|점)?\s*(?:은|는|이란|이라는)(?![가-힣])")


def _stated_values(lower: str) -> list[tuple[float, bool]]:
    """The values the question states, each with whether it was said as a percentage."""
    out = []
    for m in _STATED.finditer(lower):
        number, unit = m.group(1), m.group(2) or ""
        if "." not in number and unit in ("", "점"):
            continue  # "round 3", "2023": no stated figure
        out.append((float(number), unit not in ("", "점")))
    return out


def _official_first(stored: StoredFigure) -> tuple[bool, int]:
    scope = stored.figure.scope
    return (not stored.official, scope.round_start or 0)


def _scope_covers(req: Request, asked: Scope, scope: Scope) -> bool:
    """Whether a figure's scope is the asked scope: a round itself, or a year as a whole
    (its whole-year figure, or the one summing all its rounds)."""
    if asked.round_start is not None:
        return scope == asked
    if scope.year_start != asked.year_start or scope.year_end != asked.year_end:
        return False
    return scope.round_start is None or (
        scope.round_start == 1
        and (scope.round_end or 0) >= tally.rounds_of(req, scope.year_start or 0)
    )


def _figure_line(req: Request, stored: StoredFigure) -> str:
    """What a figure is: its measure and scope, a share with its counts, a report named."""
    t, scope = req.t, stored.figure.scope
    if stored.figure.metric == "average_score":
        line = t._(
            "the average of {scope}, {value}",
            scope=scope_name(t, scope),
            value=points(t, float(stored.figure.value or 0), stored.figure.precision),
        )
    else:
        found = tally.share_below(req, scope)
        counts = found.shown if found is not None and found.counts else None
        below = tally.count(req, scope, tally.BELOW)
        total = stored.figure.denominator
        if counts is None and below is not None and total:
            counts = f"{below.value} / {total} = {t.pct(Decimal(str(stored.figure.value)), 1)}"
        line = t._(
            "the share of {scope} below the cutoff, {value}",
            scope=scope_name(t, scope),
            value=t.pct(Decimal(str(stored.figure.value)), stored.figure.precision),
        )
        if counts:
            line = f"{line} ({counts})"
    if not stored.official:
        line = t._("{line} (according to {note})", line=line, note=report_note(req, stored))
    return line


def _own_value(req: Request, scope: Scope, metric: str) -> str:
    """The asked scope's own value of the measure, when known ("2023 round 3: 0 / 6 = 0%")."""
    t = req.t
    if metric == "average_score":
        stored = req.q.figure("average_score", scope)
        if stored is None or stored.figure.value is None:
            return ""
        return t._(
            "{scope} itself: {value}.",
            scope=scope_name(t, scope),
            value=points(t, float(stored.figure.value), stored.figure.precision),
        )
    found = tally.share_below(req, scope)
    if found is None:
        return ""
    return t._("{scope} itself: {value}.", scope=scope_name(t, scope), value=found.shown)


def _score_published(req: Request) -> Verdict | None:
    """ "점수가 공개된 건가요?", "Was its score made public?": a *score* asked published,
    not the round's results — a round publishes its results without each service's
    score, so the round's page being public is no 네.  Scores published: 네, the score;
    not: 아니요, and what the page published instead (the average, the count below)."""
    e, t = req.entities, req.t
    if not _has(req, "published"):
        return None
    if _scope_not_loaded(req) and not e.services:
        # "Were the 2024 results published?" with no 2024 page loaded: a report's figures
        # are no proof of an official disclosure — not known here, and what is held
        return Verdict("unknown", (), (), evidence=True)
    scorey = _has(req, "score_words") or "scores" in e.metrics or e.what == "service_score"
    service = _named_service(req)
    if service is not None and not scorey:
        return _results_published(req, service)
    if not scorey:
        return None
    if service is not None:
        held = req.q.evaluations_of_service(service.id)
        if e.year is not None or e.round_no is not None:
            where = target(req, whole_year=e.round_no is None)
            held = [
                v for v in held if v.year == where.year and where.round_no in (None, v.round_no)
            ]
        if not held:
            return None
        ev = held[-1]
        rnd = req.q.get_round(ev.year, ev.round_no)
        if rnd is None:
            return None
        name = service_name(t, service)
        if ev.score is not None:
            line = t._(
                "{service} scored {score} in {round}.",
                service=name,
                score=points(t, ev.score, ev.score_precision),
                round=round_name(t, rnd.year, rnd.round_no),
            )
            return Verdict("yes", (line,), (rnd.document_id,))
        lines = [
            t._(
                "The individual score of {service} in {round} was not published.",
                service=name,
                round=round_name(t, rnd.year, rnd.round_no),
            ),
            *_published_instead(req, rnd),
            standing(req, name, ev, rnd),
        ]
        return Verdict("no", tuple(dict.fromkeys(lines)), (rnd.document_id,))
    _, rnd = _round(req)
    if rnd is None or e.services:
        return None
    scored = [v for v in req.q.evaluations(rnd.year, rnd.round_no) if v.score is not None]
    if scored:
        return None  # the round's scores are there: the what-intent's answer lists them
    lines = [
        t._(
            "Individual scores of {round} were not published.",
            round=round_name(t, rnd.year, rnd.round_no),
        ),
        *_published_instead(req, rnd),
    ]
    return Verdict("no", tuple(lines), (rnd.document_id,))


def _results_published(req: Request, service: Service) -> Verdict | None:
    """ "마포자원회수시설 평가 결과 발표됐어?": the service's results were published with its
    round (its achievements and tasks) — but not its own score, said with it."""
    t, e = req.t, req.entities
    held = req.q.evaluations_of_service(service.id)
    if e.year is not None:
        held = [v for v in held if v.year == e.year and e.round_no in (None, v.round_no)]
    if not held:
        return None
    ev = held[-1]
    rnd = req.q.get_round(ev.year, ev.round_no)
    if rnd is None:
        return None
    name, label = service_name(t, service), round_name(t, rnd.year, rnd.round_no)
    lines = [
        t._(
            "The results of {round} were published: “{title}”.",
            round=label,
            title=_english(req, rnd.title),
        ),
        t._("They include {service}'s achievements and improvement tasks.", service=name),
    ]
    if ev.score is None:
        lines.append(
            t._(
                "The individual score of {service} in {round} was not published.",
                service=name,
                round=label,
            )
        )
    return Verdict("yes", tuple(lines), (rnd.document_id,))


def _published_instead(req: Request, rnd: StoredRound) -> list[str]:
    """What a round without per-service scores did publish: its average and its count
    below the cutoff."""
    t, out = req.t, []
    if rnd.average_score is not None:
        out.append(
            t._(
                "The average of {round} was {value}.",
                round=round_name(t, rnd.year, rnd.round_no),
                value=points(t, float(rnd.average_score), 2),
            )
        )
    return out


def _published(req: Request) -> Verdict | None:
    """ "평가 결과 공개돼?": the results are published — this disclosure is the proof."""
    _, rnd = _round(req)
    if rnd is None or not _has(req, "published") or req.entities.services:
        return None
    title = _english(req, rnd.title)
    line = req.t._(
        "The results of {round} were published: “{title}”.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        title=title,
    )
    return Verdict("yes", (line,), (rnd.document_id,))


def _scoring_asked(req: Request) -> Verdict | None:
    """ "Do satisfaction surveys count toward the score?": scoring, whatever else matched."""
    return _scoring(req) if _has(req, "score_words") or _has(req, "consequence") else None


def _topic(req: Request) -> Verdict | None:
    """ "만족도 얘기 나온 사무 있어?": yes when a finding says it, the findings as evidence."""
    found = HANDLERS["topic_search"](req)
    return (
        Verdict("yes" if found.answered and found.sources else "no", (), (), evidence=True)
        if found.answered
        else None
    )


def _evaluator_changed(req: Request) -> Verdict | None:
    """ "Did the evaluator change between 2021 and 2024?", "평가기관 같은 데야?": the
    evaluators of the rounds of the two years (or every loaded round) in time order."""
    e = req.entities
    if not (_has(req, "evaluator_words") or e.what == "evaluator"):
        return None
    if not (_has(req, "changed") or _has(req, "same_as")):
        return None
    if _named_evaluators(req) and e.compare_year is None:
        return None  # "2026년 3차도 X야?": one round against the body named (_evaluator)
    years = {y for y in (e.year, e.compare_year) if y is not None}
    rounds = [r for r in req.q.rounds() if r.evaluator and (not years or r.year in years)]
    if e.year is not None and e.compare_year is None and _has(req, "earlier_rounds"):
        # "2026년 2차 평가기관, 전 회차들이랑 같아?": that round and every loaded one before it
        last = (e.year, e.round_no or 99)
        rounds = [r for r in req.q.rounds() if r.evaluator and (r.year, r.round_no) <= last]
        years = {r.year for r in rounds}
    lines = [
        (
            req.t._(
                "{round}: {evaluator}",
                round=round_name(req.t, r.year, r.round_no),
                evaluator=_english(req, r.evaluator or ""),
            ),
            r.evaluator or "",
            r.document_id,
        )
        for r in rounds
    ]
    lines += _reported_evaluators(req, years, {r.year for r in rounds})
    if len(lines) == 1 and req.newest is not None and req.newest.evaluator:
        # "did the same body do the 2024 one?": that year against the newest loaded round
        newest = req.newest
        lines.insert(
            0,
            (
                req.t._(
                    "{round}: {evaluator}",
                    round=round_name(req.t, newest.year, newest.round_no),
                    evaluator=_english(req, newest.evaluator or ""),
                ),
                newest.evaluator or "",
                newest.document_id,
            ),
        )
    if len(lines) < 2:
        return None
    differ = len({name.replace(" ", "") for _, name, _ in lines}) > 1
    asks_same = _has(req, "same_as") or bool(re.search(r"같아|같나|같았|같니|같냐", req.question))
    answer = "no" if differ == asks_same else "yes"
    return Verdict(answer, tuple(t for t, _, _ in lines), tuple(d for _, _, d in lines))


def _reported_evaluators(
    req: Request, years: set[int], loaded: set[int]
) -> list[tuple[str, str, int]]:
    """Evaluators known from reports only, for the named years no loaded round covers."""
    found = []
    for stored in req.q.figures("evaluator"):
        f = stored.figure
        year = f.scope.year_start
        if stored.official or not f.text or year is None or year not in years or year in loaded:
            continue
        line = req.t._(
            "{scope}: {facts} — according to {note}.",
            scope=scope_name(req.t, f.scope),
            facts=req.t._("evaluated by {name}", name=_english(req, f.text)),
            note=report_note(req, stored),
        )
        found.append((line, f.text, stored.document_id))
    return found


def _evaluator(req: Request) -> Verdict | None:
    asked = req.entities.what == "evaluator" or _has(req, "evaluator_words")
    if not asked and not _named_evaluators(req):
        # "is the rule itself in the ordinance?": not about who evaluated; a body known to
        # have evaluated a round, named ("2024년 3차도 X가 맡았어?"), is
        return None
    reported = _reported_evaluator(req)
    if reported is not None:
        return reported
    asserted = _asserted(req.question.lower())
    external = bool(parts().checks["external"].search(asserted))
    in_house = bool(parts().checks["in_house"].search(asserted))
    _, rnd = _round(req)
    if rnd is None or not rnd.evaluator:
        return None
    named = rnd.evaluator.replace(" ", "") in req.question.replace(" ", "")
    english = (req.q.english(rnd.evaluator) or "").lower()
    named = named or (bool(english) and english in req.question.lower())
    acronym = re.search(r"\b[A-Z]{2,}\b", req.question) is not None
    other = req.entities.what == "evaluator" and acronym
    other = other or bool(_named_evaluators(req) - {rnd.evaluator.replace(" ", "")})
    # "evaluated by Samil?", "삼일회계법인이 평가했어?": an agent named that is not the
    # round's evaluator (nor a kind of body: "by an outside body", "by the city itself")
    by_evaluator = req.entities.what == "evaluator"
    agent = _has(req, "evaluated_by") or (
        by_evaluator
        and (
            _has(req, "agent_did")
            or req.entities.unknown_name is not None
            or parts().named_agent(req.question)
        )
    )
    other = other or (agent and not (external or in_house or _has(req, "government_body")))
    if other and not named:  # "was KMAC the evaluator?": another body was named
        line = req.t._(
            "{round} was evaluated by {evaluator}, an external specialist body.",
            round=round_name(req.t, rnd.year, rnd.round_no),
            evaluator=_english(req, rnd.evaluator),
        )
        return Verdict("no", (line,), (rnd.document_id,))
    if not (external or in_house or named or _has(req, "government_body")):
        return None
    who = _english(req, rnd.evaluator)
    line = req.t._(
        "{round} was evaluated by {evaluator}, an external specialist body.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        evaluator=who,
    )
    if _has(req, "government_body") and not named:
        return Verdict("no", (line,), (rnd.document_id,))  # a specialist body, not the state
    return Verdict("no" if in_house and not named else "yes", (line,), (rnd.document_id,))


def _reported_evaluator(req: Request) -> Verdict | None:
    """ "2020년 평가 때도 한국산업관계연구원이 했었나요?": a year no loaded round covers, whose
    evaluator a report names — the body asked about against that one (not the newest
    round's), the report named."""
    year = req.entities.year
    if year is None or any(r.year == year for r in req.q.rounds()):
        return None
    found = _reported_evaluators(req, {year}, set())
    if not found:
        return None
    squeezed, lower = req.question.replace(" ", ""), req.question.lower()

    def said(name: str) -> bool:
        english = (req.q.english(name) or "").lower()
        return name.replace(" ", "") in squeezed or bool(english and english in lower)

    named = any(said(name) for _, name, _ in found)
    other = _named_evaluators(req) or _has(req, "evaluated_by") or req.entities.unknown_name
    if not (named or other or parts().named_agent(req.question)):
        return None
    lines = tuple(line for line, _, _ in found)
    return Verdict("yes" if named else "no", lines, tuple(d for _, _, d in found))


def _named_evaluators(req: Request) -> set[str]:
    """The bodies known to have evaluated a round (loaded or reported) that the question
    names, in Korean or English ("…도 한국산업관계연구원이야?"), spaces removed."""
    squeezed = req.question.replace(" ", "")
    lower = req.question.lower()
    names = {r.evaluator for r in req.q.rounds() if r.evaluator}
    names |= {f.figure.text for f in req.q.figures("evaluator") if f.figure.text}
    found = set()
    for name in names:
        english = (req.q.english(name) or "").lower()
        if name.replace(" ", "") in squeezed or (english and english in lower):
            found.add(name.replace(" ", ""))
    return found


def _asserted(lower: str) -> str:
    """The side of a contrast the question asserts: before "rather than", after "아니라"
    ("by an outside body rather than the city itself?" asserts the outside body)."""
    checks = parts().checks
    after = checks["contrast_after"].search(lower)
    if after is not None:
        return lower[: after.start()]
    before = checks["contrast_before"].search(lower)
    return lower[before.end() :] if before is not None else lower


def _english(req: Request, text: str) -> str:
    return (req.q.english(text) or text) if req.lang == "en" else text


def _scoring(req: Request) -> Verdict | None:
    _, rnd = _round(req)
    if rnd is None or not rnd.scoring_areas:
        return None
    areas = req.t.join([_english(req, a) for a in rnd.scoring_areas])
    line = req.t._(
        "{round} scored {areas}, {max} points in total.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        areas=areas,
        max=rnd.max_points or 100,
    )
    asked = req.entities.score
    if _has(req, "max_points") or (asked is not None and asked >= 90):
        if rnd.max_points is None:
            return None
        return Verdict(
            "yes" if asked in (None, rnd.max_points) else "no", (line,), (rnd.document_id,)
        )
    if _has(req, "areas"):
        return Verdict("yes", (line,), (rnd.document_id,))
    return None


def _months(req: Request) -> set[int]:
    return parts().months(req.question.lower())


def _period(req: Request) -> Verdict | None:
    _, rnd = _round(req)
    if rnd is None or not rnd.period_start or not (_has(req, "period") or _months(req)):
        return None
    months = _months(req)
    start, end = int(rnd.period_start[5:7]), int((rnd.period_end or rnd.period_start)[5:7])
    held = set(range(start, end + 1))
    line = req.t._(
        "{round} took place from {start} to {end}.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        start=req.t.date(rnd.period_start),
        end=req.t.date(rnd.period_end or rnd.period_start),
    )
    if months:
        return Verdict(
            "yes" if months <= held or (months & held and len(months) >= 3) else "no",
            (line,),
            (rnd.document_id,),
        )
    if req.entities.year is not None and req.entities.round_no is None:
        return Verdict(
            "yes" if req.entities.year == rnd.year else "no", (line,), (rnd.document_id,)
        )
    return None


def _ordinance(req: Request) -> Verdict | None:
    _, rnd = _round(req)
    if rnd is None or not rnd.legal_basis or not _has(req, "ordinance"):
        return None
    rule = _rule_source(req, rnd)
    if rule is not None:
        return rule
    article = re.search(r"(\d+)\s*조|article\s+(\d+)", req.question.lower())
    basis = _english(req, rnd.legal_basis)
    line = req.t._(
        "{round} was carried out under {basis}.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        basis=basis,
    )
    if article and (article.group(1) or article.group(2)) not in rnd.legal_basis:
        return Verdict("no", (line,), (rnd.document_id,))
    return Verdict("yes", (line,), (rnd.document_id,))


def _rule_source(req: Request, rnd: StoredRound) -> Verdict | None:
    """ "Is the 75-point exclusion rule set out in the ordinance?": the published usage lines
    say where each rule comes from — the exclusion below the cutoff from the management
    guidelines (관리지침), taking results into account from the ordinance (조례 제12조)."""
    lower = req.question.lower()
    about_cutoff = parts().cutoff.search(lower) or req.entities.threshold is not None
    about_cutoff = about_cutoff or bool(re.search(r"exclu|배제|\b75\b|75점", lower))
    guideline = [u for u in rnd.usage if "지침" in u]
    if not about_cutoff or not guideline:
        return None
    asks_guideline = bool(re.search(r"guideline|지침", lower))
    lines = tuple(req.t._("- {line}", line=_english(req, u)) for u in rnd.usage)
    head = req.t._("As published for {round}:", round=round_name(req.t, rnd.year, rnd.round_no))
    return Verdict("yes" if asks_guideline else "no", (head, *lines), (rnd.document_id,))


def _stated_cutoff(req: Request) -> float | None:
    """The cutoff score a question states ("75점", "was it always 75?")."""
    e = req.entities
    if e.score is not None:
        return e.score
    if e.threshold is not None:
        return e.threshold.value
    bare = re.search(r"(?<![\d.])(\d{2,3})(?![\d.])(?!\s*(?:년|차|개|%))", req.question.lower())
    return float(bare.group(1)) if bare and 40 <= float(bare.group(1)) <= 100 else None


def _cutoff_value(req: Request) -> Verdict | None:
    """ "커트라인이 75점 맞지?", "Is 80 the re-contract cutoff?": the stated score against it."""
    e = req.entities
    _, rnd = _round(req)
    lower = req.question.lower()
    if rnd is None or e.services or "average" in e.metrics or not parts().cutoff.search(lower):
        return None
    stated = e.score
    if stated is None:
        bare = re.search(r"(?<![\d.])(\d{2,3})(?![\d.])(?!\s*(?:년|차|개|%))", lower)
        stated = float(bare.group(1)) if bare and 40 <= float(bare.group(1)) <= 100 else None
    if stated is None:
        return None
    t, where = req.t, target(req, whole_year=False)
    lines = [t._("The re-contract cutoff is {cutoff}.", cutoff=points(t, rnd.cutoff, 0))]
    if where.named and where.round is not None:
        # "2022년 1차 때도 75점 기준 적용됐어?": that round's cutoff, and its page's own words
        # on the criterion it applied ("'22.7월 개정 관리지침에 따른 재계약 기준(75점) 적용")
        shown = f"{rnd.cutoff:g}점"
        lines = [
            t._(
                "{round}: the cutoff was {cutoff}.",
                round=round_name(t, rnd.year, rnd.round_no),
                cutoff=points(t, rnd.cutoff, 0),
            ),
            *(t._("- {line}", line=_english(req, u)) for u in rnd.usage if shown in u),
        ]
    return Verdict(
        "yes" if stated == rnd.cutoff else "no", tuple(lines), (rnd.document_id,), evidence=True
    )


def _cutoff_before(req: Request) -> Verdict | None:
    """ "I heard the cutoff used to be 60. Is that right?", "재계약 기준이 예전보다 엄격해졌어?":
    the cutoff of the past (older rounds, reports) against the stated score or today's."""
    e = req.entities
    _, rnd = _round(req)
    if rnd is None or e.services or not _has(req, "past"):
        return None
    earlier = sorted(
        {r.cutoff for r in req.q.rounds() if r.cutoff != rnd.cutoff}
        | {
            f.figure.value
            for f in req.q.figures("cutoff")
            if f.figure.value is not None and f.figure.value != rnd.cutoff
        }
    )
    if not earlier:
        return None
    stated = _stated_cutoff(req)
    if stated is not None and _has(req, "always"):
        answer = "no"  # "was the cutoff always 75?": it was not, it has changed
    elif stated is not None:
        answer = "yes" if stated in earlier else "no"
    elif _has(req, "stricter"):
        answer = "yes" if rnd.cutoff > max(earlier) else "no"
    elif _has(req, "laxer"):
        answer = "yes" if rnd.cutoff < min(earlier) else "no"
    else:
        return None
    t = req.t
    lines = [t._("The re-contract cutoff is {cutoff}.", cutoff=points(t, rnd.cutoff, 0))]
    documents = [rnd.document_id]
    for stored in req.q.figures("cutoff"):
        if not stored.official and stored.figure.value in earlier:
            lines.append(
                t._(
                    "Earlier the cutoff was {cutoff} ({scope}), according to {note}.",
                    cutoff=points(t, stored.figure.value, stored.figure.precision),
                    scope=scope_name(t, stored.figure.scope),
                    note=report_note(req, stored),
                )
            )
            documents.append(stored.document_id)
    for old in sorted({r for r in req.q.rounds() if r.cutoff in earlier}, key=_round_key)[-1:]:
        lines.append(
            t._(
                "{round}: the cutoff was {cutoff}.",
                round=round_name(t, old.year, old.round_no),
                cutoff=points(t, old.cutoff, 0),
            )
        )
        documents.append(old.document_id)
    return Verdict(answer, tuple(lines), tuple(documents))


def _round_key(rnd: StoredRound) -> tuple[int, int]:
    return rnd.year, rnd.round_no


def _renewal_below(req: Request) -> Verdict | None:
    """ "Can a contractor that scores under 75 get its contract renewed?", "75점 미만이어도
    재계약 돼?": the rule says no — excluded from re-contracting, then an open call."""
    e = req.entities
    _, rnd = _round(req)
    below = e.threshold is not None and e.threshold.direction in ("below", "at_most")
    if rnd is None or not rnd.usage or not below or e.services or not _has(req, "recontract"):
        return None
    if _has(req, "consequence") and not _has(req, "renewal_asked"):
        return None  # "does it lose the contract?": the consequence check says yes
    lines = tuple(req.t._("- {line}", line=_english(req, u)) for u in rnd.usage)
    head = req.t._("As published for {round}:", round=round_name(req.t, rnd.year, rnd.round_no))
    return Verdict("no", (head, *lines), (rnd.document_id,))


def _consequence(req: Request) -> Verdict | None:
    _, rnd = _round(req)
    asked = _has(req, "consequence") or (
        req.entities.what in ("cutoff_rule", "purpose") and _has(req, "recontract")
    )
    if rnd is None or not rnd.usage or not asked:
        return None
    lines = tuple(req.t._("- {line}", line=_english(req, u)) for u in rnd.usage)
    head = req.t._("As published for {round}:", round=round_name(req.t, rnd.year, rnd.round_no))
    return Verdict("yes", (head, *lines), (rnd.document_id,))


def _contract_limit(req: Request) -> Verdict | None:
    """ "같은 수탁기관이 10년 넘게 맡을 수 있어?", "can a contractor keep it for 12 years?":
    the stated years against the reported limit with one contractor."""
    stated = re.search(
        r"(?<!\d)(\d{1,2})\s*(?:년|years?)(?!\s*(?:도|부터|에))", req.question.lower()
    )
    limits = [f for f in req.q.figures("max_same_contractor_years") if f.figure.value]
    if stated is None or not limits:
        return None
    years, limit = int(stated.group(1)), int(limits[0].figure.value or 0)
    beyond = bool(_MORE.search(req.question.lower()[stated.end() : stated.end() + 12]))
    allowed = years < limit or (years == limit and not beyond)
    line = req.t._(
        "One contractor can keep a service for at most {n} years (according to {note}).",
        n=limit,
        note=report_note(req, limits[0]),
    )
    return Verdict("yes" if allowed else "no", (line,), (limits[0].document_id,))


# ---- figures ------------------------------------------------------------------------------------
def _any_year(req: Request) -> Verdict | None:
    """ "평균이 기준보다 낮았던 해가 있어?": every yearly average against the cutoff."""
    from bot.answers.compute import cutoff_fig, label, value, yearly_figs

    if not _has(req, "any_year") or req.entities.year is not None:
        return None
    cutoff = cutoff_fig(req)
    series = yearly_figs(req, "average_score")
    lower = req.question.lower()
    below = bool(parts().checks["down"].search(lower)) or bool(parts().checks["fail"].search(lower))
    hits = [f for f in series if (f.value < cutoff.value) == below and f.value != cutoff.value]
    listed = req.t.join(
        [req.t._("{scope} {value}", scope=label(req, f), value=value(req, f)) for f in series]
    )
    line = req.t._(
        "Yearly averages against the {cutoff}-point cutoff: {series}.",
        cutoff=req.t.num(cutoff.value),
        series=listed,
    )
    return Verdict("yes" if hits else "no", (line,), tuple(f.document_id for f in series))


def _rounds_below(req: Request) -> Verdict | None:
    """ "불러온 회차 전부 75점 미만 사무가 있었어?", "Did any loaded round other than 2023-3
    have services under 75?": each round's published count — every round (or any, when
    not asked of each) having one below decides, never the newest round alone."""
    e, t = req.entities, req.t
    asked = e.what == "below_cutoff" or _has(req, "fail") or e.threshold is not None
    if not asked or "average" in e.metrics or e.services:
        return None
    from bot.answers.base import loaded_asked

    rounds = loaded_asked(req)
    if not rounds or len(rounds) < 2 or any(r.below_cutoff_count is None for r in rounds):
        return None
    if e.threshold is not None and any(e.threshold.value != r.cutoff for r in rounds):
        return None  # another score than the cutoff: the rounds' counts do not say
    lines = tuple(
        t._(
            "{n} of the {total} services in {round} scored below the {cutoff}-point cutoff.",
            n=r.below_cutoff_count,
            total=len(req.q.evaluations(r.year, r.round_no)),
            round=round_name(t, r.year, r.round_no),
            cutoff=t.num(r.cutoff),
        )
        for r in rounds
    )
    had = [bool(r.below_cutoff_count) for r in rounds]
    each = tally.said(req.question, "every_one")
    return Verdict(
        "yes" if (all(had) if each else any(had)) else "no",
        lines,
        tuple(r.document_id for r in rounds),
    )


def _average_and_below(req: Request) -> Verdict | None:
    """ "What was the average of 2023 round 3, and was any service below 75?": the average
    given, and the yes/no answered from how many services fell below — never from the
    average against the line."""
    e, t = req.entities, req.t
    below = e.threshold is not None and e.threshold.direction == "below"
    if "average" not in e.metrics or not below or e.services:
        return None
    if not tally.said(req.question, "any_service"):
        return None
    rnd = target(req, whole_year=False).round
    if rnd is None or rnd.below_cutoff_count is None or rnd.average_score is None:
        return None
    if e.threshold is not None and e.threshold.value != rnd.cutoff:
        return None  # another line than the cutoff: the round's count does not say
    n = rnd.below_cutoff_count
    average = average_versus(req, round_name(t, rnd.year, rnd.round_no), rnd, rnd.average_score)
    if n:
        count = t._(
            "{n} of the {total} services in {round} scored below the {cutoff}-point cutoff.",
            n=n,
            total=len(req.q.evaluations(rnd.year, rnd.round_no)),
            round=round_name(t, rnd.year, rnd.round_no),
            cutoff=t.num(rnd.cutoff),
        )
    else:
        count = t._("No service scored below the {cutoff}-point cutoff.", cutoff=t.num(rnd.cutoff))
    return Verdict("yes" if n else "no", (count, average), (rnd.document_id,))


def _every_round_average(req: Request) -> Verdict | None:
    """ "Did every loaded round average above 75?": the loaded rounds named as a whole are
    each checked against the cutoff (or the stated score) — yes only when every published
    average is on the asked side; each round's average is listed, the newest alone is no
    answer."""
    from bot.answers.base import coverage

    e, t = req.entities, req.t
    if "average" not in e.metrics and e.what != "average":
        return None
    cov = coverage(req)
    if cov.kind != "all" or e.has_scope or e.services or len(cov.rounds) < 2:
        return None
    rounds = [r for r in cov.rounds if r.average_score is not None]
    if len(rounds) != len(cov.rounds):
        return None  # a round without a published average: no verdict over all of them
    threshold = e.threshold or Threshold(rounds[-1].cutoff, "at_least")
    lines = tuple(
        t._(
            "{scope}: {value}",
            scope=round_name(t, r.year, r.round_no),
            value=points(t, r.average_score or 0.0, r.average_precision),
        )
        for r in rounds
    )
    inside = all(threshold.admits(float(r.average_score or 0)) for r in rounds)
    return Verdict("yes" if inside else "no", lines, tuple(r.document_id for r in rounds))


def _average(req: Request) -> Verdict | None:
    """An average against the cutoff, a stated score, the year before or another scope."""
    e = req.entities
    if "average" not in e.metrics and req.entities.what != "average":
        return None
    before = tally.said(req.question, "prev_year_words")
    if e.compare != "prev_year" and e.year is not None and before:
        # "2023년 전체 평균이 그 전 해보다 올랐나요?": the year before, not the cutoff
        e = replace(e, compare="prev_year", reference="prev_year")
        req = replace(req, entities=e)
    both = sides(req)
    if both is None:
        return None
    of, other = both
    if e.band is not None:
        # "3차 평균이 79점대야?": the average inside the band or not
        inside = e.band[0] <= float(of.value) < e.band[1]
        return Verdict("yes" if inside else "no", (), evidence=True)
    stated = _stated_average(req)
    if stated is not None:
        # "2023 전체 평균 74.02 맞아?": the stated value against the published average
        same = abs(float(of.value) - stated) < 0.005
        if same:
            return Verdict("yes", (), evidence=True)
        # "2023년 3차 평균이 74.02점이었죠?": 74.02 is another scope's average — said
        elsewhere = [
            st
            for st in req.q.figures("average_score")
            if st.figure.value is not None
            and abs(float(st.figure.value) - stated) < 0.005
            and st.figure.scope != of.scope
        ]
        lines = tuple(
            req.t._("The stated figure is {figure}.", figure=_figure_line(req, st))
            for st in elsewhere[:2]
        )
        docs = tuple(st.document_id for st in elsewhere[:2])
        return Verdict("no", lines, docs, evidence=True)
    if e.threshold is not None and e.threshold.value != other.value:
        from bot.answers.compute import Fig

        if e.threshold.value != (req.newest.cutoff if req.newest else 75):
            return None
        other = Fig(of.scope, e.threshold.value, 0, None, kind="cutoff")
    lower = req.question.lower()
    up, down = parts().checks["up"].search(lower), parts().checks["down"].search(lower)
    fail = parts().checks["fail"].search(lower)
    down = down or fail
    asks_down = down is not None and not (up is not None and up.start() < down.start())
    if e.threshold is not None:
        asks_down = e.threshold.direction in ("below", "at_most")
    higher = of.value > other.value
    answer = "yes" if higher != asks_down else "no"
    if of.value == other.value:
        answer = "no"
    shown = compare_reply(req, of, other, "gap")
    return Verdict(
        answer, tuple(shown.text.splitlines()), tuple(s.document_id for s in shown.sources)
    )


_DECIMAL = re.compile(r"(?<![\d.])(\d{2,3}\.\d{1,2})(?![\d.])")


def _stated_average(req: Request) -> float | None:
    """A value the question states as the average ("평균 74.02 맞아?", "was the average
    79.05?"): a decimal with no direction, cutoff or change word beside it."""
    lower = req.question.lower()
    found = _DECIMAL.search(lower)
    if found is None or req.entities.threshold is not None:
        return None
    checks = parts().checks
    if any(checks[c].search(lower) for c in ("up", "down", "fail", "pass")):
        return None
    if parts().cutoff.search(lower):
        return None
    return float(found.group(1))


def _stated_move(req: Request) -> Verdict | None:
    """ "2024년 미달 비율 27.7%에서 13.1%로 줄어든 거야?": two shares stated as a move into
    the named year — checked against the year before's share and the year's own (each as
    published or computed, reports named); 네 only when both match as stated."""
    e = req.entities
    values = [float(m.group(1)) for m in _PERCENT.finditer(req.question.lower())]
    if len(values) != 2 or e.year is None or e.round_no is not None or e.services:
        return None
    t, matched = req.t, True
    lines: list[str] = []
    docs: list[int | None] = []
    for year, stated in zip((e.year - 1, e.year), values, strict=True):
        found = tally.share_below(req, Scope.year(year))
        if found is None:
            return None
        places = len(str(stated).split(".")[1]) if stated != int(stated) else 0
        matched = matched and round(float(found.value), places) == round(stated, places)
        line = t._("{scope}: {value}", scope=scope_name(t, Scope.year(year)), value=found.shown)
        report = found.report or next((c.report for c in found.counts if c.report), None)
        if report is not None:  # a reported share, or one computed from reported counts
            line = t._("{line} (according to {note})", line=line, note=report_note(req, report))
            docs.append(report.document_id)
        docs.extend(c.document_id for c in found.counts)
        lines.append(line)
    return Verdict("yes" if matched else "no", tuple(lines), tuple(docs))


def _names_published(req: Request, rnd: StoredRound) -> Verdict:
    """ "2025년 1차 75점 안 된 사무 이름 공개됐어?": the disclosure itself is asked — no when
    the page printed only how many (neither a list nor the scores), yes with the names when it
    did; a round with none below has no names to publish."""
    t = req.t
    below = _below_names(req, rnd)
    n = rnd.below_cutoff_count if rnd.below_cutoff_count is not None else len(below)
    count = t._(
        "{n} of the {total} services in {round} scored below the {cutoff}-point cutoff.",
        n=n,
        total=len(req.q.evaluations(rnd.year, rnd.round_no)),
        round=round_name(t, rnd.year, rnd.round_no),
        cutoff=t.num(rnd.cutoff),
    )
    if below:
        return Verdict(
            "yes", (count, t._("They are: {names}.", names=t.join(below))), (rnd.document_id,)
        )
    if n:
        withheld = t._("Their names and scores were not published.")
        return Verdict("no", (count, withheld), (rnd.document_id,))
    return Verdict("no", (count,), (rnd.document_id,))


def _below_names(req: Request, rnd: StoredRound) -> list[str]:
    """The names the page gave of those below: its list, else the services whose published
    score is under the cutoff."""
    if rnd.below_cutoff_names:
        return list(rnd.below_cutoff_names)
    return [
        service_name(req.t, e.service)
        for e in req.q.evaluations(rnd.year, rnd.round_no)
        if e.score is not None and e.score < rnd.cutoff
    ]


def _below(req: Request) -> Verdict | None:
    """Any service below the cutoff (or more than half, or a stated count) in a round or year."""
    moved = _stated_move(req)
    if moved is not None:
        return moved
    e = req.entities
    asked = e.what == "below_cutoff" or _has(req, "fail") or e.threshold is not None
    # "did every … pass?" reaches here as a list (services, or a ranking by its words)
    asked = asked or (_has(req, "pass") and e.what in LISTS)
    # "2024년에 통과한 곳이 53개 맞아?": a stated count of those that passed
    asked = asked or (e.count is not None and tally.said(req.question, "passed_asked"))
    if not asked or e.services or e.band is not None:
        return None
    where = target(req, whole_year=e.round_no is None and e.year is not None)
    rnd = where.round
    if rnd is not None and tally.said(req.question, "names_published"):
        return _names_published(req, rnd)
    if rnd is not None and rnd.below_cutoff_count is not None and not _has(req, "half"):
        n = rnd.below_cutoff_count
        # "So every R3 service scored at least 75, right?": the passing side is asserted
        passing = e.threshold is not None and e.threshold.direction in ("at_least", "above")
        passing = passing or (_has(req, "pass") and not _has(req, "fail"))
        at_cutoff = e.threshold is None or e.threshold.value == rnd.cutoff
        passing = passing and at_cutoff and "average" not in e.metrics
        return Verdict(
            ("no" if n else "yes") if passing else ("yes" if n else "no"),
            (
                req.t._(
                    "{n} of the {total} services in {round} scored below the "
                    "{cutoff}-point cutoff.",
                    n=n,
                    total=len(req.q.evaluations(rnd.year, rnd.round_no)),
                    round=round_name(req.t, rnd.year, rnd.round_no),
                    cutoff=req.t.num(rnd.cutoff),
                ),
            ),
            (rnd.document_id,),
            # a ranking's answer is no evidence of a count ("no ranking": scores unpublished)
            evidence=e.what not in ("rank", "highest", "lowest"),
        )
    counts = [
        f
        for f in req.q.figures_of_year(where.year or 0)
        if f.figure.metric == "below_cutoff" and f.figure.value is not None
    ]
    if e.round_no is not None:
        counts = [
            f
            for f in counts
            if f.figure.scope.round_start == f.figure.scope.round_end == e.round_no
        ]
    else:  # the year: its own figure or its rounds together, not one round's
        counts = [
            f
            for f in counts
            if f.figure.scope.round_start is None
            or f.figure.scope.round_start != f.figure.scope.round_end
        ]
    if not counts:
        return None
    stored = counts[0]
    n = int(stored.figure.value or 0)
    total = stored.figure.denominator or _total(req, stored)
    stated = _stated_share(req)
    if stated is not None and total:
        answer = "yes" if (n / total * 100 > stated[0]) == (stated[1] == "above") else "no"
        share = req.t.pct(n / total * 100, 1)
        line = _count_line(req, stored, n, total)
        sum_line = req.t._(
            "{n} ÷ {total} = {share} (against {stated})",
            n=n,
            total=total,
            share=share,
            stated=req.t.pct(stated[0], 0 if stated[0] == int(stated[0]) else 1),
        )
        return Verdict(answer, (line, sum_line), (stored.document_id,), evidence=True)
    if e.count is not None and total and tally.said(req.question, "passed_asked"):
        # "Were 34 services not excluded in 2023?": the stated count is of those that
        # passed — checked against the complement, its arithmetic shown
        return _passed_count(req, stored, n, total)
    if _has(req, "half") and total:
        answer = "yes" if n * 2 > total else "no"
    elif e.count is not None:
        answer = "yes" if e.count == n else "no"
    else:
        answer = "yes" if n else "no"
    line = _count_line(req, stored, n, total)
    return Verdict(answer, (line,), (stored.document_id,), evidence=True)


def _passed_count(req: Request, stored: StoredFigure, below: int, total: int) -> Verdict:
    """A stated count of the services that did not fall below the cutoff, against the
    scope's evaluated − below."""
    t, passed = req.t, total - below
    line = t._(
        "{scope}: {passed} of {total} services ({share}) did not fall below the cutoff — "
        "{total} {minus} {below} = {passed}; {below} ({below_share}) fell below it.",
        scope=scope_name(t, stored.figure.scope),
        passed=passed,
        total=total,
        below=below,
        minus="−",
        share=t.pct(passed / total * 100, 1),
        below_share=t.pct(below / total * 100, 1),
    )
    if not stored.official:
        line = t._("{line} (according to {note})", line=line, note=report_note(req, stored))
    answer = "yes" if req.entities.count == passed else "no"
    return Verdict(answer, (line,), (stored.document_id,))


#: Shares said in words ("more than a quarter", "3분의 1 넘게").
_FRACTIONS = {"quarter": 25.0, "third": 100 / 3, "4분의1": 25.0, "3분의1": 100 / 3, "5분의1": 20.0}
_FRACTION = re.compile(r"\bquarter\b|\bthird\b(?!\s+round)|[345]\s*분의\s*1")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|퍼센트|프로|percent)")


def _stated_share(req: Request) -> tuple[float, str] | None:
    """A share the question measures against ("탈락 비율 30% 넘어?", "under 20 percent?"):
    the value and which side of it is asserted (the words next to it decide)."""
    lower = req.question.lower()
    found = _PERCENT.search(lower)
    if found is None:
        fraction = _FRACTION.search(lower)
        if fraction is None:
            return None
        share = _FRACTIONS[fraction.group(0).replace(" ", "")]
        near = lower[max(0, fraction.start() - 14) : fraction.end() + 8]
        return share, "below" if _LESS.search(near) else "above"
    near = lower[max(0, found.start() - 14) : found.end() + 8]
    if _LESS.search(near):
        return float(found.group(1)), "below"
    return float(found.group(1)), "above"


def _total(req: Request, stored) -> int | None:
    for f in req.q.figures(scope=stored.figure.scope):
        if f.figure.metric == "services_evaluated" and f.document_id == stored.document_id:
            return int(f.figure.value or 0)
    return None


def _count_line(req: Request, stored, n: int, total: int | None) -> str:
    from bot.answers.base import report_note, scope_name

    scope = scope_name(req.t, stored.figure.scope)
    if total:
        line = req.t._(
            "{scope}: {n} of {total} services scored below the cutoff.",
            scope=scope,
            n=n,
            total=total,
        )
    else:
        line = req.t._("{scope}: {n} services scored below the cutoff.", scope=scope, n=n)
    if not stored.official:
        line = req.t._("{line} (according to {note})", line=line, note=report_note(req, stored))
    return line


def _count(req: Request) -> Verdict | None:
    e = req.entities
    if e.count is None or e.services:
        return None
    rnd = target(req, whole_year=False).round
    if rnd is None:
        return _year_count(req, e.count) if e.year is not None and e.round_no is None else None
    n = rnd.services_evaluated or len(req.q.evaluations(rnd.year, rnd.round_no)) or 0
    line = req.t._(
        "{round} evaluated {n} services.", round=round_name(req.t, rnd.year, rnd.round_no), n=n
    )
    if n == e.count:
        return Verdict("yes", (line,), (rnd.document_id,))
    elsewhere = _count_elsewhere(req, e.count, Scope.round(rnd.year, rnd.round_no))
    lines = (line, *(text for text, _ in elsewhere))
    return Verdict("no", lines, (rnd.document_id, *(doc for _, doc in elsewhere)))


def _year_count(req: Request, stated: int) -> Verdict | None:
    """ "So 2024 had 47 services evaluated, right?" of a year no page is loaded for: the
    year's evaluated count as a report gives it (labelled), and whose count the stated
    one is."""
    year = req.entities.year or 0
    own = Scope.year(year)
    for stored in req.q.figures(scope=own):
        f = stored.figure
        total = f.value if f.metric == "services_evaluated" else f.denominator
        if total is None:
            continue
        line = req.t._(
            "{round} evaluated {n} services.", round=scope_name(req.t, own), n=int(total)
        )
        if not stored.official:
            line = req.t._("{line} (according to {note})", line=line, note=report_note(req, stored))
        if int(total) == stated:
            return Verdict("yes", (line,), (stored.document_id,))
        elsewhere = _count_elsewhere(req, stated, own)
        lines = (line, *(text for text, _ in elsewhere))
        return Verdict("no", lines, (stored.document_id, *(doc for _, doc in elsewhere)))
    return None


def _count_elsewhere(req: Request, stated: int, own: Scope) -> list[tuple[str, int | None]]:
    """ "So round 3 of 2023 evaluated 47 services, right?": a wrong count is often another
    scope's right one (the whole year's 47) — the premise corrected with the scope the
    stated number belongs to, a report labelled as one."""
    found: list[tuple[str, int | None]] = []
    seen: set[Scope] = set()
    for stored in req.q.figures():
        f = stored.figure
        total = f.value if f.metric == "services_evaluated" else f.denominator
        if total is None or total != stated or f.scope == own or f.scope in seen:
            continue
        seen.add(f.scope)
        line = req.t._(
            "{n} is the number of services evaluated in {scope}.",
            n=stated,
            scope=scope_name(req.t, f.scope),
        )
        if not stored.official:
            line = req.t._("{line} (according to {note})", line=line, note=report_note(req, stored))
        found.append((line, stored.document_id))
    return found[:2]
