"""The curated YAML must stay true to the published seed disclosure.

The curated files hold the Korean text users will be quoted, so a typo in a `ko` string would
silently detach a translation from its finding.  The seed is read here with plain string
operations on purpose: these tests check the data, independently of the real parser.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

SOURCES = Path(__file__).resolve().parents[1] / "knowledge" / "sources"
SEED = SOURCES / "2023-round3-disclosure.txt"
CIRCLED_DIGITS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
KIND_LABELS = {"주요 성과": "achievement", "개선 과제": "improvement"}


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_services() -> dict[str, dict[str, list[str]]]:
    """Service heading -> kind -> bullets, in published order, read from the seed."""
    services: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    for line in seed_text().splitlines():
        if line and line[0] in CIRCLED_DIGITS:
            current = services.setdefault(line[1:].strip(), {})
            continue
        label, sep, cell = line.partition("\t")
        if current is None or not sep or label.strip() not in KIND_LABELS:
            continue
        body = cell.split(">", 1)[1] if cell.lstrip().startswith("<ul") else cell
        bullets = [b.strip() for b in body.split(" - ") if b.strip()]
        current[KIND_LABELS[label.strip()]] = bullets
    return services


def load(name: str) -> dict:
    return yaml.safe_load((SOURCES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services() -> list[dict]:
    return load("services.yaml")["services"]


def squash(alias: str) -> str:
    return "".join(alias.lower().split())


def test_seed_reader_sees_the_whole_seed():
    """Guard the guard: a reader that found nothing would make every test below pass."""
    found = seed_services()
    assert len(found) == 6
    assert all(len(kinds.get(k, [])) == 2 for kinds in found.values() for k in KIND_LABELS.values())


def test_every_seed_service_has_exactly_one_entry(services):
    names = Counter(s["name_ko"] for s in services)
    assert set(names) == set(seed_services())
    assert all(count == 1 for count in names.values())


def test_every_entry_has_names(services):
    for s in services:
        for key in ("short_ko", "name_en", "name_en_full"):
            assert isinstance(s.get(key), str) and s[key].strip(), (s["name_ko"], key)
        assert s["aliases"], s["name_ko"]


def test_findings_match_the_seed_bullet_for_bullet(services):
    """Every bullet appears once, under its own service and kind, in published order."""
    published = seed_services()
    for s in services:
        assert s["name_ko"] in published, s["name_ko"]
        for kind in KIND_LABELS.values():
            curated = [f["ko"] for f in s["findings"].get(kind, [])]
            assert curated == published[s["name_ko"]][kind], (s["name_ko"], kind)


def test_every_ko_occurs_once_and_verbatim_in_the_seed(services):
    text = seed_text()
    all_ko = [f["ko"] for s in services for fs in s["findings"].values() for f in fs]
    assert len(all_ko) == len(set(all_ko))
    missing = [ko for ko in all_ko if ko not in text]
    assert not missing


def test_every_finding_has_an_english_translation(services):
    for s in services:
        for kind, findings in s["findings"].items():
            for f in findings:
                assert isinstance(f.get("en"), str) and f["en"].strip(), (s["name_ko"], kind)


def test_numbers_survive_translation(services):
    """A digit run in the Korean (e.g. 18년, 2030) must appear in the English too."""
    for s in services:
        for findings in s["findings"].values():
            for f in findings:
                for number in re.findall(r"\d+", f["ko"]):
                    assert number in f["en"], (f["ko"], number)


def test_no_alias_is_shared_by_two_services(services):
    owner: dict[str, str] = {}
    for s in services:
        for alias in {squash(a) for a in s["aliases"]}:
            assert alias not in owner, (alias, owner.get(alias), s["name_ko"])
            owner[alias] = s["name_ko"]


def test_aliases_are_long_enough(services):
    short = [a for s in services for a in s["aliases"] if len(squash(a)) <= 2]
    assert not short


def test_glossary_ko_occurs_verbatim_in_a_source():
    sources = seed_text() + "\n" + (SOURCES / "reported-figures.yaml").read_text(encoding="utf-8")
    entries = load("glossary.yaml")["glossary"]
    assert entries
    assert [e["ko"] for e in entries if e["ko"] not in sources] == []
    assert all(isinstance(e.get("en"), str) and e["en"].strip() for e in entries)
    keys = [e["ko"] for e in entries]
    assert len(keys) == len(set(keys))


def test_glossary_names_every_service(services):
    glossary = {e["ko"]: e["en"] for e in load("glossary.yaml")["glossary"]}
    for s in services:
        assert glossary.get(s["name_ko"]) == s["name_en_full"], s["name_ko"]


def test_reported_figures_copy_is_verbatim():
    # CI lays shared/ beside the checkout, as the development machines do
    shared = SOURCES.parents[2] / "shared" / "facts" / "reported-figures.yaml"
    if not shared.exists():
        pytest.skip("shared facts folder not present (e.g. installed package)")
    assert (SOURCES / "reported-figures.yaml").read_bytes() == shared.read_bytes()


def test_reports_say_whether_they_are_press_or_a_city_document():
    """A city plan or approval document is not labelled as press (issue 11, T's request)."""
    from knowledge.curated import load_reports

    kinds = {
        doc.publisher: doc.source_type for doc, _ in load_reports(SOURCES / "reported-figures.yaml")
    }
    assert kinds["대한경제"] == kinds["뉴스핌"] == "press"
    assert {v for k, v in kinds.items() if k.startswith("서울특별시")} == {"city"}
