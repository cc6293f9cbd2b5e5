"""The whole system on one machine: servers, sandbox and every service as processes.

`make run` uses it with fixed ports; the end-to-end tests and the benchmarks
use it with free ports and a fresh namespace, and kill or restart services in
the middle of a flow.
"""

import logging
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from libs.devstack.servers import (
    EmbeddedMongo,
    EmbeddedNats,
    env_without_proxies,
    free_port,
)
from libs.settings import TwilioSettings

logger = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 30.0

# Every service of the system, in start order (consumers before producers, so
# that nothing published at start-up waits for a consumer to appear).
SERVICES = ("compliance", "textback", "concierge", "reviews", "dashboard", "ingress")


@dataclass
class Ports:
    nats: int = field(default_factory=free_port)
    mongo: int = field(default_factory=free_port)
    sandbox: int = field(default_factory=free_port)
    services: dict[str, int] = field(
        default_factory=lambda: {name: free_port() for name in SERVICES}
    )

    @classmethod
    def well_known(cls) -> "Ports":
        """The fixed ports of `make run`, which the phone simulator defaults to."""
        return cls(
            nats=4222,
            mongo=27017,
            sandbox=8099,
            services={
                "ingress": 8080,
                "compliance": 8081,
                "textback": 8082,
                "concierge": 8083,
                "reviews": 8084,
                "dashboard": 8085,
            },
        )


@dataclass
class Stack:
    data_dir: Path
    namespace: str = "rb"
    ports: Ports = field(default_factory=Ports)
    mongo_url: str | None = None
    environment: str = "development"
    extra_env: dict[str, str] = field(default_factory=dict)
    # The dashboard's provisioning key, fresh for every stack.
    admin_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.nats = EmbeddedNats(data_dir=self.data_dir / "nats", port=self.ports.nats)
        self.mongo = EmbeddedMongo(
            data_dir=self.data_dir / "mongo", port=self.ports.mongo
        )
        self.clock_file = self.data_dir / "clock-offset"
        self.twilio = TwilioSettings()

    @property
    def ingress_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.services['ingress']}"

    @property
    def dashboard_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.services['dashboard']}"

    @property
    def sandbox_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.sandbox}"

    def service_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports.services[name]}"

    def start(self) -> "Stack":
        self.start_servers()
        self.start_services()
        return self

    def start_servers(self) -> None:
        """NATS, and the MongoDB-wire server unless a real MongoDB was given."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        (self.data_dir / "logs").mkdir(exist_ok=True)
        self.nats.start()
        if self.mongo_url is None:
            self.mongo.start()
            self.mongo_url = self.mongo.url

    def start_services(self) -> None:
        self.start_process("sandbox", [sys.executable, "-m", "sandbox"])
        for name in SERVICES:
            self.start_service(name)

    def start_service(self, name: str) -> None:
        self.start_process(name, [sys.executable, "-m", f"services.{name}"])

    def start_process(self, name: str, command: list[str]) -> None:
        log = open(self.data_dir / "logs" / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(
            command, env=self._env(name), stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self._wait_ready(name)

    def kill(self, name: str) -> None:
        """Kill a service as a crash would (SIGKILL): nothing is flushed."""
        process = self.processes.pop(name)
        process.kill()
        process.wait()

    def restart(self, name: str) -> None:
        self.kill(name)
        self.start_service(name)

    def stop(self) -> None:
        # Ingress first, so nothing new comes in; then every other process at
        # once: each drains what it holds, and draining in turn is slow.
        if "ingress" in self.processes:
            self._stop_processes([self.processes.pop("ingress")])
        self._stop_processes(list(self.processes.values()))
        self.processes.clear()
        self.mongo.stop()
        self.nats.stop()

    @staticmethod
    def _stop_processes(processes: list[subprocess.Popen]) -> None:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def set_clock_offset(self, seconds: float) -> None:
        """Move every service's clock (tests of quiet hours); not in production."""
        # Written aside and renamed: a new inode, which every clock notices
        # even when two moves land within the file system's time resolution.
        written = self.clock_file.with_suffix(".next")
        written.write_text(str(seconds))
        written.replace(self.clock_file)

    def _env(self, name: str) -> dict[str, str]:
        env = env_without_proxies()
        env.update(
            {
                "ENVIRONMENT": self.environment,
                "SERVICE_NAME": name,
                "NAMESPACE": self.namespace,
                "NATS_URL": self.nats.url,
                "MONGODB_URL": self.mongo_url or "",
                "MONGODB_DATABASE": self.namespace,
                "PUBLIC_BASE_URL": self.ingress_url,
                "TWILIO_API_BASE_URL": self.sandbox_url,
                "SANDBOX_PORT": str(self.ports.sandbox),
                "CLOCK_OFFSET_FILE": str(self.clock_file),
                "LOG_JSON": "true",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if name in self.ports.services:
            env["HTTP_PORT"] = str(self.ports.services[name])
        if name == "dashboard":
            env["ADMIN_API_KEY"] = self.admin_key
            env["PUBLIC_DASHBOARD_URL"] = self.dashboard_url
        env.update(self.extra_env)
        return env

    def _wait_ready(self, name: str) -> None:
        url = (
            f"{self.sandbox_url}/_sandbox/health"
            if name == "sandbox"
            else f"{self.service_url(name)}/readyz"
        )
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                raise RuntimeError(
                    f"{name} exited at start-up; see {self.data_dir}/logs"
                )
            try:
                if httpx.get(url, timeout=1.0).status_code == 200:
                    logger.info("%s is ready", name)
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{name} not ready after {READY_TIMEOUT_SECONDS}s")
