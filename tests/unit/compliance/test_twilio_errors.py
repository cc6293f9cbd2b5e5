import pytest
from twilio.base.exceptions import TwilioRestException

from services.compliance.adapters.twilio_sender import failure_of


@pytest.mark.parametrize(
    ("status", "code", "kind", "retryable", "in_doubt"),
    [
        (429, 20429, "rate_limited", True, False),
        (500, 20500, "server_error", True, True),
        (503, 20503, "server_error", True, True),
        (401, 20003, "auth", True, False),
        (400, 21610, "unsubscribed", False, False),
        (400, 21211, "cannot_receive", False, False),
        (400, 21614, "cannot_receive", False, False),
        (400, 21602, "rejected", False, False),
    ],
)
def test_twilio_errors_say_what_to_do_next(status, code, kind, retryable, in_doubt):
    failure = failure_of(TwilioRestException(status, "/Messages.json", "no", code))

    assert (failure.kind, failure.code) == (kind, code)
    assert (failure.retryable, failure.in_doubt) == (retryable, in_doubt)
