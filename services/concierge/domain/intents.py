"""What a customer's text asks for, in the few ways the offline dialogue understands."""

import re
from dataclasses import dataclass

from services.concierge.domain.text import fold, words

_YES = re.compile(
    r"^(yes|yep|yeah|yup|sure|ok|okay|k|sounds good|perfect|great|confirm|"
    r"confirmed|book it|go ahead|please do|that works|works for me|oui|ouais|"
    r"d accord|daccord|parfait|ca marche|ca me va|confirme|c est bon|volontiers|"
    r"oui svp|oui merci|yes please)\b"
)
_NO = re.compile(
    r"^(no|nope|nah|not really|none|neither|other times?|another time|non|"
    r"aucun|aucune|pas vraiment|autre)\b"
)
_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "premiere": 1, "one": 1,
    "second": 2, "2nd": 2, "deuxieme": 2, "seconde": 2, "two": 2, "deux": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "three": 3, "trois": 3,
}  # fmt: skip
_RESCHEDULE = re.compile(
    r"\b(reschedul\w*|move (my|the) (appointment|booking|visit)|change (my|the) "
    r"(appointment|booking|time|visit)|different (time|day)|another (time|day)|"
    r"deplacer|reporter|changer (mon|le|l) ?(rendez|rdv|heure|moment)|"
    r"autre (moment|heure|journee|jour))"
)
_CANCEL = re.compile(
    r"\b(cancel (my|the) (appointment|booking|visit)|annuler (mon|le|la) "
    r"(rendez|rdv|visite|reservation))"
)
_BOOKING = re.compile(
    r"\b(book|booking|appointment|schedule|come|visit|available|"
    r"availability|when can (you|someone)|earliest|send someone|rendez|rdv|"
    r"reserver|reservation|disponible|disponibilite|venir|passer|plage)"
)
_QUOTE = re.compile(
    r"\b(how much|price|prices|pricing|cost|costs|quote|estimate|charge|rate|"
    r"rates|ballpark|fee|fees|discount|combien|prix|cout|couts|tarif|tarifs|"
    r"soumission|estimation|rabais|frais)\b"
)
_DAYS = {
    "monday": 0, "mon": 0, "lundi": 0, "tuesday": 1, "tue": 1, "tues": 1,
    "mardi": 1, "wednesday": 2, "wed": 2, "mercredi": 2, "thursday": 3,
    "thu": 3, "thurs": 3, "jeudi": 3, "friday": 4, "fri": 4, "vendredi": 4,
    "saturday": 5, "sat": 5, "samedi": 5, "sunday": 6, "sun": 6, "dimanche": 6,
}  # fmt: skip
_TOMORROW = {"tomorrow", "tmrw", "demain"}
_MORNING = {"morning", "am", "matin", "avant-midi", "avant"}
_AFTERNOON = {"afternoon", "pm", "apres-midi", "apres", "aprem"}
_GREETING = {"hi", "hello", "hey", "bonjour", "salut", "allo", "good morning"}
_THANKS = re.compile(r"^(thanks?|thank you|thx|ty|merci|merci beaucoup|great thanks)")


@dataclass(frozen=True)
class Reading:
    """Every signal the dialogue may use; several can be true at once."""

    yes: bool
    no: bool
    choice: int | None
    reschedule: bool
    cancel: bool
    booking: bool
    quote: bool
    greeting: bool
    thanks: bool
    # A day the customer names: 0-6 for Monday-Sunday, 7 for tomorrow.
    day: int | None = None
    part: str | None = None


def read(text: str) -> Reading:
    folded = " ".join(words(text))
    plain = fold(text)
    return Reading(
        yes=bool(_YES.match(folded)),
        no=bool(_NO.match(folded)),
        choice=choice(folded),
        reschedule=bool(_RESCHEDULE.search(folded)),
        cancel=bool(_CANCEL.search(folded)),
        booking=bool(_BOOKING.search(folded)),
        quote=bool(_QUOTE.search(folded)) or "$" in plain,
        greeting=folded in _GREETING,
        thanks=bool(_THANKS.match(folded)) and len(folded.split()) <= 5,
        day=day(folded),
        part=part_of_day(folded),
    )


def day(folded: str) -> int | None:
    tokens = folded.split()
    if any(t in _TOMORROW for t in tokens):
        return 7
    return next((_DAYS[t] for t in tokens if t in _DAYS), None)


def part_of_day(folded: str) -> str | None:
    tokens = set(folded.split())
    if tokens & _MORNING:
        return "morning"
    if tokens & _AFTERNOON:
        return "afternoon"
    return None


def choice(folded: str) -> int | None:
    """The option a short reply picks: "2", "#2", "option 2", "the second one"."""
    tokens = folded.split()
    if not tokens or len(tokens) > 5:
        return None
    for token in tokens:
        if token.isdigit() and 1 <= int(token) <= 9 and len(token) == 1:
            return int(token)
        if token in _ORDINALS:
            return _ORDINALS[token]
    return None
