"""Recording a consent: in the ledger first, then as an event for the audit views."""

from libs.events import ConsentRecorded
from services.compliance.domain.consent import Basis
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.ids import event_id
from services.compliance.ports import Evidence


async def record_consent(
    deps: Deps, tenant_id: str, customer: str, basis: Basis, evidence: Evidence
) -> None:
    """Store the consent, then publish it; a redelivery publishes the same id again."""
    await deps.consents.record_consent(tenant_id, customer, basis, evidence)
    await deps.publisher.publish(
        ConsentRecorded(
            id=event_id(
                "consent", f"{tenant_id}-{customer}-{basis}-{evidence.reference}"
            ),
            tenant_id=tenant_id,
            customer=customer,
            basis=basis,
            reference=evidence.reference,
            at=evidence.at,
            text=evidence.text,
        )
    )
