""" "The newest round" named without its number: compared with a named round or
against a named year's whole-year figure.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.understand import Understander, Understanding
from knowledge.queries import Queries


def latest_against(ur: Understander, q: Queries, u: Understanding) -> Understanding:
    """ "the difference between the newest round's average and the 2023 round 2 average":
    a named round compared with the newest one, which the words name but give no number."""
    e = u.entities
    newest = q.latest_round()
    if newest is not None and e.round_no is None:
        return latest_against_year(ur, u, newest.year, newest.round_no)
    if (
        newest is None
        or e.round_no is None
        or e.compare not in (None, "other")
        or e.how not in ("gap", "versus", "yes_no")
        or e.services
        or not ur.parts.latest.search(u.text.lower())
        or (e.year, e.round_no) == (newest.year, newest.round_no)
    ):
        return u
    moved = replace(
        e,
        compare="round",
        compare_year=newest.year,
        compare_round=newest.round_no,
        compare_first=latest_named_first(ur, u.text.lower()),
    )
    return replace(u, entities=moved)


def latest_against_year(
    ur: Understander, u: Understanding, year: int, round_no: int
) -> Understanding:
    """ "Is the newest round's average higher than the 2025 full-year average?": the
    newest round is the subject, the named year (its whole-year figure) the other side."""
    e, lower = u.entities, u.text.lower()
    if (
        e.year in (None, year)
        or e.year_span is not None
        or e.round_span is not None
        or e.services
        or e.compare not in (None, "other", "whole_year")
        or (e.how not in ("gap", "versus", "yes_no") and e.compare is None)
        or "average" not in e.metrics
        or not ur.parts.latest.search(lower)
    ):
        return u
    moved = replace(
        e,
        year=year,
        round_no=round_no,
        compare="year",
        compare_year=e.year,
        reference=None,
        latest=False,
    )
    return replace(u, entities=moved)


def latest_named_first(ur: Understander, lower: str) -> bool:
    """Whether "latest" comes before the named round (then it is the subject)."""
    latest = ur.parts.latest.search(lower)
    number = re.search(r"\d", lower)
    return latest is not None and (number is None or latest.start() < number.start())
