"""The tenant configuration bucket: the dashboard writes it, every service watches it.

A service keeps the whole directory in memory (a few kilobytes per tenant), so
looking a tenant up by id or by Twilio number costs no I/O on the hot path, and
a change written by the dashboard reaches every replica within milliseconds,
without a restart.
"""

import asyncio
import logging

from nats.aio.client import Client
from nats.js.api import KeyValueConfig, StorageType
from nats.js.errors import (
    BucketNotFoundError,
    KeyDeletedError,
    KeyNotFoundError,
    KeyWrongLastSequenceError,
)
from nats.js.kv import KeyValue

from libs.subjects import Names
from libs.tenants import TenantConfig

logger = logging.getLogger(__name__)


async def open_bucket(nc: Client, names: Names, replicas: int = 1) -> KeyValue:
    """The tenants bucket, created on first use (as many copies as the streams)."""
    js = nc.jetstream()
    try:
        return await js.key_value(names.tenants_bucket)
    except BucketNotFoundError:
        return await js.create_key_value(
            KeyValueConfig(
                bucket=names.tenants_bucket,
                history=5,
                storage=StorageType.FILE,
                replicas=replicas,
            )
        )


class TenantWriter:
    """The one writer of tenant configurations (the dashboard; `make run`'s seeding)."""

    def __init__(self, bucket: KeyValue) -> None:
        self._bucket = bucket

    async def put(self, config: TenantConfig) -> None:
        await self._bucket.put(config.tenant_id, config.model_dump_json().encode())
        logger.info("tenant %s configuration written", config.tenant_id)

    async def delete(self, tenant_id: str) -> None:
        await self._bucket.delete(tenant_id)

    async def get(self, tenant_id: str) -> tuple[TenantConfig, int] | None:
        """The stored configuration and its bucket revision, or None when absent."""
        try:
            entry = await self._bucket.get(tenant_id)
        except (KeyNotFoundError, KeyDeletedError):
            return None
        return TenantConfig.model_validate_json(entry.value), entry.revision

    async def create(self, config: TenantConfig) -> bool:
        """Write a new tenant; False when the tenant already exists."""
        try:
            await self._bucket.create(
                config.tenant_id, config.model_dump_json().encode()
            )
        except KeyWrongLastSequenceError:
            return False
        logger.info("tenant %s configuration created", config.tenant_id)
        return True

    async def replace(self, config: TenantConfig, last: int) -> bool:
        """Write `config` only if the stored entry is still bucket revision `last`.

        False when another writer got there first: the caller reads and retries.
        """
        try:
            await self._bucket.update(
                config.tenant_id, config.model_dump_json().encode(), last=last
            )
        except KeyWrongLastSequenceError:
            return False
        logger.info("tenant %s configuration written", config.tenant_id)
        return True


class TenantDirectory:
    """An in-memory, always-current view of every tenant's configuration."""

    def __init__(self) -> None:
        self._tenants: dict[str, TenantConfig] = {}
        self._by_number: dict[str, str] = {}
        self._loaded = asyncio.Event()
        self._changed = asyncio.Condition()
        self._task: asyncio.Task | None = None

    async def start(self, bucket: KeyValue) -> None:
        """Load every tenant, then keep following changes in the background."""
        watcher = await bucket.watchall()
        self._task = asyncio.create_task(self._follow(watcher), name="tenant-directory")
        await asyncio.wait_for(self._loaded.wait(), timeout=10)

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()

    @property
    def loaded(self) -> bool:
        """True once every tenant stored in the bucket has been read (readiness)."""
        return self._loaded.is_set()

    def tenant(self, tenant_id: str) -> TenantConfig | None:
        return self._tenants.get(tenant_id)

    def by_number(self, e164: str) -> TenantConfig | None:
        """The tenant that owns the Twilio number `e164`."""
        tenant_id = self._by_number.get(e164)
        return self._tenants.get(tenant_id) if tenant_id else None

    def all(self) -> list[TenantConfig]:
        return list(self._tenants.values())

    async def wait_for(
        self, tenant_id: str, revision: int, timeout: float = 5.0
    ) -> None:
        """Block until this replica has seen `revision` of a tenant (tests, seeding)."""

        def seen() -> bool:
            config = self._tenants.get(tenant_id)
            return config is not None and config.revision >= revision

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(seen), timeout)

    async def _follow(self, watcher) -> None:
        async for entry in watcher:
            # The watcher marks the end of the initial values with a None entry.
            if entry is None:
                self._loaded.set()
                continue
            self._apply(entry.key, entry.value, entry.operation)
            async with self._changed:
                self._changed.notify_all()

    def _apply(self, key: str, value: bytes | None, operation: str | None) -> None:
        if operation in ("DEL", "PURGE") or not value:
            self._forget(key)
            return
        try:
            config = TenantConfig.model_validate_json(value)
        except ValueError:
            logger.exception("tenant %s: configuration in the bucket is invalid", key)
            return
        self._forget(key)
        self._tenants[key] = config
        for number in config.numbers:
            self._by_number[number.number] = key

    def _forget(self, tenant_id: str) -> None:
        old = self._tenants.pop(tenant_id, None)
        for number in old.numbers if old else []:
            self._by_number.pop(number.number, None)
