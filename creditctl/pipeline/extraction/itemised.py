"""An itemised list without a total: the claim is the sum of its items, with checks.

"De vordering bestaat uit: / Hoofdsom € 820,00 / Rente € 34,15 / Incassokosten € 123,00",
"the account is made up of the following: • charges £512.18 • plan £80.00 • fees £75.00",
"les montants suivants restent ouverts : … / … / …", a table of items closed by "All of
the above items are currently due": the creditor states the parts, not their sum.

The list is read only when it says what it is — a phrase that introduces a composition
("besteht aus", "is made up of", "se compose de", "als volgt", "består av", "składa się
z") on one of the two lines above it, or one that closes it ("all of the above items are
due") on one of the two lines below — and every check holds (``itemised_total``): two or
more rows on consecutive lines of one text, one amount each (a bracketed detail such as
"(EUR 40 flat)" does not count), one currency; no row names a sum ("Gesamt", "Total",
"Summe"), the last row names no total or balance, no row equals the sum of the rows above
it (a subtotal), no positive row is a payment, an offer or an instalment; and no amount
outside the list names a total. A list that fails a check is not summed: the reader goes
on as before (docs/evaluation.md, "components only").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal

from creditctl.pipeline.extraction.amounts import (
    FoundAmount,
    Item,
    amount_role,
    in_brackets,
    is_strong_total,
    statement_blocks,
)

__all__ = ["COMPOSITION_RE", "itemised_total"]

#: A phrase that introduces a list of the claim's parts, per language.
COMPOSITION_RE = re.compile(
    r"\b(?:"
    r"made up of|consists? of|comprises?|compris(?:ed|ing) of|as follows|broken down as|breakdown|"
    r"the following (?:amounts?|items?|charges?|sums?|balances?|arrears|debts?|outstanding items)|"
    r"setz(?:t|en) sich\b[^\n]{0,300}?\bzusammen|besteh(?:t|en) aus|wie folgt|folgende[n]? (?:beträge|posten|positionen|summen|rückstände|offene[n]? posten)|"
    r"bestaat uit|als volgt|is opgebouwd|(?:de )?volgende (?:bedragen|posten|achterstanden)|"
    r"se compos(?:e|ent) (?:de|comme)|se décompos(?:e|ent)|comme suit|(?:les )?montants suivants|(?:les )?sommes suivantes|(?:les )?(?:arriérés|impayés) suivants|"
    r"si compon(?:e|gono) d|è compost[oa] da|come segue|(?:i )?seguenti (?:importi|arretrati|insoluti)|"
    r"se compone de|se desglosa|desglose|como sigue|(?:los )?siguientes (?:importes|atrasos|deudas)|"
    r"består av|består af|enligt följande|som følger|følgende beløb|følgende beløp|följande belopp|"
    r"koostuu|seuraavasti|"
    r"składa się z|następująco|skládá se z|následovně"
    r")\b",
    re.IGNORECASE,
)
#: A phrase after a list that states all its items are owed, per language.
_CLOSING_RE = re.compile(
    r"\b(?:"
    r"all (?:of )?(?:the )?(?:above|these|those)(?: \w+)? (?:are|is|remain)|"
    r"(?:alle|sämtliche|diese) (?:\w+ )?(?:posten|beträge|positionen) (?:sind|stehen|bleiben)|"
    r"(?:al )?deze (?:bedragen|posten) (?:zijn|staan)|"
    r"(?:l'ensemble de )?ces (?:montants|sommes) (?:sont|restent)|"
    r"(?:tutti )?(?:gli |questi )?importi (?:sopra )?(?:indicati )?(?:sono|restano)|"
    r"(?:todos )?(?:los |estos )?importes (?:anteriores )?(?:están|son|quedan)|"
    r"samtliga belopp|alle (?:disse )?beløb|alle (?:disse )?beløp"
    r")\b",
    re.IGNORECASE,
)
#: A row that is no part of the claim: a payment received, an offer, an instalment.
_NO_PART_RE = re.compile(
    r"\b(?:paid|payments? received|received|offer\w*|instal(?:l)?ments?|zahlung(?:en|seingang)?|gezahlt|bezahlt|"
    r"eingegangen|angebot|vergleich|raten?|teilzahlung\w*|betaald|ontvangen|betaling\w*|aanbod|termijn\w*|"
    r"paiement|versement|reçu|payé|offre|échéance\w*|pagamento|pagato|ricevut[oa]|offerta|rat[ae]|pago|abonado|"
    r"recibido|oferta|cuotas?|betalning|betalt|inbetal\w*|indbetal\w*|innbetal\w*|avbetalning\w*|afdrag|avdrag|"
    r"erbjudande|tilbud|maksettu|wpłat\w*|splátk\w*)\b",
    re.IGNORECASE,
)
_LOOK = 2  # lines above and below a list where its introducing or closing phrase may stand


def _prose_row(found: FoundAmount) -> bool:
    """Whether the line of ``found`` is a sentence, not a list row: a sentence ends right after
    the figure ("… s'élève à CHF 318.70. Un arrangement …"). A paragraph written below a list
    without a blank line is no row of it (tests/apply_families)."""
    at = found.line.find(found.text)
    tail = found.line[at + len(found.text) :] if at >= 0 else found.after
    return bool(re.match(r"\s*(?:[A-Z]{3}|[€£$]|kr|Fr)?\.?\s*[.!?](?:\s|$)", tail))


def _rows(block: list[Item]) -> list[Item] | None:
    """The list rows of a block: one amount per line (bracketed details left out), or None."""
    rows = [item for item in block if not in_brackets(item[0])]
    while rows and _prose_row(rows[-1][0]):
        rows.pop()  # a sentence written right below the list (no blank line): not its row
    lines = [f.line_no for f, _ in rows]
    if len(rows) < 2 or len(set(lines)) != len(lines):
        return None
    return rows


def _announced(rows: list[Item], text: str) -> bool:
    """Whether a composition phrase stands on the lines just above the rows, or a closing one
    just below them (a table header line between counts as one of them)."""
    lines = text.splitlines()
    first, last = rows[0][0].line_no, rows[-1][0].line_no
    above = "\n".join(lines[max(0, first - _LOOK) : first])
    below = "\n".join(lines[last + 1 : last + 1 + _LOOK])
    return bool(COMPOSITION_RE.search(above) or _CLOSING_RE.search(below))


def _own_label(found: FoundAmount) -> FoundAmount:
    """``found`` labelled by the words of its own row only (the line above, which a lone
    figure's label may have taken, is the list's introduction, not the row's name)."""
    at = found.line.find(found.text)
    return replace(found, label=found.line[: max(at, 0)].strip(" \t:|.•-–")) if at >= 0 else found


def _shape_ok(found: list[FoundAmount]) -> bool:
    """One currency, no sum row, no total as the last row, no running balance."""
    if len({f.currency for f in found if f.currency}) > 1 or any(is_strong_total(f) for f in found):
        return False
    return amount_role(found[-1]) != "total" and not any(f.label in ("new balance", "previous balance") for f in found)


def _rows_pass(rows: list[Item]) -> bool:
    """The checks on the rows themselves (see the module docstring)."""
    found = [_own_label(f) for f, _ in rows]
    if not _shape_ok(found):
        return False
    running = Decimal("0.00")
    for i, f in enumerate(found):
        if i >= 2 and f.amount == running:
            return False  # a subtotal: the rows above add up to it
        if f.amount > 0 and _NO_PART_RE.search(f"{f.label} {f.after}") and amount_role(f) == "other":
            return False
        if _prose_row(f):
            return False  # a sentence among the rows: no list of parts
        running += f.amount
    return running > 0


def itemised_total(items: list[Item], texts: Mapping[str, str]) -> tuple[Decimal, list[Item]] | None:
    """(sum, rows) of the one itemised list of ``items`` that passes every check of the
    module docstring, else None. ``items`` are (amount, source) pairs; ``texts`` the source
    texts by name (the lines around a list are read there)."""
    lists = []
    for block in statement_blocks(items):
        rows = _rows(block)
        text = texts.get(block[0][1])
        if rows is not None and text is not None and _announced(rows, text) and _rows_pass(rows):
            lists.append(rows)
    if len(lists) != 1:
        return None
    inside = {id(f) for f, _ in lists[0]}
    if any(id(f) not in inside and amount_role(f) in ("total", "credit") for f, _ in items):
        return None  # a total stated elsewhere: the list is its breakdown or another claim's
    return sum((f.amount for f, _ in lists[0]), Decimal("0.00")), lists[0]
