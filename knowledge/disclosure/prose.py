"""Findings written as prose: a paragraph per service, its 성과 and 과제 as sentences.

A notice written for citizens rather than filed as a table says what each service did well
and what it must improve in running text under the findings heading:

    **서울 핀테크랩 관리 및 운영** — 투자설명회를 늘린 점이 주요 성과로 꼽혔습니다. 입주
    기업의 투자유치 실적도 늘었습니다. 다만 졸업기업의 사후 관리가 부족하여 … 과제를
    받았습니다.

``prose_lead`` finds the service a paragraph opens with (in bold, in brackets, or before a
dash or a colon; or a name ending as service names do before the particle 은/는; a board
post may number these paragraphs, "(1) name — …", with no findings heading at all), and
``sentence_kinds`` sorts its sentences: the last word in a sentence that says what it is
(``layout.yaml`` ``prose_findings``: "성과로", "긍정적" / "과제", "필요", "미흡"; Korean puts
the verdict at the end, so "지적된 문제를 개선하여 … 성과로 꼽혔다" is an achievement), a
sentence opening with a turn ("다만", "그러나", "However") is an improvement, and one saying
neither goes with the sentence before it, the first with the achievements (a paragraph
opens with what went well).  Each finding is a sentence as published.
"""

from __future__ import annotations

import re
from functools import cache

from knowledge.disclosure.layout import layout
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, FindingKind
from knowledge.textnorm import collapse

#: "**name** — rest", "**name**: rest", "**name**" alone (Markdown bold around the name)
_BOLD_LEAD = re.compile(r"^\s*\*\*(?P<name>[^*]{2,80}?)\*\*\s*(?:[—–:：-]\s*)?(?P<rest>.*)$")
#: "[name] rest", "【name】 — rest"
_BRACKET_LEAD = re.compile(
    r"^\s*[\[【〈《](?P<name>[^\]】〉》]{2,80}?)[\]】〉》]\s*(?:[—–:：-]\s*)?(?P<rest>.*)$"
)
#: "name — rest", "name: rest" (the name must end as service names do)
_DASH_LEAD = re.compile(r"^\s*(?P<name>[^—–:：.!?]{2,70}?)\s*(?:—|–|:|：|\s-\s)\s*(?P<rest>\S.*)$")
#: "name은 rest": a paragraph opening with a service's name as its topic
_TOPIC_LEAD = re.compile(r"^\s*(?P<name>[^\s.,!?:][^.,!?:]{1,68}?)(?:은|는)\s+(?P<rest>\S.*)$")
_DIGITS_ONLY = re.compile(r"^[0-9\s.,%점개]+$")
#: where a sentence ends inside a paragraph: "…습니다. 다음", "…was improved. The …"
_SENTENCE_END = re.compile(r"(?<=[다요음함임됨])\.\s+|(?<=[a-z%)])\.\s+(?=[A-Z\"'(])")


@cache
def _cues() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = layout()["prose_findings"]
    return (
        tuple(str(w).lower() for w in data["achievement"]),
        tuple(str(w).lower() for w in data["improvement"]),
        tuple(str(w).lower() for w in data["turn"]),
    )


@cache
def _endings() -> tuple[str, ...]:
    return tuple(layout()["service_endings"])


def prose_lead(raw: str, plain_text: str) -> tuple[str, str] | None:
    """``(name, rest)`` of a paragraph that opens with a service's name, or ``None``.

    ``raw`` is the line as published (its ``**`` marks the name), ``plain_text`` as the
    stages read it.  A name not set apart by markup must end as service names do ("… 운영",
    "… 센터"): a sentence's subject is no service."""
    m = _BOLD_LEAD.match(raw) if "**" in raw else None
    if m is None and raw.lstrip()[:1] in "[【〈《":
        m = _BRACKET_LEAD.match(raw)
    if m is not None:
        name = collapse(m.group("name").strip(" :："))
        if _wordy(name) and not _DIGITS_ONLY.match(name):
            return name, m.group("rest").strip()
        return None
    for pattern in (_DASH_LEAD, _TOPIC_LEAD):
        m = pattern.match(plain_text)
        if m is not None:
            name = collapse(m.group("name"))
            if name.endswith(_endings()) and len(name.split()) <= 10:
                return name, m.group("rest").strip()
    return None


def _wordy(text: str) -> bool:
    return re.search(r"[가-힣A-Za-z]", text) is not None


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph's text, each as published (its end mark kept)."""
    parts = _SENTENCE_END.split(text.strip()) if ". " in text else [text.strip()]
    out = []
    for k, part in enumerate(parts):
        part = part.strip()
        if part and k < len(parts) - 1 and not part.endswith("."):
            part += "."  # the split took the full stop
        if part:
            out.append(part)
    return out


def sentence_kind(sentence: str, before: FindingKind | None) -> FindingKind:
    """What a sentence of a service's paragraph is: an achievement or an improvement task
    (see the module docstring); ``before`` is the kind of the sentence before it."""
    achievement, improvement, turn = _cues()
    lowered = sentence.lower()
    last_a = max((lowered.rfind(w) + len(w) for w in achievement if w in lowered), default=-1)
    last_i = max((lowered.rfind(w) + len(w) for w in improvement if w in lowered), default=-1)
    if last_a >= 0 or last_i >= 0:
        return ACHIEVEMENT if last_a > last_i else IMPROVEMENT
    if _opens_with(lowered, turn):
        return IMPROVEMENT
    return before or ACHIEVEMENT


def has_verdict(text: str) -> bool:
    """Whether a paragraph says what went well or what must improve (a word of
    ``prose_findings``, or a sentence opening with a turn): a service's findings do, a
    remark closing a notice ("문의는 … 바랍니다. 감사합니다.") does not."""
    achievement, improvement, turn = _cues()
    lowered = text.lower()
    return (
        any(w in lowered for w in achievement)
        or any(w in lowered for w in improvement)
        or any(_opens_with(s.lower(), turn) for s in sentences(text))
    )


def _opens_with(lowered: str, words: tuple[str, ...]) -> bool:
    return any(lowered.startswith(w) and not lowered[len(w) : len(w) + 1].isalnum() for w in words)


def without_turn(sentence: str) -> str:
    """A sentence without the connective that opened it ("다만 ", "However, ")."""
    lowered = sentence.lower()
    for word in _cues()[2]:
        if _opens_with(lowered, (word,)):
            rest = sentence[len(word) :].lstrip(" ,")
            if rest:
                return rest[:1].upper() + rest[1:] if rest[:1].isascii() else rest
    return sentence


# ---- statements written as prose ---------------------------------------------------------------
@cache
def _restating() -> tuple[
    re.Pattern[str],
    dict[str, int],
    tuple[tuple[re.Pattern[str], str], ...],
    tuple[tuple[re.Pattern[str], str], ...],
]:
    data = layout()["prose_statements"]
    numbers = {str(k): int(v) for k, v in layout()["prose_numbers"].items()}
    words = "|".join(sorted(numbers, key=len, reverse=True))
    counted = re.compile(rf"(?<![가-힣])({words})\s*(곳|개)(?![가-힣])")
    write = tuple((re.compile(p), r) for p, r in data["write"])
    item = tuple((re.compile(p), r) for p, r in data["item"])
    return counted, numbers, write, item


#: a sentence written as prose ends so ("… 실시하였습니다.", "… 올랐다", "… was done.")
_PROSE_END = re.compile(r"(?:니다|[었였했됐았]다|이다|한다|된다)\s*\.?\s*$|[A-Za-z0-9)]\.\s*$")


def restated(sentence: str) -> tuple[str, list[str]]:
    """A prose sentence in the forms the statements stage reads, and the items it states
    (``layout.yaml`` ``prose_statements``); a sentence that is no prose is left alone."""
    if _PROSE_END.search(sentence) is None:
        return sentence, []
    counted, numbers, write, item = _restating()
    text = counted.sub(lambda m: f"{numbers[m.group(1)]}{m.group(2)}", sentence)
    for pattern, replacement in write:
        text = pattern.sub(replacement, text)
    items = []
    for pattern, template in item:
        m = pattern.search(text)
        if m is not None:
            items.append(collapse(m.expand(template)))
    return text, items
