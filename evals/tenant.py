"""The business the evaluation set talks to (also seeded by the concierge's e2e tests).

A Toronto plumbing and heating company with hours, a service area, FAQ in both
languages, price bands (one above the owner's approval threshold) and services
with no band at all.
"""

from datetime import time

from libs.knowledge import (
    BookingRules,
    FaqEntry,
    KnowledgeBase,
    PriceBand,
    Service,
    ServiceArea,
)
from libs.tenants import BusinessIdentity, OpeningHours, TenantConfig, TwilioNumber

BUSINESS_NUMBER = "+14165550100"
OWNER_PHONE = "+14165550142"


def knowledge() -> KnowledgeBase:
    return KnowledgeBase(
        services=[
            Service(
                key="drain-cleaning",
                name="Drain cleaning",
                name_fr="Débouchage de drain",
                keywords=["clogged", "clog", "blocked", "drain", "bouché", "bouchée"],
            ),
            Service(
                key="water-heater",
                name="Water heater replacement",
                name_fr="Remplacement de chauffe-eau",
                keywords=["hot water", "tank", "heater", "chauffe-eau", "eau chaude"],
            ),
            Service(
                key="leak-repair",
                name="Leak repair",
                name_fr="Réparation de fuite",
                keywords=["leak", "leaking", "drip", "dripping", "fuite", "goutte"],
            ),
            Service(
                key="toilet-repair",
                name="Toilet repair",
                name_fr="Réparation de toilette",
                keywords=["toilet", "running", "toilette", "wc"],
            ),
            Service(
                key="sump-pump",
                name="Sump pump installation",
                name_fr="Installation de pompe de puisard",
                keywords=["sump", "pump", "pompe", "puisard"],
            ),
            Service(
                key="renovation",
                name="Bathroom renovation",
                name_fr="Rénovation de salle de bain",
                keywords=["renovation", "remodel", "reno", "rénovation", "bathroom"],
            ),
        ],
        price_bands=[
            PriceBand(service="drain-cleaning", low=150, high=300),
            PriceBand(
                service="water-heater", low=1800, high=3500, owner_approval_above=2000
            ),
            PriceBand(service="leak-repair", low=95, high=140, unit="hour"),
            PriceBand(service="toilet-repair", low=120, high=250),
        ],
        faq=[
            FaqEntry(
                question="Is there a service call fee?",
                answer="Our service call fee is $89, credited to the job if you "
                "go ahead with the work.",
                question_fr="Y a-t-il des frais de déplacement?",
                answer_fr="Les frais de déplacement sont de 89 $, déduits du prix "
                "si vous faites faire les travaux.",
                keywords=["call out", "trip", "visit fee", "diagnostic", "frais"],
            ),
            FaqEntry(
                question="Which payment methods do you accept?",
                answer="We take debit, Visa, Mastercard and e-transfer.",
                question_fr="Quels modes de paiement acceptez-vous?",
                answer_fr="Nous acceptons Interac, Visa, Mastercard et le virement.",
                keywords=["pay", "credit card", "cash", "payer", "carte", "paiement"],
            ),
            FaqEntry(
                question="Are you licensed and insured?",
                answer="Yes: licensed plumbers, fully insured, and our labour has "
                "a 1-year warranty.",
                question_fr="Êtes-vous certifiés et assurés?",
                answer_fr="Oui: plombiers certifiés, entièrement assurés, et la "
                "main-d'oeuvre a une garantie d'un an.",
                keywords=["license", "insurance", "warranty", "certifié", "assurance"],
            ),
            FaqEntry(
                question="Do you do emergency or after-hours calls?",
                answer="For emergencies text us here: we alert the owner at once.",
                question_fr="Faites-vous des urgences en dehors des heures?",
                answer_fr="Pour une urgence, écrivez-nous ici: on alerte le "
                "propriétaire tout de suite.",
                keywords=["after hours", "night", "weekend", "nuit", "soir"],
            ),
            FaqEntry(
                question="Do you install heat pumps or air conditioners?",
                answer="No, we do plumbing and water heaters only, not heat pumps "
                "or air conditioning.",
                question_fr="Installez-vous des thermopompes ou climatiseurs?",
                answer_fr="Non, nous faisons seulement la plomberie et les "
                "chauffe-eau, pas les thermopompes ni la climatisation.",
                keywords=["heat pump", "ac", "air conditioning", "thermopompe", "clim"],
            ),
        ],
        service_area=ServiceArea(
            description="We serve Toronto, North York, Etobicoke, Scarborough "
            "and Mississauga.",
            description_fr="Nous desservons Toronto, North York, Etobicoke, "
            "Scarborough et Mississauga.",
            places=["Toronto", "North York", "Etobicoke", "Scarborough", "Mississauga"],
        ),
        booking=BookingRules(slot_minutes=120, lead_time_minutes=120, horizon_days=14),
    )


def tenant(tenant_id: str = "acme", revision: int = 1) -> TenantConfig:
    weekdays = ["mon", "tue", "wed", "thu", "fri"]
    return TenantConfig(
        tenant_id=tenant_id,
        identity=BusinessIdentity(
            name="Acme Plumbing",
            mailing_address="100 King St W, Toronto ON M5X 1A9",
            phone="+14165550199",
            website="https://acme.example",
        ),
        numbers=[TwilioNumber(number=BUSINESS_NUMBER, mode="forwarded")],
        owner_phone=OWNER_PHONE,
        languages=["en", "fr"],
        hours=[OpeningHours(day=d, opens=time(8), closes=time(16)) for d in weekdays]
        + [OpeningHours(day="sat", opens=time(9), closes=time(13))],
        knowledge=knowledge(),
        revision=revision,
    )
