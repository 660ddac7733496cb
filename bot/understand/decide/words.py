"""Word patterns more than one kind of question is recognised by.

A pattern used by one recogniser lives beside it; these are the shared ones ("평가",
"사무", "위탁사무", a round word), so that two recognisers that must agree on what counts as
"a word of the evaluation" read the same pattern.  Plain word lists are data (words.yaml,
each word found anywhere); a pattern with more shape than a list stays here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bot.understand.literals import compile_words


def _load() -> dict[str, Any]:
    """words.yaml, checked strictly: a misspelt key fails at import, not as "no words"."""
    path = Path(__file__).with_name("words.yaml")
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    expected = {"evaluation", "result_words"}
    if set(data) != expected:
        raise ValueError(f"{path.name}: expected keys {sorted(expected)}; got {sorted(data)}")
    return data


_WORDS = _load()

#: a contractor or a service in general, not a named one
GENERIC_AGENT = re.compile(
    r"\b(?:a|any|one|the same) (?:contractor|operator|service|consignee|organi[sz]ation)\b"
    r"|수탁기관은|수탁기관이|수탁 기관은|수탁기관도|위탁받은 기관"
    r"|같은 기관|한 기관|같은 수탁|같은 단체"
)
#: the services a round evaluated (for its share of the year's)
EVALUATED = re.compile(
    r"evaluated services|services evaluated|평가\s*대상|평가받은 사무|평가된 사무|평가받은 곳"
    r"|평가\s*사무|\d\s*차\s*대상|services it evaluated|of the year's services"
)
#: A round, or the rounds (a count of the rounds rather than of their services).
A_ROUND = re.compile(r"\brounds?\b|차수|회차|라운드|몇\s*차(?!이)")
#: The services a round evaluated, as a word (a count of them, not of the rounds).
SERVICES_WORD = re.compile(r"services?\b|사무|곳|센터|기관|시설|evaluated")
#: Words of the evaluation itself (a count of evaluated services is not Seoul's consignment).
EVALUATION = compile_words(str(w) for w in _WORDS["evaluation"])
#: A place's results asked for ("평가결과 있나요", "its results"), not only its membership.
RESULT_WORDS = compile_words(str(w) for w in _WORDS["result_words"])
#: Seoul's consigned services as such (counted with no word of the evaluation).
CONSIGNED = re.compile(r"위탁\s*사무|민간위탁|consigned services|services seoul consigns")

#: Ordinals ("두 번째", "세번째"): "두 번" inside them is not "twice".
_ORDINAL_KO = re.compile(r"(?:첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*번째")


def no_ordinals(lower: str) -> str:
    """The question without its Korean ordinals, so "두 번째" is not read as "twice"."""
    return _ORDINAL_KO.sub(" ", lower)
