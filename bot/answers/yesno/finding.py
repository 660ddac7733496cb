"""Checks that a service's findings answer: a claim one of them states (an amount compared
with the one asked, a state, a direction), whether it was the only service told so, and what
was said of another service instead."""

from __future__ import annotations

import re

from bot.answers import HANDLERS, tally
from bot.answers.base import Request, every_name, round_name, service_name
from bot.answers.yesno.claimed import (
    claimed_sides,
    claims,
    without_claims,
    without_sides,
    wrong_kind,
)
from bot.answers.yesno.common import Verdict, has, named_service, parts
from bot.answers.yesno.cues import AMOUNT, LESS, MORE, POINTING, SAME_UNIT
from bot.understand.search import current_index
from bot.understand.services import kind_names
from knowledge.model import Service, StoredFinding

#: How much of what a check asks a finding must say for it to answer yes.
FINDING_COVERAGE = 0.6
#: ... and for its state ("새 설비야?": the finding about the equipment) to answer the check.
SIDE_COVERAGE = 0.5
#: ... and of another service's finding, for a "no, that was someone else" (surer).
OTHER_COVERAGE = 0.75


def _unit(word: str) -> str:
    """A unit as it is compared: an English one as its Korean one (cues.yaml ``same_unit``)."""
    return SAME_UNIT.get(word, word)


def _called_by(service: Service, findings: list[StoredFinding]) -> tuple[str, ...]:
    """What people call the service's kind ("느린 학습자 지원하는 센터", services.yaml
    ``kinds``): words that named the service, no claim about it to find in its findings —
    except a word its findings use themselves ("소각" of 소각로: a topic, not a name)."""
    names = [service.name_ko, service.name_en or "", *service.aliases]
    said = " ".join(f"{f.text_ko} {f.text_en or ''}" for f in findings).lower()
    return tuple(
        word
        for word in kind_names(names)
        if not any(_stem(part) in said for part in word.lower().split())
    )


def _stem(word: str) -> str:
    """A Korean word's first two syllables (particles and endings follow them); an English
    word whole, with a space before it."""
    return f" {word}" if word.isascii() else word[:2]


def findings_say(req: Request) -> Verdict | None:
    """ "신규 위탁사무인가요?", "recognised by a ministry?", "more than 15 years old?": a check
    about a named service that one of its findings answers — yes, the finding as evidence
    (an amount it states is compared with the one asked).  Nothing close: no verdict."""
    e = req.entities
    service = named_service(req)
    if service is None:
        return None
    findings = req.q.findings(service.id)
    if e.year is not None:
        findings = [f for f in findings if f.year == e.year] or findings
    if not findings:
        return None
    by_id = {f.id: f for f in findings}
    names = every_name(service)
    named_sides = claimed_sides(req.question)
    asked_text = _without_amount(without_claims(parts().without_ending(req.question)))
    # "이거 신규사무임?": the pointing word is the service itself, not a claim about it
    asked_text = POINTING.sub(" ", asked_text).strip() or asked_text
    if named_sides and not AMOUNT.search(req.question.lower()):
        # "새 설비야?" (an amount asked, "under 10 years old", is compared below instead)
        what = without_sides(asked_text)
        side = _side_stated(req, service, findings, named_sides, what, names)
        if side is not None:
            return side
    hits = current_index(req.q).within(asked_text, by_id, ignore=names)
    if not hits or hits[0].coverage < FINDING_COVERAGE:
        # "느린 학습자 지원하는 센터는 새로 위탁된 곳인가요?": the words that named the
        # service by its kind are no claim either — tried only when the names alone leave
        # too much unexplained
        called = _called_by(service, findings)
        if called:
            hits = current_index(req.q).within(asked_text, by_id, ignore=" ".join((names, *called)))
    if not hits or hits[0].coverage < FINDING_COVERAGE:
        return _said_of_another(req, service, asked_text, names)
    asked = AMOUNT.search(req.question.lower())
    close = [by_id[h.finding_id] for h in hits if h.coverage >= FINDING_COVERAGE]
    if asked is not None:
        # "10년도 안 된 설비지?": of the findings about it, the one that states a number of years
        close = [f for f in close if _amounts(f, asked.group(2))] or close
    finding = close[0]
    if asked is not None:
        amount = _amount_answer(req.question.lower(), asked, finding)
        if amount is None:
            return None
        answer = amount
    else:
        answer = _direction_said(req.question, finding.text_ko) or "yes"
    rnd = req.q.get_round(finding.year, finding.round_no)
    line = _quoted(req, service, finding)
    documents = (rnd.document_id if rnd else finding.document_id,)
    wrong = wrong_kind(req, finding)
    if wrong is not None:
        # "칭찬받은 거 맞죠?" of an improvement task: no, whatever the words share
        return Verdict("no", (wrong, line), documents)
    return Verdict(answer, (line,), documents)


def _amount_answer(lower: str, asked: re.Match[str], finding: StoredFinding) -> str | None:
    """ "소각로 20년 넘었어?" against "노후화(18년)": the amount the finding states in the unit
    asked against the one asked — more, less or the same, as the words beside it claim;
    None when the finding states none in that unit."""
    said = _amounts(finding, asked.group(2))
    if not said:
        return None
    value, stated = float(asked.group(1)), float(said[0].group(1))
    rest = lower[asked.end() :] + lower[: asked.start()]
    if LESS.search(rest):
        return "yes" if stated < value else "no"
    if MORE.search(rest):
        return "yes" if stated > value else "no"
    return "yes" if stated == value else "no"


def _side_stated(
    req: Request,
    service: Service,
    findings: list[StoredFinding],
    said: list[tuple[int, bool, bool]],
    asked_text: str,
    names: str,
) -> Verdict | None:
    """ "소각로는 새 설비야?" against "소각로 설비의 노후화(18년)": the state one of the
    service's findings gives of what is asked — the side the question names (yes), the
    other (no), or, asked both ("new or existing?"), the side stated.  The findings about
    what is asked come first; asked nothing else, any finding of the service."""
    by_id = {f.id: f for f in findings}
    index = current_index(req.q)
    hits = index.within(asked_text, by_id, ignore=names)
    about = [by_id[h.finding_id] for h in hits if h.coverage >= SIDE_COVERAGE]
    if not about and not index.tokens(index.without_names(asked_text, names), query=True):
        about = findings  # "신규 사무라던데 맞아요?": nothing but the state is asked
    pairs = claims().opposites
    for finding in about:
        text = f"{finding.text_ko} {(finding.text_en or '').lower()}"
        for pair, first, second in said:
            one, other = pairs[pair]
            says_first, says_second = bool(one.search(text)), bool(other.search(text))
            if says_first == says_second:
                continue
            # both named ("new or existing?"): the side stated is the answer
            answer = "stated" if first and second else "yes" if says_first == first else "no"
            rnd = req.q.get_round(finding.year, finding.round_no)
            line = _quoted(req, service, finding)
            return Verdict(answer, (line,), (rnd.document_id if rnd else finding.document_id,))
    return None


def _direction_said(question: str, finding: str) -> str | None:
    """ "지적사항 늘고 있음?" against "…지적사항이 감소하고 있는 추세": when the question and the
    finding each name exactly one direction, whether they agree ("yes"/"no"); else None."""
    up, down = tally.directions(question.lower())
    said_up, said_down = tally.directions(finding.lower())
    if up == down or said_up == said_down:
        return None
    return "yes" if up == said_up else "no"


def _without_amount(text: str) -> str:
    """ "소각로 20년 넘은거": what is asked about, without the amount claimed and the words
    comparing it ("넘은거", "over") — those are checked against the number a finding states,
    and no finding says "20" or "넘은" to be found by; the unit stays ("years old")."""
    if not AMOUNT.search(text.lower()):
        return text
    words = AMOUNT.sub(lambda m: f" {m.group(2)} ", text.lower()).split()
    kept = [w for w in words if not (MORE.search(w) or LESS.search(w))]
    return " ".join(kept) or text


def _amounts(finding: StoredFinding, unit: str) -> list[re.Match[str]]:
    """The amounts a finding states in ``unit`` ("노후화(18년)", "18 years old")."""
    text = f"{finding.text_ko} {(finding.text_en or '').lower()}"
    return [m for m in AMOUNT.finditer(text) if _unit(m.group(2)) == _unit(unit)]


def only_one(req: Request) -> Verdict | None:
    """ "Was it the only service told to use the checklist?", "거기만 그 과제 받았어?": what is
    said of one service, looked for in every service's findings — another service told the
    same makes the answer no, naming it; none found: the service's own checks decide (its
    finding may itself say it is the only one: "국내 유일한 …")."""
    service = named_service(req)
    if service is None:
        return None
    names = every_name(service)
    if not (has(req, "only") or _named_alone(req.question, names)):
        return None
    asked = parts().checks["only"].sub(" ", parts().without_ending(req.question))
    everything = req.q.findings_by_id
    hits = current_index(req.q).within(asked, everything, ignore=names)
    close = [everything[h.finding_id] for h in hits if h.coverage >= FINDING_COVERAGE]
    own = [f for f in close if f.service.id == service.id]
    others = {f.service.id: f for f in close if f.service.id != service.id}
    if not others or not (own or hits[0].coverage >= OTHER_COVERAGE):
        return None
    t = req.t
    lines = [
        t._(
            "Other services were told the same: {names}.",
            names=t.join([service_name(t, f.service) for f in others.values()]),
        )
    ]
    shown = [*own[:1], *others.values()]
    for finding in shown:
        lines.append(_quoted(req, finding.service, finding))
    return Verdict("no", tuple(lines), tuple(f.document_id for f in shown))


def _named_alone(question: str, names: str) -> bool:
    """ "경계선지능인 센터만 …": a word of the service's name with the particle 만 ("only")."""
    words = set(names.replace("(", " ").replace(")", " ").split())
    return any(
        w.endswith(("만", "만이")) and w.rstrip("이")[:-1] in words for w in question.split()
    )


def _quoted(req: Request, service: Service, finding: StoredFinding) -> str:
    """ "2023 round 3 evaluation of X: “…”": a finding quoted as published (its English
    text in English when there is one), the one wording every yes/no here cites by."""
    t = req.t
    text = (finding.text_en or finding.text_ko) if req.lang == "en" else finding.text_ko
    return t._(
        "{round} evaluation of {service}: “{finding}”",
        round=round_name(t, finding.year, finding.round_no),
        service=service_name(t, service),
        finding=text,
    )


def _said_of_another(req: Request, service: Service, asked_text: str, names: str) -> Verdict | None:
    """ "핀테크랩이 기획재정부 우수사례로 뽑힌 거 맞아?": what is asked was said of another
    service — no, and whose finding it was."""
    if not has(req, "the_one"):
        return None  # "is X new?": another service being new says nothing about X
    everything = req.q.findings_by_id
    hits = current_index(req.q).within(asked_text, everything, ignore=names)
    if not hits or hits[0].coverage < OTHER_COVERAGE:
        return None
    finding = everything[hits[0].finding_id]
    if finding.service.id == service.id:
        return None
    lines = (
        req.t._(
            "That was said of another service, {other}:", other=service_name(req.t, finding.service)
        ),
        _quoted(req, finding.service, finding),
    )
    return Verdict("no", lines, (finding.document_id,))


def topic(req: Request) -> Verdict | None:
    """ "만족도 얘기 나온 사무 있어?": yes when a finding says it, the findings as evidence."""
    found = HANDLERS["topic_search"](req)
    return (
        Verdict("yes" if found.answered and found.sources else "no", (), (), evidence=True)
        if found.answered
        else None
    )
