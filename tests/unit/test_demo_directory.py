"""``creditctl demo`` says at the start whether its directory is removed at the end."""

import io
from pathlib import Path

import pytest
from rich.console import Console

from creditctl import demo
from creditctl.exceptions import CreditctlError


def _first_line(monkeypatch: pytest.MonkeyPatch, *, keep: bool) -> tuple[str, Path]:
    def stop(*_args: object, **_kwargs: object) -> None:
        raise CreditctlError("stopped by the test")

    monkeypatch.setattr(demo, "_run", stop)
    buffer = io.StringIO()
    err = Console(file=buffer, width=1000)
    with pytest.raises(CreditctlError):
        demo.run_demo(out=Console(file=io.StringIO()), err=err, keep=keep)
    first = buffer.getvalue().splitlines()[0]
    return first, Path(first.split()[2])


def test_without_keep_the_directory_line_says_it_is_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    line, home = _first_line(monkeypatch, keep=False)
    assert line.endswith(" (removed at the end; --keep keeps it)") and not home.exists()


def test_with_keep_the_directory_line_says_it_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    line, home = _first_line(monkeypatch, keep=True)
    try:
        assert line.endswith(" (kept; --keep)") and home.is_dir()
    finally:
        shutil.rmtree(home, ignore_errors=True)
