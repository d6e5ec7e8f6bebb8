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

Pure; patterns are analysed once, at import of the module that builds them.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

__all__ = ["first_characters", "prefiltered"]

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
