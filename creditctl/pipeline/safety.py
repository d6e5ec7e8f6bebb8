"""The safety layer: checks that do not trust any extractor's reading (pure; no I/O).

``check`` is called by the one decision function (``services.decide.judge``) before any
claim write, for every extractor, in processing, ``reprocess --dry-run``, review and
``creditctl eval``. Each check returns reasons a person reads; any reason holds the
email for review (``pipeline.gate.decide``):

* **whole number** — the total is a whole number token of the creditor's own latest
  text (the reply, or an attachment) after ``normalise`` (NFKC, every space separator
  a plain space, apostrophe look-alikes ``'``). ``number_tokens`` is the one tokeniser:
  a maximal run of digits and group separators (``.`` ``,`` space ``'``) is one token;
  a run that is not one well-formed amount is split at spaces, and a piece that is not
  well-formed (``4.``, ``018,75``) proves nothing. The total's own evidence, when it
  cites the reply or an attachment, must sit in such a whole token too.
* **readings agree** — the totals read from other renderings of the same email
  (``Reading``; built by ``services.reading.second_readings``) must be the same.
* **plausible** — a drop of more than ``max_drop`` (0.5 = 50 %) or a rise of more than
  ``max_rise`` (1.0 = 100 %) against the stored claim is held; 0.00 is exempt from the
  drop bound only when the reply kind is ``claim_settled``. A total equal to a figure
  of the quoted history or of the office's letter (the stored claim amount) that the
  reply does not restate as the current claim is held.
* **credit** — a negative balance or a credit (``150,00-``, ``-150,00``, Guthaben, zu
  Ihren Gunsten, Haben/``H``, in credit, ``CR``) is never an amount owed.
* **settled** — 0.00 is applied for a settled reply only when the reply itself says so
  (``erledigt``, ``beglichen``, ``paid in full`` …, not negated).
* **sold / enforcement** — a reply that says the claim was sold or assigned, or that
  speaks of court or bailiff enforcement, is held whatever kind the extractor read.
* **reply wording** — for a reading that would apply, ``pipeline.reply_wording`` reads
  the creditor's own texts in ten languages: dispute, sale, enforcement or "client
  unknown" wording, a settlement offer whose figure is not the current total, settled
  beside a figure owed (and the converse), a total not labelled as the current claim,
  and several different totals each hold the email.
* **unread attachments** — an attachment read not at all or only in part may state the
  claim: held.
* **injection** — text addressing the system or setting an outcome (German and English,
  hidden HTML included: the raw bodies are searched) flags the email.

Amounts are ``Decimal`` in the claim's currency.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from creditctl.pipeline.excerpts import excerpt, match_excerpt
from creditctl.pipeline.safety_thread import dates_out_of_order, newest_message_span, pointed_block_span
from creditctl.pipeline.scan import Branch, GatedAlternation

__all__ = [
    "Bounds",
    "NumberToken",
    "Reading",
    "SafetyReport",
    "check",
    "find_assignment",
    "find_credit_marks",
    "find_enforcement",
    "find_injections",
    "hidden_instructions",
    "hidden_texts",
    "join_inline_html",
    "normalise",
    "number_tokens",
    "plausibility_problem",
    "visible_and_hidden_text",
    "whole_token_values",
]

# normalisation -------------------------------------------------------------------------

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4`\u02b9\u02bb\uff07\u02c8\u201b\u02ca\u055a\ua78c"
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_MINUSES = "\u2212\u2012\u2013\u2014\ufe63\uff0d"


_LOOKALIKES = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _MINUSES}})
_LOOKALIKE_RE = re.compile(f"[{_APOSTROPHES}{_MINUSES}]")


def _lookalike(m: re.Match[str]) -> str:
    return str(_LOOKALIKES[ord(m.group(0))])


@lru_cache(maxsize=256)  # pure; one email's checks normalise the same texts several times
def normalise(text: str) -> str:
    """``text`` with apostrophe look-alikes as ``'``, minus look-alikes as ``-``, NFKC
    applied and every space separator (U+00A0, U+2007, U+2009, U+202F, …) a plain space.
    Line breaks are kept."""
    if _LOOKALIKE_RE.search(text):  # str.translate walks every character in Python-level steps
        text = _LOOKALIKE_RE.sub(_lookalike, text)
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", text)


# the tokeniser ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberToken:
    """One number as written: ``text`` (normalised), ``start``/``end`` in the normalised
    text, ``value`` (Decimal, sign applied; None when not one well-formed amount) and
    ``negative`` (a leading or trailing minus)."""

    text: str
    start: int
    end: int
    value: Decimal | None
    negative: bool = False


_CURRENCY_WORDS = {"EUR", "EURO", "CHF", "SFR", "FR", "GBP", "USD"}
"""Currency words that may be glued to a number (``EUR1.234,56``, ``1.234,56EUR``)."""
#: A column gap ("28-11-2026      558,77 €") ends a number: ``_runs`` splits a run at it, so the
#: figure of an aligned table is a token of its own (tests/apply_families).
_RUN = re.compile(r"\d(?:[\d.,' ]*\d)?(?:[.,]-{1,2})?")
#: Two or more spaces inside a run: a table's column gap, unless two spaces stand between a lone
#: group of 1-3 digits and a group of 3 ("12  345,67" may be one number spaced out: kept
#: whole, so its tail is never read alone).
_GAP = re.compile(r" {2,}")
_SPACED_GROUP = re.compile(r"(?:^| )\d{1,3} {2}\d{3}(?!\d)")
_GROUPED = re.compile(
    r"(?P<int>\d{1,3}(?:(?P<sep>[.,' ])\d{3})(?:(?P=sep)\d{3})*)(?:(?P<dsep>[.,])(?P<dec>\d{1,2}|-{1,2}))?"
)
_PLAIN = re.compile(r"(?P<int>0|[1-9]\d*)(?:(?P<dsep>[.,])(?P<dec>\d{1,2}|-{1,2}))?")


def _parse(piece: str) -> Decimal | None:
    """One well-formed amount (``1.234,56``, ``1,234.56``, ``1 234,56``, ``1'234.56``,
    ``1234,56``, ``12,-``) → Decimal; else None (``4.``, ``018,75``, ``31.12.2026``)."""
    m = _GROUPED.fullmatch(piece)
    if m and m.group("dsep") and m.group("dsep") == m.group("sep"):
        m = None
    if m is None:
        m = _PLAIN.fullmatch(piece)
        if m is None:
            return None
        digits = m.group("int")
    else:
        digits = re.sub(r"\D", "", m.group("int"))
    dec = m.group("dec") or ""
    if dec.startswith("-"):
        dec = ""
    try:
        return Decimal(f"{digits}.{dec or '0'}").quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


#: The patterns of the run tests below (``_glued``, ``_split_number_edge``, ``_is_identifier``,
#: ``_minus_marks``), compiled once: they run several times per number of every text.
_WORD_END = re.compile(r"[A-Za-z]+\.?\Z")
_WORD_START = re.compile(r"[A-Za-z]+")
_GLUE_END = re.compile(r"[A-Za-z_/]\Z")
_GLUE_START = re.compile(r"[A-Za-z_/]")
_THREE_DIGITS = re.compile(r"\d{3}")
_LONE_GROUP_END = re.compile(r"(?:^|[^\d.,'])\d{1,3}[.,']\s$")
_ONE_GROUP = re.compile(r"\d{1,3}")
_GROUP_AFTER_BREAK = re.compile(r"[.,']\s\d{3}")
_ID_BEFORE = re.compile(r"[A-Za-z0-9]-$|\d[.,]$")
_ID_AFTER = re.compile(r"-\d|-[A-Za-z]")
_MINUS_BEFORE = re.compile(r"(?:^|[\s(:=€$£])-\s?$")
_MINUS_BEFORE_SIGN = re.compile(r"(?:^|[\s(:=])-[€$£]\s?$")
_MINUS_DIGIT = re.compile(r"-\s?\d")


def _glued(norm: str, start: int, end: int) -> bool:
    """Whether the run at ``norm[start:end]`` is glued to a letter, ``_`` or ``/`` on either
    side (a currency word such as ``EUR1.234,56`` does not count)."""
    # ``\Z``, not ``$`` (``_WORD_END``, ``_GLUE_END``): ``$`` also matches before a final line
    # break, and a number at the start of a line ("in Höhe von\n301,90 €", a hard-wrapped mail)
    # is not glued to the word that ends the line above
    word_before = _WORD_END.search(norm[max(0, start - 5) : start])
    word_after = _WORD_START.match(norm[end : end + 5])
    glued_before = bool(_GLUE_END.search(norm[max(0, start - 2) : start])) and not (
        word_before and word_before.group(0).rstrip(".").upper() in _CURRENCY_WORDS
    )
    glued_after = bool(_GLUE_START.match(norm[end : end + 2])) and not (
        word_after and word_after.group(0).upper() in _CURRENCY_WORDS
    )
    return glued_before or glued_after


def _split_number_edge(norm: str, start: int, end: int, run: str) -> bool:
    """A lone leading group and a separator before a line break (``4.`` / ``018,75``): the
    run is the tail of a split number, or its head."""
    if _THREE_DIGITS.match(run) and _LONE_GROUP_END.search(norm[max(0, start - 6) : start]):
        return True
    return bool(_ONE_GROUP.fullmatch(run) and _GROUP_AFTER_BREAK.match(norm[end : end + 5]))


def _is_identifier(norm: str, start: int, end: int, run: str) -> bool:
    """Whether the run is part of an identifier (``NI-30411``, ``A12``) or of a split number."""
    before, after = norm[max(0, start - 2) : start], norm[end : end + 2]
    return (
        _glued(norm, start, end)
        or bool(_ID_BEFORE.search(before))
        or bool(_ID_AFTER.match(after))
        or _split_number_edge(norm, start, end, run)
    )


#: A minus glued to the currency ("-£23.60", "Saldo -€ 46,70"), or spaced after a colon or
#: at a line's start ("Saldo: - EUR 150,00"); a list's dash ("02/07/2026 - £89.99") is none.
_MINUS_CURRENCY = re.compile(
    r"(?:(?:^|[\s(:=])-(?:€|£|\$|EUR|GBP|CHF|USD)|(?:^|[(:=]\s?)-\s(?:€|£|\$|EUR|GBP|CHF|USD))\s?$", re.MULTILINE
)


_CURRENCY_MINUS = re.compile(r" ?(?:€|£|EUR|GBP|CHF)-(?![\w\d])", re.IGNORECASE)


def _minus_marks(norm: str, start: int, end: int) -> tuple[bool, bool]:
    """(leading minus, trailing minus) of the run at ``norm[start:end]``."""
    leading = (
        bool(_MINUS_BEFORE.search(norm[max(0, start - 3) : start]))
        or start == 1
        and norm[0] == "-"
        # the sign before the currency symbol: "Balance: -£48.12", "Saldo -€ 12,00"
        or bool(_MINUS_BEFORE_SIGN.search(norm[max(0, start - 4) : start]))
    )
    # a minus before the currency: "Balance: -£23.60", "Saldo: -€ 46,70", "- EUR 150,00"
    leading = leading or bool(_MINUS_CURRENCY.search(norm[max(0, start - 8) : start]))
    trailing = norm[end : end + 1] == "-" and not _MINUS_DIGIT.match(norm[end : end + 3])
    # the minus after the currency: "Saldo   86,19 €-", "86,19 EUR-" (a credit, SAP style)
    trailing = trailing or bool(_CURRENCY_MINUS.match(norm[end : end + 6]))
    if leading and _DASH_SEPARATOR.search(norm[max(0, start - 4) : start]) and _BARE_WORD_AFTER.match(norm[start:]):
        leading = False  # "Recouvra Loire SAS – 14 quai de la Fosse": a dash between words, not a sign
    if leading and _DATE_DASH.search(norm[max(0, start - 14) : start]):
        leading = False  # "Bestellung 1188-2231 vom 02.07.2026 – 89,99 €": a list's dash after a date, not a sign
    if leading and _phone_number(norm, start):
        leading = False  # "T 030 - 711 28 40", "Tel. +32 (0)3 - 450 12 12": a phone number's dash, not a sign
    return leading, trailing


#: A phone label right before a number on its line: "T 030 - …", "Tel.: 0211 - …", "Fax 030 - …".
_PHONE_LABEL = re.compile(
    r"(?:^|[\s|·•,;(])(?:t|f|tel|tél|tlf|tfn|puh|fon|fax|phone|telefon|telefoon|téléphone|teléfono|telefono|"
    r"mob|mobil|mobile|gsm|handy)\.?\s?:?\s?[+(\d][\d()+ /.-]*$",
    re.IGNORECASE,
)
#: A bare area code, a spaced dash and digit groups with no decimal part: "030 - 711 28 40".
_PHONE_GROUPS_BEFORE = re.compile(r"(?<![\d.,])\(?\+?\d[\d()]{1,6}\)?\s?-\s?$")
_PHONE_GROUPS_AFTER = re.compile(r"\d{2,5}(?:[ /-]\d{2,5})+(?![\d.,'])")


def _phone_number(norm: str, start: int) -> bool:
    """Whether the number at ``start`` (after a dash) is part of a phone number: a phone label
    before it on its line, or an area code before the dash and more digit groups after."""
    line_start = norm.rfind("\n", 0, start) + 1
    before = norm[max(line_start, start - 30) : start]
    if _PHONE_LABEL.search(before):
        return True
    return bool(_PHONE_GROUPS_BEFORE.search(before) and _PHONE_GROUPS_AFTER.match(norm, start))


#: A dash between a word or a number and another number, spaced on both sides ("SAS – 14
#: quai", "RCS Lyon B 412 998 031 – 14, quai", "Rue de Fer 31 – 5000 Namur"), and a bare
#: integer followed by a word (a house number, a postcode): no sign. "Saldo: - 150,00 €"
#: keeps its minus (a decimal part, or a currency after the integer, is money).
_DASH_SEPARATOR = re.compile(r"[^\W_] - $")
#: A date, then a dash spaced on both sides, right before the number.
_DATE_DASH = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]\d{2,4} - $")
_BARE_WORD_AFTER = re.compile(
    r"\d{1,5},? (?!(?:€|EUR|Euro|CHF|GBP|USD|SEK|DKK|NOK|PLN|zł|CZK|Kč|kr|Fr)\b)[^\W\d_]", re.IGNORECASE
)


def _piece_tokens(
    run: str, start: int, identifier: bool, leading_minus: bool, trailing_minus: bool
) -> list[NumberToken]:
    """A run that is not one well-formed amount, split at spaces: one token per piece."""
    tokens: list[NumberToken] = []
    pieces = list(re.finditer(r"[^ ]+", run))
    for k, p in enumerate(pieces):
        value = None if identifier else _parse(p.group(0))
        if value is not None and not p.group(0)[0].isdigit():
            value = None
        if (
            value is not None
            and k > 0
            and re.fullmatch(r"\d{1,3}[.,']", pieces[k - 1].group(0))
            and re.match(r"\d{3}", p.group(0))
        ):
            # a lone group left dangling by a separator (``4.`` in ``4. 018,75``): this is its tail
            value = None
        neg = (leading_minus and p.start() == 0) or (trailing_minus and p.end() == len(run))
        tokens.append(
            NumberToken(p.group(0), start + p.start(), start + p.end(), -value if neg and value else value, neg)
        )
    return tokens


def _runs(norm: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every number run of ``norm``, a run split at its column gaps
    ("Kontoführung Q3      15,00      3.241,87 S": three cells, not one run glued to "Q")."""
    out: list[tuple[int, int, str]] = []
    for m in _RUN.finditer(norm):
        run, at = m.group(0), m.start()
        cuts = [
            (g.start(), g.end())
            for g in _GAP.finditer(run)
            if not _SPACED_GROUP.match(run, _piece_start(run, g.start()))
        ]
        cuts += [(d.end(), d.end() + 1) for d in _DATE_BEFORE_FIGURE.finditer(run)]
        begin = 0
        for gap in sorted(set(cuts)) + [None]:
            end = gap[0] if gap else len(run)
            if end > begin or gap is None:
                out.append((at + begin, at + end, run[begin:end]))
            begin = gap[1] if gap else begin
    return out


#: A whole date with a four-digit year right before a figure, one space apart ("k 1. 12. 2026 101 245,30
#: Kč", "Stand 01.12.2026 5 012,88 €"): a year of four digits is never a thousands group, so the date
#: ends there and the figure is a run of its own (read32).
_DATE_BEFORE_FIGURE = re.compile(r"(?<![\d.])\d{1,2}\. ?\d{1,2}\. ?(?:19|20)\d\d(?= \d)")


def _piece_start(run: str, gap_start: int) -> int:
    """Where the space-free piece before ``gap_start`` begins, one space before it included."""
    space = run.rfind(" ", 0, gap_start)
    return max(space, 0)


def number_tokens(text: str) -> list[NumberToken]:
    """Every number token of ``normalise(text)`` (see the module docstring), in order.

    A run glued to a letter or to a hyphenated identifier (``NI-30411``, ``A12``) is an
    identifier, not an amount (value None). Never raises. A new list each call (the tokens
    of one text are read once and kept, ``_number_tokens``).
    """
    return list(_number_tokens(text))


@lru_cache(maxsize=64)  # a few texts per email; bounded: texts can be long
def _number_tokens(text: str) -> tuple[NumberToken, ...]:
    """``number_tokens``' tokens, memoised: one email's checks read the same texts (its body,
    quote, evidence lines) several times each (docs/worker-performance.md, "Round 5")."""
    norm = normalise(text)
    tokens: list[NumberToken] = []
    for m in _runs(norm):
        start, end, run = m
        identifier = _is_identifier(norm, start, end, run)
        leading_minus, trailing_minus = _minus_marks(norm, start, end)
        whole = None if identifier else _parse(run)
        if whole is None:
            tokens.extend(_piece_tokens(run, start, identifier, leading_minus, trailing_minus))
            continue
        negative = leading_minus or trailing_minus
        tokens.append(NumberToken(run, start, end, -whole if negative and whole else whole, negative))
    return tuple(tokens)


def whole_token_values(text: str) -> set[Decimal]:
    """The values of every well-formed number token of ``text`` (sign applied)."""
    return {t.value for t in number_tokens(text) if t.value is not None}


# HTML renderings ---------------------------------------------------------------------------

_INLINE_TAGS = re.compile(
    r"</?(?:span|b|i|u|em|strong|font|a|sup|sub|small|big|mark|o:p|ins|del|s)\b[^>]*>", re.IGNORECASE
)


def join_inline_html(html: str) -> str:
    """``html`` with inline element tags removed without any separator, so a number split
    over inline elements (``<span>4.</span><span>018,75</span>``) reads as written."""
    return _INLINE_TAGS.sub("", html or "")


def visible_and_hidden_text(html: str) -> str:
    """Every text node of ``html`` (hidden ones included), tags removed, entities decoded."""
    without = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html or "")
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", without))


# credits ------------------------------------------------------------------------------------

_CREDIT_WORDS = re.compile(
    r"\bguthaben\b|\bhabensaldo\b|\bzu (?:ihren|ihrer|seinen|ihren mandanten|gunsten)\b[^.\n]{0,30}gunsten|"
    r"\bzu ihren gunsten\b|\bzugunsten (?:ihrer|ihres|der|des) (?:mandant|kund|schuldner)|\bim haben\b|"
    r"\bin credit\b|\bcredit balance\b|\bbalance in (?:your|the client's) favou?r\b|\boverpa(?:id|yment)\b|"
    r"\bÜberzahlung\b|\büberzahlt\b",
    re.IGNORECASE,
)
_CREDIT_MARK_AFTER = re.compile(r"^\s*(?:€|EUR|Eur|CHF|GBP|USD|\$|£)?\s*(?:H|Haben(?! Sie| wir)|CR|Cr|credit)\b")


_DEDUCTION = re.compile(
    r"\b(?:abzüglich|abzgl|\w*zahlung(?:en)?|zahlungseing\w*|\w*eingänge|gezahlt|bezahlt|gutschrift\w*|rabatt|nachlass|"
    r"aufrechnung\w*|verrechnung\w*|erstattung|payments?|paid|received|less|deducted|refund(?:ed)?|set[- ]?off|offset|"
    r"betaling\w*|ontvangen|paiements?|versements?|reçus?|pagament\w*|incass\w*|pagos?|cobros?|inbetalning\w*|indbetaling\w*|"
    # a payment line of a statement in the other languages: "Indbetalt 15.09.2026  -500,00 kr."
    r"betaald|payé|reçu|versamento|pagato|ricevuto|abonado|recibido|inbetal\w*|indbetal\w*|innbetal\w*|betalt|betalat|"
    r"maksettu|maksu|suoritus|"
    # instalments paid on account, a statement's deduction row: "Avbetalningar 2026  -466,00 kr",
    # "Ratenzahlungen -120,00", "instalments received", "acomptes", "rate versate", "cuotas", "lyhennykset"
    r"avbetalning\w*|avbetaling\w*|afbetaling\w*|afdrag|avdrag|\w*raten|instal(?:l)?ments?|acomptes?|"
    r"rate versate|cuotas?|lyhennys\w*|lyhennykse\w*)\b",
    re.IGNORECASE,
)


#: Words that say a balance is owed by the client (a bank's debit side).
_DEBIT_WORDS = re.compile(
    r"\((?:soll|s|debit|dr|débit|debet)\)|(?-i:\bSoll\b)|\bsollsaldo\b|\bzu (?:ihren|seinen|ihrer) lasten\b|\bzu lasten (?:des|der|ihres|ihrer|unseres|unserer) (?:kunden|kundin|kontos|kontoinhaber\w*|schuldner\w*|"
    r"darlehensnehmer\w*|kreditnehmer\w*|mandant\w*)\b|\bten laste van (?:de |uw )?(?:rekeninghouder|klant|cliënt)\b|"
    r"\bau débit (?:du|de votre) (?:compte|titulaire|client)\b|\ba (?:debito|carico) del (?:cliente|correntista|titolare)\b|"
    r"\ba cargo del (?:titular|cliente)\b|"
    r"\bdebit balance\b|\boverdrawn\b|\bin debit\b|\bdebetsaldo\b|\bsolde débiteur\b|\bà votre débit\b|"
    r"\bsaldo (?:a )?debito\b|\bsaldo debitore\b|\bsaldo deudor\b|\bdebetsaldo\b|\bskyldig banken\b",
    re.IGNORECASE,
)


#: The creditor states a balance in its own favour: owed by the client.
_IN_OUR_FAVOUR = re.compile(
    r"\bzu unseren gunsten\b|\bin our favou?r\b|\ben notre faveur\b|\ba nostro favore\b|\ba nuestro favor\b|"
    r"\bin ons voordeel\b|\btill vår fördel\b|\btil vores fordel\b|\bi vår favør\b",
    re.IGNORECASE,
)


def _stated_owed(norm: str, total: Decimal) -> bool:
    """Whether a line of ``norm`` states ``total`` (unsigned) as owed to the creditor: in its favour
    ("Saldo zu unseren Gunsten per 30.11.2026: 2.086,20 EUR") or as the client's debit balance."""
    for line in norm.split("\n"):
        if not (_IN_OUR_FAVOUR.search(line) or _DEBIT_WORDS.search(line)):
            continue
        if any(t.value == total and not t.negative for t in number_tokens(line)):
            return True
    return False


def _debit_statement(norm: str, tokens: list[NumberToken], total: Decimal | None) -> bool:
    """Whether ``total`` is written as a negative figure on a line that names it a debit
    balance ("Kontostand per 30.11.: EUR -5.104,90 (Sollsaldo zu Ihren Lasten)"): then the
    statement's minus signs are the bank's sign for what the client owes, not credits."""
    if total is None or total <= 0:
        return False
    for tok in tokens:
        if tok.negative and tok.value is not None and abs(tok.value) == total:
            line_start = norm.rfind("\n", 0, tok.start) + 1
            line_end = norm.find("\n", tok.end)
            if _DEBIT_WORDS.search(norm[line_start : line_end if line_end >= 0 else len(norm)]):
                return True
    return False


#: Money written as such: a decimal part ("150,00-", "1.500,-") or a currency next to it.
_DECIMALS = re.compile(r"[.,](?:\d{1,2}|-{1,2})$")
_CURRENCY_NEAR = re.compile(r"(?:€|\$|£|\b(?:EUR|Euro|CHF|Fr|GBP|USD|SEK|DKK|NOK|PLN|kr)\b)", re.IGNORECASE)


def _money_like(norm: str, tok: NumberToken) -> bool:
    """Whether a signed token reads as money: a decimal part, or a currency within a few
    characters before or after it. A bare signed integer ("Fax -49", the dash of a phone
    number "033 - 750 40 00", "Durchwahl -12") is no balance."""
    if _DECIMALS.search(tok.text):
        return True
    return bool(_CURRENCY_NEAR.search(norm[max(0, tok.start - 6) : tok.start])) or bool(
        _CURRENCY_NEAR.search(norm[tok.end : tok.end + 6])
    )


def find_credit_marks(text: str, total: Decimal | None = None) -> list[str]:
    """Phrases of ``text`` that state a credit or a negative balance (empty: none).

    Finds credit words (Guthaben, zu Ihren Gunsten, Haben, in credit, credit balance,
    overpaid), amounts with an ``H``/``CR`` mark, and amounts with a leading/trailing
    minus — except a deduction line item (``abzüglich Teilzahlungen: -300,00 €``) whose
    amount is not the ``total``."""
    norm = normalise(text)
    tokens = number_tokens(norm)
    # a statement marking its balances DR/Soll whose last marked figure is the total with its debit mark:
    # a CR booking above it is a movement, and "is NOT in credit" negates the credit
    debit_marked = total is not None and total > 0 and _last_mark_is_debit_total(norm, tokens, total)
    found = [
        match_excerpt(m)
        for m in _CREDIT_WORDS.finditer(norm)
        if not (debit_marked and _NEGATED_BEFORE.search(norm[max(0, m.start() - 24) : m.start()]))
    ]
    debit_statement = not found and _debit_statement(norm, tokens, total)
    movements = _movement_lines(norm, total)
    for tok in tokens:
        if _a_movement(norm, tok, total, movements) or (debit_marked and not tok.negative and tok.value != total):
            # a deduction row of a statement whose rows add up to the total, or a booking of a DR/CR
            # statement whose closing balance is the total, marked as owed: a movement, no credit
            continue
        mark = _credit_mark(norm, tok, total, debit_statement)
        if mark is not None:
            found.append(mark)
    return found


def _movement_lines(norm: str, total: Decimal | None) -> set[int]:
    """The line numbers of a statement's rows that add up to ``total`` (``_rows_adding_up``), or, for an
    account seen from the holder's side (charges negative, payments positive), to minus the balance the
    bank states in its own favour ("Saldo zu unseren Gunsten: 2.086,20 EUR"); empty: none."""
    if total is None or total <= 0:
        return set()
    movements = _rows_adding_up(norm, total, gaps=True)
    if not movements and _stated_owed(norm, total):
        movements = _rows_adding_up(norm, -total, gaps=True)
    return movements


def _a_movement(norm: str, tok: NumberToken, total: Decimal | None, movements: set[int]) -> bool:
    """Whether ``tok`` is a row of ``movements`` other than the total itself."""
    return (
        bool(movements)
        and tok.value is not None
        and abs(tok.value) != total
        and norm.count("\n", 0, tok.start) in movements
    )


#: A debit mark written after a figure: "€2,118.40 DR", "2.377,15 S", "648,90 Soll", "£648.90 debit".
_DEBIT_MARK_AFTER = re.compile(r"^[ \t]*(?:€|EUR|Eur|CHF|GBP|USD|\$|£)?[ \t]*(?:DR|Dr|debit|S(?![\w.])|Soll)\b")
#: A negation right before a credit word: "is NOT in credit", "kein Guthaben", "nicht im Haben".
_NEGATED_BEFORE = re.compile(
    r"(?<!\w)(?:not|no|never|kein\w*|nicht|niet|geen|pas|non|inte|ikke|ei)\s+(?:\w+\s+)?$", re.I
)


def _last_mark_is_debit_total(norm: str, tokens: list[NumberToken], total: Decimal) -> bool:
    """Whether the last figure of ``norm`` that carries a debit or credit mark is ``total`` with a debit
    mark ("Closing balance €2,118.40 DR" below "€1,450.00 CR  €1,900.00 DR"): the statement marks
    what the client owes, and its closing balance is the total."""
    last = None
    for tok in tokens:
        window = norm[tok.end : tok.end + 12]
        if _DEBIT_MARK_AFTER.match(window):
            last = (tok, True)
        elif _CREDIT_MARK_AFTER.match(window):
            last = (tok, False)
    return last is not None and last[1] and last[0].value == total and not last[0].negative


def _credit_mark(norm: str, tok: NumberToken, total: Decimal | None, debit_statement: bool) -> str | None:
    """The credit a token states (its text), else None: a minus on money that is neither the
    bank's own sign of a debit statement nor a deduction line's item, or an ``H``/``CR`` mark."""
    if tok.value is None or tok.value == 0:  # a zero balance is no credit
        return None
    if tok.negative and (debit_statement or not _money_like(norm, tok)):
        # the bank's own sign ("EUR -5.104,90 (Sollsaldo zu Ihren Lasten)"), or a phone
        # number's dash ("Fax -49", "Tel. 033 - 750 40 00"): no credit
        return None
    if tok.negative:
        line_start = norm.rfind("\n", 0, tok.start) + 1
        line_end = norm.find("\n", tok.end)
        line = norm[line_start : line_end if line_end >= 0 else len(norm)]
        if _DEDUCTION.search(line) and (total is None or abs(tok.value) != abs(total)):
            return None
        return norm[max(0, tok.start - 1) : tok.end + 1].strip()
    if _CREDIT_MARK_AFTER.match(norm[tok.end : tok.end + 12]):
        return norm[tok.start : tok.end + 12].split("\n")[0].strip()
    return None


# injection ------------------------------------------------------------------------------------

_G = r"[^\n.!?]"
#: An automated reader in every language: its adjective, its noun, a word telling it what to do,
#: and the review it is told to skip (the hold families, tests/hold_families).
_AUTO = (
    r"(?:automated|automatic|automatische\w*|automatisierte\w*|maschinelle\w*|geautomatiseerde|automatis\w*|automatiq\w*|"
    r"automatic[oaie]|automatizzat\w*|automátic[oa]s?|automatizad\w*|automatisk\w*|automaattise\w*|automatyczn\w*)"
)
_READER = (
    r"(?:systems?|readers?|systeme?n?|systemet|systemer|leser|lesere|læsere|läsare|systèmes?|sistemi|sistemas?|sistema|"
    r"järjestelmä\w*|systemu|tools?|programs?|programmes?)"
)
_MODAL = (
    r"(?:should|must|shall|please|sollen|soll|sollte|sollten|bitte|dienen|moeten|moet|doit|doivent|deve|devono|debe|deben|"
    r"skal|ska|tulee|powinien|powinny|muss|müssen)"
)
_MANUAL = r"(?:human|manual|manuelle\w*|menschliche\w*|handmatige|menselijke|manuel\w*|manuale|umana|humana|manuell\w*|manuaalis\w*|ręcznej)"
_REVIEW = (
    r"(?:review|check|verification|prüfung|kontrolle|rückfrage|controle|beoordeling|vérification|contrôle|validation|verifica|"
    r"controllo|revisione|revisión|verificación|revisão|verificação|controlo|kontrol|kontroll|gennemgang|gjennomgang|granskning|"
    r"tarkistusta|weryfikacji|kontroli)"
)
#: Literal groups of the automated reader's words (``_AUTO``, ``_READER``, ``_MODAL``, ``_REVIEW``):
#: every match of each contains one of the group (lower case, ``scan.fold``).
_AUTO_LIT = ("automat", "maschinelle", "automaattise", "automátic")
_READER_LIT = ("system", "reader", "leser", "læsere", "läsare", "systè", "sistem", "järjestelmä", "tool", "program")
_MODAL_LIT = (
    "should", "must", "shall", "please", "soll", "bitte", "dienen", "moet", "doit", "doivent", "deve", "devono",
    "debe", "ska", "tulee", "powin", "muss", "müssen",
)  # fmt: skip
_REVIEW_LIT = (
    "review", "check", "verifica", "prüfung", "kontrol", "control", "rückfrage", "beoordeling", "vérification",
    "contrôle", "validation", "revisi", "revisão", "gennemgang", "gjennomgang", "granskning", "tarkistusta",
    "weryfikacji",
)  # fmt: skip
#: The hold families' phrasings (tests/hold_families), each with the literals every match of it
#: contains and its first characters (``scan.Branch``), like ``_INJECTION_TABLE``.
_HOLD_FAMILY_INJECTIONS: tuple[Branch, ...] = (
    # the hold families (tests/hold_families): an automated reader addressed in every language, told
    # what to do, or told to skip the review
    (
        rf"\b{_AUTO}\s(?:\w+\s)?{_READER}\b{_G}{{0,60}}\b{_MODAL}\b",
        (_AUTO_LIT, _READER_LIT, _MODAL_LIT),
        "agm",
    ),
    (
        rf"\b(?:til|till|to|für|an|aan|voor|pour|per|para|för|dla|na)\s(?:\w+\s)?{_AUTO}\s(?:\w+\s)?{_READER}\b",
        (_AUTO_LIT, _READER_LIT),
        "adfnptv",
    ),
    (
        r"\b(?:nota|note|uwaga|hinweis|notice|nachricht|notitie|huomio|merk|obs)\s(?:para|per|pour|dla|for|to|für|an|voor|til|till)\s"
        r"(?:o |il |le |la |el |the |das |die |het |de |det |den )?(?:\w+\s)?(?:system\w*|sistema|système|systeem|software|logiciel|"
        r"programa|programma|robot\w*|bot)\b",
        (
            ("syst", "sistema", "software", "logiciel", "program", "bot"),
            ("not", "uwaga", "hinweis", "nachricht", "huomio", "merk", "obs"),
        ),
        "hmnou",
        ("nota", "note", "uwaga", "hinweis", "notice", "nachricht", "notitie", "huomio", "merk", "obs"),
    ),
    (
        r"\bautomaattise\w* järjestelmä\w*\b|\b(?:verwerkingssysteem|auswertungssystem\w*|verarbeitungssystem\w*)\b",
        (("automaattise", "verwerkingssysteem", "auswertungssystem", "verarbeitungssystem"),),
        "av",
    ),
    (
        r"\b(?:software|logiciel|programma|sistema|système|systeem|system)\s(?:de |di |für die |for )?(?:traitement|elaborazione|"
        r"tratamiento|processamento|verwerking|verarbeitung|processing)\b",
        (
            ("traitement", "elaborazione", "tratamiento", "processamento", "verwerking", "verarbeitung", "processing"),
            ("software", "logiciel", "programma", "sistema", "système", "systeem", "system"),
        ),
        "lps",
    ),
    (
        r"\b(?:program\w*|robot\w*|bot|software|logiciel|ohjelma\w*)\s(?:\w+\s)?(?:reading|lisant|que lea|que leia|che legge|"
        r"czytając\w*|der diese|som läser|som leser|der læser)\b|\blukeva\w* ohjelma\w*\b",
        (
            (
                "reading",
                "lisant",
                "que le",
                "che legge",
                "czytając",
                "der diese",
                "som läser",
                "som leser",
                "der læser",
                "lukeva",
            ),
            ("program", "bot", "software", "logiciel", "ohjelma"),
        ),
        "bloprs",
    ),
    (
        rf"\b(?:without|ohne|zonder|sans|senza|sin|sem|uden|uten|utan|ilman|bez)\s(?:\w+\s)?{_MANUAL}?\s?{_REVIEW}\b",
        (
            _REVIEW_LIT,
            ("without", "ohne", "zonder", "sans", "senza", "sin", "sem", "uden", "uten", "utan", "ilman", "bez"),
        ),
        "biosuwz",
        ("without", "ohne", "zonder", "sans", "senza", "sin", "sem", "uden", "uten", "utan", "ilman", "bez"),
    ),
    (
        r"\bif you are an? (?:ai|bot|language model|llm|automated \w+|machine)\b|(?:^|\n|[.!?:]\s)\s*bots?\s*[:,]",
        (("if you are a", "bot"),),
        r"\s!.:?bi",
    ),
    (
        rf"\bupdate (?:the )?(?:claim|amount|balance|total)\b{_G}{{0,30}}\bto\b",
        (("update ",), ("claim", "amount", "balance", "total"), ("to",)),
        "u",
    ),
    # a note to the processing system in the other languages: "Note pour le système de traitement
    # automatique", "nota per il sistema", "instrucción para el sistema", "bericht voor het systeem"
    (
        r"\b(?:note|message|instruction|consigne|remarque|nota|messaggio|istruzion[ei]|avviso|mensaje|instrucci[óo]n|"
        r"aviso|notitie|bericht|instructie|opmerking|aanwijzing|meddelande|notering|instruktion|besked|meddelelse|"
        r"melding|instruks)\s(?:pour|à|au|aux|per|para|voor|aan|till|til|for)\s(?:le |la |les |l'|il |lo |el |los |"
        r"het |de |det |den |al |alla )?(?:\w+\s){0,2}?(?:système\w*|sistema\w*|systeem\w*|systemet|logiciel|"
        r"programma|programa|verwerking|traitement|elaborazione|procesamiento|behandlingen)\b",
        (
            (
                "systè",
                "sistema",
                "systeem",
                "systemet",
                "logiciel",
                "program",
                "verwerking",
                "traitement",
                "elaborazione",
                "procesamiento",
                "behandlingen",
            ),
            (
                "not",
                "message",
                "instru",
                "consigne",
                "remarque",
                "messaggio",
                "istruzion",
                "avviso",
                "mensaje",
                "aviso",
                "bericht",
                "opmerking",
                "aanwijzing",
                "meddel",
                "besked",
                "melding",
            ),
        ),  # fmt: skip
        "abcimnor",
    ),
    # an order to record a figure or close the file: "enregistrer le montant de 0,00 EUR",
    # "registreer het bedrag van", "registrare l'importo di", "registrar el importe de"
    (
        rf"\b(?:enregistr(?:er|ez)|inscri(?:re|vez)|saisi(?:r|ssez)) (?:le |un )?(?:montant|solde)\b{_G}{{0,20}}\b(?:de|à)\b",
        (("enregistr", "inscri", "saisi"), ("montant", "solde")),
        "eis",
    ),
    (
        rf"\b(?:registreer|registreren|boek|boeken) (?:het )?(?:bedrag|saldo)\b{_G}{{0,20}}\b(?:van|op)\b",
        (("registre", "boek"), ("bedrag", "saldo")),
        "br",
    ),
    (
        rf"\b(?:registrare|registrate|inserire|inserite) (?:l'importo|il saldo)\b{_G}{{0,20}}\b(?:di|a)\b",
        (("registra", "inseri"), ("l'importo", "il saldo")),
        "ir",
    ),
    (
        rf"\b(?:registrar|registre|registren|anotar|anote) (?:el )?(?:importe|saldo)\b{_G}{{0,20}}\b(?:de|en)\b",
        (("registr", "anot"), ("importe", "saldo")),
        "ar",
    ),
    # closing the file without a check: "clôturer ce dossier sans vérification", "ohne weitere Prüfung
    # schließen", "close the case without review", "chiudere la pratica senza verifica"
    (
        rf"\b(?:clôtur\w*|ferme[rz]|classe[rz]|schließ\w*|abschließ\w*|close|sluit\w*|afsluit\w*|chiud\w*|archivi\w*|"
        rf"cierre\w*|cerra\w*|archiv\w*|avsluta\w*|afslut\w*|avslutt\w*)\b{_G}{{0,40}}\b(?:sans (?:aucune )?(?:vérification|contrôle)|"
        r"ohne (?:weitere |jede )?(?:prüfung|kontrolle)|without (?:any |further )?(?:review|check\w*|verification)|"
        r"zonder (?:verdere )?(?:controle|verificatie)|senza (?:alcuna )?(?:verifica|controllo)|"
        r"sin (?:ninguna )?(?:verificación|revisión|comprobación)|utan (?:kontroll|granskning)|uden kontrol|uten kontroll)\b",
        (
            ("sans ", "ohne ", "without ", "zonder ", "senza ", "sin ", "utan ", "uden ", "uten "),
            (
                "vérification",
                "contrôle",
                "prüfung",
                "kontrol",
                "review",
                "check",
                "verifica",
                "control",
                "revisión",
                "comprobación",
                "granskning",
            ),
            (
                "clôtur",
                "ferme",
                "classe",
                "schließ",
                "close",
                "sluit",
                "chiud",
                "archiv",
                "cierre",
                "cerra",
                "avslut",
                "afslut",
            ),
        ),  # fmt: skip
        "acfs",
    ),
    (
        rf"\b(?:sans (?:aucune )?(?:vérification|contrôle)|ohne (?:weitere |jede )?(?:prüfung|kontrolle)|without (?:any |further )?(?:review|verification))"
        rf"\b{_G}{{0,20}}\b(?:clôtur\w*|schließen|abschließen|close)\b",
        (("clôtur", "schließen", "close"), ("sans ", "ohne ", "without ")),
        "osw",
    ),
)

_KI = ("ai", "ki", "llm", "bot", "assistant", "assistent", "sprachmodell", "language model")
#: Each pattern with the literals every match of it contains (lower case; one of each group,
#: ``scan.GatedAlternation``): a text lacking them is not scanned with that pattern. A pattern
#: added without them (``()``) is always scanned. ``tests/unit/test_scan_gated.py`` compares the
#: gated scan with the plain alternation over every labelled and tuning email. A 4th element: the
#: literals every match opens with (``scan.Branch``; declared by the costly branches, pinned by
#: ``tests/unit/test_scan_opens.py``).
#: The start of a line or sentence (the text's start, a newline, a sentence's end, a colon, a
#: dash, an opening bracket or quote, then up to two spaces): where a text addresses its reader by
#: name. Consumed, not looked behind (``reply_kind._LINE_SAFE``: no look-behinds in the table);
#: ``_SENTENCE_START_FIRST`` is its first characters.
_SENTENCE_START = r"(?:^|\n|[.!?;:>(\[\"„“«*–—-])[ \t]{0,2}"
_SENTENCE_START_FIRST = r"\n.!?;:>(\[\"„“«*–—\-\t "
_INJECTION_TABLE: tuple[Branch, ...] = (
    (
        rf"\b(?:ignore|disregard|forget|override)\b{_G}{{0,40}}\b(?:instructions?|prompts?|rules|above|previous|prior)\b",
        (
            ("ignore", "disregard", "forget", "override"),
            ("instruction", "prompt", "rules", "above", "previous", "prior"),
        ),
        "dfio",
    ),
    (
        rf"\bignorier(?:e|en|t)?\b{_G}{{0,40}}\b(?:anweisungen?|instruktionen?|vorgaben|regeln|prompts?)\b",
        (("ignorier",), ("anweisung", "instruktion", "vorgaben", "regeln", "prompt")),
        "i",
    ),
    (
        r"\b(?:an|to|für|for|voor|aan|pour|per|para|för) (?:das|die|den|the|all(?:e)?)? ?(?:ki|ai|llm|bot|assistant|assistent(?:en)?|sprachmodell|language model)(?:-?system(?:e)?)?\s*[:,]",
        (_KI, (":", ",")),
        "afptv",
        ("an ", "to ", "für ", "for ", "voor ", "aan ", "pour ", "per ", "para ", "för "),
    ),
    # an automated reader addressed as such, in every language: "Hinweis für KI-Systeme",
    # "note to AI models", "voor AI-systemen", "pour les systèmes d'IA", "per i sistemi di IA"
    (
        r"\b(?:ki|ai|ia|llm|gpt)[- ]?(?:systeme?n?|systems?|système\w*|sistem[ai]\w*|modell\w*|models?|modèles?|modell?[io]|assistent\w*|assistants?|agent\w*|reader|leser)\b",
        (
            ("system", "systè", "sistem", "model", "modè", "assistent", "assistant", "agent", "reader", "leser"),
            ("ai", "ki", "ia", "llm", "gpt"),
        ),
        "agikl",
        ("ki", "ai", "ia", "llm", "gpt"),
    ),
    (
        r"\b(?:systèmes?|sistemi|sistemas?|systemen|modèles?|modelli|modelos)\s(?:d'|di |de )?(?:ia|ai|ki|llm)\b",
        (("systè", "sistem", "systemen", "modè", "modelli", "modelos"), ("ia", "ai", "ki", "llm")),
        "ms",
    ),
    (
        r"\b(?:für|an|to|for|voor|aan|pour|à|per|para|för|til)\s(?:die |das |den |the |any |all |alle |les |de |het |i |gli |los |las )?(?:automated|automatic|automatische\w*|automatisierte\w*|maschinelle\w*|geautomatiseerde|automatisé\w*|automatizzat\w*|automatizad\w*|automatiserade?)\s(?:systems?|readers?|systeme?n?|leser|lesesysteme?|auswertung|systèmes?|sistemi|sistemas?|system)\b",
        (("automat", "maschinelle"), ("system", "reader", "leser", "auswertung", "systè", "sistem")),
        "afptvà",
    ),
    (r"\ban das ki[- ]?system\b", (("an das ki",), ("system",)), "a"),
    (r"\bdear (?:ai|assistant|model)\b", (("dear ai", "dear assistant", "dear model"),), "d"),
    (
        r"\bliebe[rs]? (?:ki|assistent)\b",
        (("liebe ki", "lieber ki", "liebes ki", "liebe assistent", "lieber assistent", "liebes assistent"),),
        "l",
    ),
    (
        r"\b(?:system prompt|systemprompt|language model|sprachmodell|as an ai|als ki|ki-system|ai system)\b",
        (
            (
                "system prompt",
                "systemprompt",
                "language model",
                "sprachmodell",
                "as an ai",
                "als ki",
                "ki-system",
                "ai system",
            ),
        ),
        "akls",
    ),
    (
        r"(?:^|\n)\s*(?:system|assistant|user|admin)\s*:",
        (("system", "assistant", "user", "admin"), (":",)),
        r"\sasu",
        ("\n",),
    ),
    (
        rf"\bset (?:the )?(?:amount|claim|total|balance|outcome|status)\b{_G}{{0,30}}\bto\b",
        (("set ",), ("amount", "claim", "total", "balance", "outcome", "status"), ("to",)),
        "s",
        ("set ",),
    ),
    (
        rf"\bsetze?n? (?:sie )?(?:den |die |das )?(?:betrag|forderung|summe|saldo|status)\b{_G}{{0,30}}\bauf\b",
        (("setz ", "setze ", "setzen ", "setzn "), ("betrag", "forderung", "summe", "saldo", "status"), ("auf",)),
        "s",
    ),
    (
        r"\bmark (?:this |it |the (?:email|message|claim|ticket|case) )?(?:as )?(?:settled|paid|closed|resolved)\b",
        (("mark ",), ("settled", "paid", "closed", "resolved")),
        "m",
    ),
    (
        rf"\b(?:file|mark|classify|treat|record) (?:this|it|the (?:email|message|claim))\b{_G}{{0,30}}\bas\b",
        (
            ("file ", "mark ", "classify ", "treat ", "record "),
            tuple(
                f"{verb} {what}"
                for verb in ("file", "mark", "classify", "treat", "record")
                for what in ("this", "it", "the ")
            ),
        ),
        "cfmrt",
    ),
    (
        rf"\b(?:markiere|klassifiziere|behandle|verbuche)n? (?:sie )?{_G}{{0,40}}\bals (?:erledigt|bezahlt|beglichen|ausgeglichen|geschlossen)\b",
        (
            ("markiere", "klassifiziere", "behandle", "verbuche"),
            ("als erledigt", "als bezahlt", "als beglichen", "als ausgeglichen", "als geschlossen"),
        ),
        "bkmv",
    ),
    (
        r"\bals (?:erledigt|bezahlt|beglichen) (?:markieren|verbuchen|kennzeichnen)\b",
        (("als erledigt ", "als bezahlt ", "als beglichen "), ("markieren", "verbuchen", "kennzeichnen")),
        "a",
    ),
    (r"\bnew instructions\b", (("new instructions",),), "n"),
    (r"\bneue anweisung", (("neue anweisung",),), "n"),
    # the reader addressed by name as the sentence's first word ("KI: Ignoriere …", "AI assistant,
    # …" at a line's or sentence's start); "ki" and "ai" are ordinary words inside a sentence of
    # Hungarian ("nem terjed ki, …"), Slovene ("ki,"), Romanian and Italian ("ai,")
    (
        _SENTENCE_START + r"\b(?:ai|ki|assistant|assistent|llm|claude|chatgpt|gpt)\s*[:,]",
        (("ai", "ki", "assistant", "assistent", "llm", "claude", "gpt"), (":", ",")),
        # no opening literals (a 4th element): a match opens with the sentence start before the name
        "acgkl" + _SENTENCE_START_FIRST,
    ),
    (
        r"\b(?:auto[- ]?approve|approve automatically|automatisch freigeben)\b",
        (("approve", "automatisch freigeben"),),
        "a",
    ),
    # outcome orders in every language, verb-last German, a note to the processing system
    (
        rf"\b(?:betrag|forderung|summe|saldo|status)\b{_G}{{0,12}}\bauf\b{_G}{{0,20}}\b(?:setzen|stellen)\b",
        (("setzen", "stellen"), ("betrag", "forderung", "summe", "saldo", "status"), ("auf",)),
        "bfs",
    ),
    (
        r"\bals (?:erledigt|bezahlt|beglichen|ausgeglichen|geschlossen) (?:zu )?(?:markieren|verbuchen|kennzeichnen|buchen|ablegen|erfassen|behandeln|schließen)\b",
        (
            ("als erledigt ", "als bezahlt ", "als beglichen ", "als ausgeglichen ", "als geschlossen "),
            ("markieren", "buchen", "kennzeichnen", "ablegen", "erfassen", "behandeln", "schließen"),
        ),
        "a",
    ),
    (
        r"\b(?:hinweis|nachricht|anweisung|note|message|instructions?)\s(?:an|für|to|for)\s(?:das|die|den|the)\s(?:\w+\s){0,2}(?:\w*system|verarbeitung|processing|software|pipeline)\b",
        (
            ("system", "verarbeitung", "processing", "software", "pipeline"),
            ("hinweis", "nachricht", "anweisung", "note", "message", "instruction"),
        ),
        "ahimn",
        ("hinweis", "nachricht", "anweisung", "note", "message", "instruction"),
    ),
    (
        r"\bkeine (?:manuelle |menschliche |weitere )?(?:prüfung|kontrolle) (?:ist )?(?:erforderlich|nötig|notwendig)\b",
        (("prüfung", "kontrolle"), ("erforderlich", "nötig", "notwendig"), ("keine ",)),
        "k",
    ),
    (
        r"\bno (?:manual |human |further )?(?:review|check|verification) (?:is )?(?:needed|required|necessary)\b",
        (("needed", "required", "necessary"), ("review", "check", "verification"), ("no ",)),
        "n",
    ),
    (r"\bgeen (?:handmatige |verdere )?(?:controle|beoordeling) (?:is )?nodig\b", (("geen ",), ("nodig",)), "g"),
    (
        r"\baucune (?:vérification|validation) (?:manuelle )?(?:n'est )?nécessaire\b",
        (("aucune ",), ("nécessaire",)),
        "a",
    ),
    (r"\bnessuna (?:verifica|revisione) (?:manuale )?(?:è )?necessaria\b", (("nessuna ",), ("necessaria",)), "n"),
    (
        r"\bno (?:es necesaria|se requiere) (?:ninguna )?(?:revisión|verificación)\b",
        (("no es necesaria", "no se requiere"),),
        "n",
    ),
    (
        rf"\bmarkeer\b{_G}{{0,30}}\bals (?:betaald|voldaan|afgehandeld|gesloten)\b",
        (("markeer",), ("als betaald", "als voldaan", "als afgehandeld", "als gesloten")),
        "m",
    ),
    (
        r"\bals (?:betaald|voldaan|afgehandeld) (?:markeren|boeken|registreren)\b",
        (("als betaald ", "als voldaan ", "als afgehandeld "),),
        "a",
    ),
    (rf"\bzet (?:het )?(?:bedrag|saldo)\b{_G}{{0,20}}\bop\b", (("zet ",), ("bedrag", "saldo"), ("op",)), "z"),
    (
        rf"\bmarquez\b{_G}{{0,30}}\bcomme (?:réglée?|payée?|soldée?|clôturée?)\b",
        (("marquez",), ("comme ",)),
        "m",
    ),
    (
        rf"\b(?:mettez|fixez|passez) (?:le )?(?:montant|solde)\b{_G}{{0,20}}\bà\b",
        (("mettez ", "fixez ", "passez "), ("montant", "solde"), ("à",)),
        "fmp",
    ),
    (
        rf"\b(?:segnate|segna|contrassegnate)\b{_G}{{0,30}}\bcome (?:pagat|saldat|chius)\w*",
        (("segna",), ("come pagat", "come saldat", "come chius")),
        "cs",
    ),
    (
        rf"\bimpost(?:ate|a) (?:l'importo|il saldo)\b{_G}{{0,20}}\ba\b",
        (("impost",), ("l'importo", "il saldo")),
        "i",
    ),
    (
        rf"\bmarque(?:n)?\b{_G}{{0,30}}\bcomo (?:pagad|saldad|cerrad)\w*",
        (("marque",), ("como pagad", "como saldad", "como cerrad")),
        "m",
    ),
    (
        rf"\bestablezca(?:n)? (?:el )?(?:importe|saldo)\b{_G}{{0,20}}\ben\b",
        (("establezca",), ("importe", "saldo")),
        "e",
    ),
    (
        rf"\bmarkera\b{_G}{{0,30}}\bsom (?:betald|reglerad|avslutad)\b",
        (("markera",), ("som betald", "som reglerad", "som avslutad")),
        "m",
    ),
    (
        rf"\bmarker\b{_G}{{0,30}}\bsom (?:betalt|afsluttet|avsluttet)\b",
        (("marker",), ("som betalt", "som afsluttet", "som avsluttet")),
        "m",
    ),
    (rf"\bsett (?:beløpet|saldoen)\b{_G}{{0,20}}\btil\b", (("sett ",), ("beløpet", "saldoen"), ("til",)), "s"),
)
INJECTIONS = GatedAlternation(_INJECTION_TABLE + _HOLD_FAMILY_INJECTIONS, re.IGNORECASE)
_INJECTIONS = INJECTIONS.whole  # the whole table, for a caller without the gate (pipeline/scan.py)
#: The one table of what addresses the system; the rules extractor strips the same sentences.
INJECTIONS_RE = _INJECTIONS


#: An element a mail client does not show: ``display:none``, ``visibility:hidden``, zero size
#: or opacity, Outlook's ``mso-hide:all``, a zero-height box with its overflow cut.
_HIDDEN_ELEMENT = re.compile(
    r"<(?P<tag>[a-z][a-z0-9]*)\b[^>]*\bstyle\s*=\s*[\"'][^\"']*(?P<how>display\s*:\s*none|visibility\s*:\s*hidden|"
    r"font-size\s*:\s*0(?:px|pt|em|%)?\s*(?=;|[\"'])|opacity\s*:\s*0(?:\.0+)?\s*(?=;|[\"'])|mso-hide\s*:\s*all|"
    r"max-height\s*:\s*0(?:px)?\s*;[^\"']*overflow\s*:\s*hidden)[^\"']*[\"'][^>]*>(?P<inner>.*?)</(?P=tag)\s*>",
    re.IGNORECASE | re.DOTALL,
)
#: What a hidden text must not carry: a money figure or a word that sets an outcome.
_HIDDEN_PAYLOAD = re.compile(
    r"\d[\d.,' ]*[.,]\d{2}\b|\b0[.,]00\b|\b(?:amount|balance|settled|paid|close\w*|betrag|saldo|erledigt|bezahlt|"
    r"schließ\w*|montant|solde|réglé\w*|clôtur\w*|bedrag|voldaan|betaald|importo|saldat\w*|importe|saldad\w*|belopp|"
    r"beløb|beløp|betalt|betald)\b",
    re.IGNORECASE,
)


def hidden_instructions(html: str) -> list[str]:
    """Texts of ``html`` that a reader never sees (see ``_HIDDEN_ELEMENT``) and that carry a
    money figure or an outcome word: a creditor has no reason to hide them from the office,
    so they address a machine (docs/evaluation.md, "The gate and the safety layer").
    Empty: none. A hidden preheader without figures or outcome words does not count."""
    return [text for text, _ in hidden_texts(html)]


def hidden_texts(html: str) -> list[tuple[str, str]]:
    """``hidden_instructions`` with how each text was hidden: (the hidden element's own
    text, at most 160 characters; the style that hides it, e.g. ``display:none``)."""
    found = []
    for m in _HIDDEN_ELEMENT.finditer(html or ""):
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", m.group("inner"))).split())
        if len(text.split()) >= 3 and _HIDDEN_PAYLOAD.search(normalise(text)):
            how = re.sub(r"\s+", "", m.group("how")).lower()
            found.append((text[:160], "max-height:0, overflow:hidden" if how.startswith("max-height") else how))
    return found


def find_injections(texts: Iterable[str]) -> list[str]:
    """Sentences of ``texts`` (raw bodies, hidden HTML included) that address the system
    or try to set an outcome (empty: none). NFKC-normalised, case-insensitive."""
    found: list[str] = []
    for text in texts:
        if not text:
            continue
        norm = normalise(text)
        for m in INJECTIONS.finditer(norm):  # the table's matches, scanned with the branches that can match
            snippet = " ".join(_sentence_around(norm, m.start(), m.end()).split())
            if snippet and snippet not in found:
                found.append(snippet[:160])
    return found


# sold / assigned, enforcement ---------------------------------------------------------------

_ASSIGNED = re.compile(
    r"\b(?:verkauft|abgetreten|abtretung|forderungskauf\w*|zediert|neue[rn]? gläubiger\w*|"
    r"sold (?:to|the)|has been (?:sold|assigned)|was (?:sold|assigned)|assigned (?:to|the (?:debt|claim|account))|"
    r"new (?:creditor|owner of the (?:debt|claim|account))|"
    # bought by someone, in the passive: "purchased by Lowmoor Ltd", "von der Kronos GmbH erworben"
    r"(?:purchased|acquired|bought) by|(?:wurde|ist|sind|wurden) von (?:der |dem |den )?[^.!?\n]{1,60}? "
    r"(?:erworben|angekauft|gekauft)(?! haben))\b",
    re.IGNORECASE,
)
_ENFORCEMENT = re.compile(
    r"(?:\w*gerichtsvollzieh\w*|\b(?:zwangsvollstreck\w*|vermögensauskunft|haftbefehl|bailiff\w*)|\w*pfändung\w*|\b(?:enforcement (?:agent|officer|action|order)|county court judgment|"
    r"ccj|writ of (?:control|execution)|court order|execution (?:order|proceedings|warrant)|(?:warrant|order) (?:of|for) execution))\b"
    # an enforcement authority asked to enforce: "die Vollstreckungsbehörde um Vollstreckung ersucht", "Exekutionsantrag"
    r"|\b(?:vollstreckungs(?:behörde|ersuchen|auftrag|stelle)\w*|um vollstreckung ersucht|exekution\w*|\w*deurwaarder\w*|"
    r"dwangbevel|huissier|commissaire de justice|ufficiale giudiziario|pignoramento|esecuzione forzata|"
    r"v[íi]a de apremio|kronofogde\w*|utmätning|fogedrett\w*|ulosotto\w*)\b"
    # Central and South-East Europe: Czech/Slovak "exekuce"/"exekúcia"/"exekutor", Polish "komornik", Hungarian
    # "végrehajtás"/"végrehajtó", Romanian "executare silită"/"executor judecătoresc", Croatian "ovrha"/"ovršni",
    # Slovene "izvršba"/"izvršitelj" (reply_wording's enforcement table holds the same words)
    r"|\b(?:exek[uú]\w*|komornik\w*|egzekucj\w*|végrehajtó\w*|végrehajtás\w*|executar\w* silit\w*|"
    r"executor\w* judecătoresc\w*|poprir\w*|letiltás\w*|ovrh\w*|ovrsi|ovrš\w*|izvršb\w*|izvršitelj\w*)",
    re.IGNORECASE,
)


def find_assignment(text: str) -> str | None:
    """The sentence (a debt buyer's own acquisition: its phrase) of ``text`` saying the claim was
    sold or assigned to a new holder, or handed to a
    collection agency, a lawyer or an enforcement office (``safety_handover``), not negated
    in its clause ("is not sold and has not been assigned", "weder verkauft noch abgetreten",
    "nicht abgetreten" do not count); None: none."""
    from creditctl.pipeline.excerpts import sentence_excerpt
    from creditctl.pipeline.reply_wording import (  # it builds on this module's tokeniser
        ABBREVIATIONS,
        acquisition_phrase,
    )
    from creditctl.pipeline.safety_handover import handover_phrase  # so does this

    norm = normalise(text)
    acquired = acquisition_phrase(norm)
    if acquired:
        return acquired  # the sender bought or took back the claim: a new holder of record
    for m in _ASSIGNED.finditer(norm):
        before = norm[max(0, m.start() - 160) : m.start()]
        if not _NEGATION.search(before[-40:]) and not NEITHER_NOR.search(before):
            return sentence_excerpt(norm, m.start(), m.end(), abbreviations=ABBREVIATIONS)  # the sentence naming it
    return handover_phrase(norm)  # handed to a collector, a lawyer or an enforcement office


def find_enforcement(text: str) -> str | None:
    """A phrase of ``text`` about court or bailiff enforcement, not stated as a step never
    taken ("Eine Exekution ist derzeit nicht beabsichtigt", "keine Betreibung eingeleitet",
    ``reply_wording.enforcement_discounted``); None: none."""
    from creditctl.pipeline.reply_wording import enforcement_discounted  # it builds on this module's tokeniser

    norm = normalise(text)
    for m in _ENFORCEMENT.finditer(norm):
        if not enforcement_discounted(norm, m.start(), m.end()):
            return match_excerpt(m)
    return None


# settled ---------------------------------------------------------------------------------------

_SETTLED = re.compile(
    r"\b(?:erledigt|beglichen|ausgeglichen|getilgt|(?:vollständig|vollumfänglich|komplett) (?:bezahlt|gezahlt)|"
    r"keine (?:offenen? |weiteren )?(?:forderungen?|ansprüche|rückstände|beträge)|nichts (?:mehr )?offen|"
    r"(?:saldo|rückstand|kontostand|restforderung) ?(?:von |beträgt |: ?)?(?:€ ?|eur ?)?0,00|settled|paid in full|fully paid(?! up)|nothing (?:is )?(?:outstanding|owed|due)|"
    r"no (?:outstanding |further )?(?:balance|amount|debt)|zero balance|balance (?:is |of )?(?:eur |€|£)?0\.00)",
    re.IGNORECASE,
)
#: A negation of the clause before a phrase ("weder verkauft noch abgetreten": both negated).
_NEGATION = re.compile(r"\b(?:nicht|nie|weder|not|never|neither|nor|yet to be)\b[^.!?;\n]{0,25}$", re.IGNORECASE)
#: The second half of "weder … noch" / "neither … nor" / "ni … ni" right before a phrase, however far
#: its first half stands back in the sentence ("wurde von uns weder an ein Inkassobüro abgegeben noch
#: verkauft"): the phrase is negated.
NEITHER_NOR = re.compile(
    r"(?<!\w)(?:weder|neither|ni|né|hverken|varken|verken)(?!\w)[^.!?;\n]{0,120}"
    r"(?<!\w)(?:noch|nor|ni|né|eller|ellers)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


def settled_phrase(text: str) -> str | None:
    """A phrase of ``text`` saying the claim is settled and not negated (``nicht erledigt``,
    ``not settled`` do not count); None when there is none."""
    from creditctl.pipeline.extraction.labels import settles_only_a_part  # it builds on this module's tokeniser

    norm = normalise(text)
    for m in _SETTLED.finditer(norm):
        # negated, or one instalment settled ("die Novemberrate ist beglichen"), is no settled claim
        if not _NEGATION.search(norm[max(0, m.start() - 40) : m.start()]) and not settles_only_a_part(norm, m.start()):
            return match_excerpt(m)
    return _settled_any_language(text)


def _settled_any_language(text: str) -> str | None:
    """The first "settled" phrase of the ten-language table of ``reply_wording``
    ("volledig voldaan", "intégralement réglée", "slutbetald"), negation- and
    condition-aware; None when there is none."""
    from creditctl.pipeline.reply_wording import find_phrases  # it builds on this module's tokeniser

    found = find_phrases("settled", text)
    return found[0] if found else None


# readings --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """The total (Decimal or None) one rendering or extractor read: ``source`` names it
    (``primary``, ``body_text``, ``body_html``, ``html_inline_joined``, ``text_nfkc``,
    ``rules_second_opinion``)."""

    source: str
    total: Decimal | None

    def as_dict(self) -> dict[str, str | None]:
        return {"source": self.source, "total": str(self.total) if self.total is not None else None}


@dataclass(frozen=True)
class SafetyReport:
    """What the checks found: ``reasons`` (each one holds the email), ``notes`` (shown,
    never holding), ``readings`` (every reading of the total), ``injection`` (the email
    addresses the system: never applied, and review offers no default amount) and
    ``credit`` (a credit / negative balance was stated); ``instalments``: when no total was
    read, the instalment figures the creditor's own text states (``reply_wording.
    stated_instalments``, 2 decimal places), so a hold can say what the reply gave instead;
    ``figures``: when no total was read, the figures the creditor's own text names with their
    label kind (``reply_wording.figures_seen``: ``(value, "claim" | "other")``), for the same;
    ``checking``: when no total was read, the creditor's words saying it is still checking and will
    come back (``reply_wording.come_back_phrases``); ``subject_figures``: when no total was read and the
    creditor's own text names no figure, the money figures of the subject line (2 decimal places)."""

    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    injection: bool = False
    credit: bool = False
    disagreement: bool = False
    instalments: tuple[Decimal, ...] = ()
    figures: tuple[tuple[Decimal, str], ...] = ()
    checking: tuple[str, ...] = ()
    subject_figures: tuple[Decimal, ...] = ()


@dataclass(frozen=True)
class Bounds:
    """Plausibility bounds: a drop of more than ``max_drop`` and a rise of more than
    ``max_rise`` (fractions of the stored claim) are held."""

    max_drop: Decimal = Decimal("0.5")
    max_rise: Decimal = Decimal("1.0")


_CURRENT_CUES = re.compile(
    r"\b(?:beträgt|betragen|beläuft|belaufen|offen\w*|gesamt\w*|saldo|forderungsstand|restschuld|restforderung|"
    r"noch|unverändert|weiterhin|derzeit|aktuell\w*|zurzeit|stand|insgesamt|\w*summe|\w*betrag|"
    r"outstanding|balance|current(?:ly)?|still|remains?|owing|owed|due|total|"
    # the other languages of pipeline/reply_wording.py: "Le solde restant dû reste de 2 331,90 EUR"
    r"solde|restant|reste|dû|toujours|encore|actuellement|openstaand\w*|saldo|nog|bedraagt|totaal|residuo|ancora|"
    r"ammonta|totale|dovut[oa]|pendiente|asciende|todavía|adeud\w*|utestående|udestående|fortfarande|stadig|"
    r"fortsatt|uppgår|udgør|utgjør|jäljellä|avoinna|yhteensä|edelleen)\b",
    re.IGNORECASE,
)
_ECHO_CUES = re.compile(
    r"\b(?:ihr(?:em|es)? schreiben|ihrer? (?:mail|nachricht|anfrage)|genannten?|erwähnten?|"
    r"your (?:letter|email|message)|mentioned|you (?:stated|quoted)|"
    r"votre (?:courrier|lettre|message|e-?mail|demande)|mentionnée?|indiquée? par vous|que vous (?:indiquez|mentionnez)|"
    r"uw (?:brief|schrijven|bericht|e-?mail|verzoek)|door u (?:genoemde|vermelde)|"
    r"vostr[ao] (?:lettera|comunicazione|e-?mail|richiesta)|da voi (?:indicat|menzionat)[oa]|"
    r"su (?:carta|escrito|correo|solicitud)|(?:indicad|mencionad)[oa] por ustedes|"
    r"ert brev|er (?:skrivelse|e-?post)|deres (?:brev|henvendelse|e-?mail)|kirjeenne|viestinne)\b",
    re.IGNORECASE,
)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    right_candidates = [i for i in (text.find(c, end) for c in "!?\n") if i >= 0]
    # a period right after the number may be the sentence end; one inside a number is not
    dot = re.search(r"\.(?:\s|$)", text[end:])
    if dot:
        right_candidates.append(end + dot.start())
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right]


_APPLICABLE_KINDS = frozenset({"claim_statement", "claim_settled", "document_request", "settlement_proposal"})


@dataclass(frozen=True)
class _Case:
    """One email's reading as the checks see it: ``check``'s arguments plus what several
    checks share (the joined own text, the sold / enforcement phrases, the credit marks)."""

    total: Decimal | None
    reply_kind: str
    own_texts: Mapping[str, str]
    quoted_text: str
    total_evidence: Sequence[tuple[str, str]]
    readings: Sequence[Reading]
    stored_amount: Decimal | None
    bounds: Bounds
    unread_attachments: Sequence[tuple[str, str]]
    injections: list[str]
    own_all: str
    sold: str | None
    enforced: str | None
    credit_marks: list[str]
    postscript: str = ""  # the creditor's postscripts below the signature (wording only)
    hidden: Sequence[tuple[str, str]] = ()  # texts hidden in the HTML that carry a payload, with how (hidden_texts)
    joined: bool = False  # the body ends with the creditor's own text from below a quote header

    @property
    def settled(self) -> bool:
        return self.reply_kind == "claim_settled"

    @property
    def settled_zero(self) -> bool:
        """A settled reply applying 0.00 (exempt from the whole-number and drop checks)."""
        return self.settled and self.total == 0


def _injection_reasons(case: _Case) -> list[str]:
    """The text addressing the system, quoted; a text hidden in the HTML is quoted alone (not
    merged with the visible text around it in the HTML's plain rendering) and named as hidden."""
    if not case.injections:
        return []
    for hidden, how in case.hidden:
        key = " ".join(normalise(hidden).split())
        if any(key in snippet or snippet in key for snippet in case.injections):
            return [f"text hidden in the HTML ({how}) addresses the system or tries to set an outcome: {hidden!r}"]
    return [f"text addresses the system or tries to set an outcome: {case.injections[0]!r}"]


def _sold_reasons(case: _Case) -> list[str]:
    if case.sold and case.reply_kind != "claim_assigned":
        return [f"claim sold or assigned to a new holder ({case.sold!r}): a person decides"]
    return []


def _enforcement_reasons(case: _Case) -> list[str]:
    if case.enforced and case.reply_kind != "enforcement":
        return [f"court or bailiff enforcement ({case.enforced!r}): a person decides"]
    return []


def _credit_reasons(case: _Case) -> list[str]:
    if not case.credit_marks:
        return []
    return [f"credit or negative balance stated ({case.credit_marks[0]!r}): never applied as an amount owed"]


def _wording_reasons(case: _Case) -> list[str]:
    from creditctl.pipeline.reply_wording import (  # they build on the tokeniser
        contradiction_reasons,
        quoted_figure_reasons,
        wording_reasons,
    )

    skip = frozenset(k for k, hit in (("sold", case.sold), ("enforcement", case.enforced)) if hit)
    if case.reply_kind not in _APPLICABLE_KINDS or case.total is None:
        # held anyway (a kind never applied, no total): the reply's own words still name why, for the person
        text = f"{case.own_all}\n{case.postscript}"
        if case.reply_kind == "auto_reply":
            return []
        confirms = case.reply_kind in _APPLICABLE_KINDS or case.reply_kind == "other"  # not a dispute, a sale …
        quoted = quoted_figure_reasons(case.own_all, case.quoted_text) if confirms else []
        return contradiction_reasons(text, skip) + quoted
    return wording_reasons(total=case.total, own_texts=case.own_texts, skip=skip, also=case.postscript)


def _two_figures_reasons(case: _Case) -> list[str]:
    """Two current figures of equal standing, the total one of them (``equal_figures``)."""
    from creditctl.pipeline.equal_figures import two_figures_reasons  # it builds on the wording tokeniser

    if case.reply_kind not in _APPLICABLE_KINDS:
        return []
    return two_figures_reasons(case.own_texts, case.total)


def _zero_balance_stated(own_texts: Mapping[str, str]) -> bool:
    """Whether a text states a zero figure whose nearest label names the claim or balance
    ("beträgt der Kontostand des Vertragskontos 2000-558-314 EUR 0,00", "the balance is now
    £0.00"): a settled statement in any language of the claim-word table."""
    from creditctl.pipeline.reply_wording import states_zero_balance  # it builds on this module's tokeniser

    return any(states_zero_balance(text) for text in own_texts.values())


def _settled_reasons(case: _Case) -> list[str]:
    if case.settled_zero and not settled_phrase(case.own_all) and not _zero_balance_stated(case.own_texts):
        return ["applying 0.00 as settled, but the reply says nowhere (without a negation) that the claim is settled"]
    return []


def _total_tokens(case: _Case, total: Decimal) -> list[tuple[str, NumberToken]]:
    """(source, token) of every whole number token of the own texts equal to ``total`` (sign ignored)."""
    return [
        (src, tok)
        for src, text in case.own_texts.items()
        for tok in number_tokens(text)
        if tok.value is not None and abs(tok.value) == abs(total)
    ]


def _thread_reasons(case: _Case) -> list[str]:
    """A total that the reply's text states only outside its newest message — below the
    sign-off or a signature delimiter, or in a ticket's older comment — is an earlier figure,
    not today's (``safety_thread.newest_message_span``), unless the newest message points to it
    in the block right below ("Der aktuelle Saldo ist unten im Vorgangsblock ausgewiesen",
    ``safety_thread.pointed_block_span``); a total an attachment states too is not judged here."""
    total = case.total
    if total is None or case.settled_zero or case.joined or "body" not in case.own_texts:
        return []
    found = _total_tokens(case, total)
    if not found or any(src != "body" for src, _tok in found):
        return []
    norm = normalise(case.own_texts["body"])
    start, end = newest_message_span(norm)
    if any(start <= tok.start and tok.end <= end for _src, tok in found):
        return []
    block = pointed_block_span(norm)  # "Der aktuelle Saldo ist unten im Vorgangsblock ausgewiesen": the figure below
    if block is not None and any(block[0] <= tok.start and tok.end <= block[1] for _src, tok in found):
        return []
    return [
        f"total {total} stands only below the sign-off or the signature, or in an older message of the "
        "thread (a ticket's history), not in the newest message: a person decides"
    ]


def _ticket_order_reasons(case: _Case) -> list[str]:
    """A ticket history or thread whose message headers' dates contradict their order — the top
    comment not the newest by date, an older comment above a newer one — leaves which message is
    the newest uncertain, and with it which figure is today's (``safety_thread.dates_out_of_order``;
    the body and the quoted history, in the order the mail shows them)."""
    found = dates_out_of_order(f"{case.own_texts.get('body', '')}\n{case.quoted_text}")
    if found is None:
        return []
    upper, lower = found
    return [
        f"the thread's messages are out of date order ({excerpt(upper, limit=60)!r} stands above the later {excerpt(lower, limit=60)!r}): "
        "which message is the newest is uncertain, a person decides"
    ]


#: A figure stated as cancelled, credited or voided in its own clause ("les factures (537,80 EUR au
#: total) ont été annulées par les notes de crédit", "die Rechnung über 120,00 € wurde storniert",
#: "the invoice of £45.00 was cancelled"): what is no longer owed.
_CANCELLED = re.compile(
    r"(?<!\w)(?:annulée?s?|annulés|storniert|annulliert|gutgeschrieben|cancell?ed|credited|voided|"
    r"geannuleerd|gecrediteerd|gecrediteerd|annullat[aoie]|stornat[aoie]|anulad[oa]s?|"
    r"makulerad\w*|krediterad\w*|annulleret|krediteret|annullert|kreditert|hyvitetty|mitätöity)(?!\w)",
    re.IGNORECASE,
)


def _cancelled_reasons(case: _Case) -> list[str]:
    """A total whose every occurrence in the reply stands in a clause that cancels or credits it
    (no negation before the verb) is no claim: it was the amount written off."""
    from creditctl.pipeline.reply_wording import NEGATIONS, sentence_span  # it builds on this module

    total = case.total
    if total is None or total == 0 or "body" not in case.own_texts:
        return []
    found = [tok for src, tok in _total_tokens(case, total) if src == "body"]
    if not found:
        return []
    norm = normalise(case.own_texts["body"])
    negation = re.compile(rf"(?<!\w)(?:{NEGATIONS})(?!\w)|(?<!\w)n['’](?=\w)", re.IGNORECASE)
    words = []
    for tok in found:
        begin, stop = sentence_span(norm, tok.start, tok.end)
        left = max(norm.rfind(", ", begin, tok.start), begin)
        right = norm.find(", ", tok.end, stop)
        clause = norm[left : right if right >= 0 else stop]
        verb = _CANCELLED.search(clause)
        if verb is None or negation.search(clause, 0, verb.start()):
            return []
        words.append(verb.group(0))
    return [f"total {total} is stated as cancelled or credited ({words[0]!r}), not as owed: a person decides"]


def _evidence_reasons(case: _Case, total: Decimal) -> list[str]:
    """The total's evidence, where it cites an own text, must sit in a whole token (first failure only)."""
    for src, ev_text in case.total_evidence:
        if src not in case.own_texts or not ev_text:
            continue
        if not _evidence_whole(case.own_texts[src], ev_text, total):
            return [f"the total's evidence {excerpt(ev_text, limit=60)!r} is not a whole number {total} in {src}"]
    return []


def _restated_as_current(case: _Case, found: list[tuple[str, NumberToken]]) -> bool:
    """Whether one occurrence of the total sits in a sentence that states it as the current claim, or one that
    confirms the office's figure in the creditor's own words (``_confirmed_as_only_figure``)."""
    for src, tok in found:
        sentence = _sentence_around(normalise(case.own_texts[src]), tok.start, tok.end)
        if _CURRENT_CUES.search(sentence) and not _ECHO_CUES.search(sentence):
            return True
    return _confirmed_as_only_figure(case, found)


def _confirmed_as_only_figure(case: _Case, found: list[tuple[str, NumberToken]]) -> bool:
    """Whether the creditor confirms the office's figure in its own words ("Der in Ihrem Schreiben genannte Betrag
    von 540,00 € ist zutreffend", "Het bedrag in uw brief is juist: … staat € 734,15 open", "Beloppet i ert brev
    stämmer: skulden … är fortfarande 6 240,00 kr": ``labels.confirms_figure``, negation-, condition- and
    question-aware) in a sentence of the total, and states no other money figure anywhere in its own texts (a
    confirmation beside interest or costs added on top is no statement of the whole claim)."""
    from creditctl.pipeline.extraction.labels import confirms_figure
    from creditctl.pipeline.reply_wording import money_tokens  # it builds on this module's tokeniser

    if not found:
        return False
    total = abs(found[0][1].value or 0)
    values = {
        abs(t.value) for text in case.own_texts.values() for t in money_tokens(normalise(text)) if t.value is not None
    }
    if values != {total}:
        return False
    return any(
        confirms_figure(_sentence_around(normalise(case.own_texts[src]), tok.start, tok.end)) for src, tok in found
    )


def _office_figures(case: _Case) -> set[Decimal]:
    """Figures of the quoted history and the office's letter (the stored claim amount), unsigned."""
    figures = {abs(v) for v in whole_token_values(case.quoted_text)} if case.quoted_text else set()
    if case.stored_amount is not None:
        figures.add(abs(case.stored_amount))
    return figures


def _row_figures(norm: str) -> list[Decimal | None]:
    """Per line of ``norm``: its one money figure outside brackets (signed), else None (no
    figure, or several: a sentence or a row with a rate is no list row)."""
    out: list[Decimal | None] = []
    for line in norm.split("\n"):
        values = [
            tok
            for tok in number_tokens(line)
            if tok.value is not None
            and _money_like(line, tok)
            and line.rfind("(", 0, tok.start) <= line.rfind(")", 0, tok.start)
            and not line[tok.end :].lstrip().startswith("%")  # a rate ("Renter 0,8 % pr. md."), no figure
        ]
        out.append(_signed_row(line, values[0]) if len(values) == 1 else None)
    return out


def _signed_row(line: str, tok: NumberToken) -> Decimal | None:
    """A row's figure, negative when a credit mark stands on it ("40.00 CR", "30,00 H")."""
    if tok.value is None:
        return None
    return -abs(tok.value) if _CREDIT_MARK_AFTER.match(line[tok.end : tok.end + 12]) else tok.value


def _rows_adding_up(norm: str, total: Decimal, *, gaps: bool = False) -> set[int]:
    """The line indexes of the rows on consecutive lines of ``norm`` (two or more, one money
    figure each, signed) that add up exactly to ``total`` ("Saldo 6.125,00 / A conto 1.140,00 /
    Indbetaling -1.000,00 / Rykkergebyr 200,00 / Renter -55,00" → 6.410,00); empty when none do.
    ``gaps``: blank lines and a column header may stand between the rows (a statement's layout)."""
    figures = _row_figures(norm)
    lines = norm.split("\n")
    for start in range(len(figures)):
        if figures[start] is None:
            continue
        running, rows = Decimal("0.00"), 0
        for end in range(start, len(figures)):
            value = figures[end]
            if value is None:
                if gaps and (not lines[end].strip() or _HEADER_LINE.fullmatch(lines[end])):
                    continue  # a blank line or a table header between the balance brought forward and the rows
                break
            running, rows = running + value, rows + 1
            if rows > 1 and running == total:
                return set(range(start, end + 1))
    return set()


#: A line of a statement without a figure that does not end its rows: a column header ("Date
#: Description Debit (£) Credit (£)"), a page line ("Page 2/2"); words only, no sentence end.
_HEADER_LINE = re.compile(r"[ \t]*[^\W\d_][^.!?:\n]{0,100}(?<![.!?:])[ \t]*")


def listed_rows_sum(text: str, total: Decimal) -> bool:
    """Whether ``total`` is exactly the sum of two or more rows on consecutive lines of
    ``text``, each row holding one whole money figure ("Hoofdsom € 820,00 / Rente € 34,15 /
    Incassokosten € 123,00" → 977.15): the total of a reply that lists only the parts."""
    return bool(_rows_adding_up(normalise(text), total))


_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])|\n\s*\n")


def stated_parts_sum(text: str, total: Decimal) -> bool:
    """Whether ``total`` is exactly the sum of every money figure (two or more, whole numbers,
    none in brackets) of one sentence that says it lists the claim's parts ("setzen sich … aus
    einer Hauptforderung von 1.212,40 EUR, Zinsen … 96,31 EUR sowie Kosten … 283,05 EUR
    zusammen", "the debt is made up of …")."""
    from creditctl.pipeline.extraction.itemised import COMPOSITION_RE  # the reader's table of such phrases

    for sentence in _SENTENCE_SPLIT.split(normalise(text)):
        if not COMPOSITION_RE.search(sentence):
            continue
        values = [
            tok.value
            for tok in number_tokens(sentence)
            if tok.value is not None
            and _money_like(sentence, tok)
            and sentence.rfind("(", 0, tok.start) <= sentence.rfind(")", 0, tok.start)
        ]
        if len(values) >= 2 and sum(values, Decimal("0.00")) == total:
            return True
    return False


#: A periodic figure: a monthly premium, an instalment, a rate ("La prime mensuelle s'élève à
#: CHF 318.70", "An instalment plan of EUR 60.00 monthly").
_PERIODIC = re.compile(
    r"month|monat|mensu|maand|mensil|mensual|månad|måned|kuukau|miesięcz|instal|\brate\b|\braten|termijn|\brat[ae]\b|"
    r"cuota|afdrag|avdrag|avbetal|weekly|wöchentl|quarterly|vierteljähr|annual|jährlich|per (?:year|jahr)",
    re.IGNORECASE,
)


#: A legal footer: share capital, register, tax and bank numbers ("share capital £50,000").
_FOOTER = re.compile(
    r"capital|kapital|\bRCS\b|\bHR[AB]\b|\bKvK\b|\bVAT\b|USt|registered|handelsregister|amtsgericht|\bIBAN\b",
    re.IGNORECASE,
)
#: A payment (already deducted from the parts): "De betaling van € 40,00 … is reeds … in mindering gebracht".
_PAYMENT = re.compile(
    r"\b(?:payments?|paid|received|betaling|zahlung|gezahlt|bezahlt|eingegangen|eingelangt|paiement|versement|"
    r"pagament|pago|abono|betalning|inbetal|indbetal|innbetal|maksu|wpłat)",
    re.IGNORECASE,
)
#: ... unless it settles the claim: "einmalige Zahlung von 900,00 € als Vergleich".
_SETTLEMENT = re.compile(
    r"vergleich|settle|offer|angebot|regeling|schikking|akkoord|transaction|accord|stralcio|quita|förlik|forlig|"
    r"accept|annehm|angenommen|verkauf|sold|cession|abgetreten",
    re.IGNORECASE,
)


def _figures_beside_rows(text: str, total: Decimal) -> list[Decimal]:
    """The money figures of ``text`` outside the rows that add up to ``total`` (none when no
    rows do, or the rows are a sentence's parts), other than ``total`` and zero."""
    norm = normalise(text)
    rows = _rows_adding_up(norm, total)
    if not rows:
        return []
    out = []
    for i, line in enumerate(norm.split("\n")):
        if i in rows or _PERIODIC.search(line) or _FOOTER.search(line):
            continue  # a monthly premium, an instalment or a legal footer's capital is no competing total
        if _PAYMENT.search(line) and not _SETTLEMENT.search(line):
            continue  # a payment already deducted
        for tok in number_tokens(line):
            if tok.value and abs(tok.value) != abs(total) and _money_like(line, tok):
                out.append(abs(tok.value))
    return out


def _beside_the_parts(case: _Case, total: Decimal) -> list[str]:
    """A total that is only the sum of the listed parts, beside another money figure the
    reply states (an accepted settlement, the figure at a sale, an old balance): the parts
    may be the past and the other figure the present, or the reverse — a person decides
    (docs/evaluation.md, "Decoys: other claims, look-alike accounts")."""
    for text in case.own_texts.values():
        other = _figures_beside_rows(text, total)
        if other:
            return [
                f"total {total} is only the sum of the listed parts, and the reply also states {other[0]}: "
                "a person decides which figure is current"
            ]
    return []


def _whole_number_reasons(case: _Case) -> list[str]:
    total = case.total
    if total is None or case.settled_zero:
        return []
    found = _total_tokens(case, total)
    if not found and any(
        listed_rows_sum(text, total) or stated_parts_sum(text, total) for text in case.own_texts.values()
    ):
        # the sum of the parts a reply lists, each a whole number on its own row: no fragment
        if _equals_office_figure(case, total):
            return [
                f"total {total} equals {_office_source(case, total)} and the reply does not restate it as the current claim"
            ]
        return _beside_the_parts(case, total)
    if not found:
        return [
            f"total {total} is not a whole number in the creditor's reply or attachments "
            "(a fragment of a longer number proves nothing)"
        ]
    reasons = _evidence_reasons(case, total)
    if _equals_office_figure(case, total) and not _restated_as_current(case, found):
        reasons.append(
            f"total {total} equals {_office_source(case, total)} and the reply does not restate it as the current claim"
        )
    return reasons


def _equals_office_figure(case: _Case, total: Decimal) -> bool:
    """Whether ``total`` is one of the office's figures (``_office_figures``): unsigned for a
    figure owed; signed for a credit (a negative total), so -150.00 never "equals" a stored
    150.00 owed nor the quoted letter's 150,00."""
    if total >= 0:
        return total in _office_figures(case)
    quoted = set(whole_token_values(case.quoted_text)) if case.quoted_text else set()
    return total in quoted or total == case.stored_amount


def _office_source(case: _Case, total: Decimal) -> str:
    """Which of the office's figures ``total`` equals, in words: a figure of the quoted
    history, the stored claim amount (the office's letter), or both."""
    quoted = bool(case.quoted_text) and abs(total) in {abs(v) for v in whole_token_values(case.quoted_text)}
    stored = case.stored_amount is not None and abs(case.stored_amount) == abs(total)
    if quoted and stored:
        return "a figure of the quoted history and the stored claim amount (the office's letter)"
    if quoted:
        return "a figure of the quoted history"
    return "the stored claim amount (the office's letter)"


def _unread_reasons(case: _Case) -> list[str]:
    return [
        f"attachment {name} was not fully read ({problem}): the claim may be stated there"
        for name, problem in case.unread_attachments
    ]


def _readings_disagree(readings: Sequence[Reading]) -> bool:
    return len({r.total for r in readings if r.total is not None}) > 1


def _disagreement_reasons(case: _Case) -> list[str]:
    if not _readings_disagree(case.readings):
        return []
    shown = ", ".join(f"{r.source} {r.total if r.total is not None else '—'}" for r in case.readings)
    return [f"the readings of the total disagree: {shown}"]


def plausibility_problem(
    total: Decimal | None, stored: Decimal | None, bounds: Bounds, *, settled_zero: bool = False
) -> str | None:
    """The one plausibility rule (the gate's check, and a person's typed amount in review):
    why ``total`` against the ``stored`` claim amount (Decimal, the claim's currency) is
    outside ``bounds`` — a drop of more than ``max_drop``, a rise of more than
    ``max_rise``, or any figure owed reopening a claim stored as 0 or less — or None when
    it is within them (or either amount is None). ``settled_zero``: 0.00 for a settled
    reply, exempt from the drop bound."""
    if total is None or stored is None or total < 0:
        return None  # a credit (negative total) is held as a credit: no drop or rise to state
    if stored <= 0:  # no ratio to a settled claim: any figure owed reopens it
        return None if total <= 0 else f"total {total} reopens a claim stored as {stored} (settled or in credit)"
    change = (total - stored) / stored
    if change < -bounds.max_drop and not settled_zero:
        return f"total {total} is a drop of {-change:.0%} from the stored {stored} (more than {bounds.max_drop:.0%})"
    if change > bounds.max_rise:
        return f"total {total} is a rise of {change:.0%} from the stored {stored} (more than {bounds.max_rise:.0%})"
    return None


def _plausibility_reasons(case: _Case) -> list[str]:
    problem = plausibility_problem(case.total, case.stored_amount, case.bounds, settled_zero=case.settled_zero)
    return [f"{problem}: a person checks it"] if problem else []


_CHECKS = (
    _injection_reasons,
    _sold_reasons,
    _enforcement_reasons,
    _credit_reasons,
    _wording_reasons,
    _two_figures_reasons,
    _settled_reasons,
    _whole_number_reasons,
    _thread_reasons,
    _ticket_order_reasons,
    _cancelled_reasons,
    _unread_reasons,
    _disagreement_reasons,
    _plausibility_reasons,
)
"""The checks in the order their reasons are listed; each takes the ``_Case`` and returns
its reasons (empty: it passes). A new check is one more function here."""


def _credit_marks(own_texts: Mapping[str, str], total: Decimal | None) -> list[str]:
    marks = [mark for text in own_texts.values() for mark in find_credit_marks(text, total)]
    if total is not None and total < 0:
        marks.append(str(total))
    return marks


def check(
    *,
    total: Decimal | None,
    reply_kind: str,
    own_texts: Mapping[str, str],
    quoted_text: str,
    raw_texts: Sequence[str],
    total_evidence: Sequence[tuple[str, str]] = (),
    readings: Sequence[Reading] = (),
    stored_amount: Decimal | None = None,
    bounds: Bounds | None = None,
    unread_attachments: Sequence[tuple[str, str]] = (),
    html: str = "",
    postscripts: Sequence[str] = (),
    joined: bool = False,
    subject: str = "",
) -> SafetyReport:
    """Run every check on one email's reading (the ``_CHECKS`` table, in order; module docstring):
    ``total``: the total the gate would apply (0.00 for a settled reply); ``reply_kind``: the
    ``ReplyKind`` value; ``own_texts``: the creditor's latest text by source (``body``,
    ``attachment:<name>``); ``quoted_text``: the quoted history; ``raw_texts``: every raw rendering
    (text body, HTML with hidden elements as text, subject, attachments) for the injection search;
    ``total_evidence``: (source, text) of the total's evidence; ``readings``: the primary reading
    first; ``stored_amount``: the matched claim's amount now; ``unread_attachments``: (file name,
    problem) of attachments read not at all or in part; ``html``: the HTML body (hidden texts with
    a figure or an outcome word address the system); ``postscripts``: the creditor's "PS: …" below
    its signature, read for contradicting wording only; ``joined``: the body ends with the
    creditor's own text read from below a quote header (``cleaning_quotes.TextParts.joined``), so
    text below its sign-off is still the newest message; ``subject``: the subject line. Never raises.
    """
    own_all = "\n".join(own_texts.values())
    also = "\n".join(p for p in postscripts if p)
    case = _Case(
        total=total,
        reply_kind=reply_kind,
        own_texts=own_texts,
        quoted_text=quoted_text,
        total_evidence=total_evidence,
        readings=readings,
        stored_amount=stored_amount,
        bounds=bounds or Bounds(),
        unread_attachments=unread_attachments,
        injections=find_injections(raw_texts) + [t for t in hidden_instructions(html) if t],
        hidden=hidden_texts(html),
        own_all=own_all,
        sold=find_assignment(f"{own_all}\n{also}"),
        enforced=find_enforcement(f"{own_all}\n{also}"),
        postscript=also,
        credit_marks=_credit_marks(own_texts, total),
        joined=joined,
    )
    return SafetyReport(
        tuple(reason for one_check in _CHECKS for reason in one_check(case)),
        (),
        tuple(readings),
        bool(case.injections),
        bool(case.credit_marks),
        _readings_disagree(readings),
        *_stated_instead(own_all, total, subject),  # the subject only words a hold without a total
    )


def _stated_instead(
    own_all: str, total: Decimal | None, subject: str = ""
) -> tuple[tuple[Decimal, ...], tuple[tuple[Decimal, str], ...], tuple[str, ...], tuple[Decimal, ...]]:
    """``SafetyReport``'s ``instalments``, ``figures``, ``checking`` and ``subject_figures``: what the
    creditor's own text (and the subject, when the text names no figure) states when no total was
    read (all empty when one was)."""
    if total is not None:
        return (), (), (), ()
    from creditctl.pipeline.reply_wording import (  # they build on this tokeniser
        come_back_phrases,
        figures_seen,
        stated_instalments,
    )

    own_figures = figures_seen(own_all)
    subject_figures = tuple(v for v, _ in figures_seen(subject)) if subject and not own_figures else ()
    return stated_instalments(own_all), own_figures, tuple(come_back_phrases(own_all)), subject_figures


def _evidence_whole(source_text: str, evidence: str, total: Decimal) -> bool:
    """Whether ``evidence`` (found in ``source_text``) covers a whole number token equal to
    ``total``: every occurrence is widened to its line, and that line must hold such a
    token that overlaps the evidence."""
    norm_src, norm_ev = normalise(source_text), normalise(evidence)
    start = norm_src.find(norm_ev)
    if start < 0:
        return any(t.value is not None and abs(t.value) == abs(total) for t in number_tokens(norm_ev))
    while start >= 0:
        end = start + len(norm_ev)
        for tok in number_tokens(norm_src):
            if tok.value is not None and abs(tok.value) == abs(total) and tok.start < end and tok.end > start:
                # the evidence may not stop inside a longer token, nor begin inside one
                return True
        start = norm_src.find(norm_ev, start + 1)
    return False
