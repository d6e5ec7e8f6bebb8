"""A claim handed over to a collector, a lawyer or an enforcement body: the sender no longer holds it.

A creditor that has handed its claim to a collection agency, a law firm, a bailiff or a public
enforcement office ("an unseren Inkassopartner, die Hessische Forderungsdienst GmbH, …
abgegeben", "passed to our solicitors, Bond & Co, for recovery", "overgedragen aan
incassobureau Flanderijn", "transmis à notre cabinet de recouvrement", "affidata alla società di
recupero crediti", "trasladado a la agencia de recobro") states, beside it, the figure at the
hand-over: the claim is now managed elsewhere, and a person records the new holder or agent
before any figure is applied (docs/evaluation.md, "Sold and assigned claims").

Read by structure, sentence by sentence, not by a list of whole phrases: a recipient (an
agency, collector, lawyer, bailiff or enforcement noun, or a firm with a legal form) and a
hand-over verb in the same clause of one sentence; not negated before the verb ("wurde weder
verkauft noch an ein Inkassobüro abgegeben", "has not been passed to"; "nicht mehr bei uns"
states the fact), not under a condition or a mere possibility ("If it remains unpaid, the
account may be passed to a collection agency"), and not handed to the sender itself ("wurde uns
von der Nordlicht Versand GmbH zur Beitreibung übergeben" — the agent of record writing).
"""

from __future__ import annotations

import re

from creditctl.pipeline.reply_wording import ABBREVIATIONS, NEGATIONS, sentence_span
from creditctl.pipeline.scan import prefiltered

__all__ = ["handover_phrase", "possible_only"]

#: Who takes a claim over: a collection agency, a collector, a lawyer or law firm, a bailiff or
#: a public enforcement office, in the office's languages (a department of the sender is none).
_RECIPIENT = prefiltered(
    re.compile(
        r"(?<!\w)(?:"
        r"\w*inkasso\w*|rechtsanw\w*|anw(?:a|ä)lt\w*|kanzlei\w*|rechtsbeist\w*|gerichtsvollzieher\w*|\w*zollamt\w*|"
        r"vollstreckungs(?:behörde|stelle|beamt)\w*|forderungsdienst\w*|"
        r"collections? (?:agen|partner|firm|compan|specialist|provider)\w*|debt collect\w*|collectors?|"
        r"(?:debt )?recovery (?:agen|partner|firm|compan|specialist)\w*|debt recovery|solicitors?|lawyers?|law firms?|attorneys?|"
        r"legal (?:representative|adviser|advisor|partner|counsel)s?|enforcement (?:agent|officer)s?|bailiffs?|sheriff\w*|"
        r"\w*incasso\w*|\w*deurwaarder\w*|advoca\w*|"
        r"(?:société|cabinet|agence|organisme|prestataire|partenaire) (?:de |d')?recouvrement|huissier\w*|"
        r"commissaire de justice|avocat\w*|"
        r"recupero crediti|(?:società|agenzia) (?:di|per il) recupero|(?:nostro|al|allo|il|un|studio) legale|avvocat\w*|"
        r"ufficiale giudiziario|"
        r"recobro|(?:agencia|empresa|sociedad) de (?:cobro|gestión de cobro)s?|abogad\w*|bufete|despacho de abogados|"
        r"advokat\w*|kronofogde\w*|namsmann\w*|perintätoimisto\w*|asianajaj\w*"
        r")(?!\w)",
        re.IGNORECASE,
    ),
    "abcdefghiklnoprsuv",
    ("inkasso", "zollamt", "incasso", "deurwaarder"),
)
#: A department or team of the sender ("Inkassoabteilung", "collections team"): not a new holder.
_INTERNAL = re.compile(
    r"abteilung|department|team|stelle|afdeling|service|servizio|departamento|avdelning|afdeling|osasto",
    re.IGNORECASE,
)
#: A firm named with its legal form ("die Creditreform Berlin GmbH", "Lowell Solutions Ltd").
_FIRM = re.compile(
    r"(?<!\w)(?:GmbH|mbH|AG|KG|OHG|e\.\s?K\.|Ltd|Limited|plc|LLP|LLC|B\.\s?V\.|BV|N\.\s?V\.|S\.\s?A\.|SA|SAS|SARL|"
    r"S\.p\.A\.|SpA|S\.r\.l\.|Srl|S\.L\.|SL|AB|A/S|ASA|Oy|Oyj)(?!\w)"
)
#: The hand-over itself, by its verb.
_VERB = re.compile(
    r"(?<!\w)(?:abgegeben|abzugeben|übergeben|übertragen|weitergegeben|weitergeleitet|überstellt|ausgelagert|"
    r"beauftragt|eingeschaltet|"
    r"passed|handed|referred|transferred|placed|instructed|assigned|sent|forwarded|escalated|outsourced|"
    r"overgedragen|overgedaan|gegeven|doorgegeven|doorgestuurd|overgemaakt|ingeschakeld|"
    r"transmise?s?|confiée?s?|transférée?s?|remise?s?|cédée?s?|mandatée?s?|"
    r"affidat[oaie]|trasmess[oaie]|passat[oaie]|trasferit[oaie]|incaricat[oaie]|cedut[oaie]|"
    r"cedid[oa]s?|trasladad[oa]s?|remitid[oa]s?|encomendad[oa]s?|traspasad[oa]s?|transferid[oa]s?|derivad[oa]s?|"
    r"överlämna\w*|överfört|överförd|overdraget|overgivet|overført|oversendt|overlevert|siirretty|siirsimme)(?!\w)",
    re.IGNORECASE,
)
#: The sender itself as the one the claim was handed to ("uns … übergeben", "to us", "aan ons");
#: "bei uns" / "with us" / "von uns" say where it was, not who took it.
_TO_SENDER = re.compile(
    r"(?<!\w)(?<!bei )(?<!with )(?<!from )(?<!von )(?<!bij )(?<!van )(?<!chez )(?<!hos )(?:uns|us|ons|à nous|a noi|a nosotros|oss)(?!\w)",
    re.IGNORECASE,
)
#: A contrast that starts a new clause ("…, sondern wurde an …", "…; however …").
_CONTRAST = re.compile(
    r";|(?<!\w)(?:sondern|aber|jedoch|but|however|maar|echter|mais|cependant|ma|però|pero|sino|men|mutta)(?!\w)",
    re.IGNORECASE,
)
#: A negation; "nicht mehr" / "no longer" states the fact and negates nothing.
_NEGATION = re.compile(
    rf"(?<!\w)(?:{NEGATIONS})(?!\w)(?!\s+(?:mehr|länger|longer|meer|langer|plus|più|más|lenger|längre|enää)\b)"
    r"|(?<!\w)n['’](?=\w)",
    re.IGNORECASE,
)
#: A condition or a mere possibility before the verb: no hand-over has happened.
_MAYBE = re.compile(
    r"(?<!\w)(?:if|unless|otherwise|should|may|might|could|can|wenn|falls|sofern|sollte[n]?|andernfalls|ansonsten|"
    r"kann|können|könnte[n]?|müssten|indien|tenzij|anders|kunnen|kan|zou(?:den)?|sinon|pourr\w*|peut|qualora|"
    r"altrimenti|potr\w*|può|podr\w*|puede|de lo contrario|om|hvis|dersom|ifall|annars|ellers|jos|muuten|voi)(?!\w)",
    re.IGNORECASE,
)


#: A sentence end: a period, "!", "?" or ";" before a capital or a quote, or a blank line (a period
#: before a digit — "Str. 40", "am 02.12. 2026" — ends none).
_STOP = re.compile(r"[.!?;]\s+(?=[A-ZÄÖÜÀ-ÖØ-Þ\"„»«(])|\n\s*\n")
#: A hand-over taken back: "Diese Abgabe haben wir … zurückgenommen", "the account has been recalled
#: from the agency", "le dossier a été repris", "wird wieder von uns bearbeitet".
_REVERSED = re.compile(
    r"(?<!\w)(?:zurückgenommen|zurückgeholt|zurückgerufen|zurückgezogen|rückgängig|wieder (?:\w+ )?(?:von uns|bei uns|selbst)|"
    r"recalled|withdrawn from|taken back|back (?:with us|in-house)|returned to us|"
    r"teruggehaald|teruggenomen|ingetrokken|weer bij ons|repris|retiré|rappelé|ritirat[oa]|revocat[oa]|"
    r"retirad[oa]|recuperad[oa]|återkallat|tagit tillbaka|trukket tilbage|trukket tilbake|kaldt tilbake)(?!\w)",
    re.IGNORECASE,
)


def possible_only(text: str, start: int, end: int) -> bool:
    """Whether the hand-over phrase at ``text[start:end]`` stands under a condition or in the
    conditional mood in its clause, before its end ("Sollte bis zum 20.12. keine Zahlung
    eingehen, müssten wir die Forderung an ein Inkassounternehmen übergeben", "If it remains
    unpaid, the account may be sold"): no hand-over has happened. A plain "can" ("wir können
    Ihnen mitteilen, dass … verkauft wurde") is no condition."""
    begin, _stop = _sentence(text, start, end)
    sentence = text[begin:end]
    c0 = max((m.end() for m in _CONTRAST.finditer(sentence)), default=0)
    return bool(_CONDITIONAL.search(sentence, c0))


#: A condition or the conditional mood (``_MAYBE`` without the plain "can"): "falls", "sollte",
#: "müssten", "if … may", "indien", "si", "qualora", "om" (not "om att", "that").
_CONDITIONAL = re.compile(
    r"(?<!\w)(?:if|unless|otherwise|should|may|might|could|would|wenn|falls|sofern|sollte[n]?|andernfalls|ansonsten|"
    r"könnte[n]?|müssten|würden?|indien|tenzij|zou(?:den)?|sinon|pourrai\w*|qualora|altrimenti|potrebbe\w*|"
    r"podría\w*|de lo contrario|om(?! att| at)|hvis|dersom|ifall|annars|ellers|jos|muuten)(?!\w)",
    re.IGNORECASE,
)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """(begin, stop) of the sentence around ``text[start:end]``: ``sentence_span``'s begin, and
    the next sentence end that follows no abbreviation ("Frankfurter Str. 40, … abgegeben")."""
    begin = sentence_span(text, start, end)[0]
    for m in _STOP.finditer(text, end):
        word = re.search(r"[^\W\d_]+$", text[max(begin, m.start() - 12) : m.start()])
        if m.group(0)[0] == "." and word and (word.group(0).lower() in ABBREVIATIONS or len(word.group(0)) == 1):
            continue
        return begin, m.start()
    return begin, len(text)


def _reversed(text: str, stop: int) -> bool:
    """Whether the sentence after a hand-over (up to the next blank line) takes it back, unnegated."""
    nxt = _STOP.search(text, stop + 1)
    following = text[stop : nxt.start() if nxt and nxt.start() > stop + 1 else min(len(text), stop + 240)]
    following = following.split("\n\n", 1)[0]
    m = _REVERSED.search(following)
    return m is not None and not _NEGATION.search(following, max(0, m.start() - 30), m.start())


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """(begin, end) in ``sentence`` of the clause holding ``pos``: between contrasts."""
    begin = max((m.end() for m in _CONTRAST.finditer(sentence, 0, pos)), default=0)
    after = _CONTRAST.search(sentence, pos)
    return begin, after.start() if after else len(sentence)


def _handed_over(clause: str, at: int, recipient: str) -> bool:
    """Whether ``clause`` hands the claim to ``recipient`` (at ``at``): a hand-over verb; no
    negation from the comma-part holding the first of the two up to the verb ("da … nicht gezahlt
    wurde, hat der Vorstand beschlossen, die Angelegenheit unserem Rechtsanwalt zu übergeben" is
    a hand-over); no condition or possibility before the verb; not to the sender itself."""
    if _INTERNAL.search(recipient):
        return False
    verbs = [v.start() for v in _VERB.finditer(clause)]
    if not verbs:
        return False
    verb = min(verbs, key=lambda v: abs(v - at))
    part = clause.rfind(",", 0, min(verb, at)) + 1
    if _NEGATION.search(clause, part, verb) or _MAYBE.search(clause, 0, verb):
        return False
    return _TO_SENDER.search(clause) is None


def _firm_named(sentence: str, m: re.Match[str]) -> bool:
    """Whether the legal form at ``m`` ends a firm named after "an die" / "to" / "aan" / "à" …"""
    before = sentence[max(0, m.start() - 60) : m.start()]
    return bool(_TO_FIRM.search(before))


#: A preposition and an article before a firm's name ("an die Kronos Inkasso GmbH", "to Lowell Ltd").
_TO_FIRM = re.compile(
    r"(?<!\w)(?:an|to|aan|naar|à|au|aux|a|al|alla|allo|ai|till|til)\s+(?:(?:die|den|das|the|de|het|la|le|l'|el|los|las)\s+)?"
    r"(?:(?:firma|company|firm|società|société|sociedad|empresa|bureau|kantoor|selskab|selskap|bolag)\s+)?[A-ZÄÖÜ][^\n]{0,50}$"
)


#: The collection itself entrusted to someone ("confié le recouvrement de la créance … à la société
#: Contentia", "den Einzug der Forderung … an die Creditreform Berlin übertragen", "entrusted the
#: collection of the debt to Lowell"): with a hand-over verb and a recipient named by a capital.
_TASK = re.compile(
    r"(?<!\w)(?:le recouvrement|l'encaissement|den (?:forderungs)?einzug|die (?:beitreibung|einziehung)|das inkasso|"
    r"zur (?:beitreibung|einziehung)|zum (?:forderungs)?einzug|for (?:collection|recovery)|ter incasso|pour recouvrement|"
    r"per il recupero|para su cobro|"
    r"the (?:collection|recovery) of|de incasso|de inning|il recupero|la riscossione|el cobro|la gestión de cobro|"
    r"inddrivelsen|innkrevingen|indrivningen)(?!\w)",
    re.IGNORECASE,
)
#: A recipient named after its preposition ("à la société Contentia", "an die Creditreform", "to Lowell").
_NAMED_TO = re.compile(
    r"(?<!\w)(?:à|au|an|to|aan|a|al|alla|till|til)\s+(?:(?:la|le|l'|die|den|das|de|het|el|il)\s*)?"
    r"(?:(?:société|firma|company|firm|società|sociedad|empresa|bureau|kantoor)\s+)?[A-ZÄÖÜ][\w&.-]+"
)


def _recipients(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that may name a new holder: agency, lawyer or enforcement nouns, firms'
    legal forms and a collection entrusted to someone named, in order."""
    spans = [(m.start(), m.end()) for m in _RECIPIENT.finditer(text)]
    spans += [(m.start(), m.end()) for m in _FIRM.finditer(text)]
    spans += [(m.start(), m.end()) for m in _TASK.finditer(text)]
    return sorted(spans)


#: A forward separator line of a mail client: dashes, "Weitergeleitet von" / "Forwarded by" … , dashes.
_FORWARD_LINE = re.compile(
    r"^[ \t]*-{3,}[ \t]*(?:weitergeleitet von|forwarded by|doorgestuurd door|transféré par|inoltrato da|reenviado por|"
    r"videresendt af|vidarebefordrat av|videresendt av)\b[^\n]*?-{3,}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def handover_phrase(text: str) -> str | None:
    """The sentence (cut to 160 characters) of ``text`` saying the claim was handed to a
    collection agency, a lawyer, a bailiff or an enforcement office (module docstring); None:
    none. ``text``: normalised (``safety.normalise``). Pure; never raises. A mail client's
    forward separator ("----- Weitergeleitet von Petra Gruber/ALPENINKASSO am 03.12.2026 10:12
    -----", Lotus Notes) forwards the message, not the claim: it is read as blank."""
    text = _FORWARD_LINE.sub(lambda m: " " * len(m.group(0)), text)
    for start, end in _recipients(text):
        begin, stop = _sentence(text, start, end)
        sentence = text[begin:stop]
        pos = start - begin
        firm = _FIRM.match(sentence, pos)
        if firm is not None and not _RECIPIENT.match(sentence, pos) and not _firm_named(sentence, firm):
            continue
        c0, c1 = _clause(sentence, pos)
        if _TASK.match(sentence, pos) and not _NAMED_TO.search(sentence, pos, c1):
            continue
        if _handed_over(sentence[c0:c1], pos - c0, text[start:end]) and not _reversed(text, stop):
            return " ".join(sentence.split())[:160]
    return None
