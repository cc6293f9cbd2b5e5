"""Requests drawn from the dashboard's own OpenAPI description never get a 5xx.

Bodies, path and query values follow the schema most of the time (to reach
the handlers) and are arbitrary JSON or text otherwise (to reach the refusals).
The app runs in-process over in-memory ports, on one event loop in a thread.
"""

import asyncio
import threading
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.unit.dashboard.harness import ADMIN_KEY, Harness, dashboard_settings
from tests.unit.dashboard.openapi_walk import METHODS
from tests.unit.dashboard.schema_strategies import SchemaStrategies, anything


class Api:
    """The app on a private loop, so synchronous hypothesis tests can call it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.harness = Harness(
            settings=dashboard_settings(manual_send_wait_seconds=0.005)
        )
        self.key = self.run(self.harness.provision("acme", "+14165550100"))
        self.spec = self.harness.app.openapi()

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(10)

    def request(self, method: str, url: str, key: str | None, **kwargs):
        async def send():
            async with self.harness.client(key) as client:
                return await client.request(method, url, **kwargs)

        return self.run(send())

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture(scope="module")
def api():
    running = Api()
    yield running
    running.close()


@st.composite
def requests(draw, spec: dict, key: str):
    schemas = SchemaStrategies(spec.get("components", {}))
    operations = [
        (path, method, item[method])
        for path, item in sorted(spec["paths"].items())
        for method in METHODS
        if method in item
    ]
    path, method, operation = draw(st.sampled_from(operations))

    url, query = path, {}
    for parameter in operation.get("parameters", []):
        value = draw(schemas.of(parameter["schema"]) | st.text(max_size=12))
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", quote(str(value), safe=""))
        elif draw(st.booleans()):
            query[parameter["name"]] = str(value)

    body = None
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        schema = content["application/json"]["schema"]
        body = draw(schemas.of(schema) | anything())

    # Mostly the key the route wants, so that the request gets past the door.
    scheme = next(iter((operation.get("security") or [{}])[0]), None)
    right = ADMIN_KEY if scheme == "AdminKey" else key
    who = draw(st.sampled_from([right, right, right, right, key, ADMIN_KEY, None]))
    return method, url, query, body, who


def test_no_request_drawn_from_the_openapi_gets_a_server_error(api):
    @settings(
        max_examples=400,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(drawn=requests(api.spec, api.key))
    def no_5xx(drawn):
        method, url, query, body, who = drawn
        # An exception the app does not handle propagates here and fails too.
        response = api.request(method, url, who, params=query, json=body)
        assert response.status_code < 500, (method, url, body, response.text)

    no_5xx()
