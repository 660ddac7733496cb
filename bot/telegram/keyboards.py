"""Inline keyboards and their callback data.

Callback data is versioned ("v1:...") because buttons outlive deployments: a tap on a
button sent by an older bot must be recognised as old and answered politely, never
crash.  Telegram allows 1-64 bytes of callback data, so a button carries

* ``v1:k:<key>``    an example question by its key in examples.yaml (stateless),
* ``v1:q:<text>``   the question itself when it fits in 64 bytes (stateless),
* ``v1:h:<digest>`` a digest of a longer question; the chat's stored turn maps it back;
* ``v1:d:<id>``     a stored document to read (the source button);
* ``v1:s:<service id>:<year>:<round>`` a service's results in a round (alerts);
* ``v1:sub:<service id>``, ``v1:stop:<digest of a service name>``, ``v1:stop:all``:
  subscription buttons (bot/telegram/subscriptions.py).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Suggestion

VERSION = "v1"
MAX_CALLBACK_BYTES = 64
DIGEST_CHARS = 16
#: Digits of the largest SQLite integer (2**63 - 1).
MAX_ID_DIGITS = 19
Kind = Literal["k", "q", "h", "d", "s"]


@dataclass(frozen=True)
class Tap:
    """A decoded button: what kind of reference it carries, and the reference."""

    kind: Kind
    value: str


def digest(question: str) -> str:
    return hashlib.sha256(question.encode("utf-8")).hexdigest()[:DIGEST_CHARS]


def _fits(data: str) -> bool:
    return len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES


def encode_example(key: str) -> str:
    data = f"{VERSION}:k:{key}"
    if not _fits(data):
        raise ValueError(f"example key too long for callback data: {key!r}")
    return data


def encode_question(question: str) -> tuple[str, str | None]:
    """Callback data for a question, and the digest to remember when it did not fit."""
    data = f"{VERSION}:q:{question}"
    if _fits(data):
        return data, None
    key = digest(question)
    return f"{VERSION}:h:{key}", key


def decode(data: str | None) -> Tap | None:
    """The button behind callback data, or None for old, foreign or malformed data."""
    if not data:
        return None
    version, _, rest = data.partition(":")
    kind, _, value = rest.partition(":")
    if version != VERSION or kind not in ("k", "q", "h", "d", "s") or not value:
        return None
    if kind == "s" and not re.fullmatch(r"\d{1,19}:\d{4}:\d{1,2}", value, re.ASCII):
        return None
    if kind == "d" and not (value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS):
        return None  # "²" and "٣" are digits to str.isdigit(), and ids are SQLite integers
    return Tap(kind, value)  # type: ignore[arg-type]


def encode_document(document_id: int) -> str:
    return f"{VERSION}:d:{document_id}"


def encode_service_round(service_id: int, year: int, round_no: int) -> str:
    return f"{VERSION}:s:{service_id}:{year}:{round_no}"


def service_round(tap: Tap) -> tuple[int, int, int]:
    """(service id, year, round) of a ``v1:s:`` button."""
    service_id, year, round_no = (int(part) for part in tap.value.split(":"))
    return service_id, year, round_no


STOP = f"{VERSION}:stop:"
STOP_ALL = f"{STOP}all"


def encode_stop(service_name_ko: str | None) -> str:
    """A "stop these alerts" button's data: the digest of the service ("" for every round)."""
    return STOP + digest(service_name_ko or "")


def stop_button(service_name_ko: str | None, label: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode_stop(service_name_ko))


def suggestions_markup(
    suggestions: Iterable[Suggestion],
    documents: Iterable[tuple[int, str]] = (),
) -> tuple[InlineKeyboardMarkup | None, dict[str, str]]:
    """One button per suggestion (then per (document id, label) source to read), and
    digest -> question for the suggestions carried by digest."""
    rows, remembered = [], {}
    for suggestion in suggestions:
        data, key = encode_question(suggestion.question)
        if key:
            remembered[key] = suggestion.question
        rows.append([InlineKeyboardButton(suggestion.label, callback_data=data)])
    for document_id, label in documents:
        rows.append([InlineKeyboardButton(label, callback_data=encode_document(document_id))])
    return (InlineKeyboardMarkup(rows) if rows else None), remembered


def examples_markup(examples: Iterable[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per (key, question) example; the question is the label."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(question, callback_data=encode_example(key))]
            for key, question in examples
        ]
    )
