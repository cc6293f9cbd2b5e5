import pytest

from libs.events import CustomerMessageAccepted, OptedIn, OptedOut, SmsBlocked
from services.compliance.ports import SendFailure
from tests.factories import MOBILE_CALLER
from tests.unit.compliance.harness import Harness


@pytest.fixture
def h() -> Harness:
    return Harness()


def confirmations(h: Harness) -> list[str]:
    return [
        body for body in h.texts_to() if "unsubscribed" in body or "désabonné" in body
    ]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("STOP", "keyword"),
        ("stop", "keyword"),
        ("Stop.", "keyword"),
        ("please stop texting me", "phrase"),
    ],
)
async def test_an_opt_out_is_recorded_with_evidence_and_confirmed_once(h, text, source):
    sms = await h.customer_texts(text)

    state = await h.deps.consents.state("acme", sms.customer)
    assert state.opted_out
    [entry] = [e for e in h.deps.consents.ledger if e["kind"] == "opt_out"]
    assert (entry["basis"], entry["reference"], entry["text"]) == (
        source,
        sms.message_sid,
        text,
    )
    [event] = h.published.of(OptedOut)
    assert event.source == source
    assert confirmations(h) == [
        "Acme Plumbing: STOP received. You are unsubscribed and will get no more "
        "texts from us. Reply START to resubscribe."
    ]


@pytest.mark.parametrize("text", ["ARRET", "arrêt", "ne m'écrivez plus"])
async def test_a_french_opt_out_is_confirmed_in_french(h, text):
    await h.customer_texts(text)

    [confirmation] = confirmations(h)
    assert confirmation.startswith("Acme Plumbing : ARRET reçu. Vous êtes désabonné")


async def test_a_second_stop_gets_no_second_confirmation(h):
    await h.customer_texts("STOP")
    await h.customer_texts("stop!")

    assert len(confirmations(h)) == 1
    assert len(h.published.of(OptedOut)) == 1


async def test_a_redelivered_stop_is_confirmed_once(h):
    sms = await h.customer_texts("STOP")

    await h.inbound.handle(sms)

    assert len(confirmations(h)) == 1


async def test_no_confirmation_when_twilio_already_answered_the_stop(h):
    sms = await h.customer_texts("STOP", twilio_opt_out_type="STOP")

    assert (await h.deps.consents.state("acme", sms.customer)).opted_out
    assert h.sms.sent == []


async def test_a_confirmation_that_could_not_go_within_5_minutes_is_dropped(h):
    h.sms.failures = [SendFailure("server_error")] * 100
    await h.customer_texts("STOP")
    for _ in range(12):
        await h.later(seconds=30)

    [blocked] = h.published.of(SmsBlocked)
    assert (blocked.purpose, blocked.reason) == ("keyword_reply", "stale")


async def test_after_stop_every_send_is_blocked_until_start(h):
    await h.customer_texts("STOP")
    await h.request("textback-CA2")
    assert h.state_of("textback-CA2") == ("blocked", "opted_out")

    await h.customer_texts("START")
    await h.request("textback-CA3")

    assert h.state_of("textback-CA3") == ("sent", "sent")
    [opted_in] = h.published.of(OptedIn)
    assert opted_in.customer == MOBILE_CALLER
    assert any(
        body.startswith("Acme Plumbing: you are subscribed again")
        for body in h.texts_to()
    )


async def test_start_is_recorded_as_express_consent(h):
    await h.customer_texts("STOP")
    h.clock.advance(days=400)

    sms = await h.customer_texts("unstop")
    await h.request("review-1", purpose="review_request", consent_evidence=None)

    express = [e for e in h.deps.consents.ledger if e["basis"] == "express"]
    assert [e["reference"] for e in express] == [sms.message_sid]
    assert h.state_of("review-1") == ("sent", "sent")


async def test_yes_opts_back_in_only_after_an_opt_out(h):
    await h.customer_texts("yes")
    assert len(h.published.of(CustomerMessageAccepted)) == 1

    await h.customer_texts("STOP")
    await h.customer_texts("YES")

    assert len(h.published.of(OptedIn)) == 1
    assert len(h.published.of(CustomerMessageAccepted)) == 1


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            "HELP",
            "Acme Plumbing: for help, call +14165550199 or visit https://acme.example.",
        ),
        ("aide", "Acme Plumbing : pour de l'aide, appelez le +14165550199"),
    ],
)
async def test_help_names_the_business_its_contact_and_how_to_opt_out(h, text, start):
    await h.customer_texts(text)

    [reply] = h.texts_to()
    assert reply.startswith(start)
    assert "STOP" in reply or "ARRET" in reply


async def test_no_help_reply_when_twilio_already_answered_it(h):
    await h.customer_texts("HELP", twilio_opt_out_type="HELP")

    assert h.sms.sent == []


async def test_a_conversation_text_records_consent_and_goes_to_the_conversation(h):
    sms = await h.customer_texts("can you stop by tomorrow to look at the leak?")

    [accepted] = h.published.of(CustomerMessageAccepted)
    assert (accepted.message_sid, accepted.body) == (sms.message_sid, sms.body)
    await h.request(
        "reply-1",
        purpose="concierge_reply",
        in_reply_to=sms.message_sid,
        body="Sure, 10am?",
        consent_evidence=None,
    )
    # A direct reply in a live thread goes as written.
    assert h.texts_to()[-1] == "Sure, 10am?"


async def test_an_opted_out_customers_text_still_reaches_the_conversation(h):
    await h.customer_texts("STOP")

    await h.customer_texts("Actually, what are your hours?")

    assert len(h.published.of(CustomerMessageAccepted)) == 1
