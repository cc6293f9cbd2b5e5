"""Requests this replica claimed but stopped working on when a store or broker failed.

Left alone, such a request would wait out its claim's lease (30 s) before the
scheduler took it up again. Kept here with its claim, it is resumed by this
replica as soon as a short pause has passed: half a second after the first
failure, doubling after each one, so a request that fails every time is tried
a few times a minute, never in a loop.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.compliance.ports import OutboxItem

FIRST_PAUSE = timedelta(seconds=0.5)
# Below the lease: once that runs out the claim is anyone's, this one's too.
LONGEST_PAUSE = timedelta(seconds=15)


@dataclass
class _Stalled:
    item: OutboxItem
    resume_at: datetime


class StalledRequests:
    def __init__(self) -> None:
        self._waiting: dict[str, _Stalled] = {}
        # Failures in a row of each request, kept while it is being resumed.
        self._failures: dict[str, int] = {}

    def add(self, item: OutboxItem, now: datetime) -> None:
        request_id = item.request.id
        failures = self._failures.get(request_id, 0) + 1
        self._failures[request_id] = failures
        pause = min(FIRST_PAUSE * 2 ** (failures - 1), LONGEST_PAUSE)
        self._waiting[request_id] = _Stalled(item, now + pause)

    def take(self, request_id: str, now: datetime) -> OutboxItem | None:
        """The stalled request if its pause is over; it is then this caller's."""
        stalled = self._waiting.get(request_id)
        if stalled is None or stalled.resume_at > now:
            return None
        del self._waiting[request_id]
        return stalled.item

    def due(self, now: datetime) -> list[str]:
        return [rid for rid, s in self._waiting.items() if s.resume_at <= now]

    def forget(self, request_id: str) -> None:
        """The request was handled, or is someone else's now."""
        self._waiting.pop(request_id, None)
        self._failures.pop(request_id, None)
