from datetime import UTC, datetime, timedelta

import pytest

from libs.events import SendSms
from libs.phones import facts
from services.compliance.domain.consent import ConsentRecord
from services.compliance.domain.gate import Facts, Recipient, decide
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER, OWNER_PHONE, tenant

# 15:00 in Toronto.
NOW = datetime(2026, 6, 1, 19, 0, tzinfo=UTC)
FLORIDA = "+13055550123"


def request(**overrides) -> SendSms:
    fields = dict(
        id="req-1",
        tenant_id="acme",
        to=MOBILE_CALLER,
        body="Sorry we missed your call!",
        purpose="textback",
    )
    fields.update(overrides)
    return SendSms(**fields)


def recipient(number: str = MOBILE_CALLER, **overrides) -> Recipient:
    known = facts(number)
    fields = dict(
        e164=known.e164,
        can_receive_sms=True,
        time_zone=known.time_zone,
        strict_state=known.strict_state,
    )
    fields.update(overrides)
    return Recipient(**fields)


def gate_facts(**overrides) -> Facts:
    fields = dict(
        request=request(),
        tenant=tenant(),
        recipient=recipient(),
        consents=(ConsentRecord("call", NOW - timedelta(minutes=1)),),
    )
    fields.update(overrides)
    return Facts(**fields)


def test_a_textback_with_consent_is_sent_from_the_tenants_number_decorated():
    decision = decide(gate_facts(), NOW)

    assert (decision.action, decision.reason) == ("send", "allowed")
    assert decision.from_number == BUSINESS_NUMBER
    assert decision.body.startswith("Acme Plumbing: Sorry we missed your call!")
    assert decision.body.endswith("Reply STOP to opt out.")


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        (dict(tenant=None), "unknown_tenant"),
        (dict(recipient=None), "invalid_number"),
        (dict(recipient=recipient(can_receive_sms=False)), "cannot_receive_sms"),
        (dict(opted_out=True), "opted_out"),
        (dict(consents=()), "no_consent"),
        (
            dict(consents=(ConsentRecord("call", NOW - timedelta(days=200)),)),
            "no_consent",
        ),
        (dict(request=request(from_number="+14165550999")), "foreign_sender_number"),
        (dict(tenant=tenant().model_copy(update={"numbers": []})), "no_sender_number"),
    ],
)
def test_requests_the_rules_forbid_are_blocked_with_their_reason(overrides, reason):
    decision = decide(gate_facts(**overrides), NOW)

    assert (decision.action, decision.reason) == ("block", reason)


def test_a_request_past_its_deadline_is_dropped_as_stale():
    late = request(deadline=NOW - timedelta(seconds=1))

    decision = decide(gate_facts(request=late), NOW)

    assert (decision.action, decision.reason) == ("drop", "stale")


def test_the_opt_out_confirmation_may_reach_an_opted_out_number():
    reply = request(purpose="keyword_reply", body="Acme Plumbing: unsubscribed.")

    decision = decide(
        gate_facts(request=reply, opted_out=True, confirms_opt_out=True, consents=()),
        NOW,
    )

    assert decision.action == "send"
    assert decision.body == "Acme Plumbing: unsubscribed."


def test_an_alert_to_the_owner_needs_no_consent_and_no_decoration():
    alert = request(to=OWNER_PHONE, purpose="owner_alert", body="Flood at 12 Elm St")

    decision = decide(
        gate_facts(request=alert, recipient=recipient(OWNER_PHONE), consents=()), NOW
    )

    assert (decision.action, decision.body) == ("send", "Flood at 12 Elm St")


def test_a_review_request_at_23h_is_held_until_08h_recipient_time():
    late_evening = datetime(2026, 6, 2, 3, 0, tzinfo=UTC)  # 23:00 in Toronto
    review = request(purpose="review_request", body="How did we do?")

    decision = decide(
        gate_facts(
            request=review,
            consents=(ConsentRecord("job", late_evening - timedelta(hours=1)),),
        ),
        late_evening,
    )

    assert (decision.action, decision.reason) == ("hold", "quiet_hours")
    assert decision.not_before == datetime(2026, 6, 2, 12, 0, tzinfo=UTC)


def test_a_textback_at_23h_goes_at_once_because_the_customer_just_called():
    late_evening = datetime(2026, 6, 2, 3, 0, tzinfo=UTC)

    decision = decide(
        gate_facts(consents=(ConsentRecord("call", late_evening),)), late_evening
    )

    assert decision.action == "send"


def test_a_fourth_review_message_in_a_day_to_florida_waits_for_the_cap():
    review = request(to=FLORIDA, purpose="review_reminder", body="A reminder")
    sent = tuple(NOW - timedelta(hours=h) for h in (5, 4, 3))

    decision = decide(
        gate_facts(
            request=review,
            recipient=recipient(FLORIDA),
            consents=(ConsentRecord("job", NOW - timedelta(days=1)),),
            recent_unsolicited=sent,
        ),
        NOW,
    )

    assert (decision.action, decision.reason) == ("hold", "daily_cap")
    assert decision.not_before == sent[0] + timedelta(hours=24)


def test_not_before_in_the_request_is_honoured():
    later = NOW + timedelta(seconds=30)

    decision = decide(gate_facts(request=request(not_before=later)), NOW)

    assert (decision.action, decision.reason, decision.not_before) == (
        "hold",
        "not_before",
        later,
    )


def test_a_hold_that_would_end_after_the_deadline_drops_the_request():
    review = request(
        purpose="review_request",
        deadline=datetime(2026, 6, 2, 6, 0, tzinfo=UTC),
    )
    late_evening = datetime(2026, 6, 2, 3, 0, tzinfo=UTC)

    decision = decide(
        gate_facts(request=review, consents=(ConsentRecord("job", late_evening),)),
        late_evening,
    )

    assert (decision.action, decision.reason) == ("drop", "stale")


def test_a_reply_in_a_live_thread_is_not_decorated():
    reply = request(purpose="concierge_reply", in_reply_to="SM1", body="Tuesday 10am?")

    decision = decide(
        gate_facts(request=reply, last_exchange_at=NOW - timedelta(minutes=2)), NOW
    )

    assert decision.body == "Tuesday 10am?"
