"""Offline STT: word error rate and CPU per segment for each packaged model and encoder window.

    .venv/bin/python bench/bench_stt.py [--models base,tiny.en] [--windows 30,10,5] [--threads 1]

Two corpora, each clip framed like a segment the session's VAD ends (0.3 s before the speech, 0.6 s after):
interview answers (short and long, numbers, tools, fillers) spoken by espeak-ng in two voices at three
rates, and human speech (LibriVox sentences and short spoken commands from pocketsphinx's test data,
fetched by ``bash scripts/fetch_bench_speech.sh``; skipped when absent). Each is transcribed by
the offline STT's own transcription (faster-whisper, int8, one thread, beam 1, word timings) with each model
(a name from ``PACKAGED_MODELS`` or a CTranslate2 model directory) and the encoder's window at 30 s
(faster-whisper's own padding) and shorter.

Reports, against the text spoken:
- raw WER: jiwer after lower case and no punctuation ("10" for "ten" and "ill-disposed" count as errors);
- normalised WER: both sides through OpenAI Whisper's English normaliser (``whisper-normalizer``: numbers to
  digits, hyphens, punctuation, British spellings, fillers), applied identically to every model;
- CPU seconds per segment (mean, p95, max), per second of audio, and the share of a core per conversing
  interview that implies (the candidate speaking half the time);
- runaway transcripts (twice the words spoken, plus three).
Results also go to .artifacts/bench_stt.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.signal import resample_poly

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from agent.offline.stt_whisper import PACKAGED_MODELS, WHISPER_RATE, load_model, transcribe  # noqa: E402
from tests.media import espeak_wav, read_wav  # noqa: E402
from tests.wer import normalised_wer, raw_wer  # noqa: E402

ANSWERS = [
    "Yes.",
    "No, not really.",
    "About three years.",
    "Python, mostly, and some Go.",
    "Kubernetes, Terraform and a little bit of Rust.",
    "I started in twenty nineteen as a junior developer.",
    "I built a data pipeline in Python with asyncio and Postgres last year.",
    "I would profile it first, then look at the indexes and the query plan for the slow endpoint.",
    "Um, well, I think the main thing is to keep the team talking to each other every day.",
    "We had a memory leak in a background worker, and it took two weeks to find the cause.",
    "I write unit tests with pytest for the logic and a few integration tests against a real database.",
    "My favourite project was a compiler for a small language that I wrote at university over three months.",
    "I have built web services in Python for five years. I care about tests, clear interfaces and measuring "
    "before optimising, and I enjoy working with a small team.",
    "When a deadline slips, I tell the people who depend on it early, cut the scope with the product owner, "
    "and keep the quality of what we ship.",
    "I led a team of four engineers and we moved our billing system from a monolith to three services "
    "without any downtime for our customers.",
    "I want to learn more about distributed systems and how databases work inside, like write ahead logs "
    "and replication.",
]
VOICES = ["en-us", "en-gb"]
RATES = [140, 175, 210]
LEAD_S, TAIL_S = 0.3, 0.6
HUMAN_SPEECH = REPO / ".data" / "bench-speech"
# share of a conversing interview during which the candidate speaks (the interviewer, pauses and thinking
# take the rest)
SPEAKING_SHARE = 0.5


def as_segment(samples: np.ndarray, rate: int) -> np.ndarray:
    speech = resample_poly(samples, WHISPER_RATE, rate).astype(np.float32) if rate != WHISPER_RATE else samples
    pad = [np.zeros(round(s * WHISPER_RATE), np.float32) for s in (LEAD_S, TAIL_S)]
    return np.concatenate([pad[0], speech, pad[1]])


def espeak_corpus(workdir: Path) -> list[tuple[str, np.ndarray]]:
    return [(text, as_segment(*read_wav(espeak_wav(text, rate, workdir / f"{voice}-{rate}-{i}.wav", voice=voice))))
            for voice in VOICES for rate in RATES for i, text in enumerate(ANSWERS)]


def human_corpus() -> list[tuple[str, np.ndarray]]:
    return [(wav.with_suffix(".txt").read_text().strip(), as_segment(*read_wav(wav)))
            for wav in sorted(HUMAN_SPEECH.glob("*.wav"))]


def timed_transcribe(model, audio: np.ndarray) -> tuple[str, float]:
    start = time.process_time()
    text, _words, _confidence = transcribe(model, audio)
    return text, time.process_time() - start


def load(model: str, threads: int, window: float):
    if model in PACKAGED_MODELS:
        return load_model(name=model, cpu_threads=threads, min_window_s=window)
    return load_model(model, cpu_threads=threads, min_window_s=window)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default=",".join(PACKAGED_MODELS),
                        help="packaged model names or CTranslate2 model directories")
    parser.add_argument("--windows", default="30,10,5", help="encoder windows to compare, in seconds")
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    models = args.models.split(",")
    windows = [float(w) for w in args.windows.split(",")]
    with tempfile.TemporaryDirectory(prefix="bench-stt-") as tmp:
        corpora = {"espeak-ng": espeak_corpus(Path(tmp))}
    if HUMAN_SPEECH.is_dir():
        corpora["human"] = human_corpus()
    else:
        print(f"human speech: skipped ({HUMAN_SPEECH} is missing: bash scripts/fetch_bench_speech.sh)")
    results = []
    for name, corpus in corpora.items():
        seconds = sum(len(a) for _, a in corpus) / WHISPER_RATE
        print(f"{name}: {len(corpus)} segments, {seconds:.0f} s", flush=True)
        for model_name in models:
            for window in windows:
                model = load(model_name, args.threads, window)
                timed_transcribe(model, corpus[0][1])  # warm up
                refs, hyps, cpu, runaway = [], [], [], 0
                for text, audio in corpus:
                    hyp, spent = timed_transcribe(model, audio)
                    refs.append(text)
                    hyps.append(hyp or "")
                    cpu.append(spent)
                    runaway += len(hyp.split()) > 2 * len(text.split()) + 3
                wer = raw_wer(refs, hyps)
                ordered = sorted(cpu)
                per_audio_s = sum(cpu) / seconds
                result = {
                    "corpus": name,
                    "model": model_name,
                    "segments": len(corpus),
                    "audio_s": round(seconds, 1),
                    "window_s": window,
                    "wer": round(wer, 4),
                    "wer_normalised": round(normalised_wer(refs, hyps), 4),
                    "cpu_s_per_segment_mean": round(statistics.mean(cpu), 3),
                    "cpu_s_per_segment_p95": round(ordered[round(0.95 * (len(ordered) - 1))], 3),
                    "cpu_s_per_segment_max": round(ordered[-1], 3),
                    "cpu_s_per_audio_s": round(per_audio_s, 3),
                    "core_percent_per_interview": round(100 * SPEAKING_SHARE * per_audio_s, 1),
                    "runaway_transcripts": runaway,
                    "transcripts": hyps,
                }
                results.append(result)
                print(f"  {model_name} window {window:>4.0f} s: WER {wer:.1%} (normalised "
                      f"{result['wer_normalised']:.1%}), CPU per segment mean {result['cpu_s_per_segment_mean']} s, "
                      f"p95 {result['cpu_s_per_segment_p95']} s, max {result['cpu_s_per_segment_max']} s "
                      f"({result['cpu_s_per_audio_s']} s per s of audio: {result['core_percent_per_interview']}% "
                      f"of a core per interview), runaway transcripts {runaway}", flush=True)
    out = REPO / ".artifacts" / "bench_stt.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
