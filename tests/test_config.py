"""Settings (issue 9): an admin list in any everyday spelling, and a refusal when it means nobody.

Before, EVALBOT_ADMIN_IDS="4242 5" (or quoted, or "+4242") silently meant no admins.
"""

from __future__ import annotations

import pytest

from bot.cli import main
from bot.config import SettingsError, settings


@pytest.mark.parametrize(
    ("raw", "ids"),
    [
        ("4242,5", {4242, 5}),
        ("4242 5", {4242, 5}),
        ('"4242 5"', {4242, 5}),
        ("'4242'", {4242}),
        ("+4242", {4242}),
        (" 4242 ; 5 ,", {4242, 5}),
        ("-1001234567890", {-1001234567890}),
        ("", set()),
        ('""', set()),
    ],
)
def test_admin_ids_in_every_everyday_spelling(raw: str, ids: set[int]) -> None:
    assert settings({"EVALBOT_ADMIN_IDS": raw}).admin_ids == frozenset(ids)


@pytest.mark.parametrize("raw", [",", "admin", "4242,abc", "٣", "1" * 25])
def test_an_admin_list_that_cannot_be_read_is_refused(raw: str) -> None:
    with pytest.raises(SettingsError, match="EVALBOT_ADMIN_IDS"):
        settings({"EVALBOT_ADMIN_IDS": raw})


def test_the_cli_refuses_to_start_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EVALBOT_ADMIN_IDS", "admins")
    assert main(["rounds"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("evalbot: EVALBOT_ADMIN_IDS: 'admins' is not a Telegram chat id")
    assert len(err.strip().splitlines()) == 1
