from pydantic import Field, SecretStr, model_validator

from libs.settings import ServiceSettings


class Settings(ServiceSettings):
    """Settings of the reviews service (environment variables, upper-cased)."""

    service_name: str = "reviews"
    http_port: int = 8084
    # Where customers' phones reach the tracked links (GET /r/{token}); this
    # process's own port when unset, which suits one machine only.
    link_base_url: str | None = None
    # How often due reminders are looked for: one indexed query per turn.
    reminder_scan_interval_seconds: float = Field(default=1.0, ge=0.5)
    # How often every tenant's Google rating is sampled.
    rating_sample_interval_seconds: float = Field(default=6 * 3600, ge=1.0)
    # A new Google review counts for the latest request sent this long before it.
    attribution_window_days: int = Field(default=7, ge=1, le=90)
    google_api_base_url: str = "https://mybusiness.googleapis.com"
    # An OAuth access token of a Google account that manages the tenants'
    # profiles; no token, no sampling. Missing: refreshing it. Google's access
    # tokens last an hour, so today an operator (or a sidecar) must renew it
    # and restart the service; failed samples are logged and retried, and no
    # review request depends on them, which makes this acceptable for now.
    google_access_token: SecretStr | None = None
    # Bearer token the dashboard presents to read statistics; unset, they are open.
    stats_token: SecretStr | None = None

    @property
    def links_at(self) -> str:
        return (self.link_base_url or f"http://127.0.0.1:{self.http_port}").rstrip("/")

    @model_validator(mode="after")
    def _production_needs_public_links_and_a_stats_token(self) -> "Settings":
        if self.environment != "production":
            return self
        if not self.link_base_url:
            raise ValueError("LINK_BASE_URL must be the public URL of the review links")
        if self.stats_token is None or len(self.stats_token.get_secret_value()) < 16:
            raise ValueError("STATS_TOKEN must be a real secret in production")
        return self
