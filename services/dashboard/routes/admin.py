"""Provisioning, for the operator's admin key only."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from services.dashboard.deps import App, require_admin
from services.dashboard.schemas import IssuedKey, ProvisionedTenant, TenantSetup

router = APIRouter(
    prefix="/v1/admin", tags=["provisioning"], dependencies=[Depends(require_admin)]
)
TenantPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]


@router.post("/tenants", status_code=201)
async def create_tenant(setup: TenantSetup, app: App) -> ProvisionedTenant:
    """Create a tenant and issue its API key, which is shown this once only."""
    config, key = await app.provisioning.create(setup)
    return ProvisionedTenant(tenant=config, api_key=key)


@router.post("/tenants/{tenant_id}/api-key", status_code=201)
async def rotate_key(tenant_id: TenantPath, app: App) -> IssuedKey:
    """Issue a new API key for a tenant; its older keys stop working at once."""
    return IssuedKey(
        tenant_id=tenant_id, api_key=await app.provisioning.rotate(tenant_id)
    )
