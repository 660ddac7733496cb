"""Docs that tests keep true: the README names every command and setting, CI runs its commands."""

from __future__ import annotations

import re
from pathlib import Path

from bot.cli import _parser
from bot.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    action = next(a for a in _parser()._actions if a.dest == "command")
    return sorted(action.choices)


def test_readme_documents_every_command() -> None:
    missing = [c for c in _subcommands() if f"`evalbot {c}" not in README]
    assert not missing, f"README lacks: {missing}"


def test_readme_documents_every_setting() -> None:
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in README]
    assert not missing, f"README lacks: {missing}"


def test_ci_runs_exactly_the_readme_install_and_test_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    install = blocks[0].splitlines()[0]
    test = blocks[2].strip()
    assert "pip install -e '.[dev]'" in install
    assert "pip install -q -e '.[dev]'" in ci and test == "pytest"
    assert re.search(r"^pytest$", ci, flags=re.M)
