"""Provisioning and configuration through the API, over in-memory ports."""

import pytest

from tests.unit.dashboard.harness import ADMIN_KEY, Harness, setup_body

NUMBER = "+14165550100"


@pytest.fixture
async def h() -> Harness:
    return Harness()


async def test_a_provisioned_tenant_links_short_texts_to_its_public_page(h):
    await h.provision("acme", NUMBER)

    config, _ = h.tenants.stored["acme"]
    assert config.public_page_url == "https://dash.example/p/acme"
    assert config.revision == 1


async def test_the_api_key_is_shown_once_and_only_its_digest_is_stored(h):
    key = await h.provision("acme", NUMBER)

    assert key.startswith("rbk_") and len(key) > 40
    assert key not in h.keys.owners
    assert list(h.keys.owners.values()) == ["acme"]


async def test_a_tenant_cannot_be_provisioned_twice(h):
    await h.provision("acme", NUMBER)

    async with h.client(ADMIN_KEY) as admin:
        again = await admin.post(
            "/v1/admin/tenants", json=setup_body("acme", "+14165550111")
        )

    assert again.status_code == 409


async def test_a_new_tenant_listing_one_number_twice_is_refused_clearly(h):
    body = setup_body("acme", NUMBER)
    body["numbers"] *= 2

    async with h.client(ADMIN_KEY) as admin:
        refused = await admin.post("/v1/admin/tenants", json=body)

    assert refused.status_code == 422
    assert "listed twice" in refused.json()["detail"]
    assert h.tenants.stored == {}


async def test_rotating_the_key_stops_the_old_one_at_once(h):
    old = await h.provision("acme", NUMBER)

    async with h.client(ADMIN_KEY) as admin:
        rotated = await admin.post("/v1/admin/tenants/acme/api-key")
    new = rotated.json()["api_key"]

    async with h.client(old) as with_old, h.client(new) as with_new:
        assert (await with_old.get("/v1/tenant")).status_code == 401
        assert (await with_new.get("/v1/tenant")).status_code == 200


@pytest.mark.parametrize(
    ("template", "complaint"),
    [
        ("Sorry we missed your call! Reply STOP to opt out.", "{business}"),
        ("Hi from {business}, sorry we missed your call!", "opt out"),
        ("Hi from {business}, we will stop by soon.", "opt out"),
    ],
)
async def test_a_template_without_the_name_or_an_opt_out_is_refused_clearly(
    h, template, complaint
):
    key = await h.provision("acme", NUMBER)

    async with h.client(key) as client:
        response = await client.put(
            "/v1/tenant/textback", json={"templates": {"en": template}}
        )

    assert response.status_code == 422
    assert complaint in response.text
    assert h.tenants.stored["acme"][0].revision == 1


async def test_a_compliant_template_is_stored_with_the_next_revision(h):
    key = await h.provision("acme", NUMBER)
    template = "{business} here: we missed you! Reply STOP to opt out."

    async with h.client(key) as client:
        response = await client.put(
            "/v1/tenant/textback",
            json={"templates": {"en": template}, "delay_seconds": 5},
        )

    config, _ = h.tenants.stored["acme"]
    assert response.status_code == 200
    assert (
        config.revision,
        config.textback.templates,
        config.textback.delay_seconds,
    ) == (
        2,
        {"en": template},
        5,
    )


async def test_a_french_template_must_carry_arret(h):
    key = await h.provision("acme", NUMBER)
    templates = {
        "en": "{business}: sorry! Reply STOP to opt out.",
        "fr": "{business} : désolés! Répondez STOP.",
    }

    async with h.client(key) as client:
        response = await client.put(
            "/v1/tenant/textback", json={"templates": templates}
        )

    assert response.status_code == 422
    assert "ARRET" in response.text


async def test_a_number_of_another_tenant_cannot_be_claimed(h):
    await h.provision("acme", NUMBER)
    key = await h.provision("other", "+14165550111")

    async with h.client(key) as client:
        response = await client.put(
            "/v1/tenant/numbers", json={"numbers": [{"number": NUMBER}]}
        )

    assert response.status_code == 409
    assert h.tenants.owner_of(NUMBER) == "acme"


async def test_opening_hours_must_open_before_they_close(h):
    key = await h.provision("acme", NUMBER)
    hours = [{"day": "mon", "opens": "17:00", "closes": "08:00"}]

    async with h.client(key) as client:
        response = await client.put("/v1/tenant/hours", json={"hours": hours})

    assert response.status_code == 422
    assert "opening must come before closing" in response.text


async def test_the_public_page_shows_the_casl_identification_escaped(h):
    await h.provision(
        "acme",
        NUMBER,
        identity={
            "name": "Acme <b>Plumbing</b>",
            "mailing_address": "100 King St W, Toronto ON M5X 1A9",
            "phone": "416 555 0199",
            "email": "office@acme.example",
            "website": "javascript:alert(1)",
        },
    )

    async with h.client() as anyone:
        page = await anyone.get("/p/acme")

    assert page.status_code == 200
    assert "Acme &lt;b&gt;Plumbing&lt;/b&gt;" in page.text
    assert "100 King St W, Toronto ON M5X 1A9" in page.text
    assert "+14165550199" in page.text and "office@acme.example" in page.text
    assert 'href="javascript:' not in page.text


async def test_an_unknown_tenant_has_no_public_page(h):
    async with h.client() as anyone:
        assert (await anyone.get("/p/nobody")).status_code == 404
