"""Wires the concierge: stores, calendar, brain, handlers and subscribers."""

from libs.clock import clock_from
from libs.runtime import Runtime
from services.concierge.adapters.mongo_calendar import MongoCalendar
from services.concierge.adapters.mongo_conversations import MongoConversations
from services.concierge.adapters.mongo_counters import MongoThreadNumbers, MongoUsage
from services.concierge.brains.base import Brain
from services.concierge.brains.offline import OfflineBrain
from services.concierge.config import Settings
from services.concierge.entrypoint import subscribe
from services.concierge.handlers.customer import CustomerTexts
from services.concierge.handlers.deps import Deps, Limits
from services.concierge.handlers.lifecycle import ThreadLifecycle
from services.concierge.handlers.owner import OwnerTexts


def brain_for(settings: Settings) -> Brain:
    offline = OfflineBrain()
    if settings.brain == "offline":
        return offline

    # Imported here: the SDK takes over a second to import, which the offline
    # brain (the default) need not pay at every start.
    from services.concierge.adapters import anthropic_client
    from services.concierge.brains.claude import ClaudeBrain, Pricing

    return ClaudeBrain(
        anthropic_client.client(settings),
        settings.anthropic_model,
        settings.anthropic_max_tokens,
        Pricing(settings.anthropic_input_price, settings.anthropic_output_price),
        fallback=offline,
    )


def build(settings: Settings) -> Runtime:
    runtime = Runtime(settings)
    db = runtime.use_mongo()
    conversations = MongoConversations(db)
    calendar = MongoCalendar(db)
    threads = MongoThreadNumbers(db)
    deps = Deps(
        conversations=conversations,
        threads=threads,
        calendar=calendar,
        usage=MongoUsage(db),
        tenants=runtime.directory,
        publisher=runtime.publisher,
        clock=clock_from(settings.environment, settings.clock_offset_file),
        brain=brain_for(settings),
        limits=Limits(settings.daily_turn_limit, settings.daily_spend_limit_usd),
    )

    subscribe(runtime, CustomerTexts(deps), OwnerTexts(deps), ThreadLifecycle(deps))
    runtime.on_start += [conversations.prepare, calendar.prepare, threads.prepare]
    if hasattr(deps.brain, "close"):
        runtime.on_stop.append(deps.brain.close)
    return runtime
