"""How long a text is in SMS segments, and how to make one fit."""

import math
import re

MAX_SEGMENTS = 2
# Room left for what the compliance gate may add to a message that opens a
# thread (business name, identification, opt-out line). A direct reply in an
# open thread gets none of it, so this only costs length on the first message.
DECORATION_RESERVE = 80

_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = set("^{}\\[~]|€\f")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def units(text: str) -> tuple[int, int, int]:
    """(units used, units in one segment, units per segment of a long message)."""
    if all(c in _GSM7 or c in _GSM7_EXTENDED for c in text):
        return sum(2 if c in _GSM7_EXTENDED else 1 for c in text), 160, 153
    return len(text.encode("utf-16-le")) // 2, 70, 67


def segments(text: str) -> int:
    used, single, part = units(text)
    return 1 if used <= single else math.ceil(used / part)


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
