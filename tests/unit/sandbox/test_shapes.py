"""Twilio's JSON shapes and its segment arithmetic."""

from datetime import UTC, datetime

from sandbox.shapes import rfc2822, segments


def test_a_gsm_body_fits_160_characters_in_one_segment():
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3


def test_gsm_extension_characters_take_two_places():
    assert segments("€" * 80) == 1
    assert segments("€" * 81) == 2


def test_a_body_outside_gsm_is_sent_as_ucs2():
    assert segments("ê" * 70) == 1
    assert segments("ê" * 71) == 2
    # An emoji is two UTF-16 code units.
    assert segments("🔧" * 35) == 1
    assert segments("🔧" * 36) == 2


def test_french_accents_in_the_gsm_alphabet_stay_gsm():
    assert segments("é" * 160) == 1


def test_dates_are_written_as_twilio_writes_them():
    moment = datetime(2019, 5, 24, 17, 44, 46, tzinfo=UTC)

    assert rfc2822(moment) == "Fri, 24 May 2019 17:44:46 +0000"
    assert rfc2822(None) is None
