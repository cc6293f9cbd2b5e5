"""Tenant configurations in the JetStream bucket every service watches."""

from libs.directory import TenantDirectory, TenantWriter
from libs.tenants import TenantConfig


class BucketTenants:
    """Reads and writes go to the bucket; number ownership comes from the directory."""

    def __init__(self, writer: TenantWriter, directory: TenantDirectory) -> None:
        self._writer = writer
        self._directory = directory

    async def get(self, tenant_id: str) -> tuple[TenantConfig, int] | None:
        return await self._writer.get(tenant_id)

    async def create(self, config: TenantConfig) -> bool:
        return await self._writer.create(config)

    async def replace(self, config: TenantConfig, last: int) -> bool:
        return await self._writer.replace(config, last)

    def owner_of(self, number: str) -> str | None:
        # The directory trails the bucket by milliseconds: two tenants claiming
        # one number at the same instant could both succeed. Numbers are added
        # by hand, rarely, so the window is accepted rather than locked.
        owner = self._directory.by_number(number)
        return owner.tenant_id if owner else None
