"""Twilio-style resource identifiers."""

import uuid


def new_sid(prefix: str) -> str:
    """A SID as Twilio writes them: a two-letter type (CA, SM, RE) and 32 hex digits."""
    return prefix + uuid.uuid4().hex
