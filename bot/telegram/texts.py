"""The adapter's own words (messages.yaml) and example questions (examples.yaml).

Both files are loaded once, at import, and checked: every message and every example
needs Korean and English, so a missing translation fails at start-up rather than in
front of a user.  Placeholders are HTML-escaped when filled in, because messages are
sent in Telegram's HTML parse mode.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
LANGS = ("ko", "en")


class CatalogError(ValueError):
    """A data file is missing a key or a translation."""


def _load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise CatalogError(f"{name}: expected a mapping at the top level")
    return data


def _check_bilingual(name: str, table: dict[str, Any]) -> dict[str, dict[str, str]]:
    for key, value in table.items():
        missing = [lang for lang in LANGS if not isinstance(value, dict) or not value.get(lang)]
        if missing:
            raise CatalogError(f"{name}: {key!r} has no {', '.join(missing)} text")
    return table


@cache
def catalog() -> dict[str, dict[str, dict[str, str]]]:
    """messages.yaml, checked: ``text`` and ``commands`` tables, each key in ko and en."""
    data = _load("messages.yaml")
    return {
        part: _check_bilingual("messages.yaml", data.get(part) or {})
        for part in ("text", "commands")
    }


@cache
def example_data() -> dict[str, Any]:
    """examples.yaml, checked: every referenced key exists and has both languages."""
    data = _load("examples.yaml")
    examples = _check_bilingual("examples.yaml", data.get("examples") or {})
    referenced = list(data.get("start") or []) + list((data.get("commands") or {}).values())
    unknown = [key for key in referenced if key not in examples]
    if unknown:
        raise CatalogError(f"examples.yaml: unknown example key(s) {unknown}")
    return {"examples": examples, "start": list(data["start"]), "commands": dict(data["commands"])}


def t(key: str, lang: str, **values: object) -> str:
    """A message in ``lang`` with its placeholders filled in, escaped."""
    template = catalog()["text"][key][lang if lang in LANGS else "en"]
    return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})


def plain(key: str, lang: str, **values: object) -> str:
    """A message for plain-text places (button labels, questions): nothing is escaped."""
    return catalog()["text"][key][lang if lang in LANGS else "en"].format(**values)


def command_descriptions(lang: str) -> list[tuple[str, str]]:
    """(command, description) for Telegram's command menu, in menu order."""
    return [(name, text[lang]) for name, text in catalog()["commands"].items()]


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
    """Load and check both data files (fail loudly, fail early)."""
    catalog()
    example_data()


check()
