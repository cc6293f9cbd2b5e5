import pytest

from services.compliance.domain.keywords import classify, normalise

OPT_OUT_KEYWORDS = [
    ("STOP", "en"),
    ("STOPALL", "en"),
    ("UNSUBSCRIBE", "en"),
    ("CANCEL", "en"),
    ("END", "en"),
    ("QUIT", "en"),
    ("REVOKE", "en"),
    ("OPTOUT", "en"),
    ("OPT OUT", "en"),
    ("ARRET", "fr"),
    ("ARRÊT", "fr"),
    ("stop", "en"),
    ("Stop.", "en"),
    (" STOP!! ", "en"),
    ("arrêt", "fr"),
    ("Arrêt!", "fr"),
    ("opt-out", "en"),
    ("Unsubscribe.", "en"),
    ("\tQuit\n", "en"),
]

OPT_OUT_PHRASES = [
    ("stop texting me", "en"),
    ("please unsubscribe me", "en"),
    ("remove me from your list", "en"),
    ("please stop", "en"),
    ("Please STOP texting me!", "en"),
    ("take me off your list", "en"),
    ("no more texts please", "en"),
    ("do not text me", "en"),
    ("I want to unsubscribe", "en"),
    ("opt me out", "en"),
    ("arrêtez de m'écrire", "fr"),
    ("ne m'écrivez plus", "fr"),
    ("Arrêtez SVP", "fr"),
    ("stop svp", "fr"),
    ("désabonnez-moi", "fr"),
    ("retirez-moi de votre liste", "fr"),
]

CONVERSATION = [
    "can you stop by tomorrow to look at the leak, it won't stop dripping",
    "stop by at 3",
    "don't stop texting me",
    "cancel my appointment",
    "remove it",
    "help my basement is flooding",
    "yes",
    "Yes please, Tuesday works",
    "text me the quote",
    "the water won't stop",
    "info about prices?",
    "start the job monday",
    "",
]


@pytest.mark.parametrize(("text", "language"), OPT_OUT_KEYWORDS)
def test_every_opt_out_keyword_opts_out_in_its_language(text, language):
    keyword = classify(text, opted_out=False)

    assert keyword is not None
    assert (keyword.kind, keyword.language, keyword.source) == (
        "opt_out",
        language,
        "keyword",
    )


@pytest.mark.parametrize(("text", "language"), OPT_OUT_PHRASES)
def test_a_short_request_to_stop_opts_out_as_a_phrase(text, language):
    keyword = classify(text, opted_out=False)

    assert keyword is not None
    assert (keyword.kind, keyword.language, keyword.source) == (
        "opt_out",
        language,
        "phrase",
    )


@pytest.mark.parametrize("text", CONVERSATION)
def test_other_texts_go_to_the_conversation(text):
    assert classify(text, opted_out=False) is None


@pytest.mark.parametrize("text", ["START", "start", "Unstop!", " UNSTOP "])
def test_start_and_unstop_opt_in_whether_or_not_opted_out(text):
    for opted_out in (False, True):
        keyword = classify(text, opted_out=opted_out)
        assert keyword is not None and keyword.kind == "opt_in"


def test_yes_opts_in_only_a_customer_who_is_opted_out():
    assert classify("YES", opted_out=False) is None
    keyword = classify("Yes!", opted_out=True)
    assert keyword is not None and keyword.kind == "opt_in"


@pytest.mark.parametrize(
    ("text", "language"),
    [("HELP", "en"), ("info", "en"), ("Aide", "fr"), ("AIDE?", "fr")],
)
def test_help_keywords_ask_for_help_in_their_language(text, language):
    keyword = classify(text, opted_out=False)

    assert keyword is not None
    assert (keyword.kind, keyword.language) == ("help", language)


def test_a_long_message_is_never_a_phrase_even_made_of_stop_words():
    text = "please please stop stop texting me me now now please"

    assert len(text.split()) > 8
    assert classify(text, opted_out=False) is None


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        (" ARRÊT!! ", "arret"),
        ("Stop.", "stop"),
        ("ne m'écrivez   plus", "ne m ecrivez plus"),
        ("Opt-Out", "opt out"),
        ("«Arrêtez»", "arretez"),
    ],
)
def test_normalising_drops_case_accents_punctuation_and_extra_spaces(raw, normalised):
    assert normalise(raw) == normalised
