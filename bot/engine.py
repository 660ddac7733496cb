"""The answer engine: question in, ``Answer`` out — understand, decide, dispatch, render.

Everything expensive (service-name variants, prepared intent examples, the findings'
search index, the knowledge base's small tables) is prepared once in ``Engine._build``;
answering is then pure computation over memory and a few indexed SQLite reads.  The
engine never raises on user input: an unexpected error is logged (with the intent and
language it was answering) and answered with an apology.

The conversation lives in the ``Context`` each answer carries: the previous turn's intent
and entities, the services its answer listed (for "세 번째 거"), the figures it stated (for
"what's the gap?"), its question and language (for "영어로 다시"), and when it was answered —
a context older than ``CONTEXT_TTL`` seconds is forgotten.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from typing import Any

from rapidfuzz import fuzz

from bot.answer import Answer, Context
from bot.answers import load_handlers
from bot.answers.base import Reply, Request, scope_name
from bot.answers.compute import (
    Fig,
    compare_reply,
    data_years,
    deducible,
    fig_from_dict,
    figures_for,
    score_fig,
    subject,
)
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
    against_named,
)
from bot.understand.decide.conversation import (
    against_yardstick,
    recalled_place,
    scope_of_figure,
)
from bot.understand.entities import Entities
from bot.understand.intents import Matching
from bot.understand.literals import bounded_words, compile_words
from bot.understand.parts import shared_parts
from bot.understand.search import index_for, load_lookup
from bot.understand.services import ServiceResult
from bot.understand.vocab import phrase_pattern
from knowledge.queries import Queries

log = logging.getLogger(__name__)
__all__ = [
    "ALL_SLOTS",
    "CONTEXT_TTL",
    "INTERNAL_INTENTS",
    "PLACE_INTENTS",
    "Decision",
    "Engine",
    "answer",
    "get_engine",
]

#: Facts of a round that one question may ask for together ("평가기간이랑 평가기관은?").
FACTS = frozenset({"period", "evaluator", "legal_basis", "scoring_scheme"})
#: A stored context older than this (seconds) is forgotten: a new conversation starts.
CONTEXT_TTL = 30 * 60
#: Internal intents that are a way of asking (*how*) about another intent (*what*): the
#: answer reports the *what* as its intent and the operation beside it.
OPERATIONS = frozenset(
    {
        "gap",
        "versus",
        "complement",
        "yes_no",
        "direction",
        "evaluated_share",
        "share_gap",
        "deduced",
        "year_series",
    }
)


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
            other_names=_evaluator_names(queries),
        )
        understander.lookup = index_for(queries, understander.vocab)
        understander.lookup.names = understander.services
        understander.lookup.own_vocabulary(understander.own_words)
        understander.cutoff = newest.cutoff if newest else None
        missing = [i for i in (*understander.specs, *INTERNAL_INTENTS) if i not in self.handlers]
        if missing:
            raise RuntimeError(f"intents without a handler: {', '.join(missing)}")
        names = _name_table(queries)
        queries.rounds(), queries.figures(), queries.documents()  # warm the caches
        decider = Decider(understander)
        with self._swap:
            self.understander, self.specs, self.decider = understander, understander.specs, decider
            self._names, self.queries, self._signature = names, queries, signature

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
                return self._answer(question or "", chosen, self._live(context), state)
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
        return self._decision(understanding, self._live(context))

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

    # ---- one turn --------------------------------------------------------------------
    def _live(self, context: Context | None) -> Context | None:
        """The context, unless it is too old to continue (a new conversation starts)."""
        if (
            context is not None
            and context.at is not None
            and self.clock() - context.at > CONTEXT_TTL
        ):
            return None
        return context

    def _answer(
        self, question: str, lang: str | None, context: Context | None, state: dict
    ) -> Answer:
        understanding = self.understander.understand(question)
        again = self.understander.parts.repeat_asked(question)  # before typo correction
        if again is not None and context is not None and context.question:
            again_lang, shorter = again
            previous = context.lang if context.lang in LANGS else None
            chosen = again_lang or lang or understanding.lang or previous or DEFAULT_LANG
            return self._again(question, chosen, context, state, shorter=shorter)
        if context is not None and context.question and self._sources_asked(understanding):
            sourced = self._sources_of_last(question, understanding, context, state)
            if sourced is not None:
                return sourced
        # "2020?" after English turns: words with no language of their own continue the
        # conversation's language
        previous_lang = context.lang if context is not None and context.lang in LANGS else None
        asked_in = self.understander.parts.lang_asked(question)
        lang = lang or asked_in or understanding.lang or previous_lang or DEFAULT_LANG
        state["lang"] = lang
        both = self._both_again(understanding, context)
        if both is not None:
            # "연간으로 넓히면 둘 다 어떻게 돼?": the previous question's parts, newly scoped
            understanding = replace(understanding, elliptical=True)
        decision = self._decision(understanding, context)
        apart = self._last_sentence(understanding, decision, context)
        if apart is not None:
            understanding, decision = apart
        state["intent"] = decision.intent
        request = self._request(understanding.text, lang, decision.entities)
        if not decision.ask_back and deducible(request, decision.intent):
            # a round's count no document prints: the year's total less the other rounds
            # a yes/no over a deducible count keeps what it counted (below the cutoff or
            # evaluated), not "yes_no"
            what = decision.intent
            if what == "yes_no" and decision.entities.what not in (None, "fallback"):
                what = decision.entities.what
            decision = Decision("deduced", replace(decision.entities, what=what))
            state["intent"] = decision.intent
            request = self._request(understanding.text, lang, decision.entities)
        reply = self._dispatch(decision, request, context)
        reply = self._described_then_scored(reply, decision, request, understanding)
        reply = self._also(reply, request, both or understanding, decision)
        reply = self._listed_by_rule(reply, request, understanding, decision)
        reply = self._name_inherited(reply, request, understanding, decision)
        reply = self._verdict_first(reply, request, understanding, decision)
        if _terse(decision.entities) and reply.answered:
            reply = replace(reply, text=_shortened(reply.text))
        return self._finish(question, lang, decision, request, reply, context)

    def _verdict_first(
        self, reply: Reply, request: Request, u: Understanding, decision: Decision
    ) -> Reply:
        """ "so the year as a whole was under it? by how much?": a direction checked and a
        gap asked in one message — 네/아니요 on the direction first (the subject against
        what it is measured by), then the gap as computed."""
        if decision.intent not in ("gap", "versus") or not reply.answered:
            return reply
        if decision.entities.what == "previous":
            return reply
        parts = self.understander.parts
        checks = parts.checks
        asked = [s.lower() for s in parts.sentences(u.text) if parts.yes_no(s)]
        directions = {(bool(checks["up"].search(s)), bool(checks["down"].search(s))) for s in asked}
        if len(directions) != 1:
            return reply
        up, down = directions.pop()
        figs = figures_for(request, decision.intent)
        if up == down or len(figs) != 2 or figs[0].value == figs[1].value:
            return reply
        t = request.t
        if reply.text.startswith((t._("Yes."), t._("No."))):
            return reply
        holds = (figs[0].value > figs[1].value) == up
        verdict = t._("Yes.") if holds else t._("No.")
        return replace(reply, text=f"{verdict} {reply.text}")

    def _last_sentence(
        self, u: Understanding, decision: Decision, context: Context | None
    ) -> tuple[Understanding, Decision] | None:
        """ "지금부터 2023년 3차 기준으로만 얘기하자. 평가 기간은?", "Let's stick to round 3 of
        2023. Who evaluated it?": a message of several sentences not understood whole is the
        last sentence asked, with the scope and service the earlier ones name where it names
        none of its own (the earlier sentences set the scene; they ask nothing)."""
        unread = decision.intent == "fallback" or (
            decision.intent == "yes_no" and decision.entities.what == "fallback"
        )
        if not unread or decision.ask_back:
            return None
        sentences = self.understander.parts.sentences(u.text)
        if len(sentences) < 2:
            # "2023년에 점수가 많이 안 좋았다고 들었는데 2024년에는 좀 나아졌나요?": a premise
            # clause, then the ask — the last clause is the question
            sentences = _clauses(u.text)
        if len(sentences) < 2:
            return None
        last = self.understander.understand(sentences[-1])
        scene = self.understander.understand(" ".join(sentences[:-1])).entities
        if self._bare_check(sentences[-1]):
            # "…재계약에서 빠지게 됐다는 얘기가 있던데 사실이에요?": the claim checked is the
            # premise — the handler reads the whole message, not "사실이에요?" alone
            last = replace(last, text=u.text)
        own = last.entities
        merged = own.merged_with(scene, frozenset({"scope", "services"}))
        if not own.has_scope and scene.has_scope:
            merged = replace(merged, rounds_named=scene.rounds_named)
        last = replace(last, entities=merged)
        found = self._decision(last, context)
        if found.intent == "fallback" or found.entities.what == "fallback":
            return None
        return last, found

    def _described_then_scored(
        self, reply: Reply, decision: Decision, request: Request, u: Understanding
    ) -> Reply:
        """ "상인들 온라인 판매 교육한 사무 몇점 받았어?": a service asked for by what its
        findings say *and* how it scored — the search finds it, then its score (and
        verdict) is answered for it, under the finding that named it."""
        if decision.intent != "topic_search" or not reply.answered:
            return reply
        if not self.understander.parts.checks["result_asked"].search(u.text.lower()):
            return reply
        found = self._items(reply.text)
        if len(found) != 1:
            return reply
        e = replace(request.entities, services=found, topic=None, kind=None, how=None)
        scored = self.handlers["service_score"](replace(request, entities=e))
        return _joined(reply, scored)

    def _also(self, reply: Reply, request: Request, u: Understanding, decision: Decision) -> Reply:
        """ "2025년 1차 평가기간이랑 평가기관은?", "2024년 평균이랑 평가 사무 수": two facts or
        two figures of a scope asked at once, each by its own words — both answers, one
        after the other."""
        if decision.ask_back or not reply.answered:
            return reply
        other = self._second_part(u, decision)
        others = [other] if other is not None else self._round_pair_rest(u, decision)
        for name in others:
            extra = self.handlers[name](request)
            if extra.answered:
                reply = _joined(reply, extra)
        return reply

    def _second_part(self, u: Understanding, decision: Decision) -> str | None:
        """The intent of the second fact, figure or count the words ask for beside the decided
        one, if any (``_also`` answers it; ``_both_again`` asks whether there was one)."""
        return (
            self._other_fact(u, decision)
            or self._other_figure(u, decision)
            or self._other_count(u, decision)
        )

    @staticmethod
    def _round_pair_rest(u: Understanding, decision: Decision) -> list[str]:
        """Two rounds compared with no figure named ("3차랑 비교하면?" after round 1's results):
        after the named round's results, the counts evaluated and below the cutoff of the two
        rounds side by side — what both rounds publish (round 1's average is not)."""
        e, own = decision.entities, u.entities
        if decision.intent != "round_summary" or e.compare != "round" or e.compare_round is None:
            return []
        if own.metrics or own.threshold or e.services:
            return []
        return ["count_evaluated", "below_cutoff"]

    def _listed_by_rule(
        self, reply: Reply, request: Request, u: Understanding, decision: Decision
    ) -> Reply:
        """ "평가대상은 어떤 사무들이야", "which services get evaluated?": asked of no round, the
        list of the newest round comes after the published rule that picks them (services
        whose consignment period is ending), from the same disclosure."""
        from bot.answers.about import purpose_line

        e, checks = u.entities, self.understander.parts.checks
        lower = u.text.lower()
        if (
            decision.intent != "services_list"
            or not reply.answered
            or e.has_scope
            or e.latest
            or e.metrics
            or e.terse
            or not _EVALUATED_ONES.search(lower)
            or checks["happened"].search(lower)
            or request.newest is None
        ):
            return reply
        stated = purpose_line(request, request.newest.document_id)
        if stated is None:
            return reply
        line = request.t._("Purpose, as published: {line}", line=stated)
        return replace(reply, text=line + "\n" + reply.text)

    def _both_again(self, u: Understanding, context: Context | None) -> Understanding | None:
        """The previous question, understood again, when the question asks "both" of its two
        parts for another scope ("둘 다 어떻게 돼?") and names nothing else of its own."""
        e = u.entities
        if context is None or not context.question or context.intent not in self.handlers:
            return None
        if e.services or e.metrics or e.threshold or e.topic or not _BOTH.search(u.text.lower()):
            return None
        before = self.understander.understand(context.question)
        decision = Decision(context.intent, Entities.from_dict(context.entities or {}))
        return before if self._second_part(before, decision) is not None else None

    def _other_fact(self, u: Understanding, decision: Decision) -> str | None:
        """The second fact of a round the words ask for beside the decided one: two facts
        ("평가기간이랑 평가기관은?"), or a fact beside a count or an average ("몇 개 사무였고
        어디서 평가했어?", "3차 평가기간이랑 평균은?") — each asked by its own words."""
        best, paired = u.ranked[0], FACTS | {"count_evaluated", "average"}
        if decision.intent not in paired or best.intent != decision.intent or not best.cues:
            return None
        if decision.entities.services or decision.entities.how:
            return None
        cutoff = self.understander.matching.cutoff
        return next(
            (
                r.intent
                for r in u.ranked[1:]
                if r.intent in paired
                and r.intent != decision.intent
                and r.cues
                and FACTS & {r.intent, decision.intent}
                and (decision.intent in FACTS or r.score >= cutoff)
            ),
            None,
        )

    def _other_figure(self, u: Understanding, decision: Decision) -> str | None:
        """ "몇 개 사무 했어? 평균은?", "3차 평균이랑 미달 개수 둘 다": the other of a count
        (of services evaluated, or below the cutoff) and an average, asked plainly (no
        threshold, band, service or way of asking) beside the decided one."""
        e = decision.entities
        plain = not (e.how or e.threshold or e.band or e.services or e.service_candidates)
        plain = plain and e.reference != "average" and e.compare in (None, "whole_year")
        if not plain or not {"count", "average"} <= e.metrics:
            return None
        if decision.intent == "below_cutoff":
            return "average"
        failing = self.understander.parts.checks["fail"].search(u.text.lower())
        counted = "below_cutoff" if failing else "count_evaluated"
        return {"average": counted, "count_evaluated": "average"}.get(decision.intent)

    def _other_count(self, u: Understanding, decision: Decision) -> str | None:
        """ "27년에 총 몇 개 평가했고 75점 안 된 게 몇 개야": the services evaluated and those
        below the line, each asked with its own "how many"."""
        e = decision.entities
        below = e.threshold is not None and e.threshold.direction in ("below", "at_most")
        if decision.intent != "count_evaluated" or not below or e.services or e.how:
            return None
        asked = self.understander.vocab.metrics["count"].findall(u.text.lower())
        return "below_cutoff" if len(asked) >= 2 else None

    def _request(self, text: str, lang: str, entities: Entities) -> Request:
        return Request(
            question=text,
            lang=lang,
            entities=entities,
            q=self.queries,
            t=translator(lang),
            specs=self.specs,
        )

    def _again(
        self, question: str, lang: str, context: Context, state: dict, *, shorter: bool = False
    ) -> Answer:
        """The previous answer again, in ``lang`` ("영어로 다시", "in Korean please"), and
        ``shorter`` ("Shorter please, numbers only.", "한 줄로 다시"): its first line (or its
        list) — the operation is the one asked before, never a search for "shorter"."""
        state["lang"] = lang
        # the operation the previous turn answered ("3차 평균이랑 75점 차이" was a gap over
        # the average), else its intent
        intent = next(
            (i for i in (context.operation, context.intent) if i in self.handlers), "fallback"
        )
        state["intent"] = intent
        decision = Decision(intent, Entities.from_dict(context.entities or {}))
        request = self._request(context.question or "", lang, self._known(decision.entities))
        reply = self._dispatch(decision, request, context)
        if shorter and reply.answered:
            reply = replace(reply, text=_shortened(reply.text))
        if context.question and context.operation is None:
            # "3차 평가 기간이랑 평가기관 같이 알려줘" then "영어로 다시": both parts again
            asked = self.understander.understand(context.question)
            both = self._also(reply, request, asked, decision)
            if shorter and both is not reply:
                # "in one line": each part shortened, on one line
                extra = both.text.splitlines()[len(reply.text.splitlines()) :]
                line = " ".join([reply.text, *extra[:1]])
                both = replace(both, text=line)
            reply = both
        return self._finish(
            question, lang, decision, request, reply, context, asked=context.question
        )

    def _sources_asked(self, u: Understanding) -> bool:
        """ "그거 출처 어디야", "source?": where the previous answer came from — a source word,
        and no scope, service or topic of the question's own."""
        e = u.entities
        if e.has_scope or e.services or e.service_candidates or e.topic or e.unknown_name:
            return False
        return bool(_SOURCE_ASKED.search(u.text.lower()))

    def _sources_of_last(
        self, question: str, u: Understanding, context: Context, state: dict
    ) -> Answer | None:
        """The documents the previous answer rests on, each flagged official or a report
        (the previous answer is rebuilt from its intent and entities to know them); None
        when it rested on none."""
        previous_lang = context.lang if context.lang in LANGS else None
        lang = u.lang or previous_lang or DEFAULT_LANG
        state["lang"] = lang
        intent = next(
            (i for i in (context.operation, context.intent) if i in self.handlers), "fallback"
        )
        decision = Decision(intent, Entities.from_dict(context.entities or {}))
        request = self._request(context.question or "", lang, self._known(decision.entities))
        sources = self._dispatch(decision, request, context).sources
        if not sources:
            return None
        t = request.t
        lines = [t._("The previous answer rests on:")]
        for source in sources:
            title = (
                (request.q.english(source.title) or source.title) if lang == "en" else source.title
            )
            if source.official:
                lines.append(t._("- {title} (official disclosure)", title=title))
                continue
            publisher = source.publisher or source.title
            if lang == "en":
                publisher = request.q.english(publisher) or publisher
            note = (
                t._(
                    "a report by {publisher} ({date}), not an official disclosure",
                    publisher=publisher,
                    date=t.date(source.published_on),
                )
                if source.published_on
                else t._(
                    "a report by {publisher} (undated), not an official disclosure",
                    publisher=publisher,
                )
            )
            lines.append(t._("- {title}: {note}", title=title, note=note))
        state["intent"] = "sources"
        reply = Reply("\n".join(lines), sources=sources)
        return self._finish(
            question, lang, decision, request, reply, context, asked=context.question
        )

    def _finish(
        self,
        question: str,
        lang: str,
        decision: Decision,
        request: Request,
        reply: Reply,
        context: Context | None,
        asked: str | None = None,
    ) -> Answer:
        """The answer, and the context the next turn continues from."""
        stated = self._stated_now(decision, request, reply)
        figures = self._figures(context, stated)
        items = self._items(reply.text)
        held = self._held_now(decision, items, stated, context)
        what = decision.entities.what
        intent = what if what in self.specs and decision.intent in OPERATIONS else decision.intent
        one_of = len(items) == 1 and context is not None and items[0] in context.items
        if context is not None and (not items or (one_of and intent not in _SELECTING)):
            # an answer about one item of the previous list keeps the list: "다섯 번째는?"
            # after "세 번째 사무 개선 과제는?" still counts in it — but a search or a ranking
            # that picked one of them ("Which of them is newly consigned?", "그중 제일 점수
            # 낮은 곳은?") makes it the one "it" means
            items = context.items
        return Answer(
            question=question,
            lang=lang,
            intent=intent,
            operation=decision.intent if decision.intent in OPERATIONS else None,
            answered=reply.answered,
            text=reply.text,
            sources=reply.sources,
            suggestions=reply.suggestions,
            chart=reply.chart,
            context=Context(
                intent,
                {
                    **request.entities.to_dict(),
                    **(getattr(reply, "scope", None) or {}),
                    _HELD: held,
                },
                at=self.clock(),
                lang=lang,
                question=(asked or request.question)[:512],
                items=items,
                figures=figures,
                operation=decision.intent if decision.intent in OPERATIONS else None,
            ),
        )

    def _held_now(
        self,
        decision: Decision,
        items: tuple[int, ...],
        stated: list[dict[str, Any]],
        context: Context | None,
    ) -> dict[str, Any]:
        """What the conversation holds after this turn, beyond the turn itself: the one
        service it is about (named, picked by a ranking, or the only one an answer named —
        kept through turns that name none, dropped by a list of several) and the figures it
        stated, in order (the first ones kept: "the first average I asked about")."""
        before = _held(context)
        e = decision.entities
        picked = bool(e.metrics & {"highest", "lowest"}) or decision.intent in _SELECTING
        service = before.get("service")
        if e.services:
            service = e.services[0] if len(e.services) == 1 else None
        elif items:
            service = items[0] if picked or len(items) == 1 else None
        figures: dict[tuple[Any, ...], dict[str, Any]] = {}
        for f in [*before.get("stated", ()), *stated]:
            if isinstance(f, dict):
                key = (f.get("kind"), tuple(f.get("scope") or ()), f.get("service"))
                figures.setdefault(key, f)
        kept = list(figures.values())
        if len(kept) > _STATED_KEPT:
            kept = kept[:2] + kept[2 - _STATED_KEPT :]
        return {"service": service, "stated": kept}

    def _decision(self, u: Understanding, context: Context | None) -> Decision:
        previous = self._known(Entities.from_dict(context.entities or {})) if context else None
        previous = self._neighbour_reached(u, previous)
        pointed = self._pointed(u, context, previous)
        chose = pointed.entities.services != u.entities.services and u.entities.ordinal is not None
        u = self._latest_against(self._stepped(self._year_stepped(pointed, previous), previous))
        figures = len(context.figures) if context else 0
        u = self._pair_kept(self._measured_subject(u, context), previous)
        u = self._gap_beside_check(u, figures)
        decision = self.decider.decide(u, previous, context.intent if context else None, figures)
        year, round_no = (previous.year, previous.round_no) if previous else (None, None)
        if year and round_no and self.queries.get_round(year, round_no) is not None:
            decision = against_named(decision, u, previous)
            decision = self._round_against_its_year(decision, u, previous)
        if previous is not None and previous.year and previous.round_no:
            # the round just given may be one only reported (2023 round 1), not loaded
            decision = self._other_round_beside(
                decision, u, previous, context.intent if context else None
            )
        if chose:
            # the ordinal chose the service: it does not also point into its findings
            decision = replace(decision, entities=replace(decision.entities, ordinal=None))
            if decision.intent in _COUNTED or decision.intent == "services_list":
                # "두번째꺼 뭐임" after a count, "the last one on your list — …?": that
                # service, not the list again
                decision = replace(decision, intent="findings")
        decision = self._operation_inherits(decision, u, previous, context)
        decision = self._topic_kept(decision, u, previous, context)
        decision = self._metric_kept(decision, u, previous, context)
        decision = self._line_kept(decision, u, previous, context)
        decision = self._history_gap(decision, u, context)
        decision = self._share_beside(decision, u, previous, context)
        decision = self._previous_side(decision, u, previous)
        decision = self._same_scope(
            self._about_previous(decision, u, context), u, previous, context
        )
        decision = self._narrowing_left(decision, u, previous, context)
        decision = self._among_them(decision, u, previous)
        decision = self._described_evaluation(decision, u)
        decision = self._unlisted(self._the_one(self._other_year_round(decision), context))
        decision = self._yardstick_kept(self._side_replaced(decision, u, context), u, context)
        decision = self._span_pointed(self._last_measured(decision, u, context), u, previous)
        return self._held_service(decision, u, context)

    def _measured_subject(self, u: Understanding, context: Context | None) -> Understanding:
        """ "2022년 대비 어때?", "Compared with the 2015–2022 average, was the first average I
        asked about higher?": a question naming only a yardstick measures the conversation's
        subject against it — the average the previous question was about, or the one the
        question recalls by its place (``against_yardstick``)."""
        if context is None or not context.figures:
            return u
        place = recalled_place(self.understander, u.text.lower())
        if place is not None:
            # the figure recalled is the subject: the one scope the question names is the
            # other side, marked by a comparison word or not ("above the 2015–2022 average")
            figure = _recalled(_held(context).get("stated") or context.figures, place, u)
            if figure is None or figure.get("kind") != "average":
                return u
            subject = scope_of_figure(figure)
            return against_yardstick(u, subject, marked=False) if subject is not None else u
        previous = Entities.from_dict(context.entities or {})
        if previous.services or context.figures[-1].get("kind") != "average":
            return u
        # the scope the previous question was about (its round, not the yardstick it was
        # measured against) when an answer stated its average, else the average stated last
        asked = (
            Entities(year=previous.year, round_no=previous.round_no)
            if previous.year is not None
            else Entities(year_span=previous.year_span)
        )
        averages = [f for f in context.figures if f.get("kind") == "average"]
        if any(scope_of_figure(f) == asked for f in averages):
            return against_yardstick(u, asked)
        last = scope_of_figure(context.figures[-1])
        return against_yardstick(u, last) if last is not None else u

    def _pair_kept(self, u: Understanding, previous: Entities | None) -> Understanding:
        """ "미달 비율은요?" after "2023년이랑 평균 비교하면 어때요?" of 2024: another figure asked
        of the two scopes just compared — both of them again (13.1% | 27.7%), not the first
        alone; the question names a figure and nothing else of its own."""
        e = u.entities
        if previous is None or previous.services or previous.compare not in ("year", "round"):
            return u
        if previous.compare_year is None and previous.compare_round is None:
            return u
        if e.has_scope or e.compare not in (None, "other") or e.compare_year is not None:
            return u  # "and how many fell?": a change word names no other side of its own
        if e.services or e.service_candidates or e.topic:
            return u
        if e.band or e.kind or e.every_round or e.how is not None or e.unknown_name:
            return u  # "둘이 몇 %p 차이?": the two figures stated, weighed as they are
        if e.threshold is not None and e.threshold.value != self.understander.cutoff:
            return u
        if not e.metrics & {"average", "share", "count"} or e.metrics & {"highest", "lowest"}:
            return u
        kept = replace(
            e,
            year=previous.year,
            round_no=previous.round_no,
            compare=previous.compare,
            compare_year=previous.compare_year,
            compare_round=previous.compare_round,
            compare_first=previous.compare_first,
        )
        return replace(u, entities=kept, elliptical=False)

    def _gap_beside_check(self, u: Understanding, figures: int) -> Understanding:
        """ "둘이 몇 점 차이? 같은 회차야?", "was it under? by how much?": a gap and a check
        asked in one message — the gap is the operation (the check is answered beside it:
        the verdict first, whether the two are of one round), not a yes/no alone."""
        e, parts = u.entities, self.understander.parts
        if e.how != "yes_no" or figures < 2:
            return u  # a follow-up over two figures just stated
        sentences = parts.sentences(u.text)
        if len(sentences) < 2:
            return u
        if not any(parts.operation(s.lower()) in ("gap", "versus") for s in sentences[:-1]):
            return u
        return replace(u, entities=replace(e, how="gap"))

    def _yardstick_kept(
        self, decision: Decision, u: Understanding, context: Context | None
    ) -> Decision:
        """ "And for the whole year?" after "how far above the cutoff is that?", then "so the
        year as a whole was under it?": the cutoff stays the yardstick ("it") — the whole
        year measured against it, not against the round the conversation started from."""
        own = u.entities
        if context is None or context.operation not in ("gap", "versus", "yes_no"):
            return decision
        previous = Entities.from_dict(context.entities or {})
        if previous.reference != "cutoff" or previous.services or not previous.has_scope:
            return decision
        if own.services or own.service_candidates or own.threshold or own.score is not None:
            return decision
        if own.compare != "whole_year" or own.round_no is not None or own.metrics - {"average"}:
            return decision
        lower = u.text.lower()
        pointed = self.understander.parts.pronoun.search(lower) or _pointers().search(lower)
        if not (u.elliptical or pointed):
            return decision
        base = self._base_round(own, previous)  # "3차" named with no year: the newest's
        year = own.year or previous.year or (base[0] if base else None)
        if year is None:
            return decision
        measured = replace(
            decision.entities,
            year=year,
            round_no=None,
            round_span=None,
            year_span=None,
            compare=None,
            compare_year=None,
            compare_round=None,
            reference="cutoff",
            how="gap",
            what="average",
            metrics=frozenset({"average"}),
        )
        return Decision("gap", measured)

    def _last_measured(
        self, decision: Decision, u: Understanding, context: Context | None
    ) -> Decision:
        """ "how far is that from the cutoff" after "and the whole year?" (answered beside the
        round): "that" is the figure the previous answer stated last — the one its question
        asked for — not the round the conversation started from."""
        e, own = decision.entities, u.entities
        if context is None or len(context.figures) != 2 or e.reference != "cutoff":
            return decision
        if decision.intent not in ("gap", "versus", "yes_no") or e.what != "average":
            return decision
        if own.has_scope or own.services or own.compare or e.services or e.year_span:
            return decision
        first, last = context.figures
        if first.get("kind") != "average" or last.get("kind") != "average":
            return decision
        lower = u.text.lower()
        if not (self.understander.parts.pronoun.search(lower) or _pointers().search(lower)):
            return decision
        scope = scope_of_figure(last)
        if scope is None or scope == scope_of_figure(first) or scope.year_span is not None:
            return decision
        if (scope.year, scope.round_no) == (e.year, e.round_no):
            return decision
        # the previous question asked for that figure ("and the whole year?"), not for the
        # other one beside it ("3차 평균이 연간보다 높아?" asked of the round)
        asked = self.understander.understand(context.question or "").entities
        whole = asked.compare == "whole_year" and asked.round_no is None
        if not (whole and scope.round_no is None) and (
            (asked.year, asked.round_no) != (scope.year, scope.round_no) or asked.compare
        ):
            return decision
        moved = replace(
            e,
            year=scope.year,
            round_no=scope.round_no,
            compare=None,
            compare_year=None,
            compare_round=None,
        )
        return replace(decision, entities=moved)

    def _span_pointed(
        self, decision: Decision, u: Understanding, previous: Entities | None
    ) -> Decision:
        """ "그 기간 평균은 75점 기준보다 몇점 위?" after 2023 against the 2015–2022 average:
        the period pointed at is the span of years, not the year measured against it."""
        e, own = decision.entities, u.entities
        pointer = self.understander.parts.checks.get("span_pointer")
        if pointer is None or previous is None or previous.year_span is None:
            return decision
        if previous.year is None or own.has_scope or own.services or e.year_span is None:
            return decision
        if not pointer.search(u.text.lower()):
            return decision
        kept = replace(e, year=None, round_no=None, compare=None, compare_year=None)
        return replace(decision, entities=kept)

    def _held_service(
        self, decision: Decision, u: Understanding, context: Context | None
    ) -> Decision:
        """ "지난번 평가 때 지적받은 건 고쳤어?", "그 사무 총점은?", "그 사람이 만든 교육도구
        이름은요?": a question naming no service, not understood or about a service without
        one, in a conversation about one service — the question asked of that service (its
        words must say something its findings say when only a content lookup would read it)."""
        held = _held(context).get("service")
        e = u.entities
        if not isinstance(held, int) or self.queries.service(held) is None:
            return decision
        if e.services or e.service_candidates or e.unknown_name or e.other_place:
            return decision
        unread = decision.intent == "fallback" or decision.entities.what == "fallback"
        asked = decision.entities.what if decision.intent in OPERATIONS else decision.intent
        needs = asked in _NEEDS_SERVICE and not decision.entities.services
        if decision.ask_back or not (unread or needs):
            return decision
        entities = replace(e, services=(held,), topic=None)
        matcher = self.understander.matcher
        ranked = tuple(matcher.rank(u.prepared, u.text.lower(), entities, u.unknown[0]))
        retried = self._decision(replace(u, entities=entities, ranked=ranked), context)
        if retried.intent == "fallback" or retried.entities.what == "fallback":
            return decision
        if retried.ask_back or (unread and not self._said_of(held, u)):
            return decision
        return retried

    def _said_of(self, service: int, u: Understanding) -> bool:
        """Whether the question's words say what one of the service's findings says
        ("교육도구" of the centre that invited IMAGINE's author)."""
        lookup = self.understander.lookup
        if lookup is None:
            return False
        if u.entities.kind is not None:
            return True  # "개선과제는?": a kind of finding is the service's own
        found = {f.id: f for f in self.queries.findings(service_id=service)}
        names = self.understander.services.names_of(service)
        hits = lookup.within(u.text, found, ignore=names)
        return bool(hits) and hits[0].coverage >= _SAID_COVERAGE

    @staticmethod
    def _share_beside(
        decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
    ) -> Decision:
        """ "2023년은요?" after "그 중에 떨어진 데는 몇 퍼센트예요?" of 2024: a share below the
        cutoff asked again of another year is read beside the one just given (13.1% | 27.7%),
        as "2023년도 비교하면?" is — a share alone invites the comparison it was asked for."""
        e, own = decision.entities, u.entities
        if (
            context is None
            or previous is None
            or context.intent != "below_cutoff"
            or decision.intent != "below_cutoff"
            or not u.elliptical
            or "share" not in previous.metrics
            or previous.year is None
            or previous.round_no is not None
            or own.year is None
            or own.year == previous.year
            or own.round_no is not None
            or own.compare is not None
            or e.threshold is not None
            or e.band is not None
        ):
            return decision
        beside = replace(
            e, year=previous.year, compare="year", compare_year=own.year, what="below_cutoff"
        )
        return Decision("share_gap", beside)

    @staticmethod
    def _history_gap(decision: Decision, u: Understanding, context: Context | None) -> Decision:
        """ "so how many points higher is it now?", "so how many points was it raised by?" after
        the cutoff's history: the gap between the cutoff then and now, which that answer
        computes — no service's score ("it" is the cutoff, not a service the conversation
        never named)."""
        own = u.entities
        # "그럼 몇 점이나 올린 거야?": points asked of no service are the cutoff's too
        scoreless = decision.intent == "service_score" and not decision.entities.services
        if (
            context is None
            or context.intent != "cutoff_history"
            or (own.how not in ("gap", "versus") and not scoreless)
            or own.services
            or own.service_candidates
            or own.has_scope
            or own.threshold is not None
            or own.metrics - {"count"}
        ):
            return decision
        return Decision("cutoff_history", replace(own, how=None, metrics=frozenset()))

    def _topic_kept(
        self,
        decision: Decision,
        u: Understanding,
        previous: Entities | None,
        context: Context | None,
    ) -> Decision:
        """ "Was it more before?", "by how many did it shrink?" after the number of consigned
        services: a follow-up about consignment that names no aspect of its own keeps the
        aspect the conversation is about (the size, the budget), and "before" with no year
        is the year before — never the budget and the contract rules instead."""
        e = decision.entities
        asked = decision.intent if decision.intent != "yes_no" else e.what
        if asked != "consignment" or previous is None or not previous.aspects:
            return decision
        if context is None or context.intent != "consignment":
            return decision
        lower = u.text.lower()
        own = frozenset(a for a, p in self.understander.vocab.aspects.items() if p.search(lower))
        if u.entities.aspects or own or u.entities.has_scope:
            # "예산은?": an aspect of its own, marker or not; "2021년엔?": a year of its own
            # asks what is known of it, whichever aspect
            return decision
        kept = replace(e, aspects=previous.aspects, metrics=e.metrics | previous.metrics)
        before = _before_now().search(u.text.lower())
        if before and kept.compare is None and not kept.has_scope:
            kept = replace(kept, compare="prev_year", reference="prev_year")
        return replace(decision, entities=kept)

    def _side_replaced(
        self, decision: Decision, u: Understanding, context: Context | None
    ) -> Decision:
        """ "아니 3차 말고 23년 연간 평균으로 비교하면" after the gap between two averages: one
        side set aside for the scope the question names — the same gap, with the side of
        that year (or else the newer side) replaced and the other side kept."""
        e = u.entities
        if context is None or context.operation not in ("gap", "versus"):
            return decision
        sides = [f for f in context.figures[-2:] if f.get("kind") == "average"]
        if len(sides) != 2 or e.year is None or e.services or e.service_candidates:
            return decision
        if decision.intent not in ("average", "gap", "versus") or e.threshold or e.score:
            return decision
        if not (u.dismissed or _SET_ASIDE.search(u.text.lower())):
            return decision
        years = [f["scope"][0] for f in sides]
        replaced = years.index(e.year) if e.year in years else years.index(max(years))
        kept = sides[1 - replaced]["scope"]
        year, round_no = kept[0], kept[2] if kept[2] == kept[3] else None
        if (year, round_no) == (e.year, e.round_no):
            return decision
        moved = replace(
            e,
            compare="round" if round_no is not None else "year",
            compare_year=year,
            compare_round=round_no,
            how=decision.entities.how if decision.entities.how in ("gap", "versus") else "gap",
            what="average",
            metrics=frozenset({"average"}),
            reference=None,
        )
        return Decision("average", moved)

    def _among_them(
        self, decision: Decision, u: Understanding, previous: Entities | None
    ) -> Decision:
        """ "그중에서 제일 잘 받은 곳 점수" after "2025년 1차 평가 대상 목록": "among them" is of
        the scope the previous answer listed, whatever intent the words chose — never the
        newest round by default."""
        e, own = decision.entities, u.entities
        spec = self.specs.get(decision.intent)
        if (
            previous is None
            or not previous.has_scope
            or own.has_scope
            or own.services
            or e.has_scope
            or e.services
            or decision.ask_back
            or spec is None
            or "scope" not in spec.slots
            or not _NARROWING.search(u.text.lower())
        ):
            return decision
        return replace(decision, entities=e.merged_with(previous, frozenset({"scope"})))

    def _described_evaluation(self, decision: Decision, u: Understanding) -> Decision:
        """ "the incinerator where they removed clinker from the boiler tubes - what was it
        asked to fix?": one service, and the words describe one of its findings — the
        evaluation that finding is of is the one asked about, not the service's newest."""
        e = decision.entities
        lookup = self.understander.lookup
        if (
            "findings" not in (decision.intent, e.what)
            or len(e.services) != 1
            or e.has_scope
            or u.entities.has_scope
            or lookup is None
        ):
            return decision
        names = self.understander.services.names_of(e.services[0])
        found = {f.id: f for f in self.queries.findings(service_id=e.services[0])}
        hits = lookup.focus(u.text, e.services[0], names, doc_ids=found)
        # the finding described is of another kind than the one asked ("removed clinker",
        # an achievement; "asked to fix", the improvement tasks of that evaluation)
        said = [found[h.finding_id] for h in hits if h.finding_id in found]
        if not said or e.kind not in ("achievement", "improvement"):
            return decision
        if any(f.kind == e.kind for f in said):
            return decision
        rounds = {(f.year, f.round_no) for f in said}
        if len(rounds) != 1:
            return decision  # the words fit findings of several evaluations: the newest
        year, round_no = rounds.pop()
        return replace(decision, entities=replace(e, year=year, round_no=round_no))

    def _other_year_round(self, decision: Decision) -> Decision:
        """ "2026년 3차 대상 중에 2023년에도 평가받았던 곳은?": the other side named by its year
        alone is that year's loaded round, when the knowledge base holds only one of it."""
        e = decision.entities
        if "services_list" not in (decision.intent, e.what) or e.compare_year is None:
            return decision
        if e.compare_round is not None or e.services:
            return decision
        rounds = self.queries.rounds_of_year(e.compare_year)
        if len(rounds) != 1:
            return decision
        moved = replace(e, compare="round", compare_round=rounds[0].round_no)
        return replace(decision, entities=moved)

    def _neighbour_reached(self, u: Understanding, previous: Entities | None) -> Entities | None:
        """ "In English, what were its achievements that time?" after "그 다음 평가에선 몇 점
        받았어?": "that time" is the evaluation the previous answer found (the service's next
        or previous one), not the round it was counted from."""
        # "전에도 평가받은 적 있어?" → "네 — 2번" → "그때 점수는?": the earlier evaluation the
        # yes/no found, before the service's newest one
        earlier = previous is not None and "history" in previous.metrics
        earlier = earlier and previous is not None and previous.how == "yes_no"
        if (
            previous is None
            or (previous.reference not in ("next", "previous") and not earlier)
            or len(previous.services) != 1
            or (previous.year is None and not earlier)
            or u.entities.has_scope
            or not self.understander.vocab.this_scope.search(u.text.lower())
        ):
            return previous
        history = self.queries.evaluations_of_service(previous.services[0])
        later = previous.reference == "next"
        if previous.year is None:
            if not history:
                return previous
            here = (history[-1].year, history[-1].round_no)
        else:
            here = (previous.year, previous.round_no or (99 if later else 0))
        found = (
            next((v for v in history if (v.year, v.round_no) > here), None)
            if later
            else next((v for v in reversed(history) if (v.year, v.round_no) < here), None)
        )
        if found is None:
            return previous
        return replace(
            previous,
            year=found.year,
            round_no=found.round_no,
            year_span=None,
            round_span=None,
            reference=None,
            metrics=previous.metrics - {"history"},
            how=None,
        )

    def _unlisted(self, decision: Decision) -> Decision:
        """ "2024년 평가는 어떤 사무들이 대상이었어요?": the services of a year no loaded round
        covers — what reports say of them (how many, which kind), not a bare "not loaded"."""
        e = decision.entities
        if (
            decision.intent != "services_list"
            or decision.ask_back
            or e.year is None
            or e.round_no is not None
            or e.round_span is not None
            or e.year_span is not None
            or e.services
            or e.metrics & {"history"}
            or self.queries.rounds_of_year(e.year)
        ):
            return decision
        return replace(decision, intent="unlisted_services")

    def _round_against_its_year(
        self, decision: Decision, u: Understanding, previous: Entities | None
    ) -> Decision:
        """ "How does that compare with the average for all of 2023?" after 2023 round 3's
        average: the round just given (pointed at) against its own year, not the year alone."""
        e, own = decision.entities, u.entities
        lower = u.text.lower()
        if (
            previous is None
            or previous.round_no is None
            or own.round_no is not None
            or own.services
            or e.compare != "whole_year"
            or e.year not in (None, previous.year)
            or e.metrics - {"average"}
            or not (self.understander.parts.pronoun.search(lower) or _pointers().search(lower))
        ):
            return decision
        moved = replace(e, year=previous.year, round_no=previous.round_no)
        return replace(decision, entities=moved)

    @staticmethod
    def _other_round_beside(
        decision: Decision, u: Understanding, previous: Entities, prev_intent: str | None
    ) -> Decision:
        """ "3차랑 비교하면 어떤가요?", "How does round 3 compare?" after 2023 round 1's results:
        the follow-up names only the other side of a comparison, so it is answered as "2023년
        1차와 3차 비교해줘" is — the round named against the round just given (counts,
        shares, averages as published), not the named round against its own year."""
        e, own = decision.entities, u.entities
        compared = shared_parts().checks["compared_words"]
        if (
            own.round_no is None
            or own.round_no == previous.round_no
            or own.round_span
            or own.services
            or own.year not in (None, previous.year)
            or e.compare_round is not None
            or not (own.compare is not None or compared.search(u.text.lower()))
        ):
            return decision
        # a figure named, or the one the conversation was about, is compared; with neither
        # (after a round's results as a whole) the named round's results, with the counts
        # evaluated and below the cutoff compared after them (``_round_pair_rest``)
        named = own.metrics or own.threshold
        if named and decision.intent in _ROUND_COMPARED:
            intent = decision.intent
        elif prev_intent in _ROUND_COMPARED:
            intent = str(prev_intent)
        else:
            intent = "round_summary"
        paired = replace(
            e,
            year=previous.year,
            round_no=own.round_no,
            compare="round",
            compare_year=previous.year,
            compare_round=previous.round_no,
            compare_first=True,
            how=None,
        )
        return Decision(intent, paired)

    def _about_previous(
        self, decision: Decision, u: Understanding, context: Context | None
    ) -> Decision:
        """ "그거 75 넘은 거야?" after an average: a check of the figure just given, which the
        words point at and do not name — its *what* is the previous turn's."""
        e = decision.entities
        lower = u.text.lower()
        if (
            context is None
            or context.intent not in self.specs
            or context.intent == "fallback"
            or "fallback" not in (e.what, decision.intent)
            or decision.ask_back
            or e.services
            or not (self.understander.parts.pronoun.search(lower) or _pointers().search(lower))
        ):
            return decision
        if decision.intent == "fallback":
            # "그건 전체 중 몇 퍼센트야?" after a count: the same subject, asked anew
            previous = Entities.from_dict(context.entities or {})
            slots = self.specs[context.intent].slots
            return Decision(context.intent, e.merged_with(previous, slots))
        return replace(decision, entities=replace(e, what=context.intent))

    def _operation_inherits(
        self,
        decision: Decision,
        u: Understanding,
        previous: Entities | None,
        context: Context | None,
    ) -> Decision:
        """ "그럼 통과한 건?" after "2023년에 75점 미만 몇 개였어?": a way of asking (the
        complement, a share) whose own words name no *what* turns around the previous
        answer's *what* and keeps its scope — and the next follow-up ("2024년은?") continues
        that *what*, not a figure-less operation."""
        e = decision.entities
        if (
            context is None
            or previous is None
            or decision.intent not in OPERATIONS
            or e.what not in (None, "fallback")
            or decision.ask_back
            or context.intent not in self.specs
            or context.intent == "fallback"
            or u.entities.services
            or u.entities.topic
        ):
            return decision
        slots = self.specs[context.intent].slots - {"services"}
        merged = e.merged_with(previous, slots) if not u.entities.has_scope else e
        return replace(decision, entities=replace(merged, what=context.intent))

    def _metric_kept(
        self,
        decision: Decision,
        u: Understanding,
        previous: Entities | None,
        context: Context | None,
    ) -> Decision:
        """ "And how did the third round compare?" after "How many of those fell below the
        cutoff?": a comparison naming a new scope and no figure of its own asks the previous
        answer's figure (the count below the cutoff) of that scope — not its average."""
        e, own = decision.entities, u.entities
        if (
            context is None
            or previous is None
            or context.intent not in _KEPT_COUNTS
            or decision.intent not in ("gap", "versus", "average")
            or e.what not in (None, "average")
            or decision.ask_back
            or not own.has_scope
            or own.services
            or own.threshold is not None
            or own.metrics & {"average", "count", "share"}
            or self.understander.vocab.metrics["average"].search(u.text.lower())
        ):
            return decision
        slots = self.specs[context.intent].slots - {"scope"}
        kept = replace(e.merged_with(previous, slots), how=None, what=None)
        kept = replace(kept, compare=None, compare_year=None, compare_round=None, reference=None)
        return Decision(context.intent, kept)

    def _line_kept(
        self,
        decision: Decision,
        u: Understanding,
        previous: Entities | None,
        context: Context | None,
    ) -> Decision:
        """ "And what share of all evaluated services is that?" after "How many of those
        scored under 65?": the figure pointed at was counted by its line (65, a band), so
        its share is counted by the same line — not by the cutoff again."""
        e, own = decision.entities, u.entities
        lower = u.text.lower()
        if (
            context is None
            or previous is None
            or context.intent != "below_cutoff"
            or decision.intent != "below_cutoff"
            or (previous.threshold is None and previous.band is None)
            or own.threshold is not None
            or own.band is not None
            or own.has_scope
            or own.services
            or "share" not in own.metrics
            or not (self.understander.parts.pronoun.search(lower) or _pointers().search(lower))
        ):
            return decision
        kept = replace(e, threshold=previous.threshold, band=previous.band)
        if not kept.has_scope:
            kept = kept.merged_with(previous, frozenset({"scope"}))
        return replace(decision, entities=kept)

    @staticmethod
    def _previous_side(decision: Decision, u: Understanding, previous: Entities | None) -> Decision:
        """ "2024년 평균이랑 비교하면?" after "2015~2022년 평균이랑 2023년 3차 평균 중 뭐가 더
        높아?": the other side kept from the conversation is the scope it was about — the
        round, not the whole of its year."""
        e, own = decision.entities, u.entities
        if (
            previous is None
            or previous.round_no is None
            or previous.year is None
            or own.compare != "other"
            or own.compare_year is not None
            or own.round_no is not None
            or e.compare != "year"
            or e.compare_year != previous.year
            or e.compare_round is not None
            or e.services
        ):
            return decision
        moved = replace(e, compare="round", compare_round=previous.round_no)
        return replace(decision, entities=moved)

    @staticmethod
    def _narrowing_left(
        decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
    ) -> Decision:
        """ "and 2023 total?" after "how many below 65 among them": the narrower line was of
        the previous answer's services; another scope counts by its cutoff again."""
        e, own = decision.entities, u.entities
        if (
            previous is None
            or context is None
            or previous.threshold is None
            or e.threshold != previous.threshold
            or own.threshold is not None
            or own.band is not None
            or not own.has_scope
            or (own.year, own.round_no) == (previous.year, previous.round_no)
            or not _NARROWING.search((context.question or "").lower())
        ):
            return decision
        return replace(decision, entities=replace(e, threshold=None))

    @staticmethod
    def _same_scope(
        decision: Decision, u: Understanding, previous: Entities | None, context: Context | None
    ) -> Decision:
        """ "그게 75점에서 얼마나 모자란 거야?" after "23년 전체 평균은?": a follow-up about the
        figure just given (the same *what*, asked the same or another way) that names no
        scope, service or topic of its own is about exactly the previous answer's scope —
        the whole year 2023, not the newest round."""
        e, own = decision.entities, u.entities
        if (
            previous is None
            or context is None
            or not previous.has_scope
            or own.has_scope
            or own.services
            or own.service_candidates
            or own.topic
            or own.latest
            or own.compare == "whole_year"  # "그해 전체로는?": the year, not the round given
            or e.has_scope
            or e.services
            or decision.ask_back
            or context.intent not in (decision.intent, e.what)
        ):
            return decision
        kept = replace(
            e,
            year=previous.year,
            year_span=previous.year_span,
            round_no=previous.round_no,
            round_span=previous.round_span,
        )
        return replace(decision, entities=kept)

    def _the_one(self, decision: Decision, context: Context | None) -> Decision:
        """ "점수는?" after an answer about one service (a search that found one, say): that
        service, rather than asking which."""
        e, spec = decision.entities, self.specs.get(decision.intent)
        if (
            context is None
            or len(context.items) != 1
            or spec is None
            or "services" not in spec.slots
            or e.services
            or e.service_candidates
            or e.unknown_name
            or decision.ask_back
            or self.queries.service(context.items[0]) is None
        ):
            return decision
        return replace(decision, entities=replace(e, services=(context.items[0],)))

    def _pointed(
        self, u: Understanding, context: Context | None, previous: Entities | None
    ) -> Understanding:
        """ "세 번째 거", "the last one", "거기": the service the previous answer pointed at."""
        e = u.entities
        if context is None or e.services or e.service_candidates:
            return u
        chosen = None
        items = context.items
        counted = not items and context.intent in _COUNTED  # "두번째꺼 뭐임" after "몇 개?"
        if (
            e.ordinal is not None
            and len(items) <= 1
            and (counted or _ORDINAL_SERVICE.search(u.text.lower()))
        ):
            # "그럼 첫 번째 사무 주요 성과는?" after an answer about one service: the answer
            # had no list, so the ordinal counts in its round's list of services
            items = self._round_list(previous, items)
        if e.ordinal is not None and items:
            index = e.ordinal - 1 if e.ordinal > 0 else e.ordinal
            if -len(items) <= index < len(items):
                chosen = items[index]
        elif (
            self.understander.parts.pronoun.search(u.text.lower())
            and not (previous and previous.services)
            and len(context.items) == 1
            # "What's the gap between them?" after two answers: the figures, not one service
            and not self.understander.parts.checks["plural_pointer"].search(u.text.lower())
            # "which one was it?" after a count: the counted ones asked for, no pointer
            and not (previous and self.decider.which_counted(u, previous))
        ):
            chosen = context.items[0]
        elif e.ordinal is None and not (previous and previous.services):
            chosen = self._held_pointed(u, context)
        if chosen is None and e.ordinal is None:
            chosen = self._picked_by_score(u, context, previous)
        chosen_ones = (chosen,) if chosen is not None else self._two_pointed(u, context)
        if not chosen_ones or any(self.queries.service(c) is None for c in chosen_ones):
            return u
        entities = replace(e, services=chosen_ones, topic=None, unknown_name=None)
        if not e.has_scope and previous is not None and previous.has_scope:
            # "그중 네 번째 거 점수는?": the listed service, in the round that listed it
            entities = replace(
                entities,
                year=previous.year,
                round_no=previous.round_no,
                year_span=previous.year_span,
                round_span=previous.round_span,
            )
        matcher = self.understander.matcher
        ranked = tuple(matcher.rank(u.prepared, u.text.lower(), entities, u.unknown[0]))
        # "and the last one?", "다섯 번째는?" after a question about one service: the pointer
        # and nothing else asks what the previous turn asked, of the service pointed at
        # (after a list, "what about the second one?" asks about that service in general)
        spec = self.specs.get(context.intent or "")
        bare = e.ordinal is not None and spec is not None and "services" in spec.slots
        bare = bare and self._only_fillers(self.understander.parts.without_ordinal(u.text.lower()))
        return replace(u, entities=entities, ranked=ranked, elliptical=bare)

    def _held_pointed(self, u: Understanding, context: Context) -> int | None:
        """ "And that service's overall score?" after a ranking, then a turn about the round:
        a word pointing at one service ("that service", "그 사무", "거기") is the one the
        conversation holds, though the last answer listed several or none."""
        held = _held(context).get("service")
        lower = u.text.lower()
        if not isinstance(held, int) or not _service_pointers().search(lower):
            return None
        if self.understander.parts.checks["plural_pointer"].search(lower):
            return None
        return held

    def _picked_by_score(
        self, u: Understanding, context: Context, previous: Entities | None
    ) -> int | None:
        """ "그 중 점수 더 낮은 곳 개선과제는?" after a list of services with their scores:
        the one of them with the lower (higher) score in the round the list was of — not a
        ranking of a whole round, and not a question about every one of them."""
        e = u.entities
        if len(context.items) < 2 or e.metrics & {"highest", "lowest", "count", "share"}:
            return None
        if e.threshold or e.band or e.has_scope or e.reference:
            return None  # "기준보다 낮은 곳", "2025년 1차에서 …": not one of those listed
        if context.intent in ("highest", "lowest", "rank"):
            return None
        lower = u.text.lower()
        side = next((s for s, p in _picks().items() if p.search(lower)), None)
        if side is None or previous is None or previous.year is None:
            return None
        scores: dict[int, float] = {}
        for v in self.queries.evaluations(previous.year, previous.round_no):
            if v.service.id in context.items and v.score is not None:
                scores[v.service.id] = v.score
        if len(scores) != len(context.items):
            return None  # a score not published: which one is lower cannot be told
        pick = min if side == "lower" else max
        return pick(scores, key=lambda i: scores[i])

    def _bare_check(self, sentence: str) -> bool:
        """Only a truth check ("사실이에요?", "Is that true?"), nothing asked of its own."""
        check = self.understander.parts.checks["truth_check"]
        lower = sentence.lower()
        return bool(check.search(lower)) and self._only_fillers(check.sub(" ", lower))

    def _only_fillers(self, text: str) -> bool:
        """Nothing but follow-up fillers ("and", "그럼", "는") and punctuation."""
        fillers, strip = self.understander.fillers, self.understander.vocab.strip_particle
        words = re.sub(r"[^\w\s]", " ", text).split()
        return all(w in fillers or strip(w) in fillers or not strip(w) for w in words)

    def _two_pointed(self, u: Understanding, context: Context) -> tuple[int, ...]:
        """ "그 두 곳 점수 차이는?" after an answer listing two services: both of them, to
        be compared (a gap or a versus; a plain "their scores?" keeps the last answer's list)."""
        e = u.entities
        if len(context.items) != 2 or e.how not in ("gap", "versus") or e.ordinal is not None:
            return ()
        if not self.understander.parts.checks["two_pointed"].search(u.text.lower()):
            return ()
        return tuple(context.items)

    def _year_stepped(self, u: Understanding, previous: Entities | None) -> Understanding:
        """ "다음해는?", "and the year after?", "2년 전엔?": the year after (before) the one the
        previous turn was about — its year, or the last year of its span — asked the same
        way; a count of years ("2년 전", "three years earlier") counts from the newest year
        when the conversation named none."""
        lower = u.text.lower()
        named = u.entities.year is not None or u.entities.year_span is not None
        # "그 전해는?": "전해" alone is last year, but "그 전해" steps from the conversation's
        # year — a year no digit names is the step's, not a year of its own
        if named and (
            re.search(r"\d", lower) or not any(p.search(lower) for p in _year_steps().values())
        ):
            return u
        counted = _years_counted(lower)
        if previous is None and counted is None:
            return u
        step = next((s for s, p in _year_steps().items() if p.search(lower)), None)
        if counted is not None:
            step = "next" if counted[0] > 0 else "previous"
        if step is None and self._year_is_the_step(u, previous):
            # "and the one before that?" after whole years: the year before, not a round
            step = "next" if (u.entities.round_step or 0) > 0 else "previous"
        base = previous.year if previous is not None else None
        if base is not None and previous is not None and step is not None:
            base = _step_base(base, previous, step)
        if base is None and previous is not None and previous.year_span is not None:
            base = previous.year_span[1] if step == "next" else previous.year_span[0]
        if base is None and counted is not None:
            base = self.understander.extractor.newest_year
        if step is None or base is None:
            return u
        offset = counted[0] if counted is not None else (1 if step == "next" else -1)
        year = base + offset
        # "the year before that": its "before that" is the year's step, not a round's
        moved = replace(u.entities, year=year, round_no=None, round_span=None, round_step=None)
        # "the year before that" steps; it compares nothing
        if moved.compare == "prev_year" or (previous and previous.compare == "prev_year"):
            moved = replace(moved, compare=None, reference=None)
        said = counted[1] if counted is not None else _year_steps()[step]
        rest = said.sub(" ", u.prepared).split()
        fillers, strip = self.understander.fillers, self.understander.vocab.strip_particle
        bare = all(w in fillers or strip(w) in fillers for w in rest)
        return replace(u, entities=moved, elliptical=bare or u.elliptical)

    def _year_is_the_step(self, u: Understanding, previous: Entities | None) -> bool:
        """A step with no unit ("and the one before that?", "그 전엔?") while the conversation
        is about whole years (no round, no service): the step is a year's."""
        e = u.entities
        if e.round_step is None or previous is None or previous.year is None:
            return False
        if previous.round_no is not None or previous.round_span or previous.services:
            return False
        if e.services or e.has_scope or e.compare is not None or e.reference is not None:
            return False  # "the long-run average before that?" compares; it steps nothing
        return self._only_step(u) and not _ROUND_WORD.search(u.text.lower())

    def _round_list(self, previous: Entities | None, items: tuple[int, ...]) -> tuple[int, ...]:
        """The services of the round the conversation is about, in published order: the
        previous turn's round, else the newest round of the one service it answered about,
        else the newest loaded round."""
        q = self.queries
        if previous is not None and previous.year is not None and previous.round_no is not None:
            rnd: tuple[int, int] | None = (previous.year, previous.round_no)
        elif items and q.evaluations_of_service(items[0]):
            last = q.evaluations_of_service(items[0])[-1]
            rnd = (last.year, last.round_no)
        else:
            newest = q.latest_round()
            rnd = (newest.year, newest.round_no) if newest is not None else None
        if rnd is None:
            return items
        listed = tuple(dict.fromkeys(v.service.id for v in q.evaluations(*rnd)))
        return listed or items

    def _stepped(self, u: Understanding, previous: Entities | None) -> Understanding:
        """ "그 전 차수는?", "How does it compare with the round before it?": the loaded round
        just before the one the question (or else the conversation, or else the newest
        round) is about — as the scope asked, or as the other side of a comparison."""
        e = u.entities
        if e.round_step is None:
            return u
        if e.services or (previous is not None and previous.services and not e.has_scope):
            # "그 다음 평가에선 몇 점 받았어?": that service's next (previous) evaluation after
            # (before) the round the conversation is about
            # "그럼 그 전엔?" alone asks what the previous turn asked, of that evaluation
            step = "next" if e.round_step > 0 else "previous"
            moved = replace(e, reference=step, round_step=None)
            return replace(u, entities=moved, elliptical=self._only_step(u) or u.elliptical)
        base = self._base_round(e, previous)
        rounds = [(r.year, r.round_no) for r in self.queries.rounds()]
        at = rounds.index(base) + e.round_step if base is not None and base in rounds else -1
        if base is None or not 0 <= at < len(rounds):
            return replace(u, entities=replace(e, round_step=None))
        year, round_no = rounds[at]
        compared = e.how in ("gap", "versus") or e.compare not in (None, "round")
        if compared:
            later, earlier = max(base, (year, round_no)), min(base, (year, round_no))
            moved = replace(
                e,
                year=later[0],
                round_no=later[1],
                compare="round",
                compare_year=earlier[0],
                compare_round=earlier[1],
                round_step=None,
                metrics=e.metrics or frozenset({"average"}),
            )
            return replace(u, entities=moved)
        moved = replace(e, year=year, round_no=round_no, round_step=None)
        return replace(u, entities=moved, elliptical=self._only_step(u) or u.elliptical)

    def _only_step(self, u: Understanding) -> bool:
        """Nothing but a round step and fillers ("그럼 그 전엔?", "and the one after?"): the
        question asks again what the previous turn asked."""
        parts = self.understander.parts
        rest = parts.next_round.sub(" ", parts.previous_round.sub(" ", u.prepared)).split()
        fillers = self.understander.fillers
        strip = self.understander.vocab.strip_particle
        return all(w in fillers or strip(w) in fillers for w in rest)

    def _latest_against(self, u: Understanding) -> Understanding:
        """ "the difference between the newest round's average and the 2023 round 2 average":
        a named round compared with the newest one, which the words name but give no number."""
        e = u.entities
        newest = self.queries.latest_round()
        if newest is not None and e.round_no is None:
            return self._latest_against_year(u, newest.year, newest.round_no)
        if (
            newest is None
            or e.round_no is None
            or e.compare not in (None, "other")
            or e.how not in ("gap", "versus", "yes_no")
            or e.services
            or not self.understander.parts.latest.search(u.text.lower())
            or (e.year, e.round_no) == (newest.year, newest.round_no)
        ):
            return u
        moved = replace(
            e,
            compare="round",
            compare_year=newest.year,
            compare_round=newest.round_no,
            compare_first=self._latest_named_first(u.text.lower()),
        )
        return replace(u, entities=moved)

    def _latest_against_year(self, u: Understanding, year: int, round_no: int) -> Understanding:
        """ "Is the newest round's average higher than the 2025 full-year average?": the
        newest round is the subject, the named year (its whole-year figure) the other side."""
        e, lower = u.entities, u.text.lower()
        if (
            e.year in (None, year)
            or e.year_span is not None
            or e.round_span is not None
            or e.services
            or e.compare not in (None, "other", "whole_year")
            or (e.how not in ("gap", "versus", "yes_no") and e.compare is None)
            or "average" not in e.metrics
            or not self.understander.parts.latest.search(lower)
        ):
            return u
        moved = replace(
            e,
            year=year,
            round_no=round_no,
            compare="year",
            compare_year=e.year,
            reference=None,
            latest=False,
        )
        return replace(u, entities=moved)

    def _latest_named_first(self, lower: str) -> bool:
        """Whether "latest" comes before the named round (then it is the subject)."""
        latest = self.understander.parts.latest.search(lower)
        number = re.search(r"\d", lower)
        return latest is not None and (number is None or latest.start() < number.start())

    def _base_round(self, e: Entities, previous: Entities | None) -> tuple[int, int] | None:
        """The round a relative round counts from: the question's, the conversation's, or
        the newest loaded one."""
        if e.year is not None and e.round_no is not None:
            return e.year, e.round_no
        if previous is not None and previous.round_no is not None and previous.year is not None:
            return previous.year, previous.round_no
        newest = self.queries.latest_round()
        if previous is not None and previous.round_no is not None and newest is not None:
            return newest.year, previous.round_no
        return (newest.year, newest.round_no) if newest is not None else None

    def _known(self, entities: Entities) -> Entities:
        """A stored context may name services that no longer exist (or never did)."""
        kept = tuple(i for i in entities.services if self.queries.service(i) is not None)
        return entities if kept == entities.services else replace(entities, services=kept)

    def _dispatch(self, decision: Decision, request: Request, context: Context | None) -> Reply:
        spec = self.specs.get(decision.intent)
        if spec and "services" in spec.slots and request.entities.service_candidates:
            return which_service(request, decision.intent)
        if decision.ask_back:
            return clarify(request, decision.ask_back)
        if decision.entities.what == "previous" and context is not None:
            figs = [f for f in (fig_from_dict(request, d) for d in context.figures[-2:]) if f]
            if len(figs) == 2:
                compared = compare_reply(request, figs[0], figs[1], decision.intent)
                return self._same_round_said(compared, request, figs[0], figs[1])
        against = self._against_last(decision, request, context)
        if against is not None:
            return against
        return self.handlers[decision.intent](request)

    def _same_round_said(self, reply: Reply, request: Request, a: Fig, b: Fig) -> Reply:
        """ "둘이 몇 점 차이? 같은 회차야?": beside the gap of two figures, whether they come
        from one round (year, span) — asked with the gap, answered after it."""
        asked = self.understander.parts.checks.get("same_round")
        if asked is None or not asked.search(request.question.lower()):
            return reply
        t = request.t
        if a.scope == b.scope:
            line = t._("Both are of the same round: {scope}.", scope=scope_name(t, a.scope))
        else:
            line = t._(
                "They are not of the same round: {a} and {b}.",
                a=scope_name(t, a.scope),
                b=scope_name(t, b.scope),
            )
        return replace(reply, text=f"{reply.text}\n{line}")

    def _against_last(
        self, decision: Decision, request: Request, context: Context | None
    ) -> Reply | None:
        """ "2025년 2차랑 비교하면 몇 점 차이야?": an average named and compared with nothing
        named — the other side is the figure the conversation last stated (not the cutoff)."""
        e = request.entities
        # "올해 전체 평균은 거기서 얼마나 떨어진 거야?": a word pointing at the figure just
        # stated names the other side too, whatever comparison words the scope carries
        pointed = e.compare in (None, "whole_year") and e.reference in (None, "whole_year")
        pointed = pointed and bool(_pointers().search(request.question.lower()))
        # "아까 그 숫자": a figure recalled by its place is the subject already decided
        pointed = pointed and recalled_place(self.understander, request.question.lower()) is None
        if decision.intent == "yes_no" and pointed:
            return Engine._checked_against_last(decision, request, context)
        if (
            context is None
            or not context.figures
            or decision.intent not in ("gap", "versus")
            or e.what != "average"
            or not (pointed or (e.compare == "other" and e.reference is None))
            or e.score is not None
            or e.services
            or not e.has_scope
        ):
            return None
        last, named = fig_from_dict(request, context.figures[-1]), subject(request)
        if last is None or named is None or last.scope == named.scope:
            return None
        return compare_reply(request, last, named, decision.intent)

    @staticmethod
    def _checked_against_last(
        decision: Decision, request: Request, context: Context | None
    ) -> Reply | None:
        """ "Is that above the 2015–2022 average?" after the 2024 average: the figure just
        stated ("that") against the average the question names — 네/아니요 on the direction
        asked, then both figures and the gap — not the named average against the cutoff."""
        e = request.entities
        if context is None or not context.figures or e.what != "average" or not e.has_scope:
            return None
        if e.services or e.threshold is not None or e.score is not None:
            return None
        last, named = fig_from_dict(request, context.figures[-1]), subject(request)
        if last is None or named is None or last.scope == named.scope or last.kind != "average":
            return None
        lower = request.question.lower()
        checks = shared_parts().checks
        up, down = checks["up"].search(lower), checks["down"].search(lower)
        compared = compare_reply(request, last, named, "versus")
        if bool(up) == bool(down) or last.value == named.value:
            return compared
        holds = (last.value > named.value) == bool(up)
        verdict = request.t._("Yes.") if holds else request.t._("No.")
        return Reply(
            f"{verdict} {compared.text}",
            compared.answered,
            compared.sources,
            compared.suggestions,
            compared.chart,
        )

    def _figures(self, context: Context | None, now: list[dict[str, Any]]) -> tuple[dict, ...]:
        """The last two figures stated, for "which one was higher?" / "what's the gap?"."""
        before = context.figures if context else ()
        if not now or (len(now) == 1 and before and _same_figure(before[-1], now[0])):
            # "how far above the cutoff is that?" restates the average just given: the
            # figure before it stays the other one ("what's the gap?" weighs the two)
            return tuple(before)
        return tuple([*before, *now][-2:]) if len(now) == 1 else tuple(now[-2:])

    def _stated_now(
        self, decision: Decision, request: Request, reply: Reply
    ) -> list[dict[str, Any]]:
        """The figures this answer states (a figure it only repeats, none)."""
        if decision.entities.what == "previous" or not reply.answered:
            return []
        now = [f.to_dict() for f in figures_for(request, decision.intent)]
        if not now:
            now = [f.to_dict() for f in self._score_stated(decision, request, reply.text)]
        if any(f.get("kind") != "cutoff" for f in now):
            # the cutoff an average was measured against is not what was asked: "얼마나
            # 떨어진 거야?" after two averages compares the averages
            now = [f for f in now if f.get("kind") != "cutoff"]
        return now

    def _score_stated(self, decision: Decision, request: Request, text: str) -> list[Fig]:
        """ "동북권직장맘지원센터 점수 몇 점?", then "서남권은?", then "둘이 몇 점 차이?": the
        score an answer about one service states when no round is named — its newest
        published one (within the year asked) that the answer's ``text`` shows, so the
        next turn can weigh the two."""
        e = decision.entities
        if decision.intent not in _NEEDS_SERVICE or len(e.services) != 1:
            return []
        if e.compare or e.how or e.reference:
            return []
        scored = [
            v
            for v in self.queries.evaluations_of_service(e.services[0])
            if v.score is not None and e.year in (None, v.year) and e.round_no in (None, v.round_no)
        ]
        if not scored:
            return []
        last = scored[-1]
        found = score_fig(request, e.services[0], last.year, last.round_no)
        if found is None or request.t.num(found.value, found.precision) not in text:
            return []
        return [found]

    def _items(self, text: str) -> tuple[int, ...]:
        """The services an answer names, in the order it names them."""
        found: dict[int, None] = {}
        for match in self._names[0].finditer(text):
            found.setdefault(self._names[1][match.group(0)], None)
        return tuple(found)

    def _name_inherited(
        self, reply: Reply, request: Request, u: Understanding, decision: Decision
    ) -> Reply:
        """A scope taken from the previous turn is named in the answer, if it is not yet."""
        e = decision.entities
        if u.entities.has_scope or e.year is None or decision.intent in INTERNAL_INTENTS:
            return reply
        if e.reference in ("next", "previous"):
            return reply  # the answer names the evaluation it found, not the one counted from
        if str(e.year) in reply.text:
            return reply
        t = request.t
        scope = (
            t._("{year} round {round}", year=e.year, round=e.round_no)
            if e.round_no is not None
            else t._("{year} (whole year)", year=e.year)
        )
        text = t._("(As in the previous question: {scope})", scope=scope) + "\n" + reply.text
        return replace(reply, text=text)


@cache
def _year_steps() -> dict[str, re.Pattern[str]]:
    """lookup.yaml ``year_steps``: "다음해", "the year after" and their opposites."""
    from bot.understand.search import load_lookup

    return {
        step: re.compile(
            "|".join(re.escape(p) for p in sorted(map(str, phrases), key=len, reverse=True))
        )
        for step, phrases in load_lookup()["year_steps"].items()
    }


@cache
def _before_now() -> re.Pattern[str]:
    """lookup.yaml ``before_now``: "before", "예전엔" — earlier than the figure, no year."""
    from bot.understand.search import load_lookup

    return phrase_pattern(load_lookup()["before_now"])


@cache
def _years_ago() -> tuple[re.Pattern[str], dict[str, int]]:
    """lookup.yaml ``years_ago``: a count of years, then the words saying before or after."""
    from bot.understand.search import load_lookup

    data = load_lookup()["years_ago"]
    numbers = {str(k): int(v) for k, v in data["numbers"].items()}
    count = "|".join([r"\d{1,2}", *map(re.escape, sorted(numbers, key=len, reverse=True))])

    def words(key: str) -> str:
        phrases = sorted(map(str, data[key]), key=len, reverse=True)
        return "|".join(re.escape(p).replace(r"\ ", r"\s*") for p in phrases)

    pattern = (
        rf"(?<![\w.])(?P<n>{count})\s*(?:(?P<before>{words('before')})|(?P<after>{words('after')}))"
    )
    return re.compile(pattern), numbers


def _years_counted(lower: str) -> tuple[int, re.Pattern[str]] | None:
    """ "2년 전엔?" -> (-2, the phrase), "two years later" -> (2, …); None without a count."""
    pattern, numbers = _years_ago()
    found = pattern.search(lower)
    if found is None:
        return None
    n = numbers.get(found.group("n")) or int(found.group("n"))
    if not 0 < n < 30:
        return None
    said = re.compile(re.escape(found.group(0)).replace(r"\ ", r"\s*"))
    return (n if found.group("after") else -n), said


def _step_base(year: int, previous: Entities, step: str) -> int:
    """The year a step counts from: after "2024년 비율은?" then "그 전 해는요?" (answered as
    2024 against 2023), the conversation has reached 2023 — "그럼 그 전 해는?" is 2022, the
    year beyond both sides of the comparison in the step's direction."""
    other = previous.compare_year if previous.compare in ("year", "prev_year") else None
    if other is None and previous.compare == "prev_year":
        other = year - 1  # "and the year before?" compared the year with the one before it
    if other is None:
        return year
    return max(year, other) if step == "next" else min(year, other)


def _clauses(text: str) -> list[str]:
    """The message cut at its last clause boundary (bot/understand/clauses.yaml): the
    premise before it and the ask after it, or the whole message alone."""
    from bot.understand.clauses import clause_reader

    # a Korean connective ending ("…다고 들었는데"), not a comma inside a list
    found = [m for m in clause_reader().boundary.finditer(text) if _HANGUL.search(m.group(0))]
    if not found or not text[found[-1].end() :].strip():
        return [text]
    return [text[: found[-1].start()], text[found[-1].end() :]]


@cache
def _picks() -> dict[str, re.Pattern[str]]:
    """lookup.yaml ``picked_by_score``: the lower / the higher of the listed services."""
    from bot.understand.search import load_lookup

    return {side: bounded_words(words) for side, words in load_lookup()["picked_by_score"].items()}


@cache
def _service_pointers() -> re.Pattern[str]:
    """lookup.yaml ``pointing``: words pointing at one service ("that centre", "그 사무")."""
    from bot.understand.search import load_lookup

    return bounded_words((str(w).lower() for w in load_lookup()["pointing"]), end=r"(?![\w])")


@cache
def _pointers() -> re.Pattern[str]:
    """lookup.yaml ``pointers``: words pointing at the previous answer's figure."""
    from bot.understand.search import load_lookup

    return bounded_words(load_lookup()["pointers"])


def _recalled(stated: Any, place: str, u: Understanding) -> dict[str, Any] | None:
    """The stated figure a question recalls by its place ("first", "earlier"), among those
    of the kind it names (an average, a share), else among all but the cutoff."""
    kinds = {"average": "average", "share": "share"}
    kind = next((k for m, k in kinds.items() if m in u.entities.metrics), None)
    pool = [
        f
        for f in stated
        if isinstance(f, dict) and f.get("kind") != "cutoff" and kind in (None, f.get("kind"))
    ]
    if not pool:
        return None
    if place == "first":
        return pool[0]
    return pool[-2] if len(pool) >= 2 else pool[0]


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two stated figures that are one (the same kind, scope and service)."""
    return all(a.get(k) == b.get(k) for k in ("kind", "scope", "service"))


def _held(context: Context | None) -> dict[str, Any]:
    """What the conversation holds beyond its last turn (``Engine._held_now``)."""
    held = context.entities.get(_HELD) if context is not None else None
    return held if isinstance(held, dict) else {}


def _joined(reply: Reply, extra: Reply) -> Reply:
    """``reply`` with ``extra``'s lines after its own (a line said twice once) and both
    replies' sources: two answers to one question given as one."""
    lines = dict.fromkeys([*reply.text.splitlines(), *extra.text.splitlines()])
    sources = tuple(dict.fromkeys((*reply.sources, *extra.sources)))
    return replace(reply, text="\n".join(lines), sources=sources)


_HANGUL = re.compile("[가-힣]")
#: The key of ``Context.entities`` under which the engine keeps what the whole conversation
#: holds (``Engine._held_now``): no entity, so a rebuilt ``Entities`` never sees it.
_HELD = "held"
#: How many stated figures the conversation keeps (the first two, then the newest).
_STATED_KEPT = 8
#: Intents that answer about one service and ask which one when none is named.
_NEEDS_SERVICE = frozenset({"service_score", "findings"})
#: How much of a question a finding must cover for the question to be about it.
_SAID_COVERAGE = 0.25
#: the services evaluated, asked of in general ("평가대상은 어떤 사무들이야")
_EVALUATED_ONES = re.compile(
    r"평가\s*대상|evaluated services|services (?:are|get) evaluated|services evaluated"
)
#: asking where the previous answer came from (lookup.yaml source_asked)
_SOURCE_ASKED = re.compile(
    r"(?<![a-z])(?:"
    + "|".join(
        re.escape(str(w)) for w in sorted(load_lookup()["source_asked"], key=len, reverse=True)
    )
    + r")(?![a-z])"
)
#: a count narrowed to the previous answer's services (lookup.yaml narrowing)
_NARROWING = bounded_words(load_lookup()["narrowing"])
#: both parts of a two-part answer asked again (lookup.yaml both_parts)
_BOTH = bounded_words(load_lookup()["both_parts"])
#: answers that pick one service out of the previous list: "거기 / it" then means that one
_SELECTING = frozenset({"topic_search", "highest", "lowest", "rank"})
#: answers whose figure is a count of services: a bare "and round 3?" comparison keeps it
_KEPT_COUNTS = frozenset({"below_cutoff", "count_evaluated"})
#: answers that counted a round's services without listing them: an ordinal after them
#: ("ㅇㅇ 두번째꺼 뭐임", "the third one?") counts in the round's list
_COUNTED = frozenset({"count_evaluated", "round_summary"})
#: Intents that answer two rounds side by side (``_other_round_beside``).
_ROUND_COMPARED = frozenset({"average", "below_cutoff", "count_evaluated", "share_gap"})

#: an ordinal that counts services ("첫 번째 사무", "the second centre"), not findings
_ORDINAL_SERVICE = re.compile(
    r"(?:번째|째)\s*(?:사무|센터|시설|기관|곳)"
    r"|(?:first|second|third|fourth|fifth|sixth|last|\d+(?:st|nd|rd|th))\s+"
    r"(?:service|centre|center|facility|institution|one)"
)
#: one side of a comparison set aside for another ("3차 말고 연간으로", "instead of round 3")
_SET_ASIDE = re.compile(r"말고|대신|아니고|instead|rather than|not the round|not round")
#: a word of rounds ("the round before", "그 전 차수", "previous evaluation"): a step by round
_ROUND_WORD = re.compile(r"round|차수|회차|\d\s*차|evaluation|평가")
#: a line of a list in an answer ("1. 서울 핀테크랩", "- 노후화 …")
_LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-•])\s")


def _terse(e: Entities) -> bool:
    """A short answer was asked for, and the first line can be it: a comparison's answer
    is in its later lines (the figure, then how it compares), so it stays whole."""
    return e.terse and e.compare is None and e.how not in ("gap", "versus", "complement")


def _shortened(text: str) -> str:
    """The answer asked for in short: its first line, and the list right under it if it
    has one (a list of names asked for "names only" is the list)."""
    lines = text.split("\n")
    kept = lines[:1]
    for i, line in enumerate(lines[1:], start=1):
        heading = line.rstrip().endswith(":") and i + 1 < len(lines)
        if heading and _LIST_ITEM.match(lines[i + 1]):
            kept.append(line)  # "주요 성과:" over its list: the list is the answer
            continue
        if not _LIST_ITEM.match(line):
            break
        kept.append(line)
    return "\n".join(kept)


def _evaluator_names(queries: Queries) -> list[str]:
    """The evaluators the data names (loaded rounds and reports), with their English names:
    words a question may quote, which the typo corrector must leave as they are."""
    names = {r.evaluator for r in queries.rounds() if r.evaluator}
    names |= {f.figure.text for f in queries.figures("evaluator") if f.figure.text}
    return [*names, *(queries.english(n) or "" for n in names)]


def _name_table(queries: Queries) -> tuple[re.Pattern[str], dict[str, int]]:
    """Every way an answer names a service (Korean, short, English) -> its id."""
    names: dict[str, int] = {}
    for service in queries.services():
        for name in (service.name_ko, service.short_ko, service.name_en):
            if name and len(name) >= 3:
                names.setdefault(name, service.id)
    return compile_words(names), names


@cache
def get_engine() -> Engine:
    """The engine over the default knowledge database (built on first use if missing)."""
    from bot.config import settings
    from knowledge.store import ensure_db

    path = ensure_db(settings().db_path)
    return Engine(Queries(path))


def answer(question: str, lang: str | None = None, context: Context | None = None) -> Answer:
    return get_engine().answer(question, lang, context)
