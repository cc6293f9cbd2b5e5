"""Every consent compliance records is published as ConsentRecorded."""

import pytest

from libs.events import ConsentRecorded
from tests.factories import MOBILE_CALLER
from tests.unit.compliance.harness import Harness


@pytest.fixture
def h() -> Harness:
    return Harness()


async def test_the_consent_a_send_request_carries_is_published_with_its_evidence(h):
    request = await h.request()

    [recorded] = h.published.of(ConsentRecorded)
    given = request.consent_evidence
    assert (recorded.customer, recorded.basis, recorded.reference, recorded.at) == (
        MOBILE_CALLER,
        "call",
        given.reference,
        given.at,
    )


async def test_a_customer_text_is_published_as_a_consent_by_text(h):
    sms = await h.customer_texts("Do you fix water heaters?")

    [recorded] = h.published.of(ConsentRecorded)
    assert (recorded.basis, recorded.reference, recorded.text) == (
        "text",
        sms.message_sid,
        sms.body,
    )


async def test_asking_for_help_is_published_as_a_consent_by_text(h):
    sms = await h.customer_texts("HELP")

    assert [e.reference for e in h.published.of(ConsentRecorded)] == [sms.message_sid]


async def test_a_redelivered_request_publishes_its_consent_once(h):
    await h.request()
    await h.request()

    assert len(h.published.of(ConsentRecorded)) == 1


async def test_a_send_request_without_evidence_publishes_no_consent(h):
    await h.customer_texts("STOP")

    await h.request("manual-1", purpose="manual", consent_evidence=None)

    assert h.published.of(ConsentRecorded) == []
