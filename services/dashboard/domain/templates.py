"""What a text-back template must say: who is texting, and how to stop the texts."""

import re

from libs.tenants import BUSINESS_NAME_FIELD

# The keyword each language's customers reply with, as a word of its own.
OPT_OUT_KEYWORDS = {
    "en": re.compile(r"\bSTOP\b"),
    "fr": re.compile(r"\bARR[EÊ]T\b"),
}
EXAMPLE_OPT_OUT = {
    "en": "Reply STOP to opt out.",
    "fr": "Répondez ARRET pour vous désabonner.",
}

# The dashboard's defaults pass its own checks; the compliance gate recognises
# these exact opt-out lines and does not repeat them.
DEFAULT_TEMPLATES = {
    "en": "Hi, this is {business}. Sorry we missed your call! How can we help? "
    "Reply here and we'll get right back to you. Reply STOP to opt out.",
    "fr": "Bonjour, ici {business}. Désolés d'avoir manqué votre appel! "
    "Comment pouvons-nous vous aider? Répondez ARRET pour vous désabonner.",
}


def problems(language: str, template: str) -> list[str]:
    """Why `template` may not be used, in words an owner understands; [] if fine."""
    found = []
    if BUSINESS_NAME_FIELD not in template:
        found.append(
            f"the {language} template must contain {BUSINESS_NAME_FIELD}, "
            "so every text names the business"
        )
    keyword = OPT_OUT_KEYWORDS.get(language)
    if keyword is not None and not keyword.search(template):
        found.append(
            f"the {language} template must tell how to opt out, "
            f"for example: {EXAMPLE_OPT_OUT[language]!r}"
        )
    return found
