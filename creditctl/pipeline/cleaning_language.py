"""Language of a cleaned e-mail: a stopword count, no model, no library.

The ``language`` field only tells the operator (and the LLM prompt) what the creditor
wrote in; nothing is decided on it. Counting the most frequent function words of each
language the office receives (de, en, nl, fr, it, es, sv, da, no, fi, hu) recognises a
business letter of a sentence or two reliably. Pure, immutable tables: thread-safe.
"""

from __future__ import annotations

import re

__all__ = ["CLOSING_LINE", "STOPWORDS", "TICKET_LINE", "detect_language", "letter_language"]

#: ISO 639-1 code -> the language's most frequent function words (lower case). A word
#: shared by two languages counts for both; the other words decide.
STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "und der die das den dem des ist nicht ein eine einer mit für auf ich sie wir ihr ihre ihren "
        "ihnen uns zu von bei noch auch dass wird wurde werden haben hat sind sehr geehrte damen herren "
        "bitte mit freundlichen grüßen beträgt forderung derzeit hallo viele grüße ihrer ihres bzgl "
        "frau herrn nach über vom zum zur im gesamt".split()
    ),
    "en": frozenset(
        "the and of to is in that it for you your we our are was be this with have has not on "
        "please regards dear sir madam thank thanks which would will outstanding balance".split()
    ),
    "nl": frozenset(
        "de het een en van is niet dat op te zijn voor met wij ik u uw ons onze heeft hebben wordt "
        "geachte heer mevrouw vriendelijke groet bedrag openstaande nog ook".split()
    ),
    "fr": frozenset(
        "le la les des du un une et est pas que qui pour dans sur avec nous vous votre vos notre "
        "sont être avons madame monsieur cordialement montant reste merci au aux".split()
    ),
    "it": frozenset(
        "il lo la gli le di del della che non per con sono è una uno siamo vostro vostra nostro "
        "nostra gentile cordiali saluti importo ancora grazie alla dei".split()
    ),
    "es": frozenset(
        "el la los las de del que y en es no por para con una un su sus nuestro nuestra estimado "
        "estimados saludos importe todavía gracias está son".split()
    ),
    "sv": frozenset(
        "och att det som är inte en ett på för med vi ni er ert vår har till av om jag hej vänliga "
        "hälsningar belopp fortfarande kvar också".split()
    ),
    "da": frozenset(
        "og at det som er ikke en et på for med vi i jeres vores har til af om jeg hej venlig hilsen "
        "beløb stadig også hvad efter nu mig meget tak vedrører sagen blev".split()
    ),
    "no": frozenset(
        "og at det som er ikke en et på for med vi i dere deres vår har til av om jeg hei vennlig hilsen "
        "beløp fortsatt også hva etter nå meg mye takk gjelder saken ble".split()
    ),
    "fi": frozenset(
        "ja on ei se että oli ovat olla kanssa mutta tai kuin myös vielä jo hyvä ystävällisin "
        "terveisin summa saatava asiakas teidän meidän".split()
    ),
    # Hungarian (its names are written surname first: parties.in_given_name_order reads it)
    "hu": frozenset(
        "az és hogy nem egy van volt már csak mint ez tisztelt üdvözlettel összege tartozás tartozása számú "
        "szerint részére ügyfelünk kérjük tájékoztatjuk hölgyem uram önök fennálló jelenleg".split()
    ),
}

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_LETTERS = 20
_MIN_HITS = 2
_SAMPLE_CHARS = 2000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text`` (one of ``STOPWORDS``), or ``None`` when the text has
    fewer than 20 letters or fewer than two stopword hits. Deterministic: ties go to
    the language listed first. Thread-safe (no shared state)."""
    sample = text[:_SAMPLE_CHARS]
    if sum(map(str.isalpha, sample)) < _MIN_LETTERS:  # map: no Python-level step per character
        return None
    words = [w.lower() for w in _WORD.findall(sample)]
    best, best_hits = None, 0
    for code, stop in STOPWORDS.items():
        hits = sum(map(stop.__contains__, words))
        if hits > best_hits:
            best, best_hits = code, hits
    return best if best_hits >= _MIN_HITS else None


#: A ticket system's marker line ("##- Please type your reply above this line -##", "Please
#: reply above this line", "Bitte geben Sie Ihre Antwort über dieser Zeile ein"): the ticket
#: system's words, in its own language, not the creditor's.
_TICKET_LINE = re.compile(
    r"^[ \t]*(?:##-[^\n]{4,120}-##|[^\n]{0,60}\b(?:above this line|über dieser zeile|oberhalb dieser zeile|"
    r"boven deze lijn|au-dessus de cette ligne|sopra questa riga|encima de esta línea|ovanför denna rad|"
    r"over denne linje)\b[^\n]{0,20})[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
#: A letter's closing formula on a line of its own (the words below it are a signature, a
#: footer, a disclaimer or a marketing line — often in another language than the letter).
_CLOSING_LINE = re.compile(
    r"^[ \t]*(?:mit freundlichen gr(?:ü|ue)(?:ß|ss)en|(?:freundliche|beste|viele|liebe|herzliche) gr(?:ü|ue)(?:ß|ss)e|"
    r"mit freundlichem gru(?:ß|ss)|hochachtungsvoll|mfg|(?:kind|best|warm) regards|regards|best wishes|"
    r"yours (?:sincerely|faithfully|truly)|sincerely|(?:met )?vriendelijke groet(?:en)?|met hoogachting|hoogachtend|"
    r"hartelijke groet(?:en)?|cordialement|bien (?:cordialement|à vous)|salutations(?: distinguées)?|distinti saluti|"
    r"cordiali saluti|un cordiale saluto|atentamente|saludos(?: cordiales)?|un saludo|atenciosamente|"
    r"(?:com os melhores )?cumprimentos|med vänlig(?:a)? hälsning(?:ar)?|vänliga hälsningar|mvh|"
    r"(?:med )?venlig hilsen|(?:med )?vennlig hilsen|ystävällisin terveisin|terveisin|z poważaniem|"
    r"pozdrawiam(?:y)?|"
    # cs, sk, hu, ro, hr, sl, lt, bg, el, tr
    r"s pozdravem|s pozdravom|s úctou|üdvözlettel|tisztelettel|cu stimă|cu respect|cu deosebită considerație|"
    r"s poštovanjem|srdačan pozdrav|lep pozdrav|lepo pozdravljeni|pagarbiai|с уважение|με εκτίμηση|"
    r"saygılarımızla|saygılarımla)[ \t]*[,.!:]?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


#: Public names of the two line tables (``pipeline.safety_thread`` reads them line by line).
TICKET_LINE = _TICKET_LINE
CLOSING_LINE = _CLOSING_LINE


def letter_language(reply: str) -> str | None:
    """ISO 639-1 code of a creditor's reply, or ``None`` (as ``detect_language``): read from
    the letter up to its first closing formula when that alone is recognisable — a footer, a
    disclaimer or a marketing line below the signature is often in another language than the
    letter ("Rated 4.8/5 by 96% of our customers" below a Danish reply) — and never from a
    ticket system's marker lines. Thread-safe."""
    text = _TICKET_LINE.sub("", reply)
    closing = _CLOSING_LINE.search(text)
    if closing is not None:
        above = detect_language(text[: closing.end()])
        if above is not None:
            return above
    return detect_language(text)
