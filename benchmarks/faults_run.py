"""Faults under load: every missed call and HELP text answered exactly once regardless.

One stack serves every scenario, each with its own numbers. During a few
seconds of steady traffic (missed calls, and HELP texts at half the rate):
- kill -9 of each service in turn, restarted at once;
- a NATS restart;
- the MongoDB-wire server stopped for 10 s;
- the Twilio sandbox failing 20 % of sends.
Each prints messages in, texts out, duplicates and losses (both must be 0),
and how long after the fault the last text went out.

    .venv/bin/python benchmarks/faults_run.py --rate 20 --seconds 6
"""

import argparse
import asyncio
import sys
import time

import httpx
from load_traffic import account, drive, machine, start_stack, texts_out, warm_up

from libs.devstack.stack import SERVICES, Stack

FAULT_AFTER_SECONDS = 2.0
STORE_DOWN_SECONDS = 10.0
# kill -9 leaves messages unacknowledged: JetStream redelivers them after the
# consumers' 30 s ack wait, and Twilio retries with backoff take a while too.
SETTLE_SECONDS = 90.0


async def kill(stack: Stack, name: str) -> None:
    stack.kill(name)
    await asyncio.to_thread(stack.start_service, name)


async def restart_nats(stack: Stack) -> None:
    stack.nats.stop()
    stack.nats.start()


async def store_down(stack: Stack) -> None:
    stack.mongo.stop()
    await asyncio.sleep(STORE_DOWN_SECONDS)
    stack.mongo.start()


async def twilio_fails(stack: Stack, rate: float) -> None:
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=5) as sandbox:
        response = await sandbox.post(
            "/_sandbox/faults", json={"status": 500, "rate": rate}
        )
        response.raise_for_status()


def scenarios(stack: Stack) -> dict:
    chosen = {f"kill -9 {name}": (lambda n=name: kill(stack, n)) for name in SERVICES}
    chosen["NATS restart"] = lambda: restart_nats(stack)
    chosen["MongoDB-wire down 10 s"] = lambda: store_down(stack)
    chosen["Twilio fails 20 % of sends"] = lambda: twilio_fails(stack, 0.2)
    return chosen


async def run_one(stack: Stack, block: int, name: str, fault, rate, seconds) -> bool:
    async def inject() -> float:
        await asyncio.sleep(FAULT_AFTER_SECONDS)
        at = time.time()
        await fault()
        return at

    began = time.time()
    run, fault_at = await asyncio.gather(drive(stack, block, rate, seconds), inject())
    await twilio_fails(stack, 0.0)
    messages = await texts_out(stack, run.accepted, settle=SETTLE_SECONDS)
    figures = account(run, messages, began)
    recovered = figures.last_text_after - (fault_at - began)
    print(f"{name}: {figures.line()}; last text {recovered:.1f} s after the fault")
    return figures.losses == 0 and figures.duplicates == 0


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=20.0, help="missed calls/s")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--only", default="", help="scenarios whose name has this")
    arguments = parser.parse_args()

    print(machine())
    print(
        f"load: {arguments.rate:.0f} missed calls/s + {arguments.rate / 2:.0f} HELP "
        f"texts/s for {arguments.seconds:.0f} s, "
        f"fault after {FAULT_AFTER_SECONDS:.0f} s"
    )
    stack = await start_stack("f")
    failed = []
    try:
        print(f"warm-up call: {await warm_up(stack)}")
        for block, (name, fault) in enumerate(scenarios(stack).items()):
            if arguments.only not in name:
                continue
            ok = await run_one(
                stack, block, name, fault, arguments.rate, arguments.seconds
            )
            if not ok:
                failed.append(name)
    finally:
        stack.stop()
    print("all exactly once" if not failed else f"FAILED: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
