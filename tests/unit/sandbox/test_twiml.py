"""Reading the TwiML ingress answers."""

import pytest
from twilio.twiml.voice_response import Dial, Gather, VoiceResponse

from sandbox.twiml import NotTwiml, Twiml


def test_a_dial_names_the_number_its_whisper_and_its_action():
    response = VoiceResponse()
    dial = Dial(action="/twilio/voice/dial-result?tenant=acme", timeout=25)
    dial.number("+14165550199", url="/twilio/voice/whisper?tenant=acme&parent=CA1")
    response.append(dial)

    read = Twiml(str(response)).dial()

    assert read.number == "+14165550199"
    assert read.action == "/twilio/voice/dial-result?tenant=acme"
    assert read.number_url == "/twilio/voice/whisper?tenant=acme&parent=CA1"
    assert read.timeout_seconds == 25


def test_a_whisper_offers_a_gather_and_a_redirect():
    response = VoiceResponse()
    response.append(Gather(num_digits=1, action="/accepted?tenant=acme&parent=CA1"))
    response.redirect("/declined?tenant=acme&parent=CA1")

    twiml = Twiml(str(response))

    assert twiml.verbs == ["Gather", "Redirect"]
    assert twiml.gather_action() == "/accepted?tenant=acme&parent=CA1"
    assert twiml.redirect() == "/declined?tenant=acme&parent=CA1"
    assert twiml.dial() is None
    assert not twiml.has_record()


def test_a_record_without_action_has_no_action():
    response = VoiceResponse()
    response.say("Leave a message")
    response.record(max_length=120)

    twiml = Twiml(str(response))

    assert twiml.has_record()
    assert twiml.record_action() is None


@pytest.mark.parametrize("text", ['{"detail": "nope"}', "<html/>"])
def test_anything_but_a_response_document_is_not_twiml(text):
    with pytest.raises(NotTwiml):
        Twiml(text)
