"""Load on the real server over loopback: req/s and latency of /api/ask, against a bare FastAPI
endpoint of the same shape served with the same uvicorn settings.

    python benchmarks/load.py [--home DIR] [--duration 5] [--concurrency 1 8 32] [--json]

Starts ``budgetqa serve`` on a store holding the bundled seed (a temp BUDGETQA_HOME, ingested
on start, about a minute; ``--home DIR`` keeps and reuses one) with a rate limit high enough
that no 429 can happen, and a bare app (POST JSON in, the same answer JSON out, no middleware).
A separate process drives each with raw keep-alive HTTP/1.1 connections (asyncio), so the
client costs a fraction of a core. Phases, each ``--duration`` seconds after a short warm-up:
the bare endpoint and one cached question repeated (alternating, best of ``--rounds``), then distinct questions about the seed (each
sent once; the phase ends early when they run out), after a warm-up pass over the seed
questions as written. Throughout, /api/health is polled and must answer 200. Prints a Markdown table, RSS before and after,
errors (non-200 or a body unlike the first), and the ratio of cached /api/ask to bare req/s.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[1]
CACHED = "智慧教育平台项目预算多少"
# Politeness that leaves a question's meaning alone, so each eval question yields several
# distinct strings (distinct strings are distinct answers to compute, not cache hits).
PREFIXES = ["请问", "请问一下，", "我想知道", "想了解一下", "麻烦问下", "帮我查一下", "你好，",
            "请告诉我", "查一下", "问一下"]
SUFFIXES = ["", "？", "呀"]


# ---------------------------------------------------------------- the bare endpoint


class BareBody(BaseModel):
    question: str
    history: list[Any] | None = None
    document: str | None = None


def serve_bare(port: int, payload_file: Path) -> None:
    """A bare FastAPI app: one POST endpoint, a pydantic body, the given JSON back."""
    import uvicorn
    from fastapi import FastAPI

    from budgetqa.server import server_config

    payload = json.loads(payload_file.read_text(encoding="utf-8"))
    app = FastAPI()

    @app.post("/bare")
    async def bare(body: BareBody) -> dict[str, Any]:
        return payload

    uvicorn.Server(server_config(app, "127.0.0.1", port)).run()


# ---------------------------------------------------------------- the load generator


async def _drive(port: int, path: str, bodies: list[bytes], concurrency: int, duration: float,
                 warmup: float, cycle: bool) -> dict:
    """``concurrency`` keep-alive connections sending POSTs until the deadline (or, with
    ``cycle`` false, until every body has been sent once)."""
    heads = [(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
              f"Content-Length: {len(b)}\r\n\r\n").encode() + b for b in bodies]
    latencies: list[float] = []
    errors: dict[str, int] = {}
    lengths: dict[int, int] = {}
    next_body = 0
    start = time.perf_counter()
    measure_from = start + warmup
    deadline = measure_from + duration
    finished = [measure_from]

    async def connection():
        nonlocal next_body
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while True:
                now = time.perf_counter()
                if now >= deadline:
                    return
                if cycle:
                    request = heads[next_body % len(heads)]
                    expect = next_body % len(heads)
                elif next_body < len(heads):
                    request, expect = heads[next_body], next_body
                else:
                    return
                next_body += 1
                t0 = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = None
                for line in head.split(b"\r\n")[1:]:
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                if length is None:
                    errors["no content-length"] = errors.get("no content-length", 0) + 1
                    return
                await reader.readexactly(length)
                t1 = time.perf_counter()
                if t0 >= measure_from:
                    finished[0] = max(finished[0], t1)
                    if status != 200:
                        errors[str(status)] = errors.get(str(status), 0) + 1
                    elif cycle and lengths.setdefault(expect, length) != length:
                        errors["body changed"] = errors.get("body changed", 0) + 1
                    else:
                        latencies.append(t1 - t0)
                elif cycle:
                    lengths.setdefault(expect, length)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(concurrency)))
    elapsed = max(1e-9, min(deadline, finished[0]) - measure_from)
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def generate(spec: dict) -> dict:
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    bodies = [json.dumps(b, ensure_ascii=False).encode() for b in spec["bodies"]]
    r = asyncio.run(_drive(spec["port"], spec["path"], bodies, spec["concurrency"], spec["duration"],
                           spec["warmup"], spec["cycle"]))
    lat = sorted(r["latencies"])

    def pct(p):
        return round(1000 * lat[min(len(lat) - 1, int(p / 100 * len(lat)))], 2) if lat else None

    return {"requests": len(lat), "rps": round(len(lat) / r["elapsed"], 1), "p50": pct(50),
            "p95": pct(95), "p99": pct(99), "errors": r["errors"]}


def run_load(port: int, path: str, bodies: list, concurrency: int, duration: float, warmup: float,
             cycle: bool = True) -> dict:
    spec = {"port": port, "path": path, "bodies": bodies, "concurrency": concurrency,
            "duration": duration, "warmup": warmup, "cycle": cycle}
    out = subprocess.run([sys.executable, __file__, "--generate"], input=json.dumps(spec),
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


# ---------------------------------------------------------------- the servers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its child processes (the workers of ``--workers``)."""
    total = 0
    for p in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return round(total / 1024, 1)


def children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        conn.request(method, path, data, {"Content-Type": "application/json"} if data else {})
        r = conn.getresponse()
        return r.status, r.read()
    finally:
        conn.close()


def wait_ready(port: int, path: str, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    t0 = time.time()
    while time.time() - t0 < timeout:
        if proc.poll() is not None:
            raise SystemExit(f"server exited ({proc.returncode}); see {log}:\n{log.read_text()[-2000:]}")
        try:
            if request(port, "GET", path, timeout=2)[0] in (200, 405):
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"server not ready after {timeout} s; see {log}")


class HealthPoller(threading.Thread):
    """GET /api/health every ``every`` seconds on a fresh connection; statuses and latencies."""

    def __init__(self, port: int, every: float = 0.25):
        super().__init__(daemon=True)
        self.port, self.every = port, every
        self.results: list[tuple[int, float]] = []
        self.stop = threading.Event()

    def run(self):
        while not self.stop.wait(self.every):
            t0 = time.perf_counter()
            try:
                status = request(self.port, "GET", "/api/health", timeout=10)[0]
            except OSError:
                status = 0
            self.results.append((status, time.perf_counter() - t0))


def seed_questions() -> list[str]:
    base = []
    for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not item.get("history") and item["question"] != CACHED:
            base.append(item["question"])
    return base


def unique_questions() -> list[str]:
    """Distinct strings, none of them a seed question as written (those warm the server up)."""
    seen, out = set(), []
    for suffix in SUFFIXES:
        for prefix in PREFIXES:
            for q in seed_questions():
                text = prefix + q.rstrip("？?") + suffix if suffix else prefix + q
                if text not in seen:
                    seen.add(text)
                    out.append(text)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--home", type=Path, help="BUDGETQA_HOME to use and keep (ingested if empty); "
                                              "default: a fresh temp directory")
    ap.add_argument("--duration", type=float, default=5.0, help="seconds measured per phase")
    ap.add_argument("--warmup", type=float, default=1.0, help="seconds of load before measuring")
    ap.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    ap.add_argument("--rounds", type=int, default=2, help="bare and cached runs per concurrency (best kept)")
    ap.add_argument("--workers", type=int, default=1, help="budgetqa serve --workers N (RSS: all of them)")
    ap.add_argument("--json", action="store_true", help="also print the results as JSON")
    ap.add_argument("--generate", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    ap.add_argument("--payload", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.generate:
        print(json.dumps(generate(json.load(sys.stdin))))
        return 0
    if args.serve_bare:
        serve_bare(args.serve_bare, args.payload)
        return 0

    work = Path(tempfile.mkdtemp(prefix="budgetqa-load-"))
    home = args.home or work / "home"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
           "BUDGETQA_HOME": str(home), "BUDGETQA_CORPUS": str(ROOT / "corpus"),
           "BUDGETQA_RATE_LIMIT_PER_MINUTE": str(10**9)}
    port, bare_port = free_port(), free_port()
    procs: list[subprocess.Popen] = []
    try:
        log = work / "server.log"
        server = subprocess.Popen([sys.executable, "-m", "budgetqa.cli", "serve", "--port", str(port),
                                   "--workers", str(args.workers)],
                                  env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
        procs.append(server)
        print(f"starting budgetqa serve on :{port} (home {home}) …", file=sys.stderr, flush=True)
        wait_ready(port, "/api/health", server, 600, log)
        status, first = request(port, "POST", "/api/ask", {"question": CACHED})
        assert status == 200, first
        payload = work / "answer.json"
        payload.write_bytes(first)

        bare_log = work / "bare.log"
        bare = subprocess.Popen([sys.executable, __file__, "--serve-bare", str(bare_port), "--payload", str(payload)],
                                env=env, stdout=bare_log.open("w"), stderr=subprocess.STDOUT, cwd=ROOT)
        procs.append(bare)
        wait_ready(bare_port, "/bare", bare, 60, bare_log)

        # Warm-up: every route once (models, indexes, caches), so that RSS "before" is a
        # working server's and any growth after it is the load's.
        run_load(port, "/api/ask", [{"question": q} for q in seed_questions()], 8, 600, 0.0, cycle=False)
        questions = unique_questions()
        rss_before = rss_mb(server.pid)
        rows = []
        used = 0
        poller = HealthPoller(port)
        poller.start()
        cached = [{"question": CACHED}]
        for c in args.concurrency:
            # Bare and cached alternate, best of --rounds each: another process waking up on
            # two cores would otherwise decide the ratio.
            bare_runs, ask_runs = [], []
            for _ in range(args.rounds):
                bare_runs.append(run_load(bare_port, "/bare", cached, c, args.duration, args.warmup))
                ask_runs.append(run_load(port, "/api/ask", cached, c, args.duration, args.warmup))
            rows.append(("bare FastAPI", c, max(bare_runs, key=lambda r: r["rps"])))
            rows.append(("/api/ask cached", c, dict(max(ask_runs, key=lambda r: r["rps"]),
                                                    rss=rss_mb(server.pid))))
        for c in args.concurrency:
            chunk = [{"question": q} for q in questions[used:]]
            r = run_load(port, "/api/ask", chunk, c, args.duration, 0.0, cycle=False)
            used += r["requests"] + sum(r["errors"].values())
            rows.append(("/api/ask unique", c, dict(r, rss=rss_mb(server.pid))))
        poller.stop.set()
        poller.join()
        rss_after = rss_mb(server.pid)
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()

    def rps(name, c):
        return next(r["rps"] for n, cc, r in rows if n == name and cc == c)

    print("| route | concurrency | req/s | p50 ms | p95 ms | p99 ms | errors | server RSS after, MB |")
    print("|---|---|---|---|---|---|---|---|")
    for name, c, r in rows:
        errors = ", ".join(f"{k}: {v}" for k, v in r["errors"].items()) or "0"
        print(f"| {name} | {c} | {r['rps']} | {r['p50']} | {r['p95']} | {r['p99']} | {errors} | "
              f"{r.get('rss', '')} |")
    health = poller.results
    health_ok = sum(1 for s, _ in health if s == 200)
    print()
    print(f"RSS of the server: {rss_before} MB before the /api/ask phases, {rss_after} MB after.")
    print(f"/api/health under load: {health_ok}/{len(health)} answered 200, "
          f"median {round(1000 * sorted(t for _, t in health)[len(health) // 2], 1) if health else None} ms, "
          f"slowest {round(1000 * max((t for _, t in health), default=0), 1)} ms.")
    print(f"distinct questions sent: {used} of {len(questions)} available.")
    for c in args.concurrency:
        print(f"ratio /api/ask cached ÷ bare at concurrency {c}: "
              f"{rps('/api/ask cached', c) / rps('bare FastAPI', c):.2f}")
    if args.json:
        print(json.dumps({"rows": [{"route": n, "concurrency": c, **r} for n, c, r in rows],
                          "rss_before_mb": rss_before, "rss_after_mb": rss_after,
                          "health": {"ok": health_ok, "polls": len(health)}}, ensure_ascii=False))
    errors = sum(sum(r["errors"].values()) for _, _, r in rows) + len(health) - health_ok
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
