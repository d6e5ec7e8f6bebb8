"""The match states and which of them wait for a person: the part of the matching's values that
the read-only commands need (``creditctl status`` counts emails by them). Kept apart from
``matching_types``, whose frozen dataclasses cost several ms to build at import, so that a
one-shot command does not build them (docs/worker-performance.md, "Round 6")."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["REVIEW_STATUSES", "MatchStatus"]


class MatchStatus(StrEnum):
    PENDING = "pending"
    AUTO_MATCHED = "auto_matched"
    NEEDS_REVIEW = "needs_review"
    NO_MATCH = "no_match"


REVIEW_STATUSES = (MatchStatus.NEEDS_REVIEW.value, MatchStatus.NO_MATCH.value)
"""Match states whose email waits for a person (until a person decides it)."""
