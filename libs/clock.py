"""Time as the services see it: the system clock, or one the tests can move.

Quiet hours and cooldowns depend on the wall clock. End-to-end tests cannot
wait for 08:00, so outside production a service may read an offset (seconds,
as text) from a file named by CLOCK_OFFSET_FILE and add it to the real time.
"""

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock:
    """The system time plus an offset read from a file (tests only).

    Services ask for the time several times a message, so the file is read
    again only when its inode, size or modification time changes: a stat
    costs far less than an open and a read.
    """

    def __init__(self, offset_file: Path) -> None:
        self._file = offset_file
        self._seen: tuple[int, int, int] | None = None
        self._offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self._current_offset()

    def _current_offset(self) -> timedelta:
        try:
            status = os.stat(self._file)
        except FileNotFoundError:
            self._seen = None
            return timedelta()

        seen = (status.st_ino, status.st_size, status.st_mtime_ns)
        if seen != self._seen:
            try:
                text = self._file.read_text().strip()
            except FileNotFoundError:
                return timedelta()
            self._offset = timedelta(seconds=float(text or 0))
            self._seen = seen
        return self._offset


class FixedClock:
    """A clock that moves only when told to (unit tests)."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta: float) -> None:
        self.at += timedelta(**delta)


def clock_from(environment: str, offset_file: str | None) -> Clock:
    if offset_file and environment != "production":
        return OffsetClock(Path(offset_file))
    return SystemClock()
