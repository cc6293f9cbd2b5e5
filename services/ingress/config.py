from libs.settings import TwilioSettings


class Settings(TwilioSettings):
    """Settings of the ingress service (environment variables, upper-cased)."""

    service_name: str = "ingress"
    http_port: int = 8080
    # Twilio's largest webhook (an SMS with ten media) is a few kilobytes.
    max_body_bytes: int = 65536
