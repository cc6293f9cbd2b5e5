"""In-memory stand-ins for the dashboard's ports, faithful to the adapters."""

from datetime import datetime

from libs.events import Message
from libs.tenants import TenantConfig
from services.dashboard.domain import reviews
from services.dashboard.domain.records import (
    Booking,
    ConsentEntry,
    Job,
    MissedCall,
    ReviewRequest,
    ReviewStats,
    SendOutcome,
    Thread,
    ThreadSummary,
    TranscriptLine,
)


class FakeTenants:
    def __init__(self) -> None:
        self.stored: dict[str, tuple[TenantConfig, int]] = {}
        self._sequence = 0

    async def get(self, tenant_id):
        return self.stored.get(tenant_id)

    async def create(self, config):
        if config.tenant_id in self.stored:
            return False
        self._write(config)
        return True

    async def replace(self, config, last):
        if self.stored.get(config.tenant_id, (None, None))[1] != last:
            return False
        self._write(config)
        return True

    def owner_of(self, number):
        for config, _ in self.stored.values():
            if config.number(number):
                return config.tenant_id
        return None

    def _write(self, config: TenantConfig) -> None:
        self._sequence += 1
        self.stored[config.tenant_id] = (config, self._sequence)


class FakeKeys:
    def __init__(self) -> None:
        self.owners: dict[str, str] = {}

    async def add(self, key_digest, tenant_id, now):
        self.owners[key_digest] = tenant_id

    async def tenant_for(self, key_digest):
        return self.owners.get(key_digest)

    async def revoke_all_but(self, tenant_id, key_digest):
        self.owners = {
            d: t for d, t in self.owners.items() if t != tenant_id or d == key_digest
        }


class FakeCalls:
    def __init__(self) -> None:
        self.missed_by_key: dict[tuple[str, str], dict] = {}
        self.jobs_by_key: dict[tuple[str, str], Job] = {}

    async def missed(self, tenant_id, call_sid, **fields):
        doc = self.missed_by_key.setdefault((tenant_id, call_sid), {})
        doc.update(call_sid=call_sid, **fields)

    async def missed_calls(self, tenant_id, limit):
        docs = [d for (t, _), d in self.missed_by_key.items() if t == tenant_id]
        docs = [d for d in docs if "caller" in d]
        docs.sort(key=lambda d: d["received_at"], reverse=True)
        return [MissedCall(**d) for d in docs[:limit]]

    async def add_job(self, tenant_id, job):
        self.jobs_by_key.setdefault((tenant_id, job.job_id), job)

    async def jobs(self, tenant_id, limit):
        jobs = [j for (t, _), j in self.jobs_by_key.items() if t == tenant_id]
        return sorted(jobs, key=lambda j: j.completed_at, reverse=True)[:limit]


class FakeThreads:
    def __init__(self) -> None:
        self.lines: dict[tuple[str, str, str], tuple[str, TranscriptLine]] = {}
        self.modes: dict[tuple[str, str], str] = {}

    async def add_line(self, tenant_id, customer, line):
        key = (tenant_id, line.direction, line.reference)
        self.lines.setdefault(key, (customer, line))

    async def set_mode(self, tenant_id, customer, mode, at: datetime):
        self.modes[(tenant_id, customer)] = mode

    async def threads(self, tenant_id, limit):
        summaries: dict[str, ThreadSummary] = {}
        for (t, _, _), (customer, line) in self.lines.items():
            if t != tenant_id:
                continue
            known = summaries.get(customer)
            summaries[customer] = ThreadSummary(
                customer=customer,
                messages=(known.messages if known else 0) + 1,
                last_at=max(line.at, known.last_at) if known else line.at,
            )
        ordered = sorted(summaries.values(), key=lambda s: s.last_at, reverse=True)
        return ordered[:limit]

    async def thread(self, tenant_id, customer, limit):
        lines = [
            line
            for (t, _, _), (c, line) in self.lines.items()
            if (t, c) == (tenant_id, customer)
        ]
        return Thread(
            customer=customer,
            mode_requested=self.modes.get((tenant_id, customer)),
            transcript=sorted(lines, key=lambda line: line.at)[:limit],
        )


class FakeSends:
    def __init__(self) -> None:
        self.outcomes: dict[tuple[str, str], SendOutcome] = {}

    async def requested(self, tenant_id, outcome):
        self.outcomes.setdefault((tenant_id, outcome.request_id), outcome)

    async def finished(self, tenant_id, outcome):
        self.outcomes[(tenant_id, outcome.request_id)] = outcome

    async def outcome(self, tenant_id, request_id):
        return self.outcomes.get((tenant_id, request_id))


class FakeConsents:
    def __init__(self) -> None:
        self.rows: dict[tuple[str, str], ConsentEntry] = {}

    async def add(self, tenant_id, entry_id, entry):
        self.rows.setdefault((tenant_id, entry_id), entry)

    async def entries(self, tenant_id, kinds=None):
        found = [
            e
            for (t, _), e in self.rows.items()
            if t == tenant_id and (kinds is None or e.kind in kinds)
        ]
        return sorted(found, key=lambda e: e.at)


class FakeBookings:
    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], dict] = {}

    async def note(self, tenant_id, booking_id, **fields):
        doc = self.docs.setdefault((tenant_id, booking_id), {})
        doc.update(booking_id=booking_id, **fields)

    async def bookings(self, tenant_id, limit):
        docs = [d for (t, _), d in self.docs.items() if t == tenant_id]
        docs = sorted(
            (d for d in docs if "starts_at" in d),
            key=lambda d: d["starts_at"],
            reverse=True,
        )
        return [
            Booking(**d, status="cancelled" if "cancelled_at" in d else "booked")
            for d in docs[:limit]
        ]


class FakeReviews:
    def __init__(self) -> None:
        self.docs: dict[tuple[str, str], dict] = {}
        self.ratings: dict[tuple[str, str], dict] = {}

    async def note(self, tenant_id, request_id, **fields):
        doc = self.docs.setdefault((tenant_id, request_id), {})
        doc.update(request_id=request_id, **fields)

    async def add_rating(self, tenant_id, sample_id, **fields):
        self.ratings.setdefault((tenant_id, sample_id), fields)

    async def requests(self, tenant_id, limit):
        docs = [d for (t, _), d in self.docs.items() if t == tenant_id]
        docs = sorted(
            (d for d in docs if "due_at" in d), key=lambda d: d["due_at"], reverse=True
        )
        return [ReviewRequest(**d, status=self._status(d)) for d in docs[:limit]]

    async def stats(self, tenant_id):
        docs = [d for (t, _), d in self.docs.items() if t == tenant_id]
        sent = [d for d in docs if "sent_at" in d]
        opened = sum("opened_at" in d for d in sent)
        samples = [r for (t, _), r in self.ratings.items() if t == tenant_id]
        latest = max(samples, key=lambda r: r["sampled_at"], default={})
        return ReviewStats(
            requests=sum("due_at" in d for d in docs),
            sent=len(sent),
            opened=opened,
            open_rate=reviews.open_rate(len(sent), opened),
            average_rating=latest.get("average_rating"),
            review_count=latest.get("total_review_count"),
            sampled_at=latest.get("sampled_at"),
        )

    @staticmethod
    def _status(doc):
        return reviews.status(
            sent="sent_at" in doc,
            reminded="reminded_at" in doc,
            opened="opened_at" in doc,
            blocked="blocked_reason" in doc,
        )


class FakePublisher:
    def __init__(self) -> None:
        self.published: list[Message] = []

    async def publish(self, message):
        if any(m.id == message.id for m in self.published):
            return False
        self.published.append(message)
        return True

    def of(self, message_type):
        return [m for m in self.published if isinstance(m, message_type)]
