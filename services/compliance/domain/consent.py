"""Consent under CASL: which fact lets us text a customer, and for how long."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from libs.events import Purpose

Basis = Literal["call", "text", "job", "express"]

# Implied consent lapses; express consent lasts until the customer withdraws it.
# Six months for an inquiry (a call or a text), two years for a purchase (a job).
IMPLIED_CONSENT = {
    "call": timedelta(days=183),
    "text": timedelta(days=183),
    "job": timedelta(days=2 * 365),
}

# Messages that need no consent of the customer: the legally required answers to
# the customer's own keywords. Messages to the tenant's owner are exempt as well,
# but that depends on the recipient, not on the purpose.
CONSENT_FREE_PURPOSES: set[Purpose] = {"keyword_reply"}


@dataclass(frozen=True)
class ConsentRecord:
    """The latest recorded fact of one basis for one customer."""

    basis: Basis
    at: datetime


def expires_at(record: ConsentRecord) -> datetime | None:
    """When `record` stops covering messages; None for express consent."""
    lifetime = IMPLIED_CONSENT.get(record.basis)
    return record.at + lifetime if lifetime else None


def covers(
    records: list[ConsentRecord], now: datetime, withdrawn_at: datetime | None = None
) -> bool:
    """Whether any record still gives consent at `now`.

    An opt-out withdraws every consent given before it, so only records newer
    than `withdrawn_at` count.
    """
    for record in records:
        if withdrawn_at is not None and record.at < withdrawn_at:
            continue
        until = expires_at(record)
        if until is None or now < until:
            return True
    return False


def needs_consent(purpose: Purpose, to_owner: bool) -> bool:
    return not to_owner and purpose not in CONSENT_FREE_PURPOSES
