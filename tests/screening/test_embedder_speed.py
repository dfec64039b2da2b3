"""What makes screening fast (issue 15) keeps its meaning: the int8 products stay close to the shipped model's
float32 ones, batches of similar length pad little, and a call's vectors do not depend on the order of its texts."""

from __future__ import annotations

import numpy as np
import pytest

from api.screening.cv_parser import parse_cv_text
from api.screening.profiles import cv_sentences
from nlp.embeddings import BATCH_MAX, BATCH_SLACK, Embedder, _batches
from tests.screening.ranking_metrics import load_set


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    _, cvs = load_set("easy")
    return [s for c in cvs[:4] for s in cv_sentences(parse_cv_text(c["text"]))]


def test_int8_vectors_stay_close_to_the_float32_model(embedder: Embedder, sentences: list[str]) -> None:
    cosines = (embedder.embed(sentences, int8=True) * embedder.embed(sentences)).sum(axis=1)
    assert len(sentences) > 40
    assert cosines.min() > 0.99 and cosines.mean() > 0.998, (cosines.min(), cosines.mean())
    # the rewrite happened: int8 and float32 vectors are not bit-identical
    assert cosines.min() < 0.99999


def test_the_model_runs_int8_products() -> None:
    import onnx
    import onnxruntime

    from nlp.embeddings import MODEL_FILE, MODEL_PACKAGE, _package_file
    from nlp.int8_matmul import int8_model

    opts = onnxruntime.SessionOptions()
    graph = onnx.load_from_string(int8_model(_package_file(MODEL_PACKAGE, MODEL_FILE), opts)).graph
    constant = {i.name for i in graph.initializer}
    ops = [n.op_type for n in graph.node]
    assert ops.count("MatMulNBits") == 36  # 6 layers x (Q, K, V, output, two feed-forward)
    assert not [n for n in graph.node if n.op_type == "MatMul" and n.input[1] in constant]


def test_a_call_gives_the_same_vectors_in_any_order(embedder: Embedder, sentences: list[str]) -> None:
    forward = embedder.embed(sentences, int8=True)
    backward = embedder.embed(sentences[::-1], int8=True)[::-1]
    np.testing.assert_array_equal(forward, backward)


def test_batches_hold_windows_of_similar_length() -> None:
    lengths = [5, 40, 6, 7, 100, 12, 13, 14, 90, 6, *([9] * 70)]
    batches = _batches([list(range(n)) for n in lengths])
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    for batch in batches:
        width = max(lengths[i] for i in batch) + 2
        assert width <= BATCH_SLACK * (min(lengths[i] for i in batch) + 2) + 2 and len(batch) <= BATCH_MAX
    padded = sum(len(b) * (max(lengths[i] for i in b) + 2) for b in batches)
    assert padded <= 1.15 * sum(n + 2 for n in lengths)


def test_the_products_are_chosen_by_the_cpu_or_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    """int8 only where the CPU has the integer dot-product instructions (on AVX2 alone it was the slower), and
    the profile's model name says which kind made its vectors."""
    import nlp.embeddings as emb
    from api.screening.profiles import PROFILE_INT8, PROFILE_METHOD, PROFILE_MODEL
    from api.screening.scoring import SCORING_METHOD, SCORING_VERSION

    monkeypatch.delenv("EMBEDDING_INT8", raising=False)
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx", "avx2", "fma"})
    assert not emb.int8_products_faster()
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx2", "avx512f", "avx512_vnni"})
    assert emb.int8_products_faster()
    monkeypatch.setenv("EMBEDDING_INT8", "0")
    assert not emb.int8_products_faster()
    monkeypatch.setenv("EMBEDDING_INT8", "1")
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx2"})
    assert emb.int8_products_faster()
    assert PROFILE_MODEL.endswith("-int8" if PROFILE_INT8 else "-fp32")
    # the cache keeps the kinds apart; screenings do not (hosts of two CPU kinds would re-score each other's)
    assert PROFILE_MODEL.startswith(PROFILE_METHOD + "-")
    assert SCORING_METHOD == f"{PROFILE_METHOD}/score-{SCORING_VERSION}"
