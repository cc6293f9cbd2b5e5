"""A tenant's knowledge as searchable entries, with answers in both languages."""

from dataclasses import dataclass, field

from libs.knowledge import Service
from libs.tenants import Language, TenantConfig
from services.concierge.domain import formatting
from services.concierge.domain.guardrails import TenantFacts
from services.concierge.domain.retrieval import Bm25Index, Document, Hit
from services.concierge.domain.text import words

# Words customers use about opening hours and the service area; the entries
# themselves are generated from the configuration and would not contain them.
HOURS_WORDS = (
    "hours open opening close closed schedule weekend "
    "heures ouvert ouverts ferme horaire horaires"
)
AREA_WORDS = "area serve cover travel city where secteur desservez territoire ville"
GENERATED_BOOST = 1.5
OPEN = {"en": "We're open {}.", "fr": "Nous sommes ouverts {}."}


@dataclass
class KnowledgeIndex:
    """Built once per tenant revision; read by both brains' tools."""

    tenant: TenantConfig
    index: Bm25Index = field(init=False)
    # What replies may quote (guardrails), computed once per revision too.
    facts: TenantFacts = field(init=False)
    _answers: dict[tuple[str, str], dict[Language, str | None]] = field(
        init=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        documents = []
        knowledge = self.tenant.knowledge
        for number, entry in enumerate(knowledge.faq):
            ref = str(number)
            text = " ".join([entry.question, entry.question_fr or "", *entry.keywords])
            documents.append(Document("faq", ref, text))
            self._answers[("faq", ref)] = {"en": entry.answer, "fr": entry.answer_fr}
        for service in knowledge.services:
            documents.append(Document("service", service.key, service_text(service)))
        if self.tenant.hours:
            documents.append(Document("hours", "hours", HOURS_WORDS, GENERATED_BOOST))
            self._answers[("hours", "hours")] = {
                language: OPEN[language].format(
                    formatting.hours(self.tenant.hours, language)
                )
                for language in ("en", "fr")
            }
        area = knowledge.service_area
        if area is not None:
            text = " ".join([AREA_WORDS, *area.places])
            documents.append(Document("area", "area", text, GENERATED_BOOST))
            self._answers[("area", "area")] = {
                "en": area.description,
                "fr": area.description_fr,
            }
        self.index = Bm25Index(documents)
        self.facts = TenantFacts.of(self.tenant)

    def search(self, text: str, limit: int = 3) -> list[Hit]:
        return self.index.search(text, limit, kinds=("faq", "hours", "area"))

    def answer(self, hit: Hit, language: Language) -> str | None:
        """The entry's answer in `language`; None when the owner wrote none in it."""
        answers = self._answers.get((hit.document.kind, hit.document.ref), {})
        return answers.get(language)

    def find_service(self, text: str) -> Service | None:
        """The service a text names, if one stands out."""
        hits = self.index.search(text, 1, kinds=("service",))
        if not hits:
            return None
        return self.tenant.knowledge.service(hits[0].document.ref)

    def place_answer(self, text: str, language: Language) -> str | None:
        """The service-area answer when `text` names a place the business lists."""
        area = self.tenant.knowledge.service_area
        if area is None:
            return None
        folded = f" {' '.join(words(text))} "
        if not any(f" {' '.join(words(place))} " in folded for place in area.places):
            return None
        return area.description_fr if language == "fr" else area.description

    def service_names(self, language: Language) -> list[str]:
        return [service_name(s, language) for s in self.tenant.knowledge.services]


def service_text(service: Service) -> str:
    return " ".join(
        [service.name, service.name_fr or "", service.key.replace("-", " ")]
        + service.keywords
    )


def service_name(service: Service, language: Language) -> str:
    if language == "fr" and service.name_fr:
        return service.name_fr
    return service.name


class IndexCache:
    """One index per tenant, rebuilt when the tenant's revision changes."""

    def __init__(self) -> None:
        self._indexes: dict[str, KnowledgeIndex] = {}

    def for_tenant(self, tenant: TenantConfig) -> KnowledgeIndex:
        cached = self._indexes.get(tenant.tenant_id)
        if cached is None or cached.tenant is not tenant:
            cached = KnowledgeIndex(tenant)
            self._indexes[tenant.tenant_id] = cached
        return cached
