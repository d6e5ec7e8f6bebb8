"""Decoy mutants: a correctly applied case changed so that its figure is no longer the
matched claim's (docs/evaluation.md, "Decoys: other claims, look-alike accounts").

Unlike the sentence families of ``tables.HOLD`` these need the office's records: the
matched claim's reference, the client's date of birth. Each family is a template per
language and a way to put it into the creditor's own text:

* HOLD (never applied; a reason names the family):
  ``second_account`` — a line for a look-alike account (the claim's reference one digit
  off) with another figure is added after the total's sentence;
  ``ref_off_by_one`` — the claim's reference in the creditor's own text is one digit off
  (the quoted letter and the subject keep the right one: the match still finds the claim);
  ``other_birth`` — the creditor names its debtor with another date of birth;
  ``settlement_accepted`` — the total's line becomes an accepted settlement sum
  ("Vergleich angenommen: 900,00 EUR");
  ``historical`` — the total's line becomes a figure of the past (at the sale, of the
  original contract, "as of" last year);
  ``second_claim_line`` — a sentence for another claim of the client (another reference,
  another figure) is added after the total's sentence, when that sentence does not write the
  claim's reference (the figure is not tied to the claim);
  ``sum_sentence`` — the total's line states the total as the sum over two claims ("Beide
  Forderungen zusammen …", "the two accounts together …");
  ``per_claim_table`` — the total's line becomes a table with a line per claim (by
  contract type) and the total as their sum.
  ``listed_contracts`` — the total's line names the claim's contract and another of the same kind
  with one figure for both ("die Leasingverträge {ref} und {other}. Offener Betrag: …");
  ``two_supplies`` — the total's line is one balance for two supplies, each with its contract
  ("Strom (Vertragskonto …) und Gas (Vertragskonto {ref}): …").
* NEAR (still applied with the same total): ``same_birth`` — the client's own date of
  birth is stated; ``offer_beside_total`` — a settlement offer stands beside the current
  total, which stays in the reply. (The sentence for another claim added where the total's
  sentence writes the claim's reference would be a near-miss — the mail names one claim of
  the office and its figure — but the reader takes the two figures for several totals and
  holds: safe, so no family of its own.)

Never reads ``tests/data/unseen``.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from creditctl.pipeline.safety import number_tokens
from tests.hold_families import mutate

if TYPE_CHECKING:
    from tests.hold_families.harness import Base

LANGS = ("de", "en", "nl", "fr", "it", "es", "sv", "da")

SECOND_ACCOUNT = {
    "de": "Zu der Akte {ref} sind außerdem {other} offen.",
    "en": "A second account, {ref}, shows a balance of {other}.",
    "nl": "Op dossier {ref} staat daarnaast nog {other} open.",
    "fr": "Le dossier {ref} présente en outre un solde de {other}.",
    "it": "Sulla pratica {ref} risultano inoltre {other}.",
    "es": "En el expediente {ref} constan además {other}.",
    "sv": "På ärende {ref} återstår dessutom {other}.",
    "da": "På sag {ref} udestår desuden {other}.",
}
OTHER_BIRTH = {
    "de": "Unsere Akte betrifft die Schuldnerin, geb. {dob}, Lindenweg 3, 23552 Lübeck.",
    "en": "Our file relates to the debtor with date of birth {dob}.",
    "nl": "Ons dossier betreft de schuldenaar, geboren op {dob}.",
    "fr": "Notre dossier concerne le débiteur né le {dob}.",
    "it": "La nostra pratica riguarda il debitore nato il {dob}.",
    "es": "Nuestro expediente corresponde al deudor con fecha de nacimiento {dob}.",
    "sv": "Vårt ärende avser gäldenären, född {iso}.",
    "da": "Vores sag vedrører skyldneren, født {dob}.",
}
SETTLEMENT_ACCEPTED = {
    "de": "Vergleich angenommen: {other}, zahlbar bis 15.01.2027.",
    "en": "We accept your client's offer of {other} in full and final settlement.",
    "nl": "Wij gaan akkoord met de voorgestelde regeling van {other} als finale kwijting.",
    "fr": "Nous acceptons la proposition transactionnelle de {other} pour solde de tout compte.",
    "it": "Accettiamo la proposta di saldo e stralcio di {other}.",
    "es": "Aceptamos la quita propuesta: {other} como pago único y definitivo.",
    "sv": "Vi accepterar förlikningsförslaget om {other} som slutlig betalning.",
    "da": "Vi accepterer forligstilbuddet på {other} til fuld og endelig afregning.",
}
HISTORICAL = {
    "de": "Zum Zeitpunkt des Forderungsverkaufs am 31.12.2025 betrug die Forderung {other}.",
    "en": "As at 31 December 2025 the balance on the account was {other}.",
    "nl": "Per 31-12-2025 bedroeg het saldo {other}.",
    "fr": "Au 31/12/2025, le solde s'élevait à {other}.",
    "it": "Al 31/12/2025 il saldo ammontava a {other}.",
    "es": "A 31/12/2025 el saldo ascendía a {other}.",
    "sv": "Per den 31 december 2025 uppgick saldot till {other}.",
    "da": "Pr. 31.12.2025 udgjorde saldoen {other}.",
}
SAME_BIRTH = {
    "de": "Die Schuldnerin ist geb. {dob}.",
    "en": "The account holder's date of birth is {dob}.",
    "nl": "De schuldenaar is geboren op {dob}.",
    "fr": "Le débiteur est né le {dob}.",
    "it": "Il debitore è nato il {dob}.",
    "es": "Fecha de nacimiento del deudor: {dob}.",
    "sv": "Gäldenären är född {iso}.",
    "da": "Skyldneren er født {dob}.",
}
OFFER_BESIDE = {
    # an offer the creditor makes, without a condition of its own (a figure "valid only if paid by"
    # is the conditional family, held on purpose): the current total beside it still applies
    "de": "Einen Vergleich über {other} würden wir akzeptieren.",
    "en": "We would accept {other} in full and final settlement.",
    "nl": "Een regeling van {other} zouden wij accepteren.",
    "fr": "Nous accepterions un règlement transactionnel de {other}.",
    "it": "Accetteremmo un saldo e stralcio di {other}.",
    "es": "Aceptaríamos una quita de {other}.",
    "sv": "Vi skulle acceptera {other} som slutlig betalning.",
    "da": "Vi vil acceptere {other} til fuld afregning.",
}

SECOND_CLAIM = {
    "de": "Zu dem weiteren Vertrag {ref} Ihres Mandanten sind außerdem {other} offen.",
    "en": "A further account of your client, {ref}, shows a balance of {other}.",
    "nl": "Op een ander dossier van uw cliënt, {ref}, staat nog {other} open.",
    "fr": "Un autre dossier de votre client, {ref}, présente un solde de {other}.",
    "it": "Su un'altra pratica del Vostro assistito, {ref}, risultano {other}.",
    "es": "En otro expediente de su cliente, {ref}, constan {other}.",
    "sv": "På ett annat ärende, {ref}, återstår {other}.",
    "da": "På en anden sag, {ref}, udestår {other}.",
}
SECOND_REF = "4711-2233-9"
"""The other claim's reference: of no claim in the tuning records, unlike any of their shapes."""
SUM_SENTENCE = {
    "de": "Beide Forderungen zusammen belaufen sich derzeit auf {total}.",
    "en": "The two accounts together currently come to {total}.",
    "nl": "De beide dossiers samen bedragen momenteel {total}.",
    "fr": "Les deux dossiers ensemble s'élèvent actuellement à {total}.",
    "it": "Le due pratiche insieme ammontano attualmente a {total}.",
    "es": "Los dos expedientes juntos ascienden actualmente a {total}.",
    "sv": "De två ärendena uppgår tillsammans till {total}.",
    "da": "De to sager udgør tilsammen {total}.",
}
PER_CLAIM_TABLE = {
    "de": "Ratenkredit: {a}\nKreditkarte: {b}\nGesamt: {total}",
    "en": "Loan account: {a}\nCard account: {b}\nTotal: {total}",
    "nl": "Lening: {a}\nCreditcard-rekening: {b}\nTotaal: {total}",
    "fr": "Prêt personnel: {a}\nCompte carte: {b}\nTotal: {total}",
    "it": "Prestito personale: {a}\nConto carta: {b}\nTotale: {total}",
    "es": "Préstamo personal: {a}\nCuenta de tarjeta: {b}\nTotal: {total}",
    "sv": "Lån: {a}\nKortkonto: {b}\nTotalt: {total}",
    "da": "Lån: {a}\nKortkonto: {b}\nI alt: {total}",
}

#: One figure for several contracts of one kind, one of them unknown to the office (read25, family a): the
#: total's line names the claim's reference and another of the same kind.
LISTED_CONTRACTS = {
    "de": "Ihr Mandant hat bei uns die Leasingverträge {ref} und {other_ref}. Offener Betrag: {total}",
    "en": "Your client holds lease agreements {ref} and {other_ref} with us. Outstanding balance: {total}",
    "nl": "Uw cliënt heeft bij ons de leasecontracten {ref} en {other_ref}. Openstaand saldo: {total}",
    "fr": "Votre client a chez nous les contrats de location {ref} et {other_ref}. Solde restant dû : {total}",
    "it": "Il Suo assistito ha con noi i contratti di leasing n. {ref} e n. {other_ref}. Importo dovuto: {total}",
    "es": "Su cliente tiene con nosotros los contratos {ref} y {other_ref}. Saldo pendiente: {total}",
    "sv": "Er klient har avtalen {ref} och {other_ref} hos oss. Utestående saldo: {total}",
    "da": "Deres klient har aftalerne {ref} og {other_ref} hos os. Udestående saldo: {total}",
}
#: One balance for two supplies, each with its own contract (read25, family b): the gas contract asked
#: about and an electricity contract the office may not hold.
TWO_SUPPLIES = {
    "de": "Offener Saldo für Strom (Vertragskonto {other_ref}) und Gas (Vertragskonto {ref}): {total}",
    "en": "Balance for electricity (account {other_ref}) and gas (account {ref}): {total}",
    "nl": "Openstaand saldo voor elektriciteit (contract {other_ref}) en gas (contract {ref}): {total}",
    "fr": "Solde pour l'électricité (contrat {other_ref}) et le gaz (contrat {ref}) : {total}",
    "it": "Saldo per luce (contratto {other_ref}) e gas (contratto {ref}): {total}",
    "es": "Saldo pendiente de luz (contrato {other_ref}) y gas (contrato {ref}): {total}",
    "sv": "Saldo för el (avtal {other_ref}) och gas (avtal {ref}): {total}",
    "da": "Saldo for el (aftale {other_ref}) og gas (aftale {ref}): {total}",
}

REASON_WORDS: dict[str, tuple[str, ...]] = {
    "second_account": ("resembles", "several claims", "several different totals"),
    # the reference one digit off may be another claim of ours: then that claim is named
    "ref_off_by_one": ("resembles", "another claim of ours", "of each other"),
    "other_birth": ("date of birth",),
    # the total's line is gone: holding as "no claim stated" names the family well enough
    "settlement_accepted": (
        "settlement",
        "offer",
        "not stated as the current",
        "condition",
        "no claim total",
        "none as the claim's total",  # the figures found, none labelled the total (gate._figures_reason)
        "not read as the current total",
        "none taken as current",
        "states no claim",
        "no claim statement",
        "no current total",
        "several different totals",
        "only the sum of the listed parts",
    ),
    "historical": (
        "past",
        "historical",
        "not stated as the current",
        "no claim total",
        "none as the claim's total",  # the figures found, none labelled the total (gate._figures_reason)
        "not read as the current total",
        "none taken as current",
        "states no claim",
        "no claim statement",
        "no current total",
        "sold",
        "earlier",
        "several different totals",
        "only the sum of the listed parts",
    ),
}
for _family in ("second_claim_line", "sum_sentence", "per_claim_table", "listed_contracts", "two_supplies"):
    # another claim of ours may be named too; several totals name it as well
    REASON_WORDS[_family] = ("several claims", "another claim of ours", "several different totals")
HOLD_FAMILIES = tuple(REASON_WORDS)
NEAR_FAMILIES = ("same_birth", "offer_beside_total")


def _digit_off(ref: str) -> str | None:
    """``ref`` with its last digit changed by one (9 → 8), or None without a digit."""
    for i in range(len(ref) - 1, -1, -1):
        if ref[i].isdigit():
            d = int(ref[i])
            return f"{ref[:i]}{d + 1 if d < 9 else d - 1}{ref[i + 1 :]}"
    return None


def _other_birth(dob: date) -> date:
    return dob.replace(year=dob.year + 2) - timedelta(days=9) if dob.month != 2 else dob + timedelta(days=400)


def _dob_text(value: date) -> str:
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def _fill(template: str, base: Base, *, ref: str = "", dob: date | None = None) -> str:
    dec, group, currency = mutate.amount_style(base.case, base.amount)
    other = mutate.format_amount(mutate.other_figure(base.amount), dec, group, currency)
    shown = dob or date(1980, 1, 1)
    return template.format(other=other, ref=ref, dob=_dob_text(shown), iso=shown.isoformat())


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def _replace_total_line(case: dict[str, Any], base: Base, sentence: str) -> dict[str, Any] | None:
    """``case`` whose reply line (plain text) holding the total is ``sentence`` instead; None
    for an HTML-only case or a total not in the reply's text."""
    text = case.get("body_text") or ""
    if not text or case.get("body_html"):
        return None
    end = mutate.reply_end(text, base.quoted)
    span = mutate.amount_span(text, base.amount, end)
    if span is None:
        return None
    lo, hi = _line_bounds(text, *span)
    if _statement_row(text, lo, hi):
        return None  # a dated row of a running balance: the row above it is then the latest balance
    new_text = f"{text[:lo]}{sentence}{text[hi:]}"
    if mutate.amount_span(new_text, base.amount, mutate.reply_end(new_text, base.quoted)) is not None:
        return None  # the total is stated again elsewhere in the reply: it still applies, rightly
    if any(base.amount == abs(a) for a in _attachment_amounts(case)):
        return None
    mutant = copy.deepcopy(case)
    mutant["body_text"] = new_text
    return mutant


_DATED_ROW = re.compile(r"\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\s")


def _statement_row(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` is a dated row of a statement whose previous line is a dated row
    too: replacing it leaves the statement's earlier row as its latest balance, which a reader
    rightly applies — no hold mutant."""
    previous = text[:lo].rstrip("\n").rsplit("\n", 1)[-1]
    return bool(_DATED_ROW.match(text[lo:hi]) and _DATED_ROW.match(previous))


def _attachment_amounts(case: dict[str, Any]) -> list[Decimal]:
    text = "\n".join(a.get("text") or "" for a in case.get("attachments") or [])
    return [t.value for t in number_tokens(text) if t.value is not None]


def _replace_ref(case: dict[str, Any], base: Base, ref: str, new: str) -> dict[str, Any] | None:
    """``case`` whose creditor's own text (plain text only) writes ``new`` for ``ref``."""
    text = case.get("body_text") or ""
    if not text or case.get("body_html"):
        return None
    end = mutate.reply_end(text, base.quoted)
    lines = text[:end].split("\n")
    # the creditor's sentences, not a forwarded message's header lines ("Subject: FW: … NGR/452990/TK")
    changed = [ln if _HEADER_LINE.match(ln) else ln.replace(ref, new) for ln in lines]
    if changed == lines:
        return None
    mutant = copy.deepcopy(case)
    mutant["body_text"] = "\n".join(changed) + text[end:]
    return mutant


_HEADER_LINE = re.compile(
    r"^\s*(?:from|to|cc|sent|date|subject|von|an|gesendet|datum|betreff|van|aan|verzonden|onderwerp|de|à|objet|"
    r"envoyé|da|a|oggetto|inviato|från|till|skickat|ämne)\s?:",
    re.IGNORECASE,
)


Maker = Callable[["Base", str], "dict[str, Any] | None"]


def _insert(table: dict[str, str], *, off: bool = False, birth: str = "") -> Maker:
    def make(base: Base, lang: str) -> dict[str, Any] | None:
        claim = base.claim
        ref = ""
        if off:
            ref = _digit_off(claim.creditor_reference or "") if claim else ""
            if not ref or sum(ch.isdigit() for ch in ref) < 6:
                return None
        dob = None
        if birth:
            if claim is None or claim.client_date_of_birth is None:
                return None
            dob = claim.client_date_of_birth if birth == "same" else _other_birth(claim.client_date_of_birth)
        sentence = _fill(table[lang], base, ref=ref, dob=dob)
        return mutate.insert_sentence(base.case, base.quoted, sentence, "after_amount", base.amount)

    return make


def _replace_line(table: dict[str, str]) -> Maker:
    def make(base: Base, lang: str) -> dict[str, Any] | None:
        return _replace_total_line(base.case, base, _fill(table[lang], base))

    return make


def _ref_off(base: Base, lang: str) -> dict[str, Any] | None:
    ref = (base.claim.creditor_reference if base.claim else "") or ""
    new = _digit_off(ref)
    if not new or sum(ch.isdigit() for ch in ref) < 6:
        return None
    return _replace_ref(base.case, base, ref, new)


def _total_sentence_writes_ref(base: Base) -> bool | None:
    """Whether the reply's sentence stating the total writes the claim's reference (None for
    an HTML-only case, a total not in the text or a claim without a reference)."""
    text = base.case.get("body_text") or ""
    ref = (base.claim.creditor_reference if base.claim else "") or ""
    if not text or base.case.get("body_html") or not ref:
        return None
    span = mutate.amount_span(text, base.amount, mutate.reply_end(text, base.quoted))
    if span is None:
        return None
    lo, hi = _line_bounds(text, *span)
    key = re.sub(r"[^A-Z0-9]", "", ref.upper())
    return key in re.sub(r"[^A-Z0-9]", "", text[lo:hi].upper())


def _second_claim(base: Base, lang: str) -> dict[str, Any] | None:
    """The sentence for another claim after the total's, when the total's sentence does not
    write the claim's reference."""
    if _total_sentence_writes_ref(base) is not False:
        return None
    sentence = _fill(SECOND_CLAIM[lang], base, ref=SECOND_REF)
    return mutate.insert_sentence(base.case, base.quoted, sentence, "after_amount", base.amount)


def _total_text(base: Base) -> str:
    dec, group, currency = mutate.amount_style(base.case, base.amount)
    return mutate.format_amount(base.amount, dec, group, currency)


def _split(base: Base) -> tuple[str, str]:
    """The total split in two figures (about 60 % and 40 %), written like the total."""
    dec, group, currency = mutate.amount_style(base.case, base.amount)
    a = (base.amount * Decimal("0.6")).quantize(Decimal("0.01"))
    return mutate.format_amount(a, dec, group, currency), mutate.format_amount(base.amount - a, dec, group, currency)


def _replace_with_total(table: dict[str, str]) -> Maker:
    """The total's line replaced by the table's text, which states the total itself (a sum
    over claims); None when the total is stated elsewhere in the reply too."""

    def make(base: Base, lang: str) -> dict[str, Any] | None:
        a, b = _split(base)
        marker = "\u2063"  # replaced below: the check that the total is stated nowhere else ignores it
        mutant = _replace_total_line(base.case, base, marker)
        if mutant is None:
            return None
        mutant["body_text"] = mutant["body_text"].replace(marker, table[lang].format(total=_total_text(base), a=a, b=b))
        return mutant

    return make


def _replace_with_refs(table: dict[str, str]) -> Maker:
    """The total's line replaced by the table's text, which names the claim's reference and another
    (``SECOND_REF``) and states the total once for both; None without a reference."""

    def make(base: Base, lang: str) -> dict[str, Any] | None:
        ref = (base.claim.creditor_reference if base.claim else "") or ""
        if not ref:
            return None
        marker = "\u2063"
        mutant = _replace_total_line(base.case, base, marker)
        if mutant is None:
            return None
        text = table[lang].format(total=_total_text(base), ref=ref, other_ref=SECOND_REF)
        mutant["body_text"] = mutant["body_text"].replace(marker, text)
        return mutant

    return make


MAKERS: dict[str, tuple[str, Maker]] = {
    "second_account": ("hold", _insert(SECOND_ACCOUNT, off=True)),
    "ref_off_by_one": ("hold", _ref_off),
    "other_birth": ("hold", _insert(OTHER_BIRTH, birth="other")),
    "settlement_accepted": ("hold", _replace_line(SETTLEMENT_ACCEPTED)),
    "historical": ("hold", _replace_line(HISTORICAL)),
    "second_claim_line": ("hold", _second_claim),
    "sum_sentence": ("hold", _replace_with_total(SUM_SENTENCE)),
    "per_claim_table": ("hold", _replace_with_total(PER_CLAIM_TABLE)),
    "listed_contracts": ("hold", _replace_with_refs(LISTED_CONTRACTS)),
    "two_supplies": ("hold", _replace_with_refs(TWO_SUPPLIES)),
    "same_birth": ("near", _insert(SAME_BIRTH, birth="same")),
    "offer_beside_total": ("near", _insert(OFFER_BESIDE)),
}


def _lang_of(base: Base) -> str:
    return base.language if base.language in LANGS else "en"


def mutants(
    bases: list[Base], *, per_family: int | None = None
) -> Iterator[tuple[str, str, str, Base, dict[str, Any]]]:
    """(kind, family, lang, base, mutated case) for every base (or the first ``per_family``
    that fit) and family, in the base's language (English for a language without a
    template)."""
    for family, (kind, make) in MAKERS.items():
        made = 0
        for base in bases:
            if per_family is not None and made >= per_family:
                break
            lang = _lang_of(base)
            case = make(base, lang)
            if case is None or case == base.case:
                continue
            made += 1
            yield kind, family, lang, base, case
