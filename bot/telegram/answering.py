"""What the adapter asks of the answer engine: the whole interface, declared once.

``bot.engine.Engine`` is one; tests and benchmarks may pass another.  The adapter calls
nothing else of the engine (no private methods, no attribute probing).
"""

from __future__ import annotations

from typing import Protocol

from bot.answer import Answer, Context
from bot.understand.services import ServiceResult
from knowledge.queries import Queries


class AnswerEngine(Protocol):
    """Answers, the knowledge base they come from, and service names resolved as in answers."""

    #: the knowledge base, for what the adapter lists itself (/rounds, alerts, documents)
    queries: Queries

    def answer(
        self,
        question: str,
        lang: str | None = None,
        context: Context | None = None,
        *,
        follow: bool = True,
    ) -> Answer:
        """Answer one question; ``follow=False``: as the engine stands, no rebuild first
        (the adapter follows the knowledge base from a thread: ``stale``/``refresh``)."""
        ...

    def stale(self) -> bool:
        """Whether the knowledge base changed since the engine was built (cheap)."""
        ...

    def refresh(self) -> bool:
        """Follow the knowledge base after an ingest (slow when it changed: call it off the
        event loop); True when anything changed."""
        ...

    def match_services(self, text: str) -> ServiceResult:
        """The services a bare name means, as a question naming it would resolve them."""
        ...
