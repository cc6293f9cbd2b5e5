"""What every compliance handler is given: its ports, the clock and two settings."""

from dataclasses import dataclass
from datetime import timedelta

from libs.clock import Clock
from services.compliance.ports import (
    ConsentStore,
    DecisionLog,
    NumberStore,
    Outbox,
    Publisher,
    Sms,
    Tenants,
    ThreadLog,
)


@dataclass
class Deps:
    consents: ConsentStore
    threads: ThreadLog
    numbers: NumberStore
    outbox: Outbox
    decisions: DecisionLog
    sms: Sms
    tenants: Tenants
    publisher: Publisher
    clock: Clock
    # A send still "sending" after this long was abandoned by its replica.
    lease: timedelta = timedelta(seconds=30)
    lookup_enabled: bool = True
