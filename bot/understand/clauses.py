"""Readings of a long, wordy question: its clause-tails and its text without polite wrapping.

Intent examples are short ("평가 결과는 어디에 쓰여?"), and fuzzy similarity against them falls
with every word a question adds: "평가 결과가 나오면 그걸 가지고 서울시는 뭘 하나요?" or
"어머니가 물어보셔서 그러는데요, 2023년 3차에서는 몇 군데나 평가를 받았대요?" matched nothing.
People put the ask last and the scene first, and wrap both in politeness, so the matcher
also compares each clause-tail (a clause's start to the end of the message) and the message
without its fillers (clauses.yaml), and keeps, per intent, the best reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.understand.literals import phrase_alternation

CLAUSES_PATH = Path(__file__).with_name("clauses.yaml")


@dataclass(frozen=True)
class ClauseReader:
    #: where a clause ends: a mark, or a word ending in a Korean connective
    boundary: re.Pattern[str]
    #: the polite and discourse wrapping, as one alternation of whole words/phrases
    fillers: re.Pattern[str]
    min_words: int
    #: At most this many clause boundaries are read (the last ones).
    max_boundaries: int
    #: the end of a dismissed part ("… 말고", "not … but"), and what keeps it in the ask
    dismissal: re.Pattern[str] | None = None
    still_leaning: re.Pattern[str] | None = None
    #: a set-aside clause closing the message (", not just round 2?")
    trailing: re.Pattern[str] | None = None

    def asked(self, text: str) -> str:
        """``text`` from the end of its dismissed part, if it has one ("평가받은 사무 수
        말구요, 전체 몇 개인지요" -> "전체 몇 개인지요"): the rest is the question, and the
        dismissed words must not lend it their scope or metric.  Unchanged when the rest is
        too short or leans on the dismissed part ("3차 말고 다른 차수에도?")."""
        text = self.without_trailing(text)
        if self.dismissal is None:
            return text
        every = list(self.dismissal.finditer(text))
        if not every:
            return text
        found = every[-1]
        rest = text[found.end() :].strip(" ,")
        head = _sentences_before(text, found.start())
        if head and not rest.strip(" .?!"):
            # "…몇조예요? 평가 근거 조항 말고요": a closing sentence names what is not asked
            return head
        if head and rest:
            # "2023년 평균 알려주세요. 3차만 말고 1년 전체로요": the ask is the sentence
            # before, its dismissed scope replaced by the rest
            return f"{head} {rest}"
        if len(rest.split()) < self.min_words:
            return text
        if self.still_leaning is not None and self.still_leaning.match(rest):
            return text
        return rest

    def without_trailing(self, text: str) -> str:
        """ "what was the average for the whole of 2024, not just round 2?" -> "what was the
        average for the whole of 2024?": a closing clause that sets something aside names
        what is not asked — its scope must not become the question's."""
        if self.trailing is None:
            return text
        found = self.trailing.search(text)
        if found is None:
            return text
        kept = (text[: found.start()] + text[found.end() :]).strip()
        return kept if len(kept.split()) >= self.min_words else text

    def readings(self, text: str) -> list[str]:
        """Other readings of ``text`` than itself: the text without fillers, then at each
        clause boundary what follows it (the ask, after a preamble) and what precedes it
        (the ask, before a softener: "언제였나요? 몇 월쯤인지만 알아도 돼요").
        A short question has none; no reading is shorter than ``min_words`` words."""
        found: list[str] = []
        plain = _SPACES.sub(" ", self.fillers.sub(" ", text)).strip()
        if plain != text.strip() and len(plain.split()) >= self.min_words:
            found.append(plain)
        # the boundaries nearest the end first: the ask is usually last, and a pasted essay
        # is read at its last few clauses only (each reading costs one more comparison)
        for match in reversed(list(self.boundary.finditer(text))[-self.max_boundaries :]):
            # the clause-tail after the boundary, and the clause-head before it
            for part in (text[match.end() :], text[: match.start()]):
                reading = _SPACES.sub(" ", self.fillers.sub(" ", part)).strip()
                if len(reading.split()) >= self.min_words and reading not in found:
                    found.append(reading)
        return found


_SPACES = re.compile(r"\s+")


@cache
def clause_reader(path: Path = CLAUSES_PATH) -> ClauseReader:
    """clauses.yaml compiled once."""
    with open(path, encoding="utf-8") as handle:
        # the C loader when there is one, as for every other data file here
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    marks = "".join(re.escape(str(m)) for m in data["marks"])
    endings = "|".join(re.escape(str(e)) for e in data["endings"])
    # a connective closes a clause only at a word's end and before more words; so does a
    # narrowing word on its own ("… 점수 중 최고점은?"): required, since an empty list would
    # make every space a boundary
    narrowing = "|".join(re.escape(str(w)) for w in data["narrowing"])
    boundary = re.compile(
        rf"[{marks}]+\s+|(?:{endings})(?=[\s,]+\S)\s*,?|(?<=\s)(?:{narrowing})\s+(?=\S)"
    )
    alternation = phrase_alternation(p for lang in ("ko", "en") for p in data["fillers"][lang])
    fillers = re.compile(rf"(?i)(?<![\w])(?:{alternation})(?![\w])")
    d = data["dismissal"]
    ko = "|".join(re.escape(str(w)) for w in sorted(d["ko"], key=len, reverse=True))
    dismissal = re.compile(
        rf"(?:{ko})(?![가-힣])[\s,.]*|(?i:\bnot\b[^.?!]{{2,{int(d['en_not_but'])}}}?,?\s+but\b)"
        rf"|(?i:^\s*(?:no[,.]?\s+)?not\s+[^,.?!]{{2,{int(d['en_not_comma'])}}},\s*)"
    )
    leaning = "|".join(re.escape(str(w)) for w in d["unless_next"])
    still = re.compile(rf"(?i)(?:{leaning})(?![a-z])")
    trailing_words = "|".join(
        re.escape(str(w)).replace(r"\ ", r"\s+") for w in d.get("en_trailing", ())
    )
    trailing = (
        re.compile(rf"(?i),\s*(?:{trailing_words})\b[^.?!,;]*(?=[.?!]*\s*$)")
        if trailing_words
        else None
    )
    return ClauseReader(
        boundary,
        fillers,
        int(data["min_words"]),
        int(data["max_boundaries"]),
        dismissal,
        still,
        trailing,
    )


#: a sentence's end: the dismissed part of "… 알려주세요. 3차만 말고 …" starts after it
_SENTENCE_END = re.compile(r"[.?!]\s+")


def _sentences_before(text: str, end: int) -> str:
    """The whole sentences of ``text`` before the one holding position ``end`` ("" if the
    dismissed part is in the first sentence): what was asked before it was corrected."""
    ends = list(_SENTENCE_END.finditer(text, 0, end))
    return text[: ends[-1].end()].strip() if ends else ""
