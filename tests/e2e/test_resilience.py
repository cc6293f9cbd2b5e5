"""Crashes and outages in the middle of a flow: every missed call texted exactly once.

This module kills services and stops the store, so it runs on a stack of its own.
"""

import os

import pytest

from tests.e2e.conftest import texts_to
from tests.factories import BUSINESS_NUMBER, call_sid
from tests.helpers import eventually, stays

TIMEOUT = 20


async def exactly_one_text(sandbox, number):
    async def arrived():
        return await texts_to(sandbox, number)

    await eventually(arrived, TIMEOUT, what=f"a text to {number}")

    async def still_one():
        return len(await texts_to(sandbox, number)) == 1

    await stays(still_one, 1.5, what="exactly one text")


async def test_a_text_back_service_killed_mid_flow_still_texts_once(
    stack, phone, sandbox, caller
):
    stack.kill("textback")
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

    stack.start_service("textback")

    await exactly_one_text(sandbox, caller)


async def test_a_compliance_service_killed_mid_flow_still_texts_once(
    stack, phone, sandbox, caller
):
    stack.kill("compliance")
    sid = call_sid()
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded", call_sid=sid)

    stack.start_service("compliance")
    await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded", call_sid=sid)

    await exactly_one_text(sandbox, caller)


@pytest.mark.skipif(
    bool(os.environ.get("MONGODB_URL")),
    reason="stops the store, which only works with the embedded nx-27017",
)
async def test_with_the_store_down_nothing_is_sent_until_it_returns(
    stack, phone, sandbox, caller
):
    stack.mongo.stop()
    try:
        answer = await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")
        assert answer.steps[0].status == 200

        async def nothing_sent():
            return await texts_to(sandbox, caller) == []

        await stays(nothing_sent, 3.0, what="no text while the store is down")
    finally:
        stack.mongo.start()

    await exactly_one_text(sandbox, caller)
