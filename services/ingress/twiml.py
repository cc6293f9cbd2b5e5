"""The TwiML ingress answers Twilio with. Pure: configuration in, XML text out.

Callback URLs are relative: Twilio resolves them against the URL it just
called, so the same TwiML works behind any public base URL.
"""

import functools
from urllib.parse import urlencode

from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from libs.tenants import TenantConfig
from services.ingress.paths import (
    DIAL_RESULT,
    VOICEMAIL,
    WHISPER,
    WHISPER_ACCEPTED,
    WHISPER_DECLINED,
)

VOICEMAIL_MAX_SECONDS = 120
WHISPER_TIMEOUT_SECONDS = 6

# Spoken languages of Twilio's <Say> for our two languages.
SPEECH = {"en": "en-US", "fr": "fr-CA"}

APOLOGY = {
    "en": "Sorry, you have reached {business} and nobody can take your call "
    "right now. Leave a message after the tone and we will text you back shortly.",
    "fr": "Désolés, vous êtes bien chez {business}, mais personne ne peut "
    "répondre pour le moment. Laissez un message après le bip et nous vous "
    "écrirons sous peu.",
}
WHISPER_PROMPT = {
    "en": "Call for {business}. Press any key to accept it.",
    "fr": "Appel pour {business}. Appuyez sur une touche pour le prendre.",
}
THANKS = {
    "en": "Thank you, we got your message. Goodbye.",
    "fr": "Merci, nous avons bien reçu votre message. Au revoir.",
}


def callback(path: str, **query: str) -> str:
    return f"{path}?{urlencode(query)}"


def apologise_and_record(tenant: TenantConfig) -> str:
    """The caller missed a person: say sorry, then offer a voicemail."""
    identity = tenant.identity
    return _apology(tenant.tenant_id, identity.name, identity.default_language)


# Every missed call gets this answer, and rendering TwiML was among the costliest
# steps of a webhook. The key is every value the text depends on, never a stored
# copy of the configuration, so a changed tenant is a new key, not a stale answer.
@functools.lru_cache(maxsize=1024)
def _apology(tenant_id: str, business: str, language: str) -> str:
    response = VoiceResponse()
    _say(response, APOLOGY, business, language)
    response.record(
        action=callback(VOICEMAIL, tenant=tenant_id),
        max_length=VOICEMAIL_MAX_SECONDS,
    )
    return str(response)


def ring_owner(tenant: TenantConfig, business_number: str, call_sid: str) -> str:
    """Ring the owner's phone; the whisper decides whether a person took the call."""
    if tenant.owner_phone is None:
        raise ValueError(f"tenant {tenant.tenant_id} has no owner phone to ring")
    response = VoiceResponse()
    dial = response.dial(
        timeout=tenant.textback.ring_seconds,
        answer_on_bridge=True,
        action=callback(DIAL_RESULT, tenant=tenant.tenant_id),
    )
    dial.number(
        tenant.owner_phone,
        url=callback(
            WHISPER, tenant=tenant.tenant_id, parent=call_sid, number=business_number
        ),
    )
    return str(response)


def whisper(tenant: TenantConfig, parent: str, business_number: str) -> str:
    """Ask the owner to press a key: a voicemail box never does, so it is a miss."""
    query = {"tenant": tenant.tenant_id, "parent": parent, "number": business_number}
    response = VoiceResponse()
    gather = response.gather(
        num_digits=1,
        timeout=WHISPER_TIMEOUT_SECONDS,
        action=callback(WHISPER_ACCEPTED, **query),
    )
    _say(gather, WHISPER_PROMPT, tenant.identity.name, tenant.identity.default_language)
    response.redirect(callback(WHISPER_DECLINED, **query))
    return str(response)


def thank_and_hang_up(tenant: TenantConfig) -> str:
    response = VoiceResponse()
    _say(response, THANKS, tenant.identity.name, tenant.identity.default_language)
    response.hangup()
    return str(response)


def hang_up() -> str:
    response = VoiceResponse()
    response.hangup()
    return str(response)


def empty() -> str:
    """Nothing more to do: the call bridges, or a status is noted."""
    return str(VoiceResponse())


def no_reply() -> str:
    """An SMS gets no automatic reply: replies go through the compliance gate."""
    return str(MessagingResponse())


def _say(verb, texts: dict[str, str], business: str, language: str) -> None:
    verb.say(texts[language].format(business=business), language=SPEECH[language])
