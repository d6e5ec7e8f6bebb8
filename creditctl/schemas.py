"""Pydantic models that cross a boundary: the webhook body in, status documents out."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

MAX_FIELD_CHARS = 32 * 1024 * 1024
"""Characters per string field: a backstop only — the request cap (CREDITCTL_MAX_BODY_BYTES,
default 2 MiB, raised by operators for huge HTML tables) is the limit that applies."""


_PLACEHOLDER = re.compile(r"\{\{.*?\}\}", re.S)


def is_placeholder(value: Any) -> bool:
    """Whether ``value`` still holds an unrendered Zendesk placeholder (``{{ticket.id}}``)."""
    return isinstance(value, str) and bool(_PLACEHOLDER.search(value))


def _id_text(value: Any) -> Any:
    """Zendesk renders ids as numbers or strings depending on the trigger; keep text."""
    if isinstance(value, bool):
        raise ValueError("must be a string or a number, not a boolean")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _optional_id(value: Any) -> Any:
    """An optional id that is empty or an unrendered placeholder counts as absent (a
    placeholder used as a dedupe key made a different reply a "duplicate")."""
    value = _id_text(value)
    return None if is_placeholder(value) else value


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

    _ids = field_validator("ticket_id", mode="before")(_id_text)
    _optional_ids = field_validator("comment_id", "side_conversation_id", mode="before")(_optional_id)
    # a plain default, not default_factory=list: pydantic calls inspect.signature() on a
    # private attribute's factory for every instance, and on the builtin ``list`` that
    # parses its text signature each time (0.3 ms of a webhook request, docs/scaling.md)
    _placeholders: tuple[str, ...] = PrivateAttr(default=())

    @field_validator("ticket_id", mode="after")
    @classmethod
    def _ticket_rendered(cls, value: str) -> str:
        if is_placeholder(value):
            raise ValueError("holds an unrendered Zendesk placeholder; check the trigger's JSON body")
        return value

    @model_validator(mode="wrap")
    @classmethod
    def _note_placeholders(cls, data: Any, handler: Any) -> WebhookPayload:
        model: WebhookPayload = handler(data)
        if isinstance(data, dict):
            model._placeholders = tuple(
                k for k in ("comment_id", "side_conversation_id") if is_placeholder(data.get(k))
            )
        return model

    @property
    def placeholder_fields(self) -> list[str]:
        """Id fields that arrived as unrendered placeholders (treated as absent)."""
        return list(self._placeholders)

    @field_validator("comment_id", "side_conversation_id", mode="after")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator(
        "ticket_id",
        "comment_id",
        "side_conversation_id",
        "subject",
        "from_email",
        "from_name",
        "body_text",
        "body_html",
        mode="after",
    )
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        """PostgreSQL text cannot hold NUL (U+0000); it carries no meaning in an email."""
        return value.replace("\x00", "") if value else value

    @field_validator("headers", mode="after")
    @classmethod
    def _no_nul_in_headers(cls, value: dict[str, str]) -> dict[str, str]:
        return {k.replace("\x00", ""): v.replace("\x00", "") for k, v in value.items()}

    @model_validator(mode="after")
    def _has_body(self) -> WebhookPayload:
        if not (self.body_text or "").strip() and not (self.body_html or "").strip():
            raise ValueError("at least one of body_text or body_html must be non-empty")
        return self


class AcceptedResponse(BaseModel):
    status: str  # "accepted" | "duplicate"
    email_id: int


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer of the HTTP API: ``{"status": "error", "detail": reason}``."""

    status: str = "error"
    detail: str


class HealthResponse(BaseModel):
    """``GET /healthz``: the process is alive."""

    status: str


class ReadinessResponse(BaseModel):
    """``GET /readyz``: ``checks`` maps ``database``/``queue`` to ``"ok"`` or the reason;
    ``ready`` is the database (a webhook can be stored); ``degraded`` names the failing
    checks that do not stop intake (the queue)."""

    ready: bool
    checks: dict[str, str]
    degraded: list[str] = []
    quarantined: int | None = None


def webhook_request_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    """The webhook body's JSON schema for the OpenAPI document: ``(schema, definitions)``
    with references under ``#/components/schemas/``. Expresses "at least one of
    ``body_text``/``body_html``" as ``anyOf``."""
    schema = WebhookPayload.model_json_schema(ref_template="#/components/schemas/{model}")
    definitions = schema.pop("$defs", {})
    schema["properties"]["ticket_id"]["pattern"] = r"\S"
    schema["anyOf"] = [
        {"required": ["body_text"], "properties": {"body_text": {"type": "string", "pattern": r"\S"}}},
        {"required": ["body_html"], "properties": {"body_html": {"type": "string", "pattern": r"\S"}}},
    ]
    return schema, definitions
