import hashlib

MAX_ID = 200


def event_id(prefix: str, reference: str) -> str:
    """A JetStream de-duplication id from `reference`, at most 200 characters."""
    candidate = f"{prefix}-{reference}"
    if len(candidate) <= MAX_ID:
        return candidate
    return f"{prefix}-{hashlib.sha256(reference.encode()).hexdigest()}"
