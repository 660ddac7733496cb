"""The driver: runs the reading stages in order and assembles the ``Round``."""

from __future__ import annotations

from knowledge.disclosure.draft import Draft
from knowledge.disclosure.encoding import decode
from knowledge.disclosure.findings import check_findings, read_services, result
from knowledge.disclosure.lines import Line, to_lines
from knowledge.disclosure.roster import read_roster, split_roster
from knowledge.disclosure.scores import (
    check_scores,
    read_listed_scores,
    read_scores,
    split_score_tables,
)
from knowledge.disclosure.sections import read_title, split_sections
from knowledge.disclosure.statements import cutoff_from_usage, read_statements, read_usage
from knowledge.model import Round
from knowledge.textnorm import plain


def parse(document: str | bytes) -> Round:
    """Parse a disclosure given as text or HTML (detected), or as bytes in any encoding read."""
    text = decode(document) if isinstance(document, bytes | bytearray) else document
    lines, is_html = to_lines(text)
    if not lines:
        lines = [Line(1, "")]
    draft = Draft(lines, is_html, [plain(line.text) for line in lines])

    sections = [
        part
        for section in split_sections(draft, read_title(draft))
        for table_part in split_score_tables(section)
        for part in split_roster(table_part)
    ]
    kinds = {s.kind for s in sections}
    if "results" not in kinds:
        at = next((s.heading for s in sections if s.kind == "services"), lines[-1])
        draft.fail(at, "expected a results section ('□ 평가결과')")
    if "services" not in kinds:
        at = next(s.heading for s in sections if s.kind == "results")
        draft.fail(at, "expected a section of services ('□ 사무별 주요성과 및 과제')")
    for s in sections:
        if s.kind in ("overview", "results"):
            read_statements(draft, s)
        elif s.kind == "usage":
            read_usage(draft, s)

    services = read_services(draft, [s for s in sections if s.kind == "services"])
    read_roster(draft, [s for s in sections if s.kind == "roster"], services)
    table = read_scores(draft, [s for s in sections if s.kind == "scores"], services)
    read_listed_scores(draft, services)
    check_findings(draft, services)
    for n, line in draft.stated_counts:
        if n != len(services):
            draft.fail(line, f"expected {n} service sections as stated here, found {len(services)}")
    cutoff_from_usage(draft)
    check_scores(draft, services, table)

    results = tuple(result(s) for s in services)
    draft.fields.setdefault("services_evaluated", len(results))
    return Round(
        services=results,
        usage=tuple(u for u in draft.usage if u),
        figures=tuple(draft.figures.values()),
        lines=dict(draft.where),
        **draft.fields,
    )
