"""The sandbox's own API (not Twilio's): the outbox, number rules, faults."""

import logging
from typing import Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from libs.phones import mask
from sandbox.state import NumberRule, SandboxMessage, SandboxState

logger = logging.getLogger(__name__)


class FaultRequest(BaseModel):
    status: Literal[429, 500, 503]
    count: int = Field(default=1, ge=1, le=10_000)
    # Instead of `count`: fail this share of every later request (0 stops it).
    rate: float | None = Field(default=None, ge=0.0, le=1.0)


class NumberRequest(BaseModel):
    number: str = Field(pattern=r"^\+\d{6,15}$")
    landline: bool = False
    unsubscribed: bool = False
    unreachable_code: Literal[30003, 30005, 30006] | None = None


def router(state: SandboxState) -> APIRouter:
    routes = APIRouter(prefix="/_sandbox", tags=["Sandbox control"])

    @routes.get("/health")
    async def health() -> dict:
        """Answers while the sandbox serves."""
        return {"status": "ok"}

    @routes.get("/messages")
    async def list_messages() -> list[dict]:
        """Every message accepted since the last clear, oldest first."""
        return [outbox_entry(m) for m in state.messages.values()]

    @routes.delete("/messages", status_code=204)
    async def clear_messages() -> Response:
        """Forget every accepted message."""
        state.messages.clear()
        return Response(status_code=204)

    @routes.post("/faults")
    async def inject_fault(fault: FaultRequest) -> dict:
        """Fail the next `count` create-message requests, or a `rate` share of them."""
        if fault.rate is not None:
            state.set_fault_rate(fault.status, fault.rate)
            logger.info(
                "will fail %.0f%% of create-message requests with %d",
                fault.rate * 100,
                fault.status,
            )
            return fault.model_dump()

        state.add_fault(fault.status, fault.count)
        logger.info(
            "will fail %d create-message requests with %d", fault.count, fault.status
        )
        return fault.model_dump()

    @routes.post("/numbers")
    async def configure_number(request: NumberRequest) -> dict:
        """Set how a number behaves: landline, unsubscribed (21610) or unreachable."""
        rule = NumberRule(
            landline=request.landline,
            unsubscribed=request.unsubscribed,
            unreachable_code=request.unreachable_code,
        )
        state.numbers[request.number] = rule
        logger.info("configured %s: %s", mask(request.number), rule)
        return request.model_dump()

    return routes


def outbox_entry(message: SandboxMessage) -> dict:
    return {
        "sid": message.sid,
        "account_sid": message.account_sid,
        "to": message.to,
        "from": message.from_,
        "messaging_service_sid": message.messaging_service_sid,
        "body": message.body,
        "status": message.status,
        "error_code": message.error_code,
        "accepted_at": message.accepted_at.isoformat(),
    }
