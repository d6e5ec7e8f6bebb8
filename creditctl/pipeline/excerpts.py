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
from collections.abc import Container

__all__ = ["excerpt", "match_excerpt", "sentence_excerpt", "word_span"]

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


#: A sentence end: ``!``, ``?`` or ``;`` before a blank, a blank line, or a period before a blank
#: (checked further by ``_ends_sentence``).
_END = re.compile(r"[!?;](?=\s)|\n[ \t]*\n|\.(?=\s)")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_FIGURE_BEFORE = re.compile(r"(?:\d{3}|\d[.,]\d\d|[)\]%€$£])$")
_NEXT_TOKEN = re.compile(r"\s+(\S+)")


def _ends_sentence(text: str, m: re.Match[str], abbreviations: Container[str]) -> bool:
    """Whether the period (or other end) at ``m`` ends a sentence: a period after a word of two
    or more letters (any script) that is no abbreviation, before a word that starts with a
    capital letter and holds no digit ("… ЕАД. Моля", "… übergeben. Bitte"; not "Nr. 5",
    "rif. BÖ-2026-0313", "лв. е", "n. MF-2024")."""
    if m.group(0) != ".":
        return True
    word = _WORD_BEFORE.search(text, 0, m.start())
    if word is None:
        # a figure, a year or a closing bracket ends a sentence ("… on 1 October 2026. Please"),
        # a day's number does not ("am 1. Oktober")
        if not _FIGURE_BEFORE.search(text, 0, m.start()):
            return False
    elif len(word.group(0)) < 2 or word.group(0).lower() in abbreviations:
        return False
    nxt = _NEXT_TOKEN.match(text, m.end())
    if nxt is None:
        return True
    token = nxt.group(1).lstrip("\"'„“«»(")
    return bool(token) and token[0].isupper() and not any(ch.isdigit() for ch in token)


def sentence_excerpt(
    text: str, start: int, end: int, *, abbreviations: Container[str] = frozenset(), limit: int = EXCERPT_LIMIT
) -> str:
    """``excerpt`` of the one sentence of ``text`` that holds ``text[start:end]`` — from the end
    of the sentence before to its own end (its final period kept), never a neighbouring
    sentence, in any script. ``abbreviations``: lower-case words whose period ends no
    sentence ("nr", "vs"). Pure."""
    begin, stop = 0, len(text)
    for m in _END.finditer(text):
        if m.end() <= start:
            if _ends_sentence(text, m, abbreviations):
                begin = m.end()
        elif m.start() >= end and _ends_sentence(text, m, abbreviations):
            stop = m.end() if m.group(0) in ".!?" else m.start()
            break
    return excerpt(text, begin, stop, limit)
