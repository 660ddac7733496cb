"""The adapter's writes to the database, in one thread of their own, in the order made.

Chat memory, subscriptions and the outbox are written through one connection that lives
in one worker thread, never on the event loop: a write waits for SQLite's lock while
another process (``evalbot ingest``) holds it, and a bot that waited on its event loop
would stop answering every chat meanwhile.  ``run`` awaits a result (subscriptions, the
broadcaster); ``submit`` does not wait (chat memory, written after the answer went out),
and its failures are logged, never raised.

The connection is opened at the first write, in the thread, the way every writer opens
the database (``knowledge.store.open_db``); if that fails (a read-only or damaged file),
the next write tries again.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import sqlite_utils

from knowledge.store import open_db

logger = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
#: A failed background write is logged at most this often (a full disk fails them all).
LOG_EVERY_SECONDS = 60.0


class UserData:
    """One writer thread over the database at ``path``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evalbot-db")
        self._db: sqlite_utils.Database | None = None
        self._last_logged = 0.0

    def _database(self) -> sqlite_utils.Database:
        if self._db is None:
            self._db = open_db(self.path)
        return self._db

    def _call(
        self, fn: Callable[Concatenate[sqlite_utils.Database, P], T], *args: Any, **kwargs: Any
    ) -> T:
        return fn(self._database(), *args, **kwargs)

    async def run(
        self,
        fn: Callable[Concatenate[sqlite_utils.Database, P], T],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> T:
        """``fn(db, *args, **kwargs)`` in the writer thread; its result (or its exception)."""
        loop = asyncio.get_running_loop()
        call = functools.partial(self._call, fn, *args, **kwargs)
        return await loop.run_in_executor(self._executor, call)

    def submit(
        self,
        fn: Callable[Concatenate[sqlite_utils.Database, P], object],
        *args: P.args,
        **kwargs: P.kwargs,
    ) -> None:
        """``fn(db, *args, **kwargs)`` in the writer thread, later; a failure is only logged."""
        future = self._executor.submit(functools.partial(self._call, fn, *args, **kwargs))
        future.add_done_callback(self._log_failure)

    def _log_failure(self, future: Future[Any]) -> None:
        error = future.exception()
        if error is None:
            return
        now = time.monotonic()
        if now - self._last_logged >= LOG_EVERY_SECONDS:
            self._last_logged = now
            logger.warning("background write failed db=%s error=%r", self.path, str(error))

    async def flush(self) -> None:
        """Wait until every write submitted so far is done."""
        await asyncio.get_running_loop().run_in_executor(self._executor, lambda: None)

    async def close(self) -> None:
        """Finish the queued writes, close the connection and stop the thread."""
        await self.flush()
        await asyncio.get_running_loop().run_in_executor(self._executor, self._close)
        self._executor.shutdown(wait=True)

    def _close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
