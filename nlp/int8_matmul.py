"""The embedding model with its matrix products in int8 (MatMulNBits, 8-bit weights): what screening profiles use
on CPUs with VNNI (nlp.embeddings.int8_products_faster; on AVX2 alone these kernels are slower than float32).

The shipped model stores int8 weights but dequantises them to float32 when the session loads, so every product
ran in float32 (three quarters of the model time). Here each weight matrix is quantised once, when the model
loads, into blocks of BLOCK_SIZE rows with their own scale, and onnxruntime multiplies it with int8 activations
(accuracy level 4: activations quantised per row and block on the fly). On the CV sentences of the evaluation
set the vectors keep a cosine of 0.999 (at least 0.995) with the float32 ones, every CV's best job stays the
same, and one core embeds a CV about 1.4 times as fast. Unlike float32, a row's result depends a little (about
1e-3) on its place in the batch: nlp/embeddings.py orders each batch by content, so the same texts in one call
give the same vectors whatever their order (the API and `interviewly screen` embed a CV's sentences alike).

Nothing is downloaded: the shipped model is folded by onnxruntime itself (its constant folding) and rewritten
in memory with the `onnx` package.
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


def int8_model(model_path: Path, session_options) -> bytes:
    """The model at `model_path` with every float MatMul by a constant (K, N) weight turned into MatMulNBits."""
    import onnx
    import onnxruntime as ort
    from onnx import helper, numpy_helper

    with tempfile.TemporaryDirectory(prefix="embedder-") as tmp:
        folded = Path(tmp) / "folded.onnx"
        opts = ort.SessionOptions()
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # constant folding only
        opts.optimized_model_filepath = str(folded)
        opts.intra_op_num_threads = session_options.intra_op_num_threads
        ort.InferenceSession(str(model_path), sess_options=opts, providers=["CPUExecutionProvider"])
        model = onnx.load(str(folded))
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
