"""``reply_wording.labelled_figures`` reads each figure within a bounded window
(``SENTENCE_WINDOW``): its sentence start, sentence end and line are searched at most that far
from the figure, and its line, sentence and clause are offsets into the one normalised text.

Before, every figure's sentence start was searched from the text's start and its sentence copied
out, so a long table or PDF text with no full stop cost figures × length in time and memory (a
90,000-row table held 12 GB). The plain forms below are those readings as they were; they must
give the same result on every labelled and tuning text (and on the texts of a suite run together,
so figures stand far from their text's start), wherever a sentence break lies within the window.
"""

from __future__ import annotations

import re
import tracemalloc
from decimal import Decimal

import pytest

from creditctl.pipeline import reply_wording as RW
from tests.case_texts import ALL_SUITES, case_texts


def _plain_sentence_start(norm: str, pos: int) -> int:
    start = 0
    for m in re.finditer(r"[!?;]\s|\n\s*\n|(?<=[^\W\d_]{2})\.\s(?![ \t]*[a-zß-öø-ÿ])", norm[:pos]):
        word = re.search(r"[^\W\d_]+$", norm[: m.start() + 1].rstrip(". \n"))
        if m.group(0).startswith(".") and word and word.group(0).lower() in RW._ABBREVIATIONS:
            continue
        start = m.end()
    return start


def _plain_readings(norm: str, start: int, end: int) -> tuple[int, str, str, str]:
    """(sentence start, line, sentence, clause) of the figure at ``norm[start:end]`` as read before."""
    line_start = norm.rfind("\n", 0, start) + 1
    line_end = norm.find("\n", end)
    line_end = len(norm) if line_end < 0 else line_end
    s_start = _plain_sentence_start(norm, start)
    sent_end = re.search(r"[.!?;]\s|\n\s*\n|$", norm[end:])
    s_end = end + (sent_end.start() if sent_end else len(norm) - end)
    clause = re.split(r",\s", norm[s_start:start])[-1] + re.split(r",\s", norm[start:s_end])[0]
    return s_start, norm[line_start:line_end].strip(), norm[s_start:s_end], clause


def _run_together(texts: list[str], size: int = 12_000) -> list[str]:
    """The texts joined by blank lines into runs of about ``size`` characters."""
    runs, run = [], ""
    for text in texts:
        run = f"{run}\n\n{text}" if run else text
        if len(run) >= size:
            runs.append(run)
            run = ""
    return runs + ([run] if run else [])


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    texts = case_texts(ALL_SUITES)
    return texts + _run_together(texts)[::8]


def test_the_window_reaches_past_every_sentence_of_the_corpus(corpus: list[str]) -> None:
    longest = max(
        tok.start - _plain_sentence_start(n, tok.start)
        for t in corpus
        if len(t) < 4_000
        for n in [RW.normalise_text(t)]
        for tok in RW.money_tokens(n)
    )
    assert longest < RW.SENTENCE_WINDOW


def test_every_figure_reads_as_before(corpus: list[str]) -> None:
    assert any(len(t) > 2 * RW.SENTENCE_WINDOW for t in corpus)  # figures far from their text's start
    compared = 0
    for text in corpus:
        norm = RW.normalise_text(text)
        figures = RW.labelled_figures(text)
        tokens = [t for t in RW.money_tokens(norm) if t.value is not None]
        assert len(figures) == len(tokens)
        for tok, figure in zip(tokens, figures, strict=True):
            s_start, line, sentence, clause = _plain_readings(norm, tok.start, tok.end)
            assert RW._sentence_start(norm, tok.start) == s_start, (text[:80], tok.start)
            assert (figure.value, figure.line, figure.sentence, figure.clause) == (
                abs(tok.value or Decimal(0)),
                line,
                sentence,
                clause,
            ), (text[:80], tok.start)
            compared += 1
    assert compared > 10_000


def test_the_sentence_span_reads_as_before(corpus: list[str]) -> None:
    """At the words of a case's texts (the phrases ``sentence_span`` is asked about start at words)."""
    for text in corpus[::9]:
        norm = RW.normalise_text(text)
        for m in list(re.finditer(r"\b\w{4,}", norm))[:: 1 + len(norm) // 2_000]:
            begin, stop = RW.sentence_span(norm, m.start(), m.end())
            plain_stop = re.search(r"[.!?;]\s|\n\s*\n|$", norm[m.end() :])
            assert stop == m.end() + (plain_stop.start() if plain_stop else 0)
            assert RW._sentence_start(norm, m.start()) == _plain_sentence_start(norm, m.start())


def _break_free(chars: int) -> str:
    """A table of rows with a figure each and no sentence break: no full stop, no blank line."""
    rows, size, i = [], 0, 0
    while size < chars:
        rows.append(
            f"Position {i} Lieferung Artikel {i * 7} Filiale Nord Lager {i % 13} Abholung durch Spedition Müller "
            f"laut Lieferschein Kommission Ost Rate {i % 97},{i % 100:02d} EUR offen\n"
        )
        size += len(rows[-1])
        i += 1
    return "".join(rows)


def test_a_break_free_text_of_2_mb_reads_in_bounded_work_and_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Per figure, the sentence start is searched at most the window back, and the figures hold no copy
    of the text each: peak memory stays a small multiple of the text, not figures × length."""
    text = _break_free(2_000_000)
    searched: list[int] = []
    plain = RW._sentence_start

    def counted(norm: str, pos: int) -> int:
        start = plain(norm, pos)
        searched.append(pos - start)
        assert pos - start <= RW.SENTENCE_WINDOW, "a sentence start searched past the window"
        return start

    monkeypatch.setattr(RW, "_sentence_start", counted)
    RW._labelled_figures.cache_clear()
    tracemalloc.start()
    try:
        figures = RW.labelled_figures(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        RW._labelled_figures.cache_clear()
    assert len(figures) > 10_000
    assert max(searched) == RW.SENTENCE_WINDOW  # a window, no sentence break found in it
    assert peak < 40 * len(text), peak  # before: each figure's sentence copied the text (gigabytes)
    assert all(len(f.sentence) <= 2 * RW.SENTENCE_WINDOW + 20 for f in figures[:: len(figures) // 50])
    assert figures[-1].line == text.splitlines()[-1]


def test_a_sentence_break_within_the_window_still_starts_the_sentence() -> None:
    table = _break_free(3 * RW.SENTENCE_WINDOW)
    text = table + "Die Restforderung beträgt 1.234,56 EUR.\n\nWir bestätigen die monatliche Rate von 40,00 EUR.\n"
    figures = RW.labelled_figures(text)
    assert figures[-2].sentence.endswith("Die Restforderung beträgt 1.234,56 EUR")
    assert figures[-1].sentence.strip() == "Wir bestätigen die monatliche Rate von 40,00 EUR"
    assert figures[-2].kind == "claim"
    assert RW.stated_instalments(text) == (Decimal("40.00"),)
