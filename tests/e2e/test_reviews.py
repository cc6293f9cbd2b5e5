"""Review requests through every service as a process.

Quiet hours would hold a review request outside 08:00-21:00, so every test sets
the stack's clock to noon in Toronto (the customers' zone) first; the module
has a stack of its own because it moves the clock.
"""

import re
import subprocess
import sys
import uuid

import httpx
import pytest

from libs.devstack.stack import Stack
from libs.events import JobCompleted, SmsBlocked
from libs.review_events import ReviewLinkOpened
from tests.e2e.conftest import (
    events_of,
    fresh_mobile_number,
    publish,
    running_stack,
    texts_to,
)
from tests.e2e.test_quiet_hours import offset_to
from tests.factories import BUSINESS_NUMBER
from tests.helpers import eventually, stays
from tests.integration.reviews.crm_webhooks import (
    crm_secrets_json,
    housecallpro_body,
    jobber_body,
    jobber_headers,
    post_housecallpro,
    post_jobber,
)
from tests.unit.reviews.builders import GOOGLE_REVIEW_URL, review_tenant

LINK = re.compile(r"https?://\S+/r/[A-Za-z0-9_-]{16,64}")
# Done-when: one request within 30 s of completion in allowed hours.
REQUEST_TIMEOUT = 30


def reviews_stack(tmp_path_factory, mongo_url):
    """A stack whose tenant asks 1 s after a job and reminds a day later."""
    yield from running_stack(
        tmp_path_factory,
        mongo_url,
        review_tenant(delay_seconds=1, reminder_after_days=1),
        extra_env={"CRM_SECRETS": crm_secrets_json()},
    )


@pytest.fixture(scope="module")
def stack(tmp_path_factory, mongo_url_for_e2e):
    yield from reviews_stack(tmp_path_factory, mongo_url_for_e2e)


@pytest.fixture(autouse=True)
def at_noon(stack):
    stack.set_clock_offset(offset_to(12))
    yield
    stack.set_clock_offset(0)


def job_for(customer: str) -> JobCompleted:
    job_id = f"job-{uuid.uuid4().hex[:10]}"
    return JobCompleted(
        id=f"job-completed-dashboard-{job_id}",
        tenant_id="acme",
        job_id=job_id,
        customer=customer,
        source="dashboard",
    )


async def texts_after(sandbox, number: str, count: int, timeout: float = 15) -> list:
    async def enough():
        texts = await texts_to(sandbox, number)
        return texts if len(texts) >= count else None

    return await eventually(enough, timeout, what=f"{count} text(s) to {number}")


async def no_more_than(sandbox, number: str, count: int, seconds: float = 3.0):
    async def still():
        return len(await texts_to(sandbox, number)) <= count

    await stays(still, seconds, what=f"at most {count} text(s) to {number}")


async def test_the_command_completes_a_job_and_one_request_goes_within_30_s(
    stack, sandbox, caller
):
    env = {
        "NATS_URL": stack.nats.url,
        "NAMESPACE": stack.namespace,
        "ENVIRONMENT": "test",
    }
    arguments = ["complete-job", "--tenant", "acme", "--customer", caller]
    command = [sys.executable, "-m", "services.reviews", *arguments, "--job", "J-1"]

    subprocess.run(command, env=env, check=True, timeout=30, capture_output=True)
    [text] = await texts_after(sandbox, caller, 1, timeout=REQUEST_TIMEOUT)

    await no_more_than(sandbox, caller, 1)
    assert text["from"] == BUSINESS_NUMBER
    assert "Acme Plumbing" in text["body"]
    assert "Reply STOP to opt out" in text["body"]
    assert LINK.search(text["body"])


async def test_the_same_customers_second_job_gets_no_request(stack, sandbox, caller):
    await publish(stack, job_for(caller))
    await texts_after(sandbox, caller, 1)

    await publish(stack, job_for(caller))

    await no_more_than(sandbox, caller, 1)


async def test_two_customers_get_the_same_text_apart_from_their_own_link(
    stack, sandbox
):
    customers = [fresh_mobile_number(), fresh_mobile_number()]
    for customer in customers:
        await publish(stack, job_for(customer))

    bodies = [(await texts_after(sandbox, c, 1))[0]["body"] for c in customers]

    links = [LINK.search(body).group(0) for body in bodies]
    assert links[0] != links[1]
    assert bodies[0].replace(links[0], "LINK") == bodies[1].replace(links[1], "LINK")


async def test_an_opened_link_redirects_to_google_is_recorded_and_not_reminded(
    stack, sandbox, caller
):
    job = job_for(caller)
    await publish(stack, job)
    [text] = await texts_after(sandbox, caller, 1)
    link = LINK.search(text["body"]).group(0)
    assert link.startswith(stack.service_url("reviews"))

    async with httpx.AsyncClient() as client:
        opened = await client.get(link, headers={"user-agent": "Mozilla/5.0 (Android)"})

    assert opened.status_code == 302
    assert opened.headers["location"] == GOOGLE_REVIEW_URL

    async def open_recorded():
        opens = await events_of(stack, ReviewLinkOpened)
        return [e for e in opens if e.job_id == job.job_id]

    await eventually(open_recorded, 10, what="the open recorded")
    stack.set_clock_offset(offset_to(12, days_ahead=2))
    await no_more_than(sandbox, caller, 1)


async def requests_sent(stack: Stack) -> float:
    """How many sends the reviews service has heard of, from its /metrics."""
    async with httpx.AsyncClient(timeout=5) as client:
        text = (await client.get(f"{stack.service_url('reviews')}/metrics")).text
    [line] = [
        line
        for line in text.splitlines()
        if line.startswith("ringback_review_requests_sent_total ")
    ]
    return float(line.rsplit(" ", 1)[1])


async def test_an_unopened_request_gets_exactly_one_reminder(stack, sandbox, caller):
    sent_before = await requests_sent(stack)
    await publish(stack, job_for(caller))
    [request] = await texts_after(sandbox, caller, 1)

    # The reminder is due a day after the reviews service hears of the send:
    # the clock moves only once it has.
    async def heard_of_the_send():
        return await requests_sent(stack) > sent_before

    await eventually(heard_of_the_send, 10, what="the send heard of")
    stack.set_clock_offset(offset_to(12, days_ahead=1) + 60)
    texts = await texts_after(sandbox, caller, 2)
    stack.set_clock_offset(offset_to(12, days_ahead=5))

    await no_more_than(sandbox, caller, 2)
    assert LINK.search(texts[1]["body"]).group(0) == LINK.search(request["body"]).group(
        0
    )


async def test_an_opted_out_customer_gets_no_request(stack, sandbox, phone, caller):
    await phone.text(caller, BUSINESS_NUMBER, "STOP")
    await texts_after(sandbox, caller, 1)

    await publish(stack, job_for(caller))

    async def review_blocked():
        events = await events_of(stack, SmsBlocked)
        return [e for e in events if e.to == caller and e.purpose == "review_request"]

    [blocked] = await eventually(review_blocked, 15, what="the request blocked")
    assert blocked.reason == "opted_out"
    await no_more_than(sandbox, caller, 1)


async def test_a_repeated_crm_webhook_gives_one_request_and_an_unsigned_one_none(
    stack, sandbox
):
    hcp_customer, jobber_customer, forged = (fresh_mobile_number() for _ in range(3))
    hcp = housecallpro_body(f"job_{uuid.uuid4().hex[:8]}", hcp_customer)
    jobber = jobber_body(uuid.uuid4().hex[:12], jobber_customer)
    unsigned = jobber_body(uuid.uuid4().hex[:12], forged)

    async with httpx.AsyncClient(base_url=stack.ingress_url) as ingress:
        answers = [await post_housecallpro(ingress, "acme", hcp) for _ in range(3)]
        answers += [await post_jobber(ingress, "acme", jobber) for _ in range(2)]
        refused = await post_jobber(
            ingress, "acme", unsigned, {"content-type": "application/json"}
        )
        forged_answer = await post_jobber(
            ingress, "acme", unsigned, jobber_headers(unsigned, secret="guess")
        )

    assert [a.status_code for a in answers] == [200] * 5
    assert (refused.status_code, forged_answer.status_code) == (403, 403)
    await texts_after(sandbox, hcp_customer, 1)
    await texts_after(sandbox, jobber_customer, 1)
    await no_more_than(sandbox, hcp_customer, 1)
    await no_more_than(sandbox, jobber_customer, 1, seconds=0.5)
    assert await texts_to(sandbox, forged) == []
