"""Text for a person that needs no Rich: times in the output zone and URLs without their
password. ``creditctl.render`` (Rich) re-exports both; commands that print JSON use this
module and never import Rich (``creditctl status --json``'s start-up,
docs/measurements/status-importtime.txt)."""

from __future__ import annotations

from typing import Any

QUEUE_UNREACHABLE = "queue unreachable: "
"""How ``creditctl status`` words a failed queue probe in its ``queue.error`` (followed by
the error's class); ``render.queue_line`` words it for a person."""

_ZONE: Any = None
"""The zone times are printed in for a person (``set_zone``; default the office's)."""


def set_zone(name: str) -> None:
    """Print times in the IANA zone ``name`` (the CLI: CREDITCTL_OFFICE_TIMEZONE, or UTC
    with --utc). Raises ``zoneinfo.ZoneInfoNotFoundError`` for an unknown zone."""
    global _ZONE
    from zoneinfo import ZoneInfo

    _ZONE = ZoneInfo(name)


def clause(text: str) -> str:
    """``text`` (a sentence: an exception's message, a refusal's detail) as a clause to join
    with "; " or ": ": its blanks and final full stop or semicolon dropped, so "… check
    CREDITCTL_ZENDESK_WEBHOOK_SECRET." joins as "…_SECRET; delivery 8f39" (never ".;").
    An ellipsis ("…", "...") and "?"/"!" are kept."""
    stripped = text.strip()
    if stripped.endswith("...") or stripped.endswith("…"):
        return stripped
    return stripped.rstrip(".;").rstrip()


def at(value: Any, *, date: bool = True) -> str:
    """An ISO-8601 time (string or aware datetime) for a person: in the output zone, with
    the zone's name (``2026-12-06 04:02:09.123 CET``); ``date=False`` drops the date.
    Empty for None; a value that does not parse is shown as it is."""
    from datetime import datetime

    if not value:
        return ""
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        return str(value)
    if _ZONE is None:
        set_zone("Europe/Berlin")
    local = moment.astimezone(_ZONE)
    text = local.strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] if date else local.strftime("%H:%M:%S.%f")[:-3]
    return f"{text} {local.tzname()}"


def mask_url(url: str) -> str:
    """``url`` with the password of ``scheme://user:password@host`` replaced by ``***``."""
    from creditctl.settings import _mask_url

    return _mask_url(url)
