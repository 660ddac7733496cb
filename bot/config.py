"""Settings from the environment (and an optional ``.env``), declared once as data.

Each setting has a name, a default and a help line; ``.env.example`` and the README are
checked against this table by the tests, so the three never drift apart.  The bot token
is wrapped in ``Secret`` so that printing the settings can never leak it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "TELEGRAM_BOT_TOKEN", "", "Bot token from @BotFather; needed by `evalbot run` only.", True
    ),
    Setting(
        "TELEGRAM_BASE_URL",
        "",
        "Another Bot API server, e.g. http://127.0.0.1:8081/bot (tests use a local fake).",
    ),
    Setting("EVALBOT_DB", "", "Knowledge database path; default: a file in the per-user data dir."),
    Setting("EVALBOT_ADMIN_IDS", "", "Comma-separated Telegram chat ids allowed to /publish."),
    Setting("EVALBOT_INBOX", "", "Folder checked on a schedule for new disclosures to ingest."),
    Setting("EVALBOT_LOG_LEVEL", "INFO", "Logging level (DEBUG, INFO, WARNING, ERROR)."),
    Setting(
        "EVALBOT_HEARTBEAT",
        "",
        "File the running bot touches every 30 s while it polls (read by Docker's HEALTHCHECK).",
    ),
)


class Secret(str):
    """A string that never shows itself in repr() or logs."""

    def __repr__(self) -> str:
        return "Secret('***')" if self else "Secret('')"


@dataclass(frozen=True)
class Settings:
    token: Secret
    base_url: str | None
    db_path: Path
    admin_ids: frozenset[int]
    inbox: Path | None
    log_level: str
    heartbeat: Path | None = None


def default_db_path() -> Path:
    return Path(user_data_dir("evalbot", appauthor=False)) / "knowledge.db"


def load_dotenv_file(path: Path | None = None) -> None:
    """Read ``.env`` from the working directory without overriding the real environment."""
    from dotenv import load_dotenv

    load_dotenv(path or Path.cwd() / ".env", override=False)


def _admin_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if part.lstrip("-").isdigit():
            ids.add(int(part))
    return frozenset(ids)


def settings(env: dict[str, str] | None = None) -> Settings:
    """Read every setting from ``env`` (default: the process environment)."""
    env = dict(os.environ if env is None else env)
    value = {s.name: env.get(s.name, s.default).strip() for s in SETTINGS}
    return Settings(
        token=Secret(value["TELEGRAM_BOT_TOKEN"]),
        base_url=value["TELEGRAM_BASE_URL"] or None,
        db_path=Path(value["EVALBOT_DB"]).expanduser()
        if value["EVALBOT_DB"]
        else default_db_path(),
        admin_ids=_admin_ids(value["EVALBOT_ADMIN_IDS"]),
        inbox=Path(value["EVALBOT_INBOX"]).expanduser() if value["EVALBOT_INBOX"] else None,
        log_level=value["EVALBOT_LOG_LEVEL"].upper() or "INFO",
        heartbeat=Path(value["EVALBOT_HEARTBEAT"]).expanduser()
        if value["EVALBOT_HEARTBEAT"]
        else None,
    )
