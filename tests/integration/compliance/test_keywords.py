"""Keywords end to end: NATS in, MongoDB records, the sandbox receives the replies."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from libs.events import (
    ConsentEvidence,
    CustomerMessageAccepted,
    OptedIn,
    OptedOut,
    SmsBlocked,
    SmsSent,
)
from tests.helpers import eventually, stays

ENGLISH = "Acme Plumbing: STOP received. You are unsubscribed"
FRENCH = "Acme Plumbing : ARRET reçu. Vous êtes désabonné"


@pytest.mark.parametrize(
    ("text", "confirmation"),
    [
        ("STOP", ENGLISH),
        ("stop", ENGLISH),
        ("Stop.", ENGLISH),
        ("ARRET", FRENCH),
        ("arrêt", FRENCH),
        ("please stop texting me", ENGLISH),
    ],
)
async def test_an_opt_out_is_confirmed_once_in_its_language_and_blocks_later_texts(
    stack, text, confirmation
):
    sms = await stack.customer_texts(text)
    [reply] = await eventually(stack.texts, what="the confirmation")
    assert reply.startswith(confirmation)

    await stack.customer_texts(text)
    await stack.publish(stack.request("textback-later"))

    blocked = await stack.wait_for_state("textback-later", "blocked")
    assert blocked["reason"] == "opted_out"
    assert await stack.texts() == [reply]
    [opted_out] = await stack.events(OptedOut)
    assert opted_out.evidence == f'{sms.message_sid}: "{text}"'
    entry = await stack.db["consent_ledger"].find_one({"kind": "opt_out"})
    assert (entry["reference"], entry["text"]) == (sms.message_sid, text)


async def test_a_review_held_for_quiet_hours_is_blocked_by_a_stop_that_comes_first(
    stack,
):
    toronto = ZoneInfo("America/Toronto")
    tonight = datetime.now(toronto).replace(hour=23, minute=0) + timedelta(days=1)
    stack.set_clock(tonight)
    job = ConsentEvidence(basis="job", reference="job-1", at=stack.clock.now())
    await stack.publish(
        stack.request(
            "review-1",
            purpose="review_request",
            body="How did we do?",
            consent_evidence=job,
        )
    )
    held = await stack.wait_for_state("review-1", "held")
    assert held["reason"] == "quiet_hours"
    next_morning = (tonight + timedelta(days=1)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    assert held["due"]["at"] == next_morning

    await stack.customer_texts("STOP")
    await eventually(stack.texts, what="the confirmation")
    stack.set_clock(tonight + timedelta(hours=9, minutes=5))

    blocked = await stack.wait_for_state("review-1", "blocked")
    assert blocked["reason"] == "opted_out"
    assert not any("How did we do?" in text for text in await stack.texts())


async def test_start_opts_back_in_and_texts_flow_again(stack):
    await stack.customer_texts("STOP")
    await eventually(stack.texts, what="the opt-out confirmation")

    await stack.customer_texts("START")
    await eventually(lambda: stack.events(OptedIn), what="OptedIn")
    await stack.publish(stack.request("textback-after"))

    await stack.wait_for_state("textback-after", "sent")
    texts = await stack.texts()
    assert texts[1].startswith("Acme Plumbing: you are subscribed again")
    assert texts[2].startswith("Hi, this is Acme Plumbing.")
    express = await stack.db["consent_ledger"].find_one({"basis": "express"})
    assert express["text"] == "START"


@pytest.mark.parametrize(
    ("keyword", "start"),
    [
        ("HELP", "Acme Plumbing: for help, call +14165550199"),
        ("AIDE", "Acme Plumbing : pour de l'aide, appelez le +14165550199"),
    ],
)
async def test_help_and_aide_are_answered(stack, keyword, start):
    await stack.customer_texts(keyword)

    [reply] = await eventually(stack.texts, what="the help reply")
    assert reply.startswith(start)
    assert "https://acme.example" in reply


async def test_a_conversation_text_records_consent_and_reaches_the_concierge(stack):
    sms = await stack.customer_texts("Do you fix water heaters?")

    [accepted] = await eventually(
        lambda: stack.events(CustomerMessageAccepted), what="the accepted message"
    )
    assert (accepted.message_sid, accepted.body) == (sms.message_sid, sms.body)
    consent = await stack.db["consent_ledger"].find_one({"basis": "text"})
    assert consent["reference"] == sms.message_sid

    reply = stack.request(
        "concierge-1",
        purpose="concierge_reply",
        in_reply_to=sms.message_sid,
        body="Yes, we do. When suits you?",
        consent_evidence=None,
    )
    await stack.publish(reply)
    await stack.wait_for_state("concierge-1", "sent")
    assert await stack.texts() == ["Yes, we do. When suits you?"]
    [sent] = await stack.events(SmsSent)
    assert sent.request_id == "concierge-1"
    await stays(lambda: _no_blocked(stack), 0.2, what="no blocked message")


async def _no_blocked(stack) -> bool:
    return await stack.events(SmsBlocked) == []
