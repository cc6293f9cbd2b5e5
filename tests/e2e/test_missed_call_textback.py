"""A missed call becomes one compliant SMS, through every service as a process."""

from tests.e2e.conftest import texts_to
from tests.factories import BUSINESS_NUMBER, call_sid
from tests.helpers import eventually, stays

TEXT_TIMEOUT = 15


async def one_text(sandbox, number):
    async def arrived():
        return await texts_to(sandbox, number)

    texts = await eventually(arrived, TEXT_TIMEOUT, what=f"a text to {number}")
    return texts


async def nothing_more_arrives(sandbox, number, expected: int, seconds: float = 1.5):
    async def still_the_same():
        return len(await texts_to(sandbox, number)) == expected

    await stays(still_the_same, seconds, what=f"{expected} text(s) to {number}")


async def test_a_missed_call_gets_one_text_naming_the_business_with_opt_out(
    phone, sandbox, caller
):
    answer = await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    texts = await one_text(sandbox, caller)
    await nothing_more_arrives(sandbox, caller, expected=1)
    assert answer.steps[0].status == 200
    assert "Acme Plumbing" in texts[0]["body"]
    assert "Reply STOP to opt out" in texts[0]["body"]
    assert texts[0]["from"] == BUSINESS_NUMBER


async def test_twilio_retrying_the_webhook_still_gives_one_text(phone, sandbox, caller):
    sid = call_sid()

    for _ in range(4):
        await phone.missed_call(
            caller, BUSINESS_NUMBER, outcome="forwarded", call_sid=sid
        )

    await one_text(sandbox, caller)
    await nothing_more_arrives(sandbox, caller, expected=1)


async def test_two_calls_within_the_cooldown_give_one_text(phone, sandbox, caller):
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")
    await one_text(sandbox, caller)

    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    await nothing_more_arrives(sandbox, caller, expected=1)


async def test_a_landline_caller_gets_no_text(phone, sandbox, caller):
    await sandbox.post("/_sandbox/numbers", json={"number": caller, "landline": True})

    answer = await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    assert answer.steps[0].status == 200
    await nothing_more_arrives(sandbox, caller, expected=0, seconds=2)


async def test_a_failing_twilio_is_retried_and_the_text_sent_once(
    phone, sandbox, caller
):
    await sandbox.post("/_sandbox/faults", json={"status": 500, "count": 2})

    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    await one_text(sandbox, caller)
    await nothing_more_arrives(sandbox, caller, expected=1)
