from libs.settings import TwilioSettings


class Settings(TwilioSettings):
    service_name: str = "compliance"
    http_port: int = 8081
    # How often the scheduler looks for held, retrying and abandoned sends.
    scheduler_interval_seconds: float = 0.2
    # A send still "sending" after this long was abandoned by a crashed replica.
    send_lease_seconds: float = 30.0
    # Twilio calls are cut off after this; it must stay well under the lease.
    twilio_timeout_seconds: float = 10.0
    # Ask Twilio Lookup what kind of line a new number is (a paid request).
    lookup_enabled: bool = True
