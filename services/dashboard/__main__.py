from libs import logs
from libs.runtime import run_forever
from services.dashboard.bootstrap import run
from services.dashboard.config import Settings


def main() -> None:
    settings = Settings()
    logs.setup(settings.service_name, settings.log_level, settings.log_json)
    run_forever(run(settings))


if __name__ == "__main__":
    main()
