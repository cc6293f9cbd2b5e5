import pytest

from libs import phones


def test_numbers_are_normalised_to_e164_with_canada_as_the_default_region():
    assert phones.to_e164("(416) 555-0123") == "+14165550123"
    assert phones.to_e164("+33 6 12 34 56 78") == "+33612345678"


@pytest.mark.parametrize(
    "raw", ["anonymous", "Restricted", "", "+1555", "not a number"]
)
def test_withheld_and_invalid_numbers_are_refused(raw):
    with pytest.raises(phones.InvalidNumber):
        phones.to_e164(raw)
    assert phones.facts(raw) is None


def test_a_toll_free_number_cannot_receive_sms_and_a_mobile_can():
    assert phones.facts("+18005550100").can_receive_sms is False
    assert phones.facts("+33612345678").can_receive_sms is True


def test_a_number_knows_its_time_zone():
    assert phones.facts("+14165550123").time_zone == "America/Toronto"
    assert phones.facts("+14155552671").time_zone == "America/Los_Angeles"
    assert str(phones.zone_for("anonymous", "America/Halifax")) == "America/Halifax"


@pytest.mark.parametrize(
    ("number", "state"),
    [
        ("+13055550123", "FL"),
        ("+18505551234", "FL"),
        ("+14055551234", "OK"),
        ("+14105551234", "MD"),
        ("+14165550123", None),
        ("+12125551234", None),
    ],
)
def test_the_stricter_states_are_recognised_from_the_area_code(number, state):
    assert phones.facts(number).strict_state == state


def test_a_masked_number_keeps_only_the_country_code_and_last_two_digits():
    assert phones.mask("+14165550123") == "+1***23"
    assert phones.mask("12") == "***"
