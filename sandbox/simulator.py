"""A phone that calls and texts a business number the way Twilio reports it.

PhoneSimulator posts the signed webhooks Twilio would post to ingress, and
follows the TwiML ingress answers: it rings the owner on a <Dial>, plays the
owner's part in the whisper, and reports the dial result. Each method returns
every webhook it posted with ingress's answer.
"""

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urljoin

import httpx
from twilio.request_validator import RequestValidator

from libs.settings import TwilioSettings
from sandbox.sids import new_sid
from sandbox.twiml import Dial, Twiml
from sandbox.webhook_params import (
    CallLeg,
    dial_result_params,
    sms_params,
    voicemail_params,
)

logger = logging.getLogger(__name__)

Outcome = Literal[
    "no-answer", "busy", "failed", "canceled", "declined", "answered", "forwarded"
]

INCOMING_CALL_PATH = "/twilio/voice/incoming"
INCOMING_SMS_PATH = "/twilio/sms/incoming"
# The owner presses this key in the whisper to accept the call.
ACCEPT_DIGIT = "1"


@dataclass(frozen=True)
class Step:
    """One webhook posted and ingress's answer to it."""

    # The path and query ingress saw, e.g. "/twilio/voice/dial-result?tenant=acme".
    path: str
    # The public URL the signature covers; relative TwiML URLs resolve against it.
    url: str
    status: int
    # The TwiML ingress answered (or its error body).
    twiml: str

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass
class SimulationResult:
    """What one call or text sent, in order, and how ingress answered each webhook."""

    sid: str
    steps: list[Step] = field(default_factory=list)

    @property
    def status(self) -> int:
        """The status of the first webhook (the incoming call or SMS)."""
        return self.steps[0].status

    @property
    def ok(self) -> bool:
        return all(step.ok for step in self.steps)

    @property
    def paths(self) -> list[str]:
        """The paths posted, without their query strings."""
        return [step.path.partition("?")[0] for step in self.steps]

    def step(self, path: str) -> Step | None:
        """The first step posted to `path` (query string ignored)."""
        return next((s for s in self.steps if s.path.partition("?")[0] == path), None)


class PhoneSimulator:
    """Sends Twilio's webhooks for calls and texts to one ingress."""

    def __init__(
        self,
        ingress_url: str,
        public_base_url: str,
        auth_token: str,
        account_sid: str,
        *,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        self._ingress = ingress_url.rstrip("/")
        self._public = public_base_url.rstrip("/")
        self._validator = RequestValidator(auth_token)
        self.account_sid = account_sid
        self._http = client or httpx.AsyncClient(timeout=10.0)
        self._owns_http = client is None

    @classmethod
    def for_settings(
        cls,
        settings: TwilioSettings,
        ingress_url: str,
        account_sid: str | None = None,
        client: httpx.AsyncClient | None = None,
    ) -> "PhoneSimulator":
        """A simulator signing as `account_sid` (default: the main account) does."""
        sid = account_sid or settings.twilio_account_sid
        token = settings.auth_token_for(sid)
        if token is None:
            raise KeyError(f"no auth token configured for Twilio account {sid}")
        return cls(ingress_url, settings.public_base_url, token, sid, client=client)

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> "PhoneSimulator":
        return self

    async def __aexit__(self, *_) -> None:
        await self.aclose()

    async def missed_call(
        self,
        caller: str,
        business_number: str,
        outcome: Outcome = "no-answer",
        *,
        call_sid: str | None = None,
        leave_voicemail: bool = False,
    ) -> SimulationResult:
        """Call `business_number` from `caller` and play the owner's part.

        On a <Dial>, the owner lets it ring ("no-answer"), is "busy", "failed" or
        "canceled", picks up and presses a key in the whisper ("answered"), or
        picks up and does not ("declined"). "forwarded" posts the incoming call
        only, as when the carrier forwards an unanswered call. With
        `leave_voicemail`, the caller records a message where the TwiML offers it.
        """
        call = CallLeg(
            call_sid or new_sid("CA"), self.account_sid, caller, business_number
        )
        result = SimulationResult(call.sid)
        incoming = await self.post(INCOMING_CALL_PATH, call.params("ringing"))
        result.steps.append(incoming)
        if not incoming.ok:
            return result

        last = incoming
        dial = Twiml(incoming.twiml).dial()
        if dial is not None and outcome != "forwarded":
            last = await self._ring_owner(result, call, incoming, dial, outcome)
        if leave_voicemail and last is not None and last.ok:
            await self._leave_voicemail(result, call, last)
        return result

    async def text(
        self,
        customer: str,
        business_number: str,
        body: str,
        *,
        message_sid: str | None = None,
        media: Sequence[tuple[str, str]] = (),
        opt_out_type: str | None = None,
    ) -> SimulationResult:
        """Text `body` (and `media`: (url, content type) pairs) to `business_number`."""
        sid = message_sid or new_sid("MM" if media else "SM")
        params = sms_params(
            sid, self.account_sid, customer, business_number, body, media, opt_out_type
        )
        return SimulationResult(sid, [await self.post(INCOMING_SMS_PATH, params)])

    async def post(
        self, target: str, params: dict[str, str], *, signature: str | None = None
    ) -> Step:
        """Post one webhook to `target` (a path, or a URL under the public base URL).

        It is signed as Twilio signs it, unless `signature` replaces that.
        """
        url = urljoin(self._public + "/", target)
        if not url.startswith(self._public + "/"):
            raise ValueError(
                f"{target} is not under the public base URL {self._public}"
            )
        path = url[len(self._public) :]
        if signature is None:
            signature = self._validator.compute_signature(url, params)
        headers = {"X-Twilio-Signature": signature, "User-Agent": "TwilioProxy/1.1"}
        response = await self._http.post(
            self._ingress + path, data=params, headers=headers
        )
        logger.info("posted %s: %d", path.partition("?")[0], response.status_code)
        return Step(path, url, response.status_code, response.text)

    async def _follow(
        self, result: SimulationResult, document: Step, target: str, params: dict
    ) -> Step:
        # TwiML URLs are relative to the document that named them, as for Twilio.
        step = await self.post(urljoin(document.url, target), params)
        result.steps.append(step)
        return step

    async def _ring_owner(
        self,
        result: SimulationResult,
        call: CallLeg,
        document: Step,
        dial: Dial,
        outcome: Outcome,
    ) -> Step | None:
        """The dial-result step (the caller's next TwiML), or None if there is none."""
        owner = call.child(new_sid("CA"), dial.number)
        status = outcome
        if outcome in ("answered", "declined"):
            if not await self._whisper(result, owner, document, dial, outcome):
                return None
            status = "completed"
        if dial.action is None:
            return None
        params = dial_result_params(
            call, owner.sid, status, bridged=outcome == "answered"
        )
        return await self._follow(result, document, dial.action, params)

    async def _whisper(
        self,
        result: SimulationResult,
        owner: CallLeg,
        document: Step,
        dial: Dial,
        outcome: Outcome,
    ) -> bool:
        """Play the owner's answered leg; False when ingress failed a webhook."""
        if dial.number_url is None:
            return True
        whisper = await self._follow(
            result, document, dial.number_url, owner.params("in-progress")
        )
        if not whisper.ok:
            return False

        twiml = Twiml(whisper.twiml)
        if outcome == "answered" and twiml.has_gather():
            params = {**owner.params("in-progress"), "Digits": ACCEPT_DIGIT}
            target = twiml.gather_action() or whisper.url
        elif outcome == "declined" and twiml.redirect():
            # No key pressed: the <Gather> times out and Twilio moves on.
            params = owner.params("in-progress")
            target = twiml.redirect()
        else:
            return True
        return (await self._follow(result, whisper, target, params)).ok

    async def _leave_voicemail(
        self, result: SimulationResult, call: CallLeg, document: Step
    ) -> None:
        twiml = Twiml(document.twiml)
        if not twiml.has_record():
            return
        target = twiml.record_action() or document.url
        params = voicemail_params(call, new_sid("RE"))
        await self._follow(result, document, target, params)
