"""The state one decision carries through the *how* steps (op_forms, op_gaps, op_trends).

The operation steps turn the *what* decision into a way of asking (a gap, a check, a
direction); a few of them only reshape it for the steps after them ("so it cleared 75,
right?" is a check, not a complement) — so ``d``, ``e`` and ``how`` live in one object the
steps share.  They drift apart on purpose: a step may change ``e`` without ``d`` (the
decision returned unchanged at the end keeps its own entities), exactly as decided.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import Decision
from bot.understand.entities import Entities


@dataclass(slots=True)
class Shaped:
    """A *what* decision on its way through the *how* steps.

    ``u`` is the question as understood (not as the *what* steps refined it), ``own`` its
    entities; ``figures`` is how many figures the previous answer left to compare."""

    ur: Understander
    u: Understanding
    d: Decision
    e: Entities
    how: str | None
    previous: Entities | None
    figures: int
    own: Entities
    #: the question names no scope, service, topic or reference of its own
    bare: bool
    #: the previous turn was about one service
    one: bool

    @classmethod
    def of(
        cls,
        ur: Understander,
        u: Understanding,
        d: Decision,
        previous: Entities | None,
        figures: int,
    ) -> Shaped:
        """The *what* decision as decided, nothing reshaped yet (``bare`` and ``one`` read
        once: neither the question's own entities nor the previous turn change)."""
        own = u.entities
        bare = not (own.has_scope or own.services or own.topic or own.reference)
        one = previous is not None and len(previous.services) == 1
        return cls(ur, u, d, d.entities, d.entities.how, previous, figures, own, bare, one)

    def keep(self) -> None:
        """The decision takes the entities as the steps so far left them."""
        self.d = Decision(self.d.intent, self.e, self.d.ask_back)


#: A step: the decision when it knows the operation, else ``None`` (the next step tries).
OperationStep = Callable[[Shaped], Decision | None]


def only_when_how(hows: frozenset[str], *steps: OperationStep) -> OperationStep:
    """Consecutive steps that can each fire only when ``how`` is one of ``hows``, tried in
    their order — and skipped together when it is not (most questions ask no gap, check
    or trend, and a hundred steps per question add up).  Each step still checks ``how``
    itself, so one that reshapes it (a complement read as a check) stops the next."""

    def grouped(s: Shaped) -> Decision | None:
        if s.how not in hows:
            return None
        for step in steps:
            found = step(s)
            if found is not None:
                return found
        return None

    return grouped
