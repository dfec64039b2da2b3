.PHONY: up test bootstrap lint bench

# Run the whole product locally: embedded Postgres, livekit-server, API and agent worker, with demo data.
up: bootstrap
	.venv/bin/interviewly up

# Run the whole test suite against real services.
test: bootstrap
	bash scripts/test.sh $(PYTEST_ARGS)

bootstrap:
	bash scripts/bootstrap.sh

lint:
	.venv/bin/ruff check .

bench: bootstrap
	bash scripts/fetch_bench_speech.sh
	bash scripts/fetch_face_evalset.sh
	for b in bench/bench_*.py; do .venv/bin/python $$b || exit 1; done
