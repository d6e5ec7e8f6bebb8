"""The CLI's consoles are built at their first use (creditctl/cli/common.py), and Rich's
Live and Progress work through them (``status --watch``, ``reprocess --wait``)."""

from __future__ import annotations

import io

from rich.live import Live
from rich.progress import Progress
from rich.text import Text

from creditctl.cli.common import _LazyConsole


def test_live_and_progress_through_a_lazy_console():
    lazy = _LazyConsole(stderr=False)
    assert lazy._console is None
    real = lazy._built()
    real.file = buffer = io.StringIO()
    with Live(Text("first"), console=lazy, auto_refresh=False) as live:  # type: ignore[arg-type]
        live.update(Text("second"), refresh=True)
    with Progress(console=lazy, transient=False) as progress:  # type: ignore[arg-type]
        task = progress.add_task("reprocess", total=1)
        progress.advance(task)
    assert "second" in buffer.getvalue() and "reprocess" in buffer.getvalue()


def test_off_a_terminal_no_message_is_wrapped_at_80_columns(monkeypatch):
    message = "email 4 is auto_matched (finished); use `creditctl reprocess --ids 4` to run it again " + "x" * 60
    for name in ("stderr", "stdout"):
        buffer = io.StringIO()  # not a terminal: a pipe, a file, a log
        monkeypatch.setattr(f"sys.{name}", buffer)
        monkeypatch.delenv("COLUMNS", raising=False)
        lazy = _LazyConsole(stderr=name == "stderr")
        lazy.print(message, highlight=False)
        assert buffer.getvalue() == message + "\n", name
