"""Inbound SMS to reply sent, through the whole running stack.

Starts the embedded servers, the Twilio sandbox and every service as processes,
seeds the evaluation business (evals/tenant.py), and has customers text
questions at a fixed rate as signed Twilio webhooks. Measures from each
webhook's sending to the sandbox accepting the concierge's reply. Prints the
machine, the load, the percentiles and the loss (must be 0).

    .venv/bin/python benchmarks/concierge_stack.py --rate 20 --seconds 10
"""

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from time_to_text import collect, cpu_seconds, percentile  # noqa: E402

from evals.tenant import BUSINESS_NUMBER, tenant  # noqa: E402
from libs.devstack.demo import seed  # noqa: E402
from libs.devstack.stack import Stack  # noqa: E402
from sandbox.simulator import PhoneSimulator  # noqa: E402

QUESTIONS = [
    "What are your hours?",
    "How much for a drain cleaning?",
    "Do you serve Etobicoke?",
    "Can I book a visit?",
    "Is there a service call fee?",
    "Combien pour réparer une toilette?",
]


async def drive(stack: Stack, rate: float, seconds: float) -> dict[str, float]:
    customers = [f"+1416{3000000 + i:07d}" for i in range(int(rate * seconds))]
    sent_at: dict[str, float] = {}
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        phone = PhoneSimulator(
            ingress_url=stack.ingress_url,
            public_base_url=stack.ingress_url,
            auth_token=stack.twilio.twilio_auth_token.get_secret_value(),
            account_sid=stack.twilio.twilio_account_sid,
            client=client,
        )

        async def text(index: int, number: str, at: float) -> None:
            await asyncio.sleep(max(0.0, at - time.time()))
            sent_at[number] = time.time()
            await phone.text(number, BUSINESS_NUMBER, QUESTIONS[index % len(QUESTIONS)])

        start = time.time() + 0.5
        await asyncio.gather(
            *(text(i, n, start + i / rate) for i, n in enumerate(customers))
        )
    return sent_at


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="texts per second")
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()

    namespace = "b" + uuid.uuid4().hex[:8]
    stack = Stack(Path(tempfile.mkdtemp(prefix="ringback-bench-")), namespace=namespace)
    stack.start_servers()
    await seed(stack.nats.url, namespace, tenant())
    stack.start_services()
    try:
        before = cpu_seconds(stack)
        began = time.time()
        sent_at = await drive(stack, arguments.rate, arguments.seconds)
        drove = time.time() - began
        messages = await collect(stack, set(sent_at), timeout=60)
        after = cpu_seconds(stack)
    finally:
        stack.stop()

    first: dict[str, float] = {}
    for message in messages:
        accepted = datetime.fromisoformat(message["accepted_at"]).timestamp()
        first[message["to"]] = min(first.get(message["to"], accepted), accepted)
    latencies = [(first[n] - sent_at[n]) * 1000 for n in first]
    lost = len(sent_at) - len(first)

    load = f"{len(sent_at)} customer texts at {arguments.rate:.0f}/s over {drove:.1f} s"
    machine = f"{platform.machine()}, {os.cpu_count()} cores"
    print(f"machine: {machine}, {platform.python_version()}")
    print("         the whole stack and the load generator share this machine")
    print(f"load:    {load}")
    if latencies:
        print(
            "inbound SMS to reply sent (ms): "
            f"p50 {percentile(latencies, 0.5):.0f}  "
            f"p95 {percentile(latencies, 0.95):.0f}  "
            f"p99 {percentile(latencies, 0.99):.0f}  max {max(latencies):.0f}  "
            f"mean {statistics.mean(latencies):.0f}"
        )
    per_text = {
        name: (after[name] - before[name]) * 1000 / max(1, len(sent_at))
        for name in after
    }
    print(
        "cpu ms a text: "
        + "  ".join(f"{name} {ms:.1f}" for name, ms in per_text.items())
        + f"  (total {sum(per_text.values()):.1f})"
    )
    print(f"loss:    {lost}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
