"""Twilio's messaging webhooks: thin routes over the pipeline and the handlers."""

from fastapi import APIRouter, Request, Response

from services.ingress import handlers, paths
from services.ingress.pipeline import TwiML

router = APIRouter(tags=["sms"], default_response_class=TwiML)


@router.post(paths.SMS_INCOMING)
async def incoming(request: Request) -> Response:
    """A text reached a business number: a customer's, or the owner's own."""
    return await request.app.state.pipeline.handle(request, handlers.SMS_INCOMING)


@router.post(paths.SMS_STATUS)
async def status(request: Request) -> Response:
    """Twilio reports how a message we sent fared (sent, delivered, failed...)."""
    return await request.app.state.pipeline.handle(request, handlers.SMS_STATUS)
