"""The driver: runs the reading stages in order and assembles the ``Round``."""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.disclosure.draft import Draft
from knowledge.disclosure.encoding import decode
from knowledge.disclosure.english import (
    Rewrites,
    as_published,
    is_english,
    korean_layout,
    put_back,
    rewrites,
)
from knowledge.disclosure.findings import (
    ServiceDraft,
    check_findings,
    read_services,
    result,
    split_findings,
)
from knowledge.disclosure.lines import Line, to_lines
from knowledge.disclosure.pages import joined_parentheses, joined_wraps, without_furniture
from knowledge.disclosure.roster import read_roster, split_roster
from knowledge.disclosure.round_of import round_from_text
from knowledge.disclosure.scores import (
    check_scores,
    is_table_line,
    read_listed_scores,
    read_marks,
    read_scores,
    split_score_tables,
)
from knowledge.disclosure.sections import Section, read_title, split_sections
from knowledge.disclosure.statements import (
    CUTOFF,
    aligned_keys,
    cutoff_from_usage,
    hanging,
    read_statements,
    read_usage,
    strip_bullet,
)
from knowledge.disclosure.yearly import YearStatements
from knowledge.model import DEFAULT_CUTOFF, Round
from knowledge.names import match_key, service_key
from knowledge.textnorm import plain

#: the order in which sections' statements are read (in document order within a rank): the
#: first statement of a figure wins, so the round's own sections outrank a year's summary,
#: and both outrank text under headings of no known topic
_STATEMENT_ORDER = {"results": 0, "overview": 0, "preamble": 0, "year": 1, "other": 2}
_LEADER_HINT = re.compile(r"[·.…‥ㆍ_─━-]{2}|…")
_LEADERS = re.compile(r"\s*(?:[·.…‥ㆍ_─━-]\s?){3,}\s*")


#: runs of spaces between the columns of a table laid out in plain text
_COLUMN_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
#: a short word spaced out letter by letter to fill its cell, as a PDF justifies it ("평   균",
#: "합  계", "구 분"): single syllables with spaces between them, a cell of their own (the
#: line's start or a column gap before, a column gap or the line's end after)
_SPACED_WORD = re.compile(r"(?:^|(?<=  ))[가-힣](?: +[가-힣]){1,4}(?=  |\s*$)")
_HANGUL_GAP = re.compile(r"[가-힣] +[가-힣]")


def as_read(text: str) -> str:
    """A line as the stages read it: dotted leaders ("name ····· 68.40점") are a cell break,
    and so are the runs of spaces of a row laid out in columns ("1    서울시 ○○센터 운영
    복지정책과    84.15": two gaps or more, which prose hardly has) — collapsed to one space,
    the department would be part of the name.  In such a row a cell's word spaced out letter
    by letter ("평   균") is one word again, before the gaps become cell breaks."""
    if text.count("  ") >= 2 and len(_COLUMN_GAP.findall(text)) >= 2:
        if _HANGUL_GAP.search(text):
            text = _SPACED_WORD.sub(_unspaced, text.lstrip(" "))
        text = _COLUMN_GAP.sub("\t", text)
    p = plain(text)
    if p[:1] == "|" and p[-1:] == "|" and len(p) > 2:  # a Markdown table row: its cells, as
        p = "\t".join(c.strip() for c in p[1:-1].split("|"))  # an HTML row's are
    if "**" in p or "__" in p:  # Markdown emphasis: "**평가기간**: …", "평균 **77.40점**"
        p = p.replace("**", "").replace("__", "")
    return _LEADERS.sub("\t", p) if _LEADER_HINT.search(p) else p


def _unspaced(m: re.Match[str]) -> str:
    """A word spaced out letter by letter, written whole ("평   균" → "평균"): its letters
    split at the column gaps, the row was read as a service named "평"."""
    return m.group().replace(" ", "")


def parse(document: str | bytes) -> Round:
    """Parse a disclosure given as text or HTML (detected), or as bytes in any encoding read."""
    text = decode(document) if isinstance(document, bytes | bytearray) else document
    lines, is_html = to_lines(text)
    if not is_html:  # text copied out of a PDF: page numbers and running headers out
        lines = joined_wraps(joined_parentheses(text, without_furniture(text, lines)))
    english = is_english(text)
    undo: Rewrites = {}
    if english:  # a translated notice: the layout's words as the Korean ones
        published, lines = lines, korean_layout(lines)
        undo = rewrites(published, lines)  # findings keep the words they were published in
    if not lines:
        lines = [Line(1, "")]
    draft = Draft(lines, is_html, [as_read(line.text) for line in lines])

    sections = [
        part
        for section in split_sections(draft, read_title(draft))
        for found in split_findings(section)
        for table_part in split_score_tables(found)
        for part in split_roster(table_part)
    ]
    if "round_no" not in draft.fields and draft.title_line is not None:
        before = [s for s in sections if s.kind in ("preamble", "overview")]
        round_from_text(draft, draft.title_line, [b for s in before for b in s.body])
    read_all_statements(draft, sections)
    services = read_services(draft, [s for s in sections if s.kind == "services"])
    read_roster(draft, [s for s in sections if s.kind == "roster"], services)
    table = read_scores(draft, [s for s in sections if s.kind == "scores"], services)
    read_listed_scores(draft, services)
    read_marks(draft, services)
    add_named_below(draft, services)
    if not services and "average_score" not in draft.fields:
        last = next((line for line in reversed(lines) if line.text.strip()), lines[-1])
        at = next((s.heading for s in sections if s.kind == "results"), last)
        draft.fail(at, "expected the results: an average, scores or services ('□ 평가결과')")
    check_findings(draft, services)
    check_counts(draft, services)
    cutoff_from_usage(draft)
    check_scores(draft, services, table)

    name_below_cutoff(draft, services)
    named_as_services(draft, services)
    results = tuple(result(s) for s in services)
    if undo:
        results = as_published(results, undo)
    draft.fields.setdefault("services_evaluated", len(results))
    return Round(
        services=results,
        usage=tuple(usage_as_published(u, draft, undo) for u in draft.usage if u),
        figures=tuple(draft.figures.values()),
        lines=dict(draft.where),
        **draft.fields,
    )


def usage_as_published(text: str, draft: Draft, undo: Rewrites) -> str:
    """A usage line of an English page in its published words ("below 75 points", not "below
    75점"): what was rewritten on the line it was read from is put back."""
    if not undo:
        return text
    for line, p in zip(draft.lines, draft.plains, strict=True):
        if line.no in undo and text in p:
            return put_back(text, undo[line.no])
    pairs = [  # an item over several lines (``hanging``): what each of its lines rewrote
        pair
        for line, p in zip(draft.lines, draft.plains, strict=True)
        if line.no in undo and len(part := strip_bullet(p)) > 8 and part in text
        for pair in undo[line.no]
    ]
    return put_back(text, pairs) if pairs else text


def read_all_statements(draft: Draft, sections: list[Section]) -> None:
    """The statements of every section that may hold them, results first."""
    if not draft.is_html:  # a text page: an item's hanging lines are the item's
        for s in sections:
            if s.kind == "usage" or s.kind in _STATEMENT_ORDER:
                s.body = hanging(aligned_keys(s.body))
    for s in sections:
        if s.kind == "usage":
            read_usage(draft, s)
    readable = [s for s in sections if s.kind in _STATEMENT_ORDER]
    readable += [n for s in sections if s.kind == "scores" and (n := _notes_of_table(s))]
    for s in sorted(readable, key=lambda s: _STATEMENT_ORDER[s.kind]):
        read_statements(draft, s, YearStatements(draft, s) if s.kind == "year" else None)


def _notes_of_table(section: Section) -> Section | None:
    """The statements under a score table's own heading ("다. 75점 미만 사무 : A(1개)" after
    the rows of "나. 사무별 점수"): read as the results', or the names below the cutoff are
    lost.  Only lines that are no row and state the cutoff; the rows and bands are the
    table's."""
    notes = [
        (line, p)
        for line, p in section.body
        if p and not is_table_line(p) and CUTOFF.search(p) and "점대" not in p and "\t" not in p
    ]
    return Section("results", section.heading, notes, name=section.name) if notes else None


def check_counts(draft: Draft, services: list[ServiceDraft]) -> None:
    """Every stated count of services evaluated against the services read.  A complete list
    (findings for every service, a score table, a list of the services) must have exactly
    as many; services named only in passing (the best score, those below the cutoff) may be
    fewer than the count, never more."""
    for n, line in sorted(draft.stated_counts, key=lambda stated: stated[1].no):
        if n != len(services) and (draft.complete or n < len(services)):
            draft.fail(line, f"expected {n} service sections as stated here, found {len(services)}")


def add_named_below(draft: Draft, services: list[ServiceDraft]) -> None:
    """The services named below the cutoff without a score ("○ 미달 사무 : 3개" / "- 서울시
    ○○센터 운영"), beside findings for some other services: services of the round as well
    (evaluated, their scores unpublished), or they would be names of no service.  Only
    when the services read are a partial list; a complete one must already hold them."""
    names = draft.fields.get("below_cutoff_names") or ()
    if draft.complete or not services or not names:
        return
    keys = {s.key: s for s in services}
    line = draft.line(draft.where.get("below_cutoff", 1))
    for name in names:
        key = service_key(name)
        if match_key(key, keys) is None:
            keys[key] = ServiceDraft(len(services) + 1, name, key, line, listed=True)
            services.append(keys[key])


def name_below_cutoff(draft: Draft, services: list[ServiceDraft]) -> None:
    """The names below the cutoff, when only the count was stated (a band "75점 미만 2") and
    exactly that many published scores are below it (a table of those services)."""
    count = draft.fields.get("below_cutoff_count")
    if not count or draft.fields.get("below_cutoff_names"):
        return
    cutoff = float(draft.fields.get("cutoff", DEFAULT_CUTOFF))
    below = [s.name for s in services if s.score is not None and float(s.score) < cutoff]
    if len(below) == count:
        draft.fields["below_cutoff_names"] = tuple(below)


def named_as_services(draft: Draft, services: list[ServiceDraft]) -> None:
    """The names below the cutoff, and the one the page calls the best, as the services they
    name are called: a sentence shortens them ("어르신취업지원센터 한 곳(74.10점)" for "서울시
    어르신취업지원센터 운영"), and a name must be one identity wherever the round uses it."""
    if not services:
        return
    keys = {s.key: s for s in services}

    def named(name: str) -> str:
        found = match_key(service_key(name), keys)
        return found.name if found is not None else name

    if names := draft.fields.get("below_cutoff_names"):
        draft.fields["below_cutoff_names"] = tuple(named(name) for name in names)
    for at, figure in draft.figures.items():  # "최고점 : 서울 핀테크랩 86.40점"
        if figure.metric == "top_score" and figure.text:
            draft.figures[at] = replace(figure, text=named(figure.text))
