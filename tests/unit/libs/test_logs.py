import json
import logging

from libs.logs import JsonFormatter, MaskingFilter, mask_phones


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
