"""Who a request's key belongs to: the operator (admin key) or one tenant."""

from services.dashboard.domain import keys
from services.dashboard.ports import KeyStore


class Access:
    def __init__(self, key_store: KeyStore, admin_key: str) -> None:
        self._keys = key_store
        self._admin_key = admin_key

    def is_admin(self, key: str) -> bool:
        return keys.same_secret(key, self._admin_key)

    async def tenant_for(self, key: str) -> str | None:
        """The tenant a key was issued to, or None for an unknown or revoked key."""
        if not key.startswith(keys.PREFIX):
            return None
        return await self._keys.tenant_for(keys.digest(key))
