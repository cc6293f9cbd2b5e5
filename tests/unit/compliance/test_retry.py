from datetime import UTC, datetime, timedelta

from services.compliance.domain.retry import delay, next_attempt

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


def test_the_delay_starts_at_half_a_second_and_doubles_up_to_30_seconds():
    assert [delay(n).total_seconds() for n in range(1, 9)] == [
        0.5, 1, 2, 4, 8, 16, 30, 30,
    ]  # fmt: skip
    assert delay(500) == timedelta(seconds=30)


def test_retries_continue_until_the_deadline():
    deadline = NOW + timedelta(seconds=3)

    assert next_attempt(NOW, 3, deadline, NOW + timedelta(hours=1)) == NOW + timedelta(
        seconds=2
    )
    assert next_attempt(NOW, 4, deadline, NOW + timedelta(hours=1)) is None


def test_without_a_deadline_retries_stop_at_the_give_up_moment():
    give_up = NOW + timedelta(seconds=20)

    assert next_attempt(NOW, 5, None, give_up) == NOW + timedelta(seconds=8)
    assert next_attempt(NOW, 7, None, give_up) is None
