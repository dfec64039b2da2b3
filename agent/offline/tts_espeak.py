"""espeak-ng as a livekit-agents TTS: the Debian binary, one sentence at a time (the session splits replies).

espeak-ng speaks at 22.05 kHz and the room's audio track takes 24 kHz. The sentence is resampled here, in the
thread that ran espeak-ng: left to the session, every 10 ms of the interviewer's voice would be resampled by a
call into LiveKit's FFI on the interview's event loop.
"""

from __future__ import annotations

import asyncio
import shutil
import struct
import subprocess

from livekit import rtc
from livekit.agents import APIConnectionError, APIError, APITimeoutError, tts
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions
from livekit.agents.utils import shortuuid

ESPEAK_RATE = 22050  # espeak-ng's rate for its own (non-mbrola) voices
SAMPLE_RATE = 24000  # what the agent session's room output publishes (room_io.AudioOutputOptions' default)


class EspeakNotInstalled(RuntimeError):
    pass


def espeak_binary() -> str:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise EspeakNotInstalled("espeak-ng is not installed: apt-get install espeak-ng (scripts/bootstrap.sh does)")
    return exe


def parse_wav(data: bytes) -> tuple[int, bytes]:
    """(sample rate, PCM) of the mono 16-bit WAV espeak-ng writes to stdout (its sizes may be bogus)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise APIError("espeak-ng did not write a WAV stream")
    pos, rate = 12, 0
    while pos + 8 <= len(data):
        chunk_id, size = struct.unpack("<4sI", data[pos:pos + 8])
        pos += 8
        if chunk_id == b"data":
            pcm = data[pos:]
            return rate, pcm[: len(pcm) // 2 * 2]
        if chunk_id == b"fmt ":
            channels, rate, _, _, bits = struct.unpack("<HIIHH", data[pos + 2:pos + 16])
            if channels != 1 or bits != 16:
                raise APIError(f"espeak-ng wrote {channels} channel(s) of {bits}-bit audio, expected mono 16-bit")
        pos += size
    raise APIError("espeak-ng produced no audio")


def resample(pcm: bytes, rate: int, to_rate: int) -> bytes:
    """Mono 16-bit PCM at ``to_rate`` (LiveKit's resampler, as the session would have used, in one pass)."""
    if rate == to_rate or not pcm:
        return pcm
    resampler = rtc.AudioResampler(rate, to_rate, num_channels=1)
    frames = [*resampler.push(rtc.AudioFrame(pcm, rate, 1, len(pcm) // 2)), *resampler.flush()]
    return b"".join(bytes(f.data) for f in frames)


class EspeakTTS(tts.TTS):
    def __init__(self, *, voice: str = "en-us", rate_wpm: int = 165) -> None:
        super().__init__(
            capabilities=tts.TTSCapabilities(streaming=False), sample_rate=SAMPLE_RATE, num_channels=1
        )
        self._exe = espeak_binary()
        self.voice = voice
        self.rate_wpm = rate_wpm

    @property
    def model(self) -> str:
        return f"espeak-ng:{self.voice}"

    @property
    def provider(self) -> str:
        return "espeak-ng"

    def synthesize(
        self, text: str, *, conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS
    ) -> EspeakChunkedStream:
        return EspeakChunkedStream(tts=self, input_text=text, conn_options=conn_options)


class EspeakChunkedStream(tts.ChunkedStream):
    _tts: EspeakTTS

    def _synthesize(self) -> bytes:
        """Run espeak-ng in this (worker) thread: forking a big job process would stall the event loop."""
        engine = self._tts
        try:
            result = subprocess.run(
                [engine._exe, "--stdout", "-v", engine.voice, "-s", str(engine.rate_wpm)],
                input=self.input_text.replace("\n", " ").encode(), capture_output=True,
                timeout=self._conn_options.timeout,
            )
        except subprocess.TimeoutExpired as e:
            raise APITimeoutError("espeak-ng timed out") from e
        except OSError as e:
            raise APIConnectionError(f"cannot run espeak-ng: {e}") from e
        if result.returncode != 0:
            raise APIError(f"espeak-ng exited with {result.returncode}: {result.stderr.decode(errors='replace')}")
        rate, pcm = parse_wav(result.stdout)
        if rate != ESPEAK_RATE:
            raise APIError(f"espeak-ng voice {engine.voice!r} speaks at {rate} Hz, expected {ESPEAK_RATE}")
        return resample(pcm, rate, engine.sample_rate)

    async def _run(self, output_emitter: tts.AudioEmitter) -> None:
        pcm = await asyncio.to_thread(self._synthesize)
        output_emitter.initialize(request_id=shortuuid("espeak_"), sample_rate=self._tts.sample_rate, num_channels=1,
                                  mime_type="audio/pcm")
        output_emitter.push(pcm)
        output_emitter.flush()
