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
from datetime import date
from decimal import Decimal

import dateparser

from creditctl.pipeline.extraction.amounts import (
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
    classify_text,
    strip_injections,
    is_client_writing,
    machine_mail,
)

__all__ = ["RulesExtractor", "parse_amount", "find_amounts"]

# --- parties ------------------------------------------------------------------------
_LEGAL_FORM = (
    r"GmbH ?& ?Co\.? ?(?:KG(?:aA)?|OHG)|GmbH|gGmbH|AG|KGaA|KG|OHG|e\. ?V\.|eG|SE|PartG mbB|mbB|mbH|UG ?\(haftungsbeschränkt\)|"
    r"KöR|AöR|S\.A\.|S\.à r\.l\.|B\.V\.|N\.V\.|Ltd(?:\.(?=[,;)]))?|Limited|plc|PLC|LLC|LLP|Inc\.|"
    r"AB|A/S|ASA|Oy|S\.p\.A\.|SpA|S\.A\.S\.|SAS|S\.L\.|B\.V|DAC"
)
_NAME_WORD = r"(?:[A-ZÄÖÜ0-9][\wÄÖÜäöüß&.'’\-]*|&)"
_COMPANY_RE = re.compile(
    r"(?<![\w])(?P<name>(?:" + _NAME_WORD + r" ){0,5}?" + _NAME_WORD + r" (?:" + _LEGAL_FORM + r"))(?![\w])"
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
_TITLE = r"(?:(?:Herr(?:n)?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss) )?"
_CLIENT_CUES = (
    r"(?:Ihr(?:e|er|es|em|en)?|Ihrem|Ihres) (?:Mandant(?:in|en)?|Klient(?:in|en)?) ?,? ?",
    r"(?:Schuldner(?:in)?|Kunde|Kundin|Kundenname|Debtor|Customer|Client|Mandant(?:in)?|Name) ?(?::|\|) ?",
    r"(?:your (?:client|customer)|our customer)(?:,)? ",  # "our client" is an agent's principal
    r"in (?:Sachen|der Sache) ",
    r"(?:Forderung|Forderungssache|Angelegenheit) (?:gegen|\./\.) ",
    r"(?<!geehrte )(?<!geehrter )(?<!Dear )(?<!Liebe )(?<!Lieber )(?<!Hallo )\b(?=(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?) [A-ZÄÖÜ]\w+ [A-ZÄÖÜ])",
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
    r"|on\sbehalf\sof\s(?:our\sclient,?\s)?(?:the\s)?|\bour\sclient,?\s(?:the\s)?"
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
_PARTICLES = {"von", "der", "den", "de", "van", "zu", "und", "für", "&", "-"}
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
        warnings: list[str] = []
        body, inj_body = strip_injections(email.reply_text)
        signature, inj_sig = strip_injections(email.signature_text)
        quoted, inj_quoted = strip_injections(email.quoted_text)
        injected = inj_body + inj_sig + inj_quoted
        if injected:
            warnings.append("text addressing an AI system was found and ignored (treated as data)")
        evidence: list[Evidence] = []
        result = ExtractionResult(extractor=self.name)

        # 1. machine mail and clients writing: no creditor reply, nothing else read.
        machine = machine_mail(email.subject, email.from_email, email.from_name, email.headers, body)
        client = None if machine else is_client_writing(body, email.from_name, signature)
        if machine or client:
            finding = machine or client
            assert finding is not None
            evidence.append(Evidence(field="reply_kind", text=finding.text, source=finding.source))
            return result.model_copy(
                update={
                    "is_creditor_reply": False,
                    "reply_kind": finding.kind,
                    "confidence": 0.9,
                    "evidence": evidence,
                    "warnings": warnings + ["client writing, not a creditor" if client else "machine-generated mail"],
                }
            )

        # 2. amounts: reply and attachments only.
        sources: list[tuple[str, str]] = [("body", body)] + [
            (f"attachment:{a.file_name}", a.text) for a in email.attachments if a.text
        ]
        items = [(f, src) for src, text in sources for f in amounts_with_labels(text)]
        choice = choose_amounts(items)
        if choice.currency is None and items:
            choice = with_text_currency(choice, sources)
        warnings.extend(choice.warnings)
        evidence.extend(choice.evidence)

        # 3. kind
        all_reply = "\n".join(text for _, text in sources)
        claim_like = any(amount_role(f) not in ("other",) for f, _ in items)
        kind = classify_text(all_reply + "\n" + email.subject, has_claim_amount=claim_like)
        if kind.kind is ReplyKind.CLAIM_SETTLED and choice.amounts.total not in (None, Decimal("0.00")):
            # "die Forderung über 318,20 € wurde ausgeglichen": the amount is what was paid.
            warnings.append("reads as settled but states a non-zero amount; no total taken")
            evidence = [e for e in evidence if not e.field.startswith("amounts.")]
            choice.amounts = Amounts()
        if kind.kind is ReplyKind.OTHER and choice.amounts.total == Decimal("0.00"):
            kind = classify_text("keine offene Forderung", has_claim_amount=False)
        if kind.text and kind.text in all_reply + "\n" + email.subject:
            src = "body" if kind.text in body else ("subject" if kind.text in email.subject else sources[-1][0])
            if kind.text in (dict(sources).get(src) or email.subject):
                evidence.append(Evidence(field="reply_kind", text=kind.text, source=src))

        # 4. references, file number, parties, date
        ref_sources = [("body", body), ("subject", email.subject), ("quoted", quoted)] + sources[1:]
        file_number = None
        for src, text in ref_sources:
            numbers = find_file_numbers(text, quoted=src == "quoted")
            if numbers:
                file_number = numbers[0][0]
                evidence.append(Evidence(field="client_file_number", text=file_number, source=src))
                break
        # A subject keeps whoever wrote it first ("AW: …, unser Zeichen BÖ-…" is the
        # office's wording): the office's file number is never also a creditor reference.
        taken = {normalise_reference(file_number)} if file_number else set()
        refs: list[str] = []
        for src, text in ref_sources:
            for ref in find_references(text, quoted=src == "quoted"):
                if normalise_reference(ref.value) not in taken:
                    taken.add(normalise_reference(ref.value))
                    refs.append(ref.value)
                    evidence.append(Evidence(field="creditor_references", text=ref.text, source=src))

        creditor = None
        header_text = f"{email.from_name} <{email.from_email}>"
        original = None
        for src, text in (("body", body), ("signature", signature)) + tuple(sources[1:]):
            original = _original_creditor(text)
            if original:
                evidence.append(Evidence(field="original_creditor", text=original[1], source=src))
                break
        # The sender's own name: a signature line ending in a legal form, then a company
        # or a named organisation (bank, Inkasso, law firm), signature before body before
        # the From header; never the principal or the debtor named in "in Sachen A ./. B".
        searches = [(_company_line, "signature", signature), (_company_line, "body", body)] + [
            (lambda t, rx=rx: _last_company(rx, t), src, text)
            for rx in (_COMPANY_RE, _NAMED_ORG_RE)
            for src, text in (("signature", signature), ("body", body), ("headers", header_text))
        ]
        for finder, src, text in searches:
            found = finder(_strip_original(text, original[1] if original else None))
            if found and (not original or found[0] != original[0]):
                creditor = found[0]
                evidence.append(Evidence(field="creditor_name", text=creditor, source=src))
                break
        client_name = None
        for src, text in (("body", body), ("subject", email.subject)) + tuple(sources[1:]) + (("quoted", quoted),):
            hit = _client_name(text)
            if hit:
                client_name = hit[0]
                evidence.append(Evidence(field="client_name", text=hit[1], source=src))
                break
        stmt = None
        for src, text in sources:
            stmt = _statement_date(text)
            if stmt:
                evidence.append(Evidence(field="statement_date", text=stmt[1], source=src))
                break

        # 5. confidence
        confidence = 0.5
        if kind.kind is ReplyKind.CLAIM_STATEMENT:
            confidence = 0.9 if choice.certain else 0.6
            if not (creditor or original) or not (client_name or file_number or refs):
                confidence = min(confidence, 0.7)
                warnings.append("creditor or client not named in the email")
        elif kind.kind in (ReplyKind.CLAIM_SETTLED, ReplyKind.DISPUTE, ReplyKind.DOCUMENT_REQUEST, ReplyKind.CLIENT_UNKNOWN):
            confidence = 0.75
        if injected:
            confidence = min(confidence, 0.5)

        return reconcile_attachment_amounts(email, result.model_copy(
            update={
                "is_creditor_reply": True,
                "reply_kind": kind.kind,
                "creditor_name": creditor,
                "original_creditor": original[0] if original else None,
                "client_name": client_name,
                "client_file_number": file_number,
                "creditor_references": refs,
                "amounts": choice.amounts,
                "currency": choice.currency,
                "statement_date": stmt[0] if stmt else None,
                "confidence": confidence,
                "evidence": evidence,
                "warnings": warnings,
            }
        ))


def _strip_original(text: str, original_span: str | None) -> str:
    return text.replace(original_span, " " * len(original_span)) if original_span else text
