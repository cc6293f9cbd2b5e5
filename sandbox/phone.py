"""`ringback-phone`: call or text a business through ingress and read the replies.

    ringback-phone call --from +14165550123 --to +14165550100 --outcome no-answer
    ringback-phone text --from +14165550123 --to +14165550100 "Do you fix boilers?"
    ringback-phone outbox

It prints what ingress answered to each webhook, then the SMS the sandbox
accepted for the caller within --wait seconds.
"""

import argparse
import asyncio
import os
import sys
import time
from typing import get_args
from xml.dom import minidom
from xml.parsers.expat import ExpatError

import httpx

from libs.phones import InvalidNumber, to_e164
from libs.settings import TwilioSettings
from sandbox.simulator import Outcome, PhoneSimulator, SimulationResult

DEFAULT_INGRESS_URL = "http://127.0.0.1:8080"
DEFAULT_SANDBOX_URL = "http://127.0.0.1:8099"
OUTBOX_PATH = "/_sandbox/messages"
POLL_SECONDS = 0.2
# Once a reply has arrived, stop waiting after this long without another one.
QUIET_SECONDS = 1.0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return asyncio.run(run(args))
    except httpx.ConnectError as error:
        print(f"cannot connect: {error}", file=sys.stderr)
        return 2


def build_parser() -> argparse.ArgumentParser:
    settings = TwilioSettings()
    parser = argparse.ArgumentParser(
        prog="ringback-phone", description="A phone that calls and texts via ingress."
    )
    env = os.environ.get
    parser.add_argument(
        "--ingress-url", default=env("INGRESS_URL", DEFAULT_INGRESS_URL)
    )
    parser.add_argument("--public-base-url", default=settings.public_base_url)
    parser.add_argument("--account-sid", default=settings.twilio_account_sid)
    parser.add_argument(
        "--auth-token", help="default: the configured token of --account-sid"
    )
    parser.add_argument(
        "--sandbox-url", default=env("SANDBOX_URL", DEFAULT_SANDBOX_URL)
    )
    commands = parser.add_subparsers(dest="command", required=True)

    call = commands.add_parser("call", help="call a business number")
    _add_parties(call)
    call.add_argument("--outcome", choices=get_args(Outcome), default="no-answer")
    call.add_argument("--voicemail", action="store_true", help="leave a voicemail")

    text = commands.add_parser("text", help="text a business number")
    _add_parties(text)
    text.add_argument("body")

    commands.add_parser("outbox", help="every SMS the sandbox accepted")
    parser.set_defaults(settings=settings)
    return parser


def _add_parties(command: argparse.ArgumentParser) -> None:
    command.add_argument("--from", dest="caller", required=True, type=_number)
    command.add_argument("--to", dest="business", required=True, type=_number)
    command.add_argument(
        "--wait", type=float, default=5.0, help="seconds to wait for SMS replies"
    )


def _number(raw: str) -> str:
    # A withheld caller ID ("anonymous") is passed through as Twilio would.
    try:
        return to_e164(raw)
    except InvalidNumber:
        return raw


async def run(args: argparse.Namespace) -> int:
    async with httpx.AsyncClient(timeout=10.0) as http:
        if args.command == "outbox":
            return await _print_outbox(http, args.sandbox_url)

        seen = await _outbox(http, args.sandbox_url)
        result = await _simulate(args, http)
        _print_result(result)
        if seen is None:
            print(f"(no sandbox at {args.sandbox_url}: not waiting for replies)")
        elif args.wait > 0:
            known = {entry["sid"] for entry in seen}
            await _print_replies(http, args, known)
        return 0 if result.ok else 1


async def _simulate(
    args: argparse.Namespace, http: httpx.AsyncClient
) -> SimulationResult:
    token = args.auth_token or args.settings.auth_token_for(args.account_sid)
    if token is None:
        raise SystemExit(f"no auth token for {args.account_sid}; pass --auth-token")
    phone = PhoneSimulator(
        args.ingress_url, args.public_base_url, token, args.account_sid, client=http
    )
    if args.command == "call":
        return await phone.missed_call(
            args.caller, args.business, args.outcome, leave_voicemail=args.voicemail
        )
    return await phone.text(args.caller, args.business, args.body)


async def _print_replies(
    http: httpx.AsyncClient, args: argparse.Namespace, known: set[str]
) -> None:
    start = time.monotonic()
    deadline = start + args.wait
    last_reply = None
    while time.monotonic() < deadline:
        for entry in await _outbox(http, args.sandbox_url) or []:
            if entry["sid"] not in known and entry["to"] == args.caller:
                known.add(entry["sid"])
                last_reply = time.monotonic()
                print(_describe(entry))
        if last_reply and time.monotonic() - last_reply > QUIET_SECONDS:
            return
        await asyncio.sleep(POLL_SECONDS)
    if last_reply is None:
        print(f"(no SMS to {args.caller} within {args.wait:g}s)")


async def _print_outbox(http: httpx.AsyncClient, sandbox_url: str) -> int:
    outbox = await _outbox(http, sandbox_url)
    if outbox is None:
        print(f"no sandbox answers at {sandbox_url}", file=sys.stderr)
        return 2
    for entry in outbox:
        print(_describe(entry))
    return 0


async def _outbox(http: httpx.AsyncClient, sandbox_url: str) -> list[dict] | None:
    """The sandbox's accepted messages, or None when no sandbox answers."""
    try:
        response = await http.get(sandbox_url.rstrip("/") + OUTBOX_PATH)
    except httpx.TransportError:
        return None
    response.raise_for_status()
    return response.json()


def _print_result(result: SimulationResult) -> None:
    for step in result.steps:
        print(f"POST {step.path} -> {step.status}")
        for line in _readable(step.twiml).splitlines():
            print(f"    {line}")


def _readable(body: str) -> str:
    """TwiML one element a line; any other answer as it came."""
    try:
        pretty = minidom.parseString(body).toprettyxml(indent="  ")
    except ExpatError:
        return body.strip()
    # Drop the XML declaration and the blank lines minidom leaves.
    return "\n".join(line for line in pretty.splitlines()[1:] if line.strip())


def _describe(entry: dict) -> str:
    sender = entry["from"] or entry["messaging_service_sid"]
    return (
        f"SMS {entry['sid']} {sender} -> {entry['to']} [{entry['status']}] "
        f"{entry['accepted_at']}\n    {entry['body']}"
    )
