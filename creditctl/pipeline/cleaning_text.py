"""Character-level normalisation shared by the e-mail cleaner and the attachment reader.

What the cleaned text guarantees to its readers (the extractors):

* no Unicode space variants: NBSP U+00A0, figure space U+2007, thin space U+2009,
  narrow NBSP U+202F, the other U+2000-U+200A spaces, U+205F and U+3000 each become
  ONE ordinary space U+0020 - so a thousands group written with any of them reads
  ``1 234,56 €`` (one U+0020 between the groups, never deleted, never doubled);
* no zero-width characters, soft hyphens or byte-order marks (they split words and
  numbers invisibly);
* typographic ligatures (U+FB00-U+FB06: ``ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ``) are NFKC-decomposed
  (``Noch oﬀen`` → ``Noch offen``); nothing else is NFKC-folded (superscript
  footnote marks stay, so ``1.234,56 €¹`` does not become ``1.234,56 €1``).

``join_letter_spaced_numbers`` (PDF text only) re-joins digits that a PDF's
character spacing split apart (``1 .2 3 4 ,5 6`` → ``1.234,56``), conservatively: only
a run whose EVERY piece is one digit (with an adjacent ``.``/``,``) or a lone
separator, one or two spaces apart, of at least three pieces, with no other number
within two spaces of it, and only when the joined run reads as an amount
with two decimals or as a date. ``Seite 1 2 3`` and ``1 234,56`` stay as they are.

``join_letter_spaced_words`` (PDF text only) does the same for the words of a
letter-spaced label (``G e s a m t f o r d e r u n g`` → ``Gesamtforderung``): a run of at
least three single letters, each one space apart, with no other character touching it
(words of such a label stand two or more spaces apart). ``K G`` (two letters), ``a, b, c`` and a word
spaced with two spaces between its letters stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "UNICODE_SPACES",
    "attachment_text",
    "join_letter_spaced_numbers",
    "join_letter_spaced_words",
    "normalise_chars",
    "separate_glued_amounts",
    "split_glued_headings",
]

UNICODE_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_SPACE_RE = re.compile(f"[{UNICODE_SPACES}]")
_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u00ad]")
_LIGATURES = re.compile("[\ufb00-\ufb06]")


def normalise_chars(text: str) -> str:
    """Unicode spaces → U+0020, invisible characters removed, ligatures decomposed (see module doc)."""
    text = _INVISIBLE.sub("", _SPACE_RE.sub(" ", text))  # not str.translate: a Python-level step per character
    return _LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


_PIECE = r"(?:[.,]?\d[.,]?|[.,])"
# pieces one or two spaces apart; the run must not touch another number within two
# spaces on either side (then it is only part of a letter-spaced run: left alone)
_SPACED_RUN = re.compile(rf"(?<![\d.,] )(?<![\d.,]  )(?<!\S){_PIECE}(?: {{1,2}}{_PIECE}){{2,}}(?!\S)(?! {{1,2}}[\d.,])")
_AMOUNT = re.compile(r"^\d{1,3}(?:[.,]\d{3})*[.,]\d{2}$|^\d+[.,]\d{2}$")
_DATE = re.compile(r"^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$")


def _join_run(m: re.Match[str]) -> str:
    joined = m.group(0).replace(" ", "")
    if _AMOUNT.match(joined) or _DATE.match(joined):
        return joined
    return m.group(0)


def join_letter_spaced_numbers(text: str) -> str:
    """Re-join letter-spaced amounts and dates (see module doc). Never raises."""
    return _SPACED_RUN.sub(_join_run, text)


#: three or more single letters one space apart, nothing but a space, a line end or a colon/bar touching the run
_SPACED_WORD = re.compile(r"(?<![^\s|])(?:[^\W\d_] ){2,}[^\W\d_](?=$|[\s:|])", re.MULTILINE)


def join_letter_spaced_words(text: str) -> str:
    """Re-join the words of a letter-spaced label (see module doc). Never raises."""
    return _SPACED_WORD.sub(lambda m: m.group(0).replace(" ", ""), text)


#: A money figure with two decimals and a currency right beside it, as a PDF's text layer writes it: "7.412,30 EUR",
#: "€ 1.172,40", "CHF 1'234.50", "1 344,10 kr".
_CUR = r"(?:€|£|EUR|CHF|GBP|SEK|DKK|NOK|PLN|CZK|zł|Kč|kr\.?|Fr\.)"
_MONEY = r"\d{1,3}(?:[.,' ]\d{3})*[.,]\d{2}(?![\d.,])"
#: a word running on after the currency is a capitalised word ("EURVertragszinsen"; "EURO" is no such run)
_NEXT_WORD = r"(?:(?![^\W\d_])|(?=[A-ZÄÖÜ][a-zäöüß]))"
_GLUED_BEFORE = re.compile(rf"(?<=[^\W\d_])(?={_MONEY} ?{_CUR}{_NEXT_WORD})")
_GLUED_AFTER = re.compile(rf"(?:{_CUR} ?{_MONEY}|{_MONEY} ?{_CUR})(?=[A-ZÄÖÜ][a-zäöüß])|{_CUR} ?{_MONEY}(?=[^\W\d_])")


def separate_glued_amounts(text: str) -> str:
    """A PDF's text layer with its columns run together (``Restschuld gesamt8.122,64 EUR``, ``Wettelijke rente€
    22,70Incassokosten``): a space between a word and the money figure glued to it, so the figure is a whole token.
    Only a figure with two decimals and a currency right beside it (a reference ``DKB-RK-5501827`` or a date
    ``09.09.1973Stand`` stays as it is). Never raises."""
    text = _GLUED_BEFORE.sub(" ", text)
    return _GLUED_AFTER.sub(lambda m: m.group(0) + " ", text)


def attachment_text(text: str) -> str:
    """An attachment's text read like the body, whatever reader produced it: ``normalise_chars``, then a PDF's
    letter-spaced figures and labels re-joined (``join_letter_spaced_numbers``, ``join_letter_spaced_words``:
    ``G e s a m t f o r d e r u n g   5 4 1 , 8 0 EUR`` → ``Gesamtforderung   541,80 EUR``), then a figure glued to
    a word set apart (``separate_glued_amounts``) and run-together column headings put beside their figures
    (``split_glued_headings``). Idempotent: the attachment reader's own output
    (``attachments.normalise_layout``) comes through unchanged. Never raises."""
    text = join_letter_spaced_words(join_letter_spaced_numbers(normalise_chars(text)))
    return split_glued_headings(separate_glued_amounts(text))


#: A heading line that is three or more capitalised words of three letters or more run together
#: ("KapitalZinsenKostenGesamt"; not a name such as "McDonald").
_GLUED_HEADING = re.compile(r"^\s*((?:[A-ZÄÖÜÀ-ÖØ-Þ][a-zäöüßà-öø-ÿ]{2,}){3,8})\s*$")
_HEADING_WORD = re.compile(r"[A-ZÄÖÜÀ-ÖØ-Þ][a-zäöüßà-öø-ÿ]{2,}")
#: A row of money figures only, each with two decimals and no space inside ("2.640,00 188,20 211,80 3.040,00").
_FIGURE_ROW = re.compile(r"^\s*(?:\d{1,3}(?:[.,'’]\d{3})*[.,]\d{2}\s*){2,8}$")
_ROW_FIGURE = re.compile(r"\d{1,3}(?:[.,'’]\d{3})*[.,]\d{2}")


def split_glued_headings(text: str) -> str:
    """A PDF's table whose column headings came out run together above a row of figures
    (``KapitalZinsenKostenGesamt`` / ``2.640,00 188,20 211,80 3.040,00``): one ``Heading: figure`` line per
    column, when the headings' capitalised words (three or more, each of three letters or more) are exactly as
    many as the row's figures (each with two decimals, no space inside: ``1 234,56`` is no such row). Any other
    line stays. Never raises."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        heading = _GLUED_HEADING.match(lines[i])
        row = lines[i + 1] if i + 1 < len(lines) else ""
        if heading and _FIGURE_ROW.match(row):
            words, figures = _HEADING_WORD.findall(heading.group(1)), _ROW_FIGURE.findall(row)
            if len(words) == len(figures):
                out.extend(f"{w}: {f}" for w, f in zip(words, figures, strict=True))
                i += 2
                continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
