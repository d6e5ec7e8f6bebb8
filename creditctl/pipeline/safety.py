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
    "join_inline_html",
    "normalise",
    "number_tokens",
    "visible_and_hidden_text",
    "whole_token_values",
]

# normalisation -------------------------------------------------------------------------

_APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4`\u02b9\u02bb\uff07"
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_MINUSES = "\u2212\u2012\u2013\u2014\ufe63\uff0d"


_LOOKALIKES = str.maketrans({**{c: "'" for c in _APOSTROPHES}, **{c: "-" for c in _MINUSES}})
_LOOKALIKE_RE = re.compile(f"[{_APOSTROPHES}{_MINUSES}]")


@lru_cache(maxsize=256)  # pure; one email's checks normalise the same texts several times
def normalise(text: str) -> str:
    """``text`` with apostrophe look-alikes as ``'``, minus look-alikes as ``-``, NFKC
    applied and every space separator (U+00A0, U+2007, U+2009, U+202F, …) a plain space.
    Line breaks are kept."""
    if _LOOKALIKE_RE.search(text):  # str.translate walks every character in Python-level steps
        text = text.translate(_LOOKALIKES)
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
_RUN = re.compile(r"\d(?:[\d.,' ]*\d)?(?:[.,]-{1,2})?")
_GROUPED = re.compile(r"(?P<int>\d{1,3}(?:(?P<sep>[.,' ])\d{3})(?:(?P=sep)\d{3})*)(?:(?P<dsep>[.,])(?P<dec>\d{1,2}|-{1,2}))?")
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


def number_tokens(text: str) -> list[NumberToken]:
    """Every number token of ``normalise(text)`` (see the module docstring), in order.

    A run glued to a letter or to a hyphenated identifier (``NI-30411``, ``A12``) is an
    identifier, not an amount (value None). Never raises.
    """
    norm = normalise(text)
    tokens: list[NumberToken] = []
    for m in _RUN.finditer(norm):
        start, end = m.start(), m.end()
        run = m.group(0)
        before = norm[max(0, start - 2):start]
        after = norm[end:end + 2]
        word_before = re.search(r"[A-Za-z]+\.?$", norm[max(0, start - 5):start])
        word_after = re.match(r"[A-Za-z]+", norm[end:end + 5])
        glued_before = bool(re.search(r"[A-Za-z_/]$", before)) and not (
            word_before and word_before.group(0).rstrip(".").upper() in _CURRENCY_WORDS)
        glued_after = bool(re.match(r"[A-Za-z_/]", after)) and not (
            word_after and word_after.group(0).upper() in _CURRENCY_WORDS)
        identifier = (glued_before or glued_after or bool(re.search(r"[A-Za-z0-9]-$|\d[.,]$", before))
                      or bool(re.match(r"-\d|-[A-Za-z]", after)))
        # a lone leading group and a separator before a line break (``4.`` / ``018,75``): the
        # run is the tail of a split number, or its head
        if re.match(r"\d{3}", run) and re.search(r"(?:^|[^\d.,'])\d{1,3}[.,']\s$", norm[max(0, start - 6):start]):
            identifier = True
        if re.fullmatch(r"\d{1,3}", run) and re.match(r"[.,']\s\d{3}", norm[end:end + 5]):
            identifier = True
        leading_minus = bool(re.search(r"(?:^|[\s(:=€$£])-\s?$", norm[max(0, start - 3):start])) or start == 1 and norm[0] == "-"
        trailing_minus = norm[end:end + 1] == "-" and not re.match(r"-\s?\d", norm[end:end + 3])
        whole = None if identifier else _parse(run)
        if whole is not None:
            negative = leading_minus or trailing_minus
            tokens.append(NumberToken(run, start, end, -whole if negative and whole else whole, negative))
            continue
        pieces = list(re.finditer(r"[^ ]+", run))
        for k, p in enumerate(pieces):
            value = None if identifier else _parse(p.group(0))
            if value is not None and not p.group(0)[0].isdigit():
                value = None
            if value is not None and k > 0 and re.fullmatch(r"\d{1,3}[.,']", pieces[k - 1].group(0)) \
                    and re.match(r"\d{3}", p.group(0)):
                # a lone group left dangling by a separator (``4.`` in ``4. 018,75``): this is its tail
                value = None
            neg = (leading_minus and p.start() == 0) or (trailing_minus and p.end() == len(run))
            tokens.append(NumberToken(p.group(0), start + p.start(), start + p.end(),
                                      -value if neg and value else value, neg))
    return tokens


def whole_token_values(text: str) -> set[Decimal]:
    """The values of every well-formed number token of ``text`` (sign applied)."""
    return {t.value for t in number_tokens(text) if t.value is not None}


# HTML renderings ---------------------------------------------------------------------------

_INLINE_TAGS = re.compile(r"</?(?:span|b|i|u|em|strong|font|a|sup|sub|small|big|mark|o:p|ins|del|s)\b[^>]*>", re.IGNORECASE)


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


_DEDUCTION = re.compile(r"\b(?:abzüglich|abzgl|\w*zahlung(?:en)?|gezahlt|bezahlt|gutschrift\w*|rabatt|nachlass|"
                        r"erstattung|payments?|paid|received|less|deducted|refund(?:ed)?)\b", re.IGNORECASE)


def find_credit_marks(text: str, total: Decimal | None = None) -> list[str]:
    """Phrases of ``text`` that state a credit or a negative balance (empty: none).

    Finds credit words (Guthaben, zu Ihren Gunsten, Haben, in credit, credit balance,
    overpaid), amounts with an ``H``/``CR`` mark, and amounts with a leading/trailing
    minus — except a deduction line item (``abzüglich Teilzahlungen: -300,00 €``) whose
    amount is not the ``total``."""
    norm = normalise(text)
    found = [m.group(0) for m in _CREDIT_WORDS.finditer(norm)]
    for tok in number_tokens(norm):
        if tok.value is None or tok.value == 0:  # a zero balance is no credit
            continue
        if tok.negative:
            line_start = norm.rfind("\n", 0, tok.start) + 1
            line_end = norm.find("\n", tok.end)
            line = norm[line_start:line_end if line_end >= 0 else len(norm)]
            if _DEDUCTION.search(line) and (total is None or abs(tok.value) != abs(total)):
                continue
            found.append(norm[max(0, tok.start - 1):tok.end + 1].strip())
        elif _CREDIT_MARK_AFTER.match(norm[tok.end:tok.end + 12]):
            found.append(norm[tok.start:tok.end + 12].split("\n")[0].strip())
    return found


# injection ------------------------------------------------------------------------------------

_G = r"[^\n.!?]"
_INJECTIONS = re.compile("|".join([
    rf"\b(?:ignore|disregard|forget|override)\b{_G}{{0,40}}\b(?:instructions?|prompts?|rules|above|previous|prior)\b",
    rf"\bignorier(?:e|en|t)?\b{_G}{{0,40}}\b(?:anweisungen?|instruktionen?|vorgaben|regeln|prompts?)\b",
    r"\b(?:an|to) (?:das|die|den|the|all(?:e)?)? ?(?:ki|ai|llm|bot|assistant|assistent(?:en)?|sprachmodell|language model)(?:-?system(?:e)?)?\s*[:,]",
    r"\ban das ki[- ]?system\b|\bdear (?:ai|assistant|model)\b|\bliebe[rs]? (?:ki|assistent)\b",
    r"\b(?:system prompt|systemprompt|language model|sprachmodell|as an ai|als ki|ki-system|ai system)\b",
    r"(?:^|\n)\s*(?:system|assistant|user|admin)\s*:",
    rf"\bset (?:the )?(?:amount|claim|total|balance|outcome|status)\b{_G}{{0,30}}\bto\b",
    rf"\bsetze?n? (?:sie )?(?:den |die |das )?(?:betrag|forderung|summe|saldo|status)\b{_G}{{0,30}}\bauf\b",
    r"\bmark (?:this |it |the (?:email|message|claim|ticket|case) )?(?:as )?(?:settled|paid|closed|resolved)\b",
    rf"\b(?:file|mark|classify|treat|record) (?:this|it|the (?:email|message|claim))\b{_G}{{0,30}}\bas\b",
    rf"\b(?:markiere|klassifiziere|behandle|verbuche)n? (?:sie )?{_G}{{0,40}}\bals (?:erledigt|bezahlt|beglichen|ausgeglichen|geschlossen)\b",
    r"\bals (?:erledigt|bezahlt|beglichen) (?:markieren|verbuchen|kennzeichnen)\b",
    r"\bnew instructions\b|\bneue anweisung",
    r"\b(?:auto[- ]?approve|approve automatically|automatisch freigeben)\b",
]), re.IGNORECASE)


def find_injections(texts: Iterable[str]) -> list[str]:
    """Sentences of ``texts`` (raw bodies, hidden HTML included) that address the system
    or try to set an outcome (empty: none). NFKC-normalised, case-insensitive."""
    found: list[str] = []
    for text in texts:
        if not text:
            continue
        norm = normalise(text)
        for m in _INJECTIONS.finditer(norm):
            snippet = " ".join(_sentence_around(norm, m.start(), m.end()).split())
            if snippet and snippet not in found:
                found.append(snippet[:160])
    return found


# sold / assigned, enforcement ---------------------------------------------------------------

_ASSIGNED = re.compile(
    r"\b(?:verkauft|abgetreten|abtretung|forderungskauf\w*|zediert|neue[rn]? gläubiger\w*|"
    r"sold (?:to|the)|has been (?:sold|assigned)|was (?:sold|assigned)|assigned (?:to|the (?:debt|claim|account))|"
    r"new (?:creditor|owner of the (?:debt|claim|account)))\b", re.IGNORECASE)
_ENFORCEMENT = re.compile(
    r"(?:\b(?:gerichtsvollzieh\w*|zwangsvollstreck\w*|vermögensauskunft|haftbefehl|bailiff\w*)|\w*pfändung\w*|\b(?:enforcement (?:agent|officer|action|order)|county court judgment|"
    r"ccj|writ of (?:control|execution)|court order))\b", re.IGNORECASE)


def find_assignment(text: str) -> str | None:
    """A phrase of ``text`` saying the claim was sold or assigned to a new holder (None: none)."""
    m = _ASSIGNED.search(normalise(text))
    return m.group(0) if m else None


def find_enforcement(text: str) -> str | None:
    """A phrase of ``text`` about court or bailiff enforcement (None: none)."""
    m = _ENFORCEMENT.search(normalise(text))
    return m.group(0) if m else None


# settled ---------------------------------------------------------------------------------------

_SETTLED = re.compile(
    r"\b(?:erledigt|beglichen|ausgeglichen|getilgt|(?:vollständig|vollumfänglich|komplett) (?:bezahlt|gezahlt)|"
    r"keine (?:offenen? |weiteren )?(?:forderungen?|ansprüche|rückstände|beträge)|nichts (?:mehr )?offen|"
    r"saldo (?:von |beträgt |: ?)?0,00|settled|paid in full|fully paid|nothing (?:is )?(?:outstanding|owed|due)|"
    r"no (?:outstanding |further )?(?:balance|amount|debt)|zero balance|balance (?:is |of )?(?:eur |€|£)?0\.00)",
    re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:nicht|nie|not|never|yet to be)\b[^.!?\n]{0,25}$", re.IGNORECASE)


def settled_phrase(text: str) -> str | None:
    """A phrase of ``text`` saying the claim is settled and not negated (``nicht erledigt``,
    ``not settled`` do not count); None when there is none."""
    norm = normalise(text)
    for m in _SETTLED.finditer(norm):
        if not _NEGATION.search(norm[max(0, m.start() - 40):m.start()]):
            return m.group(0)
    return None


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
    ``credit`` (a credit / negative balance was stated)."""

    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()
    injection: bool = False
    credit: bool = False
    disagreement: bool = False


@dataclass(frozen=True)
class Bounds:
    """Plausibility bounds: a drop of more than ``max_drop`` and a rise of more than
    ``max_rise`` (fractions of the stored claim) are held."""

    max_drop: Decimal = Decimal("0.5")
    max_rise: Decimal = Decimal("1.0")


_CURRENT_CUES = re.compile(
    r"\b(?:beträgt|betragen|beläuft|belaufen|offen\w*|gesamt\w*|saldo|forderungsstand|restschuld|restforderung|"
    r"noch|unverändert|weiterhin|derzeit|aktuell\w*|zurzeit|stand|insgesamt|\w*summe|\w*betrag|"
    r"outstanding|balance|current(?:ly)?|still|remains?|owing|owed|due|total)\b", re.IGNORECASE)
_ECHO_CUES = re.compile(r"\b(?:ihr(?:em|es)? schreiben|ihrer? (?:mail|nachricht|anfrage)|genannten?|erwähnten?|"
                        r"your (?:letter|email|message)|mentioned|you (?:stated|quoted))\b", re.IGNORECASE)


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n")
    right_candidates = [i for i in (text.find(c, end) for c in "!?\n") if i >= 0]
    # a period right after the number may be the sentence end; one inside a number is not
    dot = re.search(r"\.(?:\s|$)", text[end:])
    if dot:
        right_candidates.append(end + dot.start())
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1:right]


_APPLICABLE_KINDS = frozenset({"claim_statement", "claim_settled", "document_request", "settlement_proposal"})


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
) -> SafetyReport:
    """Run every check on one email's reading (see the module docstring).

    ``total``: the total the gate would apply (0.00 for a settled reply); ``reply_kind``:
    the ``ReplyKind`` value; ``own_texts``: the creditor's latest text by source
    (``body``, ``attachment:<name>``); ``quoted_text``: the quoted history (the office's
    letter); ``raw_texts``: every raw rendering (text body, HTML with hidden elements as
    text, subject, attachment texts) for the injection search; ``total_evidence``:
    (source, text) of the total's evidence; ``readings``: the primary reading first, then
    the others; ``stored_amount``: the matched claim's amount now; ``unread_attachments``:
    (file name, problem) of attachments read not at all or only in part (the claim may be
    stated in the part nobody read). Never raises.
    """
    bounds = bounds or Bounds()
    reasons: list[str] = []
    notes: list[str] = []
    settled = reply_kind == "claim_settled"

    injections = find_injections(raw_texts)
    if injections:
        reasons.append(f"text addresses the system or tries to set an outcome: {injections[0]!r}")

    own_all = "\n".join(own_texts.values())
    sold = find_assignment(own_all)
    if sold and reply_kind != "claim_assigned":
        reasons.append(f"claim sold or assigned to a new holder ({sold!r}): a person decides")
    enforced = find_enforcement(own_all)
    if enforced and reply_kind != "enforcement":
        reasons.append(f"court or bailiff enforcement ({enforced!r}): a person decides")

    credit_marks: list[str] = []
    for text in own_texts.values():
        credit_marks.extend(find_credit_marks(text, total))
    if total is not None and total < 0:
        credit_marks.append(str(total))
    if credit_marks:
        reasons.append(f"credit or negative balance stated ({credit_marks[0]!r}): never applied as an amount owed")

    from creditctl.pipeline.reply_wording import wording_reasons  # it builds on this module's tokeniser

    if reply_kind in _APPLICABLE_KINDS:
        skip = frozenset(k for k, hit in (("sold", sold), ("enforcement", enforced)) if hit)
        reasons.extend(wording_reasons(total=total, own_texts=own_texts, skip=skip))

    if settled and total == 0 and not settled_phrase(own_all):
        reasons.append("applying 0.00 as settled, but the reply says nowhere (without a negation) that the "
                       "claim is settled")

    if total is not None and not (settled and total == 0):
        found = [(src, tok) for src, text in own_texts.items() for tok in number_tokens(text)
                 if tok.value is not None and abs(tok.value) == abs(total)]
        if not found:
            reasons.append(f"total {total} is not a whole number in the creditor's reply or attachments "
                           "(a fragment of a longer number proves nothing)")
        else:
            for src, ev_text in total_evidence:
                if src not in own_texts or not ev_text:
                    continue
                if not _evidence_whole(own_texts[src], ev_text, total):
                    reasons.append(f"the total's evidence {ev_text[:60]!r} is not a whole number {total} in {src}")
                    break
        office_figures = {abs(v) for v in whole_token_values(quoted_text)} if quoted_text else set()
        if stored_amount is not None:
            office_figures.add(abs(stored_amount))  # the figure of the office's own letter
        if found and abs(total) in office_figures:
            restated = False
            for src, tok in found:
                norm = normalise(own_texts[src])
                sentence = _sentence_around(norm, tok.start, tok.end)
                if _CURRENT_CUES.search(sentence) and not _ECHO_CUES.search(sentence):
                    restated = True
                    break
            if not restated:
                reasons.append(f"total {total} equals a figure of the quoted history or the office's letter "
                               "(the stored claim) and the reply does not restate it as the current claim")

    for name, problem in unread_attachments:
        reasons.append(f"attachment {name} was not fully read ({problem}): the claim may be stated there")

    disagreement = False
    totals = {r.total for r in readings if r.total is not None}
    if len(totals) > 1:
        disagreement = True
        shown = ", ".join(f"{r.source} {r.total if r.total is not None else '—'}" for r in readings)
        reasons.append(f"the readings of the total disagree: {shown}")

    if total is not None and stored_amount is not None and stored_amount > 0:
        change = (total - stored_amount) / stored_amount
        if change < -bounds.max_drop and not (settled and total == 0):
            reasons.append(f"total {total} is a drop of {-change:.0%} from the stored {stored_amount} "
                           f"(more than {bounds.max_drop:.0%}): a person checks it")
        elif change > bounds.max_rise:
            reasons.append(f"total {total} is a rise of {change:.0%} from the stored {stored_amount} "
                           f"(more than {bounds.max_rise:.0%}): a person checks it")

    return SafetyReport(tuple(reasons), tuple(notes), tuple(readings), bool(injections), bool(credit_marks),
                        disagreement)


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
