"""Stage 4b: the list of evaluated services → every service of the round.

Some rounds list every evaluated service with its result in the results ("□ 평가대상 사무 및
결과": "연번 / 사무명 / 평가결과" rows such as "3 / 가상 청년센터 운영 / 재계약 배제(75점
미만)" or "… / 적정") and give findings sections to only some of them.  The list is then the
round's services: a listed service without a section is evaluated with no findings, a section
is the listed service it names (``knowledge.names.service_key`` / containment, as score rows
match), and a section naming no listed service refuses the document, as does a list whose
length differs from the stated count.  The rows marked 재계약 배제 / 75점 미만 are the services
below the cutoff; they must agree with the stated count and names below the cutoff.
"""

from __future__ import annotations

import re

from knowledge.disclosure.draft import Draft
from knowledge.disclosure.findings import WORDY, ServiceDraft
from knowledge.disclosure.lines import Line
from knowledge.disclosure.sections import Section
from knowledge.disclosure.statements import strip_bullet
from knowledge.names import match_key, service_key
from knowledge.textnorm import collapse

_CELLS = re.compile(r"\s*(?:\t|\|| {2,})\s*")
_NAME_HEADERS = frozenset({"사무명", "사무", "위탁사무명", "민간위탁사무명", "사무명칭", "사업명"})
_RESULT_HEADER = re.compile(r"^(?:평가)?결과(?:\(.*\))?$|^재계약(?:여부|적정여부)$")
_NUMBER_CELL = re.compile(r"^[0-9]{1,3}$")
#: a result marking a service below the cutoff: "재계약 배제(75점 미만)", "75점 미만"
_BELOW = re.compile(r"배제|[0-9.]+\s*점\s*미만|미흡")

Row = tuple[Line, int, str, str]


def _cells(text: str) -> list[str]:
    return [c for c in _CELLS.split(strip_bullet(text)) if c]


def _is_header(text: str) -> bool:
    """The header row of the list: a name column and a result column (no score column)."""
    cells = [re.sub(r"\s+", "", c) for c in _cells(text)]
    return (
        len(cells) > 1
        and any(c in _NAME_HEADERS for c in cells)
        and any(_RESULT_HEADER.match(c) for c in cells)
        and not any("점수" in c for c in cells)
    )


def roster_row(text: str) -> tuple[int, str, str] | None:
    """``(number, name, result)`` of a row: "3<TAB>name<TAB>재계약 배제(75점 미만)"."""
    cells = _cells(text)
    if len(cells) < 3 or not _NUMBER_CELL.match(cells[0]) or not WORDY.search(cells[1]):
        return None
    return int(cells[0]), collapse(cells[1]), collapse(" ".join(cells[2:]))


def split_roster(section: Section) -> list[Section]:
    """``section``, and when it is a results section holding a list of the evaluated services
    with their results, that list as a "roster" section of its own (the results keep every
    other line, so a row's "75점 미만" is no cutoff statement).  The list runs from its header
    row over its rows (blank lines between them stay with the results) to the first other line.
    """
    if section.kind not in ("results", "overview", "year", "preamble", "other"):
        return [section]
    results = Section(section.kind, section.heading, name=section.name)
    rosters: list[Section] = []
    roster: Section | None = None
    for line, p in section.body:
        if (
            _ROSTER_HINT.search(p) and len(prose_roster(p)) > 1
        ):  # "평가를 받은 사무는 A, B, C입니다"
            rosters.append(Section("roster", line, [(line, p)], name=PROSE))
            results.body.append((line, p))  # its other sentences are the results' still
            roster = None
        elif _is_header(p):
            roster = Section("roster", line)
            rosters.append(roster)
        elif roster is not None and roster_row(p) is not None:
            roster.body.append((line, p))
        else:
            if roster is not None and p:
                roster = None
            results.body.append((line, p))
    return [results, *(r for r in rosters if r.body)]


def read_roster(draft: Draft, sections: list[Section], services: list[ServiceDraft]) -> None:
    """Make the listed services the round's services (``services`` is changed in place)."""
    if not sections:
        return
    prose = [s for s in sections if s.name == PROSE]
    sections = [s for s in sections if s.name != PROSE]
    if not sections:  # named in a sentence only: the list when it is as long as stated
        sections = _whole_prose_roster(draft, prose)
        if not sections:
            return
    rows: list[Row] = []
    for section in sections:
        if section.name == PROSE:
            names = prose_roster(section.body[0][1])
            rows.extend((section.heading, k, name, "") for k, name in enumerate(names, 1))
        else:
            rows.extend((line, *row) for line, p in section.body if (row := roster_row(p)))
    header = sections[0].heading
    draft.where.setdefault("roster", header.no)
    for n, stated in draft.stated_counts:
        if n != len(rows):
            draft.fail(
                header,
                f"expected {n} listed services as stated on line {stated.no}, found {len(rows)}",
            )
    listed: dict[str, ServiceDraft] = {}
    for line, number, name, _ in rows:
        key = service_key(name)
        if key in listed:
            draft.fail(line, f"expected each service listed once ('{name}' is listed twice)")
        listed[key] = ServiceDraft(number, name, key, line, listed=True)
    for found in services:
        service = match_key(found.key, listed)
        if service is None:
            draft.fail(
                found.heading,
                f"expected '{found.name}' to be a service listed on line {header.no}",
            )
        if not service.listed:
            draft.fail(found.heading, f"expected one findings section for '{service.name}'")
        service.heading, service.score, service.score_line = (
            found.heading,
            found.score,
            found.score_line,
        )
        service.labels, service.items = found.labels, found.items
        service.explicitly_empty = found.explicitly_empty
        service.listed = False
    services[:] = list(listed.values())
    draft.complete = True
    if sections[0].name != PROSE:  # a sentence naming the services gives no results
        _below_cutoff(draft, rows, header)


#: the name of a roster section read from a sentence
PROSE = "prose"
#: a sentence naming the services evaluated: "이번에 평가를 받은 사무는 A, B, C입니다", "평가
#: 대상 사무는 A, B, C이다", "The services evaluated were A, B and C."
_PROSE_ROSTER = re.compile(
    r"(?:평가(?:를)?\s*받은|평가\s*대상(?:인|이\s*된)?|평가한|평가된)\s*(?:사무|사업)(?:는|은)\s+"
    r"(?P<ko>[^.]+?)\s*(?:입니다|이었습니다|였습니다|이며|이고|이다|임)(?=[\s.,]|$)"
    r"|\bservices\s+evaluated(?:\s+in\s+this\s+round)?\s+(?:were|are)\s*:?\s*(?P<en>[^.]+?)\.(?:\s|$)",
    re.IGNORECASE,
)
_ROSTER_HINT = re.compile(
    r"받은\s*사무|대상\s*사무|평가한\s*사무|평가된\s*사무|services\s+evaluated", re.I
)
_PROSE_SPLIT = re.compile(r"\s*[,、;]\s*(?:and\s+)?")
#: "A, B and C": the last two of an English list ("및" is left alone: "관리 및 운영" is a name's)
_LAST_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def prose_roster(text: str) -> tuple[str, ...]:
    """The services a sentence names as the ones evaluated, as written, or ``()``: every
    part of its list must be a name (words, no figure), or it is no list of names."""
    m = _PROSE_ROSTER.search(text)
    if m is None:
        return ()
    parts = _PROSE_SPLIT.split(m.group("ko") or m.group("en"))
    if m.group("en") and len(last := _LAST_AND.split(parts[-1])) == 2:
        parts[-1:] = last
    names = tuple(collapse(n) for n in parts)
    if any(not WORDY.search(n) or re.search(r"[0-9]+\s*(?:개|점|%)", n) for n in names):
        return ()
    return names if all(0 < len(n) <= 60 for n in names) else ()


def _whole_prose_roster(draft: Draft, prose: list[Section]) -> list[Section]:
    """The first sentence naming as many services as every stated count (a sentence naming
    fewer, "A, B 등", is no list of all of them)."""
    stated = {n for n, _ in draft.stated_counts}
    for section in prose:
        names = prose_roster(section.body[0][1])
        if stated and stated == {len(names)}:
            return [section]
    return []


def _below_cutoff(draft: Draft, rows: list[Row], header: Line) -> None:
    marked = tuple(name for _, _, name, result in rows if _BELOW.search(result))
    fields, where = draft.fields, draft.where
    stated = fields.get("below_cutoff_count")
    if stated is None:
        fields["below_cutoff_count"] = len(marked)
        fields["below_cutoff_names"] = marked
        where["below_cutoff"] = header.no
        draft.figure(draft.round_scope, "below_cutoff", str(len(marked)), header, header.text)
        return
    at = draft.line(where["below_cutoff"])
    if stated != len(marked):
        draft.fail(
            header,
            f"expected {stated} service(s) marked below the cutoff as stated on line {at.no}, "
            f"found {len(marked)}",
        )
    keys = {service_key(name): name for name in marked}
    for name in fields.get("below_cutoff_names", ()):
        if match_key(service_key(name), keys) is None:
            draft.fail(at, f"expected '{name}' to be marked below the cutoff in the list")
    if not fields.get("below_cutoff_names"):
        fields["below_cutoff_names"] = marked
