"""Live-score latency: from a frame published by the candidate to the recruiter receiving the message derived
from it, on loopback, with the worker (offline pipeline) as its own process.

    .venv/bin/python bench/bench_agent_latency.py [--seconds 60] [--fps 15] [--rubric-questions]

Starts its own embedded Postgres, livekit-server and `python -m agent.worker start`. The simulated candidate
publishes the astronaut photo at 640x480 and tags every frame with LiveKit frame metadata (frame id + publish
time); each live message names the frame it was derived from, and the recruiter's receive time minus that
frame's publish time is the latency. The interview runs as usual meanwhile (greeting, questions, the
candidate's spoken answers), so the worker is doing its normal work. Target (issue 4): p95 < 500 ms.

It also prints the interviewer's reply delay: from the end of each spoken answer to the interviewer speaking again
(the 1.2 s of end-of-turn silence included). ``--rubric-questions`` asks bank questions with rubrics, so every first
answer to a question goes through the adaptive follow-up picker (issue 23; agent/scoring/ahead.py).
Results also go to .artifacts/bench_agent_latency.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from devstack.livekit_server import LiveKitServer, api_credentials  # noqa: E402
from devstack.ports import free_port  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402
from tests.agent.sim import Candidate, Recruiter, create_interview, dispatch, start_worker, wav_frames, worker_env  # noqa: E402
from tests.faces import frontal_face_rgb  # noqa: E402
from tests.media import espeak_wav  # noqa: E402

ARTIFACTS = REPO / ".artifacts"
ANSWER = ("I have built web services in Python for five years. I care about tests, clear interfaces and "
          "measuring before optimising, and I enjoy working with a small team.")
QUESTIONS = ["Tell me about a project you are proud of.", "How do you test your code?",
             "What do you want to learn next?"]
RUBRIC_QUESTIONS = [  # bank questions (prompts/questions/): each has a rubric
    "A query that used to be fast has become slow. How do you investigate it?",
    "Tell me about a mistake you made at work. What happened, and what did you change afterwards?",
    "Describe a disagreement you had with a colleague about how to do something. How was it resolved?",
    "Tell me about a time you had to learn something new quickly to get a job done. How did you go about it?",
]


@dataclass(frozen=True)
class Info:
    url: str
    http_url: str
    api_key: str
    api_secret: str


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def run(seconds: float, fps: float, workdir: Path, rubric_questions: bool = False) -> dict:
    pg = EmbeddedPostgres(workdir / "pg")
    url = pg.start()
    lk = LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(), log_path=workdir / "livekit.log")
    lk.start()
    key, secret = api_credentials()
    info = Info(lk.url, lk.http_url, key, secret)
    worker = None
    try:
        await asyncio.to_thread(upgrade, url)  # alembic runs its own event loop
        engine = make_engine(url)
        sessionmaker = make_sessionmaker(engine)
        worker = start_worker(worker_env(info, url, AGENT_HTTP_PORT=0, AGENT_IDLE_PROCESSES=1),
                              ARTIFACTS / "bench-agent-latency-worker.log")
        await worker.wait_registered()
        interview_id = await create_interview(sessionmaker,
                                              questions=RUBRIC_QUESTIONS if rubric_questions else QUESTIONS)
        room = f"interview-{interview_id}"
        answer = wav_frames(espeak_wav(ANSWER, 170, workdir / "answer.wav"))
        consent = wav_frames(espeak_wav("Yes, that's fine.", 170, workdir / "consent.wav"))
        recruiter = Recruiter(info, room)
        candidate = Candidate(info, room, fps=fps)
        await recruiter.connect()
        await dispatch(info, interview_id)
        await candidate.connect()
        await candidate.publish(frontal_face_rgb())

        replies: list[float] = []

        async def answer_questions() -> None:
            await candidate.wait_for_my_turn(within=300)
            await candidate.say(consent)  # the consent question first: other words would end the interview
            while True:
                await candidate.wait_for_my_turn(within=300)
                await candidate.say(answer)
                ended = time.monotonic()
                for _ in range(3000):  # polled as wait_for_my_turn does, for up to 60 s
                    if candidate.agent_state() == "speaking":
                        break
                    await asyncio.sleep(0.02)
                if candidate.agent_state() == "speaking":
                    replies.append(time.monotonic() - ended)

        answering = asyncio.create_task(answer_questions())
        await asyncio.sleep(seconds)
        answering.cancel()
        await candidate.disconnect()
        await recruiter.disconnect()
        await engine.dispose()
    finally:
        if worker is not None:
            worker.stop()
        lk.stop()
        pg.stop()

    latencies, untagged = [], 0
    for received_at, msg in recruiter.received.messages:
        frame = msg.get("frame") or {}
        published = candidate.published.get(frame.get("id"))
        if published is None:
            untagged += 1
            continue
        latencies.append((received_at - published) * 1000.0)
    if not latencies:
        raise SystemExit("no live message named its frame: nothing to measure")
    return {
        "seconds": seconds,
        "camera_fps": fps,
        "messages": len(recruiter.received.messages),
        "messages_without_frame": untagged,
        "latency_ms": {
            "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1),
            "max": round(max(latencies), 1),
            "mean": round(statistics.mean(latencies), 1),
        },
        "target_p95_ms": 500,
        "rubric_questions": rubric_questions,
        "reply_s": {"n": len(replies), "p50": round(percentile(replies, 50), 2) if replies else None,
                    "p95": round(percentile(replies, 95), 2) if replies else None},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--fps", type=float, default=15)
    parser.add_argument("--rubric-questions", action="store_true",
                        help="bank questions with rubrics: replies go through the adaptive follow-up picker")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-agent-latency-") as tmp:
        result = asyncio.run(run(args.seconds, args.fps, Path(tmp), args.rubric_questions))
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench_agent_latency.json").write_text(json.dumps(result, indent=2))
    lat = result["latency_ms"]
    ok = lat["p95"] < result["target_p95_ms"]
    print(f"live-score latency over {result['messages']} messages: p50 {lat['p50']} ms, p95 {lat['p95']} ms, "
          f"p99 {lat['p99']} ms, max {lat['max']} ms  (target p95 < 500 ms: {'met' if ok else 'NOT met'})")
    reply = result["reply_s"]
    print(f"interviewer reply after an answer (incl. 1.2 s end-of-turn silence): p50/p95 {reply['p50']}/"
          f"{reply['p95']} s over {reply['n']} answers ({'rubric' if args.rubric_questions else 'plain'} questions)")


if __name__ == "__main__":
    main()
