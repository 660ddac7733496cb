"""Reply texts put together: two replies joined as one answer, and an answer shortened
when a short one was asked ("in one line", "names only").
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.answers.base import Reply
from bot.understand.entities import Entities

#: a line of a list in an answer ("1. 서울 핀테크랩", "- 노후화 …")
LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-•])\s")


def joined(reply: Reply, extra: Reply) -> Reply:
    """``reply`` with ``extra``'s lines after its own (a line said twice once) and both
    replies' sources: two answers to one question given as one."""
    lines = dict.fromkeys([*reply.text.splitlines(), *extra.text.splitlines()])
    sources = tuple(dict.fromkeys((*reply.sources, *extra.sources)))
    return replace(reply, text="\n".join(lines), sources=sources)


def terse(e: Entities) -> bool:
    """A short answer was asked for, and the first line can be it: a comparison's answer
    is in its later lines (the figure, then how it compares), so it stays whole.  A
    whole-year word beside a year with no round ("23년 전체 기준으로도 한 줄") names the
    scope, not a comparison."""
    compared = e.compare is not None and not whole_year_only(e)
    return e.terse and not compared and e.how not in ("gap", "versus", "complement")


def whole_year_only(e: Entities) -> bool:
    """ "23년 전체로", "2023 as a whole": the whole-year word of a year asked without a round
    — the year itself, nothing set beside it."""
    return (
        e.compare == "whole_year"
        and e.year is not None
        and e.round_no is None
        and not e.round_span
        and e.compare_year is None
    )


def shortened(text: str) -> str:
    """The answer asked for in short: its first line, and the list right under it if it
    has one (a list of names asked for "names only" is the list)."""
    lines = text.split("\n")
    kept = lines[:1]
    for i, line in enumerate(lines[1:], start=1):
        heading = line.rstrip().endswith(":") and i + 1 < len(lines)
        if heading and LIST_ITEM.match(lines[i + 1]):
            kept.append(line)  # "주요 성과:" over its list: the list is the answer
            continue
        if not LIST_ITEM.match(line):
            break
        kept.append(line)
    return "\n".join(kept)
