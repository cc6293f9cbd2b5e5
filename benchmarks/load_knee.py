"""Sustained missed calls and inbound texts at increasing rates until the budget breaks.

Each step drives missed calls at a rate (and HELP texts at half of it) for a
fixed time through the whole running stack, then waits for every text. It
reports the highest rate within the budget (design.md: time to text p99 under
250 ms, nothing lost or repeated) and the knee: the highest rate whose texts
still kept up with the webhooks. It stops at the first saturated step.

    .venv/bin/python benchmarks/load_knee.py --rates 20,40,60,80,100,120 --seconds 10
"""

import argparse
import asyncio
import sys
import time

from load_traffic import account, drive, machine, start_stack, texts_out, warm_up
from time_to_text import cpu_seconds

BUDGET_P99_MS = 250.0


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rates", default="20,40,60,80,100,120,140")
    parser.add_argument("--seconds", type=float, default=10.0)
    arguments = parser.parse_args()
    rates = [float(r) for r in arguments.rates.split(",")]

    print(machine())
    stack = await start_stack("k")
    knee = within = None
    try:
        print(f"warm-up call: {await warm_up(stack)}")
        for block, rate in enumerate(rates):
            began = time.time()
            cpu_before = cpu_seconds(stack)
            run = await drive(stack, block, rate, arguments.seconds)
            drove = time.time() - began
            messages = await texts_out(stack, run.accepted, settle=60)
            figures = account(run, messages, began)
            cpu_after, spent = cpu_seconds(stack), time.time() - began
            offered = len(run.sent_at) / arguments.seconds
            out_rate = figures.texts_out / max(figures.last_text_after, 1e-9)
            print(
                f"{rate:5.0f} calls/s + {rate / 2:.0f} texts/s "
                f"({offered:.0f} webhooks/s offered, sent in {drove:.1f} s, "
                f"texts out at {out_rate:.0f}/s): " + figures.line()
            )
            busy = {
                name: (cpu_after[name] - cpu_before[name]) / spent * 100
                for name in cpu_after
            }
            print(
                "      cpu % of one core: "
                + "  ".join(f"{n} {p:.0f}" for n, p in sorted(busy.items()))
            )
            budget_held = (
                figures.percentile(0.99) <= BUDGET_P99_MS
                and figures.losses == figures.duplicates == figures.refused == 0
            )
            if budget_held:
                within = rate
            # Saturated: the texts no longer keep up with what comes in.
            if out_rate < 0.8 * offered or figures.losses or figures.duplicates:
                print(f"saturated at {rate:.0f} calls/s")
                break
            knee = rate
    finally:
        stack.stop()
    print(
        f"budget (p99 <= {BUDGET_P99_MS:.0f} ms, nothing lost or repeated) held up to: "
        + (f"{within:.0f} calls/s" if within else "none of the rates")
    )
    print(
        "knee (highest rate whose texts kept up): "
        + (f"{knee:.0f} calls/s" if knee else "below the lowest rate")
    )
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
