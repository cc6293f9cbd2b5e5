"""The shared foundation against the real embedded NATS and MongoDB-wire servers."""

from libs.directory import TenantWriter, open_bucket
from libs.events import CallMissed
from libs.tenants import BusinessIdentity, TenantConfig, TwilioNumber


def acme(revision: int = 1, name: str = "Acme Plumbing") -> TenantConfig:
    return TenantConfig(
        tenant_id="acme",
        identity=BusinessIdentity(
            name=name, mailing_address="1 King St W, Toronto", phone="+14165550199"
        ),
        numbers=[TwilioNumber(number="+14165550100", mode="forwarded")],
        revision=revision,
    )


async def test_the_same_event_id_is_stored_once(runtime):
    missed = CallMissed(
        id="call-missed-CA1",
        tenant_id="acme",
        call_sid="CA1",
        caller="+14165550123",
        business_number="+14165550100",
        reason="no-answer",
    )

    first = await runtime.publisher.publish(missed)
    retries = [await runtime.publisher.publish(missed) for _ in range(3)]

    js = runtime.broker.connection.jetstream()
    info = await js.stream_info(runtime.names.events_stream)
    assert first is True
    assert retries == [False, False, False]
    assert info.state.messages == 1


async def test_a_configuration_change_reaches_the_directory_without_restart(runtime):
    writer = TenantWriter(await open_bucket(runtime.broker.connection, runtime.names))

    await writer.put(acme(revision=1))
    await runtime.directory.wait_for("acme", 1)
    await writer.put(acme(revision=2, name="Acme Plumbing & Heating"))
    await runtime.directory.wait_for("acme", 2)

    assert (
        runtime.directory.by_number("+14165550100").identity.name
        == "Acme Plumbing & Heating"
    )
    assert runtime.directory.by_number("+14165550999") is None


async def test_the_store_answers_the_operations_services_rely_on(runtime):
    outbox = runtime.db["probe_outbox"]
    await outbox.create_index("request_id", unique=True)

    await outbox.insert_one({"_id": "r1", "request_id": "r1", "state": "pending"})
    claimed = await outbox.find_one_and_update(
        {"_id": "r1", "state": "pending"}, {"$set": {"state": "sending"}}
    )
    again = await outbox.find_one_and_update(
        {"_id": "r1", "state": "pending"}, {"$set": {"state": "sending"}}
    )

    assert claimed["state"] == "pending"
    assert again is None
    stored = await outbox.find_one({"_id": "r1"})
    assert stored["state"] == "sending"
