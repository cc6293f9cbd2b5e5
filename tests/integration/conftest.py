import pytest

from libs.runtime import Runtime
from libs.settings import ServiceSettings


@pytest.fixture
def settings_for(nats_server, mongo_url, namespace):
    """Settings of a service pointed at the embedded servers and this test's names."""

    def build(settings_class=ServiceSettings, **overrides):
        return settings_class(
            environment="test",
            nats_url=nats_server.url,
            mongodb_url=mongo_url,
            mongodb_database=namespace,
            namespace=namespace,
            **overrides,
        )

    return build


@pytest.fixture
async def runtime(settings_for):
    """A started runtime with no subscribers: publish, read the directory, the store."""
    rt = Runtime(settings_for(service_name="probe"))
    rt.use_mongo()
    await rt.start()
    yield rt
    await rt.stop()
