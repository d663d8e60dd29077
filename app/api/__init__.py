"""JSON API v1: personal tokens, the operations, and the OpenAPI document built from them.

The blueprint's operations are in the modules app.api.routes imports; the application
factory imports it before it registers the blueprint.
"""

from flask import Blueprint

from app.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
