"""The running system under Prometheus, and services stopped in the middle of load.

Both run on one stack of processes (tests/integration/ops/conftest.py).
"""

import asyncio
import signal
import time

import httpx
import pytest

from libs.runtime import GRACEFUL_SECONDS
from tests.factories import BUSINESS_NUMBER
from tests.helpers import eventually
from tests.integration.ops.conftest import fresh_callers

pytestmark = pytest.mark.e2e

# Long enough for a loaded machine, well short of the 30 s ack wait that a
# message dropped by a stopping service would sit out before redelivery.
CATCH_UP_SECONDS = 20


async def query(client: httpx.AsyncClient, promql: str) -> float | None:
    response = await client.get("/api/v1/query", params={"query": promql})
    result = response.json()["data"]["result"]
    return float(result[0]["value"][1]) if result else None


async def test_prometheus_scrapes_every_service_and_sees_a_missed_call_texted(
    stack, prometheus, phone
):
    async with httpx.AsyncClient(base_url=prometheus, timeout=5) as client:

        async def every_target_up():
            try:
                response = await client.get("/api/v1/targets")
            except httpx.TransportError:
                return False
            # Prometheus answers 503 until it has finished starting.
            if response.status_code != 200:
                return False
            targets = response.json()["data"]["activeTargets"]
            up = {t["labels"]["job"] for t in targets if t["health"] == "up"}
            return up == set(stack.ports.services) and up

        await eventually(every_target_up, timeout=30, what="every service scraped")
        texted = "sum(ringback_time_to_text_seconds_count)"
        before = await query(client, texted) or 0.0

        [caller] = fresh_callers(1)
        await phone.missed_call(caller, BUSINESS_NUMBER, outcome="forwarded")

        async def histogram_moved():
            return (await query(client, texted) or 0.0) > before

        await eventually(histogram_moved, timeout=20, what="time to text observed")


async def texts_by_caller(sandbox, callers: set[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for message in (await sandbox.get("/_sandbox/messages")).json():
        if message["to"] in callers:
            counts[message["to"]] = counts.get(message["to"], 0) + 1
    return counts


@pytest.mark.parametrize("victim", ["textback", "compliance"])
async def test_a_service_stopped_under_load_loses_and_repeats_nothing(
    stack, phone, sandbox, victim
):
    callers = fresh_callers(60)
    limit = asyncio.Semaphore(8)

    async def call(number: str) -> None:
        async with limit:
            await phone.missed_call(number, BUSINESS_NUMBER, outcome="forwarded")

    load = asyncio.gather(*(call(number) for number in callers))

    async def mid_flow():
        return len(await texts_by_caller(sandbox, set(callers))) >= 10

    await eventually(mid_flow, timeout=20, what="the first texts")

    # SIGTERM, as Kubernetes and compose stop a container.
    process = stack.processes.pop(victim)
    process.send_signal(signal.SIGTERM)
    code = await asyncio.to_thread(process.wait, GRACEFUL_SECONDS + 5)
    assert code == 0

    await asyncio.to_thread(stack.start_service, victim)
    restarted = time.monotonic()
    await load

    async def everyone_texted():
        return len(await texts_by_caller(sandbox, set(callers))) == len(callers)

    await eventually(everyone_texted, timeout=CATCH_UP_SECONDS, what="all texted")
    assert time.monotonic() - restarted < CATCH_UP_SECONDS
    counts = await texts_by_caller(sandbox, set(callers))
    assert set(counts.values()) == {1}
