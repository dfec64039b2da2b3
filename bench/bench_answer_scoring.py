"""Answer scoring on the labelled answers set: ordering accuracy and the off-topic maximum, per half, on the written
answers and on their offline transcripts.

    .venv/bin/python bench/bench_answer_scoring.py [--halves dev,test] [--no-stt] [--follow-up-cpu]

The scorer is the agent's offline content scorer (agent/scoring). Pairs are strong/strong_plain > partial >
off_topic within a question (tests/agent/answer_eval.py). For the transcribed run each answer is spoken by espeak-ng
(en-us and en-gb voices, alternating by question, 165 words a minute), one segment per sentence as the session's VAD
would cut it at the pauses, and transcribed by the default offline STT (agent/offline/stt_whisper.py, as the agent
runs it). Transcripts are cached per model in .artifacts/answer_transcripts.json (a first run takes ~40 minutes).
Results go to .artifacts/bench_answer_scoring.json.

``--follow-up-cpu`` also prints the follow-up picker's CPU per answer (process CPU; run it with
EMBEDDING_THREADS=1, as the agent does): computed after the turn ended (the plain path), or ahead
(agent/scoring/ahead.py: the question's anchors while it is asked, the answer so far at each final transcript, here
every SEGMENT_SENTENCES sentences), each answer as the first one its question gets in the process (nothing cached).

The dev half is the one to tune on; the test half is held out (tests/evalsets/answers/README.md).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

import jiwer
import numpy as np
from scipy.signal import resample_poly

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import prompts  # noqa: E402
from agent.offline.stt_whisper import DEFAULT_MODEL, PACKAGED_MODELS, WHISPER_RATE, load_model, transcribe  # noqa: E402
from agent.scoring.content import score_answer  # noqa: E402
from agent.scoring.follow_up import RubricFollowUps  # noqa: E402
from agent.scoring.rubric import Rubric, bank_rubric  # noqa: E402
from agent.scoring.text import sentences  # noqa: E402
from tests.agent.answer_eval import evaluate, load_half  # noqa: E402
from tests.media import espeak_wav, read_wav  # noqa: E402

VOICES = ("en-us", "en-gb")
RATE_WPM = 165
LEAD_S, TAIL_S = 0.3, 0.6  # silence around a segment, as the VAD frames it
ARTIFACTS = REPO / ".artifacts"
CACHE = ARTIFACTS / "answer_transcripts.json"


def _segment(samples: np.ndarray, rate: int) -> np.ndarray:
    speech = resample_poly(samples, WHISPER_RATE, rate).astype(np.float32) if rate != WHISPER_RATE else samples
    pad = [np.zeros(round(s * WHISPER_RATE), np.float32) for s in (LEAD_S, TAIL_S)]
    return np.concatenate([pad[0], speech, pad[1]])


class Transcriber:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.model = load_model()
        self.model_id = f"{DEFAULT_MODEL}:{PACKAGED_MODELS[DEFAULT_MODEL].sha256['model.bin'][:16]}"
        self.cache: dict[str, str] = json.loads(CACHE.read_text()) if CACHE.exists() else {}
        self.cpu_s = 0.0
        self.segments = 0

    def __call__(self, text: str, voice: str) -> str:
        # the model is part of the key: another offline STT model gets its own transcripts
        key = hashlib.sha256(f"{self.model_id}|{voice}|{RATE_WPM}|{text}".encode()).hexdigest()[:24]
        if key not in self.cache:
            parts = []
            for i, sentence in enumerate(sentences(text)):
                wav = espeak_wav(sentence, RATE_WPM, self.workdir / f"{key}-{i}.wav", voice=voice)
                start = time.process_time()
                parts.append(transcribe(self.model, _segment(*read_wav(wav)))[0])
                self.cpu_s += time.process_time() - start
                self.segments += 1
            self.cache[key] = " ".join(p for p in parts if p)
            ARTIFACTS.mkdir(exist_ok=True)
            CACHE.write_text(json.dumps(self.cache, indent=0))
        return self.cache[key]


def _transcribed(stt: Transcriber, questions: list[dict]) -> tuple[object, float]:
    """The half scored on its transcripts, and the word error rate of those transcripts."""
    voice_of = {q["id"]: VOICES[i % len(VOICES)] for i, q in enumerate(questions)}
    refs: list[str] = []
    hyps: list[str] = []

    def spoken(q: dict, a: dict) -> str:
        hyp = stt(a["text"], voice_of[q["id"]])
        refs.append(a["text"])
        hyps.append(hyp)
        return hyp

    result = evaluate(questions, spoken)
    return result, _wer(refs, hyps)


def sibling_confusion() -> tuple[int, int, float]:
    """Each bank question answered with the strong example of another question of its bank (some pairs overlap
    in substance, e.g. the hardest problem and a first solution that failed, so not every one is an error)."""
    confused = pairs = 0
    worst = 0.0
    for name in [*prompts.question_bank_names(), "_behavioral"]:
        questions = prompts.load_yaml(f"questions/{name}.yaml")["questions"]
        for q, other in itertools.permutations(questions, 2):
            s = score_answer(q["text"], Rubric.from_dict(other["rubric"]).example("strong") or "",
                             Rubric.from_dict(q["rubric"]))
            pairs += 1
            confused += s.score >= 30
            worst = max(worst, s.score)
    return confused, pairs, worst


SEGMENT_SENTENCES = 2  # a final transcript per VAD segment: about two sentences between the candidate's pauses


def follow_up_cpu(questions: list[dict]) -> dict[str, float]:
    """Mean CPU seconds per answer of the follow-up picker: plain (all after the turn) and ahead (while asked,
    while answering, after the turn)."""
    from nlp.embeddings import get_embedder

    plain: list[float] = []
    ahead: dict[str, list[float]] = {"while_asked": [], "while_answering": [], "after_turn": []}
    for q in questions:
        rubric = bank_rubric(q["question"])
        if rubric is None:
            continue
        for a in q["answers"]:
            # a picker with an embed function of its own: its vector caches start empty
            cold = RubricFollowUps(embed=lambda texts: get_embedder().embed(texts))
            start = time.process_time()
            cold(q["question"], rubric, a["text"])
            plain.append(time.process_time() - start)
            picker = RubricFollowUps(embed=lambda texts: get_embedder().embed(texts))
            parts = sentences(a["text"])
            start = time.process_time()
            picker.warm(q["question"], rubric)
            asked = time.process_time()
            for n in range(SEGMENT_SENTENCES, len(parts) + SEGMENT_SENTENCES, SEGMENT_SENTENCES):
                picker(q["question"], rubric, " ".join(parts[:n]) if n < len(parts) else a["text"])
            answered = time.process_time()
            picker(q["question"], rubric, a["text"])
            ahead["while_asked"].append(asked - start)
            ahead["while_answering"].append(answered - asked)
            ahead["after_turn"].append(time.process_time() - answered)
    mean = lambda xs: round(float(np.mean(xs)), 4)  # noqa: E731
    return {"answers": len(plain), "plain_after_turn_s": mean(plain),
            **{f"ahead_{k}_s": mean(v) for k, v in ahead.items()}}


def _wer(refs: list[str], hyps: list[str]) -> float:
    norm = jiwer.Compose([jiwer.ToLowerCase(), jiwer.RemovePunctuation(), jiwer.RemoveMultipleSpaces(),
                          jiwer.Strip(), jiwer.ReduceToListOfListOfWords()])
    return jiwer.wer(refs, hyps, reference_transform=norm, hypothesis_transform=norm)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--halves", default="dev,test")
    parser.add_argument("--no-stt", action="store_true", help="score the written answers only")
    parser.add_argument("--follow-up-cpu", action="store_true", help="the follow-up picker's CPU per answer")
    args = parser.parse_args()
    report: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stt = None if args.no_stt else Transcriber(Path(tmp))
        for half in args.halves.split(","):
            questions = load_half(half)
            start = time.perf_counter()
            clean = evaluate(questions)
            per_answer = (time.perf_counter() - start) / max(1, len(clean.scores))
            report[f"{half}/clean"] = {**clean.summary(), "seconds_per_answer": round(per_answer, 3)}
            print(_line(half, "clean", clean.summary()) + f"  ({per_answer:.2f} s/answer)")
            if args.follow_up_cpu:
                cpu = report[f"{half}/follow-up CPU"] = follow_up_cpu(questions)
                print(f"{half:4s} follow-up picker CPU per answer ({cpu['answers']} answers, cold caches): plain "
                      f"{cpu['plain_after_turn_s']:.3f} s after the turn; ahead {cpu['ahead_while_asked_s']:.3f} s "
                      f"while asked + {cpu['ahead_while_answering_s']:.3f} s while answering + "
                      f"{cpu['ahead_after_turn_s']:.3f} s after the turn")
            if stt is None:
                continue
            heard, wer = _transcribed(stt, questions)
            report[f"{half}/espeak+whisper"] = {**heard.summary(), "wer": round(wer, 4)}
            print(_line(half, "espeak+whisper", heard.summary()) + f"  (WER {100 * wer:.1f}%)")
        confused, pairs, worst = sibling_confusion()
        report["bank/other-question answers"] = {"scoring_30_or_more": confused, "pairs": pairs, "max": worst}
        print(f"answers to another question of the same bank (the rubrics' strong examples): {confused}/{pairs} "
              f"score 30 or more, max {worst:.1f}")
        if stt is not None and stt.segments:
            print(f"transcribed {stt.segments} segments, {stt.cpu_s / stt.segments:.2f} s CPU each")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench_answer_scoring.json").write_text(json.dumps(report, indent=2))
    return 0


def _line(half: str, run: str, s: dict) -> str:
    return (f"{half:4s} {run:15s} ordering {100 * s['ordering_accuracy']:5.1f}% ({s['ordered']}/{s['pairs']}; "
            f"bank {_pct(s['accuracy_bank'])}, non-bank {_pct(s['accuracy_non_bank'])}; "
            f"strong>partial {_pct(s.get('accuracy_strong>partial'))}, "
            f"partial>off_topic {_pct(s.get('accuracy_partial>off_topic'))})  off-topic max {s['off_topic_max']:.1f}")


def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.0f}%"


if __name__ == "__main__":
    sys.exit(main())
