"""The previous answer again — in another language or shorter ("영어로 다시", "한 줄로
다시") — or the documents it rests on ("그거 출처 어디야?"): rebuilt from the intent,
operation and entities its context kept, never a new search for the words asked.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Answer, Context
from bot.answers.base import Reply, Request
from bot.engine.built import Built
from bot.engine.dispatch import dispatch, request_for
from bot.engine.finish import finish
from bot.engine.memory import TERSE, context_lang, known
from bot.engine.parts import also
from bot.engine.replies import shortened
from bot.i18n import DEFAULT_LANG
from bot.understand import Understanding
from bot.understand.decide import Decision
from bot.understand.entities import Entities
from bot.understand.literals import bounded_words
from bot.understand.search import load_lookup

#: asking where the previous answer came from (lookup.yaml source_asked)
SOURCE_ASKED = bounded_words(load_lookup()["source_asked"], start=r"(?<![a-z])")


def said_again(
    built: Built, question: str, lang: str, context: Context, state: dict, *, shorter: bool = False
) -> Answer:
    """The previous answer again, in ``lang`` ("영어로 다시", "in Korean please"), and
    ``shorter`` ("Shorter please, numbers only.", "한 줄로 다시"): its first line (or its
    list) — the operation is the one asked before, never a search for "shorter"."""
    state["lang"] = lang
    decision = previous_decision(built, context)
    state["intent"] = decision.intent
    if (context.entities or {}).get(TERSE) is True:
        # "And in English?" after a one-line answer: the same one line, in English
        decision = replace(decision, entities=replace(decision.entities, terse=True))
        shorter = True
    request = previous_request(built, context, lang, decision)
    reply = dispatch(built, decision, request, context)
    if shorter and reply.answered:
        reply = replace(reply, text=shortened(reply.text))
    if context.question and context.operation is None:
        # "3차 평가 기간이랑 평가기관 같이 알려줘" then "영어로 다시": both parts again
        asked = built.ur.understand(context.question)
        both = also(built, reply, request, asked, decision)
        if shorter and both is not reply:
            # "in one line": each part shortened, on one line
            extra = both.text.splitlines()[len(reply.text.splitlines()) :]
            line = " ".join([reply.text, *extra[:1]])
            both = replace(both, text=line)
        reply = both
    return finish(built, question, lang, decision, request, reply, context, asked=context.question)


def previous_decision(built: Built, context: Context) -> Decision:
    """The previous turn's decision, rebuilt from its context: the operation it answered
    ("3차 평균이랑 75점 차이" was a gap over the average), else its intent — never a new
    reading of the words asked now."""
    intent = next(
        (i for i in (context.operation, context.intent) if i in built.handlers), "fallback"
    )
    return Decision(intent, Entities.from_dict(context.entities or {}))


def previous_request(built: Built, context: Context, lang: str, decision: Decision) -> Request:
    """The previous question asked again in ``lang`` (its services that no longer exist
    dropped), for ``decision``."""
    return request_for(built, context.question or "", lang, known(built.q, decision.entities))


def sources_asked(u: Understanding) -> bool:
    """ "그거 출처 어디야", "source?": where the previous answer came from — a source word,
    and no scope, service or topic of the question's own."""
    e = u.entities
    if e.has_scope or e.services or e.service_candidates or e.topic or e.unknown_name:
        return False
    return bool(SOURCE_ASKED.search(u.text.lower()))


def sources_of_last(
    built: Built, question: str, u: Understanding, context: Context, state: dict
) -> Answer | None:
    """The documents the previous answer rests on, each flagged official or a report
    (the previous answer is rebuilt from its intent and entities to know them); None
    when it rested on none."""
    lang = u.lang or context_lang(context) or DEFAULT_LANG
    state["lang"] = lang
    decision = previous_decision(built, context)
    request = previous_request(built, context, lang, decision)
    sources = dispatch(built, decision, request, context).sources
    if not sources:
        return None
    t = request.t
    lines = [t._("The previous answer rests on:")]
    for source in sources:
        title = (request.q.english(source.title) or source.title) if lang == "en" else source.title
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
    return finish(built, question, lang, decision, request, reply, context, asked=context.question)
