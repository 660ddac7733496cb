"""Answer handlers, registered by intent name with ``@handles``.

A handler is a plain function ``(Request) -> Reply``: it reads the knowledge base through
``knowledge.queries`` only, calculates, and phrases the result through the request's
translator.  The decorator only records the function, so each handler stays directly
testable.  ``load_handlers`` imports every module of this package, and the engine checks
at start-up that every intent in intents.yaml has a handler.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.answers.base import Reply, Request

Handler = Callable[["Request"], "Reply"]
HANDLERS: dict[str, Handler] = {}


def handles(*intents: str) -> Callable[[Handler], Handler]:
    """Register the decorated function as the handler of ``intents``."""

    def register(func: Handler) -> Handler:
        for intent in intents:
            if intent in HANDLERS and HANDLERS[intent] is not func:
                raise ValueError(f"intent {intent!r} has two handlers")
            HANDLERS[intent] = func
        return func

    return register


def load_handlers() -> dict[str, Handler]:
    """Import every handler module once; return the registry."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return HANDLERS
