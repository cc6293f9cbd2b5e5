"""The one interface every brain implements: a customer's text in, a reply out."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from libs.tenants import Language, TenantConfig
from services.concierge.domain.dialogue import DialogueState
from services.concierge.domain.knowledge_index import KnowledgeIndex
from services.concierge.tools import Toolbox


@dataclass(frozen=True)
class Said:
    """One earlier message of the thread, for brains that read the history."""

    by: str
    text: str


@dataclass
class Turn:
    tenant: TenantConfig
    index: KnowledgeIndex
    text: str
    language: Language
    now: datetime
    state: DialogueState
    history: list[Said] = field(default_factory=list)


@dataclass
class Reply:
    # None: the brain has nothing safe to say; the thread goes to the owner.
    text: str | None
    state: DialogueState
    input_tokens: int = 0
    output_tokens: int = 0
    spend_usd: float = 0.0


class Brain(Protocol):
    name: str
    # Whether the turn must load the recent transcript for this brain.
    reads_history: bool

    async def reply(self, turn: Turn, tools: Toolbox) -> Reply: ...
