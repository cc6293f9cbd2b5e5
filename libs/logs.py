"""Logging for entry points: JSON lines outside a terminal, phone numbers masked.

Modules only do `logger = logging.getLogger(__name__)`; `setup` is called once,
by the entry point of a process.
"""

import json
import logging
import re
import sys
from datetime import UTC, datetime

from libs.phones import mask

# E.164 numbers and 10-digit North American numbers, wherever they appear.
_PHONE = re.compile(r"\+?\b1?\d{10,14}\b")


def mask_phones(text: str) -> str:
    return _PHONE.sub(lambda match: mask(match.group(0)), text)


class MaskingFilter(logging.Filter):
    """Renders the message once, with every phone number in it masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_phones(record.getMessage())
        record.args = None
        return True


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self._service = service

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": self._service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            line["error"] = mask_phones(self.formatException(record.exc_info))
        return json.dumps(line, ensure_ascii=False)


def setup(service: str, level: str = "INFO", json_lines: bool | None = None) -> None:
    """Configure the root logger of one process."""
    if json_lines is None:
        json_lines = not sys.stderr.isatty()
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(MaskingFilter())
    if json_lines:
        handler.setFormatter(JsonFormatter(service))
    else:
        handler.setFormatter(
            logging.Formatter(
                f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s"
            )
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # FastStream gives its loggers a coloured handler of their own and stops
    # them propagating: their lines would skip the JSON format and the masking.
    faststream = logging.getLogger("faststream")
    faststream.handlers.clear()
    faststream.propagate = True
    # Libraries that log every request at INFO would drown the effects we log.
    for noisy in (
        "uvicorn.access",
        "faststream.access",
        "twilio.http_client",
        "twilio.async_http_client",
        "httpx",
    ):
        logging.getLogger(noisy).setLevel(logging.WARNING)
