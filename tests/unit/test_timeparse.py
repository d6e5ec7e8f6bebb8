"""parse_when: the operator's WHEN, read in the office's timezone, returned as aware UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from creditctl.exceptions import ConfigurationError, UsageError
from creditctl.timeparse import parse_when

BERLIN = "Europe/Berlin"
# 2026-11-29 10:30 in Berlin (CET, UTC+1)
NOW = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)


def when(text: str, now: datetime = NOW, tz: str = BERLIN) -> datetime:
    return parse_when(text, tz, now=now)


@pytest.mark.parametrize("text", ["yesterday", "gestern", "Yesterday", "  GESTERN "])
def test_yesterday_is_the_start_of_yesterday_in_the_office_timezone(text: str) -> None:
    assert when(text) == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize("text", ["today", "heute"])
def test_today_is_the_start_of_today_in_the_office_timezone(text: str) -> None:
    assert when(text) == datetime(2026, 11, 28, 23, 0, tzinfo=UTC)


def test_yesterday_just_after_local_midnight_uses_the_office_day_not_the_utc_day() -> None:
    # 23:30 UTC on the 28th is 00:30 on the 29th in Berlin: yesterday is the 28th (Berlin)
    late = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    assert when("yesterday", now=late) == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)
    assert when("yesterday", now=late, tz="UTC") == datetime(2026, 11, 27, 0, 0, tzinfo=UTC)


def test_summer_time_is_respected() -> None:
    july = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)  # CEST, UTC+2
    assert when("today", now=july) == datetime(2026, 7, 14, 22, 0, tzinfo=UTC)
    assert when("2026-07-01", now=july) == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("90s", timedelta(seconds=90)),
        ("10m", timedelta(minutes=10)),
        ("2h", timedelta(hours=2)),
        ("3d", timedelta(days=3)),
        ("1w", timedelta(weeks=1)),
        ("2 h", timedelta(hours=2)),
        ("now", timedelta(0)),
        ("jetzt", timedelta(0)),
    ],
)
def test_relative_forms_count_back_from_now(text: str, delta: timedelta) -> None:
    assert when(text) == NOW - delta


def test_iso_date_is_the_start_of_that_day_in_the_office_timezone() -> None:
    assert when("2026-11-28") == datetime(2026, 11, 27, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-28T14:00", datetime(2026, 11, 28, 13, 0, tzinfo=UTC)),  # naive: office time
        ("2026-11-28 14:00:30", datetime(2026, 11, 28, 13, 0, 30, tzinfo=UTC)),
        ("2026-11-28T14:00+00:00", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
        ("2026-11-28T14:00Z", datetime(2026, 11, 28, 14, 0, tzinfo=UTC)),
        ("2026-11-28T14:00:00-05:00", datetime(2026, 11, 28, 19, 0, tzinfo=UTC)),
    ],
)
def test_iso_datetimes(text: str, expected: datetime) -> None:
    assert when(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 hours ago", NOW - timedelta(hours=2)),
        ("vor 3 Tagen", NOW - timedelta(days=3)),
        ("28.11.2026 14:00", datetime(2026, 11, 28, 13, 0, tzinfo=UTC)),
        ("03.04.2026", datetime(2026, 4, 2, 22, 0, tzinfo=UTC)),  # day first, as written in Germany
        ("gestern 14:00", datetime(2026, 11, 28, 13, 0, tzinfo=UTC)),
    ],
)
def test_free_forms_go_through_dateparser(text: str, expected: datetime) -> None:
    assert when(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "2h", "2026-11-28", "2026-11-28T14:00+03:00", "2 hours ago"])
def test_result_is_timezone_aware_utc(text: str) -> None:
    result = when(text)
    assert result.tzinfo is not None
    assert result.utcoffset() == timedelta(0)


def test_default_now_is_the_current_time() -> None:
    before = datetime.now(UTC)
    result = parse_when("1h")
    after = datetime.now(UTC)
    assert before - timedelta(hours=1) <= result <= after - timedelta(hours=1)


@pytest.mark.parametrize("text", ["xyz", "", "   ", "2026-13-45", "soon-ish maybe"])
def test_unreadable_text_is_a_usage_error_saying_what_to_write(text: str) -> None:
    with pytest.raises(UsageError) as info:
        when(text)
    assert info.value.exit_code == 2
    assert "use yesterday, today, 2h, 3d or an ISO date" in info.value.message


def test_message_names_the_text() -> None:
    with pytest.raises(UsageError) as info:
        when("xyz")
    assert info.value.message == "cannot read time 'xyz'; use yesterday, today, 2h, 3d or an ISO date"


def test_unknown_office_timezone_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError) as info:
        parse_when("yesterday", "Mars/Olympus", now=NOW)
    assert "CREDITCTL_OFFICE_TIMEZONE" in info.value.message


@pytest.mark.parametrize(("text", "ahead"), [("tomorrow", 1), ("morgen", 1), ("übermorgen", 2), ("vorgestern", -2)])
def test_calendar_words_ahead_and_back_are_the_start_of_that_office_day(text: str, ahead: int) -> None:
    # not now ± 24 h: 00:00 of that day in Berlin (CET, UTC+1); today began 2026-11-28 23:00 UTC
    assert when(text) == datetime(2026, 11, 28, 23, 0, tzinfo=UTC) + timedelta(days=ahead)


@pytest.mark.parametrize("text", ["99999999d", "999999999999w"])
def test_a_time_outside_the_calendar_is_a_usage_error_in_plain_words(text: str) -> None:
    from creditctl.exceptions import UsageError

    with pytest.raises(UsageError, match=r"cannot read the time .*before the year 1"):
        parse_when(text, "Europe/Berlin", now=datetime(2026, 12, 7, 12, tzinfo=UTC))


@pytest.mark.parametrize("text", ["0001-01-01", "0001-01-01T00:30", "0001-01-01 00:00"])
def test_a_time_of_the_year_1_the_zone_moves_below_it_is_clamped_not_refused(text: str) -> None:
    """README refuses only times before the year 1: 0001-01-01 in Berlin is before the
    calendar's start in UTC, so it reads as the earliest UTC time."""
    assert parse_when(text, "Europe/Berlin", now=datetime(2026, 12, 7, 12, tzinfo=UTC)) == datetime.min.replace(
        tzinfo=UTC
    )
    assert read_since(text, "Europe/Berlin") == datetime.min.replace(tzinfo=UTC)
    # in a zone west of UTC the same day is inside the calendar: read as it is
    assert parse_when("0001-01-01", "America/New_York") > datetime.min.replace(tzinfo=UTC)


def test_a_time_of_the_year_9999_the_zone_moves_past_it_is_clamped() -> None:
    assert parse_when("9999-12-31T23:30", "America/New_York") == datetime.max.replace(tzinfo=UTC)


# --- read_since / read_until: the one reading of every command's --since/--until ---------

from creditctl.timeparse import read_since, read_until  # noqa: E402


@pytest.mark.parametrize("text", ["-5m", "+1h", "+ 2h", "-2 hours", "−3d", "+2026-11-28"])
def test_a_signed_when_is_refused_not_guessed(text: str) -> None:
    with pytest.raises(UsageError, match="a WHEN has no sign"):
        when(text)
    with pytest.raises(UsageError, match="^--since: cannot read time .*no sign"):
        read_since(text, BERLIN, now=NOW)


@pytest.mark.parametrize("text", ["5m", "2 hours ago", "vor 3 Tagen", "2026-11-28T14:00+01:00"])
def test_unsigned_relative_and_iso_times_with_offsets_still_read(text: str) -> None:
    assert when(text) < NOW


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_an_empty_since_or_until_is_a_usage_error_naming_the_option(text: str) -> None:
    with pytest.raises(UsageError, match="^--since is empty"):
        read_since(text, BERLIN, now=NOW)
    with pytest.raises(UsageError, match="^--until is empty"):
        read_until(text, BERLIN, now=NOW)


def test_an_absent_option_is_none() -> None:
    assert read_since(None, BERLIN, now=NOW) is None and read_until(None, BERLIN, now=NOW) is None


@pytest.mark.parametrize("text", ["tomorrow", "morgen", "übermorgen", "in 2 hours", "in 2 Stunden", "2026-12-01"])
def test_a_since_in_the_future_is_a_usage_error_saying_so(text: str) -> None:
    with pytest.raises(UsageError, match=r"in the future, so nothing has happened since then"):
        read_since(text, BERLIN, now=NOW)


@pytest.mark.parametrize("text", ["tomorrow", "in 2 hours", "2026-12-01"])
def test_an_until_in_the_future_is_allowed(text: str) -> None:
    until = read_until(text, BERLIN, now=NOW)
    assert until is not None and until > NOW


@pytest.mark.parametrize("text", ["now", "jetzt", "today", "1s", "yesterday", "2026-11-29T10:29+01:00"])
def test_a_since_up_to_now_is_read(text: str) -> None:
    since = read_since(text, BERLIN, now=NOW)
    assert since is not None and since <= NOW


def test_an_unreadable_since_names_the_option() -> None:
    with pytest.raises(UsageError, match="^--since: cannot read time 'no such time'"):
        read_since("no such time", BERLIN, now=NOW)


def test_an_equal_since_and_until_is_an_empty_range_not_a_backwards_one() -> None:
    from creditctl.timeparse import check_range, read_since, read_until

    now = datetime(2026, 12, 7, 9, 30, tzinfo=UTC)
    since, until = read_since("yesterday", now=now), read_until("gestern", now=now)
    with pytest.raises(UsageError) as equal:
        check_range(since, until)
    assert "the range is empty" in equal.value.message and "backwards" not in equal.value.message
    assert "--until today" in equal.value.message and "swap" not in equal.value.message
    with pytest.raises(UsageError, match="the range is backwards.*swap them"):
        check_range(read_since("today", now=now), since)
    check_range(since, read_until("today", now=now))  # all of yesterday: fine
    check_range(since, None)
    check_range(None, until)


@pytest.mark.parametrize("text", ["0", "5", "59", "1700000000", "2026", " 42 "])
def test_a_number_alone_is_refused_by_one_rule_whatever_its_size(text: str) -> None:
    """`--since 1700000000` was silently read (as a Unix timestamp) while `--since 0` was
    refused: a number alone is never a WHEN, and the error says so with the forms meant."""
    from creditctl.timeparse import read_since

    with pytest.raises(UsageError, match="a number alone is not a") as caught:
        read_since(text, "Europe/Berlin")
    assert "--since" in str(caught.value)


@pytest.mark.parametrize("text", ["0", "5", "59", " 42 ", "999"])
def test_a_small_number_alone_suggests_the_units_it_may_have_meant(text: str) -> None:
    from creditctl.timeparse import read_since

    with pytest.raises(UsageError, match="a number alone is not a WHEN") as caught:
        read_since(text, "Europe/Berlin")
    assert f"{text.strip()}m" in str(caught.value) and f"{text.strip()}d" in str(caught.value)


@pytest.mark.parametrize("text", ["1700000000", "2026", "1000", "20261128"])
def test_a_large_number_alone_is_said_to_be_no_time_without_a_unit_suggestion(text: str) -> None:
    from creditctl.timeparse import read_since

    with pytest.raises(UsageError, match="a number alone is not a time") as caught:
        read_since(text, "Europe/Berlin")
    said = str(caught.value)
    assert f"{text}m" not in said and f"{text}h" not in said and f"{text}d" not in said
    assert "ISO date" in said


@pytest.mark.parametrize("text", ["5m", "2h", "3d", "2026-11-28", "28.11.2026"])
def test_numbers_with_a_unit_or_a_date_form_are_still_read(text: str) -> None:
    from creditctl.timeparse import read_since

    assert read_since(text, "Europe/Berlin") is not None
