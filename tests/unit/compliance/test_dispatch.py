import asyncio
from datetime import timedelta

import pytest

from libs.events import ConsentEvidence, OptedOut, SmsBlocked, SmsSent
from services.compliance.handlers.dispatch import Dispatcher
from services.compliance.ports import OptOutState, SendFailure
from services.compliance.scheduler import OutboxScheduler
from tests.factories import MOBILE_CALLER, OWNER_PHONE, TOLL_FREE_CALLER
from tests.unit.compliance.harness import Harness

LANDLINE = "+14165550177"


@pytest.fixture
def h() -> Harness:
    return Harness()


async def test_a_textback_with_consent_is_sent_once_and_announced(h):
    await h.request()

    # Opening the thread: the mailing address identifies the business (the
    # factory tenant has no public page) and the opt-out line closes it.
    assert h.texts_to() == [
        "Hi, this is Acme Plumbing. Sorry we missed your call! "
        "100 King St W, Toronto ON M5X 1A9 Reply STOP to opt out."
    ]
    assert h.state_of("textback-CA1") == ("sent", "sent")
    [sent] = h.published.of(SmsSent)
    assert sent.request_id == "textback-CA1"
    assert (sent.message_sid, sent.body) == (h.sms.sent[0]["sid"], h.texts_to()[0])


async def test_every_decision_is_stored_with_its_reason(h):
    await h.request("r1")
    await h.request("r2", to=TOLL_FREE_CALLER)

    assert [(rid, d.action, d.reason) for rid, d in h.deps.decisions.records] == [
        ("r1", "send", "allowed"),
        ("r2", "block", "cannot_receive_sms"),
    ]


async def test_a_redelivered_request_sends_nothing_more(h):
    request = await h.request()

    await h.requests.handle(request)
    await h.requests.handle(request)

    assert len(h.sms.sent) == 1
    assert len(h.published.of(SmsSent)) == 1


async def test_two_replicas_processing_the_same_request_send_it_once(h):
    request = await h.request(not_before=h.clock.now() + timedelta(seconds=5))
    h.clock.advance(seconds=6)

    await asyncio.gather(*(h.dispatcher.process(request.id) for _ in range(5)))

    assert len(h.sms.sent) == 1


async def test_a_request_without_consent_is_blocked(h):
    await h.request(consent_evidence=None)

    assert h.sms.sent == []
    assert h.state_of("textback-CA1") == ("blocked", "no_consent")
    [blocked] = h.published.of(SmsBlocked)
    assert blocked.reason == "no_consent"


async def test_an_alert_to_the_owner_goes_without_consent_or_decoration(h):
    await h.request(
        "alert-1",
        to=OWNER_PHONE,
        purpose="owner_alert",
        body="Emergency: flooding at 12 Elm St",
        consent_evidence=None,
    )

    assert h.texts_to(OWNER_PHONE) == ["Emergency: flooding at 12 Elm St"]


async def test_consent_evidence_expires_after_six_months(h):
    await h.request("r1")
    h.clock.advance(days=190)

    await h.request("r2", consent_evidence=None)

    assert h.state_of("r2") == ("blocked", "no_consent")


async def test_a_stop_while_a_review_request_is_held_blocks_it(h):
    h.clock.advance(hours=8)  # 23:00 in Toronto
    job = ConsentEvidence(basis="job", reference="job-1", at=h.clock.now())
    await h.request("review-1", purpose="review_request", consent_evidence=job)
    assert h.state_of("review-1") == ("held", "quiet_hours")

    await h.customer_texts("STOP")
    await h.later(hours=10)

    assert h.state_of("review-1") == ("blocked", "opted_out")
    assert not any("How" in body for body in h.texts_to())
    assert h.texts_to()[-1].startswith("Acme Plumbing: STOP received.")


async def test_a_held_review_request_goes_at_08h(h):
    h.clock.advance(hours=8)
    job = ConsentEvidence(basis="job", reference="job-1", at=h.clock.now())
    await h.request("review-1", purpose="review_request", consent_evidence=job)

    await h.later(hours=4)
    assert h.sms.sent == []
    await h.later(hours=5, minutes=1)  # 08:01

    assert h.state_of("review-1") == ("sent", "sent")


async def test_the_opt_out_is_checked_again_right_before_twilio(h):
    consents = h.deps.consents
    looks = []
    original = consents.state

    async def stop_arrives_during_the_gate(tenant_id, customer):
        looks.append(customer)
        if len(looks) > 1:
            return OptOutState(True, h.clock.now(), "SM-late")
        return await original(tenant_id, customer)

    consents.state = stop_arrives_during_the_gate
    await h.request()

    assert h.sms.sent == []
    assert h.state_of("textback-CA1") == ("blocked", "opted_out")


async def test_twilio_429_and_5xx_are_retried_with_backoff_then_sent_once(h):
    h.sms.failures = [SendFailure("rate_limited", 20429), SendFailure("server_error")]

    await h.request()
    assert h.state_of("textback-CA1") == ("retrying", "rate_limited")
    await h.later(seconds=0.4)
    assert h.sms.sent == []
    await h.later(seconds=0.1)
    assert h.state_of("textback-CA1") == ("retrying", "server_error")
    await h.later(seconds=1)

    assert len(h.sms.sent) == 1
    assert h.state_of("textback-CA1") == ("sent", "sent")


async def test_a_lost_answer_from_twilio_is_reconciled_not_resent(h):
    h.sms.lost_answers = 1

    await h.request()
    assert h.state_of("textback-CA1")[0] == "retrying"
    await h.later(seconds=1)

    assert len(h.sms.sent) == 1
    assert h.state_of("textback-CA1") == ("sent", "sent")
    assert h.published.of(SmsSent)[0].message_sid == h.sms.sent[0]["sid"]


async def test_a_send_abandoned_by_a_crashed_replica_is_sent_after_the_lease(h):
    request = await h.request(not_before=h.clock.now() + timedelta(seconds=1))
    h.clock.advance(seconds=1)
    # A replica claims it, records the attempt and dies before Twilio answers.
    item = await h.deps.outbox.claim(request.id, h.clock.now(), h.clock.now())
    await h.deps.outbox.attempting(
        item, "body", item.request.from_number, h.clock.now()
    )

    await h.later(seconds=31)

    assert len(h.sms.sent) == 1
    assert h.state_of(request.id) == ("sent", "sent")


async def test_a_send_that_reached_twilio_before_the_crash_is_not_sent_again(h):
    h.sms.lost_answers = 1
    h.sms.failures = []
    request = await h.request()
    # Pretend the failure was a crash: the document stays "sending".
    h.deps.outbox.items[request.id].state = "sending"
    h.deps.outbox.lease[request.id] = h.clock.now()

    await h.later(seconds=1)

    assert len(h.sms.sent) == 1
    assert h.state_of(request.id) == ("sent", "sent")


async def test_retries_stop_at_the_deadline_and_the_request_is_dropped_stale(h):
    h.sms.failures = [SendFailure("server_error")] * 20

    await h.request(deadline=h.clock.now() + timedelta(seconds=3))
    for _ in range(10):
        await h.later(seconds=1)

    assert h.state_of("textback-CA1") == ("dropped", "stale")
    assert h.published.of(SmsBlocked)[0].reason == "stale"


async def test_without_a_deadline_twilio_is_given_up_after_an_hour(h):
    h.sms.failures = [SendFailure("connection")] * 1000

    await h.request()
    for _ in range(130):
        await h.later(seconds=30)

    assert h.state_of("textback-CA1") == ("dropped", "twilio_unavailable")


async def test_twilio_21610_records_a_carrier_opt_out_and_blocks(h):
    h.sms.failures = [SendFailure("unsubscribed", 21610)]

    await h.request()

    assert h.state_of("textback-CA1") == ("blocked", "opted_out")
    [opted_out] = h.published.of(OptedOut)
    assert (opted_out.source, opted_out.customer) == ("carrier", MOBILE_CALLER)
    await h.request("r2")
    assert h.state_of("r2") == ("blocked", "opted_out")


async def test_twilio_21614_marks_the_number_unable_to_receive(h):
    h.sms.failures = [SendFailure("cannot_receive", 21614)]

    await h.request()
    await h.request("r2")

    assert h.state_of("textback-CA1") == ("blocked", "cannot_receive_sms")
    assert h.state_of("r2") == ("blocked", "cannot_receive_sms")
    assert h.sms.sent == []


async def test_a_landline_is_blocked_after_one_lookup(h):
    h.sms.line_types[LANDLINE] = "landline"

    await h.request("r1", to=LANDLINE)
    await h.request("r2", to=LANDLINE)

    assert h.state_of("r1") == ("blocked", "cannot_receive_sms")
    assert h.state_of("r2") == ("blocked", "cannot_receive_sms")
    assert h.sms.lookups == [LANDLINE]


async def test_nothing_is_sent_while_lookup_cannot_answer(h):
    h.sms.lookup_down = True

    await h.request()
    assert h.state_of("textback-CA1") == ("retrying", "connection")
    h.sms.lookup_down = False
    await h.later(seconds=1)

    assert h.state_of("textback-CA1") == ("sent", "sent")


async def test_nothing_is_sent_when_the_decision_cannot_be_stored(h):
    async def store_down(*args):
        raise ConnectionError("store unreachable")

    h.deps.decisions.record = store_down

    with pytest.raises(ConnectionError):
        await h.request()
    assert h.sms.sent == []


async def test_an_unknown_tenant_is_blocked(h):
    await h.request(tenant_id="ghost")

    assert h.state_of("textback-CA1") == ("blocked", "unknown_tenant")


async def test_a_request_in_local_format_is_sent_and_recorded_in_e164(h):
    await h.request(to="(416) 555-0123")

    assert [m["to"] for m in h.sms.sent] == [MOBILE_CALLER]
    assert await h.deps.consents.consents("acme", MOBILE_CALLER)


async def test_an_outcome_that_could_not_be_published_is_published_later(h):
    publisher = h.published
    original = publisher.publish
    failures = []

    async def broker_down_once(message):
        if isinstance(message, SmsSent) and not failures:
            failures.append(message)
            raise ConnectionError("JetStream did not answer")
        return await original(message)

    publisher.publish = broker_down_once
    with pytest.raises(ConnectionError):
        await h.request()
    assert publisher.of(SmsSent) == []

    await h.later(seconds=6)

    assert len(h.sms.sent) == 1
    assert [e.request_id for e in publisher.of(SmsSent)] == ["textback-CA1"]


async def test_the_consent_a_request_carries_counts_even_before_the_store_shows_it(h):
    # A store that has not yet made the ledger's new entry visible to reads.
    async def nothing_recorded_yet(tenant_id, customer):
        return []

    h.deps.consents.consents = nothing_recorded_yet

    await h.request()

    assert h.state_of("textback-CA1") == ("sent", "sent")


def store_fails_at(h: Harness, method: str, times: int = 1) -> list[str]:
    """The outbox raises, like a store gone away, the first `times` runs of `method`."""
    outbox = h.deps.outbox
    original = getattr(outbox, method)
    failed: list[str] = []

    async def failing(*args):
        if len(failed) < times:
            failed.append(method)
            raise ConnectionError("store unreachable")
        return await original(*args)

    setattr(outbox, method, failing)
    return failed


async def test_a_request_stalled_by_the_store_resumes_long_before_its_lease_ends(h):
    store_fails_at(h, "attempting")
    with pytest.raises(ConnectionError):
        await h.request()
    request = h.deps.outbox.items["textback-CA1"].request

    # JetStream redelivers at once; the pause after a failure is not over yet.
    await h.requests.handle(request)
    assert h.sms.sent == []

    await h.later(seconds=1)

    assert len(h.sms.sent) == 1
    assert h.state_of("textback-CA1") == ("sent", "sent")


async def test_a_stalled_request_twilio_took_is_marked_sent_not_sent_again(h):
    store_fails_at(h, "sent")
    with pytest.raises(ConnectionError):
        await h.request()
    assert len(h.sms.sent) == 1

    await h.later(seconds=1)

    # Twilio's list shows the text went out: marked sent, not sent again.
    assert len(h.sms.sent) == 1
    assert h.state_of("textback-CA1") == ("sent", "sent")
    assert [e.request_id for e in h.published.of(SmsSent)] == ["textback-CA1"]


async def test_a_request_that_keeps_failing_is_retried_ever_more_slowly(h):
    failures = store_fails_at(h, "attempting", times=100)
    with pytest.raises(ConnectionError):
        await h.request()

    attempts = []
    for _ in range(20):
        await h.later(seconds=0.5)
        attempts.append(len(failures))

    # Pauses of 0.5, 1, 2, 4 s... between tries, not one try per scheduler turn.
    assert attempts[-1] == 5
    assert h.sms.sent == []


async def test_a_stalled_request_another_replica_took_over_is_not_sent_twice(h):
    store_fails_at(h, "attempting")
    with pytest.raises(ConnectionError):
        await h.request()
    request = h.deps.outbox.items["textback-CA1"].request

    # The lease runs out and another replica's scheduler takes the request.
    h.clock.advance(seconds=31)
    await OutboxScheduler(h.deps.outbox, Dispatcher(h.deps), h.clock, 0.2).run_once()
    await h.requests.handle(request)
    await h.scheduler.run_once()

    assert len(h.sms.sent) == 1
