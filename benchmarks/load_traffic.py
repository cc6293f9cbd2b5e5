"""Shared by the load and fault runs: a stack, paced traffic, and its accounting.

Traffic is missed calls (forwarded numbers) and inbound "HELP" texts from
distinct numbers, each of which must get exactly one SMS back: the text-back,
or compliance's help answer. Webhooks are retried as Twilio retries them (same
CallSid / MessageSid, a pause between tries) when ingress cannot take them.
Everything stays on loopback and every loop is bounded in time.
"""

import asyncio
import os
import platform
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from libs.devstack.demo import DEMO_NUMBER, seed  # noqa: E402
from libs.devstack.stack import Stack  # noqa: E402
from sandbox.sids import new_sid  # noqa: E402
from sandbox.simulator import PhoneSimulator  # noqa: E402

RETRY_PAUSE_SECONDS = 0.5
RETRY_FOR_SECONDS = 30.0


def numbers(block: int, count: int) -> list[str]:
    """`count` distinct, valid Toronto numbers; each block its own range."""
    base = 2000000 + block * 20000
    return [f"+1416{base + i:07d}" for i in range(count)]


async def start_stack(prefix: str) -> Stack:
    namespace = prefix + uuid.uuid4().hex[:8]
    stack = Stack(Path(tempfile.mkdtemp(prefix="ringback-ops-")), namespace=namespace)
    stack.start_servers()
    await seed(stack.nats.url, namespace)
    await asyncio.to_thread(stack.start_services)
    return stack


async def warm_up(stack: Stack) -> str:
    """One missed call before measuring; says whether it was texted.

    The first text-back of a fresh stack has been seen blocked (no_consent):
    a defect of its own, reported apart from the measured runs.
    """
    run = await drive(stack, block=49, calls_per_second=1, seconds=1)
    messages = await texts_out(stack, run.accepted, settle=10)
    return "texted" if messages else "NOT texted"


@dataclass
class Run:
    """What one run sent and when, per number."""

    sent_at: dict[str, float] = field(default_factory=dict)
    accepted: set[str] = field(default_factory=set)
    refused: set[str] = field(default_factory=set)
    retries: int = 0


async def _deliver(phone: PhoneSimulator, run: Run, number: str, kind: str) -> None:
    sid = new_sid("CA" if kind == "call" else "SM")
    deadline = time.monotonic() + RETRY_FOR_SECONDS
    run.sent_at[number] = time.time()
    while True:
        try:
            if kind == "call":
                answer = await phone.missed_call(
                    number, DEMO_NUMBER, outcome="forwarded", call_sid=sid
                )
            else:
                answer = await phone.text(number, DEMO_NUMBER, "HELP", message_sid=sid)
            if answer.steps[0].ok:
                run.accepted.add(number)
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            run.refused.add(number)
            return
        run.retries += 1
        await asyncio.sleep(RETRY_PAUSE_SECONDS)


async def drive(
    stack: Stack, block: int, calls_per_second: float, seconds: float
) -> Run:
    """Missed calls at `calls_per_second` and HELP texts at half that, paced."""
    calls = numbers(block, int(calls_per_second * seconds))
    texts = numbers(block, int(calls_per_second * seconds / 2) + len(calls))[
        len(calls) :
    ]
    schedule = sorted(
        [(i / calls_per_second, n, "call") for i, n in enumerate(calls)]
        + [(2 * i / calls_per_second, n, "text") for i, n in enumerate(texts)]
    )
    run = Run()
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=300)
    async with httpx.AsyncClient(timeout=10, limits=limits) as client:
        phone = PhoneSimulator(
            ingress_url=stack.ingress_url,
            public_base_url=stack.ingress_url,
            auth_token=stack.twilio.twilio_auth_token.get_secret_value(),
            account_sid=stack.twilio.twilio_account_sid,
            client=client,
        )
        start = time.monotonic() + 0.2

        async def at(offset: float, number: str, kind: str) -> None:
            await asyncio.sleep(max(0.0, start + offset - time.monotonic()))
            await _deliver(phone, run, number, kind)

        await asyncio.gather(*(at(*item) for item in schedule))
    return run


async def texts_out(stack: Stack, expected: set[str], settle: float) -> list[dict]:
    """The SMS the sandbox accepted for `expected`, once all arrived or `settle` passed.

    After every number has its text, waits two more seconds for duplicates.
    """
    deadline = time.monotonic() + settle
    complete_at = None
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=30) as sandbox:
        while True:
            messages = [
                m
                for m in (await sandbox.get("/_sandbox/messages")).json()
                if m["to"] in expected
            ]
            if {m["to"] for m in messages} == expected and complete_at is None:
                complete_at = time.monotonic()
            if complete_at and time.monotonic() - complete_at > 2.0:
                return messages
            if time.monotonic() > deadline:
                return messages
            await asyncio.sleep(0.5)


@dataclass
class Figures:
    messages_in: int
    texts_out: int
    duplicates: int
    losses: int
    refused: int
    retries: int
    latencies_ms: list[float]
    last_text_after: float

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies_ms) or [float("nan")]
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def line(self) -> str:
        return (
            f"in {self.messages_in}  out {self.texts_out}  "
            f"duplicates {self.duplicates}  losses {self.losses}  "
            f"(refused {self.refused}, webhook retries {self.retries})  "
            f"time to text ms p50 {self.percentile(0.5):.0f} "
            f"p95 {self.percentile(0.95):.0f} p99 {self.percentile(0.99):.0f} "
            f"max {max(self.latencies_ms, default=float('nan')):.0f}"
        )


def account(run: Run, messages: list[dict], began: float) -> Figures:
    per_number: dict[str, list[dict]] = {}
    for message in messages:
        per_number.setdefault(message["to"], []).append(message)
    latencies = [
        (datetime.fromisoformat(texts[0]["accepted_at"]).timestamp() - run.sent_at[n])
        * 1000
        for n, texts in per_number.items()
    ]
    lost = sorted(run.accepted - set(per_number))
    if lost:
        print(f"   lost: {', '.join(lost[:10])}")
    last = max(
        (datetime.fromisoformat(m["accepted_at"]).timestamp() for m in messages),
        default=began,
    )
    return Figures(
        messages_in=len(run.accepted),
        texts_out=len(messages),
        duplicates=sum(len(t) - 1 for t in per_number.values()),
        losses=len(run.accepted - set(per_number)),
        refused=len(run.refused),
        retries=run.retries,
        latencies_ms=latencies,
        last_text_after=last - began,
    )


def machine() -> str:
    load = os.getloadavg()
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average {load[0]:.1f} at start; the "
        "stack, the load generator and any other work on the machine share it"
    )
