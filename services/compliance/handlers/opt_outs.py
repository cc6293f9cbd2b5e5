"""Recording an opt-out, whatever told us: a keyword, a phrase or the carrier."""

import logging

from libs.events import OptedOut
from libs.phones import mask
from services.compliance.handlers.deps import Deps
from services.compliance.handlers.ids import event_id
from services.compliance.metrics import OPT_OUTS
from services.compliance.ports import Evidence, OptOutOutcome

logger = logging.getLogger(__name__)


async def record_opt_out(
    deps: Deps, tenant_id: str, customer: str, source: str, evidence: Evidence
) -> OptOutOutcome:
    """Store the opt-out first, then tell the other services."""
    outcome = await deps.consents.record_opt_out(tenant_id, customer, source, evidence)

    # A repeated opt-out changes nothing; a redelivered one may still owe its event.
    if outcome.new_episode or outcome.started_by == evidence.reference:
        await deps.publisher.publish(
            OptedOut(
                id=event_id("opted-out", f"{tenant_id}-{evidence.reference}"),
                tenant_id=tenant_id,
                customer=customer,
                source=source,
                evidence=describe(evidence),
            )
        )
    if outcome.new_episode:
        OPT_OUTS.labels(source).inc()
        logger.info(
            "%s opted out of %s's texts (%s)", mask(customer), tenant_id, source
        )
    return outcome


def describe(evidence: Evidence) -> str:
    if evidence.text is None:
        return evidence.reference
    return f'{evidence.reference}: "{evidence.text}"'
