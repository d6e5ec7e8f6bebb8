"""``scan.word_starts`` / ``scan.has_word`` (a whole word found with ``str.find``) give exactly
the matches of the pattern they replace, ``(?<![\\w…])word(?![\\w…])`` built per word
(docs/worker-performance.md, "Round 17"); and ``parties._signed_as_part`` reads a signature
line as its two patterns built per name did."""

from __future__ import annotations

import re
import sys

import pytest

from creditctl.pipeline import scan
from creditctl.pipeline.extraction import parties
from tests.case_texts import ALL_SUITES, case_texts


def plain_starts(word: str, text: str, before: str = "", after: str = "") -> list[int]:
    """The per-word pattern the helper replaces, written out as the readers wrote it."""
    b = r"(?<![\w" + re.escape(before) + "])"
    a = r"(?![\w" + re.escape(after) + "])"
    return [m.start() for m in re.finditer(b + re.escape(word) + a, text)]


def test_word_character_is_re_word_class_for_every_code_point() -> None:
    word = re.compile(r"\w")
    differ = [
        cp
        for cp in range(sys.maxunicode + 1)
        if bool(word.fullmatch(chr(cp))) != scan._is_word_char(chr(cp), "")  # noqa: SLF001 - the helper's own test
    ]
    assert differ == []


ADVERSARIAL = [
    ("Anna Berg", "Frau Anna Berg und Anna Bergmann, _Anna Berg, Anna Berg_ 1Anna Berg Anna Berg2 Anna Berg."),
    ("A A", "A A A A"),  # overlapping occurrences: non-overlapping, left to right, as finditer
    ("aa", "aaa aa aaaa aa"),
    ("Jürgen Groß", "Jürgen Großmann; Herr Jürgen Groß; éJürgen Groß; Jürgen Großé"),
    ("Olsen", "Kari Olsens påstand, Olsen's, Olsen’s, Olsen-Hansen, -Olsen, Olsen"),
    ("Köniz", "Gemeinde Köniz, Bern-Köniz, Köniz-Ost, Köniz"),
    ("李明", "客户李明先生 李明 李明，"),
    ("e\u0301", "cafe\u0301 e\u0301 \u0301e\u0301"),
    ("x", ""),
    ("", "ab cd"),
    ("", ""),
    ("Müller", "Müller"),
]


@pytest.mark.parametrize("before, after", [("", ""), ("-", "-"), ("", "'’"), ("'", "")])
@pytest.mark.parametrize("word, text", ADVERSARIAL)
def test_word_starts_as_the_per_word_pattern(word: str, text: str, before: str, after: str) -> None:
    assert scan.word_starts(word, text, before, after) == plain_starts(word, text, before, after)
    assert scan.has_word(word, text, before, after) == bool(plain_starts(word, text, before, after))


def test_overlapping_occurrences_are_taken_left_to_right() -> None:
    assert scan.word_starts("A A", "A A A A") == [0, 4]
    assert scan.word_starts("Olsen", "Olsen’s Olsen", after="'’") == [8]


def compare_over(texts: list[str]) -> tuple[int, int]:
    """(comparisons, texts that differ): in each text, its capitalised words (the first 12,
    sorted), pairs of them and a name it does not hold, found with each of three boundary sets
    (``\\w``; ``[\\w-]``; ``[\\w'’]`` after) as the per-word pattern finds them."""
    compared, differ = 0, 0
    for text in texts:
        words = sorted(set(re.findall(r"\b[A-ZÄÖÜÅÆØ][\w'’-]{1,20}", text)))[:12]
        pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)][:4]
        same = True
        for word in [*words, *pairs, "Zzyzx Qwerty"]:
            for before, after in (("", ""), ("-", "-"), ("", "'’")):
                same &= scan.word_starts(word, text, before, after) == plain_starts(word, text, before, after)
                compared += 1
        differ += not same
    return compared, differ


def test_word_starts_over_the_case_texts() -> None:
    """Over a fixed sample of the labelled and tuning texts (every 8th, as written and normalised);
    the full product: ``python -m tests.unit.test_word_starts``."""
    compared, differ = compare_over(case_texts(ALL_SUITES)[::8])
    assert compared > 1000
    assert differ == 0


def plain_signed_as_part(line: str, name: str, org_word: str) -> bool:
    """``_signed_as_part`` as it was: two patterns built per name."""
    if re.match(re.escape(name) + r"\s*(?:[–—|,]|-\s)", line):
        return True
    return bool(
        re.fullmatch(
            r"(?:Ihre?|Your|Uw|Votre|Il vostro|Su)\s+(?:" + re.escape(name) + "|" + re.escape(org_word) + ")", line
        )
    )


SIGNATURES = [
    ("Jobcenter Bochum – Team Forderungen", "Jobcenter Bochum", "Jobcenter"),
    ("Jobcenter Bochum - Team", "Jobcenter Bochum", "Jobcenter"),
    ("Jobcenter Bochum-Team", "Jobcenter Bochum", "Jobcenter"),
    ("Jobcenter Bochum, Team", "Jobcenter Bochum", "Jobcenter"),
    ("Jobcenter Bochum | Team", "Jobcenter Bochum", "Jobcenter"),
    ("Jobcenter Bochumer", "Jobcenter Bochum", "Jobcenter"),
    ("Ihre Familienkasse", "Familienkasse Nord", "Familienkasse"),
    ("Ihr  Familienkasse Nord", "Familienkasse Nord", "Familienkasse"),
    ("Ihre Familienkasse Nord ", "Familienkasse Nord", "Familienkasse"),
    ("Your Nordwest BKK", "Nordwest BKK", "BKK"),
    ("Il vostro BKK", "Nordwest BKK", "BKK"),
    ("IhreFamilienkasse", "Familienkasse Nord", "Familienkasse"),
    ("Ihre Ihre Familienkasse", "Familienkasse", "Familienkasse"),
    ("Ihre ", "", ""),
    ("Ihre", "", ""),
    ("Su Su", "Su", "Su"),
    ("", "", ""),
    ("Votre Trésor Public", "Trésor Public", "Trésor"),
]


@pytest.mark.parametrize("line, name, org_word", SIGNATURES)
def test_signed_as_part_as_the_per_name_patterns(line: str, name: str, org_word: str) -> None:
    assert parties._signed_as_part(line, name, org_word) == plain_signed_as_part(line, name, org_word)  # noqa: SLF001


if __name__ == "__main__":
    every = case_texts(ALL_SUITES)
    n, bad = compare_over(every)
    print(f"word_starts: {len(every)} texts, {n} comparisons, {bad} texts differ")
