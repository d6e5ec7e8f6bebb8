"""Normalisation and similarity of references, person names and company names.

Pure functions on strings, used by ``creditctl.pipeline.matching``. The normalisers are
cached (``functools.lru_cache``): the same client and creditor names are normalised for
every email, and matching runs against thousands of candidates.

Rules are the office's conventions for German correspondence: umlauts may be written
``ü``/``ue``/``u``, names may arrive as "Surname, Given" with titles ("Frau Dr."), legal
forms (GmbH, AG, GmbH & Co. KG, ...) are noise, and references vary only in spacing,
punctuation and a leading label ("Az.", "Ihr Zeichen", "Kd.-Nr.").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

__all__ = [
    "company_similarity",
    "distinctive_company_name",
    "email_domain",
    "is_free_mail_domain",
    "loose_key",
    "loose_reference_key",
    "name_skeleton",
    "normalize_company_name",
    "normalize_person_name",
    "normalize_reference",
    "person_similarity",
    "reference_key",
]

_CACHE = 65536

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: Letters Unicode does not decompose, as mail without them writes them: "Malgorzata" for
#: "Małgorzata", "Yilmaz" for "Yılmaz", "Soeren"/"Soren" for "Søren", "Dordevic" for "Đorđević".
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ı": "i", "ø": "oe", "Ø": "Oe", "æ": "ae", "Æ": "Ae", "đ": "d", "Đ": "D", "ð": "d", "þ": "th"}
)


def _fold(text: str) -> str:
    """Casefold, umlauts to ae/oe/ue/ss, ø/æ to oe/ae, ł/ı/đ to l/i/d, other diacritics
    removed (é→e, ć→c, ễ→e)."""
    text = text.translate(_UMLAUTS).translate(_UNDECOMPOSED).casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def search_fold(text: str) -> str:
    """``text`` folded for a person's search: casefold, diacritics removed and umlauts
    written either way (``ä`` = ``ae`` = ``a``, ``ß`` = ``ss``), so "Oberlander",
    "Oberlaender" and "Oberländer" all fold to ``oberlander``. Apply to both sides."""
    folded = _fold(text)
    return folded.replace("ae", "a").replace("oe", "o").replace("ue", "u")


# --- references ---------------------------------------------------------------------

# A leading label, optionally "Ihr/Unser", followed by ".", ":", "#" or a space. Applied
# repeatedly ("Ihr Zeichen: Az. 123"). A reference that merely starts with the letters
# ("NR12345", "AZ-7712") is kept whole.
_REF_LABEL = re.compile(
    r"""^\s*(?:(?:ihr|ihre|unser|unsere)\s+)?
        (?:aktenzeichen|gesch(?:ae|ä)ftszeichen|zeichen|az|gz
          |kd\.?\s*-?\s*nr|kundennr|kundennummer|kunden-nr
          |vertragsnr|vertragsnummer|rechnungsnr|rechnungsnummer
          |referenz|reference|ref|nr|no)
        (?:\.|(?=[\s:#]))\s*[:#]?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")


def reference_key(ref: str) -> str:
    """A reference or file number as a comparison key: uppercase ASCII letters and digits.

    Leading labels (Az., Aktenzeichen, Ihr/Unser Zeichen, Kd.-Nr., Kundennummer, Nr.,
    Ref.) are stripped, umlauts folded (Ö→OE), everything but A-Z and 0-9 dropped:
    ``"RPI 7712/4408-19"``, ``"Az. RPI-7712-4408-19"`` and ``"rpi771244081 9"`` all give
    ``"RPI7712440819"``. Returns ``""`` for an empty or label-only input. Never raises.

    Not cached: for the references a reply states, each seen once (a cache of them would
    only grow with the number of emails, docs/worker-performance.md "Memory");
    ``normalize_reference`` is the cached form for the claims' own references.
    """
    text = ref or ""
    while True:
        stripped = _REF_LABEL.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    return _NON_ALNUM.sub("", _fold(text).upper())


#: The office's file-number shape as a key: letters, a year, the running number.
_OFFICE_KEY = re.compile(r"([A-Z]{1,4})((?:19|20)\d{2})0*(\d{1,6})")


def loose_reference_key(ref: str) -> str:
    """``reference_key`` with folded umlauts collapsed (OE→O, UE→U, AE→A) and, for a key
    of the office's file-number shape (letters, a year, a number), the number's leading
    zeros dropped; not cached.

    Used for the office's own file numbers ("BÖ-2024-0173"), which creditors and
    extractors also write as "BOE-2024-0173", "BO-2024-0173", "BÖ 2024 0173" or
    "BOE-2024-173": all give ``"BO2024173"``.
    """
    key = reference_key(ref).replace("OE", "O").replace("UE", "U").replace("AE", "A")
    m = _OFFICE_KEY.fullmatch(key)
    return f"{m.group(1)}{m.group(2)}{m.group(3)}" if m else key


@lru_cache(maxsize=_CACHE)
def normalize_reference(ref: str) -> str:
    """``reference_key``, cached: the claims' references are compared for every email."""
    return reference_key(ref)


@lru_cache(maxsize=_CACHE)
def loose_key(ref: str) -> str:
    """``loose_reference_key``, cached: the claims' file numbers are compared for every email."""
    return loose_reference_key(ref)


# --- person names -------------------------------------------------------------------

_TITLES = frozenset(
    "herr herrn frau fraeulein hr fr dr prof professor mr mrs ms miss mx sir madam "
    "dipl ing med jur rer nat oec phil habil mag msc bsc mba".split()
)
_NEE = re.compile(r"\b(?:geb|geborene|geborener|nee|née)\b\.?\s+\S+")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=_CACHE)
def normalize_person_name(name: str) -> str:
    """A person's name as ``"given surname"``: casefolded, umlauts folded, titles dropped.

    ``"Frau Dr. Tamara Reinholz"``, ``"Reinholz, Tamara"`` and ``"REINHOLZ, Tamara"``
    give ``"tamara reinholz"``; ``"Jürgen Müller"`` gives ``"juergen mueller"``; a birth
    name ("geb. Schmidt") is dropped; hyphens split double names into tokens.
    Returns ``""`` for an empty input. Never raises.
    """
    text = _NEE.sub(" ", (name or "").casefold())
    if "," in text:
        surname, _, given = text.partition(",")
        text = f"{given} {surname}"
    text = _fold(text)
    text = _NON_WORD.sub(" ", text.replace("_", " "))
    tokens = [t for t in text.split() if t not in _TITLES]
    return " ".join(tokens)


@lru_cache(maxsize=_CACHE)
def name_skeleton(normalized: str) -> str:
    """A normalised name with umlaut spellings collapsed: ``"mueller"``/``"muller"`` → ``"muller"``.

    Lets "Jurgen Muller" (umlauts dropped, as English systems do) equal "Jürgen Müller".
    """
    return normalized.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def _expand_initials(a: list[str], b: list[str]) -> tuple[list[str], bool]:
    """Replace one-letter tokens of ``a`` by the token of ``b`` they abbreviate."""
    used = False
    out = []
    for tok in a:
        if len(tok) == 1:
            full = next((t for t in b if len(t) > 1 and t[0] == tok and t not in a), None)
            if full is not None:
                out.append(full)
                used = True
                continue
        out.append(tok)
    return out, used


def person_similarity(a: str, b: str) -> float:
    """Similarity 0–100 of two person names (any spelling; normalised here).

    Both names are normalised and reduced to their skeleton (``name_skeleton``), then
    compared with rapidfuzz ``token_set_ratio`` (word order and a middle name do not
    matter). A one-word name that is part of the other ("Reinholz" vs "Tamara Reinholz")
    scores 85, not 100: a surname alone is weak evidence. Initials ("T. Reinholz") are
    expanded but cap the score at 90. Empty input scores 0.
    """
    ta = name_skeleton(normalize_person_name(a)).split()
    tb = name_skeleton(normalize_person_name(b)).split()
    if not ta or not tb:
        return 0.0
    ta, used_a = _expand_initials(ta, tb)
    tb, used_b = _expand_initials(tb, ta)
    cap = 90.0 if (used_a or used_b) else 100.0
    if len(ta) == 1 or len(tb) == 1:
        short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
        if len(long_) > 1 and short[0] in long_:
            return min(85.0, cap)
        return min(fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)), cap)
    return min(fuzz.token_set_ratio(" ".join(ta), " ".join(tb)), cap)


# Words before a surname that are no given name: salutations the titles of
# ``normalize_person_name`` leave (nl, fr, it, es, pt, pl, Nordic, fi) and name particles
# ("Jan de Vries", "Ursula von der Leyen"): they never tell two given names apart.
_NOT_GIVEN_NAMES = frozenset(
    "heer mevrouw mevr dhr mw monsieur madame mme mlle signor signora sig sigra sra sr srta don dona "
    "senor senora pan pani herra rouva fru "
    "de van von der den ter ten la le di da del della dos das du zu al el".split()
)
_DOUBLED = re.compile(r"(\w)\1")
SURNAME_PAIR_RATIO = 85.0  # two surname spellings this close are one surname with a typo ("Langhof"/"Langhoff")


def _given_names_compatible(a: list[str], b: list[str]) -> bool:
    """Whether one given name of ``a`` is one of ``b``'s: the same (skeleton) spelling — a
    doubled letter written once counts as the same ("Mohammed"/"Mohamed", "Matthias"/
    "Mathias") —, or an initial of it. Either side empty (a surname alone) is compatible."""
    if not a or not b:
        return True
    a2, b2 = [_DOUBLED.sub(r"\1", x) for x in a], [_DOUBLED.sub(r"\1", y) for y in b]
    return any(x == y or (len(x) == 1 and y[0] == x) or (len(y) == 1 and x[0] == y) for x in a2 for y in b2)


def other_person(named: str, client: str) -> bool:
    """Whether the person ``named`` in a reply is a relative or namesake of ``client``, not
    ``client`` (both any spelling).

    Both names are read in "given … surname" order (``normalize_person_name``; "Langhoff,
    Petra" is turned round). Another person is named when the surnames pair up (the same,
    or one typo apart: ``SURNAME_PAIR_RATIO``) while no given name of one is a given name —
    or its initial — of the other: "Peter Langhof" is not "Petra Langhoff", "Michael Weber"
    not "Michaela Weber", "Anna Schulz" not "Hanna Schulz". The same person keeps her name
    through transliteration (Müller/Mueller, Yılmaz/Yilmaz), a middle or double name added
    or left out, an initial ("P. Langhoff"), a title, or a surname spelling variant with the
    same given name ("Sabine Maier"/"Sabine Meyer" is left to ``person_similarity``). A name
    written surname first without a comma ("Weber Michael") is the same person. Given-name
    spelling variants other than a doubled letter ("Katharina"/"Katarina") count as other
    persons: a person decides.
    Names that share no surname are not judged here (a misread client name — a company, a
    doctor's name — is too common to hold on). Pure; empty input is never another person.
    """
    ta = name_skeleton(normalize_person_name(named)).split()
    tb = name_skeleton(normalize_person_name(client)).split()
    if len(ta) < 2 or len(tb) < 2:
        return False
    given_a = [t for t in ta[:-1] if t not in _NOT_GIVEN_NAMES]
    given_b = [t for t in tb[:-1] if t not in _NOT_GIVEN_NAMES]
    surname_a, surname_b = ta[-1], tb[-1]
    if fuzz.ratio(_DOUBLED.sub(r"\1", surname_a), _DOUBLED.sub(r"\1", surname_b)) < SURNAME_PAIR_RATIO:
        return False
    if _given_names_compatible(given_a, given_b):
        return False
    # surname first without a comma: "Weber Michael" is Michael Weber
    return not (_given_names_compatible(given_a, [surname_b]) and _given_names_compatible([surname_a], given_b))


# --- company names ------------------------------------------------------------------

# Source: German, Austrian, Swiss and common English legal-form suffixes (HGB, GmbHG,
# AktG, PartGG; UK Companies Act; US state corporation law). Longest forms first.
_LEGAL_FORMS = re.compile(
    r"""\b(?:gmbh\s*(?:&|und)\s*co\.?\s*(?:kgaa|kg|ohg)
         |ag\s*(?:&|und)\s*co\.?\s*(?:kgaa|kg|ohg)
         |ug\s*\(?haftungsbeschr(?:ae|ä)nkt\)?
         |partg\s*mbb|partg|mbb
         |gmbh|ggmbh|mbh|kgaa|ag|kg|ohg|gbr|ug|se|eg
         |e\.\s?kfm\.?|e\.\s?kfr\.?|e\.\s?k\.?|e\.\s?v\.?|e\.\s?g\.?
         |ltd\.?|limited|inc\.?|incorporated|plc|llc|llp|corp\.?|corporation
         |s\.\s?a\.?|b\.\s?v\.?|n\.\s?v\.?|sarl|s\.\s?r\.\s?l\.?|co\.?)
        (?=\W|$)""",
    re.IGNORECASE | re.VERBOSE,
)

# Words that name a kind of business, not a business: a match on these alone says
# nothing ("Rheinpfalz Inkasso" vs "Nordsee Inkasso").
_GENERIC = frozenset(
    "inkasso bank sparkasse volksbank raiffeisenbank kreissparkasse stadtsparkasse "
    "versicherung versicherungen stadtwerke gruppe group service services "
    "forderungsmanagement rechtsanwalt rechtsanwaelte rechtsanwaltskanzlei kanzlei "
    "anwaltskanzlei partner partnerschaft deutschland germany deutsche europe "
    "international holding gesellschaft und fuer der die das the of and".split()
)


@lru_cache(maxsize=_CACHE)
def normalize_company_name(name: str) -> str:
    """A company name without legal form: casefolded, umlauts folded, punctuation dropped.

    ``"Modehaus Lindner GmbH & Co. KG"`` → ``"modehaus lindner"``;
    ``"Müller & Söhne e.K."`` → ``"mueller und soehne"``. Returns ``""`` for empty input.
    """
    text = _fold(name or "")
    text = _LEGAL_FORMS.sub(" ", text)
    text = text.replace("&", " und ").replace("+", " und ")
    text = _NON_WORD.sub(" ", text.replace("_", " "))
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=_CACHE)
def distinctive_company_name(name: str) -> str:
    """``normalize_company_name`` without generic business words (may be ``""``)."""
    return " ".join(t for t in normalize_company_name(name).split() if t not in _GENERIC)


def company_similarity(a: str, b: str) -> float:
    """Similarity 0–100 of two company names (any spelling; normalised here).

    rapidfuzz ``token_set_ratio`` on the normalised names without generic words, so
    "Rheinpfalz Inkasso GmbH" ≈ "Rheinpfalz Inkasso Forderungsmanagement" (100) but
    "Inkasso GmbH" vs "Rheinpfalz Inkasso" falls back to a plain ``ratio`` of the whole
    names (a shared generic word is not a match). Empty input scores 0.
    """
    da, db = distinctive_company_name(a or ""), distinctive_company_name(b or "")
    if da and db:
        return fuzz.token_set_ratio(da, db)
    na, nb = normalize_company_name(a or ""), normalize_company_name(b or "")
    if not na or not nb:
        return 0.0
    return fuzz.ratio(na, nb)


# --- email addresses ----------------------------------------------------------------

# Mailbox providers: a shared domain here says nothing about who wrote.
FREE_MAIL_DOMAINS = frozenset(
    """gmail.com googlemail.com web.de gmx.de gmx.net gmx.at gmx.ch gmx.com t-online.de
    outlook.com outlook.de hotmail.com hotmail.de live.com live.de msn.com yahoo.com
    yahoo.de ymail.com icloud.com me.com mac.com aol.com aol.de freenet.de arcor.de
    posteo.de mailbox.org mail.de online.de email.de kabelmail.de vodafone.de
    protonmail.com proton.me gmx.li""".split()
)


def email_domain(address: str) -> str:
    """The lower-cased domain of an email address, ``""`` when there is none."""
    _, at, domain = (address or "").strip().rpartition("@")
    return domain.strip().strip(">").lower() if at else ""


def is_free_mail_domain(domain: str) -> bool:
    """True for free-mail providers (gmail.com, web.de, gmx.de, t-online.de, yahoo.*, ...)."""
    d = domain.lower()
    return d in FREE_MAIL_DOMAINS or d.startswith("yahoo.") or d.startswith("hotmail.")
