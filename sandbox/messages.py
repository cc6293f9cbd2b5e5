"""The Messages resource: send an SMS, fetch one, list them."""

import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from starlette.datastructures import FormData

from libs.phones import facts, mask
from sandbox.auth import authenticator, require_same_account
from sandbox.callbacks import StatusReporter
from sandbox.shapes import API_VERSION, TwilioError, message_json, page_json
from sandbox.state import SandboxMessage, SandboxState

logger = logging.getLogger(__name__)

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 1000
MESSAGES_PATH = "/" + API_VERSION + "/Accounts/{account_sid}/Messages"

# Twilio's codes for the failures a fault can inject.
FAULT_CODES = {429: 20429, 500: 20500, 503: 20503}
FAULT_MESSAGES = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def router(state: SandboxState, reporter: StatusReporter) -> APIRouter:
    routes = APIRouter(tags=["Messages"])
    Account = Annotated[str, Depends(authenticator(state))]

    @routes.post(MESSAGES_PATH + ".json", status_code=201)
    async def create_message(
        account_sid: str, request: Request, caller: Account
    ) -> JSONResponse:
        """Accept an SMS; its delivery is reported to StatusCallback afterwards."""
        require_same_account(caller, account_sid)
        fault = state.take_fault()
        if fault:
            logger.info("failed a create-message request with injected %d", fault)
            raise TwilioError(fault, FAULT_CODES[fault], FAULT_MESSAGES[fault])

        form = await request.form()
        message = state.accept_message(account_sid, **_validated(state, form))
        reporter.track(message)
        logger.info("accepted message %s to %s", message.sid, mask(message.to))
        return JSONResponse(message_json(message), status_code=201)

    @routes.get(MESSAGES_PATH + "/{sid}.json")
    async def fetch_message(
        account_sid: str,
        sid: str,
        request: Request,
        caller: Account,
    ) -> dict:
        """One message, in its current status."""
        require_same_account(caller, account_sid)
        message = state.messages.get(sid)
        if message is None or message.account_sid != account_sid:
            raise TwilioError(
                404, 20404, f"The requested resource {request.url.path} was not found"
            )
        return message_json(message)

    @routes.get(MESSAGES_PATH + ".json")
    async def list_messages(
        account_sid: str, request: Request, caller: Account
    ) -> dict:
        """The account's messages, newest first, filtered by To, From and DateSent."""
        require_same_account(caller, account_sid)
        query = request.query_params
        # DateSent (one day) and DateSent< are not served: Ringback only ever
        # asks for messages sent since a moment.
        filters = [(k, query[k]) for k in ("To", "From", "DateSent>") if k in query]
        since = _moment(query["DateSent>"]) if "DateSent>" in query else None
        matching = [
            m
            for m in reversed(state.messages.values())
            if m.account_sid == account_sid
            and _matches(m, query.get("To"), query.get("From"), since)
        ]
        page = _number(query, "Page", 0, 0, None)
        size = _number(query, "PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        chosen = matching[page * size : (page + 1) * size]
        return page_json(
            "messages",
            [message_json(m) for m in chosen],
            path=MESSAGES_PATH.format(account_sid=account_sid) + ".json",
            filters=filters,
            page=page,
            page_size=size,
            has_next=len(matching) > (page + 1) * size,
        )

    return routes


def _validated(state: SandboxState, form: FormData) -> dict:
    """The fields of a new message, or the error Twilio answers for them."""
    to = form.get("To")
    sender = form.get("From") or None
    service = form.get("MessagingServiceSid") or None
    body = form.get("Body") or ""
    if not to:
        raise TwilioError(400, 21604, "A 'To' phone number is required.")
    if not sender and not service:
        raise TwilioError(400, 21603, "A 'From' phone number is required.")
    if not body and not form.get("MediaUrl"):
        raise TwilioError(400, 21602, "Message body is required.")
    if not to.startswith("+") or facts(to) is None:
        raise TwilioError(400, 21211, f"Invalid 'To' Phone Number: {to}")
    if state.rule_for(to).unsubscribed:
        raise TwilioError(400, 21610, "Attempt to send to unsubscribed recipient")
    return {
        "to": to,
        "from_": sender,
        "body": body,
        "messaging_service_sid": service,
        "status_callback": form.get("StatusCallback") or None,
    }


def _number(query, name: str, default: int, low: int, high: int | None) -> int:
    try:
        value = int(query.get(name, default))
    except ValueError as error:
        raise TwilioError(400, 20001, f"Invalid {name}: {query[name]}") from error
    value = max(value, low)
    return min(value, high) if high else value


def _matches(
    message: SandboxMessage, to: str | None, sender: str | None, since: datetime | None
) -> bool:
    if to and message.to != to:
        return False
    if sender and message.from_ != sender:
        return False
    # Twilio compares the send time; a message not sent yet counts from acceptance.
    return since is None or (message.sent_at or message.accepted_at) >= since


def _moment(text: str) -> datetime:
    """A DateSent bound as the SDK writes it: a date, or an ISO time ending in Z."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as error:
        raise TwilioError(400, 20001, f"Invalid DateSent value: {text}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
