from libs.sms_segments import segments, units


def test_a_plain_text_fits_160_characters_in_one_segment():
    assert segments("a" * 160) == 1
    assert segments("a" * 161) == 2
    assert segments("a" * 306) == 2
    assert segments("a" * 307) == 3


def test_extension_characters_take_two_places():
    assert units("€")[0] == 2
    assert segments("€" * 80) == 1
    assert segments("€" * 81) == 2


def test_one_character_outside_the_gsm_alphabet_turns_the_text_into_ucs2():
    assert units("Répondez ARRET")[1] == 160
    assert units("Thanks 🙂")[1:] == (70, 67)
    assert segments("a" * 69 + "🙂") == 2
