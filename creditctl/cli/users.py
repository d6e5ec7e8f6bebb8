"""People of the review desk: users add, list, disable, unlock."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from creditctl.cli.common import (
    JsonOpt,
    app,
    emit_json,
    err,
    open_runtime,
    out,
    run_command,
)
from creditctl.exceptions import UsageError

users_app = typer.Typer(
    help="Accounts of the review desk (/desk/).\n\nExample: creditctl users add anna --role admin", no_args_is_help=True
)
app.add_typer(users_app, name="users")


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(metavar="NAME", help="Sign-in name (letters, digits, . _ -).")],
    role: Annotated[
        str,
        typer.Option(
            "--role",
            help="viewer (sees the queue and emails, decides nothing), reviewer (decides held emails) or admin "
            "(also overrides, undoes any time, operations pages).",
        ),
    ] = "reviewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin (first line).")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Create a desk account; the password is asked twice on the terminal (or read from stdin).

    Example: creditctl users add anna --role admin
             printf '%s\\n' "$PW" | creditctl users add rita --role reviewer --password-stdin
             creditctl users add marta --role viewer
    """

    def go() -> int:
        from creditctl.services import users

        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        elif sys.stdin.isatty():
            password = typer.prompt("password", hide_input=True, confirmation_prompt=True, err=True)
        else:
            raise UsageError("no terminal to ask for the password; pass --password-stdin")
        runtime = open_runtime()
        doc = users.add_user(runtime.ctx, name=name, password=password, role=role)
        emit_json(doc) if as_json else err.print(f"user {name} ({role}) created; sign in at /desk/login")
        return 0

    run_command(go)


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """Every desk account with role, state and last sign-in.

    Example: creditctl users list --json
    """

    def go() -> int:
        from creditctl import display
        from creditctl.services import users

        runtime = open_runtime()
        rows = users.list_users(runtime.ctx)
        if as_json:
            emit_json(rows)
            return 0
        for u in rows:
            out.print(
                f"{u['name']:<20} {u['role']:<9} {'disabled' if u['disabled'] else 'active':<9} "
                f"last sign-in {display.at(u['last_login_at']) or 'never'}",
                highlight=False,
            )
        if not rows:
            err.print("no users yet: creditctl users add NAME --role admin")
        return 0

    run_command(go)


@users_app.command("disable")
def users_disable(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The account to disable.")],
    as_json: JsonOpt = False,
) -> None:
    """Disable an account and end its sessions at once.

    Example: creditctl users disable rita
    """

    def go() -> int:
        from creditctl.services import users

        runtime = open_runtime()
        doc = users.disable_user(runtime.ctx, name=name)
        emit_json(doc) if as_json else err.print(f"user {name} disabled ({doc['sessions_ended']} sessions ended)")
        return 0

    run_command(go)


@users_app.command("unlock")
def users_unlock(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The account locked by failed sign-ins.")],
    as_json: JsonOpt = False,
) -> None:
    """Lift the lock five wrong passwords put on an account (else it lasts 15 minutes);
    logged with the operator's name.

    Example: creditctl users unlock rita
    """

    def go() -> int:
        from creditctl.cli.common import operator
        from creditctl.services import users

        runtime = open_runtime()
        doc = users.unlock_user(runtime.ctx, name=name, by=operator())
        if as_json:
            emit_json(doc)
        else:
            state = "unlocked" if doc["was_locked"] else "was not locked"
            err.print(f"user {name} {state} ({doc['failures_cleared']} failed sign-ins cleared)")
        return 0

    run_command(go)
