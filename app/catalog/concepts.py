"""Concept definitions: lemma rules, tool names and context rules (pure)."""
