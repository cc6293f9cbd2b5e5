"""The sandbox as one FastAPI app: Twilio's REST API subset plus the control API.

Point the official SDK at it with TWILIO_API_BASE_URL (see libs.twilio_rest);
it authenticates with the account SID and auth token, as with Twilio.
"""

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from sandbox import calls, control_api, lookup, messages
from sandbox.callbacks import StatusReporter
from sandbox.shapes import TwilioError, error_json
from sandbox.state import SandboxState


def create_app(state: SandboxState, reporter: StatusReporter | None = None) -> FastAPI:
    """The sandbox app over `state`; `reporter` delivers the accepted messages."""
    reporter = reporter or StatusReporter(state)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        await reporter.aclose()

    app = FastAPI(
        title="Ringback Twilio sandbox",
        description="The part of Twilio's REST API Ringback uses, served locally.",
        lifespan=lifespan,
    )
    app.state.sandbox = state
    app.state.reporter = reporter
    app.add_exception_handler(TwilioError, _twilio_error)
    app.include_router(messages.router(state, reporter))
    app.include_router(calls.router(state))
    app.include_router(lookup.router(state))
    app.include_router(control_api.router(state))
    return app


async def _twilio_error(_: Request, error: TwilioError) -> JSONResponse:
    return JSONResponse(error_json(error), status_code=error.status)
