"""Times in MongoDB documents, stored so that every server compares them right.

Two traps of the embedded nx-27017 server shape this module:
- a datetime that an update writes into an existing document ($set, also on a
  dotted path) is stored as text, and text never compares with a date; a
  datetime inside a sub-document survives the same update;
- a range query on a datetime, or on any nested path, is answered by loading
  and filtering every document in Python, while a range on a top-level number
  uses the index.
So a time is kept twice: `<name>: {"at": <date>}` for people and exports, and
`<name>_ms: <epoch milliseconds>` for queries. MongoDB is happy with both.
"""

from datetime import UTC, datetime


def ms(moment: datetime) -> int:
    """Epoch milliseconds: the form range queries compare."""
    return int(moment.timestamp() * 1000)


def stamp(moment: datetime | None) -> dict | None:
    return {"at": moment} if moment is not None else None


def unstamp(value: dict | None) -> datetime | None:
    return value["at"] if value else None


def stamped(name: str, moment: datetime | None) -> dict:
    """The fields that store `moment` as `name`, for an insert or a $set."""
    return {name: stamp(moment), field(name): ms(moment) if moment else None}


def field(name: str) -> str:
    """The top-level number that queries and indexes use for the time `name`."""
    return f"{name}_ms"


def from_ms(value: int) -> datetime:
    return datetime.fromtimestamp(value / 1000, UTC)
