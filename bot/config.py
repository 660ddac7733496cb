"""Settings from the environment (and an optional ``.env``), declared once as data.

Each setting has a name, a default and a help line; ``.env.example`` and the README are
checked against this table by the tests, so the three never drift apart.  The bot token
is wrapped in ``Secret`` so that printing the settings can never leak it.  A value that
cannot mean what it says (an admin list with no id in it) raises ``SettingsError`` at
start-up rather than silently meaning "nobody".
"""

from __future__ import annotations

import logging
import os
import re
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
    Setting(
        "EVALBOT_ADMIN_IDS",
        "",
        "Telegram chat or user ids allowed to /publish, separated by commas or spaces.",
    ),
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


class SettingsError(ValueError):
    """A setting whose value cannot be used; the message names the setting and says why."""


_SEPARATORS = re.compile(r"[\s,;]+")
_QUOTES = "\"'“”‘’"


def _admin_ids(raw: str) -> frozenset[int]:
    """Chat ids from "4242, 5", "4242 5", '"4242"', "+4242" or "-100123" (a group)."""
    ids = set()
    for part in _SEPARATORS.split(raw.strip().strip(_QUOTES)):
        part = part.strip(_QUOTES)
        if not part:
            continue
        digits = part[1:] if part[0] in "+-" else part
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
            raise SettingsError(
                f"EVALBOT_ADMIN_IDS: {part!r} is not a Telegram chat id "
                "(expected numbers separated by commas or spaces, e.g. 4242,-100123)"
            )
        ids.add(int(part))
    if raw.strip(_QUOTES + " \t") and not ids:
        raise SettingsError(
            f"EVALBOT_ADMIN_IDS={raw!r} names no chat id; leave it empty for no admins"
        )
    return frozenset(ids)


def configure_logging(level: str) -> None:
    """One event per line on stderr; libraries that log every request speak from WARNING up."""
    logging.basicConfig(
        format="%(asctime)s level=%(levelname)s logger=%(name)s %(message)s", level=level
    )
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def settings(env: dict[str, str] | None = None) -> Settings:
    """Read every setting from ``env`` (default: the process environment).

    Raises ``SettingsError`` for a value that cannot be used (see ``_admin_ids``).
    """
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
