"""Delivery of accepted messages and the signed status callbacks Twilio would post."""

import asyncio
import logging

import httpx
from twilio.request_validator import RequestValidator

from libs.phones import mask
from sandbox.shapes import API_VERSION
from sandbox.state import SandboxMessage, SandboxState

logger = logging.getLogger(__name__)

DEFAULT_DELAY_SECONDS = 0.05
CALLBACK_TIMEOUT_SECONDS = 5.0


class StatusReporter:
    """Moves each accepted message to its final status, reporting every step.

    A message goes "sent" then "delivered", or "sent" then "undelivered" with
    the number's error code. Each step waits `delay_seconds` first, so the
    create request is answered before any callback. A callback that fails is
    logged and not retried: the sandbox reports each status once.
    """

    def __init__(
        self,
        state: SandboxState,
        delay_seconds: float = DEFAULT_DELAY_SECONDS,
        http: httpx.AsyncClient | None = None,
    ) -> None:
        self._state = state
        self._delay = delay_seconds
        self._http = http
        self._owns_http = http is None
        self._tasks: set[asyncio.Task] = set()

    def track(self, message: SandboxMessage) -> None:
        """Start delivering `message` in the background."""
        task = asyncio.get_running_loop().create_task(self._deliver(message))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def aclose(self) -> None:
        """Stop every delivery in flight and release the HTTP client."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._http is not None and self._owns_http:
            await self._http.aclose()
            self._http = None

    async def _deliver(self, message: SandboxMessage) -> None:
        error = self._state.rule_for(message.to).delivery_error
        final = "undelivered" if error else "delivered"
        for status, code in (("sent", None), (final, error)):
            await asyncio.sleep(self._delay)
            message.advance(status, self._state.clock.now(), code)
            if message.status_callback:
                await self._report(message)

    async def _report(self, message: SandboxMessage) -> None:
        url = message.status_callback
        params = callback_params(message)
        token = self._state.accounts[message.account_sid]
        headers = {
            "X-Twilio-Signature": RequestValidator(token).compute_signature(
                url, params
            ),
            "User-Agent": "TwilioProxy/1.1",
        }
        try:
            response = await self._client().post(url, data=params, headers=headers)
        except httpx.HTTPError as error:
            logger.warning(
                "status callback %s for %s failed: %r",
                message.status,
                message.sid,
                error,
            )
            return

        if response.is_error:
            logger.warning(
                "status callback %s for %s answered %d",
                message.status,
                message.sid,
                response.status_code,
            )
            return
        logger.info(
            "reported %s of %s to %s", message.status, message.sid, mask(message.to)
        )

    def _client(self) -> httpx.AsyncClient:
        # Created on first use so that it belongs to the loop serving the sandbox.
        if self._http is None:
            self._http = httpx.AsyncClient(timeout=CALLBACK_TIMEOUT_SECONDS)
        return self._http


def callback_params(message: SandboxMessage) -> dict[str, str]:
    """The form fields of a message status callback, as Twilio names them."""
    params = {
        "AccountSid": message.account_sid,
        "ApiVersion": API_VERSION,
        "MessageSid": message.sid,
        "MessageStatus": message.status,
        "SmsSid": message.sid,
        "SmsStatus": message.status,
        "To": message.to,
    }
    if message.from_:
        params["From"] = message.from_
    if message.messaging_service_sid:
        params["MessagingServiceSid"] = message.messaging_service_sid
    if message.error_code:
        params["ErrorCode"] = str(message.error_code)
    return params
