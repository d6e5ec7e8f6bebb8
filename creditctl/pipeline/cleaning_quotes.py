"""Split a plain-text e-mail body into latest reply, quoted history and signature.

Base: the quote-header patterns of ``mail-parser-reply``
(https://github.com/alfonsrv/mail-parser-reply, ``mailparser_reply.constants``),
which know Gmail/Apple "On … wrote:" headers and Outlook "From:/Sent:" blocks in
many languages. The library's own splitting is not used as-is because it strips
every line (bullet indentation is lost), classes any "- word" line and "Thanks,"
sentence as signature (cuts a claim list) and takes "Von: …/An: …" prose for a
header. We use its header regex to find candidates, validate them, and add our own
rules below - each names the corpus fixture (../shared/corpus/reply-parsing/) that
needs it.

Every regex here is linear (no nested unbounded quantifiers); lines longer than
``_MAX_LINE`` are not inspected for headers (fixture github-email_reply_parser/
pathological.txt, email_long_quote.txt).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mailparser_reply.parser import EmailMessage

_MAX_LINE = 400
_NEWLINE = re.compile("\n")
_LANGS = ["de", "en", "fr", "nl", "it", "es", "da", "sv", "pl", "cs", "ja", "david"]


def _library_header_regex() -> re.Pattern[str]:
    return EmailMessage(text="", languages=list(_LANGS)).HEADER_REGEX


_LIB_HEADER = _library_header_regex()


def _top_level_alternatives(pattern: str) -> list[str]:
    """The top-level ``|`` branches of a regex source (escapes and classes respected)."""
    out, cur, depth, in_class, i = [], [], 0, False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            cur.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(ch)
        i += 1
    out.append("".join(cur))
    return out


# Branches of the library regex that can only start at a line start or on a newline.
_LINE_ANCHORED = ("^", "(^", "((?:^ ", "((?:(?:^|\\n|\\n(?:> ?)*)[")
# The Danish branch may also start on its '-----Oprindelig meddelelse-----' literal.
_LITERAL_START = re.compile(r"^\(\(\?:\(\?:\^\|\\n\|\\n\(\?:> \?\)\*\)\?(-{2,}[\w ]+-{2,})\\n\)\?")


def _literal_starts() -> re.Pattern[str] | None:
    """A lookahead finding every position where a branch of ``_LIB_HEADER`` that is not
    line-anchored can start; ``None`` when a branch has an unknown shape (then the
    full ``finditer`` scan is used, so a library update cannot change results)."""
    literals = []
    for alt in _top_level_alternatives(_LIB_HEADER.pattern):
        if alt.startswith(_LINE_ANCHORED):
            continue
        m = _LITERAL_START.match(alt)
        if m is None:
            return None
        literals.append(re.escape(m.group(1)))
    return re.compile("(?=" + "|".join(literals) + ")" if literals else "(?!)", _LIB_HEADER.flags)


_LIB_LITERAL_STARTS = _literal_starts()


def _lib_header_matches(det: str, newlines: list[int]) -> list[re.Match[str]]:
    """``list(_LIB_HEADER.finditer(det))``, computed fast.

    The library regex is tried at every character; all its branches but one can only
    start at a line start or on a ``\\n`` (``newlines``: the offsets of every ``\\n`` of
    ``det``), the Danish one also on its literal marker. Trying only those positions,
    in order, skipping positions inside the previous match, gives the same matches as
    ``finditer`` (same leftmost-first rule) for a fraction of the work (the scan took
    ~1 ms per KB of body, quoted history included).
    """
    if _LIB_LITERAL_STARTS is None:
        return list(_LIB_HEADER.finditer(det))
    starts = {0}
    for q in newlines:
        starts.add(q)
        starts.add(q + 1)
    starts.update(m.start() for m in _LIB_LITERAL_STARTS.finditer(det))
    found: list[re.Match[str]] = []
    end = 0
    for pos in sorted(starts):
        if pos < end:
            continue
        m = _LIB_HEADER.match(det, pos)
        if m is not None:
            found.append(m)
            end = m.end() if m.end() > pos else pos + 1
    return found

# --- our header rules -------------------------------------------------------
_OWN_HEADERS = [
    # '-----Ursprüngliche Nachricht-----' (synthetic-de-quote-headers/outlook_urspruengliche_nachricht.txt),
    # '----- Original Message -----' (mailgun-talon/standard_replies/yahoo.eml),
    # '-----Oprindelig meddelelse-----' (alfonsrv email_danish_4.txt), forwarded markers
    # (crisp email_tricky_17_forward_header.txt, alfonsrv forward.txt).
    re.compile(
        r"^[>\s]*-{2,}\s*(?:Urspr(?:ü|ue)ngliche Nachricht|Original(?:e)? ?Message|Originalnachricht|"
        r"Weitergeleitete Nachricht|Forwarded message|Oprindelig meddelelse|Message d'origine|"
        r"Messaggio originale|Mensaje original|Oorspronkelijk bericht|Ursprungligt meddelande|Oprindelig besked)\s*-{2,}\s*$",
        re.IGNORECASE | re.MULTILINE,
    ),
    re.compile(
        r"^(?:Anfang der weitergeleiteten Nachricht|Begin forwarded message)\s*:\s*$",
        re.IGNORECASE | re.MULTILINE,
    ),
    # Lotus Notes 'NAME <addr> schrieb am 04.03.2024 09:03:44:' (synthetic lotus_notes_de.txt).
    re.compile(r"^[^\n<>]{0,80}<[^<>\s]{1,80}@[^<>\s]{1,80}>\s*(?:schrieb|wrote) am [^\n]{0,60}\d[^\n]{0,40}:\s*$",
               re.IGNORECASE | re.MULTILINE),
    # German Gmail header wrapped after '<' or 'Uhr' (synthetic gmail_de_wrapped.txt,
    # alfonsrv multiline_on_de.txt, email_3_1.txt).
    re.compile(r"^Am [^\n]{0,80}\d[^\n]{0,80}(?:\n[^\n]{0,120})?\bschrieb\b[^\n]{0,120}(?:\n[^\n]{0,120})?:\s*$",
               re.MULTILINE),
    # Thunderbird 'Am 04.03.24 um 09:03 schrieb Erika Beispiel:' (synthetic thunderbird_de.txt).
    re.compile(r"^Am \d[^\n]{0,60} schrieb [^\n]{1,120}:\s*$", re.MULTILINE),
    # Verb-less attribution lines that end in '<addr>:' and carry a date/time:
    # '26.06.2014, 14:41, "Alexander L" <abc@example.com>:' (mailgun html_replies/yandex_ru.html),
    # '30.09.2017, 18.30, "John - Doe" <...>:' (crisp email_22.txt), email_23/25/26.txt.
    re.compile(r"^(?=[^\n]{0,160}\d)[^\n]{0,160}<[^<>\s]{1,80}@[^<>\s]{1,80}>\s*:\s*$", re.MULTILINE),
    # 'On … wrote' without colon (crisp email_24.txt), Zoho '---- On … wrote ----' (crisp email_zoho.txt).
    re.compile(r"^-{0,4}\s*On [^\n]{0,160}\d[^\n]{0,160}\bwrote\s*(?:-{2,})?\s*$", re.MULTILINE),
    # 'On … Name <addr>' wrapped before 'wrote:' (zapier email_gmail.txt).
    re.compile(r"^On [^\n]{0,160}\d[^\n]{0,160}\n[^\n]{0,80}wrote:\s*$", re.MULTILINE),
]

_FROM_LINE = re.compile(r"^[>\s*]*(?:From|Von|De|Van|Da|Fra|Od|Från|От)\s*\*?\s*:", re.IGNORECASE)
_BLOCK_PROOF = re.compile(
    r"@|mailto:|^[>\s*]*(?:Sent|Gesendet|Date|Datum|Subject|Betreff|Envoy[ée]|Objet|Verzonden|Onderwerp|"
    r"Inviato|Oggetto|Sendt|Emne|Skickat|[ÄA]mne|Wys[łl]ano|Temat|Enviado|Asunto|Sujet|Message du|Dato|"
    r"Отправлено|Тема|Дата)\s*\*?\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_SEPARATOR_LINE = re.compile(r"^[>\s]*[_\-=*]{10,}\s*$")
_RULE_ABOVE = re.compile(r"^[>\s]*[_\-=*]{3,}\s*$")

# A line that ends an attribution with a 'wrote' verb in any of the corpus
# languages, possibly wrapped over up to three lines:
# crisp email_7 (it), email_8 (nl), email_14/17 (pl), email_finnish, email_fr_multiline,
# email_portuguese; mailgun standard_replies/android.eml (ru).
_VERB_END = re.compile(
    r"(?:\bwrote|\bschrieb(?: am [^:]{0,60})?|a écrit|\bschreef|ha scritto|escreveu|escribió|kirjoitti|"
    r"napisa[łl](?:\(a\))?|\bskrev|написал(?:а)?|yazdı)\s*:?\s*$",
    re.IGNORECASE,
)
_VERB_ANY = re.compile(r"\b(?:wrote|schrieb|schreef|skrev|kirjoitti|escreveu|escribió|napisa[łl])\b|a écrit|ha scritto",
                       re.IGNORECASE)
_DATEISH = re.compile(r"\d{1,4}[.:/-]\d{1,2}|\d{1,2}\.? \w{3,}|\d{4}")


def _verb_headers(det_lines: list[str]) -> list["_Header"]:
    out = []
    for i, line in enumerate(det_lines):
        if not line or len(line) > _MAX_LINE or not line.rstrip().endswith((":", "wrote", "schrieb")):
            continue
        # the verb may sit on the line before a wrapped '<addr>:' (crisp email_8.txt)
        if not _VERB_END.search(line) and not (
            i and line.endswith(">:") and _VERB_ANY.search(det_lines[i - 1])
        ):
            continue
        for j in range(i, max(-1, i - 3), -1):
            chunk = " ".join(det_lines[j : i + 1])
            if j < i and not det_lines[j]:
                break
            if _DATEISH.search(det_lines[j]) and ("@" in chunk or re.search(r"\d{1,2}[:.]\d{2}", chunk)):
                out.append(_Header(j, i + 1, inline_ok=True))
                break
    return out


# Generic 'Label: value' header block of 3+ lines (French 'De :/A :/Sujet :', Danish
# 'Fra:/Dato:/Til:/Emne:', Russian 'От:/Отправлено:/Кому:'): crisp email_9.txt,
# email_danish_dash_separator.txt, mailgun html_replies/windows_mail.html.
_LABEL_LINE = re.compile(r"^[>\s*]*[^\W\d_][\w .-]{0,18}?\s?\*?:(?:\s|$)")


def _label_blocks(det_lines: list[str]) -> list["_Header"]:
    out = []
    i, n = 0, len(det_lines)
    while i < n:
        if not _LABEL_LINE.match(det_lines[i]):
            i += 1
            continue
        j = i
        while j < n and _LABEL_LINE.match(det_lines[j]):
            j += 1
        if j - i >= 3 and _valid_block("\n".join(det_lines[i:j])):
            out.append(_Header(i, j, inline_ok=False))
        i = j
    return out


@dataclass(frozen=True)
class _Header:
    start: int  # first line index
    end: int  # line index after the header
    inline_ok: bool  # an 'On … wrote:' style header: unquoted text after its '>' quote is a reply


def _line_of(newlines: list[int], pos: int) -> int:
    """Line index of offset ``pos``, given the offsets of every ``\\n`` (ascending)."""
    return bisect.bisect_left(newlines, pos)


def _valid_block(block: str) -> bool:
    """An Outlook-style header block must name a sender *and* carry proof of being
    a mail header; 'Von: 01.03. bis …/An: den Wochenenden' is prose
    (synthetic-de-quote-headers/false_positive_von_am.txt)."""
    lines = [ln for ln in block.split("\n") if ln.strip()]
    has_from = any(_FROM_LINE.match(ln) for ln in lines)
    proofs = len(_BLOCK_PROOF.findall(block))
    return (has_from and proofs >= 1) or proofs >= 2


def find_headers(det: str, lines: list[str]) -> list[_Header]:
    """Quote headers in ``det`` (the body with stripped lines), as line ranges."""
    found: list[_Header] = []
    newlines = [m.start() for m in _NEWLINE.finditer(det)]
    for m in _lib_header_matches(det, newlines):
        raw = m.group(0)
        start = m.start() + (len(raw) - len(raw.lstrip("\n")))
        body = raw.strip("\n")
        if not body:
            continue
        first = _line_of(newlines, start)
        last = first + body.count("\n") + 1
        wrote = not _FROM_LINE.match(body) and not _BLOCK_PROOF.match(body)
        if wrote:
            if not re.search(r"\d|@", body):
                continue
        elif not _SEPARATOR_LINE.match(body) and not _valid_block(body):
            continue
        found.append(_Header(first, last, inline_ok=wrote))
    found.extend(_verb_headers(lines))
    found.extend(_label_blocks(lines))
    for rx in _OWN_HEADERS:
        for m in rx.finditer(det):
            first = _line_of(newlines, m.start())
            found.append(_Header(first, first + m.group(0).count("\n") + 1, inline_ok=False))
    # headers inside '>' quotes are part of the quote, except at the very top
    out = []
    for h in sorted(found, key=lambda h: (h.start, -h.end)):
        if len(lines[h.start]) > _MAX_LINE:
            continue
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


_QUOTED = re.compile(r"^\s*>")


def _is_q(line: str) -> bool:
    return bool(_QUOTED.match(line))


@dataclass(frozen=True)
class TextParts:
    """Reply, quoted history and signature of one plain-text body (strings, may be empty)."""

    reply: str
    quoted: str
    signature: str


def _segment(lines: list[str], det_lines: list[str]) -> tuple[list[str], list[str]]:
    """Return (reply_lines, quoted_lines) before signature detection."""
    det = "\n".join(det_lines)
    headers = [h for h in find_headers(det, det_lines) if not _is_q(det_lines[h.start]) or h.start == 0]
    reply: list[str] = []
    quoted: list[str] = []
    pos = 0
    if headers and not any(ln.strip() for ln in lines[: headers[0].start]):
        # Quote above the answer (mailgun-talon/standard_replies/thunderbird.eml,
        # github email_1_8.txt): skip the header and its '>' block.
        h = headers[0]
        j = h.end
        while j < len(lines) and (not lines[j].strip() or _is_q(lines[j])):
            j += 1
        if j < len(lines) and (len(headers) < 2 or headers[1].start >= j):
            quoted.extend(lines[: j])
            sub_reply, sub_quoted = _segment(lines[j:], det_lines[j:])
            return sub_reply, quoted + sub_quoted
    cut = headers[0].start if headers else len(lines)
    # pull a separator rule directly above the header into the quote
    k = cut
    # (a short '====' rule too: crisp email_9.txt)
    while k > 0 and (not lines[k - 1].strip() or _RULE_ABOVE.match(lines[k - 1])):
        k -= 1
    if headers and any(_RULE_ABOVE.match(ln) for ln in lines[k:cut]):
        cut = k
    for ln in lines[pos:cut]:
        (quoted if _is_q(ln) else reply).append(ln)
    if not headers:
        return reply, quoted
    h = headers[0]
    quoted.extend(lines[cut : h.end])
    rest = lines[h.end :]
    nxt = headers[1].start - h.end if len(headers) > 1 else len(rest)
    first_text = next((ln for ln in rest[:nxt] if ln.strip()), "")
    if h.inline_ok and _is_q(first_text):
        # Bottom-posted / inline answer below an 'On … wrote:' header with a '>'
        # quote: unquoted lines up to the next header are the author's
        # (github-email_reply_parser/email_1_2.txt).
        # An unquoted line right after a non-empty '>' line is the quote's own
        # wrapped continuation, not an answer (crisp email_7.txt, email_8.txt).
        inline, q_part, in_quote = [], [], False
        for ln in rest[:nxt]:
            if _is_q(ln):
                in_quote = bool(ln.strip().lstrip(">").strip())
                q_part.append(ln)
            elif in_quote and ln.strip():
                q_part.append(ln)
            else:
                in_quote = False
                inline.append(ln)
        if any(ln.strip() for ln in inline):
            reply.append("")
            reply.extend(inline)
            quoted.extend(q_part)
            quoted.extend(rest[nxt:])
            return reply, quoted
    quoted.extend(rest)
    return reply, quoted


# --- signature / footer -------------------------------------------------------
_SIG_DELIM = re.compile(r"^\s*(?:--|__|—|–)\s*$")
_MOBILE = re.compile(
    r"^\s*(?:Von meinem \S+(?: \S+){0,3} gesendet\.?|Gesendet von meinem \S.{0,50}|Gesendet mit \S.{0,50}|"
    r"Sent from my \w+(?: [\w.-]+){0,4}\.?|Sent from (?:Mail|Outlook|Yahoo Mail|TypeApp)\b.{0,80}|"
    r"Sent via \S+(?: \S+){0,3}|Sent with \S.{0,80}|Get Outlook for \S.{0,60}|"
    r"Diese Nachricht wurde von meinem \S.{0,40} gesendet\.?|"
    # crisp email_german_3.txt ('Gesendet von Outlook für Android<https://…>'),
    # mailgun signature/stripped/jeff_body ('via mobile')
    r"Gesendet von Outlook f(?:ü|ue)r \S.{0,60}|(?:Sent )?via (?:mobile|iPhone|Android|BlackBerry)(?: device)?)\s*$",
    re.IGNORECASE,
)
_LEGAL = re.compile(
    r"Gesch(?:ä|ae)ftsf(?:ü|ue)hr(?:er|erin|ung)\b|Handelsregister|Registergericht|Amtsgericht\s+\S+.{0,30}\bHR[AB]\b|"
    r"\bHR[AB]\s*\d|USt\.?-?\s?Id|Umsatzsteuer-?Id|Steuer-?(?:nummer|Nr)|Sitz der Gesellschaft|Vorstand\s*:|"
    r"Aufsichtsrat|Registered (?:office|in)|Company (?:registration|number)|VAT (?:Reg|No|ID)|"
    r"vertraulich|Vertraulichkeit|confidential|Disclaimer|Haftungsausschluss|Datenschutz|privacy|"
    r"Diese (?:E-?Mail|Nachricht)|This (?:e-?mail|message) (?:and any|is|may|contains)|"
    r"unsubscribe|abmelden|mailing list|listinfo|^CAUTION:|^Warning:",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"^\s*(?:Tel|Telefon|Fon|Phone|Fax|Mobil|Mobile|Mob|Handy|E-?Mail|Mail|Web|Internet|Skype|IBAN|BIC|BLZ)\s*[.:]"
    r"|^\s*[tfm]\.\s*[+\d(]|https?://|www\.|@|\+\d{2}\s?\d|\(\d{3}\)\s?\d{3}|\b\d{5}\s+[A-ZÄÖÜ][a-zäöüß]",
    re.IGNORECASE,
)
_MONEY = re.compile(r"\d[\d.]*,\d{2}\s*(?:€|EUR)|€\s*\d|\bEUR\s*\d", re.IGNORECASE)
_CLOSING = re.compile(
    r"^\s*(?:Mit freundlichen Gr(?:ü|ue)(?:ß|ss)en|Freundliche Gr(?:ü|ue)(?:ß|ss)e|MfG|Viele Gr(?:ü|ue)(?:ß|ss)e|"
    r"Beste Gr(?:ü|ue)(?:ß|ss)e|Liebe Gr(?:ü|ue)(?:ß|ss)e|Gr(?:ü|ue)(?:ß|ss)e|Gru(?:ß|ss)|"
    r"(?:Best |Kind |Warm )?Regards|Best|Cheers|Thanks|Thank you|Many thanks|Sincerely|Yours(?: sincerely| truly)?)"
    r"\s*[,.!]?\s*$",
    re.IGNORECASE,
)


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    paras, start = [], None
    for i, ln in enumerate(lines + [""]):
        if ln.strip() and start is None:
            start = i
        elif not ln.strip() and start is not None:
            paras.append((start, i))
            start = None
    return paras


def _footerish(block: list[str]) -> bool:
    text = "\n".join(block)
    if _MONEY.search(text):
        return False
    if any(_LEGAL.search(ln) for ln in block):
        return True
    nonempty = [ln for ln in block if ln.strip()]
    contact = sum(1 for ln in nonempty if _CONTACT.search(ln) and len(ln) < 120)
    return bool(nonempty) and contact * 2 >= len(nonempty)


def _signature_start(lines: list[str]) -> int:
    """Index of the first signature line of ``lines`` (len(lines) if none)."""
    n = len(lines)
    cut = n
    for i, ln in enumerate(lines):
        if i == 0:
            continue
        if _SIG_DELIM.match(ln) or _MOBILE.match(ln):
            tail = lines[i + 1 :]
            if not _MONEY.search("\n".join(tail)):
                cut = i
                break
        if _SEPARATOR_LINE.match(ln) and ln.strip()[0] == "_":
            # mailing-list / signature rule of underscores (github email_1_1.txt, fiedl email_de_3.txt)
            if not _MONEY.search("\n".join(lines[i + 1 :])):
                cut = i
                break
        if re.match(r"^\s*-{10,}\s*$", ln):
            # dash rule followed by a contact block (mailgun signature/stripped/sparse_body)
            if _footerish(lines[i + 1 :]):
                cut = i
                break
    # legal footer / contact paragraphs at the end (synthetic footer_disclaimer_de.txt,
    # mailgun signature/stripped/long_body, johndoeexamplecom_body)
    paras = _paragraphs(lines[:cut])
    for a, b in reversed(paras):
        if a == 0 or not _footerish(lines[a:b]):
            break
        cut = a
    # closing + name stay in the reply (they name the clerk); what follows a closing
    # in the same paragraph is signature when short and footer-like
    # (crisp email_with_regards.txt: 'Regards,'/'John Doe'/'CEO @ Acme !').
    for a, b in _paragraphs(lines[:cut]):
        if _CLOSING.match(lines[a]) and b - a >= 3 and b - a <= 8 and not _MONEY.search("\n".join(lines[a:cut])):
            if all(not ln.strip() for ln in lines[b:cut]):
                cut = a + 2
            break
    return cut


_INVISIBLE = re.compile("[\ufeff\u200b\u200c\u200d\u200e\u200f\u2060\u00ad]")


def normalize_plain(text: str) -> str:
    """CRLF/CR -> LF, NBSP -> space, zero-width characters and BOMs removed,
    trailing whitespace of every line removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(ln.rstrip() for ln in text.split("\n"))


def _join(lines: list[str]) -> str:
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n")


def split_text(text: str) -> TextParts:
    """Split a plain-text body into reply / quoted history / signature.

    Args:
        text: plain text (any line endings).
    Returns:
        ``TextParts``; ``reply`` keeps its inner blank lines and indentation.
    Never raises on any string input.
    """
    text = normalize_plain(text or "")
    lines = text.split("\n")
    det_lines = [ln.strip() if len(ln) <= _MAX_LINE else "" for ln in lines]
    reply, quoted = _segment(lines, det_lines)
    while reply and not reply[-1].strip():
        reply.pop()
    cut = _signature_start(reply)
    signature = reply[cut:]
    reply = reply[:cut]
    return TextParts(reply=_join(reply), quoted=_join(quoted), signature=_join(signature))
