"""The FastStream subscribers of the concierge: payloads in, handler calls out."""

from libs.events import (
    CustomerMessageAccepted,
    OptedIn,
    OptedOut,
    OwnerSmsReceived,
    ThreadGiveBackRequested,
    ThreadTakeOverRequested,
)
from libs.runtime import Runtime
from services.concierge.handlers.customer import CustomerTexts
from services.concierge.handlers.lifecycle import ThreadLifecycle
from services.concierge.handlers.owner import OwnerTexts


def subscribe(
    runtime: Runtime,
    customers: CustomerTexts,
    owners: OwnerTexts,
    lifecycle: ThreadLifecycle,
) -> None:
    @runtime.subscriber(CustomerMessageAccepted, "customer-texts")
    async def on_customer_text(event: CustomerMessageAccepted) -> None:
        await customers.handle(event)

    @runtime.subscriber(OwnerSmsReceived, "owner-texts", workers=4)
    async def on_owner_text(event: OwnerSmsReceived) -> None:
        await owners.handle(event)

    @runtime.subscriber(OptedOut, "opted-out", workers=4)
    async def on_opted_out(event: OptedOut) -> None:
        await lifecycle.opted_out(event)

    @runtime.subscriber(OptedIn, "opted-in", workers=4)
    async def on_opted_in(event: OptedIn) -> None:
        await lifecycle.opted_in(event)

    @runtime.subscriber(ThreadTakeOverRequested, "take-over", workers=4)
    async def on_take_over(command: ThreadTakeOverRequested) -> None:
        await lifecycle.take_over(command)

    @runtime.subscriber(ThreadGiveBackRequested, "give-back", workers=4)
    async def on_give_back(command: ThreadGiveBackRequested) -> None:
        await lifecycle.give_back(command)
