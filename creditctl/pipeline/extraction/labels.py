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
- ``credit``: words saying the creditor owes the client ("Guthaben", "in credit",
  "zu Ihren Gunsten", "tegoed", "en votre faveur").

Languages: de (Germany, Austria, Switzerland), en (UK, Ireland), nl (Dutch, Flemish),
fr, it, es, nordic (sv, da, no, fi).
"""

from __future__ import annotations

import re

__all__ = ["AMOUNT_LABELS", "BANK_ACCOUNT_RE", "BANK_SENDER_RE", "GENERIC_CLAIM_RE", "INCLUSIVE_RE", "LABEL_RES"]

AMOUNT_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "other": {
        "de": (r"\brate\b", r"\braten\b", "ratenh", "monatlich", r"\bmtl\.", "vergleich", "einmalzahlung", "abfindung",
               "ursprüngl", "kreditbetrag", "darlehensbetrag", "nettodarlehen", "kreditsumme", "gezahlt",
               "zahlungseing(?:a|ä)ng", "verrechn", "zahlungen", "teilzahlung", "gutschrift", "erhalten", "eingegangen",
               "bereits", "abschl(?:ä|ae)ge", "stammkapital", "grundkapital", "mindest", "angebot", r"\bje\b",
               "vortrag", "übertrag", "alter saldo", "bisherige", "zuletzt", "dispositionskredit", "kreditrahmen",
               "kreditlinie", "kreditlimit", "verfügungsrahmen", "zum zeitpunkt der (?:abtretung|übertragung|veräußerung)",
               "kaufpreis", r"abzgl\.?", "abzüglich", r"zahlung (?:von|über|in höhe von)", "verzicht",
               # the office's own (outdated) figure, restated only to correct it
               r"(?:von ihnen|ihrerseits|in ihrem schreiben) (?:genannt|angegeben|mitgeteilt)", "nicht mehr aktuell"),
        "en": ("monthly", "per month", "instal+ment", "settlement", "original", "loan amount", r"payments? received",
               r"\bpaid\b", "received", "already", "share capital", "minimum", "offer", "brought forward",
               "previous balance", "opening balance", "credit limit", "reduced sum", "discount", r"\bless\b", r"payments? of", r"at the (?:time|date) of (?:the )?(?:sale|assignment)",
               r"you (?:quoted|mentioned|stated|gave)", r"(?:quoted|stated|mentioned) in your (?:letter|e-?mail)", r"no longer (?:correct|current|accurate|valid)"),
        "nl": ("termijn", "aflossing", "verminderd met", r"betaling van", "ontving", "per maand", "maandelijks", "betaald", "ontvangen", "voorstel", "schikking",
               "oorspronkelijk", "kredietlimiet", "kwijting", "eenmalige betaling", r"door u (?:genoemde|vermelde|opgegeven)", "niet meer actueel"),
        "fr": ("au capital de", "capital social", "mensualit", r"\bmoins\b", r"(?:paiement|versement|règlement) de", "échéance", "par mois", "payé", "reçu", "versement", "proposition", "offre", "initial", "transaction", "solde de tout compte",
               "plafond", r"que vous (?:mentionnez|indiquez|avez indiqué)", r"n'est plus (?:à jour|d'actualité|exact)"),
        "it": ("capitale sociale", r"\brata\b", r"\bmeno\b", r"pagamento di", "mensil", "pagato", "ricevut", "versament", "proposta", "offerta", "originari", "stralcio", "transazione", r"da voi (?:indicat|menzionat|riportat)", r"non è più (?:attuale|corrett)"),
        "es": ("capital social", "cuota", r"\bmenos\b", r"pago de", "mensual", "pagado", "recibido", "abonado", "propuesta", "oferta", "original", r"\bquita\b", "pago único", r"(?:indicad|mencionad)[oa] por ustedes", r"ya no es (?:correct|actual)"),
        "nordic": ("delbetalning", r"(?:inbetalning|indbetaling|innbetaling) på", "månadsbelopp", "per månad", "afdrag", "avdrag", r"\bbetalt\b", "betalat",
                   "mottatt", r"\berä", "maksettu", "tarjous", "erbjudande", "tilbud", "kreditgräns", "ursprunglig", "opprinnelig",
                   "oprindelig", "alkuperäinen", r"som ni (?:angav|nämnde)", r"som (?:de|dere) (?:oppga|nevnte|nævnte|oplyste)",
                   r"inte längre aktuell", r"ikke (?:længere|lenger) aktuel"),
    },
    "total": {
        "de": ("gesamt", "insgesamt", "summe", "zu zahlen", "zahlbetrag", "endbetrag"),
        "en": (r"\btotal\b",),
        "nl": ("totaal",),
        "fr": ("montant total", r"\bau total\b", r"\btotal\b"),
        "it": ("totale", "complessiv"),
        "es": ("importe total", r"\btotal\b"),
        "nordic": ("totalt", "yhteensä", r"\bi alt\b", "samlet", "sammanlagt"),
    },
    "principal": {
        "de": ("hauptforderung", "hauptsache", "restkapital"),
        "en": ("principal", "capital"),
        "nl": ("hoofdsom",),
        "fr": ("principal", "capital"),
        "it": ("capitale", "sorte"),
        "es": ("principal", "capital"),
        "nordic": ("kapital", "hovedstol", "pääoma"),
    },
    "interest": {
        "de": ("zinsen", r"\bzins\b"),
        "en": ("interest",),
        "nl": (r"\brente\b",),
        "fr": ("intérêts", "interets"),
        "it": ("interessi",),
        "es": ("intereses",),
        "nordic": ("ränta", r"\brenter?\b", r"renter\b", "korko", "viivästyskorko"),
    },
    "costs": {
        "de": ("kosten", "gebühr", "gebuehr", "auslagen", "inkassovergütung", "vergütung", "pauschale"),
        "en": (r"costs?\b", r"fees?\b", r"charges?\b"),
        "nl": ("incassokosten", "kosten"),
        "fr": ("frais",),
        "it": ("spese", "costi", "oneri"),
        "es": ("gastos", "costas", "comisiones"),
        "nordic": ("avgift", "omkostning", "gebyr", "kulut", "perintäkulu", "inkassokostnad", "muistutusmaksu", "käsittelymaksu"),
    },
    "weak_total": {
        "de": (r"offene[rn]? (?:betrag|forderung|saldo|posten)", "noch offen", "saldo", "restforderung", "restschuld",
               "forderungsstand", r"\bstand\b", "aktuelle forderung", "noch zu", "rückstand", "beläuft", "belaufen", "beträgt",
               "in höhe von", "offener betrag", "ausstand", "forderungsbetrag", "kontostand", "zur zahlung offen"),
        "en": ("outstanding", "balance", "arrears", "amount due", "due amount", "amount owed", "now due",
               "remains? due", "the sum of", r"\bas (?:at|of)\b", "required to settle", r"hold a balance", r"\bowing\b", "amount payable", "sum due", r"\bdue\b"),
        "nl": (r"openstaand", "verschuldigd", "saldo", "resterend", "achterstand", "bedraagt", "nog te betalen", "te betalen",
               "openstaat"),
        "fr": ("solde", "restant dûe?", "restant due", "montant dû", "somme due", "s'élève", "reste dû", "impayé", "montant de"),
        "it": ("importo dovuto", "saldo", "debito residuo", "residuo", "ammonta", "insoluto", "da pagare",
               "importo di"),
        "es": ("saldo", "importe adeudado", "pendiente", "asciende", "adeuda", "por pagar", "deuda de"),
        "nordic": ("utestående", "skyldigt belopp", "skyldig", "restgæld", "restskuld", "saldo", "avoin", "jäljellä",
                   "velka", "gæld", "skuld", "att betala", "å betale", "at betale", "maksettavaa"),
    },
    "rest": {  # the rest after stated deductions: beats an earlier payment word in the same clause
        "de": ("restforderung", "restschuld", "restbetrag", "restsaldo", "verbleibende? (?:forderung|betrag|saldo)", "noch offen",
               r"offene[nrs]? (?:betrag|forderung|saldo)", "offenstehende?"),
        "en": ("remaining balance", "balance remaining", "balance (?:now )?(?:stands|remains)", "remaining debt", "still (?:owed|outstanding|due)"),
        "nl": ("resterend", "restant", "restschuld", "nog openstaand"),
        "fr": ("reste dû", "restant dû", "solde restant", "reste à payer"),
        "it": ("debito residuo", "importo residuo", "residuo", "restante"),
        "es": ("saldo restante", "importe restante", "deuda restante", "queda(?:n)? pendiente"),
        "nordic": ("restskuld", "restgæld", "restgjeld", "resterande", "resterende", "jäljellä"),
    },
    "credit": {
        "de": (r"guthaben (?:von|in höhe|zu|:|besteht|beträgt)", "zu ihren gunsten", "zugunsten ihre[rs]", "überzahlung", "haben-?saldo", "habensaldo", "guthabensaldo"),
        "en": ("in credit", "credit balance", "overpa(?:id|yment)", "owed to (?:your|the) client", "refund due"),
        "nl": ("tegoed", "in uw voordeel", "te veel betaald", "creditsaldo"),
        "fr": ("en votre faveur", "solde créditeur", "trop-perçu", "en faveur de"),
        "it": ("a vostro favore", "a credito", "saldo a credito", "in eccedenza"),
        "es": ("a su favor", "saldo a favor", "saldo acreedor"),
        "nordic": ("tillgodo", "til gode", "tilgode", "tilgodehavende", "hyvitys", "liikaa maksettu"),
    },
}


def _compile(role: str) -> re.Pattern[str]:
    parts = [p for patterns in AMOUNT_LABELS[role].values() for p in patterns]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


#: Role → one compiled pattern over every language.
LABEL_RES: dict[str, re.Pattern[str]] = {role: _compile(role) for role in AMOUNT_LABELS}

#: "inklusive Zinsen und Kosten" / "including interest" names what a total holds, not a part.
INCLUSIVE_RE = re.compile(
    r"\b(?:inkl\.?|inklusive|einschlie(?:ß|ss)lich|einschl\.|including|incl\.?|inclusief|incl|y compris|compris|"
    r"comprensiv[oa] di|inclusi|incluidos?|incluyendo|inklusive|inkl|inklusiv|sisältäen)\s[^,;()]*",
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
#: A sender that is a bank: its account balances are seen from the customer's side.
BANK_SENDER_RE = re.compile(
    r"\bbank\b|\w+bank\b|sparkasse|volksbank|raiffeisen|kreditinstitut|building society|\bbanque\b|\bbanca\b|"
    r"\bbanco\b|sparbank|sparebank|pankki",
    re.IGNORECASE,
)
