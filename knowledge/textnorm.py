"""Text normalisation shared by every layer that reads published Korean text.

The city publishes the same words with many spellings of width and whitespace
(full-width digits and colons, NBSP, ideographic spaces, zero-width characters, entities).
These functions reduce them to one form; turning a document into lines is the parser's
first stage (``knowledge.disclosure.lines``).
"""

from __future__ import annotations

import html
import re
import unicodedata

# Characters that mean nothing more than a space, a zero-width nothing, or their ASCII twin.
_ODD = re.compile(
    "[\u00a0\u0085\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
    "\uff01-\uff5e\u301c\u223c\u2212\x0b\x0c]"
)
_ODD_MAP = {
    **{c: " " for c in "\u00a0\u0085\u2028\u2029\u202f\u205f\u3000\x0b\x0c"},
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    **{c: "" for c in "\u200b\u200c\u200d\u2060\ufeff"},
    **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)},
    "\u301c": "~",
    "\u223c": "~",
    "\u2212": "-",
}
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_SPACES = re.compile(r"[ ]{2,}")


def fold(text: str) -> str:
    """NFC, full-width ASCII to ASCII, every kind of space to a space, wave dashes to ``~``."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _ODD.sub(lambda m: _ODD_MAP[m.group()], text)


def unescape(text: str) -> str:
    """Decode well-formed entities only: a bare ``&`` in plain text ("직장맘&직장대디") stays."""
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text) if "&" in text else text


def plain(text: str) -> str:
    """A line as a reader sees it: no entities, no tags, single spaces, tabs kept, trimmed."""
    if "&" in text:
        text = unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def collapse(text: str) -> str:
    """Every whitespace run (tabs too) to one space, trimmed: for names and findings."""
    return " ".join(text.split())
