"""The currency of a reply whose figures carry none: the sender's country, else the office's letter.

A domestic account statement — a German bank's Soll/Haben extract, an Austrian landlord's
Kontoblatt, a collector's Forderungskonto — very often writes bare figures ("Neuer Saldo
1.284,07 S"); the currency is the one of the country the sender writes from. That country is
read from what the creditor's own text states about itself, never from a guess:

* an IBAN's country code, a VAT id with its country prefix ("USt-IdNr. DE…", "UID ATU…",
  "CHE-123.456.789 MWST", "BTW NL…B01"), a register number of one country ("HRB 77190"
  with its Amtsgericht: Germany; "FN 188204 k": Austria);
* a telephone number's country code ("+43 1 604 22 11", "0049 …");
* a postcode written with its country prefix ("A-4020 Linz", "CH-8001 Zürich", "D-20457");
  in a German letter a five-digit postcode before a town ("74388 Talheim": only Germany writes
  five digits among the German-speaking countries);
* the sender address's country domain (``.de``, ``.at``, ``.ch`` …).

Every signal must name the same currency; two currencies (a Swiss sender writing about a client
in Germany) name none. Without any signal, the office's quoted letter decides when it names
exactly one currency: a creditor answering "Wir haben 388,00 € notiert" with "Saldo 412,60"
answers in the letter's currency. The gate still compares the currency with the claim's
(``gate._currency_differs_rule``): an implied currency that is not the claim's holds the email.

``implied_currency(texts, quoted, sender_email, language)`` → ``(code, evidence text, source)``
or None. Pure; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from creditctl.pipeline.extraction.numbers import CURRENCY_CODES, CURRENCY_PATTERN

__all__ = ["COUNTRY_CURRENCY", "implied_currency"]

#: The currency of each country a creditor of the office writes from.
COUNTRY_CURRENCY: dict[str, str] = {
    **dict.fromkeys(("DE", "AT", "FR", "IT", "ES", "NL", "BE", "LU", "IE", "FI", "PT", "GR", "SK", "SI"), "EUR"),
    **dict.fromkeys(("EE", "LV", "LT", "HR", "MT", "CY"), "EUR"),
    "CH": "CHF",
    "LI": "CHF",
    "GB": "GBP",
    "SE": "SEK",
    "DK": "DKK",
    "NO": "NOK",
    "PL": "PLN",
    "CZ": "CZK",
}

#: An IBAN: country, check digits, then groups of the account ("DE89 3704 0044 0532 0130 00").
_IBAN = re.compile(r"\b([A-Z]{2})\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
#: A VAT id with its country prefix (the prefix is the country).
_VAT = re.compile(
    r"\b(?:(DE)\s?\d{9}|(AT)U\s?\d{8}|(CH)E[-\s]?\d{3}\.\d{3}\.\d{3}|(NL)\d{9}B\d{2}|(BE)\s?0\d{3}\.?\d{3}\.?\d{3}"
    r"|(FR)[0-9A-Z]{2}\s?\d{9}|(IT)\d{11}|(GB)\s?\d{3}\s?\d{4}\s?\d{2}(?!\d))\b"
)
#: Register numbers of one country: a German Handelsregister (HRA/HRB), an Austrian Firmenbuch ("FN 188204 k").
_REGISTER = re.compile(r"\b(?:(?P<de>HR[AB]\s?\d{2,6}(?:\s?[A-Z]{1,2})?\b)|(?P<at>FN\s?\d{3,6}\s?[a-z])\b)")
_PHONE_CODES = {
    "49": "DE",
    "43": "AT",
    "41": "CH",
    "423": "LI",
    "44": "GB",
    "353": "IE",
    "31": "NL",
    "32": "BE",
    "33": "FR",
    "39": "IT",
    "34": "ES",
    "351": "PT",
    "352": "LU",
    "358": "FI",
    "46": "SE",
    "45": "DK",
    "47": "NO",
    "48": "PL",
    "420": "CZ",
}
_PHONE = re.compile(r"(?:(?<![\w+])\+|\b00)(" + "|".join(sorted(_PHONE_CODES, key=len, reverse=True)) + r")[\s/(.-]*\d")
_POSTCODE_PREFIXES = {
    "D": "DE",
    "A": "AT",
    "CH": "CH",
    "FL": "LI",
    "B": "BE",
    "NL": "NL",
    "F": "FR",
    "I": "IT",
    "E": "ES",
    "L": "LU",
}
_PREFIXED_POSTCODE = re.compile(r"\b(D|A|CH|FL|B|NL|F|I|E|L)-\d{4,5}\s+[A-ZÄÖÜ][a-zäöüß]")
#: A German five-digit postcode before a town, not a figure ("74388 Talheim", "20457 Hamburg").
_DE_POSTCODE = re.compile(
    r"(?<![\d.,'’/-])\b\d{5}\s+(?!(?:Euro|Eur|Franken|Cent|Stück|Tage|Monate)\b)[A-ZÄÖÜ][a-zäöüß]{2,}(?!\s?[€$£])"
)
_TLD_COUNTRY = {"de": "DE", "at": "AT", "ch": "CH", "li": "LI", "fr": "FR", "it": "IT", "es": "ES", "nl": "NL"}
_TLD_COUNTRY |= {"be": "BE", "lu": "LU", "ie": "IE", "fi": "FI", "pt": "PT", "uk": "GB", "pl": "PL", "cz": "CZ"}
_CURRENCY_TOKEN = re.compile(CURRENCY_PATTERN, re.IGNORECASE)

_Signal = tuple[str, str, str]  # (country, the text that says so, source)


def _iban_signals(text: str, src: str) -> list[_Signal]:
    return [(m.group(1), m.group(0), src) for m in _IBAN.finditer(text) if m.group(1) in COUNTRY_CURRENCY]


def _vat_signals(text: str, src: str) -> list[_Signal]:
    return [(next(g for g in m.groups() if g), m.group(0), src) for m in _VAT.finditer(text)]


def _register_signals(text: str, src: str) -> list[_Signal]:
    return [("DE" if m.group("de") else "AT", m.group(0), src) for m in _REGISTER.finditer(text)]


def _phone_signals(text: str, src: str) -> list[_Signal]:
    return [(_PHONE_CODES[m.group(1)], m.group(0), src) for m in _PHONE.finditer(text)]


def _postcode_signals(text: str, src: str, language: str | None) -> list[_Signal]:
    found = [(_POSTCODE_PREFIXES[m.group(1)], m.group(0), src) for m in _PREFIXED_POSTCODE.finditer(text)]
    if language == "de":
        found += [("DE", m.group(0), src) for m in _DE_POSTCODE.finditer(text)]
    return found


def _signals(texts: Sequence[tuple[str, str]], language: str | None) -> list[_Signal]:
    found: list[_Signal] = []
    for src, text in texts:
        for reader in (_iban_signals, _vat_signals, _register_signals, _phone_signals):
            found += reader(text, src)
        found += _postcode_signals(text, src, language)
    return found


def _quoted_currency(quoted: str) -> tuple[str, str] | None:
    """The one currency the quoted letter writes (every token the same code), with its token."""
    tokens = [m.group(0) for m in _CURRENCY_TOKEN.finditer(quoted)]
    codes = {CURRENCY_CODES.get(t.lower()) for t in tokens}
    if len(codes) != 1:
        return None
    code = codes.pop()
    return None if code is None else (code, tokens[0])


def implied_currency(
    texts: Sequence[tuple[str, str]], quoted: str, sender_email: str, language: str | None
) -> tuple[str, str, str] | None:
    """The currency the creditor's figures are in when none of them carries one.

    ``texts`` are the creditor's own texts as (source, text) — the reply, its signature, its
    attachments; ``quoted`` the quoted history (the office's letter); ``sender_email`` the
    sender's address; ``language`` the letter's ISO 639-1 code or None. Returns (ISO currency
    code, the text that states it, its source: a name of ``texts``, ``quoted`` or ``sender``)
    or None when the signals name no currency or several.
    """
    signals = _signals(texts, language)
    tld = sender_email.rsplit(".", 1)[-1].lower() if "@" in sender_email else ""
    if tld in _TLD_COUNTRY:
        signals.append((_TLD_COUNTRY[tld], sender_email, "sender"))
    currencies = {COUNTRY_CURRENCY[country] for country, _, _ in signals}
    if len(currencies) > 1:
        return None
    if currencies:
        code = currencies.pop()
        evidence = next((s for s in signals if s[2] != "sender"), signals[0])
        return code, evidence[1], evidence[2]
    if found := _quoted_currency(quoted):
        return found[0], found[1], "quoted"
    return None
