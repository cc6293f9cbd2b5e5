"""Twilio's voice webhooks: thin routes over the pipeline and the handlers."""

from fastapi import APIRouter, Request, Response

from services.ingress import handlers, paths
from services.ingress.pipeline import TwiML

router = APIRouter(tags=["voice"], default_response_class=TwiML)


async def _handle(request: Request, webhook: handlers.Webhook) -> Response:
    return await request.app.state.pipeline.handle(request, webhook)


@router.post(paths.VOICE_INCOMING)
async def incoming(request: Request) -> Response:
    """A call reached a business number: ring the owner, or apologise and record."""
    return await _handle(request, handlers.INCOMING_CALL)


@router.post(paths.DIAL_RESULT)
async def dial_result(request: Request) -> Response:
    """The owner's phone rang out: a miss unless someone accepted the call."""
    return await _handle(request, handlers.DIAL_RESULT)


@router.post(paths.WHISPER)
async def whisper(request: Request) -> Response:
    """The owner picked up: ask them to press a key to take the call."""
    return await _handle(request, handlers.WHISPER)


@router.post(paths.WHISPER_ACCEPTED)
async def whisper_accepted(request: Request) -> Response:
    """The owner pressed a key: a person took the call."""
    return await _handle(request, handlers.WHISPER_ACCEPTED)


@router.post(paths.WHISPER_DECLINED)
async def whisper_declined(request: Request) -> Response:
    """No key was pressed (a voicemail box, or the owner let it go): a miss."""
    return await _handle(request, handlers.WHISPER_DECLINED)


@router.post(paths.VOICEMAIL)
async def voicemail(request: Request) -> Response:
    """The caller left a voicemail after a miss."""
    return await _handle(request, handlers.VOICEMAIL)


@router.post(paths.VOICE_STATUS)
async def status(request: Request) -> Response:
    """Call progress from Twilio: checked and acknowledged, nothing published."""
    return await _handle(request, handlers.CALL_STATUS)
