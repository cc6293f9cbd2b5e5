"""Phone numbers: E.164, whether a number can receive SMS, and its time zone."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType, geocoder
from phonenumbers import timezone as number_timezones

DEFAULT_REGION = "CA"

# Types a carrier will deliver an SMS to. FIXED_LINE_OR_MOBILE is what the
# North American plan reports for almost every number, so it must count.
_SMS_CAPABLE_TYPES = {
    PhoneNumberType.MOBILE,
    PhoneNumberType.FIXED_LINE_OR_MOBILE,
    PhoneNumberType.VOIP,
    PhoneNumberType.PERSONAL_NUMBER,
}

# Twilio's placeholders for a withheld or unknown caller ID.
_WITHHELD = {"", "anonymous", "restricted", "unknown", "private", "+266696687"}

# US states whose mini-TCPA laws are stricter, as the geocoder names them.
_STRICT_STATES = {"Florida": "FL", "Oklahoma": "OK", "Maryland": "MD"}


class InvalidNumber(ValueError):
    """The text is not a dialable phone number."""


@dataclass(frozen=True)
class NumberFacts:
    """What the system needs to know about one phone number."""

    e164: str
    can_receive_sms: bool
    time_zone: str | None
    strict_state: str | None


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """Parse `raw` and return it in E.164, or raise InvalidNumber."""
    if raw.strip().lower() in _WITHHELD:
        raise InvalidNumber("withheld caller ID")
    try:
        number = phonenumbers.parse(raw, region)
    except NumberParseException as error:
        raise InvalidNumber(str(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidNumber("not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def facts(raw: str, region: str = DEFAULT_REGION) -> NumberFacts | None:
    """Everything we know about `raw`, or None when it is not a valid number."""
    try:
        e164 = to_e164(raw, region)
    except InvalidNumber:
        return None

    number = phonenumbers.parse(e164)
    number_type = phonenumbers.number_type(number)
    zones = [
        zone
        for zone in number_timezones.time_zones_for_number(number)
        if zone != "Etc/Unknown"
    ]
    return NumberFacts(
        e164=e164,
        can_receive_sms=number_type in _SMS_CAPABLE_TYPES,
        time_zone=zones[0] if zones else None,
        strict_state=_strict_state(number),
    )


def zone_for(raw: str, fallback: str) -> ZoneInfo:
    """The number's own time zone when known, else `fallback` (the tenant's)."""
    known = facts(raw)
    return ZoneInfo(known.time_zone if known and known.time_zone else fallback)


def mask(raw: str) -> str:
    """A number fit for logs: country code and the last two digits only."""
    digits = [c for c in raw if c.isdigit()]
    if len(digits) < 4:
        return "***"
    return f"+{digits[0]}***{''.join(digits[-2:])}"


def _strict_state(number: phonenumbers.PhoneNumber) -> str | None:
    if number.country_code != 1:
        return None
    # The geocoder names the state for a US area code ("Florida"), or a city
    # followed by the state's abbreviation ("Miami, FL").
    place = geocoder.description_for_number(number, "en")
    for state, code in _STRICT_STATES.items():
        if place == state or place.endswith(f", {code}"):
            return code
    return None
