from prometheus_client import Counter

PROJECTED = Counter(
    "ringback_dashboard_events_projected_total",
    "Events the dashboard folded into its read models, by kind.",
    ["kind"],
)
REFUSED_KEYS = Counter(
    "ringback_dashboard_unauthorized_total",
    "Requests refused for a missing, wrong or revoked key.",
)
UNAVAILABLE = Counter(
    "ringback_dashboard_unavailable_total",
    "Requests answered 503 because the broker or the store did not answer.",
)
