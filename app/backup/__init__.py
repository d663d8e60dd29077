"""Backup and restore: one organization as a JSON document, and whole-database copies."""

FORMAT = "smm-hiring-desk/org-export"
VERSION = 1
