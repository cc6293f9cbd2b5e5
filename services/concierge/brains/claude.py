"""The Claude brain: the Messages API with tool use, through the official SDK.

One turn is a loop: ask the model, run the tools it calls (scoped to this
tenant and customer by the toolbox), hand back their results, until it answers
in text or the round limit is reached. When the API fails, the offline brain
answers instead, so a customer is never left without a reply.
"""

import json
import logging
from dataclasses import dataclass

import anthropic
from anthropic import AsyncAnthropic

from services.concierge.brains import prompt
from services.concierge.brains.base import Brain, Reply, Turn
from services.concierge.tools import Toolbox, tool_specs

logger = logging.getLogger(__name__)

# A model that still calls tools after this many rounds is lost; a person answers.
MAX_ROUNDS = 5


@dataclass(frozen=True)
class Pricing:
    """US dollars per million tokens, to keep model spending under a daily limit."""

    input_per_million: float
    output_per_million: float

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        return (
            input_tokens * self.input_per_million
            + output_tokens * self.output_per_million
        ) / 1_000_000


class ClaudeBrain:
    name = "claude"
    reads_history = True

    def __init__(
        self,
        client: AsyncAnthropic,
        model: str,
        max_tokens: int,
        pricing: Pricing,
        fallback: Brain,
    ) -> None:
        self._client = client
        self._model = model
        self._max_tokens = max_tokens
        self._pricing = pricing
        self._fallback = fallback
        self._tools = tool_specs()
        # Turns the offline brain answered because the API failed.
        self.fallbacks = 0

    async def close(self) -> None:
        await self._client.close()

    async def reply(self, turn: Turn, tools: Toolbox) -> Reply:
        used = [0, 0]
        try:
            text = await self._loop(turn, tools, used)
        except anthropic.APIError as error:
            logger.warning("Claude failed (%s); the offline brain answers", error)
            self.fallbacks += 1
            return await self._fallback.reply(turn, tools)
        return Reply(
            text,
            turn.state,
            input_tokens=used[0],
            output_tokens=used[1],
            spend_usd=self._pricing.cost(*used),
        )

    async def _loop(self, turn: Turn, tools: Toolbox, used: list[int]) -> str | None:
        messages = prompt.messages(turn)
        system = prompt.system(turn)
        for _ in range(MAX_ROUNDS):
            response = await self._client.messages.create(
                model=self._model,
                max_tokens=self._max_tokens,
                system=system,
                tools=self._tools,
                messages=messages,
            )
            used[0] += response.usage.input_tokens
            used[1] += response.usage.output_tokens
            if response.stop_reason != "tool_use":
                text = "".join(b.text for b in response.content if b.type == "text")
                return text.strip() or None

            messages.append(
                {
                    "role": "assistant",
                    "content": [
                        b.model_dump(exclude_none=True) for b in response.content
                    ],
                }
            )
            messages.append(
                {"role": "user", "content": await _run_tools(response, tools)}
            )

        tools.hand_off("unsure")
        return None


async def _run_tools(response, tools: Toolbox) -> list[dict]:
    results = []
    for block in response.content:
        if block.type != "tool_use":
            continue
        result, is_error = await tools.run(block.name, dict(block.input))
        results.append(
            {
                "type": "tool_result",
                "tool_use_id": block.id,
                "content": json.dumps(result, default=str),
                "is_error": is_error,
            }
        )
    return results
