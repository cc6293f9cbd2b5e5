"""Every webhook goes through the same checks, in the same order, before it counts.

size (413) -> form (422) -> tenant by business number (404) -> signature (403)
-> publish (503) -> TwiML (200). Each check raises `Rejected`, and the event is
published only once every check has passed, so a refused request publishes
nothing.
"""

import logging
import time
from datetime import UTC, datetime
from typing import Protocol, TypeVar
from urllib.parse import parse_qsl

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError

from libs.bus import PublishFailed
from libs.events import Message
from libs.phones import mask
from libs.tenants import TenantConfig, TwilioNumber
from services.ingress.config import Settings
from services.ingress.handlers import Hook, Webhook
from services.ingress.metrics import EVENTS_PUBLISHED, WEBHOOK_DURATION, WEBHOOKS
from services.ingress.normalise import party
from services.ingress.signature import SignatureChecker

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# Twilio sends about twenty parameters, forty with ten media.
MAX_FORM_FIELDS = 200

Model = TypeVar("Model", bound=BaseModel)


class Publisher(Protocol):
    async def publish(self, message: Message) -> bool: ...


class Directory(Protocol):
    def by_number(self, e164: str) -> TenantConfig | None: ...


class TwiML(Response):
    media_type = "application/xml"


class Rejected(Exception):
    """A webhook we refuse; Twilio retries a 5xx, and gives up on a 4xx."""

    def __init__(self, status: int, outcome: str, detail: object) -> None:
        super().__init__(detail)
        self.status = status
        self.outcome = outcome
        self.detail = detail

    def response(self) -> Response:
        return JSONResponse({"detail": self.detail}, status_code=self.status)


class WebhookPipeline:
    def __init__(
        self, settings: Settings, publisher: Publisher, directory: Directory
    ) -> None:
        self._max_body_bytes = settings.max_body_bytes
        self._signatures = SignatureChecker(settings)
        self._publisher = publisher
        self._directory = directory

    async def handle(self, request: Request, webhook: Webhook) -> Response:
        started = time.perf_counter()
        try:
            response = await self._accept(request, webhook)
            outcome = "accepted"
        except Rejected as rejection:
            logger.warning(
                "%s refused with %d: %s", webhook.path, rejection.status, rejection
            )
            response, outcome = rejection.response(), rejection.outcome
        except Exception:
            logger.exception("%s failed", webhook.path)
            response = JSONResponse({"detail": "internal error"}, status_code=500)
            outcome = "error"

        WEBHOOKS.labels(webhook.path, outcome).inc()
        WEBHOOK_DURATION.labels(webhook.path).observe(time.perf_counter() - started)
        return response

    async def _accept(self, request: Request, webhook: Webhook) -> Response:
        received_at = datetime.now(UTC)
        body = await read_body(request, self._max_body_bytes)
        params = parse_form(request.headers.get("content-type"), body)
        query_string = request.scope["query_string"].decode("latin-1")
        form = validated(webhook.form, params)
        query = validated(webhook.query, dict(parse_qsl(query_string)))

        tenant, number = self._resolve(webhook, form, query)

        path = request.scope["path"]
        signature = request.headers.get("x-twilio-signature")
        if not self._signatures.is_genuine(
            number, path, query_string, params, signature
        ):
            raise Rejected(403, "forbidden", "invalid Twilio signature")

        reply = webhook.respond(Hook(form, query, tenant, number, received_at))
        effect = (
            await self._publish(reply.event) if reply.event else "nothing to publish"
        )

        logger.info(
            "%s accepted for %s from %s: %s",
            webhook.path,
            tenant.tenant_id,
            mask(params.get("From", "")),
            effect,
        )
        return TwiML(reply.twiml)

    def _resolve(
        self, webhook: Webhook, form: BaseModel, query: BaseModel
    ) -> tuple[TenantConfig, TwilioNumber]:
        # The number comes before the signature: the token that checks it is the
        # one of the account owning the number, and numbers may sit in
        # sub-accounts. So an unsigned request learns whether a number is ours.
        # It is a public phone number (on the business's vans and website), so we
        # accept that rather than keep a second order for single-account setups.
        business_number = party(webhook.business_number(form, query))
        tenant = self._directory.by_number(business_number)
        if tenant is None or query.tenant not in (None, tenant.tenant_id):
            raise Rejected(404, "unknown_number", "not a business number of ours")
        return tenant, tenant.number(business_number)

    async def _publish(self, event: Message) -> str:
        try:
            stored = await self._publisher.publish(event)
        except PublishFailed as error:
            logger.error("%s could not be stored: %s", event.id, error)
            raise Rejected(
                503, "unavailable", "the event store is unavailable"
            ) from None

        if not stored:
            return f"{event.kind} {event.id} was already published"
        EVENTS_PUBLISHED.labels(event.kind).inc()
        return f"published {event.kind} {event.id}"


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refused as soon as it is known to exceed `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise Rejected(413, "too_large", f"the body is over {limit} bytes")

    # A chunked body declares no length: count while reading.
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Rejected(413, "too_large", f"the body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_form(content_type: str | None, body: bytes) -> dict[str, str]:
    if (content_type or "").split(";")[0].strip().lower() != FORM_CONTENT_TYPE:
        raise Rejected(422, "malformed", f"the body must be {FORM_CONTENT_TYPE}")
    try:
        pairs = parse_qsl(
            body.decode(),
            keep_blank_values=True,
            strict_parsing=True,
            errors="strict",
            max_num_fields=MAX_FORM_FIELDS,
        )
    except ValueError as error:
        raise Rejected(422, "malformed", f"the form cannot be read: {error}") from None

    params = dict(pairs)
    # Twilio never repeats a parameter; which copy to trust would be a guess.
    if len(params) != len(pairs):
        raise Rejected(422, "malformed", "a parameter is repeated")
    return params


def validated(model: type[Model], data: dict[str, str]) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [
            {"loc": list(problem["loc"]), "msg": problem["msg"]}
            for problem in error.errors(include_url=False, include_input=False)
        ]
        raise Rejected(422, "malformed", problems) from None
