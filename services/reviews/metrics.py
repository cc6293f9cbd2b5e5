from prometheus_client import Counter, Histogram

from libs.metrics import LATENCY_BUCKETS

# `outcome`: requested, or why no request (asked_before, no_review_link, ...).
JOBS = Counter(
    "ringback_review_jobs_total",
    "Completed jobs seen by the reviews service, by what was decided.",
    ["outcome"],
)
REQUESTS_SENT = Counter(
    "ringback_review_requests_sent_total", "Review requests that reached Twilio."
)
REMINDERS = Counter(
    "ringback_review_reminders_total", "Review reminders asked of the compliance gate."
)
# `kind`: first (the request's first open) or repeat; link previews are not counted.
LINK_OPENS = Counter(
    "ringback_review_link_opens_total", "Tracked review links opened.", ["kind"]
)
RATING_SAMPLES = Counter(
    "ringback_rating_samples_total",
    "Google rating samples, by outcome (stored, failed).",
    ["outcome"],
)
GOOGLE_DURATION = Histogram(
    "ringback_google_profile_request_duration_seconds",
    "Time taken by one sample of a Google Business Profile.",
    buckets=LATENCY_BUCKETS,
)
