"""Stage 5: score tables → per-service scores, checked against what the results state.

Scores written in a service's heading or on a score line inside its block are read with the
findings (``knowledge.disclosure.findings``) and checked here the same way as a table's.

A score table ("□ 사무별 평가점수", or inside the results section after a caption such as
"- 사무별 평가점수" or its header row "연번 / 사무명 / 평가점수": ``split_score_tables``) lists
services with their scores in any cell layout (tabs, " | ", " : ", runs of spaces, HTML
cells), or as numbered names each followed by a score line ("① name" / "○ 평가점수 : 82.35점").
Beside the areas' sub-scores ("공통 | 개별 | 만족도 | 총점") the score is the total: the column
its header names (counted from the end when a second header row adds sub-score cells), or,
with no header, the last score cell when it is the sum of those before it.
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

from knowledge.disclosure.bands import Bands
from knowledge.disclosure.draft import Draft, decimals
from knowledge.disclosure.findings import (
    CIRCLED,
    NUM,
    WORDY,
    ServiceDraft,
    score_line,
    service_heading,
)
from knowledge.disclosure.layout import layout
from knowledge.disclosure.lines import Line
from knowledge.disclosure.sections import Section
from knowledge.disclosure.statements import _Statements, strip_bullet
from knowledge.model import DEFAULT_CUTOFF, AreaScore
from knowledge.names import match_key, service_key
from knowledge.textnorm import collapse

_EPSILON = 1e-9


def read_scores(draft: Draft, sections: list[Section], services: list[ServiceDraft]) -> Line | None:
    """Set each service's score from the score tables; returns the first table's heading."""
    keys = {s.key: s for s in services}
    unlisted: dict[str, tuple[Line, int | None, str, str]] = {}
    order: list[str] = []  # the services' keys in the table's order
    limit = float(draft.fields.get("max_points") or 100)
    for section in sections:
        draft.where.setdefault("scores", section.heading.no)
        for line, number, name, score in _rows(draft, section):
            if float(score) > limit:
                draft.fail(line, "expected a score within the maximum points")
            key = service_key(name)
            service = match_key(key, keys)
            order.append(service.key if service is not None else key)
            if service is None:
                if key in unlisted and float(unlisted[key][3]) != float(score):
                    draft.fail(line, "expected one score per service (a different one was given)")
                unlisted.setdefault(key, (line, number, name, score))
                continue
            if (korean := _KOREAN_BESIDE.match(name)) is not None:
                service.korean_name = service.korean_name or korean.group("ko").strip()
            if service.score is None:
                service.score, service.score_line = score, line
            elif float(service.score) != float(score):
                draft.fail(line, "expected one score per service (a different one was given)")
    if unlisted:
        _add_unlisted(draft, services, list(unlisted.items()))
    if sections and all(s.score is not None for s in services) and not _below_only(draft, services):
        draft.complete = True  # a table scoring every service lists the round's services
        if unlisted:  # the findings described some services; the table numbers them all
            _number_as_tabled(services, order)
    return sections[0].heading if sections else None


#: an English name with the Korean one beside it: "Seoul Fintech Lab (서울 핀테크랩)"
_KOREAN_BESIDE = re.compile(
    r"^[^가-힣()]*[A-Za-z][^가-힣()]*\((?P<ko>[^()A-Za-z]*[가-힣][^()A-Za-z]*)\)$"
)


def _below_only(draft: Draft, services: list[ServiceDraft]) -> bool:
    """A table of only the services below the cutoff ("75점 미만 사무 (재계약 배제)"), fewer
    than the round states: a partial list, not the round's services."""
    stated = {n for n, _ in draft.stated_counts}
    cutoff = float(draft.fields.get("cutoff", DEFAULT_CUTOFF))
    return (
        bool(stated)
        and min(stated) > len(services)
        and all(s.score is not None and float(s.score) < cutoff for s in services)
    )


def read_listed_scores(draft: Draft, services: list[ServiceDraft]) -> None:
    """Give each service its score from a results line listing them ("사무별 점수 : ①
    청소년노동인권센터 83.10점, …", or the names below the cutoff "A(72.10점), B(70.55점)"),
    matched by number and by name (shortened names are the rule there): an item whose number
    and name point at different services, or at none, refuses the document rather than giving
    a service another's score; one that a table scored differently is refused too."""
    if not services:
        _services_named_in_passing(draft, services)
    by_number = {s.number: s for s in services}
    keys = {s.key: s for s in services}
    for line, number, name, score in draft.listed_scores:
        named = match_key(service_key(name), keys)
        if named is None and number is None and _partial(draft, services):
            named = ServiceDraft(len(services) + 1, name, service_key(name), line, score, line)
            services.append(named)  # the best score, named beside a list of those below
            keys[named.key] = named
        service = by_number.get(number) if number is not None else named
        if service is None or named is not service:
            numbered = ", as numbered" if number is not None else ""
            draft.fail(line, f"expected '{name}' to be a service of this round{numbered}")
        if service.score is None:
            service.score, service.score_line = score, line
        elif float(service.score) != float(score):
            draft.fail(line, "expected one score per service (a different one was given)")


def read_marks(draft: Draft, services: list[ServiceDraft]) -> None:
    """What a score table says beside the scores: each service's contractor, and the
    services its remark marks as excluded from re-contracting.  The marked ones are the
    names below the cutoff when the page lists none; one scored at or above the cutoff, or
    more of them than the stated count, contradicts the page and refuses it."""
    keys = {s.key: s for s in services}
    for key, contractor in draft.contractors.items():
        if (service := match_key(key, keys)) is not None:
            service.contractor = contractor
    for key, by_area in draft.area_scores.items():
        if (service := match_key(key, keys)) is not None:
            service.area_scores = by_area
    if not draft.excluded:
        return
    cutoff = float(draft.fields.get("cutoff", DEFAULT_CUTOFF))
    marked: list[str] = []
    for line, name in draft.excluded:
        service = match_key(service_key(name), keys)
        if service is not None and service.score is not None and float(service.score) >= cutoff:
            draft.fail(line, f"expected a score below {cutoff:g} for a service marked excluded")
        marked.append(service.name if service is not None else name)
    stated = draft.fields.get("below_cutoff_count")
    if stated is not None and len(marked) > stated:
        draft.fail(draft.excluded[stated][0], f"expected {stated} service(s) marked excluded")
    if not draft.fields.get("below_cutoff_names"):
        draft.fields["below_cutoff_names"] = tuple(marked)
        draft.where.setdefault("below_cutoff", draft.excluded[0][0].no)


def _partial(draft: Draft, services: list[ServiceDraft]) -> bool:
    """The services read are some of the round's: not a complete list, and fewer than the
    stated count of services evaluated."""
    stated = {n for n, _ in draft.stated_counts}
    return not draft.complete and bool(stated) and min(stated) > len(services)


def _number_as_tabled(services: list[ServiceDraft], order: list[str]) -> None:
    """Number the services as the complete table lists them, when the findings numbered
    only the few they describe ("[2]" is the table's 4th)."""
    place = {key: i for i, key in enumerate(dict.fromkeys(order), 1)}
    if len(place) != len(services) or any(s.key not in place for s in services):
        return
    if all(s.number == place[s.key] for s in services):
        return  # already numbered as tabled
    for service in services:
        service.number = place[service.key]
    services.sort(key=lambda s: s.number)


def _services_named_in_passing(draft: Draft, services: list[ServiceDraft]) -> None:
    """With no findings and no table, the services the statements score by name (the best
    one, those below the cutoff) are the round's published services: a partial list, which a
    stated count bounds (``reader.check_counts``) but need not equal."""
    seen: dict[str, ServiceDraft] = {}
    for line, _, name, score in draft.listed_scores:
        key = service_key(name)
        if match_key(key, seen) is None:
            seen[key] = ServiceDraft(len(seen) + 1, name, key, line, score, line)
    # their numbers, if any, are places in a sub-list ("(1) …"), not the services' numbers
    draft.listed_scores = [
        (line, None, name, score) for line, _, name, score in draft.listed_scores
    ]
    services.extend(seen.values())


def _add_unlisted(
    draft: Draft, services: list[ServiceDraft], rows: list[tuple[str, tuple]]
) -> None:
    """Services that appear only in the score table, when the stated count includes them."""
    total = len(services) + len(rows)
    stated = {n for n, _ in draft.stated_counts}
    if services and stated != {total}:  # with no findings at all, the table is the list
        draft.fail(rows[0][1][0], "expected the name of a service of this round")
    used = {s.number for s in services}
    for key, (line, number, name, score) in rows:
        if number is None or number in used:
            number = max(used, default=0) + 1
        used.add(number)
        services.append(ServiceDraft(number, name, key, line, score, line))
    services.sort(key=lambda s: s.number)


def _side_columns(header: str) -> dict[str, int]:
    """The header's cells of the contractor and the remark ("연번 | 사무명 | 수탁기관 | 점수 |
    비고"), counted as ``_placed_cells`` counts a row's."""
    found: dict[str, int] = {}
    for i, cell in enumerate(_placed_cells(header)):
        key = re.sub(r"\s+", "", cell)
        role = "contractor" if key in _CONTRACTOR else "remark" if key in _REMARK else None
        if role is not None:
            found.setdefault(role, i)
    return found


_CONTRACTOR = frozenset(layout()["contractor_headers"])
_REMARK = frozenset(layout()["remark_headers"])
_EXCLUDED = re.compile("|".join(layout()["excluded_marks"]))
_NOT_EXCLUDED = re.compile("|".join(layout()["excluded_not"]) + r"|[0-9]{2}\s*년|전년|이전")


def _placed_cells(text: str) -> list[str]:
    """A row's cells in their places: split at tabs or pipes only, an empty cell kept (an
    empty remark must not move the contractor), the outer pipes of "| a | b |" dropped."""
    body = strip_bullet(text).strip()
    cells = body.split("\t") if "\t" in body else body.split("|") if "|" in body else [body]
    if "\t" not in body and "|" in body:
        cells = cells[1:] if body.startswith("|") else cells
        cells = cells[:-1] if body.endswith("|") else cells
    return [c.strip() for c in cells]


def _beside(text: str, name: str, score: str, side: dict[str, int]) -> tuple[str | None, bool]:
    """The contractor a row names in its column, and whether its remark marks the service
    as excluded from re-contracting.  Without a header naming the remark, the cells after
    the score are the remark."""
    cells = _placed_cells(text)
    contractor = None
    at = side.get("contractor")
    if at is not None and at < len(cells) and cells[at] != name and WORDY.search(cells[at]):
        contractor = collapse(cells[at])
    remark = side.get("remark")
    if remark is not None:
        remarks = cells[remark : remark + 1]
    else:
        scored = [i for i, c in enumerate(cells) if (m := _SCORE_CELL.match(c)) and m["s"] == score]
        remarks = cells[scored[-1] + 1 :] if scored else []
    marked = any(
        _EXCLUDED.search(key) and not _NOT_EXCLUDED.search(key)
        for key in (r.replace(" ", "") for r in remarks)
    )
    return contractor, marked


def _rows(draft: Draft, section: Section) -> list[tuple[Line, int | None, str, str]]:
    """The scored rows of a score section: table rows, and numbered headings followed by a
    score line ("① name" / "○ 평가점수 : 82.35점").  A score line under no heading is a
    score of no service this parser could name: refused, not dropped."""
    rows: list[tuple[Line, int | None, str, str]] = []
    named: tuple[int, str] | None = None  # a heading waiting for its score line
    columns = _columns(section.header) if section.header else None
    side = _side_columns(section.header) if section.header else {}
    areas = _header_areas(section.header, section.sub_header)
    bands = Bands(draft)
    for line, p in section.body:
        if bands.line(line, p):
            continue  # "사무 수 | 1 | 7 | 5 | 2": counts of score bands, no service
        if _is_score_header(p):
            columns, side = _columns(p), _side_columns(p)
            areas = _header_areas(p, "")
            continue
        if columns is not None and not rows and _is_sub_header(p):
            areas = _header_areas("", p)  # "| | 공통 | 개별 | 만족도 | |" under "분야별 점수"
            continue
        heading = service_heading(p)
        if heading is not None and heading[2] is None:
            named = heading[0], heading[1]
        elif heading is not None and heading[2] is not None:
            rows.append((line, heading[0], heading[1], heading[2]))  # "2) name : 72.40점 (…)"
        elif (score := score_line(p)) is not None:
            if named is None:
                draft.fail(line, "expected a numbered service name (① name) before this score")
            rows.append((line, *named, score))
            named = None
        elif (row := score_row(p, columns)) is not None:
            rows.append((line, *row))
            if found := _area_scores(draft, p, row[1], row[2], areas):
                draft.area_scores.setdefault(service_key(row[1]), found)
            contractor, marked = _beside(p, row[1], row[2], side)
            if contractor is not None:
                draft.contractors[service_key(row[1])] = contractor
            if marked:
                draft.excluded.append((line, row[1]))
        elif rows and rows[-1][0].no == line.no - 1 and (more := _name_wrap(p, columns)):
            last = rows[-1]  # "| | …Borderline Intelligence (…) | |": the name's next line
            rows[-1] = (last[0], last[1], f"{last[2]} {more}", last[3])
        elif "평균" in p and (summary := _summary_total(p, columns, areas)) is not None:
            _Statements(draft).result_line(f"평균 {summary}점", line)
    return rows


def _name_wrap(text: str, columns: tuple[int, int, int] | None) -> str | None:
    """The rest of the name above when a table row holds only words in the name's column
    (a Markdown or tab-laid row whose name ran over two lines): without it the name was cut
    and the row's second half was read as nothing, or as a service of its own."""
    if columns is None or "\t" not in text:
        return None
    cells = [c.strip() for c in text.split("\t")]
    filled = [i for i, c in enumerate(cells) if c]
    if len(filled) != 1 or filled[0] != columns[0] or columns[0] == 0:
        return None
    cell = cells[filled[0]]
    if not WORDY.search(cell) or re.search(r"[0-9]", cell) or "평균" in cell:
        return None
    return cell


def _summary_total(
    text: str, columns: tuple[int, int, int] | None, areas: list[tuple[str, int | None]]
) -> str | None:
    """The total of a table's summary row ("평균 | 23.64 | 38.59 | 15.91 | 78.14"), the figure
    that must agree with the stated average.  With the areas' averages beside it, the first
    number is an area's: the total is the one the header names (its place among the number
    columns, counted from the row's end), or the last when it is the sum of the others; a
    single number is the total."""
    m = _SUMMARY_AVERAGE.search(text)
    if m is None:
        return None
    tail = text[m.start("v") :]
    cells = [c for c in _CELLS.split(tail) if c]
    numbers = [n.group("s") for c in cells if (n := _SCORE_CELL.match(c))]
    if len(numbers) < 2:
        return m.group("v")
    if (total := _total_of(cells)) is not None:
        return total
    if areas and len(numbers) == len(areas) + 1 and columns is not None and columns[1] < 0:
        return numbers[-1]  # the areas, then the total in the header's last column
    return m.group("v")


# ---- scores by area beside the total ----------------------------------------------------------
#: header cells that name no scoring area: the name's, the organisations', the remark's
_NOT_AREAS = re.compile(r"^(?:연번|순번|번호|소관|소관부서|부서|담당부서|주관부서)$|점수$|^분야")
#: an area's header cell with its points: "공통(40)", "만족도(10점)"
_AREA_CELL = re.compile(r"^(?P<area>.*?[가-힣A-Za-z].*?)\s*(?:\(\s*(?P<p>[0-9]{1,3})\s*점?\s*\))?$")


def _header_areas(header: str, sub_header: str) -> list[tuple[str, int | None]]:
    """The scoring areas a score table's header names, with their points when written
    ("공통(40)"): the second header row's cells, or else the main header's cells between the
    name and the total ("사무명 | 공통 | 개별 | 만족도 | 총점")."""
    if sub_header:
        cells = [c for c in _placed_cells(sub_header) if c]
    elif header and (columns := _columns(header)) is not None:
        plain = [c for c in _placed_cells(header) if c]
        named = [i for i, c in enumerate(plain) if re.sub(r"\s+", "", c) in _NAME_HEADERS]
        total = [i for i, c in enumerate(plain) if _TOTAL_HEADER.match(re.sub(r"\s+", "", c))]
        if not named or not total or columns is None:
            return []
        cells = [
            c
            for c in plain[named[0] + 1 : total[-1]]
            if not _NOT_AREAS.search(key := re.sub(r"\s+", "", c))
            and key not in _CONTRACTOR
            and key not in _REMARK
        ]
    else:
        return []
    areas = [
        (m["area"].strip(), int(m["p"]) if m["p"] else None)
        for c in cells
        if (m := _AREA_CELL.match(c))
    ]
    return areas if len(areas) == len(cells) and len(areas) > 1 else []


def _area_scores(
    draft: Draft, text: str, name: str, total: str, areas: list[tuple[str, int | None]]
) -> tuple[AreaScore, ...]:
    """A row's scores by area: the number cells between its name and its total, one per
    area, adding up to the total (within the rounding of the published places) — otherwise
    none, so a rank, a count or a previous year's score is never taken for an area's score.
    Without a header naming the areas, the round's stated scoring areas name them."""
    cells = [c.strip() for c in _CELLS.split(strip_bullet(text)) if c.strip()]
    if name not in cells:
        return ()
    after = cells[cells.index(name) + 1 :]
    numbers = [m["s"] for c in after if (m := _SCORE_CELL.match(c))]
    if total not in numbers:
        return ()
    parts = numbers[: len(numbers) - 1 - numbers[::-1].index(total)]
    if not areas:
        stated: list[tuple[str, int | None]] = list(draft.fields.get("area_points", ()))
        areas = stated or [(a, None) for a in draft.fields.get("scoring_areas", ())]
    if len(parts) != len(areas) or len(parts) < 2:
        return ()
    slack = sum(_half(decimals(n)) for n in [*parts, total]) + _EPSILON
    if abs(sum(float(n) for n in parts) - float(total)) > slack:
        return ()
    stated_points = dict(draft.fields.get("area_points", ()))
    by_place = [p for _, p in draft.fields.get("area_points", ())]
    out = []
    for i, ((area, points), value) in enumerate(zip(areas, parts, strict=True)):
        if points is None:
            points = stated_points.get(area) or (
                by_place[i] if len(by_place) == len(areas) else None
            )
        if points is not None and float(value) > points + _EPSILON:
            return ()  # more than the area's points: not this area's score
        out.append(AreaScore(area, float(value), decimals(value), points))
    return tuple(out)


#: a table's summary row: "| 제3차 평균 | 77.80 |", "8개 사무 평균<TAB>78.40" — a statement of
#: the average, which must agree with the one stated (``_Statements.restated_average``)
_SUMMARY_AVERAGE = re.compile(rf"평균[^0-9]*?(?P<v>{NUM})(?!\s*%)")


# ---- score tables inside the results section -----------------------------------------------------
#: the sections a score table may stand in besides its own (any section of statements)
_STATEMENT_KINDS = frozenset({"results", "overview", "year", "preamble", "other"})
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
#: of the name headers, those naming the service itself (beside an organisation's name)
_SERVICE_NAME_HEADERS = frozenset({"사무명", "위탁사무명", "민간위탁사무명", "사무명칭", "사업명"})
#: a score column's points may follow its name: "총점(100)", "평가점수(100점)"
_HEADER_POINTS = r"(?:\((?:점|[0-9]{1,3}점?|[0-9]{1,3}점만점)\))?"
_SCORE_HEADER = re.compile(
    rf"^(?:종합|평가|총|최종)?(?:점수|총점|득점){_HEADER_POINTS}$|^(?:합계|총계){_HEADER_POINTS}$"
)
#: of the score headers, those naming the total beside the areas' sub-scores ("공통 | 개별 |
#: 만족도 | 총점"): the service's score is the total, wherever the sub-scores stand
_TOTAL_HEADER = re.compile(rf"^(?:총점|합계|총계|종합점수|최종점수|총득점){_HEADER_POINTS}$")


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
    if section.kind not in _STATEMENT_KINDS:
        return [section]
    results = Section(section.kind, section.heading, name=section.name)
    tables: list[Section] = []
    table: Section | None = None
    for line, p in section.body:
        if _is_caption(p) or _is_score_header(p):
            if table is None or (table.body and _is_caption(p)):
                table = Section("scores", line)
                tables.append(table)
            if _is_score_header(p):
                table.header = p
        elif table is not None and (
            is_table_line(p) or (table.body and (_is_summary_row(p) or _wraps_name(table, p)))
        ):
            table.body.append((line, p))
        elif table is not None and p and _RULE.match(p):
            continue  # a rule between a table's rows: "|---|---|", "-----+-----"
        elif table is not None and not table.body and table.header and _is_sub_header(p):
            table.sub_header = (
                p  # "공통(40) | 개별(50) | 만족도(10)": the areas under "분야별 점수"
            )
        else:
            if table is not None and p and not p.startswith(("※", "*")):
                table = None
            results.body.append((line, p))
    return [results, *(t for t in tables if t.body)]


_RULE = re.compile(r"^[\s|+:=\-─━_·.]*$")


def _is_summary_row(text: str) -> bool:
    """A table's own summary row ("평균 | 23.64 | 38.59 | 15.91 | 78.14", the areas' averages
    and the total's): the table's, read by its columns — as a statement, its first number
    (an area's average) was taken for the round's average."""
    m = _SUMMARY_AVERAGE.search(text) if "평균" in text and "\t" in text else None
    if m is None:
        return False
    cells = [c for c in _CELLS.split(text[m.start("v") :]) if c]
    numbers = sum(1 for c in cells if _SCORE_CELL.match(c))
    if numbers == len(cells) == 1 and _TABLE_MEAN.match(re.sub(r"\s+", "", text[: m.start("v")])):
        return True  # "전체 평균 | 76.10": the table's mean, not a statement of the year's
    return numbers >= 2


#: the label of a table's own summary row: "평균", "전체평균", "5개 사무 평균" ("전체" is the
#: table's rows here, not the whole year as in "'25년 전체 평균 : 76.93점")
_TABLE_MEAN = re.compile(r"^(?:전체|총|[0-9]+개(?:사무)?)?평균(?:점수)?:?$")


def _wraps_name(table: Section, text: str) -> bool:
    """A row holding only the rest of the name above (see ``_name_wrap``)."""
    return bool(table.header) and _name_wrap(text, _columns(table.header)) is not None


def _is_sub_header(text: str) -> bool:
    """A second header row naming the sub-scores under a spanning header cell ("분야별 점수"
    over "공통(40) | 개별(50) | 만족도(10)"): cells of words, none a figure alone.  Taken for
    an ordinary line, it ended the table before its first row and every score was lost."""
    cells = [c for c in _CELLS.split(strip_bullet(text)) if c.strip()]
    return len(cells) > 1 and not any(_SCORE_CELL.match(c) or _NUMBER_CELL.match(c) for c in cells)


def _is_caption(text: str) -> bool:
    """A line naming per-service scores and nothing else: "- 사무별 평가점수", "○ 평가점수 :"."""
    if "점수" not in text:
        return False
    body = _CAPTION_MARK.sub("", strip_bullet(text))
    return _CAPTION.match(re.sub(r"\s+", "", body)) is not None


def _columns(header: str) -> tuple[int, int, int] | None:
    """The cells of the name and the score in a header row ("연번 | 사무명 | 소관 | 평가점수")."""
    cells = [re.sub(r"\s+", "", c) for c in _CELLS.split(strip_bullet(header)) if c.strip()]
    name = next((i for i, c in enumerate(cells) if c in _SERVICE_NAME_HEADERS), None)
    name = (
        name
        if name is not None
        else next((i for i, c in enumerate(cells) if c in _NAME_HEADERS), None)
    )
    score = next((i for i, c in enumerate(cells) if _TOTAL_HEADER.match(c)), None)
    if score is None:
        score = next((i for i, c in enumerate(cells) if _SCORE_HEADER.match(c)), None)
    if name is None or score is None or name > score:
        return None
    if score == len(cells) - 1 and _TOTAL_HEADER.match(cells[score]):
        score = -1  # the last cell, however many sub-score cells a second header row adds
    return name, score, len(cells)


def _is_score_header(text: str) -> bool:
    """The header row of a score table: a name column and a score column."""
    cells = [re.sub(r"\s+", "", c) for c in _CELLS.split(strip_bullet(text)) if c.strip()]
    return (
        len(cells) > 1
        and any(c in _NAME_HEADERS for c in cells)
        and any(_SCORE_HEADER.match(c) for c in cells)
    )


def is_table_line(text: str) -> bool:
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


_SUMMARY_ROWS = ("평균", "합계", "소계", "총계", "평균점수")


def score_row(
    text: str, columns: tuple[int, int, int] | None = None
) -> tuple[int | None, str, str] | None:
    """``(row number, name, score)`` of a score-table row, or ``None`` for headers and notes.

    ``columns`` are the name's and the score's cells, and how many cells there are, as the
    header row names them ("기관명 | 사무명 | 점수": the name is the second cell, not the first
    with words in it); a row of more cells than the header (or too few to hold them) is read
    by its content instead."""
    body = strip_bullet(text)
    number = None
    if (numbered := _ROW_NUMBER.match(body)) is not None:
        number = _row_number(numbered)
        body = body[numbered.end() :]
    if not body or body[0] in "※*":
        return None
    cells = [c for c in _CELLS.split(body) if c]
    name = score = None
    if columns is not None and numbered is None and (found := _by_columns(cells, columns)):
        number, name, score = found
    if name is None and len(cells) > 1:
        for cell in cells:
            if name is None and number is None and _NUMBER_CELL.match(cell):
                number = int(cell)
            elif name is None and WORDY.search(cell) and not _SCORE_CELL.match(cell):
                name = cell
            elif name is not None and (m := _SCORE_CELL.match(cell)):
                score = _total_of(cells[cells.index(cell) :]) or m.group("s")
                break
    elif name is None and (m := _SCORE_TAIL.match(body)) is not None:
        name, score = m.group("name"), m.group("s")
    if name is None or score is None:
        return None
    name = collapse(_ROW_NUMBER.sub("", collapse(name)))
    compact = name.replace(" ", "")
    if compact in _NOT_SERVICES or compact.endswith(_SUMMARY_ROWS):
        return None  # "제3차 평균", "8개 사무 평균", "합계": a summary, not a service
    return number, name, score


def _total_of(cells: list[str]) -> str | None:
    """The last of a row's score cells when it is the sum of the ones before it ("33.10 |
    32.50 | 16.60 | 82.20": the areas' sub-scores and their total), else ``None``: with no
    header naming the columns, the total is the service's score, not the first sub-score."""
    numbers = [m.group("s") for c in cells if (m := _SCORE_CELL.match(c))]
    if len(numbers) < 3:
        return None
    *parts, total = numbers
    slack = sum(_half(decimals(n)) for n in numbers) + _EPSILON
    return total if abs(sum(float(n) for n in parts) - float(total)) <= slack else None


def _by_columns(cells: list[str], columns: tuple[int, int, int]) -> tuple | None:
    """``(number, name, score)`` from the cells the header names, if the row fits it."""
    at_name, at_score, width = columns
    if at_score < 0 and len(cells) > at_name + 1:
        pass  # a total counted from the end: "분야별 점수" spans more cells than its header
    elif not max(at_name, at_score) < len(cells) <= width:
        return None
    name, score = cells[at_name], _SCORE_CELL.match(cells[at_score])
    if not WORDY.search(name) or score is None:
        return None
    number = int(cells[0]) if at_name > 0 and _NUMBER_CELL.match(cells[0]) else None
    return number, name, score.group("s")


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
    stated_count = fields.get("services_evaluated")
    # every service of the round scored: all those read, and they are the whole round
    complete = len(scores) == len(services) and (
        draft.complete or stated_count is None or stated_count == len(services)
    )
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
