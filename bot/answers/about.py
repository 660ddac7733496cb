"""What the evaluation is and why: its purpose, which services are evaluated (those whose
consignment period is ending), how the results are used (the ordinance's re-contract
review, the management guideline's exclusion below the cutoff), and what a term means."""

from __future__ import annotations

from bot.answers import handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    english_or_korean,
    round_name,
    suggestions,
    target,
    target_name,
)
from knowledge.model import StoredRound

#: Published words that mark the disclosure's statement of purpose ("… 판단을 위해 … 실시").
_PURPOSE_MARKS = ("위해", "실시")
#: Terms whose curated English explains them (glossary), asked as "what does X mean?".
_TERMS = ("민간위탁", "종합성과평가", "재계약")


def purpose_line(req: Request, document_id: int) -> str | None:
    """The disclosure's own statement of purpose: its first line before the first section
    that says why the evaluation is done; in English its curated translation."""
    text = req.q.document_text(document_id) or ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("□"):
            break
        if all(mark in line for mark in _PURPOSE_MARKS):
            return english_or_korean(req, line)
    return None


@handles("purpose")
def purpose(req: Request) -> Reply:
    """Why the evaluation is done, which services it covers, and how its results are used."""
    where = target(req, whole_year=False)
    rnd = where.round or req.newest
    draft = Draft(req)
    if rnd is None:
        draft.add(req.t._("The knowledge base holds no evaluation round yet."))
        return draft.reply(answered=False)
    if where.named and where.round is None and where.year is not None:
        # "2026년 1차 결과 어떻게 활용돼?" with that round not loaded: said first, so the
        # newest round's page that follows is not read as the round asked about
        draft.add(req.t._("{scope} is not in the knowledge base.", scope=target_name(req.t, where)))
    if _party_asked(req):
        _who_is_evaluated(req, rnd, draft)
    stated = purpose_line(req, rnd.document_id)
    if stated:
        draft.add(req.t._("Purpose, as published: {line}", line=stated), rnd.document_id)
    if rnd.usage:
        draft.add(
            req.t._(
                "How the results of {round} are used:",
                round=round_name(req.t, rnd.year, rnd.round_no),
            ),
            rnd.document_id,
        )
        for line in rnd.usage:
            draft.add(req.t._("- {line}", line=english_or_korean(req, line)))
    if not req.entities.has_scope:
        _usage_elsewhere(req, rnd, draft)
    _who_and_what(req, rnd, draft)
    lower = req.question.lower()
    for term in _TERMS:
        english = req.q.english(term)
        if (
            english
            and req.lang == "en"
            and (term in req.question or english.split(" (")[0] in lower)
        ):
            draft.add(req.t._("{term}: {meaning}", term=term, meaning=english))
    return draft.reply(
        answered=bool(draft.documents),
        suggestions=suggestions(req, "cutoff_rule", "scoring_scheme"),
    )


def _usage_elsewhere(req: Request, shown: StoredRound, draft: Draft) -> None:
    """Asked of no round, the use of the results is the evaluation's, not one round's: a
    kind of use (lookup.yaml ``result_uses``: the re-contract review, the exclusion, the
    services' improvement) another loaded round states and the one shown does not is
    added, under its own round."""
    said = {kind for line in shown.usage for kind in _uses(line)}
    for rnd in reversed(req.q.rounds()):
        new = [line for line in rnd.usage if _uses(line) - said]
        if rnd.document_id == shown.document_id or not new:
            continue
        said |= {kind for line in new for kind in _uses(line)}
        draft.add(
            req.t._(
                "How the results of {round} are used:",
                round=round_name(req.t, rnd.year, rnd.round_no),
            ),
            rnd.document_id,
        )
        for line in new:
            draft.add(req.t._("- {line}", line=english_or_korean(req, line)))


def _uses(line: str) -> set[str]:
    """The kinds of use one published line states."""
    from bot.understand.search import load_lookup

    lower = line.lower()
    kinds = load_lookup()["result_uses"]
    return {kind for kind, words in kinds.items() if any(str(w) in lower for w in words)}


def _party_asked(req: Request) -> bool:
    """The question asks who is evaluated (parts.yaml ``evaluated_party``)."""
    from bot.understand.parts import shared_parts

    return bool(shared_parts().checks["evaluated_party"].search(req.question.lower()))


def _who_is_evaluated(req: Request, rnd: StoredRound, draft: Draft) -> None:
    """Who is evaluated: each consigned service as its contractor (수탁기관) runs it — the
    published use of the results names the contractor as the one not re-contracted below
    the cutoff; who scores it (an outside body) follows from ``_who_and_what``."""
    draft.add(
        req.t._(
            "What is evaluated is each consigned service as its contractor (수탁기관) runs it: "
            "the private organisation operating the service, not the city department. A "
            "contractor whose service scores below {cutoff} points is not re-contracted.",
            cutoff=req.t.num(rnd.cutoff or 75, 0),
        ),
        rnd.document_id,
    )


def _who_and_what(req: Request, rnd: StoredRound, draft: Draft) -> None:
    """Who carries the evaluation out and what it scores, as the round publishes them: an
    account of what the evaluation is ("For a piece I'm writing: what does it decide, and
    who does the scoring?", "쉽게 설명해 주세요") is not complete without them."""
    name = round_name(req.t, rnd.year, rnd.round_no)
    if rnd.evaluator:
        draft.add(
            req.t._(
                "{round} was carried out by {evaluator}, an external specialist body.",
                round=name,
                evaluator=english_or_korean(req, rnd.evaluator),
            ),
            rnd.document_id,
        )
    if rnd.scoring_areas and rnd.max_points:
        areas = req.t.join([english_or_korean(req, a) or a for a in rnd.scoring_areas])
        draft.add(
            req.t._(
                "{round} scored {areas}, {max} points in total.",
                round=name,
                areas=areas,
                max=rnd.max_points,
            ),
            rnd.document_id,
        )
