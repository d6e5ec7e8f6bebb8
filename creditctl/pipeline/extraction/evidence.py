"""The evidence check, for both extractors: does the email support every field?

A result passes when every evidence text is an exact substring of the source it
names, every non-empty field has evidence, every amount in ``result.amounts``
appears (normalised: ``1.234,56 €`` == ``EUR 1234.56``) in that field's evidence,
amounts come only from the reply or an attachment (never the quoted history), and
names and references appear in their evidence. Any problem sends the email to review.

Evidence field names: ``creditor_name``, ``original_creditor``, ``client_name``,
``client_file_number``, ``creditor_references``, ``amounts.principal``,
``amounts.interest``, ``amounts.costs``, ``amounts.total`` (``principal`` … ``total``
are accepted too), ``currency``, ``statement_date``, ``reply_kind``.
Sources: ``body`` (the reply), ``quoted``, ``subject``, ``signature``, ``headers``,
``attachment:<file name>`` — ``evidence_sources`` builds that mapping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal

from creditctl.pipeline.extraction.amounts import find_amounts, parse_amount
from creditctl.pipeline.extraction.labels import SEE_SUBJECT_RE
from creditctl.pipeline.extraction.model import Evidence, ExtractionInput, ExtractionResult

__all__ = ["verify_evidence", "evidence_sources"]

_AMOUNT_FIELDS = ("principal", "interest", "costs", "total")
_LOOSE_NUMBER = re.compile(r"(?<![\w.,'’])\d[\d.,'’ \u00a0\u202f]*(?:[.,](?:\d{2}|-{1,2}))?(?![\d])")


def evidence_sources(email: ExtractionInput) -> dict[str, str]:
    """The texts evidence may cite, by source name, for ``verify_evidence``.

    ``headers`` is ``"{from_name} <{from_email}>"`` followed by one ``Name: value`` line
    per header.
    """
    header_lines = [f"{email.from_name} <{email.from_email}>"] + [f"{k}: {v}" for k, v in email.headers.items()]
    texts = {
        "body": email.reply_text,
        "quoted": email.quoted_text,
        "subject": email.subject,
        "signature": email.signature_text,
        "headers": "\n".join(header_lines),
    }
    for att in email.attachments:
        texts[f"attachment:{att.file_name}"] = att.text
    return texts


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip().casefold()


def _amounts_in(text: str) -> set[Decimal]:
    """Every amount written in ``text``: currency-marked ones and bare unambiguous literals."""
    values = {f.amount for f in find_amounts(text)}
    for m in _LOOSE_NUMBER.finditer(text):
        value = parse_amount(m.group(0).strip())
        if value is not None:
            values.add(value)
    return {abs(v) for v in values}


def _sum_of_rows(value: Decimal, evs: list[Evidence]) -> bool:
    """Whether ``value`` is the sum of two or more evidence rows, each row's last amount
    ("Hoofdsom € 820,00" + "Rente € 34,15" + "Incassokosten € 123,00"), or of every amount of
    the one sentence cited: a total the reader summed from the parts a reply lists (the safety
    layer checks they are whole numbers)."""
    texts = list(dict.fromkeys(ev.text for ev in evs))
    if len(texts) == 1:  # the parts named in one sentence: "… aus 1.212,40 EUR, Zinsen 96,31 EUR sowie Kosten …"
        parts = [f.amount for f in find_amounts(texts[0])]
        return len(parts) >= 2 and abs(value) == abs(sum(parts, Decimal("0.00")))
    rows = [found[-1].amount for text in texts if (found := find_amounts(text))]
    return len(rows) == len(texts) and abs(value) == abs(sum(rows, Decimal("0.00")))


def _field_of(ev: Evidence) -> str:
    name = ev.field.strip()
    return f"amounts.{name}" if name in _AMOUNT_FIELDS else name


_ByField = dict[str, list[Evidence]]


def _cited_problems(result: ExtractionResult, texts: Mapping[str, str], by_field: _ByField) -> list[str]:
    """Evidence whose source is unknown or whose text is not in its source; every other
    evidence is filed under its field in ``by_field``."""
    problems: list[str] = []
    for ev in result.evidence:
        field = _field_of(ev)
        source_text = texts.get(ev.source)
        if source_text is None:
            problems.append(f"{field}: evidence cites unknown source {ev.source!r}")
        elif not ev.text or ev.text not in source_text:
            problems.append(f"{field}: evidence text is not in {ev.source}: {ev.text[:80]!r}")
        else:
            by_field.setdefault(field, []).append(ev)
    return problems


def _amount_problems(result: ExtractionResult, by_field: _ByField, *, subject_cited: bool = False) -> list[str]:
    """Every amount needs evidence from the reply or an attachment that states it — or from
    the subject line when the reply points to it ("siehe Betreff", ``labels.SEE_SUBJECT_RE``)."""
    own = ("body", "subject") if subject_cited else ("body",)
    problems: list[str] = []
    for name in _AMOUNT_FIELDS:
        value = getattr(result.amounts, name)
        if value is None:
            continue
        field = f"amounts.{name}"
        evs = by_field.get(field, [])
        if not evs:
            problems.append(f"{field}: {value} has no evidence")
            continue
        problems.extend(
            f"{field}: evidence comes from {ev.source}, not from the reply or an attachment"
            for ev in evs
            if ev.source not in own and not ev.source.startswith("attachment:")
        )
        if not any(abs(value) in _amounts_in(ev.text) for ev in evs) and not _sum_of_rows(value, evs):
            problems.append(f"{field}: {value} does not appear in its evidence")
    return problems


def _name_in(value: str, evs: list[Evidence]) -> bool:
    """Whether every word of ``value`` (folded) is in one evidence text."""
    return any(all(tok in _fold(ev.text) for tok in _fold(value).replace(",", " ").split()) for ev in evs)


def _name_problems(result: ExtractionResult, by_field: _ByField) -> list[str]:
    problems: list[str] = []
    for field in ("creditor_name", "original_creditor", "client_name", "client_file_number"):
        value = getattr(result, field)
        if not value:
            continue
        evs = by_field.get(field, [])
        if not evs:
            problems.append(f"{field}: {value!r} has no evidence")
        elif not _name_in(value, evs):
            problems.append(f"{field}: {value!r} does not appear in its evidence")
    return problems


def _reference_problems(result: ExtractionResult, by_field: _ByField) -> list[str]:
    ref_evs = by_field.get("creditor_references", [])
    problems: list[str] = []
    for ref in result.creditor_references:
        compact = re.sub(r"\s+", "", ref).upper()
        if not any(compact in re.sub(r"\s+", "", ev.text).upper() for ev in ref_evs):
            problems.append(f"creditor_references: {ref!r} does not appear in its evidence")
    return problems


def _presence_problems(result: ExtractionResult, by_field: _ByField) -> list[str]:
    return [
        f"{field}: {getattr(result, field)} has no evidence"
        for field in ("currency", "statement_date", "client_date_of_birth")
        if getattr(result, field) is not None and not by_field.get(field)
    ]


_FIELD_CHECKS = (_name_problems, _reference_problems, _presence_problems)
"""The per-field checks after the amounts', in the order their problems are listed."""


def verify_evidence(result: ExtractionResult, texts: Mapping[str, str]) -> list[str]:
    """Check ``result`` against the email's texts; returns the problems (empty = supported).

    ``texts`` maps a source name (``body``, ``quoted``, ``subject``, ``signature``,
    ``headers``, ``attachment:x.pdf``) to its text. Problems are short English
    sentences naming the field. Never raises.
    """
    by_field: _ByField = {}
    problems = _cited_problems(result, texts, by_field)
    subject_cited = bool(SEE_SUBJECT_RE.search(texts.get("body") or ""))
    problems.extend(_amount_problems(result, by_field, subject_cited=subject_cited))
    for field_check in _FIELD_CHECKS:
        problems.extend(field_check(result, by_field))
    return problems
