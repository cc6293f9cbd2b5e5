from datetime import UTC, datetime, timedelta

from services.compliance.domain.decoration import (
    Decorated,
    decorate,
    opens_thread,
    segments,
)

NAME = "Acme Plumbing"
PAGE = "https://rb.example/t/acme"
NOW = datetime(2026, 6, 1, 15, 0, tzinfo=UTC)


def dress(body: str, **overrides) -> str:
    options = dict(
        business_name=NAME,
        identification=PAGE,
        language="en",
        opening=False,
        direct_reply=True,
    )
    options.update(overrides)
    return decorate(body, **options).text


def test_a_thread_opening_message_gets_name_identification_and_opt_out_line():
    text = dress("Sorry we missed your call!", opening=True, direct_reply=False)

    assert text == (
        "Acme Plumbing: Sorry we missed your call! "
        "https://rb.example/t/acme Reply STOP to opt out."
    )


def test_the_name_is_not_added_twice_when_the_body_already_names_the_business():
    text = dress("Hi, this is acme plumbing. How can we help?", opening=True)

    assert text.startswith("Hi, this is acme plumbing.")
    assert text.count("Acme Plumbing") == 0


def test_a_direct_reply_inside_a_live_thread_goes_as_written():
    assert dress("Tuesday at 10 works.") == "Tuesday at 10 works."


def test_a_message_that_is_not_a_reply_carries_the_opt_out_line():
    text = dress("Your technician is on the way.", direct_reply=False)

    assert text == "Your technician is on the way. Reply STOP to opt out."


def test_french_messages_get_the_french_opt_out_line():
    text = dress("Votre technicien arrive.", language="fr", direct_reply=False)

    assert text.endswith("Répondez ARRET pour vous désabonner.")


def test_without_a_public_page_the_mailing_address_identifies_the_business():
    address = "100 King St W, Toronto ON"

    text = dress("Hello", opening=True, identification=address)

    assert address in text


def test_an_opt_out_line_already_in_the_body_is_not_repeated():
    text = dress("Hi! Reply STOP to opt out.", direct_reply=False)

    assert text.count("Reply STOP to opt out.") == 1


def test_a_thread_reopens_after_a_day_of_silence():
    assert opens_thread(None, NOW)
    assert opens_thread(NOW - timedelta(hours=24), NOW)
    assert not opens_thread(NOW - timedelta(hours=23), NOW)


def test_segments_count_gsm_and_unicode_texts():
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3
    assert segments("ê" * 70) == 1
    assert segments("ê" * 71) == 2
    assert segments("{" * 80) == 1
    assert segments("{" * 81) == 2


def test_a_long_body_keeps_its_compliance_text_and_reports_the_overflow():
    body = "x" * 300

    decorated = decorate(
        body,
        business_name=NAME,
        identification=PAGE,
        language="en",
        opening=True,
        direct_reply=False,
    )

    assert decorated.text.endswith("Reply STOP to opt out.")
    assert decorated.over_budget
    assert not Decorated("short", 1).over_budget
