"""Checks of a reading against the office's claims: is the figure the matched claim's?

The safety layer (``pipeline.safety``) checks a reading against the email; these checks
compare it with the office's records once the matcher has chosen a claim
(docs/evaluation.md, "Decoys: other claims, look-alike accounts"). A creditor that writes
about a claim of ours may still state a figure that is not that claim's:

* **another claim of ours is named too** — the reply's references include the creditor
  reference of a claim other than the matched one held by the same creditor or agent (one
  mail about two clients of the office, or about both claims of one client): whichever
  figure the reader took, a person assigns the figures (a number of another creditor's
  claim that only happens to be written is no such mention);
* **a look-alike account** — the creditor's own text names an identifier of the matched
  reference's shape that differs from it in one digit, or by two swapped digits
  ("TK-88120457" beside the claim's "TK-88120455"; "512 334 898" beside "512334889"; one
  digit only: two differing digits are as often a coincidence — a register number in the
  signature),
  and that is no claim of ours: the creditor holds another account (of a namesake, or a
  second account of the client) and its figure is that account's;
* **another claim's figure** — the creditor's own text writes the reference of another
  claim of the same creditor or agent, and either not the matched claim's reference (the
  subject names our client, the letter is about its other debtor) or the total on that
  reference's line;
* **a settlement accepted** — the creditor accepts the office's settlement offer ("Vergleich
  angenommen", "we accept your client's offer", "akkoord met de regeling", "aceptamos la quita"):
  the agreed sum replaces the claim, and a person records the agreement (an offer the creditor
  only makes, beside the current total, still applies the total);
* **another person** — the creditor's own text states a date of birth that is not the
  matched client's ("Jana Meyer, geb. 21.03.1986"): it writes about a namesake; or it names
  another person of the client's surname on a line with a figure (a family policy's rows).

Pure: values in, reasons out. Every reason holds the email (the gate lists it with the
safety layer's); none offers the figure as a default in review.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

from creditctl.pipeline.excerpts import match_excerpt
from creditctl.pipeline.extraction.parties import dates_of_birth
from creditctl.pipeline.matching_types import ClaimCandidate
from creditctl.pipeline.names import normalize_reference, reference_key
from creditctl.pipeline.reply_wording import sentence_span
from creditctl.pipeline.safety import number_tokens
from creditctl.pipeline.scan import compile_prefiltered

__all__ = ["claim_problems", "lookalike_references"]

MIN_DIGITS = 6
"""A reference with fewer digits is too short to tell a look-alike from a coincidence."""

#: Runs of letters and digits joined by a separator: where an identifier can be written. A
#: separator is one space, or one or two of ``./-`` written tight ("35402//0012345", the
#: Jobcenter's Bedarfsgemeinschaft number; "AB.-12") or between single spaces ("123 / 456"),
#: or a slash and a space ("123/ 456").
_RUN = re.compile(r"(?<![\w,])[A-Za-z0-9]+(?:(?:[./-]{1,2}|/{1,2} | [./-]{1,2} | )[A-Za-z0-9]+)*")
_DATE = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{4}-\d{2}-\d{2}$")


def _digit_differences(a: str, b: str) -> int | None:
    """How ``b`` differs from ``a`` (keys of equal length): the number of differing
    positions when only digits differ (two adjacent swapped digits count as one), None when
    a letter differs."""
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if any(not (a[i].isdigit() and b[i].isdigit()) for i in diff):
        return None
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return 1
    return len(diff)


def _windows(run: str, size: int) -> Iterator[tuple[str, str]]:
    """(written, key) of every stretch of whole parts of ``run`` whose key is ``size``
    characters long (an identifier may stand between words: "Akte TK-88120457 für")."""
    parts = list(re.finditer(r"[A-Za-z0-9]+", run))
    for i in range(len(parts)):
        length = 0
        for j in range(i, len(parts)):
            length += parts[j].end() - parts[j].start()
            if length > size:
                break
            if length == size:
                written = run[parts[i].start() : parts[j].end()]
                yield written, "".join(p.group(0) for p in parts[i : j + 1]).upper()


def lookalike_references(text: str, reference: str, ours: frozenset[str] = frozenset()) -> list[str]:
    """The identifiers ``text`` writes that look like ``reference`` but are not it: the
    same key length and letters, one digit different (or two adjacent digits swapped); keys in ``ours`` (the office's own references) and dates are left out.
    Returns the identifiers as written, in order, without repeats; [] for a reference with
    fewer than ``MIN_DIGITS`` digits."""
    key = normalize_reference(reference)
    if sum(ch.isdigit() for ch in key) < MIN_DIGITS or not text:
        return []
    found: list[str] = []
    for m in _RUN.finditer(text):
        if not any(ch.isdigit() for ch in m.group(0)):
            continue
        for written, cand in _windows(m.group(0), len(key)):
            if cand == key or cand in ours or _DATE.match(written):
                continue
            diff = _digit_differences(key, cand)
            if diff == 1 and written not in found:
                found.append(written)
    return found


def _same_writer(a: ClaimCandidate, b: ClaimCandidate) -> bool:
    """Whether two claims are held by one creditor or one agent (a name or an address in
    common): only then can one mail of the sender be about both."""
    names = {n.casefold().strip() for n in (a.creditor_name, a.agent_name) if n}
    if names & {n.casefold().strip() for n in (b.creditor_name, b.agent_name) if n}:
        return True
    return bool({e.casefold() for e in a.creditor_emails} & {e.casefold() for e in b.creditor_emails})


def _other_claims_named(
    matched: ClaimCandidate, candidates: Sequence[ClaimCandidate], references: Sequence[str]
) -> list[str]:
    keys = {reference_key(r) for r in references if r}
    own = normalize_reference(matched.creditor_reference or "")
    out = []
    for c in candidates:
        ref = normalize_reference(c.creditor_reference or "")
        if c.claim_id != matched.claim_id and ref and ref != own and ref in keys and _same_writer(c, matched):
            out.append(
                f"the reply also names another claim of ours ({c.creditor_reference} of {c.creditor_name}, "
                f"client {c.client_name}): a mail about several claims, a person assigns its figures"
            )
    return out


def _found_key(text: str, key: str) -> list[tuple[int, int]]:
    """Where ``text`` writes the reference whose key is ``key`` (start, end), any spacing."""
    out = []
    for m in _RUN.finditer(text):
        for written, cand in _windows(m.group(0), len(key)):
            if cand == key:
                at = m.start() + m.group(0).find(written)
                out.append((at, at + len(written)))
    return out


def _line_of(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, within its line (a table row is its own)."""
    lo = text.rfind("\n", 0, start) + 1
    line = text[lo : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    begin, stop = sentence_span(line, start - lo, end - lo)
    return line[begin:stop]


def _states(line: str, total: Decimal | None) -> bool:
    return total is not None and any(t.value is not None and abs(t.value) == abs(total) for t in number_tokens(line))


def _other_claims_written(
    own_text: str, matched: ClaimCandidate, candidates: Sequence[ClaimCandidate], total: Decimal | None
) -> list[str]:
    """Another claim of the same writer whose reference the creditor's own text writes, where
    the text does not write the matched claim's reference, or states the total on that line."""
    own = normalize_reference(matched.creditor_reference or "")
    own_written = bool(own) and bool(_found_key(own_text, own))
    out = []
    for c in candidates:
        ref = normalize_reference(c.creditor_reference or "")
        if c.claim_id == matched.claim_id or not ref or ref == own or len(ref) < 4 or not _same_writer(c, matched):
            continue
        places = _found_key(own_text, ref)
        if places and (not own_written or any(_states(_line_of(own_text, *p), total) for p in places)):
            out.append(
                f"the reply writes about another claim of ours ({c.creditor_reference} of {c.creditor_name}, "
                f"client {c.client_name}): its figure is not the matched claim's"
            )
    return out


def _other_births(text: str, client_birth: date | None) -> list[str]:
    if client_birth is None:
        return []
    other = sorted({d for d in dates_of_birth(text) if d != client_birth})
    if not other:
        return []
    return [
        f"the reply states a date of birth ({other[0].isoformat()}) that is not the client's "
        f"({client_birth.isoformat()}): it may be about another person"
    ]


#: Words before a surname that are no given name (a title, a form of address).
_TITLES = frozenset(
    "herr herrn frau fräulein familie eheleute ehepaar dr prof mr mrs ms miss mx sir madam dear "
    "sig sigra signor signora sr sra señor señora don doña mme mlle monsieur madame heer mevrouw dhr mevr "
    "hr fru familjen familien "
    # a role or a file before the surname, not a given name
    "kunde kundin schuldner schuldnerin mandant mandantin mieter mieterin versicherte versicherter patient "
    "patientin mitglied inhaber inhaberin akte konto vertrag forderung sache sachen gegen debtor customer client "
    "account tenant member dossier pratica expediente cliente debitore deudor deudora klant schuldenaar "
    "débiteur débitrice gäldenär skyldner saldo total police betreff re aw wg".split()
)
_GIVEN = r"[A-ZÄÖÜÉ][a-zäöüßéèáíóúñçøåæ'-]+"
#: A house number after a street's words ("Zürcherstrasse 12", "Station Road 4"), not a figure ("CHF 129.90").
_HOUSE = r"(?:\s+(?!(?:CHF|EUR|GBP|USD|SEK|NOK|DKK|PLN|Fr)\b)[A-ZÄÖÜ][\w'-]*){0,2}\s+\d{1,4}[a-z]?(?![\d'’]|[.,]\d)"
#: The street of an address after the client's name ("Herr Hans-Peter Brunner, Zürcherstrasse 12"):
#: the word after the comma is a street, not another person's given name (a house number after it
#: says so too, in the pattern).
_STREET = re.compile(
    r"(?:stra(?:ss|ß)e|str|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt|road|street|lane|avenue|"
    r"straat|laan|gracht|plein|vägen|gatan|vej|veien|gata|tie|katu)$"
)
_FIGURE = re.compile(r"\d[\d.,' ]*[.,]\d{2}(?!\d)")


def _given_and_surname(name: str) -> tuple[set[str], str]:
    """The stored client name's given names (case-folded) and surname as written."""
    if "," in name:
        surname, given = name.split(",", 1)
    else:
        *first, surname = name.split() or [""]
        given = " ".join(first)
    return {g.casefold() for g in re.split(r"[\s-]+", given) if g}, surname.strip()


def _names_client(sentence: str, given: set[str], surname: str) -> bool:
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", sentence)}
    return surname.casefold() in words and bool(words & given)


def _total_is_the_clients(own_text: str, total: Decimal | None, given: set[str], surname: str) -> bool:
    """Whether a sentence (within its line) that states ``total`` names the client by name."""
    if total is None:
        return False
    for line in own_text.splitlines():
        for tok in number_tokens(line) if surname in line else ():
            if tok.value is not None and abs(tok.value) == abs(total):
                begin, stop = sentence_span(line, tok.start, tok.end)
                if _names_client(line[begin:stop], given, surname):
                    return True
    return False


def _other_persons_figures(own_text: str, client_name: str, total: Decimal | None) -> list[str]:
    """Another person of the client's surname named on a line that states a figure, beside a
    line naming the client with a figure of its own ("Andrea Rüegg  CHF 1'312.85" in a family
    policy below "Marco Rüegg  CHF 2'100.00"; not "Zahlungseingang Meyer 50,00") — unless the total
    is stated in a sentence that names the client ("per la Sig.ra Giulia Romano … è di
    € 2.812,90"; another Romano's file in a paragraph of its own)."""
    given, surname = _given_and_surname(client_name)
    if len(surname) < 3 or not given or _total_is_the_clients(own_text, total, given, surname):
        return []
    sur = re.escape(surname)
    person = re.compile(rf"(?<![\w-])(?:(?P<a>{_GIVEN})\s+{sur}|{sur},\s*(?P<b>{_GIVEN})(?![.\w-])(?!{_HOUSE}))(?!\w)")
    rows = [line for line in own_text.splitlines() if surname in line and _FIGURE.search(line)]
    if not any(_names_client(line, given, surname) for line in rows):
        return []  # no figure of the client's own beside: no rows per person
    other = next((name for line in rows for name in _other_names(person, line, given)), None)
    if other is None:
        return []
    return [f"the reply states a figure for another person ({other}) beside the client: it is not the claim's"]


def _other_names(person: re.Pattern[str], line: str, given: set[str]) -> Iterator[str]:
    """The names ``person`` finds on ``line`` whose given name is not the client's (nor a title)."""
    for m in person.finditer(line):
        first = (m.group("a") or m.group("b") or "").casefold()
        if m.group("a") and _client_reversed_after(line[m.end() :], given):
            continue  # "Überweisung Meier, Karin": the client surname first, after a booking's word
        if first and first not in given and first not in _TITLES and not _STREET.search(first):
            yield m.group(0)


def _client_reversed_after(rest: str, given: set[str]) -> bool:
    """Whether ``rest`` (the text right after a surname) starts with ", " and one of the client's given names."""
    m = re.match(r",\s*([^\W\d_][\w'-]*)", rest)
    return m is not None and m.group(1).casefold() in given


#: The creditor accepts a settlement: the agreed sum replaces the claim, a person records it.
_SETTLEMENT_ACCEPTED = compile_prefiltered(
    r"vergleich\w* (?:\w+ ){0,3}(?:angenommen|akzeptiert|zugestimmt)|(?:nehmen|nimmt) (?:wir )?(?:ihren |das |ihr )?"
    r"(?:vergleichs\w*|angebot)\w* (?:\S+ ){0,4}an\b|stimmen (?:wir )?(?:dem|ihrem) (?:vergleich|angebot)\w* zu|"
    r"accept(?:s|ed)? (?:your|the) (?:client's )?(?:\w+ )?(?:offer|proposal|settlement)|"
    r"settlement (?:has been |is |was )?(?:accepted|agreed)|"
    r"akkoord met (?:de |het |uw )?(?:voorgestelde )?(?:regeling|voorstel|schikking|aanbod)|"
    r"accept(?:ons|é) (?:la |votre |l')?(?:proposition|offre|accord)|accettiamo la proposta|proposta \w* ?accettata|"
    # "il Comitato Crediti ha accolto la proposta di saldo e stralcio", "approved your client's offer"
    r"accolt[oa] (?:la |il |l')?(?:vostra |sua )?(?:proposta|offerta)|"
    r"(?:approved|agreed to) (?:your|the) (?:client's )?(?:\w+ )?(?:offer|proposal)|"
    r"(?:hemos aceptado|ha sido aceptada) (?:la |su )?(?:quita|propuesta|oferta)|"
    r"aceptamos la (?:quita|propuesta|oferta)|accepterar (?:förlikning\w*|erbjudandet|förslaget)|"
    r"accepterer (?:forlig\w*|tilbuddet|forslaget)|aksepterer (?:forlik\w*|tilbudet|forslaget)|"
    # the accepting verb in other forms, or after the offer: "il Comitato Crediti ha accolto la proposta di saldo e
    # stralcio", "your client's offer has been accepted", "Ihr Vergleichsangebot wurde angenommen", "la propuesta ha
    # sido aceptada", "gaan akkoord met het voorstel" (a negation between holds nothing: "nicht angenommen")
    r"(?:ha|hanno|abbiamo) (?:accolto|accettato) (?:la |il |l')?(?:\w+ )?(?:proposta|offerta)|"
    r"(?:proposta|offerta|propuesta|oferta|proposition|offre|offer|proposal|angebot|vorschlag|voorstel|aanbod)\w* "
    r"(?:(?!nicht\b|not\b|non\b|niet\b|pas\b|no\b|ikke\b|inte\b)\S+ ){0,6}?"
    r"(?:(?:è stata|has been|was|wurde|ist|a été|ha sido|fue|is) )?"
    r"(?:accolta|accettata|accepted|approved|angenommen|akzeptiert|aceptada|acceptée|aanvaard|geaccepteerd)\b|"
    r"(?:agreed|agree|happy|willing|pleased) to accept (?:your|the|this) (?:client's )?(?:\w+ )?(?:offer|proposal)|"
    r"(?:hemos|ha) aceptado (?:la |su )?(?:quita|propuesta|oferta)|(?:avons|a) accepté (?:la |votre |l')?(?:proposition|offre)|"
    r"(?:gaan|gaat) (?:\w+ )?akkoord met (?:de |het |uw )?(?:\w+ )?(?:regeling|voorstel|schikking|aanbod)|"
    r"godtar (?:förslaget|erbjudandet|forslaget|tilbudet)|godkender (?:forslaget|tilbuddet)",
    re.IGNORECASE,
    "vnsaphowg",
)


#: The sale or assignment of the claim named as a point in time ("zum Zeitpunkt des
#: Forderungsverkaufs", "at the time of the sale", "au moment de la cession"): a figure then is
#: the figure at the sale, and the holder of record changed.
_AT_SALE = re.compile(
    r"forderungsverkauf\w*|(?:zum|im) zeitpunkt (?:des|der) (?:verkaufs|abtretung|zession|übertragung|ankaufs)|"
    r"at the (?:time|date) of (?:the )?(?:sale|assignment|transfer) of|"
    r"(?:bij|op het moment van|ten tijde van) de (?:verkoop|cessie|overdracht) van|"
    r"(?:au moment|lors|à la date) de la cession|al momento della cessione|(?:en el momento|a la fecha) de la cesión|"
    r"vid (?:försäljningen|överlåtelsen) av|ved (?:salget|overdragelsen) af",
    re.IGNORECASE,
)


def _sold_at(own_text: str) -> list[str]:
    m = _AT_SALE.search(own_text)
    if m is None:
        return []
    return [
        f"the reply names the sale or assignment of the claim ('{match_excerpt(m)}'): claim sold or assigned, "
        "the figure at the sale is not the current claim"
    ]


def _settlement_accepted(own_text: str) -> list[str]:
    m = _SETTLEMENT_ACCEPTED.search(own_text)
    if m is None:
        return []
    return [
        f"the creditor accepts a settlement ('{match_excerpt(m)}'): the agreed sum is not the current claim, "
        "a person records the agreement"
    ]


def claim_problems(
    *,
    own_text: str,
    matched: ClaimCandidate,
    candidates: Sequence[ClaimCandidate],
    references: Sequence[str],
    total: Decimal | None = None,
) -> list[str]:
    """Why the reading must not change ``matched`` although it matched it (module docstring).

    ``own_text``: the creditor's own latest text (reply and attachments, no quoted history);
    ``candidates``: the office's claims; ``references``: the references the extractor read;
    ``total``: the amount the gate would apply.
    Returns hold reasons ([] when none). Never raises.
    """
    reasons = _other_claims_named(matched, candidates, references) or _other_claims_written(
        own_text, matched, candidates, total
    )
    ours = frozenset(normalize_reference(c.creditor_reference) for c in candidates if c.creditor_reference)
    lookalikes = lookalike_references(own_text, matched.creditor_reference or "", ours)
    if lookalikes:
        shown = ", ".join(f"'{w}'" for w in lookalikes[:3])
        reasons.append(
            f"the reply names {shown}, which resembles but is not the claim's reference "
            f"{matched.creditor_reference}: another account, or another person's"
        )
    reasons += (
        _other_persons_figures(own_text, matched.client_name, total)
        + _settlement_accepted(own_text)
        + _sold_at(own_text)
    )
    return reasons + _other_births(own_text, matched.client_date_of_birth)
