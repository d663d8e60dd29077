"""Where job results live: JOB_FILES_DIR (default: `jobs/` in EXPORT_CACHE_DIR), one
folder every node and the worker can read (the instance folder on one machine, a
shared directory on several). Files are private (0600) and named by a random token."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from flask import current_app

from app.jobs.models import Job


def files_dir() -> Path:
    folder = current_app.config.get("JOB_FILES_DIR") or str(
        Path(current_app.config["EXPORT_CACHE_DIR"]) / "jobs"
    )
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store_result(job: Job, data: bytes, suffix: str) -> str:
    """Write the result atomically; its file name (for job.result_file)."""
    name = f"{job.id}-{secrets.token_hex(8)}.{suffix}"
    folder = files_dir()
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".tmp-")  # created 0600
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, folder / name)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    remove_result(job)
    return name


def result_path(job: Job) -> Path | None:
    """The result file if it is still there."""
    if not job.result_file or "/" in job.result_file or job.result_file.startswith("."):
        return None
    path = files_dir() / job.result_file
    return path if path.is_file() else None


def remove_result(job: Job) -> None:
    if job.result_file and "/" not in job.result_file:
        with contextlib.suppress(OSError):
            (files_dir() / job.result_file).unlink()
    job.result_file = None
