"""A sample plumbing business's knowledge: what `make run`'s demo tenant knows.

The evaluation set (evals/tenant.py) and the concierge's tests talk to the same
knowledge, so what a person tries on `make run` is what the scores measure:
services with and without a price band (one above the owner's approval
threshold), FAQ in both languages, a service area and booking rules.
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
from libs.tenants import OpeningHours

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]


def plumbing_knowledge() -> KnowledgeBase:
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


def opening_hours() -> list[OpeningHours]:
    """08:00-16:00 on weekdays, 09:00-13:00 on Saturday."""
    weekdays = [OpeningHours(day=d, opens=time(8), closes=time(16)) for d in WEEKDAYS]
    return weekdays + [OpeningHours(day="sat", opens=time(9), closes=time(13))]
