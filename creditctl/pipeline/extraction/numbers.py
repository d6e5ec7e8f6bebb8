"""The one number tokeniser for money amounts.

Every amount the rules extractor reads comes from ``scan_numbers``: a number is a
whole token (never a suffix or fragment of a longer number, reference, date or IBAN),
read after the text is normalised character by character (``normalise``: NFKC where it
keeps one character, every Unicode space separator → a space, apostrophe look-alikes →
``'``, dash look-alikes → ``-``), so a span in the normalised text is the same span in
the original text.

Grammar of a token (``1.234,56``, ``1 234,56``, ``1'234.50``, ``1,234.56``, ``28234,23``,
``1.500,-``/``1.500,--``/``1.500,–`` whole euros, ``12,5`` one decimal):

- the integer part is either digits, or 1–3 digits followed by groups of three digits,
  all separated by the same one of ``.`` ``,`` ``'`` or a space;
- an optional decimal part: the other separator (``.`` or ``,``) and one or two
  digits, or ``-``/``--`` (whole units);
- an optional sign: a leading ``-`` right before the digits (or the currency), a
  trailing ``-`` right after them (SAP and bank style: a credit), or a mark after the
  number or its currency: ``H``/``Haben``/``CR`` (credit), ``S``/``Soll``/``DR`` (debit).

Ambiguous tokens give no value: ``1.234``/``1,234``/``1 234`` (one group, no decimal
part) and a one-digit decimal part (``1.5``) without a currency next to them; a
decimal separator equal to the group separator (``1.234.56``). A literal the caller
says is an amount (``scan_numbers(text, literal=True)``) reads ``1.5``, ``1 234`` and
``12'345``; ``1.234`` stays ambiguous without a currency.

A currency settles ``EUR 1.234`` as 1234.00 only where the text writes ``.`` as a group
separator: ``separators`` tells what one literal shows, ``decimal_convention`` what a
text's amounts (or, failing them, its language) show, and ``lone_group_reads`` whether a
lone group is then a thousands group (``EUR 1.234`` in an English text is ambiguous).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_PATTERN",
    "DOT_DECIMAL_LANGUAGES",
    "NumberToken",
    "currency_code",
    "decimal_convention",
    "lone_group_reads",
    "normalise",
    "scan_numbers",
    "separators",
]

_TWO_PLACES = Decimal("0.01")

#: Apostrophe look-alikes used as Swiss thousands separators.
_APOSTROPHES = "’‘ʼʹ′´`ˈ＇ʻ‛ˊ՚ꞌ"
#: Dash look-alikes: en dash, em dash, minus sign, figure dash, hyphen, non-breaking hyphen.
_DASHES = "–—−‒‐‑"


@lru_cache(maxsize=4096)
def _normal_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch != "\n" and ch != "\t" and (unicodedata.category(ch) == "Zs" or ch in "\u200b\u2060\ufeff"):
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def normalise(text: str) -> str:
    """``text`` with number-relevant look-alikes folded; same length as ``text``.

    Every Unicode space separator (U+00A0, U+2007, U+2009, U+202F, …) and zero-width
    space becomes a space; ``’ ʼ ′ ´`` … become ``'``; ``– — −`` become ``-``; other
    characters are NFKC-folded where that yields one character (full-width digits).
    """
    if text.isascii() and "`" not in text:  # the backtick is the one ASCII look-alike
        return text
    return "".join(_normal_char(ch) for ch in text)


#: Currency token (lower case, as normalised) → ISO 4217 code.
CURRENCY_CODES: dict[str, str] = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "euroa": "EUR",
    "eu": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "stg": "GBP",
    "chf": "CHF",
    "sfr.": "CHF",
    "sfr": "CHF",
    "fr.": "CHF",
    "fr": "CHF",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
    "sek": "SEK",
    "dkk": "DKK",
    "nok": "NOK",
    # Polish złoty and Czech koruna (the sign as written, and the ISO code)
    "pln": "PLN",
    "zł": "PLN",
    "zł.": "PLN",
    "czk": "CZK",
    "kč": "CZK",
    "kč.": "CZK",
    # Hungarian forint, Romanian leu, Bulgarian lev, Turkish lira, Croatian kuna (before 2023)
    "huf": "HUF",
    "ft": "HUF",
    "ft.": "HUF",
    "ron": "RON",
    "lei": "RON",
    "bgn": "BGN",
    "лв": "BGN",
    "лв.": "BGN",
    "try": "TRY",
    "tl": "TRY",
    "₺": "TRY",
    "hrk": "HRK",
    "kn": "HRK",
    # Serbian dinar, Bosnian mark, Macedonian denar, Ukrainian hryvnia, Russian rouble, Brazilian real, Moldovan leu
    "rsd": "RSD",
    "din": "RSD",
    "din.": "RSD",
    "дин": "RSD",
    "дин.": "RSD",
    "bam": "BAM",
    "km": "BAM",
    "mkd": "MKD",
    "ден": "MKD",
    "ден.": "MKD",
    "uah": "UAH",
    "грн": "UAH",
    "грн.": "UAH",
    "₴": "UAH",
    "rub": "RUB",
    "руб": "RUB",
    "руб.": "RUB",
    "₽": "RUB",
    "brl": "BRL",
    "r$": "BRL",
    "mdl": "MDL",
    # "kr"/"kr." alone does not tell SEK, DKK and NOK apart: "KR" until the sender tells.
    "kr": "KR",
    "kr.": "KR",
}

CURRENCY_PATTERN = (
    r"(?:€|£|US\$|\$|\bEUR\b|\bEuro(?:s|a)?\b|\bGBP\b|\bCHF\b|\bSFr\.|\bUSD\b|\bSEK\b|\bDKK\b|\bNOK\b"
    r"|\bPLN\b|\bzł(?!\w)\.?|\bCZK\b|\bKč(?!\w)\.?"
    # forint, leu, lev, lira, kuna as their countries write them, case-sensitive ("5 ft" is feet, "try" a verb)
    r"|(?-i:\bHUF\b|\bFt(?!\w)\.?|\bRON\b|\blei\b|\bBGN\b|\bлв(?!\w)\.?|\bTRY\b|\bTL\b|₺|\bHRK\b|\bkn\b"
    # dinar, mark, denar, hryvnia, rouble, real, Moldovan leu: "318.442,50 RSD", "14.870,00 din.", "0,00 дин.", "R$ 1.250,00"
    r"|\bRSD\b|\bdin(?!\w)\.?|\bдин(?!\w)\.?|\bBAM\b|\bKM\b|\bMKD\b|\bден(?!\w)\.?|\bUAH\b|\bгрн(?!\w)\.?|₴"
    r"|\bRUB\b|\bруб(?!\w)\.?|₽|\bBRL\b|R\$|\bMDL\b)"
    r"|\bkr\b\.?|\bFr\.(?=\s{0,3}-?\d))"
)
_SEP = r"[.,' ]"
#: A number that starts a date, never an amount: day first with a month number or name and a year ("31. 3. 2027",
#: "31. března 2027", "31. März 2027"), year first with a month and a day ("2027. március 31-ig", "2026. nov. 12.",
#: "2027. 03. 31.", Hungarian and Latvian), ISO ("2027-03-31"): "Ft 2027. március" is no amount of 2027 Ft.
_DATE_START = r"(?:\d\d?\. ?(?:\d\d?\.|[^\W\d_]{3,}\.?) ?[12]\d{3}|[12]\d{3}(?:\. ?(?:\d\d?\.|[^\W\d_]{3,}\.?) ?\d\d?|-\d\d-\d\d))(?!\d)"
_TOKEN_RE = re.compile(
    r"(?P<lead>(?<![\w.,'/-])-)?"
    r"(?:(?P<cur1>" + CURRENCY_PATTERN + r") ?(?P<lead2>-)?)?"
    r"(?:(?<![\w.,'/-])|(?<=^-)|(?<=[^\w.,'/-]-))"
    # not the tail of a space-grouped number: "1 234,56" is never 234,56
    r"(?<![^\d.,'/-]\d )(?<![^\d.,'/-]\d\d )(?<![^\d.,'/-]\d\d\d )(?<!^\d )(?<!^\d\d )(?<!^\d\d\d )"
    r"(?!" + _DATE_START + r")"
    r"(?P<int>\d{1,3}(?:(?P<g>" + _SEP + r")\d{3})(?:(?P=g)\d{3})*|\d+)"
    # ":-" after whole kronor ("3 495:-", Swedish): no öre, the krona implied
    r"(?:(?P<dec>[.,]|:(?=-))(?P<frac>\d{1,2}|-{1,2})(?!\d))?"
    r"(?P<trail>-(?![\w]))?"
    r"(?!\d| ?%|[.,' ]\d|[A-Za-zÄÖÜäöü])"
    r"(?: ?(?P<cur2>"
    + CURRENCY_PATTERN
    + r")(?!\.? ?-?\d)(?P<trail2>-(?![\w\d]))?)?"  # "2026 CHF 2'480.–", "2026 kr. 21.630,00": the next number's;
    # "86,19 €-": the credit's minus after the currency
    # the mark may end the sentence: "zeigt einen Saldo von 120,00 EUR H.", "a balance of £46.20 CR. We will
    # refund" (a one-letter mark only before a line end or a lower-case word: "120,00 EUR H. Müller" is a name)
    r"(?: (?P<mark>Haben|Soll|CR|DR|Cr|Dr|H|S)"
    r"(?:(?![\w.])|(?<=[A-Za-z]{2})(?=\.(?:\s|$))|(?=\.(?:[ \t]*(?:\n|$)|(?-i:\s+[a-zäöü])))))?",
    re.IGNORECASE,
)
_CREDIT_MARKS = {"h", "haben", "cr"}
_MARKS = {"H", "S", "Haben", "Soll", "CR", "DR", "Cr", "Dr"}


@dataclass(frozen=True)
class NumberToken:
    """One number token with its value.

    ``value``: Decimal with 2 places, negative when the token carries a minus sign or a
    credit mark (H, Haben, CR), or None when the token is ambiguous or malformed;
    ``start``/``end``: the span in the scanned text (currency and marks included);
    ``currency``: ISO code of a currency right next to it ("KR" for a bare ``kr``), or
    None; ``decimal``: whether it has a decimal part (``,56``/``,5``/``,-``);
    ``credit``: whether a credit mark (trailing minus, H, Haben, CR) says the creditor
    owes the client; ``sign``: the sign text as written (``-``, ``H``, ``Soll``…) or "".
    """

    value: Decimal | None
    start: int
    end: int
    currency: str | None
    decimal: bool
    credit: bool
    sign: str


def currency_code(token: str | None) -> str | None:
    """ISO code of a currency token (``"€"`` → ``"EUR"``, ``"Fr."`` → ``"CHF"``), else None."""
    if not token:
        return None
    return CURRENCY_CODES.get(token.strip().lower())


def _fraction(m: re.Match[str]) -> str | None:
    frac = m.group("frac")
    return "00" if frac and frac.startswith("-") else frac


def _value(m: re.Match[str], has_currency: bool, literal: bool = False) -> Decimal | None:
    digits, group, frac = m.group("int"), m.group("g"), _fraction(m)
    if group and group == m.group("dec"):
        return None  # "1.234.56"
    # "1.5": a version, a rate, a ratio in running text; a literal given as an amount has one reading
    ambiguous_decimal = frac is not None and len(frac) == 1 and not literal
    # "1.234": 1.234 or 1234? (a space or an apostrophe is never a decimal separator: in a
    # literal "1 234" is 1234)
    ambiguous_group = bool(group) and frac is None and digits.count(group) == 1 and not (literal and group in " '")
    if not has_currency and (ambiguous_decimal or ambiguous_group):
        return None
    whole = digits.replace(group, "") if group else digits
    try:
        return Decimal(f"{whole}.{(frac or '0').ljust(2, '0')}").quantize(_TWO_PLACES)
    except InvalidOperation:
        return None


def _token_end(m: re.Match[str], mark: str) -> int:
    if mark:
        return m.end()
    for group in ("trail2", "cur2", "trail", "frac"):
        if m.group(group):
            return m.end(group)
    return m.end("int")


def _mark(m: re.Match[str]) -> str:
    mark = m.group("mark") or ""
    return mark if mark in _MARKS else ""  # the marks are case-sensitive: "s"/"h" are words


def _token(m: re.Match[str], literal: bool = False) -> NumberToken:
    cur_tok = m.group("cur1") or m.group("cur2") or ("kr" if m.group("dec") == ":" else None)
    # one literal "12,00 €-" stays refused, as Claude's parser refuses it (tests/unit/test_money_parsers.py);
    # in running text the minus after the currency is a credit's
    value = None if literal and m.group("trail2") else _value(m, cur_tok is not None, literal)
    mark = _mark(m)
    leading = bool(m.group("lead") or m.group("lead2"))
    trailing = bool(m.group("trail") or m.group("trail2"))
    credit = trailing or mark.lower() in _CREDIT_MARKS
    if value is not None and (leading or credit):
        value = -value
    sign = "-" if leading or trailing else mark
    return NumberToken(
        value, m.start(), _token_end(m, mark), currency_code(cur_tok), m.group("dec") is not None, credit, sign
    )


def scan_numbers(text: str, *, literal: bool = False) -> list[NumberToken]:
    """Every number token of ``text`` (one line or many), in order; never raises.

    ``text`` need not be normalised: it is normalised here with ``normalise`` (spans
    stay valid for ``text``). Integers without decimal part and without currency are
    tokens too (``value`` set when unambiguous): callers decide what counts as money.
    ``literal``: the caller says ``text`` is one amount (``amounts.parse_amount``), so
    the readings that are ambiguous only in running text get a value: a one-digit
    decimal part (``12,3`` → 12.30) and one group after a space or an apostrophe
    (``1 234``, ``12'345``). One group after ``.`` or ``,`` (``1.234``) stays
    ambiguous without a currency.
    """
    return [_token(m, literal) for m in _TOKEN_RE.finditer(normalise(text))]


#: Languages (ISO 639-1, as ``cleaning_language`` detects them) whose amounts are written
#: with a decimal point (``1,234.56``): a lone ``1.234`` there is not a German thousand.
DOT_DECIMAL_LANGUAGES = frozenset({"en"})


def separators(literal: str) -> tuple[str | None, str | None]:
    """(the decimal mark ``literal`` shows, its lone group separator) for one amount literal.

    The decimal mark is ``","`` or ``"."`` when the literal settles it: two decimals or a
    whole-units dash after it (``1.234,56``, ``12.50``, ``1.500,-``), or a group separator
    repeated with no decimals (``1.234.567`` shows ``","``); else None (``1.5``, ``1234``).
    The lone group separator is ``"."`` or ``","`` for one group of three digits and no
    decimals (``EUR 1.234``, ``1,234 €``), else None. Never raises.
    """
    m = _TOKEN_RE.search(normalise(literal))
    if m is None:
        return None, None
    digits, group, dec, frac = m.group("int"), m.group("g"), m.group("dec"), m.group("frac")
    shown: str | None = None
    if dec in (".", ",") and frac and (len(frac) == 2 or frac.startswith("-")):
        shown = dec
    elif group in (".", ",") and dec is None and digits.count(group) >= 2:
        shown = "," if group == "." else "."
    lone = group if group in (".", ",") and dec is None and digits.count(group) == 1 else None
    return shown, lone


def decimal_convention(literals: list[str], language: str | None) -> str | None:
    """The decimal mark of a text: ``","``, ``"."``, ``"mixed"`` or None (unknown).

    ``literals``: the text's amount literals as written; the marks they show
    (``separators``) decide; when they show both, ``"mixed"``. When none shows one, the
    text's ``language`` (ISO 639-1 or None) does: ``"."`` for ``DOT_DECIMAL_LANGUAGES``,
    ``","`` for another detected language, None when it is unknown.
    """
    shown = {mark for mark in (separators(lit)[0] for lit in literals) if mark}
    if len(shown) > 1:
        return "mixed"
    if shown:
        return shown.pop()
    if language is None:
        return None
    return "." if language in DOT_DECIMAL_LANGUAGES else ","


def lone_group_reads(lone: str, convention: str | None) -> bool:
    """Whether a currency-marked lone group (``EUR 1.234``; ``lone`` is ``"."`` or ``","``)
    reads as thousands in a text of ``convention`` (``decimal_convention``): yes where the
    text's decimal mark is the other separator, or where nothing is known of it (the
    tokeniser's reading: no currency has three decimals); no where the text writes
    ``lone`` as its decimal mark or mixes both."""
    if convention is None:
        return True
    return convention in (".", ",") and convention != lone
