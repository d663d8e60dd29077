"""The production web worker (app/serving.py) under real gunicorn.

One request at a time per process, the next connection taken only when free; a request
waiting outside the interpreter (a PDF render) lets another thread take connections,
up to --threads; a graceful stop lets such a request finish. The waits are seconds
long and the bounds generous: what is checked is the order of events, not speed.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path, threads: int):
        self.port = free_port()
        self.log = tmp / "gunicorn.log"
        self.log_file = self.log.open("w")
        cmd = [
            sys.executable, "-m", "gunicorn", "--workers", "1",
            "--worker-class", "app.serving.HandoffWorker", "--threads", str(threads),
            "--bind", f"127.0.0.1:{self.port}", "--graceful-timeout", "10",
            "tests.reliability.handoff_app:app",
        ]  # fmt: skip
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, stdout=self.log_file, stderr=subprocess.STDOUT,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/inside")
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(self.log.read_text())

    def get(self, path: str) -> tuple[int, float]:
        started = time.monotonic()
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            return response.status, time.monotonic() - started

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log_file.close()


@pytest.fixture
def server_factory(tmp_path):
    servers = []

    def start(threads: int) -> Server:
        servers.append(Server(tmp_path, threads))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def in_background(server: Server, path: str, results: list) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(server.get(path)), daemon=True)
    thread.start()
    return thread


def test_a_request_that_keeps_its_turn_holds_the_next_one_back(server_factory):
    server = server_factory(threads=4)
    results: list = []
    slow = in_background(server, "/inside?s=1.5", results)
    time.sleep(0.3)
    status, elapsed = server.get("/inside")
    slow.join()
    assert status == 200 and results[0][0] == 200
    assert elapsed > 0.8  # waited in the socket's queue for the first request


def test_requests_waiting_outside_let_the_others_through(server_factory):
    server = server_factory(threads=4)
    results: list = []
    waiting = [in_background(server, "/outside?s=3", results) for _ in range(3)]
    time.sleep(0.5)
    for _ in range(5):
        status, elapsed = server.get("/inside")
        assert status == 200
        assert elapsed < 1.5  # not behind the three waiting requests
    for thread in waiting:
        thread.join()
    assert [status for status, _ in results] == [200, 200, 200]


def test_when_every_thread_waits_the_process_stops_taking_connections(server_factory):
    server = server_factory(threads=2)
    results: list = []
    waiting = [in_background(server, "/outside?s=2", results) for _ in range(2)]
    time.sleep(0.5)
    status, elapsed = server.get("/inside")
    assert status == 200
    assert elapsed > 1.0  # both threads were waiting: it was taken when one finished
    for thread in waiting:
        thread.join()
    assert [status for status, _ in results] == [200, 200]


def test_a_graceful_stop_lets_a_waiting_request_finish(server_factory):
    server = server_factory(threads=4)
    results: list = []
    waiting = in_background(server, "/outside?s=2", results)
    time.sleep(0.5)
    server.proc.send_signal(signal.SIGTERM)
    waiting.join()
    assert results and results[0][0] == 200
    assert server.proc.wait(20) == 0


def test_the_response_arrives_whole_when_the_app_left_request_bytes_unread(server_factory):
    # The app never reads the body: the connection is closed by the lingering closer
    # (FIN first, then the unread bytes drained), so the client still gets every byte
    # of the response and then the end of the stream.
    server = server_factory(threads=2)
    body = b"x" * 30_000
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as conn:
        conn.sendall(
            b"POST /inside HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
            + body
        )
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    head, _, payload = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert payload == b"/inside"


@pytest.mark.skipif(not hasattr(socket, "TCP_DEFER_ACCEPT"), reason="Linux TCP option")
def test_a_connection_that_has_sent_nothing_yet_holds_no_one_back(server_factory):
    # Browsers open connections ahead of their requests. The kernel keeps such a
    # connection out of the accept queue until its request arrives (TCP_DEFER_ACCEPT),
    # so the one-at-a-time process serves the requests that did arrive meanwhile.
    server = server_factory(threads=1)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as idle:
        time.sleep(0.3)
        for _ in range(3):
            status, elapsed = server.get("/inside")
            assert status == 200
            assert elapsed < 2.0  # not stuck behind the silent connection
        # Once it speaks it is served like any other.
        idle.sendall(b"GET /inside HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
        received = b""
        while chunk := idle.recv(65536):
            received += chunk
    assert received.startswith(b"HTTP/1.1 200") and received.endswith(b"/inside")


def test_a_connection_read_whole_is_closed_at_once_else_it_lingers():
    from app.serving import LingeringCloser

    closer = LingeringCloser()
    # Read whole, nothing more sent: closed here, the peer sees the end at once.
    server, client = socket.socketpair()
    closer.close(server, request_read=True)
    assert server.fileno() == -1
    client.settimeout(5)
    assert client.recv(10) == b""
    client.close()
    # Bytes still unread: half-closed, then drained and closed by the closer's thread
    # (the peer gets the end of the stream first and may still send).
    for request_read in (True, False):
        server, client = socket.socketpair()
        client.sendall(b"more of the request body")
        time.sleep(0.05)
        closer.close(server, request_read=request_read)
        assert server.fileno() != -1
        client.settimeout(5)
        assert client.recv(10) == b""  # the FIN
        client.sendall(b"still sending")
        client.close()
        deadline = time.monotonic() + 5
        while server.fileno() != -1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server.fileno() == -1
