"""A review request for a job completed late in the evening waits for 08:00.

This module moves the stack's clock, so it runs on a stack of its own.
"""

import pytest

from tests.e2e.conftest import publish, texts_to
from tests.e2e.test_quiet_hours import offset_to
from tests.e2e.test_reviews import job_for, reviews_stack
from tests.helpers import eventually, stays


@pytest.fixture(scope="module")
def stack(tmp_path_factory, mongo_url_for_e2e):
    yield from reviews_stack(tmp_path_factory, mongo_url_for_e2e)


async def test_a_job_completed_at_22_30_is_asked_about_at_08_00(stack, sandbox, caller):
    stack.set_clock_offset(offset_to(22, 30))
    try:
        await publish(stack, job_for(caller))

        async def nothing_sent():
            return await texts_to(sandbox, caller) == []

        # Past the one-second delay: only quiet hours hold the request now.
        await stays(nothing_sent, 4.0, what="quiet hours")
        stack.set_clock_offset(offset_to(8, 0, days_ahead=1) + 5)

        async def sent():
            return await texts_to(sandbox, caller)

        texts = await eventually(sent, 15, what="the review request at 08:00")
    finally:
        stack.set_clock_offset(0)

    assert len(texts) == 1
    assert "Google review" in texts[0]["body"]
