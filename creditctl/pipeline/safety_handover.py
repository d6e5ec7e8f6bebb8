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

from creditctl.pipeline.excerpts import sentence_excerpt
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
#: The same in the office's further creditor languages (pl, cs, sk, hu, ro, bg, hr/sr/bs in Latin and
#: Cyrillic, sl, lt, lv, et, tr, el, pt, uk, ru): an agency or firm of collection, a law office, a
#: bailiff ("przekazana do dalszej windykacji firmie BEST S.A.", "predali v izterjavo agenciji Intrum",
#: "предадено за събиране на Агенция за събиране на вземания ЕАД", "encaminhado para a empresa de
#: cobrança", "avukatımıza devredilmiştir", "διαβιβάστηκε στην εισπρακτική εταιρεία"). A bare
#: "company" word needs a capital after it: "firmie BEST S.A.", "společnosti Kruk".
_RECIPIENT_MORE = prefiltered(
    re.compile(
        r"(?<!\w)(?:"
        # pl
        r"(?:firm|agencj|spółk|kancelari)\w* windykacyjn\w*|windykator\w*|do (?:dalszej |zewnętrznej )?windykacji|"
        r"kancelari\w* (?:prawn|radc|adwokack)\w*|komornik\w*|adwokat\w*|radc\w* prawn\w*|fundusz\w* sekurytyzacyjn\w*|"
        # cs, sk
        r"inkasní\w*|inkasn\w*|vymáhací\w*|advokátní\w*|advokát\w*|advokátsk\w*|exekutor\w*|exekútor\w*|"
        # hu
        r"követeléskezel\w*|behajtó\w*|behajtás\w*|ügyvéd\w*|végrehajtó\w*|"
        # ro
        r"(?:agenți|agenție|agenției|firm|societ|compani)\w* de recuperare\w*|recuperare(?:a)? (?:a )?(?:creanțe|debite)\w*|"
        r"cabinet\w* de avocatur\w*|executor\w* judecătoresc\w*|"
        # bg, sr/bs Cyrillic, ru, uk
        r"агенци\w*|агенциј\w*|колектор\w*|коллектор\w*|адвокат\w*|юрист\w*|юридичн\w* (?:фірм|компані)\w*|"
        r"съдебн\w* изпълнител\w*|за събиране|судебн\w* пристав\w*|виконавц\w*|агентств\w*|наплат\w*|"
        # hr, sr, bs, sl
        r"agencij\w*|naplat\w* potraživanj\w*|odvjetni\w*|javn\w* bilježni\w*|izterjav\w*|odvetni\w*|izvršitelj\w*|"
        # lt, lv, et
        r"išieškojim\w*|skolų (?:administravim|valdym)\w*|antstol\w*|parādu piedziņ\w*|piedziņ\w*|advokāt\w*|"
        r"tiesu izpildītāj\w*|sissenõud\w*|võlgade menetl\w*|advokaa\w*|kohtutäitur\w*|"
        # tr
        r"tahsilat (?:şirket|firma|ajans|birim dışı)\w*|varlık yönetim\w*|avukat\w*|hukuk bürosu\w*|"
        # el
        r"εισπρακτικ\w*|εταιρεί\w* (?:είσπραξης|διαχείρισης|ενημέρωσης)\w*|δικηγόρ\w*|δικαστικ\w* επιμελητ\w*|"
        # pt (PT and BR)
        r"(?:empresa|agência|sociedade|entidade|gestora) (?:de|especializada em) (?:cobranças?|recuperação)\w*|"
        r"cobrança (?:judicial|extrajudicial|externa)|recuperação de crédito\w*|advogad\w*|escritório de advocacia|"
        r"solicitador\w*|agente de execução|"
        # a company word with a capital after it
        r"(?:firmie|spółce|společnosti|spoločnosti|societății|firmei|društvu|družbi|bendrovei|sabiedrībai|ettevõttele|"
        r"şirketine|empresa|дружество|компании|компанії)(?=\s+\(?[A-ZÀ-ÞĀ-ŽА-ЯΑ-Ω])"
        r")(?!\w)",
        re.IGNORECASE,
    ),
    "abcdefghijklnoprstuvwyzáäéíöüčšžłśżăâîșțęąőűūėįųāēīĕкаеюсузвнδεαηψ",
)
#: A department or team of the sender ("Inkassoabteilung", "collections team"): not a new holder.
_INTERNAL = re.compile(
    r"abteilung|department|team|stelle|afdeling|service|servizio|departamento|avdelning|afdeling|osasto|"
    # pl, cs/sk, hu, ro, hr/sr/sl, bg/ru/uk, el, tr, lt, lv, et, pt: "Dział Windykacji", "oddělení vymáhání"
    r"dział\w*|zespół\w*|oddział\w*|oddělení|odbor\w*|oddelen\w*|osztály\w*|departament\w*|serviciul\w*|direcți\w*|"
    r"odjel\w*|služb\w*|oddelk\w*|sektor\w*|отдел\w*|відділ\w*|служб\w*|τμήμα\w*|διεύθυνσ\w*|birim\w*|departman\w*|"
    r"skyri\w*|nodaļ\w*|osakon\w*|departamento|direção|setor",
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
    r"överlämna\w*|överfört|överförd|overdraget|overgivet|overført|oversendt|overlevert|siirretty|siirsimme|"
    # pl, cs, sk, hu, ro
    r"przekaza\w*|przekazan\w*|scedowa\w*|zlecon\w*|zleciliśmy|powierzon\w*|skierowan\w*|przeniesion\w*|"
    r"předán\w*|předal\w*|předali\w*|postoupen\w*|postoupil\w*|svěřen\w*|převeden\w*|odovzdan\w*|odovzdal\w*|"
    r"postúpen\w*|postúpil\w*|átad\w*|átadásra|átruház\w*|kiszervez\w*|megbíztuk|"
    r"predat\w*|transmis\w*|transferat\w*|cesionat\w*|încredințat\w*|externalizat\w*|preluat\w*|"
    # bg, sr/bs Cyrillic, ru, uk
    r"предаден\w*|предадено|предадохме|прехвърлен\w*|възложен\w*|преотстъпен\w*|предат\w*|уступљен\w*|"
    r"прослеђен\w*|пренет\w*|поверен\w*|передан\w*|передали|передано|уступлен\w*|переуступ\w*|направлен\w*|"
    r"відступлен\w*|скерован\w*|"
    # hr, sr, bs, sl
    r"predan\w*|predali|predao|predala|predal|ustupljen\w*|proslijeđen\w*|prosleđen\w*|prenesen\w*|prenet\w*|"
    r"povjeren\w*|povereno|odstopljen\w*|odstopil\w*|zaupal\w*|"
    # lt, lv, et
    r"perduot\w*|perdav\w*|perleist\w*|nodot\w*|nodevām|nodevusi|cedēt\w*|üle antud|üle andnud|andsime üle|"
    r"edastatud|edastasime|loovutatud|"
    # tr, el, pt
    r"devredil\w*|devrettik|devretmiş\w*|aktarıl\w*|aktardık|iletil\w*|gönderil\w*|temlik\w*|verilmiş\w*|verildi\w*|"
    r"διαβιβ\w*|μεταβιβ\w*|εκχωρ\w*|ανατέθ\w*|ανατεθ\w*|αναθέσ\w*|παραδόθ\w*|μεταφέρθ\w*|παραπέμφθ\w*|"
    r"transmitid[oa]s?|encaminhad[oa]s?|entregue|remetid[oa]s?|confiad[oa]s?|passad[oa]s?|enviad[oa]s?)(?!\w)",
    re.IGNORECASE,
)
#: The sender itself as the one the claim was handed to ("uns … übergeben", "to us", "aan ons");
#: "bei uns" / "with us" / "von uns" say where it was, not who took it.
_TO_SENDER = re.compile(
    r"(?<!\w)(?<!bei )(?<!with )(?<!from )(?<!von )(?<!bij )(?<!van )(?<!chez )(?<!hos )(?:uns|us|ons|à nous|a noi|a nosotros|oss"
    # dative "to us" of pl, cs/sk, sl/hr/sr, hu, ro, bg, ru/uk, tr, lv: "wierzytelność została nam przekazana"
    r"|nam|nám|nekünk|részünkre|nouă|на нас|нам|нам|bize|mums)(?!\w)",
    re.IGNORECASE,
)
#: A contrast that starts a new clause ("…, sondern wurde an …", "…; however …").
_CONTRAST = re.compile(
    r";|(?<!\w)(?:sondern|aber|jedoch|but|however|maar|echter|mais|cependant|ma|però|pero|sino|men|mutta|"
    r"lecz|jednak|ale|avšak|hanem|viszont|însă|но|ali|međutim|vendar|tačiau|bet|taču|kuid|ama|fakat|ancak|"
    r"αλλά|όμως|mas|porém|однак|однако)(?!\w)",
    re.IGNORECASE,
)
#: A negation; "nicht mehr" / "no longer" states the fact and negates nothing.
_NEGATION = re.compile(
    rf"(?<!\w)(?:{NEGATIONS})(?!\w)(?!\s+(?:mehr|länger|longer|meer|langer|plus|più|más|lenger|längre|enää)\b)"
    r"|(?<!\w)n['’](?=\w)",
    re.IGNORECASE,
)
#: A condition or a possibility in the further languages: "w przypadku braku wpłaty … zostanie przekazana",
#: "pokud", "amennyiben", "dacă", "ако", "ako", "če", "jei", "eğer … takdirde", "εάν", "caso", "если", "якщо". A plain
#: future ("zostanie przekazana", "va fi transmisă") stays a hand-over, as "will be passed" does.
_MAYBE_MORE = (
    r"jeśli|jeżeli|w przypadku|w razie|może|mogą|zostałaby|mogłaby|pokud|jestli|v případě|v prípade|mohla?|môže|"
    r"ak|amennyiben|esetén|dacă|în cazul|în caz contrar|ar putea|poate|ако|в случай|може|ako|u slučaju|"
    r"če|v primeru|lahko|jei|jeigu|gali|kui|võib|eğer|takdirde|halinde|aksi halde|olabilir|εάν|σε περίπτωση|"
    r"ενδέχεται|caso|caso contrário|poderá|pode|если|в случае|может|якщо|у разі|можуть"
)
#: A condition or a mere possibility before the verb: no hand-over has happened.
_MAYBE = re.compile(
    r"(?<!\w)(?:if|unless|otherwise|should|may|might|could|can|wenn|falls|sofern|sollte[n]?|andernfalls|ansonsten|"
    r"kann|können|könnte[n]?|müssten|indien|tenzij|anders|kunnen|kan|zou(?:den)?|sinon|pourr\w*|peut|qualora|"
    r"altrimenti|potr(?:à|ebbe|ebbero|anno|ei|emmo)\w*|può|podr(?:á|ía|ían|án)\w*|puede|de lo contrario|om|hvis|dersom|ifall|annars|ellers|jos|muuten|voi|"
    + _MAYBE_MORE
    + r")(?!\w)",
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
    r"podría\w*|de lo contrario|om(?! att| at)|hvis|dersom|ifall|annars|ellers|jos|muuten|" + _MAYBE_MORE + r")(?!\w)",
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
    spans += [(m.start(), m.end()) for m in _RECIPIENT_MORE.finditer(text)]
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
    """The sentence (``excerpts.sentence_excerpt``: that sentence only, whole words, at most 160
    characters) of ``text`` saying the claim was handed to a
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
        noun = _RECIPIENT.match(sentence, pos) or _RECIPIENT_MORE.match(sentence, pos)
        if firm is not None and not noun and not _firm_named(sentence, firm):
            continue
        c0, c1 = _clause(sentence, pos)
        if _TASK.match(sentence, pos) and not _NAMED_TO.search(sentence, pos, c1):
            continue
        if _handed_over(sentence[c0:c1], pos - c0, text[start:end]) and not _reversed(text, stop):
            return sentence_excerpt(text, start, end, abbreviations=ABBREVIATIONS)  # its own sentence
    return None
