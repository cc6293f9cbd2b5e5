from datetime import UTC, datetime, timedelta

import pytest

from services.compliance.domain.consent import (
    ConsentRecord,
    covers,
    expires_at,
    needs_consent,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("basis", "age_days", "covered"),
    [
        ("call", 1, True),
        ("call", 182, True),
        ("call", 184, False),
        ("text", 150, True),
        ("text", 200, False),
        ("job", 600, True),
        ("job", 731, False),
        ("express", 3000, True),
    ],
)
def test_implied_consent_lapses_and_express_consent_lasts(basis, age_days, covered):
    record = ConsentRecord(basis, NOW - timedelta(days=age_days))

    assert covers([record], NOW) is covered


def test_express_consent_never_expires():
    assert expires_at(ConsentRecord("express", NOW)) is None
    assert expires_at(ConsentRecord("job", NOW)) == NOW + timedelta(days=730)


def test_no_record_means_no_consent():
    assert not covers([], NOW)


def test_an_opt_out_withdraws_consent_given_before_it():
    records = [
        ConsentRecord("express", NOW - timedelta(days=10)),
        ConsentRecord("call", NOW - timedelta(days=3)),
    ]

    assert not covers(records, NOW, withdrawn_at=NOW - timedelta(days=2))
    assert covers(records, NOW, withdrawn_at=NOW - timedelta(days=5))


def test_one_valid_record_among_lapsed_ones_is_enough():
    records = [
        ConsentRecord("call", NOW - timedelta(days=400)),
        ConsentRecord("job", NOW - timedelta(days=400)),
    ]

    assert covers(records, NOW)


def test_keyword_replies_and_messages_to_the_owner_need_no_consent():
    assert not needs_consent("keyword_reply", to_owner=False)
    assert not needs_consent("relay_to_owner", to_owner=True)
    assert needs_consent("textback", to_owner=False)
    assert needs_consent("review_request", to_owner=False)
