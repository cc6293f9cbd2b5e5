"""Serve an ASGI app on loopback as a task of the running event loop.

Tests and the development stack use it to run the sandbox (or a fake webhook
receiver) next to the code under test, on a port nobody else holds.
"""

import asyncio
import contextlib
import socket
import time

import uvicorn

STARTUP_TIMEOUT_SECONDS = 10.0


class _Server(uvicorn.Server):
    # The process (pytest, the devstack) owns its signals, not this server.
    @contextlib.contextmanager
    def capture_signals(self):
        yield


class BackgroundServer:
    """An ASGI app served by uvicorn in the current event loop.

    `async with BackgroundServer(app) as server:` serves it at `server.url`
    until the block ends.
    """

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0) -> None:
        self._app = app
        self._host = host
        self._port = port
        self._server: _Server | None = None
        self._task: asyncio.Task | None = None
        self.url = ""

    async def start(self) -> "BackgroundServer":
        # Binding the socket here, not in uvicorn, makes port 0 safe: the port is
        # ours before anyone learns its number.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self._host, self._port))
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app,
            # Logging belongs to the process (libs.logs.setup), not to this server.
            log_config=None,
            access_log=False,
            lifespan="on",
            timeout_graceful_shutdown=2,
        )
        self._server = _Server(config)
        self._task = asyncio.create_task(self._server.serve(sockets=[sock]))
        await self._wait_until_started()
        self.url = f"http://{self._host}:{port}"
        return self

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        self._server.should_exit = True
        await self._task
        self._server = self._task = None

    async def _wait_until_started(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise RuntimeError("the server stopped before it started")
            if time.monotonic() > deadline:
                raise TimeoutError("the server did not start in time")
            await asyncio.sleep(0.01)

    async def __aenter__(self) -> "BackgroundServer":
        return await self.start()

    async def __aexit__(self, *_) -> None:
        await self.stop()
