"""The consent ledger as an auditor reads it: current opt-outs, and a CSV export."""

import csv
import io
from collections.abc import Iterable

from services.dashboard.domain.records import ConsentEntry, OptOut

CSV_COLUMNS = ("recorded_at", "customer", "kind", "basis_or_source", "evidence")


def current_opt_outs(entries: Iterable[ConsentEntry]) -> list[OptOut]:
    """Customers whose latest opt-out was not followed by an opt-in, newest first."""
    latest: dict[str, ConsentEntry] = {}
    for entry in sorted(entries, key=lambda e: e.at):
        if entry.kind in ("opt_out", "opt_in"):
            # A repeated STOP does not move the start of the opt-out.
            previous = latest.get(entry.customer)
            if entry.kind == "opt_out" and previous and previous.kind == "opt_out":
                continue
            latest[entry.customer] = entry

    opted_out = [
        OptOut(customer=e.customer, since=e.at, source=e.basis, evidence=e.evidence)
        for e in latest.values()
        if e.kind == "opt_out"
    ]
    return sorted(opted_out, key=lambda o: o.since, reverse=True)


def to_csv(entries: Iterable[ConsentEntry]) -> str:
    """One row per consent, opt-out and opt-in, oldest first, with its evidence."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for entry in sorted(entries, key=lambda e: e.at):
        writer.writerow(
            (
                entry.at.isoformat(),
                entry.customer,
                entry.kind,
                entry.basis,
                _defused(entry.evidence),
            )
        )
    return out.getvalue()


def _defused(text: str) -> str:
    # A customer's text opened in a spreadsheet must not run as a formula.
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
