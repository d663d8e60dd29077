"""Start the app the way `make serve` does, and talk to it like a browser.

`serve_commands()` asks make for the commands of the `serve` target (`make -n -o install
serve`: without running pip), so the load bench and the reliability tests always run
gunicorn with the production settings of the Makefile and gunicorn.conf.py, whatever
they are changed to (bench/load/cluster.py puts several such servers behind nginx).
The server runs in a session of its own; `stop()` ends the whole process group (the
gunicorn master, its workers and their PDF render processes), `kill()` SIGKILLs it.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def serve_commands(port: int, workers: int | None = None) -> list[tuple[dict, list[str]]]:
    """The commands `make serve` runs after its install step: (variables set in front of
    the command, the argument list) each."""
    args = ["make", "--no-print-directory", "-n", "-o", "install", "serve"]
    args += [f"HOST={HOST}", f"PORT={port}"]
    text = subprocess.run(args, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    commands = []
    for line in re.sub(r"\\\n\s*", " ", text).splitlines():
        if not line.strip():
            continue
        words = shlex.split(line)
        env = {}
        while words and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", words[0]):
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        if workers:
            env["WEB_CONCURRENCY"] = str(workers)
        commands.append((env, words))
    if not commands or "gunicorn" not in Path(commands[-1][1][0]).name:
        raise RuntimeError(f"`make -n serve` did not end with gunicorn:\n{text}")
    return commands


def group_pids(pgid: int | None) -> list[int]:
    """The live processes of process group `pgid`, from /proc."""
    if pgid is None:
        return []
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after "(comm)": state, ppid, pgrp, session, ...
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def group_cpu_seconds(pgid: int | None) -> float:
    """CPU time used so far by process group `pgid` (reaped children included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in group_pids(pgid):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # utime, stime, cutime, cstime are fields 14-17 of the line (1-based).
        total += sum(int(v) for v in fields[11:15])
    return total / ticks


class Server:
    """gunicorn as `make serve` starts it, on a free loopback port, logging to files."""

    def __init__(
        self, env: dict[str, str], log_dir: Path, workers: int | None = None, name: str = ""
    ):
        self.port = free_port()
        self.name = name
        self.env = {**os.environ, **env}
        self.log_dir = log_dir
        self.workers = workers
        self.process: subprocess.Popen | None = None
        self.pgid: int | None = None
        self.command: list[str] = []
        self.starts = 0

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 60, migrate: bool = True) -> None:
        """Run the migrations step (unless `migrate` is false: another node did) and start
        gunicorn; wait until /healthz answers."""
        *before, (extra, self.command) = serve_commands(self.port, self.workers)
        for more, command in before if migrate else ():
            done = subprocess.run(
                command,
                cwd=ROOT,
                env={**self.env, **more},
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode:
                raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        out = open(self.log_dir / f"access-{self.starts}.log", "ab")  # noqa: SIM115
        err = open(self.log_dir / f"server-{self.starts}.log", "ab")  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env={**self.env, **extra},
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )
            self.pgid = self.process.pid
        finally:
            out.close()
            err.close()
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_dir}/server-*.log")
            conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
            try:
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            finally:
                conn.close()
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within {timeout:g} s")

    def pids(self) -> list[int]:
        """Every process of the server's process group (master, workers, renderers);
        after stop() or kill(), whatever of the last group is still alive."""
        return group_pids(self.pgid)

    def cpu_seconds(self) -> float:
        """CPU time the server's processes used so far (recycled workers included, as
        the master has reaped them), from /proc."""
        return group_cpu_seconds(self.pgid)

    def kill(self) -> None:
        """SIGKILL the whole process group at once (a crash, or a power cut to the app)."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._reap_group()
        self._wait_refused()
        self.process = None

    def stop(self, timeout: float = 35) -> None:
        """SIGTERM to the master (gunicorn's graceful stop: requests in progress finish),
        then SIGKILL whatever of the group is left."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self._reap_group()
        self.process = None

    def _wait_refused(self, timeout: float = 5) -> None:
        """Until the port refuses connections: a killed process may hold the listening
        socket for a few milliseconds while the kernel tears it down, and a connection
        it accepts then is reset (a request sent on it is lost, not refused)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=0.5).close()
            except ConnectionRefusedError:
                return
            except OSError:
                pass
            time.sleep(0.005)
        raise RuntimeError(f"port {self.port} still accepts connections after the kill")

    def _reap_group(self) -> None:
        """Processes of the group that outlived the master (render workers) are killed."""
        assert self.process is not None
        deadline = time.monotonic() + 5
        while self.pids() and time.monotonic() < deadline:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            time.sleep(0.1)

    def logs(self) -> str:
        """The server's standard error (request log, tracebacks) over all its starts."""
        return "".join(
            p.read_text(errors="replace") for p in sorted(self.log_dir.glob("server-*.log"))
        )

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


CSRF = re.compile(r'name="csrf_token"(?: type="hidden")? value="([^"]+)"')


class Response:
    """Status, headers and body of one answer."""

    def __init__(self, status: int, headers: dict[str, str], body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Client:
    """A browser-like client: keeps its cookies (also Secure ones, over loopback HTTP)."""

    def __init__(self, port: int, timeout: float = 60):
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.csrf = ""
        self._conn: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict | None = None
    ) -> Response:
        all_headers = {"Accept-Language": "ru", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        while True:
            reused = self._conn is not None
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            try:
                self._conn.request(method, path, body=body, headers=all_headers)
                raw = self._conn.getresponse()
                data = raw.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._conn.close()
                self._conn = None
                # A kept-alive connection the server closed while idle is retried once on
                # a new one, as browsers do; a failure on a fresh connection is the answer.
                if not reused:
                    raise
        headers_out = {k.lower(): v for k, v in raw.getheaders()}
        for key, value in raw.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if raw.will_close:
            self._conn.close()
            self._conn = None
        return Response(raw.status, headers_out, data)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict | list) -> Response:
        """A form post; the session's CSRF token is added unless given."""
        pairs = list(data.items()) if isinstance(data, dict) else list(data)
        flat = []
        for key, value in pairs:
            values = value if isinstance(value, list | tuple) else [value]
            flat.extend((key, v) for v in values)
        if self.csrf and not any(k == "csrf_token" for k, _ in flat):
            flat.append(("csrf_token", self.csrf))
        body = urllib.parse.urlencode(flat).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body, headers)

    def fetch_csrf(self, path: str) -> str:
        """Load a form page and keep its CSRF token (one per session, valid for all forms)."""
        page = self.get(path)
        match = CSRF.search(page.text)
        if not match:
            raise RuntimeError(f"no CSRF token on {path} (HTTP {page.status})")
        self.csrf = match.group(1)
        return self.csrf

    def login(self, email: str, password: str) -> None:
        """Sign in through the real form; raises unless the app redirects."""
        self.fetch_csrf("/login")
        answer = self.post("/login", {"email": email, "password": password})
        if answer.status != 302:
            raise RuntimeError(f"sign-in of {email} failed: HTTP {answer.status}")
        self.fetch_csrf("/")

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
