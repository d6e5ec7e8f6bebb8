"""Faster scans with the same matches: a declared first-character test in front of a pattern.

Python's ``re`` skips ahead cheaply only when a pattern starts with a literal or a
character class it can see; a case-insensitive alternation of words ("ignoriere|disregard|set
the amount …"), or one that starts with ``\\b`` or a look-behind, gets no such help, and every
position of the text runs every branch. ``prefiltered(rx, first)`` puts ``(?=(?i:[first]))`` in
front, where ``first`` is the class of every character a match of ``rx`` can start with, DECLARED
by the table next to its pattern (no library internals are read to derive it): most positions
then fail at one class test. A match of the result is a match of ``rx`` (same span, same groups:
the look-ahead consumes and captures nothing), and the reverse holds as long as the declaration
is a superset of the possible first characters. The class is case-insensitive whatever ``rx``'s
flags, so only the letters themselves need declaring. The declarations are pinned by tests that
compare each prefiltered table with its plain pattern over every labelled and tuning email and
adversarial strings (tests/unit/test_scan_prefilter.py). docs/worker-performance.md, "Round 3"
and "Round 5".

``GatedAlternation`` is the second tool: an alternation whose branches each declare, next
to the pattern, literals every match of the branch contains (and, optionally, their first
characters); for one text only the branches whose literals occur in it are scanned (the others
cannot match anywhere in it, so dropping them changes no match). docs/worker-performance.md,
"Round 4". The literals are found in one pass per text by an Aho-Corasick automaton of the
table's literals (the ``ahocorasick-rs`` library; "Round 9"). Each branch is compiled once and
the kept ones are scanned apart, their matches merged as the joined alternation gives them
(``KeptBranches``): no compile per new subset of kept branches, and each scan behind the
branch's own first-character test ("Round 8").

``LiteralStarts`` is the third: every position where a pattern matches (what a zero-width
``(?=pattern)`` scan finds), for a pattern whose every match opens with one of literals its
table declares; the pattern is tried only where the Aho-Corasick pass finds one ("Round 9").
A ``GatedAlternation`` branch can declare the same (``Branch``'s ``opens``): in a long text
``KeptBranches`` then tries it with ``match`` only at those offsets ("Round 10").

``word_starts`` is the fourth: where a name or word read from the email stands as a whole
word, found with ``str.find`` instead of a pattern built per name (``(?<!\\w)name(?!\\w)``):
each such pattern was a compile, and pushed the tables read through ``re``'s module functions
out of its cache ("Round 17").

Pure; the tables are compiled once, at import of the module that builds them.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

from ahocorasick_rs import AhoCorasick

__all__ = [
    "Branch",
    "GatedAlternation",
    "KeptBranches",
    "LiteralStarts",
    "compile_prefiltered",
    "first_class",
    "aligned_fold",
    "fold",
    "folded",
    "is_prefiltered",
    "prefiltered",
    "top_level_branches",
    "unwrapped",
    "word_start_split",
]

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


@lru_cache(maxsize=256)  # pure; a gated table's kept subsets ask again for the same unions
def _is_word_char(ch: str, also: str) -> bool:
    """Whether the one character ``ch`` is ``re``'s ``\\w`` for a str pattern (Unicode
    alphanumeric — ``str.isalnum`` — or the underscore) or one of ``also``."""
    return ch.isalnum() or ch == "_" or ch in also


def word_starts(word: str, text: str, before: str = "", after: str = "") -> list[int]:
    """The starts of ``word`` in ``text`` where it stands as a whole word: no word character
    (``\\w``) nor one of ``before`` right before it, none nor one of ``after`` right after it;
    non-overlapping, left to right. Exactly the match starts of
    ``re.finditer(r"(?<![\\w" + re.escape(before) + r"])" + re.escape(word) + r"(?![\\w" +
    re.escape(after) + r"])", text)`` (case-sensitive), without compiling a pattern per word.
    An empty ``word`` is scanned with that pattern."""
    if not word:
        return [m.start() for m in re.finditer(_whole_word_source(word, before, after), text)]
    size, end, out = len(word), len(text), []
    at = text.find(word)
    while at >= 0:
        stop = at + size
        if (at == 0 or not _is_word_char(text[at - 1], before)) and (
            stop == end or not _is_word_char(text[stop], after)
        ):
            out.append(at)
            at = text.find(word, stop)
        else:
            at = text.find(word, at + 1)
    return out


def has_word(word: str, text: str, before: str = "", after: str = "") -> bool:
    """Whether ``word`` stands in ``text`` as a whole word (``word_starts`` is not empty)."""
    return bool(word_starts(word, text, before, after))


def _whole_word_source(word: str, before: str = "", after: str = "") -> str:
    """The pattern ``word_starts`` answers for (its plain form, for the empty word and tests)."""
    b = r"(?<![\w" + re.escape(before) + "])"
    a = r"(?![\w" + re.escape(after) + "])"
    return b + re.escape(word) + a


def first_class(*bodies: str) -> str:
    """The union of declared first-character classes (each the body of a ``[...]`` class:
    letters, ranges, escapes such as ``\\s``), as one class body.

    Raises ValueError for a body that is not a class body on its own (empty, negated with a
    leading ``^``, a ``-`` at either end that would join two bodies into a range, or one that
    does not compile as ``[body]``)."""
    out: list[str] = []
    for body in bodies:
        if not body or body[0] in "^-" or (body.endswith("-") and not body.endswith("\\-")):
            raise ValueError(f"not a first-character class body: {body!r}")
        _check_class(body)
        if body not in out:
            out.append(body)
    joined = "".join(out)
    _check_class(joined)  # two bodies must not join into a set operation ("&&", "--", "||", "~~")
    return joined


def _check_class(body: str) -> None:
    """Raises ValueError unless ``[body]`` compiles without ``re``'s warnings (a nested set
    or a set operation reads differently in later Pythons)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            re.compile("[" + body + "]")
        except (re.error, FutureWarning) as exc:
            raise ValueError(f"not a first-character class body: {body!r}") from exc


def prefiltered(
    rx: re.Pattern[str], first: str, anywhere: Sequence[str] = (), *, case_sensitive: bool = False
) -> re.Pattern[str]:
    """``rx`` behind the declared first-character test ``first`` (a class body, see
    ``first_class``): the same matches (spans, groups, names) for ``search``, ``match``,
    ``finditer``, ``sub`` …, found faster where ``rx`` itself has no literal start ``re`` can
    skip to.

    ``first`` must hold every character a match of ``rx`` can start with (compared
    case-insensitively), and a match of ``rx`` must never be empty; the caller declares both.
    ``anywhere``: the literals of branches that open with ``\\w*`` (``\\w*entschädigung``,
    ``(?:\\w*saldo|\\w*konto)``), whose match can start at any letter: a position passes the
    test too when a run of word characters from it reaches one of them (lower case; compared
    case-insensitively). ``case_sensitive``: the class is compared as written — for a
    case-sensitive pattern whose every match starts with one of the declared characters in
    that case ("Schuldner:", "Kunde:"), so that the lower-case letters of a text, most of
    it, fail at the test. Raises ValueError for a malformed ``first`` or a pattern opening
    with a global flag group (which must stay first)."""
    return re.compile(_prefiltered_source(rx.pattern, first, anywhere, case_sensitive), rx.flags)


def compile_prefiltered(
    pattern: str, flags: int, first: str, anywhere: Sequence[str] = (), *, case_sensitive: bool = False
) -> re.Pattern[str]:
    """``prefiltered(re.compile(pattern, flags), first, anywhere, case_sensitive=…)`` with one
    compile instead of two: a big table's compile is most of its module's import, which a
    thread worker pays inside its first job (docs/worker-performance.md, "Round 6"). Raises
    what ``prefiltered`` raises, and ``re.error`` for a pattern that does not compile."""
    return re.compile(_prefiltered_source(pattern, first, anywhere, case_sensitive), flags)


def _prefiltered_source(pattern: str, first: str, anywhere: Sequence[str] = (), case_sensitive: bool = False) -> str:
    """The source ``prefiltered`` compiles (see there; raises the same ValueError)."""
    if _GLOBAL_FLAGS.match(pattern):
        raise ValueError("a pattern opening with a global flag group cannot be prefiltered")
    test = "[" + first_class(first) + "]"
    if anywhere:
        test += r"|\w*?(?:" + "|".join(re.escape(lit) for lit in anywhere) + ")"
    flag = "-i" if case_sensitive else "i"
    return "(?=(?" + flag + ":" + test + "))(?:" + pattern + ")"


def top_level_branches(pattern: str) -> list[str]:
    """The top-level alternatives of the regular-expression source ``pattern`` (split at each
    ``|`` outside a group and a character class; escapes kept), in order; ``[pattern]`` when it
    has none. Reads the source text only (no module of ``re`` beyond ``re.compile``). Raises
    ValueError for a source whose groups or classes do not close."""
    out: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += pattern[i : i + 1] == "]"  # a "]" right after the opening is a member
            continue
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise ValueError(f"unbalanced ')' in {pattern[:60]!r}")
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    if depth or in_class:
        raise ValueError(f"unclosed group or class in {pattern[:60]!r}")
    return out + [pattern[start:]]


def word_start_split(alternatives: Sequence[str], flags: int) -> str:
    """One source matching what ``"|".join(f"(?:{a})" for a in alternatives)`` matches (same
    spans), faster where most alternatives open with ``\\b``: ``\\b(?:every alternative)``
    first, then only the top-level branches that do not open with ``\\b``, in their order.

    At a word boundary the first part tries every alternative in the joined order (the second
    part then only repeats failed branches); elsewhere an alternative opening with ``\\b``
    cannot match, so the remaining branches in their order give the joined pattern's match —
    while most positions (inside words) fail at one ``\\b`` test instead of each alternative.
    The repeated branches would duplicate capturing groups: raises ValueError when the joined
    pattern has any (and ``re.error`` when it does not compile with ``flags``).
    docs/worker-performance.md, "Round 14"."""
    joined = "|".join(f"(?:{a})" for a in alternatives)
    if re.compile(joined, flags).groups:
        raise ValueError("word_start_split needs a pattern without capturing groups")
    rest = [b for a in alternatives for b in top_level_branches(a) if not b.startswith("\\b")]
    if len(rest) == sum(len(top_level_branches(a)) for a in alternatives):
        return joined  # no branch opens with \b: nothing to gain
    return r"\b(?:" + joined + ")" + "".join(f"|(?:{b})" for b in rest)


#: How ``prefiltered`` opens a pattern: the case-insensitive test, or the case-sensitive one.
_OPENINGS = ("(?=(?i:[", "(?=(?-i:[")


def is_prefiltered(rx: re.Pattern[str]) -> bool:
    """Whether ``rx`` opens with a test ``prefiltered`` puts in front."""
    return rx.pattern.startswith(_OPENINGS)


def unwrapped(rx: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern ``prefiltered`` put a test in front of (for tests that compare the two).
    Raises ValueError for a pattern ``prefiltered`` did not build."""
    src = rx.pattern
    opening = next((o for o in _OPENINGS if src.startswith(o)), None)
    if opening is None or not src.endswith(")"):
        raise ValueError("not a prefiltered pattern")
    i = len(opening)
    while src[i] != "]":  # the class ends at its first unescaped "]" (first_class refuses others)
        i += 2 if src[i] == "\\" else 1
    i += 1
    if src.startswith(r"|\w*?(?:", i):
        i = src.index(")", i + len(r"|\w*?(?:"))  # escaped literals hold no bare ")"
        while src[i - 1] == "\\":
            i = src.index(")", i + 1)
        i += 1
    if not src.startswith("))(?:", i):
        raise ValueError("not a prefiltered pattern")
    return re.compile(src[i + len("))(?:") : -1], rx.flags)


# --- gated alternations ------------------------------------------------------------------

Needs = tuple[tuple[str, ...], ...]
Branch = tuple[str, Needs] | tuple[str, Needs, str] | tuple[str, Needs, str, tuple[str, ...]]
"""One alternative of a ``GatedAlternation``: (pattern source, needs), (pattern source, needs,
first) or (pattern source, needs, first, opens). ``needs`` is a tuple of groups of lower-case
literals: every match of the pattern contains, for each group, at least one of its literals
(compared after ``fold``). ``()``: no literal is declared; the branch is always scanned
(tests/unit/test_scan_guard.py refuses that for the reading's tables). Every literal of the
table is searched in one Aho-Corasick pass per text, so their order costs nothing. ``first``:
the class body of every character a match can start with (``prefiltered``); a text's kept
branches are prefiltered with the union of theirs when each declares one. ``opens``: non-empty
literals one of which every match of the pattern OPENS with, except a match at the very start
of the text (compared after ``fold``; "Round 10"): in a long text the branch is then tried
only where one occurs, and at offset 0 (``KeptBranches``)."""


def fold(text: str) -> str:
    """``text`` lower-cased so that a case-insensitive ``re`` match of a literal is a
    substring of the result: ``str.lower`` plus the letters ``re`` also folds (dotless
    ``ı`` and long ``ſ``, Python's ``re/_casefix.py``) and ``İ``, which ``lower`` writes
    as two characters. Used only to test whether a literal occurs."""
    low = text.lower()
    if "ı" in low or "ſ" in low or "i\u0307" in low:
        low = low.replace("ı", "i").replace("ſ", "s").replace("i\u0307", "i")
    return low


@lru_cache(maxsize=32)  # pure; one text is gated by several tables (the injections, the client cues)
def folded(text: str) -> str:
    """``fold(text)``, memoised for the last texts."""
    return fold(text)


def _numbered(all_needs: Iterable[Needs]) -> tuple[list[tuple[tuple[int, ...], ...]], tuple[str, ...]]:
    """Each branch's needs with its literals (folded) replaced by their numbers, and the
    folded literals in number order (each once)."""
    literals: dict[str, int] = {}
    numbered = [
        tuple(tuple(literals.setdefault(fold(lit), len(literals)) for lit in group) for group in needs)
        for needs in all_needs
    ]
    return numbered, tuple(literals)


def _automaton_of(literals: Sequence[str]) -> tuple[tuple[int, ...], frozenset[int], AhoCorasick | None]:
    """(the number of each searched literal, by its index in the automaton; the numbers of the
    empty literals, found in every text; the automaton of the non-empty ones, None when there
    is none)."""
    searched = [lit for lit in literals if lit]
    ids = tuple(i for i, lit in enumerate(literals) if lit)
    always = frozenset(i for i, lit in enumerate(literals) if not lit)
    return ids, always, AhoCorasick(searched) if searched else None


def _opens_of(branches: Sequence[Branch]) -> tuple[tuple[str, ...] | None, ...]:
    """Each branch's declared opening literals, folded, each once; None where it declares
    none. Raises ValueError for an empty declaration or an empty literal."""
    opens = tuple(tuple(dict.fromkeys(fold(lit) for lit in b[3])) if len(b) == 4 else None for b in branches)
    if any(o is not None and (not o or not all(o)) for o in opens):
        raise ValueError("declare at least one non-empty opening literal")
    return opens


def _opening_automaton(
    opens: Sequence[tuple[str, ...] | None],
) -> tuple[tuple[tuple[int, ...], ...], AhoCorasick | None]:
    """(for each opening literal, by its index in the automaton, the branches that declare
    it; the automaton of every branch's opening literals, None when none declares any)."""
    branches_of: dict[str, list[int]] = {}
    for i, lits in enumerate(opens):
        for lit in lits or ():
            branches_of.setdefault(lit, []).append(i)
    automaton = AhoCorasick(list(branches_of)) if branches_of else None
    return tuple(tuple(b) for b in branches_of.values()), automaton


class GatedAlternation:
    """``b1|b2|…`` compiled with ``flags``, scanned per text with only the branches that can
    match in it.

    A branch whose declared literals are not all present (one of each group, in
    ``fold(text)``) matches nowhere in the text; an alternation tries its branches in order
    at each position and keeps the first that matches, so leaving out branches that match
    nowhere keeps every match (span and text) of ``finditer``, ``search`` and ``match`` on
    that text and on any substring of it. The patterns must have no capturing groups (group
    numbers would shift). Raises ValueError when one has.
    """

    def __init__(self, branches: Sequence[Branch], flags: int = 0) -> None:
        self.branches: tuple[tuple[str, Needs], ...] = tuple((b[0], b[1]) for b in branches)
        self.firsts: tuple[str | None, ...] = tuple(b[2] if len(b) >= 3 else None for b in branches)
        #: Each branch's declared opening literals (folded, each once), None where it declares none.
        self.opens: tuple[tuple[str, ...] | None, ...] = _opens_of(branches)
        for first in self.firsts:
            if first is not None:
                first_class(first)  # a malformed declaration fails at import
        self.flags = flags
        self.plain: re.Pattern[str] = re.compile("|".join(p for p, _ in self.branches), flags)
        if self.plain.groups:
            raise ValueError("a gated alternation cannot hold capturing groups")
        declared = [f for f in self.firsts if f is not None]
        #: The whole table for a caller without the gate: prefiltered when every branch declares.
        self.whole: re.Pattern[str] = (
            prefiltered(self.plain, first_class(*declared)) if len(declared) == len(self.firsts) else self.plain
        )
        # Every declared literal (folded) gets a number; one Aho-Corasick pass over a folded text
        # finds which of them occur (``literals_in``), and each branch's groups are tested on
        # that set. An empty literal occurs in every text (``"" in text``): it needs no search
        self._needs, self.literals = _numbered(needs for _, needs in self.branches)
        self._ids, self._always, self._automaton = _automaton_of(self.literals)
        self._joined = lru_cache(maxsize=16)(self._compile)
        self._kept = lru_cache(maxsize=64)(self._kept_uncached)
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self.branches)
        self._scanners = lru_cache(maxsize=256)(self._scanner)
        # The opening literals of the whole table in one automaton; each literal's branches.
        self._open_branches, self._open_automaton = _opening_automaton(self.opens)
        self._starts = lru_cache(maxsize=8)(self._starts_uncached)

    def branch(self, i: int) -> re.Pattern[str]:
        """Branch ``i`` compiled on its own (with ``flags``), prefiltered when it declares its
        first characters; compiled once, at its first use. Raises IndexError for no such
        branch."""
        rx = self._compiled[i]
        if rx is None:
            source, first = self.branches[i][0], self.firsts[i]
            rx = re.compile(source if first is None else _prefiltered_source(source, first), self.flags)
            self._compiled[i] = rx  # a race compiles it twice, both the same pattern
        return rx

    def _scanner(self, keep: tuple[int, ...]) -> KeptBranches:
        opened = tuple(i for i in keep if self.opens[i] is not None)
        if not opened:
            return KeptBranches(tuple(self.branch(i) for i in keep), lambda: self._joined(keep))
        return KeptBranches(
            tuple(self.branch(i) for i in keep),
            lambda: self._joined(keep),
            lambda text: self.starts(text, opened),
            tuple(i if self.opens[i] is not None else None for i in keep),
        )

    def starts(self, text: str, among: tuple[int, ...]) -> dict[int, list[int]] | None:
        """For each branch of ``among`` that declares opening literals, the offsets of ``text``
        where one of them occurs, and 0, ascending: every offset where the branch can match
        (an absent branch: only 0). None when ``text`` is shorter than ``OPENS_FROM`` or its
        fold does not keep offsets (``aligned_fold``): scan it whole then. Memoised for the
        last texts (the safety layer and the reader scan the same text)."""
        found = self._starts(text)
        return None if found is None else {i: found.get(i, [0]) for i in among}

    def _starts_uncached(self, text: str) -> dict[int, list[int]] | None:
        if self._open_automaton is None or len(text) < OPENS_FROM:
            return None
        low = aligned_fold(text)
        if low is None:
            return None
        at: dict[int, set[int]] = {}
        branches = self._open_branches
        for lit, start, _ in self._open_automaton.find_matches_as_indexes(low, overlapping=True):
            for i in branches[lit]:
                at.setdefault(i, {0}).add(start)
        return {i: sorted(offsets) for i, offsets in at.items()}

    def _compile(self, keep: tuple[int, ...]) -> re.Pattern[str]:
        """The kept branches joined into one pattern: only for ``KeptBranches.finditer``
        when a branch matches the empty string (never for the reading's tables)."""
        source = "|".join(self.branches[i][0] for i in keep)
        firsts = [self.firsts[i] for i in keep]
        if None in firsts:
            return re.compile(source, self.flags)
        # ``prefiltered``'s pattern built from the source: one compile, not two (a subset's
        # compile is the costly part of a text whose subset is new)
        return re.compile(_prefiltered_source(source, first_class(*(f for f in firsts if f))), self.flags)

    def kept(self, text: str) -> tuple[int, ...]:
        """Indexes of the branches whose declared literals all occur in ``text``. Memoised per
        text (bounded): one email's bodies are gated by the safety layer and again, as the
        reader's parts, by the rules extractor and its second readings."""
        return self._kept(text)

    def literals_in(self, text: str) -> frozenset[int]:
        """Numbers (indexes into ``self.literals``) of the declared literals that occur in
        ``fold(text)``: one pass of the table's Aho-Corasick automaton, overlapping matches
        reported, so a literal inside another ("ai" in "mail") is found too."""
        if self._automaton is None:
            return self._always
        ids = self._ids
        found = {ids[m[0]] for m in self._automaton.find_matches_as_indexes(folded(text), overlapping=True)}
        return frozenset(found).union(self._always)

    def _kept_uncached(self, text: str) -> tuple[int, ...]:
        found = self.literals_in(text)
        return tuple(i for i, needs in enumerate(self._needs) if all(not found.isdisjoint(group) for group in needs))

    def for_text(self, text: str) -> KeptBranches | None:
        """The branches that can match in ``text`` (or in any substring of it), scanned apart
        with the joined alternation's matches (``KeptBranches``); None when none can."""
        keep = self.kept(text)
        return self._scanners(keep) if keep else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``self.plain.finditer(text)``'s matches."""
        rx = self.for_text(text)
        return iter(()) if rx is None else rx.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        """``self.plain.search(text)``'s match."""
        rx = self.for_text(text)
        return None if rx is None else rx.search(text)


class KeptBranches:
    """Some branches of an alternation, in table order, each compiled on its own, with the
    matches the alternation of just those branches gives: ``search`` and ``finditer`` return
    the same spans and texts (the patterns hold no groups; a match's ``re`` and ``pos`` are the
    branch's own).

    An alternation tries its branches in order at each position from the left and keeps the
    first that matches there; a branch's own match at a position does not depend on where the
    search began (``^``, ``\\b`` and look-behinds see the whole string). So its leftmost match is
    the earliest of the branches' leftmost matches, the earlier branch at a tie, and
    ``finditer`` is that repeated from each match's end, each branch searched again only when
    its last match started before there. An empty match would change where ``finditer`` goes
    on (it must advance), so from one on the joined alternation (``joined()``, compiled then)
    continues. docs/worker-performance.md, "Round 8".
    """

    __slots__ = ("_ids", "_joined", "_starts", "rxs")

    def __init__(
        self,
        rxs: tuple[re.Pattern[str], ...],
        joined: Callable[[], re.Pattern[str]],
        starts: Callable[[str], dict[int, list[int]] | None] | None = None,
        ids: tuple[int | None, ...] = (),
    ) -> None:
        self.rxs = rxs
        self._joined = joined
        # ``starts(text)``: for the branch numbered ``ids[k]`` (None: declares no opening
        # literals), every offset where ``rxs[k]`` can match in ``text`` (or None: scan it whole)
        self._starts = starts
        self._ids = ids

    def _searches(self, text: str) -> list[Callable[[str, int], re.Match[str] | None]]:
        """Per branch, its ``search(text, pos)``: the pattern's own, or, where the branch's
        possible starts are known, ``match`` tried at each of them from ``pos`` (the same match:
        a match at an offset does not depend on where a scan began)."""
        found = None if self._starts is None else self._starts(text)
        if found is None:
            return [rx.search for rx in self.rxs]
        return [
            rx.search if i is None else _search_at(rx.match, found[i])
            for rx, i in zip(self.rxs, self._ids, strict=True)
        ]

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """The joined alternation's ``search(text, pos)``: its leftmost match from ``pos``, or None."""
        best: re.Match[str] | None = None
        for search in self._searches(text):
            m = search(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    def finditer(self, text: str, pos: int = 0) -> Iterator[re.Match[str]]:
        """The joined alternation's ``finditer(text, pos)``: its non-overlapping matches, left to right."""
        if len(self.rxs) == 1 and self._starts is None:
            yield from self.rxs[0].finditer(text, pos)
            return
        searches = self._searches(text)
        nexts = [search(text, pos) for search in searches]
        while True:
            best: re.Match[str] | None = None
            for m in nexts:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            if best.end() == best.start():
                yield from self._joined().finditer(text, pos)
                return
            yield best
            pos = best.end()
            for i, m in enumerate(nexts):
                if m is not None and m.start() < pos:
                    nexts[i] = searches[i](text, pos)


#: Texts shorter than this are scanned whole by a branch that declares opening literals (one
#: line: the automaton's pass costs what the pattern's scan does). Either way, the same matches.
OPENS_FROM = 256


def _search_at(
    match: Callable[[str, int], re.Match[str] | None], offsets: list[int]
) -> Callable[[str, int], re.Match[str] | None]:
    """``search(text, pos)`` for a pattern that can match in ``text`` only at ``offsets``
    (ascending): ``match`` tried at each offset from ``pos`` on, the first match or None."""

    def search(text: str, pos: int = 0) -> re.Match[str] | None:
        for at in offsets[bisect_left(offsets, pos) :]:
            m = match(text, at)
            if m is not None:
                return m
        return None

    return search


# --- starts behind opening literals ---------------------------------------------------------


def aligned_fold(text: str) -> str | None:
    """``fold(text)`` when it has one character for each character of ``text`` (so a literal
    found at an offset of the result sits at the same offset of ``text``), else None: a
    character ``str.lower`` writes as two ("İ" is folded back to one, but a combining dot
    above in the text itself is not told apart from it, so any U+0307 gives None)."""
    if "\u0307" in text:
        return None
    low = folded(text)
    return low if len(low) == len(text) else None


class LiteralStarts:
    """Every position where ``rx`` matches in a text, ascending — what
    ``[m.start() for m in re.compile("(?=" + rx.pattern + ")").finditer(text)]`` gives —
    for a pattern whose every match opens with one of the declared ``opens`` literals
    (compared after ``fold``; the caller declares them and a test holds them to the pattern).

    One Aho-Corasick pass over ``fold(text)`` finds where the literals occur; ``rx.match`` is
    tried there only (a match at a position does not depend on where a scan began: ``^``,
    ``\\b`` and look-behinds see the whole string). A text whose fold does not keep the
    offsets (``aligned_fold``) is scanned with ``scan``, a callable giving the zero-width
    scan's matches (the caller's fastest form of it). Raises ValueError for no literal or an
    empty one."""

    __slots__ = ("_automaton", "_scan", "opens", "rx")

    def __init__(
        self, rx: re.Pattern[str], opens: Sequence[str], scan: Callable[[str], Iterator[re.Match[str]]]
    ) -> None:
        if not opens or not all(opens):
            raise ValueError("declare at least one non-empty opening literal")
        self.rx = rx
        self.opens: tuple[str, ...] = tuple(dict.fromkeys(fold(lit) for lit in opens))
        self._automaton = AhoCorasick(list(self.opens))
        self._scan = scan

    def starts(self, text: str) -> list[int]:
        """The positions where ``rx`` matches in ``text``, ascending."""
        low = aligned_fold(text)
        if low is None:
            return [m.start() for m in self._scan(text)]
        at = sorted({m[1] for m in self._automaton.find_matches_as_indexes(low, overlapping=True)})
        match = self.rx.match
        return [pos for pos in at if match(text, pos)]
