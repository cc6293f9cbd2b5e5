"""The FastStream subscribers of text-back: payloads in, handler calls out."""

from libs.events import CallAnswered, CallMissed
from libs.runtime import Runtime
from services.textback.handlers import TextbackHandlers


def subscribe(runtime: Runtime, handlers: TextbackHandlers) -> None:
    @runtime.subscriber(CallMissed, "call-missed")
    async def on_call_missed(event: CallMissed) -> None:
        await handlers.call_missed(event)

    @runtime.subscriber(CallAnswered, "call-answered")
    async def on_call_answered(event: CallAnswered) -> None:
        await handlers.call_answered(event)
