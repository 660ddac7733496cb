"""Facts the published results do not hold: say so plainly, then offer what is published.

Which facts these are, the words that ask for them and what to offer instead are data
(bot/understand/unpublished.yaml); this module only phrases them.  The part "what is
published" is the answer of another intent (the round summary, the evaluation period …)
or, for a fact about one service, a pointer to that service's findings — never the findings
themselves, which would read as an answer to the question asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

from bot.answers import HANDLERS, areas, handles
from bot.answers.base import (
    Draft,
    Reply,
    Request,
    ask,
    points,
    round_name,
    service_name,
    suggestions,
    target,
)
from bot.i18n import Translator
from bot.understand.parts import shared_parts
from bot.understand.unpublished import Attribute, known_part, load_attributes, unpublished
from bot.understand.vocab import phrase_pattern
from knowledge.model import Service, StoredRound

Sentence = Callable[..., str]

#: attribute -> (the sentence about all services or the round, the one about one service).
#: Placeholders: {round} (the round or year asked about), {service}.
SENTENCES: dict[str, tuple[Sentence, Sentence | None]] = {
    "contractor": (
        lambda t, **v: t._(
            "Which organisations run the evaluated services (their contractors) was not "
            "published in the evaluation results.",
            **v,
        ),
        lambda t, **v: t._(
            "Which organisation runs {service} (its contractor) was not published in the "
            "evaluation results.",
            **v,
        ),
    ),
    "publication_date": (
        lambda t, **v: t._(
            "When the results of {round} were published is not recorded in the knowledge "
            "base: the disclosure it holds carries no publication date.",
            **v,
        ),
        None,
    ),
    "budget": (
        lambda t, **v: t._("The budget of each service is not in the published results.", **v),
        lambda t, **v: t._("The budget of {service} is not in the published results.", **v),
    ),
    "staff": (
        lambda t, **v: t._(
            "How many staff the evaluated services employ is not in the published results.",
            **v,
        ),
        lambda t, **v: t._(
            "How many staff {service} employs is not in the published results.", **v
        ),
    ),
    "contract_term": (
        lambda t, **v: t._(
            "The contract period of each service is not in the published results.", **v
        ),
        lambda t, **v: t._(
            "The contract period of {service} (when its contract started or ends) is not in "
            "the published results.",
            **v,
        ),
    ),
    "score_distribution": (
        lambda t, **v: t._(
            "The score distribution of {round} is not in the published results: individual "
            "scores were not published.",
            **v,
        ),
        None,
    ),
    "below_cutoff_names": (
        lambda t, **v: t._(
            "Which services scored below the cutoff in {round} was not published: only "
            "how many did.",
            **v,
        ),
        None,
    ),
    "area_weights": (
        lambda t, **v: t._(
            "How many points each scoring area carries is not in the published results: "
            "only the areas and the total were published.",
            **v,
        ),
        None,
    ),
    "procedure": (
        lambda t, **v: t._(
            "The steps of the evaluation procedure are not in the published results: they "
            "give what was evaluated, by whom and when, and the scoring areas.",
            **v,
        ),
        None,
    ),
    "evaluation_cost": (
        lambda t, **v: t._("What the evaluation itself cost is not in the published results.", **v),
        None,
    ),
    "survey_respondents": (
        lambda t, **v: t._(
            "How many people answered the user satisfaction survey is not in the published "
            "results: they say only that user satisfaction is one of the scored areas.",
            **v,
        ),
        None,
    ),
    "area_scores": (
        lambda t, **v: t._(
            "Scores for each area (common, service-specific, user satisfaction) are not in the "
            "published results: only each round's average and the areas that were scored.",
            **v,
        ),
        None,
    ),
    "evaluator_names": (
        lambda t, **v: t._(
            "The names of the individual evaluators are not in the published results.", **v
        ),
        None,
    ),
}


#: attribute -> what introduces the published facts, when "what they do say" is not enough
#: (the evaluation period must not read as the date the results were published).
INTROS: dict[str, Callable[[Translator], str]] = {
    "publication_date": lambda t: t._(
        "What is known is the evaluation period — when the evaluation was carried out, "
        "not when its results were published:"
    ),
}


def _named(name: str | None) -> Attribute | None:
    """The attribute the router matched (a follow-up's own words may not name it)."""
    return next((a for a in load_attributes() if a.name == name), None)


@handles("not_published")
def not_published(req: Request) -> Reply:
    """Not published: the plain statement, then what is published instead."""
    attribute = unpublished(req.question, req.entities) or _named(req.entities.what)
    if attribute is None:  # the engine only picks this intent for a match; be safe anyway
        return HANDLERS["fallback"](req)
    if attribute.name == "publication_date":
        dated = _publication_date(req)
        if dated is not None:
            return dated
    if attribute.name == "below_cutoff_names" and _names_published(req):
        partial = _names_partial(req)
        if partial is None:
            return HANDLERS["below_cutoff"](req)  # this year's pages do name them
        return _some_named(req, *partial)
    if attribute.name == "area_scores" or (
        attribute.name == "area_weights" and req.entities.services
    ):
        # a service has no weights of its own: "X 분야별 점수" asks its scores by area
        scored = areas.answer(req)
        if scored is not None:
            return scored  # the round asked publishes each service's scores by area
    if attribute.name == "area_weights":
        weighed = _area_points(req)
        if weighed is not None:
            return weighed  # a round's overview gives each area's points
    if attribute.name == "score_distribution" and _scores_published(req):
        return HANDLERS["distribution"](req)  # a round in scope published its scores
    service = _service(req) if attribute.per_service else None
    if service is not None and attribute.name == "contractor":
        named = _contractor(req, service)
        if named is not None:
            return named  # a round's results table named it
    if service is not None:
        return _about_service(req, attribute, service)
    # "100점이 어떻게 나뉘어요? 뭘 보고 점수 매기는 거예요?": another part of the question asks
    # for what is published — answered as that part asks it, and the reply is an answer
    part = _known_part(req, attribute)
    known = HANDLERS[attribute.known](replace(req, question=part) if part else req)
    # a round not loaded, say: that reply is the honest one (names below the cutoff left
    # unknown are this attribute's own case: the plain statement comes first)
    if not known.answered and attribute.name != "below_cutoff_names":
        return known
    general, _ = SENTENCES[attribute.name]
    draft = Draft(req)
    elsewhere = _published_elsewhere(req) if attribute.name == "area_scores" else None
    draft.add(elsewhere or general(req.t, round=_scope(req)))
    intro = INTROS.get(attribute.name)
    draft.add(intro(req.t) if intro else req.t._("What the published results do say:"))
    draft.lines.extend(known.text.splitlines())
    answered = part is not None
    reply = draft.reply(answered=answered, suggestions=suggestions(req, *attribute.offer))
    return Reply(reply.text, answered, known.sources, reply.suggestions)


def _known_part(req: Request, attribute: Attribute) -> str | None:
    """The part of the question asking for what ``attribute.known`` answers (by that
    intent's cue words, intents.yaml), when another part asks the unpublished fact."""
    spec = req.specs.get(attribute.known)
    if spec is None or not spec.cues:
        return None
    return known_part(req.question, attribute, phrase_pattern(spec.cues))


def _published_elsewhere(req: Request) -> str | None:
    """Scores by area asked of a round that publishes none, while other loaded rounds do:
    "not published" is said of the round asked, with the rounds that do publish them."""
    publishing = areas.publishing_rounds(req)
    if not publishing:
        return None
    t = req.t
    return t._(
        "Scores by area were not published for {scope}; the rounds that published them: {rounds}.",
        scope=_scope(req),
        rounds=t.join([round_name(t, r.year, r.round_no) for r in publishing]),
    )


def _area_points(req: Request) -> Reply | None:
    """ "사용자 만족도 배점 바뀐 적 있음?", "How many points does each area carry?": the
    points each scoring area carries, from the rounds (the one asked, or every loaded one)
    whose overview publishes them; asked whether they changed, 네/아니요 first."""
    e, t = req.entities, req.t
    if e.round_no is not None or e.year is not None:
        where = target(req, whole_year=e.round_no is None)
        rounds = (
            [where.round] if where.round is not None else list(req.q.rounds_of_year(e.year or 0))
        )
    else:
        rounds = list(req.q.rounds())
    weighed = [r for r in rounds if r.area_points]
    if not weighed:
        return None
    draft = Draft(req)
    shapes = {tuple(points for _, points in r.area_points) for r in weighed}
    if e.how == "yes_no" and len(weighed) > 1:
        changed = len(shapes) > 1
        # "똑같았어?" claims no change: 아니요 when they changed
        claims_same = shared_parts().checks["unchanged_asked"].search(req.question.lower())
        verdict = t._("Yes") if changed != bool(claims_same) else t._("No")
        draft.add(
            t._(
                "{verdict} — the points of the scoring areas changed between rounds:",
                verdict=verdict,
            )
            if changed
            else t._(
                "{verdict} — every round that publishes them gives the same points:",
                verdict=verdict,
            )
        )
    else:
        draft.add(t._("Points of each scoring area, as the rounds publish them:"))
    _area_moves(req, weighed, draft)
    for rnd in weighed:
        areas = t.join(
            [
                t._("{area} {points} points", area=area, points=points)
                for area, points in rnd.area_points
            ]
        )
        draft.add(
            t._("{round}: {value}", round=round_name(t, rnd.year, rnd.round_no), value=areas),
            rnd.document_id,
        )
    silent = [r for r in rounds if not r.area_points]
    if silent:
        draft.add(
            t._(
                "{rounds} published no points per area.",
                rounds=t.join([round_name(t, r.year, r.round_no) for r in silent]),
            )
        )
    return draft.reply(suggestions=suggestions(req, "scoring_scheme"))


def _area_moves(req: Request, weighed: list[StoredRound], draft: Draft) -> None:
    """ "만족도 배점 몇 점 늘었어?": the one area asked, its points from round to round with
    each change computed (10 → 15: 15 − 10 = 5)."""
    area = areas.asked_area(req.question)
    if area is None or len(weighed) < 2:
        return
    t = req.t
    held = [
        (rnd, next((p for label, p in rnd.area_points if area.core in label), None))
        for rnd in weighed
    ]
    known = [(rnd, p) for rnd, p in held if p is not None]
    for (a, pa), (b, pb) in pairwise(known):
        draft.add(
            t._(
                "{area}: {first} points in {round_a} → {second} points in {round_b} ({sum})",
                area=areas.label(req, area, b),
                first=pa,
                second=pb,
                round_a=round_name(t, a.year, a.round_no),
                round_b=round_name(t, b.year, b.round_no),
                sum=f"{pb} − {pa} = {pb - pa:+d}" if pb != pa else t._("unchanged"),
            ),
            a.document_id,
            b.document_id,
        )


def _contractor(req: Request, service: Service) -> Reply | None:
    """ "전통시장 활성화지원센터 수탁기관이 어디였지?": the contractor a round's page named for
    the service (its results table has the column), newest first, each with its round."""
    named = req.q.contractors(service.id)
    if not named:
        return None
    t, draft = req.t, Draft(req)
    name = service_name(t, service)
    for year, round_no, contractor, document_id in reversed(named):
        draft.add(
            t._(
                "{service}: run by {contractor}, as the results of {round} name it.",
                service=name,
                contractor=contractor,
                round=round_name(t, year, round_no),
            ),
            document_id,
        )
    return draft.reply(suggestions=suggestions(req, "findings", "service_score"))


def _about_service(req: Request, attribute: Attribute, service: Service) -> Reply:
    """A fact about one service: not published; its findings are, so offer them."""
    t, draft = req.t, Draft(req)
    general, sentence = SENTENCES[attribute.name]
    name = service_name(t, service)
    draft.add(sentence(t, service=name) if sentence else general(t))
    evaluations = req.q.evaluations_of_service(service.id)
    asked = [v for v in evaluations if req.entities.year in (None, v.year)] or evaluations
    scored = [(v, v.score) for v in asked if v.score is not None]
    if scored:
        # what is published about it: its score, in the year asked (else its newest)
        last, value = scored[-1]
        draft.add(
            t._(
                "{service} scored {score} in {round}.",
                service=name,
                score=points(t, value, last.score_precision),
                round=round_name(t, last.year, last.round_no),
            ),
            last.document_id,
        )
    if evaluations:
        latest = max(evaluations, key=lambda e: (e.year, e.round_no))
        draft.add(
            t._(
                "What the published results hold about {service} are its main achievements "
                "and improvement tasks in {round}.",
                service=name,
                round=round_name(t, latest.year, latest.round_no),
            ),
            latest.document_id,
        )
    findings = ask(req, "findings", service)
    others = suggestions(req, *(i for i in attribute.offer if i != "findings"))
    offered = ((findings,) if findings else ()) + others
    return draft.reply(answered=False, suggestions=offered)


def _publication_date(req: Request) -> Reply | None:
    """When the round's disclosure does carry its date, the question has an answer."""
    where = target(req, whole_year=False)
    if where.round is None:
        return None
    doc = req.q.document(where.round.document_id)
    if not doc.published_on:
        return None
    draft = Draft(req)
    draft.add(
        req.t._(
            "The results of {round} were published on {date}.",
            round=round_name(req.t, where.round.year, where.round.round_no),
            date=req.t.date(doc.published_on),
        ),
        where.round.document_id,
    )
    return draft.reply(suggestions=suggestions(req, "period", "round_summary"))


def _names_published(req: Request) -> bool:
    """Whether a round of the year asked about names its services below the cutoff (or
    publishes scores, which name them too)."""
    year = req.entities.year or (req.newest.year if req.newest else None)
    rounds = req.q.rounds_of_year(year) if year is not None else []
    figures = req.q.figures_of_year(year) if year is not None else []
    yearly = [f for f in figures if f.figure.metric == "below_cutoff" and (f.figure.value or 0) > 0]
    if rounds and not yearly and all(r.below_cutoff_count == 0 for r in rounds):
        return True  # none fell below in the whole year: "none" answers "which ones"
    for rnd in rounds:
        if rnd.below_cutoff_names:
            return True
        if any(e.score is not None for e in req.q.evaluations(rnd.year, rnd.round_no)):
            return True
    return False


def _names_partial(req: Request) -> tuple[StoredRound, int, int] | None:
    """ "2025년 1차 75점 미만 4개 사무 이름 전부 알려줘" where the page names one of the
    four: the round, how many it names and how many fell below — the names asked for are
    not all published."""
    e = req.entities
    if e.round_no is not None:
        where = target(req, whole_year=False)
        rounds = [where.round] if where.round is not None else []
    else:
        year = e.year or (req.newest.year if req.newest else None)
        rounds = list(req.q.rounds_of_year(year)) if year is not None else []
    for rnd in rounds:
        count = rnd.below_cutoff_count or 0
        cutoff = rnd.cutoff or 75
        scored = [
            v
            for v in req.q.evaluations(rnd.year, rnd.round_no)
            if v.score is not None and v.score < cutoff
        ]
        named = max(len(rnd.below_cutoff_names), len(scored))
        if rnd.below_cutoff_names and count > named:
            return rnd, named, count
    return None


def _some_named(req: Request, rnd: StoredRound, named: int, count: int) -> Reply:
    """Only some of the services below the cutoff are named: said so, then the count and
    the names the page does give (the below-cutoff answer)."""
    t, draft = req.t, Draft(req)
    draft.add(
        t._(
            "{round} names only {named} of the {count} services below the cutoff; the other "
            "names are not in the published results.",
            round=round_name(t, rnd.year, rnd.round_no),
            named=named,
            count=count,
        ),
        rnd.document_id,
    )
    known = HANDLERS["below_cutoff"](req)
    draft.lines.extend(known.text.splitlines())
    reply = draft.reply(answered=False, suggestions=suggestions(req, "below_cutoff"))
    sources = tuple(dict.fromkeys((*reply.sources, *known.sources)))
    return Reply(reply.text, False, sources, reply.suggestions)


def _scores_published(req: Request) -> bool:
    """Whether a round the question covers (the round, the year, or — with no scope —
    any loaded round) published individual scores: then they can be distributed."""
    e = req.entities
    if e.round_no is not None or (e.year is None and e.has_scope):
        where = target(req, whole_year=False)
        rounds = [where.round] if where.round is not None else []
    elif e.year is not None:
        rounds = req.q.rounds_of_year(e.year)
    else:
        rounds = req.q.rounds()
    return any(v.score is not None for r in rounds for v in req.q.evaluations(r.year, r.round_no))


def _service(req: Request) -> Service | None:
    e = req.entities
    chosen = e.services[0] if e.services else None
    return req.q.service(chosen) if chosen is not None else None


def _scope(req: Request) -> str:
    """The round asked about (the newest when none is named), or the year if only it is."""
    where = target(req, whole_year=req.entities.round_no is None and req.entities.year is not None)
    if where.year is None:
        return ""
    if where.round_no is not None:
        return round_name(req.t, where.year, where.round_no)
    return req.t._("{year} (whole year)", year=where.year)
