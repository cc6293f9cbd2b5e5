from prometheus_client import Counter, Histogram

from libs.metrics import LATENCY_BUCKETS

# `route` is the webhook's path (a fixed set); `outcome` one of accepted,
# too_large, malformed, unknown_number, forbidden, unavailable, error.
WEBHOOKS = Counter(
    "ringback_webhooks_total",
    "Twilio webhooks received, by route and outcome.",
    ["route", "outcome"],
)
WEBHOOK_DURATION = Histogram(
    "ringback_webhook_duration_seconds",
    "Time from a webhook's arrival to our answer.",
    ["route"],
    buckets=LATENCY_BUCKETS,
)
# Counts only events JetStream stored; a retried webhook's duplicate is not one.
EVENTS_PUBLISHED = Counter(
    "ringback_events_published_total",
    "Events stored in JetStream by ingress, by kind.",
    ["kind"],
)
