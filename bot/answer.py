"""What the engine returns and every adapter (CLI, Telegram, tests, benchmarks) consumes.

An ``Answer`` is plain data: text without markup, the documents it rests on, follow-up
suggestions and, for the next turn, the conversational context.  Adapters decide how to
show it; the engine never talks to a channel.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Source:
    """A document an answer rests on; reports (news, memos) are flagged as not official."""

    title: str
    official: bool = True
    url: str | None = None
    publisher: str | None = None
    published_on: str | None = None
    #: The stored document, so an adapter can show its text when there is no URL to open.
    document_id: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """A follow-up the user can tap: ``label`` is shown, ``question`` is asked when tapped."""

    label: str
    question: str


@dataclass(frozen=True)
class Chart:
    """Data for a picture (rendered by the adapter, so the engine never imports matplotlib)."""

    title: str
    x_label: str
    y_label: str
    #: series name -> list of (x label, value)
    series: dict[str, list[tuple[str, float]]]
    cutoff: float | None = None
    cutoff_label: str | None = None


@dataclass(frozen=True)
class Context:
    """The previous turn, carried into the next so follow-ups ("그럼 2022년은?") work."""

    intent: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"intent": self.intent, "entities": self.entities}, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str | None) -> Context | None:
        """Rebuild a stored context; anything unreadable is treated as no context."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return cls(intent=data.get("intent"), entities=dict(data.get("entities") or {}))
        except (ValueError, TypeError, AttributeError):
            return None


@dataclass(frozen=True)
class Answer:
    question: str
    lang: str
    intent: str | None
    answered: bool
    text: str
    sources: tuple[Source, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    chart: Chart | None = None
    context: Context | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``evalbot ask --json``."""
        return {
            "question": self.question,
            "lang": self.lang,
            "intent": self.intent,
            "answered": self.answered,
            "text": self.text,
            "sources": [asdict(s) for s in self.sources],
            "suggestions": [asdict(s) for s in self.suggestions],
            "chart": asdict(self.chart) if self.chart else None,
        }
