"""The oracle: a generated history in a real knowledge base, and what every answer about it
must say — computed from the ``SynthHistory`` itself, never from the database or the engine.

``built(history)`` renders each published round as a text or HTML page, writes the reports
as a reported-figures.yaml, and builds a real SQLite file with ``knowledge.store.build``
(the real parser and store).  The ``expect_*`` functions say, for one question, which
strings the answer must and must not contain; ``problems`` checks an answer against that
and against the invariants every answer keeps (a reported figure is labelled as a report
in every line that states it).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from bot.answer import Answer
from bot.engine import Engine
from knowledge.queries import Queries
from knowledge.store import build
from knowledge.synthetic import SynthHistory, SynthRound

#: Words that mark a reported figure, in each language ("… 자료(공식 공개 자료가 아닌 보도·보고)").
REPORT_MARKS = {"ko": ("보도",), "en": ("report",)}
NOT_PUBLISHED = {"ko": ("공개되지 않",), "en": ("not published",)}


@contextmanager
def built(history: SynthHistory) -> Iterator[Engine]:
    """An engine over a fresh database built from the history's pages and reports."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "sources"
        sources.mkdir()
        for name, text in history.documents():
            (sources / name).write_text(text, encoding="utf-8")
        (sources / "reported-figures.yaml").write_text(history.reports_yaml(), encoding="utf-8")
        path = Path(tmp) / "knowledge.db"
        build(path, sources)
        queries = Queries(path)
        try:
            yield Engine(queries)
        finally:
            queries.close()


def num(value: Decimal | float) -> str:
    """A value as the answer prints it: at the precision it was published with (the
    generator's Decimals carry it: "75.00" for a score, "80.1" from a newspaper)."""
    return str(value) if isinstance(value, Decimal) else f"{value:.2f}"


def core(name: str) -> str:
    """The part of a generated name a renaming keeps, as that page printed it: "가람도서관"
    from "서울시 가람도서관 관리 및 운영", "가람 도서관" from "가람 도서관 운영"."""
    return name.removeprefix("서울시 ").removesuffix(" 관리 및 운영").removesuffix(" 운영")


def key(name: str) -> str:
    """A generated service's identity in any spelling ("가람도서관")."""
    return "".join(core(name).split())


def round_words(lang: str, r: SynthRound) -> str:
    return f"{r.year}년 제{r.round_no}차" if lang == "ko" else f"{r.year} round {r.round_no}"


@dataclass
class Expect:
    """What one answer must show: every string of ``must`` (each a tuple of alternatives),
    none of ``must_not``, and whether it counts as answered."""

    must: list[tuple[str, ...]] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    answered: bool | None = True

    def has(self, *options: str) -> Expect:
        self.must.append(options)
        return self

    def lacks(self, *texts: str) -> Expect:
        self.must_not.extend(texts)
        return self


def problems(answer: Answer | Said, expect: Expect, history: SynthHistory) -> list[str]:
    """Why ``answer`` fails ``expect`` or an invariant (empty when it passes)."""
    found = []
    if expect.answered is not None and answer.answered != expect.answered:
        found.append(f"answered={answer.answered}, expected {expect.answered}")
    for options in expect.must:
        if not any(o in answer.text for o in options):
            found.append(f"none of {list(options)}")
    for text in expect.must_not:
        if _appears(text, answer.text):
            found.append(f"{text!r} must not appear")
    found += unlabelled_reports(answer, history)
    return found


def _appears(text: str, answer: str) -> bool:
    """Whether ``text`` is in the answer; a number only as a whole number ("86.5" is not
    in "86.53")."""
    if re.fullmatch(r"[\d.]+", text):
        return re.search(rf"(?<![\d.]){re.escape(text)}(?![\d])", answer) is not None
    return text in answer


@dataclass(frozen=True)
class Said:
    """What a handler replied, in the shape ``problems`` reads (an ``Answer`` also fits)."""

    text: str
    answered: bool
    lang: str


def unlabelled_reports(answer: Answer | Said, history: SynthHistory) -> list[str]:
    """A reported value (one no official page states) in a line that does not say it is
    from a report."""
    official = set(_official_values(history))
    marks = REPORT_MARKS.get(answer.lang, ())
    out = []
    for report in history.reports:
        value = report.figures["average_score"]
        if value in official:
            continue
        # the reported value as a number, not a share that happens to read the same
        shown = re.compile(rf"(?<![\d.]){re.escape(str(value))}(?![\d%])")
        for line in answer.text.splitlines():
            if shown.search(line) and not any(m in line for m in marks):
                out.append(f"reported {value} stated without saying it is a report: {line!r}")
    return out


def _official_values(history: SynthHistory) -> Iterator[Decimal]:
    for r in history.loaded:
        yield r.average
        yield from (e.score for e in r.evaluations if r.scores_published)
        if r.year_average is not None:
            yield r.year_average
        if r.previous_year_average is not None:
            yield r.previous_year_average


# ---- the history's own facts -------------------------------------------------------------
def official_year_average(history: SynthHistory, year: int) -> Decimal | None:
    """The year's average as some loaded page states it (its own page, or next year's)."""
    for r in history.loaded:
        if r.year == year and r.year_average is not None:
            return r.year_average
        if r.year == year + 1 and r.previous_year_average is not None:
            return r.previous_year_average
    return None


def reported_year_average(history: SynthHistory, year: int) -> Decimal | None:
    """The year's average as a report gives it (one decimal, as newspapers print it)."""
    found = [r for r in history.reports if r.year == year and r.round_no is None]
    return found[0].figures["average_score"] if found else None


def which_answered(rounds: list[SynthRound]) -> bool:
    """The team's convention: "which services …?" is answered when a page says which (a
    named list or the scores), or when none fell below at all; over pages that give only a
    count it is "the names were not published" (answered: false), counts beside it."""
    named = any(r.scores_published or (r.names_published and r.below) for r in rounds)
    return named or not any(r.below for r in rounds)
