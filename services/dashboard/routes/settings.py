"""The tenant's configuration: read it whole, change it part by part."""

from fastapi import APIRouter

from libs.knowledge import KnowledgeBase
from libs.tenants import BusinessIdentity, ReviewSettings, TenantConfig
from services.dashboard.deps import App, TenantId
from services.dashboard.schemas import (
    HoursUpdate,
    LanguagesUpdate,
    NumbersUpdate,
    OwnerPhone,
    TextbackUpdate,
)

router = APIRouter(prefix="/v1/tenant", tags=["configuration"])


@router.get("")
async def read_configuration(app: App, tenant_id: TenantId) -> TenantConfig:
    """The tenant's whole configuration, as every service sees it."""
    return await app.configuration.current(tenant_id)


@router.put("/identity")
async def set_identity(
    identity: BusinessIdentity, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set the business identity: name, address, phone, email, website, time zone."""
    return await app.configuration.change(tenant_id, identity=identity)


@router.put("/numbers")
async def set_numbers(
    update: NumbersUpdate, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set the tenant's Twilio numbers and how calls reach each (dial or forwarded)."""
    return await app.configuration.change(tenant_id, numbers=update.numbers)


@router.put("/owner-phone")
async def set_owner_phone(
    update: OwnerPhone, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set the owner's own phone: rung in dial mode, told of handoffs and alerts."""
    return await app.configuration.change(tenant_id, owner_phone=update.owner_phone)


@router.put("/languages")
async def set_languages(
    update: LanguagesUpdate, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set the languages the business answers in (en, fr)."""
    return await app.configuration.change(tenant_id, languages=update.languages)


@router.put("/hours")
async def set_hours(update: HoursUpdate, app: App, tenant_id: TenantId) -> TenantConfig:
    """Set the business hours, day by day."""
    return await app.configuration.change(tenant_id, hours=update.hours)


@router.put("/textback")
async def set_textback(
    textback: TextbackUpdate, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set text-back: on or off, delay, cooldown, ring time and the templates."""
    return await app.configuration.change(tenant_id, textback=textback)


@router.put("/reviews")
async def set_reviews(
    reviews: ReviewSettings, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set review requests: on or off, Google link, delay, reminder, asking again."""
    return await app.configuration.change(tenant_id, reviews=reviews)


@router.put("/knowledge")
async def set_knowledge(
    knowledge: KnowledgeBase, app: App, tenant_id: TenantId
) -> TenantConfig:
    """Set the concierge's knowledge: FAQ, services, price bands, booking rules."""
    return await app.configuration.change(tenant_id, knowledge=knowledge)
