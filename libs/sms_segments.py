"""How many SMS segments a text takes, as carriers count them.

A text written only in the GSM 03.38 alphabet packs 160 characters into one
segment (153 per segment once split); characters of its extension table take
two places. Anything else goes as UCS-2: 70 UTF-16 units (67 once split), so an
emoji or a single curly quote can halve the room.
"""

import math

_GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM7_EXTENDED = set("^{}\\[~]|€\f")


def units(text: str) -> tuple[int, int, int]:
    """(units used, units in a single segment, units per segment of a long text)."""
    if all(c in _GSM7 or c in _GSM7_EXTENDED for c in text):
        return sum(2 if c in _GSM7_EXTENDED else 1 for c in text), 160, 153
    return len(text.encode("utf-16-le")) // 2, 70, 67


def segments(text: str) -> int:
    """How many segments a carrier splits `text` into."""
    used, single, part = units(text)
    return 1 if used <= single else math.ceil(used / part)
