"""Score bands a page or a report published ("90점 이상 1개, 80~90점 7개 …").

The parser stores them as figures of a round or a year named ``below_N``, ``from_A_to_B``
and ``from_N_up`` (the denominator is the table's total).  A band asked ("80점 이상",
"80점대", "under 65") is answered when published bands of one document add up to it
exactly; the sum is shown ("1 + 7 = 8") and a report is named as such.
"""

from __future__ import annotations

import math
import re

from bot.answers.base import Draft, Request, report_note, scope_name, unshadowed
from bot.understand.entities import Threshold
from knowledge.model import Scope, StoredFigure

_METRIC = re.compile(r"^(?:below_(\d+)|from_(\d+)_to_(\d+)|from_(\d+)_up)$")


def edges(metric: str) -> tuple[float, float] | None:
    """The band a metric name counts, [low, high); None for any other metric."""
    found = _METRIC.match(metric)
    if found is None:
        return None
    below, low, high, up = found.groups()
    if below is not None:
        return 0.0, float(below)
    if up is not None:
        return float(up), math.inf
    return float(low), float(high)


def asked_band(threshold: Threshold | None) -> tuple[float, float] | None:
    """The band a threshold asks about: "80 or above" = [80, ∞), "under 65" = [0, 65).
    "Above 80"/"80 or under" are not bands a table can settle (its edges are inclusive
    at the bottom), so they give None."""
    if threshold is None:
        return None
    if threshold.direction == "at_least":
        return threshold.value, math.inf
    if threshold.direction == "below":
        return 0.0, threshold.value
    return None


def published(req: Request, scope: Scope, band: tuple[float, float]) -> list[StoredFigure]:
    """The band figures of one document at exactly ``scope`` that make up ``band``, in
    order from the lowest; empty when no document's bands add up to it."""
    banded = [
        f
        for f in req.q.figures(scope=scope)
        if f.figure.value is not None and edges(f.figure.metric) is not None
    ]
    if not banded:  # most rounds: no table of bands, and nothing more to read
        return []
    figures = [(bounds, f) for f in unshadowed(req, banded) if (bounds := edges(f.figure.metric))]
    for document in dict.fromkeys(f.document_id for _, f in figures):
        own = sorted(((b, f) for b, f in figures if f.document_id == document), key=_low)
        tiled = tile(own, band[0], band[1])
        if tiled:
            return tiled
    return []


def of_document(figures: list[StoredFigure]) -> list[tuple[tuple[float, float], StoredFigure]]:
    """The band figures among ``figures`` (of one document) with their edges, lowest first."""
    return sorted(((b, f) for f in figures if (b := edges(f.figure.metric)) is not None), key=_low)


def _low(item: tuple[tuple[float, float], StoredFigure]) -> tuple[float, float]:
    return item[0]


def tile(
    bands: list[tuple[tuple[float, float], StoredFigure]], low: float, high: float
) -> list[StoredFigure] | None:
    """Bands that cover [low, high) end to end (a few bands: a short search)."""
    if low >= high:
        return []
    for (lo, hi), f in bands:
        if lo == low and hi <= high:
            rest = tile(bands, hi, high)
            if rest is not None:
                return [f, *rest]
    return None


def band_line(req: Request, figures: list[StoredFigure], words: str, draft: Draft) -> int:
    """ "2025 round 1: 8 of 15 services scored 80 points or above (1 + 7 = 8; the published
    score bands)." — a report named as such.  Returns the count."""
    t, first = req.t, figures[0]
    counts = [int(f.figure.value or 0) for f in reversed(figures)]
    n = sum(counts)
    values = {"scope": scope_name(t, first.figure.scope), "n": n, "words": words}
    parts = " + ".join(str(c) for c in counts) + f" = {n}; " if len(counts) > 1 else ""
    if not first.official:
        draft.add(
            t._(
                "{scope}: {n} services scored {words} ({parts}score bands), according to {note}.",
                parts=parts,
                note=report_note(req, first),
                **values,
            ),
            first.document_id,
        )
    elif first.figure.denominator:
        draft.add(
            t._(
                "{scope}: {n} of {total} services scored {words} ({parts}the published "
                "score bands).",
                parts=parts,
                total=first.figure.denominator,
                **values,
            ),
            first.document_id,
        )
    else:
        draft.add(
            t._(
                "{scope}: {n} services scored {words} ({parts}the published score bands).",
                parts=parts,
                **values,
            ),
            first.document_id,
        )
    return n
