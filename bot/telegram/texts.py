"""The adapter's own words (gettext, msgctxt "telegram") and example questions (examples.yaml).

Messages live in the engine's catalogs (bot/locales), filed under the context
``telegram`` with a stable key as msgid: ``t("start", lang)``.  Keys rather than English
msgids because these messages are long Telegram HTML paragraphs that call sites, tests
and stored buttons name by key; the context keeps the keys ("start", "error") apart from
the engine's English msgids.  Both catalogs are compiled once, by ``bot.i18n``, and checked
here at import: a key present in one language but not the other fails at start-up, and an
unknown key raises instead of showing its name to a user.

Placeholders are HTML-escaped by ``t`` (messages go out in Telegram's HTML parse mode) and
left alone by ``plain`` (button labels, questions).  Example questions are data, not
messages, and stay in examples.yaml.

Keys are found by ``pybabel extract`` (command in bot/i18n.py, which files them under the
context); a key that reaches ``t`` through a variable is written ``N_("key")`` once.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from bot import i18n

HERE = Path(__file__).resolve().parent
LANGS = i18n.LANGS
CONTEXT = "telegram"


class CatalogError(ValueError):
    """A data file or catalog is missing a key or a translation."""


def N_(key: str) -> str:
    """Marks a message key for ``pybabel extract`` (the usual gettext marker); returns it."""
    return key


def check_messages(tables: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """``tables`` unchanged if every key has a non-empty text in every language."""
    every = set().union(*tables.values())
    for lang, table in tables.items():
        missing = sorted(k for k in every if not table.get(k))
        if missing:
            raise CatalogError(f"catalog {lang!r} has no {CONTEXT!r} message for {missing}")
    return tables


#: {lang: {key: template}}, straight from the compiled catalogs.
MESSAGES = check_messages(i18n.context_messages(CONTEXT))


def all_keys() -> list[str]:
    """Every message key, sorted."""
    return sorted(MESSAGES["en"])


def _template(key: str, lang: str) -> str:
    table = MESSAGES[lang if lang in LANGS else "en"]
    try:
        return table[key]
    except KeyError:
        raise CatalogError(f"no message {key!r} in the {CONTEXT!r} catalogs") from None


def t(key: str, lang: str, **values: object) -> str:
    """A message in ``lang`` with its placeholders filled in, escaped."""
    escaped = {k: html.escape(str(v), quote=False) for k, v in values.items()}
    return _template(key, lang).format(**escaped)


def plain(key: str, lang: str, **values: object) -> str:
    """A message for plain-text places (button labels, questions): nothing is escaped."""
    return _template(key, lang).format(**values)


# ---- example questions (data) --------------------------------------------------------------
def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CatalogError(f"{name}: expected a mapping at the top level")
    return data


@cache
def example_data() -> dict[str, Any]:
    """examples.yaml, checked: every referenced key exists and has both languages."""
    data = _load("examples.yaml")
    examples = data.get("examples") or {}
    for key, value in examples.items():
        missing = [lang for lang in LANGS if not isinstance(value, dict) or not value.get(lang)]
        if missing:
            raise CatalogError(f"examples.yaml: {key!r} has no {', '.join(missing)} text")
    referenced = list(data.get("start") or []) + list((data.get("commands") or {}).values())
    unknown = [key for key in referenced if key not in examples]
    if unknown:
        raise CatalogError(f"examples.yaml: unknown example key(s) {unknown}")
    return {"examples": examples, "start": list(data["start"]), "commands": dict(data["commands"])}


def example(key: str, lang: str) -> str | None:
    """The example question stored under ``key``, or None for an unknown key."""
    entry = example_data()["examples"].get(key)
    return entry[lang if lang in LANGS else "en"] if entry else None


def start_examples(lang: str) -> list[tuple[str, str]]:
    """(key, question) pairs that /start offers as buttons."""
    return [(key, example(key, lang) or key) for key in example_data()["start"]]


def command_question(command: str, lang: str) -> str:
    """The question a command such as /rounds asks the engine."""
    return example(example_data()["commands"][command], lang) or command


def check() -> None:
    """Check the examples (fail loudly, fail early); the catalogs are checked at import."""
    example_data()


check()
