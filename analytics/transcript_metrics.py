"""Fluency figures from a transcript with word timestamps (any STT that gives word timings)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any


@dataclass
class Word:
    text: str
    start: float
    end: float


@dataclass
class TranscriptMetrics:
    word_count: int = 0
    words_per_minute: float = 0.0
    filler_count: int = 0
    fillers_per_100_words: float = 0.0
    repetitions: int = 0
    duration_s: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# Hesitation sounds are always fillers.  STTs spell them variously ("umm", "uhh", "hmm").
_HESITATIONS = frozenset({"um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "eh", "hmm", "mm", "mhm"})
# Multi-word discourse markers counted as one filler each.
_PHRASE_FILLERS: tuple[tuple[str, ...], ...] = (("you", "know"), ("i", "mean"), ("sort", "of"), ("kind", "of"))
# "like" is a filler except where it is a verb or a preposition; these preceding words make it one
# ("I like", "would like", "looks like", "something like"): a heuristic, so "like" stays a signal.
_LIKE_NOT_FILLER_AFTER = frozenset(
    {
        "i", "you", "we", "they", "he", "she", "it", "would", "'d", "really", "don't", "didn't", "do",
        "does", "to", "looks", "look", "looked", "feel", "feels", "felt", "seems", "seem", "sounds",
        "something", "things", "just", "more", "much", "not",
    }
)  # fmt: skip
# After a copula, "like" compares when a noun phrase follows ("it was like a dream") and is a filler
# otherwise ("it was like really hard").
_COPULAS = frozenset({"is", "was", "be", "are", "were", "it's", "that's"})
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "my", "our", "your", "his", "her", "their"})
_TOKEN = re.compile(r"[a-z0-9']+")


def _normalise(text: str) -> str:
    return "".join(_TOKEN.findall(text.lower().replace("’", "'")))


def _like_is_filler(tokens: list[str], i: int) -> bool:
    prev = tokens[i - 1] if i > 0 else ""
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    if prev in _COPULAS:
        return nxt not in _DETERMINERS
    return prev not in _LIKE_NOT_FILLER_AFTER


def _count_fillers(tokens: list[str]) -> tuple[int, set[int]]:
    """Number of fillers and the token positions they cover (excluded from repetition counting)."""
    covered: set[int] = set()
    count = 0
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        phrase = next((p for p in _PHRASE_FILLERS if tuple(tokens[i : i + len(p)]) == p), None)
        if phrase is not None:
            covered.update(range(i, i + len(phrase)))
            count += 1
            i += len(phrase)
            continue
        if tok in _HESITATIONS or (tok == "like" and _like_is_filler(tokens, i)):
            covered.add(i)
            count += 1
        i += 1
    return count, covered


def _count_repetitions(tokens: list[str], fillers: set[int], max_len: int = 3) -> int:
    """Immediate repetitions of 1..max_len word sequences ("I I think", "we did we did"); fillers skipped."""
    content = [t for i, t in enumerate(tokens) if i not in fillers and t]
    count = 0
    i = 0
    while i < len(content):
        for n in range(max_len, 0, -1):
            if i + 2 * n <= len(content) and content[i : i + n] == content[i + n : i + 2 * n]:
                count += 1
                i += n  # the second copy may itself be repeated again ("the the the" = 2)
                break
        else:
            i += 1
    return count


def transcript_metrics(words: list[Word]) -> TranscriptMetrics:
    """Words per minute, fillers per 100 words and immediate repetitions of a word-timed transcript."""
    tokens = [_normalise(w.text) for w in words]
    timed = [(w, t) for w, t in zip(words, tokens, strict=True) if t]
    if not timed:
        return TranscriptMetrics()
    tokens = [t for _w, t in timed]
    duration = max(w.end for w, _t in timed) - min(w.start for w, _t in timed)
    fillers, covered = _count_fillers(tokens)
    n = len(tokens)
    return TranscriptMetrics(
        word_count=n,
        words_per_minute=n / duration * 60.0 if duration > 0 else 0.0,
        filler_count=fillers,
        fillers_per_100_words=fillers / n * 100.0,
        repetitions=_count_repetitions(tokens, covered),
        duration_s=max(duration, 0.0),
    )
