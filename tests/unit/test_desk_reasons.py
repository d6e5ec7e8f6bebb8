"""Every reason, warning and message the code can produce has a German rendering on the
desk (creditctl/desk/reasons.py): a reason added later without a catalogue family fails
here. The texts are collected by running the eval pipeline (``services.evaluation``:
cleaning, extraction, evidence problems, matching, safety, gate) in-process over
tests/data/tuning* and tests/data/labelled, plus the review service's own messages
(its ``raise``/message f-strings, read from its source) and the gate's fixed wordings."""

from __future__ import annotations

import ast
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest

from creditctl.desk import reasons
from creditctl.desk.i18n import Formatter
from creditctl.pipeline import gate
from creditctl.services import evaluation, reading
from creditctl.services.context import AppContext
from creditctl.services.decide import HANDOVER_HOLDS, handover_reason, match_document
from creditctl.services.review import amount_offer
from creditctl.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SUITES = sorted(ROOT.glob("tests/data/tuning*")) + [ROOT / "tests" / "data" / "labelled"]
DE = Formatter("de_DE", "Europe/Berlin")
EN = Formatter("en_GB", "Europe/Berlin")


def _case_texts(ctx: AppContext, case: dict[str, Any], candidates: list[Any]) -> dict[str, set[str]]:
    row = evaluation.case_row(case)
    result, match, verdict, parsed = evaluation.judge_case(ctx, row, candidates, None)
    extraction = result.model_dump(mode="json")
    extraction["evidence_problems"] = reading.evidence_problems(result, row, parsed)
    offer = amount_offer(extraction, match_document(match, verdict), "EUR", [])
    return {
        "hold reason": set(verdict.reasons),
        "note": set(verdict.notes),
        "evidence problem": set(extraction["evidence_problems"]),
        "warning": set(result.warnings),
        "offer withheld": set(offer["withheld"]),
        "candidate evidence": {r for c in (match.candidates if match else ()) for r in c.reasons},
        "attachment problem": {a.get("problem") or "" for a in parsed.get("attachment_texts") or []},
    }


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    """Every text the pipeline produced over the labelled suites, by what it is."""
    ctx = AppContext(settings=Settings(database_url=f"sqlite:///{tmp_path_factory.mktemp('db') / 'none.db'}"))
    found: dict[str, set[str]] = {}
    for directory in SUITES:
        for suite in evaluation.load_suites(directory):
            with tempfile.TemporaryDirectory() as tmp:
                candidates = (
                    evaluation._temp_candidates(ctx, suite.records, Path(tmp)) if suite.records is not None else []
                )
                try:
                    for case in suite.cases:
                        for what, texts in _case_texts(ctx, case, candidates).items():
                            found.setdefault(what, set()).update(t for t in texts if t)
                finally:
                    evaluation._dispose(Path(tmp))
    return found


def test_the_collection_is_not_vacuous(produced: dict[str, set[str]]) -> None:
    assert len(produced["hold reason"]) >= 100
    assert produced["warning"] and produced["evidence problem"] and produced["candidate evidence"]
    assert any("credit or negative balance" in r for r in produced["hold reason"])


def test_every_text_the_pipeline_produced_has_a_german_rendering(produced: dict[str, set[str]]) -> None:
    missing = sorted(
        f"{what}: {text}" for what, texts in produced.items() for text in texts if not reasons.known(text, DE)
    )
    assert not missing, "no German rendering (add a family to creditctl/desk/reasons.py):\n" + "\n".join(missing[:40])


def _sample(node: ast.JoinedStr | ast.Constant) -> str:
    """An f-string of the source with each interpolated part replaced by a plausible value."""
    if isinstance(node, ast.Constant):
        return str(node.value)
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        else:
            assert isinstance(part, ast.FormattedValue)
            source = ast.unparse(part.value)
            if source == "problem":  # the typed amount's plausibility problem
                out.append("amount 120.00 is a drop of 78% from the claim's 540.00 (more than 50%)")
            elif source == "when" or source.startswith("display.at("):  # a time for a person
                out.append("2026-12-07 19:38:31.477 CET")
            elif "currency" in source:  # a currency code
                out.append("EUR")
            else:
                out.append("'7'" if part.conversion == ord("r") else "7")
    return "".join(out)


def _review_messages() -> list[str]:
    """The review service's refusals and notes: the message of every ``raise X(...)`` and the
    f-strings a person reads (review notes, the not-applied message, the action log's reasons)."""
    tree = ast.parse((ROOT / "creditctl" / "services" / "review.py").read_text(encoding="utf-8"))
    texts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            arg = node.exc.args[0]
            if isinstance(arg, (ast.JoinedStr, ast.Constant)) and isinstance(getattr(arg, "value", ""), (str, list)):
                texts.append(_sample(arg))
    return texts


REVIEW_NOTES = [
    "approved by anna",
    "rejected by anna: Betrag unklar",
    "rejection undone by anna; back in the review queue",
    "approved by anna: claim 3 applied (540.00 → 498.20 EUR)",
    "undone by anna: claim 7 540.00 → 498.20 EUR; back in the queue",
    "undone by anna: claim 7 540.00 → 498.20 EUR; back in the review queue",
    "not applied: email 9 (newer) set 512.00 on 2026-12-01; the claim stays 512.00",
    "498.20 EUR not applied: email 9 (newer) set 512.00 on 2026-12-01; the claim stays 512.00",
    "change confirmed: amount 120.00 is a drop of 78% from the claim's 540.00 (more than 50%)",
    "override-newer: applied over email 9 (newer), which had set 512.00 on 2026-12-01",
    "the amount 12000000.00 is implausible",
    "plausibility: 5400.00 differs strongly from the claim's current 540.00",
    "readings disagree: principal + interest + costs = 520.00, total 540.00",
]


@pytest.mark.parametrize("text", _review_messages() + REVIEW_NOTES)
def test_the_review_services_messages_have_a_german_rendering(text: str) -> None:
    assert reasons.known(text, DE), text


@pytest.mark.parametrize(
    "text",
    [*gate._NEVER_APPLIED.values(), *gate._NOTED_KINDS.values(), "no claim of ours matches", "currency not stated"],
)
def test_the_gates_fixed_wordings_have_a_german_rendering(text: str) -> None:
    assert reasons.known(text, DE), text


def test_the_review_services_refusals_are_collected() -> None:
    messages = _review_messages()
    assert len(messages) >= 10 and any(m.startswith("email 7 does not exist") for m in messages)


# the rendering itself ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "german", "english"),
    [
        (
            "credit or negative balance stated ('-45.20'): never applied as an amount owed",
            "Guthaben oder negativer Saldo angegeben („-45,20“): wird nie als geschuldeter Betrag übernommen",
            "credit or negative balance stated ('-45.20'): never applied as an amount owed",
        ),
        (
            "reply states no claim: a person decides",
            "Die Antwort nennt keine Forderung: eine Person entscheidet",
            "reply states no claim: a person decides",
        ),
        (
            "total 2331.90 is a drop of 55% from the stored 5200.00 (more than 50%): a person checks it",
            "Gesamtbetrag 2.331,90 ist ein Rückgang um 55 % gegenüber gespeicherten 5.200,00 (mehr als 50 %): "
            "eine Person prüft das",
            "total 2,331.90 is a drop of 55% from the stored 5,200.00 (more than 50%): a person checks it",
        ),
        (
            "creditor reference KV2022118830 matches; client name 0.85; sender address matches",
            "Aktenzeichen des Gläubigers KV2022118830 passt; Mandantenname 0,85; Absenderadresse passt",
            "creditor reference KV2022118830 matches; client name 0.85; sender address matches",
        ),
        (
            "evidence: amounts.total: 1234.50 does not appear in its evidence",
            "Beleg: Gesamtbetrag: 1.234,50 steht nicht in seinem Beleg",
            "evidence: total: 1,234.50 does not appear in its evidence",
        ),
        (
            "the reply states several different totals (150.00, 1200.00): a person decides which is current",
            "Die Antwort nennt mehrere verschiedene Gesamtbeträge (150,00 / 1.200,00): eine Person entscheidet, "
            "welcher aktuell ist",
            "the reply states several different totals (150.00, 1,200.00): a person decides which is current",
        ),
        (
            "the readings of the total disagree: primary (rules) 18.75, html_inline_joined 4018.75",
            "Die Lesungen des Gesamtbetrags weichen voneinander ab: primary (rules) 18,75, html_inline_joined 4.018,75",
            "the readings of the total disagree: primary (rules) 18.75, html_inline_joined 4,018.75",
        ),
    ],
)
def test_a_reason_is_rendered_with_the_locales_words_and_numbers(text: str, german: str, english: str) -> None:
    assert _plain_spaces(DE.reason(text)) == german
    assert _plain_spaces(EN.reason(text)) == english


def _plain_spaces(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_a_nested_reason_is_rendered_in_turn() -> None:
    text = (
        "held for credit (credit or negative balance stated ('Guthaben'): never applied as an amount owed): "
        "type the amount after reading the email"
    )
    rendered = DE.reason(text)
    assert rendered.startswith("Angehalten – Guthaben: Guthaben oder negativer Saldo angegeben („Guthaben“)")
    assert "type the amount" not in rendered


@pytest.mark.parametrize("text", ["a reason nobody wrote yet 12.50", "", "held for x (", "{odd} 'x: unknown"])
def test_an_unknown_text_is_shown_as_it_is(text: str) -> None:
    assert DE.reason(text) == text
    assert not text or not reasons.known(text, DE)


def test_field_and_source_display_names() -> None:
    assert DE.field("creditor_references") == "Aktenzeichen Gläubiger"
    assert DE.field("client_name") == "Mandant"
    assert EN.field("client_name") == "client"
    assert DE.field("something_new") == "something_new"
    assert DE.source("attachment:Aufstellung.pdf") == "Anhang Aufstellung.pdf"
    assert DE.source("body") == "Antwort"


def test_a_code_is_shown_by_its_display_name() -> None:
    assert DE.reason("needs_review") == "zur Prüfung"


def test_no_family_hides_another() -> None:
    """Each family's own English template (with sample parts) is rendered by that family."""
    for family in reasons.FAMILIES:
        sample = re.sub(r"\{(\w+)(?::(\w+))?\}", lambda m: _sample_part(m.group(2) or "text"), family.template)
        assert reasons.known(sample, DE), family.template


def _sample_part(kind: str) -> str:
    return {
        "num": "12.50",
        "amt": "12.50",
        "nums": "12.50, 13.00",
        "pct": "55%",
        "quote": "'x'",
        "quotes": "'x', 'y'",
        "reason": "no claim total found",
        "field": "amounts.total",
        "kind": "credit",
        "code": "other",
        "figures": "primary 12.50",
        "value": "12.50",
        "date": "2026-12-07",
        "cur": "EUR",
        "when": "2026-12-07 19:38:31.477 CET",
    }.get(kind, "X7")


def test_dates_and_the_injection_wording_in_german() -> None:
    de = Formatter("de_DE", "Europe/Berlin")
    assert de.day("2026-12-01") == "01.12.2026"
    assert Formatter("en_GB", "Europe/Berlin").day("2026-12-01") == "1 Dec 2026"
    assert de.day(None) == "—" and de.day("Dezember") == "Dezember"
    # the rules extractor finds it too: no "KI-System", the automatic processing is addressed
    for text in (
        "text addressing an AI system was found and ignored (treated as data)",
        "the email contains text addressed to an AI system (prompt injection)",
    ):
        shown = de.reason(text)
        assert "automatische Verarbeitung" in shown and "KI" not in shown, shown
    assert de.event_kind("transition") == "Statuswechsel" and de.event_kind("something_new") == "something_new"


def test_the_english_desk_words_a_kind_without_a_total_plainly() -> None:
    en = Formatter("en_GB", "Europe/Berlin")
    text = "reply is document request and states no current total"
    assert en.reason(text) == "A reply of the kind 'documents requested' without a current total"
    assert DE.reason(text) == "Antwort der Art „Unterlagen angefordert“ ohne aktuellen Gesamtbetrag"


def test_a_message_naming_its_currency_shows_money_and_office_dates() -> None:
    text = "8650.00 EUR not applied: email 12 (newer) set 0.00 on 2026-12-07; the claim stays 0.00"
    assert DE.reason(text) == (
        "8.650,00\xa0€ nicht übernommen: E-Mail 12 (neuer) hat am 07.12.2026 0,00\xa0€ gesetzt; "
        "die Forderung bleibt 0,00\xa0€"
    )
    assert DE.when("2026-12-07T03:45:00+00:00") == "07.12.2026, 04:45 MEZ"
    assert DE.when("2026-07-07T02:45:00+00:00") == "07.07.2026, 04:45 MESZ"


def test_warnings_saying_the_same_injection_are_one_entry() -> None:
    warnings = [
        "text addressing an AI system was found and ignored (treated as data)",
        "the email contains text addressed to an AI system (prompt injection)",
        "the email contains text addressing the system; its figures are not offered",
        "held for injection (text addresses the system or tries to set an outcome: 'setzen Sie 0'): "
        "type the amount after reading the email",
        "readings disagree: principal + interest + costs = 10.00, total 12.00",
    ]
    groups = DE.grouped_warnings(warnings)
    assert [w for w, _ in groups] == [warnings[0], warnings[4]]
    assert groups[0][1] == warnings[1:4] and groups[1][1] == []
    # near-miss: different warnings stay apart
    other = ["readings disagree: principal + interest + costs = 10.00, total 12.00", "no claim total found"]
    assert DE.grouped_warnings(other) == [(other[0], []), (other[1], [])]


def test_the_email_storys_events_read_in_german() -> None:
    assert DE.reason("received from Zendesk, ticket 81234") == "Von Zendesk empfangen, Ticket 81234"
    assert DE.reason("attempt 2 started") == "Versuch 2 begonnen"
    assert DE.reason("claim 1: 540.00 → 686.41 EUR") == "Forderung 1: 540,00\xa0€ → 686,41\xa0€"
    assert DE.reason("completed: needs_review — best score 0.70 below 0.80") == (
        "abgeschlossen: zur Prüfung — Bester Trefferwert 0,70 unter 0,80"
    )
    # near-miss: a text no family knows is shown as written
    assert DE.reason("attempt two went sideways") == "attempt two went sideways"


@pytest.mark.parametrize("what", [what for what, _starts in HANDOVER_HOLDS])
def test_a_reply_held_behind_a_pending_handover_reads_in_german(what: str) -> None:
    reason = handover_reason(4, what, 3)
    assert reasons.known(reason, DE), reason
    assert "E-Mail 3" in reasons.render(reason, DE) and "Forderung 4" in reasons.render(reason, DE)
