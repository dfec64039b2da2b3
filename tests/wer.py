"""Word error rate as the STT bench and tests score it, raw and normalised, so both state the same figure.

- raw: lower case, punctuation removed; "10" for "ten" or "ill-disposed" for "ill disposed" count as errors.
- normalised: OpenAI Whisper's English normaliser (the ``whisper-normalizer`` package) on both sides: numbers
  to digits, hyphens and punctuation, British spellings, fillers ("um", "uh"). It scores what the words are,
  not how they are written, and is applied identically to every model.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import jiwer

_RAW = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(), jiwer.Strip(),
                      jiwer.ReduceToListOfListOfWords()])


@cache
def _whisper_english() -> Callable[[str], str]:
    from whisper_normalizer.english import EnglishTextNormalizer

    return EnglishTextNormalizer()


def normalise(text: str) -> str:
    """Whisper's English normalisation of one text ("Five years." -> "5 years")."""
    return _whisper_english()(text)


def raw_wer(refs: list[str], hyps: list[str]) -> float:
    return jiwer.wer(refs, hyps, reference_transform=_RAW, hypothesis_transform=_RAW)


def normalised_wer(refs: list[str], hyps: list[str]) -> float:
    pairs = [(normalise(r), normalise(h)) for r, h in zip(refs, hyps, strict=True)]
    # a reference the normaliser empties (a lone filler) has no words to score
    pairs = [(r, h) for r, h in pairs if r.strip()]
    return jiwer.wer([r for r, _ in pairs], [h for _, h in pairs])
