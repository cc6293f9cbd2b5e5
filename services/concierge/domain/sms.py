"""How long a text is in SMS segments, and how to make one fit."""

import re

from libs.sms_segments import segments, units

__all__ = ["budget", "fit", "segments", "units"]

MAX_SEGMENTS = 2
# Room left for what the compliance gate may add to a message that opens a
# thread (business name, identification, opt-out line). A direct reply in an
# open thread gets none of it, so this only costs length on the first message.
DECORATION_RESERVE = 80

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def budget(text: str) -> int:
    """The units a reply may use so that it stays within `MAX_SEGMENTS`."""
    _, _, part = units(text)
    reserve = DECORATION_RESERVE if part == 153 else DECORATION_RESERVE // 2
    return MAX_SEGMENTS * part - reserve


def fit(text: str) -> str:
    """`text` cut at a sentence (else a word) so that it fits the budget."""
    text = " ".join(text.split())
    if units(text)[0] <= budget(text):
        return text

    kept = ""
    for sentence in _SENTENCE_END.split(text):
        candidate = f"{kept} {sentence}".strip()
        if units(candidate)[0] > budget(candidate):
            break
        kept = candidate
    if kept:
        return kept

    cut = text
    while units(cut + "...")[0] > budget(cut + "...") and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "..."
