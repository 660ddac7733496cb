"""The one error of the parser: which line of the document, and what was expected there."""

from __future__ import annotations


class ParseError(ValueError):
    """A document that is not a readable disclosure: which line, and what was expected there."""

    def __init__(self, line_no: int, line: str, reason: str) -> None:
        self.line_no = line_no
        self.line = line
        self.reason = reason
        shown = line if len(line) <= 120 else line[:117] + "..."
        super().__init__(f"line {line_no}: {reason}: '{shown}'")

    def __reduce__(self):  # keep it picklable despite the custom signature
        return (type(self), (self.line_no, self.line, self.reason))


class EncodingError(ParseError):
    """A document whose bytes cannot be read as text: ``encoding`` is the one detected."""

    def __init__(self, line_no: int, line: str, reason: str, encoding: str) -> None:
        self.encoding = encoding
        super().__init__(line_no, line, reason)

    def __reduce__(self):
        return (type(self), (self.line_no, self.line, self.reason, self.encoding))
