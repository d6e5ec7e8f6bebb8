"""Pydantic models that cross a boundary: the webhook body in, status documents out."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_FIELD_CHARS = 1_000_000  # 1 M characters per body field; the request cap is smaller anyway


def _id_text(value: Any) -> Any:
    """Zendesk renders ids as numbers or strings depending on the trigger; keep text."""
    if isinstance(value, bool):
        raise ValueError("must be a string or a number, not a boolean")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


class AttachmentRef(BaseModel):
    """One attachment as listed by Zendesk (``{{ticket.latest_comment.attachments}}``)."""

    model_config = ConfigDict(extra="allow")

    file_name: str = Field("", max_length=1000)
    content_url: str = Field("", max_length=4000)
    content_type: str = Field("", max_length=255)
    size: int = Field(0, ge=0)


class WebhookPayload(BaseModel):
    """The body the office's Zendesk trigger posts (README shows the trigger JSON).

    Required: ``ticket_id`` and at least one non-empty of ``body_text``/``body_html``.
    Unknown fields are allowed and kept in the raw payload.
    """

    model_config = ConfigDict(extra="allow", str_max_length=MAX_FIELD_CHARS)

    ticket_id: str = Field(..., min_length=1, max_length=64)
    comment_id: str | None = Field(None, max_length=64)
    side_conversation_id: str | None = Field(None, max_length=64)
    subject: str = Field("", max_length=2000)
    from_email: str = Field("", max_length=320)
    from_name: str = Field("", max_length=320)
    body_text: str | None = None
    body_html: str | None = None
    headers: dict[str, str] = Field(default_factory=dict)
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=100)

    _ids = field_validator("ticket_id", "comment_id", "side_conversation_id", mode="before")(_id_text)

    @field_validator("comment_id", "side_conversation_id", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _has_body(self) -> "WebhookPayload":
        if not (self.body_text or "").strip() and not (self.body_html or "").strip():
            raise ValueError("at least one of body_text or body_html must be non-empty")
        return self


class AcceptedResponse(BaseModel):
    status: str  # "accepted" | "duplicate"
    email_id: int
