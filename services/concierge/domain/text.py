"""Words of a text message: folded, tokenised, and which language they are in."""

import re
import unicodedata

from libs.tenants import Language

_WORD = re.compile(r"[a-z0-9]+")

# Words that say little about what a message is about, in either language.
STOPWORDS = frozenset(
    """a an the and or of to in on at for is are was be do does did i me my we
    you your it its this that with can could would will please hi hello hey
    what when how which who there have has any some just so if about get
    le la les un une des de du et ou a au aux en est sont je j me m mon ma mes
    vous votre vos nous notre il elle on ce cet cette pour avec dans sur pas
    ne que qui quoi quand est-ce bonjour salut svp merci y s l d n c qu""".split()
)

_FRENCH = frozenset(
    """je j vous votre vos nous est sont le la les une des du pour avec dans
    bonjour salut merci oui non svp combien quand quel quelle quels ou est-ce
    pouvez peux voudrais veux prix cout tarif rendez heures ouvert ouverts
    fuite chauffage eau gaz odeur inondation sous sol demain aujourd hui
    semaine lundi mardi mercredi jeudi vendredi samedi dimanche parler
    quelqu personne humain proprietaire plombier debouchage
    changer deplacer annuler reserver rdv ca ma mes faire etes avez
    urgence etincelles plus tard autre mais aussi tres bien faut""".split()
)
_ENGLISH = frozenset(
    """i you your the is are my we can could would how much what when where
    which do does have has hi hello hey thanks thank yes no please price cost
    quote book appointment open hours tomorrow today week monday tuesday
    wednesday thursday friday saturday sunday talk speak someone person human
    owner leak water heater drain clogged basement flooding smell gas heat
    service area come out available change reschedule cancel need there and
    all give me to of it this that with for but not be get got just any they
    our us an want like will from about ignore instructions discount free
    other times reply or we're were am pm usually per job final once""".split()
)


def fold(text: str) -> str:
    """Casefolded and without accents: "Arrêt" and "arret" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A light stem for both languages: plurals fold into singulars."""
    if len(word) > 4 and word.endswith("es") and not word.endswith("ies"):
        return word[:-1]
    if len(word) > 3 and word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    """The words that carry meaning, stemmed: what retrieval matches on."""
    return [stem(w) for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def language_scores(text: str) -> dict[Language, int]:
    """How many signs of each language `text` shows."""
    tokens = words(text)
    french = sum(t in _FRENCH for t in tokens)
    # Accented letters are a strong sign of French in a text message.
    if any(c in "éèêàùçôîâ" for c in text.casefold()):
        french += 2
    return {"en": sum(t in _ENGLISH for t in tokens), "fr": french}


def language_of(text: str, fallback: Language) -> Language:
    """English or French, from the words used; `fallback` when it cannot tell."""
    scores = language_scores(text)
    if scores["fr"] > scores["en"]:
        return "fr"
    if scores["en"] > scores["fr"]:
        return "en"
    return fallback


def clearly_not(text: str, language: Language) -> bool:
    """True when `text` is plainly in the other language (two signs or more)."""
    scores = language_scores(text)
    other = "fr" if language == "en" else "en"
    return scores[other] >= 2 and scores[other] > scores[language]
