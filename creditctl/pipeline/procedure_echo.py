"""The office's own out-of-court debt plan, named by a creditor in passing.

The office writes to creditors while it negotiates an out-of-court settlement for its client
(the German "außergerichtlicher Einigungsversuch" and "Schuldenbereinigungsplan", the Dutch
"minnelijke schuldsanering", the French "règlement amiable" of a "dossier de surendettement", the
Italian "accordo stragiudiziale" of a "sovraindebitamento", the Spanish "acuerdo extrajudicial de
pagos" of the "segunda oportunidad", the Nordic "frivillig gjeldsordning / gældssanering /
skuldsanering", the Finnish "vapaaehtoinen velkajärjestely", a UK/IE debt management plan or
proposed IVA). A creditor that answers often names that plan in a framing phrase before it states
its claim: "im Rahmen der Schuldenbereinigung Ihrer Mandantin teilen wir mit …", "In het kader van
de schuldsanering van uw cliënt delen wij u mee dat de vordering … bedraagt", "Dans le cadre du
dossier de surendettement que vous suivez …", "nell'ambito della procedura di composizione della
crisi da sovraindebitamento da Voi seguita …", "En el marco del procedimiento de segunda
oportunidad que gestionan …", "Vi viser til Deres henvendelse angående gjeldsordning.", "I
forbindelse med gældssaneringen for …", "Gällande frivillig skuldsanering för …",
"Vapaaehtoiseen velkajärjestelyyn liittyen …", "In relation to the proposed IVA for …". That
word is the office's own, echoed: it says nothing about a procedure opened by a court, and the
claim the creditor states beside it is its current claim.

``office_procedure(text, start, end)`` tells such an echo from a collective procedure that is
open, whoever writes about it. A procedure phrase at ``text[start:end]`` is an echo when

* it stands in a **framing phrase** of its clause — "im Rahmen", "bezüglich", "in relation to",
  "regarding", "in het kader van", "naar aanleiding van", "dans le cadre", "concernant",
  "nell'ambito", "in riferimento", "en el marco", "en relación con", "i forbindelse med",
  "angående", "vedrørende", "gällande", "w związku z", "w ramach", a heading label ("Betreff:",
  "Re:", "Ang.:", "Objet :"), or the Finnish postpositions "liittyen", "koskien", "koskeva",
  "yhteydessä" — with no clause break, subordinate conjunction, relative pronoun or verb between
  the frame and the word ("in relation to your client, who has entered an IVA" is no frame);
* the word is **no court procedure by its nature**: "Insolvenzverfahren", "Privatinsolvenz",
  "Restschuldbefreiung", "bankruptcy", "debt relief order", "WSNP", "wettelijke schuldsanering",
  "faillissement", "collectieve schuldenregeling", "rétablissement personnel", "liquidation
  judiciaire", "concurso de acreedores", "liquidazione controllata", "konkurs", "tvungen
  gjeldsordning", "upadłość" … always stay held;
* its sentence names **no court side**: a court, a judge or a decision ("Amtsgericht", "court",
  "rechtbank", "vonnis", "tribunal", "Juzgado", "skifteret", "kendelse", "käräjäoikeus", "sąd"),
  the procedure opened, admitted or confirmed ("eröffnet", "toegelaten", "recevable", "aperta",
  "beviljats", "åpnet", "ogłoszono"), or claims lodged ("angemeldet", "ingediend", "déclarée",
  "insinuato", "anmeldt", "zgłoszenie");
* and the creditor's text names **no official of an opened procedure** anywhere: a trustee,
  insolvency administrator, IVA supervisor or nominee, bewindvoerder, curator, mandataire,
  commission de surendettement, gestore della crisi / OCC, administración concursal, kurator,
  bobestyrer, Kronofogden, Namsmannen, selvittäjä, syndyk, a creditors' meeting, a proof of debt.

Everything else — "Uw cliënt is toegelaten tot de WSNP", "Din klient er under gældssanering",
"We note your client has entered an IVA", ", die im Insolvenzverfahren angemeldet ist", "In het
kader van de schuldsanering is de vordering bij de bewindvoerder ingediend" — is a procedure, and
the reply kind (``extraction.reply_kind``) and the safety layer's insolvency concern
(``reply_wording``) hold it as before. A reply that names the plan and states no figure
("Wir stimmen dem Plan zu", "kan ikke acceptere forslaget") states no claim and is held for that.

The same frame also names the figure wrongly: "With reference to your proposed out-of-court debt
settlement on behalf of Ms Kearney, we confirm the balance due … is €9,884.12" holds "settlement", an
offer word, in the figure's clause. ``without_office_frame(label)`` blanks such a leading frame
clause (the frame, a noun phrase naming the office's plan or letter, up to its comma or colon) so
that only the words of the figure's own clause name it (``extraction.amounts.amount_role``: "the
balance due … is").

Pure: text in, a boolean or the text out; the phrase tables of the callers stay theirs.
"""

from __future__ import annotations

import re

__all__ = ["office_procedure", "without_office_frame"]

#: A procedure word that is a court's or an official's procedure by its nature, never the office's
#: plan (searched in the phrase with the words right before it: "wettelijke schuldsanering").
_COURT_PROCEDURE = re.compile(
    r"(?<!\w)(?:\w*insolvenzverfahren\w*|privatinsolvenz|verbraucherinsolvenz\w*|restschuldbefreiung\w*|"
    r"insolvenzantrag\w*|insolvenzverwalter\w*|insolvenztabelle|tabelle|schuldenregulierungsverfahren|privatkonkurs|"
    r"konkurs\w*|nachlassstundung|bankrupt\w*|debt relief order|sequestration|trust deed|insolvency|"
    r"personal insolvency arrangement|debt settlement arrangement|debt arrangement scheme|chapter (?:7|13)|"
    r"wsnp|wettelijke|schuldsaneringsregeling|faillissement|failliet|collectieve schuldenregeling|schuldbemiddelaar|"
    r"faillite|liquidation judiciaire|redressement judiciaire|mandataire judiciaire|rétablissement personnel|"
    r"règlement collectif de dettes|médiateur de dettes|banque de france|fallimento|liquidazione controllata|"
    r"esdebitazione|concurso (?:de acreedores|consecutivo)|exoneración del pasivo|administrador concursal|"
    r"procedimiento concursal|tvung\w*|konkursbo\w*|konkurssi\w*|upadłoś\w*|oddlužení|insolvenční\w*|insolvência|"
    r"insolvente|processo especial\w*)(?!\w)",
    re.IGNORECASE,
)

#: The frame before the procedure word: a preposition naming what the letter is about, or a heading label.
_FRAME = (
    r"(?:^[ \t]*(?:betreff|betr|re|subject|onderwerp|betreft|objet|oggetto|asunto|assunto|ang|vedr|ärende|"
    r"aihe|asia|dotyczy|temat)[ \t]*\.?[ \t]*:|"
    r"(?<!\w)(?:"
    # de
    r"im rahmen|i\. ?r\.|in zusammenhang mit|im zusammenhang mit|bezüglich|bzgl\.|betreffend|betreffs|betr\.|"
    r"hinsichtlich|in bezug auf|mit bezug auf|in sachen|anlässlich|zum|zur|zu ihre[mnrs]?|"
    # en
    r"in relation to|in connection with|with (?:reference|regard|respect) to|regarding|concerning|in respect of|"
    r"further to|following|as part of|in the context of|relating to|in response to|about|re\.?|"
    # nl
    r"in het kader van|met betrekking tot|m\.b\.t\.|naar aanleiding van|n\.a\.v\.|inzake|betreffende|aangaande|"
    r"in verband met|ten behoeve van|t\.b\.v\.|omtrent|"
    # fr
    r"dans le cadre (?:d[eu']|des)|concernant|au sujet d[eu']|relati(?:f|ve|fs|ves) (?:à|au|aux)|suite à|"
    r"à la suite d[eu']|en (?:lien|relation|rapport) avec|s'agissant d[eu']|à propos d[eu']|en réponse à|"
    r"en ce qui concerne|pour ce qui concerne|"
    # it
    r"nell'ambito|nel quadro|in riferimento|con riferimento|relativamente|in merito|riguardo|in relazione|"
    r"a seguito|per quanto riguarda|riguardante|relativ[aoie] a\w*|nel contesto|in ordine a\w*|circa|"
    # es / pt
    r"en el marco d\w*|en relación (?:con|a)\w*|con relación a\w*|respecto (?:a|de)\w*|con respecto (?:a|de)\w*|"
    r"en referencia a\w*|con referencia a\w*|referente a\w*|relativ[oa] a\w*|sobre|a propósito d\w*|"
    r"en el contexto d\w*|en cuanto a\w*|acerca d\w*|no âmbito d\w*|no quadro d\w*|em relação a\w*|"
    r"com referência a\w*|quanto a\w*|"
    # Nordic, Polish
    r"i samband med|angående|beträffande|rörande|gällande|avseende|med anledning av|inom ramen för|"
    r"med hänvisning till|i fråga om|i forbindelse med|vedrørende|vedr\.?|med henvisning til|som led i|"
    r"som ledd i|inden for rammerne af|innenfor rammen av|i anledning af|gjelder|ang\.|"
    r"w związku z(?:e)?|w ramach|w sprawie|dotycząc\w*|odnośnie(?: do)?|w nawiązaniu do|w odniesieniu do|"
    r"w kontekście"
    r")(?!\w))"
)
#: A character of a noun phrase: no clause or sentence break; the period of a title or an initial ("D.", "Mr.",
#: "Sig.") is one.
_NP_CHAR = r"(?:[^,.;:!?()\[\]\n]|(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z][a-z]{2})\.)"
#: What may stand between the frame and the word: words of its noun phrase, no clause break.
_FRAME_BEFORE = re.compile(_FRAME + r"(?P<gap>" + _NP_CHAR + r"{0,80})$", re.IGNORECASE | re.MULTILINE)
#: A Finnish postposition after the word ("velkajärjestelyyn liittyen", "velkajärjestelyä koskevaan kyselyynne").
_FRAME_AFTER = re.compile(
    r"^\w*(?P<gap>(?:[ \t]+\w+){0,2}?)[ \t]+(?:liittyen|koskien|koskev\w*|yhteydessä|puitteissa|osalta|johdosta)(?!\w)",
    re.IGNORECASE,
)
#: A clause of its own between the frame and the word: a subordinate conjunction, a relative pronoun or a verb
#: ("in relation to your client who has entered an IVA", "im Rahmen Ihres Schreibens ist der Schuldner in …").
_CLAUSE_IN_GAP = re.compile(
    r"(?<!\w)(?:dass|daß|ob|weil|wobei|wonach|welche\w*|die|that|whether|because|which|who|where|dat|omdat|waarbij|"
    r"waarin|que|qu|parce|dont|où|qui|che|perché|dove|porque|donde|att|eftersom|at|fordi|hvor|som|että|koska|joka|"
    r"jossa|że|ponieważ|gdzie|któr\w*|"
    r"ist|sind|war|wurde|wurden|befindet|befinden|hat|haben|is|are|was|were|has|have|been|entered|zit|zijn|heeft|"
    r"hebben|werd|wordt|est|sont|été|a été|è|sono|stato|stata|ha|hanno|está|están|es|ha sido|er|var|blev|ble|har|"
    r"är|on|oli|jest|został\w*)(?!\w)",
    re.IGNORECASE,
)

#: The court side in the word's sentence: a court, a judge or a decision, the procedure opened, admitted or
#: confirmed, claims lodged.
_COURT_SIDE = re.compile(
    r"(?<!\w)(?:(?!außer|ausser)\w*gericht\w*|beschluss\w*|eröffn\w*|angemeldet|anmeld\w*|anzumelden|bestellt|"
    r"court|judge|judgment|order of|admitted|approved|registered|declared|adjudicat\w*|petition\w*|opened|lodged|"
    r"rechtbank|rechter|vonnis|beschikking|toegelaten|toelating|uitgesproken|ingediend|indienen|homologat\w*|"
    r"tribunal\w*|juge\w*|jugement|recevab\w*|déclarée?s?|ouverte?s?|admise?s?|homolog\w*|greffe|"
    r"tribunale|giudice|decreto|omolog\w*|apert[oa]|insinuat\w*|ammess[oa]|"
    r"juzgado|juez|auto|declarad[oa]|declaración|abiert[oa]|"
    r"tingsrätt\w*|domstol\w*|beslut\w*|beviljat\w*|inled\w*|anmäl\w*|skifteret\w*|byret\w*|kendelse\w*|"
    r"indledt|anmeld\w*|stadfæst\w*|tingrett\w*|kjennelse\w*|åpnet|innvilget|stadfest\w*|meld(?:e|t) inn|"
    r"käräjäoikeu\w*|tuomioistuin\w*|vahvistet\w*|aloitta\w*|aloitettu|päätö\w*|päättä\w*|"
    r"sąd\w*|postanowieni\w*|ogłoszon\w*|otwar\w*|zgłosz\w*|zgłoszeni\w*)(?!\w)",
    re.IGNORECASE,
)
#: An official of an opened procedure, anywhere in the creditor's text.
_OFFICIAL = re.compile(
    r"(?<!\w)(?:treuhänder\w*|insolvenzverwalter\w*|sachwalter\w*|gläubigerversammlung\w*|prüfungstermin\w*|"
    r"schlussverzeichnis\w*|abtretungsfrist|wohlverhaltens\w*|zahlungsplantagsatzung|"
    r"supervisor\w*|nominee\w*|trustee\w*|official receiver|insolvency practitioner\w*|creditors'? meeting|"
    r"meeting of creditors|proof of debt|protective certificate|"
    r"bewindvoerder\w*|curator\w*|verificatievergadering|schuldbemiddelaar\w*|"
    r"mandataire\w*|liquidateur\w*|commission de surendettement|banque de france|"
    r"gestore della crisi|organismo di composizione|occ|liquidatore\w*|curatore\w*|commissario\w*|"
    r"administraci[oó]n concursal|administrador\w* concursal\w*|mediador\w* concursal\w*|"
    r"kurator\w*|bobestyrer\w*|förvaltare\w*|kronofogden|namsmann\w*|namsfogd\w*|gjeldsforhandling\w*|"
    r"selvittäjä\w*|pesänhoitaja\w*|syndyk\w*|nadzorc\w*|krz)(?!\w)",
    re.IGNORECASE,
)
#: A sentence's end: ``.!?`` after a word of three or more letters, before a capital; a line break.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})[.!?](?=\s+[A-ZÀ-ÖØ-Þ])|(?<=[\d)])[.!?](?=\s+[A-ZÀ-ÖØ-Þ])|\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]`` (``_SENTENCE_END``; a line is at most one sentence)."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def _framed(text: str, start: int, end: int) -> bool:
    """Whether the procedure word at ``text[start:end]`` stands in a framing phrase of its own clause."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _FRAME_BEFORE.search(text[max(line_start, start - 160) : start])
    if before and not _CLAUSE_IN_GAP.search(before.group("gap")):
        return True
    after = _FRAME_AFTER.match(text[end : end + 60])
    return bool(after and not _CLAUSE_IN_GAP.search(after.group("gap")))


def office_procedure(text: str, start: int, end: int) -> bool:
    """Whether the collective-debt-procedure phrase at ``text[start:end]`` (a phrase of
    ``reply_kind.KIND_PHRASES``' ``other`` rows or of ``reply_wording``'s insolvency concern) names
    the office's own out-of-court plan in passing (module docstring): framed, no court procedure by
    its nature, no court side in its sentence, no official of an opened procedure in ``text``.
    ``text`` is the creditor's own text the phrase was found in (unwrapped: a line break ends a
    sentence). Never raises."""
    if _COURT_PROCEDURE.search(text[max(0, start - 24) : end + 12]):
        return False
    if not _framed(text, start, end):
        return False
    if _COURT_SIDE.search(_sentence(text, start, end)):
        return False
    return not _OFFICIAL.search(text)


#: A noun of the office's plan, proposal or letter (or a procedure word) in a framing clause.
_PLAN_NOUN = re.compile(
    r"(?<!\w)(?:\w*einigungsversuch\w*|\w*schuldenbereinigung\w*|\w*plan\w*|\w*vorschlag\w*|anfrage|schreiben|"
    r"settlement|arrangement|proposal|proposed|letter|email|e-mail|enquiry|request|dmp|iva|"
    r"\w*schuldsanering\w*|schuldhulpverlening|schuldbemiddeling|\w*regeling|voorstel|verzoek|brief|"
    r"surendettement|règlement|proposition|demande|courrier|désendettement|médiation|"
    r"sovraindebitamento|crisi|accordo|proposta|richiesta|piano|"
    r"segunda oportunidad|acuerdo|propuesta|solicitud|escrito|procedimiento|procedura|procédure|"
    r"\w*sanering\w*|\w*ordning\w*|forslag|förslag|henvendelse|henvendelsen|förfrågan|begäran|"
    r"velkajärjestel\w*|ehdotu\w*|kysely\w*|porozumieni\w*|propozycj\w*|wnios\w*|zapytani\w*)(?!\w)",
    re.IGNORECASE,
)
#: A framing clause at a label's start, up to the comma or colon that ends it.
_LEADING_FRAME = re.compile(r"^\W*" + _FRAME + r"(?P<phrase>" + _NP_CHAR + r"{0,140})[,:]", re.IGNORECASE)


def without_office_frame(label: str) -> str:
    """``label`` (the words before a figure) with a leading framing clause that names the office's plan,
    proposal or letter blanked ("With reference to your proposed out-of-court debt settlement on behalf of
    Ms Kearney, we confirm the balance due … is" → "…, we confirm the balance due … is"); unchanged when it
    opens with no such clause, or the clause holds a figure. Same length as ``label`` (spaces for the
    blanked words)."""
    m = _LEADING_FRAME.match(label)
    if not m or not _PLAN_NOUN.search(m.group("phrase")) or re.search(r"\d", m.group("phrase")):
        return label
    return " " * m.end() + label[m.end() :]
