"""Load test of the production server: `make load` (or `python -m bench.load`)."""
