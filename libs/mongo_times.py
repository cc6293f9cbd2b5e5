"""Times that updates write, kept as `{"at": <date>}` so every server stores a date.

The embedded nx-27017 server stores a datetime that an update writes into an
existing document ($set, also on a dotted path) as text, and text never compares
with a date, so a held message would never fall due. A datetime inside a
subdocument survives the same update, on nx-27017 and on MongoDB alike. Times
written only once, by an insert, stay plain dates.
"""

from datetime import datetime


def stamp(moment: datetime | None) -> dict | None:
    return {"at": moment} if moment is not None else None


def unstamp(value: dict | None) -> datetime | None:
    return value["at"] if value else None


def field(name: str) -> str:
    """The path that queries and indexes use for the stamped time `name`."""
    return f"{name}.at"
