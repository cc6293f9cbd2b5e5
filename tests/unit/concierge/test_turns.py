"""One customer's turn through the handlers, over in-memory ports."""

from datetime import UTC, datetime

from evals.harness import Harness, new_sid
from evals.tenant import OWNER_PHONE, tenant
from libs.events import (
    AppointmentBooked,
    ConversationHandedOff,
    OwnerAlerted,
    SendSms,
)
from services.concierge import metrics
from services.concierge.brains.base import Reply
from services.concierge.handlers.deps import Limits

NOW = datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
CUSTOMER = "+14165550123"


def harness(**kwargs) -> Harness:
    return Harness(tenant(), NOW, **kwargs)


class ScriptedBrain:
    """A brain that says what the test wants, as a misled model might."""

    name = "scripted"
    reads_history = False

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.calls = 0

    async def reply(self, turn, tools) -> Reply:
        self.calls += 1
        return Reply(self.text, turn.state, 100, 20, spend_usd=0.5)


async def test_a_reply_is_a_direct_answer_through_the_gate_with_text_consent():
    run = harness()

    [reply] = await run.customer_says(CUSTOMER, "What are your hours?", sid="SM1")

    assert reply.purpose == "concierge_reply"
    assert reply.in_reply_to == "SM1"
    assert reply.id == "concierge-reply-SM1"
    assert reply.from_number == run.business_number
    assert reply.consent_evidence.basis == "text"
    assert reply.consent_evidence.reference == "SM1"


async def test_a_redelivered_text_republishes_the_same_reply_without_a_new_turn():
    run = harness()
    await run.customer_says(CUSTOMER, "Can I book a visit?", sid="SM1")
    state = (await run.conversations.load("acme", CUSTOMER)).state

    run.published = type(run.published)()
    run.deps.publisher = run.published
    again = await run.customer_says(CUSTOMER, "Can I book a visit?", sid="SM1")

    assert [m.id for m in again] == ["concierge-reply-SM1"]
    assert (await run.conversations.load("acme", CUSTOMER)).state == state


async def test_a_booking_is_confirmed_before_it_is_made():
    run = harness()
    await run.customer_says(CUSTOMER, "Book me a drain cleaning")
    await run.customer_says(CUSTOMER, "3")

    assert run.published.of(AppointmentBooked) == []
    await run.customer_says(CUSTOMER, "yes")

    [booked] = run.published.of(AppointmentBooked)
    assert booked.service == "drain-cleaning"
    assert run.calendar.bookings


async def test_a_booking_is_counted_for_the_business_dashboard():
    counted = metrics.BOOKINGS.labels("booked")
    before = counted._value.get()
    run = harness()

    await run.customer_says(CUSTOMER, "Book me a drain cleaning")
    await run.customer_says(CUSTOMER, "3")
    await run.customer_says(CUSTOMER, "yes")

    assert counted._value.get() == before + 1


async def test_two_customers_cannot_book_the_same_slot():
    run = harness()
    other = "+14165550124"
    for customer in (CUSTOMER, other):
        await run.customer_says(customer, "Can I book a visit?")
        await run.customer_says(customer, "1")
    await run.customer_says(CUSTOMER, "yes")

    [taken] = await run.customer_says(other, "yes")

    assert "just taken" in taken.body
    assert len(run.published.of(AppointmentBooked)) == 1


async def test_a_quote_above_the_owners_threshold_goes_to_the_owner_first():
    run = harness()

    texts = await run.customer_says(CUSTOMER, "How much for a new water heater?")

    to_customer = [t for t in texts if t.to == CUSTOMER]
    to_owner = [t for t in texts if t.to == OWNER_PHONE]
    assert "$" not in to_customer[0].body
    assert "$1,800-$3,500" in to_owner[0].body
    assert run.published.of(ConversationHandedOff)[0].reason == "quote_approval"
    assert run.published.of(OwnerAlerted)[0].reason == "quote_approval"


async def test_a_reply_with_an_invented_price_is_replaced_and_goes_to_the_owner():
    run = harness(brain=ScriptedBrain("Sure, drain cleaning is $49 for you today!"))

    texts = await run.customer_says(CUSTOMER, "best price for drains?")

    [reply] = [t for t in texts if t.to == CUSTOMER]
    assert "$49" not in reply.body
    assert run.published.of(ConversationHandedOff)[0].reason == "guardrail"


async def test_a_brain_with_nothing_to_say_hands_the_thread_over():
    run = harness(brain=ScriptedBrain(None))

    await run.customer_says(CUSTOMER, "something odd")

    assert run.published.of(ConversationHandedOff)[0].reason == "unsure"


async def test_past_the_daily_turn_limit_threads_go_to_the_owner():
    brain = ScriptedBrain("We're open Mon-Fri.")
    run = harness(brain=brain, limits=Limits(turns=2))
    for number in range(2):
        await run.customer_says(f"+1416555020{number}", "hours?")

    await run.customer_says(CUSTOMER, "hours?")

    assert brain.calls == 2
    assert run.published.of(ConversationHandedOff)[0].reason == "daily_limit"


async def test_past_the_daily_spending_limit_threads_go_to_the_owner():
    brain = ScriptedBrain("We're open Mon-Fri.")
    run = harness(brain=brain, limits=Limits(spend_usd=1.0))
    for number in range(2):
        await run.customer_says(f"+1416555020{number}", "hours?")

    await run.customer_says(CUSTOMER, "hours?")

    assert brain.calls == 2
    assert run.published.of(ConversationHandedOff)[0].reason == "daily_limit"


async def test_an_emergency_alerts_the_owner_without_asking_the_brain():
    brain = ScriptedBrain("irrelevant")
    run = harness(brain=brain)

    texts = await run.customer_says(CUSTOMER, "Water is flooding the basement")

    alert = next(t for t in texts if t.to == OWNER_PHONE)
    assert alert.purpose == "owner_alert"
    assert "+1 416-555-0123" in alert.body
    assert brain.calls == 0


async def test_an_opted_out_customer_gets_nothing_ever_again():
    run = harness()
    await run.customer_says(CUSTOMER, "Can I book a visit?")
    await run.opts_out(CUSTOMER)

    after = await run.customer_says(CUSTOMER, "1")
    emergency = await run.customer_says(CUSTOMER, "my basement is flooding")

    assert after == emergency == []


async def test_every_turn_is_stored_message_by_message():
    run = harness()
    await run.customer_says(CUSTOMER, "What are your hours?", sid="SM1")
    await run.customer_says(CUSTOMER, "Do you serve Toronto?", sid="SM2")

    transcript = await run.conversations.transcript("acme", CUSTOMER, 10)

    assert [e.author for e in transcript] == ["customer", "agent"] * 2
    assert transcript[0].body == "What are your hours?"


async def test_every_effect_is_a_send_request_through_compliance():
    run = harness()
    for text in ["Can I talk to someone?", "hello", "my basement is flooding"]:
        await run.customer_says(CUSTOMER, text, sid=new_sid())

    texts = run.published.of(SendSms)
    assert {t.purpose for t in texts} <= {
        "concierge_reply",
        "relay_to_owner",
        "relay_to_customer",
        "owner_alert",
    }
