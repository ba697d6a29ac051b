import pytest

from assistant.question.validation import MAX_QUESTION_CHARS, clean_question
from kunnskap.errors import UsageError


@pytest.mark.parametrize("text", ["", "   ", "\x00\u200f\n\t", "\u202e"])
def test_empty_question_is_refused_in_norwegian(text):
    with pytest.raises(UsageError, match="Spørsmålet er tomt"):
        clean_question(text)


def test_control_bidi_and_lone_surrogates_are_removed():
    q = clean_question("Hvor\x00 mange\u200f barn\ud800 bor i\n\nBærum?")
    assert q.text == "Hvor mange barn bor i Bærum?"
    assert not q.truncated and q.notice == ""


def test_long_question_is_cut_with_a_notice():
    q = clean_question("lavinntekt " * 300)
    assert q.truncated
    assert len(q.text) <= MAX_QUESTION_CHARS
    assert "kortet ned" in q.notice
