from pydantic import SecretStr, model_validator

from libs.settings import PLACEHOLDER_SECRETS, ServiceSettings

DEVELOPMENT_ADMIN_KEY = "dev-admin-key"


class Settings(ServiceSettings):
    """Settings of the dashboard API (environment variables, upper-cased)."""

    service_name: str = "dashboard"
    http_port: int = 8085
    # The key that provisions tenants; a placeholder is refused outside development.
    admin_api_key: SecretStr = SecretStr(DEVELOPMENT_ADMIN_KEY)
    # Where this API is reachable from the internet: short SMS link to the
    # tenant's public page under it.
    public_dashboard_url: str = "http://127.0.0.1:8085"
    # Tenant configurations are a few kilobytes; a knowledge base stays well under.
    max_body_bytes: int = 256 * 1024
    # Requests per second per key, and the burst a key may spend at once.
    rate_per_second: float = 10.0
    rate_burst: int = 40
    # How long a manual send waits for the gate's verdict before answering 202.
    manual_send_wait_seconds: float = 3.0

    @model_validator(mode="after")
    def _refuse_placeholder_admin_key(self) -> "Settings":
        key = self.admin_api_key.get_secret_value()
        placeholder = key in PLACEHOLDER_SECRETS | {DEVELOPMENT_ADMIN_KEY}
        if self.environment != "development" and (placeholder or len(key) < 24):
            raise ValueError(
                "ADMIN_API_KEY must be a random secret of at least 24 characters "
                "outside development"
            )
        return self
