"""What the evaluators wrote about each service: main achievements and improvement tasks,
and which services' findings mention a topic.

English answers use the curated translation of each finding; a finding without one is
shown in Korean and said to be published in Korean only.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace
from functools import cache

from bot.answers import HANDLERS, handles, tally
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    Target,
    ask,
    every_name,
    points,
    round_name,
    service_name,
    suggestions,
)
from bot.answers.rounds import round_title
from bot.answers.services import which_service
from bot.understand.search import (
    SURE_COVERAGE,
    FindingIndex,
    Hit,
    current_index,
    services_counted,
)
from knowledge.model import ACHIEVEMENT, IMPROVEMENT, Evaluation, FindingKind, StoredFinding

#: Services a lookup by content lists at most (the most recently evaluated).
_LISTED_SERVICES = 10
_ENDING = re.compile(r"(?:ing|ed|es|s)$")
#: Where one sentence ends and the next begins ("I'm a foreign resident. Does …?").
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


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
    lined = e.threshold is not None or e.score is not None
    if len(e.services) == 1 and lined and tally.said(req.question, "each_evaluation"):
        # "did it get past 75 both times?": each evaluation against the line, not the
        # findings both rounds share
        return HANDLERS["yes_no"](replace(req, entities=replace(e, how="yes_no")))
    if len(e.services) == 1:
        across = across_rounds(req, e.service) or amounts_across(req, e.service)
        if across is not None:
            return across
        if record_asked(req, e.service) or evaluated_asked(req, e.service):
            # "몇 번 평가받았고 결과가 어땠나요?", "Does the city evaluate it?": every one
            return HANDLERS["service_score"](req)
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


def record_asked(req: Request, service_id: int) -> bool:
    """A service's whole record asked ("평가 이력", "몇 번 평가받았고 결과가 어땠나요?", "how
    has it done in its evaluations?") with no round named, of a service evaluated twice or
    more (tally.yaml ``record_asked``; its evaluations in the plural, lookup.yaml
    ``record_plural``)."""
    e = req.entities
    if e.year is not None or e.round_no is not None:
        return False
    lower = req.question.lower()
    if not (tally.said(lower, "record_asked") or _record_plural().search(lower)):
        return False
    return len(req.q.evaluations_of_service(service_id)) >= 2


@cache
def _record_plural() -> re.Pattern[str]:
    """lookup.yaml ``record_plural`` ("its evaluations", "평가들"), compiled once: a
    service's evaluations in the plural ask for every one of them."""
    from bot.understand.search import load_lookup
    from bot.understand.vocab import phrase_pattern

    return phrase_pattern(load_lookup()["record_plural"])


def evaluated_asked(req: Request, service_id: int) -> bool:
    """ "Does the city evaluate the Seoul Global Center?", "서울글로벌센터도 평가해?": a yes/no
    whose only content is the service (no round, no kind of finding, no word beyond the
    bot's own) asks whether it is evaluated — of a service evaluated twice or more, every
    evaluation answers it, not the newest one's findings.  A sentence before the question
    ("I'm a foreign resident.") is the asker's situation, not part of the check."""
    e = req.entities
    if e.how != "yes_no" or e.kind is not None or e.year is not None or e.round_no is not None:
        return False
    service = req.q.service(service_id)
    if service is None or len(req.q.evaluations_of_service(service_id)) < 2:
        return False
    names = every_name(service)
    index = current_index(req.q)
    asked = _SENTENCE_END.split(req.question.strip())[-1] or req.question
    words = index.query_words(index.without_names(asked, names))
    return all(t in index.own_terms for word in words for t in word)


def service_findings(req: Request, service_id: int, draft: Draft) -> bool:
    """One service's findings of the round the request names (its newest otherwise)."""
    return _service_findings(req, service_id, draft)


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
    names = every_name(service)
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
    heading = req.t._(
        "{service} — {round}",
        service=service_name(req.t, finding.service),
        round=round_title(req, Target(finding.year, finding.round_no, True, rnd)),
    )
    scored = next(
        (
            v
            for v in req.q.evaluations_of_service(finding.service.id)
            if (v.year, v.round_no) == (finding.year, finding.round_no)
        ),
        None,
    )
    draft.add(_with_score(req, heading, scored), finding.document_id)


def _with_score(req: Request, heading: str, evaluation: Evaluation | None) -> str:
    """A "service — round" heading with the score the round published beside the findings
    it earned (none when the round published no individual scores)."""
    if evaluation is None or evaluation.score is None:
        return heading
    value = points(req.t, evaluation.score, evaluation.score_precision)
    return req.t._("{line} ({score})", line=heading, score=value)


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
    if e.round_no is None and e.year is None and len(evaluations) > 1 and _back_then(req):
        latest = evaluations[-2]  # "What did they need to improve back then?"
    rnd = req.q.get_round(latest.year, latest.round_no)
    where = Target(latest.year, latest.round_no, True, rnd)
    heading = req.t._(
        "{service} — {round}", service=service_name(req.t, service), round=round_title(req, where)
    )
    heading = _with_score(req, heading, latest)
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


def _back_then(req: Request) -> bool:
    """ "back then", "예전엔" (lookup.yaml ``before_now``) of a service evaluated several
    times, no round named: the evaluation before its newest one — the newest is "now"."""
    from bot.understand.search import load_lookup
    from bot.understand.vocab import phrase_pattern

    return bool(phrase_pattern(load_lookup()["before_now"]).search(req.question.lower()))


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
    asked = services_counted(req.question)
    if asked is not None:
        hits = _counted(req, index, query, asked) or hits
    by_id = req.q.findings_by_id
    found = [by_id[h.finding_id] for h in hits if h.finding_id in by_id]
    if found and kind is not None and any(f.kind == kind for f in found):
        found = [f for f in found if f.kind == kind]
    if not e.topic or not index.query_words(e.topic):
        # a "topic" of words the search ignores ("whether", "kind") names nothing to look
        # for word for word: the description ranks the findings
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
    if saying and asked is not None:
        said = _up_to(said, _search(req, e.topic, kind), asked)
    said.sort(key=lambda f: (f.year, f.round_no, f.evaluation_id, f.kind, f.position))
    return said, True


def _up_to(said: list[StoredFinding], more: list[StoredFinding], asked: int) -> list[StoredFinding]:
    """ "체크리스트 얘기 들은 세 곳" where the best hits saying the topic name fewer services
    than asked: the other findings mentioning it word for word, service by service, until
    as many services as asked (no more: a common word is in dozens)."""
    services = {f.service.id for f in said}
    out = list(said)
    for finding in more:
        if finding in out:
            continue
        if finding.service.id not in services:
            if len(services) >= asked:
                continue
            services.add(finding.service.id)
        out.append(finding)
    return out


def _counted(req: Request, index: FindingIndex, query: str, asked: int) -> list[Hit]:
    """ "Which two services were both told to …", "… 얘기 들은 두 곳": the question says
    how many services it expects, so the ``asked`` best services whose findings fit on
    their own (``FindingIndex.fitting``) are kept — more when the next ones fit exactly as
    well, fewer when no more fit — each with the findings the plain search keeps of it.
    One shared word is no description: a finding the plain search left out must say two of
    the question's words ("투자 유치에 기여한 세 곳": not one saying only 기여)."""
    plain = {h.finding_id for h in index.search(query)}
    words = min(2, len(index.query_words(query)))
    fitting = [
        h
        for h in index.fitting(query, limit=max(8, 3 * asked))
        if h.finding_id in plain or index.matched_words(query, h.finding_id) >= words
    ]
    by_id = req.q.findings_by_id

    def owner(hit: Hit) -> int:
        found = by_id.get(hit.finding_id)
        return found.service.id if found is not None else -hit.finding_id

    chosen: dict[int, int] = {}  # service -> the finding that brought it in
    last = 1.0
    for hit in fitting:
        if owner(hit) in chosen:
            continue
        if len(chosen) >= asked and round(hit.coverage, 2) < last:
            break  # as many as asked, and the next fits less well than the last kept
        chosen[owner(hit)] = hit.finding_id
        last = round(hit.coverage, 2)
    kept = set(chosen.values())
    return [
        h for h in fitting if h.finding_id in kept or (h.finding_id in plain and owner(h) in chosen)
    ]


def _of_kind_asked(
    req: Request, found: list[StoredFinding], kind: FindingKind
) -> list[StoredFinding]:
    """ "the one that helps fintech startups expand overseas — what was it told to fix?":
    the description names one service by its achievements, the question asks its tasks —
    the finding that named it, then that evaluation's findings of the asked kind."""
    best = found[0]
    if len({f.evaluation_id for f in found}) != 1 or _kind_word_described(req, best, kind):
        return found
    index = current_index(req.q)
    by_id = req.q.findings_by_id
    own = [by_id[i] for i in index.of_service(best.service.id) if i in by_id]
    asked = [f for f in own if f.evaluation_id == best.evaluation_id and f.kind == kind]
    return [best, *sorted(asked, key=lambda f: f.position)] if asked else found


def _kind_word_described(req: Request, finding: StoredFinding, kind: FindingKind) -> bool:
    """Whether the question's word for the kind is one the matched finding itself says
    ("크라우드 펀딩 성과 얘기 나온 곳", "제도개선에 기여했다는 센터"): then it describes
    the finding, it does not ask for the other kind."""
    from bot.understand.vocab import shared_vocab

    pattern = shared_vocab().kinds[kind]
    said = {m.group(0) for m in pattern.finditer(req.question.lower())}
    text = f"{finding.text_ko} {finding.text_en or ''}".lower()
    return any(word in text for word in said)


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
    if kind is not None and found and not any(f.kind == kind for f in found):
        found = _of_kind_asked(req, found, kind)
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
    asked = services_counted(req.question)
    if asked is not None and matched < asked:
        # "which three services …" and two fit: the two, and that no third does
        draft.add(
            req.t.n_(
                "You asked for {asked} services; only {n} has findings that fit.",
                "You asked for {asked} services; only {n} have findings that fit.",
                matched,
                asked=asked,
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


# ---- a service's findings across its rounds -----------------------------------------------
#: How much of the smaller of two findings' weighted syllable pairs they must share to be
#: about the same matter (a task of 2023 and what 2026 says of it).
SAME_MATTER = 0.25
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)|(?<![\d'])'?(\d\d)\s*년")
_WORD = re.compile(r"[가-힣]+|[a-z]{3,}")


def _years_named(req: Request) -> list[int]:
    """The years the question names (entities first, then its own "2023", "23년")."""
    e = req.entities
    found = {y for y in (e.year, e.compare_year) if y is not None}
    for m in _YEAR.finditer(req.question):
        found.add(int(m.group(1)) if m.group(1) else 2000 + int(m.group(2)))
    return sorted(found)


def _two_rounds(
    req: Request, rounds: list[tuple[int, int]], mode: str
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The earlier and the later round of the service the question follows: the rounds of
    two named years; a named earlier year and the newest; else its last two."""
    years = [y for y in _years_named(req) if any(r[0] == y for r in rounds)]
    if mode == "compared" and len(years) < 2:
        return None  # "비교해줘" with one year: the plain answer compares nothing
    if len(years) >= 2:
        first = [r for r in rounds if r[0] == years[0]][-1]
        second = [r for r in rounds if r[0] == years[-1]][-1]
    elif len(years) == 1 and rounds[-1][0] != years[0]:
        first, second = [r for r in rounds if r[0] == years[0]][-1], rounds[-1]
    else:
        first, second = rounds[-2], rounds[-1]
    return (first, second) if first < second else None


@cache
def _weights(key: tuple[object, ...], texts: tuple[str, ...]) -> dict[str, float]:
    """Inverse document frequency of each syllable pair over every finding: a pair many
    findings use ("필요", "강화") says little about the matter."""
    del key
    df = Counter(g for text in texts for g in _grams(text))
    n = len(texts) + 1
    return {g: math.log(n / (k + 1)) for g, k in df.items()}


def _grams(text: str) -> set[str]:
    out: set[str] = set()
    for word in _WORD.findall(text.lower()):
        if word.isascii():
            out.add(word)
        else:
            out |= {word[i : i + 2] for i in range(len(word) - 1)}
    return out


def _same_matter(
    weights: dict[str, float], name: set[str], a: StoredFinding, b: StoredFinding
) -> float:
    """How far two findings of one service speak of the same matter: their shared pairs'
    weight over the smaller one's (the service's own name words left out)."""
    ga, gb = _grams(a.text_ko) - name, _grams(b.text_ko) - name

    def weight(grams: set[str]) -> float:
        return sum(weights.get(g, 0.0) for g in grams)

    smaller = min(weight(ga), weight(gb))
    return weight(ga & gb) / smaller if smaller else 0.0


def across_rounds(req: Request, service_id: int) -> Reply | None:
    """ "마포 2023년 과제 2026년엔 해결됐어?", "두 번 다 공통으로 나온 건?", "2023년이랑 2026년
    결과 비교": one service followed from an earlier round to a later one — each earlier
    improvement task with what the later round says of the same matter (achievement: acted
    on; improvement again: not yet; nothing), the tasks both rounds gave, or both rounds'
    results side by side.  None unless the question asks so and two rounds hold findings."""
    mode = tally.across_mode(req.question)
    service = req.q.service(service_id)
    if mode is None or service is None:
        return None
    mine = req.q.findings(service_id)
    rounds = sorted({(f.year, f.round_no) for f in mine})
    if len(rounds) < 2:
        return None
    pair = _two_rounds(req, rounds, mode)
    if pair is None:
        return None
    first, second = pair
    every = req.q.findings()
    weights = _weights(req.q.knowledge_signature(), tuple(f.text_ko for f in every))
    name = _grams(" ".join(n for n in (service.name_ko, service.short_ko) if n))
    earlier = [f for f in mine if (f.year, f.round_no) == first]
    later = [f for f in mine if (f.year, f.round_no) == second]
    t, draft = req.t, Draft(req)
    names = {
        "service": service_name(t, service),
        "first": round_name(t, *first),
        "second": round_name(t, *second),
    }
    if mode == "compared":
        korean = _side_by_side(req, service, (first, second), mine, draft)
    elif mode == "in_common":
        korean = _in_common(req, names, earlier, later, (weights, name), draft)
    else:
        korean = _followed_up(req, names, earlier, later, (weights, name), draft)
    draft.cite(*(f.document_id for f in (*earlier, *later)))
    if korean:
        draft.add(
            t._("(Findings without an English translation are shown as published, in Korean.)")
        )
    offer = ask(req, "service_score", service)
    return draft.reply(suggestions=(offer,) if offer is not None else ())


def _tasks_asked(req: Request, earlier: list[StoredFinding]) -> list[StoredFinding]:
    """The earlier tasks the question points at ("the checklist issue"), else all of them."""
    tasks = [f for f in earlier if f.kind == IMPROVEMENT]
    for word in _WORD.findall(req.question.lower()):
        forms = {word, word[:-1]} if len(word) >= 3 and not word.isascii() else {word}
        said = [
            f
            for f in tasks
            if any(w in f.text_ko or w in (f.text_en or "").lower() for w in forms if len(w) >= 2)
        ]
        if said and len(said) < len(tasks):
            return said  # a word only some tasks use points at them ("the checklist issue")
    return tasks


def _followed_up(
    req: Request,
    names: dict[str, str],
    earlier: list[StoredFinding],
    later: list[StoredFinding],
    weighing: tuple[dict[str, float], set[str]],
    draft: Draft,
) -> bool:
    """Each earlier task and the later finding on the same matter; a yes/no first (acted on
    when every task asked comes back as an achievement, not when one is a task again)."""
    t, korean = req.t, False
    tasks = _tasks_asked(req, earlier)
    draft.add(t._("{service}: the improvement tasks of {first} and what {second} said:", **names))
    states = []
    for task in tasks:
        text, k1 = _text(req, task)
        draft.add(t._("- {round}, improvement task: {line}", round=names["first"], line=text))
        scored = [(_same_matter(*weighing, task, f), f) for f in later]
        score, match = max(scored, key=lambda x: x[0], default=(0.0, None))
        k2 = False
        if match is None or score < SAME_MATTER:
            states.append("none")
            draft.add(t._("  → {round} says nothing about it.", round=names["second"]))
        else:
            line, k2 = _text(req, match)
            states.append(match.kind)
            if match.kind == ACHIEVEMENT:
                draft.add(t._("  → {round}, achievement: {line}", round=names["second"], line=line))
            else:
                draft.add(
                    t._(
                        "  → {round}, improvement task again: {line}",
                        round=names["second"],
                        line=line,
                    )
                )
        korean |= k1 or k2
    cited = _citing(earlier[0].year if earlier else None, later)
    korean |= _cited_lines(req, names, cited, draft)
    pointed = _pointed(req, cited)
    if pointed:  # the question names the matter a later finding reports on: its kind decides
        states = [f.kind for f in pointed]
    elif cited and all(s == "none" for s in states):
        states = [f.kind for f in cited]
    if req.entities.how == "yes_no" and states:
        if IMPROVEMENT in states:
            verdict = t._("No.")
        elif all(s == ACHIEVEMENT for s in states):
            verdict = t._("Yes.")
        else:
            verdict = t._("That cannot be known from the published results.")
        draft.lines[0] = f"{verdict} {draft.lines[0]}"
    return korean


def _citing(earlier_year: int | None, later: list[StoredFinding]) -> list[StoredFinding]:
    """Later findings that speak of the earlier evaluation themselves ("acting on the 2023
    recommendation", "requested in the previous evaluation (2023)"): the later round's own
    word on an earlier task, even when written in another language than the task, so no
    shared words would ever pair them (tally.yaml ``cites_earlier``, ``previous_evaluation``)."""
    out = []
    for f in later:
        for text in (f.text_ko, f.text_en or ""):
            lower = text.lower()
            year = earlier_year is not None and str(earlier_year) in lower
            if (year and tally.said(lower, "cites_earlier")) or tally.said(
                lower, "previous_evaluation"
            ):
                out.append(f)
                break
    return out


def _cited_lines(
    req: Request, names: dict[str, str], cited: list[StoredFinding], draft: Draft
) -> bool:
    """What the later round itself says of the earlier evaluation, kind by kind."""
    t, korean = req.t, False
    for f in cited:
        line, k = _text(req, f)
        korean |= k
        if f.kind == ACHIEVEMENT:
            draft.add(
                t._(
                    "{round} on the earlier evaluation, achievement: {line}",
                    round=names["second"],
                    line=line,
                )
            )
        else:
            draft.add(
                t._(
                    "{round} on the earlier evaluation, still a task: {line}",
                    round=names["second"],
                    line=line,
                )
            )
    return korean


def _pointed(req: Request, cited: list[StoredFinding]) -> list[StoredFinding]:
    """The citing findings that use a word of the question ("the roadmap"): those answer it."""
    words = {w for w in _WORD.findall(req.question.lower()) if len(w) >= 3 or not w.isascii()}
    words -= {str(y) for y in range(2000, 2100)}
    out = []
    for f in cited:
        own = " ".join(n for n in (f.service.name_ko, f.service.name_en, *f.service.aliases) if n)
        text = f"{f.text_ko} {f.text_en or ''}".lower()
        said = [w for w in words if (not w.isascii() or len(w) >= 5) and w not in own.lower()]
        if any(w in text for w in said):
            out.append(f)
    return out


def _in_common(
    req: Request,
    names: dict[str, str],
    earlier: list[StoredFinding],
    later: list[StoredFinding],
    weighing: tuple[dict[str, float], set[str]],
    draft: Draft,
) -> bool:
    """The tasks (or achievements, when asked) that both rounds gave on the same matter."""
    t, korean = req.t, False
    kind = req.entities.kind or IMPROVEMENT
    pairs = [
        (a, b)
        for a in earlier
        if a.kind == kind
        for b in later
        if b.kind == kind and _same_matter(*weighing, a, b) >= SAME_MATTER
    ]
    if not pairs:
        draft.add(t._("Nothing {first} gave it comes back in {second}.", **names))
        return False
    if kind == IMPROVEMENT:
        draft.add(t._("{service}: what both {first} and {second} asked it to improve:", **names))
    else:
        draft.add(t._("{service}: what both {first} and {second} praised:", **names))
    for a, b in pairs:
        for rnd, f in ((names["first"], a), (names["second"], b)):
            text, k = _text(req, f)
            korean |= k
            draft.add(t._("- {round}: {line}", round=rnd, line=text))
    return korean


def _side_by_side(
    req: Request,
    service,
    pair: tuple[tuple[int, int], tuple[int, int]],
    mine: list[StoredFinding],
    draft: Draft,
) -> bool:
    """Both rounds' results of the service: its standing against the cutoff (its score, or
    what the round's count says of it), then each round's findings."""
    from bot.answers.yesno import standing

    t, korean = req.t, False
    name = service_name(t, service)
    for year, round_no in pair:
        rnd = req.q.get_round(year, round_no)
        draft.add(t._("{service} — {round}", service=name, round=round_name(t, year, round_no)))
        ev = next(
            (
                v
                for v in req.q.evaluations_of_service(service.id)
                if (v.year, v.round_no) == (year, round_no)
            ),
            None,
        )
        if rnd is not None and ev is not None:
            draft.add(standing(req, name, ev, rnd), rnd.document_id)
        for kind in (ACHIEVEMENT, IMPROVEMENT):
            items = [f for f in mine if (f.year, f.round_no) == (year, round_no) and f.kind == kind]
            if items:
                draft.add(_heading(req, kind))
            for f in items:
                text, k = _text(req, f)
                korean |= k
                draft.add(t._("- {line}", line=text))
    return korean


#: A number of years a finding states ("노후화(18년)", "21년 경과"), not a year ("'24년").
_YEARS_OLD = re.compile(r"(?<![’'\d])(\d{1,2})\s*년(?!도|\s*[~\-]|\s*\d)")


def amounts_across(req: Request, service_id: int) -> Reply | None:
    """ "How old was the Mapo incinerator in the 2023 disclosure versus the 2026 one?": each
    of two named rounds' findings of the service that state a number of years, side by side
    — an amount asked (parts ``quantity``), not a score.  With no round named ("how old was
    the equipment said to be?"), every evaluation's that states one, oldest first: each
    page said its own age of the same equipment.  None otherwise."""
    from bot.understand.parts import shared_parts

    checks = shared_parts().checks
    lower = req.question.lower()
    if not checks["quantity"].search(lower) or checks["score_words"].search(lower):
        return None
    service = req.q.service(service_id)
    mine = req.q.findings(service_id)
    rounds = sorted({(f.year, f.round_no) for f in mine})
    if service is None or len(rounds) < 2:
        return None
    pair = _two_rounds(req, rounds, "compared")
    every = pair is None and not _years_named(req) and req.entities.round_no is None
    chosen = list(pair) if pair is not None else rounds if every else []
    stated = {
        r: [f for f in mine if (f.year, f.round_no) == r and _YEARS_OLD.search(f.text_ko)]
        for r in chosen
    }
    if every:  # only the evaluations that state an age: the others are no answer
        stated = {r: found for r, found in stated.items() if found}
        chosen = list(stated)
    if sum(1 for found in stated.values() if found) < (2 if every else 1):
        return None
    t, draft = req.t, Draft(req)
    korean = False
    for rnd in chosen:
        heading = t._(
            "{service} — {round}", service=service_name(t, service), round=round_name(t, *rnd)
        )
        draft.add(heading, *(f.document_id for f in mine if (f.year, f.round_no) == rnd))
        if not stated[rnd]:
            draft.add(t._("  → {round} says nothing about it.", round=round_name(t, *rnd)))
        for f in stated[rnd]:
            text, k = _text(req, f)
            korean |= k
            draft.add(t._("- {line}", line=text))
    if korean:
        draft.add(
            t._("(Findings without an English translation are shown as published, in Korean.)")
        )
    return draft.reply()
