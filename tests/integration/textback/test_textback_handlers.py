"""Text-back against the real NATS and MongoDB-wire servers."""

import pytest

from libs.clock import FixedClock, SystemClock
from libs.directory import TenantWriter, open_bucket
from libs.events import CallAnswered, SendSms, utc_now
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.handlers import TextbackHandlers
from services.textback.scheduler import DueTextScheduler
from tests.factories import MOBILE_CALLER, TOLL_FREE_CALLER, missed_call, tenant
from tests.helpers import eventually, stored_messages


@pytest.fixture
async def textback(runtime):
    async def with_tenant(**textback_settings):
        writer = TenantWriter(
            await open_bucket(runtime.broker.connection, runtime.names)
        )
        await writer.put(tenant(**textback_settings))
        await runtime.directory.wait_for("acme", 1)

        store = MissedCallStore(runtime.db)
        await store.prepare()
        handlers = TextbackHandlers(
            store, runtime.directory, runtime.publisher, SystemClock()
        )
        return handlers, store

    return with_tenant


async def requests(runtime) -> list[SendSms]:
    return await stored_messages(runtime.broker.connection, runtime.names, SendSms)


async def test_a_missed_call_asks_for_exactly_one_text(runtime, textback):
    handlers, store = await textback()
    missed = missed_call()

    for _ in range(3):
        await handlers.call_missed(missed)

    sent = await requests(runtime)
    assert [r.to for r in sent] == [MOBILE_CALLER]
    assert (await store.find(missed.call_sid))["state"] == "requested"


async def test_two_calls_within_the_cooldown_give_one_text(runtime, textback):
    handlers, store = await textback()
    first, second = missed_call(), missed_call()

    await handlers.call_missed(first)
    await handlers.call_missed(second)

    assert len(await requests(runtime)) == 1
    assert (await store.find(second.call_sid))["reason"] == "cooldown"


async def test_a_caller_who_cannot_receive_sms_is_recorded_but_not_texted(
    runtime, textback
):
    handlers, store = await textback()
    missed = missed_call(caller=TOLL_FREE_CALLER)

    await handlers.call_missed(missed)

    assert await requests(runtime) == []
    record = await store.find(missed.call_sid)
    assert (record["state"], record["reason"]) == ("skipped", "cannot_receive_sms")


async def test_a_delayed_text_is_cancelled_when_the_caller_reaches_a_person(
    runtime, textback
):
    handlers, store = await textback(delay_seconds=60)
    missed = missed_call()
    await handlers.call_missed(missed)

    await handlers.call_answered(
        CallAnswered(
            id="call-answered-x",
            tenant_id="acme",
            call_sid="CAx",
            caller=MOBILE_CALLER,
            business_number=missed.business_number,
        )
    )

    assert (await store.find(missed.call_sid))["state"] == "cancelled"
    assert await requests(runtime) == []


async def test_a_delayed_text_goes_out_when_due(runtime, textback):
    handlers, store = await textback(delay_seconds=1)
    scheduler = DueTextScheduler(store, handlers, SystemClock(), 0.05)
    missed = missed_call()
    await handlers.call_missed(missed)
    assert await requests(runtime) == []

    await scheduler.start()
    try:
        sent = await eventually(lambda: requests(runtime), timeout=5, what="due text")
    finally:
        await scheduler.stop()

    assert sent[0].id == f"textback-{missed.call_sid}"


async def test_a_caller_is_texted_again_once_the_cooldown_has_passed(runtime, textback):
    handlers, store = await textback(cooldown_minutes=15)
    clock = FixedClock(utc_now())
    handlers = TextbackHandlers(store, runtime.directory, runtime.publisher, clock)
    # Three calls: the cooldown is written by an insert, then taken over by an
    # update, then taken over again; each must still compare as a time.
    for _ in range(3):
        missed = missed_call().model_copy(update={"received_at": clock.now()})
        await handlers.call_missed(missed)
        clock.advance(minutes=16)

    assert len(await requests(runtime)) == 3


async def test_a_caller_who_got_through_can_be_texted_for_the_next_miss(
    runtime, textback
):
    handlers, store = await textback()
    await handlers.call_missed(missed_call())
    await handlers.call_answered(
        CallAnswered(
            id="call-answered-y",
            tenant_id="acme",
            call_sid="CAy",
            caller=MOBILE_CALLER,
            business_number="+14165550100",
        )
    )

    await handlers.call_missed(missed_call())
    await handlers.call_missed(missed_call())

    assert len(await requests(runtime)) == 2
