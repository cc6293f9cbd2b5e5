"""Checks every reply passes after the brain wrote it, whichever brain it was.

A brain may be wrong, or talked into something by the customer; these checks
are code, so they hold regardless. A reply with a price, a link or a promise
the tenant's own data does not contain is replaced by a safe line and the
thread goes to the owner. A reply in the wrong language is replaced the same
way. A long reply is cut to fit two SMS segments.
"""

import re
from dataclasses import dataclass, field

from libs.tenants import Language, TenantConfig
from services.concierge.domain import sms
from services.concierge.domain.text import clearly_not, fold

_MONEY = re.compile(
    r"(?:[$€£]\s?(\d[\d,  ]*(?:[.,]\d{1,2})?))"
    r"|(?:(\d[\d,  ]*(?:[.,]\d{1,2})?)\s?(?:[$€£]|dollars?|bucks|cad|usd|euros?))",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://\S+)|(?:www\.\S+)|(?:\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\."
    r"(?:com|ca|net|org|io|ly|co|info|biz|example|app|me|us)\b(?:/\S*)?)",
    re.IGNORECASE,
)
_PERCENT = re.compile(r"\d+\s?%")
# Words that commit the business to something; allowed only when the tenant's
# own data says them.
PROMISE_WORDS = [
    "guarantee",
    "guaranteed",
    "warranty",
    "free",
    "discount",
    "refund",
    "no charge",
    "price match",
    "same day",
    "same-day",
    "within the hour",
    "garanti",
    "garantie",
    "gratuit",
    "gratuite",
    "rabais",
    "remise",
    "rembourse",
    "remboursement",
    "reduction",
    "le jour meme",
    "sans frais",
]
_PROMISES = [re.compile(rf"\b{re.escape(word)}\b") for word in PROMISE_WORDS]


@dataclass(frozen=True)
class TenantFacts:
    """What a reply may quote: amounts, links and words from the tenant's own data."""

    amounts: frozenset[float]
    links: frozenset[str]
    text: str

    @classmethod
    def of(cls, tenant: TenantConfig) -> "TenantFacts":
        knowledge = tenant.knowledge
        pieces = [tenant.identity.website or "", tenant.public_page_url or ""]
        pieces += [tenant.reviews.google_review_url or ""]
        for entry in knowledge.faq:
            pieces += [entry.question, entry.answer, entry.answer_fr or ""]
        if knowledge.service_area:
            pieces += [knowledge.service_area.description]
            pieces += [knowledge.service_area.description_fr or ""]
        corpus = " ".join(pieces)
        amounts = {a for band in knowledge.price_bands for a in (band.low, band.high)}
        amounts |= set(money_in(corpus))
        return cls(
            amounts=frozenset(amounts),
            links=frozenset(_link_key(u) for u in _URL.findall(corpus)),
            text=fold(corpus),
        )


@dataclass
class Verdict:
    text: str
    # Rules the brain's reply broke; empty when it passed (perhaps shortened).
    broken: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.broken


def money_in(text: str) -> list[float]:
    found = []
    for match in _MONEY.finditer(text):
        raw = match.group(1) or match.group(2)
        digits = raw.replace(",", "").replace(" ", "").replace(" ", "")
        try:
            found.append(float(digits))
        except ValueError:
            continue
    return found


def check(reply: str, language: Language, facts: TenantFacts) -> Verdict:
    """The reply as it may go out, or what it broke."""
    broken = []
    if any(amount not in facts.amounts for amount in money_in(reply)):
        broken.append("price")
    if _PERCENT.search(reply) and not _PERCENT.search(facts.text):
        broken.append("price")
    if any(_link_key(u) not in facts.links for u in _URL.findall(reply)):
        broken.append("url")
    folded = fold(reply)
    if any(p.search(folded) and not p.search(facts.text) for p in _PROMISES):
        broken.append("promise")
    if clearly_not(reply, language):
        broken.append("language")
    if broken:
        return Verdict(reply, sorted(set(broken)))
    return Verdict(sms.fit(reply))


def _link_key(url: str) -> str:
    folded = url.casefold().rstrip(".,;:!?)")
    for prefix in ("https://", "http://", "www."):
        folded = folded.removeprefix(prefix)
    return folded.rstrip("/")
