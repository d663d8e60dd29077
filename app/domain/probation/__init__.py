"""Probation: the law on periods, plan input rules, scoring, verdict charts and the notice."""
