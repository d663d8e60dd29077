"""The domain: plain Python with no Flask, WTForms or SQLAlchemy import.

The role catalog, vacancy composition and checks, probation rules, scoring and
charts. It imports nothing else of the app; services, views and the API import
it (import-linter keeps it so, and CI runs its unit tests without Flask).
"""
