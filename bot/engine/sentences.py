"""Messages of several sentences (or a premise clause, then the ask) that are not
understood whole: the last sentence is asked, in the scene the earlier ones set.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answer import Context
from bot.engine.built import Built
from bot.engine.deciding import decided
from bot.engine.words import only_fillers
from bot.understand import Understander, Understanding
from bot.understand.decide import Decision

#: a Hangul syllable: a boundary that is a Korean connective ending (``clauses``)
HANGUL = re.compile("[가-힣]")


def last_sentence(
    built: Built, u: Understanding, decision: Decision, context: Context | None
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
    sentences = built.ur.parts.sentences(u.text)
    if len(sentences) < 2:
        # "2023년에 점수가 많이 안 좋았다고 들었는데 2024년에는 좀 나아졌나요?": a premise
        # clause, then the ask — the last clause is the question
        sentences = clauses(u.text)
    if len(sentences) < 2:
        return None
    last = built.ur.understand(sentences[-1])
    scene = built.ur.understand(" ".join(sentences[:-1])).entities
    if bare_check(built.ur, sentences[-1]):
        # "…재계약에서 빠지게 됐다는 얘기가 있던데 사실이에요?": the claim checked is the
        # premise — the handler reads the whole message, not "사실이에요?" alone
        last = replace(last, text=u.text)
    own = last.entities
    merged = own.merged_with(scene, frozenset({"scope", "services"}))
    if not own.has_scope and scene.has_scope:
        merged = replace(merged, rounds_named=scene.rounds_named)
    last = replace(last, entities=merged)
    found = decided(built, last, context)
    if found.intent == "fallback" or found.entities.what == "fallback":
        return None
    return last, found


def bare_check(ur: Understander, sentence: str) -> bool:
    """Only a truth check ("사실이에요?", "Is that true?"), nothing asked of its own."""
    check = ur.parts.checks["truth_check"]
    lower = sentence.lower()
    return bool(check.search(lower)) and only_fillers(ur, check.sub(" ", lower))


def clauses(text: str) -> list[str]:
    """The message cut at its last clause boundary (bot/understand/clauses.yaml): the
    premise before it and the ask after it, or the whole message alone."""
    from bot.understand.clauses import clause_reader

    # a Korean connective ending ("…다고 들었는데"), not a comma inside a list
    found = [m for m in clause_reader().boundary.finditer(text) if HANGUL.search(m.group(0))]
    if not found or not text[found[-1].end() :].strip():
        return [text]
    return [text[: found[-1].start()], text[found[-1].end() :]]
