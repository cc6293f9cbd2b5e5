"""A whole stack of processes for the operational tests, and a real Prometheus."""

import asyncio
import os
import random
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest
import yaml

from libs.devstack.demo import seed
from libs.devstack.servers import env_without_proxies, free_port
from libs.devstack.stack import Stack
from libs.phones import facts
from sandbox.simulator import PhoneSimulator
from tests.factories import tenant


def fresh_callers(count: int) -> list[str]:
    """Distinct Toronto numbers that can receive SMS, unlike any other test's."""
    found: set[str] = set()
    while len(found) < count:
        candidate = f"+1416{random.randint(2000000, 9999999)}"
        known = facts(candidate)
        if known and known.can_receive_sms:
            found.add(candidate)
    return sorted(found)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    if os.environ.get("MONGODB_URL"):
        pytest.skip("stops and restarts services against the embedded servers only")
    namespace = "o" + uuid.uuid4().hex[:10]
    system = Stack(
        data_dir=tmp_path_factory.mktemp("ops-stack"),
        namespace=namespace,
        environment="test",
    )
    system.start_servers()
    asyncio.run(seed(system.nats.url, namespace, tenant()))
    try:
        system.start_services()
        yield system
    finally:
        system.stop()


@pytest.fixture
async def phone(stack):
    limits = httpx.Limits(max_connections=50)
    async with httpx.AsyncClient(timeout=15, limits=limits) as client:
        yield PhoneSimulator(
            ingress_url=stack.ingress_url,
            public_base_url=stack.ingress_url,
            auth_token=stack.twilio.twilio_auth_token.get_secret_value(),
            account_sid=stack.twilio.twilio_account_sid,
            client=client,
        )


@pytest.fixture
async def sandbox(stack):
    async with httpx.AsyncClient(base_url=stack.sandbox_url, timeout=10) as client:
        yield client


def prometheus_config(stack: Stack) -> dict:
    """Every service of `stack` as its own job, scraped every second."""
    return {
        "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
        "scrape_configs": [
            {
                "job_name": name,
                "static_configs": [{"targets": [f"127.0.0.1:{port}"]}],
            }
            for name, port in stack.ports.services.items()
        ],
    }


@pytest.fixture(scope="module")
def prometheus(stack, tmp_path_factory):
    """A real Prometheus (Debian package) scraping `stack`; its HTTP API's URL."""
    from tests.ops.deploy_files import promtool

    promtool()  # skips, with the reason, where the package is missing
    workdir: Path = tmp_path_factory.mktemp("prometheus")
    config = workdir / "prometheus.yml"
    config.write_text(yaml.safe_dump(prometheus_config(stack)))
    port = free_port()
    log = open(workdir / "prometheus.log", "ab")
    process = subprocess.Popen(
        [
            "prometheus",
            f"--config.file={config}",
            f"--storage.tsdb.path={workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{port}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env_without_proxies(),
    )
    log.close()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
