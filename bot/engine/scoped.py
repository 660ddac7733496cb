"""The scope a follow-up keeps (or leaves) of the previous turn: "그중에서" is of the
scope just listed, a follow-up about the figure just given is of exactly its scope, and a
line narrowed to the previous answer's services is dropped for another scope.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Context
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.entities import Entities
from bot.understand.literals import bounded_words
from bot.understand.search import load_lookup

#: a count narrowed to the previous answer's services (lookup.yaml narrowing)
NARROWING = bounded_words(load_lookup()["narrowing"])


def previous_side(decision: Decision, u: Understanding, previous: Entities | None) -> Decision:
    """ "2024년 평균이랑 비교하면?" after "2015~2022년 평균이랑 2023년 3차 평균 중 뭐가 더
    높아?": the other side kept from the conversation is the scope it was about — the
    round, not the whole of its year."""
    e, own = decision.entities, u.entities
    if (
        previous is None
        or previous.round_no is None
        or previous.year is None
        or own.compare != "other"
        or own.compare_year is not None
        or own.round_no is not None
        or e.compare != "year"
        or e.compare_year != previous.year
        or e.compare_round is not None
        or e.services
    ):
        return decision
    moved = replace(e, compare="round", compare_round=previous.round_no)
    return replace(decision, entities=moved)


def same_scope(
    decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
) -> Decision:
    """ "그게 75점에서 얼마나 모자란 거야?" after "23년 전체 평균은?": a follow-up about the
    figure just given (the same *what*, asked the same or another way) that names no
    scope, service or topic of its own is about exactly the previous answer's scope —
    the whole year 2023, not the newest round."""
    e, own = decision.entities, u.entities
    if (
        previous is None
        or context is None
        or not previous.has_scope
        or own.has_scope
        or own.services
        or own.service_candidates
        or own.topic
        or own.latest
        or own.compare == "whole_year"  # "그해 전체로는?": the year, not the round given
        or e.has_scope
        or e.services
        or decision.ask_back
        or context.intent not in (decision.intent, e.what)
    ):
        return decision
    return replace(decision, entities=replace(e, **previous.scope_fields()))


def narrowing_left(
    decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
) -> Decision:
    """ "and 2023 total?" after "how many below 65 among them": the narrower line was of
    the previous answer's services; another scope counts by its cutoff again."""
    e, own = decision.entities, u.entities
    if (
        previous is None
        or context is None
        or previous.threshold is None
        or e.threshold != previous.threshold
        or own.threshold is not None
        or own.band is not None
        or not own.has_scope
        or (own.year, own.round_no) == (previous.year, previous.round_no)
        or not NARROWING.search((context.question or "").lower())
    ):
        return decision
    return replace(decision, entities=replace(e, threshold=None))


def among_them(
    ur: Understander, decision: Decision, u: Understanding, previous: Entities | None
) -> Decision:
    """ "그중에서 제일 잘 받은 곳 점수" after "2025년 1차 평가 대상 목록": "among them" is of
    the scope the previous answer listed, whatever intent the words chose — never the
    newest round by default."""
    e, own = decision.entities, u.entities
    spec = ur.specs.get(decision.intent)
    if (
        previous is None
        or not previous.has_scope
        or own.has_scope
        or own.services
        or e.has_scope
        or e.services
        or decision.ask_back
        or spec is None
        or "scope" not in spec.slots
        or not NARROWING.search(u.text.lower())
    ):
        return decision
    return replace(decision, entities=e.merged_with(previous, frozenset({"scope"})))
