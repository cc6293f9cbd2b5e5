"""Where a thread stands in the offline dialogue: what was offered, what is booked."""

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Literal

Stage = Literal["idle", "quoted", "asked_service", "offering", "confirming", "booked"]


@dataclass
class DialogueState:
    stage: Stage = "idle"
    # What the customer is after when the dialogue asked which service.
    wants: Literal["quote", "booking"] | None = None
    service: str | None = None
    # Slot starts offered (ISO 8601, UTC), in the order the customer saw them.
    offers: list[str] = field(default_factory=list)
    pending: str | None = None
    booking_id: str | None = None
    booking_start: str | None = None

    @classmethod
    def from_dict(cls, stored: dict) -> "DialogueState":
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict:
        return asdict(self)

    def offered(self) -> list[datetime]:
        return [datetime.fromisoformat(start) for start in self.offers]

    def reset(self) -> None:
        """Back to idle, keeping what is booked."""
        self.stage = "booked" if self.booking_id else "idle"
        self.wants = None
        self.offers = []
        self.pending = None
