from pydantic import Field, SecretStr, field_validator, model_validator

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
    # How the service reaches the Google account that manages the tenants'
    # profiles. Production: an OAuth client and a refresh token of that
    # account; access tokens (an hour each) are renewed from it as they run
    # out. A fixed access token suits local runs and tests. Neither: no sampling.
    google_oauth_token_url: str = "https://oauth2.googleapis.com/token"
    google_client_id: str | None = None
    google_client_secret: SecretStr | None = None
    google_refresh_token: SecretStr | None = None
    google_access_token: SecretStr | None = None
    # Bearer token the dashboard presents to read statistics; unset, they are open.
    stats_token: SecretStr | None = None

    @property
    def links_at(self) -> str:
        return (self.link_base_url or f"http://127.0.0.1:{self.http_port}").rstrip("/")

    @field_validator(
        "google_client_id",
        "google_client_secret",
        "google_refresh_token",
        "google_access_token",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value):
        # Compose and Kubernetes pass an optional secret left empty as "".
        return None if value == "" else value

    @model_validator(mode="after")
    def _a_refresh_token_needs_its_client(self) -> "Settings":
        if self.google_refresh_token is not None and not (
            self.google_client_id and self.google_client_secret
        ):
            raise ValueError(
                "GOOGLE_REFRESH_TOKEN needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET"
            )
        return self

    @model_validator(mode="after")
    def _production_needs_public_links_and_a_stats_token(self) -> "Settings":
        if self.environment != "production":
            return self
        if not self.link_base_url:
            raise ValueError("LINK_BASE_URL must be the public URL of the review links")
        if self.stats_token is None or len(self.stats_token.get_secret_value()) < 16:
            raise ValueError("STATS_TOKEN must be a real secret in production")
        return self
