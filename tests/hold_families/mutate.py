"""Insert one sentence into the creditor's own latest text of a labelled case.

Positions (``POSITIONS``): ``first`` (a paragraph of its own right after the greeting, or
first), ``after_amount`` (right after the sentence that states the amount), ``ps`` (a
"PS:" paragraph before the closing formula and signature), ``clause`` (a subordinate
clause appended to the amount's sentence; only for table entries that start with ", ").
Trap texts (``insert_trap``) go below the creditor's signature, between the reply and the
quoted history. For a case with ``body_text`` and ``body_html`` both renderings get the
same text at the same place. Every function returns a new case dict (the input is never
changed) or None when the position cannot be found in that case.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
from decimal import Decimal
from typing import Any

from creditctl.pipeline.safety import normalise, number_tokens

POSITIONS = ("first", "after_amount", "ps", "clause")

_CLOSING = re.compile(
    r"^[ \t]*(?:mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|freundliche grüsse|beste grüße|"
    r"viele grüße|hochachtungsvoll|mfg|kind regards|best regards|regards|yours (?:sincerely|faithfully)|sincerely|"
    r"many thanks|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|met hoogachting|cordialement|"
    r"bien (?:cordialement|à vous)|salutations|veuillez agréer|distinti saluti|cordiali saluti|un cordiale saluto|"
    r"saluti|atentamente|saludos|un saludo|atenciosamente|com os melhores cumprimentos|cumprimentos|"
    r"med vänlig(?:a)? hälsning(?:ar)?|vänliga hälsningar|hälsningar|venlig hilsen|med venlig hilsen|"
    r"med vennlig hilsen|vennlig hilsen|ystävällisin terveisin|terveisin|z poważaniem|pozdrawiamy)\b",
    re.IGNORECASE | re.MULTILINE,
)
_QUOTE_MARK = re.compile(
    r"^(?:>|-{3,} ?(?:original|ursprüngliche|oorspronkelijk|message d'origine|messaggio originale|mensaje original|"
    r"forwarded|weitergeleitete)|(?:am|on|op|le|il|el|den|den|på) .{0,120}(?:schrieb|wrote|schreef|a écrit|ha scritto|"
    r"escribió|skrev|kirjoitti)|(?:von|from|van|de|da|från|fra|lähettäjä) ?:)",
    re.IGNORECASE | re.MULTILINE,
)
_HTML_QUOTE = re.compile(
    r"<blockquote|class=\"?gmail_quote|id=\"?divRplyFwdMsg|-----\s?(?:Original|Ursprüngliche)|moz-cite-prefix|"
    r"OLK_SRC_BODY_SECTION|yahoo_quoted|id=\"?appendonsend|<hr\b|border-top:\s?solid|"
    r"<b>\s*(?:Von|From|Van|De|Da|Från|Fra|Lähettäjä|Od)\s?:",
    re.IGNORECASE,
)


def reply_end(text: str, quoted: str) -> int:
    """Where the creditor's own text ends in plain ``text``: at the first line of ``quoted``
    (the cleaner's quoted history), else at the first quote marker, else the end."""
    first = next((ln.strip() for ln in (quoted or "").splitlines() if ln.strip()), "")
    if first:
        probe = first.lstrip("> ").strip()[:60]
        at = text.find(probe) if probe else -1
        if at > 0:
            return text.rfind("\n", 0, at) + 1
    m = _QUOTE_MARK.search(text, 1)
    return m.start() if m else len(text)


def html_reply_end(html: str) -> int:
    """Where the creditor's own text ends in ``html``: at the first quote container, else
    before ``</body>``, else the end."""
    m = _HTML_QUOTE.search(html)
    if m:
        return html.rfind("<", 0, m.start() + 1) if html[m.start()] != "<" else m.start()
    end = html.lower().rfind("</body>")
    return end if end >= 0 else len(html)


def _amount_pattern(amount: Decimal, *, html: bool) -> re.Pattern[str]:
    """Every usual spelling of ``amount`` (grouping by . , space ' or none; decimal . or ,),
    with inline tags allowed between characters in HTML."""
    units, cents = f"{abs(amount):.2f}".split(".")
    groups = []
    while units:
        groups.insert(0, units[-3:])
        units = units[:-3]
    seps = r"(?:[.,' \u00a0\u202f\u2009\u2007\u2019]|&nbsp;|&#8239;|&thinsp;)?"
    gap = r"(?:<[^>]+>)*" if html else ""
    digits = (gap + seps + gap).join(gap.join(g) for g in groups)
    return re.compile(rf"(?<![\d.,]){digits}{gap}[.,]{gap}{cents[0]}{gap}{cents[1]}(?!\d)")


def amount_span(text: str, amount: Decimal, end: int, *, html: bool = False) -> tuple[int, int] | None:
    """The first occurrence of ``amount`` in ``text[:end]`` as (start, end), or None."""
    if not html and len(normalise(text)) == len(text):
        for tok in number_tokens(text[:end]):
            if tok.value is not None and abs(tok.value) == abs(amount):
                return tok.start, tok.end
    m = _amount_pattern(amount, html=html).search(text, 0, end)
    return (m.start(), m.end()) if m else None


def _sentence_end(text: str, pos: int, *, html: bool) -> tuple[int, bool]:
    """(index, has_period): the end of the sentence holding ``pos`` — the period that ends it
    (index of the period) or the line end / next tag (no period)."""
    # in HTML a block boundary ends it, not an inline tag inside the sentence (``<b>492</b>``)
    stop = re.compile(
        r"\.(?=\s|$|<)|\n|<(?:/p|br|/div|/td|/li|/tr|/h\d|/blockquote)\b" if html else r"\.(?=\s|$)|\n", re.I
    )
    for m in stop.finditer(text, pos):
        if m.group(0) == "." and _inside_sentence(text, pos, m.start()):
            continue
        return m.start(), m.group(0) == "."
    return len(text), False


#: Abbreviations whose period ends no sentence ("inkl. Mahngebühren", "ca. 300", "approx. 20").
_ABBREVIATION = re.compile(
    r"(?<!\w)(?:inkl|zzgl|ca|bzw|ggf|evtl|usw|vgl|nr|z\.b|u\.a|incl|approx|etc|no|resp|cf|env|ecc|aprox|ev|bl\.a)$",
    re.I,
)


def _inside_sentence(text: str, pos: int, period: int) -> bool:
    """Whether the period at ``period`` ends no sentence: it closes an abbreviation, or stands inside a
    parenthesis opened after ``pos`` (the amount's sentence goes on after it)."""
    between = text[pos:period]
    return bool(_ABBREVIATION.search(text[max(0, period - 6) : period])) or between.count("(") > between.count(")")


def _clause_end(text: str, pos: int, *, html: bool) -> int:
    """Where the clause holding the amount at ``pos`` ends: the next comma, semicolon or
    sentence end after the amount and its currency (a line end or, in HTML, a block boundary)."""
    stop = re.compile(
        r"[,;](?=\s)|\.(?=\s|$|<)|\n|<(?:/p|br|/div|/td|/li|/tr|/h\d|/blockquote)\b"
        if html
        else r"[,;](?=\s)|\.(?=\s|$)|\n",
        re.I,
    )
    for m in stop.finditer(text, pos):
        if html and text.rfind("<", 0, m.start()) > text.rfind(">", 0, m.start()) and m.group(0)[0] != "<":
            continue  # a comma inside a tag's attribute ("Calibri", sans-serif)
        return m.start()
    return len(text)


def _in_table(html: str, pos: int) -> bool:
    opened = html.lower().rfind("<table", 0, pos)
    return opened >= 0 and html.lower().rfind("</table", 0, pos) < opened


def _greeting_end(text: str, end: int) -> int:
    """Index after the greeting line (and its blank line) of plain ``text``, or 0."""
    m = re.match(r"\s*([^\n]{2,70}),[ \t]*\n(?:[ \t]*\n)?", text[:end])
    if m and not re.search(r"\d", m.group(1)):
        return m.end()
    return 0


def _text_insert(text: str, quoted: str, entry: str, position: str, amount: Decimal) -> str | None:
    end = reply_end(text, quoted)
    clause = entry.startswith(", ")
    if position == "first":
        at = _greeting_end(text, end)
        return f"{text[:at]}{entry}\n\n{text[at:]}"
    if position == "ps":
        m = _CLOSING.search(text, 0, end)
        if m:
            return f"{text[: m.start()]}PS: {entry}\n\n{text[m.start() :]}"
        head = text[:end].rstrip()
        return f"{head}\n\nPS: {entry}\n\n{text[end:].lstrip(chr(10))}"
    span = amount_span(text, amount, end)
    if span is None:
        return None
    if clause:  # the clause qualifies the amount: it ends the amount's own clause
        stop = _clause_end(text, span[1], html=False)
        return f"{text[:stop]}{entry}{text[stop:]}"
    stop, period = _sentence_end(text, span[1], html=False)
    if period:
        return f"{text[: stop + 1]} {entry}{text[stop + 1 :]}"
    return f"{text[:stop]}\n{entry}{text[stop:]}"


def _html_insert(html: str, entry: str, position: str, amount: Decimal) -> str | None:
    end = html_reply_end(html)
    safe = html_lib.escape(entry, quote=False)
    if position == "first":
        body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
        at = body.end() if body else 0
        return f"{html[:at]}<p>{safe}</p>{html[at:]}"
    if position == "ps":
        m = re.compile(_CLOSING.pattern.replace("^[ \\t]*", "(?<=>)\\s*"), re.IGNORECASE).search(html, 0, end)
        if m:
            at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            return f"{html[:at]}PS: {safe}<br><br>{html[at:]}"
        return f"{html[:end]}<p>PS: {safe}</p>{html[end:]}"
    span = amount_span(html, amount, end, html=True)
    if span is None:
        return None
    if entry.startswith(", "):
        stop = _clause_end(html, span[1], html=True)
        return f"{html[:stop]}{safe}{html[stop:]}"
    if _in_table(html, span[1]):
        close = html.lower().find("</table>", span[1])
        at = close + len("</table>")
        return f"{html[:at]}<p>{safe}</p>{html[at:]}"
    stop, period = _sentence_end(html, span[1], html=True)
    if period:
        return f"{html[: stop + 1]} {safe}{html[stop + 1 :]}"
    return f"{html[:stop]}<br>{safe}{html[stop:]}"


def insert_sentence(
    case: dict[str, Any], quoted: str, entry: str, position: str, amount: Decimal
) -> dict[str, Any] | None:
    """``case`` with ``entry`` (a sentence, or a clause starting with ", ") inserted at
    ``position`` of the creditor's own text in every rendering; None when a rendering has
    no such place (the amount is not in the body, or a clause for a sentence position)."""
    if (position == "clause") != entry.startswith(", "):
        return None
    mutant = copy.deepcopy(case)
    if case.get("body_text"):
        new_text = _text_insert(case["body_text"], quoted, entry, position, amount)
        if new_text is None:
            return None
        mutant["body_text"] = new_text
    if case.get("body_html"):
        new_html = _html_insert(case["body_html"], entry, position, amount)
        if new_html is None:
            return None
        mutant["body_html"] = new_html
    return mutant


def amount_style(case: dict[str, Any], amount: Decimal) -> tuple[str, str, str]:
    """(decimal separator, group separator, currency as written) of ``amount`` in the case's
    body; defaults ``,`` ``.`` ``EUR``."""
    text = case.get("body_text") or html_lib.unescape(re.sub(r"<[^>]+>", "", case.get("body_html") or ""))
    span = amount_span(text, amount, len(text))
    if span is None:
        return ",", ".", "EUR"
    written = text[span[0] : span[1]]
    dec = written[-3] if len(written) >= 3 and written[-3] in ".," else ","
    group_m = re.search(r"\d([.,' \u00a0\u202f])\d{3}", written[:-3])
    group = group_m.group(1) if group_m else ("." if dec == "," else ",")
    around = text[max(0, span[0] - 5) : span[1] + 6]
    cur = re.search(r"€|£|\$|EUR|CHF|GBP|USD|SEK|DKK|NOK|PLN|kr", around)
    return dec, group, cur.group(0) if cur else "EUR"


def format_amount(value: Decimal, dec: str, group: str, currency: str) -> str:
    """``value`` written with the given separators and currency (symbols after the number
    for ``€`` and ``kr``, before it for ``£`` and ``$``, codes before)."""
    units, cents = f"{value:.2f}".split(".")
    parts = []
    while units:
        parts.insert(0, units[-3:])
        units = units[:-3]
    number = f"{group.join(parts)}{dec}{cents}"
    if currency in ("€", "kr"):
        return f"{number} {currency}"
    if currency in ("£", "$"):
        return f"{currency}{number}"
    return f"{currency} {number}"


def other_figure(amount: Decimal) -> Decimal:
    """A figure near ``amount`` but different (within the plausibility bounds of a claim
    of about that size): what an old balance or another client's claim looks like."""
    other = (amount * Decimal("0.87") + Decimal("23.40")).quantize(Decimal("0.01"))
    return other if other != amount else other + Decimal("11.10")


def insert_trap(case: dict[str, Any], quoted: str, text: str) -> dict[str, Any]:
    """``case`` with ``text`` (a trap paragraph, lines separated by ``\\n``) between the
    creditor's reply with its signature and the quoted history, in every rendering."""
    mutant = copy.deepcopy(case)
    if case.get("body_text"):
        body = case["body_text"]
        end = reply_end(body, quoted)
        mutant["body_text"] = f"{body[:end].rstrip()}\n\n{text}\n\n{body[end:]}"
    if case.get("body_html"):
        html = case["body_html"]
        end = html_reply_end(html)
        paragraph = "<br>".join(html_lib.escape(line, quote=False) for line in text.split("\n"))
        mutant["body_html"] = f"{html[:end]}<div><p>{paragraph}</p></div>{html[end:]}"
    return mutant


def insert_on_top(case: dict[str, Any], text: str) -> dict[str, Any]:
    """``case`` with ``text`` (lines separated by ``\\n``) above everything of the body, in every
    rendering (the HTML's first paragraph, right after ``<body …>`` when there is one)."""
    mutant = copy.deepcopy(case)
    if case.get("body_text"):
        mutant["body_text"] = f"{text}\n\n{case['body_text']}"
    if case.get("body_html"):
        html = case["body_html"]
        body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
        at = body.end() if body else 0
        paragraph = "<br>".join(html_lib.escape(line, quote=False) for line in text.split("\n"))
        mutant["body_html"] = f"{html[:at]}<div><p>{paragraph}</p></div>{html[at:]}"
    return mutant
