"""What the engine returns and every adapter (CLI, Telegram, tests, benchmarks) consumes.

An ``Answer`` is plain data: text without markup, the documents it rests on, follow-up
suggestions and, for the next turn, the conversational context.  Adapters decide how to
show it; the engine never talks to a channel.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
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
    #: what kind of document it is: disclosure | report | curated (``documents.kind``)
    kind: str = "disclosure"


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
    """The previous turn, carried into the next so follow-ups work: "그럼 2022년은?" (its
    intent and entities), "세 번째 거" (the services its answer listed, in order), "what's
    the gap?" (the figures it stated), "영어로 다시" (its question and language)."""

    intent: str | None = None
    entities: dict[str, Any] = field(default_factory=dict)
    #: When the turn was answered (seconds since the epoch): a stored context expires.
    at: float | None = None
    lang: str | None = None
    question: str | None = None
    #: service ids in the order the answer named them
    items: tuple[int, ...] = ()
    #: the last figures stated (at most two), as ``bot.answers.compute.Fig.to_dict``
    figures: tuple[dict[str, Any], ...] = ()
    #: how the turn asked (gap, versus, yes_no …) when ``intent`` is what it asked about:
    #: "영어로 다시" replays the operation, not the plain figure
    operation: str | None = None

    def aged(self, seconds: float) -> Context:
        """The same context as if ``seconds`` more had passed since it was stored."""
        return self if self.at is None else replace(self, at=self.at - seconds)

    def to_json(self) -> str:
        data = {
            "intent": self.intent,
            "entities": self.entities,
            "at": self.at,
            "lang": self.lang,
            "question": self.question,
            "items": list(self.items),
            "figures": list(self.figures),
            "operation": self.operation,
        }
        return json.dumps(
            {k: v for k, v in data.items() if v not in (None, [])}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, raw: str | None) -> Context | None:
        """Rebuild a stored context; anything unreadable is treated as no context."""
        if not raw:
            return None
        try:
            data = json.loads(raw)
            at = data.get("at")
            return cls(
                intent=data.get("intent"),
                entities=dict(data.get("entities") or {}),
                at=float(at) if isinstance(at, int | float) else None,
                lang=data.get("lang") if data.get("lang") in ("ko", "en") else None,
                question=str(data["question"])[:512] if data.get("question") else None,
                items=tuple(int(i) for i in data.get("items") or () if isinstance(i, int)),
                figures=tuple(f for f in data.get("figures") or () if isinstance(f, dict))[-2:],
                operation=str(data["operation"]) if data.get("operation") else None,
            )
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
    #: how the question asked, when not for a plain value: gap | versus | complement |
    #: yes_no | direction (``intent`` is then what it asked about)
    operation: str | None = None

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
