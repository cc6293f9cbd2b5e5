"""The official Anthropic SDK client, built from the concierge's settings."""

from anthropic import AsyncAnthropic

from services.concierge.config import Settings

# The turn must end well within JetStream's ack wait (30 s) even on a retry.
MAX_RETRIES = 1


def client(settings: Settings) -> AsyncAnthropic:
    """AsyncAnthropic with the key, base URL (ANTHROPIC_BASE_URL) and a timeout."""
    key = settings.anthropic_api_key.get_secret_value()
    return AsyncAnthropic(
        api_key=key,
        base_url=settings.anthropic_base_url,
        timeout=settings.anthropic_timeout_seconds,
        max_retries=MAX_RETRIES,
    )
