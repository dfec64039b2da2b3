from __future__ import annotations

import pytest

from analytics.transcript_metrics import Word, transcript_metrics


def _words(text: str, per_word_s: float = 0.4) -> list[Word]:
    return [Word(w, i * per_word_s, i * per_word_s + per_word_s * 0.9) for i, w in enumerate(text.split())]


def test_words_per_minute_from_timestamps() -> None:
    words = _words("we shipped the new billing service in three weeks", per_word_s=0.5)  # 9 words
    m = transcript_metrics(words)
    assert m.word_count == 9
    assert m.duration_s == pytest.approx(8 * 0.5 + 0.45)
    assert m.words_per_minute == pytest.approx(9 / 4.45 * 60)
    assert m.filler_count == 0 and m.repetitions == 0


def test_fillers_single_and_multi_word() -> None:
    text = "um so I uh think you know the er design was erm I mean like fine"
    m = transcript_metrics(_words(text))
    # um, uh, you know, er, erm, I mean, like
    assert m.filler_count == 7
    assert m.word_count == 16
    assert m.fillers_per_100_words == pytest.approx(7 / 16 * 100)


def test_like_as_a_verb_or_comparison_is_not_a_filler() -> None:
    assert transcript_metrics(_words("I like Python and it looks like Rust")).filler_count == 0
    assert transcript_metrics(_words("it was like a dream")).filler_count == 0
    assert transcript_metrics(_words("it was like really hard")).filler_count == 1


def test_immediate_repetitions_and_punctuation() -> None:
    m = transcript_metrics(_words("I I think the the the design, we did we did. Scale scale."))
    # "I I" 1, "the the the" 2, "we did we did" 1, "Scale scale." 1
    assert m.repetitions == 5
    assert transcript_metrics(_words("um um we tested")).repetitions == 0  # fillers are counted as fillers


def test_empty_and_punctuation_only() -> None:
    assert transcript_metrics([]).word_count == 0
    m = transcript_metrics([Word("...", 0.0, 0.5), Word("-", 0.5, 0.6)])
    assert m.word_count == 0 and m.words_per_minute == 0.0
    assert transcript_metrics([Word("hello", 1.0, 1.0)]).words_per_minute == 0.0  # zero duration
