"""The creditctl command line (Typer + Rich): thin command groups over the service layer.

``common`` holds the app and the one error boundary; each module is a command group
and registers its commands on import.
"""

from __future__ import annotations

from creditctl.cli import (  # noqa: F401  (register commands)
    admin,
    evaluate,
    files,
    observe,
    operate,
    quarantine,
    review,
    run,
    users,
)
from creditctl.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
