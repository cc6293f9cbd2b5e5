"""Opt-out state and the append-only consent ledger, in MongoDB.

`opt_outs` holds one document per (tenant, customer): whether they are opted
out now. `latest_consents` holds, per (tenant, customer), the latest consent of
each basis, so the gate reads one document instead of searching the ledger.
`consent_ledger` keeps every consent, opt-out and opt-in with
its evidence, never updated, for audits; an entry's id is derived from its
evidence, so recording the same fact twice stores it once.
"""

from motor.motor_asyncio import AsyncIOMotorDatabase
from pymongo.errors import DuplicateKeyError

from libs.mongo_times import field, ms, stamp, stamped, unstamp
from services.compliance.domain.consent import Basis, ConsentRecord
from services.compliance.ports import Evidence, OptOutOutcome, OptOutState

BASES: tuple[Basis, ...] = ("call", "text", "job", "express")


def _key(tenant_id: str, customer: str) -> str:
    return f"{tenant_id}:{customer}"


def _latest(basis: str) -> str:
    return f"latest_{basis}"


class MongoConsentStore:
    def __init__(self, db: AsyncIOMotorDatabase) -> None:
        self._states = db["opt_outs"]
        self._ledger = db["consent_ledger"]
        self._latest = db["latest_consents"]

    async def prepare(self) -> None:
        await self._ledger.create_index(
            [("tenant_id", 1), ("customer", 1), ("kind", 1), ("basis", 1), ("at", -1)]
        )
        # Create the collections at start-up rather than on the first write.
        await self._states.create_index("tenant_id")
        await self._latest.create_index("tenant_id")

    async def state(self, tenant_id: str, customer: str) -> OptOutState:
        doc = await self._states.find_one({"_id": _key(tenant_id, customer)})
        if doc is None:
            return OptOutState()
        return OptOutState(
            opted_out=bool(doc.get("opted_out")),
            since=unstamp(doc.get("since")),
            started_by=doc.get("started_by"),
        )

    async def record_opt_out(
        self, tenant_id: str, customer: str, source: str, evidence: Evidence
    ) -> OptOutOutcome:
        # The ledger first: the audit trail keeps every opt-out, repeated or not.
        await self._append(tenant_id, customer, "opt_out", source, evidence)

        # Only a customer who is not opted out matches; for one who is, the
        # upsert collides with their document, which tells us the episode is old.
        try:
            await self._states.update_one(
                {"_id": _key(tenant_id, customer), "opted_out": {"$ne": True}},
                {
                    "$set": {
                        "tenant_id": tenant_id,
                        "customer": customer,
                        "opted_out": True,
                        "since": stamp(evidence.at),
                        "source": source,
                        "started_by": evidence.reference,
                    }
                },
                upsert=True,
            )
        except DuplicateKeyError:
            current = await self.state(tenant_id, customer)
            return OptOutOutcome(False, current.started_by or evidence.reference)
        return OptOutOutcome(True, evidence.reference)

    async def record_opt_in(
        self, tenant_id: str, customer: str, evidence: Evidence
    ) -> bool:
        """Record express consent; True when it ended an opt-out."""
        await self._append(tenant_id, customer, "consent", "express", evidence)
        await self._raise_latest(tenant_id, customer, "express", evidence)
        result = await self._states.update_one(
            {"_id": _key(tenant_id, customer), "opted_out": True},
            {"$set": {"opted_out": False, "opted_in_at": stamp(evidence.at)}},
        )
        return result.modified_count > 0

    async def record_consent(
        self, tenant_id: str, customer: str, basis: Basis, evidence: Evidence
    ) -> None:
        await self._append(tenant_id, customer, "consent", basis, evidence)
        await self._raise_latest(tenant_id, customer, basis, evidence)

    async def consents(self, tenant_id: str, customer: str) -> list[ConsentRecord]:
        """The latest record of each basis: older ones of a basis expire first."""
        doc = await self._latest.find_one({"_id": _key(tenant_id, customer)}) or {}
        return [
            ConsentRecord(basis, unstamp(doc[_latest(basis)]))
            for basis in BASES
            if doc.get(_latest(basis))
        ]

    async def _raise_latest(
        self, tenant_id: str, customer: str, basis: str, evidence: Evidence
    ) -> None:
        # Move the basis forward only: a late redelivery must not rewind it. A
        # document holding a later time makes the upsert collide, as intended.
        name = _latest(basis)
        try:
            await self._latest.update_one(
                {
                    "_id": _key(tenant_id, customer),
                    "$or": [
                        {field(name): {"$lt": ms(evidence.at)}},
                        {field(name): {"$exists": False}},
                    ],
                },
                {
                    "$set": {
                        "tenant_id": tenant_id,
                        "customer": customer,
                        **stamped(name, evidence.at),
                    }
                },
                upsert=True,
            )
        except DuplicateKeyError:
            pass

    async def _append(
        self, tenant_id: str, customer: str, kind: str, basis: str, evidence: Evidence
    ) -> None:
        entry = {
            "_id": f"{kind}:{tenant_id}:{customer}:{basis}:{evidence.reference}",
            "tenant_id": tenant_id,
            "customer": customer,
            "kind": kind,
            # The basis of a consent, or the source of an opt-out.
            "basis": basis,
            "reference": evidence.reference,
            "at": evidence.at,
            "text": evidence.text,
        }
        try:
            await self._ledger.insert_one(entry)
        except DuplicateKeyError:
            pass
