# The agent image: `docker build -f deploy/agent.Dockerfile -t interviewly-agent .` from the repository root.
# The offline models ship inside the Python wheels (Whisper, MediaPipe's face landmarker, MiniLM); nothing is
# downloaded when the container starts.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# espeak-ng: the offline TTS; libgl1 + libglib2.0-0: MediaPipe; libgomp1: onnxruntime and CTranslate2
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng libgl1 libglib2.0-0 libgomp1 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 interviewly
WORKDIR /app
COPY pyproject.toml README.md ./
COPY agent agent
COPY analytics analytics
COPY api api
COPY db db
COPY devstack devstack
COPY nlp nlp
COPY prompts prompts
RUN pip install . && python -c "import agent.worker"
USER interviewly
# the Whisper model is assembled once into this cache (checked against its pinned sha256)
ENV XDG_CACHE_HOME=/home/interviewly/.cache AGENT_HTTP_PORT=8081 AGENT_METRICS_PORT=9464
EXPOSE 8081 9464
# a draining host (SIGTERM) takes no new interviews and finishes its own: give it the interview's length
STOPSIGNAL SIGTERM
CMD ["python", "-m", "agent.worker", "start"]
