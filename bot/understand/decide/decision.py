"""What deciding produces, and the one rule of scope every step shares.

``Decision`` is the result every step returns (or ``None`` to let the next step try);
``complete`` says whether a question keeps its own scope, which the *what* steps and a
follow-up's merge both need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.understand.entities import Entities


@dataclass(frozen=True)
class Decision:
    """The intent to answer and the entities to answer it with — or, when ``ask_back`` is
    set, the intents to ask between (a guess would be worse than a question)."""

    intent: str
    entities: Entities
    #: When set, ask which of these intents was meant instead of answering.
    ask_back: tuple[str, ...] = ()


#: Every scope field cleared: a question that names its own subject keeps no remembered year.
NO_SCOPE: dict[str, Any] = {
    "year": None,
    "year_span": None,
    "round_no": None,
    "round_span": None,
    "compare": None,
    "compare_year": None,
    "compare_round": None,
}


def complete(e: Entities) -> bool:
    """A question that names its own subject (a service, a topic) or says "latest": it never
    inherits a remembered year or round — no scope means the newest round holding it."""
    return bool(e.latest or e.services or e.service_candidates or e.topic or e.unknown_name)
