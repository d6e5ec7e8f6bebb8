"""Reply wording checks of the safety layer: the creditor's own words, read without
trusting the extractor's reply kind or total (pure; no I/O).

``wording_reasons`` is called by ``pipeline.safety.check`` for a reading that would
apply (an applicable reply kind with a total). It reads the creditor's own texts (the
reply with its signature, and attachments) in German, English, Dutch, French,
Italian, Spanish, Swedish, Danish, Norwegian and Finnish, with one phrase table per
concern and language:

* **contradicting wording** — dispute/contest/reject, sold/assigned to a new holder,
  court/bailiff/enforcement actors, "the client is unknown": held, quoting the words;
  a settlement/reduced-sum offer is held when the total is not stated as the current
  claim. A phrase preceded (or, as in German/Dutch/Scandinavian word order, closely
  followed) by a negation of its own clause (``we do not dispute``, ``bestreiten wir
  nicht``, ``kein Vergleich möglich``; a comma or conjunction ends the clause, ``nicht
  nur`` negates nothing) does not count; a settled phrase under a plain condition
  (``once paid in full``, ``sobald beglichen``) does not count either.
* **settled vs a figure owed** — 0.00 read while the reply states a non-zero amount
  next to a claim word (not a payment received, not an instalment); or a non-zero
  total while the reply says settled / paid in full / zero balance.
* **the current figure** — the total must stand next to a claim/balance/total/owed
  word (the nearest label word in its line, else its sentence), or be the only money
  figure of the reply; a figure whose nearest label is an instalment, offer, payment,
  fee or interest-rate word is not the total.
* **several totals** — two different figures, each labelled as the total/balance
  (not a component breakdown that sums up to one of them).

Amounts are ``Decimal`` euros (the claim's currency). Every function returns reasons a
person reads (empty: nothing found) and never raises.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from creditctl.pipeline.excerpts import excerpt, match_excerpt
from creditctl.pipeline.extraction.amounts import (
    ASIDE_RE,
    PERCENT_BASE_RE,
    confirmed_office_figures,
    current_beside_earlier,
    dated_column_total,
    find_amounts,
    letter_column_total,
    projected_beside_current,
    running_balance_total,
    times,
)
from creditctl.pipeline.extraction.labels import (
    AFTER_PAYMENT_RE,
    INCLUSIVE_RE,
    LABEL_RES,
    PAST_AFTER_RE,
    WITH_COSTS_RE,
    WITHOUT_COSTS_RE,
    ocr_folded,
    offer_object,
    says_paid,
    settles_a_part,
    settles_only_a_part,
)
from creditctl.pipeline.procedure_echo import office_procedure
from creditctl.pipeline.safety import NEITHER_NOR, NumberToken, normalise as normalise_text, number_tokens
from creditctl.pipeline.safety_thread import newest_message, newest_message_span
from creditctl.pipeline.scan import compile_prefiltered, prefiltered

__all__ = [
    "names_objection",
    "is_checking",
    "CHECKING_LABEL",
    "cost_item",
    "enforcement_discounted",
    "acquisition_phrase",
    "find_phrases",
    "resolved_dispute",
    "states_zero_balance",
    "pause_for_the_plan",
    "under_condition",
    "settled_discounted",
    "wording_reasons",
    "unwrapped",
    "sentence_span",
    "ABBREVIATIONS",
    "NEGATIONS",
    "PHRASES",
    "LabelledFigure",
    "labelled_figures",
]

LANGS = ("de", "en", "nl", "fr", "it", "es", "sv", "da", "no", "fi")
#: Further languages of the office's creditors (Central/Eastern Europe, the Balkans, Greece, Turkey), read
#: after ``LANGS`` and pt, pl, cs: their phrases are in ``MORE_LANGUAGE_PHRASES``.
MORE_LANGS = ("sk", "hu", "ro", "hr", "sl", "lt", "bg", "el", "tr", "sr", "lv", "et", "uk", "ru")

# one table per concern and language: regex alternatives (case-insensitive, on NFKC text)
PHRASES: dict[str, dict[str, str]] = {
    "dispute": {
        "de": r"bestreiten|bestritten|widersprechen|widerspruch|(?:lehnen|weisen) \w+ (?:\w+ )?(?:ab|zurück)|"
        r"erkennen \w+ (?:\w+ )?nicht an|anfechten|angefochten|strittig|nicht anerkannt|einwendungen (?:erhoben|vorgebracht|geltend gemacht)|(?:erhebt|erhoben|macht|machte) (?:\w+ )?einwendungen|"
        # still under review: a figure beside it is not confirmed
        r"prüfen (?!sie\b)(?:\w+ )?(?:derzeit|gerade|noch)\b(?! einmal| mal)|(?:wird|werden) (?:\w+ )?(?:(?:derzeit|gerade|noch) )+geprüft|in (?:der )?(?:prüfung|klärung)|"
        # objected to, complained about, held back until it is cleared
        r"widersprochen|widerspricht|streitig|beanstand\w*|reklamation\w*|reklamiert|"
        r"bis (?:die|zur|zum) (?:prüfung|klärung|abschluss)\w*|prüfung (?:ist )?(?:noch )?nicht abgeschlossen|"
        # the figure is not confirmed yet: provisional, being checked, binding figures only later
        r"nicht (?:\w+ )?bestätigen|vorläufige[nrs]? (?:\w+ )?(?:\w*saldo|stand|\w*forderung|\w*betrag|zahlen)|"
        r"(?:\w*forderung\w*|\w*saldo|umsätze|buchungen|zahlungen|kontobewegungen|\w*konto|\w*betrag|zahlen) {_W}{0,40}(?:wird|werden) {_W}{0,40}(?:geprüft|überprüft|untersucht|abgeglichen)\b|"
        r"(?:wird|werden) {_W}{0,20}(?:\w*forderung\w*|\w*saldo|umsätze|buchungen|zahlungen|\w*konto|\w*betrag|zahlen)\b{_W}{0,40}"
        r"(?:geprüft|überprüft|untersucht|abgeglichen)\b|nach abschluss (?:der|unserer) (?:\w*prüfung|klärung)|als vorläufig|"
        # the creditor itself does not know yet which of its figures is right
        r"(?:welche[rs]?|welcher) (?:\w+ )?(?:betrag|saldo|stand|zahl|wert|angabe)\w* {_W}{0,20}(?:richtig|korrekt|zutreffend|stimmt)|"
        r"um (?:eine )?bestätigung (?:\w+ )?gebeten|bestätigung (?:\w+ )?(?:steht|stehen) (?:noch )?aus",
        "en": r"disput(?:e|ed|es|ing)|contest(?:ed|s|ing)?|reject(?:ed|s|ing)?|we do not (?:accept|acknowledge|recognise|recognize)|"
        r"under (?:query|investigation|review)|(?:been|is|was) queried|being (?:investigated|reviewed|looked into)|we are (?:currently |still )?looking into|"
        r"(?:raised|made|lodged|filed) a (?:complaint|query)|(?:has|have) complained|complaint (?:about|regarding|concerning) (?:the|this|her|his|their)|"
        r"pending (?:the outcome of |investigation of )?(?:her|his|the|a|their|your client's) (?:complaint|query|investigation|review)|"
        r"(?:has|have) challenged|challenging the (?:debt|balance|claim|account)|we are investigating|"
        r"(?:cannot|can ?not|can't|unable to|not (?:yet )?in a position to) (?:yet )?confirm|provisional (?:balance|figure|amount|total)|(?:as|are|is) provisional|"
        r"being (?:checked|audited|reconciled|verified)|(?:once|until) (?:the|our) (?:review|audit|investigation) (?:is|has been) complete|"
        r"(?:confirm|clarify|check|establish) which (?:\w+ )?(?:figure|balance|amount|one|of (?:the|these) (?:figures|balances|amounts))? ?(?:is|are) (?:correct|right|accurate)|"
        r"which (?:figure|balance|amount) is (?:correct|right|accurate)|(?:asked|requested) (?:them|our client|the client|our principal|the creditor) to confirm|"
        r"awaiting (?:their |our client's |the client's )?confirmation",
        "nl": r"betwist(?:en|ed)?|bestrijden|wijzen \w+ (?:\w+ )?af|niet erkend|in onderzoek|wordt (?:nog )?onderzocht|(?:is|wordt|zijn|worden) (?:\w+ ){0,2}in behandeling\b(?! (?:genomen|hebben))|"
        r"bezwaar (?:gemaakt|ingediend|tegen)|maakt bezwaar|klacht (?:ingediend|over)|onderzoeken (?:dit|deze|de klacht)|"
        r"niet (?:\w+ )?bevestigen|voorlopig(?:e)? (?:saldo|bedrag|stand)|als voorlopig|wordt {_W}{0,40}(?:gecontroleerd|nagekeken|uitgezocht)|"
        r"welk(?:e)? (?:bedrag|saldo|stand) (?:\w+ )?(?:juist|correct|klopt)|om (?:een )?bevestiging gevraagd",
        "fr": r"contest(?:ons|é|ée|er|ation|e|ent)|rejet(?:ons|é|ée)?|refus(?:ons|é|ée)|litigieu(?:x|se)|en cours d'(?:examen|instruction|analyse)|"
        r"en litige|réclamation|a réclamé|ne (?:pouvons|sommes) {_W}{0,30}confirmer|(?:solde|montant) provisoire|comme provisoires?|en cours de vérification|"
        # a complaint lodged with an ombudsman, the file suspended until it decides
        r"plainte {_W}{0,20}(?:introduite|déposée|en cours)|(?:est |a été )?mise? en suspens|dans l'attente de la décision|"
        r"(?:quel|lequel)(?: montant| solde| des deux)? (?:est|sera) (?:le bon|correct|exact)|demandé (?:une |la )?confirmation",
        "it": r"contest(?:iamo|ato|ata|azione|are|a)|respingiamo|respint[oa]|non riconosciamo|in (?:(?:corso|fase) di )?verifica|in contestazione|"
        r"(?:presentato|sporto) reclamo|reclamo (?:per|su|relativo)|non (?:possiamo|siamo in grado di) {_W}{0,30}confermare|"
        r"(?:saldo|importo) provvisorio|come provvisori[oa]?|quale (?:importo|saldo|dei due) (?:sia|è) (?:corrett[oa]|giust[oa]|esatt[oa])|"
        r"chiesto (?:una |la )?conferma",
        "es": r"impugn(?:amos|ado|ada|ar)|rechaz(?:amos|ado|ada)|disputad[oa]|no reconocemos|en (?:revisión|estudio)|pendiente de resolución|"
        r"(?:presentado|interpuesto) (?:una )?reclamación|reclamación sobre|en disputa|en litigio|estamos revisando|"
        r"no (?:podemos|estamos en condiciones de) {_W}{0,30}confirmar|(?:saldo|importe) provisional|como provisional(?:es)?|en proceso de (?:revisión|verificación)|"
        r"cuál (?:de los dos |importe |saldo )?es (?:el )?(?:importe |saldo )?(?:correcto|exacto)|solicitado (?:la |una )?confirmación",
        "sv": r"bestrid(?:er|s|a|it|d)|invänd(?:er|ning)|avvisa(?:r|s|d)|reklamation|reklamerat|under utredning|"
        r"kan inte (?:\w+ )?bekräfta|preliminärt? (?:saldo|belopp)|vilket (?:belopp|saldo) (?:som )?är (?:korrekt|rätt)|bett om (?:en )?bekräftelse",
        "da": r"bestrid(?:er|es|t|e)|afvis(?:er|es|t)|indsigelse|klage over|under behandling|kan ikke (?:\w+ )?bekræfte|foreløbig (?:saldo|beløb)|"
        r"hvilket (?:beløb|saldo) der er (?:korrekt|rigtigt)|bedt om (?:en )?bekræftelse",
        "no": r"bestrid(?:er|es|t|e)|avvis(?:er|es|t)|innsigelse|klage på|under behandling|kan ikke (?:\w+ )?bekrefte|foreløpig (?:saldo|beløp)|"
        r"hvilket (?:beløp|saldo) som er (?:korrekt|riktig)|bedt om (?:en )?bekreftelse",
        "fi": r"kiistä(?:mme|ä|nyt)|kiistetty|riitaut\w*|hylkää(?:mme)?|reklamaatio\w*|selvitettävänä",
        "pt": r"contest(?:amos|ado|ada|ação)|impugn(?:amos|ado|ada|ação)|reclamação|em (?:análise|apreciação)|não reconhecemos|não podemos confirmar",
    },
    "sold": {
        "de": r"verkauft|abgetreten|abtretung|zediert|forderungskauf\w*|neue[rnm]? (?:gläubiger|inhaber)\w*|"
        # the claim has passed to, or is now held or managed by, another firm
        r"forderung {_W}{0,100}(?:übergegangen|erworben|angekauft)|(?:ist|sind) (?:\w+ ){0,6}inhaber(?:in)? der forderung|"
        r"forderungsinhaber\w*|von (?:der|dem) {_W}{1,60} verwaltet|wenden sie sich (?:bitte )?(?:künftig |zukünftig |direkt )?dorthin|"
        # handed to another firm for collection, correspondence to go there from now on
        r"(?:zur weiteren bearbeitung|zum (?:forderungs)?einzug|zur beitreibung|zur einziehung) (?:\w+ )?(?:abgegeben|übergeben|übertragen)|"
        r"richten sie {_W}{0,40}(?:ab sofort|künftig|zukünftig|fortan) (?:ausschließlich )?(?:dorthin|an die|an den|an das)",
        "en": r"(?:debt|claim|account|loan|receivable)s? (?:has been|was|were|have been) (?:sold|assigned|transferred)|"
        r"(?:sold|assigned|transferred) to (?!(?:our|a|the|your) (?:\w+ )?(?:department|team|agent|colleague|handler))|new (?:creditor|owner|holder)|"
        r"now (?:owned|held|serviced|managed) by|now belongs to|no longer (?:own|hold|manage|service) (?:this|the|your client's)|"
        r"(?:debt|account|claim|balance) {_W}{0,100}(?:purchased|acquired|bought) by|"
        r"transferred {_W}{1,80}? to (?!(?:our|the|a|an|your|us|this)\b)\w+|"
        r"(?:passed|handed|referred) (?:the (?:account|debt|claim|file) |it |this (?:account|debt|matter) )?(?:over )?to (?!(?:our|your|us|the client)\b){_W}{1,60}for (?:collection|recovery|further (?:handling|processing|action))|"
        r"(?:direct|address|send) (?:all |any |your )?(?:further |future )?correspondence {_W}{0,20}to (?!(?:us|me|this (?:office|address))\b)\w+",
        "nl": r"verkocht|overgedragen|gecedeerd|cessie|nieuwe (?:schuldeiser|eigenaar)|vordering {_W}{0,100}overgenomen door|"
        r"uit handen gegeven aan|(?:ter|voor verdere) (?:incasso|behandeling) (?:\w+ )?(?:overgedragen|doorgegeven|overgedragen) aan",
        "fr": r"cédée?s?|cession de (?:créance|la créance)|vendue?s?|nouveau (?:créancier|titulaire)|créance {_W}{0,100}(?:rachetée?|acquise?) par|"
        r"(?:transmis|confié) {_W}{0,40}(?:à|au cabinet|à la société) {_W}{1,60}pour (?:recouvrement|suite à donner)|"
        r"adresser (?:désormais |dorénavant )?(?:toute |votre )?correspondance {_W}{0,20}(?:à|au|auprès)",
        "it": r"ceduto|ceduta|cessione del credito|vendut[oa]|nuovo creditore|(?:credito|debito|posizione) {_W}{0,100}(?:acquistat[oa]|rilevat[oa]) da|"
        r"affidat[oa] {_W}{0,40}(?:a|alla|allo) {_W}{1,60}per (?:il )?(?:recupero|la gestione)",
        "es": r"cedid[oa]|cesión (?:del|de la) (?:crédito|deuda)|vendid[oa]|nuevo acreedor|(?:deuda|crédito|cuenta) {_W}{0,100}adquirid[oa] por|"
        r"(?:remitid|traspasad|encomendad)[oa] {_W}{0,40}a {_W}{1,60}para su (?:gestión|recobro|cobro)",
        "sv": r"såld|sålts|överlåt(?:en|its|s)|överl[åa]telse|ny (?:borgenär|fordringsägare)|(?:övertagits|övertagen|förvärvats|köpts) av",
        "da": r"solgt|overdraget|transporteret|ny (?:kreditor|fordringshaver)|(?:overtaget|opkøbt) af",
        # handed to the enforcement authority or a court is no sale: "overført til namsmannen",
        # "siirretty ulosottoon" (the enforcement table reads those)
        "no": r"solgt|overdratt|overført til (?!namsmann|tingrett|forliksråd|utlegg)|ny (?:kreditor|fordringshaver)|(?:overtatt|kjøpt) av",
        "fi": r"myyty|myimme|(?:siirretty|siirtyi)(?! (?:ulosot|käräjä|tuomioistui|oikeu))|uusi (?:velkoja|omistaja)",
        "pt": r"cedid[oa]|cessão (?:do|de) crédito|vendid[oa]|novo credor|(?:crédito|dívida) {_W}{0,100}adquirid[oa] por",
    },
    "enforcement": {
        "de": r"\w*gerichtsvollzieh\w*|zwangsvollstreck\w*|\w*pfändung\w*|gerichtliche[sn]? (?:verfahren|mahnverfahren|schritte)|"
        r"klage (?:{_W}{0,40} )?(?:erhoben|eingereicht)|mahnbescheid (?:{_W}{0,40} )?(?:beantragt|erlassen|zugestellt)|"
        r"mahnverfahren (?:eingeleitet|beantragt)|"
        # a court step or an enforceable title, whoever reports it (DE/AT/CH): a person decides
        r"mahnbescheid\w*|vollstreckungsbescheid\w*|vollstreckungstitel\w*|vollstreckbare[rn]? (?:titel|ausfertigung)|"
        r"tituliert\w*|exekution\w*|zahlungsbefehl\w*|betreibung\w*|rechtsöffnung\w*|"
        r"mahngericht\w*|gerichtskosten|prozesskosten|"  # not "Amtsgericht": company register footers name it
        # a lawsuit filed (Austria: "eingebracht") or its amount: "Räumungsklage samt Mietzinsklage eingebracht"
        r"\w*klage\w* (?:{_W}{0,120} )?(?:eingebracht|anhängig|zugestellt|eingereicht|erhoben)(?! werden)|klagsbetrag|klagebetrag|klageforderung|streitwert|tagsatzung",
        "en": r"bailiffs?|enforcement (?:agent|officer|action|order)|county court|court (?:order|judgment|claim|proceedings)|"
        r"writ of (?:control|execution)|garnish\w*|legal proceedings|"
        r"(?:district|circuit|high|sheriff|magistrates'?) court|ccjs?|judg(?:e)?ments? (?:was |has been |were )?(?:entered|obtained|granted|issued)|"
        r"sheriffs?|(?:charging|attachment of earnings) order|decree (?:was |has been )?(?:granted|obtained)",
        "nl": r"\w*deurwaarder\w*|beslaglegging|beslag|dagvaarding|rechtbank|gerechtelijk\w*|vonnis\w*|kantonrechter|executori\w*",
        "fr": r"huissier\w*|saisie|tribunal|injonction de payer|procédure judiciaire|exécution forcée|commissaire de justice|"
        r"titre exécutoire|jugement|signification",
        "it": r"ufficiale giudiziario|pignoramento|decreto ingiuntivo|tribunale|esecuzione forzata|precetto|titolo esecutivo|"
        r"sentenza|giudice di pace",
        "es": r"embargo|juzgado|procedimiento judicial|monitorio|ejecución forzosa|título ejecutivo|sentencia|demanda judicial",
        "sv": r"kronofogde\w*|utmätning|tingsrätt\w*|betalningsföreläggande|stämningsansökan|(?:har )?stämt",
        "da": r"foged\w*|udlæg|retten i|retssag|betalingspåkrav|stævning",
        "no": r"namsmann\w*|utlegg|forliksråd\w*|tingrett\w*|inkassovarsel om utlegg|stevning",
        "fi": r"ulosot\w*|käräjäoikeu\w*|tuomioistui\w*|haaste",
        "pt": r"penhora\w*|agente de execução|processo (?:de )?execu\w*|injunção|tribunal|ação judicial|execução fiscal|sentença",
    },
    "unknown": {
        "de": r"(?:ist|sind) (?:uns |hier )?(?:unbekannt|nicht bekannt)|kein(?:e|en)? (?:kunde|kundin|vertrag|konto|forderung) (?:unter|zu|mit)|"
        r"(?:können|konnten) \w+ (?:\w+ )?nicht zuordnen|nicht (?:in unserem|im) (?:system|bestand)",
        "en": r"(?:is|are) (?:not known|unknown) to us|not (?:a|one of our) (?:customer|client)s?|no (?:record|account) of|"
        r"(?:cannot|could not|can't|unable to) (?:find|locate|identify|trace) (?:your client|the client|this person|"
        r"the person|a customer|any (?:record|account|customer))",
        "nl": r"(?:is|zijn) (?:bij ons )?(?:onbekend|niet bekend)|niet bekend bij ons|geen klant",
        "fr": r"(?:est|sont) inconnue?s?|pas (?:connu|connue) de nos services|aucun dossier|ne figure pas",
        "it": r"(?:è|sono) sconosciut[oai]|non (?:risulta|è) (?:nostro|nostra|tra i nostri)|non risulta nei nostri archivi",
        "es": r"(?:es|son) desconocid[oa]s?|no (?:es|consta como) client[ea]|no consta en nuestros registros",
        "sv": r"(?:är )?okänd för oss|inte kund hos oss|saknar (?:uppgifter|ärende)",
        "da": r"(?:er )?ukendt for os|ikke kunde hos os|ingen sag",
        "no": r"(?:er )?ukjent for oss|ikke kunde hos oss|ingen sak",
        "fi": r"tuntematon|ei ole asiakkaamme|ei löydy (?:asiakas|rekisteri)\w*",
        "pt": r"(?:é|são) desconhecid[oa]s?|não (?:é|consta como) client[ea]|não consta (?:nos|dos) nossos registos",
    },
    "settlement": {
        "de": r"vergleichsangebot|vergleichsvorschlag|vergleichsbetrag|(?<!im )(?<!zum )vergleich(?!\s+zu[mr]?\b)|abfindung\w*|"
        r"(?:verzichten|verzicht) \w*|einmalzahlung|reduziert\w*|ermäßigt\w*|nachlass",
        "en": r"settlement (?:offer|proposal|amount|figure|sum)|(?:offer|willing|prepared|agree) to (?:settle|accept)|"
        r"(?:accept|settle for) (?:a )?(?:reduced|lower|one-off)|reduced (?:sum|amount|settlement)|full and final",
        "nl": r"schikking\w*|finale kwijting|gereduceerd\w*|(?:genoegen nemen|akkoord gaan) met",
        "fr": r"transaction|règlement amiable|proposition (?:de|d')\s?(?:règlement|accord)|montant réduit|solde de tout compte",
        "it": r"saldo e stralcio|transazione|accordo transattivo|importo ridotto",
        "es": r"quita|acuerdo transaccional|importe reducido|propuesta de (?:pago|acuerdo)",
        "sv": r"förlikning\w*|ackord|reducerat belopp|slutlikvid",
        "da": r"forlig\w*|akkord|nedsat beløb|endelig afregning",
        "no": r"forlik\w*|akkord|redusert beløp|sluttoppgjør",
        "fi": r"sovinto\w*|sovintoehdotu\w*|alennettu|kertasuoritu\w*",
    },
    "settled": {
        "de": r"(?:vollständig|vollumfänglich|komplett|restlos|vollends|zur gänze|gänzlich|in voller höhe) (?:beglichen|bezahlt|gezahlt|getilgt|ausgeglichen|erledigt)|"
        r"(?:ist|wurde|sind|wurden) (?!nicht\b|noch\b)(?:\w+ )?(?:beglichen|getilgt|erledigt)|(?:saldo|rückstand|kontostand|restforderung) (?:von |beträgt |: ?)?(?:€ ?|eur ?)?0,00|"
        r"keine (?:offenen? |weiteren )?(?:forderung(?:en)?|ansprüche|rückstände|beträge) mehr|nichts mehr offen|"
        # the singular and compounds: "kein Beitragsrückstand mehr", "kein offener Mietrückstand mehr",
        # "es besteht kein Zahlungsrückstand mehr", "keine Beitragsschulden mehr"
        r"kein(?:e|en)? (?:offenen? |offener |weiteren? |weiterer )?\w*(?:rückst[aä]nde?|schulden|außenst[aä]nde?|forderung(?:en)?) mehr\b|"
        r"(?:muss|müssen|braucht|brauchen) (?:\w+ )?nichts mehr (?:zu )?(?:bezahlen|zahlen)|"
        r"(?:durch (?:ihre |die )?zahlung|vollständig|vollumfänglich) erfüllt|"
        r"(?:damit|somit|hiermit) (?:ist|hat sich) (?:die|diese) (?:angelegenheit|sache|forderung|akte) (?:für uns )?(?:erledigt|abgeschlossen)",
        "en": r"paid in full|fully (?:paid(?! up)|settled|repaid)|(?:has|have) been (?:settled|repaid|paid off|cleared)|"
        r"(?:balance|debt|account|claim|arrears) {_W}{0,50}?\b(?:was|were) (?:fully )?(?:settled|cleared|repaid|paid off|discharged)\b|"
        # the last instalment cleared it: "the final payment on 20 November cleared the balance"
        r"(?:payment|instal+ment)\b{_W}{0,40}?\b(?:cleared|settled|paid off) (?:the|this|your client's) (?:balance|account|debt|arrears)|"
        r"zero balance|nil balance|balance (?:is |of )?(?:eur |€|£)?(?:0\.00|nil|zero)|nothing (?:is )?(?:outstanding|owed|due)|nothing (?:left|more|further) to (?:pay|be paid)|account (?:is )?closed|"
        r"balance {_W}{0,60}?\bis (?:now )?(?:eur |€ ?|£ ?|gbp )?(?:0\.00|nil|zero)(?!\d)",
        "nl": r"(?:volledig|geheel) (?:betaald|voldaan|afgelost)|(?:betaald|voldaan) in (?:zijn|haar) geheel|(?:is|zijn) (?!niet\b|nog\b)(?:\w+ )?voldaan|saldo (?:van |is )?(?:€ ?)?0,00|niets meer verschuldigd"
        # "het volledige bedrag door cliënte voldaan; er staat niets meer open"
        r"|(?:volledige|gehele|totale) bedrag (?:\w+ ){0,3}voldaan|(?:staat|is) (?:er )?niets meer open"
        r"|dossier (?:is|wordt) (?:hiermee |daarmee |bij ons |dan ook )?(?:afgesloten|gesloten)",
        "fr": r"(?:intégralement|entièrement|totalement) (?:réglée?|payée?|soldée?|remboursée?)|(?:réglée?|payée?|soldée?) en totalité|(?:est|a été) soldée?|solde (?:nul|de 0,00|à zéro)|plus rien (?:à payer|de dû)"
        # "Le solde du dossier est désormais de 0,00 € et le dossier est clôturé"
        r"|solde (?:\w+ ){0,3}(?:est|s'élève) (?:désormais |maintenant |à présent |actuellement )?(?:de |à )?(?:€ ?)?0,00(?!\d)"
        r"|dossier (?:est |a été )(?:\w+ )?(?:clôturé|clos|classé)"
        # the last instalment settled the file: "le dernier versement … a soldé le dossier", "plus aucune somme n'est due"
        r"|(?<!n')\ba (?:soldé|apuré|réglé) (?:le|la|votre|ce|cette) (?:dossier|compte|créance|dette|solde)\b"
        r"|plus aucune somme n'(?:est|reste) due",
        "it": r"(?:interamente|completamente|integralmente) (?:pagat[oa]|saldat[oa]|estint[oa])|(?:pagat|saldat)[oa] per intero|(?:è stat[oa] )?saldat[oa]|estint[oa]|saldo (?:zero|0,00)|"
        r"nulla (?:è )?(?:più )?dovuto|non (?:vi |ci )?(?:sono|risultano) (?:ulteriori |altri )?importi (?:scoperti|dovuti|aperti|insoluti)|"
        r"(?:corrispost|versat|rimborsat|soddisfatt)[oaie] (?:per intero|integralmente|interamente|completamente)|"
        r"(?:interamente|integralmente|completamente) (?:corrispost|versat|rimborsat|soddisfatt)[oaie]|"
        r"(?:posizione|pratica|debito) (?:è |risulta )?(?:stat[oa] )?regolarizzat[oa]"
        # "l'ultima rata … ha saldato il debito / la pratica"
        r"|(?<!non )\bha (?:saldato|estinto) (?:il|la|l'|lo) ?(?:debito|pratica|posizione|saldo|credito)\b"
        r"|non (?:risulta|risultano|vi è|c'è|esiste) più (?:alcun |nessun )?(?:debito|importo|somma|credito)\b",
        "es": r"(?:totalmente|íntegramente|completamente) (?:pagad[oa]|saldad[oa]|liquidad[oa])|(?:pagad|abonad|saldad|liquidad)[oa] en su totalidad|(?:está|ha sido) (?:saldad|liquidad|cancelad)[oa]|saldo (?:cero|0,00)|"
        r"(?:quedó|ha quedado|fue) (?:cancelad|saldad|liquidad)[oa]s? mediante (?:el )?pago|"
        r"(?:queda|ha quedado|se encuentra) (?:cerrad[oa] y |totalmente |íntegramente )?(?:saldad|liquidad|cancelad)[oa]|no (?:existe|hay|queda) (?:ningún |ninguna |ningun )?(?:deuda|cantidad|importe|suma) pendiente|"
        r"no se (?:nos )?adeuda (?:nada|cantidad alguna|importe alguno)|nada (?:más )?(?:se (?:nos )?adeuda|es debido)",
        "sv": r"(?:helt |fullt )?(?:betald|reglerad|slutbetald) i sin helhet|slutbetald|reglerad|saldo (?:noll|0,00)|inget (?:kvar|utestående)|"
        # "Skulden är betald och ärendet är avslutat hos oss"
        r"(?:skulden|fordran|fordringen|kravet|beloppet) är (?:nu |redan |därmed |härmed )?(?:betald|betalt|reglerad|reglerat)|"
        r"ärendet är (?:nu |därmed |härmed )?avslutat",
        "da": r"(?:gælden|kravet|fordringen|beløbet) er (?:nu |hermed |dermed )?(?:betalt|indfriet)|sagen er (?:nu |hermed |dermed )?afsluttet|"
        r"(?:fuldt|fuldt ud|fuldstændig) (?:betalt|indfriet)|betalt (?:fuldt ud|i sin helhed)|indfriet|saldo (?:nul|0,00)|intet udestående|"
        r"der skyldes ikke (?:længere|mere|yderligere)|ikke (?:længere )?(?:noget )?udestående",
        "no": r"(?:gjelden|kravet|fordringen|beløpet) er (?:nå |herved |dermed )?(?:betalt|innfridd|nedbetalt)|saken er (?:nå |herved |dermed )?avsluttet|"
        r"(?:fullt|fullstendig) (?:betalt|innfridd|nedbetalt)|betalt i sin helhet|innfridd|nedbetalt|saldo (?:null|0,00)|ingen utestående",
        "fi": r"maksettu (?:kokonaan|täysin|kokonaisuudessaan)|kokonaan maksettu|saldo (?:nolla|0,00)|ei (?:ole )?avoinna|suoritettu kokonaan",
        "pt": r"(?:totalmente|integralmente) (?:pag|liquidad|saldad)[oa]|(?:pag|liquidad)[oa] na totalidade|nada (?:mais )?em dívida|saldo (?:zero|0,00)|"
        r"nada (?:mais )?(?:é|está) (?:devido|em aberto)|não (?:existe|há|resta) (?:mais )?(?:qualquer |nenhuma )?dívida|"
        # "Não existe qualquer valor em dívida", "o contrato … se encontra liquidado", "encontra-se regularizada"
        r"não (?:existe|há|resta) (?:mais )?(?:qualquer |nenhum )?(?:valor|montante|quantia|saldo) (?:em dívida|em aberto|por (?:pagar|liquidar))|"
        r"(?:se encontra|encontra-se) (?:totalmente |integralmente |já )?(?:liquidad|saldad|regularizad|quitad)[oa]\b(?! parcialmente)",
        "pl": r"(?:spłacon|zapłacon|uregulowan)[aeoy] w całości|w całości (?:spłacon|zapłacon|uregulowan)[aeoy]|nie (?:ma|istnieje) (?:już )?(?:żadnego )?zadłużeni\w*",
    },
    # a collective debt procedure is open (insolvency, over-indebtedness commission, debt
    # settlement by a court): claims are lodged there and frozen — a person decides
    "insolvency": {
        "de": r"\w*insolvenzverfahren\w*|privatinsolvenz|verbraucherinsolvenz|restschuldbefreiung|insolvenzantrag|"
        r"insolvenzverwalter\w*|insolvenztabelle|zur tabelle angemeldet",
        "en": r"bankrupt(?:cy)?|debt relief order|individual voluntary arrangement|sequestration|protected trust deed|"
        r"debt settlement arrangement|personal insolvency arrangement|insolvency (?:practitioner|proceedings|order)",
        "nl": r"schuldsanering\w*|wsnp|faillissement|failliet|collectieve schuldenregeling|schuldbemiddelaar",
        "fr": r"surendettement|banque de france|rétablissement personnel|faillite|liquidation judiciaire|"
        r"redressement judiciaire|mandataire judiciaire|règlement collectif de dettes|médiateur de dettes",
        "it": r"sovraindebitamento|composizione (?:della|delle) crisi|esdebitazione|fallimento|liquidazione controllata",
        "es": r"concurso (?:de acreedores|consecutivo)|segunda oportunidad|exoneración del pasivo|administrador concursal|"
        r"procedimiento concursal",
        "sv": r"skuldsanering|konkurs",
        "da": r"gældssanering|konkurs",
        "no": r"gjeldsordning|konkurs",
        "fi": r"velkajärjestel\w*|konkurssi\w*",
        "pl": r"upadłoś\w*",
        "cs": r"oddlužení|insolvenční\w*",
        "pt": r"insolvência|administrador (?:de insolvência|judicial)|processo especial de revitalização|exoneração do passivo",
    },
    # written off / no longer pursued: the creditor stops, the claim is not thereby settled — a person decides
    "written_off": {
        # time-barred (statute of limitations): the creditor may no longer enforce it — also a person's decision
        "de": r"(?<!gebühren )(?<!gebühr )(?<!kosten )(?<!zinsen )(?:ausgebucht|abgeschrieben)|nicht (?:weiter|mehr) verfolgt|verfolgen \w+ nicht (?:weiter|mehr)|niedergeschlagen|"
        r"(?:forderung|schuld|saldo) {_W}{0,40}(?:auszubuchen|abzuschreiben)|(?:beitreibung|inkasso|einziehung)\w* (?:wurde |ist |wird )?(?:endgültig |vollständig )?(?:eingestellt|beendet)|"
        r"(?:ist|sind|wäre|gilt als) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?verjährt|verjährungseinrede|einrede der verjährung",
        "en": r"written off|write-off|write (?:off|down) (?:the |this |your client's |his |her )?(?:claim|debt|account|balance)|"
        # collection stopped for good: "we have been instructed to stop all collection measures"
        r"(?:stop|cease|end|discontinue)(?:ped|d)? (?:all |any |further )?(?:collection|recovery|enforcement) (?:measures|activity|activities|action|steps)|"
        r"(?:no longer|will not|won't) (?:be )?pursu\w*|will (?:\w+ )?not (?:be )?pursu\w*|"
        r"statute[- ]barred|time[- ]barred|(?:will|shall) (?:\w+ )?(?:take|be taking) no further (?:action|recovery action|steps)",
        "nl": r"afgeboekt|afgeschreven|niet langer (?:in)?vorderen|zien af van (?:verdere )?invordering|(?:is|zijn) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?verjaard",
        "fr": r"passée? en perte|abandonn\w* (?:la|notre|cette) créance|renon\w* (?:au|à) recouvrement|"
        r"(?:est|sont|a été) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?prescrite?s?|prescription (?:est )?acquise",
        "it": r"(?:credito |posizione )?stralciat[oa]|stralcio (?:contabile|a perdita|del credito|della posizione)|passat[oa] a perdita|rinunciamo al recupero|(?:è|sono) (?:ormai )?prescritt[oa]|"
        r"intervenuta prescrizione",
        "es": r"dad[oa] de baja|renunciamos al cobro|(?:está|ha) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?prescrit[oa]",
        "sv": r"avskriv(?:en|it|s)|avskrivits|avslutat indrivningen|preskriberad\w*",
        "da": r"afskrevet|afskrives|opgivet inddrivelsen|(?:er|anses for) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?forældet",
        "no": r"avskrevet|avskrives|avsluttet inndrivelsen|(?:er|anses som) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?foreldet",
        "fi": r"poistettu kirjanpidosta|luottotappio\w*|luovumme perinnästä|(?:on|ovat) (?!(?:nicht|niet|pas|not|non|no|ikke|inte|ei|noch|nog|ancora|todavía|endnu|ennå|ännu)\b)(?:\w+ )?vanhentun\w*",
        "pt": r"(?:crédito|dívida) (?:foi )?(?:anulad|abatid)[oa]|(?:está|foi|encontra-se) (?:\w+ )?prescrit[oa]|prescrição (?:foi |está )?(?:invocada|verificada)",
    },
    # collection stopped while something is decided (an ombudsman, an arbitration board, a
    # complaint, a court): the figure stands, but nobody may act on it — a person decides.
    # A referral must be stated as done ("has referred … to the Financial Ombudsman"): the
    # standard footer "you may refer your complaint to the Ombudsman" names no case.
    "suspended": {
        "de": r"ruhend gestellt|ruhendstellung|(?:akte|vorgang|verfahren|forderung|beitreibung|inkasso|einzug|mahnverfahren|"
        r"vollstreckung|angelegenheit|bearbeitung)\w* {_W}{0,60}(?:ruht|ruhen|ausgesetzt|zurückgestellt|angehalten|pausiert|auf eis gelegt)|"
        r"(?:setzen|stellen) \w+ {_W}{0,50}(?:beitreibung|inkasso|vollstreckung|mahnverfahren|einzug|verfahren|bearbeitung|akte)\w* "
        r"{_W}{0,30}(?:aus|zurück|ruhend)\b|(?:schlichtungs|ombuds)\w* {_W}{0,60}(?:angerufen|eingeleitet|anhängig|eingereicht|eingeschaltet|befasst)|"
        r"(?:angerufen|eingeschaltet) {_W}{0,40}(?:schlichtungs|ombuds)\w*|"
        # reminders stopped while an objection is cleared: "die Zahlungserinnerungen für 60 Tage pausiert"
        r"(?:mahnungen|zahlungserinnerungen|erinnerungen|mahnwesen|mahnlauf|mahnverfahren) {_W}{0,40}(?:pausiert|ausgesetzt|gestoppt|angehalten)|"
        r"mahnsperre|mahnstopp|mahnpause",
        "en": r"(?:placed|put|is|remains|been|kept) on hold|the hold on (?:the|this|your client's|his|her) (?:account|file|case)|(?:suspended|paused|frozen|stayed) (?:all |any |further )?(?:collection|recovery|enforcement)|"
        r"(?:collection|recovery|enforcement)s?(?: activity| activities| action)? (?:has been |have been |is |are |was |were |remains? )?(?:suspended|paused|stayed|frozen)|"
        r"pending (?:the |their |its )?(?:(?:financial )?ombudsman'?s?|fos|court'?s?|tribunal'?s?|adjudicator'?s?|panel'?s?|their|its) "
        r"(?:final )?(?:decision|ruling|determination|adjudication|outcome)|"
        r"(?:referred|escalated|taken|brought|submitted) {_W}{0,60}to the (?:financial )?ombudsman|"
        r"(?:complaint|case|matter) (?:is )?(?:now )?(?:with|before) the (?:financial )?ombudsman|"
        r"(?:paused|suspended|stopped|frozen) (?:all |any |further |the |our )?(?:payment )?(?:reminders|dunning)|"
        r"(?:payment )?reminders (?:have been |are |were )?(?:paused|suspended|stopped)",
        "nl": r"(?:dossier|vordering|incasso\w*|invordering|zaak|inning)\w* {_W}{0,40}(?:stilgelegd|opgeschort|aangehouden|on hold|geparkeerd)|"
        r"(?:stilgelegd|opgeschort|aangehouden) (?:totdat|tot|in afwachting|zolang)|"
        r"(?:klacht|geschil|zaak) {_W}{0,60}(?:ingediend|voorgelegd|aanhangig) bij (?:de |het )?(?:geschillencommissie|kifid|ombudsman|klachteninstituut)|"
        r"in afwachting van (?:de |een )?uitspraak",
        "fr": r"(?:dossier|recouvrement|procédure|créance|poursuites?)\w* {_W}{0,40}(?:suspendue?s?|mise?s? en attente|gelée?s?)|"
        r"(?:suspendons|gelons) (?:le |les |la |toute?s? )|(?:saisi|saisine d[ue]) (?:le |du )?médiateur|médiateur {_W}{0,40}a été saisi|"
        r"dans l'attente de la décision",
        "it": r"(?:pratica|posizione|recupero|procedura|azion[ei] di recupero)\w* {_W}{0,30}(?:sospes[oaie]|in sospeso|congelat[oaie])|"
        r"sospes[oaie] (?:fino|in attesa)|ricorso {_W}{0,60}(?:arbitro|abf|acf|ombudsman|conciliatore)|"
        r"(?:in attesa|fino alla) (?:della )?decisione",
        "es": r"(?:expediente|recobro|cobro|reclamación|deuda|procedimiento|gestiones)\w* {_W}{0,30}(?:en suspenso|suspendid[oa]s?|paralizad[oa]s?|congelad[oa]s?)|"
        r"(?:suspendemos|paralizamos) (?:el |la |las |los |toda )|reclamación ante (?:el |la )?(?:banco de españa|servicio de reclamaciones|defensor)|"
        r"hasta (?:la|que (?:se )?)(?:resolución|resuelva)",
        "sv": r"(?:ärendet|ärende|indrivning\w*|inkasso\w*) {_W}{0,30}(?:vilande|pausat|pausad|stoppat|stoppad)|vilandeförklara\w*|"
        r"(?:anmält|anmälan) {_W}{0,40}(?:arn|allmänna reklamationsnämnden)",
        "da": r"(?:sagen|inkasso\w*|inddrivelse\w*) {_W}{0,30}(?:sat i bero|stillet i bero|sat på pause|berostillet)|(?:sat|stillet) i bero|"
        r"(?:klage|klaget) {_W}{0,40}(?:finansklagenævnet|ankenævn\w*)",
        "no": r"(?:saken|inkasso\w*|innkreving\w*) {_W}{0,30}(?:stilt i bero|satt i bero|satt på vent|pauset|stanset)|(?:stilt|satt) i bero|"
        r"(?:klage|klaget) {_W}{0,40}(?:finansklagenemnda|forbrukerrådet)",
        "fi": r"perintä {_W}{0,30}(?:keskeytetty|keskeytetään|on keskeytetty)|keskeyt\w* perin\w*|(?:valitus|valittanut) {_W}{0,40}(?:fine|kuluttajariitalautakun\w*)",
        "pt": r"(?:processo|cobrança|recuperação|crédito)\w* {_W}{0,30}(?:suspens[oa]|em suspenso)|suspendemos (?:a|o|as|os|toda)",
    },
}

# the creditor cannot tell which client or claim the office means (namesakes, several files):
# a figure it states may be another person's — a person decides
PHRASES["which"] = {
    "de": r"welche[nrsm]? (?:\w+ ){0,3}(?:sie )?(?:meinen|gemeint)|nicht (?:eindeutig )?(?:zuordnen|feststellen|erkennen), (?:welche|um welche|wen)|"
    r"mehrere (?:personen|schuldner\w*|kunden|kundinnen|vorgänge|akten|verträge|konten|forderungen) (?:\w+ ){0,3}(?:mit dem (?:gleichen |selben )?namen|namens|gleichen namens)|namensgleich\w*",
    "en": r"(?:cannot|can ?not|can't|unable to|could not|couldn't|are not able to) (?:tell|determine|establish|identify|see) which (?:case|account|file|debtor|person|customer|client|one|of)|"
    r"which (?:one|case|account|file|debtor|person|customer|of (?:them|these|the two)) (?:you |your letter )?(?:mean|refer|relates?|is meant)|"
    r"(?:two|several|multiple|more than one) (?:open )?(?:cases|accounts|files|debtors|customers|persons|people) (?:\w+ ){0,4}(?:named|with the (?:same )?name|called|of the same name)",
    "nl": r"(?:welk|welke) (?:\w+ ){0,3}(?:u bedoelt|bedoeld wordt)|(?:meerdere|twee) (?:dossiers|personen|klanten|debiteuren|rekeningen) (?:\w+ ){0,3}(?:met de(?:zelfde)? naam|op naam van)",
    "fr": r"(?:plusieurs|deux) (?:dossiers|personnes|clients|débiteurs|comptes) (?:\w+ ){0,3}(?:au nom de|portant le (?:même )?nom|du même nom)|"
    r"(?:ne (?:pouvons|sommes) {_W}{0,30}(?:déterminer|identifier|savoir)) (?:lequel|laquelle|quel|de quel)|(?:quel dossier|quelle personne) vous (?:visez|concerne)",
    "it": r"(?:più|due) (?:posizioni|pratiche|persone|clienti|debitori) (?:\w+ ){0,3}(?:con lo stesso nome|a nome di)|omonim[oiae]|"
    r"quale (?:posizione|pratica|persona) (?:\w+ ){0,3}(?:intendete|si riferisce)",
    "es": r"(?:varios|varias|dos) (?:expedientes|personas|clientes|deudores|cuentas) (?:\w+ ){0,3}(?:con el mismo nombre|a nombre de|llamad[oa]s)|"
    r"(?:qué|cuál) (?:expediente|persona|cuenta) (?:\w+ ){0,3}(?:se refieren|refiere)",
    "pt": r"(?:vários|várias|dois|duas) (?:processos|pessoas|clientes|devedores|contas) (?:\w+ ){0,3}(?:com o mesmo nome|em nome de)",
    "sv": r"flera (?:ärenden|personer|kunder|gäldenärer) med (?:samma )?namn|vilket ärende (?:ni|du) (?:avser|menar)",
    "da": r"flere (?:sager|personer|kunder|skyldnere) med (?:samme )?navn|hvilken sag (?:I|du) (?:mener|henviser til)",
    "no": r"flere (?:saker|personer|kunder|skyldnere) med (?:samme )?navn|hvilken sak (?:dere|du) (?:mener|viser til)",
    "fi": r"useita (?:asiakkaita|henkilöitä|velallisia) samalla nimellä",
}
# the sender no longer acts for the creditor (its mandate ended, the file went back): a figure
# it gives is from the day it stopped — a person decides
PHRASES["mandate_ended"] = {
    "de": r"(?:inkasso)?mandat\w* {_W}{0,60}(?:beendet|erloschen|entzogen|zurückgegeben|zurückgezogen)|(?:akte|vorgang|forderung|sache)\w* {_W}{0,40}(?:an (?:unsere|die|den) (?:auftraggeber\w*|mandant\w*|gläubiger\w*) )?zurück(?:gegeben|gesandt|gereicht)|"
    r"(?:nicht mehr|nicht länger) (?:zuständig|beauftragt|mandatiert|für \w+ tätig)",
    "en": r"(?:our |the )?(?:mandate|instructions?) {_W}{0,40}(?:has|have|was|were) (?:ended|terminated|withdrawn|been withdrawn)|"
    r"(?:returned|handed back) (?:the (?:account|file|debt|case) )?to (?:our|the) (?:client|principal|creditor)|"
    r"(?:no longer|not longer) (?:act(?:ing)? (?:for|on behalf)|instructed|represent(?:ing)?|responsible for|handl(?:e|ing) (?:this|the)|manag(?:e|ing) (?:this|the))",
    "nl": r"(?:opdracht|mandaat) {_W}{0,40}(?:beëindigd|ingetrokken|afgelopen)|(?:dossier|vordering) {_W}{0,40}(?:teruggegeven|geretourneerd|terug(?:gestuurd|gezonden)) aan|"
    r"niet (?:meer|langer) (?:bevoegd|belast met|verantwoordelijk voor|namens)",
    "fr": r"(?:notre )?mandat {_W}{0,40}(?:(?:a )?pris fin|terminé|révoqué|résilié)|(?:dossier|créance) {_W}{0,40}(?:restitué|retourné|rendu)e? (?:à|au)|"
    r"ne sommes plus (?:mandatés|chargés|en charge)",
    "it": r"(?:nostro )?mandato {_W}{0,40}(?:cessat|revocat|terminat|concluso)\w*|(?:pratica|posizione) {_W}{0,40}(?:restituit|riconsegnat)[oa] (?:a|al|alla)|"
    r"non (?:siamo|è) più (?:incaricat|competent)\w*",
    "es": r"(?:nuestro )?mandato {_W}{0,40}(?:finalizad|terminad|revocad|concluid)[oa]|(?:expediente|deuda) {_W}{0,40}devuelt[oa] (?:a|al)|"
    r"ya no (?:gestionamos|representamos|somos responsables)",
    "pt": r"(?:nosso )?mandato {_W}{0,40}(?:terminou|cessou|revogado|terminado)|já não (?:representamos|gerimos|somos responsáveis)",
    "sv": r"(?:uppdraget|mandatet) {_W}{0,40}(?:avslutat|upphört|återkallat)s?|(?:ärendet|fordran) {_W}{0,40}återlämna\w*|inte längre (?:ansvariga|behöriga|ombud)",
    "da": r"(?:opdraget|mandatet) {_W}{0,40}(?:ophørt|afsluttet|tilbagekaldt)|(?:sagen|fordringen) {_W}{0,40}(?:returneret|tilbagesendt)|ikke længere (?:ansvarlige|ombud)",
    "no": r"(?:oppdraget|mandatet) {_W}{0,40}(?:avsluttet|opphørt|trukket tilbake)|(?:saken|kravet) {_W}{0,40}(?:returnert|sendt tilbake)|ikke lenger (?:ansvarlige|ombud)",
    "fi": r"toimeksianto {_W}{0,40}(?:päättynyt|peruttu)|(?:asia|saatava) {_W}{0,40}palautettu",
}

#: The hold families of the mutation harness (``tests/hold_families``, docs/evaluation.md "Hold
#: families"): more phrasings of the concerns above — objections raised, a sale, an insolvency
#: or enforcement in every language incl. Portuguese and Polish, collection ``suspended``, the
#: sender's ``mandate_ended`` — and concerns of their own: a complaint, appeal, ombudsman or court
#: case still ``pending`` (or a figure awaiting its outcome), a ``provisional`` figure, and a
#: ``conditional`` figure (only if paid by a date, discounted; ``conditional_reasons``). Merged
#: into ``PHRASES`` (``_extend_phrases``): one table per concern and language. ``{_P}`` is a gap
#: that does not cross a negation word.
FAMILY_PHRASES: dict[str, dict[str, str]] = {
    "dispute": {
        "de": r"(?:klären|klärt) (?:\w+ )?(?:das|dies|den sachverhalt|die sache|die angelegenheit|den vorgang)\b|bestreitet|einspruch\w* {_W}{0,40}(?:erhoben|eingelegt|eingereicht|erhalten|eingegangen)(?! werden)|"
        r"einsprache {_W}{0,40}(?:erhoben|eingereicht|erhalten)(?! werden)|einwände? {_W}{0,30}(?:erhoben|vorgebracht|geltend gemacht)(?! werden)|"
        r"(?:erkennt|erkennen|anerkennt) (?:\w+ ){0,4}nicht an",
        "en": r"(?:has|have|had) (?:\w+ )?objected|(?:raised|lodged|made|filed|received|submitted) (?:a |an |your |the |his |her |their )?"
        r"(?:formal |written )?objection|objection (?:to|against) (?:the|this|our|his|her|their) |objection {_W}{0,40}(?:was|has been|were) "
        r"(?:received|raised|lodged|made)|(?:your client|the debtor|the customer|he|she|they|mr \w+|mrs \w+|ms \w+) (?:does|do|did) not "
        r"(?:accept|agree|acknowledge)",
        "nl": r"bezwaar (?:van|(?:\w+ )?aangetekend)|(?:het|uw|zijn|haar) bezwaar (?!maken)|geprotesteerd|protest (?:aangetekend|ingediend)",
        "fr": r"(?:formé|fait|formée) opposition|opposition (?:à|a|contre) (?:la|cette|notre|votre)",
        "it": r"(?:presentato|proposto|sollevato) opposizione|opposizione (?:al|alla|contro|avverso)",
        "es": r"oposición (?:a|al|contra) (?:la|el|esta|este|nuestra)|impugnación|no (?:está|están) (?:conforme|de acuerdo) con",
        "pt": r"oposição (?:à|a|ao|contra)|contest(?:ou|ação|ada|ado|aram)|impugn(?:ou|ação|ada|ado)|não (?:concorda|aceita|reconhece)",
        "sv": r"invändning(?:ar|en)?",
        # not the reminder's fee or letter ("muistutusmaksut", "muistutuskirje"): a reminder, not an objection
        "fi": r"vastustu\w*|vastustanut|vastustaa|muistutu(?!smaksu|skulu|skirje)\w*",
        "pl": r"sprzeciw\w*|zakwestionował\w*|kwestionuj\w*|kwestionowan\w*|reklamacj\w*|zaskarż\w*",
    },
    "pending": {
        "de": r"(?:beschwerde\w*|berufung\w*|revision|klage|rekurs\w*|einspruch\w*|widerspruch\w*|rechtsstreit\w*|gerichtsverfahren|"
        r"klageverfahren|schlichtung\w*|rechtsmittel\w*|prozess) {_P}{0,60}(?:noch )?(?:anhängig|hängig|rechtshängig|"
        r"nicht (?:\w+ )?entschieden|läuft|laufen|geführt|bearbeitet|in bearbeitung|offen)|anhängig|rechtshängig|hängig|"
        r"(?:an|bei) (?:die|der|den|dem) {_W}{0,30}(?:schlichtungsstelle|ombuds\w*|bafin|schiedsstelle|finma|fma)\w* "
        r"{_W}{0,20}(?:gewandt|angerufen|eingeschaltet|eingereicht|eingelegt|vorgelegt|befasst)|"
        r"(?:schlichtungsstelle|ombuds\w*|bafin|schiedsstelle)\w* {_W}{0,40}(?:angerufen|eingeschaltet|gewandt|vorgelegt|befasst)|"
        r"(?:liegt|liegen) {_W}{0,40}(?:ombuds\w*|schlichtungsstelle\w*|bafin|schiedsstelle) {_W}{0,30}vor|"
        r"beschwerde (?:bei|an) (?:der|die|dem|den) (?:bafin|\w*schlichtung\w*|ombuds\w*|\w*aufsicht\w*|fma|finma)|"
        r"(?:ausgang|ergebnis|entscheidung|urteil|ausgangs) (?:des|der|dem) {_W}{0,40}(?:verfahren\w*|gericht\w*|rechtsstreit\w*|prozess\w*)|"
        r"vorbehaltlich {_W}{0,40}(?:gericht\w*|entscheidung|urteil\w*|ausgang\w*)|vorbehalt (?:der|einer) (?:gerichtlichen )?entscheidung|"
        r"(?:das|ein) gericht {_W}{0,40}(?:noch )?(?:entscheiden|entscheidet)|"
        r"\w*klage\w* {_P}{0,60}(?:eingebracht|eingereicht|erhoben|zugestellt)(?! werden)|klagsbetrag|streitwert|"
        r"bis zur (?:mündlichen )?(?:verhandlung|entscheidung)",
        "en": r"(?:appeal|complaint|lawsuit|proceedings|litigation|legal action|court case|dispute|hearing)s? {_P}{0,50}"
        r"(?:is|are|has|have|remains?|still) (?:still |currently |now |yet )?(?:pending|open|ongoing|unresolved|undecided|"
        r"not (?:yet )?(?:been )?(?:decided|resolved|determined|concluded)|under (?:review|investigation|consideration)|"
        r"being (?:investigated|considered|reviewed))|pending (?:the )?(?:outcome|result|decision|determination|ruling) of|"
        r"(?:subject to|depends? on|dependent on|awaiting|await) (?:the )?(?:outcome|result|decision|ruling|judgment|determination|"
        r"court's \w+)|listed for (?:a )?hearing|hearing (?:is )?(?:listed|scheduled|set)|"
        r"(?:referred|escalated|taken|brought|passed|submitted) {_W}{0,40}(?:ombudsman|fos|cfpb|regulator|fca)|"
        r"(?:filed|lodged|raised|submitted|made) (?:with|to) the {_W}{0,30}(?:ombudsman|cfpb|fos|regulator|fca|attorney general)|"
        r"(?:complaint|case|matter) {_W}{0,30}(?:is|are|remains) (?:now |currently )?with the (?:\w+ ){0,3}(?:ombudsman|fos|regulator)",
        "nl": r"(?:klacht|bezwaar|beroep|geschil|procedure|rechtszaak|beroepsprocedure)\w* {_P}{0,40}(?:nog )?(?:in behandeling|loopt|lopende|"
        r"aanhangig|niet (?:\w+ )?beslist)|(?:loopt|lopen) (?:nog )?(?:een |het )?(?:\w+ )?(?:geschil|beroep\w*|procedure|rechtszaak|klacht)|"
        r"aanhangig|(?:uitspraak|beslissing|oordeel) van de (?:rechter|rechtbank|kantonrechter|geschillencommissie|ombudsman)|"
        r"(?:ligt|liggen) {_W}{0,30}bij (?:de|het) (?:\w+ ){0,2}(?:geschillencommissie|kifid|ombudsman\w*|rechter|rechtbank)|"
        r"bij (?:de|het) (?:\w+ ){0,2}(?:geschillencommissie|kifid|ombudsman\w*) (?:ligt|in behandeling|aanhangig)|"
        r"(?:voorgelegd|ingediend) (?:aan|bij) (?:de|het) (?:\w+ ){0,2}(?:geschillencommissie|kifid|ombudsman\w*)",
        "fr": r"(?:réclamation|recours|litige|contestation|procédure|appel|plainte)s? {_P}{0,40}(?:est|sont|reste|restent|étant) "
        r"(?:\w+ )?(?:pendante?s?|en cours|en instance|non tranchée?s?)|(?:saisi|saisine) (?:du |de la |le |la |l')?(?:médiat\w*|ombuds\w*)|"
        r"médiat(?:eur|ion) (?:ayant été |a été )?saisi|(?:soumise?|transmise?|adressée?) (?:à|au) (?:l'|la |le )?(?:médiat\w*|ombuds\w*|acpr)|"
        r"(?:issue|décision|jugement|résultat) (?:de la|du|de l') ?{_W}{0,30}(?:procédure|tribunal|juge|instance|litige)|sous réserve de la décision",
        "it": r"(?:reclamo|ricorso|contenzioso|giudizio|causa|opposizione|contestazione) {_P}{0,40}(?:è |sono )?(?:ancora |tuttora |attualmente )?"
        r"(?:pendente|in corso|in fase di istruttoria|in istruttoria)|(?:essendo|è|sono|risulta) (?:ancora |tuttora )?pendente|"
        r"è in corso un (?:contenzioso|giudizio|ricorso)|(?:ha|hanno|è stato) (?:\w+ )?(?:presentato|proposto|depositato) (?:un |il )?ricorso|"
        r"sottopost[oa] (?:all'|al |alla )(?:ombudsman|arbitro|abf|giudice)|(?:esito|decisione|sentenza) (?:del|della|dell') ?{_W}{0,20}"
        r"(?:giudizio|giudice|tribunale|causa|procedimento)|salvo diversa decisione",
        "es": r"(?:reclamación|recurso|litigio|pleito|procedimiento|demanda|queja)\w* {_P}{0,40}(?:sigue|está|continúa|se encuentra)? ?"
        r"(?:todavía |aún )?(?:en trámite|pendiente|en curso|sin resolver)|(?:hay|existe) (?:un |una )?(?:recurso|litigio|reclamación|"
        r"procedimiento)\w* (?:pendiente|en curso)|estando pendiente|(?:ante|al) (?:el )?(?:banco de españa|defensor del (?:cliente|pueblo)|"
        r"servicio de reclamaciones)|en manos del defensor|(?:resultado|resolución|decisión) del (?:juzgado|tribunal|procedimiento judicial)|"
        r"a reserva de lo que resuelva",
        "pt": r"(?:reclamação|recurso|litígio|processo|ação|queixa)\w* {_P}{0,40}(?:ainda |continua )?(?:está |se encontra )?(?:em análise|"
        r"pendente|em curso|em apreciação)|encontra-se pendente|(?:existe|há) (?:um |uma )?(?:litígio|recurso|processo|reclamação) "
        r"(?:pendente|em curso)|estando (?:ainda )?pendente|(?:apresentou|apresentada|foi apresentada) (?:uma )?(?:reclamação|queixa)|"
        r"(?:remetido|enviado) ao provedor|pendente no provedor|(?:desfecho|decisão|resultado) do (?:processo|tribunal)|"
        r"sujeito à decisão|aguardamos a decisão",
        "da": r"klage\w* {_P}{0,40}(?:er )?(?:stadig |fortsat )?under behandling|verserer|anket|(?:endnu|stadig) ikke afgjort|"
        r"(?:har klaget|klaget) til|indbragt for|udfaldet af|rettens afgørelse",
        "no": r"(?:pågår|verserer) (?:en |ei )?(?:rettssak|tvist|klagesak|sak)|rettssak (?:om|mot|pågår|verserer)|anket|"
        r"(?:ennå|fortsatt) ikke avgjort|(?:klaget|brakt) (?:saken )?(?:inn )?(?:for|til) \w*(?:nemnda|utvalget|rådet)|"
        r"(?:ligger|er) (?:nå )?hos \w*(?:nemnda|utvalget)|utfallet av|rettens avgjørelse|klagesaken (?:fortsatt )?pågår",
        "sv": r"(?:klagomål|överklagande|tvist|rättegång)\w* {_P}{0,40}(?:utreds|pågår|prövas)|pågår en (?:tvist|rättegång|process)|"
        r"överklagats|(?:ännu|fortfarande) inte (?:är )?(?:avgjort|prövat|avgjord)|(?:anmält|anmälts|hänskjutits) {_W}{0,30}"
        r"(?:arn|reklamationsnämnd\w*|konsumentverket|finansinspektionen)|prövas {_W}{0,20}(?:av|hos) (?:arn|\w*nämnd\w*)|"
        r"(?:ligger|är) hos (?:arn|allmänna reklamationsnämnden)|utgången i|domstolens avgörande|tingsrättens dom",
        "fi": r"(?:valitus|oikeudenkäynti|riita|kanne|muutoksenhaku)\w* {_P}{0,40}(?:on )?(?:vielä |edelleen )?(?:käsittelyssä|vireillä|kesken)|"
        r"vireillä|valitettu|(?:vielä|edelleen) ratkaisematta|ole vielä ratkaistu|(?:vienyt|viety|saattanut|saatettu) {_W}{0,30}"
        r"(?:kuluttajariitalautakun\w*|fine|rahoitusneuvon\w*)|oikeudenkäynnin lopputulo\w*",
        "pl": r"(?:reklamacj|odwołani|skarg|postępowani)\w* {_P}{0,40}(?:jest )?(?:nadal |wciąż )?(?:rozpatrywan\w*|w toku|w trakcie|"
        r"nierozstrzygnięt\w*)|nie (?:zostało|został|została) (?:jeszcze )?rozpatrzon\w*|wniesion\w* odwołani\w*|toczy się (?:postępowanie|sprawa|spór|proces)|(?:jeszcze|dotąd) (?:nie )?rozpatrzon\w*|"
        r"(?:złożył\w*|wniósł\w*|skierował\w*) {_W}{0,30}(?:skarg\w*|wniosek) do (?:\w+ )?rzecznik\w*|skierowana do (?:\w+ )?rzecznik\w*|"
        r"rozpatrywana przez (?:\w+ )?rzecznik\w*|(?:wynik\w*|rozstrzygnięci\w*) (?:postępowania )?sąd\w*|z zastrzeżeniem orzeczenia|"
        r"oczekujemy na (?:rozstrzygnięcie|wyrok|orzeczenie)|postępowani\w* sądow\w*",
    },
    "suspended": {
        "de": r"(?:beitreibung|betreibung|inkasso|mahnverfahren|mahnwesen|vollstreckung|zwangsvollstreckung|\w*maßnahmen)\w* {_P}{0,40}"
        r"(?:ruht|ruhen|ausgesetzt|eingestellt|sistiert|gestoppt|angehalten|pausiert|zurückgestellt)|(?:forderung|vorgang|akte|"
        r"konto|angelegenheit|sache|verfahren)\w* {_P}{0,40}(?:ruht|ruhen|ausgesetzt|sistiert|pausiert|auf eis gelegt)|"
        r"(?:\w*mahnung|\w*erinnerung|mahnläuf|mahnstuf)\w* {_P}{0,40}(?:ausgesetzt|eingestellt|gestoppt|angehalten|pausiert|"
        r"zurückgestellt)|pausier(?:t|en)|ruhend gestellt|ruhen lassen|mahnsperre|mahnstopp|sistiert|(?:vorübergehend|vorläufig|einstweilen|bis auf weiteres) "
        r"(?:\w+ )?(?:eingestellt|ausgesetzt|gestoppt|angehalten|sistiert)|stillhalte\w*",
        # (not the customer's buying: "the account has been suspended from further orders")
        "en": r"(?:collection|collections|recovery|enforcement|account|debt|claim|file|case|activity|action)s? {_P}{0,40}(?:on hold|"
        r"paused|suspended(?! from (?:further |new |any )?(?:orders?|ordering|purchases|purchasing|spending|borrowing|credit)\b)|"
        r"frozen|halted)|(?:put|placed|is|are|remains?) on hold|(?:paused|suspended|halted|frozen|stopped) "
        r"(?:all |any |further )?(?:collection|recovery|enforcement)\w*|hold on the account|"
        r"breathing space (?:moratorium|has been|was|is in place|started|registered|applies)|"
        r"(?:in|under|entered(?: into)?|registered(?: for)?) (?:a |the )?breathing space",
        "nl": r"(?:invordering|incasso|dossier|vordering|procedure|aanmaning)\w* {_P}{0,40}(?:stilgelegd|opgeschort|geschorst|on hold|"
        r"gepauzeerd|bevroren|in de wacht)|on hold gezet|stilgelegd|opgeschort|geschorst|gepauzeerd",
        "fr": r"(?:recouvrement|dossier|poursuite|relance|procédure|créance|compte)s? {_P}{0,40}(?:suspendue?s?|en suspens|en pause|"
        r"gelée?s?)|mis(?:es)? en (?:pause|suspens|attente)|suspension (?:du|des|de la) (?:recouvrement|poursuites|relances|procédure)|en suspens",
        "it": r"(?:recupero|pratica|posizione|procedura|azioni|attività) {_P}{0,40}(?:sospes[oaie]|in sospeso|bloccat[oaie]|congelat[oaie])|"
        r"sospeso (?:le|il|la|ogni) (?:attività|azioni|recupero|procedura)|in sospeso",
        "es": r"(?:recobro|cobro|gestiones|expediente|procedimiento|reclamación|acciones)\w* {_P}{0,40}(?:suspendid[oa]s?|paralizad[oa]s?|"
        r"en suspenso|congelad[oa]s?)|paralizado (?:las|el|todas las) (?:gestiones|acciones|cobro)\w*|en suspenso|quedando suspendid[oa]s",
        "pt": r"(?:cobrança|processo|recuperação|ações|diligências)\w* {_P}{0,40}(?:suspens[oa]s?|parad[oa]s?|congelad[oa]s?|"
        r"interrompid[oa]s?)|suspendemos|suspensão (?:da|do) (?:cobrança|processo)",
        "da": r"i bero|berostill\w*|(?:inddrivelse|inkasso|sag|rykker\w*|fordring)\w* {_P}{0,40}(?:stoppet|standset|på pause)|"
        r"midlertidigt (?:stoppet|standset)|på pause",
        "no": r"i bero|på vent|(?:inndrivelse|inkasso|sak)\w* {_P}{0,40}(?:stanset|stoppet|på pause)|midlertidig (?:stanset|stoppet)",
        "sv": r"vilande|i bero|(?:indrivning|inkasso|ärende|fordran|kravet)\w* {_P}{0,40}(?:pausad\w*|stoppad\w*)|pausat",
        "fi": r"(?:perintä|perintätoim|asia)\w* {_P}{0,40}(?:keskeytetty|keskeytyksissä|pysäytetty|jäissä|tauolla)|keskeyt(?:etty|täneet|timme)|"
        r"pysäyt\w* (?:\w+ )?perin\w*",
        "pl": r"(?:windykacj|postępowani|działani|egzekucj)\w* {_P}{0,40}(?:wstrzyman\w*|zawieszon\w*)|wstrzymaliśmy|zawiesiliśmy|"
        r"wstrzymano|zawieszono",
    },
    "provisional": {
        "de": r"unverbindlich\w*|vorläufig\w*|(?:ist|sind|wurde|wurden|wird) (?:(?!nicht\b)\w+ ){0,2}geschätzt|geschätzte[rn]? (?:betrag|summe|"
        r"saldo|forderung|wert|höhe|kosten|zahlen)|schätzung|unter vorbehalt(?! aller rechte)|ohne gewähr|endgültige (?:abrechnung|"
        r"berechnung|aufstellung|forderungsaufstellung|schlussrechnung|höhe)\w* {_W}{0,30}(?:folgt|folgen|erhalten sie|senden wir|"
        r"steht noch aus)|noch (?:nicht )?(?:endgültig|bestätigt)|noch bestätigen|bestätigt werden|"
        r"(?:bitten|gebeten|warten) (?:\w+ ){0,4}(?:um|auf) (?:die |eine )?bestätigung|gebeten,? {_W}{0,40}zu bestätigen|welcher (?:betrag|saldo|wert) (?:korrekt|richtig|zutreffend)",
        "en": r"(?:an |is an |are an )estimate|estimated (?:balance|figure|amount|total|sum)|provisional\w*|indicative|"
        r"approximate(?:ly)? (?:amount|figure|balance|total|sum)|(?:amount|figure|balance|total|sum) (?:is|are) approximate|"
        r"subject to (?:final )?(?:confirmation|verification|reconciliation|audit|change)|(?:final|closing) (?:statement|figure|balance|"
        r"account)s? (?:will|to) follow|(?:is|are) not (?:yet )?(?:final|confirmed|verified)|for guidance only|"
        r"(?:asked|awaiting|waiting for|wait for) (?:\w+ ){0,3}(?:to )?confirm\w*|(?:which|what) (?:figure |balance |amount )?is "
        r"(?:correct|right)|hold off (?:any|making|on)",
        "nl": r"schatting|geschat\w*|voorlopig\w*|onder voorbehoud(?! van (?:alle|al (?:onze|haar|zijn)) rechten)|indicatie\w*|indicatief|"
        r"(?:definitieve|uiteindelijke) (?:eind)?afrekening\w* {_W}{0,20}volgt|nog (?:niet )?(?:definitief|bevestigd)|"
        r"gevraagd {_W}{0,40}te (?:bevestigen|controleren)|in afwachting van (?:de |hun |zijn )?bevestiging",
        # asked its principal to confirm the figure: "Nous avons demandé au créancier de confirmer le montant exact"
        "fr": r"à titre indicatif|estimati(?:f|ve)s?|provisoires?|sous réserve de (?:confirmation|vérification|modification)|"
        r"demandé {_W}{0,40}de (?:nous )?(?:confirmer|vérifier)|dans l'attente de (?:la |sa |leur )?confirmation|"
        r"(?:décompte|solde|montant) définitif {_W}{0,20}suivra|approximati\w*",
        "it": r"indicativ[oaie]|(?:è|sono) (?:\w+ )?stimat[oaie]|chiesto {_W}{0,40}di (?:confermare|verificare)|in attesa di conferma|(?:importo|saldo|somma) stimat[oa]|provvisori[oaie]|salvo conferma|"
        r"soggett[oa] a conferma|(?:conteggio|saldo|importo) definitivo {_W}{0,20}seguirà|approssimativ\w*",
        "es": r"orientativ[oa]s?|(?:es|son|está|están) (?:\w+ )?estimad[oa]s?|(?:solicitado|pedido) {_W}{0,40}que (?:nos )?(?:confirme|verifique)|(?:saldo|importe|cantidad) estimad[oa]|provisional\w*|"
        r"sujet[oa] a confirmación|pendiente de confirmación|liquidación definitiva {_W}{0,30}(?:se enviará|seguirá|más adelante)|"
        r"(?:importe|saldo|cantidad) aproximad[oa]",
        "pt": r"provisóri[oa]s?|(?:é|são|está|estão) (?:\w+ )?estimad[oa]s?|(?:saldo|valor|montante) estimad[oa]|sujeit[oa] a confirmação|"
        r"indicativ[oa]|(?:valor|saldo|montante) aproximad[oa]",
        "da": r"et skøn|skønnet|skønsmæssig\w*|foreløbig\w*|med forbehold|vejledende|endelig opgørelse (?:følger|fremsendes)",
        "no": r"et estimat|estimert\w*|anslått\w*|foreløpig\w*|med forbehold|veiledende|endelig oppgjør (?:følger|kommer)",
        "sv": r"preliminär\w*|uppskattat|uppskattad\w*|uppskattning|ungefärlig\w*|med reservation|kan komma att ändras|"
        r"slutlig avräkning (?:följer|kommer)",
        "fi": r"arvio|arviolta|arvioitu\w*|alustav\w*|voi (?:vielä )?muuttua|likimääräi\w*|vahvistamat\w*",
        "pl": r"szacunkow\w*|orientacyjn\w*|wstępn\w*|tymczasow\w*|wymaga potwierdzenia|do potwierdzenia|przybliżon\w*",
    },
    "conditional": {
        "de": r"gilt nur|nur gültig|gültig bis|befristet|(?:bei|nach) fristgerechter zahlung|sofern (?:die )?zahlung|"
        r"vorausgesetzt,? (?:dass )?(?:die )?zahlung|bei zahlung(?:seingang)? (?:bis|innerhalb|binnen)|rabatt\w*|skonto\w*",
        "en": r"(?:only|solely) (?:be )?valid|valid (?:only|until)|(?:if|provided|providing|as long as) (?:that )?(?:payment|it|the "
        r"(?:balance|amount|sum)) (?:is )?(?:paid|received|made|cleared)|(?:if|provided|once) paid (?:by|within|before)|"
        r"(?:reduced|discounted) (?:balance|figure|amount|sum)|offer (?:expires|ends|is valid)|"
        r"discount(?:ed)? (?:balance|figure|amount|sum|settlement|offer)|discount (?:lapses|expires|will lapse|is only|only applies|"
        r"applies (?:if|only))|(?:with|includes?|including|after) (?:a |an |the )?(?:\w+ )?discount|early[- ]payment discount",
        "nl": r"(?:geldt|geldig) (?:alleen|uitsluitend|slechts|tot)|alleen (?:geldig|bij betaling)|mits (?:betaling|u|de betaling)|korting|"
        r"bij betaling (?:vóór|voor|binnen|uiterlijk)",
        "fr": r"(?:n'est |ne sera )?valable (?:que|jusqu|uniquement)|(?:uniquement|seulement) valable|à condition que|"
        r"sous réserve (?:du|d'un) paiement|remisé\w*|rabais|escompte|en cas de paiement (?:avant|sous|dans)",
        "it": r"valid[oa] (?:solo|soltanto|fino)|(?:solo|soltanto) (?:se|per|in caso di) (?:pagament|si paga|versament)\w*|"
        r"a condizione che|sconto|scontat[oa]|purché (?:il )?pagamento",
        "es": r"(?:solo|sólo|únicamente) (?:es )?válid[oa]|válid[oa] (?:hasta|solo|sólo|únicamente)|siempre que (?:el )?pago|"
        r"siempre y cuando|descuento|(?:si|en caso de que) (?:se )?(?:paga|abona) (?:antes|dentro)",
        "pt": r"(?:só|apenas|somente) (?:é )?válid[oa]|válid[oa] (?:até|apenas|só)|desde que (?:o )?pagamento|desconto|na condição de",
        "da": r"gælder kun|kun gyldig|gyldig (?:til|indtil)|forudsat at|rabat\w*|ved betaling (?:senest|inden)",
        "no": r"gjelder kun|kun gyldig|gyldig (?:til|frem til)|forutsatt at|rabatt\w*|ved betaling (?:innen|senest)",
        "sv": r"gäller (?:endast|bara|enbart)|(?:endast|bara) giltig|giltig (?:till|t\.o\.m\.)|under förutsättning att|rabatt\w*|"
        r"vid betalning (?:senast|inom|före)",
        "fi": r"voimassa (?:vain|ainoastaan|\w+ (?:asti|saakka))|vain,? jos|edellyttäen,? että|alennu\w*|alennettu\w*",
        "pl": r"obowiązuje (?:tylko|wyłącznie|do)|ważn[aey] (?:tylko|do)|pod warunkiem|rabat\w*|zniżk\w*|upust\w*|przy wpłacie do",
    },
    "mandate_ended": {
        "de": r"\w*mandat\w* {_W}{0,30}(?:beendet|entzogen|niedergelegt|zurückgegeben|zurückgezogen|erloschen|gekündigt)|"
        r"(?:nicht mehr|nicht länger) (?:für|im auftrag|mandatiert|beauftragt|zuständig)|"
        r"(?:inkasso)?auftrag {_W}{0,30}(?:entzogen|zurückgezogen|zurückgegeben)",
        "en": r"no longer act(?:ing)? (?:for|on behalf of)|(?:instructions?|mandate) {_W}{0,30}(?:withdrawn|ended|terminated|revoked|"
        r"recalled|cancelled)|(?:account|file|case|debt) (?:has been |was )?(?:recalled|returned) (?:to|by) (?:our client|the creditor|"
        r"the client)|no longer (?:instructed|handling|responsible for|managing)",
        "nl": r"mandaat {_W}{0,20}(?:beëindigd|ingetrokken|geëindigd|afgelopen)|(?:treden|handelen) niet langer op|"
        r"niet langer (?:namens|voor|belast)",
        "fr": r"mandat {_W}{0,30}(?:a pris fin|terminé|résilié|révoqué|retiré|expiré|clôturé)|(?:n'intervenons|n'agissons) plus|"
        r"ne (?:sommes|gérons) plus (?:mandatés|en charge)",
        "it": r"mandato {_W}{0,30}(?:cessato|terminato|revocato|concluso|scaduto)|non (?:siamo|operiamo) più (?:incaricati|mandatari)",
        "es": r"mandato {_W}{0,30}(?:finalizado|terminado|revocado|concluido|expirado)|ya no (?:gestionamos|actuamos|representamos)",
        "pt": r"mandato {_W}{0,30}(?:terminou|terminado|cessou|revogado|cessado|expirou)|já não (?:representamos|gerimos|atuamos)",
        "da": r"mandat {_W}{0,20}(?:ophørt|opsagt|tilbagekaldt|afsluttet)|ikke længere (?:behandler|repræsenterer|har sagen)",
        "no": r"(?:oppdrag|mandat)\w* {_W}{0,20}(?:avsluttet|opphørt|trukket tilbake|tilbakekalt)|ikke lenger (?:har saken|representerer|behandler)",
        "sv": r"(?:uppdrag|mandat)\w* {_W}{0,20}(?:upphört|avslutat|återkallat|avslutats|återkallats)|inte längre (?:hanterar|företräder|har ärendet)",
        "fi": r"toimeksian\w* {_W}{0,20}(?:päättynyt|päättyi|peruttu|peruutettu|lopetettu)|emme enää (?:hoida|edusta)",
        "pl": r"zleceni\w* {_W}{0,20}(?:zakończon\w*|wycofan\w*|odwołan\w*)|nie (?:prowadzimy|reprezentujemy) już",
    },
    "sold": {
        # handed over to another firm for further processing; write to them from now on
        "de": r"forderung\w* {_P}{0,100}an (?:die|den|das) {_W}{0,80}(?:abgegeben|übergeben|übertragen)(?! werden)|"
        r"(?:korrespondenz|schreiben|anfragen|zahlungen) {_W}{0,30}(?:ab sofort |künftig |zukünftig )?dorthin",
        "en": r"(?:passed|handed|referred) (?:over )?(?:the (?:account|debt|claim|file) )?(?:over )?to "
        r"(?!(?:our|your|the|a|an) (?:\w+ )?(?:team|department|colleague|section|unit|solicitors?)\b)\w+ {_W}{0,60}"
        r"for (?:further )?(?:collection|recovery|processing|handling)",
        "pt": r"cedid[oa]|cessão (?:de|do|da) (?:crédito|créditos|dívida)|vendid[oa]|nov[oa] (?:credor|titular)|"
        r"(?:adquirid|transferid)[oa] (?:para|a|à|por)",
        "pl": r"(?:wierzytelność|wierzytelności|dług|roszczenie|należność)\w* {_P}{0,40}(?:sprzedan\w*|zbyt[aey]|przeniesion\w*|cedowan\w*)|cesj\w*|przelew wierzytelności|przeniesion\w* na rzecz|nowy wierzyciel|nabywc\w*",
        # Czech: "pohledávka … byla ke dni 1. 12. 2026 postoupena společnosti …", "postupník" (the assignee)
        "cs": r"postoupen\w*|postoupení|postupník\w*|(?:pohledávk|dluh)\w* {_P}{0,40}(?:prodán\w*|převeden\w*)|nový věřitel",
    },
    "insolvency": {
        "de": r"schuldenregulierungsverfahren|privatkonkurs|schuldenbereinigung|nachlassstundung|konkursverfahren|konkurs eröffnet",
        "en": r"(?:entered|entered into|in|under|proposed) an iva|debt relief order|bankrupt\w*|chapter (?:7|13)|trust deed|"
        r"debt arrangement scheme|personal insolvency",
        "pt": r"insolvente|(?:no |num |de )?(?:processo de )?insolvência|processo especial (?:de revitalização|para acordo de pagamento)|exoneração do passivo",
        "da": r"konkursbo\w*|gældssanering\w*",
        "no": r"konkursbo\w*|gjeldsordning\w*",
        "sv": r"konkurs\w*|skuldsanering\w*",
    },
    "enforcement": {
        "de": r"\w*exekution\w*",
        # an enforcement step taken, not threatened ("we may instruct enforcement agents" is a threat)
        "en": r"(?:passed|referred|handed|transferred|instructed|appointed) (?:\w+ ){0,3}enforcement (?:agents|officers)|"
        r"enforcement (?:agents|officers) (?:have been|were|are|has been) (?:instructed|appointed)|warrant of control|"
        r"high court enforcement|sheriff officers?|"
        # the execution of a judgment, however it is worded: "an execution order was issued", "warrant of execution"
        r"execution (?:order|proceedings|warrant)|(?:warrant|order) (?:of|for) execution|court bailiff\w*",
        "nl": r"\w*deurwaarder\w*|\w*beslag\w*",
        "da": r"lønindeholdelse|\w*udlæg\w*|fogedret\w*",
        "fi": r"ulosmit\w*",
        "pt": r"ação executiva|penhora\w*|agente de execução|execução fiscal",
        "pl": r"komornik\w*|egzekucj\w*|zajęci\w* (?:wynagrodzenia|rachunku|komornicz\w*)|tytuł wykonawczy|nakaz zapłaty",
        # Czech and Slovak: "soudní exekutor … nařídil exekuci", "exekuční příkaz", "súdny exekútor", "platební rozkaz"
        "cs": r"exekuc\w*|exekutor\w*|exekuční\w*|soudní vykonavatel\w*|platební\w* rozkaz\w*|exekučn\w*|"
        r"žalob\w* {_P}{0,40}(?:podán\w*|podal\w*)",
        "sk": r"exekúci\w*|exekútor\w*|exekučn\w*|platobn\w* rozkaz\w*",
        # Hungarian: "végrehajtási eljárás indult", "a végrehajtó", "letiltás" (a wage attachment), "fizetési meghagyás"
        "hu": r"végrehajtó\w*|(?<!szerződés )(?<!szerződés teljes )végrehajtás\w*|letiltás\w*|fizetési meghagyás\w*",
        # Romanian: "executare silită", "executorul judecătoresc", "poprire", "somație de executare", "titlu executoriu"
        "ro": r"executar\w* silit\w*|executor\w* judecătoresc\w*|poprir\w*|somați\w* de executare|titlu\w* executori\w*|"
        r"ordonanț\w* de plată",
        # Croatian and Serbian: "ovrha", "ovršni postupak", "javni ovršitelj"; Slovene: "izvršba", "izvršitelj" (not the
        # verb "izvršiti": a payment "izvršeno" is a payment made)
        "hr": r"ovrh\w*|ovrsi|ovrš\w*|platni nalog",
        "sl": r"izvršb\w*|izvršitelj\w*|sklep\w* o izvršbi|rubež\w*",
        "es": r"(?:procedimiento|demanda|proceso) (?:de ejecución|ejecutiv[oa])|ejecución (?:judicial|dineraria|hipotecaria)",
    },
}


#: Trap families read from mail written by people who never saw these tables (docs/safety.md):
#: enforcement handed to a public authority's own officer ("Vollziehungsbeamter", "mit der
#: Vollstreckung beauftragt"); a figure given from memory or to be confirmed later; a claim handed
#: to an unnamed firm ("an einen externen Inkassodienstleister abgegeben", "passed to a
#: collection agency"). Merged into ``PHRASES`` like ``FAMILY_PHRASES``.
TRAP_PHRASES: dict[str, dict[str, str]] = {
    "enforcement": {
        "de": r"vollziehungsbeamt\w*|vollstreckungsbeamt\w*|vollstreckungsbedienstet\w*|vollstreckungsaußendienst\w*|"
        r"(?:mit der|die) (?:zwangs)?vollstreckung {_P}{0,40}(?:beauftragt|eingeleitet|beantragt|betrieben|ersucht)(?! werden)|"
        r"vollstreckungsmaßnahmen {_P}{0,30}(?:eingeleitet|ergriffen|beauftragt)(?! werden)",
        "en": r"(?:instructed|appointed|passed (?:\w+ ){0,3}to) (?:our |an? |the )?(?:\w+ )?(?:enforcement|recovery) officers?",
        "nl": r"(?:invorderings|executie)ambtenaar\w*|dwanginvordering {_P}{0,30}(?:gestart|ingezet|begonnen)",
        "fr": r"(?:huissier|commissaire de justice) {_P}{0,40}(?:mandaté|saisi|chargé)|(?:recouvrement|exécution) forcée?",
        "it": r"ufficiale (?:della )?riscossione|riscossione coattiva|agente della riscossione",
        "es": r"(?:procedimiento|vía) (?:de )?apremio|embargo {_P}{0,30}(?:iniciado|ordenado|trabado)",
        "sv": r"utsökningsmål|verkställighet",
        "no": r"utlegg\w*|namsmann\w*|tvangsfullbyrd\w*",
        "fi": r"ulosotossa|ulosottoon",
    },
    "provisional": {
        "de": r"aus dem (?:kopf|gedächtnis)|(?:genauen?|exakten?|endgültigen?|korrekten?) (?:betrag|saldo|stand|zahlen?|summe|forderung)\w* "
        r"{_W}{0,40}(?:nachreichen|nachliefern|mitteilen|bestätigen|durchgeben|nennen)(?! können)",
        "en": r"from memory|off the top of my head|(?:will|i'll|we'll|shall|to) (?:\w+ )?(?:confirm|send|give|provide) (?:you )?(?:with )?(?:the )?"
        r"(?:exact|precise|actual|correct|final|accurate) (?:figure|balance|amount|sum|total)",
        "nl": r"uit (?:mijn|het) hoofd|(?:exacte|precieze|juiste|definitieve) (?:bedrag|saldo|stand) {_W}{0,40}"
        r"(?:laten weten|doorgeven|bevestigen|toesturen)",
        "fr": r"de mémoire|(?:montant|solde) (?:exact|précis|définitif) {_W}{0,40}(?:confirmer|communiquer|transmettre|préciser)",
        "it": r"a memoria|(?:importo|saldo) (?:esatto|preciso|definitivo) {_W}{0,40}(?:confermer|comunicher|trasmetter)\w*",
        "es": r"de memoria|(?:importe|saldo) (?:exacto|preciso|definitivo) {_W}{0,40}(?:confirmar|comunicar|enviar)\w*",
        "pt": r"de memória|(?:valor|saldo|montante) (?:exato|exacto|preciso|definitivo) {_W}{0,40}(?:confirmar|comunicar|enviar)\w*",
        "sv": r"ur minnet|(?:exakta|slutliga) (?:beloppet|saldot|summan) {_W}{0,40}(?:bekräfta|meddela|skicka)\w*",
        "da": r"efter hukommelsen|(?:præcise|nøjagtige|endelige) (?:beløb|saldo) {_W}{0,40}(?:bekræfte|oplyse|sende)\w*",
        "no": r"etter hukommelsen|(?:nøyaktige|eksakte|endelige) (?:beløpet|saldoen|summen) {_W}{0,40}(?:bekrefte|oppgi|sende)\w*",
        "fi": r"muistinvaraisesti|(?:tarkan|tarkka|lopullisen) (?:summan|saldon|määrän) {_W}{0,40}(?:vahvista|ilmoita|lähetä)\w*",
        "pl": r"z pamięci|(?:dokładną|ostateczną) (?:kwotę|sumę|saldo) {_W}{0,40}(?:potwierdz|przekaż|prześl)\w*",
    },
    # an objection or appeal not decided yet ("Da über den Einspruch … noch nicht entschieden worden ist")
    "pending": {
        "de": r"noch nicht (?:\w+ )?(?:entschieden|beschieden)",
        "en": r"not yet (?:been )?(?:decided|determined|ruled on|resolved)",
        "nl": r"nog (?:niet|geen) (?:\w+ )?(?:beslist|beslecht|uitspraak)",
        "fr": r"pas encore (?:été )?(?:statué|tranchée?|décidée?)",
        "it": r"non (?:è )?ancora (?:stat[oa] )?(?:decis[oa]|definit[oa])",
        "es": r"(?:aún|todavía) no (?:se )?(?:ha )?(?:sido )?(?:resuelt[oa]|decidid[oa])",
        "pt": r"ainda não (?:foi )?(?:decidid|resolvid)[oa]",
        "da": r"endnu ikke (?:afgjort|truffet afgørelse)",
        "no": r"ennå ikke (?:avgjort|behandlet)",
        "sv": r"ännu inte (?:avgjort|avgjorts|beslutat)",
        "fi": r"ei ole vielä ratkaistu|vielä ratkaisematta",
        "pl": r"jeszcze nie rozstrzygnięt\w*",
    },
    # the tax office suspends enforcement of the assessment while the objection runs
    "suspended": {
        "de": r"aussetzung der vollziehung|vollziehung {_P}{0,100}ausgesetzt",
    },
    "sold": {
        # handed to a firm the reply does not name: "an einen externen Inkassodienstleister abgegeben"
        # (not to a department of the sender: "an unsere Fachabteilung abgegeben")
        "de": r"(?:forderung\w* {_P}{0,100}|(?:zur weiteren bearbeitung|zum (?:forderungs)?einzug|zur beitreibung|zur einziehung|zum inkasso) )"
        r"an (?:eine?n?|ein|einem) (?:externe[nmrs]? |beauftragte[nmrs]? |spezialisierte[nmrs]? )?\w*(?:inkasso|dienstleister|rechtsanw|anwalt|"
        r"anwält|kanzlei|partner|büro|unternehmen|gesellschaft|firma|dritte)\w* {_W}{0,40}(?:abgegeben|übergeben|übertragen|weitergeleitet)(?! werden)",
        "en": r"(?:passed|handed|referred|transferred|placed|sent) (?:\w+ ){0,3}(?:over )?(?:to|with) (?:a|an|an external|another|a third[- ]party) "
        r"(?:\w+ ){0,2}(?:debt )?(?:collection|recovery|collections) (?:agency|agent|company|firm|partner|provider|service provider)",
        "nl": r"(?:overgedragen|uit handen gegeven|doorgestuurd|overgedaan|overgemaakt) aan een (?:extern |ander )?(?:incasso|deurwaarders)\w*",
        "fr": r"(?:transmis|confié|transféré)e?s? {_W}{0,40}(?:à|a) (?:un|une) (?:société|cabinet|organisme|prestataire|agence) de recouvrement",
        "it": r"(?:affidat|trasferit|passat)[oa] {_W}{0,40}(?:a|ad) (?:una|un) (?:società|agenzia) (?:di|per il) recupero",
        "es": r"(?:remitid|traspasad|encomendad|trasladad)[oa] {_W}{0,40}a una (?:agencia|empresa|sociedad) de (?:recobro|cobro|gestión de cobro)",
        "sv": r"(?:överlämna|lämna)\w* {_W}{0,40}till (?:ett|en) (?:extern(?:t)? )?inkasso\w*",
        "da": r"(?:overdraget|overgivet|sendt) {_W}{0,40}til (?:et|en) (?:eksternt? )?inkasso\w*",
        "no": r"(?:oversendt|overført|overlevert) {_W}{0,40}til (?:et|en) (?:eksternt? )?inkasso\w*",
        "fi": r"siirre?tty {_W}{0,40}perintätoimisto\w*|annettu perittäväksi",
    },
}


#: The claim is not (or not certainly) this client's, said in words the older table lacks
#: (docs/safety.md): the creditor does not know the person ("Wir kennen diese Person nicht"), has
#: no contract or account under the name ("Unter diesem Namen besteht kein Vertrag", "no account
#: in this name"), says the person is not (and never was) a member or customer ("ist kein Mitglied",
#: "weder Auftraggeber noch Schuldner", "is not a member of our club"), names a namesake, says the
#: figure concerns another customer or member ("betrifft einen anderen Kunden", "relates to a
#: different customer"), or cannot assign the office's letter ("we cannot match your letter").
#: Not: "wir kennen Ihre Mandantin", "the customer you named", a membership that ended ("kein
#: Mitglied mehr", "no longer a member", "n'est plus membre") — the claim is still the client's.
#: Merged into ``PHRASES["unknown"]`` like ``FAMILY_PHRASES``.
_ROLE_DE = r"(?:mitglied|kund(?:e|in|en)|mieter(?:in)?|patient(?:in)?|versicherte[rn]?|schuldner(?:in)?|vertragspartner(?:in)?|auftraggeber(?:in)?|abonnent(?:in)?)"
_ROLE_EN = r"(?:member|customer|client|tenant|patient|policyholder|subscriber|account ?holder|debtor|individual|person)"
UNKNOWN_PHRASES: dict[str, dict[str, str]] = {
    "unknown": {
        "de": r"kennen (?:wir )?(?:diese\w*|die|den|de[nm]|eine\w*|herrn?|frau)\b[^.,;\n]{0,40}?\bnicht\b(?! nur)|"
        r"(?:unter|auf) (?:diese[nm]|de[nm]|ihre[nm]|de[nm] genannten) namen\w*(?: \w+){0,4} "
        r"(?:besteht|bestehen|führen|haben|gibt es|existiert|existieren|finden|ist|sind|liegt|liegen)\w* (?:\w+ ){0,3}kein\w*|"
        r"kein\w* (?:vertrag\w*|konto|kundenkonto|vorgang|kund\w*|mitglied\w*|mietverh\w*|eintrag\w*|akte|datensatz) (?:\w+ ){0,3}"
        r"(?:unter|auf|mit) (?:diese[nm]|de[nm]|ihre[nm]|folgende[nm]) namen|"
        rf"(?:ist|sind|war|waren) (?:bei uns |hier |uns )?(?:nicht (?:als )?|kein(?:e|en)? |nie (?:\w+ )?|niemals (?:\w+ )?){_ROLE_DE}(?! mehr)\b|"
        rf"weder {_ROLE_DE} noch {_ROLE_DE}|"
        r"namensvetter\w*|namensgleichheit|gleichnamig\w*|personenverwechslung|namensverwechslung|"
        r"kein\w* (?:forderung|vorgang|akte|konto|vertrag|datensatz)\w* (?:im|in unserem) (?:bestand|system|datenbestand|kundenstamm)\b|"
        r"(?:betrag|saldo|forderung|summe|rückstand|rechnung|posten)\w* {_W}{0,60}?"
        r"(?:betrifft|betreffen|betraf|bezieht sich auf|beziehen sich auf|gehört zu|gehören zu|stammt von|entfällt auf|entfallen auf) "
        rf"(?:eine[nmr]?|de[nmr]) ander(?:e|en|er|em) {_ROLE_DE}|"
        r"(?:schreiben|anfrage|brief|e-?mail|nachricht|mitteilung|person|mandant\w*|namen?)\w* (?:\w+ ){0,4}"
        r"(?:kein\w*|nicht) (?:\w+ ){0,3}(?:zuordnen|zuzuordnen|zugeordnet)",
        "en": r"(?:do|does|did|do not|don't|does not|doesn't|did not|didn't) (?:not )?know (?:this|that|the|your|any|a|of any) "
        rf"(?:\w+ )?{_ROLE_EN}s?\b(?! well)|"
        r"(?:is|are) not (?:known|registered|listed|recorded) (?:to us|with us|on our (?:system|records|books|files|database))|"
        r"no (?:account|contract|agreement|policy|customer|record|file|tenancy|membership)s? (?:\w+ ){0,3}"
        r"(?:in|under|with|for) (?:this|that|the|your client's|the given|the above|such a) name|"
        rf"(?:do not|don't|does not|doesn't) (?:have|hold) (?:an?|any) (?:record|trace)s? of (?:this|that|the|your|a) (?:\w+ )?{_ROLE_EN}|"
        r"(?:do not|don't|does not|doesn't) (?:have|hold) (?:an?|any) (?:account|contract|agreement|policy|record|tenancy|membership)s? "
        r"(?:\w+ ){0,2}(?:in|under|with|for) (?:this|that|the|your client's) name|"
        rf"(?:is|was|has) (?:not|never) (?:been )?(?:a |an |one of our )?(?:member|customer|client|tenant|patient|policyholder|subscriber)s?\b"
        r"(?!(?: of ours| with us)? (?:any ?more|any longer|since))|"
        rf"namesakes?|mistaken identity|(?:another|a different) {_ROLE_EN} (?:\w+ ){{0,2}}(?:with|of|by|bearing) the same name|"
        r"(?:amount|balance|figure|sum|debt|arrears|invoice|claim)s? {_W}{0,60}?"
        rf"(?:relates?|relating|belongs?|belonging|refers?|referring|pertains?|applies|is attributable|attaches|concerns?) (?:to )?(?:a |an )?"
        rf"(?:different|another|other) {_ROLE_EN}|(?:another|a different) {_ROLE_EN}'s (?:account|balance|debt|arrears|invoice)|"
        r"(?:cannot|can ?not|can't|could not|couldn't|(?:are|were) (?:unable|not able) to|unable to) "
        r"(?:match|allocate|assign|link|trace|place|connect|attribute) (?:your|this|the) "
        r"(?:letter|e-?mail|enquiry|inquiry|request|correspondence|message|query|client|customer|person|name)",
        "nl": r"kennen (?:deze|die|de|uw|een) (?:persoon|klant|cliënt\w*|client\w*|heer|mevrouw|dame|debiteur|lid|huurder|patiënt)\w*"
        r"(?: \w+){0,2} niet|"
        r"(?:op|onder) (?:deze|die|de) naam (?:\w+ ){0,4}(?:geen|niet)\b|"
        r"geen (?:contract|rekening|klant|dossier|overeenkomst|lidmaatschap|klantnummer)\w* (?:\w+ ){0,2}(?:op|onder) (?:deze|die|de) naam|"
        r"(?:is|was) (?:geen|nooit|niet) (?:\w+ )?(?:lid|klant|cliënt|huurder|patiënt|verzekerde|abonnee)\b(?! meer)|"
        r"naamgeno(?:o|te)\w*|gelijknamig\w*|persoonsverwisseling|verwisseling van persoon|"
        r"(?:bedrag|saldo|vordering|factuur|schuld|achterstand)\w* {_W}{0,60}?"
        r"(?:betreft|betreffen|hoort bij|behoort tot|behoort bij|heeft betrekking op) (?:een )?andere? "
        r"(?:klant|cliënt|lid|persoon|debiteur|huurder|patiënt|verzekerde)|"
        r"(?:kunnen|konden) (?:uw|de|deze|het|dit) (?:brief|e-?mail|bericht|schrijven|verzoek|vraag)\w* niet "
        r"(?:plaatsen|koppelen|toewijzen|thuisbrengen|toeschrijven|herleiden)",
        "fr": r"ne connaissons pas (?:cette|ce|la|le|votre|l')\s?(?:personne|client\w*|monsieur|madame|débit\w*|membre|adhérent\w*|locataire|patient\w*)|"
        r"(?:ne|n')\s?(?:est|sont) pas (?:connue?s?|enregistrée?s?|répertoriée?s?) (?:chez nous|dans nos|de nos)|"
        r"aucun(?:e)? (?:contrat|compte|dossier|client|abonnement|adhésion|bail)\w* (?:[\w']+ ){0,3}(?:à|au|sous|avec) (?:ce|le|votre|un tel) nom|"
        r"(?:n'est pas|n'était pas|ne sont pas|n'a jamais été|n'ont jamais été) (?:un |une )?"
        r"(?:membre|client\w*|adhérent\w*|locataire|patient\w*|abonnée?|sociétaire|assurée?)s?\b|"
        r"homonym\w*|erreur sur la personne|"
        r"(?:montant|solde|somme|créance|facture|dette)s? {_W}{0,60}?"
        r"(?:concerne|concernent|se rapporte à|se rapportent à|appartient à|correspond à) (?:un |une )?autre "
        r"(?:client\w*|membre|personne|adhérent\w*|débiteur\w*|locataire|patient\w*|assuré\w*|abonné\w*)|"
        r"(?:ne (?:pouvons|pourrons|parvenons) (?:pas )?|ne sommes pas en mesure d'|n'avons pas pu |n'avons pu )"
        r"(?:attribuer|rattacher|affecter|associer|relier|imputer) (?:votre|ce|cette|le|la) "
        r"(?:courrier|demande|lettre|message|e-?mail|correspondance)",
        "it": r"non conosciamo (?:questa|questo|la|il|tale|la vostra|il vostro|lo|detta|detto) "
        r"(?:persona|client\w*|signor\w*|debitor\w*|soci[oa]|iscritt\w*)|"
        r"(?:non (?:risulta|esiste|abbiamo|c'è) (?:\w+ ){0,2})?nessun[oa]? (?:contratto|conto|rapporto|cliente|pratica|posizione|utenza)\w* (?:\w+ ){0,3}(?:a|con|sotto) (?:questo|tale|quel|il|detto) nome|"
        r"(?:non (?:risulta|esiste|abbiamo|c'è) (?:\w+ ){0,2})?(?:alcun|alcuna) (?:contratto|conto|rapporto|cliente|pratica|posizione|utenza)\w* (?:\w+ ){0,3}(?:a|con|sotto) (?:questo|tale|quel|detto) nome|"
        r"non (?:è|era|è mai stat[oa]) (?:nostr[oa] |un[oa]? |un'|mai )?(?:soci[oa]|client\w*|iscritt[oa]|associat[oa]|inquilin[oa]|paziente|abbonat[oa])|"
        r"stesso nome|scambio di persona|"
        r"(?:importo|saldo|somma|credito|fattura|debito)\w* {_W}{0,60}?"
        r"(?:riguarda|riguardano|si riferisce a|si riferiscono a|appartiene a|è riferit[oa] a|è relativ[oa] a|spetta a) "
        r"(?:un |un'|una |ad )?altr[oa] (?:cliente|soci[oa]|persona|debitor\w*|iscritt[oa]|associat[oa]|inquilin[oa]|paziente)|"
        r"non (?:siamo in grado di|riusciamo a|possiamo|è possibile) (?:abbinare|associare|attribuire|collegare|ricondurre) "
        r"(?:la vostra|la sua|questa|tale|la) (?:lettera|richiesta|comunicazione|e-?mail|mail|nota)",
        "es": r"no conocemos (?:a )?(?:esta|este|la|el|su|dicha|dicho|tal) (?:persona|client\w*|señor\w*|deudor\w*|soci[oa]|miembro|abonad[oa])|"
        r"(?:no (?:existe|hay|tenemos|consta|figura) (?:\w+ ){0,2})?(?:ningún|ninguna) (?:contrato|cliente|expediente|abonado|socio|cuenta|póliza|persona)\w* (?:\w+ ){0,3}"
        r"(?:a|con|bajo|en) (?:este|ese|dicho|tal|su) nombre|"
        r"(?<!ya )no (?:es|era|ha sido(?: nunca)?) (?:nuestr[oa] )?(?:soci[oa]|client[ea]|miembro|abonad[oa]|inquilin[oa]|paciente|asegurad[oa])\b|"
        r"homónim\w*|homonimia|mismo nombre|"
        r"(?:importe|saldo|suma|deuda|factura|cantidad)\w* {_W}{0,60}?"
        r"(?:corresponde|pertenece|se refiere|afecta|está asociad[oa]) a otr[oa] (?:cliente|soci[oa]|persona|deudor\w*|miembro|abonad[oa]|inquilin[oa]|paciente|titular)|"
        r"no (?:podemos|hemos podido|es posible|logramos) (?:asignar|vincular|asociar|relacionar|atribuir) (?:su|esta|dicha|la) "
        r"(?:carta|solicitud|comunicación|consulta|correo|escrito|petición)(?: a (?:ningún|ninguna|un|una) \w+)?",
        "sv": r"känner inte (?:till )?(?:denna|den|den här|er|din) (?:person|kund|medlem|klient|gäldenär)\w*|"
        r"(?:inget|ingen|inga) (?:avtal|konto|kund|ärende|medlemskap|kontrakt|abonnemang)\w* (?:\w+ ){0,2}(?:i|på|under|med) (?:detta|det|det här|det angivna) namn|"
        r"(?:är|var) inte (?:medlem|kund|hyresgäst|patient)\b(?! längre)|(?:har )?aldrig varit (?:medlem|kund|hyresgäst)|"
        r"namne|namnlikhet|"
        r"(?:belopp|saldo|summa|skuld|faktura|fordran)\w* {_W}{0,60}?(?:avser|gäller|tillhör|hör till) (?:en )?annan (?:kund|medlem|person|gäldenär|hyresgäst|patient)|"
        r"kan inte (?:koppla|knyta|hänföra|placera) (?:ert|ditt|detta|er|din) (?:brev|mejl|mail|ärende|meddelande|förfrågan)",
        "da": r"kender ikke (?:til )?(?:denne|den|den nævnte|jeres|din) (?:person|kunde|medlem|klient|skyldner)\w*|"
        r"ingen (?:aftale|konto|kunde|sag|medlemskab|kontrakt)\w* (?:\w+ ){0,2}(?:i|på|under|med) (?:dette|det|det nævnte) navn|"
        r"(?:er|var) ikke (?:medlem|kunde|lejer|patient)\b(?! (?:længere|mere))|"
        r"navnefælle|navnesammenfald|"
        r"(?:beløb|saldo|sum|gæld|faktura|fordring)\w* {_W}{0,60}?(?:vedrører|angår|tilhører|hører til) (?:en )?anden (?:kunde|medlem|person|skyldner|lejer)|"
        r"kan ikke (?:henføre|knytte|koble|placere) (?:jeres|deres|dit|dette) (?:brev|mail|henvendelse)",
        "no": r"kjenner ikke (?:til )?(?:denne|den|den nevnte|deres|din) (?:person|kunde|medlem|klient|skyldner)\w*|"
        r"ingen (?:avtale|konto|kunde|sak|medlemskap|kontrakt)\w* (?:\w+ ){0,2}(?:i|på|under|med) (?:dette|det|det nevnte) navn|"
        r"(?:er|var) ikke (?:medlem|kunde|leietaker|pasient)\b(?! (?:lenger|mer))|"
        r"navnebror|navnesøster|navnelikhet|"
        r"(?:beløp|saldo|sum|gjeld|faktura|fordring)\w* {_W}{0,60}?(?:gjelder|tilhører|hører til) (?:en )?annen (?:kunde|medlem|person|skyldner|leietaker)|"
        r"kan ikke (?:knytte|koble|henføre|plassere) (?:deres|ditt|dette|din) (?:brev|e-?post|henvendelse)",
        "fi": r"emme tunne (?:tätä|kyseistä|mainittua)\w*(?: henkilöä)?|ei ole (?:jäsenemme|vuokralaisemme|potilaamme)|kaima|"
        r"(?:summa|saldo|määrä|lasku|velka)\w* {_W}{0,60}?koskee (?:toista|eri) (?:asiakasta|jäsentä|henkilöä)",
    },
}


#: The creditor asks the office to wait for its confirmation or further word before relying on a
#: figure or paying ("vi preghiamo di attendere una nostra comunicazione", "bitte warten Sie unsere
#: Bestätigung ab", "please wait for our confirmation"): what it states is not final
WAIT_PHRASES: dict[str, dict[str, str]] = {
    "provisional": {
        "de": r"(?:bitten|bitte) (?:sie )?(?:\w+ ){0,4}(?:abzuwarten|zu warten|warten sie)|"
        r"(?:unsere|eine) (?:weitere |erneute |abschließende )?(?:nachricht|mitteilung|bestätigung|rückmeldung) ab(?:zu)?warten|"
        r"vorerst keine (?:zahlung|zahlungen|überweisung)",
        "en": r"please (?:wait|hold on|hold off) (?:\w+ ){0,2}(?:for|until) (?:our|we|you hear|further|a further|the final|confirmation)|"
        r"(?:await|wait for) (?:our |further |a further |a |the )?(?:final |formal |written )?(?:confirmation|notice|update|communication|word)",
        "nl": r"(?:wilt u|gelieve|wij verzoeken u|graag) (?:\w+ ){0,3}(?:te )?(?:wachten|af te wachten)|"
        r"(?:onze|een nieuwe|verdere) (?:bevestiging|bericht|berichtgeving) af te wachten",
        "fr": r"(?:merci|veuillez|nous vous prions|nous vous demandons) (?:de )?(?:bien vouloir )?(?:patienter|attendre)|"
        r"attendre (?:notre|une nouvelle|la) (?:confirmation|communication|retour)|"
        r"ne (?:procédez|procéder|procédez pas|pas procéder) (?:encore )?(?:à )?aucun (?:paiement|versement|règlement)",
        "it": r"(?:vi |la |le |si )?(?:preghiamo|prega|chiediamo|invitiamo) (?:\w+ )?di (?:voler )?attendere|"
        r"attendere (?:una |la |ulteriore |nostra |una nostra |la nostra )?(?:nostra )?(?:comunicazione|conferma|riscontro)|"
        r"(?:di )?non (?:procedere|effettuare) (?:ad |a |con )?(?:alcun|nessun)\w* (?:pagament|versament)\w*",
        "es": r"(?:les |le )?(?:rogamos|pedimos|solicitamos) (?:que )?(?:esperen|aguarden|espere|aguarde)|"
        r"(?:esperar|aguardar|esperen|aguarden) (?:a )?(?:nuestra|una nueva|la) (?:comunicación|confirmación)|"
        r"no (?:realicen|efectúen|realice|efectúe) (?:todavía |aún )?ningún (?:pago|ingreso)",
        "pt": r"(?:pedimos|solicitamos|agradecemos) (?:que )?(?:aguarde|aguardem|espere|esperem)|"
        r"aguardar (?:a nossa|nova|a) (?:comunicação|confirmação)|não (?:efetue|efetuem|efectue) (?:ainda )?qualquer pagamento",
        "sv": r"(?:vänligen |var vänlig och )?(?:avvakta|vänta på) (?:vår|en ny|ytterligare) (?:bekräftelse|besked|information)",
        "da": r"(?:venligst )?(?:afvent|vent på) (?:vores|en ny|yderligere) (?:bekræftelse|besked|meddelelse)",
        "no": r"(?:vennligst )?(?:avvent|vent på) (?:vår|en ny|ytterligere) (?:bekreftelse|beskjed|melding)",
        "fi": r"(?:pyydämme )?odottamaan (?:vahvistusta|ilmoitustamme|lisätietoja)",
        "pl": r"prosimy o (?:cierpliwość|wstrzymanie się)|(?:proszę|prosimy) (?:\w+ )?(?:poczekać|czekać) na (?:nasze )?(?:potwierdzenie|informacj\w*)",
    },
}
#: The final figure still to come (read30, merged into the ``provisional`` concern like ``WAIT_PHRASES``):
#: the creditor will confirm or send the final, exact or correct figure later, or states it subject to
#: confirmation ("L'importo definitivo Vi sarà confermato a breve", "we will confirm the final balance",
#: "den endgültigen Betrag bestätigen wir Ihnen nach Rücksprache", "le montant définitif vous sera
#: communiqué", "les confirmaremos el importe definitivo", "det slutliga beloppet meddelas", "ostateczną kwotę
#: potwierdzimy"). A figure confirmed now ("we confirm the balance is", "bestätigen wir den aktuellen Saldo")
#: is final; a request to the office to confirm ("please confirm") is no such phrase.
FINAL_FIGURE_LATER: dict[str, dict[str, str]] = {
    "provisional": {
        "de": r"(?:bestätigen|nennen|teilen|übermitteln) wir ihnen (?:\w+ ){0,3}?(?:den |die |das )?(?:endgültige\w*|genaue\w*|abschließende\w*) "
        r"(?:\w+ )?(?:betrag|forderung|saldo|forderungshöhe|höhe|aufstellung)\w*|"
        r"(?:endgültige\w*|genaue\w*|abschließende\w*) (?:betrag|forderung|saldo|forderungshöhe|forderungsstand)\w* "
        r"(?:wird|werden|erhalten sie|teilen wir|bestätigen wir|folgt|reichen wir) (?:\w+ ){0,3}?(?:bestätigt|mitgeteilt|nachgereicht|nach|mit|gesondert)|"
        r"(?:vorbehaltlich|unter vorbehalt) (?:der|einer) bestätigung|"
        r"bestätigung (?:unserer|der) (?:auftraggeber\w*|mandant\w*|gläubiger\w*) (?:steht|liegt) (?:noch )?(?:aus|nicht vor)",
        "en": r"(?:we will|we'll|we shall|we will then) (?:\w+ ){0,2}?confirm (?:the |our |your client's )?(?:final|exact|correct|definitive|precise) "
        r"(?:balance|amount|figure|sum|claim)|"
        r"(?:final|definitive|exact|correct) (?:balance|amount|figure|sum) (?:will be|is to be|shall be|will follow)(?: \w+)?(?: confirmed| provided| sent| advised)?|"
        r"(?:balance|amount|figure|claim) (?:is|remains) (?:still )?(?:to be confirmed|subject to (?:confirmation|verification))|subject to confirmation",
        "nl": r"(?:definitieve|exacte|juiste) (?:bedrag|saldo|vordering|stand)\w* (?:wordt|zal|volgt|ontvangt u|laten wij)|"
        r"(?:bevestigen|delen) wij u (?:\w+ ){0,2}?(?:het|de) (?:definitieve|exacte|juiste) (?:bedrag|saldo|vordering)|onder voorbehoud van bevestiging",
        "fr": r"(?:montant|solde|créance|chiffre)\w* (?:\w+ ){0,3}?(?:vous )?sera (?:\w+ )?(?:confirmée?|communiquée?|précisée?)|"
        r"nous vous (?:confirmerons|communiquerons|préciserons) (?:\w+ ){0,3}?(?:montant|solde|créance)|sous réserve de (?:confirmation|validation)",
        "it": r"(?:importo|saldo|credito|debito) (?:\w+ ){0,3}?(?:vi |le |la )?sarà (?:\w+ )?(?:confermat[oa]|comunicat[oa]|precisat[oa])|"
        r"vi (?:confermeremo|comunicheremo|preciseremo) (?:\w+ ){0,3}?(?:l['’])?(?:importo|saldo|credito|debito)|salvo conferma|"
        r"(?:importo|saldo|credito|debito) (?:\w+ ){0,2}?da confermare",
        "es": r"(?:importe|saldo|deuda|cantidad) (?:\w+ ){0,3}?(?:les |le )?será (?:\w+ )?(?:confirmad[oa]|comunicad[oa]|precisad[oa])|"
        r"les (?:confirmaremos|comunicaremos|indicaremos) (?:\w+ ){0,3}?(?:importe|saldo|deuda|cantidad)|"
        r"(?:pendiente|sujet[oa]) (?:de|a) confirmación",
        "pt": r"(?:montante|valor|saldo|dívida) (?:\w+ ){0,3}?será (?:\w+ )?(?:confirmad[oa]|comunicad[oa])|"
        r"confirmaremos (?:\w+ ){0,3}?(?:montante|valor|saldo)|sujeito a confirmação",
        "sv": r"(?:slutliga?|slutligt|exakta?|korrekta?) (?:belopp|saldo|skuld)\w* (?:\w+ ){0,2}?(?:bekräftas|meddelas|återkommer)|"
        r"vi (?:återkommer med|bekräftar senare) (?:\w+ ){0,2}?(?:slutliga?|slutligt|exakta?) (?:belopp|saldo)",
        "da": r"(?:endelige?|præcise?|korrekte?) (?:beløb|saldo|gæld|krav)\w* (?:\w+ ){0,2}?(?:bekræftes|oplyses|meddeles|eftersendes)|"
        r"vi (?:vender tilbage med|bekræfter senere) (?:\w+ ){0,2}?endelige? (?:beløb|saldo)",
        "no": r"(?:endelige?|nøyaktige?|korrekte?) (?:beløp|saldo|gjeld|krav)\w* (?:\w+ ){0,2}?(?:bekreftes|oppgis|meddeles|ettersendes)|"
        r"vi (?:kommer tilbake med|bekrefter senere) (?:\w+ ){0,2}?endelig\w* (?:beløp|saldo)",
        "fi": r"lopullinen (?:summa|määrä|saldo|velka) (?:\w+ ){0,2}?(?:vahvistetaan|ilmoitetaan)|vahvistamme (?:\w+ ){0,2}?lopullisen",
        "pl": r"ostateczn\w* (?:kwot\w*|sald\w*|zadłużeni\w*) (?:\w+ ){0,3}?(?:potwierdzimy|zostanie potwierdzon\w*|przekażemy)|"
        r"potwierdzimy (?:\w+ ){0,2}?ostateczn\w*",
    },
}


#: The creditor's final statement or account is still to come (read39, merged into the ``provisional``
#: concern like ``FINAL_FIGURE_LATER``): what it states now is not its claim yet ("unsere Schlussabrechnung
#: folgt", "bitte warten Sie unsere endgültige Aufstellung ab", "please wait for our final statement", "nous
#: vous adresserons le décompte définitif", "wij sturen u nog een definitieve afrekening", "vi preghiamo di
#: attendere il conteggio definitivo", "les rogamos esperen la liquidación definitiva", "endelig opgørelse
#: følger", "slutlig avräkning kommer"). A statement that is not called final ("a formal statement follows by
#: post", "die Aufstellung liegt bei", "the statement is attached") is no such phrase; ``FINAL_STATEMENT_REASON``
#: is its reason.
_FINAL_DE = (
    r"(?:schluss(?:ab)?rechnung|endabrechnung|(?:endgültige|abschließende|finale)[nr]? (?:\w+ )?"
    r"(?:abrechnung|aufstellung|berechnung|forderungsaufstellung|schlussrechnung|saldenmitteilung))\w*"
)
_FINAL_EN = r"(?:final|closing|definitive) (?:statement|account|figure|balance|settlement figure|invoice|bill)s?"
_FINAL_NL = (
    r"(?:(?:definitieve|uiteindelijke|finale) (?:eind)?(?:afrekening|opgave|specificatie|overzicht|saldo|bedrag)|"
    r"eindafrekening|slotafrekening)"
)
_FINAL_FR = r"(?:(?:décompte|relevé|solde|montant|arrêté de compte|état de compte) définitif|(?:décompte|relevé) final)"
_FINAL_IT = r"(?:conteggio|estratto conto|saldo|importo|prospetto) (?:definitiv|final)[oe]"
_FINAL_ES = (
    r"(?:liquidación (?:definitiva|final)|(?:extracto|saldo|importe|estado de cuenta|cálculo) (?:definitivo|final))"
)
_FINAL_PT = r"(?:(?:liquidação|conta) (?:definitiva|final)|(?:extrato|saldo|valor|cálculo) (?:definitivo|final))"
FINAL_STATEMENT_TO_FOLLOW: dict[str, dict[str, str]] = {
    "provisional": {
        "de": rf"{_FINAL_DE}(?: \w+){{0,3}} (?:folgt|folgen|erhalten sie|senden wir|übersenden wir|steht noch aus|"
        r"wird (?:\w+ ){0,3}?(?:folgen|nachgereicht|übersandt|zugesandt|zugehen|erstellt))|"
        rf"(?:senden|übersenden|schicken|erstellen|übermitteln) wir ihnen (?:\w+ ){{0,3}}?(?:die |unsere |eine )?{_FINAL_DE}|"
        rf"(?:warten sie|abwarten|abzuwarten|warten auf) (?:\w+ ){{0,2}}?(?:die |unsere |eine )?{_FINAL_DE}|"
        rf"{_FINAL_DE} ab(?:zu)?warten|melden uns (?:\w+ ){{0,3}}?mit (?:der |unserer |einer )?{_FINAL_DE}|"
        rf"{_FINAL_DE} (?:ist|wurde) noch nicht erstellt",
        "en": rf"{_FINAL_EN} (?:will|shall|is to|are to|to) (?:\w+ ){{0,2}}?(?:follow|be sent|be issued|be provided)|"
        rf"{_FINAL_EN} (?:follows|is still to come|to come)|"
        rf"(?:wait for|await|awaiting) (?:our |the |a |your )?{_FINAL_EN}|"
        rf"we (?:will|shall|'ll) (?:\w+ )?(?:send|issue|provide) (?:you )?(?:with )?(?:our |the |a )?{_FINAL_EN}|"
        rf"(?:be in touch|revert|get back to you|come back to you) (?:\w+ ){{0,2}}?with (?:our |the |a )?{_FINAL_EN}",
        "nl": rf"(?:sturen|zenden|versturen) (?:wij )?u (?:\w+ ){{0,2}}?(?:een |de |onze )?{_FINAL_NL}|"
        rf"{_FINAL_NL} (?:\w+ ){{0,2}}?(?:volgt|ontvangt u|wordt (?:\w+ )?(?:toegezonden|nagestuurd|verstuurd))|"
        rf"(?:wacht|wachten) (?:\w+ ){{0,3}}?op (?:onze |de |een )?{_FINAL_NL}|{_FINAL_NL} af te wachten|"
        rf"terug met (?:de |onze |een )?{_FINAL_NL}",
        "fr": rf"nous vous (?:adresserons|enverrons|transmettrons|ferons parvenir) (?:\w+ ){{0,2}}?(?:le |notre |un |votre )?{_FINAL_FR}|"
        rf"{_FINAL_FR} (?:\w+ ){{0,2}}?(?:suivra|vous sera (?:adressé|envoyé|transmis))|"
        rf"(?:attendre|patienter jusqu'à) (?:\w+ ){{0,2}}?(?:le |notre )?{_FINAL_FR}|"
        rf"(?:reviendrons|revenons) vers vous avec (?:le |notre )?{_FINAL_FR}",
        "it": rf"attendere (?:\w+ ){{0,2}}?(?:il |l'|nostro |il nostro )?{_FINAL_IT}|"
        rf"vi (?:invieremo|trasmetteremo|faremo pervenire) (?:\w+ ){{0,2}}?(?:il |l'|nostro |il nostro )?{_FINAL_IT}|"
        rf"{_FINAL_IT} (?:\w+ ){{0,2}}?(?:seguirà|vi sarà (?:inviat|trasmess)[oa])|"
        rf"(?:ricontatteremo|faremo sapere) (?:\w+ ){{0,2}}?con (?:il |l'|il nostro )?{_FINAL_IT}",
        "es": rf"(?:esperen|aguarden|espere|aguarde|esperar|aguardar) (?:a )?(?:\w+ ){{0,2}}?{_FINAL_ES}|"
        rf"(?:les |le )?(?:enviaremos|remitiremos|haremos llegar) (?:\w+ ){{0,2}}?{_FINAL_ES}|"
        rf"{_FINAL_ES} (?:\w+ ){{0,2}}?(?:seguirá|se (?:les |le )?(?:enviará|remitirá))",
        "pt": rf"(?:aguarde|aguardem|aguardar) (?:\w+ ){{0,2}}?{_FINAL_PT}|(?:enviaremos|remeteremos) (?:\w+ ){{0,2}}?{_FINAL_PT}|"
        rf"{_FINAL_PT} (?:\w+ ){{0,2}}?(?:seguirá|será enviad[oa])",
        "da": r"endelig(?:e)? (?:opgørelse|afregning|saldo)\w*(?: \w+){0,2} (?:følger|fremsendes|eftersendes|sendes)|"
        r"slutopgørelse\w* (?:følger|fremsendes|eftersendes)|vi sender (?:\w+ ){0,2}?endelig\w* (?:opgørelse|afregning)|"
        r"afvent (?:\w+ ){0,2}?endelig\w* (?:opgørelse|afregning)",
        "no": r"endelig(?:e)? (?:oppgjør|avregning|oppstilling|saldo)\w*(?: \w+){0,2} (?:følger|kommer|ettersendes|sendes)|"
        r"sluttoppgjør\w* (?:følger|kommer|ettersendes)|vi sender (?:\w+ ){0,2}?endelig\w* (?:oppgjør|avregning|oppstilling)|"
        r"avvent (?:\w+ ){0,2}?endelig\w* (?:oppgjør|avregning|oppstilling)",
        "sv": r"slutlig(?:a)? (?:avräkning|sammanställning|saldo)\w*(?: \w+){0,2} (?:följer|kommer|skickas|eftersänds)|"
        r"slutavräkning\w* (?:följer|kommer|skickas)|vi skickar (?:\w+ ){0,2}?slutlig\w* (?:avräkning|sammanställning)|"
        r"avvakta (?:\w+ ){0,2}?slutlig\w* (?:avräkning|sammanställning)",
        "fi": r"lopullinen (?:laskelma|erittely|saldo|tilitys) (?:\w+ ){0,2}?(?:seuraa|lähetetään|toimitetaan)|"
        r"lähetämme (?:\w+ ){0,2}?lopullisen (?:laskelman|erittelyn|tilityksen)",
        "pl": r"ostateczn\w* (?:rozliczeni|zestawieni)\w* (?:\w+ ){0,2}?(?:prześlemy|zostanie przesłan\w*|nastąpi)|"
        r"prześlemy (?:\w+ ){0,2}?ostateczn\w* (?:rozliczeni|zestawieni)\w*",
    },
}
FINAL_STATEMENT_REASON = "the creditor's figure is provisional: its final statement is to follow"
"""The reason of a reply whose creditor says its final statement is still to come (``FINAL_STATEMENT_TO_FOLLOW``)."""


#: The kinds of reply in ``MORE_LANGS`` (and Czech enforcement), merged into ``PHRASES`` like
#: ``FAMILY_PHRASES``. Enforcement: the step or its officer, never the bare word for "carrying out"
#: ("a szerződés végrehajtása", "executarea contractului", "izvršenje ugovora" apply).
MORE_LANGUAGE_PHRASES: dict[str, dict[str, str]] = {
    "enforcement": {
        # a lawsuit filed with a court: "skierowana do Sądu Rejonowego o zapłatę", "Kwota pozwu"
        "pl": r"pozw(?:u|em|ie)|pozew|skierowan\w* do sądu|wnieśli\w* (?:pozew|powództwo)|powództw\w*",
        "cs": r"exekuc\w*|exekutor\w*|soudní vymáhání|platební rozkaz\w*|elektronick\w* platební\w* rozkaz\w*",
        "sk": r"exekúci\w*|exekútor\w*|exekučn\w*|platobn\w* rozkaz\w*|súdn\w* vymáhani\w*",
        "hu": r"végrehajtási (?:eljárás|lap|kérelem|záradék)\w*|(?:bírósági |önálló bírósági )?végrehajtó\b|végrehajtó(?:t|val|nál|hoz|i iroda)\b|"
        r"végrehajtás (?:indult|folyik|van folyamatban)|fizetési meghagyás\w*|letiltás\w*|inkasszó\w*",
        "ro": r"executar\w* silit\w*|executor\w* judecătoresc\w*|dosar\w* de executare|poprir\w*|somați\w* de plată|ordonanț\w* de plată|titlu executoriu",
        "hr": r"ovrh\w*|ovrš\w*|ovrhovoditelj\w*|platn\w* nalog\w*|javnobilježničk\w* rješenj\w*",
        "sl": r"izvršb\w*|izvršitelj\w*|izvršilni naslov|sklep o izvršbi|plačilni nalog",
        "lt": r"antstol\w*|priverstin\w* išieškojim\w*|vykdomas\w* rašt\w*|teismo įsakym\w*",
        "bg": r"съдебен изпълнител|(?:частен )?съдебен изпълнител\w*|принудително изпълнение|изпълнително дело|заповед за изпълнение|изпълнителен лист",
        "el": r"δικαστικ\w* επιμελητ\w*|κατάσχεσ\w*|διαταγή πληρωμής|αναγκαστική εκτέλεση",
        "tr": r"icra takib\w*|icra dairesi\w*|icra müdürlüğü\w*|haciz\w*|ödeme emri\w*",
        "sr": r"извршн\w* поступ\w*|јавн\w* извршител\w*|javn\w* izvršitelj\w*|izvršn\w* postup\w*|принудн\w* наплат\w*",
        "lv": r"tiesu izpildītāj\w*|piespiedu piedziņ\w*",
        "et": r"kohtutäitur\w*|täitemenetlus\w*",
        "uk": r"виконавч\w* провадженн\w*|приватн\w* виконав\w*|державн\w* виконавч\w* служб\w*",
        "ru": r"судебн\w* пристав\w*|исполнительн\w* производств\w*|судебн\w* приказ\w*",
    },
    "settled": {
        "cs": r"(?:uhrazen|splacen|vyrovnán)\w* v plné výši|(?:plně|zcela|řádně) (?:uhrazen|splacen|vyrovnán)\w*|"
        r"(?:pohledávka|dluh) (?:je|byla?) (?:plně |zcela )?(?:uhrazen|splacen|vyrovnán)\w*",
        "sk": r"(?:plne |úplne )?(?:uhraden|splaten|vyrovnan)[áéýí] v plnej výške|(?:pohľadávka|dlh|záväzok) (?:je|bol[ao]?) (?:plne |úplne )?(?:uhraden|splaten|vyrovnan)\w*|nulov\w* zostatok",
        "hu": r"(?:teljes egészében|hiánytalanul) (?:kiegyenlít|rendez|megfizet)\w*|tartozás\w* (?:nincs|nem áll fenn)|nincs (?:fennálló |további )?tartozás\w*|egyenleg\w* nulla",
        "ro": r"(?:achitat|stins|plătit)[ăe]? (?:integral|în totalitate)|(?:integral|în totalitate) (?:achitat|stins|plătit)[ăe]?|nu (?:mai )?(?:există|are) (?:nicio )?(?:datorie|debit|sold)\w*",
        "hr": r"(?:u cijelosti|u potpunosti) (?:plaćen|podmiren|otplaćen)\w*|(?:plaćen|podmiren|otplaćen)\w* u (?:cijelosti|potpunosti)|nema (?:više )?(?:dugovanja|duga)",
        "sl": r"(?:v celoti|v celoti je) (?:plačan|poravnan)\w*|(?:plačan|poravnan)\w* v celoti|ni (?:več )?(?:dolga|odprtih obveznosti)",
        "lt": r"(?:visiškai|pilnai) (?:sumokėt|padengt|grąžint)\w*|skolos nėra|įsiskolinimo nėra",
        "bg": r"(?:изцяло|напълно) (?:платен|погасен|изплатен)\w*|няма (?:повече )?(?:неплатени |неизплатени |просрочени )?(?:задължения|дълг)",
        # Serbian/Bosnian in Cyrillic, Latvian, Estonian, Ukrainian, Russian (read32)
        "sr": r"(?:у целости|у потпуности) (?:измирен|плаћен|отплаћен|исплаћен)\w*|(?:измирен|плаћен)\w* у (?:целости|потпуности)|"
        r"нема (?:више )?(?:дуговања|дуга)|(?:u celosti|u potpunosti) izmiren\w*",
        "lv": r"pilnībā (?:samaksāt|nomaksāt|dzēst)\w*|parāda nav|nav (?:neapmaksāt\w* )?parād\w*",
        "et": r"täielikult (?:tasutud|makstud|kustutatud)|võlgnevus(?:t)? puudub|võlga ei ole",
        "uk": r"(?:повністю|в повному обсязі) (?:погашен|сплачен)\w*|заборгованість відсутня",
        "ru": r"(?:полностью|в полном объеме) (?:погашен|оплачен)\w*|задолженност\w* (?:отсутствует|нет)",
        "el": r"(?:εξοφλήθηκε|έχει εξοφληθεί) (?:πλήρως|ολοσχερώς)|(?:πλήρως|ολοσχερώς) (?:εξοφλ|εξοφλημέν)\w*|δεν υπάρχει (?:καμία )?οφειλή",
        "tr": r"(?:tamamen|tümüyle) (?:ödenmiş|ödendi|kapatıl)\w*|borcu (?:bulunmamaktadır|yoktur|kalmamıştır)",
    },
    "dispute": {
        "sk": r"nam(?:ie|ý)t\w*|rozporuj\w*|spochybň\w*|reklamáci\w*|sťažnos\w*",
        "hu": r"vitatj\w*|vitatott\w*|kifogás\w*|panasz\w*|reklamáció\w*",
        # Romanian forms only: "contestă", "contestat", "contestația" (not French "contestait", English "contested")
        "ro": r"contest(?:ă|ăm|ați|at[ăe]?|ați[ae]|ația|ație|ației)|dispută|reclamați\w*|plângere\w*",
        "hr": r"osporav\w*|osporen\w*|prigovor\w*|reklamacij\w*|pritužb\w*",
        "sl": r"izpodbija\w*|ugovarja\w*|reklamacij\w*|pritožb\w*",
        "lt": r"ginčij\w*|ginčijam\w*|skund\w*|pretenzij\w*",
        "bg": r"оспорва\w*|оспорен\w*|възражени\w*|жалба|жалби",
        "el": r"αμφισβητ\w*|ένσταση|ενστάσεις|καταγγελία",
        "tr": r"itiraz\w*|şikayet\w*|şikâyet\w*",
    },
    "sold": {
        "sk": r"postúpen\w*|postúpeni\w*|postupník\w*|nový veriteľ",
        "hu": r"engedményez\w*|(?:követelés\w*|tartozás\w*) {_P}{0,40}(?:eladt\w*|értékesít\w*|átruház\w*)|új jogosult\w*|új hitelező\w*",
        "ro": r"cesionat\w*|cesiun\w* de creanț\w*|(?:creanț|datori)\w* {_P}{0,40}(?:vândut|transferat)\w*|nou\w* creditor",
        "hr": r"ustupljen\w*|ustup tražbin\w*|cesij\w*|(?:potraživanj|tražbin|dug)\w* {_P}{0,40}(?:prodan|preneseno)\w*|nov\w* vjerovnik\w*",
        "sl": r"odstopljen\w*|cesij\w*|(?:terjatev|dolg)\w* {_P}{0,40}(?:prodan|prenesen)\w*|nov\w* upnik\w*",
        "lt": r"perleist\w*|reikalavimo perleidim\w*|nauj\w* kreditori\w*",
        "bg": r"цедира\w*|цесия|прехвърлен\w*|нов кредитор",
        "el": r"εκχωρ\w*|μεταβιβάστηκε|νέος δικαιούχος|νέος πιστωτής",
        "tr": r"temlik\w*|devredil\w*|alacak {_P}{0,40}satıl\w*|yeni alacaklı",
        "sr": r"уступљен\w*|цесиј\w*|нов\w* поверилац",
        "lv": r"cedēt\w*|cesij\w*|jaun\w* kreditor\w*",
        "et": r"loovutatud|loovutas|uus võlausaldaja",
        "uk": r"відступлен\w*|новий кредитор",
        "ru": r"уступ(?:лен|ил)\w*|переуступ\w*|новый кредитор",
    },
    "unknown": {
        "sk": r"(?:nie je|nebol[ao]?) (?:naším |naš[ií]m )?(?:zákazník|klient)\w*|nevedieme (?:žiadn\w* )?(?:záznam|zmluv|účet)\w*",
        "hu": r"nem (?:ügyfelünk|ügyfele)|nem (?:található|szerepel) (?:a )?nyilvántartás\w*",
        "ro": r"nu (?:este|figurează) (?:client|în evidențele)\w*",
        "hr": r"nije (?:naš |naša )?(?:klijent|korisnik)\w*|nemamo (?:evidencij|zapis)\w*",
        "sl": r"ni (?:naš |naša )?(?:stranka|komitent|uporabnik)\w*",
        "lt": r"nėra (?:mūsų )?(?:klient|vartotoj)\w*",
        "bg": r"не е (?:наш )?(?:клиент|потребител)\w*",
        "el": r"δεν είναι (?:πελάτης|πελάτισσα) μας",
        "tr": r"müşterimiz değil\w*|kaydı bulunmamaktadır",
    },
}


#: Settled as a record's field says it, not in a sentence: a status field of a ticket, CRM or account export
#: ("Status: bezahlt", "Stato: saldato", "statut : soldé", "Estado: pagado", "Status: betaald", "Status: betald",
#: "Status: Paid") and a claim "erledigt durch Zahlung vom 03.11.2026". Only paid/settled words: a ticket's
#: "Status: closed" says nothing of the claim. Merged into ``PHRASES``; the reply-kind classifier reads the
#: same field (``extraction/reply_kind.py``).
STATUS_FIELD = (
    r"(?:status|stato|statut|état|estado|situación|situação|zustand|state|stav|tila|stan)\s*[:=|]\s*"
    r"(?:[\w ]{0,20}?\s[-–—/,]\s*)?"
)
STATUS_PHRASES: dict[str, dict[str, str]] = {
    "settled": {
        "de": STATUS_FIELD + r"(?:bezahlt|beglichen|ausgeglichen|getilgt|erledigt)|"
        r"(?:erledigt|ausgeglichen|beglichen|getilgt) (?:durch|mit|per) (?:\w+ )?(?:zahlung|überweisung|einzahlung|ausgleich)|"
        r"durch (?:\w+ )?(?:zahlung|überweisung) (?:vom \S+ )?(?:erledigt|ausgeglichen|beglichen|getilgt)",
        "en": STATUS_FIELD + r"(?:paid|settled|paid off|repaid|cleared|discharged)(?! (?:partially|in part))",
        "nl": STATUS_FIELD + r"(?:betaald|voldaan|afgelost)",
        "fr": STATUS_FIELD + r"(?:payée?|réglée?|soldée?|remboursée?|acquittée?)",
        "it": STATUS_FIELD + r"(?:pagat[oa]|saldat[oa]|estint[oa]|rimborsat[oa])",
        "es": STATUS_FIELD + r"(?:pagad[oa]|saldad[oa]|liquidad[oa]|cancelad[oa])",
        "pt": STATUS_FIELD + r"(?:pag[oa]|liquidad[oa]|saldad[oa]|quitad[oa])",
        "sv": STATUS_FIELD + r"(?:betald|betalt|reglerad|reglerat|slutbetald)",
        "da": STATUS_FIELD + r"(?:betalt|indfriet|afviklet)",
        "no": STATUS_FIELD + r"(?:betalt|innfridd|oppgjort)",
        "fi": STATUS_FIELD + r"(?:maksettu|suoritettu)",
        "pl": STATUS_FIELD + r"(?:spłacon\w*|zapłacon\w*|uregulowan\w*)",
        "cs": STATUS_FIELD + r"(?:uhrazen\w*|zaplacen\w*|splacen\w*)",
    }
}


def _extend_phrases(table: dict[str, dict[str, str]], more: Mapping[str, Mapping[str, str]]) -> None:
    """Add ``more``'s alternatives to ``table`` (concern → language → regex), in place."""
    for concern, parts in more.items():
        own = table.setdefault(concern, {})
        for lang, alternatives in parts.items():
            own[lang] = f"{own[lang]}|{alternatives}" if lang in own else alternatives


# label words next to a figure: it names the claim / balance / total / amount owed
CLAIM_WORDS: dict[str, str] = {
    # "davon sind jetzt noch € 476,30 offen": of it, the rest still open
    "de": r"davon (?:sind|ist|bleiben|bleibt) (?:\w+ )?noch|\w*forderung\w*|\w*saldo|offen\w*|ausstehend\w*|gesamt\w*|\w*betrag|\w*summe|\w*schuld\w*|\w*rückst(?:a|ä)nd\w*|zu zahlen|fällig|aushaft\w*|unberichtigt|verbleib\w*|bleib\w*|insgesamt|beträgt|beläuft|belaufen|stand|kontostand|nunmehr|zusammen(?! mit\b)|aktuell|im soll",
    # "£3,498.12 as at today's date": the figure as it stands today
    "en": r"claim|balance|total|outstanding|owed|owing|due|debt|arrears|amount|sum|liability|to be paid|payable|remain\w*|owes?|altogether|"
    r"as (?:at|of) (?:today|today's date|the date of this (?:letter|e-?mail))",
    # "staat er in dit dossier nog € 1.612,80 open"
    "nl": r"staat (?:er )?(?:\w+ ){0,4}nog|\w*vordering\w*|\w*saldo|openstaand\w*|totaal|\w*bedrag|\w*schuld|verschuldigd|resterend|resteert|restant|te betalen|samen(?! met\b)",
    "fr": r"créance|solde|montant|total|dû|due|restant|dette|reste|à payer|doit|devez|en tout",
    # "l'esposizione debitoria complessiva … ad oggi è pari a"
    "it": r"credito|saldo|importo|totale|dovut[oa]|debito|debit(?:rice|ore)|residu\w*|ammonta|da pagare|deve|in tutto|scopert[oa]|insolut[oa]|"
    r"esposizion\w*|complessiv\w*",
    "es": r"deuda|saldo|importe|total|pendiente|adeud\w*|crédito|asciende|a pagar|debe|en conjunto|quedan|restan",
    "pt": r"dívida|saldo|montante|total|em dívida|em aberto|valor|crédito|ascende|a pagar|deve|restam",
    # compounds name the claim too: "hyresskuld", "restskuld", "kapitalfordran", "restgæld", "kokonaisvelka"
    "sv": r"\w*fordran|\w*fordring\w*|\w*skuld\w*|\w*saldo\w*|\w*belopp\w*|totalt|summa|utestående|att betala|uppgår|tillsammans|återstår|kvarstår",
    "da": r"\w*fordring\w*|\w*gæld\w*|\w*saldo\w*|\w*beløb\w*|total|i alt|udestående|skyldig|skylder|at betale|til betaling|udgør|til ?sammen",
    "no": r"\w*krav\w*|\w*gjeld\w*|\w*saldo\w*|\w*beløp\w*|totalt|utestående|skyldig|skylder|å betale|til betaling|utgjør|til ?sammen",
    "fi": r"\w*saatava\w*|\w*velka\w*|\w*saldo\w*|summa|yhteensä|avoinna|maksamatta|jäljellä|määrä|maksettava",
    "pl": r"zadłużeni\w*|należnoś\w*|saldo|łącznie|razem|ogółem|suma|do zapłaty|do spłaty|kwota|pozostał\w*|wynosi",
    "cs": r"\w*pohledávk\w*|dluh\w*|dlužn\w*|zůstatek|celkem|k úhradě|částk\w*|nedoplatek|zbývá",
    "sk": r"\w*pohľadávk\w*|dlh\w*|dlžn\w*|zostatok|celkom|spolu|na úhradu|sum[aey]|nedoplatok|zostáva",
    "hu": r"tartozás\w*|fennálló|hátralék\w*|követelés\w*|egyenleg\w*|összesen|mindösszesen|fizetendő|összeg\w*",
    # "soldul", not English "sold"; "debitul", not English "debit"
    "ro": r"datori\w*|debitul\w*|soldul\w*|sold (?:total|restant|curent|debitor)|total\w*|de plată|restanț\w*|creanț\w*|"
    r"suma\w*|rămas\w*|de achitat",
    "hr": r"dug\w*|potraživanj\w*|saldo|stanje|ukupno|sveukupno|za plaćanje|iznos\w*|preostal\w*",
    "sl": r"dolg\w*|terjatev\w*|saldo|stanje|skupaj|za plačilo|znesek\w*|preostal\w*",
    "lt": r"skol\w*|likut\w*|įsiskolinim\w*|iš viso|mokėtin\w*|sum[aąo]\w*",
    "bg": r"задължени\w*|дълг\w*|остатък\w*|общо|за плащане|сума\w*|вземане\w*",
    "el": r"οφειλ\w*|υπόλοιπο|χρέος|σύνολο|συνολικ\w*|ποσό\w*|πληρωτέο",
    "tr": r"borç\w*|bakiye\w*|toplam|ödenecek|tutar\w*|kalan",
    # Serbian/Bosnian in Cyrillic, Latvian, Estonian, Ukrainian, Russian (read32)
    "sr": r"дуг\w*|дуговањ\w*|потраживањ\w*|стање|укупн\w*|износ\w*|за плаћање",
    "lv": r"parād\w*|atlikum\w*|saistīb\w*|kopā|kopsumm\w*",
    "et": r"võlg\w*|võlgnevus\w*|jääk\w*|nõue|kokku|tasumisele",
    "uk": r"заборгованіст\w*|борг\w*|залишок\w*|становить|всього|разом",
    "ru": r"задолженност\w*|долг\w*|остаток\w*|составляет|итого|всего",
}
# label words naming what is not the current total: instalment, offer, payment, fee, rate
OTHER_WORDS: dict[str, str] = {
    # a company's capital in a letterhead or legal footer ("Stammkapital 25.000,00 EUR", "share capital
    # £50,000"): never a claim (tests/apply_families, docs/evaluation.md)
    "de": r"(?:stamm|grund|gesellschafts|aktien)kapital|früher|vormals|davon|kreditsumme|war|betrug|(?:monats|quartals)beitr(?:a|ä)g\w*|\w*rate|raten\w*|\w*zahlungsplan|ratenvereinbarung|monatlich\w*|(?!nachzahlung)\w*zahlung(?!s?(?:rückstand|rückstände|forderung|verpflichtung))\w*|gezahlt|bezahlt|eingegangen|\w*eingang|\w*eingänge|erhalten|"
    r"vergleich\w*|angebot|\w*gebühr\w*|zinssatz|abzüglich|gutschrift|"
    r"(?:von ihnen|in ihrem schreiben) (?:genannte|angegebene|mitgeteilte)n?(?: \w+)?|"
    r"nächste[nrs]? \w+|(?:zu)?künftige[nrs]? \w+|wären|würden?|betrüge|beliefe|ergäbe|nachlass\w*|rabatt\w*|skonto|"
    # the loan as first granted, not the balance now
    r"ursprünglich\w*|\w*kreditbetrag|\w*darlehensbetrag|nettodarlehen\w*|"
    # an own figure withdrawn as outdated or wrong ("die dort genannten 474,60 €")
    r"veraltet\w*|(?:dort|zuvor|damals|bisher) genannte\w*|irrtümlich\w*|fälschlich\w*",
    "en": r"share capital|capital of|of which|credit note|previously|formerly|amount (?:borrowed|financed|advanced|lent)|was|instal?ments?|monthly|per month|payments?|paid|received|offer|settle(?:ment)?|accept|fees?|interest rate|less|(?:payment )?plan|"
    r"you (?:quoted|mentioned|stated|gave)|next \w+|upcoming \w+|future \w+|would (?:then )?(?:be|amount to|come to|rise to)|discount\w*|original\w*|initial\w*|loan amount|"
    r"outdated|incorrect(?:ly)?|in error|wrongly (?:stated|quoted|given)",
    "nl": r"maatschappelijk kapitaal|geplaatst kapitaal|waarvan|creditnota|vroeger|voorheen|(?:geleend|geleende|krediet|leen)\s?bedrag|bedroeg|termijn\w*|maandelijks|per maand|aflossing\w*|betaling\w*|betaald|ontvangen|aanbod|voorstel|schikking\w*|"
    r"door u (?:genoemde|vermelde|opgegeven)(?: \w+)?|volgende \w+|zou(?:den)?|korting|oorspronkelijk\w*",
    "fr": r"capital social|au capital de|dont|note de crédit|(?:un|l')\s?avoir|auparavant|précédemment|montant (?:financé|du prêt|du crédit)|était|s'élevait|mensualités?|échéances?|par mois|paiements?|versements?|payé|reçu|offre|proposition|transaction|frais de dossier|"
    r"que vous (?:mentionnez|indiquez|avez indiqué)|prochaine? \w+|serait|s'élèverait|atteindrait|remise|rabais|initia\w*|montant emprunté",
    "it": r"capitale sociale|di cui|nota di credito|in precedenza|precedentemente|(?:importo |capitale )?finanziat[oa]|importo (?:del )?prestito|era|ammontava|rat[ae]|mensil\w*|pagament\w*|versament\w*|ricevut[oa]|offerta|proposta|stralcio|da voi (?:indicat|menzionat)[oa]|prossim[ao] \w+|sarebbe|ammonterebbe|salirebbe|sconto|originari\w*|iniziale",
    "es": r"capital social|de (?:los|las) cuales|nota de (?:crédito|abono)|anteriormente|importe (?:financiado|prestado|del préstamo|del crédito)|era|ascendía|cuotas?|mensual\w*|pagos?|abonad[oa]|recibid[oa]|oferta|propuesta|quita|(?:indicad|mencionad)[oa] por ustedes|próxim[oa] \w+|sería|ascendería|quedaría|descuento|original|inicial",
    "sv": r"aktiekapital|varav|kreditnota|kreditfaktura|tidigare|lånebelopp|var|uppgick|avbetalning\w*|delbetalning\w*|per månad|månadsvis|betalning\w*|inbetal\w*|erbjud\w*|förlikning\w*|nästa \w+|skulle|rabatt|ursprunglig\w*",
    "da": r"(?:aktie|selskabs)kapital|heraf|kreditnota|tidligere|lånebeløb|var|udgjorde|beløb sig|afdrag\w*|rater?|månedlig\w*|pr\. måned|(?<!til )betaling\w*|indbetal\w*|tilbud|forlig\w*|næste \w+|ville|rabat|oprindelig\w*",
    "no": r"aksjekapital|herav|kreditnota|tidligere|lånebeløp|var|utgjorde|beløp seg|avdrag\w*|månedlig\w*|per måned|(?<!til )betaling\w*|innbetal\w*|tilbud|forlik\w*|neste \w+|ville|rabatt|opprinnelig\w*",
    "fi": r"josta|hyvityslasku|aiemmin|laina(?:määrä|summa)|oli|erä\w*|kuukausi\w*|maksu(?:t|ja)?|suoritu\w*|maksettu|tarjo\w*|sovinto\w*|seuraava\w* \w+|alennu\w*|alkuperäi\w*",
    "pl": r"w tym|wpłat\w*|wpłynęł\w*|zapłacon\w*|otrzyma\w*|rat[aey]|miesięczn\w*|ugod\w*|propozycj\w*|poprzedni\w*|pierwotn\w*|kapitał zakładowy|rabat\w*",
    "cs": r"z toho|splátk\w*|uhrazen\w*|zaplacen\w*|přijat\w*|měsíčn\w*|dříve|původní\w*|základní kapitál|sleva\w*",
    "sk": r"z toho|splátk\w*|uhraden\w*|zaplaten\w*|prijat\w*|mesačn\w*|predtým|pôvodn\w*|základné imanie|zľav\w*",
    "hu": r"ebből|részlet\w*|törlesztő\w*|befizet\w*|havi|korábban|eredeti|jegyzett tőke|kedvezmény\w*|ajánlat\w*",
    "ro": r"din care|rat[aăe]|ratel\w*|achitat\w*|plăți\w*|lunar\w*|anterior|inițial\w*|capital social|reducere|ofert\w*",
    "hr": r"od toga|rat[aeu]|uplat\w*|plaćen\w*|mjesečn\w*|prethodno|početn\w*|temeljni kapital|popust\w*|ponud\w*",
    "sl": r"od tega|obrok\w*|vplačil\w*|plačan\w*|mesečn\w*|prej|prvotn\w*|osnovni kapital|popust\w*|ponudb\w*",
    "lt": r"iš jų|įmok\w*|sumokėt\w*|mėnesin\w*|anksčiau|pradin\w*|įstatinis kapitalas|nuolaid\w*|pasiūlym\w*",
    "bg": r"от които|вноск\w*|платен\w*|месечн\w*|преди|първоначал\w*|основен капитал|отстъпк\w*|предложени\w*",
    "el": r"εκ των οποίων|δόσ\w*|καταβλήθηκ\w*|πληρώθηκ\w*|μηνιαί\w*|προηγουμένως|αρχικ\w*|μετοχικό κεφάλαιο|έκπτωσ\w*|προσφορ\w*",
    "tr": r"bunun|taksit\w*|ödendi\w*|ödeme\w*|aylık|önceki|ilk|sermaye|indirim\w*|teklif\w*",
}
# a negation of the clause: before the phrase (any language), or closely after it
NEGATIONS = (
    r"nicht|nie|kein\w*|weder|not|no(?!\.)|never|n't|neither|nor|niet|geen|nooit|ne|pas|aucun\w*|jamais|ni|non|mai|"
    r"nessun\w*|né|ningún|ninguna|ninguno|nunca|inte|ej|ingen|aldrig|varken|ikke|ikkje|aldri|hverken|verken|ei|emme|eivät|ette|"
    r"não|nem|nenhum\w*|żadn\w*|ani|"
    # Czech, Slovak, Croatian, Slovene and Hungarian negated verbs ("Exekuci zahajovat nebudeme", "nebyla podána",
    # "nije pokrenuta", "ne bomo", "nem indult"); not Romanian "nu" (Dutch and Swedish "now")
    r"nebud\w*|nebyl\w*|nebol\w*|není|nejsou|nie je|nezah[aá]j\w*|nepodá\w*|nepodal\w*|nije|nisu|nećemo|neće|nismo|nincs|niciun\w*|nicio|не|δεν|değil"
)
_NEG_BEFORE = re.compile(rf"\b(?:{NEGATIONS})\b[^.!?;,\n]{{0,30}}$", re.IGNORECASE)
_NEG_AFTER = re.compile(rf"^\s*(?:\w+\s+){{0,3}}?(?:{NEGATIONS})\b", re.IGNORECASE)
# a settled phrase under a condition is no statement of fact (``once paid in full``); only
# plainly conditional words count, so no dispute, sale or enforcement is ever waved through
_CONDITION = re.compile(
    r"\b(?:sobald|wenn|falls|sofern|once|if|until|upon|zodra|indien|dès que|hvis|jos|kunhan|"
    # "as soon as" / "once", in each language: "una volta ricevuto il pagamento … sarà saldato", "non appena",
    # "una vez recibido", "en cuanto", "tan pronto como", "une fois le paiement reçu", "aussitôt", "on receipt of",
    # "zo gauw", "så snart", "assim que", "logo que", "heti kun" (a promise of what follows a payment, no fact)
    r"as soon as|on receipt of|una volta|non appena|una vez|en cuanto|tan pronto como|une fois|aussitôt|"
    r"zo gauw|så snart|assim que|logo que|heti kun|"
    # the same in the Romance and Nordic languages: "si se abonan … se considerará saldada", "se pagato …"
    r"si|s'il|lorsque|qualora|purché|siempre que|cuando|als|mits|om|ifall|när|dersom|når|"
    # until, in each language: "Zinsen laufen bis zur vollständigen Bezahlung", "ränta löper tills skulden är
    # betald", "interest accrues until paid in full" (the interest runs; the claim is not settled)
    r"bis zu[rm] (?:vollständigen |vollen |endgültigen )?(?:bezahlung|zahlung|begleichung|tilgung|erledigung|ausgleich)|"
    r"totdat|tot (?:de )?(?:volledige )?(?:betaling|voldoening|aflossing)|jusqu'à ce que|jusqu'(?:au|à) (?:complet |"
    r"parfait |entier )?(?:paiement|règlement|remboursement)|finché|fino a quando|fino al (?:completo |totale |saldo)|"
    r"hasta que|hasta (?:el|su) (?:completo |total )?(?:pago|abono)|tills|till dess|indtil|inntil|kunnes|"
    # the consequence an offer promises: "se considerará la deuda saldada", "will be considered settled"
    r"se considerará|se dará por|will be (?:considered|treated|deemed)|wird (?:\w+ )?als|gilt (?:dann )?als|"
    r"sera (?:considérée?|réputée?)|sarà considerat[oa]|zal (?:\w+ )?als)\b"
    r"(?:[^.!?;\n]|(?<=\d)\.(?=\d)){0,80}$",
    re.IGNORECASE,
)


_CURRENCY = (
    r"(?:€|\$|£|₺|(?<!\w)(?:eur|euro|chf|fr\.|gbp|usd|sek|dkk|nok|pln|zł|czk|kč|kr\.?|huf|ron|bgn|лв\.?|try|hrk|"
    r"rsd|din\.?|дин\.?|bam|mkd|ден\.?|uah|грн\.?|rub|руб\.?|brl|mdl)(?!\w)|₴|₽|R\$"
    r"|(?<!\w)(?-i:Ft|lei|TL|kn|KM)(?!\w))"
)
_CURRENCY_BEFORE = re.compile(_CURRENCY + r"\s?$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s?" + _CURRENCY + r"(?!\s?\d)", re.IGNORECASE)


def money_tokens(norm: str) -> list[NumberToken]:
    """The number tokens of normalised ``norm`` that are money: a well-formed value with
    decimals (``12,50``, ``12,-``) or a currency sign/word right next to it; not a
    percentage."""
    found = []
    for tok in number_tokens(norm):
        if tok.value is None or norm[tok.end : tok.end + 2].strip().startswith("%"):
            continue
        decimals = bool(re.search(r"[.,](?:\d{2}|-{1,2})$", tok.text))
        sign_before = _CURRENCY_BEFORE.search(norm[max(0, tok.start - 6) : tok.start])
        sign_after = _CURRENCY_AFTER.match(norm[tok.end : tok.end + 12])
        if (sign_before or sign_after) or (decimals and not _day_month(norm, tok)):
            found.append(tok)
    return found


_DAY_MONTH = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])")
_DATE_WORD_BEFORE = re.compile(
    r"\b(?:vom|am|bis|per|zum|seit|ab|bis zum|on|from|until|du|au|le|del|dal|al|van|op|tot|den|fra|till)\s+$",
    re.IGNORECASE,
)


def _day_month(norm: str, tok: NumberToken) -> bool:
    """A currency-less ``27.11`` that is a date: right after a date word ("Zahlung vom 27.11.",
    "am 27.11", "per 30.09")."""
    return bool(_DAY_MONTH.fullmatch(tok.text)) and bool(
        _DATE_WORD_BEFORE.search(norm[max(0, tok.start - 12) : tok.start])
    )


#: ``{_W}`` in a phrase: a character of the same sentence — a dot only inside a number
#: ("1.100,00"), an abbreviation ("Sig.ra") or after a title ("Dña.", "Mr.", "D.").
_W = r"(?:[^.\n]|\.(?=\S)|(?<=\d\.\d)\.(?= )|(?<=\d\.\d\d)\.(?= )|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-zñ])\.|(?<=\b[A-Z][a-zñ]{2})\.)"


def _table(parts: Mapping[str, str]) -> re.Pattern[str]:
    return re.compile(_table_source(parts), re.IGNORECASE)


def _table_source(parts: Mapping[str, str]) -> str:
    alternatives = "|".join(f"(?:{parts[lang]})" for lang in LANGS + ("pt", "pl", "cs") + MORE_LANGS if lang in parts)
    alternatives = alternatives.replace("{_W}", _W).replace("{_P}", _P)
    return r"(?<!\w)(?:" + alternatives + r")(?!\w)"


#: ``{_P}`` in a phrase: a character of the same sentence where no negation word begins, so a
#: phrase spanning "Die Beitreibung ist nicht ausgesetzt" does not match across the "nicht".
_P = rf"(?:(?!(?<!\w)(?:{NEGATIONS})(?!\w)){_W})"

_extend_phrases(PHRASES, FAMILY_PHRASES)
_extend_phrases(PHRASES, TRAP_PHRASES)
_extend_phrases(PHRASES, UNKNOWN_PHRASES)
_extend_phrases(PHRASES, MORE_LANGUAGE_PHRASES)
_extend_phrases(PHRASES, STATUS_PHRASES)
_extend_phrases(PHRASES, WAIT_PHRASES)
_extend_phrases(PHRASES, FINAL_FIGURE_LATER)
_extend_phrases(PHRASES, FINAL_STATEMENT_TO_FOLLOW)
#: Each concern's table scanned over whole texts, declared for ``scan.prefiltered``: (every
#: character a phrase of it can start with, the literal after each phrase that opens with
#: ``\\w*`` such as ``\\w*pfändung\\w*`` or ``(?:\\w*saldo|…)``). A phrase added with another first
#: letter, or opening with ``\\w*``, adds it here; a concern without an entry is scanned plain
#: and tests/unit/test_scan_guard.py says so. tests/unit/test_scan_prefilter.py compares each
#: table with its plain pattern over every labelled and tuning email.
_DECLARED: dict[str, tuple[str, tuple[str, ...]]] = {
    "dispute": ("a-ik-wyzşέαεκвжо", ("forderung", "saldo", "konto", "betrag")),
    "sold": ("a-ik-pr-wzönotuyúεμνнпц", ()),
    "enforcement": (
        "a-pr-wzéžostvöαδκзипсч",
        ("gerichtsvollzieh", "pfändung", "klage", "exekution", "deurwaarder", "beslag", "udlæg"),
    ),
    "unknown": ("a-ik-pr-wzäèémnδн", ()),
    "settlement": ("aefgikm-tvw", ()),
    "settled": ("a-ik-np-tvwzèíouîúįέδεοπинř", ()),
    "insolvency": ("a-gik-pr-wz", ("insolvenzverfahren",)),
    "written_off": ("a-ilnoprstvwzè", ()),
    "suspended": ("a-ikmo-wzä", ("maßnahmen", "mahnung", "erinnerung")),
    "which": ("acdfhm-qs-w", ()),
    "mandate_ended": ("ac-fh-km-pr-vyzä", ("mandat",)),
    "pending": ("a-wzäèö", ("klage",)),
    "provisional": ("a-ik-wzàèéü", ()),
    "conditional": ("abd-gikm-prsuvwzàú", ()),
}


def _scanned(concern: str, parts: Mapping[str, str]) -> re.Pattern[str]:
    declared = _DECLARED.get(concern)
    if declared is None:
        return _table(parts)
    return compile_prefiltered(_table_source(parts), re.IGNORECASE, declared[0], declared[1])  # compiled once


_PATTERNS = {concern: _scanned(concern, parts) for concern, parts in PHRASES.items()}
_CLAIM = _table(CLAIM_WORDS)
_FINAL_STATEMENT = compile_prefiltered(
    _table_source(FINAL_STATEMENT_TO_FOLLOW["provisional"]), re.IGNORECASE, "a-ilm-pr-wzéü", ()
)
_OTHER = _table(OTHER_WORDS)


# "not only" / "nicht nur" adds to a statement, it negates nothing
_NOT_ONLY = re.compile(
    r"\b(?:nicht nur|not only|niet alleen|pas seulement|non solo|no solo|inte bara|ikke kun|"
    r"ikke bare|ei vain)\b",
    re.IGNORECASE,
)


_CLAUSE_END = re.compile(
    r"[.!?;,\n]|\b(?:und|oder|aber|sondern|and|or|but|en|of|maar|et|mais|e|ma|y|pero|och|men|"
    r"og|ja|mutta)\b",
    re.IGNORECASE,
)


def _negated(text: str, start: int, end: int) -> bool:
    """Whether the phrase at ``start:end`` of ``text`` is negated in its clause (or by the second
    half of a "weder … noch" / "neither … nor" right before it)."""
    before = _NEG_BEFORE.search(text[max(0, start - 40) : start])
    if before and not _NOT_ONLY.match(before.group(0)):
        return True
    if NEITHER_NOR.search(text[max(0, start - 160) : start]):
        return True
    # the clause after the phrase ends at punctuation or a conjunction (``verkauft und ist
    # nicht mehr bei uns`` negates the second clause, not the sale)
    after = _CLAUSE_END.split(text[end : end + 40], maxsplit=1)[0]
    return bool(_NEG_AFTER.match(after)) and not _NOT_ONLY.search(after)


#: The objection a client raised: a dispute word of this kind is history once its outcome is stated.
_COMPLAINT = re.compile(
    r"(?<!\w)(?:widerspruch|widersprüche|einspruch|einwendung\w*|reklamation|beschwerde|einwand|"
    r"objection|complaint|dispute|query|appeal|bezwaar|klacht|betwisting|contestation|réclamation|recours|"
    r"reclamo|contestazione|opposizione|reclamación|impugnación|queja|klage\w*|klagomål|klagen|reklamation\w*|"
    r"indsigelse\w*|innsigelse\w*|valitu\w*|muistutu\w*|"
    # the hold families (tests/hold_families): objections and complaints in every language
    r"opposition|oposición|oposição|reclamação|contestação|queixa|invändning\w*|sprzeciw\w*|reklamacj\w*|odwołani\w*)(?!\w)",
    re.IGNORECASE,
)
#: Its outcome: rejected, dismissed, never received, concluded.
_RESOLVED = re.compile(
    r"(?<!\w)(?:zurückgewiesen|abgewiesen|abgelehnt|(?:nie|nicht) eingegangen|als unbegründet|"
    r"rejected|dismissed|not upheld|never (?:received|arrived|reached us)|(?:has been|was) (?:\w+ )?(?:concluded|closed|withdrawn)|"
    r"afgewezen|ongegrond|verworpen|rejetée?s?|écartée?s?|non fondée?s?|respint[oa]|rigettat[oa]|infondat[oa]|"
    r"desestimad[oa]|rechazad[oa]|avslag(?:en)?|avslogs|avvisad\w*|afvist|afslået|avvist|avslått|hylätt\w*|"
    # withdrawn by the client, or dismissed (tests/hold_families)
    r"zurückgenommen|zurückgezogen|withdrawn|withdrew|ingetrokken|retirée?s?|ritirat[oa]|retirad[oa]|retirou|indeferid[oa]|"
    r"trukket|återkallat|återkallad\w*|avslagits|peruutt\w*|peruttu|wycofan\w*|oddalon\w*)(?!\w)",
    re.IGNORECASE,
)
_NEGATED_OUTCOME = re.compile(
    r"(?:nicht|noch nicht|not|not yet|niet|pas|non|no|ikke|inte|ei|nog niet)\s+$", re.IGNORECASE
)


#: The creditor waives the step its sentence names: "verzichten wir vorerst auf die Einleitung der
#: Betreibung", "we will refrain from enforcement action", "nous renonçons à toute saisie".
_WAIVED = re.compile(
    r"(?<!\w)(?:verzicht\w*|sehen \w+ (?:\w+ )?von|refrain\w* from|renon[cç]\w* (?:à|a)|rinunci\w* (?:a|ad)|"
    r"renunci\w* a|zien \w+ (?:\w+ )?af van|afstand van|avstår (?:\w+ )?från|afstår (?:\w+ )?fra|avstår (?:\w+ )?fra)"
    r"[^.!?\n]{0,60}$",
    re.IGNORECASE,
)


#: The rest of the sentence says the step is not planned: "Gerechtelijke stappen zijn op dit
#: ogenblik niet gepland", "gerichtliche Schritte sind derzeit nicht beabsichtigt", "legal
#: action is at present not intended", "une procédure n'est pas envisagée à ce stade".
_NOT_PLANNED = re.compile(
    rf"(?:(?!(?<!\w)(?:und|and|en|et|e|y|och|og|ja|aber|but|maar|mais|ma|pero|men|mutta)(?!\w))[^.!?;,\n]){{0,60}}?(?<!\w)(?:{NEGATIONS})\s+(?:\w+\s+)?(?:geplant|beabsichtigt|vorgesehen|angedacht|gepland|voorzien|beoogd|"
    r"planned|intended|envisaged|contemplated|envisagée?s?|prévue?s?|previst[oaie]|programmat[oaie]|prevista?s?|planead[oa]s?|"
    r"planerade?|planlagte?|planlagt|suunnitteilla|"
    # not taken yet: "Kosten des Mahnbescheidsantrags (noch nicht gestellt)", "(not yet filed)", "(pas encore introduite)"
    r"gestellt|beantragt|eingeleitet|eingereicht|eingebracht|filed|issued|commenced|initiated|introduite?s?|engagée?s?|"
    r"depositat[oaie]|presentad[oa]s?|ingediend|aangevraagd|inlämnad|indgivet|innlevert)(?!\w)",
    re.IGNORECASE,
)

#: A court or enforcement step named only as a hypothesis: a sentence that opens with "im Falle",
#: "in the event", "en cas", "in caso", "en caso", "in geval", "i händelse" and speaks in the
#: conditional ("Im Falle eines gerichtlichen Mahnverfahrens entstünden weitere Kosten (Gerichtskosten
#: ca. 38,00 €)", "In the event of legal proceedings further costs would arise", "des frais seraient dus").
_HYPOTHESIS_OPENER = re.compile(
    r"^\W*(?:im fall(?:e)?|für den fall|in case|in the event|en cas|in caso|en caso|in geval|i händelse|i tilfælde|"
    r"i tilfelle)(?!\w)",
    re.IGNORECASE,
)
_CONDITIONAL_MOOD = re.compile(
    r"(?<!\w)(?:entstünden?|würden?|wären?|hätten?|kämen|fielen|would|could|might|zou(?:den)?|skulle|ville|"
    r"\w+raient|\w+rait|\w+rebbero|\w+rebbe|\w+rían|\w+ría)(?!\w)",
    re.IGNORECASE,
)


def _hypothetical(norm: str, m: re.Match[str], sentence_start: int) -> bool:
    """Whether the sentence of ``m`` opens with a hypothesis and speaks in the conditional (a step
    that would come, not one taken); "Im Falle einer Zahlung stellen wir die Zwangsvollstreckung ein"
    (indicative) reports the step."""
    stops = [i for i in (norm.find(". ", m.end()), norm.find("\n\n", m.end())) if i >= 0]
    sentence = norm[sentence_start : min(stops) if stops else len(norm)]
    return bool(_HYPOTHESIS_OPENER.search(sentence)) and bool(_CONDITIONAL_MOOD.search(sentence))


_COURT_COST = re.compile(r"gericht|prozess|court|tribunal|juzgado|rechtbank|tingsrätt|tingrett", re.IGNORECASE)
#: What a listed cost is called: a compound ("Betreibungskosten", "Exekutionskosten", "Mahnspesen") or a word.
_COST_END = re.compile(
    r"(?:kosten|spesen|gebühren?|costs?|charges|frais|spese|costi|gastos|costas|kostnader|omkostninger|kulut)$"
)
_COST_BEFORE = re.compile(
    r"(?<!\w)(?:\w*kosten|\w*spesen|\w*gebühren?|costs?|charges|fees?|frais|spese|costi|gastos|costas|kostnader|omkostninger|kulut)"
    r"(?: (?:der|des|für|für die|für den|of|of the|de|de la|du|des|di|del|della|de la|för|for))? $",
    re.IGNORECASE,
)


def cost_item(text: str, start: int, end: int) -> bool:
    """Whether the court or enforcement word at ``text[start:end]`` names what a listed cost of
    the claim is for (``_cost_item``): "Betreibungskosten (Zahlungsbefehl Nr. 26/4471)  73.30",
    "Spesen Zahlungsbefehl-Vorbereitung  CHF 17.00". For the readers outside this module that find
    enforcement with tables of their own (the reply-kind classifier's phrases only courts write)."""
    m = re.compile(re.escape(text[start:end])).search(text, start)
    return m is not None and _cost_item(text, m)


def _cost_item(norm: str, m: re.Match[str]) -> bool:
    """Whether the enforcement phrase ``m`` names what a listed cost of the claim is for, not a
    step the letter reports: the cost compound itself ("Betreibungskosten CHF 73.30", "zuzüglich der
    bereits angefallenen Betreibungskosten"), the words in brackets right after such a compound
    ("Betreibungskosten (bereits angefallen, Betreibung Nr. 2026/44871)"), or the step right after a
    cost word ("Spesen Zahlungsbefehl-Vorbereitung", "Kosten der Zwangsvollstreckung")."""
    word = m.group(0).lower()
    if _COURT_COST.search(word):
        return False  # court costs say a court case was brought: a court step (tests/unit/test_enforcement_wording.py)
    if " " not in word and _COST_END.search(word):
        return True
    line_start = norm.rfind("\n", 0, m.start()) + 1
    before = norm[line_start : m.start()]
    if _COST_BEFORE.search(before.lower()):
        return True
    bracket = before.rfind("(")
    if bracket < 0 or ")" in before[bracket:]:
        return False
    head = before[:bracket].rstrip().lower()
    return bool(re.search(r"(?:kosten|spesen|gebühren?|costs|charges|frais|spese|costi|gastos|costas)$", head))


def _waived(before: str) -> bool:
    """Whether the sentence before an enforcement word waives it, unnegated ("wir verzichten
    nicht auf die Betreibung", "we will not refrain from" keep it)."""
    m = _WAIVED.search(before)
    if m is None:
        return False
    return not re.search(rf"(?<!\w)(?:{NEGATIONS})(?!\w)", before[max(0, m.start() - 30) :], re.IGNORECASE)


def _period_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """(begin, stop) of the sentence around ``text[start:end]`` when only a period before a space
    or a line break, or a blank line, ends a sentence (dates and amounts keep their dots)."""
    begin = max(text.rfind(". ", 0, start), text.rfind(".\n", 0, start), text.rfind("\n\n", 0, start)) + 1
    ends = [i for i in (text.find(". ", end), text.find(".\n", end), text.find("\n\n", end)) if i >= 0]
    return begin, min(ends) if ends else len(text)


def resolved_dispute(text: str, start: int, end: int) -> bool:
    """Whether the dispute phrase at ``text[start:end]`` names an objection whose rejection the
    same sentence states: "den Widerspruch … geprüft und zurückgewiesen", "Eine Reklamation ist
    … nie eingegangen", "Klagen … ble avvist", "your complaint was not upheld", "la reclamación
    fue desestimada". The claim stands then; a second, open dispute elsewhere still counts.
    An outcome negated right before it ("nicht abgelehnt", "not yet rejected") resolves nothing."""
    # a sentence ends at a period before a space or a line break ("… ble avvist … behandling.\nRestgjeld …")
    sentence_start, sentence_end = _period_sentence(text, start, end)
    sentence = text[sentence_start:sentence_end]
    if not _COMPLAINT.search(sentence):
        return False
    if _outcome_stated(sentence):
        return True
    # "We have completed our review of the dispute … . The dispute has been closed and not upheld.":
    # the next sentence of its paragraph names the same objection again, with its outcome
    if text.startswith(". ", sentence_end):
        following = text[sentence_end + 2 :]
        stop = [i for i in (following.find(". "), following.find("\n\n")) if i >= 0]
        nxt = following[: min(stop) if stop else len(following)]
        return bool(_SAME_OBJECTION.search(nxt)) and _outcome_stated(nxt)
    return False


#: The objection just mentioned, named again in the next sentence: "… and the dispute has been closed".
_SAME_OBJECTION = re.compile(
    r"(?<!\w)(?:the|this|that|his|her|their|der|die|dieser|diese|de|het|deze|la|le|cette|ce|il|lo|la|questa|questo|el|esta|"
    r"este|denna|detta|den|det|tämä)\s+(?:\w+\s+){0,2}?" + _COMPLAINT.pattern,
    re.IGNORECASE,
)


def _outcome_stated(sentence: str) -> bool:
    """Whether ``sentence`` states an objection's outcome (rejected, dismissed, closed), not negated."""
    return any(
        not _NEGATED_OUTCOME.search(sentence[max(0, m.start() - 12) : m.start()]) for m in _RESOLVED.finditer(sentence)
    )


#: A pause granted so the office can answer (an income and expenditure form, a budget, time to
#: gather papers): the creditor's figure stands — "place the account on hold for 30 days while
#: you complete an Income & Expenditure form".
_COURTESY_PAUSE = re.compile(
    r"(?<!\w)(?:while you (?:complete|prepare|gather|provide|send|obtain)|to (?:give|allow) (?:you|your client|them) (?:some |more )?time|"
    r"income (?:and|&) expenditure|i ?& ?e\b|(?:financial|budget) statement|damit sie (?:zeit|die unterlagen)|um ihnen zeit|"
    r"haushaltsplan|einnahmen[- ]und[- ]ausgaben)",
    re.IGNORECASE,
)


def sentence_span(norm: str, start: int, end: int) -> tuple[int, int]:
    """(begin, stop) of the sentence of ``norm`` holding ``norm[start:end]``: from
    ``_sentence_start`` (or the period after a figure that ends the sentence before) to the next
    sentence end or blank line. Pure."""
    begin = _sentence_start(norm, start)
    after_figure = [m.end() for m in _FIGURE_PERIOD.finditer(norm, max(begin - 1, 0), start)]
    begin = after_figure[-1] if after_figure else begin  # "… is £1,204.56. We would accept …"
    return begin, _sentence_end(norm, end)


def _sentence_of(norm: str, start: int, end: int) -> str:
    """The sentence of ``norm`` holding ``norm[start:end]`` (``sentence_span``)."""
    begin, stop = sentence_span(norm, start, end)
    return norm[begin:stop]


#: A sentence that ends with a figure, a closing parenthesis or quote, or a currency sign: its
#: period, then a capital ("… is £1,204.56. We …", "… (EUR 0,19 pro Tag). Der Betrag …").
_FIGURE_PERIOD = re.compile(r"(?<=[\d)\]\"'»%€$£])\.\s+(?=[A-ZÀ-ÖØ-Þ])")


def _granted_pause(norm: str, m: re.Match[str]) -> bool:
    """Whether the suspension at ``m`` is a pause granted so the office can answer (an income
    and expenditure form, a budget, time to gather papers), or one that lasts while the client's plan runs or is
    decided (``pause_for_the_plan``): the creditor's figure stands."""
    return bool(_COURTESY_PAUSE.search(_sentence_of(norm, m.start(), m.end()))) or pause_for_the_plan(
        norm, m.start(), m.end()
    )


#: The client's plan as what a pause lasts for (read36): "für die Dauer des Schuldenbereinigungsplans ruhend gestellt",
#: "solange die Ratenzahlung läuft", "on hold while the plan is kept", "for the duration of the payment plan", "while
#: we consider the payment plan", "zolang de regeling loopt", "pendant la durée de l'échéancier", "per la durata del
#: piano", "mientras se cumpla el plan", "medan avbetalningsplanen löper", "mens betalingsplanen behandles", "så længe
#: afdragsordningen overholdes", "maksusuunnitelman ajan".
_PLAN_WORD = (
    r"\w*(?:plan|plans|planen|planens|planu|planer|vergleich\w*|ratenzahlung\w*|ratenvereinbarung\w*|arrangement|"
    r"regeling|échéancier|piano|ordningen|afdragsordningen|avbetalningsplanen|betalingsplanen|"
    r"suunnitelm\w*|dmp)"
)
_PAUSE_FOR_PLAN = re.compile(
    r"(?<!\w)(?:"
    rf"(?:für die dauer|während|solange|im rahmen|for the duration|while|whilst|during|as long as|zolang|tijdens|"
    rf"gedurende|pendant|tant que|per (?:la|tutta la) durata|durante|mentre|finché|mientras|medan|så länge|under|"
    rf"mens|så længe|så lenge|i løpet av)\b[^.;!?\n]{{0,60}}?{_PLAN_WORD}(?!\w)|"
    rf"{_PLAN_WORD} (?:\w+ )?ajan"
    r")",
    re.IGNORECASE,
)
#: What makes a pause one pending a dispute, a complaint or a check (which holds), not one for the plan.
_PAUSE_DISPUTED = re.compile(
    r"(?<!\w)(?:beschwerde|widerspruch|einwand|einwendung|einspruch|reklamation|prüfung|klärung|bestritten|complaint|"
    r"dispute\w*|quer(?:y|ies)|investigat\w*|ombudsman|objection|review|klacht|bezwaar|geschil|onderzoek|réclamation|"
    r"contestation|litige|médiateur|vérification|reclamo|contestazione|verifica|reclamación|disputa|revisión|"
    r"klagomål|tvist|klage|valitus|reklamac\w*|skarg\w*|court|gericht|tribunal)",
    re.IGNORECASE,
)


def pause_for_the_plan(norm: str, start: int, end: int) -> bool:
    """Whether the suspension phrase at ``norm[start:end]`` lasts while the client's plan runs or is decided
    ("Wir haben das Kundenkonto … für die Dauer des Schuldenbereinigungsplans ruhend gestellt", "the account is on
    hold while the plan is kept", "Saken er satt på vent mens betalingsplanen behandles") and its sentence names no
    dispute, complaint, check or court beside it (``_PAUSE_DISPUTED``): the claim stands and its figure is current.
    A pause pending an objection or an ombudsman still holds."""
    sentence = _sentence_of(norm, start, end)
    return bool(_PAUSE_FOR_PLAN.search(sentence)) and not _PAUSE_DISPUTED.search(sentence)


def phrase_matches(concern: str, norm: str, *, negation_aware: bool = True) -> list[re.Match[str]]:
    """The matches of ``concern``'s phrases in normalised ``norm`` that state it as fact
    (``find_phrases``), in order (a new list each call)."""
    return list(_phrase_matches(concern, norm, negation_aware))


@lru_cache(maxsize=512)  # pure; one email's readings ask 10 times for 7 distinct (concern, text) pairs
def _phrase_matches(concern: str, norm: str, negation_aware: bool) -> tuple[re.Match[str], ...]:
    text = unwrapped(norm)  # the same offsets: a sentence hard-wrapped over two lines is one sentence
    return tuple(
        m
        for m in _PATTERNS[concern].finditer(text)
        if not (negation_aware and _discounted(concern, text, m))
        and not (concern == "unknown" and about_a_thing(text, m.start(), m.end()))
        # the office's own out-of-court plan named in passing: "in het kader van de schuldsanering van uw cliënt"
        and not (concern == "insolvency" and office_procedure(text, m.start(), m.end()))
    )


#: The shortest line a mail client hard-wraps a paragraph at (clients wrap at 72–78 characters;
#: a line this long that ends without sentence punctuation goes on in the next line).
WRAP_MIN_CHARS = 60
_TABLE_LINE = re.compile(r" {2,}|\t|\|")


@lru_cache(maxsize=256)  # pure; every concern of one email asks for the same text
def unwrapped(text: str) -> str:
    """``text`` with each line break inside a hard-wrapped paragraph read as a space, so a
    phrase wrapped over two lines ("die Räumungsklage wurde am 27.11.2026 beim Amtsgericht /
    Karlsruhe eingereicht") is one phrase. A break counts as a wrap after a line of at least
    ``WRAP_MIN_CHARS`` characters that ends without ``.!?:;`` and is no table row (two spaces,
    a tab or a ``|``), before a line that starts with a letter. The result has the length and
    offsets of ``text``; a blank line, a short line (greeting, signature) and a table stay as
    they are."""
    if "\n" not in text:
        return text
    chars: list[str] | None = None
    pos = 0
    for line in text.split("\n")[:-1]:
        end = pos + len(line)
        body = line.rstrip()
        if (
            len(body) >= WRAP_MIN_CHARS
            and body[-1] not in ".!?:;"
            and text[end + 1 : end + 2].isalpha()
            and not _TABLE_LINE.search(body)
        ):
            chars = chars if chars is not None else list(text)
            chars[end] = " "
        pos = end + 1
    return "".join(chars) if chars is not None else text


def under_condition(text: str, start: int) -> bool:
    """Whether the phrase at ``text[start:]`` stands under a plain condition in its sentence
    ("once paid in full", "si se abonan 1.281,63 € … se considerará la deuda totalmente
    saldada", "sobald der Betrag eingegangen ist, gilt die Forderung als erledigt")."""
    return bool(_CONDITION.search(text[max(0, start - 90) : start]))


def states_zero_balance(text: str) -> bool:
    """Whether ``text`` states a zero figure whose nearest label names the claim or balance
    and whose clause names no instalment, payment, fee or other figure ("beträgt der
    Kontostand des Vertragskontos 2000-558-314 EUR 0,00", "the balance is now £0.00"; not
    "Die Rate beträgt ab Januar 0,00 €"), or a statement whose running balance closes at 0.00
    (``balance_rows_closed_at_zero``)."""
    return any(
        f.value == 0 and f.kind == "claim" and not _OTHER.search(AFTER_PAYMENT_RE.sub(" ", f.clause))
        for f in labelled_figures(text)
    ) or bool(balance_rows_closed_at_zero(normalise_text(text)))


def find_phrases(concern: str, text: str, *, negation_aware: bool = True) -> list[str]:
    """The phrases of ``concern`` (a key of ``PHRASES``) that ``text`` states as fact:
    not negated in their clause (and, for ``settled``, not under a condition such as
    ``once``/``sobald``; for ``dispute``, not an objection whose rejection is stated; for
    ``suspended``, not a suspension stated as lifted nor a pause granted so the office can
    answer). Empty list: none."""
    return [match_excerpt(m) for m in phrase_matches(concern, normalise_text(text), negation_aware=negation_aware)]


def _discounted(concern: str, norm: str, m: re.Match[str]) -> bool:
    """Whether the phrase ``m`` of ``concern`` states nothing: negated in its clause, a
    settled phrase under a condition, a dispute whose rejection is stated, an enforcement
    step waived or not planned, a suspension stated as lifted or a pause granted."""
    sentence_start = max(norm.rfind(". ", 0, m.start()), norm.rfind("\n\n", 0, m.start()), 0)
    return (
        _negated(norm, m.start(), m.end())
        or concern == "settled"
        and settled_discounted(norm, m.start())
        or concern == "sold"
        and _threatened(norm, m.start(), m.end())
        or concern == "dispute"
        and resolved_dispute(norm, m.start(), m.end())
        or concern == "enforcement"
        and _no_step_taken(norm, m, sentence_start)
        or concern in _SPANNING
        and bool((_NEG_INSIDE if concern == "mandate_ended" else _NEG_ANY).search(m.group(0)))
        or concern == "suspended"
        and (_lifted(norm, m.start(), m.end()) or _granted_pause(norm, m))
    )


def settled_discounted(norm: str, start: int) -> bool:
    """Whether the settled phrase at ``start`` of ``norm`` states no settled claim: under a condition ("sobald",
    "once", "si se abonan … se considerará la deuda saldada": an offer's condition, not a fact), or one instalment or
    month paid ("la rata di novembre risulta saldata", ``labels.settles_only_a_part``). The one owner of both checks,
    for this wording table and the reply-kind classifier (which adds its own: the figure named was paid). str and
    int (an index into it) in, bool out."""
    return under_condition(norm, start) or settles_only_a_part(norm, start)


#: What a creditor may say it has "no record of" that is neither a person nor an account: an
#: event or a document ("no record of a cancellation", "kein Eingang einer Kündigung", "une
#: résiliation", "ningún pago"). German compounds count ("Kündigungsschreiben", "Zahlungseingang").
_THING = re.compile(
    r"(?<!\w)(?:cancell?ations?|terminations?|payments?|letters?|correspondence|e-?mails?|messages?|notices?|"
    r"notifications?|objections?|complaints?|instructions?|requests?|agreements?|calls?|refunds?|transfers?|"
    r"direct debits?|standing orders?|withdrawals?|documents?|power of attorney|replies|reply|responses?|"
    r"\w*kündigung\w*|\w*zahlung\w*|widerruf\w*|widerspruch\w*|überweisung\w*|schreiben\w*|briefe?s?|"
    r"nachricht\w*|anfrage\w*|einw(?:a|ä)nde?s?|beschwerde\w*|vollmacht\w*|lastschrift\w*|rücktritt\w*|"
    r"stornierung\w*|mitteilung\w*|antrag\w*|vereinbarung\w*|opzegging\w*|betaling\w*|brief|bericht\w*|"
    r"bezwaar\w*|klacht\w*|ontbinding|herroeping|overboeking\w*|machtiging\w*|verzoek\w*|résiliation|"
    r"paiements?|versements?|virements?|courriers?|lettres?|réclamations?|contestations?|oppositions?|"
    r"annulation|demandes?|mandats?|rétractation|disdett\w|pagament\w|versament\w|bonific\w|letter\w|"
    r"reclam\w+|recesso|comunicazion\w|richiest\w|cancelación|baja|pagos?|transferencias?|cartas?|escritos?|"
    r"reclamación|desistimiento|solicitud|uppsägning\w*|betalning\w*|brev\w*|opsigelse\w*|betaling\w*|"
    r"oppsigelse\w*|irtisano\w*|maksu\w*|kirje\w*)(?!\w)",
    re.IGNORECASE,
)
#: A person or an account: what an unknown-client phrase is about ("no record of your client",
#: "Die Person ist uns nicht bekannt", "aucun dossier au nom de votre client").
_PERSON = re.compile(
    r"(?<!\w)(?:(?:your |our )?(?:client|customer|debtor|person|account|name|mr|mrs|ms|miss)s?(?!'s)|"
    r"mandant\w*|kund\w*|schuldner\w*|person\w*|konto\w*|vertrag\w*|vorgang\w*|herrn?|frau|name\w*|"
    r"cliënt\w*|klant\w*|client\w*|personne|dossier|cliente|persona|kund|asiakas\w*)(?!\w)",
    re.IGNORECASE,
)
_CLAUSE_CUT = re.compile(r"[.;:!?\n()]|(?<!\w)(?:and|but|und|aber|en|maar|et|mais|e|ma|y|pero|och|og|ja)(?!\w)")
#: Verbs that cannot match a person to the letter: "Ihr Schreiben kann nicht zugeordnet werden"
#: is an unknown client whatever it names.
_MATCHING_VERB = re.compile(r"zuordn|zugeordnet|zuzuordnen|identif", re.IGNORECASE)


def _word_end(text: str, pos: int) -> int:
    """The end of the word ``pos`` stands in (``pos`` itself at a word's end)."""
    m = _WORD_REST.match(text, pos)
    return m.end() if m else pos


_WORD_REST = re.compile(r"\w*")


def about_a_thing(text: str, start: int, end: int) -> bool:
    """Whether an unknown-client phrase at ``text[start:end]`` ("no record of", "ist uns nicht
    bekannt", "n'avons retrouvé aucun") is about an event or a document (a cancellation, a
    payment, a letter: ``_THING``) rather than a person or an account: the first such noun of
    its clause after it, else the last one of its clause before it, decides. A phrase that
    cannot match ("nicht zugeordnet werden") is about the client whatever it names."""
    if _MATCHING_VERB.search(text[start:end]):
        return False
    end = _word_end(text, end)  # the phrase may end inside a word: "aucun|e"
    after = _CLAUSE_CUT.split(text[end : end + 60], maxsplit=1)[0]
    for m in re.finditer(f"{_THING.pattern}|{_PERSON.pattern}", after, re.IGNORECASE):
        return bool(_THING.fullmatch(m.group(0)))
    before = _CLAUSE_CUT.split(text[max(0, start - 60) : start])[-1]
    hits = list(re.finditer(f"{_THING.pattern}|{_PERSON.pattern}", before, re.IGNORECASE))
    return bool(hits) and bool(_THING.fullmatch(hits[-1].group(0)))


def no_record_phrases(text: str) -> list[str]:
    """The creditor's words saying it has no record of an event or a document ("no record of a
    cancellation", "Eine Kündigung ist uns nicht bekannt"): the unknown-client phrases of this
    module and of the reply-kind table that ``about_a_thing`` sets apart, quoted with their
    object. Empty: none."""
    from creditctl.pipeline.extraction.reply_kind import unknown_client_matches  # it builds on this module

    norm = normalise_text(text)
    spans = [
        (m.start(), m.end()) for m in _PATTERNS["unknown"].finditer(norm) if not _negated(norm, m.start(), m.end())
    ]
    spans += unknown_client_matches(norm)
    found = []
    for start, phrase_end in sorted(set(spans)):
        if not about_a_thing(norm, start, phrase_end):
            continue
        end = _word_end(norm, phrase_end)
        after = _CLAUSE_CUT.split(norm[end : end + 60], maxsplit=1)[0]
        thing = _THING.search(after)
        words = norm[start : end + thing.end()] if thing else norm[start:end]
        if not thing:
            before = _CLAUSE_CUT.split(norm[max(0, start - 60) : start])[-1]
            last = list(_THING.finditer(before))[-1]
            words = before[last.start() :] + norm[start:end]
        found.append(" ".join(words.split()))
    return list(dict.fromkeys(found))


#: A threat: a condition, then a modal or future verb, before the enforcement word in its sentence
#: ("Indien wij … geen betaling ontvangen, kan onze opdrachtgever beslissen het dossier over te maken
#: aan een gerechtsdeurwaarder", "Sollte keine Zahlung eingehen, werden wir die Betreibung einleiten",
#: "If no payment is received, we may instruct enforcement agents"): no step taken yet.
_THREAT_CONDITION = re.compile(
    # a condition of non-payment ("Indien wij … geen betaling ontvangen", "If no payment is received",
    # "Sollte Ihr Mandant nicht zahlen"), or "otherwise" / "failing that"
    rf"(?<!\w)(?:indien|if|should|wenn|falls|sollte[n]?|sofern|si|qualora|en caso de que|om|ifall|hvis|dersom|jos|mikäli|"
    rf"jeżeli|jeśli)(?!\w)(?:[^.!?;\n]|(?<=\d)\.(?=\d)){{0,80}}?(?<!\w)(?:{NEGATIONS})(?!\w)"
    r"|(?<!\w)(?:unless|failing|otherwise|andernfalls|ansonsten|anderenfalls|widrigenfalls|anders|sinon|à défaut|faute de|"
    r"altrimenti|in mancanza|de lo contrario|en caso contrario|de no|annars|ellers|muussa tapauksessa|muuten|"
    r"w przeciwnym razie)(?!\w)",
    re.IGNORECASE,
)
_THREAT_MODAL = re.compile(
    r"(?<!\w)(?:kan|kunnen|zal|zullen|may|might|could|can|will|would|shall|kann|können|könnte|könnten|wird|werden|müssen|"
    r"müssten|müsste|behalten uns vor|reserve the right|pourra|pourrait|pourrons|peut|devrons|potrà|potrebbe|potremo|può|dovremo|"
    r"podrá|podría|podremos|puede|tendremos que|kommer (?:vi )?att|vil|voi|voimme|saattaa|joudumme|może|możemy|będziemy)(?!\w)",
    re.IGNORECASE,
)


def _threatened(norm: str, start: int, end: int) -> bool:
    """Whether the enforcement word at ``norm[start:end]`` stands in a threat: its sentence has a
    condition before it, and a modal or future verb between the condition and the word."""
    before = norm[_sentence_start(norm, start) : start]
    conditions = [m.end() for m in _THREAT_CONDITION.finditer(before)]
    return bool(conditions) and bool(_THREAT_MODAL.search(before, conditions[-1]))


#: A negation right before the last word of a phrase that spans subject to participle ("Klage
#: wurde nicht erhoben", "die Betreibung wurde noch nicht eingeleitet", "Exekution … nicht beantragt").
_NEG_BEFORE_LAST = re.compile(rf"(?<!\w)(?:{NEGATIONS})(?:\s+\w+){{0,1}}\s+\w+$", re.IGNORECASE)


def enforcement_discounted(text: str, start: int, end: int) -> bool:
    """Whether the court or enforcement phrase at ``text[start:end]`` states no step taken:
    negated in its clause or right before its participle ("Klage wurde nicht erhoben", "keine
    Betreibung eingeleitet", "Eine Exekution ist derzeit nicht beabsichtigt"), waived, not
    planned, or taken back ("Olemme perunneet ulosottohakemuksen"). For the readers outside
    this module (the reply-kind classifier, ``pipeline.safety``) that find enforcement with
    tables of their own; a threat ("we may instruct enforcement agents") is theirs to word."""
    m = re.compile(re.escape(text[start:end])).search(text, start)
    if m is None:
        return False
    return _discounted("enforcement", text, m)


def _no_step_taken(norm: str, m: re.Match[str], sentence_start: int) -> bool:
    """Whether the enforcement phrase ``m`` states no step taken: negated right before its
    participle, threatened, waived, taken back or not planned."""
    return (
        bool(_NEG_BEFORE_LAST.search(m.group(0)))
        or _cost_item(norm, m)
        or _hypothetical(norm, m, sentence_start)
        or _threatened(norm, m.start(), m.end())
        or _waived(norm[sentence_start : m.start()])
        or _withdrawn(norm, m.start(), m.end())
        or bool(_NOT_PLANNED.match(norm, m.end()))
    )


#: A court or enforcement step taken back: "die Klage wurde zurückgenommen", "we have withdrawn the
#: county court claim", "Olemme perunneet ulosottohakemuksen" (not planned: ``_NOT_PLANNED``).
_WITHDRAWN = re.compile(
    r"(?<!\w)(?:zurückgenommen|zurückgezogen|zurücknahme|rücknahme|eingestellt|withdrawn|discontinued|cancell?ed|"
    r"ingetrokken|retirée?s?|désist\w*|ritirat[oaie]|rinunciat[oaie]|retirad[oa]s?|desistid[oa]s?|desistimiento|"
    r"återkallat|återkallad|tilbagekaldt|trukket tilbage|trukket tilbake|perunneet|peruttu|peruutettu|perui\w*)(?!\w)",
    re.IGNORECASE,
)


def _withdrawn(norm: str, start: int, end: int) -> bool:
    """Whether the clause of an enforcement phrase (60 characters either side, up to a
    punctuation mark or a conjunction) says the step was taken back, as a present fact (no
    future, no condition)."""
    left = _CLAUSE_END.split(norm[max(0, start - 60) : start])[-1]
    right = _CLAUSE_END.split(norm[end : end + 60], maxsplit=1)[0]
    window = left + norm[start:end] + right
    return bool(_WITHDRAWN.search(window)) and not _FUTURE.search(window)


#: A suspension stated as over: "the hold has been lifted", "die Ruhendstellung wurde aufgehoben",
#: "de opschorting is opgeheven", "la suspension a été levée", "la sospensione è stata revocata".
_LIFTED = re.compile(
    r"(?<!\w)(?:(?:has been|have been|was|were|is now|are now) (?:lifted|ended|removed|withdrawn)|resumed|"
    r"(?:wurde|wurden|ist|sind) (?:\w+ )?(?:aufgehoben|beendet)|wieder aufgenommen|fortgesetzt|"
    r"(?:is|zijn|werd|werden) (?:\w+ )?(?:opgeheven|beëindigd)|hervat|(?:a été|ont été|est) (?:\w+ )?levée?s?|reprend\w*|"
    r"(?:è|sono) stat[oaie] (?:revocat|tolt)[oaie]|ripres[oaie]|riprend\w*|(?:ha|han) sido (?:levantad|revocad)[oa]s?|reanud\w*|"
    r"hävts|återupptag\w*|ophævet|genoptag\w*|opphevet|gjenopptatt|jatketaan|jatkuu)(?!\w)",
    re.IGNORECASE,
)
#: A future or a condition: "the hold will be lifted once the Ombudsman decides" is a hold now.
_FUTURE = re.compile(
    r"(?<!\w)(?:will|shall|once|when|until|wird|werden|sobald|sofern|wenn|bis|zodra|totdat|wanneer|dès que|quand|"
    r"une fois|sarà|quando|una volta|será|cuando|hasta que|kommer|når|när|kun)(?!\w)",
    re.IGNORECASE,
)


#: A negation inside a phrase that spans subject to verb ("la pratica non è sospesa", "Mandat
#: ist nicht beendet"); "no longer" / "nicht mehr" states the fact, it negates nothing.
_NEG_INSIDE = re.compile(
    rf"(?<!\w)(?:{NEGATIONS})(?!\w)(?!\s+(?:mehr|länger|longer|meer|langer|plus|più|más|lenger|längre|enää)\b)",
    re.IGNORECASE,
)
_SPANNING = frozenset({"suspended", "mandate_ended"})
#: Any negation inside a suspension phrase negates it: "n'est plus en suspens" (no longer pending).
_NEG_ANY = re.compile(rf"(?<!\w)(?:{NEGATIONS})(?!\w)|(?<!\w)n['’](?=\w)", re.IGNORECASE)


def _lifted(norm: str, start: int, end: int) -> bool:
    """Whether the sentence around a suspension phrase states, as a present fact, that the
    suspension is over (no future, no condition in that sentence)."""
    begin, stop = _period_sentence(norm, start, end)
    sentence = norm[begin:stop]
    return bool(_LIFTED.search(sentence)) and not _FUTURE.search(sentence)


@dataclass(frozen=True)
class LabelledFigure:
    """A money figure of a text with what its label says: ``kind`` is ``claim`` (a
    claim/balance/total word is its nearest label), ``other`` (an instalment, offer,
    payment, fee or rate word is) or ``none``; ``line``, ``sentence`` and ``clause`` (the
    sentence between commas) hold it."""

    value: Decimal
    kind: str
    #: the normalised text the figure stands in (one string shared by every figure of it) and the
    #: (begin, stop) offsets of its line, sentence and clause in it: the strings are cut when read, so
    #: the figures of a long text hold no copy of it per figure
    text: str
    line_span: tuple[int, int]
    sentence_span: tuple[int, int]
    clause_span: tuple[int, int]
    #: the figure's only label words stand right before the next figure of its clause and label that
    #: one ("… herinneringskosten van € 25,00 bedraagt het openstaand saldo € 537,30"): no label of its own
    label_of_next: bool = False

    @property
    def line(self) -> str:
        """The figure's line, stripped."""
        return self.text[self.line_span[0] : self.line_span[1]].strip()

    @property
    def sentence(self) -> str:
        """The figure's sentence (``_sentence_start`` to ``_sentence_end``)."""
        return self.text[self.sentence_span[0] : self.sentence_span[1]]

    @property
    def clause(self) -> str:
        """The figure's clause: its sentence between the commas around the figure."""
        return self.text[self.clause_span[0] : self.clause_span[1]]


def _nearest_kind(before: str, after: str) -> str:
    """``claim``/``other``/``none`` for the label words nearest to a figure (a scan's zero read for
    the letter O folded back: "0ffen per 27.11.2026")."""
    before, after = ocr_folded(before), ocr_folded(after)
    last = None  # (end, -start, other?): the nearest end wins, then the longer phrase, then "other"
    for pattern, kind in ((_CLAIM, "claim"), (_OTHER, "other")):
        for m in pattern.finditer(before):
            key = (m.end(), -m.start(), kind == "other")
            if last is None or key > last[0]:
                last = (key, kind)
    if last is not None:
        (end, neg_start, _), kind = last
        if kind == "claim" and _SUM_WORD.fullmatch(before[-neg_start:end]) and _sums_others(before[:-neg_start]):
            return "other"  # "Ontvangen op 01-10 en 03-11: totaal € 70,00": the sum of the payments named before it
        return kind
    return _first_kind_after(after)


def _first_kind_after(after: str) -> str:
    """``claim``/``other``/``none`` for the first label word after a figure; a claim word right before a
    fee or payment word is that compound's head ("the £51.80 difference is the October arrears fee",
    "Saldo Gebühr"): the fee, not the balance."""
    first = None
    for pattern, kind in ((_CLAIM, "claim"), (_OTHER, "other")):
        found = pattern.search(after)
        if found and (first is None or found.start() < first[0]):
            first = (found.start(), kind)
            if kind == "claim" and _OTHER.match(after, _skip_space(after, found.end())):
                first = (found.start(), "other")
    return first[1] if first else "none"


def _skip_space(text: str, pos: int) -> int:
    """The position of the first character at or after ``pos`` that is not a space or a hyphen."""
    while pos < len(text) and text[pos] in " -":
        pos += 1
    return pos


#: A claim word that only says "sum of": it sums whatever its clause names (payments, instalments).
_SUM_WORD = re.compile(
    r"total|totaal|totalt|insgesamt|gesamt|summe|summa|samen|zusammen|i alt|yhteensä|en tout|in tutto|en total",
    re.IGNORECASE,
)


def _sums_others(prefix: str) -> bool:
    """Whether the words before a sum word name payments/instalments last, not the claim:
    "Ontvangen …: totaal" (yes), "Nach Eingang Ihrer Zahlung beträgt die Forderung insgesamt" (no)."""
    prefix = prefix.rsplit("\n", 1)[-1]  # its own line: a table's sum row sums every row above it
    others = [m.end() for m in _OTHER.finditer(prefix)]
    claims = [m.end() for m in _CLAIM.finditer(prefix) if not _SUM_WORD.fullmatch(m.group(0))]
    return bool(others) and max(others) > max(claims, default=-1)


_ABBREVIATIONS = {
    "pr",  # "Restgæld pr. 01.12.2026": per
    "nr",
    "no",
    "az",
    "ca",
    "bzw",
    "fr",
    "hr",
    "mr",
    "ms",
    "mrs",
    "dr",
    "st",
    "vs",
    "inkl",
    "ggf",
    "usw",
    "zb",
    "ref",
    "tel",
    "vgl",
    "abs",
    "art",
    "str",
    "nl",
    "kr",
    "bv",
    "co",
    "ltd",
    "ab",
    "sa",
    "spa",
    "srl",
    "sl",
    "oy",
    "as",
    "gmbh",
    "ag",
    "kg",
    "ev",
    "mme",
    "sig",
    "sr",
    "sra",
    "lt",
    "gem",
    "zzgl",
    "abzgl",
    "bzgl",
    "ggü",
    "evtl",
    "lfd",
    # legal forms of the further languages, written with a period ("EOS Faktor Zrt. követeléskezelő …",
    # "Provident Financial Romania IFN S.R.L.", "Cofidis Lda.", "Anadolu Varlık Ltd. Şti.")
    "zrt",
    "nyrt",
    "kft",
    "bt",
    "ead",
    "eood",
    "ood",
    "lda",
    "ltda",
    "şti",
    "ifn",
    "uab",
    "sia",
}


#: Public name of the abbreviations whose period ends no sentence (``pipeline.safety_handover``).
ABBREVIATIONS = _ABBREVIATIONS


#: How far a sentence reaches from a point of it (characters, each way): a sentence longer than this
#: (a table or PDF text with no full stop) is read as the window around the point, so reading every
#: figure of a long text costs a bounded amount per figure, not the text's length (the longest sentence
#: of the labelled and tuning texts is about 2,100 characters).
SENTENCE_WINDOW = 4_000
#: A whitespace run a sentence break may spread across the window's edge (characters).
_EDGE = 100
_SENTENCE_BREAK = re.compile(r"[!?;]\s|\n\s*\n|(?<=[^\W\d_]{2})\.\s(?![ \t]*[a-zß-öø-ÿ])")
_SENTENCE_END_AT = re.compile(r"(?=[.!?;]\s|\n\s*\n)")
_WORD_END = re.compile(r"[^\W\d_]+$")


def _sentence_start(norm: str, pos: int) -> int:
    """Where the sentence holding ``pos`` begins: after ``!``/``?``/``;``, a blank line,
    or a period that ends a word of two or more letters that is no abbreviation (not
    ``Nr.``, ``Fr.``, ``1.``, ``31.10.``) and is not followed by a lower-case word (``pr.
    dags dato``, ``ca. drei``, ``approx. two``: no sentence starts in lower case); at most
    ``SENTENCE_WINDOW`` characters before ``pos`` (a text with no break there: the window's start).

    Read as if the text ended at ``pos``. The breaks of the whole text are found once
    (``_sentence_breaks``); a break tried where only white space follows up to ``pos`` can read
    past ``pos``, so from the last character before that white space on the text is read again."""
    window = max(0, pos - SENTENCE_WINDOW)
    cut = pos
    while cut > max(0, pos - _EDGE) and norm[cut - 1].isspace():
        cut -= 1
    cut -= 2  # a break tried before here reads nothing at or after pos
    starts, ends, last_valid = _sentence_breaks(norm)
    at = bisect_left(starts, cut) - 1  # the breaks that start before the cut
    begin = max(cut, ends[at]) if at >= 0 else max(cut, 0)
    found = [window, last_valid[at] if at >= 0 else 0]
    return max(found + [end for end, valid in _breaks(norm, begin, pos) if valid])


def _breaks(norm: str, begin: int, end: int) -> list[tuple[int, bool]]:
    """The sentence-break candidates found scanning ``norm[begin:end]`` as if the text ended at ``end``:
    (where each ends, whether it breaks: a period after an abbreviation does not)."""
    found = []
    for m in _SENTENCE_BREAK.finditer(norm, begin, end):
        valid = True
        if m.group(0).startswith("."):
            stripped = norm[max(0, m.start() - 63) : m.start() + 1].rstrip(". \n")
            word = _WORD_END.search(stripped)
            valid = not (word and word.group(0).lower() in _ABBREVIATIONS)
        found.append((m.end(), valid))
    return found


@lru_cache(maxsize=8)  # the texts of one email; bounded: texts can be long
def _sentence_breaks(norm: str) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """The sentence-break candidates of the whole of ``norm`` (``_sentence_start``) in order: where
    each starts, where it ends, and the end of the last one up to it that breaks (0: none)."""
    starts, ends, last_valid, last = [], [], [], 0
    for m in _SENTENCE_BREAK.finditer(norm):
        starts.append(m.start())
        ends.append(m.end())
        if not m.group(0).startswith("."):
            last = m.end()
        else:
            word = _WORD_END.search(norm[max(0, m.start() - 63) : m.start() + 1].rstrip(". \n"))
            last = last if word and word.group(0).lower() in _ABBREVIATIONS else m.end()
        last_valid.append(last)
    return tuple(starts), tuple(ends), tuple(last_valid)


def _sentence_end(norm: str, pos: int) -> int:
    """Where the sentence holding ``pos`` ends: at the next ``.``/``!``/``?``/``;`` before a space or
    blank line (``_sentence_ends``), else the text's end (before a final line break); at most
    ``SENTENCE_WINDOW`` characters after ``pos``."""
    ends = _sentence_ends(norm)
    at = bisect_left(ends, pos)
    last = len(norm) - 1 if norm.endswith("\n") and pos < len(norm) else len(norm)
    return min(ends[at] if at < len(ends) else max(pos, last), pos + SENTENCE_WINDOW)


@lru_cache(maxsize=8)  # the texts of one email; bounded: texts can be long
def _sentence_ends(norm: str) -> tuple[int, ...]:
    """Every offset of ``norm`` where a sentence end begins (a ``.``/``!``/``?``/``;`` before a space, a blank line), in order."""
    return tuple(m.start() for m in _SENTENCE_END_AT.finditer(norm))


_PARENTHESIS = re.compile(r"\([^()\n]{0,200}\)")


def _label_clause(before: str) -> str:
    """The clause of the words before a figure that labels it: a closed parenthesis
    ("Schlussrechnung (Gas, Lindauer Str. 40)") and what a total includes ("inkl.
    Mahngebühren", "including interest and fees") are left out, and the words of a
    parenthesis that closes here (opened before the previous figure); then the text after
    the last comma."""
    before = _PARENTHESIS.sub(" ", before)
    close = before.rfind(")")
    if close >= 0 and "(" not in before[:close]:
        before = before[close + 1 :]  # "(Mietzins … 612,00 monatlich) einschließlich …": its words end there
    opened = before.rfind("(")
    inside = before[opened + 1 :].strip(" :")
    if opened >= 0 and re.search(r"[^\W\d_]{3}", inside):
        # "Beitragsrückstand (Monatsbeitrag derzeit 231,86 €)": the bracket's words name it; a bare
        # sum word sums what the bracket follows ("Zahlungen (insgesamt 300,00 EUR)")
        before = before[:opened] if _SUM_WORD.fullmatch(inside) else before[opened + 1 :]
    return re.split(r",\s", INCLUSIVE_RE.sub(" ", before))[-1]


#: A figure per period is a rate, not a balance: "EUR 0,19 pro Tag", "£4.50 per month", "3,20 € par jour".
_PER_PERIOD = re.compile(
    r"^\s*(?:€|eur|euro|£|gbp|chf|kr\.?|sek|dkk|nok)?\s*(?:(?:pro|per|je|a|an?|par|al|por|om|pr\.?|i)\s+(?:tag|day|dag|dygn|jour|giorno|día|päivä|monat|month|maand|mois|mese|mes|"
    r"månad|måned|kuukausi|woche|week|semaine|settimana|semana|vecka|uge|uke|jahr|year|jaar|an|anno|año|år|vuosi)\b"
    r"|(?:täglich|daily|dagelijks|quotidien|al dì|diario|dagligen|monatlich|monthly|maandelijks|mensuel|mensile|mensual)\b)",
    re.IGNORECASE,
)


#: Between the last addend and the result of a written sum: "… 5,00 € = 491,30 €".
_EQUALS = re.compile(
    r"\s*(?:€|eur|chf|gbp|£|\$|usd|sek|dkk|nok|kr\.?)?\s*=\s*(?:€|eur|chf|gbp|£|\$|usd|sek|dkk|nok|kr\.?)?\s*", re.I
)


def _equation_result(norm: str, tokens: Sequence[NumberToken], i: int, line_start: int) -> bool:
    """Whether figure ``i`` follows an "=" after the figures before it on its line, and
    those figures add up to it exactly ("486,30 € + Mahnkosten 5,00 € = 491,30 €")."""
    if i == 0 or not _EQUALS.fullmatch(norm[tokens[i - 1].end : tokens[i].start]):
        return False
    addends: list[Decimal] = []
    for j in range(i - 1, -1, -1):  # the figures of its line: they stand right before it, in text order
        before = tokens[j]
        if before.start < line_start:
            break
        if before.value is not None:
            addends.append(before.value)
    value = tokens[i].value
    return len(addends) >= 2 and value is not None and sum(addends, Decimal("0.00")) == value


def _label_words(before_all: str) -> str:
    """The label words of a figure from the words before it in its sentence: its clause
    (``_label_clause``), or, when that names nothing, the sentence's words across
    appositions: "Beitragsrückstand Herr W. Maier, Police LV-3300918-2, per 01.12.2026:
    452,00 EUR", "Die Forderung besteht weiterhin, aktuell in Höhe von 301,90 €"."""
    before = _label_clause(before_all)
    if _CLAIM.search(before) or _OTHER.search(before):
        return before
    wide = _PARENTHESIS.sub(" ", before_all)
    close = wide.rfind(")")
    wide = INCLUSIVE_RE.sub(" ", wide[close + 1 :] if close >= 0 and "(" not in wide[:close] else wide)
    return wide if _CLAIM.search(wide) or _OTHER.search(wide) else before


#: An instalment or offer whose figure changes is no claim: "Die Rate wurde von 50,00 € auf 40,00 € reduziert".
_PLAN = re.compile(
    r"\b(?:\w*rate\w*|raten\w*|instal\w*|termijn\w*|mensualit\w*|rat[ae]|cuota\w*|avbetalning\w*|afdrag\w*|avdrag\w*|"
    r"angebot\w*|offer\w*|vergleich\w*|abschlag\w*)\b",
    re.IGNORECASE,
)
#: "… von 845,00 € auf 872,50 € erhöht", "from £845.00 to £872.50": the words between and after.
_CHANGED_TO = re.compile(r"\s*(?:€|eur|£|gbp|chf)?\s*(?:auf|to|naar|op|à|a|till|til|en)\s*", re.IGNORECASE)
_CHANGE_VERB = re.compile(
    r"^\s*(?:€|eur|£|gbp|chf)?\s*(?:\w+\s+){0,2}?(?:erhöht|gestiegen|angestiegen|reduziert|verringert|gesunken|geändert|"
    r"increased|risen|gone up|reduced|decreased|fallen|changed|gestegen|verhoogd|verlaagd|gedaald|augmenté|passé|diminué|"
    r"aumentat[oa]|passat[oa]|ridott[oa]|aumentado|pasado|reducido|ökat|minskat|steget|faldet|øket)\b",
    re.IGNORECASE,
)


def _aside_free(norm: str, s_start: int, prev_start: int, start: int, prev_end: int) -> str:
    """The words before a figure from the previous figure (or its sentence start) on; when
    the previous figure stands in an aside between dashes that closes before this one ("der
    Saldo beläuft sich – nach Eingang Ihrer Zahlung über 50,00 € – auf 352,15 €") or in
    brackets, the sentence's words with the aside left out."""
    segment = norm[s_start:start]
    for m in ASIDE_RE.finditer(segment):
        if m.start() < prev_start - s_start < m.end():
            return segment[: m.start()] + " " + segment[m.end() :]
    for m in INCLUSIVE_RE.finditer(segment) if _TIME_ONLY.match(norm[prev_end:start]) else ():
        # "Der Rückstand beträgt einschließlich eines Säumniszuschlags von 8,00 Euro derzeit 385,86 Euro": the
        # part named with its figure, then only a time word: the sentence's words name this figure
        if segment[m.end() : prev_start - s_start].strip() == "":
            return segment[: m.start()] + " " + norm[prev_end:start]
    for m in _BRACKET_ASIDE.finditer(segment):
        # only in this figure's own sentence, and when no other figure stands before the brackets: their
        # words name this one alone
        own_sentence = not re.search(r"[.!?;:]\s", segment[m.end() :])
        if m.start() < prev_start - s_start < m.end() and own_sentence and not money_tokens(segment[: m.start()]):
            return segment[: m.start()] + " " + segment[m.end() :]
    return norm[max(prev_end, s_start) : start]


#: Only the currency and a time word between an included part's figure and the next figure.
_TIME_ONLY = re.compile(
    r"^\s*(?:€|eur|euro|chf|£|gbp)?\s*(?:derzeit|aktuell|insgesamt|nunmehr|jetzt|heute|momentan|currently|now)?\s*$",
    re.IGNORECASE,
)


#: An aside in brackets that closes before the figure: "le solde débiteur du prêt (montant initial
#: 5 000,00 €, mensualité 142,18 €) s'élève à 2 541,12 €" — the words around it name the figure.
_BRACKET_ASIDE = re.compile(r"\([^()\n]{1,160}\)")


def _figure_kind(sentence_before: str, before: str, after: str) -> str:
    """The label kind of one figure from its words: a rate per period after it ("… pro Monat"), a past
    "amounts to" after it ("… 3.580,00 EUR betrug") or a percentage's base before it ("10 % des Regelbedarfs (563,00 €)") is ``other``; else
    the nearest label word decides."""
    if _PER_PERIOD.match(after) or PERCENT_BASE_RE.search(sentence_before) or PAST_AFTER_RE.match(after):
        return "other"  # "… 3.580,00 EUR betrug": a balance of the past
    return _nearest_kind(AFTER_PAYMENT_RE.sub(" ", before), after)


#: A past verb of a figure's label: the figure as it was ("il debito era di", "die Forderung betrug", "the balance was").
_PAST_VERB = re.compile(
    r"(?<!\w)(?:war|waren|betrug|betrugen|belief|beliefen|was|were|amounted|stood|bedroeg|bedroegen|était|étaient|"
    r"s'élevait|era|erano|ammontava|ascendía|ascendia|var|uppgick|udgjorde|utgjorde|oli)(?!\w)",
    re.IGNORECASE,
)
#: Payments named as the reason of the change ("dopo i versamenti di ottobre e novembre", "after the October and
#: November payments", "nach den Zahlungen im Oktober", "tras los pagos de octubre"): no label of the figure after them.
_AFTER_PAYMENTS = re.compile(
    r"(?<!\w)(?:nach|after|na|après|dopo|tras|após|efter|etter)\s+(?:[^\W\d_]+\s+){0,4}?"
    r"\w*(?:zahlung|payment|betaling|paiement|versement|pagament|pago|versament|betalning|indbetaling|innbetaling|inbetalning)\w*"
    r"(?:\s+(?:d'|de|des|del|di|of|im|in|i|van|vom|from|von)\s*[^\W\d_]+(?:\s+(?:e|and|und|et|y|en|og|och)\s+[^\W\d_]+)?)?",
    re.IGNORECASE,
)
#: A "now" word right before a figure (a few words between: "ora è di", "jetzt sind es noch", "it is now", "elle est
#: maintenant de", "ahora es de", "is deze nu", "é agora de", "är den nu").
_NOW_END = re.compile(
    r"(?<!\w)(?:jetzt|nunmehr|inzwischen|mittlerweile|now|nu|thans|inmiddels|maintenant|désormais|à présent|ora|adesso|"
    r"ahora|agora|nå|nyt)(?!\w)(?:\s+[^\W\d_']+){0,3}\s*:?\s*(?:€|eur|euro|£|gbp|chf|kr\.?|sek|dkk|nok)?\s*$",
    re.IGNORECASE,
)


def _claim_by_structure(norm: str, tokens: Sequence[NumberToken], i: int, line_start: int) -> bool:
    """Whether figure ``i`` is the claim by the sentence's structure, whatever its nearest label: the result of a
    sum written out ("486,30 € + Mahnkosten 5,00 € = 491,30 €", ``_equation_result``) or the claim's figure now
    after the figure as it was ("il debito era di € 820,00; … ora è di € 595,00", ``_then_now``)."""
    return _equation_result(norm, tokens, i, line_start) or _then_now(norm, tokens, i)


def _then_now(norm: str, tokens: Sequence[NumberToken], i: int) -> bool:
    """Whether figure ``i`` is the claim's figure now after the figure as it was, in one sentence: the previous
    figure's own words name the claim with a past verb ("il debito era di € 820,00", "die Forderung betrug
    820,00 €"), and only a "now" word stands before this one — the payments that changed it aside ("…; dopo i
    versamenti di ottobre e novembre ora è di € 595,00"), no other label ("the monthly instalment is now"), no
    sentence end."""
    if i == 0:
        return False
    prev = tokens[i - 1]
    between = norm[prev.end : tokens[i].start]
    if "\n\n" in between or re.search(r"[.!?]\s", between):
        return False
    own = norm[max(tokens[i - 2].end if i >= 2 else 0, _sentence_start(norm, prev.start)) : prev.start]
    if not (_CLAIM.search(own) and _PAST_VERB.search(own)):
        return False
    rest = _AFTER_PAYMENTS.sub(" ", between)
    return not _OTHER.search(rest) and bool(_NOW_END.search(rest))


def _labels_the_next(tokens: Sequence[NumberToken], i: int, next_start: int, before: str, after: str) -> bool:
    """Whether figure ``i``'s only label words are those after it that run on to the next figure of its
    line with no clause break ("… herinneringskosten van € 25,00 bedraagt het openstaand saldo € 537,30"):
    no label words before it and no predicate right after it ("1.200,00 € offen und …")."""
    return (
        i + 1 < len(tokens)
        and next_start == tokens[i + 1].start
        and tokens[i].end + len(after) == next_start
        and not (_CLAIM.search(before) or _OTHER.search(before))
        and not _OWN_PREDICATE.match(after)
    )


#: A predicate right after a figure names that figure ("1.200,00 € offen und der Saldo …", "£80.00 due"),
#: whatever follows it.
_OWN_PREDICATE = re.compile(
    r"^\s*(?:€|eur|euro|chf|fr\.|£|gbp|kr\.?|sek|dkk|nok|pln|zł)?\s*(?:sind |ist |is |are |remain |bleiben )?(?:"
    + LABEL_RES["predicate"].pattern.removeprefix("(?<!\\w)")
    + ")",
    re.IGNORECASE,
)


#: A word naming one instalment of a payment plan (de/en/nl/fr/it/es/Nordic/fi): "monatliche Rate",
#: "Monatsrate", "monthly instalment", "maandtermijn", "mensualité", "échéance mensuelle", "rata
#: mensile", "cuota mensual", "månadsbetalning", "afdrag", "avdrag", "maksuerä".
INSTALMENT_RE = re.compile(
    r"\b(?:\w*raten?|ratenzahlung\w*|instal?ments?|monthly (?:payment|repayment)s?|\w*termijn(?:en|bedrag)?|"
    r"aflossing\w*|mensualit[ée]s?|échéances? mensuelles?|rat[ae](?: mensil[ei])?|cuotas?(?: mensual\w*)?|"
    r"månadsbetalning\w*|avbetalning\w*|afdrag\w*|avdrag\w*|\w*maksuer\w*|\w*erä)\b",
    re.IGNORECASE,
)
_NOT_INSTALMENT = re.compile(r"\b(?:zins\w*|interest rate|taux|tasso|tipo de interés|rente\w*|korko)\b", re.IGNORECASE)


def stated_instalments(text: str) -> tuple[Decimal, ...]:
    """The figures of ``text`` whose own clause names one instalment of a payment plan
    (``INSTALMENT_RE``, not an interest rate) and no claim word (not "Die Restforderung beträgt
    nach Eingang der Raten noch 1.905,00 Euro"): "monatliche Rate von 40,00 EUR",
    "monthly instalment of £40.00", "maandtermijn van € 40,00" give ``(Decimal("40.00"),)``;
    in order, each value once; ``()`` when none, and when the text names no instalment. A long text
    costs its length (``labelled_figures`` reads each figure within ``SENTENCE_WINDOW``)."""
    if not INSTALMENT_RE.search(text):
        return ()
    found: dict[Decimal, None] = {}
    for f in labelled_figures(text):
        clause = f.clause
        if (
            f.kind != "claim"
            and INSTALMENT_RE.search(clause)
            and not (_NOT_INSTALMENT.search(clause) or _CLAIM.search(clause))
        ):
            found.setdefault(f.value.quantize(Decimal("0.01")), None)
    return tuple(found)


FIGURES_SEEN_MAX = 4
"""How many figures ``figures_seen`` names at most (a hold reason, not a statement)."""


def figures_seen(text: str) -> tuple[tuple[Decimal, str], ...]:
    """The money figures of ``text`` (``labelled_figures``) as ``(value, kind)`` pairs, value
    at 2 decimal places, ``kind`` ``claim`` (a claim/balance/total word labels it) or
    ``other`` (an instalment, offer, payment, fee or rate word does, or none): each value
    once, in order, at most ``FIGURES_SEEN_MAX`` (``labelled_figures`` reads each figure within a
    window, so a long break-free table costs linear work). It only words a hold's reason (what was
    found when no total was taken: ``gate``), never decides one."""
    found: dict[Decimal, str] = {}
    for f in labelled_figures(text):
        value = f.value.quantize(Decimal("0.01"))
        if value not in found:
            found[value] = "claim" if f.kind == "claim" else "other"
        if len(found) == FIGURES_SEEN_MAX:
            break
    return tuple(found.items())


def labelled_figures(text: str) -> list[LabelledFigure]:
    """Every money figure of ``text`` (``safety_text.money_tokens``) with its label kind:
    the label words between the previous figure (or the sentence or clause start) and this
    one, else the words after it up to the next figure or the clause end. A figure whose
    label holds a settlement phrase (``reduzierten Betrag``) is ``other``. A new list each
    call (the figures of one text are read once and kept, ``_labelled_figures``)."""
    return list(_labelled_figures(text))


@lru_cache(maxsize=64)  # a few texts per email; bounded: texts can be long
def _labelled_figures(text: str) -> tuple[LabelledFigure, ...]:
    """``labelled_figures``' figures, memoised: the safety layer's checks read the figures of
    the same texts several times per email (docs/worker-performance.md, "Round 5")."""
    norm = normalise_text(text)
    tokens = money_tokens(norm)
    figures = []
    prev_before = ""
    for i, tok in enumerate(tokens):
        if tok.value is None:  # never: money_tokens keeps valued tokens only
            continue
        line_start, line_end = _line_span(norm, tok.start, tok.end)
        prev_end = tokens[i - 1].end if i else 0
        next_start = min(line_end, tokens[i + 1].start if i + 1 < len(tokens) else line_end)
        s_first = _sentence_start(norm, tok.start)
        before = _label_words(_aside_free(norm, s_first, tokens[i - 1].start if i else -1, tok.start, prev_end))
        after = re.split(r"[.!?;,]\s|\n", norm[tok.end : next_start], maxsplit=1)[0]
        kind = _figure_kind(norm[s_first : tok.start], before, after)
        label_of_next = kind == "claim" and _labels_the_next(tokens, i, next_start, before, after)
        if _claim_by_structure(norm, tokens, i, line_start):
            kind = "claim"
        if _CHANGED_TO.fullmatch(before) and _CHANGE_VERB.match(after) and not _PLAN.search(prev_before):
            kind = "claim"  # "von 845,00 € auf 872,50 € erhöht": the new figure (not "Rate von 50 auf 40")
        prev_before = before
        if kind == "claim" and find_phrases("settlement", before):
            kind = "other"  # "a reduced amount of", "Vergleichsbetrag": an offer's figure, not the claim
        s_end = _sentence_end(norm, tok.end)
        if kind != "claim" and offer_object(before, norm[tok.end : s_end]):
            kind = "claim"  # "in full and final settlement of the balance of £1,318.60": what the offer settles
        clause = _clause_span(norm, s_first, tok.start, s_end)
        figures.append(
            LabelledFigure(abs(tok.value), kind, norm, (line_start, line_end), (s_first, s_end), clause, label_of_next)
        )
    return tuple(figures)


_CLAUSE_BREAK = re.compile(r",\s")


def _clause_span(norm: str, begin: int, at: int, stop: int) -> tuple[int, int]:
    """(begin, stop) of the clause of ``norm`` holding offset ``at`` within its sentence
    ``norm[begin:stop]``: from the last comma before it to the first after it."""
    commas_before = [m.end() for m in _CLAUSE_BREAK.finditer(norm, begin, at)]
    comma_after = _CLAUSE_BREAK.search(norm, at, stop)
    return (commas_before[-1] if commas_before else begin), (comma_after.start() if comma_after else stop)


def _line_span(norm: str, start: int, end: int) -> tuple[int, int]:
    """(begin, stop) of the line of ``norm`` holding ``norm[start:end]``, at most
    ``SENTENCE_WINDOW`` characters each way (a longer line is read as that window)."""
    low, high = max(0, start - SENTENCE_WINDOW), min(len(norm), end + SENTENCE_WINDOW)
    begin = norm.rfind("\n", low, start)
    stop = norm.find("\n", end, high)
    return (low if begin < 0 else begin + 1), (high if stop < 0 else stop)


# the checks --------------------------------------------------------------------------------


def _quote(words: list[str]) -> str:
    return ", ".join(repr(w) for w in dict.fromkeys(words))


#: A dispute-table phrase that only says the creditor is still checking or looking into the
#: matter (de/en/nl/fr/it/es), without contesting it: "wird derzeit geprüft", "we are looking
#: into", "in behandeling", "en cours d'examen", "in fase di verifica", "en revisión". Matched
#: whole against one phrase as found (``is_checking``); a phrase naming an objection, a
#: complaint or a rejection is not one, so real disputes stay disputes.
CHECKING_RE = re.compile(
    r"prüfen (?:\w+ )?(?:derzeit|gerade|noch)|in (?:der )?(?:prüfung|klärung)|"
    r"bis (?:die|zur|zum) (?:prüfung|klärung|abschluss)\w*|prüfung (?:ist )?(?:noch )?nicht abgeschlossen|"
    r"(?:[^.\n]{0,80} )?(?:wird|werden) [^.\n]{0,80}(?:geprüft|überprüft|untersucht|abgeglichen)|"
    r"nach abschluss (?:der|unserer|einer) (?:\w*prüfung|klärung|untersuchung)|"
    r"(?:is |are )?being (?:checked|reviewed|audited|reconciled|verified|investigated|looked into)|"
    r"under (?:investigation|review)|we are (?:currently |still )?(?:investigating|looking into|reviewing|checking)|"
    r"(?:once|when|until|after) (?:the|our) (?:review|audit|investigation|reconciliation) (?:is|has been) complet\w*|"
    r"in onderzoek|wordt (?:nog )?onderzocht|wordt [^.\n]{0,40}(?:gecontroleerd|nagekeken|uitgezocht)|(?:is|wordt|zijn|worden) (?:\w+ ){0,2}in behandeling|"
    r"na afronding van (?:het|ons|de) (?:onderzoek|controle)|"
    r"en cours d'(?:examen|instruction|analyse)|en cours de vérification|à l'issue de (?:la|notre) (?:vérification|enquête)|"
    r"in (?:fase |corso )?(?:di )?verifica|al termine (?:della|delle) (?:verifica|verifiche)|"
    r"en (?:revisión|estudio)|estamos revisando|en proceso de (?:revisión|verificación)|"
    r"una vez (?:finalizada|concluida) la (?:revisión|verificación)",
    re.IGNORECASE,
)
CHECKING_LABEL = "the creditor is still checking the claim; no current figure yet"
"""The reason of a reply that only says the creditor is still checking (never "a dispute")."""


#: The client's objection, complaint or return the creditor is examining: checking it is a
#: dispute after all (the claim is contested, the creditor has not decided yet).
OBJECTION_RE = re.compile(
    r"\b(?:einwendung\w*|einw[aä]nd\w*|reklamation\w*|reklamiert|beschwerde\w*|widersp\w*|retourniert|"
    r"zurückgeschickt|zurückgesandt|bezwaar\w*|klacht\w*|complain\w*|objection\w*|disput\w*|"
    r"réclamation\w*|contest\w*|plainte\w*|reclam[oi]|ricors[oi]|reclamaci[oó]n\w*|queja\w*|impugn\w*)\b",
    re.IGNORECASE,
)


def names_objection(text: str) -> bool:
    """Whether ``text`` names an objection, complaint or return by the client (``OBJECTION_RE``)."""
    return OBJECTION_RE.search(text) is not None


def is_checking(phrase: str) -> bool:
    """Whether one dispute-table phrase, as found, only says the creditor is still checking
    the matter (``CHECKING_RE``) rather than contesting it."""
    return CHECKING_RE.fullmatch(" ".join(phrase.split())) is not None


def _dispute_reason(words: list[str], text: str) -> str:
    """The reason for the dispute table's ``words`` in ``text``: checking only, and no
    objection of the client named (``names_objection``) → ``CHECKING_LABEL``; else a dispute
    naming the contesting words (all of them when only the checking of an objection is)."""
    contest = [w for w in words if not is_checking(w)]
    if not contest and not names_objection(text):
        return f"{CHECKING_LABEL} ({_quote(words)}): a person decides"
    return f"the reply disputes, contests or rejects ({_quote(contest or words)}): a person decides"


#: The creditor is still checking and will come back (read39): a reply that says only this states no claim
#: yet ("wir prüfen den Vorgang und melden uns", "we are looking into this and will revert", "nous revenons
#: vers vous", "vi faremo sapere", "wij komen hierop bij u terug", "nos pondremos en contacto con ustedes",
#: "vi vender tilbage", "vi återkommer"). It words a hold's reason only (``gate``), never decides one.
COME_BACK_PHRASES: dict[str, str] = {
    "de": r"(?:wir )?melden uns (?:\w+ ){0,3}?(?:wieder|erneut|bei ihnen|zeitnah|umgehend|schnellstmöglich|baldmöglichst|"
    r"unaufgefordert|in kürze)|(?:wir )?melden uns(?= *(?:[.!\n]|$))|(?:kommen|werden) (?:\w+ ){0,3}?(?:auf sie |darauf )?"
    r"zurückkommen|kommen {_W}{0,60}?(?:auf sie|darauf|auf ihr schreiben) zurück|erhalten sie (?:\w+ ){0,3}?(?:weitere )?"
    r"(?:nachricht|rückmeldung|antwort|bescheid)|(?:sie hören|hören sie) (?:\w+ ){0,2}?von uns|(?:wir )?(?:prüfen|klären) "
    r"(?:den vorgang|die angelegenheit|ihr (?:anliegen|schreiben)|den sachverhalt|die sache)",
    "en": r"(?:will|'ll|shall) (?:\w+ ){0,2}?(?:revert|get back to you|come back to you|be in touch|update you|respond shortly)|"
    r"(?:are|am|'re) (?:currently |still )?(?:looking into|investigating|checking|reviewing) (?:this|the matter|your "
    r"(?:letter|request|enquiry|inquiry|query)|it)",
    "nl": r"(?:komen|kom) (?:wij |we )?{_W}{0,60}?(?:bij u |hierop |daarop )terug|(?:laten|laat) u (?:\w+ ){0,2}?weten|"
    r"(?:onderzoeken|bekijken|controleren) (?:dit|de zaak|uw verzoek|het dossier)",
    "fr": r"(?:revenons|reviendrons) (?:\w+ ){0,2}?vers vous|vous (?:tiendrons informée?s?|recontacterons)|"
    r"(?:examinons|étudions|vérifions) (?:votre (?:demande|dossier|courrier)|le dossier|la situation)",
    "it": r"(?:vi|le|ti) (?:faremo|farò|faremo quanto prima) sapere|(?:vi |la )?(?:ricontatteremo|aggiorneremo)|"
    r"daremo (?:un )?riscontro|stiamo (?:verificando|esaminando|controllando)",
    "es": r"(?:nos )?(?:pondremos|volveremos a poner(?:nos)?) en contacto|(?:les|le) (?:informaremos|mantendremos informad[oa]s?|"
    r"responderemos)|estamos (?:revisando|verificando|estudiando|analizando)",
    "pt": r"(?:entraremos|voltaremos a entrar) em contacto|estamos (?:a verificar|a analisar|verificando|analisando)|"
    r"daremos (?:uma )?resposta",
    "da": r"vender tilbage|vi undersøger (?:sagen|det|dette)",
    "no": r"kommer tilbake (?:til (?:deg|dere|dem)|med svar)|vi undersøker (?:saken|dette|det)",
    "sv": r"återkommer|vi undersöker (?:ärendet|saken|detta)",
    "fi": r"palaamme asiaan|selvitämme asiaa",
    "pl": r"wrócimy do (?:sprawy|państwa)|odpowiemy|sprawdzamy (?:sprawę|to)",
}
_COME_BACK = compile_prefiltered(_table_source(COME_BACK_PHRASES), re.IGNORECASE, "a-ehk-prstvw'åé", ())


def come_back_phrases(text: str) -> list[str]:
    """The phrases of ``text`` saying the creditor is still checking and will come back
    (``COME_BACK_PHRASES``), not negated in their clause; empty list: none."""
    norm = unwrapped(normalise_text(text))
    return [match_excerpt(m) for m in _COME_BACK.finditer(norm) if not _negated(norm, m.start(), m.end())]


def final_statement_phrases(text: str) -> list[str]:
    """The phrases of ``text`` saying the creditor's final statement or account is still to come
    (``FINAL_STATEMENT_TO_FOLLOW``), not negated in their clause; empty list: none."""
    norm = unwrapped(normalise_text(text))
    return [match_excerpt(m) for m in _FINAL_STATEMENT.finditer(norm) if not _negated(norm, m.start(), m.end())]


def _provisional_reasons(own_all: str, label: str) -> list[str]:
    """The provisional concern's reasons: ``FINAL_STATEMENT_REASON`` quoting the final statement still
    to come, and ``label``'s reason for the other provisional words (a wait phrase overlapping the final
    statement's words is the same statement, said once)."""
    norm = unwrapped(normalise_text(own_all))
    finals = [m for m in _FINAL_STATEMENT.finditer(norm) if not _negated(norm, m.start(), m.end())]
    others = [
        match_excerpt(m)
        for m in phrase_matches("provisional", normalise_text(own_all))
        if not any(m.start() < f.end() and f.start() < m.end() for f in finals)
    ]
    reasons = (
        [f"{FINAL_STATEMENT_REASON} ({_quote([match_excerpt(f) for f in finals])}): a person decides"] if finals else []
    )
    if others:
        reasons.append(f"{label} ({_quote(others)}): a person decides")
    return reasons


def contradiction_reasons(own_all: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """Reasons for wording of a kind never applied in ``own_all`` (dispute, sold,
    enforcement, client unknown); ``skip``: concerns already reported elsewhere."""
    labels = {
        "dispute": "the reply disputes, contests or rejects",
        "sold": "the reply says the claim was sold, assigned or transferred to a new holder",
        "enforcement": "the reply names court, bailiff or enforcement action",
        "unknown": "the reply says the client or the claim is unknown",
        "written_off": "the reply says the claim was written off or is no longer pursued",
        "insolvency": "the reply names an insolvency or collective debt procedure",
        "suspended": "the reply says collection is suspended or the matter is before an ombudsman or arbitration body",
        "which": "the reply cannot tell which client or claim is meant",
        "mandate_ended": "the sender says it no longer acts for the creditor (mandate ended, file returned)",
        "pending": "the reply names a complaint, appeal, ombudsman or court case still pending, or a figure awaiting its outcome",
        "provisional": "the reply says the figure is provisional, estimated or not confirmed yet",
    }
    reasons = []
    for concern, label in labels.items():
        if concern in skip:
            continue
        words = find_phrases(concern, own_all)
        if words and concern == "provisional":
            reasons.extend(_provisional_reasons(own_all, label))
        elif words and concern == "dispute":
            reasons.append(_dispute_reason(words, own_all))
        elif words:
            reasons.append(f"{label} ({_quote(words)}): a person decides")
    things = no_record_phrases(own_all)
    if things:  # not an unknown client: the creditor knows the client and the claim
        reasons.append(
            f"the reply says the creditor has no record of a payment, cancellation or letter ({_quote(things)}): "
            "a person checks it with the client"
        )
    return reasons


def conditional_reasons(own_all: str, total: Decimal) -> list[str]:
    """Reasons when the reply makes a figure valid only on a condition (paid by a date) or
    calls it discounted, and that figure may be ``total``: the condition's sentence states
    ``total`` or no money figure at all ("This amount is only valid if paid by 15 December").
    A condition whose sentence names only other figures qualifies those (an offer of
    £800.00 "if paid by 31 December" beside the current balance)."""
    norm = normalise_text(own_all)
    words = []
    for m in phrase_matches("conditional", norm):
        sentence = _sentence_of(norm, m.start(), m.end())
        values = {abs(t.value) for t in money_tokens(sentence) if t.value is not None}
        if values and abs(total) not in values:
            continue
        if not values and _qualifies_the_plans_figure(sentence, norm, total):
            continue
        words.append(m.group(0))
    if not words:
        return []
    return [
        f"the reply says the figure is valid only on a condition (paid by a date) or discounted ({_quote(words)}): "
        "a person decides"
    ]


#: The plan's or settlement's own figure as the subject of a condition: "Der Vergleichsbetrag gilt nur bei vollständiger
#: Erfüllung", "The plan amount is only valid while the payments are kept up", "L'importo del piano vale solo se …",
#: "Le montant de l'échéancier n'est valable que si …", "El importe del plan solo es válido si …", "Het regelingsbedrag
#: geldt alleen …", "Forligsbeløbet gælder kun …", "Planbeloppet gäller endast …" (read33).
_PLAN_FIGURE = re.compile(
    r"\b(?:(?:der |den |dem )?(?:vergleichs|plan|raten(?:plan|vergleich)s?)betrag\w*|the (?:plan|settlement|arrangement) "
    r"(?:amount|figure|sum)|(?:het )?(?:regelings|schikkings|akkoord)bedrag|le montant (?:du plan|de l'échéancier|"
    r"transactionnel|du protocole)|l'importo (?:del piano|a saldo e stralcio|dell'accordo)|el importe (?:del plan|del acuerdo)|"
    r"forligsbeløb\w*|planbelopp\w*|förlikningsbelopp\w*|forliksbeløp\w*|afdragsbeløb\w*)",
    re.IGNORECASE,
)


def _qualifies_the_plans_figure(sentence: str, norm: str, total: Decimal) -> bool:
    """Whether a condition's sentence without a figure names the plan's own figure as what it qualifies, while the
    reply states that figure apart from ``total`` (a figure named by a plan or instalment word) and labels ``total``
    as the claim: "Gesamtforderung (ohne Vergleich) 6.120,00 / Gemäss Ratenvergleich noch zu leisten 3.150,00 / Der
    Vergleichsbetrag gilt nur bei … Erfüllung" — the condition is the plan's, the full claim stands."""
    if not _PLAN_FIGURE.search(sentence):
        return False
    figures = labelled_figures(norm)
    others = [f for f in figures if f.value != abs(total) and f.kind == "other"]
    own = [f for f in figures if f.value == abs(total)]
    return bool(others) and bool(own) and all(f.kind == "claim" for f in own)


#: The sender itself acquired the claim and holds it now (a debt buyer, a creditor that took a
#: file back): "wir haben die Forderung … von der Globus Versand GmbH erworben", "we purchased the
#: account from Thistle Card", "is ook de premie van oktober aan ons overgedragen", "we have
#: recalled the account from Brookfield", "(angekauft am 01.06.2025)". First person or the
#: buyer's own words only.
#: A gap inside one sentence of an acquisition: abbreviations and dates do not end it ("Nr. QK-1",
#: "geb. 30.06.1968, im März 2024 … erworben").
_G = r"(?:[^.!?\n]|\.(?=\S)|\.(?= \d)|\.(?= [a-zäöüß]))"
_OWN_ACQUISITION = prefiltered(
    re.compile(
        r"(?<!\w)(?:"
        r"wir (?:haben|hatten)\b{_G}{0,160}?\b(?:erworben|angekauft|gekauft|übernommen|zurückgeholt|zurückgerufen)|"
        r"(?:haben|hatten) wir\b{_G}{0,160}?\b(?:erworben|angekauft|gekauft|übernommen)|"
        r"wir sind (?:\w+ ){0,3}(?:inhaber(?:in)?|eigentümer(?:in)?|gläubiger(?:in)?) der forderung|"
        r"(?:angekauft|erworben) am \d+|(?:bei|seit|nach dem|zum zeitpunkt des) (?:forderungs)?ankauf\w*|an uns (?:abgetreten|verkauft|übertragen)|"
        r"we (?:have |had )?(?:purchased|acquired|bought|recalled|took (?:over|back))\b|(?:purchased|acquired|bought) by us|"
        r"we (?:are|became|have become) (?:now )?the (?:\w+ )?(?:owner|holder|creditor)s? of|(?:assigned|sold|transferred) to us|"
        r"(?:wij|we) hebben\b{_G}{0,160}?\b(?:gekocht|overgenomen|verworven|teruggehaald)|aan ons (?:overgedragen|gecedeerd|verkocht)|"
        r"nous avons\b{_G}{0,160}?\b(?:acquis|racheté|achetée?|repris)|(?:cédée?|vendue?|transférée?) à nous|"
        r"abbiamo\b{_G}{0,160}?\b(?:acquistato|acquisito|rilevato)|(?:ceduto|ceduta) a noi|"
        r"hemos\b{_G}{0,160}?\b(?:adquirido|comprado)|(?:cedid|transferid)[oa] a nosotros|"
        r"(?:adquirimos|comprámos|compramos)\b|"
        r"vi har\b{_G}{0,160}?\b(?:köpt|förvärvat|övertagit|købt|erhvervet|overtaget|opkøbt|kjøpt|ervervet|overtatt)|"
        r"(?:överlåten|överlåtits|overdraget|overdratt) till? (?:oss|os)|"
        r"(?:olemme|ostimme)\b{_G}{0,160}?\b(?:ostaneet|hankkineet)|siirtyi meille|siirretty meille|"
        r"(?:nabyliśmy|kupiliśmy)"
        r")(?!\w)".replace("{_G}", _G),
        re.IGNORECASE,
    ),
    "abcehknopstvwzö",
)


@lru_cache(maxsize=256)
def acquisition_phrase(text: str) -> str | None:
    """The phrase of ``text`` saying the sender itself acquired or took back the claim
    (``_OWN_ACQUISITION``, not negated) — a debt buyer or a recalling creditor writing as the
    holder now; None: none. The holder of record changed, so such a reply holds like any sale or
    assignment with the new holder named (docs/evaluation.md, "Sold and assigned claims"): a
    person records the new holder before any figure of it is applied. Pure; the text as written
    or normalised."""
    for m in _OWN_ACQUISITION.finditer(text):
        if not _negated(text, m.start(), m.end()) and not _NEG_ANY.search(m.group(0)):
            return match_excerpt(m)
    return None


#: A word that makes the figure after it an approximation ("roughly €3,050", "ca. 3.050 €",
#: "ongeveer € 3.050", "environ 3 050 €", "circa 3.050 euro", "unos 3.050 €", "omkring 3 050 kr",
#: "noin 3 050 €", "około 3 050 zł"), with at most a currency between it and the figure.
_APPROXIMATELY = re.compile(
    r"(?<!\w)(?:roughly|approximately|approx\.?|around|about|circa|ca\.?|c\.|some|in the region of|something like|"
    r"etwa|ungefähr|rund|zirka|cirka|gut|knapp|ongeveer|plusminus|zo'?n|environ|à peu près|approximativement|"
    r"all'incirca|approssimativamente|intorno a|aproximadamente|alrededor de|unos|unas|cerca de|aproximadamente|"
    r"omkring|ungefär|runt|omtrent|rundt|cirka|noin|suunnilleen|około|mniej więcej)\s*" + _CURRENCY + r"?\s*$",
    re.IGNORECASE,
)


def approximate_reasons(own_all: str, total: Decimal) -> list[str]:
    """Reasons when ``total`` is written as an approximation ("roughly €3,050", "ca. 3.050 €"):
    a figure the sender guessed is not the claim. Only the total's own tokens count, so an
    approximate instalment or next bill beside an exact total holds nothing."""
    norm = normalise_text(own_all)
    for tok in money_tokens(norm):
        if tok.value is None or abs(tok.value) != abs(total):
            continue
        m = _APPROXIMATELY.search(norm[max(0, tok.start - 40) : tok.start])
        if m:
            words = [m.group(0).strip()]
            return [
                f"the reply says the figure is provisional, estimated or not confirmed yet ({_quote(words)}): a person decides"
            ]
    return []


#: Another client or debtor named in a sentence: its figure is that person's claim, not this one's.
_OTHER_CLIENT = re.compile(
    r"(?<!\w)(?:(?:an)?other|anderen?|andere[nrs]?|weitere[nrs]?|anden|andet|andre|annan|andra|autre|altr[oa]|otr[oa]|"
    r"outr[oa]|toise\w*|inne\w*|andere) (?:\w+ )?(?:client\w*|customer\w*|mandant\w*|kund\w*|klient\w*|cliënt\w*|"
    r"assistit\w*|cliente\w*|asiakka\w*|klienta|schuldner\w*|debtor\w*)(?!\w)",
    re.IGNORECASE,
)


#: A guarantor or co-debtor, another person liable for the claim: what is claimed from them ("la caution … a
#: été mise en demeure de régler la somme de 1 000,00 €", "the guarantor has been asked to pay", "vom Bürgen
#: fordern wir 1.000,00 €") is their liability, not the client's current claim.
_GUARANTOR = re.compile(
    r"(?<!\w)(?:bürg(?:e|in|en|schaft\w*)|mitschuldner\w*|mitverpflichtet\w*|guarantor\w*|surety|sureties|co-?signer\w*|"
    r"co-?debtor\w*|borgsteller\w*|(?:de |een )borg|(?:la|sa|de la|votre|une) caution|(?:le|la) garant(?:e)?|cofiador\w*|"
    r"fideiussor\w*|(?:il|la|del|della) garante|fiador(?:a|es)?|avalista\w*|borgensm[aä]n\w*|kausjonist\w*|kautionist\w*|"
    r"takaaja\w*|poręczyciel\w*|ručitel\w*|kezes\w*|girant\w*)(?!\w)",
    re.IGNORECASE,
)


def other_client_reasons(own_texts: Mapping[str, str], total: Decimal) -> list[str]:
    """Reasons when every occurrence of ``total`` stands in a sentence about another client
    ("P.S. For your other client Mr Gray the balance is £3,807.90") or about a guarantor or
    co-debtor (``_GUARANTOR``: what is claimed from them is their liability): that figure is
    another claim's, or another person's."""
    figures = _total_figures(own_texts, total)
    if figures and all(_OTHER_CLIENT.search(f.sentence) for f in figures):
        return [f"total {total} stands in a sentence about another client: {excerpt(figures[0].sentence, limit=100)!r}"]
    if figures and all(_GUARANTOR.search(f.sentence) for f in figures):
        return [
            f"total {total} stands in a sentence about a guarantor or co-debtor (another person's liability): "
            f"{excerpt(figures[0].sentence, limit=100)!r}"
        ]
    return []


#: A letter's closing formula on a line of its own, in every language of the tables.
_CLOSING_LINE = re.compile(
    r"^[ \t]*(?:mit freundlichen gr(?:ü|ue)(?:ß|ss)en|(?:freundliche|beste|viele|liebe|herzliche) gr(?:ü|ue)(?:ß|ss)e|"
    r"gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|hochachtungsvoll|mfg|(?:kind|best|warm) regards|regards|"
    r"yours (?:sincerely|faithfully|truly)|sincerely|(?:met )?vriendelijke groet(?:en)?|met hoogachting|hoogachtend|"
    r"cordialement|bien (?:cordialement|à vous)|salutations(?: distinguées)?|distinti saluti|cordiali saluti|"
    r"un cordiale saluto|atentamente|saludos(?: cordiales)?|un saludo|atenciosamente|(?:com os melhores )?cumprimentos|"
    r"med vänlig(?:a)? hälsning(?:ar)?|vänliga hälsningar|(?:med )?venlig hilsen|(?:med )?vennlig hilsen|"
    r"ystävällisin terveisin|terveisin|z poważaniem|pozdrawiam(?:y)?)[ \t]*[,.!]?(?:[ \t]+[^\W\d_][\w.'-]*){0,3}[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def below_closing_reasons(own_texts: Mapping[str, str], total: Decimal) -> list[str]:
    """Reasons when ``total`` stands only below a closing formula of the creditor's text (a
    postscript about another claim, an older message, a balance of another client) while the
    letter above it states other figures, or only in a postscript ("P.S. …", "PS:"): the
    letter's answer is not that figure."""
    for text in own_texts.values():
        norm = normalise_text(text)
        values = [(t.start, abs(t.value)) for t in money_tokens(norm) if t.value is not None]
        reason = _below_a_closing(norm, values, abs(total)) or _only_in_postscript(norm, values, abs(total))
        if reason:
            return [reason]
    return []


def _below_a_closing(norm: str, values: list[tuple[int, Decimal]], total: Decimal) -> str | None:
    """The reason when ``total`` stands only below one of ``norm``'s closing formulas (each
    message of an internal forward has its own) and other figures stand above it."""
    for closing in _CLOSING_LINE.finditer(norm):
        above = {v for pos, v in values if pos < closing.start()}
        below = {v for pos, v in values if pos > closing.end()}
        if total in below and above and total not in above:
            shown = ", ".join(str(v) for v in sorted(above))
            return (
                f"total {total} stands only below the closing formula (a postscript or an older message), "
                f"the letter above states {shown}: a person decides"
            )
    return None


def _only_in_postscript(norm: str, values: list[tuple[int, Decimal]], total: Decimal) -> str | None:
    """The reason when every occurrence of ``total`` stands in a postscript paragraph."""
    in_postscript = [_POSTSCRIPT_PARAGRAPH.search(norm, 0, pos) is not None for pos, v in values if v == total]
    if in_postscript and all(in_postscript):
        return f"total {total} stands only in a postscript (P.S.): a person decides which claim it is"
    return None


#: A postscript paragraph ("P.S. …", "PS:", "NB:", "PD:") up to the next blank line, ending before a figure.
_POSTSCRIPT_PARAGRAPH = re.compile(
    r"(?:^|\n)[ \t]*(?:p\.?\s?p\.?\s?s|p\.?\s?s|n\.?\s?b|nachtrag|p\.?\s?d)\b\.?\s*[:.\-–]?[ \t]+(?:(?!\n\s*\n)[\s\S])*\Z",
    re.IGNORECASE,
)


def _total_figures(own_texts: Mapping[str, str], total: Decimal) -> list[LabelledFigure]:
    return [f for text in own_texts.values() for f in labelled_figures(text) if f.value == abs(total)]


def _named_by_structure(text: str, total: Decimal) -> bool:
    """Whether the layout or the writer's own confirmation names ``total`` (unsigned) the claim in ``text``: the last
    row of a running-balance column ("Saldo", "Zůstatek CZK"), the sum row of a table's latest dated column ("Stand
    01.11. | Stand 04.12."), the current column beside the office's figure ("laut Ihrem Schreiben | aktueller Stand"),
    or the office's figure confirmed ("Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend")."""
    return (
        running_balance_total(text) == total
        or dated_column_total(text) == total
        or letter_column_total(text) == total
        or total in confirmed_office_figures(text)
    )


def current_figure_reasons(own_texts: Mapping[str, str], total: Decimal, own_all: str) -> list[str]:
    """Reasons when ``total`` is not stated as the current claim: no occurrence has a
    claim word as its nearest label (or no label at all while it is the reply's only
    money figure); a settlement offer whose figure is not the current total says so."""
    figures = _total_figures(own_texts, total)
    if not figures or any(f.kind == "claim" for f in figures):
        return []
    if any(_named_by_structure(text, abs(total)) for text in own_texts.values()):
        return []
    all_values = {f.value for text in own_texts.values() for f in labelled_figures(text)}
    offer = find_phrases("settlement", own_all)
    if not offer and all(f.kind == "none" for f in figures) and all_values == {abs(total)}:
        return []
    if offer:
        return [
            f"settlement or reduced-sum offer ({_quote(offer)}) and total {total} is not stated as the "
            f"current claim: {excerpt(figures[0].line, limit=100)!r}"
        ]
    return [
        f"total {total} is not stated as the current claim (it stands next to an instalment, offer, payment, "
        f"fee or rate, or next to no claim word): {excerpt(figures[0].line, limit=100)!r}"
    ]


def _derivable(target: Decimal, values: list[Decimal]) -> bool:
    """Whether ``target`` is a signed sum of some of ``values`` (a breakdown: principal +
    interest + costs, or a balance brought forward less payments)."""
    reachable = {Decimal(0)}
    for v in values[:12]:
        reachable |= {r + v for r in reachable} | {r - v for r in reachable}
    return target in reachable


def several_totals_reasons(own_texts: Mapping[str, str], total: Decimal) -> list[str]:
    """Reasons when one text labels another figure than ``total`` as a total/balance too,
    and ``total`` is not a breakdown's result of the text's other figures."""
    for src, text in own_texts.items():
        # the body's older comments and signature block are not read against its newest message
        read = newest_message(text) if src == "body" else text
        figures = labelled_figures(read)
        columns = _total_row_columns(figures, abs(total))
        if columns:
            return [
                f"the reply's row stating total {abs(total)} states other figures in columns beside it "
                f"({', '.join(str(v) for v in columns)}): a person decides which is current"
            ]
        totals = sorted({f.value for f in figures if _states_a_total(f)})
        if len(totals) < 2 or abs(total) not in totals:
            continue
        # every stated figure once, repeats included: a statement deducts "Payment received £25.00" twice
        others = [f.value for f in figures if f.value != abs(total)]
        # N like payments of one stated figure ("drei monatliche Raten zu je 108,00 Euro") count N times
        multiples = [abs(f.amount) * n for f in find_amounts(text) if (n := times(f)) > 1]
        if _explained(read, totals, abs(total), multiples + others, figures):
            continue
        return [
            f"the reply states several different totals ({', '.join(str(v) for v in totals)}): "
            "a person decides which is current"
        ]
    return []


def _with_costs_beside_without(figures: list[LabelledFigure], total: Decimal) -> bool:
    """Whether ``total`` stands on a line that says it holds the costs ("Saldo inkl. Mahnspesen", "Balance including
    … charges", "Solde frais compris", "Saldo kuluineen": ``labels.WITH_COSTS_RE``) and every other total of the text
    on a line of its own that says it is reckoned without them ("Saldo ohne Mahnspesen", "Balance excluding charges",
    "Solde hors frais", "Saldo ilman kuluja": ``labels.WITHOUT_COSTS_RE``): the claim before its costs is no rival of
    the claim with them. A total said to be without its costs, or both said on one line, is not."""
    stated = [f for f in figures if _states_a_total(f)]
    own = {f.line for f in stated if f.value == total}
    others = {f.line for f in stated if f.value != total}
    with_costs = all(_only(WITH_COSTS_RE, WITHOUT_COSTS_RE, line) for line in own)
    without = all(_only(WITHOUT_COSTS_RE, WITH_COSTS_RE, line) for line in others)
    return bool(own and others) and with_costs and without and not own & others


def _only(yes: re.Pattern[str], no: re.Pattern[str], line: str) -> bool:
    """Whether ``line`` matches ``yes`` and not ``no``."""
    return bool(yes.search(line)) and not no.search(line)


def _explained(
    text: str, totals: list[Decimal], total: Decimal, figures: list[Decimal], labelled: list[LabelledFigure]
) -> bool:
    """Whether ``total`` is no second total's rival: the signed sum of the text's other ``figures`` (``_derivable``),
    the figure now beside an earlier one (``_now_beside_earlier``), or the balance with its costs beside the balance
    without them (``_with_costs_beside_without``, read from the text's ``labelled`` figures)."""
    return (
        _derivable(total, figures)
        or _now_beside_earlier(text, totals, total)
        or _now_beside_projected(text, totals, total)
        or _with_costs_beside_without(labelled, total)
    )


def _now_beside_earlier(text: str, totals: list[Decimal], total: Decimal) -> bool:
    """Whether ``total`` is the figure now beside one earlier figure its sentence ties to the past
    (``amounts.current_beside_earlier``: "Our letter of 3 October 2026 quoted a balance of €2,236.80 … the balance now
    stands at €2,287.45"): the earlier figure is no second current total."""
    if len(totals) != 2:
        return False
    items = [(f, "text") for f in find_amounts(text) if abs(f.amount) in totals]
    if len({abs(f.amount) for f, _ in items}) != 2 or len(items) != 2:
        return False
    current = current_beside_earlier(items, {"text": text})
    return current is not None and abs(current[0].amount) == total


def _now_beside_projected(text: str, totals: list[Decimal], total: Decimal) -> bool:
    """Whether ``total`` is the figure stated now beside one its own words call a projection to a dated later point
    (``amounts.projected_beside_current``: "voraussichtlicher Saldo per 31.03.2027"): no second current total."""
    if len(totals) != 2:
        return False
    items = [(f, "text") for f in find_amounts(text) if abs(f.amount) in totals]
    if len({abs(f.amount) for f, _ in items}) != 2 or len(items) != 2:
        return False
    now = projected_beside_current(items, {"text": text})
    return now is not None and abs(now[0].amount) == total


def _total_row_columns(figures: list[LabelledFigure], total: Decimal) -> list[Decimal]:
    """Whether a row that states ``total`` as a total states another total beside it: columns of one
    table ("Totale dovuto | € 1.301,20 | € 1.318,60" under "al 30/09/2026 | al 04/12/2026"), each the
    result of its own column's parts, so arithmetic does not say which is current."""
    rows = {f.line for f in figures if f.value == total and _states_a_total(f) and _TABLE_LINE.search(f.line)}
    found: set[Decimal] = set()
    for row in rows:
        toks = [(t, abs(t.value)) for t in money_tokens(row) if t.value is not None]
        for (a, va), (b, vb) in zip(toks, toks[1:], strict=False):
            # cells of one row label: only column gaps and a currency between the figures (not "| Zinsen 41,17")
            if total in (va, vb) and _BARE_CELL_GAP.fullmatch(row[a.end : b.start]):
                found |= {va, vb} - {total}
    return sorted(found)


#: Between two figures of one table row that are columns of the same label: a column gap and a currency.
_BARE_CELL_GAP = re.compile(
    r"[ \t€£$]*(?:eur|euro|chf|gbp|usd|sek|dkk|nok|pln|zł|czk|kč|kr\.?|fr\.)?[ \t€£$]*(?:\||\t| {2,})[ \t|€£$]*"
    r"(?:eur|euro|chf|gbp|usd|sek|dkk|nok|pln|zł|czk|kč|kr\.?|fr\.)?[ \t€£$]*",
    re.IGNORECASE,
)


def _states_a_total(f: LabelledFigure) -> bool:
    """Whether a figure is labelled as a total or balance in its line and clause, and is no balance
    carried forward (``_CARRIED_FORWARD``)."""
    clause = f.clause or f.line
    return (
        f.kind == "claim"
        and not f.label_of_next
        and bool(_TOTAL_LABEL.search(f.line))
        and bool(_TOTAL_LABEL.search(clause))
        and not _CARRIED_FORWARD.search(clause)
    )


#: A statement's opening row, the balance carried forward from the last statement ("01.10.2026 Saldovortrag
#: 2.315,77", "Balance b/f", "Saldo iniziale"): an old balance, never a second current total.
_CARRIED_FORWARD = re.compile(
    r"(?<!\w)(?:saldovortrag|vortrag|alter saldo|brought forward|b/f|opening balance|saldo iniziale|saldo precedente|"
    r"solde (?:reporté|précédent|initial|antérieur)|report(?:é)? à nouveau|saldo anterior|saldo inicial|beginsaldo|"
    r"vorig saldo|overgebracht saldo|ingående saldo|primo saldo|saldo primo)(?!\w)",
    re.IGNORECASE,
)
_TOTAL_LABEL = re.compile(
    r"(?<!\w)(?:gesamt\w*|saldo|restschuld|restforderung|forderungsstand|offene[rn]? (?:betrag|forderung)|"
    r"total\w*|balance|outstanding|insgesamt|totaal|openstaand|solde|totale|importe total|"
    r"utestående|i alt|udestående|yhteensä|avoinna|"
    # Romance and Portuguese names of the sum owed ("debito residuo", "importo dovuto", "importo da recuperare",
    # "esposizione", "risulta debitrice di", "importe adeudado", "montant dû", "reste dû", "valor em dívida"): two
    # such figures that are no breakdown of each other are two totals of equal standing
    r"debito residuo|residuo|importo (?:dovuto|da recuperare|insoluto|scaduto)|esposizione\w*|debit(?:rice|ore) di|"
    r"importe (?:adeudado|pendiente|debido)|deuda pendiente|montant (?:dû|restant|impayé)|reste dû|restant dû|"
    r"valor (?:em dívida|em aberto|devido)|montante em dívida|"
    # the claim itself named as the figure ("beträgt die Forderung", "the debt stands at", "restbeløb"): a
    # second such figure that is no breakdown of the first is another claim's (tests/hold_families)
    r"(?:die|der|unsere|ihre) forderung|saldo\w*|rest(?:beløb|beløp|belopp|bedrag|betrag|schuld\w*)|(?:the|this|your client's) "
    r"(?:debt|claim)|de vordering|la créance|il credito|la deuda|fordran|fordringen|kravet|gælden|gjelden|saatava)(?!\w)",
    re.IGNORECASE,
)
_OWED_EXCLUDE = re.compile(
    r"(?<!\w)(?:erhalten|eingegangen|eingelangt|eingelaufen|received|ontvangen|reçu|ricevut[oa]|recibid[oa]|mottagit|modtaget|mottatt)(?!\w)|"
    # paid, as a fact (not ``to be paid`` / ``noch zu zahlen``)
    r"(?<!\w)(?:wurde|wurden|ist|sind|has been|have been|was|were|is|werd|zijn|a été|è stat[oa]|ha sido|har|er|on|"
    # Portuguese, Spanish and Nordic past forms: "O valor em dívida de 640,00 € foi pago integralmente … com o
    # montante de 675,20 €", "fue pagada", "blev betald"
    r"foi|foram|fue|fueron|blev|ble)"
    r" (?:[\w.]+ ){0,3}(?:bezahlt|gezahlt|paid|betaald|payée?|pagat[oa]|pagad[oa]|pag[oa]s?|liquidad[oa]|quitad[oa]|"
    r"betald|betalt|maksettu)(?!\w)|"
    # the reflexive and s-passive past: "se abonó el 28/11/2026", "se pagó", "betalades in i sin helhet",
    # "indbetaltes", "maksettiin", "spłacono"
    r"(?<!\w)se (?:abonó|pagó|liquidó|saldó|ingresó|abonaron|pagaron|pagou|liquidou)(?!\w)|"
    r"(?<!\w)(?:(?:in|åter)?betalades|(?:ind|inn|tilbage|tilbake)?betaltes|reglerades|maksettiin|(?:za|s|w)płacono)"
    r"(?!\w)(?!\s+(?:inte|ej|ikke|ikkje|ei|aldrig|nie)\b)|"
    # paid by someone, active: "ha versato € 1.250,00", "Your client paid off the remaining EUR 1,250.00"
    r"(?<!\w)(?:versat[oa]|corrispost[oa]|rimborsat[oa]|abonad[oa]|ingresad[oa]|overgemaakt|überwiesen|remitted|repaid|"
    r"paid off|refunded|remboursée?|réglée?|betalte|betalade|maksoi)(?!\w)|"
    r"(?<!\w)(?:client|customer|debtor|he|she|they|mandant\w*|kund\w*|cliënt\w*|cliente|assistit[oa]) (?:has |have )?paid(?!\w)|"
    # set off against a credit or a payment ("… haben wir mit dem Rückbeitrag verrechnet")
    r"(?<!\w)(?:verrechnet|aufgerechnet|set off|offset|netted off|verrekend|compensée?s?|compensat[oa]|compensad[oa]|"
    r"kvittad|kvitterats|modregnet|motregnet|kuitattu)(?!\w)",
    re.IGNORECASE,
)


def _newest_if_settled(src: str, text: str) -> str:
    """The body's newest message when it says itself that the claim is settled ("The balance
    … is now nil and we have closed our file" above a ticket's older comment "The balance due
    today is €702.40"): the older comments' figures are the thread's history, not owed now.
    Else ``text`` whole (any other source, or a newest message that does not say it)."""
    if src != "body":
        return text
    newest = text[: newest_message_span(text)[1]]
    return newest if len(newest) < len(text) and find_phrases("settled", newest) else text


def settled_reasons(own_texts: Mapping[str, str], own_all: str, total: Decimal) -> list[str]:
    """Settled vs a figure owed: 0.00 while a non-zero figure is labelled as claimed
    (not a payment received, not an instalment); a non-zero total while the reply says
    settled / paid in full / zero balance."""
    if total == 0:
        owed = _owed_beside_settled(own_texts)
        if owed:
            return [
                f"reading 0.00 (settled), but the reply states {owed[0].value} owed: {excerpt(owed[0].sentence, limit=120)!r}"
            ]
        return []
    return _settled_beside_total(own_texts, own_all, total)


def _owed_beside_settled(own_texts: Mapping[str, str]) -> list[LabelledFigure]:
    """The non-zero figures the creditor's ``own_texts`` label as claimed beside a settled reading: not a statement's
    rows booked to nil, not a sum said to be paid, not a row of a statement whose running balance closes at 0.00
    (``balance_rows_closed_at_zero``), not one whose clause says it was paid or settled."""
    booked = {v for text in own_texts.values() for v in _rows_booked_to_zero(normalise_text(text))}
    # a figure its own clause says was paid ("O valor em dívida de 640,00 € foi pago integralmente") is the
    # sum paid, not a figure owed beside the settled reading
    booked |= {v for text in own_texts.values() for v in _paid_values(normalise_text(text))}
    # the rows of a statement whose running balance closes at 0.00: the earlier balances are history
    history = {line for text in own_texts.values() for line in balance_rows_closed_at_zero(normalise_text(text))}
    return [
        f
        for src, text in own_texts.items()
        for f in labelled_figures(_newest_if_settled(src, text))
        if f.kind == "claim"
        and f.value != 0
        and f.value not in booked
        and f.line not in history
        and not _OWED_EXCLUDE.search(f.clause)
        and not find_phrases("settled", f.clause)
    ]


def _settled_beside_total(own_texts: Mapping[str, str], own_all: str, total: Decimal) -> list[str]:
    """A non-zero total while the reply says the claim is settled (not one instalment or month of it:
    "Die Rate für November ist beglichen"), or says that very sum was paid (``_said_paid``)."""
    norm = normalise_text(own_all)
    words = [m.group(0) for m in phrase_matches("settled", norm) if not settles_a_part(_sentence_around(norm, m))]
    if words:
        return [f"total {total} read, but the reply says the claim is settled ({_quote(words)}): a person decides"]
    paid = _said_paid(own_texts, total)
    if paid:
        return [f"total {total} read, but the reply says that sum was paid ({paid!r}): a person decides"]
    return []


def _rows_booked_to_zero(norm: str) -> set[Decimal]:
    """The figures of a statement's rows that add up, signed, to a zero balance row below them
    ("Hauptforderung 1.004,60 / Zinsen 38,40 / Inkassokosten 77,00 / Zahlung -1.120,00 / Saldo: 0,00"):
    the claim's history booked to nil, not a figure owed now. Rows: consecutive lines with one money
    figure each (rule lines between allowed), at least three; empty when none add up to a zero row."""
    rows: list[Decimal] = []
    for line in norm.split("\n"):
        toks = money_tokens(line)
        if not line.strip() or re.fullmatch(r"[-=_*~—–. ]{3,}", line.strip()):
            continue
        if len(toks) != 1 or toks[0].value is None:
            rows = []
            continue
        value = toks[0].value
        if value == 0 and len(rows) >= 3 and sum(rows) == 0:
            return {abs(v) for v in rows}
        rows.append(value)
    return set()


def balance_rows_closed_at_zero(norm: str) -> set[str]:
    """The rows (stripped lines of normalised ``norm``) of every statement with a running-balance column whose last
    balance is 0.00: an opening row, then rows that each move the balance by their one other figure ("31.10.2026
    Zahlung CHF 200.00- CHF 212.35", "15/10/2026 | Versement | | 900,00 € | 975,40 €", "22/10/2026 | Payment |
    -€70.00 | €75.60"), perhaps a closing row restating it ("Closing balance | €0.00"). The last row's balance is
    the one now; the earlier balances are the account's history, not a figure owed. A movement row is a table row
    (cells apart by a bar, a tab or two spaces, or a booking date first), so prose lines never form a statement; a statement whose last
    balance is not zero, or a row that does not add up, contributes nothing. Empty set: none."""
    found: set[str] = set()
    run: list[str] = []
    balance: Decimal | None = None
    moves = 0
    for raw in [*norm.split("\n"), ""]:
        line = raw.strip()
        if line and re.fullmatch(r"[-=_*~—–. |+]{3,}", line):
            continue  # a rule line inside the table
        values = [t.value for t in money_tokens(line) if t.value is not None]
        step = _balance_step(balance, values, line)
        if step is None:
            if balance == 0 and moves:
                found.update(run)
            run, balance, moves = ([line], values[-1], 0) if 1 <= len(values) <= 2 else ([], None, 0)
            continue
        run.append(line)
        moves += step
        balance = values[-1]
    return found


#: A booking row's leading date ("15-11-2026 Betaling € 310,00 € 0,00": a tab-separated row once its tabs are spaces).
_BOOKING_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\s")


def _balance_step(balance: Decimal | None, values: list[Decimal], line: str) -> int | None:
    """1 when ``line`` (its money ``values``) is a table row moving the running ``balance`` by its one other figure
    to its last figure (a figure with a minus only down); 0 when it restates the balance alone; None otherwise."""
    if balance is None or not values:
        return None
    if len(values) == 1:
        return 0 if values[0] == balance else None
    if len(values) != 2 or not (_TABLE_LINE.search(line) or _BOOKING_DATE.match(line)):
        return None
    amount, new = values
    if amount == 0 or new == balance:
        return None
    fits = balance + amount == new if amount < 0 else new in (balance + amount, balance - amount)
    return 1 if fits else None


def _sentence_around(norm: str, m: re.Match[str]) -> str:
    """The sentence of normalised ``norm`` the match ``m`` stands in (up to a line break)."""
    start = max(norm.rfind(". ", 0, m.start()), norm.rfind("\n", 0, m.start())) + 1
    ends = [i for i in (norm.find(". ", m.end()), norm.find("\n", m.end())) if i >= 0]
    return norm[start : min(ends) if ends else len(norm)]


#: Where the words that belong to a figure end after it: a clause or sentence end, a line break.
_FIGURE_CLAUSE_END = re.compile(r"[)\];]|[.!?:]\s|\n|,\s")


def _paid_values(norm: str) -> set[Decimal]:
    """The figures of normalised ``norm`` whose own clause says that sum was paid (``labels.says_paid``)."""
    return {abs(tok.value) for tok in money_tokens(norm) if tok.value is not None and _paid_after(norm, tok)}


#: A figure in apposition, "amounting to" between commas after the noun it measures: "El último plazo, por
#: importe de 248,60 EUR, se abonó …", "Die letzte Rate, in Höhe von 248,60 €, wurde … bezahlt", "The final
#: instalment, in the amount of €248.60, was paid …", "La dernière échéance, d'un montant de 248,60 €, a été
#: réglée", "L'ultima rata, per un importo di 248,60 €, è stata pagata", "A última prestação, no valor de …,
#: foi paga", "De laatste termijn, ter waarde van …, is betaald": the verb after the closing comma is its own.
_APPOSITION_BEFORE = re.compile(
    r",\s(?:por (?:un )?importe de|por (?:un )?valor de|in Höhe von|über|in the amount of|amounting to|of|"
    r"d'un montant de|pour un montant de|per un importo di|dell'importo di|di|no valor de|de|ter waarde van|"
    r"van|groot|på|om|à hauteur de)\s*$",
    re.IGNORECASE,
)


def _paid_after(norm: str, tok: NumberToken) -> str:
    """The words after the figure ``tok`` up to its clause's end when they say it was paid, else "";
    a figure in apposition (``_APPOSITION_BEFORE``) reads the clause after its closing comma."""
    tail = norm[tok.end : tok.end + 160]
    after = _CURRENCY_AFTER.sub("", tail[:6], count=1) + tail[6:] if _CURRENCY_AFTER.match(tail) else tail
    if after.startswith(", ") and _APPOSITION_BEFORE.search(norm[max(0, tok.start - 40) : tok.start]):
        after = after[2:]
    after = _FIGURE_CLAUSE_END.split(after, maxsplit=1)[0]
    return after.strip() if says_paid(after.strip()) else ""


def _said_paid(own_texts: Mapping[str, str], total: Decimal) -> str:
    """The words after the ``total`` figure in the creditor's own text when they say that sum was
    paid, received, settled or refunded ("1.250,00 € wurde am 12.11. bezahlt", "€ 1.250,00 è stato
    corrisposto per intero": ``labels.says_paid``) — a payment, never the claim now; else ""."""
    for text in own_texts.values():
        norm = normalise_text(text)
        for tok in money_tokens(norm):
            if tok.value is None or abs(tok.value) != total:
                continue
            after = _paid_after(norm, tok)
            if after:
                return norm[tok.start : tok.end] + " " + after
    return ""


#: The reply points to the figure of the office's letter below instead of restating it: "the balance
#: … is as stated in your letter below", "in der unten von Ihnen genannten Höhe", "het door u
#: genoemde bedrag", "le montant indiqué dans votre courrier ci-dessous", "l'importo da voi indicato" — or
#: says it is unchanged / still stands (``quoted_figure_reasons``: only for a reply that states no total).
_REFERS_TO_QUOTED = compile_prefiltered(
    r"(?<!\w)(?:"
    r"as (?:stated|quoted|given|mentioned|set out|shown) (?:in your (?:letter|e-?mail|message|request)|below|by you)|"
    r"as per your (?:letter|e-?mail|message|request)|"
    r"(?:amount|balance|sum|figure) (?:you (?:stated|quoted|gave|mentioned)|(?:stated|quoted|given|mentioned|shown) "
    r"(?:below|in your (?:letter|e-?mail|message|request)|by you))|"
    r"(?:unten |nachstehend |untenstehend )?(?:von ihnen |ihrerseits )?(?:unten |nachstehend )?"
    r"(?:genannten|angegebenen|mitgeteilten|aufgeführten) (?:höhe|betrag|betrages|summe|forderung|saldo)|"
    r"wie (?:unten |von ihnen |in ihrem schreiben |in ihrer (?:mail|e-mail|anfrage) )(?:genannt|angegeben|mitgeteilt|aufgeführt)|"
    r"(?:door u |hieronder )(?:genoemde|vermelde|aangegeven|opgegeven) (?:bedrag|saldo|som|vordering)|"
    r"zoals (?:vermeld|genoemd|aangegeven|opgegeven) in uw (?:brief|e-?mail|bericht|schrijven|verzoek)|"
    r"(?:montant|solde|somme) (?:indiquée?|mentionnée?|citée?|figurant) (?:ci-dessous|dans votre (?:courrier|lettre|message|e-?mail|demande))|"
    r"(?:importo|saldo|somma) (?:da voi )?(?:indicat[oa]|menzionat[oa]|riportat[oa]) (?:di seguito|qui sotto|nella vostra)|"
    r"(?:importe|saldo|cantidad) (?:indicad[oa]|mencionad[oa]|señalad[oa]) (?:más abajo|abajo|en su (?:escrito|correo|carta))|"
    # unchanged / still stands as stated: "ist unverändert offen", "besteht weiterhin", "the balance … is
    # unchanged", "remains the same", "blijft ongewijzigd", "reste inchangé", "rimane invariato", "sigue sin
    # cambios", "kvarstår oförändrad", "er uændret", "er uendret", "on ennallaan"
    r"unverändert|(?:besteht|bestehen|bleibt|bleiben) (?:weiterhin|nach wie vor|fort)|"
    r"unchanged|(?:remains?|stays?) the same|(?:remains?|is still) (?:outstanding|due|owing) (?:in full|as (?:stated|shown|quoted|before))|"
    r"ongewijzigd|onveranderd|inchangée?s?|invariat[oaie]|sin cambios|sin variaci[oó]n|"
    r"oförändrade?|oförändrat|uændret|uendret|ennallaan|muuttumat(?:on|tomana)"
    r")(?!\w)",
    re.IGNORECASE,
    "abcdefghimnorsuvwz",  # the first letters of the branches (scan.prefiltered)
)
QUOTED_FIGURE_REASON = "the reply refers to the figure of the quoted letter"


def quoted_figure_reasons(own_all: str, quoted_text: str) -> list[str]:
    """For a reply that states no total: when it points to the figure of the office's letter
    quoted below ("as stated in your letter below") and that letter states money figures, a
    reason naming them (as information: never an amount to apply). Empty otherwise."""
    if not quoted_text or not _REFERS_TO_QUOTED.search(normalise_text(own_all)):
        return []
    figures = list(dict.fromkeys(abs(t.value) for t in money_tokens(normalise_text(quoted_text)) if t.value))
    if not figures:
        return []
    shown = ", ".join(str(v) for v in figures[:4])
    return [f"{QUOTED_FIGURE_REASON} ({shown}) without restating it: a person confirms"]


def wording_reasons(
    *, total: Decimal | None, own_texts: Mapping[str, str], skip: frozenset[str] = frozenset(), also: str = ""
) -> list[str]:
    """Every reason of this module for a reading that would apply ``total`` (Decimal
    euros; 0.00 for settled) from the creditor's ``own_texts`` (source → text: the reply
    with its signature, attachments). ``skip``: concerns ``pipeline.safety`` already
    reported (``sold``, ``enforcement``); ``also``: more of the creditor's words read for
    contradicting wording only (a postscript below the signature). Empty: nothing found."""
    if total is None or total < 0:  # a credit: the credit check holds it
        return []
    own_all = "\n".join(own_texts.values())
    reasons = contradiction_reasons(f"{own_all}\n{also}" if also else own_all, skip)
    reasons += conditional_reasons(f"{own_all}\n{also}" if also else own_all, total)
    reasons += approximate_reasons(own_all, total)
    reasons += settled_reasons(own_texts, own_all, total)
    if total != 0:
        reasons += current_figure_reasons(own_texts, total, own_all)
        reasons += several_totals_reasons(own_texts, total)
        reasons += other_client_reasons(own_texts, total)
        reasons += below_closing_reasons(own_texts, total)
    return reasons
