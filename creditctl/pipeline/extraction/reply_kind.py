"""Is this a creditor's reply, and what kind? Phrase tables per language (de, en, nl,
fr, it, es, nordic).

Machine mail is recognised from its headers first: RFC 3834 ``Auto-Submitted`` (any
value but ``no``), ``X-Autoreply``/``X-Autorespond`` (Exchange, Zimbra), ``Precedence:
auto_reply|bulk|junk`` (RFC 2076), ``List-Unsubscribe`` (RFC 2369) for newsletters;
then from subjects (Abwesenheitsnotiz, Automatische Antwort, Out of office,
Undeliverable, Unzustellbar …), then from a body that calls itself automatically
generated and states no amount (receipt confirmations). Court, bailiff and enforcement-office mail
(``ENFORCEMENT_ACTORS``/``ENFORCEMENT_PHRASES``) is ``enforcement``, not a creditor's
reply. Everything else is classified by ``KIND_PHRASES`` (kind → language → phrases),
most specific first: claim assigned, client unknown, enforcement the creditor reports
as started ("an den Gerichtsvollzieher übergeben", "överlämnats till Kronofogden"; a
threat is not), settled, document request, dispute (including "still under review"),
settlement proposal; else a claim statement when a claim amount was read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from creditctl.pipeline.extraction.amounts import find_amounts
from creditctl.pipeline.extraction.model import ReplyKind
from creditctl.pipeline.procedure_echo import office_procedure
from creditctl.pipeline.reply_wording import (
    about_a_thing,
    acquisition_phrase,
    cost_item,
    enforcement_discounted,
    is_checking,
    names_objection,
    pause_for_the_plan,
    resolved_dispute,
    settled_discounted,
    unwrapped,
)
from creditctl.pipeline.safety import INJECTIONS
from creditctl.pipeline.safety_handover import possible_only
from creditctl.pipeline.scan import KeptBranches, compile_prefiltered, word_start_split

__all__ = [
    "ENFORCEMENT_ACTORS",
    "ENFORCEMENT_PHRASES",
    "KIND_PHRASES",
    "KindFinding",
    "classify_reply",
    "classify_text",
    "enforcement_mail",
    "find_injection_lines",
    "is_client_writing",
    "machine_mail",
    "strip_injections",
]


@dataclass(frozen=True)
class KindFinding:
    """A decision and the exact text that triggered it (``source``: body, subject, headers)."""

    kind: ReplyKind
    text: str
    source: str


# "within one sentence": any character but a full stop or a line break; a dot between
# digits ("4.000,00 €") does not end a sentence.
_GAP = r"(?:[^.\n]|(?<=\d)\.(?=\d))"


# the same, also across a title or abbreviation dot ("Sig.ra Chiara", "D. Raúl")
_GAPA = r"(?:[^.\n]|\.(?=\S)|(?<=\d)\.(?=\d)|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-zñ])\.|(?<=\b[A-Z][a-zñ]{2})\.)"


def _rx(*patterns: str, first: str | None, anywhere: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One case-insensitive alternation of ``patterns``; behind the declared first-character
    test ``first`` and the literals of its ``\\w*``-opening phrases ``anywhere``
    (``scan.prefiltered``: the same matches, fewer positions tried) unless ``first`` is None;
    a prefiltered table is scanned word start first (``scan.word_start_split``: the same
    matches, the positions inside a word tried only for the phrases not opening with ``\\b``)."""
    filled = [p.replace("{_GAP}", _GAP).replace("{_GAPA}", _GAPA) for p in patterns]
    if first is None:
        return re.compile("|".join(f"(?:{p})" for p in filled), re.IGNORECASE)
    source = word_start_split(filled, re.IGNORECASE)
    return compile_prefiltered(source, re.IGNORECASE, first, anywhere)  # compiled once


def _table(table: dict[str, tuple[str, ...]], first: str | None, anywhere: tuple[str, ...] = ()) -> re.Pattern[str]:
    """One case-insensitive pattern over every language of a phrase table; ``first``: every
    character a phrase of it can start with (a class body, ``scan.prefiltered``), declared with
    the table — a phrase added with another first letter must add it here, one opening with
    ``\\w*`` its literal to ``anywhere`` (tests/unit/test_scan_prefilter.py compares each table
    with its plain pattern)."""
    return _rx(*(p for patterns in table.values() for p in patterns), first=first, anywhere=anywhere)


_AUTO_SUBJECT = _table(
    {
        "de": (
            r"abwesenheitsnotiz",
            r"automatische (?:antwort|eingangsbestätigung|empfangsbestätigung)",
            r"abwesend(?:heit)?\b",
        ),
        "en": (r"out of (?:the )?office", r"auto-?reply", r"automatic reply", r"autoresponder", r"\bOOO\b"),
        "nl": (r"afwezigheidsmelding", r"automatisch antwoord", r"\bafwezig\b"),
        "fr": (r"réponse automatique", r"absence du bureau", r"message d'absence"),
        "it": (r"risposta automatica", r"fuori (?:sede|ufficio)"),
        "es": (r"respuesta automática", r"fuera de la oficina"),
        "nordic": (
            r"frånvaro",
            r"automatiskt svar",
            r"fravær",
            r"autosvar",
            r"automatisk svar",
            r"poissa",
            r"automaattinen vastaus",
        ),
    },
    first="afmopr",
)
_BOUNCE_SUBJECT = _table(
    {
        "de": (r"unzustellbar", r"nicht zugestellt"),
        "en": (
            r"undeliverable",
            r"delivery status notification",
            r"returned mail",
            r"mail delivery failed",
            r"delivery failure",
            r"undelivered mail",
        ),
        "nl": (r"onbestelbaar",),
        "fr": (r"non remis", r"échec de (?:la )?remise"),
        "it": (r"non recapitabile",),
        "es": (r"no se puede entregar", r"no entregado"),
        "nordic": (r"olevererbart", r"kan ikke leveres", r"ei voitu toimittaa"),
    },
    first="dekmnorué",
)
_BOUNCE_SENDER = _rx(r"mailer-daemon", r"postmaster@", r"mail delivery (?:subsystem|system)", first="mp")
_NEWSLETTER = _rx(r"\bnewsletter\b", r"\bnieuwsbrief\b", r"\blettre d'information\b", r"\bnyhetsbrev\b", first="ln")
# Receipt confirmations and other system mail that carry no auto-reply header.
_AUTO_BODY = _table(
    {
        "de": (
            r"\bautomatisch (?:generierte|erzeugte|erstellte|versandte|versendete)\w* (?:eingangsbestätigung|nachricht|e-?mail|antwort|mitteilung|benachrichtigung)",
            r"\b(?:e-?mail|nachricht|antwort) (?:wurde|wird) automatisch (?:erstellt|generiert|erzeugt|versendet|versandt|verschickt)",
            # ticket systems: "Ihre Anfrage wurde unter der Ticketnummer 2026… erfasst"
            r"\bihre (?:anfrage|nachricht|e-?mail) (?:ist|wurde) (?:bei uns )?(?:unter (?:der )?(?:ticket|vorgangs)\w* [\w#-]+ )?(?:eingegangen|erfasst|registriert|angelegt)",
            # a receipt that promises an answer: "… Ihre Anfrage erhalten und werden uns schnellstmöglich melden"
            r"\b(?:anfrage|nachricht|e-?mail)\b{_GAP}{0,60}\b(?:erhalten|eingegangen|erfasst)\b{_GAP}{0,100}\b(?:melden|schnellstmöglich|zeitnah)",
        ),
        "en": (
            r"\b(?:this is an? )?(?:automated|automatically generated|auto-generated|automatic) (?:acknowledge?ment|message|response|reply|e-?mail|notification)",
            r"\b(?:a )?(?:support )?ticket (?:has been|was) (?:created|opened|logged)\b",
            r"\byour (?:request|enquiry|e-?mail) has been (?:logged|received) under\b",
            r"\byour (?:request|enquiry|inquiry|e-?mail|message)\b{_GAP}{0,30}\bhas been received\b",
            r"\b(?:received|receipt of) your (?:e-?mail|message|request|enquiry|inquiry)\b{_GAP}{0,120}\b(?:get back to you|hear from us|be in touch|contact you)",
        ),
        "nl": (
            r"\bautomatisch (?:gegenereerd|verzonden) (?:bericht|e-?mail)",
            r"\bdit is een automatisch",
            r"\bautomatische ontvangstbevestiging",
            r"\b(?:bericht|e-?mail|vraag)\b{_GAP}{0,60}\bontvangen\b{_GAP}{0,80}\b(?:contact met u op|nemen wij contact|reageren)",
        ),
        "fr": (
            r"\b(?:message|courriel|e-?mail) (?:généré |envoyé )?automatique",
            r"\bavons bien reçu votre (?:message|courriel|e-?mail|demande)\b{_GAP}{0,80}\b(?:répondrons|recontacterons|reviendrons)",
        ),
        "it": (
            r"\bmessaggio (?:generato )?automatic",
            r"\babbiamo ricevuto (?:la sua|la vostra|il suo|il vostro) (?:richiesta|messaggio|e-?mail)\b{_GAP}{0,80}\b(?:contatteremo|risponderemo)",
        ),
        "es": (
            r"\bmensaje (?:generado )?automátic",
            r"\bhemos recibido su (?:consulta|mensaje|correo|solicitud)\b{_GAP}{0,80}\b(?:responderemos|contactaremos|pondremos en contacto)",
        ),
        "nordic": (
            r"\bautomatiskt (?:genererat|skickat)",
            r"\bautomatisk (?:genereret|generert)",
            r"\bautomaattisesti",
            r"\bvi har (?:tagit emot|mottatt|modtaget) (?:ditt|din|dit|er|deres) (?:ärende|mejl|meddelande|e-?post|henvendelse|besked|mail)\b{_GAP}{0,80}\b(?:återkommer|vender tilbake|vender tilbage|kontakter)",
            r"\bolemme vastaanottaneet viesti\w*",
        ),
    },
    first="a-ehimnorstvy",
)

_CLIENT_PHRASES = _table(
    {
        "de": (
            r"\bich (?:bin|war) (?:ihr|ihre) (?:mandant|mandantin|klient|klientin)",
            r"\bmeine?n? (?:schulden|gläubiger|akte|beraterin|berater|kredite?)\b",
            (
                r"\bich habe (?:(?:heute|gestern|wieder|nochmal|schon|jetzt|noch) )*(?:einen |ein |eine )?(?:neuen |weiteren |neue |weitere )?"
                r"(?:brief|post|schreiben|mahnung|rechnung|zahlungsaufforderung)"
            ),
            r"\bwas soll ich (?:tun|machen)\b",
            r"\bdie ich (?:bekommen|erhalten) habe\b",
        ),
        "en": (
            r"\bI am your client\b",
            r"\bmy (?:debts?|creditors?|case worker|adviser|advisor)\b",
            r"\bI(?:'ve| have)? (?:received|got) (?:a|another|this) (?:letter|reminder|bill|demand)",
            r"\bwhat should I do\b",
        ),
        "nl": (
            r"\bmijn (?:schulden|schuldeisers?|dossier)\b",
            r"\bik heb (?:weer |nog |opnieuw )?(?:een )?(?:brief|aanmaning|herinnering)",
            r"\bwat moet ik doen\b",
        ),
        "fr": (
            r"\bmes (?:dettes|créanciers)\b",
            r"\bj'ai reçu (?:une )?(?:nouvelle )?(?:lettre|relance)",
            r"\bque dois-je faire\b",
        ),
        "it": (r"\bi miei (?:debiti|creditori)\b", r"\bho ricevuto (?:un'altra |una |un )?(?:lettera|sollecito)"),
        "es": (r"\bmis (?:deudas|acreedores)\b", r"\bhe recibido (?:otra |una )?(?:carta|reclamación)"),
        "nordic": (
            r"\bmina (?:skulder|fordringsägare)\b",
            r"\bmin(?:e)? gæld\b",
            r"\bvelkani\b",
            r"\bjag har fått (?:ett |ännu ett )?brev",
            r"\bjeg har få(?:e)?t (?:et |endnu et |enda et )?brev",
        ),
    },
    first="dhijmqvw",
)
_ORG_RE = re.compile(
    r"\b(?:GmbH|AG|KG|KGaA|e\.\s?V\.|eG|SE|Ltd\.?|Limited|plc|LLC|Inc\.?|OHG|UG|mbH|Inkasso|Bank|Sparkasse|"
    r"Stadtwerke|Versicherung|Telekom|Versand|Energie|Finance|Finanz\w*|Collections?|Kredit\w*|Rechtsanw\w+|"
    r"B\.?V\.?|N\.?V\.?|S\.?A\.?|SAS|SARL|S\.?r\.?l\.?|S\.?p\.?A\.?|S\.?L\.?|AB|A/S|ASA|Oy|Oyj|ApS|AS|Incasso|Recouvrement)\b",
)

_NOT = r"(?<!nicht )(?<!noch nicht )(?<!not )(?<!not yet )(?<!kein )(?<!niet )(?<!pas )(?<!non )(?<!no )(?<!inte )(?<!ikke )"

#: What a creditor checks when its figure is not final: the claim, balance, bookings, payments.
_FIGURES_DE = r"(?:\w*forderung\w*|\w*saldo|umsätze|buchungen|zahlungen|zahlungseingänge|kontobewegungen|\w*konto|\w*betrag|zahlen|angaben)"

#: Reply kinds of a creditor's reply: kind → language → phrases, most specific kind first.
#: ``{_GAP}`` is "within one sentence". Adding a kind or a phrase touches this table only.
KIND_PHRASES: tuple[tuple[ReplyKind, dict[str, tuple[str, ...]]], ...] = (
    (
        ReplyKind.CLAIM_ASSIGNED,
        {
            "de": (
                r"(?:verkauft|abgetreten|zediert)(?: und (?:abgetreten|verkauft|übertragen))? (?:an|auf) (?!uns\b)",
                r"\ban (?!uns\b)(?:die|den|das) {_GAP}{2,90}?\b(?:verkauft|abgetreten|zediert)\b",
                r"\bforderungsverkauf\b",
                r"wenden sie sich (?:bitte )?(?:künftig|zukünftig|direkt)? ?an (?:die|den) neuen?",
                r"\b(?:der|die) neuen? (?:gläubigerin|gläubiger|forderungsinhaberin|forderungsinhaber)\b",
                r"\bforderung\b{_GAPA}{0,100}\b(?:übergegangen|angekauft)\b",
                r"\binhaber(?:in)? der forderung\b",
                # handed to a firm the reply does not name: "an einen externen Inkassodienstleister abgegeben"
                r"\bforderung\b{_GAPA}{0,100}\ban (?:eine?n?|ein) (?:externe[nmrs]? )?\w*(?:inkasso|dienstleister|rechtsanw|anwalt|kanzlei|"
                r"unternehmen|gesellschaft|firma|dritte)\w*\b{_GAP}{0,40}\b(?:abgegeben|übergeben|weitergeleitet)\b(?! werden)",
            ),
            "en": (
                (
                    r"\b(?:sold|assigned|transferred)(?: and (?:assigned|transferred))?(?: (?:the|this|your client's) (?:account|debt|claim|agreement))? to "
                    r"(?!us\b|our\b|you\b|your\b|this\b)(?!(?:the |a |an )?(?:\w+ ){0,2}(?:team|department|section|unit|division|solicitors?)\b)"
                ),
                r"\bthe new (?:owner|creditor|holder) of the (?:account|debt|claim|agreement)\b",
                r"\bdebt (?:purchaser|buyer) (?!is us)",
                r"\bnow (?:owned|held) by\b",
                r"\bnow belongs to\b",
            ),
            "nl": (
                r"\b(?:overgedragen|verkocht|gecedeerd)(?: en (?:overgedragen|gecedeerd))? aan (?!ons\b)",
                r"\bnieuwe schuldeiser\b",
                r"\b(?:is|zijn) (?:per \S+ )?(?:overgedragen|verkocht|gecedeerd)\b",
                r"\bovergenomen door\b",
            ),
            "fr": (
                r"\b(?:cédée?s?|vendue?s?|transférée?s?) (?:à|a|au) (?!nous\b)",
                r"\bcession (?:de|des) (?:la |sa )?créances?\b",
                r"\bnouveau créancier\b",
                r"\b(?:rachetée?|acquise?) par\b",
            ),
            "it": (
                r"\b(?:ceduto|ceduta|venduto|venduta|trasferit[oa]) (?:a|alla|al|ad|alle) (?!noi\b)",
                r"\bcessione del credito\b",
                r"\bnuovo creditore\b",
                r"\b(?:credito|debito|posizione)\b{_GAPA}{0,100}\b(?:acquistat[oa]|rilevat[oa]) da\b",
            ),
            "es": (
                r"\b(?:cedid[oa]|vendid[oa]|transferid[oa]) a (?!nosotros\b)",
                r"\bcesión (?:de|del) (?:la )?(?:deuda|crédito)\b",
                r"\bnuevo acreedor\b",
                r"\b(?:deuda|crédito|cuenta)\b{_GAPA}{0,100}\badquirid[oa] por\b",
            ),
            "nordic": (
                r"\b(?:överlåten|överlåtits|överlåtit|sålts|sålt|solgt|overdraget|overdratt|overdratt) (?:till|til|för) (?!oss\b|os\b)",
                r"\bny (?:borgenär|kreditor|fordringshaver)\b",
                r"\buusi velkoja\b",
                # handed to the enforcement authority or a court is no sale ("siirretty ulosottoon")
                r"\bmyyty\b|\bsiirretty\b(?! (?:ulosot|käräjä|tuomioistui|oikeu))",
                r"\b(?:övertagits|förvärvats|overtaget|opkøbt|overtatt) av\b|\b(?:overtaget|opkøbt) af\b",
            ),
        },
    ),
    (
        ReplyKind.CLIENT_UNKNOWN,
        {
            "de": (
                r"\b(?:nicht|keine?[mnr]?)\b{_GAP}{0,40}\b(?:zuordnen|zuzuordnen|identifizieren|ermitteln)\b",
                r"\b(?:ist|sind) uns (?:leider )?unbekannt\b",
                # the person or the letter cannot be matched ("Ihr Schreiben kann nicht zugeordnet werden"),
                # not a payment without its reference ("andernfalls kann die Zahlung nicht zugeordnet werden")
                r"\b(?:person|mandant\w*|kund\w*|schuldner\w*|schreiben|anfrage|vorgang|name\w*|daten)\b[^.,;\n]{0,50}\bnicht zugeordnet werden",
                r"\bkein(?:em|er|en)? (?:vorgang|kunden\w*|konto|vertrag|person)\b[^.,;\n]{0,40}\bzugeordnet werden",
                r"keine (?:kundenbeziehung|geschäftsbeziehung|vertragsbeziehung|daten|unterlagen) (?:zu|über|von|unter)",
                r"(?:ist|sind) (?:bei )?uns nicht bekannt",
                r"nicht (?:als kunde|in unserem (?:system|bestand))",
                r"kein(?:en)? (?:kunden|vertrag|kundenkonto) (?:mit|unter|zu)",
                r"\bkeinen? (?:vorgang|eintrag|datensatz|kundendatensatz|kundenkonto|kunden|vertrag|person)\w*\b{_GAP}{0,40}\b(?:finden|gefunden|feststellen|festgestellt|ermitteln|ermittelt)",
                r"(?:in|im) unse(?:rem|ren|rer) (?:datenbestand|system|bestand|kundenstamm|unterlagen){_GAP}{0,50}\b(?:nicht|keine?n?)\b{_GAP}{0,30}\b(?:finden|gefunden|vorhanden|erfasst|geführt|angelegt|registriert|verzeichnet)",
                # "haben zu dieser Person keine Forderung im Bestand": nothing in the portfolio for this person
                r"\bkein\w* (?:forderung|vorgang|akte|konto|vertrag|datensatz)\w* (?:im|in unserem) (?:bestand|system|datenbestand|kundenstamm)\b",
            ),
            "en": (
                r"\b(?:is|are) unknown to us\b",
                r"unable to (?:identify|locate|find)",
                r"(?:could|can) ?not (?:identify|locate|find) (?:a|an|any|the|your)",
                r"no (?:record|account) (?:of|for|matching|under)",
                r"not known to us",
            ),
            "nl": (r"\b(?:niet|geen)\b{_GAP}{0,40}\b(?:terugvinden|vinden|identificeren|bekend)\b",),
            "fr": (
                r"\bnous (?:est|sont) inconnue?s?\b",
                r"\b(?:est|sont) inconnue?s? de nos services\b",
                r"\b(?:ne|n')\b{_GAP}{0,40}\b(?:identifi|retrouv|trouv)\w*\b{_GAP}{0,30}\b(?:aucun|pas|client)",
                r"\binconnue? (?:de|dans) nos\b",
            ),
            "it": (
                r"\b(?:è|sono) a noi sconosciut[oaie]\b",
                r"\bnon (?:risulta|è stato possibile|riusciamo|abbiamo trovato){_GAP}{0,40}(?:identificar|trova[rt]|client[ei]|nostri archivi|contratt[oi])",
            ),
            "es": (
                r"\b(?:es|son) desconocid[oa]s? (?:para|por) nosotros\b",
                r"\bno (?:consta|figura|hemos podido){_GAP}{0,40}(?:identificar|localizar|encontrar|nuestr|ningún cliente)",
            ),
            "nordic": (
                r"\b(?:kan inte|kunde inte|kan ikke|kunne ikke|ei löydy|emme löydä)\b{_GAP}{0,40}\b(?:hitta|identifiera|finde|identificere|finne|asiakas)",
                r"\b(?:ukjent|ukendt) for (?:oss|os)\b",
                r"\bokänd för oss\b",
                r"\bmeille tuntematon\b",
                r"\bon tuntematon\b",
            ),
        },
    ),
    (
        ReplyKind.ENFORCEMENT,
        {  # the creditor reports that enforcement HAS started (a threat is no such report)
            "de": (
                r"\b(?:an|dem|den) (?:zuständigen )?gerichtsvollzieher\w* (?:übergeben|abgegeben|beauftragt)\b",
                r"\bzwangsvollstreckung (?:wurde |ist )?(?:bereits )?(?:eingeleitet|beantragt)\b",
                # a public creditor's own enforcement officer: "unseren Vollziehungsbeamten mit der Vollstreckung beauftragt"
                r"\b(?:vollziehungsbeamt|vollstreckungsbeamt|vollstreckungsbedienstet)\w*\b{_GAP}{0,60}\bbeauftragt\b",
                r"\bmit der (?:zwangs)?vollstreckung (?:\w+ )?beauftragt\b",
                r"\bvollstreckungsauftrag (?:wurde )?erteilt\b",
                r"\bmahnbescheid\b{_GAP}{0,60}\bbeantragt\b",
                r"\b\w*klage\b{_GAP}{0,60}\b(?:erhoben|eingereicht)\b(?! werden)",
                # Austria: "den Antrag auf Fahrnis- und Gehaltsexekution … eingebracht"; an enforcement authority asked
                r"\b(?:antrag auf|den)\b{_GAP}{0,40}exekution\w*\b{_GAP}{0,80}\b(?:eingebracht|beantragt|gestellt|bewilligt)\b",
                r"\bvollstreckungsbehörde\b{_GAP}{0,60}\b(?:um vollstreckung ersucht|ersucht|beauftragt)\b",
                # "ein Exekutionsantrag (Fahrnis- und Gehaltsexekution) eingebracht", "Pfändungsantrag gestellt"
                r"\b(?:exekutions|vollstreckungs|pfändungs)antrag\w*\b{_GAPA}{0,80}\b(?:eingebracht|beantragt|gestellt|bewilligt|eingereicht)\b",
                # Switzerland: "die Betreibung Nr. 2026-88412 eingeleitet", "der Zahlungsbefehl wurde … zugestellt"
                r"\bbetreibung\b{_GAPA}{0,60}\b(?:eingeleitet|angehoben|angestrengt)\b",
                r"\bzahlungsbefehl\b{_GAPA}{0,60}\bzugestellt\b",
            ),
            "en": (
                r"\b(?:passed|referred|handed) (?:over )?to (?:our |the )?(?:enforcement agents?|bailiffs?|high court enforcement)\b",
                r"\b(?:we have|have been) instructed (?:enforcement agents|bailiffs)\b",
            ),
            "nl": (r"\b(?:overgedragen|uit handen gegeven) aan (?:de |onze )?(?:gerechts)?deurwaarder\b",),
            "fr": (
                r"\b(?:transmis|confié) (?:à|a) (?:un |l'|notre )?(?:huissier|commissaire de justice)\b",
                r"\b(?:requête en |procédure d')injonction de payer\b{_GAP}{0,80}\b(?:déposée?|introduite?|fait|engagée?)\b",
                r"\b(?:déposé|introduit|engagé) (?:une )?(?:requête en |procédure d')injonction de payer\b",
            ),
            "it": (
                r"\b(?:affidat[oa]|trasmess[oa]) all'ufficiale giudiziario\b",
                r"\b(?:avviato|promosso) (?:il )?pignoramento\b",
            ),
            "es": (r"\b(?:iniciado|interpuesto) (?:el |un )?(?:procedimiento (?:judicial|monitorio)|embargo)\b",),
            "nordic": (
                r"\b(?:överlämnats|överlämnat|lämnats över) till kronofogden\b",
                r"\b(?:sendt|oversendt) til fogedretten\b",
                r"\bbegjært utlegg\b",
                r"\bsiirretty (?:ulosottoon|ulosottoviranomaiselle|käräjäoikeuteen)\b",
            ),
        },
    ),
    (
        ReplyKind.OTHER,
        {  # a collective debt procedure is open: the claim is lodged there, not settled with the office
            "de": (r"\b\w*insolvenzverfahren\b", r"\bprivatinsolvenz\b", r"\brestschuldbefreiung\b"),
            "en": (
                r"\bbankruptcy (?:order|petition|proceedings)\b",
                r"\bdebt relief order\b",
                r"\bindividual voluntary arrangement\b",
            ),
            "nl": (r"\bschuldsanering\w*\b", r"\bwsnp\b", r"\bcollectieve schuldenregeling\b"),
            "fr": (r"\bsurendettement\b", r"\brétablissement personnel\b", r"\brèglement collectif de dettes\b"),
            "it": (r"\bsovraindebitamento\b", r"\besdebitazione\b"),
            "es": (r"\bconcurso (?:de acreedores|consecutivo)\b", r"\bley de segunda oportunidad\b"),
            "nordic": (r"\bskuldsanering\b", r"\bgældssanering\b", r"\bgjeldsordning\b", r"\bvelkajärjestel\w*\b"),
        },
    ),
    (
        ReplyKind.CLAIM_SETTLED,
        {
            "de": (
                _NOT + r"(?:vollständig |vollstaendig |bereits |komplett )?ausgeglichen",
                r"keine (?:offenen? )?(?:forderung(?:en)?|verbindlichkeiten|rückstände|salden)\b(?! mehr als)",
                r"keine offenen posten",
                r"nichts mehr (?:offen|zu zahlen|(?:zu )?bezahlen|geschuldet)",
                r"(?:vollständig|vollstaendig|komplett|restlos|endgültig|zur gänze|gänzlich|in voller höhe|vollumfänglich) (?:bezahlt|beglichen|getilgt|erledigt|ausgeglichen)",
                r"weitere (?:ansprüche|forderungen) (?:machen|stellen) wir nicht (?:mehr )?(?:geltend|fest)",
                _NOT + r"(?:ist|wurde|wurden) (?:bereits )?(?:beglichen|erledigt|getilgt)",
                r"(?:saldo|kontostand|forderung) (?:beträgt|von|:)?\s*(?:€|eur)?\s*0,00(?!\d)",
                _NOT + r"\bhat sich (?:durch (?:die )?\w+ )?erledigt",
                _NOT + r"\b(?:wurde|ist|sind|wurden) (?:bereits |vollständig |inzwischen )?glattgestellt",
                _NOT + r"\b(?:wurde|ist) (?:vollständig |bereits )?(?:zurückgezahlt|abbezahlt|getilgt)",
                r"\bforderung (?:wurde|ist) (?:vollständig )?(?:ausgebucht|abgeschrieben)",
                r"\b(?:haben|hat) {_GAP}{1,80}?\b(?:ausgebucht|abgeschrieben)\b",
                r"\bnicht (?:weiter|mehr) verfolgt\b",
                # a claim fulfilled by payment; the matter closed by it ("Damit ist die Angelegenheit für uns erledigt")
                r"\b(?:durch (?:ihre |die )?zahlung|vollständig|vollumfänglich) erfüllt\b",
                r"\b(?:damit|somit|hiermit) (?:ist|hat sich) (?:die|diese) (?:angelegenheit|sache|forderung|akte) (?:für uns )?(?:erledigt|abgeschlossen)\b",
            ),
            "en": (
                r"nothing (?:further |more |else |left )?(?:is )?(?:outstanding|owed|owing|due|to pay|payable)",
                r"paid in full",
                r"settled in full",
                r"no (?:outstanding|open) (?:balance|amount|debt|claim)",
                r"(?:has|have) been (?:fully )?(?:settled|paid|cleared)",
                r"zero balance",
                r"\b(?:repaid|cleared|redeemed) in full\b",
                r"\bfully (?:repaid|redeemed|cleared)\b",
                r"balance (?:is |of )?(?:now )?(?:£|€|\$)?\s?0\.00",
                r"\b(?:has been|was) written off\b",
                r"\bnothing (?:further|more) (?:to pay|is due)\b",
                r"\bbalance\b{_GAPA}{0,60}?\bis (?:now )?(?:eur |€ ?|£ ?|gbp )?(?:0\.00|nil|zero)\b",
                r"\bno longer (?:owed|outstanding|due)\b",
                r"\bnil balance\b",
                r"account (?:is )?closed with no balance",
                # "The outstanding balance of EUR 1,250.00 was cleared on 14/11/2026", "This account was settled for"
                r"\b(?:balance|debt|account|claim|arrears)\b{_GAPA}{0,50}?\b(?:was|were) (?:fully )?(?:settled|cleared|repaid|paid off|discharged)\b",
                # the last instalment cleared it: "The final payment … received on 20 November cleared the balance" (read33)
                r"\b(?:payment|instal+ment)\b{_GAPA}{0,40}?\b(?:cleared|settled|paid off) (?:the|this|your client's) (?:balance|account|debt|arrears)\b",
            ),
            "nl": (
                r"(?:volledig|geheel) (?:voldaan|betaald|afgelost)",
                _NOT + r"\b(?:is|zijn) (?:inmiddels )?voldaan\b",
                r"geen openstaande (?:schuld|schulden|vordering|bedragen)",
                r"\bniets meer (?:open|verschuldigd|te betalen)",
                r"\bsaldo (?:is )?(?:€ ?)?0,00",
                r"\bsaldo\b{_GAP}{0,60}?\bis (?:nu |thans |inmiddels |daarmee )?(?:nul|€ ?0,00)\b",
                r"geen openstaand(?:e)? (?:bedrag|saldo|vordering)",
                # "Het dossier is afgesloten" after the payment
                r"\bdossier (?:is|wordt) (?:hiermee |daarmee |bij ons |dan ook )?(?:afgesloten|gesloten)\b",
            ),
            "fr": (
                r"\bsolde (?:est )?nul\b",
                # "Le solde du compte client 51182204 est désormais nul"
                r"\bsolde\b{_GAP}{0,60}?\b(?:est|se trouve) (?:désormais |maintenant |à présent |donc |dès lors )?(?:nul|à zéro|ramené à zéro)\b",
                r"\bne nous doit plus rien\b",
                r"\b(?:dossier|compte|créance) (?:est |a été )?soldée?\b",
                r"\bplus aucune somme\b",
                r"\bintégralement (?:réglée?|payée?|soldée?)",
                r"\bplus rien (?:n'est )?dû",
                r"\baucun (?:montant|solde) (?:n'est )?(?:dû|restant)",
                r"\bsolde (?:de )?0,00",
                r"(?<!n')\ba (?:réglé|payé|soldé|remboursé) (?:l'intégralité|la totalité|intégralement)",
                r"\bentièrement (?:réglée?|soldée?)",
                r"(?<!n')\b(?:est|a été|sont|ont été) (?:désormais |aujourd'hui |intégralement |entièrement )?soldée?s?\b",
                r"\b(?:réglée?|payée?) en totalité\b",
                r"\b(?:intégralement|entièrement|totalement) remboursée?s?\b",
                r"\bdossier (?:est |a été )(?:désormais |donc |dès lors )?(?:clôturé|clos|classé)\b",
            ),
            "it": (
                r"\bsaldat[oa] (?:integralmente|completamente)",
                r"\bnon (?:ha|ci sono|risultano) (?:più )?(?:debiti|importi dovuti|somme dovute)",
                r"\b(?:debito|credito|posizione) (?:è |risulta )?estint[oa]\b",
                r"\bintegralmente (?:saldat|pagat)",
                r"\bnulla (?:è )?(?:più )?dovuto",
                r"\bsaldo (?:è )?(?:pari a )?(?:zero|0,00)",
                r"\bsaldo\b{_GAP}{0,60}?\b(?:è|risulta) (?:ora |pertanto |quindi |adesso )?(?:pari a )?(?:zero|azzerato)\b",
                r"(?<!non )\bha (?:interamente |completamente |integralmente )?(?:estinto|saldato|rimborsato) (?:il|l'intero|tutto il|la|l')\s?(?:debito|importo|finanziamento|prestito|posizione|mutuo)",
                r"(?<!non )\b(?:è|risulta|sono|risultano) (?:pertanto |quindi |ora |ormai |adesso |dunque )?(?:stat[oaie] )?(?:interamente |completamente |integralmente |totalmente )?(?:saldat|estint)[oaie]\b",
                r"\bnon (?:vi |ci )?(?:sono|risultano) (?:ulteriori |altri )?importi (?:scoperti|dovuti|aperti|insoluti|da pagare)\b",
                r"\b(?:interamente|completamente|totalmente) (?:saldat|pagat)[oaie]\b",
                r"(?<!non )\b(?:è|sono) stat[oaie] (?:saldat|pagat)[oaie] per intero\b",
                r"\bnon (?:risulta|vi è) (?:alcun )?(?:debito|importo) (?:residuo|dovuto)",
                # "non risulta più alcun debito", "non c'è più nessun importo dovuto"
                r"\bnon (?:risulta|risultano|vi è|c'è|esiste) più (?:alcun |nessun )?(?:debito|importo|somma|credito)\b",
                # "è stato corrisposto per intero", "interamente soddisfatto", "la posizione risulta regolarizzata"
                r"\b(?:corrispost|versat|rimborsat|soddisfatt)[oaie] (?:per intero|integralmente|interamente|completamente)\b",
                r"\b(?:interamente|integralmente|completamente) (?:corrispost|versat|rimborsat|soddisfatt)[oaie]\b",
                r"\b(?:posizione|pratica|debito) (?:è |risulta )?(?:stat[oa] )?regolarizzat[oa]\b",
            ),
            "es": (
                r"\b(?:totalmente|íntegramente) (?:pagad|saldad|liquidad)",
                r"\b(?:liquidad|saldad|pagad|abonad)[oa] en su totalidad",
                r"\bno (?:tiene|mantiene) (?:ninguna )?deuda\b",
                r"\bno adeuda\b",
                # "no se adeuda nada", "nada se adeuda", "nada más es debido"
                r"\bno se (?:nos )?adeuda (?:nada|cantidad alguna|importe alguno)\b",
                r"\bnada (?:más )?(?:se (?:nos )?adeuda|es debido)\b",
                r"\bsaldo (?:es )?(?:cero|0,00)",
                r"\bsaldo\b{_GAP}{0,60}?\b(?:es|ha quedado|queda) (?:ahora |ya |por tanto )?(?:a |en )?cero\b",
                r"\bno (?:existe|hay|queda) (?:ningún |ninguna |ningun )?(?:deuda|cantidad|importe|suma) pendiente",
                # "El expediente queda cerrado y saldado", "la deuda ha quedado saldada"
                r"\b(?:expediente|deuda|cuenta|crédito) (?:queda|ha quedado|está|se encuentra) (?:cerrad[oa] y )?(?:saldad|liquidad|cancelad)[oa]\b",
                r"\bnada (?:más )?(?:pendiente|que pagar)\b",
                r"(?<!no )\bha (?:pagado|liquidado|saldado|cancelado) (?:la totalidad|íntegramente|totalmente|por completo)",
                # "la deuda … quedó cancelada mediante pago", "la factura fue saldada", "importe pendiente: 0,00 €"
                r"(?<!no )\b(?:quedó|ha quedado|queda|fue|ha sido|se encuentra) (?:totalmente |íntegramente )?(?:cancelad|saldad|liquidad|pagad)[oa]s?\b(?! parcialmente)",
                r"\b(?:importe|saldo|deuda|cantidad) pendiente\s*:?\s*(?:de )?(?:€|eur)?\s?0,00(?!\d)",
            ),
            "pt": (
                r"\b(?:totalmente|integralmente) (?:pag|liquidad|saldad)[oa]s?\b",
                r"\b(?:pag|liquidad|saldad)[oa]s? na (?:sua )?totalidade\b",
                r"\bnada (?:mais )?em dívida\b",
                # "nada mais é devido", "nada é devido", "não existe mais qualquer dívida"
                r"\bnada (?:mais )?(?:é|está|se encontra) (?:devido|em aberto)\b",
                r"\bnão (?:existe|há|resta) (?:mais )?(?:qualquer |nenhuma )?(?:dívida|valor em dívida|montante em dívida)\b",
                # "Não existe qualquer valor em dívida", "o contrato … se encontra liquidado"
                r"\bnão (?:existe|há|resta) (?:mais )?(?:qualquer |nenhum )?(?:valor|montante|quantia|saldo) (?:em dívida|em aberto|por (?:pagar|liquidar))\b",
                r"(?<!não )\b(?:se encontra|encontra-se) (?:totalmente |integralmente |já )?(?:liquidad|saldad|regularizad|quitad)[oa]\b(?! parcialmente)",
            ),
            "pl": (
                r"\b(?:spłacon|zapłacon|uregulowan)[aeoy] w całości\b",
                r"\bw całości (?:spłacon|zapłacon|uregulowan)[aeoy]\b",
                r"\bnie (?:ma|istnieje) (?:już )?(?:żadnego )?zadłużeni\w*",
            ),
            "nordic": (
                r"\b(?:fullt|helt) (?:betald|betalt|reglerad)",
                r"\bsaldo(?:t)? (?:är |er )?0(?:,00)?\b",
                r"\bingen (?:skuld|gæld|gjeld|utestående)\b",
                r"\b(?:inget|intet|ingenting) (?:mer |mere |yderligere |ytterligere |ytterligare )?(?:att|at|å) betale?\b",
                r"\bbetalt fuldt ud\b|\bbetalt fullt ut\b|\bfullt betalt\b",
                r"\b(?:sagen|saken|ärendet) (?:er|är) (?:dermed |derfor |därmed |således |hermed |herved |härmed |hermed )?(?:afsluttet|avsluttet|avslutat)\b",
                # "der skyldes ikke yderligere", "der er ikke længere noget udestående", "det skyldes inte längre något"
                r"\b(?:der|det) (?:skyldes|skylds|skuldas) (?:ikke|inte) (?:længere |lenger |längre |mere |mer |yderligere |ytterligere |ytterligare )",
                r"\bikke (?:længere |lenger )?(?:noget |noe )?(?:udestående|utestående)\b",
                r"\bmaksettu (?:kokonaan|kokonaisuudessaan)\b",
                r"\bei avointa saldoa\b",
                r"\bindfriet\b",
                r"\bslutbetald\b",
                r"\b(?:betald|betalt|reglerad|indfriet) i (?:sin )?helhe[dt]\b",
                r"\bingen (?:rest)?(?:skuld|gæld|gjeld)\b",
                r"\b(?:är|er|on) (?:nu |nå |nyt |jo |nyt jo )?(?:betald|betalt|indfriet|innfridd|nedbetalt|maksettu|suoritettu)\b(?! (?:delvis|osittain))(?!\s*(?:kr\.?|€|eur|sek|dkk|nok)?\s*\d)",
            ),
        },
    ),
    (
        ReplyKind.DOCUMENT_REQUEST,
        {
            "de": (
                (
                    r"(?:benötigen|brauchen|bitten|erbitten|fehlt|fehlende|fehlenden|ohne|keine|vorlage (?:einer|der)|"
                    r"übersenden sie|senden sie|reichen sie|legen sie)\b{_GAP}{0,60}\b(?:vollmacht|schweigepflichtentbindung|unterlagen|nachweis|kopie|ausweis)"
                ),
                r"(?:vollmacht|schweigepflichtentbindung){_GAP}{0,60}(?:vorlegen|zusenden|übersenden|nachreichen|zukommen|einreichen|fehlt|vorliegt|erforderlich|benötigt)",
            ),
            "en": (
                r"(?:please|kindly) (?:provide|send|forward|supply){_GAP}{0,60}(?:authority|authorisation|authorization|consent|documents?|proof|copy)",
                r"(?:letter|form) of (?:authority|authorisation|authorization)",
                r"power of attorney",
                r"signed (?:consent|authority|mandate)",
                r"\bwithout (?:a |your client's |the )?(?:signed )?(?:authority|authorisation|authorization|consent|mandate)\b",
            ),
            "nl": (
                r"\b(?:machtiging|volmacht)\b{_GAP}{0,60}(?:toesturen|ontvangen|nodig|overleggen|sturen|bezorgen|aanleveren)",
                r"\bondertekende (?:machtiging|volmacht)\b",
                r"(?:toesturen|ontvangen|nodig|overleggen){_GAP}{0,60}\b(?:machtiging|volmacht)\b",
                r"\bzonder (?:een |geldige |ondertekende )*(?:machtiging|volmacht)\b",
            ),
            "fr": (
                r"\b(?:mandat|procuration)\b{_GAP}{0,60}(?:transmettre|fournir|envoyer|nécessaire|signé)",
                r"(?:transmettre|fournir|envoyer){_GAP}{0,60}\b(?:mandat|procuration)\b",
                r"\b(?:sans|en l'absence d'une?|à défaut d'une?)\s?(?:mandat|procuration)\b",
            ),
            "it": (
                r"\b(?:delega|procura|mandato)\b{_GAP}{0,60}(?:inviare|trasmettere|necessari|firmat)",
                r"(?:inviare|trasmettere|inviarci){_GAP}{0,60}\b(?:delega|procura|mandato)\b",
                r"\b(?:in assenza di|senza|manca(?:nza di)?)\s(?:una |la |apposita )?(?:delega|procura)\b",
                r"\b(?:delega|procura) (?:sottoscritta|firmata)\b",
            ),
            "es": (
                r"\b(?:autorización|poder|mandato)\b{_GAP}{0,60}(?:enviar|remitir|aportar|necesari|firmad)",
                r"(?:enviar|remitir|aportar|envíen){_GAP}{0,60}\b(?:autorización|poder notarial|mandato)\b",
                r"\b(?:sin|en ausencia de|a falta de)\s(?:la |una |un )?(?:autorización|poder|mandato)\b",
            ),
            "nordic": (r"\b(?:fullmakt|fuldmagt|valtakirja)\w*",),
        },
    ),
    (
        ReplyKind.DISPUTE,
        {
            "de": (
                r"\bwidersprechen\b",
                r"\bweisen (?:wir )?{_GAP}{0,120}zurück",
                r"\blehnen (?:wir )?{_GAP}{0,120}\bab\b",
                r"\bbestreiten\b",
                r"\bnicht einverstanden\b",
                r"\bhalten (?:wir )?(?:an der forderung|daran) fest\b",
                r"\b(?:einwand|einrede)\b{_GAP}{0,60}\b(?:greift nicht|unbegründet|nicht berechtigt)",
                r"\bkönnen (?:wir )?{_GAP}{0,120}\bnicht (?:zustimmen|anerkennen|akzeptieren|entsprechen|folgen)\b",
                r"\berkennen (?:wir )?{_GAP}{0,80}\bnicht an\b",
                r"\b(?:bestritten|strittig|angefochten)\b",
                r"\bwiderspruch\b",
                r"\beinwendungen (?:erhoben|vorgebracht|geltend gemacht)\b",
                r"\b(?:erhebt|erhoben|macht|machte) (?:\w+ )?einwendungen\b",
                r"\bnicht anerkannt\b",
                r"\bprüfen (?:wir )?(?:derzeit|gerade|noch)\b(?! einmal| mal)",
                r"\b(?:wird|werden) (?:\w+ )?(?:(?:derzeit|gerade|noch) )+geprüft\b",
                r"\bin (?:der )?(?:prüfung|klärung)\b",
                r"\b(?:widersprochen|widerspricht|streitig|beanstandet|beanstandung|reklamation|reklamiert)\b",
                r"\bbis (?:die|zur|zum) (?:prüfung|klärung)\w*",
                # the claim rests while an objection is decided
                r"\bwiderspruchsverfahren\w*",
                r"\bruhend gestellt\b",
                # the figure is not confirmed yet: provisional, being checked, binding figures only later
                r"\bnicht\b{_GAP}{0,20}\bbestätigen\b",
                r"\bvorläufige[nrs]?\b{_GAP}{0,25}\b(?:\w*saldo|stand|\w*forderung|\w*betrag|zahlen|berechnung|aufstellung)\b",
                # the figures themselves are being checked ("die Umsätze werden von unserer Revision geprüft"),
                # not a proposal ("Ihr Ratenzahlungsvorschlag wird gerne geprüft")
                r"\b"
                + _FIGURES_DE
                + r"\b{_GAP}{0,40}\b(?:wird|werden)\b{_GAP}{0,40}\b(?:geprüft|überprüft|untersucht|abgeglichen)\b",
                r"\b(?:wird|werden)\b{_GAP}{0,20}\b"
                + _FIGURES_DE
                + r"\b{_GAP}{0,40}\b(?:geprüft|überprüft|untersucht|abgeglichen)\b",
                r"\bnach abschluss (?:der|unserer|einer) (?:\w*prüfung|klärung|untersuchung)\b",
                r"\bals vorläufig\b",
            ),
            "en": (
                r"\bwe (?:do not|don't|cannot|can't) (?:accept|agree)",
                r"\bwe (?:reject|decline|dispute|contest|challenge|refute|deny)\b",
                r"\b(?:is|are|remains) (?:disputed|contested)\b",
                r"\bis (?:rejected|declined)\b",
                r"\bnot able to accept\b",
                r"\bunable to accept\b",
                r"\bunder (?:query|investigation)\b",
                r"\b(?:is|has been) queried\b",
                r"\bin dispute\b",
                r"\b(?:raised|made|lodged|filed) a (?:complaint|query)\b",
                r"\bpending (?:the outcome of )?(?:her|his|the|a|their) complaint\b",
                r"\b(?:has|have) challenged\b",
                r"\b(?:an )?ongoing dispute\b",
                r"\b(?:put |placed |is |remains )on hold (?:while|pending|until)\b",
                r"\b(?:cannot|can ?not|can't|unable to|are not able to|not (?:yet )?in a position to) (?:yet )?confirm\b",
                r"\bprovisional (?:balance|figure|amount|total|statement)\b",
                r"\b(?:as|are|is) provisional\b",
                r"\bis being (?:checked|reviewed|audited|reconciled|verified|investigated)\b",
                r"\bwe are (?:currently |still )?looking into\b",
                r"\b(?:once|when|until|after) (?:the|our) (?:review|audit|investigation|reconciliation) (?:is|has been) (?:complete|completed|concluded|finished)\b",
            ),
            "nl": (
                r"\bwij (?:betwisten|bestrijden)\b",
                r"\bwij wijzen\b{_GAP}{0,120}\baf\b",
                r"\bgaan (?:wij |we )?niet akkoord\b",
                r"\bbetwist\b",
                r"\bin onderzoek\b",
                r"\bwordt (?:nog )?onderzocht\b",
                r"\b(?:is|wordt|zijn|worden) (?:\w+ ){0,2}in behandeling\b(?! (?:genomen|hebben))",
                r"\bbezwaar (?:gemaakt|ingediend|tegen)\b",
                r"\b(?:opgeschort|aangehouden) (?:zolang|in afwachting|totdat)\b",
                r"\bniet\b{_GAP}{0,20}\bbevestigen\b",
                r"\bvoorlopig(?:e)? (?:saldo|bedrag|stand|overzicht)\b",
                r"\bals voorlopig\b",
                r"\bwordt\b{_GAP}{0,40}\b(?:gecontroleerd|nagekeken|uitgezocht)\b",
                r"\bna afronding van (?:het|ons|de) (?:onderzoek|controle)\b",
            ),
            "fr": (
                r"\bnous (?:contestons|refusons|rejetons)\b",
                r"\bne (?:pouvons|pourrons) pas accepter\b",
                r"\bn'(?:acceptons|admettons|reconnaissons) pas\b",
                r"\b(?:est|sont) (?:actuellement )?contesté(?:e|s|es)?\b",
                r"\ben cours d'(?:examen|instruction)\b",
                r"\b(?:a contesté|conteste|contestent)\b",
                r"\ben litige\b",
                r"\b(?:suspendu|mis en attente) (?:pendant|dans l'attente|jusqu)\b",
                r"\bne (?:pouvons|sommes)\b{_GAP}{0,30}\bconfirmer\b",
                r"\b(?:solde|montant) provisoire\b",
                r"\bcomme provisoires?\b",
                r"\ben cours de vérification\b",
                r"\bà l'issue de (?:la|notre) (?:vérification|enquête)\b",
            ),
            "it": (
                r"\b(?:contestiamo|respingiamo|rifiutiamo)\b",
                r"\b(?:è|sono) (?:stat[oaie] )?contestat[oaie]\b",
                r"\bin contestazione\b",
                r"\b(?:presentato|sporto) reclamo\b",
                r"\bnon possiamo accettare\b",
                r"\bnon (?:accettiamo|riconosciamo)\b",
                r"\b(?:preso|prendiamo) atto della contestazione\b",
                r"\bpratica (?:è stata |viene )?sospesa\b",
                r"\bnon (?:possiamo|siamo in grado di)\b{_GAP}{0,30}\bconfermare\b",
                r"\b(?:saldo|importo) provvisorio\b",
                r"\bcome provvisori[oa]?\b",
                r"\bin (?:fase|corso) di verifica\b",
                r"\bal termine (?:della|delle) (?:verifica|verifiche)\b",
            ),
            "es": (
                r"\b(?:rechazamos|impugnamos)\b",
                r"\b(?:ha|han) sido (?:impugnad|disputad)[oa]s?\b",
                r"\bpendiente de resolución\b",
                r"\b(?:presentado|interpuesto) (?:una )?reclamación\b",
                r"\bno podemos aceptar\b",
                r"\bno (?:aceptamos|reconocemos)\b",
                r"\b(?:recibido|presentado) una reclamación\b",
                r"\bqueda en suspenso\b",
                r"\bno (?:podemos|estamos en condiciones de)\b{_GAP}{0,30}\bconfirmar\b",
                r"\b(?:saldo|importe) provisional\b",
                r"\bcomo provisional(?:es)?\b",
                r"\ben proceso de (?:revisión|verificación)\b",
                r"\ben revisión\b",
                r"\buna vez (?:finalizada|concluida) la (?:revisión|verificación)\b",
            ),
            "nordic": (
                r"\b(?:bestrider|bestrider|avvisar|avslår|afviser|avviser|kiistämme|hylkäämme)\b",
                r"\bbestridit\b",
                r"\bgjort indsigelse\b",
                r"\bindsigelse(?:n)? mod\b",
                r"\b(?:sat|stilt|satt) i bero\b",
                r"\bvilande (?:i väntan|medan)\b",
                r"\briitaut\w*",
                r"\bkan (?:inte|ikke) acceptera\b",
                r"\bemme (?:hyväksy|tunnusta)\b",
                r"\bvi (?:godtar|accepterar|godkänner|accepterer|godkender|aksepterer) (?:inte|ikke)\b",
                r"\bvi kan (?:inte|ikke) (?:godta|acceptere|godkende|akseptere|godkänna)\b",
                r"\bkan (?:inte|ikke)\b{_GAP}{0,20}\b(?:bekräfta|bekræfte|bekrefte)\b",
                r"\b(?:preliminärt?|foreløbig|foreløpig) (?:saldo|belopp|beløb|beløp)\b",
                r"\bväliaikainen saldo\b",
            ),
        },
    ),
    (
        ReplyKind.SETTLEMENT_PROPOSAL,
        {
            "de": (
                r"vergleichsangebot",
                r"(?:bieten|unterbreiten) (?:wir )?(?:ihnen |ihrem mandanten |ihrer mandantin )?{_GAP}{0,60}\b(?:an|vergleich)\b",
                r"(?:als )?(?:vergleich|einmalzahlung|abfindung){_GAP}{0,50}(?:bereit|einverstanden|anbieten|akzeptieren)",
                r"ratenzahlung(?:svereinbarung)? (?:anbieten|an)\b",
                r"ratenzahlungsvereinbarung",
                r"bereit, {_GAP}{0,60}(?:zu verzichten|zu akzeptieren|anzunehmen)",
                r"\bvergleichsweise\b",
                r"\bverzicht\w*\b{_GAP}{0,60}\brestforderung",
                r"\brestforderung\b{_GAP}{0,60}\bverzicht",
                r"\bschlagen (?:wir )?{_GAP}{0,60}\b(?:rate|raten|ratenzahlung|vergleich|einmalzahlung)\w*\b{_GAP}{0,80}\bvor\b",
                r"(?<!ihren )(?<!ihrem )(?<!ihres )(?<!ihr )\b(?:ratenzahlungs|vergleichs)(?:vorschlag|angebot)\b",
                r"\b(?:akzeptier\w*|gewähr\w*|einverstanden|bieten|anbieten|möglich)\b{_GAP}{0,60}\b(?:raten|ratenzahlung|monatliche rate|rate von)\b",
                r"\b(?:raten|ratenzahlung|monatliche rate)\b{_GAP}{0,60}\b(?:akzeptier\w*|einverstanden|möglich|anbieten)\b",
                r"\bkann (?:die |diese |seine |ihre )?(?:schuld|forderung)\w* in (?:monatlichen )?raten\b",
                # a discount for paying at once: "gewähren wir einen Nachlass von 16,5 %"
                r"\bgewähren (?:wir )?{_GAP}{0,40}\b(?:nachlass|rabatt|abschlag|skonto)\b",
            ),
            "en": (
                r"(?:we|our client) (?:is |are |would be |will be )?(?:prepared|willing) to (?:accept|offer|agree)",
                r"settlement offer",
                r"\breduced settlement\b",
                r"\bsettle (?:the|this|your client's) (?:account|balance|debt) for\b",
                r"(?:we|our client) (?:can |could |would )?offer",
                r"(?:instal+ment|payment) (?:plan|arrangement) of",
                r"full and final settlement",
                r"\bpayment plan of\b",
                r"\b(?:we|our client) (?:would|will|can|could) accept\b",
                r"\bas (?:a )?(?:full|final) settlement\b",
                r"\bwe (?:can |could |will |would )?(?:give|grant|allow|offer) (?:a |an )?(?:\w+ )?(?:discount|reduction)\b",
            ),
            "nl": (
                r"\b(?:bereid|voorstel)\b{_GAP}{0,60}\b(?:schikking|regeling|termijnen|genoegen)",
                r"\bfinale kwijting\b",
                r"\bbetalingsregeling van\b",
                r"\b(?:stellen|bieden)\b{_GAP}{0,60}\b(?:schikking|regeling|betalingsregeling)\b",
                r"\b(?:schikkings|regelings)voorstel\b",
                r"\b(?:geven|verlenen|bieden) (?:wij |we )?{_GAP}{0,30}\bkorting\b",
            ),
            "fr": (
                r"\b(?:disposés?|prêts?|proposons)\b{_GAP}{0,60}\b(?:accepter|transaction|échéancier|règlement)",
                r"\bpour solde de tout compte\b",
                r"\bacceptons\b{_GAP}{0,40}\b(?:échéancier|transaction|règlement partiel|paiement échelonné|mensualités)",
                r"\b(?:accordons|consentons) (?:une )?(?:remise|réduction|rabais)\b",
            ),
            "it": (
                r"\b(?:disposti|disponibili|proponiamo)\b{_GAP}{0,60}\b(?:accettare|saldo e stralcio|rate|transazione)",
                r"\bsaldo e stralcio\b",
                r"\bproposta transattiva\b",
                r"\baccetteremmo\b",
                r"\b(?:concediamo|applichiamo|offriamo) (?:uno )?sconto\b",
            ),
            "es": (
                r"\b(?:dispuestos|proponemos)\b{_GAP}{0,60}\b(?:aceptar|quita|acuerdo|plazos)",
                r"\bquita\b",
                r"\baceptaríamos\b",
                r"\ble (?:ofrecemos|proponemos)\b",
                r"\bpropuesta de (?:acuerdo|quita|pago fraccionado)\b",
                r"\b(?:concedemos|ofrecemos|aplicamos) (?:un )?descuento\b",
            ),
            "nordic": (
                r"\b(?:beredda|villige|valmiita)\b{_GAP}{0,60}\b(?:acceptera|akseptere|acceptere|hyväksymään)",
                r"\b(?:avbetalningsplan|afdragsordning|maksusuunnitelma)\b",
                r"\bvi (?:erbjuder|tilbyder|tilbyr)\b",
                r"\btarjoamme\b",
                r"\b(?:förlikning|forlik|forlig|sovinto|ackord)\w*",
            ),
        },
    ),
)
#: The kinds in the office's further creditor languages (read32): pl, cs, sk, hu, ro, bg, hr/sr/bs (Latin and
#: Cyrillic), sl, lt, lv, et, tr, el, pt (PT and BR), uk, ru — merged into ``KIND_PHRASES`` language by language
#: (``_merge_kinds``), so the order of the kinds is unchanged. Settled: paid in full, nothing owed, closed;
#: enforcement: the step or its officer started (a threat is not); sold: a new holder; unknown: no such client;
#: document request: a power of attorney or papers asked for; dispute; a counter-offer.
MORE_KIND_PHRASES: dict[ReplyKind, dict[str, tuple[str, ...]]] = {
    ReplyKind.CLAIM_ASSIGNED: {
        "pl": (r"\b(?:cesj[ia]|cesji)\b", r"\bscedowa\w*", r"\bnabywc\w* wierzytelności\b", r"\bnowy wierzyciel\b"),
        "cs": (r"\bpostoupen\w*", r"\bpostoupil\w*", r"\bpostupník\w*", r"\bnový věřitel\b"),
        "sk": (r"\bpostúpen\w*", r"\bpostúpil\w*", r"\bpostupník\w*", r"\bnový veriteľ\b"),
        "hu": (r"\bengedményez\w*", r"\búj jogosult\w*", r"\búj hitelező\w*"),
        "ro": (r"\bcesionat\w*", r"\bcesiun\w* de creanț\w*", r"\bcesionar\w*", r"\bnoul creditor\b"),
        "bg": (r"\bцедира\w*", r"\bцесия\b", r"\bцесионер\w*", r"\bнов(?:ият)? кредитор\b"),
        "hr": (
            r"\bustupljen\w*",
            r"\bustup(?:ili|io|ila) \w*",
            r"\bcesij\w*",
            r"\bnov\w* vjerovnik\w*",
            r"\bуступљен\w*",
            r"\bцесиј\w*",
        ),
        "sl": (r"\bodstopljen\w*", r"\bodstopil\w*", r"\bnov\w* upnik\w*"),
        "lt": (r"\bperleist\w*", r"\breikalavimo perleidim\w*", r"\bnauj\w* kreditori\w*"),
        "lv": (r"\bcedēt\w*", r"\bcesij\w*", r"\bjaun\w* kreditor\w*"),
        "et": (r"\bloovutatud\b", r"\bloovutas\b", r"\bnõude loovutamis\w*", r"\buus võlausaldaja\b"),
        "tr": (r"\btemlik\w*", r"\bdevredil\w*", r"\bdevretmiş\w*", r"\byeni alacaklı\w*"),
        "el": (r"\bεκχωρ\w*", r"\bμεταβιβάστηκε\b", r"\bνέος (?:δικαιούχος|πιστωτής)\b"),
        "pt": (
            r"\bcedid[oa]s? (?:à|ao|a)\b",
            r"\bcessão (?:de|do) crédito\b",
            r"\bnovo credor\b",
            r"\bcessionári[oa]\b",
        ),
        "ru": (
            r"\bуступ(?:лен|ил|ки права)\w*",
            r"\bпереуступ\w*",
            r"\bновый кредитор\b",
            r"\bвідступлен\w*",
            r"\bновий кредитор\b",
        ),
    },
    ReplyKind.CLIENT_UNKNOWN: {
        "pl": (
            r"\bnie figuruje\w* w (?:naszej|naszych) (?:baz|ewidencj|system)\w*",
            r"\bnie (?:jest|był[ao]?) (?:naszym |naszą )?klient\w*",
            r"\bnie odnaleźliśmy\b",
        ),
        "cs": (
            r"\bnení (?:naším |naší )?(?:klient|zákazník)\w*",
            r"\bnevedeme (?:žádn\w* )?(?:záznam|smlouv|účet)\w*",
            r"\bnenašli jsme\b",
        ),
        "sk": (r"\bnenašli sme\b",),
        "ro": (r"\bnu (?:figurează|apare) în (?:baza|evidențele|sistemul)\w*", r"\bnu am identificat\b"),
        "bg": (r"\bне фигурира\w*", r"\bне открихме\b", r"\bняма данни за\b"),
        "hr": (r"\bne nalazi(?:mo)? u (?:našoj |našim )?(?:evidencij|baz|sustav|sistem)\w*", r"\bнемамо евиденциј\w*"),
        "sl": (r"\bne vodimo\b", r"\bni v naši evidenci\b"),
        "lv": (r"\bnav mūsu klient\w*",),
        "et": (r"\bei ole meie klient\w*",),
        "tr": (r"\bkayıtlarımızda (?:bulunmamaktadır|yer almamaktadır|bulunamamıştır)", r"\bmüşterimiz değil\w*"),
        "el": (r"\bδεν (?:είναι|υπάρχει|εντοπίστηκε) (?:πελάτης|στα αρχεία)\w*", r"\bδεν εντοπίσαμε\b"),
        "pt": (
            r"\bnão (?:é|consta como) (?:nosso |nossa )?client[ea]\b",
            r"\bnão (?:consta|encontramos)\w* (?:nos nossos registos|em nossos registros|no nosso sistema)",
        ),
        "ru": (r"\bне (?:является|числится) (?:нашим )?клиент\w*", r"\bне є (?:нашим )?клієнт\w*"),
    },
    ReplyKind.ENFORCEMENT: {
        "pl": (
            r"\bkomornik\w*",
            r"\bpostępowani\w* egzekucyjn\w*",
            r"\begzekucj[ai] komornicz\w*",
            r"\bnakaz\w* zapłaty\b",
            r"\btytuł\w* wykonawcz\w*",
        ),
        "cs": (r"\bexekuc\w*", r"\bexekutor\w*", r"\bplatební\w* rozkaz\w*"),
        "sk": (r"\bexekúci\w*", r"\bexekútor\w*", r"\bexekučn\w*", r"\bplatobn\w* rozkaz\w*"),
        "hu": (
            r"\bvégrehajtási (?:eljárás|lap)\w*",
            r"\b(?:önálló )?bírósági végrehajtó\w*",
            r"\bfizetési meghagyás\w*",
            r"\bletiltás\w*",
        ),
        "ro": (
            r"\bexecutar\w* silit\w*",
            r"\bexecutor\w* judecătoresc\w*",
            r"\bdosar\w* de executare\b",
            r"\bpoprir\w*",
            r"\bordonanț\w* de plată\b",
        ),
        "bg": (
            r"\bсъдебен изпълнител\w*",
            r"\bизпълнително дело\b",
            r"\bпринудително изпълнение\b",
            r"\bзаповед за изпълнение\b",
            r"\bЧСИ\b",
        ),
        "hr": (
            r"\bovrh\w*",
            r"\bovrš\w*",
            r"\bизвршн\w* поступ\w*",
            r"\bјавн\w* извршител\w*",
            r"\bjavn\w* izvršitelj\w*",
            r"\bizvršn\w* postup\w*",
        ),
        "sl": (r"\bizvršb\w*", r"\bizvršitelj\w*", r"\bsklep o izvršbi\b"),
        "lt": (r"\bantstol\w*", r"\bpriverstin\w* išieškojim\w*"),
        "lv": (r"\btiesu izpildītāj\w*", r"\bpiedziņas lie\w*"),
        "et": (r"\bkohtutäitur\w*", r"\btäitemenetlus\w*"),
        "tr": (r"\bicra takib\w*", r"\bicra dairesi\w*", r"\bicra müdürlüğü\w*", r"\bhaciz\w*", r"\bödeme emri\w*"),
        "el": (r"\bδικαστικ\w* επιμελητ\w*", r"\bκατάσχεσ\w*", r"\bδιαταγή πληρωμής\b", r"\bαναγκαστική εκτέλεση\b"),
        "pt": (
            r"\bagente de execução\b",
            r"\bprocesso (?:executivo|de execução)\b",
            r"\bexecução fiscal\b",
            r"\bpenhora\w*",
            r"\binjunção\b",
        ),
        "ru": (
            r"\bсудебн\w* пристав\w*",
            r"\bисполнительн\w* производств\w*",
            r"\bвиконавч\w* провадженн\w*",
            r"\bприватн\w* виконав\w*",
            r"\bсудебн\w* приказ\w*",
        ),
    },
    ReplyKind.CLAIM_SETTLED: {
        "pl": (
            r"\bsaldo (?:wynosi |zadłużenia wynosi )?0,00\s?(?:zł|pln)",
            r"\bnie (?:posiada|ma) (?:już )?(?:żadnych )?zaległości\b",
        ),
        "cs": (
            r"\b(?:uhrazen|splacen|vyrovnán)\w* v plné výši\b",
            r"\b(?:plně|zcela|řádně) (?:uhrazen|splacen|vyrovnán)\w*",
            r"\bnemá (?:vůči nám )?žádn\w* (?:dluh|závazk|nedoplat)\w*",
        ),
        "sk": (
            r"\b(?:uhraden|splaten|vyrovnan)\w* v plnej výške\b",
            r"\b(?:plne|úplne|riadne) (?:uhraden|splaten|vyrovnan)\w*",
            r"\bnulov\w* zostatok\b",
            r"\bnemá (?:voči nám )?žiadn\w* (?:dlh|záväzk|nedoplat)\w*",
        ),
        "hu": (
            r"\b(?:teljes egészében|hiánytalanul) (?:kiegyenlít|rendez|megfizet)\w*",
            r"\bnincs (?:fennálló |további )?tartozás\w*",
            r"\btartozás\w* nem áll fenn\b",
        ),
        "ro": (
            r"\b(?:achitat|stins|plătit)[ăe]? (?:integral|în totalitate)\b",
            r"\b(?:integral|în totalitate) (?:achitat|stins|plătit)[ăe]?\b",
            r"\bnu (?:mai )?(?:figurează|există|are|înregistrează) (?:nicio |niciun )?(?:debite|datorii|sold|sume|facturi)\w*(?: restante| neachitate)?",
            r"\b(?:toate )?facturile au fost (?:achitate|plătite)\b",
        ),
        "bg": (
            r"\b(?:изцяло|напълно) (?:платен|погасен|изплатен)\w*",
            r"\bняма (?:повече |неплатени |неизплатени )?(?:задължения|дълг)\w*",
        ),
        "hr": (
            r"\b(?:u cijelosti|u potpunosti|u celosti) (?:plaćen|podmiren|otplaćen|izmiren|isplaćen)\w*",
            r"\b(?:plaćen|podmiren|otplaćen|izmiren)\w* u (?:cijelosti|potpunosti|celosti)\b",
            r"\bnema (?:više )?(?:dugovanja|duga)\b",
            r"\b(?:у целости|у потпуности) (?:измирен|плаћен|отплаћен|исплаћен)\w*",
            r"\bнема (?:више )?(?:дуговања|дуга)\b",
        ),
        "sl": (
            r"\b(?:v celoti) (?:plačan|poravnan)\w*",
            r"\b(?:plačan|poravnan)\w* v celoti\b",
            r"\bni (?:več )?(?:dolga|odprtih obveznosti)\b",
            r"\bdolg je poravnan\b",
        ),
        "lt": (r"\b(?:visiškai|pilnai) (?:sumokėt|padengt|grąžint)\w*", r"\bskolos nėra\b", r"\bįsiskolinimo nėra\b"),
        "lv": (r"\bpilnībā (?:samaksāt|nomaksāt|dzēst)\w*", r"\bparāda nav\b", r"\bnav (?:neapmaksāt\w* )?parād\w*"),
        "et": (r"\btäielikult (?:tasutud|makstud|kustutatud)\b", r"\bvõlgnevus(?:t)? puudub\b", r"\bvõlga ei ole\b"),
        "tr": (
            r"\b(?:tamamen|tümüyle) (?:ödenmiş|ödendi|kapatıl)\w*",
            r"\bborcu (?:bulunmamaktadır|yoktur|kalmamıştır)",
            r"\bborç bulunmamaktadır\b",
        ),
        "el": (
            r"\b(?:εξοφλήθηκε|έχει εξοφληθεί) (?:πλήρως|ολοσχερώς)",
            r"\b(?:πλήρως|ολοσχερώς) (?:εξοφλ|εξοφλημέν)\w*",
            r"\bδεν υπάρχει (?:καμία )?(?:ανεξόφλητη )?οφειλή\b",
        ),
        "pt": (
            r"\b(?:encontra-se|está|foi) (?:totalmente |integralmente )?(?:liquidad|quitad|saldad|regularizad)[oa]\b(?! parcialmente)",
            r"\bnão (?:existe|há) (?:qualquer |nenhum |nenhuma )?(?:valor|dívida|montante|débito)s? em (?:dívida|aberto)\b",
        ),
        "ru": (
            r"\b(?:полностью|в полном объеме) (?:погашен|оплачен)\w*",
            r"\bзадолженност\w* (?:отсутствует|нет)\b",
            r"\b(?:повністю|в повному обсязі) (?:погашен|сплачен)\w*",
            r"\bзаборгованість відсутня\b",
        ),
    },
    ReplyKind.DOCUMENT_REQUEST: {
        "pl": (
            r"\b(?:prosimy|proszę) o (?:przesłanie|przekazanie|dostarczenie|nadesłanie)\b{_GAP}{0,60}\b(?:pełnomocnictw|dokument|zgod|upoważnieni)\w*",
        ),
        "cs": (
            r"\b(?:zašlete|zaslat|doložte|předložte)\b{_GAP}{0,60}\b(?:plnou moc|plné moci|doklad|dokument|souhlas)\w*",
        ),
        "sk": (
            r"\b(?:zašlite|zaslať|doložte|predložte)\b{_GAP}{0,60}\b(?:splnomocneni|plnú moc|doklad|dokument|súhlas)\w*",
        ),
        "hu": (
            r"\b(?:meghatalmazás|dokument|igazolás)\w*{_GAP}{0,60}\b(?:megküldés|küldje|küldjék|csatol)\w*",
            r"\b(?:küldje|küldjék) (?:meg|el)\b{_GAP}{0,60}\b(?:meghatalmazás|dokument)\w*",
        ),
        "ro": (
            r"\b(?:vă rugăm să (?:ne )?(?:transmiteți|trimiteți|comunicați)|transmiteți-ne|trimiteți-ne)\b{_GAP}{0,60}\b(?:împuternicir|procur|mandat|document|acord)\w*",
        ),
        "bg": (
            r"\b(?:моля,? )?(?:изпратете|предоставете|представете)\b{_GAP}{0,60}\b(?:пълномощ|документ|съгласие)\w*",
        ),
        "hr": (
            r"\b(?:molimo|molim) (?:vas )?(?:da )?(?:dostav|pošalj|pošaljete|dostavite)\w*{_GAP}{0,60}\b(?:punomoć|ovlašt|dokument|suglasnost|saglasnost|ovlašćenj)\w*",
            r"\b(?:dostavite|pošaljite)\b{_GAP}{0,60}\b(?:punomoć|ovlašt|dokument|ovlašćenj)\w*",
            r"\b(?:доставите|пошаљите)\b{_GAP}{0,60}\b(?:пуномоћ|овлашћењ|документ)\w*",
        ),
        "sl": (r"\b(?:pošljite|posredujte|predložite)\b{_GAP}{0,60}\b(?:pooblastil|dokument|soglasj)\w*",),
        "lt": (r"\b(?:atsiųskite|pateikite)\b{_GAP}{0,60}\b(?:įgaliojim|dokument|sutikim)\w*",),
        "lv": (r"\b(?:atsūtiet|iesniedziet)\b{_GAP}{0,60}\b(?:pilnvar|dokument|piekrišan)\w*",),
        "et": (r"\b(?:saatke|esitage)\b{_GAP}{0,60}\b(?:volikir|dokument|nõusolek)\w*",),
        "tr": (r"\b(?:vekaletname|belge|evrak)\w*{_GAP}{0,60}\b(?:göndermeniz|iletmeniz|sunmanız)\w*",),
        "el": (r"\b(?:αποστείλετε|προσκομίσετε|στείλετε)\b{_GAP}{0,60}\b(?:εξουσιοδότησ|πληρεξούσι|έγγραφ)\w*",),
        "pt": (
            r"\b(?:enviar|envie|enviem|remeter|remeta|apresentar|apresente)\b{_GAP}{0,60}\b(?:procuração|documento|autorização|comprovativo|comprovante)\w*",
        ),
        "ru": (
            r"\b(?:направьте|предоставьте|пришлите|надішліть|надайте)\b{_GAP}{0,60}\b(?:доверенност|документ|довіреніст)\w*",
        ),
    },
    ReplyKind.DISPUTE: {
        "pl": (
            r"\bkwestionuj\w*",
            r"\bzakwestionowa\w*",
            r"\breklamacj\w* (?:jest )?(?:w toku|rozpatrywan)\w*",
        ),
        "cs": (r"\bnamít\w*", r"\brozporuj\w*", r"\bzpochybň\w*", r"\breklamac\w*"),
        "sk": (r"\bnamiet\w*", r"\brozporuj\w*", r"\bspochybň\w*", r"\breklamáci\w*"),
        "hu": (r"\bvitatj\w*", r"\bvitatott\w*", r"\bkifogás\w*"),
        "ro": (r"\bcontest(?:ă|ăm|at[ăe]?|ați[ae]|ația)\b", r"\breclamați\w*"),
        "bg": (r"\bоспорва\w*", r"\bоспорен\w*", r"\bвъзражени\w*"),
        "hr": (r"\bosporav\w*", r"\bosporen\w*", r"\bprigovor\w*", r"\bоспорав\w*", r"\bприговор\w*"),
        "sl": (r"\bizpodbija\w*", r"\bugovor\w* (?:zoper|proti)\b"),
        "lt": (r"\bginčij\w*",),
        "lv": (r"\bapstrīd\w*",),
        "et": (r"\bvaidlusta\w*",),
        "tr": (r"\bitiraz\w*",),
        "el": (r"\bαμφισβητ\w*", r"\bένσταση\b"),
        "pt": (
            r"\bcontest(?:a|am|amos|ad[oa]|ação)\b",
            r"\b(?:apresentou|apresentada) (?:uma )?reclamação\b",
            r"\bem análise\b",
        ),
        "ru": (r"\bоспарива\w*", r"\bоскаржу\w*"),
    },
    ReplyKind.SETTLEMENT_PROPOSAL: {
        "pl": (r"\b(?:proponujemy|propozycj\w* ugody|ugod\w*)\b", r"\bharmonogram\w* spłat\w*"),
        "cs": (r"\bnavrhujeme\b", r"\bsplátkov\w* kalendář\w*", r"\bdohod\w* o (?:narovnání|splátkách)\b"),
        "sk": (r"\bnavrhujeme\b", r"\bsplátkov\w* kalendár\w* (?:vám )?(?:ponúkame|navrhujeme)\b"),
        "hu": (
            r"\bjavasoljuk\b",
            r"\brészletfizetés\w* (?:lehetőség|ajánl)\w*",
            r"\bmegállapodás\w* (?:ajánl|javasol)\w*",
        ),
        "ro": (r"\bvă propunem\b", r"\bcontraofert\w*", r"\beșalonare\w*"),
        "bg": (r"\bпредлагаме\b", r"\bспоразумени\w* за разсрочване\b", r"\bразсрочване\b"),
        "hr": (r"\bpredlažemo\b", r"\bnagodb\w*", r"\breprogram\w*", r"\bпредлажемо\b"),
        "sl": (r"\bpredlagamo\b", r"\bporavnav\w*"),
        "lt": (r"\bsiūlome\b",),
        "lv": (r"\bpiedāvājam\b",),
        "et": (r"\bpakume\b",),
        "tr": (r"\bteklif ediyoruz\b", r"\byapılandırma\w*"),
        "el": (r"\bπροτείνουμε\b", r"\bρύθμιση\w*"),
        "pt": (r"\bpropomos\b", r"\bcontraproposta\b", r"\bplano de pagamentos? (?:em|de) prestações\b"),
        "ru": (r"\bпредлагаем\b", r"\bпропонуємо\b", r"\bреструктуризац\w*"),
    },
}


def _merge_kinds(
    table: tuple[tuple[ReplyKind, dict[str, tuple[str, ...]]], ...],
    more: Mapping[ReplyKind, Mapping[str, tuple[str, ...]]],
) -> tuple[tuple[ReplyKind, dict[str, tuple[str, ...]]], ...]:
    """``table`` with ``more``'s phrases appended per kind and language (a new tuple; order kept)."""
    merged = []
    for kind, langs in table:
        own = dict(langs)
        for lang, phrases in more.get(kind, {}).items():
            own[lang] = own.get(lang, ()) + tuple(phrases)
        merged.append((kind, own))
    return tuple(merged)


KIND_PHRASES = _merge_kinds(KIND_PHRASES, MORE_KIND_PHRASES)
_MORE_FIRST = "abcdefghijklmnopqrstuvwxyzáäéíóöúüčěłśżźńřšžşğıćđăâîșțёєіїабвгдежзийклмнопрстуфхцчшщэюяαβγδεζηθικλμνξοπρστυφχψωάέήίόύώ"
#: Every character a phrase of each kind's table can start with (``_table``), and the literal
#: after each phrase that opens with ``\\w*`` (``\\b\\w*insolvenzverfahren\\b``): a kind without an
#: entry is scanned plain (tests/unit/test_scan_guard.py says so).
_KIND_FIRST: dict[ReplyKind, str] = {
    ReplyKind.CLAIM_ASSIGNED: "acdfgim-pr-wzö" + _MORE_FIRST,
    ReplyKind.CLIENT_UNKNOWN: "acdegikm-psuvè" + _MORE_FIRST,
    ReplyKind.ENFORCEMENT: "a-ehiklmopr-wzö" + _MORE_FIRST,
    ReplyKind.OTHER: "b-egilprsvw",
    ReplyKind.CLAIM_SETTLED: "a-ik-tvwzäèí" + _MORE_FIRST,
    ReplyKind.DOCUMENT_REQUEST: "abdefik-prstvwzàü" + _MORE_FIRST,
    ReplyKind.DISPUTE: "abce-ik-suvwzàè" + _MORE_FIRST,
    ReplyKind.SETTLEMENT_PROPOSAL: "a-giklmo-w" + _MORE_FIRST,
}
_KIND_ANYWHERE: dict[ReplyKind, tuple[str, ...]] = {
    ReplyKind.OTHER: ("insolvenzverfahren",),
    ReplyKind.DISPUTE: ("forderung", "saldo", "konto", "betrag"),
    ReplyKind.ENFORCEMENT: ("klage",),
}
_KIND_RES: tuple[tuple[ReplyKind, re.Pattern[str]], ...] = tuple(
    (kind, _table(t, _KIND_FIRST.get(kind), _KIND_ANYWHERE.get(kind, ()))) for kind, t in KIND_PHRASES
)
#: A collective debt procedure (the ``OTHER`` rows of ``KIND_PHRASES``): in a subject line the office's own word.
_PROCEDURE = dict(_KIND_RES)[ReplyKind.OTHER]

_CLAIM = _table(
    {
        "de": (
            r"forderung",
            r"saldo",
            r"offen(?:er|e|en)? (?:betrag|posten|forderung)",
            r"\bbeträgt\b",
            r"\bschuldet\b",
            r"\bkontoauszug\b",
        ),
        "en": (r"\boutstanding\b", r"\bbalance\b", r"\bamount due\b", r"\bowed?\b", r"\barrears\b"),
        "nl": (r"\bopenstaand", r"\bverschuldigd\b", r"\bvordering\b"),
        "fr": (r"\bsolde\b", r"\bmontant dû\b", r"\bcréance\b"),
        "it": (r"\bimporto dovuto\b", r"\bcredito\b", r"\bdebito\b"),
        "es": (r"\bsaldo pendiente\b", r"\bimporte adeudado\b", r"\bdeuda\b"),
        "nordic": (r"\butestående\b", r"\bskyldig", r"\brestgæld\b", r"\bavoin\b", r"\bskuld\b"),
    },
    first="a-dfikmorsuv",
)

#: Who writes enforcement mail: courts, bailiffs, enforcement offices (language → words).
ENFORCEMENT_ACTORS: dict[str, tuple[str, ...]] = {
    "de": (
        r"(?:ober)?gerichtsvollzieher(?:in)?",
        r"\bamtsgericht\b",
        r"\bmahngericht\b",
        r"\bvollstreckungsgericht\b",
        r"\bbetreibungs(?:-| und konkurs)?amt\b",
        r"\bexekutionsgericht\b",
        r"\bbezirksgericht\b",
    ),
    "en": (
        r"\bbailiffs?\b",
        r"\benforcement (?:agent|officer|agency)s?\b",
        r"\bhigh court enforcement\b",
        r"\bcounty court\b",
        r"\bsheriff officers?\b",
        r"\bhmcts\b",
    ),
    "nl": (r"\b(?:gerechts)?deurwaarder(?:skantoor|s)?\b", r"\bkantongerecht\b"),
    "fr": (r"\bhuissiers? de justice\b", r"\bcommissaire de justice\b", r"\btribunal judiciaire\b"),
    "it": (r"\bufficiale giudiziario\b", r"\btribunale di\b", r"\bgiudice di pace\b"),
    "es": (r"\bjuzgado\b", r"\bagente judicial\b"),
    "nordic": (
        r"\bkronofogde(?:n|myndigheten)?\b",
        r"\bfogedretten\b",
        r"\bnamsmann(?:en)?\b",
        r"\bulosotto(?:virasto|viranomainen)?\b",
    ),
}
#: What only courts and bailiffs write (language → phrases).
ENFORCEMENT_PHRASES: dict[str, tuple[str, ...]] = {
    "de": (
        r"\bzwangsvollstreckungssache\b",
        r"\bvollstreckungsauftrag\b",
        r"\bvermögensauskunft\b",
        r"\bzahlungsbefehl\b",
        r"\bpfändungsankündigung\b",
    ),
    "en": (r"\bwarrant of control\b", r"\bnotice of enforcement\b", r"\bwrit of control\b"),
    "nl": (r"\bexploot\b", r"\bdwangbevel\b", r"\bbeslaglegging\b"),
    "fr": (r"\bcommandement de payer\b", r"\bsignification\b", r"\bsaisie-(?:vente|attribution)\b"),
    "it": (r"\batto di precetto\b", r"\bpignoramento\b"),
    "es": (r"\bdiligencia de embargo\b", r"\brequerimiento judicial\b"),
    "nordic": (r"\bbetalningsföreläggande\b", r"\butmätning\b", r"\budlæg\b", r"\butlegg\b", r"\bulosottoon\b"),
}
_ENFORCEMENT_ACTOR = _table(ENFORCEMENT_ACTORS, first="a-hjkmnos-v")
#: Footer lines naming a company register court ("HRB 7781 Amtsgericht Bremen"): not an actor.
_REGISTER_LINE = re.compile(
    r"^.*(?:\bHR[AB]\b|regist|\bsitz\b|\bust|geschäftsführ|vorstand|firmenbuch|company (?:no|number)|\bFN\b|\bKvK\b|\bRCS\b|\bREA\b|org\.? ?nr).*$",
    re.IGNORECASE | re.MULTILINE,
)
_ENFORCEMENT_PHRASE = _table(ENFORCEMENT_PHRASES, first="a-enprsuvwz")

#: Courts, bailiffs and public authorities beyond ``ENFORCEMENT_ACTORS`` (language → words):
#: names that are never a debtor's (``names_authority``; display only, not a reading rule).
AUTHORITY_NAMES: dict[str, tuple[str, ...]] = {
    "de": (
        r"\b(?:land|oberlandes|insolvenz|sozial|verwaltungs|arbeits|finanz|kreis)?gericht\b",
        r"\b(?:finanz|haupt ?zoll|zoll|ordnungs|sozial|jugend|einwohnermelde|bürger|steuer)amt\b",
        r"\bjobcenter\b",
        r"\bagentur für arbeit\b",
        r"\bstaatsanwaltschaft\b",
        r"\bvollstreckungs(?:stelle|behörde)\b",
        r"\bbehörde\b",
        r"\bstadtverwaltung\b",
        r"\bstadtkasse\b",
        r"\bgerichtskasse\b",
    ),
    "en": (
        r"\b(?:magistrates'?|crown|high|district|small claims) court\b",
        r"\bcourt of\b",
        r"\btribunal\b",
        r"\bhmrc\b",
        r"\b(?:city|county|borough|district) council\b",
        r"\btax (?:office|authority)\b",
    ),
    "nl": (r"\brechtbank\b", r"\bbelastingdienst\b", r"\bcjib\b", r"\bgemeente\b"),
    "fr": (r"\btribunal\b", r"\bhuissiers?\b", r"\bcour d'appel\b", r"\btrésor public\b", r"\bmairie\b"),
    "it": (r"\btribunale\b", r"\bagenzia delle entrate\b", r"\bcomune di\b"),
    "es": (r"\btribunal\b", r"\bagencia tributaria\b", r"\bayuntamiento\b"),
    "nordic": (
        r"\btingsrätt(?:en)?\b",
        r"\btingrett(?:en)?\b",
        r"\bbyret(?:ten)?\b",
        r"\bkäräjäoikeus\b",
        r"\bskatteverket\b",
        r"\bskatteetaten\b",
        r"\bskattestyrelsen\b",
    ),
}
_AUTHORITY_NAME = re.compile(
    "|".join(p for table in (ENFORCEMENT_ACTORS, AUTHORITY_NAMES) for ps in table.values() for p in ps),
    re.IGNORECASE,
)


def names_authority(name: str | None) -> bool:
    """Whether ``name`` (a party name as read, e.g. a client name taken from a subject) is
    a court, bailiff or public authority (``ENFORCEMENT_ACTORS``, ``AUTHORITY_NAMES``):
    "Amtsgericht Neuhafen", "Gerichtsvollzieherin Maier", "County Court at Leeds",
    "Rechtbank Utrecht", "Kronofogden" — never a debtor. False for None or empty."""
    return bool(name) and _AUTHORITY_NAME.search(str(name)) is not None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def machine_mail(
    subject: str, from_email: str, from_name: str, headers: Mapping[str, str], body: str
) -> KindFinding | None:
    """Auto-reply, bounce or newsletter → a finding (``kind`` AUTO_REPLY or OTHER), else None.

    Sources of the rules: RFC 3834 (Auto-Submitted), RFC 2076 (Precedence), RFC 2369
    (List-Unsubscribe), and the de-facto X-Autoreply / X-Autorespond headers; last, a
    body that calls itself automatically generated ("automatisch generierte
    Eingangsbestätigung", "this is an automated message") and states no amount.
    ``text`` is the exact header line ("Auto-Submitted: auto-replied") or subject span.
    """
    finding = _header_finding(headers)
    if finding:
        return finding
    texts = {"subject": subject, "headers": f"{from_name} <{from_email}>", "body": body}
    for source, rx, kind in _MACHINE_TEXT_RULES:
        m = rx.search(texts[source])
        if m and not (source == "body" and kind is ReplyKind.AUTO_REPLY and find_amounts(body)):
            return KindFinding(kind, m.group(0), source)
    return None


_UNSUBSCRIBE_BODY = _rx(
    r"vom newsletter abmelden",
    r"newsletter abbestellen",
    r"unsubscribe from (?:this|our) (?:newsletter|list|mailing)",
    r"afmelden voor (?:de|deze) nieuwsbrief",
    r"se désabonner",
    r"annulla l'iscrizione",
    r"darse de baja",
    first="adnsuv",
)
#: (where, pattern, kind) of machine mail read from text, in order: subjects, sender,
#: then a body that calls itself automatic (only when it states no amount).
_MACHINE_TEXT_RULES: tuple[tuple[str, re.Pattern[str], ReplyKind], ...] = (
    ("subject", _AUTO_SUBJECT, ReplyKind.AUTO_REPLY),
    ("subject", _BOUNCE_SUBJECT, ReplyKind.OTHER),
    ("headers", _BOUNCE_SENDER, ReplyKind.OTHER),
    ("subject", _NEWSLETTER, ReplyKind.OTHER),
    ("body", _AUTO_BODY, ReplyKind.AUTO_REPLY),
    ("body", _UNSUBSCRIBE_BODY, ReplyKind.OTHER),
)


def _header_finding(headers: Mapping[str, str]) -> KindFinding | None:
    """RFC 3834 Auto-Submitted, X-Autoreply/X-Autorespond, Precedence, List-Unsubscribe."""
    auto = _header(headers, "Auto-Submitted")
    if auto and auto.strip().lower() != "no":
        return KindFinding(ReplyKind.AUTO_REPLY, f"Auto-Submitted: {auto}", "headers")
    for name in ("X-Autoreply", "X-Autorespond"):
        value = _header(headers, name)
        if value is not None:
            return KindFinding(ReplyKind.AUTO_REPLY, f"{name}: {value}", "headers")
    prec = (_header(headers, "Precedence") or "").strip()
    if prec.lower() in {"auto_reply", "bulk", "junk", "list"}:
        kind = ReplyKind.AUTO_REPLY if prec.lower() == "auto_reply" else ReplyKind.OTHER
        return KindFinding(kind, f"Precedence: {_header(headers, 'Precedence')}", "headers")
    unsub = _header(headers, "List-Unsubscribe")
    if unsub:
        return KindFinding(ReplyKind.OTHER, f"List-Unsubscribe: {unsub}", "headers")
    return None


def is_client_writing(body: str, from_name: str, signature: str) -> KindFinding | None:
    """The client (a private person) writing instead of a creditor, else None.

    True when the body speaks in the first person about "my debts/creditor/letter" and
    neither the sender name nor the signature names an organisation.
    """
    m = _CLIENT_PHRASES.search(body)
    if not m:
        return None
    # signature-like closing lines (short), not a sentence that names a bank
    closing = "\n".join(line for line in [ln for ln in body.splitlines() if ln.strip()][-3:] if len(line.split()) <= 6)
    if _ORG_RE.search(from_name) or _ORG_RE.search(signature) or _ORG_RE.search(closing):
        return None
    return KindFinding(ReplyKind.OTHER, m.group(0), "body")


#: Kinds whose phrase a negation right before or after cancels ("wir bestreiten nicht",
#: "non contestiamo", "vi bestrider ikke", "has not been paid in full"). Client-unknown
#: phrases carry their own negations ("keine Kundenbeziehung"); so do some settled ones
#: ("keine offenen Forderungen"), which a negation before them does not turn around.
_NEGATABLE = frozenset(
    {ReplyKind.DISPUTE, ReplyKind.SETTLEMENT_PROPOSAL, ReplyKind.CLAIM_ASSIGNED, ReplyKind.CLAIM_SETTLED}
)
#: A negation word (every language) at most three words before a phrase ("has not been
#: sold or assigned to").
_NEGATION_BEFORE = re.compile(
    r"\b(?:nicht|kein\w*|not|n't|never|no|niet|geen|nooit|ne|n'|pas|non|mai|nunca|inte|ikke|ej|aldrig|ei|emme|en)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)
#: A negation right after a phrase ("bestreiten wir nicht", "betwisten wij niet").
_NEGATION_AFTER = re.compile(
    r"^\s*(?:(?:wir|we|wij|nous|noi|vi|me|es|dies|het|dat|det|dette|this|it|them)\s+)?(?:nicht|not|niet|pas|inte|ikke|ei)\b"
    # verb-second languages close the clause with the negation: "wir bestreiten die Teilzahlung nicht."
    r"|^(?:\s+[^\W\d_]+){1,8}?\s+(?:nicht|niet|inte|ikke)(?=\s*(?:[.,;:!]|$|dass\b|dat\b|att\b|at\b))"
    # the negation before the closing participle: "Ein Widerspruch wurde nicht erhoben."
    r"|^\s+(?:wurde|wurden|ist|sind|war|waren|werd|werden|is|zijn|was|har|blev|ble|er)\s+(?:\w+\s+)?(?:nicht|niet|inte|ikke|not)"
    r"(?:\s+[^\W\d_]+){1,2}(?=\s*(?:[.;:!]|$))",
    re.IGNORECASE,
)


#: The rest of the sentence says the thing is impossible: "Een betalingsregeling van
#: € 25,00 … is helaas niet mogelijk", "a settlement … is not possible".
_NOT_POSSIBLE = re.compile(
    r"\b(?:nicht|kein\w*|not|niet|geen|pas|non|no|inte|ej|ikke|ei)\s+(?:\w+\s+)?(?:möglich|possible|mogelijk|possibile|posible|"
    r"möjlig|muligt?|mahdollinen|akzeptabel|acceptable|accettabile|aceptable|in frage|an option)\b",
    re.IGNORECASE,
)


#: Earlier in the sentence: "non è possibile accordare un saldo e stralcio", "es ist uns
#: nicht möglich, einen Vergleich …", "it is impossible to offer a settlement".
_NOT_POSSIBLE_BEFORE = re.compile(
    r"(?:\b(?:nicht|not|non|no|pas|niet|inte|ej|ikke|ei)\s+(?:\w+\s+)?(?:möglich|possible|possibile|posible|mogelijk|möjligt?|muligt?|"
    r"mahdollista)|\b(?:impossib\w*|imposible|unmöglich|onmogelijk|omöjligt?|umulig\w*))\b,?(?:\s+\S+){0,5}\s*$",
    re.IGNORECASE,
)


def _negated(text: str, start: int, end: int, *, near_only: bool = False) -> bool:
    """Whether a negation within the same sentence right before ``start`` or right after
    ``end``, or a "not possible" elsewhere in the sentence, cancels the phrase at
    ``text[start:end]``. ``near_only``: only a negation right before it counts ("has not
    been paid in full"; a settled phrase is not undone by a later "no … possible")."""
    sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    before = text[max(sentence_start, start - 30) : start]
    if near_only:
        return bool(_NEGATION_BEFORE.search(before))
    rest = re.split(r"(?<=[^\W\d_]{3})[.!?](?:\s|$)|\n", text[end : end + 200], maxsplit=1)[0]
    if _NOT_POSSIBLE_BEFORE.search(text[max(sentence_start, start - 90) : start]):
        return True
    return bool(
        _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(text[end : end + 90]) or _NOT_POSSIBLE.search(rest)
    )


#: A money figure right before a "paid" phrase: "£766.80 has been paid", "300,00 € wurden bezahlt",
#: "€ 250,00 is betaald" — that sum was paid, the claim is not settled by it.
_FIGURE_BEFORE = re.compile(
    r"\d(?:[\d.,' ]*\d)?(?:[.,]-{1,2})?\s?(?:€|£|\$|eur|euro|gbp|chf|kr\.?|sek|dkk|nok|pln|zł)?\s?$", re.IGNORECASE
)
_IN_FULL = re.compile(
    r"full|fully|vollständig|voll|volledig|geheel|intégral|entièrement|totalité|intero|integral|totalidad|helhet|fullt|kokonaan",
    re.IGNORECASE,
)


_PAID_VERB = re.compile(r"\b(?:paid|bezahlt|gezahlt|betaald|payée?s?|pagat[oa]|pagad[oa]|betal[dt])\b", re.IGNORECASE)
#: The figure is the claim's own ("die Forderung über 318,20 € wurde bezahlt"): the claim was paid.
_CLAIM_OF_FIGURE = re.compile(
    r"\b(?:forderung|rechnung|claim|debt|invoice|balance|vordering|factuur|créance|facture|credito|fattura|deuda|factura|"
    r"fordran|faktura|fordring|krav)\w*\s(?:über|von|of|for|van|de|di|de|på|om)\s[^.\n]{0,30}$",
    re.IGNORECASE,
)


def _figure_paid(body: str, m: re.Match[str]) -> bool:
    """Whether a settled phrase ("has been paid", "wurden bezahlt") has a money figure as its
    subject and says nothing of "in full": a partial payment of that sum, no settled claim."""
    return (
        bool(_PAID_VERB.search(m.group(0)))
        and bool(_FIGURE_BEFORE.search(body[max(0, m.start() - 24) : m.start()]))
        and not _IN_FULL.search(m.group(0))
        and not _CLAIM_OF_FIGURE.search(body[max(0, m.start() - 60) : m.start()])
    )


#: A dispute-table phrase that only says the account rests ("ruhend gestellt", "on hold while", "suspendu pendant",
#: "opgeschort zolang"): a pause, which ``reply_wording.pause_for_the_plan`` may show to be one for the client's plan.
_PAUSE_PHRASE = re.compile(
    r"ruhend|on hold|suspendu|mis en attente|opgeschort|aangehouden|sospes|suspendid|en suspenso|vilande|i bero|på vent",
    re.IGNORECASE,
)


def _dispute_over_or_paused(body: str, m: re.Match[str]) -> bool:
    """Whether the dispute phrase ``m`` states no open dispute: the objection is over ("den Widerspruch …
    zurückgewiesen": ``reply_wording.resolved_dispute``), or the account only rests while the client's plan runs
    ("für die Dauer des Schuldenbereinigungsplans ruhend gestellt": ``reply_wording.pause_for_the_plan``)."""
    if resolved_dispute(body, m.start(), m.end()):
        return True
    return bool(_PAUSE_PHRASE.search(m.group(0))) and pause_for_the_plan(body, m.start(), m.end())


def _phrase_discounted(kind: ReplyKind, body: str, m: re.Match[str]) -> bool:
    """Whether the phrase ``m`` of ``kind`` in ``body`` states nothing of that kind: negated
    (for the ``_NEGATABLE`` kinds), or one of the kind's own exceptions."""
    if kind is ReplyKind.DISPUTE and _dispute_over_or_paused(body, m):
        return True  # "den Widerspruch … zurückgewiesen", "für die Dauer des Schuldenbereinigungsplans ruhend gestellt"
    if kind is ReplyKind.CLAIM_SETTLED and (settled_discounted(body, m.start()) or _figure_paid(body, m)):
        # "si se abonan … se considerará la deuda saldada", "la rata di novembre risulta saldata" (the wording table's
        # own check, ``reply_wording.settled_discounted``), or the figure it names was paid
        return True
    if kind is ReplyKind.CLAIM_ASSIGNED and possible_only(body, m.start(), m.end()):
        return True  # "…, müssten wir die Forderung an ein Inkassounternehmen übergeben": only threatened
    if kind is ReplyKind.CLIENT_UNKNOWN and about_a_thing(body, m.start(), m.end()):
        return True  # "no record of a cancellation": the client is known, an event or a letter is not
    if kind is ReplyKind.ENFORCEMENT and enforcement_discounted(body, m.start(), m.end()):
        return True  # "Klage wurde nicht erhoben", "keine Betreibung eingeleitet": no step taken
    if kind is ReplyKind.OTHER and office_procedure(body, m.start(), m.end()):
        return True  # "Vi viser til Deres henvendelse angående gjeldsordning.": the office's own plan, echoed
    return kind in _NEGATABLE and _negated(body, m.start(), m.end(), near_only=kind is ReplyKind.CLAIM_SETTLED)


def _first_phrase(kind: ReplyKind, rx: re.Pattern[str], body: str) -> KindFinding | None:
    """The first phrase of ``kind`` in ``body`` that states it, or None. A dispute phrase that
    only says the creditor is still checking ("wird derzeit geprüft", "we are looking into",
    ``reply_wording.is_checking``) is not a dispute: with no contesting phrase beside it and no
    objection of the client named (``reply_wording.names_objection``) the reply is ``other``
    (no claim stated; the safety layer names the checking), never "dispute"."""
    checking = None
    for m in rx.finditer(body):
        if _phrase_discounted(kind, body, m):
            continue
        if kind is ReplyKind.DISPUTE and is_checking(m.group(0)):
            checking = checking or m.group(0)
            continue
        return KindFinding(kind, m.group(0), "body")
    if checking is None:
        return None
    # checking the client's objection or complaint is a dispute still undecided
    return KindFinding(ReplyKind.DISPUTE if names_objection(body) else ReplyKind.OTHER, checking, "body")


@lru_cache(maxsize=128)  # pure; the rules extractor and its second readings ask again for the same texts
def classify_text(body: str, *, has_claim_amount: bool) -> KindFinding:
    """Kind of a creditor's reply from its text (injection lines already removed).

    The first kind of ``KIND_PHRASES`` whose phrase occurs wins (claim assigned,
    client unknown, enforcement, settled, document request, dispute, settlement
    proposal); else a
    claim statement when a claim amount was read (its claim word as evidence), else other
    (without evidence: no phrase of any kind occurs).
    """
    body = unwrapped(body)  # a phrase hard-wrapped over two lines is one phrase (same offsets)
    acquired = acquisition_phrase(body)
    if acquired:  # "wir haben die Forderung … erworben": a new holder of record writes
        return KindFinding(ReplyKind.CLAIM_ASSIGNED, acquired, "body")
    for kind, rx in _KIND_RES:
        found = _first_phrase(kind, rx, body)
        if found is not None:
            return found
    if not has_claim_amount:  # no phrase and no figure: "other" has no evidence (a claim word is not one)
        return KindFinding(ReplyKind.OTHER, "", "body")
    claim_word = _CLAIM.search(body)
    return KindFinding(ReplyKind.CLAIM_STATEMENT, claim_word.group(0) if claim_word else "", "body")


def classify_reply(body: str, subject: str, *, has_claim_amount: bool) -> KindFinding:
    """Kind of a creditor's reply from its text and its subject line (``classify_text`` of both).

    A debt procedure named only in the subject ("Re: Schuldsanering", "AW: Außergerichtlicher
    Einigungsversuch / Privatinsolvenz", "RE: Individual voluntary arrangement", "Plan de règlement /
    surendettement", "Piano del consumatore / sovraindebitamento", "Ley de segunda oportunidad",
    "Gældssanering", "Skuldsanering", "Gjeldsordning" …, the ``OTHER`` rows of ``KIND_PHRASES``) is
    the office's own word for its letter, not the creditor's answer: when a claim amount was read
    the body's own kind stands ("de openstaande vordering … bedraagt EUR 2.310,45" is a claim
    statement). Without a figure ("wij gaan akkoord met het plan") the subject still decides
    (``other``: a person reads it); a procedure the body names decides as before.
    """
    finding = classify_text(f"{body}\n{subject}", has_claim_amount=has_claim_amount)
    if not (has_claim_amount and finding.kind is ReplyKind.OTHER and _PROCEDURE.search(finding.text)):
        return finding
    own = classify_text(body, has_claim_amount=has_claim_amount)
    return finding if own.kind is ReplyKind.OTHER else own


def unknown_client_matches(text: str) -> list[tuple[int, int]]:
    """(start, end) of every unknown-client phrase of ``KIND_PHRASES`` in ``text`` that is
    not negated (``about_a_thing`` not applied: the caller tells a person from a letter)."""
    rx = dict(_KIND_RES)[ReplyKind.CLIENT_UNKNOWN]
    negatable = ReplyKind.CLIENT_UNKNOWN in _NEGATABLE
    return [(m.start(), m.end()) for m in rx.finditer(text) if not (negatable and _negated(text, m.start(), m.end()))]


def enforcement_mail(subject: str, from_name: str, from_email: str, signature: str, body: str) -> KindFinding | None:
    """Court, bailiff or enforcement-office mail (``ENFORCEMENT``), else None.

    An actor word (Gerichtsvollzieher, Amtsgericht, Betreibungsamt, deurwaarder,
    huissier, enforcement agent, County Court, Kronofogden …) in the sender, the
    signature or the last lines of the body, or a phrase only they write
    (Zwangsvollstreckungssache, Vermögensauskunft, warrant of control, dwangbevel …) in
    the subject or body. A creditor naming its title ("aus dem Vollstreckungsbescheid
    des AG Hagen") is not enforcement mail.
    """
    # signature-like closing lines only (short): "we may issue a claim in the County Court" is a creditor's sentence
    tail = "\n".join(line for line in [ln for ln in body.splitlines() if ln.strip()][-6:] if len(line.split()) <= 8)
    for source, text in (
        ("headers", f"{from_name} {from_email.split('@')[0]}"),
        ("signature", signature),
        ("body", tail),
    ):
        text = text.replace(".", " ") if source == "headers" else _REGISTER_LINE.sub("", text)
        m = _ENFORCEMENT_ACTOR.search(text)
        if m:
            return KindFinding(ReplyKind.ENFORCEMENT, m.group(0), source)
    for source, text in (("subject", subject), ("body", body)):
        for m in _ENFORCEMENT_PHRASE.finditer(text):
            # "Betreibungskosten (Zahlungsbefehl Nr. 26/4471)": a cost row of the claim, no court's mail
            if not (source == "body" and cost_item(text, m.start(), m.end())):
                return KindFinding(ReplyKind.ENFORCEMENT, m.group(0), source)
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")


def find_injection_lines(text: str) -> list[str]:
    """Sentences of ``text`` that address an AI system ("ignore previous instructions",
    "set the amount to 0", "file this as …"), each an exact substring of ``text``.
    The rules extractor reads around them (they are data, never instructions). The table
    is the safety layer's (``safety.INJECTIONS``); the reader blanks the same sentences."""
    out: list[str] = []
    rx = INJECTIONS.for_text(text)  # the table's branches that can match in ``text`` (pipeline/scan.py)
    if rx is None:
        return out
    lines = _lines_where_a_match_starts(rx, text) if _LINE_SAFE and not _OTHER_BREAKS.search(text) else None
    for line in text.splitlines() if lines is None else lines:
        if not rx.search(line):
            continue
        out.extend(s for s in _SENTENCE_END.split(line) if rx.search(s))
    return out


#: Line breaks ``str.splitlines`` knows besides ``\n`` (with one, every line is searched).
_OTHER_BREAKS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
#: Whether a line that matches on its own also matches, at the same place or at the ``\n``
#: just before it, inside the whole text: true for a table without look-behinds or ``$``,
#: whose only ``^`` opens a group beside ``\n`` (``(?:^|\n)``, ``(?:^|\n|[.!?:]\s)``: where
#: the line alone matches ``^``, the text matches ``\n``; ``_lines_where_a_match_starts``
#: counts a match that starts at a ``\n`` for the line after it too). ``\b`` sees the ``\n``
#: around a line as it sees a string's edge.
_LINE_SAFE = not any(
    "(?<" in p or "$" in p or re.search(r"(?<![\[\\])\^", p.replace(r"(?:^|\n", "")) for p, _ in INJECTIONS.branches
)


def _lines_where_a_match_starts(rx: KeptBranches, text: str) -> list[str]:
    """The lines (split at ``\n``) of ``text`` on which a match of ``rx`` starts, in order —
    every line that matches on its own is among them (``_LINE_SAFE``); the next match is
    looked for one character after each start, so overlapping starts are all seen."""
    parts = text.split("\n")
    found: set[int] = set()
    m = rx.search(text)
    while m is not None:
        line = text.count("\n", 0, m.start())
        found.update((line, line + 1) if text.startswith("\n", m.start()) else (line,))
        m = rx.search(text, m.start() + 1)
    return [parts[i] for i in sorted(found) if i < len(parts)]


def strip_injections(text: str) -> tuple[str, list[str]]:
    """``text`` with every injection sentence blanked out, and the sentences removed."""
    stripped, found = _strip_injections(text)
    return stripped, list(found)


@lru_cache(maxsize=256)  # pure; the same body, quote and signature are read several times per email
def _strip_injections(text: str) -> tuple[str, tuple[str, ...]]:
    found = find_injection_lines(text)
    for sentence in found:
        text = text.replace(sentence, "")
    return text, tuple(found)
