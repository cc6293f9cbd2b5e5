from prometheus_client import Counter, Histogram

from libs.metrics import LATENCY_BUCKETS

MISSED_CALLS = Counter(
    "ringback_missed_calls_total",
    "Missed calls seen by text-back, by what was decided.",
    ["outcome"],
)
TEXTS_REQUESTED = Counter(
    "ringback_textback_requests_total", "Text-back SMS asked of the compliance gate."
)
TEXTS_CANCELLED = Counter(
    "ringback_textback_cancelled_total",
    "Pending text-backs cancelled because the caller reached a person.",
)
TIME_TO_TEXT = Histogram(
    "ringback_time_to_text_seconds",
    "From the missed-call webhook's arrival to Twilio accepting the text-back.",
    buckets=LATENCY_BUCKETS,
)
