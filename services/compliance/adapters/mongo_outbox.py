"""The outbox: one document per send request, the single source of what was sent.

The request id is the document id, so a redelivered request finds its document
instead of making a second one. Every change after the claim is conditioned on
the claim token, so a replica that lost its lease cannot overwrite the work of
the one that took over.
"""

import uuid
from datetime import datetime, timedelta

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from libs.events import SendSms
from libs.mongo_times import field, ms, stamped, unstamp
from services.compliance.domain import quiet_hours
from services.compliance.ports import (
    WAITING_STATES,
    LostClaim,
    OutboxItem,
    OutboxState,
)


def _due_filters(now: datetime) -> list[dict]:
    """One filter per state, each answered by an index (see libs.mongo_times)."""
    filters = [
        {"state": state, field("due"): {"$lte": ms(now)}} for state in WAITING_STATES
    ]
    return filters + [{"state": "sending", field("lease"): {"$lte": ms(now)}}]


def _due(now: datetime) -> dict:
    return {"$or": _due_filters(now)}


def _item(doc: dict) -> OutboxItem:
    return OutboxItem(
        request=SendSms.model_validate(doc["request"]),
        state=doc["state"],
        claim=doc.get("claim"),
        confirms_opt_out=bool(doc.get("confirms_opt_out")),
        attempts=doc.get("attempts", 0),
        failures=doc.get("failures", 0),
        created_at=doc.get("created_at"),
        give_up_at=doc.get("give_up_at"),
        in_doubt_since=unstamp(doc.get("in_doubt")),
        body=doc.get("body"),
        from_number=doc.get("from_number"),
        sid=doc.get("sid"),
        reason=doc.get("reason"),
        announced=doc.get("announce") == "done",
    )


class MongoOutbox:
    def __init__(self, db: AsyncIOMotorDatabase, give_up_after: timedelta) -> None:
        self._docs = db["outbox"]
        self._give_up_after = give_up_after

    async def prepare(self) -> None:
        await self._docs.create_index([("state", 1), (field("due"), 1)])
        await self._docs.create_index([("state", 1), (field("lease"), 1)])
        await self._docs.create_index([("announce", 1), (field("finished"), 1)])
        await self._docs.create_index("sid")
        await self._docs.create_index(
            [("tenant_id", 1), ("to", 1), ("category", 1), (field("sent"), 1)]
        )

    async def add(
        self,
        request: SendSms,
        now: datetime,
        confirms_opt_out: bool = False,
        lease_until: datetime | None = None,
    ) -> tuple[OutboxItem, bool]:
        """Store a new request; for a known id, return the stored one instead.

        With `lease_until`, a new request is stored already claimed by this
        replica: one write instead of an insert and a claim.
        """
        unsolicited = quiet_hours.is_unsolicited(request.purpose, request.in_reply_to)
        doc = {
            "_id": request.id,
            "tenant_id": request.tenant_id,
            "to": request.to,
            "purpose": request.purpose,
            "category": "unsolicited" if unsolicited else "conversational",
            "request": request.model_dump(mode="json"),
            "state": "pending",
            # When the request is due next: now, or when a hold or retry ends.
            **stamped("due", now),
            "confirms_opt_out": confirms_opt_out,
            "attempts": 0,
            "created_at": now,
            "give_up_at": now + self._give_up_after,
            "announce": "no",
        }
        if lease_until is not None:
            doc.update(
                state="sending", claim=uuid.uuid4().hex, **stamped("lease", lease_until)
            )
        try:
            await self._docs.insert_one(doc)
        except DuplicateKeyError:
            return _item(await self._docs.find_one({"_id": request.id})), False
        return _item(doc), True

    async def claim(
        self, request_id: str, now: datetime, lease_until: datetime
    ) -> OutboxItem | None:
        """Take a due request (or one a crashed replica abandoned) for this replica."""
        doc = await self._docs.find_one_and_update(
            {"_id": request_id, **_due(now)},
            {
                "$set": {
                    "state": "sending",
                    "claim": uuid.uuid4().hex,
                    **stamped("lease", lease_until),
                }
            },
            return_document=ReturnDocument.AFTER,
        )
        return _item(doc) if doc else None

    async def due(self, now: datetime, limit: int) -> list[str]:
        found: list[str] = []
        for due_filter in _due_filters(now):
            cursor = self._docs.find(due_filter, {"_id": 1}).limit(limit - len(found))
            found += [doc["_id"] for doc in await cursor.to_list(limit)]
            if len(found) >= limit:
                break
        return found

    async def unannounced(self, before: datetime, limit: int) -> list[OutboxItem]:
        """Finished requests whose outcome event was never published."""
        cursor = self._docs.find(
            {"announce": "due", field("finished"): {"$lte": ms(before)}}
        )
        return [_item(doc) for doc in await cursor.limit(limit).to_list(limit)]

    async def attempting(
        self, item: OutboxItem, body: str, from_number: str, now: datetime
    ) -> None:
        # The earliest attempt that may have reached Twilio bounds the search
        # for a message we cannot remember sending.
        item.in_doubt_since = item.in_doubt_since or now
        item.body, item.from_number = body, from_number
        await self._update(
            item,
            {
                "$set": {
                    "body": body,
                    "from_number": from_number,
                    **stamped("in_doubt", item.in_doubt_since),
                },
                "$inc": {"attempts": 1},
            },
        )
        item.attempts += 1

    async def sent(self, item: OutboxItem, sid: str, now: datetime) -> None:
        await self._update(
            item,
            {
                "$set": {
                    **self._final("sent", "sent", now),
                    "sid": sid,
                    **stamped("sent", now),
                }
            },
        )

    async def hold(
        self, item: OutboxItem, state: OutboxState, until: datetime, reason: str
    ) -> None:
        await self._update(
            item,
            {"$set": {"state": state, **stamped("due", until), "reason": reason}},
        )

    async def finish(
        self, item: OutboxItem, state: OutboxState, reason: str, now: datetime
    ) -> None:
        await self._update(item, {"$set": self._final(state, reason, now)})

    async def retry(self, item: OutboxItem, until: datetime, reason: str) -> None:
        await self._update(
            item,
            {
                "$set": {
                    "state": "retrying",
                    **stamped("due", until),
                    "reason": reason,
                },
                "$inc": {"failures": 1},
            },
        )
        item.failures += 1

    async def announced(self, request_id: str) -> None:
        await self._docs.update_one({"_id": request_id}, {"$set": {"announce": "done"}})

    async def delivery(
        self, sid: str, status: str, error_code: int | None, now: datetime
    ) -> OutboxItem | None:
        doc = await self._docs.find_one_and_update(
            {"sid": sid},
            {
                "$set": {
                    "delivery_status": status,
                    "delivery_error": error_code,
                    **stamped("delivery", now),
                }
            },
        )
        return _item(doc) if doc else None

    async def unsolicited_sent(
        self, tenant_id: str, to: str, since: datetime
    ) -> list[datetime]:
        cursor = self._docs.find(
            {
                "tenant_id": tenant_id,
                "to": to,
                "category": "unsolicited",
                "state": "sent",
                field("sent"): {"$gte": ms(since)},
            },
            {"sent": 1},
        )
        return [unstamp(doc["sent"]) for doc in await cursor.to_list(None)]

    def _final(self, state: OutboxState, reason: str, now: datetime) -> dict:
        return {
            "state": state,
            "reason": reason,
            **stamped("finished", now),
            "announce": "due",
            **stamped("in_doubt", None),
        }

    async def _update(self, item: OutboxItem, change: dict) -> None:
        result = await self._docs.update_one(
            {"_id": item.request.id, "claim": item.claim}, change
        )
        if result.matched_count == 0:
            raise LostClaim(item.request.id)
