"""Accounts: organizations, users, sign-in, invitations and password links, two-factor.

The blueprint's routes are in views, link_views and twofactor_views. The application
factory imports each of them before it registers the blueprint.
"""

from flask import Blueprint

bp = Blueprint("accounts", __name__)
