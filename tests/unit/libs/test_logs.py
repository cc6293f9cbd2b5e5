import json
import logging

import faststream  # noqa: F401  (its import gives its logger a handler of its own)
import pytest

from libs.logs import JsonFormatter, MaskingFilter, mask_phones, setup


def record(message: str, *args) -> logging.LogRecord:
    return logging.LogRecord(
        "ringback.test", logging.INFO, __file__, 1, message, args, None
    )


def test_phone_numbers_are_masked_wherever_they_appear():
    assert (
        mask_phones("texted +14165550123 and 4165550188")
        == "texted +1***23 and +4***88"
    )


def test_a_log_line_carries_no_full_phone_number_even_in_its_arguments():
    line = record("SMS to %s sent", "+14165550123")

    MaskingFilter().filter(line)
    rendered = json.loads(JsonFormatter("compliance").format(line))

    assert rendered["message"] == "SMS to +1***23 sent"
    assert rendered["service"] == "compliance"
    assert "4165550123" not in json.dumps(rendered)


@pytest.fixture
def restored_logging():
    root, library = logging.getLogger(), logging.getLogger("faststream")
    saved = (root.handlers[:], root.level, library.handlers[:], library.propagate)
    yield
    root.handlers[:], library.handlers[:] = saved[0], saved[2]
    root.setLevel(saved[1])
    library.propagate = saved[3]


def test_faststreams_own_lines_come_out_as_masked_json(restored_logging, capsys):
    setup("textback", json_lines=True)

    logging.getLogger("faststream.textback").error("failed for %s", "+14165550123")

    [line] = capsys.readouterr().err.splitlines()
    rendered = json.loads(line)
    assert rendered["message"] == "failed for +1***23"
    assert rendered["service"] == "textback"
