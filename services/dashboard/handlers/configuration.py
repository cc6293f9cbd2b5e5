"""Changing a tenant's configuration: validated, revision bumped, compare-and-set."""

import logging
from typing import Any

from pydantic import ValidationError

from libs.tenants import TenantConfig
from services.dashboard.handlers.errors import Conflict, NotFound, Refused
from services.dashboard.ports import TenantStore

logger = logging.getLogger(__name__)

# Two writes to one tenant at the same moment: the loser reads again and
# reapplies its change; more collisions than this mean something is wrong.
ATTEMPTS = 5


class Configuration:
    def __init__(self, tenants: TenantStore) -> None:
        self._tenants = tenants

    async def current(self, tenant_id: str) -> TenantConfig:
        stored = await self._tenants.get(tenant_id)
        if stored is None:
            raise NotFound("this tenant has no configuration")
        return stored[0]

    async def change(self, tenant_id: str, **changes: Any) -> TenantConfig:
        """Apply `changes` (top-level fields) and publish them through the bucket."""
        for _ in range(ATTEMPTS):
            stored = await self._tenants.get(tenant_id)
            if stored is None:
                raise NotFound("this tenant has no configuration")
            config, version = stored

            updated = revised(config, changes)
            check_numbers(self._tenants, updated)
            if await self._tenants.replace(updated, version):
                logger.info(
                    "tenant %s changed %s (revision %d)",
                    tenant_id,
                    ", ".join(sorted(changes)),
                    updated.revision,
                )
                return updated
        raise Conflict("the configuration kept changing while saving; try again")


def revised(config: TenantConfig, changes: dict[str, Any]) -> TenantConfig:
    """`config` with `changes` and the next revision, validated as a whole."""
    candidate = config.model_copy(
        update=changes | {"revision": config.revision + 1}
    ).model_dump()
    try:
        return TenantConfig.model_validate(candidate)
    except ValidationError as error:
        raise Refused(first_message(error)) from error


def check_numbers(tenants: TenantStore, config: TenantConfig) -> None:
    """A Twilio number belongs to one tenant: its calls must not reach another."""
    for number in config.numbers:
        owner = tenants.owner_of(number.number)
        if owner is not None and owner != config.tenant_id:
            raise Conflict(f"the number {number.number} belongs to another account")


def first_message(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else first["msg"]
