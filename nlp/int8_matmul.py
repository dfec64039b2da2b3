"""The embedding model with its matrix products in int8, in two forms: MatMulNBits (8-bit weight blocks, `int8_model`),
what screening profiles use where the CPU's flags cannot be read, and onnxruntime's dynamic quantisation
(`dynamic_int8_model`), what they use on x86: with signed weights on CPUs with VNNI (a profile in 64-70 ms of a
Xeon's core against 117 with MatMulNBits), with unsigned ones on CPUs with AVX2 alone, where MatMulNBits is slower
than float32 (nlp.embeddings.fastest_products). What follows was measured before the signed weights were tried on
a VNNI CPU.

The shipped model stores int8 weights but dequantises them to float32 when the session loads, so every product
ran in float32 (three quarters of the model time). Here each weight matrix is quantised once, when the model
loads, into blocks of BLOCK_SIZE rows with their own scale, and onnxruntime multiplies it with int8 activations
(accuracy level 4: activations quantised per row and block on the fly). On the CV sentences of the evaluation
set the vectors keep a cosine of 0.999 (at least 0.995) with the float32 ones, every CV's best job stays the
same, and one core embeds a CV about 1.4 times as fast. Unlike float32, a row's result depends a little (about
1e-3) on its place in the batch: nlp/embeddings.py orders each batch by content, so the same texts in one call
give the same vectors whatever their order (the API and `interviewly screen` embed a CV's sentences alike).

On an AMD EPYC with AVX2 alone (no VNNI) float32 products already run near the core's peak (about 86 GFLOP/s),
and neither int8 form gains much: MatMulNBits took 267 ms of model time per CV against 150 in float32 when it was
measured; with the dynamic products profiling a CV took 112 ms against 139 in float32. onnxruntime's
dynamic quantisation (`onnxruntime.quantization.quantize_dynamic`: uint8 weights with a scale and zero point per
output column, activations quantised to uint8 per tensor as each product runs) screens 8.4 CVs a second per core
end to end instead of 6.9 (`bench/bench_screening.py --no-memory --repeat 3`), with top-1 unchanged on every
development half (v1..v4 301/308, old set 82/82). Its vectors are further from float32 (cosine 0.993 on average,
0.970 at worst on the evaluation set's CV sentences) since an activation tensor shares one scale. Tried there and
not taken: signed weights (onnxruntime's u8s8 kernel, whose pairwise products saturate in 16 bits on AVX2: as
fast, cosine 0.992), one scale per weight tensor (cosine 0.981), only the feed-forward products (model time 4%
below float32's instead of 12%, cosine 0.994), and SmoothQuant-style channel scales calibrated on the old set
(cosine 0.995, the same top-1 and speed, at the cost of shipping the calibration). Not tried on the evaluation
sets yet: each layer's attention (some 20 small nodes of the exported graph) fused into onnxruntime's
MultiHeadAttention, which took 3% off the model time in float32 and int8dyn alike (113.5 -> 110.4 ms per CV).
Quantising takes about 2.5 s of the first profile's time (the session loads lazily), against 0.3 s for the
float32 session.

Nothing is downloaded: the shipped model is folded by onnxruntime itself (its constant folding) and rewritten
in memory with the `onnx` package (or onnxruntime's quantiser).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

BLOCK_SIZE = 128  # 32 kept a cosine of 0.9996 but ran 15% slower; 128 divides both 384 and 1536
ACCURACY_LEVEL = 4  # int8 activations: the VNNI/AVX2 integer kernels
BITS = 8


def _quantised(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(K, N) float weights → (N, K/B, B) uint8 blocks (zero point 128, MatMulNBits' default for 8 bits) and
    one float scale per block, symmetric."""
    k, n = weight.shape
    blocks = weight.T.reshape(n, k // BLOCK_SIZE, BLOCK_SIZE).astype(np.float32)
    scales = np.abs(blocks).max(axis=2) / 127.0
    scales[scales == 0] = 1.0
    q = np.clip(np.rint(blocks / scales[:, :, None]), -127, 127).astype(np.int16) + 128
    return q.astype(np.uint8), scales.reshape(-1).astype(np.float32)


def _folded(model_path: Path, session_options, tmp: str):
    """The model with its constants folded by onnxruntime (the shipped int8 weights become float32 ones)."""
    import onnx
    import onnxruntime as ort

    folded = Path(tmp) / "folded.onnx"
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # constant folding only
    opts.optimized_model_filepath = str(folded)
    opts.intra_op_num_threads = session_options.intra_op_num_threads
    ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"])
    return onnx.load(str(folded))


def int8_model(model_path: Path, session_options) -> bytes:
    """The model at `model_path` with every float MatMul by a constant (K, N) weight turned into MatMulNBits."""
    from onnx import helper, numpy_helper

    with tempfile.TemporaryDirectory(prefix="embedder-") as tmp:
        model = _folded(model_path, session_options, tmp)
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    replaced: set[str] = set()
    nodes = []
    for node in graph.node:
        init = weights.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if init is None or len(init.dims) != 2 or init.dims[0] % BLOCK_SIZE:
            nodes.append(node)
            continue
        k, n = init.dims
        q, scales = _quantised(numpy_helper.to_array(init))
        graph.initializer.extend([numpy_helper.from_array(q, f"{init.name}_q8"),
                                  numpy_helper.from_array(scales, f"{init.name}_q8_scales")])
        nodes.append(helper.make_node(
            "MatMulNBits", [node.input[0], f"{init.name}_q8", f"{init.name}_q8_scales"], list(node.output),
            name=f"{node.name}_q8", domain="com.microsoft", K=k, N=n, bits=BITS, block_size=BLOCK_SIZE,
            accuracy_level=ACCURACY_LEVEL))
        replaced.add(init.name)
    still_used = {name for node in nodes for name in node.input}
    kept = [init for init in graph.initializer if init.name not in replaced or init.name in still_used]
    del graph.node[:]
    graph.node.extend(nodes)
    del graph.initializer[:]
    graph.initializer.extend(kept)
    if not any(op.domain == "com.microsoft" for op in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return model.SerializeToString()


def dynamic_int8_model(model_path: Path, session_options, *, signed: bool = False) -> bytes:
    """The model at `model_path` with every MatMul by a constant weight dynamically quantised by onnxruntime
    (`quantize_dynamic`): int8 weights, one scale and zero point per output column, activations quantised to
    uint8 per tensor when each product runs (DynamicQuantizeMatMul, MatMulIntegerToFloat). These kernels beat
    both float32 and MatMulNBits on the CPUs measured (nlp.embeddings.INT8_CPU_FLAGS). Unsigned weights run
    onnxruntime's u8u8 kernel, exact in 16 bits, the one for AVX2 alone; `signed` ones its u8s8 kernel, whose
    pairwise sums saturate in 16 bits on AVX2 but which VNNI's dot products run exactly and 1.5 times as fast."""
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    def advice(record: logging.LogRecord) -> bool:  # the quantiser's advice to run its shape pre-processing
        return "pre-processing" not in str(record.msg)

    with tempfile.TemporaryDirectory(prefix="embedder-") as tmp:
        model = _folded(model_path, session_options, tmp)
        out = Path(tmp) / "dynamic.onnx"
        logging.getLogger().addFilter(advice)
        try:
            quantize_dynamic(model, out, op_types_to_quantize=["MatMul"], per_channel=True,
                             weight_type=QuantType.QInt8 if signed else QuantType.QUInt8)
        finally:
            logging.getLogger().removeFilter(advice)
        return out.read_bytes()
