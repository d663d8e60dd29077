"""Vacancies: the draft, its composition into a document, validation and the checks."""
