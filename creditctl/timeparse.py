"""Reading the operator's WHEN (``--since yesterday``, ``--since 2h``, ``--until 2026-11-28``).

Values in, a timezone-aware UTC ``datetime`` out. Calendar words and dates mean the
*office's* local day (``Settings.office_timezone``, default Europe/Berlin): "yesterday"
is yesterday 00:00 in Berlin, not in UTC, and "tomorrow" is tomorrow 00:00 there (not
now + 24 h). Anything beyond the simple forms below goes to
the ``dateparser`` library (German and English, day-before-month as written in Germany,
dates preferred from the past), e.g. "2 hours ago", "vor 3 Tagen", "28.11.2026 14:00".
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from creditctl.display import at
from creditctl.exceptions import ConfigurationError, UsageError

__all__ = ["check_range", "parse_when", "read_since", "read_until"]

_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
_RELATIVE = re.compile(r"^(\d+)\s*([smhdw])$")
_DAY_WORDS = {
    "today": 0,
    "heute": 0,
    "yesterday": 1,
    "gestern": 1,
    "vorgestern": 2,
    "tomorrow": -1,
    "morgen": -1,
    "übermorgen": -2,
}
"""Calendar words: days back from today (negative: ahead); each means 00:00 of that day."""
_NOW_WORDS = {"now", "jetzt"}
_HINT = "use yesterday, today, 2h, 3d or an ISO date"
_BARE_NUMBER = re.compile(r"^\d+$")
"""A WHEN that is a number alone ("0", "5", "1700000000"): no unit, no date — refused by one
rule whatever its size (dateparser read some as a Unix timestamp, others as a day of the
month, others not at all)."""
_SUGGEST_UNITS_UP_TO = 999
"""The largest bare number the refusal suggests units for ("45" → 45m, 45h, 45d): a larger one
("1700000000", "2026") is said to be no time at all, never offered as minutes."""
_SIGNED = re.compile(r"^[+\-\u2212]\s*\d")
"""A WHEN that starts with a sign ("-5m", "+1h", "- 2 hours"): read by no rule (see parse_when)."""


def parse_when(text: str, office_timezone: str = "Europe/Berlin", *, now: datetime | None = None) -> datetime:
    """The instant ``text`` names, as a timezone-aware UTC datetime.

    Accepted (case-insensitive, surrounding blanks ignored):

    - ``now``/``jetzt``; ``today``/``heute``, ``yesterday``/``gestern``, ``vorgestern``,
      ``tomorrow``/``morgen`` and ``übermorgen``: the start (00:00) of that day in
      ``office_timezone``;
    - ``90s``, ``10m``, ``2h``, ``3d``, ``1w``: that long before ``now``;
    - ``2026-11-28``: the start of that day in ``office_timezone``;
    - ISO datetimes, with an offset (``2026-11-28T14:00+01:00``, ``…Z``) or without
      (then read in ``office_timezone``);
    - anything ``dateparser`` reads in German or English ("2 hours ago",
      "vor 3 Tagen", "28.11.2026 14:00"; a naive result is office-local time).

    A leading sign is refused ("-5m", "+1h": ``UsageError``): "5m" is already 5 minutes back.
    So is a number alone ("0", "5", "1700000000": no unit, no date, never a Unix timestamp),
    whatever its size; up to 999 the refusal suggests the units it may have meant ("5m"),
    a larger number is said to be no time (no "1700000000m").
    ``now`` (timezone-aware; default: the current time) is the base of relative forms,
    so a stored expression can be re-read against the moment it was first given.
    A time of the year 1 (or 9999) that the zone's offset moves past the calendar's edge in
    UTC is clamped to that edge (``datetime.min``/``max`` in UTC).
    Raises ``UsageError`` when ``text`` cannot be read (or names a time before the year
    1, "99999999d"), ``ConfigurationError`` when
    ``office_timezone`` is not an IANA zone name.
    """
    tz = _zone(office_timezone)
    base = (now or datetime.now(UTC)).astimezone(tz)
    value = (text or "").strip()
    lowered = value.casefold()
    if not lowered:
        raise _unreadable(text)
    if _SIGNED.match(lowered):
        # "-5m" would be read by dateparser as 5 minutes ago and "+1h" as an hour ahead:
        # a sign the relative forms do not take is refused, not guessed
        unsigned = value.lstrip("+-\u2212 ")
        raise UsageError(f"cannot read time {text!r}: a WHEN has no sign; {unsigned!r} means {unsigned} ago")
    if _BARE_NUMBER.match(lowered):
        if int(value) <= _SUGGEST_UNITS_UP_TO:
            raise UsageError(
                f"cannot read time {text!r}: a number alone is not a WHEN, whatever its size (no unit, no date; "
                f"never a Unix timestamp); give a unit ({value}m, {value}h, {value}d), yesterday, today or an ISO date"
            )
        # a large bare number (a Unix timestamp, a year, a date without dots): a unit would be nonsense
        raise UsageError(
            f"cannot read time {text!r}: a number alone is not a time (no unit, no date; never a Unix "
            f"timestamp); {_HINT} (2026-11-28)"
        )
    if lowered in _NOW_WORDS:
        return base.astimezone(UTC)
    if lowered in _DAY_WORDS:
        return _start_of_day(base.date() - timedelta(days=_DAY_WORDS[lowered]), tz)
    relative = _RELATIVE.match(lowered)
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2)
        try:
            return (base - timedelta(**{_UNITS[unit]: amount})).astimezone(UTC)
        except (OverflowError, ValueError):
            raise UsageError(
                f"cannot read the time {text!r}: {amount} {_UNITS[unit]} back is before the year 1; {_HINT}"
            ) from None
    try:
        iso = _iso(value, tz)
    except OverflowError:
        # a time of the year 1 (or 9999) that the office zone's offset moves past the
        # calendar's edge in UTC (0001-01-01 in Berlin is 0000-12-31 23:00 UTC): a time of
        # the year 1 is accepted (only times before it are refused), clamped to the edge
        return datetime.min.replace(tzinfo=UTC) if value.startswith("0001") else datetime.max.replace(tzinfo=UTC)
    if iso is not None:
        return iso
    return _dateparser(value, office_timezone, base)


def read_since(
    text: str | None, office_timezone: str = "Europe/Berlin", *, now: datetime | None = None, option: str = "--since"
) -> datetime | None:
    """The one reading of every command's ``--since WHEN`` (tail, retry, reprocess, review,
    eval): None when the option was not given, else ``parse_when``'s aware UTC instant.

    Raises ``UsageError`` (exit 2, the message naming ``option``) when ``text`` is empty or
    blank, cannot be read (a sign included: "-5m", "+1h"), or names a time after ``now``
    ("tomorrow", "in 2 hours"): nothing has happened since a time still to come.
    ``ConfigurationError`` for an unknown ``office_timezone``."""
    when = _read_option(text, office_timezone, now=now, option=option)
    current = now or datetime.now(UTC)
    if when is not None and when > current:
        from creditctl import display

        raise UsageError(
            f"{option} {(text or '').strip()!r} is {display.at(when)}, in the future, so nothing has happened since then; "
            "give a past WHEN (2h = 2 hours ago, yesterday, an ISO date)"
        )
    return when


def read_until(
    text: str | None, office_timezone: str = "Europe/Berlin", *, now: datetime | None = None, option: str = "--until"
) -> datetime | None:
    """The one reading of ``--until WHEN``: as ``read_since`` (None when not given; empty,
    blank or unreadable text raises ``UsageError`` naming ``option``), but a time still to
    come is allowed (``--until tomorrow`` takes everything so far). That ``--until`` is
    after ``--since`` is ``check_range``'s rule (called by ``backfill.Selection``)."""
    return _read_option(text, office_timezone, now=now, option=option)


def check_range(since: datetime | None, until: datetime | None) -> None:
    """The one range check of every command taking ``--since``/``--until`` (aware datetimes,
    either None = open): the range is ``since`` (included) up to ``until`` (excluded).

    Raises ``UsageError`` (exit 2) when it selects nothing: ``until`` equal to ``since``
    ("--since yesterday --until yesterday": an empty range, and how to write the day meant)
    or before it (a backwards range: swap them)."""
    if since is None or until is None:
        return
    if until == since:
        raise UsageError(
            f"the range is empty: --since and --until are both {at(since)}, and --until is "
            "where the range ends (not included); give a later --until, e.g. --since yesterday --until today "
            "for all of yesterday"
        )
    if until < since:
        raise UsageError(f"the range is backwards: --until ({at(until)}) is not after --since ({at(since)}); swap them")


def _read_option(text: str | None, office_timezone: str, *, now: datetime | None, option: str) -> datetime | None:
    if text is None:
        return None
    if not text.strip():
        raise UsageError(f"{option} is empty: give a WHEN (yesterday, 2h, 3d or an ISO date)")
    try:
        return parse_when(text, office_timezone, now=now)
    except UsageError as exc:
        raise UsageError(f"{option}: {exc.message}") from None


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"CREDITCTL_OFFICE_TIMEZONE: unknown time zone {name!r}; use an IANA name like Europe/Berlin"
        ) from None


def _start_of_day(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=tz).astimezone(UTC)


def _iso(value: str, tz: ZoneInfo) -> datetime | None:
    """ISO 8601 date or datetime (Python's reader), else None."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return _start_of_day(date.fromisoformat(value), tz)
        except ValueError:
            raise _unreadable(value) from None
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", value):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(UTC)


def _dateparser(value: str, office_timezone: str, base: datetime) -> datetime:
    settings = {
        "TIMEZONE": office_timezone,
        "RETURN_AS_TIMEZONE_AWARE": True,
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        # dateparser reads a naive base in TIMEZONE
        "RELATIVE_BASE": base.replace(tzinfo=None),
    }
    import dateparser  # only for phrases the patterns above do not read (its import is ~0.3 s)

    try:
        parsed = dateparser.parse(value, languages=["de", "en"], settings=settings)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        raise _unreadable(value)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(office_timezone))
    return parsed.astimezone(UTC)


def _unreadable(text: str) -> UsageError:
    return UsageError(f"cannot read time {text!r}; {_HINT}")
