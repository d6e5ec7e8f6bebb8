"""Webhook benchmark: requests/s and p50/p99 latency of ``POST /webhooks/zendesk``.

The product (``creditctl serve``: uvicorn + Litestar, 1 worker process, PostgreSQL +
Redis) is driven by wrk at 1, 16 and 64 connections with signed, distinct, realistic
requests (2–30 KB, ``common.payload_templates``). Beside it, on the same server stack
(uvicorn + Litestar, 1 worker, same loop/http options as ``creditctl serve``), a bare
reference app does the minimum work of a durable webhook: verify the HMAC, one INSERT
+ COMMIT on PostgreSQL, one LPUSH on Redis (``reference_app``). Printed: both, and
product/reference ratios. Target: >= 0.8x the reference's throughput at 16
connections with p99 <= 2x the reference's. Then ``creditctl serve --workers 2`` (one
listening socket, two processes) at 16 connections, as a ratio to one process, the two
servers' runs alternated (one process's 16-connection run counts as its first round).

Load generator: wrk (Debian package) with ``WRK_LUA``: its ``request()`` fills a
template's ``@@UNIQ@@`` placeholder with ``<run tag>-<thread>-<counter>`` (unique
comment id + body) and signs the body with OpenSSL's HMAC-SHA256 through LuaJIT's FFI
(Zendesk's scheme: base64(HMAC(secret, timestamp + body))), so every request is
distinct and correctly signed without a file per request.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, post

from bench import common, cpu
from bench.common import SECRET, header, ratio, verdict

CONNECTIONS = (1, 16, 64)
SCALE_PROCESSES = 2
SCALE_TARGET = 1.3
SCALE_ROUNDS = 2
"""``serve --workers 2`` over one process, at 16 connections: on this 2-core machine the
database, the queue and the load generator take the other core's share, so not 2x."""

WRK_LUA = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
int EVP_EncodeBlock(unsigned char *t, const unsigned char *f, int n);
]]
local crypto = ffi.load("crypto")
local md = ffi.new("unsigned char[64]")
local mdlen = ffi.new("unsigned int[1]")
local b64 = ffi.new("unsigned char[128]")
local secret = os.getenv("BENCH_SECRET")
local tag = os.getenv("BENCH_TAG")
local path = os.getenv("BENCH_PATH")
local templates = {}
local thread_id = 0
local counter = 0
local timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ")

local function load(file)
  local f = assert(io.open(file, "rb"))
  local list = {}
  while true do
    local line = f:read("*l")
    if not line then break end
    local parts = {}
    local body = f:read(tonumber(line))
    f:read("*l")
    local start = 1
    while true do
      local s, e = string.find(body, "@@UNIQ@@", start, true)
      if not s then table.insert(parts, string.sub(body, start)); break end
      table.insert(parts, string.sub(body, start, s - 1))
      start = e + 1
    end
    table.insert(list, parts)
  end
  f:close()
  return list
end

local next_id = 0
function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

function init(args)
  templates = load(os.getenv("BENCH_TEMPLATES"))
end

local function sign(body)
  local msg = timestamp .. body
  crypto.HMAC(crypto.EVP_sha256(), secret, #secret, msg, #msg, md, mdlen)
  local n = crypto.EVP_EncodeBlock(b64, md, mdlen[0])
  return ffi.string(b64, n)
end

function request()
  counter = counter + 1
  local parts = templates[(counter % #templates) + 1]
  local uniq = tag .. "-" .. thread_id .. "-" .. counter
  local body = table.concat(parts, uniq)
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["X-Zendesk-Webhook-Signature"] = sign(body)
  headers["X-Zendesk-Webhook-Signature-Timestamp"] = timestamp
  headers["X-Zendesk-Webhook-Invocation-Id"] = uniq
  return wrk.format("POST", path, headers, body)
end

local bad = 0
function response(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  io.write(string.format(
    "BENCH_RESULT {\"requests\": %d, \"duration_us\": %d, \"p50_us\": %d, \"p99_us\": %d, \"mean_us\": %.1f, " ..
    "\"errors_status\": %d, \"errors_connect\": %d, \"errors_read\": %d, \"errors_write\": %d, \"errors_timeout\": %d}\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout))
end
"""


# --------------------------------------------------------------------------- the reference app


def reference_app() -> Any:
    """The bare reference: a Litestar app with one route doing the minimum durable work.

    ``POST /webhooks/zendesk``: read the body; in a worker thread (as the product does)
    verify the Zendesk HMAC (``creditctl.signature.verify``), INSERT the raw body into
    ``ref_emails`` and COMMIT (psycopg 3, one connection per thread), LPUSH the new id on
    a Redis list; answer ``{"status": "accepted", "email_id": N}``. Configured by
    ``BENCH_REF_PG_DSN`` (libpq DSN) and ``BENCH_REF_REDIS_URL``.
    """
    import threading

    import anyio.to_thread
    import psycopg
    import redis

    from creditctl import signature

    dsn = os.environ["BENCH_REF_PG_DSN"]
    rds = redis.Redis.from_url(os.environ["BENCH_REF_REDIS_URL"])
    local = threading.local()
    secrets = [SECRET]

    def conn() -> Any:
        c = getattr(local, "conn", None)
        if c is None:
            c = local.conn = psycopg.connect(dsn)
        return c

    def store(raw: bytes, ts: str | None, sig: str | None) -> int | None:
        if not signature.verify(secrets, ts, raw, sig):
            return None
        c = conn()
        with c.cursor() as cur:
            cur.execute("INSERT INTO ref_emails (body) VALUES (%s) RETURNING id", (raw,))
            email_id = cur.fetchone()[0]
        c.commit()
        rds.lpush("ref_queue", email_id)
        return email_id

    @post("/webhooks/zendesk", status_code=200)
    async def webhook(request: Request) -> Response[dict[str, Any]]:
        raw = await request.body()
        ts = request.headers.get(signature.TIMESTAMP_HEADER)
        sig = request.headers.get(signature.SIGNATURE_HEADER)
        email_id = await anyio.to_thread.run_sync(lambda: store(raw, ts, sig))
        if email_id is None:
            return Response({"status": "error", "detail": "bad signature"}, status_code=401)
        return Response({"status": "accepted", "email_id": email_id}, status_code=200)

    return Litestar(route_handlers=[webhook], debug=False, request_max_body_size=2 * 1024 * 1024)


def _libpq_dsn(sqlalchemy_url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(sqlalchemy_url)
    return f"host={u.host} port={u.port} user={u.username} dbname={u.database}"


# --------------------------------------------------------------------------- running wrk


@dataclass
class WrkResult:
    connections: int
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run_wrk(port: int, connections: int, seconds: float, templates_file: Path, lua_file: Path) -> WrkResult:
    """One wrk run (1 thread, ``connections`` connections, ``seconds`` s, 10 s timeout)."""
    env = dict(
        os.environ,
        BENCH_SECRET=SECRET,
        BENCH_TAG=uuid.uuid4().hex[:10],
        BENCH_PATH="/webhooks/zendesk",
        BENCH_TEMPLATES=str(templates_file),
    )
    cmd = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "10s",
        "-s",
        str(lua_file),
        f"http://127.0.0.1:{port}/webhooks/zendesk",
    ]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=seconds + 60)
    match = re.search(r"BENCH_RESULT (\{.*\})", out.stdout)
    if not match:
        raise RuntimeError(f"wrk gave no result (exit {out.returncode}): {out.stdout[-500:]} {out.stderr[-500:]}")
    r = json.loads(match.group(1))
    non2xx = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out.stdout)
    if m:
        non2xx = int(m.group(1))
    errors = non2xx + sum(r[k] for k in ("errors_connect", "errors_read", "errors_write", "errors_timeout"))
    return WrkResult(connections, r["requests"], r["duration_us"] / 1e6, r["p50_us"] / 1000, r["p99_us"] / 1000, errors)


def _write_templates(path: Path, templates: list[bytes]) -> None:
    with open(path, "wb") as f:
        for t in templates:
            f.write(f"{len(t)}\n".encode() + t + b"\n")


def _measure(name: str, port: int, seconds: float, tfile: Path, lua: Path) -> dict[int, WrkResult]:
    run_wrk(port, 16, 1.0, tfile, lua)  # warm-up: connections, pools, code paths
    return {c: run_wrk(port, c, seconds, tfile, lua) for c in CONNECTIONS}


def main(quick: bool = False) -> None:
    """Run the webhook section and print it."""
    header("1. Webhook: POST /webhooks/zendesk, wrk, PostgreSQL + Redis, uvicorn 1 worker")
    if shutil.which("wrk") is None:
        print("  wrk not installed (apt-get install wrk, or run bench/run): skipped")
        return
    if not common.pg_available():
        print("  no PostgreSQL/Redis (run through bench/run): skipped")
        return
    seconds = common.pick(15.0, 3.0, 1.0)
    templates = common.payload_templates(count=120)
    sizes = sorted(len(t) for t in templates)
    work = Path(tempfile.mkdtemp(prefix="creditctl-bench-wrk-"))
    tfile, lua = work / "templates.txt", work / "bench.lua"
    _write_templates(tfile, templates)
    lua.write_text(WRK_LUA)
    print(
        f"  {len(templates)} payload templates, {sizes[0] / 1024:.1f}–{sizes[-1] / 1024:.1f} KB "
        f"(mean {sum(sizes) / len(sizes) / 1024:.1f} KB); every request distinct (comment id + body), signed; "
        f"{seconds:.0f} s per level"
    )
    results: dict[str, dict[int, WrkResult]] = {}
    stored: dict[str, int] = {}

    product = common.make_backend("pg", "webhook")
    try:
        port = common.free_port()
        env = common.product_env(product)
        cmd = [sys.executable, "-m", "creditctl", "serve", "--port", str(port)]
        port2 = common.free_port()
        cmd2 = [sys.executable, "-m", "creditctl", "serve", "--port", str(port2), "--workers", str(SCALE_PROCESSES)]
        with (
            common.process(cmd, env, log_name="serve") as proc,
            common.process(cmd2, env, log_name="serve-workers") as proc2,
        ):
            common.wait_port(port, 60, proc)
            _wait_ready(port2, proc2)  # both started before any measurement: no start-up under load
            run_wrk(port2, 16, 1.0, tfile, lua)  # warm-up
            results["product"] = _measure("product", port, seconds, tfile, lua)
            # alternated, so a change of the machine's load between them hits both alike
            one: list[WrkResult] = [results["product"][16]]
            two: list[WrkResult] = []
            use_one: list[cpu.CpuUse] = []
            use_two: list[cpu.CpuUse] = []
            for _ in range(SCALE_ROUNDS):
                r, u = metered_wrk([proc2.pid], port2, seconds, tfile, lua)
                two.append(r)
                use_two.append(u)
                r, u = metered_wrk([proc.pid], port, seconds, tfile, lua)
                one.append(r)
                use_one.append(u)
        stored["product"] = _count(product.db_url, "emails")
    finally:
        product.close()

    ref_one: list[WrkResult] = []
    ref_two: list[WrkResult] = []
    ref_use_one: list[cpu.CpuUse] = []
    ref_use_two: list[cpu.CpuUse] = []
    ref = common.make_backend("pg", "webhook_ref")
    try:
        _exec(
            ref.db_url,
            "CREATE TABLE ref_emails (id bigserial PRIMARY KEY, body bytea NOT NULL, "
            "received_at timestamptz NOT NULL DEFAULT now())",
        )
        port = common.free_port()
        env = common.product_env(ref, BENCH_REF_PG_DSN=_libpq_dsn(ref.db_url), BENCH_REF_REDIS_URL=ref.queue_url)
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.webhook:reference_app",
            "--factory",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
        ref_port2 = common.free_port()
        cmd2 = [*cmd, "--workers", str(SCALE_PROCESSES)]
        cmd2[cmd2.index("--port") + 1] = str(ref_port2)
        with (
            common.process(cmd, env, log_name="reference") as proc,
            common.process(cmd2, env, log_name="reference-workers") as proc2,
        ):
            common.wait_port(port, 60, proc)
            common.wait_port(ref_port2, 60, proc2)
            time.sleep(common.pick(4.0, 4.0, 1.0))  # each spawned process serves once it has imported
            run_wrk(ref_port2, 16, 1.0, tfile, lua)  # warm-up
            results["reference"] = _measure("reference", port, seconds, tfile, lua)
            # the same 1 -> 2 processes for the reference app, alternated the same way: what
            # this machine gives any app for a second process while wrk and PostgreSQL share it
            for _ in range(SCALE_ROUNDS):
                r, u = metered_wrk([proc2.pid], ref_port2, seconds, tfile, lua)
                ref_two.append(r)
                ref_use_two.append(u)
                r, u = metered_wrk([proc.pid], port, seconds, tfile, lua)
                ref_one.append(r)
                ref_use_one.append(u)
        stored["reference"] = _count(ref.db_url, "ref_emails")
    finally:
        ref.close()
    shutil.rmtree(work, ignore_errors=True)

    print(
        f"  {'conns':>5} | {'product req/s':>13} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | "
        f"{'reference req/s':>15} {'p50 ms':>7} {'p99 ms':>7} {'err':>4} | {'req/s ratio':>11} {'p99 ratio':>9}"
    )
    for c in CONNECTIONS:
        p, r = results["product"][c], results["reference"][c]
        print(
            f"  {c:>5} | {p.rps:13.0f} {p.p50_ms:7.1f} {p.p99_ms:7.1f} {p.errors:4d} | {r.rps:15.0f} "
            f"{r.p50_ms:7.1f} {r.p99_ms:7.1f} {r.errors:4d} | {ratio(p.rps, r.rps):>11} {ratio(p.p99_ms, r.p99_ms):>9}"
        )
    total = {k: sum(x.requests for x in v.values()) for k, v in results.items()}
    total["product"] += sum(r.requests for r in [*one[1:], *two])
    print(
        f"  rows stored / requests wrk counted (incl. warm-up): product {stored['product']} / {total['product']}, "
        f"reference {stored['reference']} / {total['reference']}"
    )
    p16, r16 = results["product"][16], results["reference"][16]
    ok = p16.rps >= 0.8 * r16.rps and p16.p99_ms <= 2 * r16.p99_ms
    u1, r1 = cpu.combine(use_one), cpu.combine(ref_use_one)
    n1, nr1 = sum(r.requests for r in one[1:]), sum(r.requests for r in ref_one)
    why = (
        f"CPU per request at 16 connections, one process (the alternated runs): serve {u1.ms_per('serve', n1):.2f} "
        f"vs the reference's {r1.ms_per('serve', nr1):.2f} ms, PostgreSQL {u1.ms_per('postgres', n1):.2f} vs "
        f"{r1.ms_per('postgres', nr1):.2f} ms; machine busy {u1.machine_s / max(u1.wall_s, 1e-9):.2f} of {u1.cores}"
    )
    print(
        f"  target at 16 connections: >= 0.80x reference and p99 <= 2x the reference's -> "
        f"{p16.rps / r16.rps:.2f}x, p99 {p16.p99_ms:.0f} ms vs {r16.p99_ms:.0f} ms: {verdict(ok, why)}"
    )
    rps_one = _rps(one)
    rps_two = _rps(two)
    gain = rps_two / rps_one if rps_one else 0.0
    ref_gain = _rps(ref_two) / _rps(ref_one) if _rps(ref_one) else 0.0
    u2 = cpu.combine(use_two)
    n2 = sum(r.requests for r in two)
    print(f"    one process:  {u1.line(n1, 'request')}")
    print(f"    {SCALE_PROCESSES} processes:  {u2.line(n2, 'request')}")
    print(
        f"  reference app --workers {SCALE_PROCESSES}, alternated the same way: {_rps(ref_two):.0f} vs "
        f"{_rps(ref_one):.0f} req/s = {ref_gain:.2f}x one process"
    )
    r2 = cpu.combine(ref_use_two)
    print(f"    one process:  {r1.line(nr1, 'request')}")
    print(f"    {SCALE_PROCESSES} processes:  {r2.line(sum(r.requests for r in ref_two), 'request')}")
    why = scale_reason(u1, n1, u2, n2, rps_one, ref_gain)
    print(
        f"  serve --workers {SCALE_PROCESSES} at 16 connections, runs alternated with one process: {rps_two:.0f} vs "
        f"{rps_one:.0f} req/s, p99 {max(r.p99_ms for r in two):.0f} vs {max(r.p99_ms for r in one):.0f} ms, "
        f"{sum(r.errors for r in two)} errors = {gain:.2f}x one process (target >= {SCALE_TARGET:.1f}x): "
        f"{verdict(gain >= SCALE_TARGET, why)}"
    )


def _rps(runs: list[WrkResult]) -> float:
    seconds = sum(r.seconds for r in runs)
    return sum(r.requests for r in runs) / seconds if seconds else 0.0


def metered_wrk(
    server_pids: list[int], port: int, seconds: float, tfile: Path, lua: Path
) -> tuple[WrkResult, cpu.CpuUse]:
    """``run_wrk`` at 16 connections with the CPU of the server (``server_pids`` and their
    children), PostgreSQL, Redis, wrk and this driver over the run (``bench.cpu``)."""
    groups: dict[str, cpu.Roots] = {
        "serve": lambda: server_pids,
        "postgres": cpu.postgres_pids,
        "redis": cpu.redis_pids,
        "wrk": lambda: cpu.children_named(os.getpid(), "wrk"),
        "bench": lambda: [os.getpid()],
    }
    with cpu.CpuMeter(groups) as meter:
        result = run_wrk(port, 16, seconds, tfile, lua)
    return result, meter.use


def scale_reason(one: cpu.CpuUse, n_one: int, two: cpu.CpuUse, n_two: int, rps_one: float, ref_gain: float) -> str:
    """Why a second ``serve`` process gains less than ``SCALE_TARGET``, from the runs' own CPU
    accounting: the CPU per request of every process on the path (the servers, PostgreSQL,
    Redis, wrk) with 2 processes, the rate the machine's cores allow at that cost against one
    process's rate, how busy the machine was, and the reference app's own 1 -> 2 gain in the
    same run (below the target too: the machine, not the product)."""
    if not two.measured or not n_two or not rps_one:
        return "no CPU accounting for the runs"
    per = {k: two.ms_per(k, n_two) for k in ("serve", "postgres", "redis", "wrk")}
    total = sum(per.values())
    ceiling = two.cores * 1000 / total if total else 0.0
    parts = " + ".join(f"{k} {v:.2f}" for k, v in per.items())
    return (
        f"{total:.2f} ms CPU per request ({parts}) on {two.cores} cores = at most {ceiling:.0f} req/s, "
        f"{ceiling / rps_one:.2f}x one process's {rps_one:.0f}; machine busy {two.machine_s / two.wall_s:.2f} of "
        f"{two.cores} cores with 2 processes ({one.machine_s / max(one.wall_s, 1e-9):.2f} with one), serve "
        f"{two.cores_of('serve'):.2f} vs {one.cores_of('serve'):.2f} cores; the reference app 1 -> 2: {ref_gain:.2f}x"
    )


def _wait_ready(port: int, proc: subprocess.Popen, timeout_s: float = 90.0) -> None:
    """Wait until ``GET /healthz`` answers 200, then a little longer: with ``--workers`` the
    parent listens at once and each spawned process starts serving when it has imported."""
    import time
    import urllib.request

    common.wait_port(port, timeout_s, proc)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as answer:
                if answer.status == 200:
                    time.sleep(common.pick(4.0, 4.0, 1.0))
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"serve --workers on port {port} never answered /healthz")


def _exec(url: str, sql: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(sql))
    engine.dispose()


def _count(url: str, table: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        n = conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return int(n)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
