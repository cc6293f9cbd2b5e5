from libs import logs
from libs.runtime import run_forever, serve
from services.concierge.bootstrap import build
from services.concierge.config import Settings


def main() -> None:
    settings = Settings()
    logs.setup(settings.service_name, settings.log_level, settings.log_json)
    run_forever(serve(build(settings), settings.http_port))


if __name__ == "__main__":
    main()
