"""Offline concierge reply latency, in process: the budget is p99 under 100 ms.

Replays every customer text of the evaluation set through the concierge's own
handlers (offline brain, guardrails, effects) over in-memory stores, many
times, and times each turn from taking the text to publishing the reply. The
stores and the bus are in memory, so this is the brain's and the handler's own
cost; the stack benchmark (concierge_stack.py) adds the network and MongoDB.

    .venv/bin/python benchmarks/concierge_offline.py --rounds 20
"""

import argparse
import asyncio
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evals.harness import Harness  # noqa: E402
from evals.run import NOW, load  # noqa: E402
from evals.tenant import tenant  # noqa: E402

BUDGET_P99_MS = 100.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def replay(rounds: int) -> tuple[list[float], int]:
    """Milliseconds per customer turn, and the turns that produced nothing."""
    scripts = [
        [s["customer"] for s in conversation["steps"] if "customer" in s]
        for conversation in load()
    ]
    timings, silent = [], 0
    for round_number in range(rounds):
        harness = Harness(tenant(), NOW)
        for index, texts in enumerate(scripts):
            customer = f"+1416{2000000 + round_number * 1000 + index:07d}"
            for body in texts:
                started = time.perf_counter()
                sent = await harness.customer_says(customer, body)
                timings.append((time.perf_counter() - started) * 1000)
                silent += not sent
    return timings, silent


async def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    arguments = parser.parse_args()

    timings, silent = await replay(arguments.rounds)
    p99 = percentile(timings, 0.99)
    print(f"machine: {platform.machine()}, {platform.python_version()}, one process")
    rounds = arguments.rounds
    print(f"load:    {len(timings)} customer texts ({rounds} rounds of the evals)")
    print(
        "offline reply latency (ms): "
        f"p50 {percentile(timings, 0.5):.2f}  p95 {percentile(timings, 0.95):.2f}  "
        f"p99 {p99:.2f}  max {max(timings):.2f}  mean {statistics.mean(timings):.2f}"
    )
    verdict = "met" if p99 < BUDGET_P99_MS else "MISSED"
    print(f"budget:  p99 < {BUDGET_P99_MS:.0f} ms: {verdict}")
    # Opt-outs are not replayed, so every text must produce at least one SMS.
    print(f"loss:    {silent} texts without any SMS")
    return 0 if p99 < BUDGET_P99_MS and not silent else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
