"""Receives status callbacks through httpx.MockTransport and keeps them."""

from dataclasses import dataclass, field
from urllib.parse import parse_qsl

import httpx


@dataclass
class Callback:
    url: str
    form: dict[str, str]
    signature: str


@dataclass
class CallbackRecorder:
    received: list[Callback] = field(default_factory=list)
    # Answer this status to the callbacks (500: a receiver that fails).
    status_code: int = 204
    refuse_connections: bool = False

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def statuses(self, sid: str) -> list[str]:
        return [
            c.form["MessageStatus"]
            for c in self.received
            if c.form["MessageSid"] == sid
        ]

    def _handle(self, request: httpx.Request) -> httpx.Response:
        if self.refuse_connections:
            raise httpx.ConnectError("connection refused", request=request)
        self.received.append(
            Callback(
                url=str(request.url),
                form=dict(parse_qsl(request.content.decode())),
                signature=request.headers["X-Twilio-Signature"],
            )
        )
        return httpx.Response(self.status_code)
