"""The engine: built once over a knowledge base, rebuilt when the knowledge changes, and
asked one question at a time (``answer``; ``decide`` for what it would answer with).

The build prepares everything expensive once; the swap lock keeps an answer from seeing
half of a rebuild (another thread may follow the knowledge meanwhile).  The turn itself
is ``turn.answered``, over the ``Built`` the engine hands it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import cache

from rapidfuzz import fuzz

from bot.answer import Answer, Context
from bot.answers import load_handlers
from bot.answers.compute import data_years
from bot.engine.built import Built
from bot.engine.deciding import decided
from bot.engine.memory import live
from bot.engine.names import evaluator_names, name_table
from bot.engine.turn import answered
from bot.i18n import DEFAULT_LANG, LANGS, translator
from bot.understand import Understander
from bot.understand.decide import INTERNAL_INTENTS, Decider, Decision
from bot.understand.intents import Matching
from bot.understand.search import index_for
from bot.understand.services import ServiceResult
from knowledge.queries import Queries

#: the package's name, as before the engine was split: log lines keep their logger
log = logging.getLogger("bot.engine")


class Engine:
    """Answers questions about one knowledge base."""

    def __init__(
        self,
        queries: Queries,
        matching: Matching | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """``matching``: intent-matching settings other than intents.yaml's (benchmarks
        compare scorers with it); ``clock``: seconds since the epoch (tests move it)."""
        self.queries = queries
        self.handlers = load_handlers()
        self._matching = matching
        self.clock = clock
        #: held while answering and while swapping in a rebuilt understanding, so an answer
        #: never sees half of one (a rebuild may run in another thread: see ``refresh``)
        self._swap = threading.RLock()
        self._rebuilding = threading.Lock()
        self._signature: tuple[object, ...] = ()
        self._build(queries)

    def stale(self) -> bool:
        """Whether the knowledge base changed since the engine was built (microseconds)."""
        return self.queries.knowledge_signature() != self._signature

    def refresh(self) -> bool:
        """Follow the knowledge base: rebuild everything built from the data (service names
        and aliases, the newest round, "올해", the findings index) when a document was
        ingested, replaced or withdrawn since — by any process.  Cheap when nothing
        changed; returns whether anything did.  Safe to call from another thread while
        answers go on: the old understanding answers until the new one is complete."""
        if not self.stale():
            return False
        with self._rebuilding:
            if not self.stale():
                return False  # another thread rebuilt it meanwhile
            # a fresh view of the database: the old one keeps serving answers until the swap
            self._build(Queries(self.queries.path))
        log.info("knowledge changed: engine rebuilt rounds=%d", len(self.queries.rounds()))
        return True

    def _build(self, queries: Queries) -> None:
        """Prepare everything built from the data over ``queries``, then swap it in whole."""
        signature = queries.knowledge_signature()
        newest = queries.latest_round()
        parts: dict[int, list[str]] = {}
        for f in queries.findings():  # joined once: growing one string per finding is quadratic
            parts.setdefault(f.service.id, []).extend((f.text_ko, f.text_en or ""))
        findings = {service: " ".join(texts) for service, texts in parts.items()}
        understander = Understander(
            queries.services(),
            newest.year if newest else None,
            common_text=findings,
            matching=self._matching,
            years=data_years(queries),
            other_names=evaluator_names(queries),
        )
        understander.lookup = index_for(queries, understander.vocab)
        understander.lookup.names = understander.services
        understander.lookup.own_vocabulary(understander.own_words)
        understander.cutoff = newest.cutoff if newest else None
        missing = [i for i in (*understander.specs, *INTERNAL_INTENTS) if i not in self.handlers]
        if missing:
            raise RuntimeError(f"intents without a handler: {', '.join(missing)}")
        names = name_table(queries)
        queries.rounds(), queries.figures(), queries.documents()  # warm the caches
        decider = Decider(understander)
        with self._swap:
            self.understander, self.specs, self.decider = understander, understander.specs, decider
            self._names, self.queries, self._signature = names, queries, signature

    def _built(self) -> Built:
        """What an answer reads, in one piece (taken under ``_swap`` while answering)."""
        return Built(
            self.understander,
            self.queries,
            self.decider,
            self.specs,
            self.handlers,
            self._names,
            self.clock,
        )

    # ---- public ----------------------------------------------------------------------
    def answer(
        self,
        question: str,
        lang: str | None = None,
        context: Context | None = None,
        *,
        follow: bool = True,
    ) -> Answer:
        """Answer one question; ``lang`` (ko/en) overrides the question's own language.

        ``follow``: first rebuild if the knowledge changed (the console and the tests);
        the bot passes False and follows the knowledge from a background thread instead,
        so that no chat waits for a rebuild."""
        chosen = lang if lang in LANGS else None
        state = {"intent": None, "lang": chosen}
        try:
            if follow:
                self.refresh()
            with self._swap:
                return answered(
                    self._built(), question or "", chosen, live(context, self.clock), state
                )
        except Exception:  # an engine bug must not take the chat down with it
            log.exception("answer failed intent=%s lang=%s", state["intent"], state["lang"])
            t = translator(chosen or DEFAULT_LANG)
            return Answer(
                question=question,
                lang=t.lang,
                intent="error",
                answered=False,
                text=t._("Sorry, something went wrong while answering. Please try again."),
                context=Context(),
            )

    def decide(self, question: str, context: Context | None = None) -> Decision:
        """The intent and entities ``answer`` would answer ``question`` with."""
        self.refresh()
        understanding = self.understander.understand(question or "")
        return decided(self._built(), understanding, live(context, self.clock))

    def intent_of(self, question: str) -> str:
        """The intent ``answer`` would pick for ``question`` with no context."""
        return self.decide(question).intent

    def match_services(self, text: str) -> ServiceResult:
        """The services a bare name means, as a question naming it would resolve it."""
        self.refresh()
        u = self.understander
        e = u.extractor.extract(u.lexicon.correct(text))
        if e.services or e.service_candidates:
            return ServiceResult(
                named=e.services, candidates=self._closest(text, e.service_candidates)
            )
        shared = u.services.containing(text)  # a word many names share: "센터"
        return ServiceResult(candidates=self._closest(text, shared)[:3])

    def _closest(self, text: str, ids: tuple[int, ...]) -> tuple[int, ...]:
        """Candidates best first: by how closely one of their names resembles ``text``."""

        def likeness(service_id: int) -> float:
            service = self.queries.service(service_id)
            names = [service.name_ko, service.name_en or "", *service.aliases] if service else []
            return max((fuzz.ratio(text, name) for name in names if name), default=0.0)

        return tuple(sorted(ids, key=lambda i: -likeness(i)))


@cache
def get_engine() -> Engine:
    """The engine over the default knowledge database (built on first use if missing)."""
    from bot.config import settings
    from knowledge.store import ensure_db

    path = ensure_db(settings().db_path)
    return Engine(Queries(path))


def answer(question: str, lang: str | None = None, context: Context | None = None) -> Answer:
    """One answer from the default engine (the console and quick scripts)."""
    return get_engine().answer(question, lang, context)
