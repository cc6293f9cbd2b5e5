"""Guardrails on replies, and the built-in schedule."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from evals.tenant import tenant
from libs.knowledge import BookingRules
from libs.tenants import OpeningHours
from services.concierge.domain.guardrails import TenantFacts, check
from services.concierge.domain.schedule import Interval, Schedule

TORONTO = ZoneInfo("America/Toronto")
# Monday 12 January 2026, 10:00 in Toronto.
MONDAY_10 = datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
FACTS = TenantFacts.of(tenant())


def test_a_price_from_the_bands_passes():
    verdict = check("Drain cleaning is usually $150-$300 per job.", "en", FACTS)

    assert verdict.passed


def test_a_price_in_a_faq_answer_passes_in_either_language():
    assert check("The service call fee is $89.", "en", FACTS).passed
    assert check("Les frais sont de 89 $.", "fr", FACTS).passed


def test_a_price_the_tenant_never_gave_is_refused():
    assert check("Drain cleaning is $99 today.", "en", FACTS).broken == ["price"]
    assert check("I can do it for 200 dollars", "en", FACTS).broken == ["price"]
    assert "price" in check("You get 20% off.", "en", FACTS).broken


def test_a_link_that_is_not_the_tenants_is_refused():
    assert check("Pay at http://evil.example/pay", "en", FACTS).broken == ["url"]
    assert check("See acme.example for more.", "en", FACTS).passed


def test_a_promise_the_tenant_did_not_make_is_refused():
    assert check("Good news: it's free!", "en", FACTS).broken == ["promise"]
    assert check("We guarantee same day service.", "en", FACTS).broken == ["promise"]


def test_a_promise_the_tenant_made_may_be_repeated():
    assert check("Our labour has a 1-year warranty.", "en", FACTS).passed


def test_a_reply_plainly_in_the_other_language_is_refused():
    verdict = check("Nous sommes ouverts du lundi au vendredi.", "en", FACTS)

    assert verdict.broken == ["language"]


def test_words_that_merely_contain_a_promise_are_not_promises():
    assert check("Frozen or freezing pipes need a visit.", "en", FACTS).passed


def schedule(**rules) -> Schedule:
    hours = [
        OpeningHours(day=d, opens=time(8), closes=time(16))
        for d in ("mon", "tue", "wed", "thu", "fri")
    ]
    return Schedule(hours, TORONTO, BookingRules(**rules))


def test_slots_respect_the_lead_time_and_opening_hours():
    slots = list(schedule(slot_minutes=120, lead_time_minutes=120).slots(MONDAY_10))

    first = slots[0].start.astimezone(TORONTO)
    assert (first.date().isoformat(), first.hour) == ("2026-01-12", 12)
    assert all(8 <= s.start.astimezone(TORONTO).hour < 16 for s in slots)
    assert all(s.start.astimezone(TORONTO).weekday() < 5 for s in slots)


def test_slots_stop_at_the_horizon():
    slots = list(schedule(horizon_days=3).slots(MONDAY_10))

    assert max(s.start for s in slots) < MONDAY_10 + timedelta(days=3)


def test_free_slots_skip_bookings_and_spread_over_days():
    plan = schedule(slot_minutes=120, lead_time_minutes=0)
    noon = datetime(2026, 1, 12, 17, 0, tzinfo=UTC)
    busy = [Interval(noon, noon + timedelta(hours=2))]

    free = plan.free(MONDAY_10, busy, limit=3)

    days = [s.start.astimezone(TORONTO).day for s in free]
    assert days == [12, 13, 14]
    assert free[0].start == datetime(2026, 1, 12, 15, 0, tzinfo=UTC)
    assert plan.free(MONDAY_10, busy, limit=2, one_per_day=False)[1].start != noon


def test_free_slots_can_keep_to_afternoons():
    plan = schedule(slot_minutes=60, lead_time_minutes=0)

    free = plan.free(MONDAY_10, [], limit=2, part="afternoon")

    assert all(s.start.astimezone(TORONTO).hour >= 12 for s in free)


def test_only_a_slot_of_the_grid_can_be_booked():
    plan = schedule(slot_minutes=120, lead_time_minutes=0)

    assert plan.is_slot(datetime(2026, 1, 13, 13, 0, tzinfo=UTC), MONDAY_10)
    assert not plan.is_slot(datetime(2026, 1, 13, 13, 30, tzinfo=UTC), MONDAY_10)
    assert not plan.is_slot(datetime(2026, 1, 11, 13, 0, tzinfo=UTC), MONDAY_10)


def test_slots_follow_the_clock_change():
    # 8 March 2026: Toronto moves to daylight time; 08:00 is then 12:00 UTC.
    sunday = datetime(2026, 3, 8, 5, 0, tzinfo=UTC)

    first = next(schedule(lead_time_minutes=0).slots(sunday))

    assert first.start == datetime(2026, 3, 9, 12, 0, tzinfo=UTC)
