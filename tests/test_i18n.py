"""Catalogs: every message translated in both languages, loaded (or refused) at start-up;
numbers at their published precision, never rounded across the cutoff."""

from __future__ import annotations

import ast
import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import LANGS, LOCALES_DIR, CatalogMissing, load_catalogs, translator

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    *sorted((ROOT / "bot" / "answers").glob("**/*.py")),
    *sorted((ROOT / "bot" / "engine").glob("*.py")),
]


def _code_messages() -> set[str | tuple[str, str]]:
    """Every ``x._("...")`` / ``x.n_("...", "...", n)`` message written in handler code."""
    found: set[str | tuple[str, str]] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in ("_", "n_") or not node.args:
                continue
            first = node.args[0]
            assert isinstance(first, ast.Constant), (
                f"{path.name}:{node.lineno} message must be a literal"
            )
            if node.func.attr == "n_":
                found.add((first.value, node.args[1].value))
            else:
                found.add(first.value)
    return found


def _catalog(lang: str):
    with open(LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=lang)


def _ids(catalog) -> set[str | tuple[str, str]]:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_in_code_is_translated(lang: str) -> None:
    catalog = _catalog(lang)
    missing = _code_messages() - _ids(catalog)
    assert not missing, f"{lang}: untranslated {sorted(map(str, missing))[:5]}"
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{lang}: empty translation of {message.id!r}"
            assert not message.fuzzy, f"{lang}: fuzzy translation of {message.id!r}"


def test_the_template_lists_every_message() -> None:
    with open(LOCALES_DIR / "messages.pot", "rb") as handle:
        assert _code_messages() <= _ids(read_po(handle))


@pytest.mark.parametrize("lang", LANGS)
def test_translations_keep_their_placeholders(lang: str) -> None:
    import string

    for message in _catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = {f for i in ids for _, f, _, _ in string.Formatter().parse(i) if f} - {"n"}
        for text in strings:
            got = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert wanted <= got | {"n"}, f"{lang}: {message.id!r} lost {wanted - got}"


def test_a_missing_catalog_fails_loudly(tmp_path: Path) -> None:
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    (tmp_path / "locales" / "en" / "LC_MESSAGES" / "messages.po").unlink()
    with pytest.raises(CatalogMissing, match="en"):
        load_catalogs(tmp_path / "locales")


def test_a_stale_compiled_catalog_is_ignored(tmp_path: Path) -> None:
    shutil.copytree(LOCALES_DIR, tmp_path / "locales")
    folder = tmp_path / "locales" / "ko" / "LC_MESSAGES"
    (folder / "messages.mo").write_bytes(b"not a catalog")
    # older than its .po, whenever the .po was last written (a checkout's time, or hours ago)
    old = (folder / "messages.po").stat().st_mtime - 3600
    os.utime(folder / "messages.mo", (old, old))
    catalogs = load_catalogs(tmp_path / "locales")
    assert catalogs["ko"].gettext("{value} points") == "{value}점"


def test_translator_formats_messages_and_plurals() -> None:
    en, ko = translator("en"), translator("ko")
    assert en._("{value} points", value="79.05") == "79.05 points"
    assert ko._("{value} points", value="79.05") == "79.05점"
    assert en.n_("{n} service evaluated", "{n} services evaluated", 1) == "1 service evaluated"
    assert en.n_("{n} service evaluated", "{n} services evaluated", 6) == "6 services evaluated"
    assert translator("fr").lang == "ko"


def test_numbers_keep_their_published_precision() -> None:
    en = translator("en")
    assert en.num(79.05, 2) == "79.05"
    assert en.num(3.6, 2) == "3.60"
    assert en.num(1234.5, 1) == "1,234.5"
    assert en.pct(27.7, 1) == "27.7%"
    assert translator("ko").pct(58, 0) == "58%"


def test_74_95_is_never_shown_as_75() -> None:
    """Babel rounds half-even: at one decimal 74.95 would print "75.0" — so the engine
    always formats at the published precision (two decimals for scores)."""
    en = translator("en")
    assert en.num(74.95, 2) == "74.95"
    assert en.num(74.95, 1) == "75.0"  # the trap this test documents


def test_dates_and_months_in_words() -> None:
    assert translator("en").date("2023-06") == "June 2023"
    assert translator("ko").date("2023-06") == "2023년 6월"
    assert translator("en").date("2024-10-21") == "October 21, 2024"
    assert translator("en").date("about 2020") == "about 2020"


@given(items=st.lists(st.text(min_size=1, max_size=8), max_size=7), lang=st.sampled_from(LANGS))
def test_join_is_babels_list_format(items: list[str], lang: str) -> None:
    """The cached list patterns join exactly as ``babel.lists.format_list`` would."""
    from babel.lists import format_list

    expected = format_list(items, locale=lang) if items else ""
    assert translator(lang).join(items) == expected
