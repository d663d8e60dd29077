"""gunicorn settings of `make serve`: stock gunicorn behind nginx (deploy/nginx.conf).

Why these values (measured with `make load`, see bench/README.md "Serving"):
- gthread, one process per CPU, a few threads each: a PDF download may wait for its
  render (seconds); a thread waits, the process goes on serving pages. More processes
  than CPUs only added context switches.
- No keep-alive: nginx speaks HTTP/1.0 to the app and opens a connection per request,
  so every request goes to whichever process accepts it first.
- Client addresses and https come from X-Forwarded-For/-Proto through the app's ProxyFix
  (TRUSTED_PROXIES), not through gunicorn: gunicorn trusts no forwarding header here.
"""

import gc
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
keepalive = 0
timeout = 60
graceful_timeout = 30
# A new worker starts cold (its first seconds of pages are slow): replace rarely.
max_requests = 100_000
max_requests_jitter = 10_000
forwarded_allow_ips = ""
# Run from the repository, the app's own directory.
chdir = os.path.dirname(os.path.abspath(__file__))
wsgi_app = "app:create_app()"


def post_worker_init(worker):
    """The app, the catalog and the long-lived caches exist now: move them out of the
    collector's reach, so a full collection does not walk them inside a request."""
    gc.collect()
    gc.freeze()
