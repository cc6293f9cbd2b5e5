"""A stand-in for services/ingress that answers its webhook contract in TwiML.

It checks every signature against the public URL, records what it was posted,
and answers the TwiML the contract describes, so the phone simulator can be
tested without the real ingress.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

PUBLIC_BASE_URL = "https://ringback.example.com"
AUTH_TOKEN = "fake-ingress-token"
ACCOUNT_SID = "AC" + "a" * 32
DIAL_NUMBER = "+14165550100"
FORWARDED_NUMBER = "+14165550101"
OWNER_PHONE = "+14165550199"
TENANT = "acme"


@dataclass
class Post:
    path: str
    query: str
    form: dict[str, str]


@dataclass
class FakeIngress:
    public_base_url: str = PUBLIC_BASE_URL
    auth_token: str = AUTH_TOKEN
    modes: dict[str, str] = field(
        default_factory=lambda: {DIAL_NUMBER: "dial", FORWARDED_NUMBER: "forwarded"}
    )
    # Called with each incoming SMS's form, e.g. to queue a reply in the sandbox.
    on_sms: Callable[[dict[str, str]], Awaitable[None]] | None = None
    # A path -> status to answer instead of TwiML (an ingress that fails).
    failures: dict[str, int] = field(default_factory=dict)
    posts: list[Post] = field(default_factory=list)
    # Where it is served, when a test serves it over HTTP.
    url: str = ""

    @property
    def paths(self) -> list[str]:
        return [post.path for post in self.posts]

    def app(self) -> FastAPI:
        app = FastAPI()
        validator = RequestValidator(self.auth_token)

        @app.post("/{path:path}")
        async def webhook(path: str, request: Request) -> Response:
            form = {k: str(v) for k, v in (await request.form()).items()}
            query = request.url.query
            url = (
                self.public_base_url + request.url.path + (f"?{query}" if query else "")
            )
            signature = request.headers.get("X-Twilio-Signature", "")
            if not validator.validate(url, form, signature):
                return JSONResponse({"detail": "bad signature"}, status_code=403)

            self.posts.append(Post(request.url.path, query, form))
            if request.url.path in self.failures:
                return Response(status_code=self.failures[request.url.path])
            twiml = await self._answer(request.url.path, request.query_params, form)
            if twiml is None:
                return JSONResponse({"detail": "unknown number"}, status_code=404)
            return Response(str(twiml), media_type="application/xml")

        return app

    async def _answer(self, path: str, query, form: dict[str, str]):
        tenant = f"tenant={TENANT}"
        parent = f"parent={query.get('parent', '')}"
        response = VoiceResponse()
        if path == "/twilio/voice/incoming":
            mode = self.modes.get(form["To"])
            if mode is None:
                return None
            if mode == "forwarded":
                return _apology(response)
            dial = Dial(
                action=f"/twilio/voice/dial-result?{tenant}",
                timeout=20,
                answer_on_bridge=True,
            )
            whisper = f"/twilio/voice/whisper?{tenant}&parent={form['CallSid']}"
            dial.number(OWNER_PHONE, url=whisper)
            response.append(dial)
        elif path == "/twilio/voice/whisper":
            gather = Gather(
                num_digits=1,
                timeout=6,
                action=f"/twilio/voice/whisper/accepted?{tenant}&{parent}",
            )
            gather.say("Call for Acme Plumbing, press any key to accept.")
            response.append(gather)
            response.redirect(f"/twilio/voice/whisper/declined?{tenant}&{parent}")
        elif path == "/twilio/voice/whisper/declined":
            response.hangup()
        elif path == "/twilio/voice/dial-result":
            if form["DialCallStatus"] == "completed" and form["DialBridged"] == "true":
                response.hangup()
            else:
                _apology(response)
        elif path == "/twilio/voice/voicemail":
            response.say("Thanks, we will call you back.")
            response.hangup()
        elif path == "/twilio/sms/incoming":
            if self.on_sms:
                await self.on_sms(form)
            return MessagingResponse()
        return response


def _apology(response: VoiceResponse) -> VoiceResponse:
    response.say("Sorry we missed your call at Acme Plumbing. Leave a message.")
    response.record(action=f"/twilio/voice/voicemail?tenant={TENANT}", max_length=120)
    return response
