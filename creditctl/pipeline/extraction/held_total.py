"""The figure a held reply states for the claim when the ordinary total rules read none
(docs/evaluation.md, "The total of a held reply"): the figure at a sale or hand-over ("Zum
Verkaufszeitpunkt betrug der Saldo 3.912,44 EUR", "Der Rückstand betrug bei Übergabe 768,90 €")
and the sum a court, bailiff or enforcement office enforces ("Betriebene Forderung samt Kosten:
EUR 312,40", "Kwota egzekwowana … 9 210,40 zł"). Past-tense balances and enforcement labels are
not a claim statement's current total, so the ordinary rules leave them out; for a reply whose
kind never applies a figure (sold, assigned, handed over, enforcement) they are the claim's figure.

Pure: values in, values out. The caller decides the kind; this module only reads the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from creditctl.pipeline.extraction.amounts import FoundAmount, amounts_with_labels

#: Words anchoring a figure to the time of a sale, assignment or hand-over, per language.
SALE_TIME_WORDS: dict[str, str] = {
    "de": r"(?:verkaufs|abtretungs|übergabe|abgabe|ankaufs|zessions)zeitpunkt|zeitpunkt de[sr] (?:verkaufs|ankaufs|"
    r"abtretung|übergabe|abgabe|zession)|bei (?:der )?(?:übergabe|abgabe|abtretung)|zum (?:verkaufs|abtretungs)(?:tag|datum)",
    "en": r"at the (?:time|date) of (?:the )?(?:sale|assignment|transfer|hand-?over|purchase)|when (?:it was|the account was) "
    r"(?:sold|assigned|transferred|passed)|(?:on|at) (?:sale|assignment|transfer)",
    "nl": r"(?:op het moment|ten tijde) van (?:de )?(?:verkoop|overdracht|cessie)|bij (?:de )?(?:overdracht|cessie|verkoop)",
    "fr": r"(?:au moment|à la date|lors) de (?:la )?(?:cession|vente|transmission|remise)|lors du transfert",
    "it": r"(?:al momento|alla data) (?:della|dell')\s?(?:cessione|vendita|affidamento)",
    "es": r"(?:en el momento|a la fecha|en la fecha) de (?:la )?(?:cesión|venta|transmisión)",
    "nordic": r"(?:vid|ved|på) (?:tidspunktet for )?(?:försäljningen|överlåtelsen|salget|overdragelsen|overdragelse)|"
    r"tidspunktet for (?:salget|overdragelsen)|myyntihetkellä|siirtohetkellä",
}
#: Labels of the sum a court, bailiff or enforcement office enforces for the claim, per language.
ENFORCED_SUM_WORDS: dict[str, str] = {
    "de": r"betriebene forderung|beizutreibende forderung|vollstreckungsforderung|"
    r"forderung (?:laut|lt\.|gemäß) (?:vollstreckungs\w+|titel|zahlungsbefehl|exekutions\w+)",
    "en": r"(?:judgment|judgement|warrant|enforced|enforcement) (?:sum|debt|amount)|sum enforced|amount (?:being )?enforced",
    "nl": r"(?:het )?(?:te innen|geëxecuteerde|te executeren) bedrag|bedrag van de (?:executie|beslaglegging)",
    "fr": r"montant (?:poursuivi|de la saisie|saisi|à recouvrer par (?:voie d'exécution|l'huissier))",
    "it": r"somma (?:precettata|pignorata|intimata)|importo (?:precettato|pignorato|intimato)",
    "es": r"importe (?:embargado|reclamado en (?:el )?(?:procedimiento|embargo))|cantidad (?:embargada|reclamada)",
    "nordic": r"(?:utmätt|utmäts|utlegg(?:s)?) ?belopp|belopp (?:hos|i) kronofogden|perittävä määrä|ulosotossa perittävä",
    # pl "kwota egzekwowana", cs "vymáhaná částka", hu "végrehajtandó összeg", pt "quantia exequenda"
    "more": r"kwot\w* egzekwowan\w*|vymáhan\w* částk\w*|végrehajtandó összeg|quantia exequenda",
}
#: Near-misses in the same label: a fee, an instalment, a deadline's payment, an offer, a payment received.
NOT_THE_CLAIM_WORDS = (
    r"gebühr|fee\b|frais\b|kosten des|costs of|\brate\b|instal+ment|termijn|rata\b|cuota|avdrag|afdrag|"
    r"angebot|offer|vergleich|settlement|aanbod|offre|proposta|oferta|bis zum|by \d|zahlung (?:von|über)|"
    r"payment (?:of|received)|gezahlt|paid|betaald|payé|pagato|pagado|betalt|maksettu"
)
_SALE_TIME_RE = re.compile("|".join(SALE_TIME_WORDS.values()), re.IGNORECASE)
_ENFORCED_RE = re.compile("|".join(ENFORCED_SUM_WORDS.values()), re.IGNORECASE)
_NOT_CLAIM_RE = re.compile(NOT_THE_CLAIM_WORDS, re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[.;!?](?:\s|$)")


def _clause(found: FoundAmount) -> str:
    """The words of ``found``'s own sentence on its line: the label's last clause and what follows."""
    label = _CLAUSE_BREAK.split(found.label)[-1]
    after = _CLAUSE_BREAK.split(found.after)[0]
    return f"{label} {after}"


def _anchored(found: FoundAmount, anchor: re.Pattern[str]) -> bool:
    if found.amount <= 0 or found.credit:
        return False
    label = _CLAUSE_BREAK.split(found.label)[-1]
    return bool(anchor.search(_clause(found))) and not _NOT_CLAIM_RE.search(label)


def held_figure(texts: Iterable[str], *, enforcement: bool) -> FoundAmount | None:
    """The one figure ``texts`` (the creditor's or office's own texts, never the quoted history)
    state for a held claim: anchored to the time of the sale or hand-over (``SALE_TIME_WORDS``),
    or, with ``enforcement``, labelled as the enforced sum (``ENFORCED_SUM_WORDS``) too. A figure
    whose own label names a fee, an instalment, a deadline's payment, an offer or a payment
    (``NOT_THE_CLAIM_WORDS``) never counts. None when no figure, or several different ones, fit."""
    anchors = [_SALE_TIME_RE] + ([_ENFORCED_RE] if enforcement else [])
    found = [f for text in texts for f in amounts_with_labels(text) if any(_anchored(f, rx) for rx in anchors)]
    values: set[Decimal] = {f.amount for f in found}
    return found[0] if len(values) == 1 else None
