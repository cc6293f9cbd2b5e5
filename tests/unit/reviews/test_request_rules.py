from datetime import UTC, datetime, timedelta

from libs.tenants import ReviewSettings
from services.reviews.domain import requests as domain
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER, TOLL_FREE_CALLER
from tests.unit.reviews.builders import GOOGLE_REVIEW_URL, completed_job, review_tenant

NOW = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)


def record_for(job, customer, token="t" * 22):
    return {
        "_id": domain.job_key(job),
        "tenant_id": job.tenant_id,
        "job_id": job.job_id,
        "customer": customer,
        "token": token,
        "due_at": NOW + timedelta(seconds=30),
        "completed_at": job.occurred_at,
    }


def test_a_completed_job_is_asked_about_after_the_tenants_delay():
    plan = domain.plan_for(completed_job(), review_tenant(delay_seconds=30), NOW)

    assert plan == domain.Plan(
        customer=MOBILE_CALLER, due_at=NOW + timedelta(seconds=30)
    )


def test_no_request_without_a_review_link_when_disabled_or_for_an_unknown_tenant():
    job = completed_job()

    assert domain.plan_for(job, None, NOW) == domain.NoRequest("unknown_tenant")
    assert domain.plan_for(job, review_tenant(enabled=False), NOW) == domain.NoRequest(
        "reviews_disabled"
    )
    assert domain.plan_for(
        job, review_tenant(google_review_url=None), NOW
    ) == domain.NoRequest("no_review_link")


def test_a_number_that_cannot_receive_sms_gets_no_request():
    plan = domain.plan_for(completed_job(TOLL_FREE_CALLER), review_tenant(), NOW)

    assert plan == domain.NoRequest("cannot_receive_sms")


def test_a_job_has_one_key_whoever_delivers_it_and_sources_do_not_collide():
    first = completed_job(job_id="J1")
    again = completed_job(job_id="J1")

    assert domain.job_key(first) == domain.job_key(again)
    assert domain.job_key(first) != domain.job_key(
        completed_job(job_id="J1", source="jobber")
    )


def test_two_customers_get_the_same_words_and_page_apart_from_their_own_link():
    tenant = review_tenant()
    texts = []
    for customer, token in (("+14165550123", "a" * 22), ("+14165550124", "b" * 22)):
        job = completed_job(customer)
        link = domain.link_for("https://r.example", token)
        texts.append(domain.request_sms(record_for(job, customer, token), tenant, link))

    first, second = (
        t.body.replace(f"/r/{c * 22}", "/r/LINK")
        for t, c in zip(texts, "ab", strict=True)
    )
    assert first == second
    assert "https://r.example/r/LINK" in first


def test_the_request_is_a_review_request_from_the_tenants_number_on_job_consent():
    job = completed_job()
    record = record_for(job, MOBILE_CALLER)

    sms = domain.request_sms(record, review_tenant(), "https://r.example/r/x")

    assert sms.id == f"review-request-{record['_id']}"
    assert sms.purpose == "review_request"
    assert sms.from_number == BUSINESS_NUMBER
    assert sms.not_before == record["due_at"]
    assert sms.consent_evidence.basis == "job"
    assert sms.consent_evidence.reference == job.job_id
    assert "Acme Plumbing" in sms.body
    assert GOOGLE_REVIEW_URL not in sms.body


def test_no_wording_offers_anything_in_return_or_asks_only_the_happy():
    words = " ".join(domain.REQUEST_TEMPLATES.values()) + " ".join(
        domain.REMINDER_TEMPLATES.values()
    )

    for forbidden in (
        "discount",
        "coupon",
        "gift",
        "rabais",
        "5 star",
        "5-star",
        "happy",
    ):
        assert forbidden not in words.lower()


def test_the_reminder_has_its_own_id_and_purpose():
    record = record_for(completed_job(), MOBILE_CALLER)

    sms = domain.reminder_sms(record, review_tenant(), "https://r.example/r/x")

    assert sms.id == f"review-reminder-{record['_id']}"
    assert sms.purpose == "review_reminder"
    assert domain.key_of(sms.id) == record["_id"]
    assert domain.key_of("textback-CA123") is None


def test_asking_again_and_reminding_follow_the_tenants_days():
    never = review_tenant()
    yearly = review_tenant(ask_again_after_days=365, reminder_after_days=None)

    assert domain.ask_again_before(never, NOW) is None
    assert domain.ask_again_before(yearly, NOW) == NOW - timedelta(days=365)
    assert domain.remind_at(never, NOW) == NOW + timedelta(days=3)
    assert domain.remind_at(yearly, NOW) is None


def test_review_settings_name_a_google_location_with_plain_ids_only():
    settings = ReviewSettings(google_account_id="1234", google_location_id="987")

    assert settings.google_location_id == "987"
