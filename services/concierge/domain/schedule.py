"""The built-in schedule: opening hours cut into slots, minus lead time and bookings.

Pure: the caller gives the hours, the rules, the time and the busy intervals
(from whatever calendar the tenant uses); these functions say what is free.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from libs.knowledge import BookingRules
from libs.tenants import OpeningHours
from services.concierge.domain.formatting import WEEKDAYS


@dataclass(frozen=True)
class Interval:
    start: datetime
    end: datetime

    def overlaps(self, other: "Interval") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Schedule:
    """What the slots of one business are made from."""

    hours: list[OpeningHours]
    zone: ZoneInfo
    rules: BookingRules

    def window(self, now: datetime) -> Interval:
        """The stretch of time in which an appointment may start."""
        return Interval(
            now + timedelta(minutes=self.rules.lead_time_minutes),
            now + timedelta(days=self.rules.horizon_days),
        )

    def slots(self, now: datetime) -> Iterator[Interval]:
        """Every slot inside opening hours and the booking window, in order."""
        window = self.window(now)
        length = timedelta(minutes=self.rules.slot_minutes)
        first_day = window.start.astimezone(self.zone).date()
        for offset in range(self.rules.horizon_days + 1):
            day = first_day + timedelta(days=offset)
            for start in self._starts(day, length):
                if start >= window.end:
                    return
                if start >= window.start:
                    yield Interval(start, start + length)

    def free(
        self,
        now: datetime,
        busy: list[Interval],
        limit: int = 3,
        one_per_day: bool = True,
        excluding: tuple[datetime, ...] = (),
        part: str | None = None,
    ) -> list[Interval]:
        """The first free slots, by default at most one a day so offers spread out.

        `part` ("morning", "afternoon") keeps the slots starting before or
        after noon, local time.
        """
        chosen: list[Interval] = []
        days: set[date] = set()
        for slot in self.slots(now):
            local = slot.start.astimezone(self.zone)
            day = local.date()
            if one_per_day and day in days:
                continue
            if part and (local.hour < 12) != (part == "morning"):
                continue
            if slot.start in excluding or any(slot.overlaps(b) for b in busy):
                continue
            chosen.append(slot)
            days.add(day)
            if len(chosen) >= limit:
                break
        return chosen

    def is_slot(self, start: datetime, now: datetime) -> bool:
        """Whether `start` begins a slot of this schedule in the booking window."""
        return any(slot.start == start for slot in self.slots(now))

    def _starts(self, day: date, length: timedelta) -> Iterator[datetime]:
        weekday = WEEKDAYS[day.weekday()]
        for opening in sorted(
            (h for h in self.hours if h.day == weekday), key=lambda h: h.opens
        ):
            start = datetime.combine(day, opening.opens, tzinfo=self.zone)
            closes = datetime.combine(day, opening.closes, tzinfo=self.zone)
            while start + length <= closes:
                yield start
                start += length
