"""The dashboard's pure rules: keys, templates, rate limits, the consent export."""

import csv
import io
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from services.dashboard.config import Settings
from services.dashboard.domain import consent_log, keys, templates
from services.dashboard.domain.ratelimit import RateLimiter
from services.dashboard.domain.records import ConsentEntry


def test_two_keys_are_never_alike_and_their_digests_do_not_reveal_them():
    first, second = keys.new_key(), keys.new_key()

    assert first != second
    assert keys.digest(first) != keys.digest(second)
    assert first not in keys.digest(first)
    assert keys.digest(first) == keys.digest(first)


def test_the_default_templates_pass_the_dashboards_own_checks():
    for language, text in templates.DEFAULT_TEMPLATES.items():
        assert templates.problems(language, text) == []


def test_a_template_missing_both_parts_names_both_problems():
    found = templates.problems("en", "Sorry we missed you")

    assert len(found) == 2


def test_a_bucket_refills_at_its_rate():
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=2, clock=lambda: now[0])

    assert [limiter.take("k") for _ in range(2)] == [0.0, 0.0]
    assert limiter.take("k") == pytest.approx(0.5)
    now[0] += 0.5
    assert limiter.take("k") == 0.0


def test_a_spreadsheet_formula_in_evidence_is_exported_as_text():
    entry = ConsentEntry(
        customer="+14165550123",
        kind="consent",
        basis="text",
        at=datetime(2026, 1, 1, tzinfo=UTC),
        evidence='=HYPERLINK("http://evil")',
    )

    [_, row] = csv.reader(io.StringIO(consent_log.to_csv([entry])))

    assert row[-1] == "'" + entry.evidence


@pytest.mark.parametrize("environment", ["test", "production"])
def test_a_placeholder_admin_key_is_refused_outside_development(environment):
    with pytest.raises(ValidationError, match="ADMIN_API_KEY"):
        Settings(environment=environment)
    with pytest.raises(ValidationError, match="ADMIN_API_KEY"):
        Settings(environment=environment, admin_api_key="changeme")


def test_development_runs_with_the_placeholder_admin_key():
    assert Settings(environment="development").admin_api_key.get_secret_value()
