"""Wires the text-back service: store, handlers, subscribers and scheduler."""

from libs.clock import clock_from
from libs.runtime import Runtime
from services.textback.adapters.mongo_store import MissedCallStore
from services.textback.config import Settings
from services.textback.entrypoint import subscribe
from services.textback.handlers import TextbackHandlers
from services.textback.scheduler import DueTextScheduler


def build(settings: Settings) -> Runtime:
    runtime = Runtime(settings)
    store = MissedCallStore(runtime.use_mongo())
    clock = clock_from(settings.environment, settings.clock_offset_file)
    handlers = TextbackHandlers(store, runtime.directory, runtime.publisher, clock)
    scheduler = DueTextScheduler(
        store, handlers, clock, settings.scheduler_interval_seconds
    )

    subscribe(runtime, handlers)
    runtime.on_start += [store.prepare, scheduler.start]
    runtime.on_stop.append(scheduler.stop)
    return runtime
