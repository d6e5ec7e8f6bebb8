"""The words a hold reason quotes from a reply: whole words, never a word cut in two.

Every reason that quotes the reply ("credit or negative balance stated ('Guthaben zugunsten
Ihrer Mandantin')", the sentence naming a hand-over, a settled phrase, a line next to a
figure) takes its excerpt here: a pattern's match widened to the words it stands in (a
pattern may stop inside a word: "zugunsten Ihrer Mandant" of "Mandantin"), blanks collapsed,
and a long excerpt shortened at the last word boundary within its limit, marked with "…".
Pure; no I/O.
"""

from __future__ import annotations

import re

__all__ = ["excerpt", "match_excerpt", "word_span"]

#: The longest excerpt a reason quotes, in characters (the "…" of a shortened one not counted).
EXCERPT_LIMIT = 160

ELLIPSIS = "…"


def _in_word(ch: str) -> bool:
    return ch.isalnum()


def word_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` widened so that neither edge falls inside a word of ``text`` (a word:
    letters and digits of any script; a hyphen, an apostrophe or a blank ends one). A span
    already on word edges is returned as it is; offsets are clamped to ``text``."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    while 0 < start < len(text) and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _in_word(text[end - 1]) and _in_word(text[end]):
        end += 1
    return start, end


def excerpt(text: str, start: int = 0, end: int | None = None, limit: int = EXCERPT_LIMIT) -> str:
    """The quotable excerpt of ``text[start:end]`` (``end`` None: to the end): widened to
    whole words (``word_span``), blanks and line breaks collapsed to single spaces, and, when
    longer than ``limit`` characters, cut at the last word boundary within the limit (a single
    word longer than the limit is cut at the limit) with "…" appended. "" for an empty span."""
    s, e = word_span(text, start, len(text) if end is None else end)
    flat = " ".join(text[s:e].split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1]
    if _in_word(cut[-1]) and " " in cut[:limit]:
        cut = cut[: cut.rfind(" ", 0, limit)]
    else:
        cut = cut[:limit]
    return cut.rstrip(" ,;:-–(") + ELLIPSIS


def match_excerpt(m: re.Match[str], limit: int = EXCERPT_LIMIT) -> str:
    """``excerpt`` of a regular-expression match in the string it was found in."""
    return excerpt(m.string, m.start(), m.end(), limit)
