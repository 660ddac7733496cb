"""Read a published round disclosure (text or HTML board page, any encoding) into a ``Round``.

The city writes these disclosures by hand, so the parser reads *statements*, not byte
layouts.  It works in stages, one module each, every pattern beside the one function
that uses it:

====================  ==========================================================
``encoding``          bytes → text: byte order mark, UTF-8, ``<meta charset>``, CP949
``lines``             text or HTML (``html.parser``) → numbered, clean lines
``sections``          the title (year, round) and the sections after it
``statements``        overview bullets and results sentences → facts and figures
``findings``          numbered service headings and their findings
``scores``            score tables (own section or inside the results), listed scores,
                      checked against the stated average, counts and names
``reader``            the driver: runs the stages, assembles the ``Round``
====================  ==========================================================

Whatever it cannot place is ignored, but anything it would have to guess about (a
findings table that is missing, a count that disagrees with the sections, a score for an
unknown service, scores that contradict the stated average) stops the parse with a
``ParseError`` that names the line: a round is loaded whole or not at all.
"""

from __future__ import annotations

from knowledge.disclosure.encoding import MAX_BYTES, decode
from knowledge.disclosure.errors import EncodingError, ParseError
from knowledge.disclosure.lines import looks_like_html
from knowledge.disclosure.reader import parse

__all__ = ["MAX_BYTES", "EncodingError", "ParseError", "decode", "looks_like_html", "parse"]
