"""What the sandbox remembers, and how it reads the services' settings."""

import random

from pydantic import SecretStr

from libs.settings import TwilioSettings
from sandbox.state import NumberRule, SandboxState


def test_faults_fail_requests_in_the_order_they_were_injected():
    state = SandboxState(accounts={})
    state.add_fault(429, 2)
    state.add_fault(500, 1)

    taken = [state.take_fault() for _ in range(5)]

    assert taken == [429, 429, 500, None, None]


def test_a_number_without_a_rule_is_a_reachable_mobile():
    rule = SandboxState(accounts={}).rule_for("+14165550123")

    assert rule == NumberRule()
    assert rule.delivery_error is None


def test_a_landline_cannot_be_delivered_to_unless_another_code_is_set():
    assert NumberRule(landline=True).delivery_error == 30006
    assert NumberRule(landline=True, unreachable_code=30005).delivery_error == 30005


def test_the_state_knows_the_main_account_and_every_subaccount():
    settings = TwilioSettings(
        environment="test",
        twilio_account_sid="AC" + "1" * 32,
        twilio_auth_token=SecretStr("main-token"),
        twilio_subaccount_tokens={"AC" + "2" * 32: SecretStr("sub-token")},
    )

    state = SandboxState.from_settings(settings)

    assert state.accounts == {
        "AC" + "1" * 32: "main-token",
        "AC" + "2" * 32: "sub-token",
    }


def test_an_accepted_message_is_queued_with_the_moment_it_was_accepted():
    state = SandboxState(accounts={})

    message = state.accept_message("AC1", "+14165550123", "+14165550100", "hi")

    assert message.status == "queued"
    assert message.accepted_at.tzinfo is not None
    assert message.updated_at == message.accepted_at
    assert list(state.messages) == [message.sid]


def test_a_fault_rate_fails_about_that_share_of_requests_until_set_to_zero():
    state = SandboxState(accounts={}, chance=random.Random(7))
    state.set_fault_rate(500, 0.2)

    taken = [state.take_fault() for _ in range(2000)]
    state.set_fault_rate(500, 0.0)

    assert set(taken) == {500, None}
    assert 0.17 < taken.count(500) / len(taken) < 0.23
    assert [state.take_fault() for _ in range(50)] == [None] * 50


def test_counted_faults_come_before_the_fault_rate():
    state = SandboxState(accounts={}, chance=random.Random(1))
    state.set_fault_rate(503, 1.0)
    state.add_fault(429, 1)

    assert [state.take_fault() for _ in range(3)] == [429, 503, 503]
