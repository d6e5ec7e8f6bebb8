"""Where the newest message of a reply ends: a ticket system's history, a signature, a sign-off.

The cleaner splits a body into the reply, the quoted history and the signature, but it only
knows the separators it has tables for. A ticket system (Zendesk, Freshdesk, Jira Service
Management, ServiceNow, OTRS/Znuny, HubSpot, Salesforce …) lists earlier comments below the
newest one in its own layout, and a clerk's signature block may carry a figure an earlier
system inserted ("Letzter Kontoauszug: Saldo 1.395,20 €"). When the cleaner misses such a
layout, the older comment's figure sits in the "reply" text. This module finds, line by line
and without the cleaner's tables, the span of the newest message of a text: it starts at the
top (or after the first message header when everything above it is a ticket system's
boilerplate) and ends at the next message header, a history heading, a signature delimiter
or the letter's closing formula. The safety layer holds a total that stands only outside
that span (docs/evaluation.md, "Ticket histories and signatures").

Every pattern here is matched on one line at a time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from creditctl.pipeline.cleaning_language import CLOSING_LINE, TICKET_LINE
from creditctl.pipeline.extraction.numbers import CURRENCY_PATTERN

__all__ = ["dates_out_of_order", "newest_message", "newest_message_span", "pointed_block_span"]

#: A money figure on a line (a decimal part, or a currency beside the number).
_MONEY = re.compile(
    r"\d[.,]\d{2}(?![\d.,])|\d[.,]-(?!\d)|" + CURRENCY_PATTERN + r"\s?-?\d|\d\s?" + CURRENCY_PATTERN,
    re.IGNORECASE,
)
#: A clock time and a date with a year, or a day and a month name ("Dec 3, 2026, 14:18 GMT",
#: "2026-12-03 14:18:22", "03.12.2026 09:12", "3. Dez. 2026, 14:18 MEZ", "20 nov 09:02").
_CLOCK = re.compile(r"(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])")
_DATE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|"
    r"\b\d{1,2}\.?\s+[^\W\d_]{3,10}\.?(?:\s|,|$)|\b[^\W\d_]{3,10}\.?\s+\d{1,2}\b",
)
#: Words that make a dated line a label, not a message header ("Stand 03.12.2026 14:18",
#: "as at 3 Dec 2026 14:00", "gültig bis …", "Zahlung am …").
_LABEL_WORD = re.compile(
    r"\b(?:stand|stichtag|per|zum|bis|ab|seit|am|as (?:at|of)|valid|until|from|since|payment|zahlung\w*|"
    r"termin|frist|due|fällig|betaling|paiement|pagamento|pago|op|au|al|tot|jusqu|entro|hasta)\b",
    re.IGNORECASE,
)
#: A line that introduces an earlier message ("On … wrote:", "Am … schrieb …:", "03.12.2026 09:12 -
#: X schrieb:") or a comment ("Anna Berg commented:", "M. Schulz hat kommentiert:").
_WROTE = re.compile(
    r"\b(?:wrote|writes|commented|replied|responded|schrieb|schreibt|kommentierte|antwortete|hat (?:kommentiert|geantwortet|geschrieben)|"
    r"a écrit|a commenté|a répondu|ha scritto|ha commentato|ha risposto|escribió|comentó|respondió|"
    r"schreef|heeft (?:gereageerd|geschreven|gereageerd)|reageerde|skrev|kommenterade|kommenterede|kommenterte|svarade|svarede|"
    r"kirjoitti|kommentoi|napisał\w*)(?:\s+[^\n:]{1,60})?\s*:\s*$",
    re.IGNORECASE,
)
#: An internal note of a ticket system ("Sara Holm added an internal note:", "Interne Notiz von …",
#: "Note interne :", "Nota interna", "Intern anteckning"): the creditor's staff to itself, never its answer
#: to the office — it ends the public comment above it like another message's header.
_INTERNAL_NOTE = re.compile(
    r"^(?:[^\n:]{0,60}\s)?(?:added an? (?:internal|private) (?:note|comment)|internal (?:note|comment)|private (?:note|comment)|"
    r"(?:hat )?(?:eine )?interne (?:notiz|anmerkung)|interner (?:vermerk|kommentar)|interne (?:notitie|opmerking)|"
    r"note interne|commentaire interne|nota interna|commento interno|nota privada|comentario interno|"
    r"intern (?:notering|anteckning|kommentar|note|notat|bemærkning|merknad)|sisäinen (?:muistiinpano|huomautus|kommentti)|"
    r"notatka wewnętrzna|(?:dodał|dodała) notatkę wewnętrzną)\b[^\n]{0,60}(?<![.!?])$",
    re.IGNORECASE,
)
#: A ticket system's article separator ("--- Artikel #3 ---", "=== Article 2 ===", OTRS/Znuny exports):
#: each article is one message; the first one stands on top.
_ARTICLE = re.compile(
    r"^[-=*_~ ]{2,}\s*(?:artikel|article|articolo|artículo|artigo|artikkel|nachricht|message|kommentar|comment)\s*#?\s*\d+"
    r"\s*[-=*_~ ]*$",
    re.IGNORECASE,
)
#: A heading over the earlier messages of a ticket or thread.
_HISTORY = re.compile(
    r"^(?:previous (?:messages|comments|replies|correspondence)|earlier messages|(?:message|conversation|ticket|case|request) history|"
    r"history|(?:nachrichten|ticket|gesprächs|kommunikations)?verlauf|bisherige(?:r)? (?:verlauf|korrespondenz|nachrichten)|"
    r"frühere nachrichten|vorherige nachrichten|eerdere berichten|eerdere reacties|berichtgeschiedenis|geschiedenis|"
    r"historique(?: des (?:échanges|messages))?|messages précédents|cronologia(?: dei messaggi)?|messaggi precedenti|"
    r"historial(?: de mensajes)?|mensajes anteriores|tidigare meddelanden|tidligere (?:beskeder|meldinger|meddelelser)|"
    r"aiemmat viestit|viestihistoria)\s*:?\s*$",
    re.IGNORECASE,
)
#: An older message's separator line ("-----Original Message-----", "---- Am … schrieb ----").
_ORIGINAL = re.compile(
    r"^[-_=*~— ]{2,}\s*(?:original message|original|ursprüngliche nachricht|originalnachricht|oorspronkelijk bericht|"
    r"message d'origine|messaggio originale|mensaje original|forwarded message|weitergeleitete nachricht|"
    r"ursprungligt meddelande|oprindelig meddelelse|opprinnelig melding|alkuperäinen viesti)\b",
    re.IGNORECASE,
)
#: An e-mail header's sender field at a line start, and the date field that must follow it.
_FROM_FIELD = re.compile(r"^\*?(?:von|from|de|van|da|fra|från|lähettäjä|od)\s?\*?\s?:\s*\S", re.IGNORECASE)
_DATE_FIELD = re.compile(
    r"^\*?(?:gesendet|sent|date|datum|envoyé|verzonden|inviato|data|enviado|fecha|skickat|sendt|lähetetty)\s?\*?\s?:",
    re.IGNORECASE,
)
#: The signature delimiter ("-- ") or a bare rule of two characters.
_SIG_DELIMITER = re.compile(r"^(?:--|__|—|–)$")
#: A short closing on a line of its own that the letter tables leave out ("Gruß", "LG", "Thanks,",
#: "Best,", "Groeten", "Hilsen"): the clerk's name and a signature block follow it.
_SHORT_CLOSING = re.compile(
    r"^(?:gru(?:ß|ss)|gr(?:ü|ue)(?:ß|ss)e|lg|vg|mfg|best|cheers|thanks|many thanks|thank you|groet(?:en|jes)?|"
    r"saluti|saludos|hälsningar|hilsen|terveisin)\s*[,.!]?$",
    re.IGNORECASE,
)
#: A ticket system's notice that the request changed ("Your request (#41177) has been updated").
_UPDATE_NOTICE = re.compile(
    r"\b(?:has been (?:updated|answered|replied to)|was (?:updated|answered)|wurde (?:aktualisiert|beantwortet)|"
    r"ist aktualisiert|is (?:bijgewerkt|beantwoord)|werd bijgewerkt|a été (?:mise? à jour|traitée?|répondu)|"
    r"è stat[ao] (?:aggiornat[ao]|risposto)|ha sido (?:actualizad[ao]|respondid[ao])|se ha actualizado|har (?:uppdaterats|besvarats)|"
    r"er blevet (?:opdateret|besvaret)|er (?:oppdatert|besvart)|on päivitetty)\b",
    re.IGNORECASE,
)
#: A short "Label: value" field line or a heading ending in a colon ("Case: CS0012345 - …", "Comments:").
_FIELD_LINE = re.compile(r"^[^\W\d_][\w .#-]{0,24}:(?:\s.{0,60})?$")
#: A rule line (dashes, underscores, equals signs, em dashes …).
_RULE = re.compile(r"^[-_=*~—–·. ]{3,}$")
#: An author line above a date line: a name, optionally "(Firm)"; no sentence.
_AUTHOR = re.compile(r"^[^\W\d_][^\n.!?;:@<>]{0,60}(?:\.[^\n.!?;:@<>]{1,60})?(?:\([^()\n]{2,60}\))?$")


def _dated_header(line: str) -> bool:
    """A message's date line, with or without its author ("Dec 3, 2026, 14:18 GMT", "M. Schulz,
    03.12.2026 14:18", "2026-12-03 14:18:22 GMT - Anna Berg (Additional comments)"): a clock time
    and a date, no money figure, no sentence end, no label word, few other words."""
    if len(line) > 100 or not _CLOCK.search(line) or not _DATE.search(line) or _MONEY.search(line):
        return False
    if line.endswith((".", "!", "?")) or _LABEL_WORD.search(line):
        return False
    rest = _DATE.sub(" ", _CLOCK.sub(" ", line))
    return len(re.findall(r"[^\W\d_]{2,}", rest)) <= 8


def _field_block(lines: list[str], i: int) -> bool:
    """A "From:" line with a date field among the next four lines (an e-mail header block)."""
    if not _FROM_FIELD.match(lines[i]):
        return False
    return any(_DATE_FIELD.match(ln) for ln in lines[i + 1 : i + 5])


def _is_header(lines: list[str], i: int) -> bool:
    """Line ``i`` starts an earlier message (or the newest one, below a ticket's boilerplate)."""
    line = lines[i]
    if not line:
        return False
    return bool(
        _WROTE.search(line)
        or _INTERNAL_NOTE.match(line)
        or _ARTICLE.match(line)
        or _HISTORY.match(line)
        or _ORIGINAL.match(line)
        or _dated_header(line)
        or _field_block(lines, i)
    )


def _boilerplate(line: str) -> bool:
    """A line of a ticket system's frame above the first comment (no money on it)."""
    if not line or _MONEY.search(line):
        return not line
    return bool(TICKET_LINE.match(line) or _UPDATE_NOTICE.search(line) or _RULE.match(line) or _FIELD_LINE.match(line))


def _author_above(lines: list[str], i: int) -> int:
    """Index of the author line right above header line ``i`` (blank lines between allowed), else ``i``."""
    k = i - 1
    while k >= 0 and not lines[k]:
        k -= 1
    if k >= 0 and _AUTHOR.match(lines[k]) and not _MONEY.search(lines[k]) and not _RULE.match(lines[k]):
        return k
    return i


def _first_start(lines: list[str], headers: list[int]) -> int:
    """Where the newest message's own text starts: after the first header when only a ticket's
    frame stands between it and the top, or between it and the ticket's reply marker (text typed
    above the marker is the newest message's too), else at the top."""
    if not headers:
        return 0
    first = headers[0]
    above = lines[: _author_above(lines, first)]
    markers = [i for i, ln in enumerate(above) if TICKET_LINE.match(ln)]
    between = above[markers[-1] + 1 :] if markers else above
    if any(_MONEY.search(ln) for ln in between):
        return 0
    if markers or all(_boilerplate(ln) for ln in between):
        return first + 1  # a ticket system's frame ("##- Please type your reply above this line -##" …)
    return 0


def _ends(lines: list[str], start: int, headers: set[int]) -> int:
    """The first line after ``start`` (and after some text) that ends the newest message."""
    seen_text = False
    for i in range(start, len(lines)):
        line = lines[i]
        if seen_text and (i in headers or _SIG_DELIMITER.match(line)):
            return max(start, _author_above(lines, i)) if i in headers else i
        if seen_text and (CLOSING_LINE.fullmatch(line) or _SHORT_CLOSING.match(line)):
            return i
        # a message's own header fields ("Von: …", "Erstellt: 03.12.2026 14:18") are no text of it yet
        seen_text = seen_text or bool(
            line
            and not _RULE.match(line)
            and not ((_FIELD_LINE.match(line) or _FROM_FIELD.match(line)) and not _MONEY.search(line))
        )
    return len(lines)


def newest_message_span(text: str) -> tuple[int, int]:
    """(0, end): the character offsets in ``text`` of its newest message — from the top (a ticket
    system's frame above the first comment, and text typed above its reply marker, belong to it)
    to the next message header, history heading, signature delimiter or closing formula after the
    newest message's own text. The whole text when it has none. Never raises."""
    raw = text.split("\n")
    lines = [ln.strip() for ln in raw]
    headers = [i for i in range(len(lines)) if _is_header(lines, i)]
    end = _ends(lines, _first_start(lines, headers), set(headers))
    return 0, min(sum(len(ln) + 1 for ln in raw[:end]), len(text))


#: A claim word of the newest message's pointer sentence (de/en/nl/fr/it/es/pt/Nordic).
_POINTED_CLAIM = (
    r"(?:\w*saldo\w*|\w*forderung\w*|\w*betrag|\w*summe|kontostand|balance|amount|total|claim|debt|solde|montant|"
    r"créance|dette|\w*vordering|\w*bedrag|\w*schuld|importo|debito|credito|importe|deuda|dívida|montante|valor|"
    r"\w*belopp|\w*skuld|\w*beløb|\w*gæld|\w*beløp|\w*gjeld|\w*fordr\w*)"
)
#: "below", "see below" in the office languages: the newest message points to a block under its sign-off.
_BELOW = (
    r"(?:unten|untenstehend\w*|nachstehend\w*|below|ci-dessous|plus bas|hieronder|onderstaand\w*|onderaan|qui sotto|"
    r"(?:sotto|in calce)(?: riportat\w*)?|(?:más )?abajo|abaixo|nedan|nedanför|nedenfor|nedenstående)"
)
#: A sentence of the newest message that points to the figure below it: "Der aktuelle Saldo ist unten im
#: Vorgangsblock ausgewiesen", "the current balance is shown below", "le solde actuel figure ci-dessous",
#: "het actuele saldo staat hieronder", "il saldo attuale è riportato qui sotto", "el saldo actual figura abajo".
_POINTS_BELOW = re.compile(
    rf"(?<!\w){_POINTED_CLAIM}(?!\w)[^.!?\n]{{0,80}}?(?<!\w){_BELOW}(?!\w)"
    rf"|(?<!\w){_BELOW}(?!\w)[^.!?\n]{{0,60}}?(?<!\w){_POINTED_CLAIM}(?!\w)",
    re.IGNORECASE,
)


def pointed_block_span(text: str) -> tuple[int, int] | None:
    """(start, end): the character offsets in ``text`` of the block right below its newest message — its sign-off,
    signature and footer, up to the next message header — when the newest message points to a figure there ("Der
    aktuelle Saldo ist unten im Vorgangsblock ausgewiesen", "the balance is shown below", "le solde figure
    ci-dessous"); None when it does not, or when nothing stands below it. An older message below a header is never
    part of the block. Never raises."""
    raw = text.split("\n")
    lines = [ln.strip() for ln in raw]
    headers = [i for i in range(len(lines)) if _is_header(lines, i)]
    end = _ends(lines, _first_start(lines, headers), set(headers))
    if end >= len(lines) or not _POINTS_BELOW.search("\n".join(_unwrapped_lines(lines[:end]))):
        return None
    stop = next((h for h in headers if h >= end), len(lines))
    offset = sum(len(ln) + 1 for ln in raw[:end])
    return offset, min(sum(len(ln) + 1 for ln in raw[:stop]), len(text))


def _unwrapped_lines(lines: list[str]) -> list[str]:
    """The lines of a paragraph joined into one line each (a sentence wrapped over lines is one line)."""
    return [" ".join(p.split("\n")) for p in "\n".join(lines).split("\n\n")]


def newest_message(text: str) -> str:
    """``text`` up to the end of its newest message (``newest_message_span``) when that message
    states a money figure of its own — the figures of the ticket's older comments and of a
    signature block below it are not today's; else the whole ``text`` (its figure, if any, stands
    outside the newest message, and the safety layer holds it). Never raises."""
    start, end = newest_message_span(text)
    return text[:end] if _MONEY.search(text, start, end) else text


#: Month names and their common abbreviations in the languages ticket systems write headers in
#: (the first three or four letters decide: "Dez.", "déc.", "dic", "mrt", "maj", "lokak" …).
_MONTHS = {
    1: ("jan", "jän", "ene", "gen", "janv", "tammi", "sty"),
    2: ("feb", "fév", "fev", "helmi", "lut"),
    3: ("mar", "mär", "mrt", "maa", "mars", "marz"),
    4: ("apr", "avr", "abr", "huhti", "kwi"),
    5: ("may", "mai", "mei", "mag", "maj", "touko"),
    6: ("jun", "juin", "giu", "kesä", "cze"),
    7: ("jul", "juil", "lug", "heinä", "lip"),
    8: ("aug", "aoû", "aou", "ago", "elo", "sie"),
    9: ("sep", "set", "syys", "wrz"),
    10: ("oct", "okt", "ott", "out", "loka", "paź", "paz"),
    11: ("nov", "marras", "lis"),
    12: ("dec", "dez", "déc", "dic", "joulu", "gru"),
}
_MONTH_OF = {abbr: month for month, names in _MONTHS.items() for abbr in names}
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})([./-])(\d{1,2})\2((?:19|20)?\d{2})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\.?\s+([^\W\d_]{3,10})\.?,?\s+((?:19|20)\d{2})\b")
_MONTH_DAY = re.compile(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2}),?\s+((?:19|20)\d{2})\b")


def _month(name: str) -> int | None:
    low = name.lower()
    for size in (6, 5, 4, 3):
        if low[:size] in _MONTH_OF:
            return _MONTH_OF[low[:size]]
    return None


def _header_moment(line: str) -> tuple[int, int, int, int, int] | None:
    """(year, month, day, hour, minute) of a message header line, or None when it has no date
    that reads one way (a numeric date is read day first, as European ticket systems write it)."""
    found: tuple[int, int, int] | None = None
    if m := _ISO_DATE.search(line):
        found = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    elif m := _NUMERIC_DATE.search(line):
        year = int(m.group(4))
        found = (year + 2000 if year < 100 else year, int(m.group(3)), int(m.group(1)))
    elif (m := _DAY_MONTH.search(line)) and _month(m.group(2)):
        found = (int(m.group(3)), _month(m.group(2)) or 0, int(m.group(1)))
    elif (m := _MONTH_DAY.search(line)) and _month(m.group(1)):
        found = (int(m.group(3)), _month(m.group(1)) or 0, int(m.group(2)))
    if found is None or not (1 <= found[1] <= 12 and 1 <= found[2] <= 31):
        return None
    clock = _CLOCK.search(line)
    hour, minute = (int(x) for x in clock.group(0).split(":")[:2]) if clock else (0, 0)
    return (*found, hour, minute)


def _dated_lines(lines: list[str]) -> list[tuple[str, tuple[int, int, int, int, int]]]:
    """The message headers of ``lines`` that carry a date and a clock time, with their moment: a
    ticket comment's dated header line, or an "On … wrote:" line (not an e-mail header block: a
    forward quotes the office's letter below the message it forwards, whatever their dates)."""
    out = []
    for line in lines:
        moment = (_line_moment if len(line) <= 400 else _line_moment.__wrapped__)(line)  # bounded memo
        if moment is not None:
            out.append((line, moment))
    return out


@lru_cache(maxsize=4096)  # pure; an email's renderings and the quoted office letter repeat lines
def _line_moment(line: str) -> tuple[int, int, int, int, int] | None:
    """The moment of ``line`` when it is a dated message header (``_dated_lines``), else None.
    A function of the line alone, cached per process (docs/worker-performance.md, "Round 11")."""
    if _DATE_FIELD.match(line) or not (_dated_header(line) or _WROTE.search(line) and _CLOCK.search(line)):
        return None
    return _header_moment(line)


def dates_out_of_order(text: str) -> tuple[str, str] | None:
    """Two message headers of ``text`` whose dates contradict their order, or None. A ticket
    history and a mail thread list the newest message first; a header placed above another that
    is dated earlier (the top comment not the newest by date, an older comment above a newer one)
    leaves which message is the newest uncertain. Returns (the upper header, the later-dated one
    below it), each a line of ``text`` stripped; None with fewer than two dated headers or when
    every header is dated no later than the one above it. Never raises."""
    dated = _dated_lines([ln.strip() for ln in text.split("\n")])
    for i, (upper, moment) in enumerate(dated):
        for lower, later in dated[i + 1 :]:
            if later > moment:
                return upper, lower
    return None
