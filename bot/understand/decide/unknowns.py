"""Names the knowledge base does not hold, and facts the results do not publish.

"따릉이 민간위탁 평가결과 있어?" (a service never evaluated here), "서북권직장맘지원센터도
평가받았어?" (its membership only), "수탁기관 어디야?" (a fact no disclosure holds): said
plainly as unknown rather than answered with some other service's or round's figures.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding
from bot.understand.decide.content import described
from bot.understand.decide.decision import Decision
from bot.understand.decide.words import EVALUATION, RESULT_WORDS, SERVICES_WORD
from bot.understand.entities import Entities
from bot.understand.services import descriptive
from bot.understand.unpublished import unpublished

#: The fewest syllables of a Korean word read as an unknown name before a result noun.
_KO_NAME_MIN = 3
#: Words that may open a question before the name it asks about ("혹시 따릉이 평가 결과").
_OPENERS = frozenset({"혹시", "그럼", "그러면", "그리고", "근데", "저기", "음", "아", "그", "또"})


def _made_of(word: str, heads: tuple[str, ...]) -> bool:
    """``word`` is one or more of ``heads`` run together ("평가결과", "종합성과평가"), so a
    verb that starts like one ("평가받은") is not."""
    while word:
        head = next((h for h in heads if word.startswith(h)), None)
        if head is None:
            return False
        word = word[len(head) :]
    return True


def unknown_subject(ur: Understander, u: Understanding) -> str | None:
    """A word never seen as the subject of an evaluation's result: the first word of a
    Korean question right before a result noun ("청계천 평가 결과", "따릉이 민간위탁
    평가결과 있어?"), or a name right after a result phrase in English ("evaluation
    results for Ttareungyi").  Only when no service is named, the lexicon read the word
    as unknown (a typo of a known word is corrected before) and the word alone reads as
    nothing else ("삼차" is a round) nor describes ("가면서", "어려운")."""
    e = u.entities
    if e.services or e.service_candidates or e.unknown_name or not any(u.unknown):
        return None
    run = ur.lexicon.unknown_run(u.text)
    if run is None or " " in run or descriptive(run) or run.lower() in ur.vocab.not_names:
        return None
    at = u.text.find(run)
    if run.isascii():
        before = u.text[:at].lower().rstrip()
        found = list(ur.vocab.result_before_en.finditer(before))
        named = bool(found) and found[-1].end() >= len(before) - len(" the")
    else:
        # two syllables never seen are likelier a misspelling ("펑균 점수") than a name
        named = len(run) >= _KO_NAME_MIN and ko_subject(ur, u.text, at, run)
    if not named or reads_as_something(ur, run):
        return None
    return run


def ko_subject(ur: Understander, text: str, at: int, run: str) -> bool:
    """``run`` opens the question (after a scope or filler word at most) and a result noun
    follows it ("따릉이 민간위탁 평가결과", "2023년 청계천 평가는")."""
    vocab = ur.vocab
    before = text[:at].split()
    if any(not (re.search(r"\d", w) or w in _OPENERS) for w in before):
        return False
    after = text[at + len(run) :]
    if not after[:1].isspace():
        return False  # "남자다움, 남성성 …", "왜요? 점수가 …": the name's phrase ends there
    rest = after.split(maxsplit=1)
    head = vocab.strip_particle(rest[0].strip("?!.,")) if rest else ""
    return bool(head) and _made_of(head, vocab.result_heads_ko)


def reads_as_something(ur: Understander, word: str) -> bool:
    """The word alone is read as a scope, figure, service or topic ("삼차": round 3), or
    is a misspelling of a known word ("펑균" for 평균)."""
    corrected = ur.lexicon.correct(word)
    if corrected != word:
        return True
    alone = ur.extractor.extract(word)
    return bool(
        alone.year or alone.round_no or alone.metrics or alone.services or alone.topic
    ) or bool(alone.service_candidates)


def membership_only(ur: Understander, u: Understanding) -> bool:
    """Whether a place was evaluated at all, asked with no word of its results (scores,
    findings): a question the round's list of evaluated services answers."""
    e, lower, checks = u.entities, u.text.lower(), ur.parts.checks
    if e.kind or e.metrics or e.threshold or e.band or e.topic:
        return False
    if checks["score_words"].search(lower) or RESULT_WORDS.search(lower):
        return False
    if checks["fail"].search(lower) or checks["recontract"].search(lower):
        return False  # "were more than a quarter … excluded?": a count, not a name
    listed = EVALUATION.search(lower) or (e.has_scope and SERVICES_WORD.search(lower))
    return bool(checks["membership"].search(lower)) and bool(listed)


def scored_place(ur: Understander, u: Understanding) -> bool:
    """ "What score did the Seoul 120 Dasan call center get …?": a score asked of the
    place the question names, no intent's own word said — its score, whatever general
    intent ("performance evaluation") the rest of the wording resembles."""
    best, lower = u.ranked[0], u.text.lower()
    checks = ur.parts.checks
    # "How did the 120 Dasan Call Center do in its evaluation?": how it came out, asked
    return not best.cues and bool(
        checks["score_words"].search(lower) or checks["came_out"].search(lower)
    )


def unpublished_asked(
    ur: Understander, u: Understanding, previous: Entities | None, prev_intent: str | None = None
) -> Decision | None:
    """A fact the published results do not hold ("수탁기관 어디야?"): answered as such,
    whatever intent its wording resembles.  A follow-up ("그럼 예산은?") keeps the
    service of the previous turn."""
    e = u.entities
    if e.unknown_name and not e.services:
        return None
    if previous is not None and not (e.services or e.service_candidates):
        e = e.merged_with(previous, frozenset({"services", "scope"}))
    text = u.text
    if prev_intent in ("below_cutoff", "complement") and previous is not None:
        # "그 사무들 이름은?" after a count below the cutoff: the names of those
        text = f"{text} ({ur.parts.data['checks']['fail'][0]})"
    found = unpublished(text, e)
    if found is None:
        return None
    # "그 센터 수탁기관은?" after a service: the pronoun names it, nothing is described
    pointed = previous is not None and bool(e.services) and ur.parts.pronoun.search(u.text.lower())
    own = u.entities.services or u.entities.service_candidates
    if not own and not pointed and described(ur, u):
        return None  # "일자리 체험 프로그램 운영하는 곳": a service by its findings
    return Decision("not_published", replace(e, what=found.name))
