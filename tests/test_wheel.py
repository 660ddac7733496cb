"""The product runs from an installed wheel: `evalbot bench telegram|notify` included.

The wheel is built from a copy of what ships (pyproject.toml, README.md, bot/, knowledge/),
installed with ``--no-deps`` into a fresh virtual environment whose only way to its
dependencies is a ``.pth`` line naming this environment's site-packages (so nothing of
the checkout — ``tests/`` above all — is importable), and both Telegram benchmarks run
there with small sizes.  Building uses pip's build isolation with the package registry
pip is configured with (setuptools, wheel); nothing else is fetched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ("pyproject.toml", "README.md", "bot", "knowledge")


def _run(*args: str | Path, cwd: Path, timeout: float = 120) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "EVALBOT_"))}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its bin/ folder."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "src"
    source.mkdir()
    for name in SHIPPED:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy(ROOT / name, source / name)
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        root / "dist",
        source,
        cwd=root,
    )
    [wheel] = (root / "dist").glob("evalbot-*.whl")
    venv = root / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=root)
    python = venv / "bin" / "python"
    site = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root)
    (Path(site.strip()) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "-q",
        wheel,
        cwd=root,
    )
    return venv / "bin"


def test_the_installed_package_is_the_wheel_and_tests_are_not_importable(
    installed: Path, tmp_path: Path
) -> None:
    code = (
        "import importlib.util, bot, knowledge; "
        "print(bot.__file__); print(knowledge.__file__); "
        "print(importlib.util.find_spec('tests'))"
    )
    bot_file, knowledge_file, tests = _run(installed / "python", "-c", code, cwd=tmp_path).split()
    assert bot_file.startswith(str(installed.parent)) and "site-packages" in bot_file
    assert knowledge_file.startswith(str(installed.parent))
    assert tests == "None"


def test_bench_telegram_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    out = _run(
        installed / "evalbot",
        "bench",
        "telegram",
        "--chats",
        "4",
        "--rate",
        "20",
        "--seconds",
        "1",
        cwd=tmp_path,
    )
    figures = dict(
        line.split(None, 1) for line in out.splitlines() if line and ":" not in line[:30]
    )
    assert figures["updates"] == figures["replies"] == "20"
    assert figures["error_replies"] == "0"


def test_bench_notify_runs_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    out = _run(installed / "evalbot", "bench", "notify", "--subscribers", "20", cwd=tmp_path)
    figures = dict(
        line.split(None, 1) for line in out.splitlines() if line and ":" not in line[:30]
    )
    assert figures["notices_delivered"] == "20"
    assert (figures["losses"], figures["duplicates"]) == ("0", "0")
