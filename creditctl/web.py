"""Litestar app factory: routes and the one HTTP error boundary. No business rule here.

Routes: ``POST /webhooks/zendesk``, ``GET /emails/{id}`` (bearer token),
``GET /healthz``, ``GET /readyz``, ``GET /metrics``; OpenAPI at ``/schema``.
"""

from __future__ import annotations

import hmac
from typing import Any

import anyio.to_thread
import structlog
from litestar import Litestar, Request, Response, get, post
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException
from litestar.openapi import OpenAPIConfig
from litestar.status_codes import HTTP_413_REQUEST_ENTITY_TOO_LARGE

from creditctl import metrics
from creditctl.exceptions import InvalidPayload, NotFoundError, SignatureInvalid, StorageUnavailable
from creditctl.schemas import AcceptedResponse
from creditctl.services import health, intake, status
from creditctl.services.context import AppContext

log = structlog.get_logger(__name__)

RETRY_AFTER_S = "30"


def create_app(ctx: AppContext, *, insecure_dev: bool = False, queue_probe: Any = None) -> Litestar:
    """Build the web app around a service context.

    ``insecure_dev``: accept unsigned webhooks (warns on every request). ``queue_probe``:
    a callable returning the queue depth, used by ``/readyz`` and ``/metrics``.
    """
    settings = ctx.settings

    @post("/webhooks/zendesk", status_code=200, request_max_body_size=settings.max_body_bytes,
          summary="Receive one creditor email from a Zendesk trigger")
    async def zendesk_webhook(request: Request) -> Response[AcceptedResponse]:
        """Verify the signature, store the email durably, enqueue it; 200 with the email id."""
        try:
            raw = await request.body()
        except HTTPException as exc:
            if exc.status_code == HTTP_413_REQUEST_ENTITY_TOO_LARGE:
                metrics.WEBHOOKS.labels("too_large").inc()
                return _error(413, f"body larger than {settings.max_body_bytes} bytes")
            raise
        content_type = request.headers.get("content-type", "application/json")
        if "json" not in content_type.lower():
            metrics.WEBHOOKS.labels("invalid").inc()
            return _error(415, f"content type must be application/json, not {content_type[:80]}")
        if insecure_dev:
            log.warning("insecure_dev_unsigned_webhook_accepted")
        headers = dict(request.headers)
        try:
            result = await anyio.to_thread.run_sync(
                lambda: intake.receive_webhook(ctx, raw_body=raw, headers=headers, verify_signature=not insecure_dev))
        except SignatureInvalid as exc:
            metrics.WEBHOOKS.labels("bad_signature").inc()
            return _error(401, exc.message)
        except InvalidPayload as exc:
            metrics.WEBHOOKS.labels("invalid").inc()
            return _error(400, exc.message)
        except StorageUnavailable as exc:
            metrics.WEBHOOKS.labels("unavailable").inc()
            return _error(503, f"{exc.message}; retry later", headers={"Retry-After": RETRY_AFTER_S})
        metrics.WEBHOOKS.labels(result.status).inc()
        return Response(AcceptedResponse(status=result.status, email_id=result.email_id), status_code=200)

    @get("/emails/{email_id:int}", sync_to_thread=True, summary="One email's status (bearer token)")
    def get_email(request: Request, email_id: int) -> dict[str, Any]:
        """The same document as ``creditctl status ID --json``."""
        _require_token(ctx, request)
        try:
            return status.email_status(ctx, email_id)
        except NotFoundError:
            raise NotFoundException(f"email {email_id} not found") from None

    @get("/healthz", summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @get("/readyz", sync_to_thread=True, summary="Database and queue reachable")
    def readyz() -> Response[dict[str, Any]]:
        report = health.readiness(ctx, queue_probe=queue_probe)
        return Response(report, status_code=200 if report["ready"] else 503,
                        headers={} if report["ready"] else {"Retry-After": RETRY_AFTER_S})

    @get("/metrics", sync_to_thread=True, media_type="text/plain; version=0.0.4", summary="Prometheus metrics")
    def metrics_route(request: Request) -> Response[bytes]:
        _require_token(ctx, request, optional=True)
        body, content_type = metrics.render(ctx, queue_probe=queue_probe)
        return Response(body, media_type=content_type)

    def _internal_error(request: Request, exc: Exception) -> Response[dict[str, str]]:
        log.error("unhandled_error", path=request.url.path, error=type(exc).__name__)
        return _error(500, "internal error; the request was not processed, see the server log")

    return Litestar(
        route_handlers=[zendesk_webhook, get_email, healthz, readyz, metrics_route],
        openapi_config=OpenAPIConfig(title="creditctl", version=_version(), path="/schema"),
        exception_handlers={StorageUnavailable: lambda r, e: _error(503, e.message, headers={"Retry-After": RETRY_AFTER_S}),
                            Exception: _internal_error, HTTPException: _http_error},
        request_max_body_size=settings.max_body_bytes,
        debug=False,
    )


def _version() -> str:
    from creditctl import __version__

    return __version__


def _error(code: int, reason: str, *, headers: dict[str, str] | None = None) -> Response[dict[str, str]]:
    return Response({"status": "error", "detail": reason}, status_code=code, headers=headers or {})


def _http_error(request: Request, exc: HTTPException) -> Response[dict[str, str]]:
    return _error(exc.status_code, str(exc.detail), headers=dict(exc.headers or {}))


def _require_token(ctx: AppContext, request: Request, *, optional: bool = False) -> None:
    """Constant-time bearer check; every failure is the same 401 (no route reveals an id)."""
    token = ctx.settings.api_token.get_secret_value() if ctx.settings.api_token else ""
    if not token:
        if optional:
            return
        raise NotAuthorizedException("read routes are disabled: set CREDITCTL_API_TOKEN")
    given = request.headers.get("authorization", "")
    expected = f"Bearer {token}"
    if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode()):
        raise NotAuthorizedException("missing or wrong bearer token")
