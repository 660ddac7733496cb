"""What the evaluators wrote about each service: main achievements and improvement tasks,
and which services' findings mention a topic.

English answers use the curated translation of each finding; a finding without one is
shown in Korean and said to be published in Korean only.
"""

from __future__ import annotations

import re

from bot.answers import HANDLERS, handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    ask,
    service_name,
    suggestions,
)
from bot.answers.rounds import round_title
from bot.answers.services import which_service
from bot.understand.search import SURE_COVERAGE, FindingIndex, Hit, current_index
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, FindingKind, StoredFinding

#: Services a lookup by content lists at most (the most recently evaluated).
_LISTED_SERVICES = 10
_ENDING = re.compile(r"(?:ing|ed|es|s)$")


def _text(req: Request, finding: StoredFinding) -> tuple[str, bool]:
    """The finding in the answer's language, and whether it had to stay Korean."""
    if req.lang == "en":
        if finding.text_en:
            return finding.text_en, False
        return finding.text_ko, True
    return finding.text_ko, False


def _heading(req: Request, kind: str) -> str:
    if kind == ACHIEVEMENT:
        return req.t._("Main achievements:")
    return req.t._("Improvement tasks:")


@handles("findings")
def findings(req: Request) -> Reply:
    """A service's achievements, improvement tasks, or both, from its latest evaluation."""
    e = req.entities
    if e.service is None:
        return which_service(req, "findings")
    draft = Draft(req)
    korean_only = False
    said = focused(req, e.service) if len(e.services) == 1 and e.year is None else []
    if said:
        korean_only |= _said(req, said, draft)
    for service_id in () if said else e.services[:3]:
        korean_only |= _service_findings(req, service_id, draft)
    if korean_only:
        draft.add(
            req.t._("(Findings without an English translation are shown as published, in Korean.)")
        )
    if _asks_score(req) and not said:
        # "보조기기센터 점수랑 잘한 점 알려줘": its score first, then what was said
        scored = HANDLERS["service_score"](req)
        draft.lines[:0] = scored.text.splitlines()
        draft.documents.extend(s.document_id for s in scored.sources if s.document_id)
    service = req.q.service(e.service)
    other = IMPROVEMENT if e.kind == ACHIEVEMENT else ACHIEVEMENT if e.kind == IMPROVEMENT else None
    offers = []
    if other is not None:
        offers.append(ask_kind(req, service, other))
    offers.append(ask(req, "service_score", service))
    return draft.reply(
        answered=bool(draft.documents), suggestions=tuple(o for o in offers if o is not None)
    )


def _asks_score(req: Request) -> bool:
    """The question asks for the service's score beside its findings ("점수랑 잘한 점")."""
    from bot.understand.parts import shared_parts

    words = shared_parts().checks["score_words"].search(req.question.lower())
    return bool(words) and len(req.entities.services) == 1


def focused(req: Request, service_id: int) -> list[StoredFinding]:
    """The findings of the service that say what the question asks about it ("거기 소각로는
    몇 년 됐대?"), best first; [] when it asks for its findings in general."""
    from bot.understand.parts import shared_parts

    service = req.q.service(service_id)
    if service is None:
        return []
    names = " ".join(
        n for n in (service.name_ko, service.name_en, service.short_ko, *service.aliases) if n
    )
    question = shared_parts().without_ending(req.question)
    index = current_index(req.q)
    side = _side_asked(question)
    hits = index.focus(side, service_id, names) if side else []
    hits = hits or index.focus(question, service_id, names)
    by_id = {f.id: f for f in req.q.findings(service_id)}
    return [by_id[h.finding_id] for h in hits if h.finding_id in by_id]


def _side_asked(question: str) -> str | None:
    """ "핀테크 스타트업 키우는 데 해외진출 쪽은 평가 어땠어?": the words right before "쪽은",
    "면에서는", "부분은" — the side of the service asked about — or None."""
    from bot.understand.search import load_lookup

    words = question.split()
    markers = tuple(sorted(map(str, load_lookup()["aspect_markers"]), key=len, reverse=True))
    for i, word in enumerate(words):
        marker = next((m for m in markers if word == m or word.endswith(m)), None)
        if marker is None or (i == 0 and word == marker):
            continue
        glued = word[: -len(marker)]
        before = [*words[max(0, i - 2) : i], glued] if glued else words[max(0, i - 2) : i]
        return " ".join(w for w in before if w) or None
    return None


def _under(req: Request, finding: StoredFinding, draft: Draft) -> None:
    """The "service — round" heading that findings are listed under, with its source."""
    rnd = req.q.get_round(finding.year, finding.round_no)
    draft.add(
        req.t._(
            "{service} — {round}",
            service=service_name(req.t, finding.service),
            round=round_title(req, Target(finding.year, finding.round_no, True, rnd)),
        ),
        finding.document_id,
    )


def _said(req: Request, found: list[StoredFinding], draft: Draft) -> bool:
    """The findings that answer the question, under their service and round."""
    _under(req, found[0], draft)
    korean_only = False
    for finding in found:
        text, korean = _text(req, finding)
        korean_only |= korean
        label = (
            req.t._("achievement") if finding.kind == ACHIEVEMENT else req.t._("improvement task")
        )
        draft.add(req.t._("- ({kind}) {line}", kind=label, line=text))
    return korean_only


def ask_kind(req: Request, service, kind: str):
    from bot.answer import Suggestion

    name = service_name(req.t, service)
    if kind == ACHIEVEMENT:
        question = req.t._("Main achievements of {service}", service=name)
    else:
        question = req.t._("Improvement tasks of {service}", service=name)
    return Suggestion(question, question)


def _service_findings(req: Request, service_id: int, draft: Draft) -> bool:
    """Write one service's findings; returns whether any had to stay in Korean."""
    e = req.entities
    service = req.q.service(service_id)
    if service is None:
        return False
    evaluations = req.q.evaluations_of_service(service_id)
    if e.round_no is not None or e.year is not None:
        evaluations = [
            v
            for v in evaluations
            if (e.year is None or v.year == e.year)
            and (e.round_no is None or v.round_no == e.round_no)
        ]
    if not evaluations:
        draft.add(
            req.t._(
                "{service} has no evaluation in the knowledge base for that round or year.",
                service=service_name(req.t, service),
            )
        )
        return False
    latest = evaluations[-1]
    rnd = req.q.get_round(latest.year, latest.round_no)
    where = Target(latest.year, latest.round_no, True, rnd)
    heading = req.t._(
        "{service} — {round}", service=service_name(req.t, service), round=round_title(req, where)
    )
    at = len(draft.lines)
    draft.add(heading)  # cited below, with the findings it heads
    kinds: tuple[FindingKind, ...] = (ACHIEVEMENT, IMPROVEMENT)
    if e.kind == ACHIEVEMENT:
        kinds = (ACHIEVEMENT,)
    elif e.kind == IMPROVEMENT:
        kinds = (IMPROVEMENT,)
    korean_only = found = False
    for kind in kinds:
        items = req.q.findings(
            service_id=service_id, year=latest.year, round_no=latest.round_no, kind=kind
        )
        items = _nth(items, e.ordinal) if len(kinds) == 1 else items
        if not items:
            continue
        draft.add(_heading(req, kind), latest.document_id)
        found = True
        for finding in items:
            text, korean = _text(req, finding)
            korean_only |= korean
            draft.add(req.t._("- {line}", line=text))
    if not found:
        # "사회적경제지원센터 개선과제 나온 거 있어?": the page commented on other services only
        draft.lines[at] = req.t._(
            "The disclosure of {round} published no findings for {service}.",
            round=round_title(req, where),
            service=service_name(req.t, service),
        )
    return korean_only


def _nth(items: list[StoredFinding], ordinal: int | None) -> list[StoredFinding]:
    """ "개선과제 중에 첫 번째 것만", "the last improvement": one item of the list asked for
    (an ordinal left over once the service is named points into its findings)."""
    if ordinal is None or not items:
        return items
    index = ordinal - 1 if ordinal > 0 else ordinal
    return [items[index]] if -len(items) <= index < len(items) else items


def _search(req: Request, topic: str, kind: FindingKind | None) -> list[StoredFinding]:
    """Findings mentioning the topic, or — when more do — every word of it in any form
    ("attracting investment" is also "helped … attract investment")."""
    found = _first_search(req, topic, kind)
    if len(topic.split()) > 1:
        every = _every_word(req, topic.split(), kind)
        if {f.id for f in found} < {f.id for f in every}:
            return every
    return found


def _every_word(req: Request, words: list[str], kind: FindingKind | None) -> list[StoredFinding]:
    """Findings that mention each word's stem (an English ending taken off)."""
    found: list[StoredFinding] | None = None
    for word in words:
        stem = _ENDING.sub("", word) if len(word) > 6 else word
        hits = req.q.search_findings(stem, kind=kind)
        if found is not None:
            ids = {f.id for f in hits}
            hits = [f for f in found if f.id in ids]
        found = hits
    return found or []


def _first_search(req: Request, topic: str, kind: FindingKind | None) -> list[StoredFinding]:
    """Findings mentioning the topic; failing that, its singular, then its longest word."""
    tries = [topic]
    words = sorted(topic.split(), key=len, reverse=True)
    for word in [topic, *words]:
        for ending in ("es", "s"):
            if word.endswith(ending) and len(word) > len(ending) + 3:
                tries.append(word[: -len(ending)])
        tries.append(word)
    seen: set[str] = set()
    for term in tries:
        if term in seen or len(term) < 2:
            continue
        seen.add(term)
        found = req.q.search_findings(term, kind=kind)
        if found:
            return found
    return []


def _ranked(req: Request, kind: FindingKind | None) -> tuple[list[StoredFinding], bool]:
    """Findings about what the question describes, best first (BM25 over both languages);
    failing that, those mentioning the topic phrase word for word.  Also whether they are
    the findings saying the topic (the reply names it) or those matching the whole
    description ("해외 나가는 스타트업 도와주고 현지 전문가 붙여서 액셀러레이팅": all of it
    ranks them, not the one topic word "액셀러레이팅")."""
    e = req.entities
    query = req.question if not e.topic or e.topic in req.question else f"{e.topic} {req.question}"
    index = current_index(req.q)
    hits = index.search(query)
    by_id = req.q.findings_by_id
    found = [by_id[h.finding_id] for h in hits if h.finding_id in by_id]
    if found and kind is not None and any(f.kind == kind for f in found):
        found = [f for f in found if f.kind == kind]
    if not e.topic:
        return found, False
    if hits and _says_more(index, query, hits[0], e.topic):
        return found, False
    # a named topic: the findings saying it (or a synonym), in published order
    saying = _saying(req, e.topic, found) if found else []
    # none of the few best hits says it ("교육 관련 지적": "지적" outranked a topic that
    # twenty rounds hold everywhere): every finding mentioning the topic word for word
    said = saying or _search(req, e.topic, kind) or (_search(req, e.topic, None) if kind else [])
    if not said:
        return found, False  # no finding says the topic: those matching the description
    said.sort(key=lambda f: (f.year, f.round_no, f.evaluation_id, f.kind, f.position))
    return said, True


def _says_more(index: FindingIndex, query: str, best: Hit, topic: str) -> bool:
    """The best finding says surely more of the description than its topic word does: the
    whole description ranks the findings."""
    if best.coverage < SURE_COVERAGE:
        return False
    return index.matched_words(query, best.finding_id) > max(1, len(index.query_words(topic)))


def _saying(req: Request, topic: str, found: list[StoredFinding]) -> list[StoredFinding]:
    """The findings that say the topic itself or one of its synonyms ("startup" ~ 소셜벤처),
    not ones another word of the question brought in ("육아휴직 관련해서 정부 …": 정부 ~
    기획재정부 is not 육아휴직)."""
    index = current_index(req.q)
    own, extra, groups = index.synonyms(topic)
    alike = {*extra, *(t for g in groups for t in g)}
    out = []
    for finding in found:
        terms = set(index.terms.get(finding.id, ()))
        if (own and set(own) <= terms) or terms & alike:
            out.append(finding)
    return out


def _most_recent(
    by_service: dict[int, list[StoredFinding]],
) -> dict[int, list[StoredFinding]]:
    """At most ``_LISTED_SERVICES`` services, those evaluated most recently, in the
    order found: over twenty rounds a common topic ("교육") is in dozens of services, and
    a reply listing them all is one nobody reads (and past Telegram's message size)."""
    if len(by_service) <= _LISTED_SERVICES:
        return by_service
    newest = sorted(
        by_service,
        key=lambda s: max((f.year, f.round_no) for f in by_service[s]),
        reverse=True,
    )[:_LISTED_SERVICES]
    return {s: items for s, items in by_service.items() if s in newest}


@handles("topic_search")
def topic_search(req: Request) -> Reply:
    """Services whose findings say what the question describes ("보일러 부식 막은 곳",
    "which services mention investment?"), grouped by service, best match first."""
    e = req.entities
    kind: FindingKind | None = (
        ACHIEVEMENT if e.kind == ACHIEVEMENT else IMPROVEMENT if e.kind == IMPROVEMENT else None
    )
    found, topic_said = _ranked(req, kind)
    if len(e.services) == 1 and not e.service_candidates:
        # "거기 소각로 몇 년 됐대?" after a search found the facility: what its own
        # findings say about it; none does, then its findings as a whole
        found = [f for f in found if f.service.id == e.services[0]]
        if not found:
            return findings(req)
    draft = Draft(req)
    if not found and not e.topic and not current_index(req.q).tokens(req.question, query=True):
        draft.add(
            req.t._(
                "Which topic should I look for in the findings? For example: investment, education."
            )
        )
        return draft.reply(answered=False, suggestions=suggestions(req, "topic_search"))
    if not found and not e.topic:  # a description that matches no finding
        if e.how == "yes_no":
            draft.add(req.t._("No."))
        draft.add(req.t._("No finding in the knowledge base matches what you describe."))
        draft.cite(*(r.document_id for r in req.q.rounds()))
        return draft.reply(
            answered=False, suggestions=suggestions(req, "topic_search", "services_list")
        )
    if not found:  # "no finding mentions X" is itself the answer to "which mention X?"
        draft.add(req.t._("No finding in the knowledge base mentions “{topic}”.", topic=e.topic))
        draft.cite(*(r.document_id for r in req.q.rounds()))
        return draft.reply(suggestions=suggestions(req, "topic_search", "services_list"))
    topic = e.topic if topic_said else None
    by_service: dict[int, list[StoredFinding]] = {}
    for finding in found:
        by_service.setdefault(finding.service.id, []).append(finding)
    matched = len(by_service)
    by_service = _most_recent(by_service)
    if e.how == "yes_no":
        # "쓰레기 소각하는 시설도 있어?": the check is answered first, then the findings
        draft.add(req.t._("Yes."))
    draft.add(
        req.t.n_(
            "{n} service has findings mentioning “{topic}”:",
            "{n} services have findings mentioning “{topic}”:",
            matched,
            topic=topic,
        )
        if topic
        else req.t.n_(
            "{n} service has findings that match:",
            "{n} services have findings that match:",
            matched,
        )
    )
    if matched > len(by_service):
        draft.add(
            req.t._(
                "(The {shown} most recently evaluated are shown; name a year or a round "
                "to see the others.)",
                shown=len(by_service),
            )
        )
    korean_only = False
    for items in by_service.values():
        _under(req, items[0], draft)
        for finding in items:
            text, korean = _text(req, finding)
            korean_only |= korean
            label = (
                req.t._("achievement")
                if finding.kind == ACHIEVEMENT
                else req.t._("improvement task")
            )
            draft.add(req.t._("- ({kind}) {line}", kind=label, line=text))
    if korean_only:
        draft.add(
            req.t._("(Findings without an English translation are shown as published, in Korean.)")
        )
    return draft.reply()
