"""In-memory stand-ins for the compliance ports, faithful to the Mongo adapters."""

import dataclasses
import uuid
from datetime import datetime, timedelta

from libs.clock import FixedClock
from libs.events import Message, SendSms
from libs.tenants import TenantConfig
from services.compliance.domain.consent import ConsentRecord
from services.compliance.domain.gate import Decision
from services.compliance.handlers.deps import Deps
from services.compliance.ports import (
    WAITING_STATES,
    Evidence,
    LostClaim,
    NumberRecord,
    OptOutOutcome,
    OptOutState,
    OutboxItem,
    SendFailure,
)


class FakeConsents:
    def __init__(self) -> None:
        self.states: dict[tuple[str, str], OptOutState] = {}
        self.ledger: list[dict] = []

    async def state(self, tenant_id, customer):
        return self.states.get((tenant_id, customer), OptOutState())

    async def record_opt_out(self, tenant_id, customer, source, evidence):
        self._append(tenant_id, customer, "opt_out", source, evidence)
        current = await self.state(tenant_id, customer)
        if current.opted_out:
            return OptOutOutcome(False, current.started_by)
        self.states[(tenant_id, customer)] = OptOutState(
            True, evidence.at, evidence.reference
        )
        return OptOutOutcome(True, evidence.reference)

    async def record_opt_in(self, tenant_id, customer, evidence):
        self._append(tenant_id, customer, "consent", "express", evidence)
        current = await self.state(tenant_id, customer)
        self.states[(tenant_id, customer)] = OptOutState(False, current.since, None)
        return current.opted_out

    async def record_consent(self, tenant_id, customer, basis, evidence):
        self._append(tenant_id, customer, "consent", basis, evidence)

    async def consents(self, tenant_id, customer):
        return [
            ConsentRecord(e["basis"], e["at"])
            for e in self.ledger
            if (e["tenant_id"], e["customer"], e["kind"])
            == (tenant_id, customer, "consent")
        ]

    def _append(self, tenant_id, customer, kind, basis, evidence: Evidence):
        entry = dict(
            tenant_id=tenant_id,
            customer=customer,
            kind=kind,
            basis=basis,
            reference=evidence.reference,
            at=evidence.at,
            text=evidence.text,
        )
        if entry not in self.ledger:
            self.ledger.append(entry)


class FakeThreads:
    def __init__(self) -> None:
        self.last: dict[tuple[str, str], datetime] = {}

    async def touch(self, tenant_id, customer, at):
        key = (tenant_id, customer)
        self.last[key] = max(at, self.last.get(key, at))

    async def last_exchange(self, tenant_id, customer):
        return self.last.get((tenant_id, customer))


class FakeNumbers:
    def __init__(self) -> None:
        self.records: dict[str, NumberRecord] = {}

    async def get(self, e164):
        return self.records.get(e164)

    async def save_lookup(self, record, at):
        self.records[record.e164] = record

    async def mark_unreachable(self, e164, code, at):
        known = self.records.get(e164, NumberRecord(e164))
        self.records[e164] = dataclasses.replace(known, unreachable_code=code)


class FakeOutbox:
    def __init__(self) -> None:
        self.items: dict[str, OutboxItem] = {}
        self.due_at: dict[str, datetime] = {}
        self.lease: dict[str, datetime] = {}
        self.sent_at: dict[str, datetime] = {}
        self.delivery_status: dict[str, str] = {}

    async def add(
        self, request: SendSms, now, confirms_opt_out=False, lease_until=None
    ):
        if request.id in self.items:
            return self._copy(request.id), False
        self.items[request.id] = OutboxItem(
            request=request,
            state="pending",
            confirms_opt_out=confirms_opt_out,
            created_at=now,
            give_up_at=now + timedelta(hours=1),
        )
        self.due_at[request.id] = now
        if lease_until is not None:
            item = self.items[request.id]
            item.state, item.claim = "sending", uuid.uuid4().hex
            self.lease[request.id] = lease_until
        return self._copy(request.id), True

    async def claim(self, request_id, now, lease_until):
        item = self.items.get(request_id)
        waiting = (
            item and item.state in WAITING_STATES and self.due_at[request_id] <= now
        )
        abandoned = item and item.state == "sending" and self.lease[request_id] <= now
        if not (waiting or abandoned):
            return None
        item.state, item.claim = "sending", uuid.uuid4().hex
        self.lease[request_id] = lease_until
        return self._copy(request_id)

    async def due(self, now, limit):
        return [
            rid
            for rid, item in self.items.items()
            if (item.state in WAITING_STATES and self.due_at[rid] <= now)
            or (item.state == "sending" and self.lease[rid] <= now)
        ][:limit]

    async def unannounced(self, before, limit):
        return [
            self._copy(rid)
            for rid, item in self.items.items()
            if item.state in ("sent", "blocked", "dropped") and not item.announced
        ][:limit]

    async def attempting(self, item, body, from_number, now):
        stored = self._owned(item)
        item.in_doubt_since = stored.in_doubt_since = item.in_doubt_since or now
        stored.body, stored.from_number = body, from_number
        item.body, item.from_number = body, from_number
        stored.attempts += 1
        item.attempts += 1

    async def sent(self, item, sid, now):
        stored = self._owned(item)
        stored.state, stored.sid, stored.reason = "sent", sid, "sent"
        stored.in_doubt_since = None
        self.sent_at[item.request.id] = now

    async def hold(self, item, state, until, reason):
        stored = self._owned(item)
        stored.state, stored.reason = state, reason
        self.due_at[item.request.id] = until

    async def retry(self, item, until, reason):
        await self.hold(item, "retrying", until, reason)
        self.items[item.request.id].failures += 1
        item.failures += 1

    async def finish(self, item, state, reason, now):
        stored = self._owned(item)
        stored.state, stored.reason, stored.in_doubt_since = state, reason, None

    async def announced(self, request_id):
        self.items[request_id].announced = True

    async def delivery(self, sid, status, error_code, now):
        for rid, item in self.items.items():
            if item.sid == sid:
                self.delivery_status[rid] = status
                return self._copy(rid)
        return None

    async def unsolicited_sent(self, tenant_id, to, since):
        return [
            self.sent_at[rid]
            for rid, item in self.items.items()
            if item.state == "sent"
            and (item.request.tenant_id, item.request.to) == (tenant_id, to)
            and item.request.purpose in ("review_request", "review_reminder")
            and self.sent_at[rid] >= since
        ]

    def _owned(self, item):
        stored = self.items[item.request.id]
        if stored.claim != item.claim:
            raise LostClaim(item.request.id)
        return stored

    def _copy(self, request_id):
        return dataclasses.replace(self.items[request_id])


class FakeDecisions:
    def __init__(self) -> None:
        self.records: list[tuple[str, Decision]] = []

    async def record(self, item, decision, at):
        self.records.append((item.request.id, decision))


class FakeSms:
    """Twilio: remembers what it accepted; fails as told."""

    def __init__(self) -> None:
        self.sent: list[dict] = []
        self.failures: list[SendFailure] = []
        self.line_types: dict[str, str] = {}
        self.lookups: list[str] = []
        self.lookup_down = False
        # Messages Twilio accepts but whose answer never reaches us.
        self.lost_answers = 0
        self.on_send = None

    async def send(self, to, from_number, body, account_sid):
        if self.on_send:
            await self.on_send()
        if self.failures:
            raise self.failures.pop(0)
        sid = self._accept(to, from_number, body)
        if self.lost_answers:
            self.lost_answers -= 1
            raise SendFailure("connection", detail="connection reset")
        return sid

    async def find_sent(self, to, from_number, body, since, account_sid):
        return next(
            (
                m["sid"]
                for m in self.sent
                if (m["to"], m["from"], m["body"]) == (to, from_number, body)
            ),
            None,
        )

    async def lookup(self, e164):
        if self.lookup_down:
            raise SendFailure("connection")
        self.lookups.append(e164)
        return NumberRecord(e164, line_type=self.line_types.get(e164, "mobile"))

    async def close(self):
        pass

    def _accept(self, to, from_number, body):
        sid = "SM" + uuid.uuid4().hex
        self.sent.append({"sid": sid, "to": to, "from": from_number, "body": body})
        return sid


class FakeTenants:
    def __init__(self, *tenants: TenantConfig) -> None:
        self.tenants = {t.tenant_id: t for t in tenants}

    def tenant(self, tenant_id):
        return self.tenants.get(tenant_id)


class FakePublisher:
    def __init__(self) -> None:
        self.published: list[Message] = []

    async def publish(self, message):
        new = message.id not in {m.id for m in self.published}
        if new:
            self.published.append(message)
        return new

    def of(self, message_type):
        return [m for m in self.published if isinstance(m, message_type)]


def fake_deps(clock: FixedClock, *tenants: TenantConfig) -> Deps:
    return Deps(
        consents=FakeConsents(),
        threads=FakeThreads(),
        numbers=FakeNumbers(),
        outbox=FakeOutbox(),
        decisions=FakeDecisions(),
        sms=FakeSms(),
        tenants=FakeTenants(*tenants),
        publisher=FakePublisher(),
        clock=clock,
    )
