"""The local Messages API's stand-in for a model: a few rules, no intelligence.

It answers the way a tool-using model would, so that the Claude brain's loop
runs end to end without the network: a customer's text leads to one tool call
(quote, find_slots or search_knowledge), and the tool's result to a short text.
Tests that need an exact exchange script the responses instead (see
`anthropic_api.ModelState.script`).
"""

import json
import re
import uuid

_CUSTOMER = re.compile(r"<customer_sms>(.*?)</customer_sms>", re.DOTALL)
_PRICE = re.compile(r"\b(how much|price|cost|quote|combien|prix|tarif)\b", re.I)
_BOOK = re.compile(r"\b(book|appointment|available|rendez|disponible)\b", re.I)
_PERSON = re.compile(r"\b(person|human|someone|quelqu)", re.I)


def tool_use_id() -> str:
    return "toolu_" + uuid.uuid4().hex[:24]


def respond(request: dict) -> tuple[list[dict], str]:
    """(content blocks, stop reason) for a request nobody scripted."""
    last = request["messages"][-1]
    tools = {tool["name"] for tool in request.get("tools", [])}
    results = _tool_results(last)
    if results:
        return [{"type": "text", "text": _summarise(results)}], "end_turn"

    text = _customer_text(last)
    call = _choose_tool(text, tools)
    if call is None:
        return [{"type": "text", "text": "Thanks for your message."}], "end_turn"
    name, arguments = call
    block = {"type": "tool_use", "id": tool_use_id(), "name": name, "input": arguments}
    return [block], "tool_use"


def _customer_text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, list):
        content = " ".join(b.get("text", "") for b in content if b["type"] == "text")
    found = _CUSTOMER.findall(content)
    return found[-1] if found else content


def _choose_tool(text: str, tools: set[str]) -> tuple[str, dict] | None:
    if _PERSON.search(text) and "hand_off" in tools:
        return "hand_off", {"reason": "customer asked for a person"}
    if _PRICE.search(text) and "quote" in tools:
        return "quote", {"service": text}
    if _BOOK.search(text) and "find_slots" in tools:
        return "find_slots", {"count": 3}
    if "search_knowledge" in tools:
        return "search_knowledge", {"query": text}
    return None


def _tool_results(message: dict) -> list[dict]:
    content = message["content"]
    if not isinstance(content, list):
        return []
    found = []
    for block in content:
        if block.get("type") != "tool_result":
            continue
        raw = block.get("content")
        if isinstance(raw, list):
            raw = " ".join(b.get("text", "") for b in raw)
        try:
            found.append(json.loads(raw or "{}"))
        except ValueError:
            found.append({"text": raw})
    return found


def _summarise(results: list[dict]) -> str:
    result = results[-1]
    if result.get("status") == "ok":
        return f"{result['service']} is usually {result['range']}."
    if result.get("results"):
        return result["results"][0]["answer"]
    if result.get("slots"):
        labels = [f"{n}) {s['label']}" for n, s in enumerate(result["slots"], 1)]
        return "We can come: " + " ".join(labels) + ". Which one suits you?"
    if result.get("booked"):
        return f"You're booked: {result['label']}."
    return "I'll pass this to the team; they'll text you back here."
