"""One interview's recording as fragmented MP4 (H.264 + AAC), which browsers play and seek.

Each fragment (about a second: a keyframe starts each) is complete once written, and the file is flushed after it,
so a recorder killed mid-interview leaves a file that plays up to the last second or so before the kill."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np

AUDIO_RATE = 48000


class FragmentedMp4Writer:
    def __init__(self, path: Path, *, width: int, height: int, fps: int, crf: int = 30) -> None:
        self.path, self.width, self.height, self.fps = path, width, height, fps
        self.container = av.open(str(path), "w", format="mp4", options={
            # empty moov up front, a fragment at every keyframe: playable however the file ends
            "movflags": "frag_keyframe+empty_moov+default_base_moof",
            "flush_packets": "1",
        })
        self.video = self.container.add_stream("libx264", rate=fps)
        self.video.width, self.video.height, self.video.pix_fmt = width, height, "yuv420p"
        # ultrafast + a CRF: bounded CPU (bench/bench_recorder.py), a small file for a mostly still picture
        self.video.options = {"preset": "ultrafast", "crf": str(crf), "tune": "zerolatency",
                              "g": str(fps), "keyint_min": str(fps), "sc_threshold": "0"}
        self.video.codec_context.time_base = Fraction(1, fps)
        self.audio = self.container.add_stream("aac", rate=AUDIO_RATE)
        self.audio.layout = "mono"
        self.audio.bit_rate = 64000
        self.video_frames = 0
        self.audio_samples = 0
        self._black = np.zeros((height, width, 3), np.uint8)

    def write_video(self, image: np.ndarray | None) -> None:
        """The next frame at the fixed rate: I420 planes (rows x 1.5, columns) or RGB (rows, columns, 3); None is
        black (the camera is off or not there yet)."""
        if image is None:
            image = self._black
        fmt = "rgb24" if image.ndim == 3 else "yuv420p"
        frame = av.VideoFrame.from_ndarray(image, format=fmt)
        if (frame.width, frame.height, fmt) != (self.width, self.height, "yuv420p"):
            frame = frame.reformat(width=self.width, height=self.height, format="yuv420p")
        frame.pts, frame.time_base = self.video_frames, Fraction(1, self.fps)
        self.video_frames += 1
        for packet in self.video.encode(frame):
            self.container.mux(packet)

    def write_audio(self, samples: np.ndarray) -> None:
        """Mono int16 samples at 48 kHz, following on from the last ones."""
        if samples.size == 0:
            return
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1).astype(np.int16), format="s16", layout="mono")
        frame.sample_rate, frame.pts, frame.time_base = AUDIO_RATE, self.audio_samples, Fraction(1, AUDIO_RATE)
        self.audio_samples += samples.size
        for packet in self.audio.encode(frame):
            self.container.mux(packet)

    def close(self) -> None:
        for stream in (self.video, self.audio):
            for packet in stream.encode(None):
                self.container.mux(packet)
        self.container.close()
