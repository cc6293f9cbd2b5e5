import pytest
from pydantic import SecretStr, ValidationError

from libs.events import CallMissed, SendSms
from libs.settings import TwilioSettings
from libs.subjects import Names
from libs.tenants import TextbackSettings
from tests.factories import missed_call


def test_production_refuses_the_sandbox_token_and_a_sandbox_url():
    with pytest.raises(ValidationError, match="TWILIO_AUTH_TOKEN"):
        TwilioSettings(environment="production")
    with pytest.raises(ValidationError, match="sandbox"):
        TwilioSettings(
            environment="production",
            twilio_auth_token=SecretStr("a-real-looking-token-0123456789"),
            twilio_api_base_url="http://127.0.0.1:8099",
        )


def test_the_auth_token_is_found_for_the_main_account_and_sub_accounts():
    settings = TwilioSettings(
        twilio_account_sid="AC1",
        twilio_auth_token=SecretStr("main"),
        twilio_subaccount_tokens={"AC2": SecretStr("sub")},
    )

    assert settings.auth_token_for("AC1") == "main"
    assert settings.auth_token_for("AC2") == "sub"
    assert settings.auth_token_for("AC3") is None


def test_subjects_carry_the_namespace_the_category_the_tenant_and_the_kind():
    names = Names("rb")
    missed = missed_call()

    assert names.subject_of(missed) == "rb.evt.acme.call.missed"
    assert names.filter_for(SendSms) == "rb.cmd.*.sms.send"
    assert names.filter_for(CallMissed, "acme") == "rb.evt.acme.call.missed"
    assert names.durable("textback", "call.missed") == "rb-textback-call-missed"


def test_a_tenant_id_that_would_break_subjects_is_refused():
    with pytest.raises(ValidationError):
        missed_call(tenant_id="acme.plumbing")


def test_a_text_back_template_must_name_the_business():
    with pytest.raises(ValidationError, match="business"):
        TextbackSettings(templates={"en": "Sorry we missed you!"})
