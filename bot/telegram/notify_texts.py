"""What notifications, subscriptions and publishing say (notify_texts.yaml), in ko and en.

Loaded and checked at import like the adapter's messages.yaml: a key without both
languages fails at start-up, not in front of a subscriber.  Placeholders are
HTML-escaped when filled in, because every message goes out in Telegram's HTML mode.
"""

from __future__ import annotations

import html
from pathlib import Path

import yaml

from bot.telegram.texts import LANGS, CatalogError

PATH = Path(__file__).with_name("notify_texts.yaml")


def _load(path: Path = PATH) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table = (data or {}).get("text") or {}
    for key, value in table.items():
        missing = [lang for lang in LANGS if not isinstance(value, dict) or not value.get(lang)]
        if missing:
            raise CatalogError(f"{path.name}: {key!r} has no {', '.join(missing)} text")
    return table


CATALOG = _load()


def t(key: str, lang: str, **values: object) -> str:
    """A message in ``lang`` (English for anything unknown), placeholders escaped."""
    template = CATALOG[key][lang if lang in LANGS else "en"]
    return template.format(**{k: html.escape(str(v), quote=False) for k, v in values.items()})
