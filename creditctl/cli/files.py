"""One email file without the server: ingest, clean, extract."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from creditctl import render
from creditctl.cli.common import JsonOpt, app, emit_json, err, open_runtime, out, run_command
from creditctl.exceptions import UsageError


@app.command()
def ingest(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="An .eml, .json (webhook payload), .html or .txt file.", exists=True)
    ],
    as_json: JsonOpt = False,
) -> None:
    """Store one email from a file and enqueue it, as if Zendesk had posted it.

    Example: creditctl ingest reply.eml
    """

    def go() -> int:
        from creditctl.services import files

        runtime = open_runtime()
        result = files.ingest_file(runtime.ctx, path=path)
        if as_json:
            emit_json({"status": result.status, "email_id": result.email_id})
        else:
            err.print(f"{result.status}: email {result.email_id}")
        return 0

    run_command(go)


@app.command()
def clean(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="An .eml, .html, .txt or webhook .json file.", exists=True)
    ],
    as_json: JsonOpt = False,
) -> None:
    """Show what the extractor sees: the reply, the quoted history, the signature.

    Example: creditctl clean reply.eml --json
    """

    def go() -> int:
        from creditctl.services import files
        from creditctl.settings import get_settings

        doc = files.clean_file(get_settings(), path=path)
        emit_json(doc) if as_json else render.parsed(out, doc)
        return 0

    run_command(go)


@app.command()
def extract(
    path: Annotated[
        Path, typer.Argument(metavar="PATH", help="An .eml, .html, .txt or webhook .json file.", exists=True)
    ],
    extractor: Annotated[str | None, typer.Option(help="rules or claude (default: CREDITCTL_EXTRACTOR).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Clean and extract one email file without touching the database.

    Example: creditctl extract reply.eml --extractor rules --json
    """

    def go() -> int:
        from creditctl.services import files
        from creditctl.settings import get_settings

        if extractor not in (None, "rules", "claude", "auto"):
            raise UsageError("--extractor must be rules or claude")
        doc = files.extract_file(get_settings(), path=path, extractor=extractor)
        emit_json(doc) if as_json else render.extraction(out, doc)
        return 0

    run_command(go)
