"""The quote-header tests memoised per line (``cleaning_quotes._line_marks``, ``_unquoted``;
docs/worker-performance.md, "Round 11") against the code before: the candidate lines of a text
from one ``VERB_LINE_END`` scan of the joined text, the roles from ``label_roles`` — over every
labelled and tuning text (and their lines), every reply-parsing corpus body and edge cases built
to differ between a line alone and the line inside its text."""

from __future__ import annotations

from bisect import bisect_right

from creditctl.pipeline import cleaning_quotes as Q
from creditctl.pipeline.cleaning_headers import VERB_LINE_END, label_roles
from creditctl.pipeline.scan import fold
from tests.case_texts import ALL_SUITES, case_texts, with_lines
from tests.unit.test_scan_shortcuts import HEADER_EDGE_CASES, _all_bodies

EDGE = [
    *HEADER_EDGE_CASES,
    # a verb at the end of one line, a word character opening the next
    "Am 3.11.2026 um 09:14 schrieb\nBeratung <a@b.de>:\n> alt",
    # a verb preceded by a word character at the start of a line (no match in either form)
    "x\nschrieb\nAbschrieb\nwrote  \n\tWROTE\t\nſchrieb\n",
    # spaces and tabs after the verb, a carriage return, an empty last line
    "On Mon, 3 Nov 2026 at 10:12, Anna <a@b.de> wrote \t\nrest\r\nwrote\n",
    # Tobit's banner over two lines (no line names it whole), and in capitals with a dotted I
    "Original Message processed by da\nvid\n> x",
    "DAVİD\nDavid\n",
    # the Greek, Cyrillic and French verbs of the table at a line's end
    "Στις 3/11/2026 10:12, ο Anna έγραψε:\n> x\n3 ноября 2026 г., в 10:12, Anna написал:\n> y",
    "Le 3 nov. 2026 à 10:12, Anna <a@b.fr> a écrit :\n> z",
    # a line too long for the header tests, one at the limit, labels fused on one line
    "From: " + "x" * 400 + "\nFrom: a@b.de Sent: today To: c@d.de Subject: y\n" + "Von: " + "y" * (Q._MAX_LINE - 5),
    "",
    "\n\n\n",
]


def _plain_header_lines(lines: list[str], roles: list[list[str]]) -> list[int]:
    """``_header_lines`` before round 11: the verb ends found by one scan of the joined text."""
    out = {
        i
        for i, ln in enumerate(lines)
        if ln and len(ln) <= Q._MAX_LINE and (roles[i] or "@" in ln or ln.rstrip()[-1:] in Q._SEPARATOR_ENDS)
    }
    joined = "\n".join(lines)
    if "david" in fold(joined):
        out.update(i for i, ln in enumerate(lines) if "david" in fold(ln))
    ends = [m.start() for m in VERB_LINE_END.finditer(joined)]
    if ends:
        starts = [0]
        for ln in lines[:-1]:
            starts.append(starts[-1] + len(ln) + 1)
        out.update(bisect_right(starts, pos) - 1 for pos in ends)
    return sorted(out)


def _plain_header_at(lines: list[str], roles: list[list[str]], i: int) -> Q._Header | None:
    """``_header_at`` before round 11: the one-line tests and the Lotus sender test on each call."""
    line = lines[i]
    if not line or len(line) > Q._MAX_LINE:
        return None
    if (line.rstrip()[-1:] in Q._SEPARATOR_ENDS and Q.SEPARATOR.match(line)) or Q.VENDOR_SEPARATOR.match(line):
        return Q._Header(i, i + 1)
    if "@" in line and Q._ADDRESS_COLON.match(Q._UNQUOTE.sub("", line)):
        return Q._Header(i, i + 1)
    return Q._field_block(lines, roles, i) or Q._attribution(lines, i) or _plain_lotus_block(lines, i)


def _plain_lotus_block(lines: list[str], i: int) -> Q._Header | None:
    if "@" not in lines[i] or not Q._LOTUS_SENDER.match(lines[i]):
        return None
    below = [k for k in range(i + 1, min(len(lines), i + 6)) if lines[k].strip()][:2]
    if len(below) == 2 and Q._LOTUS_DATE.match(lines[below[0]]) and Q._LOTUS_FIELD.match(lines[below[1]]):
        return Q._Header(i, below[1] + 1)
    return None


def _plain_roles(lines: list[str]) -> list[list[str]]:
    return [label_roles(ln) if ":" in ln and len(ln) <= Q._MAX_LINE else [] for ln in lines]


def _line_lists() -> list[list[str]]:
    """Each text's lines as ``split_text`` gives ``find_headers`` (stripped, long ones blank)
    and as written (``internal_forward``'s quote lines keep their indentation until stripped)."""
    texts = with_lines(case_texts(ALL_SUITES)) + _all_bodies() + EDGE
    out = []
    for text in texts:
        raw = Q.normalize_plain(text).split("\n")
        out.append([ln.strip() if len(ln) <= Q._MAX_LINE else "" for ln in raw])
        out.append(raw)
    return out


def test_candidate_lines_and_roles_equal_the_joined_scan() -> None:
    diffs, candidates = [], 0
    for lines in _line_lists():
        roles = _plain_roles(lines)
        expected = _plain_header_lines(lines, roles)
        candidates += len(expected)
        if Q._header_lines(lines) != expected or [list(Q._line_marks(ln).roles) for ln in lines] != roles:
            diffs.append(lines[:3])
    assert diffs == []
    assert candidates > 10_000  # the comparison saw candidate lines


def test_find_headers_is_the_same_cold_and_warm_and_with_the_plain_tests() -> None:
    """The headers of every text with the memo emptied, then warm (each line seen before); the
    headers ``_header_at`` finds on the memoised roles and candidate lines equal those on the
    plain ones."""
    lists = _line_lists()
    Q._line_marks.cache_clear()
    Q._unquoted.cache_clear()
    cold = [Q.find_headers(lines) for lines in lists]
    assert [Q.find_headers(lines) for lines in lists] == cold
    found = 0
    for lines in lists:
        plain_roles = _plain_roles(lines)
        expected = [
            h for h in (_plain_header_at(lines, plain_roles, i) for i in _plain_header_lines(lines, plain_roles)) if h
        ]
        roles = [Q._line_marks(ln).roles for ln in lines]
        assert [h for h in (Q._header_at(lines, roles, i) for i in Q._header_lines(lines)) if h] == expected
        found += len(expected)
    assert found > 300


def test_a_verb_inside_a_line_or_glued_to_a_word_is_no_candidate() -> None:
    """Near-misses: the verb not at the line's end, or glued to a word before it."""
    for line in ("Anna schrieb uns gestern", "Abschrieb", "rewrote", "she wrote a letter", "написала письмо"):
        assert Q._line_marks(line).candidate is ("@" in line)
    for line in ("Anna wrote", "Anna schrieb \t", "Anna a écrit", "Anna написал"):
        assert Q._line_marks(line).candidate is True


def test_every_line_alone_reads_as_the_plain_tests() -> None:
    """Each line's one-line header test and Lotus sender test, memoised, against the patterns."""
    lines = with_lines(case_texts(ALL_SUITES)) + [ln for t in _all_bodies() + EDGE for ln in t.split("\n")]
    alone = lotus = 0
    for line in lines + [ln.strip() for ln in lines]:
        marks = Q._line_marks(line)
        expected_alone = (
            bool(line)
            and len(line) <= Q._MAX_LINE
            and bool(
                (line.rstrip()[-1:] in Q._SEPARATOR_ENDS and Q.SEPARATOR.match(line))
                or Q.VENDOR_SEPARATOR.match(line)
                or ("@" in line and Q._ADDRESS_COLON.match(Q._UNQUOTE.sub("", line)))
            )
        )
        assert marks.alone is expected_alone, line
        assert marks.lotus_sender is bool("@" in line and Q._LOTUS_SENDER.match(line)), line
        alone += marks.alone
        lotus += marks.lotus_sender
    assert alone > 50 and lotus > 0  # the comparison saw both kinds


def test_unquoted_is_the_pattern_sub() -> None:
    for line in with_lines(case_texts(ALL_SUITES))[:5000] + ["> > x", ">", "  >\t> y", ""]:
        assert Q._unquoted(line) == Q._UNQUOTE.sub("", line)


def test_malformed_total_figure_per_line_equals_the_plain_loop() -> None:
    """``amounts.malformed_total_figure`` with each line's answer memoised, against the loop
    before round 11, over every text and line; near-misses and a malformed figure included."""
    from creditctl.pipeline.extraction import amounts as A

    def plain(text: str) -> tuple[str, str] | None:
        for line in (text or "").splitlines():
            for label_re in (A._STRONG_TOTAL_RE, A._WEAK_TOTAL_RE):
                for m in label_re.finditer(line):
                    found = A._malformed_after(line, m.start(), m.end())
                    if found is not None:
                        return found
        return None

    extra = [
        "Gesamtforderung: 1.2100,00 EUR",
        "Total amount due: £1,21,000.00\nGesamtforderung: 1.210,00 EUR",
        "Montant total : 12.34.56,00 €",
        "Gesamtforderung: 1.210,00 EUR",  # well-formed: no warning
        "Gesamtforderung vom 12.03.2026",  # a date
        "Text " * 100 + "Gesamtforderung: 1.2100,00 EUR",  # a line past the memo's bound
    ]
    seen = 0
    for text in with_lines(case_texts(ALL_SUITES)) + extra:
        expected = plain(text)
        assert A.malformed_total_figure(text) == expected, text[:80]
        seen += expected is not None
    assert seen >= 3


def test_dated_lines_per_line_equal_the_plain_loop() -> None:
    """``safety_thread._dated_lines`` with each line's moment memoised, against the loop before."""
    from creditctl.pipeline import safety_thread as T

    def plain(lines: list[str]) -> list[tuple[str, tuple[int, int, int, int, int]]]:
        out = []
        for line in lines:
            if T._DATE_FIELD.match(line) or not (
                T._dated_header(line) or T._WROTE.search(line) and T._CLOCK.search(line)
            ):
                continue
            moment = T._header_moment(line)
            if moment is not None:
                out.append((line, moment))
        return out

    dated = 0
    for text in case_texts(ALL_SUITES) + _all_bodies() + EDGE:
        lines = [ln.strip() for ln in text.split("\n")]
        expected = plain(lines)
        assert T._dated_lines(lines) == expected
        dated += len(expected)
    assert dated > 100


def test_name_order_lookups_cached_per_text_equal_the_plain_scans() -> None:
    """``parties._written_as`` and ``_after_title`` read from per-text run tables (round 11)
    against the scans before, over every labelled and tuning text with the names they hold:
    each pair of neighbouring words, turned, each word alone with its neighbour as
    ``not_before``, and names written with other spellings (ß/ss, umlauts, capitals)."""
    import re

    from creditctl.pipeline.extraction import parties as P
    from creditctl.pipeline.names import normalize_person_name as fold_name

    def written_as(name: str, text: str) -> str | None:
        if not text:
            return None
        key = fold_name(name)
        for m in re.finditer(r"(?<![\w'’-])(?=" + P._run_of_words(len(name.split())) + ")", text):
            if fold_name(m.group(1)) == key:
                return m.group(1)
        return None

    def after_title(words: str, text: str, not_before: str = "") -> str | None:
        key = fold_name(words)
        for m in re.finditer(P._TITLED + P._run_of_words(len(words.split())), text):
            if fold_name(m.group(1)) != key:
                continue
            rest = text[m.end(1) :].lstrip(" ")
            if not (not_before and fold_name(rest[: len(not_before)]) == fold_name(not_before)):
                return m.group(1)
        return None

    long = "Sehr geehrte Frau Weiß,\n" + "die Akte liegt vor. " * 1200 + "Herr Jürgen Weiss, Frau Sophie Brandtner"
    texts = (
        [long]
        + case_texts(ALL_SUITES)[::40]
        + ["Sehr geehrte Frau Weiß, Herr Jürgen Weiss schrieb an Frau Sophie Brandtner."]
    )
    found = 0
    for text in texts:
        words = re.findall(r"[^\W\d_][\w'’-]*", text)[:60]
        names = {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}
        names |= {f"{b} {a}" for a, b in zip(words, words[1:], strict=False)} | {
            "Juergen Weiss",
            "Weiss Jürgen",
            "SOPHIE BRANDTNER",
        }
        for name in sorted(names):
            expected = written_as(name, text)
            assert P._written_as(name, text) == expected, (name, text[:60])
            assert P._after_title(name, text) == after_title(name, text)
            found += expected is not None
        for a, b in zip(words, words[1:], strict=False):
            assert P._after_title(a, text, not_before=b) == after_title(a, text, not_before=b)
    assert found > 100
