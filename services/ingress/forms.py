"""What Twilio posts to each webhook, under Twilio's own parameter names.

Twilio sends more parameters than these (ApiVersion, CallerCity, ...); the
models ignore them, but the signature still covers every one of them. The query
models describe the parameters we put on our own callback URLs.
"""

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# Twilio SIDs are two letters and 32 hex digits; a looser shape keeps us
# compatible with simulators, while still refusing anything unfit for an event id.
Sid = Annotated[str, Field(pattern=r"^[A-Za-z]{2}[A-Za-z0-9]{1,62}$")]
TenantId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
Number = Annotated[str, Field(min_length=1, max_length=64)]

MAX_MEDIA = 10


class TwilioForm(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    AccountSid: Sid


class CallForm(TwilioForm):
    """The parameters Twilio sends with every request about a call."""

    CallSid: Sid
    # A withheld caller comes as "anonymous", "+266696687" or nothing at all.
    From: str = Field(default="", max_length=64)
    To: Number
    CallStatus: str | None = None
    Direction: str | None = None


class WhisperForm(CallForm):
    """The owner's leg of a `dial`: From is the caller, To the owner's phone."""

    ParentCallSid: Sid | None = None


class WhisperAnswer(WhisperForm):
    Digits: str = Field(min_length=1, max_length=32)


class DialResult(CallForm):
    DialCallStatus: Literal[
        "completed", "answered", "busy", "no-answer", "failed", "canceled"
    ]
    DialCallSid: Sid | None = None
    DialCallDuration: int | None = Field(default=None, ge=0)
    # Whether the caller was put through. A phone that answers makes the dial
    # "completed" even when the owner let the whisper go (their voicemail, say).
    DialBridged: bool | None = None


class Recording(CallForm):
    RecordingUrl: str = Field(min_length=1, max_length=2000)
    RecordingSid: Sid
    RecordingDuration: int = Field(ge=0)


class IncomingSms(TwilioForm):
    # MediaUrl0..N and MediaContentType0..N arrive as extra parameters.
    model_config = ConfigDict(extra="allow", frozen=True)

    MessageSid: Sid
    From: Number
    To: Number
    Body: str = ""
    NumMedia: int = Field(default=0, ge=0, le=MAX_MEDIA)
    # Twilio's Advanced Opt-Out verdict: STOP, START or HELP.
    OptOutType: str | None = None

    _blank_is_none = field_validator("OptOutType", mode="before")(
        classmethod(lambda cls, value: value or None)
    )

    @model_validator(mode="after")
    def _every_announced_media_is_there(self) -> "IncomingSms":
        missing = [i for i in range(self.NumMedia) if not self._extra(f"MediaUrl{i}")]
        if missing:
            raise ValueError(
                f"NumMedia is {self.NumMedia} but MediaUrl{missing[0]} is missing"
            )
        return self

    @property
    def media_urls(self) -> list[str]:
        return [self._extra(f"MediaUrl{i}") for i in range(self.NumMedia)]

    def _extra(self, name: str) -> str:
        return (self.model_extra or {}).get(name, "")


class SmsStatus(TwilioForm):
    MessageSid: Sid
    MessageStatus: str = Field(pattern=r"^[a-z_-]{1,32}$")
    ErrorCode: int | None = None
    To: Number
    From: Number

    _blank_is_none = field_validator("ErrorCode", mode="before")(
        classmethod(lambda cls, value: value or None)
    )


class NoQuery(BaseModel):
    """Twilio-initiated webhooks: a `tenant` hint is allowed, nothing is required."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    tenant: TenantId | None = None


class CallbackQuery(NoQuery):
    """Our own callback URLs always name the tenant."""

    tenant: TenantId


class WhisperQuery(CallbackQuery):
    # The owner's leg knows neither the parent call nor the business number,
    # so the URLs we hand Twilio carry both (the signature covers them).
    parent: Sid
    number: Number
