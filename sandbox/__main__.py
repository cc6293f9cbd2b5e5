"""`python -m sandbox`: serve the Twilio sandbox until interrupted."""

import argparse
import os

import uvicorn

from libs import logs
from libs.settings import TwilioSettings
from sandbox.callbacks import DEFAULT_DELAY_SECONDS, StatusReporter
from sandbox.state import SandboxState
from sandbox.twilio_api import create_app

DEFAULT_PORT = 8099


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m sandbox", description="Serve the local Twilio sandbox."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("SANDBOX_PORT", DEFAULT_PORT))
    )
    parser.add_argument(
        "--callback-delay",
        type=float,
        default=float(
            os.environ.get("SANDBOX_CALLBACK_DELAY_SECONDS", DEFAULT_DELAY_SECONDS)
        ),
        help="seconds before each status callback (default %(default)s)",
    )
    args = parser.parse_args(argv)

    settings = TwilioSettings(service_name="sandbox")
    logs.setup("sandbox", settings.log_level, settings.log_json)
    state = SandboxState.from_settings(settings)
    app = create_app(state, StatusReporter(state, delay_seconds=args.callback_delay))
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_config=None)


if __name__ == "__main__":
    main()
