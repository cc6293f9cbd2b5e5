"""Twilio through the official SDK: send a message, find one, look a number up.

Errors leave this module as `SendFailure`, whose kind tells the handlers what
to do: retry (429, 5xx, network), record an opt-out (21610), mark the number
unable to receive (21211, 21614), or give up.
"""

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import aiohttp
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from libs.settings import TwilioSettings
from libs.twilio_rest import async_client
from services.compliance.ports import NumberRecord, SendFailure

logger = logging.getLogger(__name__)

UNSUBSCRIBED = 21610
NOT_SMS_CAPABLE = {21211, 21614}
# How many of the recipient's recent messages to compare when reconciling.
RECONCILE_PAGE = 50


def failure_of(error: TwilioRestException) -> SendFailure:
    if error.status in (401, 403):
        return SendFailure("auth", error.code)
    if error.status == 429:
        return SendFailure("rate_limited", error.code)
    if error.status >= 500:
        return SendFailure("server_error", error.code)
    if error.code == UNSUBSCRIBED:
        return SendFailure("unsubscribed", error.code)
    if error.code in NOT_SMS_CAPABLE:
        return SendFailure("cannot_receive", error.code)
    return SendFailure("rejected", error.code, error.msg)


class TwilioSender:
    """Sends from the main account or the sub-account that owns the number."""

    def __init__(self, settings: TwilioSettings, timeout: float) -> None:
        self._settings = settings
        self._timeout = timeout
        self._clients: dict[str, Client] = {}
        self._status_callback = f"{settings.public_base_url}/twilio/sms/status"

    async def send(
        self, to: str, from_number: str, body: str, account_sid: str | None
    ) -> str:
        """Hand one message to Twilio; its SID once Twilio accepted it."""
        async with self._translated():
            message = await self._client(account_sid).messages.create_async(
                to=to,
                from_=from_number,
                body=body,
                status_callback=self._status_callback,
            )
        return message.sid

    async def find_sent(
        self,
        to: str,
        from_number: str,
        body: str,
        since: datetime,
        account_sid: str | None,
    ) -> str | None:
        """The SID of a message with this body sent to `to` since `since`, if any.

        Known gap: Twilio fills DateSent only once a message leaves its queue,
        so a message still queued at Twilio is not listed and would be sent a
        second time. Queues drain in seconds and the lease is 30 s, so this
        needs a crash and a long Twilio queue at once; accepted for now.
        """
        async with self._translated():
            messages = await self._client(account_sid).messages.list_async(
                to=to, from_=from_number, date_sent_after=since, limit=RECONCILE_PAGE
            )
        return next((m.sid for m in messages if m.body == body), None)

    async def lookup(self, e164: str) -> NumberRecord:
        """Lookup v2 line type intelligence for one number."""
        async with self._translated():
            found = (
                await self._client(None)
                .lookups.v2.phone_numbers(e164)
                .fetch_async(fields="line_type_intelligence")
            )
        line = found.line_type_intelligence or {}
        return NumberRecord(
            e164=e164, line_type=line.get("type"), valid=found.valid is not False
        )

    async def close(self) -> None:
        for client in self._clients.values():
            await client.http_client.close()
        self._clients.clear()

    def _client(self, account_sid: str | None) -> Client:
        # Built on first use, inside the running loop that owns its session.
        sid = account_sid or self._settings.twilio_account_sid
        if sid not in self._clients:
            try:
                self._clients[sid] = async_client(self._settings, sid)
            except KeyError as error:
                raise SendFailure("auth", detail=str(error)) from error
        return self._clients[sid]

    @asynccontextmanager
    async def _translated(self) -> AsyncIterator[None]:
        # The SDK sets no timeout of its own on async requests; a call still in
        # flight after the send lease would let another replica send again.
        try:
            async with asyncio.timeout(self._timeout):
                yield
        except TwilioRestException as error:
            raise failure_of(error) from error
        except (TimeoutError, aiohttp.ClientError, OSError) as error:
            raise SendFailure("connection", detail=repr(error)) from error
