"""`flask worker`: the queue consumer (renders, archives, exports)."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext


@click.command("worker")
@click.option(
    "--threads", type=int, default=None, help="Jobs at a time (default: RENDER_PROCESSES)."
)
@with_appcontext
def worker_command(threads: int | None) -> None:
    """Run background jobs until stopped (Ctrl-C or SIGTERM finish the running ones)."""
    from app.exports.worker import configure_pool
    from app.extensions import db
    from app.jobs.queue import Maintenance, sweep

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    if app.config.get("JOBS_EAGER"):
        raise click.ClickException("JOBS_EAGER is set: jobs run in the web process.")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    size = threads or int(app.config["RENDER_PROCESSES"])
    # One warm render process per job thread, each with the memory limit.
    configure_pool(size, memory_limit_mb=int(app.config["RENDER_MEMORY_LIMIT_MB"]), start=True)
    sweep(app)  # what a previous worker left half-done starts again now
    db.session.remove()
    maintenance = Maintenance(app, interval=5.0)
    maintenance.start()
    huey = app.extensions["smm.huey"]
    consumer = huey.create_consumer(workers=size, worker_type="thread", periodic=False)
    click.echo(f"worker: {size} threads, queue {type(huey.storage).__name__}")
    try:
        consumer.run()
    finally:
        maintenance.stopping.set()
