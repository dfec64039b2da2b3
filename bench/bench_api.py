"""API benchmarks (not tests): the application list with 10,000 applications in one job, and LiveKit token
issuance, at a fixed request rate from this process against uvicorn running as another process on loopback.

    .venv/bin/python bench/bench_api.py [--rate 300] [--seconds 20] [--workers 2] [--applications 10000]
                                        [--only NAME] [--repo OTHER_CHECKOUT] [--loadgen vegeta|python]

Starts its own embedded Postgres and livekit-server. Open-loop load (requests are sent on schedule whether or not
earlier ones have answered, so a slow server shows up as latency instead of a lower send rate). The load comes from
vegeta (devstack/vegeta.py, a Go binary built once: a few per cent of a core at 300 req/s), or with `--loadgen
python` from aiohttp in this process (latency from the scheduled send time; it needs a large share of the same
cores, so its tail is partly its own). Each scenario also reports the server's own latency, from the API's /metrics
request histogram (from the moment the app has the request until the response is sent, interpolated within the
histogram's buckets): client minus server is queueing in the kernel, the event loop and the load generator.
Target (issue 22): p99 < 25 ms at 300 req/s on 2 cores. Each scenario also reports the CPU time the API's processes
and Postgres spent per request, a figure that holds on a machine busy with other work (where latency does not).
`--repo` runs another checkout's API against the same data, for a before/after at the same time. Results also go
to .artifacts/bench_api.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import httpx
import psutil
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert, text

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from db.engine import make_engine  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import Application, Candidate  # noqa: E402
from devstack.livekit_server import LiveKitServer, api_credentials  # noqa: E402
from devstack.ports import free_port  # noqa: E402
from devstack.postgres import EmbeddedPostgres  # noqa: E402
from devstack.vegeta import Target, attack  # noqa: E402
from tests.api.server import api_env, run_api  # noqa: E402


async def bulk_applications(database_url: str, job_id: str, n: int) -> None:
    engine = make_engine(database_url)
    rng = random.Random(7)
    start = datetime.now(UTC) - timedelta(days=60)
    async with engine.begin() as conn:
        for offset in range(0, n, 2000):
            count = min(2000, n - offset)
            candidates, applications = [], []
            for i in range(offset, offset + count):
                cid, created = uuid.uuid4(), start + timedelta(minutes=8 * i)
                candidates.append(
                    {
                        "id": cid,
                        "full_name": f"Applicant {i}",
                        "email": f"applicant{i}@bench.test",
                        "cv_filename": "cv.pdf",
                        "cv_content_type": "application/pdf",
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                applications.append(
                    {
                        "id": uuid.uuid4(),
                        "job_id": uuid.UUID(job_id),
                        "candidate_id": cid,
                        "status": rng.choice(["APPLIED", "APPLIED", "SCREENING", "SHORTLISTED", "REJECTED"]),
                        "screening_score": round(rng.uniform(0, 100), 1) if rng.random() < 0.9 else None,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
            await conn.execute(insert(Candidate), candidates)
            await conn.execute(insert(Application), applications)
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text("VACUUM ANALYZE candidates"))
        await conn.execute(text("VACUUM ANALYZE applications"))
        # the inserted pages written out now: otherwise the checkpoint that writes them lands minutes later, inside
        # whichever scenario runs then (the token scenario, last, showed 2.4 ms of Postgres CPU a request instead of
        # the 0.9 ms it shows alone)
        await conn.execute(text("CHECKPOINT"))
    await engine.dispose()


def deep_cursor(http: httpx.Client, url: str, auth: dict[str, str], pages: int) -> str | None:
    """Walks `pages` keyset pages and answers the cursor of the next one (None: an API without cursors)."""
    cursor = None
    for _ in range(pages):
        # (httpx's params= would replace the URL's own query, order_by included)
        page = http.get(httpx.URL(url).copy_merge_params({"cursor": cursor} if cursor else {}), headers=auth).json()
        cursor = page.get("next_cursor")
        if cursor is None:
            return None
    return cursor


class ServerCPU:
    """CPU time of the API's processes (uvicorn and its workers) and of Postgres, per request: what a request costs
    whatever else the machine is doing, unlike latency on a shared machine."""

    def __init__(self, port: int, pg_dir: Path) -> None:
        listening = {c.pid for c in psutil.net_connections("tcp") if c.laddr and c.laddr.port == port and c.pid}
        roots = [psutil.Process(pid) for pid in listening]
        uvicorn = {p for r in roots for p in [r, *r.parents()] if "uvicorn" in " ".join(p.cmdline())}
        self.api = {p for r in uvicorn for p in [r, *r.children(recursive=True)]}
        self.postmaster = {p for p in psutil.process_iter(["cmdline"])
                           if p.info["cmdline"] and "postgres" in p.info["cmdline"][0] and str(pg_dir) in
                           " ".join(p.info["cmdline"])}
        self._at: tuple[float, float] = (0.0, 0.0)

    @staticmethod
    def _cpu(procs: set) -> float:
        total = 0.0
        for p in procs:
            try:
                t = p.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                pass
        return total

    @property
    def pg(self) -> set:
        """The postmaster and its processes now: the backends serving the API's pool come and go (an exited one's
        time is in the postmaster's children_* times)."""
        return {c for p in self.postmaster for c in [p, *p.children(recursive=True)]}

    @staticmethod
    def _machine() -> float:
        t = psutil.cpu_times()
        return t.user + t.nice + t.system + t.irq + t.softirq + getattr(t, "steal", 0.0)

    def start(self) -> None:
        self._at = (self._cpu(self.api), self._cpu(self.pg))
        self._machine_at, self._wall_at = self._machine(), time.monotonic()

    def settle(self, quiet_share: float = 0.1, window: float = 0.5, limit: float = 20.0) -> float:
        """Waits until the API and Postgres are near idle (below `quiet_share` of a core over `window`), so that
        what a scenario measures is not the tail of the one before (a backlog, a checkpoint, autovacuum); answers
        the seconds waited."""
        started = time.monotonic()
        while time.monotonic() - started < limit:
            before = self._cpu(self.api) + self._cpu(self.pg)
            time.sleep(window)
            if self._cpu(self.api) + self._cpu(self.pg) - before < quiet_share * window:
                break
        return round(time.monotonic() - started, 2)

    def per_request(self, requests: int, loadgen_cpu_s: float = 0.0) -> dict[str, float]:
        """Also the cores everything else on the machine kept busy meanwhile (other sessions' work, and with
        `--loadgen python` this process): the contention each latency figure was measured under."""
        api, pg = self._cpu(self.api) - self._at[0], self._cpu(self.pg) - self._at[1]
        wall = time.monotonic() - self._wall_at
        others = self._machine() - self._machine_at - api - pg - loadgen_cpu_s
        return {"api_cpu_ms_per_request": round(api / requests * 1000, 3),
                "postgres_cpu_ms_per_request": round(pg / requests * 1000, 3),
                "other_busy_cores": round(max(0.0, others) / wall, 2)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def latency_summary(latencies: list[float]) -> dict[str, float]:
    return {f"p{q:g}_ms": round(percentile(latencies, q), 2) for q in (50, 95, 99, 99.9)} | {
        "max_ms": round(max(latencies), 2), "mean_ms": round(statistics.fmean(latencies), 2)}


HISTOGRAM = "interviewly_http_request_duration_seconds"


class ServerLatency:
    """The API's own request histogram (api/common/metrics.py), read from /metrics before and after a scenario:
    the difference is that scenario's requests as the server timed them."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def buckets(self) -> dict[tuple[str, str], dict[float, float]]:
        """Cumulative counts by (method, route) and upper bound."""
        found: dict[tuple[str, str], dict[float, float]] = {}
        for family in text_string_to_metric_families(self.http.get("/metrics").text):
            if family.name != HISTOGRAM:
                continue
            for sample in family.samples:
                if sample.name == HISTOGRAM + "_bucket":
                    key = (sample.labels["method"], sample.labels["route"])
                    bound = float(sample.labels["le"])
                    found.setdefault(key, {})[bound] = found.get(key, {}).get(bound, 0.0) + sample.value
        return found

    @staticmethod
    def summary(before: dict, after: dict, method: str, route: str) -> dict[str, float]:
        now, then = after.get((method, route), {}), before.get((method, route), {})
        cumulative = sorted((bound, count - then.get(bound, 0.0)) for bound, count in now.items())
        total = cumulative[-1][1] if cumulative else 0.0
        if not total:
            return {}
        out: dict[str, float] = {"server_requests": total}
        for q in (50, 95, 99):
            out[f"server_p{q}_ms"] = _histogram_quantile(cumulative, total * q / 100)
        out["server_share_over_25ms"] = round(1 - dict(cumulative).get(0.025, 0.0) / total, 4)
        return out


def _histogram_quantile(cumulative: list[tuple[float, float]], rank: float) -> float:
    """Linear within the bucket holding `rank`, as Prometheus' histogram_quantile does."""
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in cumulative:
        if count >= rank:
            if bound == float("inf"):
                return round(lower_bound * 1000, 2)
            share = (rank - lower_count) / (count - lower_count) if count > lower_count else 1.0
            return round((lower_bound + (bound - lower_bound) * share) * 1000, 2)
        lower_bound, lower_count = bound, count
    return float("nan")


def vegeta_open_loop(name: str, target: Target, rate: float, seconds: float, workdir: Path) -> dict:
    done = attack([target], rate=rate, seconds=seconds, workdir=workdir)
    results = done.results
    errors: dict[str, int] = {}
    for r in results:
        if r.status != 200:
            key = str(r.status) if r.status else (r.error[:60] or "no response")
            errors[key] = errors.get(key, 0) + 1
    span = (max(r.sent_ns for r in results) - min(r.sent_ns for r in results)) / 1e9
    return {"name": name, "target_rps": rate, "requests": len(results),
            "achieved_rps": round((len(results) - 1) / span, 1) if span else 0.0,
            **latency_summary([r.latency_ns / 1e6 for r in results]), "errors": errors,
            "loadgen_cpu_ms_per_request": round(done.cpu_seconds / len(results) * 1000, 3)}


def vegeta_closed_loop(name: str, target: Target, seconds: float, workdir: Path, concurrency: int = 16) -> dict:
    done = attack([target], rate=0, seconds=seconds, workdir=workdir, connections=concurrency,
                  max_workers=concurrency)
    return {"name": name, "concurrency": concurrency, "max_rps": round(len(done.results) / seconds, 1)}


def aiohttp_request(session: aiohttp.ClientSession, target: Target):
    return session.request(target.method, target.url, headers={k: v[0] for k, v in target.headers.items()},
                           data=target.body or None)


async def open_loop(name: str, target: Target, rate: float, seconds: float, connections: int = 64) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    total = int(rate * seconds)
    connector = aiohttp.TCPConnector(limit=connections, force_close=False)
    async with aiohttp.ClientSession(connector=connector) as session:
        for _ in range(20):  # warm-up
            async with aiohttp_request(session, target) as r:
                await r.read()
        loop = asyncio.get_running_loop()
        t0 = loop.time() + 0.05

        async def one(i: int) -> None:
            scheduled = t0 + i / rate
            delay = scheduled - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                async with aiohttp_request(session, target) as r:
                    await r.read()
                    if r.status != 200:
                        errors[str(r.status)] = errors.get(str(r.status), 0) + 1
            except aiohttp.ClientError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            latencies.append((loop.time() - scheduled) * 1000)

        await asyncio.gather(*(one(i) for i in range(total)))
        elapsed = loop.time() - t0
    return {"name": name, "target_rps": rate, "requests": total, "achieved_rps": round(total / elapsed, 1),
            **latency_summary(latencies), "errors": errors}


async def closed_loop(name: str, target: Target, seconds: float, concurrency: int = 16) -> dict:
    done = 0
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        deadline = time.monotonic() + seconds

        async def worker() -> None:
            nonlocal done
            while time.monotonic() < deadline:
                async with aiohttp_request(session, target) as r:
                    await r.read()
                done += 1

        t0 = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.monotonic() - t0
    return {"name": name, "concurrency": concurrency, "max_rps": round(done / elapsed, 1)}


def start_py_spy(processes: set, seconds: float, n: int) -> subprocess.Popen:
    """py-spy (in the venv) sampling the API's processes for a scenario, without pausing them."""
    out = REPO / ".artifacts" / f"bench_api-{n}.pyspy.txt"
    out.parent.mkdir(exist_ok=True)
    root = min(processes, key=lambda p: p.create_time())
    return subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "--nonblocking", "--subprocesses",
                             "-r", "250", "-d", str(int(seconds)), "-f", "raw", "-o", str(out), "--pid",
                             str(root.pid)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=300)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--only", default="", help="run only the scenarios whose name contains this")
    parser.add_argument("--closed-seconds", type=float, default=8, help="closed-loop runs (max req/s); 0: none")
    parser.add_argument("--py-spy", action="store_true",
                        help="sample the API's processes with py-spy during each open-loop scenario: collapsed "
                             "stacks in .artifacts/bench_api-<n>.pyspy.txt (flamegraph.pl or speedscope read them)")
    parser.add_argument("--loadgen", choices=("vegeta", "python"), default="vegeta",
                        help="vegeta (a Go process, little CPU) or aiohttp in this process (the earlier generator)")
    parser.add_argument("--repo", type=Path, default=REPO,
                        help="run the API (and its migrations) of this checkout, e.g. another branch, for a "
                             "before/after on the same machine at the same time")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="interviewly-bench-") as tmpdir:
        tmp = Path(tmpdir)
        pg = EmbeddedPostgres(tmp / "pg")
        database_url = pg.start()
        lk_server = LiveKitServer(
            port=free_port(), tcp_port=free_port(), udp_port=free_port(), log_path=tmp / "livekit.log"
        )
        lk_server.start()
        try:
            if args.repo.resolve() == REPO:
                upgrade(database_url)
            else:
                subprocess.run([sys.executable, "-c", f"from db.migrate import upgrade; upgrade({database_url!r})"],
                               cwd=args.repo, check=True)
            key, secret = api_credentials()

            class LK:
                url, http_url, api_key, api_secret = lk_server.url, lk_server.http_url, key, secret

            prometheus_dir = tmp / "prometheus"  # every worker's series, added up by /metrics
            prometheus_dir.mkdir()
            env = api_env(database_url, LK, tmp, DB_POOL_SIZE="10", PROMETHEUS_MULTIPROC_DIR=str(prometheus_dir))
            with run_api(env, workers=args.workers, log=tmp / "uvicorn.log", repo=args.repo) as base:
                server = ServerCPU(int(base.rsplit(":", 1)[1]), tmp / "pg")
                http = httpx.Client(base_url=base, timeout=30)
                token = http.post(
                    "/api/auth/dev/token",
                    json={"sub": "bench-recruiter", "role": "RECRUITER", "company_name": "Bench Co"},
                ).json()["token"]
                auth = {"Authorization": f"Bearer {token}"}
                job = http.post(
                    "/api/ats/v1/jobs", json={"title": "Bench Engineer", "status": "OPEN"}, headers=auth
                ).json()
                t = time.monotonic()
                asyncio.run(bulk_applications(database_url, job["id"], args.applications))
                print(f"inserted {args.applications} applications in {time.monotonic() - t:.1f}s")
                first = http.get("/api/ats/v1/applications?page_size=1", headers=auth).json()["items"][0]["id"]
                interview = http.post(
                    f"/api/ats/v1/applications/{first}/interviews",
                    headers=auth,
                    json={"kind": "AI", "scheduled_at": datetime.now(UTC).isoformat(), "duration_minutes": 30},
                ).json()
                listing = http.get(f"/api/ats/v1/jobs/{job['id']}/applications?count=true", headers=auth).json()
                assert listing["total"] == args.applications, listing.get("total")

                jobs_url = f"{base}/api/ats/v1/jobs/{job['id']}/applications?page_size=20"
                list_url = jobs_url + "&current_page=7"
                score_url = list_url + "&order_by=screening_score"
                # keyset pages (issue 22): the cursor that continues after the 250th application, in each order
                deep = {order: deep_cursor(http, jobs_url + f"&order_by={order}", auth, pages=12)
                        for order in ("created_at", "screening_score")}
                token_url = f"{base}/api/livekit/token"
                body = json.dumps({"interview_id": interview["id"]}).encode()
                headers = {"Authorization": [auth["Authorization"]]}

                def get(url: str, **params: str) -> Target:
                    return Target("GET", str(httpx.URL(url).copy_merge_params(params)), headers)

                job_route = "/api/ats/v1/jobs/{job_id}/applications"  # as /metrics labels it
                scenarios = {
                    "applications list (created_at desc, page 7 of 20)": (get(list_url), job_route),
                    "applications list (screening_score desc)": (get(score_url), job_route),
                    "applications list (created_at desc, cursor page 13)":
                        (get(jobs_url, cursor=deep["created_at"] or ""), job_route),
                    "applications list (screening_score desc, cursor page 13)":
                        (get(jobs_url + "&order_by=screening_score", cursor=deep["screening_score"] or ""),
                         job_route),
                    "applications list (with count=true)": (get(list_url + "&count=true"), job_route),
                    "token issuance (recruiter)":
                        (Target("POST", token_url, {**headers, "Content-Type": ["application/json"]}, body),
                         "/api/livekit/token"),
                }
                results = {
                    "repo": str(args.repo),
                    "loadgen": args.loadgen,
                    "rate": args.rate,
                    "seconds": args.seconds,
                    "workers": args.workers,
                    "applications": args.applications,
                    "cores": os.cpu_count(),
                    "open_loop": [],
                    "closed_loop": [],
                }
                scenarios = {k: v for k, v in scenarios.items()
                             if args.only in k and ("cursor" not in k or None not in deep.values())}
                server_latency = ServerLatency(http)
                results["loadavg_before"] = round(os.getloadavg()[0], 2)
                for name, (target, route) in scenarios.items():
                    if args.loadgen == "vegeta":  # warm-up (the Python generator warms up on its own connections)
                        attack([target], rate=args.rate, seconds=min(2.0, args.seconds), workdir=tmp)
                    settled = server.settle()
                    load_before = round(os.getloadavg()[0], 2)
                    before = server_latency.buckets()
                    spy = start_py_spy(server.api, args.seconds, len(results["open_loop"])) if args.py_spy else None
                    server.start()
                    res = (vegeta_open_loop(name, target, args.rate, args.seconds, tmp) if args.loadgen == "vegeta"
                           else asyncio.run(open_loop(name, target, args.rate, args.seconds)))
                    res.update(server.per_request(res["requests"], res.get("loadgen_cpu_ms_per_request", 0.0)
                                                  * res["requests"] / 1000))
                    if spy is not None:
                        spy.wait()
                    res.update(ServerLatency.summary(before, server_latency.buckets(), target.method, route))
                    res["settled_s"] = settled
                    res["loadavg_1m_before"] = load_before
                    res["loadavg_1m_after"] = round(os.getloadavg()[0], 2)
                    results["open_loop"].append(res)
                    print(json.dumps(res), flush=True)
                closed_s = min(args.seconds, args.closed_seconds)
                for name, (target, _) in scenarios.items() if closed_s > 0 else ():
                    server.settle()
                    res = (vegeta_closed_loop(name, target, closed_s, tmp) if args.loadgen == "vegeta"
                           else asyncio.run(closed_loop(name, target, closed_s)))
                    results["closed_loop"].append(res)
                    print(json.dumps(res), flush=True)
        finally:
            lk_server.stop()
            pg.stop()

    out = REPO / ".artifacts"
    out.mkdir(exist_ok=True)
    (out / "bench_api.json").write_text(json.dumps(results, indent=2))
    print()
    print(f"{'scenario':<56} {'rps':>5} {'p50':>6} {'p95':>6} {'p99':>6} | {'srv50':>5} {'srv95':>5} "
          f"{'srv99':>5} {'err':>4} {'APIms':>5} {'PGms':>5} {'genms':>5} {'other':>5} {'load':>9}")
    for r in results["open_loop"]:
        errors = sum(r["errors"].values())
        print(f"{r['name']:<56} {r['achieved_rps']:>5} {r['p50_ms']:>6} {r['p95_ms']:>6} {r['p99_ms']:>6} | "
              f"{r.get('server_p50_ms', '-'):>5} {r.get('server_p95_ms', '-'):>5} {r.get('server_p99_ms', '-'):>5} "
              f"{errors:>4} {r['api_cpu_ms_per_request']:>5} {r['postgres_cpu_ms_per_request']:>5} "
              f"{r.get('loadgen_cpu_ms_per_request', '-'):>5} {r['other_busy_cores']:>5} "
              f"{r['loadavg_1m_before']:>4}-{r['loadavg_1m_after']:<4}")
    for r in results["closed_loop"]:
        print(f"{r['name'] + ' (max, closed loop)':<55} {r['max_rps']:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
