"""The answer engine: question in, ``Answer`` out — understand, decide, dispatch, render.

Everything expensive (service-name variants, prepared intent examples, the knowledge
base's small tables) is prepared once in ``Engine.__init__``; answering is then pure
computation over memory and a few indexed SQLite reads.  The engine never raises on
user input: an unexpected error is logged and answered with an apology.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import cache

from bot.answer import Answer, Context
from bot.answers import load_handlers
from bot.answers.base import Reply, Request
from bot.answers.meta import clarify
from bot.answers.services import which_service
from bot.i18n import DEFAULT_LANG, LANGS, translator
from bot.understand import Understander, Understanding
from bot.understand.decide import (  # re-exported: the intents the engine picks itself
    ALL_SLOTS,
    INTERNAL_INTENTS,
    PLACE_INTENTS,
    Decider,
    Decision,
)
from bot.understand.entities import Entities
from knowledge.queries import Queries

log = logging.getLogger(__name__)
__all__ = ["ALL_SLOTS", "INTERNAL_INTENTS", "PLACE_INTENTS", "Engine", "answer", "get_engine"]


class Engine:
    """Answers questions about one knowledge base."""

    def __init__(self, queries: Queries) -> None:
        self.queries = queries
        self.handlers = load_handlers()
        self._signature = queries.knowledge_signature()
        self._build()

    def refresh(self) -> bool:
        """Follow the knowledge base: rebuild everything built from the data (service names
        and aliases, the newest round, "올해") when a document was ingested, replaced or
        withdrawn since — by any process.  Cheap when nothing changed; returns whether
        anything did."""
        signature = self.queries.knowledge_signature()
        if signature == self._signature:
            return False
        self._signature = signature
        self.queries.refresh()
        self._build()
        log.info("knowledge changed: engine rebuilt rounds=%d", len(self.queries.rounds()))
        return True

    def _build(self) -> None:
        queries = self.queries
        newest = queries.latest_round()
        parts: dict[int, list[str]] = {}
        for f in queries.findings():  # joined once: growing one string per finding is quadratic
            parts.setdefault(f.service.id, []).extend((f.text_ko, f.text_en or ""))
        findings = {service: " ".join(texts) for service, texts in parts.items()}
        self.understander = Understander(
            queries.services(), newest.year if newest else None, common_text=findings
        )
        self.specs = self.understander.specs
        self.decider = Decider(self.understander)
        missing = [i for i in (*self.specs, *INTERNAL_INTENTS) if i not in self.handlers]
        if missing:
            raise RuntimeError(f"intents without a handler: {', '.join(missing)}")
        queries.rounds(), queries.figures(), queries.documents()  # warm the caches

    def answer(
        self, question: str, lang: str | None = None, context: Context | None = None
    ) -> Answer:
        """Answer one question; ``lang`` (ko/en) overrides the question's own language."""
        chosen = lang if lang in LANGS else None
        try:
            self.refresh()
            return self._answer(question or "", chosen, context)
        except Exception:  # an engine bug must not take the chat down with it
            log.exception("answer failed")
            t = translator(chosen or DEFAULT_LANG)
            return Answer(
                question=question,
                lang=t.lang,
                intent="error",
                answered=False,
                text=t._("Sorry, something went wrong while answering. Please try again."),
                context=Context(),
            )

    def _answer(self, question: str, lang: str | None, context: Context | None) -> Answer:
        understanding = self.understander.understand(question)
        lang = lang or understanding.lang or DEFAULT_LANG
        decision = self._decision(understanding, context)
        intent, entities = decision.intent, decision.entities
        request = Request(
            question=understanding.text,
            lang=lang,
            entities=entities,
            q=self.queries,
            t=translator(lang),
            specs=self.specs,
        )
        reply = self._dispatch(decision, request)
        return Answer(
            question=question,
            lang=lang,
            intent=intent,
            answered=reply.answered,
            text=reply.text,
            sources=reply.sources,
            suggestions=reply.suggestions,
            chart=reply.chart,
            context=Context(intent if intent in self.specs else None, entities.to_dict()),
        )

    def _decision(self, u: Understanding, context: Context | None) -> Decision:
        previous = self._known(Entities.from_dict(context.entities or {})) if context else None
        return self.decider.decide(u, previous, context.intent if context else None)

    def _decide(self, u: Understanding, context: Context | None) -> tuple[str, Entities]:
        """The intent to answer and the entities to answer it with (follow-ups merged)."""
        decision = self._decision(u, context)
        return decision.intent, decision.entities

    def _known(self, entities: Entities) -> Entities:
        """A stored context may name services that no longer exist (or never did)."""
        kept = tuple(i for i in entities.services if self.queries.service(i) is not None)
        return entities if kept == entities.services else replace(entities, services=kept)

    def _dispatch(self, decision: Decision, request: Request) -> Reply:
        spec = self.specs.get(decision.intent)
        if spec and "services" in spec.slots and request.entities.service_candidates:
            return which_service(request, decision.intent)
        if decision.ask_back:
            return clarify(request, decision.ask_back)
        return self.handlers[decision.intent](request)


@cache
def get_engine() -> Engine:
    """The engine over the default knowledge database (built on first use if missing)."""
    from bot.config import settings
    from knowledge.store import ensure_db

    path = ensure_db(settings().db_path)
    return Engine(Queries(path))


def answer(question: str, lang: str | None = None, context: Context | None = None) -> Answer:
    return get_engine().answer(question, lang, context)
