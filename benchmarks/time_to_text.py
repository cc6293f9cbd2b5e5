"""Time to text through the whole running stack.

Starts the embedded servers, the Twilio sandbox and every service as processes,
drives missed calls (signed webhooks, as Twilio sends them) at a fixed rate,
and measures from each webhook's arrival to the sandbox accepting the SMS.
Prints the machine, the load, the percentiles, and the loss and duplicates
(both must be 0).

    .venv/bin/python benchmarks/time_to_text.py --rate 100 --seconds 10
"""

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from libs.devstack.demo import DEMO_NUMBER, seed  # noqa: E402
from libs.devstack.stack import Stack  # noqa: E402
from sandbox.simulator import PhoneSimulator  # noqa: E402

WEBHOOK_ATTEMPTS = 5


def callers(count: int) -> list[str]:
    # Distinct, valid Toronto mobile-or-fixed numbers, one per call.
    return [f"+1416{2000000 + i:07d}" for i in range(count)]


async def drive(stack: Stack, rate: float, seconds: float) -> dict[str, float]:
    numbers = callers(int(rate * seconds))
    sent_at: dict[str, float] = {}
    limits = httpx.Limits(max_connections=200, max_keepalive_connections=200)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        phone = PhoneSimulator(
            ingress_url=stack.ingress_url,
            public_base_url=stack.ingress_url,
            auth_token=stack.twilio.twilio_auth_token.get_secret_value(),
            account_sid=stack.twilio.twilio_account_sid,
            client=client,
        )

        async def call(number: str, at: float) -> None:
            await asyncio.sleep(max(0.0, at - time.time()))
            sent_at[number] = time.time()
            # Twilio retries a webhook that failed; so does this load, with the
            # same CallSid, and time to text still counts from the first try.
            sid = f"CA{uuid.uuid4().hex}"
            for _ in range(WEBHOOK_ATTEMPTS):
                try:
                    result = await phone.missed_call(
                        number, DEMO_NUMBER, outcome="forwarded", call_sid=sid
                    )
                    if result.ok:
                        return
                except httpx.HTTPError:
                    pass
                await asyncio.sleep(1.0)

        start = time.time() + 0.5
        await asyncio.gather(
            *(call(n, start + i / rate) for i, n in enumerate(numbers))
        )
    return sent_at


async def collect(stack: Stack, expected: set[str], timeout: float) -> list[dict]:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=30) as sandbox:
        while True:
            messages = (await sandbox.get("/_sandbox/messages")).json()
            arrived = {m["to"] for m in messages} & expected
            if arrived == expected or time.monotonic() > deadline:
                return [m for m in messages if m["to"] in expected]
            await asyncio.sleep(0.5)


def cpu_seconds(stack: Stack) -> dict[str, float]:
    """CPU time (user + system) each process of the stack has used so far."""
    pids = {name: process.pid for name, process in stack.processes.items()}
    pids["nats"] = stack.nats.process.pid
    if stack.mongo.process:
        pids["nx-27017"] = stack.mongo.process.pid
    ticks = os.sysconf("SC_CLK_TCK")
    used = {}
    for name, pid in pids.items():
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used[name] = (int(fields[11]) + int(fields[12])) / ticks
    return used


async def store_commands(stack: Stack) -> dict[str, float]:
    """MongoDB commands each service has sent so far, from its /metrics."""
    counts = {}
    async with httpx.AsyncClient(timeout=10) as client:
        for name in ("compliance", "textback", "dashboard", "reviews"):
            text = (await client.get(f"{stack.service_url(name)}/metrics")).text
            counts[name] = sum(
                float(line.rsplit(" ", 1)[1])
                for line in text.splitlines()
                if line.startswith("ringback_store_commands_total{")
            )
    return counts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--rate", type=float, default=100.0, help="missed calls per second"
    )
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()

    namespace = "b" + uuid.uuid4().hex[:8]
    stack = Stack(Path(tempfile.mkdtemp(prefix="ringback-bench-")), namespace=namespace)
    stack.start_servers()
    await seed(stack.nats.url, namespace)
    stack.start_services()
    try:
        before = cpu_seconds(stack)
        commands_before = await store_commands(stack)
        began = time.time()
        sent_at = await drive(stack, arguments.rate, arguments.seconds)
        drove = time.time() - began
        messages = await collect(stack, set(sent_at), timeout=60)
        after = cpu_seconds(stack)
        commands_after = await store_commands(stack)
    finally:
        stack.stop()
        shutil.rmtree(stack.data_dir, ignore_errors=True)

    texts_per_caller: dict[str, list[dict]] = {}
    for message in messages:
        texts_per_caller.setdefault(message["to"], []).append(message)
    latencies = [
        datetime.fromisoformat(texts[0]["accepted_at"]).timestamp() - sent_at[number]
        for number, texts in texts_per_caller.items()
    ]
    lost = len(sent_at) - len(texts_per_caller)
    duplicates = sum(len(t) - 1 for t in texts_per_caller.values())
    last_text = max(
        datetime.fromisoformat(m["accepted_at"]).timestamp() for m in messages
    )

    cores = os.cpu_count()
    load = f"{len(sent_at)} missed calls at {arguments.rate:.0f}/s over {drove:.1f} s"
    print(f"machine: {platform.machine()}, {cores} cores, {platform.python_version()}")
    print("         the whole stack and the load generator share this machine")
    print(f"load:    {load}")
    print(f"texts:   {len(messages)} ({len(messages) / (last_text - began):.1f}/s)")
    if latencies:
        ms = [v * 1000 for v in latencies]
        print(
            "time to text (ms): "
            f"p50 {percentile(ms, 0.5):.0f}  p95 {percentile(ms, 0.95):.0f}  "
            f"p99 {percentile(ms, 0.99):.0f}  max {max(ms):.0f}  "
            f"mean {statistics.mean(ms):.0f}"
        )
    n_texts = max(1, len(messages))
    per_text = {
        name: (after[name] - before[name]) * 1000 / max(1, len(messages))
        for name in after
    }
    print(
        "cpu ms a text: "
        + "  ".join(f"{name} {ms:.1f}" for name, ms in per_text.items())
        + f"  (total {sum(per_text.values()):.1f})"
    )
    print(
        "store commands a text: "
        + "  ".join(
            f"{name} {(commands_after[name] - commands_before[name]) / n_texts:.1f}"
            for name in commands_after
        )
    )
    print(f"loss:    {lost}   duplicates: {duplicates}")
    return 1 if lost or duplicates else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
