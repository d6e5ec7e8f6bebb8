"""``pipeline.scan.LiteralStarts`` and the client cues' opening literals
(``parties._CLIENT_CUE_OPENS``): each cue tried only where one of its declared opening
literals occurs finds every start the plain zero-width scan ``(?=cue)`` finds
(docs/worker-performance.md, "Round 9").

Compared over every labelled and tuning email (bodies, subjects, attachment texts, the NFKC
form, each line), over a phrase for every alternative each cue's source spells out (in the
case written, upper case and with the letters case-insensitive matching folds), and over texts
whose fold does not keep the offsets (the fallback scan).
"""

from __future__ import annotations

import re

import pytest

from creditctl.pipeline.extraction import parties as P
from creditctl.pipeline.scan import LiteralStarts, aligned_fold
from tests.case_texts import ALL_SUITES, case_texts, with_lines

SUITES = ALL_SUITES
PLAIN = [re.compile("(?=" + cue + ")") for cue in P._CLIENT_CUES]

#: The words cue 1 (a labelled field) opens with, as its source spells them out.
FIELDS = (
    "Schuldner Schuldnerin Abgabenschuldner Beitragsschuldnerin Steuerpflichtiger Kontoinhaberin Mieterin Versicherter "
    "Tenant Verzekerde Titulaire Intestatario Titular Kontohavare Kontohaver Kunde Kundin Kundenname Debtor Customer "
    "Client Mandantin Name Naam Debiteur Dienstgeberin Arbeitgeber Beitragszahlerin Zahlungspflichtiger "
    "Gebührenschuldner Abgabepflichtige Patientin Versicherungsnehmerin Mitglied Vertragspartnerin Darlehensnehmer "
    "Borrower Member Patient Klantnaam Verzekeringnemer Huurder Assurée Assuré Locataire Emprunteur Assicurata "
    "Assicurato Conduttore Asegurada Arrendatario Prestataria Låntagare Låntager Forsikringstager Nom Débiteur "
    "Débitrice Nome Debitore Nombre Deudor Namn Navn Nimi Gäldenär Skyldner Velallinen Klant Cliente Kund "
    "Schuldenaar Intestataria Tierhalterin Fahrschüler Schülerin Leerling Studentin Mutter Vater "
    "Erziehungsberechtigter Parent Guardian Cursist Propriétaire Eigenaar"
).split() + [
    "Account holder",
    "Policy holder",
    "Policyholder",
    "Customer name",
    "Client name",
    "Bill payer",
    "Pet owner",
]

#: A phrase for each alternative of the other cues (index: phrases).
PHRASES: dict[int, list[str]] = {
    0: [
        f"{w} {m} Anna Berg"
        for w in ("Ihr", "Ihre", "Ihrer", "Ihres", "Ihrem", "Ihren")
        for m in ("Mandantin", "Klient")
    ],
    2: ["your client Mr Jon Hale", "your customer, Ann Lee", "our customer Bo Ek"],
    3: [
        "unserer Kundin Aylin Kaya",
        "unseres Mitglieds Jan Roth",
        "Unser Mieter Karl Hahn",
        "für den Kunden Max Muster",
        "für die gemeinsame Kundin Eva Klein",
        "unserem Darlehensnehmers Tom Bau",
    ],
    4: [
        "uw cliënt Jan de Vries",
        "uw cliente Els",
        "uw client Piet",
        "uw klant Anna",
        "votre cliente Marie Dubois",
        "notre client Paul",
        "il vostro assistito Marco Rossi",
        "alla vostra cliente Giulia",
        "vs. cliente Luca",
        "su cliente Juan",
        "su representada Ana",
        "er klient Lars",
        "din kund Eva",
        "Deres kunde Mette",
        "jeres klient Ole",
        "asiakkaanne Matti Virtanen",
        "päämiehenne Liisa Koski",
    ],
    5: ["In Sachen Muster", "in der Sache Berg", "in der Angelegenheit Klein"],
    6: [
        f"{w} Frau Anna Berg"
        for w in (
            "betreffend",
            "Bezüglich",
            "inzake",
            "Concernant",
            "regarding",
            "Concerning",
            "angående",
            "Vedrørende",
            "riguardante",
        )
    ],
    7: [
        f"{w} Frau Maria Muster"
        for w in (
            "wir vertreten",
            "We act for",
            "we represent",
            "wij vertegenwoordigen",
            "nous représentons",
            "rappresentiamo",
            "representamos a",
            "vi företräder",
            "vi repræsenterer",
            "vi representerer",
            "edustamme",
        )
    ],
    8: [
        f"{w} Anna Berg"
        for w in (
            "with the name",
            "by the name of",
            "mit dem Namen",
            "mit Namen",
            "met de naam",
            "du nom de",
            "con il nome",
            "con nome",
            "con el nombre",
            "con nombre",
            "med namnet",
            "med navnet",
            "med navn",
        )
    ],
    9: [
        "Forderung gegen Max Muster",
        "Forderungssache ./. Eva Klein",
        "Angelegenheit gegen Tom Bau",
        "ärendet mot Björn Lind",
        "ärende mot Eva",
        "saken mot Ola",
        "sagen mod Mette",
        "kravet mot Per",
        "fordringen mod Ib",
    ],
    10: [
        f"{w}{s} {p} Owen Price"
        for w in (
            "saldo",
            "beløp",
            "belopp",
            "beløb",
            "restbeløb",
            "restbelopp",
            "skuld",
            "gæld",
            "gjeld",
            "balance",
            "amount",
            "arrears",
            "debt",
            "to pay",
            "account",
            "betala",
            "betale",
            "sammanställning",
            "sammenstilling",
            "översikt",
            "oversikt",
            "oversigt",
            "opgørelse",
        )
        for s in ("", "en")
        for p in ("for", "of")
    ]
    + [
        f"{w} {p} Chloe Bennett"
        for w in (
            "in touch",
            "writing",
            "contact us",
            "contacting us",
            "your message",
            "message",
            "e-mail",
            "your email",
            "enquiry",
            "inquiry",
            "letter",
            "request",
        )
        for p in ("about", "regarding", "concerning")
    ],
    11: [
        f"wegen {t} Anna Berg"
        for t in (
            "Herr",
            "Herrn",
            "Frau",
            "Hr.",
            "Mr",
            "Mr.",
            "Mrs",
            "Mrs.",
            "Ms",
            "Ms.",
            "Miss",
            "Dr.",
            "de heer",
            "mevrouw",
            "mevr.",
            "mw.",
            "dhr.",
            "Madame",
            "Monsieur",
            "Mme",
            "M.",
            "Sig.",
            "Sig.ra",
            "Signora",
            "Sr.",
            "Sra.",
            "Dña.",
            "D.",
        )
    ],
}
PHRASES[1] = [f"{w}: Berg, Anna" for w in FIELDS] + [f"{w}/in | Anna Berg" for w in FIELDS[:3]]


def _variants(text: str) -> list[str]:
    return [
        text,
        text.upper(),
        "x " + text + " y",
        text.replace("s", "\u017f").replace("i", "\u0131"),  # long s, dotless i: fold keeps the offsets
        text.upper().replace("K", "\u212a"),  # Kelvin sign
        "İ " + text,  # capital I with dot: folded back to one character
        "i\u0307 " + text,  # a combining dot above: the fallback scan
        "ß" * 3 + text,
    ]


def _texts() -> list[str]:
    return with_lines(case_texts(SUITES))


def _differences(texts: list[str]) -> list[tuple[int, str]]:
    return [
        (idx, text[:80])
        for idx, (cue, plain) in enumerate(zip(P._CLIENT_CUE_STARTS, PLAIN, strict=True))
        for text in texts
        if cue.starts(text) != [m.start() for m in plain.finditer(text)]
    ]


def test_each_cue_s_starts_are_the_plain_scan_s_over_every_email() -> None:
    texts = _texts()
    assert len(texts) > 5000 and len(SUITES) >= 19
    assert _differences(texts) == []


@pytest.mark.parametrize("idx", sorted(PHRASES))
def test_each_alternative_of_each_cue_is_found_where_it_opens(idx: int) -> None:
    texts = [v for phrase in PHRASES[idx] for v in _variants(phrase)]
    assert [t for t in PHRASES[idx] if not PLAIN[idx].search(t)] == []  # each phrase is the cue's
    assert [d for d in _differences(texts) if d[0] == idx] == []
    assert all(P._CLIENT_CUE_STARTS[idx].starts(t) for t in PHRASES[idx])


def test_every_cue_declares_its_openings() -> None:
    assert len(P._CLIENT_CUE_OPENS) == len(P._CLIENT_CUES) == len(PHRASES)


def test_an_undeclared_opening_is_missed_so_the_phrases_can_fail() -> None:
    """Without "ihr", cue 0 is tried nowhere: the comparison above would fail."""
    cue = LiteralStarts(re.compile(P._CLIENT_CUES[0]), ("unser",), PLAIN[0].finditer)
    assert (
        cue.starts("Ihre Mandantin Anna Berg")
        == []
        != [m.start() for m in PLAIN[0].finditer("Ihre Mandantin Anna Berg")]
    )


@pytest.mark.parametrize(
    ("text", "aligned"),
    [("Straße", True), ("İstanbul", True), ("ſıK", True), ("i\u0307x", False), ("x\u0307", False), ("", True)],
)
def test_a_fold_that_moves_offsets_falls_back_to_the_scan(text: str, aligned: bool) -> None:
    assert (aligned_fold(text) is not None) is aligned
    calls: list[str] = []

    def scan(t: str):  # type: ignore[no-untyped-def]
        calls.append(t)
        return re.finditer("(?=b)", t)

    cue = LiteralStarts(re.compile("b"), ("b",), scan)
    assert cue.starts(text + " b") == [m.start() for m in re.finditer("(?=b)", text + " b")]
    assert bool(calls) is not aligned


def test_an_empty_or_missing_opening_is_refused() -> None:
    for opens in ((), ("",), ("a", "")):
        with pytest.raises(ValueError):
            LiteralStarts(re.compile("a"), opens, re.compile("(?=a)").finditer)
