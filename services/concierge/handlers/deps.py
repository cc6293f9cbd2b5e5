"""Everything the concierge's handlers use, wired once by the bootstrap (or a test)."""

import asyncio
import contextlib
from dataclasses import dataclass, field

from libs.clock import Clock
from services.concierge.brains.base import Brain
from services.concierge.domain.knowledge_index import IndexCache
from services.concierge.ports import (
    CalendarPort,
    Conversations,
    Publisher,
    Tenants,
    ThreadNumbers,
    Usage,
)


@dataclass(frozen=True)
class Limits:
    """Per tenant and per day; past either, threads go to the owner."""

    turns: int = 500
    spend_usd: float = 10.0
    # Earlier messages a history-reading brain sees.
    history: int = 12


class KeyedLocks:
    """One lock per conversation in this process, so its turns run one at a time.

    Replicas do not share these; the conversation's version catches a turn that
    raced another replica, and JetStream redelivers the loser.
    """

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str):
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


@dataclass
class Deps:
    conversations: Conversations
    threads: ThreadNumbers
    calendar: CalendarPort
    usage: Usage
    tenants: Tenants
    publisher: Publisher
    clock: Clock
    brain: Brain
    limits: Limits = Limits()
    indexes: IndexCache = field(default_factory=IndexCache)
    locks: KeyedLocks = field(default_factory=KeyedLocks)
