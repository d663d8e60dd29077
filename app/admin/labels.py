"""What the audit log calls its events and their details, in the interface language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

EVENT_LABELS = {
    "2fa-disabled": _l("Two-factor sign-in turned off"),
    "2fa-enabled": _l("Two-factor sign-in turned on"),
    "2fa-recovery-codes": _l("New recovery codes made"),
    "2fa-requirement": _l("Two-factor requirement changed"),
    "2fa-reset": _l("Two-factor sign-in reset by an operator"),
    "invitation-accepted": _l("Invitation accepted"),
    "invitation-revoked": _l("Invitation withdrawn"),
    "organization-vacancy-defaults-changed": _l("Vacancy defaults changed"),
    "password-reset-requested": _l("Password reset requested"),
    "user-invited": _l("User invited"),
    "api-token-created": _l("API token created"),
    "api-token-revoked": _l("API token revoked"),
    "candidate-erased": _l("Candidate's data erased"),
    "login": _l("Signed in"),
    "login-failed": _l("Failed sign-in"),
    "login-throttled": _l("Sign-in paused after failures"),
    "logout": _l("Signed out"),
    "org-exported": _l("Organization exported"),
    "org-imported": _l("Organization imported"),
    "organization-changed": _l("Organization settings changed"),
    "password-changed": _l("Password changed"),
    "password-reset": _l("Password reset"),
    "probation-notice": _l("Probation notice made"),
    "probation-report": _l("Probation report downloaded"),
    "public-pages-changed": _l("Public job pages changed"),
    "role-changed": _l("Role changed"),
    "setup": _l("Organization created"),
    "user-activated": _l("User activated"),
    "user-created": _l("User created"),
    "user-deactivated": _l("User deactivated"),
    "vacancies-exported": _l("Vacancies downloaded"),
    "vacancy-exported": _l("Vacancy downloaded"),
}

DETAIL_LABELS = {
    "candidate_id": _l("candidate"),
    "checkin_id": _l("check-in"),
    "email": _l("e-mail"),
    "filename": _l("file"),
    "format": _l("format"),
    "name": _l("name"),
    "new": _l("now"),
    "old": _l("was"),
    "plan_id": _l("plan"),
    "public": _l("public pages"),
    "reason": _l("reason"),
    "role": _l("role"),
    "slug": _l("address"),
    "target": _l("whom"),
    "token_id": _l("token"),
    "vacancy_id": _l("vacancy"),
    "verdict": _l("verdict"),
    "version": _l("version"),
    "via": _l("through"),
}


def event_label(action: str) -> str:
    """The event's label; an event without one is shown as its code."""
    label = EVENT_LABELS.get(action)
    return str(label) if label is not None else action


def detail_label(key: str) -> str:
    label = DETAIL_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ")


VIA_LABELS = {"api": _l("the API"), "cli": _l("the command line"), "web": _l("the web")}


def detail_value(key: str, value: object) -> str:
    """A detail's value as people read it: roles, verdicts and channels by their labels."""
    from app.main import ROLE_NAMES
    from app.probation.verdicts import verdict_label

    if key in ("role", "old", "new") and value in ROLE_NAMES:
        return str(_l(ROLE_NAMES[value]))
    if key == "verdict" and isinstance(value, str):
        return verdict_label(value)
    if key == "via" and value in VIA_LABELS:
        return str(VIA_LABELS[value])
    if key == "format" and isinstance(value, str):
        return value.upper()
    if isinstance(value, bool):
        return str(_l("yes") if value else _l("no"))
    return str(value)
