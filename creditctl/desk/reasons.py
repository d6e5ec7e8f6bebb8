"""The desk's wording of the reasons, warnings and messages the pipeline and the services
write in English (hold reasons, safety and gate notes, evidence problems, extractor
warnings, the review service's refusals): a catalogue of reason FAMILIES.

A family is the fixed English wording of one reason with its interpolated parts as
typed placeholders (``{total:num}``, ``{words:quotes}``, ``{reason:reason}`` …) and a
German template with the same placeholders. ``render`` finds the family a text belongs to
(the English template compiled to an anchored regex), formats the captured parts for the
desk's locale (figures with babel: ``2.331,90`` / ``2,331.90``, percentages ``50 %``, the
creditor's quoted words in „…“, a nested reason rendered in turn, field and kind codes by
their display names) and fills the locale's template. A text no family knows is shown as
it is: never dropped, never an error. Parts joined by ``"; "`` (the matcher's evidence
lists) are rendered one by one when every part is known.

The CLI keeps the English text; only the desk renders through this module. A test
(tests/unit/test_desk_reasons.py) collects every reason the code produces over the
labelled suites and fails on one without a German rendering.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from babel.numbers import format_decimal, format_percent

if TYPE_CHECKING:
    from creditctl.desk.i18n import Formatter

_NUM = r"-?\d+(?:\.\d+)?"
_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
_TYPES: dict[str, str] = {
    "text": r"(?:(?!; ).)+?",
    "value": r"(?:(?!; ).)+?",
    "num": _NUM,
    "amt": _NUM,
    "nums": rf"{_NUM}(?:, {_NUM})*",
    "pct": r"-?\d+%",
    "quote": _QUOTED,
    "quotes": rf"(?:{_QUOTED})(?:, (?:{_QUOTED}))*",
    "reason": r".+",
    "field": r"[a-z_]+(?:\.[a-z_]+)?",
    "kind": r"[a-z_ ]+?",
    "code": r"[\w-]+",
    "note": r".+",
    "figures": r".+?",
    "date": r"\d{4}-\d{2}-\d{2}",
    # a time as ``display.at`` writes it for a person: "2026-12-07 19:38:31.477 CET" (the zone named)
    "when": r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: [A-Za-z][\w+:-]*)?",
    "cur": r"[A-Z]{3}",
}
"""Placeholder types: the regex a part is captured with (its rendering: ``_value``; ``amt``:
an amount of the claim, with its currency when the page knows it, ``render``'s ``currency``;
``when``: a time the code wrote with ``display.at``, shown as the desk shows every time,
``Formatter.when``)."""

FIELD_NAMES: dict[str, dict[str, str]] = {
    "is_creditor_reply": {"de": "Gläubigerantwort", "en": "creditor reply"},
    "reply_kind": {"de": "Art der Antwort", "en": "reply kind"},
    "creditor_name": {"de": "Gläubiger", "en": "creditor"},
    "original_creditor": {"de": "ursprünglicher Gläubiger", "en": "original creditor"},
    "client_name": {"de": "Mandant", "en": "client"},
    "client_file_number": {"de": "Aktenzeichen", "en": "client file number"},
    "creditor_references": {"de": "Aktenzeichen Gläubiger", "en": "creditor references"},
    "amounts.principal": {"de": "Hauptforderung", "en": "principal"},
    "amounts.interest": {"de": "Zinsen", "en": "interest"},
    "amounts.costs": {"de": "Kosten", "en": "costs"},
    "amounts.total": {"de": "Gesamtbetrag", "en": "total"},
    "principal": {"de": "Hauptforderung", "en": "principal"},
    "interest": {"de": "Zinsen", "en": "interest"},
    "costs": {"de": "Kosten", "en": "costs"},
    "total": {"de": "Gesamtbetrag", "en": "total"},
    "currency": {"de": "Währung", "en": "currency"},
    "statement_date": {"de": "Stand vom", "en": "statement date"},
    "confidence": {"de": "Sicherheit", "en": "confidence"},
    "injection": {"de": "an das System gerichtet", "en": "addresses the system"},
}
"""Display names of the extraction fields (evidence chips, evidence problems)."""

SOURCE_NAMES: dict[str, dict[str, str]] = {
    "body": {"de": "Antwort", "en": "reply"},
    "subject": {"de": "Betreff", "en": "subject"},
    "headers": {"de": "Kopfzeilen", "en": "headers"},
    "quoted": {"de": "zitierter Verlauf", "en": "quoted history"},
    "signature": {"de": "Signatur", "en": "signature"},
}
"""Display names of the evidence sources (``attachment:<name>`` reads "Anhang <name>")."""

KIND_NAMES: dict[str, dict[str, str]] = {
    "injection": {"de": "Anweisung an das System", "en": "injection"},
    "dispute": {"de": "Widerspruch", "en": "dispute"},
    "enforcement": {"de": "Vollstreckung", "en": "enforcement"},
    "sale": {"de": "Abtretung", "en": "sale"},
    "credit": {"de": "Guthaben", "en": "credit"},
    "several_totals": {"de": "mehrere Gesamtbeträge", "en": "several totals"},
    "reading": {"de": "Auswertung", "en": "reading"},
    "plausibility": {"de": "Plausibilität", "en": "plausibility"},
    "matching": {"de": "Zuordnung", "en": "matching"},
}
"""Display names of the hold kinds (``pipeline.gate.HOLD_KINDS``)."""

# (the English wording as the code writes it, the German template) ------------------------
_FAMILIES: tuple[tuple[str, str] | tuple[str, str, str], ...] = (
    # pipeline/gate.py
    ("reply is a dispute: a person decides", "Die Antwort ist ein Widerspruch: eine Person entscheidet"),
    # services/decide.py
    (
        "the matched claim changed while the email was judged: a person decides",
        "Die zugeordnete Forderung hat sich während der Prüfung geändert: eine Person entscheidet",
    ),
    (
        "the creditor cannot identify the client: a person decides",
        "Der Gläubiger kann den Mandanten nicht zuordnen: eine Person entscheidet",
    ),
    ("claim sold or assigned to a new holder", "Forderung an einen neuen Inhaber verkauft oder abgetreten"),
    ("court or bailiff enforcement: a person decides", "Gerichtliche Vollstreckung: eine Person entscheidet"),
    (
        "court, bailiff or enforcement mail: it never updates a claim, a person reads it",
        "Post von Gericht, Gerichtsvollzieher oder Vollstreckungsstelle: ändert nie eine Forderung, eine Person liest sie",
    ),
    ("automatic reply: nothing to apply", "Automatische Antwort: nichts zu übernehmen"),
    ("reply states no claim: a person decides", "Die Antwort nennt keine Forderung: eine Person entscheidet"),
    (
        "the creditor is still checking and will come back ({words:quotes}): the reply states no claim yet, "
        "a person decides",
        "Der Gläubiger prüft noch und meldet sich wieder ({words}): die Antwort nennt noch keine Forderung, "
        "eine Person entscheidet",
    ),
    (
        "the reply's only figure ({figures:nums}) is in its subject line; its text states no claim: a person decides",
        "Der einzige Betrag der Antwort ({figures}) steht in der Betreffzeile; ihr Text nennt keine Forderung: "
        "eine Person entscheidet",
    ),
    (
        "the reply states an instalment ({figures:nums}), not the claim's total: a person decides",
        "Die Antwort nennt eine Rate ({figures}), nicht die Gesamtforderung: eine Person entscheidet",
    ),
    (
        "the reply names {figures:nums} but none as the claim's total (a payment, instalment, offer or fee, "
        "or no label): a person decides",
        "Die Antwort nennt {figures}, aber keinen davon als Gesamtforderung (eine Zahlung, Rate, ein Angebot "
        "oder eine Gebühr, oder ohne Bezeichnung): eine Person entscheidet",
    ),
    (
        "the reply names different claim figures ({figures:nums}), none taken as current: a person decides",
        "Die Antwort nennt verschiedene Forderungsbeträge ({figures}), keiner wird als aktuell übernommen: "
        "eine Person entscheidet",
    ),
    (
        "the reply names one claim figure ({figures:num}) but it was not read as the current total: a person decides",
        "Die Antwort nennt einen Forderungsbetrag ({figures}), der nicht als aktueller Gesamtbetrag gelesen "
        "wurde: eine Person entscheidet",
    ),
    (
        "total {total:amt} was read, but the reply's wording reads as no claim statement: a person decides",
        "Ein Gesamtbetrag von {total} wurde gelesen, aber der Wortlaut der Antwort liest sich nicht als "
        "Forderungsaufstellung: eine Person entscheidet",
    ),
    (
        "the creditor also requests documents (power of attorney or proof): answer it",
        "Der Gläubiger fordert außerdem Unterlagen an (Vollmacht oder Nachweis): bitte beantworten",
    ),
    (
        "the creditor also proposes a settlement or instalments: a person answers it",
        "Der Gläubiger schlägt außerdem einen Vergleich oder Raten vor: eine Person antwortet",
    ),
    ("no claim of ours matches", "Keine unserer Forderungen passt"),
    ("match is not certain", "Die Zuordnung ist nicht sicher"),
    ("matched", "zugeordnet"),
    ("no claim total found", "Kein Gesamtbetrag gefunden"),
    (
        "reply is {kind:kind} and states no current total",
        "Antwort der Art „{kind}“ ohne aktuellen Gesamtbetrag",
        "A reply of the kind '{kind}' without a current total",
    ),
    (
        "a settlement proposal ({offers:nums}) beside the current total {total:num}: neither figure is "
        "applied automatically, a person confirms the total and answers the offer",
        "Ein Vergleichsangebot ({offers}) neben dem aktuellen Gesamtbetrag {total}: keiner der Beträge wird "
        "automatisch übernommen, eine Person bestätigt den Gesamtbetrag und beantwortet das Angebot",
    ),
    ("implausible total {total:num}", "Unplausibler Gesamtbetrag {total}"),
    (
        "reads as settled but states a total of {total:num}",
        "Gelesen als erledigt, nennt aber einen Gesamtbetrag von {total}",
    ),
    ("evidence: {problem:reason}", "Beleg: {problem}"),
    (
        "extractor confidence {confidence:num} is below the floor {floor:num}",
        "Sicherheit der Auswertung {confidence} liegt unter der Untergrenze {floor}",
    ),
    (
        "currency {currency:text} differs from the claim's {claim:text}",
        "Währung {currency} weicht von der Forderungswährung {claim} ab",
    ),
    ("currency not stated", "Keine Währung angegeben"),
    ("not a creditor reply ({kind:code})", "Keine Gläubigerantwort ({kind})"),
    # pipeline/safety.py
    (
        "text addresses the system or tries to set an outcome: {text:quote}",
        "Text richtet sich an das System oder versucht ein Ergebnis vorzugeben: {text}",
    ),
    (
        "text hidden in the HTML ({how:text}) addresses the system or tries to set an outcome: {text:quote}",
        "Im HTML versteckter Text ({how}) richtet sich an das System oder versucht ein Ergebnis vorzugeben: {text}",
    ),
    (
        "claim sold or assigned to a new holder ({words:quote}): a person decides",
        "Forderung an einen neuen Inhaber verkauft oder abgetreten ({words}): eine Person entscheidet",
    ),
    (
        "court or bailiff enforcement ({words:quote}): a person decides",
        "Gerichtliche Vollstreckung ({words}): eine Person entscheidet",
    ),
    # services/decide.pending_handover: a later reply for a claim another waiting email reported sold or enforced
    (
        "claim {claim:code} reported sold or assigned in email {email:code}, waiting for review: a person decides",
        "Forderung {claim} ist laut E-Mail {email} verkauft oder abgetreten; diese E-Mail wartet noch auf Prüfung: "
        "eine Person entscheidet",
    ),
    # services/decide._held_for_sale: a reply of a claim's previous holder after a person recorded the sale
    (
        "claim sold to {holder:text} on {day:date}: a reply of the previous holder {old:text} is not applied, "
        "a person decides",
        "Forderung am {day} an {holder} verkauft oder abgetreten: eine Antwort des bisherigen Inhabers {old} "
        "wird nicht übernommen, eine Person entscheidet",
    ),
    (
        "claim {claim:code} reported under enforcement in email {email:code}, waiting for review: a person decides",
        "Für Forderung {claim} meldet E-Mail {email} eine Vollstreckung; diese E-Mail wartet noch auf Prüfung: "
        "eine Person entscheidet",
    ),
    (
        "credit or negative balance stated ({mark:quote}): never applied as an amount owed",
        "Guthaben oder negativer Saldo angegeben ({mark}): wird nie als geschuldeter Betrag übernommen",
    ),
    (
        "applying 0.00 as settled, but the reply says nowhere (without a negation) that the claim is settled",
        "0,00 würde als erledigt übernommen, aber die Antwort sagt nirgends (unverneint), dass die Forderung "
        "erledigt ist",
    ),
    (
        "the total's evidence {evidence:quote} is not a whole number {total:num} in {source:text}",
        "Der Beleg des Gesamtbetrags {evidence} ist keine ganze Zahl {total} in {source}",
    ),
    (
        "total {total:num} is not a whole number in the creditor's reply or attachments "
        "(a fragment of a longer number proves nothing)",
        "Gesamtbetrag {total} steht nicht als ganze Zahl in der Antwort oder den Anhängen des Gläubigers "
        "(ein Teil einer längeren Zahl beweist nichts)",
    ),
    (
        "total {total:num} equals the stored claim amount (the office's letter) "
        "and the reply does not restate it as the current claim",
        "Gesamtbetrag {total} entspricht dem gespeicherten Forderungsbetrag (unserem Schreiben), "
        "und die Antwort bestätigt ihn nicht als aktuelle Forderung",
    ),
    (
        "total {total:num} equals a figure of the quoted history "
        "and the reply does not restate it as the current claim",
        "Gesamtbetrag {total} entspricht einer Zahl im zitierten Verlauf, "
        "und die Antwort bestätigt ihn nicht als aktuelle Forderung",
    ),
    (
        "total {total:num} equals a figure of the quoted history and the stored claim amount (the office's letter) "
        "and the reply does not restate it as the current claim",
        "Gesamtbetrag {total} entspricht einer Zahl im zitierten Verlauf und dem gespeicherten Forderungsbetrag "
        "(unserem Schreiben), und die Antwort bestätigt ihn nicht als aktuelle Forderung",
    ),
    (  # the wording before the source was named (stored on older emails)
        "total {total:num} equals a figure of the quoted history or the office's letter (the stored claim) "
        "and the reply does not restate it as the current claim",
        "Gesamtbetrag {total} entspricht einer Zahl im zitierten Verlauf oder unserem Schreiben "
        "(gespeicherte Forderung), und die Antwort bestätigt ihn nicht als aktuelle Forderung",
    ),
    (
        "attachment {name:text} was not fully read ({problem:reason}): the claim may be stated there",
        "Anhang {name} wurde nicht vollständig gelesen ({problem}): die Forderung kann dort stehen",
    ),
    (
        "the readings of the total disagree: {readings:figures}",
        "Die Lesungen des Gesamtbetrags weichen voneinander ab: {readings}",
    ),
    (
        "total {total:amt} reopens a claim stored as {stored:amt} (settled or in credit)",
        "Gesamtbetrag {total} eröffnet eine als {stored} gespeicherte Forderung neu (erledigt oder im Guthaben)",
    ),
    (
        "total {total:amt} is a drop of {change:pct} from the stored {stored:amt} (more than {bound:pct})",
        "Gesamtbetrag {total} ist ein Rückgang um {change} gegenüber gespeicherten {stored} (mehr als {bound})",
    ),
    (
        "total {total:amt} is a rise of {change:pct} from the stored {stored:amt} (more than {bound:pct})",
        "Gesamtbetrag {total} ist ein Anstieg um {change} gegenüber gespeicherten {stored} (mehr als {bound})",
    ),
    # services/review.py STALE_NOTE: after a hold reason whose stored figure the claim no longer holds
    (
        "computed against an earlier claim amount; stored now: {now:amt}",
        "berechnet gegen einen früheren Forderungsbetrag; jetzt gespeichert: {now}",
    ),
    ("{problem:reason}: a person checks it", "{problem}: eine Person prüft das"),
    (
        "total {total:num} is only the sum of the listed parts, and the reply also states {other:num}: "
        "a person decides which figure is current",
        "Der Gesamtbetrag {total} ist nur die Summe der aufgeführten Posten, und die Antwort nennt außerdem "
        "{other}: eine Person entscheidet, welcher Betrag aktuell ist",
    ),
    # pipeline/safety_claims.py
    (
        "the reply names the sale or assignment of the claim ({words:quotes}): claim sold or assigned, "
        "the figure at the sale is not the current claim",
        "Die Antwort nennt den Verkauf oder die Abtretung der Forderung ({words}): Forderung verkauft oder "
        "abgetreten, der Betrag zum Verkauf ist nicht die aktuelle Forderung",
    ),
    (
        "the creditor accepts a settlement ({words:quotes}): the agreed sum is not the current claim, "
        "a person records the agreement",
        "Der Gläubiger nimmt einen Vergleich an ({words}): die vereinbarte Summe ist nicht die aktuelle "
        "Forderung, eine Person erfasst die Vereinbarung",
    ),
    (
        "the reply also names another claim of ours ({ref:text} of {creditor:text}, client {client:text}): "
        "a mail about several claims, a person assigns its figures",
        "Die Antwort nennt auch eine andere unserer Forderungen ({ref} von {creditor}, Mandant {client}): "
        "eine Nachricht zu mehreren Forderungen, eine Person ordnet die Beträge zu",
    ),
    (
        "the reply is about several claims ({words:quotes}): {total:num} is not stated with the claim's "
        "reference {ref:text} alone; a person assigns the figures",
        "Die Antwort betrifft mehrere Forderungen ({words}): {total} steht nicht allein beim Aktenzeichen "
        "{ref} der Forderung; eine Person ordnet die Beträge zu",
    ),
    (
        "the reply states figures for several claims ({ids:text}): {total:num} is not stated with the claim's "
        "reference {ref:text} alone; a person assigns the figures",
        "Die Antwort nennt Beträge zu mehreren Forderungen ({ids}): {total} steht nicht allein beim "
        "Aktenzeichen {ref} der Forderung; eine Person ordnet die Beträge zu",
    ),
    (
        "the total {total:num} is not written in the reply and the client has several claims of this "
        "creditor: a sum over several claims is never applied",
        "Der Gesamtbetrag {total} steht nicht in der Antwort, und der Mandant hat mehrere Forderungen dieses "
        "Gläubigers: eine Summe über mehrere Forderungen wird nie übernommen",
    ),
    (
        "the reply names {refs:quotes}, which resembles but is not the claim's reference {ref:text}: "
        "another account, or another person's",
        "Die Antwort nennt {refs}, das dem Aktenzeichen {ref} der Forderung ähnelt, aber nicht gleicht: "
        "ein anderes Konto oder das einer anderen Person",
    ),
    (
        "the reply writes about another claim of ours ({ref:text} of {creditor:text}, client {client:text}): "
        "its figure is not the matched claim's",
        "Die Antwort betrifft eine andere unserer Forderungen ({ref} von {creditor}, Mandant {client}): "
        "ihr Betrag ist nicht der der zugeordneten Forderung",
    ),
    (
        "the reply states a figure for another person ({person:text}) beside the client: it is not the claim's",
        "Die Antwort nennt einen Betrag für eine andere Person ({person}) neben dem Mandanten: "
        "er ist nicht der der Forderung",
    ),
    (
        "the reply states a date of birth ({birth:text}) that is not the client's ({client:text}): "
        "it may be about another person",
        "Die Antwort nennt ein Geburtsdatum ({birth}), das nicht das des Mandanten ist ({client}): "
        "sie betrifft womöglich eine andere Person",
    ),
    # pipeline/reply_wording.py
    (
        "the reply disputes, contests or rejects ({words:quotes}): a person decides",
        "Die Antwort bestreitet, widerspricht oder lehnt ab ({words}): eine Person entscheidet",
    ),
    (
        # not a dispute: the creditor is only checking (pipeline/reply_wording.py, CHECKING_LABEL)
        "the creditor is still checking the claim; no current figure yet ({words:quotes}): a person decides",
        "Der Gläubiger prüft die Forderung noch; noch kein aktueller Betrag ({words}): eine Person entscheidet",
    ),
    (
        "the reply says the claim was sold, assigned or transferred to a new holder ({words:quotes}): a person decides",
        "Laut Antwort wurde die Forderung verkauft, abgetreten oder übertragen ({words}): eine Person entscheidet",
    ),
    (
        "the reply names court, bailiff or enforcement action ({words:quotes}): a person decides",
        "Die Antwort nennt Gericht, Gerichtsvollzieher oder Vollstreckung ({words}): eine Person entscheidet",
    ),
    (
        "the reply says the client or the claim is unknown ({words:quotes}): a person decides",
        "Laut Antwort ist der Mandant oder die Forderung unbekannt ({words}): eine Person entscheidet",
    ),
    (
        "the reply refers to the figure of the quoted letter ({figures:nums}) without restating it: a person confirms",
        "Die Antwort verweist auf den Betrag unseres zitierten Schreibens ({figures}), ohne ihn zu nennen: "
        "eine Person bestätigt",
    ),
    (
        "the reply says the creditor has no record of a payment, cancellation or letter ({words:quotes}): "
        "a person checks it with the client",
        "Laut Antwort liegt dem Gläubiger eine Zahlung, Kündigung oder ein Schreiben nicht vor ({words}): "
        "eine Person klärt das mit dem Mandanten",
    ),
    (
        "the reply says the claim was written off or is no longer pursued ({words:quotes}): a person decides",
        "Laut Antwort wurde die Forderung ausgebucht oder wird nicht mehr verfolgt ({words}): eine Person entscheidet",
    ),
    (
        "the reply names an insolvency or collective debt procedure ({words:quotes}): a person decides",
        "Die Antwort nennt ein Insolvenz- oder Entschuldungsverfahren ({words}): eine Person entscheidet",
    ),
    (
        "the reply says collection is suspended or the matter is before an ombudsman or arbitration body "
        "({words:quotes}): a person decides",
        "Laut Antwort ruht die Beitreibung oder die Sache liegt einer Schlichtungs- oder Ombudsstelle vor "
        "({words}): eine Person entscheidet",
    ),
    (
        "the reply cannot tell which client or claim is meant ({words:quotes}): a person decides",
        "Die Antwort lässt offen, welcher Mandant oder welche Forderung gemeint ist ({words}): eine Person entscheidet",
    ),
    (
        "the sender says it no longer acts for the creditor (mandate ended, file returned) ({words:quotes}): "
        "a person decides",
        "Laut Absender vertritt er den Gläubiger nicht mehr (Mandat beendet, Akte zurückgegeben) ({words}): "
        "eine Person entscheidet",
    ),
    (
        "the reply names a complaint, appeal, ombudsman or court case still pending, or a figure awaiting its "
        "outcome ({words:quotes}): a person decides",
        "Die Antwort nennt eine noch offene Beschwerde, einen Rechtsbehelf, ein Schlichtungs- oder Gerichtsverfahren "
        "oder einen Betrag, der von dessen Ausgang abhängt ({words}): eine Person entscheidet",
    ),
    (
        "the creditor's figure is provisional: its final statement is to follow ({words:quotes}): a person decides",
        "Der Betrag des Gläubigers ist vorläufig: seine Schlussabrechnung folgt noch ({words}): eine Person entscheidet",
    ),
    (
        "the reply says the figure is provisional, estimated or not confirmed yet ({words:quotes}): a person decides",
        "Laut Antwort ist der Betrag vorläufig, geschätzt oder noch nicht bestätigt ({words}): eine Person entscheidet",
    ),
    (
        "the reply says the figure is valid only on a condition (paid by a date) or discounted ({words:quotes}): "
        "a person decides",
        "Laut Antwort gilt der Betrag nur unter einer Bedingung (Zahlung bis zu einem Datum) oder mit Nachlass "
        "({words}): eine Person entscheidet",
    ),
    (
        "total {total:num} stands only below the closing formula (a postscript or an older message), "
        "the letter above states {shown:nums}: a person decides",
        "Gesamtbetrag {total} steht nur unter der Grußformel (ein Nachsatz oder eine ältere Nachricht), "
        "der Brief darüber nennt {shown}: eine Person entscheidet",
    ),
    (
        "total {total:num} stands only below the sign-off or the signature, or in an older message of the "
        "thread (a ticket's history), not in the newest message: a person decides",
        "Gesamtbetrag {total} steht nur unter der Grußformel oder der Signatur oder in einer älteren Nachricht "
        "des Verlaufs (Ticket-Verlauf), nicht in der neuesten Nachricht: eine Person entscheidet",
    ),
    (
        "total {total:num} is stated as cancelled or credited ({words:quote}), not as owed: a person decides",
        "Gesamtbetrag {total} ist als storniert oder gutgeschrieben genannt ({words}), nicht als geschuldet: "
        "eine Person entscheidet",
    ),
    (
        "total {total:num} stands only in a postscript (P.S.): a person decides which claim it is",
        "Gesamtbetrag {total} steht nur im Nachsatz (PS): eine Person entscheidet, welche Forderung gemeint ist",
    ),
    (
        "total {total:num} stands in a sentence about another client: {sentence:quote}",
        "Gesamtbetrag {total} steht in einem Satz über einen anderen Mandanten: {sentence}",
    ),
    (
        "total {total:num} stands in a sentence about a guarantor or co-debtor (another person's liability): "
        "{sentence:quote}",
        "Gesamtbetrag {total} steht in einem Satz über einen Bürgen oder Mitschuldner (die Haftung einer "
        "anderen Person): {sentence}",
    ),
    (
        "settlement or reduced-sum offer ({words:quotes}) and total {total:num} is not stated as the "
        "current claim: {line:quote}",
        "Vergleichs- oder Nachlassangebot ({words}), und Gesamtbetrag {total} steht nicht als aktuelle "
        "Forderung da: {line}",
    ),
    (
        "total {total:num} is not stated as the current claim (it stands next to an instalment, offer, payment, "
        "fee or rate, or next to no claim word): {line:quote}",
        "Gesamtbetrag {total} steht nicht als aktuelle Forderung da (er steht bei einer Rate, einem Angebot, "
        "einer Zahlung, Gebühr oder einem Zinssatz, oder bei keinem Forderungswort): {line}",
    ),
    (
        "reading 0.00 (settled), but the reply states {owed:num} owed: {sentence:quote}",
        "Gelesen 0,00 (erledigt), aber die Antwort nennt {owed} als geschuldet: {sentence}",
    ),
    (
        "total {total:num} read, but the reply says the claim is settled ({words:quotes}): a person decides",
        "Gesamtbetrag {total} gelesen, aber laut Antwort ist die Forderung erledigt ({words}): eine Person entscheidet",
    ),
    (
        "total {total:num} read, but the reply says that sum was paid ({words:quote}): a person decides",
        "Gesamtbetrag {total} gelesen, aber laut Antwort wurde dieser Betrag bezahlt ({words}): eine Person entscheidet",
    ),
    (
        "the thread's messages are out of date order ({upper:quote} stands above the later {lower:quote}): "
        "which message is the newest is uncertain, a person decides",
        "Die Nachrichten des Verlaufs stehen nicht in Datumsfolge ({upper} steht über der späteren {lower}): "
        "welche Nachricht die neueste ist, ist unsicher, eine Person entscheidet",
    ),
    (
        "{figure:quote} after {label:quote} is not a well-formed amount: a person reads it",
        "{figure} nach {label} ist kein gültig geschriebener Betrag: eine Person liest ihn",
    ),
    (
        "the reply states several different totals ({totals:nums}): a person decides which is current",
        "Die Antwort nennt mehrere verschiedene Gesamtbeträge ({totals}): eine Person entscheidet, welcher aktuell ist",
    ),
    (
        "the reply states two current figures of equal standing ({first:num}, {second:num}), neither named as the "
        "one owed: a person decides which is owed",
        "Die Antwort nennt zwei gleichrangige aktuelle Beträge ({first}, {second}) und keiner ist als der geschuldete "
        "bezeichnet: eine Person entscheidet, welcher geschuldet ist",
    ),
    # pipeline/matching.py (a candidate's evidence and the matcher's verdict)
    ("creditor reference {ref:text} matches", "Aktenzeichen des Gläubigers {ref} passt"),
    ("client file number {number:text} matches", "Aktenzeichen {number} passt"),
    ("file number names another client", "Aktenzeichen nennt einen anderen Mandanten"),
    ("client name {similarity:num}", "Mandantenname {similarity}"),
    ("client date of birth matches", "Geburtsdatum des Mandanten passt"),
    ("sender address matches", "Absenderadresse passt"),
    ("sender domain {domain:text} matches", "Absenderdomain {domain} passt"),
    ("agent {agent:text} for {creditor:text}", "Inkassobüro {agent} für {creditor}"),
    ("agent name {similarity:num}", "Name des Inkassobüros {similarity}"),
    ("creditor name {similarity:num}", "Gläubigername {similarity}"),
    ("original creditor {creditor:text} differs", "Ursprünglicher Gläubiger {creditor} weicht ab"),
    ("reply in the claim's thread", "Antwort im Verlauf der Forderung"),
    ("reply in the claim's thread, sender unknown", "Antwort im Verlauf der Forderung, Absender unbekannt"),
    (
        "claims {ids:text} within {margin:num} of each other",
        "Forderungen {ids} liegen weniger als {margin} auseinander",
    ),
    (  # matching: the best-scoring claim is not the one whose ticket thread the reply sits in
        "reply is in the thread of claim {claim:text}",
        "Die Antwort steht im Verlauf einer anderen Forderung ({claim}) als der bestpassenden: "
        "welche Forderung gemeint ist, entscheidet eine Person",
    ),
    (
        "thread match, but the sender is not known for this claim",
        "Zuordnung über den Verlauf, aber der Absender ist für diese Forderung nicht bekannt",
    ),
    ("no client evidence recognised in the reply", "Keine Angaben zum Mandanten in der Antwort erkannt"),
    (
        "client name fits {name:text} (claim {claim:text}) better",
        "Der Mandantenname passt besser zu {name} (Forderung {claim})",
    ),
    ("similar client names: {first:text} / {second:text}", "Ähnliche Mandantennamen: {first} / {second}"),
    (
        "the date of birth in the reply ({dob:text}) is not {name:text}'s",
        "Das Geburtsdatum in der Antwort ({dob}) ist nicht das von {name}",
    ),
    (
        "no client name, file number or reference recognised in the reply",
        "Weder Mandantenname noch Aktenzeichen in der Antwort erkannt",
    ),
    ("sender matches, no client evidence recognised", "Absender passt, keine Angaben zum Mandanten erkannt"),
    ("client name stated in the reply", "Mandantenname steht in der Antwort"),
    (
        "claim {claim:text}'s creditor {creditor:text} does not fit the sender {sender:text} "
        "nor the creditor the reply names",
        "Der Gläubiger {creditor} der Forderung {claim} passt weder zum Absender {sender} noch zum genannten Gläubiger",
    ),
    (
        "the reply names neither claim {claim:text}'s client {client:text} nor its reference",
        "Die Antwort nennt weder den Mandanten {client} der Forderung {claim} noch ihr Aktenzeichen",
    ),
    ("no claim matches the client evidence", "Keine Forderung passt zu den Angaben zum Mandanten"),
    ("sender matches {count:num} claim(s)", "Absender passt zu {count} Forderung(en)"),
    ("not a creditor reply", "Keine Gläubigerantwort"),
    ("no claims to match against", "Keine Forderungen zum Zuordnen vorhanden"),
    ("best score {score:num} below {threshold:num}", "Bester Trefferwert {score} unter {threshold}"),
    # pipeline/extraction/evidence.py (evidence problems: "<field>: …")
    ("{field:field}: {value:value} does not appear in its evidence", "{field}: {value} steht nicht in seinem Beleg"),
    ("{field:field}: {value:value} has no evidence", "{field}: {value} hat keinen Beleg"),
    (
        "{field:field}: evidence cites unknown source {source:quote}",
        "{field}: Beleg nennt eine unbekannte Quelle {source}",
    ),
    (
        "{field:field}: evidence text is not in {source:text}: {text:quote}",
        "{field}: Belegtext steht nicht in {source}: {text}",
    ),
    (
        "{field:field}: evidence comes from {source:text}, not from the reply or an attachment",
        "{field}: Beleg stammt aus {source}, nicht aus der Antwort oder einem Anhang",
    ),
    # extractor warnings (pipeline/extraction/rules.py, amounts.py, attachment_amounts.py, claude.py)
    (
        "text addressing an AI system was found and ignored (treated as data)",
        "Text gefunden, der sich an die automatische Verarbeitung richtet; ignoriert (als Daten behandelt)",
    ),
    ("machine-generated mail", "Maschinell erzeugte E-Mail"),
    ("client writing, not a creditor", "Schreiben des Mandanten, nicht eines Gläubigers"),
    ("the creditor reports court, bailiff or enforcement steps", "Der Gläubiger meldet gerichtliche Schritte"),
    (
        "court, bailiff or enforcement mail: not a creditor's statement",
        "Post von Gericht oder Gerichtsvollzieher: keine Forderungsaufstellung eines Gläubigers",
    ),
    (
        "'kr' read as {currency:text} from the letter's language, not the sender's country",
        "„kr“ als {currency} gelesen (nach der Sprache des Schreibens, nicht dem Land des Absenders)",
    ),
    ("'kr' without a country: SEK, DKK or NOK", "„kr“ ohne Land: SEK, DKK oder NOK"),
    (
        "currency {currency:text} implied by the sender",
        "Währung {currency} aus dem Land des Absenders (die Beträge nennen keine)",
    ),
    (
        "currency {currency:text} implied by the quoted letter",
        "Währung {currency} aus dem zitierten Schreiben (die Beträge nennen keine)",
    ),
    (
        "the claim was sold or assigned: the figure stated is not the current claim",
        "Die Forderung wurde verkauft oder abgetreten: der genannte Betrag ist nicht die aktuelle Forderung",
    ),
    (
        "reads as settled but states a non-zero amount; no total taken",
        "Gelesen als erledigt, nennt aber einen Betrag über null; kein Gesamtbetrag übernommen",
    ),
    ("creditor or client not named in the email", "Gläubiger oder Mandant in der E-Mail nicht genannt"),
    (
        "creditor not named in the email, nor the sender known for the claim",
        "Gläubiger in der E-Mail nicht genannt, Absender für die Forderung nicht bekannt",
    ),
    ("client not named in the email", "Mandant in der E-Mail nicht genannt"),
    ("currency taken from the text, not from the amount", "Währung aus dem Text, nicht vom Betrag übernommen"),
    ("no currency stated", "Keine Währung angegeben"),
    (
        "no total stated; total is the sum of the stated components",
        "Kein Gesamtbetrag genannt; Gesamtbetrag ist die Summe der genannten Bestandteile",
    ),
    (
        "no total stated; total is the sum of the items the reply lists as the claim's parts",
        "Kein Gesamtbetrag genannt; Gesamtbetrag ist die Summe der Posten, die die Antwort als Teile der Forderung aufführt",
    ),
    (
        "a projected figure at a later date beside the current one: the current one taken",
        "Ein voraussichtlicher Betrag zu einem späteren Datum neben dem aktuellen: der aktuelle übernommen",
    ),
    (
        "a later figure corrects an earlier one: the correction taken",
        "Ein späterer Betrag berichtigt einen früheren: die Berichtigung übernommen",
    ),
    (
        "reads as settled but names an open amount in another sentence; no total taken",
        "Liest sich als ausgeglichen, nennt aber in einem anderen Satz einen offenen Betrag; kein Gesamtbetrag übernommen",
    ),
    (
        "a part is settled and only the rest is open: the rest is the claim now",
        "Ein Teil ist ausgeglichen und nur der Rest offen: der Rest ist die aktuelle Forderung",
    ),
    (
        "balances at several dates: the latest taken (the movements between them add up)",
        "Salden zu mehreren Stichtagen: der jüngste übernommen (die Buchungen dazwischen gehen auf)",
    ),
    (
        "only one component stated (no total, nothing to add it to): the claim cannot be told",
        "Nur ein Bestandteil genannt (kein Gesamtbetrag, nichts zum Addieren): die Forderung ist nicht bestimmbar",
    ),
    (
        "the only amount in the reply is not labelled; taken as the total",
        "Der einzige Betrag der Antwort ist nicht bezeichnet; als Gesamtbetrag übernommen",
    ),
    (
        "amounts without a label; the claim cannot be told",
        "Beträge ohne Bezeichnung; die Forderung ist nicht bestimmbar",
    ),
    (
        "credit balance: the creditor owes the client (mark); not an amount owed",
        "Guthaben: der Gläubiger schuldet dem Mandanten (Kennzeichen); kein geschuldeter Betrag",
    ),
    (
        "credit balance: the creditor owes the client (minus); not an amount owed",
        "Guthaben: der Gläubiger schuldet dem Mandanten (Minuszeichen); kein geschuldeter Betrag",
    ),
    (
        "credit balance: the creditor owes the client (words); not an amount owed",
        "Guthaben: der Gläubiger schuldet dem Mandanten (Wortlaut); kein geschuldeter Betrag",
    ),
    (
        "credit balance: the creditor owes the client ({how:text}); not an amount owed",
        "Guthaben: der Gläubiger schuldet dem Mandanten ({how}); kein geschuldeter Betrag",
    ),
    ("negative balance read as the amount owed", "Negativer Saldo als geschuldeter Betrag gelesen"),
    (
        "components add up to {sum:num}, not to the total {total:num}",
        "Die Bestandteile ergeben {sum}, nicht den Gesamtbetrag {total}",
    ),
    (
        "several different principal amounts; none taken",
        "Mehrere verschiedene Hauptforderungen; keine übernommen",
    ),
    (
        "an earlier figure beside the figure now: the figure now taken",
        "Ein früherer Betrag neben dem aktuellen: der aktuelle übernommen",
    ),
    (
        "parts of the claim stated and its total announced for later: the parts are not summed",
        "Teile der Forderung genannt, der Gesamtbetrag wird später mitgeteilt: die Teile werden nicht addiert",
    ),
    (
        "a figure heads a list of further charges without a sum row: no total taken",
        "Ein Betrag steht über einer Liste weiterer Posten ohne Summenzeile: kein Gesamtbetrag übernommen",
    ),
    (
        "a settlement offer ({offers:nums}) beside the total {total:num}; none taken",
        "Vergleichsangebot ({offers}) neben dem Gesamtbetrag {total}; keiner übernommen",
    ),
    (
        "{figure:quote} after {label:quote} is not a well-formed amount",
        "{figure} nach {label} ist kein gültig geschriebener Betrag",
    ),
    (
        "several different totals stated: {totals:nums}; none taken",
        "Mehrere verschiedene Gesamtbeträge genannt: {totals}; keiner übernommen",
    ),
    (
        "another account is settled and the figure's account is still open: the figure is read, a person confirms "
        "the claim",
        "Ein anderes Konto ist ausgeglichen und das Konto des Betrags noch offen: der Betrag ist gelesen, eine Person "
        "bestätigt die Forderung",
    ),
    (
        "two current figures of equal standing stated: {first:num}, {second:num}; none taken",
        "Zwei gleichrangige aktuelle Beträge genannt: {first}, {second}; keiner übernommen",
    ),
    (
        "the total is the rest after the deductions stated; check it",
        "Der Gesamtbetrag ist der Rest nach den genannten Abzügen; bitte prüfen",
    ),
    ("total {total:num} taken from {source:text} alone", "Gesamtbetrag {total} nur aus {source} übernommen"),
    (
        "{first:text} total {first_total:num} differs from {second:text} total {second_total:num}",
        "Gesamtbetrag {first_total} in {first} weicht von {second_total} in {second} ab",
    ),
    (
        "attachment {name:text} could not be read ({problem:reason}); a person checks it",
        "Anhang {name} konnte nicht gelesen werden ({problem}); eine Person prüft das",
    ),
    (
        "attachment {name:text} was read only in part ({problem:reason}); a person checks it",
        "Anhang {name} wurde nur teilweise gelesen ({problem}); eine Person prüft das",
    ),
    (
        "the reply is longer than {limit:num} characters: only its start was read, so a person decides",
        "Die Antwort ist länger als {limit} Zeichen: nur ihr Anfang wurde gelesen, daher entscheidet eine Person",
    ),
    ("evidence source {source:quote} unknown", "Belegquelle {source} unbekannt"),
    (
        "currency {currency:quote} is not an ISO 4217 code; left empty",
        "Währung {currency} ist kein ISO-4217-Code; leer gelassen",
    ),
    (
        "statement_date {date:quote} is not YYYY-MM-DD; left empty",
        "Stand-Datum {date} ist nicht JJJJ-MM-TT; leer gelassen",
    ),
    ("confidence {confidence:text} outside 0..1; set to 0", "Sicherheit {confidence} außerhalb 0..1; auf 0 gesetzt"),
    # pipeline/attachments.py (an attachment's problem)
    ("unsupported attachment type ({what:text}); not read", "Nicht unterstützter Anhangstyp ({what}); nicht gelesen"),
    ("text cut at {limit:num} characters", "Text nach {limit} Zeichen abgeschnitten"),
    ("only the first {pages:num} of {count:num} pages read", "Nur die ersten {pages} von {count} Seiten gelesen"),
    ("broken PDF: {error:text}; not read", "Beschädigte PDF-Datei: {error}; nicht gelesen"),
    ("encrypted PDF: cannot decrypt ({error:text}); not read", "Verschlüsselte PDF-Datei ({error}); nicht gelesen"),
    ("broken image: {error:text}; not read", "Beschädigtes Bild: {error}; nicht gelesen"),
    ("broken Word file: {error:text}; not read", "Beschädigte Word-Datei: {error}; nicht gelesen"),
    # services/review.py (offer, warnings, refusals, notes, the action log)
    ("no total amount was read", "Kein Gesamtbetrag gelesen"),
    ("the total {total:quote} is not a number", "Der Gesamtbetrag {total} ist keine Zahl"),
    ("flag: {flag:reason}", "Hinweis: {flag}"),
    (
        "the email contains text addressed to an AI system (prompt injection)",
        "Die E-Mail enthält Text, der sich an die automatische Verarbeitung richtet (Prompt-Injection)",
    ),
    (
        "the email contains text addressing the system; its figures are not offered",
        "Die E-Mail enthält Text an das System; ihre Zahlen werden nicht vorgeschlagen",
    ),
    (
        "the email states a credit or negative balance; no amount owed is offered",
        "Die E-Mail nennt ein Guthaben oder einen negativen Saldo; kein geschuldeter Betrag wird vorgeschlagen",
    ),
    (
        "the readings of the total disagree; pick the amount yourself",
        "Die Lesungen des Gesamtbetrags weichen ab; bitte den Betrag selbst wählen",
    ),
    (
        "held for dispute ({reason:reason}): a dispute sets no amount; read the email and decide",
        "Angehalten – Widerspruch: {reason}. Ein Widerspruch setzt keinen Betrag; bitte die E-Mail lesen und entscheiden",
    ),
    (
        "held for enforcement ({reason:reason}): it sets no claim amount by itself; read it, then record what it "
        "means for the claim (approve a candidate with the amount you type only when the creditor's current "
        "figure is stated) or reject it to close it",
        "Angehalten – Vollstreckung: {reason}. Sie setzt keinen Forderungsbetrag; bitte lesen, dann festhalten, was "
        "sie für die Forderung bedeutet (eine Kandidaten-Forderung nur mit selbst eingetragenem Betrag bestätigen, "
        "wenn der aktuelle Betrag des Gläubigers genannt ist) oder ablehnen, um sie abzuschließen",
    ),
    ("reverts update {update:text}", "macht Änderung {update} rückgängig"),
    # services/review.HELD_KIND_FIGURE: a held kind's figure is read but never offered
    (
        "the claim was sold, assigned or handed over: the figure it states is not offered; record the new holder "
        "(review sold) or type the amount after reading the email",
        "Die Forderung wurde verkauft, abgetreten oder abgegeben: der genannte Betrag wird nicht angeboten; bitte den "
        "neuen Inhaber erfassen (review sold) oder den Betrag nach dem Lesen der E-Mail selbst eintragen",
    ),
    (
        "court, bailiff or enforcement mail: the sum it names is not offered; type the amount after reading the email",
        "Post von Gericht, Gerichtsvollzieher oder Vollstreckungsstelle: die genannte Summe wird nicht angeboten; "
        "bitte den Betrag nach dem Lesen der E-Mail selbst eintragen",
    ),
    (
        "the creditor disputes: the figure beside the dispute is not offered; read the email and decide",
        "Der Gläubiger widerspricht: der Betrag neben dem Widerspruch wird nicht angeboten; bitte die E-Mail lesen "
        "und entscheiden",
    ),
    # pipeline/extraction/rules.py: the total of a held kind is read, never applied
    (
        "the claim was sold, assigned or handed over: the figure read is the one the email states for it, never "
        "applied before a person records the new holder",
        "Die Forderung wurde verkauft, abgetreten oder abgegeben: gelesen ist der Betrag, den die E-Mail für sie "
        "nennt; er wird nie übernommen, bevor eine Person den neuen Inhaber erfasst",
    ),
    (
        "court, bailiff or enforcement mail: the sum it names for the claim is read, never applied (a person reads it)",
        "Post von Gericht, Gerichtsvollzieher oder Vollstreckungsstelle: die für die Forderung genannte Summe ist "
        "gelesen, wird aber nie übernommen (eine Person liest sie)",
    ),
    (
        "held for {kind:kind} ({reason:reason}): type the amount after reading the email",
        "Angehalten – {kind}: {reason}. Bitte den Betrag nach dem Lesen der E-Mail selbst eintragen",
    ),
    (
        "the amount is in {stated:text}, the claim in {claim:text}",
        "Der Betrag ist in {stated}, die Forderung in {claim}",
    ),
    ("the amount {total:num} is implausible", "Der Betrag {total} ist unplausibel"),
    (
        "plausibility: {total:amt} differs strongly from the claim's current {current:amt}",
        "Plausibilität: {total} weicht stark vom aktuellen Forderungsbetrag {current} ab",
    ),
    (
        "readings disagree: principal + interest + costs = {sum:num}, total {total:num}",
        "Lesungen weichen ab: Hauptforderung + Zinsen + Kosten = {sum}, Gesamtbetrag {total}",
    ),
    ("email {email:text} does not exist", "E-Mail {email} existiert nicht"),
    (
        "claim {claim:text} does not exist; the candidates for email {email:text} ({listed:text}) are in "
        "`creditctl review show {email2:text}`",
        "Forderung {claim} existiert nicht; mögliche Forderungen für E-Mail {email}: {listed}",
    ),
    (
        "claim {claim:text} is not a candidate for email {email:text} (candidates: {listed:text}, see "
        "`creditctl review show {email2:text}`); an admin may override with a reason (--override --reason ...)",
        "Forderung {claim} ist keine mögliche Forderung für E-Mail {email} (möglich: {listed}); "
        "ein Administrator kann mit Begründung übersteuern",
    ),
    (
        "only an admin may approve claim {claim:text}, which is not a candidate",
        "Nur ein Administrator darf Forderung {claim} freigeben, die keine mögliche Forderung ist",
    ),
    ('an override needs a reason (--reason "...")', "Eine Übersteuerung braucht eine Begründung"),
    (
        "{problem:reason} (the confirmation was for {other:value}, not {amount:num}): check the figure; "
        "to apply it anyway confirm the change (--confirm-change)",
        "{problem}: die Bestätigung galt {other}, nicht {amount}; bitte den Betrag prüfen; um ihn trotzdem "
        "zu übernehmen, diesen Betrag bestätigen",
    ),
    (
        "email {email:text} was already reviewed: approved by {who:text} at {at:when}: claim {claim:text} set {old:value} → "
        "{new:num} {cur:cur}; your decision was not applied",
        "E-Mail {email} hat {who} schon am {at} freigegeben: Forderung {claim} auf {new}{cur} gesetzt (vorher "
        "{old}); Ihre Entscheidung wurde nicht übernommen",
        "Email {email} was already reviewed: approved by {who} on {at}: claim {claim} set {old} → {new}{cur}; "
        "your decision was not applied",
    ),
    (
        "email {email:text} was already reviewed: rejected by {who:text} at {at:when}; your decision was not applied",
        "E-Mail {email} hat {who} schon am {at} abgelehnt; Ihre Entscheidung wurde nicht übernommen",
    ),
    (
        "email {email:text} was {what:code} by {who:text} at {at:when}: undoing another person's decision "
        "needs a confirmation (--confirm-other)",
        "E-Mail {email} hat {who} entschieden ({at}); die Entscheidung einer anderen Person rückgängig zu "
        "machen braucht eine Bestätigung",
    ),
    (
        "{problem:reason}: check the figure; to apply it anyway confirm the change (--confirm-change)",
        "{problem}: bitte den Betrag prüfen; um ihn trotzdem zu übernehmen, die Änderung bestätigen",
    ),
    (
        "amount {total:amt} is a drop of {change:pct} from the claim's {stored:amt} (more than {bound:pct})",
        "Betrag {total} ist ein Rückgang um {change} gegenüber dem Forderungsbetrag {stored} (mehr als {bound})",
    ),
    (
        "amount {total:amt} is a rise of {change:pct} from the claim's {stored:amt} (more than {bound:pct})",
        "Betrag {total} ist ein Anstieg um {change} gegenüber dem Forderungsbetrag {stored} (mehr als {bound})",
    ),
    (
        "amount {total:amt} reopens a claim stored as {stored:amt} (settled or in credit)",
        "Betrag {total} eröffnet eine als {stored} gespeicherte Forderung neu (erledigt oder im Guthaben)",
    ),
    ("change confirmed: {problem:reason}", "Änderung bestätigt: {problem}"),
    (
        "override-newer: applied over email {email:text} (newer), which had set {amount:num} on {date:date}",
        "Übersteuert: übernommen trotz E-Mail {email} (neuer), die am {date} {amount} gesetzt hatte",
    ),
    (  # intake.enqueue_stored: the desk's quarantine replay during a queue outage (as ingest says it)
        "stored as email {email:text}, but the queue is unreachable: the sweep enqueues it once the queue is back "
        "(nothing is lost)",
        "Als E-Mail {email} gespeichert, aber die Warteschlange ist nicht erreichbar: der Abgleich reiht sie ein, "
        "sobald sie wieder erreichbar ist (nichts geht verloren)",
    ),
    (  # review.newer_figure_note: shown before an approval (claims.newer_figure_applied)
        "claim {claim:text}: email {email:text} (newer) set {amount:num}; approving this reply needs --override-newer",
        "Forderung {claim}: E-Mail {email} (neuer) hat {amount} gesetzt; diese Antwort zu übernehmen übersteuert "
        "die neuere (nur bewusst)",
    ),
    (
        "claim {claim:text}: email {email:text} (newer) set —; approving this reply needs --override-newer",
        "Forderung {claim}: E-Mail {email} (neuer) hat die Forderung gesetzt; diese Antwort zu übernehmen "
        "übersteuert die neuere (nur bewusst)",
    ),
    (
        "not applied: email {email:text} (newer) set {amount:num} on {date:date}; the claim stays {stays:num}",
        "Nicht übernommen: E-Mail {email} (neuer) hat am {date} {amount} gesetzt; die Forderung bleibt {stays}",
    ),
    (
        "not applied: email {email:text} (newer) set — on {date:date}; the claim stays —",
        "Nicht übernommen: E-Mail {email} (neuer) hat am {date} die Forderung gesetzt; sie bleibt unverändert",
    ),
    (
        "{amount:num} {currency:cur} not applied: email {email:text} (newer) set {set:num} on {date:date}; "
        "the claim stays {stays:num}",
        "{amount} {currency} nicht übernommen: E-Mail {email} (neuer) hat am {date} {set} gesetzt; "
        "die Forderung bleibt {stays}",
    ),
    (
        "{amount:num} not applied: a newer email had set the claim; the claim stayed {stays:num}",
        "{amount} nicht übernommen: eine neuere E-Mail hatte die Forderung gesetzt; sie blieb {stays}",
    ),
    (
        "{amount:num} not applied: a newer email had set the claim",
        "{amount} nicht übernommen: eine neuere E-Mail hatte die Forderung gesetzt",
    ),
    (  # older review notes (stored on emails decided before the wording changed)
        "approved by {who:text}: claim {claim:text} {status:code} ({old:value} → {new:num} {currency:text})",
        "freigegeben von {who}: Forderung {claim} {status} ({old} → {new} {currency})",
    ),
    (
        "undone by {who:text}: claim {claim:text} {old:num} → {new:num} {currency:text}; back in the queue",
        "rückgängig gemacht von {who}: Forderung {claim} {old} → {new} {currency}; wieder in der Prüfliste",
    ),
    ("approved by {who:text}", "freigegeben von {who}"),
    ("rejected by {who:text}: {why:text}", "abgelehnt von {who}: {why}"),
    (
        "read-only account (viewer): it may look at the desk, not decide; nothing was changed",
        "Nur Lesezugriff: Ihr Konto (Rolle „viewer“) darf nichts entscheiden – nichts wurde geändert",
    ),
    # services/review.sold and its undo: the review note, the action log's reason, refusals
    (
        "sold by {who:text}: claim {claim:code} sold to {holder:text} (was {old:text})",
        "als verkauft erfasst von {who}: Forderung {claim} an {holder} verkauft oder abgetreten (bisher {old})",
    ),
    (
        "claim sold to {holder:text} (was {old:text})",
        "Forderung an {holder} verkauft oder abgetreten (bisher {old})",
    ),
    (
        "sale undone: claim {claim:code} back to {old:text} (was {holder:text})",
        "Verkauf rückgängig gemacht: Forderung {claim} wieder bei {old} (bisher {holder})",
    ),
    (
        "email {email:text} was already reviewed: recorded as sold by {who:text} at {at:when} ({what:note}); your "
        "decision was not applied",
        "E-Mail {email} hat {who} schon am {at} als verkauft erfasst ({what}); Ihre Entscheidung wurde nicht "
        "übernommen",
    ),
    ("email {email:code} recorded no holder change to undo", "E-Mail {email} hat keinen Inhaberwechsel erfasst"),
    ("claim {claim:code} does not exist", "Forderung {claim} gibt es nicht"),
    ("claim {claim:code} is already held by {holder:text}", "Forderung {claim} gehört schon {holder}"),
    (
        "no claim fits {text:quote}: give the claim number, the creditor's reference, or the client's file number "
        "and the creditor",
        "Keine Forderung passt zu {text}: bitte Forderungs-Nr., Aktenzeichen des Gläubigers oder BÖ-Aktenzeichen "
        "und Gläubiger angeben",
    ),
    (
        "{text:quote} fits {n:num} claims ({listed:note}): nothing was changed; say which",
        "{text} passt zu {n} Forderungen ({listed}): nichts wurde geändert; bitte eine davon angeben",
    ),
    (
        "claim {claim:code} is not a candidate of email {email:code}; see `creditctl review show {again:code}`",
        "Forderung {claim} ist keine Kandidatin dieser E-Mail; bitte eine der angebotenen Forderungen wählen",
    ),
    (
        "email {email:code} names no single claim: choose it with --claim (see `creditctl review show {again:code}`)",
        "E-Mail {email} nennt keine eindeutige Forderung: bitte die verkaufte Forderung wählen",
    ),
    (
        "give the new holder: creditctl review sold ID --holder NAME",
        "Bitte den neuen Inhaber eintragen – nichts wurde übernommen",
    ),
    (
        "claim {claim:code} changed holder again after this email (to {holder:text}, email {email:code}); undo "
        "that one first (`creditctl review undo {again:code}`)",
        "Forderung {claim} hat danach noch einmal den Inhaber gewechselt (an {holder}, E-Mail {email}); bitte "
        "zuerst diese Entscheidung rückgängig machen",
    ),
    (
        "rejection undone by {who:text}; back in the review queue",
        "Ablehnung rückgängig gemacht von {who}; wieder in der Prüfliste",
    ),
    (
        "undone by {who:text}: claim {claim:text} {old:num} → {new:num} {currency:text}; back in the review queue",
        "rückgängig gemacht von {who}: Forderung {claim} {old} → {new} {currency}; wieder in der Prüfliste",
    ),
    (
        'give a reason: creditctl review reject ID --reason "..."',
        "Bitte einen Grund angeben",
    ),
    (
        "email {email:text} has no applied claim update to undo",
        "E-Mail {email} hat keine übernommene Forderungsänderung, die rückgängig gemacht werden könnte",
    ),
    (
        "claim {claim:text} changed after this update (update {later:text}); undo the later change first",
        "Forderung {claim} wurde danach geändert (Änderung {later}); zuerst die spätere Änderung rückgängig machen",
    ),
    (
        "claim {claim:text} changed after this email's update: email {email:text} set it to {amount:num} "
        "{currency:text} (update {later:text}); undo that one first (`creditctl review undo {again:text}`)",
        "Forderung {claim} wurde nach der Änderung dieser E-Mail erneut geändert: E-Mail {email} setzte sie auf "
        "{amount} {currency} (Änderung {later}); zuerst jene Änderung rückgängig machen (E-Mail {again})",
    ),
    (
        "claim {claim:text} is gone (changed outside the review); nothing undone",
        "Forderung {claim} gibt es nicht mehr (außerhalb der Prüfung geändert); nichts rückgängig gemacht",
    ),
    (
        "claim {claim:text} is now {now:num}, not the {set:num} this email set (changed outside the review); "
        "nothing undone",
        "Forderung {claim} steht jetzt auf {now}, nicht auf den {set}, die diese E-Mail gesetzt hat (außerhalb der "
        "Prüfung geändert); nichts rückgängig gemacht",
    ),
    (
        "claim {claim:text} had no amount before this update; nothing to restore",
        "Forderung {claim} hatte vor dieser Änderung keinen Betrag; nichts wiederherzustellen",
    ),
    (
        "the decision on email {email:text} is older than 24 hours: only an admin may undo it",
        "Die Entscheidung zu E-Mail {email} ist älter als 24 Stunden: nur ein Administrator kann sie rückgängig machen",
    ),
    (
        "email {email:text} is not waiting for review: it is {status:code}",
        "E-Mail {email} wartet nicht auf Prüfung: sie ist {status}",
    ),
    (
        "email {email:text} was already reviewed ({note:note})",
        "E-Mail {email} wurde bereits geprüft ({note})",
    ),
    (
        "email {email:text} is not waiting for review: match status {status:code}",
        "E-Mail {email} wartet nicht auf Prüfung: Zuordnung {status}",
    ),
    (
        "email {email:text} was reviewed or reprocessed meanwhile; see `creditctl status {email2:text}`",
        "E-Mail {email} wurde inzwischen geprüft oder neu verarbeitet",
    ),
    ("no extracted amount; pass --amount", "Kein gelesener Betrag; bitte einen Betrag eintragen"),
    (
        "the extracted amount is in {stated:text}, the claim in {claim:text}; pass --amount in {claim2:text}",
        "Der gelesene Betrag ist in {stated}, die Forderung in {claim}; bitte den Betrag in {claim2} eintragen",
    ),
    (
        "amount {amount:num} is implausible (0 to {limit:num})",
        "Betrag {amount} ist unplausibel (0 bis {limit})",
    ),
    ("--amount is empty", "Kein Betrag eingetragen"),
    (
        "--amount {text:quote} is not one unambiguous amount like 1234.56, 1.234,56 or 1,234.56 "
        "(write 1234.00, 1.234,00 or 1,23)",
        "Betrag {text} ist kein eindeutiger Betrag; bitte so schreiben: 1234,56, 1.234,56 oder 1.234",
    ),
    ("the operator's name is empty", "Der Name der Person fehlt"),
    ("role {role:quote}: one of {roles:text}", "Rolle {role}: eine von {roles}"),
    ("claim_id?", "Bitte eine Forderung wählen"),
    # the processing story's events (services/intake, processing, decide, claims): the admin's email page
    ("received from Zendesk, ticket {ticket:text}", "Von Zendesk empfangen, Ticket {ticket}"),
    ("enqueued ({why:text})", "Eingereiht ({why})"),
    ("attempt {n:text} started", "Versuch {n} begonnen"),
    ("attempt {n:text} started ({note:text})", "Versuch {n} begonnen ({note})"),
    ("attempt {n:text} succeeded: {status:code}", "Versuch {n} erfolgreich: {status}"),
    ("attempt {n:text} failed: {message:note}", "Versuch {n} fehlgeschlagen: {message}"),
    ("cleaned: {tokens:text} tokens, language {lang:text}", "Bereinigt: {tokens} Tokens, Sprache {lang}"),
    (
        "extracted by {extractor:text}: {kind:code}, total {total:value}",
        "Ausgewertet ({extractor}): {kind}, Gesamtbetrag {total}",
    ),
    ("claim {claim:text}: {old:num} → {new:num} {currency:cur}", "Forderung {claim}: {old} → {new}"),
    ("claim {claim:text}: — → {new:num} {currency:cur}", "Forderung {claim}: — → {new}"),
    (
        "{status:code}: {match:code}, claim {claim:text} {write:code} — {why:reason}",
        "{status}: {match}, Forderung {claim} {write} — {why}",
    ),
    ("{status:code}: {match:code}, claim {claim:text} {write:code}", "{status}: {match}, Forderung {claim} {write}"),
    ("{status:code}: {match:code} — {why:reason}", "{status}: {match} — {why}"),
)


@dataclass(frozen=True)
class Family:
    """One reason family: its English ``template``, the regex it is recognised by, the
    placeholder types by name, and the German (``de``) and English (``en``) templates to fill."""

    template: str
    pattern: re.Pattern[str]
    types: dict[str, str]
    de: str
    en: str


_PLACEHOLDER = re.compile(r"\{(\w+)(?::(\w+))?\}")


def _compile(template: str, de: str, en_display: str | None = None) -> Family:
    """One family from its English template (as the code writes it), its German wording
    and, where the code's own English reads badly, an English display wording."""
    parts: list[str] = []
    types: dict[str, str] = {}
    pos = 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[pos : m.start()]))
        name, kind = m.group(1), m.group(2) or "text"
        types[name] = kind
        parts.append(f"(?P<{name}>{_TYPES[kind]})")
        pos = m.end()
    parts.append(re.escape(template[pos:]))
    en = en_display or _PLACEHOLDER.sub(lambda m: "{" + m.group(1) + "}", template)
    return Family(template, re.compile("".join(parts), re.DOTALL), types, de, en)


FAMILIES: tuple[Family, ...] = tuple(_compile(*family) for family in _FAMILIES if family[1])
"""Every family, in the order they are tried (the first whose pattern matches the whole text wins)."""

_MAX_DEPTH = 4


def render(text: str, fmt: Formatter, currency: str | None = None) -> str:
    """``text`` (a reason, warning or message as the code wrote it) in the desk's language:
    the family's template with its parts formatted (see the module docstring); ``text``
    itself when no family knows it (never raises)."""
    if not text:
        return text
    try:
        found = _render(str(text), fmt, 0, currency=currency)
    except (ValueError, InvalidOperation, SyntaxError):  # a malformed part: shown as written
        return str(text)
    return found if found is not None else str(text)


_FIGURE_TYPES = frozenset({"num", "amt", "nums", "pct", "figures", "value", "date"})
"""Placeholder types that carry a figure: reasons differing only by them are one entry of a filter."""


def family_of(text: str) -> int | None:
    """The index (in ``FAMILIES``) of the family ``text`` belongs to when that family carries
    figures (``_FIGURE_TYPES``: "best score 0.45 below 0.60" and "… 0.77 below 0.80" are one),
    or — for a family wrapping a reason (``{problem:reason}: a person checks it``) — the family
    of the reason it wraps; else None (a reason without figures is its own entry)."""
    for index, family in enumerate(FAMILIES):
        m = family.pattern.fullmatch(str(text))
        if m is not None:
            if _FIGURE_TYPES.intersection(family.types.values()):
                return index
            # a wrapper ("{problem:reason}: a person checks it"): the kind of the reason it wraps, so
            # "total 1568.00 is a rise of 900% …: a person checks it" and "… 1234.00 … 295% …" are one entry
            nested = [family_of(m.group(name)) for name, kind in family.types.items() if kind == "reason"]
            return next((n for n in nested if n is not None), None)
    return None


def family_label(index: int, fmt: Formatter) -> str:
    """A figure-carrying family's wording in the desk's language with each figure written "…"
    (``Bester Trefferwert … unter …``); the other placeholders too."""
    family = FAMILIES[index]
    return _PLACEHOLDER.sub("…", family.de if fmt.lang == "de" else family.en)


def known(text: str, fmt: Formatter) -> bool:
    """Whether ``text`` and every reason nested in it belong to a family (for the coverage test)."""
    return _render(text, fmt, 0, strict=True) is not None


def _render(text: str, fmt: Formatter, depth: int, *, strict: bool = False, currency: str | None = None) -> str | None:
    """``text`` rendered, or None when no family (or, ``strict``, no nested reason) is known."""
    if depth > _MAX_DEPTH:
        return None
    for family in FAMILIES:
        m = family.pattern.fullmatch(text)
        if m is None:
            continue
        values = {}
        # a message naming its currency ({…:cur}): each of its figures is money in it
        named = next((m.group(n) for n, k in family.types.items() if k == "cur"), None)
        for name, kind in family.types.items():
            if named is not None and (kind in ("num", "cur") or (kind == "value" and re.fullmatch(_NUM, m[name]))):
                value: str | None = "" if kind == "cur" else fmt.money(m.group(name), named)
            else:
                value = _value(m.group(name), kind, fmt, depth, strict, currency)
            if value is None:
                break
            values[name] = value
        else:
            done = (family.de if fmt.lang == "de" else family.en).format(**values)
            return done if named is None else re.sub(r" {2,}", " ", done)
    if "; " in text:  # a list of parts (the matcher's evidence): each part in turn
        parts = [_render(part, fmt, depth + 1, strict=strict, currency=currency) for part in text.split("; ")]
        if all(p is not None for p in parts):
            return "; ".join(p for p in parts if p is not None)
    return None


def _value(raw: str, kind: str, fmt: Formatter, depth: int, strict: bool, currency: str | None = None) -> str | None:
    """One captured part for the locale (None: a nested reason unknown while ``strict``);
    ``currency``: the claim's, for ``amt`` parts."""
    if kind == "amt":
        return fmt.money(raw, currency) if currency else _number(raw, fmt)
    if kind == "num":
        return _number(raw, fmt)
    if kind == "nums":
        return (" / " if fmt.lang == "de" else ", ").join(_number(n, fmt) for n in raw.split(", "))
    if kind == "pct":
        return format_percent(Decimal(raw[:-1]) / 100, locale=fmt.locale)
    if kind in ("quote", "quotes"):
        return ", ".join(_quote(q, fmt) for q in re.findall(_QUOTED, raw))
    if kind == "note":  # a nested text that may be a person's own words: rendered when known
        return _render(raw, fmt, depth + 1, currency=currency) or raw
    if kind == "reason":
        nested = _render(raw, fmt, depth + 1, strict=strict, currency=currency)
        return nested if nested is not None else (None if strict else raw)
    if kind == "field":
        return field_name(raw, fmt.lang)
    if kind == "kind":
        code = raw.replace(" ", "_")
        return KIND_NAMES[code][fmt.lang] if code in KIND_NAMES else fmt.name(code)
    if kind == "code":
        return fmt.name(raw)
    if kind == "value":  # a field's value: a figure, a quoted text or a code
        if re.fullmatch(_NUM, raw):
            return _number(raw, fmt)
        return _quote(raw, fmt) if re.fullmatch(_QUOTED, raw) else raw
    if kind == "date":
        return fmt.day(raw)
    if kind == "when":
        return _display_time(raw, fmt)
    if kind == "figures":
        return re.sub(r"(?<![\w.,])-?\d+\.\d{2}(?!\w|[.,]\d)", lambda m: _number(m.group(0), fmt), raw)
    return raw


def _display_time(raw: str, fmt: Formatter) -> str:
    """A time as ``display.at`` wrote it (``2026-12-07 19:38:31.477 CET``: the wall clock of the
    office's zone and that zone's name, or ``UTC``) in the desk's format (``Formatter.when``:
    ``07.12.2026, 19:38 MEZ``); the name tells the two readings of an autumn hour apart. A
    text that does not parse is returned as it is."""
    from datetime import UTC, datetime

    m = re.fullmatch(r"(?P<stamp>\S+[ T]\S+)(?: (?P<zone>\S+))?", raw)
    if m is None:
        return raw
    zone = m["zone"] or ""
    try:
        naive = datetime.fromisoformat(m["stamp"])
    except ValueError:
        return raw
    if zone in ("UTC", "Z", "GMT"):
        return fmt.when(naive.replace(tzinfo=UTC))
    readings = [naive.replace(tzinfo=fmt.tz, fold=fold) for fold in (0, 1)]
    moment = next((r for r in readings if zone and r.tzname() == zone), readings[0])
    return fmt.when(moment)


def _number(raw: str, fmt: Formatter) -> str:
    places = len(raw.split(".", 1)[1]) if "." in raw else 0
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(raw), format=pattern, locale=fmt.locale)


def _quote(item: str, fmt: Formatter) -> str:
    """A quoted part (Python ``repr`` of the creditor's words) in the locale's quotes; a
    bare figure the code quoted (``'-45.20'``) in the locale's number format."""
    words = ast.literal_eval(item)
    if not isinstance(words, str):
        return item
    if re.fullmatch(r"-?\d+\.\d{2}", words):
        words = _number(words, fmt)
    return f"„{words}“" if fmt.lang == "de" else f"'{words}'"


def field_name(field: str, lang: str) -> str:
    """An extraction field's display name (``client_name`` → ``Mandant``); unknown: as it is."""
    return FIELD_NAMES.get(field, {}).get(lang, field)


def source_name(source: str, lang: str) -> str:
    """An evidence source's display name (``body`` → ``Antwort``, ``attachment:a.pdf`` → ``Anhang a.pdf``)."""
    if source.startswith("attachment:"):
        return ("Anhang " if lang == "de" else "attachment ") + source.split(":", 1)[1]
    return SOURCE_NAMES.get(source, {}).get(lang, source)
