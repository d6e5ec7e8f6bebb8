"""Money amounts in creditor letters → ``Decimal``, and which of them is the claim.

- ``parse_amount(text)``: one literal → ``Decimal`` with 2 places, or ``None`` when it is
  not exactly one unambiguous token.
- ``find_amounts(text)``: every money amount (a token of ``numbers.scan_numbers`` with a
  currency next to it, or with a decimal part on a line or under a caption naming a
  currency, or in a table row), with its span and the label of its line.
- ``amount_role(found)``: total, principal, interest, costs or other, from the label
  table ``labels.AMOUNT_LABELS`` (one table, every language).
- ``choose_amounts(items)``: the total and components of one reply, with evidence:
  a labelled total, the sum row among several, the rest after stated deductions, the
  sum of the components, or the one unlabelled amount; a credit stays negative.

Number formats (one tokeniser, ``numbers``): ``1.234,56``, ``1,234.56``, ``1 234,56``
(any Unicode space), ``1'234.50`` (any apostrophe look-alike), ``1.500,–``, ``12,5``,
signs and credit marks (``150,00-``, ``H``, ``CR``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from creditctl.pipeline.cleaning_language import letter_language
from creditctl.pipeline.extraction.labels import (
    AFTER_PAYMENT_RE,
    BANK_ACCOUNT_RE,
    CURRENT_COLUMN_RE,
    DEBIT_BALANCE_RE,
    GENERIC_CLAIM_RE,
    INCLUSIVE_RE,
    LABEL_RES,
    LETTER_COLUMN_RE,
    PAYMENT_TAIL_RE,
    ocr_folded,
    offer_object,
    office_figure_confirmed,
    says_paid,
)
from creditctl.pipeline.extraction.later_total import announces_total_later
from creditctl.pipeline.extraction.model import Amounts, Evidence
from creditctl.pipeline.extraction.numbers import (
    CURRENCY_CODES,
    CURRENCY_PATTERN,
    currency_code,
    decimal_convention,
    lone_group_reads,
    normalise,
    scan_numbers,
    separators,
)
from creditctl.pipeline.procedure_echo import without_office_frame

__all__ = [
    "current_beside_earlier",
    "CURRENCY_CODES",
    "running_balance_total",
    "AmountChoice",
    "FoundAmount",
    "amount_role",
    "amounts_with_labels",
    "choose_amounts",
    "find_amounts",
    "is_strong_total",
    "parse_amount",
    "with_text_currency",
]

_TWO_PLACES = Decimal("0.01")

_CUR = CURRENCY_PATTERN
_CUR_RE = re.compile(_CUR, re.IGNORECASE)
#: A new clause after a comma: "€40.00 on 27/10, so the balance now stands at …", "…
#: eingegangen, daher beträgt der Saldo": the words after the comma name the next figure.
_NEW_CLAUSE = (
    r",\s+(?=(?i:so|and so|therefore|thus|which means|daher|somit|womit|so ?dass|dus|waardoor|donc|ainsi|quindi|"
    r"pertanto|por lo que|así que|por tanto|så|derfor|joten)\b)"
)
#: A currency-less "12.10" that may be a day and a month; "30.40" or "12.50" cannot be (no month 40
#: or 50): under a currency column they are money ("Statutory interest | 30.40").
_DATE_LIKE = re.compile(r"^-?(?:0?[1-9]|[12]\d|3[01])[.](?:0?[1-9]|1[0-2])$")


@dataclass(frozen=True)
class FoundAmount:
    """One money amount found in a text.

    ``amount`` is a Decimal with 2 places (negative for a credit mark or a minus sign);
    ``currency`` an ISO 4217 code or None when only the line suggests money;
    ``start``/``end`` the span of ``text`` (the exact matched literal, currency and
    sign included) in the searched text; ``label`` the words that name it (text before
    it on its line, table separators removed, e.g. ``"Hauptforderung"``); ``after``
    the words after it in its clause on its line; ``line`` the whole line; ``credit`` whether a
    credit mark (trailing minus, H/Haben, CR) stands on the number; ``line_no`` the
    index of its line in the searched text (rows of one statement are consecutive).
    """

    amount: Decimal
    currency: str | None
    start: int
    end: int
    text: str
    label: str
    after: str
    line: str
    credit: bool = False
    line_no: int = 0


def _currency_code(token: str | None) -> str | None:
    return currency_code(token)


def parse_amount(text: str) -> Decimal | None:
    """Parse one money literal into a Decimal with 2 places (``numbers.scan_numbers``).

    ``"1.234,56 €"`` → ``Decimal("1234.56")``; ``"EUR 2,137.40"`` → ``2137.40``;
    ``"1.500,-- €"`` / ``"1.500,–"`` → ``1500.00``; ``"1 234,56"`` (any Unicode space)
    → ``1234.56``; ``"CHF 1'245.30"`` / ``"1’234.50"`` → ``1245.30`` / ``1234.50``;
    ``"12,5 €"`` / ``"12,5"`` → ``12.50``; ``"150,00-"`` / ``"-150,00 €"`` /
    ``"150,00 CR"`` / ``"150,00 H"`` → ``-150.00`` (a credit). Returns None for anything
    that is not exactly one literal, and when the literal is ambiguous (``"1.234"`` with
    no currency, ``"1.234.56"``). Never raises.

    An intended pair with ``claude.parse_amount``: the two read the same literals
    independently (the evidence check re-reads Claude's amounts with this one), so an
    amount survives only when two separate readings agree. Their shared table of inputs
    on which they must agree or both refuse: ``tests/unit/test_money_parsers.py``. The
    rules both follow: a literal with two readings is refused unless a currency settles
    it (``"1.234"`` refused, ``"1.234 €"`` 1234.00: no currency read has three decimal
    places); a one-digit decimal part has one reading (``"12,3"`` 12.30); a space or an
    apostrophe is never a decimal separator (``"1 234"`` 1234.00); a sign or a credit
    mark is read, not refused (``"-12,00 €"`` -12.00: a credit is the safety layer's to
    hold, and it must see the sign); a parenthesised or ``+`` figure is refused.
    """
    stripped = (text or "").strip()
    if _garbled(stripped):
        return None
    tokens = scan_numbers(stripped, literal=True)
    if len(tokens) != 1 or tokens[0].start != 0 or tokens[0].end != len(stripped):
        return None
    return tokens[0].value


_DASH_UNITS = re.compile(r"[.,]-{1,2}(?=\s?(?i:" + _CUR + r")?(?: (?:Haben|Soll|CR|DR|Cr|Dr|H|S))?$)")


def _garbled(literal: str) -> bool:
    """Two currencies (``£53€``) or two minus signs (``-4,31-``; the dashes of whole units
    ``1.500,--`` do not count) in one literal: no single reading."""
    norm = normalise(literal)
    return len(_CUR_RE.findall(norm)) > 1 or _DASH_UNITS.sub("", norm).count("-") > 1


def _label_of(line: str, seg_start: int, amount_start: int) -> str:
    """The naming words before an amount: the nearest table cell that has letters."""
    before = line[seg_start:amount_start]
    cells = [c for c in re.split(r"\s\|\s|\t|\|", before)]
    for cell in reversed(cells):
        cleaned = re.sub(r"[\s:=]+$", "", cell).strip(" :-–—.\u00a0")
        cleaned = _CUR_RE.sub("", cleaned).strip(" :(")
        if cleaned.endswith(")") and cleaned.count(")") > cleaned.count("("):
            cleaned = cleaned[:-1].rstrip(" :")  # an unbalanced ")" only: "(Vertrag 3-221-05)" stays closed
        if re.search(r"[^\W\d_]{2,}", cleaned):
            return re.sub(r"\s+", " ", cleaned)
    return ""


_TABLE_ROW = re.compile(r" \| |\t|\S {2,}\S|^(?:[^;\n]*;){2}")  # a CSV row: two ";" at least
#: Label words that make a decimal number money even with no currency on its line
#: ("Hauptforderung: 1.000,00"); rates ("Zinssatz 5,25") are not money.
_MONEY_LABEL = re.compile(
    "|".join(LABEL_RES[r].pattern for r in ("total", "weak_total", "principal", "costs")), re.IGNORECASE
)
#: A currency right before a number, separated only by the spaces of an aligned column.
_COLUMN_CURRENCY = re.compile(r"(" + _CUR + r"|\bS?Fr\.) {2,}$", re.IGNORECASE)
_RATE = re.compile(r"satz|\brate\b|prozent|percent|p\.\s?a\.|%|tarif|taux|tasso|tasa|ränta på", re.IGNORECASE)


@lru_cache(maxsize=512)
def _line_amounts(
    line: str, line_currency: str | None, context_currency: str | None
) -> tuple[tuple[int, int, Decimal, str | None, bool], ...]:
    """(start, end, value, currency, credit) of the money tokens of one line. Memoised: one
    email's readings find the amounts of the same lines several times.

    A token is money when a currency stands next to it, or when it has a decimal part
    and the line names a currency, is a table row, a table header above named one
    (``context_currency``), or a money label stands before it ("Hauptforderung:
    1.000,00"; its currency then comes from the rest of the reply).
    """
    out = []
    is_table = bool(_TABLE_ROW.search(line))
    for tok in scan_numbers(line):
        if tok.value is None:
            continue
        currency = tok.currency
        column = _COLUMN_CURRENCY.search(line[: tok.start]) if currency is None and tok.decimal else None
        if column:  # "Verzugszins 5 %      CHF     52.90": the currency of an aligned column
            currency = _currency_code(column.group(1))
        if currency is None:
            literal = line[tok.start : tok.end].strip()
            label = line[: tok.start]
            money_label = bool(_MONEY_LABEL.search(label)) and not _RATE.search(label)
            if (
                not tok.decimal
                or _DATE_LIKE.match(literal)
                or not (line_currency or is_table or context_currency or money_label)
            ):
                continue
            currency = line_currency or context_currency
        out.append((tok.start, tok.end, tok.value, currency, tok.credit))
    return tuple(out)


def find_amounts(text: str) -> list[FoundAmount]:
    """Find every money amount in ``text``, in order of appearance.

    Tokens come from ``numbers.scan_numbers`` (whole tokens only, after Unicode
    normalisation). An amount counts when a currency token stands next to it (``€``,
    ``EUR``, ``£``, ``CHF``, ``Fr.``, ``SEK``, ``kr`` …), or when it has a decimal part
    and its line names a currency, is a table row (``"Hauptforderung | 1.204,50"``,
    tab- or column-separated), or a header line above it named the currency and no
    amount ("Betrag (EUR)"). Dates, IBANs, phone numbers and bare integers are
    therefore not amounts. Returns ``FoundAmount`` items (Decimal, 2 places); never raises.
    """
    found: list[FoundAmount] = []
    line_start = 0
    header_currency: str | None = None
    for line_no, line in enumerate(text.splitlines(keepends=True)):
        bare_line = line.rstrip("\r\n")
        m_cur = _CUR_RE.search(bare_line)
        line_currency = _currency_code(m_cur.group(0)) if m_cur else None
        items = _line_amounts(bare_line, line_currency, header_currency)
        if line_currency and not items:
            header_currency = line_currency  # a caption: "Position | Betrag in EUR"
        found.extend(_found_on_line(bare_line, line_start, items, line_no))
        line_start += len(line)
    return _settled_groups(found, text)


def _settled_groups(found: list[FoundAmount], text: str) -> list[FoundAmount]:
    """``found`` without the currency-marked lone groups (``EUR 1.234``) that the text's own
    convention leaves ambiguous (``numbers.lone_group_reads``): in an English text, or one
    whose other amounts write a decimal point (``12.50``), ``EUR 1.234`` is no amount."""
    lone = [(f, separators(f.text)[1]) for f in found]
    if not any(sep for _, sep in lone):
        return found
    others = [f.text for f, sep in lone if not sep]
    convention = decimal_convention(others, letter_language(text))
    return [f for f, sep in lone if not sep or lone_group_reads(sep, convention)]


#: Where the words that belong to a figure end after it: a closing bracket, a semicolon, or
#: a sentence end ("…, Monatsrate 238,00 EUR) haben wir … gekündigt" names nothing of 238,00).
_AFTER_END = re.compile(r"[)\];]|[.!?]\s+(?=[A-ZÄÖÜ])|" + _NEW_CLAUSE)
#: The words between two figures only join them ("received €40.00 on 25/09 and €40.00 on 27/10"):
#: the second shares the first's label.
_JOINED = re.compile(
    r"^(?:(?:on|am|vom|op|le|il|el|den|per|at|au|del|de|of|dated?)\s+)?(?:[\d./-]+\s+)?"
    r"(?:and|und|sowie|en|et|e|y|og|och|ja|plus)$",
    re.IGNORECASE,
)


def _found_on_line(
    line: str, offset: int, items: Sequence[tuple[int, int, Decimal, str | None, bool]], line_no: int = 0
) -> list[FoundAmount]:
    out = []
    seg_start = 0
    prev_label = ""
    for i, (start, end, value, currency, credit) in enumerate(items):
        label = _label_of(line, seg_start, start)
        aside = _aside_before(line, [it[0] for it in items[:i]], start)
        if aside is not None:
            # "der Saldo beläuft sich – nach Eingang Ihrer Zahlung über 50,00 € – auf 352,15 €": the
            # words before the aside name the figure after it
            cut = aside.find("\x00")
            label = _label_of(aside, max([it[1] for it in items[:i] if it[1] <= cut] or [0]), start).replace("\x00", "")
        if not label and ")" in line[seg_start:start] or _JOINED.match(label):
            label = prev_label  # "Aufrechnungen 08-11/2026 (je 56,30 EUR)   -225,20 EUR": the row's own label
        elif not label and (head := _before_included_part(prev_label)):
            label = head  # "… beträgt … einschließlich eines Säumniszuschlags von 8,00 Euro 485,36 Euro"
        prev_label = label
        nxt = items[i + 1][0] if i + 1 < len(items) else len(line)
        after = _AFTER_END.split(line[end:nxt], maxsplit=1)[0].strip(" |:,;.")
        out.append(
            FoundAmount(
                value, currency, offset + start, offset + end, line[start:end], label, after, line, credit, line_no
            )
        )
        seg_start = end
    return out


def _before_included_part(label: str) -> str:
    """The words of ``label`` before an included part named with its own figure at its end
    ("der Rückstand … beträgt … einschließlich eines Säumniszuschlags von" gives "der Rückstand …
    beträgt …"): the figure right after that part's is the one those words name. "" otherwise."""
    spans = list(_INCLUSIVE_RE.finditer(label)) if label else []
    if not spans or spans[-1].end() < len(label.rstrip()) or not _PART_OF.search(spans[-1].group(0)):
        return ""
    return label[: spans[-1].start()].strip(" ,")


#: An aside between spaced dashes: " – nach Eingang Ihrer Zahlung über 50,00 € am 23.11. – ".
ASIDE_RE = re.compile(r"\s[–—-]\s[^–—\n]{1,160}?\s[–—-]\s")


def _aside_before(line: str, earlier: list[int], start: int) -> str | None:
    """``line`` with the aside that holds an earlier figure and closes before ``start``
    blanked out (its first character marked ``\\x00``), else None."""
    for m in ASIDE_RE.finditer(line[:start]):
        if any(m.start() < e < m.end() for e in earlier):
            return line[: m.start()] + "\x00" + " " * (m.end() - m.start() - 1) + line[m.end() :]
    return None


# --- amount roles -----------------------------------------------------------------
_OTHER_RE = LABEL_RES["other"]
_STRONG_TOTAL_RE = LABEL_RES["total"]
_WEAK_TOTAL_RE = LABEL_RES["weak_total"]
_CREDIT_RE = LABEL_RES["credit"]
_REST_RE = LABEL_RES["rest"]
_PREDICATE_RE = LABEL_RES["predicate"]
_COMPONENT_RES: list[tuple[str, re.Pattern[str]]] = [(r, LABEL_RES[r]) for r in ("principal", "interest", "costs")]
_INCLUSIVE_RE = INCLUSIVE_RE
_GENERIC_CLAIM = GENERIC_CLAIM_RE
COMPONENTS = ("principal", "interest", "costs")
#: Where a clause ends: ";", a full stop after a long word, or after a short lower-case
#: word before a capital ("at this time. The full balance") — never after an
#: abbreviation ("abzgl.", "inkl.", "bzw.", "geb.") or a title ("Sig.", "Mrs.").
_ABBREVIATIONS = (
    "inkl",
    "zzgl",
    "bzgl",
    "incl",
    "excl",
    "ggf",
    "usw",
    "bzw",
    "ggü",
    "etc",
    "resp",
    "evtl",
    "vgl",
    "gem",
    "geb",
    "sog",
    "str",
    "ref",
    "approx",
    "nos",
    "art",
)
_CLAUSE_END = re.compile(
    _NEW_CLAUSE
    + r"|;|(?<=[^\W\d_]{6})\.\s+(?=[^\W\d_])|(?<=[a-zäöüßéèàç]{3})"
    + "".join(f"(?<!{a})" for a in _ABBREVIATIONS)
    + r"\.\s+(?=[A-ZÄÖÜÉ])"
)
#: A sentence ending in a year or a closed bracket: "… rendue le 17/11/2026. Le montant total dû s'élève à",
#: "… entered on 02/10/2026 (Claim No. K9QZ41A7). The judgment debt … is" — the earlier sentence names
#: nothing of the first figure of its line (not after a day's ordinal: "zum 1. Januar"). After an earlier
#: figure on the line ("… EUR 4,350.10 as of 5 December 2026. Alternatively we would accept EUR 3,000.00")
#: the date is that figure's, and the words stay as they were read.
_YEAR_SENTENCE_END = re.compile(r"(?<=\d{4})\.\s+(?=[A-ZÄÖÜÉ][^\W\d_])|(?<=\))\.\s+(?=[A-ZÄÖÜÉ][^\W\d_])")


def _nearest(words: str, patterns: list[tuple[str, re.Pattern[str]]], *, before: bool) -> str | None:
    """The role whose keyword stands nearest the amount: the one ending last in a label
    (``before``: "au capital de" beats its "capital"), the first in the words after it."""
    best: tuple[int, str] | None = None
    for role, rx in patterns:
        for m in rx.finditer(words):
            pos = m.end() if before else -m.start()
            if best is None or pos > best[0]:
                best = (pos, role)
    return best[1] if best else None


#: The rest waived, not owed: "eftergives restgælden på", "auf die Restforderung von … verzichtet",
#: "the remaining balance … waived" — a rest word then names what is forgiven, not the claim.
_WAIVED_RE = re.compile(
    r"\b(?:eftergiv\w*|efterg(?:es|avs)|efterskänk\w*|ettergi\w*|erlassen|verzicht\w*|waived?|"
    r"kwijtgescholden|condonat\w*|stralciat\w*|condon\w*|renon(?:çons|cé|cer))",
    re.IGNORECASE,
)


def _rest_nearest(label: str) -> bool:
    """Whether a rest word ("Restforderung", "remaining balance") stands after every
    payment/offer word of the label: "Nach Verrechnung beträgt die Restforderung" — and the
    label does not waive it (``_WAIVED_RE``)."""
    if _WAIVED_RE.search(label):
        return False
    rests = [m.end() for m in _REST_RE.finditer(label)]
    others = [m.end() for m in _OTHER_RE.finditer(label)]
    return bool(rests) and max(rests) > max(others, default=-1)


def _just_before(found: FoundAmount, bracket: str) -> bool:
    """Whether ``bracket`` ("(" or ")") stands right before the amount on its line (spaces and
    a currency between)."""
    pos = found.line.find(found.text)
    pattern = re.escape(bracket) + r"\s*(?:" + _CUR + r")?\s*$"
    return pos > 0 and bool(re.search(pattern, found.line[:pos], re.IGNORECASE))


def _parenthesis(label: str, after: str, found: FoundAmount | None = None) -> tuple[str, str]:
    """An amount inside an open parenthesis is named by the words inside it: "die Schuld
    (Flugänderung, Gebühren, 148,00 €) wurde bezahlt" — the parenthesis' words, not
    "Schuld", name it, and the words after ")" are the sentence's, not its label. A
    parenthesis that closes in the label (opened before the previous amount) takes its
    words with it. (label, after) unchanged when no parenthesis is open or closing."""
    close = label.rfind(")")
    if close >= 0 and "(" not in label[:close]:
        label = label[close + 1 :]  # "(… € 612,00 monatlich) einschließlich … noch": the parenthesis ended
    i = label.rfind("(")
    if i >= 0 and found is not None and _just_before(found, ")"):
        # "der Rückstand von Frau Demir (Nutzungsvertrag 3-221-05) 1.940,00 €": the label's own
        # ")" was trimmed; the parenthesis is closed and its words are an aside, not the label
        return label[:i], after
    if after.startswith(")") and (i < 0 or ")" in label[i:]):
        # the label lost its bare "(": "der Zahlung vom 05.05.2026 (16,42 Euro) beläuft sich der Betrag auf":
        # the words before the parenthesis name it; the sentence after ")" names the next figure
        return label, ""
    if i < 0 or ")" in label[i:] or not re.search(r"[^\W\d_]{3}", label[i + 1 :]):
        return label, after
    if _BARE_SUM.match(label[i + 1 :]):
        # "der eingegangenen Zahlungen (insgesamt 300,00 EUR)": the sum of what the bracket follows
        return label[:i], ""
    return label[i + 1 :], after.split(")", 1)[0] if ")" in after else after


_BARE_SUM = re.compile(
    r"^\s*(?:insgesamt|gesamt|zusammen|total|in total|altogether|totaal|in totaal|samen|au total|en tout|in tutto|"
    r"complessivamente|en total|en conjunto|totalt|sammanlagt|i alt|til ?sammen|yhteensä)\s*:?\s*$",
    re.IGNORECASE,
)


_RESULTS_IN = re.compile(r"\b(?:ergibt sich|ergeben sich|errechnet sich|results? in|resulting in)\b", re.IGNORECASE)


def _role_words(found: FoundAmount) -> tuple[str, str]:
    """(the label words of ``found``'s clause, the words after it) that ``amount_role`` reads."""
    # the clause the amount stands in: "… verrechnet; die Restforderung beträgt 480,00 €"
    label = _CLAUSE_END.split(_INCLUSIVE_RE.sub(" ", found.label))[-1] if found.label else ""
    # "Aus den Monatsbeiträgen … und den Mahnkosten ergibt sich ein Beitragsrückstand … von": what the
    # figure results from stands before the verb, what it is after it
    label = _RESULTS_IN.split(label)[-1]
    if not _first_on_line(found):  # "… de 75,00 € recebido em 28/11/2026, o saldo atual é de": the payment's tail
        label = PAYMENT_TAIL_RE.sub("", label)
    if _YEAR_SENTENCE_END.search(label) and _first_on_line(found):
        label = _YEAR_SENTENCE_END.split(label)[-1]
    included = _included_part(found)
    if included is not None:
        return included, ""
    # "Die Restschuld nach den Teilzahlungen … beträgt": when the figure stands, not what it is
    if not _just_before(found, "("):  # "nach Verrechnung der Kaution (€ 1.000,00)": the deposit set off
        label = AFTER_PAYMENT_RE.sub(" ", label)
    label, after = _parenthesis(label, found.after, found)
    # an aside in brackets closed before the figure names nothing of it: "beträgt einschließlich
    # Säumniszuschlägen (1 % je angefangenem Monat) zum 30.11.2026 insgesamt 874,50 €"
    return _CLOSED_ASIDE.sub(" ", label), after


_CLOSED_ASIDE = re.compile(r"\([^()\n]{1,120}\)(?=.*\w)")


def _included_part(found: FoundAmount) -> str | None:
    """The words naming a part a total includes when the amount is that part, bracketed right
    after them: "die Forderung … einschließlich der bereits festgesetzten Kosten des
    Mahnverfahrens (114,50 €) … auf 2.611,84 € beläuft" gives "der bereits festgesetzten Kosten
    des Mahnverfahrens" (a component, not the claim); or named with its own figure: "inclusief
    herinneringskosten van € 25,00 bedraagt het saldo", "including reminder fees of £25.00" (not
    "Kontostand inkl. Zinsen 512,40 €": the total that holds them). None otherwise."""
    spans = list(_INCLUSIVE_RE.finditer(found.label)) if found.label else []
    if not spans or spans[-1].end() < len(found.label.rstrip(" (")):
        return None
    part = re.sub(r"^\S+\s", "", spans[-1].group(0))  # the part's words, without "einschließlich"
    # "Der Rückstand beträgt einschließlich eines Säumniszuschlags von 8,00 Euro derzeit 385,86 Euro": the
    # claim's own figure follows, so this one is the part even after a claim word
    named = _PART_OF.search(part) and (
        _FIGURE_FOLLOWS.match(found.after or "")
        or _figure_right_after(found)
        or not _names_total(found.label[: spans[-1].start()])
    )
    if not (_just_before(found, "(") or named):
        return None
    return part if not _STRONG_TOTAL_RE.search(part) else None


#: Only a time word between this figure and the next one of its clause ("… von 8,00 Euro derzeit 385,86 Euro").
_FIGURE_FOLLOWS = re.compile(
    r"^\s*(?:derzeit|aktuell|insgesamt|nunmehr|jetzt|heute|momentan|currently|now|in total)\s*$", re.IGNORECASE
)


#: The claim's own figure right after an included part's ("… einschließlich eines Säumniszuschlags von
#: 8,00 Euro 485,36 Euro"): at most a currency and a time word between the two.
_NEXT_FIGURE = re.compile(
    r"^\s*(?:derzeit|aktuell|insgesamt|nunmehr|jetzt|heute|currently|now|in total)?\s*(?:€|EUR|Euro|CHF|GBP|£)?\s*\d"
)


def _figure_right_after(found: FoundAmount) -> bool:
    """Whether another figure follows ``found`` on its line with only a time word between."""
    at = found.line.find(found.text)
    return at >= 0 and bool(_NEXT_FIGURE.match(found.line[at + len(found.text) :]))


def _names_total(head: str) -> bool:
    """Whether the words of the clause before an "including …" name the claim: "besteht eine
    Restforderung … einschließlich Mahnkosten von 845,12 EUR" (the figure is the claim's, its
    parts included), not "… en inclusief herinneringskosten van € 25,00 bedraagt het saldo"."""
    clause = _CLAUSE_END.split(head)[-1]
    return bool(_STRONG_TOTAL_RE.search(clause) or _REST_RE.search(clause) or _WEAK_TOTAL_RE.search(clause))


#: An included part named with its own figure: "… herinneringskosten van", "… reminder fees of", "… Mahnkosten von".
_PART_OF = re.compile(r"\b(?:in höhe von|von|van|of|de|d'|di|del|della|à|a|på|af|av)\s*$", re.IGNORECASE)


_EQUALS_BEFORE = re.compile(r"=\s*(?:" + _CUR + r")?\s*$", re.IGNORECASE)


def _equation_result(found: FoundAmount) -> bool:
    """Whether ``found`` follows an "=" on its line and the amounts before it on the line add
    up to it exactly ("Folgebeitrag 486,30 € + Mahnkosten 5,00 € = 491,30 €")."""
    at = found.line.find(found.text)
    if at <= 0 or not _EQUALS_BEFORE.search(found.line[:at]):
        return False
    before = [f.amount for f in find_amounts(found.line[:at])]
    return len(before) >= 2 and sum(before, Decimal("0.00")) == found.amount


#: The figure a percentage is taken of, right before it: "10 % des maßgebenden Regelbedarfs
#: (563,00 €)", "30% of his income (£1,200.00)", "10 % van het inkomen (€ 1.400,00)", "le taux de 5 %
#: du capital de"; a percentage followed by its base word, then at most a few words.
PERCENT_BASE_RE = re.compile(
    r"\d(?:[.,]\d+)?\s?%\s?(?:des|der|vom|von|of|van|het|du|de la|de|di|del|della|dello|av|af|z|ze)\s"
    r"[^%\d()\n]{0,60}\(?\s*$",
    re.IGNORECASE,
)


#: A per-period rate right after a figure: "Fr. 331.20 pro Monat", "14,95 €/mes", "£45 a month", "€ 20 per maand",
#: "39,90 € par mois", "19,90 € al mese", "331,20 kr per månad": a fee or premium, never the claim.
_PER_PERIOD = re.compile(
    r"^\s*(?:/\s?|pro |per |je |par |al |a |an |om |i |pr\. |la |le )(?:monat|month|maand|mois|mese|mes|månad|måned|"
    r"jahr|year|annum|jaar|an|anno|año|quartal|quarter|kwartaal|trimestre|woche|week|semaine|settimana|semana)\b|"
    # interest running per day: "die Zinsen laufen weiter (derzeit EUR 0,19 pro Tag)" (not "i dag", today; not
    # "al día", to date)
    r"^\s*(?:/\s?|pro |per |je |par |a |om |pr\. )(?:tag|day|dag|dagen|dygn|jour|giorno|päivä)\b|"
    r"^\s*(?:p\.\s?m\.|pcm|monatlich|mtl\.|monthly|mensuel\w*|mensil\w*|mensual\w*|maandelijks|månadsvis|månedlig|"
    r"täglich|daily|dagelijks|quotidien\w*|giornalier\w*|diari[oa]s?|dagligen)(?!\w)",
    re.IGNORECASE,
)


#: A payment noun right after its figure names it: "Following the £14.00 payment that cleared on 02 Dec",
#: "the €50 refund", "die 40,00 € Teilzahlung", "la mensualité de" (before) is the label table's.
_PAYMENT_AFTER = re.compile(
    r"^\s*(?:payment|repayment|instal+ment|refund|deposit|direct debit|credit note|zahlung|teilzahlung|rate|gutschrift|"
    r"erstattung|betaling|aflossing|terugbetaling|versement|paiement|remboursement|pagamento|rimborso|pago|reembolso|"
    r"betalning|inbetalning|indbetaling|innbetaling|maksu|suoritus)(?!\w)",
    re.IGNORECASE,
)


#: A figure its own clause says was paid, right after it: "den offenen Betrag von CHF 2'415.50 vollständig
#: überwiesen", "£120.00 was paid on 3 May", "640,00 € ont été réglés", "€ 80,00 is betaald", "80 € fue abonado".
_PAID_AFTER = re.compile(
    r"^\s*(?:(?:vollständig|bereits|komplett|in voller höhe|fully|already|in full)\s+)?"
    r"(?:überwiesen|bezahlt|gezahlt|beglichen|getilgt|"
    r"(?:was|were|has been|have been) (?:paid|received|refunded|settled|cleared)|"
    r"(?:a été|ont été) (?:payée?s?|réglée?s?|versée?s?|reçue?s?)|(?:is|werd|zijn|werden) (?:betaald|voldaan|ontvangen|overgemaakt)|"
    r"(?:è stat[oa]|sono stat[ie]) (?:pagat|versat|saldat|ricevut)[oaie]|(?:fue|fueron|ha sido|han sido) (?:pagad|abonad|recibid|saldad)[oa]s?)"
    r"(?!\w)",
    re.IGNORECASE,
)


def _after_names_other(after: str) -> bool:
    """Whether the words right after a figure make it no claim: a period ("monatlich"), a payment
    noun ("payment", "Teilzahlung"), or its clause saying it was paid ("1.250,00 € wurde am
    12.11.2026 bezahlt", ``labels.says_paid``)."""
    return bool(_PER_PERIOD.match(after) or _PAYMENT_AFTER.match(after) or _PAID_AFTER.match(after) or says_paid(after))


def _role_by_form(found: FoundAmount) -> str | None:
    """A role the figure's form decides before any label word: the result of a sum written out
    ("486,30 € + Mahnkosten 5,00 € = 491,30 €") is a total; the base of a percentage ("10 % des
    maßgebenden Regelbedarfs (563,00 €)") is no claim; the office's figure confirmed in the writer's own words and a
    bare figure before the bracket of the parts it sums are totals (read36)."""
    if _equation_result(found):
        return "total"
    if _after_names_other(found.after or ""):
        return "other"
    if _CREDIT_AFTER.match(found.after or ""):
        return "credit"  # "Kontostand nach Abrechnung: 41,20 € Guthaben zu seinen Gunsten": the words right after
    if PERCENT_BASE_RE.search(found.label or "") or _INCLUDES_BEFORE.search(found.label or ""):
        return "other"
    if office_figure_confirmed(found.label or "", _sentence_after(found)):
        return "total"  # "Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend": restated as its own
    if _bare_before_its_breakdown(found):
        return "total"  # "Antwort: 1.318,44 EUR (Hauptforderung 1.240,00 EUR, Zinsen 22,44 EUR, …)": the parts' sum
    return None


#: A part the figure before holds, after a dash: "€968.45 as of today - this includes the €34.35 late
#: payment fees" (the part, not a second total).
_INCLUDES_BEFORE = re.compile(
    r"\s[-–—]\s+(?:this|which|it|das|dies|dit|ceci|ciò) (?:amount |balance |figure |sum |betrag |saldo )?(?:also |auch )?"
    r"(?:includes|include|enthält|beinhaltet|omvat|comprend|comprende)(?: the| die| den| das| de| les?| la| il| i)?\s*$",
    re.IGNORECASE,
)


#: A row's status cell right after its figure: open or paid, in the languages of the label table.
_STATUS_WORD = re.compile(
    r"^\s*(?:bezahlt|beglichen|erledigt|paid|settled|betaald|voldaan|payée?|réglée?|pagat[oa]|pagad[oa]|betald|betalt|maksettu)\b",
    re.IGNORECASE,
)


#: A credit named right after its figure: "41,20 € Guthaben", "€41.20 in credit", "42,17 € en votre faveur",
#: "€ 18,40 in uw voordeel" — it names the figure whatever word stands before it.
_CREDIT_AFTER = re.compile(r"^\W{0,3}(?:guthaben\b|" + LABEL_RES["credit"].pattern + ")", re.IGNORECASE)


def _status_cell(found: FoundAmount) -> bool:
    """Whether ``found`` stands in a table row (cells apart by two spaces or a tab) followed by the
    row's status cell ("offen", "bezahlt", "open", "paid", "pendiente" …): the status names no
    total ("Factura 2026-0588   periodo jul-ago   98,12 €   pendiente" is an item the total line sums)."""
    after = found.after or ""
    return bool(_TABLE_ROW.search(found.line)) and bool(_PREDICATE_RE.match(after) or _STATUS_WORD.match(after))


#: A due date and nothing else right after a figure: an item's date ("Order 7731-AX 119.99 EUR – due
#: 14 Aug 2026", "Rechnung 4711 98,12 € fällig am 03.08.2026", "échéance le 14/08/2026"), not a
#: predicate saying the figure is owed now ("£80.00 due" / "80,00 € fällig" still are).
_DUE_DATE_ONLY = re.compile(
    r"^\W{0,3}(?:due|payable|fällig|zahlbar|vervalt|vervallen|échéance|échu|exigible|scadenza|scade|scaduto|"
    r"vencimiento|vence|vencido|förfaller|forfalder|forfaller|erääntyy)\s+"
    r"(?:(?:on|by|am|bis|zum|seit|op|le|au|il|el|den|per|since)\s+)?"
    r"(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?(?:\s+\d{4})?|"
    r"[^\W\d_]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\W*$",
    re.IGNORECASE,
)


def _read_words(found: FoundAmount) -> tuple[str, str]:
    """(label, after) ``amount_role`` reads: ``_role_words``, except in a statement row with a status
    cell ("71188411   03.08.2026   74,31 €    offen"), where neither the status nor the line above
    names it — only the words on its own row do ("Mahnkosten", "Gesamtsaldo", or none). A due date
    alone after the figure names nothing (``_DUE_DATE_ONLY``)."""
    if _status_cell(found):
        return ocr_folded(found.line[: max(0, found.line.find(found.text))]), ""
    label, after = _role_words(found)
    return ocr_folded(label), ("" if _DUE_DATE_ONLY.match(after) else ocr_folded(after))


def _own_clause(label: str) -> str:
    """``label`` without a leading frame that names the office's plan or letter
    (``procedure_echo.without_office_frame``: "With reference to your proposed out-of-court debt settlement
    on behalf of Ms Kearney, we confirm the balance due … is"), when the figure's own clause after it names
    a claim, balance or total; else ``label`` as read (the frame's words may be all that names it)."""
    own = without_office_frame(label)
    if own == label or not (_WEAK_TOTAL_RE.search(own) or _STRONG_TOTAL_RE.search(own) or _REST_RE.search(own)):
        return label
    return own


@lru_cache(maxsize=1024)
def amount_role(found: FoundAmount) -> str | None:
    """The role of an amount: ``total``, ``principal``, ``interest``, ``costs``, ``other``
    (instalments, offers, payments, old balances, credit limits) or None (unnamed).

    Read from the words before it on its line, else the words after it (label table:
    ``labels.AMOUNT_LABELS``). The keyword nearest the amount decides among
    other/total/component words; only when none occurs does a weak word (Saldo, offen,
    outstanding, beträgt, openstaand, solde …) or a credit word (Guthaben, in credit)
    give ``total``. A ``total`` whose label holds an other-word anywhere is ``other``;
    components named after "inkl./einschließlich/including" do not count.

    Memoised: a pure function of ``found`` (a frozen value), which one email's reading asks
    for many times (docs/worker-performance.md, "Round 5").
    """
    label, after = _read_words(found)
    label = _own_clause(label)
    fixed = _fixed_role(found, label)
    if fixed:
        return fixed
    for words, before in ((label, True), (after, False)):
        if not words:
            continue
        if not before and _PREDICATE_RE.match(words):
            return "total"  # "ein Betrag von 492,37 € offen (Rechnungsbetrag …)": its predicate names it
        words = _INCLUSIVE_RE.sub(" ", words)
        if _CREDIT_RE.search(words):
            return "credit"  # "nach Verrechnung … ein Guthaben von 12,99 €": a credit balance, not a payment
        role = _nearest(
            words,
            [("other", _OTHER_RE), ("total", _STRONG_TOTAL_RE), ("total", _REST_RE)] + _COMPONENT_RES,
            before=before,
        )
        if role is None and (_WEAK_TOTAL_RE.search(words) or (before and _GENERIC_CLAIM.search(words))):
            role = "total"
        if role == "total" and _OTHER_RE.search(label) and not _rest_nearest(label):
            return "other"  # an instalment/offer/payment word anywhere in the label's clause wins over "total"
        if role:
            return role
    return None


def _fixed_role(found: FoundAmount, label: str) -> str | None:
    """The role fixed before the label table is read: by the figure's form (``_role_by_form``), else by a settlement
    offer of its sentence (``_offer_role``); None when neither fixes it."""
    return _role_by_form(found) or _offer_role(found, label)


def _offer_role(found: FoundAmount, label: str) -> str | None:
    """``total`` when ``found`` is the current claim a settlement offer of its own sentence settles
    (``labels.offer_object``: "we would accept EUR 800.00 in full and final settlement of the balance of EUR 1,318.60",
    "zur Erledigung der offenen Forderung in Höhe von 1.318,60 € akzeptieren wir 800,00 €"), else None (read40)."""
    return "total" if offer_object(label, _sentence_after(found)) else None


def _sentence_after(found: FoundAmount) -> str:
    """The words after ``found`` on its line up to its sentence's end, asides in brackets left out ("CHF 1'145.80 für
    Herrn Lukas Meier (Kundennummer SC 7712 0045) ist korrekt" → "für Herrn Lukas Meier  ist korrekt")."""
    at = found.line.find(found.text)
    if at < 0:
        return found.after or ""
    tail = re.sub(r"\([^()\n]{0,120}\)", " ", found.line[at + len(found.text) :])
    return re.split(r"[.!?;](?:\s|$)", tail, maxsplit=1)[0]


def _bare_before_its_breakdown(found: FoundAmount) -> bool:
    """Whether ``found`` has no label word of its own (nothing, or an answer label: "Antwort:", "ANSWER:", "Réponse :")
    and a bracket right after it lists two or more money figures that add up to it exactly ("236,45 EUR (Hauptforderung
    199,99 EUR, Zinsen 4,46 EUR, Kosten 32,00 EUR)"): the figure is the sum of its parts, a total, not the first part
    the bracket names."""
    label = _ANSWER_LABEL.sub("", found.label or "").strip(" :|-–>")
    # a word of three letters first (the same answer: the label tables only for a label without one)
    if found.amount <= 0 or _THREE_LETTERS.search(label) or any(rx.search(label) for rx in LABEL_RES.values()):
        return False
    at = found.line.find(found.text)
    after = found.line[at + len(found.text) :] if at >= 0 else ""
    bracket = re.match(r"\s*(?:EUR|€|CHF|GBP|£|SEK|DKK|NOK|PLN|zł|kr\.?)?\s*\(([^()\n]{0,200})\)", after, re.IGNORECASE)
    if not bracket:
        return False
    parts = [f.amount for f in find_amounts(bracket.group(1))]
    return len(parts) >= 2 and sum(parts, Decimal("0.00")) == found.amount


#: Three letters in a row: a label with a word of its own.
_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
#: An answer label before a figure: "Antwort:", "ANSWER:", "Réponse :", "Risposta:", "Respuesta:", "Antwoord:", "Svar:".
_ANSWER_LABEL = re.compile(
    r"^\s*(?:answer|our answer|reply|antwort|antwoord|réponse|risposta|respuesta|resposta|svar|vastaus|odpowiedź|"
    r"odpověď)\s*:?",
    re.IGNORECASE,
)


def confirmed_office_figures(text: str) -> set[Decimal]:
    """The figures (unsigned) of ``text`` that name the office's own figure and that the writer confirms in its own
    words ("Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend", "The amount you quote of £540.00 is
    correct": ``labels.office_figure_confirmed``); an empty set when none."""
    return {abs(f.amount) for f in find_amounts(text) if office_figure_confirmed(f.label or "", _sentence_after(f))}


def is_strong_total(found: FoundAmount) -> bool:
    """Whether the amount's label names a sum ("Gesamtforderung", "Summe", "insgesamt", "Total")."""
    return bool(_STRONG_TOTAL_RE.search(_INCLUSIVE_RE.sub(" ", found.label or found.after)))


def credit_kind(found: FoundAmount, *, bank_account: bool = False) -> str | None:
    """How an amount says the creditor owes the client, or None.

    ``"mark"``: a credit mark on the number (``150,00-``, ``H``, ``Haben``, ``CR``);
    ``"words"``: a credit word in its clause ("Guthaben", "in credit", "zu Ihren Gunsten",
    "tegoed", "en votre faveur"); ``"minus"``: a leading minus outside a bank account
    (a bank's "Kontokorrent … Saldo -3.412,18" is an overdraft: owed, not a credit);
    ``bank_account``: another line of the same reply names a bank account.
    """
    if found.credit:
        return "mark"
    if amount_role(found) == "credit":
        return "words"
    if (
        found.amount < 0
        and not bank_account
        and not BANK_ACCOUNT_RE.search(found.line)
        and not DEBIT_BALANCE_RE.search(found.line)
    ):
        return "minus"
    return None


@dataclass
class AmountChoice:
    amounts: Amounts
    currency: str | None
    evidence: list[Evidence]
    warnings: list[str]
    certain: bool


Item = tuple[FoundAmount, str]


#: A row that names a part of the figure above it: "davon Zinsen", "of which interest", "dont intérêts".
_PART_ROW = re.compile(
    r"\b(?:davon|hiervon|darin|of which|including|incl|dont|waarvan|di cui|de los cuales|varav|heraf|herav)\b",
    re.IGNORECASE,
)


def charges_below(total: Item, items: list[Item]) -> bool:
    """Whether the one total is a weakly named row ("Arrears …", "Openstaande premies", not "Gesamt",
    "Total", "Restforderung") with interest or cost rows right below it in the same statement and no
    total or part row ("davon") after it: "Arrears on closed account: EUR 896.40 / Collection charges:
    EUR 116.00" states the parts, not the claim (their sum is not written: neither figure is it)."""
    found, source = total
    if not _weak_row(found, items):
        return False
    block = next((b for b in statement_blocks(items) if (found, source) in b), [])
    return _charges_after(found, block)


def _weak_row(found: FoundAmount, items: list[Item]) -> bool:
    """A figure named by a weak word only, on a row (no sentence ends after it), stated once."""
    at = found.line.find(found.text)
    tail = found.line[at + len(found.text) :] if at >= 0 else found.after
    if is_strong_total(found) or _REST_RE.search(found.label or "") or _SENTENCE_AFTER.match(tail):
        return False
    return sum(1 for f, _ in items if f.amount == found.amount) == 1  # restated: "… beträgt damit …"


def _charges_after(found: FoundAmount, block: list[Item]) -> bool:
    """Interest or cost rows below ``found`` in its block, no total or part row among them, and the
    figures after it not its breakdown ("wynosi 1 598,20 zł / kapitał 1 320,00 / odsetki 198,20 / …")."""
    below = [(f, amount_role(f)) for f, _ in block if f.line_no > found.line_no]
    if any(role == "total" or _PART_ROW.search(f.label or "") for f, role in below):
        return False
    if sum((f.amount for f, _ in block if f.start > found.start), Decimal("0.00")) == found.amount:
        return False
    return any(role in ("interest", "costs") and f.amount > 0 for f, role in below)


#: A sentence ends right after the figure ("… aktuell in Höhe von 301,90 €. Dieser Betrag …"): prose, not a row.
_SENTENCE_AFTER = re.compile(r"^\s*[.!?](?:\s|$)")


def _summed_total(by_role: dict[str, list[Item]]) -> Item | None:
    """The one total labelled as a sum ("Gesamtsaldo", "Summe", "insgesamt") when every
    other claim amount stated (the other totals and the components) adds up to it
    exactly, else None. "Saldo A + Saldo B = Gesamtsaldo" or "Rückstand + Mahnkosten =
    insgesamt" passes; "Gesamtforderung 1.370,02, offener Saldo 1.170,02" does not.
    """
    strong = [(f, s) for f, s in by_role.get("total", []) if is_strong_total(f)]
    if len({f.amount for f, _ in strong}) != 1:
        return None
    chosen = strong[0]
    rest = [f for role in ("total",) + COMPONENTS for f, _ in by_role.get(role, []) if f.amount != chosen[0].amount]
    if len(rest) < 2 or by_role.get("unlabelled"):
        return None
    return chosen if sum((f.amount for f in rest), Decimal("0.00")) == chosen[0].amount else None


def statement_blocks(items: list[Item]) -> list[list[Item]]:
    """The amounts of each statement: runs of one source on consecutive lines."""
    blocks: list[list[Item]] = []
    for found, source in sorted(items, key=lambda item: (item[1], item[0].start)):
        last = blocks[-1][-1] if blocks else None
        if last is not None and last[1] == source and 0 <= found.line_no - last[0].line_no <= 1:
            blocks[-1].append((found, source))
        else:
            blocks.append([(found, source)])
    return blocks


#: A row that says it is part of the figure above it ("davon Zinsen", "thereof", "di cui").
_PART_OF_ABOVE = re.compile(
    r"\b(?:davon|darin|hiervon|inkl|inklusive|einschl\w*|thereof|including|incl|of which|waarvan|inclusief|dont|"
    r"y compris|di cui|incluso|de los cuales|incluido|varav|inklusive|heraf|herav)\b",
    re.IGNORECASE,
)
HEADS_ADDITIONS_WARNING = "a figure heads a list of further charges without a sum row: no total taken"


#: What may follow a figure at the end of a row: currency, a debit mark, punctuation.
_ROW_TAIL = re.compile(
    r"(?:\s|[.,;:€£$*]|EUR|CHF|GBP|USD|SEK|DKK|NOK|PLN|CZK|zł|kr|Fr|S|Soll|HUF|Ft|RON|lei|BGN|лв|TRY|TL|kn|RSD|din|дин|BAM|KM|MKD|UAH|грн|RUB|руб|BRL|R\$)*",
    re.IGNORECASE,
)


def _ends_its_row(found: FoundAmount) -> bool:
    """Whether the figure ends its line (a row of a list, not a sentence that goes on)."""
    at = found.line.find(found.text)
    return at >= 0 and bool(_ROW_TAIL.fullmatch(found.line[at + len(found.text) :]))


def _ends_sentence(found: FoundAmount) -> bool:
    """Whether a sentence ends right after the figure (``_SENTENCE_AFTER``): prose, not a row."""
    at = found.line.find(found.text)
    return at >= 0 and bool(_SENTENCE_AFTER.match(found.line[at + len(found.text) :]))


def _charges_below(found: FoundAmount, block: list[Item]) -> list[tuple[FoundAmount, str | None]] | None:
    """The rows right below ``found`` in its statement block, one per line, while they are
    charges (interest, costs, unlabelled); None when one says it is a part of the figure above
    ("davon Zinsen") or stands in brackets."""
    rows: list[tuple[FoundAmount, str | None]] = []
    for f, _ in block[1:]:
        role = amount_role(f)
        if f.line_no != found.line_no + len(rows) + 1 or role not in ("interest", "costs", None) or "%" in f.line:
            break  # one row per line, right below each other, charges only (a rate is no charge)
        if _PART_OF_ABOVE.search(f.line) or in_brackets(f) or not _ends_its_row(f):
            return None
        rows.append((f, role))
    return rows


def heads_additions(item: Item, items: list[Item]) -> bool:
    """Whether ``item`` (a total by a weak label, "Openstaande premies 2026 € 1.044,90") is the
    first row of a list whose next rows are charges on top of it (interest, costs, unlabelled
    fees) that it does not include, with no sum row: the figure is one part of the claim, not
    its total — and the list's sum is stated nowhere. A strong total at the head ("Gesamt-
    forderung", followed by its breakdown), a figure stated again elsewhere ("Der Sollsaldo
    beträgt damit …") and rows that add up to it are no such list."""
    found, _source = item
    if is_strong_total(found) or sum(f.amount == found.amount for f, _ in items) > 1:
        return False
    block = next((b for b in statement_blocks(items) if b[0][0] is found), [])
    # the head row holds no other figure and ends with it, as a row, not as a sentence ("… aktuell in
    # Höhe von 1.598,20 €." then "Mahngebühren 15,00 €": the claim, and a fee named beside it)
    alone = (
        len(block) > 1 and block[1][0].line_no != found.line_no and _ends_its_row(found) and not _ends_sentence(found)
    )
    rows = (_charges_below(found, block) or []) if alone else []
    charged = any(role in ("interest", "costs") for _, role in rows)
    return charged and sum((f.amount for f, _ in rows), Decimal("0.00")) != found.amount


def _adds_up(rows: list[FoundAmount], total: Decimal) -> bool:
    """Whether ``rows`` add up to ``total``: as written (a minus deducts), or with the
    payments and credits of their labels deducted; subtotals left out or not."""
    rows = [f for f in rows if not in_brackets(f)]  # "(je 56,30 EUR)": a detail of its row, not a row
    for rows_used in (rows, [f for f in rows if amount_role(f) != "total"]):
        written = sum((f.amount for f in rows_used), Decimal("0.00"))
        deducted = sum((-abs(f.amount) if amount_role(f) == "other" else f.amount for f in rows_used), Decimal("0.00"))
        if total in (written, deducted):
            return True
    return False


def _rows_explain(rows: list[FoundAmount], total: Decimal) -> bool:
    """Whether a statement's ``rows`` add up to ``total`` (``_adds_up``) or their row balances do
    (``_row_balances_add_up``)."""
    return _adds_up(rows, total) or _row_balances_add_up(rows, total)


def _row_balances_add_up(rows: list[FoundAmount], total: Decimal) -> bool:
    """Whether the last figure of each row adds up to ``total`` exactly, in a table whose rows hold
    several figures each, the last one its own balance ("sept. 2026  635,20  85,00  200,00  520,20":
    rent, charges, paid, balance) — a balance per month, then the total due ("Total dû au 31/10/2026
    2.012,40"). Rows of one figure (earlier arrears, a fee) count with it. Each row's balance must
    be its other figures with the paid one deducted, so the last column is a row balance and not
    another charge."""
    by_line: dict[int, list[FoundAmount]] = {}
    for f in rows:
        by_line.setdefault(f.line_no, []).append(f)
    wide = [cells for cells in by_line.values() if len(cells) >= 3]
    if len(wide) < 2 or any(not _row_balance(cells) for cells in wide):
        return False
    return sum((cells[-1].amount for cells in by_line.values()), Decimal("0.00")) == total


def _row_balance(cells: list[FoundAmount]) -> bool:
    """Whether a row's last figure is its other figures with exactly one of them deducted (the paid one)."""
    charges = [c.amount for c in cells[:-1]]
    return any(sum(charges, Decimal("0.00")) - 2 * paid == cells[-1].amount for paid in charges)


def in_brackets(found: FoundAmount) -> bool:
    """Whether the amount stands inside "( … )" on its line."""
    at = found.line.find(found.text)
    return at >= 0 and found.line.rfind("(", 0, at) > found.line.rfind(")", 0, at)


def _statement_total(items: list[Item]) -> Item | None:
    """The last row of a statement when it names a total and every row above it adds up
    to it exactly ("Vorschreibung … / Mahngebühr … / Rückstand Vorjahr … / Saldo zu
    Lasten 455,10"; "Forderung … / Zins … / abzüglich Zahlung -50.00 / Total offen"):
    arithmetic, not a word list, decides which of several totals is the claim.

    Only within the statement: a total named outside it with another figure ("the text
    says 1.312,40 € inkl. Kosten", the table adds up to 1.245,00) is a second current total
    the arithmetic cannot settle, so nothing is chosen and a person decides."""
    for block in statement_blocks(items):
        last, source = block[-1]
        rows = [f for f, _ in block[:-1]]
        if len(rows) >= 2 and last.amount > 0 and amount_role(last) == "total" and _rows_explain(rows, last.amount):
            inside = {id(f) for f, _ in block}
            # a row restated in a sentence ("Der Jahresbeitrag 2026 beträgt 184,90 €" above "Beitrag 2026
            # 184,90 €") is that row, not a second total
            row_values = {f.amount for f in rows}
            elsewhere = [
                f
                for f, _ in items
                if id(f) not in inside
                and amount_role(f) == "total"
                and f.amount != last.amount
                and f.amount not in row_values
            ]
            return None if elsewhere else (last, source)
    return None


def _statement_or_new_balance(items: list[Item], totals: list[Item]) -> Item | None:
    """``_statement_total``, else the current balance of a running-balance table
    (``_running_balance``: its last row's balance cell, "new balance") when every other figure
    read as a total is a movement cell of that table's own rows ("01.09.2026  Übernahme
    Forderung  2'418.60  …  2'418.60": the claim taken over is the first booking, the last
    row's balance is the claim now)."""
    found = _statement_total(items)
    if found is not None:
        return found
    new = [item for item in totals if item[0].label == "new balance"]
    rows = {(src, f.line) for f, src in items if f.label in ("new balance", "previous balance")}
    others = [(f, src) for f, src in totals if f.label != "new balance"]
    if len(new) == 1 and others and all((src, f.line) in rows for f, src in others):
        return new[0]
    return None


_COUNTS = {
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
    "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "twee": 2, "drie": 3, "vijf": 5, "zes": 6,
    "två": 2, "fyra": 4, "fem": 5, "sex": 6, "to": 2, "fire": 4, "seks": 6,
}  # fmt: skip
#: A count of like payments, then the amount of each: "drei monatliche Raten zu je 108,00 Euro",
#: "three instalments of £108.00 each" (each after the figure), "trois mensualités de 108,00 €".
_EACH_BEFORE = re.compile(
    r"(?:^|\s)(?P<n>\d{1,2}|" + "|".join(_COUNTS) + r")\s(?:[^\W\d_]+\s){0,2}?"
    r"(?:raten|teilzahlungen|zahlungen|instal(?:l)?ments|payments|mensualités|versements|échéances|rate|pagamenti|"
    r"cuotas|pagos|plazos|termijnen|betalingen|avbetalningar|inbetalningar|afdrag|rater|avdrag|innbetalinger)\b"
    r"[^\d\n]{0,25}$",
    re.IGNORECASE,
)


#: A count of periods right after a per-period figure, in its clause: "mit monatlich 56,30 EUR …
#: aufgerechnet (3 Monate)", "(monatlich 20,00 Euro, bislang 4 Monate = 80,00 Euro)", "£45.00 a month
#: for 6 months", "€ 25,00 per maand (5 termijnen)".
_PERIODS_AFTER = re.compile(
    r"^[^\d\n.;]{0,60}?(?:\(|,|\bfür|\bfor|\bvoor|\bpendant|\bper|\bpor|\bi|\bbislang|\bbisher|\bso far|\btot nu)\s*"
    r"(?:(?:bislang|bisher|so far|tot nu toe|already|bereits)\s+)?"
    r"(?P<n>\d{1,2}|" + "|".join(_COUNTS) + r")\s+"
    r"(?:monate|monaten|months|maanden|mois|mesi|meses|månader|måneder|raten|instal(?:l)?ments|payments|termijnen|"
    r"mensualités|rate|cuotas|avbetalningar|afdrag)\b",
    re.IGNORECASE,
)
_PER_PERIOD_LABEL = re.compile(
    r"\b(?:monatlich\w*|mtl\.|monthly|maandelijks|mensuel\w*|mensil\w*|mensual\w*|månadsvis|månedlig)\s*(?:"
    + _CUR
    + r")?\s*$",
    re.IGNORECASE,
)


def _periods_after(found: FoundAmount) -> int | None:
    """N when a per-period figure ("monatlich 56,30 EUR", "56,30 € pro Monat") is followed in its
    clause by the count of periods it ran ("(3 Monate)"), else None."""
    per_period = _PER_PERIOD_LABEL.search(found.label or "") or _PER_PERIOD.match(found.after or "")
    m = _PERIODS_AFTER.match(re.sub(r"^\s*(?:" + _CUR + r")\.?", "", found.after or "", flags=re.IGNORECASE))
    if not per_period or m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _COUNTS[n]


def times(found: FoundAmount) -> int:
    """How many like payments ``found`` stands for: N when its label counts N payments of it
    each ("drei monatliche Raten zu je 108,00 Euro", "three instalments of £108.00 each"), or
    when a per-period figure is followed by the count of periods ("monatlich 56,30 EUR …
    (3 Monate)", ``_periods_after``), else 1."""
    periods = _periods_after(found)
    if periods:
        return periods
    m = _EACH_BEFORE.search(found.label or "")
    if m is None or not re.search(
        r"\b(?:je|each|chacun\w*|ciascun[ao]|cada una?|elk|per styck|hver|hvert)\b|à\s*$|zu je",
        found.label + " " + found.after,
        re.IGNORECASE,
    ):
        return 1
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _COUNTS[n]


def _rest_after_deductions(by_role: dict[str, list[Item]]) -> Item | None:
    """The later of two totals when the deductions stated between them ("abzgl. Zahlung",
    "less payments") make up exactly the difference: "Forderung 1.234,56 − Zahlung 234,56
    = Restforderung 1.000,00" gives 1.000,00; else None."""
    totals = list(_distinct(by_role.get("total", [])).values())
    if len(totals) != 2:
        return None
    (first, source), (last, last_source) = sorted(totals, key=lambda item: item[0].start)
    if source != last_source:
        return None
    deductions = sum(
        (
            abs(f.amount) * times(f)
            for f, src in by_role.get("other", [])
            if src == source and first.start < f.start < last.start
        ),
        Decimal("0.00"),
    )
    if deductions and first.amount - deductions == last.amount:
        return (last, source)
    if _one_deduction_between(by_role, first, last, source) or _deducted_so_far(by_role, first, last, source):
        return (last, source)
    return (last, source) if _movements_add_up(by_role, first, last, source) else None


#: "still" in the later total's label: "Die Forderung ist derzeit noch in Höhe von 1.570,00 Euro offen".
_STILL = re.compile(r"\b(?:noch|still|nog|encore|ancora|todavía|aún|fortfarande|stadig|fortsatt)\b", re.IGNORECASE)


def _one_deduction_between(by_role: dict[str, list[Item]], first: FoundAmount, last: FoundAmount, source: str) -> bool:
    """Whether the later total names a rest ("Restforderung", "noch offen") and one figure stated
    between the two is exactly their difference: "Kindergeld in Höhe von 1.650,00 Euro
    zurückgefordert … aufgerechnet (… bisher September, Oktober, November = 165,00 Euro). Es
    besteht noch eine Restforderung von 1.485,00 Euro" (1.650,00 − 165,00). Arithmetic on three
    stated figures, not a word list, takes the rest ("Restforderung", "noch", "still" only say
    that the later figure is the rest)."""
    if not (_REST_RE.search(last.label or "") or _STILL.search(last.label or "")) or first.amount <= last.amount:
        return False
    between = [
        f
        for role, items in by_role.items()
        if role != "total"
        for f, src in items
        if src == source and first.start < f.start < last.start
    ]
    return any(first.amount - abs(f.amount) == last.amount for f in between)


#: The sum deducted so far, named before its figure: "(monatlich 55,00 Euro; bisher September, Oktober,
#: November = 165,00 Euro)", "bislang 4 Monate = 80,00 Euro", "so far £165.00", "tot nu toe € 165,00".
_SO_FAR = re.compile(
    r"\b(?:bisher|bislang|so far|to date|tot nu toe|jusqu'à présent|jusqu'ici|finora|fino ad oggi|hasta ahora|"
    r"hasta la fecha|hittills|hidtil|hittil|tähän mennessä)\b[^\d\n]{0,60}$",
    re.IGNORECASE,
)


def _deducted_so_far(by_role: dict[str, list[Item]], first: FoundAmount, last: FoundAmount, source: str) -> bool:
    """Whether one figure between an old total and a later one is named as what was deducted so far
    ("aufgerechnet (monatlich 55,00 Euro; bisher … = 165,00 Euro)") and makes up the difference exactly."""
    return any(
        src == source
        and first.start < f.start < last.start
        and _SO_FAR.search(f.label or "")
        and first.amount - f.amount == last.amount
        for role, items in by_role.items()
        if role != "total"
        for f, src in items
    )


def _is_account_statement(by_role: dict[str, list[Item]], last: Item) -> bool:
    """Whether ``last`` closes a statement of account of its own text: at least one
    deduction (payment) and one addition (interest, costs) stand before it ("Payment
    received -£25.00" / "Collection fee £90.00" / "Balance outstanding £1,577.63"). The arithmetic was checked by ``_rest_after_deductions``."""
    before = [
        (role, f) for role, items in by_role.items() for f, src in items if src == last[1] and f.start < last[0].start
    ]
    deducted = any(role == "other" for role, _ in before)
    added = any(role in ("interest", "costs") for role, _ in before)
    return deducted and added


def _movements_add_up(by_role: dict[str, list[Item]], first: FoundAmount, last: FoundAmount, source: str) -> bool:
    """Whether the amounts between an old and a new balance of one statement are its
    movements: "Saldo per 31.10. 1'287.40 / Verzugszins 25.50 / Saldo per 30.11. 1'312.90"
    (components added, payments deducted), or a signed bank statement ("Alter Kontostand
    -4.960,25 / Sollzinsen -32,65 / Spesen -112,00 / Neuer Kontostand -5.104,90")."""
    between = [
        (role, f)
        for role, items in by_role.items()
        if role != "total"
        for f, src in items
        if src == source and first.start < f.start < last.start
    ]
    if not between:
        return False
    signed = sum((f.amount for _, f in between), Decimal("0.00"))
    by_role_sum = sum((-abs(f.amount) if role == "other" else abs(f.amount) for role, f in between), Decimal("0.00"))
    return (
        first.amount + signed == last.amount
        or (first.amount >= 0 and first.amount + by_role_sum == last.amount)
        or _credit_column_deducted(between, first, last)
    )


def _credit_column_deducted(between: list[tuple[str, FoundAmount]], first: FoundAmount, last: FoundAmount) -> bool:
    """A Soll/Haben statement: "Summe 245,35 | 58,00" then "Saldo 187,35" — the amounts
    between (all unlabelled: the credit column's sum) deducted exactly from the first."""
    if first.amount <= 0 or any(role != "unlabelled" for role, _ in between):
        return False
    return first.amount - sum((abs(f.amount) for _, f in between), Decimal("0.00")) == last.amount


def _distinct(items: list[Item]) -> dict[Decimal, Item]:
    out: dict[Decimal, Item] = {}
    for found, source in items:
        out.setdefault(found.amount, (found, source))
    return out


def _evidence(field: str, item: Item) -> Evidence:
    return Evidence(field=field, text=item[0].line.strip(), source=item[1])


#: The words of an offer to settle for a figure ("we would accept EUR 3,000.00 in full and final
#: settlement", "zur Abgeltung", "à titre de transaction", "saldo e stralcio", "förlikning").
_OFFER_WORDS = re.compile(
    r"(?<!\w)(?:settle\w*|offer\w*|accept\w*|in full and final|vergleich\w*|abgeltung|zufrieden|einmalbetrag|"
    r"in einer summe|schikking\w*|finale kwijting|transaction\w*|règlement amiable|solde de tout compte|"
    r"saldo e stralcio|transazion\w*|quita|förlikning\w*|forlig\w*|forlik\w*|sovinto\w*)(?!\w)",
    re.IGNORECASE,
)
#: Words that correct a figure stated earlier in the same reply, per language: "Korrektur: … Der
#: richtige Sollsaldo beträgt", "correction: the correct balance is", "rectification : le montant
#: exact", "rettifica", "corrección", "correctie: het juiste saldo", "rättelse", "rettelse", "oikaisu".
CORRECTION_RE = re.compile(
    r"(?<!\w)(?:korrektur|korrigiert\w*|berichtigt\w*|berichtigung|richtige[nrs]?|zutreffende[nrs]?|"
    r"correction|corrected|the correct|should read|please disregard|"
    r"correctie|gecorrigeerd|juiste|rectificati\w*|rectifié\w*|corrigé\w*|montant exact|"
    r"rettifica\w*|corrett[oa]|correzione|corrección|corregid[oa]|rectificad[oa]|importe correcto|"
    r"rättelse|korrigera\w*|rätt(?:a)? belopp|rettelse|korrigeret|korrigert|korrekt\w*|oikaisu|korjattu|oikea|"
    r"korekta|poprawn\w*|sprostowani\w*|oprava|správn\w*)(?!\w)",
    re.IGNORECASE,
)


def several_totals_warning(totals: dict[Decimal, Item]) -> str:
    """The warning when several different figures read as totals and none is taken: which of
    them stand in an offer to settle, when exactly one does not ("a settlement offer (3000.00)
    beside the total 4350.10; none taken"), else every figure ("several different totals
    stated: 4350.10, 3000.00; none taken"). Figures as Decimal strings."""
    offers = [v for v, (found, _) in totals.items() if _OFFER_WORDS.search(" ".join(_role_words(found)))]
    current = [v for v in totals if v not in offers]
    if offers and len(current) == 1:
        return f"a settlement offer ({', '.join(str(v) for v in offers)}) beside the total {current[0]}; none taken"
    return "several different totals stated: " + ", ".join(str(v) for v in totals) + "; none taken"


def corrected_total(totals: list[Item], texts: Mapping[str, str] | None) -> Item | None:
    """The last of two or more totals of one text when the words since the total before it
    correct that one ("Korrektur, …: Der richtige Sollsaldo beträgt damit 1.231,30 EUR"),
    else None: a correction later in the same reply replaces the figure it corrects."""
    if not texts or len({src for _, src in totals}) != 1:
        return None
    ordered = sorted(totals, key=lambda item: item[0].start)
    last, before = ordered[-1], ordered[-2]
    text = texts.get(last[1], "")
    between = text[before[0].end : last[0].start]
    if last[0].amount == before[0].amount or not CORRECTION_RE.search(between):
        return None
    return last


#: The figure as it stands now, in its own clause: "Inzwischen beträgt die Forderung", "the balance now stands at",
#: "le solde actuel … est de", "il saldo attuale", "thans bedraagt", "ahora asciende", "saldo atual", "nu uppgår".
_NOW_RE = re.compile(
    r"(?<!\w)(?:inzwischen|mittlerweile|nunmehr|aktuell\w*|derzeit\w*|zum heutigen tag|now|currently|current|as of today|"
    r"inmiddels|thans|huidige?|actuel\w*|désormais|à ce jour|attual\w*|ad oggi|ora|actual\w*|ahora|a día de hoy|"
    r"atual\w*|agora|numera|för närvarande|aktuel\w*|nuværende|nåværende|per i dag|i dag|tällä hetkellä|nykyi\w*|"
    r"obecnie|aktualnie|aktuáln\w*|nyní|"
    # the figure of today in a row's label (read36): "Forderung Stand heute", "Saldo i dag", "Balance today"
    r"heute|today|vandaag|aujourd'hui|oggi|hoy|hoje|idag|tänään|dzisiaj|dziś)(?!\w)",
    re.IGNORECASE,
)
#: A figure the sentence ties to the past: an earlier letter of the sender ("in unserem Schreiben vom 02.10.2026 hatten
#: wir … genannt", "Our letter of 3 October 2026 quoted a balance of", "notre courrier du …", "nella nostra lettera del
#: …", "en nuestra carta del …", "ons schrijven van …", "vårt brev av …"), a figure named before ("previously",
#: "zuvor", "ursprünglich", "initialement", "in precedenza", "anteriormente", "eerder", "tidigare", "wcześniej"), or a
#: court's title of an earlier date ("Vollstreckungsbescheid … vom 08.05.2024 über", "une ordonnance d'injonction de
#: payer a été rendue le 12/10/2023").
_EARLIER_RE = re.compile(
    r"(?<!\w)(?:(?:unser\w*|our|notre|nos|nostr[ao]|nuestr[ao]|ons|onze|vårt|vores|vårt|naszym|našem)\s+(?:\w+\s+)?"
    r"(?:schreiben|brief|letter|e-?mail|mail|courrier|lettre|lettera|comunicazione|carta|escrito|schrijven|brev|piśmie|dopise)"
    r"|previously|earlier|originally|zuvor|ursprünglich|seinerzeit|damals|initialement|précédemment|auparavant|"
    r"in precedenza|originariamente|anteriormente|inicialmente|eerder|oorspronkelijk|tidigare|tidligere|aiemmin|"
    r"wcześniej|pierwotnie|dříve|původně|vollstreckungsbescheid\w*|mahnbescheid\w*|ordonnance|injonction|"
    r"decreto ingiuntivo|monitorio|vonnis|betalingsbevel|judge?ment)(?!\w)"
    # the office's own letter named as the figure's source (read36): "Forderung Stand 30.09.2026 (Ihr Schreiben)",
    # "Saldo pr. 01.10.2026 (jf. jeres brev)", "Balance per your letter"
    r"|" + LETTER_COLUMN_RE.pattern,
    re.IGNORECASE,
)


def _sentence_before(text: str, found: FoundAmount) -> str:
    """The words of ``found``'s sentence up to the figure (from the last sentence end before it)."""
    return _SENTENCE_END.split(text[: found.start])[-1]


#: Where a sentence ends: a full stop after a word or a year before a capital ("(geb. 09.09.1973)" ends none), a blank
#: line, a semicolon.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?]\s+(?=[A-ZÄÖÜÉ])|(?<=\d{4})[.!?]\s+(?=[A-ZÄÖÜÉ])|\n\s*\n|;")


def current_beside_earlier(totals: list[Item], texts: Mapping[str, str] | None) -> Item | None:
    """The later of two different totals of one text when its own clause says it is the figure now
    ("Inzwischen beträgt die Forderung …", "the balance now stands at", "le solde actuel … est de") and the
    earlier one's sentence ties it to the past and not to now (``_EARLIER_RE``: "in unserem Schreiben vom
    02.10.2026 hatten wir … genannt", "Our letter of 3 October 2026 quoted a balance of", a court's title of an
    earlier date); else None (a person compares the figures). Two figures both said to be current, a figure
    "now" before the earlier one, or an earlier figure without such words are left alone."""
    if not texts or len(totals) != 2 or len({src for _, src in totals}) != 1:
        return None
    earlier, later = sorted(totals, key=lambda item: item[0].start)
    if earlier[0].amount == later[0].amount:
        return None
    text = texts.get(later[1], "")
    before_earlier = _sentence_before(text, earlier[0])
    now_words = _CLAUSE_END.split(_sentence_before(text, later[0]))[-1]
    if not _EARLIER_RE.search(before_earlier) or _NOW_RE.search(before_earlier) or not _NOW_RE.search(now_words):
        return None
    return later


_LABEL_DATE = re.compile(r"(?<!\d)(?:(\d{1,2})([./-])(\d{1,2})\2(\d{4})|(\d{4})-(\d{2})-(\d{2}))(?!\d)")

#: A figure labelled as a projection to a later date (read39): "voraussichtlicher Saldo per 31.03.2027 (inkl.
#: Zinsen)", "projected balance at 31 March 2027", "solde prévisionnel au 31/03/2027", "saldo previsto al
#: 31/03/2027", "verwacht saldo per 31-03-2027", "saldo previsto a 31/03/2027", "forventet saldo pr. 31.03.2027",
#: "beräknat saldo per 2027-03-31", "przewidywane saldo na dzień 31.03.2027".
PROJECTED_RE = re.compile(
    r"(?<!\w)(?:voraussichtlich\w*|prognostiziert\w*|hochgerechnet\w*|projected|forecast|anticipated|"
    r"verwacht\w*|geprognosticeerd\w*|prévisionnel\w*|projeté\w*|previst[oaie]|prevedibil[ei]|proyectad[oa]s?|"
    r"projetad[oa]s?|forventet\w*|förväntad\w*|beräknad\w*|beräknat|ennakoi\w*|przewidywan\w*|prognozowan\w*)(?!\w)",
    re.IGNORECASE,
)
_A_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")


def projected_beside_current(totals: list[Item], texts: Mapping[str, str] | None) -> Item | None:
    """Of two different totals of one text, the one stated now when the other's own words (its line, up to the
    figure) call it a projection to a dated later point (``PROJECTED_RE`` and a year: "Saldo per 04.12.2026:
    6.012,44 EUR / voraussichtlicher Saldo per 31.03.2027 (inkl. Zinsen): 6.138,90 EUR"); else None (both or
    neither projected, no date, another text)."""
    if not texts or len(totals) != 2 or len({src for _, src in totals}) != 1:
        return None
    if totals[0][0].amount == totals[1][0].amount:
        return None
    text = texts.get(totals[0][1], "")
    labels = [_SENTENCE_END.split(text[text.rfind("\n", 0, f.start) + 1 : f.start])[-1] for f, _ in totals]
    projected = [bool(PROJECTED_RE.search(label) and _A_YEAR.search(label)) for label in labels]
    if projected.count(True) != 1 or any(
        PROJECTED_RE.search(label) for label, p in zip(labels, projected, strict=True) if not p
    ):
        return None
    return totals[projected.index(False)]


PROJECTED_BESIDE_CURRENT_WARNING = "a projected figure at a later date beside the current one: the current one taken"


def _label_date(label: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the one numeric date in ``label`` ("Kontostand am 30.09.2026",
    "Balance at 2026-10-31"), else None (none, or several)."""
    found = _LABEL_DATE.findall(label)
    if len(found) != 1:
        return None
    d, _sep, m, y, iy, im, iday = found[0]
    return (int(y), int(m), int(d)) if y else (int(iy), int(im), int(iday))


def _booked(found: FoundAmount) -> Decimal:
    """A booking's signed amount: a "-" or "+" standing apart after the figure ("1.104,22 -") signs it."""
    mark = found.after[:1]
    return -abs(found.amount) if mark == "-" else abs(found.amount) if mark == "+" else found.amount


def latest_dated_total(totals: list[Item], items: list[Item]) -> Item | None:
    """The later of two totals that carry the same label with different dates in one text, when
    the movements listed between them explain the change ("Kontostand am 30.09.2026 2.318,40 S",
    bookings "1.104,22 +", "1.104,22 -", "51,75 -", "7,00 -", "Kontostand am 31.10.2026 2.377,15 S":
    a statement's old and new balance; a debit balance grows by the "-" bookings, so the signs
    may run either way). None when the labels differ once their dates are taken out, a label has
    no date or two, the dates are equal, the texts differ, nothing stands between them, or the
    movements do not add up to the change (a person compares the two figures)."""
    if len(totals) != 2 or len({src for _, src in totals}) != 1:
        return None
    dated = sorted(((_label_date(f.label), f.start, (f, src)) for f, src in totals), key=lambda d: d[1])
    words = {_LABEL_DATE.sub(" ", f.label).strip().casefold() for f, _ in totals}
    (first_date, _, first), (last_date, _, last) = dated
    if len(words) != 1 or first_date is None or last_date is None or first_date == last_date:
        return None
    if not _bookings_explain(first, last, items):
        return None
    return last if last_date > first_date else first


#: Only a currency between a figure and the bracket that breaks it down: "… auf 9.921,40 EUR (Restschuld …".
_BRACKET_OPENS = re.compile(r"\s*(?:€|EUR|Euro|CHF|Fr\.|GBP|£|SEK|DKK|NOK|PLN|zł|kr\.?)?\s*\(", re.IGNORECASE)
#: The words before a part that say it is taken off: "abzüglich Zahlungen 300,00 EUR", "less payments".
_TAKEN_OFF = re.compile(
    r"(?<!\w)(?:abzüglich|abzgl\.?|minus|less|deducted|moins|déduction|meno|dedott\w*|menos|descontad\w*|"
    r"minder|na aftrek|avgår|avdrag|fradrag|vähennettynä|odjąć)(?!\w)|(?:^|\s)[-−–]\s*$",
    re.IGNORECASE,
)


def bracketed_breakdown(totals: list[Item], items: list[Item], texts: Mapping[str, str] | None) -> Item | None:
    """The total followed by a bracket that breaks it down, when every other total stands inside
    that bracket and the bracket's figures add up to it exactly (a part preceded by "abzüglich",
    "less", "moins" … taken off): "Die offene Gesamtforderung beläuft sich … auf 9.921,40 EUR
    (Restschuld 9.104,33 EUR, rückständige Raten 842,00 EUR, Verzugszinsen 245,07 EUR, Kosten 30,00
    EUR, abzüglich Zahlungen 300,00 EUR)" — the Restschuld is a part, not a second total. None
    otherwise (a person compares the figures)."""
    if not texts or len({src for _, src in totals}) != 1:
        return None
    for found, src in totals:
        text = texts.get(src, "")
        span = _bracket_after(text, found)
        if span is None:
            continue
        inside = [f for f, s in items if s == src and span[0] <= f.start < span[1]]
        others_inside = all(span[0] <= f.start < span[1] for f, _ in totals if f is not found)
        if len(inside) >= 2 and others_inside and _signed_sum(text, span[0], inside) == abs(found.amount):
            return (found, src)
    return None


def _bracket_after(text: str, found: FoundAmount) -> tuple[int, int] | None:
    """The span inside the bracket that opens right after ``found`` (a currency between), else None."""
    opens = _BRACKET_OPENS.match(text, found.end)
    if opens is None:
        return None
    close = text.find(")", opens.end())
    if close < 0 or "(" in text[opens.end() : close]:
        return None
    return opens.end(), close


def _signed_sum(text: str, start: int, parts: list[FoundAmount]) -> Decimal:
    """The sum of ``parts`` in order, each taken off when the words since the previous part say so."""
    signed, prev = Decimal("0.00"), start
    for part in sorted(parts, key=lambda f: f.start):
        words = text[prev : part.start].rsplit(",", 1)[-1]
        signed += -abs(part.amount) if _TAKEN_OFF.search(words) else abs(part.amount)
        prev = part.end
    return signed


def _bookings_explain(first: Item, last: Item, items: list[Item]) -> bool:
    """Whether bookings stand between two balances of one text and their signed sum is the
    change from one balance to the other (either sign: a debit balance grows by debits)."""
    low, high = sorted((first[0].start, last[0].start))
    between = [_booked(f) for f, src in items if src == first[1] and low < f.start < high]
    change = abs(last[0].amount - first[0].amount)
    return bool(between) and abs(sum(between, Decimal("0.00"))) == change


class _Picker:
    """The state of one ``choose_amounts`` call: what was read, with evidence and warnings."""

    def __init__(self, items: list[Item], bank: bool = False, texts: Mapping[str, str] | None = None) -> None:
        self.items = items
        self.bank = bank
        self.texts = texts
        self.by_role: dict[str, list[Item]] = {}
        for found, source in items:
            self.by_role.setdefault(amount_role(found) or "unlabelled", []).append((found, source))
        self.values: dict[str, Decimal | None] = {}
        self.evidence: list[Evidence] = []
        self.warnings: list[str] = []
        self.total: Decimal | None = None
        self.total_item: Item | None = None
        self.certain = False

    def components(self) -> None:
        """One value per component; several interest/cost lines are summed, several principals are none."""
        for role in COMPONENTS:
            vals = _distinct(self.by_role.get(role, []))
            if len(vals) == 1 or (len(vals) > 1 and role != "principal"):
                self.values[role] = sum(vals, Decimal("0.00"))
                self.evidence.extend(_evidence(f"amounts.{role}", item) for item in vals.values())
            elif vals:
                self.warnings.append("several different principal amounts; none taken")

    def take(self, item: Item, *, certain: bool, warning: str | None = None) -> None:
        self.total, self.total_item, self.certain = item[0].amount, item, certain
        self.evidence.append(_evidence("amounts.total", item))
        if warning:
            self.warnings.append(warning)

    def stated_total(self) -> bool:
        """A labelled total: the one stated, or the sum row among several; True when decided.
        A credit balance counts as the total only when no other total is stated (else it
        is a deduction: "Guthaben von 20,00 € verrechnet, Restforderung 480,00 €")."""
        if self.by_role.get("credit") and (not self.by_role.get("total") or self._credit_is_the_result()):
            self.by_role["total"] = self.by_role.pop("credit")
        totals = _distinct(self.by_role.get("total", []))
        if len(totals) == 1:
            self._take_single(next(iter(totals.values())))
        elif len(totals) > 1:
            summed = _summed_total(self.by_role)
            rest = None if summed else _rest_after_deductions(self.by_role)
            summed = summed or (None if rest else _statement_or_new_balance(self.items, self.by_role["total"]))
            if summed is not None:
                self.take(summed, certain=True)
            elif rest is not None:
                # a statement of account (payments deducted and interest or costs added) whose arithmetic
                # checks the new balance is certain; a bare "less payment" rest stays for a person
                statement = _is_account_statement(self.by_role, rest)
                self.take(
                    rest,
                    certain=statement,
                    warning=None if statement else "the total is the rest after the deductions stated; check it",
                )
            elif not self._told_apart_by_the_text():
                # the last-stated total often is the balance after payments; too unsure to pick
                self.warnings.append(several_totals_warning(totals))
        return bool(totals)

    def _told_apart_by_the_text(self) -> bool:
        """Among several totals, the one the text tells apart: a correction, the figure now beside an earlier one, a
        total its bracket breaks down, or the latest of dated balances whose movements add up; True when one was taken."""
        totals = self.by_role.get("total", [])
        if (corrected := corrected_total(totals, self.texts)) is not None:
            self.take(corrected, certain=True, warning="a later figure corrects an earlier one: the correction taken")
        elif (current := current_beside_earlier(totals, self.texts)) is not None:
            self.take(current, certain=True, warning=CURRENT_BESIDE_EARLIER_WARNING)
        elif (now := projected_beside_current(totals, self.texts)) is not None:
            self.take(now, certain=True, warning=PROJECTED_BESIDE_CURRENT_WARNING)
        elif (broken_down := bracketed_breakdown(totals, self.items, self.texts)) is not None:
            self.take(broken_down, certain=True)
        elif (latest := latest_dated_total(totals, self.items)) is not None:
            warning = "balances at several dates: the latest taken (the movements between them add up)"
            self.take(latest, certain=True, warning=warning)
        else:
            return False
        return True

    def _take_single(self, item: Item) -> None:
        """The one total stated, unless charges follow it unadded (``charges_below``) or it
        heads a list of charges on top of it (``heads_additions``): then it is a part of the
        claim, no total is taken and a person reads the list."""
        if heads_additions(item, self.items):
            self.warnings.append(HEADS_ADDITIONS_WARNING)
        elif charges_below(item, self.items):
            self.warnings.append(
                "a balance row followed by charges not added to it (no sum row): the claim cannot be told"
            )
        else:
            self.take(item, certain=True)

    def _credit_is_the_result(self) -> bool:
        """Whether the credit comes after every total of its text: "Nach Verrechnung der
        Kaution mit dem Mietrückstand von 2.175,00 € … ergibt sich ein Guthaben von 115,00 €"
        (the balance after the set-off is a credit, not the arrears)."""
        credit_found, source = self.by_role["credit"][-1]
        return all(f.start < credit_found.start for f, src in self.by_role.get("total", []) if src == source)

    def itemised(self) -> bool:
        """The sum of an itemised list without a total (``itemised.itemised_total``); True when taken."""
        from creditctl.pipeline.extraction.itemised import itemised_total  # it builds on this module

        listed = itemised_total(self.items, self.texts) if self.texts else None
        if listed is None or self._total_later():
            return False
        self.total, self.certain = listed[0], True
        self.total_item = None
        self.evidence.extend(_evidence("amounts.total", item) for item in listed[1])
        self.warnings.append("no total stated; total is the sum of the items the reply lists as the claim's parts")
        return True

    def fallback_total(self) -> None:
        """No labelled total: the sum of the components, or the one unlabelled amount."""
        parts = [value for r in COMPONENTS if (value := self.values.get(r)) is not None]
        unlabelled = _distinct(self.by_role.get("unlabelled", []))
        principal_unclear = any("principal" in w for w in self.warnings)
        # a fee or interest alone is not the claim, nor is the principal alone (interest and
        # costs come on top): the sum needs the principal and at least one thing it adds to
        if len(parts) >= 2 and self.values.get("principal") is not None and not unlabelled and not principal_unclear:
            self._sum_parts(parts)
        elif parts and not unlabelled:
            self.warnings.append("only one component stated (no total, nothing to add it to): the claim cannot be told")
        elif len(unlabelled) == 1 and not parts:
            self.take(
                next(iter(unlabelled.values())),
                certain=False,
                warning="the only amount in the reply is not labelled; taken as the total",
            )
        elif unlabelled:
            self.warnings.append("amounts without a label; the claim cannot be told")

    def _sum_parts(self, parts: list[Decimal]) -> None:
        """The components' sum as the total, unless the reply announces its total for later (``_total_later``)."""
        if self._total_later():
            self.warnings.append(TOTAL_LATER_WARNING)
            return
        self.total = sum(parts, Decimal("0.00"))
        self.warnings.append("no total stated; total is the sum of the stated components")
        self.evidence.extend(Evidence(field="amounts.total", text=e.text, source=e.source) for e in list(self.evidence))

    def _total_later(self) -> bool:
        """Whether a text of the reply announces its total (or a part still missing) for later
        (``later_total.announces_total_later``): then the parts it states are not summed."""
        return any(announces_total_later(text) for text in (self.texts or {}).values())

    def sign(self) -> None:
        """A credit stays negative (and uncertain); a bank overdraft's minus is the amount owed."""
        if self.total is None:
            return
        bank = self.bank or any(BANK_ACCOUNT_RE.search(f.line) for f, _ in self.items)
        # the same figure on a line naming it a debit balance ("Saldo debitore al 30/11/2026: -5.987,12 EUR")
        bank = bank or any(DEBIT_BALANCE_RE.search(f.line) and f.amount == self.total for f, _ in self.items)
        how = credit_kind(self.total_item[0], bank_account=bank) if self.total_item else None
        if how is not None:
            self.total = -abs(self.total)
            self.warnings.append("credit balance: the creditor owes the client (" + how + "); not an amount owed")
            self.certain = False
        elif self.total < 0:
            self.total = -self.total  # "Kontokorrent … Saldo -4.499,58 EUR": the overdraft owed
            self.warnings.append("negative balance read as the amount owed")
            self.certain = False

    def check_components(self) -> None:
        parts_sum = sum((v for v in self.values.values() if v is not None), Decimal("0.00"))
        if (
            self.certain
            and self.total is not None
            and self.values.get("principal") is not None
            and parts_sum != self.total
        ):
            self.warnings.append(f"components add up to {parts_sum}, not to the total {self.total}")
            self.certain = False

    def currency(self) -> str | None:
        """The total's currency, else the reply's most frequent one; with evidence."""
        currencies = [f.currency for f, _ in self.items if f.currency]
        # a tie goes to the currency written first (dict keeps order; a set's order follows the hash seed)
        doc_currency = max(dict.fromkeys(currencies), key=currencies.count) if currencies else None
        found = self.total_item[0] if self.total_item else None
        currency = (found.currency if found else None) or doc_currency
        if currency is None:
            if self.total is not None or self.values:
                self.warnings.append("no currency stated")
                self.certain = False
            return None
        if found is not None and self.total_item is not None:
            self.evidence.append(Evidence(field="currency", text=found.text, source=self.total_item[1]))
        else:
            f, src = next((f, s) for f, s in self.items if f.currency == currency)
            self.evidence.append(Evidence(field="currency", text=f.text, source=src))
        return currency


CURRENT_BESIDE_EARLIER_WARNING = "an earlier figure beside the figure now: the figure now taken"
TOTAL_LATER_WARNING = "parts of the claim stated and its total announced for later: the parts are not summed"


def choose_amounts(items: list[Item], *, bank: bool = False, texts: Mapping[str, str] | None = None) -> AmountChoice:
    """Pick total and components from (amount, source) pairs found in the reply/attachments.

    A labelled total wins (the sum row among several that add up); else the components'
    sum (evidence on each), else the one unlabelled amount (uncertain). A credit (mark,
    credit words or a minus outside a bank account) is a negative total and uncertain.
    ``certain`` is True only for one stated total whose components (if any) add up and
    whose currency is known. ``bank``: the sender is a bank, whose minus balance is an
    overdraft (owed), not a credit. ``texts`` (source → text, optional): with them, an
    itemised list that says what it is and states no total is summed (``itemised``).
    """
    picker = _Picker(items, bank, texts)
    picker.components()
    if not picker.itemised() and not picker.stated_total():
        picker.fallback_total()
    picker.sign()
    picker.check_components()
    currency = picker.currency()
    amounts = Amounts(total=picker.total, **{r: picker.values.get(r) for r in COMPONENTS})
    return AmountChoice(
        amounts=amounts, currency=currency, evidence=picker.evidence, warnings=picker.warnings, certain=picker.certain
    )


def amounts_with_labels(text: str) -> list[FoundAmount]:
    """``find_amounts``, with the label taken from the line above when an amount stands alone."""
    found = _by_change(_from_to(find_amounts(text)))
    lines = text.splitlines()
    first_index: dict[str, int] = {}
    for i, line in enumerate(lines):
        first_index.setdefault(line, i)  # one pass: a 5 MB table must not cost lines × amounts
    out = [
        _with_label_above(f, lines, first_index.get(f.line))
        for f in found
        if not _unit_figure(text, f)  # "(3 x 612,00 €)", "2 x £40.00": the unit of a multiple, no amount
    ]
    return _dated_columns(text, _running_balance(text, _paid_cells(text, _without_breakdowns(out))))


def _dated_header(line: str) -> dict[int, tuple[int, int, int]] | None:
    """The columns of a table header line told apart by time, cell index → a (year, month, day) to order them by:
    at least two cells carrying one date each, the dates differing ("Position | Stand 01.11.2026 Betrag in EUR |
    Stand 04.12.2026 Betrag in EUR"), or cells naming the office's figure and exactly one naming the figure now
    (``_letter_and_current``: "Kundenkonto | laut Ihrem Schreiben | aktueller Stand", "Your letter | Current
    balance"); the line holds no amount. None otherwise."""
    if not _CELL_SPLIT.search(line.strip(" |")) or find_amounts(line):
        return None
    cells = _CELL_SPLIT.split(line.strip(" |"))
    dated = {i: d for i, c in enumerate(cells) if (d := _label_date(c)) is not None}
    if len(dated) >= 2 and len(set(dated.values())) == len(dated):
        return dated
    return _letter_and_current(cells)


def _letter_and_current(cells: list[str]) -> dict[int, tuple[int, int, int]] | None:
    """The office's-figure columns (``labels.LETTER_COLUMN_RE``, ordered first) and the one current column
    (``labels.CURRENT_COLUMN_RE``, ordered last) of a header's ``cells``; None unless there are both, exactly one
    current column, and no cell names both."""
    letter = {i for i, c in enumerate(cells) if LETTER_COLUMN_RE.search(c)}
    current = {i for i, c in enumerate(cells) if CURRENT_COLUMN_RE.search(c)}
    if not letter or len(current) != 1 or letter & current:
        return None
    return {**dict.fromkeys(letter, (0, 0, 0)), **dict.fromkeys(current, (9999, 12, 31))}


def _dated_cells(text: str, found: list[FoundAmount]) -> tuple[list[int], list[int], str]:
    """Indexes of ``found`` in the latest and in the earlier dated columns of the first table of
    ``text`` whose header dates its figure columns (``_dated_header``), and the latest column's header
    cell; ([], [], "") without one."""
    lines = text.splitlines()
    header_at = next((i for i, line in enumerate(lines) if _dated_header(line)), None)
    if header_at is None:
        return [], [], ""
    dated = _dated_header(lines[header_at]) or {}
    latest_column = max(dated, key=lambda i: dated[i])
    rows = {line for line in lines[header_at + 1 :] if _CELL_SPLIT.search(line.strip(" |"))}
    latest, earlier = [], []
    for i, f in enumerate(found):
        if f.line not in rows:
            continue
        cell = _cell_index(f.line, f.start - (text.rfind("\n", 0, f.start) + 1))
        if cell == latest_column:
            latest.append(i)
        elif cell in dated:
            earlier.append(i)
    return latest, earlier, _CELL_SPLIT.split(lines[header_at].strip(" |"))[latest_column].strip()


def _row_label(f: FoundAmount) -> str:
    """The first cell of a table row: what the row's figures are."""
    return _CELL_SPLIT.split(f.line.strip(" |"))[0].strip()


def _dated_columns(text: str, found: list[FoundAmount]) -> list[FoundAmount]:
    """In a table whose header dates its figure columns ("Stand 01.11.2026 | Stand 04.12.2026", "as at
    31/10/2026 | as at 30/11/2026") or sets the office's figure beside the current one ("laut Ihrem Schreiben |
    aktueller Stand"), a figure of the latest column is named by its row's first cell ("Gesamt | 771,40 | 779,85":
    the total 779,85) — by the column's header when that cell names nothing (an account number, a figure: "A1-55012394
    | EUR 384,20 | EUR 402,95" under "aktueller Stand") — and one of an earlier column is a previous figure: a
    comparison of two dates states the claim at the latest."""
    latest, earlier, header = _dated_cells(text, found)
    out = list(found)
    for i in latest:
        row = _row_label(found[i])
        if not find_amounts(row):
            out[i] = replace(found[i], label=header if _names_nothing(row) else row, after="")
        elif len(latest) == 1:
            out[i] = replace(
                found[i], label=header, after=""
            )  # "£896.40 | £912.15" under "Your letter | Current balance"
    for i in earlier:
        out[i] = replace(found[i], label="previous balance", after="")
    return out


def letter_column_total(text: str) -> Decimal | None:
    """The total of a table that sets the office's figure beside the current one (``_letter_and_current``:
    "laut Ihrem Schreiben | aktueller Stand", "Your letter | Current balance"): the one figure of the current
    column its row or header names as a total (``_dated_columns``); None without such a table or with several."""
    lines = text.splitlines()
    header = next((line for line in lines if _dated_header(line)), None)
    if header is None or _letter_and_current(_CELL_SPLIT.split(header.strip(" |"))) is None:
        return None
    found = find_amounts(text)
    latest, _, _ = _dated_cells(text, found)
    named = _dated_columns(text, found)
    totals = {abs(named[i].amount) for i in latest if amount_role(named[i]) == "total"}
    return totals.pop() if len(totals) == 1 else None


def _names_nothing(cell: str) -> bool:
    """Whether a table row's first cell names no figure: empty, or an identifier (a word with a digit)."""
    return not re.search(r"(?<![\w-])[^\W\d_]{3,}(?![\w-])", cell) or any(ch.isdigit() for ch in cell)


def dated_column_total(text: str) -> Decimal | None:
    """The figure of a table's latest dated column (``_dated_columns``) on a row that names a total
    ("Gesamt", "Total", "Summe"), when the figures above it in that column add up to it; else None."""
    found = find_amounts(text)
    latest, _, _ = _dated_cells(text, found)
    column = [replace(found[i], label=_row_label(found[i]), after="") for i in latest]
    for i, f in enumerate(column):
        if i >= 2 and is_strong_total(f) and sum((g.amount for g in column[:i]), Decimal("0.00")) == f.amount:
            return abs(f.amount)
    return None


def _with_label_above(f: FoundAmount, lines: list[str], idx: int | None) -> FoundAmount:
    """``f`` with its label begun on the line above: a caption over a figure standing alone,
    or the start of a hard-wrapped sentence."""
    if amount_role(f) is None and _first_on_line(f) and not _own_row_label(f):
        prev = ""
        while idx is not None and idx > 0 and not prev:
            idx -= 1
            prev = lines[idx].strip()
        tail = _tail_after_amounts(prev) if prev else prev
        if tail and not find_amounts(tail) and not re.search(r"[.!?]$", tail) and not _DUE_DATE_ONLY.match(tail):
            return replace(f, label=(tail.strip(" :|") + " " + f.label).strip())
    elif idx and _wrapped_sentence(lines[idx - 1], f):
        return replace(f, label=(lines[idx - 1].strip() + " " + f.label).strip())
    return f


def _without_breakdowns(found: list[FoundAmount]) -> list[FoundAmount]:
    """``found`` without the parts of a breakdown in brackets right after a figure that they
    add up to exactly: "CHF 1'552.60 (Ausstand CHF 1'302.60 zuzüglich Entscheidgebühr CHF
    250.00)", "€ 661,20 (HMZ 472,00 + BK 129,09 + USt 60,11)" — details of that figure, not
    second totals."""
    drop: set[int] = set()
    for i, f in enumerate(found):
        after = f.line[f.line.find(f.text) + len(f.text) :] if f.text in f.line else ""
        if not re.match(r"\s*\(", after) or f.amount <= 0:
            continue
        close = f.end + after.find(")") if ")" in after else None
        parts = [j for j in range(i + 1, len(found)) if close is not None and f.end < found[j].start < close]
        if len(parts) >= 2 and sum((found[j].amount for j in parts), Decimal("0.00")) == f.amount:
            drop.update(parts)
    return [f for i, f in enumerate(found) if i not in drop]


_MULTIPLIER = re.compile(r"(?<![\w.,])\d{1,3}\s?[x×]\s?(?:" + _CUR + r")?\s?$", re.IGNORECASE)


def _unit_figure(text: str, found: FoundAmount) -> bool:
    """Whether ``found`` is the unit figure of a multiple ("3 x 612,00 €", "2 x £40.00")."""
    return bool(_MULTIPLIER.search(text[max(0, found.start - 12) : found.start]))


def _own_row_label(found: FoundAmount) -> bool:
    """Whether ``found`` stands in a row of an aligned or separated table with words of its
    own ("Vorschreibung 10/2026     € 661,20"): the sentence above introduces the table, it
    does not name the row."""
    if _LIST_ITEM.match(found.line):  # "- Facture F-88 : 119,99 €": a list item's own words name it
        return bool(re.search(r"[^\W\d_]{3}", found.label))
    return bool(_TABLE_ROW.search(found.line) and re.search(r"[^\W\d_]{3}", found.label))


#: A list item: a bullet or dash, then words.
_LIST_ITEM = re.compile(r"^\s*[•\-*–·▪◦]\s+[^\W\d_]{3}")


def _first_on_line(found: FoundAmount) -> bool:
    """Whether no other amount stands before ``found`` on its line (its label may then begin on
    the line above; a later one's label begins after the figure before it)."""
    on_line = find_amounts(found.line)
    return not on_line or on_line[0].text == found.text


def _tail_after_amounts(line: str) -> str:
    """The words of ``line`` after its last amount (the whole line when it has none): a figure
    that opens the next line ("… und Verzugszins 5 %. Der offene Betrag beläuft sich auf" /
    "CHF 1'402.35.") is named by the sentence that ends the line above, not by its figures."""
    found = find_amounts(line)
    if not found:
        return line
    tail = line[found[-1].end :]
    return _CLAUSE_END.split(tail)[-1].strip() if _CLAUSE_END.search(tail) else tail.strip(" ,;")


#: A line that ends its sentence or is a heading/caption: nothing after it continues it.
_SENTENCE_END = re.compile(r"[.!?:;]$")


def _wrapped_sentence(prev: str, found: FoundAmount) -> bool:
    """Whether ``found`` stands in prose whose sentence began on the line above (a hard-wrapped
    paragraph: "unsere Gesamtforderung einschließlich Kündigungs- und" / "Bearbeitungskosten
    sowie Verzugszinsen aktuell auf 2.318,40 EUR"): its label then starts on that line, so the
    clause's words ("Gesamtforderung", "einschließlich") name it. Never for a table row, a
    line above holding an amount or ending its sentence, or an amount not preceded by words."""
    prev = prev.strip()
    return bool(
        len(prev) >= 30
        and found.line.lstrip().startswith((found.label.split(" ", 1)[0] if found.label else found.text.strip())[:3])
        and not _SENTENCE_END.search(prev)
        and not _TABLE_ROW.search(prev)
        and not _TABLE_ROW.search(found.line)
        and not find_amounts(prev)
    )


_FROM_WORD = re.compile(r"(?:\bvon|\bfrom|\bvan|\bde|\bda|\bfrån|\bfra)\s*$", re.IGNORECASE)
_TO_WORD = re.compile(r"(?:auf|to|naar|op|à|a|till|til|en)", re.IGNORECASE)
#: A figure changed from one value to another: the verb after the new one.
CHANGE_VERB = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:erhöht|gestiegen|angestiegen|angewachsen|reduziert|verringert|gesunken|geändert|angepasst|"
    r"increased|risen|gone up|grown|reduced|decreased|fallen|gone down|changed|gestegen|verhoogd|verlaagd|gedaald|"
    r"augmenté|passé|diminué|réduit|aumentat[oa]|passat[oa]|ridott[oa]|diminuit[oa]|aumentado|pasado|reducido|"
    r"disminuido|ökat|minskat|sänkts|steget|faldet|øket|redusert)\b",
    re.IGNORECASE,
)


#: English word order: the verb before "from" ("has increased from £845.00 to £872.50").
_CHANGE_BEFORE = re.compile(
    r"(?:increased|risen|gone up|grown|reduced|decreased|fallen|gone down|changed|gestegen|gedaald|augmenté|passé|diminué|"
    r"aumentat[oa]|passat[oa]|ridott[oa]|aumentado|pasado|reducido|ökat|minskat|steget|faldet|øket)\s+(?:\w+\s+)?"
    r"(?:from|van|de|da|från|fra)\s*$",
    re.IGNORECASE,
)


_BY_WORD = re.compile(r"(?:\bum|\bby|\bmet|\bmed)\s*(?:" + _CUR + r")?\s*$", re.IGNORECASE)


def _by_change(found: list[FoundAmount]) -> list[FoundAmount]:
    """ "hat sich um einen Monatsbeitrag von 18,36 € erhöht", "has gone up by £18.36": the
    change, not a balance."""
    return [
        replace(f, label="a change of", after="")
        if CHANGE_VERB.match(f.after)
        and (_BY_WORD.search(f.label) or re.search(r"\bum\b", f.label[-40:]))
        or re.search(r"\b(?:increased|decreased|risen|fallen|gone up|gone down|reduced) by\s*$", f.label, re.IGNORECASE)
        else f
        for f in found
    ]


def _from_to(found: list[FoundAmount]) -> list[FoundAmount]:
    """ "hat sich von 845,00 € auf 872,50 € erhöht", "has increased from £845.00 to £872.50":
    the figure after "auf/to" is the new balance, the one after "von/from" the old one —
    unless the old one is named an instalment or payment ("Rate von 50,00 € auf 40,00 €")."""
    out = list(found)
    for i in range(len(out) - 1):
        old, new = out[i], out[i + 1]
        if (
            old.line_no == new.line_no
            and _FROM_WORD.search(old.label)
            and _TO_WORD.fullmatch(new.label.strip())
            and (CHANGE_VERB.match(new.after) or _CHANGE_BEFORE.search(old.label))
            and amount_role(old) != "other"
        ):
            out[i] = replace(old, label="previous balance", after="")
            out[i + 1] = replace(new, label="new balance", after="")
    return out


#: Column headers of a running balance ("Date | Description | Amount | Balance").
_BALANCE_COLUMN = re.compile(
    r"^(?:running |new |current )?balance$|^(?:neuer |laufender |aktueller )?saldo$|^kontostand$|^solde$|^saldo (?:nuovo|corrente|actual)$|"
    r"^nieuw saldo$|^nouveau solde$|^stand$|^restschuld$|^rest(?:gæld|skuld|gjeld)$|^zůstatek$|^stan konta$",
    re.IGNORECASE,
)
_CELL_SPLIT = re.compile(r"\s*[|;]\s*|\t")
#: A currency named in a column header ("Saldo (EUR)", "Balance in £", "Saldo €").
_HEADER_CURRENCY = re.compile(
    r"\s*(?:\(\s*)?(?:in\s+)?(?:EUR|€|CHF|GBP|£|SEK|DKK|NOK|PLN|zł|CZK|Kč|kr\.?|USD|\$|HUF|Ft|RON|lei|BGN|лв\.?|TRY|TL|₺|RSD|din\.?|дин\.?|BAM|KM|MKD|UAH|грн\.?|₴|RUB|руб\.?|₽|BRL|R\$)(?:\s*\))?$",
    re.IGNORECASE,
)


def _cell_index(line: str, pos: int) -> int:
    """The table cell (0-based, a leading "|" ignored) that position ``pos`` of ``line`` is in."""
    lead = len(line) - len(line.lstrip(" |"))
    return len(_CELL_SPLIT.findall(line[lead : max(lead, pos)]))


def _balance_column(text: str) -> int | None:
    """The cell index of a running-balance column named in a table header, else None."""
    column = None
    for line in text.splitlines():
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip(" |"))]
        if len(cells) >= 3 and not find_amounts(line):
            hits = [i for i, c in enumerate(cells) if _BALANCE_COLUMN.match(_HEADER_CURRENCY.sub("", c))]
            column = hits[-1] if hits else column
    return column


_ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")


def _aligned_balance_span(text: str) -> tuple[int, int] | None:
    """The character span of a running-balance column named in the header of a table
    aligned with spaces ("Datum   Vorgang   Betrag   Saldo"), else None."""
    span = None
    for line in text.splitlines():
        cells = list(_ALIGNED_CELL.finditer(line))
        if len(cells) >= 3 and not find_amounts(line):
            hits = [c.span() for c in cells if _BALANCE_COLUMN.match(_HEADER_CURRENCY.sub("", c.group(0)))]
            span = hits[-1] if hits else span
    return span


def _balance_cells(text: str, found: list[FoundAmount], offsets: list[int]) -> list[int]:
    """Indexes of ``found`` standing in the table's running-balance column: by cell
    (``|``, tab, ``;``) or, in a table aligned with spaces, by position under the header."""
    if "|" in text or "\t" in text or ";" in text:
        column = _balance_column(text)
        if column is not None:
            return [
                i
                for i, f in enumerate(found)
                if _TABLE_ROW.search(f.line) and _cell_index(f.line, offsets[i]) == column
            ]
    span = _aligned_balance_span(text)
    if span is None:
        return []
    lo, hi = span[0] - 2, span[1] + 2
    return [
        i
        for i, f in enumerate(found)
        if re.search(r"\S {2,}\S", f.line) and offsets[i] <= hi and offsets[i] + (f.end - f.start) >= lo
    ]


#: Column headers of payments received ("Periode | Bedrag | Betaald", "Date | Charge | Paid").
_PAID_COLUMN = re.compile(
    r"^(?:betaald|ontvangen|bezahlt|gezahlt|zahlung(?:en|seingang|seingänge)?|paid|payments?(?: received)?|amount paid|"
    r"payé|paiements?|versements?|réglé|pagato|pagamenti|versato|pagado|pagos|abonado|betalt|betalat|inbetalt|indbetalt|"
    r"innbetalt|maksettu|maksut)$",
    re.IGNORECASE,
)


def _paid_column(text: str) -> int | None:
    """The cell index of a column of payments named in a table header, else None."""
    column = None
    for line in text.splitlines():
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip(" |"))]
        if len(cells) >= 3 and not find_amounts(line):
            hits = [i for i, c in enumerate(cells) if _PAID_COLUMN.match(_HEADER_CURRENCY.sub("", c))]
            column = hits[-1] if hits else column
    return column


def _paid_cells(text: str, found: list[FoundAmount]) -> list[FoundAmount]:
    """In a table (``|``, tab, ``;``) whose header names a column of payments ("Betaald",
    "Paid", "Payé"), the amounts of that column are payments ("paid"), whatever their row
    says: the rows' charges less them make up the total row."""
    if not ("|" in text or "\t" in text or ";" in text):
        return _aligned_credit_cells(text, found)
    column = _paid_column(text)
    if column is None:
        return found
    out = list(found)
    for i, f in enumerate(found):
        offset = f.start - (text.rfind("\n", 0, f.start) + 1)
        if not _TABLE_ROW.search(f.line):
            continue
        if _cell_index(f.line, offset) == column and amount_role(f) != "total":
            out[i] = replace(f, label="paid", after="")
        elif " | " in f.label:  # the first row took the header line above as its label
            out[i] = replace(f, label=_label_of(f.line, 0, offset))  # its own row's words, not the header's
    return out


#: The header of a credit column in a table aligned with spaces ("Buchungstag  Vorgang   Soll   Haben",
#: "Date   Details   Debit   Credit"): the payments received, deducted from the balance.
_CREDIT_COLUMN = re.compile(r"^(?:haben|gutschrift(?:en)?|credits?|avoir|crédit|avere|haber)$", re.IGNORECASE)
_CREDIT_HEADER_WORD = re.compile(
    r"\b(?:haben|gutschrift(?:en)?|credits?|avoir|crédit|avere|haber)\s*$", re.IGNORECASE | re.MULTILINE
)


def _aligned_credit_cells(text: str, found: list[FoundAmount]) -> list[FoundAmount]:
    """In a table aligned with spaces whose header ends with a credit column ("Soll   Haben",
    "Debit   Credit"), the amounts under that column are payments ("paid"), not rows that add."""
    if not _CREDIT_HEADER_WORD.search(text):  # gate: no header line ends with a credit column
        return found
    span = None
    for line in text.splitlines():
        cells = list(_ALIGNED_CELL.finditer(line))
        if len(cells) >= 3 and _CREDIT_COLUMN.match(cells[-1].group(0)) and not find_amounts(line):
            span = cells[-1].span()
    if span is None:
        return found
    out = list(found)
    for i, f in enumerate(found):
        offset = f.start - (text.rfind("\n", 0, f.start) + 1)
        under = offset <= span[1] + 2 and offset + (f.end - f.start) >= span[0] - 2
        if under and re.search(r"\S {2,}\S", f.line) and amount_role(f) != "total":
            out[i] = replace(f, label="paid", after="")
    return out


def _running_balance(text: str, found: list[FoundAmount]) -> list[FoundAmount]:
    """In a table with a running-balance column, the balance cell of the last row is the
    current balance ("new balance") and the earlier ones old balances ("previous balance")."""
    offsets = [f.start - (text.rfind("\n", 0, f.start) + 1) for f in found]
    in_column = _balance_cells(text, found, offsets)
    if not in_column:
        return found
    rows = {found[i].line for i in in_column}
    out = list(found)
    for i, f in enumerate(found):
        if i in in_column:
            label = "new balance" if i == in_column[-1] else "previous balance"
        elif f.line in rows:
            label = _label_of(f.line, 0, offsets[i])  # its own row's words, not the header line above
            if amount_role(replace(f, label=label, after="")) == "total":
                # a debit or credit cell of a row whose words name a balance ("Balance transferred",
                # "Saldovortrag"): a booking; the row's balance cell holds the balance
                label = "booking"
        else:
            continue
        out[i] = replace(f, label=label, after="")
    return out


def running_balance_total(text: str) -> Decimal | None:
    """The current balance of a statement with a running-balance column (the balance
    cell of its last row, ``_running_balance``), else None."""
    found = amounts_with_labels(text)
    last = [f for f in found if f.label == "new balance"]
    return abs(last[-1].amount) if last else None


#: A currency named in words or as a caption: "Alle Beträge in Schweizer Franken", "Kontoauszug … (Fr.)",
#: "all amounts in pounds sterling", "belopp i svenska kronor".
_CURRENCY_NAMED = re.compile(
    r"\b(?:schweizer franken|franken|francs? suisses?|franchi svizzeri|pounds? sterling|svenska kronor|"
    r"danske kroner|norske kroner)\b|\(Fr\.\)",
    re.IGNORECASE,
)
_NAMED_CODES = {"pound": "GBP", "svenska": "SEK", "danske": "DKK", "norske": "NOK"}


def _named_code(words: str) -> str:
    """The ISO code of a currency named in words (``_CURRENCY_NAMED``): CHF unless another is named."""
    first = words.lower().split()[0].rstrip("s")
    return _NAMED_CODES.get(first, "CHF")


def with_text_currency(choice: AmountChoice, sources: list[tuple[str, str]]) -> AmountChoice:
    """Currency from a table header or text ("Betrag (EUR)") when no amount carries one.

    Only when the texts name exactly one currency.
    """
    tokens = [(m, src) for src, text in sources for m in _CUR_RE.finditer(text)]
    codes = {CURRENCY_CODES.get(m.group(0).lower()) for m, _ in tokens}
    named = [(m, src) for src, text in sources for m in _CURRENCY_NAMED.finditer(text)]
    codes |= {_named_code(m.group(0)) for m, _ in named}
    tokens += named
    if len(codes) != 1 or None in codes:
        return choice
    m, src = tokens[0]
    warnings = [w for w in choice.warnings if w != "no currency stated"]
    warnings.append("currency taken from the text, not from the amount")
    return AmountChoice(
        amounts=choice.amounts,
        currency=codes.pop(),
        evidence=choice.evidence + [Evidence(field="currency", text=m.group(0), source=src)],
        warnings=warnings,
        certain=False,
    )


# --- a total label followed by a figure that is not one well-formed amount -----------------
#: A number-like run after a label: digits with the separators a money literal may carry.
_FIGURE_RUN = re.compile(r"\d[\d.,'’\u00a0\u202f ]*\d(?:[.,][-–]{1,2})?")
#: What may stand between the label's word and its figure: a colon, short words ("von",
#: "of", "beträgt", "est de", "ammonta a"), a currency — never the end of a sentence.
_LABEL_GAP = re.compile(r"[^\d\n.;!?]{0,30}?(?=\d)")
_DATE_RUN = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}")
MALFORMED_TOTAL_WARNING = "'{figure}' after '{label}' is not a well-formed amount"
"""The rules extractor's warning for ``malformed_total_figure`` (the gate words its hold reason from it)."""


def malformed_total_figure(text: str) -> tuple[str, str] | None:
    """(figure, label) of the first total label in ``text`` ("Gesamtforderung", "Total
    amount due", "Montant total", "Totale dovuto", "Importe total", "Totalt belopp", …)
    whose figure on the same line is money-shaped — a currency beside it, or two decimal
    places — but not one well-formed amount (``parse_amount``: "1.2100,00", "1,21,000.00",
    "12.34.56,00"). None when every such figure reads, or is a date or a plain number
    (a reference, a year). Pure; never raises."""
    for line in (text or "").splitlines():
        found = (_malformed_in_line if len(line) <= 400 else _malformed_in_line.__wrapped__)(line)  # bounded memo
        if found is not None:
            return found
    return None


@lru_cache(maxsize=4096)  # pure; an email's renderings and the quoted office letter repeat lines
def _malformed_in_line(line: str) -> tuple[str, str] | None:
    """``malformed_total_figure`` of one line (its strong labels first, then its weak ones).
    Cached per process (docs/worker-performance.md, "Round 11")."""
    for label_re in (_STRONG_TOTAL_RE, _WEAK_TOTAL_RE):
        for m in label_re.finditer(line):
            found = _malformed_after(line, m.start(), m.end())
            if found is not None:
                return found
    return None


def _word_around(line: str, start: int, end: int) -> tuple[int, int]:
    """The whole word (hyphens included) a label match stands in: "Gesamt" → "Gesamtforderung"."""
    while start > 0 and (line[start - 1].isalpha() or line[start - 1] == "-"):
        start -= 1
    while end < len(line) and (line[end].isalpha() or line[end] == "-"):
        end += 1
    return start, end


def _malformed_after(line: str, start: int, end: int) -> tuple[str, str] | None:
    start, end = _word_around(line, start, end)
    gap = _LABEL_GAP.match(line, end)
    run = _FIGURE_RUN.match(line, gap.end()) if gap is not None else None
    if gap is None or run is None:
        return None
    figure = run.group(0).rstrip(" \u00a0\u202f")
    currency = bool(_CUR_RE.match(line[run.end() :].lstrip())) or bool(_CUR_RE.search(gap.group(0)))
    if _DATE_RUN.fullmatch(figure) or not (currency or re.search(r"[.,]\d{2}$", figure)):
        return None
    # well-formed as written, or once a currency settles it ("1.234,56" has two readings alone)
    if parse_amount(f"{figure} €") is not None or (not currency and parse_amount(figure) is not None):
        return None
    return figure, line[start:end].strip()
