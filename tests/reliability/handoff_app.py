"""A WSGI app for the web worker's tests: requests that wait inside or outside."""

from __future__ import annotations

import time
from urllib.parse import parse_qs

from app import admission


def app(environ, start_response):
    seconds = float(parse_qs(environ.get("QUERY_STRING", "")).get("s", ["0"])[0])
    path = environ.get("PATH_INFO", "")
    if path == "/outside":  # waits on "another process", stepping aside
        with admission.waiting_outside():
            time.sleep(seconds)
    elif path == "/inside":  # keeps its turn while it waits
        time.sleep(seconds)
    body = path.encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
