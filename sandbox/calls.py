"""The Calls resource, reduced to what a caller of the REST API can observe.

Calls are recorded and answered in Twilio's shape but never dialled: the
sandbox has no phone to ring and no TwiML to run, and nothing in Ringback
places outbound calls yet. A call therefore stays "queued".
"""

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from libs.phones import facts, mask
from sandbox.auth import authenticator, require_same_account
from sandbox.shapes import API_VERSION, TwilioError, call_json
from sandbox.state import SandboxState

logger = logging.getLogger(__name__)

CALLS_PATH = "/" + API_VERSION + "/Accounts/{account_sid}/Calls"


def router(state: SandboxState) -> APIRouter:
    routes = APIRouter(tags=["Calls"])
    Account = Annotated[str, Depends(authenticator(state))]

    @routes.post(CALLS_PATH + ".json", status_code=201)
    async def create_call(
        account_sid: str, request: Request, caller: Account
    ) -> JSONResponse:
        """Record an outbound call; it is queued and never placed."""
        require_same_account(caller, account_sid)
        form = await request.form()
        to, from_ = form.get("To"), form.get("From")
        if not to or facts(to) is None:
            raise TwilioError(400, 21211, f"Invalid 'To' Phone Number: {to}")
        if not from_:
            raise TwilioError(400, 21213, "No 'From' number is specified")
        if not form.get("Url") and not form.get("Twiml"):
            raise TwilioError(400, 21205, "Url parameter is required.")

        call = state.place_call(account_sid, to, from_, form.get("Url") or None)
        logger.info("accepted call %s to %s", call.sid, mask(to))
        return JSONResponse(call_json(call), status_code=201)

    @routes.get(CALLS_PATH + "/{sid}.json")
    async def fetch_call(
        account_sid: str,
        sid: str,
        request: Request,
        caller: Account,
    ) -> dict:
        """One call, as recorded."""
        require_same_account(caller, account_sid)
        call = state.calls.get(sid)
        if call is None or call.account_sid != account_sid:
            raise TwilioError(
                404, 20404, f"The requested resource {request.url.path} was not found"
            )
        return call_json(call)

    return routes
