"""The evaluation set is complete and its runner scores every conversation."""

from evals.run import evaluate, load
from services.concierge.brains.offline import OfflineBrain

CATEGORIES = {
    "faq",
    "quote",
    "booking",
    "handoff",
    "emergency",
    "french",
    "injection",
    "opt_out",
}


def test_the_set_has_forty_conversations_or_more_in_every_category():
    conversations = load()

    assert len(conversations) >= 40
    assert {c["category"] for c in conversations} == CATEGORIES
    assert all(c["steps"] for c in conversations)


async def test_the_runner_scores_each_conversation_once_per_category():
    scores = await evaluate(OfflineBrain(), verbose=False)

    assert sum(total for _, total in scores.values()) == len(load())
    assert all(0 <= passed <= total for passed, total in scores.values())
