"""With MongoDB unreachable, compliance refuses to act: nothing is sent unchecked."""

import pytest
from pymongo.errors import PyMongoError

from libs import mongo
from libs.devstack.servers import free_port
from libs.events import OptedOut, SmsReceived
from services.compliance.bootstrap import wire
from tests.factories import BUSINESS_NUMBER, MOBILE_CALLER


@pytest.fixture
async def cut_off(stack):
    """Compliance handlers whose MongoDB does not answer."""
    settings = stack.settings.model_copy(
        update={
            "mongodb_url": f"mongodb://127.0.0.1:{free_port()}/?directConnection=true"
        }
    )
    client = mongo.connect(settings)
    service = wire(
        settings,
        mongo.database(client, settings),
        stack.runtime.directory,
        stack.runtime.publisher,
    )
    yield service
    await service.close()
    client.close()


async def test_a_send_request_raises_and_nothing_is_sent(stack, cut_off):
    with pytest.raises(PyMongoError):
        await cut_off.requests.handle(stack.request("textback-CA1"))

    assert await stack.texts() == []


async def test_a_stop_raises_so_it_is_redelivered_and_nothing_is_published(
    stack, cut_off
):
    sms = SmsReceived(
        id="sms-SMdead",
        tenant_id="acme",
        message_sid="SM" + "d" * 32,
        customer=MOBILE_CALLER,
        business_number=BUSINESS_NUMBER,
        body="STOP",
    )

    with pytest.raises(PyMongoError):
        await cut_off.inbound.handle(sms)

    assert await stack.texts() == []
    assert await stack.events(OptedOut) == []
