"""The answer engine: question in, ``Answer`` out — understand, decide, dispatch, render.

Everything expensive (service-name variants, prepared intent examples, the knowledge
base's small tables) is prepared once in ``Engine.__init__``; answering is then pure
computation over memory and a few indexed SQLite reads.  The engine never raises on
user input: an unexpected error is logged and answered with an apology.
"""

from __future__ import annotations

import logging
from functools import cache

from bot.answer import Answer, Context
from bot.answers import load_handlers
from bot.answers.base import Reply, Request
from bot.answers.meta import clarify
from bot.answers.services import which_service
from bot.i18n import DEFAULT_LANG, LANGS, translator
from bot.understand import Understander, Understanding
from bot.understand.entities import Entities
from knowledge.queries import Queries

log = logging.getLogger(__name__)

#: Handled intents that no example selects: the engine chooses them itself.
INTERNAL_INTENTS = ("fallback", "unknown_service")
#: Intents answered "not in the knowledge base" when the question names an unknown place.
PLACE_INTENTS = frozenset(
    {
        "round_summary",
        "services_list",
        "findings",
        "service_score",
        "rank",
        "highest",
        "lowest",
        "average",
        "count_evaluated",
        "below_cutoff",
        "topic_search",
    }
)
ALL_SLOTS = frozenset({"scope", "services", "kind", "threshold", "compare", "topic", "metrics"})


class Engine:
    """Answers questions about one knowledge base."""

    def __init__(self, queries: Queries) -> None:
        self.queries = queries
        self.handlers = load_handlers()
        newest = queries.latest_round()
        findings = " ".join(f"{f.text_ko} {f.text_en or ''}" for f in queries.findings())
        self.understander = Understander(
            queries.services(), newest.year if newest else None, common_text=findings
        )
        self.specs = self.understander.specs
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
        intent, entities = self._decide(understanding, context)
        request = Request(
            question=understanding.text,
            lang=lang,
            entities=entities,
            q=self.queries,
            t=translator(lang),
            specs=self.specs,
        )
        reply = self._dispatch(intent, request, understanding)
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

    def _decide(self, u: Understanding, context: Context | None) -> tuple[str, Entities]:
        """The intent to answer and the entities to answer it with (follow-ups merged)."""
        e = u.entities
        previous = Entities.from_dict(context.entities or {}) if context else None
        prev_intent = context.intent if context and context.intent in self.specs else None
        best = u.ranked[0]
        matching = self.understander.matching
        if u.foreign:
            return "fallback", e
        if u.elliptical or (best.score < matching.cutoff and previous and e.has_scope):
            if prev_intent and previous is not None:
                return prev_intent, e.merged_with(previous, ALL_SLOTS)
            if e.services or e.service_candidates:
                return "findings", e
            if e.has_scope:
                return "round_summary", e
        if e.unknown_name and (best.score < matching.cutoff or best.intent in PLACE_INTENTS):
            return "unknown_service", e
        if (
            previous is not None
            and best.cues
            and best.score >= matching.cutoff - matching.cue_bonus
        ):
            # a short follow-up with a telling word ("and when?"): same subject, new intent
            return best.intent, e.merged_with(previous, self.specs[best.intent].slots)
        if best.score < matching.cutoff:
            if e.services:
                return ("service_score" if e.threshold else "findings"), e
            return "fallback", e
        intent = best.intent
        if previous is not None and "services" in self.specs[intent].slots:
            e = e.merged_with(previous, frozenset({"services"}))
        return intent, e

    def _dispatch(self, intent: str, request: Request, u: Understanding) -> Reply:
        spec = self.specs.get(intent)
        if spec and "services" in spec.slots and request.entities.service_candidates:
            return which_service(request, intent)
        close = self._close_call(u)
        if close and intent == u.ranked[0].intent:
            return clarify(request, close)
        return self.handlers[intent](request)

    def _close_call(self, u: Understanding) -> tuple[str, str] | None:
        """The two best intents when they are too close to call and no cue word tells."""
        first, second = u.ranked[0], u.ranked[1]
        matching = self.understander.matching
        if (
            second.score >= matching.cutoff
            and first.score - second.score < matching.margin
            and first.cues == second.cues == 0
        ):
            return first.intent, second.intent
        return None


@cache
def get_engine() -> Engine:
    """The engine over the default knowledge database (built on first use if missing)."""
    from bot.config import settings
    from knowledge.store import ensure_db

    path = ensure_db(settings().db_path)
    return Engine(Queries(path))


def answer(question: str, lang: str | None = None, context: Context | None = None) -> Answer:
    return get_engine().answer(question, lang, context)
