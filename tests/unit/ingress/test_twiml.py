import xml.etree.ElementTree as ET
from urllib.parse import parse_qsl, urlsplit

import pytest

from services.ingress import twiml
from tests.integration.ingress.twilio_webhooks import BUSINESS, OWNER, tenant


def parsed(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "Response"
    return root


def split(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    return parts.path, dict(parse_qsl(parts.query))


@pytest.mark.parametrize(
    ("language", "speech", "word"),
    [("en", "en-US", "Sorry"), ("fr", "fr-CA", "Désolés")],
)
def test_a_missed_caller_hears_an_apology_naming_the_business_then_may_record(
    language, speech, word
):
    root = parsed(twiml.apologise_and_record(tenant(language=language)))

    say, record = list(root)
    assert say.tag == "Say" and say.get("language") == speech
    assert word in say.text and "Acme Plumbing" in say.text
    assert record.tag == "Record" and record.get("maxLength") == "120"
    assert split(record.get("action")) == (
        "/twilio/voice/voicemail",
        {"tenant": "acme"},
    )


def test_a_dial_rings_the_owner_for_the_tenants_ring_time_behind_a_whisper():
    acme = tenant(mode="dial")
    root = parsed(twiml.ring_owner(acme, BUSINESS, "CA123"))

    (dial,) = list(root)
    (number,) = list(dial)
    assert dial.tag == "Dial"
    assert dial.get("timeout") == str(acme.textback.ring_seconds)
    assert dial.get("answerOnBridge") == "true"
    assert split(dial.get("action")) == (
        "/twilio/voice/dial-result",
        {"tenant": "acme"},
    )
    assert number.tag == "Number" and number.text == OWNER
    assert split(number.get("url")) == (
        "/twilio/voice/whisper",
        {"tenant": "acme", "parent": "CA123", "number": BUSINESS},
    )


def test_ringing_a_tenant_without_an_owner_phone_is_refused():
    with pytest.raises(ValueError, match="no owner phone"):
        twiml.ring_owner(tenant(mode="dial", owner_phone=None), BUSINESS, "CA123")


@pytest.mark.parametrize(
    ("language", "word"), [("en", "Press any key"), ("fr", "Appuyez sur une touche")]
)
def test_the_whisper_waits_for_one_key_and_otherwise_declines(language, word):
    root = parsed(
        twiml.whisper(tenant(mode="dial", language=language), "CA9", BUSINESS)
    )

    gather, redirect = list(root)
    (say,) = list(gather)
    query = {"tenant": "acme", "parent": "CA9", "number": BUSINESS}
    assert gather.get("numDigits") == "1" and gather.get("timeout") == "6"
    assert split(gather.get("action")) == ("/twilio/voice/whisper/accepted", query)
    assert word in say.text and "Acme Plumbing" in say.text
    assert redirect.tag == "Redirect"
    assert split(redirect.text) == ("/twilio/voice/whisper/declined", query)


@pytest.mark.parametrize(("language", "word"), [("en", "Thank you"), ("fr", "Merci")])
def test_a_voicemail_is_thanked_in_the_tenants_language_then_the_call_ends(
    language, word
):
    root = parsed(twiml.thank_and_hang_up(tenant(language=language)))

    assert [verb.tag for verb in root] == ["Say", "Hangup"]
    assert word in root[0].text


def test_the_answers_without_words_are_valid_twiml():
    assert list(parsed(twiml.empty())) == []
    assert list(parsed(twiml.no_reply())) == []
    assert [verb.tag for verb in parsed(twiml.hang_up())] == ["Hangup"]
