"""Split a plain-text e-mail body into latest reply, quoted history and signature.

Quote headers come from our own table of languages x header shapes
(``cleaning_headers``: Outlook field blocks, separate or FUSED on one line; Apple
Mail / Gmail / Thunderbird / Yahoo / Zoho / Lotus attribution lines; "Original
Message" / "Forwarded message" separators). This module finds them line by line,
splits at the first one, keeps inline answers written between ``>`` quoted lines,
and finds the signature/legal footer. Rules name the corpus fixture
(../shared/corpus/reply-parsing/) that needs them.

Forwards: the creditor's own newest text is what is above the first quote header.
A body that STARTS with a header (a forward with no text of its own, or a quote
above the answer) gives the first text below it that is not '>'-quoted - the newest
forwarded message - as the reply: it is the only new content, and the gate still
decides on it.

Every regex here is linear (no nested unbounded quantifiers); lines longer than
``_MAX_LINE`` are not inspected for headers (fixture github-email_reply_parser/
pathological.txt, email_long_quote.txt).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from creditctl.pipeline.cleaning_headers import (
    MAX_LINE,
    MOBILE_SIGNATURE,
    SEPARATOR,
    VENDOR_SEPARATOR,
    VERB_LINE_END,
    block_is_header,
    ends_like_header,
    is_attribution,
    label_roles,
)
from creditctl.pipeline.cleaning_text import normalise_chars
from creditctl.pipeline.extraction.numbers import CURRENCY_PATTERN
from creditctl.pipeline.scan import fold

_MAX_LINE = MAX_LINE

# Verb-less attribution lines that end in '<addr>:' and carry a date/time (no language
# words to table): '26.06.2014, 14:41, "Alexander L" <abc@example.com>:' (mailgun
# html_replies/yandex_ru.html), '30.09.2017, 18.30, "John - Doe" <...>:' (crisp
# email_22.txt), email_23/25/26.txt, Japanese Gmail '2014年3月1日(土) 10:00 Name <a@b>:'.
_ADDRESS_COLON = re.compile(r"^(?=[^\n]{0,160}\d)[^\n]{0,160}<[^<>\s]{1,80}@[^<>\s]{1,80}>\s*:\s*$")
_SEPARATOR_LINE = re.compile(r"^[>\s]*[_\-=*]{10,}\s*$")
_RULE_ABOVE = re.compile(r"^[>\s]*[_\-=*]{3,}\s*$")
_UNQUOTE = re.compile(r"^[>\s]*")


@dataclass(frozen=True)
class _Header:
    start: int  # first line index
    end: int  # line index after the header


def _field_block(lines: list[str], roles: list[tuple[str, ...]], i: int) -> _Header | None:
    """The Outlook-style field block starting at line ``i`` (see ``cleaning_headers``);
    ``roles``: ``label_roles`` of every line.

    Label lines may be separated by one wrapped value line (a long To: list) or one
    blank line; a FUSED one-line block counts on its own."""
    if not roles[i]:
        return None
    seen, last, gap, j = set(roles[i]), i, 0, i + 1
    while j < len(lines) and j - i < 14 and gap < 2:
        if roles[j]:
            seen.update(roles[j])
            last, gap = j, 0
        else:
            gap += 1
        j += 1
    if "from_" not in seen or not block_is_header(seen, "\n".join(lines[i : last + 1])):
        return None
    return _Header(i, last + 1)


def _mid_paragraph(lines: list[str], j: int) -> bool:
    """Line ``j`` continues a paragraph of unquoted text (no blank line, rule or quote above)."""
    return j > 0 and bool(lines[j - 1]) and not _is_q(lines[j - 1]) and not _RULE_ABOVE.match(lines[j - 1])


def _attribution(lines: list[str], i: int) -> _Header | None:
    """The attribution header ending at line ``i`` (wrapped over up to three lines).

    One without an e-mail address must start a paragraph (a sentence in the middle
    of the reply is not a header). A '>' quote below lets a dated header without a
    time count (``cleaning_headers.is_attribution``)."""
    if not ends_like_header(lines[i]):
        return None
    quote_below = _is_q(next((ln for ln in lines[i + 1 : i + 4] if ln), ""))
    for j in range(i, max(-1, i - 3), -1):
        if j < i and not lines[j]:
            return None
        chunk = " ".join(_unquoted(ln) for ln in lines[j : i + 1])
        if not is_attribution(chunk, quote_below=quote_below):
            continue
        if "@" not in chunk and not quote_below and _mid_paragraph(lines, j):
            return None
        return _Header(_wrapped_start(lines, i, j), i + 1)
    return None


def _wrapped_start(lines: list[str], i: int, j: int) -> int:
    """Move the start ``j`` of a header ending at ``i`` up over the lines it was wrapped
    from (three lines at most): 'On … The Hiring Engine <' / 'long-address@x.com> wrote:'
    (crisp gmail_split_line_from), 'On Nov 21, 2014,' / 'at 10:18,' / 'John Doe <…>
    wrote:' (crisp email_thread.txt)."""
    while (
        j > 0 and i - j < 2 and lines[j - 1] and (_WRAPPED_START.match(lines[j]) or _WRAPPED_END.search(lines[j - 1]))
    ):
        j -= 1
    return j


_WRAPPED_END = re.compile(r"^[^\n]{0,30}\d[^,]{0,20},\s*$")  # a short date/time piece ending in a comma
_WRAPPED_START = re.compile(r"^[>\s]*(?:<|[\w.+-]+@[\w-])")


_SEPARATOR_ENDS = ("-", "_", "=", "*", ":")
"""The last character of every ``SEPARATOR`` line ('-----Original Message-----', 'Forwarded
message:'): the cheap test before the pattern (the same answer)."""


def _header_at(lines: list[str], roles: list[tuple[str, ...]], i: int) -> _Header | None:
    line = lines[i]
    if not line or len(line) > _MAX_LINE:
        return None
    if _line_marks(line).alone:
        return _Header(i, i + 1)
    return _field_block(lines, roles, i) or _attribution(lines, i) or _lotus_block(lines, i)


#: Lotus Notes' quote block: the sender with an address, the date and time on the next
#: line, then the bare field words on their own lines ("An" / "Kopie" / "Thema").
_LOTUS_SENDER = re.compile(r"^[>\s]*(?:\"?[^\"<>@\n]{0,80}\"?\s*)?<?[\w.+-]+@[\w.-]+>?\s*$")
_LOTUS_DATE = re.compile(
    r"^[>\s]*\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?\s*$", re.IGNORECASE
)
_LOTUS_FIELD = re.compile(
    r"^[>\s]*(?:An|To|Aan|À|A|Para|Till|Til|Vastaanottaja|Kopie|Cc|Thema|Subject|Betreff)\s*$", re.IGNORECASE
)


def _lotus_block(lines: list[str], i: int) -> _Header | None:
    """'"Name" <a@b>' / '19.11.2026 10:12' / 'An' (Lotus Notes, blank lines between allowed): a header."""
    if not _line_marks(lines[i]).lotus_sender:
        return None
    below = [k for k in range(i + 1, min(len(lines), i + 6)) if lines[k].strip()][:2]
    if len(below) == 2 and _LOTUS_DATE.match(lines[below[0]]) and _LOTUS_FIELD.match(lines[below[1]]):
        return _Header(i, below[1] + 1)
    return None


#: A ticket system's reply marker ("##- Please type your reply above this line -##",
#: "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein -##", any language).
_TICKET_MARKER = re.compile(r"^##-[^\n]{4,120}-##$")
#: A ticket message's author line: a name, optionally "(Firm)"; no sentence, no colon.
_TICKET_AUTHOR = re.compile(r"^[^\W\d_][\w .'’&-]{1,60}(?:\([^()\n]{2,60}\))?$")
#: Its date line: "Nov 26, 2026, 11:02 GMT", "19 nov. 2026 08:02 CET", "1. Dez. 2026, 10:22 MEZ".
_TICKET_DATE = re.compile(
    r"^(?:[^\W\d_]{3,10}\.? \d{1,2},? \d{4}|\d{1,2}\.? [^\W\d_]{3,10}\.? \d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}),?"
    r" (?:at |om |um |à |kl\. )?\d{1,2}[:.]\d{2}(?: ?[AP]M)?(?: [A-Z]{2,5}| UTC[+-]\d{1,2})?$",
    re.IGNORECASE,
)


def _ticket_headers(lines: list[str]) -> list[_Header]:
    """In a ticket system's mail (a reply marker in its first lines), every message
    starts with an author line and a date line; the first message is the newest (the
    reply), each later one a quote header."""
    if not any(_TICKET_MARKER.match(ln) for ln in lines[:6]):
        return []
    blocks = [
        _Header(i, i + 2)
        for i in range(len(lines) - 1)
        if _TICKET_AUTHOR.match(lines[i]) and _TICKET_DATE.match(lines[i + 1])
    ]
    return blocks[1:]


def _history_markers(lines: list[str]) -> list[_Header]:
    """A ticket system's reply marker below the first lines, under text ("… Kind regards" then
    "##- Please type your reply above this line -##" and an older message): the reply is
    above it, the ticket's history starts there. (A marker at the top is ``_ticket_headers``'.)"""
    return [
        _Header(i, i + 1)
        for i, ln in enumerate(lines)
        if i >= 6 and _TICKET_MARKER.match(ln) and any(x.strip() for x in lines[:i])
    ]


_LINE_CACHE = 4096
"""Lines whose header tests are kept (``_line_marks``, ``_unquoted``): a body's lines come back
in the same email's other renderings (the text body, the HTML, the quote ``internal_forward``
re-reads, the safety layer's second readings) and across emails (the office's letter quoted in
every reply), so each distinct line is tested once while it is recent
(docs/worker-performance.md, "Round 11")."""


class _Marks(NamedTuple):
    """What the quote-header tests read of one line alone (``_line_marks``)."""

    roles: tuple[str, ...]
    """``label_roles`` of the line (``()`` past ``_MAX_LINE`` or without a ``:``)."""
    candidate: bool
    """``_header_at`` can find a header at the line: it starts with a field label, holds an
    ``@`` (addresses, Lotus), ends in a separator character or ``:``, names Tobit's banner
    (``david``) or ends in an attribution verb (``VERB_LINE_END``). Every other line fails
    each test of ``_header_at`` before its patterns run."""
    alone: bool
    """The line is a header on its own: a separator ('-----Original Message-----', Tobit's
    banner) or a verb-less attribution ending in '<address>:' with a digit."""
    lotus_sender: bool
    """The line is a Lotus Notes sender line ('"Name" <a@b>'), the first of its block."""


@lru_cache(maxsize=_LINE_CACHE)
def _line_marks(line: str) -> _Marks:
    """The quote-header tests of ``line`` alone (``_Marks``). Pure: a function of the line (a
    verb at a line's end is the same match in the line as in its text: ``$`` at the line end,
    and the look-behind before the verb sees a newline or the string's start, neither a word
    character; ``fold`` maps each line of a text to the same line of its fold). Cached per
    process."""
    short = bool(line) and len(line) <= _MAX_LINE
    roles = tuple(label_roles(line)) if ":" in line and len(line) <= _MAX_LINE else ()
    candidate = bool(
        (short and (roles or "@" in line or line.rstrip()[-1:] in _SEPARATOR_ENDS))
        or "david" in fold(line)
        or VERB_LINE_END.search(line)
    )
    alone = short and bool(
        (line.rstrip()[-1:] in _SEPARATOR_ENDS and SEPARATOR.match(line))
        or VENDOR_SEPARATOR.match(line)
        or ("@" in line and _ADDRESS_COLON.match(_UNQUOTE.sub("", line)))
    )
    lotus_sender = "@" in line and bool(_LOTUS_SENDER.match(line))  # the "@" test: the same answer, cheaper
    return _Marks(roles, candidate, alone, lotus_sender)


@lru_cache(maxsize=_LINE_CACHE)
def _unquoted(line: str) -> str:
    """``line`` without its leading '>' markers and white space (pure; cached per process)."""
    return _UNQUOTE.sub("", line)


def _header_lines(lines: list[str]) -> list[int]:
    """Indexes of the lines where ``_header_at`` can find a header, ascending
    (``_line_marks``): only these are tried (the same headers;
    ``tests/unit/test_scan_shortcuts.py``, ``tests/unit/test_line_marks.py``)."""
    return [i for i, ln in enumerate(lines) if _line_marks(ln).candidate]


def find_headers(lines: list[str]) -> list[_Header]:
    """Quote headers in ``lines`` (the body's lines, stripped), as non-overlapping line
    ranges in order (the first of two overlapping ones wins)."""
    roles = [_line_marks(ln).roles for ln in lines]
    found = [h for h in (_header_at(lines, roles, i) for i in _header_lines(lines)) if h is not None]
    found += _ticket_headers(lines)
    found += _history_markers(lines)
    found += _ticket_entries(lines)[1:]  # the newest entry of a helpdesk ticket is the reply
    out: list[_Header] = []
    for h in sorted(found, key=lambda h: (h.start, -h.end)):
        if out and h.start < out[-1].end:
            continue
        out.append(h)
    return out


#: A helpdesk ticket's entry under a rule line (``_ticket_entries``): its date line ("Dec 3, 2026, 14:18
#: GMT", "03.12.2026 14:18", "2026-12-03 14:18") and its author line.
_ENTRY_DATE = re.compile(r"^(?=[^\n]{0,40}\b(?:19|20)\d{2}\b)(?=[^\n]*\b\d{1,2}:\d{2}\b)[^\n]{6,60}$")
_ENTRY_AUTHOR = re.compile(r"^[^\n.:!?;@<>]{2,80}$")


def _ticket_entries(lines: list[str]) -> list[_Header]:
    """The entries of a helpdesk ticket's history (Zendesk, Freshdesk, Jira): a rule line,
    the author's name, then a date-time line on its own ("-----" / "Callum (Lowmoor Credit
    Services)" / "Dec 3, 2026, 14:18 GMT"). The first entry is the newest (the reply); the
    caller makes the later ones quote headers."""
    out = []
    for i, line in enumerate(lines):
        if not _SEPARATOR_LINE.match(line):
            continue
        below = [k for k in range(i + 1, min(len(lines), i + 6)) if lines[k].strip()][:2]
        if len(below) == 2 and _ENTRY_AUTHOR.match(lines[below[0]]) and _ENTRY_DATE.match(lines[below[1]]):
            out.append(_Header(i, below[1] + 1))
    return out


_QUOTED = re.compile(r"^\s*>")


def _is_q(line: str) -> bool:
    return bool(_QUOTED.match(line))


@dataclass(frozen=True)
class TextParts:
    """Reply, quoted history and signature of one plain-text body (strings, may be empty).

    ``forwarded``: the body starts with a forward/quote header and has no text of its
    own above it, so ``reply`` is the newest forwarded message - written by whoever
    sent that message (possibly the office itself). ``joined``: ``reply`` ends with the
    author's own text read from below a quote header (inline or marked answers, a
    colleague's forwarded answer: ``internal_forward``) — text below its sign-off that is
    still the newest message (``pipeline.safety_thread``)."""

    reply: str
    quoted: str
    signature: str
    forwarded: bool = False
    joined: bool = False


def _quote_on_top(lines: list[str], det_lines: list[str], headers: list[_Header]) -> tuple[list[str], list[str]] | None:
    """A body that starts with a header: the first unquoted text below it is the reply.

    Quote above the answer (mailgun-talon/standard_replies/thunderbird.eml, github
    email_1_8.txt), or a forward with no text of its own - through any number of
    headers stacked at the top (a forward of a forward): the newest forwarded message
    with text. ``None`` when a header starts inside the '>' block below the first one."""
    k, j = 0, headers[0].end
    while True:
        while j < len(lines) and (not lines[j].strip() or _is_q(lines[j])):
            j += 1
        if j >= len(lines) or (k + 1 < len(headers) and headers[k + 1].start < j):
            return None
        if k + 1 < len(headers) and headers[k + 1].start == j:
            k, j = k + 1, headers[k + 1].end
            continue
        break
    rest = [_Header(h.start - j, h.end - j) for h in headers[k + 1 :]]
    sub_reply, sub_quoted = _segment(lines[j:], det_lines[j:], rest)
    return sub_reply, lines[:j] + sub_quoted


def _cut_above_rule(lines: list[str], cut: int) -> int:
    """Pull a separator rule directly above the header into the quote (a short
    '====' rule too: crisp email_9.txt)."""
    k = cut
    while k > 0 and (not lines[k - 1].strip() or _RULE_ABOVE.match(lines[k - 1])):
        k -= 1
    return k if any(_RULE_ABOVE.match(ln) for ln in lines[k:cut]) else cut


def _inline_answers(block: list[str]) -> tuple[list[str], list[str]]:
    """Split the text below an 'On … wrote:' header into (answers, quote lines).

    Unquoted lines between '>' lines are the author's inline answers
    (github-email_reply_parser/email_1_2.txt); an unquoted line right after a
    non-empty '>' line is the quote's own wrapped continuation (crisp email_7.txt,
    email_8.txt) — unless that line asks a question ("> 1) Votre numéro de dossier ?"):
    a quote wraps inside a sentence, an answer follows its question."""
    inline: list[str] = []
    q_part: list[str] = []
    in_quote = False
    for ln in block:
        if _is_q(ln):
            content = ln.strip().lstrip(">").strip()
            in_quote = bool(content) and not _QUESTION_END.search(content)
            q_part.append(ln)
        elif in_quote and ln.strip() and not _ANSWER_MARKER.match(ln):
            q_part.append(ln)
        else:
            in_quote = False
            inline.append(ln)
    return inline, q_part


#: A quoted line that ends a question, with perhaps an aside in brackets after the question mark
#: ("> 1. Wat is het actuele saldo? (bij ons bekend: € 1.012,40)"): the line below answers it.
_QUESTION_END = re.compile(r"[?？]\s*(?:\([^()\n]{0,80}\))?\s*$")


#: A line that says it is an answer ("ANSWER: EUR 2,987.45", "Antwort: …", "Réponse : …").
_ANSWER_MARKER = re.compile(
    r"^\s*(?:answer|our answer|reply|antwort|antwoord|réponse|risposta|respuesta|resposta|svar|vastaus|odpowiedź|"
    r"odpověď)\s*:",
    re.IGNORECASE,
)


#: A line the author marked as its answer with an arrow or a bracketed name, directly under a
#: question copied without '>' ("2. Wie hoch ist die Restforderung?" / ">> Restforderung: 930,00 EUR",
#: "=> Solde restant dû : …", "→ 1.234,56" (not a "»…«" quotation), "[Sparkasse]: 1.234,56 EUR"). A '>>' line counts only there:
#: under a '>'-quoted line it is the quote's own older level.
_ARROW_MARKER = re.compile(r"^\s*(?:>>|=+>|-+>|[→⇒➔➜])\s*(?=\S)|^\s*\[[^\[\]\n]{2,40}\]\s*:\s*(?=\S)")

#: A line of the office's letter that asks a question, with perhaps an aside after its question mark
#: ("2. Wie hoch ist die aktuelle Restforderung? Nach unseren Unterlagen 1.210,00 EUR.").
#: A line ending in a colon introduces what follows ("Wie hoch ist sie? Sie schrieben uns:"): the
#: lines under it are the office's quotation or list, not an answer.
_QUESTION_LINE = re.compile(r"^[^\n]{0,300}[?？](?:[^?？\n]{0,160}[^?？:：\s])?\s*$")


#: A line of the office's letter that asks its question as a request, ending in a full stop (read36): "Bitte teilen Sie
#: uns die aktuelle Gesamtforderung … mit.", "Please let us know the current total claim …", "Graag ontvangen wij …",
#: "Merci de nous indiquer …", "Vi preghiamo di comunicarci …", "Les rogamos nos indiquen …", "Vänligen meddela …",
#: "Venligst oplys …", "Vennligst oppgi …", "Pyydämme ilmoittamaan …", "Prosimy o podanie …". Not one ending in a
#: colon (it introduces a quotation or a list).
_REQUEST_LINE = re.compile(
    r"^(?:\d+[.)]\s*)?(?:"
    r"bitte (?:teilen|nennen|geben|bestätigen|übermitteln|senden|übersenden|beziffern) sie (?:uns )?|"
    r"(?:please|kindly) (?:let us know|confirm|tell us|advise|state|provide|send|give)|"
    r"(?:graag )?(?:ontvangen|vernemen) wij (?:graag )?|(?:gelieve|wilt u) (?:ons )?|"
    r"(?:merci|veuillez|nous vous remercions|je vous remercie) (?:de )?(?:bien vouloir )?(?:nous )?|"
    r"(?:vi |la )?(?:preghiamo|chiediamo|prego) (?:di )?|"
    r"(?:les |le )?(?:rogamos|ruego|solicitamos)|por favor,? |"
    r"vänligen |venligst |vennligst |pyydämme |prosimy (?:o )?"
    r")[^\n:：?？]{0,300}[.!]?\s*$",
    re.IGNORECASE,
)


def _is_answer_mark(line: str) -> bool:
    """The (unquoted) line starts with an answer label or an author's arrow/bracket mark."""
    return bool(_ANSWER_MARKER.match(line) or _ARROW_MARKER.match(line))


def _marked_answers(block: list[str]) -> set[int]:
    """Indexes of the lines of ``block`` (below a quote header) that the author marked as its
    answers: an answer label ("ANSWER: …", "Antwort: …") under a '>' quoted question, or an
    answer label or arrow mark (">> …", "=> …", "→ …", "[Bank]: …") directly under a question of
    the office's letter copied without '>' (the answer to the question before it; a marked
    answer may follow another one). The office's questions and the figures they name stay in
    the quote."""
    out: set[int] = set()
    seen_quote = False
    prev = -1  # the previous non-blank line
    for i, ln in enumerate(block):
        under_question = _under_question(block, prev, out)
        if _is_q(ln) and _ANSWER_MARKER.match(ln.strip().lstrip(">")):
            out.add(i)  # ">> ANSWER: SCM-448120" in the office's unquoted letter: the author marked it
        elif _is_q(ln) and under_question and _ARROW_MARKER.match(ln):
            out.add(i)  # ">> Restforderung aktuell: 930,00 EUR" under the office's unquoted question
        elif _is_q(ln):
            seen_quote = True
        elif (seen_quote and _ANSWER_MARKER.match(ln)) or (under_question and _is_answer_mark(ln)):
            out.add(i)
        if ln.strip():
            prev = i
    return out


def _under_question(block: list[str], prev: int, answers: set[int]) -> bool:
    """Whether a line whose previous non-blank line is ``block[prev]`` (``-1``: none) stands under
    a question of the office's unquoted letter or under a marked answer (``answers``)."""
    if prev < 0 or _is_q(block[prev]):
        return False
    line = block[prev].strip()
    return prev in answers or bool(_QUESTION_LINE.match(line) or _REQUEST_LINE.match(line))


def _answer_text(line: str) -> str:
    """An answer line without its '>'/arrow/bracket mark (an answer label stays: it reads as one)."""
    text = line.lstrip()
    mark = _ARROW_MARKER.match(text)
    if mark and not text.startswith("["):
        return text[mark.end() :]
    return text.lstrip(">").lstrip()


#: The reply says its answers stand in the quoted letter: "see my answers in red below",
#: "Antworten im Text", "zie onze antwoorden hieronder", "voir nos réponses ci-dessous".
_ANSWERS_BELOW = re.compile(
    r"\b(?:(?:my|our) answers?|answers?|replies)\s+(?:are\s+)?(?:in\s+\w+\s+)?(?:below|inline|in (?:red|blue|the text))|"
    r"(?:antworten|anmerkungen)\s+(?:\w+\s+)?(?:unten|im text|inline|in rot|in blau)|"
    r"antwoord(?:en)?\s+(?:\w+\s+)?(?:hieronder|in de tekst|in het rood)|"
    r"réponses?\s+(?:\w+\s+)?(?:ci-dessous|dans le texte|en rouge)|"
    r"rispost[ae]\s+(?:\w+\s+)?(?:sotto|qui sotto|nel testo|in rosso)|"
    r"respuestas?\s+(?:\w+\s+)?(?:abajo|a continuación|en el texto|en rojo)|"
    r"svar(?:et|en)?\s+(?:\w+\s+)?(?:nedan|nedenfor|i teksten|med rødt|i rött)",
    re.IGNORECASE,
)


def _answers_after_questions(block: list[str]) -> set[int]:
    """Indexes of the unquoted paragraphs of ``block`` that stand right after a '>' quoted
    line (the office's question), when the letter's own text is not '>'-quoted: "> 1. Has
    Bluewave confirmed the balance?" / "Yes - … Balance today is £1,201.15". Text before
    the first '>' line and a paragraph after an unquoted one (the office's closing) are not."""
    out: set[int] = set()
    after_question = False
    for i, ln in enumerate(block):
        if _is_q(ln):
            after_question = bool(ln.strip().lstrip(">").strip())
        elif not ln.strip():
            after_question = after_question and i + 1 < len(block) and _is_q(block[i + 1])
        elif _CLOSING.match(ln):
            after_question = False  # "Kind regards": the office's letter closes, no answer follows
        elif after_question or i - 1 in out:
            out.add(i)
    return out


def _answers_in(block: list[str], reply: list[str]) -> set[int]:
    """Indexes of ``block``'s lines (below a quote header) that are the author's answers:
    marked ones ("ANSWER: …"), else — when the ``reply`` above points to them — the
    paragraphs right after the quoted questions."""
    answers = _marked_answers(block)
    if not answers and _ANSWERS_BELOW.search("\n".join(reply)):
        answers = _answers_after_questions(block)
    return answers


def marked_answers_in_quote(quoted: str) -> tuple[str, str]:
    """(the author's marked answers, the rest) of a quote the HTML client marked (a
    ``<blockquote>`` holding the office's question with the creditor's answer below it, both
    inside the quote container): the lines ``_marked_answers`` finds in the quoted letter - below
    its own header, when it starts with one, up to the next header (an older mail stays history).
    ``("", quoted)`` when there is none; strings in, strings out, never raises."""
    lines = quoted.split("\n")
    det_lines = [ln.strip() if len(ln) <= _MAX_LINE else "" for ln in lines]
    headers = find_headers(det_lines)
    first = next((i for i, ln in enumerate(det_lines) if ln), len(lines))
    if headers and headers[0].start <= first:
        start, end = headers[0].end, headers[1].start if len(headers) > 1 else len(lines)
    else:
        start, end = 0, headers[0].start if headers else len(lines)
    answers = {start + i for i in _marked_answers(lines[start:end])}
    if not answers:
        return "", quoted
    rest = [ln for i, ln in enumerate(lines) if i not in answers]
    return "\n".join(_answer_text(lines[i]) for i in sorted(answers)), "\n".join(rest)


def _split_quoted(lines: list[str]) -> tuple[list[str], list[str]]:
    """(unquoted lines, '>' lines) of ``lines``, each in order."""
    return [ln for ln in lines if not _is_q(ln)], [ln for ln in lines if _is_q(ln)]


def _below_header(lines: list[str], headers: list[_Header]) -> tuple[list[str], list[str]]:
    """(inline answers for the reply, quoted lines) of the text below the first header.

    When that text is '>'-quoted, unquoted lines between the '>' lines up to the next
    header are the author's inline answers - below any header kind (an 'On … wrote:'
    line, an Outlook block, an '-----Original Message-----' separator)."""
    k = 0  # a separator line directly followed by its field block is one header
    while k + 1 < len(headers) and not any(ln.strip() for ln in lines[headers[k].end : headers[k + 1].start]):
        k += 1
    end = headers[k].end
    rest = lines[end:]
    nxt = headers[k + 1].start - end if k + 1 < len(headers) else len(rest)
    first_text = next((ln for ln in rest[:nxt] if ln.strip()), "")
    stacked = lines[headers[0].end : end]
    if _is_q(first_text):
        inline, q_part = _inline_answers(rest[:nxt])
        if any(ln.strip() for ln in inline):
            return [""] + inline, stacked + q_part + rest[nxt:]
    answers = _answers_in(rest[:nxt], lines[: headers[0].start])
    if answers:
        return [""] + [_answer_text(rest[i]) for i in sorted(answers)], stacked + [
            ln for i, ln in enumerate(rest) if i not in answers
        ]
    return [], stacked + rest


def _segment(
    lines: list[str], det_lines: list[str], headers: list[_Header] | None = None
) -> tuple[list[str], list[str]]:
    """Return (reply_lines, quoted_lines) before signature detection; ``headers``:
    the top-level quote headers of ``lines`` when already known."""
    reply, quoted, _joined = _segment_joined(lines, det_lines, headers)
    return reply, quoted


def _interleaved(lines: list[str]) -> bool:
    """Whether unquoted text stands below a '>' quoted line (answers between the quoted questions)."""
    seen_quote = False
    for ln in lines:
        if _is_q(ln):
            seen_quote = True
        elif seen_quote and ln.strip():
            return True
    return False


def _segment_joined(
    lines: list[str], det_lines: list[str], headers: list[_Header] | None = None
) -> tuple[list[str], list[str], bool]:
    """``_segment``'s (reply_lines, quoted_lines), and whether the reply has the author's own
    text joined from below the first quote header (inline or marked answers)."""
    if headers is None:
        headers = [h for h in find_headers(det_lines) if not _is_q(det_lines[h.start]) or h.start == 0]
    if not headers:
        reply, quoted = _split_quoted(lines)
        return reply, quoted, _interleaved(lines)
    if not any(ln.strip() and not _RULE_ABOVE.match(ln) for ln in lines[: headers[0].start]):
        on_top = _quote_on_top(lines, det_lines, headers)
        if on_top is not None:
            return on_top[0], on_top[1], False
    cut = _cut_above_rule(lines, headers[0].start)
    reply, quoted = _split_quoted(lines[:cut])
    more_reply, more_quoted = _below_header(lines, headers)
    joined = any(ln.strip() for ln in more_reply) or _interleaved(lines[:cut])
    return reply + more_reply, quoted + lines[cut : headers[0].end] + more_quoted, joined


# --- signature / footer -------------------------------------------------------
_SIG_DELIM = re.compile(r"^\s*(?:--|__|—|–)\s*$")
_MOBILE = MOBILE_SIGNATURE  # from the table (cleaning_headers); crisp email_german_3.txt, mailgun jeff_body
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
#: An amount in any currency the office meets ("£1,577.63", "CHF 1'245.30", "4 312,90 kr"): text
#: holding one is the letter's, never a signature or footer.
#: An amount with its currency, in every currency the reader knows (``numbers.CURRENCY_PATTERN``:
#: "430,28 Euro", "1 234,56 Kč", "12 500 Ft" too): a paragraph holding one is never a footer.
_MONEY = re.compile(
    r"\d[\d.,' ]*(?:[.,]\d{1,2})?\s*" + CURRENCY_PATTERN + r"|" + CURRENCY_PATTERN + r"\s*-?\d",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^\s*(?:Mit freundlichen Gr(?:ü|ue)(?:ß|ss)en|Freundliche Gr(?:ü|ue)(?:ß|ss)e|MfG|Viele Gr(?:ü|ue)(?:ß|ss)e|"
    r"Beste Gr(?:ü|ue)(?:ß|ss)e|Liebe Gr(?:ü|ue)(?:ß|ss)e|Gr(?:ü|ue)(?:ß|ss)e|Gru(?:ß|ss)|"
    r"(?:Best |Kind |Warm )?Regards|Best|Cheers|Thanks|Thank you|Many thanks|Sincerely|Yours(?: sincerely| truly)?)"
    r"\s*[,.!]?\s*$",
    re.IGNORECASE,
)


#: A result line below a sum rule: words (after a statement's booking date, if any), then a
#: figure with decimals (any currency or none): "Saldo neu 1.347,62 S", "30.11.2026  Saldo neu  1.347,62 S".
_RESULT_LINE = re.compile(
    r"^\s*(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\s+|\d{4}-\d{2}-\d{2}\s+)?[^\W\d_][^\n]{0,80}?\s\d{1,3}(?:[.,' ]?\d{3})*[.,]\d{2}(?!\d)"
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


def _is_sig_marker(lines: list[str], i: int) -> bool:
    """Line ``i`` starts a signature: a '-- ' delimiter or a mobile signature, or an
    underscore rule (mailing-list footer: github email_1_1.txt, fiedl email_de_3.txt),
    with no amount below it; or a dash rule followed by a contact block (mailgun
    signature/stripped/sparse_body)."""
    ln = lines[i]
    rule = bool(_SEPARATOR_LINE.match(ln)) and ln.strip()[0] == "_"
    if _SIG_DELIM.match(ln) or _MOBILE.match(ln) or rule:
        return not _MONEY.search("\n".join(lines[i + 1 :]))
    if re.match(r"^\s*[-=_]{10,}\s*$", ln) and _RESULT_LINE.search(next((x for x in lines[i + 1 :] if x.strip()), "")):
        return False  # a sum rule: "-----" above "Saldo per 30.11.2026   2.261,06 S"
    return bool(re.match(r"^\s*-{10,}\s*$", ln)) and _footerish(lines[i + 1 :])


def _closing_cut(lines: list[str], cut: int) -> int:
    """Closing + name stay in the reply (they name the clerk); what follows a closing
    in the same paragraph is signature when short and footer-like (crisp
    email_with_regards.txt: 'Regards,'/'John Doe'/'CEO @ Acme !')."""
    for a, b in _paragraphs(lines[:cut]):
        if _CLOSING.match(lines[a]) and 3 <= b - a <= 8 and not _MONEY.search("\n".join(lines[a:cut])):
            if all(not ln.strip() for ln in lines[b:cut]):
                return a + 2
            break
    return cut


def _signature_start(lines: list[str]) -> int:
    """Index of the first signature line of ``lines`` (len(lines) if none)."""
    cut = next((i for i in range(1, len(lines)) if _is_sig_marker(lines, i)), len(lines))
    # legal footer / contact paragraphs at the end (synthetic footer_disclaimer_de.txt,
    # mailgun signature/stripped/long_body, johndoeexamplecom_body)
    for a, b in reversed(_paragraphs(lines[:cut])):
        if a == 0 or not _footerish(lines[a:b]):
            break
        cut = a
    return _closing_cut(lines, cut)


def normalize_plain(text: str) -> str:
    """CRLF/CR -> LF, ``normalise_chars`` (Unicode spaces -> one U+0020, zero-width
    characters and BOMs removed, ligatures decomposed), trailing whitespace of every
    line removed."""
    text = normalise_chars(text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(ln.rstrip() for ln in text.split("\n"))


def _join(lines: list[str]) -> str:
    return re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines)).strip("\n")


#: A postscript's first line: "PS:", "P.S.", "PPS", "NB:", "Nachtrag:", "PD:" (posdata).
_POSTSCRIPT = re.compile(
    r"^(?:p\.?\s?p\.?\s?s|p\.?\s?s|n\.?\s?b|nachtrag|post ?scriptum|p\.?\s?d)\b\.?\s*[:.\-–]?\s+\S", re.IGNORECASE
)


def postscript(signature: str) -> str:
    """The postscript paragraph of a signature text ("PS: …" under the name or the mobile
    footer; "" when there is none): the creditor's own words, which the safety layer reads
    for contradicting wording — never a source of the total (it may name another claim's)."""
    lines = signature.split("\n")
    for k, line in enumerate(lines):
        if _POSTSCRIPT.match(line.strip()):
            end = next((j for j in range(k + 1, len(lines)) if not lines[j].strip()), len(lines))
            return "\n".join(lines[k:end]).strip()
    return ""


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
    reply, quoted, joined = _segment_joined(lines, det_lines)
    while reply and not reply[-1].strip():
        reply.pop()
    cut = _signature_start(reply)
    signature = reply[cut:]
    reply = reply[:cut]
    forwarded = bool(reply) and _starts_with_forward(det_lines)
    return TextParts(
        reply=_join(reply), quoted=_join(quoted), signature=_join(signature), forwarded=forwarded, joined=joined
    )


def _starts_with_forward(det_lines: list[str]) -> bool:
    """The first non-blank line is a separator ('---------- Forwarded message', '-----Original
    Message-----') or a From/Sent field line: a forward with no text of its own."""
    first = next((ln for ln in det_lines if ln and not _RULE_ABOVE.match(ln)), "")
    if SEPARATOR.match(first) or VENDOR_SEPARATOR.match(first):
        return True
    return bool(set(label_roles(first)) & {"from_", "sent"})


# --- internal forwards ----------------------------------------------------------
#: Free-mail domains: two senders there are not colleagues of one firm.
_FREE_MAIL = re.compile(
    r"^(?:g(?:oogle)?mail\.com|outlook\.\w+|hotmail\.\w+|live\.\w+|msn\.com|yahoo\.\w+|ymail\.com|icloud\.com|"
    r"me\.com|aol\.\w+|gmx\.\w+|web\.de|t-online\.de|freenet\.de|proton(?:mail)?\.\w+|libero\.it|orange\.fr|"
    r"wanadoo\.fr|free\.fr|laposte\.net|telia\.com|wp\.pl|o2\.pl|onet\.pl|seznam\.cz|mail\.\w+)$",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
#: A money figure in any of the reader's currencies (a decimal part or a currency beside it).
_ANY_MONEY = re.compile(
    r"\d[.,]\d{2}(?!\d)|\d[.,]-|" + CURRENCY_PATTERN + r"\s?-?\d|\d\s?" + CURRENCY_PATTERN,
    re.IGNORECASE,
)


def _own_domain(sender: str) -> str | None:
    """The sender's e-mail domain (lower case) when it is a firm's own, else None."""
    m = _ADDRESS.search(sender or "")
    if not m or _FREE_MAIL.match(m.group(1)):
        return None
    return m.group(1).lower()


#: The recipient fields of a header block ("An:", "To:", "Aan:", "À :", "Cc:" …), fused or not:
#: an address after them is the recipient's, never the writer's.
_RECIPIENT_FIELD = re.compile(
    r"(?:^|\s|\*)(?:an|to|aan|à|a|till|til|para|vastaanottaja|cc|kopie|copia|kopia|bcc)\s?\*?\s?:",
    re.IGNORECASE | re.MULTILINE,
)


def _on_domain(found: str, domain: str) -> bool:
    return bool(found) and (found == domain or found.endswith("." + domain) or domain.endswith("." + found))


#: The newest text announces that its own firm's message follows: a colleague's or a
#: department's answer it forwards, or a portal's "new message" notice ("anbei die Antwort
#: unserer Sanierungsabteilung", "see below from our billing team", "Sie haben eine neue
#: Nachricht im Kundenportal erhalten").
_ANNOUNCES_OWN = re.compile(
    r"(?:antwort|auskunft|stellungnahme|rückmeldung|mitteilung|nachricht)\s+(?:unserer|unseres)\s+(?:\w+\s+)?\w*"
    r"(?:abteilung|kollegen|kollegin|buchhaltung|team|stelle)\w*|neue\s+nachricht|"
    r"(?:answer|reply|response|message|update)\s+(?:from|of)\s+our\s+(?:\w+\s+)?(?:team|department|colleagues?)|"
    r"see\s+below\s+from\s+our|new\s+message|"
    r"(?:antwoord|reactie|bericht)\s+van\s+(?:onze|ons)\s+(?:\w+\s+)?(?:afdeling|team|collega)\w*|nieuw\s+bericht|"
    r"(?:réponse|message)\s+de\s+(?:notre|nos)\s+(?:\w+\s+)?(?:service|équipe|collègues?)|nouveau\s+message|"
    r"(?:risposta|messaggio)\s+del(?:la)?\s+(?:nostro|nostra)\s+(?:\w+\s+)?(?:ufficio|reparto|team)|nuovo\s+messaggio|"
    r"(?:respuesta|mensaje)\s+de\s+(?:nuestro|nuestra)\s+(?:\w+\s+)?(?:departamento|equipo)|nuevo\s+mensaje",
    re.IGNORECASE,
)
#: A writer named without an address as a part of a firm: a department or team, never a person
#: or another firm ("Von: Sanierung / Abwicklung", "Von: Kaufzone24 Buchhaltung").
_DEPARTMENT = re.compile(
    r"(?<!\w)\w*(?:abteilung|abwicklung|sanierung|buchhaltung|forderungsmanagement|kundenservice|service|team|"
    r"department|billing|accounts|collections|afdeling|administratie|comptabilit\w*|ufficio|departamento|contabilidad)\w*(?!\w)",
    re.IGNORECASE,
)


def _announced_own(lines: list[str], header: _Header, reply: str) -> bool:
    """Whether the header's message is the one the newest text announces as its own firm's
    (``_ANNOUNCES_OWN``): no address anywhere in its block, and its writer a department or
    team of the firm (``_DEPARTMENT``) — an internal forward or a portal notice shows no
    addresses; the office's letter names its sender's address or no department."""
    block = "\n".join(lines[header.start : header.end])
    if _ADDRESS.search(block) or not _ANNOUNCES_OWN.search(reply):
        return False
    writer = re.search(r"^\s*\*?(?:von|from|van|de|da|från|fra)\s?\*?\s?:(.*)$", block, re.IGNORECASE | re.MULTILINE)
    return writer is not None and bool(_DEPARTMENT.search(writer.group(1)))


def _written_by(lines: list[str], header: _Header, domain: str, reply: str) -> bool:
    """Whether the header's message went from ``domain`` to ``domain``: its From address (the
    first address of the block before any recipient field) is on ``domain``, one of its
    subdomains or its parent domain, and so is an address of its recipient field — or that
    field names, without an address, the person who writes ``reply`` ("An: Petra Hollerer"
    above "MfG Mag. Petra Hollerer"). A From line with a name and no address ("Von:
    Schuldnerberatung Böhmer") is nobody's on ``domain``. A message of the sender's to anyone
    else, or one with no recipient field ("On … collections@firm wrote:", a ticket system's
    older comment), is the creditor's own earlier answer in the thread — history, whose figure
    is not today's (docs/evaluation.md, "Ticket histories")."""
    block = "\n".join(lines[header.start : header.end])
    recipient = _RECIPIENT_FIELD.search(block)
    if recipient is None:
        return False
    m = _ADDRESS.search(block[: recipient.start()])
    if not (m and _on_domain(m.group(1).lower(), domain)):
        return False
    to_line = block[recipient.end() :].split("\n", 1)[0]
    addresses = [a.group(1).lower() for a in _ADDRESS.finditer(to_line)]
    if addresses:
        return any(_on_domain(a, domain) for a in addresses)
    return _names_writer(to_line, reply)


def _names_writer(to_line: str, reply: str) -> bool:
    """Whether a recipient field without an address names the reply's writer: its words (two or
    more, each of two letters or more) stand in that order in ``reply``."""
    words = re.findall(r"[^\W\d_]{2,}", to_line)
    if len(words) < 2 or len(words) > 5:
        return False
    return re.search(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", reply, re.IGNORECASE) is not None


def _own_messages(lines: list[str], headers: list[_Header], domain: str, reply: str) -> tuple[list[str], int]:
    """(the unquoted lines of the messages at the top written on ``domain``, the index of
    the first header that is not theirs)."""
    own: list[str] = []
    k = start = 0  # ``start``: the first header of the message being read
    while k < len(headers):
        nxt = headers[k + 1].start if k + 1 < len(headers) else len(lines)
        body = lines[headers[k].end : nxt]
        if not any(ln.strip() for ln in body) and k + 1 < len(headers):
            k += 1  # a separator line directly above its field block: one header
            continue
        if not (_written_by(lines, headers[k], domain, reply) or _announced_own(lines, headers[k], reply)):
            break
        own += [ln for ln in body if not _is_q(ln)]
        k = start = k + 1
    return own, start


def internal_forward(parts: TextParts, sender: str) -> TextParts:
    """A forward inside the sender's own firm: the messages at the top of the quoted
    history whose header names an address on the sender's domain (``buchhaltung@firm``
    forwarded by ``s.huber@firm``, "See below from our client services team") are the
    creditor's own text, and join the reply — when the newest text states no money figure
    of its own (else its figure is the answer and the forwarded one older); the history from the first message of
    anyone else (the office's letter) stays quoted. ``parts`` unchanged when the quote
    does not start with such a message, or the sender writes from a free-mail domain.
    (docs/evaluation.md, "Identifiers: where they are read": amounts of the quoted
    history are never applied — a colleague's forwarded answer is no quoted history.)"""
    domain = _own_domain(sender)
    if domain is None or not parts.quoted or _ANY_MONEY.search(parts.reply):
        return parts  # the newest text states its own figure: the forwarded one is older
    lines = parts.quoted.split("\n")
    headers = find_headers([ln.strip() if len(ln) <= _MAX_LINE else "" for ln in lines])
    if not headers or any(ln.strip() and not _RULE_ABOVE.match(ln) for ln in lines[: headers[0].start]):
        return parts
    own, start = _own_messages(lines, headers, domain, parts.reply)
    if not any(ln.strip() for ln in own):
        return parts
    return _joined(parts, lines, headers, own, start)


def _joined(parts: TextParts, lines: list[str], headers: list[_Header], own: list[str], start: int) -> TextParts:
    """``parts`` with the own messages' text (``own``, above header ``start``) joined to the
    reply; the history from header ``start`` on stays quoted."""
    rest = lines[headers[start].start :] if start < len(headers) else []
    reply = (parts.reply + "\n\n" + _join(own)).strip("\n")
    return TextParts(reply=reply, quoted=_join(rest), signature=parts.signature, forwarded=parts.forwarded, joined=True)
