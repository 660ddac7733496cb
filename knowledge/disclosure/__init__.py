"""Read a published round disclosure (text or HTML board page, any encoding) into a ``Round``.

The city writes these disclosures by hand, and every writer lays them out differently, so
the parser reads *statements* and *topics*, not byte layouts.  It works in stages, one
module each, every pattern beside the one function that uses it; the words of layouts
(section topics, item keys, remarks) are data in ``layout.yaml`` (``layout``):

====================  ==========================================================
``encoding``          bytes → text: byte order mark, UTF-8, ``<meta charset>``, CP949
``lines``             text or HTML (``html.parser``) → numbered, clean lines (an HTML
                      line knows its table row and cell)
``pages``             text copied out of a PDF: page numbers and running headers out,
                      a parenthesis, a heading or a value broken by the wrap joined (and,
                      in ``reader``, a cell's word spaced out letter by letter, "평   균")
``english``           a translated notice: the layout's English words as the Korean ones
``sections``          the title (year, round) and the sections after it, recognised by
                      what they are about in any heading style (□ ◆ 1. Ⅱ. (1) ## <h2>,
                      or a short line alone), with what precedes them as a preamble
``round_of``          the round of a title naming the year only, from the text before the
                      results ("제2차", "2회차", "Round 2"), or the page refused
``statements``        ``key : value`` items, prose ("기간은 …입니다") and sentences with
                      numbers → facts and figures, in whatever section they stand
``yearly``            a year's summary inside a round's page → figures of the year
``findings``          service headings (numbered or marked) and their findings; findings
                      under a heading of no known topic are still read; notes ("※") and a
                      closing remark are no findings
``columns``           findings laid out as a table's columns, one row per service
``aligned``           a findings table laid out with spaces (text out of a PDF): columns
                      from the header's offsets, cells continued over lines
``prose``             a notice in prose: a paragraph per service (under a findings
                      heading, or numbered "(1) name — …" among the statements), its
                      sentences sorted into 성과 and 과제; figures stated in words
                      ("2개 사무가 75점에 미치지 못했습니다") rewritten as items
``scores``            score tables (own section or inside any other; header-aware
                      columns; pipe, tab, leader and HTML rows), listed scores, checked
                      against the stated average, counts and names
``roster``            a list of every evaluated service beside findings for some
``reader``            the driver: runs the stages, assembles the ``Round``
====================  ==========================================================

A disclosure need not have a results section: the facts may be statements anywhere, and
services may be known only from a score table or by name in passing (the best score, the
ones below the cutoff), a partial list the stated count bounds.  Whatever it cannot place
is ignored, but anything it would have to guess about (a count that disagrees with a
complete list, a second statement of the average or of the count below the cutoff that
differs, a score for an unknown service, scores that contradict the stated average) stops
the parse with a ``ParseError`` that names the line: a round is loaded whole or not at all.
"""

from __future__ import annotations

from knowledge.disclosure.encoding import MAX_BYTES, decode
from knowledge.disclosure.errors import EncodingError, ParseError
from knowledge.disclosure.lines import looks_like_html
from knowledge.disclosure.reader import parse

__all__ = ["MAX_BYTES", "EncodingError", "ParseError", "decode", "looks_like_html", "parse"]
