"""Run a brain over the evaluation set and print a score per category.

    python -m evals.run --brain offline
    python -m evals.run --brain claude               # ANTHROPIC_API_KEY (and _BASE_URL)
    python -m evals.run --brain claude --local-model # the local Messages API server

Each conversation (evals/conversations/*.json) runs against a fresh business
(evals/tenant.py) at a fixed moment, Monday 12 January 2026, 10:00 in Toronto.
A conversation scores when every step meets its expectations.
"""

import argparse
import asyncio
import json
import sys
from collections import defaultdict
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path

from anthropic import AsyncAnthropic

from evals.checks import Step, failures
from evals.harness import Harness
from evals.tenant import tenant
from services.concierge.brains.base import Brain
from services.concierge.brains.claude import ClaudeBrain, Pricing
from services.concierge.brains.offline import OfflineBrain
from services.concierge.config import Settings

CONVERSATIONS = Path(__file__).parent / "conversations"
NOW = datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
CUSTOMER = "+14165550123"


def load() -> list[dict]:
    """Every scripted conversation, each tagged with its category."""
    found = []
    for path in sorted(CONVERSATIONS.glob("*.json")):
        data = json.loads(path.read_text())
        for conversation in data["conversations"]:
            found.append({**conversation, "category": data["category"]})
    return found


async def play(conversation: dict, brain: Brain) -> list[str]:
    """Play one conversation; what went wrong, step by step."""
    harness = Harness(tenant(), NOW, brain=brain)
    owner = harness.tenant.owner_phone
    problems = []
    for number, step in enumerate(conversation["steps"], 1):
        before = len(harness.published.messages)
        if "customer" in step:
            await harness.customer_says(CUSTOMER, step["customer"])
        elif "owner" in step:
            await harness.owner_says(step["owner"])
        elif step.get("opt_out"):
            await harness.opts_out(CUSTOMER)
        produced = harness.published.messages[before:]
        found = failures(Step(CUSTOMER, owner, produced), step.get("expect", {}))
        problems += [f"step {number}: {problem}" for problem in found]
    return problems


async def evaluate(brain: Brain, verbose: bool) -> dict[str, tuple[int, int]]:
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for conversation in load():
        problems = await play(conversation, brain)
        score = scores[conversation["category"]]
        score[0] += not problems
        score[1] += 1
        if problems and verbose:
            print(f"FAIL {conversation['category']}/{conversation['name']}")
            for problem in problems:
                print(f"    {problem}")
    return {category: (passed, total) for category, (passed, total) in scores.items()}


def report(brain: str, scores: dict[str, tuple[int, int]]) -> None:
    print(f"brain: {brain}")
    print(f"{'category':<12} {'passed':>7} {'total':>6} {'score':>7}")
    for category, (passed, total) in sorted(scores.items()):
        print(f"{category:<12} {passed:>7} {total:>6} {passed / total:>7.0%}")
    passed = sum(p for p, _ in scores.values())
    total = sum(t for _, t in scores.values())
    print(f"{'overall':<12} {passed:>7} {total:>6} {passed / total:>7.0%}")


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.run")
    parser.add_argument("--brain", choices=["offline", "claude"], default="offline")
    parser.add_argument(
        "--local-model",
        action="store_true",
        help="serve the local Messages API stand-in and point the SDK at it",
    )
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args(argv)

    async with AsyncExitStack() as stack:
        brain: Brain = OfflineBrain()
        if args.brain == "claude":
            brain = await claude_brain(stack, args.local_model)
        scores = await evaluate(brain, args.verbose)
        if isinstance(brain, ClaudeBrain):
            await brain.close()
    report(args.brain, scores)
    if fallbacks := getattr(brain, "fallbacks", 0):
        print(f"warning: the API failed on {fallbacks} turns (offline brain answered)")
    return 0


async def claude_brain(stack: AsyncExitStack, local: bool) -> Brain:
    if local:
        from sandbox.anthropic_api import LOCAL_API_KEY, create_app
        from sandbox.server import BackgroundServer

        server = await stack.enter_async_context(BackgroundServer(create_app()))
        settings = Settings(
            brain="claude",
            anthropic_api_key=LOCAL_API_KEY,
            anthropic_base_url=server.url,
        )
    else:
        settings = Settings(brain="claude")
    client = AsyncAnthropic(
        api_key=settings.anthropic_api_key.get_secret_value(),
        base_url=settings.anthropic_base_url,
    )
    pricing = Pricing(settings.anthropic_input_price, settings.anthropic_output_price)
    return ClaudeBrain(
        client,
        settings.anthropic_model,
        settings.anthropic_max_tokens,
        pricing,
        fallback=OfflineBrain(),
    )


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
