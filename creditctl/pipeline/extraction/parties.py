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
from datetime import date
from functools import lru_cache

from creditctl.pipeline.scan import (
    GatedAlternation,
    LiteralStarts,
    Needs,
    compile_prefiltered,
    has_word,
    prefiltered,
    word_starts,
)

__all__ = [
    "COMPANY_RE",
    "in_given_name_order",
    "officer_named",
    "LEGAL_FORMS",
    "NAMED_ORG_RE",
    "client_name",
    "company_line",
    "companies_in",
    "date_of_birth",
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
        r"e\. ?K\.",
        r"e\. ?Kfm\.",
        r"e\. ?Kfr\.",
        "eGen",
        r"Ges\.?m\.?b\.?H\.?",
        "GesmbH",
        "KöR",
        "AöR",
        "Genossenschaft",
    ),
    "en": (r"Ltd(?:\.(?=[,;)]))?", "Limited", "plc", "PLC", "LLC", "LLP", r"Inc\.", "DAC", "CLG"),
    # Belgian bilingual forms first: "Belnet Telecom SA/NV", "BVBA/SPRL", "SRL/BV"
    "nl": (
        "SA/NV",
        "NV/SA",
        "BVBA/SPRL",
        "SPRL/BVBA",
        "SRL/BV",
        "BV/SRL",
        r"B\.V\.",
        r"B\.V",
        "BV",
        r"N\.V\.",
        "NV",
        "BVBA",
        "CVBA",
        "VOF",
    ),
    "fr": (r"S\.A\.S\.", "SAS", "SASU", "SARL", r"S\.à r\.l\.", "SRL", "SPRL", r"S\.A\.", "SA", "SNC"),
    "it": (r"S\.p\.A\.", "SpA", r"S\.r\.l\.", "Srl", "S.n.c."),
    "es": (r"S\.L\.U\.", r"S\.L\.", "SL", "SLU", r"S\.A\.U\.", "Lda", r"Lda\.", "Ltda"),
    # Polish, Czech and Slovak forms: "Lingua Sp. z o.o.", "Autoškola Rychlík s.r.o.", "Mobil Bohemia a.s."
    "pl_cz": (
        r"[Ss]p\. ?z ?o\. ?o\.",
        r"[Ss]p\. ?k\.",
        r"[Ss]p\. ?j\.",
        r"spol\. s ?r\. ?o\.",
        r"s\. ?r\. ?o\.",
        r"a\. ?s\.",
        r"k\. ?s\.",
        r"v\. ?o\. ?s\.",
    ),
    "nordic": ("AB", "A/S", "ASA", "AS", "ApS", "Oyj", "Oy", "HB", "KB"),
    # Hungarian ("Magyar Telekom Nyrt.", "Provident Pénzügyi Zrt.", "E.ON Energiakereskedelmi Kft."),
    # Romanian ("Imobiliara Carpați S.R.L."), Croatian and Slovene ("Hrvatski Telekom d.d.", "NLB d.d.";
    # not the Dutch "d.d." before a date, "brief d.d. 12-11-2026"), Baltic ("UAB Gelvora", "Telia Lietuva, AB"),
    # Bulgarian ("Виваком България ЕАД", "Профи Кредит България ЕООД"), Greek ("Eurobank … Α.Ε.",
    # "Cosmote … Μ.Α.Ε.") and Turkish ("Turkcell İletişim Hizmetleri A.Ş.", "… Ltd. Şti.") forms
    "cee": (
        r"Nyrt\.",
        r"Zrt\.",
        r"Kft\.",
        r"Bt\.",
        r"S\.R\.L\.",
        r"d\.d\.(?!\s?\d)",
        r"d\.o\.o\.",
        "UAB",
        "SIA",
        "OÜ",
        "ЕООД",
        "ЕАД",
        "ООД",
        "АД",
        r"Μ\.Α\.Ε\.",
        r"Α\.Ε\.",
        r"Ε\.Π\.Ε\.",
        r"Ι\.Κ\.Ε\.",
        r"A\.Ş\.",
        r"Ltd\. ?Şti\.",
    ),
}
#: Legal forms written after a comma in their countries: "Home Credit Slovakia, a.s.", "Telia Lietuva, AB".
#: "AB" and "UAB" only at the end of the name's line or before punctuation ("Telia Lietuva, AB"): a Swedish
#: "AB" opens a name ("Hej Anna, AB Svensk Inkasso …").
_COMMA_FORMS = (
    r"a\. ?s\.",
    r"s\. ?r\. ?o\.",
    r"spol\. s ?r\. ?o\.",
    r"U?AB(?=[ \t]*(?:$|\n|\r|[.,;)|]))",
    r"d\.d\.(?!\s?\d)",
    r"d\.o\.o\.",
)
_LEGAL_FORM = "|".join(sorted((f for forms in LEGAL_FORMS.values() for f in forms), key=len, reverse=True))
#: Capitals of the Latin Extended-A block (Czech, Polish, Hungarian, Romanian, Baltic, Turkish: "Škoda",
#: "Łódź", "İletişim"), Greek and Cyrillic: a company's name words may open with them.
_MORE_CAPITALS = "ĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽȘȚΆΈΉΊΌΎΏΑ-ΩЀ-Я"
_CAP_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9" + _MORE_CAPITALS + r"][\w&.'’\-]*|&|\([A-ZÀ-ÖØ-Þ][\w.\-]*\))"  # "Swisscom (Schweiz) AG"
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
    "και",  # Greek "and": "Eurobank Ergasias Υπηρεσιών και Συμμετοχών Α.Ε."
    # a bank written in lower case after its place: "Zagrebačka banka d.d.", "Nova Ljubljanska banka d.d.",
    # "Banca Comercială Română" keeps its capitals
    "banka",
    "banca",
)
_NAME_WORD = r"(?:" + _CAP_WORD + r"|" + "|".join(_NAME_PARTICLES) + r")"
COMPANY_RE = re.compile(
    r"(?<![\w])(?P<name>"
    + _CAP_WORD
    + r"(?: "
    + _NAME_WORD
    + r"){0,5}?(?: (?:"
    + _LEGAL_FORM
    + r")|, (?:"
    + "|".join(_COMMA_FORMS)
    + r")))(?![\w])"
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

#: The balance words that open the "saldo/amount/account … for/of <name>" cue, in every language of the
#: table: both the cue's gate (``_CLIENT_CUE_NEEDS``) and its opening words (``_CLIENT_CUE_OPENS``) name them.
_BALANCE_CUE_WORDS = (
    "saldo",
    "beløp",
    "belopp",
    "beløb",
    "restbeløb",
    "restbelopp",
    "skuld",
    "gæld",
    "gjeld",
    "balance",
    "amount",
    "arrears",
    "debt",
    "to pay",
    "account",
    "betala",
    "betale",
    "sammanställning",
    "sammenstilling",
    "översikt",
    "oversikt",
    "oversigt",
    "opgørelse",
)

_UP = r"[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"
_LO = r"[^\W\d_A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]"  # any lower-case letter: ä, ß, ć, é, ł …
#: A name word: "Meyer", "Müller-Lüdenscheidt", and the forms with an inner capital —
#: "O'Connor", "D’Amico" (an apostrophe after one letter), "McDonald", "MacLeod".
_WORD = (
    _UP
    + r"(?:['’]"
    + _UP
    + r")?"
    + _LO
    + r"+(?:(?<=Mc)"
    + _UP
    + _LO
    + r"+|(?<=Mac)"
    + _UP
    + _LO
    + r"+)?(?:-"
    + _UP
    + _LO
    + r"+)?"
)
#: Capitalised pronouns that follow a name in formal letters ("Matteo Ricci Vi comunichiamo").
_PRONOUN = r"(?!(?:Vi|Ci|Si|Sie|Ihnen|Wir|We|You|Nous|Vous|Wij|Ud|Uds|Folgendes|Folgende|Nachstehendes)\b)"
#: Initials before a surname: "K. Schulz", "L. H. Sjöberg", "J.-P. Lambert", "G O'Connell".
_INITIALS = r"(?:" + _UP + r"\.?(?:-" + _UP + r"\.)? ){1,2}"
#: Belgian, Italian and some Dutch names write the particle capitalised: "Sophie Van den Berghe", "Anna De Luca".
_PARTICLE = r"(?:[vV]on der|[vV]an der|[vV]an den|[vV]an de|[dD]e la|[vV]on|[vV]an|[dD]e|zu|[dD]i|[dD]a|[dD]el)"
#: A surname in capitals after the given name, as French and registry letters write it
#: ("Madame Emine ÖZTÜRK"): three capitals or more, never a legal form's two ("AG", "SA").
_CAPS_SURNAME = _UP + r"{3,}(?:-" + _UP + r"{2,})?(?![\w])"
_PERSON = (
    r"(?P<person>"
    + _WORD
    + r"(?: "
    + _PARTICLE
    + r")?(?: "
    + _PRONOUN
    # an Arabic article joined to the surname: "Muhammad al-Haddad", "Amr el-Sayed"
    + r"(?:[ae]l-)?"
    + _WORD
    + r"){1,2}|"
    + _WORD
    + r" "
    + _CAPS_SURNAME
    + r"|"
    + _INITIALS
    + r"(?:"
    + _PARTICLE
    + r" )?"
    + _WORD
    + r")"
)
#: "Last, First", or a surname in capitals before the first name ("LAMBERT Jean-Pierre",
#: "MARCHAND, Claire"), as registers and French and Belgian letters write it.
_CAPS_WORD = _UP + r"(?:['’]" + _UP + r")?" + _UP + r"+(?:-" + _UP + r"{2,})?"
#: Registers and collection software also write the whole name in capitals ("Schuldner:
#: MUELLER, KLAUS PETER"), and a given name as an initial ("Müller, K.", "Müller, K.-P.").
_PERSON_COMMA = (
    r"(?P<last>"
    + _WORD
    + r"(?=, )|"
    + _CAPS_WORD
    + r"(?=,? "
    + _UP
    + r"[^\W\d_]*[a-zà-öø-ÿ])|"
    + _CAPS_WORD
    + r"(?=, "
    + _UP
    + r"{2}))"
    r",? (?P<first>" + _WORD + r"|" + _UP + r"{2,}(?:[ -]" + _UP + r"{2,})?|" + _UP + r"\.(?:-" + _UP + r"\.)?)"
    r"(?![\w])"
)
_TITLE = (
    r"(?:(?:Herr(?:n)?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|de heer|mevrouw|dhr\.|mw\.|M\.|Mme|Mlle|Monsieur|Madame"
    r"|Sig\.(?:ra)?|Signor[a]?|Sr\.|Sra\.|D\.|Dña\.|Don|Doña|hr\.|fru|mevr\.|Mevr\.|Dhr\.|Mevrouw|De heer|Pan[a]?|Pani) )?"
    r"(?:(?:Dr|Prof|Mag|Ing|Dipl\.-Ing|DI)\.? )*"
)
_CLIENT_CUES = (
    r"(?:Ihr(?:e|er|es|em|en)?|Ihrem|Ihres) (?:Mandant(?:in|en)?|Klient(?:in|en)?) ?,? ?",
    # a labelled field, per language: "Schuldner:", "Debtor:", "Naam:", "Nom :", "Nome:", "Nombre:", "Namn:", "Nimi:"
    (
        r"(?:Schuldner(?:in)?|Abgabenschuldner(?:in)?|Beitragsschuldner(?:in)?|Steuerpflichtige[r]?|Kontoinhaber(?:in)?|Mieter(?:in)?|"
        r"Versicherte[r]?|Account holder|Policy ?holder|Tenant|Verzekerde|Titulaire|Intestatario|Titular|Kontohavare|Kontohaver|"
        r"Kunde|Kundin|Kundenname|Debtor|Customer(?: name)?|Client(?: name)?|Mandant(?:in)?|Name|Naam|Debiteur|"
        # who owes in other relations: employer accounts (AT "Dienstgeber"), patients, members, borrowers, tenants
        r"Dienstgeber(?:in)?|Arbeitgeber(?:in)?|Beitragszahler(?:in)?|Zahlungspflichtige[r]?|Gebührenschuldner(?:in)?|"
        r"Abgabepflichtige[r]?|Patient(?:in)?|Versicherungsnehmer(?:in)?|Mitglied|Vertragspartner(?:in)?|Darlehensnehmer(?:in)?|"
        r"Borrower|Member|Patient|Bill payer|Klantnaam|Verzekeringnemer|Huurder|Assurée?|Locataire|Emprunteur|"
        r"Assicurat[oa]|Conduttore|Asegurad[oa]|Arrendatari[oa]|Prestatari[oa]|Låntagare|Låntager|Forsikringstager|"
        r"Nom|Débiteur|Débitrice|Nome|Debitore|Nombre|Deudor|Namn|Navn|Nimi|Gäldenär|Skyldner|Velallinen|Klant|Cliente|Kund|Schuldenaar|Intestatari[oa]|"
        # small creditors: a vet's pet owner, a school's pupil or a child's parent ("Mutter: Aylin Karaca")
        r"Tierhalter(?:in)?|Pet owner|Fahrschüler(?:in)?|Schüler(?:in)?|Leerling|Student(?:in)?|Mutter|Vater|"
        r"Erziehungsberechtigte[r]?|Parent|Guardian|Cursist|Propriétaire|Eigenaar)"
        # "Schuldner/in", "Débiteur / Schuldenaar :" (bilingual), columns aligned with spaces after the colon
        r"(?:/in|\(in\))?(?: / [A-Z][a-zé]+)? ?(?::|\|)[ \t]*"
    ),
    r"(?:your (?:client|customer)|our customer)(?:,)? ",  # "our client" is an agent's principal
    # "unserer Kundin Aylin Kaya", "unseres Mitglieds Jan Roth", "unserem Mieter Karl Hahn"
    (
        r"(?:[Uu]nser(?:e[rnms]?)?|für (?:den|die)) (?:gemeinsamen? )?(?:Kundin|Kunden|Kunde|Mieterin|Mieters?|Mitglied(?:e?s)?|Versicherten|Versicherte[r]?|"
        r"Patientin|Patienten|Darlehensnehmer(?:in|s)?) ?,? ?"
    ),
    # nl, fr, it, es, sv/da/no, fi: "uw cliënt", "votre cliente", "vostro assistito", "su cliente", "er klient", "Deres klient"
    (
        r"(?i:uw (?:cliënte?|client(?:e)?|klant)|(?:votre|notre) client(?:e)?|(?:il |la |al |alla )?(?:vostr[oa]|vs\.) (?:cliente|assistit[oa])"
        r"|su (?:cliente|representad[oa])|(?:er|din|deres|jeres) (?:klient|kund|kunde)|asiakka\w*nne|päämieh\w*nne),? "
    ),
    r"[Ii]n (?:Sachen|der Sache|der Angelegenheit) ",
    # "betreffend Frau …", "inzake dhr. …", "regarding Mr …": a person right after "concerning"
    r"(?:[Bb]etreffend|[Bb]ezüglich|[Ii]nzake|[Cc]oncernant|[Rr]egarding|[Cc]oncerning|[Aa]ngående|[Vv]edrørende|[Rr]iguardante) ",
    # the office's own letter, quoted below the reply: "wir vertreten Frau X", "we act for Mr X", "vi företräder X"
    (
        r"(?i:wir vertreten|we (?:act for|represent)|wij vertegenwoordigen|nous représentons|rappresentiamo|representamos a|"
        r"vi företräder|vi repræsenterer|vi representerer|edustamme) "
    ),
    r"(?i:with the name|by the name of|mit (?:dem )?Namen|met de naam|du nom de|con (?:il )?nome|con (?:el )?nombre|med namnet|med navnet|med navn) ",
    r"(?:(?:Forderung|Forderungssache|Angelegenheit) (?:gegen|\./\.) |(?i:(?:ärendet|ärende|saken|sagen|kravet|fordringen) (?:mot|mod) ))",
    # a balance word, then whose it is: "Utestående saldo för Björn Lindqvist", "Restbeløb for Mette Jensen",
    # "the balance to pay for Owen Price", "getting in touch about Chloe Bennett"
    (
        r"(?i:(?:saldo|beløp|belopp|beløb|restbeløb|restbelopp|skuld|gæld|gjeld|balance|amount|arrears|debt|"
        r"to pay|account|betala|betale|sammanställning|sammenstilling|översikt|oversikt|oversigt|opgørelse)(?:en|et|n)? (?:for|för|of) |(?:in touch|writing|contact(?:ing)? us|(?:your )?(?:message|e-?mail|enquiry|inquiry|letter|request)) "
        r"(?:about|regarding|concerning) )"
    ),
    (
        r"(?<!geehrte )(?<!geehrter )(?<!Dear )(?<!Liebe )(?<!Lieber )(?<!Hallo )(?<!Geachte )(?<!Beste )(?<!Chère )(?<!Cher )"
        r"(?<!Gentile )(?<!Egregio )(?<!Estimado )(?<!Estimada )(?<!Kære )(?<!Hej )(?<!Bonjour )"
        r"\b(?=(?:Herrn?|Frau|Hr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.|de heer|mevrouw|mevr\.|mw\.|dhr\.|Madame|Monsieur|Mme|M\.|Sig\.(?:ra)?|Signora|Sr\.|Sra\.|Dña\.|D\.) "
        # a first name or initials ("Mr G O'Connell", "dhr. H. van den Berg"), then the surname
        r"(?:Dr\. )?[A-ZÀ-ÖØ-Þ](?:\w+|\.?(?= )|\.(?=-))(?:-[A-Z]\.)? (?:(?:de|van|von|del|di|da|van der|van den|[ae]l-) ?)?[A-ZÀ-ÖØ-Þ])"
    ),
)
_CLIENT_RE = [re.compile(cue + _TITLE + _PERSON + r"(?![\w])") for cue in _CLIENT_CUES]
_CLIENT_COMMA_RE = [re.compile(cue + _TITLE + _PERSON_COMMA) for cue in _CLIENT_CUES]
#: Where each cue matches (zero-width: every start, overlapping or not). Both patterns of
#: a cue start with it, so they are only tried there (``_finditer_at``): the cue, the
#: costly part (case-insensitive alternations tried at every position), is scanned once,
#: and only where one of its opening literals occurs (``_CLIENT_CUE_OPENS``); the zero-width
#: scans below (``_CLIENT_CUE_AT``) are for a text whose fold moves offsets (``scan.aligned_fold``).
#: Every character each cue of ``_CLIENT_CUES`` can start with, in its order (class bodies,
#: ``scan.prefiltered``): a cue added there adds its first letters here (a count that differs
#: fails at import; tests/unit/test_scan_prefilter.py compares each cue with its plain pattern).
#: A cue whose every match starts with an upper-case letter as written (the labelled fields,
#: the courtesy titles) declares them in that case and is tested case-sensitively: a text's
#: lower-case letters, most of it, then fail at one class test.
_CLIENT_CUE_FIRSTS = (
    "i",
    "A-IK-NPSTVZ",
    "oy",
    "fu",
    "adeijlnpsuv",
    "i",
    "abcirv",
    "enrvw",
    "bcdmw",
    "afksä",
    "a-egilmorstwyö",
    "DFHMSdm",
)
_CLIENT_CUE_CASED = frozenset({1, 11})
#: The case-insensitive cues whose first letters are most of the alphabet declare, as
#: ``scan.GatedAlternation`` branches do, literals every match contains (groups, lower case,
#: compared after ``scan.fold``): a text without them is not scanned for that cue at all. The
#: empty tuple: scanned on every text. tests/unit/test_scan_shortcuts.py checks each literal
#: group against every match of its cue and the gated scans against the plain ones.
_CLIENT_CUE_NEEDS: tuple[Needs, ...] = (
    (),
    (),
    (),
    (),
    (("clië", "client", "klant", "klient", "kund", "assistit", "representad", "asiakka", "päämieh"),),
    (),
    (),
    (
        (
            "vertreten",
            "act for",
            "represent",
            "vertegenwoordigen",
            "représentons",
            "rappresentiamo",
            "företräder",
            "repræsenterer",
            "edustamme",
        ),
    ),
    (("name", "naam", "nom", "namn", "navn"),),
    (),
    (
        ("of ", "for ", "för ", "about ", "regarding ", "concerning "),
        (
            *_BALANCE_CUE_WORDS,
            "in touch",
            "writing",
            "contact",
            "message",
            "mail",
            "enquiry",
            "inquiry",
            "letter",
            "request",
        ),
    ),
    (),
)


def _cue_scan(cue: str, idx: int) -> re.Pattern[str] | GatedAlternation:
    """The zero-width scan for cue ``idx``: prefiltered, and gated on its literals when it
    declares them."""
    first, needs = _CLIENT_CUE_FIRSTS[idx], _CLIENT_CUE_NEEDS[idx]
    if needs:
        return GatedAlternation([("(?=" + cue + ")", needs, first)])
    return prefiltered(re.compile("(?=" + cue + ")"), first, case_sensitive=idx in _CLIENT_CUE_CASED)


_CLIENT_CUE_AT = [_cue_scan(cue, idx) for idx, cue in enumerate(_CLIENT_CUES)]  # pipeline/scan.py
#: The literals every match of each cue of ``_CLIENT_CUES`` opens with, in its order (lower
#: case, compared after ``scan.fold``; a prefix of each alternative is enough): the cue is tried
#: only where one occurs (``scan.LiteralStarts``), found in one pass per text. A word added to a
#: cue adds its opening here; tests/unit/test_scan_starts.py compares each cue's starts with
#: the plain zero-width scan over every labelled and tuning email and each alternative.
_CLIENT_CUE_OPENS: tuple[tuple[str, ...], ...] = (
    ("ihr",),
    (
        "schuldner",
        "abgabenschuldner",
        "beitragsschuldner",
        "steuerpflichtige",
        "kontoinhaber",
        "mieter",
        "versicherte",
        "account holder",
        "policy",
        "tenant",
        "verzekerde",
        "titulaire",
        "intestatari",
        "titular",
        "kontohav",
        "kund",
        "debtor",
        "customer",
        "client",
        "mandant",
        "name",
        "naam",
        "debiteur",
        "dienstgeber",
        "arbeitgeber",
        "beitragszahler",
        "zahlungspflichtige",
        "gebührenschuldner",
        "abgabepflichtige",
        "patient",
        "versicherungsnehmer",
        "mitglied",
        "vertragspartner",
        "darlehensnehmer",
        "borrower",
        "member",
        "bill payer",
        "klant",
        "verzekeringnemer",
        "huurder",
        "assur",
        "locataire",
        "emprunteur",
        "assicurat",
        "conduttore",
        "asegurad",
        "arrendatari",
        "prestatari",
        "låntag",
        "forsikringstager",
        "nom",
        "débit",
        "debitore",
        "deudor",
        "namn",
        "navn",
        "nimi",
        "gäldenär",
        "skyldner",
        "velallinen",
        "schuldenaar",
        "tierhalter",
        "pet owner",
        "fahrschüler",
        "schüler",
        "leerling",
        "student",
        "mutter",
        "vater",
        "erziehungsberechtigte",
        "parent",
        "guardian",
        "cursist",
        "propriétaire",
        "eigenaar",
    ),
    ("your ", "our customer"),
    ("unser", "für den ", "für die "),
    (
        "uw ",
        "votre ",
        "notre ",
        "il ",
        "la ",
        "al",
        "vostr",
        "vs. ",
        "su ",
        "er ",
        "din ",
        "deres ",
        "jeres ",
        "asiakka",
        "päämieh",
    ),
    ("in sachen ", "in der sache ", "in der angelegenheit "),
    (
        "betreffend ",
        "bezüglich ",
        "inzake ",
        "concernant ",
        "regarding ",
        "concerning ",
        "angående ",
        "vedrørende ",
        "riguardante ",
    ),
    (
        "wir vertreten ",
        "we act for ",
        "we represent ",
        "wij vertegenwoordigen ",
        "nous représentons ",
        "rappresentiamo ",
        "representamos a ",
        "vi företräder ",
        "vi repræsenterer ",
        "vi representerer ",
        "edustamme ",
    ),
    ("with the name ", "by the name of ", "mit ", "met de naam ", "du nom de ", "con ", "med na"),
    ("forderung", "angelegenheit ", "ärende", "saken ", "sagen ", "kravet ", "fordringen "),
    (
        *_BALANCE_CUE_WORDS,
        "in touch ",
        "writing ",
        "contact",
        "your ",
        "message ",
        "e-mail ",
        "email ",
        "enquiry ",
        "inquiry ",
        "letter ",
        "request ",
    ),
    (
        "herr",
        "frau ",
        "hr. ",
        "mr",
        "ms",
        "miss ",
        "dr. ",
        "de heer ",
        "mevrouw ",
        "mevr. ",
        "mw. ",
        "dhr. ",
        "madame ",
        "monsieur ",
        "mme ",
        "m. ",
        "sig.",
        "signora ",
        "sr. ",
        "sra. ",
        "dña. ",
        "d. ",
    ),
)
_CLIENT_CUE_STARTS = [
    LiteralStarts(re.compile(cue), opens, scan.finditer)
    for cue, opens, scan in zip(_CLIENT_CUES, _CLIENT_CUE_OPENS, _CLIENT_CUE_AT, strict=True)
]
if len(_CLIENT_CUE_FIRSTS) != len(_CLIENT_CUES) or len(_CLIENT_CUE_NEEDS) != len(_CLIENT_CUES):
    raise ValueError("each client cue declares its first characters and its literals")


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
    # courtesy titles that read as capitalised words: "Mme Marchand", "Mrs O'Rourke", "Sig Bianchi"
    "Mme",
    "Mlle",
    "Mrs",
    "Ms",
    "Mr",
    "Madame",
    "Monsieur",
    "Mevrouw",
    "Signora",
    "Signor",
    "Pan",
    "Pani",
    "Pana",
    "Ing",
    "Mag",
    "Prof",
    "Dr",
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
    # greetings and closings: "Guten Tag,", "Grüezi Frau …", "Good morning", "Freundliche Grüße"
    "Guten",
    "Tag",
    "Morgen",
    "Abend",
    "Hallo",
    "Liebe",
    "Lieber",
    "Grüezi",
    "Servus",
    "Moin",
    "Hello",
    "Good",
    "Morning",
    "Afternoon",
    "Geachte",
    "Beste",
    "Goedemiddag",
    "Goedemorgen",
    "Bonjour",
    "Buongiorno",
    "Gentile",
    "Egregio",
    "Estimado",
    "Estimada",
    "Hola",
    "Buenos",
    "Hej",
    "Hei",
    "Kære",
    "Bästa",
    "Hyvä",
    "Freundliche",
    "Viele",
    "Kind",
    "Best",
    "Regards",
    # departments signing a letter: "Ufficio Recupero Crediti", "Team Forderungen", "Servicio de Cobros"
    "Ufficio",
    "Abteilung",
    "Team",
    "Department",
    "Servicio",
    "Service",
    "Afdeling",
    "Avdelning",
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
_PARTIES_RE = prefiltered(
    re.compile(
        r"(?:\b[Ii]n\s(?:Sachen|der\s(?:Sache|Angelegenheit|Forderungssache|Rechtssache))|\b(?:Angelegenheit|Sache|Betreff|Betrifft)\s?:)\s+"
        r"(?:(?:unserer|unseres)\s(?:Mandantin|Mandanten|Auftraggeberin|Auftraggebers),?\s)?(?:der\s|des\s)?"
        r"(?P<creditor>"
        + _UP
        + r"[^\n]{1,80}?)\s*(?:\./\.?|\bgegen\b|\bvs?\.|\bversus\b)\s*"
        + _TITLE
        + _PERSON
        + r"(?![\w])"
    ),
    "abis",  # "in Sachen", "Angelegenheit:", "Sache:", "Betreff:" (pipeline/scan.py)
)
# behind its declared first characters ("In", "in", "Angelegenheit", "Sache", "Betreff"), once: the same
# matches, fewer positions tried (pipeline/scan.py); an opening word added above adds its letter here
_SIGNATURE_SKIP = re.compile(
    # "Tel" and "Fax" as words: "Tel. 030 …", "Telefon:", never "Telekom Slovenije d.o.o.", "Telia Lietuva, AB"
    r"^(?:Sitz|Amtsgericht|Registergericht|Geschäftsführ|Vorstand|HRB|USt|Tel(?:efon\w*|efax)?(?![^\W\d_])|Fax(?![^\W\d_])|"
    r"IBAN|BIC|Mit freundlichen|Kind regards|"
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


#: Where a signature line splits into fields: "Rechtsanwälte Dr. Haller & Partner mbB |
#: Königsallee 61 | 40212 Düsseldorf", "Zahlwerk Pay GmbH · Kundenservice".
_SIGNATURE_FIELDS = re.compile(r"\s+[|·•]\s+|\t+")


def _line_fields(raw: str) -> list[tuple[str, int]]:
    """The line itself, or its fields when it is a signature line of several, with offsets."""
    parts: list[tuple[str, int]] = []
    at = 0
    for m in _SIGNATURE_FIELDS.finditer(raw):
        parts.append((raw[at : m.start()], at))
        at = m.end()
    parts.append((raw[at:], at))
    return parts


#: What a signer writes before the firm's name on the same line: a closing ("Mvh Kronvall
#: Inkasso AB", "MfG"), an honorary role ("Kassenwart TSV Grünwiese 1898 e.V.", "Treasurer").
_SIGNER_PREFIX = re.compile(
    r"^(?:(?:Mvh|MVH|Mfg|MfG|Mfvg|Mvg|Vh|Lg|LG|VG|Vg|Gruß|Grüße|Cheers|Thanks|Bien à vous|Cordialement|Saluti|"
    r"Kassenwart(?:in)?|Kassierer(?:in)?|Schatzmeister(?:in)?|Schriftführer(?:in)?|Inhaber(?:in)?|Treasurer|"
    r"(?:\d\. )?Vorsitzende[r]?|Chairman|Chairwoman|Chair|Président(?:e)?|Voorzitter|Ordförande|Formann|"
    r"Trésorière|Trésorier|Penningmeester|Kassör|Kasserer|Kasserar|Tesoriere|Tesorero|Tesorera)[,:]?\s+)+"
)
#: "Mette Holm, Dansk Inkasso Service ApS", "M. Thiessen, Nordlicht Inkasso GmbH": the signer's
#: own name before a comma is no part of the firm's (one word alone may be a partner's: "Hahn, Kolb & Partner").
_SIGNER_COMMA = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]\.|[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ][^\W\d_]+)?)"
    r"(?: (?:[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ]\.|[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ][^\W\d_]+(?:-[A-ZÀ-ÖØ-ÞČĆŠŽŁŚŹŻ][^\W\d_]+)?)){1,2}, (?=\S+ \S)"
)


#: A team signing before its firm: "Customer Resolution Team, Kestrel Credit Management Ltd".
_TEAM_COMMA = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][\w&-]* ){0,3}(?:Team|Department|Dept\.|Abteilung|Desk|Unit|Support|Services?)"
    r"(?: [A-ZÀ-ÖØ-Þ][\w-]*){0,2}, (?=\S+ \S)"
)


def _without_signer(line: str) -> str:
    """``line`` without a signer's closing, role, team or own name before the firm's name."""
    line = _TEAM_COMMA.sub("", _SIGNER_PREFIX.sub("", line))
    m = _SIGNER_COMMA.match(line)
    rest = line[m.end() :] if m else ""
    if m and not _LINE_COMPANY_RE.search(m.group(0).rstrip(", ")) and len(_LINE_COMPANY_RE.sub("", rest).split()) > 1:
        line = rest
    return line


def _company_name_line(raw: str) -> str | None:
    """``raw`` (one line or one field of it) when it is a company's name ending in a legal form."""
    line = re.sub(r"^(?:(?:Ihre|Ihr|Your|Die|Der|Das|The) )+", "", _COPYRIGHT.sub("", raw.strip()))
    line = _without_signer(line)
    words = line.split()
    if not (1 < len(words) <= 9) or not _LINE_COMPANY_RE.search(line) or _SIGNATURE_SKIP.search(line):
        return None
    if _OFFICE_RE.search(line) or words[0].lower() in _FUNCTION_WORDS:
        return None  # "im Auftrag der X GmbH", "für die X AG": a phrase, not a name
    head = _LINE_COMPANY_RE.sub("", line).split()  # a form of several words: "Lingua Sp. z o.o."
    inner = [w for w in head[1:] if w not in _PARTICLES]
    if any(not w[0].isupper() and not w[0].isdigit() and w not in ("mbH", "mbB") for w in inner):
        return None  # a sentence that happens to end in a legal form
    return line


def company_line(text: str) -> tuple[str, int] | None:
    """The last whole line (or field of a "Name | Street | City" signature line) that names
    a company by ending in a legal form ("infoscore Forderungsmanagement GmbH", "Allianz
    Versicherungs-AG", "Creditreform Hamburg von der Decken KG"), as in a signature block,
    with its position; sentences and register lines (Sitz, Amtsgericht, Geschäftsführer,
    "Gläubiger:") are skipped."""
    best: tuple[str, int] | None = None
    pos = 0
    for raw in text.splitlines(keepends=True):
        for field, offset in _line_fields(raw.rstrip("\r\n")):
            name = _company_name_line(field)
            if name:
                best = (name, pos + offset)
        pos += len(raw)
    return best


#: A company-register line is no company name: "HRB 33871 HB" ("HB" is also a Swedish legal form).
#: "Partnerschaftsregister AG Essen", "Genossenschaftsregister AG Gelsenkirchen": AG there is the Amtsgericht.
_REGISTER_NAME = re.compile(r"(?:HR[AB]|FN|GnR|PR|VR|Amtsgericht|Registergericht|\w*[Rr]egister|Firmenbuch\w*)\b")


#: The end of the sentence before a name on a flattened line: "… nicht auf diese E-Mail. Funkwelle
#: Mobil GmbH, Kaistraße 8" (a word of four letters or more, not an abbreviation: "Gebr.", "Prof.").
_SENTENCE_BEFORE = re.compile(r"^.*(?<![\w])(?!Gebr\.|Prof\.|Bros\.)[\w-]*[^\W\d_]{4}\. (?=[A-ZÀ-ÖØ-Þ])")


def _addressed(before: str, line: str) -> bool:
    """Whether the name stands in the salutation ("Sehr geehrte Damen und Herren der X
    GmbH"): the line opens with one and no sentence ends between it and the name (an HTML
    mail flattened to one line opens with "Hallo," and names its sender much later)."""
    return bool(_ADDRESSEE.search(line.strip())) and not re.search(r"[.!?]\s", before)


#: Words before a company's name that are no part of it: an article, a preposition, a
#: department, and the brand's owner ("Sonnenhof Immobilien – eine Marke der Hausverwaltung
#: Sonnenhof GmbH").
_LEADING_NOT_NAME = (
    r"^(?:(?:Die|Der|Das|Ihre|Ihr|Unsere|The|An|Von|From|Mit|Bei|Im Auftrag der"
    r"|(?:Marke|Vertriebsmarke|Geschäftsbereich|Sparte|Tochter(?:gesellschaft|unternehmen)?|Division) (?:der|des|von)"
    # a department signing before its firm: "Kundenservice Stadtwerke Rheinaue GmbH"
    r"|Kundenservice|Kundendienst|Customer Service|Klantenservice) )+"
)


def bare_company(name: str) -> str | None:
    """A company name as ``last_company`` cleans it (no copyright year, no leading article or
    sentence end, no salutation's firm), or None when it is no name: a register line, the
    office, a postcode before a legal form ("3811 AB")."""
    if _OFFICE_RE.search(name) or _REGISTER_NAME.match(name):
        return None
    name = re.sub(
        _LEADING_NOT_NAME,
        "",
        _SENTENCE_BEFORE.sub("", _COPYRIGHT.sub("", name)),
    )
    return name if re.search(r"[^\W\d_]{2}", _LINE_COMPANY_RE.sub("", name)) else None


def companies_in(text: str, *, legal_form: bool = True) -> list[str]:
    """Every company ``text`` names, the likeliest writer first, cleaned (``bare_company``,
    no signer's closing or role): with ``legal_form`` the signature-like line
    (``company_line``), then the names with a legal form (``COMPANY_RE``); else the named
    organisations without one (``NAMED_ORG_RE``); each from the last to the first."""
    line = company_line(text) if legal_form else None
    raw = [line[0]] if line else []
    rx = COMPANY_RE if legal_form else NAMED_ORG_RE
    raw += [m.group("name").strip() for m in reversed(list(rx.finditer(text)))]
    out: list[str] = []
    for name in raw:
        bare = bare_company(_without_signer(name))
        if bare and bare not in out:
            out.append(bare)
    return out


def domain_spells(name: str, domain: str) -> bool:
    """Whether the sender's ``domain`` spells a distinctive word of ``name`` (see ``_domain_names``)."""
    return _domain_names(name, domain)


def last_company(rx: re.Pattern[str], text: str) -> tuple[str, int] | None:
    """The last company name ``rx`` finds in ``text`` that is not the office itself or an
    addressee ("Sehr geehrte Damen und Herren der X GmbH"), with its position."""
    best: tuple[str, int] | None = None
    for m in rx.finditer(text):
        name = m.group("name").strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if _OFFICE_RE.search(name) or _addressed(text[line_start : m.start()], line) or _REGISTER_NAME.match(name):
            continue
        name = re.sub(
            _LEADING_NOT_NAME,
            "",
            _SENTENCE_BEFORE.sub("", _COPYRIGHT.sub("", name)),
        )
        if best is None or m.start() >= best[1]:
            best = (name, m.start())
    return best


#: A client named by date of birth: "geb. 02.11.1990", "geboren op 17/02/1991", "née le
#: 17/02/1991", "date of birth: 25/04/1993", "nata il 11/07/1986", "född 1977-11-19". Every
#: match starts with one of its words' first letters (d, f, g, n, s): prefiltered
#: (pipeline/scan.py; docs/worker-performance.md, "Round 8").
_DATE_OF_BIRTH = compile_prefiltered(
    r"(?:\bgeb\.|\bgeboren(?: am| op)?|geburtsdatum|geboortedatum|date of birth|\bd\.?o\.?b\.|\bdob\b|"
    r"\bn[ée]e? le|date de naissance|\bnat[oa] il|data di nascita|fecha de nacimiento|\bnacid[oa] el|"
    r"\bfödd|\bfødt|\bsyntynyt|"
    # pt, pl, cs/sk, hu, ro, hr/sl, and the Nordic and Finnish date fields
    r"\bnascid[oa] (?:em|a)|data de nascimento|\burodzon[ya](?: dnia)?|data urodzenia|\bnaro[dz]en[ýáa]?|datum narození|"
    r"dátum narodenia|\bnar\.|születési (?:dátum|idő)|\bszül\.|\bnăscut[ăa]?(?: la| în)?|data nașterii|\brođen[aio]?|datum rođenja|"
    r"\brojen[aio]?|datum rojstva|fødselsdato|födelsedatum|fødselsdato|syntymäaika)\s*:?\s*"
    r"(?:(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>(?:19|20)\d{2})|(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2}))(?!\d)",
    re.IGNORECASE,
    "dfgnrsu",
)


def _births(text: str) -> Iterator[tuple[date, str]]:
    for m in _DATE_OF_BIRTH.finditer(text):
        d, mo, y = (
            (m.group("d"), m.group("m"), m.group("y"))
            if m.group("d")
            else (m.group("id"), m.group("im"), m.group("iy"))
        )
        try:
            yield date(int(y), int(mo), int(d)), m.group(0)
        except ValueError:
            continue


def date_of_birth(text: str) -> tuple[date, str] | None:
    """(date, evidence text) of the first date of birth ``text`` states after a birth word,
    or None (none, or not a calendar date)."""
    return next(_births(text), None)


def dates_of_birth(text: str) -> list[date]:
    """Every date of birth ``text`` states after a birth word (calendar dates only), in order."""
    return [d for d, _ in _births(text)]


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


_TITLE_BEFORE = re.compile(
    r"(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Mme|M\.|Monsieur|Madame|Sig\.(?:ra)?|dhr\.|mevr\.|Sr\.|Sra\.) $"
)


#: What follows a firm's name, never a person's: a legal form ("Deutsche Telekom AG") or a
#: partner joined by "&" ("Norrland Hem & Fritid AB", "Kessler & Vogt").
_FIRM_AFTER = re.compile(r"\s(?:" + _LEGAL_FORM + r")(?![\w])|\s?&\s")


@lru_cache(maxsize=256)  # pure; the safety layer's second readings ask again for the same texts
def _cue_hits(text: str) -> tuple[tuple[int, int, str, str], ...]:
    """(generic cue?, offset, name, evidence) for every client cue's name ("Ihre Mandantin
    Frau X", "Schuldner: Last, First", "your client Mr X"); a name followed by a legal form
    is a company and left out. Each cue is found once; its two name patterns run only there."""
    hits: list[tuple[int, int, str, str]] = []
    generic = len(_CLIENT_CUES) - 1
    for idx, (rx, rx_comma, cue) in enumerate(zip(_CLIENT_RE, _CLIENT_COMMA_RE, _CLIENT_CUE_STARTS, strict=True)):
        starts = cue.starts(text)
        if not starts:
            continue
        for m in _finditer_at(rx_comma, text, starts):
            last = m.group("last")
            if not last.isupper() and _TITLE_BEFORE.search(text, max(0, m.start("last") - 12), m.start("last")):
                continue  # "Frau Meyer, Gelsenfurt": a title, a surname, then the town
            first = m.group("first")
            name = f"{first.title() if first.isupper() and len(first) > 2 else first} {last.title() if last.isupper() else last}"
            hits.append((int(idx == generic), m.start(), name, text[m.start("last") : m.end("first")]))
        for m in _finditer_at(rx, text, starts):
            if _FIRM_AFTER.match(text, m.end("person")):
                continue
            hits.append((int(idx == generic), m.start(), m.group("person"), text[m.start() : m.end("person")]))
    return tuple(hits)  # immutable: the lru_cache hands the same value to every caller


#: A courtesy title and a surname alone: "Frau Demir hat …", "gegen Herrn Pohl", "Mme Marchand",
#: "(Hr. Brenner)"; never in a salutation ("Sehr geehrte Frau Bender", "Dear Mrs Hale").
_TITLED_SURNAME_RE = re.compile(
    r"(?<!geehrte )(?<!geehrter )(?<!Dear )(?<!Liebe )(?<!Lieber )(?<!Hallo )(?<!Geachte )(?<!Beste )(?<!Chère )(?<!Cher )"
    r"(?<!Gentile )(?<!Egregio )(?<!Estimado )(?<!Estimada )(?<!Kære )(?<!Hej )(?<!Bonjour )(?<!Hello )(?<!Hi )(?<!Guten Tag )(?<!Grüezi )(?<!Servus )(?<!Moin )"
    r"(?<![\w.])(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Mme|Mlle|Madame|Monsieur|M\.|de heer|mevrouw|mevr\.|mw\.|dhr\.|"
    r"Sig\.(?:ra)?|Signora|Sr\.|Sra\.) (?:(?:Dr|Prof|Mag|Ing|DI|Dipl\.-Ing)\.? )*"
    r"(?P<person>(?:(?:[Vv]an der|[Vv]an den|[Vv]an|[Vv]on der|[Vv]on|[Dd]e la|[Dd]e|di|da|del) )?"
    + _WORD
    + r")(?![\w'’\-])(?! "
    + _UP
    + r"[^\W\d_]*[a-zäöüß])"
)
# behind its declared first characters (the titles: Herr, Frau, Mr, Mme, de heer, mevrouw, dhr., Sig.,
# Sr. …): the look-behinds run only where a title can start (pipeline/scan.py); a title added above
# with another first letter adds it here
_TITLED_SURNAME_RE = prefiltered(_TITLED_SURNAME_RE, "dfhms")


def client_name(text: str) -> tuple[str, str] | None:
    """(client name, evidence text) from "Ihre Mandantin Frau X", "Schuldner: X", "your client Mr X".

    The debtor B of "in Sachen A ./. B" comes first; then a full name before initials
    ("K. Schulz") before a title with a surname alone ("Frau Demir"); explicit cues win over
    a bare "Herr/Frau First Last"; "Last, First" is turned around; a name followed by a
    legal form ("Deutsche Telekom AG") is a company, not a client.
    """
    found = ranked_client_names(text)
    return (found[0][1], found[0][2]) if found else None


def name_form(name: str) -> int:
    """How complete a person's name is: 0 a first name and a surname, 1 initials and a
    surname ("K. Schulz", "G O'Connell"), 2 a surname alone."""
    words = [w for w in name.split() if w.lower() not in _NAME_PARTICLES]
    if len(words) < 2:
        return 2  # "de Vries", "Van der Berg": a surname with its particles
    return 1 if _INITIAL_WORD.fullmatch(words[0]) else 0


_INITIAL_WORD = re.compile(r"[^\W\d_]\.?(?:-[^\W\d_]\.?)?")


def ranked_client_names(text: str) -> list[tuple[int, str, str]]:
    """Every client name of ``text`` as (``name_form``, name, evidence text), best first
    (``client_name`` returns the first); [] when there is none."""
    pair = _parties(text)
    if pair:
        return [(name_form(pair[1]), pair[1], pair[2])]
    hits = list(_cue_hits(text))  # a copy: the cached list is shared by every reading of this text
    hits.extend((1, m.start(), m.group("person"), m.group("person")) for m in _NAME_FIRST_RE.finditer(text))
    hits.extend(
        (1, m.start(), m.group("person"), m.group("person"))
        for m in _ADDRESS_NAME_RE.finditer(text)
        if not _is_organisation(m.group("person")) and not _OFFICE_RE.search(m.group("person"))
    )
    # a title and a surname alone come last: a full name anywhere in the text wins
    hits.extend((2, m.start(), m.group("person"), m.group(0)) for m in _TITLED_SURNAME_RE.finditer(text))
    valid = [(name_form(name), rank, at, name, ev) for rank, at, name, ev in hits if _client_like(name, rank, text)]
    return [(form, name, ev) for form, _, _, name, ev in sorted(valid)]


#: An officer of a court or the law in the creditor's languages: a bailiff, an enforcement officer, a
#: lawyer, a notary, a court clerk. A person the mail names as one is never the client.
_OFFICER = (
    r"(?:ober)?gerichtsvollzieher(?:in)?|rechtsanw(?:alt|ältin)|notar(?:in)?|bailiff|solicitor|lawyer|attorney|"
    r"enforcement (?:agent|officer)|sheriff|huissier(?: de justice)?|commissaire de justice|avocat[e]?|"
    r"ufficiale giudiziario|avvocat[oa]|abogad[oa]|procurador(?:a)?|(?:gerechts)?deurwaarder|advocaat|kronofogde|"
    r"(?:soudní |súdny )?exekutor|exekútor|(?:önálló )?(?:bírósági )?végrehajtó|ügyvéd|executor(?:ul)? judecătoresc|"
    r"avocat(?:ul)?|(?:javni )?ovršitelj|izvršitelj|odvjetni(?:k|ca)|odvetni(?:k|ca)|antstol(?:is|ė)|advokat(?:as|ė)?|"
    r"komornik(?: sądowy)?|adwokat|radca prawny|(?:частен )?съдебен изпълнител|адвокат|δικαστικός επιμελητής|"
    r"δικηγόρος|icra memuru|avukat|advokát(?:ka)?|advokátka"
)
_OFFICER_BEFORE = re.compile(r"(?i:\b(?:" + _OFFICER + r"))\s+(?:[A-Z][\w.]*\.\s*){0,2}$")
_OFFICER_AFTER = re.compile(r"^\s*[,(–-]?\s*(?i:(?:" + _OFFICER + r"))\b")


def officer_named(name: str, text: str) -> bool:
    """Whether ``text`` names the person ``name`` as a court or legal officer — a bailiff, an
    enforcement officer, a lawyer, a notary — in any of the creditor's languages: the role right
    before the name ("soudní exekutor JUDr. Karel Vondráček", "executorul judecătoresc Ionescu Mihai")
    or right after it ("Dr. Kiss Péter önálló bírósági végrehajtó", "Maître Lebrun, commissaire de
    justice"; not "Anna Berg hat einen Rechtsanwalt beauftragt"). Such a person is never the client."""
    for start in word_starts(name, text):
        end = start + len(name)
        if _OFFICER_BEFORE.search(text[max(0, start - 60) : start]) or _OFFICER_AFTER.match(text[end : end + 60]):
            return True
    return False


def _client_like(name: str, rank: int, text: str) -> bool:
    """Whether ``name`` found at ``rank`` can be the client: a full name (or a titled surname), no
    word that names no person or an office, no organisation, no officer of a court or the law."""
    return (
        (len(name.split()) >= 2 or rank == 2)
        and not any(w in _NOT_NAMES or _OCCUPATION.fullmatch(w) for w in name.split())
        and not _is_organisation(name)
        and not officer_named(name, text)
    )


#: An office or trade before a surname is no given name: "Frau Obergerichtsvollzieherin Kraft".
_OCCUPATION = re.compile(
    r"(?:Ober)?[Gg]erichtsvollzieher(?:in)?|Rechtsanw(?:alt|ältin)|Sachbearbeiter(?:in)?|Notar(?:in)?|Richter(?:in)?|Kassenwart(?:in)?"
)


#: A line that opens with the person and then their balance: "Juha Mäkinen, maksettava yhteensä
#: 1 245,80 €", "Kari Olsen – totalt å betale: kr 4 200,-", "Jana Weber: offener Saldo 312,00 €".
_NAME_FIRST_RE = re.compile(
    r"^"
    + _TITLE
    + _PERSON
    + r"[ \t]*[,:–—-][ \t]*(?i:(?:der |die |the |het |le |la |il |el )?(?:maksettava|avoin|totalt|utestående|"
    r"skyldig|saldo|balance|restbeløb|restbelopp|total|offen\w*|forderung|openstaand|solde|importo|deuda|gæld|gjeld|skuld|velka|"
    r"amount|arrears|rückstand|noch offen|zu zahlen|att betala|at betale|å betale))",
    re.MULTILINE,
)
#: A line opens with a title or a capitalised name (pipeline/scan.py: the declared first letters).
_NAME_FIRST_RE = prefiltered(_NAME_FIRST_RE, "a-zà-öø-þčćšžłśźż")


#: A person heading an address, on one line or over three: "Sabine Meier, Kurfürstenstr. 3,
#: 45138 Essen", "Herrn Jan de Vries\nKerkstraat 12\n1012 AB Amsterdam" (a street with its
#: house number, then a post code and a town).
_ADDRESS_NAME_RE = re.compile(
    r"(?m)^[ \t]*"
    + _TITLE
    + _PERSON
    + r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)[^\W\d_](?:[^\W\d_]|[.'’-])*(?:[ \t](?:[^\W\d_]|[.'’-])+){0,3}[ \t]\d{1,4}[ \t]?[a-zA-Z]?"
    r"(?:[ \t]*,[ \t]*|[ \t]*\n[ \t]*)(?:[A-Z]{1,2}-)?\d{4,5}(?:[ \t]?[A-Z]{2})?[ \t]+[A-ZÄÖÜ]"
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
        # small creditors without a legal form: practices, schools, clubs, portals
        r"\w*[Pp]raxis",
        r"Ordination",
        r"\w*[Kk]linik\w*",
        r"Fahrschule",
        r"\w*[Ss]chule",
        r"Kita",
        r"\w*[Vv]erein",
        r"Bestattungs\w*",
        r"(?:Auto|Möbel|Kauf)haus",
        r"Kunden(?:center|portal|konto)",
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
        r"Practice",
        r"Surgery",
        r"Clinic",
        r"Veterinary",
        r"Dental",
        r"School",
        r"Academy",
        r"Hospital",
        r"Gym",
        r"Fitness",
    ),
    "nl": (
        r"Gemeente",
        r"Belastingdienst",
        r"Verzekering\w*",
        r"\w*[Vv]erzekeraar",
        r"CJIB",
        r"Waterschap",
        r"Woningcorporatie",
        r"Ziekenhuis",
        r"AZ",
        r"Praktijk",
        r"\w*[Ss]chool",
        r"Tandarts\w*",
        r"Dierenarts\w*",
    ),
    "fr": (
        r"Assurances?",
        r"Mutuelle",
        r"Trésor",
        r"Caisse",
        r"Mairie",
        r"Services?",
        r"Office",
        r"Agence",
        r"Auto-[ÉE]cole",
        r"[ÉE]cole",
        r"Clinique",
        r"Cabinet",
        r"Hôpital",
    ),
    "it": (
        r"Comune",
        r"Agenzia",
        r"Assicurazion[ei]",
        r"Servizi",
        r"Cassa",
        r"Azienda",
        r"Studio",
        r"Ambulatorio",
        r"Clinica",
        r"Scuola",
        r"Palestra",
        r"Ospedale",
    ),
    "es": (
        r"Ayuntamiento",
        r"Agencia",
        r"Seguros",
        r"Servicios",
        r"Caja",
        r"Tesorería",
        r"Clínica",
        r"Gimnasio",
        r"Autoescuela",
        r"Academia",
    ),
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
        r"Tandvård\w*",
        r"\w*[Tt]rafikskola",
        r"\w*[Kk]ø(?:re|rer)skole",
    ),
    "pl_cz": (r"Szkoła", r"Autoškola", r"Przychodnia", r"Gabinet"),
    # owners' and housing communities, cooperatives and offices of Central/Eastern Europe: "Wspólnota
    # Mieszkaniowa Ogrodowa 12", "Spółdzielnia Mieszkaniowa …", "Společenství vlastníků …", "Stambena zajednica"
    "cee": (
        r"Wsp[óo]lnota",
        r"Sp[óo]łdzielnia",
        r"Spole[čc]enstv[íi]",
        r"Dru[žz]stvo",
        r"Urz[ąa]d",
        r"Zajednica",
        r"T[áa]rsash[áa]z",
        r"Asocia[țţt]ia",
    ),
    # national postal operators signing without a legal form: "POST Luxembourg", "Pošta Slovenije"
    "post": (r"POST", r"Po[šs]ta", r"Poczta"),
}
_ORG_WORD_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(p for ps in ORGANISATION_WORDS.values() for p in ps) + r")(?![\w])"
)


def signed_organisation(from_name: str, texts: tuple[str, ...], domain: str = "") -> str | None:
    """The sender's display name when it names an organisation without a legal form
    (``ORGANISATION_WORDS``) and the letter is signed with it (a whole line of one of
    ``texts``, or that line after "Ihr/Your"); or a brand name ("Klarna") the letter is
    signed with as its team ("Klarna Customer Service"); else None. The office itself
    is never returned."""
    name = re.sub(r"\s+", " ", (from_name or "").strip(" \"'"))
    if not name or _OFFICE_RE.search(name) or "@" in name:
        return None
    lines = _signature_lines(texts)
    found = _signed_or_spelt(_display_forms(name), lines, domain)
    if found:
        return found
    team = any(line.startswith(name + " ") and _TEAM_RE.fullmatch(line[len(name) + 1 :]) for line in lines)
    return name if team else None


def _signed_or_spelt(forms: list[str], lines: set[str], domain: str) -> str | None:
    """The first form of the display name the letter is signed with, else the shortest one
    the sender's domain spells (without the department: "– Accounts"), else None."""
    signed = [c for c in forms if _signed_as_organisation(c, lines) or _named_at_line_end(c, lines)]
    spelt = [c for c in reversed(forms) if _ORG_WORD_RE.search(c) and _domain_names(c, domain)]
    found = signed or spelt
    return found[0] if found else None


def _display_forms(name: str) -> list[str]:
    """The display name, then without a department after a dash ("Dublin Dental Care –
    Accounts", "AZ Sint-Lucas – Patiëntenfacturatie") or a trailing office word
    ("Reitverein Hollerberg Vorstand")."""
    forms = [name]
    parts = re.split(r"\s[–—|-]\s", name)
    if len(parts) == 2 and len(parts[1].split()) <= 3 and len(parts[0].split()) >= 2:
        forms.append(parts[0])
    trimmed = re.sub(r"\s(?:Vorstand|Kasse|Buchhaltung|Verwaltung|Accounts|Billing|Office)$", "", forms[-1])
    if trimmed != forms[-1] and len(trimmed.split()) >= 2:
        forms.append(trimmed)
    return forms


def _domain_names(name: str, domain: str) -> bool:
    """Whether the sender's domain spells a distinctive word of ``name`` (five letters or
    more, no organisation word): "Fahrschule Kurvenreich" from fahrschule-kurvenreich.de.
    Free-mail domains name nobody."""
    label = domain.lower().split(".")[0] if domain.count(".") >= 1 else ""
    label = label.replace("-", "").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    if not label or label in _FREE_MAIL_LABELS:
        return False
    words = [w for w in re.findall(r"[^\W\d_]{5,}", name) if not _ORG_WORD_RE.fullmatch(w)]
    folded = [w.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss") for w in words]
    return any(w in label for w in folded)


#: Mail providers whose domain names no sender (the display name alone is then no evidence).
_FREE_MAIL_LABELS = frozenset(
    "gmail googlemail gmx web t-online tonline outlook hotmail live yahoo icloud me aol freenet posteo "
    "mailbox protonmail proton orange free wanadoo libero virgilio tiscali telenet skynet ziggo kpn".split()
)


def _named_at_line_end(name: str, lines: set[str]) -> bool:
    """Whether a signature field of a flattened mail ends in the whole organisation name of
    at least two words ("Mit freundlichen Grüßen Ihr Beitragsservice ARD ZDF Deutschlandradio
    Beitragsservice")."""
    return (
        len(name.split()) >= 2
        and _ORG_WORD_RE.search(name) is not None
        and any(line.endswith(" " + name) for line in lines)
    )


#: The fields of a signature line: "i.A. Krause, Jobcenter Dortmund, Team 512",
#: "Gemeinde Köniz | Finanzen, Steuerbezug", "Stadt Hagen - Der Oberbürgermeister".
_FIELD_SPLIT = re.compile(r"\s*[|,·•;]\s*|\s[–—-]\s")
#: Words before the organisation a person signs for: "Für die Österreichische Gesundheitskasse",
#: "For and on behalf of …", "Pour la Caisse …", "Per conto di …", "För …".
_SIGNS_FOR = re.compile(
    r"^(?:(?:für|namens|im auftrag)(?: der| des| die| den| das)?|for(?: and on behalf of)?(?: the)?|on behalf of(?: the)?|"
    r"pour(?: le compte de)?(?: la| le| l')?|per(?: conto di)?(?: la| il| l')?|por(?: cuenta de)?(?: la| el)?|"
    r"för|for|på vegne af|på vegne av|namens)\s+",
    re.IGNORECASE,
)


def _signature_lines(texts: tuple[str, ...]) -> set[str]:
    """Every line of ``texts``, spaces collapsed, and each field of it (``_FIELD_SPLIT``)
    without the words of signing for someone (``_SIGNS_FOR``)."""
    out: set[str] = set()
    for text in texts:
        for raw in text.splitlines():
            line = re.sub(r"\s+", " ", raw.strip())
            out.add(line)
            out.update(_SIGNS_FOR.sub("", field) for field in _FIELD_SPLIT.split(line) if field)
    return out


def _signed_as_organisation(name: str, lines: set[str]) -> bool:
    """Whether ``name`` holds an organisation word and the letter is signed with it (see
    ``_signed_with``, ``_signed_as_part``, ``_signed_as_same_body``) or through an
    officer ("Im Auftrag")."""
    org = _ORG_WORD_RE.search(name)
    if org is None:
        return False
    if any(
        _signed_with(line, name, name[org.start() :]) or _signed_as_part(line, name, org.group(0)) for line in lines
    ):
        return True
    if _signed_as_same_body(name, lines):
        return True
    return bool(lines & _ON_BEHALF)  # "Im Auftrag / Kollmannsberger": a public office signs through its officer


def _signed_as_same_body(name: str, lines: set[str]) -> bool:
    """Whether a signature field names the same place with another organisation word:
    "Steueramt Köniz" signed "Gemeinde Köniz", "Stadtkasse Bochum" signed "Stadt Bochum"."""
    place = [w for w in name.split() if not _ORG_WORD_RE.fullmatch(w) and w[:1].isupper() and len(w) >= 4]
    if not place or len(place) == len(name.split()):
        return False
    return any(
        len(line.split()) <= 5
        and _ORG_WORD_RE.search(line)
        and all(has_word(w, line, before="-", after="-") for w in place)
        for line in lines
    )


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
    if line.startswith(name) and _DEPARTMENT_AFTER.match(line, len(name)):
        return True
    return any(
        line.endswith(tail) and _YOUR_BEFORE.fullmatch(line, 0, len(line) - len(tail)) for tail in (name, org_word)
    )


#: What follows a signature's name before its department: "Jobcenter Bochum – Team Forderungen".
_DEPARTMENT_AFTER = re.compile(r"\s*(?:[–—|,]|-\s)")
#: "Ihre"/"Your"/… before a signature's name or organisation word ("Ihre Familienkasse").
_YOUR_BEFORE = re.compile(r"(?:Ihre?|Your|Uw|Votre|Il vostro|Su)\s+")


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
            if has_word(stem, context, after="'’"):
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
    r"(?i)\w*(?:forderung|rückst[aä]nd|mahnung|konto|vertrag|sache|account|arrears|dossier|expediente|pratica|zaak|ärende|sak|"
    r"beiträge|beitrag|gebühren|miete|honorar|contributie|cotisations?)\w*"
)
#: Who the client is to the creditor, before the name in a subject ("Versicherte Monika Weber").
_SUBJECT_ROLE = re.compile(
    r"(?i)(?:versicherte[rn]?|mieter(?:in)?|kund(?:e|in)|schuldner(?:in)?|patient(?:in)?|mitglied|debtor|customer|tenant)"
)
#: Where a subject splits into parts: dashes, slashes, colons, commas, brackets, and any
#: identifier with a digit ("Sebastian Wolters KB-55002913", "[GCM/884120/LB]").
#: Nouns of a subject line that are no name: "Ihre Anfrage zu Kundennummer …", "Mahnung Rechnung …".
_SUBJECT_NOUN = re.compile(
    r"(?i)\w*(?:nummer|number|anfrage|schreiben|antwort|mitteilung|auskunft|bestätigung|rechnung|mahnung|zahlung\w*|"
    r"aufstellung|übersicht|saldo|stand|request|statement|reminder|invoice|payment|"
    # what a small creditor bills: "Elternbeiträge Karaca", "Beiträge Meyer-Stahl", "Miete Schuster"
    r"beiträge|beitrag|gebühren|gebühr|miete|kosten|honorar|fees|contributie|cotisations?|quote|rette|"
    # German nouns by their endings ("Erledigung Akte", "Rückforderung Kindergeld"): no surname of six
    # letters or more ends so ("Jung", "Leung" are shorter)
    r"\w{3,}(?:ung|ungen|heit|keit|schaft|tion|nis)|\w*geld|akte)"
)
_SUBJECT_SPLIT = re.compile(r"\s[-–—/|]\s|:\s|,\s|\(|\)|\[[^\]]*\]|(?<!\S)\S*\d\S*(?!\S)")


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
        person = _subject_person(part)
        if person is None:
            continue
        person = _as_named_in(person, context)
        found.append((person, has_word(person.split()[-1], context)))
    corroborated = [p for p, ok in found if ok]
    if corroborated:
        return _as_written_in(corroborated[0], context), corroborated[0]
    return (_as_written_in(found[0][0], context), found[0][0]) if len(found) == 1 else None


#: A client named in brackets right after the case's identifier: "sag 24-55810 (Lars
#: Østergaard)", "im Verfahren NS-25-230955 (Hartmann)", "Akt 2025/114873 (Hr. Brenner)".
_BRACKETED_NAME = re.compile(
    r"\s?\(" + _TITLE + r"(?P<person>" + _PERSON[len("(?P<person>") : -1] + r"|" + _WORD + r")\)"
)


def bracketed_names(text: str, ends: list[int]) -> list[tuple[int, str, str]]:
    """(``name_form``, name, evidence text) of a person in brackets right after one of
    ``ends`` (where an identifier of the case ends in ``text``); organisations and
    function words ("(Pkw)", "(Miete)") are left out when they are no name word."""
    out = []
    for end in ends:
        m = _BRACKETED_NAME.match(text, end)
        if m is None:
            continue
        name = m.group("person")
        if any(w in _NOT_NAMES for w in name.split()) or _is_organisation(name):
            continue
        out.append((name_form(name), name, m.group(0).strip()))
    return out


def _as_named_in(person: str, context: str) -> str:
    """A subject's "Betrag Sabine Krüger" is "Sabine Krüger" when the letter names her so and
    never with the leading word (a topic noun the subject put first)."""
    words = person.split()
    if len(words) == 3 and words[1][:1].isupper() and person not in context:
        rest = " ".join(words[1:])
        if has_word(rest, context):
            return rest
    return person


def _subject_person(part: str | None) -> str | None:
    """The person one part of a subject line ends with, or None (an organisation, a noun)."""
    m = _SUBJECT_PERSON.search((part or "").strip())
    if not m:
        return None
    words = m.group("person").split()
    if words[0] in _NOT_NAMES or _SUBJECT_TOPIC.fullmatch(words[0]) or _SUBJECT_ROLE.fullmatch(words[0]):
        words = words[1:]  # "Forderung Karin Maier", "Mietrückstand Karin Maier", "Versicherte Monika Weber"
    if len(words) < 2:
        return None  # "Mieterin Demir", "Steuerrückstände Ostendorf": a surname alone
    person = " ".join(words)
    if any(w in _NOT_NAMES or w.isupper() or _SUBJECT_NOUN.fullmatch(w) for w in words) or _is_organisation(person):
        return None
    return person


def _as_written_in(person: str, context: str) -> str:
    """``person`` as the letter writes it: a subject's "Berger Thomas" (surname first, as
    Austrian and Swiss offices file it) is "Thomas Berger" when the letter says so."""
    words = person.split()
    if len(words) != 2:
        return person
    turned = f"{words[1]} {words[0]}"
    return turned if has_word(turned, context) else person


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


#: A title or form of address right before a person's name, in the languages of the office's
#: creditors ("Frau", "Herrn", "Sig.ra", "mevrouw", "Mme", "Sra.", "fru", "Pani").
_TITLED = (
    r"(?<![\w.])(?:Herrn?|Frau|Hr\.|Fr\.|Mr\.?|Mrs\.?|Ms\.?|Miss|M\.|Mme|Mlle|Monsieur|Madame|Sig\.(?:ra)?|Signor[a]?|"
    r"[Dd]e heer|[Mm]evrouw|[Dd]hr\.|[Mm]evr\.|Sr\.|Sra\.|Señora?|Don|Doña|[Ff]ru|[Hh]r\.|Pan[ai]?) "
)


def _run_of_words(count: int) -> str:
    """A run of ``count`` words (a letter first) as one group, ended by no word character."""
    word = r"[^\W\d_][\w'’-]*"
    return "(" + word + "(?: " + word + "){" + str(count - 1) + "})(?![\\w'’-])"


@lru_cache(maxsize=4096)  # pure; the same words are folded for every reading of a mail
def _folded_name(text: str) -> str:
    from creditctl.pipeline.names import normalize_person_name  # the matcher's folding (ß, umlauts, accents)

    return normalize_person_name(text)


_RUNS_MEMO = 16
"""Texts whose word-run tables are kept (``_titled_runs``, ``_word_runs``): one reading asks
for a few (the quote, all texts joined; one and two words), its second readings for the same;
a text longer than ``_RUNS_MEMO_CHARS`` is scanned without the memo (memory stays bounded)."""
_RUNS_MEMO_CHARS = 20_000


@lru_cache(maxsize=_RUNS_MEMO)
def _titled_runs(text: str, count: int) -> tuple[tuple[str, str, int], ...]:
    """Every run of ``count`` words right after a title in ``text``, in order: (the run as
    written, ``_folded_name`` of it, its end offset). Cached per text (docs/worker-performance.md,
    "Round 11")."""
    return tuple(
        (m.group(1), _folded_name(m.group(1)), m.end(1)) for m in re.finditer(_TITLED + _run_of_words(count), text)
    )


def _after_title(words: str, text: str, not_before: str = "") -> str | None:
    """``words`` as ``text`` writes them right after a title (folded: "Frau Weiss" for "Weiß"), not
    followed by ``not_before``; None when they never stand so."""
    key = _folded_name(words)
    runs = _titled_runs if len(text) <= _RUNS_MEMO_CHARS else _titled_runs.__wrapped__
    for run, folded, end in runs(text, len(words.split())):
        if folded != key:
            continue
        rest = text[end:].lstrip(" ")
        if not (not_before and _folded_name(rest[: len(not_before)]) == _folded_name(not_before)):
            return run
    return None


@lru_cache(maxsize=_RUNS_MEMO)
def _word_runs(text: str, count: int) -> dict[str, str]:
    """``{folded run: the first run of count words in text that folds so}`` over every run of
    ``count`` words (overlapping: one starting at each word). Cached per text; callers only read
    it (docs/worker-performance.md, "Round 11")."""
    out: dict[str, str] = {}
    for m in re.finditer(r"(?<![\w'’-])(?=" + _run_of_words(count) + ")", text):  # overlapping runs
        out.setdefault(_folded_name(m.group(1)), m.group(1))
    return out


def _written_as(name: str, text: str) -> str | None:
    """``name`` as ``text`` writes it (folded: "Jürgen Weiß" for "Juergen Weiss"), or None."""
    if not text:
        return None
    runs = _word_runs if len(text) <= _RUNS_MEMO_CHARS else _word_runs.__wrapped__
    return runs(text, len(name.split())).get(_folded_name(name))


#: Languages whose letters write a person's name surname first ("Szabó Gábor ügyfelünk").
SURNAME_FIRST_LANGUAGES = frozenset({"hu"})


def in_given_name_order(name: str, quoted: str, texts: str, language: str | None = None) -> str:
    """``name`` ("Gruber Elisabeth", two words) in given-name-first order, spelt as the mail writes it.

    A register or subject line often writes the surname first ("Mieterin: Brandtner Sophie",
    "pratica RA 2026 11873 – Rinaldi Giulia"). The mail itself says which word is the surname:
    the office's quoted letter writes the name the other way round ("Jürgen Weiß" for "Weiss
    Jürgen": the letter's spelling is taken), the turned name stands after a title elsewhere ("Frau
    Sophie Brandtner"), or the first word alone stands after a title ("Sig.ra Rinaldi", "Herr Rüegg",
    "mevrouw Popescu") while the second never does. ``quoted`` is the quoted history, ``texts`` every
    text of the mail joined. Returns ``name`` unchanged otherwise: never a guess from the words alone.
    """
    words = name.split()
    if len(words) != 2 or any(len(w.strip(".")) < 2 or w.endswith(".") or w.isupper() for w in words):
        return name  # an initial ("W. Maier") or a surname in capitals ("MARTIN Sophie") says it already
    first, second = words
    turned = f"{second} {first}"
    in_letter = _written_as(turned, quoted)
    if in_letter and not _written_as(name, quoted):
        return in_letter
    full = _after_title(turned, texts)
    if full and not full.split()[0].isupper() and not _after_title(name, texts):
        return full  # "Frau Sophie Brandtner"; not "Mme MARTIN Sophie" (the capitals are the surname)
    if _after_title(first, texts, not_before=second) and not _after_title(second, texts, not_before=first):
        return turned
    if language in SURNAME_FIRST_LANGUAGES and not _written_as(name, quoted):
        return turned  # the letter's language writes the surname first; the office's letter did not
    return name
