"""Litestar app factory: routes and the one HTTP error boundary. No business rule here.

Routes: ``/desk/…`` (the review desk, ``creditctl.desk``: session cookie + CSRF),
``POST /webhooks/zendesk`` (Zendesk signature), ``GET /emails/{id}`` and
``GET /metrics`` (bearer token, constant-time compare), ``GET /healthz``,
``GET /readyz`` (public: load balancers probe them; they reveal no data); the
OpenAPI document at ``/schema`` is public too (it describes the API, holds no data).

Every request runs inside ``CreditctlApp.__call__``: it binds ``request_id`` (from
``X-Request-Id`` when it is a short token, else a new one; echoed in the answer) and
the method with ``structlog.contextvars``, and ends with one ``request`` line carrying
route template, status, duration and — for the webhook — outcome and email id. Bodies,
headers and the signature are never logged. ``POST /webhooks/zendesk`` itself is answered
there by a lean ASGI handler (``CreditctlApp.webhook``) with the Litestar route's answers
(one ``answer_webhook``), without Litestar's per-request objects (docs/scaling.md).

Auth errors are one 401 (``WWW-Authenticate: Bearer``) for every read route, checked
by a guard before the path parameter is even parsed, so an unauthenticated caller
learns nothing about which email ids exist.
"""

from __future__ import annotations

import gc
import hmac
import itertools
import json
import os
import re
import time
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, cast

import anyio.to_thread
import structlog
from litestar import Litestar, MediaType, Request, Response, get, post
from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.exceptions import HTTPException, NotAuthorizedException, NotFoundException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, OpenAPIMediaType, RequestBody, Schema, SecurityScheme
from litestar.params import Parameter
from litestar.status_codes import HTTP_413_REQUEST_ENTITY_TOO_LARGE
from litestar.types import (
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    LifeSpanReceive,
    LifeSpanScope,
    LifeSpanSend,
    Receive,
    Scope,
    Send,
)

from creditctl import display
from creditctl.exceptions import InvalidPayload, NotFoundError, SignatureInvalid, StorageUnavailable
from creditctl.metrics import Metrics
from creditctl.schemas import AcceptedResponse, ErrorResponse, HealthResponse, ReadinessResponse, webhook_request_schema
from creditctl.services import health, intake, rejections, status
from creditctl.services.context import AppContext
from creditctl.signature import INVOCATION_HEADER

log = structlog.get_logger(__name__)

RETRY_AFTER_S = "30"
WEBHOOK_PATH = "/webhooks/zendesk"
MAX_EMAIL_ID = 2**63 - 1
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
JSON_TYPES = ("application/json",)
UTF8_CHARSETS = ("utf-8", "utf8", "us-ascii", "ascii")
_REQUEST_ID_PREFIX = os.urandom(8).hex()
_REQUEST_COUNTER = itertools.count(1)
"""A new request id is this process's random prefix + a counter: unique like a uuid4,
without reading the kernel's random source per request (docs/scaling.md)."""
_ANSWER_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""The lean webhook's answer encoder, built once: ``json.dumps`` with arguments builds a
new encoder per call (docs/worker-performance.md, "Round 7 — status and webhook")."""
LOG_STATE = "creditctl_log"
"""Key in ``scope["state"]`` where handlers leave fields for the request summary line."""

_ERROR = ResponseSpec(data_container=ErrorResponse, description="Error with the reason in `detail`")
_UNAUTHORIZED = ResponseSpec(
    data_container=ErrorResponse, description="Missing or wrong bearer token (same answer for every id)"
)


class CreditctlApp(Litestar):
    """Litestar with the per-request log context and summary line (see module docstring);
    wraps every HTTP request, routed or not (404/405 included)."""

    insecure_dev: bool = False
    webhook: Callable[[Scope, Receive, Send], Awaitable[None]] | None = None
    """The lean ASGI handler of ``POST /webhooks/zendesk`` (``create_app``): answers that
    route without Litestar's routing, request and response objects; the Litestar route
    of the same path stays for the OpenAPI document (docs/scaling.md)."""

    async def __call__(
        self, scope: Scope | LifeSpanScope, receive: Receive | LifeSpanReceive, send: Send | LifeSpanSend
    ) -> None:
        if scope["type"] == "lifespan" or scope["type"] == ScopeType.WEBSOCKET:  # only HTTP is wrapped
            await super().__call__(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        request_id = (
            given if given and REQUEST_ID.match(given) else f"{_REQUEST_ID_PREFIX}{next(_REQUEST_COUNTER):016x}"
        )
        started = time.perf_counter()
        answer: dict[str, Any] = {"status": 500}
        fields: dict[str, Any] = {}
        scope.setdefault("state", {})[LOG_STATE] = fields

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"x-request-id", request_id.encode("ascii"))],
                }
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id, method=scope["method"]):
            if self.insecure_dev:
                log.warning("insecure_dev", detail="--insecure-dev: webhook signatures are not checked")
            try:
                if self.webhook is not None and scope["method"] == "POST" and scope["path"] == WEBHOOK_PATH:
                    scope["path_template"] = WEBHOOK_PATH
                    await self.webhook(scope, cast(Receive, receive), send_with_id)
                else:
                    await super().__call__(scope, receive, send_with_id)
            finally:
                code = answer["status"]
                line = log.error if code >= 500 else log.warning if code in (401, 413) else log.info
                line(
                    "request",
                    route=scope.get("path_template") or "unmatched",
                    status=code,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                    **fields,
                )


def _warm_desk(freeze_heap: bool) -> None:
    """Import the desk's heavy service modules (``desk.routes.WARM_MODULES``: the reading
    pipeline behind ``services.review``, seconds of compiled patterns on a loaded machine) in
    a daemon thread once the server serves, so its port answers at once — webhooks, ``/healthz``,
    ``/readyz`` — and the first desk page does not pay for them; ``freeze_heap``: freeze them
    too (``gc.freeze``) once loaded."""
    import importlib
    import threading

    from creditctl.desk.routes import WARM_MODULES

    def warm() -> None:
        for name in WARM_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a warm-up: the first request imports it again and reports the error
                log.warning("desk_warm_failed", module=name, exc_info=True)
                return
        if freeze_heap:
            gc.freeze()

    threading.Thread(target=warm, name="creditctl-desk-warm", daemon=True).start()


def create_app(
    ctx: AppContext, *, insecure_dev: bool = False, queue_probe: Any = None, freeze_heap: bool = False
) -> Litestar:
    """Build the web app around a service context.

    ``insecure_dev``: accept unsigned webhooks (a warning is logged on every request).
    ``queue_probe``: a callable returning ``{"pending": N, "scheduled": M}`` (raises when
    the queue is unreachable), used by ``/readyz`` and ``/metrics``.
    ``freeze_heap``: at startup, move every object then alive out of the cyclic garbage
    collector's reach (``gc.freeze``) — for the ``serve`` process, whose modules, compiled
    patterns, settings and routes live as long as it does; a full collection then no longer
    walks them while requests wait (docs/scaling.md, "Garbage collection and the p99").
    """
    settings = ctx.settings
    app_metrics = Metrics(ctx, queue_probe=queue_probe)
    fast_intake = _async_intake(ctx)

    def token_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        _require_token(ctx, connection.headers.get("authorization"))

    @post(
        "/webhooks/zendesk",
        status_code=200,
        request_max_body_size=settings.max_body_bytes,
        summary="Receive one creditor email from a Zendesk trigger",
        description="Body: the JSON the office's Zendesk trigger posts, signed with "
        "`X-Zendesk-Webhook-Signature` (base64 HMAC-SHA256 of timestamp + body) and "
        "`X-Zendesk-Webhook-Signature-Timestamp`. A signed request that fails validation is "
        "kept in the quarantine table.",
        responses={
            400: _ERROR,
            401: ResponseSpec(data_container=ErrorResponse, description="Bad signature"),
            413: _ERROR,
            415: _ERROR,
            503: ResponseSpec(data_container=ErrorResponse, description="Database unavailable; retry"),
        },
    )
    async def zendesk_webhook(request: Request[Any, Any, Any]) -> Response[AcceptedResponse]:
        """Verify the signature, store the email durably, enqueue it; 200 with the email id."""
        try:
            raw: bytes | None = await request.body()
        except HTTPException as exc:
            if exc.status_code != HTTP_413_REQUEST_ENTITY_TOO_LARGE:
                raise
            raw = None
        code, doc, headers = await answer_webhook(
            raw, request.headers.get("content-type"), dict(request.headers), request.scope["state"].get(LOG_STATE, {})
        )
        if code == 200:
            return Response(AcceptedResponse(**doc), status_code=200)
        return _error(code, doc["detail"], headers=headers)

    async def answer_webhook(
        raw: bytes | None, content_type: str | None, headers: dict[str, str], fields: dict[str, Any]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        """The webhook's answer ``(status code, JSON document, extra headers)`` for a body
        (None: larger than the limit), counted in the metrics and noted in ``fields`` (the
        request line). Raises what the intake raises besides its documented refusals."""

        async def refuse(
            outcome: str, code: int, reason: str, extra: dict[str, str] | None = None
        ) -> tuple[int, dict[str, Any], dict[str, str]]:
            app_metrics.webhook(outcome)
            fields["outcome"] = outcome
            wanted = INVOCATION_HEADER.lower()
            delivery = next((v for k, v in headers.items() if k.lower() == wanted), None)
            # what an operator reconciles from when Zendesk gave up retrying (README, "Production")
            fields.update(_delivery_ids(delivery, raw))
            if code in rejections.RECORDED_STATUSES:  # for `tail --level warning` (services/rejections.py)
                await anyio.to_thread.run_sync(
                    lambda: rejections.record_refusal(
                        ctx, status=code, outcome=outcome, reason=reason, delivery_id=delivery
                    )
                )
            return code, {"status": "error", "detail": reason}, extra or {}

        if raw is None:
            return await refuse(
                "too_large", 413, f"body larger than {settings.max_body_bytes} bytes (CREDITCTL_MAX_BODY_BYTES)"
            )
        problem = _content_type_problem(content_type)
        if problem:
            return await refuse("invalid", 415, problem)
        bound_s = settings.webhook_db_timeout_seconds
        try:
            # a hung database must not hold Zendesk's request past its own timeout (~10 s): the
            # answer is 503 after CREDITCTL_WEBHOOK_DB_TIMEOUT_SECONDS (docs/zendesk-contract.md,
            # "Answers"). The intake statement is atomic: it committed whole or not at all, and
            # a row committed after the 503 is found by Zendesk's retry (a duplicate) and
            # enqueued by the sweep — nothing lost, nothing twice.
            with anyio.fail_after(bound_s):
                if fast_intake is not None and fast_intake.serves(ctx):
                    # PostgreSQL: the same intake with its waits on this loop, no thread per request
                    # (creditctl/adapters/async_intake.py, docs/scaling.md). Bounded by anyio, not
                    # by asyncio.timeout (a third of the cost per request): with asyncio's one-shot
                    # cancellation a stopped PostgreSQL held the answer 12 s, psycopg waiting for
                    # its cancel of the query, where anyio's level cancellation answers within
                    # the bound (tests/integration/test_webhook_db_timeout.py;
                    # docs/worker-performance.md, "Round 7 — status and webhook")
                    result = await fast_intake.receive(raw, headers, verify_signature=not insecure_dev)
                else:
                    result = await anyio.to_thread.run_sync(
                        lambda: intake.receive_webhook(
                            ctx, raw_body=raw, headers=headers, verify_signature=not insecure_dev
                        ),
                        abandon_on_cancel=True,
                    )
        except TimeoutError:
            reason = (
                f"database unavailable: no answer within {bound_s:g} s (CREDITCTL_WEBHOOK_DB_TIMEOUT_SECONDS); "
                "retry later"
            )
            return await refuse("unavailable", 503, reason, {"Retry-After": RETRY_AFTER_S})
        except SignatureInvalid as exc:
            return await refuse("bad_signature", 401, exc.message)
        except InvalidPayload as exc:
            return await refuse("invalid", 400, exc.message)
        except StorageUnavailable as exc:
            return await refuse(
                "unavailable", 503, f"{display.clause(exc.message)}; retry later", {"Retry-After": RETRY_AFTER_S}
            )
        app_metrics.webhook(result.status)
        fields.update(outcome=result.status, email_id=result.email_id)
        misconfigured = intake.drain_misconfigured()  # once per field and process: off the hot path
        if misconfigured:
            await anyio.to_thread.run_sync(lambda: rejections.record_misconfigured(ctx, misconfigured))
        return 200, {"status": result.status, "email_id": result.email_id}, {}

    async def lean_webhook(scope: Scope, receive: Receive, send: Send) -> None:
        # POST /webhooks/zendesk as plain ASGI: the same answers as the Litestar route above
        # (answer_webhook), without Litestar's per-request objects (docs/scaling.md)
        fields = scope["state"].get(LOG_STATE, {})
        headers: dict[str, str] = {}
        for key, value in scope["headers"]:
            headers.setdefault(key.decode("latin-1"), value.decode("latin-1"))
        try:
            raw = await _read_body(receive, headers.get("content-length"), settings.max_body_bytes)
            if raw is _DISCONNECTED:
                fields["outcome"] = "disconnected"
                return
            code, doc, extra = await answer_webhook(raw, headers.get("content-type"), headers, fields)
        except Exception as exc:  # noqa: BLE001 - the one boundary, as the app's handler for other routes
            code, doc, extra = _unhandled_answer(scope["path"], exc)
        body = _ANSWER_JSON.encode(doc).encode("utf-8")
        answer_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode("ascii"))]
        answer_headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in extra.items()]
        start: HTTPResponseStartEvent = {"type": "http.response.start", "status": code, "headers": answer_headers}
        await send(start)
        end: HTTPResponseBodyEvent = {"type": "http.response.body", "body": body, "more_body": False}
        await send(end)

    @get(
        "/emails/{email_id:int}",
        sync_to_thread=True,
        guards=[token_guard],
        summary="One email's status (bearer token)",
        security=[{"bearer": []}],
        responses={401: _UNAUTHORIZED, 404: _ERROR},
    )
    def get_email(
        email_id: Annotated[int, Parameter(description="The email id from the webhook answer")],
    ) -> dict[str, Any]:
        """The same document as ``creditctl status ID --json``."""
        if not 1 <= email_id <= MAX_EMAIL_ID:
            raise NotFoundException(f"email {email_id} not found")
        try:
            return status.email_status(ctx, email_id)
        except NotFoundError:
            raise NotFoundException(f"email {email_id} not found") from None

    @get("/healthz", summary="The process is alive")
    async def healthz() -> HealthResponse:
        """Always 200 while the process serves requests."""
        return HealthResponse(status="ok")

    @get(
        "/readyz",
        sync_to_thread=True,
        summary="Able to accept and store a webhook (database reachable; a queue outage is 'degraded')",
        responses={503: ResponseSpec(data_container=ReadinessResponse, description="The database is unreachable")},
    )
    def readyz() -> Response[ReadinessResponse]:
        """200 when the database answers (a queue outage is listed in ``degraded``: webhooks
        are still stored, the sweep enqueues them later); 503 naming the database's failure."""
        report = health.readiness(ctx, queue_probe=queue_probe)
        return Response(
            ReadinessResponse(**report),
            status_code=200 if report["ready"] else 503,
            headers={} if report["ready"] else {"Retry-After": RETRY_AFTER_S},
        )

    @get(
        "/metrics",
        sync_to_thread=True,
        media_type=MediaType.TEXT,
        guards=[token_guard],
        summary="Prometheus metrics (bearer token)",
        security=[{"bearer": []}],
        responses={401: _UNAUTHORIZED},
    )
    def metrics_route() -> Response[bytes]:
        """Prometheus text exposition; see ``creditctl.metrics`` for the names."""
        body, content_type = app_metrics.render()
        return Response(body, media_type=content_type)

    def _internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
        code, doc, headers = _unhandled_answer(request.url.path, exc)
        return Response(doc, status_code=code, headers=headers)

    from creditctl.desk.routes import desk_router, not_found_page as desk_not_found

    app = CreditctlApp(
        route_handlers=[
            zendesk_webhook,
            get_email,
            healthz,
            readyz,
            metrics_route,
            desk_router(ctx, queue_probe=queue_probe),
        ],
        openapi_config=OpenAPIConfig(
            title="creditctl",
            version=_version(),
            path="/schema",
            render_plugins=[SwaggerRenderPlugin()],
            components=Components(security_schemes={"bearer": SecurityScheme(type="http", scheme="bearer")}),
        ),
        exception_handlers={
            StorageUnavailable: lambda r, e: _error(503, e.message, headers={"Retry-After": RETRY_AFTER_S}),
            Exception: _internal_error,
            HTTPException: lambda r, e: (
                desk_not_found(ctx) if e.status_code == 404 and r.url.path.startswith("/desk/") else _http_error(r, e)
            ),
        },
        request_max_body_size=settings.max_body_bytes,
        on_startup=[gc.freeze, lambda: _warm_desk(freeze_heap)] if freeze_heap else [lambda: _warm_desk(False)],
        on_shutdown=[fast_intake.aclose] if fast_intake is not None else [],
        logging_config=None,  # creditctl.logs configures logging (Litestar's default adds an unredacted root handler)
        debug=False,
    )
    app.insecure_dev = insecure_dev
    app.webhook = lean_webhook
    app.state.metrics = app_metrics
    _describe_webhook_body(app)
    return app


_DISCONNECTED = b"\x00disconnected"
"""``_read_body``'s answer when the client went away before the body was complete."""


async def _read_body(receive: Receive, content_length: str | None, limit: int) -> bytes | None:
    """The request body, None when it is larger than ``limit`` bytes (the declared length
    is checked first, as Litestar does), ``_DISCONNECTED`` when the client left."""
    if content_length is not None and content_length.strip().isdigit() and int(content_length) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":  # http.disconnect
            return _DISCONNECTED
        chunk = message["body"]
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _delivery_ids(invocation_id: str | None, raw: bytes | None) -> dict[str, str]:
    """The refused delivery's ``zendesk_invocation_id`` (the header) and ``ticket_id`` /
    ``comment_id`` (when the body is a JSON object that states them), for the request's
    log line: a 503 during an outage longer than Zendesk's retries leaves these to
    reconcile from (docs/zendesk-contract.md). Each value at most 64 characters; never raises."""
    ids: dict[str, str] = {}
    if invocation_id:
        ids["zendesk_invocation_id"] = invocation_id[:64]
    if not raw:
        return ids
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):  # a hostile body: no ids, no error
        return ids
    if isinstance(doc, dict):
        for key in ("ticket_id", "comment_id"):
            value = doc.get(key)
            if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
                ids[key] = str(value).strip()[:64]
    return ids


def _unhandled_answer(path: str, exc: Exception) -> tuple[int, dict[str, Any], dict[str, str]]:
    """The answer to an exception no handler expected: an outage is a 503 (the one boundary
    of this face, ``creditctl.outages.classify``), anything else a 500; both logged."""
    from creditctl.outages import classify

    outage = classify(exc)
    if outage is not None:
        log.warning("outage", path=path, what=outage.what, error=outage.error)
        return (
            503,
            {"status": "error", "detail": f"the {outage.what} is unavailable; try again shortly"},
            {"Retry-After": RETRY_AFTER_S},
        )
    log.error("unhandled_error", path=path, error=type(exc).__name__)
    return 500, {"status": "error", "detail": "internal error; the request was not processed, see the server log"}, {}


class _RawSchema(Schema):
    """A JSON schema taken as is (pydantic's), for the OpenAPI document: a ``Schema`` whose
    fields stay unset and whose ``to_schema`` is the raw document."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def to_schema(self) -> dict[str, Any]:
        return self.raw


def _describe_webhook_body(app: Litestar) -> None:
    """The webhook reads the raw body (the signature covers the bytes), so Litestar
    cannot infer its request body: add ``WebhookPayload``'s schema to the document."""
    openapi = app.openapi_schema  # public: the document /schema serves (built once, cached)
    schema, definitions = webhook_request_schema()
    components = openapi.components.schemas
    for name, definition in definitions.items():
        components[name] = _RawSchema(definition)
    components["WebhookPayload"] = _RawSchema(schema)
    path = (openapi.paths or {}).get("/webhooks/zendesk")
    operation = path.post if path is not None else None
    if operation is None:
        raise RuntimeError("the OpenAPI document has no POST /webhooks/zendesk")  # the route is declared above
    operation.request_body = RequestBody(
        content={
            "application/json": OpenAPIMediaType(schema=_RawSchema({"$ref": "#/components/schemas/WebhookPayload"}))
        },
        required=True,
    )


def _async_intake(ctx: AppContext) -> Any:
    """The asynchronous intake (``creditctl.adapters.async_intake``) on PostgreSQL with a
    queue, else None (SQLite, or ``CREDITCTL_ASYNC_INTAKE=false``: the threaded path)."""
    if not ctx.settings.async_intake:
        return None
    from creditctl.adapters import async_intake

    return async_intake.for_context(ctx)


def _version() -> str:
    from creditctl import __version__

    return __version__


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _content_type_problem(content_type: str | None) -> str | None:
    """None when ``content_type`` is JSON in UTF-8 (or absent: Zendesk always sends JSON),
    else the reason for a 415."""
    if not content_type:
        return None
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if media not in JSON_TYPES and not (media.startswith("application/") and media.endswith("+json")):
        return f"content type must be application/json, not {content_type[:80]!r}"
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip('"').lower() not in UTF8_CHARSETS:
            return f"charset must be utf-8, not {value.strip()[:40]!r}"
    return None


def _error(code: int, reason: str, *, headers: dict[str, str] | None = None) -> Response[Any]:
    return Response({"status": "error", "detail": reason}, status_code=code, headers=headers or {})


def _http_error(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    headers = dict(exc.headers or {})
    if exc.status_code == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="creditctl"')
    return _error(exc.status_code, str(exc.detail), headers=headers)


def _require_token(ctx: AppContext, authorization: str | None) -> None:
    """Constant-time bearer check (``hmac.compare_digest``, RFC 6750 scheme); every
    failure raises the same ``NotAuthorizedException`` (401)."""
    token = ctx.settings.api_token.get_secret_value() if ctx.settings.api_token else ""
    scheme, _, given = (authorization or "").strip().partition(" ")
    ok = hmac.compare_digest(given.strip().encode("utf-8", "replace"), token.encode("utf-8")) and bool(token)
    if not (ok and scheme.lower() == "bearer"):
        if not token:
            raise NotAuthorizedException("read routes are disabled: set CREDITCTL_API_TOKEN")
        raise NotAuthorizedException("missing or wrong bearer token")
