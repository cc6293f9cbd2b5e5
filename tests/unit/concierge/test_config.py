"""The concierge's settings: the offline brain by default, Claude only with a key."""

import pytest
from pydantic import ValidationError

from services.concierge.bootstrap import brain_for
from services.concierge.config import Settings


def test_the_offline_brain_is_the_default_and_needs_nothing(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)

    assert brain_for(Settings()).name == "offline"


def test_the_claude_brain_is_refused_without_a_key(monkeypatch):
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)

    with pytest.raises(ValidationError):
        Settings(brain="claude")


async def test_the_claude_brain_reads_the_key_and_base_url_from_the_environment(
    monkeypatch,
):
    monkeypatch.setenv("BRAIN", "claude")
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test-0123456789")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:9/")

    brain = brain_for(Settings())

    assert brain.name == "claude"
    assert str(brain._client.base_url) == "http://127.0.0.1:9/"
    await brain.close()
