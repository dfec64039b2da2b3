"""CPU of the recorder participant per recorded minute (issue 21).

A real livekit-server; a simulated candidate (a real face at 640x480, 15 fps, and espeak-ng speech, talking about
half the time) and an interviewer voice in this process; the recorder (api/recordings/recorder.py) in its own
process, as in production, writing fragmented MP4 (H.264 ultrafast + AAC). Prints the recorder process's CPU
seconds per recorded minute (user + system, from joining to the closed file) and the file's size per minute.

    python bench/bench_recorder.py [--seconds 60] [--fps 15]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devstack.livekit_server import LiveKitServer, api_credentials
from devstack.ports import free_port
from tests.agent.sim import Candidate, wav_frames
from tests.faces import blank_rgb, frontal_face_rgb
from tests.media import espeak_wav

CHILD = """
import asyncio, json, resource, sys, time
from pathlib import Path
from api.recordings.recorder import RoomRecorder, recorder_token
url, key, secret, room, out, seconds, fps = sys.argv[1:8]

async def main():
    rec = RoomRecorder(Path(out), "candidate-bench", fps=int(fps))
    await rec.join(url, recorder_token(key, secret, room, "recorder-bench"))
    stop = asyncio.Event()
    asyncio.get_running_loop().call_later(float(seconds), stop.set)
    before = resource.getrusage(resource.RUSAGE_SELF)
    stats = await rec.record(stop)
    await rec.leave()
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(json.dumps({"cpu_s": cpu, "seconds": stats.seconds, "camera_frames": stats.camera_frames,
                      "video_frames": stats.video_frames}))

asyncio.run(main())
"""


async def run(seconds: float, fps: int) -> dict[str, float]:
    workdir = Path(tempfile.mkdtemp(prefix="bench-recorder-"))
    lk = LiveKitServer(port=free_port(), tcp_port=free_port(), udp_port=free_port(), log_path=workdir / "lk.log")
    lk.start()
    key, secret = api_credentials()

    class Info:
        url, api_key, api_secret = lk.url, key, secret

    room = "bench-recorder"
    candidate = Candidate(Info, room, "candidate-bench")
    interviewer = Candidate(Info, room, "interviewer-bench", fps=1)
    answer = wav_frames(espeak_wav("I built the billing service in Python, tested it with pytest and measured "
                                   "every change before and after.", 170, workdir / "a.wav"))
    question = wav_frames(espeak_wav("Tell me about a service you built.", 170, workdir / "q.wav", voice="en-gb"))
    try:
        for p in (candidate, interviewer):
            await p.connect()
        await candidate.publish(frontal_face_rgb(), "face")
        await interviewer.publish(blank_rgb(), "interviewer")
        out = workdir / "bench.mp4"
        child = await asyncio.create_subprocess_exec(
            sys.executable, "-c", CHILD, lk.url, key, secret, room, str(out), str(seconds), str(fps),
            stdout=asyncio.subprocess.PIPE)
        deadline = time.monotonic() + seconds + 5
        while time.monotonic() < deadline and child.returncode is None:
            await interviewer.say(question)
            await candidate.say(answer)
        stdout, _ = await child.communicate()
        result = json.loads(stdout.decode().strip().splitlines()[-1])
        result["bytes"] = out.stat().st_size
        return result
    finally:
        await candidate.disconnect()
        await interviewer.disconnect()
        lk.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--fps", type=int, default=15)
    args = parser.parse_args()
    r = asyncio.run(run(args.seconds, args.fps))
    minutes = r["seconds"] / 60
    print(f"recorder: {r['seconds']:.1f} s recorded ({r['camera_frames']}/{r['video_frames']} frames from the "
          f"camera), {r['cpu_s'] / minutes:.1f} CPU s per recorded minute "
          f"({100 * r['cpu_s'] / r['seconds']:.1f}% of a core), {r['bytes'] / minutes / 1e6:.2f} MB per minute")


if __name__ == "__main__":
    main()
