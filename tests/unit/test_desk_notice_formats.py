"""A desk notice mixed formats: "E-Mail 226 hat anna schon am 2026-12-07 19:38:31.477 CET
freigegeben: Forderung 8 auf 230,40 EUR gesetzt" on a page that says "07.12.2026, 19:38 MEZ" and
"230,40 €". Every time a notice carries (written by ``display.at``) and its money go through the
desk's one formatter (``Formatter.when`` / ``Formatter.money``)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from creditctl import display
from creditctl.desk.i18n import Formatter
from creditctl.desk.reasons import _FAMILIES, render

DE = Formatter("de_DE", "Europe/Berlin")
EN = Formatter("en_GB", "Europe/Berlin")


@pytest.fixture(autouse=True)
def office_zone() -> None:
    display.set_zone("Europe/Berlin")


def at(moment: datetime) -> str:
    return display.at(moment)  # as services.review writes the refusal


def test_an_approval_notice_formats_its_time_and_money_like_the_page() -> None:
    when = datetime(2026, 12, 7, 18, 38, 31, 477000, tzinfo=UTC)
    text = (
        f"email 226 was already reviewed: approved by anna at {at(when)}: claim 8 set 200.00 → 230.40 EUR; "
        "your decision was not applied"
    )
    assert render(text, DE) == (
        f"E-Mail 226 hat anna schon am {DE.when(when)} freigegeben: Forderung 8 auf {DE.money('230.40', 'EUR')} "
        f"gesetzt (vorher {DE.money('200.00', 'EUR')}); Ihre Entscheidung wurde nicht übernommen"
    )
    assert DE.when(when) == "07.12.2026, 19:38 MEZ" and DE.money("230.40", "EUR").replace("\xa0", " ") == "230,40 €"
    shown = render(text, EN)
    assert EN.when(when) in shown and EN.money("230.40", "EUR") in shown and "EUR" not in shown and "CET;" not in shown


@pytest.mark.parametrize(
    "text",
    [
        "email 5 was already reviewed: rejected by bernd at {at}; your decision was not applied",
        "email 5 was already reviewed: recorded as sold by bernd at {at} (claim sold to X Ltd (was Y plc)); your "
        "decision was not applied",
    ],
)
def test_every_notice_time_is_the_desks(text: str) -> None:
    when = datetime(2026, 7, 1, 8, 5, tzinfo=UTC)
    shown = render(text.format(at=at(when)), DE)
    assert DE.when(when) in shown and "CEST" not in shown and "2026-07-01" not in shown, shown


def test_the_autumn_hour_keeps_its_zone_name_and_utc_is_read_as_utc() -> None:
    first, second = datetime(2026, 10, 25, 0, 30, tzinfo=UTC), datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    texts = [
        f"email 1 was already reviewed: rejected by a at {at(m)}; your decision was not applied"
        for m in (first, second)
    ]
    assert DE.when(first) in render(texts[0], DE) and DE.when(second) in render(texts[1], DE)
    assert DE.when(first) != DE.when(second)
    utc = "email 1 was already reviewed: rejected by a at 2026-12-07 18:38:31.477 UTC; your decision was not applied"
    assert "07.12.2026, 19:38 MEZ" in render(utc, DE)


def test_no_notice_template_carries_a_time_as_plain_text() -> None:
    for family in _FAMILIES:
        assert "{at:text}" not in family[0] and "{when:text}" not in family[0], family[0]
