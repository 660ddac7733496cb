"""Text normalisation shared by language detection, entity extraction and intent matching.

People type on phones: full-width digits, stray control characters, zero-width spaces,
no spaces between a name and its particle.  Everything downstream works on the output
of these few functions so that the same question always reads the same way.
"""

from __future__ import annotations

import re
import unicodedata

#: Longer input is not a question; understanding reads only this much of it.
MAX_CHARS = 512

_CONTROL = re.compile(r"[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_SPACE = re.compile(r"\s+")
#: Anything that is not a letter, digit or Hangul becomes a space when folding.
_NOT_WORD = re.compile(r"[^0-9a-z\uac00-\ud7a3\u3131-\u318e]+")

#: A sentence's end inside a message: ". ", "! " or "? " before more words (where the
#: asking sentences of "Hi! I'm writing a report. How many …?" divide).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")

_HANGUL_BASE, _HANGUL_LAST = 0xAC00, 0xD7A3
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"


def normalise(text: str) -> str:
    """NFKC (full-width forms, compatibility jamo), no control characters, single spaces,
    English contractions written out ("what's" -> "what is", "didn't" -> "did not")."""
    text = unicodedata.normalize("NFKC", text[: MAX_CHARS * 2])
    text = _CONTROL.sub(" ", text)
    text = _CONTRACTION.sub(_expand, text.replace("’", "'"))
    text = _BARE_CONTRACTION.sub(r"\1 is", text)
    text = _ROUND_ABBREVIATION.sub("round ", text)
    text = _SINO_YEAR.sub(_year_in_digits, text)
    text = _SINO_ROUND.sub(lambda m: f"제{_SINO_DIGITS.index(m.group(1)) + 1}차", text)
    return _SPACE.sub(" ", text).strip()[:MAX_CHARS]


#: "rd2", "rnd 3": a round abbreviated before its number (not the "rd" of "3rd")
_ROUND_ABBREVIATION = re.compile(r"(?i)\b(?:rd|rnd)\.?\s*(?=[1-9](?!\d))")
#: Sino-Korean numerals spelt out ("이천이십오년", "제삼차"): a year or a round in words.
_SINO_DIGITS = "일이삼사오육칠팔구"
_SINO_YEAR = re.compile(
    rf"(?<![가-힣])이천\s*(?:([{_SINO_DIGITS}])?\s*십)?\s*([{_SINO_DIGITS}])?\s*(?=년)"
)
#: "제일차", "제삼 차" — not "제일 차이" (the largest difference)
_SINO_ROUND = re.compile(rf"제\s*([{_SINO_DIGITS}])\s*차(?!이)")


def _year_in_digits(match: re.Match[str]) -> str:
    """ "이천이십오" -> "2025"; "이천십" -> "2010"."""
    tens, ones = match.group(1), match.group(2)
    has_tens = "십" in match.group(0)
    value = 2000
    if has_tens:
        value += 10 * (_SINO_DIGITS.index(tens) + 1 if tens else 1)
    if ones:
        value += _SINO_DIGITS.index(ones) + 1
    return str(value)


_CONTRACTION = re.compile(
    r"(?i)\b(what|who|where|when|how|that|it|there|here)'s\b|\b(can)'t\b|\b(won)'t\b"
    r"|\b([a-z]+)n't\b|\b([a-z]+)'re\b|\b([a-z]+)'ve\b|\b([a-z]+)'ll\b"
)
#: the same, typed without the apostrophe ("whats the cutoff"); not "its" (a possessive)
_BARE_CONTRACTION = re.compile(r"(?i)\b(what|who|where|that)s\b")
_EXPANDED = (" is", " not", " not", " not", " are", " have", " will")


def _expand(match: re.Match[str]) -> str:
    """One contraction written out; "can't" -> "can not", "won't" -> "will not"."""
    for index, tail in enumerate(_EXPANDED, start=1):
        word = match.group(index)
        if word:
            return ("will" if index == 3 else word) + tail
    return match.group(0)


#: Longer texts (every finding joined, at start-up) are folded piece by piece: one regular
#: expression over a megabyte holds the GIL for ~50 ms, stalling the bot's event loop.
_PIECE = 32768


#: Short texts folded lately (a question and its words are folded again by each step that
#: reads them — some thirty times per question); cleared when full, so it stays small.
_FOLDED: dict[str, str] = {}
_FOLDED_MAX = 256
#: Longer texts are not remembered: they are findings and documents, folded once each.
_FOLDED_CHARS = 256


def fold(text: str) -> str:
    """Lower case, punctuation to spaces: the form fuzzy matching compares."""
    if len(text) > _FOLDED_CHARS:
        if len(text) > _PIECE:
            return " ".join(p for p in (_fold(piece) for piece in _pieces(text)) if p)
        return _fold(text)
    found = _FOLDED.get(text)
    if found is None:
        if len(_FOLDED) >= _FOLDED_MAX:
            _FOLDED.clear()
        found = _FOLDED[text] = _fold(text)
    return found


def _fold(text: str) -> str:
    return _SPACE.sub(" ", _NOT_WORD.sub(" ", text.lower())).strip()


def _pieces(text: str) -> list[str]:
    """``text`` cut at a space after every ``_PIECE`` characters (a cut never splits a word,
    so folding the pieces and joining them with a space gives the same result)."""
    pieces, start = [], 0
    while start < len(text):
        cut = text.find(" ", start + _PIECE)
        end = len(text) if cut < 0 else cut
        pieces.append(text[start:end])
        start = end + 1 if cut >= 0 else end
    return pieces


def compact(text: str) -> str:
    """``fold`` without spaces, so "청소년 상담 센터" and "청소년상담센터" read alike."""
    return fold(text).replace(" ", "")


def jamo(text: str) -> str:
    """Hangul syllables split into their letters, so a one-letter typo ("랩"/"렙") stays small."""
    out: list[str] = []
    for ch in text:
        code = ord(ch)
        if _HANGUL_BASE <= code <= _HANGUL_LAST:
            index = code - _HANGUL_BASE
            out.append(_LEADS[index // 588])
            out.append(_VOWELS[(index % 588) // 28])
            if index % 28:
                out.append(_TAILS[index % 28])
        else:
            out.append(ch)
    return "".join(out)


def syllable_letters(ch: str) -> tuple[str, str, str] | None:
    """A Hangul syllable's first consonant, vowel and final consonant ("" when it has
    none), as letters: "꺼낸" ends in ("ㄲ", "ㅐ", "ㄴ"); None for any other character."""
    code = ord(ch) - _HANGUL_BASE if len(ch) == 1 else -1
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_BASE:
        return None
    return _LEADS[code // 588], _VOWELS[(code % 588) // 28], _TAILS[code % 28].strip()


def syllables_ending_in(tail: str) -> str:
    """Every Hangul syllable whose final consonant is ``tail`` ("ㄴ": 간, 낸, 된 …), for a
    character class: the adnominal and plain-declarative endings close on ㄴ."""
    index = _TAILS.index(tail)
    return "".join(
        chr(c) for c in range(_HANGUL_BASE, _HANGUL_LAST + 1) if (c - _HANGUL_BASE) % 28 == index
    )


def is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"
