"""What a gate verdict means for the owner who pressed "send"."""

EXPLANATIONS = {
    "opted_out": "The customer opted out of your texts (they replied STOP or "
    "similar). Only they can opt back in, by texting START.",
    "no_consent": "No consent covers this customer: they have not called or "
    "texted you in the last 6 months, and no job was completed for them in 2 years.",
    "cannot_receive_sms": "This number cannot receive text messages (a landline "
    "or a number the carrier reported as unreachable).",
    "invalid_number": "This is not a valid phone number.",
    "no_sender_number": "Your account has no Twilio number to send from.",
    "foreign_sender_number": "The number to send from is not one of yours.",
    "stale": "The message could not go out in time and was dropped.",
    "unknown_tenant": "Your configuration has not reached the sending service yet.",
    "twilio_rejected": "Twilio refused the message.",
    "twilio_unavailable": "Twilio could not be reached for too long; nothing was sent.",
}


def explain(reason: str | None) -> str | None:
    """A sentence for the gate's `reason`, or the reason itself when it is new."""
    if reason is None:
        return None
    return EXPLANATIONS.get(reason, f"The compliance gate refused it ({reason}).")
