"""Which language a question is written in, judged by its own words, not the names in it.

"What did 마포자원회수시설 achieve?" is English and "Seoul Fintech Lab 주요 성과 알려줘" is
Korean: words that belong to a service name are left out before counting, and a Latin
word with a Korean particle glued to it ("KMAC이") counts as Korean.  Acronyms ("VC",
"R3") say little about the language and count for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.understand.normalise import fold, is_hangul

_ACRONYM = re.compile(r"^[A-Z0-9]{1,6}$|^[a-z]\d+$")
_TOKEN = re.compile(r"\S+")
#: An answer's language asked for in so many words ("Please answer in Korean:", "영어로
#:요약해줘"): it wins over the language the question happens to be written in.
_ASKED_LANG = re.compile(
    r"(?:answer|reply|respond|explain|say (?:it|that)|tell me|write|summari[sz]e)[^.?!:]{0,20}?"
    r"\bin (korean|english)\b"
    r"|(영어|한국어|한글)로\s*(?:다시\s*)?(?:요약|설명|답|알려|정리|말해|대답|번역|써)"
)


def detect_language(text: str, name_words: Collection[str] = ()) -> str | None:
    """``"ko"``, ``"en"`` or ``None`` when the words give no sign (digits, emoji).

    ``name_words`` are folded words of service names; they are skipped so a name in the
    other language does not decide — unless the question is nothing but a name ("Mapo
    incinerator"), when the name's script is all there is to go by.
    """
    asked = _ASKED_LANG.search(text.lower())
    if asked:
        word = asked.group(1) or asked.group(2)
        return "en" if word in ("english", "영어") else "ko"
    korean = english = 0
    names = {"ko": 0, "en": 0}  # the script of the names decides only when nothing else does
    for raw in _TOKEN.findall(text):
        word = fold(raw)
        if not word:
            continue
        hangul = any(is_hangul(ch) for ch in raw)
        if word in name_words:
            names["ko" if hangul else "en"] += 1
        elif hangul:
            korean += 1
        elif any("a" <= ch <= "z" for ch in word) and not _ACRONYM.match(raw.strip("?!.,")):
            english += 1
    if korean == english == 0:
        if names["ko"] == names["en"]:
            return None
        return "ko" if names["ko"] > names["en"] else "en"
    return "ko" if korean >= english else "en"
