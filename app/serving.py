"""The production web worker: gunicorn's sync worker that lets a waiting request step aside.

gunicorn's sync worker serves one request at a time per process and takes the next
connection only when it is free: the connections wait in the listening socket's queue,
which every worker process shares, so each request goes to the first free process in
arrival order and then runs undisturbed. Under load that keeps the latency of pages
even (a threaded worker instead takes every connection it can, one process ends up
with more requests than the other, and they all share its interpreter lock). Its
weakness is a request that waits a long time on something else: a PDF download queued
for a render slot would hold its process, and a few downloads would shut pages out.

This worker is the sync worker with a hand-off (the leader/followers pattern): the
thread that accepts connections serves each request itself, and when a request starts
waiting on another process (`app.admission.waiting_outside`, around a PDF render) its
thread hands the accepting over to another thread and finishes the request when the
wait is over. At most `--threads` threads per process; when all of them wait, the
process stops accepting and the other processes serve the queue.

Like any sync worker it is meant to run behind a reverse proxy that buffers requests
(nginx or similar): a client that sends its request slowly holds a process meanwhile.

Used by `make serve`: `--worker-class app.serving.HandoffWorker`.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import queue
import selectors
import socket
import ssl
import threading
import time

from gunicorn import http, sock, util
from gunicorn.http.body import LengthReader
from gunicorn.workers.sync import SyncWorker

from app import admission

# After this many requests the process's caches (compiled templates and queries) are
# warm; what exists then lives as long as the process.
WARM_REQUESTS = 200
# A TCP connection reaches accept() only once its first bytes arrived, or after this
# many seconds (Linux TCP_DEFER_ACCEPT; nginx's "deferred"): see _defer_accept.
DEFER_ACCEPT_SECONDS = 10


class _HandedOff(Exception):
    """Raised out of the accept loop of a thread that is no longer the one accepting."""


class LingeringCloser:
    """Closes answered connections the way RFC 9112 (section 9.6) asks, off the request path.

    gunicorn's sync worker half-closes a connection after the response and then reads
    until the client closes its side (so unread request bytes cannot make the kernel
    reset the connection and cut the response short). That wait is for the client to
    be scheduled: on a busy machine it kept the worker idle for a few milliseconds per
    request while requests queued. Here the worker sends its FIN and goes on; one
    thread per process drains and closes the connections (2 s and 64 KiB at most each).

    Most connections need none of that: when the request was read whole and nothing
    more waits in the socket, closing it cannot reset it, and it is closed at once.
    """

    TIMEOUT = 2.0
    MAX_DRAIN = 65536

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._wake_r, self._wake_w = os.pipe()
        os.set_blocking(self._wake_r, False)
        os.set_blocking(self._wake_w, False)
        threading.Thread(target=self._run, name="lingering-close", daemon=True).start()

    def close(self, client: socket.socket, request_read: bool = False) -> None:
        """Close an answered connection (`request_read`: its request, body included,
        was read to the end)."""
        if request_read and not self._unread(client):
            util.close(client)
            return
        try:
            client.shutdown(socket.SHUT_WR)
        except OSError:
            util.close(client)
            return
        self._queue.put(client)
        # A full pipe means wake-ups are pending already: the thread will see the queue.
        with contextlib.suppress(BlockingIOError):
            os.write(self._wake_w, b"\0")

    @staticmethod
    def _unread(client: socket.socket) -> bool:
        """Whether the client sent anything the server has not read (or the answer is
        unknown); the end of the client's stream counts as nothing."""
        try:
            return bool(client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT))
        except BlockingIOError:
            return False
        except OSError:
            return True

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        selector.register(self._wake_r, selectors.EVENT_READ)
        pending: dict[socket.socket, list] = {}  # socket -> [deadline, bytes drained]
        while True:
            now = time.monotonic()
            for client, (deadline, _) in list(pending.items()):
                if deadline <= now:
                    self._done(selector, pending, client)
            timeout = min((d for d, _ in pending.values()), default=now + 60) - now
            for key, _ in selector.select(max(0.0, timeout)):
                if key.fileobj == self._wake_r:
                    with contextlib.suppress(BlockingIOError):
                        os.read(self._wake_r, 4096)
                    while True:
                        try:
                            client = self._queue.get_nowait()
                        except queue.Empty:
                            break
                        try:
                            client.setblocking(False)
                            selector.register(client, selectors.EVENT_READ)
                        except (OSError, ValueError):
                            util.close(client)
                            continue
                        pending[client] = [time.monotonic() + self.TIMEOUT, 0]
                    continue
                client = key.fileobj
                try:
                    data = client.recv(4096)
                except BlockingIOError:
                    continue
                except OSError:
                    data = b""
                pending[client][1] += len(data)
                if not data or pending[client][1] >= self.MAX_DRAIN:
                    self._done(selector, pending, client)

    @staticmethod
    def _done(selector, pending, client) -> None:
        pending.pop(client, None)
        with contextlib.suppress(KeyError, ValueError):
            selector.unregister(client)
        util.close(client)


def _read_whole(req: http.Request) -> bool:
    """Whether the request's body (none, or one of a declared length) was read to the end."""
    reader = getattr(req.body, "reader", None)
    return isinstance(reader, LengthReader) and reader.length == 0


class HandoffWorker(SyncWorker):
    """A sync worker whose waiting requests let another thread accept (see above)."""

    def init_process(self) -> None:
        self._lead = threading.Lock()  # held by the thread that accepts
        self._local = threading.local()
        self._count_lock = threading.Lock()
        self._threads = 1  # threads of this worker, the main one included
        self._followers = 0  # threads waiting to accept
        self._serving = 0  # requests in progress (the graceful stop waits for them)
        self._max_threads = max(1, self.cfg.threads)
        self._closer = LingeringCloser()
        admission.set_hook(self._leave)
        self._defer_accept()
        super().init_process()

    def _defer_accept(self) -> None:
        """Have the kernel hold a new connection until its request starts to arrive.

        A sync worker reads the request of the connection it accepted before it takes
        another. A client that opens a connection and sends later (a browser's
        preconnect, a paced client) would hold the process meanwhile while requests
        that did arrive queue behind it; with TCP_DEFER_ACCEPT the kernel keeps such a
        connection out of the accept queue, so the processes take the ones they can
        serve at once. Not available on every system (nor for Unix sockets): then as
        before."""
        option = getattr(socket, "TCP_DEFER_ACCEPT", None)
        if option is None:
            return
        for listener in self.sockets:
            if listener.FAMILY in (socket.AF_INET, socket.AF_INET6):
                with contextlib.suppress(OSError):
                    listener.setsockopt(socket.IPPROTO_TCP, option, DEFER_ACCEPT_SECONDS)

    def load_wsgi(self) -> None:
        super().load_wsgi()
        self._freeze()

    @staticmethod
    def _freeze() -> None:
        """Move every object alive now out of the garbage collector's reach: the app, the
        role catalog, the caches live as long as the process, and a full collection
        walking them all stalls a random request for tens of milliseconds."""
        gc.collect()
        gc.freeze()

    # --- the accept loop, run by one thread at a time -------------------------------------

    def run(self) -> None:
        for listener in self.sockets:
            listener.setblocking(False)
        self._follow()
        # Stopping: requests that stepped aside finish within the graceful timeout.
        deadline = time.monotonic() + self.cfg.graceful_timeout
        while self._serving and time.monotonic() < deadline:
            time.sleep(0.05)

    def _follow(self) -> None:
        """Wait to be the accepting thread, accept until handed off, then wait again."""
        timeout = self.timeout or 0.5
        while self.alive:
            with self._count_lock:
                self._followers += 1
            try:
                got = self._lead.acquire(timeout=1.0)
            finally:
                with self._count_lock:
                    self._followers -= 1
            if not got:
                continue
            self._local.leading = True
            try:
                if len(self.sockets) > 1:
                    self.run_for_multiple(timeout)
                else:
                    self.run_for_one(timeout)
            except _HandedOff:
                continue
            finally:
                if getattr(self._local, "leading", False):
                    self._local.leading = False
                    self._lead.release()
            return  # the loop ended: the worker is stopping

    def _follower_thread(self) -> None:
        try:
            self._follow()
        finally:
            with self._count_lock:
                self._threads -= 1

    def accept(self, listener) -> None:
        with self._count_lock:
            self._serving += 1
        try:
            super().accept(listener)
        finally:
            with self._count_lock:
                self._serving -= 1
        if self.nr == WARM_REQUESTS:
            self._freeze()
        if not getattr(self._local, "leading", False):
            raise _HandedOff  # this request stepped aside; another thread accepts now

    def handle(self, listener, client, addr) -> None:
        """SyncWorker.handle (gunicorn 27), closing the connection through the closer."""
        req = None
        try:
            if self.cfg.is_ssl:
                client = sock.ssl_wrap_socket(client, self.cfg)
            parser = http.get_parser(self.cfg, client, addr)
            req = next(parser)
            self.handle_request(listener, req, client, addr)
        except http.errors.NoMoreData as e:
            self.log.debug("Ignored premature client disconnection. %s", e)
        except StopIteration as e:
            self.log.debug("Closing connection. %s", e)
        except ssl.SSLError as e:
            if e.args[0] == ssl.SSL_ERROR_EOF:
                self.log.debug("ssl connection closed")
                client.close()
            else:
                self.log.debug("Error processing SSL request.")
                self.handle_error(req, client, addr, e)
        except OSError as e:
            if e.errno not in (errno.EPIPE, errno.ECONNRESET, errno.ENOTCONN):
                self.log.exception("Socket error processing request.")
            else:
                self.log.debug("Ignoring socket error %s", e.errno)
        except BaseException as e:
            self.handle_error(req, client, addr, e)
        finally:
            self._closer.close(client, req is not None and _read_whole(req))

    # --- the hook of app.admission -----------------------------------------------------------

    def _leave(self) -> None:
        """The current request waits on another process: hand the accepting over."""
        if not getattr(self._local, "leading", False):
            return
        with self._count_lock:
            if not self._followers and self._threads >= self._max_threads:
                return  # no thread to hand over to: this one keeps the process's turn
            start = not self._followers
            if start:
                self._threads += 1
        self._local.leading = False
        if start:
            threading.Thread(target=self._follower_thread, daemon=True).start()
        self._lead.release()
