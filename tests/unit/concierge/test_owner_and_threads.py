"""The owner's side: relays, picking a thread, giving it back, dashboard commands."""

from datetime import UTC, datetime

from evals.harness import Harness
from evals.tenant import OWNER_PHONE, tenant
from libs.events import (
    ConversationHandedOff,
    ConversationReturned,
    ThreadGiveBackRequested,
    ThreadTakeOverRequested,
)

NOW = datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
ANNE, BOB = "+14165550123", "+14165550124"


async def two_open_threads() -> Harness:
    run = Harness(tenant(), NOW)
    await run.customer_says(ANNE, "Can I talk to a person?")
    await run.customer_says(BOB, "I want to speak to the owner")
    return run


async def test_customer_texts_reach_the_owner_with_who_they_are_from():
    run = await two_open_threads()

    [relay] = await run.customer_says(BOB, "It's about my invoice")

    assert relay.to == OWNER_PHONE
    assert relay.body == "#2 +1 416-555-0124: It's about my invoice"
    assert relay.purpose == "relay_to_owner"


async def test_the_owner_answers_a_numbered_thread():
    run = await two_open_threads()

    [relay] = await run.owner_says("#2 I'll call you at 3")

    assert (relay.to, relay.body) == (BOB, "I'll call you at 3")
    assert relay.purpose == "relay_to_customer"
    assert relay.from_number == run.business_number
    assert relay.in_reply_to is not None


async def test_a_plain_owner_text_with_several_threads_open_gets_the_list():
    run = await two_open_threads()

    [answer] = await run.owner_says("On my way")

    assert answer.to == OWNER_PHONE
    assert "#1 +1 416-555-0123" in answer.body
    assert "#2 +1 416-555-0124" in answer.body
    assert (len(run.texts_to(ANNE)), len(run.texts_to(BOB))) == (1, 1)


async def test_giving_a_thread_back_frees_its_number_and_the_agent_answers_again():
    run = await two_open_threads()

    await run.owner_says("#1 done")
    [reply] = await run.customer_says(ANNE, "What are your hours?")
    await run.customer_says("+14165550125", "Can I talk to someone?")

    assert reply.body.startswith("We're open")
    [returned] = run.published.of(ConversationReturned)
    assert (returned.customer, returned.by) == (ANNE, "owner_sms")
    assert [e.thread_number for e in run.published.of(ConversationHandedOff)] == [
        1,
        2,
        1,
    ]


async def test_an_unknown_thread_number_gets_the_list_and_relays_nothing():
    run = await two_open_threads()

    [answer] = await run.owner_says("#7 hello")

    assert answer.to == OWNER_PHONE
    assert "Open threads" in answer.body


async def test_the_dashboard_takes_a_thread_over_and_gives_it_back():
    run = Harness(tenant(), NOW)
    await run.customer_says(ANNE, "What are your hours?")

    await run.lifecycle.take_over(
        ThreadTakeOverRequested(id="take-1", tenant_id="acme", customer=ANNE)
    )
    [relay] = await run.customer_says(ANNE, "Still there?")
    await run.lifecycle.give_back(
        ThreadGiveBackRequested(id="give-1", tenant_id="acme", customer=ANNE)
    )
    [reply] = await run.customer_says(ANNE, "What are your hours?")

    assert relay.to == OWNER_PHONE
    assert run.published.of(ConversationHandedOff)[0].reason == "owner_asked"
    assert run.published.of(ConversationReturned)[0].by == "dashboard"
    assert reply.to == ANNE


async def test_an_opt_out_closes_the_owners_thread_and_tells_the_owner():
    run = await two_open_threads()

    await run.opts_out(ANNE)
    nothing = await run.customer_says(ANNE, "one more thing")

    assert nothing == []
    assert "opted out" in run.texts_to(OWNER_PHONE)[-1].body
    assert [c.customer for c in await run.conversations.with_owner("acme")] == [BOB]


async def test_texts_to_the_owner_are_kept_apart_from_the_customers_transcript():
    run = await two_open_threads()
    await run.owner_says("#1 Hi Anne, Bob from Acme here")

    transcript = await run.conversations.transcript("acme", ANNE, 20)

    said = [(e.author, e.body) for e in transcript if e.author != "system"]
    assert said == [
        ("customer", "Can I talk to a person?"),
        ("agent", "I've passed this to the team; someone will text you back here."),
        ("owner", "Hi Anne, Bob from Acme here"),
    ]
