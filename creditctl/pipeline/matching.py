"""Which claim of which client does a creditor's reply answer?

``match_claim`` takes the extraction of one email, where it came from (Zendesk thread,
sender) and the office's claims, and returns a ``MatchResult``: ``auto_matched`` with
the claim id, ``needs_review`` with the candidates a person must choose from, or
``no_match``. Pure: values in, values out, no I/O.

How a candidate is scored (the office's rules):

* Client evidence ``c`` (0..1, noisy-OR of the signals): the creditor reference
  (normalised equality, ``normalize_reference``) 1.0; the office's client file number
  ("BÖ-2024-0173", umlaut spellings collapsed) 1.0; the client's name (rapidfuzz, see
  ``names.person_similarity``) 0.75 when ≥ 97, falling linearly to 0.25 at 80, nothing
  below 80; the client's date of birth, when the reply states one and it equals the
  client's, 0.75 (as much as a full name: a practice or hospital names its patient so).
* Creditor evidence ``k`` (0..1, noisy-OR): sender address listed for the claim 1.0;
  sender domain equal to (or a subdomain of) a listed address's domain 0.9 (never for
  free-mail domains); creditor name ≈ extraction's creditor / original creditor / sender
  display name 0.8 × similarity (≥ 85); the claim's agent (collection agency, lawyer)
  named together with the claim's creditor as original creditor 0.85 × similarity;
  the agent alone 0.6 × similarity.
* ``score = 0.6·c + 0.4·k`` minus penalties for contradictions (the reply's original
  creditor is another creditor: −0.15; the reply's file number belongs to another
  client: −0.2). So a reference or file number with a corroborating sender scores
  ≥ 0.96; with the creditor's name only ≥ 0.87; names alone ≤ 0.77 (review); the sender
  alone ≤ 0.40 (no match); client evidence alone ≤ 0.60 (review).
* Thread: a reply on the claim's Zendesk ticket (and side conversation, when both name
  one) scores at least 0.97 when the sender corroborates, else at least 0.70.

The decision (``MatchThresholds``): best ≥ ``auto`` → ``auto_matched``; ``review`` ≤
best < ``auto`` → ``needs_review``; below → ``no_match``. Whatever the score, the result
is ``needs_review``, never a guess, when: the runner-up is within ``margin``; the best
has no client evidence (rule 6) and no corroborated thread; the best is a thread match
from a sender not known for the claim; the reply sits in the thread of another claim;
the only client evidence is a name and another client with a similar name (≥ 85) has a
claim of a matching creditor; the reply's client name fits another client (≥ 97) with a
claim of a matching creditor better than the best candidate's client — unless the reply's
date of birth is the best candidate's client's and the other client's recorded one differs
(the date tells the two apart); the reply names another client of the office (a full-name
match to that client's record ≥ 97, or that client's claim reference or file number) and not
the best candidate's client (its reference, file number, date of birth or full name), however
strongly the thread or the sender points to the best claim (``_other_client_reason``).

What was found of the parties is a fact on each ``ScoredCandidate`` (``creditor_found``: the
sender's stored address or domain, the creditor's or agent's name, or the claim's thread with
a known sender; ``client_found``: any client evidence), stored with the email's match; the
desk's "not named" warnings and "sender unknown" mark read those, never the reason words.

Speed: candidates are pre-filtered with exact keys (references, file numbers, thread
ids) and ``rapidfuzz.process.extract`` on client names; only that shortlist is scored
(claims matched by the sender alone cannot reach ``review``; when nothing else matches
they are counted in the ``no_match`` reason and listed, with score 0, as the candidates a
person may choose from).

Office records in the reply: the creditor's own text (``MatchContext.reply_text``) is
searched for the stored creditor references and client full names of the candidates
(normalised, whole tokens); one found counts as if the reading had stated it, so a reply
the reader's general patterns missed is still matched, and a reference one character
off or a near-name is still nothing.
Normalisations are cached, so repeated calls over the same 5,000 claims take a few ms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz, process

from creditctl.pipeline.extraction.model import ExtractionResult
from creditctl.pipeline.matching_types import (
    ClaimCandidate,
    MatchContext,
    MatchResult,
    MatchStatus,
    MatchThresholds,
    ScoredCandidate,
)
from creditctl.pipeline.names import (
    company_similarity,
    email_domain,
    is_free_mail_domain,
    loose_key,
    loose_reference_key,
    name_skeleton,
    normalize_company_name,
    normalize_person_name,
    normalize_reference,
    other_person,
    person_similarity,
    reference_key,
)

__all__ = [
    "match_claim",
    "normalize_company_name",
    "normalize_person_name",
    "normalize_reference",
]

# Weights and cut-offs (see the module docstring for what they guarantee).
W_CLIENT = 0.6
W_CREDITOR = 0.4
CLIENT_NAME_CUTOFF = 80.0  # person_similarity below this is no evidence
CLIENT_NAME_EXACT = 97.0  # at or above: full name strength
CLIENT_NAME_MAX = 0.75  # a name never weighs as much as a reference
CLIENT_DATE_OF_BIRTH = 0.75  # as much as a full name, never as much as a reference
CREDITOR_NAME_CUTOFF = 85.0
NAMESAKE_SIMILARITY = 85.0
THREAD_CORROBORATED = 0.97
THREAD_FOREIGN_SENDER = 0.70
PENALTY_ORIGINAL_CREDITOR = 0.15
PENALTY_OTHER_FILE_NUMBER = 0.20
MAX_CANDIDATES = 5
_PREFILTER_NAME_CUTOFF = 70.0  # token_set_ratio on skeletons; rescored precisely after


@dataclass
class _Scoring:
    """One shortlisted candidate while it is being scored."""

    candidate: ClaimCandidate
    client: list[tuple[float, str]] = field(default_factory=list)
    creditor: list[tuple[float, str]] = field(default_factory=list)
    penalties: list[tuple[float, str]] = field(default_factory=list)
    thread: bool = False
    thread_corroborated: bool = False
    strong_client_key: bool = False  # reference or file number matched
    client_name_sim: float = 0.0
    score: float = 0.0
    reasons: tuple[str, ...] = ()

    @property
    def has_client_evidence(self) -> bool:
        return bool(self.client) or self.thread_corroborated


def _noisy_or(strengths: list[tuple[float, str]]) -> float:
    rest = 1.0
    for s, _ in strengths:
        rest *= 1.0 - max(0.0, min(1.0, s))
    return 1.0 - rest


def _valid_key(key: str) -> bool:
    """A reference key worth comparing: ≥ 4 characters with at least one digit."""
    return len(key) >= 4 and any(ch.isdigit() for ch in key)


@lru_cache(maxsize=65536)
def _person_key(name: str) -> str:
    return name_skeleton(normalize_person_name(name))


@lru_cache(maxsize=65536)
def _email_keys(emails: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased addresses and their domains, free-mail domains left out."""
    addresses = frozenset(e.strip().lower() for e in emails if e and "@" in e)
    domains = frozenset(d for d in map(email_domain, addresses) if d and not is_free_mail_domain(d))
    return addresses, domains


def _domain_suffixes(domain: str) -> frozenset[str]:
    """``mail.example.de`` → {mail.example.de, example.de}; empty for free-mail domains.

    A listed domain equal to one of these means the sender writes from that domain or a
    subdomain of it.
    """
    if not domain or is_free_mail_domain(domain):
        return frozenset()
    labels = domain.split(".")
    return frozenset(".".join(labels[i:]) for i in range(len(labels) - 1))


def _thread_match(c: ClaimCandidate, ctx: MatchContext) -> bool:
    """Same ticket id and, when both name one, the same side conversation id (exact strings)."""
    ticket = (ctx.ticket_id or "").strip()
    if not ticket or c.zendesk_ticket_id != ticket:
        return False
    ours, theirs = c.side_conversation_id or "", (ctx.side_conversation_id or "").strip()
    return not (ours and theirs) or ours == theirs


def _client_name_strength(sim: float) -> float:
    if sim >= CLIENT_NAME_EXACT:
        return CLIENT_NAME_MAX
    if sim < CLIENT_NAME_CUTOFF:
        return 0.0
    return CLIENT_NAME_MAX * (sim - 70.0) / 30.0


@dataclass(frozen=True)
class _Reply:
    """The reply's evidence, normalised once per call."""

    ref_keys: frozenset[str]
    file_keys: frozenset[str]
    client_name: str
    client_dob: date | None
    creditor_name: str
    original_creditor: str
    from_name: str
    from_email: str
    from_domain: str
    sender_suffixes: frozenset[str]
    # normalised names of the office's clients found verbatim in the creditor's own text
    # (only when the reading has no client name; ``_records_in_text``)
    names_in_text: frozenset[str] = frozenset()

    @classmethod
    def of(cls, ext: ExtractionResult, ctx: MatchContext) -> _Reply:
        raw = [r for r in ext.creditor_references if r] + ([ext.client_file_number] if ext.client_file_number else [])
        from_email = (ctx.from_email or "").strip().lower()
        return cls(
            # uncached: a reply's references are its own (a cache of them grows per email)
            ref_keys=frozenset(k for k in map(reference_key, raw) if _valid_key(k)),
            file_keys=frozenset(k for k in map(loose_reference_key, raw) if _valid_key(k)),
            client_name=(ext.client_name or "").strip(),
            client_dob=ext.client_date_of_birth,
            creditor_name=(ext.creditor_name or "").strip(),
            original_creditor=(ext.original_creditor or "").strip(),
            from_name=(ctx.from_name or "").strip(),
            from_email=from_email,
            from_domain=email_domain(from_email),
            sender_suffixes=_domain_suffixes(email_domain(from_email)),
        )

    @property
    def has_client_signal(self) -> bool:
        return bool(self.ref_keys or self.file_keys or self.client_name or self.client_dob or self.names_in_text)


_TEXT_TOKEN = re.compile(r"[^\s,;:()\[\]<>\"'„“”«»]+")


#: Tokens of one line separated by single spaces: "ER 55 20931", "BÖ 2025 0311".
_SPACED_RUN = re.compile(r"[^\s,;:()\[\]<>\"'„“”«»]+(?:[ \t\u00a0\u202f][^\s,;:()\[\]<>\"'„“”«»]+)+")
_MAX_JOINED = 4  # a reference written in up to four space-separated groups
_GROUP = re.compile(r"[^\W_]*\d[^\W_]*|[/.\-]+")  # a later group: holds a digit, or is a separator
_INITIALS = re.compile(r"[A-Z]{1,3}")  # a law firm's file closed by the handler's initials: "417/26 H"


def _joined_keys(run: str) -> Iterator[str]:
    """``reference_key`` of every run of 2..``_MAX_JOINED`` adjacent tokens of ``run`` that
    reads as one reference written in groups: a first group (letters allowed: "ER", "BÖ"),
    then only groups with a digit or separators ("ER 55 20931" for "ER/55/20931", "SH 112 /
    07"), and one last group of one to three capitals after a number ("417/26 H"); words after
    a number ("Whg. 3 OG links") join nothing."""
    tokens = run.split()
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + _MAX_JOINED)):
            if _GROUP.fullmatch(tokens[j]):
                yield reference_key("".join(tokens[i : j + 1]))
                continue
            if _INITIALS.fullmatch(tokens[j]) and any(ch.isdigit() for ch in tokens[j - 1]):
                yield reference_key("".join(tokens[i : j + 1]))  # a lawyer's initials closing it
            break


def _text_reference_keys(text: str) -> frozenset[str]:
    """``reference_key`` of each whole token of ``text`` (split at spaces and ``,;:()[]<>"'``)
    and of runs of up to four adjacent tokens of one line (the groups of "ER 55 20931"),
    kept when it could be a reference: ≥ 4 characters with a digit, and a letter unless it
    has ≥ 6 digits (an amount or a year alone is not a reference). Only keys equal to a
    stored reference or file number count (``_records_in_text``): a run starts and ends at
    token bounds, so a reference one character off is still nothing."""
    keys = set(map(reference_key, _TEXT_TOKEN.findall(text)))
    for m in _SPACED_RUN.finditer(text):
        keys.update(_joined_keys(m.group(0)))
    return frozenset(k for k in keys if _valid_key(k) and (len(k) >= 6 or not k.isdigit()))


def _name_in_words(name: str, words: str) -> bool:
    """Whether the normalised person ``name`` (≥ 2 tokens) is whole-token part of ``words``
    (normalised text padded with spaces), in its order or, for two tokens, reversed."""
    tokens = name.split()
    if len(tokens) < 2:
        return False
    if f" {name} " in words:
        return True
    return len(tokens) == 2 and f" {tokens[1]} {tokens[0]} " in words


def _stored_in_text(reply: _Reply, candidates: Sequence[ClaimCandidate], text: str) -> tuple[set[str], set[str]]:
    """(stored creditor references, stored file numbers as ``loose_key``) the creditor's own
    ``text`` states (``_text_reference_keys``), each kind only when nothing of that kind the
    reading found is stored: references the reading found are trusted as read when one is
    ours (it tells siblings apart)."""
    stored = {normalize_reference(c.creditor_reference) for c in candidates if c.creditor_reference}
    files = {loose_key(c.client_file_number) for c in candidates if c.client_file_number}
    want_refs, want_files = not reply.ref_keys & stored, not reply.file_keys & files
    if not (want_refs or want_files):
        return set(), set()
    keys = _text_reference_keys(text)
    refs = stored & keys if want_refs else set()
    found_files = files & {loose_reference_key(k) for k in keys} if want_files else set()
    return refs, found_files


def _records_in_text(reply: _Reply, candidates: Sequence[ClaimCandidate], text: str) -> _Reply:
    """``reply`` with the office's stored creditor references, file numbers and client full
    names that the creditor's own ``text`` states verbatim (normalised, whole tokens or an
    identifier's groups written apart, ``_text_reference_keys``) where the reading found none
    (``_stored_in_text``; names only when it read no client name): a reference one character
    off, or a near-name, is not found (docs/state-machine.md, "Why an email is held")."""
    if not text.strip():
        return reply
    refs, files = _stored_in_text(reply, candidates, text)
    names: set[str] = set()
    if not reply.client_name:
        words = f" {normalize_person_name.__wrapped__(text.replace(',', ' '))} "
        names = {k for c in candidates if _name_in_words(k := normalize_person_name(c.client_name), words)}
    if not refs - reply.ref_keys and not files - reply.file_keys and not names:
        return reply
    return replace(
        reply, ref_keys=reply.ref_keys | refs, file_keys=reply.file_keys | files, names_in_text=frozenset(names)
    )


def _key_hit(c: ClaimCandidate, reply: _Reply, ctx: MatchContext, ticket: str) -> bool:
    """The candidate's reference, file number or thread is named by the reply."""
    if reply.ref_keys and c.creditor_reference and normalize_reference(c.creditor_reference) in reply.ref_keys:
        return True
    if reply.file_keys and loose_key(c.client_file_number) in reply.file_keys:
        return True
    if reply.client_dob is not None and c.client_date_of_birth == reply.client_dob:
        return True
    if reply.names_in_text and normalize_person_name(c.client_name) in reply.names_in_text:
        return True
    return bool(ticket) and c.zendesk_ticket_id == ticket and _thread_match(c, ctx)


def _sender_matches(c: ClaimCandidate, reply: _Reply) -> bool:
    if not (reply.from_email and c.creditor_emails):
        return False
    addresses, domains = _email_keys(c.creditor_emails)
    return reply.from_email in addresses or not domains.isdisjoint(reply.sender_suffixes)


def _name_hits(reply: _Reply, candidates: Sequence[ClaimCandidate], hits: dict[int, int]) -> None:
    """Add the candidates whose client name is similar to the reply's (rapidfuzz prefilter, then precise)."""
    query = _person_key(reply.client_name) if reply.client_name else ""
    if not query:
        return
    choices = [_person_key(c.client_name) for c in candidates]
    precise: dict[str, float] = {}  # choice -> person_similarity, once per distinct name
    for choice, _, i in process.extract(
        query, choices, scorer=fuzz.token_set_ratio, score_cutoff=_PREFILTER_NAME_CUTOFF, limit=None
    ):
        if choice not in precise:
            precise[choice] = person_similarity(reply.client_name, candidates[i].client_name)
        if precise[choice] >= CLIENT_NAME_CUTOFF:
            hits.setdefault(candidates[i].claim_id, i)


def _shortlist(
    reply: _Reply, ctx: MatchContext, candidates: Sequence[ClaimCandidate]
) -> tuple[list[_Scoring], list[ClaimCandidate]]:
    """Candidates with client evidence or a thread match, and the claims the sender matches.

    Cheap: one pass with set look-ups, then one rapidfuzz scan over client names.
    Duplicated claim ids keep their first occurrence.
    """
    hits: dict[int, int] = {}  # claim_id -> index
    by_sender: list[ClaimCandidate] = []
    ticket = (ctx.ticket_id or "").strip()
    for i, c in enumerate(candidates):
        if _key_hit(c, reply, ctx, ticket):
            hits.setdefault(c.claim_id, i)
        if _sender_matches(c, reply):
            by_sender.append(c)
    _name_hits(reply, candidates, hits)
    return [_Scoring(candidates[i]) for i in sorted(hits.values())], by_sender


def _client_evidence(s: _Scoring, reply: _Reply, file_clients: frozenset[int]) -> None:
    """Reference, file number (or a penalty when it names another client) and client name."""
    c = s.candidate
    ref = normalize_reference(c.creditor_reference) if c.creditor_reference else ""
    if ref and ref in reply.ref_keys:
        s.client.append((1.0, f"creditor reference {ref} matches"))
        s.strong_client_key = True
    file_key = loose_key(c.client_file_number)
    if file_key and file_key in reply.file_keys:
        s.client.append((1.0, f"client file number {c.client_file_number} matches"))
        s.strong_client_key = True
    elif reply.file_keys and file_clients and c.client_id not in file_clients:
        s.penalties.append((PENALTY_OTHER_FILE_NUMBER, "file number names another client"))
    if reply.client_dob is not None and c.client_date_of_birth == reply.client_dob:
        s.client.append((CLIENT_DATE_OF_BIRTH, "client date of birth matches"))
    if reply.client_name:
        s.client_name_sim = person_similarity(reply.client_name, c.client_name)
        strength = _client_name_strength(s.client_name_sim)
        if strength:
            s.client.append((strength, f"client name {s.client_name_sim / 100:.2f}"))
    elif reply.names_in_text and normalize_person_name(c.client_name) in reply.names_in_text:
        s.client_name_sim = 100.0
        s.client.append((CLIENT_NAME_MAX, "client name stated in the reply"))


def _sender_evidence(s: _Scoring, reply: _Reply) -> bool:
    """The sender's address or domain; True when it is known for the claim."""
    addresses, domains = _email_keys(s.candidate.creditor_emails)
    if reply.from_email and reply.from_email in addresses:
        s.creditor.append((1.0, "sender address matches"))
        return True
    if not domains.isdisjoint(reply.sender_suffixes):
        s.creditor.append((0.9, f"sender domain {reply.from_domain} matches"))
        return True
    return False


def _agent_evidence(c: ClaimCandidate, reply: _Reply) -> tuple[float, str]:
    """The claim's agent named as the writer (with its principal as original creditor: stronger)."""
    if not c.agent_name:
        return (0.0, "")
    writers = [n for n in (reply.creditor_name, reply.from_name) if n]
    agent = max((company_similarity(c.agent_name, n) for n in writers), default=0.0)
    if agent < CREDITOR_NAME_CUTOFF:
        return (0.0, "")
    orig = company_similarity(c.creditor_name, reply.original_creditor) if reply.original_creditor else 0.0
    if orig >= CREDITOR_NAME_CUTOFF:
        return (0.85 * min(agent, orig) / 100, f"agent {c.agent_name} for {c.creditor_name}")
    return (0.6 * agent / 100, f"agent name {agent / 100:.2f}")


def _creditor_name_evidence(s: _Scoring, reply: _Reply) -> None:
    """The creditor's or agent's name; a penalty when the original creditor named is another."""
    c = s.candidate
    names = [n for n in (reply.creditor_name, reply.original_creditor, reply.from_name) if n]
    direct = max((company_similarity(c.creditor_name, n) for n in names), default=0.0)
    best: tuple[float, str] = (0.0, "")
    if direct >= CREDITOR_NAME_CUTOFF:
        best = (0.8 * direct / 100, f"creditor name {direct / 100:.2f}")
    best = max(best, _agent_evidence(c, reply))
    if best[0]:
        s.creditor.append(best)
    if reply.original_creditor:
        named = max(
            company_similarity(c.creditor_name, reply.original_creditor),
            company_similarity(c.creditor_name, reply.creditor_name) if reply.creditor_name else 0.0,
        )
        if named < 60:
            s.penalties.append((PENALTY_ORIGINAL_CREDITOR, f"original creditor {reply.original_creditor} differs"))


def _score(s: _Scoring, reply: _Reply, ctx: MatchContext, file_clients: frozenset[int]) -> None:
    """Fill in the evidence, score and reasons of one shortlisted candidate."""
    _client_evidence(s, reply, file_clients)
    sender_ok = _sender_evidence(s, reply)
    _creditor_name_evidence(s, reply)
    score = W_CLIENT * _noisy_or(s.client) + W_CREDITOR * _noisy_or(s.creditor)
    score -= sum(p for p, _ in s.penalties)
    reasons = [r for _, r in s.client] + [r for _, r in s.creditor] + [r for _, r in s.penalties]
    if _thread_match(s.candidate, ctx):
        s.thread = True
        s.thread_corroborated = sender_ok
        if sender_ok:
            score = max(score, THREAD_CORROBORATED)
            reasons.insert(0, "reply in the claim's thread")
        else:
            score = max(score, THREAD_FOREIGN_SENDER)
            reasons.insert(0, "reply in the claim's thread, sender unknown")
    s.score = round(max(0.0, min(1.0, score)), 3)
    s.reasons = tuple(reasons)


def _scored(items: Sequence[_Scoring]) -> tuple[ScoredCandidate, ...]:
    return tuple(
        ScoredCandidate(
            s.candidate.claim_id,
            s.score,
            s.reasons,
            creditor_found=bool(s.creditor) or s.thread_corroborated,
            client_found=bool(s.client),
        )
        for s in items[:MAX_CANDIDATES]
    )


def _names_reference(s: _Scoring, reply: _Reply) -> bool:
    """Whether the reply names this candidate's own creditor reference."""
    ref = s.candidate.creditor_reference
    return bool(ref) and normalize_reference(ref) in reply.ref_keys


def _sibling_with_other_reference(top: _Scoring, other: _Scoring, reply: _Reply) -> bool:
    """Whether ``other`` is another claim of the same client whose own creditor reference
    the reply does not name, while it names ``top``'s (one client, two claims of one
    creditor: the reference decides)."""
    return (
        other.candidate.client_id == top.candidate.client_id
        and _names_reference(top, reply)
        and bool(other.candidate.creditor_reference)
        and not _names_reference(other, reply)
    )


def _close_or_thread_reason(
    top: _Scoring, ranked: list[_Scoring], reply: _Reply, thresholds: MatchThresholds
) -> str | None:
    close = [
        s
        for s in ranked[1:]
        if round(top.score - s.score, 3) < thresholds.margin and not _sibling_with_other_reference(top, s, reply)
    ]
    if close:
        ids = ", ".join(str(s.candidate.claim_id) for s in [top, *close][:MAX_CANDIDATES])
        return f"claims {ids} within {thresholds.margin:.2f} of each other"
    if not top.thread:
        other = next((s for s in ranked if s.thread), None)
        if other is not None:
            return f"reply is in the thread of claim {other.candidate.claim_id}"
    if top.thread and not top.thread_corroborated:
        return "thread match, but the sender is not known for this claim"
    if not top.has_client_evidence:
        return "no client evidence recognised in the reply"
    return None


def _namesake_reason(top: _Scoring, ranked: list[_Scoring], reply: _Reply) -> str | None:
    """Another client (who owes a matching creditor) whose name fits better or as well."""
    if top.thread:
        return None
    others = [
        s
        for s in ranked[1:]
        if s.candidate.client_id != top.candidate.client_id and s.creditor and not _born_apart(top, s, reply)
    ]
    if reply.client_name:
        better = next((s for s in others if s.client_name_sim >= CLIENT_NAME_EXACT > top.client_name_sim), None)
        if better is not None:
            return f"client name fits {better.candidate.client_name} (claim {better.candidate.claim_id}) better"
    if not top.strong_client_key:
        namesake = next((s for s in others if s.client_name_sim >= NAMESAKE_SIMILARITY), None)
        if namesake is not None:
            return f"similar client names: {top.candidate.client_name} / {namesake.candidate.client_name}"
    return None


def _born_apart(top: _Scoring, other: _Scoring, reply: _Reply) -> bool:
    """Whether the reply's date of birth is ``top``'s client's and not ``other``'s (whose is
    recorded): the date tells two clients of similar names apart ("Monika Webers (geb.
    03.03.1971)" is not Monika Weber, born another day)."""
    stated = reply.client_dob
    if stated is None or top.candidate.client_date_of_birth != stated:
        return False
    theirs = other.candidate.client_date_of_birth
    return theirs is not None and theirs != stated


def _date_of_birth_reason(top: _Scoring, reply: _Reply) -> str | None:
    """The reply names a date of birth that is not the best candidate's client's (a namesake's,
    another client's): the reply's identifiers contradict each other, so a person decides which
    client is meant, however strongly a reference or file number points to this claim."""
    stated, own = reply.client_dob, top.candidate.client_date_of_birth
    if stated is None or own is None or stated == own:
        return None
    return f"the date of birth in the reply ({stated.isoformat()}) is not {top.candidate.client_name}'s"


def _other_person_reason(top: _Scoring, reply: _Reply) -> str | None:
    """The reply names a client who is not the best candidate's client (``names.other_person``:
    the surname, another given name: a relative, a namesake): the reply's evidence then rests on the thread, the sender or a similar name, which a relative's or a
    namesake's reply shares ("zu Herrn Peter Langhof" on the thread of Petra Langhoff's claim
    is not her reply): a person decides. The claim's own reference or the client's file number
    in the reply outweighs it (a funeral home names the deceased mother beside the son's
    claim reference)."""
    if top.strong_client_key or not reply.client_name:
        return None
    if not other_person(reply.client_name, top.candidate.client_name):
        return None
    return (
        f"the reply names {reply.client_name}; claim {top.candidate.claim_id}'s client is {top.candidate.client_name}"
    )


def _names_own_client(s: _Scoring, reply: _Reply) -> bool:
    """Whether the reply names ``s``'s client itself: the claim's reference or the client's
    file number, the client's date of birth, or the client's full name (``person_similarity``
    ≥ ``CLIENT_NAME_EXACT``, or stated verbatim in the creditor's text)."""
    dob = reply.client_dob is not None and s.candidate.client_date_of_birth == reply.client_dob
    return s.strong_client_key or dob or s.client_name_sim >= CLIENT_NAME_EXACT


def _other_client_reason(top: _Scoring, ranked: list[_Scoring], reply: _Reply) -> str | None:
    """The reply names another client of the office — that client's full name (a strong name
    match to the other client's record), the other client's claim reference or file number —
    and does not name the best candidate's client (``_names_own_client``): the best candidate
    then rests on the thread, the sender or a weak name, which a creditor writing on the wrong
    ticket shares ("in der Sache Frau Giulia Ferraresi …" on Hans Brunnermann's ticket, from
    the address stored for his claim). A person assigns it. A reply naming both clients is
    left to the other rules (several claims, the margin)."""
    if _names_own_client(top, reply):
        return None
    other = next(
        (s for s in ranked[1:] if s.candidate.client_id != top.candidate.client_id and _names_own_client(s, reply)),
        None,
    )
    if other is None:
        return None
    return (
        f"the reply names {other.candidate.client_name}, another client of ours, not {top.candidate.client_name}:"
        " a person assigns it"
    )


def _review_reason(top: _Scoring, ranked: list[_Scoring], reply: _Reply, thresholds: MatchThresholds) -> str | None:
    """Why the best candidate must not be applied automatically (None: it may be)."""
    return (
        _other_client_reason(top, ranked, reply)
        or _close_or_thread_reason(top, ranked, reply, thresholds)
        or _namesake_reason(top, ranked, reply)
        or _date_of_birth_reason(top, reply)
        or _other_person_reason(top, reply)
    )


def _no_match_reason(reply: _Reply, sender_matches: int) -> str:
    if not reply.has_client_signal:
        why = "no client name, file number or reference recognised in the reply"
    else:
        why = "no claim matches the client evidence"
    if sender_matches:
        why += f"; sender matches {sender_matches} claim(s)"
    return why


def _sender_candidates(by_sender: list[ClaimCandidate]) -> tuple[ScoredCandidate, ...]:
    """The claims the sender alone matches, as score-0 candidates a person may choose from
    (never applied: the result stays ``no_match``)."""
    return tuple(
        ScoredCandidate(c.claim_id, 0.0, ("sender matches, no client evidence recognised",), creditor_found=True)
        for c in by_sender
    )[:MAX_CANDIDATES]


def match_claim(
    extraction: ExtractionResult,
    context: MatchContext,
    candidates: Sequence[ClaimCandidate],
    thresholds: MatchThresholds = MatchThresholds(),
) -> MatchResult:
    """Decide which claim a creditor's reply answers.

    ``extraction``: what the extractor read; ``context``: Zendesk ticket/side
    conversation ids and the sender; ``candidates``: the office's claims (any number,
    typically all open claims). Returns a ``MatchResult`` whose ``candidates`` are the
    best ≤ 5 scored claims, best first (ties by claim id), each with its score (0..1)
    and reasons (for ``no_match`` without any: the ≤ 5 claims the sender matches, score 0); ``claim_id`` is set only for ``AUTO_MATCHED``. Never raises on
    content; thresholds are used as given (settings validate them).
    """
    if not extraction.is_creditor_reply:
        return MatchResult(MatchStatus.NO_MATCH, reason="not a creditor reply")
    if not candidates:
        return MatchResult(MatchStatus.NO_MATCH, reason="no claims to match against")
    reply = _records_in_text(_Reply.of(extraction, context), candidates, context.reply_text)
    shortlist, by_sender = _shortlist(reply, context, candidates)
    file_clients = frozenset(
        s.candidate.client_id
        for s in shortlist
        if reply.file_keys and loose_key(s.candidate.client_file_number) in reply.file_keys
    )
    for s in shortlist:
        _score(s, reply, context, file_clients)
    # equal scores: the claim whose own creditor reference the reply names comes first
    ranked = sorted(
        (s for s in shortlist if s.score > 0),
        key=lambda s: (-s.score, not _names_reference(s, reply), s.candidate.claim_id),
    )
    if not ranked:
        return MatchResult(
            MatchStatus.NO_MATCH,
            candidates=_sender_candidates(by_sender),
            reason=_no_match_reason(reply, len(by_sender)),
        )
    top = ranked[0]
    scored = _scored(ranked)
    if top.score < thresholds.review:
        return MatchResult(
            MatchStatus.NO_MATCH,
            score=top.score,
            candidates=scored,
            reason=f"best score {top.score:.2f} below {thresholds.review:.2f}",
        )
    why = _review_reason(top, ranked, reply, thresholds)
    if why is None and top.score < thresholds.auto:
        why = f"best score {top.score:.2f} below {thresholds.auto:.2f}"
    if why is not None:
        return MatchResult(MatchStatus.NEEDS_REVIEW, score=top.score, candidates=scored, reason=why)
    return MatchResult(
        MatchStatus.AUTO_MATCHED,
        claim_id=top.candidate.claim_id,
        score=top.score,
        candidates=scored,
        reason="; ".join(top.reasons[:3]),
    )


def override_problems(extraction: ExtractionResult, context: MatchContext, candidate: ClaimCandidate) -> list[str]:
    """What speaks against a person applying ``extraction`` to ``candidate`` by override
    (a claim the matcher did not offer): the claim's creditor fits neither the sender
    (address or domain) nor a creditor or agent the reply names, and the reply names
    neither the claim's client nor its reference or file number (the same evidence as
    ``match_claim``, ``context.reply_text`` searched too). Returns plain English sentences,
    empty when both fit. Pure; never raises on content."""
    s = _evidence_for(extraction, context, candidate)
    problems = _creditor_problems(s, context)
    if not s.client:
        problems.append(
            f"the reply names neither claim {candidate.claim_id}'s client {candidate.client_name} nor its reference"
        )
    return problems


def creditor_problems(extraction: ExtractionResult, context: MatchContext, candidate: ClaimCandidate) -> list[str]:
    """What speaks against applying ``extraction`` to ``candidate`` even when the matcher
    offered it: the claim's creditor fits neither the sender (address or domain) nor a
    creditor or agent the reply names (one plain English sentence, the same one
    ``override_problems`` gives), empty when it fits. Pure; never raises on content."""
    return _creditor_problems(_evidence_for(extraction, context, candidate), context)


def _evidence_for(extraction: ExtractionResult, context: MatchContext, candidate: ClaimCandidate) -> _Scoring:
    """``candidate``'s client and creditor evidence in the reply (``context.reply_text`` searched too)."""
    reply = _records_in_text(_Reply.of(extraction, context), [candidate], context.reply_text)
    s = _Scoring(candidate)
    _client_evidence(s, reply, frozenset())
    _sender_evidence(s, reply)
    _creditor_name_evidence(s, reply)
    return s


def _creditor_problems(s: _Scoring, context: MatchContext) -> list[str]:
    if s.creditor:
        return []
    sender = context.from_email or "unknown"
    return [
        f"claim {s.candidate.claim_id}'s creditor {s.candidate.creditor_name} does not fit the sender {sender}"
        " nor the creditor the reply names"
    ]
