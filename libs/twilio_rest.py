"""The official Twilio SDK, pointed at Twilio or at the local sandbox.

The SDK has its hosts (api.twilio.com, lookups.twilio.com) built in; when
TWILIO_API_BASE_URL names another server, every request is sent there instead,
path and query unchanged. Nothing else about the SDK changes.
"""

from urllib.parse import urlsplit, urlunsplit

from aiohttp import encode_basic_auth
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from libs.settings import TwilioSettings

TWILIO_HOST_SUFFIX = ".twilio.com"
REQUEST_TIMEOUT_SECONDS = 10.0


class HeaderAuthHttpClient(AsyncTwilioHttpClient):
    """The SDK's async client, sending its credentials as a plain header.

    The SDK hands them to aiohttp's BasicAuth, which aiohttp 3.14 deprecates
    (a DeprecationWarning on every request, an error under our tests).
    """

    async def request(self, method, url, *args, auth=None, headers=None, **kwargs):
        if auth is not None:
            headers = {**(headers or {}), "Authorization": encode_basic_auth(*auth)}
        return await super().request(method, url, *args, headers=headers, **kwargs)


class RedirectingHttpClient(HeaderAuthHttpClient):
    """Sends what the SDK addresses to *.twilio.com to another base URL."""

    def __init__(self, base_url: str, timeout: float = REQUEST_TIMEOUT_SECONDS) -> None:
        super().__init__(timeout=timeout)
        self._base = urlsplit(base_url.rstrip("/"))

    async def request(self, method, url, *args, **kwargs):
        return await super().request(method, self._redirect(url), *args, **kwargs)

    def _redirect(self, url: str) -> str:
        parts = urlsplit(url)
        if not parts.hostname or not parts.hostname.endswith(TWILIO_HOST_SUFFIX):
            return url
        return urlunsplit(
            (
                self._base.scheme,
                self._base.netloc,
                self._base.path + parts.path,
                parts.query,
                "",
            )
        )


def async_client(settings: TwilioSettings, account_sid: str | None = None) -> Client:
    """A Twilio client for async calls (`create_async`, `fetch_async`).

    Build it inside a running event loop: the HTTP session belongs to that loop.
    """
    sid = account_sid or settings.twilio_account_sid
    token = settings.auth_token_for(sid)
    if token is None:
        raise KeyError(f"no auth token configured for Twilio account {sid}")
    base = settings.twilio_api_base_url
    if urlsplit(base).hostname in ("api.twilio.com", None):
        http_client = HeaderAuthHttpClient(timeout=REQUEST_TIMEOUT_SECONDS)
    else:
        http_client = RedirectingHttpClient(base)
    return Client(sid, token, http_client=http_client)
