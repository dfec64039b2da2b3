"""The least CPU any interviewer agent can cost on this stack: LiveKit's transport alone, no interview in it.

    .venv/bin/python bench/bench_transport_floor.py [--rooms 2] [--seconds 60] [--camera-fps 10] [--speaking 0.4]
        [--no-video]

Issue 22 asks for at most 10 % of a core per conversing interview, measured on the agent's processes. This bench
measures the part of that no agent code can remove: a process (the "floor agent") that does only what the room
requires of any interviewer, with the same `livekit` SDK and the same settings as the product (agent/run.py and
livekit-agents' room_io):
- it receives the candidate's microphone as 16 kHz mono in 100 ms frames and drops them (no VAD, no STT);
- it receives the candidate's camera (640x480 VP8, one layer, as the concurrency bench's candidate sends) and drops
  the decoded frames (no conversion, no MediaPipe);
- it publishes its own voice from an `AudioSource(24000, 1, queue_size_ms=200)`, as room_io does, speaking
  espeak-ng speech a fraction `--speaking` of the time in 200 ms frames (the product's TTS frames) and nothing
  in between (the SDK fills the gaps with silence, as it does for the product);
- it sends one small live-score message a second to the room.
Each room has a simulated candidate in the bench's own process. The figure is the floor process's CPU time over
the window (user + system, all its threads), per room, and by thread name, the same way
bench_agent_concurrency.py reports the worker's. Compare that bench's per-interview figure with this one.
Results also go to .artifacts/bench_transport_floor.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_agent_concurrency import Info, thread_cpu_s  # noqa: E402
from livekit import rtc  # noqa: E402

from devstack.livekit_server import LiveKitServer, api_credentials  # noqa: E402
from devstack.ports import free_port  # noqa: E402
from tests.agent.sim import Candidate, token, wav_frames  # noqa: E402
from tests.faces import frontal_face_rgb  # noqa: E402
from tests.media import espeak_wav  # noqa: E402

ARTIFACTS = REPO / ".artifacts"
LINE = ("Thank you. Tell me about a time you had to learn something new quickly to get a job done. "
        "How did you go about it?")
OUT_RATE = 24000  # room_io's output rate
TTS_FRAME_MS = 200


async def _drain_audio(track: rtc.Track) -> None:
    async for _ in rtc.AudioStream.from_track(track=track, sample_rate=16000, num_channels=1, frame_size_ms=100):
        pass


async def _drain_video(track: rtc.Track) -> None:
    async for _ in rtc.VideoStream(track, capacity=4):
        pass


async def _speak(source: rtc.AudioSource, line: list[rtc.AudioFrame], speaking: float) -> None:
    """The interviewer's voice: the line, then quiet long enough that it speaks `speaking` of the time."""
    line_s = len(line) * TTS_FRAME_MS / 1000
    quiet_s = line_s * (1 - speaking) / speaking if speaking > 0 else 5.0
    while True:
        if speaking > 0:
            for frame in line:
                await source.capture_frame(frame)
        await asyncio.sleep(quiet_s)


async def _floor_room(url: str, jwt: str, line: list[rtc.AudioFrame], speaking: float, video: bool) -> None:
    room = rtc.Room()
    tasks: list[asyncio.Task[None]] = []

    def maybe_subscribe(pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        # as the product: the candidate's microphone, and the camera only when it is analysed
        if pub.kind == rtc.TrackKind.KIND_AUDIO or video:
            pub.set_subscribed(True)

    def on_track(track: rtc.Track, pub: rtc.RemoteTrackPublication, p: rtc.RemoteParticipant) -> None:
        tasks.append(asyncio.create_task(_drain_audio(track) if track.kind == rtc.TrackKind.KIND_AUDIO
                                         else _drain_video(track)))

    room.on("track_subscribed", on_track)
    room.on("track_published", maybe_subscribe)
    await room.connect(url, jwt, rtc.RoomOptions(auto_subscribe=False))
    for p in room.remote_participants.values():
        for pub in p.track_publications.values():
            maybe_subscribe(pub, p)
    source = rtc.AudioSource(OUT_RATE, 1, queue_size_ms=200)
    track = rtc.LocalAudioTrack.create_audio_track("interviewer", source)
    await room.local_participant.publish_track(
        track, rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE))
    tasks.append(asyncio.create_task(_speak(source, line, speaking)))
    n = 0
    while True:
        n += 1
        payload = json.dumps({"type": "live", "n": n, "eye_contact": 0.8, "wpm": 140}).encode()
        await room.local_participant.publish_data(payload, topic="interviewly.live", reliable=False)
        await asyncio.sleep(1.0)


def floor_agent(url: str, jwts: list[str], wav: str, speaking: float, video: bool) -> None:
    """The floor agent's process: one connection per room, all on one event loop (as the product's worker)."""
    line = wav_frames(Path(wav), rate=OUT_RATE, frame_ms=TTS_FRAME_MS)

    async def main() -> None:
        await asyncio.gather(*(_floor_room(url, jwt, line, speaking, video) for jwt in jwts))

    asyncio.run(main())


async def run(args: argparse.Namespace, workdir: Path) -> dict:
    lk = LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(), log_path=workdir / "lk.log")
    lk.start()
    key, secret = api_credentials()
    info = Info(lk.url, lk.http_url, key, secret)
    wav = espeak_wav(LINE, 160, workdir / "line.wav")
    answer = wav_frames(espeak_wav("I wrote tests first and asked the team for a review every day.", 150,
                                   workdir / "answer.wav"))
    rooms = [f"floor-{uuid.uuid4().hex[:8]}" for _ in range(args.rooms)]
    candidates = []
    try:
        for room in rooms:
            c = Candidate(info, room, fps=args.camera_fps, listen=False)
            await c.connect()
            await c.publish(frontal_face_rgb())
            candidates.append(c)
        jwts = [token(key, secret, f"interviewer-floor-{n}", room) for n, room in enumerate(rooms)]
        proc = multiprocessing.get_context("spawn").Process(
            target=floor_agent, args=(lk.url, jwts, str(wav), args.speaking, not args.no_video), daemon=True)
        proc.start()

        async def candidates_answer() -> None:
            while True:  # the candidates talk a little too, so the floor agent decodes real speech
                await asyncio.gather(*(c.say(answer) for c in candidates))
                await asyncio.sleep(4.0)

        talking = asyncio.create_task(candidates_answer())
        await asyncio.sleep(args.warmup)
        p = psutil.Process(proc.pid)
        t0, cpu0, threads0 = time.monotonic(), p.cpu_times(), thread_cpu_s({proc.pid})
        await asyncio.sleep(args.seconds)
        t1, cpu1, threads1 = time.monotonic(), p.cpu_times(), thread_cpu_s({proc.pid})
        rss_mb = round(p.memory_info().rss / 2**20)
        talking.cancel()
        proc.terminate()
        proc.join(10)
        window = t1 - t0
        spent = (cpu1.user - cpu0.user) + (cpu1.system - cpu0.system)
        return {
            "rooms": args.rooms, "seconds": round(window, 1), "camera_fps": args.camera_fps,
            "speaking_fraction": args.speaking, "camera_received": not args.no_video,
            "floor_cpu_pct_of_core_per_room": round(spent / window * 100 / args.rooms, 2),
            "floor_cpu_pct_of_core_by_thread_per_room": dict(sorted(
                ((name, round((s - threads0.get(name, 0.0)) / window * 100 / args.rooms, 2))
                 for name, s in threads1.items() if s - threads0.get(name, 0.0) > 0.0),
                key=lambda kv: -kv[1])),
            "rss_mb": rss_mb,
            "livekit_version": rtc.__version__ if hasattr(rtc, "__version__") else None,
        }
    finally:
        for c in candidates:
            await c.disconnect()
        lk.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rooms", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=10)
    parser.add_argument("--camera-fps", type=float, default=10)
    parser.add_argument("--no-video", action="store_true",
                        help="receive the microphone only (an interview whose video is not analysed)")
    parser.add_argument("--speaking", type=float, default=0.4, help="fraction of the time the floor agent speaks")
    args = parser.parse_args()
    if not 0 <= args.speaking < 1:
        parser.error("--speaking must be in [0, 1)")
    with tempfile.TemporaryDirectory(prefix="floor-") as tmp:
        result = asyncio.run(run(args, Path(tmp)))
    print(f"{result['rooms']} rooms, {result['seconds']} s, camera "
          f"{'received' if result['camera_received'] else 'not received'}: the floor agent (transport only) costs "
          f"{result['floor_cpu_pct_of_core_per_room']}% of a core per room", flush=True)
    print(f"    by thread per room (% of a core): {result['floor_cpu_pct_of_core_by_thread_per_room']}", flush=True)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "bench_transport_floor.json").write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
