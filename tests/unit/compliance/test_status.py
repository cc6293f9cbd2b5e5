import pytest
from prometheus_client import REGISTRY

from libs.events import OptedOut, SmsStatusReported
from tests.factories import MOBILE_CALLER
from tests.unit.compliance.harness import Harness


@pytest.fixture
def h() -> Harness:
    return Harness()


def report(sid: str, status: str, error_code: int | None = None) -> SmsStatusReported:
    return SmsStatusReported(
        id=f"sms-status-{sid}-{status}",
        tenant_id="acme",
        message_sid=sid,
        status=status,
        error_code=error_code,
        recipient=MOBILE_CALLER,
    )


@pytest.mark.parametrize("code", [30003, 30005, 30006])
async def test_a_carrier_error_marks_the_number_unable_to_receive(h, code):
    await h.request("r1")
    sid = h.sms.sent[0]["sid"]

    await h.statuses.handle(report(sid, "undelivered", code))
    await h.request("r2")

    assert h.deps.outbox.delivery_status["r1"] == "undelivered"
    assert h.state_of("r2") == ("blocked", "cannot_receive_sms")


async def test_error_21610_in_a_status_report_is_an_opt_out(h):
    await h.request("r1")

    await h.statuses.handle(report(h.sms.sent[0]["sid"], "failed", 21610))

    [event] = h.published.of(OptedOut)
    assert event.source == "carrier"
    assert (await h.deps.consents.state("acme", MOBILE_CALLER)).opted_out


async def test_a_delivered_report_updates_the_outbox(h):
    await h.request("r1")

    await h.statuses.handle(report(h.sms.sent[0]["sid"], "delivered"))
    await h.request("r2")

    assert h.deps.outbox.delivery_status["r1"] == "delivered"
    assert h.state_of("r2") == ("sent", "sent")


def delivery_reports(status: str) -> float:
    labels = {"status": status}
    return REGISTRY.get_sample_value("ringback_sms_delivery_reports_total", labels) or 0


async def test_final_reports_are_counted_by_status_and_steps_are_not(h):
    await h.request("r1")
    sid = h.sms.sent[0]["sid"]
    delivered, sent = delivery_reports("delivered"), delivery_reports("sent")

    await h.statuses.handle(report(sid, "sent"))
    await h.statuses.handle(report(sid, "delivered"))

    assert delivery_reports("delivered") == delivered + 1
    assert delivery_reports("sent") == sent == 0
