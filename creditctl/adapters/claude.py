"""The Claude client: the network half of the Claude extractor (the anthropic SDK).

``ClaudeExtractor.extract(ExtractionInput) -> ExtractionResult`` makes one Messages
API call (``pipeline/extraction/claude.py`` documents how, and parses and validates
the answer: that half is pure). The SDK's errors are translated here, where they are
raised (``translate``), into the project's ``ServiceUnavailable`` (retried) and
``ServiceRejected`` (permanent); the SDK error stays the ``__cause__``, and its class
name is what ``emails.last_error_class`` records (``anthropic.RateLimitError``).
Nothing outside ``adapters/`` imports the SDK.
"""

from __future__ import annotations

from typing import Any

import anthropic

from creditctl.exceptions import ConfigurationError, ServiceRejected, ServiceUnavailable
from creditctl.pipeline.extraction.claude import (
    EXTRACTOR_NAME,
    ClaudeAnswer,
    _usage,
    compact_schema,
    parse_answer,
    to_result,
)
from creditctl.pipeline.extraction.model import ExtractionInput, ExtractionResult
from creditctl.pipeline.extraction.prompt import attachment_label, render_email, system_blocks
from creditctl.retry import retry_after_s

_TRANSIENT = (
    anthropic.RateLimitError,  # 429 (Retry-After honoured)
    anthropic.InternalServerError,  # 5xx, including OverloadedError (529), 503, 504
    anthropic.RequestTimeoutError,  # 408
    anthropic.APIConnectionError,  # including APITimeoutError
)


def translate(exc: BaseException) -> BaseException:
    """An anthropic SDK error → ``ServiceUnavailable`` (transient, carrying the wait the
    response asks for) or ``ServiceRejected`` (permanent); other errors unchanged."""
    if not isinstance(exc, anthropic.AnthropicError):
        return exc
    if isinstance(exc, _TRANSIENT):
        translated: BaseException = ServiceUnavailable(f"{type(exc).__name__}: {exc}", retry_after=retry_after_s(exc))
    else:
        translated = ServiceRejected(f"{type(exc).__name__}: {exc}")
    translated.__cause__ = exc
    return translated


#: The JSON schema sent as ``output_config.format.schema``: the SDK's own transformer
#: (``anthropic.transform_schema``, what ``messages.parse`` sends), then ``compact_schema``.
#: ``ClaudeAnswer`` still validates the answer and also accepts null for the strings.
WIRE_SCHEMA: dict[str, Any] = compact_schema(anthropic.transform_schema(ClaudeAnswer))


class ClaudeExtractor:
    """Extractor backed by the Messages API (implements ``model.Extractor``).

    ``model`` comes from CREDITCTL_CLAUDE_MODEL, ``max_tokens`` (output tokens) and
    ``timeout_s`` (seconds per call) from CREDITCTL_CLAUDE_MAX_TOKENS /
    CREDITCTL_CLAUDE_TIMEOUT. Without ``client``, one ``anthropic.Anthropic`` is
    built from ``api_key`` / ``base_url`` (None: the SDK reads ANTHROPIC_API_KEY /
    ANTHROPIC_BASE_URL). A given ``client`` is used through
    ``with_options(max_retries=0, timeout=timeout_s)`` so the SDK never retries.
    The constructor raises ``ConfigurationError`` for an empty model or a
    non-positive ``max_tokens`` / ``timeout_s``.
    """

    name = EXTRACTOR_NAME
    reconciles_attachments = False  # ``services.reading.extract`` reconciles after the call

    def __init__(
        self,
        *,
        model: str,
        max_tokens: int = 1024,
        timeout_s: float = 60.0,
        client: anthropic.Anthropic | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
    ) -> None:
        if not model:
            raise ConfigurationError("CREDITCTL_CLAUDE_MODEL is empty; name a Claude model")
        if max_tokens <= 0 or timeout_s <= 0:
            raise ConfigurationError("CREDITCTL_CLAUDE_MAX_TOKENS and CREDITCTL_CLAUDE_TIMEOUT must be positive")
        self.model = model
        self.max_tokens = max_tokens
        self.timeout_s = timeout_s
        if client is None:
            self._client = anthropic.Anthropic(api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout_s)
        else:
            self._client = client.with_options(max_retries=0, timeout=timeout_s)

    def request(self, email: ExtractionInput) -> dict[str, Any]:
        """The keyword arguments of the ``messages.create`` call for ``email`` (for tests and debugging)."""
        return {
            "model": self.model,
            "max_tokens": self.max_tokens,
            "system": system_blocks(),
            "messages": [{"role": "user", "content": render_email(email)}],
            "output_config": {"format": {"type": "json_schema", "schema": WIRE_SCHEMA}},
        }

    def warm_up(self) -> None:
        """Build the SDK's response models now (no network, nothing sent): the SDK builds
        their validators on first use (pydantic schema generation, ~40 ms of CPU on a free
        core), and every worker thread's first answer would otherwise build them at once,
        all waiting on the same CPU (docs/worker-performance.md, "Round 7"); the request is
        rendered once too. Raises nothing the SDK does not."""
        self.request(ExtractionInput(reply_text="Saldo 1,00 EUR"))
        message = anthropic.types.Message.construct(
            id="msg_warm_up",
            type="message",
            role="assistant",
            model=self.model,
            content=[{"type": "text", "text": "{}"}],
            stop_reason="end_turn",
            stop_sequence=None,
            usage={"input_tokens": 1, "output_tokens": 1},
        )
        _usage(message)

    def extract(self, email: ExtractionInput) -> ExtractionResult:
        """One Messages API call -> ``ExtractionResult`` with ``usage`` and ``extractor="claude"``.

        Raises ``ServiceUnavailable`` (transient: 429 with its Retry-After, 408, 5xx and
        529, connection errors, timeouts) or ``ServiceRejected`` (permanent: 400, 401,
        403, 404, anything else the SDK raises), each with the SDK error as its cause
        (``translate``), and ``MalformedModelOutput`` for an unusable answer.
        """
        try:
            message = self._client.messages.create(**self.request(email))
        except anthropic.AnthropicError as exc:
            raise translate(exc) from exc
        answer = parse_answer(message)
        names = {attachment_label(a.file_name): a.file_name for a in email.attachments}
        return to_result(answer, usage=_usage(message), attachment_names=names)
