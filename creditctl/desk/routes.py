"""Routes of the review desk. Pages parse input, call one service function, render.

Authentication: a random session token in the HttpOnly, SameSite=Lax cookie
``creditctl_desk`` (Secure when the request came over HTTPS), checked by the router's
``before_request`` hook against ``services.users``; any page without a live session
redirects (303) to ``/desk/login``. CSRF: every form carries ``_csrf_token``, an
HMAC of the session token (or, on the login form, of a pre-login cookie) under a
secret shared by all server processes (``users.desk_secret``); a POST without the
right token gets 403 and nothing is changed. Admin pages (``/desk/ops/…``) answer 403
to reviewers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import re
import secrets
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import anyio
import anyio.to_thread
import structlog
from jinja2 import Environment, PackageLoader, select_autoescape
from litestar import MediaType, Request, Response, Router, get, post
from litestar.datastructures import Cookie
from litestar.exceptions import HTTPException
from litestar.params import FromPath
from litestar.response import Redirect, ServerSentEvent
from litestar.response.sse import ServerSentEventMessage
from litestar.static_files import create_static_files_router

from creditctl.desk.highlight import mark_evidence
from creditctl.desk.i18n import Formatter
from creditctl.desk.inert import inert_html
from creditctl.desk.reasons import family_label, family_of
from creditctl.exceptions import (
    CreditctlError,
    Forbidden,
    NeedsConfirmation,
    NotFoundError,
    StorageUnavailable,
    UsageError,
)
from creditctl.models import utcnow
from creditctl.outages import classify
from creditctl.pipeline.gate import hold_kind
from creditctl.services import status
from creditctl.services.context import AppContext
from creditctl.services.quarantine import STATES as QUARANTINE_STATES


class _LazyModule:
    """A service module imported at its first use, not when the desk's routes are built:
    ``services.review`` brings the whole reading pipeline (thousands of compiled patterns,
    seconds on a loaded machine), and ``serve`` must answer its port — webhooks, ``/healthz``,
    ``/readyz`` — as soon as it starts (``web.create_app`` warms these in a thread once it
    serves: ``WARM_MODULES``)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        import importlib

        return getattr(importlib.import_module(self._name), attr)


WARM_MODULES = ("creditctl.services.review", "creditctl.services.desk_ops", "creditctl.services.users")
"""The desk's heavy service modules, imported lazily (``_LazyModule``) and warmed after start-up."""
review: Any = _LazyModule("creditctl.services.review")
desk_ops: Any = _LazyModule("creditctl.services.desk_ops")
users: Any = _LazyModule("creditctl.services.users")


logger = structlog.get_logger(__name__)
COOKIE = "creditctl_desk"
RETRY_AFTER_S = "30"
"""Seconds a desk page answered 503 (an outage) asks the browser to wait (as the API's)."""
LOGIN_COOKIE = "creditctl_desk_login"
FLASH_COOKIE = "creditctl_desk_flash"
"""A refused decision's message for the review page the POST redirects to (read once)."""
FLASH_MAX_CHARS = 2000
PAGE_SIZE = 25
SSE_SECONDS = 300
"""A live-events stream ends after this long; the browser's EventSource reconnects."""
STATIC = Path(__file__).parent / "static"
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "object-src 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
EXPIRY_REASONS = ("expired", "expired_post", "signed_out_post")
"""Why the sign-in form was shown instead (``_login_query``): a stale session; with a form sent."""
KIND_PREFIX = "kind:"
GROUPED_KINDS = ("injection", "dispute", "enforcement", "sale", "credit", "several_totals")
"""Hold kinds whose reasons differ only by the words they quote ('Guthaben', '150,00-'):
the queue's reason filter offers each as one entry (``kind:credit``), labelled by kind."""


FAMILY_PREFIX = "family:"
"""Reasons of one figure-carrying family ("best score 0.45 below 0.60", "… 0.77 below 0.80")
are one entry of the reason filter (``family:<index>``, ``reasons.family_of``)."""


def _filter_key(item: dict[str, Any]) -> str:
    """The reason filter's entry of a waiting email: its most severe reason
    (``pipeline.gate.by_severity``) as stored — the option's stable value, labelled in the
    desk's wording (desk/reasons.py) — or, for a kind of ``GROUPED_KINDS``, ``kind:<kind>``,
    or, for a reason whose family carries figures, ``family:<index>`` (one entry, not one
    per figure)."""
    first = ((item["hold_reasons"] or item["reasons"])[:1] or [item["match_status"]])[0]
    kind = hold_kind(str(first))
    if kind in GROUPED_KINDS:
        return f"{KIND_PREFIX}{kind}"
    family = family_of(str(first))
    return f"{FAMILY_PREFIX}{family}" if family is not None else str(first)


SORTS = {
    "oldest": (lambda i: (i["received_at"] or "", i["id"]), False),
    "newest": (lambda i: (i["received_at"] or "", i["id"]), True),
    "amount": (lambda i: Decimal("-1" if i.get("amount_refused") else i["extracted"]["total"] or "-1"), True),
    "creditor": (lambda i: (_creditor(i).casefold(), i["id"]), False),
    "score": (lambda i: i["candidates"][0]["score"] if i["candidates"] else -1.0, True),
}
AGES = {"1d": (timedelta(days=1), None), "7d": (timedelta(days=7), None), "old": (None, timedelta(days=7))}


class CsrfRejected(HTTPException):
    status_code = 403
    detail = "CSRF token missing or wrong"


SEVERAL_MARKERS = (
    "several claims",
    "another claim of ours",
    "amounts without a label",
    "several different principal amounts",
)
"""Hold reasons (as stored) saying the reply names several claims or figures none of which
is told to be this claim's; with a ``several_totals`` hold (``pipeline.gate.hold_kind``)
they make the desk ask which claim a typed figure is for (``_several``)."""


def _several(reasons: Any) -> bool:
    """Whether the hold ``reasons`` say the reply names several claims or several totals."""
    return any(
        hold_kind(str(r)) == "several_totals" or any(m in str(r).casefold() for m in SEVERAL_MARKERS)
        for r in reasons or []
    )


def _creditor(item: dict[str, Any]) -> str:
    """The creditor shown for a waiting email: the one rule of ``review.pending`` (``creditor``)."""
    return str(item.get("creditor") or "")


_FIGURE = re.compile(r"-?\d{1,12}(\.\d{1,4})?")
_CURRENCY = re.compile(r"[A-Z]{3}")


def desk_router(ctx: AppContext, *, queue_probe: Callable[[], dict[str, int]] | None = None) -> Router:
    """The ``/desk`` router (pages, forms, live events, static files) around ``ctx``."""
    fmt = Formatter(ctx.settings.desk_locale, ctx.settings.office_timezone)
    env = Environment(
        loader=PackageLoader("creditctl.desk", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=fmt.t, fmt=fmt)
    secret_box: list[str] = []

    def secret() -> str:
        if not secret_box:
            secret_box.append(users.desk_secret(ctx))
        return secret_box[0]

    def csrf_for(purpose: str, value: str) -> str:
        return hmac.new(secret().encode(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    async def run(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return await anyio.to_thread.run_sync(lambda: fn(*args, **kwargs))

    def _notice(msg: str, ref: str, query: Any) -> str:
        """The line after a decision; an approval names the change as the CLI does
        (``E-Mail 11 freigegeben: Forderung 4.312,77 € → 4.350,10 €.``) when the redirect
        carries it (``old``, ``new``, ``cur``; anything not a figure or code is ignored)."""
        new, old, cur = query.get("new", ""), query.get("old", ""), query.get("cur", "EUR")
        kept, claim = query.get("kept", ""), query.get("claim", "")
        if msg == "rejected" and _FIGURE.fullmatch(kept) and claim.isdigit() and _CURRENCY.fullmatch(cur):
            # rejecting changed no claim: the claim keeps this email's figure; "undo" reverts it
            before = fmt.money(old, cur) if _FIGURE.fullmatch(old) else "—"
            return fmt.t("msg_rejected_kept", ref=ref, claim=claim, kept=fmt.money(kept, cur), old=before)
        if msg != "approved" or not _FIGURE.fullmatch(new) or not _CURRENCY.fullmatch(cur):
            return fmt.t(f"msg_{msg}", ref=ref)
        before = fmt.money(old, cur) if _FIGURE.fullmatch(old) else "—"
        return fmt.t("msg_approved_change", ref=ref, old=before, new=fmt.money(new, cur))

    def page(
        request: Request[Any, Any, Any],
        template: str,
        *,
        status_code: int = 200,
        cookies: list[Cookie] | None = None,
        headers: dict[str, str] | None = None,
        **context: Any,
    ) -> Response[str]:
        person = getattr(request.state, "desk_person", None)
        token = getattr(request.state, "desk_token", None)
        if "csrf_token" not in context:
            context["csrf_token"] = csrf_for("session", token) if token else ""
        msg = request.query_params.get("msg")
        ref = request.query_params.get("ref", "")
        if msg in ("approved", "rejected", "sold", "undone", "retried", "q_replayed", "q_dismissed") and (
            "notice" not in context
        ):
            context["notice"] = _notice(msg, ref if ref.isdigit() else "", request.query_params)
        html = env.get_template(template).render(person=person, path=request.url.path, now=utcnow(), **context)
        return Response(
            html,
            media_type=MediaType.HTML,
            status_code=status_code,
            headers={**SECURITY_HEADERS, **(headers or {})},
            cookies=cookies or [],
        )

    def secure(request: Request[Any, Any, Any]) -> bool:
        return request.url.scheme == "https"

    async def authenticate(request: Request[Any, Any, Any]) -> Response[Any] | None:
        path = request.url.path
        if path == "/desk/login" or path.startswith("/desk/static/"):
            return None
        token = request.cookies.get(COOKIE)
        person = await run(users.session_person, ctx, token)
        if person is None:
            query = _login_query(request, token)
            if request.method == "POST" and _DECISION_PATH.fullmatch(path) and path.endswith("/approve"):
                # the typed amount comes back into the form after sign-in (never applied by it)
                typed = " ".join(str((await request.form()).get("amount") or "").split())[:40]
                if typed:
                    query["next"] += "?" + urlencode({"typed": typed})
            return Redirect(f"/desk/login?{urlencode(query)}", status_code=303)
        request.state.desk_person = person
        request.state.desk_token = token
        if path.startswith("/desk/ops") and not person.is_admin:
            return page(request, "error.html", status_code=403, message=fmt.t("forbidden"))
        if request.method == "POST" and path != "/desk/logout" and not person.may_decide:
            # a read-only viewer: no decision route runs (the services refuse it too)
            logger.info("read_only_refused", path=path, person=person.name)
            return page(request, "error.html", status_code=403, message=fmt.t("read_only"))
        return None

    async def checked_form(request: Request[Any, Any, Any], purpose: str = "session") -> dict[str, str]:
        """The POSTed form after the CSRF check (raises ``CsrfRejected``: 403)."""
        form = await request.form()
        given = str(form.get("_csrf_token") or "")
        basis = request.cookies.get(LOGIN_COOKIE) if purpose == "login" else getattr(request.state, "desk_token", None)
        if not basis or not hmac.compare_digest(given.encode(), csrf_for(purpose, basis).encode()):
            raise CsrfRejected()
        return {k: str(v) for k, v in form.items()}

    def csrf_rejected(request: Request[Any, Any, Any], exc: CsrfRejected) -> Response[str]:
        return page(request, "error.html", status_code=403, message=fmt.t("csrf_failed"))

    def unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[str]:
        """The desk's error boundary (the HTML face of ``creditctl.web._unhandled_answer``):
        an outage (``creditctl.outages.classify``) is a 503 page with Retry-After, anything
        else a 500 page; both logged, neither shows the exception."""
        outage = classify(exc)
        if outage is not None or isinstance(exc, StorageUnavailable):
            what = outage.what if outage is not None else "database"
            logger.warning("outage", path=request.url.path, what=what, error=outage.error if outage else str(exc))
            key = "database_down" if what == "database" else "queue_down"
            return page(
                request, "error.html", status_code=503, headers={"Retry-After": RETRY_AFTER_S}, message=fmt.t(key)
            )
        logger.error("unhandled_error", path=request.url.path, error=type(exc).__name__)
        return page(request, "error.html", status_code=500, message=fmt.t("internal_error"))

    def error_status(exc: CreditctlError) -> int:
        if isinstance(exc, NotFoundError):
            return 404
        if isinstance(exc, Forbidden):
            return 403
        if isinstance(exc, UsageError):
            return 400
        return 409

    # sign-in -------------------------------------------------------------------------

    @get("/login")
    async def login_form(request: Request[Any, Any, Any]) -> Response[str]:
        """The sign-in form (fields ``username``, ``password``, ``_csrf_token``)."""
        basis = request.cookies.get(LOGIN_COOKIE)
        cookies = []
        if not basis or len(basis) > 100:
            basis = secrets.token_urlsafe(24)
            cookies.append(
                Cookie(
                    key=LOGIN_COOKIE,
                    value=basis,
                    path="/desk",
                    httponly=True,
                    samesite="lax",
                    secure=secure(request),
                    max_age=3600,
                )
            )
        return page(
            request,
            "login.html",
            cookies=cookies,
            csrf_token=csrf_for("login", basis),
            next=_safe_next(request.query_params.get("next")),
            error=fmt.t("session_" + why) if (why := request.query_params.get("why")) in EXPIRY_REASONS else None,
        )

    @post("/login", status_code=303)
    async def login(request: Request[Any, Any, Any]) -> Response[Any]:
        """Sign in; on success a session cookie and a redirect to ``next`` (or the queue)."""
        form = await checked_form(request, "login")
        address = request.client.host if request.client else "unknown"
        try:
            token, _person = await run(
                users.sign_in, ctx, name=form.get("username", ""), password=form.get("password", ""), address=address
            )
        except users.TooManyAttempts:
            return page(
                request,
                "login.html",
                status_code=429,
                error=fmt.t("login_throttled"),
                csrf_token=form["_csrf_token"],
                next=_safe_next(form.get("next")),
            )
        except users.LoginRefused:
            return page(
                request,
                "login.html",
                status_code=401,
                error=fmt.t("login_failed"),
                csrf_token=form["_csrf_token"],
                next=_safe_next(form.get("next")),
                username=form.get("username", ""),
            )
        answer = Redirect(
            _safe_next(form.get("next")),
            status_code=303,
            cookies=[
                Cookie(
                    key=COOKIE,
                    value=token,
                    path="/desk",
                    httponly=True,
                    samesite="lax",
                    secure=secure(request),
                    max_age=int(users.SESSION_TTL.total_seconds()),
                )
            ],
        )
        answer.delete_cookie(LOGIN_COOKIE, path="/desk")
        return answer

    @post("/logout", status_code=303)
    async def logout(request: Request[Any, Any, Any]) -> Response[Any]:
        """End the session (its row is deleted) and return to the sign-in form."""
        await checked_form(request)
        await run(users.sign_out, ctx, request.state.desk_token)
        answer = Redirect("/desk/login", status_code=303)
        answer.delete_cookie(COOKIE, path="/desk")
        return answer

    @get("/")
    async def home() -> Redirect:
        return Redirect("/desk/review", status_code=303)

    # the queue -----------------------------------------------------------------------

    @get("/review")
    async def queue(request: Request[Any, Any, Any]) -> Response[str]:
        """Held emails, one line each: filters ``q`` (search: ``_found``), ``reason``,
        ``creditor``, ``age`` (1d | 7d | old), ``sort`` (oldest | newest | amount | creditor | score), ``page``."""
        q = request.query_params
        reason, creditor = (q.get("reason") or "").strip(), (q.get("creditor") or "").strip()
        search = " ".join((q.get("q") or "").split())[:200]
        age, sort = q.get("age") or "", q.get("sort") or "oldest"
        sort = sort if sort in SORTS else "oldest"
        page_text = q.get("page") or ""
        number = int(page_text) if page_text.isdigit() and int(page_text) > 0 else 1
        now = utcnow()
        younger, older = AGES.get(age, (None, None))
        everything = await run(review.pending, ctx)
        grouped = reason.startswith((KIND_PREFIX, FAMILY_PREFIX))
        items = await run(
            review.pending,
            ctx,
            creditor=creditor or None,
            reason=None if grouped else reason or None,
            search=search or None,
            since=now - younger if younger else None,
            until=now - older if older else None,
        )
        if grouped:
            items = [i for i in items if _filter_key(i) == reason]
        key, descending = SORTS[sort]
        items.sort(key=key, reverse=descending)
        pages = max(1, -(-len(items) // PAGE_SIZE))
        number = min(number, pages)
        reasons: dict[str, int] = {}
        # the most severe reason of each (pipeline.gate.by_severity), grouped (``_filter_key``)
        for item in everything:
            entry = _filter_key(item)
            reasons[entry] = reasons.get(entry, 0) + 1
        filters = {"q": search, "reason": reason, "creditor": creditor, "age": age, "sort": sort}
        return page(
            request,
            "queue.html",
            items=items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE],
            total=len(everything),
            shown=len(items),
            reasons=sorted(reasons.items(), key=lambda kv: -kv[1]),
            filters=filters,
            page_number=number,
            pages=pages,
            creditor_of=_creditor,
            reason_label=lambda r: (
                fmt.t("hold_kind_" + r[len(KIND_PREFIX) :])
                if r.startswith(KIND_PREFIX)
                else family_label(int(r[len(FAMILY_PREFIX) :]), fmt)
                if r.startswith(FAMILY_PREFIX)
                else fmt.reason(r)
            ),
            refused_why=lambda item: "; ".join(
                fmt.reason(w) for w in (item.get("offer") or {}).get("withheld") or [] if w
            ),
            query=lambda **kw: "?" + urlencode({k: v for k, v in {**filters, **kw}.items() if v}),
        )

    @get("/review/count")
    async def queue_count() -> Response[str]:
        """The number of held emails (the live badge in the header)."""
        return Response(
            str(len(await run(review.pending, ctx))), media_type=MediaType.TEXT, headers={"Cache-Control": "no-store"}
        )

    # one email -----------------------------------------------------------------------

    async def review_page(
        request: Request[Any, Any, Any],
        email_id: int,
        *,
        error: str | None = None,
        status_code: int = 200,
        **form_state: Any,
    ) -> Response[str]:
        """The review page; ``form_state``: ``confirm`` (show the "apply despite the
        deviation" checkbox), ``typed`` (the amount typed), ``chosen_claim``;
        ``not_applied`` (the stored note of an approval a newer email's write won over) with
        ``newer_claim`` (the claim it was refused for: the "apply anyway" checkbox is about
        that claim only); ``mismatch``
        (the override's second step: its form open, filled in as sent, with the "apply
        despite the mismatch" checkbox), ``override_claim``, ``override_reason``; ``sale_claim``
        (the claim another waiting email reports sold or enforced: the sale's own checkbox,
        naming that claim, in the form that was sent)."""
        try:
            doc = await run(review.detail, ctx, email_id)
        except NotFoundError:
            return page(request, "error.html", status_code=404, message=fmt.t("not_found"))
        creditors = await run(review.creditor_names, ctx) if doc["waiting"] else []
        claim_q = " ".join((request.query_params.get("claim_q") or "").split())[:120]
        person = getattr(request.state, "desk_person", None)
        searching = bool(claim_q) and doc["waiting"] and person is not None and person.is_admin
        claim_hits = await run(review.claim_matches, ctx, claim_q) if searching else []
        if request.query_params.get("pick", "").isdigit() and "override_claim" not in form_state:
            form_state["override_claim"] = request.query_params["pick"]
        reply = doc["cleaned"]["reply"] or doc["body_text"] or ""
        suspicious = [{"field": "injection", "text": line} for line in doc["suspicious"]]
        body_evidence = [e for e in doc["extracted"]["evidence"] if e.get("source") == "body"]
        marked, unplaced = mark_evidence(reply, suspicious + body_evidence, fmt.field)
        unplaced = [e for e in unplaced if e.get("field") != "injection"]
        signature, _ = mark_evidence(doc["cleaned"]["signature"], suspicious + doc["extracted"]["evidence"], fmt.field)
        original = inert_html(doc["body_html"]) if doc["body_html"] else None
        unplaced += [e for e in doc["extracted"]["evidence"] if e.get("source") != "body"]
        # an attempt a newer email's write won over is shown once, to the person whose
        # response it was (``form_state``'s ``not_applied``); the action log keeps it
        return page(
            request,
            "review.html",
            status_code=status_code,
            doc=doc,
            reply=marked,
            signature=signature,
            unplaced=unplaced,
            original=original,
            error=error,
            not_applied=form_state.get("not_applied"),
            newer_claim=form_state.get("newer_claim"),
            creditors=creditors,
            claim_q=claim_q,
            claim_hits=claim_hits,
            reassign=form_state.get("reassign", False),
            several=_several(doc["hold_reasons"]) if doc["waiting"] else False,
            ask_claim=form_state.get("several", False),
            confirm=form_state.get("confirm", False),
            typed=form_state.get("typed"),
            chosen_claim=form_state.get("chosen_claim"),
            mismatch=form_state.get("mismatch", False),
            mismatch_claim=form_state.get("mismatch_claim"),
            sale_claim=form_state.get("sale_claim"),
            override_claim=form_state.get("override_claim"),
            override_reason=form_state.get("override_reason"),
        )

    def flash_signature(encoded: str, request: Request[Any, Any, Any]) -> str:
        return csrf_for(f"flash:{getattr(request.state, 'desk_token', '')}", encoded)

    def refused(request: Request[Any, Any, Any], email_id: int, error: str, **form_state: Any) -> Redirect:
        """A refused decision: a redirect (303) back to the review page, which shows ``error``
        and ``form_state`` once (a signed, session-bound cookie), so a reload never re-posts."""
        doc = {"email_id": email_id, "error": error[:FLASH_MAX_CHARS], **form_state}
        encoded = base64.urlsafe_b64encode(json.dumps(doc).encode()).decode("ascii")
        cookie = Cookie(
            key=FLASH_COOKIE,
            value=f"{encoded}.{flash_signature(encoded, request)}",
            path="/desk",
            httponly=True,
            samesite="lax",
            secure=secure(request),
            max_age=300,
        )
        return Redirect(f"/desk/review/{email_id}", status_code=303, cookies=[cookie])

    def flashed(request: Request[Any, Any, Any], email_id: int) -> dict[str, Any] | None:
        """The refusal ``refused`` left for this email's page, None without a valid one."""
        encoded, _, signature = (request.cookies.get(FLASH_COOKIE) or "").partition(".")
        if not encoded or not hmac.compare_digest(signature.encode(), flash_signature(encoded, request).encode()):
            return None
        try:
            doc = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
        except ValueError:
            return None
        return doc if isinstance(doc, dict) and doc.pop("email_id", None) == email_id else None

    @get("/review/{email_id:int}")
    async def review_item(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        """The review page of one email (with a refused decision's message, once)."""
        flash = flashed(request, email_id) if FLASH_COOKIE in request.cookies else None
        typed = " ".join((request.query_params.get("typed") or "").split())[:40]
        if flash is None and typed:  # an amount typed before the session ended: shown, nothing confirmed
            flash = {"typed": typed}
        answer = await review_page(request, email_id, **(flash or {}))
        if FLASH_COOKIE in request.cookies:
            answer.delete_cookie(FLASH_COOKIE, path="/desk")
        return answer

    async def after_decision(email_id: int, msg: str, change: dict[str, Any] | None = None) -> Redirect:
        waiting = await run(review.pending, ctx)
        following = next((i["id"] for i in waiting if i["id"] != email_id), None)
        target = f"/desk/review/{following}" if following else "/desk/review"
        query = {"msg": msg, "ref": email_id, **{k: v for k, v in (change or {}).items() if v is not None}}
        return Redirect(f"{target}?{urlencode(query)}", status_code=303)

    async def decide(
        request: Request[Any, Any, Any], decision: Any, email_id: int, **fields: Any
    ) -> Response[Any] | None:
        """Run one review decision (``review.approve``/``reject``/``undo``) as the signed-in
        person from the desk; None when it was done, else a redirect (303) to the review page,
        which shows the refusal (``refused``)."""
        person = request.state.desk_person
        try:
            await run(
                decision, ctx, email_id=email_id, operator=person.name, role=person.role, channel="desk", **fields
            )
        except CreditctlError as exc:
            return refused(request, email_id, exc.message)
        return None

    @post("/review/{email_id:int}/approve", status_code=303)
    async def approve(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        """Fields ``claim_id``, optional ``amount``, ``override`` (1) with ``reason``,
        ``confirm_change`` (1: apply a typed amount outside the plausibility bounds),
        ``override_newer`` (the claim id the refusal was about: apply over a newer email's
        write, logged; any other value is ignored), ``confirm_mismatch``
        (1: an override onto a claim that does not fit the email, logged), ``confirm_sale`` (the
        claim id: another waiting email reports it sold, assigned or under enforcement, logged;
        any other value is ignored), ``confirm_claim``
        (the claim id: on an email whose hold reasons say several claims or several totals,
        ``_several``, the caseworker confirmed the figure is this claim's; without it the page
        asks, the choice kept). An amount that
        needs confirmation, and any refusal, redirects (303) to the page, which shows the
        message (and the checkbox); an approval a newer email
        won over returns to this email's page, which shows it as a warning."""
        form = await checked_form(request)
        claim = (form.get("claim_id") or "").strip()
        if form.get("override") == "1" and claim and not claim.isdigit():
            # reassignment by the creditor's reference or file number + creditor: one claim, or
            # the candidates listed and nothing changed (``review.resolve_claim``)
            try:
                claim = str(await run(review.resolve_claim, ctx, claim))
            except CreditctlError as exc:
                return refused(
                    request,
                    email_id,
                    fmt.reason(exc.message),
                    reassign=True,
                    typed=(form.get("amount") or "").strip() or None,
                    override_claim=claim[:120],
                    override_reason=form.get("reason") or "",
                )
        if not claim.isdigit():
            return refused(request, email_id, "claim_id?")
        typed = (form.get("amount") or "").strip() or None
        if typed is None:  # the form pre-fills every figure it may offer: an empty field is no decision
            return refused(request, email_id, fmt.t("amount_missing"), chosen_claim=int(claim))
        if not any(ch.isdigit() for ch in typed):  # "abc": no figure at all, not an ambiguous one
            return refused(
                request, email_id, fmt.t("amount_not_a_number", typed=typed[:40]), typed=typed, chosen_claim=int(claim)
            )
        if form.get("override") != "1" and form.get("confirm_claim") != claim:
            try:
                held: dict[str, Any] = await run(review.detail, ctx, email_id)
            except NotFoundError as exc:
                return refused(request, email_id, exc.message)
            if held["waiting"] and _several(held["hold_reasons"]):  # which claim is the figure for? asked once
                return refused(request, email_id, "", several=True, typed=typed, chosen_claim=int(claim))
        person = request.state.desk_person
        try:
            doc = await run(
                review.approve,
                ctx,
                email_id=email_id,
                operator=person.name,
                role=person.role,
                channel="desk",
                claim_id=int(claim),
                amount_text=typed,
                override=form.get("override") == "1",
                reason=form.get("reason"),
                # the box carries the figure it was offered for; another amount needs its own
                confirmed_amount=form.get("confirm_change") or None,
                # the box names the claim it was offered for; ticked for another, it is ignored
                override_newer=form.get("override_newer") == claim,
                confirm_mismatch=form.get("confirm_mismatch") == ("1" if form.get("override") == "1" else claim),
                # its own box, naming the claim another waiting email reports sold (``approval_confirmations``)
                confirm_sale=form.get("confirm_sale") == claim,
            )
        except NeedsConfirmation as exc:
            amounts = exc.context
            if "sale" in amounts:  # another waiting email reports the claim sold or enforced: its own box
                return _sale_step(fmt, refused, request, email_id, form, claim, amounts, typed)
            if amounts.get("candidate"):  # a candidate whose creditor does not fit: a second step here
                problems = "; ".join(fmt.reason(p) for p in amounts["mismatch"])  # type: ignore[attr-defined]
                return refused(
                    request,
                    email_id,
                    fmt.t("mismatch_confirmation", problems=problems),
                    typed=typed,
                    chosen_claim=int(claim),
                    mismatch_claim=int(claim),
                    **_carried(form, claim),
                )
            if "mismatch" in amounts:  # an override onto a claim that does not fit: a second step
                mismatch: Any = amounts["mismatch"]
                problems = "; ".join(fmt.reason(p) for p in mismatch)
                return refused(
                    request,
                    email_id,
                    fmt.t("mismatch_confirmation", problems=problems),
                    mismatch=True,
                    typed=typed,
                    override_claim=int(claim),
                    override_reason=form.get("reason") or "",
                )
            wording = fmt.t(
                "needs_confirmation", amount=fmt.money(amounts.get("amount")), stored=fmt.money(amounts.get("stored"))
            )
            if amounts.get("confirmed") is not None:  # ticked for another figure
                other = fmt.t(
                    "confirmation_other",
                    confirmed=fmt.money(amounts.get("confirmed")),
                    amount=fmt.money(amounts.get("amount")),
                )
                wording = other + wording
            return refused(
                request,
                email_id,
                wording,
                confirm=str(amounts.get("amount")),
                typed=typed,
                chosen_claim=int(claim),
                **({"mismatch_claim": int(claim)} if form.get("confirm_mismatch") == claim else {}),
                **({"sale_claim": int(claim)} if form.get("confirm_sale") == claim else {}),
            )
        except CreditctlError as exc:
            return refused(request, email_id, exc.message, typed=typed, chosen_claim=int(claim))
        if not doc["applied"]:  # a newer email's write won: shown once, the choice kept
            note = f"{doc['requested_amount']} {doc['currency']} {doc['message']}"
            return refused(
                request, email_id, "", not_applied=note, typed=typed, chosen_claim=int(claim), newer_claim=int(claim)
            )
        change = {"old": doc.get("old_amount"), "new": doc.get("new_amount"), "cur": doc.get("currency")}
        return await after_decision(email_id, "approved", change)

    @post("/review/{email_id:int}/reject", status_code=303)
    async def reject(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        """Field ``reason`` (required)."""
        form = await checked_form(request)
        person = request.state.desk_person
        try:
            doc = await run(
                review.reject,
                ctx,
                email_id=email_id,
                operator=person.name,
                role=person.role,
                channel="desk",
                reason=form.get("reason", ""),
            )
        except CreditctlError as exc:
            return refused(request, email_id, exc.message)
        kept = doc.get("claim_kept")  # a claim still holds this email's figure: said, with the way back
        change = (
            {"claim": kept["claim_id"], "kept": kept["amount"], "old": kept["restores"], "cur": kept["currency"]}
            if kept
            else None
        )
        return await after_decision(email_id, "rejected", change)

    @post("/review/{email_id:int}/sold", status_code=303)
    async def sold(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        """Fields ``claim_id``, ``holder`` (required), optional ``holder_reference`` and
        ``holder_email``: record the claim's new holder (``review.sold``)."""
        form = await checked_form(request)
        claim = form.get("claim_id", "")
        email = form.get("holder_email", "").strip()
        refused = await decide(
            request,
            review.sold,
            email_id,
            holder=form.get("holder", ""),
            holder_reference=form.get("holder_reference") or None,
            holder_emails=[email] if email else [],
            claim_id=int(claim) if claim.isdigit() else None,
        )
        return refused or await after_decision(email_id, "sold")

    @post("/review/{email_id:int}/undo", status_code=303)
    async def undo(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        """Revert the applied update (or reopen a rejection); the email returns to the queue."""
        form = await checked_form(request)
        person = request.state.desk_person
        try:
            await run(
                review.undo,
                ctx,
                email_id=email_id,
                operator=person.name,
                role=person.role,
                channel="desk",
                reason=form.get("reason"),
                # the box names the decision it was shown for (its action-log id)
                confirm_other=bool(form.get("confirm_other"))
                and form.get("confirm_other") == _decision_id(await run(review.detail, ctx, email_id)),
            )
        except NeedsConfirmation as exc:
            other = exc.context
            wording = fmt.t("other_confirmation", who=other.get("decided_by"), when=fmt.when(other.get("at")))  # type: ignore[arg-type]
            return refused(request, email_id, wording)
        except CreditctlError as exc:
            return refused(request, email_id, exc.message)
        return Redirect(f"/desk/review/{email_id}?{urlencode({'msg': 'undone', 'ref': email_id})}", status_code=303)

    # operations (admin) --------------------------------------------------------------

    @get("/ops")
    async def overview(request: Request[Any, Any, Any]) -> Response[str]:
        """Counts per state, oldest unfinished, workers, queue, quarantine."""
        depth = None
        if queue_probe is not None:
            try:
                depth = await run(queue_probe)
            except Exception:  # noqa: BLE001  (any queue failure: shown as "—", not raised)
                depth = None
        doc = await run(status.system_status, ctx, queue_depth=depth)
        return page(request, "ops/overview.html", doc=doc)

    @get("/ops/failed")
    async def failed(request: Request[Any, Any, Any]) -> Response[str]:
        return page(request, "ops/failed.html", rows=await run(desk_ops.failed_emails, ctx))

    @post("/ops/failed/{email_id:int}/retry", status_code=303)
    async def retry(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[Any]:
        await checked_form(request)
        person = request.state.desk_person
        try:
            await run(desk_ops.retry_failed, ctx, email_id=email_id, person=person.name, role=person.role)
        except CreditctlError as exc:
            return page(
                request,
                "ops/failed.html",
                status_code=error_status(exc),
                error=exc.message,
                rows=await run(desk_ops.failed_emails, ctx),
            )
        return Redirect(f"/desk/ops/failed?{urlencode({'msg': 'retried', 'ref': email_id})}", status_code=303)

    @get("/ops/quarantine")
    async def quarantine(request: Request[Any, Any, Any]) -> Response[str]:
        """Quarantined bodies with their state (offen / wiederholt / verworfen, who and when),
        ``?status=waiting|replayed|dismissed`` filters (anything else: every state)."""
        wanted = request.query_params.get("status") or None
        chosen = wanted if wanted in QUARANTINE_STATES else None
        rows = await run(desk_ops.quarantined, ctx, status=chosen)
        return page(request, "ops/quarantine.html", rows=rows, status=chosen, states=QUARANTINE_STATES)

    @get("/ops/quarantine/{quarantine_id:int}")
    async def quarantine_item(request: Request[Any, Any, Any], quarantine_id: FromPath[int]) -> Response[str]:
        """One quarantined body with its two actions (``creditctl quarantine replay`` /
        ``dismiss``), each behind a confirmation box."""
        try:
            doc = await run(desk_ops.quarantined_one, ctx, quarantine_id)
        except NotFoundError:
            return page(request, "error.html", status_code=404, message=fmt.t("not_found"))
        return page(request, "ops/quarantine_item.html", q=doc, body=doc["raw_body"], reason="")

    async def quarantine_refused(
        request: Request[Any, Any, Any], quarantine_id: int, error: str, status_code: int, **kept: str
    ) -> Response[str]:
        """The item's page again with ``error`` and what the person typed; nothing was done."""
        try:
            doc = await run(desk_ops.quarantined_one, ctx, quarantine_id)
        except NotFoundError:
            return page(request, "error.html", status_code=404, message=fmt.t("not_found"))
        return page(
            request,
            "ops/quarantine_item.html",
            status_code=status_code,
            error=error,
            q=doc,
            body=kept.get("body", doc["raw_body"]),
            reason=kept.get("reason", ""),
        )

    async def quarantine_action(
        request: Request[Any, Any, Any], quarantine_id: int, action: Callable[..., Any], field: str, done: str
    ) -> Response[Any]:
        """One confirmed quarantine action of the desk (``desk_ops``' replay or dismiss, the
        CLI's own functions): the form's ``field`` (the corrected body or the reason) is kept
        on the page when the confirmation is missing or the action is refused."""
        form = await checked_form(request)
        person = request.state.desk_person
        value = form.get(field, "")
        if not form.get("confirm"):
            return await quarantine_refused(request, quarantine_id, fmt.t("q_confirm_missing"), 400, **{field: value})
        try:
            await run(action, ctx, quarantine_id=quarantine_id, person=person.name, role=person.role, **{field: value})
        except CreditctlError as exc:
            return await quarantine_refused(request, quarantine_id, exc.message, error_status(exc), **{field: value})
        return Redirect(f"/desk/ops/quarantine?{urlencode({'msg': done, 'ref': quarantine_id})}", status_code=303)

    @post("/ops/quarantine/{quarantine_id:int}/replay", status_code=303)
    async def quarantine_replay(request: Request[Any, Any, Any], quarantine_id: FromPath[int]) -> Response[Any]:
        return await quarantine_action(request, quarantine_id, desk_ops.replay_quarantined, "body", "q_replayed")

    @post("/ops/quarantine/{quarantine_id:int}/dismiss", status_code=303)
    async def quarantine_dismiss(request: Request[Any, Any, Any], quarantine_id: FromPath[int]) -> Response[Any]:
        return await quarantine_action(request, quarantine_id, desk_ops.dismiss_quarantined, "reason", "q_dismissed")

    @get("/ops/email/{email_id:int}")
    async def story(request: Request[Any, Any, Any], email_id: FromPath[int]) -> Response[str]:
        """What ``creditctl status ID`` shows."""
        try:
            doc = await run(status.email_status, ctx, email_id)
        except NotFoundError:
            return page(request, "error.html", status_code=404, message=fmt.t("not_found"))
        return page(request, "ops/email.html", doc=doc)

    @get("/ops/events")
    async def events(request: Request[Any, Any, Any]) -> Response[str]:
        """The newest events; with JavaScript, new ones arrive live (server-sent events)."""
        rows = await run(status.events_after, ctx, since=utcnow() - timedelta(days=2), limit=100_000)
        rows = rows[-100:][::-1]
        return page(request, "ops/events.html", rows=rows, last_id=rows[0]["id"] if rows else 0)

    @get("/ops/events/stream")
    async def events_stream(request: Request[Any, Any, Any]) -> ServerSentEvent:
        """``text/event-stream`` of events after ``after`` (or ``Last-Event-ID``), what
        ``creditctl tail -f`` prints; ends after ``SSE_SECONDS`` (the browser reconnects)."""
        raw = request.headers.get("last-event-id") or request.query_params.get("after") or "0"
        start = int(raw) if raw.isdigit() else 0

        async def feed() -> AsyncIterator[ServerSentEventMessage]:
            after = start
            deadline = time.monotonic() + SSE_SECONDS
            while time.monotonic() < deadline:
                for e in await run(status.events_after, ctx, after_id=after, limit=200):
                    after = e["id"]
                    yield ServerSentEventMessage(
                        data=json.dumps(
                            {
                                **e,
                                "at_local": fmt.moment(e["at"]),
                                "kind_local": fmt.event_kind(e["kind"]),
                                "from_local": fmt.status_name(e["from_status"]),
                                "to_local": fmt.status_name(e["to_status"]),
                                "message_local": fmt.reason(e["message"]),
                            }
                        ),
                        id=e["id"],
                        event="event",
                    )
                await anyio.sleep(1.0)

        return ServerSentEvent(feed(), headers={"Cache-Control": "no-store"})

    @get("/ops/log")
    async def log(request: Request[Any, Any, Any]) -> Response[str]:
        """The action log of every person's decisions."""
        return page(request, "ops/log.html", rows=await run(review.action_log, ctx, limit=500))

    static = create_static_files_router(
        path="/static", directories=[STATIC], name="desk-static", include_in_schema=False
    )
    return Router(
        path="/desk",
        route_handlers=[
            login_form,
            login,
            logout,
            home,
            queue,
            queue_count,
            review_item,
            approve,
            reject,
            sold,
            undo,
            overview,
            failed,
            retry,
            quarantine,
            quarantine_item,
            quarantine_replay,
            quarantine_dismiss,
            story,
            events,
            events_stream,
            log,
            static,
        ],
        before_request=authenticate,
        exception_handlers={CsrfRejected: csrf_rejected, StorageUnavailable: unexpected, Exception: unexpected},
        include_in_schema=False,
    )


def not_found_page(ctx: AppContext) -> Response[str]:
    """The desk's answer to an address under ``/desk/`` no route serves: a 404 page in the
    desk's language with a link to the queue (never the API's JSON)."""
    fmt = Formatter(ctx.settings.desk_locale, ctx.settings.office_timezone)
    lang = html.escape(fmt.lang)
    body = (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(fmt.t("not_found"))}'
        f'</title></head><body><main><p class="error" role="alert">{html.escape(fmt.t("page_not_found"))}</p>'
        f'<p><a href="/desk/review">{html.escape(fmt.t("queue"))}</a></p></main></body></html>'
    )
    return Response(body, status_code=404, media_type=MediaType.HTML, headers={"Cache-Control": "no-store"})


_DECISION_PATH = re.compile(r"(/desk/review/\d+)/(?:approve|reject|sold|undo)")


def _login_query(request: Request[Any, Any, Any], token: str | None) -> dict[str, str]:
    """Where the sign-in form sends a person without a live session, and what it tells
    them: ``next`` is the page asked for (a GET), or for a POST the page the form was on
    (a decision's email page, else the queue; a POST is never replayed); ``why`` is
    ``expired`` (a session cookie that no longer counts), ``expired_post`` (and a
    decision or form was not carried out) or ``signed_out_post`` (a form sent without any
    session: not signed in, nothing carried out)."""
    path = request.url.path
    if request.method == "GET":
        query = {"next": path + (f"?{request.url.query}" if request.url.query else "")}
        return {**query, "why": "expired"} if token else query
    decision = _DECISION_PATH.fullmatch(path)
    # a POST without any session cookie was never signed in; one with a stale cookie expired
    return {
        "next": decision.group(1) if decision else "/desk/review",
        "why": "expired_post" if token else "signed_out_post",
    }


def _decision_id(doc: dict[str, Any]) -> str | None:
    """The action-log id of the decision ``doc`` (``review.detail``) stands on, as a form sends it."""
    decision = doc.get("decision")
    return str(decision["id"]) if decision else None


def _sale_step(
    fmt: Formatter,
    refused: Any,
    request: Any,
    email_id: int,
    form: dict[str, str],
    claim: str,
    needed: dict[str, Any],
    typed: str | None,
) -> Any:
    """The second step of an approval onto a claim another waiting email reports sold, assigned
    or under enforcement (``review.approval_confirmations``' ``sale``): the page says why and
    shows the sale's own box naming the claim (``confirm_sale``), and the mismatch box too when
    the same approval also needs that (``mismatch``) or it was ticked."""
    say = "; ".join(fmt.reason(p) for p in needed["sale"])
    wording = fmt.t("sale_confirmation", problems=say)
    if needed.get("mismatch"):
        wording = (
            fmt.t("mismatch_confirmation", problems="; ".join(fmt.reason(p) for p in needed["mismatch"]))
            + " "
            + wording
        )
    mismatch_too = bool(needed.get("mismatch")) or form.get("confirm_mismatch") in (claim, "1")
    if form.get("override") == "1":
        return refused(
            request,
            email_id,
            wording,
            mismatch=mismatch_too,
            sale_claim=int(claim),
            typed=typed,
            override_claim=int(claim),
            override_reason=form.get("reason") or "",
        )
    return refused(
        request,
        email_id,
        wording,
        typed=typed,
        chosen_claim=int(claim),
        sale_claim=int(claim),
        **({"mismatch_claim": int(claim)} if mismatch_too else {}),
        **_carried(form, claim),
    )


def _carried(form: dict[str, str], claim: str) -> dict[str, Any]:
    """The confirmations a second step keeps (the amount confirmed, when the claim is the same)."""
    confirmed = form.get("confirm_change")
    return {"confirm": confirmed} if confirmed and confirmed != "1" else {}


def _safe_next(target: str | None) -> str:
    """Only a desk path (never another host) is a valid place to return to."""
    if target and target.startswith("/desk/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/desk/review"
