"""Start and stop the embedded NATS JetStream and MongoDB-wire (nx-27017) servers."""

import logging
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

STARTUP_TIMEOUT_SECONDS = 20.0


def free_port() -> int:
    """A TCP port on loopback that nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def _binary(name: str) -> str:
    # The binaries come with the PyPI packages, next to this interpreter.
    local = Path(sys.executable).parent / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(
            f"{name} is not installed; run `make test` or `make run`"
        )
    return found


@dataclass
class EmbeddedServer:
    """One server process with its own data directory and port."""

    data_dir: Path
    name: str = "server"
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        raise NotImplementedError

    @property
    def url(self) -> str:
        raise NotImplementedError

    def start(self) -> "EmbeddedServer":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.data_dir / f"{self.name}.log", "ab")
        self.process = subprocess.Popen(
            self.command(), stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        wait_for_port(self.port)
        logger.info(
            "started %s on port %d (pid %d)", self.name, self.port, self.process.pid
        )
        return self

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        logger.info("stopped %s", self.name)

    def kill(self) -> None:
        """Stop abruptly, as a crash would."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@dataclass
class EmbeddedNats(EmbeddedServer):
    name: str = "nats"

    def command(self) -> list[str]:
        return [
            _binary("nats-server"),
            "-js",
            "-a",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-sd",
            str(self.data_dir / "jetstream"),
            "-n",
            f"ringback-{self.port}",
        ]

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"


@dataclass
class EmbeddedMongo(EmbeddedServer):
    name: str = "nx-27017"

    def command(self) -> list[str]:
        return [
            _binary("nx-27017"),
            "--data-dir",
            str(self.data_dir / "databases"),
            "--host",
            "127.0.0.1",
            "-p",
            str(self.port),
            "--log-file",
            str(self.data_dir / "nx-27017-server.log"),
            "--pid-file",
            str(self.data_dir / "nx-27017.pid"),
        ]

    @property
    def url(self) -> str:
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"


def stop_all(servers: list[EmbeddedServer]) -> None:
    for server in reversed(servers):
        server.stop()


def env_without_proxies() -> dict[str, str]:
    """The environment for child processes: loopback must never go through a proxy."""
    env = dict(os.environ)
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env.pop(key, None)
    env["NO_PROXY"] = "127.0.0.1,localhost"
    return env
