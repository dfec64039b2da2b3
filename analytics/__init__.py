"""Interview analytics: pure signal code (numpy frames and audio in, numbers out).

Modules:
- ``eye_contact``: per-frame observations from MediaPipe FaceLandmarker and windowed aggregates.
- ``gaze``: head pose, eye-in-head direction and lids -> gaze state (contact, down, away, closed).
- ``blink``: lids shut for under ~400 ms keep the state from before.
- ``gaze_calibration``: a candidate's own "on screen" centre from ~3 s of looking at the interviewer tile.
- ``fluency``: pause segmentation and syllable-nuclei speech rate from audio alone.
- ``transcript_metrics``: words per minute, fillers and repetitions from a word-timed transcript.
- ``cli``: ``interviewly analyze --video FILE``.

Nothing here imports the agent, API, database or LiveKit: the agent feeds frames and audio in.
Submodules are imported explicitly (``from analytics.eye_contact import EyeContactAnalyzer``) so that
importing ``analytics.fluency`` does not pull in MediaPipe.
"""
