"""The notification a subscriber receives: a short round summary, and buttons.

Composed from the knowledge base (``Queries``), not from the engine's free-text answer,
so it stays a few lines long whatever the round holds: which round; for a service
subscriber, that *their* service was evaluated (and its score); how many services were
evaluated, the average, and which fell below the cutoff; for an updated round, what
changed from the page it replaces (old → new).  Numbers go through Babel in the
subscriber's language at their published precision.

Buttons: the round's summary (or, for a service subscriber, the service's results) as a
question in the adapter's versioned callback data (``v1:q:``), answered by the ordinary
button handler; and "stop these alerts" for the subscription the alert came from.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import keyboards
from bot.telegram.texts import N_, plain, t
from knowledge.model import Evaluation, Service, StoredRound
from knowledge.names import service_key
from knowledge.queries import Queries
from knowledge.subscribers import Notice

#: Names listed in a line ("below 75: A, B, C"); more are counted, not named.
MAX_NAMES = 8


def number(value: float, precision: int, lang: str) -> str:
    pattern = "#,##0" + ("." + "0" * precision if precision > 0 else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=lang)


def _cutoff(value: float, lang: str) -> str:
    return number(value, 0 if float(value).is_integer() else 1, lang)


def _name(service: Service, lang: str) -> str:
    return (service.name_en or service.name_ko) if lang == "en" else service.name_ko


def _score(evaluation: Evaluation, lang: str) -> str | None:
    if evaluation.score is None:
        return None
    return number(evaluation.score, evaluation.score_precision, lang)


def below_cutoff(
    queries: Queries, round_: StoredRound, evaluations: list[Evaluation], lang: str
) -> tuple[int | None, list[str]]:
    """How many fell below the cutoff, and their names when known: computed from the
    scores when all are published, else as the disclosure states them."""
    if evaluations and all(e.score is not None for e in evaluations):
        below = [e for e in evaluations if e.score is not None and e.score < round_.cutoff]
        return len(below), [_name(e.service, lang) for e in below]
    names = list(round_.below_cutoff_names)
    if lang == "en":
        by_key = {service_key(s.name_ko): s for s in queries.services()}
        names = [_name(by_key[k], lang) if (k := service_key(n)) in by_key else n for n in names]
    count = round_.below_cutoff_count
    return (count if count is not None else (len(names) or None)), names


def _names(names: list[str], lang: str) -> str:
    shown = ", ".join(names[:MAX_NAMES])
    if len(names) > MAX_NAMES:
        shown += plain("notice_more", lang, count=len(names) - MAX_NAMES)
    return shown


def facts(queries: Queries, round_: StoredRound, lang: str) -> list[str]:
    """The summary lines that the knowledge base can support (unknown ones are left out)."""
    evaluations = queries.evaluations(round_.year, round_.round_no)
    lines = []
    evaluated = round_.services_evaluated or len(evaluations)
    if evaluated:
        lines.append(t("notice_services", lang, count=evaluated))
    if round_.average_score is not None:
        average = number(round_.average_score, round_.average_precision, lang)
        lines.append(t("notice_average", lang, average=average))
    count, names = below_cutoff(queries, round_, evaluations, lang)
    cutoff = _cutoff(round_.cutoff, lang)
    if count == 0:
        lines.append(t("notice_none_below", lang, cutoff=cutoff))
    elif count is not None and names:
        lines.append(
            t("notice_below_named", lang, cutoff=cutoff, count=count, names=_names(names, lang))
        )
    elif count is not None:
        lines.append(t("notice_below", lang, cutoff=cutoff, count=count))
    return lines


def changes(queries: Queries, round_: StoredRound, lang: str) -> list[str]:
    """What an updated round changed from the version it replaces, old → new."""
    previous = queries.previous_version(round_.year, round_.round_no)
    if previous is None:
        return []
    old, old_evaluations = previous
    lines = []
    if old.average_score != round_.average_score and round_.average_score is not None:
        before = (
            number(old.average_score, old.average_precision, lang)
            if old.average_score is not None
            else plain("notice_unpublished", lang)
        )
        after = number(round_.average_score, round_.average_precision, lang)
        lines.append(t("notice_changed_average", lang, old=before, new=after))
    new_evaluations = queries.evaluations(round_.year, round_.round_no)
    old_count, _ = below_cutoff(queries, old, old_evaluations, lang)
    new_count, _ = below_cutoff(queries, round_, new_evaluations, lang)
    if old_count != new_count and old_count is not None and new_count is not None:
        cutoff = _cutoff(round_.cutoff, lang)
        lines.append(t("notice_changed_below", lang, cutoff=cutoff, old=old_count, new=new_count))
    old_scores = {e.service.id: e for e in old_evaluations}
    for evaluation in new_evaluations:
        earlier = old_scores.get(evaluation.service.id)
        if earlier is None or earlier.score == evaluation.score:
            continue
        unpublished = plain("notice_unpublished", lang)
        lines.append(
            t(
                "notice_changed_score",
                lang,
                service=_name(evaluation.service, lang),
                old=_score(earlier, lang) or unpublished,
                new=_score(evaluation, lang) or unpublished,
            )
        )
    return lines or [t("notice_changed_text", lang)]


def _subscribed(
    queries: Queries, round_: StoredRound, notice: Notice
) -> tuple[Service, Evaluation | None] | None:
    """The subscriber's own service in this round, if the alert is for one."""
    if notice.service_name_ko is None:
        return None
    key = service_key(notice.service_name_ko)
    for evaluation in queries.evaluations(round_.year, round_.round_no):
        if service_key(evaluation.service.name_ko) == key:
            return evaluation.service, evaluation
    return None


def markup(notice: Notice, service: Service | None, lang: str) -> InlineKeyboardMarkup:
    """The alert's buttons: its details (the subscriber's service's results, or the round's
    summary), and "stop these alerts"."""
    if service is not None:
        label = plain("notice_service_button", lang, service=_name(service, lang))
        data = keyboards.encode_service_round(service.id, notice.year, notice.round_no)
    else:
        label = plain("notice_button", lang)
        question = plain("notice_question", lang, year=notice.year, round_no=notice.round_no)
        data, digest = keyboards.encode_question(question)
        if digest is not None:  # a stored turn would be needed to resolve it: never for this
            raise ValueError(f"alert question too long for callback data: {question!r}")
    details = InlineKeyboardButton(label, callback_data=data)
    stop = keyboards.stop_button(notice.service_name_ko, plain("stop_these", lang))
    return InlineKeyboardMarkup([[details], [stop]])


def compose(queries: Queries, notice: Notice) -> tuple[str, InlineKeyboardMarkup]:
    """The HTML text and the keyboard of one notification."""
    lang = notice.lang
    updated = notice.notice == "updated"
    title_key = N_("notice_updated") if updated else N_("notice_new")
    lines = [t(title_key, lang, year=notice.year, round_no=notice.round_no)]
    round_ = queries.get_round(notice.year, notice.round_no)
    service: Service | None = None
    if round_ is not None:
        own = _subscribed(queries, round_, notice)
        if own is not None:
            service, evaluation = own
            score = _score(evaluation, lang) if evaluation else None
            name = _name(service, lang)
            if score is None:
                lines.append(t("notice_yours", lang, service=name))
            else:
                lines.append(t("notice_yours_score", lang, service=name, score=score))
        if updated:
            lines.extend(changes(queries, round_, lang))
        lines.extend(facts(queries, round_, lang))
    return "\n".join(lines), markup(notice, service, lang)
