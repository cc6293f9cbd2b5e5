"""Ingress alone: signed missed-call webhooks per second, and their latency.

Starts its own embedded NATS in a temporary directory, seeds one tenant with a
forwarded number, runs ingress in this process under uvicorn (one process, as
the budget says: 1,000 webhooks/s, p99 under 50 ms), and drives it from a
separate load-generator process over kept-alive HTTP/1.1 connections. Prints
the machine, the load, the throughput, the latency percentiles and the loss,
and exits 1 on any loss.

    .venv/bin/python benchmarks/ingress_webhooks.py --rate 1000   # the budget
    .venv/bin/python benchmarks/ingress_webhooks.py   # closed loop: the ceiling

On a machine with at least two cores, ingress is pinned to core 0 and the load
generator and NATS to the others, so they do not take the server's core.
"""

import argparse
import asyncio
import cProfile
import logging
import multiprocessing
import os
import platform
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import uvicorn
import uvloop
from raw_http import Connection, webhook_request
from twilio.request_validator import RequestValidator

from libs import logs
from libs.devstack.servers import EmbeddedNats, free_port
from libs.directory import TenantWriter, open_bucket
from libs.tenants import BusinessIdentity, TenantConfig, TwilioNumber
from services.ingress.bootstrap import build
from services.ingress.config import Settings

PATH = "/twilio/voice/incoming"
ACCOUNT = "AC" + "b" * 32
TOKEN = "benchmark-auth-token"
BUSINESS = "+14165550100"
SERVER_CORE = 0


def tenant() -> TenantConfig:
    return TenantConfig(
        tenant_id="bench",
        identity=BusinessIdentity(
            name="Bench Plumbing", mailing_address="1 Bench St", phone="+14165550199"
        ),
        numbers=[TwilioNumber(number=BUSINESS, mode="forwarded")],
        revision=1,
    )


def signed_requests(url: str, count: int) -> list[tuple[bytes, str]]:
    """Bodies and signatures of `count` distinct missed calls, made before timing."""
    validator = RequestValidator(TOKEN)
    requests = []
    for i in range(count):
        params = {
            "AccountSid": ACCOUNT,
            "ApiVersion": "2010-04-01",
            "CallSid": "CA" + uuid.uuid4().hex,
            "CallStatus": "ringing",
            "Direction": "inbound",
            "From": f"+1416{2000000 + i % 8000000:07d}",
            "To": BUSINESS,
        }
        signature = validator.compute_signature(url, params)
        requests.append((urlencode(params).encode(), signature))
    return requests


class Sender:
    """Posts signed webhooks over `connections` kept-alive connections, timing each."""

    def __init__(self, url: str, connections: int) -> None:
        self.url = url
        self.latencies: list[float] = []
        self.statuses: list[int] = []
        parts = urlsplit(url)
        self._path, self._host = parts.path, parts.netloc
        self._idle: asyncio.Queue[Connection] = asyncio.Queue()
        for _ in range(connections):
            self._idle.put_nowait(Connection(parts.hostname, parts.port))

    async def post(self, body: bytes, signature: str, since: float) -> None:
        request = webhook_request(self._path, self._host, body, signature)
        connection = await self._idle.get()
        try:
            status = await connection.post(request)
        finally:
            self._idle.put_nowait(connection)
        self.latencies.append(time.perf_counter() - since)
        self.statuses.append(status)

    async def closed_loop(self, requests: list, workers: int) -> None:
        queue = list(reversed(requests))

        async def worker() -> None:
            while queue:
                await self.post(*queue.pop(), since=time.perf_counter())

        await asyncio.gather(*(worker() for _ in range(workers)))

    async def open_loop(self, requests: list, rate: float) -> None:
        # One pacing loop starts each request when it is due. Creating every
        # task up front instead took the generator ~100 ms, and the requests
        # due meanwhile were counted late.
        start = time.perf_counter()
        in_flight = []
        for index, (body, signature) in enumerate(requests):
            due = start + index / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            # Latency counts from when the request was due, so a stalled server
            # cannot hide the requests it delayed (coordinated omission).
            in_flight.append(asyncio.create_task(self.post(body, signature, due)))
        await asyncio.gather(*in_flight)

    def ok(self) -> int:
        return sum(200 <= status < 300 for status in self.statuses)

    async def aclose(self) -> None:
        while not self._idle.empty():
            await self._idle.get_nowait().aclose()


async def drive(url: str, count: int, concurrency: int, rate: float) -> dict:
    """Send every request; closed loop, or open loop at `rate` per second."""
    requests = signed_requests(url, count + concurrency * 4)
    warmup, timed = requests[: concurrency * 4], requests[concurrency * 4 :]
    sender = Sender(url, concurrency)
    await sender.closed_loop(warmup, concurrency)
    warmup_ok = sender.ok()
    sender.latencies.clear()
    sender.statuses.clear()

    began, cpu_before = time.perf_counter(), cpu_seconds()
    if rate > 0:
        await sender.open_loop(timed, rate)
    else:
        await sender.closed_loop(timed, concurrency)
    elapsed, cpu = time.perf_counter() - began, cpu_seconds() - cpu_before
    await sender.aclose()

    return {
        "sent": len(requests),
        "ok": warmup_ok + sender.ok(),
        "timed": len(timed),
        "elapsed": elapsed,
        "latencies": sorted(sender.latencies),
        "generator_cpu": cpu,
    }


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def load_generator(url, count, concurrency, rate, cores, results) -> None:
    if cores:
        os.sched_setaffinity(0, cores)
    results.send(uvloop.run(drive(url, count, concurrency, rate)))


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def seed(runtime) -> None:
    writer = TenantWriter(await open_bucket(runtime.broker.connection, runtime.names))
    await writer.put(tenant())
    await runtime.directory.wait_for("bench", 1)


async def run(args: argparse.Namespace, nats: EmbeddedNats, workdir: Path) -> int:
    port = free_port()
    settings = Settings(
        environment="test",
        nats_url=nats.url,
        namespace="bench" + uuid.uuid4().hex[:8],
        http_port=port,
        public_base_url=f"http://127.0.0.1:{port}",
        twilio_account_sid=ACCOUNT,
        twilio_auth_token=TOKEN,
    )
    # Log as in production (one JSON line per webhook), into a file.
    logs.setup(settings.service_name, "INFO", json_lines=True)
    logging.getLogger().handlers[0].setStream(open(workdir / "ingress.log", "w"))

    runtime, app = build(settings)
    await runtime.start()
    await seed(runtime)
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_config=None, lifespan="off"
        )
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)

    others = sorted(set(range(os.cpu_count())) - {SERVER_CORE}) if args.pin else []
    receive, send = multiprocessing.Pipe(duplex=False)
    generator = multiprocessing.get_context("spawn").Process(
        target=load_generator,
        args=(settings.public_base_url + PATH, args.count, args.concurrency, args.rate),
        kwargs={"cores": set(others), "results": send},
    )
    cpu_before = cpu_seconds()
    generator.start()
    result = await asyncio.to_thread(receive.recv)
    cpu = cpu_seconds() - cpu_before
    generator.join()

    js = runtime.broker.connection.jetstream()
    stored = (await js.stream_info(runtime.names.events_stream)).state.messages
    server.should_exit = True
    await serving
    await runtime.stop()
    return report(args, result, stored, cpu, others)


def report(args, result: dict, stored: int, cpu: float, others: list[int]) -> int:
    ordered, sent, timed = result["latencies"], result["sent"], result["timed"]
    lost, refused = sent - stored, sent - result["ok"]
    mode = f"open loop at {args.rate:g}/s" if args.rate > 0 else "closed loop"
    where = f"ingress on core {SERVER_CORE}, load generator and NATS on {others}"
    shares = (("p50", 0.5), ("p95", 0.95), ("p99", 0.99), ("max", 1.0))
    lines = [
        f"machine     {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, load before the run {args.load:.2f}",
        f"placement   {where if others else 'no pinning: every process on every core'}",
        "server      one process: uvicorn with httptools on uvloop, as in production",
        f"load        {timed} signed missed-call webhooks, {mode}, "
        f"{args.concurrency} connections, after {sent - timed} for warm-up",
        f"throughput  {timed / result['elapsed']:,.0f} webhooks/s "
        f"over {result['elapsed']:.2f} s",
        "latency ms  "
        + "  ".join(f"{n} {percentile(ordered, q) * 1000:.1f}" for n, q in shares),
        f"server cpu  {cpu / sent * 1e6:.0f} µs a webhook: "
        f"{sent / cpu:,.0f}/s if it had a core to itself",
        f"load cpu    {result['generator_cpu'] / result['elapsed']:.0%} of a core",
        f"loss        sent {sent}, answered 2xx {result['ok']}, stored {stored}: "
        f"lost {lost}, refused {refused}",
    ]
    print("\n".join(lines))
    return 1 if lost or refused else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument(
        "--rate", type=float, default=0.0, help="per second; 0: closed loop"
    )
    parser.add_argument("--no-pin", dest="pin", action="store_false")
    parser.add_argument("--profile", help="write the server's cProfile stats here")
    args = parser.parse_args()
    args.pin = args.pin and len(os.sched_getaffinity(0)) >= 2
    # Other work on the machine takes cores from the benchmark: say how much.
    args.load = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="ringback-bench-") as workdir:
        # Children inherit the affinity of the thread that starts them.
        if args.pin:
            os.sched_setaffinity(0, os.sched_getaffinity(0) - {SERVER_CORE})
        nats = EmbeddedNats(data_dir=Path(workdir) / "nats").start()
        try:
            if args.pin:
                os.sched_setaffinity(0, {SERVER_CORE})
            if not args.profile:
                return uvloop.run(run(args, nats, Path(workdir)))
            with cProfile.Profile() as profile:
                code = uvloop.run(run(args, nats, Path(workdir)))
            profile.dump_stats(args.profile)
            return code
        finally:
            nats.stop()


if __name__ == "__main__":
    sys.exit(main())
