"""The offline rules extractor: keyword and pattern rules, German and English.

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

import dateparser

from creditctl.pipeline.extraction.amounts import (
    AmountChoice,
    amount_role,
    amounts_with_labels,
    choose_amounts,
    find_amounts,
    parse_amount,
    with_text_currency,
)
from creditctl.pipeline.extraction.attachment_amounts import reconcile_attachment_amounts
from creditctl.pipeline.extraction.model import (
    Amounts,
    Evidence,
    ExtractionInput,
    ExtractionResult,
    ReplyKind,
)
from creditctl.pipeline.extraction.references import find_file_numbers, find_references, normalise_reference
from creditctl.pipeline.extraction.reply_kind import (
    KindFinding,
    classify_text,
    enforcement_mail,
    strip_injections,
    is_client_writing,
    machine_mail,
)

__all__ = ["RulesExtractor", "parse_amount", "find_amounts"]

# --- parties ------------------------------------------------------------------------
#: Legal forms that end a company name, per country/language. Adding one touches this table only.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "de": (r"GmbH ?& ?Co\.? ?(?:KG(?:aA)?|OHG)", "GmbH", "gGmbH", "AG", "KGaA", "KG", "OHG", r"e\. ?V\.", "eG", "SE",
           "PartG mbB", "mbB", "mbH", r"UG ?\(haftungsbeschränkt\)", "KöR", "AöR", "Genossenschaft"),
    "en": (r"Ltd(?:\.(?=[,;)]))?", "Limited", "plc", "PLC", "LLC", "LLP", r"Inc\.", "DAC", "CLG"),
    "nl": (r"B\.V\.", r"B\.V", "BV", r"N\.V\.", "NV", "BVBA", "CVBA", "VOF"),
    "fr": (r"S\.A\.S\.", "SAS", "SASU", "SARL", r"S\.à r\.l\.", "SRL", "SPRL", r"S\.A\.", "SA", "SNC"),
    "it": (r"S\.p\.A\.", "SpA", r"S\.r\.l\.", "Srl", "S.n.c."),
    "es": (r"S\.L\.U\.", r"S\.L\.", "SL", "SLU", r"S\.A\.U\."),
    "nordic": ("AB", "A/S", "ASA", "AS", "ApS", "Oyj", "Oy", "HB", "KB"),
}
_LEGAL_FORM = "|".join(sorted((f for forms in LEGAL_FORMS.values() for f in forms), key=len, reverse=True))
_CAP_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w&.'’\-]*|&)"
#: Lower-case words inside names: "Telefonía del Sur S.L.", "Banque du Rhône SA", "Van der Berg".
_NAME_PARTICLES = ("von", "van", "der", "den", "de", "del", "della", "di", "du", "des", "la", "le", "y", "och", "og",
                   "und", "et", "e", "en", "für", "zu")
_NAME_WORD = r"(?:" + _CAP_WORD + r"|" + "|".join(_NAME_PARTICLES) + r")"
_COMPANY_RE = re.compile(
    r"(?<![\w])(?P<name>" + _CAP_WORD + r"(?: " + _NAME_WORD + r"){0,5}? (?:" + _LEGAL_FORM + r"))(?![\w])"
)
_NAMED_ORG_RE = re.compile(
    r"(?<![\w])(?P<name>(?:(?:Stadt|Kreis)?[Ss]parkasse|Volksbank|Raiffeisenbank|Stadtwerke)(?: [A-ZÄÖÜ][\wäöüß\-]+){1,3}"
    r"|(?:[A-ZÄÖÜ][\wäöüß\-]+ ){1,3}(?:Inkasso|Bank|Collections|Finance|Energie)"
    # law firms: "Kanzlei Brandt & Sievers", "Kaiser & Vogt Rechtsanwälte", "Rechtsanwälte Kaiser & Vogt"
    r"|(?:Kanzlei|Rechtsanwälte|Rechtsanwaltskanzlei|Anwaltskanzlei)(?: (?:Dr\. )?[A-ZÄÖÜ][\wäöüß\-]+| &| und){1,4}"
    r"|(?:(?:Dr\. )?[A-ZÄÖÜ][\wäöüß\-]+,? (?:(?:&|und) )?){1,4}(?:Rechtsanwälte|Rechtsanwaltskanzlei|Anwaltskanzlei|Solicitors))(?![\w])"
)
_OFFICE_RE = re.compile(r"schuldnerberatung|insolvenzberatung|debt advice|verbraucherzentrale", re.I)
_ADDRESSEE = re.compile(r"^(?:Sehr geehrte|Dear|Hallo|Guten Tag|An die|An den|To the)\b", re.I)

_UP = r"[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"
_LO = r"[^\W\d_A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"  # any lower-case letter: ä, ß, ć, é, ł …
_WORD = _UP + _LO + r"+(?:-" + _UP + _LO + r"+)?"
_PERSON = r"(?P<person>" + _WORD + r"(?: (?:von|van|de|zu|von der))?(?: " + _WORD + r"){1,2})"
_PERSON_COMMA = r"(?P<last>" + _WORD + r"), (?P<first>" + _WORD + r")(?![\w])"
_TITLE = (r"(?:(?:Herr(?:n)?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|de heer|mevrouw|dhr\.|mw\.|M\.|Mme|Mlle|Monsieur|Madame"
          r"|Sig\.(?:ra)?|Signor[a]?|Sr\.|Sra\.|D\.|Dña\.|Don|Doña|hr\.|fru) )?")
_CLIENT_CUES = (
    r"(?:Ihr(?:e|er|es|em|en)?|Ihrem|Ihres) (?:Mandant(?:in|en)?|Klient(?:in|en)?) ?,? ?",
    # a labelled field, per language: "Schuldner:", "Debtor:", "Naam:", "Nom :", "Nome:", "Nombre:", "Namn:", "Nimi:"
    r"(?:Schuldner(?:in)?|Kunde|Kundin|Kundenname|Debtor|Customer(?: name)?|Client(?: name)?|Mandant(?:in)?|Name|Naam|Debiteur|"
    r"Nom|Débiteur|Nome|Debitore|Nombre|Deudor|Namn|Navn|Nimi|Gäldenär|Skyldner|Velallinen|Klant|Cliente|Kund) ?(?::|\|) ?",
    r"(?:your (?:client|customer)|our customer)(?:,)? ",  # "our client" is an agent's principal
    # nl, fr, it, es, sv/da/no, fi: "uw cliënt", "votre cliente", "vostro assistito", "su cliente", "er klient", "Deres klient"
    r"(?i:uw (?:cliënte?|client(?:e)?|klant)|(?:votre|notre) client(?:e)?|(?:il |la |al |alla )?(?:vostr[oa]|vs\.) (?:cliente|assistit[oa])"
    r"|su (?:cliente|representad[oa])|(?:er|din|deres|jeres) (?:klient|kund|kunde)|asiakkaanne|päämiehenne),? ",
    r"in (?:Sachen|der Sache) ",
    r"(?i:with the name|by the name of|mit (?:dem )?Namen|met de naam|du nom de|con (?:il )?nome|con (?:el )?nombre|med namnet|med navnet|med navn) ",
    r"(?:Forderung|Forderungssache|Angelegenheit) (?:gegen|\./\.) ",
    r"(?<!geehrte )(?<!geehrter )(?<!Dear )(?<!Liebe )(?<!Lieber )(?<!Hallo )(?<!Geachte )(?<!Beste )(?<!Chère )(?<!Cher )"
    r"(?<!Gentile )(?<!Egregio )(?<!Estimado )(?<!Estimada )(?<!Kære )(?<!Hej )(?<!Bonjour )"
    r"\b(?=(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|de heer|mevrouw|Madame|Monsieur|Mme|M\.|Sig\.(?:ra)?|Signora|Sr\.|Sra\.|Dña\.|D\.) "
    r"[A-ZÀ-ÖØ-Þ]\w+ (?:(?:de|van|von|del|di|da) )?[A-ZÀ-ÖØ-Þ])",
)
_CLIENT_RE = [re.compile(cue + _TITLE + _PERSON + r"(?![\w])") for cue in _CLIENT_CUES]
_CLIENT_COMMA_RE = [re.compile(cue + _TITLE + _PERSON_COMMA) for cue in _CLIENT_CUES]
_NOT_NAMES = {
    "Sehr", "Geehrte", "Damen", "Herren", "Ihre", "Ihr", "Ihrer", "Ihres", "Ihrem", "Ihren", "Wir", "Die", "Der", "Das",
    "Dear", "Sir", "Madam", "Vielen", "Dank", "Mandant", "Mandantin", "Mandanten", "Frau", "Herr", "Herrn", "Kunde",
    "Kundin", "Sache", "Angelegenheit", "Unser", "Unsere", "Forderung", "Account", "Client", "Customer", "Our", "Your",
}

_ORIGINAL_RE = re.compile(
    r"(?:im\sAuftrag\s(?:unserer|unseres|der|des)\s(?:Mandantin|Mandanten|Auftraggeberin|Auftraggebers|Gläubigerin|Gläubigers)?,?\s?(?:der|des)?\s?"
    r"|(?:(?<=\s)|^)(?:unserer|unseres|unsere|unser)\s(?:Mandantin|Mandanten|Mandantschaft|Auftraggeberin|Auftraggebers|Auftraggeber),?\s(?:der\s|des\s|die\s|dem\s)?"
    r"|on\sbehalf\sof\s(?:our\sclient,?\s)?(?:the\s)?|\bour\sclient,?\s(?:the\s)?|(?i:\bwe\s(?:act|are\sinstructed)\s(?:for|by)\s(?:the\s)?"
    r"|\b(?:im\sNamen|namens)\s(?:der|des|unserer|unseres)\s(?:Mandantin\s|Mandanten\s)?"
    r"|\b(?:pour\sle\scompte\sde|au\snom\sde)\s(?:notre\sclient(?:e)?,?\s)?(?:la\s|le\s)?|\bnamens\s(?:onze\scliënt(?:e)?,?\s)?"
    r"|\b(?:per\sconto\sdi|in\snome\sdi)\s|\b(?:en\snombre\sde|por\scuenta\sde)\s|\b(?:på\svägnar\sav|på\svegne\sav|på\svegne\saf|i\suppdrag\sav)\s)"
    r"|(?:Ursprünglicher\s|Original\s)?(?:Gläubiger(?:in)?|Creditor|Auftraggeber(?:in)?)\s?(?::|\|)\s?)"
)


# "in Sachen A ./. B", "in der Angelegenheit unserer Mandantin A gegen Frau B": creditor A
# against debtor B (the German court-file convention, "./." reads "gegen").
_PARTIES_RE = re.compile(
    r"(?:\bin\s(?:Sachen|der\s(?:Sache|Angelegenheit|Forderungssache|Rechtssache))|\b(?:Angelegenheit|Sache|Betreff|Betrifft)\s?:)\s+"
    r"(?:(?:unserer|unseres)\s(?:Mandantin|Mandanten|Auftraggeberin|Auftraggebers),?\s)?(?:der\s|des\s)?"
    r"(?P<creditor>" + _UP + r"[^\n]{1,80}?)\s*(?:\./\.?|\bgegen\b|\bvs?\.|\bversus\b)\s*"
    + _TITLE + _PERSON + r"(?![\w])"
)
_SIGNATURE_SKIP = re.compile(
    r"^(?:Sitz|Amtsgericht|Registergericht|Geschäftsführ|Vorstand|HRB|USt|Tel|Fax|IBAN|BIC|Mit freundlichen|Kind regards|"
    r"Yours|Regards|Gläubiger|Creditor|Schuldner|Debtor)|:", re.I
)
_LINE_COMPANY_RE = re.compile(r"(?:^|(?<=[\s\-]))(?:" + _LEGAL_FORM + r")$")
_PARTICLES = set(_NAME_PARTICLES) | {"&", "-"}
_FUNCTION_WORDS = {"im", "in", "der", "die", "das", "des", "dem", "für", "von", "an", "bei", "mit", "und", "namens",
                   "gegen", "seitens", "on", "for", "of", "the", "and", "to", "by", "with"}


def _parties(text: str) -> tuple[str, str, str] | None:
    """(creditor, debtor, evidence text) from "in Sachen A ./. B", else None."""
    for m in _PARTIES_RE.finditer(text):
        creditor = m.group("creditor").strip(" ,;")
        words = creditor.split()
        if len(words) > 8 or any(w.strip(",") in _NOT_NAMES for w in words):
            continue
        person = m.group("person")
        if _LINE_COMPANY_RE.search(person) or re.match(r"\s*(?:" + _LEGAL_FORM + r")(?![\w])", text[m.end() :]):
            continue
        return creditor, person, m.group(0)
    return None


def _company_line(text: str) -> tuple[str, int] | None:
    """The last whole line that names a company by ending in a legal form ("infoscore
    Forderungsmanagement GmbH", "Allianz Versicherungs-AG", "Creditreform Hamburg von der
    Decken KG"), as in a signature block, with its position; sentences and register
    lines (Sitz, Amtsgericht, Geschäftsführer, "Gläubiger:") are skipped."""
    best: tuple[str, int] | None = None
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = re.sub(r"^(?:(?:Ihre|Ihr|Your|Die|Der|Das|The) )+", "", raw.strip())
        start = pos
        pos += len(raw)
        words = line.split()
        if not (1 < len(words) <= 9) or not _LINE_COMPANY_RE.search(line) or _SIGNATURE_SKIP.search(line):
            continue
        if _OFFICE_RE.search(line):
            continue
        if words[0].lower() in _FUNCTION_WORDS:
            continue  # "im Auftrag der X GmbH", "für die X AG": a phrase, not a name
        inner = [w for w in words[1:-1] if w not in _PARTICLES]
        if any(not w[0].isupper() and not w[0].isdigit() and w not in ("mbH", "mbB") for w in inner):
            continue  # a sentence that happens to end in a legal form
        best = (line, start)
    return best


def _last_company(rx: re.Pattern[str], text: str) -> tuple[str, int] | None:
    """The last company name ``rx`` finds in ``text`` that is not the office itself or an
    addressee ("Sehr geehrte Damen und Herren der X GmbH"), with its position."""
    best: tuple[str, int] | None = None
    for m in rx.finditer(text):
        name = m.group("name").strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _OFFICE_RE.search(name) or _ADDRESSEE.search(line.strip()):
            continue
        name = re.sub(r"^(?:(?:Die|Der|Das|Ihre|Ihr|Unsere|The|An|Von|From|Mit|Bei|Im Auftrag der) )+", "", name)
        if best is None or m.start() >= best[1]:
            best = (name, m.start())
    return best


def _original_creditor(text: str) -> tuple[str, str] | None:
    """(name, evidence text) for an agent's principal: "im Auftrag unserer Mandantin X",
    "on behalf of our client, X", or A in "in Sachen A ./. B"."""
    pair = _parties(text)
    if pair:
        return pair[0], pair[2]
    for m in _ORIGINAL_RE.finditer(text):
        rest = text[m.end() : m.end() + 120].split("\n")[0]
        company = _COMPANY_RE.match(rest) or _NAMED_ORG_RE.match(rest)
        if company:
            name = company.group("name").strip()
            return name, text[m.start() : m.end() + company.end()]
    return None


def _client_name(text: str) -> tuple[str, str] | None:
    """(client name, evidence text) from "Ihre Mandantin Frau X", "Schuldner: X", "your client Mr X".

    The debtor B of "in Sachen A ./. B" comes first; explicit cues win over a bare
    "Herr/Frau First Last"; "Last, First" is turned around; a name followed by a legal
    form ("Deutsche Telekom AG") is a company, not a client.
    """
    pair = _parties(text)
    if pair:
        return pair[1], pair[2]
    hits: list[tuple[int, int, str, str]] = []
    generic = len(_CLIENT_CUES) - 1
    for idx, (rx, rx_comma) in enumerate(zip(_CLIENT_RE, _CLIENT_COMMA_RE)):
        for m in rx_comma.finditer(text):
            name = f"{m.group('first')} {m.group('last')}"
            hits.append((int(idx == generic), m.start(), name, text[m.start("last") : m.end("first")]))
        for m in rx.finditer(text):
            if re.match(r"\s(?:" + _LEGAL_FORM + r")(?![\w])", text[m.end("person") :]):
                continue
            hits.append((int(idx == generic), m.start(), m.group("person"), text[m.start() : m.end("person")]))
    for _, _, name, ev in sorted(hits):
        words = name.split()
        if len(words) >= 2 and not any(w in _NOT_NAMES for w in words):
            return name, ev
    return None


_STATEMENT_DATE_RE = re.compile(
    r"(?:Stand|Stichtag|Forderungsstand|per|zum|as\s(?:of|at))\s?(?::|vom|\|)?\s?"
    r"(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}\.?\s(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s\d{4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s(?:January|February|March|April|May|June|July|August|September|October|November|December)\s\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})",
    re.I,
)


def _statement_date(text: str) -> tuple[date, str] | None:
    """(date, evidence text) from "Stand: 12.11.2026" / "as of 12 November 2026" (dateparser)."""
    for m in _STATEMENT_DATE_RE.finditer(text):
        parsed = dateparser.parse(
            m.group("date"), languages=["de", "en"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"}
        )
        if parsed:
            return parsed.date(), m.group(0)
    return None


# --- the extractor ------------------------------------------------------------------
_NOT_APPLIED_KINDS = (ReplyKind.CLAIM_SETTLED, ReplyKind.DISPUTE, ReplyKind.DOCUMENT_REQUEST, ReplyKind.CLIENT_UNKNOWN,
                      ReplyKind.CLAIM_ASSIGNED)
#: "kr" alone: the krona/krone of the sender's country (e-mail domain ending).
_KRONA_BY_TLD = {"se": "SEK", "dk": "DKK", "no": "NOK"}


@dataclass
class _Reading:
    """One email as the rules read it: injection-free texts, evidence and warnings so far."""

    email: ExtractionInput
    body: str
    signature: str
    quoted: str
    injected: list[str]
    sources: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, email: ExtractionInput) -> "_Reading":
        body, inj_body = strip_injections(email.reply_text)
        signature, inj_sig = strip_injections(email.signature_text)
        quoted, inj_quoted = strip_injections(email.quoted_text)
        reading = cls(email, body, signature, quoted, inj_body + inj_sig + inj_quoted)
        reading.sources = [("body", body)] + [(f"attachment:{a.file_name}", a.text) for a in email.attachments if a.text]
        if reading.injected:
            reading.warnings.append("text addressing an AI system was found and ignored (treated as data)")
        return reading

    def ref_sources(self) -> list[tuple[str, str]]:
        return [("body", self.body), ("subject", self.email.subject), ("quoted", self.quoted)] + self.sources[1:]


def _not_a_reply(reading: _Reading) -> KindFinding | None:
    """Machine mail, a client writing, or court/bailiff mail: not a creditor's reply."""
    email = reading.email
    machine = machine_mail(email.subject, email.from_email, email.from_name, email.headers, reading.body)
    if machine:
        reading.warnings.append("machine-generated mail")
        return machine
    client = is_client_writing(reading.body, email.from_name, reading.signature)
    if client:
        reading.warnings.append("client writing, not a creditor")
        return client
    court = enforcement_mail(email.subject, email.from_name, email.from_email, reading.signature, reading.body)
    if court:
        reading.warnings.append("court, bailiff or enforcement mail: not a creditor's statement")
    return court


def _read_amounts(reading: _Reading) -> tuple[AmountChoice, bool]:
    """Total and components from the reply and attachments (never the quoted history),
    and whether any amount is a claim amount (not an instalment, offer or payment)."""
    items = [(f, src) for src, text in reading.sources for f in amounts_with_labels(text)]
    choice = choose_amounts(items)
    if choice.currency is None and items:
        choice = with_text_currency(choice, reading.sources)
    if choice.currency == "KR":
        tld = reading.email.from_email.rsplit(".", 1)[-1].lower()
        choice.currency = _KRONA_BY_TLD.get(tld)
        if choice.currency is None:
            choice.warnings.append("'kr' without a country: SEK, DKK or NOK")
            choice.certain = False
    return choice, any(amount_role(f) != "other" for f, _ in items)


def _clear_amounts(choice: AmountChoice, reading: _Reading, warning: str, *, keep_currency: bool = False) -> None:
    choice.amounts = Amounts()
    choice.certain = False
    reading.warnings.append(warning)
    if not keep_currency:
        choice.currency = None
    reading.evidence = [e for e in reading.evidence
                        if not e.field.startswith("amounts.") and (keep_currency or e.field != "currency")]


def _read_kind(reading: _Reading, choice: AmountChoice, claim_like: bool) -> ReplyKind:
    """The reply kind, with the amounts it allows: an assigned claim's figure and a
    settled claim's paid amount are not the current total; a credit is a settled claim."""
    all_reply = "\n".join(text for _, text in reading.sources)
    subject = reading.email.subject
    finding = classify_text(all_reply + "\n" + subject, has_claim_amount=claim_like)
    kind = finding.kind
    total = choice.amounts.total
    if kind is ReplyKind.CLAIM_ASSIGNED:
        _clear_amounts(choice, reading, "the claim was sold or assigned: the figure stated is not the current claim")
    elif kind is ReplyKind.CLAIM_SETTLED and total not in (None, Decimal("0.00")) and total > 0:
        # "die Forderung über 318,20 € wurde ausgeglichen": the amount is what was paid.
        _clear_amounts(choice, reading, "reads as settled but states a non-zero amount; no total taken",
                       keep_currency=True)
    elif total is not None and total < 0 and kind in (ReplyKind.CLAIM_STATEMENT, ReplyKind.OTHER):
        kind = ReplyKind.CLAIM_SETTLED  # a credit: nothing is owed
    elif kind is ReplyKind.OTHER and total == Decimal("0.00"):
        kind = ReplyKind.CLAIM_SETTLED
    _kind_evidence(reading, finding.text)
    return kind


def _kind_evidence(reading: _Reading, text: str) -> None:
    if not text:
        return
    subject = reading.email.subject
    for src, source_text in reading.sources + [("subject", subject)]:
        if text in source_text:
            reading.evidence.append(Evidence(field="reply_kind", text=text, source=src))
            return


def _read_references(reading: _Reading) -> tuple[str | None, list[str]]:
    """The office's file number and the creditor's references, with evidence.

    A subject keeps whoever wrote it first ("AW: …, unser Zeichen BÖ-…" is the office's
    wording): the office's file number is never also a creditor reference.
    """
    file_number = None
    for src, text in reading.ref_sources():
        numbers = find_file_numbers(text, quoted=src == "quoted")
        if numbers:
            file_number = numbers[0][0]
            reading.evidence.append(Evidence(field="client_file_number", text=file_number, source=src))
            break
    taken = {normalise_reference(file_number)} if file_number else set()
    refs: list[str] = []
    for src, text in reading.ref_sources():
        for ref in find_references(text, quoted=src == "quoted"):
            if normalise_reference(ref.value) not in taken:
                taken.add(normalise_reference(ref.value))
                refs.append(ref.value)
                reading.evidence.append(Evidence(field="creditor_references", text=ref.text, source=src))
    return file_number, refs


def _read_original(reading: _Reading) -> tuple[str, str] | None:
    for src, text in (("body", reading.body), ("signature", reading.signature)) + tuple(reading.sources[1:]):
        original = _original_creditor(text)
        if original:
            reading.evidence.append(Evidence(field="original_creditor", text=original[1], source=src))
            return original
    return None


def _read_creditor(reading: _Reading, original: tuple[str, str] | None) -> str | None:
    """The sender's own name: a signature line ending in a legal form, then a company or
    a named organisation (bank, Inkasso, law firm), signature before body before the
    From header; never the principal or the debtor named in "in Sachen A ./. B"."""
    email = reading.email
    header_text = f"{email.from_name} <{email.from_email}>"
    texts = (("signature", reading.signature), ("body", reading.body), ("headers", header_text))
    searches = [(_company_line, "signature", reading.signature), (_company_line, "body", reading.body)] + [
        (lambda t, rx=rx: _last_company(rx, t), src, text) for rx in (_COMPANY_RE, _NAMED_ORG_RE) for src, text in texts
    ]
    for finder, src, text in searches:
        found = finder(_strip_original(text, original[1] if original else None))
        if found and (not original or found[0] != original[0]):
            reading.evidence.append(Evidence(field="creditor_name", text=found[0], source=src))
            return found[0]
    return None


def _read_client(reading: _Reading) -> str | None:
    texts = (("body", reading.body), ("subject", reading.email.subject)) + tuple(reading.sources[1:]) + (("quoted", reading.quoted),)
    for src, text in texts:
        hit = _client_name(text)
        if hit:
            reading.evidence.append(Evidence(field="client_name", text=hit[1], source=src))
            return hit[0]
    return None


def _read_date(reading: _Reading) -> date | None:
    for src, text in reading.sources:
        stmt = _statement_date(text)
        if stmt:
            reading.evidence.append(Evidence(field="statement_date", text=stmt[1], source=src))
            return stmt[0]
    return None


def _confidence(reading: _Reading, kind: ReplyKind, certain: bool, named: bool) -> float:
    """≥ 0.8 only for a claim statement with one certain total and both parties named."""
    confidence = 0.5
    if kind is ReplyKind.CLAIM_STATEMENT:
        confidence = 0.9 if certain else 0.6
        if not named:
            confidence = min(confidence, 0.7)
            reading.warnings.append("creditor or client not named in the email")
    elif kind in _NOT_APPLIED_KINDS:
        confidence = 0.75
    return min(confidence, 0.5) if reading.injected else confidence


class RulesExtractor:
    """Offline extractor (implements ``Extractor``): patterns and keywords, no network.

    ``extract(email)`` → ``ExtractionResult`` with ``extractor="rules"``; never raises on
    any text. Rules: see the module docstring and ``amounts``, ``references``,
    ``reply_kind``.
    """

    name = "rules"

    def extract(self, email: ExtractionInput) -> ExtractionResult:
        """Read one cleaned email; returns the result with evidence for every field."""
        reading = _Reading.of(email)
        result = ExtractionResult(extractor=self.name)
        finding = _not_a_reply(reading)
        if finding is not None:
            return self._not_a_reply_result(reading, result, finding)
        choice, claim_like = _read_amounts(reading)
        reading.warnings.extend(choice.warnings)
        reading.evidence.extend(choice.evidence)
        kind = _read_kind(reading, choice, claim_like)
        file_number, refs = _read_references(reading)
        original = _read_original(reading)
        creditor = _read_creditor(reading, original)
        client_name = _read_client(reading)
        stmt = _read_date(reading)
        named = bool(creditor or original) and bool(client_name or file_number or refs)
        confidence = _confidence(reading, kind, choice.certain, named)
        return reconcile_attachment_amounts(email, result.model_copy(
            update={
                "is_creditor_reply": True, "reply_kind": kind, "creditor_name": creditor,
                "original_creditor": original[0] if original else None, "client_name": client_name,
                "client_file_number": file_number, "creditor_references": refs, "amounts": choice.amounts,
                "currency": choice.currency, "statement_date": stmt, "confidence": confidence,
                "evidence": reading.evidence, "warnings": reading.warnings,
            }
        ))

    @staticmethod
    def _not_a_reply_result(reading: _Reading, result: ExtractionResult, finding: KindFinding) -> ExtractionResult:
        """Machine mail, a client, a court or bailiff: no amounts read; for court mail the
        client's name and file number are still read (review needs them)."""
        reading.evidence.append(Evidence(field="reply_kind", text=finding.text, source=finding.source))
        update: dict = {"is_creditor_reply": False, "reply_kind": finding.kind, "confidence": 0.9}
        if finding.kind is ReplyKind.ENFORCEMENT:
            for src, text in reading.ref_sources():
                numbers = find_file_numbers(text, quoted=src == "quoted")
                if numbers:
                    update["client_file_number"] = numbers[0][0]
                    reading.evidence.append(Evidence(field="client_file_number", text=numbers[0][0], source=src))
                    break
            update["client_name"] = _read_client(reading)
        update.update(evidence=reading.evidence, warnings=reading.warnings)
        return result.model_copy(update=update)


def _strip_original(text: str, original_span: str | None) -> str:
    return text.replace(original_span, " " * len(original_span)) if original_span else text
