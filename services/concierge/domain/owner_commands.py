"""What an owner's text to their business number asks for.

The owner answers customers from their own phone: "#2 we can come at 3" relays
to thread 2, a plain text relays to the only open thread, "DONE" (or "BOT",
"FINI", "ROBOT") gives a thread back to the assistant, "LIST" lists open threads.
"""

import re
from dataclasses import dataclass

from services.concierge.domain.text import fold

GIVE_BACK_WORDS = {"done", "bot", "fini", "termine", "robot", "assistant"}
LIST_WORDS = {"list", "liste", "threads", "?"}

_THREAD = re.compile(r"^\s*#\s*(\d{1,3})\s*[:.,-]?\s*(.*)$", re.DOTALL)
_TRAILING_THREAD = re.compile(r"^(.*?)\s*#\s*(\d{1,3})\s*$", re.DOTALL)


@dataclass(frozen=True)
class Relay:
    thread: int | None
    text: str


@dataclass(frozen=True)
class GiveBack:
    thread: int | None


@dataclass(frozen=True)
class ListThreads:
    pass


OwnerCommand = Relay | GiveBack | ListThreads


def parse(body: str) -> OwnerCommand:
    thread, rest = _split_thread(body.strip())
    word = _bare(rest)

    if word in GIVE_BACK_WORDS:
        return GiveBack(thread)
    if thread is None and word in LIST_WORDS:
        return ListThreads()
    return Relay(thread, rest)


def _split_thread(body: str) -> tuple[int | None, str]:
    leading = _THREAD.match(body)
    if leading:
        return int(leading.group(1)), leading.group(2).strip()
    # "DONE #2" names the thread at the end; only for a bare command word.
    trailing = _TRAILING_THREAD.match(body)
    if trailing and _bare(trailing.group(1)) in GIVE_BACK_WORDS:
        return int(trailing.group(2)), trailing.group(1).strip()
    return None, body


def _bare(text: str) -> str:
    folded = fold(text).strip()
    return folded if folded == "?" else folded.strip(" .!")
