from libs.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "textback"
    http_port: int = 8082
    # How often the scheduler looks for delayed texts that are due.
    scheduler_interval_seconds: float = 0.5
