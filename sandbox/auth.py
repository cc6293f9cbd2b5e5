"""HTTP Basic authentication as Twilio does it: account SID and auth token."""

import hmac
from collections.abc import Callable
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPBasic, HTTPBasicCredentials

from sandbox.shapes import TwilioError
from sandbox.state import SandboxState

AUTHENTICATION_ERROR = 20003

_basic = HTTPBasic(auto_error=False)


def authenticator(state: SandboxState) -> Callable[..., str]:
    """A dependency that answers the authenticated account SID, or fails with 401."""

    def authenticated(
        credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
    ) -> str:
        if credentials is None:
            raise TwilioError(401, AUTHENTICATION_ERROR, "Authenticate")
        token = state.accounts.get(credentials.username)
        if token is None or not hmac.compare_digest(
            token.encode(), credentials.password.encode()
        ):
            raise TwilioError(401, AUTHENTICATION_ERROR, "Authenticate")
        return credentials.username

    return authenticated


def require_same_account(authenticated: str, path_account: str) -> None:
    """Twilio serves an account's resources only to that account's credentials."""
    if authenticated != path_account:
        raise TwilioError(401, AUTHENTICATION_ERROR, "Authenticate")
