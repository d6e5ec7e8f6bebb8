"""Amount labels: which words name the total, a component or something else.

One table (``AMOUNT_LABELS``): role → language → regex fragments (case-insensitive).
Adding a label is adding one string to one tuple. Roles:

- ``other``: instalments, offers, payments received, old or original balances, credit
  limits, share capital — never the claim;
- ``total``: words naming the sum ("Gesamtforderung", "Summe", "total", "totaal");
- ``principal``, ``interest``, ``costs``: the components;
- ``weak_total``: words that may name the claim or a part of it ("Saldo", "offen",
  "outstanding", "beträgt", "openstaand", "solde", "importo dovuto"): components beat them;
- ``rest``: words naming what remains after deductions ("Restforderung", "remaining balance",
  "reste dû"): nearer the amount than a payment word, they name the total;
- ``predicate``: words right after a figure that state it is owed now ("492,37 € offen",
  "£80.00 outstanding"): they name the total when the words before it name nothing;
- ``credit``: words saying the creditor owes the client ("Guthaben", "in credit",
  "zu Ihren Gunsten", "tegoed", "en votre faveur").

Languages: de (Germany, Austria, Switzerland), en (UK, Ireland), nl (Dutch, Flemish),
fr, it, es, nordic (sv, da, no, fi).
"""

from __future__ import annotations

import re

from creditctl.pipeline.scan import compile_prefiltered, word_start_split

__all__ = [
    "offer_object",
    "AMOUNT_LABELS",
    "BANK_ACCOUNT_RE",
    "BANK_SENDER_RE",
    "CURRENT_COLUMN_RE",
    "WITHOUT_COSTS_RE",
    "WITH_COSTS_RE",
    "confirms_figure",
    "office_figure_confirmed",
    "OFFICE_FIGURE_RE",
    "LETTER_COLUMN_RE",
    "DEBIT_BALANCE_RE",
    "GENERIC_CLAIM_RE",
    "INCLUSIVE_RE",
    "LABEL_RES",
    "SEE_SUBJECT_RE",
    "PAID_CLAUSE_RE",
    "PAYMENT_TAIL_RE",
    "says_paid",
    "PART_SETTLED_RE",
    "settles_a_part",
    "settles_only_a_part",
]

AMOUNT_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "other": {
        "de": (
            # a periodic charge beside the arrears: "Die Kaltmiete beträgt 812,50 €", "monatliche Miete"
            r"\b(?:kalt|netto|grund|brutto|warm|monats)miete\b",
            r"\bmonatliche[nr]? (?:miete|mietzins|beitrag|gebühr)\b",
            r"\brate\b",
            r"\braten\b",
            # the figure the plan still asks for (read33): "Gemäss Ratenvergleich noch zu leisten", "laut Ratenplan"
            r"\b(?:gemä(?:ß|ss)|laut|lt\.) (?:dem |der |unserem |unserer )?(?:\w*plan|\w*vergleich|\w*vereinbarung)\b",
            # compound instalments: "Monatsrate", "Leasingrate", "Tilgungsrate"
            r"(?:monats|quartals|jahres|leasing|kredit|tilgungs|darlehens|miet|spar|teil)rate",
            # a year or month before the current one: "Rückstand Vorjahr", "Saldo Vormonat"
            r"\bvor(?:jahr|monat|quartal|periode)\w*",
            "ratenh",
            "monatlich",
            # another period's instalment: "vierteljährlich … mit 55,08 Euro zu zahlen", "halbjährlich", "wöchentlich"
            r"\b(?:viertel|halb)jährlich\w*",
            r"\bwöchentlich\w*",
            r"\bmtl\.",
            "vergleich",
            "einmalzahlung",
            "abfindung",
            "ursprüngl",
            "kreditbetrag",
            "darlehensbetrag",
            "nettodarlehen",
            "kreditsumme",
            # an insurance's sum insured or surrender value, not a claim: "(Versicherungssumme 25.000,00 EUR)"
            r"versicherungssumme|todesfallsumme|rückkaufswert",
            "gezahlt",
            "zahlungseing(?:a|ä)ng",
            "verrechn",
            "aufrechnung",
            "zahlungen",
            # a statement row "Eingang Zahlung 30,00", "Zahlung Eingang" (not "Zahlungsbetrag", "zur Zahlung fällig",
            # nor a sentence "keine Zahlung erfolgt")
            r"\beingang (?:der |einer )?zahlung\b",
            r"\bzahlung(?:s)? ?eingang\b",
            # one dated payment: "nach Verbuchung der Zahlung vom 02.11.2026 (75,00 EUR)"
            r"\bzahlung (?:vom|am|über|in höhe)\b",
            "teilzahlung",
            # a refund set off against the debt ("Die Erstattung aus der Veranlagung 2025 … 412,00 € wurde
            # verrechnet"); not "Erstattungsforderung" (a claim for repayment)
            r"\berstattung\b",
            r"\b(?:steuer)?gutschrift\b",
            "gutschrift",
            # a former figure: "(früher 1.254,93 €)", "(vormals …)"
            r"\bfrüher\b",
            r"\bvormals\b",
            # an own figure withdrawn: "Die dort genannten 474,60 € …", "einen veralteten Betrag"
            r"\bveraltet\w*",
            r"\b(?:dort|zuvor|damals|bisher) genannte\w*",
            r"\b(?:irrtümlich|fälschlich)\w*",
            "erhalten",
            "eingegangen",
            # a sum named as paid or settled: "Bezahlter Betrag: 1.250,00 €", "Summe beglichen"
            r"\b(?:bezahlte|beglichene|gezahlte|überwiesene|erstattete)[rn]? (?:betrag|summe|gesamtbetrag)\b",
            r"\b(?:betrag|summe) (?:bezahlt|beglichen|erstattet)\b",
            # a unit price: "3 heures supplémentaires à 52 €", "3 Std. a 68,00", "2 Raten zu je", "4 sessions @ £40"
            r"(?<![\d/.,-])\d{1,3}\s+(?:heures?|std\.?|stunden?|hours?|hrs?\.?|sessions?|leçons?|lessons?|séances?|stück|stk\.?|"
            r"pcs|pièces?|mois|monate?|months?|jours?|tage?|days?|nuits?|nights?|unités?|units?|articles?|artikel|raten|"
            r"mensualités|cuotas|rate|termijnen|maanden|uur|uren|ore|horas|timmar|timer|tunnit)"
            r"(?:\s+[^\W\d_]+\.?)?\s+(?:à|a|zu je|je|@)\s*$",
            # a monthly or weekly premium, fee or rent beside the arrears: "Die Monatsprämie 2027 beträgt Fr. 361.40"
            r"\b(?:monats|quartals|wochen)(?:prämie|beitrag|beiträge|gebühr|pauschale|miete|abo|abschlag)\w*",
            # the figure before a payment or a correction: "Vorher bestand ein Rückstand von 1.480,25 €"
            r"\b(?:vorher|zuvor)\b",
            # a benefit's standard rate or an exempt amount, not a claim: "der Regelbedarf beträgt derzeit 563,00 €",
            # "Pfändungsfreigrenze", "Freibetrag", "Selbstbehalt"
            r"\bregel(?:bedarf|satz|leistung)\w*",
            r"\b(?:pfändungs)?frei(?:betrag|grenze)\w*",
            r"\bselbstbehalt\w*",
            # Austrian: "dass am 19.11.2026 der Betrag von EUR 412,70 eingelangt ist" (received)
            r"\beingelangt\b",
            "bereits",
            "abschl(?:ä|ae)ge",
            # an advance payment on account ("Der Abschlag … beträgt ab Januar 74,00 EUR")
            r"\babschlag\w*",
            "stammkapital",
            "grundkapital",
            "mindest",
            "angebot",
            # "je" of each: "Okt–Dez je 650,–", "2026 je 96,00 EUR", "je angefangenem Monat" — not the Czech,
            # Slovak, Slovene or Croatian "is" ("aktuální dluh je 19 240,50 Kč", "dlh … je ku dňu …")
            r"(?:(?<=\b(?:19|20)\d\d )|(?<=\b(?:19|20)\d\d\) )|(?<=[–-] )|(?<=\())je\b",
            r"\b(?:jan|feb|mär|apr|mai|jun|jul|aug|sep|okt|nov|dez)[a-zä]*\.? je\b",
            r"\bje (?:angefangene[nm]? |volle[nm]? )?(?:\w*monat|woche|jahr|quartal|tag|rate|stück|stunde|person|vertrag|"
            r"mahnung|buchung|lieferung|einheit)\w*",
            "vortrag",
            "übertrag",
            "alter saldo",
            "bisherige",
            "zuletzt",
            # a credit line's limit; not the claim from it: "die Gesamtforderung aus dem Dispositionskredit beträgt"
            r"(?<!\baus dem )(?<!\baus )(?:dispositionskredit|kreditrahmen|kreditlinie)",
            "kreditlimit",
            "verfügungsrahmen",
            "zum zeitpunkt (?:der|des) (?:abtretung|übertragung|veräußerung|entscheidung|ausbuchung|rückgabe|kündigung|ankaufs?)",
            "kaufpreis",
            r"abzgl\.?",
            "abzüglich",
            r"zahlung (?:von|über|in höhe von)",
            "verzicht",
            # the office's own (outdated) figure, restated only to correct it
            r"(?:von ihnen|ihrerseits|in ihrem schreiben) (?:genannt|angegeben|mitgeteilt)",
            "nicht mehr aktuell",
            # a future due amount beside the balance: "der nächste Quartalsbetrag … wird am 15.02. fällig"
            r"\bnächste[nrs]?\b",
            "quartalsbetrag",
            r"\b(?:zu)?künftig",
            # a settlement offer: "mit einem Betrag von 3.500,00 € zufrieden zu geben", "in einer Summe"
            "zufrieden",
            "abgeltung",
            "in einer summe",
            "einmalbetrag",
            # a balance of the past: "Saldo per 30.09.2026 war", "betrug", "bei Rückgabe belief sich die Forderung auf"
            r"\b(?:war|betrug|belief|bezifferte)\b",
            # a figure that would be due on a condition, after a discount: "zu zahlen wären dann", "Nachlass"
            r"\bwären\b",
            # the claim as it would stand on a later date: "die Forderung betrüge dann 412,90 EUR"
            r"\b(?:betrüge|beliefe|ergäbe|läge)\b",
            r"\bwürden?\b",
            r"\bnachlass\b",
            r"\brabatt\w*",
            r"\bskonto\b",
            # a figure the creditor gave before: "zuvor mitgeteilt"; a payment made: "geleistet"
            r"(?:zuvor|bisher|damals) (?:genannt|mitgeteilt|angegeben)\w*",
            r"\bgeleistet\b",
            r"(?:zahlungs|raten|tilgungs)plan\w*",
            r"(?:monats|quartals)beitr(?:a|ä)g\w*",
            r"^\W*zahlung\b(?!s?(?:rückstand|forderung|verpflichtung|aufforderung|frist|ziel))",
        ),
        "en": (
            # the rest waived, not owed: "the remaining balance of £212.40 has been waived"
            r"\bwaived?\b",
            # a periodic charge beside the arrears: "the monthly rent is £650.00", "weekly rent"
            r"\b(?:monthly|weekly|fortnightly|quarterly|annual|contractual) (?:rent|charge|premium|fee|payment)s?\b",
            r"\b(?:quarterly|half-yearly|per quarter)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:outdated|incorrect(?:ly)?|in error|wrongly (?:stated|quoted|given))\b",
            "monthly",
            "per month",
            # an insurance's sum insured or surrender value: "(sum assured £25,000.00)"
            r"\bsum (?:insured|assured)\b|\bsurrender value\b",
            "instal+ment",
            "settlement",
            "original",
            "loan amount",
            r"amount (?:borrowed|financed|advanced|lent)",
            r"payments? received",
            # a payment received: "Following receipt of £2,191.50 from the customer's insurer"
            r"\b(?:following|after|upon|on) (?:the )?receipt of\b",
            r"\bpaid\b",
            "received",
            # a sum named as settled or refunded: "Amount settled: EUR 1,250.00", "settled sum"
            r"\b(?:amount|sum|total|balance|payment)s? (?:settled|cleared|refunded|repaid|remitted)\b",
            r"\bsettled (?:amount|sum|balance)\b",
            "already",
            "share capital",
            "minimum",
            "offer",
            "brought forward",
            # a credit note is deducted, not owed; a former figure is not the current one
            r"credit note",
            r"\b(?:previously|formerly)\b",
            # a part of the total just stated: "£8,712.30, of which £1,240.00 is in arrears", "davon", "dont", "di cui"
            r"^\W*(?:of which|davon|wovon|waarvan|dont|di cui|de (?:los|las) cuales|varav|heraf|herav|josta)\b",
            # a part the figure before holds, in its own sentence: "… beträgt 404,26 Euro. Darin enthalten sind
            # Säumniszuschläge von insgesamt 16,00 Euro", "This amount includes", "Hierin zijn … begrepen"
            r"^\W*(?:darin|hierin|davon|im (?:betrag|saldo) (?:sind|ist)) (?:\w+ )?(?:enthalten|inbegriffen)\b",
            r"^\W*(?:this|the above|that|which|it) (?:amount |balance |figure |sum )?(?:also )?includes\b|^\W*included in (?:this|the above)\b",
            r"^\W*(?:hierin|daarin) (?:is|zijn) (?:\w+ )?(?:begrepen|inbegrepen|opgenomen)\b",
            r"^\W*(?:ce (?:montant|solde)|cette somme) (?:comprend|inclut)\b",
            r"^\W*(?:in )?(?:tale|questo|detto) (?:importo|saldo) (?:sono )?(?:compres[io]|inclus[io]|include)\b",
            r"^\W*(?:este|dicho) (?:importe|saldo) incluye\b",
            r"^\W*(?:i )?(?:beloppet|beløbet|beløpet) (?:ingår|inngår|indgår|inkluderer)\b",
            "previous balance",
            "opening balance",
            r"(?:previous|prior|last) (?:year|month|quarter)",
            "credit limit",
            "reduced sum",
            "discount",
            r"\bless\b",
            r"payments? of",
            r"at the (?:time|date) of (?:the |our |its )?(?:sale|assignment|decision|write-?off|transfer|default|termination|return)",
            r"you (?:quoted|mentioned|stated|gave)",
            r"(?:quoted|stated|mentioned) in your (?:letter|e-?mail)",
            r"no longer (?:correct|current|accurate|valid)",
            r"next (?:payment|instal|direct debit|bill|quarter|invoice|monthly|amount)",
            "upcoming",
            "full and final",
            # a payment arrangement's own figures: "Arrears on the arrangement: €150.00"
            r"\barrangement\b",
            "lump sum",
            r"(?:accept|agree to) (?:a )?(?:reduced )?(?:payment|sum|amount) of",
            r"\bwas\b",
            r"\bwould (?:then )?(?:be|amount to|come to)\b",
            # the future of "amounts to", right before the figure: "the amount payable by 31/01/2027 will be" (a
            # figure of a later date, not the claim now)
            r"\bwill (?:then )?(?:be|amount to|come to|stand at)\s*(?:of\s*)?$",
            r"(?:we|I) (?:previously )?(?:quoted|gave|stated|advised)\b",
            # the arrears of a payment plan, not the balance: "so the plan is currently £120.00 in arrears"
            r"\bplan\b",
            r"\ba change of\b",
        ),
        "nl": (
            # the figure the plan still asks for (read33): "volgens de betalingsregeling nog te betalen"
            r"\bvolgens (?:de |het )?(?:\w*regeling|afbetalingsplan|betalingsplan|akkoord)\b",
            # the rest waived: "het restant van € 212,40 wordt kwijtgescholden"
            r"\bkwijt(?:gescholden|schelding|te schelden)\b",
            # a periodic charge beside the arrears: "De kale huur bedraagt € 812,50", "maandhuur", "huurprijs"
            r"\bkale huur\b",
            r"\b(?:per kwartaal|driemaandelijks\w*|halfjaarlijks\w*|wekelijks\w*)\b",
            r"\b(?:maand|netto|bruto)huur\b",
            r"\bhuurprijs\b",
            r"\bmaandelijkse (?:huur|premie|termijn)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:verouderd\w*|onjuist\w*|abusievelijk\w*|eerder genoemd\w*)\b",
            "termijn",
            r"\bvoorschot\w*",
            r"creditnota",
            r"\bvroeger\b",
            r"\bvoorheen\b",
            r"\b(?:maandpremie|maandbedrag|maandtermijn)\w*",
            "aflossing",
            "verminderd met",
            r"betaling van",
            "ontving",
            "per maand",
            "maandelijks",
            "betaald",
            "ontvangen",
            "voorstel",
            "schikking",
            "oorspronkelijk",
            "kredietlimiet",
            r"(?:geleend|geleende|krediet|leen)\s?bedrag",
            "kwijting",
            "eenmalige betaling",
            r"door u (?:genoemde|vermelde|opgegeven)",
            "niet meer actueel",
            r"volgende (?:termijn|betaling|factuur|incasso|voorschot)",
            r"genoegen (?:te )?nemen",
            "in één keer",
            r"\bbedroeg\b",
            r"\bzou(?:den)?\b",
            r"\bzou (?:dan )?(?:bedragen|oplopen)\b",
            r"\bkorting\b",
            r"eerder (?:genoemd|opgegeven|meegedeeld)\w*",
        ),
        "fr": (
            # the figure the plan still asks for (read33): "selon l'échéancier", "conformément au plan"
            r"\b(?:selon|conformément à|d'après) (?:l'|le |la |votre )?(?:échéancier|plan|accord|protocole)\b",
            # the rest waived: "nous renonçons au solde de 212,40 €", "remise de dette"
            r"\bremise de (?:dette|la dette|solde)\b",
            r"\brenon(?:çons|cé|cer)\b",
            # a periodic charge beside the arrears: "le loyer mensuel est de 640,00 €", "loyer hors charges"
            r"\bloyer (?:mensuel|hors charges|de base|charges comprises)\b",
            r"\bmensualité\w*",
            r"\b(?:trimestriel\w*|semestriel\w*|hebdomadaire\w*|par trimestre)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:erroné\w*|par erreur|obsolète\w*)\b",
            "au capital de",
            "capital social",
            "mensualit",
            r"\bmensuel(?:le)?s?\b",  # "La prime mensuelle s'élève à CHF 318.70": a monthly figure
            r"\bmoins\b",
            r"(?:paiement|versement|règlement) de",
            "échéance",
            r"\bacompte\b",
            r"note de crédit",
            r"\b(?:un|l')\s?avoir\b",
            r"\b(?:auparavant|précédemment)\b",
            "par mois",
            r"(?<!im)payée?s?\b",  # not "impayé" (unpaid: the claim)
            # a sum named as settled or refunded: "montant réglé", "somme remboursée", "encaissé"
            r"\b(?:montant|somme|total) (?:réglée?|remboursée?|encaissée?|acquittée?|versée?)s?\b",
            "reçu",
            "versement",
            "proposition",
            "offre",
            "initial",
            r"montant (?:emprunté|financé|du prêt|du crédit)",
            "transaction",
            "solde de tout compte",
            "plafond",
            r"que vous (?:mentionnez|indiquez|avez indiqué)",
            r"n'est plus (?:à jour|d'actualité|exact)",
            r"prochaine? (?:échéance|paiement|prélèvement|facture|mensualité)",
            r"en une (?:seule )?fois",
            "en un seul versement",
            r"\bs'élevait\b",
            r"\bétait\b",
            r"\bserait\b",
            # the future: "le montant à régler au 31/01/2027 sera de", "s'élèvera à"
            r"\bsera\b(?:\s+(?:alors|de|à))*\s*$",
            r"\bs'élèvera\b",
            r"\b(?:s'élèverait|atteindrait|passerait)\b",
            r"\bremise\b",
            r"\brabais\b",
            r"(?:précédemment|initialement) (?:indiqué|communiqué)e?",
        ),
        "it": (
            # a statement's opening row (read36): "Saldo iniziale", "Saldo di apertura", "Saldo precedente", "Saldo riportato"
            r"\bsaldo (?:iniziale|di apertura|precedente|riportato)\b",
            # the figure the plan still asks for (read33): "Importo residuo secondo il piano di rateizzazione"
            r"\b(?:secondo|in base al|da|come da|previsto dal) (?:il )?piano\b",
            # the rest waived: "il residuo di € 212,40 viene condonato / stralciato"
            r"\b(?:condonat|stralciat|rinunci)\w*",
            # a periodic charge beside the arrears: "il canone mensile è di 640,00 €"
            r"\bcanone (?:mensile|di locazione|d'affitto)\b",
            r"\baffitto mensile\b",
            r"\b(?:trimestral[ei]|semestral[ei]|settimanal[ei]|al trimestre)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:errat[oaie]|per errore|non aggiornat[oaie])\b",
            "capitale sociale",
            r"\brata\b",
            r"\bmeno\b",
            r"pagamento di",
            r"\bacconto\b",
            r"nota di credito",
            r"\b(?:in precedenza|precedentemente)\b",
            "mensil",
            "pagato",
            "ricevut",
            # a sum named as settled, paid or refunded: "importo saldato", "somma versata", "rimborsato"
            r"\b(?:importo|somma|totale|cifra) (?:saldat|versat|corrispost|rimborsat|incassat)[oaie]\b",
            "versament",
            "proposta",
            "offerta",
            "originari",
            r"(?:importo |capitale )?finanziat[oa]",
            r"importo (?:del )?prestito",
            "stralcio",
            "transazione",
            r"da voi (?:indicat|menzionat|riportat)",
            r"non è più (?:attuale|corrett)",
            r"prossim[ao] (?:rata|pagamento|fattura|scadenza|addebito)",
            "unica soluzione",
            r"\bammontava\b",
            # a past figure: "l'importo dovuto … era di € 392,40; ora … è di € 318,90"
            r"\bera di\b",
            r"\bsarebbe\b",
            # the future: "l'importo da versare entro il 31/01/2027 … sarà di", "ammonterà a"
            r"\bsarà\b",
            r"\b(?:ammonterà|salirà)\b",
            r"\b(?:ammonterebbe|salirebbe)\b",
            r"\bsconto\b",
        ),
        "es": (
            # the figure the plan still asks for (read33): "según el plan de pagos", "conforme al acuerdo"
            r"\b(?:según|conforme a|de acuerdo con) (?:el |al )?(?:plan|acuerdo|convenio)\b",
            # the rest waived: "se condona el resto de 212,40 €"
            r"\bcondon\w*",
            # a periodic charge beside the arrears: "la renta mensual es de 640,00 €", "alquiler mensual"
            r"\b(?:renta|alquiler|cuota) mensual\b",
            r"\b(?:trimestral(?:es|mente)?|semestral(?:es|mente)?|semanal(?:es|mente)?|por trimestre)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:erróne[oa]s?|por error|desactualizad[oa]s?)\b",
            "capital social",
            "cuota",
            r"\bmenos\b",
            r"pago de",
            "mensual",
            "pagado",
            "recibido",
            "abonado",
            # a sum named as settled or refunded: "importe liquidado", "cantidad reembolsada"
            r"\b(?:importe|cantidad|suma|total) (?:liquidad|saldad|reembolsad|ingresad|cobrad|pagad|abonad|recibid)[oa]s?\b",
            "propuesta",
            "oferta",
            "original",
            r"importe (?:financiado|prestado|del préstamo|del crédito)",
            r"\bquita\b",
            "pago único",
            r"nota de (?:crédito|abono)",
            r"\banteriormente\b",
            r"(?:indicad|mencionad)[oa] por ustedes",
            r"ya no es (?:correct|actual)",
            r"próxim[oa] (?:cuota|pago|factura|recibo|cargo)",
            r"en un (?:único|solo) pago",
            r"\bascendía\b",
            r"\bsería\b",
            # the future: "el importe a pagar el 31/01/2027 será de", "ascenderá a"
            r"\bserá\b",
            r"\bascenderá\b",
            r"\b(?:ascendería|quedaría)\b",
            r"\bdescuento\b",
        ),
        "nordic": (
            # the figure the plan still asks for (read33): "ifølge afdragsordningen", "enligt avbetalningsplanen"
            r"\b(?:ifølge|iflg\.|enligt|i henhold til) (?:\w*ordning\w*|\w*aftale\w*|\w*avtal\w*|\w*plan\w*)",
            # the rest waived: "eftergives restgælden på kr. 2.515,40", "efterskänks", "ettergis"
            r"\b(?:eftergiv\w*|efterg(?:es|avs)|efterskänk\w*|ettergi\w*)",
            # a periodic charge beside the arrears: "månadshyra", "månedlig husleje/husleie", "kuukausivuokra"
            r"\bmånads(?:hyra|avgift)\b",
            r"\b(?:kvartalsvis|per kvartal|pr\. kvartal|halvårsvis|veckovis|ukentlig|ugentlig|neljännesvuosittain)\b",
            r"\bmånedlig (?:husleje|husleie|ydelse|ytelse)\b",
            r"\bkuukausi(?:vuokra|maksu)\b",
            # a payment received: "har modtaget kr. 8.410,00", "mottagit", "mottatt", "vastaanottanut"
            r"\b(?:modtag\w*|mottag\w*|mottatt|mottok|vastaanot\w*)\b",
            # an own figure withdrawn as wrong or outdated
            r"\b(?:felaktig\w*|fejlagtig\w*|feilaktig\w*|forældet|utdatert|inaktuell)\b",
            "delbetalning",
            r"kreditnota",
            r"kreditfaktura",
            r"hyvityslasku",
            r"\b(?:tidigare|tidligere|aiemmin)\b",
            r"(?:inbetalning|indbetaling|innbetaling) på",
            "månadsbelopp",
            "per månad",
            "afdrag",
            "avdrag",
            # instalments paid on account: "Avbetalningar 2026 -466,00 kr", "afbetaling", "lyhennys"
            "avbetalning",
            "avbetaling",
            "afbetaling",
            "lyhennys",
            r"\bbetalt\b",
            "betalat",
            r"\b(?:belopp|beløb|beløp|summa|sum) (?:betald|inbetald|indbetalt|innbetalt|återbetald|tilbagebetalt|tilbakebetalt|reglerad|indfriet|innfridd)\b",
            "mottatt",
            r"\berä",
            "maksettu",
            "tarjous",
            "erbjudande",
            "tilbud",
            "kreditgräns",
            "ursprunglig",
            "opprinnelig",
            "oprindelig",
            "alkuperäinen",
            r"lånebel(?:opp|øb|øp)",
            r"laina(?:määrä|summa)",
            # Polish / Czech: the loan's original amount
            r"kwot[ay] (?:pożyczki|kredytu)",
            r"výše (?:úvěru|půjčky)",
            r"som ni (?:angav|nämnde)",
            r"som (?:de|dere) (?:oppga|nevnte|nævnte|oplyste)",
            r"inte längre aktuell",
            r"ikke (?:længere|lenger) aktuel",
            r"nästa (?:betalning|faktura|avgift|delbetalning)",
            r"neste (?:betaling|faktura|termin|avdrag)",
            r"næste (?:betaling|faktura|rate|opkrævning|afdrag)",
            "seuraava",
            r"\bvar\b",
            # the past of "amounts to": "uppgick saldot till", "udgjorde", "utgjorde", "beløb/beløp seg til"
            r"\b(?:uppgick|udgjorde|utgjorde|beløb sig|beløp seg)\b",
            r"\boli\b",
            r"\bskulle\b",
            r"\bville\b",
            r"\brabatt?\b",
            "alennus",
            r"\bvi (?:oppga|angav|opgav|oplyste)\b",
        ),
        # Polish / Czech: payments, instalments, share capital, earlier figures
        "pl": (
            r"\bwpłat\w*",
            r"\bwpłynęł\w*",
            r"\bzapłacon\w*",
            r"\b(?:spłacon|uregulowan|wpłacon|zwrócon)\w*",
            r"\botrzymal\w*",
            r"\brat[aey]\b",
            r"\bmiesięczn\w*",
            r"kapitał zakładowy",
            r"\bugod\w*",
            r"\bpropozycj\w*",
            r"\bpoprzedni\w*",
            # a past figure: "wynosiło poprzednio 1 280,00 zł, obecnie wynosi …"
            r"\bwynosił[aoy]?\b",
            r"\bpierwotn\w*",
            r"\bjednorazow\w*",  # a lump sum offered to settle: "jeżeli jednorazowo wpłaci 1 800,00 zł"
        ),
        "cs": (
            r"\bsplátk\w*",
            r"\buhrazen\w*",
            r"\bzaplacen\w*",
            r"\bpřijat\w*",
            r"\bměsíčn\w*",
            r"základní kapitál",
            r"\bpůvodní\b",
            r"\bdříve\b",
            r"\bjednorázov\w*",  # a lump sum offered to settle: "jednorázově uhradíte 18 000 Kč"
        ),
        # Portuguese: instalments, the original credit, payments received, offers, a past figure
        "pt": (
            r"\bprestaç(?:ão|ões)\b",
            # a past figure: "o saldo anterior … era de 1.940,00 €"
            r"\bera de\b",
            r"\bsaldo anterior\b",
            r"\bmensa(?:l|is)\b",
            r"crédito inicial",
            r"\b(?:montante|valor) (?:inicial|financiado|do empréstimo)\b",
            r"\b(?:valor|montante) pago\b|\bjá (?:foi )?pag[oa]\b",
            r"\bpagamentos? (?:recebid|efetuad)\w*",
            r"\brecebid[oa]s?\b",
            r"\bproposta\b",
            r"\bdesconto\b",
            r"\bascendia\b",
            # the future: "o valor a pagar em 31/01/2027 será de", "ascenderá a"
            r"\bserá\b",
            r"\bascenderá\b",
            r"\bera de\b",
        ),
    },
    "total": {
        # "zusammen 468,00 €", "altogether", "en tout", "in tutto", "en conjunto", "tillsammans", "til sammen"
        # "zusammen mit den Säumniszuschlägen von 8,00 €", "samen met", "tillsammans med": along with, no sum
        "de": ("gesamt", "insgesamt", "summe", "zu zahlen", "zahlbetrag", "endbetrag", r"\bzusammen\b(?! mit\b)"),
        "en": (r"\btotal\b", r"\baltogether\b", r"\bin all\b"),
        "nl": ("totaal", r"\bsamen\b(?! met\b)", r"\bin het totaal\b"),
        "fr": ("montant total", r"\bau total\b", r"\btotal\b", r"\ben tout\b"),
        "it": ("totale", "complessiv", r"\bin tutto\b"),
        "es": ("importe total", r"\btotal\b", r"\ben conjunto\b"),
        "nordic": (
            "totalt",
            "yhteensä",
            r"\bi alt\b",
            "samlet",
            "sammanlagt",
            r"\btillsammans\b(?! med\b)",
            r"\btil ?sammen\b(?! med\b)",
            # Finnish "the whole amount": "Velan kokonaismäärä kuluineen on 861,20 €"
            r"\bkokonais(?:määrä|summa|velka)\w*",
            r"\btotal(?:belopp|beløp|beløb)\w*",
        ),
        "pl": ("łącznie", r"\brazem\b", "ogółem", r"\bsuma\b", "do zapłaty", r"\błączn[aey] (?:kwot|sum|wysokoś)\w*"),
        "cs": ("celkem", "k úhradě", r"celková (?:částka|dlužná|pohledávka|výše)"),
        "pt": (r"\b(?:montante|valor) total\b", r"\btotal em dívida\b"),
    },
    "principal": {
        # the invoice itself is the principal a billing service adds interest and fees to
        "de": ("hauptforderung", "hauptsache", "restkapital", "rechnungsbetrag"),
        "en": ("principal", "capital", "invoice amount"),
        "nl": ("hoofdsom", "factuurbedrag"),
        "fr": ("principal", "capital", "montant de la facture"),
        "it": ("capitale", "sorte", "importo (?:della )?fattura"),
        "es": ("principal", "capital", "importe de la factura"),
        "nordic": ("kapital", "hovedstol", "pääoma", "fakturabelopp", "fakturabeløb", "fakturabeløp"),
        "pl": (r"\bkapitał\b(?! zakładowy)", "należność główna"),
        "cs": ("jistina",),
    },
    "interest": {
        "de": ("zinsen", r"zins\b"),
        "en": ("interest",),
        # Flemish "nalatigheidsintresten"; a compound "vertragingsrente", never the Romance "corrente" (a current
        # account or month: "conto corrente", "conta corrente", "mês corrente") nor "ricorrente"/"concorrente"
        "nl": (r"\brente\b", r"\w*(?<!or)rentes?\b", r"\w*intrest(?:en)?\b"),
        "fr": ("intérêts", "interets"),
        "it": ("interessi",),
        "es": ("intereses",),
        "nordic": ("ränta", r"\brenter?\b", r"renter\b", "korko", "viivästyskorko"),
        "pl": ("odsetki",),
        "cs": (r"\búrok\w*",),
        "pt": (r"\bjuros\b",),
    },
    "costs": {
        "de": (
            r"kosten(?!\w*abteilung|stelle)",
            "gebühr",
            "gebuehr",
            "auslagen",
            "spesen",
            r"\w*entschädigung",
            "verzugsschaden",
            "inkassovergütung",
            "vergütung",
            "pauschale",
            # surcharges: "Säumniszuschläge", "Beitragszuschlag", "Mahnzuschlag"
            r"zuschl(?:a|ä)ge?n?\b",  # "mit den Säumniszuschlägen von 8,00 €" (dative)
        ),
        "en": (r"costs?\b", r"fees?\b", r"charges?\b"),
        "nl": ("incassokosten", r"kosten(?!\w*abteilung|stelle|afdeling)"),
        "fr": ("frais",),
        "it": ("spese", "costi", "oneri"),
        "es": ("gastos", "costas", "comisiones"),
        "nordic": (
            "avgift",
            "omkostning",
            "gebyr",
            "kulut",
            # the partitive after "ilman" (without): "Saldo ilman kuluja" (read36)
            r"\bkuluja\b",
            "perintäkulu",
            "inkassokostnad",
            "muistutusmaksu",
            "käsittelymaksu",
        ),
        "pl": ("koszty", r"(?<!z tytułu )\bopłat\w*", r"\bprowizj\w*"),  # not "z tytułu opłat za lokal": the ground
        "cs": ("náklady", r"\bpoplat(?:ek|ky|ků)\b"),
        "pt": (r"\bcustas\b", r"\bdespesas\b", r"\bencargos\b", r"\bcomiss(?:ão|ões)\b"),
    },
    "weak_total": {
        "de": (
            r"offene[rn]? (?:betrag|forderung|saldo|posten)",
            "noch offen",
            "saldo",
            "restforderung",
            "restschuld",
            "forderungsstand",
            r"\bstand\b",
            "aktuelle forderung",
            "noch zu",
            "rückstand",
            # "bestehen Beitragsrückstände einschließlich Säumniszuschlägen in Höhe von": the plural with its verb
            # (not "auf die ältesten Rückstände verbucht", where a payment went)
            r"\b(?:bestehen|bestanden|betragen|belaufen sich) (?:\w+ )?\w*rückstände\b",
            "beläuft",
            "belaufen",
            "beträgt",
            "in höhe von",
            "offener betrag",
            "ausstand",
            "forderungsbetrag",
            "kontostand",
            "zur zahlung offen",
            # "offen: 0,00 €", "Offen sind noch 402,4 €": "offen" as the whole label or with a verb
            # "Heute offen: 338,80 EUR", "Per heute offen:", "Stand heute offen:": the figure as it stands today
            r"(?:^|\|)\s*(?:noch |derzeit |aktuell |(?:(?:per|stand|ab) )?heute (?:noch )?)?offen\s*:?\s*$",
            # a statement's result row with its date: "Offen per 27.11.2026", "offen zum 30.11.2026"
            r"(?:^|\|)\s*(?:noch )?offen (?:per|zum|am|mit|stand) \d{1,2}\.\d{1,2}\.\d{2,4}\s*:?\s*$",
            r"\boffen (?:sind|ist|bleiben|bleibt) (?:noch|derzeit|aktuell)\b",
            r"\bausstehend\w*",
            r"\baushaftend\w*",
            # Austrian "In obiger Angelegenheit haften mit heutigem Tag EUR 1984,30 … unberichtigt aus", "es haftet … aus"
            r"\bhaft(?:en|et)(?: [\w.]+){0,4}\s*$",
            # the predicate before the figure: "offen sind noch 171,35 EUR", "offen bleibt ein Betrag von"
            r"\boffen (?:sind|ist|bleiben|bleibt|stehen|steht)\b",
            # the figure as it stands now: "--> aktuell 296,85 EUR", "… von 8,00 Euro derzeit 385,86 Euro"
            r"\baktuell\b",
            r"^\W*derzeit\W*$",
            # what is still missing: "also fehlen noch 818,34 €", "es fehlt noch"
            r"\bfehl(?:en|t) (?:\w+ )?noch\b",
        ),
        "en": (
            "outstanding",
            "balance",
            "arrears",
            "amount due",
            "due amount",
            "amount owed",
            "now due",
            "remains? due",
            "the sum of",
            r"\bas (?:at|of)\b",
            "required to settle",
            # a ticket's figure: "Amount to clear: €512.70", "the amount needed to clear the account"
            r"\bamount (?:required |needed )?to (?:clear|close|settle)\b",
            r"hold a balance",
            r"\bowing\b",
            "amount payable",
            "sum due",
            r"\bdue\b",
            r"\b(?:now |currently )?stands at\b",
            r"\bcurrently\b",
            # a court's award as it stands: "The judgment debt including court fees … is £5,930.40"
            r"\bjudge?ment (?:debt|sum)\b",
            # the sum to pay now, as a statement's last row: "Amount to pay: £1,204.50", "amount left to pay"
            r"\bamount (?:left |still )?to (?:be )?pa(?:y|id)\b",
        ),
        "nl": (
            r"openstaand",
            "verschuldigd",
            "saldo",
            "resterend",
            "achterstand",
            "bedraagt",
            "nog te betalen",
            "te betalen",
            "openstaat",
            # "Te voldoen bedrag", "nog te voldoen": the sum to pay (as "Totaal te voldoen")
            r"\bte voldoen\b",
        ),
        "fr": (
            "solde",
            r"(?<!capital )restant dûe?",  # "capital restant dû": the outstanding principal
            r"(?<!capital )restant due",
            "montant dû",
            "somme due",
            "s'élève",
            "reste dû",
            "impayé",
            "montant de",
            # a statement's last line "À payer   1.050,36 EUR", "Montant à payer" (the sum due now)
            r"\bà payer\b",
            # "Montant à régler", "Solde à régler", "somme à acquitter": the sum to settle now
            r"\b(?:montant|solde|somme|total) (?:restant )?à (?:régler|acquitter)\b",
        ),
        "it": (
            r"importo (?:ancora |tuttora )?dovuto",
            # "importo attuale al 04/12/2026", "debito attuale": the current figure
            r"(?:importo|debito|saldo) (?:complessivo )?attuale",
            # "risulta uno scoperto di CHF 731.85": the uncovered amount (Swiss Italian, banks)
            r"\bscopert[oa]\b",
            "saldo",
            "debito residuo",
            r"(?<!capitale )residuo",  # "capitale residuo": the outstanding principal
            "ammonta",
            "insoluto",
            "da pagare",
            "importo di",
            # "Importo da saldare", "totale da corrispondere": the sum to settle now
            r"\b(?:importo|totale|somma|saldo) (?:ancora )?da (?:saldare|corrispondere|regolarizzare)\b",
        ),
        "es": (
            "saldo",
            "importe adeudado",
            "pendiente",
            "asciende",
            "adeuda",
            "por pagar",
            "deuda de",
            # "Importe a pagar", "total a abonar": the sum to pay now
            r"\b(?:importe|total|cantidad|saldo) a (?:pagar|abonar|liquidar)\b",
        ),
        "nordic": (
            "utestående",
            "skyldigt belopp",
            "skyldig",
            "restgæld",
            "restskuld",
            # "Restbeløpet er per i dag kr 6 402,00": the rest owed
            r"\brest(?:beløp|beløb|belopp)\w*",
            "saldo",
            "avoin",
            "jäljellä",
            "velka",
            "gæld",
            "skuld",
            "att betala",
            "å betale",
            "at betale",
            "maksettavaa",
            # a statement's last row "Maksettava: 1 204,50 €", "Maksettava summa"
            r"\bmaksettava\b",
            # the amount being collected or enforced: "Ulosotossa perittävä määrä on", "Ulosottoon haettu määrä on",
            # "Belopp i ansökan: 15 412,00 kr", "det ansökta beloppet"
            r"\b(?:perittävä|haettu|avoin|jäljellä oleva|maksamaton|velan) määrä\b",
            # the client owes (Danish, Norwegian): "Pr. dags dato skylder Mette Sørensen herefter kr. 4.980,00";
            # not the creditor owing ("vi skylder", a credit)
            r"(?<!\bvi )(?<!\bjeg )\bskylder\b",
            r"\bbelopp i ansökan\b",
            r"\bansökt(?:a)? belopp\w*",
        ),
        # "obecnie wynosi 1 315,60 zł": the figure as it stands now (not the past "wynosiło")
        "pl": (
            "zadłużenie",
            r"\bnależnoś\w*",
            "do spłaty",
            "pozostaje",
            r"\b(?:obecnie|aktualnie|teraz)? ?wynosi\b",
            r"\bzaległoś\w*",
            r"\bsaldo\b",
        ),
        "cs": (r"\bdluh\w*", "dlužná částka", "zůstatek", "nedoplatek", r"\bpohledávk\w*"),
        # Portuguese: "O valor em dívida … é, nesta data, de 2.288,60 €", "saldo devedor", "em atraso"
        "pt": (
            r"\bem dívida\b",
            r"\bsaldo devedor\b",
            r"\bem atraso\b",
            r"\bem aberto\b",
            r"\bvalor devido\b",
            r"\bascende\b",
            # "Valor a pagar", "total a liquidar": the sum to pay now
            r"\b(?:valor|montante|total|quantia) a (?:pagar|liquidar)\b",
        ),
    },
    # the words right after a figure that say it is owed now: "ein Betrag von 492,37 € offen",
    # "£80.00 outstanding", "€ 80,00 open", "80,00 € dus", "80,00 € dovuti", "80,00 € pendientes"
    "predicate": {
        # "sind derzeit 385,86 Euro rückständig"
        # "steht das Konto bei 640,15 € im Soll", "£648.90 in debit", "€ 312,00 debet": the account's debit side
        "de": (r"(?:noch |weiterhin |derzeit |aktuell )?(?:offen|fällig|unbezahlt|ausstehend|rückständig|im soll)\b",),
        "en": (r"(?:still |currently )?(?:outstanding|unpaid|overdue|owing|due|in debit|overdrawn)\b",),
        "nl": (r"(?:nog |momenteel )?(?:open|openstaand|onbetaald|verschuldigd|in het debet)\b",),
        "fr": (r"(?:encore |toujours )?(?:dûe?s?|dus|impayée?s?|en souffrance)(?!\w)",),
        "it": (r"(?:ancora )?(?:dovut[oi]|scadut[oi]|insolut[oi]|non pagat[oi])\b",),
        "es": (r"(?:todavía |aún )?(?:pendientes?|adeudad[oa]s?|impagad[oa]s?)\b",),
        "nordic": (r"(?:fortfarande )?(?:obetal[dt]|ubetalt|utestående|udestående|forfalden|avoinna|maksamatta)\b",),
        "pl": (r"(?:nadal )?(?:nieopłacon\w*|zaległ\w*|do zapłaty)\b",),
        "cs": (r"(?:stále )?(?:neuhrazen\w*|dlužn\w*)\b",),
    },
    "rest": {  # the rest after stated deductions: beats an earlier payment word in the same clause
        "de": (
            # the sum of every instalment still open is the claim: "Summe aller offenen Raten inkl. Gebühren"
            # (the trailing spaces make it end after its own "Raten", the instalment word it holds)
            r"\b(?:summe|gesamtbetrag|gesamtsumme)\s+(?:aller\s+|der\s+)?(?:noch\s+)?(?:offenen|ausstehenden|restlichen)\s+"
            r"(?:monats)?raten\b\s*",
            # only a part is still open, which is the claim now (before the shorter
            # forms below, which match at the same place): "Offen sind lediglich noch Mahngebühren in Höhe von",
            # "Offen ist auf dem Vertragskonto … nur noch die Verzugspauschale … über"
            r"\b(?:offen|ausstehend)\w* (?:ist|sind|bleibt|bleiben|steht|stehen)\b(?:\s+\S+){0,10}?\s+(?:nur|lediglich|einzig|allein) noch\b[^;]*$",
            "restforderung",
            "restschuld",
            "restbetrag",
            "restsaldo",
            "verbleibende? (?:forderung|betrag|saldo)",
            "noch offen",
            r"offene[nrs]? (?:betrag|forderung|saldo)",
            r"\boffen (?:sind|ist|bleiben|bleibt|stehen|steht) (?:\w+ )?noch\b",
            "offenstehende?",
            "nunmehr",
            r"jetzt noch",
            # Austrian: "… noch € 1.812,00 unberichtigt aushaften" (outstanding)
            r"\baushaft\w*",
            r"\bunberichtigt\b",
            # "… haftet per heute ein Betrag von EUR 812,40 unberichtigt aus" (the verb before the figure)
            r"\bhaftet (?:per|zum|derzeit|aktuell|heute|noch)\b",
            # the result of a payment: "wodurch sich die Forderung auf 660,75 € reduziert" (label: "… auf")
            r"(?:wodurch|womit|sodass|so dass) sich (?:der|die|das) (?:\w+ )?(?:saldo|forderung|restforderung|rückstand|schuld)\w*(?: \w+){0,4} auf\s*$",
            # a claim word, then "noch" right before the amount: "beträgt die Forderung noch 948,40 €"
            r"(?:forderung|saldo|schuld|betrag|beträgt|beläuft|belaufen)\w*(?:\s+\w+){0,3}\s+noch(?:\s+(?:auf|bei))?\s*:?\s*$",
        ),
        "en": (
            r"\btotal (?:of )?(?:all )?(?:the )?(?:outstanding|remaining|unpaid) instal(?:l)?ments\b\s*",
            "remaining balance",
            "balance remaining",
            "balance (?:now )?(?:stands|remains)",
            "remaining debt",
            # "the balance left on account … is", "left to pay"
            r"\bbalance left\b",
            r"\bleft (?:to pay|owing|outstanding)\b",
            # "the residual debt / balance after the instalments received" (read33)
            r"\bresidual (?:debt|balance|amount|sum|claim)\b",
            "still (?:owed|outstanding|due)",
            r"(?:is|stands at) now",
            r"\bnow (?:stands at|amounts to|is)",
            r"(?:bringing|which brings|reducing|which reduces|leaving) (?:the|your client's|a) (?:\w+ )?(?:balance|debt|amount outstanding)(?: \w+){0,3} (?:to|at|of)\s*$",
            # "Only the late payment fee of", "the only amount still outstanding is the fee of"
            r"\bthe only (?:amount|sum|item|charge)s? (?:still |now )?(?:outstanding|open|owing|due|left)\b[^;]*$",
            r"\b(?:all that|what) (?:still )?remains? (?:outstanding|open|owing|due)? ?is (?:only |just )?[^;]*$",
        ),
        "nl": (
            r"\btotaal (?:van )?(?:alle )?(?:de )?(?:openstaande|resterende) termijnen\b\s*",
            "resterend",
            r"(?<!capital )restant",
            "restschuld",
            "nog openstaand",
            r"(?:waarmee|waardoor) (?:het|de) (?:\w+ )?(?:saldo|vordering|schuld)(?: \w+){0,4} (?:op|naar|uit)\s*$",
            r"(?:vordering|saldo|schuld|bedraagt)(?:\s+\w+){0,3}\s+nog\s*:?\s*$",
            # "Er staat alleen nog de wettelijke rente open van", "openstaand is enkel nog"
            r"\b(?:staat|staan|is|zijn) (?:alleen|enkel|slechts) nog\b[^;]*$",
            # the figure now, after an earlier one: "bedroeg € 820,00; het bedraagt nu € 595,00"
            r"\b(?:bedraagt|is) (?:nu|thans|inmiddels)\s*:?\s*$",
        ),
        "fr": (
            "reste dû",
            r"(?<!capital )restant dû",
            "solde restant",
            "reste à payer",
            # "il reste à régler 640,00 € à ce jour", "restant à régler"
            r"\brest(?:e|ant) à régler\b",
            r"s'élève encore\s*(?:à\s*)?$",
            # "Seuls restent dus les frais de rappel de", "il reste uniquement"
            r"\bseul(?:e|s|es)? (?:reste|restent)\b[^;]*$|\breste(?:nt)? (?:seulement|uniquement)\b[^;]*$",
            r"(?:ce qui (?:ramène|porte)|ramenant|portant) (?:le|la|votre) (?:\w+ )?(?:solde|créance|dette)(?: \w+){0,3} à\s*$",
            # the figure now, after an earlier one: "était de 820,00 € ; il est désormais de 595,00 €"
            r"\b(?:est|s'élève) (?:désormais|maintenant|à présent)(?: de| à)?\s*$",
            # what remains, the verb right before the figure: "à ce jour il reste 1 425,30 €"
            r"\bil (?:nous )?reste(?: encore| dû| due)?\s*:?\s*$",
        ),
        "it": (
            "debito residuo",
            "importo residuo",
            r"(?<!capitale )residuo",
            "restante",
            r"ammonta ancora\s*(?:a\s*)?$",
            # "dopo il pagamento di € 50,00 ricevuto il 20/11, il saldo della Sig.ra Bianchi resta di € 812,40"
            r"\b(?:saldo|debito|importo)\b(?:\s+\S+){0,6}\s+(?:resta|rimane|si attesta)(?: di| pari a| a| in)?\s*$",
            # what remains, the verb: "ad oggi residuano € 1.425,30", "residua un importo di"
            r"\bresidua(?:no)?\b",
            # the figure now, after an earlier one: "il debito era di € 820,00 …; ora è di € 595,00", "ammonta ora a"
            r"\b(?:ora|adesso|oggi) (?:è|ammonta|risulta)(?: di| pari a| a)?\s*$",
            r"\b(?:è|ammonta|risulta) (?:ora|adesso)(?: di| pari a| a)?\s*$",
        ),
        "es": (
            "saldo restante",
            "importe restante",
            "deuda restante",
            "queda(?:n)? pendiente",
            r"asciende todavía\s*(?:a\s*)?$",
            # the result after a payment: "Tras aplicar el cobro de 50,00 € recibido …, el saldo pendiente de
            # D. Javier Ortega Ruiz queda en 3.721,95 €"
            r"\b(?:saldo|importe|deuda)\b(?:\s+\S+){0,6}\s+queda en\s*$",
            # the figure now, after an earlier one: "era de 820,00 €; ahora es de 595,00 €", "asciende ahora a"
            r"\bahora (?:es|asciende|queda)(?: de| a| en)?\s*$",
            r"\b(?:es|asciende|queda) ahora(?: de| a| en)?\s*$",
            # what remains, the verb right before the figure: "a día de hoy quedan 1.425,30 €"
            r"\b(?:quedan|restan)(?: todavía| aún)?(?: por pagar)?\s*:?\s*$",
        ),
        "nordic": (
            "restskuld",
            "restgæld",
            "restgjeld",
            "resterande",
            "resterende",
            "jäljellä",
            # "gjenstående saldo etter innbetalingene", "återstående skuld" (read33)
            r"\b(?:gjenstående|återstående|tilbageværende)\b",
            # what remains, the verb right before the figure: "i dag återstår 1 425,30 kr", "gjenstår"
            r"\b(?:återstår|kvarstår|gjenstår|resterer)(?: fortfarande| fortsatt)?\s*:?\s*$",
            r"(?:skuld|gæld|gjeld|saldo|fordran|fordring|krav)\w*(?:\s+\w+){0,3}\s+(?:fortfarande|fortsat|fortsatt|stadig)\s*:?\s*$",
        ),
        "pl": (
            "pozostało do zapłaty",
            "pozostała kwota",
            "pozostaje do zapłaty",
            # "pozostałe zadłużenie po wpłatach wynosi" (read33)
            r"\bpozostał\w* (?:zadłużeni\w*|należnoś\w*|saldo|dług\w*)",
        ),
        "cs": ("zbývá uhradit", r"\bzbývající\b"),
        # Portuguese: the figure now, after an earlier one ("era de 1.940,00 €; … o saldo atual é de 1.865,00 €",
        # "agora é de", "é agora de")
        "pt": (
            r"\b(?:saldo|valor|montante|débito|dívida) (?:atual|atualizad[oa])\b",
            r"\bagora (?:é|ascende|fica)(?: de| a| em)?\s*$",
            r"\b(?:é|ascende|fica) agora(?: de| a| em)?\s*$",
            # what remains, the verb right before the figure: "à data de hoje restam 1.425,30 €"
            r"\brestam(?: ainda)?(?: por pagar)?\s*:?\s*$",
        ),
    },
    "credit": {
        "de": (
            r"guthaben (?:von|in höhe|zu|:|besteht|beträgt)",
            "zu ihren gunsten",
            "zugunsten ihre[rs]",
            # his, her, the customer's favour: "41,20 € Guthaben zu seinen Gunsten", "zugunsten der Kundin"
            r"zu (?:seinen|deinen|gunsten (?:ihrer|seiner|der|des|unserer|unseres)) ?\w*",
            r"zugunsten (?:seiner|seines|der|des|unserer|unseres) (?:mandant|kund|versichert|mitglied|schuldner)\w*",
            "überzahlung",
            # overpaid: "Die zu viel gezahlten 19,99 € erstatten wir", "zuviel entrichtet"
            r"zu ?viel (?:ge|be)?(?:zahlt|entrichtet|überwiesen)\w*",
            "haben-?saldo",
            "habensaldo",
            "guthabensaldo",
        ),
        "en": (
            "in credit",
            "credit balance",
            "overpa(?:id|yment)",
            "owed to (?:your|the) client",
            "refund due",
            r"in (?:your|your client's|the client's|the customer's|his|her|their) favou?r",
        ),
        "nl": (
            "tegoed",
            "in uw voordeel",
            "te veel betaald",
            "creditsaldo",
            r"in het voordeel van (?:uw |de )?(?:cliënt|client|klant|debiteur)\w*",
        ),
        "fr": ("en votre faveur", "solde créditeur", "trop-perçu", "en faveur de"),
        "it": (
            "a vostro favore",
            "a credito",
            "saldo a credito",
            "in eccedenza",
            # "un credito a favore della cliente di € 35,00", "a suo favore"
            r"a (?:suo|sua) favore",
            r"a favore (?:del|della|dello|dei|delle|di) (?:sua |vostr[oa] )?(?:client|assistit|debitor|signor|mandant)\w*",
        ),
        "es": (
            "a su favor",
            "saldo a favor",
            "saldo acreedor",
            r"a favor (?:del|de la|de su|de sus) (?:client|deudor|mandant|representad)\w*",
        ),
        "nordic": ("tillgodo", "til gode", "tilgode", "tilgodehavende", "hyvitys", "liikaa maksettu"),
        "pl": (r"\bnadpłat\w*", "na państwa korzyść"),
        "cs": (r"\bpřeplat\w*", "ve váš prospěch"),
    },
}


#: The same roles in the other languages of Central and Eastern Europe and the Balkans the office's
#: creditors write in (Slovak, Hungarian, Romanian, Croatian/Serbian/Bosnian, Slovene, Lithuanian,
#: Bulgarian, Greek, Turkish): merged into ``AMOUNT_LABELS`` below, one entry per role and language.
#: Words only: a figure's own label decides its role as in every other language.
_MORE_LANGUAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "other": {
        # instalments, payments received, monthly figures, share capital, the original sum
        "sk": (
            r"\bsplátk\w*",
            r"\buhraden\w*",
            r"\bzaplaten\w*",
            r"\bprijat\w*",
            r"\bmesačn\w*",
            "základné imanie",
            r"\bpôvodn\w*",
            r"\bjednorazov\w*",  # a lump sum offered to settle
        ),
        "hu": (
            r"\btörlesztő\w*",
            r"\brészlet\w*",
            r"\bbefizet\w*",
            r"\bhavi\b",
            "jegyzett tőke",
            "törzstőke",
            r"\beredeti\b",
            r"\bkorábbi\b",
            # a lump sum offered to settle: "amennyiben 1 800 000 Ft … egy összegben megfizetésre kerül" (in einer Summe)
            r"\begy összegben\b",
        ),
        "ro": (
            r"\brat[aăe]\b",
            r"\bratel\w*",
            r"(?<!\bde )\bachitat\w*",
            r"\bplăți\b",
            r"\blunar\w*",
            "capital social",
            r"\binițial\w*",
        ),
        "hr": (
            r"\biznosi(?:o|la) je\b",
            r"\brat[aeu]\b",
            r"\buplat\w*",
            r"\bplaćen\w*",
            r"\bmjesečn\w*",
            "temeljni kapital",
            r"\bpočetn\w*",
        ),
        "sl": (r"\bobrok\w*", r"\bplačan\w*", r"\bvplačil\w*", r"\bmesečn\w*", "osnovni kapital"),
        "lt": (r"\bįmok\w*", r"\bsumokėt\w*", r"\bmėnesin\w*", "įstatinis kapitalas"),
        "bg": (r"\bвноск\w*", r"\bплатен\w*", r"\bмесечн\w*", "основен капитал"),
        "el": (r"\bδόσ\w*", r"\bκαταβλήθηκ\w*", r"\bπληρώθηκ\w*", r"\bμηνιαί\w*", "μετοχικό κεφάλαιο"),
        "tr": (r"\btaksit\w*", r"\bödendi\w*", r"\baylık\b", "sermaye"),
    },
    "total": {
        "sk": (r"\bspolu\b", r"\bcelkom\b", "na úhradu", r"celková (?:suma|dlžná|pohľadávka|výška)"),
        "hu": ("összesen", "mindösszesen", r"\bfizetendő\b", r"\bteljes (?:tartozás|összeg)\w*"),
        "ro": (r"\bîn total\b", r"\btotal de plată\b", r"\bde plată\b", r"\bsuma totală\b"),
        "hr": (r"\bukupn[oia]\w*", r"\bsveukupno\b", r"\bza plaćanje\b"),
        "sl": (r"\bskupaj\b", r"\bza plačilo\b"),
        "lt": (r"\biš viso\b", r"\bmokėtina suma\b"),
        "bg": (r"\bобщо\b", r"\bза плащане\b", r"\bобща сума\b"),
        "el": (r"\bσύνολο\b", r"\bσυνολικ\w*", r"\bπληρωτέο\b"),
        "tr": (r"\btoplam\b", r"\bödenecek\b"),
        "sr": (r"\bукупн\w*", r"\bза плаћање\b"),
        "lv": (r"\bkopā\b", r"\bkopsumm\w*", r"\bmaksājam\w* summ\w*"),
        "et": (r"\bkokku\b", r"\btasumisele kuuluv\w*"),
        "uk": (r"\bзагальн\w* сум\w*", r"\bвсього\b", r"\bразом\b"),
        "ru": (r"\bобщ\w* сумм\w*", r"\bитого\b", r"\bвсего\b"),
    },
    "principal": {
        "sk": (r"\bistin\w*",),
        "hu": (r"(?<!jegyzett )\btőke(?:tartozás)?\b",),
        "ro": (r"\bdebit principal\b", r"\bprincipal\b"),
        "hr": (r"\bglavnic\w*",),
        "sl": (r"\bglavnic\w*",),
        "lt": (r"\bpagrindinė skola\b",),
        "bg": (r"\bглавниц\w*",),
        "el": (r"\bκεφάλαιο\b",),
        "tr": (r"\banapara\b",),
    },
    "interest": {
        "sk": (r"\búrok\w*",),
        "hu": (r"\bkamat\w*",),
        "ro": (r"\bdobând\w*", r"\bpenalităț\w*"),
        "hr": (r"\bkamat\w*",),
        "sl": (r"\bobrest\w*",),
        "lt": (r"\bpalūkan\w*",),
        "bg": (r"\bлихв\w*",),
        "el": (r"\bτόκ\w*",),
        "tr": (r"\bfaiz\w*",),
    },
    "costs": {
        "sk": (r"\bpoplat\w*", r"\bnáklad\w*"),
        "hu": (r"\bköltség\w*", r"\bdíj\w*"),
        "ro": (r"\bcheltuiel\w*", r"\bcomision\w*", r"\btax[ae]\w*"),
        "hr": (r"\btrošk\w*", r"\bnaknad\w*"),
        "sl": (r"\bstrošk\w*",),
        "lt": (r"\bišlaid\w*",),
        "bg": (r"\bразноск\w*", r"\bтакс\w*"),
        "el": (r"\bέξοδ\w*",),
        "tr": (r"\bmasraf\w*", r"\bücret\w*"),
    },
    "weak_total": {
        "sk": (r"\bdlh\w*", r"\bdlžn\w* sum\w*", r"\bzostatok\b", r"\bnedoplat\w*", r"\bpohľadávk\w*"),
        "hu": (r"\btartozás\w*", r"\bfennálló\b", r"\bhátralék\w*", r"\bkövetelés\w*", r"\begyenleg\w*"),
        "ro": (
            r"\bdatori[ae]\w*",
            r"\bsoldul\w*",
            r"\bsold (?:total|restant|curent|debitor)\b",
            r"\brest de plată\b",
            r"\bsuma datorată\b",
            r"\bcreanț\w*",
            r"\brestanț\w*",
            # "are de achitat … suma totală de": to be paid (not "achitat", paid)
            r"\b(?:are )?de achitat\b",
        ),
        "hr": (r"\bdug\b", r"\bduga\b", r"\bdugovanj\w*", r"\bpotraživanj\w*", r"\bstanje duga\b"),
        "sl": (r"\bdolg\w*", r"\bterjatev\w*", r"\bodprt\w* znes\w*"),
        "lt": (r"\bskol\w*", r"\blikutis\b", r"\bįsiskolinim\w*"),
        "bg": (r"\bзадължени\w*", r"\bдълг\w*", r"\bостатък\w*", r"\bвземане\w*"),
        "el": (r"\bοφειλ\w*", r"\bυπόλοιπο\b", r"\bχρέος\b"),
        "tr": (r"\bborç\w*", r"\bbakiye\w*", r"\bkalan\b"),
        # Serbian and Bosnian in Cyrillic, Latvian, Estonian, Ukrainian, Russian (read32)
        "sr": (r"\bдуг\w*", r"\bдуговањ\w*", r"\bпотраживањ\w*", r"\bстање\b", r"\bstanje\b", r"\bизнос\w*"),
        "lv": (r"\bparād\w*", r"\batlikum\w*", r"\bsaistīb\w*"),
        "et": (r"\bvõlg\w*", r"\bvõlgnevus\w*", r"\bjääk\w*", r"\bnõue\b", r"\bnõude summa\b"),
        "uk": (r"\bзаборгованіст\w*", r"\bборг\w*", r"\bзалишок\w*", r"\bстановить\b"),
        "ru": (r"\bзадолженност\w*", r"\bдолг\w*", r"\bостаток\w*", r"\bсоставляет\b"),
    },
    "predicate": {
        "sk": (r"(?:stále )?(?:neuhraden\w*|dlžn\w*|splatn\w*)\b",),
        "hu": (r"(?:még )?(?:fennáll\w*|esedékes\w*|kifizetetlen\w*|rendezetlen\w*)\b",),
        "ro": (r"(?:încă )?(?:restant\w*|neachitat\w*|datorat\w*)\b",),
        "hr": (r"(?:još )?(?:neplaćen\w*|dospjel\w*|nepodmiren\w*)\b",),
        "sl": (r"(?:še )?(?:neplačan\w*|zapadl\w*|odprt\w*)\b",),
        "lt": (r"(?:vis dar )?(?:nesumokėt\w*|mokėtin\w*)\b",),
        "bg": (r"(?:все още )?(?:неплатен\w*|дължим\w*)\b",),
        "el": (r"(?:ακόμη )?(?:ανεξόφλητ\w*|οφειλόμεν\w*)\b",),
        "tr": (r"(?:hâlâ |hala )?(?:ödenmemiş|vadesi geçmiş)\b",),
    },
    "rest": {
        "sk": (r"\bzostáva (?:uhradiť|na úhradu)\b", r"\bzostávajúc\w*"),
        "hu": (r"\bfennmaradó\b", r"\bmég fizetendő\b"),
        "ro": (r"\brămas\w* de plată\b", r"\bsuma rămasă\b"),
        "hr": (r"\bpreostal\w*",),
        "sl": (r"\bpreostal\w*",),
        "lt": (r"\blikusi\w* suma\b",),
        "bg": (r"\bостава(?:щ\w*)? за плащане\b",),
        "el": (r"\bυπολειπόμεν\w*",),
        "tr": (r"\bkalan borç\b",),
    },
    "credit": {
        "sk": (r"\bpreplat\w*", "vo váš prospech"),
        "hu": (r"\btúlfizetés\w*", r"\baz ön javára\b"),
        "ro": (r"\bîn favoarea dumneavoastră\b", r"\bsumă plătită în plus\b"),
        "hr": (r"\bpreplat\w*", "u vašu korist"),
        "sl": (r"\bpreplačil\w*", "v vašo korist"),
        "lt": (r"\bpermok\w*",),
        "bg": (r"\bнадплат\w*",),
        "el": (r"\bπιστωτικό υπόλοιπο\b",),
        "tr": (r"\bfazla ödeme\w*",),
    },
}
for _role, _langs in _MORE_LANGUAGES.items():
    AMOUNT_LABELS[_role].update(_langs)

#: The figure the office's letter names, echoed by the creditor (read34): "Sie nennen darin einen Betrag von EUR
#: 960,00", "In uw brief … noemt u een bedrag van € 1.290,00", "you quote a balance of", "vous indiquez un montant de",
#: "Voi indicate un importo di", "ustedes indican un importe de", "ni anger ett belopp på", "I angiver et beløb på", "De
#: oppgir et beløp på", "podają Państwo kwotę", "uvádíte částku" — the office's figure, not the creditor's total (one
#: entry of the ``other`` role, every language).
_OFFICE_FIGURE = (
    r"\bsie (?:nennen|erwähnen|beziffern|geben) (?:\w+ )?(?:darin |uns |dort )?(?:einen|eine|den|die) (?:betrag|forderung|saldo|summe)\w*",
    r"\byou (?:mention|quote|state|give|refer to|cite|name|have noted|noted) (?:\w+ )?(?:an? |the )?(?:amount|balance|figure|sum)\b",
    r"\b(?:noemt|vermeldt|geeft) u (?:\w+ )?(?:een|het) (?:bedrag|saldo)\b",
    r"\bvous (?:mentionnez|indiquez|citez|évoquez|faites état d'?) ?(?:\w+ )?(?:un|le) (?:montant|solde|somme)\b",
    r"\b(?:voi |ci )?(?:indicate|menzionate|riportate|citate) (?:\w+ )?(?:un|l'|il) ?(?:importo|saldo|debito)\b",
    r"\b(?:ustedes |nos )?(?:indican|mencionan|citan|señalan) (?:\w+ )?(?:un|el) (?:importe|saldo)\b",
    r"\b(?:ni|de) (?:anger|nämner|uppger) (?:\w+ )?(?:ett|det|en) (?:belopp|saldo|skuld)\b",
    r"\b(?:i|de) (?:angiver|nævner|oplyser) (?:\w+ )?(?:et|det|en) (?:beløb|saldo|gæld)\b",
    r"\b(?:dere|de) (?:oppgir|nevner|angir) (?:\w+ )?(?:et|det|en) (?:beløp|saldo|gjeld)\b",
    r"\b(?:podają|podali|wskazują|wskazali) (?:państwo )?(?:\w+ )?kwot\w*",
    r"\b(?:uvádíte|uvedli jste|zmiňujete) (?:\w+ )?částk\w*",
    # the office's letter as the subject: "Your letter quotes a balance of", "Ihr Schreiben nennt einen Betrag von",
    # "uw brief vermeldt een bedrag van", "votre courrier mentionne un montant de", "la Vostra lettera indica un importo"
    r"\b(?:your|ihr|ihre|uw|votre|vostra|la vostra|su|vår|deres|jeres|wasze|váš) (?:letter|e-?mail|enquiry|request|"
    r"schreiben|brief|anfrage|mail|courrier|lettre|demande|lettera|comunicazione|carta|escrito|brev|henvendelse|"
    r"pismo|dopis)\w* (?:\w+ ){0,3}?(?:quotes|states|mentions|shows|gives|names|nennt|erwähnt|beziffert|vermeldt|noemt|"
    r"mentionne|indique|fait état|indica|menziona|riporta|menciona|señala|anger|nämner|angiver|nævner|oppgir|podaje|"
    r"uvádí) (?:\w+ )?(?:an? |the |einen |eine |den |die |een |het |un |le |l'|il |el |ett |et |det )?"
    r"(?:amount|balance|figure|sum|betrag|forderung|saldo|bedrag|montant|solde|importo|debito|importe|belopp|beløb|"
    r"beløp|kwot\w*|částk\w*)\b",
)
for _lang, _i in (("de", 0), ("en", 1), ("nl", 2), ("fr", 3), ("it", 4), ("es", 5), ("nordic", 6), ("nordic", 7),
                 ("nordic", 8), ("pl", 9), ("cs", 10), ("en", 11)):  # fmt: skip
    AMOUNT_LABELS["other"][_lang] = (*AMOUNT_LABELS["other"][_lang], _OFFICE_FIGURE[_i])


def _compile(role: str) -> re.Pattern[str]:
    """``role``'s labels of every language as one case-insensitive pattern: the alternation of
    its labels in table order, scanned word start first (``scan.word_start_split``: the same
    match at every position, so also inside a larger pattern built from ``.pattern``; the
    positions inside a word tried only for the labels not opening with ``\\b``;
    docs/worker-performance.md, "Round 15"). Raises ValueError for a label with a capturing
    group."""
    parts = [p for patterns in AMOUNT_LABELS[role].values() for p in patterns]
    return re.compile(word_start_split(parts, re.IGNORECASE), re.IGNORECASE)


#: Role → one compiled pattern over every language.
LABEL_RES: dict[str, re.Pattern[str]] = {role: _compile(role) for role in AMOUNT_LABELS}

#: "inklusive Zinsen und Kosten" / "including interest" names what a total holds, not a part.
#: One thing a German total takes into account ("unter Berücksichtigung weiterer Rückstände, Zinsen und Teilzahlungen"):
#: costs, interest, fees, payments, arrears, contributions, credits or surcharges (a rate or legal basis in brackets).
_DE_ITEM = (
    r"(?:der |unserer |aller |von |sämtlicher |weiterer |weiteren |bisheriger |geleisteter )?(?:\w+ )?"
    r"\w*(?:Kosten|Zinsen|Gebühren|Auslagen|Nebenforderungen|Zahlungen|Rückstände|Beiträge|Gutschriften|zuschläge)"
    r"(?: \([^()\n]{1,30}\))?"
)
#: One thing a total takes into account, en/fr/nl/it/es/pt/Nordic/pl: a determiner, one word at most, the part, and a
#: participle saying it was received or booked.
_OTHER_ITEM = (
    r"(?:(?:our|the|all|any|des|de nos|de vos|du|de la|de l'|les|de|onze|het|degli|delle|dei|di|del|della|dello|los|las|"
    r"os|as|dos|das|våra|de|vores|våre|alle|wszystkich) )?(?:[\w'’]+ )?"
    r"(?:costs?|fees?|interest|charges?|payments?|arrears|credits?|frais|intérêts|paiements?|versements?|pénalités|"
    r"règlements?|kosten|rente|incassokosten|betalingen|interessi|spese|costi|pagamenti|versamenti|intereses|gastos|costas|"
    r"pagos|abonos|juros|encargos|pagamentos|räntor|avgifter|betalningar|renter|gebyrer|omkostninger|betalinger|"
    r"indbetalinger|innbetalinger|inbetalningar|odsetek|odsetki|kosztów|koszty|wpłat)"
    r"(?: (?:received|made|to date|reçus|effectués|ontvangen|ricevuti|effettuati|recibidos|realizados|recebidos|"
    r"mottagna|modtaget|mottatt|dokonanych))?"
)
_TAKING_INTO_ACCOUNT = (
    r"|(?:(?:after )?taking into account|allowing for|compte tenu|en tenant compte|après prise en compte|rekening houdend met|"
    r"met inachtneming van|tenuto conto|tenendo conto|considerati|teniendo en cuenta|tras computar|tendo em conta|"
    r"med hänsyn till|efter avräkning av|under hensyntagen til|efter modregning af|etter fradrag av|medregnet|"
    r"uwzględniając|po uwzględnieniu) "
    + _OTHER_ITEM
    + r"(?:, "
    + _OTHER_ITEM
    + r")*(?:,? (?:and|et|en|e|y|och|og|i|oraz) "
    + _OTHER_ITEM
    + r")?(?=[\s,])"
    + r"(?!\s*(?:of|de|di|van|på|av|af|von|z|de la)(?:\s+[-\d€£$]|\s*$))"
)
#: One part of a claim, as a bracket lists it (``INCLUSIVE_RE``): principal, interest, costs or fees.
_PART = (
    r"(?:(?:der |die |the |de |het |les? |la |gli |le |los |las |os |as )?(?:\w*(?:zinsen|kosten|gebühren)|kapital|hauptforderung|"
    r"auslagen|spesen|principal|interest|costs|charges|fees|hoofdsom|rente|intérêts|frais|capitale?|interessi|spese|oneri|"
    r"intereses|gastos|costas|juros|custas|encargos|ränt(?:a|or)|avgifter|kostnader|renter|gebyrer|omkostninger|pääoma|korot|"
    r"kulut|należność główna|kapitał|odsetki|koszty|jistina|úroky|náklady|příslušenství))"
)
INCLUSIVE_RE = re.compile(
    # "bis einschließlich November", "up to and including 30 June": a date range, no components (the
    # words whole: "Der Beitragsrückstand einschließlich Mahnkosten", "Kontostand inkl. Zinsen" are no range)
    r"(?<!\bbis )(?<!\band )\b(?:inkl\.?|inklusive|einschlie(?:ß|ss)lich|einschl\.|including|incl\.?|inclusief|incl|y compris|compris|"
    # (not interest still to accrue: "comprensivo degli interessi maturandi a tale data" names a later figure)
    r"comprensiv[oaie] d(?:i|el|ello|ella|ei|egli|elle)(?![^,;()]*\b(?:maturand\w*|a tale data|fino al))|inclusi|incluidos?|incluyendo|inklusive|inkl|inklusiv|sisältäen|"
    # "inkludert salær og renter", "inkluderet gebyrer", "wraz z odsetkami", "łącznie z kosztami"
    r"inkluder(?:t|et)|wraz z|łącznie z|z uwzględnieniem|"
    # Portuguese: "ascende a 1.655,40 €, já com juros até 30/11", "incluindo juros"
    r"incluindo|incluíd[oa]s?|já com"
    # "dug s obračunatim zateznim kamatama iznosi", "wraz z odsetkami", "včetně úroků", "vrátane príslušenstva",
    # "kamatokkal együtt", "inclusiv dobânzile", "включително лихвите", "z obrestmi", "su palūkanomis", "ieskaitot",
    # "koos intressiga", "faiz dahil", "συμπεριλαμβανομένων", "включая", "включно з" (read32)
    r"|wraz z|łącznie z|včetně|vrátane|együtt|inclusiv|включително|uključujući|uključivo|zajedno s|"
    r"sa? (?:obračunat\w* |pripadajuć\w* )?(?:zatezn\w* )?kamat\w*|z (?:obračunanimi )?(?:zamudnimi )?obrest\w*|"
    r"su palūkan\w*|įskaitant|ieskaitot|koos intressi\w*|dahil|συμπεριλαμβανομένων|μαζί με|включая|с учетом|включно з|з урахуванням"
    # "nach Hinzurechnung unserer Kosten", "after adding our costs": what the total holds, not a part
    r"|(?:nach|unter|mit) (?:Hinzurechnung|Einrechnung)|after adding|with (?:our |the )?(?:costs|fees|interest) added"
    r"|na (?:bijtelling|optelling) van|après (?:ajout|imputation) d|dopo l'aggiunta d|tras (?:sumar|añadir))\s[^,;()]*"
    # a bracket saying what the figure holds: "(com juros e encargos)", "(con interessi e spese)", "(with interest)"
    r"|(?<=\()(?:com|con|avec|with|mit|met|med) (?:os |as |gli |le |los |las |les |the |den |de )?"
    r"(?:juros|encargos|despesas|interessi|spese|intereses|gastos|intérêts|frais|interest|costs|charges|fees|zinsen|kosten|"
    r"rente|ränta|avgifter|renter|gebyrer)\b[^()\n]{0,50}(?=\))"
    # a bracket that lists the parts the figure is made of: "EUR 1984,30 (Kapital, Zinsen und Kosten)", "(principal,
    # interest and costs)", "(hoofdsom, rente en kosten)", "(capital, intérêts et frais)", "(capitale, interessi e spese)",
    # "(kapital, ränta och avgifter)", "(należność główna, odsetki i koszty)" — two parts at least, nothing else
    r"|(?<=\()"
    + _PART
    + r"(?:(?:, ?|,? (?:und|sowie|and|plus|en|et|e|y|och|og|ja|i|a|und die|and the) )"
    + _PART
    + r")+(?=\)|\s*$)"
    # the same said after the parts, between commas: ", spese e interessi inclusi,", ", frais et intérêts compris,",
    # ", Zinsen und Kosten inbegriffen,", ", costs and interest included,"
    # the parts named before "compris" / "inclus" inside a label (read36): "Solde frais compris", "Saldo spese incluse",
    # "Balance, charges included", "Saldo Kosten inbegriffen"
    r"|\b(?:frais|intérêts|pénalités|charges|fees|costs|interest|kosten|zinsen|gebühren|spesen|spese|interessi|gastos|"
    r"intereses|rente|omkostninger|gebyrer|avgifter|renter)(?: (?:et|and|und|e|y|en|og|och) [^\W\d_]+)? (?:compris|inclus|"
    r"incluses|included|inbegriffen|incluse|inclusi|comprese|compresi|incluidos|incluidas|inbegrepen|inkluderet|"
    r"inkluderade|inkludert)\b"
    r"|,\s?[^,;()]{0,80}?\b(?:inclus[oaie]?|inclusi|compris(?:es?)?|included|inbegriffen|eingerechnet|inclusief|"
    r"inbegrepen|incluid[oa]s?|inkluderade?|inkluderet|inkludert|mukaan lukien)(?=\s*[,)])"
    # Finnish comitatives name what a figure holds: "1 598,20 € korkoineen", "kuluineen ja korkoineen"
    r"|\b[^\W\d_]{3,}ineen\b(?:\s(?:ja|sekä)\s[^\W\d_]{3,}ineen\b)?"
    # what a total takes into account: "Unter Berücksichtigung unserer Kosten und Zinsen beläuft sich die Forderung",
    # "taking into account our costs and interest", "compte tenu des frais", "rekening houdend met de kosten"
    # (a part may carry its rate or its legal basis: "der Verzugszinsen (4 % p.a.) und unserer Kosten gem.
    # Inkassogebühren-VO"; "nach Verrechnung aller Zahlungen und Verzugszinsen": what the rest takes into account)
    r"|(?:unter|nach|mit) (?:Berücksichtigung|Einbeziehung|Einrechnung|Verrechnung|Verbuchung|Anrechnung) "
    + _DE_ITEM
    + r"(?:, "
    + _DE_ITEM
    + r")*(?:,? (?:und|sowie) "
    + _DE_ITEM
    + r"(?: (?:gem\.|gemäß|lt\.|laut|nach) [\w.-]+)?)?(?=\s|,|$)"
    # not the part named with its own figure: "nach Verrechnung der Zahlungen von 50,00 €" (the payments' figure)
    r"(?!\s*(?:von|in höhe|über|à|zu je|i\.\s?h\.\s?v\.)(?:\s|$))"
    # the same frame in the other languages, a list of parts after it ("Compte tenu des intérêts et des frais, le solde
    # actuel … est de", "Taking into account interest, charges and the payments received, the balance now stands at",
    # "Tenuto conto degli interessi e dei pagamenti ricevuti, il saldo …"); not a part with its own figure ("of £50.00")
     + _TAKING_INTO_ACCOUNT,
    re.IGNORECASE,
)
#: Words before an amount that name the claim itself (a label of last resort).
GENERIC_CLAIM_RE = re.compile(
    r"\bforderung\b|\bschuldet\b|\bclaim\b|\bowes?\b|\bdebt\b|\bvordering\b|\bschuld\b|\bcréance\b|\bdette\b|"
    r"\bcredito\b|\bdebito\b|\bdeuda\b|\bfordran\b|\bkrav\b|\bsaatava\b|\bfordring\b",
    re.IGNORECASE,
)
#: A bank account seen from the customer's side: a minus balance is an overdraft (owed).
BANK_ACCOUNT_RE = re.compile(
    r"kontokorrent|girokonto|kreditkart|\bkarte\b|dispo|sollsaldo|overdra|current account|card account|"
    r"rekening-courant|compte courant|conto corrente|cuenta corriente|lönekonto|checkkonto|käyttötili",
    re.IGNORECASE,
)
#: A line naming its figure a debit balance ("Saldo debitore al 30/11/2026: -5.987,12 EUR", "Sollsaldo",
#: "debit balance", "solde débiteur"): the minus is the account's sign for what is owed, not a credit.
DEBIT_BALANCE_RE = re.compile(
    r"\bsollsaldo\b|\bdebit balance\b|\bdebetsaldo\b|\bsolde débiteur\b|\bsaldo (?:a )?debito\b|\bsaldo debitore\b|"
    r"\bsaldo deudor\b|\bzu (?:ihren|seinen|ihrer) lasten\b",
    re.IGNORECASE,
)
#: A sender that is a bank: its account balances are seen from the customer's side.
BANK_SENDER_RE = re.compile(
    r"\bbank\b|\w+bank\b|sparkasse|volksbank|raiffeisen|kreditinstitut|building society|\bbanque\b|\bbanca\b|"
    r"\bbanco\b|sparbank|sparebank|pankki",
    re.IGNORECASE,
)


#: The past tense of "amounts to" right after a figure, verb-last (German and Dutch subordinate clauses):
#: "dass der Saldo per 31.12.2025 3.580,00 EUR betrug", "… 2.240,00 € betragen hatte", "dat het saldo per
#: 30-06-2026 € 742,85 bedroeg" — a balance of the past, never the claim now (the reader's role and the safety
#: layer's label kind both read it).
PAST_AFTER_RE = re.compile(
    r"^\s*(?:€|eur\w*|chf|fr\.|£|gbp|kr\.?|sek|dkk|nok)?\s*(?:betrug|betragen hat(?:te)?|betragen hatte|belief|"
    r"ausmachte|ausgemacht hat(?:te)?|bedroeg|heeft bedragen|had bedragen|beliep)(?!\w)",
    re.IGNORECASE,
)

#: The instalments or payments received under an agreed plan, after which a figure stands: "nach (Abzug / Verrechnung)
#: der bisherigen (Plan)raten", "nach den bisher eingegangenen Raten", "after the (plan) payments / instalments received
#: (to date)", "after your client's payments", "after the arrangement payments", "na de afbetalingen", "après (déduction
#: des) versements reçus", "dopo i pagamenti (del piano)", "tras los pagos", "efter afdragene", "efter inbetalningarna",
#: "etter innbetalingene", "po wpłatach" — when the figure stands, not what it is: the balance after them is the rest
#: (read33). Only the plural of a payment or instalment word, with the modifiers of a plan's payments, and only where
#: the label ends or goes on to a verb that says what the figure is; "die Rate beträgt", "Zahlungen in Höhe von" and
#: "the sum of the instalments received" keep their words.
_MONTHS = (
    r"januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|may|"
    r"june|july|october|december"
)
_AFTER_PLAN_PAYMENTS = (
    # not inside a sum of the payments: "Die Summe der nach dem Plan geleisteten Raten", "the total of the payments"
    r"(?<!summe der )(?<!summe aller )(?<!sum of )(?<!sum of the )(?<!total of )(?<!total of the )(?<!somme des )"
    r"(?<!somma dei )(?<!totale dei )(?<!suma de los )(?<!som van de )(?<!summen af )(?<!summan av )"
    r"\b(?:nach|after|na|après|dopo|tras|efter|etter|após|po)\s+"
    # a verb of setting off: "nach Abzug der", "after deducting the", "après déduction des", "dopo detrazione dei"
    r"(?:(?:abzug|verrechnung|anrechnung|berücksichtigung|deducting|deduction\s+of|allowing\s+for|aftrek\s+van|"
    r"verrekening\s+van|déduction|imputation|detrazione|deducción\s+de|descontar|fradrag\s+(?:af|for)|avdrag\s+för)\s+)?"
    r"(?:(?:eingang|receipt\s+of|réception|ricezione|recepción|ontvangst\s+van|modtagelse\s+af|mottagandet\s+av)\s+)?"
    r"(?:(?:de[rmns]?|the|your|ihre[rn]?|unsere[rn]?|de|het|uw|des|les|vos|i|gli|le|dei|degli|delle|los|las|sus|"
    r"de|den|dina|dine|os|as|(?:(?:mr|mrs|ms|miss|dr)\.?\s+)?[^\W\d_][\w-]*(?:'s|’s))\s+)?"
    # the plan payments' modifiers: "bisherigen", "bisher eingegangenen", "your client's", "plan", "monthly"
    r"(?:(?:bisherig\w*|bisher|bislang|geleistet\w*|eingegangen\w*|gezahlt\w*|erhalten\w*|vereinbart\w*|"
    r"monatlich\w*|your\s+client's|client's|customer's|plan|arrangement|agreed|monthly|regular|instalment|"
    r"repayment|overeengekomen|maandelijkse|ontvangen|gedane|mensuels?|mensuelles?|mensili|mensuales|"
    r"hittills|gjorda|hidtidige|tidligere|hittil|dokonanych|dotychczasowych|otrzymanych)\s+){0,3}"
    r"(?:\w*raten|\w*zahlungen|rat[ey]|ratach|instal(?:l)?ments|payments|repayments|afbetalingen|aflossingen|termijnen|betalingen|"
    r"versements|mensualités|échéances|paiements|pagamenti|versamenti|rate|pagos|cuotas|abonos|plazos|pagamentos|"
    r"prestações|afdrag(?:ene)?|indbetaling(?:er|erne)|inbetalning(?:ar|arna)|avbetalning(?:ar|arna)|"
    r"innbetaling(?:er|ene)|avdrag(?:ene)?|wpłat(?:ach|ami)?|maksujen|maksuerien|"
    # one dated or the last instalment: "nach Eingang der Novemberrate", "after the November payment"
    r"(?:" + _MONTHS + r")rate|(?:(?:" + _MONTHS + r"|last|latest|final|letzte[nr]?|dernier|ultima|última|seneste|"
    r"senaste|siste)\s+)(?:payment|instal(?:l)?ment|rate|zahlung|versement|mensualité|rata|pagamento|cuota|pago|"
    r"betaling|afbetaling|termijn|afdrag|avbetalning|inbetalning|innbetaling|indbetaling))\b"
    # received, made, under the plan, to date
    r"(?:\s+(?:received|made|erhalten|eingegangen|geleistet|ontvangen|reçus|effectués|ricevuti|effettuati|versati|"
    r"recibidos|realizados|efectuados|recebidos|mottagna|modtagne|mottatte|gjorda))?"
    r"(?:\s+(?:under|of|from|del|des|du|van|aus|gemäß|im\s+rahmen)\s+(?:(?:the|your|dem|der|des|del|du|de\s+la|la|"
    r"het|de|den|unserer)\s+)?(?:\w*plan\w*|arrangement|agreement|\w*vereinbarung|\w*regeling|échéancier|piano\w*|"
    r"acuerdo|\w*ordning\w*|\w*avtal\w*))?"
    r"(?:\s+(?:to\s+date|so\s+far|bisher|tot\s+nu\s+toe|à\s+ce\s+jour|jusqu'à\s+présent|fino\s+ad\s+oggi|finora|"
    r"hasta\s+la\s+fecha|hasta\s+ahora|hittills|hidtil|hittil|dotychczas))?"
    r"(?=[\s:,]*(?:€|eur|euro|£|gbp|chf|fr\.|kr\.?|zł)?\s*$|.*\b(?:beträgt|betragen|beläuft|ergibt|ist|sind|"
    r"verbleib\w*|steht|is|stands|remains|amounts|bedraagt|s'élève|est|reste|ammonta|è|resta|asciende|es|queda|"
    r"uppgår|är|udgør|er|utgjør|wynosi|é|ascende|fica|noch|jetzt|aktuell|derzeit|now|currently|nog|thans|nu|"
    r"encore|désormais|ancora|ora|todavía|ahora|fortfarande|stadig|nå)\b)"
)

#: The full claim reckoned without the plan: "Gesamtforderung (ohne Vergleich)", "Debito complessivo senza il piano",
#: "the full balance without the arrangement", "zonder de regeling", "hors échéancier", "uden aftalen" — the plan word
#: is negated, so it names no plan figure (read33).
_WITHOUT_PLAN = (
    r"\b(?:ohne|without|excluding|senza|sin|sans|hors|zonder|uden|utan|uten|bez)\s+(?:(?:den|die|das|dem|the|il|lo|el|le|"
    r"la|de|het|l'|den|det)\s*)?(?:\w*vergleich\w*|\w*plan\w*|\w*vereinbarung|arrangement|agreement|piano|"
    r"rateizzazione|échéancier|accord|acuerdo|\w*regeling|\w*aftale\w*|\w*ordning\w*|\w*avtal\w*|ugod\w*)\b"
    r"(?:\s+(?:di|de|del|des)\s+[^\W\d_]+)?"
)

#: "nach den Teilzahlungen", "after your payment of 3 May" inside a label: when the figure stands,
#: not what it is (the reader's label and the safety layer's both drop it).
AFTER_PAYMENT_RE = re.compile(
    # the plan's instalments first: "nach Verrechnung der Raten" is one phrase, not "nach Verrechnung" + "der Raten"
    _AFTER_PLAN_PAYMENTS + r"|" + _WITHOUT_PLAN + r"|"
    r"(?:\b(?:nach|after|na|après|dopo|tras|efter|etter|após)\s+(?:(?:de[rmns]?|the|your|ihrer|einer|het|le|la|les|il|el|los|l'|all|o|os)\s*)?"
    # a verb and what else is applied before the payments: "tras aplicar los intereses de demora y los pagos
    # recibidos", "after applying interest and your payments", "nach Abzug der geleisteten Zahlungen"
    r"(?:(?:aplicar|descontar|deducir|applying|deducting|allowing\s+for|taking|abzug|berücksichtigung|anrechnung|"
    r"aftrek|verwerking|déduction|imputation|prise\s+en\s+compte|aver\s+detratto|aver\s+considerato|detrazione|"
    r"avdrag|fradrag)\b[^\d.;:!?\n]{0,60}?)?"
    r"\w*(?:zahlung|eingang|aufrechnung|verrechnung|payment|set-?off|betaling|verrekening|paiement|versement|compensation|"
    r"pagamento|compensazione|pago|compensación|betalning|kvittning)\w*"
    # "nach Eingang der Zahlung", "after receipt of your payment": the payment named after its receipt
    r"(?:\s+(?:der|ihrer|einer|of\s+(?:the|your)|van\s+(?:de|uw)|de\s+(?:la|votre)|du|del(?:la)?|de)\s+"
    r"\w*(?:zahlung|payment|betaling|paiement|versement|pagamento|pago|betalning)\w*)?"
    r"(?:\s+(?:recibid[oa]s?|recebid[oa]s?|received|erhalten|eingegangen\w*|geleistet\w*|ontvangen|reçus?|ricevut[oiae]|mottagna|"
    r"modtagne|mottatte))?"
    # the payment's date, also with dashes: "na verwerking van de betaling van 20-11"
    r"(?:\s+(?:vom|von|of|on|du|del|van|den|em|el|il|le)\s+\d[\d./-]*(?:\s?\d{4})?)?"
    # and the interest booked with them, the figure right after: "beträgt nach Verrechnung aller Zahlungen
    # und Verzugszinsen 8.712,35 €", "after allowing for all payments and interest £8,712.35"
    r"(?:\s+(?:aller|sämtlicher|all|of all|alle|van alle|de tous les)\s+\w*(?:zahlung|payment|betaling|paiement)\w*)?"
    r"(?:\s+(?:und|and|en|et|e|y|och|og)\s+(?:der\s+|the\s+|de\s+|des\s+)?\w*(?:zinsen|interest|kosten|costs|rente|intérêts|"
    r"interessi|intereses|ränta|renter))?(?:[\s:]*(?:€|eur|euro|£|gbp|chf|kr\.?)?\s*$|"
    # only when the clause goes on to say what the figure is ("… beträgt damit", "… noch", "… now stands at"):
    # "nach Verrechnung der Kaution (€ 1.000,00)" names the deposit itself
    r"(?=.*\b(?:beträgt|betragen|beläuft|ergibt|ergeben|ist|sind|bleib\w*|verbleib\w*|noch|nog|still|encore|ancora|todavía|aktuell|derzeit|jetzt|steht|stands?|is|remains?|amounts?|now|bedraagt|"
    r"s'élève|reste|ammonta|resta|asciende|queda|uppgår|utgör|är|er|udgør|utgjør|é|è|es|fica|ascende)\b)))"
    # or after interest or costs were booked: "Nach Belastung der Zinsen für das 3. Quartal weist das Konto
    # einen Saldo von … aus", "after interest was added, the balance is", "après imputation des intérêts"
    r"|\b(?:nach|after|na|après|dopo|tras|efter|etter)\s+(?:(?:de[rmns]?|the|het|le|la|les|l'|il|el|los)\s*)?"
    r"(?:belastung|buchung|verbuchung|berechnung|zurechnung|hinzurechnung|kapitalisierung|charging|adding|booking|"
    r"debiting|bijschrijving|bijboeking|imputation|ajout|addebito|aver\s+addebitato|cargar|cargo|debitering|"
    r"(?:interest|charges|fees)\s+(?:was|were|had\s+been|have\s+been)\s+(?:added|charged|applied))\b"
    r"(?:[^,;:!?\n.]|(?<=\d)\.){0,60}?(?=\s(?:weist|beträgt|beläuft|ergibt|verbleib\w*|steht|bedraagt|staat|"
    r"s'élève|reste|ammonta|resta|asciende|queda|uppgår|udgør|utgjør)\b|,)"
    # or after a part was taken out: "Nach Ausbuchung der Inkassospesen des Büros ist … ein Betrag von", "after the
    # removal of the collection fees the balance is", "na afboeking van de incassokosten bedraagt"
    r"|\b(?:nach|after|na|après|dopo|tras)\s+(?:(?:de[rmns]?|the|het|le|la|les|l'|il|el|los)\s*)?"
    r"(?:ausbuchung|stornierung|storno|abschreibung|streichung|removal|cancellation|write-?off|waiver|afboeking|"
    r"annulation|annullamento|anulación)\b"
    r"(?:[^,;:!?\n.]|(?<=\d)\.){0,60}?(?=\s(?:ist|sind|weist|beträgt|beläuft|ergibt|verbleib\w*|steht|is|stands|remains|"
    r"bedraagt|s'élève|reste|ammonta|resta|asciende|queda)\b|,)"
    # or after a count of instalments, right before the figure: "Die Restforderung beträgt nach zwei Raten
    # 1.738,00 €", "the balance after three instalments is" (when, not what: the figure is the rest)
    r"|\b(?:nach|after|na|après|dopo|tras|efter|etter)\s+(?:(?:den|the|de|les|le|la|le|las|los)\s+)?"
    r"(?:\d{1,2}|zwei|drei|vier|fünf|sechs|two|three|four|five|six|twee|drie|vier|vijf|deux|trois|quatre|cinq|"
    r"due|tre|quattro|cinque|dos|tres|cuatro|cinco|två|tre|fyra|fem|to|fire)\s+(?:\w+\s+)?"
    r"(?:raten|teilzahlungen|monatsraten|instal(?:l)?ments|payments|termijnen|betalingen|mensualités|versements|"
    r"rate|cuotas|avbetalningar|afdrag|avdrag)\b(?=\s*(?:[:,]\s*)?(?:is|ist|beträgt|bedraagt|est|è|es|är|er)?\s*$)",
    re.IGNORECASE,
)


#: The tail of a payment's clause at the start of the next figure's label: the participle of its receipt and
#: its date ("Após o pagamento de 75,00 € recebido em 28/11/2026, o saldo atual é de", "after the payment of
#: £95.00 received on 20/11/2026, the balance is", "tras el pago parcial de 95,00 € recibido el 20/11/2026 el
#: importe pendiente … asciende a") — words of the payment before it, not of this figure.
PAYMENT_TAIL_RE = re.compile(
    r"^\s*(?:received|recibid[oa]s?|recebid[oa]s?|ricevut[oaie]|reçue?s?|erhalten|eingegangen|ontvangen|"
    r"mottag(?:en|et|na)|modtag(?:et|ne)|mottatt|vastaanotettu)\s+"
    r"(?:(?:on|el|em|il|le|am|op|den|the|a|no|na|dia|per|de)\s+)*"
    r"\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?(?![\d./-])\s*,?\s*",
    re.IGNORECASE,
)


#: The reply points at its subject line for the figure ("siehe Betreff", "see subject", "se
#: emnefeltet"): the creditor wrote the subject, so it is read as the creditor's own text
#: (amounts included) — by the reader and by the safety layer alike (docs/evaluation.md,
#: "The subject line as the creditor's text"). Only a pointer counts, not a mention
#: ("Betreff: …" as a header, "im Betreff Ihres Schreibens").
SEE_SUBJECT_RE = compile_prefiltered(
    r"\b(?:"
    # de: "siehe Betreff", "s. Betreff", "vgl. Betreff", "(steht) im Betreff", "wie im Betreff (angegeben)"
    r"(?:siehe|s\.|vgl\.)\s*(?:den\s+|die\s+)?betreff(?:zeile)?|(?:steht|stehen|wie|s\.)\s+(?:oben\s+)?im\s+betreff\b"
    r"|betrag\s+(?:laut|lt\.|gemäß)\s+betreff|(?:laut|lt\.|gemäß)\s+betreff"
    # "entnehmen Sie bitte dem Betreff", "ist dem Betreff zu entnehmen", "ergibt sich aus dem Betreff", "finden Sie im Betreff"
    r"|entnehmen\s+sie\s+(?:\w+\s+){0,2}dem\s+betreff|dem\s+betreff\s+(?:zu\s+)?entnehmen|ergibt\s+sich\s+aus\s+dem\s+betreff"
    r"|finden\s+sie\s+(?:\w+\s+){0,2}im\s+betreff"
    # "Der aktuelle Rückstand … ist im Betreff dieser Nachricht genannt", "in the subject of this email"
    r"|(?:ist|sind|wird|werden)\s+im\s+betreff\s+(?:(?:dieser|der|unserer)\s+(?:nachricht|e-?mail|mail)\s+)?"
    r"(?:genannt|angegeben|aufgeführt|ausgewiesen|vermerkt)"
    r"|(?:stated|shown|given|named)\s+in\s+the\s+subject\s+of\s+this\s+(?:message|e-?mail)"
    # "der im Betreff genannte Betrag", "vindt u in de onderwerpregel", "framgår av ämnesraden", "fremgår af emnefeltet"
    r"|im\s+betreff\s+(?:(?:dieser|der|unserer)\s+(?:nachricht|e-?mail|mail)\s+)?(?:genannte|angegebene|aufgeführte|ausgewiesene|vermerkte)[nr]?"
    r"|(?:vindt\s+u|ziet\s+u|leest\s+u|staat|vermeld)\s+(?:\w+\s+)?in\s+de\s+onderwerpregel"
    r"|framgår\s+av\s+ämnesraden|fremgår\s+a[fv]\s+(?:emnefeltet|emnelinjen)"
    # en/nl/fr/it/es: "can be found in the subject", "vindt u in het onderwerp", "figure en objet", "riportato in oggetto"
    r"|found\s+in\s+the\s+subject(?:\s+line)?|(?:vindt\s+u|ziet\s+u|leest\s+u|staat)\s+(?:\w+\s+)?in\s+het\s+onderwerp"
    # "sehen Sie im Betreff", "lesen Sie im Betreff dieser Mail", "you can see in the subject", "vous le voyez dans l'objet"
    r"|(?:sehen|lesen)\s+sie\s+(?:\w+\s+){0,2}im\s+betreff|(?:see|read)\s+(?:it\s+)?in\s+the\s+subject(?:\s+line)?"
    r"|(?:voyez|lisez)\s+(?:\w+\s+)?dans\s+l['’]objet"
    r"|figur(?:e|ant)\s+en\s+objet|riportat[oa]\s+in\s+oggetto|figura\s+en\s+el\s+asunto"
    # en: "see subject", "see the subject line", "as per subject", "as in the subject", "(stated) in the subject line"
    r"|(?:see|refer\s+to|per)\s+(?:the\s+|our\s+|my\s+)?subject(?:\s+line)?|as\s+(?:per|in)\s+(?:the\s+)?subject(?:\s+line)?"
    r"|(?:stated|shown|given|quoted)\s+in\s+the\s+subject(?:\s+line)?"
    # nl: "zie onderwerp(regel)", "zie betreft", "zoals in het onderwerp"
    r"|zie\s+(?:het\s+)?(?:onderwerp(?:regel)?|betreft)|zoals\s+in\s+het\s+onderwerp|vermeld\s+in\s+het\s+onderwerp"
    # fr: "voir objet", "voir l'objet", "cf. objet", "indiqué en objet", "mentionné en objet"
    r"|(?:voir|cf\.?)\s+(?:l'|l’|en\s+)?objet|(?:indiqué|mentionné|précisé)e?s?\s+(?:en|dans\s+l'|dans\s+l’)\s*objet"
    # it: "vedi oggetto", "come da oggetto", "indicato nell'oggetto"
    r"|vedi(?:\s+l'|\s+l’|\s+)oggetto|come\s+(?:da|in)\s+oggetto|indicat[oa]\s+(?:nell'|nell’|in\s+)\s*oggetto"
    # es: "ver asunto", "véase el asunto", "según asunto", "indicado en el asunto"
    r"|(?:ver|véase|vea|según)\s+(?:el\s+)?asunto|indicad[oa]\s+en\s+el\s+asunto"
    # sv/da/no: "se ämnesraden", "se ämne", "se rubriken", "se emnefeltet", "se emnelinjen", "se overskriften"
    r"|se\s+(?:ämnesraden|ämnesrad|ämnet|ämne|rubriken|emnefeltet|emnefelt|emnelinjen|emnet|emne|overskriften)"
    # fi: "katso otsikko", "ks. otsikko", "katso aihe(rivi)"
    r"|(?:katso|ks\.)\s+(?:otsikko|otsikosta|aihe(?:rivi|kenttä)?|aiheesta)"
    # "wie im Betreff Ihres Schreibens", "see the subject of your letter": the office's subject, no pointer
    r")(?!\w)(?!\s+(?:ihre[rs]?|of\s+your|your|uw|van\s+uw|de\s+votre|votre|del\s+vostro|vostro|de\s+su|su|i\s+ert|ert|din|ditt|jeres|deres))",
    re.IGNORECASE,
    "sbvwlgedfinrpaqzcmk",  # the first letters of its branches (scan.prefiltered)
)


#: Words that stop a figure's paid clause from stating a payment made: a negation, "not yet",
#: "still", an obligation, a request or a future ("ist noch nicht bezahlt", "must be paid by",
#: "bitte … überweisen", "wird … gezahlt werden", "non è ancora stato versato").
_PAID_BLOCKER = (
    r"nicht|noch|kein\w*|bitte|muss|müssen|soll\w*|wird|werden|bis|not|yet|still|must|should|will|shall|please|"
    r"non|ancora|deve|devono|entro|niet|nog|moet|moeten|dient|uiterlijk|pas|encore|doit|doivent|avant|no|todavía|aún|debe|"
    r"deben|antes|não|ainda|inte|ej|ännu|måste|ikke|endnu|enda|skal|må|ei|vielä|nie|jeszcze|musi|do|to|zu|te|da|"
    # a time or condition clause, or another figure's noun: "€1,250.00 is the balance after the payment
    # received" (the sum is the balance; the payment is another)
    r"nach|nachdem|after|once|when|if|na|nadat|als|indien|wanneer|après|lorsque|quand|si|dopo|quando|se|tras|cuando|"
    r"efter|etter|om|når|jälkeen|kun|jos|po|gdy|jeśli|sobald|wenn|falls|sofern|"
    # a condition or a request: "provided payment is received by", "siempre que el pago …", "bedes indbetalt"
    r"provided|providing|unless|vorausgesetzt|siempre|pourvu|purché|mits|forutsatt|forudsat|edellyttäen|"
    r"bedes|bes|ombedes|pyydetään|proszę|prosimy|"
    r"balance|saldo|rest\w*|remaining|solde|residu\w*|resto|restante|saldot|saldoen"
)
_PAID_GAP = r"(?:(?!(?:" + _PAID_BLOCKER + r")\b)(?:[^\W\d_][\w'’-]*\.?|\d[\d./-]*)\s+)"
_PAID_AUX = (
    r"(?:wurde|wurden|ist|sind|war|waren|haben|hat|was|were|has been|have been|had been|got|"
    r"is|zijn|werd|werden|heeft|hebben|a été|ont été|a|ont|è stat[oaie]|sono stat[ie]|risulta|risultano|ha|hanno|"
    r"fue|fueron|ha sido|han sido|foi|foram|är|blev|har blivit|har|er|ble|har blitt|er blevet|on|oli|ovat|"
    r"został[aoy]?|zostały)\s+"
)
#: The participles that say "paid" without an auxiliary after the figure (German and Dutch perfect,
#: the auxiliary before it: "hat 1.250,00 € am 3.5. bezahlt", "heeft € 1.250,00 betaald").
_PAID_BARE = (
    r"(?:überwiesen|bezahlt|gezahlt|beglichen|betaald|voldaan|overgemaakt|terugbetaald|"
    # the reflexive and s-passive past that need no auxiliary: "248,60 EUR, se abonó el 28/11/2026", "se pagó",
    # "1 290,00 kr betalades in i sin helhet", "indbetaltes", "maksettiin", "spłacono"
    r"se (?:abonó|pagó|liquidó|saldó|ingresó|abonaron|pagaron|pagou|liquidou)|(?:in|åter)?betalades|reglerades|"
    r"(?:ind|inn|tilbage|tilbake)?betaltes|maksettiin|(?:za|s|w)płacono)"
    r"(?![\w'’])(?!\s+(?:werden|worden|zu werden|sein|zijn|be)\b)"
    # a negation after the verb, as the Nordic languages write it: "betalades inte", "betaltes ikke"
    r"(?!\s+(?:inte|ej|ikke|ikkje|ei|aldrig|never|not|no)\b)"
)
_PAID_PARTICIPLE = (
    r"(?:überwiesen|bezahlt|gezahlt|beglichen|getilgt|erfüllt|ausgeglichen|eingegangen|erstattet|zurückgezahlt|"
    r"zurückerstattet|entrichtet|geleistet|gutgeschrieben|vereinnahmt|"
    r"paid(?: off| up)?|received|refunded|settled|cleared|repaid|remitted|credited|discharged|"
    r"betaald|voldaan|ontvangen|overgemaakt|terugbetaald|afgelost|gestort|bijgeschreven|"
    r"payée?s?|réglée?s?|versée?s?|reçue?s?|remboursée?s?|encaissée?s?|acquittée?s?|soldée?s?|"
    r"(?:pagat|versat|saldat|ricevut|corrispost|rimborsat|incassat|accreditat|bonificat|estint)[oaie]|"
    r"(?:pagad|abonad|recibid|saldad|liquidad|ingresad|reembolsad|cobrad)[oa]s?|"
    r"(?:pag|liquidad|recebid|saldad|reembolsad)[oa]s?|"
    r"betald|betalt|inbetald|indbetalt|innbetalt|mottagen|mottaget|modtaget|mottatt|återbetald|tilbagebetalt|"
    r"tilbakebetalt|reglerad|indfriet|innfridd|maksettu|suoritettu|vastaanotettu|"
    r"(?:zapłacon|spłacon|uregulowan|wpłacon|otrzyman|zwrócon)[aeoy])"
    r"(?![\w'’])(?!\s+(?:werden|worden|zu werden|sein|zijn|be)\b)"
)
#: The words after a money figure, in its own clause, that say that sum was paid, received,
#: settled or refunded — with auxiliaries, a date and adverbs between, verb-last in German and
#: Dutch: "1.250,00 € wurde am 12.11.2026 bezahlt", "ist durch Zahlung erfüllt", "£1,250.00 was
#: paid in full on 14 November", "€ 1.250,00 is op 12-11 volledig betaald", "1 250,00 € a été
#: intégralement réglée", "€ 1.250,00 è stato corrisposto per intero", "1.250,00 € fue abonado",
#: "1.250,00 € foi pago", "1 250,00 kr är betald", "kwota … została zapłacona". Read by the reader
#: (the figure is a payment, never the total: ``amounts.amount_role``) and by the safety layer
#: (a total the reply says was paid is held: ``reply_wording.settled_reasons``). Not: a negation,
#: "still", an obligation or a future among the words ("ist noch nicht bezahlt", "must be paid by
#: 15 December", "muss bis … überwiesen werden"), nor a participle followed by its infinitive
#: ("bezahlt werden", "betaald worden").
PAID_CLAUSE_RE = re.compile(
    r"^\W{0,3}(?:"
    + _PAID_GAP
    + r"{0,4}?"
    + _PAID_AUX
    + _PAID_GAP
    + r"{0,5}?"
    + _PAID_PARTICIPLE
    + r"|"
    + _PAID_GAP
    + r"{0,3}?"
    + _PAID_BARE
    + r")",
    re.IGNORECASE,
)


def says_paid(after: str) -> bool:
    """Whether ``after`` — the words right after a money figure, up to its clause's end — says
    that sum was paid, received, settled or refunded (``PAID_CLAUSE_RE``; str in, bool out)."""
    return bool(PAID_CLAUSE_RE.match(after))


#: A part of a claim as the subject of a settled sentence: one instalment, one month or period —
#: "Die Rate für November ist beglichen", "the November instalment has been paid", "de termijn van
#: oktober is voldaan", "l'échéance de novembre est réglée", "la rata di novembre è stata saldata",
#: "la cuota de noviembre está pagada", "novemberavbetalningen är betald", "marraskuun erä on
#: maksettu", "rata za listopad została spłacona". Such a sentence settles that part, not the claim:
#: with a rest stated as still open in another sentence, the rest is the claim (the reader) and the
#: settled words do not contradict it (the safety layer). An invoice or a contract is no such part —
#: it may be the claim itself.
PART_SETTLED_RE = re.compile(
    r"(?<!\w)(?:(?:monats|leasing|kredit|tilgungs|darlehens|miet|teil|quartals|jahres)?raten?|teilbetrag\w*|teilzahlung\w*|abschlag\w*|monatsbeitr\w*|"
    r"instal+ments?|monthly payments?|repayments?|"
    r"termijn\w*|maandtermijn\w*|aflossing\w*|"
    r"échéances?|mensualités?|"
    r"rat[ae]|(?:canone|rata) (?:di|del mese)|"
    r"cuotas?|mensualidad\w*|plazos?|prestaç(?:ão|ões)|"
    r"\w*avbetalning\w*|\w*afdrag\w*|\w*avdrag\w*|\w*delbetaling\w*|erä|maksuerä\w*|"
    r"rat[ay]?)(?!\w)",
    re.IGNORECASE,
)


def settles_a_part(sentence: str) -> bool:
    """Whether ``sentence`` (the one a settled phrase stands in) names one instalment or period as
    what was settled (``PART_SETTLED_RE``; str in, bool out)."""
    return bool(PART_SETTLED_RE.search(sentence))


#: The last of a plan's parts ("die letzte Rate", "the final instalment", "l'ultima rata", "la última cuota", "de
#: laatste termijn", "la dernière échéance", "den sista avbetalningen", "sidste afdrag", "viimeinen erä", "ostatnia
#: rata"): paying it may settle the whole claim, so a settled phrase after it is not one part's alone.
_LAST_PART = re.compile(
    r"(?<!\w)(?:letzten?|finale?n?|last|final|ultim[ao]|últim[ao]|dernière|dernier|laatste|sista|sidste|siste|"
    r"viimeinen|ostatni[aą]?|derradeir[ao])(?!\w)(?:\W+\w+){0,2}\W+$",
    re.IGNORECASE,
)
#: What a settled phrase may say was settled besides a part: the claim, the debt, the account, the file, the balance.
_WHOLE_NOUN = re.compile(
    # compounds count ("Kundenkonto", "Restschuld", "Gesamtforderung", "klantrekening", "restskuld")
    r"(?<!\w)(?:\w*(?:forderung|schuld|konto|saldo|akte|vorgang|angelegenheit|verbindlichkeit|vordering|rekening|"
    r"dossier|gæld|gjeld|skuld|fordran|fordring|velka|saatava|należnoś|dług|dívida)\w*|"
    r"claim|debt|account|balance|arrears|matter|file|debito|credito|pratica|posizione|deuda|cuenta|expediente|"
    r"créance|dette|compte|solde|kravet|conta|processo)(?!\w)",
    re.IGNORECASE,
)
#: A part named as the means of settling ("mit der Rate", "nach Eingang der Rate", "with the instalment", "after
#: receipt of the instalment", "con la rata", "dopo il pagamento della rata", "met de termijn", "avec l'échéance",
#: "con la cuota", "tras el pago de la cuota", "med avbetalningen"): a preposition at most three words before it.
_BY_MEANS_OF = re.compile(
    r"(?<!\w)(?:mit|durch|nach|dank|with|by|after|upon|following|through|con|col|coi|dopo|mediante|tramite|tras|"
    r"después de|met|na|door|dankzij|avec|après|grâce à|med|efter|etter|gjennom|genom|ved|com|após)"
    r"(?:\W+[^\W\d]+){0,3}\W+$",
    re.IGNORECASE,
)
#: A contract as what a settled phrase settles ("der Stromvertrag … ist … ausgeglichen", "il contratto … risulta").
_CONTRACT = re.compile(
    r"(?<!\w)(?:\w*vertrag\w*|contracts?|agreements?|contratt[oi]|contrat[os]?|\w*overeenkomst\w*|\w*avtal\w*|"
    r"\w*aftale\w*|\w*avtale\w*|\w*sopimus\w*|umow\w*)(?!\w)",
    re.IGNORECASE,
)
#: What starts a clause: a sentence end (not a date's "30.06. "), a line break, a comma, a semicolon, a colon. The
#: clause a settled phrase stands in starts after the last of them before it (``_clause_before``).
_CLAUSE_START = re.compile(r"(?<!\d)[.!?;:]\s|\n|,\s")


def _clause_before(before: str) -> str:
    """The clause ``before`` ends in: its text after the last clause start (``_CLAUSE_START``), all of it when none."""
    ends = [m.end() for m in _CLAUSE_START.finditer(before)]
    return before[ends[-1] :] if ends else before


def settles_only_a_part(text: str, start: int) -> bool:
    """Whether the settled phrase starting at ``start`` of ``text`` settles one instalment or period of the claim,
    not the claim: its clause names a part (``PART_SETTLED_RE``: "la rata mensile di novembre di € 250,00 risulta
    saldata", "de maandtermijn van november is voldaan", "la cuota de noviembre está saldada", "a prestação de
    novembro se encontra liquidada") with no word for the whole claim between the part and the phrase, and the part
    is not the last one ("l'ultima rata … ha saldato il debito", "die letzte Rate ist beglichen" settle the claim).
    str and int in, bool out."""
    before = text[max(0, start - 240) : start]
    clause = _clause_before(before)
    parts = list(PART_SETTLED_RE.finditer(clause))
    if not parts:
        return False
    last = parts[-1]
    if _WHOLE_NOUN.search(clause[last.end() :]) or _LAST_PART.search(clause[: last.start()]):
        return False
    # "der Stromvertrag … ist mit der Rate vom 30.06.2026 vollständig ausgeglichen": the part is the means, the
    # contract or claim named before it is what was settled
    before_part = clause[: last.start()]
    return not (_BY_MEANS_OF.search(before_part) and (_WHOLE_NOUN.search(before_part) or _CONTRACT.search(before_part)))


#: A zero where a scan's text recognition read the letter O at the start of a word ("0ffen per
#: 27.11.2026", "0utstanding balance", "0penstaand saldo"): a word of letters after it.
_OCR_ZERO_O = re.compile(r"(?<![\w.,])0(?=[^\W\d_]{3,})")


def ocr_folded(words: str) -> str:
    """``words`` with a leading zero read for the letter O folded back ("0ffen" → "offen"), same
    length, so the label tables read a scanned letter's labels. Only a zero right before three or
    more letters and after no digit, letter or separator: amounts, dates and references keep theirs."""
    return _OCR_ZERO_O.sub("o", words) if "0" in words else words


#: A table column header naming the office's own figure, the one the creditor compares with its current one
#: (read36): "laut Ihrem Schreiben", "Ihre Angabe", "per your letter", "Your records", "Uw brief", "volgens uw
#: opgave", "selon votre courrier", "secondo la vostra lettera", "Según su carta", "Enligt ert brev", "ifølge
#: jeres brev", "ifølge Deres brev", "kirjeenne mukaan", "według Państwa pisma", "segundo a sua carta".
LETTER_COLUMN_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?:(?:laut|lt\.|gemä(?:ß|ss)|nach) )?ihr(?:e[mnrs]?)? (?:schreiben|anfrage|mitteilung|aufstellung|e-?mail|unterlagen|angabe|"
    r"betrag|stand|brief)|bei ihnen (?:erfasst|vermerkt|notiert)|"
    r"(?:(?:as )?per |in |according to |from )?your (?:letter|e-?mail|request|records|figure|enquiry|inquiry|statement)|"
    r"you quoted|"
    r"(?:(?:volgens|in|per|uit) )?uw (?:brief|schrijven|e-?mail|verzoek|opgave|gegevens|bedrag)|bij u bekend|"
    r"(?:(?:selon|d'après|suivant|dans) )?votre (?:courrier|lettre|demande|e-?mail|montant)|"
    r"(?:(?:secondo|come da|da|nella) )?(?:la )?vostra (?:lettera|richiesta|comunicazione|e-?mail)|"
    r"(?:(?:según|de|en) )?su (?:carta|escrito|correo|solicitud)|"
    r"(?:(?:segundo|de acordo com|conforme|na) )?(?:a )?sua (?:carta|comunicação)|"
    r"(?:enligt )?(?:ert|er|ditt|din) (?:brev|mejl|e-?post|förfrågan)|"
    r"(?:(?:ifølge|iflg\.|iht\.|i) )?(?:jeres|deres|dit|ditt) (?:brev|henvendelse|e-?mail|e-?post)|"
    r"kirjeenne mukaan|kirjeessänne|"
    r"(?:według|wg\.?) (?:państwa )?(?:pisma|wiadomości)"
    r")(?!\w)",
    re.IGNORECASE,
)
#: A table column header naming the figure now beside the office's (read36): "aktueller Stand", "Stand heute",
#: "Current balance", "balance today", "Huidig saldo", "actueel", "solde actuel", "à ce jour", "saldo attuale",
#: "ad oggi", "Saldo actual", "a día de hoy", "Aktuellt saldo", "i dag", "nåværende saldo", "nykyinen saldo",
#: "aktualne saldo", "saldo atual".
CURRENT_COLUMN_RE = re.compile(
    r"(?<!\w)(?:"
    r"aktuell\w*|(?:stand|saldo) (?:heute|jetzt)|heute|neu(?:er)? (?:stand|saldo)|"
    r"current\w*|(?:balance|amount|figure) (?:today|now)|today|updated|now|"
    r"huidig\w*|actue(?:el|le)|vandaag|"
    r"actuel(?:le)?|à ce jour|aujourd'hui|mis à jour|"
    r"attual[ei]|ad oggi|aggiornat[oa]|"
    r"actual|a día de hoy|hoy|actualizad[oa]|"
    r"atual|hoje|"
    r"aktuel(?:t|le)?|i dag|idag|nåværende|"
    r"nykyi\w*|tänään|ajantasai\w*|"
    r"aktualn\w*|obecn\w*|na dzi(?:ś|s)"
    r")(?!\w)",
    re.IGNORECASE,
)


#: The creditor confirms a figure in its own words (read36): "… ist zutreffend", "ist korrekt", "stimmt", "is
#: correct", "is accurate", "is juist", "klopt", "est exact", "è corretto", "es correcto", "stämmer", "er korrekt",
#: "passer", "stemmer", "on oikein", "jest prawidłowa" — with perhaps "still" between ("ist weiterhin zutreffend").
_CONFIRMED = (
    r"(?:ist|is|est|è|es|er|är|on|jest|bleibt|remains|blijft|reste|rimane|sigue|forbliver|förblir)\s+"
    r"(?:(?:weiterhin|nach wie vor|still|nog steeds|nog altijd|toujours|ancora|aún|todavía|fortfarande|stadig|fortsatt|"
    r"edelleen|nadal|also|ook|aussi|anche|también|også|också)\s+)?"
    r"(?:zutreffend|korrekt|richtig|correct[oa]?|accurate|exact[e]?|juist|corrett[oa]|riktig[t]?|rigtig[t]?|"
    r"oikein|oikea|poprawn\w*|prawidłow\w*|valid[oa]?|gültig|geldig|valable)|"
    r"stimmt|stämmer|stemmer|klopt|passer|se confirme|si conferma|se confirma"
)
_CONFIRMED_RE = re.compile(rf"(?<!\w)(?:{_CONFIRMED})(?!\w)", re.IGNORECASE)
#: A negation, a condition or a doubt before the confirmation in its clause: "ist nicht (mehr) zutreffend", "is not
#: correct", "n'est pas exact", "non è corretto", "no es correcto", "är inte korrekt", "falls … zutreffend", "if the
#: amount … is correct", "cannot confirm".
_CONFIRM_BLOCKER = re.compile(
    r"(?<!\w)(?:nicht|kein\w*|not|no longer|cannot|can't|niet|geen|pas|plus|non|no|inte|ej|ikke|ei|nie|"
    r"falls|sofern|wenn|ob|if|whether|unless|indien|mits|si|qualora|ifall|hvis|jos|jeśli|jeżeli)(?!\w)|n['’]",
    re.IGNORECASE,
)


def confirms_figure(words: str) -> bool:
    """Whether ``words`` (a figure's own sentence or the words after it in its clause) say in the writer's own words
    that the figure is right ("Der in Ihrem Schreiben genannte Betrag von 540,00 € ist zutreffend", "Het bedrag in uw
    brief is juist", "Beloppet i ert brev stämmer"): a confirmation with no negation, condition or doubt before it in
    its clause, and the sentence asks nothing. str in, bool out."""
    if "?" in words:
        return False
    for m in _CONFIRMED_RE.finditer(words):
        clause_start = max(words.rfind(sep, 0, m.start()) for sep in (",", ";", ":", "(", "\n")) + 1
        if not _CONFIRM_BLOCKER.search(words, clause_start, m.start()) and not _CONFIRM_BLOCKER.match(
            words[m.end() :].lstrip()
        ):
            return True
    return False


#: A label naming the office's own figure (read36): the office-figure entries of the ``other`` role ("Sie nennen
#: darin einen Betrag von", "you quote a balance of"), the figure "in Ihrem Schreiben genannt", "door u genoemde",
#: "indiqué dans votre courrier", "da voi indicato", "indicado en su carta", and the letter-column names
#: (``LETTER_COLUMN_RE``: "in your letter", "uw brief", "ert brev").
OFFICE_FIGURE_RE = re.compile(
    "|".join(f"(?:{p})" for p in _OFFICE_FIGURE)
    + r"|(?:von ihnen|ihrerseits|in ihrem schreiben) (?:genannt|angegeben|mitgeteilt|erwähnt)\w*|door u (?:genoemde|vermelde|opgegeven)"
    r"|(?:indiqu|mentionn|cit)ée? (?:par vous|dans votre (?:courrier|lettre|demande))|da voi (?:indicat|menzionat|riportat)[oa]"
    r"|(?:indicad|mencionad|señalad)[oa] (?:por ustedes|en su (?:carta|escrito|correo))|you (?:quote|quoted|state|stated|gave|mention)"
    r"|(?:quoted|stated|given|mentioned) (?:in your (?:letter|e-?mail)|by you)|" + LETTER_COLUMN_RE.pattern,
    re.IGNORECASE,
)


def office_figure_confirmed(label: str, after: str) -> bool:
    """Whether a figure named as the office's own (``OFFICE_FIGURE_RE`` in its ``label``, or no label word at all
    but that) is confirmed by the words ``after`` it (``confirms_figure``): "Der in Ihrem Schreiben genannte Betrag
    von 540,00 € ist zutreffend" — the creditor restates the office's figure as its own. A label that names an
    instalment, an offer or a payment beside it ("Die von Ihnen genannte Rate von 50,00 € ist korrekt") is not."""
    if not confirms_figure(after):
        return False
    rest = OFFICE_FIGURE_RE.sub(" ", label)
    return not LABEL_RES["other"].search(rest)


#: A total label qualified as reckoned without the costs, fees or interest (read36): "Saldo ohne Mahnspesen", "Forderung
#: exkl. Kosten", "Balance excluding charges", "Solde hors frais", "Saldo escluse spese", "Saldo sin gastos", "Saldo
#: zonder kosten", "Saldo uden gebyrer", "Saldo utan avgifter", "Saldo ilman kuluja", "Saldo bez kosztów" — the claim
#: before its costs, beside the figure with them.
WITHOUT_COSTS_RE = re.compile(
    r"(?<!\w)(?:ohne|exkl\.?|exklusive|without|excluding|excl\.?|exclusive of|before|hors|sans|escluse|escluso|esclusi|"
    r"senza|sin|excluidos?|excluyendo|zonder|exclusief|uden|eksklusive|utan|exklusive|uten|ilman|bez)\s+"
    r"(?:[^\W\d_]+[\s-]+){0,3}?(?:\w*kosten|\w*gebühren|\w*spesen|zinsen|charges|fees|costs|interest|frais|intérêts|"
    r"pénalités|spese|interessi|oneri|gastos|intereses|comisiones|rente|omkostninger|gebyrer|avgifter|kostnader|"
    r"renter|ränta|räntor|kulu\w*|koro\w*|kosztów|odsetek|opłat)(?!\w)",
    re.IGNORECASE,
)
#: A total label qualified as holding the costs, fees or interest (read36): "Saldo inkl. Mahnspesen", "Forderung mit
#: Kosten", "Balance including … charges", "Solde frais compris", "Saldo comprensivo di spese", "Saldo kuluineen".
WITH_COSTS_RE = re.compile(
    r"(?<!\w)(?:inkl\.?|inklusive|einschlie(?:ß|ss)lich|einschl\.|mit|including|incl\.?|inclusive of|with|"
    r"y compris|avec|comprensiv[oa] d\w*|con|incluidos?|incluyendo|inclusief|met|inkl|inklusiv|med|"
    r"wraz z|łącznie z|incluindo|com)\s+(?:[^\W\d_]+[\s-]+){0,4}?(?:\w*kosten|\w*gebühren|\w*spesen|zinsen|charges|"
    r"fees|costs|interest|frais|intérêts|spese|interessi|gastos|intereses|rente|omkostninger|gebyrer|avgifter|"
    r"kostnader|renter|ränta|kosztami|odsetkami|juros|encargos)(?!\w)|"
    r"(?<!\w)(?:frais|spese|kosten|gastos|charges|costs) (?:compris|inclus|incluse|inbegriffen|incluidos|included|"
    r"inbegrepen)(?!\w)|(?<!\w)(?:kulu|koro)ineen(?!\w)",
    re.IGNORECASE,
)


#: The current claim named as the object of a settlement offer in the offer's own sentence (read40): "in full and
#: final settlement of the (outstanding) balance of", "to settle the balance of", "zur Erledigung der offenen Forderung
#: in Höhe von", "pour solder la créance de", "ter finale kwijting van het openstaande saldo van", "a saldo e stralcio
#: del debito di", "para cancelar la deuda de", "til endelig indfrielse af restgælden på", "som slutlig reglering av
#: skulden på", "som endelig oppgjør av gjelden på" — the figure right after is the balance the offer settles, the
#: total; the offer's own sum stands elsewhere in the sentence. A settle word, a few determiners or adjectives, a claim
#: noun and its preposition, at the end of the label; an old, original or office figure word among them is no current
#: claim (``offer_object``).
_SETTLE_WORD = (
    r"settle(?:ment)?|settling|discharg\w*|satisfaction|clearance|clear(?:ing)?|"
    r"erledigung|begleichung|abgeltung|tilgung|ausgleich|bereinigung|abgegolten|"
    r"sold(?:er|ons|ant)|règlement(?:\s+(?:définitif|total|intégral))?|apurement|extinction|acquitt\w*|liquid(?:er|ation)|"
    r"kwijting|voldoening|afwikkeling|vereffening|afkoop|"
    r"stralcio|estinzione|definizione|chiusura|saldare|a\s+saldo|"
    r"cancelar|cancelación|liquidar|saldar|extinguir|finiquit\w*|"
    r"indfrielse|indfri|afvikling|innfrielse|innfri|oppgjør|reglering|lösen|avveckling"
)
_CLAIM_FILLER = (
    r"the|this|its|his|her|their|your|our|client'?s|customer'?s|full|entire|whole|total|current|outstanding|remaining|"
    r"unpaid|present|account|open|"
    r"der|des|die|ihrer|unserer|offenen|gesamten|restlichen|aktuellen|noch|bestehenden|ausstehenden|"
    r"la|le|l'|de|du|votre|notre|sa|totalité|intégralité|entière|restant|"
    r"het|van|uw|onze|volledige|openstaande|resterende|huidige|gehele|totale|"
    r"il|lo|del|della|dello|dell'|di|vostro|vostra|suo|sua|intero|intera|residuo|complessivo|"
    r"el|su|nuestra|total|totalidad|íntegra|pendiente|"
    r"af|av|for|för|den|det|hele|samlede|samlade|resterende|udestående|utestående|kvarvarande|totala|nuværende|aktuelle"
)
_CLAIM_NOUN = (
    r"balance|debt|claim|arrears|amount\s+(?:owed|due|outstanding)|sum\s+(?:owed|due|outstanding)|"
    r"forderung|gesamtforderung|restforderung|schuld|restschuld|saldos?|rückstand(?:s|es)?|verbindlichkeit(?:en)?|"
    r"créance|dette|solde|somme\s+due|montant\s+dû|arriéré|"
    r"vordering|restschuld|bedrag|"
    r"debito|credito|importo\s+dovuto|esposizione|"
    r"deuda|crédito|importe\s+adeudado|cantidad\s+adeudada|"
    r"restgæld(?:en)?|gælden|gæld|restgjeld(?:en)?|gjelden|gjeld|skulden|skuld|restskulden|restskuld|saldoen|saldot|"
    r"fordringen|fordring|kravet|krav|tilgodehavendet"
)
_CLAIM_PREPOSITION = (
    r"of|totall?ing|amounting\s+to|standing\s+at|in\s+the\s+(?:amount|sum)\s+of|"
    r"in\s+höhe\s+von|von|über|"
    r"de|d'un\s+montant\s+de|s'élevant\s+à|"
    r"van|ad|groot|"
    r"di|pari\s+a|ammontante\s+a|"
    r"por\s+importe\s+de|que\s+asciende\s+a|"
    r"på|om"
)
_OFFER_OBJECT = re.compile(
    rf"(?<!\w)(?:{_SETTLE_WORD})\s+(?:(?:of|for|in\s+respect\s+of|der|des|de|du|d'|van|voor|del|della|dello|dell'|di|"
    rf"af|av|för|for)\s*)?(?:(?:{_CLAIM_FILLER})\s*){{0,4}}(?:{_CLAIM_NOUN})"
    rf"(?:\s+(?:restante?s?|due?s?|impayée?s?|residuo|dovuto|scaduto|pendiente|vencid[ao]|actual))?"
    rf"\s+(?:{_CLAIM_PREPOSITION})\s*:?\s*(?:€|eur|euro|£|gbp|chf|fr\.|kr\.?|sek|dkk|nok)?\s*$",
    re.IGNORECASE,
)
#: "statt der offenen 1.318,60 € nur 800,00 €", "instead of the outstanding £1,318.60", "au lieu des 1 318,60 € dus",
#: "in plaats van de openstaande € 1.318,60", "invece dei 1.318,60 € dovuti", "en lugar de los 1.318,60 € pendientes",
#: "i stedet for de skyldige 1.318,60 kr.", "i stället för de utestående": the figure given up for the offer, the
#: current claim — when an owing word stands before or right after it.
_INSTEAD_OF = re.compile(
    r"(?<!\w)(?:statt|anstelle|anstatt|instead\s+of|rather\s+than|au\s+lieu|in\s+plaats\s+van|invece|anziché|"
    r"en\s+lugar|en\s+vez|i\s+stedet\s+for|i\s+stället\s+för)(?:\s+(?:der|des|the|full|de|du|het|dei|degli|"
    r"delle|del|di|los|las|la|el|den|det|hele))*(?:\s+(?P<own>offenen|ausstehenden|geschuldeten|outstanding|owed|"
    r"openstaande|verschuldigde|skyldige|udestående|utestående))?\s*(?:€|eur|£|gbp|chf|kr\.?|sek|dkk|nok)?\s*$",
    re.IGNORECASE,
)
_OWED_AFTER = re.compile(
    r"^\W{0,3}(?:owed|outstanding|due|dus|restant(?:s)? dus?|dovuti|pendientes|adeudados|openstaand|verschuldigd|"
    r"skyldige|udestående|utestående)\b",
    re.IGNORECASE,
)


def offer_object(label: str, after: str) -> bool:
    """Whether a figure with the label words ``label`` (its clause, before it) and ``after`` (the rest of its sentence)
    is the current claim an offer settles in the same sentence (``_OFFER_OBJECT``: "in full and final settlement of the
    balance of", "zur Erledigung der offenen Forderung in Höhe von"; ``_INSTEAD_OF``: "statt der offenen", "instead of
    the outstanding"). Not when the words between name an old, original, later or office figure ("of the original
    balance of", "der von Ihnen genannten Forderung von"), nor when the words after it quote the office's figure
    ("stated in your letter") or say it was ("… was reduced to")."""
    m = _OFFER_OBJECT.search(label)
    if m is None:
        m = _INSTEAD_OF.search(label)
        if m is None or not (m.group("own") or _OWED_AFTER.match(after)):
            return False
    words = m.group(0)
    if LABEL_RES["other"].search(_SETTLE_STRIP.sub(" ", words)) or OFFICE_FIGURE_RE.search(words + " " + after):
        return False
    return not re.match(r"^\W*(?:€|eur|£|gbp|chf|kr\.?)?\s*(?:was|were|had been|stood)\b", after, re.IGNORECASE)


#: The settle and offer words themselves, left out when ``offer_object`` looks for an other-word among its words.
_SETTLE_STRIP = re.compile(
    rf"(?<!\w)(?:{_SETTLE_WORD}|full\s+and\s+final|finale?|endelig|slutlig|definitivo)(?!\w)", re.IGNORECASE
)
