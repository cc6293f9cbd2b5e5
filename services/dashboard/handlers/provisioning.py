"""What the operator does with the admin key: create tenants, issue their keys."""

import logging

from pydantic import ValidationError

from libs.clock import Clock
from libs.tenants import TenantConfig
from services.dashboard.domain import keys
from services.dashboard.handlers.configuration import check_numbers, first_message
from services.dashboard.handlers.errors import Conflict, NotFound, Refused
from services.dashboard.ports import KeyStore, TenantStore
from services.dashboard.schemas import TenantSetup

logger = logging.getLogger(__name__)


class Provisioning:
    def __init__(
        self,
        tenants: TenantStore,
        key_store: KeyStore,
        public_url: str,
        clock: Clock,
    ) -> None:
        self._tenants = tenants
        self._keys = key_store
        self._public_url = public_url.rstrip("/")
        self._clock = clock

    def public_page_url(self, tenant_id: str) -> str:
        return f"{self._public_url}/p/{tenant_id}"

    async def create(self, setup: TenantSetup) -> tuple[TenantConfig, str]:
        """Write the new tenant, then issue its first key (returned once)."""
        # The setup passed its own checks; the whole configuration has more.
        try:
            config = TenantConfig.model_validate(
                setup.model_dump()
                | {
                    "public_page_url": self.public_page_url(setup.tenant_id),
                    "revision": 1,
                }
            )
        except ValidationError as error:
            raise Refused(first_message(error)) from error
        check_numbers(self._tenants, config)
        if not await self._tenants.create(config):
            raise Conflict(f"tenant {setup.tenant_id} already exists")
        logger.info("tenant %s provisioned", config.tenant_id)

        return config, await self._issue(config.tenant_id)

    async def rotate(self, tenant_id: str) -> str:
        """A new key for the tenant; every older key stops working at once."""
        if await self._tenants.get(tenant_id) is None:
            raise NotFound(f"no tenant {tenant_id}")
        key = await self._issue(tenant_id)
        await self._keys.revoke_all_but(tenant_id, keys.digest(key))
        logger.info("tenant %s API key rotated", tenant_id)
        return key

    async def _issue(self, tenant_id: str) -> str:
        key = keys.new_key()
        await self._keys.add(keys.digest(key), tenant_id, self._clock.now())
        return key
