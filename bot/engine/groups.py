"""Intent groups the engine's steps share (which intents are ways of asking, pick one
service, count a round's services, need a service).
"""

from __future__ import annotations

#: Internal intents that are a way of asking (*how*) about another intent (*what*): the
#: answer reports the *what* as its intent and the operation beside it.
OPERATIONS = frozenset(
    {
        "gap",
        "versus",
        "complement",
        "yes_no",
        "direction",
        "evaluated_share",
        "share_gap",
        "deduced",
        "year_series",
    }
)

#: Intents that answer about one service and ask which one when none is named.
NEEDS_SERVICE = frozenset({"service_score", "findings"})

#: answers that pick one service out of the previous list: "거기 / it" then means that one
SELECTING = frozenset({"topic_search", "highest", "lowest", "rank"})

#: answers that counted a round's services without listing them: an ordinal after them
#: ("ㅇㅇ 두번째꺼 뭐임", "the third one?") counts in the round's list
COUNTED = frozenset({"count_evaluated", "round_summary"})
