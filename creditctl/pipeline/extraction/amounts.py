"""Money literals in German and English creditor letters → ``Decimal``.

Two public functions:

- ``parse_amount(text)``: one literal (``"1.234,56 €"``, ``"EUR 2,137.40"``,
  ``"1.500,-- €"``, ``"CHF 1'245.30"``) → ``Decimal`` with 2 places, or ``None`` when the
  literal is ambiguous (``"1.234"`` without a currency could be 1.234 or 1234).
- ``find_amounts(text)``: every money amount with a currency next to it (or on its
  table line), with its span and the label of its line (``"Hauptforderung"``).

Rules (DIN 5008 / Duden for German, common English usage): the decimal separator is
the last ``,`` or ``.`` followed by exactly two digits (or ``-``/``--`` for whole
euros); group separators are ``.``, ``,``, ``'``, ``’``, space, no-break space
(U+00A0) and narrow no-break space (U+202F), always followed by three digits.
A single separator followed by three digits is read as a thousands separator only
when a currency stands next to the literal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from creditctl.pipeline.extraction.model import Amounts, Evidence

__all__ = [
    "FoundAmount", "parse_amount", "find_amounts", "CURRENCY_CODES",
    "AmountChoice", "amount_role", "is_strong_total", "amounts_with_labels", "choose_amounts", "with_text_currency",
]

_TWO_PLACES = Decimal("0.01")

#: Currency token → ISO 4217 code. Longest tokens first in the regex below.
CURRENCY_CODES: dict[str, str] = {
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "chf": "CHF",
    "sfr.": "CHF",
    "fr.": "CHF",
    "usd": "USD",
    "us$": "USD",
    "$": "USD",
}

_CUR = r"(?:€|£|US\$|\$|\bEUR\b|\bEuros?\b|\bGBP\b|\bCHF\b|\bSFr\.|\bUSD\b)"
_GROUP_SEP = "[.,'’ \u00a0\u202f]"
# A number: grouped (1.234.567) or plain (28234), with an optional decimal tail.
_NUMBER = (
    r"(?<![\w.,'’])"
    r"(?P<num>(?:-\s?)?(?:\d{1,3}(?:" + _GROUP_SEP + r"\d{3})+|\d+)"
    r"(?:[.,](?:\d{2}|-{1,2}|–|—))?)"
    r"(?![\d]|[.,'’]\d)"
)
_AMOUNT_RE = re.compile(
    r"(?:(?P<cur_before>" + _CUR + r")[\s\u00a0\u202f]?)?" + _NUMBER + r"(?:[\s\u00a0\u202f]?(?P<cur_after>" + _CUR + r"))?",
    re.IGNORECASE,
)
_CUR_RE = re.compile(_CUR, re.IGNORECASE)
_WHOLE_TAIL = re.compile(r"[.,](?:-{1,2}|–|—)$")
_DATE_LIKE = re.compile(r"^\d{1,2}[.]\d{1,2}$")


@dataclass(frozen=True)
class FoundAmount:
    """One money amount found in a text.

    ``amount`` is a Decimal with 2 places; ``currency`` an ISO 4217 code or None when
    only the line suggests money; ``start``/``end`` the span of ``text`` (the exact
    matched literal, currency included) in the searched text; ``label`` the words that
    name it (text before it on its line, table separators removed, e.g.
    ``"Hauptforderung"``); ``after`` the words after it on its line; ``line`` the whole line.
    """

    amount: Decimal
    currency: str | None
    start: int
    end: int
    text: str
    label: str
    after: str
    line: str


def _currency_code(token: str | None) -> str | None:
    if not token:
        return None
    return CURRENCY_CODES.get(token.strip().lower())


def _parse_number(num: str, *, has_currency: bool) -> Decimal | None:
    """Parse the numeric part of a literal; None when malformed or ambiguous."""
    s = num.replace("\u00a0", " ").replace("\u202f", " ").strip()
    negative = s.startswith("-")
    s = s.lstrip("-").strip()
    if not s:
        return None
    if _WHOLE_TAIL.search(s):
        int_part, frac = _WHOLE_TAIL.sub("", s), "00"
    else:
        m = re.search(r"[.,](\d{2})$", s)
        if m and not re.fullmatch(r"\d{1,3}(?:[.,' ’]\d{3})+", s):
            int_part, frac = s[: m.start()], m.group(1)
        else:
            int_part, frac = s, "00"
    seps = set(re.findall(r"[^\d]", int_part))
    if len(seps) > 1:
        return None
    groups = re.split(r"[^\d]", int_part)
    if len(groups) > 1:
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            return None
        if len(groups) == 2 and frac == "00" and not _WHOLE_TAIL.search(s) and not has_currency:
            # "1.234" or "1,234" alone: 1.234 or 1234? Not a claim amount.
            return None
        # A decimal part must use the other separator than the grouping: "1.234.56" is malformed.
        tail_sep = s[len(int_part) : len(int_part) + 1]
        if tail_sep and tail_sep in seps:
            return None
    try:
        value = Decimal("".join(groups) + "." + frac).quantize(_TWO_PLACES)
    except InvalidOperation:
        return None
    return -value if negative else value


def parse_amount(text: str) -> Decimal | None:
    """Parse one money literal into a Decimal with 2 places.

    ``"1.234,56 €"`` → ``Decimal("1234.56")``; ``"EUR 2,137.40"`` → ``2137.40``;
    ``"1.500,-- €"`` → ``1500.00``; ``"1 234,56"`` (also U+00A0/U+202F) → ``1234.56``;
    ``"CHF 1'245.30"`` → ``1245.30``. Returns None for anything that is not exactly one
    literal, and when the literal is ambiguous (``"1.234"`` with no currency, ``"1.5"``,
    ``"1.234.56"``). Never raises.

    An intended pair with ``claude.parse_amount``: the two read the same literals
    independently (the evidence check re-reads Claude's amounts with this one), so an
    amount survives only when two separate readings agree. Their shared table of inputs
    on which they must agree or both refuse: ``tests/unit/test_money_parsers.py``.
    """
    if not text:
        return None
    stripped = text.strip()
    has_currency = bool(_CUR_RE.search(stripped))
    core = _CUR_RE.sub("", stripped).strip()
    if not core or not re.fullmatch(r"-?\s?[\d.,'’ \u00a0\u202f]+(?:[.,](?:-{1,2}|–|—))?", core):
        return None
    return _parse_number(core, has_currency=has_currency)


def _label_of(line: str, seg_start: int, amount_start: int) -> str:
    """The naming words before an amount: the nearest table cell that has letters."""
    before = line[seg_start:amount_start]
    cells = [c for c in re.split(r"\s\|\s|\t|\|", before)]
    for cell in reversed(cells):
        cleaned = re.sub(r"[\s:=]+$", "", cell).strip(" :-–—.\u00a0")
        cleaned = _CUR_RE.sub("", cleaned).strip(" :()")
        if re.search(r"[^\W\d_]{2,}", cleaned):
            return re.sub(r"\s+", " ", cleaned)
    return ""


def find_amounts(text: str) -> list[FoundAmount]:
    """Find every money amount in ``text``, in order of appearance.

    An amount counts when a currency token stands next to it (``€``, ``EUR``, ``£``,
    ``CHF``, ``USD``, …), or when it has a decimal tail (``,56`` / ``,--``) and its line
    names a currency or is a table row (``"Hauptforderung | 1.204,50"``). Dates, IBANs,
    phone numbers and bare integers are therefore not amounts. Returns ``FoundAmount``
    items (Decimal, 2 places); never raises.
    """
    found: list[FoundAmount] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        bare_line = line.rstrip("\r\n")
        line_currency = None
        m_cur = _CUR_RE.search(bare_line)
        if m_cur:
            line_currency = _currency_code(m_cur.group(0))
        is_table = " | " in bare_line
        seg_start = 0
        line_items: list[tuple[int, int, Decimal, str | None]] = []
        for m in _AMOUNT_RE.finditer(bare_line):
            num = m.group("num")
            cur_tok = m.group("cur_before") or m.group("cur_after")
            currency = _currency_code(cur_tok)
            if currency is None:
                has_tail = bool(re.search(r"[.,](?:\d{2}|-{1,2}|–|—)$", num.strip()))
                if not has_tail or _DATE_LIKE.match(num.strip()) or not (line_currency or is_table):
                    continue
                currency = line_currency
            value = _parse_number(num, has_currency=cur_tok is not None)
            if value is None:
                continue
            start, end = m.start(), m.end()
            # Drop a trailing space captured before a missing currency.
            matched = bare_line[start:end].rstrip()
            end = start + len(matched)
            line_items.append((start, end, value, currency))
        for i, (start, end, value, currency) in enumerate(line_items):
            label = _label_of(bare_line, seg_start, start)
            nxt = line_items[i + 1][0] if i + 1 < len(line_items) else len(bare_line)
            after = bare_line[end:nxt].strip(" |:,;.")
            found.append(
                FoundAmount(
                    amount=value,
                    currency=currency,
                    start=line_start + start,
                    end=line_start + end,
                    text=bare_line[start:end],
                    label=label,
                    after=after,
                    line=bare_line,
                )
            )
            seg_start = end
        line_start += len(line)
    return found


# --- amount roles -----------------------------------------------------------------
_OTHER_RE = re.compile(
    r"\brate\b|\braten\b|ratenh|monatlich|\bmtl\.|monthly|per month|instal+ment|vergleich|"
    r"einmalzahlung|abfindung|settlement|ursprüngl|original|kreditbetrag|darlehensbetrag|nettodarlehen|"
    r"kreditsumme|loan amount|gezahlt|zahlungseing(?:a|ä)ng|verrechn|zahlungen|teilzahlung|gutschrift|payments? received|"
    r"\bpaid\b|received|erhalten|eingegangen|already|bereits|abschl(?:ä|ae)ge|guthaben|stammkapital|grundkapital|share capital|mindest|minimum|angebot|offer|"
    r"\bje\b|brought forward|previous balance|opening balance|vortrag|übertrag|alter saldo|bisherige|zuletzt|"
    r"dispositionskredit|kreditrahmen|kreditlinie|kreditlimit|credit limit|verfügungsrahmen",
    re.I,
)
#: Words that name the sum of a claim: they beat the component words.
_STRONG_TOTAL_RE = re.compile(r"gesamt|insgesamt|summe|\btotal\b|zu zahlen|zahlbetrag", re.I)
#: Words that may name the claim or a part of it ("Zinsen in Höhe von"): components beat them.
_WEAK_TOTAL_RE = re.compile(
    r"offene[rn]? (?:betrag|forderung|saldo|posten)|noch offen|saldo|restforderung|restschuld|"
    r"forderungsstand|aktuelle forderung|noch zu|outstanding|balance|rückstand|"
    r"amount due|due amount|amount owed|now due|remains? due|beläuft|belaufen|beträgt|in höhe von|the sum of",
    re.I,
)
_COMPONENT_RES: list[tuple[str, re.Pattern[str]]] = [
    ("principal", re.compile(r"hauptforderung|hauptsache|principal|restkapital|capital", re.I)),
    ("interest", re.compile(r"zinsen|\bzins\b|interest", re.I)),
    (
        "costs",
        re.compile(
            r"kosten|gebühr|gebuehr|auslagen|inkassovergütung|vergütung|pauschale|costs?\b|fees?\b|charges?\b",
            re.I,
        ),
    ),
]
# "inklusive Zinsen und Kosten" / "including interest" names what a total holds, not a part.
_INCLUSIVE_RE = re.compile(
    r"\b(?:inkl\.?|inklusive|einschlie(?:ß|ss)lich|einschl\.|including|incl\.?)\s[^,;()]*", re.I
)
_GENERIC_CLAIM = re.compile(r"\bforderung\b|\bschuldet\b|\bclaim\b|\bowes?\b|\bdebt\b", re.I)


def _nearest(words: str, patterns: list[tuple[str, re.Pattern[str]]], *, before: bool) -> str | None:
    """The role whose keyword stands nearest the amount: the last match in a label
    (``before``), the first in the words after it."""
    best: tuple[int, str] | None = None
    for role, rx in patterns:
        for m in rx.finditer(words):
            pos = m.start() if before else -m.start()
            if best is None or pos > best[0]:
                best = (pos, role)
    return best[1] if best else None


def amount_role(found: FoundAmount) -> str | None:
    """The role of an amount: ``total``, ``principal``, ``interest``, ``costs``, ``other``
    (instalments, offers, payments, old balances, credit limits) or None (unnamed).

    Read from the words before it on its line, else the words after it. The keyword
    nearest the amount decides among instalment/offer/payment words, words naming a sum
    (Gesamt, Summe, insgesamt, total) and components (Hauptforderung, Zinsen, Kosten);
    only when none of those occurs does a word that may name either (Saldo, offen,
    outstanding, beträgt, in Höhe von) give ``total``. A ``total`` whose label holds an
    instalment/offer/payment word anywhere is ``other``; components named after
    "inkl./einschließlich/including" do not count.
    """
    for words, before in ((found.label, True), (found.after, False)):
        if not words:
            continue
        words = _INCLUSIVE_RE.sub(" ", words)
        role = _nearest(words, [("other", _OTHER_RE), ("total", _STRONG_TOTAL_RE)] + _COMPONENT_RES, before=before)
        if role is None and (_WEAK_TOTAL_RE.search(words) or (before and _GENERIC_CLAIM.search(words))):
            role = "total"
        if role == "total" and _OTHER_RE.search(found.label or ""):
            return "other"  # an instalment/offer/payment word anywhere on the label wins over "total"
        if role:
            return role
    return None


def is_strong_total(found: FoundAmount) -> bool:
    """Whether the amount's label names a sum ("Gesamtforderung", "Summe", "insgesamt", "Total")."""
    return bool(_STRONG_TOTAL_RE.search(_INCLUSIVE_RE.sub(" ", found.label or found.after)))


@dataclass
class AmountChoice:
    amounts: Amounts
    currency: str | None
    evidence: list[Evidence]
    warnings: list[str]
    certain: bool


def _summed_total(by_role: dict[str, list[tuple[FoundAmount, str]]]) -> tuple[FoundAmount, str] | None:
    """The one total labelled as a sum ("Gesamtsaldo", "Summe", "insgesamt") when every
    other claim amount stated (the other totals and the components) adds up to it
    exactly, else None. "Saldo A + Saldo B = Gesamtsaldo" or "Rückstand + Mahnkosten =
    insgesamt" passes; "Gesamtforderung 1.370,02, offener Saldo 1.170,02" does not.
    """
    strong = [(f, s) for f, s in by_role.get("total", []) if is_strong_total(f)]
    if len({f.amount for f, _ in strong}) != 1:
        return None
    chosen = strong[0]
    rest = [f for role in ("total", "principal", "interest", "costs") for f, _ in by_role.get(role, [])
            if f.amount != chosen[0].amount]
    if len(rest) < 2 or by_role.get("unlabelled"):
        return None
    return chosen if sum((f.amount for f in rest), Decimal("0.00")) == chosen[0].amount else None


def choose_amounts(items: list[tuple[FoundAmount, str]]) -> AmountChoice:
    """Pick total and components from (amount, source) pairs found in the reply/attachments."""
    by_role: dict[str, list[tuple[FoundAmount, str]]] = {}
    for found, source in items:
        role = amount_role(found)
        by_role.setdefault(role or "unlabelled", []).append((found, source))
    currencies = [f.currency for f, _ in items if f.currency]
    doc_currency = max(set(currencies), key=currencies.count) if currencies else None
    warnings: list[str] = []
    evidence: list[Evidence] = []
    values: dict[str, Decimal | None] = {}

    def distinct(role: str) -> dict[Decimal, tuple[FoundAmount, str]]:
        out: dict[Decimal, tuple[FoundAmount, str]] = {}
        for found, source in by_role.get(role, []):
            out.setdefault(found.amount, (found, source))
        return out

    for role in ("principal", "interest", "costs"):
        vals = distinct(role)
        if len(vals) == 1:
            (value, (found, source)), = vals.items()
            values[role] = value
            evidence.append(Evidence(field=f"amounts.{role}", text=found.line.strip(), source=source))
        elif len(vals) > 1 and role != "principal":
            # several cost/interest lines (Mahnkosten, Inkassokosten): their sum
            values[role] = sum(vals, Decimal("0.00"))
            for found, source in vals.values():
                evidence.append(Evidence(field=f"amounts.{role}", text=found.line.strip(), source=source))
        elif len(vals) > 1:
            warnings.append("several different principal amounts; none taken")
    totals = distinct("total")
    total: Decimal | None = None
    total_found: FoundAmount | None = None
    certain = False
    if len(totals) == 1:
        (total, (total_found, source)), = totals.items()
        evidence.append(Evidence(field="amounts.total", text=total_found.line.strip(), source=source))
        certain = True
    elif len(totals) > 1:
        summed = _summed_total(by_role)
        if summed is not None:
            total_found, source = summed
            total = total_found.amount
            evidence.append(Evidence(field="amounts.total", text=total_found.line.strip(), source=source))
            certain = True
        else:
            # The last-stated total often is the balance after payments; too unsure to pick.
            warnings.append("several different totals stated: " + ", ".join(str(v) for v in totals) + "; none taken")
    else:
        parts = [values.get(r) for r in ("principal", "interest", "costs")]
        unlabelled = distinct("unlabelled")
        if any(p is not None for p in parts) and not unlabelled and not any("amounts.principal" in w for w in warnings):
            total = sum((p for p in parts if p is not None), Decimal("0.00"))
            warnings.append("no total stated; total is the sum of the stated components")
            evidence.extend(Evidence(field="amounts.total", text=e.text, source=e.source) for e in list(evidence))
        elif len(unlabelled) == 1 and not any(p is not None for p in parts):
            (total, (total_found, source)), = unlabelled.items()
            warnings.append("the only amount in the reply is not labelled; taken as the total")
            evidence.append(Evidence(field="amounts.total", text=total_found.line.strip(), source=source))
        elif unlabelled:
            warnings.append("amounts without a label; the claim cannot be told")
    if total is not None and total < 0:
        # A bank's "Saldo -4.499,58 EUR" is the amount owed; the sign is read, so a human checks it.
        total = -total
        warnings.append("negative balance read as the amount owed")
        certain = False
    parts_sum = sum((v for v in values.values() if v is not None), Decimal("0.00"))
    if certain and total is not None and values.get("principal") is not None and parts_sum != total:
        warnings.append(f"components add up to {parts_sum}, not to the total {total}")
        certain = False
    currency = (total_found.currency if total_found else None) or doc_currency
    if currency is None and (total is not None or values):
        warnings.append("no currency stated")
        certain = False
    if currency and total_found is not None:
        evidence.append(Evidence(field="currency", text=total_found.text, source=evidence[-1].source if evidence else "body"))
    elif currency:
        cur_src = next(((f, s) for f, s in items if f.currency == currency), None)
        if cur_src:
            evidence.append(Evidence(field="currency", text=cur_src[0].text, source=cur_src[1]))
    return AmountChoice(
        amounts=Amounts(total=total, principal=values.get("principal"), interest=values.get("interest"), costs=values.get("costs")),
        currency=currency,
        evidence=evidence,
        warnings=warnings,
        certain=certain,
    )




def amounts_with_labels(text: str) -> list[FoundAmount]:
    """``find_amounts``, with the label taken from the line above when an amount stands alone."""
    found = find_amounts(text)
    lines = text.splitlines()
    first_index: dict[str, int] = {}
    for i, line in enumerate(lines):
        first_index.setdefault(line, i)  # one pass: a 5 MB table must not cost lines × amounts
    out = []
    for f in found:
        if amount_role(f) is None:
            idx = first_index.get(f.line)
            prev = ""
            while idx is not None and idx > 0 and not prev:
                idx -= 1
                prev = lines[idx].strip()
            if prev and not find_amounts(prev) and not re.search(r"[.!?]$", prev):
                label = (prev.strip(" :|") + " " + f.label).strip()
                f = FoundAmount(f.amount, f.currency, f.start, f.end, f.text, label, f.after, f.line)
        out.append(f)
    return out


def with_text_currency(choice: AmountChoice, sources: list[tuple[str, str]]) -> AmountChoice:
    """Currency from a table header or text ("Betrag (EUR)") when no amount carries one.

    Only when the texts name exactly one currency.
    """
    tokens = [(m, src) for src, text in sources for m in _CUR_RE.finditer(text)]
    codes = {CURRENCY_CODES.get(m.group(0).lower()) for m, _ in tokens}
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
