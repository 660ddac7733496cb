"""Stage 1: a disclosure as received (plain text or an HTML page) → numbered, clean lines.

The city publishes the same content with many spellings of whitespace, width and markup
(CRLF, full-width digits and colons, NBSP, tabs, ``&amp;``, ``<td>`` cells).  Later stages
should see one form only, so everything about *markup* rather than *meaning* happens here.
Line numbers always refer to the source as received, so that errors point at a line a
person can open.

HTML is read with the standard library's ``html.parser.HTMLParser``: it handles quoted
``>`` in attributes, entities, comments and ``<script>`` bodies, and ``getpos()`` gives the
source line of every piece of text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from knowledge.disclosure.errors import ParseError
from knowledge.textnorm import fold, unescape


class Line(NamedTuple):
    """One logical line: source line number, text (tags kept), and its HTML table row.

    ``row`` identifies the ``<tr>`` an HTML line came from (``None`` for plain text and
    for HTML outside tables); a findings cell ends where its row ends.  ``cell`` is the
    row's cell (from 0) the line's text starts in, each tab in it the next cell: a cell's
    list items are lines of their own, and a findings table laid out in columns
    (``knowledge.disclosure.columns``) needs to know whose they are.  ``tag`` is the markup
    that makes an HTML line a heading with no mark in its text: ``"h1"``..``"h6"`` inside a
    heading element, ``"b"`` when all of it is bold (``<b>``/``<strong>``); a services
    section's "<h5>서울시 가족센터 운영</h5>" is a service's heading by that alone.
    """

    no: int
    text: str
    row: int | None = None
    cell: int | None = None
    tag: str | None = None


#: Structural tags only: a text disclosure with a stray ``<br>`` or ``<li>`` in a cell stays
#: text (in HTML its line ends would be mere spaces).
_HTML_HINT = re.compile(r"<(?:!doctype|html|body|head|table|div|p|h[1-6])\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True for an HTML page or fragment; inline ``<ul>``/``<li>``/``<br>`` alone is still text."""
    return _HTML_HINT.search(text) is not None


def to_lines(text: str) -> tuple[list[Line], bool]:
    """Numbered lines of a disclosure given as text or HTML, and whether it was HTML."""
    if looks_like_html(text):
        return html_lines(text), True
    return text_lines(text), False


def text_lines(text: str) -> list[Line]:
    """Split plain text into numbered lines (CRLF, CR and LF all end a line)."""
    text = fold(text.replace("\r\n", "\n").replace("\r", "\n"))
    new = tuple.__new__  # Line(...) costs a Python-level call per line; this does not
    return [
        new(Line, (i, (unescape(s) if "&" in s else s).rstrip(), None, None, _bold(s)))
        for i, s in enumerate(text.split("\n"), 1)
    ]


def _bold(line: str) -> str | None:
    """``"b"`` for a text line all in Markdown bold ("**서울시 가족센터 운영**"): the stages
    read it without its ``**``, as an HTML ``<strong>`` line is read without its tags."""
    if "**" not in line:
        return None
    text = line.strip()
    return "b" if len(text) > 4 and text[:2] == "**" and text[-2:] == "**" else None


def html_lines(src: str) -> list[Line]:
    """The text of an HTML page as lines: paragraphs, breaks, list items and table rows."""
    reader = _HtmlLines()
    try:
        reader.feed(src.replace("\r\n", "\n").replace("\r", "\n"))
        reader.close()
    except (AssertionError, ValueError, IndexError) as error:  # html.parser on broken markup
        no = reader.getpos()[0]
        lines = src.split("\n")
        shown = lines[no - 1] if 0 < no <= len(lines) else ""
        raise ParseError(no, shown, f"expected readable HTML ({error})") from None
    reader.flush()
    return [Line(n, fold(t), r, c, g) for n, t, r, c, g in reader.out]


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
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD = frozenset({"b", "strong"})
_WS = re.compile(r"\s+")


class _HtmlLines(HTMLParser):
    """Collects text into lines; each output line keeps the source line of its first text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[int, str, int | None, int | None, str | None]] = []
        self.buf: list[str] = []
        self.buf_no = 1
        self.rows: list[int] = []
        self.tables: list[int] = []
        self.row_count = 0
        self.cell = -1  # the open row's cell
        self.buf_cell = -1  # the cell the buffered text starts in
        self.skipping: str | None = None
        #: the index in ``out`` of a ``<dt>`` term just closed, which its ``<dd>`` joins
        self.term_at: int | None = None
        self.heading: str | None = None  # the open <h1>..<h6>
        self.bold = 0  # open <b>/<strong> elements
        self.buf_bold = True  # every word of the buffered text is bold so far
        self.in_header = False  # inside a <th>: its <br> is a space (see ``tag``)

    # ---- HTMLParser callbacks ----
    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.skipping is not None:
            if tag == "body" and self.skipping in ("head", "title"):
                self.skipping = None  # an unclosed <head> ends where the body begins
            return
        if tag in _SKIPPED:
            self.skipping = tag
            return
        self.tag(tag, closing=False)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag not in _SKIPPED:  # <br/>, <hr/>; a self-closed <script/> has no body
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping is not None:
            if tag == self.skipping or (self.skipping == "title" and tag == "head"):
                self.skipping = None
            return
        self.tag(tag, closing=True)

    def handle_data(self, data: str) -> None:
        if self.skipping is not None or not data:
            return
        if data.isspace():
            if self.buf:
                self.buf.append(" ")
            return
        if not self.buf or "".join(self.buf).isspace():
            lead = len(data) - len(data.lstrip())
            self.buf_no = self.getpos()[0] + data.count("\n", 0, lead)
            self.buf_cell = self.cell
            self.buf_bold = True
        self.buf_bold = self.buf_bold and self.bold > 0
        self.buf.append(_WS.sub(" ", data))

    # ---- lines ----
    def tag(self, name: str, closing: bool) -> None:
        if name in _CELL or name == "tr":
            self.in_header = name == "th" and not closing
        if name == "br" and self.in_header:
            self.buf.append(" ")  # "총점<br>(100)": one header cell, not a line per half
            return
        if name in _CELL:
            if not closing:
                self.cell += 1
                if self.buf:
                    self.buf.append("\t")
            return
        if name in _BOLD:
            self.bold = max(0, self.bold + (-1 if closing else 1))
        if name not in _PARAGRAPH and name not in _BREAK:
            return  # inline markup: <span>, <b>, <a>, <img> ...
        self.flush()
        if name in _HEADINGS:
            self.heading = None if closing else name
        if name in ("dt", "dd"):
            self.term(name, closing)
        if name == "table":
            if closing:
                del self.rows[self.tables.pop() if self.tables else 0 :]
            else:
                self.tables.append(len(self.rows))
        elif name == "tr":
            if not closing:
                self.row_count += 1
                self.rows.append(self.row_count)
                self.cell = -1
            elif self.rows:
                self.rows.pop()
        if name in _PARAGRAPH or (closing and name in ("ul", "ol")):
            self.blank()
        if name == "li" and not closing:
            self.buf = ["- "]
            self.buf_no, self.buf_cell = self.getpos()[0], self.cell
            self.buf_bold = False  # a list item, bold or not, is an item

    def term(self, name: str, closing: bool) -> None:
        """A definition list's term and its description as one line, "평가 기간<TAB>2025년 2월
        ~ 4월", as a two-cell table row is: on lines of their own, the key lost its value.  A
        description that opens with a block (``<ul>``) leaves the term alone on its line."""
        if name == "dt" and closing and self.out:
            self.term_at = len(self.out) - 1
        elif name == "dd" and not closing and self.term_at == len(self.out) - 1 and self.out:
            no, text, _, cell, _ = self.out.pop()
            self.buf, self.buf_no, self.buf_cell = (
                [text, "\t"],
                no,
                cell if cell is not None else -1,
            )
        if not (name == "dt" and closing):
            self.term_at = None

    def flush(self) -> None:
        text = "".join(self.buf).strip()
        self.buf = []
        if text:
            row = self.rows[-1] if self.rows else None
            cell = self.buf_cell if row is not None and self.buf_cell >= 0 else None
            tag = self.heading or ("b" if self.buf_bold and row is None else None)
            self.out.append((self.buf_no, text, row, cell, tag))
        self.buf_bold = True

    def blank(self) -> None:
        if self.out and self.out[-1][1]:
            self.out.append((self.getpos()[0], "", None, None, None))
