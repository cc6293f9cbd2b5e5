"""`python -m services.reviews complete-job`: mark a job completed from the shell.

Until the dashboard's mark-complete exists, this is how an operator (or a
script) tells Ringback that a job is done; it publishes the same JobCompleted.
"""

import argparse

from faststream.nats import NatsBroker

from libs.bus import Publisher, ensure_streams
from libs.events import JobCompleted
from libs.phones import InvalidNumber, to_e164
from libs.settings import ServiceSettings
from libs.subjects import Names


def parser(commands: argparse._SubParsersAction) -> None:
    complete = commands.add_parser(
        "complete-job", help="publish JobCompleted for one customer's job"
    )
    complete.add_argument("--tenant", required=True)
    complete.add_argument("--customer", required=True, help="the customer's phone")
    complete.add_argument("--job", required=True, help="the job's id")
    complete.add_argument("--name", default=None, help="the customer's name")


def job_completed(arguments: argparse.Namespace) -> JobCompleted:
    try:
        customer = to_e164(arguments.customer)
    except InvalidNumber as error:
        raise SystemExit(f"--customer: {error}") from None
    return JobCompleted(
        # The same job published twice is stored once.
        id=f"job-completed-command-{arguments.job}",
        tenant_id=arguments.tenant,
        job_id=arguments.job,
        customer=customer,
        customer_name=arguments.name,
        source="command",
    )


async def complete_job(settings: ServiceSettings, event: JobCompleted) -> bool:
    """Publish `event`; True if it is new, False if that job was already published."""
    names = Names(settings.namespace)
    broker = NatsBroker(settings.nats_url)
    await broker.connect()
    try:
        await ensure_streams(broker, names)
        return await Publisher(broker, names).publish(event)
    finally:
        await broker.stop()
