"""Background loops run their work each turn and always stop when told to."""

import asyncio

from libs.periodic import Every
from tests.helpers import eventually, stays


async def test_the_work_runs_every_turn_until_stopped():
    turns = []

    async def work():
        turns.append(len(turns))

    every = Every("counting", 0.01, work)
    await every.start()
    await eventually(lambda: _at_least(turns, 3), 2, what="three turns")
    await every.stop()
    stopped_at = len(turns)

    await stays(lambda: _at_most(turns, stopped_at), 0.2, what="no turn after stop")


async def test_a_failing_turn_does_not_end_the_loop():
    turns = []

    async def work():
        turns.append(1)
        raise ConnectionError("store down")

    every = Every("failing", 0.01, work)
    await every.start()

    await eventually(lambda: _at_least(turns, 2), 2, what="a turn after a failure")
    await every.stop()


async def test_stop_returns_even_when_the_work_swallows_the_cancellation():
    # What asyncio.wait_for does on Python 3.11 when the awaited call completes
    # as the cancellation arrives (CPython gh-86296).
    inside = asyncio.Event()

    async def work():
        if inside.is_set():
            return
        inside.set()
        try:
            await asyncio.sleep(0.2)
        except asyncio.CancelledError:
            pass

    every = Every("swallowing", 0.01, work)
    await every.start()
    await inside.wait()

    await asyncio.wait_for(every.stop(), timeout=2)


async def _at_least(turns: list, count: int) -> bool:
    return len(turns) >= count


async def _at_most(turns: list, count: int) -> bool:
    return len(turns) <= count
