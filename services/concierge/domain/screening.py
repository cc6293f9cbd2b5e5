"""What code decides before any brain sees a text: emergencies, asking for a person.

These never depend on a model: a flooded basement alerts the owner even when
the model is down, and "can I talk to someone" always reaches a person.
"""

import re
from datetime import datetime

from services.concierge.domain.text import fold

# Phrases that mean a customer's home is in danger right now. Matched on folded
# text (no accents, lower case), so "fuite de gaz" and "FUITE DE GAZ" both count.
EMERGENCY_PATTERNS = [
    r"\bflood(ed|ing|s)?\b",
    r"\bburst (pipe|line)",
    r"\bpipe (burst|broke)",
    r"\bwater (everywhere|pouring|gushing)",
    r"\b(smell|smells|smelling|odou?r) (of )?gas\b",
    r"\bgas (smell|leak|odou?r)",
    r"\bsparks?\b",
    r"\bsparking\b",
    r"\bsmoke (coming|everywhere|from)",
    r"\bburning smell",
    r"\binond(e|ee|es|ation)\b",
    r"\bdegat d.?eau",
    r"\bodeur de gaz",
    r"\bfuite de gaz",
    r"\bsent le gaz",
    r"\betincelles?\b",
    r"\bfumee\b",
    r"\bodeur de brule",
]
# No heat is an emergency in the cold months only.
NO_HEAT_PATTERNS = [
    r"\bno heat\b",
    r"\bheat(ing)? (is )?(out|not working|stopped|broke)",
    r"\bfurnace (is )?(out|dead|not working|stopped|broke)",
    r"\b(boiler|heater) (is )?(out|dead|not working|broke)",
    r"\bpas de chauffage\b",
    r"\bplus de chauffage\b",
    r"\bchauffage (ne fonctionne|est en panne|en panne|ne marche)",
    r"\bfournaise (ne fonctionne|est en panne|en panne|ne marche)",
]
WINTER_MONTHS = {11, 12, 1, 2, 3}

HUMAN_PATTERNS = [
    r"\b(talk|speak|chat) (to|with) (a |an |the |some)?(real |actual |live )?"
    r"(person|human|someone|somebody|owner|manager|boss|plumber|technician|tech|agent)",
    r"\b(real|actual|live) (person|human)",
    r"\bare you (a )?(bot|robot|human|real)",
    r"\b(call|phone) me( back)?\b",
    r"\bhuman please\b",
    r"\bparler (a|avec) (quelqu.?un|une personne|un humain|le proprietaire|"
    r"le patron|un plombier|un technicien|quelqu un)",
    r"\bune vraie personne\b",
    r"\bun humain\b",
    r"\b(appelez|rappelez)[- ]moi\b",
    r"\betes[- ]vous un robot",
]
# Unhappy customers get a person, not a bot.
COMPLAINT_PATTERNS = [
    r"\b(not|never) (happy|satisfied|pleased)\b",
    r"\b(complain|complaint|disappointed|unacceptable|terrible|awful|ripped off)",
    r"\b(pas|jamais) (content|contente|satisfait|satisfaite)\b",
    r"\b(plainte|decu|decue|inacceptable)\b",
]
# Texts that try to give the agent orders; they change nothing, they are counted.
INJECTION_PATTERNS = [
    r"\bignore (all |any |your |the )*(previous |prior |above )?"
    r"(instructions|rules|prompt)",
    r"\b(system|developer) (prompt|message|mode)",
    r"\byou are now\b",
    r"\bact as\b",
    r"\bpretend (to be|you)",
    r"\bnew instructions\b",
    r"\badmin mode\b",
    r"\bjailbreak",
    r"\boublie(z)? (toutes )?(tes|vos|les) (instructions|regles|consignes)",
    r"\bignore(z)? (toutes )?(tes|vos|les) (instructions|regles|consignes)",
]

_EMERGENCY = [re.compile(p) for p in EMERGENCY_PATTERNS]
_NO_HEAT = [re.compile(p) for p in NO_HEAT_PATTERNS]
_HUMAN = [re.compile(p) for p in HUMAN_PATTERNS]
_INJECTION = [re.compile(p) for p in INJECTION_PATTERNS]
_COMPLAINT = [re.compile(p) for p in COMPLAINT_PATTERNS]


def is_emergency(text: str, local_now: datetime, extra: list[str] = ()) -> bool:
    """A danger to the home: flooding, gas, sparks, or no heat in the cold months."""
    folded = fold(text)
    if any(p.search(folded) for p in _EMERGENCY):
        return True
    if any(fold(word) in folded for word in extra if word.strip()):
        return True
    cold = local_now.month in WINTER_MONTHS
    return cold and any(p.search(folded) for p in _NO_HEAT)


def asks_for_person(text: str) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in _HUMAN)


def is_complaint(text: str) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in _COMPLAINT)


def looks_like_injection(text: str) -> bool:
    folded = fold(text)
    return any(p.search(folded) for p in _INJECTION)
