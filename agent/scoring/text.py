"""Splitting an answer into sentences, and turning the candidate's words round to address them."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z0-9']+")
MAX_SENTENCE_WORDS = 40  # transcripts may come without punctuation: longer runs are cut into windows
WINDOW_WORDS = 25


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Sentences of at least three words; unpunctuated runs are cut into windows of WINDOW_WORDS words."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text or ""):
        piece = " ".join(piece.split())
        tokens = piece.split(" ")
        if len(tokens) > MAX_SENTENCE_WORDS:
            out.extend(" ".join(tokens[i: i + WINDOW_WORDS]) for i in range(0, len(tokens), WINDOW_WORDS))
        elif len(words(piece)) >= 3:
            out.append(piece)
    return out


_SWAP = {"i": "you", "i'm": "you're", "i've": "you've", "i'd": "you'd", "i'll": "you'll", "me": "you",
         "my": "your", "mine": "yours", "myself": "yourself", "we": "you", "we're": "you're", "we've": "you've",
         "we'd": "you'd", "our": "your", "ours": "yours", "us": "you", "am": "are"}


def to_second_person(text: str) -> str:
    """'I checked my logs' -> 'you checked your logs': the candidate's words, said back to them."""
    def swap(m: re.Match[str]) -> str:
        word = m.group(0)
        return _SWAP.get(word.lower().replace("’", "'"), word)

    return re.sub(r"[A-Za-z’']+", swap, text)
