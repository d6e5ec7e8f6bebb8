"""``creditctl eval``: accuracy, automation rate and wrong applies on labelled mail."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from creditctl.cli.common import JsonOpt, app, emit_json, out, run_command
from creditctl.exceptions import UsageError


@app.command("eval")
def eval_command(
    directory: Annotated[
        Path | None,
        typer.Argument(
            metavar="DIRECTORY",
            help="A labelled directory (records.json + case *.json, or subdirectories that are suites).",
        ),
    ] = None,
    extractor: Annotated[str | None, typer.Option(help="rules or claude (default: CREDITCTL_EXTRACTOR).")] = None,
    reviewed: Annotated[
        bool,
        typer.Option(
            "--reviewed",
            help="Score the office's reviewed emails in the database (the reviewer's decision is the label).",
        ),
    ] = False,
    since: Annotated[str | None, typer.Option(help="With --reviewed: emails received since WHEN.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Clean, extract, match and gate labelled emails with the current code, writing nothing.

    Prints per-field accuracy and the reasons of every hold; for a suite with a
    records.json (the clients its cases are matched against) also the automation rate
    and every wrong apply; a suite without one is scored on its fields only, and says so
    (docs/evaluation.md). Exit 0; 1 or 2 only for unreadable input or usage.

    Example: creditctl eval tests/data/tuning --json      creditctl eval --reviewed --since 30d
    """

    def go() -> int:
        from creditctl.services import evaluation
        from creditctl.services.context import AppContext
        from creditctl.settings import get_settings

        if extractor not in (None, "rules", "claude", "auto"):
            raise UsageError("--extractor must be rules or claude")
        if reviewed == (directory is not None):
            raise UsageError("give a labelled DIR or --reviewed (one of them)")
        if since is not None and not reviewed:
            raise UsageError("--since goes with --reviewed")
        from creditctl.logs import configure_logging

        settings = get_settings()
        configure_logging(settings.log_level, redact_personal_data=settings.log_redact)
        ctx = AppContext(settings=settings)  # no queue, no migration: eval writes nothing
        if directory is None:  # --reviewed (checked above)
            from creditctl.timeparse import read_since

            when = read_since(since, settings.office_timezone)
            report = evaluation.evaluate_reviewed(ctx, since=when, extractor=extractor)
        else:
            report = evaluation.evaluate_directory(ctx, directory, extractor=extractor)
        if as_json:
            emit_json(report)
        else:
            _render(report)
        return 0

    run_command(go)


def _pct(value: float | None) -> str:
    return "   —  " if value is None else f"{value:6.1%}"


def _fields_only(report: dict[str, Any], block: dict[str, Any]) -> str:
    """Why a block has no automation rate and no wrong applies."""
    if report.get("directory") is None:  # --reviewed
        return "fields only: no reviewed email with a decision to score"
    where = Path(report["directory"])
    if block["suite"] not in (where.name, "combined"):
        where = where / block["suite"]
    return (
        f"fields only: no records.json in {where} (no automation rate, no wrong applies: "
        "nothing to match the cases against)"
    )


MISSED_SHOWN = 5
"""How many cases ``eval`` names under a field below 100 % (then "… and N more"; ``--json``: all)."""


def missed_lines(items: list[dict[str, Any]], field: str, shown: int = MISSED_SHOWN) -> list[str]:
    """The lines naming the cases of ``items`` (``evaluation`` report items) that missed
    ``field``: ``missed SUITE/ID: expected X, got Y``, the first ``shown``, then ``… and N
    more``; ``[]`` when none missed it (a field not scored for a case is no miss)."""
    missed = [i for i in items if (i.get("fields") or {}).get(field, {}).get("hit") is False]
    lines = [
        f"      missed {i['suite']}/{i['id']}: expected {i['fields'][field].get('expected')!r}, "
        f"got {i['fields'][field].get('got')!r}"
        for i in missed[:shown]
    ]
    if len(missed) > shown:
        lines.append(f"      … and {len(missed) - shown} more (`--json`: every case)")
    return lines


def _render(report: dict[str, Any]) -> None:
    suites = report["suites"]
    blocks = suites + ([report["combined"]] if len(suites) > 1 else [])
    out.print(f"extractor: {report['extractor']}", highlight=False, soft_wrap=True)
    for block in blocks:
        out.print(f"\n[bold]{block['suite']}[/bold]: {block['cases']} cases", highlight=False, soft_wrap=True)
        listed = block is blocks[-1] or len(suites) == 1  # the cases are named once, as the held ones are
        for name, f in block["fields"].items():
            out.print(
                f"  {name:<20} {_pct(f['accuracy'])}  ({f['hits']}/{f['cases']})", highlight=False, soft_wrap=True
            )
            if listed:
                for line in missed_lines(block.get("items") or [], name):
                    out.print(line, highlight=False, soft_wrap=True, markup=False)
        if block["outcome_cases"]:
            out.print(
                f"  automation rate      {_pct(block['automation_rate'])}  "
                f"({block['correct_applies']}/{block['expected_applies']} expected applies applied correctly)",
                highlight=False,
                soft_wrap=True,
            )
            out.print(f"  correct holds        {block['correct_holds']}", highlight=False, soft_wrap=True)
            out.print(f"  wrong applies        {len(block['wrong_applies'])}", highlight=False, soft_wrap=True)
            for w in block["wrong_applies"]:
                out.print(f"    [red]WRONG[/red] {w['suite']}/{w['id']}: {w['why']}", highlight=False, soft_wrap=True)
        else:
            out.print(f"  {_fields_only(report, block)}", highlight=False, soft_wrap=True)
        for e in block["errors"]:
            out.print(f"  [red]error[/red] {e['id']}: {e['error']}", highlight=False, soft_wrap=True)
        if block is blocks[-1] or len(suites) == 1:
            for h in block["held"]:
                exp = f" (expected {h['expected']})" if h.get("expected") else ""
                out.print(
                    f"  held {h['suite']}/{h['id']}{exp}: {'; '.join(h['reasons'])}", highlight=False, soft_wrap=True
                )
                for r in h.get("readings") or []:
                    out.print(f"      reading {r.get('source')}: {r.get('total')}", highlight=False, soft_wrap=True)
