"""Quote headers of mail clients, driven by ONE table of languages.

A quote header is where the creditor's own newest text ends. Three header shapes
exist across mail clients, and every language fills the same slots:

* **field block** - Outlook desktop/web, Outlook for Mac, GMX/web.de, Lotus Notes
  forwards: ``From:/Sent:/To:/Subject:`` lines (in any order, ``*bold*`` as plain-text
  renders of HTML write them, French ``De :``), one field a line or FUSED on one line
  (``Von: … Gesendet: … An: … Betreff: …``). A block is a header when it names the
  sender (a *from* field) and carries a *sent/date* field, or a *subject* field plus
  an e-mail address - ``Von: 01.03. bis …`` / ``An: den Wochenenden`` is prose.
* **attribution line** - Apple Mail, Gmail, Thunderbird, Yahoo, Zoho, Lotus Notes:
  ``Am … um … schrieb …:``, ``On … wrote:``, ``Op … heeft … het volgende geschreven:``,
  ``---- On … wrote ----``, ``"Name" <a@b> schrieb am 03.11.2026 10:12:47:``, wrapped
  over up to three lines. It is a header only when it LOOKS like one: it contains a
  *wrote* verb of the table, a clock time or an e-mail address, a digit (the date),
  and it ENDS with a colon (or Zoho's dashes, or the bare verb) with at most a
  sender name/address or the date between the verb and that end. So
  ``Am 01.03. schrieb uns Ihr Mandant, dass …`` and ``On 1 March your client wrote to
  us that …`` do not cut the reply.
* **separator line** - ``-----Ursprüngliche Nachricht-----``, ``---------- Forwarded
  message ---------``, ``Begin forwarded message:``: a literal of the table between
  dashes or followed by a colon.

Adding a language touches ``LANGUAGES`` only. Nothing here depends on a library's
internals. All regexes are linear; callers skip lines longer than ``MAX_LINE``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from creditctl.pipeline.scan import prefiltered

MAX_LINE = 400


@dataclass(frozen=True)
class Language:
    """The quote-header words of one language (regex fragments, matched case-insensitively).

    ``from_``/``sent``/``to``/``subject``/``cc``: field labels of Outlook-style blocks
    (``sent`` includes the *date* label). ``verbs``: the *wrote* verb of attribution
    lines. ``separators``: ``Original Message`` / ``Forwarded message`` literals.
    ``mobile``: a mobile client's whole-line signature (``Sent from my iPhone``) - a
    signature marker, not a quote header. ``clock``: the word before a clock time
    written with a dot (``kl. 10.12``, ``klo 10.12``); ``10:12`` needs no word.
    """

    code: str
    from_: tuple[str, ...]
    sent: tuple[str, ...]
    to: tuple[str, ...]
    subject: tuple[str, ...]
    cc: tuple[str, ...]
    verbs: tuple[str, ...]
    separators: tuple[str, ...]
    mobile: tuple[str, ...] = ()
    clock: tuple[str, ...] = ()


# the device named in a mobile signature outside German/English (a prose line such as
# 'Inviato da noi il 3 marzo' must not become a signature)
_DEVICE = (
    r"(?:iPhone|iPad|Android|Samsung|Galaxy|Huawei|Xiaomi|BlackBerry|smartphone|mobiel|mobile|móvil|"
    r"cellulare|telefoon|teléfono|telefono|Outlook|Mail|Posta|Correo)\b.{0,40}"
)

LANGUAGES: tuple[Language, ...] = (
    Language(
        "de",
        ("Von",),
        ("Gesendet", "Datum"),
        ("An",),
        ("Betreff",),
        ("Cc", "Kopie"),
        ("schrieb", "Folgendes geschrieben"),
        (
            "Urspr(?:ü|ue)ngliche Nachricht",
            "Originalnachricht",
            "Weitergeleitete Nachricht",
            "Anfang der weitergeleiteten Nachricht",
            "Weitergeleitete E-Mail",
        ),
        mobile=(
            r"Von meinem \S+(?: \S+){0,3} gesendet\.?",
            r"Gesendet von meinem \S.{0,50}",
            r"Gesendet mit \S.{0,50}",
            r"Diese Nachricht wurde von meinem \S.{0,40} gesendet\.?",
            r"Gesendet von Outlook f(?:ü|ue)r \S.{0,60}",
        ),
        clock=("um",),
    ),
    Language(
        "en",
        ("From",),
        ("Sent", "Date"),
        ("To",),
        ("Subject",),
        ("Cc",),
        ("wrote",),
        ("Original[ -]?Message", "Forwarded message", "Begin forwarded message", "Forwarded e-?mail"),
        mobile=(
            r"Sent from my \w+(?: [\w.-]+){0,4}\.?",
            r"Sent from (?:Mail|Outlook|Yahoo Mail|TypeApp)\b.{0,80}",
            r"Sent via \S+(?: \S+){0,3}",
            r"Sent with \S.{0,80}",
            r"Get Outlook for \S.{0,60}",
            r"(?:Sent )?via (?:mobile|iPhone|Android|BlackBerry)(?: device)?",
        ),
        clock=("at",),
    ),
    Language(
        "nl",
        ("Van",),
        ("Verzonden", "Datum"),
        ("Aan",),
        ("Onderwerp",),
        ("Cc",),
        ("schreef", "het volgende geschreven"),
        ("Oorspronkelijk bericht", "Origineel bericht", "Doorgestuurd bericht", "Begin doorgestuurd bericht"),
        mobile=(r"Verzonden (?:vanaf|met) mijn " + _DEVICE, r"Outlook voor \S.{0,40} downloaden"),
        clock=("om",),
    ),
    Language(
        "fr",
        ("De",),
        ("Envoy(?:é|e)(?: le)?", "Date", "Message du"),
        ("À", "A"),
        ("Objet", "Sujet"),
        ("Cc", "Copie (?:à|a)"),
        ("a (?:é|e)crit",),
        (
            "Message d'origine",
            "Message original",
            "Message transf(?:é|e)r(?:é|e)",
            "D(?:é|e)but du message r(?:é|e)exp(?:é|e)di(?:é|e)",
            "Message r(?:é|e)exp(?:é|e)di(?:é|e)",
        ),
        mobile=(r"Envoy(?:é|e) (?:de|depuis) (?:mon|ma) " + _DEVICE, r"Obtenir Outlook pour \S.{0,40}"),
        clock=("à",),
    ),
    Language(
        "it",
        ("Da",),
        ("Inviato", "Data"),
        ("A",),
        ("Oggetto",),
        ("Cc",),
        ("ha scritto",),
        ("Messaggio originale", "Messaggio inoltrato", "Inizio messaggio inoltrato"),
        mobile=(r"Inviato da(?:l mio)? " + _DEVICE, r"Scarica Outlook per \S.{0,40}"),
        clock=("alle ore", "alle"),
    ),
    Language(
        "es",
        ("De",),
        ("Enviado", "Fecha"),
        ("Para",),
        ("Asunto",),
        ("CC",),
        ("escribi(?:ó|o)",),
        ("Mensaje original", "Mensaje reenviado", "Comienzo del mensaje reenviado"),
        mobile=(r"Enviado desde mi " + _DEVICE, r"Obtener Outlook para \S.{0,40}"),
        clock=("a las",),
    ),
    Language(
        "sv",
        ("Från",),
        ("Skickat", "Datum"),
        ("Till",),
        ("Ämne",),
        ("Kopia",),
        ("skrev",),
        (
            "Ursprungligt meddelande",
            "Originalmeddelande",
            "Vidarebefordrat meddelande",
            "Vidarebefordrat brev",
            "Början på vidarebefordrat meddelande",
        ),
        mobile=(r"Skickat från min " + _DEVICE, r"Hämta Outlook för \S.{0,40}"),
        clock=("kl",),
    ),
    Language(
        "da",
        ("Fra",),
        ("Sendt", "Dato"),
        ("Til",),
        ("Emne",),
        ("Cc", "Kopi"),
        ("skrev",),
        (
            "Oprindelig meddelelse",
            "Oprindelig besked",
            "Videresendt meddelelse",
            "Videresendt besked",
            "Start på videresendt besked",
        ),
        mobile=(r"Sendt fra min " + _DEVICE, r"Hent Outlook til \S.{0,40}"),
        clock=("kl",),
    ),
    Language(
        "no",
        ("Fra",),
        ("Sendt", "Dato"),
        ("Til",),
        ("Emne",),
        ("Kopi",),
        ("skrev",),
        (
            "Opprinnelig melding",
            "Original melding",
            "Videresendt melding",
            "Videresendt e-post",
            "Start på videresendt melding",
        ),
        mobile=(r"Sendt fra min " + _DEVICE, r"Få Outlook for \S.{0,40}"),
        clock=("kl",),
    ),
    Language(
        "fi",
        ("Lähettäjä",),
        ("Lähetetty", "Päivämäärä"),
        ("Vastaanottaja",),
        ("Aihe",),
        ("Kopio",),
        ("kirjoitti",),
        ("Alkuperäinen viesti", "Välitetty viesti", "Edelleenlähetetty viesti"),
        mobile=(
            r"Lähetetty (?:iPhonesta|iPadista|Android-laitteesta|puhelimesta|matkapuhelimesta)\b.{0,40}",
            r"Hanki Outlook for \S.{0,40}",
        ),
        clock=("klo", "kello"),
    ),
    # Languages of the public reply-parsing corpus beyond the office's own.
    Language(
        "pt",
        ("De",),
        ("Enviado", "Enviada", "Data"),
        ("Para",),
        ("Assunto",),
        ("Cc",),
        ("escreveu",),
        ("Mensagem original", "Mensagem encaminhada"),
        clock=("às",),
    ),
    Language(
        "pl",
        ("Od",),
        ("Wys(?:ł|l)ano", "Data"),
        ("Do",),
        ("Temat",),
        ("DW",),
        (r"napisa(?:ł|l)(?:a|\(a\))?", "nades(?:ł|l)a(?:ł|l)", "pisze"),
        ("Wiadomo(?:ść|sc) oryginalna", "Oryginalna wiadomo(?:ść|sc)"),
        clock=("o",),
    ),
    Language(
        "cs",
        ("Od",),
        ("Odesláno", "Datum"),
        ("Komu",),
        ("Předmět",),
        ("Kopie",),
        (r"napsal(?:a|\(a\))?",),
        ("Původní zpráva",),
    ),
    Language(
        "ru",
        ("От",),
        ("Отправлено", "Дата"),
        ("Кому",),
        ("Тема",),
        ("Копия",),
        (r"написал(?:а|\(а\))?",),
        ("Исходное сообщение", "Пересылаемое сообщение"),
    ),
    Language(
        "tr", ("Kimden",), ("Gönderildi", "Tarih"), ("Kime",), ("Konu",), ("Bilgi",), ("yazdı",), ("Orijinal ileti",)
    ),
    # The office's creditors in Central/Eastern Europe, the Balkans and Greece (reading round 27).
    Language(
        "sk",
        ("Od",),
        ("Odoslané", "Dátum"),
        ("Komu",),
        ("Predmet",),
        ("Kópia",),
        (r"napísal(?:a|\(a\))?",),
        ("Pôvodná správa",),
    ),
    Language(
        "hu",
        ("Feladó",),
        ("Elküldve", "Dátum", "Küldve"),
        ("Címzett",),
        ("Tárgy",),
        ("Másolat", "Másolatot kap"),
        ("írta",),
        ("Eredeti üzenet", "Továbbított üzenet"),
    ),
    Language(
        "ro",
        ("De la",),
        ("Trimis", "Dată", "Data"),
        ("Către",),
        ("Subiect",),
        ("Cc",),
        ("a scris",),
        ("Mesaj original", "Mesaj redirecționat"),
    ),
    Language(
        "hr",
        ("Šalje", "Od"),
        ("Poslano", "Datum"),
        ("Prima", "Za"),
        ("Predmet",),
        ("Kopija",),
        (r"napisao(?:/la)?", "napisala"),
        ("Izvorna poruka", "Proslijeđena poruka"),
    ),
    Language(
        "sl",
        ("Od",),
        ("Poslano", "Datum"),
        ("Za",),
        ("Zadeva",),
        ("Kp",),
        (r"napisal(?:a|\(a\))?",),
        ("Izvirno sporočilo",),
    ),
    Language(
        "lt", ("Nuo",), ("Išsiųsta", "Data"), ("Kam",), ("Tema",), ("Kopija",), ("rašė",), ("Originalus pranešimas",)
    ),
    Language(
        "bg", ("От",), ("Изпратено", "Дата"), ("До",), ("Относно",), ("Копие",), ("написа",), ("Оригинално съобщение",)
    ),
    Language(
        "el", ("Από",), ("Στάλθηκε", "Ημερομηνία"), ("Προς",), ("Θέμα",), ("Κοιν",), ("έγραψε",), ("Αρχικό μήνυμα",)
    ),
)

ROLES = ("from_", "sent", "to", "subject", "cc")


def _alternation(words: set[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _labels(role: str) -> set[str]:
    return {w for lang in LANGUAGES for w in getattr(lang, role)}


_ROLE_GROUPS = "".join(f"(?P<{r}>{_alternation(_labels(r))})|" for r in ROLES).rstrip("|")
#: '*Von:* …', 'De :', '> From: …' at a line start; the label's role is the named group.
LABEL_LINE = re.compile(rf"^[>\s]*\*{{0,2}}\s*(?:{_ROLE_GROUPS})\s?\*{{0,2}}\s?:", re.IGNORECASE)
#: a later label on the same line (FUSED Outlook header): preceded by a space or '*'.
_INNER_LABEL = re.compile(rf"(?:(?<=\s)|(?<=\*))\*{{0,2}}(?:{_ROLE_GROUPS})\s?\*{{0,2}}\s?:(?=\s|\*)", re.IGNORECASE)

_VERBS = _alternation({v for lang in LANGUAGES for v in lang.verbs})
_VERB = re.compile(rf"(?<!\w)(?:{_VERBS})(?!\w)", re.IGNORECASE)
#: 'wrote:' / 'a écrit :' / 'wrote ----' / bare 'wrote' at the end of the (joined) line.
_VERB_AT_END = re.compile(rf"(?<!\w)(?:{_VERBS})\s*(?::|-{{2,}})?\s*$", re.IGNORECASE)
SEPARATOR = re.compile(
    rf"^[>\s]*(?:-{{2,}}|_{{2,}}|={{2,}}|\*{{2,}})?\s*(?:{_alternation({s for g in LANGUAGES for s in g.separators})})"
    rf"(?:\s*(?:-{{2,}}|_{{2,}}|={{2,}}|\*{{2,}})\s*|\s*:\s*)$",
    re.IGNORECASE,
)
#: Tobit david's plain-text quote banner (alfonsrv email_3_1.txt).
VENDOR_SEPARATOR = re.compile(r"^[>\s]*Original Message processed by david\b", re.IGNORECASE)

#: a whole line that is a mobile client's signature, in any table language
MOBILE_SIGNATURE = re.compile(
    r"^\s*(?:" + "|".join(m for lang in LANGUAGES for m in lang.mobile) + r")\s*$", re.IGNORECASE
)

_CLOCK_WORDS = _alternation({w for lang in LANGUAGES for w in lang.clock})
_TIME = re.compile(
    r"(?<!\d)\d{1,2}:\d{2}(?!\d)"  # 10:12, 10:12:33
    rf"|(?<!\w)(?:{_CLOCK_WORDS})\.?\s+\d{{1,2}}[.h]\d{{2}}(?!\d)"  # kl. 10.12, klo 10.12
    r"|(?<!\d)\d{1,2}[.h]\d{2}\s*(?:Uhr|h)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"[\w.+-]@[\w-]|<\s*[^<>\s@]+@")
#: a date with its year: 28.10.2026, 2026-10-28, 10/28/2026, 28. Oktober 2026, Oct 28, 2026
_FULL_DATE = re.compile(
    r"(?<!\d)\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})(?!\d)|(?<!\d)\d{4}-\d{1,2}-\d{1,2}(?!\d)"
    r"|(?<!\d)\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?!\d)|(?<!\d)\d{1,2}\.?\s+[^\W\d_]{3,}\.?\s+\d{4}(?!\d)"
    r"|[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}(?!\d)"
)
_DIGIT = re.compile(r"\d")
#: after the verb: a sender name and/or address, or Lotus' 'am/on <date> <time>'
_AFTER_VERB = re.compile(r"^(?:[^:;!?]|(?<=\d):(?=\d)){0,160}?(?::|-{2,})\s*$")
#: Every character an attribution verb of ``_VERBS`` starts with (``scan.prefiltered``): a verb
#: added there with another first letter adds it here.
_VERB_FIRST = "aefhknpswyнírέ"
_ENDS_HEADERISH = prefiltered(
    re.compile(r"(?::|-{2,}|(?<!\w)(?:" + _VERBS + r"))\s*$", re.IGNORECASE), r":\-" + _VERB_FIRST
)
#: The lines of a joined text that end in an attribution verb ("wrote", "schrieb" …, spaces
#: after it allowed): ``_ENDS_HEADERISH``'s verb branch, over a whole text in one scan (``$``
#: at each line end; a line is never longer than itself, so ``[^\S\n]`` stands for ``\s``).
VERB_LINE_END = prefiltered(
    re.compile(r"(?<!\w)(?:" + _VERBS + r")[^\S\n]*$", re.IGNORECASE | re.MULTILINE), _VERB_FIRST
)


def _after_verb_ok(after: str) -> bool:
    """What follows a mid-line verb: a name/address (commas only with an address) or a date."""
    after = after.replace("mailto:", "")
    if not _AFTER_VERB.match(after):
        return False
    if _ADDRESS.search(after) or _TIME.search(after):
        return True
    return "," not in after and len(after.split()) <= 6


_LOWER_START = re.compile(r"^\s*[^\W\d_A-ZÄÖÜÅÆØÉÈÀ]", re.UNICODE)


def _mid_verb_ok(before: str, after: str, when: re.Pattern[str]) -> bool:
    """'Am … um 10:12 schrieb Name <a@b>:' (``when``, a time, before the verb) or Lotus
    '"Name" <a@b> schrieb am 03.11.2026 10:12:47:' (address before, date after). A
    lower-case word after the verb with no address ('schrieb uns Ihr Mandant:') is prose."""
    if not _after_verb_ok(after):
        return False
    if _ADDRESS.search(before):
        return bool(_DIGIT.search(after))
    if not when.search(before):
        return False
    return bool(_ADDRESS.search(after)) or not _LOWER_START.match(after)


_CHUNK_CACHE = 4096
"""Lines and joined line chunks whose attribution tests are kept (``is_attribution``,
``ends_like_header``): the same lines come back in an email's other renderings and in the
office's letter quoted by every reply (docs/worker-performance.md, "Round 11")."""


@lru_cache(maxsize=_CHUNK_CACHE)  # pure; see _CHUNK_CACHE
def is_attribution(chunk: str, *, quote_below: bool = False) -> bool:
    """True when ``chunk`` (one to three joined lines, '>' markers removed) is an
    attribution header: verb + (time or address) + a digit, ending as a header ends
    (the verb last, or followed only by the sender / Lotus' date). A date with its
    year may stand in for the time when the verb ends the line ('On Nov 26, 2013 you
    wrote:') or when ``quote_below`` (the next text is '>'-quoted: 'Am 28.10.2026
    schrieb Schuldnerberatung Böhmer e.V.:')."""
    if len(chunk) > MAX_LINE or not _DIGIT.search(chunk):
        return False
    dated = not _TIME.search(chunk) and not _ADDRESS.search(chunk)
    if dated and not _FULL_DATE.search(chunk):
        return False
    if _VERB_AT_END.search(chunk):
        return True
    if dated and not quote_below:
        return False
    when = _FULL_DATE if dated else _TIME
    return any(_mid_verb_ok(chunk[: m.start()], chunk[m.end() :], when) for m in _VERB.finditer(chunk))


@lru_cache(maxsize=_CHUNK_CACHE)  # pure; see _CHUNK_CACHE
def ends_like_header(line: str) -> bool:
    """Cheap pre-filter: a line that could end an attribution header."""
    return bool(line) and len(line) <= MAX_LINE and bool(_ENDS_HEADERISH.search(line))


def label_roles(line: str) -> list[str]:
    """Roles of the field labels on ``line``: the leading one first, then any FUSED later
    ones (``[]`` when the line does not start with a field label)."""
    m = LABEL_LINE.match(line) if ":" in line else None  # a label ends in ':' (the test is cheaper)
    if m is None:
        return []
    roles = [m.lastgroup or ""]
    roles += [f.lastgroup or "" for f in _INNER_LABEL.finditer(line, m.end())]
    return roles


def block_is_header(roles: set[str], text: str) -> bool:
    """A field block is a header when it names a sender and carries a sent/date field,
    or a subject and an e-mail address."""
    if "from_" not in roles:
        return False
    return (
        "sent" in roles
        or ("subject" in roles and bool(_ADDRESS.search(text)))
        or ("to" in roles and "subject" in roles)
    )
