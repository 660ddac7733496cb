"""What a follow-up keeps of the previous turn when its own words do not say it: the
*what* an operation turns around, the aspect, the figure, the line it was counted by, and
the figure pointed at.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from bot.answer import Context
from bot.engine.groups import OPERATIONS
from bot.engine.words import points_back
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision
from bot.understand.decide.conversation import scope_of_figure
from bot.understand.entities import Entities
from bot.understand.search import load_lookup
from bot.understand.vocab import phrase_pattern

#: answers whose figure is a count of services: a bare "and round 3?" comparison keeps it
KEPT_COUNTS = frozenset({"below_cutoff", "count_evaluated"})
#: answers that break the figure before them down and state none of their own
BREAKDOWNS = frozenset({"distribution"})


def operation_inherits(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """ "그럼 통과한 건?" after "2023년에 75점 미만 몇 개였어?": a way of asking (the
    complement, a share) whose own words name no *what* turns around the previous
    answer's *what* and keeps its scope — and the next follow-up ("2024년은?") continues
    that *what*, not a figure-less operation."""
    e = decision.entities
    if (
        context is None
        or previous is None
        or decision.intent not in OPERATIONS
        or e.what not in (None, "fallback")
        or decision.ask_back
        or context.intent not in ur.specs
        or context.intent == "fallback"
        or u.entities.services
        or u.entities.topic
    ):
        return decision
    slots = ur.specs[context.intent].slots - {"services"}
    merged = e.merged_with(previous, slots) if not u.entities.has_scope else e
    return replace(decision, entities=replace(merged, what=context.intent))


def topic_kept(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """ "Was it more before?", "by how many did it shrink?" after the number of consigned
    services: a follow-up about consignment that names no aspect of its own keeps the
    aspect the conversation is about (the size, the budget), and "before" with no year
    is the year before — never the budget and the contract rules instead."""
    e = decision.entities
    asked = decision.intent if decision.intent != "yes_no" else e.what
    if asked != "consignment" or previous is None or not previous.aspects:
        return decision
    if context is None or context.intent != "consignment":
        return decision
    lower = u.text.lower()
    own = frozenset(a for a, p in ur.vocab.aspects.items() if p.search(lower))
    if u.entities.aspects or own or u.entities.has_scope:
        # "예산은?": an aspect of its own, marker or not; "2021년엔?": a year of its own
        # asks what is known of it, whichever aspect
        return decision
    kept = replace(e, aspects=previous.aspects, metrics=e.metrics | previous.metrics)
    before = before_now().search(u.text.lower())
    if before and kept.compare is None and not kept.has_scope:
        kept = replace(kept, compare="prev_year", reference="prev_year")
    return replace(decision, entities=kept)


@cache
def before_now() -> re.Pattern[str]:
    """lookup.yaml ``before_now``: "before", "예전엔" — earlier than the figure, no year."""
    return phrase_pattern(load_lookup()["before_now"])


def metric_kept(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """ "And how did the third round compare?" after "How many of those fell below the
    cutoff?": a comparison naming a new scope and no figure of its own asks the previous
    answer's figure (the count below the cutoff) of that scope — not its average; "How does
    that compare with 2023?" (a comparison word beside the new scope) sets the two side by
    side, the scope just given the subject.  After a breakdown of that count by band
    ("Break those down by score band."), the count is still the figure the conversation
    is about (``counted_before``)."""
    e, own = decision.entities, u.entities
    counted = context is not None and counted_before(context, previous)
    # "2023년이랑 비교하면?" after the breakdown continues it; "2023년은?" asks the
    # breakdown of 2023 (no comparison word): that stays
    continued = context is not None and decision.intent == context.intent
    continued = continued and own.compare is not None
    if (
        context is None
        or previous is None
        or not counted
        or (decision.intent not in ("gap", "versus", "average") and not continued)
        or e.what not in (None, "average")
        or decision.ask_back
        or not own.has_scope
        or own.services
        or own.threshold is not None
        or own.metrics & {"average", "count", "share"}
        or ur.vocab.metrics["average"].search(u.text.lower())
    ):
        return decision
    intent = context.intent if context.intent in KEPT_COUNTS else "below_cutoff"
    slots = ur.specs[intent].slots - {"scope"}
    kept = replace(e.merged_with(previous, slots), how=None, what=None)
    kept = replace(kept, compare=None, compare_year=None, compare_round=None, reference=None)
    return Decision(intent, beside_previous(kept, own, previous) or kept)


def counted_before(context: Context, previous: Entities | None) -> bool:
    """Whether the figure the conversation is about is a count of services below a line:
    the previous answer counted them, or it broke that count down (by band) and stated no
    figure of its own — the last figure stated is still the share below the cutoff, of
    the previous turn's scope."""
    if context.intent in KEPT_COUNTS:
        return True
    if context.intent not in BREAKDOWNS or previous is None or previous.services:
        return False
    if not context.figures or context.figures[-1].get("kind") != "share":
        return False
    scope = scope_of_figure(context.figures[-1])
    return scope is not None and (scope.year, scope.round_no, scope.year_span) == (
        previous.year,
        previous.round_no,
        previous.year_span,
    )


def beside_previous(kept: Entities, own: Entities, previous: Entities) -> Entities | None:
    """ "How does that compare with 2023?", "2023년이랑 비교하면?": a comparison word beside
    a scope other than the one just given — the one just given stays the subject and the
    named scope is the other side (a year, or a round); None when there is no comparison
    word or the scopes are the same."""
    if own.compare is None or own.compare_year is not None or previous.year is None:
        return None
    if own.year_span is not None or previous.year_span is not None:
        return None
    if own.round_no is not None:
        year = own.year or previous.year
        if (year, own.round_no) == (previous.year, previous.round_no):
            return None
        return kept.two_sides((previous.year, previous.round_no), (year, own.round_no))
    if own.year is None or own.year == previous.year or previous.round_no is not None:
        return None
    return replace(kept, year=previous.year, compare="year", compare_year=own.year)


def line_kept(
    ur: Understander,
    decision: Decision,
    u: Understanding,
    previous: Entities | None,
    context: Context | None,
) -> Decision:
    """ "And what share of all evaluated services is that?" after "How many of those
    scored under 65?": the figure pointed at was counted by its line (65, a band), so
    its share is counted by the same line — not by the cutoff again."""
    e, own = decision.entities, u.entities
    lower = u.text.lower()
    if (
        context is None
        or previous is None
        or context.intent != "below_cutoff"
        or decision.intent != "below_cutoff"
        or (previous.threshold is None and previous.band is None)
        or own.threshold is not None
        or own.band is not None
        or own.has_scope
        or own.services
        or "share" not in own.metrics
        or not points_back(ur, lower)
    ):
        return decision
    kept = replace(e, threshold=previous.threshold, band=previous.band)
    if not kept.has_scope:
        kept = kept.merged_with(previous, frozenset({"scope"}))
    return replace(decision, entities=kept)


def history_gap(decision: Decision, u: Understanding, context: Context | None) -> Decision:
    """ "so how many points higher is it now?", "so how many points was it raised by?" after
    the cutoff's history: the gap between the cutoff then and now, which that answer
    computes — no service's score ("it" is the cutoff, not a service the conversation
    never named)."""
    own = u.entities
    # "그럼 몇 점이나 올린 거야?": points asked of no service are the cutoff's too
    scoreless = decision.intent == "service_score" and not decision.entities.services
    if (
        context is None
        or context.intent != "cutoff_history"
        or (own.how not in ("gap", "versus") and not scoreless)
        or own.services
        or own.service_candidates
        or own.has_scope
        or own.threshold is not None
        or own.metrics - {"count"}
    ):
        return decision
    return Decision("cutoff_history", replace(own, how=None, metrics=frozenset()))


def share_beside(
    decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
) -> Decision:
    """ "2023년은요?" after "그 중에 떨어진 데는 몇 퍼센트예요?" of 2024: a share below the
    cutoff asked again of another year is read beside the one just given (13.1% | 27.7%),
    as "2023년도 비교하면?" is — a share alone invites the comparison it was asked for."""
    e, own = decision.entities, u.entities
    if (
        context is None
        or previous is None
        or context.intent != "below_cutoff"
        or decision.intent != "below_cutoff"
        or not u.elliptical
        or "share" not in previous.metrics
        or previous.year is None
        or previous.round_no is not None
        or own.year is None
        or own.year == previous.year
        or own.round_no is not None
        or own.compare is not None
        or e.threshold is not None
        or e.band is not None
    ):
        return decision
    beside = replace(
        e, year=previous.year, compare="year", compare_year=own.year, what="below_cutoff"
    )
    return Decision("share_gap", beside)


def about_previous(
    ur: Understander, decision: Decision, u: Understanding, context: Context | None
) -> Decision:
    """ "그거 75 넘은 거야?" after an average: a check of the figure just given, which the
    words point at and do not name — its *what* is the previous turn's."""
    e = decision.entities
    lower = u.text.lower()
    if (
        context is None
        or context.intent not in ur.specs
        or context.intent == "fallback"
        or "fallback" not in (e.what, decision.intent)
        or decision.ask_back
        or e.services
        or not points_back(ur, lower)
    ):
        return decision
    if decision.intent == "fallback":
        # "그건 전체 중 몇 퍼센트야?" after a count: the same subject, asked anew
        previous = Entities.from_dict(context.entities or {})
        slots = ur.specs[context.intent].slots
        return Decision(context.intent, e.merged_with(previous, slots))
    return replace(decision, entities=replace(e, what=context.intent))
