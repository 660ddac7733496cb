"""Rounds and evaluations reached from the conversation: the round just given
against its year or beside another round, a year's only loaded round, a year no loaded
round covers, the evaluation a finding describes, the service's next or previous one.
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine.words import points_back
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.entities import Entities
from knowledge.queries import Queries

#: Intents that answer two rounds side by side (``other_round_beside``).
ROUND_COMPARED = frozenset({"average", "below_cutoff", "count_evaluated", "share_gap"})


def neighbour_reached(
    ur: Understander, q: Queries, u: Understanding, previous: Entities | None
) -> Entities | None:
    """ "In English, what were its achievements that time?" after "그 다음 평가에선 몇 점
    받았어?": "that time" is the evaluation the previous answer found (the service's next
    or previous one), not the round it was counted from."""
    # "전에도 평가받은 적 있어?" → "네 — 2번" → "그때 점수는?": the earlier evaluation the
    # yes/no found, before the service's newest one
    earlier = previous is not None and "history" in previous.metrics
    earlier = earlier and previous is not None and previous.how == "yes_no"
    if (
        previous is None
        or (previous.reference not in ("next", "previous") and not earlier)
        or len(previous.services) != 1
        or (previous.year is None and not earlier)
        or u.entities.has_scope
        or not ur.vocab.this_scope.search(u.text.lower())
    ):
        return previous
    history = q.evaluations_of_service(previous.services[0])
    later = previous.reference == "next"
    if previous.year is None:
        if not history:
            return previous
        here = (history[-1].year, history[-1].round_no)
    else:
        here = (previous.year, previous.round_no or (99 if later else 0))
    found = (
        next((v for v in history if (v.year, v.round_no) > here), None)
        if later
        else next((v for v in reversed(history) if (v.year, v.round_no) < here), None)
    )
    if found is None:
        return previous
    return replace(
        previous,
        year=found.year,
        round_no=found.round_no,
        year_span=None,
        round_span=None,
        reference=None,
        metrics=previous.metrics - {"history"},
        how=None,
    )


def round_against_its_year(
    ur: Understander, decision: Decision, u: Understanding, previous: Entities | None
) -> Decision:
    """ "How does that compare with the average for all of 2023?" after 2023 round 3's
    average: the round just given (pointed at) against its own year, not the year alone."""
    e, own = decision.entities, u.entities
    lower = u.text.lower()
    if (
        previous is None
        or previous.round_no is None
        or own.round_no is not None
        or own.services
        or e.compare != "whole_year"
        or e.year not in (None, previous.year)
        or e.metrics - {"average"}
        or not points_back(ur, lower)
    ):
        return decision
    moved = replace(e, year=previous.year, round_no=previous.round_no)
    return replace(decision, entities=moved)


def other_round_beside(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities,
    prev_intent: str | None,
) -> Decision:
    """ "3차랑 비교하면 어떤가요?", "How does round 3 compare?" after 2023 round 1's results:
    the follow-up names only the other side of a comparison, so it is answered as "2023년
    1차와 3차 비교해줘" is — the round named against the round just given (counts,
    shares, averages as published), not the named round against its own year."""
    e, own = decision.entities, u.entities
    compared = ur.parts.checks["compared_words"]
    if (
        own.round_no is None
        or own.round_no == previous.round_no
        or own.round_span
        or own.services
        or own.year not in (None, previous.year)
        or e.compare_round is not None
        or not (own.compare is not None or compared.search(u.text.lower()))
    ):
        return decision
    # a figure named, or the one the conversation was about, is compared; with neither
    # (after a round's results as a whole) the named round's results, with the counts
    # evaluated and below the cutoff compared after them (``round_pair_rest``)
    named = own.metrics or own.threshold
    if named and decision.intent in ROUND_COMPARED:
        intent = decision.intent
    elif prev_intent in ROUND_COMPARED:
        intent = str(prev_intent)
    else:
        intent = "round_summary"
    given = (previous.year, previous.round_no)  # the round just given: the other side
    paired = e.two_sides((previous.year, own.round_no), given, compare_first=True, how=None)
    return Decision(intent, paired)


def described_evaluation(
    ur: Understander, q: Queries, decision: Decision, u: Understanding
) -> Decision:
    """ "the incinerator where they removed clinker from the boiler tubes - what was it
    asked to fix?": one service, and the words describe one of its findings — the
    evaluation that finding is of is the one asked about, not the service's newest."""
    e = decision.entities
    lookup = ur.lookup
    if (
        "findings" not in (decision.intent, e.what)
        or len(e.services) != 1
        or e.has_scope
        or u.entities.has_scope
        or lookup is None
    ):
        return decision
    names = ur.services.names_of(e.services[0])
    found = {f.id: f for f in q.findings(service_id=e.services[0])}
    hits = lookup.focus(u.text, e.services[0], names, doc_ids=found)
    # the finding described is of another kind than the one asked ("removed clinker",
    # an achievement; "asked to fix", the improvement tasks of that evaluation)
    said = [found[h.finding_id] for h in hits if h.finding_id in found]
    if not said or e.kind not in ("achievement", "improvement"):
        return decision
    if any(f.kind == e.kind for f in said):
        return decision
    rounds = {(f.year, f.round_no) for f in said}
    if len(rounds) != 1:
        return decision  # the words fit findings of several evaluations: the newest
    year, round_no = rounds.pop()
    return replace(decision, entities=replace(e, year=year, round_no=round_no))


def other_year_round(q: Queries, decision: Decision) -> Decision:
    """ "2026년 3차 대상 중에 2023년에도 평가받았던 곳은?": the other side named by its year
    alone is that year's loaded round, when the knowledge base holds only one of it."""
    e = decision.entities
    if "services_list" not in (decision.intent, e.what) or e.compare_year is None:
        return decision
    if e.compare_round is not None or e.services:
        return decision
    rounds = q.rounds_of_year(e.compare_year)
    if len(rounds) != 1:
        return decision
    moved = replace(e, compare="round", compare_round=rounds[0].round_no)
    return replace(decision, entities=moved)


def unlisted(q: Queries, decision: Decision) -> Decision:
    """ "2024년 평가는 어떤 사무들이 대상이었어요?": the services of a year no loaded round
    covers — what reports say of them (how many, which kind), not a bare "not loaded"."""
    e = decision.entities
    if (
        decision.intent != "services_list"
        or decision.ask_back
        or e.year is None
        or e.round_no is not None
        or e.round_span is not None
        or e.year_span is not None
        or e.services
        or e.metrics & {"history"}
        or q.rounds_of_year(e.year)
    ):
        return decision
    return replace(decision, intent="unlisted_services")


def same_body_beside(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    prev_intent: str | None,
) -> Decision:
    """ "그럼 25년 3차랑 같은 곳이네?", "The same body as in round 1 of 2024?" after the
    evaluator of another round: whether the round just given and the one named had the
    same evaluator (네/아니요 first) — the two rounds, the one just given first; not the
    named round's evaluator alone, nor the named round against the newest.  After an
    evaluator's answer, "the same" with a round and nothing else asked is about the
    evaluator however the words ranked."""
    e, own = decision.entities, u.entities
    asked = decision.intent if decision.intent != "yes_no" else e.what
    bare = not (own.metrics or own.threshold or own.kind or own.topic or own.score)
    if asked != "evaluator" and not (prev_intent == "evaluator" and bare):
        return decision
    if previous is None or (decision.ask_back and asked == "evaluator"):
        return decision
    if previous.year is None or own.year is None or own.services or own.compare_year:
        return decision
    if (own.year, own.round_no) == (previous.year, previous.round_no):
        return decision
    lower, checks = u.text.lower(), ur.parts.checks
    if not (checks["same_as"].search(lower) or checks["changed"].search(lower)):
        return decision  # "같은 곳이네?", "같은 데네?", "바뀌었어?", "a different one?"
    beside = e.two_sides(
        (previous.year, previous.round_no),
        (own.year, own.round_no),
        rounds_named=(),
        how="yes_no",
        what="evaluator",
    )
    return Decision("yes_no", beside)
