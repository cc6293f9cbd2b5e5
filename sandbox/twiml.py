"""Reading the TwiML that ingress answers, as far as the phone simulator follows it.

The documents come from our own ingress service, so the standard library parser
is enough; it is never pointed at untrusted XML.
"""

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass


class NotTwiml(ValueError):
    """The answer is not a TwiML <Response> document."""


@dataclass(frozen=True)
class Dial:
    """A <Dial> of one <Number>: who rings, and where Twilio reports the result."""

    number: str
    action: str | None
    # Fetched on the dialled leg when it answers (the whisper).
    number_url: str | None
    timeout_seconds: int | None


class Twiml:
    """The verbs of one TwiML document."""

    def __init__(self, text: str) -> None:
        try:
            self._root = ElementTree.fromstring(text)
        except ElementTree.ParseError as error:
            raise NotTwiml(str(error)) from error
        if self._root.tag != "Response":
            raise NotTwiml(f"the root element is <{self._root.tag}>, not <Response>")

    @property
    def verbs(self) -> list[str]:
        return [child.tag for child in self._root]

    def dial(self) -> Dial | None:
        dial = self._root.find("Dial")
        if dial is None:
            return None
        number = dial.find("Number")
        timeout = dial.get("timeout")
        return Dial(
            number=(number.text if number is not None else dial.text or "").strip(),
            action=dial.get("action"),
            number_url=number.get("url") if number is not None else None,
            timeout_seconds=int(timeout) if timeout else None,
        )

    def gather_action(self) -> str | None:
        """The action of the <Gather>; None when it has none or there is no <Gather>."""
        gather = self._root.find("Gather")
        return gather.get("action") if gather is not None else None

    def has_gather(self) -> bool:
        return self._root.find("Gather") is not None

    def redirect(self) -> str | None:
        redirect = self._root.find("Redirect")
        if redirect is None:
            return None
        return (redirect.text or "").strip() or None

    def record_action(self) -> str | None:
        record = self._root.find("Record")
        return record.get("action") if record is not None else None

    def has_record(self) -> bool:
        return self._root.find("Record") is not None
