"""The decision against the conversation.  The question is first read against the
previous turn (the service pointed at, the year or round stepped to, the figure measured),
then ``Decider`` decides it, then ordered follow-up steps correct what the decision could
not know (what a follow-up keeps, the rounds it reaches, the service the conversation
holds).  The order of the steps is the behaviour.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Context
from bot.engine.across import acted_on_later
from bot.engine.built import Built
from bot.engine.groups import COUNTED, NEEDS_SERVICE, OPERATIONS
from bot.engine.kept import (
    about_previous,
    history_gap,
    line_kept,
    metric_kept,
    operation_inherits,
    share_beside,
    topic_kept,
)
from bot.engine.latest import latest_against
from bot.engine.measured import (
    gap_beside_check,
    last_measured,
    measured_subject,
    pair_kept,
    score_measured,
    side_replaced,
    span_pointed,
    yardstick_kept,
)
from bot.engine.memory import held_by, known
from bot.engine.pointing import pointed_at, the_one
from bot.engine.rounds import (
    described_evaluation,
    neighbour_reached,
    other_round_beside,
    other_year_round,
    round_against_its_year,
    same_body_beside,
    unlisted,
)
from bot.engine.scoped import among_them, narrowing_left, previous_side, same_scope
from bot.engine.stepping import stepped, year_stepped
from bot.engine.unused import as_said
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision, against_named
from bot.understand.entities import Entities
from knowledge.queries import Queries

#: How much of a question a finding must cover for the question to be about it.
SAID_COVERAGE = 0.25


def decided(built: Built, u: Understanding, context: Context | None) -> Decision:
    """The intent and entities to answer ``u`` with in the conversation ``context``
    continues: the question read against the previous turn, decided, then followed up."""
    ur, q = built.ur, built.q
    previous = known(q, Entities.from_dict(context.entities or {})) if context else None
    previous = neighbour_reached(ur, q, u, previous)
    pointed = pointed_at(ur, q, built.decider, u, context, previous)
    chose = pointed.entities.services != u.entities.services and u.entities.ordinal is not None
    u = latest_against(ur, q, stepped(ur, q, year_stepped(ur, pointed, previous), previous))
    figures = len(context.figures) if context else 0
    u = pair_kept(ur, measured_subject(ur, u, context), previous)
    u = gap_beside_check(ur, u, figures)
    decision = built.decider.decide(u, previous, context.intent if context else None, figures)
    decision = as_said(ur, decision, u)  # "재평가 대상": what the documents call it
    decision = beside_the_round(ur, q, decision, u, previous, context)
    if chose:
        decision = ordinal_chose(decision)
    return followed_up(built, decision, u, previous, context)


def beside_the_round(
    ur: Understander,
    q: Queries,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """After an answer about one round: a named side measured against it, the round
    against its own year, another round named beside it."""
    year, round_no = (previous.year, previous.round_no) if previous else (None, None)
    if year and round_no and q.get_round(year, round_no) is not None:
        decision = against_named(decision, u, previous)
        decision = round_against_its_year(ur, decision, u, previous)
    if previous is not None and previous.year and previous.round_no:
        # the round just given may be one only reported (2023 round 1), not loaded
        prev_intent = context.intent if context else None
        decision = other_round_beside(ur, decision, u, previous, prev_intent)
    return decision


def ordinal_chose(decision: Decision) -> Decision:
    """An ordinal that chose a service from the previous list ("두 번째 거")."""
    # the ordinal chose the service: it does not also point into its findings
    decision = replace(decision, entities=replace(decision.entities, ordinal=None))
    if decision.intent in COUNTED or decision.intent == "services_list":
        # "두번째꺼 뭐임" after a count, "the last one on your list — …?": that
        # service, not the list again
        decision = replace(decision, intent="findings")
    return decision


def followed_up(
    built: Built,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """The decision corrected by what the conversation says and the words do not, step by
    step — the order is the behaviour (each step sees the ones before it)."""
    ur, q = built.ur, built.q
    decision = operation_inherits(ur, decision, u, previous, context)
    decision = topic_kept(ur, decision, u, previous, context)
    decision = metric_kept(ur, decision, u, previous, context)
    decision = line_kept(ur, decision, u, previous, context)
    decision = history_gap(decision, u, context)
    decision = share_beside(decision, u, previous, context)
    decision = previous_side(decision, u, previous)
    decision = same_scope(about_previous(ur, decision, u, context), u, previous, context)
    decision = narrowing_left(decision, u, previous, context)
    decision = among_them(ur, decision, u, previous)
    decision = described_evaluation(ur, q, decision, u)
    decision = same_body_beside(ur, decision, u, previous, context.intent if context else None)
    decision = unlisted(q, the_one(ur, q, other_year_round(q, decision), context))
    decision = yardstick_kept(ur, q, side_replaced(decision, u, context), u, context)
    decision = span_pointed(ur, last_measured(ur, decision, u, context), u, previous)
    decision = score_measured(decision, u, context)
    decision = acted_on_later(built, decision, u, context)
    return held_service(built, decision, u, context)


def held_service(
    built: Built, decision: Decision, u: Understanding, context: Context | None
) -> Decision:
    """ "지난번 평가 때 지적받은 건 고쳤어?", "그 사무 총점은?", "그 사람이 만든 교육도구
    이름은요?": a question naming no service, not understood or about a service without
    one, in a conversation about one service — the question asked of that service (its
    words must say something its findings say when only a content lookup would read it)."""
    held = held_by(context).get("service")
    e = u.entities
    if not isinstance(held, int) or built.q.service(held) is None:
        return decision
    if e.services or e.service_candidates or e.unknown_name or e.other_place:
        return decision
    unread = decision.intent == "fallback" or decision.entities.what == "fallback"
    asked = decision.entities.what if decision.intent in OPERATIONS else decision.intent
    needs = asked in NEEDS_SERVICE and not decision.entities.services
    if decision.ask_back or not (unread or needs):
        return decision
    entities = replace(e, services=(held,), topic=None)
    matcher = built.ur.matcher
    ranked = tuple(matcher.rank(u.prepared, u.text.lower(), entities, u.unknown[0]))
    retried = decided(built, replace(u, entities=entities, ranked=ranked), context)
    if retried.intent == "fallback" or retried.entities.what == "fallback":
        return decision
    if retried.ask_back or (unread and not said_of(built.ur, built.q, held, u)):
        return decision
    return retried


def said_of(ur: Understander, q: Queries, service: int, u: Understanding) -> bool:
    """Whether the question's words say what one of the service's findings says
    ("교육도구" of the centre that invited IMAGINE's author)."""
    lookup = ur.lookup
    if lookup is None:
        return False
    if u.entities.kind is not None:
        return True  # "개선과제는?": a kind of finding is the service's own
    found = {f.id: f for f in q.findings(service_id=service)}
    names = ur.services.names_of(service)
    hits = lookup.within(u.text, found, ignore=names)
    return bool(hits) and hits[0].coverage >= SAID_COVERAGE
