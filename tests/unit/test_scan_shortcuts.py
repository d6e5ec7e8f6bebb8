"""The reading's shortcuts give exactly the plain answer (docs/worker-performance.md, "Round 3").

- ``parties._finditer_at``: each client-cue pattern tried only where its cue matches
  finds what ``finditer`` over the whole text finds;
- ``RulesExtractor.extract_total``: the total-deciding fields equal ``extract``'s;
- ``cleaning.parse_parts``: the reply, quote, signature and language of ``parse_email``.

Over every labelled email, the shipped demo emails and hand-made edge cases.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from creditctl.pipeline.extraction import parties as P

ROOT = Path(__file__).resolve().parents[2]


def _cases() -> list[dict]:
    paths = sorted((ROOT / "tests" / "data" / "labelled").glob("*.json")) + sorted(
        (ROOT / "creditctl" / "data" / "sample_emails").glob("*.json")
    )
    return [json.loads(p.read_text(encoding="utf-8")) for p in paths]


def _texts() -> list[str]:
    out: list[str] = []
    for case in _cases():
        out += [case.get("body_text") or "", case.get("body_html") or "", case.get("subject") or ""]
    return [t for t in out if t]


CLIENT_EDGE_CASES = [
    "Ihre Mandantin Frau Anna Schmidt, Ihre Mandantin Frau Berta Klein",
    "Ihre Mandantin Ihre Mandantin Frau Anna Schmidt",  # overlapping cue positions
    "Schuldner: Schmidt, Anna\nSchuldnerin: Klein, Berta",
    "Sehr geehrte Frau Anna Schmidt, wir schreiben wegen Herrn Karl Meier",  # the look-behind cue
    "Dear Mrs Jane Doe, regarding your client Mr John Smith",
    "UTESTÅENDE SALDO FÖR Björn Lindqvist; saldo för Anna Berg",
    "in Sachen Mustermann gegen Herrn Otto Normal",
    "wir vertreten Frau Maria Muster und Herrn Max Muster",
]


def _match_spans(matches) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def _check_cues(text: str) -> None:
    for rx, rx_comma, cue in zip(P._CLIENT_RE, P._CLIENT_COMMA_RE, P._CLIENT_CUE_AT, strict=True):
        starts = [m.start() for m in cue.finditer(text)]
        for pattern in (rx, rx_comma):
            assert _match_spans(P._finditer_at(pattern, text, starts)) == _match_spans(pattern.finditer(text))


def test_client_cue_patterns_tried_at_cue_starts_find_what_a_full_scan_finds_in_every_labelled_email() -> None:
    texts = _texts()
    assert len(texts) > 300
    for text in texts:
        _check_cues(text)


@pytest.mark.parametrize("text", CLIENT_EDGE_CASES)
def test_client_cue_patterns_tried_at_cue_starts_match_a_full_scan_at_the_edges(text: str) -> None:
    _check_cues(text)
    assert any(rx.search(text) or rc.search(text) for rx, rc in zip(P._CLIENT_RE, P._CLIENT_COMMA_RE, strict=True))


def _inputs() -> list:
    from creditctl.services.reading import clean_values, extraction_input
    from creditctl.settings import Settings

    settings = Settings()
    out = []
    for case in _cases():
        row = {
            "subject": case.get("subject") or "",
            "from_email": case.get("from_email") or "",
            "from_name": case.get("from_name") or "",
            "body_text": case.get("body_text"),
            "body_html": case.get("body_html"),
            "headers": case.get("headers") or {},
            "attachments": case.get("attachments") or [],
        }
        out.append(extraction_input(row, clean_values(settings, row)))
    return out


def test_extract_total_reads_the_kind_amounts_and_currency_extract_reads() -> None:
    from creditctl.pipeline.extraction.rules import RulesExtractor

    rules = RulesExtractor()
    inputs = _inputs()
    assert len(inputs) > 100
    kinds = set()
    for email in inputs:
        full, total = rules.extract(email), rules.extract_total(email)
        kinds.add(full.reply_kind)
        assert (total.is_creditor_reply, total.reply_kind, total.amounts, total.currency) == (
            full.is_creditor_reply,
            full.reply_kind,
            full.amounts,
            full.currency,
        )
    assert len(kinds) > 3  # replies, settled claims, machine mail …


SEPARATOR_LINES = [
    "-----Original Message-----",
    "> -----Ursprüngliche Nachricht-----   ",
    "---------- Forwarded message ---------",
    "Original Message:",
    "*** Weitergeleitete Nachricht ***",
    "==== Original Message ====\t",
]


@pytest.mark.parametrize("line", SEPARATOR_LINES)
def test_a_separator_line_ends_in_a_character_the_cheap_test_lets_through(line: str) -> None:
    from creditctl.pipeline.cleaning_headers import SEPARATOR
    from creditctl.pipeline.cleaning_quotes import _SEPARATOR_ENDS

    assert SEPARATOR.match(line), line
    assert line.rstrip()[-1:] in _SEPARATOR_ENDS


def test_no_separator_line_of_the_labelled_emails_fails_the_cheap_test() -> None:
    from creditctl.pipeline.cleaning_headers import SEPARATOR
    from creditctl.pipeline.cleaning_quotes import _SEPARATOR_ENDS

    lines = [ln.strip() for text in _texts() for ln in text.split("\n")]
    matched = [ln for ln in lines if SEPARATOR.match(ln)]
    assert matched, "the labelled emails hold separator lines"
    assert [ln for ln in matched if ln.rstrip()[-1:] not in _SEPARATOR_ENDS] == []


# --- quote headers: only the candidate lines are tried (docs/worker-performance.md, "Round 4")

SUITES = ("labelled", "tuning", "tuning_d", "tuning_e", "tuning_f", "tuning_g")


def _all_bodies() -> list[str]:
    """Every body of the labelled and tuning suites and the demo emails (text, and the HTML
    as its tags-stripped text), plus the reply-parsing corpus when it is present."""
    import os
    import re

    out: list[str] = []
    paths = [p for s in SUITES for p in sorted((ROOT / "tests" / "data" / s).rglob("*.json"))]
    paths += sorted((ROOT / "creditctl" / "data" / "sample_emails").glob("*.json"))
    for path in paths:
        if path.name == "records.json":
            continue
        case = json.loads(path.read_text(encoding="utf-8"))
        out += [case.get("body_text") or "", re.sub(r"<[^>]+>", "\n", case.get("body_html") or "")]
    corpus = Path(os.environ.get("CREDITCTL_CORPUS", ROOT.parent / "shared" / "corpus")) / "reply-parsing"
    if corpus.is_dir():
        out += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.rglob("*")) if p.is_file()]
    return [t for t in out if t.strip()]


HEADER_EDGE_CASES = [
    "Hallo\n\nOriginal Message processed by david\n> alt",
    "Text\nAm 03.11.2026 um 09:14 schrieb Beratung   \n> zitiert",
    "Text\nOn Nov 26, 2013, John Doe wrote\n> quoted",
    "Text\n-----Original Message-----\nFrom: a@b.de\nSent: today",
    'Text\n"Name" <a@b.de>\n19.11.2026 10:12\nAn\n\nalt',
    "ORIGINAL MESSAGE PROCESSED BY DAVİD\n> x",
]


def test_quote_headers_found_on_candidate_lines_equal_a_scan_of_every_line() -> None:
    from creditctl.pipeline import cleaning_quotes as Q
    from creditctl.pipeline.cleaning_headers import label_roles

    def plain(lines: list[str]) -> list[Q._Header]:  # every line tried: the code before the shortcut
        roles = [label_roles(ln) if len(ln) <= Q._MAX_LINE else [] for ln in lines]
        return [h for h in (Q._header_at(lines, roles, i) for i in range(len(lines))) if h is not None]

    diffs, seen = [], 0
    for text in _all_bodies() + HEADER_EDGE_CASES:
        lines = [ln.strip() if len(ln) <= Q._MAX_LINE else "" for ln in Q.normalize_plain(text).split("\n")]
        roles = [label_roles(ln) if len(ln) <= Q._MAX_LINE else [] for ln in lines]
        fast = [h for h in (Q._header_at(lines, roles, i) for i in Q._header_lines(lines)) if h is not None]
        expected = plain(lines)
        seen += len(expected)
        if fast != expected:
            diffs.append(text[:80])
    assert diffs == []
    assert seen > 300  # the comparison saw headers (415 in the suites alone)


def test_parse_parts_gives_the_parts_and_language_of_parse_email_for_every_body() -> None:
    """The second readings clean with ``parse_parts``; it must read as ``parse_email`` does."""
    from creditctl.pipeline.cleaning import parse_email, parse_parts
    from creditctl.pipeline.safety import join_inline_html, normalise

    seen = 0
    for suite in SUITES:
        for path in sorted((ROOT / "tests" / "data" / suite).rglob("*.json")):
            if path.name == "records.json":
                continue
            case = json.loads(path.read_text(encoding="utf-8"))
            html, text = case.get("body_html"), case.get("body_text")
            headers, sender = case.get("headers") or {}, case.get("from_email") or ""
            renderings = [(html, text), (None, text), (html, None)]
            renderings += [(join_inline_html(html), None)] if html else [(None, normalise(text or ""))]
            for h, t in renderings:
                full = parse_email(h, t, headers, sender=sender)
                parts, language = parse_parts(h, t, headers, sender=sender)
                assert (parts.reply, parts.quoted, parts.signature, language) == (
                    full.reply,
                    full.quoted,
                    full.signature,
                    full.language,
                ), path.name
                seen += 1
    assert seen > 2000


GATED_CUE_PHRASES = [
    "UW CLIËNT Jan de Vries",
    "votre cliente Marie Dubois",
    "alla vostra assistita Anna Rossi",
    "su representada Ana García",
    "deres kunde Ole Hansen",
    "asiakkaanne Matti Virtanen",
    "WE REPRESENT Mr John Smith",
    "vi representerer Kari Nordmann",
    "nous représentons Mme Claire Petit",
    "by the name of Owen Price",
    "MIT DEM NAMEN Karl Hahn",
    "med navnet Mette Jensen",
    "UTESTÅENDE SALDO FÖR Björn Lindqvist",
    "Restbeløbet for Mette Jensen",
    "the balance to pay for Owen Price",
    "your e-mail regarding Chloe Bennett",
    "getting in touch about Chloe Bennett",
]


def _gated_cues() -> list[tuple[int, object]]:
    from creditctl.pipeline.scan import GatedAlternation

    return [(i, cue) for i, cue in enumerate(P._CLIENT_CUE_AT) if isinstance(cue, GatedAlternation)]


def test_the_gated_cues_declare_literals_every_match_holds_and_find_what_the_plain_cue_finds() -> None:
    import re

    from creditctl.pipeline.scan import fold

    gated = _gated_cues()
    assert len(gated) >= 3
    texts = _texts() + GATED_CUE_PHRASES + [t.upper() for t in GATED_CUE_PHRASES]
    found = 0
    for idx, cue in gated:
        consumed = re.compile(P._CLIENT_CUES[idx])
        for text in texts:
            starts = [m.start() for m in cue.finditer(text)]
            assert starts == [m.start() for m in cue.plain.finditer(text)], (idx, text[:80])
            for pos in starts:
                got = fold(consumed.match(text, pos).group(0))
                for group in P._CLIENT_CUE_NEEDS[idx]:
                    assert any(lit in got for lit in group), (idx, got)
            found += len(starts)
    assert found >= len(GATED_CUE_PHRASES)


@pytest.mark.parametrize("text", GATED_CUE_PHRASES)
def test_each_gated_cue_phrase_is_read_as_a_client(text: str) -> None:
    assert P._cue_hits(text), text
