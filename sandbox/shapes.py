"""Twilio's JSON shapes (REST API 2010-04-01) for what the sandbox stores."""

from datetime import datetime
from email.utils import format_datetime
from urllib.parse import urlencode

from libs.sms_segments import segments
from sandbox.state import SandboxCall, SandboxMessage

API_VERSION = "2010-04-01"
ERROR_DOCS = "https://www.twilio.com/docs/errors/"
DELIVERY_ERRORS = {
    30003: "Unreachable destination handset",
    30005: "Unknown destination handset",
    30006: "Landline or unreachable carrier",
}


class TwilioError(Exception):
    """An error answered in Twilio's JSON shape."""

    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_json(error: TwilioError) -> dict:
    return {
        "code": error.code,
        "message": error.message,
        "more_info": f"{ERROR_DOCS}{error.code}",
        "status": error.status,
    }


def rfc2822(moment: datetime | None) -> str | None:
    return format_datetime(moment) if moment else None


def message_uri(account_sid: str, sid: str, suffix: str = ".json") -> str:
    return f"/{API_VERSION}/Accounts/{account_sid}/Messages/{sid}{suffix}"


def message_json(message: SandboxMessage) -> dict:
    base = message_uri(message.account_sid, message.sid, "")
    return {
        "account_sid": message.account_sid,
        "api_version": API_VERSION,
        "body": message.body,
        "date_created": rfc2822(message.accepted_at),
        "date_sent": rfc2822(message.sent_at),
        "date_updated": rfc2822(message.updated_at),
        "direction": "outbound-api",
        "error_code": message.error_code,
        "error_message": DELIVERY_ERRORS.get(message.error_code or 0),
        "from": message.from_,
        "messaging_service_sid": message.messaging_service_sid,
        "num_media": "0",
        "num_segments": str(segments(message.body)),
        "price": None,
        "price_unit": "USD",
        "sid": message.sid,
        "status": message.status,
        "subresource_uris": {
            "media": f"{base}/Media.json",
            "feedback": f"{base}/Feedback.json",
        },
        "to": message.to,
        "uri": f"{base}.json",
    }


def call_json(call: SandboxCall) -> dict:
    base = f"/{API_VERSION}/Accounts/{call.account_sid}/Calls/{call.sid}"
    return {
        "account_sid": call.account_sid,
        "answered_by": None,
        "api_version": API_VERSION,
        "caller_name": None,
        "date_created": rfc2822(call.created_at),
        "date_updated": rfc2822(call.created_at),
        "direction": "outbound-api",
        "duration": None,
        "end_time": None,
        "forwarded_from": None,
        "from": call.from_,
        "from_formatted": call.from_,
        "group_sid": None,
        "parent_call_sid": None,
        "phone_number_sid": None,
        "price": None,
        "price_unit": "USD",
        "queue_time": "0",
        "sid": call.sid,
        "start_time": None,
        "status": call.status,
        "subresource_uris": {
            "notifications": f"{base}/Notifications.json",
            "recordings": f"{base}/Recordings.json",
        },
        "to": call.to,
        "to_formatted": call.to,
        "trunk_sid": None,
        "uri": f"{base}.json",
    }


def page_json(
    key: str,
    items: list[dict],
    path: str,
    filters: list[tuple[str, str]],
    page: int,
    page_size: int,
    has_next: bool,
) -> dict:
    """One page of a list resource, with the URIs the SDK follows to the next one."""

    def uri(number: int) -> str:
        query = urlencode([*filters, ("PageSize", page_size), ("Page", number)])
        return f"{path}?{query}"

    start = page * page_size
    return {
        key: items,
        "end": start + len(items) - 1 if items else start,
        "first_page_uri": uri(0),
        "next_page_uri": uri(page + 1) if has_next else None,
        "page": page,
        "page_size": page_size,
        "previous_page_uri": uri(page - 1) if page > 0 else None,
        "start": start,
        "uri": uri(page),
    }
