from datetime import timedelta

from services.textback.domain import NoText, TextPlan, plan_for, text_request
from tests.factories import TOLL_FREE_CALLER, missed_call, tenant


def test_a_mobile_caller_is_planned_a_text_after_the_tenant_delay():
    missed = missed_call()

    plan = plan_for(missed, tenant(delay_seconds=45))

    assert isinstance(plan, TextPlan)
    assert plan.due_at == missed.received_at + timedelta(seconds=45)


def test_numbers_that_cannot_receive_sms_get_no_text():
    for caller in (TOLL_FREE_CALLER, "anonymous", "+1555", ""):
        assert plan_for(missed_call(caller=caller), tenant()) == NoText(
            "cannot_receive_sms"
        )


def test_a_tenant_with_text_back_off_texts_nobody():
    assert plan_for(missed_call(), tenant(enabled=False)) == NoText("textback_disabled")


def test_the_text_names_the_business_in_its_default_language():
    french = tenant()
    french.identity.default_language = "fr"
    missed = missed_call()

    request = text_request(missed, missed.caller, french)

    assert "Acme Plumbing" in request.body
    assert request.body.startswith("Bonjour")
    assert request.language == "fr"


def test_the_request_is_one_per_call_and_stale_after_ten_minutes():
    missed = missed_call()

    request = text_request(missed, missed.caller, tenant())

    assert request.id == f"textback-{missed.call_sid}"
    assert request.deadline - missed.received_at == timedelta(minutes=10)
    assert request.consent_evidence.reference == missed.call_sid
    assert request.from_number == missed.business_number
