"""Parties in a creditor's reply: who wrote it, for whom, about which client.

Table-driven: ``LEGAL_FORMS`` (legal forms per country that end a company name),
``_CLIENT_CUES`` (phrases that introduce the client, per language), ``_TITLE``
(courtesy titles), ``_ORIGINAL_RE`` (phrases that name an agent's principal: "im
Auftrag unserer Mandantin", "on behalf of", "we act for", "pour le compte de" …).
Pure functions over text; each returns the value and the exact text it was read from.

- ``company_line(text)``: the last signature-like line ending in a legal form;
- ``last_company(rx, text)``: the last company ``COMPANY_RE``/``NAMED_ORG_RE`` finds;
- ``original_creditor(text)``: an agent's principal;
- ``client_name(text)``: the client (debtor) named after a cue;
- ``strip_span(text, span)``: ``text`` with ``span`` blanked out (same length).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from creditctl.pipeline.scan import prefiltered

__all__ = [
    "COMPANY_RE",
    "LEGAL_FORMS",
    "NAMED_ORG_RE",
    "client_name",
    "company_line",
    "subject_client_name",
    "last_company",
    "ORGANISATION_WORDS",
    "original_creditor",
    "signed_organisation",
    "strip_span",
    "without_genitive",
]

#: Legal forms that end a company name, per country/language. Adding one touches this table only.
LEGAL_FORMS: dict[str, tuple[str, ...]] = {
    "de": (
        r"GmbH ?& ?Co\.? ?(?:KG(?:aA)?|OHG)",
        "GmbH",
        "gGmbH",
        "AG",
        "KGaA",
        "KG",
        "OHG",
        r"e\. ?V\.",
        "eG",
        "SE",
        "PartG mbB",
        "mbB",
        "mbH",
        r"UG ?\(haftungsbeschränkt\)",
        "eGen",
        r"Ges\.?m\.?b\.?H\.?",
        "GesmbH",
        "KöR",
        "AöR",
        "Genossenschaft",
    ),
    "en": (r"Ltd(?:\.(?=[,;)]))?", "Limited", "plc", "PLC", "LLC", "LLP", r"Inc\.", "DAC", "CLG"),
    "nl": (r"B\.V\.", r"B\.V", "BV", r"N\.V\.", "NV", "BVBA", "CVBA", "VOF"),
    "fr": (r"S\.A\.S\.", "SAS", "SASU", "SARL", r"S\.à r\.l\.", "SRL", "SPRL", r"S\.A\.", "SA", "SNC"),
    "it": (r"S\.p\.A\.", "SpA", r"S\.r\.l\.", "Srl", "S.n.c."),
    "es": (r"S\.L\.U\.", r"S\.L\.", "SL", "SLU", r"S\.A\.U\."),
    "nordic": ("AB", "A/S", "ASA", "AS", "ApS", "Oyj", "Oy", "HB", "KB"),
}
_LEGAL_FORM = "|".join(sorted((f for forms in LEGAL_FORMS.values() for f in forms), key=len, reverse=True))
_CAP_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w&.'’\-]*|&|\([A-ZÀ-ÖØ-Þ][\w.\-]*\))"  # "Swisscom (Schweiz) AG"
#: Lower-case words inside names: "Telefonía del Sur S.L.", "Banque du Rhône SA", "Van der Berg".
_NAME_PARTICLES = (
    "von",
    "van",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "du",
    "des",
    "la",
    "le",
    "y",
    "och",
    "og",
    "und",
    "et",
    "e",
    "en",
    "für",
    "zu",
)
_NAME_WORD = r"(?:" + _CAP_WORD + r"|" + "|".join(_NAME_PARTICLES) + r")"
COMPANY_RE = re.compile(
    r"(?<![\w])(?P<name>" + _CAP_WORD + r"(?: " + _NAME_WORD + r"){0,5}? (?:" + _LEGAL_FORM + r"))(?![\w])"
)
NAMED_ORG_RE = re.compile(
    r"(?<![\w])(?P<name>(?:(?:Stadt|Kreis)?[Ss]parkasse|Volksbank|Raiffeisenbank|Stadtwerke)(?: [A-ZÄÖÜ][\wäöüß\-]+){1,3}"
    r"|(?:[A-ZÄÖÜ][\wäöüß\-]+ ){1,3}(?:Inkasso|Bank|Collections|Finance|Energie)"
    # law firms: "Kanzlei Brandt & Sievers", "Kaiser & Vogt Rechtsanwälte", "Rechtsanwälte Kaiser & Vogt"
    r"|(?:Kanzlei|Rechtsanwälte|Rechtsanwaltskanzlei|Anwaltskanzlei)(?: (?:Dr\. )?[A-ZÄÖÜ][\wäöüß\-]+| &| und){1,4}"
    r"|(?:(?:Dr\. )?[A-ZÄÖÜ][\wäöüß\-]+,? (?:(?:&|und) )?){1,4}(?:Rechtsanwälte|Rechtsanwaltskanzlei|Anwaltskanzlei|Solicitors))(?![\w])"
)
_OFFICE_RE = re.compile(r"schuldnerberatung|insolvenzberatung|debt advice|verbraucherzentrale", re.IGNORECASE)
_ADDRESSEE = re.compile(r"^(?:Sehr geehrte|Dear|Hallo|Guten Tag|An die|An den|To the)\b", re.IGNORECASE)

_UP = r"[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"
_LO = r"[^\W\d_A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"  # any lower-case letter: ä, ß, ć, é, ł …
_WORD = _UP + _LO + r"+(?:-" + _UP + _LO + r"+)?"
#: Capitalised pronouns that follow a name in formal letters ("Matteo Ricci Vi comunichiamo").
_PRONOUN = r"(?!(?:Vi|Ci|Si|Sie|Ihnen|Wir|We|You|Nous|Vous|Wij|Ud|Uds)\b)"
_PERSON = r"(?P<person>" + _WORD + r"(?: (?:von|van|de|zu|von der))?(?: " + _PRONOUN + _WORD + r"){1,2})"
_PERSON_COMMA = r"(?P<last>" + _WORD + r"), (?P<first>" + _WORD + r")(?![\w])"
_TITLE = (
    r"(?:(?:Herr(?:n)?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|de heer|mevrouw|dhr\.|mw\.|M\.|Mme|Mlle|Monsieur|Madame"
    r"|Sig\.(?:ra)?|Signor[a]?|Sr\.|Sra\.|D\.|Dña\.|Don|Doña|hr\.|fru) )?"
)
_CLIENT_CUES = (
    r"(?:Ihr(?:e|er|es|em|en)?|Ihrem|Ihres) (?:Mandant(?:in|en)?|Klient(?:in|en)?) ?,? ?",
    # a labelled field, per language: "Schuldner:", "Debtor:", "Naam:", "Nom :", "Nome:", "Nombre:", "Namn:", "Nimi:"
    (
        r"(?:Schuldner(?:in)?|Abgabenschuldner(?:in)?|Beitragsschuldner(?:in)?|Steuerpflichtige[r]?|Kontoinhaber(?:in)?|Mieter(?:in)?|"
        r"Versicherte[r]?|Account holder|Policy ?holder|Tenant|Verzekerde|Titulaire|Intestatario|Titular|Kontohavare|Kontohaver|"
        r"Kunde|Kundin|Kundenname|Debtor|Customer(?: name)?|Client(?: name)?|Mandant(?:in)?|Name|Naam|Debiteur|"
        r"Nom|Débiteur|Nome|Debitore|Nombre|Deudor|Namn|Navn|Nimi|Gäldenär|Skyldner|Velallinen|Klant|Cliente|Kund) ?(?::|\|) ?"
    ),
    r"(?:your (?:client|customer)|our customer)(?:,)? ",  # "our client" is an agent's principal
    # nl, fr, it, es, sv/da/no, fi: "uw cliënt", "votre cliente", "vostro assistito", "su cliente", "er klient", "Deres klient"
    (
        r"(?i:uw (?:cliënte?|client(?:e)?|klant)|(?:votre|notre) client(?:e)?|(?:il |la |al |alla )?(?:vostr[oa]|vs\.) (?:cliente|assistit[oa])"
        r"|su (?:cliente|representad[oa])|(?:er|din|deres|jeres) (?:klient|kund|kunde)|asiakka\w*nne|päämieh\w*nne),? "
    ),
    r"in (?:Sachen|der Sache) ",
    # the office's own letter, quoted below the reply: "wir vertreten Frau X", "we act for Mr X", "vi företräder X"
    (
        r"(?i:wir vertreten|we (?:act for|represent)|wij vertegenwoordigen|nous représentons|rappresentiamo|representamos a|"
        r"vi företräder|vi repræsenterer|vi representerer|edustamme) "
    ),
    r"(?i:with the name|by the name of|mit (?:dem )?Namen|met de naam|du nom de|con (?:il )?nome|con (?:el )?nombre|med namnet|med navnet|med navn) ",
    r"(?:Forderung|Forderungssache|Angelegenheit) (?:gegen|\./\.) ",
    # a balance word, then whose it is: "Utestående saldo för Björn Lindqvist", "Restbeløb for Mette Jensen",
    # "the balance to pay for Owen Price", "getting in touch about Chloe Bennett"
    (
        r"(?i:(?:saldo|beløp|belopp|beløb|restbeløb|restbelopp|skuld|gæld|gjeld|balance|amount|arrears|debt|"
        r"to pay|account|betala|betale)(?:en|et|n)? (?:for|för|of) |(?:in touch|writing|contact(?:ing)? us|(?:your )?(?:message|e-?mail|enquiry|inquiry|letter|request)) "
        r"(?:about|regarding|concerning) )"
    ),
    (
        r"(?<!geehrte )(?<!geehrter )(?<!Dear )(?<!Liebe )(?<!Lieber )(?<!Hallo )(?<!Geachte )(?<!Beste )(?<!Chère )(?<!Cher )"
        r"(?<!Gentile )(?<!Egregio )(?<!Estimado )(?<!Estimada )(?<!Kære )(?<!Hej )(?<!Bonjour )"
        r"\b(?=(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.|de heer|mevrouw|Madame|Monsieur|Mme|M\.|Sig\.(?:ra)?|Signora|Sr\.|Sra\.|Dña\.|D\.) "
        r"[A-ZÀ-ÖØ-Þ]\w+ (?:(?:de|van|von|del|di|da) )?[A-ZÀ-ÖØ-Þ])"
    ),
)
_CLIENT_RE = [re.compile(cue + _TITLE + _PERSON + r"(?![\w])") for cue in _CLIENT_CUES]
_CLIENT_COMMA_RE = [re.compile(cue + _TITLE + _PERSON_COMMA) for cue in _CLIENT_CUES]
#: Where each cue matches (zero-width: every start, overlapping or not). Both patterns of
#: a cue start with it, so they are only tried there (``_finditer_at``): the cue, the
#: costly part (case-insensitive alternations tried at every position), is scanned once.
_CLIENT_CUE_AT = [prefiltered(re.compile("(?=" + cue + ")")) for cue in _CLIENT_CUES]  # pipeline/scan.py


def _finditer_at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    r"""``rx.finditer(text)`` when every match of ``rx`` starts at one of ``starts``
    (ascending): the same matches, non-overlapping, left to right. ``rx.match(text, pos)``
    sees the whole text, so look-behinds and ``\b`` answer as in a scan."""
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = rx.match(text, pos)
        if m is not None:
            yield m
            end = max(m.end(), pos + 1)


_NOT_NAMES = {
    "Sehr",
    "Geehrte",
    "Damen",
    "Herren",
    "Ihre",
    "Ihr",
    "Ihrer",
    "Ihres",
    "Ihrem",
    "Ihren",
    "Wir",
    "Die",
    "Der",
    "Das",
    "Dear",
    "Sir",
    "Madam",
    "Vielen",
    "Dank",
    "Mandant",
    "Mandantin",
    "Mandanten",
    "Frau",
    "Herr",
    "Herrn",
    "Kunde",
    "Kundin",
    "Sache",
    "Angelegenheit",
    "Unser",
    "Unsere",
    "Forderung",
    "Account",
    "Client",
    "Customer",
    "Our",
    "Your",
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
    r"(?P<creditor>"
    + _UP
    + r"[^\n]{1,80}?)\s*(?:\./\.?|\bgegen\b|\bvs?\.|\bversus\b)\s*"
    + _TITLE
    + _PERSON
    + r"(?![\w])"
)
_SIGNATURE_SKIP = re.compile(
    r"^(?:Sitz|Amtsgericht|Registergericht|Geschäftsführ|Vorstand|HRB|USt|Tel|Fax|IBAN|BIC|Mit freundlichen|Kind regards|"
    r"Yours|Regards|Gläubiger|Creditor|Schuldner|Debtor)|:",
    re.IGNORECASE,
)
_LINE_COMPANY_RE = re.compile(r"(?:^|(?<=[\s\-]))(?:" + _LEGAL_FORM + r")$")
_PARTICLES = set(_NAME_PARTICLES) | {"&", "-"}
_FUNCTION_WORDS = {
    "im",
    "in",
    "der",
    "die",
    "das",
    "des",
    "dem",
    "für",
    "von",
    "an",
    "bei",
    "mit",
    "und",
    "namens",
    "gegen",
    "seitens",
    "on",
    "for",
    "of",
    "the",
    "and",
    "to",
    "by",
    "with",
}


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


#: "© 2026 Vodafone GmbH", "Copyright 2026 X Ltd": the year is not part of the name.
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)?\s*(?:(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?\s+)?", re.IGNORECASE)


def company_line(text: str) -> tuple[str, int] | None:
    """The last whole line that names a company by ending in a legal form ("infoscore
    Forderungsmanagement GmbH", "Allianz Versicherungs-AG", "Creditreform Hamburg von der
    Decken KG"), as in a signature block, with its position; sentences and register
    lines (Sitz, Amtsgericht, Geschäftsführer, "Gläubiger:") are skipped."""
    best: tuple[str, int] | None = None
    pos = 0
    for raw in text.splitlines(keepends=True):
        line = re.sub(r"^(?:(?:Ihre|Ihr|Your|Die|Der|Das|The) )+", "", _COPYRIGHT.sub("", raw.strip()))
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


#: A company-register line is no company name: "HRB 33871 HB" ("HB" is also a Swedish legal form).
_REGISTER_NAME = re.compile(r"(?:HR[AB]|FN|GnR|Amtsgericht|Registergericht|Handelsregister)\b")


def last_company(rx: re.Pattern[str], text: str) -> tuple[str, int] | None:
    """The last company name ``rx`` finds in ``text`` that is not the office itself or an
    addressee ("Sehr geehrte Damen und Herren der X GmbH"), with its position."""
    best: tuple[str, int] | None = None
    for m in rx.finditer(text):
        name = m.group("name").strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _OFFICE_RE.search(name) or _ADDRESSEE.search(line.strip()) or _REGISTER_NAME.match(name):
            continue
        name = re.sub(
            r"^(?:(?:Die|Der|Das|Ihre|Ihr|Unsere|The|An|Von|From|Mit|Bei|Im Auftrag der) )+",
            "",
            _COPYRIGHT.sub("", name),
        )
        if best is None or m.start() >= best[1]:
            best = (name, m.start())
    return best


def original_creditor(text: str) -> tuple[str, str] | None:
    """(name, evidence text) for an agent's principal: "im Auftrag unserer Mandantin X",
    "on behalf of our client, X", or A in "in Sachen A ./. B"."""
    pair = _parties(text)
    if pair:
        return pair[0], pair[2]
    for m in _ORIGINAL_RE.finditer(text):
        rest = text[m.end() : m.end() + 120].split("\n")[0]
        company = COMPANY_RE.match(rest) or NAMED_ORG_RE.match(rest)
        if company:
            name = company.group("name").strip()
            return name, text[m.start() : m.end() + company.end()]
    return None


@lru_cache(maxsize=256)  # pure; the safety layer's second readings ask again for the same texts
def client_name(text: str) -> tuple[str, str] | None:
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
    for idx, (rx, rx_comma, cue) in enumerate(zip(_CLIENT_RE, _CLIENT_COMMA_RE, _CLIENT_CUE_AT, strict=True)):
        starts = [m.start() for m in cue.finditer(text)]
        if not starts:
            continue
        for m in _finditer_at(rx_comma, text, starts):
            name = f"{m.group('first')} {m.group('last')}"
            hits.append((int(idx == generic), m.start(), name, text[m.start("last") : m.end("first")]))
        for m in _finditer_at(rx, text, starts):
            if re.match(r"\s(?:" + _LEGAL_FORM + r")(?![\w])", text[m.end("person") :]):
                continue
            hits.append((int(idx == generic), m.start(), m.group("person"), text[m.start() : m.end("person")]))
    hits.extend((1, m.start(), m.group("person"), m.group("person")) for m in _NAME_FIRST_RE.finditer(text))
    for _, _, name, ev in sorted(hits):
        words = name.split()
        if len(words) >= 2 and not any(w in _NOT_NAMES for w in words):
            return name, ev
    return None


#: A line that opens with the person and then their balance: "Juha Mäkinen, maksettava yhteensä
#: 1 245,80 €", "Kari Olsen – totalt å betale: kr 4 200,-", "Jana Weber: offener Saldo 312,00 €".
_NAME_FIRST_RE = re.compile(
    r"(?m)^"
    + _TITLE
    + _PERSON
    + r"\s*[,:–—-]\s*(?i:(?:der |die |the |het |le |la |il |el )?(?:maksettava|avoin|totalt|utestående|"
    r"skyldig|saldo|balance|restbeløb|restbelopp|total|offen\w*|forderung|openstaand|solde|importo|deuda|gæld|gjeld|skuld|velka|"
    r"amount|arrears|rückstand|noch offen|zu zahlen|att betala|at betale|å betale))"
)


def strip_span(text: str, original_span: str | None) -> str:
    """``text`` with ``original_span`` blanked out (spaces, same length), or ``text``."""
    return text.replace(original_span, " " * len(original_span)) if original_span else text


#: Words that make a name an organisation even without a legal form: public bodies,
#: insurers, funds and services, per language ("Stadt Auental – Stadtkasse",
#: "Beitragsservice Nord", "Assurances de l'Ouest", "Gemeente Zaanstad").
ORGANISATION_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        r"Stadt\w*",
        r"Gemeinde\w*",
        r"(?:Land)?[Kk]reis\w*",
        r"\w*[Kk]asse",
        r"\w*[Aa]mt",
        r"Jobcenter",
        r"\w*[Aa]gentur",
        r"\w*[Ss]ervice",
        r"\w*[Vv]ersicherung\w*",
        r"\w*[Ww]erke",
        r"Verband",
        r"Verlag",
        r"Klinik\w*",
        r"Universität",
        r"\w*[Vv]erwaltung",
        r"Immobilien\w*",
        r"Wohnungs\w*",
        r"Wohnbau\w*",
        r"Vermietung",
        r"\w*[Gg]enossenschaft",
        r"BKK",
        r"AOK",
        r"IKK",
        r"\w*[Kk]rankenkasse",
    ),
    "en": (
        r"Council",
        r"Borough",
        r"Agency",
        r"Services?",
        r"Insurance",
        r"Authority",
        r"Water",
        r"Energy",
        r"Telecom",
        r"Utilities",
        r"HMRC",
        r"Trust",
        r"Association",
        r"Revenue",
        r"Customs",
        r"Department",
        r"Ministry",
        r"Credit",
        r"Management",
        r"Recover(?:y|ies)",
        r"Collections?",
        r"Lending",
        r"Loans?",
        r"Finance",
        r"Housing",
        r"Lettings",
        r"Property",
    ),
    "nl": (
        r"Gemeente",
        r"Belastingdienst",
        r"Verzekering\w*",
        r"\w*[Vv]erzekeraar",
        r"CJIB",
        r"Waterschap",
        r"Woningcorporatie",
    ),
    "fr": (r"Assurances?", r"Mutuelle", r"Trésor", r"Caisse", r"Mairie", r"Services?", r"Office", r"Agence"),
    "it": (r"Comune", r"Agenzia", r"Assicurazion[ei]", r"Servizi", r"Cassa", r"Azienda"),
    "es": (r"Ayuntamiento", r"Agencia", r"Seguros", r"Servicios", r"Caja", r"Tesorería"),
    "nordic": (
        r"\w*[Kk]ommun\w*",
        r"\w*[Ff]örsäkring\w*",
        r"\w*[Ff]orsikring\w*",
        r"\w*[Vv]akuutus\w*",
        r"\w*kunta",
        r"Skatteverket",
        r"Skattestyrelsen",
        r"Skatteetaten",
        r"Verohallinto",
        r"\w*[Kk]asse[n]?",
    ),
}
_ORG_WORD_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(p for ps in ORGANISATION_WORDS.values() for p in ps) + r")(?![\w])"
)


def signed_organisation(from_name: str, texts: tuple[str, ...]) -> str | None:
    """The sender's display name when it names an organisation without a legal form
    (``ORGANISATION_WORDS``) and the letter is signed with it (a whole line of one of
    ``texts``, or that line after "Ihr/Your"); or a brand name ("Klarna") the letter is
    signed with as its team ("Klarna Customer Service"); else None. The office itself
    is never returned."""
    name = re.sub(r"\s+", " ", (from_name or "").strip(" \"'"))
    if not name or _OFFICE_RE.search(name) or "@" in name:
        return None
    lines = {re.sub(r"\s+", " ", line.strip()) for text in texts for line in text.splitlines()}
    if _signed_as_organisation(name, lines):
        return name
    team = any(line.startswith(name + " ") and _TEAM_RE.fullmatch(line[len(name) + 1 :]) for line in lines)
    return name if team else None


def _signed_as_organisation(name: str, lines: set[str]) -> bool:
    """Whether ``name`` holds an organisation word and the letter is signed with it (see
    ``_signed_with``, ``_signed_as_part``) or through an officer ("Im Auftrag")."""
    org = _ORG_WORD_RE.search(name)
    if org is None:
        return False
    if any(
        _signed_with(line, name, name[org.start() :]) or _signed_as_part(line, name, org.group(0)) for line in lines
    ):
        return True
    return bool(lines & _ON_BEHALF)  # "Im Auftrag / Kollmannsberger": a public office signs through its officer


#: A team or department a brand signs with ("Klarna Customer Service", "Zalando Kundenservice").
_TEAM_RE = re.compile(
    r"(?:customer |client )?(?:service|services|support|care|team|collections?)(?: team)?|"
    r"kundenservice|kundendienst|forderungsmanagement|inkasso(?:abteilung)?|team|klantenservice|"
    r"service client(?:s|èle)?|servizio clienti|atención al cliente|kundtjänst|kundeservice|asiakaspalvelu",
    re.IGNORECASE,
)


#: A public office's signature through an officer: "Im Auftrag", "i. A.".
_ON_BEHALF = frozenset({"Im Auftrag", "im Auftrag", "i. A.", "i.A.", "I. A.", "Im Auftrag:"})


def _signed_as_part(line: str, name: str, org_word: str) -> bool:
    """Whether a signature ``line`` is ``name`` followed by its department ("Jobcenter
    Bochum – Team Forderungen"), or "Ihr/Ihre/Your" with ``name`` or with its organisation
    word alone ("Ihre Familienkasse", "Ihre Nordwest BKK")."""
    if re.match(re.escape(name) + r"\s*(?:[–—|,]|-\s)", line):
        return True
    return bool(
        re.fullmatch(
            r"(?:Ihre?|Your|Uw|Votre|Il vostro|Su)\s+(?:" + re.escape(name) + "|" + re.escape(org_word) + ")", line
        )
    )


def _signed_with(line: str, name: str, from_org: str) -> bool:
    """Whether a signature ``line`` is the whole ``name``, or its part from the
    organisation word on after at most two words ("Ihr Finanzamt Bochum-Mitte",
    "Ihr Beitragsservice" for "ARD ZDF Deutschlandradio Beitragsservice")."""
    if line == name:
        return True
    last = name.split()[-1]
    tail = (
        from_org
        if line.endswith(" " + from_org)
        else (last if line.endswith(" " + last) and _ORG_WORD_RE.fullmatch(last) else "")
    )
    return bool(tail) and len(line[: -len(tail)].split()) <= 2


def without_genitive(name: str, context: str) -> str:
    """``name`` without a genitive ending ("Kari Olsens påstand" → "Kari Olsen", "Timo
    Laineen lasku" → "Timo Laine") when ``context`` names the person without it; else
    ``name`` unchanged."""
    for ending in _GENITIVE_ENDINGS:
        if name.endswith(ending) and len(name.split()[-1]) > len(ending) + 2:
            stem = name[: -len(ending)]
            if re.search(r"(?<![\w])" + re.escape(stem) + r"(?![\w'’])", context):
                return stem
    return name


#: Genitive endings of a surname: "Olsens" (sv/da/no/de), "Smith's" (en), "Laineen",
#: "Virtasen" (fi: the stem check against the letter decides).
_GENITIVE_ENDINGS = ("'s", "’s", "s", "en", "n")


#: One word of a person's name in a subject line ("O'Connor", "Petrović", "Schütte-Brandt").
_SUBJECT_WORD = r"[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ][^\W\d_]*(?:['’-][A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻa-z][^\W\d_]*)?"
_SUBJECT_PERSON = re.compile(
    r"(?:^|\s)(?P<person>"
    + _SUBJECT_WORD
    + r"(?: (?:van der|van den|van|von|de|da|di|del|der|zu))?(?: "
    + _SUBJECT_WORD
    + r"){1,2})$"
)
_SUBJECT_PREFIX = re.compile(
    r"^(?:(?:AW|WG|RE|Re|SV|Sv|R|RV|TR|Fwd?|FW|VS|VL|Antw|Doorst|Odp|Automatische Antwort|Automatisk svar|Automatic reply)\s?:\s*|\[[^\]]*\]\s*)+",
    re.IGNORECASE,
)
_SUBJECT_TOPIC = re.compile(
    r"(?i)\w*(?:forderung|rückstand|mahnung|konto|vertrag|sache|account|arrears|dossier|expediente|pratica|zaak|ärende|sak)\w*"
)
_SUBJECT_SPLIT = re.compile(r"\s[-–—/|]\s|:\s|,\s|\(|\)")


def subject_client_name(subject: str, context: str) -> tuple[str, str] | None:
    """(client name, evidence text) from a subject line that names the client as one of
    its parts: "AW: Forderung Karin Meyer", "RE: Liam O'Connor - account 4471",
    "Sv: KB-55002913 – Sebastian Wolters". A part counts when it ends in two or three
    capitalised words that are no organisation (legal form, organisation word, "Bank",
    "Inkasso" …) and the surname also stands in ``context`` (the reply, the quoted letter,
    the attachments: "Frau Kaya", "Mr O'Connor"), or when it is the only such part."""
    rest = _SUBJECT_PREFIX.sub("", (subject or "").strip())
    found: list[tuple[str, bool]] = []
    for part in _SUBJECT_SPLIT.split(rest):
        m = _SUBJECT_PERSON.search(part.strip())
        if not m:
            continue
        words = m.group("person").split()
        if len(words) == 3 and (words[0] in _NOT_NAMES or _SUBJECT_TOPIC.fullmatch(words[0])):
            words = words[1:]  # "Forderung Karin Maier", "Mietrückstand Karin Maier"
        person = " ".join(words)
        if any(w in _NOT_NAMES or w.isupper() for w in words) or _is_organisation(person):
            continue
        surname = re.escape(words[-1])
        found.append((person, bool(re.search(r"(?<![\w])" + surname + r"(?![\w])", context))))
    corroborated = [p for p, ok in found if ok]
    if corroborated:
        return corroborated[0], corroborated[0]
    return (found[0][0], found[0][0]) if len(found) == 1 else None


def _is_organisation(name: str) -> bool:
    return bool(
        COMPANY_RE.search(name + " GmbH")
        and _LINE_COMPANY_RE.search(name)
        or NAMED_ORG_RE.search(name)
        or _ORG_WORD_RE.search(name)
        or re.search(
            r"(?i)\b(?:bank|inkasso|mobile|energie|energy|telecom|versand|kredit|finanz|gmbh|ltd|zorg)\b", name
        )
    )
