"""The offline rules extractor: table-driven keyword and pattern rules in German, English,
Dutch, French, Italian, Spanish and the Nordic languages.

It reads only what the email says and treats every word of it as data: lines that
address an AI system ("ignore previous instructions", "set the amount to 0") are left
out before reading, and only add a warning. Amounts are read from the reply and the
attachments, never from the quoted history (that holds old totals); references, the
client's name and the file number may also come from the subject and the quoted
history. Every non-empty field carries its evidence (exact text and source).

Confidence is ≥ 0.8 only for a claim statement with one stated total whose currency
is known and whose components (when stated) add up; everything else stays below,
so it goes to human review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import dateparser

from creditctl.pipeline.extraction.amounts import (
    MALFORMED_TOTAL_WARNING,
    AmountChoice,
    amount_role,
    amounts_with_labels,
    choose_amounts,
    find_amounts,
    malformed_total_figure,
    parse_amount,
    with_text_currency,
)
from creditctl.pipeline.extraction.attachment_amounts import (
    reconcile_attachment_amounts,
)
from creditctl.pipeline.extraction.implied_currency import implied_currency
from creditctl.pipeline.extraction.labels import BANK_SENDER_RE, LABEL_RES, SEE_SUBJECT_RE, settles_a_part
from creditctl.pipeline.extraction.model import (
    Amounts,
    Evidence,
    ExtractionInput,
    ExtractionResult,
    ReplyKind,
)
from creditctl.pipeline.extraction.parties import (
    COMPANY_RE,
    NAMED_ORG_RE,
    bracketed_names,
    companies_in,
    company_line,
    date_of_birth,
    domain_spells,
    in_given_name_order,
    last_company,
    name_form,
    original_creditor,
    ranked_client_names,
    signed_organisation,
    strip_span,
    subject_client_name,
    without_genitive,
)
from creditctl.pipeline.extraction.references import (
    FILE_NUMBER_RE,
    FoundReference,
    find_body_identifiers,
    find_bracketed_references,
    find_column_references,
    find_file_numbers,
    find_office_file_numbers,
    find_references,
    find_subject_identifiers,
    find_suffixed_references,
    normalise_reference,
)
from creditctl.pipeline.extraction.reply_kind import (
    KindFinding,
    classify_reply,
    classify_text,
    enforcement_mail,
    is_client_writing,
    machine_mail,
    strip_injections,
)
from creditctl.pipeline.names import company_similarity
from creditctl.pipeline.safety_thread import newest_message, newest_message_span
from creditctl.pipeline.scan import has_word, word_starts

__all__ = ["NOT_NAMED_WARNING", "RulesExtractor", "find_amounts", "parse_amount"]

#: Words that introduce the date a figure stands at, per language.
STATEMENT_DATE_LABELS: dict[str, tuple[str, ...]] = {
    "de": ("Stand", "Stichtag", "Forderungsstand", "per", "zum"),
    "en": (r"as\s(?:of|at)", "on"),
    "nl": ("per", "op", "d.d."),
    "fr": ("au", "en date du", "à la date du"),
    "it": ("al", "in data"),
    "es": ("a fecha de", "a fecha", "al"),
    "nordic": ("per", "pr.", "den", "per dags dato"),
    # cs/sk "ke dni", pl "na dzień", ro "la data de", hr/sl "na dan", bg "към", el "έως την"
    "more": ("ke dni", "k dátumu", "na dzień", "la data de", "na dan", "към", "έως την", "κατά την"),
}
_MONTHS = (
    r"Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|May|June|"
    r"July|October|December|januari|februari|maart|mei|juni|juli|augustus|oktober|janvier|février|mars|avril|juin|"
    r"juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|"
    r"settembre|ottobre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|maj|"
    r"augusti|desember|december"
)
_STATEMENT_DATE_RE = re.compile(
    r"(?<![\w.])(?:"
    + "|".join(p for labels in STATEMENT_DATE_LABELS.values() for p in labels)
    + r")\s?(?::|vom|\|)?\s?"
    r"(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}(?:\.|st|nd|rd|th|er|º)?\s(?:de\s)?(?:"
    + _MONTHS
    + r")\s(?:de\s)?\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|\d{1,2}-\d{1,2}-\d{4})",
    re.IGNORECASE,
)
_DATE_LANGUAGES = ["de", "en", "nl", "fr", "it", "es", "sv", "da", "nb", "fi", "pl", "cs", "sk", "ro", "hr", "bg", "el"]


def _statement_date(text: str) -> tuple[date, str] | None:
    """(date, evidence text) from "Stand: 12.11.2026" / "as of 12 November 2026" / "au 1 décembre 2026"
    / "a fecha de 3 de mayo de 2026" (dateparser, day before month)."""
    for m in _STATEMENT_DATE_RE.finditer(text):
        parsed = dateparser.parse(
            m.group("date"), languages=_DATE_LANGUAGES, settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
        )
        if parsed:
            return parsed.date(), m.group(0)
    return None


# --- the extractor ------------------------------------------------------------------
_NOT_APPLIED_KINDS = (
    ReplyKind.CLAIM_SETTLED,
    ReplyKind.DISPUTE,
    ReplyKind.DOCUMENT_REQUEST,
    ReplyKind.CLIENT_UNKNOWN,
    ReplyKind.CLAIM_ASSIGNED,
)
#: "kr" alone: the krona/krone of the sender's country (e-mail domain ending).
_KRONA_BY_TLD = {"se": "SEK", "dk": "DKK", "no": "NOK"}
#: "kr" alone from a sender on another domain (.com, .eu): the krona/krone of the
#: letter's language (the cleaner's stopword count tells Swedish, Danish, Norwegian apart).
_KRONA_BY_LANGUAGE = {"sv": "SEK", "da": "DKK", "no": "NOK", "nb": "NOK", "nn": "NOK"}


READ_LIMIT_CHARS = 100_000
"""Characters of each part (reply, signature, quote) the rules read: a creditor's reply is a
few thousand; a longer one (a machine export, a table of 90,000 rows) is read only this far
and never applied without a person (its confidence is capped below the gate's floor)."""


@dataclass
class _Reading:
    """One email as the rules read it: injection-free texts, evidence and warnings so far."""

    email: ExtractionInput
    body: str
    signature: str
    quoted: str
    injected: list[str]
    sources: list[tuple[str, str]] = field(default_factory=list)
    enforcement_reported: KindFinding | None = None  # a creditor writing that enforcement has started
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    cut: bool = False  # a text was longer than READ_LIMIT_CHARS: only its start was read

    @classmethod
    def of(cls, email: ExtractionInput) -> _Reading:
        texts = (email.reply_text, email.signature_text, email.quoted_text)
        cut = any(len(t or "") > READ_LIMIT_CHARS for t in texts)
        body, inj_body = strip_injections((email.reply_text or "")[:READ_LIMIT_CHARS])
        signature, inj_sig = strip_injections((email.signature_text or "")[:READ_LIMIT_CHARS])
        quoted, inj_quoted = strip_injections((email.quoted_text or "")[:READ_LIMIT_CHARS])
        reading = cls(email, body, signature, quoted, inj_body + inj_sig + inj_quoted, cut=cut)
        if cut:
            reading.warnings.append(
                f"the reply is longer than {READ_LIMIT_CHARS:,} characters: only its start was read, "
                "so a person decides"
            )
        reading.sources = [("body", body)] + [
            (f"attachment:{a.file_name}", a.text) for a in email.attachments if a.text
        ]
        if email.subject and SEE_SUBJECT_RE.search(body):
            # "siehe Betreff", "see subject": the creditor wrote its figure into the subject line
            reading.sources.append(("subject", email.subject))
        if reading.injected:
            reading.warnings.append("text addressing an AI system was found and ignored (treated as data)")
        return reading

    def attachments(self) -> list[tuple[str, str]]:
        """(source, text) of the attachments read (the sources after the body, not the subject)."""
        return [(src, text) for src, text in self.sources[1:] if src != "subject"]

    def ref_sources(self) -> list[tuple[str, str]]:
        return [
            ("body", self.body),
            ("subject", self.email.subject),
            ("quoted", self.quoted),
            ("signature", self.signature),
        ] + self.attachments()


def _not_a_reply(reading: _Reading) -> KindFinding | None:
    """Machine mail, a client writing, or court/bailiff mail: not a creditor's reply."""
    email = reading.email
    machine = machine_mail(
        email.subject, email.from_email, email.from_name, email.headers, reading.body + "\n" + reading.signature
    )
    if machine:
        reading.warnings.append("machine-generated mail")
        return machine
    client = is_client_writing(reading.body, email.from_name, reading.signature)
    if client:
        reading.warnings.append("client writing, not a creditor")
        return client
    court = enforcement_mail(email.subject, email.from_name, email.from_email, reading.signature, reading.body)
    if court and court.source == "body" and _signs_as_company(reading):
        # "… wurde der Gerichtsvollzieher beauftragt" signed "Nordstern Inkasso GmbH": the creditor reports
        # enforcement; its reply is read (references, total) and never applied (kind enforcement)
        reading.enforcement_reported = court
        reading.warnings.append("the creditor reports court, bailiff or enforcement steps")
        return None
    if court:
        reading.warnings.append("court, bailiff or enforcement mail: not a creditor's statement")
    return court


def _signs_as_company(reading: _Reading) -> bool:
    """Whether the sender signs as a company with a legal form, or as an organisation it
    names in its display name ("Krankenkasse Aarewald, Bahnhofstrasse 12"); a court or
    bailiff in the sender or signature was recognised before this is asked."""
    email = reading.email
    return bool(
        company_line(reading.signature)
        or company_line(reading.body)
        or COMPANY_RE.search(email.from_name)
        or signed_organisation(email.from_name, (reading.signature, reading.body))
    )


_KRONA_CODE = re.compile(r"(?<![A-Za-z])(SEK|DKK|NOK)(?![A-Za-z])")


def _krona_code_of(sources: list[tuple[str, str]]) -> str | None:
    """The one krone code (SEK, DKK, NOK) the creditor's own texts write beside their other
    figures ("NOK 6.742,00 plus Zinsen …, insgesamt 6 952,40 kr"), or None (none, or several)."""
    codes = {m.group(1) for _src, text in sources for m in _KRONA_CODE.finditer(text)}
    return codes.pop() if len(codes) == 1 else None


def _newest_of(body: str) -> str:
    """The body's newest message when it states a figure, or when it says itself that the claim is
    settled ("la deuda … está saldada. No queda ningún importe pendiente." above a ticket's older
    comment "El importe pendiente … asciende a 642,20 €": the older figure is history); else the
    whole body (``safety_thread.newest_message``)."""
    end = newest_message_span(body)[1]
    if end < len(body) and classify_text(body[:end], has_claim_amount=False).kind is ReplyKind.CLAIM_SETTLED:
        return body[:end]
    return newest_message(body)


def _read_amounts(reading: _Reading) -> tuple[AmountChoice, bool]:
    """Total and components from the reply and attachments (never the quoted history),
    and whether any amount is a claim amount (not an instalment, offer or payment)."""
    # the body's newest message only, when it states a figure: a ticket's older comments and a
    # signature block below it hold older figures (pipeline.safety_thread)
    sources = [(src, _newest_of(text) if src == "body" else text) for src, text in reading.sources]
    items = [(f, src) for src, text in sources for f in amounts_with_labels(text)]
    email = reading.email
    sender = f"{email.from_name} {reading.signature} {(company_line(reading.body) or ('', 0))[0]}"
    choice = choose_amounts(items, bank=bool(BANK_SENDER_RE.search(sender)), texts=dict(sources))
    if choice.currency is None and items:
        choice = with_text_currency(choice, reading.sources)
    if choice.currency is None and choice.amounts.total is not None:
        _imply_currency(choice, reading)
    _krona_currency(choice, reading)
    return choice, any(amount_role(f) != "other" for f, _ in items)


def _krona_currency(choice: AmountChoice, reading: _Reading) -> None:
    """A bare "kr" read as SEK, DKK or NOK: by the sender's domain, a code the letter writes beside
    its figures, or the letter's language (then uncertain); left None with a warning otherwise."""
    if choice.currency == "KR":
        tld = reading.email.from_email.rsplit(".", 1)[-1].lower()
        choice.currency = _KRONA_BY_TLD.get(tld) or _krona_code_of(reading.sources)
        if choice.currency is None and reading.email.language in _KRONA_BY_LANGUAGE:
            choice.currency = _KRONA_BY_LANGUAGE[reading.email.language or ""]
            choice.warnings.append(
                f"'kr' read as {choice.currency} from the letter's language, not the sender's country"
            )
            choice.certain = False  # Danish and Norwegian are close: a person confirms
        if choice.currency is None:
            choice.warnings.append("'kr' without a country: SEK, DKK or NOK")
            choice.certain = False


def _imply_currency(choice: AmountChoice, reading: _Reading) -> None:
    """A total whose figures carry no currency is in the currency of the sender's country, or
    of the office's quoted letter (``implied_currency``); the gate still compares it with the claim's."""
    own = [(src, text) for src, text in reading.sources if src != "subject"] + [("signature", reading.signature)]
    found = implied_currency(own, reading.quoted, reading.email.from_email, reading.email.language)
    if found is None:
        return
    code, text, source = found
    choice.currency = code
    choice.evidence.append(Evidence(field="currency", text=text, source=source))
    choice.warnings = [w for w in choice.warnings if w != "no currency stated"]
    choice.warnings.append(f"currency {code} implied by {'the quoted letter' if source == 'quoted' else 'the sender'}")
    choice.certain = False


def _read_total(reading: _Reading) -> tuple[AmountChoice, ReplyKind]:
    """The amounts and the reply kind (which may clear them), with their evidence and warnings."""
    choice, claim_like = _read_amounts(reading)
    _leave_out_equal_figures(choice, reading)
    reading.warnings.extend(choice.warnings)
    reading.evidence.extend(choice.evidence)
    kind = _read_kind(reading, choice, claim_like)
    if choice.amounts.total is None:
        _note_malformed_total(reading)
    return choice, kind


def _leave_out_equal_figures(choice: AmountChoice, reading: _Reading) -> None:
    """No total when the one read is one of two current figures of equal standing the reply states
    ("Laut … unserer Auftraggeberin beträgt die Forderung 544,20 EUR, laut unserem System 598,10 EUR";
    ``pipeline.equal_figures``): neither is the claim's, a person decides; the warning names both."""
    total = choice.amounts.total
    if total is None or total <= 0:
        return
    from creditctl.pipeline.equal_figures import EQUAL_FIGURES_WARNING, equal_figures  # built on the wording tables

    for src, text in reading.sources:
        pair = equal_figures(text) if src != "subject" else None
        if pair and total in pair:
            choice.amounts = Amounts()
            choice.certain = False
            choice.evidence = [e for e in choice.evidence if not e.field.startswith("amounts.")]
            choice.warnings.append(EQUAL_FIGURES_WARNING.format(first=pair[0], second=pair[1]))
            return


def _note_malformed_total(reading: _Reading) -> None:
    """A reply with no total read whose total label stands before a figure that is not one
    well-formed amount ("Gesamtforderung 1.2100,00 EUR"): a warning naming both, so the
    hold says a figure was there (the gate's reason), not that the reply states none."""
    for src, text in reading.sources:
        found = malformed_total_figure(_newest_of(text) if src == "body" else text)
        if found is not None:
            reading.warnings.append(MALFORMED_TOTAL_WARNING.format(figure=found[0], label=found[1]))
            return


def _clear_amounts(choice: AmountChoice, reading: _Reading, warning: str, *, keep_currency: bool = False) -> None:
    choice.amounts = Amounts()
    choice.certain = False
    reading.warnings.append(warning)
    if not keep_currency:
        choice.currency = None
    reading.evidence = [
        e for e in reading.evidence if not e.field.startswith("amounts.") and (keep_currency or e.field != "currency")
    ]


def _read_kind(reading: _Reading, choice: AmountChoice, claim_like: bool) -> ReplyKind:
    """The reply kind, with the amounts it allows: an assigned claim's figure and a
    settled claim's paid amount are not the current total; a credit is a settled claim."""
    all_reply = "\n".join(text for _, text in reading.sources)
    finding = classify_reply(all_reply, reading.email.subject, has_claim_amount=claim_like)
    if reading.enforcement_reported and finding.kind in (ReplyKind.CLAIM_STATEMENT, ReplyKind.OTHER):
        finding = KindFinding(
            ReplyKind.ENFORCEMENT, reading.enforcement_reported.text, reading.enforcement_reported.source
        )
    kind = finding.kind
    total = choice.amounts.total
    if kind is ReplyKind.CLAIM_ASSIGNED:
        # the figure the sale or hand-over states is read (docs/evaluation.md, "The total of a held reply");
        # the kind holds it: the gate never applies an assigned claim's figure, review never offers it
        _read_held_figure(reading, choice, enforcement=False)
        reading.warnings.append(ASSIGNED_FIGURE_WARNING)
        choice.certain = False
    elif kind is ReplyKind.ENFORCEMENT:
        _read_held_figure(reading, choice, enforcement=True)
    elif kind is ReplyKind.CLAIM_SETTLED and total not in (None, Decimal("0.00")) and total > 0:
        kind = _settled_with_figure(reading, choice, finding.text, total)
    elif total is not None and total < 0 and kind in (ReplyKind.CLAIM_STATEMENT, ReplyKind.OTHER):
        # a credit: a statement with a negative total (README, "JSON output"), never "settled" —
        # nothing says the claim was paid; the gate holds it (the safety layer's credit reason)
        kind = ReplyKind.CLAIM_STATEMENT
    elif kind in (ReplyKind.OTHER, ReplyKind.CLAIM_STATEMENT) and total == Decimal("0.00"):
        kind = ReplyKind.CLAIM_SETTLED
    if kind is finding.kind:  # the evidence shown is for the kind reported, never for one it replaced
        _kind_evidence(reading, finding.text)
    return kind


def _read_held_figure(reading: _Reading, choice: AmountChoice, *, enforcement: bool) -> None:
    """A held kind's figure when the total rules read none (``held_total.held_figure``: the figure at
    the sale or hand-over, with ``enforcement`` the enforced sum too), into ``choice`` with its evidence;
    never certain. Nothing changes when a total was read or no one figure fits."""
    if choice.amounts.total is not None:
        return
    from creditctl.pipeline.extraction.held_total import held_figure

    own = [(src, _newest_of(text) if src == "body" else text) for src, text in reading.sources if src != "subject"]
    for src, text in own:
        found = held_figure([text], enforcement=enforcement)
        if found is None:
            continue
        choice.amounts = Amounts(total=found.amount)
        choice.currency = found.currency or choice.currency
        _krona_currency(choice, reading)  # "kr" alone: SEK, DKK or NOK as for any total
        choice.certain = False
        line = Evidence(field="amounts.total", text=found.line.strip(), source=src)
        choice.evidence.append(line)
        reading.evidence.append(line)
        if found.currency:
            reading.evidence.append(Evidence(field="currency", text=found.text, source=src))
        return


ASSIGNED_FIGURE_WARNING = (
    "the claim was sold, assigned or handed over: the figure read is the one the email states for it, "
    "never applied before a person records the new holder"
)


def _settled_with_figure(reading: _Reading, choice: AmountChoice, settled_text: str, total: Decimal) -> ReplyKind:
    """The kind of a settled reply that states a non-zero figure, with the amounts it allows.

    "die Forderung über 318,20 € wurde ausgeglichen": the figure is what was paid (settled, no total);
    "… ist ausgeglichen. Offener Betrag: 312,00 €": settled and open at once, a contradiction (other, no
    total: a person reads it); "Die Schlussrechnung … ist ausgeglichen. Offen ist … nur noch die
    Verzugspauschale über 40,00 €": a part paid and only the rest open — the rest is the claim now."""
    apart = _open_apart(reading, settled_text, total)
    if apart == "only" or apart == "open" and settles_a_part(_sentence_of(reading, settled_text)):
        # "Die Rate für November ist beglichen. Offen sind noch 1.150,00 €": one instalment settled
        reading.warnings.append("a part is settled and only the rest is open: the rest is the claim now")
        return ReplyKind.CLAIM_STATEMENT
    if apart == "open" and _another_account_settled(reading, settled_text, total):
        # "the credit card account BOI-CC-3318 was settled … The personal loan BOI-PL-7702 remains open. The
        # outstanding balance … is €5,180.00": the open account's figure is read, never applied (kind other)
        reading.warnings.append(OTHER_ACCOUNT_SETTLED)
        choice.certain = False
        return ReplyKind.OTHER
    warning = (
        "reads as settled but names an open amount in another sentence; no total taken"
        if apart
        else "reads as settled but states a non-zero amount; no total taken"
    )
    _clear_amounts(choice, reading, warning, keep_currency=True)
    return ReplyKind.OTHER if apart else ReplyKind.CLAIM_SETTLED


OTHER_ACCOUNT_SETTLED = (
    "another account is settled and the figure's account is still open: the figure is read, a person confirms the claim"
)
#: An account's identifier: letters and digits with dashes or slashes ("BOI-CC-3318", "KL-390114"), or six digits or more.
_ACCOUNT_ID = re.compile(r"(?<![\w/.-])(?:[A-Z]{1,6}[-/]?(?:[A-Z0-9]+[-/])*\d{3,}[A-Z0-9]*|\d{6,})(?![\w/-])")


def _paragraph_ids(text: str, at: int) -> set[str]:
    """The account identifiers of the paragraph of ``text`` (blank-line separated) holding position ``at``."""
    start = text.rfind("\n\n", 0, at) + 1
    end = text.find("\n\n", at)
    return set(_ACCOUNT_ID.findall(text[start : len(text) if end < 0 else end]))


def _another_account_settled(reading: _Reading, settled_text: str, total: Decimal) -> bool:
    """Whether the paragraph saying "settled" names account identifiers and the paragraph stating
    ``total`` names others, none of them shared ("… lån KL-390114 blev indfriet …" / "Restgælden på lån
    KL-441207 … er 22.840,00 kr."): another account is settled, not the one with the figure."""
    for _src, text in reading.sources:
        at = text.find(settled_text)
        if at < 0:
            continue
        settled_ids = _paragraph_ids(text, at)
        figures = [f for f in amounts_with_labels(text) if f.amount == total]
        if not settled_ids or not figures:
            return False
        open_ids = _paragraph_ids(text, text.find(figures[0].text))
        return bool(open_ids) and not open_ids & settled_ids
    return False


#: An open amount's label: "Offener Betrag", "Outstanding balance", "Montant restant dû", "Openstaand saldo".
_OPEN_LABEL = re.compile(f"{LABEL_RES['rest'].pattern}|{LABEL_RES['predicate'].pattern}", re.IGNORECASE)
#: Only a part still open: "Offen ist … nur noch", "the only amount still outstanding", "alleen nog", "seuls restent".
_ONLY_OPEN = re.compile(
    r"\b(?:nur|lediglich|einzig|allein) noch\b|\bthe only (?:amount|sum|item|charge)|\b(?:alleen|enkel|slechts) nog\b|"
    r"\bseul(?:e|s|es)? (?:reste|restent)\b|\breste(?:nt)? (?:seulement|uniquement)\b",
    re.IGNORECASE,
)
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+(?=[^\W\d_])")


def _sentence_of(reading: _Reading, phrase: str) -> str:
    """The sentence of the reply's texts that ``phrase`` stands in ("" when none holds it)."""
    for _src, text in reading.sources:
        at = text.find(phrase)
        if at >= 0:
            start = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1
            end = min(i for i in (text.find(". ", at + len(phrase)), text.find("\n", at), len(text)) if i >= 0)
            return text[start:end]
    return ""


def _open_apart(reading: _Reading, settled_text: str, total: Decimal) -> str | None:
    """ "only" or "open" when ``total`` stands in the reply under an open-amount label ("Offener Betrag:
    312,00 €", "Outstanding balance: EUR 215.40"; "only": "Offen ist nur noch …") in a sentence other
    than the one saying the claim is settled ("Ihre offene Forderung über 318,20 € wurde ausgeglichen"
    names what was paid: not apart); else None."""
    for _src, text in reading.sources:
        for found in amounts_with_labels(text):
            if found.amount != total:
                continue
            sentence = _SENTENCE_BREAK.split(found.label)[-1]
            if _OPEN_LABEL.search(sentence) and settled_text not in f"{sentence} {found.after}":
                return "only" if _ONLY_OPEN.search(sentence) else "open"
    return None


def _kind_evidence(reading: _Reading, text: str) -> None:
    if not text:
        return
    subject = reading.email.subject
    for src, source_text in reading.sources + [("subject", subject)]:
        if text in source_text:
            reading.evidence.append(Evidence(field="reply_kind", text=text, source=src))
            return


def _office_labelled(sources: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(source, value) of the office's file numbers a label names as the office's, else
    those after a label naming neither side in the quoted office letter ("Az. BÖ-…")."""
    labelled = [(src, v) for src, text in sources for v in find_office_file_numbers(text, quoted=src == "quoted")]
    return labelled or [
        (src, v)
        for src, text in sources
        if src == "quoted"
        for v in find_office_file_numbers(text, quoted=True, unqualified=True)
    ]


def _office_file_number(reading: _Reading) -> tuple[str | None, list[tuple[str, str]], bool]:
    """The office's file number (with evidence), the file-number-shaped values that are
    not it, as (source, value), and whether the file number is certain.

    Certain when a text labels the office's own number ("Unser Zeichen: BÖ-2025-0110" or
    "Az. BÖ-…" in the quoted office letter): then an unlabelled "EI-2026-44817" in the
    reply is the creditor's reference. Otherwise the first file-number-shaped value is
    taken for the office's, but only guessed: creditors number their own files in that
    shape too ("Reuter ./. Meyer – NLI-2024-118842", "VS: Aino Virtanen / PP-2026-30418"),
    so every unlabelled value of the reply, the guess included, is also kept as a
    creditor reference (matching reads both as one set of keys, docs/evaluation.md)."""
    sources = reading.ref_sources()
    labelled = _office_labelled(sources)
    creditors = _creditor_labelled(reading)
    shaped = [
        (src, v)
        for src, text in sources
        for v, _, _ in find_file_numbers(text, quoted=src == "quoted", subject=src == "subject")
        if normalise_reference(v) not in creditors
    ]
    if labelled:
        own = labelled[0][1]
        others = [
            (src, v) for src, v in shaped if normalise_reference(v) != normalise_reference(own) and src != "quoted"
        ]
        src = next(s for s, v in shaped + labelled if v == own)
    elif shaped:
        (src, own), others = shaped[0], [(s, v) for s, v in shaped if s != "quoted"]
    else:
        return None, [], False
    reading.evidence.append(Evidence(field="client_file_number", text=own, source=src))
    return own, others, bool(labelled)


#: A ticket system's own number: "[Ticket #448812]", "Ihre Anfrage wurde unter der Ticketnummer … erfasst".
_TICKET_BEFORE = re.compile(
    r"(?i)(?:ticket|request|anfrage|demande|aanvraag|richiesta|solicitud)\s*(?:-?nummer|-?nr\.?|number|no\.?|id)?\s*(?:is|ist|:)?\s*#?\s*$"
)


def _without_tickets(refs: list[str], reading: _Reading) -> list[str]:
    """An automatic acknowledgement's references without the ticket number it just opened."""
    texts = [reading.email.subject, reading.body]
    return [
        ref
        for ref in refs
        if not any(_TICKET_BEFORE.search(t[max(0, i - 30) : i]) for t in texts for i in _starts(t, ref))
    ]


def _starts(text: str, value: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(value), text)]


def _creditor_labelled(reading: _Reading) -> set[str]:
    """Values of the office's file-number shape that the creditor's own text labels as its
    own ("Please quote our reference SCS-2025-004471"): never the office's file number,
    wherever else they stand (a subject line repeating it unlabelled)."""
    own = [("body", reading.body), ("signature", reading.signature)] + reading.attachments()
    return {
        normalise_reference(ref.value)
        for _, text in own
        for ref in find_references(text)
        if FILE_NUMBER_RE.fullmatch(ref.value)  # find_references leaves out "Ihr Zeichen BÖ-…"
    }


def _references_of(src: str, text: str) -> list[FoundReference]:
    """The creditor references of one source. A subject line is read from both sides
    (the office wrote "Ihr Az. 123/45" in it, or the creditor wrote "Unser Zeichen"), and
    its unlabelled identifiers count; the office's file number is taken out by the caller
    (its shape is the office's own, see docs/evaluation.md, "Identifiers")."""
    if src == "subject":
        found = find_references(text) + find_references(text, quoted=True) + find_subject_identifiers(text)
        office = {v for v, _, _ in find_file_numbers(text, subject=True)}
        # "RE: Dossier RL-2024-55190": a value of the office's shape after the creditor's file word is theirs
        dossiers = [
            FoundReference(m.group(0), "", m.group(0), m.start(), m.end())
            for m in FILE_NUMBER_RE.finditer(text)
            if m.group(0) not in office
        ]
        return [ref for ref in found if not FILE_NUMBER_RE.fullmatch(ref.value)] + dossiers
    found = (
        find_references(text, quoted=src == "quoted") + find_column_references(text)
        if src != "quoted"
        else find_references(text, quoted=True)
    )
    own = src in ("body", "signature") or src.startswith("attachment:")
    return (
        found
        + (find_bracketed_references(text) if src == "body" else [])
        + (find_body_identifiers(text) + find_suffixed_references(text) if own else [])
    )


#: A sentence that names another contract only to leave it out of this answer: "Der
#: Ratenkredit 7300185226 ist in dieser Aufstellung nicht enthalten", "is not included".
_LEFT_OUT = re.compile(
    r"nicht (?:enthalten|berücksichtigt|umfasst)|"
    r"not (?:included|covered)|(?:write|reply|answer) (?:to you )?separately|niet (?:inbegrepen|opgenomen)|"
    r"n'est pas (?:inclus|compris)|non (?:è )?(?:inclus|compres)[oa]|no (?:está )?incluid[oa]|"
    r"ingår inte|ikke (?:inkluderet|medregnet|inkludert)|"
    # answered separately, in any inflection: "Die Auskunft zum Ratenkredit (Vertrag 60-4471902) erhalten Sie
    # gesondert", "erhalten Sie eine gesonderte Antwort", "mit gesondertem Schreiben", "under separate cover",
    # "in een afzonderlijke brief", "par courrier séparé", "con comunicazione separata", "en carta aparte"
    r"\bgesondert\w*|\bseparat\w*|\bafzonderlijk\w*|\bséparé\w*|\bpor separado\b|\b(?:carta|respuesta|comunicación) aparte\b|"
    r"\bsærskilt\b|\bsärskilt\b|\berikseen\b|\berillise\w*|"
    # named only to say it is not part of it: "Das Kontokorrent 60-4471938 ist davon nicht betroffen"
    r"nicht betroffen|not affected|niet (?:betrokken|geraakt)|n'est pas concerné|non (?:è )?interessat[oa]|"
    r"no (?:se ve )?afectad[oa]|inte berör[sd]|ikke berørt",
    re.IGNORECASE,
)


def _left_out(text: str, ref: FoundReference) -> bool:
    """Whether the sentence holding ``ref`` says its contract is not part of this answer."""
    if ref.end <= ref.start:
        return False
    start = max(text.rfind(". ", 0, ref.start), text.rfind("\n", 0, ref.start)) + 1
    ends = [i for i in (text.find(". ", ref.end), text.find("\n", ref.end)) if i >= 0]
    return bool(_LEFT_OUT.search(text[start : min(ends) if ends else len(text)]))


def _read_references(reading: _Reading) -> tuple[str | None, list[str]]:
    """The office's file number and the creditor's references, with evidence.

    A subject keeps whoever wrote it first ("AW: …, unser Zeichen BÖ-…" is the office's
    wording): the office's file number is never also a creditor reference.
    """
    file_number, others, certain = _office_file_number(reading)
    taken = {normalise_reference(file_number)} if file_number and certain else set()
    refs: list[str] = []
    for src, text in reading.ref_sources():
        found = _references_of(src, text)
        found += [FoundReference(v, "", v, 0, 0) for s, v in others if s == src]
        for ref in found:
            if src == "body" and _left_out(text, ref):
                continue
            if normalise_reference(ref.value) not in taken:
                taken.add(normalise_reference(ref.value))
                refs.append(ref.value)
                reading.evidence.append(Evidence(field="creditor_references", text=ref.text, source=src))
    return file_number, refs


def _read_original(reading: _Reading) -> tuple[str, str] | None:
    for src, text in (("body", reading.body), ("signature", reading.signature)) + tuple(reading.attachments()):
        original = original_creditor(text)
        if original:
            reading.evidence.append(Evidence(field="original_creditor", text=original[1], source=src))
            return original
    return None


def _sender_company(reading: _Reading, original: tuple[str, str] | None, domain: str) -> tuple[str, str] | None:
    """(name, source) of the company in the signature or the body that is the sender's own:
    its name is the sender's display name (``company_similarity`` ≥ 90) or its distinctive
    word is the sender's domain — so a principal, a debt buyer or a client's other creditor
    the letter names ("im Auftrag der Brightwave Energy Ltd") is not taken for the writer
    when the writer's own firm is named too. None when no company is the sender's."""
    email = reading.email
    # names with a legal form first, in the signature then the body; then named organisations
    # named organisations only when the display name has no legal form ("Harbourline Telecom Ltd" is read whole below)
    forms = (True,) if last_company(COMPANY_RE, email.from_name) else (True, False)
    passes = [
        (form, src, text) for form in forms for src, text in (("signature", reading.signature), ("body", reading.body))
    ]
    for legal_form, src, text in passes:
        text = strip_span(text, original[1] if original else None)
        for name in companies_in(text, legal_form=legal_form):
            if original and company_similarity(name, original[0]) >= 90:
                continue
            if email.from_name.startswith(name + " "):
                continue  # "Stadtwerke Halberg" of "Stadtwerke Halberg GmbH": the whole name is read below
            if company_similarity(name, email.from_name) >= 90 or domain_spells(name, domain):
                return name, src
    return None


def _read_creditor(reading: _Reading, original: tuple[str, str] | None) -> str | None:
    """The sender's own name: a signature line ending in a legal form, then a company or
    a named organisation (bank, Inkasso, law firm), signature before body before the
    From header; never the principal or the debtor named in "in Sachen A ./. B"."""
    email = reading.email
    header_text = f"{email.from_name} <{email.from_email}>"
    texts = (("signature", reading.signature), ("body", reading.body), ("headers", header_text))
    searches = [(company_line, "signature", reading.signature), (company_line, "body", reading.body)] + [
        (lambda t, rx=rx: last_company(rx, t), src, text) for rx in (COMPANY_RE, NAMED_ORG_RE) for src, text in texts
    ]
    domain = email.from_email.rsplit("@", 1)[-1] if "@" in email.from_email else ""
    own = _sender_company(reading, original, domain)
    if own:
        reading.evidence.append(Evidence(field="creditor_name", text=own[0], source=own[1]))
        return own[0]
    for finder, src, text in searches:
        found = finder(strip_span(text, original[1] if original else None))
        if found and (not original or found[0] != original[0]):
            reading.evidence.append(Evidence(field="creditor_name", text=found[0], source=src))
            return found[0]
    signed = signed_organisation(email.from_name, (reading.signature, reading.body), domain)
    if signed is None or (original and signed == original[0]):
        return None
    reading.evidence.append(Evidence(field="creditor_name", text=signed, source="headers"))
    return signed


def _client_texts(reading: _Reading) -> tuple[tuple[str, str], ...]:
    return (
        (("body", reading.body), ("subject", reading.email.subject))
        + tuple(reading.attachments())
        + (("quoted", reading.quoted),)
    )


def _bracketed_clients(text: str, everything: str) -> list[tuple[int, str, str]]:
    """Names in brackets right after an identifier of the reply ("sag 24-55810 (Lars
    Østergaard)"); a surname alone only when the email names it elsewhere too."""
    ends = [r.end for r in find_references(text) + find_body_identifiers(text) if r.end > r.start]
    return [hit for hit in bracketed_names(text, ends) if hit[0] < 2 or len(word_starts(hit[1], everything)) >= 2]


def _read_date_of_birth(reading: _Reading) -> date | None:
    """The client's date of birth where the email states one (``parties.date_of_birth``),
    with its evidence: the reply, the subject, the attachments, then the quoted letter."""
    for src, text in _client_texts(reading):
        found = date_of_birth(text)
        if found:
            reading.evidence.append(Evidence(field="client_date_of_birth", text=found[1], source=src))
            return found[0]
    return None


def _read_client(reading: _Reading) -> str | None:
    """The client as the email names them: the most complete form of the name in any text
    ("Fatma Demir" in the subject beats "Frau Demir" in the body; ``parties.name_form``),
    then the earliest text (body, subject, attachments, quoted letter, a subject part); a
    name the office's quoted letter writes the other way round ("Bianchi Marco" / "Marco
    Bianchi") is taken in the letter's order."""
    texts = _client_texts(reading)
    everything = "\n".join(t for _, t in texts)
    # the writer is never the client: "Dr. Ralf Kessler, Rechtsanwalt" signing for "Kessler & Vogt"
    sender = f"{reading.email.from_name}\n{reading.signature}"
    found = [
        (form, i, k, name, ev, src)
        for i, (src, text) in enumerate(texts)
        for k, (form, name, ev) in enumerate(ranked_client_names(text) + _bracketed_clients(text, everything))
        if not _names_sender(name, sender)
    ]
    in_subject = subject_client_name(reading.email.subject, "\n".join(t for src, t in texts if src != "subject"))
    if in_subject:
        found.append((name_form(in_subject[0]), len(texts), 0, in_subject[0], in_subject[1], "subject"))
    if not found:
        return None
    _, i, _, name, ev, src = min(found)
    reading.evidence.append(Evidence(field="client_name", text=ev, source=src))
    if i < len(texts):
        name = without_genitive(name, everything.replace(ev, ""))
    return in_given_name_order(name, reading.quoted, f"{reading.email.subject}\n{everything}", reading.email.language)


def _names_sender(name: str, sender: str) -> bool:
    """Whether ``name``'s surname stands in the sender's display name or signature."""
    surname = name.split()[-1]
    return len(surname) >= 3 and has_word(surname, sender)


def _read_date(reading: _Reading) -> date | None:
    for src, text in reading.sources:
        stmt = _statement_date(text)
        if stmt:
            reading.evidence.append(Evidence(field="statement_date", text=stmt[1], source=src))
            return stmt[0]
    return None


NOT_NAMED_WARNING = "creditor or client not named in the email"
"""The reading's warning when it found no creditor name or no client (name, file number,
reference); the desk restates it with what the matcher found (``services.review``)."""


def _confidence(reading: _Reading, kind: ReplyKind, certain: bool, named: bool) -> float:
    """≥ 0.8 only for a claim statement with one certain total and both parties named."""
    confidence = 0.5
    if kind is ReplyKind.CLAIM_STATEMENT:
        confidence = 0.9 if certain else 0.6
        if not named:
            confidence = min(confidence, 0.7)
            reading.warnings.append(NOT_NAMED_WARNING)
    elif kind in _NOT_APPLIED_KINDS:
        confidence = 0.75
    return min(confidence, 0.5) if reading.injected else confidence


ENFORCED_SUM_WARNING = (
    "court, bailiff or enforcement mail: the sum it names for the claim is read, never applied (a person reads it)"
)


def _enforced_sum(reading: _Reading) -> dict[str, Any]:
    """The sum court, bailiff or enforcement mail names for the claim (docs/evaluation.md, "The total of
    a held reply"), as ``amounts`` and ``currency`` updates with its evidence; read by the same rules as a
    creditor's total (a fee, an instalment, a deadline's payment or an offer is not the claim's), so
    "Gesamtforderung laut Vollstreckungsbescheid 1.318,60 EUR" is read and "Gebühr 35,00 EUR" alone is not.
    Empty when no sum is read. The mail is never a creditor's reply: the gate holds it whatever is read."""
    choice, _claim_like = _read_amounts(reading)
    _read_held_figure(reading, choice, enforcement=True)
    if choice.amounts.total is None or choice.amounts.total <= 0:
        return {}
    reading.evidence.extend(choice.evidence)
    reading.warnings.append(ENFORCED_SUM_WARNING)
    return {"amounts": choice.amounts, "currency": choice.currency}


class RulesExtractor:
    """Offline extractor (implements ``Extractor``): patterns and keywords, no network.

    ``extract(email)`` → ``ExtractionResult`` with ``extractor="rules"``; never raises on
    any text. Rules: see the module docstring and ``amounts``, ``references``,
    ``reply_kind``.
    """

    name = "rules"
    reconciles_attachments = True  # inside ``extract``

    def extract(self, email: ExtractionInput) -> ExtractionResult:
        """Read one cleaned email; returns the result with evidence for every field."""
        reading = _Reading.of(email)
        result = ExtractionResult(extractor=self.name)
        finding = _not_a_reply(reading)
        if finding is not None:
            return self._not_a_reply_result(reading, result, finding)
        choice, kind = _read_total(reading)
        file_number, refs = _read_references(reading)
        original = _read_original(reading)
        creditor = _read_creditor(reading, original)
        client_name = _read_client(reading)
        birth = _read_date_of_birth(reading)
        stmt = _read_date(reading)
        named = bool(creditor or original) and bool(client_name or file_number or refs)
        confidence = _confidence(reading, kind, choice.certain, named)
        if reading.cut:
            confidence = min(confidence, 0.2)
        return reconcile_attachment_amounts(
            email,
            result.model_copy(
                update={
                    "is_creditor_reply": True,
                    "reply_kind": kind,
                    "creditor_name": creditor,
                    "original_creditor": original[0] if original else None,
                    "client_name": client_name,
                    "client_file_number": file_number,
                    "client_date_of_birth": birth,
                    "creditor_references": refs,
                    "amounts": choice.amounts,
                    "currency": choice.currency,
                    "statement_date": stmt,
                    "confidence": confidence,
                    "evidence": reading.evidence,
                    "warnings": reading.warnings,
                }
            ),
        )

    def extract_total(self, email: ExtractionInput) -> ExtractionResult:
        """Only what decides the total of ``extract(email)``: ``is_creditor_reply``,
        ``reply_kind``, ``amounts`` and ``currency`` equal ``extract``'s; the names,
        references, date, evidence and confidence are left empty (the safety layer's second
        readings compare totals only; docs/worker-performance.md, "Round 3")."""
        reading = _Reading.of(email)
        result = ExtractionResult(extractor=self.name)
        finding = _not_a_reply(reading)
        if finding is not None:
            update: dict[str, Any] = {"is_creditor_reply": False, "reply_kind": finding.kind}
            if finding.kind is ReplyKind.ENFORCEMENT:
                update.update(_enforced_sum(reading))  # the sum court mail enforces, as ``extract`` reads it
            return result.model_copy(update=update)
        choice, kind = _read_total(reading)
        return reconcile_attachment_amounts(
            email,
            result.model_copy(
                update={
                    "is_creditor_reply": True,
                    "reply_kind": kind,
                    "amounts": choice.amounts,
                    "currency": choice.currency,
                }
            ),
        )

    @staticmethod
    def _not_a_reply_result(reading: _Reading, result: ExtractionResult, finding: KindFinding) -> ExtractionResult:
        """Machine mail, a client, a court or bailiff: no amounts read; for court mail the
        client's name and file number are still read (review needs them)."""
        reading.evidence.append(Evidence(field="reply_kind", text=finding.text, source=finding.source))
        update: dict[str, Any] = {"is_creditor_reply": False, "reply_kind": finding.kind, "confidence": 0.9}
        # the creditor's references are read for every kind (review files an auto-reply, a bounce or a
        # bailiff's letter under its claim: "Automatic reply: … account SE00473312"); the client and the
        # office's file number only for court mail (docs/evaluation.md, "Identifiers")
        file_number, refs = _read_references(reading)
        update["creditor_references"] = (
            _without_tickets(refs, reading) if finding.kind is ReplyKind.AUTO_REPLY else refs
        )
        if finding.kind is ReplyKind.ENFORCEMENT:
            update.update(client_file_number=file_number, client_name=_read_client(reading))
            update.update(_enforced_sum(reading))
        update.update(evidence=reading.evidence, warnings=reading.warnings)
        return result.model_copy(update=update)
