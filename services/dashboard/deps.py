"""What routes are given: the use cases, and the caller's identity from its key."""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.dashboard.domain import keys
from services.dashboard.domain.ratelimit import RateLimiter
from services.dashboard.handlers.access import Access
from services.dashboard.handlers.actions import Actions
from services.dashboard.handlers.configuration import Configuration
from services.dashboard.handlers.provisioning import Provisioning
from services.dashboard.handlers.queries import Queries


@dataclass
class Dashboard:
    access: Access
    provisioning: Provisioning
    configuration: Configuration
    actions: Actions
    queries: Queries
    limiter: RateLimiter


def dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


tenant_key = HTTPBearer(
    scheme_name="TenantKey",
    description="The API key issued to one tenant; it reaches that tenant only.",
    auto_error=False,
)
admin_key = HTTPBearer(
    scheme_name="AdminKey",
    description="The operator's key, for provisioning tenants.",
    auto_error=False,
)
Credentials = HTTPAuthorizationCredentials | None


def unauthorized() -> HTTPException:
    return HTTPException(
        status_code=401,
        detail="a valid API key is required (Authorization: Bearer <key>)",
        headers={"WWW-Authenticate": "Bearer"},
    )


def limit(app: Dashboard, bucket: str) -> None:
    wait = app.limiter.take(bucket)
    if wait > 0:
        raise HTTPException(
            status_code=429,
            detail="too many requests with this key; slow down",
            headers={"Retry-After": str(max(1, round(wait)))},
        )


def caller_bucket(request: Request, credentials: Credentials) -> str:
    """Limit by the key presented (a digest, never the key), else by address."""
    if credentials is not None:
        return "key:" + keys.digest(credentials.credentials)[:32]
    return "addr:" + (request.client.host if request.client else "unknown")


async def tenant_of_key(
    request: Request,
    app: Annotated[Dashboard, Depends(dashboard)],
    credentials: Annotated[Credentials, Depends(tenant_key)],
) -> str:
    limit(app, caller_bucket(request, credentials))
    if credentials is None:
        raise unauthorized()
    tenant_id = await app.access.tenant_for(credentials.credentials)
    if tenant_id is None:
        raise unauthorized()
    return tenant_id


async def require_admin(
    request: Request,
    app: Annotated[Dashboard, Depends(dashboard)],
    credentials: Annotated[Credentials, Depends(admin_key)],
) -> None:
    limit(app, caller_bucket(request, credentials))
    if credentials is None or not app.access.is_admin(credentials.credentials):
        raise unauthorized()


def limit_by_address(
    request: Request, app: Annotated[Dashboard, Depends(dashboard)]
) -> None:
    limit(app, caller_bucket(request, None))


App = Annotated[Dashboard, Depends(dashboard)]
TenantId = Annotated[str, Depends(tenant_of_key)]
