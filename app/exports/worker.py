"""PDF and DOCX renders in a few long-lived processes, with time, size and memory limits.

The queue worker (`flask worker`, app/jobs) owns the pool; web processes never render
PDF or DOCX (tests, with jobs run eagerly, do). Each render process imports WeasyPrint,
loads the fonts and parses the print CSS once, then serves renders one at a time over a
pipe. A render that overruns its time limit gets its process killed (the only way to
stop a layout loop) and a fresh one is started for the next render; an address-space
limit (RLIMIT_AS, RENDER_MEMORY_LIMIT_MB) turns a runaway allocation into a readable
failure. Processes are started through the "forkserver" context: forking a threaded
parent directly is unsafe.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import fields
from multiprocessing.connection import Connection
from typing import Any

from app.domain.vacancies.document import VacancyDocument

RENDER_TIMEOUT = 20.0
DEFAULT_CONCURRENCY = 2
DEFAULT_MEMORY_LIMIT_MB = 1024  # RENDER_MEMORY_LIMIT_MB in the worker
MAX_DOCUMENT_CHARS = 100_000
# Per-field bounds, far above any real vacancy; the forms should enforce the same.
MAX_LINE_CHARS = 500  # title, organization, role title, location
MAX_ITEM_CHARS = 2_000  # one duty, requirement, skill or goal
MAX_ITEMS = 100  # per list
# Trusted templates only; a logo data: URI (2 MB cap) is the largest legitimate part.
MAX_HTML_CHARS = 4_000_000
# Recycling bounds whatever a long-running worker might accumulate.
MAX_JOBS_PER_WORKER = 500


class RenderError(Exception):
    """A render that could not produce a file; the message can be shown to the user."""

    def __init__(self, message: str, *, code: str = "failed", detail: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.detail = detail


class RenderTimeout(RenderError):
    """A render that did not finish within its time limit."""


def document_chars(doc: VacancyDocument) -> int:
    """Total characters of the document's text fields (the logo is not text)."""
    total = 0
    for field in fields(doc):
        if field.name == "lines":  # the same text again, as the checks read it
            continue
        value = getattr(doc, field.name)
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, tuple):
            for item in value:
                total += len(item.text if hasattr(item, "text") else item)
    return total


def check_document_size(doc: VacancyDocument) -> None:
    """Raise RenderError when the document or one of its fields is over the size limits."""
    size = document_chars(doc)
    if size > MAX_DOCUMENT_CHARS:
        raise RenderError(
            f"Документ слишком большой: {size:,} символов при пределе "
            f"{MAX_DOCUMENT_CHARS:,}. Сократите текст вакансии.".replace(",", "\u00a0"),
            code="too_large",
        )
    lines = (doc.title, doc.organization, doc.role_title, doc.location)
    lists = (doc.duties, doc.requirements, doc.skills, tuple(g.text for g in doc.goals))
    if (
        any(len(line) > MAX_LINE_CHARS for line in lines)
        or any(len(items) > MAX_ITEMS for items in lists)
        or any(len(item) > MAX_ITEM_CHARS for items in lists for item in items)
    ):
        raise RenderError(
            "Документ слишком большой: одно из полей длиннее допустимого. "
            "Сократите название, пункты списков или число пунктов.",
            code="too_large",
        )


def _limit_memory(megabytes: int) -> None:
    """Cap this process's address space: an allocation past it fails (MemoryError),
    so a runaway layout or a decompression bomb ends the render, not the machine."""
    if megabytes > 0:
        limit = megabytes * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _render_docx(doc: VacancyDocument) -> bytes:
    from app.exports.docx import render_docx

    return render_docx(doc)


def _worker_main(conn: Connection, memory_limit_mb: int = 0) -> None:
    """Worker loop: warm up, then run (job, args, kwargs) messages until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    from app.exports import pdf

    jobs: dict[str, Callable[..., Any]] = {
        "render_pdf": pdf.render_pdf,
        "html_to_pdf": pdf.html_to_pdf,
        "render_docx": _render_docx,
    }
    # A failure here shows up again, with its message, in the first real render.
    with contextlib.suppress(Exception):
        pdf.warm_up()
    # Fonts, stylesheets and modules live as long as the worker: keep them out of the
    # collector's full passes, which would otherwise walk them (about 70 ms) every time.
    gc.collect()
    gc.freeze()
    # Under load the scheduler should favour the web process's page requests. The
    # warm-up above (about a second, once per worker) ran at normal priority: at a lower
    # one a busy server could stretch it past the render time limit.
    with contextlib.suppress(OSError):
        os.nice(5)
    _limit_memory(memory_limit_mb)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        name, args, kwargs = message
        try:
            reply: tuple[str, Any] = ("ok", jobs[name](*args, **kwargs))
        except MemoryError:
            reply = ("memory", "MemoryError")
        except Exception as error:
            reply = ("error", f"{type(error).__name__}: {error}"[:500])
        try:
            conn.send(reply)
        except MemoryError:
            return  # too little memory left even to answer: the parent sees the exit


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, context: Any, memory_limit_mb: int = 0) -> None:
        self.conn, child_conn = context.Pipe()
        self.process = context.Process(
            target=_worker_main,
            args=(child_conn, memory_limit_mb),
            name="pdf-render",
            daemon=True,
        )
        self.process.start()
        child_conn.close()
        self.jobs = 0
        self.ready = False  # True once the worker said it has warmed up
        self.waited = False

    def stop(self) -> None:
        """Ask the worker to exit, killing it if it does not."""
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        """End the process now (it may be stuck in a render)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class RenderPool:
    """Up to `size` warm worker processes; at most `size` renders at a time."""

    def __init__(
        self,
        size: int = DEFAULT_CONCURRENCY,
        *,
        start_method: str = "forkserver",
        memory_limit_mb: int = 0,
    ) -> None:
        self.size = max(1, size)
        self.memory_limit_mb = memory_limit_mb
        self._context = multiprocessing.get_context(start_method)
        self._slots = threading.BoundedSemaphore(self.size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the workers ahead of the first render (they warm up in the background)."""
        with self._lock:
            while len(self._idle) < self.size:
                self._idle.append(_Worker(self._context, self.memory_limit_mb))

    def run(self, job: str, args: tuple[Any, ...], kwargs: dict[str, Any], timeout: float) -> bytes:
        """Run a job in a worker and return its bytes, or raise RenderTimeout/RenderError."""
        deadline = time.monotonic() + timeout
        if not self._slots.acquire(timeout=max(0.0, timeout)):
            raise RenderTimeout(
                "Сервер занят формированием других PDF. Попробуйте через минуту.", code="busy"
            )
        try:
            # A worker still starting up (a new web process's first render: importing
            # WeasyPrint, loading fonts) is waited for with its own time limit, and so
            # is the render after it.
            worker = self._ready_worker(deadline, timeout)
            deadline = max(deadline, time.monotonic() + timeout) if worker.waited else deadline
            return self._run_in_worker(worker, job, args, kwargs, deadline, timeout)
        finally:
            self._slots.release()

    def _ready_worker(self, deadline: float, timeout: float) -> _Worker:
        """An idle worker (a new one if none), once it has warmed up (`waited`: whether
        this call waited for that)."""
        with self._lock:
            worker = self._idle.pop() if self._idle else None
        worker = worker or _Worker(self._context, self.memory_limit_mb)
        worker.waited = False
        if worker.ready:
            return worker
        try:
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.conn.recv()  # ("ready", None), sent once after the warm-up
                worker.ready = worker.waited = True
                return worker
        except (EOFError, OSError) as error:
            worker.kill()
            self._replace()
            raise RenderError("Не удалось сформировать PDF.", detail=repr(error)) from error
        with self._lock:
            self._idle.append(worker)  # still warming up: the next render gets it sooner
        raise RenderTimeout(
            f"PDF не успел сформироваться за {timeout:g} с. Попробуйте ещё раз.", code="timeout"
        )

    def _run_in_worker(
        self,
        worker: _Worker,
        job: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        deadline: float,
        timeout: float,
    ) -> bytes:
        try:
            worker.conn.send((job, args, kwargs))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                worker.kill()
                self._replace()
                raise RenderTimeout(
                    f"PDF не успел сформироваться за {timeout:g} с. "
                    "Попробуйте ещё раз или сократите текст вакансии.",
                    code="timeout",
                )
            status, value = worker.conn.recv()
        except (EOFError, OSError) as error:
            worker.kill()
            self._replace()
            raise RenderError("Не удалось сформировать PDF.", detail=repr(error)) from error
        worker.jobs += 1
        if status == "memory" or worker.jobs >= MAX_JOBS_PER_WORKER:
            # After a MemoryError, whatever it holds now: a fresh process starts clean.
            worker.stop()
            if status == "memory":
                self._replace()
        else:
            with self._lock:
                self._idle.append(worker)
        if status == "memory":
            raise RenderError(
                "Документу нужно больше памяти, чем разрешено. Сократите текст или "
                "замените логотип на меньший.",
                code="memory",
                detail=str(value),
            )
        if status != "ok":
            raise RenderError("Не удалось сформировать PDF.", detail=str(value))
        return value

    def _replace(self) -> None:
        """Start a fresh worker for a killed one, so the next render finds it warm."""
        with self._lock:
            if len(self._idle) < self.size:
                self._idle.append(_Worker(self._context, self.memory_limit_mb))

    def close(self) -> None:
        """Stop the idle workers."""
        with self._lock:
            workers, self._idle = self._idle, []
        for worker in workers:
            worker.stop()


_pool: RenderPool | None = None
_pool_pid = 0
_pool_lock = threading.Lock()


def configure_pool(
    size: int = DEFAULT_CONCURRENCY, *, memory_limit_mb: int = 0, start: bool = False
) -> RenderPool:
    """Replace this process's pool (the queue worker: one per job thread, with the
    memory limit)."""
    global _pool, _pool_pid
    with _pool_lock:
        if _pool is not None and _pool_pid == os.getpid():
            _pool.close()
        _pool, _pool_pid = RenderPool(size, memory_limit_mb=memory_limit_mb), os.getpid()
    if start:
        _pool.start()
    return _pool


def get_pool() -> RenderPool:
    """This process's pool, created on first use (and again after a fork)."""
    global _pool, _pool_pid
    with _pool_lock:
        if _pool is None or _pool_pid != os.getpid():
            # Checked and created under the lock: two threads of a threaded web worker
            # asking at once must not both start a pool.
            _pool, _pool_pid = RenderPool(memory_limit_mb=DEFAULT_MEMORY_LIMIT_MB), os.getpid()
        return _pool


def render_pdf_safely(doc: VacancyDocument, timeout: float = RENDER_TIMEOUT) -> bytes:
    """The vacancy as PDF, rendered in a worker within `timeout` seconds."""
    check_document_size(doc)
    return get_pool().run("render_pdf", (doc,), {}, timeout)


def render_docx_safely(doc: VacancyDocument, timeout: float = RENDER_TIMEOUT) -> bytes:
    """The vacancy as DOCX, made in a worker within `timeout` seconds."""
    check_document_size(doc)
    return get_pool().run("render_docx", (doc,), {}, timeout)


def html_to_pdf_safely(
    html: str, *, title: str, author: str, lang: str, timeout: float = RENDER_TIMEOUT
) -> bytes:
    """html_to_pdf in a worker within `timeout` seconds (for other printable documents)."""
    if len(html) > MAX_HTML_CHARS:
        raise RenderError("Документ слишком большой для PDF.", code="too_large")
    kwargs = {"title": title, "author": author, "lang": lang}
    return get_pool().run("html_to_pdf", (html,), kwargs, timeout)
