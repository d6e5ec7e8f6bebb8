"""Benchmark of email cleaning (run by hand: ``python bench/cleaning.py``).

Prints milliseconds per email for ``parse_email`` over the whole reply-parsing
corpus (mean, p95, max) and for a synthetic ~30 KB Outlook-style HTML email,
each beside a baseline measured in the same run (plain ``inscriptis.get_text`` on
the same HTML, or ``mailparser_reply`` on the same text) as a ratio.
Target: a typical 30 KB HTML email cleans in < 20 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from inscriptis import get_text  # noqa: E402
from mailparser_reply import EmailReplyParser  # noqa: E402

from creditctl.pipeline.cleaning import parse_email  # noqa: E402
from creditctl.pipeline.mime import parse_mime  # noqa: E402

CORPUS = Path(os.environ.get("CREDITCTL_CORPUS", REPO.parent / "shared" / "corpus")) / "reply-parsing"
_LIB = EmailReplyParser(languages=["de", "en"])


def synthetic_html(target_bytes: int = 30_000) -> str:
    """An Outlook-desktop-like HTML reply with a claim table, footer and a long quote."""
    head = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta charset='utf-8'>"
        "<style>p.MsoNormal{margin:0cm;font-size:11.0pt;font-family:Calibri}"
        " table.MsoTable{border-collapse:collapse}</style>"
        "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings><o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->"
        "</head><body lang=DE><div class=WordSection1>"
        "<div style='display:none'>Vorschau: Forderungsaufstellung</div>"
        "<p class=MsoNormal>Sehr geehrte Damen und Herren,<o:p></o:p></p>"
        "<p class=MsoNormal>anbei die aktuelle Forderungsaufstellung zu Az. 2024-0815:<o:p></o:p></p>"
        "<table class=MsoTable border=1 cellpadding=0>"
    )
    rows = "".join(
        f"<tr><td style='padding:0 5.4pt'><p class=MsoNormal>Position {i} Zinsen vom 0{i % 9 + 1}.03.2024</p></td>"
        f"<td style='padding:0 5.4pt'><p class=MsoNormal align=right>{i},{i % 100:02d}&nbsp;€</p></td></tr>"
        for i in range(1, 40)
    )
    reply_end = (
        "</table><p class=MsoNormal>Mit freundlichen Grüßen<br>Lena Muster<br>Forderungsmanagement</p>"
        "<p class=MsoNormal style='font-size:8pt'>Beispiel Inkasso GmbH · Geschäftsführer: Max Muster · "
        "Amtsgericht Musterstadt HRB 00000</p>"
        "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
        "<p class=MsoNormal><b>Von:</b> Schuldnerberatung &lt;beratung@example.org&gt;<br>"
        "<b>Gesendet:</b> Montag, 4. März 2024 09:03<br><b>An:</b> inkasso@example.net<br>"
        "<b>Betreff:</b> Anfrage Forderung</p></div>"
    )
    html = head + rows + reply_end
    para = (
        "<p class=MsoNormal>Sehr geehrte Damen und Herren, wir vertreten Frau Beispiel in einem "
        "Verbraucherinsolvenzverfahren und bitten um eine aktuelle Forderungsaufstellung.<o:p></o:p></p>"
    )
    while len(html.encode()) < target_bytes - 40:
        html += para
    return html + "</div></body></html>"


def _forget_cached_splits() -> None:
    """Empty the cleaner's per-process caches of recent bodies, so every timed call cleans
    from scratch (the worker re-reads a body only within one email)."""
    from creditctl.pipeline import cleaning

    for cached in (getattr(cleaning, "_parts_from_html", None), getattr(cleaning, "_split_text", None)):
        if hasattr(cached, "cache_clear"):
            cached.cache_clear()


def _time(fn, arg, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        _forget_cached_splits()
        started = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - started)
    return best * 1000


def _corpus_inputs() -> list[tuple[str, str | None, str | None]]:
    items = []
    for path in sorted(CORPUS.rglob("*")):
        if not path.is_file() or path.name in ("MANIFEST.md", "expectations.json") or "LICENSE" in path.name:
            continue
        raw = path.read_bytes()
        if path.suffix == ".eml":
            mail = parse_mime(raw)
            items.append((str(path), mail.html_body, mail.text_body))
        elif path.suffix == ".html":
            items.append((str(path), raw.decode("utf-8", "replace"), None))
        else:
            items.append((str(path), None, raw.decode("utf-8", "replace")))
    return items


def _stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return f"mean {statistics.fmean(values):7.2f}  p95 {p95:7.2f}  max {values[-1]:8.2f}"


def _baseline(item: tuple[str | None, str | None]) -> object:
    """The libraries' answer for one email: inscriptis for HTML, mail-parser-reply for plain text."""
    html, text = item
    return get_text(html) if html else _LIB.parse_reply(text or "")


def main() -> None:
    parse_email(None, "Warm-up: Sehr geehrte Damen und Herren, die Forderung beträgt 1,00 €.")  # langdetect profiles
    if CORPUS.is_dir():
        ours, base = [], []
        for _, html, text in _corpus_inputs():
            ours.append(_time(lambda _, h=html, t=text: parse_email(h, t), None, repeat=3))
            base.append(
                _time(lambda _, h=html, t=text: get_text(h) if h else _LIB.parse_reply(t or ""), None, repeat=3)
            )
        print(f"corpus ({len(ours)} emails), ms per email")
        print(f"  parse_email               {_stats(ours)}")
        print(f"  baseline (inscriptis/lib) {_stats(base)}")
        ratio_of_means = statistics.fmean(ours) / statistics.fmean(base)
        print(f"  ratio of means            {ratio_of_means:7.2f}x")
        print(f"  target: mean <= 2x the baseline: {'met' if ratio_of_means <= 2 else 'MISSED'}")
    else:
        print(f"corpus not found at {CORPUS}")
    html = synthetic_html()
    ours_ms = _time(lambda h: parse_email(h, None), html, repeat=20)
    base_ms = _time(get_text, html, repeat=20)
    print(f"synthetic HTML email ({len(html.encode()) / 1024:.1f} KB), best of 20")
    print(f"  parse_email          {ours_ms:7.2f} ms   (target < 20 ms: {'met' if ours_ms < 20 else 'MISSED'})")
    print(f"  inscriptis.get_text  {base_ms:7.2f} ms")
    print(f"  ratio                {ours_ms / base_ms:7.2f}x")


if __name__ == "__main__":
    main()
