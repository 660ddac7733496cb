"""The notification a subscriber receives: a short round summary and a "details" button.

Composed from the knowledge base (``Queries``), not from the engine's free-text answer,
so it stays four lines long whatever the round holds: which round, how many services
were evaluated, the average, how many fell below the cutoff.  Numbers go through Babel
in the subscriber's language at their published precision.  The button carries the
question a reader would ask next in the adapter's versioned callback data (``v1:q:``),
so tapping it is answered by the ordinary button handler.
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.telegram import keyboards
from bot.telegram.texts import N_, t
from knowledge.model import StoredRound
from knowledge.queries import Queries
from knowledge.subscribers import Notice


def number(value: float, precision: int, lang: str) -> str:
    pattern = "#,##0" + ("." + "0" * precision if precision > 0 else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=lang)


def _cutoff(value: float, lang: str) -> str:
    return number(value, 0 if float(value).is_integer() else 1, lang)


def _below(queries: Queries, round_: StoredRound) -> int | None:
    """How many fell below the cutoff: computed from scores when all are published."""
    evaluations = queries.evaluations(round_.year, round_.round_no)
    if evaluations and all(e.score is not None for e in evaluations):
        return sum(1 for e in evaluations if e.score is not None and e.score < round_.cutoff)
    return round_.below_cutoff_count


def facts(queries: Queries, round_: StoredRound, lang: str) -> list[str]:
    """The summary lines that the knowledge base can support (unknown ones are left out)."""
    lines = []
    evaluated = round_.services_evaluated or len(queries.evaluations(round_.year, round_.round_no))
    if evaluated:
        lines.append(t("notice_services", lang, count=evaluated))
    if round_.average_score is not None:
        average = number(round_.average_score, round_.average_precision, lang)
        lines.append(t("notice_average", lang, average=average))
    below = _below(queries, round_)
    cutoff = _cutoff(round_.cutoff, lang)
    if below == 0:
        lines.append(t("notice_none_below", lang, cutoff=cutoff))
    elif below is not None:
        lines.append(t("notice_below", lang, cutoff=cutoff, count=below))
    return lines


def details_markup(year: int, round_no: int, lang: str) -> InlineKeyboardMarkup:
    """One button asking for the round's summary (stateless ``v1:q:`` callback data)."""
    question = t("notice_question", lang, year=year, round_no=round_no)
    data, digest = keyboards.encode_question(question)
    if digest is not None:  # a stored turn would be needed to resolve it: never for this text
        raise ValueError(f"details question too long for callback data: {question!r}")
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t("notice_button", lang), callback_data=data)]]
    )


def compose(queries: Queries, notice: Notice) -> tuple[str, InlineKeyboardMarkup]:
    """The HTML text and the keyboard of one notification."""
    lang = notice.lang
    title_key = N_("notice_updated") if notice.notice == "updated" else N_("notice_new")
    title = t(title_key, lang, year=notice.year, round_no=notice.round_no)
    round_ = queries.get_round(notice.year, notice.round_no)
    body = facts(queries, round_, lang) if round_ else []
    text = "\n".join([title, *body, "", t("notice_footer", lang)])
    return text, details_markup(notice.year, notice.round_no, lang)
