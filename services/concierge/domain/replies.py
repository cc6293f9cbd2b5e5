"""Every sentence the concierge writes itself, in English and French.

Short on purpose: a reply must fit two SMS segments with room for what the
compliance gate adds. Nothing here promises a price, a time or a discount; the
numbers come from the tenant's own price bands and schedule.
"""

from libs.tenants import Language

TEMPLATES: dict[str, dict[Language, str]] = {
    "greeting": {
        "en": "Hi! How can we help? Ask about a service, a price or a time to book.",
        "fr": "Bonjour! Comment pouvons-nous aider? Un service, un prix, "
        "un rendez-vous?",
    },
    "thanks": {
        "en": "You're welcome! Text us anytime.",
        "fr": "Avec plaisir! Écrivez-nous au besoin.",
    },
    "quote": {
        "en": "{service} is usually {band}. The final price is set once we see "
        "the job. Want to book a visit?",
        "fr": "{service}: habituellement {band}. Le prix final est fixé sur place. "
        "Voulez-vous un rendez-vous?",
    },
    "no_price": {
        "en": "{service} depends on the job, so we don't quote it by text. "
        "Want to book a visit for a proper quote?",
        "fr": "{service}: le prix dépend du travail, on ne l'estime pas par texto. "
        "Voulez-vous un rendez-vous pour une soumission?",
    },
    "owner_quote": {
        "en": "For {service} the owner prices each job. I've sent them your "
        "request; they'll text you here.",
        "fr": "Pour {service}, le propriétaire établit chaque prix. Je lui ai "
        "transmis votre demande; il vous écrira ici.",
    },
    "which_service": {
        "en": "Which service is it for? We do: {services}.",
        "fr": "Pour quel service? Nous faisons: {services}.",
    },
    "offer": {
        "en": "We can come: {options}. Reply {choices}.",
        "fr": "Nous pouvons passer: {options}. Répondez {choices}.",
    },
    "offer_again": {
        "en": "Other times: {options}. Reply {choices}.",
        "fr": "Autres moments: {options}. Répondez {choices}.",
    },
    "confirm": {
        "en": "{slot}{for_service}. Shall I book it? Reply YES to confirm.",
        "fr": "{slot}{for_service}. Je réserve? Répondez OUI pour confirmer.",
    },
    "booked": {
        "en": "You're booked: {slot}{for_service}. Text us here to change it.",
        "fr": "C'est réservé: {slot}{for_service}. Écrivez-nous ici pour changer.",
    },
    "rebooked": {
        "en": "Done, moved to {slot}{for_service}. Text us here to change it.",
        "fr": "C'est fait, déplacé au {slot}{for_service}. Écrivez-nous pour changer.",
    },
    "taken": {
        "en": "Sorry, that time was just taken. {offer}",
        "fr": "Désolé, ce moment vient d'être pris. {offer}",
    },
    "cancelled": {
        "en": "Your appointment of {slot} is cancelled.",
        "fr": "Votre rendez-vous du {slot} est annulé.",
    },
    "pick_one": {
        "en": "Please reply 1, 2 or 3 to pick a time, or NO for other times.",
        "fr": "Répondez 1, 2 ou 3 pour choisir, ou NON pour d'autres moments.",
    },
    "service_yes": {
        "en": "Yes, we do {service}. Want a price or a time to book?",
        "fr": "Oui, nous faisons {service}. Voulez-vous un prix ou un rendez-vous?",
    },
    "scope": {
        "en": "I can help with our services, prices, hours and booking a visit.",
        "fr": "Je peux vous aider avec nos services, nos prix, nos heures et "
        "les rendez-vous.",
    },
    "handoff": {
        "en": "I've passed this to the team; someone will text you back here.",
        "fr": "J'ai transmis votre message à l'équipe; quelqu'un vous répondra ici.",
    },
    "emergency": {
        "en": "This sounds urgent: I've alerted the team right now. "
        "If anyone is in danger, call 911.",
        "fr": "Ça semble urgent: j'ai alerté l'équipe tout de suite. "
        "En cas de danger, composez le 911.",
    },
    "gas": {
        "en": "If you smell gas, leave the building now and call 911 "
        "from outside. I've alerted the team.",
        "fr": "Si ça sent le gaz, sortez tout de suite et appelez le 911 "
        "de l'extérieur. J'ai alerté l'équipe.",
    },
    "for_service": {"en": " for {service}", "fr": " pour {service}"},
}


def say(key: str, language: Language, **values: str) -> str:
    return TEMPLATES[key][language].format(**values)


def options(labels: list[str]) -> str:
    return " ".join(f"{number}) {label}" for number, label in enumerate(labels, 1))


def choices(count: int, language: Language) -> str:
    """ "1, 2 or 3" for three options; "1" for one."""
    numbers = [str(n) for n in range(1, count + 1)]
    if count == 1:
        return "1"
    joiner = " ou " if language == "fr" else " or "
    return ", ".join(numbers[:-1]) + joiner + numbers[-1]
