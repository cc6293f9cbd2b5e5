"""`ringback-dev run`: the whole system on this machine, for trying it by hand."""

import argparse
import logging
import signal
import time
from pathlib import Path

from libs import logs
from libs.devstack.demo import DEMO_DIAL_NUMBER, DEMO_NUMBER, DEMO_OWNER, provision
from libs.devstack.stack import Ports, Stack

logger = logging.getLogger("ringback.dev")

BANNER = """
Ringback is running (data in {data}, logs in {data}/logs).
  ingress (Twilio webhooks)  {ingress}
  Twilio sandbox             {sandbox}
Demo tenant "Demo Plumbing": forwarded number {forwarded}, dial number {dial},
owner phone {owner}. Try, in another terminal:
  .venv/bin/ringback-phone call --from +14165550123 --to {forwarded}
  .venv/bin/ringback-phone text --from +14165550123 --to {forwarded} "STOP"
Dashboard API (OpenAPI at {dashboard}/docs):
  curl -H "Authorization: Bearer {api_key}" {dashboard}/v1/missed-calls
  admin key for provisioning more tenants: {admin_key}
Ctrl-C stops everything.
"""


def run(data_dir: Path) -> None:
    stack = Stack(data_dir=data_dir, ports=Ports.well_known())
    # SIGTERM stops the stack the way Ctrl-C does.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        stack.start()
        # Created like any tenant: through the dashboard, which writes the
        # configuration bucket every service watches.
        api_key = provision(stack.dashboard_url, stack.admin_key)
        print(
            BANNER.format(
                data=data_dir,
                ingress=stack.ingress_url,
                sandbox=stack.sandbox_url,
                forwarded=DEMO_NUMBER,
                dial=DEMO_DIAL_NUMBER,
                owner=DEMO_OWNER,
                dashboard=stack.dashboard_url,
                api_key=api_key,
                admin_key=stack.admin_key,
            ),
            flush=True,
        )
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        logger.info("stopping")
    finally:
        stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="ringback-dev")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run every service with a demo tenant")
    run_parser.add_argument("--data-dir", type=Path, default=Path(".data"))
    arguments = parser.parse_args()

    logs.setup("ringback-dev", json_lines=False)
    if arguments.command == "run":
        run(arguments.data_dir.resolve())
