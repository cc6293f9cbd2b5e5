import argparse
import asyncio
import sys

from libs import logs
from libs.runtime import run_forever, serve
from services.reviews import command
from services.reviews.bootstrap import build
from services.reviews.config import Settings


async def run(settings: Settings) -> None:
    runtime, app = build(settings)
    await serve(runtime, settings.http_port, extra_app=app)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m services.reviews",
        description="Run the reviews service, or mark a job completed.",
    )
    command.parser(parser.add_subparsers(dest="command"))
    arguments = parser.parse_args(argv)
    settings = Settings()
    logs.setup(settings.service_name, settings.log_level, settings.log_json)

    if arguments.command == "complete-job":
        new = asyncio.run(
            command.complete_job(settings, command.job_completed(arguments))
        )
        print("published" if new else "already published", file=sys.stderr)
        return
    run_forever(run(settings))


if __name__ == "__main__":
    main()
