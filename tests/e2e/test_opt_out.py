"""STOP and its kin, HELP and START, through every service as a process."""

from datetime import timedelta

import pytest

from libs.events import ConsentEvidence, OptedOut, SendSms, SmsBlocked, utc_now
from tests.e2e.conftest import events_of, publish, texts_to
from tests.factories import BUSINESS_NUMBER
from tests.helpers import eventually, stays

TIMEOUT = 15


async def texts_after(sandbox, number, count):
    async def enough():
        texts = await texts_to(sandbox, number)
        return texts if len(texts) >= count else None

    return await eventually(enough, TIMEOUT, what=f"{count} text(s) to {number}")


def review_request(customer: str, request_id: str) -> SendSms:
    """A message the customer did not just ask for, as the reviews service sends."""
    return SendSms(
        id=request_id,
        tenant_id="acme",
        to=customer,
        from_number=BUSINESS_NUMBER,
        body="Thanks for choosing Acme Plumbing! Would you review us? https://g.page/r/acme",
        purpose="review_request",
        consent_evidence=ConsentEvidence(
            basis="job", reference=f"job-{request_id}", at=utc_now() - timedelta(days=1)
        ),
    )


@pytest.mark.parametrize(
    ("keyword", "language_word"),
    [
        ("STOP", "STOP"),
        ("stop", "STOP"),
        ("Stop.", "STOP"),
        ("ARRET", "ARRET"),
        ("arrêt", "ARRET"),
        ("please stop texting me", "STOP"),
    ],
)
async def test_an_opt_out_is_confirmed_once_and_blocks_every_later_send(
    phone, sandbox, caller, stack, keyword, language_word
):
    await phone.text(caller, BUSINESS_NUMBER, keyword)
    confirmation = await texts_after(sandbox, caller, 1)

    await phone.text(caller, BUSINESS_NUMBER, keyword)
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")
    await publish(stack, review_request(caller, f"review-{caller}"))

    async def only_the_confirmation():
        return len(await texts_to(sandbox, caller)) == 1

    await stays(only_the_confirmation, 2.5, what="a single confirmation")
    assert "Acme Plumbing" in confirmation[0]["body"]
    assert language_word in confirmation[0]["body"].upper()


async def test_start_opts_back_in(phone, sandbox, caller):
    await phone.text(caller, BUSINESS_NUMBER, "STOP")
    await texts_after(sandbox, caller, 1)

    await phone.text(caller, BUSINESS_NUMBER, "START")
    await texts_after(sandbox, caller, 2)
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    texts = await texts_after(sandbox, caller, 3)
    assert "Acme Plumbing" in texts[2]["body"]


async def test_a_long_message_that_mentions_stop_is_not_an_opt_out(
    phone, sandbox, caller
):
    await phone.text(
        caller,
        BUSINESS_NUMBER,
        "Hi, can you stop by tomorrow morning? The kitchen tap won't stop dripping.",
    )
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    texts = await texts_after(sandbox, caller, 1)
    assert "opt out" in texts[0]["body"].lower()


@pytest.mark.parametrize(("keyword", "expected"), [("HELP", "STOP"), ("AIDE", "ARRET")])
async def test_help_and_aide_answer_with_the_business_and_how_to_opt_out(
    phone, sandbox, caller, keyword, expected
):
    await phone.text(caller, BUSINESS_NUMBER, keyword)

    texts = await texts_after(sandbox, caller, 1)
    assert "Acme Plumbing" in texts[0]["body"]
    assert expected in texts[0]["body"].upper()


async def test_twilio_reporting_21610_turns_into_an_opt_out(
    phone, sandbox, caller, stack
):
    await sandbox.post(
        "/_sandbox/numbers", json={"number": caller, "unsubscribed": True}
    )
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    async def carrier_opt_out():
        events = await events_of(stack, OptedOut)
        return [e for e in events if e.customer == caller and e.source == "carrier"]

    await eventually(carrier_opt_out, TIMEOUT, what="the carrier opt-out")

    # Twilio would accept again, but our opt-out stands.
    await sandbox.post(
        "/_sandbox/numbers", json={"number": caller, "unsubscribed": False}
    )
    await publish(stack, review_request(caller, f"review-{caller}"))

    async def review_blocked():
        events = await events_of(stack, SmsBlocked)
        return [e for e in events if e.to == caller and e.purpose == "review_request"]

    await eventually(review_blocked, TIMEOUT, what="the review request blocked")
    assert await texts_to(sandbox, caller) == []
