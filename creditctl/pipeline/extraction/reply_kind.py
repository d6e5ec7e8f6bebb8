"""Is this a creditor's reply, and what kind? Keyword rules, German and English.

Machine mail is recognised from its headers first: RFC 3834 ``Auto-Submitted`` (any
value but ``no``), ``X-Autoreply``/``X-Autorespond`` (Exchange, Zimbra), ``Precedence:
auto_reply|bulk|junk`` (RFC 2076), ``List-Unsubscribe`` (RFC 2369) for newsletters;
then from subjects (Abwesenheitsnotiz, Automatische Antwort, Out of office,
Undeliverable, Unzustellbar …), then from a body that calls itself automatically
generated and states no amount (receipt confirmations). Everything else is classified by phrases, most
specific first: client unknown, settled, document request, dispute, settlement
proposal, claim statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from creditctl.pipeline.extraction.amounts import find_amounts
from creditctl.pipeline.extraction.model import ReplyKind

__all__ = ["KindFinding", "machine_mail", "is_client_writing", "classify_text", "find_injection_lines", "strip_injections"]


@dataclass(frozen=True)
class KindFinding:
    """A decision and the exact text that triggered it (``source``: body, subject, headers)."""

    kind: ReplyKind
    text: str
    source: str


# "within one sentence": any character but a full stop or a line break; a dot between
# digits ("4.000,00 €") does not end a sentence.
_GAP = r"(?:[^.\n]|(?<=\d)\.(?=\d))"


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns).replace("{_GAP}", _GAP), re.IGNORECASE)


_AUTO_SUBJECT = _rx(
    r"abwesenheitsnotiz", r"automatische antwort", r"out of (?:the )?office", r"auto-?reply",
    r"automatic reply", r"abwesend(?:heit)?\b", r"autoresponder", r"\bOOO\b",
)
_BOUNCE_SUBJECT = _rx(
    r"undeliverable", r"unzustellbar", r"delivery status notification", r"returned mail",
    r"mail delivery failed", r"nicht zugestellt", r"delivery failure", r"undelivered mail",
)
_BOUNCE_SENDER = _rx(r"mailer-daemon", r"postmaster@", r"mail delivery (?:subsystem|system)")
_NEWSLETTER = _rx(r"\bnewsletter\b")
# Receipt confirmations and other system mail that carry no auto-reply header.
_AUTO_BODY = _rx(
    r"\bautomatisch (?:generierte|erzeugte|erstellte|versandte|versendete)\w* (?:eingangsbestätigung|nachricht|e-?mail|antwort|mitteilung|benachrichtigung)",
    r"\b(?:this is an? )?(?:automated|automatically generated|auto-generated|automatic) (?:acknowledge?ment|message|response|reply|e-?mail|notification)",
)

_CLIENT_PHRASES = _rx(
    r"\bich (?:bin|war) (?:ihr|ihre) (?:mandant|mandantin|klient|klientin)",
    r"\bmeine?n? (?:schulden|gläubiger|akte|beraterin|berater|kredite?)\b",
    r"\bich habe (?:heute |gestern )?(?:einen |ein |eine )?(?:brief|post|schreiben|mahnung|rechnung)",
    r"\bI am your client\b", r"\bmy (?:debts?|creditors?|case worker|adviser|advisor)\b",
    r"\bI (?:have )?received (?:a|another) (?:letter|reminder)",
)
_ORG_RE = re.compile(
    r"\b(?:GmbH|AG|KG|KGaA|e\.\s?V\.|eG|SE|Ltd\.?|Limited|plc|LLC|Inc\.?|OHG|UG|mbH|Inkasso|Bank|Sparkasse|"
    r"Stadtwerke|Versicherung|Telekom|Versand|Energie|Finance|Finanz\w*|Collections?|Kredit\w*|Rechtsanw\w+)\b",
)

_CLIENT_UNKNOWN = _rx(
    r"\b(?:nicht|keine?[mnr]?)\b{_GAP}{0,40}\b(?:zuordnen|zuzuordnen|identifizieren|ermitteln)\b",
    r"nicht zugeordnet werden",
    r"keine (?:kundenbeziehung|geschäftsbeziehung|vertragsbeziehung|daten|unterlagen) (?:zu|über|von|unter)",
    r"(?:ist|sind) (?:bei )?uns nicht bekannt", r"nicht (?:als kunde|in unserem (?:system|bestand))",
    r"kein(?:en)? (?:kunden|vertrag|kundenkonto) (?:mit|unter|zu)",
    r"unable to (?:identify|locate|find)", r"(?:could|can) ?not (?:identify|locate|find) (?:a|an|any|the|your)",
    r"no (?:record|account) (?:of|for|matching|under)", r"not known to us",
    r"\bkeinen? (?:vorgang|eintrag|datensatz|kundendatensatz|kundenkonto|vertrag|person)\w*\b{_GAP}{0,40}\b(?:finden|gefunden|feststellen|festgestellt|ermitteln|ermittelt)",
    r"(?:in|im) unse(?:rem|ren|rer) (?:datenbestand|system|bestand|kundenstamm|unterlagen){_GAP}{0,50}\b(?:nicht|keine?n?)\b{_GAP}{0,30}\b(?:finden|gefunden|vorhanden|erfasst|geführt)",
)
_NEG = r"(?<!nicht )(?<!noch nicht )(?<!not )(?<!not yet )(?<!kein )"
_SETTLED = _rx(
    _NEG + r"(?:vollständig |vollstaendig |bereits |komplett )?ausgeglichen",
    r"keine (?:offenen? )?(?:forderungen?|verbindlichkeiten|rückstände|salden)\b(?! mehr als)",
    r"keine offenen posten", r"nichts mehr offen", r"(?:vollständig|vollstaendig|komplett) (?:bezahlt|beglichen|getilgt)",
    _NEG + r"(?:ist|wurde|wurden) (?:bereits )?(?:beglichen|erledigt|getilgt)",
    r"(?:saldo|kontostand|forderung) (?:beträgt|von|:)?\s*0,00",
    r"nothing (?:is )?(?:outstanding|owed|owing|due)", r"paid in full", r"settled in full",
    r"no (?:outstanding|open) (?:balance|amount|debt|claim)", r"(?:has|have) been (?:fully )?(?:settled|paid|cleared)",
    r"zero balance", r"balance (?:is|of) (?:£|€|\$)?\s?0\.00",
)
_DOCUMENT_REQUEST = _rx(
    r"(?:benötigen|brauchen|bitten|erbitten|fehlt|fehlende|fehlenden|ohne|keine|vorlage (?:einer|der)|"
    r"übersenden sie|senden sie|reichen sie|legen sie)\b{_GAP}{0,60}\b(?:vollmacht|schweigepflichtentbindung|unterlagen|nachweis|kopie|ausweis)",
    r"(?:vollmacht|schweigepflichtentbindung){_GAP}{0,60}(?:vorlegen|zusenden|übersenden|nachreichen|zukommen|einreichen|fehlt|vorliegt|erforderlich|benötigt)",
    r"(?:please|kindly) (?:provide|send|forward|supply){_GAP}{0,60}(?:authority|authorisation|authorization|consent|documents?|proof|copy)",
    r"(?:letter|form) of (?:authority|authorisation|authorization)", r"power of attorney",
    r"signed (?:consent|authority|mandate)",
)
_DISPUTE = _rx(
    r"\bwidersprechen\b", r"\bweisen (?:wir )?{_GAP}{0,40}zurück", r"\blehnen (?:wir )?{_GAP}{0,50}\bab\b",
    r"\bbestreiten\b", r"\bnicht einverstanden\b", r"\bkönnen (?:wir )?{_GAP}{0,40}nicht zustimmen",
    r"\bwe (?:do not|don't|cannot|can't) (?:accept|agree)", r"\bwe (?:reject|decline|dispute)\b",
    r"\bis (?:rejected|declined)\b", r"\bnot able to accept\b", r"\bunable to accept\b",
)
_SETTLEMENT = _rx(
    r"vergleichsangebot", r"(?:bieten|unterbreiten) (?:wir )?(?:ihnen |ihrem mandanten |ihrer mandantin )?{_GAP}{0,60}\b(?:an|vergleich)\b",
    r"(?:als )?(?:vergleich|einmalzahlung|abfindung){_GAP}{0,50}(?:bereit|einverstanden|anbieten|akzeptieren)",
    r"ratenzahlung(?:svereinbarung)? (?:anbieten|an)\b", r"ratenzahlungsvereinbarung",
    r"bereit, {_GAP}{0,60}(?:zu verzichten|zu akzeptieren|anzunehmen)",
    r"(?:we|our client) (?:is |are |would be |will be )?(?:prepared|willing) to (?:accept|offer|agree)", r"settlement offer",
    r"\breduced settlement\b", r"\bsettle (?:the|this|your client's) (?:account|balance|debt) for\b",
    r"\bvergleichsweise\b", r"\bverzicht\w*\b{_GAP}{0,60}\brestforderung", r"\brestforderung\b{_GAP}{0,60}\bverzicht",
    r"\bschlagen (?:wir )?{_GAP}{0,60}\b(?:rate|raten|ratenzahlung|vergleich|einmalzahlung)\w*\b{_GAP}{0,80}\bvor\b",
    r"(?<!ihren )(?<!ihrem )(?<!ihres )(?<!ihr )\b(?:ratenzahlungs|vergleichs)(?:vorschlag|angebot)\b",
    r"(?:we|our client) (?:can |could |would )?offer", r"(?:instal+ment|payment) (?:plan|arrangement) of",
    r"full and final settlement",
    r"\b(?:akzeptier\w*|gewähr\w*|einverstanden|bieten|anbieten|möglich)\b{_GAP}{0,60}\b(?:raten|ratenzahlung|monatliche rate|rate von)\b",
    r"\b(?:raten|ratenzahlung|monatliche rate)\b{_GAP}{0,60}\b(?:akzeptier\w*|einverstanden|möglich|anbieten)\b",
    r"\bpayment plan of\b",
)
_CLAIM = _rx(
    r"forderung", r"forderungsaufstellung", r"saldo", r"offen(?:er|e|en)? (?:betrag|posten|forderung)",
    r"\boutstanding\b", r"\bbalance\b", r"\bamount due\b", r"\bowed?\b", r"\bbeträgt\b", r"\bschuldet\b", r"\bkontoauszug\b",
)

_INJECTION = _rx(
    r"ignor(?:e|iere|ieren sie)\b{_GAP}{0,40}\b(?:instructions?|anweisungen|vorgaben|rules|regeln|prompt)",
    r"(?:disregard|forget)\b{_GAP}{0,40}\b(?:instructions?|above|previous|rules)",
    r"\b(?:system prompt|systemprompt|language model|sprachmodell|as an ai|als ki)\b",
    r"\b(?:AI|KI|assistant|assistent|LLM|claude|chatgpt|gpt)\s*[:,]",
    r"\bset (?:the )?(?:amount|claim|total|balance)\b{_GAP}{0,30}\bto\b",
    r"\bsetze?n? (?:sie )?(?:den |die )?(?:betrag|forderung|summe)\b{_GAP}{0,30}\bauf\b",
    r"\b(?:file|mark|classify|treat|record) (?:this|it|the (?:email|message|claim))\b{_GAP}{0,30}\bas\b",
    r"\b(?:markiere|klassifiziere|behandle|verbuche)n? (?:sie )?(?:diese|dies|die)\b{_GAP}{0,40}\bals\b",
    r"\bnew instructions\b|\bneue anweisung",
)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def machine_mail(subject: str, from_email: str, from_name: str, headers: Mapping[str, str], body: str) -> KindFinding | None:
    """Auto-reply, bounce or newsletter → a finding (``kind`` AUTO_REPLY or OTHER), else None.

    Sources of the rules: RFC 3834 (Auto-Submitted), RFC 2076 (Precedence), RFC 2369
    (List-Unsubscribe), and the de-facto X-Autoreply / X-Autorespond headers; last, a
    body that calls itself automatically generated ("automatisch generierte
    Eingangsbestätigung", "this is an automated message") and states no amount.
    ``text`` is the exact header line ("Auto-Submitted: auto-replied") or subject span.
    """
    auto = _header(headers, "Auto-Submitted")
    if auto and auto.strip().lower() != "no":
        return KindFinding(ReplyKind.AUTO_REPLY, f"Auto-Submitted: {auto}", "headers")
    for name in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"):
        value = _header(headers, name)
        if value is not None and name != "X-Auto-Response-Suppress":
            return KindFinding(ReplyKind.AUTO_REPLY, f"{name}: {value}", "headers")
    prec = _header(headers, "Precedence")
    if prec and prec.strip().lower() in {"auto_reply", "bulk", "junk", "list"}:
        kind = ReplyKind.AUTO_REPLY if prec.strip().lower() == "auto_reply" else ReplyKind.OTHER
        return KindFinding(kind, f"Precedence: {prec}", "headers")
    unsub = _header(headers, "List-Unsubscribe")
    if unsub:
        return KindFinding(ReplyKind.OTHER, f"List-Unsubscribe: {unsub}", "headers")
    m = _AUTO_SUBJECT.search(subject)
    if m:
        return KindFinding(ReplyKind.AUTO_REPLY, m.group(0), "subject")
    m = _BOUNCE_SUBJECT.search(subject)
    if m:
        return KindFinding(ReplyKind.OTHER, m.group(0), "subject")
    sender = f"{from_name} <{from_email}>"
    m = _BOUNCE_SENDER.search(sender)
    if m:
        return KindFinding(ReplyKind.OTHER, m.group(0), "headers")
    m = _NEWSLETTER.search(subject)
    if m:
        return KindFinding(ReplyKind.OTHER, m.group(0), "subject")
    m = _AUTO_BODY.search(body)
    if m and not find_amounts(body):
        return KindFinding(ReplyKind.AUTO_REPLY, m.group(0), "body")
    m = re.search(r"(?:vom newsletter abmelden|newsletter abbestellen|unsubscribe from (?:this|our) (?:newsletter|list|mailing))", body, re.I)
    if m:
        return KindFinding(ReplyKind.OTHER, m.group(0), "body")
    return None


def is_client_writing(body: str, from_name: str, signature: str) -> KindFinding | None:
    """The client (a private person) writing instead of a creditor, else None.

    True when the body speaks in the first person about "my debts/creditor/letter" and
    neither the sender name nor the signature names an organisation.
    """
    m = _CLIENT_PHRASES.search(body)
    if not m:
        return None
    if _ORG_RE.search(from_name) or _ORG_RE.search(signature):
        return None
    return KindFinding(ReplyKind.OTHER, m.group(0), "body")


def classify_text(body: str, *, has_claim_amount: bool) -> KindFinding:
    """Kind of a creditor's reply from its text (injection lines already removed).

    Most specific first: client unknown, settled, document request, dispute,
    settlement proposal, then claim statement (needs a claim amount or a claim word).
    """
    for kind, rx in (
        (ReplyKind.CLIENT_UNKNOWN, _CLIENT_UNKNOWN),
        (ReplyKind.CLAIM_SETTLED, _SETTLED),
        (ReplyKind.DOCUMENT_REQUEST, _DOCUMENT_REQUEST),
        (ReplyKind.DISPUTE, _DISPUTE),
        (ReplyKind.SETTLEMENT_PROPOSAL, _SETTLEMENT),
    ):
        m = rx.search(body)
        if m:
            return KindFinding(kind, m.group(0), "body")
    m = _CLAIM.search(body)
    if has_claim_amount:
        return KindFinding(ReplyKind.CLAIM_STATEMENT, m.group(0) if m else "", "body")
    return KindFinding(ReplyKind.OTHER, m.group(0) if m else "", "body")


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")


def find_injection_lines(text: str) -> list[str]:
    """Sentences of ``text`` that address an AI system ("ignore previous instructions",
    "set the amount to 0", "file this as …"), each an exact substring of ``text``.
    The rules extractor reads around them (they are data, never instructions)."""
    out: list[str] = []
    for line in text.splitlines():
        if not _INJECTION.search(line):
            continue
        out.extend(s for s in _SENTENCE_END.split(line) if _INJECTION.search(s))
    return out


def strip_injections(text: str) -> tuple[str, list[str]]:
    """``text`` with every injection sentence blanked out, and the sentences removed."""
    found = find_injection_lines(text)
    for sentence in found:
        text = text.replace(sentence, "")
    return text, found
