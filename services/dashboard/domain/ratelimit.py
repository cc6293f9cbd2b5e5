"""Token buckets: each key may spend a burst, then `rate` requests per second.

The buckets live in this process: with several replicas behind a load
balancer, a key gets each replica's allowance. That is acceptable while the
limit guards against runaway scripts rather than enforcing a contract; a shared
limit would need a counter in NATS or Redis.
"""

import time
from collections import OrderedDict
from collections.abc import Callable

# Keys seen recently; the oldest bucket goes first when a flood of distinct
# keys (or addresses) would otherwise grow the table without bound.
MAX_BUCKETS = 10_000


class RateLimiter:
    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, key: str) -> float:
        """Spend one token of `key`: 0 when allowed, else seconds until the next one."""
        now = self._clock()
        tokens, then = self._buckets.pop(key, (self._burst, now))
        tokens = min(self._burst, tokens + (now - then) * self._rate)

        if tokens >= 1:
            self._remember(key, tokens - 1, now)
            return 0.0
        self._remember(key, tokens, now)
        return (1 - tokens) / self._rate

    def _remember(self, key: str, tokens: float, now: float) -> None:
        self._buckets[key] = (tokens, now)
        if len(self._buckets) > MAX_BUCKETS:
            self._buckets.popitem(last=False)
