"""Probation: trial plans, candidates, ratings, scores and verdicts.

The blueprint's routes are in views (plans), item_views, candidate_views, report_views
and notice_views; what they share is in web. The application factory imports each of
them before it registers the blueprint.
"""

from flask import Blueprint

bp = Blueprint("probation", __name__, url_prefix="/probation")
