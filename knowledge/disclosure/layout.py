"""The words of disclosure layouts (``layout.yaml``): section topics, item keys, remarks.

Data, not code: a new heading word or key spelling is a line of YAML, and the stages that
read them (``sections``, ``statements``) stay the same.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PATH = Path(__file__).with_name("layout.yaml")


@cache
def layout() -> dict[str, Any]:
    """The parsed ``layout.yaml`` (read once)."""
    with _PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data


def key_kind(key: str, *, loose: bool) -> str | None:
    """What a "key : value" item is about ("평가대상" → "evaluated"), or ``None``.

    ``key`` has its spaces removed.  An overview's keys are matched by their ending
    ("추진근거" ends with "근거"); elsewhere (``loose`` False) only whole keys are, so a results
    item "재계약 배제 대상 : 1개" is no count of services evaluated.
    """
    for kind, words, endings in _keys():
        if key in words or (loose and key.endswith(endings)):
            return kind
    return None


@cache
def _keys() -> tuple[tuple[str, frozenset[str], tuple[str, ...]], ...]:
    return tuple(
        (str(kind), frozenset(words), tuple(w for w in words if len(w) > 1))
        for kind, words in layout()["keys"].items()
    )


def compact(text: str) -> str:
    """``text`` without any whitespace, as the layout's words are written."""
    return re.sub(r"\s+", "", text)
