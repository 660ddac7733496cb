"""What one answer reads, taken from the engine in one piece."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.answers import Handler
from bot.engine.names import Names
from bot.understand import Understander
from bot.understand.decide import Decider
from bot.understand.intents import IntentSpec
from knowledge.queries import Queries


@dataclass(frozen=True, slots=True)
class Built:
    """The engine's collaborators as one answer sees them: what was built from the data
    (the understanding, its decider and intents, the name table, the database view), the
    handlers and the clock.  Taken while the engine's swap lock is held, so that every
    step of an answer reads the same build, and a rebuild never shows it half of one."""

    ur: Understander
    q: Queries
    decider: Decider
    specs: dict[str, IntentSpec]
    handlers: dict[str, Handler]
    names: Names
    clock: Callable[[], float]
