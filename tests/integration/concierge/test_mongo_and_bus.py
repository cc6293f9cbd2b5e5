"""The concierge's stores on the MongoDB-wire server, and its subscribers on NATS."""

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from evals.tenant import tenant
from libs.directory import TenantWriter, open_bucket
from libs.events import CustomerMessageAccepted, OptedOut, SendSms
from services.concierge.adapters.mongo_calendar import MongoCalendar
from services.concierge.adapters.mongo_conversations import MongoConversations
from services.concierge.adapters.mongo_counters import MongoThreadNumbers, MongoUsage
from services.concierge.bootstrap import build
from services.concierge.config import Settings
from services.concierge.domain.schedule import Interval
from services.concierge.ports import Conversation, Entry
from tests.helpers import eventually, stays, stored_messages

CUSTOMER = "+14165550123"
NOON = datetime(2026, 1, 13, 17, 0, tzinfo=UTC)


@pytest.fixture
async def db(runtime):
    return runtime.db


async def test_a_conversation_is_saved_only_over_the_version_it_was_loaded_at(db):
    store = MongoConversations(db)
    await store.prepare()
    first = Conversation("acme", CUSTOMER, "en", state={"stage": "offering"})
    assert await store.save(first)

    mine = await store.load("acme", CUSTOMER)
    theirs = await store.load("acme", CUSTOMER)
    mine.mode, mine.thread_number = "owner", 1
    mine.last_customer_at = NOON
    assert await store.save(mine)

    assert not await store.save(theirs)
    stored = await store.load("acme", CUSTOMER)
    assert (stored.mode, stored.thread_number, stored.version) == ("owner", 1, 2)
    assert stored.last_customer_at == NOON
    assert [c.customer for c in await store.with_owner("acme")] == [CUSTOMER]


async def test_each_message_is_its_own_document_and_effects_can_be_replayed(db):
    store = MongoConversations(db)
    await store.prepare()
    inbound = Entry("acme:SM1", "acme", CUSTOMER, NOON, "customer", "hi")
    reply = Entry(
        "acme:r1", "acme", CUSTOMER, NOON + timedelta(seconds=1), "agent", "Hello!",
        answers="SM1", payload="SendSms {}",
    )  # fmt: skip

    assert await store.add_inbound(inbound)
    assert not await store.add_inbound(inbound)
    await store.add_outgoing([reply])
    await store.add_outgoing([reply])

    assert await store.effects_of("acme", "SM1") == ["SendSms {}"]
    assert [e.body for e in await store.transcript("acme", CUSTOMER, 10)] == [
        "hi",
        "Hello!",
    ]


async def test_a_slot_is_held_by_one_customer_and_freed_by_a_cancel(db):
    calendar = MongoCalendar(db)
    await calendar.prepare()
    slot = Interval(NOON, NOON + timedelta(hours=2))

    mine = await calendar.book("acme", CUSTOMER, slot, "leak-repair")
    again = await calendar.book("acme", CUSTOMER, slot, "leak-repair")
    theirs = await calendar.book("acme", "+14165550124", slot, None)
    busy = await calendar.busy(
        "acme", Interval(NOON - timedelta(days=1), NOON + timedelta(days=1))
    )
    upcoming = await calendar.upcoming("acme", CUSTOMER, NOON - timedelta(hours=1))
    await calendar.cancel("acme", mine.id, CUSTOMER)
    retaken = await calendar.book("acme", "+14165550124", slot, None)

    assert again.id == mine.id and theirs is None
    assert busy == [slot]
    assert upcoming.id == mine.id and upcoming.service == "leak-repair"
    assert retaken is not None


async def test_thread_numbers_are_the_lowest_free_and_kept_per_customer(db):
    numbers = MongoThreadNumbers(db)
    await numbers.prepare()

    taken = await asyncio.gather(
        *(numbers.take("acme", f"+1416555010{n}") for n in range(3))
    )
    same = await numbers.take("acme", "+14165550100")
    await numbers.release("acme", taken[1], "+14165550101")
    reused = await numbers.take("acme", "+14165550109")

    assert sorted(taken) == [1, 2, 3]
    assert same == taken[0]
    assert reused == taken[1]


async def test_daily_usage_counts_turns_and_spending(db):
    usage = MongoUsage(db)

    await usage.count_turn("acme", "2026-01-12")
    await usage.add_spend("acme", "2026-01-12", 0.25)
    counted = await usage.count_turn("acme", "2026-01-12")

    assert (counted.turns, counted.spend_usd) == (2, 0.25)


@pytest.fixture
async def service(runtime, settings_for):
    """The concierge's own runtime with its subscribers, against the test's servers."""
    writer = TenantWriter(await open_bucket(runtime.broker.connection, runtime.names))
    await writer.put(tenant())
    concierge = build(settings_for(Settings))
    await concierge.start()
    await concierge.directory.wait_for("acme", 1)
    yield concierge
    await concierge.stop()


def accepted(sid: str, body: str) -> CustomerMessageAccepted:
    return CustomerMessageAccepted(
        id=f"conversation-{sid}",
        tenant_id="acme",
        message_sid=sid,
        customer=CUSTOMER,
        business_number=tenant().numbers[0].number,
        body=body,
    )


async def test_a_customer_text_on_the_bus_becomes_a_send_request(runtime, service):
    await runtime.publisher.publish(accepted("SM1", "What are your hours?"))

    async def replies():
        found = await stored_messages(runtime.broker.connection, runtime.names, SendSms)
        return [r for r in found if r.in_reply_to == "SM1"]

    [reply] = await eventually(replies, 10, what="the concierge's reply")
    assert reply.body.startswith("We're open")


async def test_after_an_opt_out_on_the_bus_the_concierge_stays_silent(runtime, service):
    await runtime.publisher.publish(
        OptedOut(
            id="out-1",
            tenant_id="acme",
            customer=CUSTOMER,
            source="keyword",
            evidence="STOP",
        )
    )

    async def stopped():
        stored = await MongoConversations(service.db).load("acme", CUSTOMER)
        return stored is not None and stored.mode == "stopped"

    await eventually(stopped, 10, what="the conversation stopped")
    await runtime.publisher.publish(accepted("SM2", "hello?"))

    async def silent():
        found = await stored_messages(runtime.broker.connection, runtime.names, SendSms)
        return not found

    await stays(silent, 1.5, what="no send request")
