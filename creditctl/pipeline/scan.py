"""Faster scans with the same matches: a first-character test in front of a pattern.

Python's ``re`` skips ahead cheaply only when a pattern starts with a literal or a
character class it can see (``re._compiler._compile_info``); a case-insensitive
alternation of words ("ignoriere|disregard|set the amount …"), or one that starts
with ``\\b`` or a look-behind, gets no such help, and every position of the text runs
every branch. ``prefiltered(rx)`` puts ``(?=(?i:[F]))`` in front, where ``F`` holds
every character a match of ``rx`` can start with (read from the parsed pattern): most
positions then fail at one class test. A match of the result is a match of ``rx``
(same span, same groups: the look-ahead consumes and captures nothing), and the
reverse holds because ``F`` is a superset of the possible first characters (the class
is case-insensitive whatever ``rx``'s flags, and anything the analysis does not know
gives up: ``rx`` is returned unchanged). docs/worker-performance.md, "Round 3".

``GatedAlternation`` is the second tool: an alternation whose branches each declare, next
to the pattern, literals every match of the branch contains; for one text only the
branches whose literals occur in it are compiled and scanned (the others cannot match
anywhere in it, so dropping them changes no match). docs/worker-performance.md,
"Round 4".

Pure; patterns are analysed once, at import of the module that builds them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

__all__ = ["Branch", "GatedAlternation", "first_characters", "fold", "prefiltered"]

_parser: Any = importlib.import_module("re._parser")  # the parser ``re`` itself uses (3.11+)
_C: Any = importlib.import_module("re._constants")

_MAX_RANGE = 512
"""A character range wider than this (``[^\\W\\d]``-like sets) makes the analysis give up."""
_SPACES = frozenset(chr(c) for c in range(0x3001) if chr(c).isspace())
"""What ``\\s`` matches in a str pattern (``str.isspace``; none above U+3000)."""

_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")

_Found = tuple[frozenset[str], bool]
"""(characters a match can start with, whether the part can match empty)."""


def _sequence(items: Any) -> _Found | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _C.ASSERT and av[0] == 1:  # a look-ahead constrains the character here
            inner = _sequence(av[1])
            if inner is not None and not inner[1]:
                return frozenset(chars | inner[0]), False
            continue
        if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):  # zero-width: \b, ^, look-behind, negative look-ahead
            continue
        found = _item(op, av)
        if found is None:
            return None
        chars |= found[0]
        if not found[1]:
            return frozenset(chars), False
    return frozenset(chars), True


def _class(items: Any) -> frozenset[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            out.add(chr(av))
        elif op is _C.RANGE and av[1] - av[0] <= _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _C.CATEGORY and av is _C.CATEGORY_SPACE:
            out |= _SPACES
        else:
            return None
    return frozenset(out)


def _item(op: Any, av: Any) -> _Found | None:
    if op is _C.LITERAL:
        return frozenset(chr(av)), False
    if op is _C.IN:
        chars = _class(av)
        return None if chars is None else (chars, False)
    if op is _C.BRANCH:
        found = [_sequence(alt) for alt in av[1]]
        if any(f is None for f in found):
            return None
        return frozenset().union(*(f[0] for f in found if f)), any(f[1] for f in found if f)
    return _group(op, av)


def _group(op: Any, av: Any) -> _Found | None:
    if op is _C.SUBPATTERN:
        return _sequence(av[3])
    if op is _C.ATOMIC_GROUP:
        return _sequence(av)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
        body = _sequence(av[2])
        return None if body is None else (body[0], body[1] or av[0] == 0)
    return None  # any character, \w, \d, back-references …: no useful set


def first_characters(rx: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of ``rx`` can start with (case variants aside), or None
    when a match may be empty or the pattern holds something the analysis does not read."""
    try:
        found = _sequence(_parser.parse(rx.pattern, rx.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern is scanned as it is
        return None
    return None if found is None or found[1] else found[0]


def _skips_ahead(rx: re.Pattern[str]) -> bool:
    """Whether ``re`` already skips to a literal start of ``rx`` (case-sensitive, first
    item a literal, a class or a branch of literals): the test would only add work."""
    if rx.flags & re.IGNORECASE:
        return False
    items = list(_parser.parse(rx.pattern, rx.flags))
    while items and items[0][0] is _C.SUBPATTERN and not items[0][1][1] and not items[0][1][2]:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op is _C.BRANCH:
        return all(alt and list(alt)[0][0] in (_C.LITERAL, _C.IN) for alt in av[1])
    return op in (_C.LITERAL, _C.IN)


def prefiltered(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a first-character test: the same matches (spans, groups, names) for
    ``search``, ``match``, ``finditer``, ``sub`` …, found faster where ``rx`` itself has
    no literal start ``re`` can skip to. ``rx`` itself when no test can be derived."""
    chars = first_characters(rx)
    if chars is None or _GLOBAL_FLAGS.match(rx.pattern) or _skips_ahead(rx):
        return rx  # a leading global flag group must stay first
    members = "".join(sorted("\\" + c if c in "\\]^-[" else c for c in chars))
    return re.compile("(?=(?i:[" + members + "]))(?:" + rx.pattern + ")", rx.flags)


# --- gated alternations ------------------------------------------------------------------

Branch = tuple[str, tuple[tuple[str, ...], ...]]
"""One alternative of a ``GatedAlternation``: (pattern source, needs). ``needs`` is a tuple of
groups of lower-case literals: every match of the pattern contains, for each group, at least
one of its literals (compared after ``fold``). ``()``: no literal is declared; the branch is
always scanned. Cheapest first: the group with the fewest, rarest literals, and in a group the
most common literal (a literal found stops the group's scan early)."""


def fold(text: str) -> str:
    """``text`` lower-cased so that a case-insensitive ``re`` match of a literal is a
    substring of the result: ``str.lower`` plus the letters ``re`` also folds (dotless
    ``ı`` and long ``ſ``, Python's ``re/_casefix.py``) and ``İ``, which ``lower`` writes
    as two characters. Used only to test whether a literal occurs."""
    low = text.lower()
    if "ı" in low or "ſ" in low or "i\u0307" in low:
        low = low.replace("ı", "i").replace("ſ", "s").replace("i\u0307", "i")
    return low


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
        self.branches: tuple[Branch, ...] = tuple(branches)
        self.flags = flags
        self.plain: re.Pattern[str] = re.compile("|".join(p for p, _ in self.branches), flags)
        if self.plain.groups:
            raise ValueError("a gated alternation cannot hold capturing groups")
        # UTF-8 bytes: a valid UTF-8 literal found in a UTF-8 text sits on character boundaries,
        # and ``bytes`` searches are about twice as fast as ``str`` ones on mixed-script text.
        # Groups are tested in the declared order: an absent literal costs a whole scan, so
        # the group with the fewest, rarest literals comes first
        self._needs = [
            tuple(tuple(fold(lit).encode() for lit in group) for group in needs) for _, needs in self.branches
        ]
        self._for = lru_cache(maxsize=64)(self._compile)

    def _compile(self, keep: tuple[int, ...]) -> re.Pattern[str]:
        return prefiltered(re.compile("|".join(self.branches[i][0] for i in keep), self.flags))

    def kept(self, text: str) -> tuple[int, ...]:
        """Indexes of the branches whose declared literals all occur in ``text``."""
        data = fold(text).encode()
        seen: dict[bytes, bool] = {}

        def has(lit: bytes) -> bool:
            found = seen.get(lit)
            if found is None:
                found = seen[lit] = lit in data
            return found

        return tuple(i for i, needs in enumerate(self._needs) if all(any(map(has, group)) for group in needs))

    def for_text(self, text: str) -> re.Pattern[str] | None:
        """The alternation of the branches that can match in ``text`` (or in any substring of
        it), prefiltered; None when none can."""
        keep = self.kept(text)
        return self._for(keep) if keep else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``self.plain.finditer(text)``'s matches."""
        rx = self.for_text(text)
        return iter(()) if rx is None else rx.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        """``self.plain.search(text)``'s match."""
        rx = self.for_text(text)
        return None if rx is None else rx.search(text)
