"""The identity of a consigned service: one function, used by the parser, the store and the outbox.

The city renames services slightly from round to round and from table to heading:
"서울시"/"서울특별시"/"서울" in front or not, spacing, punctuation, full-width letters,
"관리 및 운영" / "운영" / "관리" at the end or not.  ``service_key`` maps every such
spelling to one key, so a service evaluated in several rounds is one service with a
history, and a subscription to it matches whatever name the next round prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TypeVar

from knowledge.textnorm import fold

T = TypeVar("T")

_NOISE = re.compile(r"[\s·ㆍ.,'\"‘’“”()\[\]「」『』<>\-_/]+")
#: "서울특별시 …", "서울시 …", "서울 …" and "서울…" ("서울시립…" keeps its "시립")
_PREFIX = re.compile(r"^(?:서울특별시|서울시(?!립)|서울)\s*")
#: what the service does with the facility, which the city writes or leaves out freely
_SUFFIX = re.compile(
    r"(?:(?:위탁)?(?:관리및운영|운영및관리|관리운영|운영관리|관리|운영)|위탁|사업|사무)+$"
)
_SHORTEST = 2


@lru_cache(maxsize=8192)
def service_key(name: str) -> str:
    """A key equal for every spelling of one service: "서울시 가상센터 관리 및 운영" → "가상센터".

    The prefix and suffix are dropped only when at least two characters remain, so a
    service named by its suffix alone keeps a key of its own.
    """
    text = fold(name).strip().replace("&", "및").replace("＆", "및")
    if (stripped := _PREFIX.sub("", text)) and len(_NOISE.sub("", stripped)) >= _SHORTEST:
        text = stripped
    key = _NOISE.sub("", text)
    core = _SUFFIX.sub("", key)
    return core if len(core) >= _SHORTEST else (key or "".join(text.split()))


def match_key(key: str, keyed: Mapping[str, T]) -> T | None:
    """The entry whose key is ``key`` or, failing that, the only one containing it (or in it).

    Within one document a table row may shorten or lengthen a heading's name
    ("가상 청년센터" for "가상 청년센터 운영 지원"); containment is tried for keys of four
    characters or more, and only a unique hit counts.
    """
    if key in keyed:
        return keyed[key]
    if len(key) < 4:
        return None
    hits = [value for k, value in keyed.items() if key in k or k in key]
    return hits[0] if len(hits) == 1 else None


def text_key(text: str) -> str:
    """Lookup key of a published phrase (a finding, a legal basis): whitespace collapsed."""
    return " ".join(text.split())
