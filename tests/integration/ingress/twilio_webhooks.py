"""Webhooks as Twilio sends them: its parameter names, signed with the account's token.

Both test tiers of ingress use these; they depend on no sandbox or simulator,
only on the twilio SDK's own RequestValidator.
"""

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

import httpx
from twilio.request_validator import RequestValidator

from libs.tenants import BusinessIdentity, TenantConfig, TwilioNumber

PUBLIC_BASE_URL = "https://ringback.example.com"
ACCOUNT = "AC" + "1" * 32
AUTH_TOKEN = "main-account-token"
SUBACCOUNT = "AC" + "2" * 32
SUBACCOUNT_TOKEN = "subaccount-token"

BUSINESS = "+14165550100"
OTHER_BUSINESS = "+14165550111"
OWNER = "+14165550177"
CALLER = "+14165550123"


def tenant(
    mode: str = "forwarded",
    language: str = "en",
    tenant_id: str = "acme",
    account_sid: str | None = None,
    owner_phone: str | None = OWNER,
) -> TenantConfig:
    return TenantConfig(
        tenant_id=tenant_id,
        identity=BusinessIdentity(
            name="Acme Plumbing",
            mailing_address="1 King St W, Toronto",
            phone="+14165550199",
            default_language=language,
        ),
        numbers=[TwilioNumber(number=BUSINESS, mode=mode, account_sid=account_sid)],
        owner_phone=owner_phone,
        revision=1,
    )


def sid(prefix: str) -> str:
    return prefix + uuid.uuid4().hex


def incoming_call(call_sid: str, caller: str = CALLER, to: str = BUSINESS) -> dict:
    return {
        "AccountSid": ACCOUNT,
        "ApiVersion": "2010-04-01",
        "CallSid": call_sid,
        "CallStatus": "ringing",
        "Direction": "inbound",
        "From": caller,
        "To": to,
        "CallerCountry": "CA",
    }


def dial_result(call_sid: str, status: str, bridged: bool | None = None) -> dict:
    params = incoming_call(call_sid) | {
        "CallStatus": "in-progress",
        "DialCallStatus": status,
        "DialCallSid": sid("CA"),
        "DialCallDuration": "0",
    }
    if bridged is not None:
        params["DialBridged"] = "true" if bridged else "false"
    return params


def owner_leg(parent: str, digits: str | None = None) -> dict:
    # Twilio's default caller ID on a <Dial> is the original caller.
    leg = {
        "AccountSid": ACCOUNT,
        "CallSid": sid("CA"),
        "ParentCallSid": parent,
        "CallStatus": "in-progress",
        "Direction": "outbound-dial",
        "From": CALLER,
        "To": OWNER,
    }
    return leg | ({"Digits": digits} if digits else {})


def recording(call_sid: str) -> dict:
    return incoming_call(call_sid) | {
        "CallStatus": "completed",
        "RecordingUrl": f"https://api.twilio.com/recordings/{call_sid}",
        "RecordingSid": sid("RE"),
        "RecordingDuration": "14",
    }


def incoming_sms(
    message_sid: str, sender: str = CALLER, body: str = "Do you fix leaks?", **extra
) -> dict:
    return {
        "AccountSid": ACCOUNT,
        "ApiVersion": "2010-04-01",
        "MessageSid": message_sid,
        "SmsSid": message_sid,
        "From": sender,
        "To": BUSINESS,
        "Body": body,
        "NumMedia": "0",
        "NumSegments": "1",
    } | extra


def sms_status(message_sid: str, status: str, **extra) -> dict:
    return {
        "AccountSid": ACCOUNT,
        "MessageSid": message_sid,
        "MessageStatus": status,
        "From": BUSINESS,
        "To": CALLER,
    } | extra


def sign(url: str, params: dict, token: str = AUTH_TOKEN) -> str:
    return RequestValidator(token).compute_signature(url, params)


@dataclass
class SignedWebhooks:
    """Posts forms to ingress the way Twilio does, signed over the public URL."""

    client: httpx.AsyncClient
    token: str = AUTH_TOKEN

    async def post(
        self, url: str, params: dict, signature: str | None = None
    ) -> httpx.Response:
        """POST `params` to `url` (path and query), signed unless told otherwise."""
        if signature is None:
            signature = sign(PUBLIC_BASE_URL + url, params, self.token)
        return await self.client.post(
            url, data=params, headers={"X-Twilio-Signature": signature}
        )


def twiml(response: httpx.Response) -> ET.Element:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    return ET.fromstring(response.content)


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))
