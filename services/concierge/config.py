from typing import Literal

from pydantic import SecretStr, model_validator

from libs.settings import PLACEHOLDER_SECRETS, ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "concierge"
    http_port: int = 8083
    # "offline" needs no network; "claude" needs ANTHROPIC_API_KEY.
    brain: Literal["offline", "claude"] = "offline"
    anthropic_api_key: SecretStr | None = None
    # Respected as the SDK itself would: a proxy, or the local test server.
    anthropic_base_url: str | None = None
    anthropic_model: str = "claude-haiku-4-5"
    anthropic_max_tokens: int = 400
    anthropic_timeout_seconds: float = 20.0
    # US dollars per million tokens, to count spending against the daily limit.
    anthropic_input_price: float = 1.0
    anthropic_output_price: float = 5.0
    # Per tenant and per day; past either, new threads go to the owner.
    daily_turn_limit: int = 500
    daily_spend_limit_usd: float = 10.0

    @model_validator(mode="after")
    def _claude_needs_a_real_key(self) -> "Settings":
        if self.brain != "claude":
            return self
        key = (
            self.anthropic_api_key.get_secret_value() if self.anthropic_api_key else ""
        )
        if key in PLACEHOLDER_SECRETS and self.environment == "production":
            raise ValueError(
                "BRAIN=claude needs a real ANTHROPIC_API_KEY in production"
            )
        if not key:
            raise ValueError("BRAIN=claude needs ANTHROPIC_API_KEY")
        return self
