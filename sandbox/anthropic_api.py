"""A local server that speaks Anthropic's Messages API, tool use included.

The official `anthropic` SDK reaches it through `base_url` (or
ANTHROPIC_BASE_URL), so the Claude brain's tool loop runs for real in tests and
evaluations without the network. It checks the request as the API does
(the key, model, max_tokens, alternating roles, every tool_result answering a
tool_use of the previous turn) and answers in the API's JSON shapes: a message
with text and tool_use blocks, a stop reason and token usage, or an error
object. Responses come from a script a test queues, else from a few rules
(`sandbox.anthropic_model`).

    python -m sandbox.anthropic_api --port 8098
"""

import argparse
import json
import uuid
from collections import deque
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from sandbox import anthropic_model

LOCAL_API_KEY = "sk-ant-local-test-key"
ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    429: "rate_limit_error",
    500: "api_error",
    529: "overloaded_error",
}


@dataclass
class ModelState:
    """What the server answers next, and every request it received."""

    api_key: str = LOCAL_API_KEY
    # Queued responses: {"content": [...blocks], "stop_reason": "..."}.
    script: deque = field(default_factory=deque)
    # Status codes the next requests fail with (429, 500, 529).
    failures: deque = field(default_factory=deque)
    requests: list[dict] = field(default_factory=list)


class InvalidRequest(ValueError):
    pass


def error(status: int, message: str) -> JSONResponse:
    body = {"type": "error", "error": {"type": ERROR_TYPES[status], "message": message}}
    return JSONResponse(body, status_code=status)


def validate(body: dict) -> None:
    """Refuse what the real API refuses, so the brain's requests stay well formed."""
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise InvalidRequest("model: field required")
    if not isinstance(body.get("max_tokens"), int) or body["max_tokens"] < 1:
        raise InvalidRequest("max_tokens: must be a positive integer")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise InvalidRequest("messages: at least one message is required")
    if messages[0].get("role") != "user":
        raise InvalidRequest("messages: the first message must use the user role")

    names = [tool.get("name") for tool in body.get("tools", [])]
    if len(names) != len(set(names)):
        raise InvalidRequest("tools: tool names must be unique")
    offered: set[str] = set()
    for index, message in enumerate(messages):
        role = message.get("role")
        if role not in ("user", "assistant"):
            raise InvalidRequest(f"messages.{index}.role: must be user or assistant")
        if index and role == messages[index - 1]["role"]:
            raise InvalidRequest("messages: roles must alternate")
        blocks = message.get("content")
        blocks = blocks if isinstance(blocks, list) else []
        if role == "assistant":
            offered = {b["id"] for b in blocks if b.get("type") == "tool_use"}
            continue
        answered = {b["tool_use_id"] for b in blocks if b.get("type") == "tool_result"}
        if answered - offered:
            raise InvalidRequest(
                f"messages.{index}: tool_result for an unknown tool_use id"
            )
        if offered and offered - answered:
            raise InvalidRequest(f"messages.{index}: a tool_use has no tool_result")
        offered = set()


def credential(request: Request) -> str | None:
    """The key, sent as x-api-key or (newer SDKs) as an Authorization bearer."""
    if "x-api-key" in request.headers:
        return request.headers["x-api-key"]
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token if scheme.lower() == "bearer" else None


def create_app(state: ModelState | None = None) -> FastAPI:
    state = state or ModelState()
    app = FastAPI(title="local Anthropic Messages API", docs_url=None)
    app.state.model = state

    @app.post("/v1/messages")
    async def create_message(request: Request) -> JSONResponse:
        """Create a message, as Anthropic's Messages API does (non-streaming)."""
        if credential(request) != state.api_key:
            return error(401, "invalid x-api-key")
        try:
            body = json.loads(await request.body())
            validate(body)
        except (ValueError, KeyError, TypeError, AttributeError) as problem:
            return error(400, str(problem))
        state.requests.append(body)
        if state.failures:
            status = state.failures.popleft()
            return error(status, "injected failure")

        if state.script:
            scripted = state.script.popleft()
            content, stop = scripted["content"], scripted["stop_reason"]
        else:
            content, stop = anthropic_model.respond(body)
        return JSONResponse(message(body, content, stop))

    @app.post("/_control/script")
    async def queue(request: Request) -> dict:
        """Queue responses (and failures) for the next requests (tests only)."""
        body = await request.json()
        state.script.extend(body.get("responses", []))
        state.failures.extend(body.get("failures", []))
        return {"queued": len(state.script)}

    @app.get("/_control/requests")
    async def requests() -> list[dict]:
        """Every request received, oldest first (tests only)."""
        return state.requests

    return app


def message(request: dict, content: list[dict], stop_reason: str) -> dict:
    """A Message object as the API returns it, with a rough token count."""
    return {
        "id": "msg_" + uuid.uuid4().hex[:24],
        "type": "message",
        "role": "assistant",
        "model": request["model"],
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {
            # About four characters a token: enough to exercise spending limits.
            "input_tokens": len(json.dumps(request)) // 4,
            "output_tokens": max(1, len(json.dumps(content)) // 4),
        },
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m sandbox.anthropic_api")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8098)
    args = parser.parse_args(argv)
    uvicorn.run(create_app(), host=args.host, port=args.port, log_config=None)


if __name__ == "__main__":
    main()
