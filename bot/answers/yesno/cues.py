"""The cue words of the yes/no checks (cues.yaml), read once when the package is imported:
each plain word list becomes one pattern that finds any of its words anywhere in a text —
the words are data, the checks that use them say what they mean."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from bot.understand.literals import bounded_words, compile_words
from bot.understand.vocab import phrase_pattern


def _load() -> dict[str, Any]:
    """cues.yaml as written."""
    path = Path(__file__).with_name("cues.yaml")
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


_DATA = _load()

#: An amount in a unit other than points ("20년", "12개 언어", "10 years"): number, unit.
AMOUNT = re.compile(
    r"(\d+(?:\.\d+)?)\s*("
    + "|".join(re.escape(str(w)) for w in sorted(_DATA["amount_units"], key=len, reverse=True))
    + ")"
)
#: An English unit -> the Korean one it is compared as ("years" -> "년").
SAME_UNIT: dict[str, str] = {str(k): str(v) for k, v in _DATA["same_unit"].items()}
#: An amount asserted to be more than the one stated ("20년 넘었어?", "over 10 years").
MORE = compile_words(str(w) for w in _DATA["more"])
#: ... less than it ("10년도 안 된", "under 20 percent").
LESS = compile_words(str(w) for w in _DATA["less"])
#: A page's line on the results' use that states the exclusion ("75점 미만은 … 재계약 배제").
EXCLUSION_LINE = compile_words(str(w) for w in _DATA["exclusion_line"])
#: The exclusion rule named in a question ("is the exclusion rule in the ordinance?").
EXCLUSION_ASKED = compile_words(str(w) for w in _DATA["exclusion_asked"])
#: The management guidelines named as a rule's source ("관리지침").
GUIDELINE = compile_words(str(w) for w in _DATA["guideline"])
#: Two evaluators asked to be the same ("같은 데야?").
SAME = compile_words(str(w) for w in _DATA["same"])
#: Shares said in words, each word (spaces taken out) -> the fraction it states ("절반": 1/2).
FRACTIONS: dict[str, Fraction] = {
    re.sub(r"\s+", "", str(w).lower()): Fraction(str(f))
    for f, ws in _DATA["fractions"].items()
    for w in ws
}
#: Any of those words, a Latin one only as a whole word ("half", "3분의 1", "a third").
FRACTION_WORDS = phrase_pattern(w for ws in _DATA["fractions"].values() for w in ws)
#: More than half said without a number ("most", "대부분", "과반").
MAJORITY = phrase_pattern(_DATA["majority"])
#: Phrases holding a fraction word that state no share ("the third round", "상반기").
NOT_FRACTIONS = phrase_pattern(_DATA["not_fractions"])
#: A stated share asserted as a lower bound ("at least", "이상").
AT_LEAST = compile_words(str(w) for w in _DATA["at_least"])
#: A renewal asked as its final outcome ("결국 재계약 했나요?").
RENEWAL_OUTCOME = compile_words(str(w) for w in _DATA["renewal_outcome"])
#: Words pointing at the service talked about ("이거", "거기", "this one"), each a whole word.
POINTING = bounded_words(_DATA["pointing"], end=r"(?![\w])")
