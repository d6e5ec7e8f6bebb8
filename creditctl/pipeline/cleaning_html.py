"""HTML e-mail body to structure-keeping plain text.

The generic part (block/inline layout, ``<br>``, lists, entities, CSS ``display``)
is done by inscriptis (https://github.com/weblyzard/inscriptis) on an lxml tree.
Our fixes run on the lxml tree *before* inscriptis sees it:

* tables are flattened to one line per row, cells joined by ``" | "`` - inscriptis
  would lay them out in padded columns, and naive extractors glue the cells
  (``Hauptforderung1.204,50 €`` is a wrong amount);
* hidden elements are dropped (inline ``display:none`` / ``visibility:hidden`` /
  ``mso-hide:all`` - inscriptis only honours the plain ``display:none`` form - the
  ``hidden`` attribute, ``<head>``, ``<style>``, ``<script>``);
* Outlook conditional comments (``<!--[if mso]>…<![endif]-->``) are comments and
  vanish; the "downlevel-revealed" fallbacks (``<!--[if !mso]><!-->visible<!--<![endif]-->``)
  are ordinary markup and stay;
* the start of a client's quoted history (Gmail ``gmail_quote``, Outlook web
  ``divRplyFwdMsg``/``appendonsend``, Outlook for Mac ``OLK_SRC_BODY_SECTION``,
  Thunderbird ``moz-cite-prefix``, GMX/web.de ``div[name=quote]``, Yahoo,
  ``<blockquote>``) can be marked, so the caller can split reply and history.

Unicode spaces (NBSP, thin, narrow, figure) become one ordinary space (never deleted);
inline elements add no space of their own (strict CSS profile).
"""

from __future__ import annotations

import re

from inscriptis import Inscriptis
from inscriptis.css_profiles import CSS_PROFILES
from inscriptis.model.config import ParserConfig
from lxml import etree, html as lxml_html

from creditctl.pipeline.cleaning_headers import label_roles
from creditctl.pipeline.cleaning_text import normalise_chars

#: Sentinel written into the DOM where the quoted history starts (private-use chars).
QUOTE_MARK = "\ue000CREDITCTL-QUOTE\ue000"

CELL_SEPARATOR = " | "

# The strict CSS profile: inscriptis' default "relaxed" profile pads every <span> with
# spaces, so Word's '<span>4.</span><span>018,75</span>' read '4. 018,75' - a space
# no browser renders. Spaces in the source between inline elements still count.
_CONFIG = ParserConfig(css=CSS_PROFILES["strict"].copy(), display_links=False, display_images=False)

_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px)?\s*(?:;|$)",
    re.IGNORECASE,
)
_DROP_TAGS = {"head", "style", "script", "title", "meta", "link", "noscript", "template", "xml"}

# XPath of elements that start the quoted history, per mail client (first in
# document order wins).  Fixtures: mailgun-talon/html_replies/*.html,
# OLK_SRC_BODY_SECTION.html, synthetic-de-quote-headers/*.html.
_QUOTE_START_XPATH = etree.XPath(
    " | ".join(
        [
            "//*[@id='appendonsend']",  # Outlook web: empty div before <hr> + divRplyFwdMsg
            "//*[@id='divRplyFwdMsg']",  # Outlook web / new Outlook
            "//*[@id='OLK_SRC_BODY_SECTION']",  # Outlook for Mac
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_quote ')]",  # Gmail
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' gmail_attr ')]",
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' moz-cite-prefix ')]",  # Thunderbird
            "//*[contains(@class, 'yahoo_quoted')]",  # Yahoo
            "//*[starts-with(@id, 'yahoo_quoted')]",
            "//*[@name='quote']",  # GMX / web.de
            "//*[contains(@class, 'OutlookMessageHeader')]",
            "//*[@id='mail-editor-reference-message-container']",  # new Outlook for Mac
            "//blockquote",  # Apple Mail, Hotmail, Yandex, generic
        ]
    )
)

# Outlook desktop draws the header of the quoted mail as a div with a top border.
_OUTLOOK_BORDER = re.compile(r"border-top\s*:\s*solid\s+#(?:E1E1E1|B5C4DF)", re.IGNORECASE)
# Text right after an <hr> that starts with a field label of the quote-header table
# (``cleaning_headers``) shows it separates a quoted mail (fixtures
# mailgun-talon/reply-separated-by-hr.html, html_replies/hotmail.html).


def _label_line_first(text: str) -> bool:
    """The text starts with a From/Sent/Date/To/Subject field label in any table language."""
    return bool(label_roles(text.lstrip()))


def _text_after(el: lxml_html.HtmlElement, limit: int = 200) -> str:
    parts = [el.tail or ""]
    size = len(parts[0])
    sib = el.getnext()
    while sib is not None and size < limit:
        chunk = sib.text_content() if isinstance(sib.tag, str) else ""
        parts.append(chunk + (sib.tail or ""))
        size += len(parts[-1])
        sib = sib.getnext()
    return "".join(parts)[:limit]


_PARSER = lxml_html.HTMLParser(encoding="utf-8", remove_comments=False)


def _parse(html: str) -> lxml_html.HtmlElement | None:
    # Parsed from UTF-8 bytes: lxml rejects ``str`` input with an ``<?xml encoding=…?>``
    # declaration (fixture mailgun-talon/html_replies/hotmail.html).
    try:
        return lxml_html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _is_hidden(el: lxml_html.HtmlElement) -> bool:
    if el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _clean_tree(root: lxml_html.HtmlElement) -> None:
    """Drop hidden elements and flatten tables in place."""
    to_drop = []
    for el in root.iter():
        tag = el.tag if isinstance(el.tag, str) else None
        if tag is None:  # comments, processing instructions
            to_drop.append(el)
        elif tag.lower() in _DROP_TAGS or _is_hidden(el):
            to_drop.append(el)
    for el in to_drop:
        _drop_keep_tail(el)
    _outlook_lines(root)
    _flatten_tables(root)


def _outlook_lines(root: lxml_html.HtmlElement) -> None:
    """Outlook/Word write every line as ``<p class=MsoNormal>`` with no margin (their style
    sheet sets ``margin:0cm``) and a blank line as an empty such paragraph: each is one line,
    not a paragraph with a blank line around it — so a ticket's author and date lines, a
    letter's closing and name stay adjacent as the sender saw them (tests/apply_families)."""
    for el in list(root.iter("p")):
        if "msonormal" not in (el.get("class") or "").lower():
            continue
        el.tag = "div"
        if not el.text_content().replace("\u00a0", " ").strip() and el.find(".//img") is None:
            for child in list(el):
                el.remove(child)
            el.text = None
            etree.SubElement(el, "br")  # the blank line it stands for


_CELL_BLOCKS = {
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "center",
    "pre",
    "address",
    "section",
    "article",
    "header",
    "footer",
    "dl",
    "dt",
    "dd",
    "hr",
}


def _flatten_tables(root: lxml_html.HtmlElement) -> None:
    """One line per data row, cells joined by CELL_SEPARATOR.

    Block elements inside a data cell (Outlook wraps every cell in
    ``<p class=MsoNormal>``) are made inline so the row stays on one line. A row
    whose cells hold a nested table is layout, not data: its cells stay blocks.
    """
    for row in list(root.iter("tr")):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        layout = any(c.find(".//table") is not None for c in cells)
        row.tag = "div"
        for i, cell in enumerate(cells):
            if layout:
                cell.tag = "div"
            else:
                _inline_cell(cell, first=i == 0)
    for el in list(root.iter("table", "thead", "tbody", "tfoot", "caption")):
        el.tag = "div"


def _inline_cell(cell: lxml_html.HtmlElement, *, first: bool) -> None:
    """Make a data cell one inline run: its blocks become spans followed by a space,
    ``<br>`` a space; every cell but the first starts with CELL_SEPARATOR."""
    for inner in list(cell.iter()):
        if inner is cell or not isinstance(inner.tag, str):
            continue
        if inner.tag in _CELL_BLOCKS:
            inner.tag = "span"
            inner.tail = " " + (inner.tail or "")
        elif inner.tag == "br":
            inner.tag = "span"
            inner.text = " "
    cell.tag = "span"
    if not first:
        cell.text = CELL_SEPARATOR + (cell.text or "")
    cell.tail = (cell.tail or "").strip() or None


def _drop_keep_tail(el: lxml_html.HtmlElement) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _mark_quote_start(root: lxml_html.HtmlElement) -> bool:
    """Insert QUOTE_MARK before the first element that starts the quoted history."""
    starts = list(_QUOTE_START_XPATH(root))
    for div in root.iter("div"):
        style = div.get("style") or ""
        if _OUTLOOK_BORDER.search(style) and label_roles(div.text_content()[:200].lstrip())[:1] == ["from_"]:
            starts.append(div)
            break
    for hr in root.iter("hr"):
        if _label_line_first(_text_after(hr)):
            starts.append(hr)
            break
    if not starts:
        return False
    order = {el: i for i, el in enumerate(root.iter())}
    first = min(starts, key=lambda el: order.get(el, 1 << 30))
    marker = etree.Element("div")
    marker.text = QUOTE_MARK
    first.addprevious(marker)
    return True


def _tree_to_text(root: lxml_html.HtmlElement) -> str:
    text = Inscriptis(root, _CONFIG).get_text()
    return normalize_text(text)


_SPACE_RUNS = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_CELL_TRIM = re.compile(r"^(?:\s*\|\s*)+|(?:\s*\|\s*)+$")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """Normalise converted text: ``normalise_chars`` (Unicode spaces -> U+0020,
    invisible characters removed, ligatures decomposed), runs of spaces -> one, trailing spaces and
    dangling cell separators removed, at most one blank line in a row."""
    out = []
    text = normalise_chars(text)
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        # Leading indentation is dropped: inscriptis indents nested blocks, which
        # means nothing in a mail body and would hide quote markers.
        line = _SPACE_RUNS.sub(" ", line).strip()
        if "|" in line:
            line = _CELL_TRIM.sub("", line)
        out.append(line)
    return _BLANK_RUNS.sub("\n\n", "\n".join(out)).strip("\n")


def html_to_text(html: str) -> str:
    """Convert an HTML e-mail body to plain text, keeping its structure.

    Args:
        html: the HTML source (any size; malformed markup is tolerated).
    Returns:
        Text with table rows on their own lines (cells joined by ``" | "``), line
        breaks from ``<br>`` and block elements, NBSP as spaces, hidden elements and
        Outlook-only conditional content dropped. Never raises; empty input or
        unparseable markup gives ``""``.
    """
    if not html or not html.strip():
        return ""
    root = _parse(html)
    if root is None:
        return ""
    _clean_tree(root)
    return _tree_to_text(root)


def html_split_quote(html: str) -> tuple[str, str]:
    """Convert HTML to text and split off the client-marked quoted history.

    Returns:
        ``(reply_text, quoted_text)``; ``quoted_text`` is ``""`` when no known
        quote container is found. Never raises.
    """
    if not html or not html.strip():
        return "", ""
    root = _parse(html)
    if root is None:
        return "", ""
    _clean_tree(root)
    _mark_quote_start(root)
    text = _tree_to_text(root)
    if QUOTE_MARK not in text:
        return text, ""
    reply, _, quoted = text.partition(QUOTE_MARK)
    return reply.strip("\n"), quoted.replace(QUOTE_MARK, "").strip("\n")
