"""The state one question carries through the *what* steps (what.py, ranked.py).

A step reads the question and the conversation, and may refine the question's entities
for the steps after it ("그래서 재계약 됐어?" takes the previous service before any later step
asks whether a service is named) — so the refinement lives in one object the steps share
instead of in the locals of one long function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.understand import Understander, Understanding
from bot.understand.decide.decision import Decision
from bot.understand.entities import Entities
from bot.understand.intents import Ranked


@dataclass(slots=True)
class Asked:
    """One question on its way through the *what* steps.

    ``u`` starts as understood; a step may refine it (a follow-up's service or scope merged
    in, an earlier era read) and every later step sees the refinement.  ``previous`` has
    already lost its scope when the question is complete, and ``prev_intent`` is ``None``
    unless it is an intent the ranking knows.  ``e`` and ``best`` are ``u``'s entities and
    best-ranked intent, kept as plain fields: some hundred steps read them per question."""

    ur: Understander
    u: Understanding
    previous: Entities | None
    prev_intent: str | None
    #: the entities as asked, before anything is taken from the previous turn
    written: Entities
    e: Entities
    best: Ranked

    @classmethod
    def of(
        cls,
        ur: Understander,
        u: Understanding,
        previous: Entities | None,
        prev_intent: str | None,
    ) -> Asked:
        """The question as understood, nothing refined yet."""
        return cls(ur, u, previous, prev_intent, u.entities, u.entities, u.ranked[0])

    def refine(self, e: Entities) -> None:
        """Later steps read ``e`` as the question's own entities."""
        self.u = replace(self.u, entities=e)
        self.e = e


#: A step: the decision when it knows the question's shape, else ``None`` (the next step tries).
Step = Callable[[Asked], Decision | None]
