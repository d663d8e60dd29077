"""Background jobs on a task queue (huey): renders, archives, exports."""
