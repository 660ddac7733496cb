"""One turn: the question understood, decided against the conversation, dispatched to
its handler, amended by what else it asked, and finished with the context the next turn
continues from — or, first, the previous answer again or its sources.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Answer, Context
from bot.answers.compute import deducible
from bot.engine.again import said_again, sources_asked, sources_of_last
from bot.engine.amend import described_then_scored, listed_by_rule, name_inherited, verdict_first
from bot.engine.built import Built
from bot.engine.deciding import decided
from bot.engine.dispatch import dispatch, request_for
from bot.engine.finish import finish
from bot.engine.memory import context_lang
from bot.engine.parts import also, both_again
from bot.engine.replies import shortened, terse
from bot.engine.sentences import last_sentence
from bot.engine.unused import noted
from bot.i18n import DEFAULT_LANG
from bot.understand import Understanding
from bot.understand.decide import Decision


def answered(
    built: Built, question: str, lang: str | None, context: Context | None, state: dict
) -> Answer:
    """The answer to ``question`` in the conversation ``context`` continues (None: a new
    one); ``lang``: the language asked for, if any.  ``state`` is filled with the intent
    and language being answered as they are known, for the log should answering fail."""
    understanding = built.ur.understand(question)
    last = about_the_last(built, question, lang, understanding, context, state)
    if last is not None:
        return last
    # "2020?" after English turns: words with no language of their own continue the
    # conversation's language
    asked_in = built.ur.parts.lang_asked(question)
    lang = lang or asked_in or understanding.lang or context_lang(context) or DEFAULT_LANG
    state["lang"] = lang
    both = both_again(built, understanding, context)
    if both is not None:
        # "연간으로 넓히면 둘 다 어떻게 돼?": the previous question's parts, newly scoped
        understanding = replace(understanding, elliptical=True)
    decision = decided(built, understanding, context)
    apart = last_sentence(built, understanding, decision, context)
    if apart is not None:
        understanding, decision = apart
    state["intent"] = decision.intent
    request = request_for(built, understanding.text, lang, decision.entities)
    if not decision.ask_back and deducible(request, decision.intent):
        # a round's count no document prints: the year's total less the other rounds
        # a yes/no over a deducible count keeps what it counted (below the cutoff or
        # evaluated), not "yes_no"
        what = decision.intent
        if what == "yes_no" and decision.entities.what not in (None, "fallback"):
            what = decision.entities.what
        decision = Decision("deduced", replace(decision.entities, what=what))
        state["intent"] = decision.intent
        request = request_for(built, understanding.text, lang, decision.entities)
    reply = dispatch(built, decision, request, context)
    reply = described_then_scored(built, reply, decision, request, understanding)
    reply = also(built, reply, request, both or understanding, decision)
    reply = listed_by_rule(built.ur, reply, request, understanding, decision)
    reply = name_inherited(reply, request, understanding, decision)
    reply = verdict_first(built.ur, reply, request, understanding, decision)
    reply = noted(built.ur, reply, request, understanding)
    if terse(decision.entities) and reply.answered:
        reply = replace(reply, text=shortened(reply.text))
    return finish(built, question, lang, decision, request, reply, context)


def about_the_last(
    built: Built,
    question: str,
    lang: str | None,
    understanding: Understanding,
    context: Context | None,
    state: dict,
) -> Answer | None:
    """The previous answer again ("영어로 다시", "shorter please") or the documents it rests
    on ("출처는?"), when that is what the question asks and there was one; else None."""
    again = built.ur.parts.repeat_asked(question)  # before typo correction
    if again is not None and context is not None and context.question:
        again_lang, shorter = again
        chosen = again_lang or lang or understanding.lang or context_lang(context) or DEFAULT_LANG
        return said_again(built, question, chosen, context, state, shorter=shorter)
    if context is not None and context.question and sources_asked(understanding):
        sourced = sources_of_last(built, question, understanding, context, state)
        if sourced is not None:
            return sourced
    return None
