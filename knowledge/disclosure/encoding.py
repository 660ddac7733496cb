"""Stage 0: bytes as received → text, in the encoding the document is written in.

Korean government sites still serve EUC-KR/CP949 pages, editors save UTF-8 with or
without a byte order mark, and Windows tools write UTF-16 with one.  The encoding is
decided once, from the strongest evidence available:

1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. the bytes themselves: text that is valid UTF-8 is UTF-8;
3. the ``<meta charset>`` an HTML page declares;
4. otherwise CP949, the Windows superset of EUC-KR.

What cannot be read in the detected encoding is refused with a ``ParseError`` that names
the encoding and the *line* (not a byte offset) where reading stopped.
"""

from __future__ import annotations

import codecs
import re

from knowledge.disclosure.errors import EncodingError

#: The largest document accepted by `evalbot ingest` and /publish (an explicit flag overrides).
MAX_BYTES = 2 * 1024 * 1024

_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_NAMES = {
    "utf-8-sig": "UTF-8",
    "utf-8": "UTF-8",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "cp949": "CP949 (EUC-KR)",
}
#: Labels that mean Korean in the wild; CP949 reads all of them.
_KOREAN = frozenset(
    {"euc-kr", "euc_kr", "euckr", "ks_c_5601-1987", "ksc5601", "cp949", "ms949", "uhc"}
    | {"x-windows-949", "windows-949"}
)


def detect(data: bytes) -> str:
    """The Python codec name the document is written in (see the module docstring)."""
    return _decide(data)[0]


def decode(data: bytes) -> str:
    """The document's text; ``ParseError`` (encoding and line named) when it cannot be read."""
    codec, text, error = _decide(data)
    if text is not None:
        return text
    assert error is not None
    raise _unreadable(data, codec, error)


def _decide(data: bytes) -> tuple[str, str | None, UnicodeDecodeError | None]:
    """``(codec, text, None)``, or ``(codec, None, error)`` for the encoding that read furthest."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, *_try(data, codec)
    if b"\x00" in data[:4096]:
        raise EncodingError(
            1,
            "",
            "expected text, but the file holds NUL bytes "
            "(UTF-16 or UTF-32 without a byte order mark, or not a text file)",
            "unknown",
        )
    text, utf8_error = _try(data, "utf-8")
    if text is not None:
        return "utf-8", text, None
    declared = _declared(data)
    if declared is not None and declared != "utf-8":
        return declared, *_try(data, declared)
    text, cp949_error = _try(data, "cp949")
    if text is not None:
        return "cp949", text, None
    assert utf8_error is not None and cp949_error is not None
    if utf8_error.start >= cp949_error.start:
        return "utf-8", None, utf8_error
    return "cp949", None, cp949_error


def _try(data: bytes, codec: str) -> tuple[str | None, UnicodeDecodeError | None]:
    try:
        return data.decode(codec), None
    except UnicodeDecodeError as error:
        return None, error


def _declared(data: bytes) -> str | None:
    """The codec an HTML page declares in ``<meta charset>``, if Python knows it."""
    found = _META_CHARSET.search(data[:4096])
    if found is None:
        return None
    label = found.group(1).decode("ascii").lower()
    if label in _KOREAN:
        return "cp949"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8" else name


def _unreadable(data: bytes, codec: str, error: UnicodeDecodeError) -> EncodingError:
    before = data[: error.start].decode(codec, errors="replace")
    line_no = before.count("\n") + 1
    start = data.rfind(b"\n", 0, error.start) + 1
    end = data.find(b"\n", error.end)
    if codec.startswith(("utf-16", "utf-32")):  # the newline is several bytes wide
        shown = (before + data[error.start :].decode(codec, errors="replace")).split("\n")
        line = shown[line_no - 1] if line_no <= len(shown) else ""
    else:
        line = data[start : end if end >= 0 else len(data)].decode(codec, errors="replace")
    bad = data[error.start : min(error.end, error.start + 4)].hex(" ")
    name = _NAMES.get(codec, codec.upper())
    return EncodingError(
        line_no,
        line.rstrip("\r"),
        f"expected text in {name}, the encoding detected, but bytes {bad} cannot be read in it",
        name,
    )
