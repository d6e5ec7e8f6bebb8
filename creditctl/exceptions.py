"""One exception root. Each class's docstring is its default message and says what to do next.

``TransientError`` subclasses are retried by the retry policy; ``PermanentError``
subclasses are not (see ``creditctl.retry``).
"""

from __future__ import annotations


class CreditctlError(Exception):
    """creditctl failed; run the command again with --help or check the logs."""

    exit_code = 1

    def __init__(self, message: str | None = None, **context: object) -> None:
        self.message = message or (self.__doc__ or "").strip()
        self.context = context
        super().__init__(self.message)


class ConfigurationError(CreditctlError):
    """A setting is invalid; fix the CREDITCTL_* variable named in the message."""

    exit_code = 2


class UsageError(CreditctlError):
    """The command's arguments are invalid; see --help."""

    exit_code = 2


class NotFoundError(CreditctlError):
    """Nothing found; check the id with `creditctl status`."""


class Refused(CreditctlError):
    """The action was refused; the message says why and what to do instead."""


class Forbidden(Refused):
    """The signed-in person's role may not do this (a read-only viewer deciding); nothing was changed."""


class NeedsConfirmation(Refused):
    """The action needs an explicit confirmation (the message says which); nothing was changed."""


class PermanentError(CreditctlError):
    """This email cannot be processed as it is; fix the cause, then `creditctl retry ID`."""


class TransientError(CreditctlError):
    """A passing failure (outage, rate limit); it will be retried automatically."""

    def __init__(self, message: str | None = None, *, retry_after: float | None = None, **context: object) -> None:
        super().__init__(message, **context)
        self.retry_after = retry_after


class EmailMissing(PermanentError):
    """The email row does not exist; it may have been deleted. Nothing to retry."""


class LeaseLost(TransientError):
    """Another worker holds this email now; this attempt stops without writing."""


class MirrorUnavailable(TransientError):
    """The MongoDB mirror could not be written; it is retried, the SQL write is kept."""

    says_cause = True
    """Its message already says what failed in one line (``adapters.mirror.outage_line``):
    the CLI prints no "caused by" lines (pymongo's own text is ~1 KB)."""


class MirrorRejected(PermanentError):
    """MongoDB refused a mirror operation (not an outage); fix the cause, then `creditctl retry --mirror ID`."""

    says_cause = True


class ServiceUnavailable(TransientError):
    """An outside service (the LLM API) failed passingly; it is retried. Its own error is the cause."""

    names_cause = True


class ServiceRejected(PermanentError):
    """An outside service (the LLM API) refused the request; the same request fails again."""

    names_cause = True


class StorageUnavailable(CreditctlError):
    """The database is unreachable; retry later (the webhook answers 503)."""


class OperationInterrupted(CreditctlError):
    """An operation stopped part-way (the database was lost): resume it by its id."""

    def __init__(self, message: str | None = None, *, operation_id: int, enqueued: int, selected: int) -> None:
        super().__init__(message, operation_id=operation_id, enqueued=enqueued, selected=selected)
        self.operation_id = operation_id
        self.enqueued = enqueued
        self.selected = selected


class QueueUnavailable(CreditctlError):
    """The queue is unreachable: what was stored waits for the sweep (exit 1)."""


class InvalidPayload(CreditctlError):
    """The webhook body is not a valid creditor email payload."""


class SignatureInvalid(CreditctlError):
    """The Zendesk webhook signature does not match; check CREDITCTL_ZENDESK_WEBHOOK_SECRET."""


class ImportFileError(UsageError):
    """The client file cannot be imported; fix the line named in the message."""
