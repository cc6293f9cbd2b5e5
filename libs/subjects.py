"""The subject scheme and the JetStream streams and buckets that carry it.

Subjects read `<namespace>.<evt|cmd>.<tenant>.<kind>`, for example
`rb.evt.acme-plumbing.call.missed`, so a consumer can filter by tenant, by kind
or both. Everything is prefixed by the namespace so that several stacks (the
tests run many) can share one NATS server without seeing each other.
"""

from dataclasses import dataclass

from libs.events import Message

# Twilio retries a webhook for up to a few hours; a day of de-duplication covers
# every retry and JetStream keeps only the ids, not the messages.
DUPLICATE_WINDOW_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class Names:
    """Every broker name of one namespace."""

    namespace: str = "rb"

    @property
    def events_stream(self) -> str:
        return f"{self.namespace.upper()}_EVENTS"

    @property
    def commands_stream(self) -> str:
        return f"{self.namespace.upper()}_COMMANDS"

    @property
    def tenants_bucket(self) -> str:
        return f"{self.namespace}-tenants"

    @property
    def numbers_bucket(self) -> str:
        return f"{self.namespace}-numbers"

    def stream_subjects(self, category: str) -> str:
        return f"{self.namespace}.{category}.>"

    def subject_of(self, message: Message) -> str:
        return f"{self.namespace}.{message.category}.{message.tenant_id}.{message.kind}"

    def filter_for(self, message_type: type[Message], tenant: str = "*") -> str:
        """The subject filter that matches `message_type` for one or all tenants."""
        return f"{self.namespace}.{message_type.category}.{tenant}.{message_type.kind}"

    def durable(self, service: str, purpose: str) -> str:
        return f"{self.namespace}-{service}-{purpose}".replace(".", "-")
