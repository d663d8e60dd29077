"""Pages for people: API tokens of the signed-in user, and the readable API reference."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from app.api import tokens
from app.api.openapi import build_document
from app.extensions import db
from app.forms import Printable, strip_filter

tokens_bp = Blueprint("api_tokens", __name__, url_prefix="/account/tokens")
docs_bp = Blueprint("api_docs", __name__, url_prefix="/api/docs")
METHOD_ORDER = ("get", "post", "put", "delete")


class TokenForm(FlaskForm):
    """Name a new token."""

    name = StringField(
        _l("What is the token for?"),
        filters=[strip_filter],
        validators=[
            DataRequired(message=_l("This field is required.")),
            Length(max=tokens.NAME_MAX),
            Printable(),
        ],
    )


class RevokeForm(FlaskForm):
    """Only the CSRF token."""


def _tokens_page(form: TokenForm, secret: str | None = None, status: int = 200):
    """The tokens page, never cached (it may show a new token)."""
    response = make_response(
        render_template(
            "api/tokens.html",
            form=form,
            revoke=RevokeForm(),
            tokens=tokens.user_tokens(current_user),
            secret=secret,
            limit=tokens.MAX_ACTIVE_TOKENS,
        ),
        status,
    )
    return response


@tokens_bp.route("/", methods=["GET", "POST"], endpoint="index")
@login_required
def tokens_page():
    """The user's tokens; a new one is shown once, right after it is created."""
    form = TokenForm()
    if not form.validate_on_submit():
        return _tokens_page(form, status=422 if form.errors else 200)
    try:
        _token, secret = tokens.issue_token(current_user, form.name.data)
    except tokens.TokenLimitReached:
        form.name.errors = [
            _("You have %(num)d active tokens; revoke one first.", num=tokens.MAX_ACTIVE_TOKENS)
        ]
        return _tokens_page(form, status=422)
    db.session.commit()
    return _tokens_page(TokenForm(formdata=None), secret=secret, status=201)


@tokens_bp.route("/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    """Revoke one of the user's own tokens; it is refused from the next request on."""
    token = tokens.user_token(current_user, token_id)
    if token is None:
        abort(404)
    if RevokeForm().validate_on_submit():
        tokens.revoke_token(token, current_user)
        db.session.commit()
        flash(_("The token %(name)s is revoked.", name=token.name), "success")
    return redirect(url_for("api_tokens.index"))


def _number(value: float) -> str:
    from app.i18n import format_number

    return format_number(value)


def schema_type(schema: dict[str, Any]) -> str:
    """A short, readable description of a JSON Schema."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " | ".join(schema_type(s) for s in schema["anyOf"])
    kind = schema.get("type", "any")
    if "enum" in schema:
        return " | ".join("null" if v is None else str(v) for v in schema["enum"])
    if kind == "array":
        items = schema.get("items", {})
        if items.get("properties"):
            fields = ", ".join(f"{k}: {schema_type(v)}" for k, v in items["properties"].items())
            return "[{" + fields + "}]"
        return f"[{schema_type(items)}]"
    if kind == "object" and "additionalProperties" in schema and not schema.get("properties"):
        value = schema["additionalProperties"]
        return "{id: " + (schema_type(value) if isinstance(value, dict) else "any") + "}"
    limits = []
    if "maxLength" in schema:
        limits.append(f"≤ {schema['maxLength']}")
    if "minimum" in schema or "exclusiveMinimum" in schema:
        low = schema.get("minimum", schema.get("exclusiveMinimum"))
        assert low is not None  # one of the two is there
        limits.append(f"{'≥' if 'minimum' in schema else '>'} {_number(low)}")
    if "maximum" in schema:
        limits.append(f"≤ {_number(schema['maximum'])}")
    if "format" in schema:
        limits.append(schema["format"])
    return kind + (f" ({', '.join(limits)})" if limits else "")


def _operations(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Operations grouped by tag, in the document's order."""
    groups: dict[str, list[dict[str, Any]]] = {tag["name"]: [] for tag in document["tags"]}
    for path, methods in document["paths"].items():
        for method in sorted(methods, key=METHOD_ORDER.index):
            op = methods[method]
            groups[op["tags"][0]].append({"method": method.upper(), "path": path, **op})
    return groups


@docs_bp.route("/", endpoint="index")
def docs_page():
    """The API reference, rendered from the same OpenAPI document clients download."""
    document = build_document()
    return render_template(
        "api/docs.html",
        doc=document,
        groups=_operations(document),
        schemas=document["components"]["schemas"],
        responses=document["components"]["responses"],
        schema_type=schema_type,
    )
