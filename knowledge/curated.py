"""Curated knowledge: English names, aliases, translations, and figures reported elsewhere.

These YAML files are written by people (see ``knowledge/sources/``); this module only
reads them into model objects.  Reported figures become ``Document(kind="report")`` plus
``Figure`` rows, so every number keeps its publisher, date and URL.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from knowledge.model import Document, Figure, Scope
from knowledge.names import text_key

SOURCES_DIR = Path(__file__).parent / "sources"


@dataclass(frozen=True)
class CuratedService:
    name_ko: str
    short_ko: str | None
    name_en: str | None
    name_en_full: str | None
    aliases: tuple[str, ...]
    #: published Korean finding text -> English translation
    translations: dict[str, str]


def _load(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def load_services(path: Path = SOURCES_DIR / "services.yaml") -> list[CuratedService]:
    if not path.exists():
        return []
    services = []
    for entry in _load(path).get("services", []):
        translations = {
            text_key(item["ko"]): item["en"]
            for kind in ("achievement", "improvement")
            for item in (entry.get("findings") or {}).get(kind, []) or []
            if item.get("en")
        }
        services.append(
            CuratedService(
                name_ko=entry["name_ko"],
                short_ko=entry.get("short_ko"),
                name_en=entry.get("name_en"),
                name_en_full=entry.get("name_en_full"),
                aliases=tuple(entry.get("aliases") or ()),
                translations=translations,
            )
        )
    return services


def load_glossary(path: Path = SOURCES_DIR / "glossary.yaml") -> dict[str, str]:
    """Published Korean phrase -> curated English (keys normalised by ``text_key``)."""
    if not path.exists():
        return {}
    return {text_key(e["ko"]): e["en"] for e in _load(path).get("glossary", []) if e.get("en")}


def _precision(value: float | int) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and isinstance(value, float) else 0


def _scope(raw: dict[str, Any]) -> Scope:
    if "year" in raw:
        year = int(raw["year"])
        if "round" in raw:
            return Scope.round(year, int(raw["round"]))
        return Scope.year(year)
    if "years" in raw:
        return Scope(label=str(raw["years"]))
    if "as_of" in raw:
        return Scope(label=f"as of {raw['as_of']}")
    return Scope(label=", ".join(f"{k}: {v}" for k, v in raw.items()))


def _figures(scope: Scope, figures: dict[str, Any], note: str) -> list[Figure]:
    out: list[Figure] = []
    for metric, value in figures.items():
        if isinstance(value, dict):  # a yearly history: {2021: 420, ...}
            base = "consigned_services_total" if metric == "history" else metric
            out += [
                Figure(Scope.year(int(y)), base, float(v), _precision(v), quote=note)
                for y, v in value.items()
            ]
        elif isinstance(value, bool) or not isinstance(value, int | float):
            out.append(Figure(scope, metric, None, quote=note, text=str(value)))
        else:
            out.append(Figure(scope, metric, float(value), _precision(value), quote=note))
    return out


_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
#: A note that dates a change of the re-contract criteria: "the re-contract criteria were
#: raised in July 2022" (the curated notes are written in English).
_CRITERIA_CHANGED = re.compile(
    r"(?:criteria|criterion|cutoff|cut-off|standard)s?\s+(?:was|were|got)\s+"
    r"(raised|tightened|strengthened|lowered|relaxed|eased)\s+in\s+"
    rf"({'|'.join(_MONTHS)})\s+(\d{{4}})",
    re.IGNORECASE,
)


def _dated_changes(note: str) -> list[Figure]:
    """A change of the criteria a note dates, as a figure ``cutoff_changed`` of its year
    whose text is "2022-07 raised" — the note itself kept as the quote, nothing added."""
    out = []
    for found in _CRITERIA_CHANGED.finditer(note):
        verb, month, year = found.group(1).lower(), found.group(2).lower(), int(found.group(3))
        way = "raised" if verb in ("raised", "tightened", "strengthened") else "lowered"
        month_no = _MONTHS.index(month) + 1
        text = f"{year}-{month_no:02d} {way}"
        out.append(Figure(Scope.year(year), "cutoff_changed", None, quote=note, text=text))
    return out


_CITY = ("서울특별시", "서울시", "Seoul Metropolitan")


def _source_type(source: dict[str, Any], publisher: str) -> Literal["press", "city"]:
    """A report's kind of source: ``type: city|press`` if given, else by its publisher."""
    declared = source.get("type")
    if declared in ("press", "city"):
        return declared
    if declared is not None:
        raise ValueError(f"reported figure source type must be press or city, not {declared!r}")
    return "city" if publisher.startswith(_CITY) else "press"


def load_reports(
    path: Path = SOURCES_DIR / "reported-figures.yaml",
) -> list[tuple[Document, list[Figure]]]:
    """Each reported entry as a report document and its figures."""
    if not path.exists():
        return []
    reports = []
    for entry in _load(path) or []:
        source = entry.get("source") or {}
        publisher = source.get("publisher") or "?"
        date = source.get("date")
        raw = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str)
        document = Document(
            title=f"{publisher} ({date})" if date else str(publisher),
            source=str(source.get("url") or path.name),
            sha256=hashlib.sha256(raw.encode()).hexdigest(),
            kind="report",
            publisher=str(publisher),
            published_on=str(date) if date else None,
            url=source.get("url"),
            text=raw,
            source_type=_source_type(source, str(publisher)),
        )
        raw_scope = entry.get("scope") or {}
        notes = [n for n in (raw_scope.get("note"), entry.get("note")) if n]
        figures = _figures(_scope(raw_scope), entry.get("figures") or {}, "; ".join(notes))
        figures += [f for note in notes for f in _dated_changes(str(note))]
        reports.append((document, figures))
    return reports
