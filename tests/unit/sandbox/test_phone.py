"""The `ringback-phone` command line: its defaults come from the environment."""

import pytest

from sandbox.phone import build_parser


def test_urls_and_account_default_to_the_environment(monkeypatch):
    monkeypatch.setenv("INGRESS_URL", "http://127.0.0.1:9001")
    monkeypatch.setenv("SANDBOX_URL", "http://127.0.0.1:9002")
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://hooks.example.com")
    monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "e" * 32)

    args = build_parser().parse_args(["outbox"])

    assert args.ingress_url == "http://127.0.0.1:9001"
    assert args.sandbox_url == "http://127.0.0.1:9002"
    assert args.public_base_url == "https://hooks.example.com"
    assert args.account_sid == "AC" + "e" * 32


def test_without_environment_the_local_stack_is_assumed(monkeypatch):
    for name in ("INGRESS_URL", "SANDBOX_URL", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)

    args = build_parser().parse_args(["outbox"])

    assert args.ingress_url == "http://127.0.0.1:8080"
    assert args.sandbox_url == "http://127.0.0.1:8099"
    assert args.public_base_url == "http://127.0.0.1:8080"


def test_numbers_are_written_in_e164_and_a_withheld_caller_is_kept():
    parser = build_parser()

    call = parser.parse_args(["call", "--from", "anonymous", "--to", "416-555-0100"])
    text = parser.parse_args(
        ["text", "--from", "(416) 555-0123", "--to", "+14165550100", "hi"]
    )

    assert (call.caller, call.business, call.outcome) == (
        "anonymous",
        "+14165550100",
        "no-answer",
    )
    assert (text.caller, text.body, text.wait) == ("+14165550123", "hi", 5.0)


def test_an_unknown_outcome_is_refused(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(
            ["call", "--from", "+14165550123", "--to", "+14165550100", "--outcome", "x"]
        )
