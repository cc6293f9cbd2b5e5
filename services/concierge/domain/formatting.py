"""How amounts, times and opening hours read in an SMS, in English and French."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from libs.knowledge import PriceBand
from libs.tenants import Language, OpeningHours

DAY_NAMES: dict[Language, list[str]] = {
    "en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    "fr": ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
}
MONTH_NAMES: dict[Language, list[str]] = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(),
}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
UNITS: dict[Language, dict[str, str]] = {
    "en": {"job": "per job", "hour": "per hour"},
    "fr": {"job": "par intervention", "hour": "l'heure"},
}


def amount(value: float, language: Language) -> str:
    """$150 / 150 $; cents only when the owner gave some."""
    number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if language == "fr":
        return number.replace(",", " ").replace(".", ",") + " $"
    return f"${number}"


def band(price: PriceBand, language: Language) -> str:
    """The band as a customer reads it: "$150-$300 per job"."""
    low, high = amount(price.low, language), amount(price.high, language)
    span = low if price.low == price.high else f"{low}-{high}"
    if language == "fr":
        span = low if price.low == price.high else f"{low} à {high}"
    currency = "" if price.currency == "CAD" else f" {price.currency}"
    return f"{span}{currency} {UNITS[language][price.unit]}"


def clock(moment: time, language: Language) -> str:
    if language == "fr":
        return f"{moment.hour} h {moment.minute:02d}"
    suffix = "AM" if moment.hour < 12 else "PM"
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {suffix}"


def slot(start: datetime, zone: ZoneInfo, language: Language) -> str:
    """Tue Jan 13, 9:00 AM / mar. 13 janv., 9 h 00, in the business's time zone."""
    local = start.astimezone(zone)
    day = DAY_NAMES[language][local.weekday()]
    month = MONTH_NAMES[language][local.month - 1]
    at = clock(local.time(), language)
    if language == "fr":
        return f"{day} {local.day} {month}, {at}"
    return f"{day} {month} {local.day}, {at}"


def hours(opening: list[OpeningHours], language: Language) -> str | None:
    """One line per group of days: "Mon-Fri 8:00 AM-5:00 PM; Sat 9:00 AM-1:00 PM"."""
    if not opening:
        return None
    by_day = sorted(opening, key=lambda h: WEEKDAYS.index(h.day))
    parts = []
    for entry in by_day:
        name = DAY_NAMES[language][WEEKDAYS.index(entry.day)]
        span = f"{clock(entry.opens, language)}-{clock(entry.closes, language)}"
        if parts and parts[-1][2] == span and parts[-1][3] == _previous(entry.day):
            parts[-1] = (parts[-1][0], name, span, entry.day)
            continue
        parts.append((name, name, span, entry.day))
    return "; ".join(
        f"{first}-{last} {span}" if first != last else f"{first} {span}"
        for first, last, span, _ in parts
    )


def _previous(day: str) -> str:
    return WEEKDAYS[(WEEKDAYS.index(day) - 1) % 7]
