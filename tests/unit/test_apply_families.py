"""Transformations that change nothing keep the applied total — checked by transforming correctly
applied tuning cases (tests/apply_families, docs/evaluation.md "Apply families: a metamorphic
harness").

The sample is seeded, deterministic and stable: the base cases whose seeded rank falls in the
first ``SAMPLE_PER_MILLE`` per mille, one variant of every family per base (from a seeded start
per family and base) — adding a suite adds its own draws and changes no other. A transformed case that applies another total
or claim fails the test; so does one that is held, or loses a reference, unless it is in
``KNOWN`` (a hold an existing check still makes: an automation loss, never a wrong apply).
``python -m tests.apply_families --sample 36`` prints the same run as a table.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.apply_families import transform
from tests.apply_families.__main__ import SAMPLE_PER_MILLE, run
from tests.apply_families.harness import Base, Result, failures, plan, tabulate

#: (family/variant, base id) the current reader still holds or loses a reference on; ``family/*`` names
#: every variant of the family. The sample is stable (``harness._rank``: a base and its variant are drawn
#: by a hash of the seed and their names, so a new suite adds draws and moves none); entries from the
#: earlier, order-dependent sample stay as the record of known holds, whether drawn now or not.
KNOWN: frozenset[tuple[str, str]] = frozenset(
    {
        # drawn when read24's applies joined the base cases: the Jobcenter's monospace table of
        # Forderungsnummern rendered as Gmail HTML loses its column gaps, and the three numbers are no
        # longer read as references; the claim still matches and applies (refs lost, never held)
        ("rendering/html_gmail", "tuning_p/p066_de_jobcenter_forderungsuebersicht_several_numbers"),
        # applied since read22 (the Austrian "haftet per heute … unberichtigt aus"); re-wrapped, the
        # Akt number breaks after its letters ("unser Akt AI" / "2026/77310") and the reference is not
        # joined across the line break: the claim still matches by file number and date of birth
        ("surface/rewrap", "tuning_s/s005_at_inkasso_applemail_weiss_ss"),
        # found at the integration of this round's branches; holds, no wrong apply:
        # the harness's German footer names another firm (Nordhafen Forderungsmanagement GmbH)
        # below a two-line iPhone reply, so the sender's identity rests on the footer's firm and
        # matching holds (best score below the cut-off) — the hold a person would want
        ("noise/footer", "tuning_i/i024_de_hv_steinmetz_iphone_kurz_rueckstand"),
        # a colleague's forward of an HTML reply whose quoted office letter is a <blockquote>:
        # inside the forward the office's figure (450,00) is read as a second total beside the
        # reply's 486,12 and the email is held (several totals), never applied
        ("forward/fwd_same_sender", "tuning/t103_de_html_table_vertragsnummer"),
        # a Swiss QR reference written in digit groups ("21 00000 00003 …") re-wrapped between
        # two groups: digit groups across a line break are not joined into one reference (they
        # could be two figures); the claim still applies by its other reference
        ("surface/rewrap", "tuning_j/j066_ch_helvetia_modifier_apostrophe_fr"),
        # a settled reply ("Kvarstående saldo: 0,00 kr") with an instalment offer above it: the settled
        # check sees 50,00 kr stated as owed and holds — as before this round (the same transformed
        # case is held by the code this round started from); sampled now that more base cases apply
        ("noise/instalment", "tuning_d/d020_se_kvitt_wolters_betald_den_skrev"),
        # drawn when tuning_u and tuning_v joined the candidates (the seeded sample is drawn from all of them),
        # held or losing references with the code of the ninth round's start (503a5cb) too — automation losses,
        # no wrong apply: a Jobcenter's table of claim numbers ("22-4481-776-3 …") re-wrapped or rendered
        # from Outlook HTML loses its rows' numbers (the claim still applies by the Bedarfsgemeinschaft number)
        ("surface/rewrap", "tuning_p/p066_de_jobcenter_forderungsuebersicht_several_numbers"),
        ("rendering/*", "tuning_p/p066_de_jobcenter_forderungsuebersicht_several_numbers"),
        # inline Italian answers between quoted office questions: rendered from Outlook HTML, or forwarded by a
        # colleague, the answers are taken for quoted history and the reply states no claim (held)
        ("rendering/*", "tuning_m/m052_it_adriatica_risposte_inline"),
        ("forward/*", "tuning_m/m052_it_adriatica_risposte_inline"),
        # a Zendesk "newest comment" reply below an Italian Outlook quote header: the newest comment is cut
        ("quote_header/outlook_it", "tuning_m/m004_de_telenova_zendesk_neuester_kommentar"),
        # a sentence on a past payment added to a two-level forward: the reply is read as stating no claim
        ("noise/payment_past", "tuning_s/s063_de_versand_forward_two_levels"),
        # drawn when tuning_ac joined the candidates: a Czech total written with space-grouped digits right
        # after a date ("k 1. 12. 2026 101 245,30 Kč") re-wrapped inside the figure; digit groups across a line
        # break are not joined (they could be two figures), so the total is not proven whole and the email
        # is held — the safe outcome, never a wrong apply
        ("surface/rewrap", "tuning_ac/ac049_cz_csas_celkova_castka_kc"),
        # drawn when tuning_af joined (round 14): an answer line right under one `>`-quoted line of the office's
        # letter ("> Zu Ihrem Zeichen … 488,10 € vermerkt." / "Stand heute: 531,62 €"); rendered from Outlook HTML
        # (the quoted line a blockquote) or with an Outlook French header block below, the answer is taken for
        # quoted history and the reply states no claim — held, the safe outcome, like m052 above
        ("rendering/html_outlook", "tuning_af/af002_de_telekom_stand_heute_namesake"),
        ("quote_header/outlook_fr", "tuning_af/af002_de_telekom_stand_heute_namesake"),
    }
)
# The sample's earlier known holds (an instalment sentence above a Swiss total, j066; 'kr' read
# as DKK in a Norwegian letter, k065; a footer figure beside a zero balance, t18) are all applied
# again. An entry names a hold an existing check still makes and why.


def _known(result: Result) -> bool:
    return any((key, result.base.id) in KNOWN for key in (f"{result.family}/{result.variant}", f"{result.family}/*"))


@pytest.fixture(scope="module")
def results() -> list[Result]:
    out, _seconds, n_bases = run(full=False, seed=14, sample=SAMPLE_PER_MILLE)
    assert n_bases >= 25, "too few base cases: the tuning suites or the base judging broke"
    return out


def test_the_sample_covers_every_family(results: list[Result]) -> None:
    assert {r.family for r in results} == set(transform.FAMILIES)
    assert len(results) >= 200


def test_no_transformed_case_applies_another_total_or_claim(results: list[Result]) -> None:
    wrong = [r for r in results if r.status == "wrong"]
    assert not wrong, "\n" + tabulate(results) + "\n" + "\n".join(failures(wrong))


def test_no_transformed_case_is_held_or_loses_a_reference_beyond_the_known(results: list[Result]) -> None:
    bad = [r for r in results if r.status in ("held", "refs") and not _known(r)]
    assert not bad, "\n" + tabulate(results) + "\n" + "\n".join(failures(bad))


def test_a_base_draws_the_same_variants_whatever_other_bases_are_sampled() -> None:
    def base(case_id: str) -> Base:
        return Base("tuning_z", _source(id=case_id), frozenset())

    one = base("z001")
    alone = [(f, v) for f, v, b, _ in plan([one], seed=14) if b is one]
    among_others = [(f, v) for f, v, b, _ in plan([base("z000"), one, base("z002")], seed=14) if b is one]
    assert len(alone) >= 5, alone
    assert alone == among_others


# the transformations themselves -----------------------------------------------------------------

LETTER = (
    "Sehr geehrte Damen und Herren,\n\n"
    "die Forderung gegen Frau Anna Beispiel beträgt derzeit 1.234,56 €.\n\n"
    "Mit freundlichen Grüßen\nMuster Inkasso GmbH\n\n"
    "Am 02.11.2026 schrieb Schuldnerberatung <a@b.example>:\n> Forderung 900,00 €\n"
)
QUOTED = "Am 02.11.2026 schrieb Schuldnerberatung <a@b.example>:\n> Forderung 900,00 €"


def _source(**case: object) -> transform.Source:
    base = {
        "id": "x",
        "subject": "AW: Anna Beispiel, Az. K-4711",
        "from_email": "info@muster.example",
        "from_name": "Muster Inkasso",
        "expected": {"creditor_references": ["K-4711"]},
    }
    return transform.Source(
        case=base | case,
        amount=Decimal("1234.56"),
        language="de",
        quoted=QUOTED,
        currency="EUR",
        stored=Decimal("900.00"),
        client="Anna Beispiel",
    )


@pytest.mark.parametrize(
    ("style", "written"),
    [
        ("code_before", "EUR 1.234,56."),
        ("code_after", "1.234,56 EUR."),
        ("sym_before", "€ 1.234,56."),
        ("narrow", "1\u202f234,56 €."),
        ("thin", "1\u2009234,56 €."),
        ("nogroup", "1234,56 €."),
    ],
)
def test_the_total_is_restyled_in_the_reply_only(style: str, written: str) -> None:
    case = transform.FAMILIES["amount_format"][style](_source(body_text=LETTER))
    assert case is not None and written in case["body_text"]
    assert "> Forderung 900,00 €" in case["body_text"]  # the quoted history is not touched


def test_a_whole_amount_gets_the_dash_and_a_cents_amount_does_not() -> None:
    assert transform.FAMILIES["amount_format"]["dash"](_source(body_text=LETTER)) is None
    src = _source(body_text=LETTER.replace("1.234,56", "1.500,00"))
    src = transform.Source(**{**src.__dict__, "amount": Decimal("1500.00")})
    case = transform.FAMILIES["amount_format"]["dash"](src)
    assert case is not None and "1.500,– €" in case["body_text"]


def test_an_english_figure_stays_english() -> None:
    text = "Dear Sir,\n\nthe balance stands at £1,234.56.\n\nKind regards\nLowmoor\n"
    src = transform.Source(**{**_source(body_text=text).__dict__, "currency": "GBP", "language": "en", "quoted": ""})
    case = transform.FAMILIES["amount_format"]["code_before"](src)
    assert case is not None and "GBP 1,234.56." in case["body_text"]
    assert transform.FAMILIES["amount_format"]["narrow"](src) is None


def test_the_html_rendering_gets_the_same_restyle() -> None:
    html = "<html><body><p>Der offene Betrag beträgt <span>1.</span><span>234,56</span>&nbsp;€.</p></body></html>"
    case = transform.FAMILIES["amount_format"]["code_before"](_source(body_text=LETTER, body_html=html))
    assert case is not None
    assert "EUR 1.234,56." in case["body_text"] and "EUR 1.234,56." in case["body_html"]


def test_a_new_quote_header_keeps_the_office_subject_and_quotes_the_letter() -> None:
    text = LETTER.replace(
        "Am 02.11.2026 schrieb Schuldnerberatung <a@b.example>:",
        ("Von: Schuldnerberatung <a@b.example>\nGesendet: Montag\nAn: info@muster.example\nBetreff: Az. SB-77"),
    )
    case = transform.FAMILIES["quote_header"]["gmail_en"](_source(body_text=text))
    assert case is not None
    body = case["body_text"]
    assert "On Mon, 30 Nov 2026 at 10:15, Schuldnerberatung <a@b.example> wrote:" in body
    assert "Gesendet" not in body and "> Forderung 900,00 €" in body
    fused = transform.FAMILIES["quote_header"]["fused_de"](_source(body_text=text))
    assert fused is not None and "An: info@muster.example Betreff: Az. SB-77\n" in fused["body_text"]


def test_without_a_quote_the_office_letter_names_the_stored_amount_never_the_total() -> None:
    reply = LETTER.split("\n\nAm 02.11")[0] + "\n"
    src = transform.Source(**{**_source(body_text=reply).__dict__, "quoted": ""})
    case = transform.FAMILIES["quote_header"]["outlook_en"](src)
    assert case is not None and "900,00 €" in case["body_text"].split("From:")[1]
    same = transform.Source(**{**src.__dict__, "stored": Decimal("1234.56")})
    assert transform.FAMILIES["quote_header"]["outlook_en"](same) is None


def test_a_figure_the_creditor_put_in_its_subject_is_not_in_the_quoted_office_subject() -> None:
    reply = LETTER.split("\n\nAm 02.11")[0] + "\n"
    src = transform.Source(
        **{**_source(body_text=reply, subject="SV: Lån 88120441 – restgjeld 1.234,56 €").__dict__, "quoted": ""}
    )
    case = transform.FAMILIES["quote_header"]["outlook_en"](src)
    assert case is not None
    quoted = case["body_text"].split("From:")[1]
    assert "Subject: Lån 88120441" in quoted and "1.234,56" not in quoted


def test_noise_lands_away_from_the_total() -> None:
    for name in ("footer", "disclaimer", "page"):
        case = transform.FAMILIES["noise"][name](_source(body_text=LETTER))
        assert case is not None
        body = case["body_text"]
        assert (
            body.index("Muster Inkasso GmbH")
            < body.index("\n\n", body.index("Muster Inkasso GmbH"))
            < body.index("Am 02.11.2026")
        )
    case = transform.FAMILIES["noise"]["payment_past"](_source(body_text=LETTER))
    assert case is not None and "über 50,00 € ist bereits berücksichtigt" in case["body_text"]


def test_the_reference_moves_out_of_the_subject_into_the_body() -> None:
    case = transform.FAMILIES["subject"]["ref_out"](_source(body_text=LETTER))
    assert case is not None
    assert "K-4711" not in case["subject"] and case["body_text"].startswith("Unser Zeichen: K-4711\n\n")


def test_outlook_html_rendering_keeps_the_text_and_the_quote_below_a_border() -> None:
    html = transform.text_to_outlook_html(LETTER, QUOTED)
    reply, quote = html.split("border-top:solid")
    assert "1.234,56&nbsp;€" in reply and "900,00" in quote
    plain = transform._html_to_text(html)
    assert "1.234,56 €" in plain and "Forderung 900,00 €" in plain


def test_known_entries_name_existing_variants() -> None:
    names = {f"{f}/{v}" for f, vs in transform.FAMILIES.items() for v in vs} | {f"{f}/*" for f in transform.FAMILIES}
    assert {k for k, _ in KNOWN} <= names
    ids = set()
    for path in Path(__file__).resolve().parents[1].glob("data/tuning*/*.json"):
        if path.name != "records.json":
            ids.add(f"{path.parent.name}/{json.loads(path.read_text(encoding='utf-8'))['id']}")
    assert {b for _, b in KNOWN} <= ids
