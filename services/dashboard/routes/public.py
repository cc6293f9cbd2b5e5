"""Pages anyone may open: the tenant's CASL identification, linked from short SMS."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from fastapi.responses import HTMLResponse

from services.dashboard.deps import App, limit_by_address
from services.dashboard.domain import public_page

router = APIRouter(tags=["public"], dependencies=[Depends(limit_by_address)])


@router.get("/p/{tenant_id}", response_class=HTMLResponse)
async def identification(
    tenant_id: Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")], app: App
) -> HTMLResponse:
    """Who sends this tenant's texts: name, mailing address, phone, email or website."""
    config = await app.configuration.current(tenant_id)
    return HTMLResponse(public_page.render(config))
