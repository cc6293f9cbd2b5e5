"""Lookup v2: is a number valid, and is it a mobile or a landline."""

import logging
from typing import Annotated

import phonenumbers
from fastapi import APIRouter, Depends, Request
from phonenumbers import NumberParseException, PhoneNumberFormat, ValidationResult

from libs.phones import mask
from sandbox.auth import authenticator
from sandbox.state import SandboxState

logger = logging.getLogger(__name__)

LOOKUP_URL = "https://lookups.twilio.com/v2/PhoneNumbers/"
LINE_TYPE_FIELD = "line_type_intelligence"
CARRIER_NAME = "Ringback Sandbox Carrier"

# Lookup's names for why a number is not valid.
_INVALID_REASONS = {
    ValidationResult.INVALID_COUNTRY_CODE: "INVALID_COUNTRY_CODE",
    ValidationResult.TOO_SHORT: "TOO_SHORT",
    ValidationResult.TOO_LONG: "TOO_LONG",
    ValidationResult.INVALID_LENGTH: "INVALID_LENGTH",
}

_OPTIONAL_PACKAGES = (
    "caller_name",
    "call_forwarding",
    "identity_match",
    "line_status",
    "phone_number_quality_score",
    "pre_fill",
    "reassigned_number",
    "sim_swap",
    "sms_pumping_risk",
)


def router(state: SandboxState) -> APIRouter:
    routes = APIRouter(tags=["Lookup"])
    Account = Annotated[str, Depends(authenticator(state))]

    @routes.get("/v2/PhoneNumbers/{phone_number}")
    async def fetch_phone_number(
        phone_number: str,
        request: Request,
        _: Account,
    ) -> dict:
        """Whether a number is valid; with Fields=line_type_intelligence, its type."""
        query = request.query_params
        fields = {f.strip() for f in query.get("Fields", "").split(",")}
        answer = describe(phone_number, query.get("CountryCode"))
        if answer["valid"] and LINE_TYPE_FIELD in fields:
            landline = state.rule_for(answer["phone_number"]).landline
            answer[LINE_TYPE_FIELD] = line_type(landline)
        logger.debug("looked up %s", mask(phone_number))
        return answer

    return routes


def describe(raw: str, country_code: str | None = None) -> dict:
    """Lookup's answer without any data package."""
    answer = {
        "calling_country_code": None,
        "country_code": None,
        "phone_number": raw,
        "national_format": None,
        "valid": False,
        "validation_errors": [],
        LINE_TYPE_FIELD: None,
        "url": LOOKUP_URL + raw,
        **dict.fromkeys(_OPTIONAL_PACKAGES),
    }
    try:
        number = phonenumbers.parse(raw, country_code)
    except NumberParseException:
        answer["validation_errors"] = ["NOT_A_NUMBER"]
        return answer

    if not phonenumbers.is_valid_number(number):
        reason = phonenumbers.is_possible_number_with_reason(number)
        answer["validation_errors"] = [
            _INVALID_REASONS.get(reason, "INVALID_BUT_POSSIBLE")
        ]
        return answer

    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    answer.update(
        calling_country_code=str(number.country_code),
        country_code=phonenumbers.region_code_for_number(number),
        phone_number=e164,
        national_format=phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        valid=True,
        url=LOOKUP_URL + e164,
    )
    return answer


def line_type(landline: bool) -> dict:
    """The line type intelligence package: "landline" or "mobile"."""
    return {
        "carrier_name": CARRIER_NAME,
        "error_code": None,
        "mobile_country_code": None,
        "mobile_network_code": None,
        "type": "landline" if landline else "mobile",
    }
