"""OAuth access tokens for the Google Business Profile API.

Google's access tokens expire after about an hour. A service that samples
ratings for days keeps a refresh token instead and trades it for a fresh access
token when the last one is about to expire (or is refused):
`POST https://oauth2.googleapis.com/token` with `grant_type=refresh_token`,
`client_id`, `client_secret` and `refresh_token` as a form, answered with
`access_token`, `expires_in` (seconds) and `token_type`.

That one form post is all of OAuth this service needs, so it is made here with
the HTTP client the adapter already uses rather than with google-auth, whose
refresh is synchronous (requests) and would need a thread per refresh.
"""

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Protocol

import httpx

logger = logging.getLogger(__name__)

# Renew this long before Google's expiry: a sample never starts with a token
# that runs out on the way.
EARLY_SECONDS = 60.0


class GoogleUnavailable(RuntimeError):
    """The API did not answer with reviews (network, credentials, quota)."""


class AccessTokens(Protocol):
    async def token(self) -> str:
        """A bearer token that should be valid now."""

    def refused(self, token: str) -> None:
        """Google answered 401 to `token`: do not hand it out again."""


class FixedToken:
    """One token from the settings, for setups that renew it themselves."""

    def __init__(self, token: str) -> None:
        self._token = token

    async def token(self) -> str:
        return self._token

    def refused(self, token: str) -> None:
        pass


class RefreshedTokens:
    """Access tokens traded for a refresh token, each kept until just before expiry."""

    def __init__(
        self,
        token_url: str,
        client_id: str,
        client_secret: str,
        refresh_token: str,
        client: httpx.AsyncClient,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._url = token_url
        self._form = {
            "grant_type": "refresh_token",
            "client_id": client_id,
            "client_secret": client_secret,
            "refresh_token": refresh_token,
        }
        self._client = client
        self._monotonic = monotonic
        self._current: str | None = None
        self._renew_at = 0.0
        # Tenants are sampled concurrently: one refresh serves them all.
        self._lock = asyncio.Lock()

    async def token(self) -> str:
        async with self._lock:
            if self._current is None or self._monotonic() >= self._renew_at:
                await self._refresh()
            return self._current

    def refused(self, token: str) -> None:
        if token == self._current:
            self._current = None

    async def _refresh(self) -> None:
        try:
            response = await self._client.post(self._url, data=self._form)
        except httpx.HTTPError as error:
            raise GoogleUnavailable(f"token refresh failed: {error!r}") from error
        if response.status_code != 200:
            # Google names the problem in `error` ("invalid_grant": the refresh
            # token was revoked or expired; an operator must issue a new one).
            raise GoogleUnavailable(
                f"token refresh answered {response.status_code}: {response.text[:200]}"
            )

        body = response.json()
        lifetime = float(body.get("expires_in", 3600))
        self._current = body["access_token"]
        self._renew_at = self._monotonic() + max(0.0, lifetime - EARLY_SECONDS)
        logger.info("Google access token renewed for %.0f s", lifetime)
