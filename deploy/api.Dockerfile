# The API image: `docker build -f deploy/api.Dockerfile -t interviewly-api .` from the repository root.
# Stage 1 vendors the browser libraries from npm (scripts/build_web.sh); stage 2 is the Python app.
FROM node:22-bookworm-slim AS web
WORKDIR /src
COPY scripts/build_web.sh scripts/build_web.sh
COPY api/web/package.json api/web/package-lock.json* api/web/
RUN bash scripts/build_web.sh

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# libgomp1: onnxruntime (screening embeddings); nothing else is loaded from the system
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
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
RUN pip install . && python -c "import api.app"
COPY --from=web /src/api/web/static/vendor api/web/static/vendor
USER interviewly
ENV ENV=production QUEUE_WORKER=0 STORAGE_LOCAL_DIR=/data/uploads
EXPOSE 8000
# one process per container: replicas are containers (shared state lives in Postgres: rate limits, JWKS cache)
CMD ["python", "-m", "uvicorn", "--factory", "api.app:create_app", "--host", "0.0.0.0", "--port", "8000", \
     "--no-access-log", "--proxy-headers", "--forwarded-allow-ips=*"]
