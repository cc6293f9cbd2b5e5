from prometheus_client import Counter, Histogram

from libs.metrics import LATENCY_BUCKETS

TURNS = Counter(
    "ringback_concierge_turns_total",
    "Customer texts the concierge handled, by what came of them.",
    ["outcome"],
)
TURN_DURATION = Histogram(
    "ringback_concierge_turn_seconds",
    "From taking a customer's text to publishing the reply, by brain.",
    ["brain"],
    buckets=LATENCY_BUCKETS,
)
HANDOFFS = Counter(
    "ringback_concierge_handoffs_total",
    "Threads handed to the owner, by reason.",
    ["reason"],
)
RELAYS = Counter(
    "ringback_concierge_relays_total",
    "Texts relayed between a customer and the owner, by direction.",
    ["direction"],
)
GUARDRAIL_BLOCKS = Counter(
    "ringback_concierge_guardrail_blocks_total",
    "Replies held back by a guardrail, by the rule they broke.",
    ["rule"],
)
INJECTION_ATTEMPTS = Counter(
    "ringback_concierge_injection_attempts_total",
    "Customer texts that tried to give the agent instructions (ignored).",
)
MODEL_TOKENS = Counter(
    "ringback_concierge_model_tokens_total",
    "Tokens the Claude brain used, by direction.",
    ["direction"],
)
BOOKINGS = Counter(
    "ringback_concierge_bookings_total",
    "Appointments booked or cancelled by SMS, by what happened.",
    ["change"],
)
