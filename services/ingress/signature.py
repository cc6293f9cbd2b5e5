"""Is this request really from Twilio, for the account that owns the number?"""

import hmac
import logging
from collections.abc import Mapping

from twilio.request_validator import RequestValidator

from libs.settings import TwilioSettings
from libs.tenants import TwilioNumber

logger = logging.getLogger(__name__)


class SignatureChecker:
    """Checks X-Twilio-Signature with the auth token of the number's account.

    Twilio signs the full public URL it called (query included) followed by
    every form parameter, with the auth token of the account that owns the
    number; the URL is ours to rebuild from PUBLIC_BASE_URL, since a proxy in
    front of us may change the host and scheme.
    """

    def __init__(self, settings: TwilioSettings) -> None:
        self._settings = settings
        self._base_url = settings.public_base_url.rstrip("/")
        # Tokens come from settings, fixed for the life of the process.
        self._validators: dict[str, RequestValidator | None] = {}

    def account_of(self, number: TwilioNumber) -> str:
        return number.account_sid or self._settings.twilio_account_sid

    def is_genuine(
        self,
        number: TwilioNumber,
        path: str,
        query: str,
        params: Mapping[str, str],
        signature: str | None,
    ) -> bool:
        account = self.account_of(number)
        # A valid signature from another account we hold is still not this number's.
        if not signature or params.get("AccountSid") != account:
            return False

        validator = self._validator(account)
        if validator is None:
            return False

        url = f"{self._base_url}{path}?{query}" if query else self._base_url + path
        # validate() always signs the URL twice, with and without a port; the URL
        # as configured is what Twilio signs, so try it alone first.
        expected = validator.compute_signature(url, params).encode()
        if hmac.compare_digest(expected, signature.encode()):
            return True
        return validator.validate(url, params, signature)

    def _validator(self, account: str) -> RequestValidator | None:
        if account not in self._validators:
            token = self._settings.auth_token_for(account)
            if token is None:
                logger.error("no auth token configured for Twilio account %s", account)
            self._validators[account] = RequestValidator(token) if token else None
        return self._validators[account]
