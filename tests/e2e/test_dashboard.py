"""The dashboard API over every service as a process: config, actions, audit."""

import csv
import io

import httpx
import pytest

from libs.devstack.demo import provision
from tests.e2e.conftest import fresh_mobile_number, texts_to
from tests.helpers import eventually

TIMEOUT = 15
NUMBER = "+14165550166"
TEMPLATE = (
    "{business} here, sorry we missed you! Book at acme.example. Reply STOP to opt out."
)


@pytest.fixture(scope="module")
def tenant_key(stack) -> str:
    """A tenant created through the dashboard, as an operator would."""
    return provision(
        stack.dashboard_url,
        stack.admin_key,
        {
            "tenant_id": "dash-heating",
            "identity": {
                "name": "Dash Heating",
                "mailing_address": "9 Queen St E, Toronto ON M5C 1R4",
                "phone": "+14165550198",
                "website": "https://dash-heating.example",
            },
            "numbers": [{"number": NUMBER, "mode": "forwarded"}],
            "owner_phone": "+14165550143",
        },
    )


@pytest.fixture
async def api(stack, tenant_key):
    async with httpx.AsyncClient(
        base_url=stack.dashboard_url,
        headers={"Authorization": f"Bearer {tenant_key}"},
        timeout=10,
    ) as client:
        yield client


async def missed_call_texted(phone, sandbox, caller) -> str:
    """Call until ingress knows the number, then the text-back's body."""

    async def accepted():
        return (await phone.missed_call(caller, NUMBER, outcome="forwarded")).ok

    await eventually(accepted, TIMEOUT, "ingress knowing the new tenant's number")

    async def texted():
        return await texts_to(sandbox, caller)

    [text] = await eventually(texted, TIMEOUT, f"a text-back to {caller}")
    return text["body"]


async def test_a_template_changed_through_the_api_is_the_next_text_backs(
    stack, api, phone, sandbox, caller
):
    first = await missed_call_texted(phone, sandbox, caller)

    changed = await api.put("/v1/tenant/textback", json={"templates": {"en": TEMPLATE}})
    second = await missed_call_texted(phone, sandbox, fresh_mobile_number())

    assert changed.status_code == 200, changed.text
    assert "Sorry we missed your call" in first
    assert second.startswith("Dash Heating here, sorry we missed you! Book at acme")
    # Short texts identify the business through its public page.
    assert f"{stack.dashboard_url}/p/dash-heating" in second
    # The template's own opt-out line is the one the gate requires: not repeated.
    assert first.count("STOP") == second.count("STOP") == 1


async def test_a_manual_send_to_an_opted_out_customer_is_blocked_and_says_why(
    api, phone, sandbox, caller
):
    await eventually(
        lambda: _ok(phone.text(caller, NUMBER, "STOP")), TIMEOUT, "the STOP accepted"
    )
    await eventually(lambda: texts_to(sandbox, caller), TIMEOUT, "the confirmation")

    response = await api.post(
        "/v1/messages", json={"to": caller, "body": "We can come Tuesday."}
    )

    outcome = response.json()
    assert response.status_code == 200, outcome
    assert (outcome["state"], outcome["reason"]) == ("blocked", "opted_out")
    assert "opted out" in outcome["explanation"]
    assert len(await texts_to(sandbox, caller)) == 1


async def test_the_consent_export_lists_every_consent_and_opt_out_with_evidence(
    api, phone, sandbox, caller
):
    await missed_call_texted(phone, sandbox, caller)
    question = await phone.text(caller, NUMBER, "Do you service boilers?")
    stop = await phone.text(caller, NUMBER, "STOP")

    async def callers_rows():
        export = await api.get("/v1/consents/export.csv")
        rows = list(csv.DictReader(io.StringIO(export.text)))
        mine = [r for r in rows if r["customer"] == caller]
        return mine if len(mine) >= 3 else None

    rows = await eventually(callers_rows, TIMEOUT, "the caller's three ledger rows")
    by_kind = {(r["kind"], r["basis_or_source"]): r["evidence"] for r in rows}
    assert by_kind[("consent", "call")].startswith("CA")
    assert by_kind[("consent", "text")].startswith(question.sid)
    assert "Do you service boilers?" in by_kind[("consent", "text")]
    assert by_kind[("opt_out", "keyword")].startswith(stop.sid)
    opted_out = (await api.get("/v1/opt-outs")).json()
    assert caller in [o["customer"] for o in opted_out]


async def test_a_missed_call_shows_its_time_to_text_and_its_thread(
    api, phone, sandbox, caller
):
    body = await missed_call_texted(phone, sandbox, caller)

    async def texted_call():
        calls = (await api.get("/v1/missed-calls")).json()
        return [c for c in calls if c["caller"] == caller and c["text"] == "texted"]

    [call] = await eventually(texted_call, TIMEOUT, "the missed call, texted")
    thread = (await api.get(f"/v1/threads/{caller}")).json()
    assert 0 < call["time_to_text_seconds"] < 10
    assert [(m["direction"], m["body"]) for m in thread["transcript"]] == [
        ("out", body)
    ]


async def _ok(result) -> bool:
    return (await result).ok
