"""German renderings of the sold-claim decision's texts (``services.decide.sold_reason``,
``services.review.sold`` and its undo, the claim search's refusals, the viewer's refusal),
and their hold kind: a sale, shown first among the reasons."""

from __future__ import annotations

from creditctl.desk import reasons
from creditctl.desk.i18n import Formatter
from creditctl.pipeline.gate import by_severity, hold_kind
from creditctl.services.decide import sold_reason
from creditctl.services.users import READ_ONLY

DE = Formatter("de_DE", "Europe/Berlin")


def test_the_previous_holders_reply_reason_in_german_and_first() -> None:
    reason = sold_reason("Lowell Solutions Ltd", "2026-12-07", "Quayside Retail plc")
    assert reasons.render(reason, DE) == (
        "Forderung am 07.12.2026 an Lowell Solutions Ltd verkauft oder abgetreten: eine Antwort des bisherigen "
        "Inhabers Quayside Retail plc wird nicht übernommen, eine Person entscheidet"
    )
    assert hold_kind(reason) == "sale"
    assert by_severity(["thread match, but the sender is not known for this claim", reason])[0] == reason


def test_the_decision_texts_in_german() -> None:
    cases = {
        "sold by anna: claim 12 sold to Lowell Solutions Ltd (was Quayside Retail plc)": (
            "als verkauft erfasst von anna: Forderung 12 an Lowell Solutions Ltd verkauft oder abgetreten "
            "(bisher Quayside Retail plc)"
        ),
        "sale undone: claim 12 back to Quayside Retail plc (was Lowell Solutions Ltd)": (
            "Verkauf rückgängig gemacht: Forderung 12 wieder bei Quayside Retail plc (bisher Lowell Solutions Ltd)"
        ),
        "'BÖ-2024-0173' fits 2 claims (claim 1: BÖ-2024-0173 Tamara Reinholz, Modehaus RPI-1; claim 2: "
        "BÖ-2024-0173 Tamara Reinholz, Telekom TK-1): nothing was changed; say which": (
            "„BÖ-2024-0173“ passt zu 2 Forderungen (claim 1: BÖ-2024-0173 Tamara Reinholz, Modehaus RPI-1; claim 2: "
            "BÖ-2024-0173 Tamara Reinholz, Telekom TK-1): nichts wurde geändert; bitte eine davon angeben"
        ),
        READ_ONLY: "Nur Lesezugriff: Ihr Konto (Rolle „viewer“) darf nichts entscheiden – nichts wurde geändert",
    }
    for english, german in cases.items():
        assert reasons.render(english, DE) == german, english
    # a near-miss keeps its English wording rather than a wrong German one
    assert reasons.render("claim sold to someone, probably", DE) == "claim sold to someone, probably"
