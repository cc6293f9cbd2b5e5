"""Review requests against the real NATS and MongoDB-wire servers."""

from datetime import timedelta

from libs.review_events import ReviewLinkOpened, ReviewRequested
from tests.helpers import stored_messages
from tests.integration.reviews.conftest import START
from tests.unit.reviews.builders import GOOGLE_REVIEW_URL, completed_job, review_tenant

CUSTOMER = "+14165550123"
OTHER_CUSTOMER = "+14165550124"


async def test_a_completed_job_asks_once_after_the_delay_even_when_redelivered(reviews):
    await reviews.put_tenant(review_tenant(delay_seconds=30))
    job = completed_job(CUSTOMER)

    for _ in range(3):
        await reviews.handlers.job_completed(job)

    [request] = await reviews.requests()
    assert request.purpose == "review_request"
    assert request.not_before == START + timedelta(seconds=30)
    assert request.consent_evidence.basis == "job"
    announced = await stored_messages(
        reviews.runtime.broker.connection, reviews.runtime.names, ReviewRequested
    )
    assert [a.request_id for a in announced] == [request.id]


async def test_the_same_customer_is_never_asked_twice_by_default(reviews):
    await reviews.put_tenant(review_tenant())
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    reviews.clock.advance(days=400)

    await reviews.handlers.job_completed(completed_job(CUSTOMER))

    assert len(await reviews.requests()) == 1


async def test_a_job_skipped_for_want_of_a_link_stays_skipped_and_frees_the_customer(
    reviews,
):
    await reviews.put_tenant(review_tenant(google_review_url=None))
    job = completed_job(CUSTOMER)
    await reviews.handlers.job_completed(job)

    # The owner adds the link; the same job is reported again (by Jobber, say).
    await reviews.put_tenant(review_tenant(revision=2))
    await reviews.handlers.job_completed(job)
    assert await reviews.requests() == []

    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    assert len(await reviews.requests()) == 1


async def test_a_tenant_may_allow_asking_again_after_some_days(reviews):
    await reviews.put_tenant(review_tenant(ask_again_after_days=180))
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    reviews.clock.advance(days=30)
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    assert len(await reviews.requests()) == 1

    reviews.clock.advance(days=151)
    await reviews.handlers.job_completed(completed_job(CUSTOMER))

    assert len(await reviews.requests()) == 2


async def test_two_customers_get_the_same_text_apart_from_their_own_link(reviews):
    await reviews.put_tenant(review_tenant())

    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    await reviews.handlers.job_completed(completed_job(OTHER_CUSTOMER))

    first, second = await reviews.requests()
    links = [r.body.split()[-1] for r in (first, second)]
    assert links[0] != links[1]
    assert first.body.replace(links[0], "") == second.body.replace(links[1], "")


async def test_an_unopened_request_gets_exactly_one_reminder(reviews):
    await reviews.put_tenant(review_tenant(reminder_after_days=3))
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    [request] = await reviews.requests()
    await reviews.sent(request)

    reviews.clock.advance(days=2)
    assert await reviews.handlers.remind_due() == 0
    reviews.clock.advance(days=1, seconds=1)
    assert await reviews.handlers.remind_due() == 1
    reviews.clock.advance(days=10)
    assert await reviews.handlers.remind_due() == 0

    [reminder] = await reviews.requests("review_reminder")
    assert reminder.body.split()[-1] == request.body.split()[-1]
    record = await reviews.store.find(request.id.removeprefix("review-request-"))
    assert record["state"] == "reminded"


async def test_an_opened_link_redirects_to_google_and_stops_the_reminder(reviews):
    await reviews.put_tenant(review_tenant(reminder_after_days=3))
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    [request] = await reviews.requests()
    await reviews.sent(request)
    path = request.body.split()[-1].removeprefix(reviews.http.base_url.__str__())

    opened = await reviews.http.get(path)
    again = await reviews.http.get(path)

    assert (opened.status_code, again.status_code) == (302, 302)
    assert opened.headers["location"] == GOOGLE_REVIEW_URL
    reviews.clock.advance(days=4)
    assert await reviews.handlers.remind_due() == 0
    events = await stored_messages(
        reviews.runtime.broker.connection, reviews.runtime.names, ReviewLinkOpened
    )
    assert [e.request_id for e in events] == [request.id]


async def test_a_link_preview_is_not_an_open(reviews):
    await reviews.put_tenant(review_tenant(reminder_after_days=3))
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    [request] = await reviews.requests()
    await reviews.sent(request)
    path = request.body.split()[-1].removeprefix(str(reviews.http.base_url))

    preview = await reviews.http.get(
        path, headers={"user-agent": "facebookexternalhit/1.1 Facebot Twitterbot/1.0"}
    )

    assert preview.status_code == 302
    reviews.clock.advance(days=4)
    assert await reviews.handlers.remind_due() == 1


async def test_an_unknown_link_is_not_found(reviews):
    response = await reviews.http.get("/r/" + "x" * 22)

    assert response.status_code == 404


async def test_a_blocked_request_is_never_reminded(reviews):
    await reviews.put_tenant(review_tenant(reminder_after_days=3))
    await reviews.handlers.job_completed(completed_job(CUSTOMER))
    [request] = await reviews.requests()

    await reviews.blocked(request, "opted_out")
    reviews.clock.advance(days=4)

    assert await reviews.handlers.remind_due() == 0
    record = await reviews.store.find(request.id.removeprefix("review-request-"))
    assert (record["state"], record["reason"]) == ("blocked", "opted_out")


async def test_statistics_count_what_was_sent_and_opened_behind_a_token(reviews):
    await reviews.put_tenant(review_tenant())
    for customer in (CUSTOMER, OTHER_CUSTOMER):
        await reviews.handlers.job_completed(completed_job(customer))
    first, second = await reviews.requests()
    await reviews.sent(first)
    await reviews.sent(second)
    await reviews.http.get(
        first.body.split()[-1].removeprefix(str(reviews.http.base_url))
    )
    since = (START - timedelta(days=1)).isoformat()

    refused = await reviews.http.get("/tenants/acme/reviews/stats")
    stats = await reviews.http.get(
        "/tenants/acme/reviews/stats",
        params={"since": since},
        headers={"authorization": "Bearer stats-token-for-the-tests"},
    )

    assert refused.status_code == 401
    body = stats.json()
    assert (body["requests_sent"], body["links_opened"], body["open_rate"]) == (
        2,
        1,
        0.5,
    )
