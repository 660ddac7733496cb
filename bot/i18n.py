"""Gettext catalogs and Babel number/date formats for every answer the bot gives.

All catalogs are loaded when this module is imported, and a shipped locale without a
catalog is an error at start-up, not a silently untranslated answer (Babel's
``Translations.load`` would quietly return ``NullTranslations``).  The ``.po`` files are
the source: when the compiled ``.mo`` is missing or older, the ``.po`` is compiled in
memory, so no build step is ever needed.

Updating the catalogs after changing a message (the engine's messages are English, marked
``_`` and ``n_``; the Telegram adapter's are keys, marked ``t``, ``plain`` and ``N_``)::

    pybabel extract -F bot/locales/babel.cfg -k _ -k n_:1,2 -k pgettext:1c,2 \\
        --no-default-keywords --no-location --sort-output --project evalbot \\
        --copyright-holder evalbot -o bot/locales/messages.pot .
    pybabel update -i bot/locales/messages.pot -d bot/locales -D messages --no-fuzzy-matching -w 100

then fill every new ``msgstr`` in ko and en (tests/test_i18n.py fails on an empty one).
bot/locales/babel.cfg reads bot/answers and bot/engine/ as Python, and bot/telegram with
``extract_in_context``, which files the adapter's message keys under msgctxt "telegram"
(see bot/telegram/texts.py).

Numbers are shown at the precision they were published with.  Babel rounds half-even,
so formatting 74.95 with one decimal would print "75.0"; the callers therefore pass the
published precision and never a smaller one.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, cast

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

LOCALES_DIR = Path(__file__).with_name("locales")
DOMAIN = "messages"
LANGS = ("ko", "en")
DEFAULT_LANG = "ko"


class CatalogMissing(RuntimeError):
    """A shipped locale has no catalog: the bot must not start half-translated."""


class Catalog(gettext.GNUTranslations):
    """A compiled catalog.  gettext can neither list a catalog nor tell a missing message
    from a translated one, so ``context_messages`` reads its table, ``_catalog``."""

    #: msgid (``"context\x04msgid"`` under a context; ``(msgid, n)`` for a plural) -> text,
    #: filled by ``GNUTranslations._parse`` (private, hence not in the stubs)
    _catalog: dict[str | tuple[str, int], str]


def _compiled(po_path: Path, lang: str) -> Catalog:
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        with open(mo_path, "rb") as handle:
            return Catalog(handle)
    with open(po_path, "rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Catalog(buffer)


def load_catalogs(
    directory: Path = LOCALES_DIR, langs: tuple[str, ...] = LANGS
) -> dict[str, Catalog]:
    """Every shipped catalog, compiled; raises ``CatalogMissing`` naming what is absent."""
    catalogs = {}
    for lang in langs:
        po_path = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not po_path.exists():
            raise CatalogMissing(f"no catalog for locale {lang!r}: {po_path} is missing")
        catalogs[lang] = _compiled(po_path, lang)
    return catalogs


CATALOGS = load_catalogs()


def _pattern(precision: int) -> str:
    return "#,##0" + ("." + "0" * precision if precision > 0 else "")


@lru_cache(maxsize=4096)
def _number(value: str, precision: int, locale: Locale) -> str:
    # the same few published figures are formatted again and again: cache them
    return format_decimal(Decimal(value), format=_pattern(precision), locale=locale)


@lru_cache(maxsize=1024)
def _percent(value: str, precision: int, locale: Locale) -> str:
    return format_percent(Decimal(value) / 100, format=_pattern(precision) + "%", locale=locale)


class Translator:
    """Messages and number formats of one language, for the duration of one answer."""

    def __init__(self, lang: str, catalog: gettext.GNUTranslations) -> None:
        self.lang = lang
        self.catalog = catalog
        self.locale = Locale.parse(lang)

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def _(self, message: str, **values: object) -> str:
        """The translated message with ``{name}`` placeholders filled in."""
        text = self.catalog.gettext(message)
        return text.format(**values) if values else text

    def n_(self, singular: str, plural: str, n: int, **values: object) -> str:
        """The translated plural form for ``n``, placeholders filled (``{n}`` included)."""
        return self.catalog.ngettext(singular, plural, n).format(n=n, **values)

    def num(self, value: float | Decimal | int, precision: int = 0) -> str:
        """A number at exactly ``precision`` decimals, in this language's format."""
        return _number(str(value), precision, self.locale)

    def pct(self, value: float | Decimal, precision: int = 1) -> str:
        """A percentage given in percent (27.7 -> "27.7%")."""
        return _percent(str(value), precision, self.locale)

    def date(self, iso: str) -> str:
        """An ISO date ("2024-10-21") or month ("2023-06") in words; other text unchanged."""
        try:
            if len(iso) == 7:
                return format_skeleton("yMMMM", date.fromisoformat(iso + "-01"), locale=self.lang)
            return format_date(date.fromisoformat(iso), format="long", locale=self.lang)
        except ValueError:
            return iso

    def join(self, items: list[str]) -> str:
        """ "a, b and c" / "a, b, c" in this language: CLDR's list patterns as
        ``babel.lists.format_list`` applies them, read once per language (reading them
        from Babel's locale data per item made a list of twenty rounds' services slow)."""
        if len(items) < 2:
            return items[0] if items else ""
        patterns = _list_patterns(self.lang)
        if len(items) == 2:
            return patterns["2"].format(*items)
        result = patterns["start"].format(items[0], items[1])
        for item in items[2:-1]:
            result = patterns["middle"].format(result, item)
        return patterns["end"].format(result, items[-1])


def context_messages(
    context: str, catalogs: dict[str, Catalog] | None = None
) -> dict[str, dict[str, str]]:
    """Every message filed under msgctxt ``context`` (in ``catalogs``, by default the
    shipped ones): ``{lang: {msgid: translation}}``.

    gettext can neither list a catalog nor tell a missing message from a translated one
    (it quietly returns the msgid), so callers that must fail loudly on a missing message
    read the compiled table here, once, at start-up.
    """
    prefix = context + "\x04"
    return {
        lang: {
            key[len(prefix) :]: text
            for key, text in catalog._catalog.items()
            if isinstance(key, str) and key.startswith(prefix)
        }
        for lang, catalog in (CATALOGS if catalogs is None else catalogs).items()
    }


def extract_in_context(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, tuple[Any, ...], list[str]]]:
    """A ``pybabel extract`` method: the first argument of each call to one of
    ``options["calls"]`` becomes a msgid under msgctxt ``options["context"]``.

    Babel takes a message context only from a call argument, and its keywords apply to
    every file (the engine's translator is also called ``t``), so this reads its own
    keywords and reports each message as ``pgettext(context, key)`` (``-k pgettext:1c,2``).
    """
    from babel.messages.extract import extract_python

    context, own = options["context"], options["calls"].split()
    # extract_python reads only "encoding" of the options.  Babel's stubs type its items as
    # (lineno, message, comments, context); it yields (lineno, funcname, messages, comments),
    # as its docstring says and as babel's own extract() unpacks them.
    found = extract_python(
        fileobj,
        own,
        comment_tags,
        {"encoding": options["encoding"]} if "encoding" in options else {},
    )
    items = cast("Iterable[tuple[int, str, str | tuple[str, ...], list[str]]]", found)
    for lineno, _funcname, messages, comments in items:
        first = messages[0] if isinstance(messages, tuple) else messages
        yield lineno, "pgettext", (context, first), comments


_TRANSLATORS = {lang: Translator(lang, catalog) for lang, catalog in CATALOGS.items()}


def translator(lang: str | None) -> Translator:
    """The translator of ``lang`` (the default language for anything unknown)."""
    return _TRANSLATORS.get(lang or DEFAULT_LANG, _TRANSLATORS[DEFAULT_LANG])


@cache
def _list_patterns(lang: str) -> dict[str, str]:
    """The standard ("and") list patterns of ``lang`` as a plain dict."""
    return dict(Locale.parse(lang).list_patterns["standard"].items())
