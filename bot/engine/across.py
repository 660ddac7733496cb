"""A held service followed across its evaluations: "Did they fix that later?", "나중에
고쳐졌어?", "Did they fix what the previous evaluation asked for?" in a conversation about
one service whose findings span several rounds ask whether an earlier improvement task
was acted on in a later round — the findings handler's across-rounds answer (네/아니요
first when asked so), not the period, a search, or the round before the newest.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Context
from bot.answers import tally
from bot.engine.built import Built
from bot.engine.memory import held_by
from bot.understand import Understanding
from bot.understand.decide import Decision


def acted_on_later(
    built: Built, decision: Decision, u: Understanding, context: Context | None
) -> Decision:
    """The held service's earlier tasks against a later round, when the question asks
    whether one was acted on (tally.yaml ``followed_up``) and names no service of its
    own; a scope read from a relative word ("the previous evaluation") that the service
    was not evaluated in is dropped — its own rounds are the ones followed."""
    held = held_by(context).get("service")
    e = u.entities
    if not isinstance(held, int) or decision.ask_back:
        return decision
    if e.services or e.service_candidates or e.unknown_name or e.other_place:
        return decision
    if tally.across_mode(u.text) != "followed_up":
        return decision
    rounds = {(f.year, f.round_no) for f in built.q.findings(service_id=held)}
    if len(rounds) < 2:
        return decision
    kept = replace(
        decision.entities,
        services=(held,),
        service_candidates=(),
        topic=None,
        kind=None,
        metrics=frozenset(),
        what=None,
    )
    if kept.year is not None and not any(y == kept.year for y, _ in rounds):
        kept = replace(kept, year=None, round_no=None, compare=None, compare_year=None)
    if e.how == "yes_no":
        return Decision("yes_no", replace(kept, how="yes_no", what="findings"))
    return Decision("findings", replace(kept, how=None))
