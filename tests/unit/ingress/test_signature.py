import pytest

from libs.tenants import TwilioNumber
from services.ingress.signature import SignatureChecker
from tests.integration.ingress.twilio_webhooks import (
    BUSINESS,
    PUBLIC_BASE_URL,
    SUBACCOUNT,
    SUBACCOUNT_TOKEN,
    dial_result,
    sign,
)

PATH = "/twilio/voice/dial-result"
QUERY = "tenant=acme"
MAIN_NUMBER = TwilioNumber(number=BUSINESS)


@pytest.fixture
def checker(settings) -> SignatureChecker:
    return SignatureChecker(settings)


@pytest.fixture
def params() -> dict:
    return dial_result("CA1", "no-answer")


def signed(params: dict, path: str = PATH, query: str = QUERY, **kwargs) -> str:
    return sign(f"{PUBLIC_BASE_URL}{path}?{query}", params, **kwargs)


def test_twilios_signature_over_the_public_url_and_every_parameter_is_accepted(
    checker, params
):
    assert checker.is_genuine(MAIN_NUMBER, PATH, QUERY, params, signed(params))


def test_a_changed_or_added_parameter_is_refused(checker, params):
    signature = signed(params)

    changed = params | {"DialCallStatus": "busy"}
    added = params | {"Extra": "1"}

    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, changed, signature)
    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, added, signature)


def test_a_signature_for_another_url_or_query_is_refused(checker, params):
    other_path = signed(params, path="/twilio/voice/incoming")
    other_query = signed(params, query="tenant=other")
    other_host = sign(f"https://elsewhere.example.com{PATH}?{QUERY}", params)

    for signature in (other_path, other_query, other_host):
        assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, params, signature)
    assert not checker.is_genuine(MAIN_NUMBER, PATH, "", params, signed(params))


def test_a_missing_or_garbled_signature_is_refused(checker, params):
    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, params, None)
    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, params, "")
    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, params, "signé")


def test_a_number_in_a_subaccount_is_checked_with_that_accounts_token(checker, params):
    number = TwilioNumber(number=BUSINESS, account_sid=SUBACCOUNT)
    ours = params | {"AccountSid": SUBACCOUNT}

    assert checker.is_genuine(
        number, PATH, QUERY, ours, signed(ours, token=SUBACCOUNT_TOKEN)
    )
    assert not checker.is_genuine(number, PATH, QUERY, ours, signed(ours))


def test_a_form_from_another_account_than_the_numbers_is_refused(checker, params):
    # Rightly signed by the sub-account, but about a number of the main account.
    theirs = params | {"AccountSid": SUBACCOUNT}

    signature = signed(theirs, token=SUBACCOUNT_TOKEN)

    assert not checker.is_genuine(MAIN_NUMBER, PATH, QUERY, theirs, signature)


def test_a_number_in_an_account_we_hold_no_token_for_is_refused(checker, params):
    stranger = "AC" + "9" * 32
    number = TwilioNumber(number=BUSINESS, account_sid=stranger)
    theirs = params | {"AccountSid": stranger}

    signature = signed(theirs, token="whatever")

    assert not checker.is_genuine(number, PATH, QUERY, theirs, signature)
