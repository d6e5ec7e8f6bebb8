"""File numbers and creditor references in creditor letters.

- The office's own client file number looks like ``BÖ-2024-0173``: 1–4 capital letters
  (umlauts allowed), a dash, a year, a dash, digits. Creditors often quote it as
  "Ihr Zeichen" (it is the office's reference from their point of view).
- Creditor references are read only after a label of ``REFERENCE_LABELS`` (one table
  per language; e.g. Aktenzeichen, Az., Ihr/Unser Zeichen,
  Kundennummer, Vertragsnummer, Rechnungsnummer, Kontonummer, compound nouns ending in
  -vertrag/-konto/-darlehen/-kredit before a number ("Kontokorrentkonto Nr. 0087 6543 21",
  "Versicherungsvertrag 44-1187730-2"), "our reference", "account number", …). A value
  may be written in digit groups ("5100 2233 41", "KTO 4471 2290 03"). IBANs, BICs, phone and fax numbers, dates, Handelsregister
  numbers (HRB …) and VAT ids (USt-IdNr.) are never references, even after a label.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from creditctl.pipeline.extraction.amounts import find_amounts
from creditctl.pipeline.scan import compile_prefiltered

__all__ = [
    "COURT_WORDS",
    "REFERENCE_LABELS",
    "FoundReference",
    "find_body_identifiers",
    "find_bracketed_references",
    "find_column_references",
    "find_file_numbers",
    "find_office_file_numbers",
    "find_references",
    "find_subject_identifiers",
    "find_suffixed_references",
    "normalise_reference",
]

FILE_NUMBER_RE = re.compile(r"(?<![\w-])[A-ZÄÖÜ]{1,4}-(?:19|20)\d{2}-\d{3,6}(?![\w-])")

_NO = r"(?=\s*(?:n[°ºo]\.?|nr\.?|no\.?|id|:)?\s*:?\s*#?\s*(?:[A-Z]{0,4}-?|(?-i:[A-Z]{1,4})\x20)\d)"  # a value follows
_PAREN = r"(?=\s*[(\[]\s*#?\d{4,}\s*[)\]])"
#: A case word right before a case code of five characters or more with a digit: "dossier
#: RC/24/99812", "expediente GCI-ES-2208817", "zu Akt DI 2025/048812", "sag NI-884120".
_CODE = (
    r"(?=\s*:?\s*#?\s*(?!(?:EUR|CHF|USD|GBP|SEK|DKK|NOK|PLN|CZK|Fr|SFr)\.?\s)(?=[A-Z0-9][A-Z0-9/\-.]{4,}|[A-Z]{1,4}\s\d{4}/|(?-i:[A-Z]{1,4})\s\d{1,4}/|(?-i:[A-Z]{1,4})\s\d{3,4}[\s\-]\d{3}|\d{3,5}\x20\d{3,5}\x20\d{2,5})(?:[A-Z]{0,4}-?\d{3}|\d{1,4}[/\-.]\d{3}|[A-Z]{1,5}(?:[/\-.][A-Z0-9]{1,6})*[/\-.]\d"
    r"|[A-Z]{1,4}\s\d{4}/\d|(?-i:[A-Z]{1,4})\s\d{1,4}/\d|(?-i:[A-Z]{1,4})\s\d{3,4}[\s\-]\d{3}|\d{3,5}\x20\d{3,5}\x20\d{2,5}))"
)  # "Your request (557120)", "[#4471209]": the creditor's ticket in brackets
#: A letter code right after a case word of the languages that inflect it (Czech, Polish, Romanian,
#: Baltic, Balkan, Greek, Bulgarian): capitals (a digit may close them), a dash or slash, then a code
#: with a digit ("AB-55120931", "OPL/2024/883412", "P4-2210987", "WM-O12-M7"); never a plain number
#: (a phone number, a sum, a bank account), which the case word alone does not name.
_LETTER_CODE = r"(?=\s*:?\s*#?\s*(?-i:[A-Z][A-Z0-9]{0,5})[-/](?=[A-Z0-9/\-]*\d)[A-Z0-9])"
#: Reference labels per language (regex fragments, case-insensitive). "Ihr Zeichen",
#: "your ref", "uw kenmerk", "votre référence" … name the office's own reference in a
#: reply (see ``_OFFICE_LABEL_IN_REPLY``). Adding a label touches this table only.
REFERENCE_LABELS: dict[str, tuple[str, ...]] = {
    "de": (
        # a case word before a case code: "zu Akt DI 2025/048812", "Akte AI-24-117305"
        r"(?:Akt|Akte|Vorgang|Vertrag|Fall)" + _CODE,
        r"Aktenzeichen",
        r"Akten-?Nr\.?",
        r"Az\.",
        r"Az(?=[\s:])",
        r"Gesch(?:ä|ae)ftszeichen",
        r"(?:Ihr|Unser|Mein|Ihre|Unsere|Ihrem|Ihren|Ihres|Unserem|Unseren|Unseres)\s+(?:Zeichen|Az\.?|Aktenzeichen|Referenz|Kundennummer)",
        r"Kundennummer",
        r"Kunden-?Nr\.?",
        r"Kundennr\.?",
        r"Kd\.?-?Nr\.?",
        r"Vertragsnummer",
        r"Vertrags-?Nr\.?",
        r"Vertragsnr\.?",
        r"Vertragskonto(?:nummer)?",
        r"Darlehensnummer",
        r"Darlehens-?Nr\.?",
        r"Kreditnummer",
        r"Kredit-?Nr\.?",
        r"Rechnungsnummer",
        r"Rechnungs-?Nr\.?",
        r"Rechnungsnr\.?",
        r"Rechnung\s(?:Nr\.?|No\.?)",
        r"Rg\.?-?Nr\.?",
        r"Kontonummer",
        r"Konto-?Nr\.?",
        r"Kontonr\.?",
        r"Kundenkonto",
        r"Konto(?=\s\d)",
        r"Darlehen(?=\s\d)",
        r"[A-Za-zÄÖÜäöüß]*(?:vertrag|konto|kontokorrent|darlehen|kredit)(?:e?s(?=\s))?(?:\s+Nr\.?|s?-?Nr\.?)?(?=\s*(?:Nr\.?\s*)?[:#]?\s*(?:[A-Z]{2,4}[\s-]?)?\d)",
        r"Forderungsnummer",
        r"Forderungs-?Nr\.?",
        r"Vorgangsnummer",
        r"Vorgangs-?Nr\.?",
        r"Mitgliedsnummer",
        r"Mandantennummer",
        r"Mandanten-?Nr\.?",
        r"Debitorennummer",
        r"Debitoren-?Nr\.?",
        r"Personenkonto",
        r"Zeichen(?=\s*:)",
        r"Dossier-?(?:Nr\.?|nummer)",
        r"Kto\.?-?(?:Nr\.?)?(?=\s*:?\s*\d)",  # "Kredit Kto.-Nr. 3.104.877", "Kto 4410227793"
        # whose file it is: "Az. der Gläubigerin KFK-2024-771203", "Zeichen des Auftraggebers 4471"
        r"(?:Az\.?|Aktenzeichen|Zeichen|Geschäftszeichen)\s+(?:der|des)\s+(?:Gläubiger(?:in|s)?|Mandant(?:in|en)|Auftraggeber(?:in|s)?)",
        # an order or purchase named by its number: "die Bestellung 301-8841277", "Auftrag 4410-28831"
        r"(?:Bestellung|Auftrag|Lieferung)(?=\s+(?:Nr\.?\s*)?[A-Z]{0,4}-?\d{3})",
        r"Mandats?-?Nr\.?",
        r"Mandatsnummer",
        r"Forderungs-?ID",
        r"Vorgang" + _NO,
        r"Schadennummer",
        r"Versicherungsnummer",
        r"Policennummer",
        r"Ticket(?:nummer|-?Nr\.?)?" + _NO,
        r"Referenz(?:nummer)?",
        r"Ref\.?-?Nr\.?",
        r"Kassenzeichen",
        r"Buchungszeichen",
        r"Beitragsnummer",
        r"Beitrags-?Nr\.?",
        r"Beitragskonto(?:nummer)?",
        r"Mitglieds-?Nr\.?",
        # small creditors: a club's member, a practice's or hospital's patient, a school's pupil
        r"Mitgl\.-?Nr\.?",
        r"Patienten-?Nr\.?",
        r"Sch(?:ü|ue)ler-?Nr\.?",
        r"Versicherungsschein(?:nummer)?",
        r"Anfrage" + _PAREN,
        # public creditors and landlords: the tax office's case is the Steuernummer; a flat is an Objekt
        r"Steuer-?(?:nummer|Nr\.?)",
        r"St\.?-?Nr\.?(?=\s*:?\s*\d)",
        # a tenant's, member's, subscriber's or patient's case number: "Mieternr. 1207-03-11",
        # "Jahresabo Nr. 88-1204", "Mitglied 7001-2238", "Fallzahl 2407-118836" (AT hospitals)
        r"Mieter-?(?:nr\.?|nummer)",
        r"(?:Jahres)?Abo(?:nnement)?(?:\s+Nr\.?|-?Nr\.?)?(?=\s*:?\s*\d{2,}[\-/]?\d)",
        r"Mitglied(?=\s+\d{3,}[\-/]\d)",
        r"Fallzahl",
        r"Bedarfsgemeinschaft(?=\s*(?:Nr\.?\s*)?:?\s*\d{4})",
        r"Bestellungen(?=\s+(?:Nr\.?\s*)?[A-Z]{0,4}-?\d{3})",
        r"Objekt-?Nr\.?",
        r"Objektnummer",
        r"Miet(?:vertrags)?-?Nr\.?",
        r"Policen-?Nr\.?",
        # a policy ("Police 77.412.930", CH/AT), a Jobcenter's Bedarfsgemeinschaft ("BG 36102BG0048817")
        r"Police(?:n)?(?:-?Nr\.?|nummer)?(?=\s+(?:Nr\.?\s*)?\d)",
        r"(?-i:BG)(?:-?Nr\.?|-Nummer)?(?=\s*:?\s*\d{5})",
        r"Nummer der Bedarfsgemeinschaft",
        r"Versicherungs-?Nr\.?",
        r"Betreibung(?:s-?Nr\.?|\s+Nr\.?)",
        r"Verwendungszweck",
        r"Zahlungsreferenz",
        r"(?:Ihr|Unser)\s+Akt",
        r"Akt(?=\s*:)",
        r"(?-i:Akt)(?=\s+\d{1,4}/\d)",  # "Akt 24/0812" (Austria)
        r"Akt(?:en)?zahl",
        r"Akt(?:en)?-?Nr\.?",
        r"GZ(?=\s*:)",
        r"Gesch(?:ä|ae)ftszahl",
        r"Bestell-?(?:nummer|Nr\.?)",
        r"Auftrags-?(?:nummer|Nr\.?)",
        r"Debitor(?=\s*:)",
        r"(?:Rechnung|factuur|facture|fattura|factura|faktura|lasku)(?=\s+[A-Z]{0,4}-?\d)",
        # any other "…nummer" of the creditor's file (Mieternummer, Schadensnummer), not a phone, tax, ID or register number
        (
            r"(?!(?:Telefon|Telefax|Fax|Handy|Mobil|Steuer|Umsatzsteuer|Register|Handelsregister|Haus|Zähler|Durchwahl|Post|Ausweis|"
            r"Personalausweis|Identifikations|Sozialversicherungs|Renten|Geburts|Bank|Steuer-?ID|Betriebs|Ondernemings|Unternehmens|"
            r"Firmen|Organisations|BTW|Btw)nummer)[A-ZÄÖÜ][a-zäöüß]{3,}nummer"
        ),
    ),
    "en": (
        r"(?:case|file|account|loan|agreement|contract|matter)" + _CODE,
        r"(?:our|your)\s+(?:ref(?:erence)?\.?|file\s+ref(?:erence)?|account\s+(?:number|no\.?))",
        r"account\s+(?:number|no\.?|ref(?:erence)?)",
        r"member(?:ship)?\s+(?:number|no\.?)",
        r"customer\s+(?:number|no\.?|reference|id)",
        r"invoice\s+(?:number|no\.?)",
        r"agreement\s+(?:number|no\.?)",
        r"contract\s+(?:number|no\.?)",
        r"case\s+(?:number|no\.?|reference|id)",
        r"claim\s+(?:number|no\.?|reference)",
        r"policy\s+(?:number|no\.?)",
        r"loan\s+(?:number|no\.?)",
        r"ticket\s*(?:number|no\.?|id|#)?" + _NO,
        r"file\s+(?:number|no\.?|reference)",
        r"reference(?:\s+number)?",
        r"ref\.?" + _NO,
        r"customer\s+ref\.?",
        r"(?:order|purchase)(?=\s+(?:no\.?\s*)?[A-Z]{0,4}-?\d{3})",
        r"a/c(?:\s+no\.?)?" + _NO,
        r"acc(?:t|ount)?\.?\s+no\.?",
        r"(?:loan\s+|card\s+)?account(?=\s*[:#]\s*[A-Z]{0,4}-?\d)",
        r"contract(?=\s*[:#]\s*[A-Z]{0,4}-?\d)",
        r"invoice" + _NO,
        r"case(?=\s*#\s*\d)",
        r"(?:on\s)?(?:loan\s|card\s|credit\scard\s)?account(?=\s[A-Z]{0,4}-?\d)",
        # "Shamrock Energy account (SE00473312)": the number in parentheses after "account"
        r"(?:loan\s|card\s|energy\s)?account(?=\s?\(\s?[A-Z]{0,4}-?\d)",
        r"case(?=\s*:\s*[A-Z]{0,4}-?\d)",
        r"(?:service\s|support\s)?request" + _PAREN,
        r"request\s+(?:number|no\.?|id)",
        r"(?:account|loan|agreement|claim|debt|client|order)\s+(?:id|ref\.?)",
        r"payment\s+ref(?:erence)?",
        r"order\s+(?:number|no\.?|#)",
        r"debt\s+(?:number|no\.?|reference)",
        r"(?:patient|student|pupil)\s+(?:number|no\.?|id|ref(?:erence)?)",
        r"(?:our|your)\s+(?:case|account|customer|agreement)\s+(?:number|no\.?|ref(?:erence)?)",
    ),
    "nl": (
        r"(?:dossier|contract|overeenkomst|zaak)" + _CODE,
        r"(?:ons|onze|uw)\s+(?:kenmerk|referentie|referte|dossiernummer)",
        r"referte",
        r"dossiernummer",
        r"dossiernr\.?",
        # a collection or customer file: "incassodossier 2025-33817", "klantdossier 88120-3"
        r"(?:incasso|klant|debiteuren|debiteur)dossier(?:nummer|nr\.?)?(?=\s*:?\s*[A-Z]{0,4}-?\d{3})",
        r"klantnummer",
        r"klantnr\.?",
        r"contractnummer",
        r"factuurnummer",
        r"factuurnr\.?",
        r"polisnummer",
        r"betalingskenmerk",
        r"vorderingnummer",
        r"kenmerk",
        r"referentie(?:nummer)?",
        r"aanvraag" + _PAREN,
        r"relatienummer",
        r"[a-z]*(?:contract|overeenkomst|rekening)(?=\s*(?:nr\.?\s*)?[:#]?\s*[A-Z]{0,4}-?\d)",
        r"bestelling(?=\s+(?:nr\.?\s*)?[A-Z]{0,4}-?\d{3})",
        r"relatienr\.?",
        r"debiteur(?:en)?nummer",
        r"debiteurnr\.?",
        r"vorderingsnummer",
        r"ordernummer",
        r"bestelnummer",
        r"dossier" + _NO,
        r"pati[ëe]nt(?:en)?nummer",
        r"pati[ëe]ntnr\.?",
        r"lidnummer",
        r"lidnr\.?",
    ),
    "fr": (
        r"(?:dossier|contrat|compte|prêt|créance)" + _CODE,
        r"(?:notre|votre)\s+(?:r[ée]f[ée]rence|r[ée]f\.?)",
        r"[NV]/\s?r[ée]f\.?",
        r"num[ée]ro\s+(?:de\s+|du\s+)?(?:dossier|client|contrat|facture|compte|pr[êe]t|police|sinistre)",
        r"n[°º]\s*(?:de\s+)?(?:dossier|client|contrat|facture)",
        r"(?:dossier|contrat|facture|client|compte|prêt)\s+(?:n\.?[°º]|num[ée]ro)",
        r"r[ée]f[ée]rence(?:\s+(?:du\s+|de\s+la\s+)?(?:client|dossier|contrat|facture|pr[êe]t))?",
        r"r[ée]f\.?\s+(?:client|dossier|contrat|compte)",
        r"r[ée]f\.(?=\s)",
        # a Belgian structured payment message: "communication structurée +++071/2445/11856+++"
        r"(?:communication|mededeling)(?:\s+(?:structurée|gestructureerde))?(?=\s*:?\s*\+{3})",
        r"gestructureerde\s+mededeling(?=\s*:?\s*\+{3})",
        r"commande(?=\s+(?:n[°º]\s*)?[A-Z]{0,4}-?\d{3})",
        r"dossier" + _NO,
        r"demande" + _PAREN,
        r"(?:nos|vos)\s+r[ée]f(?:[ée]rences?)?\.?",
        r"n[°º]\s*(?:d'|de\s+)?(?:allocataire|adh[ée]rent|compte|police|sinistre|pr[êe]t|commande|contrat|facture)",
        r"num[ée]ro\s+(?:d'|de\s+)?(?:allocataire|adh[ée]rent|commande|cr[ée]ance)",
        r"r[ée]f[ée]rence\s+(?:de\s+l'avis|de\s+paiement)",
        r"n[°º]\s*(?:de\s+|d')?(?:patient(?:e)?|[ée]l[èe]ve|membre)",
        r"num[ée]ro\s+(?:de\s+|d')?(?:patient(?:e)?|[ée]l[èe]ve|membre)",
    ),
    "it": (
        r"(?:pratica|posizione|contratto|conto)" + _CODE,
        r"(?:nostro|vostro|ns\.?|vs\.?)\s+(?:riferimento|rif\.?)",
        r"riferimento",
        r"rif\.(?=\s)",
        r"numero\s+(?:pratica|cliente|contratto|fattura|posizione)",
        r"(?:pratica|contratto|fattura|posizione|conto|finanziamento|prestito|mutuo|polizza|cliente|utenza|abbonamento)\s+(?:n\.\s?[°º]?|n[°º]|numero|nr\.?)",
        r"codice\s+cliente",
        r"rif\.?\s+(?:cliente|pratica|contratto)",
        r"pratica" + _NO,
        r"riferimento\s+(?:del(?:la)?\s+)?(?:pratica|contratto|fattura|cliente|polizza)",
        r"numero\s+(?:di\s+)?polizza",
        r"richiesta" + _PAREN,
        r"codice\s+(?:pratica|contratto|posizione)",
        r"n\.\s?(?:pratica|contratto|posizione)",
        r"rif\.\s?(?:pratica|contratto)",
        r"numero\s+(?:d'\s?)?ordine",
    ),
    "es": (
        r"(?:expediente|contrato|cuenta|préstamo|póliza)" + _CODE,
        # Portuguese: "o saldo em dívida do contrato CL-PT-0098123", "processo n.º"
        r"(?:contrato|processo|conta)" + _CODE,
        r"(?:nuestra|su)\s+(?:referencia|ref\.?)",
        r"n[úu]mero\s+de\s+(?:expediente|cliente|contrato|factura)",
        r"(?:expediente|contrato|factura|cliente|cuenta|póliza|préstamo)\s+(?:n\.?[°º]|n[úu]mero)",
        r"n[°º]\s+de\s+(?:expediente|cliente|contrato|factura)",
        r"referencia\s+(?:del?\s+)?(?:contrato|expediente|cliente|factura|pr[ée]stamo|p[óo]liza)",
        r"n[úu]mero\s+(?:del?\s+)?(?:contrato|expediente|cliente|factura|cuenta|p[óo]liza|pr[ée]stamo)",
        r"referencia",
        r"expediente" + _NO,
        r"(?:ref\.?\s+)?exp(?:te|dte)\.?",
        r"n\.?\s?[°º]\s*(?:de\s+)?(?:expediente|cliente|contrato|factura)",
        r"solicitud" + _PAREN,
        r"c[óo]digo\s+(?:de\s+)?cliente",
        r"nro\.?\s+(?:de\s+)?(?:cliente|expediente|contrato|factura)",
        r"n[úu]mero\s+de\s+pedido",
        r"(?:nuestra|su)\s+ref(?:erencia)?\.?",
    ),
    "nordic": (
        r"(?:sag|sagen|sak|saken|ärende|ärendet|asia|asiassa|asianne|asiasi|asiamme)" + _CODE,
        r"(?:vår|er|deres|vores|jeres|meidän|teidän)\s+(?:referens|reference|referanse|ref\.?|viite)",
        r"referens(?:nummer)?",
        r"referanse(?:nummer)?",
        r"kundnummer",
        r"kundnr\.?",
        r"kundenummer",
        r"kundenr\.?",
        r"avtalsnummer",
        r"kontraktnummer",
        r"avtalenummer",
        r"fakturanummer",
        r"fakturanr\.?",
        r"ärendenummer",
        r"ärende" + _NO,
        r"sagsnummer",
        r"saksnummer",
        r"saksnr\.?",
        r"sagsnr\.?",
        r"ärendenr\.?",
        r"avtalenr\.?",
        r"kontraktnr\.?",
        # "Avser kontrakt 4711-0032-2", "aftale 55-1020", "sopimus 2291-4"
        r"(?:kontrakt|avtal|aftale|avtale|sopimus)(?=\s+[A-Z]{0,4}-?\d)",
        r"asiakasnro\.?",
        r"viitenro\.?",
        r"laskunro\.?",
        r"polisnummer",
        r"försäkringsnummer",
        r"policenummer",
        r"forsikringsnummer",
        r"vakuutusnumero",
        r"viitenumero",
        r"asiakasnumero",
        r"sopimusnumero",
        r"viitteemme",
        r"viitteenne",
        r"laskun\s+numero",
        r"laskunumero",
        r"tilausnumero",
        r"viite" + _NO,
        r"(?:kund|sag|sak|avtal|faktura|ärende)s?nr\.?",
        r"asiakas(?:numero|nro)",
        r"lånenummer",
        r"lånenr\.?",
        r"låne?nummer",
        r"kontonummer",
        r"kontonr\.?",
        r"(?-i:OCR)(?:-?nummer)?",
        r"(?-i:KID)(?:-?nummer)?",
        r"betalingsreference",
        r"betalingsreferanse",
        r"ordernummer",
        r"saatavan\s+numero",
        r"(?:ärende|sag|sak|pyyntö)" + _PAREN,
    ),
    # Polish: "numer sprawy WK/2025/03318", "umowa pożyczki nr AP/2023/441820", "nr klienta 4471"
    # Czech: "zákaznické číslo 1100447120", "variabilní symbol 4471203388", "číslo smlouvy"
    "cs": (
        r"z[áa]kaznick[ée]\s+[čc][íi]slo",
        r"variabiln[íi]\s+symbol",
        r"[čc][íi]slo\s+(?:smlouvy|faktury|z[áa]kazn[íi]ka|[úu][čc]tu|p[řr][íi]padu)",
        # Slovak and the abbreviated forms: "číslo zmluvy", "č. smlouvy", "zákaznícke číslo", "variabilný symbol"
        r"[čc][íi]slo\s+(?:zmluvy|z[áa]kazn[íi]ka|pr[íi]padu)",
        r"č\.\s?(?:smlouvy|zmluvy|faktury|p[řr][íi]padu|z[áa]kazn[íi]ka)",
        r"z[áa]kazn[íi]ck[ée]\s+[čc][íi]slo",
        r"variabiln[ýy]\s+symbol",
        r"(?:smlouv|zmluv)(?:a|y|ě|e|u)\s+č\.",
        # the contract (any case) or "the number" right before the creditor's letter code: "ke smlouvě
        # AB-55120931", "smlouva HC-3390127754", "k zmluve ST-1180023945", "a číslem AB-55120931"
        r"(?:smlouv|zmluv)(?:a|y|ě|e|u|ou)" + _LETTER_CODE,
        r"[čc][íi]sl(?:o|a|em)" + _LETTER_CODE,
    ),
    "pl": (
        r"(?:numer|nr\.?)\s+(?:sprawy|umowy|klienta|rachunku|faktury|referencyjny|pożyczki|kredytu)",
        r"(?:umow[aęyie]|umowie)(?:\s+(?:pożyczki|kredytu|kredytowej|pożyczkowej|najmu))?\s+(?:nr\.?|numer)",
        r"sygnatura(?:\s+akt)?",
        # the account, case or contract (any case) before the letter code: "nr konta OPL/2024/883412", "konto
        # WM-O12-M7", "w sprawie KR-88230117", "z tytułu umowy PGE-40033921", "ani numeru P4-2210987"
        r"(?:kont(?:o|a|em|cie)|spraw(?:a|ie|y|ą)|umow(?:a|y|ie|ą|ę)|numer(?:u|em)?)" + _LETTER_CODE,
    ),
    # Hungarian: "szerződésszám: MT-20551234", "ügyfélszám", "ügyfél-azonosító"; the value written first
    # ("OTP-11773300-41 számú hitelszerződés") is read by ``find_suffixed_references``
    "hu": (
        r"szerz[őo]d[ée]ssz[áa]m(?:a)?",
        r"szerz[őo]d[ée]s\s+sz[áa]ma",
        r"[üu]gyf[ée]lsz[áa]m(?:a)?",
        r"[üu]gyf[ée]l-?azonos[íi]t[óo](?:ja)?",
        r"hivatkoz[áa]si\s+sz[áa]m",
        r"(?:hitel)?szerz[őo]d[ée]s(?:e|ek)?" + _LETTER_CODE,
    ),
    # Romanian: "cont ORO-1029384756", "Contul ORO-…", "dosar KRO-5512093", "cod client ENEL-30112874",
    # "numărul contractului", "contract nr."
    "ro": (
        r"(?:cont(?:ul|ului)?|contract(?:ul|ului)?|dosar(?:ul|ului)?)" + _LETTER_CODE,
        r"(?:num[ăa]r(?:ul)?|nr\.)\s+(?:de\s+)?(?:contract(?:ului)?|client(?:ului)?|dosar(?:ului)?)",
        r"cod(?:ul)?\s+(?:de\s+)?client",
        r"contract(?:ul)?\s+(?:nr\.?|num[ăa]r)",
    ),
    # Croatian, Serbian, Bosnian, Slovene: "broj ugovora", "ugovor br.", "po kreditu ZB-2390011847",
    # "številka pogodbe", "po pogodbi TS-88201734", "stanje kredita NLB-0561239", "poziv na broj", "sklic"
    "hr_sl": (
        r"broj\s+(?:ugovora|korisnika|predmeta|kredita|partije)",
        r"ugovor(?:a|u|om)?\s+br\.",
        r"(?:ugovor|kredit|pogodb|predmet)(?:a|u|om|i|e)?" + _LETTER_CODE,
        r"[šs]tevilk[ae]\s+(?:pogodbe|naro[čc]nika|kredita|stranke|zadeve)",
        r"pogodb[aei]\s+[šs]t\.",
        r"poziv\s+na\s+broj",
        r"sklic(?:\s+na\s+[šs]tevilko)?",
    ),
    # Lithuanian: "sutarties Nr. TL-6602931", "kredito sutarties SWB-4471029", "pagal sutartį TL-…", "kliento kodas"
    "lt": (
        r"sutart(?:ies|is|į|yje)\s+(?:nr\.?|numeris)",
        r"sutart(?:ies|is|į|yje)" + _LETTER_CODE,
        r"kliento\s+(?:kodas|numeris|nr\.?)",
    ),
    # Bulgarian: "договор VB-55012938", "по договор № PK-3302918", "клиентски номер", "абонатен номер"
    "bg": (
        r"договор(?:а|ът)?" + _LETTER_CODE,
        r"договор(?:а|ът)?\s*(?:№|номер)",
        r"(?:номер|№)\s+(?:на\s+)?(?:договор(?:а)?|клиент(?:а)?)",
        r"(?:клиентски|абонатен)\s+номер",
    ),
    # Greek: "αρ. λογαριασμού CM-6940012233", "τη σύμβαση EB-0026571930", "κωδικός πελάτη"
    "el": (
        r"(?:αρ\.|αριθμ[όο]ς)\s+(?:λογαριασμο[ύυ]|σ[ύυ]μβασης|πελ[άα]τη|συμβολα[ίι]ου)",
        r"(?:σ[ύυ]μβασης?|λογαριασμ(?:[όο]ς?|ο[ύυ]))" + _LETTER_CODE,
        r"κωδικ[όο]ς\s+πελ[άα]τη",
    ),
    # Turkish: "sözleşme no", "müşteri numarası", "abone no"; the value written first ("TC-5321987654
    # numaralı hat") is read by ``find_suffixed_references``
    "tr": (
        r"s[öo]zle[şs]me\s+(?:no|numaras[ıi])",
        r"m[üu][şs]teri\s+(?:no|numaras[ıi])",
        r"abone\s+(?:no|numaras[ıi])",
    ),
    # a rented flat or a bare "number" before a letter code: "Appartement RM-APP-14", "Wohnung RM-APP-14",
    # "Nummer TC-5321987654" (German written by a non-native writer)
    "flat": (r"(?:Appartement|Apartment|Wohnung|Whg\.)" + _LETTER_CODE, r"Nummer" + _LETTER_CODE),
}
_LABELS = "|".join(p for patterns in REFERENCE_LABELS.values() for p in patterns)
#: Values a plain run of reference characters misses: one capital, a space, then digits
#: ("relatienummer R 1180447", "Kunden-Nr. K 4471209"); dot-grouped digits broken over a
#: line after a dot, the rest alone on its line ("Ons dossiernummer: 2025.118.\n447", a
#: wrapped HTML line).
_SPLIT_VALUE = (
    r"(?-i:[A-Z])\x20(?:\d{4,12}|\d{3}(?=\x20\d{3}))(?:\x20\d{2,12})*(?![\w'’]|[.,]\d)"
    r"|\d{2,6}(?:\.\d{2,6})+\.\n\d{2,6}(?=[ \t]*(?:\n|$))"
    # a letter code wrapped after its dash or slash ("codice cliente CC-\n40021873")
    r"|(?-i:[A-Z]{1,6})(?:[/\-]\d{2,6})*[/\-]\n\d{3,12}(?![\w/\-]|[.,]\d)"
    # a letter code and groups joined by spaced slashes ("Az.: NS / 25 / 118377"; not a date)
    r"|(?-i:[A-Z]{1,6})(?:\x20/\x20[A-Z0-9]{1,8}){2,4}(?![\w/])"
    # a tax number with spaced slashes ("StNr. 318 / 5512 / 0937")
    r"|\d{2,6}(?:\x20/\x20\d{2,8}){2,3}(?![\w/])"
)
#: A German law firm's file number: running number, year, then the handling lawyer's
#: initials, optionally with a desk number ("118/25 DR", "221/24 BR07", "317/24BV"); the
#: initials are capitals (never a currency or a court: "118/25 EUR", "12/25 AG").
LAW_FIRM_FILE = (
    r"\d{1,6}/\d{2,4}\x20?(?-i:(?!(?:EUR|CHF|USD|GBP|PLN|CZK|SEK|DKK|NOK|AG|LG|OLG|SG|VG|AZ)(?![A-Z]))[A-Z]{2,3}\d{0,3})"
    r"(?![\w/\-])"
)
#: Every label of ``_LABELS`` starts with a letter (the test is case-insensitive): the same
#: matches, fewer positions tried (pipeline/scan.py); a label opening with another character
#: adds it here.
_REF_RE = compile_prefiltered(  # compiled once, with its first-character test
    r"(?<![\w-])(?P<label>"
    + _LABELS
    + r")(?:\s+(?:[a-zàé]{1,2}\s+)?[a-zäöüéèàø]{3,20}(?:\s+[a-zäöüéèàø]{3,20})?(?=\s*:)|\s*\([^()\n]{3,40}\)(?=\s*:)|\s*[–—-]\s[^–—\n:]{3,40}\s[–—-](?=\s*:))?(?:\s+(?:lautet|ist|is|est|è|es|är|er))?\s*(?:-?(?:n[°ºo]\.?|nr\.?|no\.?)\s*)?(?:[:#.(\[]|\||-(?=\s))?\s*#?\s*(?:\+{3})?"
    r"(?P<value>\d{1,4}\s[A-Z]{1,4}\s\d{1,6}/\d{2,4}(?![\w/])|"
    + LAW_FIRM_FILE
    + r"|"
    + _SPLIT_VALUE
    + r"|(?=[A-ZÄÖÜa-z0-9/\-._]*\d|[A-ZÄÖÜ]{1,4}\x20\d)[A-ZÄÖÜ0-9][A-ZÄÖÜa-z0-9/\-._]*[A-Z0-9]"
    # digit groups written with spaces: "5100 2233 41", "KTO 4471 2290 03", "MV 2231/07" (not an amount)
    r"(?:\x20\d{2,12}(?:[/-][0-9A-Z]{1,6})*(?![\d'’]|[.,]\d|\s?(?:€|EUR\b|Euro|CHF|USD|GBP|£|\$|%|Tage|days|Monat|month)))*"
    # a check digit closing the groups at the end of a line: "1234 5678 9012 3"
    r"(?:\x20\d(?=[ \t]*(?:\n|$|[(),;])))?)",
    re.IGNORECASE,
    "a-zßà-öø-ÿčžā-ſа-яёα-ωάέήίόύώ",
)


@dataclass(frozen=True)
class _RefMatch:
    """One ``_REF_RE`` match as plain values: the label, the raw value and their offsets."""

    label: str
    value: str
    start: int
    value_start: int


_MATCH_CACHE = 256
"""Texts whose ``_REF_RE`` matches are kept (``_ref_matches``): one extraction scans the
same body, quote and signature three times (office numbers, file numbers, references),
and the safety layer's second readings scan the same quote again."""


@lru_cache(maxsize=_MATCH_CACHE)
def _ref_matches(text: str) -> tuple[_RefMatch, ...]:
    """Every ``_REF_RE`` match in ``text`` whose value holds a digit, in order (the big
    label alternation runs once per distinct text; every reader of a value needs a digit:
    ``FILE_NUMBER_RE`` and ``_is_reference_value``). Pure; cached per process."""
    if not _HAS_DIGIT.search(text):
        return ()
    scanned = _LABEL_RUN.sub(_mask_without_digit, _LEADER.sub(_blank, text))
    return tuple(
        _RefMatch(m.group("label"), m.group("value"), m.start(), m.start("value"))
        for m in _REF_RE.finditer(scanned)
        if _HAS_DIGIT.search(m.group("value"))
    )


_HAS_DIGIT = re.compile(r"\d")
#: Dot leaders between a label and its value ("N. pratica ........ RA/2026/11873",
#: "Codice cliente .... 00771845"): read as the blank they stand for (offsets stay).
_LEADER = re.compile(r"(?<=[^\W\d]) ?\.{3,}(?= ?[A-Z0-9])")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


#: A run of the only characters a ``_REF_RE`` match consumes: word characters, white
#: space and the punctuation of the labels, separators and values (``. - / : # ( [ |
#: ° º``). A match lies inside one run, and its value holds a digit, so a run without a
#: digit holds no match the readers keep.
_LABEL_RUN = re.compile(r"[\w\s.\-/:#()\[\]|°º–—'’,&+№ª*\"„“”]+")  # every character a label may hold


def _mask_without_digit(m: re.Match[str]) -> str:
    r"""A digit-free run replaced by underscores of the same length (offsets stay; the
    label regex's ``(?<![\w-])`` fails inside it at once): the big alternation is tried
    only where a kept match can start. Runs with a digit stay as they are."""
    run = m.group(0)
    return run if _HAS_DIGIT.search(run) else "_" * len(run)


_IBAN_RE = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")
_SPACED_IBAN_RE = re.compile(r"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,}")
_BIC_RE = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_DATE_RE = re.compile(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^(?:19|20)\d{2}-\d{2}-\d{2}$")
_WORD_AND_DATE = re.compile(r"^[A-Za-z]{1,4}\s(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d{2}$")
_VAT_RE = re.compile(r"^(?:DE|ATU|CHE)\d{8,9}$")
_EXCLUDED_CONTEXT = re.compile(
    # a label right before the value; a dash between names something else ("Funkwelt Mobil - AI-91002/25")
    # the short ones as words: "Ivan Horvat, broj ugovora …" is no VAT label, "Mobilfunk" no "Mobil"
    r"(?:(?<![^\W\d_])(?:IBAN|BIC|Tel\.?|Telefon|Fax|Phone|Mobil|HRB|HRA|USt|VAT|FCA|FRN|Firm|Company|Registered|KvK|CVR|SIRE[NT])"
    r"|Amtsgericht|Steuer)[^\w\-–—]*$",
    re.IGNORECASE,
)


#: Courts in every language: a file number written right after one ("verurteilt vom
#: Amtsgericht Hagen (Az. 12 C 345/26)") is the court's, not the creditor's.
COURT_WORDS: dict[str, tuple[str, ...]] = {
    "de": (
        r"(?:Amts|Land|Oberlandes|Mahn|Vollstreckungs|Insolvenz|Bezirks|Arbeits|Sozial|Verwaltungs)?[Gg]ericht(?:s|es)?",
        r"Gerichtsvollzieher\w*",
        r"Betreibungsamt",
    ),
    "en": (r"court", r"tribunal", r"judgment"),
    "nl": (r"rechtbank", r"kantongerecht", r"gerechtshof", r"vonnis"),
    "fr": (r"tribunal", r"cour d'appel", r"jugement"),
    "it": (r"tribunale", r"giudice di pace", r"sentenza"),
    "es": (r"juzgado", r"tribunal", r"sentencia"),
    "nordic": (
        r"tingsr[äa]tt",
        r"tingrett",
        r"byret",
        r"k[äa]r[äa]j[äa]oikeus",
        r"domstol",
        r"kronofogden",
        r"dom(?:en)?",
    ),
}
_COURT_BEFORE = re.compile(
    r"(?<![\w])(?:" + "|".join(p for ps in COURT_WORDS.values() for p in ps) + r")(?![\w])[^.\n]{0,60}$", re.IGNORECASE
)


@dataclass(frozen=True)
class FoundReference:
    """One reference: ``value`` as written, its ``label`` ("Kundennummer"), and ``text``,
    the exact matched span (label and value) at ``start``/``end``."""

    value: str
    label: str
    text: str
    start: int
    end: int


def normalise_reference(value: str) -> str:
    """Compare form of a reference: upper case, without spaces."""
    return re.sub(r"\s+", "", value).upper()


_OFFICE_LABEL_IN_REPLY = re.compile(
    r"^(?:Ihr|Ihre|Ihrem|Ihren|Ihres|your|uw|votre|vos|vostro|vs\.?|su|er|deres|jeres|teidän)\s|^V/|^viitteenne",
    re.IGNORECASE,
)
_OFFICE_LABEL_IN_QUOTE = re.compile(
    r"^(?:Unser|Unsere|Unserem|Unseren|Unseres|Mein|our|ons|onze|notre|nos|nostro|ns\.?|nuestra|vår|vores|meidän)\s|^N/|^viitteemme",
    re.IGNORECASE,
)


#: Label words that name a reference (as opposed to "Ihre Kundennummer", the client's number).
_OFFICE_REF_WORD = re.compile(
    r"zeichen|\baz\b|aktenzeichen|\bakt\b|referenz|\bref|kenmerk|referte|r[ée]f|\brif|riferimento|referencia|referens|referanse|viite|viitte|dossier",
    re.IGNORECASE,
)


def _label_is_office(label: str, quoted: bool) -> bool:
    """Whether a label names the office's own reference.

    In a creditor's reply "Ihr Zeichen"/"your reference" is the office's; in the quoted
    history (the office's own letter) it is "Unser Zeichen"/"our reference".
    """
    rx = _OFFICE_LABEL_IN_QUOTE if quoted else _OFFICE_LABEL_IN_REPLY
    return bool(rx.search(label.strip()))


def _unqualified_in_office_letter(label: str, quoted: bool) -> bool:
    """In the quoted office letter a label that names neither side ("Aktenzeichen:",
    "Az.:", "Dossier:") is the office's own; only one addressed to the creditor ("Ihr
    Zeichen", "your ref") names the creditor's."""
    return quoted and not _OFFICE_LABEL_IN_REPLY.search(label.strip()) and bool(_OFFICE_REF_WORD.search(label))


#: A subject's label that names the creditor's own file: "RE: Dossier RL-2024-55190",
#: "R: Pratica n. ADR-2024-07781", "Expediente CL-24-008812", "Unser Fall ZFD-…".
_SUBJECT_CREDITOR_LABEL = re.compile(
    r"(?i)(?:\bdossier|\bpratica|\bexpediente|\bakte|\bfall|\bcase|\bzaak|\bärende|\bsak)"
    r"\s*(?:n[°º.o]?\.?|nr\.?|no\.?|#)?\s*:?\s*$"
)


def find_file_numbers(text: str, *, quoted: bool = False, subject: bool = False) -> list[tuple[str, int, int]]:
    """The office's file numbers (``BÖ-2024-0173``) in ``text`` as (value, start, end).

    A value of that shape after a creditor-side label ("Aktenzeichen", "Unser Zeichen"
    in a reply) is the creditor's reference, not the office's file number; an unlabelled
    one on a line with a money amount is an invoice row ("RE-2026-11873 | 14.06.2026 |
    EUR 89,90"), not the office's number either.
    ``quoted``: ``text`` is quoted history (labels read from the office's side).
    ``subject``: ``text`` is a subject line, which both sides edit ("AW: Ihr Az.
    BÖ-…", "WG: Unser Zeichen BÖ-…"): there the office's shape alone decides.
    """
    if subject:
        return [
            (m.group(0), m.start(), m.end())
            for m in FILE_NUMBER_RE.finditer(text)
            if not _SUBJECT_CREDITOR_LABEL.search(text[max(0, m.start() - 30) : m.start()])
        ]
    creditor_spans: set[int] = set()
    office_spans: set[int] = set()
    for ref in _ref_matches(text):
        if FILE_NUMBER_RE.fullmatch(ref.value.rstrip(".-/_")):
            office = _label_is_office(ref.label, quoted) or _unqualified_in_office_letter(ref.label, quoted)
            (office_spans if office else creditor_spans).add(ref.value_start)
    out = []
    for m in FILE_NUMBER_RE.finditer(text):
        if m.start() in creditor_spans:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if m.start() not in office_spans and find_amounts(line):
            continue
        out.append((m.group(0), m.start(), m.end()))
    return out


def find_office_file_numbers(text: str, *, quoted: bool = False, unqualified: bool = False) -> list[str]:
    """The office's file numbers that ``text`` labels as the office's own ("Ihr Zeichen:
    BÖ-2025-0110" in a reply, "Unser Zeichen: BÖ-2025-0110" in the quoted letter).

    ``unqualified`` (with ``quoted``): also those after a label that names neither side
    in the quoted office letter ("wir vertreten Frau Meyer (Az. BÖ-2026-0301)"), the
    office's own there (docs/evaluation.md, "Identifiers")."""
    return [
        m.value.rstrip(".-/_")
        for m in _ref_matches(text)
        if FILE_NUMBER_RE.fullmatch(m.value.rstrip(".-/_"))
        and (_label_is_office(m.label, quoted) or (unqualified and _unqualified_in_office_letter(m.label, quoted)))
    ]


#: An unlabelled identifier in brackets right after the client's name: "Frau Katrin
#: Seidel (EI-2026-44817)", "Mr John Hale (ACC 44120)". Letters and digits both.
_BRACKETED_AFTER_NAME = re.compile(
    r"(?:(?:Herrn?|Frau|Mr\.?|Mrs\.?|Ms\.?|Mme|M\.|Monsieur|Madame|de heer|mevrouw|Sig\.(?:ra)?|Sr\.|Sra\.|D\.|Dña\.)\s+"
    r"[A-ZÀ-Þ][\w\-]+(?:\s+(?:van|von|de|der|di|del)?\s*[A-ZÀ-Þ][\w\-]+){0,2}"
    # or a bare first name and surname ("Karin Nilsson (SK-71-2287)")
    r"|(?<![\w.])[A-ZÀ-Þ][a-zß-ÿ]+(?:\s+(?:van|von|de|der|di|del)?\s*[A-ZÀ-Þ][a-zß-ÿ\-]+){1,2})\s*\("
    r"(?P<value>(?=[^)]*[A-Z])(?=[^)]*\d)[A-Z0-9][A-Z0-9\-/. ]{3,24}[A-Z0-9])\)"
)


def find_bracketed_references(text: str) -> list[FoundReference]:
    """Unlabelled creditor references in brackets after a client's name (see
    ``_BRACKETED_AFTER_NAME``); the office's file numbers are left to the caller."""
    out = []
    for m in _BRACKETED_AFTER_NAME.finditer(text):
        value = m.group("value")
        if _is_reference_value(value) and not _DATE_RE.match(value) and not _REGISTER_VALUE.match(value):
            out.append(FoundReference(value=value, label="", text=value, start=m.start("value"), end=m.end("value")))
    return out


#: A register or tax id written in brackets after a company ("Lindner KG (HRB 1234)").
_REGISTER_VALUE = re.compile(r"^(?:HR[AB]|FN|CHE|ATU|VAT|KVK|CVR|SIRE[NT]|RCS|CIF|NIF)\b", re.IGNORECASE)

#: An unlabelled identifier of capitals and digits joined by dashes or slashes
#: ("Re: Owen Price – HX-5521-07"), as a creditor writes it into a subject line.
_SUBJECT_IDENTIFIER = re.compile(
    r"(?<![\w/-])(?=[A-Za-z0-9/-]*[A-Z])(?=[A-Za-z0-9/-]*\d)[A-Za-z0-9]{1,10}(?:[-/][A-Za-z0-9]{1,10}){1,4}(?![\w/-])"
    # or a long run of digits ("AW: Forderung 4471190023 – Tamara Reinholz"), not an amount or a date
    r"|(?<![\w/.,'-])\d{6,20}(?:[-/]\d{1,10}){0,3}(?![\w/.,'-])"
    # or digit groups joined by dashes ("Erstattungsforderung 361-02-048811"), not an ISO date
    r"|(?<![\w/.,'-])(?!\d{4}-\d{2}-\d{2}(?![\d-]))\d{2,6}(?:-\d{2,8}){2,3}(?![\w/.,'-])"
    # or two digit groups joined by one dash, six digits or more ("Mitglied 7001-2238", "de Vries 88120-3",
    # "Halvorsen – 2026-448817"), not a year and month ("2026-12")
    r"|(?<![\w/.,'-])(?!(?:19|20)\d{2}-[01]?\d(?![\d-]))(?=(?:\d-?){6})\d{2,6}-\d{1,8}(?![\w/.,'-])"
    # or a letter code, a space and digits of five or more ("Re: VDB 2291047 Maier", "Mieterin Demir, MN 04-117-3"),
    # not a currency, a postcode or a phone label
    r"|(?<![\w/.,'-])(?!(?:EUR|CHF|USD|GBP|SEK|DKK|NOK|PLN|CZK|PLZ|ZIP|TEL|FAX|KW|NR|NO)\x20)[A-Z]{2,4}\x20(?=(?:\d-?){5})\d{2,12}(?:-\d{1,6}){0,3}(?![\w/.,'-])"
    # or capitals and digits run together, digits first or between ("36102BG0048817", "4471KD20931")
    r"|(?<![\w/.,'-])(?=[A-Z0-9]*\d{4})\d[A-Z0-9]*[A-Z][A-Z0-9]*\d(?![\w/.,'-])"
    # or a law firm's file number with the lawyer's initials ("Brandt ./. Hoffmann – 118/25 KE")
    r"|(?<![\w/.,'-])" + LAW_FIRM_FILE
)


def find_subject_identifiers(subject: str) -> list[FoundReference]:
    """Unlabelled identifiers of a subject line: capitals and digits joined by dashes or
    slashes, with at least one letter and one digit ("HX-5521-07", "SK-71-2287"), or a
    run of six or more digits ("4471190023"); dates,
    IBANs and register ids are left out, the office's file numbers are left to the caller."""
    out = find_rental_units(subject)
    for m in _SUBJECT_IDENTIFIER.finditer(subject):
        value = m.group(0)
        if (
            len(value) >= 6
            and _is_reference_value(value)
            and not _REGISTER_VALUE.match(value)
            and not _EXCLUDED_CONTEXT.search(subject[max(0, m.start() - 12) : m.start()])
        ):
            out.extend(law_firm_forms(FoundReference(value=value, label="", text=value, start=m.start(), end=m.end())))
    return out


#: Unlabelled identifiers a reply's own text may carry: a letter code, a two- or four-digit
#: year and a running number ("aktueller Saldo zu NS-25-114802", "NFM-23-099120" alone on
#: a line), and a Belgian structured payment message ("+++071/2445/11856+++").
_BODY_IDENTIFIER = re.compile(
    r"(?<![\w/.\-])(?P<value>[A-Z]{2,5}-\d{2,4}-\d{4,8})(?![\w/\-])|\+{3}(?P<ogm>\d{3}/\d{4}/\d{5})\+{3}"
    # or a code of capitals and digits alone on its line, as the answer to "your file number?"
    # ("RC-88412/LM", "ANSWER: SCM-448120 (Emerald account …)")
    r"|^[ \t]*(?:(?i:answer|antwort|antwoord|réponse|risposta|respuesta|svar)[ \t]*:[ \t]*)?"
    r"(?P<alone>(?![A-Z]{1,2}-\d{4,5}(?![\w/\-]))(?=[A-Z0-9/\-]*[A-Z])(?=(?:[A-Z/\-]*\d){4})[A-Z0-9]{1,10}(?:[-/][A-Z0-9]{1,10}){1,4})"
    r"[ \t]*(?:\([^()\n]{0,60}\))?[ \t]*$"
    # or the key of a table row without a header: " KCM/90177/NG  Pulse Gym Ltd   outstanding £174.00"
    r"|^[ \t]*(?P<row>(?![A-Z]{1,2}-\d{4,5}(?![\w/\-]))(?=[A-Z0-9/\-]*[A-Z])(?=(?:[A-Z/\-]*\d){4})[A-Z0-9]{1,10}(?:[-/][A-Z0-9]{1,10}){1,4})(?=[ \t]{2,}\S)",
    re.MULTILINE,
)


#: A private landlord's case is the flat: a street with its house number, then the flat
#: ("Lindenstr. 14 / Whg. 3", "Lindenstraße 14, Wohnung 3", "Kerkstraat 12 app. 4").
_RENTAL_UNIT = re.compile(
    r"(?<![\w])[A-ZÄÖÜ][\wäöüß-]*(?:str\.?|straße|strasse|weg|gasse|platz|allee|ring|damm|straat|laan|plein|gracht)"
    r" ?\d{1,4}[a-z]?(?: ?[/,] ?| )(?:Whg\.?|Wohnung|WE|App\.?|app\.?|appartement|Apt\.?|bus)(?: ?Nr\.?)? ?\d{1,3}[a-z]?(?![\w])"
)


def find_rental_units(text: str) -> list[FoundReference]:
    """Flats named by street, house number and flat number (``_RENTAL_UNIT``): the
    reference a landlord writing for itself gives its tenancy."""
    return [FoundReference(m.group(0), "", m.group(0), m.start(), m.end()) for m in _RENTAL_UNIT.finditer(text)]


#: A letter code written before the word that labels it as a number, as Hungarian and Turkish do:
#: "OTP-11773300-41 számú hitelszerződéséből", "PRV-771203 számú szerződéséből", "TC-5321987654
#: numaralı hat", "GB-77120394 nolu hesap".
_SUFFIXED = re.compile(
    r"(?<![\w/\-])(?P<value>[A-Z][A-Z0-9]{0,5}[-/](?=[A-Z0-9/\-]*\d)[A-Z0-9](?:[A-Z0-9/\-]*[A-Z0-9])?)"
    r"\s+(?i:sz[áa]m[úu]|numaral[ıi]|nolu|no'lu|no’lu)(?![\w])"
)


def find_suffixed_references(text: str) -> list[FoundReference]:
    """Creditor references whose label follows the value (``_SUFFIXED``): "OTP-11773300-41
    számú szerződés", "TC-5321987654 numaralı hat". The office's file numbers, dates and
    IBANs are left out. Never raises."""
    out = []
    for m in _SUFFIXED.finditer(text):
        value = m.group("value")
        if FILE_NUMBER_RE.fullmatch(value) or not _is_reference_value(value):
            continue
        out.append(FoundReference(value=value, label="", text=m.group(0), start=m.start("value"), end=m.end()))
    return out


def find_body_identifiers(text: str) -> list[FoundReference]:
    """Unlabelled identifiers of the shapes in ``_BODY_IDENTIFIER`` (a value of the office's
    file-number shape, ``BÖ-2026-0301``, is left to the caller's office reading) and rented
    flats (``find_rental_units``)."""
    out = find_rental_units(text)
    for m in _BODY_IDENTIFIER.finditer(text):
        group = next(g for g in ("value", "ogm", "alone", "row") if m.group(g))
        value = m.group(group)
        if FILE_NUMBER_RE.fullmatch(value):
            continue
        out.append(FoundReference(value=value, label="", text=value, start=m.start(group), end=m.end(group)))
    return out


_LABEL_CELL = re.compile(r"(?:" + _LABELS + r")\.?\s*:?", re.IGNORECASE)
_CELLS = re.compile(r"\s*\|\s*|\t+")
_ID_CELL = re.compile(r"[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9/\-._]*(?: [A-ZÄÖÜ0-9/\-._]+)*")  # capitals, digits, separators


#: A date in a header cell ("Saldo 01.12.2026"): it dates the column, it is no value.
_HEADER_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{2,4})?|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")

#: Columns aligned with runs of spaces ("Kenmerk       Debiteur       Openstaand").
_SPACED_CELLS = re.compile(r" {2,}")


def _cells(line: str) -> list[str]:
    """The cells of a table row: split at pipes or tabs, else at runs of two or more spaces
    (a plain-text table aligned with spaces); [] for a line that is no row."""
    if "|" in line or "\t" in line:
        return [c.strip() for c in _CELLS.split(line.strip().strip("|"))]
    cells = _SPACED_CELLS.split(line.strip())
    return cells if len(cells) >= 2 else []


def _label_cell(cell: str) -> bool:
    """Whether a header cell names a reference column: a label of ``REFERENCE_LABELS``
    alone ("Kundennummer", "Account No.") or one that reads only before its value
    ("Kreditkonto", "Vertrag": the cell is read as if a number followed it)."""
    if _label_is_office(cell, False) or _BARE_INVOICE.match(cell.strip(" :")):
        return False  # "Rechnung | Datum | Betrag": the rows of an itemised list, not the case
    # "Konto/Vertrag": either name labels the column
    return any(
        _LABEL_CELL.fullmatch(part) or _REF_RE.fullmatch(part.rstrip(" :") + " 12345") for part in cell.split("/")
    )


def find_column_references(text: str) -> list[FoundReference]:
    """References in a table whose header row names them ("Kundennummer | Vertragsnummer |
    Offener Betrag" above "4471229 | VN-88120 | 120,00 €"): the cells below a label cell,
    in the rows that follow with as many cells. Office-side labels ("Ihr Zeichen") and
    anything that is not a reference value (amounts, dates, IBANs) are left out."""
    out: list[FoundReference] = []
    lines = text.splitlines(keepends=True)
    starts = [0, *itertools.accumulate(len(x) for x in lines)]  # each line's offset, in one pass
    for i, line in enumerate(lines):
        header = _cells(line)
        columns = [j for j, c in enumerate(header) if _label_cell(c)]
        if len(header) < 2 or not columns or any(_HAS_DIGIT.search(_HEADER_DATE.sub("", c)) for c in header):
            continue  # a header row names, it holds no values ("Kunden-Nr. | 100 200 300" is a key/value row)
        for k in range(i + 1, min(i + 8, len(lines))):
            row = _cells(lines[k])
            if len(row) != len(header):
                break
            out.extend(_column_values(row, header, columns, lines[k], starts[k]))
    return out


def _column_values(
    row: list[str], header: list[str], columns: list[int], line: str, line_start: int
) -> list[FoundReference]:
    """The reference values of one table row in the labelled ``columns``."""
    out = []
    for j in columns:
        value = row[j]
        if _ID_CELL.fullmatch(value) and _is_reference_value(value) and not find_amounts(value):
            at = line_start + line.find(value)
            out.append(FoundReference(value=value, label=header[j], text=value, start=at, end=at + len(value)))
    return out


def _is_reference_value(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    if len(compact) < 4 or not re.search(r"\d", compact):
        return False
    if _IBAN_RE.match(compact) or _DATE_RE.match(value) or _VAT_RE.match(compact):
        return False
    if _WORD_AND_DATE.match(value):
        return False  # "conto AL 30/11/2026", "Stand PER 01.12.2026": a short word and a date
    if _BIC_RE.match(compact) and not compact.isdigit() and re.search(r"[A-Z]{6}", compact):
        return False
    return True


_BARE_INVOICE = re.compile(r"^(?:Rechnung|factuur|facture|fattura|factura|faktura|lasku)$", re.IGNORECASE)


def _invoice_row(text: str, ref: _RefMatch) -> bool:
    """A bare "Rechnung 2026-101" on a line that also holds an amount: a row of a list of
    invoices ("Rechnung 2026-101 vom 01.09.2026: 120,00 €") when the text holds several
    (``_invoice_list``), else the one invoice the claim is."""
    if not _BARE_INVOICE.match(ref.label.strip()):
        return False
    line_start = text.rfind("\n", 0, ref.start) + 1
    line_end = text.find("\n", ref.value_start + len(ref.value))
    return bool(find_amounts(text[line_start : line_end if line_end >= 0 else len(text)]))


def find_references(text: str, *, quoted: bool = False) -> list[FoundReference]:
    """Creditor references after a known label, in order, without duplicates.

    Returns ``FoundReference`` items; the office's file numbers, IBANs, BICs, dates,
    VAT ids and anything after IBAN/Tel/Fax/HRB labels are left out. ``quoted``: the
    text is quoted history, where "Ihr Zeichen" is the creditor's. Never raises.
    """
    out: list[FoundReference] = []
    seen: set[str] = set()
    invoice_rows = {normalise_reference(r.value) for r in _ref_matches(text) if _invoice_row(text, r)}
    for r in _ref_matches(text):
        value = r.value.rstrip(".-/_")
        if _left_out(text, r, value, quoted) or (
            len(invoice_rows) > 1 and normalise_reference(r.value) in invoice_rows
        ):
            continue  # … or one row of a list of invoices, not the case's reference
        key = normalise_reference(value)
        if key in seen:
            continue
        seen.add(key)
        end = r.value_start + len(value)
        out.extend(
            law_firm_forms(FoundReference(value=value, label=r.label, text=text[r.start : end], start=r.start, end=end))
        )
        out.extend(ref for ref in _listed_after(text, value, end) if normalise_reference(ref.value) not in seen)
        seen.update(normalise_reference(ref.value) for ref in out)
    return out


def _left_out(text: str, r: _RefMatch, value: str, quoted: bool) -> bool:
    """Whether a labelled ``value`` is no creditor reference: no reference shape, an IBAN,
    the office's own, after IBAN/Tel/HRB, or a court's file number."""
    if not _is_reference_value(value) or _SPACED_IBAN_RE.match(text, r.value_start):
        return True
    if _label_is_office(r.label, quoted) and (FILE_NUMBER_RE.fullmatch(value) or _OFFICE_REF_WORD.search(r.label)):
        return True  # the office's own reference ("Ihr Zeichen", "your ref", "uw kenmerk"), not the creditor's
    if _EXCLUDED_CONTEXT.search(text[max(0, r.start - 12) : r.start]):
        return True
    # the court's file number ("Amtsgericht Hagen, Az. 12 C 345/26"), not the creditor's
    return not _OFFICE_LABEL_IN_QUOTE.search(r.label) and bool(
        _COURT_BEFORE.search(text[max(0, r.start - 80) : r.start])
    )


#: More values of one label, listed: "die Bestellungen PL-8830124 und PL-8830991",
#: "accounts KCM/90177/NG and KCM/90412/NG", "les dossiers RC-1 et RC-2".
_LISTED = re.compile(
    r"(?:\s*,\s*|\s+(?:und|and|en|et|e|y|och|og|sowie|&|a|i|oraz|și|és|ir|in|и|και|ve)\s+)(?P<v>[A-Z]{0,5}[-/]?\d[A-Z0-9/\-.]*[A-Z0-9])"
)


def _shape(value: str) -> str:
    return re.sub(r"\d", "9", value.upper())


def _listed_after(text: str, value: str, end: int) -> list[FoundReference]:
    """The values listed right after ``value`` (at ``end``) with the very same shape
    (letters kept, every digit a 9): "PL-8830124 und PL-8830991"; an amount, a date or
    a value of another shape ends the list."""
    out = []
    while m := _LISTED.match(text, end):
        if _shape(m.group("v")) != _shape(value) or not _is_reference_value(m.group("v")):
            break
        out.append(FoundReference(m.group("v"), "", m.group("v"), m.start("v"), m.end("v")))
        end = m.end()
    return out


_LAW_FIRM_FILE_RE = re.compile(r"(?P<number>\d{1,6}/\d{2,4})\x20?[A-Z]{2,3}\d{0,3}")


def law_firm_forms(ref: FoundReference) -> list[FoundReference]:
    """``ref``, and when it is a law firm's file number with the lawyer's initials
    ("118/25 DR") also the bare number ("118/25"): offices file it either way, and
    matching compares whole references (``LAW_FIRM_FILE``)."""
    m = _LAW_FIRM_FILE_RE.fullmatch(ref.value)
    if m is None:
        return [ref]
    bare = m.group("number")
    return [ref, FoundReference(value=bare, label=ref.label, text=ref.text, start=ref.start, end=ref.end)]
