"""People of the review desk: accounts, sign-in with rate limiting, sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults); a session is a random
token in an HttpOnly cookie, of which only the SHA-256 is stored (``desk_sessions``),
so a database read does not hand out live sessions. Failed sign-ins are counted per
account and per address over ``FAILURE_WINDOW``; above ``MAX_FAILURES_PER_ACCOUNT`` /
``MAX_FAILURES_PER_ADDRESS`` every attempt is refused (even with the right password)
until the window has passed, or until an admin lifts an account's lock
(``unlock_user``, ``creditctl users unlock NAME``).
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError

from creditctl.db import rowcount, session_scope
from creditctl.exceptions import Forbidden, NotFoundError, Refused, UsageError
from creditctl.models import DeskKey, DeskLoginFailure, DeskSession, DeskUser, utcnow
from creditctl.services.context import AppContext

logger = structlog.get_logger(__name__)
ROLES = ("viewer", "reviewer", "admin")
DECIDING_ROLES = ("reviewer", "admin")
"""Roles that may decide (approve, reject, record a sale, undo, retry); a ``viewer`` (the
office's manager, an auditor) sees the desk's lists and emails and decides nothing."""
READ_ONLY = "read-only account (viewer): it may look at the desk, not decide; nothing was changed"
NAME = re.compile(r"^[A-Za-z0-9._-]{2,64}$")
MIN_PASSWORD = 10
SESSION_TTL = timedelta(hours=12)
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_ACCOUNT = 5
MAX_FAILURES_PER_ADDRESS = 20

_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password-used-for-constant-time")


@dataclass(frozen=True)
class Person:
    """A signed-in person: ``id``, ``name``, ``role`` (viewer | reviewer | admin)."""

    id: int
    name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def may_decide(self) -> bool:
        """Whether this person may decide anything (``DECIDING_ROLES``)."""
        return self.role in DECIDING_ROLES


def check_may_decide(role: str) -> None:
    """Raise ``Forbidden`` (``READ_ONLY``) unless ``role`` may decide (``DECIDING_ROLES``): the
    one rule every deciding service (review, the desk's retry) applies before any write."""
    if role not in DECIDING_ROLES:
        raise Forbidden(READ_ONLY)


class LoginRefused(Refused):
    """Wrong name or password (the same answer for both)."""


class TooManyAttempts(Refused):
    """Too many failed sign-ins for this account or address; wait 15 minutes."""


def add_user(ctx: AppContext, *, name: str, password: str, role: str) -> dict[str, Any]:
    """Create a desk account. ``name``: 2–64 of ``A-Z a-z 0-9 . _ -``; ``password`` at
    least ``MIN_PASSWORD`` characters; ``role`` viewer | reviewer | admin. Returns ``name``,
    ``role``, ``created_at``. Raises ``UsageError`` for a bad name, role or password,
    ``Refused`` when the name is taken."""
    if not NAME.match(name or ""):
        raise UsageError(f"user name {name!r}: 2 to 64 letters, digits, '.', '_' or '-'")
    if role not in ROLES:
        raise UsageError(f"role {role!r}: one of {', '.join(ROLES)}")
    if len(password or "") < MIN_PASSWORD:
        raise UsageError(f"the password needs at least {MIN_PASSWORD} characters")
    with session_scope(ctx.db_url) as session:
        if session.scalar(select(DeskUser.id).where(DeskUser.name == name)) is not None:
            raise Refused(f"user {name} exists already")
        user = DeskUser(name=name, password_hash=_hasher.hash(password), role=role, disabled=False)
        session.add(user)
        session.flush()
        return {"name": user.name, "role": user.role, "created_at": user.created_at.isoformat()}


def list_users(ctx: AppContext) -> list[dict[str, Any]]:
    """Every account: ``name``, ``role``, ``disabled``, ``created_at``, ``last_login_at`` (ISO or None)."""
    with session_scope(ctx.db_url) as session:
        return [
            {
                "name": u.name,
                "role": u.role,
                "disabled": u.disabled,
                "created_at": u.created_at.isoformat(),
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
            }
            for u in session.scalars(select(DeskUser).order_by(DeskUser.name))
        ]


def disable_user(ctx: AppContext, *, name: str) -> dict[str, Any]:
    """Disable an account and end its sessions. Raises ``NotFoundError``."""
    with session_scope(ctx.db_url) as session:
        user = session.scalar(select(DeskUser).where(DeskUser.name == name))
        if user is None:
            raise NotFoundError(f"no user {name!r}; see `creditctl users list`")
        user.disabled = True
        ended = rowcount(session.execute(delete(DeskSession).where(DeskSession.user_id == user.id)))
        return {"name": name, "disabled": True, "sessions_ended": ended}


def unlock_user(ctx: AppContext, *, name: str, by: str) -> dict[str, Any]:
    """Lift the sign-in lock of account ``name`` (its failed attempts within
    ``FAILURE_WINDOW`` are forgotten; an address's own count is untouched) on behalf of
    ``by`` (the admin, logged as ``desk_user_unlocked``). Returns ``name``,
    ``failures_cleared``, ``was_locked`` (bool). Raises ``NotFoundError`` for an unknown account."""
    with session_scope(ctx.db_url) as session:
        if session.scalar(select(DeskUser.id).where(DeskUser.name == name)) is None:
            raise NotFoundError(f"no user {name!r}; see `creditctl users list`")
        since = utcnow() - FAILURE_WINDOW
        recent = (
            session.scalar(
                select(func.count())
                .select_from(DeskLoginFailure)
                .where(DeskLoginFailure.username == name, DeskLoginFailure.at >= since)
            )
            or 0
        )
        cleared = rowcount(session.execute(delete(DeskLoginFailure).where(DeskLoginFailure.username == name)))
    logger.info("desk_user_unlocked", name=name, by=by, failures_cleared=cleared)
    return {"name": name, "failures_cleared": cleared, "was_locked": recent >= MAX_FAILURES_PER_ACCOUNT}


def sign_in(ctx: AppContext, *, name: str, password: str, address: str) -> tuple[str, Person]:
    """Check the password; on success create a session and return ``(token, person)``
    (the token goes into the cookie). Raises ``TooManyAttempts`` when the account or
    the address is over its limit (checked before the password), ``LoginRefused`` for
    a wrong name, a wrong password or a disabled account (one message for all)."""
    name = (name or "").strip()[:64]
    address = (address or "unknown")[:64]
    now = utcnow()
    refusal: Exception | None = None
    with session_scope(ctx.db_url) as session:
        since = now - FAILURE_WINDOW
        per_account = (
            session.scalar(
                select(func.count())
                .select_from(DeskLoginFailure)
                .where(DeskLoginFailure.username == name, DeskLoginFailure.at >= since)
            )
            or 0
        )
        per_address = (
            session.scalar(
                select(func.count())
                .select_from(DeskLoginFailure)
                .where(DeskLoginFailure.address == address, DeskLoginFailure.at >= since)
            )
            or 0
        )
        if per_account >= MAX_FAILURES_PER_ACCOUNT or per_address >= MAX_FAILURES_PER_ADDRESS:
            raise TooManyAttempts()
        user = session.scalar(select(DeskUser).where(DeskUser.name == name))
        ok = _verify(user.password_hash if user else _DUMMY_HASH, password or "") and user is not None
        if not ok or user is None or user.disabled:
            session.add(DeskLoginFailure(username=name, address=address, at=now))  # committed, then refused
            refusal = LoginRefused()
    if refusal is not None:
        raise refusal
    with session_scope(ctx.db_url) as session:
        user = session.scalar(select(DeskUser).where(DeskUser.name == name))
        assert user is not None
        session.execute(delete(DeskLoginFailure).where(DeskLoginFailure.username == name))
        session.execute(delete(DeskSession).where(DeskSession.expires_at < now))
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        user.last_login_at = now
        token = secrets.token_urlsafe(32)
        session.add(
            DeskSession(token_hash=_digest(token), user_id=user.id, created_at=now, expires_at=now + SESSION_TTL)
        )
        return token, Person(user.id, user.name, user.role)


def _verify(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def session_person(ctx: AppContext, token: str | None) -> Person | None:
    """The person of a live session token (None when absent, unknown, expired or disabled)."""
    if not token or len(token) > 128:
        return None
    with session_scope(ctx.db_url) as session:
        row = session.execute(
            select(DeskUser.id, DeskUser.name, DeskUser.role, DeskUser.disabled, DeskSession.expires_at)
            .join(DeskSession, DeskSession.user_id == DeskUser.id)
            .where(DeskSession.token_hash == _digest(token))
        ).first()
    if row is None or row.disabled or row.expires_at <= utcnow():
        return None
    return Person(row.id, row.name, row.role)


def sign_out(ctx: AppContext, token: str | None) -> None:
    """End the session of ``token`` (nothing when there is none)."""
    if token:
        with session_scope(ctx.db_url) as session:
            session.execute(delete(DeskSession).where(DeskSession.token_hash == _digest(token)))


def desk_secret(ctx: AppContext, name: str = "csrf") -> str:
    """A random secret shared by every server process (created on first use, kept in
    ``desk_keys``): the CSRF token signing key."""
    for _ in range(2):
        try:
            with session_scope(ctx.db_url) as session:
                value = session.scalar(select(DeskKey.value).where(DeskKey.name == name))
                if value is None:
                    value = secrets.token_urlsafe(48)
                    session.add(DeskKey(name=name, value=value))
                return value
        except IntegrityError:  # another process created it at the same moment: read theirs
            continue
    raise Refused(f"could not create the desk key {name!r}")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def hours_ago(at: datetime) -> float:
    """Age of ``at`` in hours (float)."""
    return (utcnow() - at).total_seconds() / 3600
