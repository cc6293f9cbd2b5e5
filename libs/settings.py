"""Settings shared by every service; each service subclasses `ServiceSettings`."""

from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "test", "dev"}

Environment = Literal["development", "test", "production"]


class ServiceSettings(BaseSettings):
    """What every service needs: where the broker and the store are, and who it is."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    environment: Environment = "development"
    service_name: str = "ringback"
    nats_url: str = "nats://127.0.0.1:4222"
    mongodb_url: str = "mongodb://127.0.0.1:27017"
    mongodb_database: str = "ringback"
    log_level: str = "INFO"
    log_json: bool | None = None
    # A prefix for every stream, bucket and durable name, so that two stacks can
    # share one NATS server (the tests rely on it).
    namespace: str = "rb"
    # Copies of each stream JetStream keeps: 1 on one server, 3 on a 3-node
    # cluster (deploy/k8s) so that losing a node loses no event.
    stream_replicas: int = Field(default=1, ge=1, le=5)
    # Tests only: a file holding seconds to add to the clock (see libs.clock).
    clock_offset_file: str | None = None

    @field_validator("namespace")
    @classmethod
    def _namespace_is_subject_safe(cls, value: str) -> str:
        if not value.replace("_", "").replace("-", "").isalnum():
            raise ValueError("namespace may hold letters, digits, '-' and '_' only")
        return value


class TwilioSettings(ServiceSettings):
    """Settings of a service that talks to Twilio (sends or checks signatures)."""

    twilio_account_sid: str = "AC00000000000000000000000000000000"
    twilio_auth_token: SecretStr = SecretStr("sandbox-auth-token")
    # Sub-accounts that own some tenants' numbers: account SID -> auth token,
    # given as JSON in TWILIO_SUBACCOUNT_TOKENS.
    twilio_subaccount_tokens: dict[str, SecretStr] = {}
    # Where the official SDK sends REST calls; the local sandbox in development.
    twilio_api_base_url: str = "https://api.twilio.com"
    # The public base URL Twilio calls us on; signatures are computed over it.
    public_base_url: str = "http://127.0.0.1:8080"

    def auth_token_for(self, account_sid: str) -> str | None:
        """The auth token of `account_sid`, or None for an account we do not hold."""
        if account_sid == self.twilio_account_sid:
            return self.twilio_auth_token.get_secret_value()
        token = self.twilio_subaccount_tokens.get(account_sid)
        return token.get_secret_value() if token else None

    @model_validator(mode="after")
    def _refuse_placeholder_token(self) -> "TwilioSettings":
        token = self.twilio_auth_token.get_secret_value()
        if self.environment == "production" and token in PLACEHOLDER_SECRETS | {
            "sandbox-auth-token"
        }:
            raise ValueError("TWILIO_AUTH_TOKEN must be a real token in production")
        if self.environment == "production" and "127.0.0.1" in self.twilio_api_base_url:
            raise ValueError("TWILIO_API_BASE_URL points at a sandbox in production")
        return self
