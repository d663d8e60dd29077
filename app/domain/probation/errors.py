"""Exceptions of the probation service; views and the API turn them into responses."""

from __future__ import annotations

from app.domain.message import Message


class ProbationError(Exception):
    """Base class: a request the probation rules refuse."""


class InvalidInput(ProbationError):
    """A value that may not be stored; `field` names the input, `message` says why."""

    def __init__(self, field: str, message: Message | str) -> None:
        # The domain's messages are rendered only where they are shown (str() at the edge).
        super().__init__(field)
        self.field = field
        self.message = message


class NotFound(ProbationError):
    """The record does not exist for this user (other organization, not assigned)."""


class NotAssigned(ProbationError):
    """The user is not an assigned evaluator of the plan."""


class CandidateErased(ProbationError):
    """The candidate's personal data was erased; the record is read-only."""


class VersionConflict(ProbationError):
    """The plan was changed by someone else after the editor loaded it."""

    def __init__(self, current_version: int) -> None:
        super().__init__("stale plan version")
        self.current_version = current_version
