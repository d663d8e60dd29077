"""Requests that wait outside the interpreter tell the web server so.

The production web worker (app/serving.py) takes a new connection only while fewer
than its quota of requests are running; connections beyond that wait in the kernel's
queue, shared by all worker processes, and go to whichever process is free first. A
request that waits for work done in another process (a PDF render) is not running:
`waiting_outside` takes it out of the count for that time, so downloads queued for a
render slot do not hold page requests up. Under any other server (the development
server, the test client) this is a no-op.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

_leave: Callable[[], None] | None = None


def set_hook(leave: Callable[[], None] | None) -> None:
    """Installed by the web worker of this process: called when a request starts waiting
    outside the interpreter (None: uninstall). The request goes on in its own thread
    when the wait is over; the worker needs no word of that."""
    global _leave
    _leave = leave


@contextmanager
def waiting_outside() -> Iterator[None]:
    """The block waits on another process; the server may start another request."""
    if _leave is not None:
        _leave()
    yield
