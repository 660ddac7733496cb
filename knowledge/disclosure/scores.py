"""Stage 5: score tables → per-service scores, checked against what the results state.

Scores written in a service's heading or on a score line inside its block are read with the
findings (``knowledge.disclosure.findings``) and checked here the same way as a table's.

A score table ("□ 사무별 평가점수", or inside the results section after a caption such as
"- 사무별 평가점수" or its header row "연번 / 사무명 / 평가점수": ``split_score_tables``) lists
services with their scores in any cell layout (tabs, " | ", " : ", runs of spaces, HTML
cells), or as numbered names each followed by a score line ("① name" / "○ 평가점수 : 82.35점").
Scores may also be listed in the results, by name ("사무별 점수 : ① A 83.10점, …") or after
the names below the cutoff ("… 2개 : A(72.10점), B(70.55점)"): a partial list is fine, the
other services' scores are then unpublished.  A row is matched to a service heading by
the service's identity (``knowledge.names.service_key``), so "가상청년센터 운영" is
"가상 청년센터 운영".  A row that names no heading is a service published with its score
only — accepted when the stated count of services confirms it, refused otherwise.

Published scores must agree with the round's own statements: their mean with the stated
average, the count below the cutoff with the stated count, and every service named below
the cutoff must be scored below it.  A table that contradicts them (a garbage or
misplaced table) refuses the document instead of silently giving a service a wrong score.
"""

from __future__ import annotations

import re
import unicodedata

from knowledge.disclosure.draft import Draft, decimals
from knowledge.disclosure.findings import (
    CIRCLED,
    NUM,
    WORDY,
    ServiceDraft,
    score_line,
    service_heading,
)
from knowledge.disclosure.lines import Line
from knowledge.disclosure.sections import Section
from knowledge.disclosure.statements import strip_bullet
from knowledge.model import DEFAULT_CUTOFF
from knowledge.names import match_key, service_key
from knowledge.textnorm import collapse

_EPSILON = 1e-9


def read_scores(draft: Draft, sections: list[Section], services: list[ServiceDraft]) -> Line | None:
    """Set each service's score from the score tables; returns the first table's heading."""
    keys = {s.key: s for s in services}
    unlisted: dict[str, tuple[Line, int | None, str, str]] = {}
    limit = float(draft.fields.get("max_points") or 100)
    for section in sections:
        draft.where.setdefault("scores", section.heading.no)
        for line, number, name, score in _rows(draft, section):
            if float(score) > limit:
                draft.fail(line, "expected a score within the maximum points")
            key = service_key(name)
            service = match_key(key, keys)
            if service is None:
                if key in unlisted and float(unlisted[key][3]) != float(score):
                    draft.fail(line, "expected one score per service (a different one was given)")
                unlisted.setdefault(key, (line, number, name, score))
            elif service.score is None:
                service.score, service.score_line = score, line
            elif float(service.score) != float(score):
                draft.fail(line, "expected one score per service (a different one was given)")
    if unlisted:
        _add_unlisted(draft, services, list(unlisted.items()))
    return sections[0].heading if sections else None


def read_listed_scores(draft: Draft, services: list[ServiceDraft]) -> None:
    """Give each service its score from a results line listing them ("사무별 점수 : ①
    청소년노동인권센터 83.10점, …", or the names below the cutoff "A(72.10점), B(70.55점)"),
    matched by number and by name (shortened names are the rule there): an item whose number
    and name point at different services, or at none, refuses the document rather than giving
    a service another's score; one that a table scored differently is refused too."""
    by_number = {s.number: s for s in services}
    keys = {s.key: s for s in services}
    for line, number, name, score in draft.listed_scores:
        named = match_key(service_key(name), keys)
        service = by_number.get(number) if number is not None else named
        if service is None or named is not service:
            numbered = ", as numbered" if number is not None else ""
            draft.fail(line, f"expected '{name}' to be a service of this round{numbered}")
        if service.score is None:
            service.score, service.score_line = score, line
        elif float(service.score) != float(score):
            draft.fail(line, "expected one score per service (a different one was given)")


def _add_unlisted(
    draft: Draft, services: list[ServiceDraft], rows: list[tuple[str, tuple]]
) -> None:
    """Services that appear only in the score table, when the stated count includes them."""
    total = len(services) + len(rows)
    stated = {n for n, _ in draft.stated_counts}
    if not stated or stated != {total}:
        draft.fail(rows[0][1][0], "expected the name of a service of this round")
    used = {s.number for s in services}
    for key, (line, number, name, score) in rows:
        if number is None or number in used:
            number = max(used, default=0) + 1
        used.add(number)
        services.append(ServiceDraft(number, name, key, line, score, line))
    services.sort(key=lambda s: s.number)


def _rows(draft: Draft, section: Section) -> list[tuple[Line, int | None, str, str]]:
    """The scored rows of a score section: table rows, and numbered headings followed by a
    score line ("① name" / "○ 평가점수 : 82.35점").  A score line under no heading is a
    score of no service this parser could name: refused, not dropped."""
    rows: list[tuple[Line, int | None, str, str]] = []
    named: tuple[int, str] | None = None  # a heading waiting for its score line
    for line, p in section.body:
        heading = service_heading(p)
        if heading is not None and heading[2] is None:
            named = heading[0], heading[1]
        elif (score := score_line(p)) is not None:
            if named is None:
                draft.fail(line, "expected a numbered service name (① name) before this score")
            rows.append((line, *named, score))
            named = None
        elif (row := score_row(p)) is not None:
            rows.append((line, *row))
    return rows


# ---- score tables inside the results section -----------------------------------------------------
#: numbering or a mark before a caption: "가.", "2)", "(2)", "①", "▶"
_CAPTION_MARK = re.compile(r"^(?:[(\[<]?\s*(?:[0-9]{1,2}|[가-하])\s*[.)\]>]|[①-⑳▶▷◇◆■□*※])\s*")
#: a caption naming the scores that follow, spaces removed: "사무별평가점수", "평가점수",
#: "기관별종합점수(단위:점)", "[사무별점수현황]:"
_CAPTION = re.compile(
    r"^[\[【〈《<]?(?:[가-힣]{1,6}별)?(?:종합)?(?:성과)?(?:평가)?(?:결과)?점수"
    r"(?:현황|표|내역|목록|결과)?[\]】〉》>]?(?:\((?:단위:?)?(?:점|[0-9]+점만점)[^()]*\))?:?$"
)
#: header cells of a score table, spaces removed: "사 무 명" / "평가점수"
_NAME_HEADERS = frozenset(
    {"사무명", "사무", "위탁사무명", "민간위탁사무명", "사무명칭"}
    | {"사업명", "사업", "기관명", "시설명"}
)
_SCORE_HEADER = re.compile(r"^(?:종합|평가|총)?(?:점수|총점|득점)(?:\(점\))?$")


def split_score_tables(section: Section) -> list[Section]:
    """``section``, and when it is the results section, each score table inside it as a score
    section of its own (the results keep every other line).

    Some rounds publish the score table as a sub-item of the results — a bullet
    "- 사무별 평가점수" (or "<li>사무별 평가점수</li>"), or just the table's header row
    "연번 / 사무명 / 평가점수" — instead of under a heading "□ 사무별 평가점수".  Read as
    results, its rows were nothing (the scores lost), and a row's remark such as "75점 미만"
    could pass for a second cutoff statement.  A table runs from its caption or header over
    its rows (blank lines and "※" notes between them are the results'), to the first other
    line."""
    if section.kind != "results":
        return [section]
    results = Section(section.kind, section.heading)
    tables: list[Section] = []
    table: Section | None = None
    for line, p in section.body:
        if _is_caption(p) or _is_score_header(p):
            if table is None or (table.body and _is_caption(p)):
                table = Section("scores", line)
                tables.append(table)
        elif table is not None and _is_table_line(p):
            table.body.append((line, p))
        else:
            if table is not None and p and not p.startswith(("※", "*")):
                table = None
            results.body.append((line, p))
    return [results, *(t for t in tables if t.body)]


def _is_caption(text: str) -> bool:
    """A line naming per-service scores and nothing else: "- 사무별 평가점수", "○ 평가점수 :"."""
    if "점수" not in text:
        return False
    body = _CAPTION_MARK.sub("", strip_bullet(text))
    return _CAPTION.match(re.sub(r"\s+", "", body)) is not None


def _is_score_header(text: str) -> bool:
    """The header row of a score table: a name column and a score column."""
    cells = [re.sub(r"\s+", "", c) for c in _CELLS.split(strip_bullet(text)) if c.strip()]
    return (
        len(cells) > 1
        and any(c in _NAME_HEADERS for c in cells)
        and any(_SCORE_HEADER.match(c) for c in cells)
    )


def _is_table_line(text: str) -> bool:
    """A line a score table may hold: a row, or a numbered name with its score line."""
    if service_heading(text) is not None or score_line(text) is not None:
        return True
    row = score_row(text)
    return row is not None and "평균" not in row[1]  # "'24년 평균 : 78.52점" is a statement


# ---- rows ----------------------------------------------------------------------------------------
_CELLS = re.compile(r"\s*(?:\t|\||:| {2,})\s*")
_SCORE_CELL = re.compile(rf"^(?P<s>{NUM})\s*점?$")
_NUMBER_CELL = re.compile(r"^[0-9]{1,3}$")
_SCORE_TAIL = re.compile(rf"^(?P<name>.*?[가-힣A-Za-z)].*?)\s+(?P<s>{NUM})\s*점?$")
_ROW_NUMBER = re.compile(
    rf"^(?:(?P<c>[{CIRCLED}])|(?P<n>[0-9]{{1,3}})\s*[.)]|\(\s*(?P<p>[0-9]{{1,3}})\s*\))\s*"
)
_NOT_SERVICES = frozenset(
    {"평균", "합계", "계", "전체", "전체평균", "평균점수", "소계", "점수", "평가점수", "종합점수"}
)


def score_row(text: str) -> tuple[int | None, str, str] | None:
    """``(row number, name, score)`` of a score-table row, or ``None`` for headers and notes."""
    body = strip_bullet(text)
    number = None
    if (numbered := _ROW_NUMBER.match(body)) is not None:
        number = _row_number(numbered)
        body = body[numbered.end() :]
    if not body or body[0] in "※*":
        return None
    cells = [c for c in _CELLS.split(body) if c]
    name = score = None
    if len(cells) > 1:
        for cell in cells:
            if name is None and number is None and _NUMBER_CELL.match(cell):
                number = int(cell)
            elif name is None and WORDY.search(cell) and not _SCORE_CELL.match(cell):
                name = cell
            elif name is not None and (m := _SCORE_CELL.match(cell)):
                score = m.group("s")
                break
    elif (m := _SCORE_TAIL.match(body)) is not None:
        name, score = m.group("name"), m.group("s")
    if name is None or score is None:
        return None
    name = collapse(_ROW_NUMBER.sub("", collapse(name)))
    return None if name.replace(" ", "") in _NOT_SERVICES else (number, name, score)


def _row_number(m: re.Match[str]) -> int:
    if m.group("c"):
        return int(unicodedata.numeric(m.group("c")))
    return int(m.group("n") or m.group("p"))


# ---- agreement with the stated figures -------------------------------------------------
def _half(precision: int) -> float:
    """Half a unit in the last published place: the most rounding can have moved a number."""
    return 0.5 * 10.0**-precision


def _check_within_points(draft: Draft, services: list[ServiceDraft]) -> None:
    """A score written in a heading or on a score line can no more exceed the maximum than
    a table row can (``read_scores`` checks those as it reads them)."""
    limit = float(draft.fields.get("max_points") or 100)
    for service in services:
        if service.score is not None and float(service.score) > limit:
            draft.fail(
                service.score_line or service.heading, "expected a score within the maximum points"
            )


def check_scores(draft: Draft, services: list[ServiceDraft], table: Line | None) -> None:
    """Refuse scores that contradict the stated average, count below the cutoff or names."""
    scores = [s.score for s in services if s.score is not None]
    if not scores:
        return
    fields, where = draft.fields, draft.where
    _check_within_points(draft, services)
    cutoff = float(fields.get("cutoff", DEFAULT_CUTOFF))
    average = fields.get("average_score")
    complete = len(scores) == len(services)
    if average is not None and complete:
        precision = int(fields.get("average_precision", 2))
        values = [float(score) for score in scores]
        mean = sum(values) / len(values)
        tolerance = _half(precision) + max(_half(decimals(score)) for score in scores)
        if abs(mean - float(average)) > tolerance + _EPSILON:
            draft.fail(
                table or draft.line(where["average_score"]),
                f"expected scores whose mean is the average stated on line "
                f"{where['average_score']} ({float(average):.{precision}f}), but the "
                f"{len(values)} scores average {mean:.{precision + 1}f}",
            )
    stated = fields.get("below_cutoff_count")
    if stated is not None:
        below = sum(1 for score in scores if float(score) < cutoff)
        if (complete and below != stated) or below > stated:
            draft.fail(
                table or draft.line(where["below_cutoff"]),
                f"expected {stated} score(s) below {cutoff:g} as stated on line "
                f"{where['below_cutoff']}, but {below} of the {len(scores)} published "
                "scores are below it",
            )
    keys = {s.key: s for s in services}
    for name in fields.get("below_cutoff_names", ()):
        service = match_key(service_key(name), keys)
        if service is not None and service.score is not None and float(service.score) >= cutoff:
            draft.fail(
                service.score_line or service.heading,
                f"expected a score below {cutoff:g} for '{service.name}', named below the "
                f"cutoff on line {where['below_cutoff']}, not {service.score}",
            )
