"""One mail about several claims: is the figure the matched claim's, and only its?

A creditor often answers for several claims of one client at once — a bank for the loan and
the card, a public creditor for two notices (Bescheide, Kassenzeichen), an agency for two
files — with a figure per claim, or only their sum (docs/evaluation.md, "Decoys: other
claims, look-alike accounts"). A sum over claims, or another claim's figure, applied to one
claim is a wrong claim change, whatever the office's records hold. So the figure is applied
only when the mail ties it to the matched claim:

* **a mail about several claims** — the creditor's own text names several claims as such
  ("zwei Forderungen", "beide Verträge zusammen", "the two accounts", "les deux dossiers",
  "due pratiche"): the total must be stated in a sentence that writes the matched claim's
  reference and that is no sentence about the claims together;
* **the client has another claim of this creditor** (a sibling in the office's records):
  besides the above (notices and orders count as claims too), the total must be written in
  the creditor's own text (a sum the reader formed over figures is never applied), and when
  the text has lines with a figure for several identifiers (a line per claim), the total
  must stand on the line of the matched claim's reference.

Pure: values in, reasons out. Every reason says "several claims"; it holds the email and
never offers the figure as a default in review.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from creditctl.pipeline.excerpts import excerpt
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.names import normalize_reference, reference_key
from creditctl.pipeline.safety import normalise, number_tokens
from creditctl.pipeline.safety_claims import _found_key, _same_writer
from creditctl.pipeline.scan import compile_prefiltered

__all__ = ["several_claims_problems"]

# counts that only count ("beide", "both", "entrambe") may stand a word or two before the noun;
# short counts that are also other words ("to", "due", "dos") only right before it
_COUNT_WIDE = (
    r"beide[nrs]?|die beiden|zwei|drei|both(?: of)?|the two|two|three|twee|de twee|beide|"
    r"les deux|deux|trois|entramb[ei]|le due|i due|tutt[ei] e due|ambedue|ambos|ambas|los dos|las dos|"
    r"dois|duas|os dois|as duas|ambos os|ambas as|três|båda|bägge|två|begge|kaksi|kahden|molemmat|molempien|kolme|"
    r"dwie|dwa|dwóch|obie|oba|obu|trzy|"
    # cs, sk, hu, ro, hr/sl, bg, el, tr (the short ones that are other words elsewhere, "du", "tri", "iki",
    # "doi", only before a claim noun of their own language: ``_COUNT_NEAR``)
    r"dvě|obě|obidva|obidve|két|kettő|mindkét|mindkettő|három|două|ambele|ambii|celor două|dvije|dvaju|obje|"
    r"dvema|двата|двете|два|две|δύο|και τα δύο|her iki"
)
_COUNT_NEAR = (
    r"due (?:pratiche|posizioni|contratti|conti|crediti|finanziamenti|prestiti|mutui|carte|polizze)|"
    r"dos (?:expedientes|contratos|cuentas|préstamos|créditos|deudas|pólizas)|"
    r"(?:to|tre) (?:sager|konti|kontoer|aftaler|fordringer|saker|avtaler|krav|lån)|"
    r"(?:dva|dve|tri) (?:smlouvy|zmluvy|úvěry|úvery|účty|pohledávky|pohľadávky|půjčky|pôžičky|ugovora|računa|kredita|"
    r"pogodbi|pogodbe|terjatvi)|"
    # Serbian and Bosnian: "klijent ima dva korisnička naloga sa dugovanjem" (two customer accounts)
    r"(?:dva|dve|tri|oba|obe) (?:[\w]+ )?(?:naloga|računa|ugovora|kredita|potraživanja|pretplatnička broja|broja)|"
    r"doi (?:credite|conturi|contracte)|trei (?:credite|conturi|contracte|datorii)|"
    r"(?:du|dvi|abu|abi|trys) (?:sutartys|sutartims|sąskaitos|paskolos|skolos)|"
    r"(?:iki|üç) (?:sözleşme|hesap|kredi|borç)\w*"
)
_CLAIMS = (
    # de
    r"forderungen|erstattungsforderungen|konten|kreditkonten|kundenkonten|vertragskonten|beitragskonten|"
    r"mietkonten|verträge|vertragsverhältnisse|kreditverträge|darlehen|darlehensverträge|kredite|akten|vorgänge|"
    r"inkassoakten|policen|versicherungsverträge|"
    # en
    r"accounts|claims|loans|agreements|contracts|files|cases|debts|policies|"
    # nl
    r"dossiers|vorderingen|rekeningen|contracten|overeenkomsten|leningen|kredieten|klantnummers|"
    # fr
    r"créances|comptes|contrats|prêts|crédits|"
    # it
    r"pratiche|posizioni|contratti|conti|crediti|finanziamenti|prestiti|"
    # es
    r"expedientes|contratos|cuentas|préstamos|créditos|deudas|"
    # sv, da
    r"ärenden|ärendena|konton|kontona|avtal|avtalen|lånen|fordringar|fordringarna|sager|sagerne|konti|kontoer|"
    r"aftaler|aftalerne|fordringer|"
    # mortgages, cards and policies (it, es, fr, nl); not a utility's supply points under one customer
    # number ("twee aansluitingen", "due utenze": one account, tuning_q q025)
    r"mutui|carte|polizze|pólizas|polices|polissen|"
    # pt
    r"processos|contas|empréstimos|dívidas|"
    # pl
    r"umowy|umów|umowach|umowami|sprawy|spraw|rachunki|rachunków|kredyty|kredytów|pożyczki|pożyczek|należności|"
    r"wierzytelności|konta|kont|zobowiązania|zobowiązań|"
    # no, fi
    r"avtaler|avtalene|saker|sakene|kravene|sopimusta|sopimukset|sopimuksen|sopimusten|tilien|lainojen|tilit|tiliä|asiaa|saatavat|saatavaa|"
    r"lainat|lainaa|"
    # cs, sk
    r"smlouvy|smluv|pohledávky|pohledávek|účty|účtů|úvěry|úvěrů|půjčky|půjček|zmluvy|zmlúv|pohľadávky|pohľadávok|"
    r"účtov|úvery|úverov|pôžičky|pôžičiek|"
    # hu (the noun stays singular after a count: "két szerződés"), ro, hr, sl, lt, bg, el
    r"szerződés\w*|hitel\w*|kölcsön\w*|számlá\w*|követelés\w*|"
    r"contracte|credite|conturi|datorii|creanțe|împrumuturi|"
    r"ugovora|ugovori|kredita|potraživanja|pogodbi|pogodbe|terjatvi|terjatve|naloga|računa|računi|"
    r"налога|рачуна|уговора|потраживања|"
    r"sutartys|sutarčių|sąskaitos|paskolos|договора|договори|сметки|кредита|кредити|задължения|"
    r"συμβάσεις|λογαριασμούς|λογαριασμοί|δάνεια|οφειλές"
)
# with a sibling claim, notices and orders are claims too (two Bescheide, two orders of a shop)
_NOTICES = (
    r"bescheide|festsetzungsbescheide|kassenzeichen|bestellungen|aufträge|notices|orders|demands|aanslagen|"
    r"bestellingen|avis|commandes|ordini|avvisi|pedidos|beställningar|ordrer"
)
_COMBINED = (
    r"combined (?:balance|total|amount|debt|sum)|(?:konten|verträge|forderungen|akten|accounts|claims|loans|"
    r"files|dossiers|pratiche|cuentas|konton) (?:\w+ )?(?:zusammen|together|samen|ensemble|insieme|juntos|tillsammans|"
    r"sammen)|"
    # a joint or combined debt: "együttes tartozása", "összevont egyenleg", "společný dluh", "spoločný dlh",
    # "soldul cumulat", "zajednički dug", "skupni dolg", "bendra skola"
    r"együttes (?:tartozás|egyenleg|összeg)\w*|összevont (?:tartozás|egyenleg)\w*|společn\w* dluh\w*|spoločn\w* dlh\w*|"
    r"sold\w* cumulat\w*|zajedničk\w* dug\w*|skupn\w* dolg\w*|bendr\w* skol\w*"
)


#: One claim named by its kind (singular), for "each …" ("je Vertrag", "per ciascuna fornitura").
_ONE_CLAIM = (
    r"vertrag|konto|kredit|darlehen|akte|forderung|bescheid|account|loan|agreement|contract|file|claim|"
    r"debt|policy|card|dossier|rekening|lening|vordering|polis|compte|contrat|prêt|créance|police|"
    r"pratica|posizione|contratto|conto|polizza|mutuo|expediente|contrato|cuenta|préstamo|"
    r"póliza|processo|conta|empréstimo|ärende|avtal|avtale|aftale|sag|sak|krav|lån|sopimus|tili|laina|"
    r"umow[aęy]|spraw[aęy]|rachun(?:ek|ku)|kredyt|pożyczk[aęi]"
)
#: Figures for several claims in one sentence: "respectively", "each of the contracts", "je Vertrag",
#: "rispettivamente", "per ciascuna delle forniture", "respectivamente", "por cada uno de los contratos",
#: "respetivamente", "chacun des contrats", "respectievelijk", "voor elk contract", "odpowiednio",
#: "za każdą umowę", "för varje avtal", "for hver av avtalene", "henholdsvis", "vastaavasti" — with the
#: "each …" forms only when a claim's kind follows (not "drei Raten zu je 108,00 €", "cada una" of instalments).
_EACH = compile_prefiltered(
    r"\b(?:respectively|respektive|beziehungsweise|rispettivamente|respectivamente|respetivamente|respectivement|"
    r"respectievelijk|odpowiednio|vastaavasti|henholdsvis|hhv\.?)\b|"
    # "je Vertrag", "pro Konto", "per account" (the noun right after: "per la pratica n. …" names one)
    r"\b(?:je|jeweils|pro|per)\s+(?:" + _ONE_CLAIM + r")\b|"
    r"\b(?:for each|for every|each of the|each|pour chaque|pour chacun(?:e)? des|chacun(?:e)? des|"
    r"per ciascun[oa]?|ciascun[oa]? (?:dei|delle|degli)|per ogni|por cada|cada uno de|cada una de|para cada|"
    r"voor elk(?:e)?|elk van de|för varje|vart och ett av|for hver(?:t)?|hver av|hver af|jokaisesta|kummastakin|"
    r"za każd[ąy]|dla każdej|na każd[ąy]|por cada uno de)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:" + _ONE_CLAIM + r"|" + _CLAIMS + r")\b",
    re.IGNORECASE,
    "b-fhjknoprvz",
)
#: Two figures of equal standing, joined only by "and" (and a currency): "812,40 € y 598,50 €",
#: "EUR 812.40 and EUR 598.50", "812,40 € e € 598,50" — neither is named the current total.
_AND_FIGURE = re.compile(
    r"^\s*(?:€|£|\$|eur|euro|chf|gbp|sek|dkk|nok|pln|zł|kr\.?)?\s*,?\s*"
    r"(?:und|and|en|et|e|y|och|og|ja|i|sowie|as well as|oraz)\s+(?:€|£|\$|eur|euro|chf|gbp|sek|dkk|nok|pln|zł|kr\.?)?\s*$",
    re.IGNORECASE,
)


def _equal_pair(sentence: str, total: Decimal) -> bool:
    """Whether ``sentence`` states ``total`` right beside another money figure, the two joined by
    "and" alone (``_AND_FIGURE``): figures of equal standing, one of which is not this claim's."""
    toks = [t for t in number_tokens(sentence) if t.value is not None and _FIGURE.fullmatch(t.text)]
    for a, b in zip(toks, toks[1:], strict=False):
        if abs(a.value or 0) != abs(b.value or 0) and total in (abs(a.value or 0), abs(b.value or 0)):
            if _AND_FIGURE.match(sentence[a.end : b.start]):
                return True
    return False


#: Another claim beside this one: "ein weiteres Konto", "a second account", "l'autre dossier".
_ANOTHER = re.compile(
    r"\b(?:weiter(?:e[nrsm]?)?|zweite[nrsm]?|andere[nrsm]?|another|a second|the other|second|further|other|ander(?:e)?|"
    r"tweede|autre|second(?:e)?|altr[oa]|seconda|secondo|otr[oa]|segund[oa]|annat|andra|anden|andet)\s+"
    r"(?:[\w-]+\s+)?(?:vertrag|konto|kreditkonto|kundenkonto|vertragskonto|kredit|darlehen|akte|forderung|bescheid|"
    r"account|loan|agreement|contract|file|claim|debt|dossier|rekening|lening|vordering|compte|contrat|prêt|créance|"
    r"pratica|posizione|contratto|conto|expediente|contrato|cuenta|préstamo|ärende|konto|avtal|lån|sag|aftale)\b",
    re.IGNORECASE,
)


#: German compounds of a claim noun ("zwei Leasingverträge", "beide Kreditkonten", "drei Mobilfunkverträge").
_CLAIMS_DE_COMPOUND = r"\w+(?:verträge|verträgen|konten|kredite|krediten|darlehen|forderungen|policen)"
#: Every claim, counted as a whole: "alle Verträge", "sämtliche Konten", "all accounts", "tutti i contratti".
_COUNT_ALL = (
    r"alle|sämtliche|all(?: of)?(?: the| your client's| her| his)?|alle (?:de )?|tous les|toutes les|tutti i|tutte le|"
    r"todos los|todas las|todos os|todas as|alla|samtliga|kaikki|wszystkie"
)


def _collective_re(nouns: str) -> re.Pattern[str]:
    # every count, "due …"/"dos …"/"to …" and "combined …"/"<claims> together" starts with one of these
    return compile_prefiltered(
        rf"\b(?:(?:{_COUNT_WIDE}|{_COUNT_ALL})\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns}|{_CLAIMS_DE_COMPOUND})|{_COUNT_NEAR}|{_COMBINED})\b",
        re.IGNORECASE,
        "a-fik-pr-wzáéíóöőúüűășțčěšžαάδκд",
    )


_COLLECTIVE = _collective_re(_CLAIMS)
_COLLECTIVE_WIDE = _collective_re(f"{_CLAIMS}|{_NOTICES}")

#: An identifier as written: a run that starts with a digit (or a short code glued to it by a
#: separator: "TK-88120455", "SCS/88/20417") and goes on over separators ("7700-1234-01",
#: "7700 118 839"); a word before it never joins it ("zum 30.11.2026" is a date).
_ID_RUN = re.compile(
    r"(?<![\w,.'/-])(?:\d{2,5}(?: \d{2,5}){1,4}(?![\w,.])|(?:[A-Za-z]{1,6}[-/.])?[A-Za-z0-9]*\d[A-Za-z0-9]*(?:[./-][A-Za-z0-9]+)*)"
)
#: Dates and periods ("30.11.2026", "12.2026", "2022/2023", "07/2025-09/2025") inside a run: a day, a
#: month and a year that are ones, whole groups only — a dot-grouped notice or policy number
#: ("Kassenzeichen 5400.1120.7731", "81.004.552") holds no date.
_DATEISH = re.compile(
    r"(?<!\d)(?:(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:(?:19|20)\d{2}|\d{2})|(?:19|20)\d{2}-\d{2}-\d{2}"
    r"|(?:0?[1-9]|1[0-2])[./](?:19|20)\d{2}|(?:19|20)\d{2}[./](?:(?:19|20)\d{2}|\d{2})(?![./]\d))(?!\d)"
)
#: Amounts ("1.006,10", "344.20", "10 214") are no identifiers.
_AMOUNT = re.compile(r"^(?:\d{1,3}(?:[., ]\d{3})*(?:[.,]\d{1,2})?|\d+[.,]\d{1,2})$")
#: A money figure: decimals after a comma or point ("1.006,10", "512.30", "1.500,–").
_FIGURE = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:[.,' ]\d{3})*(?:[.,]\d{2}|,[-–])|\d+[.,]\d{2})(?!\d|[.,]\d)")
#: Words of a sentence about an item or a part of one claim (an invoice, an order, a booking,
#: a payment, the principal) or of the sender's own data (bank, phone, register).
_ITEM_WORDS = re.compile(
    r"\b(?:rechnung\w*|rg|re-nr|invoice\w*|inv|bestell\w*|order\w*|fattur\w*|factu\w*|faktur\w*|lasku\w*|"
    r"ean|pod|beleg\w*|buchung\w*|zahlung\w*|payment\w*|überweisung\w*|mahnung\w*|reminder\w*|quittung\w*|"
    r"receipt\w*|transa\w*|hauptforderung|hauptsache|principal|iban|bic|swift|tel|telefon|phone|fax|hrb|hra|ust|vat|"
    r"steuernummer|ticket\w*|zähler\w*|meter|zählpunkt|plz)\b",
    re.IGNORECASE,
)
#: A claim named by its kind: a contract, an account, a loan, a file, a notice.
_CLAIM_WORD = re.compile(
    r"\b(?:\w*vertrag\w*|\w*konto|\w*kontos|kontonummer|\w*kredit\w*|\w*darlehen\w*|akte|aktenzeichen|"
    r"\w*forderung\w*|\w*bescheid\w*|kassenzeichen|police|account|loan|agreement|contract|file|card|policy|"
    r"case|dossier|rekening|overeenkomst|lening|compte|contrat|prêt|créance|pratica|posizione|contratto|conto|"
    r"expediente|contrato|cuenta|préstamo|ärende|ärendet|avtal|avtalet|lån|lånet|sag|aftale|aftalen)\b",
    re.IGNORECASE,
)


def _identifiers(sentence: str) -> set[str]:
    """The keys of the identifiers ``sentence`` writes: runs with five digits or more besides
    their dates and periods, that are no amount (nor an amount's integer part)."""
    keys = set()
    for m in _ID_RUN.finditer(sentence):
        run = m.group(0)
        digits = sum(ch.isdigit() for ch in _DATEISH.sub("", run))
        if digits < 5 or (digits < 6 and run.isdigit()) or _AMOUNT.match(run):
            continue  # a postcode ("23552 Lübeck") is five digits alone
        if not re.match(r"[.,]\d", sentence[m.end() :]):
            keys.add(reference_key(run))
    return keys


#: A sentence piece ending in an abbreviation ("D.", "Sig.", "Nr.", "n."): the sentence goes on.
_ABBREVIATION_END = re.compile(
    r"(?<!\w)(?:[A-Za-z]|nr|no|dr|sig|sr|sra|dña|dña|mr|mrs|ms|hr|fr|frau|st|ca|art|mme|mlle|sig\.ra|ing|mag|dipl)\.$",
    re.IGNORECASE,
)


def _sentences(norm: str) -> list[str]:
    out: list[str] = []
    for line in norm.splitlines():
        pieces = re.split(r"(?<=[.!?;])\s+(?=[A-ZÄÖÜ])", line)
        merged: list[str] = []
        for piece in pieces:
            if merged and _ABBREVIATION_END.search(merged[-1]):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out += [s for s in merged if s.strip()]
    return out


def _states(sentence: str, total: Decimal) -> bool:
    return any(t.value is not None and abs(t.value) == abs(total) for t in number_tokens(sentence))


def _figure_ids(sentences: list[str]) -> list[set[str]]:
    """Per sentence with a figure that is about no item or part: its identifiers (when any)."""
    return [ids for s in sentences if _FIGURE.search(s) and not _ITEM_WORDS.search(s) and (ids := _identifiers(s))]


def _other_claim_figure(sentences: list[str], total: Decimal, keys: set[str]) -> str | None:
    """An identifier that is none of ``keys`` (the claim's reference, the client's file
    number), written with a figure in a sentence that names a claim by its kind and
    neither the claim's reference nor the total (another claim's figure), else None."""
    for s in sentences:
        if not _FIGURE.search(s) or not _CLAIM_WORD.search(s) or _ITEM_WORDS.search(s) or _states(s, total):
            continue
        others = sorted(_identifiers(s) - keys)
        if others and not any(_found_key(s, k) for k in keys):
            return others[0]
    return None


#: A claim by its kind at the head of a row: "Ratenkredit: 1.200,00 €", "Card account: £310.00".
_KIND_ROW = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?P<kind>(?:raten|dispositions|dispo|konsum|auto|privat)?kredit|kreditkarte|karte|girokonto|"
    r"kartenkonto|konto|darlehen|loan|card|overdraft|mortgage|lening|creditcard-rekening|creditcard|rekening|prêt|"
    r"carte|prestito|carta|préstamo|tarjeta|lån|kortkonto|kort|strom|gas|wasser|electricity|water)"
    r"\b(?:\s+\w+){0,2}\s*:?\s*(?:[€£$]|[A-Z]{3}\b|kr\.?|fr\.?)?\s*\d",
    re.IGNORECASE,
)
#: Words of a row that is a detail of one claim: the original amount, a rate, a limit, a part.
_DETAIL_ROW = re.compile(
    r"ursprüng|original|betrag|rate\b|raten\b|monat|monthly|limit|rahmen|zins|interest|kosten|gebühr|fee|"
    r"principal|haupt|sollzins|effektiv",
    re.IGNORECASE,
)


def _kinds_in_rows(norm: str) -> list[str]:
    """The kinds of claim of rows that state a figure each ("Ratenkredit: …" / "Kreditkarte: …"),
    when at least two differ; else []."""
    kinds = []
    for line in norm.splitlines():
        m = _KIND_ROW.match(line)
        if m and _FIGURE.search(line) and not _DETAIL_ROW.search(line) and not _ITEM_WORDS.search(line):
            kinds.append(m.group("kind").casefold())
    distinct = list(dict.fromkeys(kinds))
    return distinct if len(distinct) >= 2 else []


#: A row for one notice of a public creditor: "1) Bescheid vom 10.03.2026 … 791,10 EUR", "Kassenzeichen …".
_NOTICE_ROW = re.compile(
    r"^\W*(?:\d+[.)]\s*)?(?:[\w-]*bescheid\w*|kassenzeichen|notice|demand|aanslag|avis|avviso|liquidación)\b",
    re.IGNORECASE,
)


def _notice_rows(norm: str) -> bool:
    """Whether at least two rows each state a notice with a figure (with a sibling claim:
    a notice may be the office's other claim)."""
    return sum(bool(_NOTICE_ROW.match(line) and _FIGURE.search(line)) for line in norm.splitlines()) >= 2


def _rows_signal(sentences: list[str], key: str, sibling: bool) -> str | None:
    """Figures per identifier in sentences of their own (one the claim's, one another; with
    a sibling claim any two others): the identifiers, else None."""
    rows = _figure_ids(sentences)
    mine = bool(key) and any(key in ids for ids in rows)
    others = sorted({i for ids in rows if key not in ids for i in ids})  # sentences without the claim's reference
    if others and (mine or (sibling and len(others) >= 2)):
        return ", ".join(([key] if mine else []) + others[:3])
    return None


#: A label that names one claim by its kind before an identifier, with its number word: "Leasingvertrag
#: Nr.", "lease agreement no.", "contratto di leasing n.", "Konto", "dossier". Its first word is the kind.
_KIND_LABEL = (
    r"(?:\w*vertrag\w*|\w*verträg\w*|\w*konto|\w*kontos|\w*kredit\w*|\w*darlehen\w*|\w*police|akte|\w*contract\w*|"
    r"agreements?|accounts?|loans?|policy|policies|leases?|overeenkomst\w*|rekening\w*|lening\w*|polis|polissen|contrats?|"
    r"comptes?|prêts?|contratt[oi]|cont[oi]|prestit[oi]|polizz[ae]|finanziament[oi]|contratos?|cuentas?|préstamos?|"
    r"pólizas?|avtal\w*|kont[oi]\w*|aftal\w*|lån\w*|sopimu\w*|umow\w*|smlouv\w*|úvěr\w*)"
    r"(?:\s+(?:di|de|of|van|für|zum)\s+\w+)?\s*(?:(?:nr|no|n|nº|n°|núm|num|č|číslo|number|nummer|numero|número)(?:\.\s*|\s+))?"
    r"[:#]?\s*\(?\s*"
)
_KIND_LABEL_RE = re.compile(r"(?<!\w)" + _KIND_LABEL + r"$", re.IGNORECASE)
#: Between two identifiers of an enumeration: "und", "and", ",", "/", "sowie", "e", "y", "et", "en", "och", "og", "i".
_ENUM_JOIN = re.compile(
    r"^\s*(?:,|/|&|\+|und|and|sowie|as well as|en|et|e|y|och|og|ja|i|oraz|a|ed|und auch|plus)\s*"
    r"(?:(?:nr|no|n|nº|n°|núm|num|č)(?:\.\s*|\s+))?$",
    re.IGNORECASE,
)


def _enumerated_claims(sentence: str, keys: set[str]) -> list[str]:
    """Two or more claim identifiers of one kind enumerated in ``sentence`` ("Leasingverträge LV-4410227
    und LV-4410391", "lease agreements 123456 and 789012", "i contratti n. 123456 e n. 789012",
    "Leasingvertrag Nr. 123456 sowie Leasingvertrag Nr. 789012"), at least one of them none of
    ``keys``: their keys, else []. A customer number beside a contract number is no enumeration: the
    second identifier must follow the first with only a conjunction (and a number word) between, or
    stand after the same kind of label."""
    runs = _id_spans(sentence, keys)
    found: list[str] = []
    for (a_start, a_end, a_keys), (b_start, _b_end, b_keys) in zip(runs, runs[1:], strict=False):
        label_a = _KIND_LABEL_RE.search(sentence[max(0, a_start - 60) : a_start])
        if label_a is None:
            continue
        between = sentence[a_end:b_start]
        label_b = _KIND_LABEL_RE.search(between)
        # joined by a conjunction alone, or each after the same kind of label ("elektřiny (smlouva ME-8001…)
        # a plynu (smlouva ME-8005…)", "Leasingvertrag Nr. … sowie Leasingvertrag Nr. …")
        joined = _ENUM_JOIN.match(between) or (
            label_b is not None and _kind_word(label_b.group(0)) == _kind_word(label_a.group(0))
        )
        if joined:
            found += [k for k in (*a_keys, *b_keys) if k not in found]
    return found if len(found) >= 2 and set(found) - keys else []


#: A plural claim noun right before an identifier: "die Leasingverträge … und 4711-2233-9", "lease agreements
#: 4711…", "i contratti n. …" — the sentence lists claims, whatever the shape of the first one.
_PLURAL_BEFORE_ID = compile_prefiltered(
    rf"\b(?:{_CLAIMS_DE_COMPOUND}|verträge|accounts|agreements|contracts|loans|policies|contratti|contratos|contrats|"
    r"comptes|cuentas|conti|pratiche|expedientes|avtalen|aftalerne|aftaler|avtaler|sopimukset|umowy|smlouvy|contracten|"
    r"overeenkomsten|rekeningen|leningen|polizze|pólizas|polices|policen|leasecontracten)"
    r"(?:\s+(?:di|de|of)\s+\w+)?\s*(?:(?:nr|no|n|nº|n°|núm|num|č)(?:\.\s*|\s+))?[:#]?\s*\(?\s*",
    re.IGNORECASE,
    "a-fhik-pr-wzäéó",
)


def _plural_listing(sentence: str, keys: set[str]) -> list[str]:
    """A plural claim noun followed by identifiers, one of them none of ``keys``: [the noun, the other
    identifiers' keys], else []."""
    for m in _PLURAL_BEFORE_ID.finditer(sentence):
        window = sentence[m.end() : m.end() + 80]
        spans = _id_spans(window, keys)
        others = [k for _lo, _hi, ks in spans for k in ks if k not in keys]
        if spans and spans[0][0] <= 1 and others:  # the identifiers follow the noun
            return [m.group(0).strip(), *others[:3]]
    return []


def _id_spans(sentence: str, keys: set[str]) -> list[tuple[int, int, set[str]]]:
    """The identifiers of ``sentence`` in order, as (start, end, keys): the claim's own reference
    wherever it is written, in any shape ("MV 2231/07", "PB-ORD-5521-9043", "PMF/HP/300918"), and every
    other run of ``_run_keys``; a run inside the reference's span is part of it."""
    spans = []
    for key in keys:
        if sum(ch.isdigit() for ch in key) < 3 and len(key) < 6:
            continue
        written = r"[\s./-]*".join(re.escape(ch) for ch in key)
        spans += [(m.start(), m.end(), {key}) for m in re.finditer(rf"(?<!\w){written}(?!\w)", sentence, re.IGNORECASE)]
    for m in _ID_RUN.finditer(sentence):
        if not any(lo <= m.start() < hi for lo, hi, _ in spans) and (found := _run_keys(m.group(0), keys)):
            spans.append((m.start(), m.end(), found))
    return sorted(spans, key=lambda span: span[0])


def _run_keys(run: str, keys: set[str]) -> set[str]:
    """The key of an identifier run of an enumeration: the claim's own reference in any shape ("88412",
    "2026/44812", "123 456 789"), or a run of ``_identifiers``; else an empty set."""
    key = reference_key(run)
    if key in keys:
        return {key}
    return _identifiers(run)


def _kind_word(label: str) -> str:
    """The kind a label names, for comparing two labels: its first word, folded, without a plural."""
    word = label.strip().split()[0].casefold().rstrip(":#.")
    return re.sub(r"(?:en|e|s|i|y)$", "", word)


def _listed_claims(norm: str, keys: set[str]) -> list[str]:
    """Claims of one kind listed with their identifiers: in one sentence (``_enumerated_claims``), or
    on consecutive rows that each open with the same kind of label and an identifier ("Leasingvertrag
    LV-4410227" / "Leasingvertrag LV-4410391"), at least one of them none of ``keys``: their keys."""
    for line in norm.splitlines():  # a line, not a sentence: "Nr. LV-…" is no sentence end
        found = _enumerated_claims(line, keys) or _plural_listing(line, keys)
        if found:
            return found
    rows: dict[str, list[str]] = {}
    for line in norm.splitlines():
        m = re.match(r"^\W*(?:\d+[.)]\s*)?(" + _KIND_LABEL + r")(?=\S)", line, re.IGNORECASE)
        rest = line[m.end() :][:40] if m else ""
        first = _ID_RUN.match(rest)
        ids = _run_keys(first.group(0), keys) if first else set()
        if m and len(ids) == 1:
            rows.setdefault(_kind_word(m.group(1)), []).extend(ids)
    for listed in rows.values():
        distinct = list(dict.fromkeys(listed))
        if len(distinct) >= 2 and set(distinct) - keys:
            return distinct
    return []


#: Two kinds of supply or service joined in one balance: "Strom und Gas", "Strom- und Gaskonto",
#: "electricity and gas", "gas e luce", "luz y gas", "électricité et gaz", "stroom en gas", "el och gas",
#: "Strom/Gas", "Mobilfunk und Festnetz", "internet and TV" — with a sibling claim of the creditor in
#: the office's records, each kind may be one of the office's claims.
_SUPPLY = (
    r"strom|gas|gaz|gás|wasser|wärme|fernwärme|electricity|elec|power|water|heat(?:ing)?|energie|energy|"
    r"stroom|elektriciteit|warmte|électricité|eau|chauffage|luce|elettricità|energia elettrica|acqua|riscaldamento|"
    r"luz|electricidad|electricidade|agua|água|el|värme|fjärrvärme|vand|varme|vann|sähkö\w*|kaasu\w*|prąd\w*|gazu|"
    r"elektřin\w*|elektrin\w*|plyn\w*|áram\w*|gáz\w*|energie electrică|struj\w*|elektrik\w*|"
    r"mobilfunk|festnetz|internet|tv|mobile|broadband|landline|telefon\w*|fibra|móvil|mobile"
)
_SUPPLY_PAIR = compile_prefiltered(
    rf"\b(?:{_SUPPLY})(?:-|\s*)(?:/|\s(?:und|and|&|\+|e|y|et|en|och|og|ja|i|oraz|a)\s)\s*"
    rf"(?:(?:the|le|la|l'|du|de la|il|lo|la|del|della|dell'|el|de|het|das|der|die|o|a|do|da)\s?)?(?:{_SUPPLY})"
    r"(?:\b|(?=(?:konto|kontos|vertrag|verträge|lieferung\w*|versorgung|abrechnung|rechnung\w*|kunde|account|contract)\b))|"
    r"\bdual[- ]fuel\b",
    re.IGNORECASE,
    "a-gil-prstvwzé",
)


def _each_or_pair(sentences: list[str], total: Decimal) -> str | None:
    """A sentence with a figure that says "each …" / "respectively" (``_EACH``), or that states the
    total beside another figure of equal standing (``_equal_pair``): the words quoted, else None."""
    each = next((m for s in sentences if _FIGURE.search(s) and (m := _EACH.search(s))), None)
    if each is not None:
        return f"'{each.group(0)}'"
    pair = next((s for s in sentences if _equal_pair(s, total)), None)
    return f"'{excerpt(pair, limit=80)}'" if pair is not None else None


def _several_named(norm: str, keys: set[str], sibling: bool) -> str | None:
    """Words naming several claims (``_COLLECTIVE``; with a sibling claim notices too, and two supplies in
    one balance), or claims listed with their identifiers (``_listed_claims``): quoted or listed, else None."""
    several = (_COLLECTIVE_WIDE if sibling else _COLLECTIVE).search(norm)
    if several:
        return f"'{several.group(0)}'"
    supply = _SUPPLY_PAIR.search(norm) if sibling else None
    if supply:
        return f"'{supply.group(0)}'"
    listed = _listed_claims(norm, keys)
    return ", ".join(listed[:4]) if listed else None


def _signal(norm: str, total: Decimal, keys: set[str], key: str, sibling: bool) -> str | None:
    """What says the mail is about several claims: words naming several claims, a figure
    for another claim ("ein weiteres Konto … 300,00 €"; with a sibling claim also an
    identifier with a figure in a sentence that names a claim), rows per kind of claim, or
    figures per identifier (``_rows_signal``) — the words quoted or the identifiers
    listed, for the reason; else None."""
    named = _several_named(norm, keys, sibling)
    if named is not None:
        return named
    sentences = _sentences(norm)
    each_or_pair = _each_or_pair(sentences, total)
    if each_or_pair is not None:
        return each_or_pair
    another = next((m for s in sentences if _FIGURE.search(s) and (m := _ANOTHER.search(s))), None)
    if another is not None:
        return f"'{another.group(0)}'"
    kinds = _kinds_in_rows(norm)
    if kinds:
        return ", ".join(f"'{k}'" for k in kinds[:4])
    if sibling and _notice_rows(norm):
        return "'notices'"
    other = _other_claim_figure(sentences, total, keys) if sibling else None
    return other if other is not None else _rows_signal(sentences, key, sibling)


def _tied(norm: str, total: Decimal, keys: set[str], key: str) -> bool:
    """Whether a sentence that states the total writes the claim's reference ``key`` and no
    words naming several claims."""
    return bool(key) and any(
        _FIGURE.search(s)
        and _found_key(s, key)
        and _states(s, total)
        and not _COLLECTIVE_WIDE.search(s)
        and not _EACH.search(s)
        and not _equal_pair(s, total)
        and not _SUPPLY_PAIR.search(s)
        and not any(
            _enumerated_claims(line, keys) or _plural_listing(line, keys) for line in norm.splitlines() if s in line
        )
        and not _listed_under_several(norm, s)
        for s in _sentences(norm)
    )


def _listed_under_several(norm: str, sentence: str) -> bool:
    """Whether ``sentence`` is a row of a list whose lead-in names several claims: the nearest
    non-blank line above it ends with a colon and counts claims ("klijent ima dva korisnička naloga
    sa dugovanjem:", "Der Kunde hat zwei Kundenkonten mit Rückstand:", "the client has two accounts
    in arrears:"), so the row's reference is one of several, not the mail's subject (read32)."""
    lines = norm.splitlines()
    for i, line in enumerate(lines):
        if sentence.strip() and sentence.strip() in line:
            above = next((x for x in reversed(lines[:i]) if x.strip()), "")
            if above.rstrip().endswith(":") and _COLLECTIVE_WIDE.search(above):
                return True
    return False


def several_claims_problems(
    *,
    own_text: str,
    matched: ClaimCandidate,
    candidates: Sequence[ClaimCandidate],
    total: Decimal | None,
) -> list[str]:
    """Why ``total`` must not change ``matched``: the mail is about several claims and does
    not tie the figure to the matched claim alone (module docstring).

    ``own_text``: the creditor's own latest text (reply, signature, attachments; no quoted
    history); ``candidates``: the office's claims; ``total``: the amount the gate would
    apply (None or 0: nothing to check). Returns hold reasons ([] when none). Never raises.
    """
    if not total or not own_text:
        return []
    norm = normalise(own_text)
    ref = matched.creditor_reference or ""
    key = normalize_reference(ref)
    keys = {key, normalize_reference(matched.client_file_number or "")} - {""}
    sibling = any(
        c.client_id == matched.client_id and c.claim_id != matched.claim_id and _same_writer(c, matched)
        for c in candidates
    )
    if sibling and not _states(norm, total):
        return [
            f"the total {total} is not written in the reply and the client has several claims of this "
            "creditor: a sum over several claims is never applied"
        ]
    signal = _signal(norm, total, keys, key, sibling)
    if signal is None or _tied(norm, total, keys, key):
        return []
    what = "is about several claims" if signal.startswith("'") else "states figures for several claims"
    return [
        f"the reply {what} ({signal}): {total} is not stated with the claim's reference {ref or '(none)'} "
        "alone; a person assigns the figures"
    ]
