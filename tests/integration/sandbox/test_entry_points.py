"""`python -m sandbox` and `ringback-phone` as a developer runs them."""

import asyncio
import os
import subprocess
import sys

import httpx
import pytest

from libs.devstack.servers import free_port
from sandbox.phone import main
from sandbox.server import BackgroundServer
from tests.helpers import eventually
from tests.unit.sandbox.fake_ingress import (
    ACCOUNT_SID,
    AUTH_TOKEN,
    DIAL_NUMBER,
    FORWARDED_NUMBER,
    PUBLIC_BASE_URL,
    FakeIngress,
)

CALLER = "+14165550123"


@pytest.fixture
async def ingress(sandbox):
    """A fake ingress whose every incoming SMS gets a reply through the sandbox."""

    async def reply(form):
        sandbox.state.accept_message(
            ACCOUNT_SID, form["From"], form["To"], f"Got it: {form['Body']}"
        )

    fake = FakeIngress(on_sms=reply)
    async with BackgroundServer(fake.app()) as server:
        fake.url = server.url
        yield fake


def phone_args(ingress, sandbox, *command) -> list[str]:
    return [
        "--ingress-url", ingress.url,
        "--public-base-url", PUBLIC_BASE_URL,
        "--account-sid", ACCOUNT_SID,
        "--auth-token", AUTH_TOKEN,
        "--sandbox-url", sandbox.url,
        *command,
    ]  # fmt: skip


async def run_phone(args: list[str]) -> int:
    # main() runs its own event loop; the servers keep serving on this one.
    return await asyncio.to_thread(main, args)


async def test_the_phone_prints_ingress_answers_and_the_reply_sms(
    ingress, sandbox, capsys
):
    args = ["text", "--from", CALLER, "--to", DIAL_NUMBER, "--wait", "5", "a leak"]

    code = await run_phone(phone_args(ingress, sandbox, *args))

    out = capsys.readouterr().out
    assert code == 0
    assert "POST /twilio/sms/incoming -> 200" in out
    assert "Got it: a leak" in out
    assert ingress.paths == ["/twilio/sms/incoming"]


async def test_the_phone_follows_a_declined_call(ingress, sandbox, capsys):
    args = ["call", "--from", CALLER, "--to", DIAL_NUMBER, "--outcome", "declined"]

    code = await run_phone(phone_args(ingress, sandbox, *args, "--wait", "0"))

    out = capsys.readouterr().out
    assert code == 0
    assert "POST /twilio/voice/whisper/declined?tenant=acme&parent=CA" in out
    assert "<Hangup/>" in out


async def test_the_phone_exits_non_zero_when_ingress_refuses(ingress, sandbox, capsys):
    args = ["call", "--from", CALLER, "--to", FORWARDED_NUMBER, "--wait", "0"]

    code = await run_phone(phone_args(ingress, sandbox, "--auth-token", "wrong", *args))

    assert code == 1
    assert "-> 403" in capsys.readouterr().out


async def test_the_outbox_lists_every_accepted_sms(sandbox, capsys):
    sandbox.state.accept_message(ACCOUNT_SID, CALLER, DIAL_NUMBER, "Hello there")

    code = await run_phone(["--sandbox-url", sandbox.url, "outbox"])

    assert code == 0
    assert "Hello there" in capsys.readouterr().out


async def test_python_m_sandbox_serves_until_stopped():
    port = free_port()
    env = {**os.environ, "SANDBOX_PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, "-m", "sandbox"], env=env, stderr=subprocess.DEVNULL
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:

            async def healthy():
                try:
                    return (await client.get("/_sandbox/health")).status_code == 200
                except httpx.TransportError:
                    return False

            await eventually(healthy, timeout=20, what="the sandbox process")
    finally:
        process.terminate()
        process.wait(timeout=10)
