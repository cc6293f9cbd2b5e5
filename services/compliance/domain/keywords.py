"""Compliance keywords in inbound texts: opt-out, opt-in and help, English and French.

Carriers require the exact keywords; the design also asks us to honour short
natural requests ("stop texting me", "ne m'écrivez plus"). A short message counts
as a phrase only when every word in it is part of an opt-out request, so a long
or specific message that merely contains "stop" stays with the conversation.
"""

import string
import unicodedata
from dataclasses import dataclass
from typing import Literal

Kind = Literal["opt_out", "opt_in", "help"]
Language = Literal["en", "fr"]

OPT_OUT_KEYWORDS = {
    "stop": "en",
    "stopall": "en",
    "unsubscribe": "en",
    "cancel": "en",
    "end": "en",
    "quit": "en",
    "revoke": "en",
    "optout": "en",
    "opt out": "en",
    "arret": "fr",
}
OPT_IN_KEYWORDS = {"start", "unstop"}
# YES opts back in only a customer who is opted out; otherwise it is a reply.
CONDITIONAL_OPT_IN = "yes"
HELP_KEYWORDS = {"help": "en", "info": "en", "aide": "fr"}

# A phrase is short: longer messages are conversations, even with "stop" in them.
MAX_PHRASE_WORDS = 8

# Words that by themselves ask to stop, in either language.
_STOP_WORDS = {
    "stop", "stopall", "unsubscribe", "optout", "arret", "arrete", "arretez",
    "arreter", "desabonner", "desabonnez", "desabonne", "desinscrire",
    "desinscrivez", "unsub",
}  # fmt: skip
# Words that ask to stop only about the sender's own person ("remove me").
_REMOVE_WORDS = {"remove", "retirez", "retirer", "enlevez", "enlever"}
_SELF_WORDS = {"me", "moi", "m", "number", "numero"}
_NEGATIONS = {"no", "not", "dont", "don", "t", "never", "ne", "plus", "pas"}
# Negations that turn "stop" around: "don't stop", "never stop", "n'arrêtez pas".
_REVERSERS = {"not", "dont", "don", "never", "pas"}
_CONTACT_WORDS = {
    "text", "texts", "texting", "message", "messages", "messaging", "sms",
    "contact", "contacting", "send", "sending", "ecrire", "ecrivez", "texter",
    "textez", "envoyer", "envoyez", "contacter", "contactez", "textos", "texto",
}  # fmt: skip
_FILLER = {
    "please", "pls", "plz", "now", "thanks", "thank", "you", "me", "my", "your",
    "from", "list", "the", "this", "these", "all", "any", "more", "anymore",
    "us", "it", "do", "out", "of", "off", "take", "number", "to", "ok", "okay",
    "svp", "s", "il", "vous", "plait", "merci", "de", "des", "du", "m", "moi",
    "votre", "liste", "la", "le", "les", "ce", "cette", "tout", "maintenant",
    "numero", "mon", "a", "sil", "i", "want", "would", "like", "wish", "again",
    "ever", "further", "at", "opt", "je", "veux", "voudrais",
}  # fmt: skip
# Whole requests that use none of the words above.
_STOP_SENTENCES = {"leave me alone", "laissez moi tranquille"}
_FRENCH_WORDS = {
    "arret", "arrete", "arretez", "arreter", "desabonner", "desabonnez",
    "desabonne", "desinscrire", "desinscrivez", "retirez", "retirer", "enlevez",
    "enlever", "ne", "plus", "pas", "ecrire", "ecrivez", "texter", "textez",
    "envoyer", "envoyez", "contacter", "contactez", "textos", "texto", "svp",
    "il", "vous", "plait", "merci", "de", "des", "du", "moi", "votre", "liste",
    "la", "le", "les", "ce", "cette", "tout", "maintenant", "numero", "mon",
    "aide", "sil", "je", "veux", "voudrais", "laissez", "tranquille",
}  # fmt: skip
_VOCABULARY = (
    _STOP_WORDS | _REMOVE_WORDS | _SELF_WORDS | _NEGATIONS | _CONTACT_WORDS | _FILLER
)
_PUNCTUATION = str.maketrans({c: " " for c in string.punctuation + "«»“”‘’…¡¿"})


@dataclass(frozen=True)
class Keyword:
    """What an inbound text asks of the compliance layer."""

    kind: Kind
    language: Language
    # "keyword" for an exact keyword, "phrase" for a natural request.
    source: Literal["keyword", "phrase"]


def normalise(text: str) -> str:
    """Casefolded, without accents or punctuation, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.translate(_PUNCTUATION).split())


def classify(text: str, opted_out: bool) -> Keyword | None:
    """The keyword `text` amounts to, or None when it is for the conversation."""
    words = normalise(text)

    if words in OPT_OUT_KEYWORDS:
        return Keyword("opt_out", OPT_OUT_KEYWORDS[words], "keyword")
    if words in OPT_IN_KEYWORDS or (words == CONDITIONAL_OPT_IN and opted_out):
        return Keyword("opt_in", "en", "keyword")
    if words in HELP_KEYWORDS:
        return Keyword("help", HELP_KEYWORDS[words], "keyword")
    if is_opt_out_phrase(words.split()):
        return Keyword("opt_out", language_of(words.split()), "phrase")
    return None


def is_opt_out_phrase(tokens: list[str]) -> bool:
    """A short message made only of words that ask the sender to stop."""
    if " ".join(tokens) in _STOP_SENTENCES:
        return True
    if not tokens or len(tokens) > MAX_PHRASE_WORDS:
        return False
    if any(token not in _VOCABULARY for token in tokens):
        return False

    present = set(tokens)
    stops = bool(present & _STOP_WORDS) or {"opt", "out"} <= present
    removes = {"take", "off"} <= present or (
        bool(present & _REMOVE_WORDS) and bool(present & _SELF_WORDS)
    )

    # "stop texting me" asks to stop; "don't stop texting me" does not.
    if stops or removes:
        return not present & _REVERSERS
    # "no more texts", "do not text me", "ne m'écrivez plus".
    return bool(present & _NEGATIONS) and bool(present & _CONTACT_WORDS)


def language_of(tokens: list[str]) -> Language:
    """French when any word is French, else English."""
    return "fr" if set(tokens) & _FRENCH_WORDS else "en"
