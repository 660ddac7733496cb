"""Following the knowledge base: the engine rebuilt off the event loop, without starving it.

When another process ingests a document (`evalbot ingest`, /publish, the inbox), the
engine rebuilds what it built from the data; after the largest accepted page (2 MB, about
50,000 findings) that is about a second of pure Python.  It runs in a thread of its own,
but a Python thread holds the GIL while it computes, and the event loop gives the GIL up
at every system call (each poll, each socket read and write): with CPython's default
switch interval (5 ms) the loop then waits up to 5 ms to get it back, many times per
answer.  So while a rebuild (or an ingest in this process) runs, the switch interval is
lowered (``prompt_switching``) and the loop gets the GIL back within half a millisecond;
the rebuild takes a little longer, which nobody waits for.

The rebuild also allocates a new engine (≈150,000 objects after that page) and drops the
old one, which makes CPython run full garbage collections: each scans every live object
while holding the GIL (60–160 ms measured, the last one on the event loop a second or two
after the rebuild).  The engine lives until the next ingest, so the bot freezes the heap
(``gc.freeze``) at start-up and after every rebuild: full collections then scan only what
was allocated since, 15–25 ms.  Frozen objects are still freed by reference counting;
only cyclic garbage among them would be kept.  So each rebuild checks that the engine it
replaced was freed (the frozen heap shrank by about what the previous rebuild added); if
it was not — an engine kept alive by a reference cycle — the heap is given back to the
collector for good, and collections are as long as without freezing.

Measured with `evalbot bench ingest-stall` (2 cores, load ~2, median of 4 runs): the
longest answer during a 2 MB ingest and the rebuild after it went from 194–302 ms to 33 ms
— this module's part 81 → 33 ms; the engine's part (no reference cycle, so a replaced
engine is freed at once; long texts folded in pieces, so no regular expression holds the
GIL for 50 ms) the rest.

One rebuild runs at a time; whoever asks meanwhile (the follow job, /rounds, a notice
about the new round) awaits the same one.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

from bot.telegram.answering import AnswerEngine

logger = logging.getLogger(__name__)

#: The switch interval while a rebuild runs (CPython's default is 0.005 s).
REBUILD_SWITCH_SECONDS = 0.0005
#: A replaced engine counts as freed when at least this share of what its rebuild added
#: to the frozen heap is gone from it ...
FREED_SHARE = 0.5
#: ... judged only when the rebuild added this many objects: below it, the heap's own
#: churn decides, and keeping so few would cost nothing worth a full collection.
JUDGED_OBJECTS = 1_000

_lowered = 0
_saved_interval = 0.0
#: whether this process already ran the full collection before its first freeze
_collected = False


@contextlib.contextmanager
def prompt_switching(seconds: float = REBUILD_SWITCH_SECONDS) -> Iterator[None]:
    """Lower the interpreter's switch interval for the duration (nested uses share it).

    Entered and left on the event loop's thread only, so the count needs no lock.
    """
    global _lowered, _saved_interval
    if _lowered == 0:
        _saved_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(seconds, _saved_interval))
    _lowered += 1
    try:
        yield
    finally:
        _lowered -= 1
        if _lowered == 0:
            sys.setswitchinterval(_saved_interval)


class Follower:
    """Rebuilds ``engine`` in its own thread when the knowledge base changed."""

    def __init__(self, engine: AnswerEngine) -> None:
        self.engine = engine
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evalbot-follow")
        self._running: asyncio.Future[bool] | None = None
        #: objects frozen after the last freeze; None while the heap is not frozen
        self._frozen: int | None = None
        #: objects the last rebuild added to the frozen heap (None: the start-up engine's
        #: share of the heap is unknown)
        self._added: int | None = None

    def start(self) -> None:
        """Freeze the heap as it stands once the bot is built (see the module docstring).

        The first start in a process collects first (before any chat is waiting), so no
        start-up garbage is kept; a later one (tests start many bots) skips that ~0.1 s:
        what it freezes is given back by ``close``."""
        global _collected
        if not _collected:
            gc.collect()
            _collected = True
        gc.freeze()
        self._frozen = gc.get_freeze_count()

    @property
    def busy(self) -> bool:
        """A rebuild is running."""
        return self._running is not None and not self._running.done()

    async def follow(self) -> bool:
        """Rebuild if the knowledge base changed (or wait for the rebuild already running);
        True when this call's rebuild (or the one awaited) changed anything."""
        if self._running is None or self._running.done():
            if not self.engine.stale():  # microseconds: PRAGMA data_version
                return False
            self._running = asyncio.ensure_future(self._rebuild())
        return await asyncio.shield(self._running)

    async def _rebuild(self) -> bool:
        loop = asyncio.get_running_loop()
        with prompt_switching():
            changed = await loop.run_in_executor(self._executor, self.engine.refresh)
        if changed:
            self._refreeze()
        return changed

    def _refreeze(self) -> None:
        """Freeze the new engine too, unless the replaced one was kept (see above)."""
        if self._frozen is None:
            return
        survivors = gc.get_freeze_count()
        freed = self._frozen - survivors
        judged = self._added is not None and self._added >= JUDGED_OBJECTS
        if judged and freed < FREED_SHARE * (self._added or 0):
            logger.info(
                "heap unfrozen: the replaced engine was not freed (freed=%d of added=%d)",
                freed,
                self._added,
            )
            self._thaw()
            return
        gc.freeze()
        self._frozen = gc.get_freeze_count()
        self._added = self._frozen - survivors

    def _thaw(self) -> None:
        if self._frozen is not None:
            gc.unfreeze()
            self._frozen = self._added = None

    def close(self) -> None:
        """Give the heap back to the collector and stop the thread once a running rebuild
        is done (it cannot be interrupted)."""
        self._thaw()
        self._executor.shutdown(wait=False, cancel_futures=True)
