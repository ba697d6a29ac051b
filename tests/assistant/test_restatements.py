"""A sentence whose every word an answer has already quoted is not quoted again.

The report says it twice: 5.2 (p. 16) «Familien, boligen, nabolaget og nærmiljøet utgjør den fysiske og
sosiale rammen rundt barns liv.» and 5.2.3 (p. 18) «Boligen, nabolaget og nærmiljøet utgjør den fysiske
og sosiale rammen rundt barns liv.», which adds nothing to the first.
"""

from __future__ import annotations

from assistant.compose.general import _repeats, _tokens

FIRST = "Familien, boligen, nabolaget og nærmiljøet utgjør den fysiske og sosiale rammen rundt barns liv."
AGAIN = "Boligen, nabolaget og nærmiljøet utgjør den fysiske og sosiale rammen rundt barns liv."


def test_the_shorter_telling_is_left_out_and_the_rest_of_its_passage_kept(assistant):
    a = assistant.ask("Hva menes med den fysiske og sosiale rammen rundt barn?")
    assert a.answer.startswith(FIRST)
    assert AGAIN not in a.answer
    assert "Særlig nabolagets fysiske utforming og sosiale kvaliteter" in a.answer  # 5.2.3 goes on


def test_a_sentence_with_one_new_word_is_no_repeat():
    said = [_tokens("Johnson er i hardt vær fordi høyesterett i en kjennelse fastslo at suspenderingen var lovstridig.")]
    assert not _repeats(_tokens("Johnson er i hardt vær fordi høyesterett fastslo at suspenderingen i september "
                                "var lovstridig."), said)
    assert _repeats(_tokens(AGAIN), [_tokens(FIRST)])
