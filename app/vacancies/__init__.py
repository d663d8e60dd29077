"""Vacancies: the form, composition from the catalog, checks, search and the list.

The blueprint's routes are in views and analyze_views. The application factory imports
each of them before it registers the blueprint.
"""

from flask import Blueprint

bp = Blueprint("vacancies", __name__, url_prefix="/vacancies")
