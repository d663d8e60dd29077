"""Several app nodes behind nginx, with Redis and the queue worker: production on one machine.

Shared by the multi-node test (tests/reliability/test_multinode.py) and `make load`:

- `nginx_config()` turns deploy/nginx.conf into a runnable configuration: the same
  upstream, proxy and static settings, with the app nodes' loopback ports, a loopback
  listening port, the repository's static folder, the TLS lines dropped, wrapped in a
  main configuration whose pid, logs and temporary folders are under a temporary prefix
  (nginx runs as the current user, `-p prefix -c conf`).
- `Redis`: Debian's redis-server on a free loopback port, its data in a temporary folder.
- `QueueWorker`: `flask --app app worker` (the background job consumer) with REDIS_URL.
- `Cluster`: all of them on one DATABASE_URL, SECRET_KEY and EXPORT_CACHE_DIR.

Every process runs in a session of its own and is ended by its process id; loopback only.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.load.server import HOST, ROOT, Server, free_port, group_cpu_seconds, group_pids

NGINX = "/usr/sbin/nginx"
REDIS = "/usr/bin/redis-server"
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"
STATIC = ROOT / "app" / "static"
FLASK = ROOT / ".venv" / "bin" / "flask"

MAIN = """\
{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    # The combined format plus where each request went and how it ended there, so a
    # failure under load can be traced to a node (several addresses: nginx's retries).
    log_format upstreams '$remote_addr [$time_local] "$request" $status '
                         'upstream=$upstream_addr upstream_status=$upstream_status '
                         'request_time=$request_time msec=$msec';
    access_log {prefix}/access.log upstreams;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    sendfile on;
{site}
}}
"""


def nginx_config(prefix: Path, port: int, nodes: list[int], source: Path = DEPLOY_CONF) -> str:
    """deploy/nginx.conf for nginx on HOST:`port` in front of app nodes on `nodes` ports."""
    site = source.read_text()
    site = "\n".join(line for line in site.splitlines() if not line.lstrip().startswith("#"))
    # The plain-HTTP server only redirects to https: not part of what is tested.
    site, redirects = re.subn(r"server \{[^{}]*return 301[^{}]*\}", "", site)
    servers = "".join(f"    server {HOST}:{node} max_fails=1 fail_timeout=10s;\n" for node in nodes)
    site, upstreams = re.subn(
        r"(upstream smm_app \{)[^{}]*(\})", lambda m: m.group(1) + "\n" + servers + m.group(2), site
    )
    site, listens = re.subn(r"listen 443 ssl deferred;", f"listen {HOST}:{port} deferred;", site)
    site = re.sub(r"\n\s*listen \[::\]:443 ssl deferred;", "", site)
    site = re.sub(r"\n\s*ssl_certificate(_key)? [^;]+;", "", site)
    site = re.sub(r"server_name [^;]+;", "server_name localhost;", site)
    site, aliases = re.subn(r"alias [^;]+;", f"alias {STATIC}/;", site)
    site, caches = re.subn(r"proxy_cache_path \S+", f"proxy_cache_path {prefix}/cache", site)
    if (redirects, upstreams, listens, aliases, caches) != (1, 1, 1, 1, 1):
        raise RuntimeError(f"{source} no longer has the shape the harness expects")
    # Started as root (CI), nginx's workers would run as nobody, who cannot enter a test's
    # private temporary folder (its cache and temp files live there): they run as root.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    return MAIN.format(prefix=prefix, site=site, user=user)


def _wait_port(port: int, timeout: float, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen on {HOST}:{port} within {timeout:g} s")


def _end(process: subprocess.Popen | None, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Signal a process's group (its session), wait, SIGKILL the group if it lingers."""
    if process is None or process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    # Whatever of the group outlived its leader (renderers) goes too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _popen(command: list[str], log: Path, **options) -> subprocess.Popen:
    """Start `command` in a session of its own, its output appended to `log`."""
    with open(log, "ab") as out:
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **options,
        )


class Nginx:
    """nginx from deploy/nginx.conf on a free loopback port, in a temporary prefix."""

    def __init__(self, prefix: Path, nodes: list[int]):
        self.prefix = prefix
        self.port = free_port()
        self.nodes = nodes
        self.process: subprocess.Popen | None = None

    @property
    def conf(self) -> Path:
        return self.prefix / "nginx.conf"

    def start(self) -> None:
        for sub in ("tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
            (self.prefix / sub).mkdir(parents=True, exist_ok=True)
        self.conf.write_text(nginx_config(self.prefix, self.port, self.nodes))
        command = [NGINX, "-p", str(self.prefix), "-c", str(self.conf)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
        if check.returncode:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = _popen([*command, "-g", "daemon off;"], self.prefix / "stderr.log")
        _wait_port(self.port, 20, self.process, "nginx")

    def stop(self) -> None:
        _end(self.process, signal.SIGQUIT)  # nginx's graceful stop

    def access_log(self) -> str:
        path = self.prefix / "access.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""


class Redis:
    """redis-server on a free loopback port, its files in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [
            REDIS, "--bind", HOST, "--port", str(self.port), "--dir", str(self.folder),
            "--save", "", "--appendonly", "yes", "--appendfsync", "everysec",
            "--protected-mode", "yes", "--daemonize", "no",
        ]  # fmt: skip
        self.process = _popen(command, self.folder / "redis.log")
        _wait_port(self.port, 20, self.process, "redis-server")

    def stop(self) -> None:
        _end(self.process)


def worker_command_exists() -> bool:
    """Whether this code has the queue consumer, `flask --app app worker`."""
    done = subprocess.run(
        [str(FLASK), "--app", "app", "worker", "--help"],
        cwd=ROOT,
        env={**os.environ, "APP_ENV": "development"},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode == 0


class QueueWorker:
    """`flask --app app worker`, restartable; SIGKILL with kill()."""

    def __init__(self, env: dict[str, str], log_dir: Path):
        self.env = {**os.environ, **env}
        self.log_dir = log_dir
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.process = _popen(
            [str(FLASK), "--app", "app", "worker"],
            self.log_dir / f"worker-{self.starts}.log",
            cwd=ROOT,
            env=self.env,
        )
        time.sleep(0.5)
        if self.process.poll() is not None:
            raise RuntimeError(f"the queue worker exited; see {self.log_dir}")

    def kill(self) -> None:
        _end(self.process, signal.SIGKILL)

    def stop(self) -> None:
        _end(self.process)

    def logs(self) -> str:
        return "".join(
            p.read_text(errors="replace") for p in sorted(self.log_dir.glob("worker-*.log"))
        )


class Cluster:
    """`nodes` gunicorn app nodes behind nginx, Redis, and the queue worker if there is one."""

    def __init__(
        self,
        tmp: Path,
        database_url: str,
        *,
        nodes: int = 2,
        workers: int | None = None,
        extra_env: dict[str, str] | None = None,
        queue_worker: bool | None = None,
    ):
        self.tmp = tmp
        self.redis = Redis(tmp / "redis")
        self.env = {
            "APP_ENV": "production",
            "PYTHONFAULTHANDLER": "1",
            "SECRET_KEY": secrets.token_hex(32),
            "DATABASE_URL": database_url,
            "REDIS_URL": self.redis.url,
            "EXPORT_CACHE_DIR": str(tmp / "export-cache"),
            # nginx on this machine is the one trusted proxy.
            "TRUSTED_PROXIES": "1",
            **(extra_env or {}),
        }
        self.nodes = [
            Server(
                {**self.env, "INSTANCE_PATH": str(tmp / f"node-{n}")},
                tmp / f"node-{n}" / "logs",
                workers=workers,
                name=f"node-{n}",
            )
            for n in range(nodes)
        ]
        self.nginx = Nginx(tmp / "nginx", [node.port for node in self.nodes])
        self.has_worker = worker_command_exists() if queue_worker is None else queue_worker
        self.worker = QueueWorker(
            {**self.env, "INSTANCE_PATH": str(tmp / "worker")}, tmp / "worker" / "logs"
        )

    @property
    def port(self) -> int:
        """Where clients go: nginx."""
        return self.nginx.port

    def start(self) -> None:
        try:
            self.redis.start()
            for n, node in enumerate(self.nodes):
                node.start(migrate=n == 0)
            self.nginx.start()
            if self.has_worker:
                self.worker.start()
            self.wait_ready(30)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
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
        raise RuntimeError(f"nginx did not answer /healthz within {timeout:g} s")

    def _groups(self) -> list[int | None]:
        others = (self.nginx.process, self.worker.process, self.redis.process)
        return [node.pgid for node in self.nodes] + [p.pid if p else None for p in others]

    def cpu_seconds(self) -> float:
        """CPU time of every process of the installation: nodes, nginx, worker, Redis."""
        return sum(group_cpu_seconds(pgid) for pgid in self._groups())

    def pids(self) -> list[int]:
        return [pid for pgid in self._groups() for pid in group_pids(pgid)]

    @property
    def command(self) -> list[str]:
        return self.nodes[0].command

    def logs(self) -> str:
        return "".join(node.logs() for node in self.nodes) + self.worker.logs()

    def stop(self) -> None:
        self.worker.stop()
        self.nginx.stop()
        for node in self.nodes:
            with contextlib.suppress(Exception):
                node.stop()
        self.redis.stop()

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def tools_missing() -> list[str]:
    """The outside programs the cluster needs that this machine lacks."""
    return [path for path in (NGINX, REDIS) if not shutil.which(path)]
