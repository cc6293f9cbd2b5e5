"""Tenant A's key, tried on every route of the OpenAPI, reaches nothing of tenant B.

Both tenants live in the real stores; tenant B has a configuration, a key and
read models full of its own data, and A aims every route at B's customer,
number, message and job. Afterwards B's data must read exactly as before, and
nothing must have been published for B.
"""

from datetime import timedelta

from libs.events import (
    AppointmentBooked,
    CallMissed,
    ConsentRecorded,
    CustomerMessageAccepted,
    JobCompleted,
    OptedOut,
    SmsBlocked,
    SmsSent,
    utc_now,
)
from libs.review_events import RatingSampled, ReviewLinkOpened, ReviewRequested
from tests.helpers import eventually
from tests.unit.dashboard.openapi_walk import operations, valid_bodies

A_NUMBER, B_NUMBER = "+14165550100", "+14165550111"
B_CUSTOMER = "+14165550177"
B_NAME, B_SECRET = "Bravo Roofing", "bravo-secret-words"
READS = (
    "/v1/tenant",
    "/v1/missed-calls",
    "/v1/threads",
    f"/v1/threads/{B_CUSTOMER}",
    "/v1/jobs",
    "/v1/opt-outs",
    "/v1/consents",
    "/v1/bookings",
    "/v1/reviews",
    "/v1/consents/export.csv",
)
# Always an object: compared before and after, not counted.
STATS = "/v1/reviews/stats"


async def fill_tenant_b(live, key: str) -> str:
    """B's read models hold one of everything; the id of B's manual send."""
    now = utc_now()
    for event in (
        CallMissed(
            id="b-missed",
            tenant_id="bravo",
            call_sid="CAb",
            caller=B_CUSTOMER,
            business_number=B_NUMBER,
            reason="busy",
        ),
        SmsSent(
            id="b-sent",
            tenant_id="bravo",
            request_id="textback-CAb",
            message_sid="SMb",
            to=B_CUSTOMER,
            purpose="textback",
            body=B_SECRET,
            origin_at=now,
        ),
        CustomerMessageAccepted(
            id="b-in",
            tenant_id="bravo",
            message_sid="SMin",
            customer=B_CUSTOMER,
            business_number=B_NUMBER,
            body=B_SECRET,
        ),
        ConsentRecorded(
            id="b-consent",
            tenant_id="bravo",
            customer=B_CUSTOMER,
            basis="text",
            reference="SMin",
            at=now,
            text=B_SECRET,
        ),
        OptedOut(
            id="b-out",
            tenant_id="bravo",
            customer=B_CUSTOMER,
            source="keyword",
            evidence=B_SECRET,
        ),
        JobCompleted(
            id="b-job",
            tenant_id="bravo",
            job_id="job-b",
            customer=B_CUSTOMER,
            customer_name=B_SECRET,
            source="jobber",
        ),
        AppointmentBooked(
            id="b-booked",
            tenant_id="bravo",
            booking_id="bk-b",
            customer=B_CUSTOMER,
            service=B_SECRET,
            starts_at=now + timedelta(days=1),
            ends_at=now + timedelta(days=1, hours=1),
        ),
        ReviewRequested(
            id="b-review",
            tenant_id="bravo",
            request_id="review-request-b",
            job_id=B_SECRET,
            customer=B_CUSTOMER,
            due_at=now,
        ),
        SmsSent(
            id="b-review-sent",
            tenant_id="bravo",
            request_id="review-request-b",
            message_sid="SMr",
            to=B_CUSTOMER,
            purpose="review_request",
            body=B_SECRET,
        ),
        ReviewLinkOpened(
            id="b-opened",
            tenant_id="bravo",
            request_id="review-request-b",
            job_id=B_SECRET,
        ),
        RatingSampled(
            id="b-rating",
            tenant_id="bravo",
            average_rating=4.9,
            total_review_count=77,
            new_reviews=1,
            attributed_reviews=1,
        ),
    ):
        await live.runtime.publisher.publish(event)

    async with live.client(key) as b:
        sent = await b.post("/v1/messages", json={"to": B_CUSTOMER, "body": B_SECRET})
        request_id = sent.json()["request_id"]
        await live.runtime.publisher.publish(
            SmsBlocked(
                id="b-blocked",
                tenant_id="bravo",
                request_id=request_id,
                to=B_CUSTOMER,
                purpose="manual",
                reason="opted_out",
            )
        )

        async def everything_projected():
            outcome = await b.get(f"/v1/messages/{request_id}")
            counts = [len((await b.get(path)).json()) for path in READS[1:-1]]
            # The request and its open come through two consumers: wait for both.
            stats = (await b.get(STATS)).json()
            reviewed = stats["review_count"] and stats["opened"]
            # Three texts with B's customer: the text-back, the reply, the review ask.
            [thread] = (await b.get("/v1/threads")).json() or [{"messages": 0}]
            blocked = outcome.json()["state"] == "blocked"
            return blocked and all(counts) and reviewed and thread["messages"] == 3

        await eventually(everything_projected, 10, "tenant B's read models")
    return request_id


async def snapshot(live, key: str, request_id: str) -> list[str]:
    async with live.client(key) as b:
        paths = (*READS, STATS, f"/v1/messages/{request_id}")
        return [(await b.get(path)).text for path in paths]


async def test_tenant_a_can_neither_read_nor_change_anything_of_tenant_b(live):
    a_key = await live.provision("acme", A_NUMBER, "Acme Plumbing")
    b_key = await live.provision("bravo", B_NUMBER, B_NAME)
    b_request = await fill_tenant_b(live, b_key)
    before = await snapshot(live, b_key, b_request)
    published_for_b = await live.tenant_messages("bravo")
    aimed_at_b = {
        "customer": B_CUSTOMER,
        "request_id": b_request,
        "job_id": "job-b",
        "tenant_id": "bravo",
    }

    async with live.client(a_key) as a:
        for op in operations(live.app):
            body = valid_bodies(B_NUMBER, B_CUSTOMER)[(op.method, op.path)]
            response = await a.request(op.method, op.url(**aimed_at_b), json=body)

            if op.scheme == "AdminKey":
                assert response.status_code == 401, op
            if op.scheme is not None:
                assert B_SECRET not in response.text, op
                assert B_NAME not in response.text, op
                assert b_key not in response.text, op
        a_config = (await a.get("/v1/tenant")).json()
        a_stats = (await a.get(STATS)).json()

    # B's calls still reach B: no other tenant lists its number.
    assert B_NUMBER not in [n["number"] for n in a_config["numbers"]]
    assert (a_stats["requests"], a_stats["review_count"]) == (0, None)
    assert await snapshot(live, b_key, b_request) == before
    assert await live.tenant_messages("bravo") == published_for_b


async def test_tenant_a_cannot_fetch_tenant_bs_send_or_claim_its_number(live):
    a_key = await live.provision("acme", A_NUMBER, "Acme Plumbing")
    b_key = await live.provision("bravo", B_NUMBER, B_NAME)
    await live.runtime.directory.wait_for("bravo", 1)

    async with live.client(b_key) as b:
        sent = await b.post("/v1/messages", json={"to": B_CUSTOMER, "body": "Hi"})
    async with live.client(a_key) as a:
        fetched = await a.get(f"/v1/messages/{sent.json()['request_id']}")
        claimed = await a.put(
            "/v1/tenant/numbers", json={"numbers": [{"number": B_NUMBER}]}
        )

    assert (fetched.status_code, claimed.status_code) == (404, 409)
