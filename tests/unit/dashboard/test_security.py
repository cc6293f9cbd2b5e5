"""Keys, limits and sizes, tried on every route the OpenAPI description lists."""

import pytest

from libs.bus import PublishFailed
from tests.unit.dashboard.harness import ADMIN_KEY, Harness, dashboard_settings
from tests.unit.dashboard.openapi_walk import operations, valid_bodies

NUMBER = "+14165550100"
CUSTOMER = "+14165550123"
PATH_VALUES = {
    "customer": CUSTOMER,
    "request_id": "manual-1",
    "job_id": "job-1",
    "tenant_id": "acme",
}


@pytest.fixture
async def h() -> Harness:
    harness = Harness()
    harness.tenant_key = await harness.provision("acme", NUMBER)
    return harness


async def call(h: Harness, key: str | None, op):
    body = valid_bodies("+14165550111", CUSTOMER)[(op.method, op.path)]
    async with h.client(key) as client:
        return await client.request(op.method, op.url(**PATH_VALUES), json=body)


def test_every_route_has_a_request_in_the_walk():
    listed = {(op.method, op.path) for op in operations(Harness().app)}

    assert listed == set(valid_bodies(NUMBER, CUSTOMER))


def test_every_route_but_the_public_page_needs_a_key():
    unprotected = [op.path for op in operations(Harness().app) if op.scheme is None]

    assert unprotected == ["/p/{tenant_id}"]


@pytest.mark.parametrize("key", [None, "rbk_not-a-key-anyone-was-given", "garbage"])
async def test_a_missing_or_wrong_key_gets_401_on_every_route(h, key):
    for op in operations(h.app):
        if op.scheme is None:
            continue
        response = await call(h, key, op)
        assert response.status_code == 401, (op, response.text)
        assert response.headers["www-authenticate"] == "Bearer"


async def test_the_admin_key_opens_no_tenant_route(h):
    for op in operations(h.app):
        if op.scheme == "TenantKey":
            assert (await call(h, ADMIN_KEY, op)).status_code == 401, op


async def test_a_tenant_key_cannot_provision(h):
    for op in operations(h.app):
        if op.scheme == "AdminKey":
            assert (await call(h, h.tenant_key, op)).status_code == 401, op
    assert list(h.tenants.stored) == ["acme"]


async def test_a_key_over_its_rate_gets_429_with_a_retry_after():
    h = Harness(settings=dashboard_settings(rate_per_second=0.5, rate_burst=3))
    key = await h.provision("acme", NUMBER)

    async with h.client(key) as client:
        statuses = [(await client.get("/v1/tenant")).status_code for _ in range(4)]
        refused = await client.get("/v1/tenant")

    assert statuses == [200, 200, 200, 429]
    assert int(refused.headers["retry-after"]) >= 1


async def test_one_key_spending_its_rate_leaves_another_alone():
    h = Harness(settings=dashboard_settings(rate_per_second=0.5, rate_burst=2))
    greedy = await h.provision("acme", NUMBER)
    calm = await h.provision("other", "+14165550111")

    async with h.client(greedy) as client:
        for _ in range(3):
            await client.get("/v1/tenant")
    async with h.client(calm) as client:
        assert (await client.get("/v1/tenant")).status_code == 200


async def chunks(size: int, count: int):
    for _ in range(count):
        yield b" " * size


async def test_a_body_over_the_limit_is_refused_with_413():
    h = Harness(settings=dashboard_settings(max_body_bytes=2048))
    key = await h.provision("acme", NUMBER)

    async with h.client(key) as client:
        declared = await client.put(
            "/v1/tenant/knowledge", content=b"{" + b" " * 4096 + b"}"
        )
        streamed = await client.put("/v1/tenant/knowledge", content=chunks(1024, 4))

    assert (declared.status_code, streamed.status_code) == (413, 413)


async def test_a_bus_that_cannot_store_the_command_gets_503_not_500(h):
    async def refuse(message):
        raise PublishFailed("JetStream did not answer")

    h.publisher.publish = refuse

    async with h.client(h.tenant_key) as client:
        response = await client.post(f"/v1/threads/{CUSTOMER}/take-over")

    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
