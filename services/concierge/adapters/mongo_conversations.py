"""Conversations in MongoDB: one document per thread, one per message or effect.

Messages are documents of their own rather than an array in the thread: the
embedded nx-27017 server cannot $push sub-documents, and a thread that grows
forever does not belong in one document anyway.
"""

from typing import Any

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo import ReturnDocument
from pymongo.errors import DuplicateKeyError

from services.concierge.ports import Conversation, Entry


def _ms(moment) -> int:
    return int(moment.timestamp() * 1000)


class MongoConversations:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._threads = db["conversations"]
        self._entries = db["entries"]

    async def prepare(self) -> None:
        await self._threads.create_index([("tenant_id", 1), ("mode", 1)])
        await self._entries.create_index([("tenant_id", 1), ("answers", 1)])
        await self._entries.create_index(
            [("tenant_id", 1), ("customer", 1), ("at_ms", -1)]
        )

    async def add_inbound(self, entry: Entry) -> bool:
        try:
            await self._entries.insert_one(_entry_document(entry))
        except DuplicateKeyError:
            return False
        return True

    async def effects_of(self, tenant_id: str, answers: str) -> list[str]:
        cursor = self._entries.find(
            {"tenant_id": tenant_id, "answers": answers}, {"payload": 1, "seq": 1}
        )
        found = await cursor.sort("seq", 1).to_list(length=None)
        return [d["payload"] for d in found if d.get("payload")]

    async def load(self, tenant_id: str, customer: str) -> Conversation | None:
        found = await self._threads.find_one({"_id": f"{tenant_id}:{customer}"})
        return _conversation(found) if found else None

    async def save(self, conversation: Conversation) -> bool:
        fields = _thread_fields(conversation)
        version = conversation.version
        if version == 0:
            try:
                await self._threads.insert_one(
                    {"_id": conversation.key, **fields, "version": 1}
                )
            except DuplicateKeyError:
                return False
        else:
            saved = await self._threads.find_one_and_update(
                {"_id": conversation.key, "version": version},
                {"$set": {**fields, "version": version + 1}},
                projection={"_id": 1},
                return_document=ReturnDocument.AFTER,
            )
            if saved is None:
                return False
        conversation.version = version + 1
        return True

    async def add_outgoing(self, entries: list[Entry]) -> None:
        documents = [_entry_document(e, seq) for seq, e in enumerate(entries)]
        try:
            await self._entries.insert_many(documents, ordered=False)
        except Exception as error:
            # A redelivered turn stores the same ids again: those are already there.
            if not _only_duplicates(error):
                raise

    async def transcript(
        self, tenant_id: str, customer: str, limit: int
    ) -> list[Entry]:
        cursor = self._entries.find({"tenant_id": tenant_id, "customer": customer})
        found = await cursor.sort("at_ms", -1).limit(limit).to_list(length=None)
        return [_entry(d) for d in reversed(found)]

    async def with_owner(self, tenant_id: str) -> list[Conversation]:
        cursor = self._threads.find({"tenant_id": tenant_id, "mode": "owner"})
        found = [_conversation(d) for d in await cursor.to_list(length=None)]
        return sorted(found, key=lambda c: c.thread_number or 0)


def _thread_fields(conversation: Conversation) -> dict[str, Any]:
    at = conversation.last_customer_at
    return {
        "tenant_id": conversation.tenant_id,
        "customer": conversation.customer,
        "language": conversation.language,
        "mode": conversation.mode,
        "business_number": conversation.business_number,
        "state": conversation.state,
        "thread_number": conversation.thread_number,
        "handoff_reason": conversation.handoff_reason,
        "last_customer_sid": conversation.last_customer_sid,
        # Written by updates: a date inside a sub-document stays a date on nx-27017.
        "last_customer": {"at": at} if at else None,
    }


def _conversation(document: dict[str, Any]) -> Conversation:
    last = document.get("last_customer")
    return Conversation(
        tenant_id=document["tenant_id"],
        customer=document["customer"],
        language=document["language"],
        mode=document["mode"],
        business_number=document.get("business_number"),
        state=document.get("state") or {},
        thread_number=document.get("thread_number"),
        handoff_reason=document.get("handoff_reason"),
        last_customer_sid=document.get("last_customer_sid"),
        last_customer_at=last["at"] if last else None,
        version=document["version"],
    )


def _entry_document(entry: Entry, seq: int = 0) -> dict[str, Any]:
    return {
        "_id": entry.id,
        "tenant_id": entry.tenant_id,
        "customer": entry.customer,
        "at": entry.at,
        "at_ms": _ms(entry.at),
        "seq": seq,
        "author": entry.author,
        "body": entry.body,
        "answers": entry.answers,
        "payload": entry.payload,
    }


def _entry(document: dict[str, Any]) -> Entry:
    return Entry(
        id=document["_id"],
        tenant_id=document["tenant_id"],
        customer=document["customer"],
        at=document["at"],
        author=document["author"],
        body=document["body"],
        answers=document.get("answers"),
        payload=document.get("payload"),
    )


def _only_duplicates(error: Exception) -> bool:
    details = getattr(error, "details", None) or {}
    errors = details.get("writeErrors", [])
    return bool(errors) and all(e.get("code") == 11000 for e in errors)
