"""Time as the services see it: the system clock, or one the tests can move.

Quiet hours and cooldowns depend on the wall clock. End-to-end tests cannot
wait for 08:00, so outside production a service may read an offset (seconds,
as text) from a file named by CLOCK_OFFSET_FILE and add it to the real time.
"""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class OffsetClock:
    """The system time plus an offset read from a file (tests only)."""

    def __init__(self, offset_file: Path) -> None:
        self._file = offset_file

    def now(self) -> datetime:
        try:
            offset = float(self._file.read_text().strip() or 0)
        except FileNotFoundError:
            offset = 0.0
        return datetime.now(UTC) + timedelta(seconds=offset)


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
