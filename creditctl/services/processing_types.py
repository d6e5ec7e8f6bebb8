"""Values the processing service returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ProcessOutcome:
    """What one call of ``process_email`` did: ``status`` is the row's state afterwards,
    or ``skipped`` (terminal already, or held by another live worker)."""

    email_id: int
    status: str
    match_status: str | None = None
    detail: str = ""
    attempt: int = 0


@dataclass
class FailureDecision:
    """``retry``: another attempt follows after ``delay_s`` seconds; else the email failed."""

    retry: bool
    delay_s: float
    attempts: int
    recorded: bool = True
