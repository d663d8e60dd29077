"""wrk runs: a generated Lua script per scenario, results read back as JSON.

Each script sets the session cookie, picks a random URL per request, tallies the status
classes per thread, and its `done()` prints one line `WRKJSON {...}` with the exact
percentiles of wrk's latency histogram, the request count and every kind of error.
"""

from __future__ import annotations

import json
import subprocess
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

WRK = "/usr/bin/wrk"
VACANCY_ROLES = ("smm-manager", "smm-specialist", "smm-generalist")
STATUSES = ("draft", "published", "archived")
SORTS = ("updated", "created", "title")
WORDS = ("кофейни", "банка", "студии", "магазина", "бренда", "Казань", "Минск", "smm", "zzzz")

PRELUDE = r"""
if COOKIE ~= "" then wrk.headers["Cookie"] = COOKIE end
wrk.headers["Accept-Language"] = "ru"

local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

s2, s3, s4, s5, s202 = 0, 0, 0, 0, 0
function init(args)
  math.randomseed(SEED * 1000 + tid)
  for _ = 1, 10 do math.random() end
end

local function any(list) return list[math.random(#list)] end

function vacancy_url() return "/vacancies/" .. math.random(VAC_LO, VAC_HI) end
function candidate_url() return "/probation/candidates/" .. math.random(CAND_LO, CAND_HI) end
function pdf_url() return "/vacancies/" .. math.random(VAC_LO, VAC_HI) .. "/download/pdf" end
-- A PDF rendered before anyone asked (the vacancies saved before the run).
function ready_pdf_url() return "/vacancies/" .. any(READY) .. "/download/pdf" end

-- The public job pages, anonymous: a vacancy page mostly, sometimes the careers list
-- (first pages) or the feed.
function public_url()
  local r = math.random()
  if r < 0.8 then return any(PUBLIC) end
  if r < 0.95 then
    local page = math.random(1, 5)
    if page == 1 then return PUBLIC_ROOT end
    return PUBLIC_ROOT .. "?page=" .. page
  end
  return PUBLIC_ROOT .. "feed.atom"
end

function list_url()
  local q = {}
  if math.random() < 0.3 then table.insert(q, "status=" .. any(STATUSES)) end
  if math.random() < 0.3 then table.insert(q, "role=" .. any(VACANCY_ROLES)) end
  if math.random() < 0.2 then table.insert(q, "q=" .. any(WORDS)) end
  if math.random() < 0.2 then table.insert(q, "sort=" .. any(SORTS)) end
  local r = math.random()
  if r < 0.4 then table.insert(q, "page=" .. math.random(2, 10))
  elseif r < 0.5 then table.insert(q, "page=" .. math.random(11, 200)) end
  if #q == 0 then return "/vacancies/" end
  return "/vacancies/?" .. table.concat(q, "&")
end

function response(status, headers, body)
  if status == 202 then s202 = s202 + 1 end
  if status < 300 then s2 = s2 + 1
  elseif status < 400 then s3 = s3 + 1
  elseif status < 500 then s4 = s4 + 1
  else s5 = s5 + 1 end
end

function done(summary, latency, requests)
  local c = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, s202 = 0}
  for _, t in ipairs(threads) do
    for k, _ in pairs(c) do c[k] = c[k] + (t:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"status": {"2xx": %d, "3xx": %d, "4xx": %d, "5xx": %d, "202": %d}, ' ..
    '"latency_us": {"min": %d, "mean": %.1f, "p50": %d, "p90": %d, "p95": %d, ' ..
    '"p99": %d, "max": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    c.s2, c.s3, c.s4, c.s5, c.s202,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max))
end
"""

# A steady rate per thread (for the PDF downloads beside the page load): delay() gives
# each request the next slot of a fixed schedule, measured with a monotonic clock.
PACED = r"""
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } wrk_timespec;
int clock_gettime(int clk_id, wrk_timespec *tp);
]]
local ts = ffi.new("wrk_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local next_at = nil
function delay()
  local now = now_ms()
  if next_at == nil then next_at = now + math.random() * INTERVAL_MS end
  local slot = math.max(next_at, now - INTERVAL_MS)
  next_at = slot + INTERVAL_MS
  return math.max(0, math.floor(slot - now))
end
"""


def lua_list(values) -> str:
    return "{" + ", ".join(json.dumps(v) for v in values) + "}"


@dataclass(frozen=True)
class Ids:
    """The id ranges URLs are drawn from (`ready`: vacancies whose PDF was rendered
    before the run)."""

    vacancy: tuple[int, int]
    candidate: tuple[int, int]
    ready: tuple[int, ...] = ()
    # Public vacancy pages (canonical paths under /jobs/<organization>/).
    public: tuple[str, ...] = ()


def script(
    pick: str,
    cookie: str | None,
    ids: Ids,
    seed: int,
    interval_ms: float | None = None,
    close: bool = False,
) -> str:
    """A wrk script whose requests come from the Lua expression `pick` (`interval_ms`:
    paced, per connection; `close`: a new connection per request, so that the requests
    spread over every gunicorn worker)."""
    constants = {
        "COOKIE": json.dumps(cookie or ""),
        "SEED": str(seed),
        "VAC_LO": str(ids.vacancy[0]),
        "VAC_HI": str(ids.vacancy[1]),
        "CAND_LO": str(ids.candidate[0]),
        "CAND_HI": str(ids.candidate[1]),
    }
    head = "\n".join(f"local {k} = {v}" for k, v in constants.items())
    head += "\nSTATUSES = " + lua_list(STATUSES)
    head += "\nROLES = " + lua_list(VACANCY_ROLES)
    head += "\nSORTS = " + lua_list(SORTS)
    head += "\nWORDS = " + lua_list(urllib.parse.quote(w) for w in WORDS)
    head += "\nREADY = " + lua_list(ids.ready or (ids.vacancy[0],))
    public = ids.public or ("/jobs/none/",)
    head += "\nPUBLIC = " + lua_list(urllib.parse.quote(p) for p in public)
    head += "\nPUBLIC_ROOT = " + json.dumps(public[0].rsplit("/", 1)[0] + "/")
    body = PRELUDE
    if close:
        body += '\nwrk.headers["Connection"] = "close"\n'
    if interval_ms is not None:
        body += PACED.replace("INTERVAL_MS", f"{interval_ms:.3f}")
    body += f"\nfunction request()\n  return wrk.format('GET', {pick})\nend\n"
    return head + "\n" + body


PICKS = {
    "list": "list_url()",
    "vacancy": "vacancy_url()",
    "candidate": "candidate_url()",
    # The three page kinds in equal shares.
    "pages": "({list_url, vacancy_url, candidate_url})[math.random(3)]()",
    "pdf": "pdf_url()",
    "public": "public_url()",
    "ready_pdf": "ready_pdf_url()",
}


def run(base: str, script_text: str, path: Path, *, seconds: int, **options) -> dict:
    """Run wrk for `seconds` (it stops by itself; a hard limit guards it) and parse it
    (`options` as for `start`; a page request times out after 10 s)."""
    options.setdefault("timeout", "10s")
    return finish(start(base, script_text, path, seconds=seconds, **options), seconds)


def start(
    base: str,
    script_text: str,
    path: Path,
    *,
    seconds: int,
    connections: int,
    threads: int,
    timeout: str = "30s",
) -> subprocess.Popen:
    """Start a wrk run in the background (read it back with `finish`)."""
    path.write_text(script_text)
    command = [
        WRK,
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={seconds}s",
        f"--timeout={timeout}",
        "--latency",
        f"--script={path}",
        base + "/",
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, seconds: int) -> dict:
    """Wait for a background wrk run (bounded) and parse its result."""
    try:
        out, err = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    for line in out.splitlines():
        if line.startswith("WRKJSON "):
            result = json.loads(line[len("WRKJSON ") :])
            result["wrk_output"] = out
            return result
    raise RuntimeError(f"wrk printed no result (exit {process.returncode}):\n{err}")


def errors(result: dict) -> int:
    """Everything that is not a 2xx answer: socket errors, timeouts, 3xx, 4xx, 5xx."""
    e, s = result["errors"], result["status"]
    return e["connect"] + e["read"] + e["write"] + e["timeout"] + s["3xx"] + s["4xx"] + s["5xx"]
