from prometheus_client import Counter

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
