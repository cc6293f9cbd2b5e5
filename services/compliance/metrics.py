from prometheus_client import Counter, Histogram

from libs.metrics import LATENCY_BUCKETS

SMS_SENT = Counter(
    "ringback_sms_sent_total", "SMS accepted by Twilio after the gate.", ["purpose"]
)
SMS_BLOCKED = Counter(
    "ringback_sms_blocked_total", "Send requests refused or dropped.", ["reason"]
)
OPT_OUTS = Counter(
    "ringback_opt_outs_total", "Customers who withdrew consent.", ["source"]
)
GATE_DECISION_DURATION = Histogram(
    "ringback_gate_decision_duration_seconds",
    "Time to gather the facts and decide on one send request.",
    buckets=LATENCY_BUCKETS,
)
TWILIO_SEND_DURATION = Histogram(
    "ringback_twilio_send_duration_seconds",
    "Time Twilio took to accept (or refuse) one message.",
    buckets=LATENCY_BUCKETS,
)
TWILIO_ERRORS = Counter(
    "ringback_twilio_errors_total", "Failed Twilio requests, by kind.", ["kind"]
)
# `status`: Twilio's final word on a message (delivered, undelivered, failed,
# read, canceled); a rise in undelivered is a carrier or number problem.
DELIVERY_REPORTS = Counter(
    "ringback_sms_delivery_reports_total",
    "Final delivery reports from Twilio, by status.",
    ["status"],
)
TIME_TO_TEXT = Histogram(
    "ringback_time_to_text_seconds",
    "From the missed-call webhook's arrival to Twilio accepting the text-back.",
    buckets=LATENCY_BUCKETS,
)
