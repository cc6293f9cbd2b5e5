"""Documents whose times an update writes: stamped on the way in, plain on the way out.

nx-27017 stores a datetime that an update writes as text (see libs.mongo_times),
so every time of an upserted document travels as `{"at": <date>}`.
"""

from datetime import datetime
from typing import Any

from libs import mongo_times
from libs.mongo_times import stamp, unstamp


def stamped(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: stamp(value) if isinstance(value, datetime) else value
        for name, value in fields.items()
    }


def unstamped(doc: dict[str, Any], *names: str) -> dict[str, Any]:
    plain = {key: value for key, value in doc.items() if key != "_id"}
    for name in names:
        if isinstance(plain.get(name), dict):
            plain[name] = unstamp(plain[name])
    return plain


def timed(fields: dict[str, Any]) -> dict[str, Any]:
    """Like `stamped`, plus the epoch-ms twin of each time that queries compare."""
    plain = {k: v for k, v in fields.items() if not isinstance(v, datetime)}
    for name, value in fields.items():
        if isinstance(value, datetime):
            plain |= mongo_times.stamped(name, value)
    return plain
