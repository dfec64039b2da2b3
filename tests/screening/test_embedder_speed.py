"""What makes screening fast (issue 15) keeps its meaning: both kinds of int8 products stay close to the shipped
model's float32 ones, batches of similar length pad little, and a call's vectors do not depend on the order of its
texts."""

from __future__ import annotations

import numpy as np
import pytest

from api.screening.cv_parser import parse_cv_text
from api.screening.profiles import cv_sentences
from nlp.embeddings import (
    BATCH_MAX,
    BATCH_SLACK,
    FP32,
    INT8,
    INT8_DYNAMIC,
    INT8_DYNAMIC_SIGNED,
    Embedder,
    _batches,
)
from tests.screening.ranking_metrics import load_set


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    _, cvs = load_set("easy")
    return [s for c in cvs[:4] for s in cv_sentences(parse_cv_text(c["text"]))]


def test_int8_vectors_stay_close_to_the_float32_model(embedder: Embedder, sentences: list[str]) -> None:
    cosines = (embedder.embed(sentences, products=INT8) * embedder.embed(sentences)).sum(axis=1)
    assert len(sentences) > 40
    assert cosines.min() > 0.99 and cosines.mean() > 0.998, (cosines.min(), cosines.mean())
    # the rewrite happened: int8 and float32 vectors are not bit-identical
    assert cosines.min() < 0.99999


@pytest.mark.parametrize("products", [INT8_DYNAMIC, INT8_DYNAMIC_SIGNED])
def test_dynamic_int8_vectors_stay_close_to_the_float32_model(embedder: Embedder, sentences: list[str],
                                                             products: str) -> None:
    """onnxruntime's dynamic quantisation (activations per tensor) is the further from float32 (0.993 on average,
    0.970 at worst on the evaluation set's CV sentences, with unsigned or signed weights alike); what the
    screening bench measured of it holds here."""
    cosines = (embedder.embed(sentences, products=products) * embedder.embed(sentences)).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.mean() > 0.99, (cosines.min(), cosines.mean())
    assert cosines.min() < 0.9999


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


@pytest.mark.parametrize("signed", [False, True])
def test_the_model_runs_dynamically_quantised_products(signed: bool) -> None:
    import onnx
    import onnxruntime

    from nlp.embeddings import MODEL_FILE, MODEL_PACKAGE, _package_file
    from nlp.int8_matmul import dynamic_int8_model

    graph = onnx.load_from_string(
        dynamic_int8_model(_package_file(MODEL_PACKAGE, MODEL_FILE), onnxruntime.SessionOptions(), signed=signed)
    ).graph
    constant = {i.name: i for i in graph.initializer}
    products = [n for n in graph.node if n.op_type == "MatMulInteger"]
    assert len(products) == 36  # 6 layers x (Q, K, V, output, two feed-forward)
    # int8 (signed) or uint8 weights with a zero point per output column
    weight_type = onnx.TensorProto.INT8 if signed else onnx.TensorProto.UINT8
    assert all(constant[n.input[1]].data_type == weight_type for n in products)
    assert all(len(constant[n.input[3]].dims) == 1 and constant[n.input[3]].dims[0] > 1 for n in products)
    assert not [n for n in graph.node if n.op_type == "MatMul" and n.input[1] in constant]


@pytest.mark.parametrize("products", [FP32, INT8, INT8_DYNAMIC, INT8_DYNAMIC_SIGNED])
def test_a_call_gives_the_same_vectors_in_any_order(embedder: Embedder, sentences: list[str], products: str) -> None:
    """The dynamic products quantise a batch's activations with one scale, so a row's vector depends on the rows
    batched with it: batches are made by content, not by the order of the call."""
    forward = embedder.embed(sentences, products=products)
    backward = embedder.embed(sentences[::-1], products=products)[::-1]
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
    """The dynamic products with signed weights where the CPU has the integer dot-product instructions (VNNI),
    with unsigned ones on AVX2 alone (where the signed kernel saturates), float32 on older CPUs, MatMulNBits
    where the flags cannot be read, and the profile's model name says which kind made its vectors."""
    import nlp.embeddings as emb
    from api.screening.profiles import PROFILE_METHOD, PROFILE_MODEL, PROFILE_PRODUCTS
    from api.screening.scoring import SCORING_METHOD, SCORING_VERSION

    monkeypatch.delenv("EMBEDDING_INT8", raising=False)
    monkeypatch.delenv("EMBEDDING_PRODUCTS", raising=False)
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx", "avx2", "fma"})
    assert emb.fastest_products() == INT8_DYNAMIC
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx2", "avx512f", "avx512_vnni"})
    assert emb.fastest_products() == INT8_DYNAMIC_SIGNED
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx2", "avx_vnni"})
    assert emb.fastest_products() == INT8_DYNAMIC_SIGNED
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"sse4_2"})
    assert emb.fastest_products() == FP32
    monkeypatch.setattr(emb, "_cpu_flags", set)
    assert emb.fastest_products() == INT8
    monkeypatch.setattr(emb, "_cpu_flags", lambda: {"avx2"})
    monkeypatch.setenv("EMBEDDING_INT8", "0")
    assert emb.fastest_products() == FP32
    monkeypatch.setenv("EMBEDDING_INT8", "1")
    assert emb.fastest_products() == INT8
    monkeypatch.setenv("EMBEDDING_PRODUCTS", "fp32")  # the newer switch wins
    assert emb.fastest_products() == FP32
    monkeypatch.setenv("EMBEDDING_PRODUCTS", "int8dyn")
    assert emb.fastest_products() == INT8_DYNAMIC
    monkeypatch.setenv("EMBEDDING_PRODUCTS", "INT8DYN-S8")
    assert emb.fastest_products() == INT8_DYNAMIC_SIGNED
    with pytest.raises(ValueError):
        Embedder().embed(["a"], products="int4")
    assert PROFILE_MODEL.endswith(f"-{PROFILE_PRODUCTS}")
    # the cache keeps the kinds apart; screenings do not (hosts of two CPU kinds would re-score each other's)
    assert PROFILE_MODEL.startswith(PROFILE_METHOD + "-")
    assert SCORING_METHOD == f"{PROFILE_METHOD}/score-{SCORING_VERSION}"
