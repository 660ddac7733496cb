"""Who evaluated: the round's evaluator against a body named (or an outside or in-house
one), a change of evaluator between rounds or years, and evaluators known from reports only."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.answers.base import Request, report_note, round_name, scope_name
from bot.answers.yesno.common import Verdict, checked_round, has, in_english, parts
from bot.answers.yesno.cues import SAME
from knowledge.model import StoredRound


def evaluator_changed(req: Request) -> Verdict | None:
    """ "Did the evaluator change between 2021 and 2024?", "평가기관 같은 데야?": the
    evaluators of the rounds of the two years (or every loaded round) in time order."""
    e = req.entities
    if not (has(req, "evaluator_words") or e.what == "evaluator"):
        return None
    if not (has(req, "changed") or has(req, "same_as")):
        return None
    if _named_evaluators(req) and e.compare_year is None:
        return None  # "2026년 3차도 X야?": one round against the body named (evaluator)
    years = {y for y in (e.year, e.compare_year) if y is not None}
    rounds = [r for r in req.q.rounds() if r.evaluator and (not years or r.year in years)]
    if e.year is not None and e.compare_year is None and has(req, "earlier_rounds"):
        # "2026년 2차 평가기관, 전 회차들이랑 같아?": that round and every loaded one before it
        last = (e.year, e.round_no or 99)
        rounds = [r for r in req.q.rounds() if r.evaluator and (r.year, r.round_no) <= last]
        years = {r.year for r in rounds}
    timed = [
        ((r.year, r.round_no), _round_line(req, r), r.evaluator or "", r.document_id)
        for r in rounds
    ]
    timed += _reported_evaluators(req, years, {r.year for r in rounds})
    lines = [(line, name, doc) for _, line, name, doc in sorted(timed, key=lambda x: x[0])]
    newest_shown = req.newest is not None and req.newest in rounds
    if len(lines) == 1 and req.newest is not None and req.newest.evaluator and not newest_shown:
        # "did the same body do the 2024 one?": that year against the newest loaded round
        newest = req.newest
        lines.insert(0, (_round_line(req, newest), newest.evaluator or "", newest.document_id))
    if len(lines) < 2:
        return None
    differ = _bodies(name for _, name, _ in lines) > 1
    asks_same = has(req, "same_as") or bool(SAME.search(req.question))
    answer = "no" if differ == asks_same else "yes"
    return Verdict(answer, tuple(t for t, _, _ in lines), tuple(d for _, _, d in lines))


def _round_line(req: Request, rnd: StoredRound) -> str:
    """ "2024 round 1: KMAC": a round's evaluator, one line of a comparison over rounds."""
    return req.t._(
        "{round}: {evaluator}",
        round=round_name(req.t, rnd.year, rnd.round_no),
        evaluator=in_english(req, rnd.evaluator or ""),
    )


_ACRONYM = re.compile(r"[(（]\s*([A-Za-z][A-Za-z&.\s]{1,15})\s*[)）]|,\s*([A-Z][A-Z&.]{1,10})\s*$")


def _keys(name: str) -> set[str]:
    """The ways one evaluating body is written: its name without spaces, the name without
    its parenthesised acronym, and the acronym ("한국능률협회컨설팅(KMAC)" ~ "KMAC")."""
    squeezed = name.replace(" ", "")
    keys = {squeezed.lower()}
    for found in _ACRONYM.finditer(name):
        acronym = (found.group(1) or found.group(2) or "").replace(" ", "").lower()
        keys.add(acronym)
        keys.add(_ACRONYM.sub("", name).replace(" ", "").lower())
    return {k for k in keys if k}


def _bodies(names: Iterable[str]) -> int:
    """How many different bodies the names are, a body's names sharing a way of writing."""
    groups: list[set[str]] = []
    for name in names:
        keys = _keys(name)
        joined = [g for g in groups if g & keys]
        for g in joined:
            groups.remove(g)
            keys |= g
        groups.append(keys)
    return len(groups)


def _reported_evaluators(
    req: Request, years: set[int], loaded: set[int]
) -> list[tuple[tuple[int, int], str, str, int]]:
    """Evaluators known from reports only, for the named years (every year, when none is
    named) that no loaded round covers, oldest first."""
    found = []
    for stored in req.q.figures("evaluator"):
        f = stored.figure
        year = f.scope.year_start
        asked = not years or year in years  # no year named: every year ("ever changed?")
        if stored.official or not f.text or year is None or not asked or year in loaded:
            continue
        line = req.t._(
            "{scope}: {facts} — according to {note}.",
            scope=scope_name(req.t, f.scope),
            facts=req.t._("evaluated by {name}", name=in_english(req, f.text)),
            note=report_note(req, stored),
        )
        found.append(((year, f.scope.round_start or 0), line, f.text, stored.document_id))
    return found


def evaluator(req: Request) -> Verdict | None:
    """ "외부 기관이 평가했어?", "Was KMAC the evaluator?": the round's evaluator against
    the body (or the kind of body) the question names."""
    asked = req.entities.what == "evaluator" or has(req, "evaluator_words")
    if not asked and not _named_evaluators(req):
        # "is the rule itself in the ordinance?": not about who evaluated; a body known to
        # have evaluated a round, named ("2024년 3차도 X가 맡았어?"), is
        return None
    reported = _reported_evaluator(req)
    if reported is not None:
        return reported
    asserted = _asserted(req.question.lower())
    external = bool(parts().checks["external"].search(asserted))
    in_house = bool(parts().checks["in_house"].search(asserted))
    _, rnd = checked_round(req)
    if rnd is None or not rnd.evaluator:
        return None
    named = _said(req, rnd.evaluator)
    acronym = re.search(r"\b[A-Z]{2,}\b", req.question) is not None
    other = req.entities.what == "evaluator" and acronym
    other = other or bool(_named_evaluators(req) - {rnd.evaluator.replace(" ", "")})
    # "evaluated by Samil?", "삼일회계법인이 평가했어?": an agent named that is not the
    # round's evaluator (nor a kind of body: "by an outside body", "by the city itself")
    by_evaluator = req.entities.what == "evaluator"
    agent = has(req, "evaluated_by") or (
        by_evaluator
        and (
            has(req, "agent_did")
            or req.entities.unknown_name is not None
            or parts().named_agent(req.question)
        )
    )
    other = other or (agent and not (external or in_house or has(req, "government_body")))
    line = req.t._(
        "{round} was evaluated by {evaluator}, an external specialist body.",
        round=round_name(req.t, rnd.year, rnd.round_no),
        evaluator=in_english(req, rnd.evaluator),
    )
    if other and not named:  # "was KMAC the evaluator?": another body was named
        return Verdict("no", (line,), (rnd.document_id,))
    if not (external or in_house or named or has(req, "government_body")):
        return None
    if has(req, "government_body") and not named:
        return Verdict("no", (line,), (rnd.document_id,))  # a specialist body, not the state
    return Verdict("no" if in_house and not named else "yes", (line,), (rnd.document_id,))


def _reported_evaluator(req: Request) -> Verdict | None:
    """ "2020년 평가 때도 한국산업관계연구원이 했었나요?": a year no loaded round covers, whose
    evaluator a report names — the body asked about against that one (not the newest
    round's), the report named."""
    year = req.entities.year
    if year is None or any(r.year == year for r in req.q.rounds()):
        return None
    found = [(line, name, doc) for _, line, name, doc in _reported_evaluators(req, {year}, set())]
    if not found:
        return None
    named = any(_said(req, name) for _, name, _ in found)
    other = _named_evaluators(req) or has(req, "evaluated_by") or req.entities.unknown_name
    if not (named or other or parts().named_agent(req.question)):
        return None
    lines = tuple(line for line, _, _ in found)
    return Verdict("yes" if named else "no", lines, tuple(d for _, _, d in found))


def _named_evaluators(req: Request) -> set[str]:
    """The bodies known to have evaluated a round (loaded or reported) that the question
    names, in Korean or English ("…도 한국산업관계연구원이야?"), spaces removed."""
    names = {r.evaluator for r in req.q.rounds() if r.evaluator}
    names |= {f.figure.text for f in req.q.figures("evaluator") if f.figure.text}
    return {name.replace(" ", "") for name in names if _said(req, name)}


def _said(req: Request, name: str) -> bool:
    """Whether the question names the body ``name``: in Korean whatever its spacing, or
    by its English name."""
    if name.replace(" ", "") in req.question.replace(" ", ""):
        return True
    english = (req.q.english(name) or "").lower()
    return bool(english) and english in req.question.lower()


def _asserted(lower: str) -> str:
    """The side of a contrast the question asserts: before "rather than", after "아니라"
    ("by an outside body rather than the city itself?" asserts the outside body)."""
    checks = parts().checks
    after = checks["contrast_after"].search(lower)
    if after is not None:
        return lower[: after.start()]
    before = checks["contrast_before"].search(lower)
    return lower[before.end() :] if before is not None else lower
