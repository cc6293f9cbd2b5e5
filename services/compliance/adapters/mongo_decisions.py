"""Every gate decision with its reason: the record an audit asks for."""

from datetime import datetime

from motor.motor_asyncio import AsyncIOMotorDatabase

from services.compliance.domain.gate import Decision
from services.compliance.ports import OutboxItem


class MongoDecisionLog:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._decisions = db["gate_decisions"]

    async def prepare(self) -> None:
        await self._decisions.create_index("request_id")
        await self._decisions.create_index([("tenant_id", 1), ("at", 1)])

    async def record(self, item: OutboxItem, decision: Decision, at: datetime) -> None:
        request = item.request
        await self._decisions.insert_one(
            {
                "request_id": request.id,
                "tenant_id": request.tenant_id,
                "to": request.to,
                "purpose": request.purpose,
                "action": decision.action,
                "reason": decision.reason,
                "not_before": decision.not_before,
                "body": decision.body,
                "segments": decision.segments,
                "attempt": item.attempts,
                "at": at,
            }
        )
