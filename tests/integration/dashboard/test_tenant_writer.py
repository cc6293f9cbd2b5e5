"""The tenant writer's compare-and-set writes against a real JetStream bucket."""

from libs.directory import TenantWriter, open_bucket
from tests.factories import tenant


async def writer(runtime) -> TenantWriter:
    return TenantWriter(await open_bucket(runtime.broker.connection, runtime.names))


async def test_creating_a_tenant_twice_keeps_the_first(runtime):
    tenants = await writer(runtime)

    assert await tenants.create(tenant("acme", revision=1))
    assert not await tenants.create(tenant("acme", revision=7))

    config, _ = await tenants.get("acme")
    assert config.revision == 1


async def test_a_replace_based_on_a_stale_read_is_refused(runtime):
    tenants = await writer(runtime)
    await tenants.create(tenant("acme", revision=1))
    _, first_read = await tenants.get("acme")

    assert await tenants.replace(tenant("acme", revision=2), last=first_read)
    assert not await tenants.replace(tenant("acme", revision=3), last=first_read)

    config, _ = await tenants.get("acme")
    assert config.revision == 2
    await runtime.directory.wait_for("acme", 2)


async def test_an_absent_or_deleted_tenant_reads_as_none(runtime):
    tenants = await writer(runtime)
    assert await tenants.get("nobody") is None

    await tenants.create(tenant("gone"))
    await tenants.delete("gone")

    assert await tenants.get("gone") is None
    assert await tenants.create(tenant("gone", revision=4))
