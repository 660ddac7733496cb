"""Turn a received disclosure (plain text or an HTML board page) into numbered, clean lines.

The city publishes the same content with many spellings of whitespace, width and markup
(CRLF, full-width digits and colons, NBSP, tabs, ``&amp;``, ``<td>`` cells).  The parser
should see one form only, so everything that is about *encoding* rather than *meaning*
happens here.  Line numbers always refer to the source as received, so that errors and
warnings point at a line a person can open.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_left
from typing import NamedTuple


class Line(NamedTuple):
    """One logical line: source line number, text (tags kept), and its HTML table row.

    ``row`` identifies the ``<tr>`` an HTML line came from (``None`` for plain text and
    for HTML outside tables); a findings cell ends where its row ends.
    """

    no: int
    text: str
    row: int | None = None


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
_WS = re.compile(r"\s+")
#: Structural tags only: a text disclosure with a stray ``<br>`` or ``<li>`` in a cell stays text
#: (in HTML its line ends would be mere spaces).
_HTML_HINT = re.compile(r"<(?:!doctype|html|body|head|table|div|p|h[1-6])\b", re.IGNORECASE)
_NAME_NOISE = re.compile(r"[\s·ㆍ.,'\"‘’“”()\[\]「」『』<>\-_/]+")


def fold(text: str) -> str:
    """NFC, full-width ASCII to ASCII, every kind of space to a space, wave dashes to ``~``."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _ODD.sub(lambda m: _ODD_MAP[m.group()], text)


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment; inline ``<ul>``/``<li>``/``<br>`` alone is still text."""
    return _HTML_HINT.search(text) is not None


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


def name_key(name: str) -> str:
    """A spacing- and punctuation-insensitive key for matching a service name."""
    return _NAME_NOISE.sub("", fold(name))


def text_lines(text: str) -> list[Line]:
    """Split plain text into numbered lines (CRLF, CR and LF all end a line)."""
    text = fold(text.replace("\r\n", "\n").replace("\r", "\n"))
    new = tuple.__new__  # Line(...) costs a Python-level call per line; this does not
    return [
        new(Line, (i, (unescape(s) if "&" in s else s).rstrip(), None))
        for i, s in enumerate(text.split("\n"), 1)
    ]


def to_lines(text: str) -> tuple[list[Line], bool]:
    """Numbered lines of a disclosure given as text or HTML, and whether it was HTML."""
    if looks_like_html(text):
        return _HtmlLines(text).run(), True
    return text_lines(text), False


# ---- HTML ---------------------------------------------------------------------------
_HTML_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>|<[!?][^<>]*>", re.DOTALL
)
_SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "select"})
#: Tags that end a paragraph: they leave a blank line, which ends a plain-text finding.
_PARAGRAPH = frozenset(
    {
        "p",
        "div",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "nav",
        "main",
        "aside",
        "blockquote",
        "hr",
        "pre",
        "center",
        "form",
    }
)
_BREAK = frozenset(
    {"br", "tr", "ul", "ol", "li", "dl", "dt", "dd", "caption", "thead", "tbody", "tfoot"}
)
_CELL = frozenset({"td", "th"})


class _HtmlLines:
    """A linear pass over tags and text; each output line keeps its first source line."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.newlines = [m.start() for m in re.finditer("\n", src)]
        self.out: list[Line] = []
        self.buf: list[str] = []
        self.buf_no = 1
        self.rows: list[int] = []
        self.tables: list[int] = []
        self.row_count = 0

    def line_at(self, offset: int) -> int:
        return bisect_left(self.newlines, offset) + 1

    def run(self) -> list[Line]:
        pos, src = 0, self.src
        while True:
            m = _HTML_TOKEN.search(src, pos)
            self.text(pos, m.start() if m else len(src))
            if m is None:
                break
            pos = m.end()
            name = (m.group(2) or "").lower()
            if not name:
                continue  # comment, doctype, processing instruction
            closing = m.group(1) == "/"
            if not closing and name in _SKIPPED:
                end = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(src, pos)
                pos = end.end() if end else len(src)
                continue
            self.tag(name, closing, m.start())
        self.flush()
        return [Line(n, fold(t), r) for n, t, r in self.out]

    def text(self, start: int, end: int) -> None:
        chunk = self.src[start:end]
        if not chunk or chunk.isspace():
            if chunk and self.buf:
                self.buf.append(" ")
            return
        if not self.buf or "".join(self.buf).isspace():
            lead = len(chunk) - len(chunk.lstrip())
            self.buf_no = self.line_at(start + lead)
        self.buf.append(_WS.sub(" ", html.unescape(chunk)))

    def tag(self, name: str, closing: bool, offset: int) -> None:
        if name in _CELL:
            if not closing and self.buf:
                self.buf.append("\t")
            return
        if name not in _PARAGRAPH and name not in _BREAK:
            return  # inline markup: <span>, <b>, <a>, <img> ...
        self.flush()
        if name == "table":
            if closing:
                del self.rows[self.tables.pop() if self.tables else 0 :]
            else:
                self.tables.append(len(self.rows))
        elif name == "tr":
            if not closing:
                self.row_count += 1
                self.rows.append(self.row_count)
            elif self.rows:
                self.rows.pop()
        if name in _PARAGRAPH or (closing and name in ("ul", "ol")):
            self.blank(offset)
        if name == "li" and not closing:
            self.buf = ["- "]
            self.buf_no = self.line_at(offset)

    def flush(self) -> None:
        text = "".join(self.buf).strip()
        self.buf = []
        if text:
            self.out.append((self.buf_no, text, self.rows[-1] if self.rows else None))

    def blank(self, offset: int) -> None:
        if self.out and self.out[-1][1]:
            self.out.append((self.line_at(offset), "", None))
